/*
 * test-scan-store.c - the Bayes store conformance tests (lib/scan/store.h),
 * run unchanged against every back-end: learn, totals, get, relearn moves
 * the counts, unlearn, already-learned, counters never negative, many
 * tokens, reopen, and 8 processes learning at once.
 *
 * Redis: the test starts its own redis-server (REDIS_BIN, else
 * "redis-server" from PATH) on a free loopback port in a temp dir without
 * persistence, and stops it at the end. A missing redis-server fails the
 * test, it is never skipped. Redis-only cases: error messages name the
 * server, a server list falls over to the next, reconnect after a restart.
 */
#include <errno.h>
#include <inttypes.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "store.h"
#include "store_redis.h"
#include "store_sqlite.h"
#include "test.h"

#define NCHILD 8
#define PER_CHILD 40

struct backend {
	const char *name;
	/* A new, empty store named `instance`; reopening the same instance
	 * gives the same model. */
	struct store *(*open)(const char *instance, struct err *err);
};

static char tmpdir[] = "/tmp/test-scan-store.XXXXXX";
static char redis_addr[64];
static int redis_port;
static pid_t redis_pid = -1;

/* ---- helpers ---------------------------------------------------------- */

static void digest_of(uint8_t d[32], unsigned n)
{
	memset(d, 0, 32);
	d[0] = (uint8_t)(n & 0xff);
	d[1] = (uint8_t)(n >> 8);
	d[31] = 0xa5;
}

static void store_free(struct store **s)
{
	if (*s != NULL)
		(*s)->ops->close(*s);
	*s = NULL;
}

static int get1(struct store *s, uint64_t tok, uint64_t *spam, uint64_t *ham)
{
	struct token_counts t = {.token = tok, .spam = 99, .ham = 99};
	struct err err;
	int rc;

	err_init(&err);
	rc = s->ops->get(s, &t, 1, &err);
	*spam = t.spam;
	*ham = t.ham;
	return rc;
}

static int has_counts(struct store *s, uint64_t tok, uint64_t spam,
		      uint64_t ham)
{
	uint64_t sp, h;

	if (get1(s, tok, &sp, &h) < 0)
		return 0;
	if (sp != spam || h != ham)
		printf("# token %016" PRIx64 ": got %" PRIu64 "/%" PRIu64
		       ", want %" PRIu64 "/%" PRIu64 "\n",
		       tok, sp, h, spam, ham);
	return sp == spam && h == ham;
}

static int has_totals(struct store *s, uint64_t spam, uint64_t ham)
{
	uint64_t sp = 99, h = 99;
	struct err err;

	err_init(&err);
	if (s->ops->totals(s, &sp, &h, &err) < 0) {
		printf("# totals: %s\n", err.msg);
		return 0;
	}
	if (sp != spam || h != ham)
		printf("# totals: got %" PRIu64 "/%" PRIu64 ", want %" PRIu64
		       "/%" PRIu64 "\n", sp, h, spam, ham);
	return sp == spam && h == ham;
}

static enum bayes_class class_of(struct store *s, unsigned msg)
{
	enum bayes_class c = 77;
	uint8_t d[32];
	struct err err;

	err_init(&err);
	digest_of(d, msg);
	if (s->ops->learned_as(s, d, &c, &err) < 0)
		return 77;
	return c;
}

static int move(struct store *s, unsigned msg, const uint64_t *tok, size_t n,
		enum bayes_class from, enum bayes_class to, struct err *err)
{
	uint8_t d[32];

	digest_of(d, msg);
	err_init(err);
	return s->ops->update(s, tok, n, from, to, d, err);
}

/* ---- conformance ------------------------------------------------------ */

static const uint64_t msg_a[] = {1, 2, 3, UINT64_MAX};
static const uint64_t msg_b[] = {2, 4};

