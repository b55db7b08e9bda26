/*
 * dynlib.h - opens a shared library on first use and fills a table of
 * its functions, so that the scanner module does not list it as NEEDED
 * and a run that never needs it never loads it (xmlapi.c, sqliteapi.c,
 * redisapi.c are the tables).
 *
 * A table is a struct of pointers; each struct dynlib_sym names one
 * exported symbol and the offset of its member. dynlib_open() fills every
 * member or none.
 *
 * Ownership: the library stays loaded until exit (never dlclose()d, its
 * pointers stay valid). Errors: NULL with err set to "cannot load
 * libxml2.so.2: <dlerror()>" (the file name and the dynamic linker's
 * reason). Not thread-safe: the scanner is single-threaded.
 */
#ifndef RSPAMC_SCAN_DYNLIB_H
#define RSPAMC_SCAN_DYNLIB_H

#include <stddef.h>

#include "err.h"

struct dynlib_sym {
	const char *name;
	size_t offset;           /* of the pointer member in the table */
};

/* One symbol: member member of struct type, exported as member. */
#define DYNLIB_SYM(type, member) { #member, offsetof(type, member) }

/*
 * dlopen(soname) and store each symbol's address at table + offset.
 * Returns the library's handle, or NULL with err set.
 */
void *dynlib_open(const char *soname, const struct dynlib_sym *syms,
		  size_t n, void *table, struct err *err);

#endif
