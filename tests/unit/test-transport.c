/*
 * test-transport.c - the HTTP transport module against a fake server.
 *
 * The fake server is a forked child listening on loopback (TCP, ::1 or a
 * unix socket). For each connection it reads one request, sends the
 * request bytes back to the test through a pipe, and then answers as its
 * mode says: a canned reply, nothing, a close, a reset, garbage.
 *
 * The module is found as the program finds it: $RSPAMC_MODULE_DIR (set by
 * tests/meson.build) or <dir of argv[0]>/../lib.
 */
#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "test.h"
#include "transport.h"

enum srv_mode {
	SRV_REPLY,        /* read the request, send the canned reply */
	SRV_SILENT,       /* read the request, never answer */
	SRV_CLOSE,        /* read the request, close without a reply */
	SRV_RESET_READ,   /* send part of the reply, then reset */
	SRV_RESET_UPLOAD, /* read only the headers, then reset */
};

struct srv {
	pid_t pid;
	unsigned port;
	int rec_fd; /* read end: a 4-byte length, then the request bytes */
	char path[108];
};

#define REC_MAX 16384

static const struct transport_ops *ops;

static const char reply_json[] =
	"HTTP/1.1 200 OK\r\n"
	"Connection: close\r\n"
	"Server: rspamd/3.4\r\n"
	"Content-Length: 27\r\n"
	"Content-Type: application/json\r\n"
	"\r\n"
	"{\"score\":1.5,\"action\":\"no\"}";

/* ---- the fake server (child side) ---- */

static size_t content_length(const char *hdr, size_t len)
{
	const char *p = hdr, *end = hdr + len;
	size_t v = 0;

	while (p < end) {
		if (end - p > 16 && strncasecmp(p, "Content-Length:", 15) == 0) {
			for (p += 15; *p == ' '; p++)
				;
			while (*p >= '0' && *p <= '9')
				v = v * 10 + (size_t)(*p++ - '0');
			return v;
		}
		p = memchr(p, '\n', (size_t)(end - p));
		if (p == NULL)
			break;
		p++;
	}
	return 0;
}

/* Read a request; body too unless headers_only. Returns bytes kept. */
static size_t read_request(int c, char *rec, bool headers_only)
{
	size_t len = 0, hdr_end = 0, want = 0, total = 0;
	char tmp[65536];
	char *e;
	ssize_t n;

	for (;;) {
		n = read(c, tmp, sizeof(tmp));
		if (n <= 0)
			break;
		if (len < REC_MAX) {
			size_t k = (size_t)n < REC_MAX - len ? (size_t)n
							     : REC_MAX - len;
			memcpy(rec + len, tmp, k);
			len += k;
		}
		total += (size_t)n;
		if (hdr_end == 0) {
			rec[len] = '\0';
			e = strstr(rec, "\r\n\r\n");
			if (e == NULL)
				continue;
			hdr_end = (size_t)(e - rec) + 4;
			if (headers_only)
				break;
			want = hdr_end + content_length(rec, hdr_end);
		}
		if (total >= want)
			break;
	}
	return len;
}

static void write_all(int fd, const void *p, size_t n)
{
	const char *c = p;
	ssize_t w;

	while (n > 0) {
		w = write(fd, c, n);
		if (w <= 0)
			return;
		c += w;
		n -= (size_t)w;
	}
}

static void reset_close(int c)
{
	struct linger l = { 1, 0 };

	setsockopt(c, SOL_SOCKET, SO_LINGER, &l, sizeof(l));
	close(c);
}

