/*
 * scan-test.h - helpers of the rule-area unit tests: make the default
 * configuration and a scan context, open and close one case's message,
 * run an area, and
 * describe what it inserted as "NAME[opt|opt](score) ..." sorted by name
 * (the score only for the symbols with a dynamic score).
 */
#ifndef RSPAMC_SCAN_TEST_H
#define RSPAMC_SCAN_TEST_H

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "err.h"
#include "msg.h"
#include "rules.h"
#include "score.h"
#include "test.h"

static inline int cmp_name(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static inline void describe_syms(struct scan_ctx *c, char *out, size_t cap,
			  bool (*dynamic)(const char *name))
{
	const char *names[256];
	size_t n = 0, i, k, len = 0;

	for (i = 0; i < scan_n_syms(c) && n < 256; i++)
		names[n++] = scan_sym_name(c, scan_sym_at(c, i));
	qsort(names, n, sizeof(names[0]), cmp_name);
	out[0] = '\0';
	for (i = 0; i < n && len < cap; i++) {
		len += (size_t)snprintf(out + len, cap - len, "%s%s",
					i > 0 ? " " : "", names[i]);
		for (k = 0; k < scan_n_options(c, names[i]) && len < cap; k++)
			len += (size_t)snprintf(out + len, cap - len, "%s%s",
						k == 0 ? "[" : "|",
						scan_option(c, names[i], k));
		if (k > 0 && len < cap)
			len += (size_t)snprintf(out + len, cap - len, "]");
		if (dynamic(names[i]) && len < cap)
			len += (size_t)snprintf(out + len, cap - len, "(%.4f)",
						scan_score_of(c, names[i]));
	}
}

/* The default configuration and a scan context over it. */
struct test_scan {
	struct scan_config cfg;
	struct scan_ctx *c;
};

/* Make both, or stop the test program (exit 1). */
static inline void test_scan_open(struct test_scan *t)
{
	struct err e;

	err_init(&e);
	if (scan_config_init(&t->cfg, &e) < 0 ||
	    (t->c = scan_ctx_new(&t->cfg)) == NULL) {
		fprintf(stderr, "test_scan_open: %s\n",
			err_isset(&e) ? e.msg : "out of memory");
		exit(1);
	}
	err_release(&e);
}

static inline void test_scan_close(struct test_scan *t)
{
	scan_ctx_free(&t->c);
	scan_config_release(&t->cfg);
}

/* Begin test case name: parse raw into m with env and point the context
 * at it (a failed assertion when it does not parse). */
static inline void case_begin(struct scan_ctx *c, struct msg *m,
			      const char *name, const char *raw,
			      const struct scan_envelope *env)
{
	struct err e;

	err_init(&e);
	msg_init(m);
	test_begin(name);
	test_assert(msg_parse(m, raw, strlen(raw), env, &e) == 0);
	err_release(&e);
	scan_ctx_reset(c, m);
}

/* End the case begun by case_begin() and release its message. */
static inline void case_end(struct msg *m)
{
	test_end();
	msg_release(m);
}

static inline void run_area(struct scan_ctx *c, const struct rule_area *a)
{
	size_t i;

	for (i = 0; i < a->n_rules; i++)
		a->rules[i](c);
}

#endif
