/*
 * received.h - parse one Received header the way rspamd 3.4 reads it.
 *
 * Owns: the strings of one struct msg_received (msg.h), released by
 * received_release().
 *
 * What rspamd 3.4 takes from "from HELO (name [ip]) by HOST with PROTO"
 * (checked against the real rspamd, see tests/unit/test-scan-msg.c):
 * - only headers that begin (after comments) with "from" or "by" parse; the
 *   others (qmail's "(qmail 1 invoked from network)", garbage) are not
 *   Received hops at all for rspamd (RCVD_COUNT_* ignores them);
 * - from_hostname is the word after "from" ("[ip]" there gives the IP);
 * - only the FIRST comment after it is read: "(name [ip])" gives the real
 *   hostname ("unknown" means none) and IP, "([ip] helo=x)" and "(ip)" only
 *   the IP; "(HELO x)" nothing;
 * - tls: the protocol after "with" is ESMTPS, ESMTPSA, LMTPS, LMTPSA or
 *   HTTPS (case-insensitive); "(using TLS...)" and UTF8SMTPS do not count;
 * - authenticated: the protocol is ESMTPA, ESMTPSA or LMTPSA;
 *   "(authenticated ...)" comments do not count.
 */
#ifndef RSPAMC_SCAN_RECEIVED_H
#define RSPAMC_SCAN_RECEIVED_H

#include <stdbool.h>
#include <stddef.h>

#include "msg.h"

/* Parse the unfolded value (NUL-terminated) into r (zeroed by the caller).
 * Returns 1 when the header is a hop rspamd counts, 0 when it does not
 * parse (r then holds only raw), -1 on out-of-memory. */
int received_parse(const char *value, struct msg_received *r);
void received_release(struct msg_received *r);

/* True when s is a literal IPv4 or IPv6 address. */
bool received_is_ip(const char *s);

#endif
