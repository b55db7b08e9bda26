/*
 * transport.h - HTTP/1.0 requests to Rspamd workers, many at once.
 *
 * The HTTP client (libcurl, multi interface, one thread) lives in a
 * loadable module, rspamc-curl.so, so that commands which never talk to a
 * server (--help, --commands, the in-process scanner) do not pay for
 * loading libcurl and its 35 shared libraries at start-up.
 * transport_load() finds and opens the module once; the ops it returns
 * stay valid until exit. It looks in $RSPAMC_MODULE_DIR (the one
 * environment variable the library reads), then <dir of exe_path>/../lib
 * (the build tree), then the install directory (see transport.c).
 *
 * Requests go out as rspamc 3.4 sends them: HTTP/1.0, "Connection: close",
 * always a Content-Length (0 for an empty body, and then the method is GET
 * and there is no Content-Type), "Content-Type: text/plain" for a body
 * unless the caller gives one, no Host, no Accept, no Expect, no chunking.
 * The first three lines are Content-Length, Connection and Content-Type
 * (a caller's Content-Type is moved there); then the caller's headers in
 * order, byte for byte ("Name: value", an empty value included). A
 * caller's Content-Length is ignored.
 *
 * Ownership: a request and everything it points to belong to the caller
 * and must stay valid until done() has been called for it. The reply
 * inside the request is filled by the transport, which initialises it
 * when the request starts (what was there is overwritten, not freed);
 * http_reply_release() frees it (the caller calls it, or the transport
 * does before a retry).
 *
 * Errors: per-request failures are reported in reply.error with an
 * rspamc-compatible text in reply.message ("IO write error: Connection
 * refused", "IO timeout", "IO read error: unexpected EOF", "HTTP IO read
 * error: Connection reset by peer", "HTTP parser error: invalid constant
 * string", "reply exceeds N bytes"); a non-2xx status is not an error.
 * run() itself fails only when the machinery fails (out of memory, libcurl
 * setup); requests then in flight get no done() call and their replies
 * are released.
 */
#ifndef RSPAMC_TRANSPORT_H
#define RSPAMC_TRANSPORT_H

#include <stddef.h>

#include "buf.h"
#include "err.h"

struct http_header {
	char *name;
	char *value;
};

enum transport_error {
	TRANSPORT_OK = 0,
	TRANSPORT_CONNECT,  /* refused, unreachable, unresolvable, no socket */
	TRANSPORT_TIMEOUT,  /* the request's deadline passed */
	TRANSPORT_SEND,     /* failed while sending the request */
	TRANSPORT_RECV,     /* failed or cut short while reading the reply */
	TRANSPORT_PROTOCOL, /* the reply is not HTTP */
	TRANSPORT_INTERNAL, /* out of memory, libcurl refused an option */
};

struct http_reply {
	enum transport_error error;
	int sys_errno;          /* errno behind the failure, or 0 */
	char message[256];      /* rspamc-style text when error != 0 */
	int status;             /* HTTP status code, 0 if none */
	char *reason;           /* reason phrase ("OK"), NULL if none */
	struct http_header *headers; /* reply headers in received order */
	size_t n_headers;
	struct buf body;        /* data is non-NULL when error == 0 */
	double elapsed;         /* seconds from request sent to reply read */
};

struct http_request {
	/* Set by the caller. */
	const char *method;     /* NULL: POST with a body, GET without */
	const char *path;       /* "/checkv2" */
	const char *host;       /* name or address (IPv6 without brackets) */
	unsigned port;
	const char *unix_path;  /* absolute AF_UNIX path, or NULL */
	const struct http_header *headers; /* sent in this order */
	size_t n_headers;
	const char *body;
	size_t body_len;
	double timeout;         /* seconds for the whole exchange; 0: none */
	long long max_reply;    /* cap on reply body bytes; 0: none */
	void *user;             /* for the caller */
	/* Filled by the transport before done() is called. */
	struct http_reply reply;
};

struct transport_source {
	/* The next request to start, or NULL when there is none right now. */
	struct http_request *(*next)(void *ctx);
	/*
	 * A request finished (reply filled). Return 0 when done with it, or
	 * 1 to send it again (the caller may have changed host/port/unix_path
	 * for failover); the transport then releases the reply first.
	 */
	int (*done)(struct http_request *req, void *ctx);
	void *ctx;
};

struct transport_ops {
	int abi; /* TRANSPORT_ABI */
	/*
	 * Start up to max_parallel requests at a time from src until next()
	 * returns NULL with nothing in flight. Returns 0, or -1 with err set
	 * when the machinery itself failed.
	 */
	int (*run)(const struct transport_source *src, int max_parallel,
		   struct err *err);
};

#define TRANSPORT_ABI 1
#define TRANSPORT_MODULE_NAME "rspamc-curl.so"
#define TRANSPORT_ENTRY "rspamc_transport_curl"

/* Load the module (once) and return its ops, or NULL with err set. */
const struct transport_ops *transport_load(const char *exe_path,
					   struct err *err);

const char *http_reply_header(const struct http_reply *r, const char *name);
void http_reply_init(struct http_reply *r);
void http_reply_release(struct http_reply *r);

#endif
