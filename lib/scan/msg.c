/*
 * msg.c - build the parsed message model (struct msg) from raw bytes.
 *
 * Owns: every string and array reachable from struct msg except raw and
 * the parts' raw pointers (borrowed from the caller's buffer).
 *
 * Steps, each done once: skip an mbox "From " line; scan the top-level
 * header block ourselves (exact raw bytes); decode header values and
 * addresses with GMime; parse the MIME tree with GMime's parser over a
 * memory stream (persistent, so leaf contents are substreams whose bounds
 * give the raw body bytes); decode, convert text to UTF-8, render HTML
 * (html.c); extract URLs and e-mails (urls.c); parse Received headers
 * (received.c); complete the envelope as rspamd 3.4 does.
 */
/* _GNU_SOURCE comes from the build (meson.build). */
#include "msg.h"

#include <gmime/gmime.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "html.h"
#include "magic.h"
#include "received.h"
#include "urls.h"

/* Work state of one msg_parse() call. */
struct parse {
	struct msg *m;
	GMimeParserOptions *opts;
	const char *base;        /* start of the message after "From " */
	size_t base_len;
	GHashTable *seen_urls;   /* url string -> index + 1 */
	GHashTable *seen_emails; /* address, lower-case domain */
	size_t urls_alloc, emails_alloc, parts_alloc;
	bool oom;
	bool strict_text;        /* more than one leaf part (see scan_text_urls) */
	bool no_query;           /* do not look into the URL's query */
	/* GMime parses a copy of the message (see mime_view()): a part's
	 * offset in it plus view_delta is its offset in base, for offsets
	 * from view_body on. */
	size_t view_body;
	size_t view_delta;
};

void msg_init(struct msg *m)
{
	memset(m, 0, sizeof(*m));
}

/* ---- small helpers ---- */

static char *gdup(struct parse *p, char *gstr)
{
	char *r = NULL;

	if (gstr != NULL) {
		r = strdup(gstr);
		if (r == NULL)
			p->oom = true;
	}
	g_free(gstr);
	return r;
}

static char *sdup(struct parse *p, const char *s)
{
	char *r = s != NULL ? strdup(s) : NULL;

	if (s != NULL && r == NULL)
		p->oom = true;
	return r;
}

static char *sndup(struct parse *p, const char *s, size_t n)
{
	char *r = strndup(s, n);

	if (r == NULL)
		p->oom = true;
	return r;
}

static bool grow(struct parse *p, void **v, size_t *alloc, size_t n,
		 size_t size)
{
	void *nv;
	size_t na;

	if (n < *alloc)
		return true;
	na = *alloc ? *alloc * 2 : 8;
	nv = realloc(*v, na * size);
	if (nv == NULL) {
		p->oom = true;
		return false;
	}
	memset((char *)nv + *alloc * size, 0, (na - *alloc) * size);
	*v = nv;
	*alloc = na;
	return true;
}

static void lower_ascii(char *s)
{
	for (; s != NULL && *s; s++)
		if (*s >= 'A' && *s <= 'Z')
			*s = (char)(*s - 'A' + 'a');
}

/* Eight bytes at a time, then byte by byte. */
bool msg_has_8bit(const char *s, size_t n)
{
	uint64_t w;
	size_t i;

	for (i = 0; i + 8 <= n; i += 8) {
		memcpy(&w, s + i, 8);
		if (w & UINT64_C(0x8080808080808080))
			return true;
	}
	for (; i < n; i++)
		if ((unsigned char)s[i] >= 0x80)
			return true;
	return false;
}

static bool is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Unfold (drop CR and LF) and trim; a new string. */
/* How many bytes of s[0..n) come before its first '\r' or '\n'. */
static size_t crlf_span(const char *s, size_t n)
{
	const char *nl = memchr(s, '\n', n), *cr;

	if (nl != NULL)
		n = (size_t)(nl - s);
	cr = memchr(s, '\r', n);
	return cr != NULL ? (size_t)(cr - s) : n;
}

static char *unfold_trim(struct parse *p, const char *s, size_t n)
{
	char *r = malloc(n + 1);
	size_t i, k, o = 0, st = 0;

	if (r == NULL) {
		p->oom = true;
		return NULL;
	}
	for (i = 0; i < n; i += k + 1) {
		k = crlf_span(s + i, n - i);
		memcpy(r + o, s + i, k);
		o += k;
	}
	while (o > 0 && is_ws(r[o - 1]))
		o--;
	r[o] = '\0';
	while (is_ws(r[st]))
		st++;
	if (st > 0)
		memmove(r, r + st, o - st + 1);
	return r;
}

/* ---- the top-level header block ---- */

/* End of the line at s (points at '\n' or end). */
static const char *line_end(const char *s, const char *end)
{
	const char *nl = memchr(s, '\n', (size_t)(end - s));

	return nl != NULL ? nl : end;
}

/* ASCII without an encoded word ("=?"): GMime's RFC 2047 decoding copies
 * such text as it is (checked over the whole corpus). */
static bool plain_ascii(const char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s >= 0x80 || (s[0] == '=' && s[1] == '?'))
			return false;
	return true;
}