static void serve_one(int c, int rec_fd, enum srv_mode mode,
		      const char *reply, size_t reply_len)
{
	static char rec[REC_MAX + 1];
	uint32_t len;

	len = (uint32_t)read_request(c, rec, mode == SRV_RESET_UPLOAD);
	write_all(rec_fd, &len, sizeof(len));
	write_all(rec_fd, rec, len);
	switch (mode) {
	case SRV_REPLY:
		write_all(c, reply, reply_len);
		close(c);
		break;
	case SRV_SILENT:
		pause();
		break;
	case SRV_CLOSE:
		close(c);
		break;
	case SRV_RESET_READ:
		write_all(c, reply, reply_len);
		usleep(100000);
		reset_close(c);
		break;
	case SRV_RESET_UPLOAD:
		reset_close(c);
		break;
	}
}

/* ---- the fake server (test side) ---- */

static int listen_on(int family, struct srv *s)
{
	struct sockaddr_storage ss;
	struct sockaddr_in *in4 = (struct sockaddr_in *)&ss;
	struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)&ss;
	struct sockaddr_un *un = (struct sockaddr_un *)&ss;
	socklen_t sl = sizeof(ss);
	int fd;

	memset(&ss, 0, sizeof(ss));
	fd = socket(family, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -1;
	if (family == AF_INET) {
		in4->sin_family = AF_INET;
		in4->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
		sl = sizeof(*in4);
	} else if (family == AF_INET6) {
		in6->sin6_family = AF_INET6;
		in6->sin6_addr = in6addr_loopback;
		sl = sizeof(*in6);
	} else {
		un->sun_family = AF_UNIX;
		snprintf(s->path, sizeof(s->path), "/tmp/test-transport-%d.sock",
			 (int)getpid());
		unlink(s->path);
		memcpy(un->sun_path, s->path, strlen(s->path) + 1);
		sl = sizeof(*un);
	}
	if (bind(fd, (struct sockaddr *)&ss, sl) < 0 || listen(fd, 64) < 0)
		goto fail;
	sl = sizeof(ss);
	if (getsockname(fd, (struct sockaddr *)&ss, &sl) < 0)
		goto fail;
	if (family == AF_INET)
		s->port = ntohs(in4->sin_port);
	else if (family == AF_INET6)
		s->port = ntohs(in6->sin6_port);
	return fd;
fail:
	close(fd);
	return -1;
}

static int srv_start(struct srv *s, int family, enum srv_mode mode,
		     const char *reply, int n_conns)
{
	int p[2], lfd, c, i;

	memset(s, 0, sizeof(*s));
	lfd = listen_on(family, s);
	if (lfd < 0 || pipe2(p, O_CLOEXEC) < 0)
		return -1;
	fflush(stdout);
	s->pid = fork();
	if (s->pid == 0) {
		close(p[0]);
		for (i = 0; i < n_conns; i++) {
			c = accept(lfd, NULL, NULL);
			if (c < 0)
				_exit(1);
			serve_one(c, p[1], mode, reply,
				  reply ? strlen(reply) : 0);
		}
		_exit(0);
	}
	close(p[1]);
	close(lfd);
	s->rec_fd = p[0];
	return s->pid > 0 ? 0 : -1;
}

/* Read the next recorded request into b; -1 when there is none. */
static int srv_request(struct srv *s, struct buf *b)
{
	struct err err;
	uint32_t len;
	ssize_t n;

	buf_reset(b);
	if (read(s->rec_fd, &len, sizeof(len)) != (ssize_t)sizeof(len))
		return -1;
	if (buf_grow(b, len, &err) < 0)
		return -1;
	while (b->len < len) {
		n = read(s->rec_fd, b->data + b->len, len - b->len);
		if (n <= 0)
			return -1;
		b->len += (size_t)n;
	}
	b->data[b->len] = '\0';
	return 0;
}

static void srv_stop(struct srv *s)
{
	kill(s->pid, SIGKILL);
	waitpid(s->pid, NULL, 0);
	close(s->rec_fd);
	if (s->path[0])
		unlink(s->path);
}

/* A loopback port nobody listens on. */
static unsigned closed_port(void)
{
	struct srv s;
	int fd = listen_on(AF_INET, &s);

	close(fd);
	return s.port;
}

