/*
 * test-scan-mimeparts.c - the part-level MIME checks: rspamd's content
 * sniffing of text parts (magic.c) as MIME_GOOD, MIME_TRACE and
 * MIME_HTML_ONLY see it, the transfer encoding R_MISSING_CHARSET compares
 * (cte.c), CTYPE_MIXED_BOGUS, the image checks of html.lua and
 * MANY_INVISIBLE_PARTS's counting of transparent leaves. Every
 * expectation is what rspamd 3.4 said about the same message (the test
 * suite's configuration); a message that fires a symbol is paired with one
 * that does not.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "areas.h"
#include "config.h"
#include "msg.h"
#include "score.h"
#include "scan-test.h"
#include "test.h"

#define HDRS \
	"From: a@example.com\n" \
	"To: b@example.org\n" \
	"Subject: test\n" \
	"Message-ID: <x@example.com>\n" \
	"Date: Mon, 1 Jan 2024 10:00:00 +0000\n" \
	"MIME-Version: 1.0\n"

/* The symbols these tests look at; others are left out of the summary. */
static const char *const watched[] = {
	"CTYPE_MIXED_BOGUS", "MANY_INVISIBLE_PARTS", "MIME_GOOD",
	"MIME_HTML_ONLY", "MIME_TRACE",
	"MIME_UNKNOWN", "R_EMPTY_IMAGE", "R_MISSING_CHARSET",
	"R_PARTS_DIFFER", "R_SUSPICIOUS_IMAGES",
};

static struct scan_config cfg;
static struct scan_ctx *ctx;
static struct msg m;

static bool no_dynamic(const char *name)
{
	(void)name;
	return false;
}

static bool is_watched(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(watched) / sizeof(watched[0]); i++)
		if (strcmp(watched[i], name) == 0)
			return true;
	return false;
}

/* Scan text with the mime, html and regexp areas; the watched symbols as
 * "NAME[opt|opt] ..." sorted by name. */
static const char *scan(const char *text)
{
	static char all[4096], out[4096];
	const struct rule_area *areas[] = { &rules_mime, &rules_html,
					    &rules_regexp };
	struct scan_envelope env;
	struct err err;
	size_t a, len = 0, n;
	const char *tok;

	memset(&env, 0, sizeof(env));
	env.now = 1704103200.0;
	err_init(&err);
	msg_release(&m);
	msg_init(&m);
	if (msg_parse(&m, text, strlen(text), &env, &err) < 0)
		abort();
	err_release(&err);
	scan_ctx_reset(ctx, &m);
	for (a = 0; a < sizeof(areas) / sizeof(areas[0]); a++)
		run_area(ctx, areas[a]);
	describe_syms(ctx, all, sizeof(all), no_dynamic);
	out[0] = '\0';
	for (tok = all; *tok != '\0'; tok += n + (tok[n] == ' ')) {
		char name[128];
		size_t k;

		n = strcspn(tok, " ");
		k = strcspn(tok, "[ ");
		if (k >= sizeof(name))
			continue;
		memcpy(name, tok, k);
		name[k] = '\0';
		if (is_watched(name))
			len += (size_t)snprintf(out + len, sizeof(out) - len,
						"%s%.*s", len ? " " : "",
						(int)n, tok);
	}
	return out;
}

static void test_sniffing(void)
{
	test_begin("sniffing: four <p> in text/plain make it HTML");
	test_assert_str(scan(HDRS "Content-Type: text/plain; charset=us-ascii\n\n"
			     "hello <p> one <p> two <p> three <p> four\n"),
			"MIME_HTML_ONLY MIME_TRACE[0:~]");
	test_end();

	test_begin("sniffing: <p>, <a> and <html> add up to 52");
	test_assert_str(scan(HDRS "Content-Type: text/plain; charset=us-ascii\n\n"
			     "hello <p> one <a href=\"x\">two</a> <html>\n"),
			"MIME_HTML_ONLY MIME_TRACE[0:~]");
	test_end();

	test_begin("sniffing: no Content-Type, HTML body");
	test_assert_str(scan(HDRS "\n<html><body>hi there</body></html>\n"),
			"MIME_HTML_ONLY MIME_TRACE[0:~]");
	test_end();

	test_begin("sniffing: one <p> and one <a> stay text");
	test_assert_str(scan(HDRS "Content-Type: text/plain; charset=us-ascii\n\n"
			     "hello <p> one <a href=\"x\">two</a>\n"),
			"MIME_GOOD[text/plain] MIME_TRACE[0:+]");
	test_end();
}

