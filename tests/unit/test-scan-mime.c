/*
 * test-scan-mime.c - the MIME, HTML and misc rule areas (rules_mime.c,
 * rules_html.c, rules_misc.c) on small messages, parsed by msg_parse() and
 * scored by the real scan context. Every expectation (symbols, options,
 * scores after group caps) was taken from rspamd 3.4 scanning the same
 * message with the test suite's configuration (phishing enabled, hfilter
 * HELO/MAIL FROM checks off, as in the corpus reference).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "areas.h"
#include "config.h"
#include "msg.h"
#include "score.h"
#include "test.h"

/* 2024-01-01 10:00:00 UTC: the Date of most messages below. */
#define T0 1704103200.0

static const char msg_plain[] =
	"Received: from mail.example.org (mail.example.org [192.0.2.1]) by mx.example.com with ESMTP id abc; Mon, 1 Jan 2024 10:00:00 +0000\n"
	"From: Alice <alice@example.org>\n"
	"To: bob@example.com\n"
	"Subject: hello\n"
	"Date: Mon, 1 Jan 2024 10:00:00 +0000\n"
	"Message-ID: <abc@example.org>\n"
	"MIME-Version: 1.0\n"
	"Content-Type: text/plain; charset=us-ascii\n"
	"\n"
	"Hello there.\n";

static const char msg_alt[] =
	"Received: from mail.example.org (mail.example.org [192.0.2.1]) by mx.example.com with ESMTPS id abc; Mon, 1 Jan 2024 10:00:00 +0000\n"
	"From: Alice <alice@example.org>\n"
	"To: bob@example.com\n"
	"Subject: hello\n"
	"Date: Mon, 1 Jan 2024 10:00:00 +0000\n"
	"Message-ID: <abc@example.org>\n"
	"MIME-Version: 1.0\n"
	"Content-Type: multipart/mixed; boundary=\"X\"\n"
	"\n"
	"--X\n"
	"Content-Type: multipart/alternative; boundary=\"Y\"\n"
	"\n"
	"--Y\n"
	"Content-Type: text/plain; charset=utf-8\n"
	"\n"
	"Hello there http://example.net/a\n"
	"--Y\n"
	"Content-Type: text/html; charset=utf-8\n"
	"\n"
	"<html><body><a href=\"http://1.2.3.4/x\">http://www.paypal.com/</a> Hello there</body></html>\n"
	"--Y--\n"
	"--X\n"
	"Content-Type: application/x-foo-bar; name=\"evil.exe\"\n"
	"Content-Disposition: attachment; filename=\"evil.exe\"\n"
	"Content-Transfer-Encoding: base64\n"
	"\n"
	"AAAA\n"
	"--X\n"
	"Content-Type: image/jpeg; name=\"a.jpg\"\n"
	"Content-Disposition: attachment; filename=\"doc.pdf.scr\"\n"
	"\n"
	"xx\n"
	"--X\n"
	"Content-Type: application/octet-stream\n"
	"Content-Disposition: attachment; filename=\"a.txt\"\n"
	"\n"
	"xx\n"
	"--X\n"
	"Content-Type: Application/A2L\n"
	"Content-Disposition: attachment; filename=\"a.html\"\n"
	"\n"
	"xx\n"
	"--X--\n";

static const char msg_pgp[] =
	"Received: from mail.example.org (mail.example.org [192.0.2.1]) by mx.example.com with ESMTP id abc; Mon, 1 Jan 2024 10:00:00 +0000\n"
	"From: Alice <alice@example.org>\n"
	"To: bob@example.com\n"
	"Subject: hello\n"
	"Date: Mon, 1 Jan 2024 10:00:00 +0000\n"
	"Message-ID: <abc@example.org>\n"
	"MIME-Version: 1.0\n"
	"Content-Type: multipart/signed; boundary=\"S\"; protocol=\"application/pgp-signature\"\n"
	"\n"
	"--S\n"
	"Content-Type: text/plain\n"
	"\n"
	"hi\n"
	"--S\n"
	"Content-Type: application/pgp-signature\n"
	"\n"
	"sig\n"
	"--S--\n";

