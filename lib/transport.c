/*
 * transport.c - opens the HTTP transport module (see transport.h) with
 * module.c's search order, and owns the http_reply helpers shared by the
 * module and its callers.
 */
#include "transport.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "module.h"

static const struct transport_ops *loaded_ops;

const struct transport_ops *transport_load(const char *exe_path,
					   struct err *err)
{
	if (loaded_ops == NULL)
		loaded_ops = module_load(exe_path, TRANSPORT_MODULE_NAME,
					 TRANSPORT_ENTRY, TRANSPORT_ABI,
					 "the HTTP transport", err);
	return loaded_ops;
}

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
