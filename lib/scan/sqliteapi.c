/*
 * sqliteapi.c - libsqlite3, loaded on first use (see sqliteapi.h).
 */
#include "sqliteapi.h"

#include "dynlib.h"

#define SYM(m) { "sqlite3_" #m, offsetof(struct sqlite_api, m) }

static const struct dynlib_sym syms[] = {
	SYM(open_v2),
	SYM(close),
	SYM(busy_handler),
	SYM(extended_result_codes),
	SYM(errcode),
	SYM(errmsg),
	SYM(get_autocommit),
	SYM(exec),
	SYM(prepare_v2),
	SYM(prepare_v3),
	SYM(bind_blob),
	SYM(bind_int),
	SYM(bind_int64),
	SYM(clear_bindings),
	SYM(step),
	SYM(reset),
	SYM(finalize),
	SYM(column_blob),
	SYM(column_bytes),
	SYM(column_int),
	SYM(column_int64),
};

static struct sqlite_api api;
static struct dynlib lib = DYNLIB_INIT(SQLITEAPI_SONAME, syms, &api);

const struct sqlite_api *sqlite_api(struct err *err)
{
	return dynlib_get(&lib, err);
}