static void test_html_only(void)
{
	test_begin("MIME_HTML_ONLY: the first text part is HTML");
	test_assert_str(scan(HDRS "Content-Type: multipart/mixed; boundary=\"B\"\n\n"
			     "--B\nContent-Type: text/html\n\n"
			     "<html><body><p>hello there</p></body></html>\n"
			     "--B\nContent-Type: text/plain\n\nplain text here\n"
			     "--B--\n"),
			"CTYPE_MIXED_BOGUS MIME_GOOD[multipart/mixed|text/plain] "
			"MIME_HTML_ONLY MIME_TRACE[0:+|1:~|2:+]");
	test_end();

	test_begin("MIME_HTML_ONLY: not when a text/plain part comes first");
	test_assert_str(scan(HDRS "Content-Type: multipart/mixed; boundary=\"B\"\n\n"
			     "--B\nContent-Type: text/plain\n\nplain text here\n"
			     "--B\nContent-Type: text/html\n\n"
			     "<html><body><p>hello there</p></body></html>\n"
			     "--B--\n"),
			"CTYPE_MIXED_BOGUS MIME_GOOD[multipart/mixed|text/plain] "
			"MIME_TRACE[0:+|1:+|2:~]");
	test_end();
}

static void test_missing_charset(void)
{
	test_begin("R_MISSING_CHARSET: 8-bit byte at the start, no charset");
	test_assert_str(scan(HDRS "Content-Type: text/plain; format=flowed\n\n"
			     "caf\xe9 at the start\n"),
			"MIME_GOOD[text/plain] MIME_TRACE[0:+] R_MISSING_CHARSET");
	test_end();

	test_begin("R_MISSING_CHARSET: 8-bit byte after 128 bytes: 7bit");
	test_assert_str(scan(HDRS "Content-Type: text/plain; format=flowed\n\n"
			     "plain ascii start plain ascii start plain ascii "
			     "start plain ascii start plain ascii start plain "
			     "ascii start plain ascii start plain\nlater caf\xe9\n"),
			"MIME_GOOD[text/plain] MIME_TRACE[0:+]");
	test_end();
}

static void test_mixed_bogus(void)
{
	test_begin("CTYPE_MIXED_BOGUS: multipart/mixed with two text parts");
	test_assert_str(scan(HDRS "Content-Type: multipart/mixed; boundary=\"B\"\n\n"
			     "--B\nContent-Type: text/plain\n\nhello\n"
			     "--B\nContent-Type: text/html\n\n<p>hello</p>\n"
			     "--B--\n"),
			"CTYPE_MIXED_BOGUS MIME_GOOD[multipart/mixed|text/plain] "
			"MIME_TRACE[0:+|1:+|2:~]");
	test_end();

	test_begin("CTYPE_MIXED_BOGUS: a text attachment is not bogus");
	test_assert_str(scan(HDRS "Content-Type: multipart/mixed; boundary=\"B\"\n\n"
			     "--B\nContent-Type: text/plain\n\nhello\n"
			     "--B\nContent-Type: text/plain; name=\"a.txt\"\n"
			     "Content-Disposition: attachment; filename=\"a.txt\"\n\n"
			     "attached\n--B--\n"),
			"MIME_GOOD[multipart/mixed|text/plain] "
			"MIME_TRACE[0:+|1:+|2:+]");
	test_end();

	test_begin("CTYPE_MIXED_BOGUS: three text parts are not bogus");
	test_assert_str(scan(HDRS "Content-Type: multipart/mixed; boundary=\"B\"\n\n"
			     "--B\nContent-Type: text/plain\n\nhello\n"
			     "--B\nContent-Type: text/plain\n\nb\n"
			     "--B\nContent-Type: text/plain\n\nc\n--B--\n"),
			"MIME_GOOD[multipart/mixed|text/plain] "
			"MIME_TRACE[0:+|1:+|2:+|3:+]");
	test_end();
}

