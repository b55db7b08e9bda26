/*
 * score.h - the scan context: the symbols one scan inserted, their scores
 * under Rspamd 3.4's rules, composites, and the final score and action.
 *
 * Owns: struct scan_ctx and every symbol, option and string in it. A
 * context is made once per scanner (it keeps its arrays between scans to
 * avoid allocations) and reset for each message; it borrows the
 * configuration and the message, which must outlive its use.
 *
 * The rules' side of the API (scan_insert() ...) is in rules.h; this header
 * is for the scanner and for tests that drive rules by hand:
 *
 *	ctx = scan_ctx_new(&cfg);
 *	scan_ctx_reset(ctx, &msg);
 *	rule(ctx); ...
 *	scan_ctx_finish(ctx, &result, &err);
 *
 * Errors: inserts cannot fail visibly; out-of-memory is remembered and
 * reported by scan_ctx_finish().
 */
#ifndef RSPAMC_SCAN_SCORE_H
#define RSPAMC_SCAN_SCORE_H

#include <stdbool.h>
#include <stddef.h>

#include "config.h"
#include "err.h"
#include "result.h"
#include "rules.h"

/* NULL when out of memory or when a composite does not compile. */
struct scan_ctx *scan_ctx_new(const struct scan_config *cfg);
void scan_ctx_free(struct scan_ctx **c);
/* Start a new scan of m (m may be NULL for tests of scoring alone). */
void scan_ctx_reset(struct scan_ctx *c, const struct msg *m);

/*
 * Evaluate composites, compute the score and the action, and fill r (which
 * the caller initialised): is_skipped, score, required_score, action,
 * symbols sorted by name with score, metric_score, description and
 * options. Urls, emails, message-id and the milter block are the
 * scanner's. -1 with err set when out of memory.
 */
int scan_ctx_finish(struct scan_ctx *c, struct scan_result *r,
		    struct err *err);

/* The score of an inserted symbol (after group caps), or 0; for tests. */
double scan_score_of(const struct scan_ctx *c, const char *symbol);
/* Number of options of an inserted symbol and the i-th one, for tests. */
size_t scan_n_options(const struct scan_ctx *c, const char *symbol);
const char *scan_option(const struct scan_ctx *c, const char *symbol,
			size_t i);

/*
 * For composites.c: the inserted symbols, in insertion order. removed: the
 * symbol is gone from the result; weight_removed: its score no longer
 * counts (it shows 0). name_off is the name's place in the context's arena
 * when the symbol is not in the table (idx < 0).
 */
struct scan_sym {
	long idx;              /* index in the symbol table, or -1 */
	size_t name_off;
	double score;
	unsigned nshots;
	size_t n_opts;
	bool removed;
	bool weight_removed;
};

size_t scan_n_syms(const struct scan_ctx *c);
struct scan_sym *scan_sym_at(struct scan_ctx *c, size_t i);
struct scan_sym *scan_find(const struct scan_ctx *c, const char *symbol);
/* scan_find() when symbol_index(symbol) is known: idx. */
struct scan_sym *scan_find_index(const struct scan_ctx *c, long idx,
				 const char *symbol);
const char *scan_sym_name(const struct scan_ctx *c, const struct scan_sym *s);
/* The symbol's configured group name, or NULL. */
const char *scan_sym_group(const struct scan_ctx *c,
			   const struct scan_sym *s);
void scan_insert_composite(struct scan_ctx *c, const char *symbol);

#endif