static const char msg_rfc822[] =
	"Received: from mail.example.org (mail.example.org [192.0.2.1]) by mx.example.com with ESMTP id abc; Mon, 1 Jan 2024 10:00:00 +0000\n"
	"From: Alice <alice@example.org>\n"
	"To: bob@example.com\n"
	"Subject: hello\n"
	"Date: Mon, 1 Jan 2024 10:00:00 +0000\n"
	"Message-ID: <abc@example.org>\n"
	"MIME-Version: 1.0\n"
	"Content-Type: multipart/mixed; boundary=\"S\"\n"
	"\n"
	"--S\n"
	"Content-Type: text/plain\n"
	"\n"
	"hi\n"
	"--S\n"
	"Content-Type: message/rfc822\n"
	"\n"
	"From: x@y.com\n"
	"Subject: inner\n"
	"Content-Type: multipart/alternative; boundary=\"T\"\n"
	"\n"
	"--T\n"
	"Content-Type: text/plain\n"
	"\n"
	"inner\n"
	"--T\n"
	"Content-Type: text/html\n"
	"\n"
	"<b>inner</b>\n"
	"--T--\n"
	"--S\n"
	"Content-Type: image/png; name=x.png\n"
	"\n"
	"xx\n"
	"--S--\n";

static const char msg_cte1[] =
	"Received: from mail.example.org (mail.example.org [192.0.2.1]) by mx.example.com with ESMTP id abc; Mon, 1 Jan 2024 10:00:00 +0000\n"
	"From: Alice <alice@example.org>\n"
	"To: bob@example.com\n"
	"Subject: hello\n"
	"Date: Mon, 1 Jan 2024 10:00:00 +0000\n"
	"Message-ID: <abc@example.org>\n"
	"MIME-Version: 1.0\n"
	"Content-Type: text/plain; charset=utf-8\n"
	"\n"
	"H\xc3""\xa9""llo\n";

static const char msg_cte2[] =
	"Received: from mail.example.org (mail.example.org [192.0.2.1]) by mx.example.com with ESMTP id abc; Mon, 1 Jan 2024 10:00:00 +0000\n"
	"From: Alice <alice@example.org>\n"
	"To: bob@example.com\n"
	"Subject: hello\n"
	"Date: Mon, 1 Jan 2024 10:00:00 +0000\n"
	"Message-ID: <abc@example.org>\n"
	"MIME-Version: 1.0\n"
	"Content-Type: text/plain; charset=iso-8859-1\n"
	"Content-Transfer-Encoding: 7bit\n"
	"\n"
	"H\xe9""llo\n";

static const char msg_cte4[] =
	"Received: from mail.example.org (mail.example.org [192.0.2.1]) by mx.example.com with ESMTP id abc; Mon, 1 Jan 2024 10:00:00 +0000\n"
	"From: Alice <alice@example.org>\n"
	"To: bob@example.com\n"
	"Subject: hello\n"
	"Date: Mon, 1 Jan 2024 10:00:00 +0000\n"
	"Message-ID: <abc@example.org>\n"
	"MIME-Version: 1.0\n"
	"Content-Type: text/plain; charset=utf-8\n"
	"Content-Transfer-Encoding: quoted-printable\n"
	"\n"
	"H\xc3""\xa9""llo =C3=A9\n";

static const char msg_misc1[] =
	"Received: from user (unknown [203.0.113.5]) by mx.example.com with ESMTP id abc; Mon, 1 Jan 2024 10:00:00 +0000\n"
	"From: \"service@paypal.com\" <alice+tag@gmail.com>\n"
	"Date: Mon, 1 Jan 2024 15:00:00 +0000\n"
	"To: bob+x+y@example.com\n"
	"Subject: hello\n"
	"Message-ID: <abc@example.org>\n"
	"MIME-Version: 1.0\n"
	"Content-Type: text/plain; charset=us-ascii\n"
	"\n"
	"Hello\n";

