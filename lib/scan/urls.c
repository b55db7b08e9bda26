/*
 * urls.c - URLs and e-mail addresses in text, the way rspamd 3.4 finds them.
 *
 * Owns: the strings of the struct msg_url it fills. The text scanner is
 * linear: it splits the text into words at white space and <>"`, trims
 * surrounding punctuation and classifies each word once (scheme URL,
 * mailto:, e-mail, www., bare host with a public-suffix TLD).
 */
/* _GNU_SOURCE comes from the build (meson.build). */
#include "urls.h"

#include <libpsl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>

#include "received.h"

static const psl_ctx_t *psl_ctx(void)
{
	static const psl_ctx_t *ctx;
	static bool tried;

	if (!tried) {
		tried = true;
		ctx = psl_builtin();
		if (ctx == NULL)
			ctx = psl_latest(NULL);
	}
	return ctx;
}

/*
 * libpsl answers are cached: the same hosts and TLDs come back in every
 * message, and a lookup costs far more than a hash. Direct-mapped, one
 * entry per slot, keys up to PSL_CACHE_KEY-1 bytes (longer ones are not
 * cached). One cache for the process (the scanner runs on one thread,
 * dynlib.h), mapped at its first lookup and kept until exit: anonymous
 * pages are zero and cost a page fault only for the slots used, where a
 * 132 KB array was zeroed in full at the first access (33 page faults of
 * a one-message run; calloc zeroes it all too).
 */
#define PSL_CACHE_SLOTS 1024
#define PSL_CACHE_KEY 64

struct psl_cache_entry {
	char key[PSL_CACHE_KEY];  /* "" when free */
	short answer;             /* registrable: offset in key, -1 none;
				   * TLD: 1 public suffix, 0 not */
};

struct psl_cache {
	struct psl_cache_entry reg[PSL_CACHE_SLOTS];
	struct psl_cache_entry tld[PSL_CACHE_SLOTS];
};

/* The cache, or NULL (out of memory: lookups go uncached). */
static struct psl_cache *psl_cache(void)
{
	static struct psl_cache *cache;
	void *p;

