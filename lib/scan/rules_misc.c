/*
 * rules_misc.c - message-only checks from rspamd 3.4's rules/misc.lua and
 * the hfilter plugin's hostname checks: MISSING_DATE, INVALID_DATE,
 * DATE_IN_PAST, DATE_IN_FUTURE, RCVD_TLS_ALL, RCVD_TLS_LAST,
 * RCVD_NO_TLS_LAST, RCVD_VIA_SMTP_AUTH, RCVD_HELO_USER, URI_COUNT_ODD,
 * R_SUSPICIOUS_URL, URL_IN_SUBJECT, TAGGED_FROM, TAGGED_RCPT,
 * FROM_NEQ_DISPLAY_NAME, SPOOF_DISPLAY_NAME, HFILTER_HOSTNAME_UNKNOWN and
 * HFILTER_HOSTNAME_1..5.
 *
 * Owns: the hfilter host-name patterns (transcribed as data from
 * plugins/hfilter.lua), compiled once by the area's init.
 *
 * The dates compare with msg.now (the scan time the envelope gives). The
 * hostname checks use the envelope hostname, which msg_parse() derives from
 * the top Received header when the MTA passed none, as rspamd does; like
 * hfilter they are skipped for authenticated senders and local client IPs.
 * The hfilter HELO, MAIL FROM and DNS checks are not done (they need DNS).
 */
#include "rules.h"
#include "areas.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <math.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define N_ELEMS(a) (sizeof(a) / sizeof((a)[0]))

