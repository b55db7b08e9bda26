/*
 * rules_regexp.c - Rspamd 3.4's regexp-module rules that need only the
 * message (rules/regexp/headers.lua, upstream_spam_filters.lua,
 * compromised_hosts.lua, misc.lua, and SUBJ_BOUNCE_WORDS of bounce.lua),
 * plus the small Lua callbacks that live beside them (EMPTY_SUBJECT,
 * HAS_X_AS, HAS_X_GMSV, FROM_SERVICE_ACCT, URI_HIDDEN_PATH).
 *
 * Owns: the atom table (a header, URL or body source + a PCRE2 pattern
 * with its flags, compiled once by the area's init and JIT-compiled), the
 * expression functions that combine atoms per symbol, and the built-in
 * expression functions rspamd offers (header_exists, content_type_is_type,
 * has_only_html_part, compare_recipients_distance, ...).
 *
 * Semantics kept from rspamd:
 *  - A header atom matches if ANY occurrence of the header matches.
 *  - Raw (/X) atoms see rspamd's header "value": the raw value with each
 *    line break and the whitespace after it turned into one space, leading
 *    whitespace dropped, and one trailing space dropped (rspamd strips the
 *    space its line-ending conversion adds; for the last header before the
 *    body the line ending is not part of the value, so a real trailing
 *    space goes instead).  Decoded (/H or no type flag) atoms see that value
 *    RFC 2047-decoded with control characters made '?' and whitespace ' '.
 *  - Patterns are byte-oriented unless rspamd's flag 'u' asks for UTF-8.
 *  - Atoms are evaluated lazily, at most once per message.
 *
 * Patterns are transcribed from the Lua rule files (rule data); the C is
 * ours.  Errors: the init fails if a pattern does not compile (a bug).
 */
#define PCRE2_CODE_UNIT_WIDTH 8

#include <gmime/gmime.h>
#include <pcre2.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "alias.h"
#include "areas.h"
#include "cte.h"
#include "msg.h"
#include "rules.h"

/* ------------------------------------------------------------------ */
/* Atoms                                                                */

enum atom_src {
	S_HDR,   /* decoded header value */
	S_RAW,   /* raw header value */
	S_URL,   /* every URL's text */
	S_BODY,  /* SA body: Subject + text parts' text */
	S_RBODY, /* SA raw body: text parts after transfer decoding */
};

#define F_I PCRE2_CASELESS
#define F_M PCRE2_MULTILINE
#define F_S PCRE2_DOTALL
#define F_U (PCRE2_UTF | PCRE2_MATCH_INVALID_UTF | PCRE2_UCP)

#define SVC "(?:www-data|anonymous|ftp|apache|nobody|guest|nginx|web|www)"
#define IP4 "\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}"
#define NEEDS_MIME "[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f-\\xff]"
#define ENC_B64 "=\\?\\S+\\?B\\?"
#define ENC_QP "=\\?\\S+\\?Q\\?"
#define MOZ_TAIL "\\@([^>\\.]+\\.)+[^>\\.]+>$"
#define YA_RE(dom) "^\\s*<.+\\@" dom ">$"

#define HNAMES(X) \
	X(CC, "Cc") \
	X(CONTENT_DISPOSITION, "Content-Disposition") \
	X(CONTENT_TRANSFER_ENCODING, "Content-Transfer-Encoding") \
	X(CONTENT_TYPE, "Content-Type") \
	X(DATE, "Date") \
	X(FROM, "From") \
	X(IN_REPLY_TO, "In-Reply-To") \
	X(LIST_UNSUBSCRIBE, "List-Unsubscribe") \
	X(MESSAGE_ID, "Message-Id") \
	X(MIME_VERSION, "MIME-Version") \
	X(ORGANISATION, "Organisation") \
	X(ORGANIZATION, "Organization") \
	X(PRECEDENCE, "Precedence") \
	X(RECEIVED, "Received") \
	X(REFERENCES, "References") \
	X(REPLY_TO, "Reply-To") \
	X(RETURN_PATH, "Return-Path") \
	X(SENDER, "Sender") \
	X(SUBJECT, "Subject") \
	X(TO, "To") \
	X(USER_AGENT, "User-Agent") \
	X(X_ANTIABUSE, "X-AntiAbuse") \
	X(X_AUTHENTICATED_SENDER, "X-Authenticated-Sender") \
	X(X_AUTHENTICATION_WARNING, "X-Authentication-Warning") \
	X(X_ENVELOPE_FROM, "X-Envelope-From") \
	X(X_FOREFRONT_ANTISPAM_REPORT, "X-Forefront-Antispam-Report") \
	X(X_GET_MESSAGE_SENDER_VIA, "X-Get-Message-Sender-Via") \
	X(X_KLMS_ANTISPAM_STATUS, "X-KLMS-AntiSpam-Status") \
	X(X_MAILER, "X-Mailer") \
	X(X_MAILER_LID, "X-Mailer-LID") \
	X(X_MAILER_RECPTID, "X-Mailer-RecptId") \
	X(X_MAILER_SENT_BY, "X-Mailer-Sent-By") \
	X(X_MAILER_SID, "X-Mailer-SID") \
	X(X_MAILMAN_VERSION, "X-Mailman-Version") \
	X(X_MIMEOLE, "X-MimeOLE") \
	X(X_MSMAIL_PRIORITY, "X-MSMail-Priority") \
	X(X_ORIGINATING_IP, "X-Originating-IP") \
	X(X_PHP_ORIGINATING_SCRIPT, "X-PHP-Originating-Script") \
	X(X_PHP_SCRIPT, "X-PHP-Script") \
	X(X_SOURCE, "X-Source") \
	X(X_SOURCE_ARGS, "X-Source-Args") \
	X(X_SOURCE_DIR, "X-Source-Dir") \
	X(X_SPAM, "X-Spam") \
	X(X_SPAM_FLAG, "X-Spam-Flag") \
	X(X_SPAM_STATUS, "X-Spam-Status") \
	X(X_UI_FILTERRESULTS, "X-UI-Filterresults") \
	X(X_UI_OUT_FILTERRESULTS, "X-UI-Out-Filterresults")

#define HNAME_ENUM(id, str) HN_##id,
enum hname { HNAMES(HNAME_ENUM) N_HNAMES, HN_NONE = N_HNAMES };

#define HNAME_STR(id, str) str,
static const char *const hname_str[N_HNAMES] = { HNAMES(HNAME_STR) };
static uint32_t hname_hash[N_HNAMES];

