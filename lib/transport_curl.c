/*
 * transport_curl.c - the HTTP transport module, rspamc-curl.so (see
 * transport.h): libcurl's multi interface on one thread, up to
 * max_parallel requests in flight, one fresh connection per request.
 *
 * Owns: the curl multi handle and one easy handle per request in flight,
 * both alive only inside run(); and libcurl's global state, set up on the
 * first run() and kept until exit (the module is never unloaded).
 *
 * libcurl quirks handled here:
 *  - it would add Host, Accept, Expect and its own Content-Type, and it
 *    cannot send a header with an empty value as "Name: " (rspamc 3.4
 *    does). So the request header block is built here and handed to curl
 *    as a single CURLOPT_HTTPHEADER entry (curl writes each entry
 *    verbatim followed by CRLF), followed by blank "Name:" entries that
 *    switch curl's own headers off.
 *  - its sockets are not close-on-exec; the program runs delivery children
 *    while requests are in flight, so sockets are opened here with
 *    SOCK_CLOEXEC, and the multi handle's wakeup pair is marked after
 *    the fact (multi_new()).
 *  - its error codes are mapped to rspamc 3.4's texts (map_error()).
 */
#include <curl/curl.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "transport.h"

struct xfer {
	struct http_request *req;
	CURL *easy;
	struct curl_slist *headers;
	struct timespec start;
	bool too_big; /* the reply passed req->max_reply */
	bool no_mem;  /* a callback ran out of memory */
	char errbuf[CURL_ERROR_SIZE];
};

struct runner {
	const struct transport_source *src;
	CURLM *multi;
	struct xfer *slots;
	size_t n_slots;
	size_t active;
};