/* ---- running requests ---- */

struct batch {
	struct http_request *reqs;
	size_t n, next_i;
	int done_calls;
	int in_flight, max_in_flight;
	/* done() returns 1 this many times, after calling retarget. */
	int resend;
	unsigned retarget_port;
	bool check_cloexec;
	int not_cloexec; /* fds found without FD_CLOEXEC */
};

static char baseline_open[1024]; /* fds open without CLOEXEC at start */

static void note_fds(bool baseline, int *bad)
{
	struct dirent *d;
	DIR *dir = opendir("/proc/self/fd");
	int fd, flags;

	if (dir == NULL)
		return;
	while ((d = readdir(dir)) != NULL) {
		if (d->d_name[0] == '.')
			continue;
		fd = (int)strtol(d->d_name, NULL, 10);
		if (fd < 3 || fd == dirfd(dir) || fd >= 1024)
			continue;
		flags = fcntl(fd, F_GETFD);
		if (flags < 0 || (flags & FD_CLOEXEC))
			continue;
		if (baseline) {
			baseline_open[fd] = 1;
		} else if (!baseline_open[fd]) {
			char link[64], target[256] = "";

			snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
			if (readlink(link, target, sizeof(target) - 1) < 0)
				target[0] = '?';
			printf("# fd %d (%s) is not close-on-exec\n", fd,
			       target);
			(*bad)++;
		}
	}
	closedir(dir);
}

static int count_fds(void)
{
	struct dirent *d;
	DIR *dir = opendir("/proc/self/fd");
	int n = 0;

	if (dir == NULL)
		return -1;
	while ((d = readdir(dir)) != NULL)
		n += d->d_name[0] != '.';
	closedir(dir);
	return n;
}

static struct http_request *batch_next(void *ctx)
{
	struct batch *b = ctx;

	if (b->next_i >= b->n)
		return NULL;
	b->in_flight++;
	if (b->in_flight > b->max_in_flight)
		b->max_in_flight = b->in_flight;
	return &b->reqs[b->next_i++];
}

static int batch_done(struct http_request *req, void *ctx)
{
	struct batch *b = ctx;

	b->done_calls++;
	if (b->check_cloexec)
		note_fds(false, &b->not_cloexec);
	if (b->resend > 0) {
		b->resend--;
		if (b->retarget_port)
			req->port = b->retarget_port;
		return 1;
	}
	b->in_flight--;
	return 0;
}

static void req_init(struct http_request *req, unsigned port)
{
	memset(req, 0, sizeof(*req));
	req->path = "/checkv2";
	req->host = "127.0.0.1";
	req->port = port;
	req->timeout = 5;
}

/* Run n requests; returns run()'s result. */
static int run_batch(struct batch *b, struct http_request *reqs, size_t n,
		     int max_parallel)
{
	struct transport_source src = { batch_next, batch_done, b };
	struct err err;
	int rc;

	b->reqs = reqs;
	b->n = n;
	err_init(&err);
	rc = ops->run(&src, max_parallel, &err);
	if (rc < 0)
		printf("# run failed: %s\n", err.msg);
	return rc;
}

static int run_one(struct http_request *req)
{
	struct batch b;

	memset(&b, 0, sizeof(b));
	return run_batch(&b, req, 1, 1);
}

static void show_failure(const struct http_request *req)
{
	if (req->reply.error != TRANSPORT_OK)
		printf("# reply error %d: %s\n", (int)req->reply.error,
		       req->reply.message);
}

/* ---- tests ---- */

static const struct http_header custom[] = {
	{ "User-Agent", "rspamc" },
	{ "Filename", "msg1.eml" },
	{ "X-Custom", " hello world" },
	{ "JustName", "" },
	{ "Flags", "body_block" },
};