static const char msg_misc2[] =
	"Received: from a.example.org (dsl-line-12.pool.example.net [203.0.113.5]) by mx.example.com with ESMTPSA id abc; Mon, 1 Jan 2024 10:00:00 +0000\n"
	"From: \"Bob\" <a.l.i.c.e@gmail.com>\n"
	"Date: not a date\n"
	"To: x@example.com\n"
	"Subject: see http://example.com/x\n"
	"MIME-Version: 1.0\n"
	"Content-Type: text/plain\n"
	"\n"
	"http://www.example.com/aaaaaaaaaaaaaaaaaaaaaaa\n";

static const char msg_misc3[] =
	"Received: from a.example.org (a.example.org [10.0.0.5]) by mx.example.com with SMTP id abc; Mon, 1 Jan 2024 10:00:00 +0000\n"
	"From: \"x\" <a@example.org>\n"
	"To: x@example.com\n"
	"Subject: www.example.com\n"
	"MIME-Version: 1.0\n"
	"Content-Type: multipart/alternative; boundary=B\n"
	"\n"
	"--B\n"
	"Content-Type: text/plain\n"
	"\n"
	"hello http://a.com/ http://b.com/ http://c.com/\n"
	"--B\n"
	"Content-Type: text/html\n"
	"\n"
	"<html><body><p style=\"display:none\">hidden1</p><div style=\"visibility:hidden\">h2</div><span style=\"display:none\">h3</span>visible <a href=\"http://evil.example.net/\">www.paypal.com</a><link rel=\"stylesheet\" href=\"http://x.com/a.css\"></body></html>\n"
	"--B--\n";

static const char msg_odd[] =
	"Received: from a.example.org (a.example.org [192.0.2.1]) by mx.example.com with SMTP id abc; Mon, 1 Jan 2024 10:00:00 +0000\n"
	"From: a@example.org\n"
	"To: x@example.com\n"
	"Subject: hi\n"
	"Date: Mon, 1 Jan 2024 10:00:00 +0000\n"
	"MIME-Version: 1.0\n"
	"Content-Type: multipart/alternative; boundary=B\n"
	"\n"
	"--B\n"
	"Content-Type: text/plain\n"
	"\n"
	"hello http://a.com/ and more text here to be long enough\n"
	"--B\n"
	"Content-Type: text/plain\n"
	"\n"
	"hello http://b.com/ http://c.com/ and more text here to be long enough\n"
	"--B--\n";

static const char msg_htmlonly[] =
	"Received: from a.example.org (a.example.org [192.0.2.1]) by mx.example.com with SMTP id abc; Mon, 1 Jan 2024 10:00:00 +0000\n"
	"From: a@example.org\n"
	"To: x@example.com\n"
	"Subject: hi\n"
	"Date: Mon, 1 Jan 2024 10:00:00 +0000\n"
	"MIME-Version: 1.0\n"
	"Content-Type: text/html\n"
	"\n"
	"<html><body><p>Hello there friend</p></body></html>\n";

static const char msg_oneline[] =
	"Received: from a.example.org (a.example.org [192.0.2.1]) by mx.example.com with SMTP id abc; Mon, 1 Jan 2024 10:00:00 +0000\n"
	"From: a@example.org\n"
	"To: x@example.com\n"
	"Subject: hi\n"
	"Date: Mon, 1 Jan 2024 10:00:00 +0000\n"
	"MIME-Version: 1.0\n"
	"Content-Type: text/plain\n"
	"\n"
	"http://www.example.com/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";

