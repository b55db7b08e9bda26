/*
 * rules.h - how the scanner's rules report what they find.
 *
 * A rule is a function that reads the parsed message and inserts symbols.
 * Symbols are data: each has Rspamd 3.4's name, group, default weight and
 * description in the symbol table (symbols.c); a rule only says which
 * symbol fired, with an optional multiplier for Rspamd's dynamic scores and
 * the options (the bracketed values), which must match Rspamd's.
 *
 * Rules live in files by area (rules_headers.c, rules_mid.c, ...); each
 * area exports one table of rule functions listed in rules.c.
 */
#ifndef RSPAMC_SCAN_RULES_H
#define RSPAMC_SCAN_RULES_H

#include <stdbool.h>
#include <stddef.h>

#include "msg.h"

struct scan_ctx;

/*
 * Scoring follows Rspamd 3.4 (score.c): a symbol's score is its configured
 * weight times the multiplier; inserting a symbol again adds its score
 * again (one_shot symbols keep the larger one), options are kept in order
 * without duplicates; a group whose max_score is reached caps the scores of
 * the symbols inserted after (so the order of insertion matters, as in
 * Rspamd). A symbol missing from the table scores 0.
 */
/* Insert symbol with weight multiplier 1 and options (NULL-ended). */
void scan_insert(struct scan_ctx *c, const char *symbol, ...)
	__attribute__((sentinel));
/* Insert with a multiplier (dynamic score: weight * mult). */
void scan_insert_mult(struct scan_ctx *c, const char *symbol, double mult,
		      ...) __attribute__((sentinel));
/* Insert with a multiplier and n options from an array. */
void scan_insert_optv(struct scan_ctx *c, const char *symbol, double mult,
		      const char *const *opts, size_t n);
/* Add one option to an inserted (or new) symbol. */
void scan_add_option(struct scan_ctx *c, const char *symbol,
		     const char *option);
bool scan_has(const struct scan_ctx *c, const char *symbol);
const struct msg *scan_msg(const struct scan_ctx *c);

typedef void (*rule_fn)(struct scan_ctx *c);

/*
 * One area's rules, run in order. init (optional) runs once when a scanner
 * is made, before any scan: compile regexes there into static state; it
 * returns 0, or -1 when it failed (the scanner is then not made). fini
 * (optional) runs when the last scanner is freed. Both are called at most
 * once per scanner_new()/scanner_free() pair, and a fini only after its
 * init succeeded.
 */
struct rule_area {
	const char *name;
	const rule_fn *rules;
	size_t n_rules;
	int (*init)(void);
	void (*fini)(void);
};

/* Symbol metadata: the symbol table (symbols.c). */
struct symbol_def {
	const char *name;
	const char *group;
	double weight;
	const char *description;  /* NULL when Rspamd has none */
	bool one_shot;
};

const struct symbol_def *symbol_find(const char *name);

#endif