static void test_request_bytes(void)
{
	static const char want_post[] = "POST /checkv2 HTTP/1.0\r\n"
					"Content-Length: 11\r\n"
					"Connection: close\r\n"
					"Content-Type: text/plain\r\n"
					"User-Agent: rspamc\r\n"
					"Filename: msg1.eml\r\n"
					"X-Custom:  hello world\r\n"
					"JustName: \r\n"
					"Flags: body_block\r\n"
					"\r\n"
					"Subject: x\n";
	static const char want_get[] = "GET /stat HTTP/1.0\r\n"
				       "Content-Length: 0\r\n"
				       "Connection: close\r\n"
				       "User-Agent: rspamc\r\n"
				       "\r\n";
	struct buf got = BUF_INIT;
	struct http_request req;
	struct srv s;

	test_begin("POST with a body: exact request bytes");
	test_assert(srv_start(&s, AF_INET, SRV_REPLY, reply_json, 1) == 0);
	req_init(&req, s.port);
	req.headers = custom;
	req.n_headers = sizeof(custom) / sizeof(custom[0]);
	req.body = "Subject: x\n";
	req.body_len = 11;
	test_assert(run_one(&req) == 0);
	show_failure(&req);
	test_assert(req.reply.error == TRANSPORT_OK);
	test_assert(srv_request(&s, &got) == 0);
	test_assert_mem(got.data, got.len, want_post, sizeof(want_post) - 1);
	http_reply_release(&req.reply);
	srv_stop(&s);
	test_end();

	test_begin("empty body: GET, Content-Length 0, no Content-Type");
	test_assert(srv_start(&s, AF_INET, SRV_REPLY, reply_json, 1) == 0);
	req_init(&req, s.port);
	req.path = "/stat";
	req.headers = custom;
	req.n_headers = 1;
	test_assert(run_one(&req) == 0);
	test_assert(req.reply.error == TRANSPORT_OK);
	test_assert(srv_request(&s, &got) == 0);
	test_assert_mem(got.data, got.len, want_get, sizeof(want_get) - 1);
	test_assert(strstr(got.data, "Host:") == NULL);
	test_assert(strstr(got.data, "Accept") == NULL);
	test_assert(strstr(got.data, "Expect") == NULL);
	http_reply_release(&req.reply);
	srv_stop(&s);
	test_end();

	buf_release(&got);
}

static void test_caller_content_type(void)
{
	static const struct http_header h[] = {
		{ "Filename", "msg1.eml" },
		{ "Content-Type", "application/x-compressed" },
		{ "Content-Length", "999" },
		{ "Compression", "zstd" },
	};
	static const char want[] = "POST /checkv2 HTTP/1.0\r\n"
				   "Content-Length: 3\r\n"
				   "Connection: close\r\n"
				   "Content-Type: application/x-compressed\r\n"
				   "Filename: msg1.eml\r\n"
				   "Compression: zstd\r\n"
				   "\r\n"
				   "abc";
	struct buf got = BUF_INIT;
	struct http_request req;
	struct srv s;

	test_begin("caller's Content-Type replaces text/plain, third line");
	test_assert(srv_start(&s, AF_INET, SRV_REPLY, reply_json, 1) == 0);
	req_init(&req, s.port);
	req.headers = h;
	req.n_headers = 4;
	req.body = "abc";
	req.body_len = 3;
	test_assert(run_one(&req) == 0);
	test_assert(req.reply.error == TRANSPORT_OK);
	test_assert(srv_request(&s, &got) == 0);
	test_assert_mem(got.data, got.len, want, sizeof(want) - 1);
	http_reply_release(&req.reply);
	srv_stop(&s);
	buf_release(&got);
	test_end();
}

