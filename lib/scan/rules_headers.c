/*
 * rules_headers.c - the header checks of rspamd 3.4's rules/headers_checks.lua
 * and the address tags of rules/misc.lua's EMAIL_PLUS_ALIASES prefilter.
 *
 * Owns: nothing beyond one scan; each scan builds a view of the addresses
 * (struct hview) the way rspamd's rules see them and frees it at the end.
 *
 * Symbols: RCVD_COUNT_*, RCPT_COUNT_* (option: the count), HAS_X_PRIO_*
 * (option: the priority), CHECK_REPLYTO's HAS_REPLYTO (option: the address),
 * REPLYTO_*, CHECK_FROM's FROM_*, TO_EQ_FROM, TO_DOM_EQ_FROM_DOM,
 * CHECK_TO_CC's TO_DN_*, TO_MATCH_ENVRCPT_*, MISSING_MIME_VERSION,
 * MIME_MA_MISSING_*, PREVIOUSLY_DELIVERED (option: the address),
 * HEADER_RCONFIRM_MISMATCH, HEADER_FORGED_MDN, MULTIPLE_UNIQUE_HEADERS
 * (dynamic; option: the repeated headers), MISSING_FROM, MULTIPLE_FROM
 * (options: the addresses), MV_CASE, XM_CASE, MIME_BASE64_TEXT(_BOGUS),
 * INVALID_FROM_8BIT, INVALID_RCPT_8BIT, TAGGED_FROM and TAGGED_RCPT
 * (options: the tags), BROKEN_HEADERS.
 *
 * What rspamd does that the Lua does not say (checked against rspamd 3.4,
 * see tests/unit/test-scan-headers.c):
 * - EMAIL_PLUS_ALIASES runs first and rewrites the first From address, the
 *   envelope sender and the recipient lists ("user+tag@d" -> "user@d",
 *   gmail.com drops dots, googlemail.com becomes gmail.com); the later
 *   checks compare the rewritten addresses (REPLYTO_* excepted, which uses
 *   the original From);
 * - an address without '@' ("From: foo", a group "x:;") is a display name
 *   with an empty address; a missing display name is "" (so two addresses
 *   without names have "equal" names for REPLYTO_DN_EQ_FROM_DN);
 * - an address with 8-bit bytes is invalid and 8-bit;
 * - the header recipients are To, Cc and Bcc in header order; the envelope
 *   recipients count only when the caller passed them.
 * Not done: ENVFROM_INVALID (rspamd drops an unparseable MAIL FROM, so it
 * does not fire for what the client can pass), MULTIPLE_FROM's rewriting of
 * a tagged first address. MISSING_TO lives in rules/regexp/headers.lua.
 */
#include "alias.h"
#include "rules.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* An address as rspamd's rules see it. */
struct haddr {
	const char *name;   /* display name, "" when none */
	char *addr;         /* owned: after alias removal, "" when none */
	const char *domain; /* in addr, after the last '@', "" when none */
	bool invalid;
	bool eightbit;
	char *own_name;     /* owned name storage, or NULL */
};

/* The addresses of one message as the rules see them. */
struct hview {
	const struct msg *m;
	bool has_from;
	struct haddr from;          /* the first From address */
	char *from_orig;            /* its address before alias removal */
	bool has_env_from;
	struct haddr env_from;
	bool has_rcpts;             /* some To, Cc or Bcc header exists */
	struct haddr *rcpts;        /* To, Cc, Bcc in header order */
	size_t n_rcpts;
	bool has_env_rcpts;
	struct haddr *env_rcpts;
	size_t n_env_rcpts;
	char title[4];              /* FROM_NAME_HAS_TITLE's option or "" */
};

/* ---- small string helpers ------------------------------------------ */

static bool is_lspace(int ch)
{
	/* Lua's %s in the C locale. */
	return ch == ' ' || (ch >= '\t' && ch <= '\r');
}

static bool blank(const char *s)
{
	for (; *s != '\0'; s++)
		if (!is_lspace((unsigned char)*s))
			return false;
	return true;
}

static bool has_8bit(const char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s >= 0x80)
			return true;
	return false;
}

static bool caseeq(const char *a, const char *b)
{
	return strcasecmp(a, b) == 0;
}

static const char *domain_of(const char *addr)
{
	const char *at = strrchr(addr, '@');

	return at != NULL ? at + 1 : "";
}

static char *dup_str(const char *s)
{
	size_t n = strlen(s) + 1;
	char *d = malloc(n);

	if (d != NULL)
		memcpy(d, s, n);
	return d;
}

/* Trimmed copy of s[0..n) compared with the trimmed t. */
static bool trimmed_eq(const char *s, const char *t)
{
	size_t ls, lt;

	while (is_lspace((unsigned char)*s))
		s++;
	while (is_lspace((unsigned char)*t))
		t++;
	ls = strlen(s);
	lt = strlen(t);
	while (ls > 0 && is_lspace((unsigned char)s[ls - 1]))
		ls--;
	while (lt > 0 && is_lspace((unsigned char)t[lt - 1]))
		lt--;
	return ls == lt && memcmp(s, t, ls) == 0;
}

static bool each_addr(const char *s,
		      bool (*fn)(const char *a, size_t n, const void *arg),
		      const void *arg);
static bool first_fn(const char *a, size_t n, const void *arg);
static bool angle_form(const struct msg *m, const char *hname,
		       const char *addr);

/* ---- addresses as rspamd parses them --------------------------------- */

/* The address: "" when there is no '@' (rspamd reads a word as a name). */
static const char *orig_addr(const struct msg_addr *a)
{
	return a->addr != NULL && strchr(a->addr, '@') != NULL ? a->addr : "";
}

static const char *orig_name(const struct msg_addr *a)
{
	if (a->name != NULL && !blank(a->name))
		return a->name;
	if (a->addr != NULL && *a->addr != '\0' && strchr(a->addr, '@') == NULL)
		return a->addr;
	return "";
}

