/*
 * received.c - parse one Received header the way rspamd 3.4 reads it.
 *
 * Owns: the strings of one struct msg_received. A small tokenizer splits
 * the unfolded value into words and (nested) comments up to the ';' that
 * starts the date; the parts after "from", "by" and "with" are picked out
 * as described in received.h.
 */
/* _GNU_SOURCE comes from the build (meson.build). */
#include "received.h"

#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum tok_kind { TOK_END, TOK_WORD, TOK_COMMENT, TOK_SEMI };

struct tok {
	enum tok_kind kind;
	const char *s;  /* the word, or the comment's inside */
	size_t len;
};

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* The next token from *p; advances *p. */
static struct tok next_tok(const char **p)
{
	const char *s = *p;
	struct tok t = { TOK_END, NULL, 0 };

	while (is_space(*s))
		s++;
	if (*s == '\0')
		goto out;
	if (*s == ';') {
		t.kind = TOK_SEMI;
		s++;
		goto out;
	}
	if (*s == '(') {
		int depth = 1;
		const char *start = ++s;

		while (*s != '\0' && depth > 0) {
			if (*s == '(')
				depth++;
			else if (*s == ')')
				depth--;
			if (depth > 0)
				s++;
		}
		t.kind = TOK_COMMENT;
		t.s = start;
		t.len = (size_t)(s - start);
		if (*s == ')')
			s++;
		goto out;
	}
	t.kind = TOK_WORD;
	t.s = s;
	while (*s != '\0' && !is_space(*s) && *s != '(' && *s != ';')
		s++;
	t.len = (size_t)(s - t.s);
out:
	*p = s;
	return t;
}

static bool tok_is(const struct tok *t, const char *word)
{
	size_t n = strlen(word);

	return t->kind == TOK_WORD && t->len == n &&
	       strncasecmp(t->s, word, n) == 0;
}

bool received_is_ip(const char *s)
{
	unsigned char buf[sizeof(struct in6_addr)];

	return inet_pton(AF_INET, s, buf) == 1 ||
	       inet_pton(AF_INET6, s, buf) == 1;
}

/* Trim s[0..len) and copy it; NULL on OOM (*oom set). */
static char *dup_trim(const char *s, size_t len, bool *oom)
{
	char *r;

	while (len > 0 && is_space(*s)) {
		s++;
		len--;
	}
	while (len > 0 && is_space(s[len - 1]))
		len--;
	r = strndup(s, len);
	if (r == NULL)
		*oom = true;
	return r;
}

/* "[1.2.3.4]" or "[IPv6:...]" at s: the validated IP, else NULL. */
static char *bracket_ip(const char *s, size_t len, bool *oom)
{
	const char *end;
	char *ip;

	if (len < 2 || s[0] != '[')
		return NULL;
	end = memchr(s, ']', len);
	if (end == NULL)
		return NULL;
	s++;
	if ((size_t)(end - s) > 5 && strncasecmp(s, "IPv6:", 5) == 0)
		s += 5;
	ip = dup_trim(s, (size_t)(end - s), oom);
	if (ip != NULL && !received_is_ip(ip)) {
		free(ip);
		ip = NULL;
	}
	return ip;
}

static void replace_str(char **dst, char *s)
{
	free(*dst);
	*dst = s;
}

/* The first comment after "from HELO": "(name [ip])", "([ip] ...)",
 * "(ip)". */
static void parse_tcpinfo(const char *c, size_t len, struct msg_received *r,
			  bool *oom)
{
	const char *br;
	char *ip, *name;

	while (len > 0 && is_space(*c)) {
		c++;
		len--;
	}
	if (len == 0)
		return;
	br = memchr(c, '[', len);
	if (br == NULL) {
		ip = dup_trim(c, len, oom);
		if (ip != NULL && received_is_ip(ip))
			replace_str(&r->real_ip, ip);
		else
			free(ip);
		return;
	}
	ip = bracket_ip(br, len - (size_t)(br - c), oom);
	if (ip == NULL)
		return;
	replace_str(&r->real_ip, ip);
	if (br == c)
		return;
	name = dup_trim(c, (size_t)(br - c), oom);
	if (name == NULL)
		return;
	if (name[0] == '\0' || strcasecmp(name, "unknown") == 0 ||
	    strchr(name, ' ') != NULL) {
		free(name);
		return;
	}
	r->real_hostname = name;
}

static void set_proto(struct msg_received *r, const struct tok *t, bool *oom)
{
	static const char *const tls[] = { "esmtps", "esmtpsa", "lmtps",
					   "lmtpsa", "https" };
	static const char *const auth[] = { "esmtpa", "esmtpsa", "lmtpsa" };
	size_t i;

	r->with = dup_trim(t->s, t->len, oom);
	if (r->with == NULL)
		return;
	for (i = 0; i < sizeof(tls) / sizeof(tls[0]); i++)
		if (strcasecmp(r->with, tls[i]) == 0)
			r->tls = true;
	for (i = 0; i < sizeof(auth) / sizeof(auth[0]); i++)
		if (strcasecmp(r->with, auth[i]) == 0)
			r->authenticated = true;
}

/* Parse the parts after the first "from"/"by". */
static void parse_parts(const char *p, struct tok t, struct msg_received *r,
			bool *oom)
{
	enum { NONE, FROM, FROM_INFO, BY, WITH, OTHER } state = NONE;

	for (; t.kind != TOK_END && t.kind != TOK_SEMI; t = next_tok(&p)) {
		if (t.kind == TOK_COMMENT) {
			if (state == FROM_INFO)
				parse_tcpinfo(t.s, t.len, r, oom);
			if (state == FROM_INFO)
				state = OTHER;
			continue;
		}
		if (tok_is(&t, "from") && r->from_hostname == NULL) {
			state = FROM;
		} else if (tok_is(&t, "by") && r->by_hostname == NULL) {
			state = BY;
		} else if (tok_is(&t, "with") && r->with == NULL) {
			state = WITH;
		} else if (tok_is(&t, "id") || tok_is(&t, "for") ||
			   tok_is(&t, "via")) {
			state = OTHER;
		} else if (state == FROM) {
			r->from_hostname = dup_trim(t.s, t.len, oom);
			if (r->real_ip == NULL)
				r->real_ip = bracket_ip(t.s, t.len, oom);
			state = FROM_INFO;
		} else if (state == BY) {
			r->by_hostname = dup_trim(t.s, t.len, oom);
			state = OTHER;
		} else if (state == WITH) {
			set_proto(r, &t, oom);
			state = OTHER;
		} else {
			state = state == FROM_INFO ? OTHER : state;
		}
	}
}

int received_parse(const char *value, struct msg_received *r)
{
	const char *p = value;
	bool oom = false;
	struct tok t;

	r->raw = strdup(value);
	if (r->raw == NULL)
		return -1;
	do
		t = next_tok(&p);
	while (t.kind == TOK_COMMENT);
	if (!tok_is(&t, "from") && !tok_is(&t, "by"))
		return 0;
	parse_parts(p, t, r, &oom);
	return oom ? -1 : 1;
}

void received_release(struct msg_received *r)
{
	free(r->raw);
	free(r->from_hostname);
	free(r->real_hostname);
	free(r->real_ip);
	free(r->by_hostname);
	free(r->with);
	memset(r, 0, sizeof(*r));
}
