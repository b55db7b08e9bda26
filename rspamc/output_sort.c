/*
 * output_sort.c - see output_sort.h.
 */
#include "output_sort.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "output_fmt.h"

/* ---- libstdc++'s std::stable_sort, comparator and all ------------------ */

#define SORT_CHUNK 7

static bool lt(const struct sorter *s, const void *a, const void *b)
{
	return s->less(a, b, s->ctx);
}

static void insertion_sort(const void **first, const void **last,
			   const struct sorter *s)
{
	const void **i, **j, *val;

	if (first == last)
		return;
	for (i = first + 1; i != last; i++) {
		val = *i;
		if (lt(s, val, *first)) {
			memmove(first + 1, first, (size_t)(i - first) * sizeof(*i));
			*first = val;
			continue;
		}
		for (j = i; lt(s, val, *(j - 1)); j--)
			*j = *(j - 1);
		*j = val;
	}
}

static const void **move_merge(const void **f1, const void **l1,
			       const void **f2, const void **l2,
			       const void **res, const struct sorter *s)
{
	while (f1 != l1 && f2 != l2)
		*res++ = lt(s, *f2, *f1) ? *f2++ : *f1++;
	memmove(res, f1, (size_t)(l1 - f1) * sizeof(*res));
	res += l1 - f1;
	memmove(res, f2, (size_t)(l2 - f2) * sizeof(*res));
	return res + (l2 - f2);
}

static void merge_sort_loop(const void **first, const void **last,
			    const void **res, ptrdiff_t step,
			    const struct sorter *s)
{
	while (last - first >= 2 * step) {
		res = move_merge(first, first + step, first + step,
				 first + 2 * step, res, s);
		first += 2 * step;
	}
	if (last - first < step)
		step = last - first;
	move_merge(first, first + step, first + step, last, res, s);
}

static void merge_sort_with_buffer(const void **first, const void **last,
				   const void **buffer, const struct sorter *s)
{
	ptrdiff_t len = last - first, step = SORT_CHUNK;
	const void **p = first;

	while (last - p >= SORT_CHUNK) {
		insertion_sort(p, p + SORT_CHUNK, s);
		p += SORT_CHUNK;
	}
	insertion_sort(p, last, s);
	while (step < len) {
		merge_sort_loop(first, last, buffer, step, s);
		step *= 2;
		merge_sort_loop(buffer, buffer + len, first, step, s);
		step *= 2;
	}
}

static void merge_backward(const void **f1, const void **l1,
			   const void **f2, const void **l2,
			   const void **res, const struct sorter *s)
{
	if (f1 == l1) {
		memmove(res - (l2 - f2), f2, (size_t)(l2 - f2) * sizeof(*res));
		return;
	}
	if (f2 == l2)
		return;
	l1--;
	l2--;
	for (;;) {
		if (lt(s, *l2, *l1)) {
			*--res = *l1;
			if (f1 == l1) {
				l2++;
				memmove(res - (l2 - f2), f2,
					(size_t)(l2 - f2) * sizeof(*res));
				return;
			}
			l1--;
		} else {
			*--res = *l2;
			if (f2 == l2)
				return;
			l2--;
		}
	}
}

/* Merge a buffered first run with the second run still in place. */
static void merge_forward(const void **f1, const void **l1, const void **f2,
			  const void **l2, const void **res,
			  const struct sorter *s)
{
	while (f1 != l1 && f2 != l2)
		*res++ = lt(s, *f2, *f1) ? *f2++ : *f1++;
	memmove(res, f1, (size_t)(l1 - f1) * sizeof(*res));
}

int sort_stable(const void **v, size_t n, const struct sorter *s,
		struct err *err)
{
	size_t half = (n + 1) / 2;
	const void **buffer, **middle = v + half, **last = v + n;

