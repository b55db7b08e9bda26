/*
 * msg.h - the parsed message the in-process scanner's rules read.
 *
 * Owns: everything reachable from struct msg (strings are UTF-8 copies,
 * NUL-terminated). Built by msg_parse() from the raw bytes on GMime 3 (MIME
 * tree, transfer decodings, RFC 2047 words, charsets, addresses, dates),
 * libxml2's HTML parser (text and links of HTML parts) and libpsl
 * (registrable domains); released by msg_release(). Rules only read it.
 *
 * The envelope: what the caller passed (struct scan_envelope), completed as
 * rspamd 3.4 does when the MTA passes nothing: MAIL FROM from Return-Path,
 * recipients from To/Cc, client IP and hostname from the top Received
 * header (see msg_parse()).
 *
 * Choices checked against the real rspamd 3.4 (tests/unit/test-scan-msg.c):
 * - Address lists gather every header of that name (two To: headers make
 *   one list); groups are flattened ("undisclosed-recipients:;" is an
 *   empty list, no parse_error). rspamd's MIME recipients (RCPT_COUNT_*,
 *   get_recipients(2)) are To + Cc + Bcc: a message with To a,b, Cc c and
 *   Bcc d gives RCPT_COUNT_THREE [4].
 * - received[] holds only the headers rspamd counts as hops (those that
 *   start with "from" or "by"; qmail's "(qmail 1 invoked ...)" is not);
 *   all Received headers stay in headers[]. See received.h for fields.
 * - urls[] is unique by the URL string; rspamd's reply "urls" is the list
 *   of unique urls[].host (lower case) over all sources, subject included
 *   (rspamd prints them in hash order: compare as sets); mailto: links
 *   and bare addresses go to emails[] (unique case-insensitively, domain
 *   lower-cased, local part kept: "Joe@example.com"), which is the reply's
 *   "emails" list. <link href> (stylesheets) is not a URL.
 * - Envelope completion when the caller passes nothing: env_ip = the top
 *   hop's real_ip; env_hostname = its real_hostname (only when no IP was
 *   passed either); env_from = the first Return-Path address ("" for <>,
 *   NULL without Return-Path); env_rcpts = To + Cc + Bcc addresses with
 *   env_rcpts_from_headers set; env_helo is never derived.
 *
 * Errors: msg_parse() fails only on out-of-memory; a malformed message is a
 * message with flags set (absent headers, parse errors), not an error.
 */
#ifndef RSPAMC_SCAN_MSG_H
#define RSPAMC_SCAN_MSG_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "err.h"
#include "scanner.h"

struct html_image;

struct msg_header {
	char *name;        /* as written (case kept) */
	char *raw;         /* the raw value after "name:", folding kept,
			    * leading whitespace kept, no final line ending */
	char *value;       /* unfolded, RFC 2047-decoded to UTF-8, trimmed */
	bool raw_8bit;     /* raw bytes >= 0x80 */
	bool empty;        /* value is empty or whitespace only */
};

struct msg_addr {
	char *name;        /* decoded display name, NULL when none */
	char *addr;        /* "local@domain" as written (no <>), may be "" */
	char *local;       /* local part, "" when none */
	char *domain;      /* domain, lower case, "" when none */
	bool invalid;      /* no '@' or unparseable */
};

struct msg_addrs {
	struct msg_addr *v;
	size_t n;
	bool present;      /* the header exists */
	bool parse_error;  /* it exists but did not parse as a list */
};

struct msg_received {
	char *raw;             /* the header value, unfolded */
	char *from_hostname;   /* the HELO name after "from" */
	char *real_hostname;   /* the rDNS name in "(name [ip])", or NULL */
	char *real_ip;         /* the IP in brackets, or NULL */
	char *by_hostname;     /* after "by" */
	char *with;            /* the protocol after "with" (ESMTPS, SMTP...) */
	bool tls;              /* ESMTPS / ESMTPSA / "using TLS" / TLS cipher */
	bool authenticated;    /* ESMTPA / ESMTPSA / "authenticated" */
};

enum msg_url_source {
	MSG_URL_TEXT,          /* found in a text part */
	MSG_URL_HTML,          /* an <a href> or other link in HTML */
	MSG_URL_SUBJECT,       /* found in the Subject */
};

