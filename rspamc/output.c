/*
 * output.c - see output.h.
 *
 * Owns nothing beyond the duration of a call. Every layout here is rspamc
 * 3.4's, checked against the installed binary with canned replies; where
 * rspamc's C++ has an odd edge (integer-truncating sort comparators, a
 * profile "sort" whose comparator is not an order, fmt's number
 * formatting, the uptime "%s" bugs) the edge is reproduced on purpose.
 *
 * Numbers are printed with '.' whatever LC_NUMERIC says: each public
 * function runs under the C locale for its thread.
 */
#include "output.h"

#include <limits.h>
#include <locale.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "emit.h"

#define ESC_BOLD "\033[1m"
#define ESC_RESET "\033[0m"
/* fmt's 24-bit colours as rspamc 3.4 prints them (3 digits each). */
#define ESC_RED "\033[38;2;255;000;000m"
#define ESC_GREEN "\033[38;2;000;128;000m"
#define ESC_ORANGE "\033[38;2;255;165;000m"
#define ESC_GREY "\033[38;2;128;128;128m"

/* rspamc caps the counters symbol column: an 82-byte buffer less 44 dashes. */
#define COUNTERS_DASHES 44
#define COUNTERS_MAX_NAME 37
/* Non-string messages are cut to this many bytes (even inside UTF-8). */
#define MESSAGE_MAX_BYTES 60

/* ---- small printing helpers -------------------------------------------- */

/* fmt, optionally wrapped in bold when stdout is a terminal. */
static int add_em(struct buf *out, const struct output_opts *o,
		  struct err *err, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static int add_em(struct buf *out, const struct output_opts *o,
		  struct err *err, const char *fmt, ...)
{
	va_list ap;
	int rc;

	if (o->tty && buf_addstr(out, ESC_BOLD, err) < 0)
		return -1;
	va_start(ap, fmt);
	rc = buf_vaddf(out, err, fmt, ap);
	va_end(ap);
	if (rc == 0 && o->tty)
		rc = buf_addstr(out, ESC_RESET, err);
	return rc;
}

/* Text centred in width the way fmt's "{:^N}" does (extra space right). */
static int add_centred(struct buf *out, const char *text, int width,
		       struct err *err)
{
	int len = (int)strlen(text);
	int pad = len < width ? width - len : 0;

	return buf_addf(out, err, "%*s%s%*s", pad / 2, "", text,
			pad - pad / 2, "");
}

/* ucl_object_todouble(): numbers as they are, anything else 0. */
static double jdouble(const json_t *v)
{
	return json_is_number(v) ? json_number_value(v) : 0.0;
}

/* ucl_object_toint(): integers, reals truncated, anything else 0. */
static long long jint(const json_t *v)
{
	double d;

	if (json_is_integer(v))
		return (long long)json_integer_value(v);
	if (!json_is_real(v))
		return 0;
	d = json_real_value(v);
	if (!(d > -9.3e18 && d < 9.3e18))
		return d > 0 ? LLONG_MAX : LLONG_MIN;
	return (long long)d;
}

/* A C++ double-to-int conversion as x86 does it (INT_MIN when out of range). */
static int trunc_int(double d)
{
	if (!(d > -2147483649.0 && d < 2147483648.0))
		return INT_MIN;
	return (int)d;
}

/*
 * fmt's "{}" for a double: the shortest text that reads back the same,
 * fixed notation for decimal exponents -4..15, else "1e+17" style.
 */
static void format_shortest(double d, char *res, size_t size)
{
	char tmp[40], digits[20];
	const char *sign = signbit(d) ? "-" : "";
	int p, e, nd = 0;
	char *s, *mark;

	if (isnan(d) || isinf(d)) {
		snprintf(res, size, "%s%s", isnan(d) ? "" : sign,
			 isnan(d) ? "nan" : "inf");
		return;
	}
	for (p = 1; p <= 17; p++) {
		snprintf(tmp, sizeof(tmp), "%.*e", p - 1, d);
		if (strtod(tmp, NULL) == d)
			break;
	}
	s = tmp + (tmp[0] == '-');
	mark = strchr(s, 'e');
	e = (int)strtol(mark + 1, NULL, 10);
	for (; s < mark; s++)
		if (*s >= '0' && *s <= '9')
			digits[nd++] = *s;
	while (nd > 1 && digits[nd - 1] == '0')
		nd--;
	digits[nd] = '\0';
	if (e < -4 || e >= 16)
		snprintf(res, size, "%s%c%s%se%c%02d", sign, digits[0],
			 nd > 1 ? "." : "", digits + 1, e < 0 ? '-' : '+',
			 e < 0 ? -e : e);
	else if (e < 0)
		snprintf(res, size, "%s0.%.*s%s", sign, -e - 1, "000", digits);
	else if (nd <= e + 1)
		snprintf(res, size, "%s%s%.*s", sign, digits, e + 1 - nd,
			 "000000000000000");
	else
		snprintf(res, size, "%s%.*s.%s", sign, e + 1, digits,
			 digits + e + 1);
}

/* ---- libstdc++'s std::stable_sort, comparator and all ------------------ */

/*
 * rspamc sorts with std::stable_sort and comparators that are not strict
 * weak orders (scores compared after truncation to int, "not equal" as
 * "less"). The result then depends on the algorithm, so this is the same
 * algorithm (libstdc++: two halves, each sorted in chunks of 7 by insertion
 * then merged through a buffer, then one adaptive merge).
 */
struct sorter {
	bool (*less)(const void *a, const void *b, const void *ctx);
	const void *ctx;
};

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

static int stable_sort(const void **v, size_t n, const struct sorter *s,
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

/* One sortable item: its name and the JSON object holding its fields. */
struct sort_item {
	const char *name;
	const json_t *obj;      /* NULL: no fields (built result) */
	const struct result_symbol *sym; /* scan symbols only */
};

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
		return trunc_int(fabs(b->sym->score) * 1000.0 -
				 fabs(a->sym->score) * 1000.0);
	}
	if (ea == NULL || eb == NULL)
		return 0;
	if (spec->key == SORT_HITS)
		return (int)(uint32_t)(uint64_t)(jint(eb) - jint(ea));
	da = jdouble(ea);
	db = jdouble(eb);
	if (spec->key == SORT_SCORE) {
		da = fabs(da);
		db = fabs(db);
	}
	return trunc_int(db * 1000.0 - da * 1000.0);
}