#define HTML_HDRS HDRS "Content-Type: text/html; charset=us-ascii\n\n"
#define IMG "<img src=\"http://example.com/a.gif\" "

static void test_images(void)
{
	test_begin("R_SUSPICIOUS_IMAGES: a linked 500x300 image, two words");
	test_assert_str(scan(HTML_HDRS "<html><body><a href=\"http://example.com/\">"
			     IMG "width=\"500\" height=\"300\"></a> hello world"
			     "</body></html>\n"),
			"MIME_HTML_ONLY MIME_TRACE[0:~] R_SUSPICIOUS_IMAGES");
	test_assert(fabs(scan_score_of(ctx, "R_SUSPICIOUS_IMAGES") - 3.0) <
		    1e-6);
	test_end();

	test_begin("R_SUSPICIOUS_IMAGES: a small linked image is not");
	test_assert_str(scan(HTML_HDRS "<html><body><a href=\"http://example.com/\">"
			     IMG "width=\"50\" height=\"30\"></a> hello world"
			     "</body></html>\n"),
			"MIME_HTML_ONLY MIME_TRACE[0:~]");
	test_end();

	test_begin("R_EMPTY_IMAGE: a large unlinked image, little text");
	test_assert_str(scan(HTML_HDRS "<html><body>" IMG "width=\"500\" "
			     "height=\"300\"> hello world</body></html>\n"),
			"MIME_HTML_ONLY MIME_TRACE[0:~] R_EMPTY_IMAGE");
	test_end();

	test_begin("R_EMPTY_IMAGE: not with 50 bytes of text or more");
	test_assert_str(scan(HTML_HDRS "<html><body>" IMG "width=\"500\" "
			     "height=\"300\"> hello world, this is a longer text "
			     "that has more than fifty bytes in it</body></html>\n"),
			"MIME_HTML_ONLY MIME_TRACE[0:~]");
	test_end();
}

static void test_invisible(void)
{
	test_begin("MANY_INVISIBLE_PARTS: an empty white <font> counts");
	test_assert_str(scan(HTML_HDRS "<p>hello</p><font color=\"#FFFFFF\">"
			     "</font>\n"),
			"MANY_INVISIBLE_PARTS[1] MIME_HTML_ONLY MIME_TRACE[0:~]");
	test_end();

	test_begin("MANY_INVISIBLE_PARTS: bgcolor without '#' is no colour");
	test_assert_str(scan(HTML_HDRS "<p>hello</p><table bgcolor=\"333366\">"
			     "<tr><td><font color=\"#ffffff\">abc</font></td>"
			     "</tr></table>\n"),
			"MANY_INVISIBLE_PARTS[1] MIME_HTML_ONLY MIME_TRACE[0:~]");
	test_end();

	test_begin("MANY_INVISIBLE_PARTS: bgcolor=\"Black\" is no colour");
	test_assert_str(scan(HTML_HDRS "<body bgcolor=\"Black\"><p>hello</p>"
			     "<p></p>\n"),
			"MIME_HTML_ONLY MIME_TRACE[0:~]");
	test_end();

	test_begin("MANY_INVISIBLE_PARTS: style=\"color:White\" is white");
	test_assert_str(scan(HTML_HDRS "<p>hello</p><font style=\"color:White\">"
			     "</font>\n"),
			"MANY_INVISIBLE_PARTS[1] MIME_HTML_ONLY MIME_TRACE[0:~]");
	test_end();

	test_begin("MANY_INVISIBLE_PARTS: color=\"ffffff\" is not white");
	test_assert_str(scan(HTML_HDRS "<p>hello</p><font color=\"ffffff\">abc"
			     "</font>\n"),
			"MIME_HTML_ONLY MIME_TRACE[0:~]");
	test_end();
}

int main(void)
{
	struct err err;

	err_init(&err);
	if (scan_config_init(&cfg, &err) < 0 || rules_regexp.init() < 0)
		return 1;
	ctx = scan_ctx_new(&cfg);
	msg_init(&m);
	test_sniffing();
	test_html_only();
	test_missing_charset();
	test_mixed_bogus();
	test_images();
	test_invisible();
	msg_release(&m);
	scan_ctx_free(&ctx);
	rules_regexp.fini();
	scan_config_release(&cfg);
	err_release(&err);
	return test_done();
}
