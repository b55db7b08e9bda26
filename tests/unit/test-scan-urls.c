/*
 * test-scan-urls.c - the URL symbols (URI_COUNT_ODD, URL_IN_SUBJECT,
 * R_SUSPICIOUS_URL in rules_misc.c; HFILTER_URL_ONLY, HFILTER_URL_ONELINE
 * in rules_html.c) on small messages through the real msg_parse(). Each
 * expected value is what the real rspamd 3.4 answered for the same
 * message (corpus test config). Also the result's "urls" and "emails"
 * lists (msg.c, urls.c, html.c) for each rule of rspamd's URL search.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "areas.h"
#include "config.h"
#include "msg.h"
#include "score.h"
#include "scan-test.h"
#include "test.h"
#include "urls.h"

#define HDR                                                                   \
	"From: a@example.org\n"                                              \
	"To: b@example.net\n"                                                \
	"Date: Mon, 20 Nov 2023 10:00:00 +0000\n"                            \
	"Message-ID: <x@example.org>\n"                                      \
	"MIME-Version: 1.0\n"

struct tcase {
	const char *name;
	const char *want;  /* the URL symbols only */
	const char *msg;
};

static const struct tcase cases[] = {
	{ "URL in the Subject: URL_IN_SUBJECT (1.0: the Subject is not just the URL, 0.25 x 4)",
	  "URL_IN_SUBJECT[www.example.com](1.0000)",
		HDR
		"Subject: see http://www.example.com/ now\n"
		"Content-Type: text/plain\n"
		"\n"
		"hello there\n" },
	{ "a Subject URL also in the body is not a subject URL",
	  "",
		HDR
		"Subject: www.example.com\n"
		"Content-Type: text/plain\n"
		"\n"
		"hello www.example.com there\n" },
	{ "no bare host.tld in the Subject",
	  "",
		HDR
		"Subject: see example.com now\n"
		"Content-Type: text/plain\n"
		"\n"
		"hello there\n" },
	{ "decimal IP host and a host with \"!\": R_SUSPICIOUS_URL",
	  "R_SUSPICIOUS_URL[63.220.53.34|www.foo!bar.com]",
		HDR
		"Subject: x\n"
		"Content-Type: text/html\n"
		"\n"
		"<html><body><p>Hello there, <a href=\"http://1071396130/x\">click</a> or <a href=\"http://www.foo!bar.com/x\">here</a></p></body></html>\n" },
	{ "user@host, %XX host and a dotted IP are not obscured",
	  "",
		HDR
		"Subject: x\n"
		"Content-Type: text/html\n"
		"\n"
		"<html><body><p>Hello there, <a href=\"http://user@www.example.com/x\">click</a> or <a href=\"http://www.ex%61mple.net/\">here</a> <a href=\"http://192.0.2.1/\">ip</a></p></body></html>\n" },
	{ "URI_COUNT_ODD counts repeats, skips plain anchors and HTML bare hosts",
	  "URI_COUNT_ODD[3]",
		HDR
		"Subject: x\n"
		"Content-Type: multipart/alternative; boundary=BB\n"
		"\n"
		"--BB\n"
		"Content-Type: text/plain\n"
		"\n"
		"see http://a.example.com/ and http://a.example.com/ and www.example.org ok\n"
		"--BB\n"
		"Content-Type: text/html\n"
		"\n"
		"<html><body><p>see <a href=\"http://b.example.com/\">click</a> example.net</p></body></html>\n"
		"--BB--\n" },
	{ "URI_COUNT_ODD: an image makes it even",
	  "",
		HDR
		"Subject: x\n"
		"Content-Type: multipart/alternative; boundary=BB\n"
		"\n"
		"--BB\n"
		"Content-Type: text/plain\n"
		"\n"
		"see http://a.example.com/ and http://a.example.com/ and www.example.org ok\n"
		"--BB\n"
		"Content-Type: text/html\n"
		"\n"
		"<html><body><p>see <a href=\"http://b.example.com/\">click</a> <img src=\"http://i.example.com/a.gif\"></p></body></html>\n"
		"--BB--\n" },
	{ "HFILTER_URL_ONLY: one line of two URLs",
	  "HFILTER_URL_ONLY[0.89795918367347](1.9755)",
		HDR
		"Subject: x\n"
		"Content-Type: text/plain\n"
		"\n"
		"http://www.example.com/some/long/path?with=query http://www.example.com/some/long/path?with=query\n" },
	{ "HFILTER_URL_ONELINE: two lines of URLs",
	  "HFILTER_URL_ONELINE[plain:0:1] HFILTER_URL_ONLY[0.89795918367347](1.9755)",
		HDR
		"Subject: x\n"
		"Content-Type: text/plain\n"
		"\n"
		"http://www.example.com/some/long/path?with=query\n"
		"http://www.example.com/some/long/path?with=query\n" },
	{ "a text with one URL is not URL-only",
	  "",
		HDR
		"Subject: x\n"
		"Content-Type: text/plain\n"
		"\n"
		"This is a message with some text and one link http://www.example.com/ in it.\n" },
	{ "no bare host.tld in a message of several parts",
	  "URI_COUNT_ODD[1]",
		HDR
		"Subject: x\n"
		"Content-Type: multipart/alternative; boundary=BB\n"
		"\n"
		"--BB\n"
		"Content-Type: text/plain\n"
		"\n"
		"see http://a.example.com/ and example.org ok\n"
		"--BB\n"
		"Content-Type: text/html\n"
		"\n"
		"<html><body><p>see hello</p></body></html>\n"
		"--BB--\n" },
	{ "a URL an anchor shows is not counted; its href gets url_displayed",
	  "HFILTER_URL_ONLY[1](2.2000)",
		HDR
		"Subject: x\n"
		"Content-Type: multipart/alternative; boundary=BB\n"
		"\n"
		"--BB\n"
		"Content-Type: text/plain\n"
		"\n"
		"see you\n"
		"--BB\n"
		"Content-Type: text/html\n"
		"\n"
		"<html><body><p>see <a href=\"http://a.example.com/\">click</a> or <a href=\"http://a.example.com/\">http://b.example.com/</a></p></body></html>\n"
		"--BB--\n" },
};

