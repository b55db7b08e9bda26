/*
 * servers.h - the -h/--connect server list and its failover state.
 *
 * Owns: the parsed servers. A spec is one server or a comma-separated list:
 * "host", "host:port", "[v6addr]:port", "[v6addr]", "/abs/unix.sock";
 * spaces around elements are ignored. An unbracketed IPv6 literal ("::1")
 * is taken as a host without a port (rspamc 3.4 split it at the last
 * colon and failed). A
 * server that fails (connect error or timeout) is skipped for dead_time
 * seconds once it has failed max_errors times in a row, as rmilter's
 * servers/dead_time/maxerrors did; when every server is dead the one that
 * died first is tried anyway.
 *
 * Default port (rspamc 3.4): when no port is given, the port is 11334 (the
 * controller) for every command if the host is localhost, 127.0.0.1, ::1;
 * for other hosts 11333 for scans and 11334 for controller commands.
 *
 * Errors: a bad port ("host:abc", "host:99999") or an empty element is a
 * parse error naming the element (rspamc 3.4 silently used port 0 or a
 * truncated port).
 */
#ifndef RSPAMC_SERVERS_H
#define RSPAMC_SERVERS_H

#include <stdbool.h>
#include <stddef.h>

#include "err.h"

struct server {
	char *name;      /* the element as written, for messages */
	char *host;      /* NULL for a unix socket; no brackets */
	char *unix_path; /* NULL for TCP */
	unsigned port;   /* 0 when not given */
	int errors;      /* consecutive failures */
	double dead_until;
};

struct server_list {
	struct server *v;
	size_t n;
	double dead_time;  /* default 30 s */
	int max_errors;    /* default 1 */
	size_t next;       /* after the last pick; servers_pick() sets it */
};

void servers_init(struct server_list *l);
void servers_release(struct server_list *l);
int servers_parse(struct server_list *l, const char *spec, struct err *err);
/* The port to use for s; controller is true for controller commands. */
unsigned server_port(const struct server *s, bool controller);
/*
 * The first live server at or after index start, in list order, wrapping
 * around; when all are dead, the one that died first. NULL for an empty
 * list. A borrowed pointer, valid until servers_release().
 */
struct server *servers_pick(struct server_list *l, size_t start, double now);
void servers_failed(struct server_list *l, struct server *s, double now);
void servers_succeeded(struct server_list *l, struct server *s);

#endif
