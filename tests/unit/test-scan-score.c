/* test-scan-score.c - symbol table, scoring, composites, actions and the
 * scanner configuration (lib/scan/symbols.c score.c composites.c
 * config.c). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "composites.h"
#include "config.h"
#include "score.h"
#include "symbols.h"
#include "test.h"

static struct scan_config cfg;

static bool near(double a, double b)
{
	return fabs(a - b) < 1e-9;
}

static struct scan_ctx *ctx_new(void)
{
	struct scan_ctx *c = scan_ctx_new(&cfg);

	scan_ctx_reset(c, NULL);
	return c;
}

static void test_table(void)
{
	const struct symbol_def *d;
	size_t i;

	test_begin("symbol table: sorted, Rspamd 3.4 metadata");
	for (i = 1; i < symbol_count(); i++)
		test_assert(strcmp(symbol_at(i - 1)->name, symbol_at(i)->name) < 0);
	d = symbol_find("MISSING_MID");
	test_assert(d != NULL && near(d->weight, 2.5));
	test_assert_str(d ? d->group : "", "headers");
	test_assert_str(d ? d->description : "", "Message id is missing");
	d = symbol_find("MIME_GOOD");
	test_assert(d != NULL && d->one_shot && near(d->weight, -0.1));
	d = symbol_find("MIME_TRACE");
	test_assert(d != NULL && d->description == NULL);
	test_assert(symbol_find("R_DKIM_NA") != NULL);
	test_assert(symbol_find("ARC_NA") != NULL);
	test_assert(symbol_find("GTUBE") != NULL);
	test_assert(symbol_find("NO_SUCH_SYMBOL") == NULL);
	test_end();
}

static void test_insert_options(void)
{
	struct scan_ctx *c = ctx_new();

	test_begin("insert: score, multiplier, options in order, no dups");
	scan_insert(c, "RCPT_COUNT_ONE", "1", NULL);
	scan_insert_mult(c, "SUBJ_ALL_CAPS", 0.5, "54", NULL);
	scan_add_option(c, "MIME_TRACE", "0:+");
	scan_add_option(c, "MIME_TRACE", "1:~");
	scan_add_option(c, "MIME_TRACE", "0:+");
	test_assert(scan_has(c, "RCPT_COUNT_ONE"));
	test_assert(!scan_has(c, "RCPT_COUNT_TWO"));
	test_assert(near(scan_score_of(c, "SUBJ_ALL_CAPS"), 1.5));
	test_assert(scan_n_options(c, "MIME_TRACE") == 2);
	test_assert_str(scan_option(c, "MIME_TRACE", 1), "1:~");
	scan_ctx_reset(c, NULL);
	test_assert(!scan_has(c, "RCPT_COUNT_ONE"));
	scan_ctx_free(&c);
	test_end();
}

static void test_repeat_and_one_shot(void)
{
	struct scan_ctx *c = ctx_new();

	test_begin("repeats add up; one_shot keeps the largest");
	scan_insert(c, "SUBJECT_HAS_CURRENCY", NULL);
	scan_insert(c, "SUBJECT_HAS_CURRENCY", NULL);
	test_assert(near(scan_score_of(c, "SUBJECT_HAS_CURRENCY"), 2.0));
	scan_insert_mult(c, "R_MIXED_CHARSET", 0.2, NULL);
	scan_insert_mult(c, "R_MIXED_CHARSET", 0.5, NULL);
	scan_insert_mult(c, "R_MIXED_CHARSET", 0.1, NULL);
	test_assert(near(scan_score_of(c, "R_MIXED_CHARSET"), 2.5));
	scan_ctx_free(&c);
	test_end();
}

static void test_group_cap(void)
{
	struct scan_ctx *c = ctx_new();

	test_begin("group caps apply in insertion order (headers: 8)");
	scan_insert(c, "FORGED_OUTLOOK_HTML", NULL);      /* 5, headers? */
	scan_insert(c, "MISSING_MID", NULL);              /* 2.5 */
	scan_insert(c, "MISSING_FROM", NULL);             /* 2 -> capped */
	scan_insert(c, "MISSING_DATE", NULL);             /* 1 -> 0 */
	if (strcmp(symbol_find("FORGED_OUTLOOK_HTML")->group, "headers") == 0) {
		test_assert(near(scan_score_of(c, "MISSING_FROM"), 0.5));
		test_assert(near(scan_score_of(c, "MISSING_DATE"), 0));
	}
	scan_ctx_free(&c);
	c = ctx_new();
	scan_insert(c, "MISSING_MID", NULL);
	scan_insert(c, "MISSING_FROM", NULL);
	scan_insert(c, "MISSING_DATE", NULL);
	scan_insert(c, "MULTIPLE_UNIQUE_HEADERS", NULL);  /* 7 -> 2.5 */
	scan_insert(c, "MISSING_TO", NULL);               /* -> 0 */
	test_assert(near(scan_score_of(c, "MULTIPLE_UNIQUE_HEADERS"), 2.5));
	test_assert(near(scan_score_of(c, "MISSING_TO"), 0));
	test_assert(scan_has(c, "MISSING_TO"));
	scan_insert(c, "MAILLIST", NULL); /* negative scores are not capped */
	test_assert(near(scan_score_of(c, "MAILLIST"), -0.2));
	scan_ctx_free(&c);
	test_end();
}