/* X(id, source, header name, pattern, flags) */
#define ATOMS(X) \
	X(SUBJ_B64, S_RAW, HN_SUBJECT, ENC_B64, F_I) \
	X(SUBJ_QP, S_RAW, HN_SUBJECT, ENC_QP, F_I) \
	X(SUBJ_8BIT_RAW, S_RAW, HN_SUBJECT, NEEDS_MIME, 0) \
	X(SUBJ_8BIT, S_HDR, HN_SUBJECT, NEEDS_MIME, 0) \
	X(FROM_B64, S_RAW, HN_FROM, ENC_B64, F_I) \
	X(FROM_QP, S_RAW, HN_FROM, ENC_QP, F_I) \
	X(FROM_8BIT_RAW, S_RAW, HN_FROM, NEEDS_MIME, 0) \
	X(FROM_8BIT, S_HDR, HN_FROM, NEEDS_MIME, 0) \
	X(TO_B64, S_RAW, HN_TO, ENC_B64, F_I) \
	X(TO_QP, S_RAW, HN_TO, ENC_QP, F_I) \
	X(TO_8BIT_RAW, S_RAW, HN_TO, NEEDS_MIME, 0) \
	X(TO_8BIT, S_HDR, HN_TO, NEEDS_MIME, 0) \
	X(RT_B64, S_RAW, HN_REPLY_TO, ENC_B64, F_I) \
	X(RT_QP, S_RAW, HN_REPLY_TO, ENC_QP, F_I) \
	X(RT_8BIT, S_HDR, HN_REPLY_TO, NEEDS_MIME, 0) \
	X(CC_B64, S_RAW, HN_CC, ENC_B64, F_I) \
	X(CC_QP, S_RAW, HN_CC, ENC_QP, F_I) \
	X(CC_8BIT, S_HDR, HN_CC, NEEDS_MIME, 0) \
	X(FROM_NO_SPACE, S_RAW, HN_FROM, "\\S<[-\\w\\.]+\\@[-\\w\\.]+>", 0) \
	X(TO_WRAPPED, S_RAW, HN_TO, "<\\s[-.\\w]+\\@[-.\\w]+\\s>", 0) \
	X(TO_UNDISC, S_HDR, HN_TO, \
	  "^[<\"]?undisclosed[- ]recipients?\\b.*:", F_I) \
	X(RCVD_SPAMBOTS, S_HDR, HN_RECEIVED, "^from \\[" IP4 "\\] by " \
	  "[-.\\w+]{5,255}; [SMTWF][a-z][a-z], [\\s\\d]?\\d " \
	  "[JFMAJSOND][a-z][a-z] \\d{4} \\d{2}:\\d{2}:\\d{2} [-+]\\d{4}$", \
	  F_M) \
	X(YAHOO_BULK, S_HDR, HN_RECEIVED, "from \\[\\S+\\] by " \
	  "\\S+\\.(?:groups|scd|dcn)\\.yahoo\\.com with NNFMP", 0) \
	X(OUTLOOK_MUA, S_HDR, HN_X_MAILER, "^Microsoft Outlook\\b", 0) \
	X(OE_MUA, S_HDR, HN_X_MAILER, "\\bOutlook Express [456]\\.", 0) \
	X(OE_MSGID_1, S_HDR, HN_MESSAGE_ID, \
	  "^<?[A-Za-z0-9-]{7}[A-Za-z0-9]{20}\\@hotmail\\.com>?$", F_M) \
	X(OE_MSGID_2, S_HDR, HN_MESSAGE_ID, "^<?(?:[0-9a-f]{8}|[0-9a-f]{12})" \
	  "\\$[0-9a-f]{8}\\$[0-9a-f]{8}\\@\\S+>?$", 0) \
	X(LYRIS, S_HDR, HN_LIST_UNSUBSCRIBE, \
	  "<mailto:(?:leave-\\S+|\\S+-unsubscribe)\\@\\S+>$", 0) \
	X(WACKY_SENDMAIL, S_HDR, HN_RECEIVED, "\\/CWT\\/DCE\\)", 0) \
	X(IPLANET, S_HDR, HN_RECEIVED, "iPlanet Messaging Server", 0) \
	X(BAYDAV_MSGID, S_HDR, HN_MESSAGE_ID, \
	  "^<?BAY\\d+-DAV\\d+[A-Z0-9]{25}\\@phx\\.gbl?>$", 0) \
	X(SYMPATICO_MSGID, S_HDR, HN_MESSAGE_ID, \
	  "^<?BAYC\\d+-PASMTP\\d+[A-Z0-9]{25}\\@CEZ\\.ICE>?$", 0) \
	X(MAILMAN_MSGID, S_HDR, HN_MESSAGE_ID, \
	  "^<mailman\\.\\d+\\.\\d+\\.\\d+\\.[-+.:=\\w]+@[-a-zA-Z\\d.]+>$", 0) \
	X(DOLLARS_MUA, S_HDR, HN_X_MAILER, \
	  "^Microsoft Outlook(?: 8| CWS, Build 9|, Build 10)\\.", 0) \
	X(DOLLARS_OTHER, S_HDR, HN_MESSAGE_ID, "^<?\\!\\~\\!>?", 0) \
	X(VISTA_MSGID, S_HDR, HN_MESSAGE_ID, "^<?[A-F\\d]{32}\\@\\S+>?$", 0) \
	X(IMS_MSGID, S_HDR, HN_MESSAGE_ID, "^<?[A-F\\d]{36,40}\\@\\S+>?$", 0) \
	X(FMO_O3416, S_HDR, HN_X_MAILER, \
	  "^Microsoft Outlook, Build 10.0.3416$", 0) \
	X(FMO_OE3790, S_HDR, HN_X_MAILER, \
	  "^Microsoft Outlook Express 6.00.3790.3959$", 0) \
	X(SUSP_BOUND1, S_RAW, HN_CONTENT_TYPE, "^\\s*multipart.+boundary=" \
	  "\"----=_NextPart_000_[A-Z\\d]{4}_(00EBFFA4|0102FFA4|32C6FFA4|" \
	  "3302FFA4)\\.[A-Z\\d]{8}\"[\\r\\n]*$", F_S | F_I) \
	X(SUSP_BOUND2, S_RAW, HN_CONTENT_TYPE, "^\\s*multipart.+boundary=" \
	  "\"----=_NextPart_000_[A-Z\\d]{4}_(01C6527E)\\.[A-Z\\d]{8}\"" \
	  "[\\r\\n]*$", F_S | F_I) \
	X(SUSP_BOUND3, S_RAW, HN_CONTENT_TYPE, "^\\s*multipart.+boundary=" \
	  "\"-----000-00\\d\\d-01C[\\dA-F]{5}-[\\dA-F]{8}\"[\\r\\n]*$", \
	  F_S | F_I) \
	X(SUSP_BOUND4, S_RAW, HN_CONTENT_TYPE, "^\\s*multipart.+boundary=" \
	  "\"----=_NextPart_000_[A-Z\\d]{4}_01C4[\\dA-F]{4}\\.[A-Z\\d]{8}\"" \
	  "[\\r\\n]*$", F_S | F_I) \
	X(SUSP_BOUND4_DATE, S_HDR, HN_DATE, \
	  "^\\s*\\w\\w\\w,\\s+\\d+\\s+\\w\\w\\w 20(0[56789]|1\\d)", 0) \
	X(THEBAT_ANY, S_HDR, HN_X_MAILER, "^\\s*The Bat!", 0) \
	X(THEBAT_MSGID_COMMON, S_HDR, HN_MESSAGE_ID, \
	  "^<?\\d+\\.\\d+\\@\\S+>?$", F_M) \
	X(THEBAT_MSGID, S_HDR, HN_MESSAGE_ID, "^<?\\d+\\.(19[789]\\d|20\\d\\d)" \
	  "(0\\d|1[012])([012]\\d|3[01])([0-5]\\d)([0-5]\\d)([0-5]\\d)" \
	  "\\@\\S+>?", F_M) \
	X(KMAIL_MUA, S_HDR, HN_USER_AGENT, "^\\s*KMail\\/1\\.\\d+\\.\\d+", 0) \
	X(KMAIL_MSGID, S_HDR, HN_MESSAGE_ID, \
	  "^<?\\s*\\d+\\.\\d+\\.\\S+\\@\\S+>?$", F_M) \
	X(OPERA_MUA, S_HDR, HN_USER_AGENT, "^\\s*Opera Mail\\/1[01]\\.\\d+ ", 0) \
	X(OPERA_MSGID, S_HDR, HN_MESSAGE_ID, "^<?op\\.[a-z\\d]{14}\\@\\S+>?$", 0) \
	X(UA_MOZ5, S_HDR, HN_USER_AGENT, "^\\s*Mozilla\\/5\\.0", 0) \
	X(UA_TB, S_HDR, HN_USER_AGENT, "^\\s*(Thunderbird|Mozilla Thunderbird|" \
	  "Mozilla\\/.*Gecko\\/.*(Thunderbird|Icedove)\\/)", 0) \
	X(UA_SM, S_HDR, HN_USER_AGENT, \
	  "^\\s*Mozilla\\/5\\.0\\s.+\\sSeaMonkey\\/\\d+\\.\\d+", 0) \
	X(UA_PB, S_HDR, HN_USER_AGENT, "^\\s*Mozilla\\/5\\.0\\s\\([^)]+\\)\\s" \
	  "Gecko\\/\\d+\\sPostboxApp\\/\\d+(?:\\.\\d+){2,3}$", 0) \
	X(MOZ_MSGID_COMMON, S_HDR, HN_MESSAGE_ID, \
	  "^\\s*<[\\dA-F]{8}\\.\\d{1,7}" MOZ_TAIL, 0) \
	X(MOZ_MSGID_SEC, S_HDR, HN_MESSAGE_ID, \
	  "^\\s*<[\\da-f]{8}-([\\da-f]{4}-){3}[\\da-f]{12}" MOZ_TAIL, 0) \
	X(MOZ_MSGID, S_HDR, HN_MESSAGE_ID, "^\\s*<(3[3-9A-F]|[4-9A-F][\\dA-F])" \
	  "[\\dA-F]{6}\\.(\\d0){1,4}\\d" MOZ_TAIL, 0) \
	X(SANE_MSGID, S_HDR, HN_MESSAGE_ID, "^<?[^<>\\\\ \\t\\n\\r\\x0b\\x80-\\xff]+" \
	  "\\@[^<>\\\\ \\t\\n\\r\\x0b\\x80-\\xff]+>?\\s*$", 0) \
	X(MSGID_COMMENT, S_HDR, HN_MESSAGE_ID, "\\(.*\\)", 0) \
	X(MSGID_DOLLARS_OK, S_HDR, HN_MESSAGE_ID, \
	  "[0-9a-f]{4,}\\$[0-9a-f]{4,}\\$[0-9a-f]{4,}\\@\\S+", 0) \
	X(MIMEOLE_MS, S_HDR, HN_X_MIMEOLE, "^Produced By Microsoft MimeOLE", 0) \
	X(RCVD_EXCHANGE, S_HDR, HN_RECEIVED, "with Microsoft Exchange Server", 0) \
	X(STOX_REPLY, S_HDR, HN_CONTENT_TYPE, \
	  "text\\/plain; .* reply-type=original", 0) \
	X(YAHOO_MSGID, S_HDR, HN_MESSAGE_ID, "\\@yahoo\\.com\\b", F_I) \
	X(FROM_YAHOO, S_HDR, HN_FROM, "\\@yahoo\\.com\\b", F_I) \
	X(THEBAT_V1, S_HDR, HN_X_MAILER, "^The Bat! \\(v1\\.", 0) \
	X(CT_BOUNDARY, S_HDR, HN_CONTENT_TYPE, "boundary", F_I) \
	X(BAT_BOUNDARY, S_HDR, HN_CONTENT_TYPE, "boundary=\\\"?-{10}", 0) \
	X(MAILMAN_21, S_HDR, HN_X_MAILMAN_VERSION, "\\d", 0) \
	X(XM_MAILRU, S_HDR, HN_X_MAILER, "^Mail\\.Ru Mailer 1\\.0$", 0) \
	X(RCVD_E_MAILRU, S_HDR, HN_RECEIVED, "^(?:from \\[" IP4 "\\] )?" \
	  "by e\\.mail\\.ru with HTTP;", F_M) \
	X(XM_YANDEX, S_HDR, HN_X_MAILER, \
	  "^Yamail \\[ http:\\/\\/yandex\\.ru \\] 5\\.0$", 0) \
	X(RCVD_WEB_YANDEX, S_HDR, HN_RECEIVED, \
	  "^by web\\d{1,2}[a-z]\\.yandex\\.ru with HTTP;", F_M) \
	X(XM_1C, S_HDR, HN_X_MAILER, "^1C:Enterprise 8\\.[23]$", 0) \
	X(RCVD_STRONGMAIL, S_HDR, HN_RECEIVED, "^from\\s+strongmail\\s+\\(\\[" \
	  IP4 "\\]\\) by \\S+ \\(-\\); ", F_M) \
	X(DOUBLE_IP_1, S_HDR, HN_RECEIVED, \
	  "from \\[" IP4 "\\] by " IP4 " with", 0) \
	X(DOUBLE_IP_2, S_HDR, HN_RECEIVED, \
	  "from\\s+" IP4 "\\s+by\\s+" IP4 ";", 0) \
	X(REPTO_QUOTE, S_HDR, HN_REPLY_TO, "\\\".*\\\"\\s*\\<", 0) \
	X(SUBJ_RE, S_HDR, HN_SUBJECT, "^re:", F_I) \
	X(XM_SQUIRREL, S_HDR, HN_X_MAILER, "SquirrelMail\\b", 0) \
	X(XM_OFFICE, S_HDR, HN_X_MAILER, \
	  "^Microsoft (?:Office )?Outlook [12]\\d\\.0", 0) \
	X(RCVD_8BIT, S_RAW, HN_RECEIVED, "[\\x80-\\xff]", 0) \
	X(MR_RP, S_RAW, HN_RETURN_PATH, YA_RE("mail\\.ru"), F_I) \
	X(MR_XEF, S_RAW, HN_X_ENVELOPE_FROM, YA_RE("mail\\.ru"), F_I) \
	X(MR_FROM, S_RAW, HN_FROM, "\\@mail\\.ru>?$", F_I) \
	X(MR_RCVD, S_HDR, HN_RECEIVED, "from mail\\.ru \\(", F_M) \
	X(GM_RP, S_RAW, HN_RETURN_PATH, YA_RE("gmail\\.com"), F_I) \
	X(GM_XEF, S_RAW, HN_X_ENVELOPE_FROM, YA_RE("gmail\\.com"), F_I) \
	X(GM_FROM, S_RAW, HN_FROM, "\\@gmail\\.com>?$", F_I) \
	X(UK_RP, S_RAW, HN_RETURN_PATH, YA_RE("ukr\\.net"), F_I) \
	X(UK_XEF, S_RAW, HN_X_ENVELOPE_FROM, YA_RE("ukr\\.net"), F_I) \
	X(UK_FROM, S_RAW, HN_FROM, "\\@ukr\\.net>?$", F_I) \
	X(YA1, S_RAW, HN_RECEIVED, "from \\[\\d+\\.\\d+\\.\\d+\\.\\d+\\] " \
	  "\\((port=\\d+ )?helo=smtp\\.yandex\\.ru\\)", F_I) \
	X(YA2, S_RAW, HN_RECEIVED, "from \\[UNAVAILABLE\\] \\(\\[\\d+\\.\\d+" \
	  "\\.\\d+\\.\\d+\\]:\\d+ helo=smtp\\.yandex\\.ru\\)", F_I) \
	X(YA3, S_RAW, HN_RECEIVED, "from \\S+ \\(\\[\\d+\\.\\d+\\.\\d+\\.\\d+\\]" \
	  ":\\d+ helo=smtp\\.yandex\\.ru\\)", F_I) \
	X(YA4, S_RAW, HN_RECEIVED, "from \\[\\d+\\.\\d+\\.\\d+\\.\\d+\\] " \
	  "\\(account \\S+ HELO smtp\\.yandex\\.ru\\)", F_I) \
	X(YA5, S_RAW, HN_RECEIVED, "from smtp\\.yandex\\.ru " \
	  "\\(\\[\\d+\\.\\d+\\.\\d+\\.\\d+\\]\\)", F_I) \
	X(YA6, S_RAW, HN_RECEIVED, "from smtp\\.yandex\\.ru " \
	  "\\(\\S+ \\[\\d+\\.\\d+\\.\\d+\\.\\d+\\]\\)", F_I) \
	X(YA7, S_RAW, HN_RECEIVED, "from \\S+ \\(HELO smtp\\.yandex\\.ru\\) " \
	  "\\(\\S+\\@\\d+\\.\\d+\\.\\d+\\.\\d+\\)", F_I) \
	X(YA8, S_RAW, HN_RECEIVED, "from \\S+ \\(HELO smtp\\.yandex\\.ru\\) " \
	  "\\(\\d+\\.\\d+\\.\\d+\\.\\d+\\)", F_I) \
	X(YA9, S_RAW, HN_RECEIVED, "from \\S+ \\(\\[\\d+\\.\\d+\\.\\d+\\.\\d+\\]" \
	  " helo=smtp\\.yandex\\.ru\\)", F_I) \
	X(GEN_RCVD1, S_RAW, HN_RECEIVED, "^\\s*(.+\\n)*from \\[" IP4 "\\] by " \
	  "(([\\w\\d-]+\\.)+[a-zA-Z]{2,6}|" IP4 "); \\w{3}, \\d+ \\w{3} " \
	  "20\\d\\d \\d\\d\\:\\d\\d\\:\\d\\d [+-]\\d\\d\\d0", 0) \
	X(GEN_RCVD2, S_RAW, HN_RECEIVED, "^\\s*(.+\\n)*from \\[" IP4 "\\] by " \
	  "([\\w\\d-]+\\.)+[a-z]{2,6} id [\\w\\d]{12}; \\w{3}, \\d+ \\w{3} " \
	  "20\\d\\d \\d\\d\\:\\d\\d\\:\\d\\d [+-]\\d\\d\\d0", 0) \
	X(GEN_RCVD3, S_RAW, HN_RECEIVED, "^\\s*(.+\\n)*by " IP4 " with SMTP " \
	  "id [a-zA-Z]{14}\\.\\d{13};[\\r\\n\\s]*\\w{3}, \\d+ \\w{3} 20\\d\\d " \
	  "\\d\\d\\:\\d\\d\\:\\d\\d [+-]\\d\\d\\d0 \\(GMT\\)", 0) \
	X(GEN_RCVD4, S_RAW, HN_RECEIVED, "^\\s*(.+\\n)*from localhost by " \
	  "\\S+;\\s+\\w{3}, \\d+ \\w{3} 20\\d\\d \\d\\d\\:\\d\\d\\:\\d\\d " \
	  "[+-]\\d\\d\\d0[\\s\\r\\n]*$", 0) \
	X(POSTFIX_RCVD, S_RAW, HN_RECEIVED, " \\(Postfix\\) with ESMTP id " \
	  "[A-Z\\d]+([\\s\\r\\n]+for <\\S+?>)?;[\\s\\r\\n]*[A-Z][a-z]{2}, " \
	  "\\d{1,2} [A-Z][a-z]{2} \\d\\d\\d\\d \\d\\d:\\d\\d:\\d\\d " \
	  "[\\+\\-]\\d\\d\\d\\d$", 0) \
	X(XPHP_0X, S_RAW, HN_X_PHP_ORIGINATING_SCRIPT, "^0\\d", 0) \
	X(GOOG_MID_MISSING, S_RAW, HN_MESSAGE_ID, \
	  "SMTPIN_ADDED_MISSING\\@mx\\.google\\.com>$", 0) \
	X(GOOG_MID_BROKEN, S_RAW, HN_MESSAGE_ID, \
	  "SMTPIN_ADDED_BROKEN\\@mx\\.google\\.com>$", 0) \
	X(CTE_CASE, S_RAW, HN_CONTENT_TRANSFER_ENCODING, "^[78]B", 0) \
	X(INTERSPIRE_LU, S_RAW, HN_LIST_UNSUBSCRIBE, "\\/unsubscribe\\.php\\?" \
	  "M=[^&]+&C=[^&]+&L=[^&]+&N=[^>]+>$", F_I) \
	X(CT_SEMI, S_RAW, HN_CONTENT_TYPE, ";$", 0) \
	X(SUBJ_ENDS_EXCL, S_HDR, HN_SUBJECT, "!\\s*$", 0) \
	X(SUBJ_EXCL, S_HDR, HN_SUBJECT, "!", 0) \
	X(SUBJ_ENDS_QUEST, S_HDR, HN_SUBJECT, "\\?\\s*$", F_U) \
	X(SUBJ_QUEST, S_HDR, HN_SUBJECT, "\\?", 0) \
	X(SUBJ_CURRENCY, S_HDR, HN_SUBJECT, "\\p{Sc}", F_U) \
	X(SUBJ_ENDS_SPACES, S_HDR, HN_SUBJECT, "\\s+$", 0) \
	X(XPHPOS_FAKE, S_HDR, HN_X_PHP_ORIGINATING_SCRIPT, "^\\d{7}:", F_I) \
	X(URL_GUC_PROXY, S_URL, HN_NONE, \
	  "\\.googleusercontent\\.com\\/proxy", F_I) \
	X(URL_GOOGLE_REDIR, S_URL, HN_NONE, "\\.google\\.com\\/url\\?", F_I) \
	X(XM_HTTP, S_HDR, HN_X_MAILER, "https?:", 0) \
	X(UA_HTTP, S_HDR, HN_USER_AGENT, "https?:", 0) \
	X(XM_NO_DIGIT, S_HDR, HN_X_MAILER, "^[^0-9]+$", 0) \
	X(UA_NO_DIGIT, S_HDR, HN_USER_AGENT, "^[^0-9]+$", 0) \
	X(XM_OLD, S_HDR, HN_X_MAILER, "^(?:Microsoft Outlook Express|" \
	  "QUALCOMM Windows Eudora (Pro )?Version [1-6]\\.|" \
	  "The Bat! \\(v[12]\\.|Microsoft Outlook IMO, Build 9\\.0\\.|" \
	  "Microsoft Outlook, Build 10\\.|" \
	  "i(Phone|Pad) Mail \\((?:[1-8][A-L]|12H|13E))", 0) \
	X(XM_BAD, S_HDR, HN_X_MAILER, "^(?:X-Mailer: |(?:Mozilla )?" \
	  "Thunderbird \\d|eGroups Message Poster|i(?:Phone|Pad) Mail)", 0) \
	X(XM_IOS, S_HDR, HN_X_MAILER, "^i(?:Phone|Pad) Mail \\((?:1[AC]|" \
	  "[34][AB]|5[ABCFGH]|7[A-E]|8[ABCEFGHJKL]|9[AB]|\\d{2}[A-Z])" \
	  "\\d+[a-z]?\\)", 0) \
	X(XM_IMS, S_HDR, HN_X_MAILER, "^Internet Mail Service \\(5\\.", 0) \
	X(RCVD_IMS, S_HDR, HN_RECEIVED, \
	  "^by \\S+ with Internet Mail Service \\(5\\.", 0) \
	X(PRECEDENCE_BULK, S_HDR, HN_PRECEDENCE, "bulk", F_I) \
	X(MS_SPAM, S_HDR, HN_X_FOREFRONT_ANTISPAM_REPORT, "SFV:SPM", 0) \
	X(KLMS_SPAM, S_HDR, HN_X_KLMS_ANTISPAM_STATUS, "^spam", 0) \
	X(XSPAM_FLAG, S_HDR, HN_X_SPAM_FLAG, "^(?:yes|true)", F_I) \
	X(XSPAM, S_HDR, HN_X_SPAM, "^(?:yes|true)", F_I) \
	X(XSPAM_STATUS, S_HDR, HN_X_SPAM_STATUS, "^(?:yes|true)", F_I) \
	X(UI_JUNK, S_HDR, HN_X_UI_FILTERRESULTS, "^junk:", 0) \
	X(UI_OUT_JUNK, S_HDR, HN_X_UI_OUT_FILTERRESULTS, "^junk:", 0) \
	X(XM_PHPMAILER, S_HDR, HN_X_MAILER, "^PHPMailer ", 0) \
	X(CT_PHPMAILER, S_HDR, HN_CONTENT_TYPE, \
	  "boundary=\"b1_[0-9a-zA-Z]+\"", 0) \
	X(XPHPOS_ROOT, S_HDR, HN_X_PHP_ORIGINATING_SCRIPT, "^0:", F_I) \
	X(XPHPS_EVAL, S_HDR, HN_X_PHP_SCRIPT, "eval\\(\\)'d code", 0) \
	X(XPHPOS_EVAL, S_HDR, HN_X_PHP_ORIGINATING_SCRIPT, \
	  "eval\\(\\)'d code", 0) \
	X(URL_WP, S_URL, HN_NONE, "\\/wp-[^\\/]+\\/", F_I) \
	X(URL_WP_COMP, S_URL, HN_NONE, "\\/wp-(?:content|includes)[^\\/]+\\/", \
	  F_I) \
	X(XPHPS_SENDMAIL, S_HDR, HN_X_PHP_SCRIPT, \
	  "^[^\\. ]+\\.[^\\.\\/ ]+\\/sendmail\\.php\\b", F_I) \
	X(XAW_SVC, S_HDR, HN_X_AUTHENTICATION_WARNING, \
	  "\\b" SVC " set sender to\\b", F_I) \
	X(XPHPS_HIDDEN, S_HDR, HN_X_PHP_SCRIPT, "\\/\\..+", F_I) \
	X(XPHPOS_HIDDEN, S_HDR, HN_X_PHP_ORIGINATING_SCRIPT, \
	  "(?:^\\d+:|\\/)\\..+", F_I) \
	X(XSRC_HIDDEN, S_HDR, HN_X_SOURCE_ARGS, "\\/\\..+", F_I) \
	X(MID_WWW, S_HDR, HN_MESSAGE_ID, "@www\\.", F_I) \
	X(FROM_WWW, S_HDR, HN_FROM, "@www\\.", F_I) \
	X(SENDER_WWW, S_HDR, HN_SENDER, "@www\\.", F_I) \
	X(RT_WWW, S_HDR, HN_REPLY_TO, "@www\\.", F_I) \
	X(BODY_META_REFRESH, S_RBODY, HN_NONE, "<meta\\s+http-equiv=\"refresh\"" \
	  "\\s+content=\"\\d+\\s*;\\s*url=", F_I) \
	X(BODY_DATA_URI, S_RBODY, HN_NONE, "data:[^\\/]+\\/[^; ]+;base64,", F_I) \
	X(BODY_DATA_OBFU, S_RBODY, HN_NONE, \
	  "data:text\\/(?:plain|html);base64,", F_I) \
	X(BODY_INTRO, S_BODY, HN_NONE, "\\b(?:my name is\\b|(?:i am|this is)\\s+" \
	  "(?:mr|mrs|ms|miss|master|sir|prof(?:essor)?|d(?:octo)?r|" \
	  "rev(?:erend)?)(?:\\.|\\b))", F_I) \
	X(URL_ONION, S_URL, HN_NONE, "[a-z0-9]{16}\\.onion?", F_I) \
	X(SUBJ_BOUNCE, S_HDR, HN_SUBJECT, "\\b(could not send message|" \
	  "couldn't be delivered|delivery failed|delivery failure|" \
	  "delivery report|delivery status|delivery warning|" \
	  "failure delivery|failure notice|hasn't been delivered|" \
	  "mail failure|returned mail|undeliverable|undelivered)\\b", F_I)

