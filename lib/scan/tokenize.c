/*
 * tokenize.c - the Bayes classifier's features (tokenize.h).
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
 *   - Received hops (docs/bayes.md): each hop's HELO name, rDNS name, "by"
 *     host, protocol ("with") and the first two octets of its IPv4
 *     address ("r:helo:NAME", "r:rdns:", "r:by:", "r:with:", "r:ip16:A.B").
 *   - capitals (docs/bayes.md): each ALL-CAPS word of a text part (3-24
 *     ASCII capitals) with its case ("c:FREE"), and the share of such words
 *     among the part's ASCII alphanumeric runs in tenths ("m:caps10:N").
 */
#include "tokenize.h"

#include <glib.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_WORD_CHARS 32
#define MAX_WORDS 4096          /* per text block */
#define MAX_META_LEN 64

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

/* "prefix" + s[0..len), case kept, as a header token. */
static int tok_raw(struct bayes_tokens *t, const char *prefix, const char *s,
		   size_t len)
{
	char buf[128];
	int n = snprintf(buf, sizeof(buf), "%s%.*s", prefix, (int)len, s);

	if (n < 0)
		return 0;
	return tok_add(t, bayes_hash(buf, (size_t)n < sizeof(buf) ?
					  (size_t)n : sizeof(buf) - 1), 0);
}

static bool is_alnum_ascii(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9');
}

static int url_tokens(struct bayes_tokens *t, const struct msg *m)
{
	size_t i;

	for (i = 0; i < m->n_urls; i++)
		if (meta(t, "u:domain", m->urls[i].tld) < 0)
			return -1;
	return 0;
}

/* Each Received hop: HELO, rDNS and "by" names, protocol, IP /16. */
static int received_tokens(struct bayes_tokens *t, const struct msg *m)
{
	size_t i;

	for (i = 0; i < m->n_received; i++) {
		const struct msg_received *r = &m->received[i];
		char ip[16];
		const char *dot;

		if (meta(t, "r:helo", r->from_hostname) < 0 ||
		    meta(t, "r:rdns", r->real_hostname) < 0 ||
		    meta(t, "r:by", r->by_hostname) < 0 ||
		    meta(t, "r:with", r->with) < 0)
			return -1;
		if (r->real_ip && (dot = strchr(r->real_ip, '.')) &&
		    (dot = strchr(dot + 1, '.'))) {
			snprintf(ip, sizeof(ip), "%.*s",
				 (int)(dot - r->real_ip), r->real_ip);
			if (meta(t, "r:ip16", ip) < 0)
				return -1;
		}
	}
	return 0;
}

/* ALL-CAPS words (3+ ASCII capitals) with their case, as header tokens. */
static int caps_tokens(struct bayes_tokens *t, const char *s, size_t len)
{
	size_t i = 0, j, n, caps = 0, words = 0;
	char num[16];

	while (i < len) {
		bool up = true;

		while (i < len && !is_alnum_ascii(s[i]))
			i++;
		for (j = i; j < len && is_alnum_ascii(s[j]); j++)
			if (!(s[j] >= 'A' && s[j] <= 'Z'))
				up = false;
		n = j - i;
		if (n > 0)
			words++;
		if (up && n >= 3 && n <= 24) {
			caps++;
			if (tok_raw(t, "c:", s + i, n) < 0)
				return -1;
		}
		i = j;
	}
	if (words == 0)
		return 0;
	snprintf(num, sizeof(num), "%zu", caps * 10 / words);
	return meta(t, "m:caps10", num);
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
		if (text_tokens(t, b, p->content, strlen(p->content)) < 0 ||
		    caps_tokens(t, p->content, strlen(p->content)) < 0)
			goto out;
	}
	if (header_tokens(t, m) < 0 || url_tokens(t, m) < 0 ||
	    received_tokens(t, m) < 0)
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