static const struct result_symbol *find_sym(const struct scan_result *r,
					    const char *name)
{
	size_t i;

	for (i = 0; i < r->n_symbols; i++)
		if (strcmp(r->symbols[i].name, name) == 0)
			return &r->symbols[i];
	return NULL;
}

static void test_finish(void)
{
	struct scan_ctx *c = ctx_new();
	struct scan_result r;
	struct err err;
	const struct result_symbol *s;

	test_begin("finish: sorted symbols, score, action, required_score");
	err_init(&err);
	result_init(&r);
	scan_insert(c, "SUBJ_ALL_CAPS", "54", NULL);   /* 3 */
	scan_insert(c, "MIME_GOOD", "text/plain", NULL); /* -0.1 */
	scan_insert(c, "HFILTER_HOSTNAME_UNKNOWN", NULL); /* 2.5 */
	test_assert(scan_ctx_finish(c, &r, &err) == 0);
	test_assert(near(r.score, 5.4));
	test_assert_str(r.action, "greylist");
	test_assert(r.has_required && near(r.required_score, 15));
	test_assert(r.n_symbols == 3);
	test_assert_str(r.symbols[0].name, "HFILTER_HOSTNAME_UNKNOWN");
	test_assert_str(r.symbols[2].name, "SUBJ_ALL_CAPS");
	s = find_sym(&r, "MIME_GOOD");
	test_assert(s != NULL && s->n_options == 1 && near(s->metric_score, -0.1));
	test_assert_str(s ? s->description : "", "Known content-type");
	result_release(&r);
	scan_ctx_free(&c);
	test_end();
}

static void test_composites(void)
{
	struct scan_ctx *c = ctx_new();
	struct scan_result r;
	struct err err;

	test_begin("composites: remove_all, '-' leaves, leave policy");
	err_init(&err);
	result_init(&r);
	scan_insert(c, "FORGED_MUA_OUTLOOK", NULL);   /* group mua */
	scan_insert(c, "MAILLIST", "mailman", NULL);
	scan_insert(c, "PHISHING", NULL);
	scan_insert(c, "SUBJECT_ENDS_QUESTION", NULL);
	test_assert(scan_ctx_finish(c, &r, &err) == 0);
	test_assert(find_sym(&r, "FORGED_MUA_MAILLIST") != NULL);
	test_assert(find_sym(&r, "FORGED_MUA_OUTLOOK") == NULL);
	test_assert(find_sym(&r, "MAILLIST") != NULL);
	test_assert(find_sym(&r, "PHISH_EMOTION") != NULL);
	test_assert(find_sym(&r, "PHISHING") != NULL);
	/* -0.2 + 4 + 1 + 1 (PHISH_EMOTION) + 0 */
	test_assert(near(r.score, 5.8));
	result_release(&r);
	scan_ctx_free(&c);
	test_assert(composites_check("A & (B | !g+:x) & -C", &err) == 0);
	test_assert(composites_check("A & (B", &err) < 0);
	test_end();
}