/* Add the non-empty "+"-separated tags as options of symbol. */
static void add_tags(struct scan_ctx *c, const char *symbol, const char *tags)
{
	char buf[256];
	const char *p = tags, *e;
	size_t n;

	while (p != NULL && *p != '\0') {
		if (*p == '+') {
			p++;
			continue;
		}
		e = strchr(p, '+');
		n = e != NULL ? (size_t)(e - p) : strlen(p);
		if (n < sizeof(buf)) {
			memcpy(buf, p, n);
			buf[n] = '\0';
			scan_add_option(c, symbol, buf);
		}
		p += n;
	}
}

/* ---- the view ---------------------------------------------------------- */

static int haddr_set(struct haddr *h, const char *name, const char *addr,
		     bool invalid)
{
	if ((h->addr = dup_str(addr)) == NULL)
		return -1;
	h->name = name;
	h->domain = domain_of(h->addr);
	h->eightbit = has_8bit(addr);
	h->invalid = invalid || h->eightbit || *addr == '\0';
	return 0;
}

/*
 * a, parsed from a header called hname. rspamd takes a display name only
 * before "<addr>": "a@b (Name)" has none.
 */
static int haddr_from_msg(struct haddr *h, const struct msg *m,
			  const char *hname, const struct msg_addr *a)
{
	const char *name = orig_name(a), *addr = orig_addr(a);

	if (*name != '\0' && *addr != '\0' && !angle_form(m, hname, addr))
		name = "";
	return haddr_set(h, name, addr, a->invalid);
}

/*
 * The display name before the first item's "<", unquoted: rspamd keeps it
 * when GMime drops the address (raw 8-bit bytes in it). NULL when there
 * is none or out of memory (*oom set).
 */
static char *fallback_name(const char *v, bool *oom)
{
	const char *p = v, *lt = NULL, *e;
	bool quoted = false;
	char *name;

	for (; *p != '\0' && (quoted || *p != ','); p++) {
		if (*p == '"')
			quoted = !quoted;
		else if (*p == '<' && !quoted && lt == NULL)
			lt = p;
	}
	if (lt == NULL)
		return NULL;
	for (p = v; p < lt && is_lspace((unsigned char)*p); p++)
		;
	for (e = lt; e > p && is_lspace((unsigned char)e[-1]); e--)
		;
	if (e - p >= 2 && *p == '"' && e[-1] == '"') {
		p++;
		e--;
	}
	if (e == p)
		return NULL;
	if ((name = strndup(p, (size_t)(e - p))) == NULL)
		*oom = true;
	return name;
}

/*
 * The first address of a header GMime could not parse ("<@>", "foo@",
 * "@example.com", raw 8-bit bytes), which rspamd still reads: the <...>
 * or the item with an '@', and the display name before a "<". 0 when the
 * header is absent or empty.
 */
static int haddr_fallback(struct haddr *h, const struct msg *m,
			  const char *hname)
{
	const struct msg_header *hd = msg_header(m, hname, 0);
	char addr[512] = "";
	bool oom = false;
	size_t n;

	if (hd == NULL || hd->value == NULL || blank(hd->value))
		return 0;
	each_addr(hd->value, first_fn, addr);
	n = strlen(addr);
	if (haddr_set(h, "", addr,
		      n == 0 || addr[0] == '@' || addr[n - 1] == '@') < 0)
		return -1;
	if (n > 0 && (h->own_name = fallback_name(hd->value, &oom)) != NULL)
		h->name = h->own_name;
	return oom ? -1 : 1;
}

/* Rewrite one sender (the first From or the envelope sender). */
static int unalias_sender(struct scan_ctx *c, struct haddr *h)
{
	struct alias al;
	char *na;

	if (alias_of(h->addr, &al) < 0)
		return -1;
	if (al.aliased) {
		if ((na = alias_addr(&al)) == NULL) {
			alias_release(&al);
			return -1;
		}
		free(h->addr);
		h->addr = na;
		h->domain = domain_of(na);
		scan_insert(c, "TAGGED_FROM", NULL);
		add_tags(c, "TAGGED_FROM", al.tags);
	}
	alias_release(&al);
	return 0;
}

/* Rewrite a recipient list: every address when one of them is aliased. */
static int unalias_rcpts(struct scan_ctx *c, struct haddr *v, size_t n)
{
	struct alias *al = calloc(n + 1, sizeof(*al));
	bool any = false;
	size_t i;
	int rc = -1;
	char *na;

	if (al == NULL)
		return -1;
	for (i = 0; i < n; i++) {
		if (alias_of(v[i].addr, &al[i]) < 0)
			goto out;
		any = any || al[i].aliased;
	}
	if (any)
		scan_insert(c, "TAGGED_RCPT", NULL);
	for (i = 0; any && i < n; i++) {
		if (!al[i].changed)
			continue;
		if ((na = alias_addr(&al[i])) == NULL)
			goto out;
		free(v[i].addr);
		v[i].addr = na;
		v[i].domain = domain_of(na);
		add_tags(c, "TAGGED_RCPT", al[i].tags);
	}
	rc = 0;
out:
	for (i = 0; i < n; i++)
		alias_release(&al[i]);
	free(al);
	return rc;
}

/*
 * rspamd keeps an empty group ("undisclosed-recipients:;") as one address
 * named after the group with an empty address; GMime drops it. Find the
 * next one in raw from *pos: its name (malloc'd) or NULL when none.
 */
static char *next_empty_group(const char **pos)
{
	const char *p = *pos, *item = p, *q, *b, *e;
	bool quoted = false;
	int depth = 0, angle = 0;
	char *name;

	for (; *p != '\0'; p++) {
		if (*p == '\\' && p[1] != '\0') {
			p++;
		} else if (quoted) {
			quoted = *p != '"';
		} else if (*p == '"') {
			quoted = true;
		} else if (*p == '(') {
			depth++;
		} else if (*p == ')' && depth > 0) {
			depth--;
		} else if (depth > 0) {
			continue;
		} else if (*p == '<') {
			angle++;
		} else if (*p == '>' && angle > 0) {
			angle--;
		} else if (angle == 0 && (*p == ',' || *p == ';')) {
			item = p + 1;
		} else if (angle == 0 && *p == ':') {
			for (q = p + 1; is_lspace((unsigned char)*q); q++)
				;
			if (*q != ';') {
				item = p + 1;
				continue;
			}
			for (b = item; b < p && is_lspace((unsigned char)*b); b++)
				;
			for (e = p; e > b && is_lspace((unsigned char)e[-1]); e--)
				;
			*pos = q + 1;
			if ((name = malloc((size_t)(e - b) + 1)) == NULL)
				return NULL;
			memcpy(name, b, (size_t)(e - b));
			name[e - b] = '\0';
			return name;
		}
	}
	*pos = p;
	return NULL;
}