static bool sort_less(const void *a, const void *b, const void *ctx)
{
	const struct sort_spec *spec = ctx;
	int order = sort_order(spec, a, b);

	return spec->inverse ? order > 0 : order < 0;
}

static int sort_items(struct sort_item **items, size_t n, const char *sort,
		      struct err *err)
{
	struct sort_spec spec;
	struct sorter s;

	sort_spec_parse(&spec, sort);
	if (spec.key == SORT_NONE)
		return 0;
	s.less = sort_less;
	s.ctx = &spec;
	return stable_sort((const void **)items, n, &s, err);
}

/* ---- pieces shared by every output ------------------------------------ */

static bool heading_shown(const struct output_opts *o)
{
	return o->heading &&
	       (o->format == OUTPUT_TEXT || o->format == OUTPUT_UCL);
}

int output_seconds(struct buf *out, double t, struct err *err)
{
	return buf_addf(out, err, "%.3g", t);
}

static int put_heading(struct buf *out, const char *cmd, const char *name,
		       double elapsed, const struct output_opts *o,
		       struct err *err)
{
	if (!heading_shown(o))
		return 0;
	if (buf_addstr(out, name != NULL ? "Results for file: " :
		       "Results for command: ", err) < 0 ||
	    add_em(out, o, err, "%s", name != NULL ? name : cmd) < 0 ||
	    buf_addstr(out, " (", err) < 0 ||
	    output_seconds(out, elapsed, err) < 0 ||
	    buf_addstr(out, " seconds)\n", err) < 0)
		return -1;
	return 0;
}

static int put_http_headers(struct buf *out, const struct http_reply *reply,
			    const struct output_opts *o, struct err *err)
{
	size_t i;

	if (!o->heading || !o->headers || reply == NULL)
		return 0;
	for (i = 0; i < reply->n_headers; i++)
		if (buf_addf(out, err, "%s: %s\n", reply->headers[i].name,
			     reply->headers[i].value) < 0)
			return -1;
	return buf_addch(out, '\n', err);
}

/* The body after Message-Offset, if the reply carries a non-empty one. */
static const char *new_body(const struct http_reply *reply, size_t *len_r)
{
	const char *v;
	char *end;
	unsigned long long off;

	if (reply == NULL ||
	    (v = http_reply_header(reply, "Message-Offset")) == NULL)
		return NULL;
	off = strtoull(v, &end, 10);
	if (end == v || off >= reply->body.len)
		return NULL;
	*len_r = reply->body.len - (size_t)off;
	return reply->body.data + off;
}

/* "New body:" and the final empty line, both only outside --exec. */
static int put_tail(struct buf *out, const struct http_reply *reply,
		    const struct output_opts *o, struct err *err)
{
	const char *body;
	size_t len = 0;

	if (!o->heading)
		return 0;
	body = new_body(reply, &len);
	if (body != NULL && (buf_addstr(out, "\nNew body:\n", err) < 0 ||
			     buf_add(out, body, len, err) < 0 ||
			     buf_addch(out, '\n', err) < 0))
		return -1;
	return buf_addch(out, '\n', err);
}

/*
 * The reply object in the machine format, with "filename" (when name is
 * set) and "scan_time" appended outside --exec. obj is borrowed and left
 * as it was.
 */
