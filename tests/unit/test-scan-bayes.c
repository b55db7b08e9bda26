/*
 * test-scan-bayes.c - the Bayes classifier (lib/scan/bayes.c, its tokens in
 * lib/scan/tokenize.c) and its SQLite store (lib/scan/store_sqlite.c):
 * words, OSB, Received and capitals tokens, the combination's arithmetic,
 * the message digest, learn / relearn / unlearn / already-learned,
 * counters, corrupt files, classification into a scan and the classifier
 * section of the configuration.
 */
#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bayes.h"
#include "config.h"
#include "msg.h"
#include "score.h"
#include "store_sqlite.h"
#include "test.h"

static char tmpdir[] = "/tmp/test-scan-bayes.XXXXXX";

static bool near(double a, double b, double eps)
{
	return fabs(a - b) < eps;
}

static char *tmp_path(const char *name)
{
	size_t n = strlen(tmpdir) + strlen(name) + 2;
	char *p = malloc(n);

	snprintf(p, n, "%s/%s", tmpdir, name);
	return p;
}

/* ---- words and tokens --------------------------------------------------- */

struct words {
	char buf[1024];
	size_t len;
};

static void add_word(void *arg, const char *w, size_t len)
{
	struct words *ws = arg;

	if (ws->len + len + 2 < sizeof(ws->buf)) {
		memcpy(ws->buf + ws->len, w, len);
		ws->len += len;
		ws->buf[ws->len++] = '|';
		ws->buf[ws->len] = '\0';
	}
}

static const char *words_of(struct words *ws, const char *text)
{
	ws->len = 0;
	ws->buf[0] = '\0';
	bayes_words(text, strlen(text), add_word, ws);
	return ws->buf;
}

static void test_words(void)
{
	struct words ws;

	test_begin("words: Unicode lower-casing");
	test_assert_str(words_of(&ws, "Hello WORLD Ünïcode ÉCOLE STRASSE"),
			"hello|world|ünïcode|école|strasse|");
	test_assert_str(words_of(&ws, "ΑΘΗΝΑ Москва ÇA"),
			"αθηνα|москва|ça|");
	test_end();

	test_begin("words: boundaries at non-alphanumerics");
	test_assert_str(words_of(&ws, "don't e-mail foo_bar abc123,x9 a I"),
			"don|mail|foo|bar|abc123|x9|");
	test_assert_str(words_of(&ws, "(cheap)pills!!!now...\n\tok"),
			"cheap|pills|now|ok|");
	/* CJK: a character is a word. */
	test_assert_str(words_of(&ws, "東京 tokyo"), "東|京|tokyo|");
	/* Longer than 32 characters: dropped (base64 lines, hashes). */
	test_assert_str(words_of(&ws, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa ok"),
			"ok|");
	/* Invalid UTF-8 does not stop the words after it. */
	test_assert_str(words_of(&ws, "bad \xff\xfe bytes"), "bad|bytes|");
	test_end();
}

static bool parse(struct msg *m, const char *text)
{
	struct err err;

	err_init(&err);
	msg_init(m);
	return msg_parse(m, text, strlen(text), NULL, &err) == 0;
}

static const struct bayes_token *find_tok(const struct bayes_tokens *t,
					  uint64_t h)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		if (t->v[i].hash == h)
			return &t->v[i];
	return NULL;
}

static uint64_t wh(const char *w)
{
	return bayes_hash(w, strlen(w));
}

static void test_osb(void)
{
	struct bayes_tokens t = {0};
	const struct bayes_token *k;
	struct msg m;

	test_begin("OSB: a word with each of the next 4, by distance");
	test_assert(bayes_pair(wh("a1"), wh("b1"), 1) !=
		    bayes_pair(wh("b1"), wh("a1"), 1));
	test_assert(bayes_pair(wh("a1"), wh("b1"), 1) !=
		    bayes_pair(wh("a1"), wh("b1"), 2));
	test_assert(parse(&m, "Subject: Alpha beta GAMMA\n\n"));
	test_assert(bayes_tokenize(&m, &t) == 0);
	test_assert(t.n_text == 6); /* 3 pairs and 3 single words */
	k = find_tok(&t, bayes_unigram(wh("gamma")));
	test_assert(k != NULL && k->window == BAYES_UNIGRAM);
	k = find_tok(&t, bayes_pair(wh("alpha"), wh("beta"), 1));
	test_assert(k != NULL && k->window == 1);
	k = find_tok(&t, bayes_pair(wh("alpha"), wh("gamma"), 2));
	test_assert(k != NULL && k->window == 2);
	k = find_tok(&t, bayes_pair(wh("beta"), wh("gamma"), 1));
	test_assert(k != NULL && k->window == 1);
	msg_release(&m);
	test_end();

	test_begin("OSB: 6 words give 14 pairs and 6 words; window is 5; "
		   "repeats merge");
	test_assert(parse(&m, "Subject: x\n\nw1 w2 w3 w4 w5 w6\n"));
	test_assert(bayes_tokenize(&m, &t) == 0);
	test_assert(t.n_text == 14 + 6); /* "x" is too short */
	test_assert(find_tok(&t, bayes_pair(wh("w1"), wh("w5"), 4)) != NULL);
	test_assert(find_tok(&t, bayes_pair(wh("w1"), wh("w6"), 5)) == NULL);
	msg_release(&m);
	test_assert(parse(&m, "Subject: x\n\nab cd ab cd ab cd\n"));
	test_assert(bayes_tokenize(&m, &t) == 0);
	/* ab-cd@1, ab-ab@2, ab-cd@3, ab-ab@4, cd-ab@1, cd-cd@2, cd-ab@3,
	 * cd-cd@4, and the words ab, cd */
	test_assert(t.n_text == 8 + 2);
	msg_release(&m);
	test_end();

	test_begin("tokens: header and structure tokens, sorted and unique");
	test_assert(parse(&m, "From: A <a@Example.COM>\nX-Mailer: Foo 1.0\n"
			      "Subject: hi there\n\nsome words here\n"));
	test_assert(bayes_tokenize(&m, &t) == 0);
	test_assert(find_tok(&t, wh("h:from-domain:example.com")) != NULL);
	test_assert(find_tok(&t, wh("h:x-mailer:foo 1.0")) != NULL);
	test_assert(find_tok(&t, wh("h:from:a@example.com")) != NULL);
	test_assert(find_tok(&t, wh("h:from-name:a")) != NULL);
	test_assert(find_tok(&t, wh("m:reply/rcvd:000")) != NULL);
	test_assert(find_tok(&t, wh("h:ct:text/plain")) != NULL);
	test_assert(t.n > t.n_text);
	for (size_t i = 1; i < t.n; i++)
		test_assert(t.v[i - 1].hash < t.v[i].hash);
	msg_release(&m);
	bayes_tokens_release(&t);
	test_end();
}