static const char msg_two[] =
	"Received: from a.example.org (a.example.org [192.0.2.1]) by mx.example.com with SMTP id abc; Mon, 1 Jan 2024 10:00:00 +0000\n"
	"From: a@example.org\n"
	"To: x@example.com\n"
	"Subject: hi\n"
	"Date: Mon, 1 Jan 2024 10:00:00 +0000\n"
	"MIME-Version: 1.0\n"
	"Content-Type: text/plain\n"
	"\n"
	"http://www.example.com/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n"
	"http://www.example.com/bbbbbbbbbbbbbbbbbbbbbbbbbb\n";

static struct scan_config cfg;
static struct scan_ctx *ctx;
static struct msg m;

static void scan(const char *text, double now)
{
	struct scan_envelope env;
	struct err err;
	const struct rule_area *areas[] = { &rules_mime, &rules_html,
					    &rules_misc };
	size_t a, i;

	memset(&env, 0, sizeof(env));
	env.now = now;
	err_init(&err);
	msg_release(&m);
	msg_init(&m);
	if (msg_parse(&m, text, strlen(text), &env, &err) < 0)
		abort();
	err_release(&err);
	scan_ctx_reset(ctx, &m);
	for (a = 0; a < sizeof(areas) / sizeof(areas[0]); a++)
		for (i = 0; i < areas[a]->n_rules; i++)
			areas[a]->rules[i](ctx);
}

static bool has(const char *sym)
{
	return scan_find(ctx, sym) != NULL;
}

/* The symbol's options joined with ",". */
static const char *opts(const char *sym)
{
	static char buf[1024];
	size_t i, n = scan_n_options(ctx, sym), o = 0;

	buf[0] = '\0';
	for (i = 0; i < n && o < sizeof(buf); i++)
		o += (size_t)snprintf(buf + o, sizeof(buf) - o, "%s%s",
				      i ? "," : "", scan_option(ctx, sym, i));
	return buf;
}

static bool score_is(const char *sym, double want)
{
	return fabs(scan_score_of(ctx, sym) - want) < 1e-6;
}

static void test_mime_types(void)
{
	test_begin("mime types: plain message");
	scan(msg_plain, T0 + 3600);
	test_assert(has("MIME_GOOD"));
	test_assert_str(opts("MIME_GOOD"), "text/plain");
	test_assert(score_is("MIME_GOOD", -0.1));
	test_assert_str(opts("MIME_TRACE"), "0:+");
	test_assert(!has("MIME_UNKNOWN"));
	test_assert(!has("MIME_BAD_EXTENSION"));
	test_assert(!has("MIME_BAD_ATTACHMENT"));
	test_assert(!has("MIME_DOUBLE_BAD_EXTENSION"));
	test_assert(!has("HAS_ATTACHMENT"));
	test_assert(!has("SIGNED_PGP"));
	test_end();

	test_begin("mime types: attachments, bad names, trace");
	scan(msg_alt, T0 + 3600);
	test_assert_str(opts("MIME_GOOD"),
			"multipart/mixed,multipart/alternative,text/plain");
	test_assert_str(opts("MIME_TRACE"),
			"0:+,1:+,2:+,3:~,4:-,4:~,5:-,5:~,6:~,7:~");
	test_assert_str(opts("MIME_BAD_EXTENSION"), "exe");
	test_assert(score_is("MIME_BAD_EXTENSION", 2.0));
	test_assert_str(opts("MIME_DOUBLE_BAD_EXTENSION"), ".pdf.scr");
	test_assert(score_is("MIME_DOUBLE_BAD_EXTENSION", 6.4));
	test_assert_str(opts("MIME_BAD_ATTACHMENT"),
			"exe:application/x-foo-bar,scr:image/jpeg,"
			"html:application/a2l");
	test_assert(score_is("MIME_BAD_ATTACHMENT", 1.6));
	test_assert_str(opts("MIME_UNKNOWN"), "application/x-foo-bar");
	test_assert(has("HAS_ATTACHMENT"));
	test_end();

	test_begin("mime types: message/rfc822 numbering");
	scan(msg_rfc822, T0 + 3600);
	test_assert_str(opts("MIME_TRACE"), "0:+,1:+,2:~,3:+,4:+,5:~,6:~");
	test_assert_str(opts("MIME_GOOD"),
			"multipart/mixed,text/plain,multipart/alternative");
	test_end();

	test_begin("signed pgp");
	scan(msg_pgp, T0 + 3600);
	test_assert(has("SIGNED_PGP"));
	test_assert(score_is("MIME_GOOD", -0.2));
	test_assert_str(opts("MIME_TRACE"), "0:+,1:+,2:~");
	test_assert(!has("ENCRYPTED_PGP"));
	test_assert(!has("BOGUS_ENCRYPTED_AND_TEXT"));
	test_end();
}

