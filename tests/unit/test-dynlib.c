/* test-dynlib.c - dynlib: a table filled from a real library, a missing
 * library and a missing symbol (each failure remembered). */
#include <string.h>

#include "dynlib.h"
#include "test.h"

struct m_api {
	double (*cos)(double x);
	double (*sqrt)(double x);
};

#define SYM(m) { #m, offsetof(struct m_api, m) }

static const struct dynlib_sym m_syms[] = { SYM(cos), SYM(sqrt) };
static const struct dynlib_sym bad_syms[] = {
	SYM(cos),
	{ "rspamc_no_such_function", offsetof(struct m_api, sqrt) },
};

static void test_fills_table(void)
{
	static struct m_api api;
	static struct dynlib lib = DYNLIB_INIT("libm.so.6", m_syms, &api);
	const struct m_api *m;
	struct err err;

	test_begin("dynlib fills the table once and returns it");
	err_init(&err);
	m = dynlib_get(&lib, &err);
	test_assert(m == &api);
	test_assert(m != NULL && m->cos(0.0) == 1.0 && m->sqrt(16.0) == 4.0);
	test_assert(dynlib_get(&lib, &err) == &api);
	test_assert(!err_isset(&err));
	test_end();
}

static void test_missing_library(void)
{
	static struct m_api api;
	static struct dynlib lib = DYNLIB_INIT("librspamc-no-such.so.9", m_syms,
					       &api);
	struct err err;

	test_begin("dynlib: a missing library is an error, every time");
	err_init(&err);
	test_assert(dynlib_get(&lib, &err) == NULL);
	test_assert(strstr(err.msg, "cannot load librspamc-no-such.so.9") ==
		    err.msg);
	err_init(&err);
	test_assert(dynlib_get(&lib, &err) == NULL);
	test_assert(strstr(err.msg, "cannot load librspamc-no-such.so.9") ==
		    err.msg);
	test_end();
}

static void test_missing_symbol(void)
{
	static struct m_api api;
	static struct dynlib lib = DYNLIB_INIT("libm.so.6", bad_syms, &api);
	struct err err;

	test_begin("dynlib: a missing symbol names it");
	err_init(&err);
	test_assert(dynlib_get(&lib, &err) == NULL);
	test_assert_str(err.msg,
			"cannot load libm.so.6: no symbol rspamc_no_such_function");
	test_end();
}

int main(void)
{
	test_fills_table();
	test_missing_library();
	test_missing_symbol();
	return test_done();
}