/* hfilter.lua checks_hellohost: host name patterns and their weights. */
static const struct { const char *re; int weight; } hellohost[] = {
	{ "[-.0-9][0-9][.-]?nat", 5 },
	{ "homeuser[.-][0-9]", 5 },
	{ "[-.0-9][0-9][.-]?unused-addr", 3 },
	{ "[-.0-9][0-9][.-]?pppoe", 5 },
	{ "[-.0-9][0-9][.-]?dynamic", 5 },
	{ "[.-]catv[.-]", 5 },
	{ "unused-addr[.-][0-9]", 3 },
	{ "comcast[.-][0-9]", 5 },
	{ "[.-]broadband[.-]", 5 },
	{ "[0-9][.-]?fbx", 4 },
	{ "[.-]peer[.-]", 1 },
	{ "[.-]homeuser[.-]", 5 },
	{ "[-.0-9][0-9][.-]?catv", 5 },
	{ "customers?[.-][0-9]", 1 },
	{ "[.-]wifi[.-]", 5 },
	{ "[0-9][.-]?kabel", 3 },
	{ "dynip[.-][0-9]", 5 },
	{ "[.-]broad[.-]", 5 },
	{ "[a|x]?dsl-line[.-]?[0-9]", 4 },
	{ "[-.0-9][0-9][.-]?ppp", 5 },
	{ "pool[.-][0-9]", 4 },
	{ "[.-]nat[.-]", 5 },
	{ "gprs[.-][0-9]", 5 },
	{ "brodband[.-][0-9]", 5 },
	{ "[.-]gprs[.-]", 5 },
	{ "[.-]user[.-]", 1 },
	{ "[-.0-9][0-9][.-]?in-?addr", 4 },
	{ "[.-]host[.-]", 2 },
	{ "[.-]fbx[.-]", 4 },
	{ "dynamic[.-][0-9]", 5 },
	{ "[-.0-9][0-9][.-]?peer", 1 },
	{ "[-.0-9][0-9][.-]?pool", 4 },
	{ "[-.0-9][0-9][.-]?user", 1 },
	{ "[.-]cdma[.-]", 5 },
	{ "user[.-][0-9]", 1 },
	{ "[-.0-9][0-9][.-]?customers?", 1 },
	{ "ppp[.-][0-9]", 5 },
	{ "kabel[.-][0-9]", 3 },
	{ "dhcp[.-][0-9]", 5 },
	{ "peer[.-][0-9]", 1 },
	{ "[-.0-9][0-9][.-]?host", 2 },
	{ "clients?[.-][0-9]{2,}", 5 },
	{ "host[.-][0-9]", 2 },
	{ "[.-]ppp[.-]", 5 },
	{ "[.-]dhcp[.-]", 5 },
	{ "[.-]comcast[.-]", 5 },
	{ "cable[.-][0-9]", 3 },
	{ "[-.0-9][0-9][.-]?dial-?up", 5 },
	{ "[-.0-9][0-9][.-]?bredband", 5 },
	{ "[-.0-9][0-9][.-]?[a|x]?dsl-line", 4 },
	{ "[.-]dial-?up[.-]", 5 },
	{ "[.-]cablemodem[.-]", 5 },
	{ "pppoe[.-][0-9]", 5 },
	{ "[.-]unused-addr[.-]", 3 },
	{ "pptp[.-][0-9]", 5 },
	{ "broadband[.-][0-9]", 5 },
	{ "[.-][a|x]?dsl-line[.-]", 4 },
	{ "[.-]customers?[.-]", 1 },
	{ "[-.0-9][0-9][.-]?fibertel", 4 },
	{ "[-.0-9][0-9][.-]?comcast", 5 },
	{ "[.-]dynamic[.-]", 5 },
	{ "cdma[.-][0-9]", 5 },
	{ "[0-9][.-]?broad", 5 },
	{ "fbx[.-][0-9]", 4 },
	{ "catv[.-][0-9]", 5 },
	{ "[-.0-9][0-9][.-]?homeuser", 5 },
	{ "[-.0-9][.-]pppoe[.-]", 5 },
	{ "[-.0-9][.-]dynip[.-]", 5 },
	{ "[-.0-9][0-9][.-]?[a|x]?dsl", 4 },
	{ "[-.0-9][0-9]{3,}[.-]?clients?", 5 },
	{ "[-.0-9][0-9][.-]?pptp", 5 },
	{ "[.-]clients?[.-]", 1 },
	{ "[.-]in-?addr[.-]", 4 },
	{ "[.-]pool[.-]", 4 },
	{ "[a|x]?dsl[.-]?[0-9]", 4 },
	{ "[.-][a|x]?dsl[.-]", 4 },
	{ "[-.0-9][0-9][.-]?[a|x]?dsl-dynamic", 5 },
	{ "dial-?up[.-][0-9]", 5 },
	{ "[-.0-9][0-9][.-]?cablemodem", 5 },
	{ "[a|x]?dsl-dynamic[.-]?[0-9]", 5 },
	{ "[.-]pptp[.-]", 5 },
	{ "[.-][a|x]?dsl-dynamic[.-]", 5 },
	{ "[0-9][.-]?wifi", 5 },
	{ "fibertel[.-][0-9]", 4 },
	{ "dyn[.-][0-9][-.0-9]", 5 },
	{ "[-.0-9][0-9][.-]broadband", 5 },
	{ "[-.0-9][0-9][.-]cable", 3 },
	{ "broad[.-][0-9]", 5 },
	{ "[-.0-9][0-9][.-]gprs", 5 },
	{ "cablemodem[.-][0-9]", 5 },
	{ "[-.0-9][0-9][.-]modem", 5 },
	{ "[-.0-9][0-9][.-]dyn", 5 },
	{ "[-.0-9][0-9][.-]dynip", 5 },
	{ "[-.0-9][0-9][.-]cdma", 5 },
	{ "[.-]modem[.-]", 5 },
	{ "[.-]kabel[.-]", 3 },
	{ "[.-]cable[.-]", 3 },
	{ "in-?addr[.-][0-9]", 4 },
	{ "nat[.-][0-9]", 5 },
	{ "[.-]fibertel[.-]", 4 },
	{ "[.-]bredband[.-]", 5 },
	{ "modem[.-][0-9]", 5 },
	{ "[0-9][.-]?dhcp", 5 },
	{ "wifi[.-][0-9]", 5 },
};

static regex_t hellohost_re[N_ELEMS(hellohost)];
static bool hellohost_ready;
/* The longest run of letters each pattern needs, or "" (see below). */
static char hellohost_kw[N_ELEMS(hellohost)][16];

/*
 * The longest run of plain letters that every match of re contains:
 * letters outside brackets, a letter made optional by a following ?, *
 * or { not counted. "" when re has an alternation or a group (no run is
 * then safely required) or no letters. Lets the rule skip regexec for
 * patterns whose word the host name lacks.
 */
