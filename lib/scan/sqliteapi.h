/*
 * sqliteapi.h - the part of SQLite that store_sqlite.c uses, loaded when
 * a Bayes store is first opened (dynlib.h), so that a scan with no store
 * file, or one on Redis, never loads libsqlite3.
 *
 * Owns: one process-wide table, filled once; a failure to load is
 * remembered too, so each later call fails at once with the same
 * message ("cannot load libsqlite3.so.0: ...").
 *
 * Members are the functions without their "sqlite3_" prefix.
 */
#ifndef RSPAMC_SCAN_SQLITEAPI_H
#define RSPAMC_SCAN_SQLITEAPI_H

#include <sqlite3.h>

#include "err.h"

/* meson.build passes the SONAME it read (libsqlite3.so.0). */
#ifndef SQLITEAPI_SONAME
#error "SQLITEAPI_SONAME must name SQLite's shared library"
#endif

struct sqlite_api {
	int (*open_v2)(const char *filename, sqlite3 **db, int flags,
		       const char *vfs);
	int (*close)(sqlite3 *db);
	int (*busy_handler)(sqlite3 *db, int (*fn)(void *, int), void *arg);
	int (*extended_result_codes)(sqlite3 *db, int onoff);
	int (*errcode)(sqlite3 *db);
	const char *(*errmsg)(sqlite3 *db);
	int (*get_autocommit)(sqlite3 *db);
	int (*exec)(sqlite3 *db, const char *sql,
		    int (*callback)(void *, int, char **, char **), void *arg,
		    char **errmsg);
	int (*prepare_v2)(sqlite3 *db, const char *sql, int n,
			  sqlite3_stmt **st, const char **tail);
	int (*prepare_v3)(sqlite3 *db, const char *sql, int n,
			  unsigned int flags, sqlite3_stmt **st,
			  const char **tail);
	int (*bind_blob)(sqlite3_stmt *st, int i, const void *p, int n,
			 void (*destructor)(void *));
	int (*bind_int)(sqlite3_stmt *st, int i, int v);
	int (*bind_int64)(sqlite3_stmt *st, int i, sqlite3_int64 v);
	int (*clear_bindings)(sqlite3_stmt *st);
	int (*step)(sqlite3_stmt *st);
	int (*reset)(sqlite3_stmt *st);
	int (*finalize)(sqlite3_stmt *st);
	const void *(*column_blob)(sqlite3_stmt *st, int col);
	int (*column_bytes)(sqlite3_stmt *st, int col);
	int (*column_int)(sqlite3_stmt *st, int col);
	sqlite3_int64 (*column_int64)(sqlite3_stmt *st, int col);
};

/* The table, loading libsqlite3 on the first call; NULL with err set. */
const struct sqlite_api *sqlite_api(struct err *err);

#endif
