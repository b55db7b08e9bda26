/*
 * dynlib.c - opens a library on first use and fills a table of its
 * symbols (see dynlib.h).
 */
#include "dynlib.h"

#include <dlfcn.h>
#include <string.h>

/* dlopen() and fill the table; the handle, or NULL with err set. */
static void *open_and_fill(const struct dynlib *l, struct err *err)
{
	void *h, *p;
	size_t i;

	h = dlopen(l->soname, RTLD_LAZY | RTLD_LOCAL);
	if (h == NULL) {
		/* dlerror() starts with the file name */
		err_set(err, "cannot load %s", dlerror());
		return NULL;
	}
	for (i = 0; i < l->n_syms; i++) {
		p = dlsym(h, l->syms[i].name);
		if (p == NULL) {
			err_set(err, "cannot load %s: no symbol %s",
				l->soname, l->syms[i].name);
			dlclose(h);
			return NULL;
		}
		/* POSIX: a function's address converts through void *. */
		memcpy((char *)l->table + l->syms[i].offset, &p, sizeof(p));
	}
	return h;
}

const void *dynlib_get(struct dynlib *l, struct err *err)
{
	if (!l->tried) {
		l->tried = true;
		err_init(&l->failure);
		l->handle = open_and_fill(l, &l->failure);
	}
	if (l->handle == NULL) {
		memcpy(err, &l->failure, sizeof(*err));
		return NULL;
	}
	return l->table;
}