	if (cache == NULL) {
		p = mmap(NULL, sizeof(*cache), PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (p != MAP_FAILED)
			cache = p;
	}
	return cache;
}

/* The slot for key in table c (PSL_CACHE_SLOTS entries). */
static struct psl_cache_entry *psl_cache_slot(struct psl_cache_entry *c,
					      const char *key, size_t len)
{
	unsigned h = 2166136261u;
	size_t i;

	for (i = 0; i < len; i++)
		h = (h ^ (unsigned char)key[i]) * 16777619u;
	return &c[h % PSL_CACHE_SLOTS];
}

static bool is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool is_alnum(char c)
{
	return is_alpha(c) || (c >= '0' && c <= '9');
}

static char lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

static bool is_trail_punct(char c)
{
	switch (c) {
	case '.': case ',': case ';': case ':': case '!': case '?':
	case ')': case ']': case '}': case '\'': case '"':
		return true;
	default:
		return false;
	}
}

static bool is_lead_punct(char c)
{
	switch (c) {
	case '(': case '[': case '{': case '\'': case '"':
		return true;
	default:
		return false;
	}
}

/* p is lower case. */
static bool has_prefix_ci(const char *s, size_t len, const char *p)
{
	size_t n = strlen(p);

	return len >= n && lower(s[0]) == p[0] && strncasecmp(s, p, n) == 0;
}

/* rspamd's telephone URLs, "tel:" and "callto:": the host is the digits
 * that follow (to the end of the line in text); no flags of their own
 * that its filters count. */
static size_t phone_scheme_len(const char *s, size_t len)
{
	if (has_prefix_ci(s, len, "tel:"))
		return 4;
	if (has_prefix_ci(s, len, "callto:"))
		return 7;
	return 0;
}

/* Length of a domain "label(.label)+" at s whose last label is alphabetic
 * (2+ letters); 0 when there is none. */
static size_t domain_len(const char *s, size_t len, size_t *last_label_r)
{
	size_t i = 0, label_start = 0, dots = 0, end = 0;

	while (i < len) {
		if (is_alnum(s[i]) || s[i] == '-' || s[i] == '_') {
			i++;
			continue;
		}
		if (s[i] == '.' && i > label_start && i + 1 < len &&
		    is_alnum(s[i + 1])) {
			dots++;
			label_start = ++i;
			continue;
		}
		break;
	}
	end = i;
	if (dots == 0 || end - label_start < 2)
		return 0;
	/* The last label: letters, or an IDN TLD in ASCII ("xn--p1ai"); the
	 * public suffix list decides which. */
	if (!has_prefix_ci(s + label_start, end - label_start, "xn--"))
		for (i = label_start; i < end; i++)
			if (!is_alpha(s[i]))
				return 0;
	if (last_label_r != NULL)
		*last_label_r = label_start;
	return end;
}

static bool is_local_char(char c)
{
	return is_alnum(c) || (c != '\0' && strchr("!#$%&'*+-/=?^_{|}~.,", c));
}

static bool tld_is_public(const char *tld, size_t len);

/* The last label of a domain (s[0..len)) is a public suffix. */
static bool last_label_public(const char *s, size_t last, size_t end)
{
	char tld[64];
	size_t i;

	if (end - last >= sizeof(tld))
		return false;
	for (i = last; i < end; i++)
		tld[i - last] = lower(s[i]);
	tld[end - last] = '\0';
	return tld_is_public(tld, end - last);
}

size_t url_email_len(const char *s, size_t len)
{
	size_t at = 0, d, last = 0;

	while (at < len && is_local_char(s[at]))
		at++;
	if (at == 0 || at >= len || s[at] != '@')
		return 0;
	d = domain_len(s + at + 1, len - at - 1, &last);
	if (d == 0 || !last_label_public(s + at + 1, last, d))
		return 0;
	return at + 1 + d;
}

/* rspamd starts the local part of an address at a letter or digit:
 * "%EM%JM@x.com" is "EM%JM@x.com", "*@x.com" is none. The offset of
 * the first one in s[0..len) before the '@'. */
static size_t email_start(const char *s, size_t len)
{
	size_t i = 0;

	while (i < len && s[i] != '@' && !is_alnum(s[i]))
		i++;
	return i;
}

/* tld (len < PSL_CACHE_KEY) is a public suffix. */
static bool tld_is_public(const char *tld, size_t len)
{
	const int type = PSL_TYPE_ANY | PSL_TYPE_NO_STAR_RULE;
	struct psl_cache *c;
	struct psl_cache_entry *e;

	if (psl_ctx() == NULL)
		return false;
	if ((c = psl_cache()) == NULL)
		return psl_is_public_suffix2(psl_ctx(), tld, type) == 1;
	e = psl_cache_slot(c->tld, tld, len);
	if (e->key[0] != '\0' && strcmp(e->key, tld) == 0)
		return e->answer == 1;
	e->answer = (short)psl_is_public_suffix2(psl_ctx(), tld, type);
	memcpy(e->key, tld, len + 1);
	return e->answer == 1;
}

/* A bare "host.tld" at s: the host length when its TLD is a public
 * suffix, else 0. */
static size_t bare_host_len(const char *s, size_t len)
{
	size_t last = 0, d = domain_len(s, len, &last);
	char tld[64];
	size_t i;

	if (d == 0 || d - last >= sizeof(tld))
		return 0;
	if (d < len && s[d] != '/' && s[d] != ':')
		return 0;
	for (i = last; i < d; i++)
		tld[i - last] = lower(s[i]);
	tld[d - last] = '\0';
	return tld_is_public(tld, d - last) ? d : 0;
}

/* Offset of the scheme before "://" at sep in w, or (size_t)-1. */
static size_t scheme_start(const char *w, size_t sep)
{
	size_t i = sep;

	while (i > 0 && (is_alnum(w[i - 1]) || w[i - 1] == '+' ||
			 w[i - 1] == '-' || w[i - 1] == '.'))
		i--;
	while (i < sep && !is_alpha(w[i]))
		i++;
	return i < sep ? i : (size_t)-1;
}

static const char *find_sep(const char *w, size_t len)
{
	size_t i;

	for (i = 0; i + 3 <= len; i++)
		if (w[i] == ':' && w[i + 1] == '/' && w[i + 2] == '/')
			return w + i;
	return NULL;
}

/* The host of a "scheme://" URL found in text, h[0..len) the rest after
 * "://": rspamd 3.4 takes it when it is an IP address (or a number),
 * starts with "www.", or ends in a public suffix ("http://localhost/",
 * "http://x.comm" are not URLs in text). */
static bool text_host_ok(const char *h, size_t len)
{
	size_t e = 0, s = 0, i, last = 0;
	bool numeric = true;

	while (e < len && !strchr("/?#", h[e]))
		e++;
	for (i = 0; i < e; i++)
		if (h[i] == '@')
			s = i + 1;
	if (s < e && h[s] == '[')
		return true;
	for (i = s; i < e && h[i] != ':'; i++) {
		if (h[i] == '.')
			last = i + 1;
		else if (!(h[i] >= '0' && h[i] <= '9') &&
			 !strchr("xXabcdefABCDEF", h[i]))
			numeric = false;
	}
	e = i;
	if (e > s && h[e - 1] == '.') {
		e--;
		for (last = 0, i = s; i < e; i++)
			if (h[i] == '.')
				last = i + 1;
	}
	if (e == s)
		return false;
	if (numeric && h[s] >= '0' && h[s] <= '9')
		return true;
	if (has_prefix_ci(h + s, e - s, "www."))
		return true;
	return last > s && last < e && last_label_public(h, last, e);
}

/* A schemeless "www.host.tld": the TLD is a public suffix. */
static bool www_host_ok(const char *w, size_t len)
{
	size_t last = 0, d = domain_len(w, len, &last);

	return d > 0 && last_label_public(w, last, d);
}

/* Classify one trimmed word (before, after: the characters around it,
 * ' ' at the ends of the text); call fn for what it holds. rspamd takes
 * a bare host only when followed by white space, '.', ')' or "'", not
 * ',', '!', '?', and no schemeless host after '"' or '`' or before
 * '"'. */
static int scan_word(const char *w, size_t len, char before, char after,
		     bool strict, url_hit_fn fn, void *ud)
{
	const char *sep = find_sep(w, len), *at;
	size_t st, n;

	if (sep != NULL) {
		st = scheme_start(w, (size_t)(sep - w));
		if (st == (size_t)-1 || (size_t)(sep - w) + 3 >= len)
			return 0;
		if (!text_host_ok(sep + 3, len - (size_t)(sep - w) - 3))
			return 0;
		return fn(ud, w + st, len - st, false);
	}
	if (has_prefix_ci(w, len, "mailto:")) {
		n = url_email_len(w + 7, len - 7);
		if (n > 0 && n < len - 7 && w[7 + n] == '?')
			n = len - 7; /* with its query: another mailto URL */
		return n > 0 ? fn(ud, w + 7, n, true) : 0;
	}
	at = memchr(w, '@', len);
	if (at != NULL) {
		st = email_start(w, len);
		n = url_email_len(w + st, len - st);
		return n > 0 ? fn(ud, w + st, n, true) : 0;
	}
	if (memchr(w, '.', len) == NULL)
		return 0; /* neither "www.host" nor "host.tld" */
	if (before == '"' || before == '`' || after == '"')
		return 0;
	if (has_prefix_ci(w, len, "www.") && len > 4 && www_host_ok(w, len))
		return fn(ud, w, len, false);
	if (!strict && bare_host_len(w, len) > 0 &&
	    strchr(",;:!?", after) == NULL)
		return fn(ud, w, len, false);
	return 0;
}

/* Character classes of the text scanner, one table lookup per byte. */
enum {
	C_DELIM = 1,  /* ends a word: white space, controls, <>"` and DEL */
	C_MARK = 2,   /* ':', '@' or '.': a word without one holds nothing */
	C_C2 = 4,     /* 0xC2: "\xC2\xA0" (a no-break space) ends a word */
};

/* The classes of every byte (GNU range designator). */
static const unsigned char char_class[256] = {
	[0 ... ' '] = C_DELIM, ['<'] = C_DELIM, ['>'] = C_DELIM,
	['"'] = C_DELIM, ['`'] = C_DELIM, [0x7f] = C_DELIM,
	[':'] = C_MARK, ['@'] = C_MARK, ['.'] = C_MARK, [0xc2] = C_C2,
};

/* A word ends at t[i] (i < len). */
static bool word_end(const unsigned char *t, size_t i, size_t len)
{
	unsigned char c = char_class[t[i]];

	if (c & C_DELIM)
		return true;
	return (c & C_C2) && i + 1 < len && t[i + 1] == 0xa0;
}

/* "tel:" or "callto:" in a word (also inside one: "Hotel:1"): the
 * phone URL "tel:DIGITS" of the digits from there to the end of the
 * line, passed to fn; *line_end_r: where that line ends. */
#define PHONE_MAX 64  /* "tel:..." to the end of the line, at most */

static int scan_phone(const char *text, size_t len, size_t start, size_t end,
		      size_t *line_end_r, url_hit_fn fn, void *ud)
{
	char buf[256];
	size_t i, sl = 0, n;
	const char *nl;

	for (i = start; i < end; i++)
		if ((text[i] == ':') &&
		    ((i >= start + 3 && phone_scheme_len(text + i - 3, 4)) ||
		     (i >= start + 6 && phone_scheme_len(text + i - 6, 7)))) {
			sl = i >= start + 3 && phone_scheme_len(text + i - 3, 4)
				     ? 4 : 7;
			break;
		}
	if (sl == 0)
		return 0;
	nl = memchr(text + i, '\n', len - i);
	*line_end_r = nl != NULL ? (size_t)(nl - text) : len;
	/* rspamd 3.4 takes the rest of the line only when it is short
	 * ("tel:" and up to 60 more bytes) and starts (after blanks) with
	 * a digit, '+' or '(' */
	if (*line_end_r - (i + 1 - sl) > PHONE_MAX)
		return 0;
	memcpy(buf, text + i + 1 - sl, sl);
	n = sl;
	for (i++; i < *line_end_r && (text[i] == ' ' || text[i] == '\t'); i++)
		;
	if (i < *line_end_r && !(text[i] >= '0' && text[i] <= '9') &&
	    text[i] != '+' && text[i] != '(')
		return 0;
	for (; i < *line_end_r && n < sizeof(buf); i++)
		if (text[i] >= '0' && text[i] <= '9')
			buf[n++] = text[i];
	return n > sl ? fn(ud, buf, n, false) : 0;
}

/* Where the next c is in t[from..len), or len. */
static size_t next_byte(const unsigned char *t, size_t from, size_t len,
			int c)
{
	const unsigned char *p = memchr(t + from, c, len - from);

	return p != NULL ? (size_t)(p - t) : len;
}

/* Where the word holding t[m] starts: after the last delimiter before m
 * (a delimiter byte, or "\xC2\xA0"), not before from. */
static size_t word_start(const unsigned char *t, size_t from, size_t m)
{
	while (m > from) {
		if (char_class[t[m - 1]] & C_DELIM)
			break;
		if (t[m - 1] == 0xa0 && m - 1 > from && t[m - 2] == 0xc2)
			break;
		m--;
	}
	return m;
}

/*
 * The words of text (runs of bytes between delimiters, see char_class)
 * that hold a mark (':', '@', '.'), in order; the others hold nothing.
 * So the scan jumps from mark to mark (memchr for each of the three)
 * and finds the word around each one.
 */
static int scan_text(const char *text, size_t len, bool strict,
		     url_hit_fn fn, void *ud)
{
	const unsigned char *t = (const unsigned char *)text;
	size_t i = 0, start, end, phone_line = 0, m;
	size_t dot = next_byte(t, 0, len, '.');
	size_t at = next_byte(t, 0, len, '@');
	size_t colon = next_byte(t, 0, len, ':');
	int rc;

	while (i < len) {
		if (dot < i)
			dot = next_byte(t, i, len, '.');
		if (at < i)
			at = next_byte(t, i, len, '@');
		if (colon < i)
			colon = next_byte(t, i, len, ':');
		m = dot < at ? dot : at;
		m = colon < m ? colon : m;
		if (m >= len)
			break;
		start = word_start(t, i, m);
		for (i = m + 1; i < len && !word_end(t, i, len); i++)
			;
		if (start >= phone_line) {
			rc = scan_phone(text, len, start, i, &phone_line, fn,
					ud);
			if (rc < 0)
				return rc;
		}
		end = i;
		while (start < end && is_lead_punct(text[start]))
			start++;
		while (end > start && is_trail_punct(text[end - 1]))
			end--;
		if (end - start < 4)
			continue;
		rc = scan_word(text + start, end - start,
			       start > 0 ? text[start - 1] : ' ',
			       end < len ? text[end] : ' ', strict, fn, ud);
		if (rc < 0)
			return rc;
	}
	return 0;
}

/* One "&"-separated piece of a query: a "scheme://" URL in it, else the
 * e-mail address after its last '=', '?' or ':' ("email=a@b.com",
 * "to=mailto:a@b.com"). */
static int scan_query_item(const char *s, size_t len, url_hit_fn fn,
			   void *ud)
{
	const char *sep = find_sep(s, len), *at;
	size_t st, n;

	if (sep != NULL) {
		st = scheme_start(s, (size_t)(sep - s));
		if (st == (size_t)-1 || (size_t)(sep - s) + 3 >= len)
			return 0;
		return fn(ud, s + st, len - st, false);
	}
	at = memchr(s, '@', len);
	if (at == NULL)
		return 0;
	for (st = (size_t)(at - s); st > 0 && !strchr("=?:", s[st - 1]); st--)
		;
	st += email_start(s + st, len - st);
	n = url_email_len(s + st, len - st);
	return n > 0 ? fn(ud, s + st, n, true) : 0;
}

int urls_scan_query(const char *url, size_t len, url_hit_fn fn, void *ud)
{
	const char *q = memchr(url, '?', len), *end, *amp;
	int rc;

	if (q == NULL)
		return 0;
	q++;
	end = memchr(q, '#', len - (size_t)(q - url));
	if (end == NULL)
		end = url + len;
	while (q < end) {
		amp = memchr(q, '&', (size_t)(end - q));
		if (amp == NULL)
			amp = end;
		rc = scan_query_item(q, (size_t)(amp - q), fn, ud);
		if (rc < 0)
			return rc;
		q = amp + 1;
	}
	return 0;
}

int urls_scan_text(const char *text, size_t len, url_hit_fn fn, void *ud)
{
	return scan_text(text, len, false, fn, ud);
}

int urls_scan_text_strict(const char *text, size_t len, url_hit_fn fn,
			  void *ud)
{
	return scan_text(text, len, true, fn, ud);
}

/* libpsl's registrable domain of host (a suffix of it), or NULL. */
static const char *psl_registrable(const char *host)
{
	size_t len = strlen(host);
	struct psl_cache *c;
	struct psl_cache_entry *e;
	const char *r;

	if (len >= PSL_CACHE_KEY || (c = psl_cache()) == NULL)
		return psl_registrable_domain(psl_ctx(), host);
	e = psl_cache_slot(c->reg, host, len);
	if (e->key[0] == '\0' || strcmp(e->key, host) != 0) {
		r = psl_registrable_domain(psl_ctx(), host);
		if (r != NULL && (r < host || r > host + len))
			return r; /* not a suffix: do not cache */
		memcpy(e->key, host, len + 1);
		e->answer = r != NULL ? (short)(r - host) : -1;
	}
	return e->answer >= 0 ? host + e->answer : NULL;
}

char *url_registrable(const char *host)
{
	const char *r = NULL;

	if (!received_is_ip(host) && psl_ctx() != NULL)
		r = psl_registrable(host);
	return strdup(r != NULL ? r : host);
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = lower(c);
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* Lower-case, percent-decoded copy of the host (rspamd's host_encoded
 * when it held %XX). */
static char *host_copy(const char *h, size_t len, bool *encoded)
{
	char *r = malloc(len + 1);
	size_t i, o = 0;

	if (r == NULL)
		return NULL;
	for (i = 0; i < len; i++) {
		if (h[i] == '%' && i + 2 < len + 0 && hexval(h[i + 1]) >= 0 &&
		    hexval(h[i + 2]) >= 0) {
			r[o++] = lower((char)(hexval(h[i + 1]) * 16 +
					      hexval(h[i + 2])));
			i += 2;
			*encoded = true;
			continue;
		}
		r[o++] = lower(h[i]);
	}
	while (o > 0 && r[o - 1] == '.')
		o--;
	r[o] = '\0';
	return r;
}

/* One number of a numeric host: decimal or 0x-hex; false if not one. */
static bool ip_number(const char *s, size_t len, unsigned long long *v)
{
	size_t i = 0;
	int base = 10, d;

	if (len > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		i = 2;
	}
	if (i >= len || len - i > 16)
		return false;
	for (*v = 0; i < len; i++) {
		d = hexval(s[i]);
		if (d < 0 || d >= base)
			return false;
		*v = *v * (unsigned)base + (unsigned)d;
	}
	return true;
}

/*
 * A host of numbers and dots that rspamd reads as an IPv4 address:
 * "a.b.c.d" written plainly is just numeric; any other spelling
 * (1071396130, 0x3f.0xdc.0x35.0x22, 61.129.6817) is also obscured and
 * the host becomes the dotted quad. As rspamd does, a number over 255
 * fills all the bytes left and ends the address. True when numeric.
 */
static bool numeric_host(char **hostp, bool *obscured)
{
	char *host = *hostp, *r;
	unsigned long long v, n = 0;
	int shift = 24, parts = 0;
	const char *p, *dot;
	bool plain = true;
	size_t l;

	for (p = host; p != NULL; p = dot != NULL ? dot + 1 : NULL) {
		dot = strchr(p, '.');
		l = dot != NULL ? (size_t)(dot - p) : strlen(p);
		if (!ip_number(p, l, &v))
			return false;
	}
	for (p = host;;) {
		dot = strchr(p, '.');
		l = dot != NULL ? (size_t)(dot - p) : strlen(p);
		if (!ip_number(p, l, &v))
			return false;
		if (l > 2 && (p[1] == 'x' || p[1] == 'X'))
			plain = false;
		parts++;
		if (v > 255 || dot == NULL) {
			if (v >= (1ULL << (shift + 8)))
				return false;
			n |= v;
			break;
		}
		if (shift == 0)
			return false;
		n |= v << shift;
		shift -= 8;
		p = dot + 1;
	}
	if (parts != 4 || dot != NULL || !plain)
		*obscured = true;
	r = malloc(16);
	if (r == NULL)
		return true; /* keep the host as written */
	snprintf(r, 16, "%llu.%llu.%llu.%llu", (n >> 24) & 255,
		 (n >> 16) & 255, (n >> 8) & 255, n & 255);
	free(host);
	*hostp = r;
	return true;
}

/* Length of a valid UTF-8 sequence at s (left bytes), 0 if invalid. */
static size_t utf8_seq(const unsigned char *s, size_t left)
{
	size_t n, i;

	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		n = 2;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		n = 3;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		n = 4;
	else
		return 0;
	if (n > left)
		return 0;
	for (i = 1; i < n; i++)
		if ((s[i] & 0xc0) != 0x80)
			return 0;
	return n;
}

/* Bytes a host name as written cannot have (rspamd flags the URL
 * obscured): ASCII other than letters, digits, ".-_%"; invalid UTF-8.
 * Sets *idn for valid non-ASCII. */
static bool host_has_bad_chars(const char *h, size_t left, bool *idn)
{
	const unsigned char *p = (const unsigned char *)h;
	size_t n;

	while (left > 0) {
		if (*p >= 0x80) {
			n = utf8_seq(p, left);
			if (n == 0)
				return true;
			*idn = true;
			p += n;
			left -= n;
			continue;
		}
		/* (NUL passes, as strchr(".-_%", 0) finds the end) */
		if (!is_alnum((char)*p) && *p != '.' && *p != '-' &&
		    *p != '_' && *p != '%' && *p != '\0')
			return true;
		p++;
		left--;
	}
	return false;
}

/* A byte that can continue a host name: not ':' (port), not ASCII
 * punctuation such as '&' ("&nbsp"), not U+00A0. In an HTML attribute
 * (href) anything but white space, U+00A0 and "/?#\\:" (rspamd keeps
 * "a!b.com" and calls it obscured). */
static bool is_host_char(const char *s, size_t left, bool href)
{
	unsigned char c = (unsigned char)s[0];

	if (c == 0xc2 && left > 1 && (unsigned char)s[1] == 0xa0)
		return false;
	if (href)
		return c > ' ' && c != '/' && c != '?' && c != '#' &&
		       c != '\\' && c != ':';
	return c >= 0x80 || is_alnum((char)c) || c == '.' || c == '-' ||
	       c == '_' || c == '%';
}

/* Where the authority starts; sets the scheme. 0 ok, 1 not a URL. */
static int split_scheme(const char *s, size_t len, size_t *auth_r,
			char **scheme_r, bool *schemaless)
{
	const char *sep = find_sep(s, len);
	size_t i;

	if (len >= 2 && s[0] == '/' && s[1] == '/') {
		*auth_r = 2;
		*scheme_r = strdup("http");
		*schemaless = true;
		return 0;
	}
	if (sep != NULL && sep > s) {
		for (i = 0; s + i < sep; i++)
			if (!is_alnum(s[i]) && !strchr("+-.", s[i]))
				return 1;
		if (!is_alpha(s[0]))
			return 1;
		*scheme_r = strndup(s, (size_t)(sep - s));
		for (i = 0; *scheme_r != NULL && (*scheme_r)[i]; i++)
			(*scheme_r)[i] = lower((*scheme_r)[i]);
		*auth_r = (size_t)(sep - s) + 3;
		return 0;
	}
	if ((has_prefix_ci(s, len, "www.") && domain_len(s, len, NULL)) ||
	    bare_host_len(s, len) > 0) {
		*auth_r = 0;
		*scheme_r = strdup("http");
		*schemaless = true;
		return 0;
	}
	return 1;
}

/* The flags rspamd's URL parser would set, as far as they matter here:
 * obscured, and whether any flag at all is set. */
static void set_flags(struct msg_url *u, const char *s, size_t e,
		      size_t len, bool flagged, bool bad_host)
{
	bool num_obscured = false, idn = false;
	const unsigned char *h;

	for (h = (const unsigned char *)u->host; *h != '\0'; h++)
		idn = idn || *h >= 0x80;
	u->host_is_ip = received_is_ip(u->host) ||
			numeric_host(&u->host, &num_obscured);
	if (bad_host || num_obscured)
		u->obscured = true;
	if (memchr(s + e, '%', len - e) != NULL)
		flagged = true; /* path_encoded, query_encoded */
	u->flagged = flagged || idn || u->host_is_ip || u->obscured ||
		     (psl_ctx() != NULL && psl_registrable(u->host) == NULL);
}

/* A phone URL: the host is the digits after the scheme. */
static int parse_phone(const char *s, size_t len, size_t sl,
		       struct msg_url *u)
{
	size_t i, n = 0;

	u->scheme = strndup(s, sl - 1);
	u->host = malloc(len - sl + 1);
	u->url = strndup(s, len);
	if (u->scheme == NULL || u->host == NULL || u->url == NULL)
		goto oom;
	for (i = 0; u->scheme[i] != '\0'; i++)
		u->scheme[i] = lower(u->scheme[i]);
	for (i = sl; i < len; i++)
		if (s[i] >= '0' && s[i] <= '9')
			u->host[n++] = s[i];
	u->host[n] = '\0';
	if (n == 0) {
		url_release(u);
		return 1;
	}
	u->tld = strdup(u->host);
	if (u->tld == NULL)
		goto oom;
	return 0;
oom:
	url_release(u);
	return -1;
}

/* "/?#\\" or a NUL (what strchr("/?#\\", c) finds). */
static bool ends_authority(char c)
{
	return c == '/' || c == '?' || c == '#' || c == '\\' || c == '\0';
}

static int parse(const char *s, size_t len, bool href, struct msg_url *u)
{
	size_t a = 0, e, hs, he;
	const char *at;
	bool flagged = false, bad, idn = false;
	int rc;

	while (len > 0 && (unsigned char)s[0] <= ' ') {
		s++;
		len--;
	}
	while (len > 0 && (unsigned char)s[len - 1] <= ' ')
		len--;
	if ((a = phone_scheme_len(s, len)) > 0)
		return parse_phone(s, len, a, u);
	rc = split_scheme(s, len, &a, &u->scheme, &flagged);
	if (rc != 0)
		return rc;
	if (u->scheme == NULL)
		return -1;
	for (e = a; e < len && !ends_authority(s[e]); e++)
		;
	hs = a;
	at = memrchr(s + a, '@', e - a);
	if (at != NULL) {
		hs = (size_t)(at - s) + 1;
		flagged = true; /* has_user */
	}
	if (hs < e && s[hs] == '[') {
		hs++;
		for (he = hs; he < e && s[he] != ']'; he++)
			;
	} else {
		for (he = hs; he < e && is_host_char(s + he, e - he, href);
		     he++)
			;
	}
	if (he == hs)
		goto not_url;
	if (he < e && s[he] == ':')
		flagged = true; /* has_port */
	bad = href && host_has_bad_chars(s + hs, he - hs, &idn);
	if (bad && memchr(s + hs, '.', he - hs) == NULL)
		goto not_url; /* rspamd drops "http://ww!" */
	u->host = host_copy(s + hs, he - hs, &flagged);
	u->url = strndup(s, len);
	if (u->host == NULL || u->url == NULL)
		goto oom;
	u->host[strcspn(u->host, "/?#")] = '\0'; /* "%2F" in the host */
	if (u->host[0] == '\0')
		goto not_url;
	set_flags(u, s, e, len, flagged, bad);
	u->tld = url_registrable(u->host);
	if (u->tld == NULL)
		goto oom;
	return 0;
not_url:
	url_release(u);
	return 1;
oom:
	url_release(u);
	return -1;
}

int url_parse(const char *s, size_t len, struct msg_url *u)
{
	return parse(s, len, false, u);
}

/* rspamd removes line breaks and tabs from an HTML attribute's URL. */
int url_parse_href(const char *s, size_t len, struct msg_url *u)
{
	char *t;
	size_t i, o = 0;
	int rc;

	if (memchr(s, '\n', len) == NULL && memchr(s, '\r', len) == NULL &&
	    memchr(s, '\t', len) == NULL)
		return parse(s, len, true, u);
	t = malloc(len + 1);
	if (t == NULL)
		return -1;
	for (i = 0; i < len; i++)
		if (s[i] != '\n' && s[i] != '\r' && s[i] != '\t')
			t[o++] = s[i];
	rc = parse(t, o, true, u);
	free(t);
	return rc;
}

void url_release(struct msg_url *u)
{
	free(u->url);
	free(u->scheme);
	free(u->host);
	free(u->tld);
	free(u->display);
	u->url = u->scheme = u->host = u->tld = u->display = NULL;
}
