/*
 * err.h - an error message the library hands back to its caller.
 *
 * Owns: one fixed-size message buffer. Library functions return 0 or a
 * negative value and, on failure, describe what failed in the caller's
 * struct err with a message complete enough to print as is, for example
 * "cannot open 'msg.eml': No such file or directory". The library never
 * prints; the program decides where the message goes.
 *
 * Limits: a message longer than ERR_MAX - 1 bytes is truncated.
 */
#ifndef RSPAMC_ERR_H
#define RSPAMC_ERR_H

#include <stdbool.h>

#define ERR_MAX 1024

struct err {
	char msg[ERR_MAX];
};

void err_init(struct err *err);
/* Replace the message. Returns -1 so callers can write "return err_set(...)". */
int err_set(struct err *err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Put "<prefix>: " in front of the current message. */
void err_prefix(struct err *err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
bool err_isset(const struct err *err);
void err_release(struct err *err);

#endif