static const char *const url_syms[] = {
	"HFILTER_URL_ONELINE", "HFILTER_URL_ONLY", "R_SUSPICIOUS_URL",
	"URI_COUNT_ODD", "URL_IN_SUBJECT",
};

static bool is_url_sym(const char *word)
{
	size_t i, n;

	for (i = 0; i < sizeof(url_syms) / sizeof(url_syms[0]); i++) {
		n = strlen(url_syms[i]);
		if (strncmp(word, url_syms[i], n) == 0 &&
		    (word[n] == '\0' || word[n] == '[' || word[n] == '('))
			return true;
	}
	return false;
}

static bool dynamic(const char *name)
{
	return strcmp(name, "HFILTER_URL_ONLY") == 0 ||
	       strcmp(name, "URL_IN_SUBJECT") == 0;
}

/* Keep the words of all (space-separated) that are URL symbols. */
static void keep_url_syms(const char *all, char *out, size_t cap)
{
	const char *w = all, *end;
	size_t len = 0, n;

	out[0] = '\0';
	while (*w != '\0') {
		end = strchr(w, ' ');
		n = end != NULL ? (size_t)(end - w) : strlen(w);
		if (is_url_sym(w) && len < cap)
			len += (size_t)snprintf(out + len, cap - len, "%s%.*s",
						len > 0 ? " " : "", (int)n, w);
		w += n;
		while (*w == ' ')
			w++;
	}
}

static void run_case(struct scan_ctx *c, const struct tcase *t)
{
	struct scan_envelope env;
	struct msg m;
	char all[4096], got[1024];

	memset(&env, 0, sizeof(env));
	env.now = 1700474400;
	case_begin(c, &m, t->name, t->msg, &env);
	run_area(c, &rules_html);
	run_area(c, &rules_misc);
	describe_syms(c, all, sizeof(all), dynamic);
	keep_url_syms(all, got, sizeof(got));
	test_assert_str(got, t->want);
	case_end(&m);
}

