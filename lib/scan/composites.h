/*
 * composites.h - Rspamd's composite symbols: expressions over the symbols
 * a scan inserted, which insert their own symbol and may remove the
 * symbols (or only the scores) they matched.
 *
 * Owns: the compiled expressions of the composites in the symbol table
 * (symbols.c, taken from Rspamd 3.4's composites.conf). Compiled once per
 * scanner by composites_new(); composites_apply() runs them on one scan.
 *
 * Expression syntax (Rspamd's): atoms SYMBOL, g:GROUP (any symbol of the
 * group), g+:GROUP / g-:GROUP (its positive / negative scored symbols);
 * an atom prefix '-' leaves the matched symbol alone, '~' removes only its
 * score, '^' only the symbol; operators '!' (not), '&' (and), '|' (or),
 * the words not/and/or, parentheses.
 *
 * Policies: remove_all (the default: a matched symbol and its score go),
 * remove_weight, remove_symbol, leave. A symbol is removed only if every
 * matching composite that names it asks for it, as in Rspamd.
 */
#ifndef RSPAMC_SCAN_COMPOSITES_H
#define RSPAMC_SCAN_COMPOSITES_H

#include "err.h"

struct composites;
struct scan_ctx;

/* NULL when out of memory or when an expression does not parse. */
struct composites *composites_new(void);
void composites_free(struct composites **cs);

/* Compile one expression (exposed for tests); -1 with err on a syntax
 * error. */
int composites_check(const char *expression, struct err *err);

/* Evaluate every composite on c, insert the matching ones, apply
 * removals. */
void composites_apply(struct composites *cs, struct scan_ctx *c);

#endif
