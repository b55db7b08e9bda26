/*
 * store_redis.c - the Bayes store on Redis (see store_redis.h).
 *
 * Owns: one hiredis connection, the name of the server it talks to, the
 * key prefix and the SHA1 of the update script once loaded.
 *
 * hiredis comes through redisapi.h (hr), loaded by the first open.
 */
#include "store_redis.h"

#include <errno.h>
#include <stdbool.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>

#include "redisapi.h"

#define REDIS_DEFAULT_PORT 6379
#define TOKEN_KEY_MAX 256 /* a key of the prefix (<= PREFIX_MAX) and a suffix */
#define PREFIX_MAX 200
#define KEY_SUFFIX_MAX 24 /* ":t:<16 hex>", ":learns", ":digests" and NUL */
#define DIGEST_HEX 64

enum script_id { SCRIPT_UPDATE, SCRIPT_COUNT };

/* hiredis' functions: set by the first store_redis_open(), the only way
 * to a store, so every other function here can use it. */
static const struct redis_api *hr;

struct store_redis {
	struct store base; /* first: a struct store * is a struct store_redis * */
	redisContext *ctx;
	char *server;      /* "host:port" or the socket path, for messages */
	char *prefix;
	char sha[SCRIPT_COUNT][41]; /* SHA1 of each script, "" until loaded */
};

/*
 * The update of one message. KEYS[1] learns hash, KEYS[2] digests hash,
 * KEYS[3..] token hashes; ARGV[1] field of `from` ("S", "H" or ""),
 * ARGV[2] field of `to`, ARGV[3] the digest. Returns 1, or the class the
 * digest is in now ("S", "H" or "") when that is not `from`: another
 * learner got there first and nothing is changed.
 */
static const char update_lua[] =
	"local from, to, dg = ARGV[1], ARGV[2], ARGV[3]\n"
	"local cur = redis.call('HGET', KEYS[2], dg)\n"
	"if not cur then cur = '' end\n"
	"if cur ~= from then return cur end\n"
	"local function dec(k, f)\n"
	"  local v = tonumber(redis.call('HGET', k, f) or '0')\n"
	"  if v > 1 then redis.call('HINCRBY', k, f, -1)\n"
	"  elseif v == 1 then redis.call('HDEL', k, f) end\n"
	"end\n"
	"if from ~= '' then\n"
	"  for i = 3, #KEYS do dec(KEYS[i], from) end\n"
	"  dec(KEYS[1], from)\n"
	"end\n"
	"if to ~= '' then\n"
	"  for i = 3, #KEYS do redis.call('HINCRBY', KEYS[i], to, 1) end\n"
	"  redis.call('HINCRBY', KEYS[1], to, 1)\n"
	"  redis.call('HSET', KEYS[2], dg, to)\n"
	"else\n"
	"  redis.call('HDEL', KEYS[2], dg)\n"
	"end\n"
	"return 1\n";

static const char *const script_src[SCRIPT_COUNT] = {update_lua};

static struct store_redis *to_redis(struct store *s)
{
	return (struct store_redis *)s;
}

static const char *class_field(enum bayes_class c)
{
	switch (c) {
	case BAYES_CLASS_SPAM:
		return "S";
	case BAYES_CLASS_HAM:
		return "H";
	case BAYES_CLASS_NONE:
		break;
	}
	return "";
}

static const char *class_name(const char *field)
{
	if (strcmp(field, "S") == 0)
		return "spam";
	if (strcmp(field, "H") == 0)
		return "ham";
	return "not learned";
}

/* The digest was not in class `from`: another learner moved it first. */
static int conflict(const struct store_redis *r, const char *now,
		    enum bayes_class from, struct err *err)
{
	if (from == BAYES_CLASS_NONE)
		return err_set(err, "redis '%s': the message is already "
			       "learned as %s (by another learner)", r->server,
			       class_name(now));
	if (now[0] == '\0')
		return err_set(err, "redis '%s': the message is no longer "
			       "learned (unlearned by another learner)",
			       r->server);
	return err_set(err, "redis '%s': the message is learned as %s, not %s "
		       "(changed by another learner)", r->server,
		       class_name(now), class_name(class_field(from)));
}

static void hex_encode(char *out, const uint8_t *in, size_t n)
{
	static const char digits[] = "0123456789abcdef";
	size_t i;

	for (i = 0; i < n; i++) {
		out[2 * i] = digits[in[i] >> 4];
		out[2 * i + 1] = digits[in[i] & 0xf];
	}
	out[2 * n] = '\0';
}

