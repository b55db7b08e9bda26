/*
 * transport.c - finds and opens the HTTP transport module (see
 * transport.h), and owns the http_reply helpers shared by the module and
 * its callers.
 *
 * Module search order, first hit wins:
 *   1. $RSPAMC_MODULE_DIR. The one environment variable the library reads:
 *      the tests and a relocated install point it at the module.
 *   2. <directory of exe_path>/../lib, which is where the meson build tree
 *      puts it (build/rspamc/rspamc, build/lib/rspamc-curl.so).
 *   3. RSPAMC_MODULEDIR, the install directory fixed at compile time.
 */
#include "transport.h"

#include <dlfcn.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#ifndef RSPAMC_MODULEDIR
#define RSPAMC_MODULEDIR "/usr/local/lib/rspamc"
#endif

typedef const struct transport_ops *(*transport_entry_fn)(void);

static const struct transport_ops *loaded_ops;

/* Add "path (why)" to the list of attempts for the error message. */
static void note_attempt(struct buf *tried, const char *path, const char *why)
{
	struct err ignored;

	buf_addf(tried, &ignored, "%s%s (%s)", tried->len ? "; " : "", path,
		 why ? why : "unknown error");
}

static const struct transport_ops *try_dir(const char *dir, struct buf *tried)
{
	const struct transport_ops *ops = NULL;
	transport_entry_fn entry;
	struct buf path = BUF_INIT;
	struct err err;
	void *h = NULL;

	if (buf_addf(&path, &err, "%s/%s", dir, TRANSPORT_MODULE_NAME) < 0) {
		note_attempt(tried, dir, err.msg);
		goto out;
	}
	h = dlopen(path.data, RTLD_LAZY | RTLD_LOCAL);
	if (h == NULL) {
		note_attempt(tried, path.data, dlerror());
		goto out;
	}
	entry = (transport_entry_fn)dlsym(h, TRANSPORT_ENTRY);
	if (entry == NULL) {
		note_attempt(tried, path.data, dlerror());
		goto out;
	}
	ops = entry();
	if (ops == NULL || ops->abi != TRANSPORT_ABI) {
		note_attempt(tried, path.data,
			     "module ABI does not match this program");
		ops = NULL;
	}
out:
	if (ops == NULL && h != NULL)
		dlclose(h);
	buf_release(&path);
	return ops;
}

const struct transport_ops *transport_load(const char *exe_path,
					   struct err *err)
{
	struct buf tried = BUF_INIT, dir = BUF_INIT;
	const char *env, *slash;

	if (loaded_ops != NULL)
		return loaded_ops;
	env = getenv("RSPAMC_MODULE_DIR");
	if (env != NULL && *env != '\0')
		loaded_ops = try_dir(env, &tried);
	slash = exe_path ? strrchr(exe_path, '/') : NULL;
	if (loaded_ops == NULL && slash != NULL &&
	    buf_addf(&dir, err, "%.*s/../lib", (int)(slash - exe_path),
		     exe_path) == 0)
		loaded_ops = try_dir(dir.data, &tried);
	if (loaded_ops == NULL)
		loaded_ops = try_dir(RSPAMC_MODULEDIR, &tried);
	if (loaded_ops == NULL)
		err_set(err, "cannot load the HTTP transport %s: %s",
			TRANSPORT_MODULE_NAME, tried.data ? tried.data : "");
	buf_release(&dir);
	buf_release(&tried);
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
