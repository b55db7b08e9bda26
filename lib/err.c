/* err.c - see err.h. */
#include "err.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void err_init(struct err *err)
{
	err->msg[0] = '\0';
}

int err_set(struct err *err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
	return -1;
}

void err_prefix(struct err *err, const char *fmt, ...)
{
	char old[ERR_MAX];
	size_t n, len;
	va_list ap;
	int w;

	memcpy(old, err->msg, sizeof(old));
	va_start(ap, fmt);
	w = vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
	n = w < 0 ? 0 : (size_t)w;
	if (n + 3 >= sizeof(err->msg))
		return;
	err->msg[n++] = ':';
	err->msg[n++] = ' ';
	len = strnlen(old, sizeof(old));
	if (len > sizeof(err->msg) - n - 1)
		len = sizeof(err->msg) - n - 1;
	memcpy(err->msg + n, old, len);
	err->msg[n + len] = '\0';
}

bool err_isset(const struct err *err)
{
	return err->msg[0] != '\0';
}

void err_release(struct err *err)
{
	err->msg[0] = '\0';
}
