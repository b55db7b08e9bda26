/*
 * test-scan-headers.c - the rule areas of rules_headers.c, rules_mid.c and
 * rules_subject.c on small messages, through the real msg_parse() and
 * scan context.
 *
 * Each case's expected symbols are what the real rspamd 3.4 gave for the
 * same bytes (rspamc -j against the test suite's loopback rspamd, with
 * -F/-r for the envelope where the case has one), restricted to the
 * symbols these three areas insert: "NAME[option|option]", sorted by
 * name, with "(score)" for the symbols with dynamic scores. Every symbol
 * of the areas fires in some case and stays silent in others.
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

#define R1                                                                    \
	"Received: from mx.example.net (mx.example.net [192.0.2.1]) by "      \
	"mail.example.org with ESMTP id 1; Mon, 2 Jan 2023 10:00:00 +0000\n"
#define DATE "Date: Mon, 2 Jan 2023 10:00:00 +0000\n"
#define MIME "MIME-Version: 1.0\nContent-Type: text/plain; charset=us-ascii\n"
#define BODY "\nHello there, this is a test message body.\n"

struct tcase {
	const char *name;
	const char *env_from;   /* rspamc -F, or NULL */
	const char *rcpt1;      /* rspamc -r, or NULL */
	const char *rcpt2;
	const char *want;
	const char *msg;
};