static size_t count_empty_groups(const struct msg *m, const char *hname)
{
	const struct msg_header *h;
	const char *pos;
	size_t k, n = 0;
	char *g;

	for (k = 0; (h = msg_header(m, hname, k)) != NULL; k++)
		for (pos = h->raw; pos != NULL && *pos != '\0';) {
			if ((g = next_empty_group(&pos)) == NULL)
				break;
			free(g);
			n++;
		}
	return n;
}

/* Append the empty groups of the headers called hname to v[*n], while
 * *n < cap (v's length: "From: a:; b:;" has two, v->from room for one). */
static int add_empty_groups(const struct msg *m, const char *hname,
			    struct haddr *v, size_t *n, size_t cap)
{
	const struct msg_header *h;
	const char *pos;
	size_t k;
	char *g;

	for (k = 0; (h = msg_header(m, hname, k)) != NULL; k++)
		for (pos = h->raw; pos != NULL && *pos != '\0';) {
			if (*n >= cap ||
			    (g = next_empty_group(&pos)) == NULL)
				break;
			v[*n].own_name = g;
			if (haddr_set(&v[*n], g, "", true) < 0)
				return -1;
			(*n)++;
		}
	return 0;
}

/* Appending each_addr()'s items to a recipient list (or counting them). */
struct fb_sink {
	struct haddr *v;   /* NULL: only count */
	size_t *n;
	int rc;
};

static bool fb_add(const char *a, size_t n, const void *arg)
{
	const struct fb_sink *k = arg;
	char buf[512];

	if (k->v != NULL) {
		n = n < sizeof(buf) ? n : 0;
		memcpy(buf, a, n);
		buf[n] = '\0';
		if (haddr_set(&k->v[*k->n], "", buf,
			      n == 0 || buf[0] == '@' || buf[n - 1] == '@') <
		    0) {
			((struct fb_sink *)k)->rc = -1;
			return true;
		}
	}
	(*k->n)++;
	return false;
}

/*
 * Recipients GMime could not parse at all ("<x:;@example.com>"): rspamd
 * still counts each comma-separated item. Appends to v (or counts when v
 * is NULL) for every header called hname.
 */
static int rcpt_fallback(const struct msg *m, const char *hname,
			 struct haddr *v, size_t *n)
{
	const struct msg_header *h;
	struct fb_sink k = { v, n, 0 };
	size_t i;

	for (i = 0; (h = msg_header(m, hname, i)) != NULL && k.rc == 0; i++)
		if (h->value != NULL)
			each_addr(h->value, fb_add, &k);
	return k.rc;
}

/* The item has a byte >= 0x80 outside (comments). */
static bool item_8bit(const char *a, size_t n)
{
	int depth = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		if (a[i] == '(')
			depth++;
		else if (a[i] == ')' && depth > 0)
			depth--;
		else if (depth == 0 && (unsigned char)a[i] >= 0x80)
			return true;
	}
	return false;
}

static bool lost8_add(const char *a, size_t n, const void *arg)
{
	return n > 0 && item_8bit(a, n) ? fb_add(a, n, arg) : false;
}

/*
 * In a list, GMime drops an address with raw 8-bit bytes ("b@x.com,
 * j\xf6rg@x.com" gives one address); rspamd keeps it, flagged 8bit
 * (INVALID_RCPT_8BIT, and it counts). When none of GMime's addresses of
 * the headers called hname has 8-bit bytes, append (or count, v NULL)
 * the items of their values that do.
 */
static int rcpt_lost_8bit(const struct msg *m, const struct msg_addrs *l,
			  const char *hname, struct haddr *v, size_t *n)
{
	const struct msg_header *h;
	struct fb_sink k = { v, n, 0 };
	size_t i;

	for (i = 0; i < l->n; i++)
		if (l->v[i].addr != NULL && has_8bit(l->v[i].addr))
			return 0;
	for (i = 0; (h = msg_header(m, hname, i)) != NULL && k.rc == 0; i++)
		if (h->value != NULL && has_8bit(h->value))
			each_addr(h->value, lost8_add, &k);
	return k.rc;
}

/* Index of the first header called name, or the header count. */
static size_t first_header(const struct msg *m, const char *name)
{
	size_t i;

	for (i = 0; i < m->n_headers; i++)
		if (strcasecmp(m->headers[i].name, name) == 0)
			return i;
	return m->n_headers;
}

static int build_mime_rcpts(struct hview *v)
{
	const struct msg *m = v->m;
	const struct msg_addrs *lists[3] = { &m->to, &m->cc, &m->bcc };
	size_t pos[3] = { first_header(m, "To"), first_header(m, "Cc"),
			  first_header(m, "Bcc") };
	size_t order[3] = { 0, 1, 2 }, i, j, k, t, total = 0;

	static const char *const names[3] = { "To", "Cc", "Bcc" };

	size_t groups[3], fb[3] = { 0, 0, 0 }, lost[3] = { 0, 0, 0 };

	for (i = 0; i < 3; i++) {
		v->has_rcpts = v->has_rcpts || lists[i]->present;
		groups[i] = count_empty_groups(m, names[i]);
		if (lists[i]->n == 0 && groups[i] == 0)
			rcpt_fallback(m, names[i], NULL, &fb[i]);
		else
			rcpt_lost_8bit(m, lists[i], names[i], NULL, &lost[i]);
		total += lists[i]->n + groups[i] + fb[i] + lost[i];
	}
	for (i = 1; i < 3; i++)
		for (j = i; j > 0 && pos[order[j]] < pos[order[j - 1]]; j--) {
			t = order[j];
			order[j] = order[j - 1];
			order[j - 1] = t;
		}
	if ((v->rcpts = calloc(total + 1, sizeof(*v->rcpts))) == NULL)
		return -1;
	for (i = 0; i < 3; i++) {
		for (k = 0; k < lists[order[i]]->n; k++)
			if (haddr_from_msg(&v->rcpts[v->n_rcpts++], m,
					   names[order[i]],
					   &lists[order[i]]->v[k]) < 0)
				return -1;
		if (add_empty_groups(m, names[order[i]], v->rcpts,
				     &v->n_rcpts, total) < 0)
			return -1;
		if (fb[order[i]] > 0 && rcpt_fallback(m, names[order[i]],
						      v->rcpts,
						      &v->n_rcpts) < 0)
			return -1;
		if (lost[order[i]] > 0 &&
		    rcpt_lost_8bit(m, lists[order[i]], names[order[i]],
				   v->rcpts, &v->n_rcpts) < 0)
			return -1;
	}
	return 0;
}

