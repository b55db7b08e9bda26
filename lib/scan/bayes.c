/*
 * bayes.c - the statistical classifier (bayes.h): tokenizer, combination,
 * learning, and the store factory.
 *
 * Tokens (all 64-bit hashes, unique per message):
 *   - text: the Subject and each text part (HTML as its visible text; the
 *     HTML half of a multipart/alternative with a plain half is skipped),
 *     lower-cased with g_utf8_strdown(), split into words of alphanumeric
 *     characters (g_unichar_isalnum; a wide CJK character is a word of its
 *     own); words of 1 or more than 32 characters are dropped. Each word is
 *     a token (not in Rspamd: docs/bayes.md) and is paired with each of the
 *     next 4 words (OSB, window 5, as Rspamd's "osb" tokenizer): the token
 *     is the hash of both words and their distance, so "cheap pills" and
 *     "cheap ... pills" differ.
 *   - header and structure tokens: From, Reply-To and Message-ID domains,
 *     the From address and display name, the To domain, X-Mailer,
 *     User-Agent, List-Id, Precedence, X-Mailing-List, X-Priority and
 *     Organization values, whether it is a reply and its Received count,
 *     each leaf part's content type, charset and transfer encoding, URL
 *     domains, part count and a size class.
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

#define OSB_WINDOW 5
#define MAX_WORD_CHARS 32
#define MAX_WORDS 4096          /* per text block */
#define MAX_META_LEN 64

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

/* ---- hashing ------------------------------------------------------------ */

static uint64_t fmix64(uint64_t k)
{
	k ^= k >> 33;
	k *= 0xff51afd7ed558ccdULL;
	k ^= k >> 33;
	k *= 0xc4ceb9fe1a85ec53ULL;
	k ^= k >> 33;
	return k;
}

/* FNV-1a, then a finaliser that spreads every input bit. */
uint64_t bayes_hash(const char *s, size_t len)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	size_t i;

	for (i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 0x100000001b3ULL;
	}
	return fmix64(h ^ len);
}

uint64_t bayes_unigram(uint64_t a)
{
	return fmix64(a ^ 0x5555);
}

uint64_t bayes_pair(uint64_t a, uint64_t b, unsigned d)
{
	uint64_t r = (b << 29) | (b >> 35);

	return fmix64(a * 0x9e3779b97f4a7c15ULL + r + d);
}

/* ---- words -------------------------------------------------------------- */

static bool is_cjk(gunichar c)
{
	return g_unichar_iswide(c) &&
	       g_unichar_type(c) == G_UNICODE_OTHER_LETTER;
}

static void words_of_valid(const char *low, size_t len,
			   void (*fn)(void *, const char *, size_t),
			   void *arg)
{
	const char *p = low, *end = low + len, *start = NULL;
	size_t nchars = 0;

	while (p < end) {
		gunichar c = g_utf8_get_char(p);
		const char *next = g_utf8_next_char(p);

		if (g_unichar_isalnum(c) && !is_cjk(c)) {
			if (start == NULL) {
				start = p;
				nchars = 0;
			}
			nchars++;
		} else {
			if (start != NULL && nchars > 1 &&
			    nchars <= MAX_WORD_CHARS)
				fn(arg, start, (size_t)(p - start));
			start = NULL;
			if (is_cjk(c))
				fn(arg, p, (size_t)(next - p));
		}
		p = next;
	}
	if (start != NULL && nchars > 1 && nchars <= MAX_WORD_CHARS)
		fn(arg, start, (size_t)(end - start));
}

void bayes_words(const char *text, size_t len,
		 void (*fn)(void *arg, const char *word, size_t len),
		 void *arg)
{
	gchar *valid = NULL, *low;

	if (!g_utf8_validate(text, (gssize)len, NULL)) {
		valid = g_utf8_make_valid(text, (gssize)len);
		text = valid;
		len = strlen(valid);
	}
	low = g_utf8_strdown(text, (gssize)len);
	words_of_valid(low, strlen(low), fn, arg);
	g_free(low);
	g_free(valid);
}

/* ---- tokens ------------------------------------------------------------- */

static int tok_add(struct bayes_tokens *t, uint64_t hash, unsigned window)
{
	if (t->n == t->alloc) {
		size_t n = t->alloc ? t->alloc * 2 : 1024;
		struct bayes_token *v = realloc(t->v, n * sizeof(*v));

		if (v == NULL)
			return -1;
		t->v = v;
		t->alloc = n;
	}
	t->v[t->n].hash = hash;
	t->v[t->n].window = window;
	t->n++;
	return 0;
}