static const struct tcase cases[] = {
	{ "b64", NULL, NULL, NULL,
	  "FROM_NO_DN MIME_BASE64_TEXT MIME_BASE64_TEXT_BOGUS RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] TO_DN_NONE",
		R1
		"From: a@example.com\n"
		"To: b@example.org\n"
		"Subject: x\n"
		"MIME-Version: 1.0\n"
		"Content-Type: text/plain; charset=utf-8\n"
		"Content-Transfer-Encoding: base64\n"
		"\n"
		"aGVsbG8gd29ybGQK\n" },
	{ "b64_8bit", NULL, NULL, NULL,
	  "FROM_NO_DN MIME_BASE64_TEXT RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] TO_DN_NONE",
		R1
		"From: a@example.com\n"
		"To: b@example.org\n"
		"Subject: x\n"
		"MIME-Version: 1.0\n"
		"Content-Type: text/plain; charset=utf-8\n"
		"Content-Transfer-Encoding: base64\n"
		"\n"
		"aMOpbGxvIHfDtnJsZAo=\n" },
	{ "b64_part", NULL, NULL, NULL,
	  "FROM_NO_DN MIME_BASE64_TEXT MIME_BASE64_TEXT_BOGUS RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] TO_DN_NONE",
		R1
		"From: a@example.com\n"
		"To: b@example.org\n"
		"Subject: x\n"
		"MIME-Version: 1.0\n"
		"Content-Type: multipart/mixed; boundary=\"BB\"\n"
		"\n"
		"--BB\n"
		"Content-Type: text/plain\n"
		"Content-Transfer-Encoding: BASE64\n"
		"\n"
		"aGVsbG8gd29ybGQK\n"
		"--BB--\n" },
	{ "basic", NULL, NULL, NULL,
	  "FROM_HAS_DN MID_RHS_MATCH_FROM RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] TO_DN_NONE",
		R1
		"From: \"John Doe\" <john@example.com>\n"
		"To: jane@example.org\n"
		"Subject: Test message\n"
		"Message-ID: <abc123@example.com>\n"
		DATE MIME BODY },
	{ "empty_from", NULL, NULL, NULL,
	  "MISSING_FROM RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] TO_DN_NONE",
		R1
		"From: \n"
		"To: jane@example.org\n"
		"Subject: Test message\n"
		"Message-ID: <abc123@example.com>\n"
		DATE MIME BODY },
	{ "envfrom_eq", "John@example.com", NULL, NULL,
	  "FROM_EQ_ENVFROM FROM_NO_DN MID_RHS_MATCH_FROM RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] TO_DN_NONE",
		R1
		"From: john@example.com\n"
		"To: jane@example.org\n"
		"Subject: Test message\n"
		"Message-ID: <abc123@example.com>\n"
		DATE MIME BODY },
	{ "envfrom_neq", "bounce@example.net", NULL, NULL,
	  "FROM_NEQ_ENVFROM[john@example.com|bounce@example.net] FROM_NO_DN MID_RHS_MATCH_FROM RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] TO_DN_NONE",
		R1
		"From: john@example.com\n"
		"To: jane@example.org\n"
		"Subject: Test message\n"
		"Message-ID: <abc123@example.com>\n"
		DATE MIME BODY },
	{ "from_8bit", NULL, NULL, NULL,
	  "FROM_HAS_DN FROM_INVALID INVALID_FROM_8BIT MID_RHS_MATCH_FROM RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] TO_DN_NONE",
		R1
		"From: \"J\303\266hn\" <j\303\266hn@example.com>\n"
		"To: jane@example.org\n"
		"Subject: Test message\n"
		"Message-ID: <abc123@example.com>\n"
		DATE MIME BODY },
	{ "from_8bit_dn", NULL, NULL, NULL,
	  "FROM_HAS_DN MID_RHS_MATCH_FROM RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] TO_DN_NONE",
		R1
		"From: J\303\266hn <john@example.com>\n"
		"To: jane@example.org\n"
		"Subject: Test message\n"
		"Message-ID: <abc123@example.com>\n"
		DATE MIME BODY },
	{ "from_dneq", NULL, NULL, NULL,
	  "FROM_DN_EQ_ADDR MID_RHS_MATCH_FROM RCPT_COUNT_THREE[3] RCVD_COUNT_ONE[1] TO_DN_EQ_ADDR_SOME TO_DN_SOME",
		R1
		"From: \"john@example.com\" <john@example.com>\n"
		"To: \"a@b.com\" <a@b.com>, c@d.com, \"Name\" <e@f.com>\n"
		"Subject: Test message\n"
		"Message-ID: <abc123@example.com>\n"
		DATE MIME BODY },
	{ "from_invalid", NULL, NULL, NULL,
	  "FROM_HAS_DN FROM_INVALID RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] TO_DN_NONE",
		R1
		"From: foo\n"
		"To: jane@example.org\n"
		"Subject: Test message\n"
		"Message-ID: <abc123@example.com>\n"
		DATE MIME BODY },
	{ "from_invalid2", NULL, NULL, NULL,
	  "FROM_INVALID FROM_NO_DN RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] TO_DN_NONE",
		R1
		"From: <@>\n"
		"To: jane@example.org\n"
		"Subject: Test message\n"
		"Message-ID: <abc123@example.com>\n"
		DATE MIME BODY },
	{ "from_multi", NULL, NULL, NULL,
	  "FROM_NO_DN MULTIPLE_FROM[a@b.com|<c@d.com>] RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] TO_DN_NONE",
		R1
		"From: a@b.com, \"C D\" <c@d.com>\n"
		"To: jane@example.org\n"
		"Subject: Test message\n"
		"Message-ID: <abc123@example.com>\n"
		DATE MIME BODY },
	{ "from_nodn", NULL, NULL, NULL,
	  "FROM_NO_DN MID_RHS_MATCH_FROM RCPT_COUNT_TWO[2] RCVD_COUNT_ONE[1] TO_DN_ALL",
		R1
		"From: john@example.com\n"
		"To: \"Jane\" <jane@example.org>, \"Bob\" <bob@example.net>\n"
		"Subject: Test message\n"
		"Message-ID: <abc123@example.com>\n"
		DATE MIME BODY },
	{ "from_title", NULL, NULL, NULL,
	  "FROM_HAS_DN FROM_NAME_EXCESS_SPACE FROM_NAME_HAS_TITLE[mr] HAS_REPLYTO[mr.john@z.com] RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] REPLYTO_DOM_NEQ_FROM_DOM REPLYTO_EMAIL_HAS_TITLE TO_DN_NONE",
		R1
		"From: \"Mr.  John\" <x@y.com>\n"
		"To: jane@example.org\n"
		"Subject: Test message\n"
		"Message-ID: <abc123@example.com>\n"
		DATE MIME
		"Reply-To: \"Mr John\" <mr.john@z.com>\n"
		BODY },
	{ "from_title2", NULL, NULL, NULL,
	  "FROM_HAS_DN FROM_NAME_HAS_TITLE[dr] HAS_REPLYTO[drjohn@z.com] RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] REPLYTO_DOM_NEQ_FROM_DOM REPLYTO_EMAIL_HAS_TITLE TO_DN_NONE",
		R1
		"From: \"Dr John\" <x@y.com>\n"
		"To: jane@example.org\n"
		"Subject: Test message\n"
		"Message-ID: <abc123@example.com>\n"
		DATE MIME
		"Reply-To: <drjohn@z.com>\n"
		BODY },
	{ "from_title3", NULL, NULL, NULL,
	  "FROM_HAS_DN FROM_NAME_HAS_TITLE[mrs] RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] TO_DN_NONE",
		R1
		"From: \"mrs smith\" <x@y.com>\n"
		"To: jane@example.org\n"
		"Subject: Test message\n"
		"Message-ID: <abc123@example.com>\n"
		DATE MIME BODY },
	{ "ma_html_only", NULL, NULL, NULL,
	  "FROM_NO_DN MIME_MA_MISSING_TEXT RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] TO_DN_NONE",
		R1
		"From: a@example.com\n"
		"To: b@example.org\n"
		"Subject: x\n"
		"MIME-Version: 1.0\n"
		"Content-Type: multipart/alternative; boundary=\"BB\"\n"
		"\n"
		"--BB\n"
		"Content-Type: text/html\n"
		"\n"
		"hello\n"
		"--BB--\n" },
	{ "ma_plain_only", NULL, NULL, NULL,
	  "FROM_NO_DN MIME_MA_MISSING_HTML RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] TO_DN_NONE",
		R1
		"From: a@example.com\n"
		"To: b@example.org\n"
		"Subject: x\n"
		"MIME-Version: 1.0\n"
		"Content-Type: multipart/alternative; boundary=\"BB\"\n"
		"\n"
		"--BB\n"
		"Content-Type: text/plain\n"
		"\n"
		"hello\n"
		"--BB--\n" },
	{ "mdn", NULL, NULL, NULL,
	  "FROM_NO_DN HEADER_FORGED_MDN MID_RHS_MATCH_FROM RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] TO_DN_NONE",
		R1
		"From: john@example.com\n"
		"To: jane@example.org\n"
		"Subject: Test message\n"
		"Message-ID: <abc123@example.com>\n"
		DATE MIME
		"Disposition-Notification-To: other@example.com\n"
		BODY },
	{ "mdn_env", "john@example.com", NULL, NULL,
	  "FROM_EQ_ENVFROM FROM_NO_DN MID_RHS_MATCH_FROM RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] TO_DN_NONE",
		R1
		"From: john@example.com\n"
		"To: jane@example.org\n"
		"Subject: Test message\n"
		"Message-ID: <abc123@example.com>\n"
		DATE MIME
		"Disposition-Notification-To: John@example.com\n"
		BODY },
	{ "mdn_env_bad", "john@example.com", NULL, NULL,
	  "FROM_EQ_ENVFROM FROM_NO_DN HEADER_FORGED_MDN MID_RHS_MATCH_FROM RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] TO_DN_NONE",
		R1
		"From: john@example.com\n"
		"To: jane@example.org\n"
		"Subject: Test message\n"
		"Message-ID: <abc123@example.com>\n"
		DATE MIME
		"Disposition-Notification-To: other@example.com\n"
		BODY },
	{ "mid_bare_ip", NULL, NULL, NULL,
	  "FROM_HAS_DN MID_BARE_IP RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] TO_DN_NONE",
		R1
		"From: \"John Doe\" <john@example.com>\n"
		"To: jane@example.org\n"
		"Subject: Test message\n"
		"Message-ID: <abc@192.168.1.1>\n"
		DATE MIME BODY },
	{ "mid_cont_from", NULL, NULL, NULL,
	  "FROM_HAS_DN MID_CONTAINS_FROM RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] TO_DN_NONE",
		R1
		"From: \"John Doe\" <john@example.com>\n"
		"To: jane@example.org\n"
		"Subject: Test message\n"
		"Message-ID: <x.john@example.com.1234@foo.net>\n"
		DATE MIME BODY },
	{ "mid_cont_to", NULL, NULL, NULL,
	  "FROM_HAS_DN MID_CONTAINS_TO RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] TO_DN_NONE",
		R1
		"From: \"John Doe\" <john@example.com>\n"
		"To: jane@example.org\n"
		"Subject: Test message\n"
		"Message-ID: <jane@example.org>\n"
		DATE MIME BODY },
	{ "mid_fromtld", NULL, NULL, NULL,
	  "FROM_HAS_DN MID_RHS_MATCH_FROMTLD RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] TO_DN_NONE",
		R1
		"From: \"John Doe\" <john@example.com>\n"
		"To: jane@example.org\n"
		"Subject: Test message\n"
		"Message-ID: <abc@mail.example.com>\n"
		DATE MIME BODY },
	{ "mid_iplit", NULL, NULL, NULL,
	  "FROM_HAS_DN MID_RHS_IP_LITERAL RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] TO_DN_NONE",
		R1
		"From: \"John Doe\" <john@example.com>\n"
		"To: jane@example.org\n"
		"Subject: Test message\n"
		"Message-ID: <abc@[192.168.1.1]>\n"
		DATE MIME BODY },
	{ "mid_nobr", NULL, NULL, NULL,
	  "FROM_HAS_DN MID_MISSING_BRACKETS MID_RHS_MATCH_FROM RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] TO_DN_NONE",
		R1
		"From: \"John Doe\" <john@example.com>\n"
		"To: jane@example.org\n"
		"Subject: Test message\n"
		"Message-ID: abc@example.com\n"
		DATE MIME BODY },
	{ "mid_none", NULL, NULL, NULL,
	  "FROM_HAS_DN RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] TO_DN_NONE",
		R1
		"From: \"John Doe\" <john@example.com>\n"
		"To: jane@example.org\n"
		"Subject: Test message\n"
		DATE MIME BODY },
	{ "mid_notfqdn", NULL, NULL, NULL,
	  "FROM_HAS_DN MID_RHS_NOT_FQDN RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] TO_DN_NONE",
		R1
		"From: \"John Doe\" <john@example.com>\n"
		"To: jane@example.org\n"
		"Subject: Test message\n"
		"Message-ID: <abc@localhost>\n"
		DATE MIME BODY },
	{ "mid_other", NULL, NULL, NULL,
	  "FROM_HAS_DN RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] TO_DN_NONE",
		R1
		"From: \"John Doe\" <john@example.com>\n"
		"To: jane@example.org\n"
		"Subject: Test message\n"
		"Message-ID: <abc@other.net>\n"
		DATE MIME BODY },
	{ "mid_samedom", NULL, NULL, NULL,
	  "FROM_NO_DN MID_RHS_MATCH_FROM RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] TO_DN_NONE TO_DOM_EQ_FROM_DOM",
		R1
		"From: a@example.org\n"
		"To: jane@example.org\n"
		"Subject: Test message\n"
		"Message-ID: <abc@example.org>\n"
		DATE MIME BODY },
	{ "mid_to", NULL, NULL, NULL,
	  "FROM_HAS_DN MID_RHS_MATCH_TO RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] TO_DN_NONE",
		R1
		"From: \"John Doe\" <john@example.com>\n"
		"To: jane@example.org\n"
		"Subject: Test message\n"
		"Message-ID: <abc@example.org>\n"
		DATE MIME BODY },
	{ "missing_from", NULL, NULL, NULL,
	  "MISSING_FROM RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] TO_DN_NONE",
		R1
		"To: jane@example.org\n"
		"Subject: Test message\n"
		"Message-ID: <abc123@example.com>\n"
		DATE MIME BODY },
	{ "missing_mv", NULL, NULL, NULL,
	  "FROM_HAS_DN MID_RHS_MATCH_FROM MISSING_MIME_VERSION RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] TO_DN_NONE",
		R1
		"From: \"John Doe\" <john@example.com>\n"
		"To: jane@example.org\n"
		"Subject: Test message\n"
		"Message-ID: <abc123@example.com>\n"
		DATE
		"Content-Type: text/plain\n"
		BODY },
	{ "missing_mv2", NULL, NULL, NULL,
	  "FROM_HAS_DN MID_RHS_MATCH_FROM MISSING_MIME_VERSION RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] TO_DN_NONE",
		R1
		"From: \"John Doe\" <john@example.com>\n"
		"To: jane@example.org\n"
		"Subject: Test message\n"
		"Message-ID: <abc123@example.com>\n"
		DATE
		"Content-Transfer-Encoding: 7bit\n"
		BODY },
	{ "missing_to", NULL, NULL, NULL,
	  "FROM_HAS_DN MID_RHS_MATCH_FROM RCVD_COUNT_ONE[1]",
		R1
		"From: \"John Doe\" <john@example.com>\n"
		"Subject: Test message\n"
		"Message-ID: <abc123@example.com>\n"
		DATE MIME BODY },
	{ "multi_uniq", NULL, NULL, NULL,
	  "FROM_HAS_DN MID_RHS_MATCH_FROM MULTIPLE_UNIQUE_HEADERS[Date,Subject](4.9000) RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] TO_DN_NONE",
		R1
		"From: \"John Doe\" <john@example.com>\n"
		"To: jane@example.org\n"
		"Subject: Test message\n"
		"Message-ID: <abc123@example.com>\n"
		DATE MIME
		"Subject: again\n"
		DATE BODY },
	{ "multi_uniq_all", NULL, NULL, NULL,
	  "FROM_HAS_DN HAS_REPLYTO[a@b.com] MID_RHS_MATCH_FROM MULTIPLE_FROM[<john@example.com>|x@y.com] MULTIPLE_UNIQUE_HEADERS[From,Date,Content-Type,Message-ID,Cc,References,Content-Transfer-Encoding,In-Reply-To,Reply-To,Bcc,Subject,Sender,To](7.0000) RCPT_COUNT_FIVE[6] RCVD_COUNT_ONE[1] REPLYTO_DOM_NEQ_FROM_DOM TO_DN_NONE",
		R1
		"From: \"John Doe\" <john@example.com>\n"
		"To: jane@example.org\n"
		"Subject: Test message\n"
		"Message-ID: <abc123@example.com>\n"
		DATE MIME
		"Subject: again\n"
		DATE
		"From: x@y.com\n"
		"To: z@w.com\n"
		"Cc: a@b.com\n"
		"Cc: a@b.com\n"
		"Bcc: a@b.com\n"
		"Bcc: a@b.com\n"
		"Message-ID: <x@y>\n"
		"In-Reply-To: <a@b>\n"
		"In-Reply-To: <a@b>\n"
		"References: <a@b>\n"
		"References: <a@b>\n"
		"Sender: a@b.com\n"
		"Sender: a@b.com\n"
		"Reply-To: a@b.com\n"
		"Reply-To: a@b.com\n"
		"Content-Type: text/plain\n"
		"Content-Transfer-Encoding: 7bit\n"
		"Content-Transfer-Encoding: 7bit\n"
		BODY },
	{ "multi_uniq_to", NULL, NULL, NULL,
	  "FROM_HAS_DN MID_RHS_MATCH_FROM MULTIPLE_UNIQUE_HEADERS[Cc,To](1.4000) RCPT_COUNT_THREE[4] RCVD_COUNT_ONE[1] TO_DN_NONE",
		R1
		"From: \"John Doe\" <john@example.com>\n"
		"To: jane@example.org\n"
		"Subject: Test message\n"
		"Message-ID: <abc123@example.com>\n"
		DATE MIME
		"To: z@w.com\n"
		"Cc: a@b.com\n"
		"Cc: a@b.com\n"
		BODY },
	{ "mv_case", NULL, NULL, NULL,
	  "FROM_HAS_DN MID_RHS_MATCH_FROM MV_CASE RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] TO_DN_NONE",
		R1
		"From: \"John Doe\" <john@example.com>\n"
		"To: jane@example.org\n"
		"Subject: Test message\n"
		"Message-ID: <abc123@example.com>\n"
		DATE
		"Mime-Version: 1.0\n"
		"Content-Type: text/plain\n"
		BODY },
	{ "no_mime", NULL, NULL, NULL,
	  "FROM_HAS_DN MID_RHS_MATCH_FROM RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] TO_DN_NONE",
		R1
		"From: \"John Doe\" <john@example.com>\n"
		"To: jane@example.org\n"
		"Subject: Test message\n"
		"Message-ID: <abc123@example.com>\n"
		DATE BODY },
	{ "prev_del", NULL, NULL, NULL,
	  "FROM_HAS_DN MID_RHS_MATCH_FROM PREVIOUSLY_DELIVERED[jane@example.org] RCPT_COUNT_ONE[1] RCVD_COUNT_TWO[2] TO_DN_NONE",
		"Received: from a by b with SMTP for <Jane@example.org>; Mon, 2 Jan 2023 10:00:00 +0000\n"
		R1
		"From: \"John Doe\" <john@example.com>\n"
		"To: jane@example.org\n"
		"Subject: Test message\n"
		"Message-ID: <abc123@example.com>\n"
		DATE MIME BODY },
	{ "prev_del_no", NULL, NULL, NULL,
	  "FROM_HAS_DN MID_RHS_MATCH_FROM RCPT_COUNT_ONE[1] RCVD_COUNT_TWO[2] TO_DN_NONE",
		"Received: from a by b with SMTP for <other@example.org>; Mon, 2 Jan 2023 10:00:00 +0000\n"
		"Received: from a by b with SMTP for <jane@example.org>; Mon, 2 Jan 2023 10:00:00 +0000\n"
		"From: \"John Doe\" <john@example.com>\n"
		"To: jane@example.org\n"
		"Subject: Test message\n"
		"Message-ID: <abc123@example.com>\n"
		DATE MIME BODY },
	{ "prio_0", NULL, NULL, NULL,
	  "FROM_HAS_DN HAS_X_PRIO_ZERO[0] MID_RHS_MATCH_FROM RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] TO_DN_NONE",
		R1
		"From: \"John Doe\" <john@example.com>\n"
		"To: jane@example.org\n"
		"Subject: Test message\n"
		"Message-ID: <abc123@example.com>\n"
		DATE MIME
		"X-Priority: 0\n"
		BODY },
	{ "prio_1", NULL, NULL, NULL,
	  "FROM_HAS_DN HAS_X_PRIO_ONE[1] MID_RHS_MATCH_FROM RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] TO_DN_NONE",
		R1
		"From: \"John Doe\" <john@example.com>\n"
		"To: jane@example.org\n"
		"Subject: Test message\n"
		"Message-ID: <abc123@example.com>\n"
		DATE MIME
		"X-Priority: 1 (Highest)\n"
		BODY },
	{ "prio_2", NULL, NULL, NULL,
	  "FROM_HAS_DN HAS_X_PRIO_TWO[2] MID_RHS_MATCH_FROM RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] TO_DN_NONE",
		R1
		"From: \"John Doe\" <john@example.com>\n"
		"To: jane@example.org\n"
		"Subject: Test message\n"
		"Message-ID: <abc123@example.com>\n"
		DATE MIME
		"X-Priority: 2\n"
		BODY },
	{ "prio_3", NULL, NULL, NULL,
	  "FROM_HAS_DN HAS_X_PRIO_THREE[3] MID_RHS_MATCH_FROM RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] TO_DN_NONE",
		R1
		"From: \"John Doe\" <john@example.com>\n"
		"To: jane@example.org\n"
		"Subject: Test message\n"
		"Message-ID: <abc123@example.com>\n"
		DATE MIME
		"X-Priority: 3\n"
		BODY },
	{ "prio_4", NULL, NULL, NULL,
	  "FROM_HAS_DN HAS_X_PRIO_THREE[4] MID_RHS_MATCH_FROM RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] TO_DN_NONE",
		R1
		"From: \"John Doe\" <john@example.com>\n"
		"To: jane@example.org\n"
		"Subject: Test message\n"
		"Message-ID: <abc123@example.com>\n"
		DATE MIME
		"X-Priority: 4\n"
		BODY },
	{ "prio_5", NULL, NULL, NULL,
	  "FROM_HAS_DN HAS_X_PRIO_FIVE[5] MID_RHS_MATCH_FROM RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] TO_DN_NONE",
		R1
		"From: \"John Doe\" <john@example.com>\n"
		"To: jane@example.org\n"
		"Subject: Test message\n"
		"Message-ID: <abc123@example.com>\n"
		DATE MIME
		"X-Priority: 5 (Lowest)\n"
		BODY },
	{ "prio_sp", NULL, NULL, NULL,
	  "FROM_HAS_DN HAS_X_PRIO_ONE[1] MID_RHS_MATCH_FROM RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] TO_DN_NONE",
		R1
		"From: \"John Doe\" <john@example.com>\n"
		"To: jane@example.org\n"
		"Subject: Test message\n"
		"Message-ID: <abc123@example.com>\n"
		DATE MIME
		"X-Priority:  1\n"
		BODY },
	{ "prio_x", NULL, NULL, NULL,
	  "FROM_HAS_DN MID_RHS_MATCH_FROM RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] TO_DN_NONE",
		R1
		"From: \"John Doe\" <john@example.com>\n"
		"To: jane@example.org\n"
		"Subject: Test message\n"
		"Message-ID: <abc123@example.com>\n"
		DATE MIME
		"X-Priority: high\n"
		BODY },
	{ "rcpt0", NULL, NULL, NULL,
	  "FROM_HAS_DN MID_RHS_MATCH_FROM RCVD_COUNT_ONE[1]",
		R1
		"From: \"John Doe\" <john@example.com>\n"
		"Subject: Test message\n"
		"Message-ID: <abc123@example.com>\n"
		DATE MIME BODY },
	{ "rcpt0b", NULL, NULL, NULL,
	  "FROM_HAS_DN MID_RHS_MATCH_FROM RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] TO_DN_ALL",
		R1
		"From: \"John Doe\" <john@example.com>\n"
		"To: undisclosed-recipients:;\n"
		"Subject: Test message\n"
		"Message-ID: <abc123@example.com>\n"
		DATE MIME BODY },
	{ "rcpt13", NULL, NULL, NULL,
	  "FROM_HAS_DN MID_RHS_MATCH_FROM RCPT_COUNT_TWELVE[13] RCVD_COUNT_ONE[1] TO_DN_NONE",
		R1
		"From: \"John Doe\" <john@example.com>\n"
		"To: u0@example.org, u1@example.org, u2@example.org, u3@example.org, u4@example.org, u5@example.org, u6@example.org, u7@example.org, u8@example.org, u9@example.org, u10@example.org, u11@example.org, u12@example.org\n"
		"Subject: Test message\n"
		"Message-ID: <abc123@example.com>\n"
		DATE MIME BODY },
	{ "rcpt4", NULL, NULL, NULL,
	  "FROM_HAS_DN MID_RHS_MATCH_FROM RCPT_COUNT_THREE[4] RCVD_COUNT_ONE[1] TO_DN_NONE",
		R1
		"From: \"John Doe\" <john@example.com>\n"
		"To: u0@example.org, u1@example.org\n"
		"Subject: Test message\n"
		"Message-ID: <abc123@example.com>\n"
		DATE MIME
		"Cc: c0@example.org\n"
		"Bcc: b0@example.org\n"
		BODY },
	{ "rcpt51", NULL, NULL, NULL,
	  "FROM_HAS_DN MID_RHS_MATCH_FROM RCPT_COUNT_GT_50[51] RCVD_COUNT_ONE[1] TO_DN_NONE",
		R1
		"From: \"John Doe\" <john@example.com>\n"
		"To: u0@example.org, u1@example.org, u2@example.org, u3@example.org, u4@example.org, u5@example.org, u6@example.org, u7@example.org, u8@example.org, u9@example.org, u10@example.org, u11@example.org, u12@example.org, u13@example.org, u14@example.org, u15@example.org, u16@example.org, u17@example.org, u18@example.org, u19@example.org, u20@example.org, u21@example.org, u22@example.org, u23@example.org, u24@example.org, u25@example.org, u26@example.org, u27@example.org, u28@example.org, u29@example.org, u30@example.org, u31@example.org, u32@example.org, u33@example.org, u34@example.org, u35@example.org, u36@example.org, u37@example.org, u38@example.org, u39@example.org\n"
		"Subject: Test message\n"
		"Message-ID: <abc123@example.com>\n"
		DATE MIME
		"Cc: c0@example.org, c1@example.org, c2@example.org, c3@example.org, c4@example.org, c5@example.org, c6@example.org, c7@example.org, c8@example.org, c9@example.org, c10@example.org\n"
		BODY },
	{ "rcpt6", NULL, NULL, NULL,
	  "FROM_HAS_DN MID_RHS_MATCH_FROM RCPT_COUNT_FIVE[6] RCVD_COUNT_ONE[1] TO_DN_NONE",
		R1
		"From: \"John Doe\" <john@example.com>\n"
		"To: u0@example.org, u1@example.org, u2@example.org, u3@example.org, u4@example.org, u5@example.org\n"
		"Subject: Test message\n"
		"Message-ID: <abc123@example.com>\n"
		DATE MIME BODY },
	{ "rcpt8", NULL, NULL, NULL,
	  "FROM_HAS_DN MID_RHS_MATCH_FROM RCPT_COUNT_SEVEN[8] RCVD_COUNT_ONE[1] TO_DN_NONE",
		R1
		"From: \"John Doe\" <john@example.com>\n"
		"To: u0@example.org, u1@example.org, u2@example.org, u3@example.org, u4@example.org, u5@example.org, u6@example.org, u7@example.org\n"
		"Subject: Test message\n"
		"Message-ID: <abc123@example.com>\n"
		DATE MIME BODY },
	{ "rcpt_env", NULL, "jane@example.org", NULL,
	  "FROM_HAS_DN MID_RHS_MATCH_FROM RCPT_COUNT_TWO[2] RCVD_COUNT_ONE[1] TO_DN_NONE TO_MATCH_ENVRCPT_SOME",
		R1
		"From: \"John Doe\" <john@example.com>\n"
		"To: jane@example.org, bob@example.net\n"
		"Subject: Test message\n"
		"Message-ID: <abc123@example.com>\n"
		DATE MIME BODY },
	{ "rcpt_env_all", NULL, "jane@example.org", "BOB@example.net",
	  "FROM_HAS_DN MID_RHS_MATCH_FROM RCPT_COUNT_TWO[2] RCVD_COUNT_ONE[1] TO_DN_NONE TO_MATCH_ENVRCPT_ALL",
		R1
		"From: \"John Doe\" <john@example.com>\n"
		"To: jane@example.org, bob@example.net\n"
		"Subject: Test message\n"
		"Message-ID: <abc123@example.com>\n"
		DATE MIME BODY },
	{ "rcpt_env_none", NULL, "x@example.org", NULL,
	  "FROM_HAS_DN MID_RHS_MATCH_FROM RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] TO_DN_NONE",
		R1
		"From: \"John Doe\" <john@example.com>\n"
		"To: jane@example.org\n"
		"Subject: Test message\n"
		"Message-ID: <abc123@example.com>\n"
		DATE MIME BODY },
	{ "rcvd0", NULL, NULL, NULL,
	  "FROM_HAS_DN MID_RHS_MATCH_FROM RCPT_COUNT_ONE[1] RCVD_COUNT_ZERO[0] TO_DN_NONE",
		"From: \"John Doe\" <john@example.com>\n"
		"To: jane@example.org\n"
		"Subject: Test message\n"
		"Message-ID: <abc123@example.com>\n"
		DATE MIME BODY },
	{ "rcvd1", NULL, NULL, NULL,
	  "FROM_HAS_DN MID_RHS_MATCH_FROM RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] TO_DN_NONE",
		R1
		"From: \"John Doe\" <john@example.com>\n"
		"To: jane@example.org\n"
		"Subject: Test message\n"
		"Message-ID: <abc123@example.com>\n"
		DATE MIME BODY },
	{ "rcvd13", NULL, NULL, NULL,
	  "FROM_HAS_DN MID_RHS_MATCH_FROM RCPT_COUNT_ONE[1] RCVD_COUNT_TWELVE[13] TO_DN_NONE",
		R1 R1 R1 R1 R1 R1 R1 R1 R1 R1 R1 R1 R1
		"From: \"John Doe\" <john@example.com>\n"
		"To: jane@example.org\n"
		"Subject: Test message\n"
		"Message-ID: <abc123@example.com>\n"
		DATE MIME BODY },
	{ "rcvd2", NULL, NULL, NULL,
	  "FROM_HAS_DN MID_RHS_MATCH_FROM RCPT_COUNT_ONE[1] RCVD_COUNT_TWO[2] TO_DN_NONE",
		R1 R1
		"From: \"John Doe\" <john@example.com>\n"
		"To: jane@example.org\n"
		"Subject: Test message\n"
		"Message-ID: <abc123@example.com>\n"
		DATE MIME BODY },
	{ "rcvd4", NULL, NULL, NULL,
	  "FROM_HAS_DN MID_RHS_MATCH_FROM RCPT_COUNT_ONE[1] RCVD_COUNT_THREE[4] TO_DN_NONE",
		R1 R1 R1 R1
		"From: \"John Doe\" <john@example.com>\n"
		"To: jane@example.org\n"
		"Subject: Test message\n"
		"Message-ID: <abc123@example.com>\n"
		DATE MIME BODY },
	{ "rcvd6", NULL, NULL, NULL,
	  "FROM_HAS_DN MID_RHS_MATCH_FROM RCPT_COUNT_ONE[1] RCVD_COUNT_FIVE[6] TO_DN_NONE",
		R1 R1 R1 R1 R1 R1
		"From: \"John Doe\" <john@example.com>\n"
		"To: jane@example.org\n"
		"Subject: Test message\n"
		"Message-ID: <abc123@example.com>\n"
		DATE MIME BODY },
	{ "rcvd8", NULL, NULL, NULL,
	  "FROM_HAS_DN MID_RHS_MATCH_FROM RCPT_COUNT_ONE[1] RCVD_COUNT_SEVEN[8] TO_DN_NONE",
		R1 R1 R1 R1 R1 R1 R1 R1
		"From: \"John Doe\" <john@example.com>\n"
		"To: jane@example.org\n"
		"Subject: Test message\n"
		"Message-ID: <abc123@example.com>\n"
		DATE MIME BODY },
	{ "returnpath", NULL, NULL, NULL,
	  "FROM_NEQ_ENVFROM[john@example.com|bounce@example.net] FROM_NO_DN MID_RHS_MATCH_FROM RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] TO_DN_NONE",
		R1
		"From: john@example.com\n"
		"To: jane@example.org\n"
		"Subject: Test message\n"
		"Message-ID: <abc123@example.com>\n"
		DATE MIME
		"Return-Path: <bounce@example.net>\n"
		BODY },
	{ "rt_addr", NULL, NULL, NULL,
	  "FROM_HAS_DN HAS_REPLYTO[John@example.com] MID_RHS_MATCH_FROM RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] REPLYTO_ADDR_EQ_FROM REPLYTO_DN_EQ_FROM_DN TO_DN_NONE",
		R1
		"From: \"John\" <john@example.com>\n"
		"To: jane@example.org\n"
		"Subject: Test message\n"
		"Message-ID: <abc123@example.com>\n"
		DATE MIME
		"Reply-To: \"JOHN\" <John@example.com>\n"
		BODY },
	{ "rt_bad", NULL, NULL, NULL,
	  "FROM_HAS_DN MID_RHS_MATCH_FROM RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] REPLYTO_UNPARSEABLE TO_DN_NONE",
		R1
		"From: \"John Doe\" <john@example.com>\n"
		"To: jane@example.org\n"
		"Subject: Test message\n"
		"Message-ID: <abc123@example.com>\n"
		DATE MIME
		"Reply-To: garbage\n"
		BODY },
	{ "rt_bad2", NULL, NULL, NULL,
	  "FROM_HAS_DN MID_RHS_MATCH_FROM RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] REPLYTO_UNPARSEABLE TO_DN_NONE",
		R1
		"From: \"John Doe\" <john@example.com>\n"
		"To: jane@example.org\n"
		"Subject: Test message\n"
		"Message-ID: <abc123@example.com>\n"
		DATE MIME
		"Reply-To: <>\n"
		BODY },
	{ "rt_dom", NULL, NULL, NULL,
	  "FROM_HAS_DN HAS_REPLYTO[other@EXAMPLE.com] MID_RHS_MATCH_FROM RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] REPLYTO_DN_EQ_FROM_DN REPLYTO_DOM_EQ_FROM_DOM TO_DN_NONE",
		R1
		"From: \"John\" <john@example.com>\n"
		"To: jane@example.org\n"
		"Subject: Test message\n"
		"Message-ID: <abc123@example.com>\n"
		DATE MIME
		"Reply-To: \"John\" <other@EXAMPLE.com>\n"
		BODY },
	{ "rt_eq", NULL, NULL, NULL,
	  "FROM_HAS_DN HAS_REPLYTO[john@example.com] MID_RHS_MATCH_FROM RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] REPLYTO_EQ_FROM TO_DN_NONE",
		R1
		"From: \"John\" <john@example.com>\n"
		"To: jane@example.org\n"
		"Subject: Test message\n"
		"Message-ID: <abc123@example.com>\n"
		DATE MIME
		"Reply-To: \"John\" <john@example.com>\n"
		BODY },
	{ "rt_neq", NULL, NULL, NULL,
	  "FROM_HAS_DN HAS_REPLYTO[bob@other.com] MID_RHS_MATCH_FROM RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] REPLYTO_DOM_NEQ_FROM_DOM TO_DN_NONE",
		R1
		"From: \"John\" <john@example.com>\n"
		"To: jane@example.org\n"
		"Subject: Test message\n"
		"Message-ID: <abc123@example.com>\n"
		DATE MIME
		"Reply-To: \"Bob\" <bob@other.com>\n"
		BODY },
	{ "rt_nofrom", NULL, NULL, NULL,
	  "HAS_REPLYTO[a@b.com] MISSING_FROM RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] TO_DN_NONE",
		R1
		"To: jane@example.org\n"
		"Subject: Test message\n"
		"Message-ID: <abc123@example.com>\n"
		DATE MIME
		"Reply-To: a@b.com\n"
		BODY },
	{ "rt_to", NULL, NULL, NULL,
	  "FROM_HAS_DN HAS_REPLYTO[Bob@other.com] MID_RHS_MATCH_FROM RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] REPLYTO_EQ_TO_ADDR TO_DN_NONE",
		R1
		"From: \"John\" <john@example.com>\n"
		"To: bob@other.com\n"
		"Subject: Test message\n"
		"Message-ID: <abc123@example.com>\n"
		DATE MIME
		"Reply-To: Bob@other.com\n"
		BODY },
	{ "rt_to_list", NULL, NULL, NULL,
	  "FROM_HAS_DN HAS_REPLYTO[Bob@other.com] MID_RHS_MATCH_FROM RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] TO_DN_NONE",
		R1
		"From: \"John\" <john@example.com>\n"
		"To: bob@other.com\n"
		"Subject: Test message\n"
		"Message-ID: <abc123@example.com>\n"
		DATE MIME
		"Reply-To: Bob@other.com\n"
		"List-Unsubscribe: <mailto:x@y.com>\n"
		BODY },
	{ "subj_caps", NULL, NULL, NULL,
	  "FROM_HAS_DN MID_RHS_MATCH_FROM RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] SUBJ_ALL_CAPS[15](1.1250) TO_DN_NONE",
		R1
		"From: \"John Doe\" <john@example.com>\n"
		"To: jane@example.org\n"
		"Subject: HELLO WORLD 123\n"
		"Message-ID: <abc123@example.com>\n"
		DATE MIME BODY },
	{ "subj_caps_num", NULL, NULL, NULL,
	  "FROM_HAS_DN MID_RHS_MATCH_FROM RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] TO_DN_NONE",
		R1
		"From: \"John Doe\" <john@example.com>\n"
		"To: jane@example.org\n"
		"Subject: 123 456\n"
		"Message-ID: <abc123@example.com>\n"
		DATE MIME BODY },
	{ "subj_caps_re", NULL, NULL, NULL,
	  "FROM_HAS_DN MID_RHS_MATCH_FROM RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] SUBJ_ALL_CAPS[5](0.3750) TO_DN_NONE",
		R1
		"From: \"John Doe\" <john@example.com>\n"
		"To: jane@example.org\n"
		"Subject: Re: FWD: HELLO\n"
		"Message-ID: <abc123@example.com>\n"
		DATE MIME BODY },
	{ "subj_caps_utf", NULL, NULL, NULL,
	  "FROM_HAS_DN MID_RHS_MATCH_FROM RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] SUBJ_ALL_CAPS[5](0.3750) TO_DN_NONE",
		R1
		"From: \"John Doe\" <john@example.com>\n"
		"To: jane@example.org\n"
		"Subject: =?UTF-8?B?w4RQRkVM?=\n"
		"Message-ID: <abc123@example.com>\n"
		DATE MIME BODY },
	{ "subj_long", NULL, NULL, NULL,
	  "FROM_HAS_DN LONG_SUBJ[241](1.8075) MID_RHS_MATCH_FROM RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] TO_DN_NONE",
		R1
		"From: \"John Doe\" <john@example.com>\n"
		"To: jane@example.org\n"
		"Subject: xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy\n"
		"Message-ID: <abc123@example.com>\n"
		DATE MIME BODY },
	{ "subj_long_caps", NULL, NULL, NULL,
	  "FROM_HAS_DN LONG_SUBJ[329](2.4675) MID_RHS_MATCH_FROM RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] SUBJ_ALL_CAPS[329](3.0000) TO_DN_NONE",
		R1
		"From: \"John Doe\" <john@example.com>\n"
		"To: jane@example.org\n"
		"Subject: ABCDEFGHIJ ABCDEFGHIJ ABCDEFGHIJ ABCDEFGHIJ ABCDEFGHIJ ABCDEFGHIJ ABCDEFGHIJ ABCDEFGHIJ ABCDEFGHIJ ABCDEFGHIJ ABCDEFGHIJ ABCDEFGHIJ ABCDEFGHIJ ABCDEFGHIJ ABCDEFGHIJ ABCDEFGHIJ ABCDEFGHIJ ABCDEFGHIJ ABCDEFGHIJ ABCDEFGHIJ ABCDEFGHIJ ABCDEFGHIJ ABCDEFGHIJ ABCDEFGHIJ ABCDEFGHIJ ABCDEFGHIJ ABCDEFGHIJ ABCDEFGHIJ ABCDEFGHIJ ABCDEFGHIJ\n"
		"Message-ID: <abc123@example.com>\n"
		DATE MIME BODY },
	{ "subj_mixed", NULL, NULL, NULL,
	  "FROM_HAS_DN MID_RHS_MATCH_FROM RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] TO_DN_NONE",
		R1
		"From: \"John Doe\" <john@example.com>\n"
		"To: jane@example.org\n"
		"Subject: Hello WORLD\n"
		"Message-ID: <abc123@example.com>\n"
		DATE MIME BODY },
	{ "tagged", NULL, NULL, NULL,
	  "FROM_NO_DN MID_RHS_MATCH_FROM RCPT_COUNT_TWO[2] RCVD_COUNT_ONE[1] TAGGED_FROM[foo] TAGGED_RCPT[bar|baz] TO_DN_NONE",
		R1
		"From: john+foo@example.com\n"
		"To: jane+bar+baz@example.org, x@example.org\n"
		"Subject: Test message\n"
		"Message-ID: <abc123@example.com>\n"
		DATE MIME BODY },
	{ "tagged_env", "a+b@c.com", "d+e@f.com", NULL,
	  "FROM_NEQ_ENVFROM[john@example.com|a@c.com] FROM_NO_DN MID_RHS_MATCH_FROM RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] TAGGED_FROM[b] TAGGED_RCPT[e] TO_DN_NONE",
		R1
		"From: john@example.com\n"
		"To: jane@example.org\n"
		"Subject: Test message\n"
		"Message-ID: <abc123@example.com>\n"
		DATE MIME BODY },
	{ "tagged_eqenv", "john@example.com", NULL, NULL,
	  "FROM_EQ_ENVFROM FROM_NO_DN MID_RHS_MATCH_FROM RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] TAGGED_FROM[x] TO_DN_NONE",
		R1
		"From: john+x@example.com\n"
		"To: jane@example.org\n"
		"Subject: Test message\n"
		"Message-ID: <abc123@example.com>\n"
		DATE MIME BODY },
	{ "tagged_gmail", NULL, NULL, NULL,
	  "FROM_NO_DN RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] TAGGED_FROM TAGGED_RCPT[c] TO_DN_NONE TO_DOM_EQ_FROM_DOM",
		R1
		"From: j.o.hn@gmail.com\n"
		"To: a.b+c@googlemail.com\n"
		"Subject: Test message\n"
		"Message-ID: <abc123@example.com>\n"
		DATE MIME BODY },
	{ "to_8bit", NULL, NULL, NULL,
	  "FROM_HAS_DN INVALID_RCPT_8BIT MID_RHS_MATCH_FROM RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] TO_DN_NONE",
		R1
		"From: \"John Doe\" <john@example.com>\n"
		"To: b\303\266b@example.org\n"
		"Subject: Test message\n"
		"Message-ID: <abc123@example.com>\n"
		DATE MIME BODY },
	{ "to_8bit_list", NULL, NULL, NULL,  /* GMime drops the 8-bit one */
	  "FROM_HAS_DN INVALID_RCPT_8BIT MID_RHS_MATCH_FROM RCPT_COUNT_TWO[2] RCVD_COUNT_ONE[1] TO_DN_NONE",
		R1
		"From: \"John Doe\" <john@example.com>\n"
		"To: alice@example.org, b\366b@example.org\n"
		"Subject: Test message\n"
		"Message-ID: <abc123@example.com>\n"
		DATE MIME BODY },
	{ "to_8bit_list_first", NULL, NULL, NULL,
	  "FROM_HAS_DN INVALID_RCPT_8BIT MID_RHS_MATCH_FROM RCPT_COUNT_THREE[3] RCVD_COUNT_ONE[1] TO_DN_NONE",
		R1
		"From: \"John Doe\" <john@example.com>\n"
		"To: b\366b@example.org, alice@example.org\n"
		"Cc: carl@example.net\n"
		"Subject: Test message\n"
		"Message-ID: <abc123@example.com>\n"
		DATE MIME BODY },
	{ "to_8bit_comment", NULL, NULL, NULL,  /* 8-bit only in a comment */
	  "FROM_HAS_DN MID_RHS_MATCH_FROM RCPT_COUNT_TWO[2] RCVD_COUNT_ONE[1] TO_DN_NONE",
		R1
		"From: \"John Doe\" <john@example.com>\n"
		"To: alice@example.org, bob@example.org (J\366rg)\n"
		"Subject: Test message\n"
		"Message-ID: <abc123@example.com>\n"
		DATE MIME BODY },
	{ "broken_hdr_space", NULL, NULL, NULL,  /* a name with a space */
	  "BROKEN_HEADERS FROM_HAS_DN MID_RHS_MATCH_FROM RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] TO_DN_NONE",
		R1
		"From: \"John Doe\" <john@example.com>\n"
		"To: jane@example.org\n"
		"X-Foo bar: y\n"
		"Subject: Test message\n"
		"Message-ID: <abc123@example.com>\n"
		DATE MIME BODY },
	{ "broken_hdr_digit", NULL, NULL, NULL,  /* not a letter: skipped */
	  "FROM_HAS_DN MID_RHS_MATCH_FROM RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] TO_DN_NONE",
		R1
		"From: \"John Doe\" <john@example.com>\n"
		"To: jane@example.org\n"
		"1234 abc: d\n"
		"Subject: Test message\n"
		"Message-ID: <abc123@example.com>\n"
		DATE MIME BODY },
	{ "broken_hdr_part", NULL, NULL, NULL,  /* in a MIME part's headers */
	  "BROKEN_HEADERS FROM_HAS_DN MID_RHS_MATCH_FROM RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] TO_DN_NONE",
		R1
		"From: \"John Doe\" <john@example.com>\n"
		"To: jane@example.org\n"
		"Subject: Test message\n"
		"Message-ID: <abc123@example.com>\n"
		DATE
		"MIME-Version: 1.0\n"
		"Content-Type: multipart/mixed; boundary=\"BB\"\n"
		"\n"
		"--BB\n"
		"Content-Type: text/plain\n"
		"X-Foo bar: y\n"
		"\n"
		"hello\n"
		"--BB--\n" },
	{ "broken_hdr_part_ok", NULL, NULL, NULL,
	  "FROM_HAS_DN MID_RHS_MATCH_FROM RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] TO_DN_NONE",
		R1
		"From: \"John Doe\" <john@example.com>\n"
		"To: jane@example.org\n"
		"Subject: Test message\n"
		"Message-ID: <abc123@example.com>\n"
		DATE
		"MIME-Version: 1.0\n"
		"Content-Type: multipart/mixed; boundary=\"BB\"\n"
		"\n"
		"--BB\n"
		"Content-Type: text/plain\n"
		"\n"
		"hello\n"
		"--BB--\n" },
	{ "broken_hdr_no_end", NULL, NULL, NULL,  /* no empty line */
	  "BROKEN_HEADERS FROM_HAS_DN MID_RHS_MATCH_FROM RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] TO_DN_NONE",
		R1
		"From: \"John Doe\" <john@example.com>\n"
		"To: jane@example.org\n"
		"Subject: Test message\n"
		"Message-ID: <abc123@example.com>\n"
		DATE },
	{ "to_dom_eq", NULL, NULL, NULL,
	  "FROM_NO_DN MID_RHS_MATCH_FROM RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] TO_DN_NONE TO_DOM_EQ_FROM_DOM",
		R1
		"From: john@example.com\n"
		"To: bob@example.com\n"
		"Subject: Test message\n"
		"Message-ID: <abc123@example.com>\n"
		DATE MIME BODY },
	{ "to_eq_from", NULL, NULL, NULL,
	  "FROM_NO_DN MID_RHS_MATCH_FROM RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] TO_DN_NONE TO_EQ_FROM",
		R1
		"From: john@example.com\n"
		"To: John@Example.com\n"
		"Subject: Test message\n"
		"Message-ID: <abc123@example.com>\n"
		DATE MIME BODY },
	{ "xm_case", NULL, NULL, NULL,
	  "FROM_HAS_DN MID_RHS_MATCH_FROM RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] TO_DN_NONE XM_CASE",
		R1
		"From: \"John Doe\" <john@example.com>\n"
		"To: jane@example.org\n"
		"Subject: Test message\n"
		"Message-ID: <abc123@example.com>\n"
		DATE MIME
		"X-mailer: foo\n"
		BODY },
	{ "xm_ok", NULL, NULL, NULL,
	  "FROM_HAS_DN MID_RHS_MATCH_FROM RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] TO_DN_NONE",
		R1
		"From: \"John Doe\" <john@example.com>\n"
		"To: jane@example.org\n"
		"Subject: Test message\n"
		"Message-ID: <abc123@example.com>\n"
		DATE MIME
		"X-Mailer: foo\n"
		BODY },
	{ "b64_attach", NULL, NULL, NULL,
	  "FROM_NO_DN MIME_BASE64_TEXT MIME_BASE64_TEXT_BOGUS RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] TO_DN_NONE",
		R1
		"From: a@example.com\n"
		"To: b@example.org\n"
		"Subject: x\n"
		"MIME-Version: 1.0\n"
		"Content-Type: multipart/mixed; boundary=\"BB\"\n"
		"\n"
		"--BB\n"
		"Content-Type: text/plain\n"
		"\n"
		"hi\n"
		"--BB\n"
		"Content-Type: text/plain; name=\"a.txt\"\n"
		"Content-Disposition: attachment; filename=\"a.txt\"\n"
		"Content-Transfer-Encoding: base64\n"
		"\n"
		"aGVsbG8gd29ybGQK\n"
		"--BB--\n" },
	{ "b64_csv", NULL, NULL, NULL,
	  "FROM_NO_DN MIME_BASE64_TEXT MIME_BASE64_TEXT_BOGUS RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] TO_DN_NONE",
		R1
		"From: a@example.com\n"
		"To: b@example.org\n"
		"Subject: x\n"
		"MIME-Version: 1.0\n"
		"Content-Type: multipart/mixed; boundary=\"BB\"\n"
		"\n"
		"--BB\n"
		"Content-Type: text/plain\n"
		"\n"
		"hi\n"
		"--BB\n"
		"Content-Type: text/csv\n"
		"Content-Transfer-Encoding: base64\n"
		"\n"
		"aGVsbG8gd29ybGQK\n"
		"--BB--\n" },
	{ "b64_html", NULL, NULL, NULL,
	  "FROM_NO_DN MIME_BASE64_TEXT MIME_BASE64_TEXT_BOGUS RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] TO_DN_NONE",
		R1
		"From: a@example.com\n"
		"To: b@example.org\n"
		"Subject: x\n"
		"MIME-Version: 1.0\n"
		"Content-Type: text/html\n"
		"Content-Transfer-Encoding: base64\n"
		"\n"
		"PGI+aGVsbG88L2I+Cg==\n" },
	{ "b64_noct", NULL, NULL, NULL,
	  "FROM_NO_DN RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] TO_DN_NONE",
		R1
		"From: a@example.com\n"
		"To: b@example.org\n"
		"Subject: x\n"
		"MIME-Version: 1.0\n"
		"Content-Transfer-Encoding: base64\n"
		"\n"
		"aGVsbG8gd29ybGQK\n" },
	{ "b64_upper", NULL, NULL, NULL,
	  "FROM_NO_DN MIME_BASE64_TEXT MIME_BASE64_TEXT_BOGUS RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] TO_DN_NONE",
		R1
		"From: a@example.com\n"
		"To: b@example.org\n"
		"Subject: x\n"
		"MIME-Version: 1.0\n"
		"Content-Type: Text/Plain\n"
		"Content-Transfer-Encoding: Base64\n"
		"\n"
		"aGVsbG8gd29ybGQK\n" },
	{ "cc_first", NULL, NULL, NULL,
	  "FROM_NO_DN MID_RHS_MATCH_TO RCPT_COUNT_TWO[2] RCVD_COUNT_ONE[1] TO_DN_NONE",
		R1
		"From: john@example.com\n"
		"Subject: Test message\n"
		"Message-ID: <x@cc.net>\n"
		DATE MIME
		"Cc: c@cc.net\n"
		"To: t@to.net\n"
		BODY },
	{ "cc_only", NULL, NULL, NULL,
	  "FROM_HAS_DN MID_RHS_MATCH_FROM RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] TO_DN_NONE",
		R1
		"From: \"John Doe\" <john@example.com>\n"
		"Subject: Test message\n"
		"Message-ID: <abc123@example.com>\n"
		DATE MIME
		"Cc: a@example.org\n"
		BODY },
	{ "envfrom_bad", "foo", NULL, NULL,
	  "FROM_NO_DN MID_RHS_MATCH_FROM RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] TO_DN_NONE",
		R1
		"From: john@example.com\n"
		"To: jane@example.org\n"
		"Subject: Test message\n"
		"Message-ID: <abc123@example.com>\n"
		DATE MIME BODY },
	{ "envfrom_empty", NULL, NULL, NULL,
	  "FROM_NO_DN MID_RHS_MATCH_FROM RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] TO_DN_NONE",
		R1
		"From: john@example.com\n"
		"To: jane@example.org\n"
		"Subject: Test message\n"
		"Message-ID: <abc123@example.com>\n"
		DATE MIME
		"Return-Path: <>\n"
		BODY },
	{ "from_2047_space", NULL, NULL, NULL,
	  "FROM_HAS_DN FROM_NAME_EXCESS_SPACE RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] TO_DN_NONE",
		R1
		"From: =?UTF-8?Q?John__Doe?= <a@b.com>\n"
		"To: jane@example.org\n"
		"Subject: Test message\n"
		"Message-ID: <abc123@example.com>\n"
		DATE MIME BODY },
	{ "from_angle_multi", NULL, NULL, NULL,
	  "FROM_NO_DN MULTIPLE_FROM[<a@b.com>|c@d.com|<e@f.com>] RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] TO_DN_NONE",
		R1
		"From: <a@b.com>, c@d.com, \"E\" <e@f.com>\n"
		"To: jane@example.org\n"
		"Subject: Test message\n"
		"Message-ID: <abc123@example.com>\n"
		DATE MIME BODY },
	{ "from_dneq_tag", NULL, NULL, NULL,
	  "FROM_DN_EQ_ADDR MID_RHS_MATCH_FROM RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] TAGGED_FROM[x] TO_DN_NONE",
		R1
		"From: \"john@example.com\" <john+x@example.com>\n"
		"To: jane@example.org\n"
		"Subject: Test message\n"
		"Message-ID: <abc123@example.com>\n"
		DATE MIME BODY },
	{ "from_group", NULL, NULL, NULL,
	  "FROM_HAS_DN FROM_INVALID RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] TO_DN_NONE",
		R1
		"From: undisclosed-recipients:;\n"
		"To: jane@example.org\n"
		"Subject: Test message\n"
		"Message-ID: <abc123@example.com>\n"
		DATE MIME BODY },
	{ "from_multi3", NULL, NULL, NULL,
	  "FROM_NO_DN MULTIPLE_FROM[a@b.com|c@d.com|e@f.com] RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] TO_DN_NONE",
		R1
		"From: a@b.com, c@d.com, e@f.com\n"
		"To: jane@example.org\n"
		"Subject: Test message\n"
		"Message-ID: <abc123@example.com>\n"
		DATE MIME BODY },
	{ "from_nodn_empty", NULL, NULL, NULL,
	  "FROM_NO_DN RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] TO_DN_NONE",
		R1
		"From: \"\" <a@b.com>\n"
		"To: jane@example.org\n"
		"Subject: Test message\n"
		"Message-ID: <abc123@example.com>\n"
		DATE MIME BODY },
	{ "from_tab_space", NULL, NULL, NULL,
	  "FROM_HAS_DN FROM_NAME_HAS_TITLE[dr] RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] TO_DN_NONE",
		R1
		"From: \"Dr\tJohn\" <a@b.com>\n"
		"To: jane@example.org\n"
		"Subject: Test message\n"
		"Message-ID: <abc123@example.com>\n"
		DATE MIME BODY },
	{ "from_ws_dn", NULL, NULL, NULL,
	  "FROM_NO_DN RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] TO_DN_NONE",
		R1
		"From: \"  \" <a@b.com>\n"
		"To: jane@example.org\n"
		"Subject: Test message\n"
		"Message-ID: <abc123@example.com>\n"
		DATE MIME BODY },
	{ "gm_rcpts", NULL, NULL, NULL,
	  "FROM_NO_DN RCPT_COUNT_TWO[2] RCVD_COUNT_ONE[1] TAGGED_RCPT[t] TO_DN_NONE",
		R1
		"From: x@y.com\n"
		"To: a+t@example.org, z@googlemail.com\n"
		"Subject: Test message\n"
		"Message-ID: <x@gmail.com>\n"
		DATE MIME BODY },
	{ "mid_comment", NULL, NULL, NULL,
	  "FROM_HAS_DN MID_RHS_MATCH_FROM RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] TO_DN_NONE",
		R1
		"From: \"John Doe\" <john@example.com>\n"
		"To: jane@example.org\n"
		"Subject: Test message\n"
		"Message-ID: <abc@example.com> (comment)\n"
		DATE MIME BODY },
	{ "mid_from_tag", NULL, NULL, NULL,
	  "FROM_NO_DN MID_CONTAINS_FROM RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] TAGGED_FROM[x] TO_DN_NONE",
		R1
		"From: john+x@example.com\n"
		"To: jane@example.org\n"
		"Subject: Test message\n"
		"Message-ID: <john@example.com>\n"
		DATE MIME BODY },
	{ "mid_ip_nobr", NULL, NULL, NULL,
	  "FROM_HAS_DN MID_MISSING_BRACKETS RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] TO_DN_NONE",
		R1
		"From: \"John Doe\" <john@example.com>\n"
		"To: jane@example.org\n"
		"Subject: Test message\n"
		"Message-ID: abc@10.0.0.1\n"
		DATE MIME BODY },
	{ "mid_nobr_local", NULL, NULL, NULL,
	  "FROM_HAS_DN MID_MISSING_BRACKETS MID_RHS_NOT_FQDN RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] TO_DN_NONE",
		R1
		"From: \"John Doe\" <john@example.com>\n"
		"To: jane@example.org\n"
		"Subject: Test message\n"
		"Message-ID: abc@localhost\n"
		DATE MIME BODY },
	{ "mid_nodomain", NULL, NULL, NULL,
	  "FROM_HAS_DN RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] TO_DN_NONE",
		R1
		"From: \"John Doe\" <john@example.com>\n"
		"To: jane@example.org\n"
		"Subject: Test message\n"
		"Message-ID: <abc>\n"
		DATE MIME BODY },
	{ "mid_tld_co_uk", NULL, NULL, NULL,
	  "FROM_NO_DN MID_RHS_MATCH_FROMTLD RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] TO_DN_NONE",
		R1
		"From: a@mail.example.co.uk\n"
		"To: jane@example.org\n"
		"Subject: Test message\n"
		"Message-ID: <x@other.example.co.uk>\n"
		DATE MIME BODY },
	{ "mid_upper", NULL, NULL, NULL,
	  "FROM_HAS_DN MID_RHS_MATCH_FROM RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] TO_DN_NONE",
		R1
		"From: \"John Doe\" <john@example.com>\n"
		"To: jane@example.org\n"
		"Subject: Test message\n"
		"Message-ID: <abc@EXAMPLE.COM>\n"
		DATE MIME BODY },
	{ "mv_only", NULL, NULL, NULL,
	  "FROM_HAS_DN MID_RHS_MATCH_FROM RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] TO_DN_NONE",
		R1
		"From: \"John Doe\" <john@example.com>\n"
		"To: jane@example.org\n"
		"Subject: Test message\n"
		"Message-ID: <abc123@example.com>\n"
		DATE
		"MIME-Version: 1.0\n"
		BODY },
	{ "prevdel_cc", NULL, NULL, NULL,
	  "FROM_HAS_DN MID_RHS_MATCH_FROM PREVIOUSLY_DELIVERED[jane@example.org] RCPT_COUNT_TWO[2] RCVD_COUNT_ONE[1] TO_DN_NONE",
		"Received: from a\n"
		"\tby b with SMTP\n"
		"\tfor <jane@example.org>; Mon, 2 Jan 2023 10:00:00 +0000\n"
		"From: \"John Doe\" <john@example.com>\n"
		"To: x@y.com\n"
		"Subject: Test message\n"
		"Message-ID: <abc123@example.com>\n"
		DATE MIME
		"Cc: Jane@Example.org\n"
		BODY },
	{ "prevdel_nobr", NULL, NULL, NULL,
	  "FROM_HAS_DN MID_RHS_MATCH_FROM RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] TO_DN_NONE",
		"Received: from a by b with SMTP for jane@example.org; Mon, 2 Jan 2023 10:00:00 +0000\n"
		"From: \"John Doe\" <john@example.com>\n"
		"To: jane@example.org\n"
		"Subject: Test message\n"
		"Message-ID: <abc123@example.com>\n"
		DATE MIME BODY },
	{ "prio_003", NULL, NULL, NULL,
	  "FROM_HAS_DN HAS_X_PRIO_THREE[3] MID_RHS_MATCH_FROM RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] TO_DN_NONE",
		R1
		"From: \"John Doe\" <john@example.com>\n"
		"To: jane@example.org\n"
		"Subject: Test message\n"
		"Message-ID: <abc123@example.com>\n"
		DATE MIME
		"X-Priority: 0003\n"
		BODY },
	{ "prio_10", NULL, NULL, NULL,
	  "FROM_HAS_DN HAS_X_PRIO_FIVE[10] MID_RHS_MATCH_FROM RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] TO_DN_NONE",
		R1
		"From: \"John Doe\" <john@example.com>\n"
		"To: jane@example.org\n"
		"Subject: Test message\n"
		"Message-ID: <abc123@example.com>\n"
		DATE MIME
		"X-Priority: 10\n"
		BODY },
	{ "prio_dot", NULL, NULL, NULL,
	  "FROM_HAS_DN HAS_X_PRIO_THREE[3] MID_RHS_MATCH_FROM RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] TO_DN_NONE",
		R1
		"From: \"John Doe\" <john@example.com>\n"
		"To: jane@example.org\n"
		"Subject: Test message\n"
		"Message-ID: <abc123@example.com>\n"
		DATE MIME
		"X-Priority: 3.5\n"
		BODY },
	{ "prio_neg", NULL, NULL, NULL,
	  "FROM_HAS_DN MID_RHS_MATCH_FROM RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] TO_DN_NONE",
		R1
		"From: \"John Doe\" <john@example.com>\n"
		"To: jane@example.org\n"
		"Subject: Test message\n"
		"Message-ID: <abc123@example.com>\n"
		DATE MIME
		"X-Priority: -1\n"
		BODY },
	{ "prio_sp2", NULL, NULL, NULL,
	  "FROM_HAS_DN HAS_X_PRIO_TWO[2] MID_RHS_MATCH_FROM RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] TO_DN_NONE",
		R1
		"From: \"John Doe\" <john@example.com>\n"
		"To: jane@example.org\n"
		"Subject: Test message\n"
		"Message-ID: <abc123@example.com>\n"
		DATE MIME
		"X-Priority:   2\n"
		BODY },
	{ "prio_tab", NULL, NULL, NULL,
	  "FROM_HAS_DN HAS_X_PRIO_THREE[4] MID_RHS_MATCH_FROM RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] TO_DN_NONE",
		R1
		"From: \"John Doe\" <john@example.com>\n"
		"To: jane@example.org\n"
		"Subject: Test message\n"
		"Message-ID: <abc123@example.com>\n"
		DATE MIME
		"X-Priority: \t4\n"
		BODY },
	{ "rconfirm", NULL, NULL, NULL,
	  "FROM_HAS_DN HEADER_RCONFIRM_MISMATCH MID_RHS_MATCH_FROM RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] TO_DN_NONE",
		R1
		"From: \"John Doe\" <john@example.com>\n"
		"To: jane@example.org\n"
		"Subject: Test message\n"
		"Message-ID: <abc123@example.com>\n"
		DATE MIME
		"X-Confirm-Reading-To: other@x.com\n"
		BODY },
	{ "rconfirm_ok", NULL, NULL, NULL,
	  "FROM_HAS_DN MID_RHS_MATCH_FROM RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] TO_DN_NONE",
		R1
		"From: \"John Doe\" <john@example.com>\n"
		"To: jane@example.org\n"
		"Subject: Test message\n"
		"Message-ID: <abc123@example.com>\n"
		DATE MIME
		"X-Confirm-Reading-To: john@example.com\n"
		BODY },
	{ "rcvd_garbage", NULL, NULL, NULL,
	  "FROM_HAS_DN MID_RHS_MATCH_FROM RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] TO_DN_NONE",
		"Received: garbage here\n"
		"Received: (qmail 1 invoked from network); 2 Jan 2023\n"
		R1
		"From: \"John Doe\" <john@example.com>\n"
		"To: jane@example.org\n"
		"Subject: Test message\n"
		"Message-ID: <abc123@example.com>\n"
		DATE MIME BODY },
	{ "rt_8bit", NULL, NULL, NULL,
	  "FROM_HAS_DN HAS_REPLYTO[jö@example.com] MID_RHS_MATCH_FROM RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] REPLYTO_DOM_EQ_FROM_DOM TO_DN_NONE",
		R1
		"From: \"John Doe\" <john@example.com>\n"
		"To: jane@example.org\n"
		"Subject: Test message\n"
		"Message-ID: <abc123@example.com>\n"
		DATE MIME
		"Reply-To: j\303\266@example.com\n"
		BODY },
	{ "rt_atbar", NULL, NULL, NULL,
	  "FROM_HAS_DN HAS_REPLYTO[@bar.com] MID_RHS_MATCH_FROM RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] REPLYTO_DOM_NEQ_FROM_DOM TO_DN_NONE",
		R1
		"From: \"John Doe\" <john@example.com>\n"
		"To: jane@example.org\n"
		"Subject: Test message\n"
		"Message-ID: <abc123@example.com>\n"
		DATE MIME
		"Reply-To: @bar.com\n"
		BODY },
	{ "rt_empty", NULL, NULL, NULL,
	  "FROM_HAS_DN MID_RHS_MATCH_FROM RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] REPLYTO_UNPARSEABLE TO_DN_NONE",
		R1
		"From: \"John Doe\" <john@example.com>\n"
		"To: jane@example.org\n"
		"Subject: Test message\n"
		"Message-ID: <abc123@example.com>\n"
		DATE MIME
		"Reply-To: \n"
		BODY },
	{ "rt_eq_fold", NULL, NULL, NULL,
	  "FROM_HAS_DN HAS_REPLYTO[john@example.com] MID_RHS_MATCH_FROM RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] REPLYTO_EQ_FROM TO_DN_NONE",
		R1
		"From: \"John\"\n"
		" <john@example.com>\n"
		"To: jane@example.org\n"
		"Subject: Test message\n"
		"Message-ID: <abc123@example.com>\n"
		DATE MIME
		"Reply-To: \"John\"\n"
		" <john@example.com>\n"
		BODY },
	{ "rt_eq_ws", NULL, NULL, NULL,
	  "FROM_HAS_DN HAS_REPLYTO[john@example.com] MID_RHS_MATCH_FROM RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] REPLYTO_ADDR_EQ_FROM REPLYTO_DN_EQ_FROM_DN TO_DN_NONE",
		R1
		"From: \"John\"  <john@example.com>\n"
		"To: jane@example.org\n"
		"Subject: Test message\n"
		"Message-ID: <abc123@example.com>\n"
		DATE MIME
		"Reply-To: \"John\" <john@example.com>\n"
		BODY },
	{ "rt_named_only", NULL, NULL, NULL,
	  "FROM_HAS_DN MID_RHS_MATCH_FROM RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] REPLYTO_UNPARSEABLE TO_DN_NONE",
		R1
		"From: \"John Doe\" <john@example.com>\n"
		"To: jane@example.org\n"
		"Subject: Test message\n"
		"Message-ID: <abc123@example.com>\n"
		DATE MIME
		"Reply-To: John Doe\n"
		BODY },
	{ "rt_noat", NULL, NULL, NULL,
	  "FROM_HAS_DN HAS_REPLYTO[foo@] MID_RHS_MATCH_FROM RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] REPLYTO_DOM_NEQ_FROM_DOM TO_DN_NONE",
		R1
		"From: \"John Doe\" <john@example.com>\n"
		"To: jane@example.org\n"
		"Subject: Test message\n"
		"Message-ID: <abc123@example.com>\n"
		DATE MIME
		"Reply-To: foo@\n"
		BODY },
	{ "rt_two", NULL, NULL, NULL,
	  "FROM_HAS_DN HAS_REPLYTO[a@b.com] MID_RHS_MATCH_FROM RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] REPLYTO_DOM_NEQ_FROM_DOM TO_DN_NONE",
		R1
		"From: \"John Doe\" <john@example.com>\n"
		"To: jane@example.org\n"
		"Subject: Test message\n"
		"Message-ID: <abc123@example.com>\n"
		DATE MIME
		"Reply-To: a@b.com, c@d.com\n"
		BODY },
	{ "subj_bang", NULL, NULL, NULL,
	  "FROM_HAS_DN MID_RHS_MATCH_FROM RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] SUBJ_ALL_CAPS[8](0.6000) TO_DN_NONE",
		R1
		"From: \"John Doe\" <john@example.com>\n"
		"To: jane@example.org\n"
		"Subject: HELLO!!!\n"
		"Message-ID: <abc123@example.com>\n"
		DATE MIME BODY },
	{ "subj_digits_caps", NULL, NULL, NULL,
	  "FROM_HAS_DN MID_RHS_MATCH_FROM RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] SUBJ_ALL_CAPS[22](1.6500) TO_DN_NONE",
		R1
		"From: \"John Doe\" <john@example.com>\n"
		"To: jane@example.org\n"
		"Subject: ORDER #12345 CONFIRMED\n"
		"Message-ID: <abc123@example.com>\n"
		DATE MIME BODY },
	{ "subj_empty", NULL, NULL, NULL,
	  "FROM_HAS_DN MID_RHS_MATCH_FROM RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] TO_DN_NONE",
		R1
		"From: \"John Doe\" <john@example.com>\n"
		"To: jane@example.org\n"
		"Subject: \n"
		"Message-ID: <abc123@example.com>\n"
		DATE MIME BODY },
	{ "subj_greek", NULL, NULL, NULL,
	  "FROM_HAS_DN MID_RHS_MATCH_FROM RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] SUBJ_ALL_CAPS[3](0.2250) TO_DN_NONE",
		R1
		"From: \"John Doe\" <john@example.com>\n"
		"To: jane@example.org\n"
		"Subject: =?UTF-8?B?zpHOks6T?=\n"
		"Message-ID: <abc123@example.com>\n"
		DATE MIME BODY },
	{ "subj_long_utf", NULL, NULL, NULL,
	  "FROM_HAS_DN LONG_SUBJ[201](1.5075) MID_RHS_MATCH_FROM RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] TO_DN_NONE",
		R1
		"From: \"John Doe\" <john@example.com>\n"
		"To: jane@example.org\n"
		"Subject: =?UTF-8?B?w6TDpMOkw6TDpMOkw6TDpMOkw6TDpMOkw6TDpMOkw6TDpMOkw6TDpMOkw6TDpMOkw6TDpMOkw6TDpMOkw6TDpMOkw6TDpMOkw6TDpMOkw6TDpMOkw6TDpMOkw6TDpMOkw6TDpMOkw6TDpMOkw6TDpMOkw6TDpMOkw6TDpMOkw6TDpMOkw6TDpMOkw6TDpMOkw6TDpMOkw6TDpMOkw6TDpMOkw6TDpMOkw6TDpMOkw6TDpMOkw6TDpMOkw6TDpMOkw6TDpMOkw6TDpMOkw6TDpMOkw6TDpMOkw6TDpMOkw6TDpMOkw6TDpMOkw6TDpMOkw6TDpMOkw6TDpMOkw6TDpMOkw6TDpMOkw6TDpMOkw6TDpMOkw6TDpMOkw6TDpMOkw6TDpMOkw6TDpMOkw6TDpMOkw6TDpMOkw6TDpMOkw6TDpMOkw6TDpMOkw6TDpMOkw6TDpMOkw6TDpMOkw6TDpMOkw6TDpMOkw6TDpMOkw6TDpMOkw6TDpMOkw6TDpMOkw6TDpMOkw6TDpMOkw6TDpMOk?=\n"
		"Message-ID: <abc123@example.com>\n"
		DATE MIME BODY },
	{ "subj_re_mixed", NULL, NULL, NULL,
	  "FROM_HAS_DN MID_RHS_MATCH_FROM RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] TO_DN_NONE",
		R1
		"From: \"John Doe\" <john@example.com>\n"
		"To: jane@example.org\n"
		"Subject: RE:  HELLO world\n"
		"Message-ID: <abc123@example.com>\n"
		DATE MIME BODY },
	{ "subj_re_only", NULL, NULL, NULL,
	  "FROM_HAS_DN MID_RHS_MATCH_FROM RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] TO_DN_NONE",
		R1
		"From: \"John Doe\" <john@example.com>\n"
		"To: jane@example.org\n"
		"Subject: Re: \n"
		"Message-ID: <abc123@example.com>\n"
		DATE MIME BODY },
	{ "subj_rere", NULL, NULL, NULL,
	  "FROM_HAS_DN MID_RHS_MATCH_FROM RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] SUBJ_ALL_CAPS[5](0.3750) TO_DN_NONE",
		R1
		"From: \"John Doe\" <john@example.com>\n"
		"To: jane@example.org\n"
		"Subject: Re: re:HELLO\n"
		"Message-ID: <abc123@example.com>\n"
		DATE MIME BODY },
	{ "subj_resp", NULL, NULL, NULL,
	  "FROM_HAS_DN MID_RHS_MATCH_FROM RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] SUBJ_ALL_CAPS[2](0.1500) TO_DN_NONE",
		R1
		"From: \"John Doe\" <john@example.com>\n"
		"To: jane@example.org\n"
		"Subject: Re:HI\n"
		"Message-ID: <abc123@example.com>\n"
		DATE MIME BODY },
	{ "subj_single", NULL, NULL, NULL,
	  "FROM_HAS_DN MID_RHS_MATCH_FROM RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] SUBJ_ALL_CAPS[1](0.0750) TO_DN_NONE",
		R1
		"From: \"John Doe\" <john@example.com>\n"
		"To: jane@example.org\n"
		"Subject: A\n"
		"Message-ID: <abc123@example.com>\n"
		DATE MIME BODY },
	{ "subj_sv", NULL, NULL, NULL,
	  "FROM_HAS_DN MID_RHS_MATCH_FROM RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] SUBJ_ALL_CAPS[3](0.2250) TO_DN_NONE",
		R1
		"From: \"John Doe\" <john@example.com>\n"
		"To: jane@example.org\n"
		"Subject: Sv: ABC\n"
		"Message-ID: <abc123@example.com>\n"
		DATE MIME BODY },
	{ "tag_both", NULL, NULL, NULL,
	  "FROM_EQ_ENVFROM FROM_NO_DN MID_RHS_MATCH_FROM RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] TAGGED_FROM[foo] TO_DN_NONE",
		R1
		"From: john+foo@example.com\n"
		"To: jane@example.org\n"
		"Subject: Test message\n"
		"Message-ID: <abc123@example.com>\n"
		DATE MIME
		"Return-Path: <john+foo@example.com>\n"
		BODY },
	{ "tag_plus_first", NULL, NULL, NULL,
	  "FROM_NO_DN MID_RHS_MATCH_FROM RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] TO_DN_NONE",
		R1
		"From: +foo@example.com\n"
		"To: jane@example.org\n"
		"Subject: Test message\n"
		"Message-ID: <abc123@example.com>\n"
		DATE MIME BODY },
	{ "tag_to_eq", NULL, NULL, NULL,
	  "FROM_NO_DN MID_RHS_MATCH_FROM RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] TAGGED_RCPT[x] TO_DN_NONE TO_EQ_FROM",
		R1
		"From: john@example.com\n"
		"To: john+x@example.com\n"
		"Subject: Test message\n"
		"Message-ID: <abc123@example.com>\n"
		DATE MIME BODY },
	{ "to_dneq_all", NULL, NULL, NULL,
	  "FROM_HAS_DN MID_RHS_MATCH_FROM RCPT_COUNT_TWO[2] RCVD_COUNT_ONE[1] TO_DN_EQ_ADDR_ALL",
		R1
		"From: \"John Doe\" <john@example.com>\n"
		"To: \"a@b.com\" <a@b.com>, \"C@D.com\" <c@d.com>\n"
		"Subject: Test message\n"
		"Message-ID: <abc123@example.com>\n"
		DATE MIME BODY },
	{ "to_empty", NULL, NULL, NULL,
	  "FROM_HAS_DN MID_RHS_MATCH_FROM RCPT_COUNT_ZERO[0] RCVD_COUNT_ONE[1] TO_DN_EQ_ADDR_ALL TO_DN_NONE TO_MATCH_ENVRCPT_ALL",
		R1
		"From: \"John Doe\" <john@example.com>\n"
		"To: \n"
		"Subject: Test message\n"
		"Message-ID: <abc123@example.com>\n"
		DATE MIME BODY },
	{ "to_first", NULL, NULL, NULL,
	  "FROM_NO_DN RCPT_COUNT_TWO[2] RCVD_COUNT_ONE[1] TO_DN_NONE",
		R1
		"From: john@example.com\n"
		"To: t@to.net\n"
		"Subject: Test message\n"
		"Message-ID: <x@cc.net>\n"
		DATE MIME
		"Cc: c@cc.net\n"
		BODY },
	{ "to_recipient", NULL, NULL, NULL,
	  "FROM_HAS_DN MID_RHS_MATCH_FROM RCPT_COUNT_TWO[2] RCVD_COUNT_ONE[1] TO_DN_ALL TO_DN_RECIPIENTS",
		R1
		"From: \"John Doe\" <john@example.com>\n"
		"To: \"recipient\" <a@b.com>, \"X\" <x@y.com>\n"
		"Subject: Test message\n"
		"Message-ID: <abc123@example.com>\n"
		DATE MIME BODY },
	{ "to_recipients", NULL, NULL, NULL,
	  "FROM_HAS_DN MID_RHS_MATCH_FROM RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] TO_DN_ALL TO_DN_RECIPIENTS",
		R1
		"From: \"John Doe\" <john@example.com>\n"
		"To: Recipients <a@b.com>\n"
		"Subject: Test message\n"
		"Message-ID: <abc123@example.com>\n"
		DATE MIME BODY },
	{ "foo_bar", NULL, NULL, NULL,
	  "FROM_HAS_DN FROM_INVALID RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] TO_DN_ALL TO_EQ_FROM",
		R1
		"From: foo\n"
		"To: bar\n"
		"Subject: Test message\n"
		"Message-ID: <abc123@example.com>\n"
		DATE MIME BODY },
	{ "foo_grp", NULL, NULL, NULL,
	  "FROM_HAS_DN FROM_INVALID RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] TO_DN_ALL TO_EQ_FROM",
		R1
		"From: foo\n"
		"To: undisclosed-recipients:;\n"
		"Subject: Test message\n"
		"Message-ID: <abc123@example.com>\n"
		DATE MIME BODY },
	{ "from_2047_addr", NULL, NULL, NULL,
	  "FROM_HAS_DN MID_RHS_MATCH_FROM RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] TO_DN_NONE",
		R1
		"From: =?UTF-8?B?Sm9obg==?= <john@example.com>\n"
		"To: jane@example.org\n"
		"Subject: Test message\n"
		"Message-ID: <abc123@example.com>\n"
		DATE MIME BODY },
	{ "from_8bit_local", NULL, NULL, NULL,
	  "FROM_INVALID FROM_NO_DN INVALID_FROM_8BIT MID_RHS_MATCH_FROM RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] TO_DN_NONE",
		R1
		"From: \303\274@example.com\n"
		"To: jane@example.org\n"
		"Subject: Test message\n"
		"Message-ID: <abc123@example.com>\n"
		DATE MIME BODY },
	{ "from_idn", NULL, NULL, NULL,
	  "FROM_INVALID FROM_NO_DN INVALID_FROM_8BIT RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] TO_DN_NONE",
		R1
		"From: a@b\303\274cher.de\n"
		"To: jane@example.org\n"
		"Subject: Test message\n"
		"Message-ID: <abc123@example.com>\n"
		DATE MIME BODY },
	{ "from_multi_hdr", NULL, NULL, NULL,
	  "FROM_NO_DN MULTIPLE_FROM[a@b.com|<c@d.com>] MULTIPLE_UNIQUE_HEADERS[From](7.0000) RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] TO_DN_NONE",
		R1
		"From: a@b.com\n"
		"To: jane@example.org\n"
		"Subject: Test message\n"
		"Message-ID: <abc123@example.com>\n"
		DATE MIME
		"From: \"X\" <c@d.com>\n"
		BODY },
	{ "mdn_empty", NULL, NULL, NULL,
	  "FROM_NO_DN HEADER_FORGED_MDN MID_RHS_MATCH_FROM RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] TO_DN_NONE",
		R1
		"From: john@example.com\n"
		"To: jane@example.org\n"
		"Subject: Test message\n"
		"Message-ID: <abc123@example.com>\n"
		DATE MIME
		"Disposition-Notification-To: \n"
		BODY },
	{ "mdn_garbage", "john@example.com", NULL, NULL,
	  "FROM_EQ_ENVFROM FROM_NO_DN HEADER_FORGED_MDN MID_RHS_MATCH_FROM RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] TO_DN_NONE",
		R1
		"From: john@example.com\n"
		"To: jane@example.org\n"
		"Subject: Test message\n"
		"Message-ID: <abc123@example.com>\n"
		DATE MIME
		"Disposition-Notification-To: garbage\n"
		BODY },
	{ "mdn_garbage_norp", NULL, NULL, NULL,
	  "FROM_NO_DN HEADER_FORGED_MDN MID_RHS_MATCH_FROM RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] TO_DN_NONE",
		R1
		"From: john@example.com\n"
		"To: jane@example.org\n"
		"Subject: Test message\n"
		"Message-ID: <abc123@example.com>\n"
		DATE MIME
		"Disposition-Notification-To: garbage\n"
		BODY },
	{ "mdn_multi", "john@example.com", NULL, NULL,
	  "FROM_EQ_ENVFROM FROM_NO_DN MID_RHS_MATCH_FROM RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] TO_DN_NONE",
		R1
		"From: john@example.com\n"
		"To: jane@example.org\n"
		"Subject: Test message\n"
		"Message-ID: <abc123@example.com>\n"
		DATE MIME
		"Disposition-Notification-To: x@y.com, John@example.com\n"
		BODY },
	{ "mid_2047", NULL, NULL, NULL,
	  "FROM_HAS_DN MID_RHS_NOT_FQDN RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] TO_DN_NONE",
		R1
		"From: \"John Doe\" <john@example.com>\n"
		"To: jane@example.org\n"
		"Subject: Test message\n"
		"Message-ID: =?UTF-8?Q?<abc@localhost>?=\n"
		DATE MIME BODY },
	{ "mid_cpre", NULL, NULL, NULL,
	  "FROM_HAS_DN MID_RHS_NOT_FQDN RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] TO_DN_NONE",
		R1
		"From: \"John Doe\" <john@example.com>\n"
		"To: jane@example.org\n"
		"Subject: Test message\n"
		"Message-ID: (c)<abc@localhost>\n"
		DATE MIME BODY },
	{ "mid_semi", NULL, NULL, NULL,
	  "FROM_HAS_DN MID_MISSING_BRACKETS RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] TO_DN_NONE",
		R1
		"From: \"John Doe\" <john@example.com>\n"
		"To: jane@example.org\n"
		"Subject: Test message\n"
		"Message-ID: <abc@example.com>;\n"
		DATE MIME BODY },
	{ "mid_sp_in", NULL, NULL, NULL,
	  "FROM_HAS_DN MID_RHS_MATCH_FROM RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] TO_DN_NONE",
		R1
		"From: \"John Doe\" <john@example.com>\n"
		"To: jane@example.org\n"
		"Subject: Test message\n"
		"Message-ID: <abc @example.com>\n"
		DATE MIME BODY },
	{ "mid_tab", NULL, NULL, NULL,
	  "FROM_HAS_DN MID_RHS_MATCH_FROM RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] TO_DN_NONE",
		R1
		"From: \"John Doe\" <john@example.com>\n"
		"To: jane@example.org\n"
		"Subject: Test message\n"
		"Message-ID: <abc@example.com>\t(x y)\n"
		DATE MIME BODY },
	{ "mid_two", NULL, NULL, NULL,
	  "FROM_HAS_DN MID_MISSING_BRACKETS MID_RHS_NOT_FQDN RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] TO_DN_NONE",
		R1
		"From: \"John Doe\" <john@example.com>\n"
		"To: jane@example.org\n"
		"Subject: Test message\n"
		"Message-ID: <abc@example.com> <c@localhost>\n"
		DATE MIME BODY },
	{ "mid_x", NULL, NULL, NULL,
	  "FROM_HAS_DN MID_MISSING_BRACKETS RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] TO_DN_NONE",
		R1
		"From: \"John Doe\" <john@example.com>\n"
		"To: jane@example.org\n"
		"Subject: Test message\n"
		"Message-ID: <abc@example.com>x\n"
		DATE MIME BODY },
	{ "nm_nodn", NULL, NULL, NULL,
	  "FROM_NO_DN HAS_REPLYTO[a@example.com] MID_RHS_MATCH_FROM RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] REPLYTO_ADDR_EQ_FROM REPLYTO_DN_EQ_FROM_DN TO_DN_NONE",
		R1
		"From: a@example.com\n"
		"To: jane@example.org\n"
		"Subject: Test message\n"
		"Message-ID: <abc123@example.com>\n"
		DATE MIME
		"Reply-To: <a@example.com>\n"
		BODY },
	{ "nm_nodn2", NULL, NULL, NULL,
	  "FROM_NO_DN HAS_REPLYTO[b@other.com] MID_RHS_MATCH_FROM RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] REPLYTO_DN_EQ_FROM_DN REPLYTO_DOM_NEQ_FROM_DOM TO_DN_NONE",
		R1
		"From: a@example.com\n"
		"To: jane@example.org\n"
		"Subject: Test message\n"
		"Message-ID: <abc123@example.com>\n"
		DATE MIME
		"Reply-To: b@other.com\n"
		BODY },
	{ "prio_multi", NULL, NULL, NULL,
	  "FROM_HAS_DN MID_RHS_MATCH_FROM RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] TO_DN_NONE",
		R1
		"From: \"John Doe\" <john@example.com>\n"
		"To: jane@example.org\n"
		"Subject: Test message\n"
		"Message-ID: <abc123@example.com>\n"
		DATE MIME
		"X-Priority: x\n"
		"X-Priority: 1\n"
		BODY },
	{ "rconf_garb", NULL, NULL, NULL,
	  "FROM_NO_DN MID_RHS_MATCH_FROM RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] TO_DN_NONE",
		R1
		"From: john@example.com\n"
		"To: jane@example.org\n"
		"Subject: Test message\n"
		"Message-ID: <abc123@example.com>\n"
		DATE MIME
		"X-Confirm-Reading-To: garbage\n"
		BODY },
	{ "rconf_sub", NULL, NULL, NULL,
	  "FROM_NO_DN MID_RHS_MATCH_FROM RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] TO_DN_NONE",
		R1
		"From: john@example.com\n"
		"To: jane@example.org\n"
		"Subject: Test message\n"
		"Message-ID: <abc123@example.com>\n"
		DATE MIME
		"X-Confirm-Reading-To: hn@example.com\n"
		BODY },
	{ "rt_dn_ws", NULL, NULL, NULL,
	  "FROM_HAS_DN HAS_REPLYTO[b@other.com] MID_RHS_MATCH_FROM RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] REPLYTO_DN_EQ_FROM_DN REPLYTO_DOM_NEQ_FROM_DOM TO_DN_NONE",
		R1
		"From: John <a@example.com>\n"
		"To: jane@example.org\n"
		"Subject: Test message\n"
		"Message-ID: <abc123@example.com>\n"
		DATE MIME
		"Reply-To: john <b@other.com>\n"
		BODY },
	{ "rt_from_foo", NULL, NULL, NULL,
	  "FROM_HAS_DN FROM_INVALID HAS_REPLYTO[a@b.com] RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] REPLYTO_DOM_NEQ_FROM_DOM TO_DN_NONE",
		R1
		"From: foo\n"
		"To: jane@example.org\n"
		"Subject: Test message\n"
		"Message-ID: <abc123@example.com>\n"
		DATE MIME
		"Reply-To: a@b.com\n"
		BODY },
	{ "subj_fwd_multi", NULL, NULL, NULL,
	  "FROM_HAS_DN MID_RHS_MATCH_FROM RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] SUBJ_ALL_CAPS[2](0.1500) TO_DN_NONE",
		R1
		"From: \"John Doe\" <john@example.com>\n"
		"To: jane@example.org\n"
		"Subject: Fwd: Re: Fw: AW: Antwort: HI\n"
		"Message-ID: <abc123@example.com>\n"
		DATE MIME BODY },
	{ "subj_lower_utf", NULL, NULL, NULL,
	  "FROM_HAS_DN MID_RHS_MATCH_FROM RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] TO_DN_NONE",
		R1
		"From: \"John Doe\" <john@example.com>\n"
		"To: jane@example.org\n"
		"Subject: =?UTF-8?B?QUJDIMOp?=\n"
		"Message-ID: <abc123@example.com>\n"
		DATE MIME BODY },
	{ "subj_re_re", NULL, NULL, NULL,
	  "FROM_HAS_DN MID_RHS_MATCH_FROM RCPT_COUNT_ONE[1] RCVD_COUNT_ONE[1] TO_DN_NONE",
		R1
		"From: \"John Doe\" <john@example.com>\n"
		"To: jane@example.org\n"
		"Subject: Re: Re:\n"
		"Message-ID: <abc123@example.com>\n"
		DATE MIME BODY },
	{ "to_grp_members", NULL, NULL, NULL,
	  "FROM_HAS_DN MID_RHS_MATCH_FROM RCPT_COUNT_TWO[2] RCVD_COUNT_ONE[1] TO_DN_SOME",
		R1
		"From: \"John Doe\" <john@example.com>\n"
		"To: friends: a@b.com, \"C\" <c@d.com>;\n"
		"Subject: Test message\n"
		"Message-ID: <abc123@example.com>\n"
		DATE MIME BODY },
	{ "to_noname_eq", NULL, NULL, NULL,
	  "FROM_HAS_DN MID_RHS_MATCH_FROM RCPT_COUNT_TWO[2] RCVD_COUNT_ONE[1] TO_DN_NONE",
		R1
		"From: \"John Doe\" <john@example.com>\n"
		"To: \"\" <a@b.com>, c@d.com\n"
		"Subject: Test message\n"
		"Message-ID: <abc123@example.com>\n"
		DATE MIME BODY },
};