static bool add_header(struct parse *p, size_t *alloc, const char *name,
		       size_t nlen, const char *val, size_t vlen)
{
	struct msg *m = p->m;
	struct msg_header *h;
	char *unf;

	if (!grow(p, (void **)&m->headers, alloc, m->n_headers,
		  sizeof(*m->headers)))
		return false;
	h = &m->headers[m->n_headers++];
	while (vlen > 0 && (val[vlen - 1] == '\n' || val[vlen - 1] == '\r'))
		vlen--;
	h->name = sndup(p, name, nlen);
	h->raw = sndup(p, val, vlen);
	h->raw_8bit = msg_has_8bit(val, vlen);
	unf = unfold_trim(p, val, vlen);
	if (unf == NULL || h->name == NULL || h->raw == NULL) {
		free(unf);
		return false;
	}
	h->empty = unf[0] == '\0';
	if (plain_ascii(unf)) {
		h->value = unf; /* decoding would return it unchanged */
	} else {
		h->value = gdup(p, g_mime_utils_header_decode_text(p->opts,
								   unf));
		free(unf);
	}
	if (h->value != NULL)
		g_strstrip(h->value);
	return h->value != NULL;
}

/* Scan "Name: value" lines with continuations up to the empty line. */
static void scan_headers(struct parse *p)
{
	const char *s = p->base, *end = p->base + p->base_len, *le, *colon;
	const char *hstart, *hend;
	size_t alloc = 0;

	while (s < end) {
		le = line_end(s, end);
		if (le == s || (le == s + 1 && *s == '\r')) {
			s = le < end ? le + 1 : le;
			break;
		}
		colon = memchr(s, ':', (size_t)(le - s));
		if (colon == NULL || colon == s || is_ws(*s))
			break;
		hstart = colon + 1;
		hend = le < end ? le + 1 : le;
		while (hend < end && (*hend == ' ' || *hend == '\t'))
			hend = line_end(hend, end) < end ?
				       line_end(hend, end) + 1 : end;
		if (!add_header(p, &alloc, s, (size_t)(colon - s), hstart,
				(size_t)(hend - hstart)))
			return;
		s = hend;
	}
	p->m->header_end = (size_t)(s - p->m->raw);
}

/* Header name a equals name b, case-insensitively; the first byte is
 * compared first (most names differ there). */
static bool name_eq(const char *a, const char *b)
{
	return ((a[0] ^ b[0]) & ~0x20) == 0 && strcasecmp(a, b) == 0;
}

const struct msg_header *msg_header(const struct msg *m, const char *name,
				    size_t idx)
{
	size_t i;

	for (i = 0; i < m->n_headers; i++)
		if (name_eq(m->headers[i].name, name) && idx-- == 0)
			return &m->headers[i];
	return NULL;
}

size_t msg_header_count(const struct msg *m, const char *name)
{
	size_t i, n = 0;

	for (i = 0; i < m->n_headers; i++)
		n += name_eq(m->headers[i].name, name);
	return n;
}

/* ---- addresses ---- */

/*
 * The address as written. GMime hands each domain to libidn2 and keeps
 * the Unicode form of an "xn--" one; Rspamd keeps the address as written,
 * so an 8-bit domain that the header (raw, unfolded) does not contain is
 * taken in its ASCII (IDNA) form again. (rspamc-scan.so's own GMime does
 * not convert: static_stubs.c.)
 */
static const char *mailbox_addr(InternetAddressMailbox *mb, const char *raw)
{
	const char *addr = internet_address_mailbox_get_addr(mb);
	const char *at;

	if (addr == NULL)
		return "";
	at = strrchr(addr, '@');
	if (at != NULL && msg_has_8bit(at, strlen(at)) &&
	    strstr(raw, at + 1) == NULL)
		addr = internet_address_mailbox_get_idn_addr(mb);
	return addr != NULL ? addr : "";
}

static void add_mailbox(struct parse *p, struct msg_addrs *a, size_t *alloc,
			InternetAddress *ia, const char *raw)
{
	InternetAddressMailbox *mb = INTERNET_ADDRESS_MAILBOX(ia);
	const char *addr = mailbox_addr(mb, raw);
	const char *name = internet_address_get_name(ia);
	const char *at;
	struct msg_addr *x;

	if (!grow(p, (void **)&a->v, alloc, a->n, sizeof(*a->v)))
		return;
	x = &a->v[a->n++];
	at = strrchr(addr, '@');
	x->name = name != NULL && *name ? sdup(p, name) : NULL;
	x->addr = sdup(p, addr);
	x->local = at ? sndup(p, addr, (size_t)(at - addr)) : sdup(p, addr);
	x->domain = sdup(p, at ? at + 1 : "");
	lower_ascii(x->domain);
	x->invalid = at == NULL || at == addr || at[1] == '\0';
}

static void add_address_list(struct parse *p, struct msg_addrs *a,
			     size_t *alloc, InternetAddressList *l,
			     const char *raw)
{
	int i, n = internet_address_list_length(l);
	InternetAddress *ia;

	for (i = 0; i < n; i++) {
		ia = internet_address_list_get_address(l, i);
		if (INTERNET_ADDRESS_IS_MAILBOX(ia))
			add_mailbox(p, a, alloc, ia, raw);
		else if (INTERNET_ADDRESS_IS_GROUP(ia))
			add_address_list(p, a, alloc,
					 internet_address_group_get_members(
						 INTERNET_ADDRESS_GROUP(ia)),
					 raw);
	}
}

/* Every header called name, appended to one list. */
static void parse_addrs(struct parse *p, const char *name,
			struct msg_addrs *a)
{
	const struct msg_header *h;
	InternetAddressList *l;
	size_t i, alloc = 0;
	char *unf;