static void reply_fail(struct http_reply *r, enum transport_error e,
		       int sys_errno, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void reply_fail(struct http_reply *r, enum transport_error e,
		       int sys_errno, const char *fmt, ...)
{
	va_list ap;

	r->error = e;
	r->sys_errno = sys_errno;
	va_start(ap, fmt);
	vsnprintf(r->message, sizeof(r->message), fmt, ap);
	va_end(ap);
}

/* ---- reply callbacks ---- */

static char *dup_trimmed(const char *p, size_t len)
{
	while (len > 0 && (*p == ' ' || *p == '\t')) {
		p++;
		len--;
	}
	while (len > 0 && (p[len - 1] == ' ' || p[len - 1] == '\t' ||
			   p[len - 1] == '\r' || p[len - 1] == '\n'))
		len--;
	return strndup(p, len);
}

/* "HTTP/1.1 200 OK": a new response starts; forget an earlier 1xx one. */
static int on_status_line(struct http_reply *r, const char *p, size_t len)
{
	const char *sp = memchr(p, ' ', len);
	size_t i, rest;
	int code = 0;

	while (r->n_headers > 0) {
		r->n_headers--;
		free(r->headers[r->n_headers].name);
		free(r->headers[r->n_headers].value);
	}
	free(r->reason);
	r->reason = NULL;
	if (sp == NULL)
		return 0;
	rest = len - (size_t)(sp + 1 - p);
	for (i = 0; i < rest && i < 3 && sp[1 + i] >= '0' && sp[1 + i] <= '9';
	     i++)
		code = code * 10 + (sp[1 + i] - '0');
	r->status = code;
	r->reason = dup_trimmed(sp + 1 + i, rest - i);
	if (r->reason == NULL)
		return -1;
	if (r->reason[0] == '\0') {
		free(r->reason);
		r->reason = NULL;
	}
	return 0;
}

static int add_header(struct http_reply *r, const char *p, size_t len)
{
	const char *colon = memchr(p, ':', len);
	struct http_header *v, *last;
	char *joined;

	if ((p[0] == ' ' || p[0] == '\t') && r->n_headers > 0) {
		/* An obsolete folded continuation line. */
		last = &r->headers[r->n_headers - 1];
		joined = dup_trimmed(p, len);
		if (joined == NULL)
			return -1;
		if (joined[0] != '\0') {
			char *nv = NULL;

			if (asprintf(&nv, "%s %s", last->value, joined) < 0) {
				free(joined);
				return -1;
			}
			free(last->value);
			last->value = nv;
		}
		free(joined);
		return 0;
	}
	if (colon == NULL)
		return 0;
	v = realloc(r->headers, (r->n_headers + 1) * sizeof(*v));
	if (v == NULL)
		return -1;
	r->headers = v;
	v[r->n_headers].name = dup_trimmed(p, (size_t)(colon - p));
	v[r->n_headers].value =
		dup_trimmed(colon + 1, len - (size_t)(colon + 1 - p));
	if (v[r->n_headers].name == NULL || v[r->n_headers].value == NULL) {
		free(v[r->n_headers].name);
		free(v[r->n_headers].value);
		return -1;
	}
	r->n_headers++;
	return 0;
}

static size_t on_header(char *p, size_t size, size_t n, void *ud)
{
	struct xfer *x = ud;
	struct http_reply *r = &x->req->reply;
	size_t len = size * n;
	int rc = 0;

	if (len >= 5 && memcmp(p, "HTTP/", 5) == 0)
		rc = on_status_line(r, p, len);
	else if (len > 0 && p[0] != '\r' && p[0] != '\n')
		rc = add_header(r, p, len);
	if (rc < 0) {
		x->no_mem = true;
		return 0;
	}
	return len;
}

static size_t on_body(char *p, size_t size, size_t n, void *ud)
{
	struct xfer *x = ud;
	struct http_request *req = x->req;
	size_t len = size * n;
	struct err err;

	if (req->max_reply > 0 &&
	    req->reply.body.len + len > (unsigned long long)req->max_reply) {
		x->too_big = true;
		return 0;
	}
	if (buf_add(&req->reply.body, p, len, &err) < 0) {
		x->no_mem = true;
		return 0;
	}
	return len;
}

static curl_socket_t open_socket(void *ud, curlsocktype purpose,
				 struct curl_sockaddr *a)
{
	(void)ud;
	(void)purpose;
	return socket(a->family, a->socktype | SOCK_CLOEXEC, a->protocol);
}

/* ---- building a request ---- */

static const char *caller_content_type(const struct http_request *req)
{
	size_t i;

	for (i = 0; i < req->n_headers; i++)
		if (strcasecmp(req->headers[i].name, "Content-Type") == 0)
			return req->headers[i].value;
	return NULL;
}

/*
 * The header block, lines joined by CRLF, without the final CRLF (curl
 * adds it). A caller's Content-Length is dropped: we always send the
 * true one.
 */
static int build_header_block(const struct http_request *req,
			      struct buf *b, struct err *err)
{
	const char *ctype = caller_content_type(req);
	const struct http_header *h;
	bool ctype_moved = false;
	size_t i;

	if (buf_addf(b, err, "Content-Length: %zu\r\nConnection: close",
		     req->body_len) < 0)
		return -1;
	if (req->body_len > 0) {
		if (buf_addf(b, err, "\r\nContent-Type: %s",
			     ctype ? ctype : "text/plain") < 0)
			return -1;
		ctype_moved = ctype != NULL;
	}
	for (i = 0; i < req->n_headers; i++) {
		h = &req->headers[i];
		if (strcasecmp(h->name, "Content-Length") == 0)
			continue;
		if (ctype_moved && h->value == ctype)
			continue;
		if (buf_addf(b, err, "\r\n%s: %s", h->name, h->value) < 0)
			return -1;
	}
	return 0;
}

static struct curl_slist *build_headers(const struct http_request *req,
					struct err *err)
{
	static const char *const off[] = {
		"Host:", "Accept:", "Expect:", "Content-Type:",
		"Transfer-Encoding:",
	};
	struct curl_slist *list = NULL, *l;
	struct buf b = BUF_INIT;
	size_t i;

	if (build_header_block(req, &b, err) < 0)
		goto fail;
	list = curl_slist_append(NULL, b.data);
	if (list == NULL)
		goto oom;
	for (i = 0; i < sizeof(off) / sizeof(off[0]); i++) {
		l = curl_slist_append(list, off[i]);
		if (l == NULL)
			goto oom;
		list = l;
	}
	buf_release(&b);
	return list;
oom:
	err_set(err, "out of memory");
fail:
	curl_slist_free_all(list);
	buf_release(&b);
	return NULL;
}

/* The URL; an IPv6 host gets brackets and its zone's '%' escaped. */
static int build_url(const struct http_request *req, struct buf *b,
		     struct err *err)
{
	const char *path = req->path ? req->path : "/";
	const char *h;

	if (req->unix_path != NULL)
		return buf_addf(b, err, "http://localhost%s", path);
	if (strchr(req->host, ':') == NULL)
		return buf_addf(b, err, "http://%s:%u%s", req->host, req->port,
				path);
	if (buf_addstr(b, "http://[", err) < 0)
		return -1;
	for (h = req->host; *h; h++)
		if ((*h == '%' ? buf_addstr(b, "%25", err)
			       : buf_addch(b, *h, err)) < 0)
			return -1;
	return buf_addf(b, err, "]:%u%s", req->port, path);
}

#define SET(opt, val) \
	do { \
		if (curl_easy_setopt(e, opt, val) != CURLE_OK) \
			goto bad_opt; \
	} while (0)

static int setup_method(CURL *e, const struct http_request *req)
{
	const char *dflt = req->body_len > 0 ? "POST" : "GET";

	if (req->body_len > 0 ||
	    (req->method != NULL && strcmp(req->method, "POST") == 0)) {
		SET(CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)req->body_len);
		SET(CURLOPT_POSTFIELDS, req->body_len ? req->body : "");
		dflt = "POST";
	} else {
		SET(CURLOPT_HTTPGET, 1L);
	}
	if (req->method != NULL && strcmp(req->method, dflt) != 0)
		SET(CURLOPT_CUSTOMREQUEST, req->method);
	return 0;
bad_opt:
	return -1;
}