static int put_reply_object(struct buf *out, const json_t *obj,
			    const char *name, double elapsed,
			    const struct output_opts *o, struct err *err)
{
	enum emit_style style = o->format == OUTPUT_JSON ? EMIT_JSON :
				o->format == OUTPUT_COMPACT ? EMIT_JSON_COMPACT :
				EMIT_UCL;
	json_t *copy = NULL;
	int rc = -1;

	if (obj == NULL)
		return 0;
	copy = json_copy((json_t *)obj);
	if (copy == NULL) {
		err_set(err, "out of memory");
		goto out;
	}
	if (o->heading && json_is_object(copy)) {
		if (name != NULL &&
		    json_object_set_new(copy, "filename", json_string(name)) < 0)
			goto oom;
		if (json_object_set_new(copy, "scan_time", json_real(elapsed)) < 0)
			goto oom;
	}
	rc = emit_value(out, copy, style, err);
	goto out;
oom:
	err_set(err, "out of memory");
out:
	json_decref(copy);
	return rc;
}

/* ---- the scan report -------------------------------------------------- */

static const json_t *raw_get(const struct scan_result *r, const char *key)
{
	return r->raw != NULL ? json_object_get(r->raw, key) : NULL;
}

static int put_action(struct buf *out, const struct scan_result *r,
		      const struct output_opts *o, struct err *err)
{
	const char *known = result_known_action(r->action);
	const char *colour = NULL, *text = r->action;

	if (r->action == NULL)
		return 0;
	if (!o->tty) {
		if (buf_addf(out, err, "Action: %s\n", r->action) < 0)
			return -1;
	} else {
		if (known == NULL)
			colour = ESC_BOLD;
		else if (strcmp(known, "reject") == 0)
			colour = ESC_RED, text = known;
		else if (strcmp(known, "no action") == 0)
			colour = ESC_GREEN, text = known;
		else if (strcmp(known, "add header") == 0 ||
			 strcmp(known, "rewrite subject") == 0)
			colour = ESC_ORANGE;
		else
			colour = ESC_GREY;
		if (buf_addf(out, err, "Action: %s%s" ESC_RESET "\n", colour,
			     text) < 0)
			return -1;
	}
	if (known == NULL)
		return 0;
	return buf_addstr(out, "Spam: ", err) < 0 ||
	       add_em(out, o, err, "%s",
		      result_action_is_spam(r->action) ? "true" : "false") < 0 ||
	       buf_addch(out, '\n', err) < 0 ? -1 : 0;
}

/* "Score: x / y" needs both keys, whatever their type. */
static int put_score(struct buf *out, const struct scan_result *r,
		     const struct output_opts *o, struct err *err)
{
	double score = r->score, required = r->required_score;
	const json_t *vs, *vr;

	if (r->raw != NULL) {
		vs = raw_get(r, "score");
		vr = raw_get(r, "required_score");
		if (vs == NULL || vr == NULL)
			return 0;
		score = jdouble(vs);
		required = jdouble(vr);
	} else if (!r->has_score || !r->has_required) {
		return 0;
	}
	return buf_addstr(out, "Score: ", err) < 0 ||
	       add_em(out, o, err, "%.2f", score) < 0 ||
	       buf_addstr(out, " / ", err) < 0 ||
	       add_em(out, o, err, "%.2f", required) < 0 ||
	       buf_addch(out, '\n', err) < 0 ? -1 : 0;
}

static int put_symbol(struct buf *out, const struct sort_item *it,
		      struct err *err)
{
	const struct result_symbol *s = it->sym;
	const json_t *score = NULL;
	size_t i;

	if (buf_addf(out, err, "Symbol: %s ", s->name) < 0)
		return -1;
	/* A "score" of the wrong type still prints, as 0.00. */
	if (json_is_object(it->obj))
		score = json_object_get(it->obj, "score");
	if (s->has_score || score != NULL) {
		if (buf_addf(out, err, "(%.2f)",
			     s->has_score ? s->score : jdouble(score)) < 0)
			return -1;
	}
	if (s->has_options) {
		if (buf_addch(out, '[', err) < 0)
			return -1;
		for (i = 0; i < s->n_options; i++)
			if (buf_addf(out, err, "%s%s", i ? ", " : "",
				     s->options[i]) < 0)
				return -1;
		if (buf_addch(out, ']', err) < 0)
			return -1;
	}
	return buf_addch(out, '\n', err);
}

static int put_symbols(struct buf *out, const struct scan_result *r,
		       const struct output_opts *o, struct err *err)
{
	const json_t *raw_syms = raw_get(r, "symbols");
	struct sort_item *items = NULL, **order = NULL;
	size_t i;
	int rc = -1;

	if (r->n_symbols == 0)
		return 0;
	items = calloc(r->n_symbols, sizeof(*items));
	order = calloc(r->n_symbols, sizeof(*order));
	if (items == NULL || order == NULL) {
		err_set(err, "out of memory");
		goto out;
	}
	for (i = 0; i < r->n_symbols; i++) {
		items[i].name = r->symbols[i].name;
		items[i].sym = &r->symbols[i];
		if (json_is_object(raw_syms))
			items[i].obj = json_object_get(raw_syms,
						       r->symbols[i].name);
		order[i] = &items[i];
	}
	if (sort_items(order, r->n_symbols, o->sort, err) < 0)
		goto out;
	for (i = 0; i < r->n_symbols; i++)
		if (put_symbol(out, order[i], err) < 0)
			goto out;
	rc = 0;
out:
	free(order);
	free(items);
	return rc;
}

