/*
 * store_sqlite.c - the Bayes store in an SQLite file (store_sqlite.h).
 *
 * Owns one connection, its prepared statements and the pending deltas.
 *
 * Tokens are kept in buckets: the top BUCKET_BITS bits of the 64-bit hash
 * name a bucket (a row of `buckets`), whose blob holds that bucket's
 * tokens sorted, each as 16 little-endian bytes: token (8), spam (4), ham
 * (4). A learn of a thousand messages touches each bucket once instead of
 * each of its half a million tokens once: a read and a write per bucket,
 * the merge in C. (Schema 1 had one row per token; a learn was bound by
 * SQLite's per-row cost. A schema 1 file is converted when opened.)
 *
 * get() asks for GET_CHUNK buckets per statement ("id IN (?,?,...)"); a
 * short last chunk repeats its first bucket in the unused slots, so one
 * prepared statement serves every call.
 *
 * Every update() adds its token deltas to an in-memory table (struct
 * pending); write_pending() sums them per token, sorts them and rewrites
 * each touched bucket once, inside the transaction. Outside a batch that
 * happens before the update's own commit.
 *
 * Batches (batch_begin / batch_end): one BEGIN IMMEDIATE transaction; each
 * update() inside it is a SAVEPOINT (ROLLBACK TO on failure) that checks
 * and records the digest and moves the class totals at once, but only
 * adds its token deltas to the pending table. batch_end() writes them,
 * then commits. Nothing of the batch is visible to other connections
 * before that commit, so deferring the token writes changes nothing they
 * can see; a get() on this connection inside a batch writes the pending
 * deltas first. When SQLite itself rolls back the whole transaction (I/O
 * error, disk full), the batch is marked lost: later updates and the
 * commit fail with that reason.
 *
 * libsqlite3 comes through sqliteapi.h (sq), loaded by the first open.
 */
#include "store_sqlite.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <time.h>

#include "sqliteapi.h"

#define GET_CHUNK 200
#define SCHEMA_VERSION 2
#define BUCKET_BITS 14
#define ENTRY_SIZE 16

enum stmt_id {
	ST_BEGIN,
	ST_COMMIT,
	ST_ROLLBACK,
	ST_SAVEPOINT,
	ST_RELEASE,
	ST_ROLLBACK_TO,
	ST_TOTALS,
	ST_CLASS,
	ST_BUCKET_GET,
	ST_BUCKET_PUT,
	ST_BUCKET_DEL,
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
	[ST_BUCKET_GET] = "SELECT data FROM buckets WHERE id = ?1",
	[ST_BUCKET_PUT] = "INSERT INTO buckets (id, data) VALUES (?1, ?2) "
			  "ON CONFLICT (id) DO UPDATE SET data = excluded.data",
	[ST_BUCKET_DEL] = "DELETE FROM buckets WHERE id = ?1",
	[ST_TOTAL_ADD] =
		"UPDATE totals SET messages = max(messages + ?2, 0) "
		"WHERE class = ?1",
	[ST_MARK] = "INSERT OR REPLACE INTO learned (digest, class, "
		    "learned_at) VALUES (?1, ?2, ?3)",
	[ST_FORGET] = "DELETE FROM learned WHERE digest = ?1",
};

static const char schema_sql[] =
	"CREATE TABLE IF NOT EXISTS buckets ("
	" id INTEGER PRIMARY KEY,"
	" data BLOB NOT NULL);"
	"CREATE TABLE IF NOT EXISTS totals ("
	" class INTEGER PRIMARY KEY,"
	" messages INTEGER NOT NULL DEFAULT 0);"
	"INSERT OR IGNORE INTO totals (class, messages) VALUES (1, 0), (2, 0);"
	"CREATE TABLE IF NOT EXISTS learned ("
	" digest BLOB PRIMARY KEY,"
	" class INTEGER NOT NULL,"
	" learned_at INTEGER NOT NULL) WITHOUT ROWID;";

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
	struct pending pend;    /* token deltas not yet written */
	uint8_t *buf;           /* a bucket being rewritten */
	size_t buf_cap;
	int busy_ms;            /* how long to wait for another writer */
};

/* SQLite's functions: set by the first store_sqlite_open_timeout(), the
 * only way to a store, so every other function here can use it. */
static const struct sqlite_api *sq;