static char *write_tmp(const char *text)
{
	static char path[64];
	FILE *f;

	snprintf(path, sizeof(path), "/tmp/test-scan-score-%d.conf",
		 (int)getpid());
	f = fopen(path, "w");
	fputs(text, f);
	fclose(f);
	return path;
}

static void test_config(void)
{
	struct scan_config c2;
	struct scan_ctx *c;
	struct err err;
	char *path;

	test_begin("config: actions, symbol weights, group caps");
	err_init(&err);
	test_assert(scan_config_init(&c2, &err) == 0);
	path = write_tmp("actions { reject = 20; \"add header\" = 7; greylist = null; }\n"
			 "symbols { MISSING_MID { weight = 4; } }\n"
			 "symbol \"MISSING_DATE\" { score = 0.5; }\n"
			 "group \"headers\" { max_score = 5; symbols { MISSING_FROM = 3; } }\n");
	test_assert(scan_config_load(&c2, path, true, &err) == 0);
	test_assert_str(err.msg, "");
	test_assert(near(c2.threshold[SCAN_ACTION_REJECT], 20));
	test_assert(near(c2.threshold[SCAN_ACTION_ADD_HEADER], 7));
	test_assert(!c2.has_threshold[SCAN_ACTION_GREYLIST]);
	c = scan_ctx_new(&c2);
	scan_ctx_reset(c, NULL);
	scan_insert(c, "MISSING_MID", NULL);
	scan_insert(c, "MISSING_DATE", NULL);
	scan_insert(c, "MISSING_FROM", NULL);
	test_assert(near(scan_score_of(c, "MISSING_MID"), 4));
	test_assert(near(scan_score_of(c, "MISSING_DATE"), 0.5));
	test_assert(near(scan_score_of(c, "MISSING_FROM"), 0.5));
	scan_ctx_free(&c);
	scan_config_release(&c2);
	unlink(path);
	test_end();

	test_begin("config: missing and broken files");
	test_assert(scan_config_init(&c2, &err) == 0);
	test_assert(scan_config_load(&c2, "/nonexistent/scanner.conf", false, &err) == 0);
	test_assert(scan_config_load(&c2, "/nonexistent/scanner.conf", true, &err) < 0);
	test_assert_str(err.msg, "cannot open '/nonexistent/scanner.conf': No such file or directory");
	path = write_tmp("actions {\n reject = 15;\n add_header = ;\n}\n");
	test_assert(scan_config_load(&c2, path, true, &err) < 0);
	test_assert(strstr(err.msg, ":3: missing value for key 'add_header'") != NULL);
	path = write_tmp("actions { reject = \"high\"; }\n");
	test_assert(scan_config_load(&c2, path, true, &err) < 0);
	test_assert(strstr(err.msg, "action 'reject' must be a number") != NULL);
	unlink(path);
	scan_config_release(&c2);
	test_end();

	test_begin("config: Rspamd's actions.conf and scores.d files load");
#ifdef UCL_DATA_DIR
	err_init(&err);
	test_assert(scan_config_init(&c2, &err) == 0);
	test_assert(scan_config_load(&c2, UCL_DATA_DIR "/groups.conf", true, &err) == 0);
	test_assert_str(err.msg, "");
	test_assert(scan_config_load(&c2, UCL_DATA_DIR "/actions.conf", true, &err) == 0);
	test_assert(near(c2.threshold[SCAN_ACTION_REJECT], 15));
	scan_config_release(&c2);
#endif
	test_end();
}

int main(void)
{
	struct err err;

	err_init(&err);
	if (scan_config_init(&cfg, &err) < 0)
		return 1;
	test_table();
	test_insert_options();
	test_repeat_and_one_shot();
	test_group_cap();
	test_finish();
	test_composites();
	test_config();
	scan_config_release(&cfg);
	return test_done();
}