static void test_empty(const struct backend *b)
{
	struct store *s;
	struct token_counts t[2] = {{.token = 1, .spam = 5, .ham = 5},
				    {.token = 7, .spam = 5, .ham = 5}};
	struct err err;

	test_begin("empty store: zero totals, unknown tokens, not learned");
	err_init(&err);
	s = b->open("empty", &err);
	test_assert(s != NULL);
	if (s != NULL) {
		test_assert(has_totals(s, 0, 0));
		test_assert(s->ops->get(s, t, 2, &err) == 0);
		test_assert(t[0].spam == 0 && t[0].ham == 0);
		test_assert(t[1].spam == 0 && t[1].ham == 0);
		test_assert(s->ops->get(s, t, 0, &err) == 0);
		test_assert(class_of(s, 1) == BAYES_CLASS_NONE);
	}
	store_free(&s);
	test_end();
}

static void test_learn_relearn_unlearn(const struct backend *b)
{
	struct store *s;
	struct err err;

	err_init(&err);
	s = b->open("cycle", &err);
	test_begin("learn spam and ham: totals, token counts, digests");
	test_assert(s != NULL);
	if (s == NULL) {
		printf("# open: %s\n", err.msg);
		test_end();
		return;
	}
	test_assert(move(s, 1, msg_a, 4, BAYES_CLASS_NONE, BAYES_CLASS_SPAM,
			 &err) == 0);
	test_assert(move(s, 2, msg_b, 2, BAYES_CLASS_NONE, BAYES_CLASS_HAM,
			 &err) == 0);
	test_assert(has_totals(s, 1, 1));
	test_assert(has_counts(s, 1, 1, 0));
	test_assert(has_counts(s, 2, 1, 1));
	test_assert(has_counts(s, 4, 0, 1));
	test_assert(has_counts(s, UINT64_MAX, 1, 0));
	test_assert(has_counts(s, 5, 0, 0));
	test_assert(class_of(s, 1) == BAYES_CLASS_SPAM);
	test_assert(class_of(s, 2) == BAYES_CLASS_HAM);
	test_assert(class_of(s, 3) == BAYES_CLASS_NONE);
	test_end();

	test_begin("learning again from the wrong class changes nothing");
	test_assert(move(s, 1, msg_a, 4, BAYES_CLASS_NONE, BAYES_CLASS_SPAM,
			 &err) < 0);
	test_assert(err_isset(&err));
	test_assert(move(s, 2, msg_b, 2, BAYES_CLASS_SPAM, BAYES_CLASS_HAM,
			 &err) < 0);
	test_assert(has_totals(s, 1, 1));
	test_assert(has_counts(s, 1, 1, 0));
	test_assert(has_counts(s, 2, 1, 1));
	test_assert(class_of(s, 1) == BAYES_CLASS_SPAM);
	test_end();

	test_begin("relearn spam -> ham moves every count");
	test_assert(move(s, 1, msg_a, 4, BAYES_CLASS_SPAM, BAYES_CLASS_HAM,
			 &err) == 0);
	test_assert(has_totals(s, 0, 2));
	test_assert(has_counts(s, 1, 0, 1));
	test_assert(has_counts(s, 2, 0, 2));
	test_assert(has_counts(s, UINT64_MAX, 0, 1));
	test_assert(class_of(s, 1) == BAYES_CLASS_HAM);
	test_end();

	test_begin("unlearn forgets the message and its counts");
	test_assert(move(s, 2, msg_b, 2, BAYES_CLASS_HAM, BAYES_CLASS_NONE,
			 &err) == 0);
	test_assert(has_totals(s, 0, 1));
	test_assert(has_counts(s, 2, 0, 1));
	test_assert(has_counts(s, 4, 0, 0));
	test_assert(class_of(s, 2) == BAYES_CLASS_NONE);
	test_assert(move(s, 1, msg_a, 4, BAYES_CLASS_HAM, BAYES_CLASS_NONE,
			 &err) == 0);
	test_assert(has_totals(s, 0, 0));
	test_assert(has_counts(s, 1, 0, 0));
	test_assert(has_counts(s, 2, 0, 0));
	test_end();

	test_begin("the model survives closing and reopening");
	test_assert(move(s, 9, msg_b, 2, BAYES_CLASS_NONE, BAYES_CLASS_SPAM,
			 &err) == 0);
	store_free(&s);
	s = b->open("cycle", &err);
	test_assert(s != NULL);
	if (s != NULL) {
		test_assert(has_totals(s, 1, 0));
		test_assert(has_counts(s, 4, 1, 0));
		test_assert(class_of(s, 9) == BAYES_CLASS_SPAM);
	}
	store_free(&s);
	test_end();
}