static int put_labelled_json(struct buf *out, const char *label,
			     const json_t *v, enum emit_style style,
			     struct err *err)
{
	if (v == NULL)
		return 0;
	if (buf_addf(out, err, "%s: ", label) < 0 ||
	    emit_value(out, v, style, err) < 0)
		return -1;
	return buf_addch(out, '\n', err);
}

static int put_urls(struct buf *out, const struct scan_result *r,
		    const struct output_opts *o, struct err *err)
{
	enum emit_style style = o->extended_urls ? EMIT_JSON : EMIT_JSON_COMPACT;
	const json_t *urls = r->raw != NULL ? raw_get(r, "urls") : r->urls;
	const json_t *emails = r->raw != NULL ? raw_get(r, "emails") : r->emails;

	if (put_labelled_json(out, "Urls", urls, style, err) < 0)
		return -1;
	return put_labelled_json(out, "Emails", emails, style, err);
}

static int put_messages(struct buf *out, const struct scan_result *r,
			struct err *err)
{
	struct buf text = BUF_INIT;
	const char *key;
	json_t *v;
	int rc = -1;

	if (!json_is_object(r->messages))
		return 0;
	json_object_foreach(r->messages, key, v) {
		if (json_is_string(v)) {
			if (buf_addf(out, err, "Message - %s: %s\n", key,
				     json_string_value(v)) < 0)
				goto out;
			continue;
		}
		buf_reset(&text);
		if (emit_value(&text, v, EMIT_JSON_COMPACT, err) < 0 ||
		    buf_addf(out, err, "Message - %s: ", key) < 0 ||
		    buf_add(out, text.data,
			    text.len < MESSAGE_MAX_BYTES ? text.len :
							   MESSAGE_MAX_BYTES,
			    err) < 0 ||
		    buf_addch(out, '\n', err) < 0)
			goto out;
	}
	rc = 0;
out:
	buf_release(&text);
	return rc;
}

/* ucl_object_compare() != 0: what rspamc's profile sort uses as "less". */
static int json_kind(const json_t *v)
{
	/* libucl's type order: object, array, int, float, string, boolean, null */
	switch (json_typeof(v)) {
	case JSON_OBJECT: return 0;
	case JSON_ARRAY: return 1;
	case JSON_INTEGER: return 2;
	case JSON_REAL: return 3;
	case JSON_STRING: return 4;
	case JSON_TRUE:
	case JSON_FALSE: return 5;
	default: return 8;
	}
}

static bool profile_less(const void *a, const void *b, const void *ctx)
{
	const json_t *va = ((const struct sort_item *)a)->obj;
	const json_t *vb = ((const struct sort_item *)b)->obj;

	(void)ctx;
	if (json_kind(va) != json_kind(vb))
		return true;
	switch (json_typeof(va)) {
	case JSON_INTEGER:
	case JSON_REAL:
		return trunc_int(jdouble(va) - jdouble(vb)) != 0;
	case JSON_TRUE:
	case JSON_FALSE:
		return json_typeof(va) != json_typeof(vb);
	case JSON_NULL:
		return false;
	default:
		return !json_equal((json_t *)va, (json_t *)vb);
	}
}

static int put_profile_entry(struct buf *out, const struct sort_item *it,
			     struct err *err)
{
	char num[64];

	format_shortest(jdouble(it->obj), num, sizeof(num));
	return buf_addf(out, err, "\t%s: %3s usec\n", it->name, num);
}

static int put_profile(struct buf *out, const struct scan_result *r,
		       struct err *err)
{
	const json_t *prof = r->raw != NULL ? raw_get(r, "profile") : r->profile;
	struct sort_item *items = NULL, **order = NULL;
	struct sorter s = { profile_less, NULL };
	size_t n = 0, i;
	const char *key;
	json_t *v;
	int rc = -1;

	if (prof == NULL)
		return 0;
	if (buf_addstr(out, "Profile data:\n", err) < 0)
		return -1;
	if (json_is_array(prof))
		return 0;
	/* A scalar iterates as itself, under its own key. */
	n = json_is_object(prof) ? json_object_size(prof) : 1;
	items = calloc(n + 1, sizeof(*items));
	order = calloc(n + 1, sizeof(*order));
	if (items == NULL || order == NULL) {
		err_set(err, "out of memory");
		goto out;
	}
	i = 0;
	if (json_is_object(prof)) {
		json_object_foreach((json_t *)prof, key, v) {
			items[i].name = key;
			items[i].obj = v;
			order[i] = &items[i];
			i++;
		}
	} else {
		items[0].name = "profile";
		items[0].obj = prof;
		order[0] = &items[0];
	}
	if (stable_sort((const void **)order, n, &s, err) < 0)
		goto out;
	for (i = 0; i < n; i++)
		if (put_profile_entry(out, order[i], err) < 0)
			goto out;
	rc = 0;
out:
	free(order);
	free(items);
	return rc;
}