#define ATOM_ENUM(id, src, hdr, pat, fl) AT_##id,
enum atom_id { ATOMS(ATOM_ENUM) N_ATOMS };

struct atom_def {
	enum atom_src src;
	enum hname header;
	const char *pattern;
	uint32_t flags;
};

#define ATOM_DEF(id, src, hdr, pat, fl) { src, hdr, pat, fl },
static const struct atom_def atom_defs[N_ATOMS] = { ATOMS(ATOM_DEF) };

/*
 * What a match of an atom needs, checked before its pattern runs: cheap
 * scans that only reject values the pattern cannot match (so results are
 * the same), and spare most pcre2 calls (most headers lack the literal).
 *  NEED_LIT:  the value contains lit (any ASCII case if the atom has F_I;
 *             lit is then written in lower case);
 *  NEED_LINE: lit starts the value or follows a '\n' (a "^lit" under F_M);
 *  NEED_MIME: a byte of NEEDS_MIME; NEED_HIGH: a byte >= 0x80;
 *  NEED_INTRO: BODY_INTRO's phrase and the start of a title at a word
 *             start (has_intro()).
 */
enum need_kind {
	NEED_NONE, NEED_LIT, NEED_LINE, NEED_MIME, NEED_HIGH, NEED_INTRO,
};

struct need {
	enum atom_id atom;
	enum need_kind kind;
	const char *lit;
};

#define NEED8(a) { AT_##a, NEED_MIME, NULL }
#define NEEDL(a, lit) { AT_##a, NEED_LIT, lit }
static const struct need needs[] = {
	NEED8(SUBJ_8BIT_RAW), NEED8(SUBJ_8BIT), NEED8(FROM_8BIT_RAW),
	NEED8(FROM_8BIT), NEED8(TO_8BIT_RAW), NEED8(TO_8BIT), NEED8(RT_8BIT),
	NEED8(CC_8BIT),
	NEEDL(SUBJ_B64, "=?"), NEEDL(SUBJ_QP, "=?"), NEEDL(FROM_B64, "=?"),
	NEEDL(FROM_QP, "=?"), NEEDL(TO_B64, "=?"), NEEDL(TO_QP, "=?"),
	NEEDL(RT_B64, "=?"), NEEDL(RT_QP, "=?"), NEEDL(CC_B64, "=?"),
	NEEDL(CC_QP, "=?"),
	NEEDL(FROM_NO_SPACE, "<"), NEEDL(TO_WRAPPED, "<"),
	{ AT_RCVD_SPAMBOTS, NEED_LINE, "from [" },
	NEEDL(YAHOO_BULK, ".yahoo.com with NNFMP"),
	NEEDL(OE_MSGID_2, "$"),
	NEEDL(WACKY_SENDMAIL, "/CWT/DCE)"),
	NEEDL(IPLANET, "iPlanet Messaging Server"),
	NEEDL(SUSP_BOUND1, "boundary=\"----=_nextpart_000_"),
	NEEDL(SUSP_BOUND2, "boundary=\"----=_nextpart_000_"),
	NEEDL(SUSP_BOUND3, "boundary=\"-----000-00"),
	NEEDL(SUSP_BOUND4, "boundary=\"----=_nextpart_000_"),
	NEEDL(MSGID_COMMENT, "("),
	NEEDL(MSGID_DOLLARS_OK, "$"),
	NEEDL(RCVD_EXCHANGE, "with Microsoft Exchange Server"),
	NEEDL(STOX_REPLY, " reply-type=original"),
	NEEDL(YAHOO_MSGID, "@yahoo.com"), NEEDL(FROM_YAHOO, "@yahoo.com"),
	NEEDL(CT_BOUNDARY, "boundary"), NEEDL(BAT_BOUNDARY, "boundary="),
	NEEDL(RCVD_E_MAILRU, "by e.mail.ru with HTTP;"),
	NEEDL(RCVD_WEB_YANDEX, ".yandex.ru with HTTP;"),
	NEEDL(RCVD_STRONGMAIL, "strongmail"),
	NEEDL(DOUBLE_IP_1, "from ["), NEEDL(DOUBLE_IP_2, "from"),
	NEEDL(REPTO_QUOTE, "\""),
	{ AT_RCVD_8BIT, NEED_HIGH, NULL },
	NEEDL(MR_RCVD, "from mail.ru ("),
	NEEDL(MR_RP, "@mail.ru>"), NEEDL(MR_XEF, "@mail.ru>"),
	NEEDL(MR_FROM, "@mail.ru"),
	NEEDL(GM_RP, "@gmail.com>"), NEEDL(GM_XEF, "@gmail.com>"),
	NEEDL(GM_FROM, "@gmail.com"),
	NEEDL(UK_RP, "@ukr.net>"), NEEDL(UK_XEF, "@ukr.net>"),
	NEEDL(UK_FROM, "@ukr.net"),
	NEEDL(YA1, "smtp.yandex.ru"), NEEDL(YA2, "smtp.yandex.ru"),
	NEEDL(YA3, "smtp.yandex.ru"), NEEDL(YA4, "smtp.yandex.ru"),
	NEEDL(YA5, "smtp.yandex.ru"), NEEDL(YA6, "smtp.yandex.ru"),
	NEEDL(YA7, "smtp.yandex.ru"), NEEDL(YA8, "smtp.yandex.ru"),
	NEEDL(YA9, "smtp.yandex.ru"),
	NEEDL(GEN_RCVD1, "from ["), NEEDL(GEN_RCVD2, "from ["),
	NEEDL(GEN_RCVD3, " with SMTP id "),
	NEEDL(GEN_RCVD4, "from localhost by "),
	NEEDL(POSTFIX_RCVD, " (Postfix) with ESMTP id "),
	NEEDL(GOOG_MID_MISSING, "SMTPIN_ADDED_MISSING@mx.google.com>"),
	NEEDL(GOOG_MID_BROKEN, "SMTPIN_ADDED_BROKEN@mx.google.com>"),
	NEEDL(INTERSPIRE_LU, "/unsubscribe.php?m="),
	NEEDL(SUBJ_ENDS_EXCL, "!"), NEEDL(SUBJ_EXCL, "!"),
	NEEDL(SUBJ_ENDS_QUEST, "?"), NEEDL(SUBJ_QUEST, "?"),
	NEEDL(URL_GUC_PROXY, ".googleusercontent.com/proxy"),
	NEEDL(URL_GOOGLE_REDIR, ".google.com/url?"),
	NEEDL(XM_HTTP, "http"), NEEDL(UA_HTTP, "http"),
	NEEDL(RCVD_IMS, " with Internet Mail Service (5."),
	NEEDL(MS_SPAM, "SFV:SPM"),
	NEEDL(CT_PHPMAILER, "boundary=\"b1_"),
	NEEDL(XPHPS_EVAL, "eval()'d code"), NEEDL(XPHPOS_EVAL, "eval()'d code"),
	NEEDL(URL_WP, "/wp-"), NEEDL(URL_WP_COMP, "/wp-"),
	NEEDL(XPHPS_SENDMAIL, "/sendmail.php"),
	NEEDL(XAW_SVC, " set sender to"),
	NEEDL(XPHPS_HIDDEN, "/."), NEEDL(XSRC_HIDDEN, "/."),
	NEEDL(MID_WWW, "@www."), NEEDL(FROM_WWW, "@www."),
	NEEDL(SENDER_WWW, "@www."), NEEDL(RT_WWW, "@www."),
	NEEDL(BODY_DATA_URI, "data:"),
	NEEDL(BODY_DATA_OBFU, "data:text/"),
	NEEDL(URL_ONION, ".onio"),
	{ AT_BODY_INTRO, NEED_INTRO, NULL },
};
#undef NEED8
#undef NEEDL