static void test_never_negative(const struct backend *b)
{
	static const uint64_t learned[] = {10};
	static const uint64_t more[] = {10, 11, 12};
	struct store *s;
	struct err err;

	test_begin("counters never go below zero");
	err_init(&err);
	s = b->open("clamp", &err);
	test_assert(s != NULL);
	if (s != NULL) {
		test_assert(move(s, 1, learned, 1, BAYES_CLASS_NONE,
				 BAYES_CLASS_HAM, &err) == 0);
		/* Unlearn with tokens that were never counted (a tokenizer
		 * change between learn and unlearn). */
		test_assert(move(s, 1, more, 3, BAYES_CLASS_HAM,
				 BAYES_CLASS_NONE, &err) == 0);
		test_assert(has_counts(s, 10, 0, 0));
		test_assert(has_counts(s, 11, 0, 0));
		test_assert(has_counts(s, 12, 0, 0));
		test_assert(has_totals(s, 0, 0));
		/* Relearn of a message whose spam counts are gone. */
		test_assert(move(s, 2, learned, 1, BAYES_CLASS_NONE,
				 BAYES_CLASS_SPAM, &err) == 0);
		test_assert(move(s, 2, more, 3, BAYES_CLASS_SPAM,
				 BAYES_CLASS_HAM, &err) == 0);
		test_assert(has_counts(s, 10, 0, 1));
		test_assert(has_counts(s, 11, 0, 1));
		test_assert(has_totals(s, 0, 1));
	}
	store_free(&s);
	test_end();
}

static void test_many_tokens(const struct backend *b)
{
	enum { N = 5000 };
	uint64_t *tok = calloc(N, sizeof(*tok));
	struct token_counts *t = calloc(N, sizeof(*t));
	struct store *s;
	struct err err;
	size_t i, bad = 0;

	test_begin("5000 tokens in one learn and one get");
	err_init(&err);
	s = b->open("many", &err);
	test_assert(s != NULL && tok != NULL && t != NULL);
	if (s != NULL && tok != NULL && t != NULL) {
		for (i = 0; i < N; i++)
			tok[i] = (uint64_t)i * 0x9e3779b97f4a7c15ULL;
		test_assert(move(s, 1, tok, N, BAYES_CLASS_NONE,
				 BAYES_CLASS_SPAM, &err) == 0);
		test_assert(move(s, 2, tok, N / 2, BAYES_CLASS_NONE,
				 BAYES_CLASS_HAM, &err) == 0);
		for (i = 0; i < N; i++)
			t[i].token = tok[i];
		test_assert(s->ops->get(s, t, N, &err) == 0);
		for (i = 0; i < N; i++)
			if (t[i].spam != 1 || t[i].ham != (i < N / 2 ? 1u : 0u))
				bad++;
		test_assert(bad == 0);
	}
	store_free(&s);
	free(tok);
	free(t);
	test_end();
}

/* One child: learn PER_CHILD messages of its own (spam when even), all
 * sharing token 1000, and race the others for the shared message 9999;
 * classify (get) between learns. Exit 0 when every own learn succeeded. */