static struct store_sqlite *to_sqlite(struct store *s)
{
	return (struct store_sqlite *)(void *)s;
}

static int db_fail(struct store_sqlite *q, struct err *err)
{
	return err_set(err, "sqlite '%s': %s", q->path,
		       q->db != NULL ? sq->errmsg(q->db) : "out of memory");
}

/* Run a statement with no result rows; reset it. */
static int step_done(struct store_sqlite *q, sqlite3_stmt *st,
		     struct err *err)
{
	int rc = sq->step(st);

	sq->reset(st);
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
		sq->finalize(q->st[i]);
	/* An open batch is rolled back by the close. */
	sq->close(q->db);
	free(q->pend.v);
	free(q->buf);
	free(q->path);
	free(q);
}

static int user_version(struct store_sqlite *q, int *v, struct err *err)
{
	sqlite3_stmt *st = NULL;
	int rc;

	if (sq->prepare_v2(q->db, "PRAGMA user_version", -1, &st, NULL) !=
	    SQLITE_OK)
		return db_fail(q, err);
	rc = sq->step(st);
	*v = rc == SQLITE_ROW ? sq->column_int(st, 0) : 0;
	sq->finalize(st);
	return rc == SQLITE_ROW ? 0 : db_fail(q, err);
}

static int prepare_all(struct store_sqlite *q, struct err *err)
{
	char sql[64 + GET_CHUNK * 2];
	size_t i, len;

	if (q->st[0] != NULL)
		return 0;
	for (i = 0; i < ST_GET; i++)
		if (sq->prepare_v3(q->db, stmt_sql[i], -1,
				   SQLITE_PREPARE_PERSISTENT, &q->st[i],
				   NULL) != SQLITE_OK)
			return db_fail(q, err);
	len = (size_t)snprintf(sql, sizeof(sql),
			       "SELECT id, data FROM buckets WHERE id IN (?");
	for (i = 1; i < GET_CHUNK && len + 3 < sizeof(sql); i++) {
		memcpy(sql + len, ",?", 2);
		len += 2;
	}
	sql[len++] = ')';
	sql[len] = '\0';
	if (sq->prepare_v3(q->db, sql, -1, SQLITE_PREPARE_PERSISTENT,
			   &q->st[ST_GET], NULL) != SQLITE_OK)
		return db_fail(q, err);
	return 0;
}

static int write_pending(struct store_sqlite *q, struct err *err);
static int pending_reserve(struct pending *p, size_t extra);
static void pending_add_all(struct pending *p, const uint64_t *tokens,
			    size_t n, int dspam, int dham);

static int clamp_delta(sqlite3_int64 v)
{
	return v <= 0 ? 0 : v >= INT32_MAX ? INT32_MAX : (int)v;
}

/* One schema 1 row (a token of its own) as a pending delta. */
static int migrate_row(struct store_sqlite *q, sqlite3_stmt *st)
{
	uint64_t tok = (uint64_t)sq->column_int64(st, 0);
	sqlite3_int64 sp = sq->column_int64(st, 1);
	sqlite3_int64 h = sq->column_int64(st, 2);

	if (pending_reserve(&q->pend, 1) < 0)
		return -1;
	pending_add_all(&q->pend, &tok, 1, clamp_delta(sp), clamp_delta(h));
	return 0;
}

/* Schema 1 -> 2, inside the caller's transaction: tokens into buckets. */
static int migrate_v1(struct store_sqlite *q, struct err *err)
{
	sqlite3_stmt *st = NULL;
	sqlite3_int64 n;
	int rc;

	/*
	 * The rows come in key order, so the pending table must have room
	 * for all of them first: grown on the way, its slots for the keys
	 * seen so far (one end of the key range) would fill up.
	 */
	if (sq->prepare_v2(q->db, "SELECT count(*) FROM tokens", -1, &st,
			   NULL) != SQLITE_OK)
		return db_fail(q, err);
	rc = sq->step(st);
	n = rc == SQLITE_ROW ? sq->column_int64(st, 0) : 0;
	sq->finalize(st);
	if (rc != SQLITE_ROW)
		return db_fail(q, err);
	if (pending_reserve(&q->pend, (size_t)n) < 0)
		return err_set(err, "sqlite '%s': out of memory", q->path);
	if (sq->prepare_v2(q->db, "SELECT token, spam, ham FROM tokens",
			   -1, &st, NULL) != SQLITE_OK)
		return db_fail(q, err);
	while ((rc = sq->step(st)) == SQLITE_ROW)
		if (migrate_row(q, st) < 0) {
			sq->finalize(st);
			return err_set(err, "sqlite '%s': out of memory",
				       q->path);
		}
	sq->finalize(st);
	if (rc != SQLITE_DONE)
		return db_fail(q, err);
	if (write_pending(q, err) < 0)
		return -1;
	if (sq->exec(q->db, "DROP TABLE tokens", NULL, NULL, NULL) !=
	    SQLITE_OK)
		return db_fail(q, err);
	return 0;
}

