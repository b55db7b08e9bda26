/*
 * test-scan-date.c - MISSING_DATE, INVALID_DATE, DATE_IN_PAST and
 * DATE_IN_FUTURE (rules_misc.c) on one-line variations of the Date header.
 *
 * Every case's expected date symbol and option is what the real rspamd 3.4
 * gave for the same header (rspamc -j against the test suite's loopback
 * rspamd, scanned on 2026-11-22 at about 04:16 UTC); the scan here uses
 * that moment as "now" (NOW). The cases cover the grammar rspamd's date
 * parser accepts: two-digit and three-digit years, missing seconds,
 * obsolete and military zones, comments after the zone, odd spacing; and
 * what it refuses (lower case names, a one-digit hour, no zone, "PM",
 * comments before the zone, non-ASCII comments, ...).
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

#define NOW 1795320960.0   /* 2026-11-22 04:16:00 UTC */

struct dcase {
	const char *date;       /* the Date value, NULL: no Date header */
	const char *want;       /* "SYMBOL[option]", "SYMBOL" or "" */
};

static const struct dcase cases[] = {
	{ NULL, "MISSING_DATE" },
	{ "   ", "MISSING_DATE" },
	/* accepted */
	{ "Thu, 22 Aug 2002 12:07:35 +0800", "DATE_IN_PAST[212592]" },
	{ "Thu, 22 Aug 0102 12:07:35 +0800", "DATE_IN_PAST[212592]" },
	{ "Thu, 22 Aug 102 12:07:35 +0800", "DATE_IN_PAST[212592]" },
	{ "Thu, 22 Aug 02 12:07:35 +0800", "DATE_IN_PAST[212592]" },
	{ "Thu, 22 Aug 99 12:07:35 +0800", "DATE_IN_PAST[238896]" },
	{ "Thu, 22 Aug 50 12:07:35 +0800", "DATE_IN_PAST[668400]" },
	{ "Thu, 22 Aug 49 12:07:35 +0800", "DATE_IN_FUTURE[199415]" },
	{ "Thu, 22 Aug 1902 12:07:35 +0000", "DATE_IN_PAST[1089160]" },
	{ "Thu, 22 Aug 1967 12:07:35 +0000", "DATE_IN_PAST[519376]" },
	{ "Thu, 22 Aug 1968 12:07:35 +0000", "DATE_IN_PAST[510616]" },
	{ "Thu, 22 Aug 1901 12:07:35 +0000", "DATE_IN_PAST[1097944]" },
	{ "Thu, 22 Aug 1000 12:07:35 +0000", "DATE_IN_PAST[8995936]" },
	{ "Thu, 22 Aug 2100 12:07:35 +0000", "DATE_IN_FUTURE[646471]" },
	{ "Thu, 22 Aug 9999 12:07:35 +0000", "DATE_IN_FUTURE[69887671]" },
	{ "28 Jun 01 10:05:15 GMT", "DATE_IN_PAST[222666]" },
	{ "28 Jun 01 10:05:15 +0000", "DATE_IN_PAST[222666]" },
	{ "22 Aug 2002 12:07:35 +0800", "DATE_IN_PAST[212592]" },
	{ "Thu, 22 Aug 2002 12:07 +0800", "DATE_IN_PAST[212592]" },
	{ "Thu, 2 Aug 2002 12:07:35 +0800", "DATE_IN_PAST[213072]" },
	{ "Thu, 31 Feb 2002 12:07:35 +0800", "DATE_IN_PAST[216720]" },
	{ "Thu, 22 Aug 2002 12:07:60 +0800", "DATE_IN_PAST[212592]" },
	{ "Fri, 22 Aug 2002 12:07:35 +0800", "DATE_IN_PAST[212592]" },
	{ "Thu,22 Aug 2002 12:07:35 +0800", "DATE_IN_PAST[212592]" },
	{ "  Thu, 22 Aug 2002 12:07:35 +0800", "DATE_IN_PAST[212592]" },
	{ "Thu,  22  Aug  2002  12:07:35  +0800", "DATE_IN_PAST[212592]" },
	{ "Thu,\t22\tAug\t2002\t12:07:35\t+0800", "DATE_IN_PAST[212592]" },
	{ "Thu, 22 Aug 2002 12:07:35 -0000", "DATE_IN_PAST[212584]" },
	{ "Thu, 22 Aug 2002 12:07:35 -0130", "DATE_IN_PAST[212582]" },
	{ "Thu, 22 Aug 2002 12:07:35 +0130", "DATE_IN_PAST[212585]" },
	{ "Thu, 22 Aug 2002 12:07:35 +0099", "DATE_IN_PAST[212585]" },
	{ "Thu, 22 Aug 2002 12:07:35 +2400", "DATE_IN_PAST[212608]" },
	{ "Thu, 22 Aug 2002 12:07:35 +9999", "DATE_IN_PAST[212684]" },
	{ "Thu, 22 Aug 2002 12:07:35 UT", "DATE_IN_PAST[212584]" },
	{ "Thu, 22 Aug 2002 12:07:35 EST", "DATE_IN_PAST[212579]" },
	{ "Thu, 22 Aug 2002 12:07:35 EDT", "DATE_IN_PAST[212580]" },
	{ "Thu, 22 Aug 2002 12:07:35 PDT", "DATE_IN_PAST[212577]" },
	{ "Thu, 22 Aug 2002 12:07:35 Z", "DATE_IN_PAST[212584]" },
	{ "Thu, 22 Aug 2002 12:07:35 z", "DATE_IN_PAST[212584]" },
	{ "Thu, 22 Aug 2002 12:07:35 a", "DATE_IN_PAST[212584]" },
	{ "Thu, 22 Aug 2002 12:07:35 +0800 ", "DATE_IN_PAST[212592]" },
	{ "Thu, 22 Aug 2002 12:07:35 +0800 (PST)", "DATE_IN_PAST[212592]" },
	{ "Thu, 22 Aug 2002 12:07:35 +0800(PST)", "DATE_IN_PAST[212592]" },
	{ "Thu, 22 Aug 2002 12:07:35 +0800 (a) (b)", "DATE_IN_PAST[212592]" },
	{ "Thu, 22 Aug 2002 12:07:35 +0800 (a)(b)", "DATE_IN_PAST[212592]" },
	{ "Thu, 22 Aug 2002 12:07:35 +0800 (a (b))", "DATE_IN_PAST[212592]" },
	{ "Thu, 22 Aug 2002 12:07:35 +0800 ()", "DATE_IN_PAST[212592]" },
	{ "Thu, 22 Aug 2002 12:07:35 +0800 (a\"b)", "DATE_IN_PAST[212592]" },
	{ "Thu, 22 Aug 2002 12:07:35 +0800 (a\tb)", "DATE_IN_PAST[212592]" },
	{ "Thu, 22 Aug 2002 12:07:35 -0000 (a,b;c:d.e@f)", "DATE_IN_PAST[212584]" },
	{ "Thu, 22 Aug 2002 12:07:35 GMT(x)", "DATE_IN_PAST[212584]" },
	{ "=?us-ascii?Q?Thu=2C_22_Aug_2002_12=3A07=3A35_+0800?=",
	  "DATE_IN_PAST[212592]" },
	{ "Sun, 22 Nov 2026 03:30:00 +0000", "" },
	{ "Sun, 22 Nov 2026 07:30:00 +0000", "DATE_IN_FUTURE[3]" },
	/* refused */
	{ "28 Jun 01 10:05:15 PM", "INVALID_DATE" },
	{ "thu, 22 aug 2002 12:07:35 +0800", "INVALID_DATE" },
	{ "Thu, 22 Aug 2002 2:07:35 +0800", "INVALID_DATE" },
	{ "Thu, 22 Aug 2002 12:07:35", "INVALID_DATE" },
	{ "Thu, 22 Aug 2002 12:07:35 J", "INVALID_DATE" },
	{ "Thu, 22 Aug 2002 12:07:35GMT", "INVALID_DATE" },
	{ "Thu, 22 Aug 2002 12:07:35+0800", "INVALID_DATE" },
	{ "Thu , 22 Aug 2002 12:07:35 +0800", "INVALID_DATE" },
	{ "Thu 22 Aug 2002 12:07:35 +0800", "INVALID_DATE" },
	{ ", 22 Aug 2002 12:07:35 +0800", "INVALID_DATE" },
	{ "Xyz, 22 Aug 2002 12:07:35 +0800", "INVALID_DATE" },
	{ "Thursday, 22 Aug 2002 12:07:35 +0800", "INVALID_DATE" },
	{ "Thu, 22 August 2002 12:07:35 +0800", "INVALID_DATE" },
	{ "Thu, 22 Aug 2 12:07:35 +0800", "INVALID_DATE" },
	{ "Thu, 22 Aug 20021 12:07:35 +0800", "INVALID_DATE" },
	{ "Thu, 32 Aug 2002 12:07:35 +0800", "INVALID_DATE" },
	{ "Thu, 0 Aug 2002 12:07:35 +0800", "INVALID_DATE" },
	{ "Thu, 022 Aug 2002 12:07:35 +0800", "INVALID_DATE" },
	{ "Thu, 22Aug 2002 12:07:35 +0800", "INVALID_DATE" },
	{ "Thu, 22 Aug2002 12:07:35 +0800", "INVALID_DATE" },
	{ "Thu, 22 Aug 2002 25:07:35 +0800", "INVALID_DATE" },
	{ "Thu, 22 Aug 2002 12:61:35 +0800", "INVALID_DATE" },
	{ "Thu, 22 Aug 2002 12:07:61 +0800", "INVALID_DATE" },
	{ "Thu, 22 Aug 2002 12:07 :35 +0800", "INVALID_DATE" },
	{ "Thu, 22 Aug 2002 12:07:35.123 +0800", "INVALID_DATE" },
	{ "Thu, 22 Aug 2002 12:07:35 +08000", "INVALID_DATE" },
	{ "Thu, 22 Aug 2002 12:07:35 +800", "INVALID_DATE" },
	{ "Thu, 22 Aug 2002 12:07:35 +08:00", "INVALID_DATE" },
	{ "Thu, 22 Aug 2002 12:07:35 +0800 GMT", "INVALID_DATE" },
	{ "Thu, 22 Aug 2002 12:07:35 GMT+0800", "INVALID_DATE" },
	{ "Thu, 22 Aug 2002 12:07:35 GMT GMT", "INVALID_DATE" },
	{ "Thu, 22 Aug 2002 12:07:35 UTC", "INVALID_DATE" },
	{ "Thu, 22 Aug 2002 12:07:35 CET", "INVALID_DATE" },
	{ "Thu, 22 Aug 2002 12:07:35 Gmt", "INVALID_DATE" },
	{ "Thu, 22 Aug 2002 12:07:35 +0800 x", "INVALID_DATE" },
	{ "Thu, 22 Aug 2002 12:07:35 GMT (x) y", "INVALID_DATE" },
	{ "Thu, 22 Aug 2002 12:07:35 -0800 (PST) extra", "INVALID_DATE" },
	{ "Thu, 22 Aug 2002 12:07:35 (x) +0800", "INVALID_DATE" },
	{ "(c) Thu, 22 Aug 2002 12:07:35 +0800", "INVALID_DATE" },
	{ "Thu, 22 Aug 2002 (c) 12:07:35 +0800", "INVALID_DATE" },
	{ "Thu, 22 Aug 2002 12:07:35 +0800 (PST", "INVALID_DATE" },
	{ "Thu, 22 Aug 2002 12:07:35 +0800 ((a)", "INVALID_DATE" },
	{ "Thu, 22 Aug 2002 12:07:35 +0800 (a))", "INVALID_DATE" },
	{ "Thu, 22 Aug 2002 12:07:35 +0800 (", "INVALID_DATE" },
	{ "Thu, 22 Aug 2002 12:07:35 +0800 (\\))", "INVALID_DATE" },
	{ "Thu, 22 Aug 2002 12:07:35 +0800 (a\\b)", "INVALID_DATE" },
	{ "Thu, 22 Aug 2002 12:07:35 +0800 (Mitteleurop\xc3\xa4ische)",
	  "INVALID_DATE" },
};

