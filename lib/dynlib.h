/*
 * dynlib.h - opens a shared library on first use and fills a table of
 * its functions, so that neither rspamc nor the scanner module lists it
 * as NEEDED and a run that never needs it never loads it (the tables:
 * scan/xmlapi.c, scan/sqliteapi.c, scan/redisapi.c; compress.c for
 * libzstd, b64.c for libb64).
 *
 * A table is a struct of pointers; each struct dynlib_sym names one
 * exported symbol and the offset of its member. The first dynlib_get()
 * opens the library and fills every member; it and every later call
 * return the table, or NULL with the first failure's message.
 *
 * Ownership: the caller owns the struct dynlib and the table (static
 * storage); the library stays loaded until exit (never dlclose()d, so
 * its pointers stay valid). Errors: "cannot load libxml2.so.2: <why>"
 * (the dynamic linker's reason, or the missing symbol). Not thread-safe:
 * rspamc and the scanner are single-threaded.
 */
#ifndef RSPAMC_DYNLIB_H
#define RSPAMC_DYNLIB_H

#include <stdbool.h>
#include <stddef.h>

#include "err.h"

struct dynlib_sym {
	const char *name;
	size_t offset;           /* of the pointer member in the table */
};

struct dynlib {
	const char *soname;
	const struct dynlib_sym *syms;
	size_t n_syms;
	void *table;
	/* Set by dynlib_get(). */
	bool tried;
	void *handle;            /* NULL when it failed */
	struct err failure;
};

/* A struct dynlib for soname whose table is *table, with the array syms. */
#define DYNLIB_INIT(soname, syms, table) \
	{ (soname), (syms), sizeof(syms) / sizeof((syms)[0]), (table), \
	  false, NULL, { "" } }

/* The filled table, loading the library on the first call; NULL with
 * err set when it cannot be loaded. */
const void *dynlib_get(struct dynlib *l, struct err *err);

#endif