	if (n < 2)
		return 0;
	buffer = calloc(half, sizeof(*buffer));
	if (buffer == NULL)
		return err_set(err, "out of memory");
	merge_sort_with_buffer(v, middle, buffer, s);
	merge_sort_with_buffer(middle, last, buffer, s);
	if (half <= n - half) {
		memcpy(buffer, v, half * sizeof(*v));
		merge_forward(buffer, buffer + half, middle, last, v, s);
	} else {
		memcpy(buffer, middle, (n - half) * sizeof(*v));
		merge_backward(v, middle, buffer, buffer + (n - half), last, s);
	}
	free(buffer);
	return 0;
}

/* ---- --sort ------------------------------------------------------------ */

enum sort_key {
	SORT_NONE, /* unknown key: keep the server's order */
	SORT_NAME,
	SORT_WEIGHT,
	SORT_SCORE,
	SORT_TIME,
	SORT_FREQUENCY,
	SORT_HITS,
};

struct sort_spec {
	enum sort_key key;
	const char *field; /* the JSON key compared */
	bool inverse;      /* ":asc" */
};

static void sort_spec_parse(struct sort_spec *spec, const char *sort)
{
	static const struct {
		const char *name;
		enum sort_key key;
	} keys[] = {
		{ "name", SORT_NAME },	 { "weight", SORT_WEIGHT },
		{ "score", SORT_SCORE }, { "time", SORT_TIME },
		{ "frequency", SORT_FREQUENCY }, { "hits", SORT_HITS },
	};
	size_t len, i;

	if (sort == NULL)
		sort = "name";
	len = strlen(sort);
	spec->inverse = len >= 4 && strcmp(sort + len - 4, ":asc") == 0;
	if (spec->inverse)
		len -= 4;
	spec->key = SORT_NONE;
	spec->field = NULL;
	for (i = 0; i < sizeof(keys) / sizeof(*keys); i++)
		if (strlen(keys[i].name) == len &&
		    strncmp(keys[i].name, sort, len) == 0) {
			spec->key = keys[i].key;
			spec->field = keys[i].name;
		}
}

/* The comparator's three-way value, as rspamc computes it. */
static int sort_order(const struct sort_spec *spec, const struct sort_item *a,
		      const struct sort_item *b)
{
	const json_t *ea = NULL, *eb = NULL;
	double da, db;

	if (spec->key == SORT_NAME) {
		if (a->name == NULL || b->name == NULL)
			return 0;
		return strcmp(a->name, b->name);
	}
	if (a->obj != NULL)
		ea = json_object_get(a->obj, spec->field);
	if (b->obj != NULL)
		eb = json_object_get(b->obj, spec->field);
	if (spec->key == SORT_SCORE && a->obj == NULL && b->obj == NULL &&
	    a->sym != NULL && b->sym != NULL) {
		/* A result built field by field has no JSON to look at. */
		if (!a->sym->has_score || !b->sym->has_score)
			return 0;
		return fmt_trunc_int(fabs(b->sym->score) * 1000.0 -
				 fabs(a->sym->score) * 1000.0);
	}
	if (ea == NULL || eb == NULL)
		return 0;
	if (spec->key == SORT_HITS)
		return (int)(uint32_t)(uint64_t)(fmt_toint(eb) - fmt_toint(ea));
	da = fmt_todouble(ea);
	db = fmt_todouble(eb);
	if (spec->key == SORT_SCORE) {
		da = fabs(da);
		db = fabs(db);
	}
	return fmt_trunc_int(db * 1000.0 - da * 1000.0);
}

static bool sort_less(const void *a, const void *b, const void *ctx)
{
	const struct sort_spec *spec = ctx;
	int order = sort_order(spec, a, b);

	return spec->inverse ? order > 0 : order < 0;
}

int sort_items(struct sort_item **items, size_t n, const char *sort,
	       struct err *err)
{
	struct sort_spec spec;
	struct sorter s;

	sort_spec_parse(&spec, sort);
	if (spec.key == SORT_NONE)
		return 0;
	s.less = sort_less;
	s.ctx = &spec;
	return sort_stable((const void **)items, n, &s, err);
}
