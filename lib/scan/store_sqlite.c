/*
 * store_sqlite.c - the Bayes store in an SQLite file (store_sqlite.h).
 *
 * Owns one connection and its prepared statements. Token hashes are
 * stored as the signed 64-bit integer with the same bits (SQLite has no
 * unsigned type), which keeps them the table's rowid: one B-tree, no index.
 *
 * get() asks for GET_CHUNK tokens per statement ("token IN (?,?,...)");
 * a short last chunk repeats its first token in the unused slots, so one
 * prepared statement serves every call.
 *
 * Batches (batch_begin / batch_end): one BEGIN IMMEDIATE transaction; each
 * update() inside it is a SAVEPOINT (ROLLBACK TO on failure) that checks
 * and records the digest and moves the class totals at once, but adds its
 * token deltas to an in-memory table (struct pending) instead of the
 * tokens B-tree. batch_end() writes the summed deltas, each token once and
 * in key order (one pass over the leaves instead of one random leaf per
 * token and message), then commits. Nothing of the batch is visible to
 * other connections before that commit, so deferring the token writes
 * changes nothing they can see; a get() on this connection inside a batch
 * writes the pending deltas first. When SQLite itself rolls back the whole
 * transaction (I/O error, disk full), the batch is marked lost: later
 * updates and the commit fail with that reason.
 */
#include "store_sqlite.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <time.h>

#define GET_CHUNK 200
#define SCHEMA_VERSION 1

enum stmt_id {
	ST_BEGIN,
	ST_COMMIT,
	ST_ROLLBACK,
	ST_SAVEPOINT,
	ST_RELEASE,
	ST_ROLLBACK_TO,
	ST_TOTALS,
	ST_CLASS,
	ST_TOKEN_ADD,
	ST_TOKEN_ZAP,
	ST_TOTAL_ADD,
	ST_MARK,
	ST_FORGET,
	ST_GET,
	N_STMTS
};

static const char *const stmt_sql[N_STMTS - 1] = {
	[ST_BEGIN] = "BEGIN IMMEDIATE",
	[ST_COMMIT] = "COMMIT",
	[ST_ROLLBACK] = "ROLLBACK",
	[ST_SAVEPOINT] = "SAVEPOINT msg",
	[ST_RELEASE] = "RELEASE msg",
	[ST_ROLLBACK_TO] = "ROLLBACK TO msg",
	[ST_TOTALS] = "SELECT class, messages FROM totals",
	[ST_CLASS] = "SELECT class FROM learned WHERE digest = ?1",
	[ST_TOKEN_ADD] =
		"INSERT INTO tokens (token, spam, ham) "
		"VALUES (?1, max(?2, 0), max(?3, 0)) "
		"ON CONFLICT (token) DO UPDATE SET "
		"spam = max(spam + ?2, 0), ham = max(ham + ?3, 0)",
	[ST_TOKEN_ZAP] =
		"DELETE FROM tokens WHERE token = ?1 AND spam = 0 AND ham = 0",
	[ST_TOTAL_ADD] =
		"UPDATE totals SET messages = max(messages + ?2, 0) "
		"WHERE class = ?1",
	[ST_MARK] = "INSERT OR REPLACE INTO learned (digest, class, "
		    "learned_at) VALUES (?1, ?2, ?3)",
	[ST_FORGET] = "DELETE FROM learned WHERE digest = ?1",
};

static const char schema_sql[] =
	"CREATE TABLE IF NOT EXISTS tokens ("
	" token INTEGER PRIMARY KEY,"
	" spam INTEGER NOT NULL DEFAULT 0,"
	" ham INTEGER NOT NULL DEFAULT 0);"
	"CREATE TABLE IF NOT EXISTS totals ("
	" class INTEGER PRIMARY KEY,"
	" messages INTEGER NOT NULL DEFAULT 0);"
	"INSERT OR IGNORE INTO totals (class, messages) VALUES (1, 0), (2, 0);"
	"CREATE TABLE IF NOT EXISTS learned ("
	" digest BLOB PRIMARY KEY,"
	" class INTEGER NOT NULL,"
	" learned_at INTEGER NOT NULL) WITHOUT ROWID;"
	"PRAGMA user_version = 1;";