/* The date symbols the area inserted, as "NAME[option]". */
static void describe_dates(struct scan_ctx *c, char *out, size_t cap)
{
	static const char *const names[] = { "MISSING_DATE", "INVALID_DATE",
		"DATE_IN_PAST", "DATE_IN_FUTURE" };
	size_t i, len = 0;

	out[0] = '\0';
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (!scan_has(c, names[i]))
			continue;
		len += (size_t)snprintf(out + len, cap - len, "%s%s",
					len > 0 ? " " : "", names[i]);
		if (scan_n_options(c, names[i]) > 0)
			len += (size_t)snprintf(out + len, cap - len, "[%s]",
						scan_option(c, names[i], 0));
	}
}

static void run_case(struct scan_ctx *c, const struct dcase *t)
{
	struct scan_envelope env;
	struct msg m;
	char raw[512], got[256];

	memset(&env, 0, sizeof(env));
	env.now = NOW;
	snprintf(raw, sizeof(raw), "From: a@example.com\nTo: b@example.org\n"
		 "Subject: test\n%s%s%s\nhello\n", t->date ? "Date: " : "",
		 t->date ? t->date : "", t->date ? "\n" : "");
	case_begin(c, &m, t->date ? t->date : "(no Date)", raw, &env);
	run_area(c, &rules_misc);
	describe_dates(c, got, sizeof(got));
	test_assert_str(got, t->want);
	case_end(&m);
}

int main(void)
{
	struct test_scan t;
	size_t i;

	test_scan_open(&t);
	if (rules_misc.init != NULL && rules_misc.init() != 0)
		return 1;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		run_case(t.c, &cases[i]);
	if (rules_misc.fini != NULL)
		rules_misc.fini();
	test_scan_close(&t);
	return test_done();
}