static const struct need *need_of[N_ATOMS];
/* PCRE2 was built with "\n" as its newline (NEED_LINE assumes it). */
static bool newline_lf;

/* A pattern compiled on first use; jit once pcre2_jit_compile took it. */
struct re {
	pcre2_code *code;
	uint16_t uses;
	bool jit;
};

static struct re atom_rx[N_ATOMS];
static const char *const svc_pattern = "^" SVC "@";
static const char *const www_pattern = "@www\\.";
static const char *const hidden_path_pattern =
	"(?!\\/\\.well[-_]known\\/)(?:^\\.[A-Za-z0-9]|\\/\\.[A-Za-z0-9]|"
	"\\/\\.\\.\\/)";
static struct re svc_rx, www_rx, hidden_path_rx;

static pcre2_code *compile(const char *pattern, uint32_t flags)
{
	int errcode;
	PCRE2_SIZE erroff;

	return pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED,
			     flags, &errcode, &erroff, NULL);
}

/*
 * Patterns are compiled on first use and JIT-compiled only once they have
 * been used often: a delivery scans one message, and compiling all of them
 * (JIT included) up front cost more than the whole scan.
 */
#define JIT_AFTER_USES 32

static bool regexp_ready;

static const struct re *lazy_re(struct re *r, const char *pattern,
				uint32_t flags)
{
	if (r->code == NULL)
		r->code = compile(pattern, flags);
	if (r->code != NULL && r->uses < UINT16_MAX &&
	    ++r->uses == JIT_AFTER_USES)
		r->jit = pcre2_jit_compile(r->code, PCRE2_JIT_COMPLETE) == 0;
	return r;
}

static const struct re *atom_re(enum atom_id a)
{
	return lazy_re(&atom_rx[a], atom_defs[a].pattern, atom_defs[a].flags);
}

static void re_free(struct re *r)
{
	pcre2_code_free(r->code);
	memset(r, 0, sizeof(*r));
}

static void regexp_fini(void)
{
	size_t i;

	for (i = 0; i < N_ATOMS; i++)
		re_free(&atom_rx[i]);
	regexp_ready = false;
	re_free(&svc_rx);
	re_free(&www_rx);
	re_free(&hidden_path_rx);
}

/* FNV-1a over the lower-cased name. */
static uint32_t name_hash(const char *s)
{
	uint32_t h = 2166136261u;
	unsigned char ch;

	for (; *s != '\0'; s++) {
		ch = (unsigned char)*s;
		if (ch >= 'A' && ch <= 'Z')
			ch = (unsigned char)(ch + 'a' - 'A');
		h = (h ^ ch) * 16777619u;
	}
	return h;
}

static void byte_class_init(void);

static int regexp_init(void)
{
	uint32_t nl = 0;
	size_t i;

	for (i = 0; i < N_HNAMES; i++)
		hname_hash[i] = name_hash(hname_str[i]);
	for (i = 0; i < sizeof(needs) / sizeof(needs[0]); i++)
		need_of[needs[i].atom] = &needs[i];
	byte_class_init();
	newline_lf = pcre2_config(PCRE2_CONFIG_NEWLINE, &nl) >= 0 &&
		     nl == PCRE2_NEWLINE_LF;

	regexp_ready = true;
	return 0;
}

static const struct re *svc_re(void)
{
	return lazy_re(&svc_rx, svc_pattern, F_I);
}

static const struct re *www_re(void)
{
	return lazy_re(&www_rx, www_pattern, F_I);
}

static const struct re *hidden_path_re(void)
{
	return lazy_re(&hidden_path_rx, hidden_path_pattern, F_I);
}

/* ------------------------------------------------------------------ */
/* Per-message state                                                    */

struct rx {
	struct scan_ctx *c;
	const struct msg *m;
	pcre2_match_data *md;
	int8_t atom[N_ATOMS];  /* -1: not evaluated yet */
	char **raw;            /* rspamd's value per header, lazily */
	char **dec;            /* rspamd's decoded value per header */
	size_t *raw_len;       /* strlen(raw[i]) + 1 once known, else 0 */
	size_t *dec_len;       /* the same for dec[i] */
	long first[N_HNAMES];  /* first header of each known name, or -1 */
	long *next;            /* next header of the same name, or -1 */
};

/* A JIT-compiled pattern is run by pcre2_jit_match directly: it skips
 * pcre2_match's option checks, which none of ours needs (the UTF patterns
 * carry PCRE2_MATCH_INVALID_UTF). */
static bool re_match(struct rx *x, const struct re *r, const char *s,
		     size_t len)
{
	if (r->code == NULL || s == NULL || x->md == NULL)
		return false;
	if (r->jit)
		return pcre2_jit_match(r->code, (PCRE2_SPTR)s, len, 0, 0,
				       x->md, NULL) >= 0;
	return pcre2_match(r->code, (PCRE2_SPTR)s, len, 0, 0, x->md,
			   NULL) >= 0;
}

static unsigned char ascii_lower(unsigned char ch)
{
	return ch >= 'A' && ch <= 'Z' ? (unsigned char)(ch + 'a' - 'A') : ch;
}

static bool is_letter(unsigned char ch)
{
	return ascii_lower(ch) >= 'a' && ascii_lower(ch) <= 'z';
}

/* s starts with lit (n bytes, lower case), in any ASCII case. */
static bool starts_ci(const char *s, const char *lit, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (ascii_lower((unsigned char)s[i]) != (unsigned char)lit[i])
			return false;
	return true;
}

/* s (len bytes) contains lit in any ASCII case: memchr for the first
 * non-letter of lit when it has one, else a scan for its first letter. */
static bool has_ci(const char *s, size_t len, const char *lit)
{
	size_t n = strlen(lit), k = 0, i;
	const char *p, *end, *q;

	if (n > len)
		return false;
	while (k < n && is_letter((unsigned char)lit[k]))
		k++;
	if (k == n) {
		for (i = 0; i + n <= len; i++)
			if (ascii_lower((unsigned char)s[i]) ==
				    (unsigned char)lit[0] &&
			    starts_ci(s + i, lit, n))
				return true;
		return false;
	}
	end = s + len - (n - k - 1);
	for (p = s + k; p < end; p = q + 1) {
		q = memchr(p, lit[k], (size_t)(end - p));
		if (q == NULL)
			return false;
		if (starts_ci(q - k, lit, n))
			return true;
	}
	return false;
}

/* s (len bytes) contains lit: memchr for its first byte, then memcmp
 * (the values are short; memmem's setup cost more than the search). */
static bool has_lit(const char *s, size_t len, const char *lit)
{
	size_t n = strlen(lit);
	const char *p = s, *end, *q;

	if (n == 0 || n > len)
		return n == 0;
	end = s + len - n + 1;
	while ((q = memchr(p, lit[0], (size_t)(end - p))) != NULL) {
		if (memcmp(q + 1, lit + 1, n - 1) == 0)
			return true;
		p = q + 1;
	}
	return false;
}

/* lit starts s or follows one of its '\n'. */
static bool has_at_line(const char *s, size_t len, const char *lit)
{
	size_t n = strlen(lit);
	const char *p = s, *end = s + len;

	for (;;) {
		if ((size_t)(end - p) >= n && memcmp(p, lit, n) == 0)
			return true;
		p = memchr(p, '\n', (size_t)(end - p));
		if (p == NULL)
			return false;
		p++;
	}
}

/* Byte classes for has_intro(): PCRE2's \w without F_U
 * ([A-Za-z0-9_]), and the first letters of BODY_INTRO's phrases. */
#define BC_WORD 1
#define BC_INTRO 2
static unsigned char byte_class[256];

static void byte_class_init(void)
{
	unsigned c;

	for (c = 0; c < 256; c++)
		if (is_letter((unsigned char)c) || (c >= '0' && c <= '9') ||
		    c == '_')
			byte_class[c] = BC_WORD;
	byte_class['m'] |= BC_INTRO;
	byte_class['M'] |= BC_INTRO;
	byte_class['i'] |= BC_INTRO;
	byte_class['I'] |= BC_INTRO;
	byte_class['t'] |= BC_INTRO;
	byte_class['T'] |= BC_INTRO;
}

/* PCRE2's \s without F_U. */
static bool pcre_space(unsigned char ch)
{
	return ch == ' ' || (ch >= '\t' && ch <= '\r');
}

/* s (len bytes) starts with lit (lower case), in any ASCII case. */
static bool lit_ci(const char *s, size_t len, const char *lit)
{
	size_t n = strlen(lit);

	return n <= len && starts_ci(s, lit, n);
}

/*
 * What a BODY_INTRO match starting at s needs: "my name is", or "i am" /
 * "this is", white space, and the start of a title (the pattern's
 * titles, longer ones by their prefix); the pattern checks the rest.
 */
static bool intro_at(const char *s, size_t len)
{
	static const char *const titles[] = {
		"mr", "ms", "miss", "master", "sir", "prof", "dr", "doctor",
		"rev",
	};
	size_t i, k;

	if (lit_ci(s, len, "my name is"))
		return true;
	if (lit_ci(s, len, "i am"))
		i = 4;
	else if (lit_ci(s, len, "this is"))
		i = 7;
	else
		return false;
	if (i >= len || !pcre_space((unsigned char)s[i]))
		return false;
	while (i < len && pcre_space((unsigned char)s[i]))
		i++;
	for (k = 0; k < sizeof(titles) / sizeof(titles[0]); k++)
		if (lit_ci(s + i, len - i, titles[k]))
			return true;
	return false;
}

/* NEED_INTRO: intro_at() holds at a word start (the pattern's \b). */
static bool has_intro(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;

	while (i < len) {
		while (i < len && !(byte_class[p[i]] & BC_WORD))
			i++;
		/* a word starts at i */
		if (i < len && (byte_class[p[i]] & BC_INTRO) &&
		    intro_at(s + i, len - i))
			return true;
		while (i < len && (byte_class[p[i]] & BC_WORD))
			i++;
	}
	return false;
}

/* A byte of NEEDS_MIME: a control other than \t, \n, \r, or >= 0x7f. */
static bool has_mime8(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i;

	for (i = 0; i < len; i++)
		if (p[i] >= 0x7f || (p[i] < 0x20 && p[i] != '\t' &&
				     p[i] != '\n' && p[i] != '\r'))
			return true;
	return false;
}

static bool has_high(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i;

	for (i = 0; i < len; i++)
		if (p[i] >= 0x80)
			return true;
	return false;
}

/* The value passes the atom's need (see struct need). */
static bool need_ok(enum atom_id a, const char *s, size_t len)
{
	const struct need *nd = need_of[a];

	if (nd == NULL)
		return true;
	switch (nd->kind) {
	case NEED_LIT:
		if (atom_defs[a].flags & F_I)
			return has_ci(s, len, nd->lit);
		return has_lit(s, len, nd->lit);
	case NEED_LINE:
		return !newline_lf || has_at_line(s, len, nd->lit);
	case NEED_MIME:
		return has_mime8(s, len);
	case NEED_HIGH:
		return has_high(s, len);
	case NEED_INTRO:
		return has_intro(s, len);
	case NEED_NONE:
		break;
	}
	return true;
}

static bool is_space(unsigned char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' ||
	       ch == '\v' || ch == '\f';
}

/* rspamd's header "value" (see the header comment). */
static char *make_raw(const char *raw, bool last)
{
	size_t n = strlen(raw), o = 0;
	char *out = malloc(n + 2);
	bool fold = false;
	const char *p;
	char *s;

	if (out == NULL)
		return NULL;
	/* each line break and the white space after it become one space */
	for (p = raw; *p != '\0';) {
		n = strcspn(p, "\r\n");
		if (n > 0) {
			memcpy(out + o, p, n);
			o += n;
			p += n;
			fold = false;
		}
		if (*p == '\0')
			break;
		out[o++] = ' ';
		for (p++; *p != '\0' && is_space((unsigned char)*p); p++)
			;
		fold = true;
	}
	if (!last && !fold)
		out[o++] = ' ';
	if (o > 0 && out[o - 1] == ' ')
		o--;
	out[o] = '\0';
	s = out;
	while (is_space((unsigned char)*s))
		s++;
	if (s != out)
		memmove(out, s, strlen(s) + 1);
	return out;
}

/* Control characters become '?', whitespace ' ', as rspamd does. */
static void sanitize(char *s)
{
	unsigned char *p;

	for (p = (unsigned char *)s; *p != '\0'; p++) {
		if (*p >= 0x80 || (*p > 0x20 && *p < 0x7f))
			continue;
		*p = is_space(*p) ? ' ' : '?';
	}
}

/* The value ends with an encoded word and whitespace: rspamd's decoder
 * drops that whitespace (it only keeps what precedes more text). The
 * number of whitespace characters to drop, 0 when none. */