/* The "urls" (hosts) and "emails" lists of a message, sorted, as the real
 * rspamd 3.4 returned them for the same message (corpus test config). */
struct lcase {
	const char *name;
	const char *urls;
	const char *emails;
	const char *msg;
};

static const struct lcase list_cases[] = {
	{ "a footer after </html>: not taken",
	  "inside.com",
	  "",
		HDR
		"Subject: x\n"
		"Content-Type: text/html\n"
		"\n"
		"<html><body><p>hi http://inside.com/ x</p></body></html>\n"
		"\n"
		"---\n"
		"footer https://www.after.com/r ok\n"
		"list@after2.com\n" },
	{ "a footer after </html> of a document starting with a DOCTYPE: taken",
	  "inside.com www.after.com",
	  "list@after2.com",
		HDR
		"Subject: x\n"
		"Content-Type: text/html\n"
		"\n"
		"<!DOCTYPE html>\n"
		"<html><body><p>hi http://inside.com/ x</p></body></html>\n"
		"\n"
		"---\n"
		"footer https://www.after.com/r ok\n"
		"list@after2.com\n" },
	{ "a footer after </html> when a mismatched end tag left an element open: taken",
	  "inside.com www.after.com",
	  "list@after2.com",
		HDR
		"Subject: x\n"
		"Content-Type: text/html\n"
		"\n"
		"<html><body><b>A<p></b><p>X http://inside.com/</body></html>\n"
		"\n"
		"---\n"
		"footer https://www.after.com/r ok\n"
		"list@after2.com\n" },
	{ "a footer after </body> only: taken",
	  "inside.com www.after.com",
	  "list@after2.com",
		HDR
		"Subject: x\n"
		"Content-Type: text/html\n"
		"\n"
		"<html><body><p>hi http://inside.com/ x</p></body>\n"
		"\n"
		"---\n"
		"footer https://www.after.com/r ok\n"
		"list@after2.com\n" },
	{ "URLs and e-mails in a URL's query",
	  "other.com x.com",
	  "Q7@taint.org",
		HDR
		"Subject: x\n"
		"Content-Type: text/plain\n"
		"\n"
		"a http://x.com/?e=Q7@Taint.ORG&u=http://other.com/x z\n" },
	{ "an e-mail in a query is %-decoded",
	  "x.com y.com",
	  "a%b@pct2.com me,you@pct.com",
		HDR
		"Subject: x\n"
		"Content-Type: text/plain\n"
		"\n"
		"a http://x.com/r.cfm?x=me%2Cyou@pct.com b http://y.com/?e=a%%b@pct2.com\n" },
	{ "an <a href> query's e-mail counts, an <img src> query's does not",
	  "www.a.com www.i.com",
	  "zzzz@a.com",
		HDR
		"Subject: x\n"
		"Content-Type: text/html\n"
		"\n"
		"<html><body><a href=\"http://www.a.com/o.php?eid=zzzz@a.com&oid=S\">x</a><img src=\"http://www.i.com/o.php?eid=zzzz@img.com&oid=S\"></body></html>\n" },
	{ "e-mail local parts start at a letter or digit; ',' inside; TLD must be public",
	  "",
	  "EM%JM@netnoteinc.com a,b@example.com user@example.com",
		HDR
		"Subject: x\n"
		"Content-Type: text/plain\n"
		"\n"
		"a %EM%JM@netnoteinc.com b !user@example.com c *@example.com d a,b@example.com e edum@hkem.com.the f m@aeo.comto\n" },
	{ "e-mails differing in the local part's case are two",
	  "",
	  "JM@x1.com jm@x1.com",
		HDR
		"Subject: x\n"
		"Content-Type: text/plain\n"
		"\n"
		"a JM@x1.com b jm@x1.com\n" },
	{ "a no-break space ends a word",
	  "www.nbsp2.com",
	  "q2@taint.org",
		HDR
		"Subject: x\n"
		"Content-Type: text/html\n"
		"\n"
		"<html><body>address is&nbsp;q2@taint.org and&nbsp;www.nbsp2.com/ end</body></html>\n" },
	{ "words around marks: a no-break space (\\xC2\\xA0) ends a word, a lone \\xA0 or \\xC2 does not",
	  "www.four.com www.nine.com www.one.com www.two.com",
	  "d@three.com q@eight.com",
		HDR
		"Subject: x\n"
		"Content-Type: text/plain; charset=utf-8\n"
		"\n"
		"a\xc2\xa0www.one.com b\xc2\xc2\xa0www.two.com c.\xc2\xa0"
		"d@three.com x\xa0www.four.com :www.five.com\xc2\xa0" "end\n"
		"\xc2\xa0\xc2\xa0six.example.com.\xc2\xa0seven.example.org"
		"\xc2\xa0\nq@eight.com\xc2\xa0\xa0www.nine.com\n" },
	{ "IDN TLDs written in ASCII: the public suffix list decides (xn--p1ai is one, xn--zz not)",
	  "www.test.xn--p1ai",
	  "w@xn--p1ai.xn--p1ai y@test.xn--p1ai",
		HDR
		"Subject: x\n"
		"Content-Type: text/plain\n"
		"\n"
		"mail y@test.xn--p1ai or z@test.xn--zz or w@XN--P1AI.XN--P1AI at www.test.xn--p1ai\n" },
	{ "telephone URLs: the digits to the end of the line",
	  "12345 4402074992264 555777888",
	  "x@y.com",
		HDR
		"Subject: x\n"
		"Content-Type: text/plain\n"
		"\n"
		"a Tel:     +44 (0)20 7499 2264. b\n"
		"c tel: 123 x@y.com 45\n"
		"phone: 123 456 callto:555 sip:777 fax: 888\n" },
	{ "no telephone URL from a long line or one not starting with a digit, '+' or '('",
	  "12",
	  "",
		HDR
		"Subject: x\n"
		"Content-Type: text/plain\n"
		"\n"
		"Tel: w +353-61-213147 f +353-61-202569\n"
		"Tel: 254 2 313985-9   Fax: 254 2 313922     so I installed FreeBSD.\n"
		"Tel:12 xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n" },
	{ "<noscript> links and text count",
	  "ns-a.com ns-text.com",
	  "",
		HDR
		"Subject: x\n"
		"Content-Type: text/html\n"
		"\n"
		"<html><body><noscript><a href=\"http://ns-a.com/x\">y</a> text http://ns-text.com/ here</noscript><p>hi</p></body></html>\n" },
	{ "an image's alt text is text and anchor text",
	  "comics.com i.com www.alt4.com x.com",
	  "",
		HDR
		"Subject: x\n"
		"Content-Type: text/html\n"
		"\n"
		"<html><body><a href=\"http://x.com/\"><img src=\"http://i.com/a.gif\" alt=\"Comics.com\"></a><img src=\"http://i.com/b.gif\" alt=\"see www.alt4.com now\"></body></html>\n" },
	{ "in text a scheme URL needs a public-suffix TLD, an IP or www.",
	  "192.168.1.1 www.foo",
	  "",
		HDR
		"Subject: x\n"
		"Content-Type: text/plain\n"
		"\n"
		"a http://foo1.comx/x b http://foo5 c http://www.foo d http://192.168.1.1/x e http://localhost/ f www.foo9.comx g\n" },
	{ "an address once per distinct mailto URL (its query counts)",
	  "",
	  "tony@x.org tony@x.org tony@x.org",
		HDR
		"Subject: x\n"
		"Content-Type: text/html\n"
		"\n"
		"<html><body><a href=\"mailto:tony@x.org?subject=A\">a</a> <a href=\"mailto:tony@x.org?subject=B\">b</a> <a href=\"mailto:tony@x.org?subject=A\">c</a> tony@x.org</body></html>\n" },
	{ "relative links resolve against <base href>",
	  "base.example.com",
	  "q@w.com",
		HDR
		"Subject: x\n"
		"Content-Type: text/html\n"
		"\n"
		"<html><head><base href=\"http://base.example.com/dir/\"></head><body><a href=\"rel.html\">x</a> <img src=\"/i.gif\"> <a href=\"#frag\">y</a> <a href=\"mailto:q@w.com\">m</a></body></html>\n" },
	{ "no schemeless host next to a double quote",
	  "example1.com example3.com example5.com host7.com r.hughes2.com",
	  "",
		HDR
		"Subject: x\n"
		"Content-Type: text/plain\n"
		"\n"
		"a see \"r.hughes\" now 'r.hughes2.com' x <example1.com> b (example3.com) c \"http://example5.com/\" d \"www.example6.com\" e `lynx host7.com/t`\n" },
};

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The strings of v[0..n), sorted, joined by spaces into out; distinct:
 * each once (the reply lists each host once, an e-mail once per mailto
 * URL). */