/* The cause of a failed hiredis call, in words. */
static const char *ctx_cause(const redisContext *c)
{
	if (c == NULL)
		return "out of memory";
	/* hiredis words a read or write timeout as strerror(EAGAIN). */
	if (c->err == REDIS_ERR_IO && strcmp(c->errstr, strerror(EAGAIN)) == 0)
		return "timed out";
	if (c->err == REDIS_ERR_EOF)
		return "connection closed by the server";
	return c->errstr[0] ? c->errstr : "I/O error";
}

static int fail_ctx(struct store_redis *r, struct err *err)
{
	return err_set(err, "redis '%s': %s", r->server, ctx_cause(r->ctx));
}

static struct timeval ms_to_tv(long ms)
{
	struct timeval tv = {.tv_sec = ms / 1000, .tv_usec = (ms % 1000) * 1000};

	return tv;
}

/*
 * Split one server spec into host and port. Returns 0, or -1 when the
 * spec is malformed. host_r is a new string.
 */
static int parse_server(const char *spec, size_t len, char **host_r,
			int *port_r)
{
	const char *colon = NULL, *host = spec, *end = spec + len;
	size_t hlen = len;
	char *p;
	long port = REDIS_DEFAULT_PORT;

	if (spec[0] == '[') {
		const char *rb = memchr(spec, ']', len);

		if (rb == NULL)
			return -1;
		host = spec + 1;
		hlen = (size_t)(rb - host);
		if (rb + 1 < end && rb[1] == ':')
			colon = rb + 1;
		else if (rb + 1 != end)
			return -1;
	} else if (spec[0] != '/') {
		colon = memchr(spec, ':', len);
		if (colon != NULL)
			hlen = (size_t)(colon - spec);
	}
	if (colon != NULL) {
		char buf[8];
		size_t plen = (size_t)(end - colon - 1);
		char *e;

		if (plen == 0 || plen >= sizeof(buf))
			return -1;
		memcpy(buf, colon + 1, plen);
		buf[plen] = '\0';
		errno = 0;
		port = strtol(buf, &e, 10);
		if (errno != 0 || *e != '\0' || port < 1 || port > 65535)
			return -1;
	}
	if (hlen == 0)
		return -1;
	p = strndup(host, hlen);
	if (p == NULL)
		return -1;
	*host_r = p;
	*port_r = (int)port;
	return 0;
}

/* Name a server the way messages show it: "host:port" or the path. */
static char *server_name(const char *host, int port)
{
	char buf[512];

	if (host[0] == '/')
		snprintf(buf, sizeof(buf), "%s", host);
	else if (strchr(host, ':') != NULL)
		snprintf(buf, sizeof(buf), "[%s]:%d", host, port);
	else
		snprintf(buf, sizeof(buf), "%s:%d", host, port);
	return strdup(buf);
}

/* Check that the server answers (a closed port may still accept). */
static int ping(struct store_redis *r, struct err *err)
{
	redisReply *rep = hr->Command(r->ctx, "PING");
	int rc = 0;

	if (rep == NULL)
		return fail_ctx(r, err);
	if (rep->type == REDIS_REPLY_ERROR)
		rc = err_set(err, "redis '%s': %s", r->server, rep->str);
	hr->freeReplyObject(rep);
	return rc;
}

/* Connect to one server; on failure err names it and r->ctx is NULL. */
static int connect_one(struct store_redis *r, const char *spec, size_t len,
		       struct err *err)
{
	struct timeval ctv = ms_to_tv(STORE_REDIS_CONNECT_TIMEOUT_MS);
	char *host = NULL;
	int port, rc = -1;

	if (parse_server(spec, len, &host, &port) < 0) {
		err_set(err, "redis '%.*s': bad server address", (int)len, spec);
		goto out;
	}
	free(r->server);
	r->server = server_name(host, port);
	if (r->server == NULL) {
		err_set(err, "redis: out of memory");
		goto out;
	}
	if (host[0] == '/')
		r->ctx = hr->ConnectUnixWithTimeout(host, ctv);
	else
		r->ctx = hr->ConnectWithTimeout(host, port, ctv);
	if (r->ctx == NULL || r->ctx->err) {
		fail_ctx(r, err);
		goto out;
	}
	if (hr->SetTimeout(r->ctx, ms_to_tv(STORE_REDIS_IO_TIMEOUT_MS)) !=
	    REDIS_OK) {
		fail_ctx(r, err);
		goto out;
	}
	rc = ping(r, err);
out:
	if (rc < 0 && r->ctx != NULL) {
		hr->Free(r->ctx);
		r->ctx = NULL;
	}
	free(host);
	return rc;
}