static size_t ends_encoded_ws(const char *v)
{
	size_t n = strlen(v), k = n;

	while (k > 0 && is_space((unsigned char)v[k - 1]))
		k--;
	return k >= 2 && v[k - 2] == '?' && v[k - 1] == '=' ? n - k : 0;
}

static char *make_decoded(const char *value)
{
	char *d, *out;
	size_t n, drop;

	if (strstr(value, "=?") == NULL) {
		out = strdup(value);
	} else {
		d = g_mime_utils_header_decode_text(NULL, value);
		out = d != NULL ? strdup(d) : strdup(value);
		g_free(d);
		drop = out != NULL ? ends_encoded_ws(value) : 0;
		n = out != NULL ? strlen(out) : 0;
		for (; drop > 0 && n > 0 && is_space((unsigned char)out[n - 1]);
		     drop--)
			out[--n] = '\0';
	}
	if (out != NULL)
		sanitize(out);
	return out;
}

/*
 * rspamd's header block ends after the last header's line ending minus its
 * final '\n': with CRLF the last header keeps a '\r' that becomes the
 * space it strips, like every other header.
 */
static bool last_header_bare(const struct msg *m, size_t i)
{
	size_t e = m->header_end;

	if (i + 1 != m->n_headers)
		return false;
	return !(e >= 4 && e <= m->raw_len &&
		 memcmp(m->raw + e - 4, "\r\n\r\n", 4) == 0);
}

static const char *hdr_raw(struct rx *x, size_t i)
{
	if (x->raw == NULL)
		return NULL;
	if (x->raw[i] == NULL)
		x->raw[i] = make_raw(x->m->headers[i].raw,
				     last_header_bare(x->m, i));
	return x->raw[i];
}

/* make_decoded(v) would equal v: no encoded word, no byte that
 * sanitize() rewrites (a control character or DEL). */
static bool decodes_to_itself(const char *v)
{
	const unsigned char *p;

	if (strstr(v, "=?") != NULL)
		return false;
	for (p = (const unsigned char *)v; *p != '\0'; p++)
		if (*p < 0x20 || *p == 0x7f)
			return false;
	return true;
}

/* The decoded value; it is the raw value itself (not a copy) when the two
 * are equal, and rx_close() frees it once. */
static const char *hdr_dec(struct rx *x, size_t i)
{
	const char *v;

	if (x->dec == NULL)
		return NULL;
	if (x->dec[i] == NULL) {
		v = hdr_raw(x, i);
		if (v != NULL)
			x->dec[i] = decodes_to_itself(v) ? (char *)v :
							   make_decoded(v);
	}
	return x->dec[i];
}

/* The decoded value of the first header called name, or NULL. */
static const char *first_dec(struct rx *x, enum hname name)
{
	return x->first[name] >= 0 ? hdr_dec(x, (size_t)x->first[name]) : NULL;
}

/* The atom's pattern matches s, its need checked first. */
static bool atom_match(struct rx *x, enum atom_id a, const char *s,
		       size_t len)
{
	return s != NULL && need_ok(a, s, len) &&
	       re_match(x, atom_re(a), s, len);
}

/* strlen(v), v the value of header i, remembered in lens[i]. */
static size_t value_len(size_t *lens, size_t i, const char *v)
{
	if (lens[i] == 0)
		lens[i] = strlen(v) + 1;
	return lens[i] - 1;
}

static bool match_headers(struct rx *x, enum atom_id a)
{
	const struct atom_def *d = &atom_defs[a];
	const char *v;
	long i;

	for (i = x->first[d->header]; i >= 0; i = x->next[i]) {
		v = d->src == S_RAW ? hdr_raw(x, (size_t)i) :
				      hdr_dec(x, (size_t)i);
		if (v != NULL &&
		    atom_match(x, a, v,
			       value_len(d->src == S_RAW ? x->raw_len :
							   x->dec_len,
					 (size_t)i, v)))
			return true;
	}
	return false;
}

static bool match_urls(struct rx *x, enum atom_id a)
{
	size_t i;

	for (i = 0; i < x->m->n_urls; i++)
		if (atom_match(x, a, x->m->urls[i].url,
			       strlen(x->m->urls[i].url)))
			return true;
	return false;
}

static bool is_text_part(const struct msg_part *p)
{
	return p->text && !p->attachment;
}

static bool match_body(struct rx *x, enum atom_id a, bool raw)
{
	const struct msg_part *p;
	size_t i;

	if (!raw && x->m->subject != NULL &&
	    atom_match(x, a, x->m->subject, strlen(x->m->subject)))
		return true;
	for (i = 0; i < x->m->n_parts; i++) {
		p = &x->m->parts[i];
		if (!is_text_part(p))
			continue;
		if (raw && p->decoded != NULL &&
		    atom_match(x, a, p->decoded, p->decoded_len))
			return true;
		if (!raw && p->content != NULL &&
		    atom_match(x, a, p->content, strlen(p->content)))
			return true;
	}
	return false;
}

static bool A(struct rx *x, enum atom_id a)
{
	bool r = false;

	if (x->atom[a] >= 0)
		return x->atom[a] != 0;
	switch (atom_defs[a].src) {
	case S_HDR:
	case S_RAW:
		r = match_headers(x, a);
		break;
	case S_URL:
		r = match_urls(x, a);
		break;
	case S_BODY:
		r = match_body(x, a, false);
		break;
	case S_RBODY:
		r = match_body(x, a, true);
		break;
	}
	x->atom[a] = r ? 1 : 0;
	return r;
}

/* ------------------------------------------------------------------ */
/* rspamd's expression functions                                        */

static bool hx(const struct rx *x, enum hname name)
{
	return x->first[name] >= 0;
}

enum ct_field { CT_TYPE, CT_SUBTYPE };

/*
 * content_type_is_type/is_subtype: the first part, and the following ones
 * once a multipart part has been seen (rspamd's implicit recursion).
 * sub: the value must contain it (for /.?html/), else equal it.
 */
static bool ct_check(const struct rx *x, enum ct_field f, const char *want,
		     bool contains)
{
	const struct msg_part *p;
	const char *v;
	bool recursive = false;
	size_t i;

	for (i = 0; i < x->m->n_parts; i++) {
		p = &x->m->parts[i];
		if (p->multipart)
			recursive = true;
		v = f == CT_TYPE ? p->type : p->subtype;
		if (v != NULL && (contains ? strstr(v, want) != NULL :
				  strcasecmp(v, want) == 0))
			return true;
		if (!recursive)
			break;
	}
	return false;
}

static bool ct_has_charset(const struct rx *x)
{
	const struct msg_part *p;
	bool recursive = false;
	size_t i;

	for (i = 0; i < x->m->n_parts; i++) {
		p = &x->m->parts[i];
		if (p->multipart)
			recursive = true;
		if (p->charset != NULL)
			return true;
		if (!recursive)
			break;
	}
	return false;
}

static bool is_empty_body(const struct rx *x)
{
	size_t i;

	for (i = 0; i < x->m->n_parts; i++)
		if (x->m->parts[i].decoded_len > 0)
			return false;
	return true;
}

/* compare_transfer_encoding(7bit): a text part whose encoding, as rspamd
 * settles it (cte.h: declared, or guessed from its first bytes), is 7bit. */
static bool cte_7bit(const struct rx *x)
{
	size_t i;

	for (i = 0; i < x->m->n_parts; i++)
		if (x->m->parts[i].text && cte_of_part(x->m, i) == CTE_7BIT)
			return true;
	return false;
}

static bool only_html_part(const struct rx *x)
{
	size_t i, html = 0, other = 0;

	for (i = 0; i < x->m->n_parts; i++) {
		if (!is_text_part(&x->m->parts[i]))
			continue;
		if (x->m->parts[i].html)
			html++;
		else
			other++;
	}
	return html > 0 && other == 0;
}

static bool text_has_tag(const char *s, const char *tag)
{
	size_t n = strlen(tag);
	unsigned char after;

	for (; (s = strchr(s, '<')) != NULL; s++) {
		if (strncasecmp(s + 1, tag, n) != 0)
			continue;
		after = (unsigned char)s[1 + n];
		if (after == '>' || after == '/' || after == '\0' ||
		    is_space(after))
			return true;
	}
	return false;
}

static bool has_html_tag(const struct rx *x, const char *tag)
{
	const struct msg_part *p;
	const char *s;
	size_t i;

	for (i = 0; i < x->m->n_parts; i++) {
		p = &x->m->parts[i];
		if (!is_text_part(p) || !p->html)
			continue;
		s = p->utf8 != NULL ? p->utf8 : p->decoded;
		if (s != NULL && text_has_tag(s, tag))
			return true;
	}
	return false;
}

/*
 * The MIME recipients as rspamd's rcpt_mime holds them when the regexp
 * rules run: the To, Cc and Bcc addresses in the order of their headers
 * (each kind at the place of its first header; repeated headers of one
 * kind interleaved with another kind are not followed), and then, when
 * EMAIL_PLUS_ALIASES found a plus tag (or gmail dots) in any of them, every
 * address once more as alias removal rewrites it: rspamd's set_recipients
 * appends the rewritten list to the original one.
 */
struct rcpt_list {
	const char **v;
	size_t n;
	char **owned;          /* the rewritten addresses */
	size_t n_owned;
};

static void rcpt_list_release(struct rcpt_list *l)
{
	size_t i;

	for (i = 0; i < l->n_owned; i++)
		free(l->owned[i]);
	free(l->owned);
	free(l->v);
	memset(l, 0, sizeof(*l));
}

static size_t header_pos(const struct msg *m, const char *name)
{
	const struct msg_header *h = msg_header(m, name, 0);

	return h != NULL ? (size_t)(h - m->headers) : m->n_headers;
}

/* To, Cc and Bcc in the order of their first headers. */
static void rcpt_kinds(const struct msg *m, const struct msg_addrs *kinds[3])
{
	const struct msg_addrs *t;
	size_t pos[3], i, j, tp;

	kinds[0] = &m->to;
	kinds[1] = &m->cc;
	kinds[2] = &m->bcc;
	pos[0] = header_pos(m, "To");
	pos[1] = header_pos(m, "Cc");
	pos[2] = header_pos(m, "Bcc");
	for (i = 1; i < 3; i++)
		for (j = i; j > 0 && pos[j - 1] > pos[j]; j--) {
			tp = pos[j];
			pos[j] = pos[j - 1];
			pos[j - 1] = tp;
			t = kinds[j];
			kinds[j] = kinds[j - 1];
			kinds[j - 1] = t;
		}
}

/* Append the alias-rewritten copy of the first n addresses if any of them
 * is aliased. */
static int rcpt_list_add_aliases(struct rcpt_list *l, size_t n)
{
	struct alias al;
	bool any = false, changed;
	size_t i;
	char *na;

	for (i = 0; i < n && !any; i++) {
		if (alias_of(l->v[i], &al) < 0)
			return -1;
		any = al.aliased;
		alias_release(&al);
	}
	for (i = 0; any && i < n; i++) {
		l->v[l->n++] = l->v[i];
		if (alias_of(l->v[i], &al) < 0)
			return -1;
		changed = al.changed;
		na = changed ? alias_addr(&al) : NULL;
		alias_release(&al);
		if (changed && na == NULL)
			return -1;
		if (changed)
			l->v[l->n - 1] = l->owned[l->n_owned++] = na;
	}
	return 0;
}

static int rcpt_list_build(const struct msg *m, struct rcpt_list *l)
{
	const struct msg_addrs *kinds[3];
	size_t n = m->to.n + m->cc.n + m->bcc.n, k, i;

	memset(l, 0, sizeof(*l));
	l->v = calloc(2 * n + 1, sizeof(*l->v));
	l->owned = calloc(n + 1, sizeof(*l->owned));
	if (l->v == NULL || l->owned == NULL)
		return -1;
	rcpt_kinds(m, kinds);
	for (k = 0; k < 3; k++)
		for (i = 0; i < kinds[k]->n; i++)
			l->v[l->n++] = kinds[k]->v[i].addr;
	return rcpt_list_add_aliases(l, n);
}

#define MIN_RCPT_TO_COMPARE 7
#define COMPARE_RCPT_LEN 3

struct rcpt_key {
	const char *addr;
	size_t len;
	const char *domain;    /* after the last '@' as written, or "" */
	size_t dlen;
	size_t pos;            /* original position: keeps the sort stable */
};

/* rspamd orders by domain length, then domain bytes (case-sensitive); its
 * qsort (glibc's merge sort) keeps the order of equal domains. */
static int rcpt_key_cmp(const void *a, const void *b)
{
	const struct rcpt_key *x = a, *y = b;
	int r;

	if (x->dlen != y->dlen)
		return x->dlen < y->dlen ? -1 : 1;
	r = memcmp(x->domain, y->domain, x->dlen);
	if (r != 0)
		return r;
	return x->pos < y->pos ? -1 : x->pos > y->pos;
}

/* Neighbours, after the sort by domain, whose addresses are equally long
 * and start alike (COMPARE_RCPT_LEN characters, any case); addresses of
 * COMPARE_RCPT_LEN characters or fewer are left out. -1: none compared. */
static long rcpt_hits(const struct rcpt_list *l)
{
	struct rcpt_key *v = calloc(l->n + 1, sizeof(*v));
	size_t i, k = 0;
	long hits = 0;
	const char *at;

	if (v == NULL)
		return -1;
	for (i = 0; i < l->n; i++) {
		if (l->v[i] == NULL || strlen(l->v[i]) <= COMPARE_RCPT_LEN)
			continue;
		at = strrchr(l->v[i], '@');
		v[k].addr = l->v[i];
		v[k].len = strlen(l->v[i]);
		v[k].domain = at != NULL ? at + 1 : "";
		v[k].dlen = strlen(v[k].domain);
		v[k].pos = k;
		k++;
	}
	qsort(v, k, sizeof(*v), rcpt_key_cmp);
	for (i = 0; i + 1 < k; i++)
		if (v[i].len == v[i + 1].len &&
		    strncasecmp(v[i].addr, v[i + 1].addr, COMPARE_RCPT_LEN) == 0)
			hits++;
	free(v);
	return k > 0 ? hits : -1;
}