struct block {
	uint64_t h[MAX_WORDS];
	size_t n;
};

static void block_word(void *arg, const char *w, size_t len)
{
	struct block *b = arg;

	if (b->n < MAX_WORDS)
		b->h[b->n++] = bayes_hash(w, len);
}

/* The words and OSB pairs of one block of text. */
static int text_tokens(struct bayes_tokens *t, struct block *b,
		       const char *text, size_t len)
{
	size_t i, d;

	b->n = 0;
	bayes_words(text, len, block_word, b);
	for (i = 0; i < b->n; i++)
		if (tok_add(t, bayes_unigram(b->h[i]), BAYES_UNIGRAM) < 0)
			return -1;
	for (i = 0; i < b->n; i++)
		for (d = 1; d < OSB_WINDOW && i + d < b->n; d++)
			if (tok_add(t, bayes_pair(b->h[i], b->h[i + d],
						  (unsigned)d),
				    (unsigned)d) < 0)
				return -1;
	return 0;
}

/* "name:value", value lower-cased and cut to MAX_META_LEN bytes. */
static int meta(struct bayes_tokens *t, const char *name, const char *value)
{
	char buf[128];
	size_t n, i;

	if (value == NULL || value[0] == '\0')
		return 0;
	n = (size_t)snprintf(buf, sizeof(buf), "%s:%.*s", name, MAX_META_LEN,
			     value);
	if (n >= sizeof(buf))
		n = sizeof(buf) - 1;
	for (i = 0; i < n; i++)
		if (buf[i] >= 'A' && buf[i] <= 'Z')
			buf[i] = (char)(buf[i] - 'A' + 'a');
	return tok_add(t, bayes_hash(buf, n), 0);
}

static const char *first_domain(const struct msg_addrs *a)
{
	return a->n > 0 ? a->v[0].domain : NULL;
}

/* Headers whose (lower-cased, cut) value is a token of its own. */
static const char *const value_headers[] = {
	"X-Mailer", "User-Agent", "List-Id", "Precedence", "X-Mailing-List",
	"X-Priority", "Organization", NULL,
};

/* The sender: address, display name, recipient domain, reply markers. */
static int sender_tokens(struct bayes_tokens *t, const struct msg *m)
{
	const struct msg_addr *f = m->from.n > 0 ? &m->from.v[0] : NULL;
	char num[32];

	if (f != NULL && (meta(t, "h:from", f->addr) < 0 ||
			  meta(t, "h:from-name", f->name) < 0))
		return -1;
	if (meta(t, "h:to-domain", first_domain(&m->to)) < 0)
		return -1;
	snprintf(num, sizeof(num), "%d%d%zu",
		 msg_header(m, "In-Reply-To", 0) != NULL,
		 msg_header(m, "References", 0) != NULL,
		 m->n_received > 9 ? 9 : m->n_received);
	return meta(t, "m:reply/rcvd", num);
}

static int header_tokens(struct bayes_tokens *t, const struct msg *m)
{
	const struct msg_header *h;
	const char *at = m->message_id ? strrchr(m->message_id, '@') : NULL;
	char num[32];
	unsigned size_class = 0;
	size_t len, i;

	if (meta(t, "h:from-domain", first_domain(&m->from)) < 0 ||
	    meta(t, "h:reply-to-domain", first_domain(&m->reply_to)) < 0 ||
	    meta(t, "h:mid-domain", at ? at + 1 : "none") < 0)
		return -1;
	for (i = 0; value_headers[i] != NULL; i++) {
		char name[32];

		snprintf(name, sizeof(name), "h:%s", value_headers[i]);
		if ((h = msg_header(m, value_headers[i], 0)) != NULL &&
		    meta(t, name, h->value) < 0)
			return -1;
	}
	if (sender_tokens(t, m) < 0)
		return -1;
	for (len = m->raw_len; len > 1024; len /= 2)
		size_class++;
	snprintf(num, sizeof(num), "%u/%zu", size_class, m->n_parts);
	return meta(t, "m:size/parts", num);
}