	for (i = 0; i < p->m->n_headers; i++) {
		h = &p->m->headers[i];
		if (!name_eq(h->name, name))
			continue;
		a->present = true;
		unf = unfold_trim(p, h->raw, strlen(h->raw));
		if (unf == NULL)
			return;
		l = internet_address_list_parse(p->opts, unf);
		if (l == NULL ||
		    (internet_address_list_length(l) == 0 &&
		     strchr(unf, ':') == NULL))
			a->parse_error = true;
		if (l != NULL) {
			add_address_list(p, a, &alloc, l, unf);
			g_object_unref(l);
		}
		free(unf);
	}
}

static void release_addrs(struct msg_addrs *a)
{
	size_t i;

	for (i = 0; i < a->n; i++) {
		free(a->v[i].name);
		free(a->v[i].addr);
		free(a->v[i].local);
		free(a->v[i].domain);
	}
	free(a->v);
	memset(a, 0, sizeof(*a));
}

/* ---- Message-ID, Subject, Date, Received ---- */

static void parse_ids(struct parse *p)
{
	struct msg *m = p->m;
	const struct msg_header *h = msg_header(m, "Message-ID", 0);
	const char *lt, *gt;

	if (h != NULL) {
		m->message_id_raw = unfold_trim(p, h->raw, strlen(h->raw));
		lt = m->message_id_raw ? strchr(m->message_id_raw, '<') : NULL;
		gt = lt ? strchr(lt, '>') : NULL;
		if (gt != NULL)
			m->message_id = sndup(p, lt + 1, (size_t)(gt - lt - 1));
		else if (m->message_id_raw != NULL)
			m->message_id = sdup(p, m->message_id_raw);
	}
	h = msg_header(m, "Subject", 0);
	if (h != NULL)
		m->subject = sdup(p, h->value);
	m->date_present = msg_header(m, "Date", 0) != NULL;
}

static void parse_received(struct parse *p)
{
	struct msg *m = p->m;
	size_t i, n = msg_header_count(m, "Received");
	const struct msg_header *h;
	struct msg_received *r;
	char *unf;
	int rc;

	if (n == 0)
		return;
	m->received = calloc(n, sizeof(*m->received));
	if (m->received == NULL) {
		p->oom = true;
		return;
	}
	for (i = 0; i < m->n_headers; i++) {
		h = &m->headers[i];
		if (!name_eq(h->name, "Received"))
			continue;
		unf = unfold_trim(p, h->raw, strlen(h->raw));
		if (unf == NULL)
			return;
		r = &m->received[m->n_received];
		rc = received_parse(unf, r);
		free(unf);
		if (rc < 0)
			p->oom = true;
		if (rc == 1)
			m->n_received++;
		else
			received_release(r);
	}
}

/* ---- URLs and e-mails ---- */

/* s[0..len) is an address, or "address?query" from a mailto: URL:
 * rspamd lists the address once per distinct mailto URL ("x@y.org"
 * and "x@y.org?subject=help" are two). */
static void add_email(struct parse *p, const char *s, size_t len)
{
	struct msg *m = p->m;
	size_t n = url_email_len(s, len);
	char *key = g_strndup(s, len);
	char *at;

	if (n == 0)
		n = len;
	if (n < len && s[n] != '?')
		key[n] = '\0'; /* only a query makes another URL */
	for (at = key + n; at > key && *at != '@'; at--)
		;
	for (; at < key + n; at++) /* the domain is case-insensitive */
		*at = g_ascii_tolower(*at);
	if (g_hash_table_contains(p->seen_emails, key)) {
		g_free(key);
		return;
	}
	g_hash_table_add(p->seen_emails, key);
	if (!grow(p, (void **)&m->emails, &p->emails_alloc, m->n_emails,
		  sizeof(*m->emails)))
		return;
	m->emails[m->n_emails] = sndup(p, s, n);
	if (m->emails[m->n_emails] == NULL)
		return;
	at = strrchr(m->emails[m->n_emails], '@');
	lower_ascii(at);
	m->n_emails++;
}

/* The URL as rspamd compares them: "WWW.X.com" is "http://www.x.com"
 * (scheme and host are case-insensitive). */
static char *url_key(const char *url)
{
	char *k, *p, *e;

	if (strstr(url, "://") != NULL)
		k = g_strdup(url);
	else if (url[0] == '/' && url[1] == '/')
		k = g_strconcat("http:", url, NULL);
	else
		k = g_strconcat("http://", url, NULL);
	p = strstr(k, "://");
	p = p != NULL ? p + 3 : k;
	for (e = p + strcspn(p, "/?#"); p < e; p++)
		*p = g_ascii_tolower(*p);
	for (p = k; *p != '\0' && *p != ':'; p++)
		*p = g_ascii_tolower(*p);
	return k;
}

static void scan_url_query(struct parse *p, const char *url,
			   enum msg_url_source src, int part);

/* Add a URL (href: from an HTML attribute), or count one more occurrence
 * of a URL already seen (rspamd keeps the flags of the first). flag: the
 * occurrence has a flag of rspamd's (found in text, an image, an anchor
 * showing a URL). */