/* compare_recipients_distance(t) as rspamd 3.4 computes it: with at least
 * MIN_RCPT_TO_COMPARE recipients, fires when rcpt_hits / 2 >= t. */
static bool rcpts_distance(const struct rx *x, double threshold)
{
	struct rcpt_list l;
	long hits = -1;

	if (rcpt_list_build(x->m, &l) == 0 && l.n >= MIN_RCPT_TO_COMPARE)
		hits = rcpt_hits(&l);
	rcpt_list_release(&l);
	return hits >= 0 && (double)hits / 2.0 >= threshold;
}

/* is_recipients_sorted(): every address is "greater" than the one before
 * it, rspamd ordering shorter addresses first, then case-insensitively;
 * an empty address is not compared with the next one. */
static bool rcpts_sorted(const struct rx *x)
{
	struct rcpt_list l;
	const char *prev = NULL, *cur;
	bool sorted = false;
	size_t i, la, lb;

	if (rcpt_list_build(x->m, &l) < 0 || l.n < MIN_RCPT_TO_COMPARE)
		goto out;
	for (i = 0; i < l.n; i++) {
		cur = l.v[i] != NULL ? l.v[i] : "";
		if (prev != NULL && prev[0] != '\0') {
			la = strlen(cur);
			lb = strlen(prev);
			if (la < lb || (la == lb && strcasecmp(cur, prev) <= 0))
				goto out;
		}
		prev = cur;
	}
	sorted = true;
out:
	rcpt_list_release(&l);
	return sorted;
}

static bool env_from_match(struct rx *x, const struct re *code)
{
	const char *f = x->m->env_from;

	return f != NULL && re_match(x, code, f, strlen(f));
}

/* ------------------------------------------------------------------ */
/* Symbols                                                              */

#define UNUSABLE_MSGID(x) \
	(A(x, AT_LYRIS) || A(x, AT_WACKY_SENDMAIL) || A(x, AT_IPLANET) || \
	 A(x, AT_BAYDAV_MSGID) || A(x, AT_SYMPATICO_MSGID) || \
	 A(x, AT_MAILMAN_MSGID))

static bool needs_encoding(struct rx *x, enum atom_id b64, enum atom_id qp,
			   enum atom_id raw8)
{
	return A(x, raw8) && !A(x, b64) && !A(x, qp);
}

static bool s_subject_needs_encoding(struct rx *x)
{
	return needs_encoding(x, AT_SUBJ_B64, AT_SUBJ_QP, AT_SUBJ_8BIT_RAW);
}

static bool s_from_needs_encoding(struct rx *x)
{
	return needs_encoding(x, AT_FROM_B64, AT_FROM_QP, AT_FROM_8BIT_RAW);
}

static bool s_to_needs_encoding(struct rx *x)
{
	return needs_encoding(x, AT_TO_B64, AT_TO_QP, AT_TO_8BIT_RAW);
}

static bool s_no_space_in_from(struct rx *x)
{
	return A(x, AT_FROM_NO_SPACE);
}

static bool s_to_wrapped(struct rx *x)
{
	return A(x, AT_TO_WRAPPED);
}

static bool s_missing_subject(struct rx *x)
{
	return !hx(x, HN_SUBJECT);
}

static bool s_empty_subject(struct rx *x)
{
	const char *s = first_dec(x, HN_SUBJECT);

	return s != NULL && s[0] == '\0';
}

static bool s_missing_to(struct rx *x)
{
	return !hx(x, HN_TO);
}

static bool s_undisc_rcpt(struct rx *x)
{
	return A(x, AT_TO_UNDISC);
}

static bool s_missing_mid(struct rx *x)
{
	return !hx(x, HN_MESSAGE_ID);
}

static bool s_rcvd_spambots(struct rx *x)
{
	return A(x, AT_RCVD_SPAMBOTS);
}

static bool s_missing_charset(struct rx *x)
{
	return !is_empty_body(x) && ct_check(x, CT_TYPE, "text", false) &&
	       ct_check(x, CT_SUBTYPE, "plain", false) &&
	       !ct_has_charset(x) && !cte_7bit(x);
}

static bool s_forged_outlook_html(struct rx *x)
{
	return A(x, AT_OUTLOOK_MUA) && only_html_part(x) &&
	       !A(x, AT_YAHOO_BULK);
}

static bool s_suspicious_recips(struct rx *x)
{
	return rcpts_distance(x, 0.65);
}

static bool s_sorted_recips(struct rx *x)
{
	return rcpts_sorted(x);
}

static bool excess(struct rx *x, enum atom_id enc, enum atom_id dec8)
{
	return A(x, enc) && !A(x, dec8);
}

static bool s_from_excess_b64(struct rx *x)
{
	return excess(x, AT_FROM_B64, AT_FROM_8BIT);
}

static bool s_from_excess_qp(struct rx *x)
{
	return excess(x, AT_FROM_QP, AT_FROM_8BIT);
}

static bool s_to_excess_b64(struct rx *x)
{
	return excess(x, AT_TO_B64, AT_TO_8BIT);
}

static bool s_to_excess_qp(struct rx *x)
{
	return excess(x, AT_TO_QP, AT_TO_8BIT);
}

static bool s_rt_excess_b64(struct rx *x)
{
	return excess(x, AT_RT_B64, AT_RT_8BIT);
}

static bool s_rt_excess_qp(struct rx *x)
{
	return excess(x, AT_RT_QP, AT_RT_8BIT);
}

static bool s_cc_excess_b64(struct rx *x)
{
	return excess(x, AT_CC_B64, AT_CC_8BIT);
}

static bool s_cc_excess_qp(struct rx *x)
{
	return excess(x, AT_CC_QP, AT_CC_8BIT);
}

static bool s_subj_excess_b64(struct rx *x)
{
	return excess(x, AT_SUBJ_B64, AT_SUBJ_8BIT);
}

static bool s_subj_excess_qp(struct rx *x)
{
	return excess(x, AT_SUBJ_QP, AT_SUBJ_8BIT);
}

static bool forged_oe(struct rx *x)
{
	return A(x, AT_OE_MUA) && !A(x, AT_OE_MSGID_1) &&
	       !A(x, AT_OE_MSGID_2) && !UNUSABLE_MSGID(x);
}

static bool forged_outlook_dollars(struct rx *x)
{
	return A(x, AT_DOLLARS_MUA) && !A(x, AT_OE_MSGID_2) &&
	       !A(x, AT_DOLLARS_OTHER) && !A(x, AT_VISTA_MSGID) &&
	       !A(x, AT_IMS_MSGID) && !UNUSABLE_MSGID(x);
}

static bool s_forged_mua_outlook(struct rx *x)
{
	return (forged_oe(x) || forged_outlook_dollars(x)) &&
	       !A(x, AT_FMO_O3416) && !A(x, AT_FMO_OE3790) &&
	       !A(x, AT_VISTA_MSGID);
}

static bool s_forged_outlook_tags(struct rx *x)
{
	return A(x, AT_OUTLOOK_MUA) && !A(x, AT_YAHOO_BULK) &&
	       ct_check(x, CT_TYPE, "text", false) &&
	       ct_check(x, CT_SUBTYPE, "html", true) &&
	       !(has_html_tag(x, "html") && has_html_tag(x, "head") &&
		 has_html_tag(x, "meta") && has_html_tag(x, "body"));
}

static bool s_susp_boundary(struct rx *x)
{
	return A(x, AT_SUSP_BOUND1);
}

static bool s_susp_boundary2(struct rx *x)
{
	return A(x, AT_SUSP_BOUND2);
}

static bool s_susp_boundary3(struct rx *x)
{
	return A(x, AT_SUSP_BOUND3);
}

static bool s_susp_boundary4(struct rx *x)
{
	return A(x, AT_SUSP_BOUND4) && A(x, AT_SUSP_BOUND4_DATE);
}

static bool s_thebat_msgid(struct rx *x)
{
	return A(x, AT_THEBAT_ANY) && !A(x, AT_THEBAT_MSGID) &&
	       A(x, AT_THEBAT_MSGID_COMMON) && !UNUSABLE_MSGID(x);
}

static bool s_thebat_msgid_unknown(struct rx *x)
{
	return A(x, AT_THEBAT_ANY) && !A(x, AT_THEBAT_MSGID) &&
	       !A(x, AT_THEBAT_MSGID_COMMON) && !UNUSABLE_MSGID(x);
}

static bool s_kmail_msgid_unknown(struct rx *x)
{
	return A(x, AT_KMAIL_MUA) && !A(x, AT_KMAIL_MSGID) &&
	       !UNUSABLE_MSGID(x);
}

static bool s_opera_msgid(struct rx *x)
{
	return A(x, AT_OPERA_MUA) && !A(x, AT_OPERA_MSGID) &&
	       !UNUSABLE_MSGID(x);
}

static bool ua_mozilla(struct rx *x)
{
	return A(x, AT_UA_MOZ5) && !A(x, AT_UA_TB) && !A(x, AT_UA_SM) &&
	       !A(x, AT_UA_PB);
}

/* The Mozilla family: ua plus a common Message-ID that is not Mozilla's
 * own (known), or no known Message-ID template at all (unknown). */
static bool moz_known(struct rx *x, bool ua)
{
	return ua && A(x, AT_MOZ_MSGID_COMMON) && !A(x, AT_MOZ_MSGID) &&
	       !UNUSABLE_MSGID(x);
}

static bool moz_unknown(struct rx *x, bool ua, bool sec)
{
	return ua && !(A(x, AT_MOZ_MSGID_COMMON) ||
		       (sec && A(x, AT_MOZ_MSGID_SEC))) &&
	       !A(x, AT_MOZ_MSGID) && !UNUSABLE_MSGID(x);
}

static bool s_moz_msgid(struct rx *x)
{
	return moz_known(x, ua_mozilla(x));
}

static bool s_moz_msgid_unknown(struct rx *x)
{
	return moz_unknown(x, ua_mozilla(x), false);
}

static bool s_tb_msgid(struct rx *x)
{
	return moz_known(x, A(x, AT_UA_TB));
}

static bool s_tb_msgid_unknown(struct rx *x)
{
	return moz_unknown(x, A(x, AT_UA_TB), true);
}

static bool s_sm_msgid(struct rx *x)
{
	return moz_known(x, A(x, AT_UA_SM));
}

static bool s_sm_msgid_unknown(struct rx *x)
{
	return moz_unknown(x, A(x, AT_UA_SM), true);
}

static bool s_pb_msgid(struct rx *x)
{
	return moz_known(x, A(x, AT_UA_PB));
}

static bool s_pb_msgid_unknown(struct rx *x)
{
	return moz_unknown(x, A(x, AT_UA_PB), true);
}

static bool s_invalid_msgid(struct rx *x)
{
	return hx(x, HN_MESSAGE_ID) &&
	       !(A(x, AT_SANE_MSGID) || A(x, AT_MSGID_COMMENT));
}

static bool s_mime_header_ctype_only(struct rx *x)
{
	return !hx(x, HN_CONTENT_DISPOSITION) &&
	       !hx(x, HN_CONTENT_TRANSFER_ENCODING) &&
	       hx(x, HN_CONTENT_TYPE) && !hx(x, HN_MIME_VERSION) &&
	       !(ct_check(x, CT_TYPE, "text", false) &&
		 ct_check(x, CT_SUBTYPE, "plain", false));
}

static bool s_ratware_ms_hash(struct rx *x)
{
	return A(x, AT_MSGID_DOLLARS_OK) && !A(x, AT_MIMEOLE_MS) &&
	       !A(x, AT_RCVD_EXCHANGE);
}

static bool s_stox_reply_type(struct rx *x)
{
	return A(x, AT_STOX_REPLY);
}

static bool s_forged_msgid_yahoo(struct rx *x)
{
	return A(x, AT_YAHOO_MSGID) && !A(x, AT_FROM_YAHOO);
}

static bool s_thebat_boun(struct rx *x)
{
	return A(x, AT_THEBAT_V1) && A(x, AT_CT_BOUNDARY) &&
	       !A(x, AT_BAT_BOUNDARY) && !A(x, AT_MAILMAN_21);
}

static bool s_mail_ru_mailer(struct rx *x)
{
	return A(x, AT_XM_MAILRU) && A(x, AT_RCVD_E_MAILRU);
}

static bool s_yandex_ru_mailer(struct rx *x)
{
	return A(x, AT_XM_YANDEX) && A(x, AT_RCVD_WEB_YANDEX);
}

static bool s_mailer_1c_8(struct rx *x)
{
	return A(x, AT_XM_1C);
}

static bool s_strongmail(struct rx *x)
{
	return A(x, AT_RCVD_STRONGMAIL);
}

static bool s_rcvd_double_ip(struct rx *x)
{
	return A(x, AT_DOUBLE_IP_1) || A(x, AT_DOUBLE_IP_2);
}

static bool s_repto_quote_yahoo(struct rx *x)
{
	return A(x, AT_REPTO_QUOTE) &&
	       (A(x, AT_FROM_YAHOO) || A(x, AT_YAHOO_MSGID));
}

static bool s_fake_reply(struct rx *x)
{
	return A(x, AT_SUBJ_RE) && !(hx(x, HN_IN_REPLY_TO) ||
				     hx(x, HN_REFERENCES));
}