static int put_scan_text(struct buf *out, const struct scan_result *r,
			 const struct output_opts *o, struct err *err)
{
	size_t i;

	if (buf_addstr(out, "[Metric: default]\n", err) < 0)
		return -1;
	/*
	 * Which engine scanned, for the in-process scanner only: a remote
	 * scan's report stays line for line rspamc 3.4's.
	 */
	if (r->scanner != NULL && strcmp(r->scanner, "rspamc 3.4") != 0 &&
	    buf_addf(out, err, "Scanner: %s\n", r->scanner) < 0)
		return -1;
	if (put_action(out, r, o, err) < 0)
		return -1;
	if (r->subject != NULL &&
	    (buf_addstr(out, "Subject: ", err) < 0 ||
	     add_em(out, o, err, "%s", r->subject) < 0 ||
	     buf_addch(out, '\n', err) < 0))
		return -1;
	if (put_score(out, r, o, err) < 0 || put_symbols(out, r, o, err) < 0)
		return -1;
	if (r->message_id != NULL &&
	    buf_addf(out, err, "Message-ID: %s\n", r->message_id) < 0)
		return -1;
	if (r->queue_id != NULL &&
	    buf_addf(out, err, "Queue-ID: %s\n", r->queue_id) < 0)
		return -1;
	if (put_urls(out, r, o, err) < 0)
		return -1;
	if (r->error != NULL &&
	    buf_addf(out, err, "Scan error: %s\n", r->error) < 0)
		return -1;
	if (put_messages(out, r, err) < 0)
		return -1;
	for (i = 0; i < r->n_dkim_signatures; i++)
		if (buf_addf(out, err, "DKIM-Signature: %s\n",
			     r->dkim_signatures[i]) < 0)
			return -1;
	return put_profile(out, r, err);
}

/* ---- the C locale around every public call ---------------------------- */

struct c_locale {
	locale_t c;
	locale_t old;
};

static void c_locale_enter(struct c_locale *l)
{
	l->c = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
	l->old = l->c != (locale_t)0 ? uselocale(l->c) : (locale_t)0;
}

static void c_locale_leave(struct c_locale *l)
{
	if (l->c == (locale_t)0)
		return;
	uselocale(l->old);
	freelocale(l->c);
}

int output_scan(struct buf *out, const char *name, double elapsed,
		const struct scan_result *r, const struct http_reply *reply,
		const struct output_opts *o, struct err *err)
{
	struct c_locale loc;
	json_t *obj = NULL;
	int rc = -1;

	c_locale_enter(&loc);
	if (put_heading(out, NULL, name, elapsed, o, err) < 0 ||
	    put_http_headers(out, reply, o, err) < 0)
		goto out;
	if (o->format == OUTPUT_TEXT) {
		if (put_scan_text(out, r, o, err) < 0)
			goto out;
	} else {
		obj = result_to_json(r);
		if (obj == NULL) {
			err_set(err, "out of memory");
			goto out;
		}
		if (put_reply_object(out, obj, name, elapsed, o, err) < 0)
			goto out;
	}
	rc = put_tail(out, reply, o, err);
out:
	json_decref(obj);
	c_locale_leave(&loc);
	return rc;
}

/* ---- other commands ---------------------------------------------------- */

static int put_stat_actions(struct buf *out, const json_t *obj,
			    long long scanned, const struct output_opts *o,
			    struct err *err)
{
	const json_t *actions = json_object_get(obj, "actions"), *v;
	long long cnt, spam, ham;
	const char *key;

	if (scanned <= 0)
		return 0;
	if (json_is_object(actions)) {
		json_object_foreach((json_t *)actions, key, v) {
			cnt = jint(v);
			if (buf_addf(out, err, "Messages with action %s: ",
				     key) < 0 ||
			    add_em(out, o, err, "%lld", cnt) < 0 ||
			    buf_addf(out, err, ", %.2f%%\n",
				     (double)cnt / (double)scanned * 100.) < 0)
				return -1;
		}
	}
	spam = jint(json_object_get(obj, "spam_count"));
	ham = jint(json_object_get(obj, "ham_count"));
	if (buf_addstr(out, "Messages treated as spam: ", err) < 0 ||
	    add_em(out, o, err, "%lld", spam) < 0 ||
	    buf_addf(out, err, ", %.2f%%\n",
		     (double)spam / (double)scanned * 100.) < 0 ||
	    buf_addstr(out, "Messages treated as ham: ", err) < 0 ||
	    add_em(out, o, err, "%lld", ham) < 0 ||
	    buf_addf(out, err, ", %.2f%%\n",
		     (double)ham / (double)scanned * 100.) < 0)
		return -1;
	return 0;
}