static void add_url(struct parse *p, const char *s, size_t len,
		    enum msg_url_source src, const char *display, int part,
		    bool href, bool flag)
{
	struct msg *m = p->m;
	struct msg_url u;
	gpointer idx;
	char *key;
	int rc;

	memset(&u, 0, sizeof(u));
	if (len >= 7 && strncasecmp(s, "mailto:", 7) == 0) {
		size_t n = url_email_len(s + 7, len - 7);

		if (n > 0)
			add_email(p, s + 7, len - 7);
		return;
	}
	rc = href ? url_parse_href(s, len, &u) : url_parse(s, len, &u);
	if (rc < 0)
		p->oom = true;
	if (rc != 0)
		return;
	key = url_key(u.url);
	idx = g_hash_table_lookup(p->seen_urls, key);
	if (idx != NULL) {
		m->urls[GPOINTER_TO_SIZE(idx) - 1].count++;
		if (href && flag) /* url_displayed, image: set on the URL */
			m->urls[GPOINTER_TO_SIZE(idx) - 1].flagged = true;
		url_release(&u);
		g_free(key);
		return;
	}
	if (!grow(p, (void **)&m->urls, &p->urls_alloc, m->n_urls,
		  sizeof(*m->urls))) {
		url_release(&u);
		g_free(key);
		return;
	}
	g_hash_table_insert(p->seen_urls, key, GSIZE_TO_POINTER(m->n_urls + 1));
	u.source = src;
	u.part = part;
	u.count = 1;
	u.flagged = u.flagged || flag;
	u.display = display != NULL ? sdup(p, display) : NULL;
	m->urls[m->n_urls++] = u;
	if (!p->no_query)
		scan_url_query(p, u.url, src, part);
}

struct query_hit {
	struct parse *p;
	enum msg_url_source src;
	int part;
};

