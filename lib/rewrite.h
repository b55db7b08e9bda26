/*
 * rewrite.h - the --mime rewriter: the message with X-Spam-* headers.
 *
 * Works on the raw bytes, not on a MIME tree: it finds the end of the
 * header block and writes the message out through a writer callback in
 * pieces (no copy of the body), inserting rspamc 3.4's headers right after
 * the last header line:
 *
 *   X-Spam-Scanner, X-Spam-Scan-Time, X-Spam (spam actions only),
 *   X-Spam-Action, X-Spam-Score, X-Spam-Level, X-Spam-Symbols (folded after
 *   every comma), DKIM-Signature (from the reply), X-Spam-Result (base64 of
 *   the reply, 60-character pieces) when a result style is set.
 *
 * Line endings of the inserted lines follow the bytes before the insertion
 * point (CRLF, LF or a lone CR); nothing else is converted. Everything
 * outside the header block is copied byte for byte, NULs included; a
 * leading mbox "From " line stays first.
 *
 * Beyond rspamc 3.4 (each switchable in struct rewrite_opts): the reply's
 * milter remove_headers (index 0: every occurrence, n: the n-th, -n: the
 * n-th from the end) are removed and its add_headers are written after our
 * headers (names that are not printable ASCII without ':' are skipped);
 * the reply's subject replaces the value of the first Subject field, or
 * is added after our headers when there is none; and earlier X-Spam,
 * X-Spam-Scanner, -Scan-Time, -Action, -Score, -Level, -Symbols, -Result
 * and -Error fields (any case, with their continuation lines) are removed
 * so that a sender cannot forge them. Values from the reply are
 * sanitised: CR and LF become spaces (a NUL cannot occur in a C string);
 * DKIM signatures are used as they are (the server may have folded them).
 *
 * Messages without a blank line after the headers are not dropped (3.4
 * wrote nothing): a header-only message gets the headers appended (with a
 * line ending first if its last line had none), and text after the
 * leading header lines (all of the message when its first line is not a
 * header) gets the headers and a blank line in front. A message starting
 * with a blank line gets the headers in front of it.
 *
 * Lines end with LF or CRLF; a lone CR ends a line only in a message
 * whose first line ending is a lone CR (CR-only files).
 *
 * Errors: an empty message fails with "empty message" and nothing is
 * written. The writer's failure is passed back (-1); the err from the
 * writer is kept.
 */
#ifndef RSPAMC_REWRITE_H
#define RSPAMC_REWRITE_H

#include <stdbool.h>
#include <stddef.h>

#include "emit.h"
#include "err.h"
#include "result.h"

typedef int (*rewrite_write_fn)(void *ctx, const void *p, size_t n,
				struct err *err);

struct rewrite_opts {
	const char *scanner;     /* X-Spam-Scanner value: "rspamc 3.4" */
	double scan_time;        /* seconds */
	bool with_result;        /* add X-Spam-Result */
	enum emit_style result_style; /* its encoding: JSON, compact or UCL */
	bool apply_milter;       /* remove_headers / add_headers */
	bool rewrite_subject;    /* apply the reply's subject */
	bool strip_own;          /* drop earlier X-Spam-* headers we write */
};

void rewrite_opts_init(struct rewrite_opts *o); /* all the extras on */

/* The message with the scan result in its headers. */
int rewrite_message(const char *msg, size_t len, const struct scan_result *r,
		    const struct rewrite_opts *o, rewrite_write_fn write,
		    void *ctx, struct err *err);

/*
 * The message unchanged but for X-Spam-Scanner, X-Spam-Scan-Time ("%.3f")
 * and X-Spam-Error: why it was not scanned (error is sanitised).
 */
int rewrite_unscanned(const char *msg, size_t len, const char *error,
		      const struct rewrite_opts *o, rewrite_write_fn write,
		      void *ctx, struct err *err);

#endif