static int build_env(struct hview *v)
{
	const struct msg *m = v->m;
	size_t i;

	if (m->env_from != NULL && strchr(m->env_from, '@') != NULL) {
		v->has_env_from = true;
		if (haddr_set(&v->env_from, "", m->env_from,
			      strchr(m->env_from, '@') == NULL) < 0)
			return -1;
	}
	if (m->env_rcpts_from_headers || m->n_env_rcpts == 0)
		return 0;
	v->has_env_rcpts = true;
	if ((v->env_rcpts = calloc(m->n_env_rcpts, sizeof(*v->env_rcpts))) ==
	    NULL)
		return -1;
	for (i = 0; i < m->n_env_rcpts; i++, v->n_env_rcpts++)
		if (haddr_set(&v->env_rcpts[i], "", m->env_rcpts[i],
			      strchr(m->env_rcpts[i], '@') == NULL) < 0)
			return -1;
	return 0;
}

static void view_release(struct hview *v)
{
	size_t i;

	free(v->from.addr);
	free(v->from.own_name);
	free(v->from_orig);
	free(v->env_from.addr);
	for (i = 0; i < v->n_rcpts; i++) {
		free(v->rcpts[i].addr);
		free(v->rcpts[i].own_name);
	}
	for (i = 0; i < v->n_env_rcpts; i++)
		free(v->env_rcpts[i].addr);
	free(v->rcpts);
	free(v->env_rcpts);
}

/* Build the view; runs EMAIL_PLUS_ALIASES (inserting TAGGED_*). */
static int view_build(struct scan_ctx *c, struct hview *v)
{
	size_t n;
	int rc;

	memset(v, 0, sizeof(*v));
	v->m = scan_msg(c);
	if (v->m->from.n > 0) {
		v->has_from = true;
		if (haddr_from_msg(&v->from, v->m, "From", &v->m->from.v[0]) < 0)
			return -1;
	} else if (count_empty_groups(v->m, "From") > 0) {
		n = 0;
		v->has_from = true;
		if (add_empty_groups(v->m, "From", &v->from, &n, 1) < 0)
			return -1;
	} else {
		if ((rc = haddr_fallback(&v->from, v->m, "From")) < 0)
			return -1;
		v->has_from = rc > 0;
	}
	if (v->has_from && (v->from_orig = dup_str(v->from.addr)) == NULL)
		return -1;
	if (build_env(v) < 0 || build_mime_rcpts(v) < 0)
		return -1;
	if (v->has_env_from && unalias_sender(c, &v->env_from) < 0)
		return -1;
	if (v->has_from && unalias_sender(c, &v->from) < 0)
		return -1;
	if (unalias_rcpts(c, v->env_rcpts, v->n_env_rcpts) < 0)
		return -1;
	return unalias_rcpts(c, v->rcpts, v->n_rcpts);
}

/* ---- counts ------------------------------------------------------------ */

/* The name of the bucket of n: the largest threshold <= n. */
static const char *bucket(size_t n, const size_t *th, const char *const *nm,
			  size_t count)
{
	const char *r = "ZERO";
	size_t i;

	for (i = 0; i < count; i++)
		if (n >= th[i])
			r = nm[i];
	return r;
}

static void insert_count(struct scan_ctx *c, const char *prefix,
			 const char *name, const char *opt)
{
	char sym[64];

	snprintf(sym, sizeof(sym), "%s%s", prefix, name);
	scan_insert(c, sym, opt, NULL);
}

/* CHECK_RECEIVED: RCVD_COUNT_* with the number of Received hops. */
static void check_received(struct scan_ctx *c, const struct hview *v)
{
	static const size_t th[] = { 1, 2, 3, 5, 7, 12 };
	static const char *const nm[] = { "ONE",  "TWO",   "THREE",
					  "FIVE", "SEVEN", "TWELVE" };
	char opt[32];

	snprintf(opt, sizeof(opt), "%zu", v->m->n_received);
	insert_count(c, "RCVD_COUNT_", bucket(v->m->n_received, th, nm, 6),
		     opt);
}

/* HAS_X_PRIO: the number at the start of X-Priority ("^%s?(%d+)"). */
static void check_prio(struct scan_ctx *c, const struct hview *v)
{
	static const size_t th[] = { 1, 2, 3, 5 };
	static const char *const nm[] = { "ONE", "TWO", "THREE", "FIVE" };
	const struct msg_header *h = msg_header(v->m, "X-Priority", 0);
	const char *p;
	double x = 0;
	char opt[32];

	if (h == NULL || h->value == NULL)
		return;
	p = h->value;
	if (is_lspace((unsigned char)*p))
		p++;
	if (*p < '0' || *p > '9')
		return;
	for (; *p >= '0' && *p <= '9'; p++)
		x = x * 10 + (*p - '0');
	snprintf(opt, sizeof(opt), "%.14g", x);
	insert_count(c, "HAS_X_PRIO_",
		     bucket(x >= 1e18 ? (size_t)-1 : (size_t)x, th, nm, 4),
		     opt);
}