/* Try each server of the list in order; err names the last failure. */
static int connect_any(struct store_redis *r, const char *servers,
		       struct err *err)
{
	const char *p = servers, *sep = ", \t";
	int tried = 0;

	while (*p != '\0') {
		size_t len;

		p += strspn(p, sep);
		len = strcspn(p, sep);
		if (len == 0)
			break;
		tried++;
		if (connect_one(r, p, len, err) == 0)
			return 0;
		p += len;
	}
	if (!tried)
		return err_set(err, "redis: no server configured");
	return -1;
}

/* Before a command: reconnect once if the last call broke the link. */
static int ensure_connected(struct store_redis *r, struct err *err)
{
	if (r->ctx->err == 0)
		return 0;
	if (hr->Reconnect(r->ctx) != REDIS_OK)
		return fail_ctx(r, err);
	if (hr->SetTimeout(r->ctx, ms_to_tv(STORE_REDIS_IO_TIMEOUT_MS)) !=
	    REDIS_OK)
		return fail_ctx(r, err);
	memset(r->sha, 0, sizeof(r->sha));
	return 0;
}

/* Run one command; the reply is new (freeReplyObject) and not an error. */
static int command(struct store_redis *r, redisReply **rep_r, int argc,
		   const char **argv, const size_t *lens, struct err *err)
{
	redisReply *rep;

	*rep_r = NULL;
	if (ensure_connected(r, err) < 0)
		return -1;
	rep = hr->CommandArgv(r->ctx, argc, argv, lens);
	if (rep == NULL)
		return fail_ctx(r, err);
	if (rep->type == REDIS_REPLY_ERROR) {
		err_set(err, "redis '%s': %s", r->server, rep->str);
		hr->freeReplyObject(rep);
		return -1;
	}
	*rep_r = rep;
	return 0;
}

/* A counter from a reply element: nil is 0; anything else not a number
 * is an error (a foreign key under our prefix). */
static int reply_count(const struct store_redis *r, const redisReply *e,
		       uint64_t *v_r, struct err *err)
{
	char *end;
	unsigned long long v;

	*v_r = 0;
	if (e->type == REDIS_REPLY_NIL)
		return 0;
	if (e->type == REDIS_REPLY_INTEGER && e->integer >= 0) {
		*v_r = (uint64_t)e->integer;
		return 0;
	}
	if (e->type != REDIS_REPLY_STRING || e->len == 0 || e->str[0] == '-')
		goto bad;
	errno = 0;
	v = strtoull(e->str, &end, 10);
	if (errno != 0 || *end != '\0')
		goto bad;
	*v_r = v;
	return 0;
bad:
	return err_set(err, "redis '%s': unexpected counter value under '%s'",
		       r->server, r->prefix);
}

/* Read a {S, H} pair from an HMGET reply. */
static int reply_pair(const struct store_redis *r, const redisReply *rep,
		      uint64_t *spam_r, uint64_t *ham_r, struct err *err)
{
	if (rep->type != REDIS_REPLY_ARRAY || rep->elements != 2)
		return err_set(err, "redis '%s': unexpected reply to HMGET",
			       r->server);
	if (reply_count(r, rep->element[0], spam_r, err) < 0 ||
	    reply_count(r, rep->element[1], ham_r, err) < 0)
		return -1;
	return 0;
}

static int redis_totals(struct store *s, uint64_t *spam_r, uint64_t *ham_r,
			struct err *err)
{
	struct store_redis *r = to_redis(s);
	char key[TOKEN_KEY_MAX];
	const char *argv[4] = {"HMGET", key, "S", "H"};
	redisReply *rep;
	int rc;

	*spam_r = *ham_r = 0;
	snprintf(key, sizeof(key), "%s:learns", r->prefix);
	if (command(r, &rep, 4, argv, NULL, err) < 0)
		return -1;
	rc = reply_pair(r, rep, spam_r, ham_r, err);
	hr->freeReplyObject(rep);
	return rc;
}

/*
 * The EVALSHA argument vector: sha, numkeys, [learns, digests,] the token
 * keys, then the extra arguments. Keys live in one block `keys`.
 */
struct eval_args {
	const char **argv;
	char *keys;
	char numkeys[24];
	int argc;
};

static void eval_args_free(struct eval_args *a)
{
	free(a->argv);
	free(a->keys);
}

