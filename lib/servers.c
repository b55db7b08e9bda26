/*
 * servers.c - see servers.h. Owns parsing of -h/--connect values and the
 * per-server failure counters used for failover.
 */
#include "servers.h"

#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define PORT_CONTROLLER 11334
#define PORT_NORMAL 11333
#define DEFAULT_DEAD_TIME 30.0
#define DEFAULT_MAX_ERRORS 1

void servers_init(struct server_list *l)
{
	l->v = NULL;
	l->n = 0;
	l->dead_time = DEFAULT_DEAD_TIME;
	l->max_errors = DEFAULT_MAX_ERRORS;
	l->next = 0;
}

static void server_release(struct server *s)
{
	free(s->name);
	free(s->host);
	free(s->unix_path);
	memset(s, 0, sizeof(*s));
}

void servers_release(struct server_list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		server_release(&l->v[i]);
	free(l->v);
	servers_init(l);
}

static int parse_port(const char *p, size_t len, const char *name,
		      unsigned *port_r, struct err *err)
{
	unsigned long v = 0;
	size_t i;

	if (len == 0)
		return err_set(err, "missing port after ':' in server '%s'",
			       name);
	for (i = 0; i < len; i++) {
		if (p[i] < '0' || p[i] > '9')
			return err_set(err, "invalid port '%.*s' in server '%s'",
				       (int)len, p, name);
		v = v * 10 + (unsigned long)(p[i] - '0');
		if (v > 65535)
			break;
	}
	if (v < 1 || v > 65535)
		return err_set(err,
			       "port '%.*s' out of range 1-65535 in server '%s'",
			       (int)len, p, name);
	*port_r = (unsigned)v;
	return 0;
}

static int is_ipv6(const char *s)
{
	struct in6_addr a;

	return inet_pton(AF_INET6, s, &a) == 1;
}

/* "[v6]" or "[v6]:port"; s->name is the whole element. */
static int parse_bracketed(struct server *s, struct err *err)
{
	const char *e = s->name;
	const char *close = strrchr(e, ']');
	size_t hlen;

	if (close == NULL)
		return err_set(err, "missing ']' in server '%s'", e);
	hlen = (size_t)(close - e - 1);
	if (hlen == 0)
		return err_set(err, "empty address in server '%s'", e);
	s->host = strndup(e + 1, hlen);
	if (s->host == NULL)
		return err_set(err, "out of memory");
	if (close[1] == '\0')
		return 0;
	if (close[1] != ':')
		return err_set(err, "unexpected text after ']' in server '%s'",
			       e);
	return parse_port(close + 2, strlen(close + 2), e, &s->port, err);
}

/* "host" or "host:port", or a bare IPv6 address (no port). */
static int parse_host_port(struct server *s, struct err *err)
{
	const char *e = s->name;
	const char *colon = strrchr(e, ':');
	size_t hlen = colon ? (size_t)(colon - e) : strlen(e);

	/* An unbracketed IPv6 literal ("::1") is a host without a port. */
	if (colon != NULL && is_ipv6(e)) {
		colon = NULL;
		hlen = strlen(e);
	}
	if (hlen == 0)
		return err_set(err, "missing host in server '%s'", e);
	s->host = strndup(e, hlen);
	if (s->host == NULL)
		return err_set(err, "out of memory");
	if (colon == NULL)
		return 0;
	return parse_port(colon + 1, strlen(colon + 1), e, &s->port, err);
}

static int server_parse(struct server *s, const char *elem, size_t len,
			struct err *err)
{
	memset(s, 0, sizeof(*s));
	s->name = strndup(elem, len);
	if (s->name == NULL)
		return err_set(err, "out of memory");
	if (s->name[0] == '/') {
		s->unix_path = strdup(s->name);
		return s->unix_path ? 0 : err_set(err, "out of memory");
	}
	if (s->name[0] == '[')
		return parse_bracketed(s, err);
	return parse_host_port(s, err);
}

static int is_space(char c)
{
	return c == ' ' || c == '\t';
}

int servers_parse(struct server_list *l, const char *spec, struct err *err)
{
	const char *p = spec, *end, *b, *e;
	struct server *v;
	struct server s;
	int rc = -1;

	for (;;) {
		end = strchr(p, ',');
		if (end == NULL)
			end = p + strlen(p);
		for (b = p; b < end && is_space(*b); b++)
			;
		for (e = end; e > b && is_space(e[-1]); e--)
			;
		if (b == e) {
			err_set(err, "empty server name in '%s'", spec);
			goto out;
		}
		if (server_parse(&s, b, (size_t)(e - b), err) < 0) {
			server_release(&s);
			goto out;
		}
		v = realloc(l->v, (l->n + 1) * sizeof(*l->v));
		if (v == NULL) {
			server_release(&s);
			err_set(err, "out of memory");
			goto out;
		}
		l->v = v;
		l->v[l->n++] = s;
		if (*end == '\0')
			break;
		p = end + 1;
	}
	rc = 0;
out:
	return rc;
}

static int is_local(const char *host)
{
	return strcasecmp(host, "localhost") == 0 ||
	       strcmp(host, "127.0.0.1") == 0 || strcmp(host, "::1") == 0;
}

unsigned server_port(const struct server *s, bool controller)
{
	if (s->port != 0 || s->unix_path != NULL)
		return s->port;
	if (controller || is_local(s->host))
		return PORT_CONTROLLER;
	return PORT_NORMAL;
}

static bool server_live(const struct server *s, double now)
{
	return s->dead_until <= now;
}

struct server *servers_pick(struct server_list *l, size_t start, double now)
{
	struct server *best = NULL;
	size_t i, k;

	if (l->n == 0)
		return NULL;
	for (k = 0; k < l->n; k++) {
		i = (start + k) % l->n;
		if (server_live(&l->v[i], now)) {
			best = &l->v[i];
			goto out;
		}
	}
	/* Every server is dead: use the one that died first. */
	best = &l->v[0];
	for (i = 1; i < l->n; i++)
		if (l->v[i].dead_until < best->dead_until)
			best = &l->v[i];
out:
	l->next = (size_t)(best - l->v + 1) % l->n;
	return best;
}

void servers_failed(struct server_list *l, struct server *s, double now)
{
	int max = l->max_errors > 0 ? l->max_errors : 1;

	s->errors++;
	if (s->errors >= max)
		s->dead_until = now + l->dead_time;
}

void servers_succeeded(struct server_list *l, struct server *s)
{
	(void)l;
	s->errors = 0;
	s->dead_until = 0;
}
