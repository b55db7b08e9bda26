/*
 * test-scan-regexp.c - the rule areas of rules_regexp.c (Rspamd's regexp
 * module rules that need only the message) and rules_maillist.c (the
 * maillist plugin), through the real msg_parse() and scan context.
 *
 * Each case's expected symbols are what the real rspamd 3.4 gave for the
 * same bytes (rspamc -j against the test suite's loopback rspamd, no
 * envelope), restricted to the symbols these two areas insert:
 * "NAME[option|option]" sorted by name, with "(score)" for MAILLIST, whose
 * score is dynamic. Most cases are a small change to one base message that
 * fires none of them ("base"); pairs like ratware/ratware_no show a rule
 * firing and, on a near miss, staying silent.
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

extern const struct rule_area rules_maillist;

#define H_FROM "From: Joe <joe@example.com>\n"
#define H_TO "To: bob@example.org\n"
#define H_SUBJ "Subject: hello\n"
#define H_MID "Message-ID: <abc123@example.com>\n"
#define H_DATE "Date: Mon, 1 Jan 2024 00:00:00 +0000\n"
#define H_MV "MIME-Version: 1.0\n"
#define H_CT "Content-Type: text/plain; charset=us-ascii\n"
#define NL "\n"
#define BODY "Hello world\n"

struct tcase {
	const char *name;
	const char *want;
	const char *msg;
};

static const struct tcase cases[] = {
	{ "antiabuse",
	  "HAS_X_ANTIABUSE",
		H_FROM H_TO H_SUBJ H_MID H_DATE H_MV H_CT
		"X-AntiAbuse: Primary Hostname - host.example.com\n"
		NL BODY },
	{ "bad_mid",
	  "INVALID_MSGID",
		H_FROM H_TO H_SUBJ
		"Message-ID: abc\n"
		H_DATE H_MV H_CT NL BODY },
	{ "bad_mid2",
	  "INVALID_MSGID",
		H_FROM H_TO H_SUBJ
		"Message-ID: <abc def@example.com>\n"
		H_DATE H_MV H_CT NL BODY },
	{ "bad_mid_ok",
	  "",
		H_FROM H_TO H_SUBJ
		"Message-ID: <abc@example.com> (comment)\n"
		H_DATE H_MV H_CT NL BODY },
	{ "base",
	  "",
		H_FROM H_TO H_SUBJ H_MID H_DATE H_MV H_CT NL BODY },
	{ "bat_boun",
	  "FORGED_MUA_THEBAT_BOUN FORGED_MUA_THEBAT_MSGID_UNKNOWN OLD_X_MAILER",
		H_FROM H_TO H_SUBJ H_MID H_DATE H_MV
		"Content-Type: multipart/mixed; boundary=\"xyz\"\n"
		"X-Mailer: The Bat! (v1.62r)\n"
		NL
		"--xyz\n"
		"Content-Type: text/plain\n"
		NL
		"hi\n"
		"--xyz--\n" },
	{ "bat_msgid",
	  "FORGED_MUA_THEBAT_MSGID",
		H_FROM H_TO H_SUBJ
		"Message-ID: <123.456@example.com>\n"
		H_DATE H_MV H_CT
		"X-Mailer: The Bat! (v3.5.25) Professional\n"
		NL BODY },
	{ "bat_ok",
	  "",
		H_FROM H_TO H_SUBJ
		"Message-ID: <1234.20050101120000@example.com>\n"
		H_DATE H_MV H_CT
		"X-Mailer: The Bat! (v3.5.25) Professional\n"
		NL BODY },
	{ "bat_unk",
	  "FORGED_MUA_THEBAT_MSGID_UNKNOWN",
		H_FROM H_TO H_SUBJ H_MID H_DATE H_MV H_CT
		"X-Mailer: The Bat! (v3.5.25) Professional\n"
		NL BODY },
	{ "bounce",
	  "SUBJ_BOUNCE_WORDS",
		H_FROM H_TO
		"Subject: Undelivered Mail Returned to Sender\n"
		H_MID H_DATE H_MV H_CT NL BODY },
	{ "cc_b64",
	  "CC_EXCESS_BASE64",
		H_FROM H_TO H_SUBJ H_MID H_DATE H_MV H_CT
		"Cc: =?us-ascii?B?Sm9l?= <joe@example.com>\n"
		NL BODY },
	{ "crlf_ct_semi",
	  "CT_EXTRA_SEMI",
		"From: Joe <joe@example.com>\015\n"
		"To: bob@example.org\015\n"
		"Subject: hello\015\n"
		"Message-ID: <abc123@example.com>\015\n"
		"Date: Mon, 1 Jan 2024 00:00:00 +0000\015\n"
		"MIME-Version: 1.0\015\n"
		"Content-Type: text/plain; charset=us-ascii;\015\n"
		"\015\n"
		"Hello world\015\n" },
	{ "crlf_ml",
	  "HAS_LIST_UNSUB MAILLIST[generic](-0.1500)",
		"From: Joe <joe@example.com>\015\n"
		"To: bob@example.org\015\n"
		"Subject: hello\015\n"
		"Message-ID: <abc123@example.com>\015\n"
		"Date: Mon, 1 Jan 2024 00:00:00 +0000\015\n"
		"MIME-Version: 1.0\015\n"
		"Content-Type: text/plain; charset=us-ascii\015\n"
		"List-Id: <x.example.com>\015\n"
		"List-Unsubscribe: <mailto:x-unsubscribe@example.com>\015\n"
		"List-Subscribe: <mailto:x-subscribe@example.com>\015\n"
		"Precedence: list\015\n"
		"\015\n"
		"Hello world\015\n" },
	{ "crlf_q1",
	  "",
		"From: Joe <joe@example.com>\015\n"
		"To: bob@example.org\015\n"
		"Subject: hello\015\n"
		"Message-ID: <abc123@example.com>\015\n"
		"Date: Mon, 1 Jan 2024 00:00:00 +0000\015\n"
		"MIME-Version: 1.0\015\n"
		"Content-Type: text/plain; charset=us-ascii\015\n"
		"X-Mailer: 1C:Enterprise 8.3 \015\n"
		"\015\n"
		"Hello world\015\n" },
	{ "crlf_subj_sp",
	  "SUBJECT_ENDS_SPACES",
		"From: Joe <joe@example.com>\015\n"
		"To: bob@example.org\015\n"
		"Subject: hello \011\015\n"
		"Message-ID: <abc123@example.com>\015\n"
		"Date: Mon, 1 Jan 2024 00:00:00 +0000\015\n"
		"MIME-Version: 1.0\015\n"
		"Content-Type: text/plain; charset=us-ascii\015\n"
		"\015\n"
		"Hello world\015\n" },
	{ "crlf_x_fold",
	  "TO_WRAPPED_IN_SPACES",
		"From: Joe <joe@example.com>\015\n"
		"To: Bob <\015\n"
		" bob@example.org >\015\n"
		"Subject: hello\015\n"
		"Message-ID: <abc123@example.com>\015\n"
		"Date: Mon, 1 Jan 2024 00:00:00 +0000\015\n"
		"MIME-Version: 1.0\015\n"
		"Content-Type: text/plain; charset=us-ascii\015\n"
		"\015\n"
		"Hello world\015\n" },
	{ "ct_semi",
	  "CT_EXTRA_SEMI",
		H_FROM H_TO H_SUBJ H_MID H_DATE H_MV
		"Content-Type: text/plain; charset=us-ascii;\n"
		NL BODY },
	{ "ct_semi_sp",
	  "CT_EXTRA_SEMI",
		H_FROM H_TO H_SUBJ H_MID H_DATE H_MV
		"Content-Type: text/plain; charset=us-ascii; \n"
		NL BODY },
	{ "cte_case",
	  "CTE_CASE",
		H_FROM H_TO H_SUBJ H_MID H_DATE H_MV H_CT
		"Content-Transfer-Encoding:   7Bit\n"
		NL BODY },
	{ "ctonly_cd",
	  "",
		H_FROM H_TO H_SUBJ H_MID H_DATE
		"Content-Type: text/html\n"
		"Content-Disposition: inline\n"
		NL
		"<p>hi</p>\n" },
	{ "ctonly_mp",
	  "",
		H_FROM H_TO H_SUBJ H_MID H_DATE
		"Content-Type: multipart/alternative; boundary=\"b1\"\n"
		NL
		"--b1\n"
		"Content-Type: text/plain\n"
		NL
		"hi\n"
		"--b1--\n" },
	{ "ctype_only",
	  "MIME_HEADER_CTYPE_ONLY",
		H_FROM H_TO H_SUBJ H_MID H_DATE
		"Content-Type: text/html\n"
		NL
		"<p>hi</p>\n" },
	{ "ctype_only_no",
	  "",
		H_FROM H_TO H_SUBJ H_MID H_DATE
		"Content-Type: text/plain\n"
		NL BODY },
	{ "double_ip",
	  "RCVD_DOUBLE_IP_SPAM",
		H_FROM H_TO H_SUBJ H_MID H_DATE H_MV H_CT
		"Received: from [1.2.3.4] by 5.6.7.8 with SMTP\n"
		NL BODY },
	{ "dup_to1",
	  "",
		H_FROM
		"To: auser@example.org, buser@example.org, cuser@example.org, duser@example.org, euser@example.org, fuser@example.org, guser@example.org\n"
		H_TO H_SUBJ H_MID H_DATE H_MV H_CT NL BODY },
	{ "dup_to2",
	  "SORTED_RECIPS",
		H_FROM H_TO
		"Cc: auser@example.org, buser@example.org, cuser@example.org, duser@example.org, euser@example.org, fuser@example.org, guser@example.org\n"
		H_SUBJ H_MID H_DATE H_MV H_CT NL BODY },
	{ "dup_to3",
	  "SORTED_RECIPS",
		H_FROM
		"To: zed@example.org\n"
		"Cc: auser@example.org, buser@example.org, cuser@example.org, duser@example.org, euser@example.org, fuser@example.org, guser@example.org\n"
		H_SUBJ H_MID H_DATE H_MV H_CT NL BODY },
	{ "dup_to4",
	  "SORTED_RECIPS",
		H_FROM
		"To: abc@example.org, abd@example.org, abe@example.org\n"
		"To: abf@example.org, abg@example.org, abh@example.org, abi@example.org\n"
		H_SUBJ H_MID H_DATE H_MV H_CT NL BODY },
	{ "empty_body",
	  "",
		H_FROM H_TO H_SUBJ H_MID H_DATE H_MV
		"Content-Type: text/plain\n"
		"Content-Transfer-Encoding: quoted-printable\n"
		NL },
	{ "empty_delim",
	  "HEADER_CC_EMPTY_DELIMITER HEADER_DATE_EMPTY_DELIMITER HEADER_FROM_EMPTY_DELIMITER HEADER_REPLYTO_EMPTY_DELIMITER HEADER_TO_EMPTY_DELIMITER",
		"From:joe@example.com\n"
		"To:bob@example.org\n"
		"Subject: hi\n"
		"Date:Mon, 1 Jan 2024 00:00:00 +0000\n"
		"Reply-To:joe@example.com\n"
		"Cc:x@example.com\n"
		"Message-ID: <a@b.c>\n"
		NL
		"hi\n" },
	{ "empty_subj",
	  "EMPTY_SUBJECT",
		H_FROM H_TO
		"Subject: \n"
		H_MID H_DATE H_MV H_CT NL BODY },
	{ "empty_subj2",
	  "EMPTY_SUBJECT",
		H_FROM H_TO
		"Subject:   \n"
		H_MID H_DATE H_MV H_CT NL BODY },
	{ "envfrom_svc",
	  "ENVFROM_SERVICE_ACCT",
		H_FROM H_TO H_SUBJ H_MID H_DATE H_MV H_CT
		"Return-Path: <www-data@example.com>\n"
		NL BODY },
	{ "fake_reply",
	  "FAKE_REPLY",
		H_FROM H_TO
		"Subject: Re: hi\n"
		H_MID H_DATE H_MV H_CT NL BODY },
	{ "fake_reply_no",
	  "",
		H_FROM H_TO
		"Subject: RE: hi\n"
		H_MID H_DATE H_MV H_CT
		"In-Reply-To: <x@y>\n"
		NL BODY },
	{ "fake_reply_ref",
	  "",
		H_FROM H_TO
		"Subject: Re: x\n"
		H_MID H_DATE H_MV H_CT
		"References: <a@b>\n"
		NL BODY },
	{ "forged_oe",
	  "FORGED_MUA_OUTLOOK OLD_X_MAILER",
		H_FROM H_TO H_SUBJ H_MID H_DATE H_MV H_CT
		"X-Mailer: Microsoft Outlook Express 6.00.2800.1106\n"
		NL BODY },
	{ "forged_oe_no",
	  "OLD_X_MAILER RATWARE_MS_HASH",
		H_FROM H_TO H_SUBJ
		"Message-ID: <000801c2a0b1$7c3f4e20$0100a8c0@host>\n"
		H_DATE H_MV H_CT
		"X-Mailer: Microsoft Outlook Express 6.00.2800.1106\n"
		NL BODY },
	{ "forged_outl",
	  "FORGED_MUA_OUTLOOK OLD_X_MAILER",
		H_FROM H_TO H_SUBJ H_MID H_DATE H_MV H_CT
		"X-Mailer: Microsoft Outlook, Build 10.0.2627\n"
		NL BODY },
	{ "forged_xm",
	  "FORGED_X_MAILER XM_UA_NO_VERSION",
		H_FROM H_TO H_SUBJ H_MID H_DATE H_MV H_CT
		"X-Mailer: iPhone Mail (foo)\n"
		NL BODY },
	{ "forged_xm_no",
	  "",
		H_FROM H_TO H_SUBJ H_MID H_DATE H_MV H_CT
		"X-Mailer: iPhone Mail (16H5)\n"
		NL BODY },
	{ "from_8bit",
	  "FROM_NEEDS_ENCODING",
		"From: Jo\351 <joe@example.com>\n"
		H_TO H_SUBJ H_MID H_DATE H_MV H_CT NL BODY },
	{ "from_b64",
	  "FROM_EXCESS_BASE64",
		"From: =?us-ascii?B?Sm9l?= <joe@example.com>\n"
		H_TO H_SUBJ H_MID H_DATE H_MV H_CT NL BODY },
	{ "from_qp",
	  "FROM_EXCESS_QP",
		"From: =?us-ascii?Q?Joe?= <joe@example.com>\n"
		H_TO H_SUBJ H_MID H_DATE H_MV H_CT NL BODY },
	{ "from_qp_no",
	  "",
		"From: =?utf-8?Q?Jo=C3=A9?= <joe@example.com>\n"
		H_TO H_SUBJ H_MID H_DATE H_MV H_CT NL BODY },
	{ "from_svc",
	  "FROM_SERVICE_ACCT",
		"From: nobody@example.com\n"
		H_TO H_SUBJ H_MID H_DATE H_MV H_CT NL BODY },
	{ "gmsv",
	  "HAS_X_GMSV[joe@example.com]",
		H_FROM H_TO H_SUBJ H_MID H_DATE H_MV H_CT
		"X-Get-Message-Sender-Via: host.example.com: authenticated_id: joe@example.com\n"
		NL BODY },
	{ "goog_mid",
	  "GOOGLE_FORWARDING_MID_MISSING",
		H_FROM H_TO H_SUBJ
		"Message-ID: <x.SMTPIN_ADDED_MISSING@mx.google.com>\n"
		H_DATE H_MV H_CT NL BODY },
	{ "h_trail_mid",
	  "",
		"From: joe@yahoo.com  \n"
		H_TO H_SUBJ
		"Message-ID: <123@yahoo.com>  \n"
		H_DATE H_MV H_CT NL BODY },
	{ "h_trail_mid2",
	  "FORGED_MSGID_YAHOO",
		"From: joe@example.com\n"
		H_TO H_SUBJ
		"Message-ID: <123@yahoo.com>  \n"
		H_DATE H_MV H_CT NL BODY },
	{ "hidden_html",
	  "URI_HIDDEN_PATH[http://www.example.org/.env]",
		H_FROM H_TO H_SUBJ H_MID H_DATE H_MV
		"Content-Type: text/html; charset=us-ascii\n"
		NL
		"<html><body><a href=\"http://example.com/x/../y\">click</a> www.example.org/.env</body></html>\n" },
	{ "hidden_uri",
	  "URI_HIDDEN_PATH[http://example.com/.git/config]",
		H_FROM H_TO H_SUBJ H_MID H_DATE H_MV H_CT NL
		"See http://example.com/.git/config now\n" },
	{ "hidden_uri_no",
	  "URI_HIDDEN_PATH[http://example.com/.well-known/x]",
		H_FROM H_TO H_SUBJ H_MID H_DATE H_MV H_CT NL
		"See http://example.com/.well-known/x now\n" },
	{ "html_att",
	  "FORGED_MUA_OUTLOOK FORGED_OUTLOOK_HTML FORGED_OUTLOOK_TAGS",
		H_FROM H_TO H_SUBJ H_MID H_DATE H_MV
		"Content-Type: multipart/mixed; boundary=\"b1\"\n"
		"X-Mailer: Microsoft Outlook 8.5, Build 4.71.2173.0\n"
		NL
		"--b1\n"
		"Content-Type: text/html\n"
		NL
		"<p>hi</p>\n"
		"--b1\n"
		"Content-Type: text/plain\n"
		"Content-Disposition: attachment; filename=a.txt\n"
		NL
		"ho\n"
		"--b1--\n" },
	{ "html_nomail",
	  "",
		H_FROM H_TO H_SUBJ H_MID H_DATE H_MV
		"Content-Type: text/html; charset=us-ascii\n"
		NL
		"<p>Hi there friend</p>\n" },
	{ "html_two",
	  "FORGED_MUA_OUTLOOK FORGED_OUTLOOK_HTML FORGED_OUTLOOK_TAGS",
		H_FROM H_TO H_SUBJ H_MID H_DATE H_MV
		"Content-Type: multipart/mixed; boundary=\"b1\"\n"
		"X-Mailer: Microsoft Outlook 8.5, Build 4.71.2173.0\n"
		NL
		"--b1\n"
		"Content-Type: text/html\n"
		NL
		"<p>hi</p>\n"
		"--b1\n"
		"Content-Type: text/html\n"
		NL
		"<p>ho</p>\n"
		"--b1--\n" },
	{ "ims",
	  "FORGED_IMS",
		H_FROM H_TO H_SUBJ H_MID H_DATE H_MV H_CT
		"X-Mailer: Internet Mail Service (5.5.2653.19)\n"
		NL BODY },
	{ "ims_no",
	  "",
		H_FROM H_TO H_SUBJ H_MID H_DATE H_MV H_CT
		"X-Mailer: Internet Mail Service (5.5.2653.19)\n"
		"Received: by HOST with Internet Mail Service (5.5.2653.19)\n"
		"\011id <X>; Mon, 1 Jan 2024 00:00:00 +0000\n"
		NL BODY },
	{ "interspire",
	  "HAS_INTERSPIRE_SIG HAS_LIST_UNSUB",
		H_FROM H_TO H_SUBJ H_MID H_DATE H_MV H_CT
		"List-Unsubscribe: <http://x.example.com/unsubscribe.php?M=1&C=2&L=3&N=4>\n"
		NL BODY },
	{ "intro",
	  "INTRODUCTION",
		H_FROM H_TO H_SUBJ H_MID H_DATE H_MV H_CT NL
		"Hello, My name is John and I need help.\n" },
	{ "intro2",
	  "INTRODUCTION",
		H_FROM H_TO H_SUBJ H_MID H_DATE H_MV H_CT NL
		"Dear friend, I am Dr. John.\n" },
	{ "intro_html",
	  "INTRODUCTION",
		H_FROM H_TO H_SUBJ H_MID H_DATE H_MV
		"Content-Type: text/html; charset=us-ascii\n"
		NL
		"<html><body><p>Hello,</p><p>I am Mrs. Smith</p></body></html>\n" },
	{ "intro_nl",
	  "INTRODUCTION",
		H_FROM H_TO H_SUBJ H_MID H_DATE H_MV H_CT NL
		"Hello, this is\n"
		"Mr. Smith\n" },
	{ "intro_subj",
	  "INTRODUCTION",
		H_FROM H_TO
		"Subject: My name is John\n"
		H_MID H_DATE H_MV H_CT NL BODY },
	{ "kmail",
	  "FORGED_MUA_KMAIL_MSGID_UNKNOWN",
		H_FROM H_TO H_SUBJ
		"Message-ID: <abc@example.com>\n"
		H_DATE H_MV H_CT
		"User-Agent: KMail/1.4.3\n"
		NL BODY },
	{ "kmail_ok",
	  "",
		H_FROM H_TO H_SUBJ
		"Message-ID: <200301011200.12345.joe@example.com>\n"
		H_DATE H_MV H_CT
		"User-Agent: KMail/1.4.3\n"
		NL BODY },
	{ "list_unsub",
	  "HAS_LIST_UNSUB",
		H_FROM H_TO H_SUBJ H_MID H_DATE H_MV H_CT
		"List-Unsubscribe: <mailto:u@example.com>\n"
		NL BODY },
	{ "mailer1c",
	  "MAILER_1C_8",
		H_FROM H_TO H_SUBJ H_MID H_DATE H_MV H_CT
		"X-Mailer: 1C:Enterprise 8.3\n"
		NL BODY },
	{ "meta_refresh",
	  "DATA_URI_OBFU HAS_DATA_URI HTML_META_REFRESH_URL",
		H_FROM H_TO H_SUBJ H_MID H_DATE H_MV
		"Content-Type: text/html; charset=us-ascii\n"
		NL
		"<html><head><meta http-equiv=\"refresh\" content=\"0; url=http://example.com/\"></head><body><img src=\"data:image/png;base64,AAAA\"> <a href=\"data:text/html;base64,AAAA\">x</a></body></html>\n" },
	{ "mid_www",
	  "MID_RHS_WWW",
		H_FROM H_TO H_SUBJ
		"Message-ID: <abc@WWW.example.com>\n"
		H_DATE H_MV H_CT NL BODY },
	{ "mimeole",
	  "MISSING_MIMEOLE",
		H_FROM H_TO H_SUBJ H_MID H_DATE H_MV H_CT
		"X-MSMail-Priority: Normal\n"
		NL BODY },
	{ "mimeole_no",
	  "",
		H_FROM H_TO H_SUBJ H_MID H_DATE H_MV H_CT
		"X-MSMail-Priority: Normal\n"
		"X-Mailer: Microsoft Office Outlook 11.0\n"
		NL BODY },
	{ "missing_mid",
	  "MISSING_MID",
		H_FROM H_TO H_SUBJ H_DATE H_MV H_CT NL BODY },
	{ "missing_subj",
	  "MISSING_SUBJECT",
		H_FROM H_TO H_MID H_DATE H_MV H_CT NL BODY },
	{ "missing_to",
	  "MISSING_TO",
		H_FROM H_SUBJ H_MID H_DATE H_MV H_CT NL BODY },
	{ "ml_cgp",
	  "HAS_LIST_UNSUB",
		H_FROM H_TO H_SUBJ H_MID H_DATE H_MV H_CT
		"List-Id: <x.example.com>\n"
		"List-Unsubscribe: <mailto:x-unsubscribe@example.com>\n"
		"X-Listserver: CommuniGate Pro LIST 4.1\n"
		NL BODY },
	{ "ml_ezmlm",
	  "HAS_LIST_UNSUB MAILLIST[ezmlm](-0.2000) PRECEDENCE_BULK",
		H_FROM H_TO H_SUBJ H_MID H_DATE H_MV H_CT
		"Mailing-List: contact x-help@example.com; run by ezmlm\n"
		"Precedence: bulk\n"
		"List-Post: <mailto:x@example.com>\n"
		"List-Help: <mailto:x-help@example.com>\n"
		"List-Subscribe: <mailto:x-subscribe@example.com>\n"
		"List-Unsubscribe: <mailto:x-unsubscribe@example.com>\n"
		"List-Id: <x>\n"
		NL BODY },
	{ "ml_generic",
	  "HAS_LIST_UNSUB MAILLIST[generic](-0.1500)",
		H_FROM H_TO H_SUBJ H_MID H_DATE H_MV H_CT
		"List-Id: <x.example.com>\n"
		"List-Unsubscribe: <mailto:x-unsubscribe@example.com>\n"
		"List-Subscribe: <mailto:x-subscribe@example.com>\n"
		"Precedence: list\n"
		NL BODY },
	{ "ml_generic2",
	  "HAS_LIST_UNSUB MAILLIST[generic](-0.2000) PRECEDENCE_BULK",
		H_FROM H_TO H_SUBJ H_MID H_DATE H_MV H_CT
		"List-Id: <x.example.com>\n"
		"List-Unsubscribe: <mailto:x-unsubscribe@example.com>\n"
		"List-Subscribe: <mailto:x-subscribe@example.com>\n"
		"List-Help: <mailto:x>\n"
		"List-Post: <mailto:x>\n"
		"List-Archive: <x>\n"
		"List-Owner: <x>\n"
		"X-Loop: x\n"
		"Precedence: bulk\n"
		NL BODY },
	{ "ml_google",
	  "HAS_LIST_UNSUB",
		H_FROM H_TO H_SUBJ H_MID H_DATE H_MV H_CT
		"List-Id: <x.example.com>\n"
		"List-Unsubscribe: <mailto:x-unsubscribe@example.com>\n"
		"X-Google-Loop: groups\n"
		NL BODY },
	{ "ml_low",
	  "",
		H_FROM H_TO H_SUBJ H_MID H_DATE H_MV H_CT
		"List-Id: <x.example.com>\n"
		"List-Help: <mailto:x>\n"
		NL BODY },
	{ "ml_mailman",
	  "HAS_LIST_UNSUB MAILLIST[mailman](-0.2000)",
		H_FROM H_TO H_SUBJ H_MID H_DATE H_MV H_CT
		"List-Id: <x.example.com>\n"
		"List-Unsubscribe: <mailto:x-unsubscribe@example.com>\n"
		"List-Subscribe: <mailto:x-subscribe@example.com>\n"
		"List-Help: <mailto:x-request@example.com?subject=help>\n"
		"Precedence: list\n"
		"X-Mailman-Version: 2.1.5\n"
		"X-BeenThere: x@example.com\n"
		NL BODY },
	{ "ml_mailman3",
	  "HAS_LIST_UNSUB MAILLIST[mailman](-0.2000)",
		H_FROM H_TO H_SUBJ H_MID H_DATE H_MV H_CT
		"List-Id: <x.example.com>\n"
		"List-Unsubscribe: <mailto:x-leave@example.com>\n"
		"List-Subscribe: <mailto:x-join@example.com>\n"
		"List-Help: <mailto:x-request@example.com?subject=help>\n"
		"Precedence: list\n"
		"X-Mailman-Version: 3.1.1\n"
		"List-Post: <mailto:x@example.com>\n"
		NL BODY },
	{ "ml_mailman_admin",
	  "MAILLIST[mailman](-0.2000) PRECEDENCE_BULK",
		H_FROM H_TO H_SUBJ H_MID H_DATE H_MV H_CT
		"List-Id: <x.example.com>\n"
		"Precedence: bulk\n"
		"X-Mailman-Version: 2.1.5\n"
		"X-BeenThere: x@example.com\n"
		"X-List-Administrivia: yes\n"
		NL BODY },
	{ "ml_prec_sp",
	  "MAILLIST[generic](-0.1000) PRECEDENCE_BULK",
		H_FROM H_TO H_SUBJ H_MID H_DATE H_MV H_CT
		"List-Id: <x.example.com>\n"
		"Precedence:  bulk \n"
		NL BODY },
	{ "moz",
	  "FORGED_MUA_MOZILLA_MAIL_MSGID",
		H_FROM H_TO H_SUBJ
		"Message-ID: <4A5B6C7D.1234567@example.com>\n"
		H_DATE H_MV H_CT
		"User-Agent: Mozilla/5.0 (Windows; U) Gecko/20100101\n"
		NL BODY },
	{ "mp_7bit_nocs",
	  "",
		H_FROM H_TO H_SUBJ H_MID H_DATE H_MV
		"Content-Type: multipart/mixed; boundary=\"b1\"\n"
		NL
		"--b1\n"
		"Content-Type: text/plain\n"
		NL
		"Cafe\n"
		"--b1\n"
		"Content-Type: text/plain\n"
		"Content-Transfer-Encoding: base64\n"
		NL
		"aGVsbG8K\n"
		"--b1--\n" },
	{ "mp_8bit_nocs",
	  "R_MISSING_CHARSET",
		H_FROM H_TO H_SUBJ H_MID H_DATE H_MV
		"Content-Type: multipart/mixed; boundary=\"b1\"\n"
		NL
		"--b1\n"
		"Content-Type: text/plain\n"
		NL
		"Caf\351\n"
		"--b1--\n" },
	{ "mp_nocharset",
	  "",
		H_FROM H_TO H_SUBJ H_MID H_DATE H_MV
		"Content-Type: multipart/alternative; boundary=\"b1\"\n"
		NL
		"--b1\n"
		"Content-Type: text/plain\n"
		"Content-Transfer-Encoding: quoted-printable\n"
		NL
		"hi\n"
		"--b1\n"
		"Content-Type: text/html; charset=utf-8\n"
		NL
		"<p>hi</p>\n"
		"--b1--\n" },
	{ "mp_nocharset2",
	  "R_MISSING_CHARSET",
		H_FROM H_TO H_SUBJ H_MID H_DATE H_MV
		"Content-Type: multipart/mixed; boundary=\"b1\"\n"
		NL
		"--b1\n"
		"Content-Type: text/plain\n"
		"Content-Transfer-Encoding: quoted-printable\n"
		NL
		"hi\n"
		"--b1--\n" },
	{ "msgid_yahoo",
	  "FORGED_MSGID_YAHOO",
		H_FROM H_TO H_SUBJ
		"Message-ID: <123@yahoo.com>\n"
		H_DATE H_MV H_CT NL BODY },
	{ "multi_subj",
	  "SUBJECT_ENDS_EXCLAIM",
		H_FROM H_TO
		"Subject: first\n"
		"Subject: second!\n"
		H_MID H_DATE H_MV H_CT NL BODY },
	{ "nocharset",
	  "R_MISSING_CHARSET",
		H_FROM H_TO H_SUBJ H_MID H_DATE H_MV
		"Content-Type: text/plain\n"
		"Content-Transfer-Encoding: quoted-printable\n"
		NL BODY },
	{ "nocharset_7bit",
	  "",
		H_FROM H_TO H_SUBJ H_MID H_DATE H_MV
		"Content-Type: text/plain\n"
		"Content-Transfer-Encoding: 7bit\n"
		NL BODY },
	{ "nocharset_8bit",
	  "R_MISSING_CHARSET",
		H_FROM H_TO H_SUBJ H_MID H_DATE H_MV
		"Content-Type: text/plain\n"
		NL
		"Caf\351 ol\351\n" },
	{ "nocharset_none",
	  "",
		H_FROM H_TO H_SUBJ H_MID H_DATE H_MV
		"Content-Type: text/plain\n"
		NL BODY },
	{ "nospace_from",
	  "R_NO_SPACE_IN_FROM",
		"From: Joe<joe@example.com>\n"
		H_TO H_SUBJ H_MID H_DATE H_MV H_CT NL BODY },
	{ "ol_html",
	  "FORGED_MUA_OUTLOOK FORGED_OUTLOOK_HTML",
		H_FROM H_TO H_SUBJ H_MID H_DATE H_MV
		"Content-Type: text/html; charset=us-ascii\n"
		"X-Mailer: Microsoft Outlook 8.5, Build 4.71.2173.0\n"
		NL
		"<html><head><meta http-equiv=x></head><body><p>Hi there friend</p></body></html>\n" },
	{ "ol_tags",
	  "FORGED_MUA_OUTLOOK FORGED_OUTLOOK_HTML FORGED_OUTLOOK_TAGS",
		H_FROM H_TO H_SUBJ H_MID H_DATE H_MV
		"Content-Type: text/html; charset=us-ascii\n"
		"X-Mailer: Microsoft Outlook 8.5, Build 4.71.2173.0\n"
		NL
		"<p>Hi there friend</p>\n" },
	{ "ol_tags_alt",
	  "FORGED_OUTLOOK_TAGS OLD_X_MAILER",
		H_FROM H_TO H_SUBJ H_MID H_DATE H_MV
		"Content-Type: multipart/alternative; boundary=\"b1\"\n"
		"X-Mailer: Microsoft Outlook IMO, Build 9.0.2416 (9.0.2910.0)\n"
		NL
		"--b1\n"
		H_CT NL
		"hi\n"
		"--b1\n"
		"Content-Type: text/html; charset=us-ascii\n"
		NL
		"<html><body>hi</body></html>\n"
		"--b1--\n" },
	{ "ol_tags_upper",
	  "FORGED_MUA_OUTLOOK FORGED_OUTLOOK_HTML",
		H_FROM H_TO H_SUBJ H_MID H_DATE H_MV
		"Content-Type: text/html; charset=us-ascii\n"
		"X-Mailer: Microsoft Outlook 8.5, Build 4.71.2173.0\n"
		NL
		"<HTML><HEAD><META content=x></HEAD><BODY bgcolor=white>Hi there friend</BODY></HTML>\n" },
	{ "old_xm",
	  "FORGED_MUA_THEBAT_MSGID_UNKNOWN OLD_X_MAILER",
		H_FROM H_TO H_SUBJ H_MID H_DATE H_MV H_CT
		"X-Mailer: The Bat! (v2.12) Business\n"
		NL BODY },
	{ "old_xm2",
	  "FORGED_MUA_OUTLOOK OLD_X_MAILER",
		H_FROM H_TO H_SUBJ H_MID H_DATE H_MV H_CT
		"X-Mailer: Microsoft Outlook, Build 10.0.2627\n"
		NL BODY },
	{ "onion",
	  "HAS_GOOGLE_REDIR HAS_GUC_PROXY_URI HAS_ONION_URI",
		H_FROM H_TO H_SUBJ H_MID H_DATE H_MV H_CT NL
		"See http://abcdefghijklmnop.onion/ now and https://www.google.com/url?q=x and https://x.googleusercontent.com/proxy/abc\n" },
	/* The patterns are caseless: so are the literals checked first. */
	{ "onion_case",
	  "HAS_GOOGLE_REDIR HAS_GUC_PROXY_URI HAS_ONION_URI",
		H_FROM H_TO H_SUBJ H_MID H_DATE H_MV H_CT NL
		"See http://abcdefghijklmnop.OnIoN/ now and https://www.Google.COM/URL?q=x and https://x.GoogleUserContent.com/Proxy/abc\n" },
	{ "yandex_case",
	  "FAKE_RECEIVED_smtp_yandex_ru",
		H_FROM H_TO H_SUBJ H_MID H_DATE H_MV H_CT
		"Received: from SMTP.Yandex.RU ([1.2.3.4])\n"
		"\tby mx.example.org; Mon, 1 Jan 2024 00:00:00 +0000\n"
		NL BODY },
	{ "yandex_no",
	  "",
		H_FROM H_TO H_SUBJ H_MID H_DATE H_MV H_CT
		"Received: from smtp.yandex.com ([1.2.3.4])\n"
		"\tby mx.example.org; Mon, 1 Jan 2024 00:00:00 +0000\n"
		NL BODY },
	{ "opera",
	  "FORGED_MUA_OPERA_MSGID",
		H_FROM H_TO H_SUBJ
		"Message-ID: <abc@example.com>\n"
		H_DATE H_MV H_CT
		"User-Agent: Opera Mail/10.62 (Win32)\n"
		NL BODY },
	{ "org",
	  "HAS_ORG_HEADER",
		H_FROM H_TO H_SUBJ H_MID H_DATE H_MV H_CT
		"Organization: ACME\n"
		NL BODY },
	{ "org2",
	  "HAS_ORG_HEADER",
		H_FROM H_TO H_SUBJ H_MID H_DATE H_MV H_CT
		"Organisation: ACME\n"
		NL BODY },
	{ "p1",
	  "MAILLIST[generic](-0.1000) PRECEDENCE_BULK",
		H_FROM H_TO H_SUBJ H_MID H_DATE H_MV H_CT
		"List-Id: <x.example.com>\n"
		"Precedence: bulk \n"
		NL BODY },
	{ "p2",
	  "MAILLIST[generic](-0.1000) PRECEDENCE_BULK",
		H_FROM H_TO H_SUBJ H_MID H_DATE H_MV H_CT
		"List-Id: <x.example.com>\n"
		"Precedence:  bulk\n"
		NL BODY },
	{ "p3",
	  "PRECEDENCE_BULK",
		H_FROM H_TO H_SUBJ H_MID H_DATE H_MV H_CT
		"List-Id: <x.example.com>\n"
		"Precedence: bulk  \n"
		NL BODY },
	{ "p4",
	  "PRECEDENCE_BULK",
		H_FROM H_TO H_SUBJ H_MID H_DATE H_MV H_CT
		"List-Id: <x.example.com>\n"
		"Precedence: bulk\011\n"
		NL BODY },
	{ "php",
	  "HAS_X_PHP_SCRIPT HAS_X_POS PHP_SCRIPT_ROOT",
		H_FROM H_TO H_SUBJ H_MID H_DATE H_MV H_CT
		"X-PHP-Originating-Script: 0:mail.php\n"
		"X-PHP-Script: www.example.com/sendmail.php for 1.2.3.4\n"
		NL BODY },
	{ "php2",
	  "HAS_PHPMAILER_SIG HAS_X_POS HIDDEN_SOURCE_OBJ X_PHP_EVAL",
		H_FROM H_TO H_SUBJ H_MID H_DATE H_MV H_CT
		"X-PHP-Originating-Script: 1000:/.x/eval()'d code\n"
		"X-Mailer: PHPMailer 5.2\n"
		NL BODY },
	{ "php3",
	  "HAS_X_POS X_PHPOS_FAKE",
		H_FROM H_TO H_SUBJ H_MID H_DATE H_MV H_CT
		"X-PHP-Originating-Script: 1234567:foo.php\n"
		NL BODY },
	{ "postfix_rcvd",
	  "INVALID_POSTFIX_RECEIVED",
		H_FROM H_TO H_SUBJ H_MID H_DATE H_MV H_CT
		"Received: from x (x [1.2.3.4])\n"
		"\011by mx.example.com (Postfix) with ESMTP id ABC123\n"
		"\011for <bob@example.org>; Mon, 1 Jan 2024 00:00:00 +0000\n"
		NL BODY },
	{ "prec_bulk",
	  "PRECEDENCE_BULK",
		H_FROM H_TO H_SUBJ H_MID H_DATE H_MV H_CT
		"Precedence: Bulk\n"
		NL BODY },
	{ "prec_list",
	  "",
		H_FROM H_TO H_SUBJ H_MID H_DATE H_MV H_CT
		"Precedence: junk\n"
		NL BODY },
	{ "q1",
	  "MAILER_1C_8",
		H_FROM H_TO H_SUBJ H_MID H_DATE H_MV H_CT
		"X-Mailer: 1C:Enterprise 8.3 \n"
		NL BODY },
	{ "q2",
	  "",
		H_FROM H_TO H_SUBJ H_MID H_DATE H_MV H_CT
		"X-Mailer: 1C:Enterprise 8.3  \n"
		NL BODY },
	{ "q3",
	  "MAILER_1C_8",
		H_FROM H_TO H_SUBJ H_MID H_DATE H_MV H_CT
		"X-Mailer: =?us-ascii?Q?1C:Enterprise_8.3?= \n"
		NL BODY },
	{ "q4",
	  "MAILER_1C_8",
		H_FROM H_TO H_SUBJ H_MID H_DATE H_MV H_CT
		"X-Mailer: 1C:Enterprise\n"
		" 8.3\n"
		NL BODY },
	{ "q5",
	  "MAILER_1C_8 SUBJECT_ENDS_SPACES",
		H_FROM H_TO
		"Subject: hello \n"
		H_MID H_DATE H_MV H_CT
		"X-Mailer: 1C:Enterprise 8.3 \n"
		NL BODY },
	{ "ratware",
	  "RATWARE_MS_HASH",
		H_FROM H_TO H_SUBJ
		"Message-ID: <000801c2a0b1$7c3f4e20$0100a8c0@host.example.com>\n"
		H_DATE H_MV H_CT NL BODY },
	{ "ratware_no",
	  "",
		H_FROM H_TO H_SUBJ
		"Message-ID: <000801c2a0b1$7c3f4e20$0100a8c0@host.example.com>\n"
		H_DATE H_MV H_CT
		"X-MimeOLE: Produced By Microsoft MimeOLE V6.00.2800.1106\n"
		NL BODY },
	{ "rcpts_unsorted",
	  "",
		H_FROM
		"To: auser@example.org, buser@example.org, cuser@example.org, duser@example.org, euser@example.org, guser@example.org, fuser@example.org\n"
		H_SUBJ H_MID H_DATE H_MV H_CT NL BODY },
	{ "rcvd_8bit",
	  "RCVD_ILLEGAL_CHARS",
		H_FROM H_TO H_SUBJ H_MID H_DATE H_MV H_CT
		"Received: from h\351 by x; Mon, 1 Jan 2024 00:00:00 +0000\n"
		NL BODY },
	{ "rcvd_spambots",
	  "FORGED_GENERIC_RECEIVED R_RCVD_SPAMBOTS",
		H_FROM H_TO H_SUBJ H_MID H_DATE H_MV H_CT
		"Received: from [1.2.3.4] by mail.example.com; Mon, 1 Jan 2024 00:00:00 +0000\n"
		NL BODY },
	{ "repto_yahoo",
	  "REPTO_QUOTE_YAHOO",
		"From: joe@yahoo.com\n"
		H_TO H_SUBJ H_MID H_DATE H_MV H_CT
		"Reply-To: \"Joe\" <joe@example.com>\n"
		NL BODY },
	{ "rt_qp",
	  "REPLYTO_EXCESS_QP",
		H_FROM H_TO H_SUBJ H_MID H_DATE H_MV H_CT
		"Reply-To: =?us-ascii?Q?Joe?= <joe@example.com>\n"
		NL BODY },
	{ "rt_svc",
	  "FROM_SERVICE_ACCT",
		H_FROM H_TO H_SUBJ H_MID H_DATE H_MV H_CT
		"Reply-To: Apache <apache@example.com>\n"
		NL BODY },
	{ "s1",
	  "SUBJECT_ENDS_SPACES",
		H_FROM H_TO
		"Subject:  hello \n"
		H_MID H_DATE H_MV H_CT NL BODY },
	{ "s2",
	  "SUBJECT_ENDS_SPACES",
		H_FROM H_TO
		"Subject: hello  \n"
		H_MID H_DATE H_MV H_CT NL BODY },
	{ "s3",
	  "SUBJECT_ENDS_SPACES",
		H_FROM H_TO
		"Subject:  hello\011\n"
		H_MID H_DATE H_MV H_CT NL BODY },
	{ "sorted_rcpts",
	  "SORTED_RECIPS",
		H_FROM
		"To: auser@example.org, buser@example.org, cuser@example.org, duser@example.org, euser@example.org, fuser@example.org, guser@example.org\n"
		H_SUBJ H_MID H_DATE H_MV H_CT NL BODY },
	{ "stox",
	  "STOX_REPLY_TYPE",
		H_FROM H_TO H_SUBJ H_MID H_DATE H_MV
		"Content-Type: text/plain; format=flowed; charset=us-ascii; reply-type=original\n"
		NL BODY },
	{ "subj_8bit",
	  "SUBJECT_NEEDS_ENCODING",
		H_FROM H_TO
		"Subject: caf\351\n"
		H_MID H_DATE H_MV H_CT NL BODY },
	{ "subj_b64",
	  "SUBJ_EXCESS_BASE64",
		H_FROM H_TO
		"Subject: =?us-ascii?B?aGVsbG8=?=\n"
		H_MID H_DATE H_MV H_CT NL BODY },
	{ "subj_cur",
	  "SUBJECT_HAS_CURRENCY",
		H_FROM H_TO
		"Subject: only $5\n"
		H_MID H_DATE H_MV H_CT NL BODY },
	{ "subj_cur2",
	  "SUBJECT_HAS_CURRENCY",
		H_FROM H_TO
		"Subject: =?UTF-8?Q?only_=E2=82=AC5?=\n"
		H_MID H_DATE H_MV H_CT NL BODY },
	{ "subj_ex",
	  "SUBJECT_ENDS_EXCLAIM SUBJECT_ENDS_SPACES",
		H_FROM H_TO
		"Subject: Buy now!  \n"
		H_MID H_DATE H_MV H_CT NL BODY },
	{ "subj_ex2",
	  "SUBJECT_HAS_EXCLAIM",
		H_FROM H_TO
		"Subject: Buy! now\n"
		H_MID H_DATE H_MV H_CT NL BODY },
	{ "subj_fold",
	  "SUBJECT_ENDS_EXCLAIM",
		H_FROM H_TO H_SUBJ
		" world!\n"
		H_MID H_DATE H_MV H_CT NL BODY },
	{ "subj_pound_8bit",
	  "SUBJECT_NEEDS_ENCODING",
		H_FROM H_TO
		"Subject: only \2435\n"
		H_MID H_DATE H_MV H_CT NL BODY },
	{ "subj_q",
	  "SUBJECT_ENDS_QUESTION",
		H_FROM H_TO
		"Subject: are you there?\n"
		H_MID H_DATE H_MV H_CT NL BODY },
	{ "subj_q2",
	  "SUBJECT_HAS_QUESTION",
		H_FROM H_TO
		"Subject: are you? there\n"
		H_MID H_DATE H_MV H_CT NL BODY },
	{ "subj_qp",
	  "SUBJ_EXCESS_QP",
		H_FROM H_TO
		"Subject: =?us-ascii?Q?hello?=\n"
		H_MID H_DATE H_MV H_CT NL BODY },
	{ "subj_qp_words",
	  "SUBJECT_ENDS_EXCLAIM SUBJ_EXCESS_QP",
		H_FROM H_TO
		"Subject: =?utf-8?Q?Hello?= =?utf-8?Q?_world?= now!\n"
		H_MID H_DATE H_MV H_CT NL BODY },
	{ "subj_sp",
	  "SUBJECT_ENDS_SPACES",
		H_FROM H_TO
		"Subject: hello \011\n"
		H_MID H_DATE H_MV H_CT NL BODY },
	{ "subj_sp_enc",
	  "SUBJECT_ENDS_SPACES SUBJ_EXCESS_QP",
		H_FROM H_TO
		"Subject: =?utf-8?Q?hello_?= \n"
		H_MID H_DATE H_MV H_CT NL BODY },
	{ "subj_sp_enc2",
	  "SUBJECT_ENDS_SPACES SUBJ_EXCESS_QP",
		H_FROM H_TO
		"Subject: =?utf-8?Q?hello_?=\n"
		H_MID H_DATE H_MV H_CT NL BODY },
	{ "susp_boundary",
	  "SUSPICIOUS_BOUNDARY",
		H_FROM H_TO H_SUBJ H_MID H_DATE H_MV
		"Content-Type: multipart/alternative; boundary=\"----=_NextPart_000_0000_00EBFFA4.12345678\"\n"
		NL
		"------=_NextPart_000_0000_00EBFFA4.12345678\n"
		"Content-Type: text/plain\n"
		NL
		"hi\n"
		"------=_NextPart_000_0000_00EBFFA4.12345678--\n" },
	{ "susp_rcpts",
	  "SUSPICIOUS_RECIPS",
		H_FROM
		"To: abc5@example.org, abc3@example.org, abc7@example.org, abc1@example.org, abc9@example.org, abc2@example.org, abc4@example.org\n"
		H_SUBJ H_MID H_DATE H_MV H_CT NL BODY },
	{ "susp_rcpts_cc",
	  "SUSPICIOUS_RECIPS",
		H_FROM
		"To: abc1@example.org, xyz@example.org, qqq@example.org\n"
		H_SUBJ H_MID H_DATE H_MV H_CT
		"Cc: abc2@example.org, abc3@example.org, abc4@example.org, abc5@example.org\n"
		NL BODY },
	{ "susp_rcpts_case",
	  "SUSPICIOUS_RECIPS",
		H_FROM
		"To: xyz@example.org, qqq@example.org, rrr@example.org, sss@example.org, abc2@example.org, ABC3@example.org, abc1@example.org\n"
		H_SUBJ H_MID H_DATE H_MV H_CT NL BODY },
	{ "susp_rcpts_domain_sort",
	  "SUSPICIOUS_RECIPS",
		H_FROM
		"To: abc1@a.org, xyz@c.org, qqq@e.org, abc2@b.org, rrr@f.org, abc3@b.org, sss@g.org\n"
		H_SUBJ H_MID H_DATE H_MV H_CT NL BODY },
	{ "susp_rcpts_len_miss",
	  "",
		H_FROM
		"To: xyz@example.org, qqq@example.org, rrr@example.org, sss@example.org, abc2@example.org, abc33@example.org, abc1@example.org\n"
		H_SUBJ H_MID H_DATE H_MV H_CT NL BODY },
	{ "susp_rcpts_one_hit",
	  "",
		H_FROM
		"To: abc1@a.org, abc2@b.org, xyz@c.org, abc3@c.org, qqq@e.org, rrr@f.org, sss@g.org\n"
		H_SUBJ H_MID H_DATE H_MV H_CT NL BODY },
	{ "susp_rcpts_tagged",   /* 5 recipients + 5 alias-rewritten copies */
	  "SUSPICIOUS_RECIPS",
		H_FROM
		"To: joe+x@linux.ie, bob@ab.com, carl@cd.org, dan@ef.net\n"
		"Cc: ed@gh.com\n"
		H_SUBJ H_MID H_DATE H_MV H_CT NL BODY },
	{ "susp_rcpts_tagged_few",
	  "",
		H_FROM
		"To: joe+x@linux.ie, bob@ab.com, carl@cd.org\n"
		H_SUBJ H_MID H_DATE H_MV H_CT NL BODY },
	{ "susp_rcpts_untagged",
	  "",
		H_FROM
		"To: joe@linux.ie, bob@ab.com, carl@cd.org, dan@ef.net\n"
		"Cc: ed@gh.com\n"
		H_SUBJ H_MID H_DATE H_MV H_CT NL BODY },
	{ "sorted_rcpts_cc_first",  /* header order, not To then Cc */
	  "SORTED_RECIPS",
		H_FROM
		"Cc: auser@example.org, buser@example.org, cuser@example.org, duser@example.org\n"
		"To: euser@example.org, fuser@example.org, guser@example.org\n"
		H_SUBJ H_MID H_DATE H_MV H_CT NL BODY },
	{ "sorted_rcpts_to_first",
	  "",
		H_FROM
		"To: euser@example.org, fuser@example.org, guser@example.org\n"
		"Cc: auser@example.org, buser@example.org, cuser@example.org, duser@example.org\n"
		H_SUBJ H_MID H_DATE H_MV H_CT NL BODY },
	{ "sorted_rcpts_tagged",  /* the appended copy breaks the order */
	  "",
		H_FROM
		"To: auser+1@example.org, buser@example.org, cuser@example.org, duser@example.org, euser@example.org, fuser@example.org, guser@example.org\n"
		H_SUBJ H_MID H_DATE H_MV H_CT NL BODY },
	{ "sorted_rcpts_short",
	  "SORTED_RECIPS",
		H_FROM
		"To: ab@x.org, ac@x.org, ad@x.org, ae@x.org, af@x.org, ag@x.org, ah@x.org\n"
		H_SUBJ H_MID H_DATE H_MV H_CT NL BODY },
	{ "t1",
	  "HAS_INTERSPIRE_SIG HAS_LIST_UNSUB",
		H_FROM H_TO H_SUBJ H_MID H_DATE H_MV H_CT
		"List-Unsubscribe: <http://x.example.com/unsubscribe.php?M=1&C=2&L=3&N=4> \n"
		NL BODY },
	{ "t2",
	  "",
		H_FROM H_TO H_SUBJ H_MID H_DATE H_MV
		"Content-Type: text/plain; charset=us-ascii;  \n"
		NL BODY },
	{ "t3",
	  "",
		H_FROM H_TO H_SUBJ H_MID H_DATE H_MV
		"Content-Type: text/plain; charset=us-ascii;\011\n"
		NL BODY },
	{ "t4",
	  "SUBJECT_ENDS_SPACES",
		H_FROM H_TO
		"Subject: hello \n"
		H_MID H_DATE H_MV H_CT NL BODY },
	{ "t5",
	  "SUBJECT_ENDS_SPACES",
		H_FROM H_TO
		"Subject: hello\011\n"
		H_MID H_DATE H_MV H_CT NL BODY },
	{ "tb",
	  "FORGED_MUA_THUNDERBIRD_MSGID_UNKNOWN",
		H_FROM H_TO H_SUBJ
		"Message-ID: <abc@example.com>\n"
		H_DATE H_MV H_CT
		"User-Agent: Mozilla Thunderbird 1.0.2 (Windows/20050317)\n"
		NL BODY },
	{ "to_8bit",
	  "TO_NEEDS_ENCODING",
		H_FROM
		"To: B\366b <bob@example.org>\n"
		H_SUBJ H_MID H_DATE H_MV H_CT NL BODY },
	{ "to_b64",
	  "TO_EXCESS_BASE64",
		H_FROM
		"To: =?us-ascii?B?Qm9i?= <bob@example.org>\n"
		H_SUBJ H_MID H_DATE H_MV H_CT NL BODY },
	{ "to_qp",
	  "TO_EXCESS_QP",
		H_FROM
		"To: =?us-ascii?Q?Bob?= <bob@example.org>\n"
		H_SUBJ H_MID H_DATE H_MV H_CT NL BODY },
	{ "to_wrapped",
	  "TO_WRAPPED_IN_SPACES",
		H_FROM
		"To: Bob < bob@example.org >\n"
		H_SUBJ H_MID H_DATE H_MV H_CT NL BODY },
	{ "tracker",
	  "",
		H_FROM H_TO H_SUBJ H_MID H_DATE H_MV H_CT NL BODY
		"abcdefghijklmnopqrstuvwxyz0123456789abcdef\n" },
	{ "ua_nover",
	  "XM_UA_NO_VERSION",
		H_FROM H_TO H_SUBJ H_MID H_DATE H_MV H_CT
		"User-Agent: Foo Mailer\n"
		NL BODY },
	{ "undisc",
	  "R_UNDISC_RCPT",
		H_FROM
		"To: undisclosed-recipients:;\n"
		H_SUBJ H_MID H_DATE H_MV H_CT NL BODY },
	{ "undisc2",
	  "",
		H_FROM
		"To: Undisclosed recipients <joe@example.com>\n"
		H_SUBJ H_MID H_DATE H_MV H_CT NL BODY },
	{ "upstream",
	  "KLMS_SPAM MICROSOFT_SPAM SPAM_FLAG UNITEDINTERNET_SPAM",
		H_FROM H_TO H_SUBJ H_MID H_DATE H_MV H_CT
		"X-Spam-Flag: YES\n"
		"X-Forefront-Antispam-Report: SFV:SPM;\n"
		"X-KLMS-AntiSpam-Status: spam\n"
		"X-UI-Filterresults: junk:10;\n"
		NL BODY },
	{ "wp_comp",
	  "HAS_WP_URI WP_COMPROMISED",
		H_FROM H_TO H_SUBJ H_MID H_DATE H_MV H_CT NL
		"See http://example.com/wp-includesx/x.php now\n" },
	{ "wp_html",
	  "HAS_WP_URI",
		H_FROM H_TO H_SUBJ H_MID H_DATE H_MV
		"Content-Type: text/html; charset=us-ascii\n"
		NL
		"<html><body><a href=\"http://example.com/wp-admin/x\">click</a></body></html>\n" },
	{ "wp_uri",
	  "HAS_WP_URI",
		H_FROM H_TO H_SUBJ H_MID H_DATE H_MV H_CT NL
		"See http://example.com/wp-content/x.php now\n" },
	{ "www_dot",
	  "WWW_DOT_DOMAIN",
		"From: joe@www.example.com\n"
		H_TO H_SUBJ H_MID H_DATE H_MV H_CT NL BODY },
	{ "www_env",
	  "WWW_DOT_DOMAIN",
		H_FROM H_TO H_SUBJ H_MID H_DATE H_MV H_CT
		"Return-Path: <joe@www.example.com>\n"
		NL BODY },
	{ "x_fold",
	  "TO_WRAPPED_IN_SPACES",
		H_FROM
		"To: Bob <\n"
		" bob@example.org >\n"
		H_SUBJ H_MID H_DATE H_MV H_CT NL BODY },
	{ "x_fold2",
	  "TO_WRAPPED_IN_SPACES",
		H_FROM
		"To: Bob <\n"
		"\011bob@example.org\n"
		" >\n"
		H_SUBJ H_MID H_DATE H_MV H_CT NL BODY },
	{ "x_lead",
	  "HAS_X_POS X_PHP_FORGED_0X",
		H_FROM H_TO H_SUBJ H_MID H_DATE H_MV H_CT
		"X-PHP-Originating-Script: \n"
		" 01:x.php\n"
		NL BODY },
	{ "x_trail",
	  "HAS_LIST_UNSUB",
		H_FROM H_TO H_SUBJ H_MID H_DATE H_MV H_CT
		"List-Unsubscribe: <http://x.example.com/unsubscribe.php?M=1&C=2&L=3&N=4>   \n"
		NL BODY },
	{ "x_trail2",
	  "",
		H_FROM H_TO H_SUBJ
		"Message-ID: <x.SMTPIN_ADDED_MISSING@mx.google.com>   \n"
		H_DATE H_MV H_CT NL BODY },
	{ "x_trail3",
	  "",
		H_FROM H_TO H_SUBJ H_MID H_DATE H_MV
		"Content-Type: text/plain; charset=us-ascii;\011 \n"
		NL BODY },
	{ "x_trail4",
	  "",
		H_FROM H_TO H_SUBJ H_MID H_DATE H_MV H_CT
		"X-Mailer: Mail.Ru Mailer 1.0  \n"
		"Received: by e.mail.ru with HTTP; Mon, 1 Jan 2024 00:00:00 +0000\n"
		NL BODY },
	{ "xas",
	  "HAS_X_AS[joe@example.com]",
		H_FROM H_TO H_SUBJ H_MID H_DATE H_MV H_CT
		"X-Authenticated-Sender: host.example.com: joe@example.com\n"
		NL BODY },
	{ "xas2",
	  "HAS_X_AS",
		H_FROM H_TO H_SUBJ H_MID H_DATE H_MV H_CT
		"X-Authenticated-Sender: joe\n"
		NL BODY },
	{ "xas_colon",
	  "HAS_X_AS[c]",
		H_FROM H_TO H_SUBJ H_MID H_DATE H_MV H_CT
		"X-Authenticated-Sender: a:b: c\n"
		NL BODY },
	{ "xas_nospace",
	  "HAS_X_AS",
		H_FROM H_TO H_SUBJ H_MID H_DATE H_MV H_CT
		"X-Authenticated-Sender: host:joe\n"
		NL BODY },
	{ "xaw",
	  "HAS_XAW XAW_SERVICE_ACCT",
		H_FROM H_TO H_SUBJ H_MID H_DATE H_MV H_CT
		"X-Authentication-Warning: host.example.com: www-data set sender to joe@example.com using -f\n"
		NL BODY },
	{ "xaw_no",
	  "HAS_XAW",
		H_FROM H_TO H_SUBJ H_MID H_DATE H_MV H_CT
		"X-Authentication-Warning: host.example.com: joe set sender to joe@example.com using -f\n"
		NL BODY },
	{ "xm_multi",
	  "XM_UA_NO_VERSION",
		H_FROM H_TO H_SUBJ H_MID H_DATE H_MV H_CT
		"X-Mailer: Foo Mailer\n"
		"X-Mailer: Bar 1.0\n"
		NL BODY },
	{ "xm_nover",
	  "XM_UA_NO_VERSION",
		H_FROM H_TO H_SUBJ H_MID H_DATE H_MV H_CT
		"X-Mailer: Foo Mailer\n"
		NL BODY },
	{ "xm_nover_no",
	  "",
		H_FROM H_TO H_SUBJ H_MID H_DATE H_MV H_CT
		"X-Mailer: Foo Mailer http://foo\n"
		NL BODY },
	{ "xoip",
	  "HAS_XOIP",
		H_FROM H_TO H_SUBJ H_MID H_DATE H_MV H_CT
		"X-Originating-IP: [1.2.3.4]\n"
		NL BODY },
	{ "xphp0x",
	  "HAS_X_POS X_PHP_FORGED_0X",
		H_FROM H_TO H_SUBJ H_MID H_DATE H_MV H_CT
		"X-PHP-Originating-Script: 01:x.php\n"
		NL BODY },
	{ "xsource",
	  "HAS_X_SOURCE HIDDEN_SOURCE_OBJ",
		H_FROM H_TO H_SUBJ H_MID H_DATE H_MV H_CT
		"X-Source-Args: /usr/bin/x /.hidden\n"
		NL BODY },
};

static bool dynamic(const char *name)
{
	return strcmp(name, "MAILLIST") == 0;
}

static void run_case(struct scan_ctx *c, const struct tcase *t)
{
	struct scan_envelope env;
	struct msg m;
	char got[4096];

	memset(&env, 0, sizeof(env));
	env.now = 1704067200;
	case_begin(c, &m, t->name, t->msg, &env);
	run_area(c, &rules_regexp);
	run_area(c, &rules_maillist);
	describe_syms(c, got, sizeof(got), dynamic);
	test_assert_str(got, t->want);
	case_end(&m);
}

int main(void)
{
	struct test_scan t;
	size_t i;

	if (rules_regexp.init() < 0)
		return 1;
	test_scan_open(&t);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		run_case(t.c, &cases[i]);
	test_scan_close(&t);
	rules_regexp.fini();
	return test_done();
}