/* Inside BEGIN IMMEDIATE: create (or convert) the tables, then stamp. */
static int create_schema(struct store_sqlite *q, struct err *err)
{
	char sql[64];
	int v;

	if (user_version(q, &v, err) < 0)
		return -1;
	if (v == SCHEMA_VERSION) /* another process was first */
		return prepare_all(q, err);
	if (sq->exec(q->db, schema_sql, NULL, NULL, NULL) != SQLITE_OK)
		return db_fail(q, err);
	if (prepare_all(q, err) < 0 || (v == 1 && migrate_v1(q, err) < 0))
		return -1;
	snprintf(sql, sizeof(sql), "PRAGMA user_version = %d",
		 SCHEMA_VERSION);
	if (sq->exec(q->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return db_fail(q, err);
	return 0;
}

/*
 * Create the tables once, in WAL mode; later opens only read a pragma.
 * Then prepare the statements.
 */
/* How often a waiter looks again (busy_poll below, ensure_schema). */
#define BUSY_POLL_US 2000

static bool is_busy(struct store_sqlite *q)
{
	int e = sq->errcode(q->db);

	return e == SQLITE_BUSY || e == SQLITE_LOCKED;
}

static int ensure_schema_once(struct store_sqlite *q, bool *busy,
			      struct err *err)
{
	int v, rc;

	if (user_version(q, &v, err) < 0)
		return -1;
	if (v == SCHEMA_VERSION)
		return prepare_all(q, err);
	if (v > SCHEMA_VERSION)
		return err_set(err, "sqlite '%s': schema version %d is newer "
			       "than this program's (%d)", q->path, v,
			       SCHEMA_VERSION);
	/* A new file: 4 KiB pages keep a bucket's blob (up to ~250
	 * tokens) on its leaf page. No effect on an existing file. */
	if (sq->exec(q->db, "PRAGMA page_size = 4096", NULL, NULL,
		     NULL) != SQLITE_OK ||
	    sq->exec(q->db, "PRAGMA journal_mode = WAL", NULL, NULL,
		     NULL) != SQLITE_OK ||
	    sq->exec(q->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) !=
		    SQLITE_OK) {
		*busy = is_busy(q);
		return db_fail(q, err);
	}
	rc = create_schema(q, err);
	if (rc == 0 &&
	    sq->exec(q->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
		rc = db_fail(q, err);
	if (rc < 0) {
		*busy = is_busy(q);
		if (!sq->get_autocommit(q->db))
			sq->exec(q->db, "ROLLBACK", NULL, NULL, NULL);
	}
	return rc;
}

/*
 * Two processes opening a new file at once: the second may find it
 * half-made (no schema yet) while the first holds the lock, and SQLite
 * answers its journal-mode change or its BEGIN IMMEDIATE with "database
 * is locked" without calling the busy handler. Read the schema version
 * again after a short wait, up to busy_ms, as a busy wait would.
 */
static int ensure_schema(struct store_sqlite *q, struct err *err)
{
	long long waited_us = 0;
	bool busy;
	int rc;

	for (;;) {
		busy = false;
		rc = ensure_schema_once(q, &busy, err);
		if (rc == 0 || !busy || waited_us / 1000 >= q->busy_ms)
			return rc;
		err_release(err);
		usleep(BUSY_POLL_US);
		waited_us += BUSY_POLL_US;
	}
}

static const struct store_ops sqlite_ops;

/*
 * Waiting for another writer: poll every 2 ms up to busy_ms. SQLite's own
 * busy timeout backs off to 100 ms sleeps, so a waiter kept missing the
 * short gaps between a bulk learner's group commits and could starve.
 */

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
	struct store_sqlite *q;
	int rc;

	if (sq == NULL && (sq = sqlite_api(err)) == NULL) {
		err_prefix(err, "sqlite '%s'", path);
		return NULL;
	}
	q = calloc(1, sizeof(*q));
	if (q == NULL || (q->path = strdup(path)) == NULL) {
		free(q);
		err_set(err, "sqlite '%s': out of memory", path);
		return NULL;
	}
	q->base.ops = &sqlite_ops;
	rc = sq->open_v2(path, &q->db,
			 SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
				     SQLITE_OPEN_NOMUTEX,
			 NULL);
	if (rc != SQLITE_OK) {
		db_fail(q, err);
		goto fail;
	}
	q->busy_ms = busy_ms;
	sq->busy_handler(q->db, busy_poll, q);
	sq->extended_result_codes(q->db, 0);
	if (ensure_schema(q, err) < 0)
		goto fail;
	/*
	 * Per connection: fsync only at checkpoints (WAL with synchronous
	 * NORMAL: a power cut can lose the last commits but not corrupt the
	 * file; a lost learn is re-run, so that durability is enough); a
	 * larger page cache.
	 */
	if (sq->exec(q->db,
		     "PRAGMA synchronous = NORMAL;"
		     "PRAGMA wal_autocheckpoint = 16384;"
		     "PRAGMA cache_size = -32768;"
		     "PRAGMA temp_store = MEMORY",
		     NULL, NULL, NULL) != SQLITE_OK) {
		db_fail(q, err);
		goto fail;
	}
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

/* ---- totals ------------------------------------------------------------- */

static int sqlite_totals(struct store *s, uint64_t *spam_r, uint64_t *ham_r,
			 struct err *err)
{
	struct store_sqlite *q = to_sqlite(s);
	sqlite3_stmt *st = q->st[ST_TOTALS];
	int rc;

	*spam_r = *ham_r = 0;
	while ((rc = sq->step(st)) == SQLITE_ROW) {
		sqlite3_int64 n = sq->column_int64(st, 1);
		uint64_t v = n > 0 ? (uint64_t)n : 0;

		if (sq->column_int(st, 0) == BAYES_CLASS_SPAM)
			*spam_r = v;
		else if (sq->column_int(st, 0) == BAYES_CLASS_HAM)
			*ham_r = v;
	}
	sq->reset(st);
	return rc == SQLITE_DONE ? 0 : db_fail(q, err);
}

/* ---- buckets ------------------------------------------------------------ */

static uint64_t bucket_of(uint64_t tok)
{
	return tok >> (64 - BUCKET_BITS);
}

static uint64_t get_le(const uint8_t *p, unsigned n)
{
	uint64_t v = 0;

	while (n-- > 0)
		v = v << 8 | p[n];
	return v;
}

static void put_le(uint8_t *p, uint64_t v, unsigned n)
{
	unsigned i;

	for (i = 0; i < n; i++, v >>= 8)
		p[i] = (uint8_t)(v & 0xff);
}

static uint64_t entry_token(const uint8_t *blob, size_t i)
{
	return get_le(blob + i * ENTRY_SIZE, 8);
}

/* The first of entries from .. n - 1 of blob whose token is >= tok. */
static size_t lower_bound(const uint8_t *blob, size_t from, size_t n,
			  uint64_t tok)
{
	size_t lo = from, hi = n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (entry_token(blob, mid) < tok)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* The counts of tok in a bucket's blob of n entries (0 when absent). */
static void blob_find(const uint8_t *blob, size_t n, uint64_t tok,
		      struct token_counts *c)
{
	size_t lo = lower_bound(blob, 0, n, tok);

	if (lo == n || entry_token(blob, lo) != tok)
		return;
	c->spam = get_le(blob + lo * ENTRY_SIZE + 8, 4);
	c->ham = get_le(blob + lo * ENTRY_SIZE + 12, 4);
}

static int corrupt(struct store_sqlite *q, sqlite3_int64 id, struct err *err)
{
	return err_set(err, "sqlite '%s': bucket %lld is corrupt", q->path,
		       (long long)id);
}

/* ---- reading ------------------------------------------------------------ */

static int cmp_by_token(const void *a, const void *b, void *arg)
{
	const struct token_counts *t = arg;
	uint64_t x = t[*(const size_t *)a].token;
	uint64_t y = t[*(const size_t *)b].token;

	return x < y ? -1 : x > y;
}

/* Up to GET_CHUNK buckets to read: the tokens of id[k] are at idx
 * positions from[k] .. from[k + 1] - 1. */
struct chunk {
	uint64_t id[GET_CHUNK];
	size_t from[GET_CHUNK + 1];
	size_t n;
};

/* Fill the counts of the chunk's tokens from one bucket row. */
static int put_bucket(struct store_sqlite *q, sqlite3_stmt *st,
		      struct token_counts *t, const size_t *idx,
		      const struct chunk *c, struct err *err)
{
	sqlite3_int64 id = sq->column_int64(st, 0);
	const uint8_t *blob = sq->column_blob(st, 1);
	size_t len = (size_t)sq->column_bytes(st, 1);
	size_t lo = 0, hi = c->n, mid, p;

	if (len % ENTRY_SIZE != 0 || (len > 0 && blob == NULL))
		return corrupt(q, id, err);
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (c->id[mid] < (uint64_t)id)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == c->n || c->id[lo] != (uint64_t)id)
		return 0;
	for (p = c->from[lo]; p < c->from[lo + 1]; p++)
		blob_find(blob, len / ENTRY_SIZE, t[idx[p]].token,
			  &t[idx[p]]);
	return 0;
}

static int get_chunk(struct store_sqlite *q, struct token_counts *t,
		     const size_t *idx, const struct chunk *c,
		     struct err *err)
{
	sqlite3_stmt *st = q->st[ST_GET];
	size_t i;
	int rc;

	for (i = 0; i < GET_CHUNK; i++)
		sq->bind_int64(st, (int)i + 1,
			       (sqlite3_int64)c->id[i < c->n ? i : 0]);
	while ((rc = sq->step(st)) == SQLITE_ROW)
		if (put_bucket(q, st, t, idx, c, err) < 0) {
			sq->reset(st);
			return -1;
		}
	sq->reset(st);
	return rc == SQLITE_DONE ? 0 : db_fail(q, err);
}

/* Read the buckets of the tokens in idx order, GET_CHUNK at a time. */
static int get_sorted(struct store_sqlite *q, struct token_counts *t,
		      const size_t *idx, size_t n, struct err *err)
{
	struct chunk c;
	uint64_t b;
	size_t p;

	c.n = 0;
	for (p = 0; p < n; p++) {
		b = bucket_of(t[idx[p]].token);
		if (c.n > 0 && c.id[c.n - 1] == b)
			continue;
		if (c.n == GET_CHUNK) {
			c.from[c.n] = p;
			if (get_chunk(q, t, idx, &c, err) < 0)
				return -1;
			c.n = 0;
		}
		c.id[c.n] = b;
		c.from[c.n++] = p;
	}
	c.from[c.n] = n;
	return c.n > 0 ? get_chunk(q, t, idx, &c, err) : 0;
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
	else if (sq->exec(q->db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
		rc = db_fail(q, err); /* else one snapshot for every chunk */
	if (rc == 0)
		rc = get_sorted(q, t, idx, n, err);
	if (!q->in_batch)
		sq->exec(q->db, "COMMIT", NULL, NULL, NULL);
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
	sq->bind_blob(st, 1, digest, 32, SQLITE_STATIC);
	rc = sq->step(st);
	if (rc == SQLITE_ROW) {
		int c = sq->column_int(st, 0);

		*class_r = c == BAYES_CLASS_SPAM  ? BAYES_CLASS_SPAM
			   : c == BAYES_CLASS_HAM ? BAYES_CLASS_HAM
						  : BAYES_CLASS_NONE;
	}
	sq->reset(st);
	sq->clear_bindings(st);
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

/*
 * The slot of token: its own, or the empty one where it belongs. The home
 * slot is the token's top bits (tokens are hashes, so evenly spread): the
 * table is then nearly in token order, a message's sorted tokens go in
 * front to back, and write_pending() needs no full sort.
 */
static struct delta *pending_slot(struct delta *v, size_t cap, uint64_t tok)
{
	size_t i = (size_t)(tok >> (64 - __builtin_ctzll((unsigned long long)cap)));

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

/* The buckets' order: the token as an unsigned integer. */
static int cmp_delta(const void *a, const void *b)
{
	uint64_t x = ((const struct delta *)a)->token;
	uint64_t y = ((const struct delta *)b)->token;

	return x < y ? -1 : x > y;
}

static unsigned key_byte(const struct delta *d, unsigned shift)
{
	return (unsigned)((d->token >> shift) & 0xff);
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

/*
 * Sort deltas that are nearly in order (the pending table's slot order:
 * only runs of probed slots and the wrap-around at its end are out of
 * place) by insertion; fall back to sort_deltas() when that takes more
 * than a few moves per delta.
 */
static void sort_nearly_sorted(struct delta *v, size_t n)
{
	size_t i, j, budget = 8 * n + 64;
	struct delta x;

	for (i = 1; i < n; i++) {
		if (v[i - 1].token <= v[i].token)
			continue;
		x = v[i];
		for (j = i; j > 0 && v[j - 1].token > x.token && budget > 0;
		     j--, budget--)
			v[j] = v[j - 1];
		v[j] = x;
		if (budget == 0) {
			sort_deltas(v, n);
			return;
		}
	}
}

static uint64_t clamp_count(uint64_t old, int32_t d)
{
	int64_t v = (int64_t)old + d;

	return v < 0 ? 0 : v > (int64_t)UINT32_MAX ? UINT32_MAX : (uint64_t)v;
}

/* Append one entry to out unless both its counts are 0. */
static size_t emit(uint8_t *out, size_t len, uint64_t tok, uint64_t spam,
		   uint64_t ham)
{
	if (spam == 0 && ham == 0)
		return len;
	put_le(out + len, tok, 8);
	put_le(out + len + 8, spam, 4);
	put_le(out + len + 12, ham, 4);
	return len + ENTRY_SIZE;
}

/*
 * Merge the sorted deltas d into the sorted entries of old; the length
 * of out (room for no + nd entries). The entries between two deltas are
 * copied as they are, in one piece.
 */
static size_t merge(const uint8_t *old, size_t no, const struct delta *d,
		    size_t nd, uint8_t *out)
{
	size_t i = 0, k, j, len = 0;
	const uint8_t *e;

	for (k = 0; k < nd; k++) {
		j = lower_bound(old, i, no, d[k].token);
		if (j > i) {
			memcpy(out + len, old + i * ENTRY_SIZE,
			       (j - i) * ENTRY_SIZE);
			len += (j - i) * ENTRY_SIZE;
			i = j;
		}
		e = i < no && entry_token(old, i) == d[k].token
			    ? old + i++ * ENTRY_SIZE
			    : NULL;
		len = emit(out, len, d[k].token,
			   clamp_count(e ? get_le(e + 8, 4) : 0, d[k].spam),
			   clamp_count(e ? get_le(e + 12, 4) : 0, d[k].ham));
	}
	if (i < no) {
		memcpy(out + len, old + i * ENTRY_SIZE, (no - i) * ENTRY_SIZE);
		len += (no - i) * ENTRY_SIZE;
	}
	return len;
}

static int grow_buf(struct store_sqlite *q, size_t need)
{
	uint8_t *b;

	if (need <= q->buf_cap)
		return 0;
	if ((b = realloc(q->buf, need)) == NULL)
		return -1;
	q->buf = b;
	q->buf_cap = need;
	return 0;
}

/* Read bucket id, merge the deltas into q->buf; *len its new length. */
static int merge_bucket(struct store_sqlite *q, sqlite3_int64 id,
			const struct delta *d, size_t nd, size_t *len,
			bool *existed, struct err *err)
{
	sqlite3_stmt *get = q->st[ST_BUCKET_GET];
	const uint8_t *blob = NULL;
	size_t old = 0;
	int rc;

	sq->bind_int64(get, 1, id);
	rc = sq->step(get);
	if (rc == SQLITE_ROW) {
		blob = sq->column_blob(get, 0);
		old = (size_t)sq->column_bytes(get, 0);
	}
	*existed = rc == SQLITE_ROW;
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		rc = db_fail(q, err);
	else if (old % ENTRY_SIZE != 0 || (old > 0 && blob == NULL))
		rc = corrupt(q, id, err);
	else if (grow_buf(q, old + nd * ENTRY_SIZE) < 0)
		rc = err_set(err, "sqlite '%s': out of memory", q->path);
	else
		rc = 0;
	if (rc == 0)
		*len = merge(blob, old / ENTRY_SIZE, d, nd, q->buf);
	sq->reset(get);
	return rc;
}

/* Rewrite one bucket with the sorted deltas d (all of that bucket). */
static int write_bucket(struct store_sqlite *q, const struct delta *d,
			size_t nd, struct err *err)
{
	sqlite3_int64 id = (sqlite3_int64)bucket_of(d[0].token);
	sqlite3_stmt *st;
	bool existed = false;
	size_t len = 0;

	if (merge_bucket(q, id, d, nd, &len, &existed, err) < 0)
		return -1;
	if (len == 0 && !existed)
		return 0;
	st = q->st[len > 0 ? ST_BUCKET_PUT : ST_BUCKET_DEL];
	sq->bind_int64(st, 1, id);
	if (len > 0)
		sq->bind_blob(st, 2, q->buf, (int)len, SQLITE_STATIC);
	return step_done(q, st, err);
}

/*
 * Write the pending deltas into the buckets, each touched bucket once, in
 * key order, inside the current transaction. A failure leaves the
 * transaction half-written: a batch is marked lost (its commit will fail
 * and roll it back); outside a batch the caller rolls back.
 */
static int write_pending(struct store_sqlite *q, struct err *err)
{
	struct pending *p = &q->pend;
	size_t i, j, n = 0;
	int rc = 0;

	if (p->n == 0)
		return 0;
	for (i = 0; i < p->cap; i++)
		if (p->v[i].used && (p->v[i].spam != 0 || p->v[i].ham != 0))
			p->v[n++] = p->v[i];
	sort_nearly_sorted(p->v, n);
	for (i = 0; i < n && rc == 0; i = j) {
		for (j = i + 1; j < n && bucket_of(p->v[j].token) ==
						 bucket_of(p->v[i].token);
		     j++)
			;
		rc = write_bucket(q, &p->v[i], j - i, err);
	}
	memset(p->v, 0, p->cap * sizeof(*p->v));
	p->n = 0;
	if (rc == 0 || !q->in_batch)
		return rc;
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

static int add_total(struct store_sqlite *q, enum bayes_class c, int d,
		     struct err *err)
{
	sqlite3_stmt *st = q->st[ST_TOTAL_ADD];

	if (c == BAYES_CLASS_NONE)
		return 0;
	sq->bind_int(st, 1, (int)c);
	sq->bind_int(st, 2, d);
	return step_done(q, st, err);
}

static int record(struct store_sqlite *q, const uint8_t digest[32],
		  enum bayes_class to, struct err *err)
{
	sqlite3_stmt *st = q->st[to == BAYES_CLASS_NONE ? ST_FORGET : ST_MARK];
	int rc;

	sq->bind_blob(st, 1, digest, 32, SQLITE_STATIC);
	if (to != BAYES_CLASS_NONE) {
		sq->bind_int(st, 2, (int)to);
		sq->bind_int64(st, 3, (sqlite3_int64)time(NULL));
	}
	rc = step_done(q, st, err);
	sq->clear_bindings(st);
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
	if (add_total(q, from, -1, err) < 0 || add_total(q, to, 1, err) < 0 ||
	    record(q, digest, to, err) < 0)
		return -1;
	/* Room was reserved: this cannot fail. */
	pending_add_all(&q->pend, tokens, n, dspam, dham);
	return 0;
}

static void run_quietly(sqlite3_stmt *st)
{
	sq->step(st);
	sq->reset(st);
}

/* SQLite ended the batch's transaction itself: remember why. */
static void check_lost(struct store_sqlite *q, const char *why)
{
	if (!q->in_batch || q->batch_lost || !sq->get_autocommit(q->db))
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
	if (pending_reserve(&q->pend, n) < 0)
		return err_set(err, "sqlite '%s': out of memory", q->path);
	if (step_done(q, q->st[ST_BEGIN], err) < 0)
		return -1;
	if (apply(q, tokens, n, from, to, digest, err) < 0 ||
	    write_pending(q, err) < 0 ||
	    step_done(q, q->st[ST_COMMIT], err) < 0) {
		if (!sq->get_autocommit(q->db))
			run_quietly(q->st[ST_ROLLBACK]);
		pending_clear(&q->pend);
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
	if ((!commit || rc < 0) && !sq->get_autocommit(q->db))
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
