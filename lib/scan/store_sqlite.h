/*
 * store_sqlite.h - the Bayes store (store.h) in an SQLite file: the
 * default back-end, one file per user under the XDG data directory.
 *
 * Schema (user_version 1):
 *   tokens  (token INTEGER PRIMARY KEY, spam, ham)  the 64-bit hash as a
 *           signed integer; a row whose counters both reach 0 is deleted
 *   totals  (class INTEGER PRIMARY KEY, messages)   1 spam, 2 ham
 *   learned (digest BLOB PRIMARY KEY, class, learned_at) WITHOUT ROWID
 *
 * Many processes: the file is in WAL mode (readers never wait for a
 * writer), every connection waits up to its busy timeout for a lock, and
 * every update is one BEGIN IMMEDIATE transaction that first checks that
 * the digest is still in class `from` (else it fails, changing nothing,
 * as store_redis.c does), so concurrent learners never double-count.
 * synchronous=NORMAL: a power cut may lose the last learns, never corrupt.
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
