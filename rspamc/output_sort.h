/*
 * output_sort.h - the order rspamc 3.4 prints symbols and counters in.
 *
 * Owns: an emulation of libstdc++'s std::stable_sort and rspamc's --sort
 * comparators. rspamc sorts with std::stable_sort and comparators that are
 * not strict weak orders (scores compared after truncation to int, "not
 * equal" as "less"). The result then depends on the algorithm, so this is
 * the same algorithm (libstdc++: two halves, each sorted in chunks of 7 by
 * insertion then merged through a buffer, then one adaptive merge).
 *
 * The arrays hold borrowed pointers; sorting only reorders them.
 */
#ifndef RSPAMC_OUTPUT_SORT_H
#define RSPAMC_OUTPUT_SORT_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "err.h"
#include "result.h"

struct sorter {
	bool (*less)(const void *a, const void *b, const void *ctx);
	const void *ctx;
};

/* Sort v[0..n) as std::stable_sort(v, v + n, less) does. Fails only when
 * out of memory. */
int sort_stable(const void **v, size_t n, const struct sorter *s,
		struct err *err);

/* One sortable item: its name and the JSON object holding its fields. */
struct sort_item {
	const char *name;
	const json_t *obj;      /* NULL: no fields (built result) */
	const struct result_symbol *sym; /* scan symbols only */
};

/* Sort by a --sort value ("name", "score:asc", ...; NULL is "name") with
 * rspamc's comparators; an unknown key keeps the order as it is. */
int sort_items(struct sort_item **items, size_t n, const char *sort,
	       struct err *err);

#endif
