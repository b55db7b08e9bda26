/*
 * http_reply.c - struct http_reply's life cycle and header lookup (see
 * transport.h). A file of its own because both the program and the
 * transport module (rspamc-curl.so) link it.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "transport.h"

void http_reply_init(struct http_reply *r)
{
	memset(r, 0, sizeof(*r));
	buf_init(&r->body, 0);
}

void http_reply_release(struct http_reply *r)
{
	size_t i;

	for (i = 0; i < r->n_headers; i++) {
		free(r->headers[i].name);
		free(r->headers[i].value);
	}
	free(r->headers);
	free(r->reason);
	buf_release(&r->body);
	http_reply_init(r);
}

const char *http_reply_header(const struct http_reply *r, const char *name)
{
	size_t i;

	for (i = 0; i < r->n_headers; i++)
		if (strcasecmp(r->headers[i].name, name) == 0)
			return r->headers[i].value;
	return NULL;
}