static int setup_easy(struct xfer *x, const char *url, struct err *err)
{
	const struct http_request *req = x->req;
	CURL *e = x->easy;
	long ms;

	SET(CURLOPT_URL, url);
	SET(CURLOPT_PRIVATE, x);
	SET(CURLOPT_ERRORBUFFER, x->errbuf);
	SET(CURLOPT_NOSIGNAL, 1L);
	SET(CURLOPT_HTTP_VERSION, (long)CURL_HTTP_VERSION_1_0);
	SET(CURLOPT_PROTOCOLS_STR, "http");
	SET(CURLOPT_PROXY, "");
	SET(CURLOPT_FORBID_REUSE, 1L);
	SET(CURLOPT_FRESH_CONNECT, 1L);
	SET(CURLOPT_OPENSOCKETFUNCTION, open_socket);
	SET(CURLOPT_HEADERFUNCTION, on_header);
	SET(CURLOPT_HEADERDATA, x);
	SET(CURLOPT_WRITEFUNCTION, on_body);
	SET(CURLOPT_WRITEDATA, x);
	SET(CURLOPT_HTTPHEADER, x->headers);
	if (req->unix_path != NULL)
		SET(CURLOPT_UNIX_SOCKET_PATH, req->unix_path);
	if (req->timeout > 0) {
		ms = (long)(req->timeout * 1000.0 + 0.5);
		SET(CURLOPT_TIMEOUT_MS, ms > 0 ? ms : 1L);
	}
	if (req->max_reply > 0)
		SET(CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)req->max_reply);
	if (setup_method(e, req) < 0)
		goto bad_opt;
	return 0;
bad_opt:
	return err_set(err, "libcurl refused an option: %s", x->errbuf);
}

#undef SET

/* ---- error mapping ---- */

static const char *errno_text(long os_errno, int fallback)
{
	return strerror(os_errno ? (int)os_errno : fallback);
}

static const char *curl_text(const struct xfer *x, CURLcode rc)
{
	return x->errbuf[0] ? x->errbuf : curl_easy_strerror(rc);
}

static void map_error(struct xfer *x, CURLcode rc)
{
	struct http_request *req = x->req;
	struct http_reply *r = &req->reply;
	curl_off_t sent = 0;
	long os = 0;

	curl_easy_getinfo(x->easy, CURLINFO_OS_ERRNO, &os);
	curl_easy_getinfo(x->easy, CURLINFO_SIZE_UPLOAD_T, &sent);
	switch (rc) {
	case CURLE_COULDNT_CONNECT:
		reply_fail(r, TRANSPORT_CONNECT, (int)os, "IO write error: %s",
			   errno_text(os, ECONNREFUSED));
		break;
	case CURLE_COULDNT_RESOLVE_HOST:
		if (req->unix_path != NULL)
			reply_fail(r, TRANSPORT_CONNECT, ENAMETOOLONG,
				   "IO write error: %s",
				   strerror(ENAMETOOLONG));
		else
			reply_fail(r, TRANSPORT_CONNECT, 0,
				   "cannot resolve host '%s'", req->host);
		break;
	case CURLE_URL_MALFORMAT:
		reply_fail(r, TRANSPORT_CONNECT, 0, "invalid server '%s': %s",
			   req->unix_path ? req->unix_path : req->host,
			   curl_text(x, rc));
		break;
	case CURLE_OPERATION_TIMEDOUT:
		reply_fail(r, TRANSPORT_TIMEOUT, ETIMEDOUT, "IO timeout");
		break;
	case CURLE_GOT_NOTHING:
	case CURLE_PARTIAL_FILE:
		reply_fail(r, TRANSPORT_RECV, 0, "IO read error: unexpected EOF");
		break;
	case CURLE_SEND_ERROR:
		reply_fail(r, TRANSPORT_SEND, (int)os, "IO write error: %s",
			   errno_text(os, ECONNRESET));
		break;
	case CURLE_RECV_ERROR:
		if (sent < (curl_off_t)req->body_len)
			reply_fail(r, TRANSPORT_SEND, (int)os,
				   "IO write error: %s",
				   errno_text(os, ECONNRESET));
		else
			reply_fail(r, TRANSPORT_RECV, (int)os,
				   "HTTP IO read error: %s",
				   errno_text(os, ECONNRESET));
		break;
	case CURLE_WEIRD_SERVER_REPLY:
	case CURLE_UNSUPPORTED_PROTOCOL:
		/* rspamc 3.4's http-parser said this of a non-HTTP reply. */
		reply_fail(r, TRANSPORT_PROTOCOL, 0,
			   "HTTP parser error: invalid constant string");
		break;
	case CURLE_OUT_OF_MEMORY:
		reply_fail(r, TRANSPORT_INTERNAL, ENOMEM, "out of memory");
		break;
	default:
		if (x->too_big || rc == CURLE_FILESIZE_EXCEEDED)
			reply_fail(r, TRANSPORT_RECV, 0,
				   "reply exceeds %lld bytes", req->max_reply);
		else if (x->no_mem)
			reply_fail(r, TRANSPORT_INTERNAL, ENOMEM,
				   "out of memory");
		else
			reply_fail(r, TRANSPORT_RECV, (int)os, "%s",
				   curl_text(x, rc));
		break;
	}
}