static bool has_meta(const struct bayes_tokens *t, const char *s)
{
	const struct bayes_token *k = find_tok(t, wh(s));

	return k != NULL && k->window == 0;
}

static void test_structure_tokens(void)
{
	struct bayes_tokens t = {0};
	struct msg m;

	test_begin("tokens: Received hops (HELO, rDNS, by, with, IP /16)");
	test_assert(parse(&m, "Received: from Helo.Example.NET "
			      "(rdns.example.net [192.0.2.77]) by "
			      "MX.example.org with ESMTP id 1\n"
			      "Subject: x\n\nsome words here\n"));
	test_assert(m.n_received == 1);
	test_assert(bayes_tokenize(&m, &t) == 0);
	test_assert(has_meta(&t, "r:helo:helo.example.net"));
	test_assert(has_meta(&t, "r:rdns:rdns.example.net"));
	test_assert(has_meta(&t, "r:by:mx.example.org"));
	test_assert(has_meta(&t, "r:with:esmtp"));
	test_assert(has_meta(&t, "r:ip16:192.0"));
	test_assert(!has_meta(&t, "r:ip16:192.0.2"));
	msg_release(&m);
	test_end();

	test_begin("tokens: ALL-CAPS words keep their case; caps share");
	test_assert(parse(&m, "Subject: x\n\nACT NOW and get FREE stuff "
			      "Free OK X2Y\n"));
	test_assert(bayes_tokenize(&m, &t) == 0);
	test_assert(has_meta(&t, "c:FREE"));
	test_assert(has_meta(&t, "c:ACT") && has_meta(&t, "c:NOW"));
	test_assert(!has_meta(&t, "c:OK"));   /* shorter than 3 */
	test_assert(!has_meta(&t, "c:Free"));
	test_assert(!has_meta(&t, "c:X2Y"));  /* digits are not capitals */
	/* 3 of 9 words (ACT NOW FREE) : 3 * 10 / 9 = 3 */
	test_assert(has_meta(&t, "m:caps10:3"));
	/* the lower-cased word is still a word token */
	test_assert(find_tok(&t, bayes_unigram(wh("free"))) != NULL);
	msg_release(&m);
	bayes_tokens_release(&t);
	test_end();
}

static void test_digest(void)
{
	uint8_t a[32], b[32], c[32];
	struct msg m;

	test_begin("digest: the content, not the headers");
	parse(&m, "Received: from a\nSubject: one\nMessage-ID: <1@x>\n\n"
		  "Body text.\n");
	bayes_digest(&m, a);
	msg_release(&m);
	parse(&m, "Received: from b\nX-Spam: yes\nSubject: *** SPAM *** one\n"
		  "Message-ID: <1@x>\nContent-Transfer-Encoding: base64\n\n"
		  "Qm9keSB0ZXh0Lgo=\n");
	bayes_digest(&m, b);
	msg_release(&m);
	parse(&m, "Subject: one\nMessage-ID: <1@x>\n\nOther text.\n");
	bayes_digest(&m, c);
	msg_release(&m);
	test_assert(memcmp(a, b, 32) == 0);
	test_assert(memcmp(a, c, 32) != 0);
	test_end();
}

/* ---- the combination ----------------------------------------------------- */