static void test_cte(void)
{
	test_begin("R_BAD_CTE_7BIT");
	scan(msg_cte2, T0 + 3600);
	test_assert(has("R_BAD_CTE_7BIT"));
	test_assert_str(opts("R_BAD_CTE_7BIT"), "7bit");
	test_assert(score_is("R_BAD_CTE_7BIT", 3.5));
	scan(msg_cte1, T0 + 3600);  /* no CTE: guessed 8bit */
	test_assert(!has("R_BAD_CTE_7BIT"));
	scan(msg_cte4, T0 + 3600);  /* QP with raw 8-bit: taken as 8bit */
	test_assert(!has("R_BAD_CTE_7BIT"));
	test_end();
}

static void test_dates_rcvd(void)
{
	test_begin("dates");
	scan(msg_plain, T0 + 25335.0 * 3600 + 60);
	test_assert_str(opts("DATE_IN_PAST"), "25335");
	test_assert(!has("DATE_IN_FUTURE"));
	scan(msg_plain, T0 + 3600);
	test_assert(!has("DATE_IN_PAST"));
	test_assert(!has("MISSING_DATE"));
	test_assert(!has("INVALID_DATE"));
	scan(msg_misc1, T0);
	test_assert_str(opts("DATE_IN_FUTURE"), "5");
	test_assert(score_is("DATE_IN_FUTURE", 4.0));
	scan(msg_misc2, T0);
	test_assert(has("INVALID_DATE"));
	scan(msg_misc3, T0);
	test_assert(has("MISSING_DATE"));
	test_end();

	test_begin("received: TLS, auth, HELO user");
	scan(msg_plain, T0);
	test_assert(has("RCVD_NO_TLS_LAST"));
	test_assert(!has("RCVD_TLS_ALL"));
	test_assert(!has("RCVD_HELO_USER"));
	test_assert(!has("RCVD_VIA_SMTP_AUTH"));
	scan(msg_misc2, T0);
	test_assert(has("RCVD_TLS_ALL"));
	test_assert(has("RCVD_VIA_SMTP_AUTH"));
	test_assert(!has("RCVD_NO_TLS_LAST"));
	scan(msg_misc1, T0);
	test_assert(has("RCVD_HELO_USER"));
	test_end();
}

static void test_addresses(void)
{
	test_begin("tagged addresses, display name");
	scan(msg_misc1, T0);
	test_assert(has("TAGGED_FROM"));
	test_assert_str(opts("TAGGED_FROM"), "tag");
	test_assert_str(opts("TAGGED_RCPT"), "x,y");
	test_assert_str(opts("FROM_NEQ_DISPLAY_NAME"), "gmail.com,paypal.com");
	test_assert(score_is("FROM_NEQ_DISPLAY_NAME", 0.9));
	scan(msg_misc2, T0);  /* gmail dots: an alias without tags */
	test_assert(has("TAGGED_FROM"));
	test_assert_str(opts("TAGGED_FROM"), "");
	test_assert(!has("TAGGED_RCPT"));
	test_assert(!has("FROM_NEQ_DISPLAY_NAME"));
	test_end();
}