static int part_tokens(struct bayes_tokens *t, const struct msg_part *p)
{
	char ct[128];

	if (p->multipart)
		return 0;
	snprintf(ct, sizeof(ct), "%s/%s", p->type, p->subtype);
	if (meta(t, "h:ct", ct) < 0 || meta(t, "h:charset", p->charset) < 0 ||
	    meta(t, "h:cte", p->cte) < 0 ||
	    (p->attachment && meta(t, "h:attach", ct) < 0))
		return -1;
	return 0;
}

/* An HTML part with a plain-text sibling in a multipart/alternative. */
static bool html_alternative(const struct msg *m, size_t i)
{
	const struct msg_part *p = &m->parts[i];
	size_t j;

	if (!p->html || p->parent < 0 ||
	    strcmp(m->parts[p->parent].subtype, "alternative") != 0)
		return false;
	for (j = 0; j < m->n_parts; j++)
		if (j != i && m->parts[j].parent == p->parent &&
		    m->parts[j].text && !m->parts[j].html &&
		    m->parts[j].content != NULL && m->parts[j].content[0])
			return true;
	return false;
}

static int url_tokens(struct bayes_tokens *t, const struct msg *m)
{
	size_t i;

	for (i = 0; i < m->n_urls; i++)
		if (meta(t, "u:domain", m->urls[i].tld) < 0)
			return -1;
	return 0;
}

static int cmp_token(const void *a, const void *b)
{
	uint64_t x = ((const struct bayes_token *)a)->hash;
	uint64_t y = ((const struct bayes_token *)b)->hash;

	return x < y ? -1 : x > y;
}

/*
 * Sort v by hash, stably (as the merge sort of glibc's qsort, which this
 * replaces for speed: the same first token of a run of equal hashes is
 * kept). LSD radix, a byte a pass, skipping bytes every hash shares.
 */
static void radix_sort(struct bayes_token *v, struct bayes_token *tmp,
		       size_t n)
{
	struct bayes_token *src = v, *dst = tmp, *sw;
	size_t count[256], i, sum, c;
	unsigned shift;

	for (shift = 0; shift < 64 && n > 0; shift += 8) {
		memset(count, 0, sizeof(count));
		for (i = 0; i < n; i++)
			count[(src[i].hash >> shift) & 0xff]++;
		if (count[(src[0].hash >> shift) & 0xff] == n)
			continue;
		for (i = 0, sum = 0; i < 256; i++) {
			c = count[i];
			count[i] = sum;
			sum += c;
		}
		for (i = 0; i < n; i++)
			dst[count[(src[i].hash >> shift) & 0xff]++] = src[i];
		sw = src;
		src = dst;
		dst = sw;
	}
	if (src != v)
		memcpy(v, src, n * sizeof(*v));
}

/* Sort by hash and drop repeats, keeping the first of each. */
static void sort_unique(struct bayes_tokens *t)
{
	struct bayes_token *tmp = malloc((t->n ? t->n : 1) * sizeof(*tmp));
	size_t i, o = 0;

	if (tmp != NULL)
		radix_sort(t->v, tmp, t->n);
	else
		qsort(t->v, t->n, sizeof(*t->v), cmp_token);
	free(tmp);
	for (i = 0; i < t->n; i++) {
		if (o > 0 && t->v[o - 1].hash == t->v[i].hash)
			continue;
		t->v[o++] = t->v[i];
	}
	t->n = o;
	t->n_text = 0;
	for (i = 0; i < t->n; i++)
		if (t->v[i].window > 0)
			t->n_text++; /* pairs and single words */
}

int bayes_tokenize(const struct msg *m, struct bayes_tokens *t)
{
	struct block *b = malloc(sizeof(*b));
	size_t i;
	int rc = -1;

	t->n = 0;
	if (b == NULL)
		return -1;
	if (m->subject != NULL &&
	    text_tokens(t, b, m->subject, strlen(m->subject)) < 0)
		goto out;
	for (i = 0; i < m->n_parts; i++) {
		const struct msg_part *p = &m->parts[i];

		if (part_tokens(t, p) < 0)
			goto out;
		if (!p->text || p->content == NULL || html_alternative(m, i))
			continue;
		if (text_tokens(t, b, p->content, strlen(p->content)) < 0)
			goto out;
	}
	if (header_tokens(t, m) < 0 || url_tokens(t, m) < 0)
		goto out;
	sort_unique(t);
	rc = 0;
out:
	free(b);
	return rc;
}

void bayes_tokens_release(struct bayes_tokens *t)
{
	free(t->v);
	memset(t, 0, sizeof(*t));
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