static void test_replies(void)
{
	struct http_request req;
	struct srv s;

	test_begin("200 JSON reply: status, reason, headers, body");
	test_assert(srv_start(&s, AF_INET, SRV_REPLY, reply_json, 1) == 0);
	req_init(&req, s.port);
	test_assert(run_one(&req) == 0);
	show_failure(&req);
	test_assert(req.reply.error == TRANSPORT_OK);
	test_assert(req.reply.status == 200);
	test_assert_str(req.reply.reason, "OK");
	test_assert(req.reply.n_headers == 4);
	test_assert_str(req.reply.headers[1].name, "Server");
	test_assert_str(req.reply.headers[1].value, "rspamd/3.4");
	test_assert_str(http_reply_header(&req.reply, "content-type"),
			"application/json");
	test_assert(http_reply_header(&req.reply, "X-None") == NULL);
	test_assert_mem(req.reply.body.data, req.reply.body.len,
			"{\"score\":1.5,\"action\":\"no\"}", 27);
	test_assert(req.reply.elapsed > 0 && req.reply.elapsed < 5);
	http_reply_release(&req.reply);
	srv_stop(&s);
	test_end();

	test_begin("500 with a reason is not a transport error");
	test_assert(srv_start(&s, AF_INET, SRV_REPLY,
			      "HTTP/1.0 500 Internal Server Error\r\n"
			      "Content-Length: 2\r\n\r\n{}",
			      1) == 0);
	req_init(&req, s.port);
	test_assert(run_one(&req) == 0);
	test_assert(req.reply.error == TRANSPORT_OK);
	test_assert(req.reply.status == 500);
	test_assert_str(req.reply.reason, "Internal Server Error");
	http_reply_release(&req.reply);
	srv_stop(&s);
	test_end();

	test_begin("status without a reason; headers trimmed; no length");
	test_assert(srv_start(&s, AF_INET, SRV_REPLY,
			      "HTTP/1.0 401\r\n"
			      "X-A:   spaced value  \r\n"
			      "\r\nbody until close",
			      1) == 0);
	req_init(&req, s.port);
	test_assert(run_one(&req) == 0);
	test_assert(req.reply.error == TRANSPORT_OK);
	test_assert(req.reply.status == 401);
	test_assert(req.reply.reason == NULL);
	test_assert_str(http_reply_header(&req.reply, "x-a"), "spaced value");
	test_assert_str(req.reply.body.data, "body until close");
	http_reply_release(&req.reply);
	srv_stop(&s);
	test_end();

	test_begin("2xx with an empty body has a non-NULL body");
	test_assert(srv_start(&s, AF_INET, SRV_REPLY,
			      "HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n",
			      1) == 0);
	req_init(&req, s.port);
	test_assert(run_one(&req) == 0);
	test_assert(req.reply.error == TRANSPORT_OK);
	test_assert(req.reply.body.data != NULL && req.reply.body.len == 0);
	http_reply_release(&req.reply);
	srv_stop(&s);
	test_end();
}

static void expect_error(struct http_request *req, enum transport_error e,
			 const char *message)
{
	test_assert(req->reply.error == e);
	test_assert_str(req->reply.message, message);
}