/* ---- Reply-To ------------------------------------------------------------ */

static bool is_list_mail(const struct msg *m)
{
	return msg_header(m, "List-Unsubscribe", 0) != NULL ||
	       msg_header(m, "X-To-Get-Off-This-List", 0) != NULL ||
	       msg_header(m, "X-List", 0) != NULL ||
	       msg_header(m, "Auto-Submitted", 0) != NULL;
}

/* How Reply-To compares with From (here the address before aliases). */
static void replyto_vs_from(struct scan_ctx *c, const struct hview *v,
			    const char *rname, const char *ra)
{
	const struct msg *m = v->m;
	const struct msg_header *fh = msg_header(m, "From", 0);
	const struct msg_header *rh = msg_header(m, "Reply-To", 0);
	const char *fa = v->from_orig;

	if (fh != NULL && trimmed_eq(fh->raw, rh->raw)) {
		scan_insert(c, "REPLYTO_EQ_FROM", NULL);
		return;
	}
	if (caseeq(fa, ra))
		scan_insert(c, "REPLYTO_ADDR_EQ_FROM", NULL);
	else if (caseeq(domain_of(fa), domain_of(ra)))
		scan_insert(c, "REPLYTO_DOM_EQ_FROM_DOM", NULL);
	else if (v->n_rcpts > 0 && caseeq(v->rcpts[0].addr, ra)) {
		if (!is_list_mail(m))
			scan_insert(c, "REPLYTO_EQ_TO_ADDR", NULL);
	} else
		scan_insert(c, "REPLYTO_DOM_NEQ_FROM_DOM", NULL);
	if (caseeq(v->from.name, rname))
		scan_insert(c, "REPLYTO_DN_EQ_FROM_DN", NULL);
}

/* CHECK_REPLYTO (after CHECK_FROM, whose title it reads). */
static void check_replyto(struct scan_ctx *c, const struct hview *v)
{
	const struct msg *m = v->m;
	struct haddr rt;
	const char *rname = "";

	memset(&rt, 0, sizeof(rt));
	if (msg_header(m, "Reply-To", 0) == NULL)
		return;
	if (m->reply_to.n > 0) {
		if (haddr_from_msg(&rt, m, "Reply-To", &m->reply_to.v[0]) < 0)
			return;
		rname = rt.name;
	} else if (haddr_fallback(&rt, m, "Reply-To") < 0) {
		goto out;
	}
	if (rt.addr == NULL || *rt.addr == '\0') {
		scan_insert(c, "REPLYTO_UNPARSEABLE", NULL);
		goto out;
	}
	scan_insert(c, "HAS_REPLYTO", rt.addr, NULL);
	if (v->title[0] != '\0' &&
	    strncasecmp(rt.addr, v->title, strlen(v->title)) == 0)
		scan_insert(c, "REPLYTO_EMAIL_HAS_TITLE", NULL);
	if (v->has_from)
		replyto_vs_from(c, v, rname, rt.addr);
out:
	free(rt.addr);
	free(rt.own_name);
}

/* ---- From -------------------------------------------------------------- */

/* "^mrs?[%.%s]" and "^dr[%.%s]" on the lower-cased name. */
static void from_title(struct hview *v, const char *n)
{
	size_t len = 0;

	if (strncasecmp(n, "mrs", 3) == 0 &&
	    (n[3] == '.' || is_lspace((unsigned char)n[3])))
		len = 3;
	else if ((strncasecmp(n, "mr", 2) == 0 || strncasecmp(n, "dr", 2) == 0) &&
		 (n[2] == '.' || is_lspace((unsigned char)n[2])))
		len = 2;
	if (len == 0)
		return;
	v->title[0] = (char)(n[0] | 0x20);
	v->title[1] = (char)(n[1] | 0x20);
	v->title[2] = len == 3 ? 's' : '\0';
	v->title[3] = '\0';
}

static bool excess_space(const char *n)
{
	for (; n[0] != '\0' && n[1] != '\0'; n++)
		if (is_lspace((unsigned char)n[0]) &&
		    is_lspace((unsigned char)n[1]))
			return true;
	return false;
}

static void from_display_name(struct scan_ctx *c, struct hview *v)
{
	const struct haddr *f = &v->from;

	if (*f->name == '\0') {
		scan_insert(c, "FROM_NO_DN", NULL);
		return;
	}
	if (caseeq(f->name, f->addr)) {
		scan_insert(c, "FROM_DN_EQ_ADDR", NULL);
		return;
	}
	scan_insert(c, "FROM_HAS_DN", NULL);
	from_title(v, f->name);
	if (v->title[0] != '\0')
		scan_insert(c, "FROM_NAME_HAS_TITLE", v->title, NULL);
	if (excess_space(f->name))
		scan_insert(c, "FROM_NAME_EXCESS_SPACE", NULL);
}

/* CHECK_FROM. */
static void check_from(struct scan_ctx *c, struct hview *v)
{
	const struct haddr *f = &v->from, *to;

	if (v->has_from) {
		if (f->invalid)
			scan_insert(c, "FROM_INVALID", NULL);
		from_display_name(c, v);
		if (v->has_env_from) {
			if (caseeq(v->env_from.addr, f->addr))
				scan_insert(c, "FROM_EQ_ENVFROM", NULL);
			else
				scan_insert(c, "FROM_NEQ_ENVFROM", f->addr,
					    v->env_from.addr, NULL);
		}
	}
	if (!v->has_from || v->n_rcpts != 1)
		return;
	to = &v->rcpts[0];
	if (caseeq(to->addr, f->addr))
		scan_insert(c, "TO_EQ_FROM", NULL);
	else if (caseeq(to->domain, f->domain))
		scan_insert(c, "TO_DOM_EQ_FROM_DOM", NULL);
}

/* ---- To/Cc --------------------------------------------------------------- */

static size_t env_matches(const struct hview *v, const struct haddr *a)
{
	size_t i, n = 0;

	for (i = 0; i < v->n_env_rcpts; i++)
		if (caseeq(v->env_rcpts[i].addr, a->addr))
			n++;
	return n;
}

