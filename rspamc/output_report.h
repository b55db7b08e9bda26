/*
 * output_report.h - the text report of one scan, as rspamc 3.4 prints it.
 *
 * Owns: the lines from "[Metric: default]" to "Profile data:": action
 * (coloured on a terminal), spam flag, subject, score, symbols in --sort
 * order with options, Message-ID, Queue-ID, Urls/Emails, scan error,
 * messages, DKIM signatures and the profile with rspamc's odd sort. The
 * heading, HTTP headers and "New body:" are output.c's.
 */
#ifndef RSPAMC_OUTPUT_REPORT_H
#define RSPAMC_OUTPUT_REPORT_H

#include "buf.h"
#include "err.h"
#include "output.h"
#include "result.h"

/* Append the report of r; reads r->raw when the scan came from rspamd. */
int report_scan(struct buf *out, const struct scan_result *r,
		const struct output_opts *o, struct err *err);

#endif
