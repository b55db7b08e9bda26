/*
 * rules_maillist.c - Rspamd 3.4's maillist plugin (plugins/maillist.lua):
 * MAILLIST with the list software as its option (ezmlm, mailman,
 * googlegroups, cgp, generic) and, for a generic list, a dynamic score
 * of half the RFC 2369/2919 header score, capped at 2.
 *
 * Owns: nothing beyond the call; reads header values the way rspamd's
 * task:get_header() gives them (the first occurrence, unfolded, leading
 * whitespace and one trailing space dropped, RFC 2047-decoded).
 */
#include <gmime/gmime.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "msg.h"
#include "rules.h"

extern const struct rule_area rules_maillist;

static bool ws(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
	       c == '\v' || c == '\f';
}

/* The header block uses CRLF: the last header then keeps its '\r'. */
static bool crlf_block(const struct msg *m)
{
	size_t e = m->header_end;

	return e >= 4 && e <= m->raw_len &&
	       memcmp(m->raw + e - 4, "\r\n\r\n", 4) == 0;
}

/* rspamd's header value (see rules_regexp.c for the details). */
static char *header_value(const struct msg *m, const struct msg_header *h)
{
	size_t n = strlen(h->raw), o = 0;
	bool last = h == &m->headers[m->n_headers - 1] && !crlf_block(m),
	     fold = false;
	char *out = malloc(n + 2), *s, *d;
	const char *p;

	if (out == NULL)
		return NULL;
	for (p = h->raw; *p != '\0'; p++) {
		if (fold && ws(*p))
			continue;
		fold = *p == '\n' || *p == '\r';
		out[o++] = fold ? ' ' : *p;
	}
	if (!last && !fold)
		out[o++] = ' ';
	if (o > 0 && out[o - 1] == ' ')
		o--;
	out[o] = '\0';
	for (s = out; ws(*s); s++)
		;
	memmove(out, s, strlen(s) + 1);
	if (strstr(out, "=?") == NULL)
		return out;
	d = g_mime_utils_header_decode_text(NULL, out);
	if (d != NULL) {
		free(out);
		out = strdup(d);
		g_free(d);
	}
	return out;
}

/* Header values the checks read, fetched once. */
enum ml_hdr {
	H_MAILING_LIST, H_PRECEDENCE, H_LIST_POST, H_LIST_HELP,
	H_LIST_SUBSCRIBE, H_LIST_UNSUBSCRIBE, H_MAILMAN_VERSION,
	H_LIST_ADMINISTRIVIA_X, H_LISTSERVER, N_ML_HDR
};

static const char *const ml_names[N_ML_HDR] = {
	"Mailing-List", "Precedence", "List-Post", "List-Help",
	"List-Subscribe", "List-Unsubscribe", "X-Mailman-Version",
	"X-List-Administrivia", "X-Listserver",
};

struct ml {
	const struct msg *m;
	char *v[N_ML_HDR];
};

static bool has(const struct ml *l, const char *name)
{
	return msg_header_count(l->m, name) > 0;
}

static bool starts(const char *s, const char *prefix)
{
	return s != NULL && strncmp(s, prefix, strlen(prefix)) == 0;
}

static bool ends(const char *s, const char *suffix)
{
	size_t n, k = strlen(suffix);

	if (s == NULL)
		return false;
	n = strlen(s);
	return n >= k && strcmp(s + n - k, suffix) == 0;
}

static bool is_listchar(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       c == '.' || c == '-';
}

/* Lua's "<mailto:[a-zA-Z.-]+-<what>@" found anywhere in s: the run of
 * list characters after "<mailto:" is followed by '@' and ends with
 * "-<what>" with at least one character before the dash. */
static bool mailto_list(const char *s, const char *what)
{
	size_t k = strlen(what), n;
	const char *p, *q;

	for (p = strstr(s, "<mailto:"); p != NULL;
	     p = strstr(p + 1, "<mailto:")) {
		q = p + 8;
		for (n = 0; is_listchar(q[n]); n++)
			;
		if (q[n] == '@' && n >= k + 2 && q[n - k - 1] == '-' &&
		    strncmp(q + n - k, what, k) == 0)
			return true;
	}
	return false;
}

static bool check_ezmlm(const struct ml *l)
{
	return ends(l->v[H_MAILING_LIST], "ezmlm") &&
	       l->v[H_PRECEDENCE] != NULL &&
	       strcmp(l->v[H_PRECEDENCE], "bulk") == 0 &&
	       starts(l->v[H_LIST_POST], "<mailto:") &&
	       starts(l->v[H_LIST_HELP], "<mailto:") &&
	       l->v[H_LIST_SUBSCRIBE] != NULL &&
	       mailto_list(l->v[H_LIST_SUBSCRIBE], "subscribe") &&
	       l->v[H_LIST_UNSUBSCRIBE] != NULL &&
	       mailto_list(l->v[H_LIST_UNSUBSCRIBE], "unsubscribe");
}