static void join_sorted(const char **v, size_t n, bool distinct, char *out,
			size_t cap)
{
	size_t i, len = 0;

	out[0] = '\0';
	qsort(v, n, sizeof(*v), cmp_str);
	for (i = 0; i < n && len < cap; i++)
		if (!distinct || i == 0 || strcmp(v[i], v[i - 1]) != 0)
			len += (size_t)snprintf(out + len, cap - len, "%s%s",
						len > 0 ? " " : "", v[i]);
}

static void run_list_case(const struct lcase *t)
{
	struct scan_envelope env;
	struct msg m;
	struct err e;
	const char *v[64];
	char got[1024];
	size_t i;

	memset(&env, 0, sizeof(env));
	env.now = 1700474400;
	err_init(&e);
	msg_init(&m);
	test_begin(t->name);
	test_assert(msg_parse(&m, t->msg, strlen(t->msg), &env, &e) == 0);
	test_assert(m.n_urls < 64 && m.n_emails < 64);
	for (i = 0; i < m.n_urls && i < 64; i++)
		v[i] = m.urls[i].host;
	join_sorted(v, i, true, got, sizeof(got));
	test_assert_str(got, t->urls);
	for (i = 0; i < m.n_emails && i < 64; i++)
		v[i] = m.emails[i];
	join_sorted(v, i, false, got, sizeof(got));
	test_assert_str(got, t->emails);
	test_end();
	msg_release(&m);
	err_release(&e);
}

