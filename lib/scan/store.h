/*
 * store.h - where the Bayes classifier keeps its token counts.
 *
 * One small interface, two back-ends: SQLite (store_sqlite.c, the default,
 * a file under the XDG data directory) and Redis (store_redis.c, selected
 * in the configuration, so that several machines share one model).
 *
 * The model: for each token (a 64-bit hash) two counters, spam and ham;
 * per class the number of messages learned; and the set of learned
 * message digests with the class each was learned as (to refuse a second
 * learn into the same class and to move a message on relearn).
 *
 * A learn or unlearn of one message is one transaction: all its token
 * updates and its digest change land together or not at all, also when
 * many delivery processes learn and classify at once. A back-end may also
 * group many messages into one commit (batch_begin / batch_end), each
 * message still all-or-nothing inside it.
 *
 * Ownership: store_open() returns a store to close with store_close().
 * Errors: every call returns 0 or -1 with err naming the store and the
 * cause ("sqlite '/path/bayes.sqlite': database is locked", "redis
 * '127.0.0.1:6379': Connection refused").
 */
#ifndef RSPAMC_SCAN_STORE_H
#define RSPAMC_SCAN_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "err.h"

enum bayes_class {
	BAYES_CLASS_NONE = 0,
	BAYES_CLASS_SPAM = 1,
	BAYES_CLASS_HAM = 2,
};

struct token_counts {
	uint64_t token;
	uint64_t spam;  /* filled by store->get */
	uint64_t ham;
};

struct store;

struct store_ops {
	const char *name; /* "sqlite", "redis" */
	void (*close)(struct store *s);
	/* Messages learned per class. */
	int (*totals)(struct store *s, uint64_t *spam_r, uint64_t *ham_r,
		      struct err *err);
	/* Fill spam/ham of each token (0 when unknown). */
	int (*get)(struct store *s, struct token_counts *t, size_t n,
		   struct err *err);
	/* The class a message digest was learned as, or NONE. */
	int (*learned_as)(struct store *s, const uint8_t digest[32],
			  enum bayes_class *class_r, struct err *err);
	/*
	 * One transaction moving a message from class `from` to class `to`:
	 * learn (NONE -> X), relearn (X -> Y) or unlearn (X -> NONE). The
	 * counters of `from` (tokens and message count) go down by one, those
	 * of `to` up by one, and the digest is recorded as `to` (forgotten
	 * for NONE). Counters never go below zero.
	 */
	int (*update)(struct store *s, const uint64_t *tokens, size_t n,
		      enum bayes_class from, enum bayes_class to,
		      const uint8_t digest[32], struct err *err);
	/*
	 * Group commits (NULL: not supported, every update() commits on its
	 * own). Between batch_begin() and batch_end() every update() is
	 * still all-or-nothing (a failed one changes nothing and leaves the
	 * earlier ones of the batch in place), and learned_as() sees the
	 * batch's own updates, but nothing is durable or visible to other
	 * connections until batch_end(s, true) returns 0. batch_end(s,
	 * false), or a failed commit, drops every update of the batch.
	 * The batch holds the store's write lock: keep it short.
	 */
	int (*batch_begin)(struct store *s, struct err *err);
	int (*batch_end)(struct store *s, bool commit, struct err *err);
};

struct store {
	const struct store_ops *ops;
};

#endif
