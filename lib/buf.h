/*
 * buf.h - a growable byte buffer for message bytes and output text.
 *
 * Owns: the heap block in data. The bytes may contain NULs; len is the
 * truth. data is always NUL-terminated (data[len] == 0) for convenience,
 * but nothing may rely on that for message bytes.
 *
 * Limits: max caps len; 0 means no cap beyond memory. Growing past max, or
 * running out of memory, fails with -1 and a message in err; the buffer is
 * left as it was.
 */
#ifndef RSPAMC_BUF_H
#define RSPAMC_BUF_H

#include <stdarg.h>
#include <stddef.h>

#include "err.h"

struct buf {
	char *data;
	size_t len;
	size_t alloc;
	size_t max;
};

#define BUF_INIT { NULL, 0, 0, 0 }

void buf_init(struct buf *b, size_t max);
void buf_release(struct buf *b);
/* Empty the buffer but keep its memory. */
void buf_reset(struct buf *b);
/* Make room for at least extra more bytes. */
int buf_grow(struct buf *b, size_t extra, struct err *err);
int buf_add(struct buf *b, const void *p, size_t n, struct err *err);
int buf_addstr(struct buf *b, const char *s, struct err *err);
int buf_addch(struct buf *b, char c, struct err *err);
int buf_addf(struct buf *b, struct err *err, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
int buf_vaddf(struct buf *b, struct err *err, const char *fmt, va_list ap)
	__attribute__((format(printf, 3, 0)));
/* Give the block to the caller (free() it); the buffer becomes empty. */
char *buf_detach(struct buf *b, size_t *len_r);

/*
 * Append everything readable from fd until end of file. name is used in
 * the error message ("cannot read 'name': Is a directory"). EINTR is
 * retried; any other read error fails.
 */
int buf_read_fd(struct buf *b, int fd, const char *name, struct err *err);
/* Append a whole file; "-" is not special here. */
int buf_read_file(struct buf *b, const char *path, struct err *err);

#endif