static bool s_missing_mimeole(struct rx *x)
{
	return hx(x, HN_X_MSMAIL_PRIORITY) && !hx(x, HN_X_MIMEOLE) &&
	       !A(x, AT_XM_SQUIRREL) && !A(x, AT_XM_OFFICE);
}

/* HEADER_*_EMPTY_DELIMITER: no space or tab right after the colon. */
static bool empty_delimiter(struct rx *x, enum hname name)
{
	const char *raw;
	long i;

	for (i = x->first[name]; i >= 0; i = x->next[i]) {
		raw = x->m->headers[i].raw;
		if (raw[0] != ' ' && raw[0] != '\t')
			return true;
	}
	return false;
}

static bool s_from_empty_delim(struct rx *x)
{
	return empty_delimiter(x, HN_FROM);
}

static bool s_to_empty_delim(struct rx *x)
{
	return empty_delimiter(x, HN_TO);
}

static bool s_cc_empty_delim(struct rx *x)
{
	return empty_delimiter(x, HN_CC);
}

static bool s_rt_empty_delim(struct rx *x)
{
	return empty_delimiter(x, HN_REPLY_TO);
}

static bool s_date_empty_delim(struct rx *x)
{
	return empty_delimiter(x, HN_DATE);
}

static bool s_rcvd_illegal_chars(struct rx *x)
{
	return A(x, AT_RCVD_8BIT);
}

static bool s_fake_received_mail_ru(struct rx *x)
{
	return A(x, AT_MR_RCVD) &&
	       !((A(x, AT_MR_RP) || A(x, AT_MR_XEF)) && A(x, AT_MR_FROM));
}

/* Some raw header called name contains lit (lower case) in any case. */
static bool raw_has_ci(struct rx *x, enum hname name, const char *lit)
{
	const char *v;
	long i;

	for (i = x->first[name]; i >= 0; i = x->next[i]) {
		v = hdr_raw(x, (size_t)i);
		if (v != NULL && has_ci(v, strlen(v), lit))
			return true;
	}
	return false;
}

static bool yandex_received(struct rx *x)
{
	static const enum atom_id ya[] = {
		AT_YA2, AT_YA3, AT_YA4, AT_YA5, AT_YA6, AT_YA7, AT_YA8, AT_YA9,
	};
	size_t i;

	/* Each of them needs this (see needs[]): look for it once. */
	if (!raw_has_ci(x, HN_RECEIVED, "smtp.yandex.ru"))
		return false;
	for (i = 0; i < sizeof(ya) / sizeof(ya[0]); i++)
		if (A(x, ya[i]))
			return true;
	return false;
}

static bool s_fake_received_yandex(struct rx *x)
{
	bool freemail =
		(A(x, AT_MR_FROM) && (A(x, AT_MR_RP) || A(x, AT_MR_XEF))) ||
		(A(x, AT_GM_FROM) && (A(x, AT_GM_RP) || A(x, AT_GM_XEF))) ||
		(A(x, AT_UK_FROM) && (A(x, AT_UK_RP) || A(x, AT_UK_XEF)));

	return (freemail && A(x, AT_YA1)) || yandex_received(x);
}

static bool s_gen_rcvd1(struct rx *x)
{
	return A(x, AT_GEN_RCVD1);
}

static bool s_gen_rcvd2(struct rx *x)
{
	return A(x, AT_GEN_RCVD2);
}

static bool s_gen_rcvd3(struct rx *x)
{
	return A(x, AT_GEN_RCVD3);
}

static bool s_gen_rcvd4(struct rx *x)
{
	return A(x, AT_GEN_RCVD4);
}

static bool s_invalid_postfix_rcvd(struct rx *x)
{
	return A(x, AT_POSTFIX_RCVD);
}

static bool s_x_php_forged_0x(struct rx *x)
{
	return A(x, AT_XPHP_0X);
}

static bool s_goog_mid_missing(struct rx *x)
{
	return A(x, AT_GOOG_MID_MISSING);
}

static bool s_goog_mid_broken(struct rx *x)
{
	return A(x, AT_GOOG_MID_BROKEN);
}

static bool s_cte_case(struct rx *x)
{
	return A(x, AT_CTE_CASE);
}

static bool s_interspire(struct rx *x)
{
	return (hx(x, HN_X_MAILER_LID) && hx(x, HN_X_MAILER_RECPTID) &&
		hx(x, HN_X_MAILER_SID) && hx(x, HN_X_MAILER_SENT_BY)) ||
	       A(x, AT_INTERSPIRE_LU);
}

static bool s_ct_extra_semi(struct rx *x)
{
	return A(x, AT_CT_SEMI);
}

static bool s_subject_ends_exclaim(struct rx *x)
{
	return A(x, AT_SUBJ_ENDS_EXCL);
}

static bool s_subject_has_exclaim(struct rx *x)
{
	return A(x, AT_SUBJ_EXCL) && !A(x, AT_SUBJ_ENDS_EXCL);
}

static bool s_subject_ends_question(struct rx *x)
{
	return A(x, AT_SUBJ_ENDS_QUEST);
}

static bool s_subject_has_question(struct rx *x)
{
	return A(x, AT_SUBJ_QUEST) && !A(x, AT_SUBJ_ENDS_QUEST);
}

static bool s_subject_has_currency(struct rx *x)
{
	return A(x, AT_SUBJ_CURRENCY);
}

static bool s_subject_ends_spaces(struct rx *x)
{
	return A(x, AT_SUBJ_ENDS_SPACES);
}

static bool s_has_org_header(struct rx *x)
{
	return hx(x, HN_ORGANIZATION) || hx(x, HN_ORGANISATION);
}

static bool s_x_phpos_fake(struct rx *x)
{
	return A(x, AT_XPHPOS_FAKE);
}

static bool s_has_xoip(struct rx *x)
{
	return hx(x, HN_X_ORIGINATING_IP);
}

static bool s_has_list_unsub(struct rx *x)
{
	return hx(x, HN_LIST_UNSUBSCRIBE);
}

static bool s_guc_proxy_uri(struct rx *x)
{
	return A(x, AT_URL_GUC_PROXY);
}

static bool s_google_redir(struct rx *x)
{
	return A(x, AT_URL_GOOGLE_REDIR);
}

static bool s_xm_ua_no_version(struct rx *x)
{
	return !A(x, AT_XM_HTTP) && !A(x, AT_UA_HTTP) &&
	       (A(x, AT_XM_NO_DIGIT) || A(x, AT_UA_NO_DIGIT));
}

static bool s_old_x_mailer(struct rx *x)
{
	return A(x, AT_XM_OLD);
}

static bool s_forged_x_mailer(struct rx *x)
{
	return A(x, AT_XM_BAD) && !A(x, AT_XM_IOS);
}

static bool s_forged_ims(struct rx *x)
{
	return A(x, AT_XM_IMS) && !A(x, AT_RCVD_IMS);
}

static bool s_precedence_bulk(struct rx *x)
{
	return A(x, AT_PRECEDENCE_BULK);
}

static bool s_microsoft_spam(struct rx *x)
{
	return A(x, AT_MS_SPAM);
}

static bool s_klms_spam(struct rx *x)
{
	return A(x, AT_KLMS_SPAM);
}

static bool s_spam_flag(struct rx *x)
{
	return A(x, AT_XSPAM_FLAG) || A(x, AT_XSPAM) || A(x, AT_XSPAM_STATUS);
}

static bool s_unitedinternet_spam(struct rx *x)
{
	return A(x, AT_UI_JUNK) || A(x, AT_UI_OUT_JUNK);
}

static bool s_phpmailer_sig(struct rx *x)
{
	return A(x, AT_XM_PHPMAILER) || A(x, AT_CT_PHPMAILER);
}

static bool s_php_script_root(struct rx *x)
{
	return A(x, AT_XPHPOS_ROOT);
}

static bool s_has_x_pos(struct rx *x)
{
	return hx(x, HN_X_PHP_ORIGINATING_SCRIPT);
}

static bool s_has_x_php_script(struct rx *x)
{
	return hx(x, HN_X_PHP_SCRIPT);
}

static bool s_has_x_source(struct rx *x)
{
	return hx(x, HN_X_SOURCE) || hx(x, HN_X_SOURCE_ARGS) ||
	       hx(x, HN_X_SOURCE_DIR);
}

static bool s_has_x_antiabuse(struct rx *x)
{
	return hx(x, HN_X_ANTIABUSE);
}

static bool s_x_php_eval(struct rx *x)
{
	return A(x, AT_XPHPS_EVAL) || A(x, AT_XPHPOS_EVAL);
}

static bool s_has_wp_uri(struct rx *x)
{
	return A(x, AT_URL_WP);
}

static bool s_wp_compromised(struct rx *x)
{
	return A(x, AT_URL_WP_COMP);
}

static bool s_php_xps_pattern(struct rx *x)
{
	return A(x, AT_XPHPS_SENDMAIL);
}

static bool s_has_xaw(struct rx *x)
{
	return hx(x, HN_X_AUTHENTICATION_WARNING);
}

static bool s_xaw_service_acct(struct rx *x)
{
	return A(x, AT_XAW_SVC);
}

static bool s_envfrom_service_acct(struct rx *x)
{
	return env_from_match(x, svc_re());
}

static bool s_hidden_source_obj(struct rx *x)
{
	return A(x, AT_XPHPS_HIDDEN) || A(x, AT_XPHPOS_HIDDEN) ||
	       A(x, AT_XSRC_HIDDEN);
}

static bool s_mid_rhs_www(struct rx *x)
{
	return A(x, AT_MID_WWW);
}

static bool first_addr_svc(struct rx *x, const struct msg_addrs *a)
{
	const char *s = a->n > 0 ? a->v[0].addr : NULL;

	return s != NULL && re_match(x, svc_re(), s, strlen(s));
}

static bool s_from_service_acct(struct rx *x)
{
	return first_addr_svc(x, &x->m->from) ||
	       first_addr_svc(x, &x->m->sender) ||
	       first_addr_svc(x, &x->m->reply_to);
}

static bool s_www_dot_domain(struct rx *x)
{
	return A(x, AT_FROM_WWW) || A(x, AT_SENDER_WWW) ||
	       A(x, AT_RT_WWW) || env_from_match(x, www_re());
}

static bool s_meta_refresh(struct rx *x)
{
	return A(x, AT_BODY_META_REFRESH);
}

static bool s_has_data_uri(struct rx *x)
{
	return A(x, AT_BODY_DATA_URI);
}

static bool s_data_uri_obfu(struct rx *x)
{
	return A(x, AT_BODY_DATA_OBFU);
}

static bool s_introduction(struct rx *x)
{
	return A(x, AT_BODY_INTRO);
}

static bool s_has_onion_uri(struct rx *x)
{
	return A(x, AT_URL_ONION);
}

static bool s_subj_bounce_words(struct rx *x)
{
	return A(x, AT_SUBJ_BOUNCE);
}

struct rx_symbol {
	const char *name;
	bool (*fn)(struct rx *x);
};