static int child_learn(const struct backend *b, unsigned id)
{
	struct store *s;
	struct err err;
	unsigned i;
	int fails = 0;

	err_init(&err);
	s = b->open("conc", &err);
	if (s == NULL)
		return 2;
	for (i = 0; i < PER_CHILD; i++) {
		uint64_t tok[3] = {1000, 2000 + id, 5000 + id * 1000 + i};
		struct token_counts t[3] = {{.token = 1000}, {.token = 2000}};
		unsigned msg = id * 1000 + i;
		enum bayes_class to = i % 2 ? BAYES_CLASS_HAM : BAYES_CLASS_SPAM;

		if (move(s, msg, tok, 3, BAYES_CLASS_NONE, to, &err) < 0)
			fails++;
		if (s->ops->get(s, t, 2, &err) < 0)
			fails++;
		if (i == PER_CHILD / 2) {
			uint64_t shared[1] = {3000};

			move(s, 9999, shared, 1, BAYES_CLASS_NONE,
			     BAYES_CLASS_SPAM, &err);
		}
	}
	store_free(&s);
	return fails ? 1 : 0;
}

static void test_concurrent(const struct backend *b)
{
	pid_t pids[NCHILD];
	unsigned i, ok = 0;
	struct store *s;
	struct err err;
	uint64_t sp, h;

	test_begin("8 processes learning at once: counts add up exactly");
	err_init(&err);
	fflush(stdout);
	for (i = 0; i < NCHILD; i++) {
		pids[i] = fork();
		if (pids[i] == 0)
			_exit(child_learn(b, i + 1));
	}
	for (i = 0; i < NCHILD; i++) {
		int st;

		if (pids[i] > 0 && waitpid(pids[i], &st, 0) == pids[i] &&
		    WIFEXITED(st) && WEXITSTATUS(st) == 0)
			ok++;
	}
	test_assert(ok == NCHILD);
	s = b->open("conc", &err);
	test_assert(s != NULL);
	if (s != NULL) {
		/* Each child: PER_CHILD/2 spam + PER_CHILD/2 ham; plus the
		 * shared message once. */
		test_assert(has_totals(s, NCHILD * PER_CHILD / 2 + 1,
				       NCHILD * PER_CHILD / 2));
		test_assert(has_counts(s, 1000, NCHILD * PER_CHILD / 2,
				       NCHILD * PER_CHILD / 2));
		test_assert(has_counts(s, 2003, PER_CHILD / 2, PER_CHILD / 2));
		test_assert(has_counts(s, 3000, 1, 0));
		test_assert(get1(s, 5000 + 4 * 1000 + 7, &sp, &h) == 0 &&
			    sp == 0 && h == 1);
		test_assert(class_of(s, 9999) == BAYES_CLASS_SPAM);
	}
	store_free(&s);
	test_end();
}

static void run_conformance(const struct backend *b)
{
	printf("# store back-end: %s\n", b->name);
	test_empty(b);
	test_learn_relearn_unlearn(b);
	test_never_negative(b);
	test_many_tokens(b);
	test_concurrent(b);
}

/* ---- Redis ------------------------------------------------------------ */

static int free_port(void)
{
	struct sockaddr_in a = {.sin_family = AF_INET};
	socklen_t len = sizeof(a);
	int fd = socket(AF_INET, SOCK_STREAM, 0), port = -1;

	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (fd < 0)
		return -1;
	if (bind(fd, (struct sockaddr *)&a, sizeof(a)) == 0 &&
	    getsockname(fd, (struct sockaddr *)&a, &len) == 0)
		port = ntohs(a.sin_port);
	close(fd);
	return port;
}

/* Remove the temp dir and the files the stores left in it (flat). */
static void rm_tmpdir(void)
{
	char cmd[sizeof(tmpdir) + 16];
	pid_t pid;

	snprintf(cmd, sizeof(cmd), "%s", tmpdir);
	pid = fork();
	if (pid == 0) {
		execlp("rm", "rm", "-rf", "--", cmd, (char *)NULL);
		_exit(127);
	}
	if (pid > 0)
		waitpid(pid, NULL, 0);
}