/* rspamd's readings of numeric hosts (checked with rspamd 3.4). */
static void check_host(const char *url, bool href, const char *host,
		       bool obscured, bool ip)
{
	struct msg_url u;

	memset(&u, 0, sizeof(u));
	test_assert((href ? url_parse_href(url, strlen(url), &u)
			  : url_parse(url, strlen(url), &u)) == 0);
	test_assert_str(u.host, host);
	test_assert(u.obscured == obscured);
	test_assert(u.host_is_ip == ip);
	url_release(&u);
}

static void test_hosts(void)
{
	test_begin("numeric and odd hosts");
	check_host("http://1071396130/x", false, "63.220.53.34", true, true);
	check_host("http://0x3f.0xdc.0x35.0x22/", true, "63.220.53.34", true,
		   true);
	check_host("http://0x01020305/i.gif", true, "1.2.3.5", true, true);
	check_host("http://61.129.6817/x", true, "61.129.26.161", true, true);
	check_host("http://209.163187.54/", true, "209.2.125.115", true, true);
	check_host("http://077.1.2.3/", true, "77.1.2.3", false, true);
	check_host("http://1.2.3.4/", true, "1.2.3.4", false, true);
	check_host("http://365.example.com/", true, "365.example.com", false,
		   false);
	check_host("http://ads.example.com!\n/x.gif", true, "ads.example.com!",
		   true, false);
	check_host("http://%38%31.9.8%2E%34%2Fx", true, "81.9.8.4", false,
		   true);
	test_end();
}

int main(void)
{
	struct test_scan t;
	size_t i;

	test_scan_open(&t);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		run_case(t.c, &cases[i]);
	for (i = 0; i < sizeof(list_cases) / sizeof(list_cases[0]); i++)
		run_list_case(&list_cases[i]);
	test_hosts();
	test_scan_close(&t);
	return test_done();
}