static int hex_val(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = g_ascii_tolower(c);
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* An address found in a query, %-decoded as rspamd 3.4 lists it
 * ("a%2Cb@x.org" is "a,b@x.org", "%%" is "%"). */
static void add_query_email(struct parse *p, const char *s, size_t len)
{
	char *d = g_malloc(len + 1);
	size_t i, n = 0;

	for (i = 0; i < len; i++) {
		if (s[i] == '%' && i + 1 < len && s[i + 1] == '%') {
			d[n++] = '%';
			i++;
		} else if (s[i] == '%' && i + 2 < len && hex_val(s[i + 1]) >= 0 &&
			   hex_val(s[i + 2]) >= 0) {
			d[n++] = (char)(hex_val(s[i + 1]) * 16 + hex_val(s[i + 2]));
			i += 2;
		} else {
			d[n++] = s[i];
		}
	}
	add_email(p, d, n);
	g_free(d);
}

static int on_query_hit(void *ud, const char *s, size_t len, bool email)
{
	struct query_hit *q = ud;

	if (email)
		add_query_email(q->p, s, len);
	else
		add_url(q->p, s, len, q->src, NULL, q->part, false, false);
	return q->p->oom ? -1 : 0;
}

/* rspamd also takes the URLs and e-mails in a URL's query (one level;
 * not for an <img src>). */
static void scan_url_query(struct parse *p, const char *url,
			   enum msg_url_source src, int part)
{
	struct query_hit q = { p, src, part };

	if (strchr(url, '?') == NULL)
		return;
	p->no_query = true;
	urls_scan_query(url, strlen(url), on_query_hit, &q);
	p->no_query = false;
}

struct text_hit {
	struct parse *p;
	enum msg_url_source src;
	int part;
};

static int on_text_hit(void *ud, const char *s, size_t len, bool email)
{
	struct text_hit *t = ud;

	if (t->part >= 0)
		t->p->m->parts[t->part].url_len += len;
	if (email)
		add_email(t->p, s, len);
	else
		add_url(t->p, s, len, t->src, NULL, t->part, false, true);
	return t->p->oom ? -1 : 0;
}

static void scan_text_urls(struct parse *p, const char *text, size_t len,
			   enum msg_url_source src, int part)
{
	struct text_hit t = { p, src, part };

	/* rspamd looks for bare "host.tld" only in plain text, and only when
	 * the message has a single leaf part */
	if (src == MSG_URL_SUBJECT || src == MSG_URL_HTML || p->strict_text)
		urls_scan_text_strict(text, len, on_text_hit, &t);
	else
		urls_scan_text(text, len, on_text_hit, &t);
}

struct shown {
	const char *text;
	size_t len;      /* length of the text when it starts with a URL */
	size_t url_len;  /* length of that URL (0 for an e-mail) */
};

static int on_shown_hit(void *ud, const char *s, size_t len, bool email)
{
	struct shown *sh = ud;

	if (s == sh->text) {
		sh->len = strlen(sh->text); /* rspamd: the whole text */
		sh->url_len = email ? 0 : len;
	}
	return -1; /* only the first hit matters */
}

/* An anchor whose text starts with a URL (rspamd: a displayed URL): the
 * text's length counts once more in the part's URL length (rspamd adds
 * it to the part again, as long as the text); true when there was one (rspamd's url_displayed flag
 * on the href). */
static bool display_urls(struct msg_part *mp, const struct html_link *l,
			 size_t *url_len)
{
	struct shown sh = { NULL, 0, 0 };

	*url_len = 0;
	if (l->text == NULL)
		return false;
	sh.text = l->text;
	urls_scan_text(l->text, strlen(l->text), on_shown_hit, &sh);
	mp->url_len += sh.len;
	*url_len = sh.url_len;
	return sh.len > 0;
}

/* The URL an anchor shows, when it is not the href: rspamd adds it to
 * its URLs flagged html_displayed (not counted by URI_COUNT_ODD). */
static void add_displayed(struct parse *p, const struct html_link *l,
			  size_t len, int part)
{
	size_t before = p->m->n_urls;
	char *t = g_strndup(l->text, len), *k = url_key(t), *h;

	h = url_key(l->href);
	if (strcmp(k, h) != 0) {
		add_url(p, t, len, MSG_URL_HTML, NULL, part, false, false);
		if (p->m->n_urls > before)
			p->m->urls[before].displayed = true;
	}
	g_free(h);
	g_free(k);
	g_free(t);
}

/* ---- MIME parts ---- */

static void copy_part_headers(struct parse *p, struct msg_part *mp,
			      GMimeObject *obj)
{
	GMimeHeaderList *hl = g_mime_object_get_header_list(obj);
	int i, n = hl ? g_mime_header_list_get_count(hl) : 0;
	GMimeHeader *h;
	const char *raw, *val;

	if (n <= 0)
		return;
	mp->headers = calloc((size_t)n, sizeof(*mp->headers));
	if (mp->headers == NULL) {
		p->oom = true;
		return;
	}
	for (i = 0; i < n; i++) {
		struct msg_header *x = &mp->headers[mp->n_headers++];

		h = g_mime_header_list_get_header_at(hl, i);
		raw = g_mime_header_get_raw_value(h);
		val = g_mime_header_get_value(h);
		x->name = sdup(p, g_mime_header_get_name(h));
		x->raw = sdup(p, raw ? raw : "");
		if (x->raw != NULL) {
			size_t l = strlen(x->raw);

			while (l > 0 && (x->raw[l - 1] == '\n' ||
					 x->raw[l - 1] == '\r'))
				x->raw[--l] = '\0';
			x->raw_8bit = msg_has_8bit(x->raw, l);
		}
		x->value = sdup(p, val ? val : "");
		if (x->value != NULL)
			g_strstrip(x->value);
		x->empty = x->value == NULL || x->value[0] == '\0';
	}
}

static void part_type(struct parse *p, struct msg_part *mp, GMimeObject *obj)
{
	GMimeContentType *ct = g_mime_object_get_content_type(obj);
	const char *cte = g_mime_object_get_header(obj,
						   "Content-Transfer-Encoding");
	const char *cs, *disp;

	mp->ct_present = g_mime_object_get_header(obj, "Content-Type") != NULL;
	mp->type = sdup(p, ct && mp->ct_present ?
			   g_mime_content_type_get_media_type(ct) : "text");
	mp->subtype = sdup(p, ct && mp->ct_present ?
			      g_mime_content_type_get_media_subtype(ct) :
			      "plain");
	lower_ascii(mp->type);
	lower_ascii(mp->subtype);
	cs = ct ? g_mime_content_type_get_parameter(ct, "charset") : NULL;
	mp->charset = cs ? sdup(p, cs) : NULL;
	lower_ascii(mp->charset);
	if (cte != NULL)
		mp->cte = unfold_trim(p, cte, strlen(cte));
	disp = g_mime_object_get_disposition(obj);
	if (GMIME_IS_PART(obj))
		mp->filename = sdup(p, g_mime_part_get_filename(GMIME_PART(obj)));
	mp->attachment = mp->filename != NULL ||
			 (disp != NULL && strcasecmp(disp, "attachment") == 0);
}

static void set_decoded(struct parse *p, struct msg_part *mp, const char *s,
			size_t len)
{
	mp->decoded_len = len;
	mp->decoded = malloc(len + 1);
	if (mp->decoded == NULL) {
		p->oom = true;
		return;
	}
	if (len > 0)
		memcpy(mp->decoded, s, len);
	mp->decoded[len] = '\0';
	mp->decoded_8bit = msg_has_8bit(mp->decoded, len);
}

/* GMime writes the content of these encodings through no filter: the
 * decoded bytes are the raw bytes. */
static bool identity_encoding(GMimeDataWrapper *dw)
{
	switch (g_mime_data_wrapper_get_encoding(dw)) {
	case GMIME_CONTENT_ENCODING_BASE64:
	case GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE:
	case GMIME_CONTENT_ENCODING_UUENCODE:
		return false;
	default:
		return true;
	}
}

/* Decoded content of a leaf: write the data wrapper (it decodes). */
static void part_decode(struct parse *p, struct msg_part *mp, GMimePart *gp)
{
	GMimeDataWrapper *dw = g_mime_part_get_content(gp);
	GMimeStream *src, *out;
	GByteArray *ba;

	if (dw == NULL)
		return;
	src = g_mime_data_wrapper_get_stream(dw);
	if (src != NULL && src->bound_start >= 0 &&
	    src->bound_end >= src->bound_start &&
	    (size_t)src->bound_start >= p->view_body &&
	    (size_t)src->bound_end + p->view_delta <= p->base_len) {
		mp->raw = p->base + src->bound_start + p->view_delta;
		mp->raw_len = (size_t)(src->bound_end - src->bound_start);
	}
	if (mp->raw != NULL && identity_encoding(dw)) {
		set_decoded(p, mp, mp->raw, mp->raw_len);
		return;
	}
	out = g_mime_stream_mem_new();
	g_mime_data_wrapper_write_to_stream(dw, out);
	ba = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(out));
	set_decoded(p, mp, (const char *)ba->data, ba->len);
	g_object_unref(out);
}

/* A charset whose bytes below 0x80 are ASCII, one byte each: converting
 * 7-bit text from it changes nothing. */
static bool ascii_superset(const char *charset)
{
	static const char *const prefixes[] = {
		"us-ascii", "ascii", "ansi_x3.4-1968", "iso-8859-", "iso8859-",
		"latin", "windows-125", "cp125", "koi8-",
	};
	const char *name = g_mime_charset_iconv_name(charset);
	size_t i;

	for (i = 0; name != NULL && i < G_N_ELEMENTS(prefixes); i++)
		if (g_ascii_strncasecmp(name, prefixes[i],
					strlen(prefixes[i])) == 0)
			return true;
	return false;
}

