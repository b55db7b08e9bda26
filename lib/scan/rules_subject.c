/*
 * rules_subject.c - the subject checks of rspamd 3.4's
 * rules/subject_checks.lua: SUBJ_ALL_CAPS and LONG_SUBJ.
 *
 * Owns: nothing beyond one call.
 *
 * Both read the first Subject header, decoded, without its reply and
 * forward prefixes (rspamd's /^(?:(?:Re|Fwd|Fw|Aw|Antwort|Sv):\s*)+(.+)$/i),
 * measure it in UTF-8 characters and score weight * min(1, a * length) with
 * the length as the option:
 * - SUBJ_ALL_CAPS (a = 1/40): some upper-case letter and no lower-case
 *   one (Unicode letters, GLib's tables standing in for ICU's);
 * - LONG_SUBJ (a = 1/400): more than 200 characters.
 */
#include "rules.h"

#include <glib.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

static bool is_pcre_space(char ch)
{
	return ch == ' ' || (ch >= '\t' && ch <= '\r');
}

/* Length of one "(Re|Fwd|Fw|Aw|Antwort|Sv):\s*" at s, or 0. */
static size_t prefix_len(const char *s)
{
	static const char *const words[] = { "Antwort", "Fwd", "Re",
					     "Fw",      "Aw",  "Sv" };
	size_t i, n;

	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		n = strlen(words[i]);
		if (strncasecmp(s, words[i], n) == 0 && s[n] == ':') {
			n++;
			while (is_pcre_space(s[n]))
				n++;
			return n;
		}
	}
	return 0;
}

/*
 * The subject without its prefixes: the regex takes as many prefixes as
 * it can while leaving a non-empty rest ('.' does not match a newline).
 */
static const char *strip_prefixes(const char *s)
{
	const char *p = s, *prev = NULL;
	size_t n;

	while ((n = prefix_len(p)) > 0) {
		prev = p;
		p += n;
	}
	if (prev == NULL)
		return s;
	if (*p == '\0') {
		/* Give the last prefix back: it is the rest (with the
		 * whitespace after the one before it consumed). */
		if (prev == s)
			return s;
		p = prev;
	}
	if (strchr(p, '\n') != NULL)
		return s;
	return p;
}

/* util.is_uppercase: an upper-case letter and no lower-case one. */
static bool is_uppercase(const char *s)
{
	bool upper = false;
	gunichar ch;

	while (*s != '\0') {
		ch = g_utf8_get_char_validated(s, -1);
		if (ch == (gunichar)-1 || ch == (gunichar)-2)
			break;
		if (g_unichar_isupper(ch))
			upper = true;
		else if (g_unichar_islower(ch))
			return false;
		s = g_utf8_next_char(s);
	}
	return upper;
}

/* Characters of UTF-8 text (an invalid byte counts as one). */
static size_t utf8_len(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			n++;
	return n;
}

static void insert_linear(struct scan_ctx *c, const char *symbol, double a,
			  size_t len)
{
	double f = a * (double)len;
	char opt[32];

	snprintf(opt, sizeof(opt), "%zu", len);
	scan_insert_mult(c, symbol, f < 1 ? f : 1, opt, NULL);
}

static void subject_rule(struct scan_ctx *c)
{
	const struct msg_header *h = msg_header(scan_msg(c), "Subject", 0);
	const char *sbj;
	size_t len;

	if (h == NULL || h->value == NULL)
		return;
	sbj = strip_prefixes(h->value);
	len = utf8_len(sbj);
	if (is_uppercase(sbj))
		insert_linear(c, "SUBJ_ALL_CAPS", 1.0 / 40.0, len);
	if (len > 200)
		insert_linear(c, "LONG_SUBJ", 1.0 / 400.0, len);
}

static const rule_fn subject_rules[] = { subject_rule };

const struct rule_area rules_subject = {
	.name = "subject",
	.rules = subject_rules,
	.n_rules = sizeof(subject_rules) / sizeof(subject_rules[0]),
	.init = NULL,
	.fini = NULL,
};
