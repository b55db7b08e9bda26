/*
 * rules_mid.c - the Message-ID checks of rspamd 3.4's rules/mid.lua:
 * MID_BARE_IP, MID_RHS_NOT_FQDN, MID_MISSING_BRACKETS, MID_RHS_IP_LITERAL,
 * MID_CONTAINS_FROM, MID_RHS_MATCH_FROM, MID_RHS_MATCH_FROMTLD,
 * MID_CONTAINS_TO, MID_RHS_MATCH_TO. (KNOWN_MID needs DKIM: not here.)
 *
 * Owns: nothing beyond one call.
 *
 * What rspamd does that the Lua does not say (checked against rspamd 3.4,
 * see tests/unit/test-scan-headers.c):
 * - the Message-ID value the rule reads is RFC 2047-decoded with its
 *   comments removed: "<a@b> (c)" is "<a@b>";
 * - the From and first recipient it compares are those after the
 *   EMAIL_PLUS_ALIASES prefilter ("user+tag@d" reads "user@d", gmail.com
 *   drops dots, googlemail.com is gmail.com; see rules_headers.c);
 * - the "tld" compared is the registrable domain (example.co.uk).
 */
#include "alias.h"
#include "rules.h"
#include "urls.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- the Message-ID as the rule reads it --------------------------- */

/* Copy of v without (nested, escaped) comments, trimmed; malloc'd. */
static char *strip_comments(const char *v)
{
	size_t n = strlen(v), o = 0, s, e;
	char *r = malloc(n + 1);
	int depth = 0;
	bool quoted = false;

	if (r == NULL)
		return NULL;
	for (; *v != '\0'; v++) {
		if (*v == '\\' && v[1] != '\0' && (depth > 0 || quoted)) {
			if (depth == 0)
				r[o++] = *v;
			v++;
		} else if (depth == 0 && *v == '"') {
			quoted = !quoted;
		} else if (!quoted && *v == '(') {
			depth++;
			continue;
		} else if (!quoted && *v == ')' && depth > 0) {
			depth--;
			continue;
		}
		if (depth == 0)
			r[o++] = *v;
	}
	for (s = 0; s < o && strchr(" \t\r\n", r[s]) != NULL; s++)
		;
	for (e = o; e > s && strchr(" \t\r\n", r[e - 1]) != NULL; e--)
		;
	memmove(r, r + s, e - s);
	r[e - s] = '\0';
	return r;
}

/* ---- Lua patterns of mid.lua, by hand --------------------------------- */

static bool is_digit(char ch)
{
	return ch >= '0' && ch <= '9';
}

/* "%d+%.%d+%.%d+%.%d+" at p: the length matched, or 0. */
static size_t dotted_quad(const char *p)
{
	const char *s = p;
	int i;

	for (i = 0; i < 4; i++) {
		if (i > 0 && *p++ != '.')
			return 0;
		if (!is_digit(*p))
			return 0;
		while (is_digit(*p))
			p++;
	}
	return (size_t)(p - s);
}

/* "@%d+%.%d+%.%d+%.%d+>$" */
static bool bare_ip(const char *mid)
{
	const char *p;
	size_t n;

	for (p = mid; (p = strchr(p, '@')) != NULL; p++)
		if ((n = dotted_quad(p + 1)) > 0 && strcmp(p + 1 + n, ">") == 0)
			return true;
	return false;
}

/* "@%[%d+%.%d+%.%d+%.%d+%]" */
static bool ip_literal(const char *mid)
{
	const char *p;
	size_t n;

	for (p = mid; (p = strchr(p, '@')) != NULL; p++)
		if (p[1] == '[' && (n = dotted_quad(p + 2)) > 0 &&
		    p[2 + n] == ']')
			return true;
	return false;
}

