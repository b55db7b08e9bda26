/* buf.c - see buf.h. */
#include "buf.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

void buf_init(struct buf *b, size_t max)
{
	b->data = NULL;
	b->len = 0;
	b->alloc = 0;
	b->max = max;
}

void buf_release(struct buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = 0;
	b->alloc = 0;
}

void buf_reset(struct buf *b)
{
	b->len = 0;
	if (b->data != NULL)
		b->data[0] = '\0';
}

int buf_grow(struct buf *b, size_t extra, struct err *err)
{
	size_t need, cap;
	char *p;

	if (extra > SIZE_MAX - b->len - 1)
		return err_set(err, "buffer size overflow");
	need = b->len + extra + 1;
	if (b->max != 0 && b->len + extra > b->max)
		return err_set(err, "data exceeds the limit of %zu bytes", b->max);
	if (need <= b->alloc)
		return 0;
	cap = b->alloc < 64 ? 64 : b->alloc;
	while (cap < need)
		cap = cap > SIZE_MAX / 2 ? need : cap * 2;
	p = realloc(b->data, cap);
	if (p == NULL)
		return err_set(err, "out of memory (%zu bytes)", cap);
	b->data = p;
	b->alloc = cap;
	return 0;
}

int buf_add(struct buf *b, const void *p, size_t n, struct err *err)
{
	if (buf_grow(b, n, err) < 0)
		return -1;
	if (n > 0)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
	return 0;
}

int buf_addstr(struct buf *b, const char *s, struct err *err)
{
	return buf_add(b, s, strlen(s), err);
}

int buf_addch(struct buf *b, char c, struct err *err)
{
	return buf_add(b, &c, 1, err);
}

/*
 * One vsnprintf when the text fits in the room the buffer already has (the
 * usual case for output lines); otherwise measure, grow and print again.
 */
int buf_vaddf(struct buf *b, struct err *err, const char *fmt, va_list ap)
{
	size_t room = b->alloc > b->len ? b->alloc - b->len : 0;
	va_list cp;
	int n;

	va_copy(cp, ap);
	n = vsnprintf(room > 0 ? b->data + b->len : NULL, room, fmt, cp);
	va_end(cp);
	if (n < 0) {
		if (room > 0)
			b->data[b->len] = '\0';
		return err_set(err, "bad format string");
	}
	if ((size_t)n < room && (b->max == 0 || b->len + (size_t)n <= b->max)) {
		b->len += (size_t)n;
		return 0;
	}
	if (room > 0)
		b->data[b->len] = '\0';
	if (buf_grow(b, (size_t)n, err) < 0)
		return -1;
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
	return 0;
}

int buf_addf(struct buf *b, struct err *err, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = buf_vaddf(b, err, fmt, ap);
	va_end(ap);
	return rc;
}

char *buf_detach(struct buf *b, size_t *len_r)
{
	char *p = b->data;

	if (p == NULL) {
		p = calloc(1, 1);
		if (p == NULL)
			return NULL;
	}
	if (len_r != NULL)
		*len_r = b->len;
	b->data = NULL;
	b->len = 0;
	b->alloc = 0;
	return p;
}

static int read_probe_limit(struct buf *b, int fd, const char *name,
			    struct err *err)
{
	char probe;
	ssize_t n;

	do
		n = read(fd, &probe, 1);
	while (n < 0 && errno == EINTR);
	if (n > 0)
		return err_set(err, "'%s' exceeds the limit of %zu bytes", name,
			       b->max);
	if (n < 0)
		return err_set(err, "cannot read '%s': %s", name,
			       strerror(errno));
	return 0;
}

int buf_read_fd(struct buf *b, int fd, const char *name, struct err *err)
{
	struct stat st;
	size_t room;
	ssize_t n;

	/* read() on a directory fails with EISDIR, but say it plainly. */
	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode))
		return err_set(err, "cannot read '%s': %s", name,
			       strerror(EISDIR));
	/* A regular file: room for all of it and one byte more, so that the
	 * read that sees its end needs no second (copying) growth. */
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0 &&
	    (b->max == 0 || (size_t)st.st_size <= b->max - b->len) &&
	    buf_grow(b, (size_t)st.st_size +
			    (b->max == 0 ||
			     (size_t)st.st_size < b->max - b->len), err) < 0)
		return -1;
	for (;;) {
		if (b->max != 0 && b->len >= b->max)
			return read_probe_limit(b, fd, name, err);
		if (b->alloc <= b->len + 1) {
			room = 65536;
			if (b->max != 0 && room > b->max - b->len)
				room = b->max - b->len;
			if (buf_grow(b, room, err) < 0)
				return -1;
		}
		room = b->alloc - b->len - 1;
		if (b->max != 0 && room > b->max - b->len)
			room = b->max - b->len;
		n = read(fd, b->data + b->len, room);
		if (n == 0)
			return 0;
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return err_set(err, "cannot read '%s': %s", name,
				       strerror(errno));
		}
		b->len += (size_t)n;
		b->data[b->len] = '\0';
	}
}

int buf_read_file(struct buf *b, const char *path, struct err *err)
{
	int fd, rc;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return err_set(err, "cannot open '%s': %s", path, strerror(errno));
	rc = buf_read_fd(b, fd, path, err);
	close(fd);
	return rc;
}