/* "Name: <bold N>\n" for one integer key. */
static int put_stat_count(struct buf *out, const char *label,
			  const json_t *obj, const char *key,
			  const struct output_opts *o, struct err *err)
{
	if (buf_addf(out, err, "%s: ", label) < 0 ||
	    add_em(out, o, err, "%lld", jint(json_object_get(obj, key))) < 0)
		return -1;
	return buf_addch(out, '\n', err);
}

/* The mean of the numeric scan_times, each taken as a float as rspamc does. */
static int put_stat_avg(struct buf *out, const json_t *obj,
			const struct output_opts *o, struct err *err)
{
	const json_t *times = json_object_get(obj, "scan_times"), *v;
	double sum = 0, c = 0, y, t;
	size_t i, cnt = 0;

	if (!json_is_array(times))
		return 0;
	json_array_foreach(times, i, v) {
		if (!json_is_number(v))
			continue;
		/* Kahan summation over single-precision values. */
		y = (double)(float)json_number_value(v) - c;
		t = sum + y;
		c = (t - sum) - y;
		sum = t;
		cnt++;
	}
	if (cnt == 0)
		return 0;
	if (buf_addstr(out, "Average scan time: ", err) < 0 ||
	    add_em(out, o, err, "%.3f", sum / (double)cnt) < 0)
		return -1;
	return buf_addstr(out, " sec\n", err);
}

static int put_stat_pools(struct buf *out, const json_t *obj,
			  struct err *err)
{
	static const char *const rows[][2] = {
		{ "Pools allocated", "pools_allocated" },
		{ "Pools freed", "pools_freed" },
		{ "Bytes allocated", "bytes_allocated" },
		{ "Memory chunks allocated", "chunks_allocated" },
		{ "Shared chunks allocated", "shared_chunks_allocated" },
		{ "Chunks freed", "chunks_freed" },
		{ "Oversized chunks", "chunks_oversized" },
	};
	size_t i;

	for (i = 0; i < sizeof(rows) / sizeof(*rows); i++)
		if (buf_addf(out, err, "%s: %lld\n", rows[i][0],
			     jint(json_object_get(obj, rows[i][1]))) < 0)
			return -1;
	return 0;
}

static int put_int_list(struct buf *out, const char *label, const json_t *arr,
			struct err *err)
{
	const json_t *v;
	size_t i;

	if (!json_is_array(arr))
		return 0;
	if (buf_addf(out, err, "%s: ", label) < 0)
		return -1;
	json_array_foreach(arr, i, v)
		if (buf_addf(out, err, "%lld ", jint(v)) < 0)
			return -1;
	return buf_addch(out, '\n', err);
}

static int put_stat_fuzzy(struct buf *out, const json_t *obj, struct err *err)
{
	const json_t *hashes = json_object_get(obj, "fuzzy_hashes"), *v;
	unsigned long long stored = 0;
	const char *key;

	if (json_is_object(hashes)) {
		json_object_foreach((json_t *)hashes, key, v) {
			if (buf_addf(out, err,
				     "Fuzzy hashes in storage \"%s\": %lld\n",
				     key, jint(v)) < 0)
				return -1;
			stored += (unsigned long long)jint(v);
		}
		if (buf_addf(out, err, "Fuzzy hashes stored: %llu\n",
			     stored) < 0)
			return -1;
	}
	if (put_int_list(out, "Fuzzy hashes checked",
			 json_object_get(obj, "fuzzy_checked"), err) < 0)
		return -1;
	return put_int_list(out, "Fuzzy hashes found",
			    json_object_get(obj, "fuzzy_found"), err);
}

static const char *jstr(const json_t *obj, const char *key)
{
	return json_string_value(json_object_get(obj, key));
}

static int put_statfile(struct buf *out, const json_t *st, struct err *err)
{
	long long blocks = jint(json_object_get(st, "total"));
	long long used = jint(json_object_get(st, "used"));
	const char *symbol = jstr(st, "symbol"), *type = jstr(st, "type");
	const char *label = jstr(st, "label");

	if (buf_addf(out, err, "Statfile: %s ", symbol ? symbol : "") < 0 ||
	    (label != NULL && buf_addf(out, err, "<%s> ", label) < 0))
		return -1;
	return buf_addf(out, err,
			"type: %s; length: %lld; free blocks: %lld; "
			"total blocks: %lld; free: %.2f%%; learned: %lld; "
			"users: %lld; languages: %lld\n",
			type ? type : "", jint(json_object_get(st, "size")),
			blocks - used, blocks,
			blocks > 0 ? (double)(blocks - used) * 100.0 /
					     (double)blocks : 0.0,
			jint(json_object_get(st, "revision")),
			jint(json_object_get(st, "users")),
			jint(json_object_get(st, "languages")));
}