/* One token's summed change inside a batch (an open-addressing slot). */
struct delta {
	uint64_t token;
	int32_t spam, ham;
	bool used;
};

struct pending {
	struct delta *v;
	size_t cap;             /* a power of two, or 0 */
	size_t n;               /* used slots */
};

struct store_sqlite {
	struct store base;
	sqlite3 *db;
	char *path;
	sqlite3_stmt *st[N_STMTS];
	bool in_batch;          /* between batch_begin and batch_end */
	bool batch_lost;        /* SQLite rolled the batch back */
	char lost_why[ERR_MAX];
	struct pending pend;    /* the batch's token deltas, not yet written */
	int busy_ms;            /* how long to wait for another writer */
};

static struct store_sqlite *to_sqlite(struct store *s)
{
	return (struct store_sqlite *)(void *)s;
}

static int db_fail(struct store_sqlite *q, struct err *err)
{
	return err_set(err, "sqlite '%s': %s", q->path,
		       q->db != NULL ? sqlite3_errmsg(q->db) : "out of memory");
}

/* Run a statement with no result rows; reset it. */
static int step_done(struct store_sqlite *q, sqlite3_stmt *st,
		     struct err *err)
{
	int rc = sqlite3_step(st);

	sqlite3_reset(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return db_fail(q, err);
	return 0;
}

/* ---- open and close ---------------------------------------------------- */

static void sqlite_close(struct store *s)
{
	struct store_sqlite *q;
	size_t i;

	if (s == NULL)
		return;
	q = to_sqlite(s);
	for (i = 0; i < N_STMTS; i++)
		sqlite3_finalize(q->st[i]);
	/* An open batch is rolled back by the close. */
	sqlite3_close(q->db);
	free(q->pend.v);
	free(q->path);
	free(q);
}

static int user_version(struct store_sqlite *q, int *v, struct err *err)
{
	sqlite3_stmt *st = NULL;
	int rc;

	if (sqlite3_prepare_v2(q->db, "PRAGMA user_version", -1, &st, NULL) !=
	    SQLITE_OK)
		return db_fail(q, err);
	rc = sqlite3_step(st);
	*v = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 0 : db_fail(q, err);
}

/* Create the tables once, in WAL mode; later opens only read a pragma. */
static int ensure_schema(struct store_sqlite *q, struct err *err)
{
	int v;

	if (user_version(q, &v, err) < 0)
		return -1;
	if (v == SCHEMA_VERSION)
		return 0;
	if (v > SCHEMA_VERSION)
		return err_set(err, "sqlite '%s': schema version %d is newer "
			       "than this program's (%d)", q->path, v,
			       SCHEMA_VERSION);
	/* Small pages: a learn touches one leaf per token, and each touched
	 * page is written to the WAL whole. */
	if (sqlite3_exec(q->db, "PRAGMA page_size = 1024", NULL, NULL,
			 NULL) != SQLITE_OK ||
	    sqlite3_exec(q->db, "PRAGMA journal_mode = WAL", NULL, NULL,
			 NULL) != SQLITE_OK ||
	    sqlite3_exec(q->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) !=
		    SQLITE_OK)
		return db_fail(q, err);
	if (sqlite3_exec(q->db, schema_sql, NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_exec(q->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
		db_fail(q, err);
		sqlite3_exec(q->db, "ROLLBACK", NULL, NULL, NULL);
		return -1;
	}
	return 0;
}

static int prepare_all(struct store_sqlite *q, struct err *err)
{
	char sql[64 + GET_CHUNK * 2];
	size_t i, len;

	for (i = 0; i < ST_GET; i++)
		if (sqlite3_prepare_v3(q->db, stmt_sql[i], -1,
				       SQLITE_PREPARE_PERSISTENT, &q->st[i],
				       NULL) != SQLITE_OK)
			return db_fail(q, err);
	len = (size_t)snprintf(sql, sizeof(sql),
			       "SELECT token, spam, ham FROM tokens "
			       "WHERE token IN (?");
	for (i = 1; i < GET_CHUNK && len + 3 < sizeof(sql); i++) {
		memcpy(sql + len, ",?", 2);
		len += 2;
	}
	sql[len++] = ')';
	sql[len] = '\0';
	if (sqlite3_prepare_v3(q->db, sql, -1, SQLITE_PREPARE_PERSISTENT,
			       &q->st[ST_GET], NULL) != SQLITE_OK)
		return db_fail(q, err);
	return 0;
}

static const struct store_ops sqlite_ops;

/*
 * Waiting for another writer: poll every 2 ms up to busy_ms. SQLite's own
 * busy timeout backs off to 100 ms sleeps, so a waiter kept missing the
 * short gaps between a bulk learner's group commits and could starve.
 */
#define BUSY_POLL_US 2000

static int busy_poll(void *ctx, int tries)
{
	const struct store_sqlite *q = ctx;

	if ((long long)tries * BUSY_POLL_US / 1000 >= q->busy_ms)
		return 0;
	usleep(BUSY_POLL_US);
	return 1;
}

struct store *store_sqlite_open_timeout(const char *path, int busy_ms,
					struct err *err)
{
	struct store_sqlite *q = calloc(1, sizeof(*q));
	int rc;

	if (q == NULL || (q->path = strdup(path)) == NULL) {
		free(q);
		err_set(err, "sqlite '%s': out of memory", path);
		return NULL;
	}
	q->base.ops = &sqlite_ops;
	rc = sqlite3_open_v2(path, &q->db,
			     SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
				     SQLITE_OPEN_NOMUTEX,
			     NULL);
	if (rc != SQLITE_OK) {
		db_fail(q, err);
		goto fail;
	}
	q->busy_ms = busy_ms;
	sqlite3_busy_handler(q->db, busy_poll, q);
	sqlite3_extended_result_codes(q->db, 0);
	if (ensure_schema(q, err) < 0)
		goto fail;
	/* Per connection: fsync only at checkpoints; a larger page cache. */
	if (sqlite3_exec(q->db,
			 "PRAGMA synchronous = NORMAL;"
			 "PRAGMA wal_autocheckpoint = 16384;"
			 "PRAGMA cache_size = -32768;"
			 "PRAGMA temp_store = MEMORY",
			 NULL, NULL, NULL) != SQLITE_OK) {
		db_fail(q, err);
		goto fail;
	}
	if (prepare_all(q, err) < 0)
		goto fail;
	return &q->base;
fail:
	sqlite_close(&q->base);
	return NULL;
}

struct store *store_sqlite_open(const char *path, struct err *err)
{
	return store_sqlite_open_timeout(path, STORE_SQLITE_BUSY_TIMEOUT_MS,
					 err);
}

static int write_pending(struct store_sqlite *q, struct err *err);

/* ---- reading ------------------------------------------------------------ */

static int sqlite_totals(struct store *s, uint64_t *spam_r, uint64_t *ham_r,
			 struct err *err)
{
	struct store_sqlite *q = to_sqlite(s);
	sqlite3_stmt *st = q->st[ST_TOTALS];
	int rc;

	*spam_r = *ham_r = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		sqlite3_int64 n = sqlite3_column_int64(st, 1);
		uint64_t v = n > 0 ? (uint64_t)n : 0;

		if (sqlite3_column_int(st, 0) == BAYES_CLASS_SPAM)
			*spam_r = v;
		else if (sqlite3_column_int(st, 0) == BAYES_CLASS_HAM)
			*ham_r = v;
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : db_fail(q, err);
}

static int cmp_by_token(const void *a, const void *b, void *arg)
{
	const struct token_counts *t = arg;
	uint64_t x = t[*(const size_t *)a].token;
	uint64_t y = t[*(const size_t *)b].token;

	return x < y ? -1 : x > y;
}

/* The positions in t (sorted by token via idx) holding token tok. */
static void put_counts(struct token_counts *t, const size_t *idx, size_t n,
		       uint64_t tok, uint64_t spam, uint64_t ham)
{
	size_t lo = 0, hi = n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (t[idx[mid]].token < tok)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < n && t[idx[lo]].token == tok; lo++) {
		t[idx[lo]].spam = spam;
		t[idx[lo]].ham = ham;
	}
}

static int get_chunk(struct store_sqlite *q, struct token_counts *t,
		     const size_t *idx, size_t n, size_t from,
		     struct err *err)
{
	sqlite3_stmt *st = q->st[ST_GET];
	size_t i, m = n - from < GET_CHUNK ? n - from : GET_CHUNK;
	int rc;

	for (i = 0; i < GET_CHUNK; i++)
		sqlite3_bind_int64(st, (int)i + 1,
				   (sqlite3_int64)t[idx[from + (i < m ? i : 0)]]
					   .token);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		sqlite3_int64 sp = sqlite3_column_int64(st, 1);
		sqlite3_int64 h = sqlite3_column_int64(st, 2);

		put_counts(t, idx, n, (uint64_t)sqlite3_column_int64(st, 0),
			   sp > 0 ? (uint64_t)sp : 0, h > 0 ? (uint64_t)h : 0);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : db_fail(q, err);
}

static int sqlite_get(struct store *s, struct token_counts *t, size_t n,
		      struct err *err)
{
	struct store_sqlite *q = to_sqlite(s);
	size_t *idx, i;
	int rc = 0;

	if (n == 0)
		return 0;
	if ((idx = malloc(n * sizeof(*idx))) == NULL)
		return err_set(err, "sqlite '%s': out of memory", q->path);
	for (i = 0; i < n; i++) {
		idx[i] = i;
		t[i].spam = t[i].ham = 0;
	}
	for (i = 1; i < n && t[i - 1].token <= t[i].token; i++)
		;
	if (i < n) /* bayes.c passes them sorted: no sort then */
		qsort_r(idx, n, sizeof(*idx), cmp_by_token, t);
	if (q->in_batch)
		rc = write_pending(q, err);
	else if (sqlite3_exec(q->db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
		rc = db_fail(q, err); /* else one snapshot for every chunk */
	for (i = 0; i < n && rc == 0; i += GET_CHUNK)
		rc = get_chunk(q, t, idx, n, i, err);
	if (!q->in_batch)
		sqlite3_exec(q->db, "COMMIT", NULL, NULL, NULL);
	free(idx);
	return rc;
}

/* The class of digest inside the current transaction (or autocommit). */
static int class_of(struct store_sqlite *q, const uint8_t digest[32],
		    enum bayes_class *class_r, struct err *err)
{
	sqlite3_stmt *st = q->st[ST_CLASS];
	int rc;

	*class_r = BAYES_CLASS_NONE;
	sqlite3_bind_blob(st, 1, digest, 32, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		int c = sqlite3_column_int(st, 0);

		*class_r = c == BAYES_CLASS_SPAM  ? BAYES_CLASS_SPAM
			   : c == BAYES_CLASS_HAM ? BAYES_CLASS_HAM
						  : BAYES_CLASS_NONE;
	}
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : db_fail(q, err);
}

static int sqlite_learned_as(struct store *s, const uint8_t digest[32],
			     enum bayes_class *class_r, struct err *err)
{
	return class_of(to_sqlite(s), digest, class_r, err);
}

/* ---- the batch's pending token deltas ----------------------------------- */

static void pending_clear(struct pending *p)
{
	if (p->n > 0)
		memset(p->v, 0, p->cap * sizeof(*p->v));
	p->n = 0;
}

/* The slot of token: its own, or the empty one where it belongs. */
static struct delta *pending_slot(struct delta *v, size_t cap, uint64_t tok)
{
	size_t i = (size_t)(tok ^ (tok >> 32)) & (cap - 1);

	while (v[i].used && v[i].token != tok)
		i = (i + 1) & (cap - 1);
	return &v[i];
}

/* Make room for extra more tokens (load at most one half). */
static int pending_reserve(struct pending *p, size_t extra)
{
	struct delta *v, *d;
	size_t cap = p->cap ? p->cap : 4096, i;

	while ((p->n + extra) * 2 > cap)
		cap *= 2;
	if (cap == p->cap)
		return 0;
	if ((v = calloc(cap, sizeof(*v))) == NULL)
		return -1;
	for (i = 0; i < p->cap; i++) {
		if (!p->v[i].used)
			continue;
		d = pending_slot(v, cap, p->v[i].token);
		*d = p->v[i];
	}
	free(p->v);
	p->v = v;
	p->cap = cap;
	return 0;
}

/* Room was reserved: this cannot fail. */
static void pending_add_all(struct pending *p, const uint64_t *tokens,
			    size_t n, int dspam, int dham)
{
	struct delta *d;
	size_t i;

	for (i = 0; i < n; i++) {
		d = pending_slot(p->v, p->cap, tokens[i]);
		if (!d->used) {
			d->used = true;
			d->token = tokens[i];
			p->n++;
		}
		d->spam += dspam;
		d->ham += dham;
	}
}

/* The B-tree's order: the token as a signed integer. */
static int cmp_delta(const void *a, const void *b)
{
	int64_t x = (int64_t)((const struct delta *)a)->token;
	int64_t y = (int64_t)((const struct delta *)b)->token;

	return x < y ? -1 : x > y;
}

/* The byte of the key that orders like the signed token. */
static unsigned key_byte(const struct delta *d, unsigned shift)
{
	return (unsigned)(((d->token ^ (1ULL << 63)) >> shift) & 0xff);
}

/* cmp_delta's order by LSD radix (a byte a pass; much faster than qsort
 * for the 10^5 deltas of a batch); qsort when out of memory. */
static void sort_deltas(struct delta *v, size_t n)
{
	struct delta *tmp = malloc((n ? n : 1) * sizeof(*tmp));
	struct delta *src = v, *dst = tmp, *sw;
	size_t count[256], i, sum, c;
	unsigned shift;

	if (tmp == NULL) {
		qsort(v, n, sizeof(*v), cmp_delta);
		return;
	}
	for (shift = 0; shift < 64 && n > 0; shift += 8) {
		memset(count, 0, sizeof(count));
		for (i = 0; i < n; i++)
			count[key_byte(&src[i], shift)]++;
		if (count[key_byte(&src[0], shift)] == n)
			continue;
		for (i = 0, sum = 0; i < 256; i++) {
			c = count[i];
			count[i] = sum;
			sum += c;
		}
		for (i = 0; i < n; i++)
			dst[count[key_byte(&src[i], shift)]++] = src[i];
		sw = src;
		src = dst;
		dst = sw;
	}
	if (src != v)
		memcpy(v, src, n * sizeof(*v));
	free(tmp);
}

static int write_delta(struct store_sqlite *q, const struct delta *d,
		       struct err *err)
{
	sqlite3_stmt *add = q->st[ST_TOKEN_ADD], *zap = q->st[ST_TOKEN_ZAP];

	if (d->spam == 0 && d->ham == 0)
		return 0;
	sqlite3_bind_int64(add, 1, (sqlite3_int64)d->token);
	sqlite3_bind_int(add, 2, d->spam);
	sqlite3_bind_int(add, 3, d->ham);
	if (step_done(q, add, err) < 0)
		return -1;
	if (d->spam >= 0 && d->ham >= 0)
		return 0;
	sqlite3_bind_int64(zap, 1, (sqlite3_int64)d->token);
	return step_done(q, zap, err);
}

/*
 * Write the pending deltas into the tokens table, in key order, inside
 * the batch's transaction. A failure leaves the batch half-written: it is
 * marked lost (the commit will fail and roll it back).
 */
static int write_pending(struct store_sqlite *q, struct err *err)
{
	struct pending *p = &q->pend;
	size_t i, n = 0;

	if (p->n == 0)
		return 0;
	for (i = 0; i < p->cap; i++)
		if (p->v[i].used)
			p->v[n++] = p->v[i];
	sort_deltas(p->v, n);
	for (i = 0; i < n; i++)
		if (write_delta(q, &p->v[i], err) < 0)
			break;
	memset(p->v, 0, p->cap * sizeof(*p->v));
	p->n = 0;
	if (i == n)
		return 0;
	q->batch_lost = true;
	snprintf(q->lost_why, sizeof(q->lost_why), "%s", err->msg);
	return -1;
}

/* ---- updating ----------------------------------------------------------- */

static const char *class_name(enum bayes_class c)
{
	return c == BAYES_CLASS_SPAM ? "spam"
	       : c == BAYES_CLASS_HAM ? "ham"
				      : "not learned";
}

static int add_tokens(struct store_sqlite *q, const uint64_t *tokens,
		      size_t n, int dspam, int dham, struct err *err)
{
	sqlite3_stmt *add = q->st[ST_TOKEN_ADD], *zap = q->st[ST_TOKEN_ZAP];
	size_t i;

	sqlite3_bind_int(add, 2, dspam);
	sqlite3_bind_int(add, 3, dham);
	for (i = 0; i < n; i++) {
		sqlite3_bind_int64(add, 1, (sqlite3_int64)tokens[i]);
		if (step_done(q, add, err) < 0)
			return -1;
		if (dspam >= 0 && dham >= 0)
			continue;
		sqlite3_bind_int64(zap, 1, (sqlite3_int64)tokens[i]);
		if (step_done(q, zap, err) < 0)
			return -1;
	}
	return 0;
}

static int add_total(struct store_sqlite *q, enum bayes_class c, int d,
		     struct err *err)
{
	sqlite3_stmt *st = q->st[ST_TOTAL_ADD];

	if (c == BAYES_CLASS_NONE)
		return 0;
	sqlite3_bind_int(st, 1, (int)c);
	sqlite3_bind_int(st, 2, d);
	return step_done(q, st, err);
}

static int record(struct store_sqlite *q, const uint8_t digest[32],
		  enum bayes_class to, struct err *err)
{
	sqlite3_stmt *st = q->st[to == BAYES_CLASS_NONE ? ST_FORGET : ST_MARK];
	int rc;

	sqlite3_bind_blob(st, 1, digest, 32, SQLITE_STATIC);
	if (to != BAYES_CLASS_NONE) {
		sqlite3_bind_int(st, 2, (int)to);
		sqlite3_bind_int64(st, 3, (sqlite3_int64)time(NULL));
	}
	rc = step_done(q, st, err);
	sqlite3_clear_bindings(st);
	return rc;
}

static int apply(struct store_sqlite *q, const uint64_t *tokens, size_t n,
		 enum bayes_class from, enum bayes_class to,
		 const uint8_t digest[32], struct err *err)
{
	int dspam = (to == BAYES_CLASS_SPAM) - (from == BAYES_CLASS_SPAM);
	int dham = (to == BAYES_CLASS_HAM) - (from == BAYES_CLASS_HAM);
	enum bayes_class cur;

	if (class_of(q, digest, &cur, err) < 0)
		return -1;
	if (cur != from)
		return err_set(err, "sqlite '%s': the message is %s now, not "
			       "%s (changed by another learner)", q->path,
			       class_name(cur), class_name(from));
	if (from == to)
		return 0;
	if ((!q->in_batch && add_tokens(q, tokens, n, dspam, dham, err) < 0) ||
	    add_total(q, from, -1, err) < 0 || add_total(q, to, 1, err) < 0 ||
	    record(q, digest, to, err) < 0)
		return -1;
	if (q->in_batch)
		pending_add_all(&q->pend, tokens, n, dspam, dham);
	return 0;
}

static void run_quietly(sqlite3_stmt *st)
{
	sqlite3_step(st);
	sqlite3_reset(st);
}

/* SQLite ended the batch's transaction itself: remember why. */
static void check_lost(struct store_sqlite *q, const char *why)
{
	if (!q->in_batch || q->batch_lost || !sqlite3_get_autocommit(q->db))
		return;
	q->batch_lost = true;
	snprintf(q->lost_why, sizeof(q->lost_why), "%s", why);
	pending_clear(&q->pend);
}

/* One update inside a batch: a savepoint. */
static int update_in_batch(struct store_sqlite *q, const uint64_t *tokens,
			   size_t n, enum bayes_class from,
			   enum bayes_class to, const uint8_t digest[32],
			   struct err *err)
{
	if (q->batch_lost)
		return err_set(err, "sqlite '%s': the batch was rolled back "
			       "(%s)", q->path, q->lost_why);
	/* Room first: once the savepoint is released nothing may fail. */
	if (pending_reserve(&q->pend, n) < 0)
		return err_set(err, "sqlite '%s': out of memory", q->path);
	if (step_done(q, q->st[ST_SAVEPOINT], err) < 0) {
		check_lost(q, err->msg);
		return -1;
	}
	if (apply(q, tokens, n, from, to, digest, err) < 0 ||
	    step_done(q, q->st[ST_RELEASE], err) < 0) {
		run_quietly(q->st[ST_ROLLBACK_TO]);
		run_quietly(q->st[ST_RELEASE]);
		check_lost(q, err->msg);
		return -1;
	}
	return 0;
}

static int sqlite_update(struct store *s, const uint64_t *tokens, size_t n,
			 enum bayes_class from, enum bayes_class to,
			 const uint8_t digest[32], struct err *err)
{
	struct store_sqlite *q = to_sqlite(s);

	if (q->in_batch)
		return update_in_batch(q, tokens, n, from, to, digest, err);
	if (step_done(q, q->st[ST_BEGIN], err) < 0)
		return -1;
	if (apply(q, tokens, n, from, to, digest, err) < 0 ||
	    step_done(q, q->st[ST_COMMIT], err) < 0) {
		run_quietly(q->st[ST_ROLLBACK]);
		return -1;
	}
	return 0;
}

/* ---- batches ------------------------------------------------------------ */

static int sqlite_batch_begin(struct store *s, struct err *err)
{
	struct store_sqlite *q = to_sqlite(s);

	if (q->in_batch)
		return err_set(err, "sqlite '%s': a batch is already open",
			       q->path);
	if (step_done(q, q->st[ST_BEGIN], err) < 0)
		return -1;
	q->in_batch = true;
	q->batch_lost = false;
	pending_clear(&q->pend);
	return 0;
}

static int sqlite_batch_end(struct store *s, bool commit, struct err *err)
{
	struct store_sqlite *q = to_sqlite(s);
	int rc = 0;

	if (!q->in_batch)
		return 0;
	if (commit && q->batch_lost)
		rc = err_set(err, "sqlite '%s': the batch was rolled back "
			     "(%s)", q->path, q->lost_why);
	else if (commit && (write_pending(q, err) < 0 ||
			    step_done(q, q->st[ST_COMMIT], err) < 0))
		rc = -1;
	if ((!commit || rc < 0) && !sqlite3_get_autocommit(q->db))
		run_quietly(q->st[ST_ROLLBACK]);
	/* Leave a gap for waiting writers before this learner's next batch. */
	usleep(5 * BUSY_POLL_US);
	q->in_batch = false;
	q->batch_lost = false;
	pending_clear(&q->pend);
	return rc;
}

static const struct store_ops sqlite_ops = {
	.name = "sqlite",
	.close = sqlite_close,
	.totals = sqlite_totals,
	.get = sqlite_get,
	.learned_as = sqlite_learned_as,
	.update = sqlite_update,
	.batch_begin = sqlite_batch_begin,
	.batch_end = sqlite_batch_end,
};