static void test_math(void)
{
	struct bayes_config cfg;
	struct bayes_token t[2] = {{1, 1}, {2, 4}};
	struct token_counts c[2] = {{1, 10, 0}, {2, 0, 3}};
	double w, ps, ph, p, x, y, h, s;
	size_t used;

	bayes_config_init(&cfg);
	test_begin("math: one token is its own shrunk probability");
	/* spam 10 of 10 learns, ham 0 of 10; distance 1 weighs 3125. */
	p = bayes_probability(&cfg, t, c, 1, 10, 10, &used);
	w = 3125.0 * 10 / (1 + 3125.0 * 10);
	ps = (w * 0.5 + 10) / (w + 10);
	test_assert(used == 1);
	test_assert(near(p, ps, 1e-12));
	test_assert(near(p, 0.954546, 1e-6));
	test_end();

	test_begin("math: two tokens by inverse chi-square, 4 dof");
	p = bayes_probability(&cfg, t, c, 2, 10, 20, &used);
	test_assert(used == 2);
	/* token 1: sf 1, hf 0; token 2: sf 0, hf 3/20; distance 4 weighs 1 */
	w = 3125.0 * 10 / (1 + 3125.0 * 10);
	ps = (w * 0.5 + 10) / (w + 10);
	ph = (w * 0.5) / (w + 10);
	x = log(ps);
	y = log(ph);
	w = 3.0 / 4;
	x += log((w * 0.5) / (w + 3));
	y += log((w * 0.5 + 3) / (w + 3));
	/* Q(chi2 >= -2x; 4 dof) = e^x (1 - x) */
	h = 1 - exp(x) * (1 - x);
	s = 1 - exp(y) * (1 - y);
	test_assert(near(p, (s + 1 - h) / 2, 1e-12));
	test_end();

	test_begin("math: rare and neutral tokens do not count");
	c[0].spam = 1; /* the default min_token_hits is 1: it counts */
	p = bayes_probability(&cfg, t, c, 1, 10, 10, &used);
	test_assert(used == 1 && p > 0.5);
	cfg.min_token_hits = 2; /* Rspamd's: below it */
	p = bayes_probability(&cfg, t, c, 1, 10, 10, &used);
	test_assert(used == 0 && p == 0.5);
	c[0].spam = 5;
	c[0].ham = 5; /* p = 0.5 exactly: weaker than min_prob_strength */
	p = bayes_probability(&cfg, t, c, 1, 10, 10, &used);
	test_assert(used == 0 && p == 0.5);
	/* Class sizes matter: 5 of 10 spam vs 5 of 1000 ham is spammy. */
	p = bayes_probability(&cfg, t, c, 1, 10, 1000, &used);
	test_assert(used == 1 && p > 0.9);
	test_end();
	bayes_config_release(&cfg);
}

/* ---- the store ----------------------------------------------------------- */

static bool counts_are(struct store *s, uint64_t tok, uint64_t sp,
		       uint64_t h)
{
	struct token_counts c = {tok, 77, 77};
	struct err err;

	err_init(&err);
	if (s->ops->get(s, &c, 1, &err) < 0) {
		printf("# get: %s\n", err.msg);
		return false;
	}
	if (c.spam != sp || c.ham != h)
		printf("# token %llu: %llu/%llu\n", (unsigned long long)tok,
		       (unsigned long long)c.spam, (unsigned long long)c.ham);
	return c.spam == sp && c.ham == h;
}

static bool totals_are(struct store *s, uint64_t sp, uint64_t h)
{
	uint64_t a = 77, b = 77;
	struct err err;

	err_init(&err);
	return s->ops->totals(s, &a, &b, &err) == 0 && a == sp && b == h;
}

static void test_store(void)
{
	static const uint64_t toks[] = {1, UINT64_MAX, 0x8000000000000000ULL};
	static const uint64_t more[] = {1, 5};
	uint8_t d1[32] = {1}, d2[32] = {2};
	enum bayes_class c;
	struct store *s;
	struct err err;
	char *path = tmp_path("store.sqlite");

	err_init(&err);
	test_begin("sqlite: learn, totals, get");
	s = store_sqlite_open(path, &err);
	test_assert(s != NULL);
	if (s == NULL) {
		printf("# %s\n", err.msg);
		test_end();
		free(path);
		return;
	}
	test_assert(strcmp(s->ops->name, "sqlite") == 0);
	test_assert(totals_are(s, 0, 0));
	test_assert(s->ops->update(s, toks, 3, BAYES_CLASS_NONE,
				   BAYES_CLASS_SPAM, d1, &err) == 0);
	test_assert(s->ops->update(s, more, 2, BAYES_CLASS_NONE,
				   BAYES_CLASS_HAM, d2, &err) == 0);
	test_assert(totals_are(s, 1, 1));
	test_assert(counts_are(s, 1, 1, 1));
	test_assert(counts_are(s, UINT64_MAX, 1, 0));
	test_assert(counts_are(s, 0x8000000000000000ULL, 1, 0));
	test_assert(counts_are(s, 5, 0, 1));
	test_assert(counts_are(s, 6, 0, 0));
	test_assert(s->ops->learned_as(s, d1, &c, &err) == 0 &&
		    c == BAYES_CLASS_SPAM);
	test_end();

	test_begin("sqlite: a stale `from` is refused and changes nothing");
	err_init(&err);
	test_assert(s->ops->update(s, toks, 3, BAYES_CLASS_NONE,
				   BAYES_CLASS_SPAM, d1, &err) < 0);
	test_assert(strstr(err.msg, "changed by another learner") != NULL);
	test_assert(totals_are(s, 1, 1) && counts_are(s, 1, 1, 1));
	test_end();

	test_begin("sqlite: relearn moves the counts, unlearn removes them");
	test_assert(s->ops->update(s, toks, 3, BAYES_CLASS_SPAM,
				   BAYES_CLASS_HAM, d1, &err) == 0);
	test_assert(totals_are(s, 0, 2));
	test_assert(counts_are(s, 1, 0, 2));
	test_assert(counts_are(s, UINT64_MAX, 0, 1));
	test_assert(s->ops->update(s, more, 2, BAYES_CLASS_HAM,
				   BAYES_CLASS_NONE, d2, &err) == 0);
	test_assert(totals_are(s, 0, 1));
	test_assert(counts_are(s, 5, 0, 0) && counts_are(s, 1, 0, 1));
	test_assert(s->ops->learned_as(s, d2, &c, &err) == 0 &&
		    c == BAYES_CLASS_NONE);
	test_end();

	test_begin("sqlite: counters never go below zero");
	/* Unlearn with tokens that were never counted. */
	test_assert(s->ops->update(s, more, 2, BAYES_CLASS_HAM,
				   BAYES_CLASS_NONE, d1, &err) == 0);
	test_assert(totals_are(s, 0, 0));
	test_assert(counts_are(s, 1, 0, 0) && counts_are(s, 5, 0, 0));
	test_assert(counts_are(s, UINT64_MAX, 0, 1));
	test_end();

	test_begin("sqlite: the model survives reopening");
	s->ops->close(s);
	s = store_sqlite_open(path, &err);
	test_assert(s != NULL && counts_are(s, UINT64_MAX, 0, 1));
	if (s != NULL)
		s->ops->close(s);
	test_end();
	free(path);
}

