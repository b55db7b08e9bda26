/*
 * output_fmt.c - see output_fmt.h.
 */
#include "output_fmt.h"

#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* fmt, optionally wrapped in bold when stdout is a terminal. */
int fmt_em(struct buf *out, const struct output_opts *o, struct err *err,
	   const char *fmt, ...)
{
	va_list ap;
	int rc;

	if (o->tty && buf_addstr(out, ESC_BOLD, err) < 0)
		return -1;
	va_start(ap, fmt);
	rc = buf_vaddf(out, err, fmt, ap);
	va_end(ap);
	if (rc == 0 && o->tty)
		rc = buf_addstr(out, ESC_RESET, err);
	return rc;
}

/* Text centred in width the way fmt's "{:^N}" does (extra space right). */
int fmt_centred(struct buf *out, const char *text, int width,
		struct err *err)
{
	int len = (int)strlen(text);
	int pad = len < width ? width - len : 0;

	return buf_addf(out, err, "%*s%s%*s", pad / 2, "", text,
			pad - pad / 2, "");
}

/* ucl_object_todouble(): numbers as they are, anything else 0. */
double fmt_todouble(const json_t *v)
{
	return json_is_number(v) ? json_number_value(v) : 0.0;
}

/* ucl_object_toint(): integers, reals truncated, anything else 0. */
long long fmt_toint(const json_t *v)
{
	double d;

	if (json_is_integer(v))
		return (long long)json_integer_value(v);
	if (!json_is_real(v))
		return 0;
	d = json_real_value(v);
	if (!(d > -9.3e18 && d < 9.3e18))
		return d > 0 ? LLONG_MAX : LLONG_MIN;
	return (long long)d;
}

/* A C++ double-to-int conversion as x86 does it (INT_MIN when out of range). */
int fmt_trunc_int(double d)
{
	if (!(d > -2147483649.0 && d < 2147483648.0))
		return INT_MIN;
	return (int)d;
}

/*
 * fmt's "{}" for a double: the shortest text that reads back the same,
 * fixed notation for decimal exponents -4..15, else "1e+17" style.
 */
void fmt_shortest(double d, char *res, size_t size)
{
	char tmp[40], digits[20];
	const char *sign = signbit(d) ? "-" : "";
	int p, e, nd = 0;
	char *s, *mark;

	if (isnan(d) || isinf(d)) {
		snprintf(res, size, "%s%s", isnan(d) ? "" : sign,
			 isnan(d) ? "nan" : "inf");
		return;
	}
	for (p = 1; p <= 17; p++) {
		snprintf(tmp, sizeof(tmp), "%.*e", p - 1, d);
		if (strtod(tmp, NULL) == d)
			break;
	}
	s = tmp + (tmp[0] == '-');
	mark = strchr(s, 'e');
	e = (int)strtol(mark + 1, NULL, 10);
	for (; s < mark; s++)
		if (*s >= '0' && *s <= '9')
			digits[nd++] = *s;
	while (nd > 1 && digits[nd - 1] == '0')
		nd--;
	digits[nd] = '\0';
	if (e < -4 || e >= 16)
		snprintf(res, size, "%s%c%s%se%c%02d", sign, digits[0],
			 nd > 1 ? "." : "", digits + 1, e < 0 ? '-' : '+',
			 e < 0 ? -e : e);
	else if (e < 0)
		snprintf(res, size, "%s0.%.*s%s", sign, -e - 1, "000", digits);
	else if (nd <= e + 1)
		snprintf(res, size, "%s%s%.*s", sign, digits, e + 1 - nd,
			 "000000000000000");
	else
		snprintf(res, size, "%s%.*s.%s", sign, e + 1, digits,
			 digits + e + 1);
}