static void test_hfilter(void)
{
	test_begin("hfilter hostname");
	scan(msg_misc1, T0);  /* "(unknown [203.0.113.5])" */
	test_assert(has("HFILTER_HOSTNAME_UNKNOWN"));
	scan(msg_misc2, T0);
	test_assert(!has("HFILTER_HOSTNAME_UNKNOWN"));
	test_assert_str(opts("HFILTER_HOSTNAME_4"),
			"dsl-line-12.pool.example.net");
	scan(msg_misc3, T0);  /* 10.0.0.5: local, not checked */
	test_assert(!has("HFILTER_HOSTNAME_UNKNOWN"));
	scan(msg_plain, T0);
	test_assert(!has("HFILTER_HOSTNAME_UNKNOWN"));
	test_assert(!has("HFILTER_HOSTNAME_4"));
	test_end();

	test_begin("hfilter url only / one line");
	scan(msg_misc2, T0);
	test_assert_str(opts("HFILTER_URL_ONLY"), "0.8936170212766");
	test_assert(!has("HFILTER_URL_ONELINE"));
	scan(msg_oneline, T0);
	test_assert_str(opts("HFILTER_URL_ONLY"), "1");
	test_assert(score_is("HFILTER_URL_ONLY", 2.2));
	test_assert(!has("HFILTER_URL_ONELINE"));
	scan(msg_two, T0);
	test_assert_str(opts("HFILTER_URL_ONLY"), "0.90384615384615");
	test_assert_str(opts("HFILTER_URL_ONELINE"), "plain:0:1");
	scan(msg_plain, T0);
	test_assert(!has("HFILTER_URL_ONLY"));
	test_end();
}

static void test_html_urls(void)
{
	test_begin("html: invisible parts, css, phishing");
	scan(msg_misc3, T0);
	test_assert_str(opts("MANY_INVISIBLE_PARTS"), "3");
	test_assert(score_is("MANY_INVISIBLE_PARTS", 0.2));
	test_assert(has("EXT_CSS"));
	test_assert_str(opts("PHISHING"), "paypal.com->example.net");
	test_assert(score_is("PHISHING", 2.0));
	test_assert(!has("URI_COUNT_ODD"));
	test_assert(!has("MIME_HTML_ONLY"));
	test_assert(!has("HTTP_TO_IP"));
	scan(msg_alt, T0);
	test_assert_str(opts("PHISHING"), "paypal.com->1.2.3.4");
	test_assert(has("HTTP_TO_IP"));
	scan(msg_htmlonly, T0);
	test_assert(has("MIME_HTML_ONLY"));
	test_assert(!has("PHISHING"));
	test_assert(!has("MANY_INVISIBLE_PARTS"));
	test_assert(!has("EXT_CSS"));
	test_end();

	test_begin("urls: subject, odd count");
	scan(msg_misc2, T0);
	test_assert_str(opts("URL_IN_SUBJECT"), "example.com");
	test_assert(score_is("URL_IN_SUBJECT", 1.0));
	scan(msg_misc3, T0);
	test_assert_str(opts("URL_IN_SUBJECT"), "www.example.com");
	test_assert(score_is("URL_IN_SUBJECT", 0.4));
	scan(msg_odd, T0);
	test_assert_str(opts("URI_COUNT_ODD"), "3");
	test_assert(!has("URL_IN_SUBJECT"));
	test_end();
}

int main(void)
{
	struct err err;

	err_init(&err);
	if (scan_config_init(&cfg, &err) < 0 || rules_misc.init() < 0)
		return 1;
	ctx = scan_ctx_new(&cfg);
	msg_init(&m);
	test_mime_types();
	test_cte();
	test_dates_rcvd();
	test_addresses();
	test_hfilter();
	test_html_urls();
	msg_release(&m);
	scan_ctx_free(&ctx);
	rules_misc.fini();
	scan_config_release(&cfg);
	err_release(&err);
	return test_done();
}