/* Text to UTF-8 from its charset; latin1 when unknown or invalid. */
static char *to_utf8(struct parse *p, const char *s, size_t n,
		     const char *charset)
{
	gchar *r = NULL;
	gsize w = 0;
	char *copy;

	if (charset != NULL && !msg_has_8bit(s, n) && ascii_superset(charset)) {
		/* what g_convert would give, without iconv */
		copy = strndup(s, n);
		if (copy == NULL)
			p->oom = true;
		return copy;
	}
	if (charset != NULL && strcasecmp(charset, "utf-8") != 0 &&
	    strcasecmp(charset, "us-ascii") != 0)
		r = g_convert(s, (gssize)n, "UTF-8",
			      g_mime_charset_iconv_name(charset), NULL, &w,
			      NULL);
	if (r == NULL && g_utf8_validate(s, (gssize)n, NULL))
		r = g_strndup(s, n);
	if (r == NULL && (charset == NULL || !msg_has_8bit(s, n)))
		r = g_utf8_make_valid(s, (gssize)n);
	if (r == NULL)
		r = g_convert(s, (gssize)n, "UTF-8", "WINDOWS-1252", NULL, &w,
			      NULL);
	if (r == NULL)
		r = g_utf8_make_valid(s, (gssize)n);
	return gdup(p, r);
}

/* Keep the first warning (the same cause repeats for every part). */
static void note_warning(struct parse *p, const char *what, const char *why)
{
	size_t n;

	if (p->m->warning != NULL)
		return;
	n = strlen(what) + strlen(why) + 3;
	p->m->warning = malloc(n);
	if (p->m->warning == NULL) {
		p->oom = true;
		return;
	}
	snprintf(p->m->warning, n, "%s: %s", what, why);
}

static void part_text(struct parse *p, struct msg_part *mp, int idx)
{
	struct html_doc d;
	struct err err;
	int rc;
	size_t i;
	bool shown;
	size_t shown_len;

	mp->text = true;
	mp->utf8 = to_utf8(p, mp->decoded, mp->decoded_len, mp->charset);
	if (mp->utf8 == NULL)
		return;
	if (!mp->html) {
		mp->content = sdup(p, mp->utf8);
		if (mp->content != NULL)
			scan_text_urls(p, mp->content, strlen(mp->content),
				       MSG_URL_TEXT, idx);
		return;
	}
	html_doc_init(&d);
	err_init(&err);
	rc = html_parse(&d, mp->utf8, strlen(mp->utf8), &err);
	if (rc == -2)
		note_warning(p, "html", err.msg);
	else if (rc < 0)
		p->oom = true;
	for (i = 0; i < d.n_links && !p->oom; i++) {
		shown = display_urls(mp, &d.links[i], &shown_len);
		p->no_query = d.links[i].image;
		add_url(p, d.links[i].href, strlen(d.links[i].href),
			MSG_URL_HTML, d.links[i].text, idx, true,
			shown || d.links[i].image);
		p->no_query = false;
		if (shown_len > 0 && !p->oom)
			add_displayed(p, &d.links[i], shown_len, idx);

	}
	mp->html_invisible_count = d.invisible;
	mp->html_invisible_text = d.invisible > 0;
	mp->html_images = d.images;
	mp->html_imgs = d.imgs;
	mp->n_html_imgs = d.n_imgs;
	d.imgs = NULL;
	mp->html_external_css = d.external_css;
	mp->content = d.text;
	d.text = NULL;
	if (mp->content != NULL)
		scan_text_urls(p, mp->content, d.text_len, MSG_URL_HTML, idx);
	html_doc_release(&d);
}

static void walk_part(struct parse *p, GMimeObject *obj, int parent,
		      int depth);

static void walk_children(struct parse *p, GMimeObject *obj, int idx,
			  int depth)
{
	int i, n;

	if (GMIME_IS_MULTIPART(obj)) {
		n = g_mime_multipart_get_count(GMIME_MULTIPART(obj));
		for (i = 0; i < n && !p->oom; i++)
			walk_part(p, g_mime_multipart_get_part(
					     GMIME_MULTIPART(obj), i),
				  idx, depth + 1);
	} else if (GMIME_IS_MESSAGE_PART(obj)) {
		GMimeMessage *sub = g_mime_message_part_get_message(
			GMIME_MESSAGE_PART(obj));

		if (sub != NULL && g_mime_message_get_mime_part(sub) != NULL)
			walk_part(p, g_mime_message_get_mime_part(sub), idx,
				  depth + 1);
	}
}

#define MSG_MAX_DEPTH 64

static void walk_part(struct parse *p, GMimeObject *obj, int parent,
		      int depth)
{
	struct msg *m = p->m;
	struct msg_part *mp;
	int idx;

	if (depth > MSG_MAX_DEPTH ||
	    !grow(p, (void **)&m->parts, &p->parts_alloc, m->n_parts,
		  sizeof(*m->parts)))
		return;
	idx = (int)m->n_parts++;
	mp = &m->parts[idx];
	mp->parent = parent;
	mp->depth = depth;
	part_type(p, mp, obj);
	copy_part_headers(p, mp, obj);
	mp->multipart = GMIME_IS_MULTIPART(obj);
	mp->message_rfc822 = GMIME_IS_MESSAGE_PART(obj);
	if (GMIME_IS_PART(obj)) {
		part_decode(p, mp, GMIME_PART(obj));
		mp->detected_ext = magic_detect_text(mp->decoded,
						     mp->decoded_len, mp->type,
						     mp->subtype, mp->filename);
		mp->html = mp->type && mp->subtype &&
			   strcmp(mp->type, "text") == 0 &&
			   (strcmp(mp->subtype, "html") == 0 ||
			    (mp->detected_ext != NULL &&
			     strcmp(mp->detected_ext, "html") == 0));
		if (mp->decoded != NULL && mp->type && mp->subtype &&
		    strcmp(mp->type, "text") == 0 &&
		    (mp->html || strcmp(mp->subtype, "plain") == 0))
			part_text(p, mp, idx);
		return;
	}
	walk_children(p, obj, idx, depth);
}