struct msg_url {
	char *url;             /* as found (with scheme when it had one) */
	char *scheme;          /* lower case: "http", "https", "mailto" ... */
	char *host;            /* lower case, no port, no brackets */
	char *tld;             /* the registrable domain (libpsl), or the host
				* for an IP address */
	bool host_is_ip;
	bool obscured;         /* rspamd's "obscured": a numeric host not
				* written as a dotted quad, a host with bytes
				* no host name has */
	bool flagged;          /* rspamd would give it at least one URL flag
				* (text, image, has_user, has_port, numeric,
				* host/path_encoded, idn, no_tld, schemaless,
				* url_displayed): its lua filters skip the
				* others */
	unsigned count;        /* occurrences, rspamd's url:get_count() */
	bool displayed;        /* first seen as an anchor's text showing
				* another URL (rspamd's html_displayed) */
	enum msg_url_source source;
	char *display;         /* HTML: the anchor's visible text, or NULL */
	int part;              /* index in msg.parts */
};

struct msg_part {
	int parent;            /* index of the parent part, -1 for the root */
	int depth;
	char *type;            /* lower case, "text" when no Content-Type */
	char *subtype;         /* lower case, "plain" when no Content-Type */
	bool ct_present;       /* the part had a Content-Type header */
	char *charset;         /* lower case, NULL when not given */
	char *cte;             /* Content-Transfer-Encoding as written,
				* trimmed, NULL when absent */
	char *filename;        /* attachment file name, NULL when none */
	bool attachment;       /* Content-Disposition: attachment or a name */
	bool multipart;
	bool message_rfc822;
	struct msg_header *headers; /* the part's own headers */
	size_t n_headers;
	/* Leaf parts: */
	const char *raw;       /* the encoded body bytes (borrowed from input) */
	size_t raw_len;
	char *decoded;         /* after the transfer decoding (bytes) */
	size_t decoded_len;
	bool decoded_8bit;     /* decoded bytes >= 0x80 */
	const char *detected_ext; /* rspamd's content sniffing (magic.h):
				   * "html", "txt" or NULL (static string);
				   * a text part detected as "html" is HTML */
	/* Text parts (text/plain, text/html): */
	bool text;
	bool html;
	char *utf8;            /* the content converted to UTF-8 */
	size_t url_len;        /* rspamd's part:get_urls_length(): the written
				* length of every URL and e-mail occurrence
				* in the text (HTML: plus each anchor text
				* URL once more) */
	char *content;         /* plain text: utf8; HTML: the visible text */
	bool html_invisible_text;  /* parts of the HTML are visually hidden */
	int html_invisible_count;  /* number of hidden elements */
	int html_images;           /* <img> count */
	struct html_image *html_imgs; /* each <img> (html.h), g_free()d */
	size_t n_html_imgs;
	bool html_external_css;
};

struct msg {
	const char *raw;          /* the whole input (borrowed) */
	size_t raw_len;
	size_t header_end;        /* offset of the body */
	struct msg_header *headers;   /* top-level headers, in order */
	size_t n_headers;
	struct msg_addrs from, to, cc, bcc, reply_to, sender;
	char *message_id;         /* without <>, NULL when absent */
	char *message_id_raw;     /* the raw header value, trimmed */
	char *subject;            /* decoded, NULL when absent */
	bool date_present;        /* rules_date.c parses the value itself */
	struct msg_received *received; /* top (newest) first */
	size_t n_received;
	struct msg_part *parts;   /* depth-first, parts[0] is the root */
	size_t n_parts;
	struct msg_url *urls;     /* unique, in order found */
	size_t n_urls;
	char **emails;            /* e-mail addresses found in text parts */
	size_t n_emails;
	/* The envelope, completed (see the header comment). */
	char *env_ip;
	char *env_hostname;
	char *env_helo;
	char *env_from;
	char **env_rcpts;
	size_t n_env_rcpts;
	bool env_rcpts_from_headers; /* no SMTP recipients were passed */
	char *env_user;
	double now;               /* scan time (seconds since the epoch) */
	/* What parsing could not do, for the result's warning (new), or
	 * NULL: "html: cannot load libxml2.so.2: ..." (the HTML parts are
	 * then empty). */
	char *warning;
};

void msg_init(struct msg *m);
int msg_parse(struct msg *m, const char *data, size_t len,
	      const struct scan_envelope *env, struct err *err);
void msg_release(struct msg *m);

/* Whether s[0..n) has a byte >= 0x80. */
bool msg_has_8bit(const char *s, size_t n);

/* The idx-th header called name (case-insensitive), or NULL. */
const struct msg_header *msg_header(const struct msg *m, const char *name,
				    size_t idx);
size_t msg_header_count(const struct msg *m, const char *name);

#endif