/* A second connection to path with a short busy timeout. */
static struct store *other(const char *path)
{
	struct err err;

	err_init(&err);
	return store_sqlite_open_timeout(path, 100, &err);
}

static void test_batch(void)
{
	static const uint64_t toks[] = {1, UINT64_MAX, 0x8000000000000000ULL};
	static const uint64_t more[] = {1, 5};
	uint8_t d1[32] = {1}, d2[32] = {2}, d3[32] = {3};
	char *path = tmp_path("batch.sqlite");
	struct store *s, *o;
	enum bayes_class c;
	struct err err;

	err_init(&err);
	s = store_sqlite_open(path, &err);
	o = other(path);
	test_begin("sqlite batch: a failed update keeps the earlier ones");
	test_assert(s != NULL && o != NULL);
	if (s == NULL || o == NULL)
		goto out;
	test_assert(s->ops->batch_begin != NULL && s->ops->batch_end != NULL);
	test_assert(s->ops->batch_begin(s, &err) == 0);
	test_assert(s->ops->update(s, toks, 3, BAYES_CLASS_NONE,
				   BAYES_CLASS_SPAM, d1, &err) == 0);
	/* the batch sees its own update: a repeat is refused */
	test_assert(s->ops->learned_as(s, d1, &c, &err) == 0 &&
		    c == BAYES_CLASS_SPAM);
	test_assert(s->ops->update(s, toks, 3, BAYES_CLASS_NONE,
				   BAYES_CLASS_SPAM, d1, &err) < 0);
	test_assert(strstr(err.msg, "changed by another learner") != NULL);
	test_assert(s->ops->update(s, more, 2, BAYES_CLASS_NONE,
				   BAYES_CLASS_HAM, d2, &err) == 0);
	/* invisible to others, who wait for the lock and give up */
	test_assert(totals_are(o, 0, 0) && counts_are(o, 1, 0, 0));
	test_assert(o->ops->update(o, more, 2, BAYES_CLASS_NONE,
				   BAYES_CLASS_HAM, d3, &err) < 0);
	test_assert(strstr(err.msg, "locked") != NULL);
	test_assert(s->ops->batch_end(s, true, &err) == 0);
	test_assert(totals_are(o, 1, 1) && totals_are(s, 1, 1));
	test_assert(counts_are(o, 1, 1, 1));
	test_assert(counts_are(o, UINT64_MAX, 1, 0));
	test_assert(counts_are(o, 0x8000000000000000ULL, 1, 0));
	test_assert(counts_are(o, 5, 0, 1));
	test_assert(o->ops->learned_as(o, d1, &c, &err) == 0 &&
		    c == BAYES_CLASS_SPAM);
	test_end();

	test_begin("sqlite batch: a rolled-back batch changes nothing");
	test_assert(s->ops->batch_begin(s, &err) == 0);
	test_assert(s->ops->batch_begin(s, &err) < 0); /* one at a time */
	test_assert(s->ops->update(s, toks, 3, BAYES_CLASS_NONE,
				   BAYES_CLASS_HAM, d3, &err) == 0);
	test_assert(s->ops->update(s, toks, 3, BAYES_CLASS_SPAM,
				   BAYES_CLASS_HAM, d1, &err) == 0);
	/* get() inside the batch sees the pending counts */
	test_assert(counts_are(s, 1, 0, 3) && totals_are(s, 0, 3));
	test_assert(s->ops->batch_end(s, false, &err) == 0);
	test_assert(totals_are(s, 1, 1) && counts_are(s, 1, 1, 1));
	test_assert(counts_are(s, UINT64_MAX, 1, 0));
	test_assert(s->ops->learned_as(s, d3, &c, &err) == 0 &&
		    c == BAYES_CLASS_NONE);
	test_assert(s->ops->learned_as(s, d1, &c, &err) == 0 &&
		    c == BAYES_CLASS_SPAM);
	test_end();

	test_begin("sqlite batch: unlearn removes rows; close drops a batch");
	test_assert(s->ops->batch_begin(s, &err) == 0);
	test_assert(s->ops->update(s, more, 2, BAYES_CLASS_HAM,
				   BAYES_CLASS_NONE, d2, &err) == 0);
	test_assert(s->ops->update(s, toks, 3, BAYES_CLASS_NONE,
				   BAYES_CLASS_HAM, d3, &err) == 0);
	test_assert(s->ops->batch_end(s, true, &err) == 0);
	test_assert(totals_are(o, 1, 1) && counts_are(o, 5, 0, 0));
	test_assert(counts_are(o, 1, 1, 1) && counts_are(o, UINT64_MAX, 1, 1));
	test_assert(s->ops->batch_begin(s, &err) == 0);
	test_assert(s->ops->update(s, toks, 3, BAYES_CLASS_HAM,
				   BAYES_CLASS_NONE, d3, &err) == 0);
	s->ops->close(s);
	s = NULL;
	test_assert(totals_are(o, 1, 1) && counts_are(o, UINT64_MAX, 1, 1));
	/* and the lock is free again */
	test_assert(o->ops->update(o, toks, 3, BAYES_CLASS_HAM,
				   BAYES_CLASS_NONE, d3, &err) == 0);
	test_assert(totals_are(o, 1, 0) && counts_are(o, UINT64_MAX, 1, 0));
	test_end();
out:
	if (s != NULL)
		s->ops->close(s);
	if (o != NULL)
		o->ops->close(o);
	free(path);
}