static int eval_args_build(struct eval_args *a, struct store_redis *r,
			   enum script_id id, bool meta,
			   const uint64_t *tokens, size_t n,
			   const char *const *extra, size_t nextra)
{
	size_t i, k = 0, nmeta = meta ? 2 : 0, nkeys = n + nmeta;
	size_t stride = strlen(r->prefix) + KEY_SUFFIX_MAX;

	a->argc = (int)(3 + nkeys + nextra);
	a->argv = calloc(3 + nkeys + nextra, sizeof(*a->argv));
	a->keys = malloc(nkeys * stride);
	if (a->argv == NULL || a->keys == NULL)
		return -1;
	snprintf(a->numkeys, sizeof(a->numkeys), "%zu", nkeys);
	if (meta) {
		snprintf(a->keys, stride, "%s:learns", r->prefix);
		snprintf(a->keys + stride, stride, "%s:digests", r->prefix);
	}
	for (i = 0; i < n; i++)
		snprintf(a->keys + (nmeta + i) * stride, stride,
			 "%s:t:%016" PRIx64, r->prefix, tokens[i]);
	a->argv[k++] = "EVALSHA";
	a->argv[k++] = r->sha[id];
	a->argv[k++] = a->numkeys;
	for (i = 0; i < nkeys; i++)
		a->argv[k++] = a->keys + i * stride;
	for (i = 0; i < nextra; i++)
		a->argv[k++] = extra[i];
	return 0;
}

/* SCRIPT LOAD one script into r->sha[id]. */
static int load_script(struct store_redis *r, enum script_id id,
		       struct err *err)
{
	const char *argv[3] = {"SCRIPT", "LOAD", script_src[id]};
	redisReply *rep;
	int rc = 0;

	if (command(r, &rep, 3, argv, NULL, err) < 0)
		return -1;
	if (rep->type != REDIS_REPLY_STRING || rep->len != 40)
		rc = err_set(err, "redis '%s': unexpected reply to SCRIPT LOAD",
			     r->server);
	else
		memcpy(r->sha[id], rep->str, 41);
	hr->freeReplyObject(rep);
	return rc;
}

/* Run EVALSHA, loading the script first and again after NOSCRIPT (a
 * restarted server or SCRIPT FLUSH). Returns the reply (maybe an error
 * reply) or NULL with err set. */
static redisReply *eval_script(struct store_redis *r, enum script_id id,
			       struct eval_args *a, struct err *err)
{
	redisReply *rep = NULL;
	int attempt;

	for (attempt = 0; attempt < 2; attempt++) {
		if (ensure_connected(r, err) < 0)
			return NULL;
		if (r->sha[id][0] == '\0' && load_script(r, id, err) < 0)
			return NULL;
		rep = hr->CommandArgv(r->ctx, a->argc, a->argv, NULL);
		if (rep == NULL) {
			fail_ctx(r, err);
			return NULL;
		}
		if (rep->type != REDIS_REPLY_ERROR ||
		    strncmp(rep->str, "NOSCRIPT", 8) != 0)
			return rep;
		hr->freeReplyObject(rep);
		rep = NULL;
		r->sha[id][0] = '\0';
	}
	err_set(err, "redis '%s': cannot load the Lua script", r->server);
	return NULL;
}

/* Read the n pipelined HMGET replies; after an error the rest are read
 * too, so the connection stays in step. */
static int read_pipeline(struct store_redis *r, struct token_counts *t,
			 size_t n, struct err *err)
{
	size_t i;
	int rc = 0;

	for (i = 0; i < n; i++) {
		void *v = NULL;
		redisReply *rep;

		if (hr->GetReply(r->ctx, &v) != REDIS_OK)
			return fail_ctx(r, err);
		rep = v;
		if (rc == 0 && rep->type == REDIS_REPLY_ERROR)
			rc = err_set(err, "redis '%s': %s", r->server, rep->str);
		else if (rc == 0)
			rc = reply_pair(r, rep, &t[i].spam, &t[i].ham, err);
		hr->freeReplyObject(rep);
	}
	return rc;
}

/*
 * One HMGET per token, all sent before the first reply is read: one round
 * trip per message. (Measured against one Lua script doing the HMGETs:
 * the pipeline is faster, the script's calls cost more than the parsing.)
 */
static int redis_get(struct store *s, struct token_counts *t, size_t n,
		     struct err *err)
{
	struct store_redis *r = to_redis(s);
	char key[TOKEN_KEY_MAX];
	const char *argv[4] = {"HMGET", key, "S", "H"};
	size_t i;

