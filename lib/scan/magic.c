/*
 * magic.c - rspamd 3.4's text-part sniffing (lualib/lua_magic/heuristics.lua
 * text_part_heuristic), re-implemented: is the part text at all (few
 * control or stray 8-bit bytes at its start and end), and does its start
 * carry enough HTML tags to be HTML.
 *
 * Checked against the real rspamd 3.4: every occurrence of a tag pattern
 * counts (four "<p>" in a text/plain part make it HTML, one "<html>" does
 * not); see tests/unit/test-scan-mime.c.
 */
#include "magic.h"

#include <ctype.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>

#define MAGIC_SPAN 4096     /* bytes of the start the patterns look at */
#define MAGIC_HTML_SURE 40  /* pattern weight that means HTML */

struct html_pattern {
	const char *s;      /* the literal after '<', lower case */
	size_t len;
	int weight;
};

#define PAT(lit, w) { lit, sizeof(lit) - 1, w }
/* "(?i)<NAME\b" patterns of lua_magic's html list, with their weights. */
static const struct html_pattern html_patterns[] = {
	PAT("html", 32), PAT("script", 20), PAT("!doctype html", 33),
	PAT("body", 20), PAT("table", 20), PAT("a", 10), PAT("p", 10),
	PAT("div", 10), PAT("span", 10),
};
#undef PAT

static bool is_word(unsigned char ch)
{
	return isalnum(ch) || ch == '_';
}

/* Does "(?i)<lit\b" match at s[i] ('<')? */
static bool tag_at(const unsigned char *s, size_t n, size_t i,
		   const char *lit, size_t len)
{
	if (i + 1 + len > n || tolower(s[i + 1]) != (unsigned char)lit[0] ||
	    strncasecmp((const char *)s + i + 1, lit, len) != 0)
		return false;
	return i + 1 + len == n || !is_word(s[i + 1 + len]);
}

/* '<script\s+type="text/javascript">' (case kept) at s[i]. */
static bool script_js_at(const unsigned char *s, size_t n, size_t i)
{
	static const char tail[] = "type=\"text/javascript\">";
	size_t j = i + 7;

	if (j >= n || memcmp(s + i, "<script", 7) != 0 || !isspace(s[j]))
		return false;
	while (j < n && isspace(s[j]))
		j++;
	return n - j >= sizeof(tail) - 1 &&
	       memcmp(s + j, tail, sizeof(tail) - 1) == 0;
}

/*
 * The summed weight of every HTML pattern occurrence in s[0..n), or a
 * partial sum once it reaches stop (weights only add up, and the caller
 * only asks whether the sum reaches stop or less).
 */
static int html_weight(const unsigned char *s, size_t n, int stop)
{
	const unsigned char *p;
	size_t i, k;
	int w = 0;

	for (p = memchr(s, '<', n); p != NULL;
	     p = memchr(p + 1, '<', n - (size_t)(p + 1 - s))) {
		i = (size_t)(p - s);
		for (k = 0; k < sizeof(html_patterns) / sizeof(html_patterns[0]);
		     k++)
			if (tag_at(s, n, i, html_patterns[k].s,
				   html_patterns[k].len))
				w += html_patterns[k].weight;
		if (script_js_at(s, n, i))
			w += 31;
		if (w >= stop || p + 1 >= s + n)
			break;
	}
	return w;
}

/*
 * lua_magic's rough_8bit_check at s[i] (>= 127): a UTF-8 sequence or a run
 * of three or more 8-bit bytes is text; *skip is how many more bytes the
 * caller steps over.
 */
static bool rough_8bit(const unsigned char *s, size_t n, size_t i,
		       size_t *skip)
{
	size_t remain = n - i - 1, n8 = 0;

	while (s[i] >= 127 && i + 1 < n) {
		if ((s[i] & 0xe0) == 0xc0 && remain > 1 &&
		    (s[i + 1] & 0xc0) == 0x80) {
			*skip = 1;
			return true;
		}
		if ((s[i] & 0xf0) == 0xe0 && remain > 2 &&
		    (s[i + 1] & 0xc0) == 0x80 && (s[i + 2] & 0xc0) == 0x80) {
			*skip = 2;
			return true;
		}
		if ((s[i] & 0xf8) == 0xf0 && remain > 3 &&
		    (s[i + 1] & 0xc0) == 0x80 && (s[i + 2] & 0xc0) == 0x80 &&
		    (s[i + 3] & 0xc0) == 0x80) {
			*skip = 3;
			return true;
		}
		n8++;
		i++;
		remain--;
	}
	*skip = n8;
	return n8 >= 3;
}

/* Text when at most 1/128 of the span is non-printable. */
static bool span_is_text(const unsigned char *s, size_t n)
{
	size_t i, bad = 0, skip;

	for (i = 0; i < n; i++) {
		if (s[i] < 0x20 && s[i] != '\r' && s[i] != '\n' &&
		    s[i] != '\t') {
			bad++;
		} else if (s[i] >= 127) {
			if (rough_8bit(s, n, i, &skip))
				i += skip;
			else
				bad++;
		}
	}
	return (double)bad / (double)n <= 0.0078125;
}

static bool is_text(const unsigned char *s, size_t n)
{
	if (n > 80 * 3)
		return span_is_text(s, 160) && span_is_text(s + n - 80, 80);
	return span_is_text(s, n);
}

static bool has_ext(const char *fname, const char *ext)
{
	size_t n = strlen(fname), e = strlen(ext);

	return n > e + 1 && strcasecmp(fname + n - e, ext) == 0 &&
	       fname[n - e - 1] == '.';
}

const char *magic_detect_text(const char *s, size_t n, const char *type,
			      const char *subtype, const char *fname)
{
	const unsigned char *u = (const unsigned char *)s;
	int w;

	if (s == NULL || n == 0 || !is_text(u, n) || type == NULL ||
	    strcmp(type, "message") == 0)
		return NULL;
	w = html_weight(u, n < MAGIC_SPAN ? n : MAGIC_SPAN, MAGIC_HTML_SURE);
	if (w >= MAGIC_HTML_SURE || (fname != NULL && w > 20))
		return "html";
	if ((strcmp(type, "text") == 0 || strcmp(type, "application") == 0) &&
	    subtype != NULL && (strcmp(subtype, "html") == 0 ||
				strcmp(subtype, "xhtml+xml") == 0))
		return "html";
	if (fname != NULL && (has_ext(fname, "htm") || has_ext(fname, "html")))
		return "html";
	return strcmp(type, "text") == 0 ? "txt" : NULL;
}

const char *magic_ext_ct(const char *ext)
{
	if (ext == NULL)
		return NULL;
	return strcmp(ext, "html") == 0 ? "text/html" : "text/plain";
}