/* Run sql on the file at path; the first column of its first row. */
static long long sql_value(const char *path, const char *sql)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	long long v = -1;

	if (sqlite3_open(path, &db) == SQLITE_OK &&
	    sqlite3_exec(db, "PRAGMA busy_timeout = 2000", NULL, NULL,
			 NULL) == SQLITE_OK &&
	    sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK) {
		int rc = sqlite3_step(st);

		v = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0)
		    : rc == SQLITE_DONE ? 0 : -1;
	}
	sqlite3_finalize(st);
	sqlite3_close(db);
	return v;
}

/* Bucket b's token number i (the bucket is the top 14 bits). */
#define IN_BUCKET(b, i) (((uint64_t)(b) << 50) | (uint64_t)(i))

static void test_buckets(void)
{
	static const uint64_t a[] = {IN_BUCKET(7, 1), IN_BUCKET(7, 3),
				     IN_BUCKET(7, 5)};
	static const uint64_t b[] = {IN_BUCKET(7, 2), IN_BUCKET(7, 3),
				     IN_BUCKET(7, 6), IN_BUCKET(8, 0)};
	uint8_t d1[32] = {1}, d2[32] = {2};
	char *path = tmp_path("buckets.sqlite");
	struct store *s;
	struct err err;

	err_init(&err);
	test_begin("sqlite buckets: tokens of one bucket merge exactly");
	s = store_sqlite_open(path, &err);
	test_assert(s != NULL);
	if (s == NULL)
		goto out;
	test_assert(s->ops->update(s, a, 3, BAYES_CLASS_NONE,
				   BAYES_CLASS_SPAM, d1, &err) == 0);
	test_assert(s->ops->update(s, b, 4, BAYES_CLASS_NONE,
				   BAYES_CLASS_HAM, d2, &err) == 0);
	test_assert(counts_are(s, IN_BUCKET(7, 1), 1, 0));
	test_assert(counts_are(s, IN_BUCKET(7, 2), 0, 1));
	test_assert(counts_are(s, IN_BUCKET(7, 3), 1, 1));
	test_assert(counts_are(s, IN_BUCKET(7, 4), 0, 0));
	test_assert(counts_are(s, IN_BUCKET(7, 6), 0, 1));
	test_assert(counts_are(s, IN_BUCKET(8, 0), 0, 1));
	test_assert(sql_value(path, "SELECT length(data) FROM buckets "
			      "WHERE id = 7") == 5 * 16);
	test_end();

	test_begin("sqlite buckets: unlearn drops emptied tokens and buckets");
	test_assert(s->ops->update(s, b, 4, BAYES_CLASS_HAM,
				   BAYES_CLASS_NONE, d2, &err) == 0);
	test_assert(counts_are(s, IN_BUCKET(7, 3), 1, 0));
	test_assert(counts_are(s, IN_BUCKET(7, 2), 0, 0));
	test_assert(sql_value(path, "SELECT length(data) FROM buckets "
			      "WHERE id = 7") == 3 * 16);
	test_assert(sql_value(path, "SELECT count(*) FROM buckets") == 1);
	test_end();

	test_begin("sqlite buckets: a corrupt bucket is an error, not a guess");
	test_assert(sql_value(path, "UPDATE buckets SET data = x'0102' "
			      "WHERE id = 7") == 0);
	err_init(&err);
	{
		struct token_counts t = {.token = IN_BUCKET(7, 1)};

		test_assert(s->ops->get(s, &t, 1, &err) < 0);
	}
	test_assert(strstr(err.msg, "bucket 7 is corrupt") != NULL);
	err_init(&err);
	test_assert(s->ops->update(s, a, 3, BAYES_CLASS_SPAM,
				   BAYES_CLASS_HAM, d1, &err) < 0);
	test_assert(strstr(err.msg, "bucket 7 is corrupt") != NULL);
	test_assert(totals_are(s, 1, 0)); /* the failed learn changed nothing */
	test_end();
	s->ops->close(s);
out:
	free(path);
}