static void rcpt_count(struct scan_ctx *c, size_t n)
{
	static const size_t th[] = { 1, 2, 3, 5, 7, 12, 50 };
	static const char *const nm[] = { "ONE",   "TWO",    "THREE", "FIVE",
					  "SEVEN", "TWELVE", "GT_50" };
	char opt[32];

	snprintf(opt, sizeof(opt), "%zu", n);
	insert_count(c, "RCPT_COUNT_", bucket(n, th, nm, 7), opt);
}

/* CHECK_TO_CC. */
static void check_to_cc(struct scan_ctx *c, const struct hview *v)
{
	size_t i, n = v->n_rcpts, dn = 0, dn_eq = 0, match = 0;
	const struct haddr *a;

	if (!v->has_rcpts)
		return;
	rcpt_count(c, n);
	for (i = 0; i < n; i++) {
		a = &v->rcpts[i];
		if (caseeq(a->name, "recipient") ||
		    caseeq(a->name, "recipients"))
			scan_insert(c, "TO_DN_RECIPIENTS", NULL);
		if (caseeq(a->name, a->addr))
			dn_eq++;
		else if (*a->name != '\0')
			dn++;
		match += env_matches(v, a);
	}
	if (dn == 0 && dn_eq == 0)
		scan_insert(c, "TO_DN_NONE", NULL);
	else if (dn == n)
		scan_insert(c, "TO_DN_ALL", NULL);
	else if (dn > 0)
		scan_insert(c, "TO_DN_SOME", NULL);
	if (dn_eq == n)
		scan_insert(c, "TO_DN_EQ_ADDR_ALL", NULL);
	else if (dn_eq > 0)
		scan_insert(c, "TO_DN_EQ_ADDR_SOME", NULL);
	if (match == n)
		scan_insert(c, "TO_MATCH_ENVRCPT_ALL", NULL);
	else if (match > 0)
		scan_insert(c, "TO_MATCH_ENVRCPT_SOME", NULL);
}

/* ---- MIME ---------------------------------------------------------------- */

static bool part_is(const struct msg_part *p, const char *t, const char *st)
{
	return p->type != NULL && p->subtype != NULL &&
	       strcasecmp(p->type, t) == 0 && strcasecmp(p->subtype, st) == 0;
}

/* CHECK_MIME. */
static void check_mime(struct scan_ctx *c, const struct hview *v)
{
	const struct msg *m = v->m;
	bool ma = false, plain = false, html = false;
	size_t i;

	if ((msg_header(m, "Content-Type", 0) != NULL ||
	     msg_header(m, "Content-Transfer-Encoding", 0) != NULL) &&
	    msg_header(m, "MIME-Version", 0) == NULL)
		scan_insert(c, "MISSING_MIME_VERSION", NULL);
	for (i = 0; i < m->n_parts; i++) {
		ma = ma || part_is(&m->parts[i], "multipart", "alternative");
		plain = plain || part_is(&m->parts[i], "text", "plain");
		html = html || part_is(&m->parts[i], "text", "html");
	}
	if (ma && !plain)
		scan_insert(c, "MIME_MA_MISSING_TEXT", NULL);
	if (ma && !html)
		scan_insert(c, "MIME_MA_MISSING_HTML", NULL);
}

static const char *hdr_in(const struct msg_header *h, size_t n,
			  const char *name)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcasecmp(h[i].name, name) == 0)
			return h[i].value != NULL ? h[i].value : "";
	return NULL;
}

/* check_for_base64_text: Content-Type "text..." and CTE "base64...". */
static bool base64_text(const struct msg_header *h, size_t n)
{
	const char *ct = hdr_in(h, n, "Content-Type");
	const char *cte = hdr_in(h, n, "Content-Transfer-Encoding");

	return ct != NULL && cte != NULL && strncasecmp(ct, "text", 4) == 0 &&
	       strncasecmp(cte, "base64", 6) == 0;
}

static void check_base64(struct scan_ctx *c, const struct hview *v)
{
	const struct msg *m = v->m;
	const struct msg_part *p;
	bool any = base64_text(m->headers, m->n_headers), bogus = false;
	size_t i;

	for (i = 0; i < m->n_parts; i++) {
		p = &m->parts[i];
		if (!base64_text(p->headers, p->n_headers))
			continue;
		any = true;
		if (!p->multipart && p->type != NULL &&
		    strcasecmp(p->type, "text") == 0 && !p->decoded_8bit)
			bogus = true;
	}
	if (any)
		scan_insert(c, "MIME_BASE64_TEXT", NULL);
	if (bogus)
		scan_insert(c, "MIME_BASE64_TEXT_BOGUS", NULL);
}

/* ---- other header checks ---------------------------------------------- */

/* The raw value with each line break and the blanks after it as one
 * space, as rspamd unfolds (malloc'd). */
static char *unfold(const char *raw)
{
	char *r = malloc(strlen(raw) + 1), *o = r;

	if (r == NULL)
		return NULL;
	while (*raw != '\0') {
		if (*raw == '\r' || *raw == '\n') {
			while (*raw == '\r' || *raw == '\n')
				raw++;
			while (*raw == ' ' || *raw == '\t')
				raw++;
			*o++ = ' ';
			continue;
		}
		*o++ = *raw++;
	}
	*o = '\0';
	return r;
}

/* "%sfor%s<(.-)>" in s: the address (lower case) in addr, or false. */
static bool received_for(const char *s, char *addr, size_t cap)
{
	const char *p, *e;
	size_t i, n;

	for (p = s; *p != '\0'; p++) {
		if (p == s || !is_lspace((unsigned char)p[-1]) ||
		    strncasecmp(p, "for", 3) != 0 ||
		    !is_lspace((unsigned char)p[3]) || p[4] != '<')
			continue;
		if ((e = strchr(p + 5, '>')) == NULL)
			return false;
		n = (size_t)(e - (p + 5));
		if (n >= cap)
			return false;
		for (i = 0; i < n; i++)
			addr[i] = (p[5 + i] >= 'A' && p[5 + i] <= 'Z') ?
					  (char)(p[5 + i] | 0x20) :
					  p[5 + i];
		addr[n] = '\0';
		return true;
	}
	return false;
}

