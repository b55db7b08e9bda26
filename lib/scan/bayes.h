/*
 * bayes.h - the statistical classifier of the in-process scanner: Rspamd's
 * "bayes" classifier (inverse chi-square combination of the tokens of
 * tokenize.h), its learning (learn, relearn, unlearn) and the store it
 * keeps counts in.
 *
 * Owns: struct bayes (the configuration copy, the store, opened on first
 * use and kept, and the token buffers reused between messages).
 *
 * Classification inserts BAYES_SPAM or BAYES_HAM (Rspamd 3.4's symbols,
 * weights 5.1 and -3.0 in symbols.c) with the multiplier Rspamd uses,
 * ((p - 0.5) * 2)^8, and the option "%.2f%%" of (p - 0.5) * 200, once
 * min_learns messages of EACH class were learned.
 *
 * Message identity: SHA-256 over the message's decoded content (each leaf
 * part's type and decoded text or bytes, in order), not over headers or
 * the Message-ID: the same message delivered again, with other Received
 * or X-Spam-* headers, a rewritten Subject or another transfer encoding,
 * is still the same message, and two different messages with one
 * Message-ID are not. Only a message with no body at all falls back to
 * its Message-ID and Subject.
 *
 * Errors: the store's ("sqlite 'PATH': database is locked"); classify
 * callers keep scanning without the symbols and report the reason.
 */
#ifndef RSPAMC_SCAN_BAYES_H
#define RSPAMC_SCAN_BAYES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "err.h"
#include "msg.h"
#include "store.h"
#include "tokenize.h"

struct scan_ctx;

/* The classifier "bayes" section (config.c reads it; defaults below). */
struct bayes_config {
	bool enabled;             /* true */
	char *backend;            /* "sqlite" (NULL: sqlite) or "redis" */
	char *dbpath;             /* NULL: data_dir/rspamc/bayes.sqlite */
	char *data_dir;           /* the program's data directory (rspamc
				     passes $XDG_DATA_HOME or
				     ~/.local/share); NULL: "." */
	char *servers;            /* redis: "127.0.0.1:6379" */
	char *prefix;             /* redis key prefix, NULL: the default */
	unsigned min_learns;      /* 200, per class */
	unsigned min_tokens;      /* 11 (Rspamd's): 10% of it must be known */
	unsigned min_token_hits;  /* 2: rarer tokens are ignored */
	double min_prob_strength; /* 0.05: weaker tokens are ignored */
	double busy_timeout;      /* seconds to wait for a locked file: 10 */
	bool autolearn;           /* false */
	double autolearn_spam;    /* learn spam at score >= this */
	double autolearn_ham;     /* learn ham at score <= this */
};

void bayes_config_init(struct bayes_config *c);
void bayes_config_release(struct bayes_config *c);
/*
 * The SQLite path: dbpath, or data_dir/rspamc/bayes.sqlite; NULL when out
 * of memory. The library reads no environment: the program finds the data
 * directory (rspamc/run.c) and passes it in (scanner_new()).
 */
char *bayes_db_path(const struct bayes_config *c);

/* Open the configured store (creating SQLite's file and directory). */
struct store *store_open(const struct bayes_config *cfg, struct err *err);

enum bayes_learn_result {
	BAYES_LEARNED,          /* NONE -> class */
	BAYES_RELEARNED,        /* the other class -> class */
	BAYES_UNLEARNED,        /* class -> NONE */
	BAYES_ALREADY_LEARNED,  /* refused: already in that class */
	BAYES_NOT_LEARNED,      /* unlearn of a message never learned */
};

struct bayes;

/* cfg is copied. NULL when out of memory. */
struct bayes *bayes_new(const struct bayes_config *cfg);
void bayes_free(struct bayes *b);

/*
 * Classify m and insert the symbol into ctx. Returns 0 (also when nothing
 * is inserted: too few learns, unknown tokens, no store yet), or -1 with
 * err set when the store failed (the caller scans on without Bayes).
 */
int bayes_classify(struct bayes *b, const struct msg *m, struct scan_ctx *ctx,
		   struct err *err);

/*
 * Learn m as `to` (SPAM, HAM, or NONE to forget it). -1 with err set when
 * the store failed; otherwise *res says what happened, and for
 * BAYES_ALREADY_LEARNED and BAYES_NOT_LEARNED err holds the explanation in
 * Rspamd's words ("<mid> has been already learned as spam, ignore it").
 */
int bayes_learn(struct bayes *b, const struct msg *m, enum bayes_class to,
		enum bayes_learn_result *res, struct err *err);

/*
 * Batch learning: after bayes_batch(b) every bayes_learn() groups its
 * store change with the next ones (when the store can: SQLite; Redis
 * commits each at once). Each message stays all-or-nothing, and a later
 * learn sees the earlier ones (a repeat is refused), but none is durable
 * or visible to other processes before bayes_flush(b, true) returns 0.
 * The open batch holds the store's write lock: flush often (every few
 * hundred messages or a fraction of a second). bayes_flush(b, false), a
 * failed commit (-1 with err set) and bayes_free() drop every learn since
 * the last flush. Batching stays on after a flush.
 */
void bayes_batch(struct bayes *b);
int bayes_flush(struct bayes *b, bool commit, struct err *err);

/*
 * Autolearn (when configured): learn m as spam when score reaches
 * autolearn_spam, as ham when it is at most autolearn_ham, but only a
 * message not learned yet. -1 with err set when the store failed.
 */
int bayes_autolearn(struct bayes *b, const struct msg *m, double score,
		    struct err *err);

/* ---- the pieces, for tests -------------------------------------------- */

/* SHA-256 identity of m (see above). */
void bayes_digest(const struct msg *m, uint8_t out[32]);

/*
 * The combination: the probability that the message is spam from the
 * counts of its tokens (t and counts of n tokens) and the class totals.
 * *used is the number of tokens that counted (0: no opinion, 0.5).
 */
double bayes_probability(const struct bayes_config *cfg,
			 const struct bayes_token *t,
			 const struct token_counts *counts, size_t n,
			 uint64_t spam_learns, uint64_t ham_learns,
			 size_t *used);

#endif