/* "@[^%.]+>?$": some '@' followed by a non-empty rest without a dot. */
static bool not_fqdn(const char *mid)
{
	const char *p;

	for (p = mid; (p = strchr(p, '@')) != NULL; p++)
		if (p[1] != '\0' && strchr(p + 1, '.') == NULL)
			return true;
	return false;
}

/* "^<[^>]+>$" */
static bool has_brackets(const char *mid)
{
	size_t n = strlen(mid);

	return n >= 3 && mid[0] == '<' && mid[n - 1] == '>' &&
	       memchr(mid + 1, '>', n - 2) == NULL;
}

/* "@([^>]+)>?$": the right-hand side (malloc'd, lower case) or NULL. */
static char *rhs(const char *mid)
{
	const char *p, *e;
	char *r;
	size_t n, i;

	for (p = mid; (p = strchr(p, '@')) != NULL; p++) {
		e = p + 1 + strcspn(p + 1, ">");
		if (e == p + 1 || !(*e == '\0' || strcmp(e, ">") == 0))
			continue;
		n = (size_t)(e - (p + 1));
		if ((r = malloc(n + 1)) == NULL)
			return NULL;
		for (i = 0; i < n; i++)
			r[i] = (p[1 + i] >= 'A' && p[1 + i] <= 'Z') ?
				       (char)(p[1 + i] | 0x20) :
				       p[1 + i];
		r[n] = '\0';
		return r;
	}
	return NULL;
}

/* ASCII lower-case copy (Lua's string.lower). */
static char *lower_dup(const char *s)
{
	size_t n = strlen(s), i;
	char *r = malloc(n + 1);

	if (r == NULL)
		return NULL;
	for (i = 0; i <= n; i++)
		r[i] = (s[i] >= 'A' && s[i] <= 'Z') ? (char)(s[i] | 0x20) : s[i];
	return r;
}

/* ---- addresses after EMAIL_PLUS_ALIASES (as in rules_headers.c) -------- */

/* An address without '@' is a name with an empty address for rspamd. */
static const char *eff_addr(const struct msg_addr *a)
{
	return a->addr != NULL && strchr(a->addr, '@') != NULL ? a->addr : "";
}

/*
 * The address after rspamd's alias removal (alias.h), lower case and
 * malloc'd, in *out; *aliased tells whether rspamd counts it as an alias
 * (tags or gmail dots). *out is the lower-cased original when nothing
 * changes.
 */
static int unalias(const char *addr, char **out, bool *aliased)
{
	struct alias al;
	char *r;

	if (alias_of(addr, &al) < 0)
		return -1;
	*aliased = al.aliased;
	if (al.user == NULL)
		return (*out = lower_dup(addr)) == NULL ? -1 : 0;
	r = alias_addr(&al);
	alias_release(&al);
	if (r == NULL)
		return -1;
	*out = lower_dup(r);
	free(r);
	return *out == NULL ? -1 : 0;
}

