/*
 * bayes.c - the statistical classifier (bayes.h): combination, learning,
 * and the store factory. The tokens come from tokenize.c.
 *
 * Combination: Rspamd 3.4's (src/libstat/classifiers/bayes.c, re-written
 * from its description): per token with at least min_token_hits learns
 * (1 here, 2 in Rspamd: docs/bayes.md),
 * the class frequencies give p = sf / (sf + hf), shrunk towards 0.5 with a
 * weight depending on the OSB distance (3125, 256, 27, 1 for distances
 * 1-4; 1 for header tokens); tokens within min_prob_strength of 0.5 are
 * skipped; the logs of the spam and ham sides are combined with the
 * inverse chi-square (Fisher's method) and p = (S + 1 - H) / 2.
 */
#include "bayes.h"

#include <errno.h>
#include <glib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "rules.h"
#include "store_sqlite.h"

/* The Redis back-end, when linked in (store_redis.c). */
struct store *store_redis_open(const char *servers, const char *prefix,
			       struct err *err) __attribute__((weak));

/* ---- configuration ---------------------------------------------------- */

void bayes_config_init(struct bayes_config *c)
{
	memset(c, 0, sizeof(*c));
	c->enabled = true;
	c->min_learns = 200;
	c->min_tokens = 11;
	c->min_token_hits = 1;   /* docs/bayes.md: 2 (Rspamd's) let more ham FP */
	c->min_prob_strength = 0.05;
	c->busy_timeout = 10;
	c->autolearn_spam = 15;
	c->autolearn_ham = -0.5;
}

void bayes_config_release(struct bayes_config *c)
{
	free(c->backend);
	free(c->dbpath);
	free(c->data_dir);
	free(c->servers);
	free(c->prefix);
	memset(c, 0, sizeof(*c));
}

static char *join_path(const char *a, const char *b)
{
	size_t n = strlen(a) + strlen(b) + 1;
	char *p = malloc(n);

	if (p != NULL)
		snprintf(p, n, "%s%s", a, b);
	return p;
}

char *bayes_db_path(const struct bayes_config *c)
{
	if (c->dbpath != NULL)
		return strdup(c->dbpath);
	return join_path(c->data_dir != NULL ? c->data_dir : ".",
			 "/rspamc/bayes.sqlite");
}

/* mkdir -p of the directory part of path. */
static int make_parent(const char *path, struct err *err)
{
	char *dir = strdup(path), *p;
	int rc = 0;

	if (dir == NULL)
		return err_set(err, "out of memory");
	p = strrchr(dir, '/');
	if (p == NULL || p == dir) {
		free(dir);
		return 0;
	}
	*p = '\0';
	for (p = dir + 1; rc == 0; p++) {
		char c = *p;

		if (c != '/' && c != '\0')
			continue;
		*p = '\0';
		if (mkdir(dir, 0700) < 0 && errno != EEXIST)
			rc = err_set(err, "sqlite '%s': cannot create '%s': %s",
				     path, dir, strerror(errno));
		*p = c;
		if (c == '\0')
			break;
	}
	free(dir);
	return rc;
}

static bool is_redis(const struct bayes_config *cfg)
{
	return cfg->backend != NULL && strcmp(cfg->backend, "redis") == 0;
}

struct store *store_open(const struct bayes_config *cfg, struct err *err)
{
	struct store *s;
	char *path;

	if (is_redis(cfg)) {
		if (store_redis_open == NULL) {
			err_set(err, "bayes: the redis back-end is not built in");
			return NULL;
		}
		return store_redis_open(cfg->servers ? cfg->servers
						     : "127.0.0.1:6379",
					cfg->prefix, err);
	}
	if (cfg->backend != NULL && strcmp(cfg->backend, "sqlite") != 0) {
		err_set(err, "bayes: unknown backend '%s' (sqlite or redis)",
			cfg->backend);
		return NULL;
	}
	if ((path = bayes_db_path(cfg)) == NULL) {
		err_set(err, "out of memory");
		return NULL;
	}
	s = NULL;
	if (make_parent(path, err) == 0)
		s = store_sqlite_open_timeout(
			path, (int)(cfg->busy_timeout * 1000), err);
	free(path);
	return s;
}

/* ---- identity ----------------------------------------------------------- */

static void sum_field(GChecksum *c, const void *p, size_t len)
{
	uint64_t n = len;

	g_checksum_update(c, (const guchar *)&n, sizeof(n));
	g_checksum_update(c, p, (gssize)len);
}