/* PREVIOUSLY_DELIVERED: the first Received "for <addr>" is a recipient. */
static void check_prev_delivered(struct scan_ctx *c, const struct hview *v)
{
	const struct msg_header *h;
	char addr[512], *u;
	size_t i, k;
	bool found;

	if (v->n_rcpts == 0)
		return;
	for (k = 0; (h = msg_header(v->m, "Received", k)) != NULL; k++) {
		if ((u = unfold(h->raw != NULL ? h->raw : "")) == NULL)
			return;
		found = received_for(u, addr, sizeof(addr));
		free(u);
		if (!found)
			continue;
		for (i = 0; i < v->n_rcpts; i++)
			if (caseeq(v->rcpts[i].addr, addr)) {
				scan_insert(c, "PREVIOUSLY_DELIVERED", addr,
					    NULL);
				return;
			}
		return;
	}
}

/*
 * The addresses of a header the message model does not parse: each
 * comma-separated item's <...> or the item itself; calls fn until it
 * returns true. Returns that result.
 */
static bool each_addr(const char *s, bool (*fn)(const char *a, size_t n,
						const void *arg),
		      const void *arg)
{
	const char *p = s, *item, *lt, *gt, *end;
	bool quoted = false;

	while (*p != '\0') {
		item = p;
		for (; *p != '\0' && (quoted || *p != ','); p++)
			if (*p == '"')
				quoted = !quoted;
		end = p;
		lt = memchr(item, '<', (size_t)(end - item));
		gt = lt != NULL ? memchr(lt, '>', (size_t)(end - lt)) : NULL;
		if (lt != NULL && gt != NULL) {
			item = lt + 1;
			end = gt;
		}
		while (item < end && is_lspace((unsigned char)*item))
			item++;
		while (end > item && is_lspace((unsigned char)end[-1]))
			end--;
		if (memchr(item, '@', (size_t)(end - item)) == NULL)
			end = item; /* a name without an address */
		if (fn(item, (size_t)(end - item), arg))
			return true;
		if (*p == ',')
			p++;
	}
	return false;
}

static bool addr_eq_fn(const char *a, size_t n, const void *arg)
{
	const char *want = arg;

	return strlen(want) == n && strncasecmp(a, want, n) == 0;
}

/* HEADER_FORGED_MDN: Disposition-Notification-To is not the sender. */
static void check_forged_mdn(struct scan_ctx *c, const struct hview *v)
{
	const struct msg_header *h =
		msg_header(v->m, "Disposition-Notification-To", 0);

	if (h == NULL)
		return;
	if (v->has_env_from &&
	    each_addr(h->value != NULL ? h->value : "", addr_eq_fn,
		      v->env_from.addr))
		return;
	scan_insert(c, "HEADER_FORGED_MDN", NULL);
}

static bool first_fn(const char *a, size_t n, const void *arg)
{
	char *out = (char *)arg;

	if (n >= 512)
		n = 0;
	memcpy(out, a, n);
	out[n] = '\0';
	return true;
}

/* HEADER_RCONFIRM_MISMATCH: X-Confirm-Reading-To not within From. */
static void check_rconfirm(struct scan_ctx *c, const struct hview *v)
{
	const struct msg_header *h = msg_header(v->m, "X-Confirm-Reading-To", 0);
	char addr[512] = "";

	if (h == NULL || !v->has_from || h->value == NULL)
		return;
	if (!each_addr(h->value, first_fn, addr))
		return;
	if (strstr(v->from.addr, addr) == NULL)
		scan_insert(c, "HEADER_RCONFIRM_MISMATCH", NULL);
}

/* MULTIPLE_UNIQUE_HEADERS, in the order rspamd lists them. */
static void check_unique(struct scan_ctx *c, const struct hview *v)
{
	static const struct {
		const char *name;
		double mult;
	} hs[] = {
		{ "From", 1.0 },
		{ "Date", 0.1 },
		{ "Content-Type", 1.0 },
		{ "Message-ID", 0.7 },
		{ "Cc", 0.1 },
		{ "References", 0.3 },
		{ "Content-Transfer-Encoding", 1.0 },
		{ "In-Reply-To", 0.7 },
		{ "Reply-To", 1.0 },
		{ "Bcc", 0.1 },
		{ "Subject", 0.7 },
		{ "Sender", 1.0 },
		{ "To", 0.2 },
	};
	char opt[256];
	size_t i, len = 0;
	double mult = 0;

	opt[0] = '\0';
	for (i = 0; i < sizeof(hs) / sizeof(hs[0]); i++) {
		if (msg_header_count(v->m, hs[i].name) < 2)
			continue;
		len += (size_t)snprintf(opt + len, sizeof(opt) - len, "%s%s",
					len > 0 ? "," : "", hs[i].name);
		if (hs[i].mult > mult)
			mult = hs[i].mult;
	}
	if (len > 0)
		scan_insert_mult(c, "MULTIPLE_UNIQUE_HEADERS", mult, opt, NULL);
}

/* MISSING_FROM: no From header, or an empty one. */
static void check_missing_from(struct scan_ctx *c, const struct hview *v)
{
	const struct msg_header *h = msg_header(v->m, "From", 0);

	if (h == NULL || h->value == NULL || *h->value == '\0')
		scan_insert(c, "MISSING_FROM", NULL);
}

/* Whether the headers called hname write addr as "<addr>". */
static bool angle_form(const struct msg *m, const char *hname,
		       const char *addr)
{
	const struct msg_header *h;
	const char *p;
	size_t k, n = strlen(addr);

	for (k = 0; (h = msg_header(m, hname, k)) != NULL; k++)
		for (p = h->raw; p != NULL && (p = strchr(p, '<')) != NULL;
		     p++)
			if (strncmp(p + 1, addr, n) == 0 && p[1 + n] == '>')
				return true;
	return false;
}

