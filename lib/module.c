/*
 * module.c - finds and opens loadable modules (see module.h).
 */
#include "module.h"

#include <dlfcn.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"

#ifndef RSPAMC_MODULEDIR
#define RSPAMC_MODULEDIR "/usr/local/lib/rspamc"
#endif

typedef const void *(*module_entry_fn)(void);

struct module_spec {
	const char *file;
	const char *entry;
	int abi;
};

/* Add "path (why)" to the list of attempts for the error message. */
static void note_attempt(struct buf *tried, const char *path, const char *why)
{
	struct err ignored;

	buf_addf(tried, &ignored, "%s%s (%s)", tried->len ? "; " : "", path,
		 why ? why : "unknown error");
}

static const void *try_dir(const char *dir, const struct module_spec *m,
			   struct buf *tried)
{
	const void *ops = NULL;
	module_entry_fn entry;
	struct buf path = BUF_INIT;
	struct err err;
	void *h = NULL;

	if (buf_addf(&path, &err, "%s/%s", dir, m->file) < 0) {
		note_attempt(tried, dir, err.msg);
		goto out;
	}
	h = dlopen(path.data, RTLD_LAZY | RTLD_LOCAL);
	if (h == NULL) {
		note_attempt(tried, path.data, dlerror());
		goto out;
	}
	entry = (module_entry_fn)dlsym(h, m->entry);
	if (entry == NULL) {
		note_attempt(tried, path.data, dlerror());
		goto out;
	}
	ops = entry();
	if (ops == NULL || *(const int *)ops != m->abi) {
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

static const void *try_build_tree(const char *exe_path,
				  const struct module_spec *m,
				  struct buf *tried, struct err *err)
{
	static const char *const subdirs[] = { "/../lib", "/../lib/scan" };
	const char *slash = exe_path ? strrchr(exe_path, '/') : NULL;
	const void *ops = NULL;
	struct buf dir = BUF_INIT;
	size_t i;

	for (i = 0; slash != NULL && ops == NULL && i < 2; i++) {
		buf_reset(&dir);
		if (buf_addf(&dir, err, "%.*s%s", (int)(slash - exe_path),
			     exe_path, subdirs[i]) == 0)
			ops = try_dir(dir.data, m, tried);
	}
	buf_release(&dir);
	return ops;
}

const void *module_load(const char *exe_path, const char *file,
			const char *entry, int abi, const char *what,
			struct err *err)
{
	const struct module_spec m = { file, entry, abi };
	struct buf tried = BUF_INIT;
	const void *ops = NULL;
	const char *env;

	env = getenv("RSPAMC_MODULE_DIR");
	if (env != NULL && *env != '\0')
		ops = try_dir(env, &m, &tried);
	if (ops == NULL)
		ops = try_build_tree(exe_path, &m, &tried, err);
	if (ops == NULL)
		ops = try_dir(RSPAMC_MODULEDIR, &m, &tried);
	if (ops == NULL)
		err_set(err, "cannot load %s %s: %s", what, file,
			tried.data ? tried.data : "");
	buf_release(&tried);
	return ops;
}