/* Leaf parts under obj (an attached message's parts count). */
static size_t count_leaves(GMimeObject *obj)
{
	GMimeMessage *inner;
	size_t n = 0;
	int i;

	if (GMIME_IS_MULTIPART(obj)) {
		for (i = 0; i < g_mime_multipart_get_count(GMIME_MULTIPART(obj));
		     i++)
			n += count_leaves(g_mime_multipart_get_part(
				GMIME_MULTIPART(obj), i));
		return n;
	}
	if (GMIME_IS_MESSAGE_PART(obj)) {
		inner = g_mime_message_part_get_message(GMIME_MESSAGE_PART(obj));
		if (inner != NULL && g_mime_message_get_mime_part(inner) != NULL)
			return count_leaves(
				g_mime_message_get_mime_part(inner));
	}
	return 1;
}

/* A header field name as GMime takes it without a second thought:
 * printable ASCII up to the ':', no blank, no control; its length, or
 * 0 when the line does not start with one. */
static size_t plain_field_name(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n && s[i] != ':'; i++)
		if ((unsigned char)s[i] <= ' ' || (unsigned char)s[i] >= 0x7f)
			return 0;
	return i < n ? i : 0;
}

/*
 * GMime's parser gives the top-level part only the "Content-*" headers;
 * the others it turns into message header objects, parses (addresses,
 * dates) and frees, which we never read (msg.c reads the header block
 * itself). So GMime parses a view of the message that has only the
 * Content-* fields (each with its continuation lines, byte for byte),
 * the blank line and the body, when the header block is plain: every
 * line a field with a plain name (plain_field_name) or a continuation of
 * one, ended by an empty line. Else NULL, and GMime gets the message.
 * *body_r: where the body starts in s; *view_body_r: in the view.
 */
static GByteArray *mime_view(const char *s, size_t len, size_t *body_r,
			     size_t *view_body_r)
{
	GByteArray *v = g_byte_array_sized_new((guint)len);
	const char *nl;
	size_t pos = 0, n, name;
	bool keep = false;

	while (pos < len) {
		nl = memchr(s + pos, '\n', len - pos);
		if (nl == NULL)
			break;
		n = (size_t)(nl - (s + pos)) + 1;
		if (n == 1 || (n == 2 && s[pos] == '\r')) {
			g_byte_array_append(v, (const guint8 *)s + pos,
					    (guint)n);
			*view_body_r = v->len;
			*body_r = pos + n;
			g_byte_array_append(v, (const guint8 *)s + pos + n,
					    (guint)(len - pos - n));
			return v;
		}
		if (s[pos] == ' ' || s[pos] == '\t') {
			if (pos == 0)
				break;
		} else if ((name = plain_field_name(s + pos, n)) > 0) {
			keep = name >= 8 &&
			       g_ascii_strncasecmp(s + pos, "Content-", 8) == 0;
		} else {
			break;
		}
		if (keep)
			g_byte_array_append(v, (const guint8 *)s + pos,
					    (guint)n);
		pos += n;
	}
	g_byte_array_free(v, TRUE);
	return NULL;
}

static void parse_mime(struct parse *p)
{
	GMimeStream *st;
	GMimeParser *gp;
	GMimeMessage *gm;
	GByteArray *view = NULL;
	size_t body = 0, view_body = 0;

	if (p->base_len < G_MAXUINT)
		view = mime_view(p->base, p->base_len, &body, &view_body);
	if (view != NULL) {
		p->view_body = view_body;
		p->view_delta = body - view_body;
		st = g_mime_stream_mem_new_with_byte_array(view);
		g_mime_stream_mem_set_owner(GMIME_STREAM_MEM(st), TRUE);
	} else {
		st = g_mime_stream_mem_new_with_buffer(p->base, p->base_len);
	}
	gp = g_mime_parser_new_with_stream(st);
	g_mime_parser_set_format(gp, GMIME_FORMAT_MESSAGE);
	g_mime_parser_set_persist_stream(gp, TRUE);
	gm = g_mime_parser_construct_message(gp, p->opts);
	if (gm != NULL && g_mime_message_get_mime_part(gm) != NULL) {
		p->strict_text =
			count_leaves(g_mime_message_get_mime_part(gm)) > 1;
		walk_part(p, g_mime_message_get_mime_part(gm), -1, 0);
	}
	if (gm != NULL)
		g_object_unref(gm);
	g_object_unref(gp);
	g_object_unref(st);
}

/* ---- envelope ---- */

