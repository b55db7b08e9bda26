/*
 * output_fmt.h - the small printing helpers every text output shares.
 *
 * Owns: the terminal escapes rspamc 3.4 prints (bold, fmt's 24-bit
 * colours), bold text on a terminal, fmt-style centring and shortest
 * double formatting, and libucl's number conversions (ucl_object_toint,
 * ucl_object_todouble) and x86's double-to-int truncation, which rspamc's
 * output and comparators depend on. Nothing is kept between calls.
 */
#ifndef RSPAMC_OUTPUT_FMT_H
#define RSPAMC_OUTPUT_FMT_H

#include <jansson.h>
#include <stddef.h>

#include "buf.h"
#include "err.h"
#include "output.h"

#define ESC_BOLD "\033[1m"
#define ESC_RESET "\033[0m"
/* fmt's 24-bit colours as rspamc 3.4 prints them (3 digits each). */
#define ESC_RED "\033[38;2;255;000;000m"
#define ESC_GREEN "\033[38;2;000;128;000m"
#define ESC_ORANGE "\033[38;2;255;165;000m"
#define ESC_GREY "\033[38;2;128;128;128m"

/* fmt, optionally wrapped in bold when stdout is a terminal. */
int fmt_em(struct buf *out, const struct output_opts *o, struct err *err,
	   const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* Text centred in width the way fmt's "{:^N}" does (extra space right). */
int fmt_centred(struct buf *out, const char *text, int width,
		struct err *err);

/* ucl_object_todouble(): numbers as they are, anything else 0. */
double fmt_todouble(const json_t *v);

/* ucl_object_toint(): integers, reals truncated, anything else 0. */
long long fmt_toint(const json_t *v);

/* A C++ double-to-int conversion as x86 does it (INT_MIN when out of range). */
int fmt_trunc_int(double d);

/*
 * fmt's "{}" for a double into res: the shortest text that reads back the
 * same, fixed notation for decimal exponents -4..15, else "1e+17" style.
 */
void fmt_shortest(double d, char *res, size_t size);

#endif