static int put_stat(struct buf *out, const json_t *obj,
		    const struct output_opts *o, struct err *err)
{
	const json_t *files = json_object_get(obj, "statfiles"), *v;
	long long scanned = jint(json_object_get(obj, "scanned"));
	size_t i;

	if (buf_addstr(out, "Messages scanned: ", err) < 0 ||
	    add_em(out, o, err, "%lld", scanned) < 0 ||
	    buf_addch(out, '\n', err) < 0 ||
	    put_stat_actions(out, obj, scanned, o, err) < 0 ||
	    put_stat_count(out, "Messages learned", obj, "learned", o, err) < 0 ||
	    put_stat_count(out, "Connections count", obj, "connections", o,
			   err) < 0 ||
	    put_stat_count(out, "Control connections count", obj,
			   "control_connections", o, err) < 0 ||
	    put_stat_avg(out, obj, o, err) < 0 ||
	    put_stat_pools(out, obj, err) < 0 ||
	    put_stat_fuzzy(out, obj, err) < 0)
		return -1;
	if (json_is_array(files))
		json_array_foreach(files, i, v)
			if (put_statfile(out, v, err) < 0)
				return -1;
	return buf_addf(out, err, "Total learns: %lld\n",
			jint(json_object_get(obj, "total_learns")));
}

static int put_counters_rule(struct buf *out, const char *dashes, bool bold,
			     const struct output_opts *o, struct err *err)
{
	if (buf_addch(out, ' ', err) < 0 ||
	    (bold ? add_em(out, o, err, "%s", dashes) :
		    buf_addstr(out, dashes, err)) < 0)
		return -1;
	return buf_addstr(out, " \n", err);
}

static int put_counters_header(struct buf *out, const char *c1,
			       const char *c2, int width, const char *c3,
			       const char *c4, const char *c5, struct err *err)
{
	if (buf_addf(out, err, "| %-4s | %-*s | ", c1, width, c2) < 0 ||
	    add_centred(out, c3, 7, err) < 0 || buf_addstr(out, " | ", err) < 0 ||
	    add_centred(out, c4, 13, err) < 0 || buf_addstr(out, " | ", err) < 0 ||
	    add_centred(out, c5, 7, err) < 0)
		return -1;
	return buf_addstr(out, " |\n", err);
}

static int put_counters_row(struct buf *out, size_t idx, const json_t *row,
			    int width, struct err *err)
{
	const json_t *sym = json_object_get(row, "symbol");
	const json_t *weight = json_object_get(row, "weight");
	const json_t *freq = json_object_get(row, "frequency");
	const json_t *hits = json_object_get(row, "hits");
	const char *name = json_string_value(sym);
	char num[64];

	if (sym == NULL || weight == NULL || freq == NULL || hits == NULL)
		return 0;
	if (name == NULL)
		name = "";
	if ((int)strlen(name) > width) {
		if (buf_addf(out, err, "| %-4zu | %.*s...", idx, width - 3,
			     name) < 0)
			return -1;
	} else if (buf_addf(out, err, "| %-4zu | %-*s", idx, width, name) < 0) {
		return -1;
	}
	if (buf_addstr(out, " | ", err) < 0)
		return -1;
	snprintf(num, sizeof(num), "%.1f", jdouble(weight));
	if (add_centred(out, num, 7, err) < 0 || buf_addstr(out, " | ", err) < 0)
		return -1;
	snprintf(num, sizeof(num), "%.3f", jdouble(freq) * 60.0);
	if (add_centred(out, num, 6, err) < 0 || buf_addch(out, '(', err) < 0)
		return -1;
	snprintf(num, sizeof(num), "%.3f",
		 jdouble(json_object_get(row, "frequency_stddev")) * 60.0);
	if (add_centred(out, num, 5, err) < 0 || buf_addstr(out, ") | ", err) < 0)
		return -1;
	snprintf(num, sizeof(num), "%ju", (uintmax_t)jint(hits));
	if (add_centred(out, num, 7, err) < 0)
		return -1;
	return buf_addstr(out, " |\n", err);
}

static int counters_width(const json_t *arr)
{
	size_t i, len, max = strlen("Symbol");
	const json_t *row;
	const char *s;

	json_array_foreach(arr, i, row) {
		s = json_string_value(json_object_get(row, "symbol"));
		len = s != NULL ? strlen(s) : 0;
		if (len > max)
			max = len;
	}
	return (int)(max < COUNTERS_MAX_NAME ? max : COUNTERS_MAX_NAME);
}