static int from_addr(const struct msg *m, char **out)
{
	bool aliased;
	char *u;

	*out = NULL;
	if (m->from.n == 0)
		return 0;
	if (unalias(eff_addr(&m->from.v[0]), &u, &aliased) < 0)
		return -1;
	if (!aliased) {
		free(u);
		u = lower_dup(eff_addr(&m->from.v[0]));
	}
	*out = u;
	return u == NULL ? -1 : 0;
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

/* Whether any header recipient is an alias (then all are rewritten). */
static int any_alias(const struct msg_addrs *l, bool *any)
{
	bool a;
	size_t i;
	char *u;

	for (i = 0; i < l->n && !*any; i++) {
		if (unalias(eff_addr(&l->v[i]), &u, &a) < 0)
			return -1;
		free(u);
		*any = a;
	}
	return 0;
}

/* The first header recipient (To, Cc, Bcc in header order) as the rule
 * sees it (lower case), or NULL. */
static int to_addr(const struct msg *m, char **out)
{
	const struct msg_addrs *l[3] = { &m->to, &m->cc, &m->bcc }, *first = NULL;
	size_t pos[3] = { first_header(m, "To"), first_header(m, "Cc"),
			  first_header(m, "Bcc") };
	size_t i, best = (size_t)-1;
	bool any = false, a;

	*out = NULL;
	for (i = 0; i < 3; i++) {
		if (l[i]->n > 0 && pos[i] < best) {
			best = pos[i];
			first = l[i];
		}
		if (any_alias(l[i], &any) < 0)
			return -1;
	}
	if (first == NULL)
		return 0;
	if (any)
		return unalias(eff_addr(&first->v[0]), out, &a);
	*out = lower_dup(eff_addr(&first->v[0]));
	return *out == NULL ? -1 : 0;
}

/* ---- the rule ----------------------------------------------------------- */

static const char *domain_of(const char *addr)
{
	const char *at = strrchr(addr, '@');

	return at != NULL ? at + 1 : "";
}

static bool same_tld(const char *a, const char *b)
{
	char *ta = url_registrable(a), *tb = url_registrable(b);
	bool r = ta != NULL && tb != NULL && strcmp(ta, tb) == 0;

	free(ta);
	free(tb);
	return r;
}

static void mid_vs_from(struct scan_ctx *c, const char *lmid,
			const char *md, const char *from)
{
	const char *fd = domain_of(from);

	if (strstr(lmid, from) != NULL)
		scan_insert(c, "MID_CONTAINS_FROM", NULL);
	else if (md != NULL && strcmp(fd, md) == 0)
		scan_insert(c, "MID_RHS_MATCH_FROM", NULL);
	else if (md != NULL && same_tld(fd, md))
		scan_insert(c, "MID_RHS_MATCH_FROMTLD", NULL);
}

static void mid_vs_to(struct scan_ctx *c, const char *lmid, const char *md,
		      const char *from, const char *to)
{
	const char *td = domain_of(to);

	if (from != NULL && *domain_of(from) != '\0' &&
	    strcmp(domain_of(from), td) == 0)
		return;
	if (strstr(lmid, to) != NULL)
		scan_insert(c, "MID_CONTAINS_TO", NULL);
	else if (md != NULL && strcmp(td, md) == 0)
		scan_insert(c, "MID_RHS_MATCH_TO", NULL);
}

static void mid_rule(struct scan_ctx *c)
{
	const struct msg *m = scan_msg(c);
	const struct msg_header *h = msg_header(m, "Message-ID", 0);
	char *mid = NULL, *lmid = NULL, *md = NULL, *from = NULL, *to = NULL;

	if (h == NULL || h->value == NULL)
		return;
	if ((mid = strip_comments(h->value)) == NULL ||
	    (lmid = lower_dup(mid)) == NULL)
		goto out;
	if (bare_ip(mid))
		scan_insert(c, "MID_BARE_IP", NULL);
	if (not_fqdn(mid))
		scan_insert(c, "MID_RHS_NOT_FQDN", NULL);
	if (!has_brackets(mid))
		scan_insert(c, "MID_MISSING_BRACKETS", NULL);
	if (ip_literal(mid))
		scan_insert(c, "MID_RHS_IP_LITERAL", NULL);
	md = rhs(mid);
	if (from_addr(m, &from) < 0 || to_addr(m, &to) < 0)
		goto out;
	if (from != NULL && *domain_of(from) != '\0')
		mid_vs_from(c, lmid, md, from);
	if (to != NULL && *domain_of(to) != '\0')
		mid_vs_to(c, lmid, md, from, to);
out:
	free(mid);
	free(lmid);
	free(md);
	free(from);
	free(to);
}

static const rule_fn mid_rules[] = { mid_rule };

const struct rule_area rules_mid = {
	.name = "mid",
	.rules = mid_rules,
	.n_rules = sizeof(mid_rules) / sizeof(mid_rules[0]),
	.init = NULL,
	.fini = NULL,
};