/* A schema 1 file (one row per token) is converted when opened. */
static void test_schema1(void)
{
	static const char v1[] =
		"CREATE TABLE tokens (token INTEGER PRIMARY KEY,"
		" spam INTEGER NOT NULL DEFAULT 0, ham INTEGER NOT NULL "
		"DEFAULT 0);"
		"CREATE TABLE totals (class INTEGER PRIMARY KEY,"
		" messages INTEGER NOT NULL DEFAULT 0);"
		"INSERT INTO totals VALUES (1, 3), (2, 4);"
		"CREATE TABLE learned (digest BLOB PRIMARY KEY,"
		" class INTEGER NOT NULL, learned_at INTEGER NOT NULL) "
		"WITHOUT ROWID;"
		"INSERT INTO learned VALUES (x'01', 1, 0);"
		"INSERT INTO tokens VALUES (1, 2, 0), (-1, 3, 4),"
		" (1125899906842624, 0, 5);"
		"PRAGMA user_version = 1;";
	char *path = tmp_path("schema1.sqlite");
	struct store *s = NULL;
	sqlite3 *db = NULL;
	struct err err;

	err_init(&err);
	test_begin("sqlite: a schema 1 file is converted to buckets on open");
	test_assert(sqlite3_open(path, &db) == SQLITE_OK &&
		    sqlite3_exec(db, v1, NULL, NULL, NULL) == SQLITE_OK);
	sqlite3_close(db);
	s = store_sqlite_open(path, &err);
	test_assert(s != NULL);
	if (s != NULL) {
		test_assert(totals_are(s, 3, 4));
		test_assert(counts_are(s, 1, 2, 0));
		test_assert(counts_are(s, UINT64_MAX, 3, 4));
		test_assert(counts_are(s, 1125899906842624ULL, 0, 5));
		s->ops->close(s);
	}
	test_assert(sql_value(path, "PRAGMA user_version") == 2);
	test_assert(sql_value(path, "SELECT count(*) FROM sqlite_master "
			      "WHERE name = 'tokens'") == 0);
	test_assert(sql_value(path, "SELECT count(*) FROM buckets") == 3);
	test_end();
	free(path);
}

static void test_corrupt(void)
{
	char *path = tmp_path("corrupt.sqlite");
	FILE *f = fopen(path, "w");
	struct store *s;
	struct err err;

	test_begin("sqlite: a corrupt file is a clear error");
	fputs("this is not an SQLite database, just some text ........\n", f);
	for (int i = 0; i < 100; i++)
		fputs("garbage garbage garbage garbage garbage garbage\n", f);
	fclose(f);
	err_init(&err);
	s = store_sqlite_open(path, &err);
	test_assert(s == NULL);
	test_assert(strstr(err.msg, "sqlite '") != NULL);
	test_assert(strstr(err.msg, path) != NULL);
	test_assert(strstr(err.msg, "not a database") != NULL);
	test_end();
	free(path);
}

/* ---- learning and classifying a message ---------------------------------- */

static const char *spam_words[] = {
	"viagra", "cheap", "pills", "winner", "lottery", "prize", "click",
	"offer", "free", "money", "casino", "bonus", "discount", "pharmacy",
};
static const char *ham_words[] = {
	"meeting", "agenda", "project", "review", "lunch", "report",
	"thursday", "schedule", "draft", "minutes", "budget", "team",
};

static char *make_msg(unsigned n, bool spam)
{
	const char **w = spam ? spam_words : ham_words;
	size_t nw = spam ? sizeof(spam_words) / sizeof(*spam_words)
			 : sizeof(ham_words) / sizeof(*ham_words);
	char *buf = malloc(4096);
	size_t len;
	unsigned i;

	len = (size_t)snprintf(buf, 4096,
			       "From: x@%s.example\nMessage-ID: <%u.%d@t>\n"
			       "Subject: %s %s\n\n",
			       spam ? "spam" : "ham", n, spam, w[n % nw],
			       w[(n / 3) % nw]);
	for (i = 0; i < 40; i++)
		len += (size_t)snprintf(buf + len, 4096 - len, "%s%s",
					w[(n * 7 + i * i) % nw],
					i % 9 == 8 ? ".\n" : " ");
	snprintf(buf + len, 4096 - len, "\nmessage number %u\n", n);
	return buf;
}

static int learn_text(struct bayes *b, const char *text, enum bayes_class to,
		      enum bayes_learn_result *res, struct err *err)
{
	struct msg m;
	int rc;

	parse(&m, text);
	err_init(err);
	rc = bayes_learn(b, &m, to, res, err);
	msg_release(&m);
	return rc;
}

