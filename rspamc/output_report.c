/*
 * output_report.c - see output_report.h.
 */
#include "output_report.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "emit.h"
#include "output_fmt.h"
#include "output_sort.h"

/* Non-string messages are cut to this many bytes (even inside UTF-8). */
#define MESSAGE_MAX_BYTES 60

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
	       fmt_em(out, o, err, "%s",
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
		score = fmt_todouble(vs);
		required = fmt_todouble(vr);
	} else if (!r->has_score || !r->has_required) {
		return 0;
	}
	return buf_addstr(out, "Score: ", err) < 0 ||
	       fmt_em(out, o, err, "%.2f", score) < 0 ||
	       buf_addstr(out, " / ", err) < 0 ||
	       fmt_em(out, o, err, "%.2f", required) < 0 ||
	       buf_addch(out, '\n', err) < 0 ? -1 : 0;
}

/*
 * "(%.2f)" of v. A run prints the same few symbol weights over and over,
 * and printf's float formatting is the costly part of the report: the
 * text of recent values is kept, per thread, keyed by v's bits.
 */
#define SCORE_CACHE 64

struct score_text {
	uint64_t bits;
	bool used;
	char text[48];
};

static int put_weight(struct buf *out, double v, struct err *err)
{
	static _Thread_local struct score_text cache[SCORE_CACHE];
	struct score_text *e;
	uint64_t bits;

	memcpy(&bits, &v, sizeof(bits));
	e = &cache[(bits ^ (bits >> 29) ^ (bits >> 47)) % SCORE_CACHE];
	if (!e->used || e->bits != bits) {
		if (snprintf(e->text, sizeof(e->text), "(%.2f)", v) >=
		    (int)sizeof(e->text)) {
			e->used = false;
			return buf_addf(out, err, "(%.2f)", v);
		}
		e->bits = bits;
		e->used = true;
	}
	return buf_addstr(out, e->text, err);
}

/* A string as "%s" prints it (glibc's "(null)" for NULL), without the
 * cost of a format. */
static int put_str(struct buf *out, const char *s, struct err *err)
{
	return buf_addstr(out, s != NULL ? s : "(null)", err);
}

static int put_symbol(struct buf *out, const struct sort_item *it,
		      struct err *err)
{
	const struct result_symbol *s = it->sym;
	const json_t *score = NULL;
	size_t i;

	if (buf_addstr(out, "Symbol: ", err) < 0 ||
	    put_str(out, s->name, err) < 0 || buf_addch(out, ' ', err) < 0)
		return -1;
	/* A "score" of the wrong type still prints, as 0.00. */
	if (json_is_object(it->obj))
		score = json_object_get(it->obj, "score");
	if (s->has_score || score != NULL) {
		if (put_weight(out, s->has_score ? s->score :
				  fmt_todouble(score), err) < 0)
			return -1;
	}
	if (s->has_options) {
		if (buf_addch(out, '[', err) < 0)
			return -1;
		for (i = 0; i < s->n_options; i++)
			if ((i > 0 && buf_addstr(out, ", ", err) < 0) ||
			    put_str(out, s->options[i], err) < 0)
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
		return fmt_trunc_int(fmt_todouble(va) - fmt_todouble(vb)) != 0;
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

	fmt_shortest(fmt_todouble(it->obj), num, sizeof(num));
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
	if (sort_stable((const void **)order, n, &s, err) < 0)
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

int report_scan(struct buf *out, const struct scan_result *r,
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
	     fmt_em(out, o, err, "%s", r->subject) < 0 ||
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