void bayes_digest(const struct msg *m, uint8_t out[32])
{
	GChecksum *c = g_checksum_new(G_CHECKSUM_SHA256);
	gsize len = 32;
	size_t i, leaves = 0;

	for (i = 0; i < m->n_parts; i++) {
		const struct msg_part *p = &m->parts[i];

		if (p->multipart)
			continue;
		sum_field(c, p->type, strlen(p->type));
		sum_field(c, p->subtype, strlen(p->subtype));
		if (p->text && p->content != NULL)
			sum_field(c, p->content, strlen(p->content));
		else if (p->decoded != NULL)
			sum_field(c, p->decoded, p->decoded_len);
		else
			sum_field(c, p->raw, p->raw != NULL ? p->raw_len : 0);
		leaves++;
	}
	if (leaves == 0 || (m->n_parts == 1 && m->raw_len == m->header_end)) {
		const char *mid = m->message_id ? m->message_id : "";
		const char *subj = m->subject ? m->subject : "";

		sum_field(c, mid, strlen(mid));
		sum_field(c, subj, strlen(subj));
	}
	g_checksum_get_digest(c, out, &len);
	g_checksum_free(c);
}

/* ---- combination -------------------------------------------------------- */

/* P(chi-square with 2n degrees of freedom >= -2 * logsum) (Rspamd's). */
static double inv_chi_square(double logsum, size_t n)
{
	double m = -logsum, prob = exp(logsum), sum;
	size_t i;

	if (!isfinite(prob) || prob == 0)
		return logsum < 0 ? 0 : 1;
	sum = prob;
	for (i = 1; i < n; i++) {
		prob *= m / (double)i;
		sum += prob;
	}
	return sum < 1 ? sum : 1;
}

/*
 * Feature weight by OSB distance: pow(5 - d, 5 - d) as Rspamd; 1 for
 * header tokens and single words (BAYES_UNIGRAM % OSB_WINDOW is 0).
 */
static const double feature_weight[OSB_WINDOW] = { 1, 3125, 256, 27, 1 };

static double combine(double prob, double cnt, double w)
{
	return (w * 0.5 + cnt * prob) / (w + cnt);
}

double bayes_probability(const struct bayes_config *cfg,
			 const struct bayes_token *t,
			 const struct token_counts *counts, size_t n,
			 uint64_t spam_learns, uint64_t ham_learns,
			 size_t *used)
{
	double sl = spam_learns > 0 ? (double)spam_learns : 1;
	double hl = ham_learns > 0 ? (double)ham_learns : 1;
	double spam_log = 0, ham_log = 0, s, h;
	size_t i;

	*used = 0;
	for (i = 0; i < n; i++) {
		double total = (double)(counts[i].spam + counts[i].ham);
		double sf, hf, fw, w, ps;

		if (total < cfg->min_token_hits || total == 0)
			continue;
		sf = (double)counts[i].spam / sl;
		hf = (double)counts[i].ham / hl;
		fw = feature_weight[t[i].window % OSB_WINDOW];
		w = fw * total / (1 + fw * total);
		ps = combine(sf / (sf + hf), total, w);
		if (fabs(ps - 0.5) < cfg->min_prob_strength)
			continue;
		spam_log += log(ps);
		ham_log += log(combine(hf / (sf + hf), total, w));
		(*used)++;
	}
	if (*used == 0)
		return 0.5;
	if (spam_log > -300 && ham_log > -300) {
		h = 1 - inv_chi_square(spam_log, *used);
		s = 1 - inv_chi_square(ham_log, *used);
	} else if (spam_log < ham_log) {
		h = (1 - exp(spam_log - ham_log)) /
		    (1 + exp(spam_log - ham_log));
		s = 1 - h;
	} else {
		s = (1 - exp(ham_log - spam_log)) /
		    (1 + exp(ham_log - spam_log));
		h = 1 - s;
	}
	return (s + 1 - h) / 2;
}

/* ---- the classifier ------------------------------------------------------ */

struct bayes {
	struct bayes_config cfg;
	struct store *store;
	struct bayes_tokens tok;
	struct token_counts *counts;
	size_t counts_alloc;
	uint64_t *hashes;
	size_t hashes_alloc;
	bool batching;          /* bayes_batch() was called */
	bool batch_open;        /* the store has an open batch */
};