static void test_learn(void)
{
	struct bayes_config cfg;
	enum bayes_learn_result res;
	struct bayes *b;
	struct err err;
	char *text = make_msg(1, true);

	bayes_config_init(&cfg);
	cfg.dbpath = tmp_path("sub/dir/learn.sqlite");
	b = bayes_new(&cfg);
	test_begin("learn: new, again (refused), relearn, unlearn");
	test_assert(learn_text(b, text, BAYES_CLASS_SPAM, &res, &err) == 0 &&
		    res == BAYES_LEARNED);
	test_assert(learn_text(b, text, BAYES_CLASS_SPAM, &res, &err) == 0 &&
		    res == BAYES_ALREADY_LEARNED);
	test_assert_str(err.msg, "<1.1@t> has been already learned as spam, "
				 "ignore it");
	test_assert(learn_text(b, text, BAYES_CLASS_HAM, &res, &err) == 0 &&
		    res == BAYES_RELEARNED);
	test_assert(learn_text(b, text, BAYES_CLASS_HAM, &res, &err) == 0 &&
		    res == BAYES_ALREADY_LEARNED);
	test_assert_str(err.msg, "<1.1@t> has been already learned as ham, "
				 "ignore it");
	test_assert(learn_text(b, text, BAYES_CLASS_NONE, &res, &err) == 0 &&
		    res == BAYES_UNLEARNED);
	test_assert(learn_text(b, text, BAYES_CLASS_NONE, &res, &err) == 0 &&
		    res == BAYES_NOT_LEARNED);
	test_end();
	bayes_free(b);
	free(text);
	bayes_config_release(&cfg);
}

static void test_learn_batch(void)
{
	struct bayes_config cfg;
	enum bayes_learn_result res;
	struct bayes *b, *b2;
	struct store *o;
	uint64_t sp = 77, h = 77;
	struct err err;
	char *t1 = make_msg(1, true), *t2 = make_msg(2, true);

	bayes_config_init(&cfg);
	cfg.dbpath = tmp_path("learn-batch.sqlite");
	b = bayes_new(&cfg);
	test_begin("learn batch: repeats refused, visible after the flush");
	bayes_batch(b);
	test_assert(learn_text(b, t1, BAYES_CLASS_SPAM, &res, &err) == 0 &&
		    res == BAYES_LEARNED);
	test_assert(learn_text(b, t1, BAYES_CLASS_SPAM, &res, &err) == 0 &&
		    res == BAYES_ALREADY_LEARNED);
	test_assert(learn_text(b, t2, BAYES_CLASS_HAM, &res, &err) == 0 &&
		    res == BAYES_LEARNED);
	o = other(cfg.dbpath);
	test_assert(o != NULL && totals_are(o, 0, 0));
	err_init(&err);
	test_assert(bayes_flush(b, true, &err) == 0);
	test_assert(o != NULL && totals_are(o, 1, 1));
	test_assert(bayes_flush(b, true, &err) == 0); /* nothing open */
	test_end();

	test_begin("learn batch: an unflushed batch is dropped by bayes_free");
	test_assert(learn_text(b, t2, BAYES_CLASS_SPAM, &res, &err) == 0 &&
		    res == BAYES_RELEARNED);
	bayes_free(b);
	test_assert(o != NULL && o->ops->totals(o, &sp, &h, &err) == 0 &&
		    sp == 1 && h == 1);
	b2 = bayes_new(&cfg);
	test_assert(learn_text(b2, t2, BAYES_CLASS_HAM, &res, &err) == 0 &&
		    res == BAYES_ALREADY_LEARNED);
	bayes_free(b2);
	test_end();
	if (o != NULL)
		o->ops->close(o);
	free(t1);
	free(t2);
	bayes_config_release(&cfg);
}

/* Classify text; the inserted symbol's name and option, or NULL. */
static const char *classify(struct bayes *b, struct scan_config *sc,
			    const char *text, char *opt, size_t optlen)
{
	struct scan_ctx *ctx = scan_ctx_new(sc);
	const char *sym = NULL;
	struct msg m;
	struct err err;

	err_init(&err);
	parse(&m, text);
	scan_ctx_reset(ctx, &m);
	if (bayes_classify(b, &m, ctx, &err) < 0)
		printf("# classify: %s\n", err.msg);
	opt[0] = '\0';
	if (scan_has(ctx, "BAYES_SPAM"))
		sym = "BAYES_SPAM";
	else if (scan_has(ctx, "BAYES_HAM"))
		sym = "BAYES_HAM";
	if (sym != NULL && scan_option(ctx, sym, 0) != NULL)
		snprintf(opt, optlen, "%s", scan_option(ctx, sym, 0));
	if (sym != NULL && !(scan_score_of(ctx, sym) != 0))
		sym = "zero score";
	msg_release(&m);
	scan_ctx_free(&ctx);
	return sym;
}