static void complete_envelope(struct parse *p,
			      const struct scan_envelope *env)
{
	static const struct scan_envelope none;
	struct msg *m = p->m;
	const struct msg_received *top = m->n_received ? &m->received[0] :
							 NULL;
	struct msg_addrs rp;
	size_t i, n;

	env = env != NULL ? env : &none;
	m->env_ip = sdup(p, env->ip ? env->ip : top ? top->real_ip : NULL);
	m->env_hostname = sdup(p, env->hostname ? env->hostname :
				  !env->ip && top ? top->real_hostname : NULL);
	m->env_helo = sdup(p, env->helo);
	m->env_user = sdup(p, env->user);
	if (env->from != NULL) {
		m->env_from = sdup(p, env->from);
	} else {
		memset(&rp, 0, sizeof(rp));
		parse_addrs(p, "Return-Path", &rp);
		if (rp.n > 0)
			m->env_from = sdup(p, rp.v[0].addr);
		else if (rp.present)
			m->env_from = sdup(p, "");
		release_addrs(&rp);
	}
	m->env_rcpts_from_headers = env->n_rcpts == 0;
	n = env->n_rcpts ? env->n_rcpts : m->to.n + m->cc.n + m->bcc.n;
	m->env_rcpts = calloc(n + 1, sizeof(*m->env_rcpts));
	if (m->env_rcpts == NULL) {
		p->oom = true;
		return;
	}
	for (i = 0; i < env->n_rcpts; i++)
		m->env_rcpts[m->n_env_rcpts++] = sdup(p, env->rcpts[i]);
	for (i = 0; env->n_rcpts == 0 && i < m->to.n; i++)
		m->env_rcpts[m->n_env_rcpts++] = sdup(p, m->to.v[i].addr);
	for (i = 0; env->n_rcpts == 0 && i < m->cc.n; i++)
		m->env_rcpts[m->n_env_rcpts++] = sdup(p, m->cc.v[i].addr);
	for (i = 0; env->n_rcpts == 0 && i < m->bcc.n; i++)
		m->env_rcpts[m->n_env_rcpts++] = sdup(p, m->bcc.v[i].addr);
	if (env->now > 0) {
		m->now = env->now;
	} else {
		m->now = (double)g_get_real_time() / 1e6;
	}
}

/* ---- entry points ---- */

static void gmime_once(void)
{
	static gsize done;

	if (g_once_init_enter(&done)) {
		g_mime_init();
		g_once_init_leave(&done, 1);
	}
}

static size_t skip_mbox_from(const char *data, size_t len)
{
	const char *nl;

	if (len < 5 || memcmp(data, "From ", 5) != 0)
		return 0;
	nl = memchr(data, '\n', len);
	return nl != NULL ? (size_t)(nl - data) + 1 : len;
}

int msg_parse(struct msg *m, const char *data, size_t len,
	      const struct scan_envelope *env, struct err *err)
{
	struct parse p;
	size_t skip;

	gmime_once();
	memset(&p, 0, sizeof(p));
	p.m = m;
	p.opts = g_mime_parser_options_get_default();
	m->raw = data;
	m->raw_len = len;
	skip = skip_mbox_from(data, len);
	p.base = data + skip;
	p.base_len = len - skip;
	p.seen_urls = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
					    NULL);
	p.seen_emails = g_hash_table_new_full(g_str_hash, g_str_equal,
					      g_free, NULL);
	scan_headers(&p);
	parse_addrs(&p, "From", &m->from);
	parse_addrs(&p, "To", &m->to);
	parse_addrs(&p, "Cc", &m->cc);
	parse_addrs(&p, "Bcc", &m->bcc);
	parse_addrs(&p, "Reply-To", &m->reply_to);
	parse_addrs(&p, "Sender", &m->sender);
	parse_ids(&p);
	parse_received(&p);
	parse_mime(&p);
	/* After the body, as rspamd: a URL also in the body is not "subject" */
	if (m->subject != NULL)
		scan_text_urls(&p, m->subject, strlen(m->subject),
			       MSG_URL_SUBJECT, -1);
	complete_envelope(&p, env);
	g_hash_table_destroy(p.seen_urls);
	g_hash_table_destroy(p.seen_emails);
	if (p.oom)
		return err_set(err, "cannot parse the message: out of memory");
	return 0;
}

static void release_headers(struct msg_header *h, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(h[i].name);
		free(h[i].raw);
		free(h[i].value);
	}
	free(h);
}

static void release_part(struct msg_part *mp)
{
	free(mp->type);
	free(mp->subtype);
	free(mp->charset);
	free(mp->cte);
	free(mp->filename);
	release_headers(mp->headers, mp->n_headers);
	free(mp->decoded);
	free(mp->utf8);
	free(mp->content);
	g_free(mp->html_imgs);
}

static void release_strv(char **v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

void msg_release(struct msg *m)
{
	size_t i;

	release_headers(m->headers, m->n_headers);
	release_addrs(&m->from);
	release_addrs(&m->to);
	release_addrs(&m->cc);
	release_addrs(&m->bcc);
	release_addrs(&m->reply_to);
	release_addrs(&m->sender);
	free(m->message_id);
	free(m->message_id_raw);
	free(m->subject);
	for (i = 0; i < m->n_received; i++)
		received_release(&m->received[i]);
	free(m->received);
	for (i = 0; i < m->n_parts; i++)
		release_part(&m->parts[i]);
	free(m->parts);
	for (i = 0; i < m->n_urls; i++)
		url_release(&m->urls[i]);
	free(m->urls);
	release_strv(m->emails, m->n_emails);
	free(m->env_ip);
	free(m->env_hostname);
	free(m->env_helo);
	free(m->env_from);
	release_strv(m->env_rcpts, m->n_env_rcpts);
	free(m->env_user);
	free(m->warning);
	msg_init(m);
}