static void hellohost_keyword(const char *re, char *kw, size_t sz)
{
	size_t run = 0, best = 0;
	const char *p, *start = NULL, *best_start = NULL;

	kw[0] = '\0';
	for (p = re; *p != '\0'; p++) {
		if (*p == '|' || *p == '(')
			return;
		if (*p == '[') {
			p = strchr(p, ']');
			if (p == NULL)
				return;
			run = 0;
			continue;
		}
		if (*p >= 'a' && *p <= 'z' && p[1] != '?' && p[1] != '*' &&
		    p[1] != '{') {
			if (run == 0)
				start = p;
			run++;
			if (run > best) {
				best = run;
				best_start = start;
			}
			continue;
		}
		run = 0;
	}
	if (best_start != NULL && best < sz) {
		memcpy(kw, best_start, best);
		kw[best] = '\0';
	}
}

/*
 * The host name patterns are compiled the first time a host name is
 * checked, not at start-up: most single-message runs never need them.
 */
static bool hellohost_compile(void)
{
	size_t i;

	if (hellohost_ready)
		return true;
	for (i = 0; i < N_ELEMS(hellohost); i++) {
		hellohost_keyword(hellohost[i].re, hellohost_kw[i],
				  sizeof(hellohost_kw[i]));
		if (regcomp(&hellohost_re[i], hellohost[i].re,
			    REG_EXTENDED | REG_ICASE | REG_NOSUB) != 0) {
			while (i-- > 0)
				regfree(&hellohost_re[i]);
			return false;
		}
	}
	hellohost_ready = true;
	return true;
}

static int misc_init(void)
{
	return 0;
}

static void misc_fini(void)
{
	size_t i;

	if (!hellohost_ready)
		return;
	for (i = 0; i < N_ELEMS(hellohost); i++)
		regfree(&hellohost_re[i]);
	hellohost_ready = false;
}

/* ---- the Date header as rspamd's date grammar reads it ---- */

/*
 * rspamd 3.4 reads the Date header with a strict grammar of its own
 * (rspamd_parse_smtp_date), observed on the real rspamd:
 *   [FWS] [Day ","] [FWS] D[D] FWS Mon FWS YY[YY] FWS HH:MM[:SS] FWS ZONE
 *   followed by white space and (nested) comments only.
 * Day and month names are case-sensitive ("Thu", "Aug"); the day is 1..31,
 * the hour < 24, the minute < 60, the second <= 60. The year has 2 to 4
 * digits: under 50 means 20YY, under 1000 means 1900 + YY (so "0102" is
 * 2002), else as written. ZONE is +HHMM/-HHMM (applied as HH hours and MM
 * minutes, whatever their range), UT, GMT, EST, EDT, CST, CDT, MST, MDT,
 * PST, PDT or one military letter other than J (all but the named ones
 * are UTC). Comment text is printable ASCII without "\"; a date with
 * anything else is INVALID_DATE.
 */
struct date_fields {
	int year, mon, mday, hour, min, sec;
	long tz;                /* +-HHMM */
};

static bool is_fws(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n';
}

static const char *skip_fws(const char *s)
{
	while (is_fws(*s))
		s++;
	return s;
}

/* Reads 'min'..'max' digits into *out; NULL when there are not so many. */
static const char *date_digits(const char *s, size_t min, size_t max, int *out)
{
	size_t n = 0;
	int v = 0;

	while (n < max + 1 && s[n] >= '0' && s[n] <= '9')
		v = v * 10 + (s[n++] - '0');
	if (n < min || n > max)
		return NULL;
	*out = v;
	return s + n;
}

/* Reads a name of the table (exact case, whole word of letters). */
static const char *date_name(const char *s, const char *const *names,
			     size_t count, size_t *idx)
{
	size_t len = 0;

	while ((s[len] >= 'a' && s[len] <= 'z') || (s[len] >= 'A' && s[len] <= 'Z'))
		len++;
	for (size_t i = 0; i < count; i++)
		if (strlen(names[i]) == len && strncmp(s, names[i], len) == 0) {
			*idx = i;
			return s + len;
		}
	return NULL;
}

/* Required FWS: the text after it, NULL unless s starts with white space. */
static const char *need_fws(const char *s)
{
	return s != NULL && is_fws(*s) ? skip_fws(s) : NULL;
}