static void test_classify(void)
{
	struct scan_config sc;
	enum bayes_learn_result res;
	struct bayes *b;
	struct err err;
	char opt[32], *text;
	unsigned i;
	size_t ol;

	err_init(&err);
	scan_config_init(&sc, &err);
	free(sc.bayes.dbpath);
	sc.bayes.dbpath = tmp_path("classify.sqlite");
	sc.bayes.min_learns = 5;
	b = bayes_new(&sc.bayes);

	test_begin("classify: nothing before the store exists");
	text = make_msg(1000, true);
	test_assert(classify(b, &sc, text, opt, sizeof(opt)) == NULL);
	free(text);
	test_end();

	test_begin("classify: nothing below min_learns of each class");
	for (i = 0; i < 5; i++) {
		text = make_msg(i, true);
		learn_text(b, text, BAYES_CLASS_SPAM, &res, &err);
		free(text);
	}
	for (i = 0; i < 4; i++) {
		text = make_msg(i, false);
		learn_text(b, text, BAYES_CLASS_HAM, &res, &err);
		free(text);
	}
	text = make_msg(1001, true);
	test_assert(classify(b, &sc, text, opt, sizeof(opt)) == NULL);
	free(text);
	test_end();

	test_begin("classify: BAYES_SPAM / BAYES_HAM with a probability");
	text = make_msg(4, false);
	learn_text(b, text, BAYES_CLASS_HAM, &res, &err);
	free(text);
	text = make_msg(1002, true);
	test_assert_str(classify(b, &sc, text, opt, sizeof(opt)),
			"BAYES_SPAM");
	free(text);
	ol = strlen(opt);
	test_assert(ol >= 5 && opt[ol - 1] == '%' && opt[ol - 4] == '.');
	text = make_msg(1003, false);
	test_assert_str(classify(b, &sc, text, opt, sizeof(opt)),
			"BAYES_HAM");
	free(text);
	test_end();

	bayes_free(b);
	scan_config_release(&sc);
}

/* ---- configuration ------------------------------------------------------- */

static void test_config(void)
{
	char *path = tmp_path("scanner.conf");
	struct scan_config sc;
	struct err err;
	FILE *f = fopen(path, "w");

	test_begin("config: classifier \"bayes\" in rspamd's words");
	fputs("classifier \"bayes\" {\n"
	      "  backend = \"redis\"; servers = \"127.0.0.1:6390\";\n"
	      "  min_learns = 50; min_tokens = 20;\n"
	      "  statfile { symbol = \"BAYES_HAM\"; spam = false; }\n"
	      "  autolearn { spam_threshold = 9.5; ham_threshold = -2; }\n"
	      "}\n", f);
	fclose(f);
	err_init(&err);
	test_assert(scan_config_init(&sc, &err) == 0);
	test_assert(sc.bayes.enabled && sc.bayes.min_learns == 200 &&
		    !sc.bayes.autolearn);
	test_assert(scan_config_load(&sc, path, true, &err) == 0);
	test_assert_str(sc.bayes.backend, "redis");
	test_assert_str(sc.bayes.servers, "127.0.0.1:6390");
	test_assert(sc.bayes.min_learns == 50 && sc.bayes.min_tokens == 20);
	test_assert(sc.bayes.autolearn && sc.bayes.autolearn_spam == 9.5 &&
		    sc.bayes.autolearn_ham == -2);
	scan_config_release(&sc);
	test_end();

	test_begin("config: statistic { classifier { } } and bad values");
	f = fopen(path, "w");
	fputs("statistic { classifier \"bayes\" { dbpath = \"/x/b.db\"; "
	      "enabled = false; } }\n", f);
	fclose(f);
	scan_config_init(&sc, &err);
	test_assert(scan_config_load(&sc, path, true, &err) == 0);
	test_assert_str(sc.bayes.dbpath, "/x/b.db");
	test_assert(!sc.bayes.enabled);
	scan_config_release(&sc);
	f = fopen(path, "w");
	fputs("classifier \"bayes\" { min_learns = \"many\"; }\n", f);
	fclose(f);
	scan_config_init(&sc, &err);
	test_assert(scan_config_load(&sc, path, true, &err) < 0);
	test_assert(strstr(err.msg, "min_learns") != NULL);
	scan_config_release(&sc);
	test_end();

	test_begin("config: the default path is under data_dir; no environment");
	{
		struct bayes_config bc;
		char *p;

		bayes_config_init(&bc);
		setenv("XDG_DATA_HOME", "/data/u", 1);
		setenv("HOME", "/home/u", 1);
		p = bayes_db_path(&bc);
		test_assert_str(p, "./rspamc/bayes.sqlite");
		free(p);
		bc.data_dir = strdup("/home/v/.local/share");
		p = bayes_db_path(&bc);
		test_assert_str(p, "/home/v/.local/share/rspamc/bayes.sqlite");
		free(p);
		bc.dbpath = strdup("/srv/b.sqlite");
		p = bayes_db_path(&bc);
		test_assert_str(p, "/srv/b.sqlite");
		free(p);
		unsetenv("XDG_DATA_HOME");
		bayes_config_release(&bc);
	}
	test_end();
	free(path);
}

int main(void)
{
	char cmd[128];

	if (mkdtemp(tmpdir) == NULL) {
		perror("mkdtemp");
		return 1;
	}
	test_words();
	test_osb();
	test_structure_tokens();
	test_digest();
	test_math();
	test_store();
	test_batch();
	test_buckets();
	test_schema1();
	test_corrupt();
	test_learn();
	test_learn_batch();
	test_classify();
	test_config();
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
	if (system(cmd) != 0)
		printf("# could not remove %s\n", tmpdir);
	return test_done();
}