static void test_failures(void)
{
	struct http_request req;
	struct srv s;
	char *big;

	test_begin("connection refused");
	req_init(&req, closed_port());
	test_assert(run_one(&req) == 0);
	expect_error(&req, TRANSPORT_CONNECT,
		     "IO write error: Connection refused");
	test_assert(req.reply.sys_errno == ECONNREFUSED);
	test_assert(req.reply.status == 0);
	http_reply_release(&req.reply);
	test_end();

	test_begin("silent server: IO timeout after 0.5 s");
	test_assert(srv_start(&s, AF_INET, SRV_SILENT, NULL, 1) == 0);
	req_init(&req, s.port);
	req.timeout = 0.5;
	test_assert(run_one(&req) == 0);
	expect_error(&req, TRANSPORT_TIMEOUT, "IO timeout");
	test_assert(req.reply.elapsed >= 0.45 && req.reply.elapsed < 2.0);
	http_reply_release(&req.reply);
	srv_stop(&s);
	test_end();

	test_begin("closed without a reply: unexpected EOF");
	test_assert(srv_start(&s, AF_INET, SRV_CLOSE, NULL, 1) == 0);
	req_init(&req, s.port);
	test_assert(run_one(&req) == 0);
	expect_error(&req, TRANSPORT_RECV, "IO read error: unexpected EOF");
	http_reply_release(&req.reply);
	srv_stop(&s);
	test_end();

	test_begin("body shorter than Content-Length: unexpected EOF");
	test_assert(srv_start(&s, AF_INET, SRV_REPLY,
			      "HTTP/1.0 200 OK\r\nContent-Length: 100\r\n\r\n{",
			      1) == 0);
	req_init(&req, s.port);
	test_assert(run_one(&req) == 0);
	expect_error(&req, TRANSPORT_RECV, "IO read error: unexpected EOF");
	http_reply_release(&req.reply);
	srv_stop(&s);
	test_end();

	test_begin("reset while reading the reply");
	test_assert(srv_start(&s, AF_INET, SRV_RESET_READ,
			      "HTTP/1.0 200 OK\r\nContent-Length: 100\r\n\r\n{",
			      1) == 0);
	req_init(&req, s.port);
	test_assert(run_one(&req) == 0);
	expect_error(&req, TRANSPORT_RECV,
		     "HTTP IO read error: Connection reset by peer");
	http_reply_release(&req.reply);
	srv_stop(&s);
	test_end();

	test_begin("reset while sending a large body");
	big = calloc(1, 16 << 20);
	test_assert(big != NULL);
	test_assert(srv_start(&s, AF_INET, SRV_RESET_UPLOAD, NULL, 1) == 0);
	req_init(&req, s.port);
	req.body = big;
	req.body_len = 16 << 20;
	test_assert(run_one(&req) == 0);
	expect_error(&req, TRANSPORT_SEND,
		     "IO write error: Connection reset by peer");
	http_reply_release(&req.reply);
	srv_stop(&s);
	free(big);
	test_end();

	test_begin("not HTTP: parser error");
	test_assert(srv_start(&s, AF_INET, SRV_REPLY, "garbage here\r\n\r\n",
			      1) == 0);
	req_init(&req, s.port);
	test_assert(run_one(&req) == 0);
	expect_error(&req, TRANSPORT_PROTOCOL,
		     "HTTP parser error: invalid constant string");
	http_reply_release(&req.reply);
	srv_stop(&s);
	test_end();

	test_begin("reply over max_reply, with and without Content-Length");
	test_assert(srv_start(&s, AF_INET, SRV_REPLY, reply_json, 1) == 0);
	req_init(&req, s.port);
	req.max_reply = 10;
	test_assert(run_one(&req) == 0);
	expect_error(&req, TRANSPORT_RECV, "reply exceeds 10 bytes");
	http_reply_release(&req.reply);
	srv_stop(&s);
	test_assert(srv_start(&s, AF_INET, SRV_REPLY,
			      "HTTP/1.0 200 OK\r\n\r\n0123456789abc", 1) == 0);
	req_init(&req, s.port);
	req.max_reply = 10;
	test_assert(run_one(&req) == 0);
	expect_error(&req, TRANSPORT_RECV, "reply exceeds 10 bytes");
	http_reply_release(&req.reply);
	srv_stop(&s);
	test_end();
}

