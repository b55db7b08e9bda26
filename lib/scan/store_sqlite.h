/*
 * store_sqlite.h - the Bayes store (store.h) in an SQLite file: the
 * default back-end, one file per user under the XDG data directory.
 *
 * Schema (user_version 2):
 *   buckets (id INTEGER PRIMARY KEY, data BLOB)     the tokens whose top 14
 *           bits are id, sorted, 16 bytes each (token, spam, ham; little
 *           endian); a token whose counters both reach 0 is dropped, an
 *           empty bucket deleted (store_sqlite.c says why buckets)
 *   totals  (class INTEGER PRIMARY KEY, messages)   1 spam, 2 ham
 *   learned (digest BLOB PRIMARY KEY, class, learned_at) WITHOUT ROWID
 * A schema 1 file (one row per token) is converted when first opened.
 *
 * Many processes: the file is in WAL mode (readers never wait for a
 * writer), every connection waits up to its busy timeout for a lock, and
 * every update is one BEGIN IMMEDIATE transaction that first checks that
 * the digest is still in class `from` (else it fails, changing nothing,
 * as store_redis.c does), so concurrent learners never double-count.
 * synchronous=NORMAL (no fsync per commit, only at checkpoints): a power
 * cut may lose the last learns, never corrupt the file; a learn is
 * re-runnable (the lost messages are simply learned again), so the
 * speed is worth it.
 *
 * Errors name the file: "sqlite '/home/u/.local/share/rspamc/bayes.sqlite':
 * file is not a database".
 */
#ifndef RSPAMC_SCAN_STORE_SQLITE_H
#define RSPAMC_SCAN_STORE_SQLITE_H

#include "err.h"
#include "store.h"

/* How long a connection waits for a lock by default. */
#define STORE_SQLITE_BUSY_TIMEOUT_MS 10000

/*
 * Open (creating the file and its schema when missing; the parent
 * directory must exist) the store at path. Close with s->ops->close(s).
 */
struct store *store_sqlite_open(const char *path, struct err *err);
/* The same with a busy timeout in milliseconds. */
struct store *store_sqlite_open_timeout(const char *path, int busy_ms,
					struct err *err);

#endif