static const char *date_day_month_year(const char *s, struct date_fields *f)
{
	static const char *const months[] = { "Jan", "Feb", "Mar", "Apr",
		"May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	size_t mon = 0;
	int year;

	s = date_digits(skip_fws(s), 1, 2, &f->mday);
	s = need_fws(s);
	if (s == NULL || f->mday < 1 || f->mday > 31)
		return NULL;
	s = date_name(s, months, N_ELEMS(months), &mon);
	s = need_fws(s);
	if (s == NULL)
		return NULL;
	f->mon = (int)mon;
	s = date_digits(s, 2, 4, &year);
	if (s == NULL)
		return NULL;
	f->year = year < 50 ? 2000 + year : year < 1000 ? 1900 + year : year;
	return need_fws(s);
}

static const char *date_time_of_day(const char *s, struct date_fields *f)
{
	s = date_digits(s, 2, 2, &f->hour);
	if (s == NULL || *s != ':' || f->hour >= 24)
		return NULL;
	s = date_digits(s + 1, 2, 2, &f->min);
	if (s == NULL || f->min >= 60)
		return NULL;
	f->sec = 0;
	if (*s == ':') {
		s = date_digits(s + 1, 2, 2, &f->sec);
		if (s == NULL || f->sec > 60)
			return NULL;
	}
	return s;
}

static const char *date_zone(const char *s, struct date_fields *f)
{
	static const char *const zones[] = { "UT", "GMT", "EST", "EDT", "CST",
		"CDT", "MST", "MDT", "PST", "PDT" };
	static const long offsets[] = { 0, 0, -500, -400, -600, -500, -700,
		-600, -800, -700 };
	size_t idx;
	int v;

	s = need_fws(s);
	if (s == NULL)
		return NULL;
	if (*s == '+' || *s == '-') {
		const char *e = date_digits(s + 1, 4, 4, &v);

		f->tz = *s == '-' ? -v : v;
		return e;
	}
	if (isalpha((unsigned char)s[0]) && !isalpha((unsigned char)s[1])) {
		f->tz = 0;
		return s[0] == 'j' || s[0] == 'J' ? NULL : s + 1;
	}
	s = date_name(s, zones, N_ELEMS(zones), &idx);
	if (s != NULL)
		f->tz = offsets[idx];
	return s;
}

/* White space and balanced comments up to the end of the value. */
static bool date_tail_ok(const char *s)
{
	int depth = 0;

	for (; *s != '\0'; s++) {
		if (*s == '(')
			depth++;
		else if (*s == ')') {
			if (--depth < 0)
				return false;
		} else if (*s == '\\' || (unsigned char)*s >= 0x7f)
			return false;
		else if (depth == 0 && !is_fws(*s))
			return false;
		else if (depth > 0 && (unsigned char)*s < 0x20 && !is_fws(*s))
			return false;
	}
	return depth == 0;
}

static bool date_parse(const char *s, struct date_fields *f)
{
	static const char *const days[] = { "Mon", "Tue", "Wed", "Thu", "Fri",
		"Sat", "Sun" };
	size_t idx;

	s = skip_fws(s);
	if (isalpha((unsigned char)*s)) {
		s = date_name(s, days, N_ELEMS(days), &idx);
		if (s == NULL || *s != ',')
			return false;
		s++;
	}
	s = date_day_month_year(s, f);
	if (s != NULL)
		s = date_time_of_day(s, f);
	if (s != NULL)
		s = date_zone(s, f);
	return s != NULL && date_tail_ok(s);
}

/*
 * Days from 1970-01-01 to the first of January of 'year' (>= 1000), as
 * rspamd_tm_to_time counts them: for 1902..2038 it counts leap days with a
 * truncating division, one day too few before 1968 ("1950" starts on the
 * 2nd of January 1950); outside that range it counts right.
 */
static long days_to_year(long year)
{
	long t = year - 1900, y = year - 1, leaps;

	if (t >= 2 && t <= 138) {
		leaps = (t - 68) / 4;
		if ((t - 68) % 4 == 0)
			leaps--;
		return 365 * (t - 70) + leaps;
	}
	return 365 * (year - 1970) + (y / 4 - y / 100 + y / 400) - 477;
}

/* The fields as seconds since the epoch; the day of the month may overrun
 * the month ("31 Feb" is the 3rd of March), as in rspamd. */
static double date_epoch(const struct date_fields *f)
{
	static const int before_month[] = { 0, 31, 59, 90, 120, 151, 181, 212,
		243, 273, 304, 334 };
	bool leap = (f->year % 4 == 0 && f->year % 100 != 0) || f->year % 400 == 0;
	long days = days_to_year(f->year) + before_month[f->mon] +
		(leap && f->mon >= 2) + f->mday - 1;
	long offset = (f->tz / 100) * 3600 + (f->tz % 100) * 60;

	return (double)days * 86400.0 + f->hour * 3600 + f->min * 60 + f->sec -
		(double)offset;
}

/* misc.lua DATE_CB: the Date header against the scan time. */
static void rule_date(struct scan_ctx *c)
{
	const struct msg *m = scan_msg(c);
	const struct msg_header *h = msg_header(m, "Date", 0);
	struct date_fields f = { 0 };
	char buf[32];
	double diff;

	if (h == NULL || h->value == NULL || h->value[0] == '\0') {
		scan_insert(c, "MISSING_DATE", NULL);
		return;
	}
	if (!date_parse(h->value, &f)) {
		scan_insert(c, "INVALID_DATE", NULL);
		return;
	}
	diff = m->now - date_epoch(&f);
	if (diff > 86400) {
		snprintf(buf, sizeof(buf), "%.0f", floor(diff / 3600));
		scan_insert(c, "DATE_IN_PAST", buf, NULL);
	} else if (-diff > 7200) {
		snprintf(buf, sizeof(buf), "%.0f", floor(-diff / 3600));
		scan_insert(c, "DATE_IN_FUTURE", buf, NULL);
	}
}

static bool by_localhost(const struct msg_received *r)
{
	return r->by_hostname != NULL && strcmp(r->by_hostname, "localhost") == 0;
}

/* misc.lua CHECK_RCVD: TLS and authentication along the Received chain. */
static void rule_rcvd_tls(struct scan_ctx *c)
{
	const struct msg *m = scan_msg(c);
	const struct msg_received *last;
	bool all_tls = true;
	size_t i;

	if (m->n_received == 0)
		return;
	for (i = 0; i < m->n_received; i++) {
		const struct msg_received *r = &m->received[i];

		if (r->by_hostname == NULL || r->by_hostname[0] == '\0' ||
		    by_localhost(r))
			continue;
		if (!r->tls)
			all_tls = false;
	}
	if (all_tls) {
		scan_insert(c, "RCVD_TLS_ALL", NULL);
	} else {
		last = &m->received[0];
		if (by_localhost(last))
			last = m->n_received > 1 ? &m->received[1] : NULL;
		if (last != NULL && last->tls)
			scan_insert(c, "RCVD_TLS_LAST", NULL);
		else
			scan_insert(c, "RCVD_NO_TLS_LAST", NULL);
	}
	for (i = 0; i < m->n_received; i++) {
		if (m->received[i].authenticated) {
			scan_insert(c, "RCVD_VIA_SMTP_AUTH", NULL);
			break;
		}
	}
}

static bool lua_space(int ch)
{
	return ch == ' ' || (ch >= '\t' && ch <= '\r');
}

/* "from user " at the start (after white space) of a Received value. */
static bool helo_user_from(const char *v)
{
	while (lua_space((unsigned char)*v))
		v++;
	return strncasecmp(v, "from", 4) == 0 && lua_space(v[4]) &&
	       strncasecmp(v + 5, "user", 4) == 0 && lua_space(v[9]);
}

/* "helo user" / "helo=user" followed by white space or ')'. */
static bool helo_user_helo(const char *v)
{
	const char *p;

	for (p = v; (p = strpbrk(p, "hH")) != NULL; p++) {
		if (strncasecmp(p, "helo", 4) != 0)
			continue;
		if ((lua_space(p[4]) || p[4] == '=') &&
		    strncasecmp(p + 5, "user", 4) == 0 &&
		    (lua_space(p[9]) || p[9] == ')'))
			return true;
	}
	return false;
}

/* misc.lua RCVD_HELO_USER. */
static void rule_rcvd_helo_user(struct scan_ctx *c)
{
	const struct msg *m = scan_msg(c);
	const struct msg_header *h;
	size_t i;

	if (m->env_helo != NULL && strcasecmp(m->env_helo, "user") == 0) {
		scan_insert(c, "RCVD_HELO_USER", NULL);
		return;
	}
	for (i = 0; (h = msg_header(m, "Received", i)) != NULL; i++) {
		if (h->value == NULL)
			continue;
		if (helo_user_from(h->value) || helo_user_helo(h->value)) {
			scan_insert(c, "RCVD_HELO_USER", NULL);
			return;
		}
	}
}

/* misc.lua URI_COUNT_ODD: an odd number of URL occurrences in a
 * multipart/alternative message, not counting the Subject's and the ones
 * anchors show (html_displayed); rspamd's get_urls_filtered also skips
 * URLs without any flag (a plain <a href> with plain text). */
static void rule_uri_count_odd(struct scan_ctx *c)
{
	const struct msg *m = scan_msg(c);
	const struct msg_header *h = msg_header(m, "Content-Type", 0);
	size_t i, n = 0;
	char buf[32];

	if (h == NULL || h->value == NULL ||
	    strncasecmp(h->value, "multipart/alternative", 21) != 0)
		return;
	for (i = 0; i < m->n_urls; i++)
		if (m->urls[i].source != MSG_URL_SUBJECT &&
		    m->urls[i].flagged && !m->urls[i].displayed)
			n += m->urls[i].count;
	if (n % 2 == 1) {
		snprintf(buf, sizeof(buf), "%zu", n);
		scan_insert(c, "URI_COUNT_ODD", buf, NULL);
	}
}

/* misc.lua R_SUSPICIOUS_URL: obscured URLs, the option is each host. */
static void rule_suspicious_url(struct scan_ctx *c)
{
	const struct msg *m = scan_msg(c);
	size_t i;

	for (i = 0; i < m->n_urls; i++)
		if (m->urls[i].obscured)
			scan_insert(c, "R_SUSPICIOUS_URL",
				    m->urls[i].host ? m->urls[i].host : "",
				    NULL);
}

static bool has_scheme(const char *url)
{
	const char *p = url;

	if (!isalpha((unsigned char)*p))
		return false;
	while (isalnum((unsigned char)*p) || *p == '+' || *p == '-' ||
	       *p == '.')
		p++;
	return *p == ':';
}

/* misc.lua URL_IN_SUBJECT: the first URL found in the Subject. */
static void rule_url_in_subject(struct scan_ctx *c)
{
	const struct msg *m = scan_msg(c);
	const struct msg_url *u = NULL;
	double mult = 0.25;
	size_t i;

	for (i = 0; i < m->n_urls && u == NULL; i++)
		if (m->urls[i].source == MSG_URL_SUBJECT)
			u = &m->urls[i];
	if (u == NULL)
		return;
	if (!has_scheme(u->url))
		mult = 0.1;
	else if (m->subject != NULL && strcmp(u->url, m->subject) == 0)
		mult = 1.0;
	scan_insert_mult(c, "URL_IN_SUBJECT", mult, u->host ? u->host : "",
			 NULL);
}

/*
 * lua_util.remove_email_aliases: an address is an alias when its local
 * part (for gmail.com and googlemail.com with the dots removed) is
 * "user+tag..." with a non-empty user, or (gmail) had dots. The non-empty
 * "+"-separated tags become options of symbol.
 */
static void tag_addr(struct scan_ctx *c, const char *symbol,
		     const char *local, const char *domain)
{
	char user[256];
	size_t i, o = 0;
	bool gmail, dots = false;
	const char *plus, *p;

	if (local == NULL || domain == NULL)
		return;
	gmail = strcasecmp(domain, "gmail.com") == 0 ||
		strcasecmp(domain, "googlemail.com") == 0;
	for (i = 0; local[i] != '\0' && o + 1 < sizeof(user); i++) {
		if (gmail && local[i] == '.') {
			dots = true;
			continue;
		}
		user[o++] = local[i];
	}
	user[o] = '\0';
	plus = strchr(user, '+');
	if (plus == NULL || plus == user) {
		if (gmail && dots)
			scan_insert(c, symbol, NULL);
		return;
	}
	scan_insert(c, symbol, NULL);
	for (p = plus + 1;; p++) {
		size_t l = strcspn(p, "+");
		char tag[256];

		if (l > 0 && l < sizeof(tag)) {
			memcpy(tag, p, l);
			tag[l] = '\0';
			scan_add_option(c, symbol, tag);
		}
		p += l;
		if (*p == '\0')
			break;
	}
}

static void split_addr(const char *addr, char *local, size_t lsz,
		       const char **domain_r)
{
	const char *at = strrchr(addr, '@');
	size_t l = at ? (size_t)(at - addr) : strlen(addr);

	if (l >= lsz)
		l = lsz - 1;
	memcpy(local, addr, l);
	local[l] = '\0';
	*domain_r = at ? at + 1 : NULL;
}

/* misc.lua EMAIL_PLUS_ALIASES: TAGGED_FROM (SMTP then MIME sender) and
 * TAGGED_RCPT (SMTP then MIME recipients). */
static void rule_tagged(struct scan_ctx *c)
{
	const struct msg *m = scan_msg(c);
	char local[256];
	const char *domain;
	size_t i;

	if (m->env_from != NULL && m->env_from[0] != '\0') {
		split_addr(m->env_from, local, sizeof(local), &domain);
		tag_addr(c, "TAGGED_FROM", local, domain);
	}
	if (m->from.n > 0)
		tag_addr(c, "TAGGED_FROM", m->from.v[0].local,
			 m->from.v[0].domain);
	for (i = 0; i < m->n_env_rcpts; i++) {
		split_addr(m->env_rcpts[i], local, sizeof(local), &domain);
		tag_addr(c, "TAGGED_RCPT", local, domain);
	}
	for (i = 0; i < m->to.n; i++)
		tag_addr(c, "TAGGED_RCPT", m->to.v[i].local,
			 m->to.v[i].domain);
	for (i = 0; i < m->cc.n; i++)
		tag_addr(c, "TAGGED_RCPT", m->cc.v[i].local,
			 m->cc.v[i].domain);
}

/*
 * The domain of an address written in a display name ("x@dom.tld" or
 * "... <x@dom.tld>"), copied lower-case into buf; false when there is none
 * or it has no dot.
 */
static bool name_addr_domain(const char *name, char *buf, size_t sz)
{
	const char *at = strrchr(name, '@'), *e;
	size_t n;

	if (at == NULL || at == name || lua_space((unsigned char)at[-1]) ||
	    at[-1] == '<' || at[-1] == '"')
		return false;
	e = at + 1;
	while (*e != '\0' && !lua_space((unsigned char)*e) && *e != '>' &&
	       *e != '"' && *e != ',' && *e != ';' && *e != ')')
		e++;
	n = (size_t)(e - at - 1);
	if (n == 0 || n >= sz)
		return false;
	for (size_t i = 0; i < n; i++)
		buf[i] = (char)tolower((unsigned char)at[1 + i]);
	buf[n] = '\0';
	return strchr(buf, '.') != NULL;
}

static bool rcpt_domain_is(const struct msg *m, const char *dom)
{
	size_t i;

	for (i = 0; i < m->to.n; i++)
		if (m->to.v[i].domain[0] != '\0' &&
		    strcasecmp(m->to.v[i].domain, dom) == 0)
			return true;
	for (i = 0; i < m->cc.n; i++)
		if (m->cc.v[i].domain[0] != '\0' &&
		    strcasecmp(m->cc.v[i].domain, dom) == 0)
			return true;
	for (i = 0; i < m->n_env_rcpts; i++) {
		const char *at = strrchr(m->env_rcpts[i], '@');

		if (at != NULL && at[1] != '\0' && strcasecmp(at + 1, dom) == 0)
			return true;
	}
	return false;
}

/* misc.lua FROM_DISPLAY_CALLBACK: an address in the From display name. */
static void rule_from_display_name(struct scan_ctx *c)
{
	const struct msg *m = scan_msg(c);
	const struct msg_addr *f;
	char dom[256];

	if (m->from.n == 0 || m->from.v[0].name == NULL)
		return;
	f = &m->from.v[0];
	if (!name_addr_domain(f->name, dom, sizeof(dom)))
		return;
	if (strcasecmp(f->domain, dom) == 0)
		return;
	if (rcpt_domain_is(m, dom))
		scan_insert(c, "SPOOF_DISPLAY_NAME", f->domain, dom, NULL);
	else
		scan_insert(c, "FROM_NEQ_DISPLAY_NAME", f->domain, dom, NULL);
}

/* rspamd's local addresses: loopback and the private ranges. */
static bool ip_is_local(const char *ip)
{
	unsigned char a[16];

	if (inet_pton(AF_INET, ip, a) == 1)
		return a[0] == 127 || a[0] == 10 ||
		       (a[0] == 172 && (a[1] & 0xf0) == 16) ||
		       (a[0] == 192 && a[1] == 168) ||
		       (a[0] == 169 && a[1] == 254);
	if (inet_pton(AF_INET6, ip, a) == 1) {
		static const unsigned char lo[16] = { [15] = 1 };

		return memcmp(a, lo, 16) == 0 || (a[0] & 0xfe) == 0xfc ||
		       (a[0] == 0xfe && (a[1] & 0xc0) == 0x80);
	}
	return false;
}

/* hfilter.lua hostname checks (hostname_enabled; no DNS needed). */
static void rule_hfilter_hostname(struct scan_ctx *c)
{
	const struct msg *m = scan_msg(c);
	const char *host = m->env_hostname;
	int weight = 0;
	char sym[32], lower[256];
	size_t i, n;

	if (m->env_user != NULL && m->env_user[0] != '\0')
		return;
	if (m->env_ip != NULL && ip_is_local(m->env_ip))
		return;
	if (host == NULL || host[0] == '\0') {
		scan_insert(c, "HFILTER_HOSTNAME_UNKNOWN", NULL);
		return;
	}
	if (!hellohost_compile())
		return;
	/* The patterns are matched without case: compare their words with
	 * the host in lower case (a longer host is left to regexec alone). */
	n = strlen(host);
	for (i = 0; i < n && i + 1 < sizeof(lower); i++)
		lower[i] = (char)(host[i] >= 'A' && host[i] <= 'Z' ?
				  host[i] + 'a' - 'A' : host[i]);
	lower[i] = '\0';
	for (i = 0; i < N_ELEMS(hellohost); i++)
		if (hellohost[i].weight > weight &&
		    (n >= sizeof(lower) || hellohost_kw[i][0] == '\0' ||
		     strstr(lower, hellohost_kw[i]) != NULL) &&
		    regexec(&hellohost_re[i], host, 0, NULL, 0) == 0)
			weight = hellohost[i].weight;
	if (weight > 0) {
		snprintf(sym, sizeof(sym), "HFILTER_HOSTNAME_%d", weight);
		scan_insert(c, sym, host, NULL);
	}
}

/*
 * The absence symbols of the dkim and arc modules, which follow from the
 * message alone: no signature at all. A present signature needs DNS to be
 * verified, so nothing is said about it here.
 */
static void rule_absence(struct scan_ctx *c)
{
	const struct msg *m = scan_msg(c);
	/* rspamd's dkim module skips mail from local or authenticated senders */
	bool dkim_skipped = (m->env_user != NULL && m->env_user[0] != '\0') ||
			    (m->env_ip != NULL && ip_is_local(m->env_ip));

	if (!dkim_skipped && msg_header(m, "DKIM-Signature", 0) == NULL)
		scan_insert(c, "R_DKIM_NA", NULL);
	if (msg_header(m, "ARC-Seal", 0) == NULL &&
	    msg_header(m, "ARC-Message-Signature", 0) == NULL)
		scan_insert(c, "ARC_NA", NULL);
}

static const rule_fn misc_rules[] = {
	rule_tagged,
	rule_date,
	rule_rcvd_tls,
	rule_rcvd_helo_user,
	rule_uri_count_odd,
	rule_suspicious_url,
	rule_url_in_subject,
	rule_from_display_name,
	rule_hfilter_hostname,
	rule_absence,
};

const struct rule_area rules_misc = {
	.name = "misc",
	.rules = misc_rules,
	.n_rules = N_ELEMS(misc_rules),
	.init = misc_init,
	.fini = misc_fini,
};