static int put_counters(struct buf *out, const json_t *arr,
			const struct output_opts *o, struct err *err)
{
	size_t n = json_array_size(arr), i;
	struct sort_item *items = NULL, **order = NULL;
	char dashes[COUNTERS_DASHES + COUNTERS_MAX_NAME + 1];
	int width, rc = -1;

	if (!json_is_array(arr))
		return buf_addstr(out, "Bad output\n", err);
	width = counters_width(arr);
	memset(dashes, '-', (size_t)(COUNTERS_DASHES + width));
	dashes[COUNTERS_DASHES + width] = '\0';
	items = calloc(n + 1, sizeof(*items));
	order = calloc(n + 1, sizeof(*order));
	if (items == NULL || order == NULL) {
		err_set(err, "out of memory");
		goto out;
	}
	for (i = 0; i < n; i++) {
		items[i].obj = json_array_get(arr, i);
		items[i].name = json_string_value(
			json_object_get(items[i].obj, "symbol"));
		order[i] = &items[i];
	}
	if (sort_items(order, n, o->sort, err) < 0)
		goto out;
	if (buf_addstr(out, "Symbols cache\n", err) < 0 ||
	    put_counters_rule(out, dashes, true, o, err) < 0 ||
	    put_counters_header(out, "Pri", "Symbol", width, "Weight",
				"Frequency", "Hits", err) < 0 ||
	    put_counters_rule(out, dashes, true, o, err) < 0 ||
	    put_counters_header(out, "", "", width, "", "hits/min", "",
				err) < 0)
		goto out;
	for (i = 0; i < n; i++)
		if (put_counters_rule(out, dashes, false, o, err) < 0 ||
		    put_counters_row(out, i, order[i]->obj, width, err) < 0)
			goto out;
	rc = put_counters_rule(out, dashes, false, o, err);
out:
	free(order);
	free(items);
	return rc;
}

/* rspamc 3.4's uptime text, its two literal "%s" included. */
static int put_uptime(struct buf *out, const json_t *obj, struct err *err)
{
	const json_t *up = json_object_get(obj, "uptime");
	long long s, d, h, m;

	if (json_object_get(obj, "version") != NULL &&
	    buf_addstr(out, "Rspamd version: %s\n", err) < 0)
		return -1;
	if (up == NULL)
		return 0;
	s = jint(up);
	if (s >= 2 * 3600) {
		d = s / 86400;
		h = s / 3600 - d * 24;
		m = s / 60 - h * 60 - d * 1440;
		return buf_addf(out, err,
				"Uptime: %lld day%s %lld hour%s %lld minute%s\n",
				d, d > 1 ? "s" : "", h, h > 1 ? "s" : "", m,
				m > 1 ? "s" : "");
	}
	if (s / 60 == 0)
		return buf_addf(out, err, "Uptime: %lld second%%s\n", s);
	h = s / 3600;
	m = s / 60 - h * 60;
	s -= h * 3600 + m * 60;
	return buf_addf(out, err, "Uptime: %lld hour %lld minute%s %lld second%s\n",
			h, m, m > 1 ? "s" : "", s, s > 1 ? "s" : "");
}

static int put_command_text(struct buf *out, const char *cmd, const char *name,
			    double elapsed, const json_t *obj,
			    const struct output_opts *o, struct err *err)
{
	struct output_opts ucl = *o;

	if (strcmp(cmd, "stat") == 0 || strcmp(cmd, "stat_reset") == 0)
		return put_stat(out, obj, o, err);
	if (strcmp(cmd, "counters") == 0)
		return put_counters(out, obj, o, err);
	if (strcmp(cmd, "uptime") == 0)
		return put_uptime(out, obj, err);
	/* learn_*, fuzzy_*: the reply as UCL. */
	ucl.format = OUTPUT_UCL;
	return put_reply_object(out, obj, name, elapsed, &ucl, err);
}

int output_command(struct buf *out, const char *cmd, const char *name,
		   double elapsed, json_t *reply_obj,
		   const struct http_reply *reply, const struct output_opts *o,
		   struct err *err)
{
	struct c_locale loc;
	int rc = -1;

	c_locale_enter(&loc);
	if (put_heading(out, cmd, name, elapsed, o, err) < 0 ||
	    put_http_headers(out, reply, o, err) < 0)
		goto out;
	if (o->format == OUTPUT_TEXT)
		rc = put_command_text(out, cmd, name, elapsed, reply_obj, o, err);
	else
		rc = put_reply_object(out, reply_obj, name, elapsed, o, err);
	if (rc == 0)
		rc = put_tail(out, reply, o, err);
out:
	c_locale_leave(&loc);
	return rc;
}

int output_error(struct buf *out, const char *cmd, const char *name,
		 double elapsed, const char *error,
		 const struct http_reply *reply, const struct output_opts *o,
		 struct err *err)
{
	struct c_locale loc;
	bool echo = o->json || o->format == OUTPUT_JSON;
	int rc = -1;

	c_locale_enter(&loc);
	if (put_heading(out, cmd, name, elapsed, o, err) < 0 ||
	    buf_addf(out, err, "%s\n", error) < 0)
		goto out;
	if (!o->heading) {
		rc = 0;
		goto out;
	}
	/* With -j, the whole reply body, Message-Offset or not. */
	if (echo && reply != NULL && reply->body.len > 0 &&
	    (buf_add(out, reply->body.data, reply->body.len, err) < 0 ||
	     buf_addch(out, '\n', err) < 0))
		goto out;
	rc = buf_addch(out, '\n', err);
out:
	c_locale_leave(&loc);
	return rc;
}