static char *dup_or_null(const char *s, bool *oom)
{
	char *d;

	if (s == NULL)
		return NULL;
	if ((d = strdup(s)) == NULL)
		*oom = true;
	return d;
}

struct bayes *bayes_new(const struct bayes_config *cfg)
{
	struct bayes *b = calloc(1, sizeof(*b));
	bool oom = false;

	if (b == NULL)
		return NULL;
	b->cfg = *cfg;
	b->cfg.backend = dup_or_null(cfg->backend, &oom);
	b->cfg.dbpath = dup_or_null(cfg->dbpath, &oom);
	b->cfg.data_dir = dup_or_null(cfg->data_dir, &oom);
	b->cfg.servers = dup_or_null(cfg->servers, &oom);
	b->cfg.prefix = dup_or_null(cfg->prefix, &oom);
	if (oom) {
		bayes_free(b);
		return NULL;
	}
	return b;
}

void bayes_free(struct bayes *b)
{
	struct err ignored;

	if (b == NULL)
		return;
	err_init(&ignored);
	bayes_flush(b, false, &ignored); /* an unflushed batch is dropped */
	if (b->store != NULL)
		b->store->ops->close(b->store);
	bayes_tokens_release(&b->tok);
	free(b->counts);
	free(b->hashes);
	bayes_config_release(&b->cfg);
	free(b);
}

/*
 * The store, opened on first use. For classification only (create false)
 * a missing SQLite file is no store and no error: nothing was learned.
 */
static int need_store(struct bayes *b, bool create, struct err *err)
{
	struct stat st;
	char *path;
	bool missing;

	if (b->store != NULL)
		return 1;
	if (!create && !is_redis(&b->cfg)) {
		if ((path = bayes_db_path(&b->cfg)) == NULL)
			return err_set(err, "out of memory");
		missing = stat(path, &st) < 0 && errno == ENOENT;
		free(path);
		if (missing)
			return 0;
	}
	b->store = store_open(&b->cfg, err);
	return b->store != NULL ? 1 : -1;
}

static int grow_arrays(struct bayes *b, size_t n)
{
	if (n > b->counts_alloc) {
		struct token_counts *c = realloc(b->counts, n * sizeof(*c));

		if (c == NULL)
			return -1;
		b->counts = c;
		b->counts_alloc = n;
	}
	if (n > b->hashes_alloc) {
		uint64_t *h = realloc(b->hashes, n * sizeof(*h));

		if (h == NULL)
			return -1;
		b->hashes = h;
		b->hashes_alloc = n;
	}
	return 0;
}

static int tokens_of(struct bayes *b, const struct msg *m, struct err *err)
{
	size_t i;

	if (bayes_tokenize(m, &b->tok) < 0 || grow_arrays(b, b->tok.n) < 0)
		return err_set(err, "out of memory");
	for (i = 0; i < b->tok.n; i++) {
		b->counts[i].token = b->tok.v[i].hash;
		b->counts[i].spam = b->counts[i].ham = 0;
		b->hashes[i] = b->tok.v[i].hash;
	}
	return 0;
}

static void insert_symbol(struct scan_ctx *ctx, double p)
{
	const char *sym = p > 0.5 ? "BAYES_SPAM" : "BAYES_HAM";
	char opt[32];
	double mult;

	if (p < 0.5)
		p = 1 - p;
	snprintf(opt, sizeof(opt), "%.2f%%", (p - 0.5) * 200);
	mult = pow((p - 0.5) * 2, 8);
	scan_insert_mult(ctx, sym, mult > 1 ? 1 : mult, opt, NULL);
}

int bayes_classify(struct bayes *b, const struct msg *m, struct scan_ctx *ctx,
		   struct err *err)
{
	uint64_t spam, ham;
	size_t used, known = 0, i;
	double p;
	int rc;

	if (!b->cfg.enabled)
		return 0;
	if ((rc = need_store(b, false, err)) <= 0)
		return rc;
	if (b->store->ops->totals(b->store, &spam, &ham, err) < 0)
		return -1;
	if (spam < b->cfg.min_learns || ham < b->cfg.min_learns ||
	    spam == 0 || ham == 0)
		return 0;
	if (tokens_of(b, m, err) < 0)
		return -1;
	if (b->tok.n_text == 0)
		return 0;
	if (b->store->ops->get(b->store, b->counts, b->tok.n, err) < 0)
		return -1;
	p = bayes_probability(&b->cfg, b->tok.v, b->counts, b->tok.n, spam,
			      ham, &used);
	for (i = 0; i < b->tok.n; i++)
		if (b->tok.v[i].window > 0 &&
		    b->counts[i].spam + b->counts[i].ham >=
			    b->cfg.min_token_hits)
			known++;
	if (used == 0 || known < (size_t)(b->cfg.min_tokens * 0.1) ||
	    fabs(p - 0.5) <= 0.05)
		return 0;
	insert_symbol(ctx, p);
	return 0;
}

