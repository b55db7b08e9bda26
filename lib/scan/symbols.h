/*
 * symbols.h - the symbol table's index API (symbols.c), for the scanner's
 * configuration and scoring. Rules use symbol_find() from rules.h.
 *
 * The table is sorted by name and constant; configured weights live in
 * struct scan_config (config.h), indexed like the table.
 */
#ifndef RSPAMC_SCAN_SYMBOLS_H
#define RSPAMC_SCAN_SYMBOLS_H

#include <stddef.h>

#include "rules.h"

/* Number of symbols in the table. */
size_t symbol_count(void);
/* The i-th symbol (i < symbol_count()). */
const struct symbol_def *symbol_at(size_t i);
/* Index of name in the table, or -1 when unknown. */
long symbol_index(const char *name);

/* Rspamd 3.4's default group caps (groups.conf, scores.d max_score). */
struct group_cap {
	const char *group;
	double max_score;
};

size_t symbol_group_cap_count(void);
const struct group_cap *symbol_group_cap_at(size_t i);

/*
 * Rspamd 3.4's composites (composites.conf) as data: the expression in
 * Rspamd's syntax and the policy ("remove_all" when the file says none).
 */
struct composite_def {
	const char *name;
	const char *expression;
	const char *policy;
};

size_t symbol_composite_count(void);
const struct composite_def *symbol_composite_at(size_t i);

#endif