	for (i = 0; i < n; i++)
		t[i].spam = t[i].ham = 0;
	if (n == 0)
		return 0;
	if (ensure_connected(r, err) < 0)
		return -1;
	for (i = 0; i < n; i++) {
		snprintf(key, sizeof(key), "%s:t:%016" PRIx64, r->prefix,
			 t[i].token);
		if (hr->AppendCommandArgv(r->ctx, 4, argv, NULL) != REDIS_OK)
			return fail_ctx(r, err);
	}
	return read_pipeline(r, t, n, err);
}

static int redis_learned_as(struct store *s, const uint8_t digest[32],
			    enum bayes_class *class_r, struct err *err)
{
	struct store_redis *r = to_redis(s);
	char key[TOKEN_KEY_MAX], hex[DIGEST_HEX + 1];
	const char *argv[3] = {"HGET", key, hex};
	redisReply *rep;
	int rc = 0;

	*class_r = BAYES_CLASS_NONE;
	snprintf(key, sizeof(key), "%s:digests", r->prefix);
	hex_encode(hex, digest, 32);
	if (command(r, &rep, 3, argv, NULL, err) < 0)
		return -1;
	if (rep->type == REDIS_REPLY_STRING && strcmp(rep->str, "S") == 0)
		*class_r = BAYES_CLASS_SPAM;
	else if (rep->type == REDIS_REPLY_STRING && strcmp(rep->str, "H") == 0)
		*class_r = BAYES_CLASS_HAM;
	else if (rep->type != REDIS_REPLY_NIL)
		rc = err_set(err, "redis '%s': unexpected digest value under '%s'",
			     r->server, r->prefix);
	hr->freeReplyObject(rep);
	return rc;
}

static int redis_update(struct store *s, const uint64_t *tokens, size_t n,
			enum bayes_class from, enum bayes_class to,
			const uint8_t digest[32], struct err *err)
{
	struct store_redis *r = to_redis(s);
	struct eval_args a = {0};
	char hex[DIGEST_HEX + 1];
	const char *extra[3] = {class_field(from), class_field(to), hex};
	redisReply *rep = NULL;
	int rc = -1;

	hex_encode(hex, digest, 32);
	if (eval_args_build(&a, r, SCRIPT_UPDATE, true, tokens, n, extra, 3) <
	    0) {
		err_set(err, "redis '%s': out of memory", r->server);
		goto out;
	}
	rep = eval_script(r, SCRIPT_UPDATE, &a, err);
	if (rep == NULL)
		goto out;
	if (rep->type == REDIS_REPLY_ERROR)
		err_set(err, "redis '%s': %s", r->server, rep->str);
	else if (rep->type == REDIS_REPLY_INTEGER && rep->integer == 1)
		rc = 0;
	else if (rep->type == REDIS_REPLY_STRING)
		conflict(r, rep->str, from, err);
	else
		err_set(err, "redis '%s': unexpected reply to the update",
			r->server);
out:
	if (rep != NULL)
		hr->freeReplyObject(rep);
	eval_args_free(&a);
	return rc;
}

static void redis_close(struct store *s)
{
	struct store_redis *r = to_redis(s);

	if (r == NULL)
		return;
	if (r->ctx != NULL)
		hr->Free(r->ctx);
	free(r->server);
	free(r->prefix);
	free(r);
}

static const struct store_ops redis_ops = {
	.name = "redis",
	.close = redis_close,
	.totals = redis_totals,
	.get = redis_get,
	.learned_as = redis_learned_as,
	.update = redis_update,
};

struct store *store_redis_open(const char *servers, const char *prefix,
			       struct err *err)
{
	struct store_redis *r;

	if (hr == NULL && (hr = redis_api(err)) == NULL) {
		err_prefix(err, "redis");
		return NULL;
	}
	if (prefix == NULL || prefix[0] == '\0')
		prefix = STORE_REDIS_DEFAULT_PREFIX;
	if (strlen(prefix) > PREFIX_MAX) {
		err_set(err, "redis: key prefix longer than %d bytes",
			PREFIX_MAX);
		return NULL;
	}
	r = calloc(1, sizeof(*r));
	if (r == NULL || (r->prefix = strdup(prefix)) == NULL) {
		free(r);
		err_set(err, "redis: out of memory");
		return NULL;
	}
	r->base.ops = &redis_ops;
	if (connect_any(r, servers != NULL ? servers : "", err) < 0) {
		redis_close(&r->base);
		return NULL;
	}
	return &r->base;
}