static bool prec_list_or_bulk(const struct ml *l)
{
	const char *p = l->v[H_PRECEDENCE];

	return p != NULL && (strcmp(p, "bulk") == 0 || strcmp(p, "list") == 0);
}

static bool check_mailman(const struct ml *l)
{
	const char *v = l->v[H_MAILMAN_VERSION];
	static const enum ml_hdr need[] = {
		H_LIST_HELP, H_LIST_SUBSCRIBE, H_LIST_UNSUBSCRIBE,
	};
	size_t i;

	if (v == NULL || (v[0] != '2' && v[0] != '3') || v[1] != '.')
		return false;
	if (!prec_list_or_bulk(l) || !has(l, "List-Id"))
		return false;
	if (v[0] == '2') {
		if (!has(l, "X-BeenThere"))
			return false;
		if (l->v[H_LIST_ADMINISTRIVIA_X] != NULL &&
		    strcmp(l->v[H_LIST_ADMINISTRIVIA_X], "yes") == 0)
			return true;
	} else if (has(l, "List-Administrivia")) {
		return true;
	}
	for (i = 0; i < sizeof(need) / sizeof(need[0]); i++)
		if (l->v[need[i]] == NULL ||
		    strstr(l->v[need[i]], "<mailto:") == NULL)
			return false;
	return true;
}

static bool check_googlegroups(const struct ml *l)
{
	return has(l, "X-Google-Loop") || has(l, "X-Google-Group-Id");
}

static bool check_cgp(const struct ml *l)
{
	return starts(l->v[H_LISTSERVER], "CommuniGate Pro LIST");
}

/* The RFC 2369/2919 header score. */
static double generic_score(const struct ml *l)
{
	static const struct {
		const char *name;
		double score;
	} w[] = {
		{ "List-Id", 0.75 },      { "List-Archive", 0.125 },
		{ "List-Owner", 0.125 },  { "List-Help", 0.125 },
		{ "List-Post", 0.125 },   { "X-Loop", 0.125 },
		{ "List-Subscribe", 0.125 }, { "List-Unsubscribe", 0.125 },
	};
	double score = 0;
	size_t i;

	for (i = 0; i < sizeof(w) / sizeof(w[0]); i++)
		if (has(l, w[i].name))
			score += w[i].score;
	if (prec_list_or_bulk(l))
		score += 0.25;
	if (has(l, "List-Subscribe") && has(l, "List-Unsubscribe"))
		score += 0.25;
	return score;
}

static void ml_load(struct ml *l, const struct msg *m)
{
	const struct msg_header *h;
	size_t i;

	memset(l, 0, sizeof(*l));
	l->m = m;
	for (i = 0; i < N_ML_HDR; i++) {
		h = msg_header(m, ml_names[i], 0);
		if (h != NULL)
			l->v[i] = header_value(m, h);
	}
}

static void ml_free(struct ml *l)
{
	size_t i;

	for (i = 0; i < N_ML_HDR; i++)
		free(l->v[i]);
}

static void rule_maillist(struct scan_ctx *c)
{
	const struct msg *m = scan_msg(c);
	struct ml l;
	double score;

	if (m == NULL || m->n_headers == 0)
		return;
	ml_load(&l, m);
	score = generic_score(&l);
	if (score < 1)
		goto out;
	if (check_ezmlm(&l))
		scan_insert(c, "MAILLIST", "ezmlm", (const char *)NULL);
	else if (check_mailman(&l))
		scan_insert(c, "MAILLIST", "mailman", (const char *)NULL);
	else if (check_googlegroups(&l))
		scan_insert(c, "MAILLIST", "googlegroups", (const char *)NULL);
	else if (check_cgp(&l))
		scan_insert(c, "MAILLIST", "cgp", (const char *)NULL);
	else
		scan_insert_mult(c, "MAILLIST", 0.5 * (score > 2 ? 2 : score),
				 "generic", (const char *)NULL);
out:
	ml_free(&l);
}

static const rule_fn maillist_rules[] = { rule_maillist };

const struct rule_area rules_maillist = {
	.name = "maillist",
	.rules = maillist_rules,
	.n_rules = sizeof(maillist_rules) / sizeof(maillist_rules[0]),
	.init = NULL,
	.fini = NULL,
};