static void sleep_ms(long ms)
{
	struct timespec ts = {.tv_sec = ms / 1000,
			      .tv_nsec = (ms % 1000) * 1000000L};

	nanosleep(&ts, NULL);
}

static int redis_start(void)
{
	const char *bin = getenv("REDIS_BIN");
	char port[16], log[sizeof(tmpdir) + 16];
	struct err err;
	int i;

	if (bin == NULL || bin[0] == '\0')
		bin = "redis-server";
	snprintf(port, sizeof(port), "%d", redis_port);
	snprintf(log, sizeof(log), "%s/redis.log", tmpdir);
	redis_pid = fork();
	if (redis_pid < 0)
		return -1;
	if (redis_pid == 0) {
		/* The server dies with the test, even when the test crashes. */
		prctl(PR_SET_PDEATHSIG, SIGTERM);
		execlp(bin, bin, "--port", port, "--bind", "127.0.0.1",
		       "--save", "", "--appendonly", "no", "--dir", tmpdir,
		       "--daemonize", "no", "--logfile", log, (char *)NULL);
		_exit(127);
	}
	for (i = 0; i < 200; i++) {
		struct store *s;

		err_init(&err);
		s = store_redis_open(redis_addr, "ping", &err);
		if (s != NULL) {
			store_free(&s);
			return 0;
		}
		if (waitpid(redis_pid, NULL, WNOHANG) == redis_pid) {
			redis_pid = -1;
			printf("# %s exited; see %s\n", bin, log);
			return -1;
		}
		sleep_ms(50);
	}
	printf("# %s not ready: %s\n", bin, err.msg);
	return -1;
}

static void redis_stop(void)
{
	if (redis_pid <= 0)
		return;
	kill(redis_pid, SIGTERM);
	waitpid(redis_pid, NULL, 0);
	redis_pid = -1;
}

static struct store *redis_open(const char *instance, struct err *err)
{
	return store_redis_open(redis_addr, instance, err);
}

static void test_redis_errors(void)
{
	char want[128], servers[160];
	struct store *s;
	struct err err;
	int dead = free_port();

	test_begin("redis: refused connection names the server and cause");
	err_init(&err);
	snprintf(servers, sizeof(servers), "127.0.0.1:%d", dead);
	s = store_redis_open(servers, NULL, &err);
	test_assert(s == NULL);
	snprintf(want, sizeof(want), "redis '127.0.0.1:%d': Connection refused",
		 dead);
	test_assert_str(err.msg, want);
	test_end();

	test_begin("redis: bad addresses are refused");
	err_init(&err);
	test_assert(store_redis_open("127.0.0.1:notaport", NULL, &err) == NULL);
	test_assert_str(err.msg, "redis '127.0.0.1:notaport': bad server address");
	test_assert(store_redis_open("  ", NULL, &err) == NULL);
	test_assert_str(err.msg, "redis: no server configured");
	test_end();

	test_begin("redis: a server list falls over to the next server");
	err_init(&err);
	snprintf(servers, sizeof(servers), "127.0.0.1:%d, %s", dead,
		 redis_addr);
	s = store_redis_open(servers, "list", &err);
	test_assert(s != NULL);
	if (s != NULL)
		test_assert(has_totals(s, 0, 0));
	store_free(&s);
	test_end();

	test_begin("redis: prefixes keep models apart");
	err_init(&err);
	s = store_redis_open(redis_addr, "pfx1", &err);
	test_assert(s != NULL);
	if (s != NULL) {
		test_assert(move(s, 1, msg_b, 2, BAYES_CLASS_NONE,
				 BAYES_CLASS_SPAM, &err) == 0);
		store_free(&s);
		s = store_redis_open(redis_addr, "pfx2", &err);
		test_assert(s != NULL && has_totals(s, 0, 0) &&
			    has_counts(s, 2, 0, 0) &&
			    class_of(s, 1) == BAYES_CLASS_NONE);
	}
	store_free(&s);
	test_end();
}

