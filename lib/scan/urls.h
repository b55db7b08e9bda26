/*
 * urls.h - URLs and e-mail addresses in text, the way rspamd 3.4 finds them.
 *
 * Owns: nothing between calls; url_parse() fills a struct msg_url whose
 * strings url_release() frees.
 *
 * What counts (checked against the real rspamd 3.4):
 * - "scheme://host..." for any scheme of letters (http, https, ftp, ...),
 *   also in the middle of a word ("see:http://x");
 * - schemeless "www.host..." and bare "host.tld[/path]" when the last label
 *   is a public suffix (libpsl), like rspamd's TLD matcher: "example.com"
 *   counts, "file.txt" and "192.0.2.1/x" do not;
 * - e-mail addresses: bare "user@domain.tld" and "mailto:user@domain";
 *   these go to the e-mail list, not to the URLs.
 * Trailing punctuation (".,;:!?)]}>'\"") is not part of a match.
 * The strict search (urls_scan_text_strict) takes only "scheme://" and
 * "www." (and e-mails): rspamd uses it for the Subject, HTML text and the
 * text parts of a message with more than one leaf part (msg.c decides).
 *
 * Hosts are lower-cased, without port, user info or IPv6 brackets; the
 * registrable domain comes from libpsl (psl_registrable_domain on the
 * built-in list); an IP host keeps the IP.
 */
#ifndef RSPAMC_SCAN_URLS_H
#define RSPAMC_SCAN_URLS_H

#include <stdbool.h>
#include <stddef.h>

#include "msg.h"

/* Called for each match: s[0..len) is the URL as written, or the bare
 * address for an e-mail (no "mailto:"; a mailto: URL's "?query" follows
 * the address: rspamd lists the address once per distinct mailto URL).
 * Return <0 to stop (the value is returned by urls_scan_text). */
typedef int (*url_hit_fn)(void *ud, const char *s, size_t len, bool email);

int urls_scan_text(const char *text, size_t len, url_hit_fn fn, void *ud);
/* rspamd's strict search (the Subject): only "scheme://..." and "www.",
 * no bare "host.tld". */
int urls_scan_text_strict(const char *text, size_t len, url_hit_fn fn,
			  void *ud);

/* rspamd's search of a URL's query ("?..." up to "#"): in each
 * "&"-separated piece, a "scheme://" URL, else an e-mail address (after
 * "name=" or "mailto:"). No "www." and no bare hosts. */
int urls_scan_query(const char *url, size_t len, url_hit_fn fn, void *ud);

/* Parse a URL (absolute, schemeless "www.", or protocol-relative "//h")
 * into u (zeroed by the caller): url, scheme, host, tld, host_is_ip,
 * obscured, flagged. A numeric host in any IPv4 spelling becomes the
 * dotted quad (obscured unless written "a.b.c.d"). Returns 0, 1 when s
 * is not a URL with a host (relative link, "javascript:", "mailto:"...),
 * -1 on out-of-memory. url_parse_href is for an HTML attribute: the host
 * then runs to white space or "/?#\:" and odd bytes in it make the URL
 * obscured (rspamd keeps "http://a!b.com/"). */
int url_parse(const char *s, size_t len, struct msg_url *u);
int url_parse_href(const char *s, size_t len, struct msg_url *u);
void url_release(struct msg_url *u);

/* The registrable domain of a lower-case host as a new string: libpsl's
 * answer, else the host itself (IPs, public suffixes, single labels). */
char *url_registrable(const char *host);

/* If s (len bytes) is "user@domain" with a plausible domain, return the
 * length of the valid address prefix, else 0. */
size_t url_email_len(const char *s, size_t len);

#endif