static bool dynamic(const char *name)
{
	return strcmp(name, "SUBJ_ALL_CAPS") == 0 ||
	       strcmp(name, "LONG_SUBJ") == 0 ||
	       strcmp(name, "MULTIPLE_UNIQUE_HEADERS") == 0;
}

static void run_case(struct scan_ctx *c, const struct tcase *t)
{
	struct scan_envelope env;
	const char *rcpts[2];
	struct msg m;
	char got[4096];

	memset(&env, 0, sizeof(env));
	env.from = t->env_from;
	env.rcpts = rcpts;
	if (t->rcpt1 != NULL)
		rcpts[env.n_rcpts++] = t->rcpt1;
	if (t->rcpt2 != NULL)
		rcpts[env.n_rcpts++] = t->rcpt2;
	env.now = 1672653600;
	case_begin(c, &m, t->name, t->msg, &env);
	run_area(c, &rules_headers);
	run_area(c, &rules_mid);
	run_area(c, &rules_subject);
	describe_syms(c, got, sizeof(got), dynamic);
	test_assert_str(got, t->want);
	case_end(&m);
}

int main(void)
{
	struct test_scan t;
	size_t i;

	test_scan_open(&t);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		run_case(t.c, &cases[i]);
	test_scan_close(&t);
	return test_done();
}