/* ---- running ---- */

static void xfer_clear(struct runner *rn, struct xfer *x)
{
	if (x->easy != NULL) {
		curl_multi_remove_handle(rn->multi, x->easy);
		curl_easy_cleanup(x->easy);
	}
	curl_slist_free_all(x->headers);
	memset(x, 0, sizeof(*x));
}

static void xfer_finish(struct xfer *x, CURLcode rc)
{
	struct http_reply *r = &x->req->reply;
	struct timespec end;
	struct err err;
	long code = 0;

	clock_gettime(CLOCK_MONOTONIC, &end);
	r->elapsed = (double)(end.tv_sec - x->start.tv_sec) +
		     (double)(end.tv_nsec - x->start.tv_nsec) / 1e9;
	if (r->status == 0 &&
	    curl_easy_getinfo(x->easy, CURLINFO_RESPONSE_CODE, &code) ==
		    CURLE_OK)
		r->status = (int)code;
	if (rc != CURLE_OK)
		map_error(x, rc);
	else if (x->no_mem || buf_grow(&r->body, 0, &err) < 0)
		reply_fail(r, TRANSPORT_INTERNAL, ENOMEM, "out of memory");
}

/*
 * Put req on the wire in slot x. A request that cannot even be set up gets
 * TRANSPORT_INTERNAL in its reply and 1 is returned: the caller completes
 * it at once. -1: the multi handle itself failed.
 */
static int xfer_start(struct runner *rn, struct xfer *x,
		      struct http_request *req, struct err *err)
{
	struct buf url = BUF_INIT;
	struct err rerr;
	int rc = 1;

	memset(x, 0, sizeof(*x));
	x->req = req;
	http_reply_init(&req->reply);
	clock_gettime(CLOCK_MONOTONIC, &x->start);
	err_init(&rerr);
	x->easy = curl_easy_init();
	if (x->easy == NULL) {
		err_set(&rerr, "cannot create a libcurl handle");
		goto fail;
	}
	if (build_url(req, &url, &rerr) < 0)
		goto fail;
	x->headers = build_headers(req, &rerr);
	if (x->headers == NULL || setup_easy(x, url.data, &rerr) < 0)
		goto fail;
	if (curl_multi_add_handle(rn->multi, x->easy) != CURLM_OK) {
		err_set(err, "cannot add a transfer to libcurl");
		rc = -1;
		goto fail;
	}
	rn->active++;
	rc = 0;
	goto out;
fail:
	reply_fail(&req->reply, TRANSPORT_INTERNAL, 0, "%s", rerr.msg);
out:
	buf_release(&url);
	return rc;
}

/* Hand a finished request to done(); resend it while done() asks to. */
static int complete(struct runner *rn, struct xfer *x, struct err *err)
{
	struct http_request *req = x->req;
	int rc;

	for (;;) {
		xfer_clear(rn, x);
		if (rn->src->done(req, rn->src->ctx) != 1)
			return 0;
		http_reply_release(&req->reply);
		rc = xfer_start(rn, x, req, err);
		if (rc <= 0)
			return rc;
	}
}