static const struct rx_symbol rx_symbols[] = {
	{ "SUBJECT_NEEDS_ENCODING", s_subject_needs_encoding },
	{ "FROM_NEEDS_ENCODING", s_from_needs_encoding },
	{ "TO_NEEDS_ENCODING", s_to_needs_encoding },
	{ "R_NO_SPACE_IN_FROM", s_no_space_in_from },
	{ "TO_WRAPPED_IN_SPACES", s_to_wrapped },
	{ "MISSING_SUBJECT", s_missing_subject },
	{ "EMPTY_SUBJECT", s_empty_subject },
	{ "MISSING_TO", s_missing_to },
	{ "R_UNDISC_RCPT", s_undisc_rcpt },
	{ "MISSING_MID", s_missing_mid },
	{ "R_RCVD_SPAMBOTS", s_rcvd_spambots },
	{ "R_MISSING_CHARSET", s_missing_charset },
	{ "FORGED_OUTLOOK_HTML", s_forged_outlook_html },
	{ "SUSPICIOUS_RECIPS", s_suspicious_recips },
	{ "SORTED_RECIPS", s_sorted_recips },
	{ "FROM_EXCESS_BASE64", s_from_excess_b64 },
	{ "FROM_EXCESS_QP", s_from_excess_qp },
	{ "TO_EXCESS_BASE64", s_to_excess_b64 },
	{ "TO_EXCESS_QP", s_to_excess_qp },
	{ "REPLYTO_EXCESS_BASE64", s_rt_excess_b64 },
	{ "REPLYTO_EXCESS_QP", s_rt_excess_qp },
	{ "CC_EXCESS_BASE64", s_cc_excess_b64 },
	{ "CC_EXCESS_QP", s_cc_excess_qp },
	{ "SUBJ_EXCESS_BASE64", s_subj_excess_b64 },
	{ "SUBJ_EXCESS_QP", s_subj_excess_qp },
	{ "FORGED_MUA_OUTLOOK", s_forged_mua_outlook },
	{ "FORGED_OUTLOOK_TAGS", s_forged_outlook_tags },
	{ "SUSPICIOUS_BOUNDARY", s_susp_boundary },
	{ "SUSPICIOUS_BOUNDARY2", s_susp_boundary2 },
	{ "SUSPICIOUS_BOUNDARY3", s_susp_boundary3 },
	{ "SUSPICIOUS_BOUNDARY4", s_susp_boundary4 },
	{ "FORGED_MUA_THEBAT_MSGID", s_thebat_msgid },
	{ "FORGED_MUA_THEBAT_MSGID_UNKNOWN", s_thebat_msgid_unknown },
	{ "FORGED_MUA_KMAIL_MSGID_UNKNOWN", s_kmail_msgid_unknown },
	{ "FORGED_MUA_OPERA_MSGID", s_opera_msgid },
	{ "FORGED_MUA_MOZILLA_MAIL_MSGID", s_moz_msgid },
	{ "FORGED_MUA_MOZILLA_MAIL_MSGID_UNKNOWN", s_moz_msgid_unknown },
	{ "FORGED_MUA_THUNDERBIRD_MSGID", s_tb_msgid },
	{ "FORGED_MUA_THUNDERBIRD_MSGID_UNKNOWN", s_tb_msgid_unknown },
	{ "FORGED_MUA_SEAMONKEY_MSGID", s_sm_msgid },
	{ "FORGED_MUA_SEAMONKEY_MSGID_UNKNOWN", s_sm_msgid_unknown },
	{ "FORGED_MUA_POSTBOX_MSGID", s_pb_msgid },
	{ "FORGED_MUA_POSTBOX_MSGID_UNKNOWN", s_pb_msgid_unknown },
	{ "INVALID_MSGID", s_invalid_msgid },
	{ "MIME_HEADER_CTYPE_ONLY", s_mime_header_ctype_only },
	{ "RATWARE_MS_HASH", s_ratware_ms_hash },
	{ "STOX_REPLY_TYPE", s_stox_reply_type },
	{ "FORGED_MSGID_YAHOO", s_forged_msgid_yahoo },
	{ "FORGED_MUA_THEBAT_BOUN", s_thebat_boun },
	{ "MAIL_RU_MAILER", s_mail_ru_mailer },
	{ "YANDEX_RU_MAILER", s_yandex_ru_mailer },
	{ "MAILER_1C_8", s_mailer_1c_8 },
	{ "STRONGMAIL", s_strongmail },
	{ "RCVD_DOUBLE_IP_SPAM", s_rcvd_double_ip },
	{ "REPTO_QUOTE_YAHOO", s_repto_quote_yahoo },
	{ "FAKE_REPLY", s_fake_reply },
	{ "MISSING_MIMEOLE", s_missing_mimeole },
	{ "HEADER_FROM_EMPTY_DELIMITER", s_from_empty_delim },
	{ "HEADER_TO_EMPTY_DELIMITER", s_to_empty_delim },
	{ "HEADER_CC_EMPTY_DELIMITER", s_cc_empty_delim },
	{ "HEADER_REPLYTO_EMPTY_DELIMITER", s_rt_empty_delim },
	{ "HEADER_DATE_EMPTY_DELIMITER", s_date_empty_delim },
	{ "RCVD_ILLEGAL_CHARS", s_rcvd_illegal_chars },
	{ "FAKE_RECEIVED_mail_ru", s_fake_received_mail_ru },
	{ "FAKE_RECEIVED_smtp_yandex_ru", s_fake_received_yandex },
	{ "FORGED_GENERIC_RECEIVED", s_gen_rcvd1 },
	{ "FORGED_GENERIC_RECEIVED2", s_gen_rcvd2 },
	{ "FORGED_GENERIC_RECEIVED3", s_gen_rcvd3 },
	{ "FORGED_GENERIC_RECEIVED4", s_gen_rcvd4 },
	{ "INVALID_POSTFIX_RECEIVED", s_invalid_postfix_rcvd },
	{ "X_PHP_FORGED_0X", s_x_php_forged_0x },
	{ "GOOGLE_FORWARDING_MID_MISSING", s_goog_mid_missing },
	{ "GOOGLE_FORWARDING_MID_BROKEN", s_goog_mid_broken },
	{ "CTE_CASE", s_cte_case },
	{ "HAS_INTERSPIRE_SIG", s_interspire },
	{ "CT_EXTRA_SEMI", s_ct_extra_semi },
	{ "SUBJECT_ENDS_EXCLAIM", s_subject_ends_exclaim },
	{ "SUBJECT_HAS_EXCLAIM", s_subject_has_exclaim },
	{ "SUBJECT_ENDS_QUESTION", s_subject_ends_question },
	{ "SUBJECT_HAS_QUESTION", s_subject_has_question },
	{ "SUBJECT_HAS_CURRENCY", s_subject_has_currency },
	{ "SUBJECT_ENDS_SPACES", s_subject_ends_spaces },
	{ "HAS_ORG_HEADER", s_has_org_header },
	{ "X_PHPOS_FAKE", s_x_phpos_fake },
	{ "HAS_XOIP", s_has_xoip },
	{ "HAS_LIST_UNSUB", s_has_list_unsub },
	{ "HAS_GUC_PROXY_URI", s_guc_proxy_uri },
	{ "HAS_GOOGLE_REDIR", s_google_redir },
	{ "XM_UA_NO_VERSION", s_xm_ua_no_version },
	{ "OLD_X_MAILER", s_old_x_mailer },
	{ "FORGED_X_MAILER", s_forged_x_mailer },
	{ "FORGED_IMS", s_forged_ims },
	{ "PRECEDENCE_BULK", s_precedence_bulk },
	{ "MICROSOFT_SPAM", s_microsoft_spam },
	{ "KLMS_SPAM", s_klms_spam },
	{ "SPAM_FLAG", s_spam_flag },
	{ "UNITEDINTERNET_SPAM", s_unitedinternet_spam },
	{ "HAS_PHPMAILER_SIG", s_phpmailer_sig },
	{ "PHP_SCRIPT_ROOT", s_php_script_root },
	{ "HAS_X_POS", s_has_x_pos },
	{ "HAS_X_PHP_SCRIPT", s_has_x_php_script },
	{ "HAS_X_SOURCE", s_has_x_source },
	{ "HAS_X_ANTIABUSE", s_has_x_antiabuse },
	{ "X_PHP_EVAL", s_x_php_eval },
	{ "HAS_WP_URI", s_has_wp_uri },
	{ "WP_COMPROMISED", s_wp_compromised },
	{ "PHP_XPS_PATTERN", s_php_xps_pattern },
	{ "HAS_XAW", s_has_xaw },
	{ "XAW_SERVICE_ACCT", s_xaw_service_acct },
	{ "ENVFROM_SERVICE_ACCT", s_envfrom_service_acct },
	{ "HIDDEN_SOURCE_OBJ", s_hidden_source_obj },
	{ "MID_RHS_WWW", s_mid_rhs_www },
	{ "FROM_SERVICE_ACCT", s_from_service_acct },
	{ "WWW_DOT_DOMAIN", s_www_dot_domain },
	{ "HTML_META_REFRESH_URL", s_meta_refresh },
	{ "HAS_DATA_URI", s_has_data_uri },
	{ "DATA_URI_OBFU", s_data_uri_obfu },
	{ "INTRODUCTION", s_introduction },
	{ "HAS_ONION_URI", s_has_onion_uri },
	{ "SUBJ_BOUNCE_WORDS", s_subj_bounce_words },
};

/* ------------------------------------------------------------------ */
/* Callbacks with options                                               */

/* HAS_X_AS: rspamd's Lua pattern "[^:]+:%s(.+)$": the text after the
 * first "name: " whose name is non-empty. */
static const char *after_colon_space(const char *s)
{
	const char *c;

	for (c = strchr(s, ':'); c != NULL; c = strchr(c + 1, ':'))
		if (c > s && c[-1] != ':' && is_space((unsigned char)c[1]) &&
		    c[2] != '\0')
			return c + 2;
	return NULL;
}

static void rule_x_as(struct rx *x)
{
	const char *v = first_dec(x, HN_X_AUTHENTICATED_SENDER);
	const char *auth;

	if (v == NULL)
		return;
	auth = after_colon_space(v);
	scan_insert(x->c, "HAS_X_AS", auth, (const char *)NULL);
}

static void rule_x_gmsv(struct rx *x)
{
	static const char key[] = "authenticated_id: ";
	const char *v = first_dec(x, HN_X_GET_MESSAGE_SENDER_VIA);
	const char *auth;

	if (v == NULL)
		return;
	auth = strstr(v, key);
	if (auth != NULL && auth[sizeof(key) - 1] != '\0')
		auth += sizeof(key) - 1;
	else
		auth = NULL;
	scan_insert(x->c, "HAS_X_GMSV", auth, (const char *)NULL);
}

/* RFC 3986 dot-segment removal in place, as rspamd normalises URL paths
 * (the path has no leading '/'); returns the new length. */
static size_t remove_dot_segments(char *path, size_t n)
{
	size_t in = 0, out = 0, seg;

	while (in < n) {
		seg = strcspn(path + in, "/");
		if (in + seg > n)
			seg = n - in;
		if ((seg == 1 && path[in] == '.') ||
		    (seg == 2 && path[in] == '.' && path[in + 1] == '.')) {
			if (seg == 2) {
				/* Drop the last output segment. */
				while (out > 0 && path[out - 1] == '/')
					out--;
				while (out > 0 && path[out - 1] != '/')
					out--;
			}
			in += seg + (in + seg < n ? 1 : 0);
			continue;
		}
		memmove(path + out, path + in, seg);
		out += seg;
		in += seg;
		if (in < n) {
			path[out++] = '/';
			in++;
		}
	}
	path[out] = '\0';
	return out;
}

/* The URL's path as rspamd's url:get_path() gives it: after the host's
 * '/', up to '?' or '#'.  Written into buf (truncated to fit). */
static size_t url_path(const char *url, char *buf, size_t size)
{
	const char *p = strstr(url, "://");
	size_t n;

	p = p != NULL ? p + 3 : url;
	p = strchr(p, '/');
	if (p == NULL || size == 0)
		return 0;
	p++;
	n = strcspn(p, "?#");
	if (n >= size)
		n = size - 1;
	memcpy(buf, p, n);
	buf[n] = '\0';
	return remove_dot_segments(buf, n);
}

/* rspamd's url:get_text(): a URL found without a scheme gets "http://". */
static void insert_url_text(struct scan_ctx *c, const char *sym,
			    const char *url)
{
	char *t;
	size_t n;

	if (strstr(url, "://") != NULL) {
		scan_insert(c, sym, url, (const char *)NULL);
		return;
	}
	n = strlen(url);
	t = malloc(n + 8);
	if (t == NULL)
		return;
	memcpy(t, "http://", 7);
	memcpy(t + 7, url, n + 1);
	scan_insert(c, sym, t, (const char *)NULL);
	free(t);
}

static void rule_uri_hidden_path(struct rx *x)
{
	char path[2048];
	size_t i, n;

	for (i = 0; i < x->m->n_urls; i++) {
		const struct msg_url *u = &x->m->urls[i];

		if (u->scheme != NULL && strcmp(u->scheme, "mailto") == 0)
			continue;
		n = url_path(u->url, path, sizeof(path));
		if (n > 0 && re_match(x, hidden_path_re(), path, n)) {
			insert_url_text(x->c, "URI_HIDDEN_PATH", u->url);
			return;
		}
	}
}

/* ------------------------------------------------------------------ */
/* The area                                                             */

/* Link the message's headers by known name (last to first, so that
 * each list runs in message order). */
static void index_headers(struct rx *x)
{
	size_t i, k;
	uint32_t h;

	for (k = 0; k < N_HNAMES; k++)
		x->first[k] = -1;
	for (i = x->m->n_headers; i-- > 0;) {
		x->next[i] = -1;
		h = name_hash(x->m->headers[i].name);
		for (k = 0; k < N_HNAMES; k++) {
			if (hname_hash[k] != h ||
			    strcasecmp(hname_str[k], x->m->headers[i].name) != 0)
				continue;
			x->next[i] = x->first[k];
			x->first[k] = (long)i;
			break;
		}
	}
}

static bool rx_open(struct rx *x, struct scan_ctx *c)
{
	size_t n;

	memset(x, 0, sizeof(*x));
	x->c = c;
	x->m = scan_msg(c);
	if (x->m == NULL || !regexp_ready)
		return false;
	memset(x->atom, -1, sizeof(x->atom));
	n = x->m->n_headers > 0 ? x->m->n_headers : 1;
	x->raw = calloc(n, sizeof(*x->raw));
	x->dec = calloc(n, sizeof(*x->dec));
	x->next = calloc(n, sizeof(*x->next));
	x->raw_len = calloc(n, sizeof(*x->raw_len));
	x->dec_len = calloc(n, sizeof(*x->dec_len));
	x->md = pcre2_match_data_create(1, NULL);
	if (x->raw == NULL || x->dec == NULL || x->next == NULL ||
	    x->raw_len == NULL || x->dec_len == NULL || x->md == NULL)
		return false;
	index_headers(x);
	return true;
}

static void rx_close(struct rx *x)
{
	size_t i;

	for (i = 0; x->dec != NULL && i < x->m->n_headers; i++)
		if (x->raw == NULL || x->dec[i] != x->raw[i])
			free(x->dec[i]);
	for (i = 0; x->raw != NULL && i < x->m->n_headers; i++)
		free(x->raw[i]);
	free(x->raw);
	free(x->dec);
	free(x->next);
	free(x->raw_len);
	free(x->dec_len);
	pcre2_match_data_free(x->md);
}

static void rule_regexp_all(struct scan_ctx *c)
{
	struct rx x;
	size_t i;

	if (!rx_open(&x, c))
		goto out;
	for (i = 0; i < sizeof(rx_symbols) / sizeof(rx_symbols[0]); i++)
		if (rx_symbols[i].fn(&x))
			scan_insert(c, rx_symbols[i].name, (const char *)NULL);
	rule_x_as(&x);
	rule_x_gmsv(&x);
	rule_uri_hidden_path(&x);
out:
	rx_close(&x);
}

static const rule_fn regexp_rules[] = { rule_regexp_all };

const struct rule_area rules_regexp = {
	.name = "regexp",
	.rules = regexp_rules,
	.n_rules = sizeof(regexp_rules) / sizeof(regexp_rules[0]),
	.init = regexp_init,
	.fini = regexp_fini,
};
