/*
 * output.h - how rspamc prints replies: text report, JSON, UCL, commands.
 *
 * Every function appends to a struct buf; the caller writes it out. The
 * scan report reads only struct scan_result; other commands read the
 * reply's JSON object. Formats are rspamc 3.4's, line for line (see the
 * README's compatibility section).
 */
#ifndef RSPAMC_OUTPUT_H
#define RSPAMC_OUTPUT_H

#include <jansson.h>
#include <stdbool.h>

#include "buf.h"
#include "err.h"
#include "result.h"
#include "transport.h"

enum output_format {
	OUTPUT_TEXT,    /* the default report */
	OUTPUT_JSON,    /* -j: pretty JSON */
	OUTPUT_COMPACT, /* --compact (with or without -j) */
	OUTPUT_UCL,     /* --ucl */
};

struct output_opts {
	enum output_format format;
	const char *sort;     /* --sort value ("name", "score:asc", ...), NULL = name */
	bool tty;             /* stdout is a terminal: bold and colours */
	bool headers;         /* --headers: print the reply's HTTP headers */
	bool heading;         /* print "Results for ..." and the final blank line
			       * (false when the text goes to an --exec child) */
	bool extended_urls;   /* --extended-urls: Urls/Emails pretty-printed */
	bool json;            /* -j was given (also with --compact/--ucl): a
			       * failed request echoes the reply body */
};

/*
 * The report of one scanned input. name is the file name ("stdin",
 * "empty"); elapsed is printed "%.3g". reply may be NULL (in-process scan);
 * when it carries a body after Message-Offset, that body is printed after
 * "New body:". For JSON/UCL, "filename" and "scan_time" are appended to the
 * reply object as rspamc does (not when heading is false, as rspamc does
 * for --exec).
 */
int output_scan(struct buf *out, const char *name, double elapsed,
		const struct scan_result *r, const struct http_reply *reply,
		const struct output_opts *o, struct err *err);

/*
 * The reply of a controller command (stat, stat_reset, counters, uptime)
 * or a learn/fuzzy command (printed as UCL in text mode, with filename and
 * scan_time). cmd is the command name as rspamc names it; name is the file
 * name for commands that take input, NULL otherwise ("Results for command:
 * <cmd>" heading).
 */
int output_command(struct buf *out, const char *cmd, const char *name,
		   double elapsed, json_t *reply_obj,
		   const struct http_reply *reply, const struct output_opts *o,
		   struct err *err);

/*
 * A failed request: the heading (unless -j/--compact), the error text,
 * with -j the raw reply body if one was received, then an empty line.
 * cmd is used for the heading when name is NULL.
 */
int output_error(struct buf *out, const char *cmd, const char *name,
		 double elapsed, const char *error,
		 const struct http_reply *reply, const struct output_opts *o,
		 struct err *err);

/* rspamc's "%.3g" seconds, as in "Results for file: x (0.408 seconds)". */
int output_seconds(struct buf *out, double t, struct err *err);

#endif