/* A server that accepts the connection and never answers. */
static void test_redis_timeout(void)
{
	struct sockaddr_in a = {.sin_family = AF_INET};
	socklen_t len = sizeof(a);
	char servers[64], want[128];
	struct store *s;
	struct err err;
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	test_begin("redis: a server that never answers times out");
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	test_assert(fd >= 0);
	test_assert(bind(fd, (struct sockaddr *)&a, sizeof(a)) == 0 &&
		    listen(fd, 4) == 0 &&
		    getsockname(fd, (struct sockaddr *)&a, &len) == 0);
	snprintf(servers, sizeof(servers), "127.0.0.1:%d", ntohs(a.sin_port));
	err_init(&err);
	s = store_redis_open(servers, NULL, &err);
	test_assert(s == NULL);
	snprintf(want, sizeof(want), "redis '%s': timed out", servers);
	test_assert_str(err.msg, want);
	store_free(&s);
	if (fd >= 0)
		close(fd);
	test_end();
}

static void test_redis_restart(void)
{
	struct store *s;
	struct err err;
	uint64_t sp, h;
	char want[128];

	test_begin("redis: server down mid-way is an error, then reconnects");
	err_init(&err);
	s = store_redis_open(redis_addr, "restart", &err);
	test_assert(s != NULL);
	if (s == NULL) {
		test_end();
		return;
	}
	test_assert(move(s, 1, msg_b, 2, BAYES_CLASS_NONE, BAYES_CLASS_HAM,
			 &err) == 0);
	redis_stop();
	err_init(&err);
	test_assert(s->ops->totals(s, &sp, &h, &err) < 0);
	snprintf(want, sizeof(want), "redis '%s': ", redis_addr);
	test_assert(strncmp(err.msg, want, strlen(want)) == 0);
	err_init(&err);
	test_assert(move(s, 2, msg_b, 2, BAYES_CLASS_NONE, BAYES_CLASS_HAM,
			 &err) < 0);
	test_assert(strstr(err.msg, "Connection refused") != NULL);
	test_assert(redis_start() == 0);
	/* A fresh server (no persistence): the script is loaded again. */
	test_assert(move(s, 2, msg_b, 2, BAYES_CLASS_NONE, BAYES_CLASS_HAM,
			 &err) == 0);
	test_assert(has_totals(s, 0, 1));
	store_free(&s);
	test_end();
}

/* ---- SQLite ----------------------------------------------------------- */

static struct store *sqlite_open(const char *instance, struct err *err)
{
	char path[sizeof(tmpdir) + 64];

	snprintf(path, sizeof(path), "%s/%s.sqlite", tmpdir, instance);
	return store_sqlite_open(path, err);
}

static const struct backend backends[] = {
	{"sqlite", sqlite_open},
	{"redis", redis_open},
};

int main(void)
{
	size_t i;
	int started;

	signal(SIGPIPE, SIG_IGN);
	if (mkdtemp(tmpdir) == NULL) {
		perror("mkdtemp");
		return 1;
	}
	redis_port = free_port();
	snprintf(redis_addr, sizeof(redis_addr), "127.0.0.1:%d", redis_port);
	started = redis_start() == 0;
	test_begin("redis-server starts on a loopback port");
	test_assert(started);
	test_end();
	for (i = 0; i < sizeof(backends) / sizeof(backends[0]); i++)
		if (started || strcmp(backends[i].name, "redis") != 0)
			run_conformance(&backends[i]);
	if (started) {
		test_redis_errors();
		test_redis_timeout();
		test_redis_restart();
	}
	redis_stop();
	rm_tmpdir();
	return test_done();
}