static struct xfer *free_slot(struct runner *rn)
{
	size_t i;

	for (i = 0; i < rn->n_slots; i++)
		if (rn->slots[i].req == NULL)
			return &rn->slots[i];
	return NULL;
}

/* Start requests while there are free slots and next() has some. */
static int fill(struct runner *rn, struct err *err)
{
	struct http_request *req;
	struct xfer *x;
	int rc;

	while ((x = free_slot(rn)) != NULL) {
		req = rn->src->next(rn->src->ctx);
		if (req == NULL)
			break;
		rc = xfer_start(rn, x, req, err);
		if (rc == 1)
			rc = complete(rn, x, err);
		if (rc < 0)
			return -1;
	}
	return 0;
}

/* Complete every finished transfer; returns how many, or -1. */
static int drain(struct runner *rn, struct err *err)
{
	struct xfer *x;
	CURLMsg *m;
	int left, n = 0;
	char *priv;

	while ((m = curl_multi_info_read(rn->multi, &left)) != NULL) {
		if (m->msg != CURLMSG_DONE)
			continue;
		priv = NULL;
		curl_easy_getinfo(m->easy_handle, CURLINFO_PRIVATE, &priv);
		x = (struct xfer *)(void *)priv;
		xfer_finish(x, m->data.result);
		rn->active--;
		n++;
		/* m is invalid once its handle is removed, in complete(). */
		if (complete(rn, x, err) < 0)
			return -1;
	}
	return n;
}

/*
 * curl_multi_init() opens a wakeup socketpair without close-on-exec
 * (libcurl 7.88). New fds take the lowest free numbers, so whatever is
 * newly open in a window starting at the lowest free fd is curl's.
 */
#define FD_WINDOW 64

static CURLM *multi_new(void)
{
	bool was_open[FD_WINDOW];
	CURLM *m;
	int lo, i;

	lo = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (lo >= 0)
		close(lo);
	for (i = 0; lo >= 0 && i < FD_WINDOW; i++)
		was_open[i] = fcntl(lo + i, F_GETFD) != -1;
	m = curl_multi_init();
	for (i = 0; m != NULL && lo >= 0 && i < FD_WINDOW; i++)
		if (!was_open[i] && fcntl(lo + i, F_GETFD) != -1)
			fcntl(lo + i, F_SETFD, FD_CLOEXEC);
	return m;
}

static int global_init(struct err *err)
{
	static bool done;

	if (done)
		return 0;
	if (curl_global_init(CURL_GLOBAL_NOTHING) != CURLE_OK)
		return err_set(err, "cannot initialise libcurl");
	done = true;
	return 0;
}

static int curl_run(const struct transport_source *src, int max_parallel,
		    struct err *err)
{
	struct runner rn = { .src = src };
	int running, n, rc = -1;
	size_t i;

	if (global_init(err) < 0)
		return -1;
	rn.n_slots = max_parallel > 0 ? (size_t)max_parallel : 1;
	rn.slots = calloc(rn.n_slots, sizeof(*rn.slots));
	rn.multi = multi_new();
	if (rn.slots == NULL || rn.multi == NULL) {
		err_set(err, "out of memory");
		goto out;
	}
	for (;;) {
		if (fill(&rn, err) < 0)
			goto out;
		if (rn.active == 0)
			break;
		if (curl_multi_perform(rn.multi, &running) != CURLM_OK) {
			err_set(err, "libcurl multi interface failed");
			goto out;
		}
		n = drain(&rn, err);
		if (n < 0)
			goto out;
		if (n == 0 && rn.active > 0 &&
		    curl_multi_poll(rn.multi, NULL, 0, 1000, NULL) != CURLM_OK) {
			err_set(err, "libcurl multi interface failed");
			goto out;
		}
	}
	rc = 0;
out:
	for (i = 0; rn.slots != NULL && i < rn.n_slots; i++) {
		if (rn.slots[i].req != NULL)
			http_reply_release(&rn.slots[i].req->reply);
		xfer_clear(&rn, &rn.slots[i]);
	}
	if (rn.multi != NULL)
		curl_multi_cleanup(rn.multi);
	free(rn.slots);
	return rc;
}

static const struct transport_ops curl_ops = {
	.abi = TRANSPORT_ABI,
	.run = curl_run,
};

__attribute__((visibility("default"))) const struct transport_ops *rspamc_transport_curl(void);

const struct transport_ops *rspamc_transport_curl(void)
{
	return &curl_ops;
}