static const char *class_word(enum bayes_class c)
{
	return c == BAYES_CLASS_SPAM ? "spam" : "ham";
}

/* The decision for a message now in `cur`; true when there is work. */
static bool decide(const struct msg *m, enum bayes_class cur,
		   enum bayes_class to, bool only_new,
		   enum bayes_learn_result *res, struct err *err)
{
	const char *mid = m->message_id ? m->message_id : "undef";

	if (only_new && cur != BAYES_CLASS_NONE) {
		*res = BAYES_ALREADY_LEARNED;
		return false;
	}
	if (cur == to && to != BAYES_CLASS_NONE) {
		*res = BAYES_ALREADY_LEARNED;
		err_set(err, "<%s> has been already learned as %s, ignore it",
			mid, class_word(to));
		return false;
	}
	if (cur == to) {
		*res = BAYES_NOT_LEARNED;
		err_set(err, "<%s> has not been learned, nothing to forget",
			mid);
		return false;
	}
	*res = to == BAYES_CLASS_NONE   ? BAYES_UNLEARNED
	       : cur == BAYES_CLASS_NONE ? BAYES_LEARNED
					 : BAYES_RELEARNED;
	return true;
}

/* With batching on, the store's batch (opened at the first learn). */
static int open_batch(struct bayes *b, struct err *err)
{
	if (!b->batching || b->batch_open ||
	    b->store->ops->batch_begin == NULL)
		return 0;
	if (b->store->ops->batch_begin(b->store, err) < 0)
		return -1;
	b->batch_open = true;
	return 0;
}

void bayes_batch(struct bayes *b)
{
	b->batching = true;
}

int bayes_flush(struct bayes *b, bool commit, struct err *err)
{
	if (!b->batch_open)
		return 0;
	b->batch_open = false;
	return b->store->ops->batch_end(b->store, commit, err);
}

/* Tries, when another learner changes the same message meanwhile. */
#define LEARN_TRIES 3

static int learn(struct bayes *b, const struct msg *m, enum bayes_class to,
		 bool only_new, enum bayes_learn_result *res, struct err *err)
{
	uint8_t digest[32];
	enum bayes_class cur, now;
	struct err uerr;
	int i;

	if (need_store(b, true, err) < 0 || open_batch(b, err) < 0 ||
	    tokens_of(b, m, err) < 0)
		return -1;
	bayes_digest(m, digest);
	for (i = 0; i < LEARN_TRIES; i++) {
		if (b->store->ops->learned_as(b->store, digest, &cur, err) < 0)
			return -1;
		if (!decide(m, cur, to, only_new, res, err))
			return 0;
		err_init(&uerr);
		if (b->store->ops->update(b->store, b->hashes, b->tok.n, cur,
					  to, digest, &uerr) == 0)
			return 0;
		/* A conflict, or a real failure? */
		if (b->store->ops->learned_as(b->store, digest, &now, err) < 0)
			return -1;
		if (now == cur) {
			err_set(err, "%s", uerr.msg);
			return -1;
		}
	}
	return err_set(err, "bayes: the message keeps being changed by "
		       "other learners");
}

int bayes_learn(struct bayes *b, const struct msg *m, enum bayes_class to,
		enum bayes_learn_result *res, struct err *err)
{
	return learn(b, m, to, false, res, err);
}

int bayes_autolearn(struct bayes *b, const struct msg *m, double score,
		    struct err *err)
{
	enum bayes_learn_result res;
	enum bayes_class to;

	if (!b->cfg.enabled || !b->cfg.autolearn)
		return 0;
	if (score >= b->cfg.autolearn_spam)
		to = BAYES_CLASS_SPAM;
	else if (score <= b->cfg.autolearn_ham)
		to = BAYES_CLASS_HAM;
	else
		return 0;
	return learn(b, m, to, true, &res, err);
}