/* MULTIPLE_FROM: the addresses as written ("<a>" in angle form). */
static void check_multiple_from(struct scan_ctx *c, const struct hview *v)
{
	const struct msg *m = v->m;
	char buf[512];
	const char *a;
	size_t i;

	if (m->from.n < 2)
		return;
	scan_insert(c, "MULTIPLE_FROM", NULL);
	for (i = 0; i < m->from.n; i++) {
		a = m->from.v[i].addr != NULL ? m->from.v[i].addr : "";
		if (*a != '\0' && angle_form(m, "From", a) &&
		    (size_t)snprintf(buf, sizeof(buf), "<%s>", a) <
			    sizeof(buf))
			scan_add_option(c, "MULTIPLE_FROM", buf);
		else
			scan_add_option(c, "MULTIPLE_FROM", a);
	}
}

/* Whether a header is written exactly so (case-sensitive). */
static bool has_header_exact(const struct msg *m, const char *name)
{
	size_t i;

	for (i = 0; i < m->n_headers; i++)
		if (strcmp(m->headers[i].name, name) == 0)
			return true;
	return false;
}

static void check_case(struct scan_ctx *c, const struct hview *v)
{
	if (has_header_exact(v->m, "Mime-Version"))
		scan_insert(c, "MV_CASE", NULL);
	if (has_header_exact(v->m, "X-mailer"))
		scan_insert(c, "XM_CASE", NULL);
}

static void check_8bit(struct scan_ctx *c, const struct hview *v)
{
	size_t i;

	if (v->has_from && v->from.eightbit)
		scan_insert(c, "INVALID_FROM_8BIT", NULL);
	for (i = 0; i < v->n_rcpts; i++)
		if (v->rcpts[i].eightbit) {
			scan_insert(c, "INVALID_RCPT_8BIT", NULL);
			break;
		}
}

/* ---- BROKEN_HEADERS: rspamd's header block reader ------------------- */

static bool is_alpha(unsigned char ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
}

/*
 * One line of a header block as rspamd's header reader takes it (s is the
 * start of a line that is not a continuation): a line starting with a
 * letter must reach ':' before any white space (end of line included), or
 * the headers are broken; other lines are skipped.
 */
static bool header_line_broken(const char *s, const char *end)
{
	if (s >= end || !is_alpha((unsigned char)*s))
		return false;
	for (; s < end && *s != ':'; s++)
		if (is_lspace((unsigned char)*s) || *s == '\r' || *s == '\n')
			return true;
	return s == end;
}

static const char *next_line(const char *s, const char *end)
{
	const char *nl = memchr(s, '\n', (size_t)(end - s));

	return nl != NULL ? nl + 1 : end;
}

/* The lines of the block [s, end) that start a header. */
static bool block_broken(const char *s, const char *end)
{
	for (; s < end; s = next_line(s, end))
		if (*s != ' ' && *s != '\t' && header_line_broken(s, end))
			return true;
	return false;
}

/* An empty line ("\n" or "\r\n") at s. */
static bool empty_line(const char *s, const char *end)
{
	return (s < end && *s == '\n') ||
	       (s + 1 < end && s[0] == '\r' && s[1] == '\n');
}

/*
 * The top-level headers: up to the first empty line. Without one, rspamd
 * guesses that the message is all headers when its first line is one (and
 * calls the headers broken then).
 */
static bool top_headers_broken(const char *s, const char *end)
{
	const char *p;

	if (end - s >= 5 && memcmp(s, "From ", 5) == 0)
		s = next_line(s, end);  /* an mbox separator, skipped */
	for (p = s; p < end; p = next_line(p, end))
		if (empty_line(p, end))
			return block_broken(s, p);
	return s < end && is_alpha((unsigned char)*s) &&
	       !header_line_broken(s, end);
}

/* A leaf part's own header block: back from its body over the empty line,
 * then up to the boundary line ("--"), an empty line or the start. */
static bool part_headers_broken(const char *start, const char *body)
{
	const char *hend, *p, *q;

	if (body <= start || body[-1] != '\n')
		return false;
	hend = body - 1;
	if (hend > start && hend[-1] == '\r')
		hend--;
	for (p = hend; p > start;) {
		for (q = p - 1; q > start && q[-1] != '\n'; q--)
			;
		if ((p - q >= 2 && q[0] == '-' && q[1] == '-') ||
		    empty_line(q, p))
			break;
		p = q;
	}
	return block_broken(p, hend);
}

/* rules/headers_checks.lua BROKEN_HEADERS: the task flag rspamd sets when
 * a header block of the message or of a MIME part has a line starting
 * with a letter that is not "Name:" (or the message has no empty line
 * after its headers). */
static void check_broken(struct scan_ctx *c, const struct hview *v)
{
	const struct msg *m = v->m;
	const char *start = m->raw, *end = m->raw + m->raw_len, *r;
	size_t i;

	if (start == NULL)
		return;
	if (top_headers_broken(start, end))
		goto broken;
	for (i = 1; i < m->n_parts; i++) {
		r = m->parts[i].raw;
		if (r != NULL && r > start && r <= end &&
		    part_headers_broken(start, r))
			goto broken;
	}
	return;
broken:
	scan_insert(c, "BROKEN_HEADERS", NULL);
}

/* The area's one rule: build the view once, run the checks. */
static void headers_rule(struct scan_ctx *c)
{
	struct hview v;

	if (view_build(c, &v) == 0) {
		check_received(c, &v);
		check_prio(c, &v);
		check_from(c, &v);
		check_replyto(c, &v);
		check_mime(c, &v);
		check_prev_delivered(c, &v);
		check_rconfirm(c, &v);
		check_forged_mdn(c, &v);
		check_unique(c, &v);
		check_missing_from(c, &v);
		check_multiple_from(c, &v);
		check_case(c, &v);
		check_to_cc(c, &v);
		check_base64(c, &v);
		check_8bit(c, &v);
		check_broken(c, &v);
	}
	view_release(&v);
}

static const rule_fn headers_rules[] = { headers_rule };

const struct rule_area rules_headers = {
	.name = "headers",
	.rules = headers_rules,
	.n_rules = sizeof(headers_rules) / sizeof(headers_rules[0]),
	.init = NULL,
	.fini = NULL,
};
