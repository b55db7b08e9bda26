/*
 * dynlib.c - opens a library on first use and fills a table of its
 * symbols (see dynlib.h).
 */
#include "dynlib.h"

#include <dlfcn.h>
#include <string.h>

void *dynlib_open(const char *soname, const struct dynlib_sym *syms,
		  size_t n, void *table, struct err *err)
{
	void *h, *p;
	size_t i;

	h = dlopen(soname, RTLD_LAZY | RTLD_LOCAL);
	if (h == NULL) {
		err_set(err, "cannot load %s", dlerror());
		return NULL;
	}
	for (i = 0; i < n; i++) {
		p = dlsym(h, syms[i].name);
		if (p == NULL) {
			err_set(err, "cannot load %s: no symbol %s", soname,
				syms[i].name);
			dlclose(h);
			return NULL;
		}
		/* POSIX: a function's address converts through void *. */
		memcpy((char *)table + syms[i].offset, &p, sizeof(p));
	}
	return h;
}