static void test_families(void)
{
	struct buf got = BUF_INIT;
	struct http_request req;
	struct srv s;

	test_begin("unix socket");
	test_assert(srv_start(&s, AF_UNIX, SRV_REPLY, reply_json, 1) == 0);
	req_init(&req, 0);
	req.host = NULL;
	req.unix_path = s.path;
	test_assert(run_one(&req) == 0);
	show_failure(&req);
	test_assert(req.reply.error == TRANSPORT_OK);
	test_assert(req.reply.status == 200);
	test_assert(srv_request(&s, &got) == 0);
	test_assert(strncmp(got.data, "GET /checkv2 HTTP/1.0\r\n", 23) == 0);
	test_assert(strstr(got.data, "Host:") == NULL);
	http_reply_release(&req.reply);
	srv_stop(&s);
	test_end();

	test_begin("missing unix socket");
	req_init(&req, 0);
	req.host = NULL;
	req.unix_path = "/nonexistent/rspamd.sock";
	test_assert(run_one(&req) == 0);
	expect_error(&req, TRANSPORT_CONNECT,
		     "IO write error: No such file or directory");
	http_reply_release(&req.reply);
	test_end();

	test_begin("unix socket path too long");
	{
		char longp[200];

		memset(longp, 'a', sizeof(longp));
		longp[0] = '/';
		longp[sizeof(longp) - 1] = '\0';
		req_init(&req, 0);
		req.host = NULL;
		req.unix_path = longp;
		test_assert(run_one(&req) == 0);
		expect_error(&req, TRANSPORT_CONNECT,
			     "IO write error: File name too long");
		http_reply_release(&req.reply);
	}
	test_end();

	test_begin("malformed host");
	req_init(&req, 1);
	req.host = "bad host";
	test_assert(run_one(&req) == 0);
	test_assert(req.reply.error == TRANSPORT_CONNECT);
	test_assert(strncmp(req.reply.message, "invalid server 'bad host': ",
			    27) == 0);
	printf("# %s\n", req.reply.message);
	http_reply_release(&req.reply);
	test_end();

	test_begin("IPv6 ::1");
	test_assert(srv_start(&s, AF_INET6, SRV_REPLY, reply_json, 1) == 0);
	req_init(&req, s.port);
	req.host = "::1";
	test_assert(run_one(&req) == 0);
	show_failure(&req);
	test_assert(req.reply.error == TRANSPORT_OK);
	test_assert(req.reply.status == 200);
	http_reply_release(&req.reply);
	srv_stop(&s);
	test_end();

	buf_release(&got);
}

static void test_parallel(void)
{
	struct http_request reqs[20];
	struct batch b;
	struct srv s;
	int fds_before, ok = 0;
	size_t i;

	test_begin("20 requests, 4 at a time, fds close-on-exec, no leak");
	test_assert(srv_start(&s, AF_INET, SRV_REPLY, reply_json, 20) == 0);
	for (i = 0; i < 20; i++) {
		req_init(&reqs[i], s.port);
		reqs[i].body = "x";
		reqs[i].body_len = 1;
	}
	memset(&b, 0, sizeof(b));
	b.check_cloexec = true;
	fds_before = count_fds();
	test_assert(run_batch(&b, reqs, 20, 4) == 0);
	test_assert(count_fds() == fds_before);
	test_assert(b.done_calls == 20);
	test_assert(b.max_in_flight == 4);
	test_assert(b.not_cloexec == 0);
	for (i = 0; i < 20; i++) {
		ok += reqs[i].reply.error == TRANSPORT_OK &&
		      reqs[i].reply.status == 200;
		http_reply_release(&reqs[i].reply);
	}
	test_assert(ok == 20);
	srv_stop(&s);
	test_end();

	test_begin("a host name (localhost), 8 in parallel");
	test_assert(srv_start(&s, AF_INET, SRV_REPLY, reply_json, 8) == 0);
	for (i = 0; i < 8; i++) {
		req_init(&reqs[i], s.port);
		reqs[i].host = "localhost";
	}
	memset(&b, 0, sizeof(b));
	b.check_cloexec = true;
	fds_before = count_fds();
	test_assert(run_batch(&b, reqs, 8, 8) == 0);
	test_assert(count_fds() == fds_before);
	test_assert(b.done_calls == 8);
	test_assert(b.not_cloexec == 0);
	for (i = 0, ok = 0; i < 8; i++) {
		show_failure(&reqs[i]);
		ok += reqs[i].reply.status == 200;
		http_reply_release(&reqs[i].reply);
	}
	test_assert(ok == 8);
	srv_stop(&s);
	test_end();

	test_begin("next() with nothing to do");
	memset(&b, 0, sizeof(b));
	test_assert(run_batch(&b, reqs, 0, 4) == 0);
	test_assert(b.done_calls == 0);
	test_end();
}

