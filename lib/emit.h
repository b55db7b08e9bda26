/*
 * emit.h - write JSON values as text the way rspamc 3.4 prints them.
 *
 * rspamc parses replies with libucl and prints them with libucl's emitter,
 * so its -j, --compact and --ucl outputs have libucl's look: 4-space
 * indent, reals written "%.1f" when integral and "%f" otherwise (3.400000,
 * 15.0), integers as integers, strings JSON-escaped. This module
 * reproduces that look from jansson values; it owns nothing.
 *
 * Styles:
 *   EMIT_JSON        pretty JSON, no trailing newline
 *   EMIT_JSON_COMPACT one line, no trailing newline
 *   EMIT_UCL         UCL "config" text: key = value; lines, objects as
 *                    "key {" blocks, ending with a newline
 *
 * Errors: only out-of-memory from the buffer.
 */
#ifndef RSPAMC_EMIT_H
#define RSPAMC_EMIT_H

#include <jansson.h>

#include "buf.h"
#include "err.h"

enum emit_style {
	EMIT_JSON,
	EMIT_JSON_COMPACT,
	EMIT_UCL,
};

int emit_value(struct buf *out, const json_t *v, enum emit_style style,
	       struct err *err);
/* A real number as libucl writes it. */
int emit_double(struct buf *out, double d, struct err *err);

#endif