static void test_resend(void)
{
	struct http_request req;
	struct buf got = BUF_INIT;
	struct batch b;
	struct srv s;

	test_begin("done() returning 1 sends the request again");
	test_assert(srv_start(&s, AF_INET, SRV_REPLY, reply_json, 2) == 0);
	req_init(&req, s.port);
	req.body = "again";
	req.body_len = 5;
	memset(&b, 0, sizeof(b));
	b.resend = 1;
	test_assert(run_batch(&b, &req, 1, 1) == 0);
	test_assert(b.done_calls == 2);
	test_assert(req.reply.status == 200);
	test_assert(srv_request(&s, &got) == 0);
	test_assert(srv_request(&s, &got) == 0);
	test_assert(got.len > 5 &&
		    memcmp(got.data + got.len - 5, "again", 5) == 0);
	http_reply_release(&req.reply);
	srv_stop(&s);
	test_end();

	test_begin("failover: refused, then another port");
	test_assert(srv_start(&s, AF_INET, SRV_REPLY, reply_json, 1) == 0);
	req_init(&req, closed_port());
	memset(&b, 0, sizeof(b));
	b.resend = 1;
	b.retarget_port = s.port;
	test_assert(run_batch(&b, &req, 1, 1) == 0);
	test_assert(b.done_calls == 2);
	test_assert(req.reply.error == TRANSPORT_OK);
	test_assert(req.reply.status == 200);
	http_reply_release(&req.reply);
	srv_stop(&s);
	buf_release(&got);
	test_end();
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int test_load(const char *argv0)
{
	const char *env = getenv("RSPAMC_MODULE_DIR");
	char *saved = env ? strdup(env) : NULL;
	struct err err;
	double t0;

	test_begin("load failure names every path tried");
	err_init(&err);
	setenv("RSPAMC_MODULE_DIR", "/nonexistent-a", 1);
	test_assert(transport_load("/nonexistent-b/bin/rspamc", &err) == NULL);
	test_assert(strstr(err.msg, "/nonexistent-a/rspamc-curl.so (") != NULL);
	test_assert(strstr(err.msg, "/nonexistent-b/bin/../lib/rspamc-curl.so (") !=
		    NULL);
	test_assert(strstr(err.msg, "cannot load the HTTP transport") != NULL);
	test_end();

	test_begin("load the module");
	if (saved)
		setenv("RSPAMC_MODULE_DIR", saved, 1);
	else
		unsetenv("RSPAMC_MODULE_DIR");
	free(saved);
	err_init(&err);
	t0 = now();
	ops = transport_load(argv0, &err);
	printf("# transport_load (dlopen of the module and libcurl): %.2f ms\n",
	       (now() - t0) * 1e3);
	if (ops == NULL)
		printf("# %s\n", err.msg);
	test_assert(ops != NULL);
	test_assert(ops == NULL || ops->abi == TRANSPORT_ABI);
	test_assert(transport_load(argv0, &err) == ops);
	test_end();
	return ops ? 0 : -1;
}

int main(int argc, char **argv)
{
	(void)argc;
	signal(SIGPIPE, SIG_IGN);
	setvbuf(stdout, NULL, _IOLBF, 0);
	note_fds(true, NULL);
	if (test_load(argv[0]) == 0) {
		test_request_bytes();
		test_caller_content_type();
		test_replies();
		test_failures();
		test_families();
		test_parallel();
		test_resend();
	}
	return test_done();
}
