/*
 * result.c - see result.h.
 *
 * Reading is lenient like rspamc 3.4: a key of the wrong type is treated
 * as absent. Writing (result_to_json without raw) follows the key order of
 * rspamd 3.4's protocol v2 reply, so a result built field by field prints
 * like one received from a server.
 */
#include "result.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "emit.h"

/*
 * arr (n elements of size bytes) reallocated to hold one more, or NULL
 * with arr untouched. The caller stores the result.
 */
static void *grow_one(void *arr, size_t n, size_t size)
{
	if (n >= SIZE_MAX / size - 1)
		return NULL;
	return realloc(arr, (n + 1) * size);
}

static void free_strv(char **v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

void result_init(struct scan_result *r)
{
	memset(r, 0, sizeof(*r));
}

static void symbol_release(struct result_symbol *s)
{
	free(s->name);
	free(s->description);
	free_strv(s->options, s->n_options);
}

void result_release(struct scan_result *r)
{
	size_t i;

	free(r->action);
	free(r->subject);
	for (i = 0; i < r->n_symbols; i++)
		symbol_release(&r->symbols[i]);
	free(r->symbols);
	json_decref(r->messages);
	json_decref(r->urls);
	json_decref(r->emails);
	free(r->message_id);
	free(r->queue_id);
	free_strv(r->dkim_signatures, r->n_dkim_signatures);
	for (i = 0; i < r->n_add_headers; i++) {
		free(r->add_headers[i].name);
		free(r->add_headers[i].value);
	}
	free(r->add_headers);
	for (i = 0; i < r->n_remove_headers; i++)
		free(r->remove_headers[i].name);
	free(r->remove_headers);
	for (i = 0; i < r->n_thresholds; i++)
		free(r->thresholds[i].action);
	free(r->thresholds);
	json_decref(r->profile);
	free(r->error);
	free(r->scanner);
	json_decref(r->raw);
	free(r->warning);
	result_init(r);
}

int result_set_str(char **field, const char *value)
{
	char *copy = NULL;

	if (value != NULL && (copy = strdup(value)) == NULL)
		return -1;
	free(*field);
	*field = copy;
	return 0;
}

struct result_symbol *result_add_symbol(struct scan_result *r,
					const char *name, double score,
					double metric_score,
					const char *description)
{
	struct result_symbol *s;

	s = grow_one(r->symbols, r->n_symbols, sizeof(*s));
	if (s == NULL)
		return NULL;
	r->symbols = s;
	s = &r->symbols[r->n_symbols];
	memset(s, 0, sizeof(*s));
	if (result_set_str(&s->name, name) < 0 ||
	    result_set_str(&s->description, description) < 0) {
		symbol_release(s);
		return NULL;
	}
	s->has_score = true;
	s->score = score;
	s->metric_score = metric_score;
	r->n_symbols++;
	return s;
}

int result_symbol_add_option(struct result_symbol *s, const char *opt)
{
	char **v, *copy;

	v = grow_one(s->options, s->n_options, sizeof(*v));
	if (v == NULL)
		return -1;
	s->options = v;
	if ((copy = strdup(opt)) == NULL)
		return -1;
	s->options[s->n_options++] = copy;
	s->has_options = true;
	return 0;
}

int result_add_dkim_signature(struct scan_result *r, const char *sig)
{
	char **v, *copy;

	v = grow_one(r->dkim_signatures, r->n_dkim_signatures, sizeof(*v));
	if (v == NULL)
		return -1;
	r->dkim_signatures = v;
	if ((copy = strdup(sig)) == NULL)
		return -1;
	r->dkim_signatures[r->n_dkim_signatures++] = copy;
	return 0;
}

int result_add_milter_header(struct scan_result *r, const char *name,
			     const char *value, int order)
{
	struct result_add_header *h;

	h = grow_one(r->add_headers, r->n_add_headers, sizeof(*h));
	if (h == NULL)
		return -1;
	r->add_headers = h;
	h = &r->add_headers[r->n_add_headers];
	h->name = strdup(name);
	h->value = strdup(value);
	h->order = order;
	if (h->name == NULL || h->value == NULL) {
		free(h->name);
		free(h->value);
		return -1;
	}
	r->n_add_headers++;
	return 0;
}

int result_add_remove_header(struct scan_result *r, const char *name,
			     int index)
{
	struct result_remove_header *h;

	h = grow_one(r->remove_headers, r->n_remove_headers, sizeof(*h));
	if (h == NULL)
		return -1;
	r->remove_headers = h;
	h = &r->remove_headers[r->n_remove_headers];
	if ((h->name = strdup(name)) == NULL)
		return -1;
	h->index = index;
	r->n_remove_headers++;
	return 0;
}

/* Reading a reply. */

static int oom(struct err *err)
{
	return err_set(err, "out of memory");
}

/* Copy a string member; absent or not a string leaves *field NULL. */
static int take_str(char **field, const json_t *obj, const char *key)
{
	const json_t *v = json_object_get(obj, key);

	if (!json_is_string(v))
		return 0;
	return result_set_str(field, json_string_value(v));
}

static bool take_number(double *field, const json_t *obj, const char *key)
{
	const json_t *v = json_object_get(obj, key);

	if (!json_is_number(v))
		return false;
	*field = json_number_value(v);
	return true;
}

static json_t *take_ref(const json_t *obj, const char *key, json_type type)
{
	json_t *v = json_object_get(obj, key);

	if (v == NULL || json_typeof(v) != type)
		return NULL;
	return json_incref(v);
}

static int clamp_int(const json_t *v, int dflt)
{
	double d;

	if (json_is_integer(v)) {
		json_int_t i = json_integer_value(v);

		return i > INT_MAX ? INT_MAX : i < INT_MIN ? INT_MIN : (int)i;
	}
	if (!json_is_real(v))
		return dflt;
	d = json_real_value(v);
	return d >= INT_MAX ? INT_MAX : d <= INT_MIN ? INT_MIN : (int)d;
}

/* An option that is not a string is kept as its compact JSON text. */
static int symbol_option(struct result_symbol *s, const json_t *v)
{
	struct buf text = BUF_INIT;
	struct err err;
	int rc = -1;

	if (json_is_string(v))
		return result_symbol_add_option(s, json_string_value(v));
	err_init(&err);
	if (emit_value(&text, v, EMIT_JSON_COMPACT, &err) < 0)
		goto out;
	rc = result_symbol_add_option(s, text.data);
out:
	buf_release(&text);
	return rc;
}

static int read_symbol(struct scan_result *r, const char *key,
		       const json_t *v)
{
	struct result_symbol *s;
	const json_t *opts;
	size_t i;

	s = result_add_symbol(r, key, 0, 0, NULL);
	if (s == NULL)
		return -1;
	s->has_score = take_number(&s->score, v, "score");
	take_number(&s->metric_score, v, "metric_score");
	if (take_str(&s->description, v, "description") < 0)
		return -1;
	opts = json_object_get(v, "options");
	if (!json_is_array(opts))
		return 0;
	s->has_options = true;
	for (i = 0; i < json_array_size(opts); i++)
		if (symbol_option(s, json_array_get(opts, i)) < 0)
			return -1;
	return 0;
}

static int read_symbols(struct scan_result *r, const json_t *obj)
{
	const json_t *syms = json_object_get(obj, "symbols");
	const char *key;
	json_t *v;

	if (!json_is_object(syms))
		return 0;
	json_object_foreach((json_t *)syms, key, v)
		if (read_symbol(r, key, v) < 0)
			return -1;
	return 0;
}

static int add_dkim(struct scan_result *r, const json_t *v)
{
	if (!json_is_string(v))
		return 0;
	return result_add_dkim_signature(r, json_string_value(v));
}

static int read_dkim(struct scan_result *r, const json_t *obj)
{
	const json_t *v = json_object_get(obj, "dkim-signature");
	size_t i;

	if (!json_is_array(v))
		return add_dkim(r, v);
	for (i = 0; i < json_array_size(v); i++)
		if (add_dkim(r, json_array_get(v, i)) < 0)
			return -1;
	return 0;
}

/* One add_headers value: a string or {value, order}; others are skipped. */
static int add_header_entry(struct scan_result *r, const char *name,
			    const json_t *v)
{
	const char *value;
	int order = -1;

	if (json_is_object(v)) {
		value = json_string_value(json_object_get(v, "value"));
		order = clamp_int(json_object_get(v, "order"), -1);
	} else {
		value = json_string_value(v);
	}
	if (value == NULL)
		return 0;
	return result_add_milter_header(r, name, value, order);
}

static int read_add_headers(struct scan_result *r, const json_t *milter)
{
	const json_t *add = json_object_get(milter, "add_headers");
	const char *name;
	json_t *v;
	size_t i;

	if (!json_is_object(add))
		return 0;
	json_object_foreach((json_t *)add, name, v) {
		if (!json_is_array(v)) {
			if (add_header_entry(r, name, v) < 0)
				return -1;
			continue;
		}
		for (i = 0; i < json_array_size(v); i++)
			if (add_header_entry(r, name, json_array_get(v, i)) < 0)
				return -1;
	}
	return 0;
}

static int read_remove_headers(struct scan_result *r, const json_t *milter)
{
	const json_t *rm = json_object_get(milter, "remove_headers");
	const char *name;
	json_t *v;

	if (!json_is_object(rm))
		return 0;
	json_object_foreach((json_t *)rm, name, v)
		if (json_is_number(v) &&
		    result_add_remove_header(r, name, clamp_int(v, 0)) < 0)
			return -1;
	return 0;
}

static int threshold_cmp(const void *a, const void *b)
{
	const struct result_threshold *x = a, *y = b;

	return (x->score > y->score) - (x->score < y->score);
}

/* Not sent by rspamd 3.4; read when a server provides it. */
static int read_thresholds(struct scan_result *r, const json_t *obj)
{
	const json_t *th = json_object_get(obj, "thresholds");
	struct result_threshold *t;
	const char *action;
	json_t *v;

	if (!json_is_object(th))
		return 0;
	json_object_foreach((json_t *)th, action, v) {
		if (!json_is_number(v))
			continue;
		t = grow_one(r->thresholds, r->n_thresholds, sizeof(*t));
		if (t == NULL)
			return -1;
		r->thresholds = t;
		t = &r->thresholds[r->n_thresholds];
		if ((t->action = strdup(action)) == NULL)
			return -1;
		t->score = json_number_value(v);
		r->n_thresholds++;
	}
	if (r->n_thresholds > 1)
		qsort(r->thresholds, r->n_thresholds, sizeof(*t),
		      threshold_cmp);
	return 0;
}

static int read_strings(struct scan_result *r, const json_t *obj)
{
	if (take_str(&r->action, obj, "action") < 0 ||
	    take_str(&r->subject, obj, "subject") < 0 ||
	    take_str(&r->message_id, obj, "message-id") < 0 ||
	    take_str(&r->queue_id, obj, "queue-id") < 0 ||
	    take_str(&r->error, obj, "error") < 0)
		return -1;
	return 0;
}

int result_from_json(struct scan_result *r, json_t *obj, struct err *err)
{
	const json_t *milter;

	if (!json_is_object(obj))
		return err_set(err, "reply is not a JSON object");
	r->raw = json_incref(obj);
	r->is_skipped = json_is_true(json_object_get(obj, "is_skipped"));
	r->has_score = take_number(&r->score, obj, "score");
	r->has_required =
		take_number(&r->required_score, obj, "required_score");
	r->has_time_real = take_number(&r->time_real, obj, "time_real");
	r->messages = take_ref(obj, "messages", JSON_OBJECT);
	r->urls = take_ref(obj, "urls", JSON_ARRAY);
	r->emails = take_ref(obj, "emails", JSON_ARRAY);
	r->profile = take_ref(obj, "profile", JSON_OBJECT);
	milter = json_object_get(obj, "milter");
	if (read_strings(r, obj) < 0 || read_symbols(r, obj) < 0 ||
	    read_dkim(r, obj) < 0 || read_add_headers(r, milter) < 0 ||
	    read_remove_headers(r, milter) < 0 || read_thresholds(r, obj) < 0)
		return oom(err);
	return 0;
}

int result_parse(struct scan_result *r, const char *data, size_t len,
		 struct err *err)
{
	json_error_t jerr;
	json_t *obj;
	int rc;

	if (len == 0)
		return err_set(err, "empty reply");
	obj = json_loadb(data, len, JSON_DECODE_ANY | JSON_ALLOW_NUL, &jerr);
	if (obj == NULL)
		return err_set(err,
			       "cannot parse reply: %s at line %d column %d",
			       jerr.text, jerr.line, jerr.column);
	rc = result_from_json(r, obj, err);
	json_decref(obj);
	return rc;
}

/* Writing a result built field by field. */

/* Each helper steals v (jansson's _new convention) and fails on NULL. */
static int set_new(json_t *obj, const char *key, json_t *v)
{
	if (v == NULL)
		return -1;
	return json_object_set_new(obj, key, v);
}

static int set_str(json_t *obj, const char *key, const char *s)
{
	return s == NULL ? 0 : set_new(obj, key, json_string(s));
}

static int set_ref(json_t *obj, const char *key, json_t *v)
{
	return v == NULL ? 0 : json_object_set(obj, key, v);
}

static json_t *symbol_to_json(const struct result_symbol *s)
{
	json_t *o = json_object();
	json_t *opts = NULL;
	size_t i;

	if (o == NULL)
		return NULL;
	if (set_str(o, "name", s->name) < 0 ||
	    (s->has_score && set_new(o, "score", json_real(s->score)) < 0) ||
	    set_new(o, "metric_score", json_real(s->metric_score)) < 0 ||
	    set_str(o, "description", s->description) < 0)
		goto fail;
	if (!s->has_options)
		return o;
	if ((opts = json_array()) == NULL)
		goto fail;
	for (i = 0; i < s->n_options; i++)
		if (json_array_append_new(opts, json_string(s->options[i])) < 0)
			goto fail;
	if (json_object_set_new(o, "options", opts) < 0) {
		opts = NULL;
		goto fail;
	}
	return o;
fail:
	json_decref(opts);
	json_decref(o);
	return NULL;
}

static json_t *symbols_to_json(const struct scan_result *r)
{
	json_t *o = json_object();
	size_t i;

	for (i = 0; o != NULL && i < r->n_symbols; i++)
		if (set_new(o, r->symbols[i].name,
			    symbol_to_json(&r->symbols[i])) < 0) {
			json_decref(o);
			o = NULL;
		}
	return o;
}

static json_t *dkim_to_json(const struct scan_result *r)
{
	json_t *a, *v;
	size_t i;

	if (r->n_dkim_signatures == 1)
		return json_string(r->dkim_signatures[0]);
	if ((a = json_array()) == NULL)
		return NULL;
	for (i = 0; i < r->n_dkim_signatures; i++) {
		v = json_string(r->dkim_signatures[i]);
		if (json_array_append_new(a, v) < 0) {
			json_decref(a);
			return NULL;
		}
	}
	return a;
}

static json_t *add_header_value(const struct result_add_header *h)
{
	if (h->order < 0)
		return json_string(h->value);
	return json_pack("{s:s, s:i}", "value", h->value, "order", h->order);
}

/* Headers added under one name: one value, or an array of several. */
static json_t *add_header_group(const struct scan_result *r, size_t first)
{
	const char *name = r->add_headers[first].name;
	json_t *a;
	size_t i, n = 0;

	for (i = first; i < r->n_add_headers; i++)
		n += strcmp(r->add_headers[i].name, name) == 0;
	if (n == 1)
		return add_header_value(&r->add_headers[first]);
	if ((a = json_array()) == NULL)
		return NULL;
	for (i = first; i < r->n_add_headers; i++)
		if (strcmp(r->add_headers[i].name, name) == 0 &&
		    json_array_append_new(a, add_header_value(
						     &r->add_headers[i])) < 0) {
			json_decref(a);
			return NULL;
		}
	return a;
}

static json_t *add_headers_to_json(const struct scan_result *r)
{
	json_t *o = json_object();
	const char *name;
	size_t i;

	for (i = 0; o != NULL && i < r->n_add_headers; i++) {
		name = r->add_headers[i].name;
		if (json_object_get(o, name) != NULL)
			continue;
		if (set_new(o, name, add_header_group(r, i)) < 0) {
			json_decref(o);
			o = NULL;
		}
	}
	return o;
}

static json_t *milter_to_json(const struct scan_result *r)
{
	json_t *o = json_object(), *rm = NULL;
	size_t i;

	if (o == NULL)
		return NULL;
	if (r->n_add_headers > 0 &&
	    set_new(o, "add_headers", add_headers_to_json(r)) < 0)
		goto fail;
	if (r->n_remove_headers == 0)
		return o;
	if ((rm = json_object()) == NULL)
		goto fail;
	for (i = 0; i < r->n_remove_headers; i++)
		if (set_new(rm, r->remove_headers[i].name,
			    json_integer(r->remove_headers[i].index)) < 0)
			goto fail;
	if (json_object_set_new(o, "remove_headers", rm) < 0) {
		rm = NULL;
		goto fail;
	}
	return o;
fail:
	json_decref(rm);
	json_decref(o);
	return NULL;
}

static int head_to_json(json_t *o, const struct scan_result *r)
{
	if (set_new(o, "is_skipped", json_boolean(r->is_skipped)) < 0 ||
	    set_new(o, "score", json_real(r->has_score ? r->score : 0)) < 0 ||
	    set_new(o, "required_score",
		    json_real(r->has_required ? r->required_score : 0)) < 0 ||
	    set_str(o, "action", r->action) < 0 ||
	    set_str(o, "subject", r->subject) < 0 ||
	    set_new(o, "symbols", symbols_to_json(r)) < 0)
		return -1;
	if (r->messages != NULL)
		return json_object_set(o, "messages", r->messages);
	return set_new(o, "messages", json_object());
}

static int tail_to_json(json_t *o, const struct scan_result *r)
{
	if (set_ref(o, "urls", r->urls) < 0 ||
	    set_ref(o, "emails", r->emails) < 0 ||
	    set_str(o, "message-id", r->message_id) < 0 ||
	    set_str(o, "queue-id", r->queue_id) < 0 ||
	    (r->has_time_real &&
	     set_new(o, "time_real", json_real(r->time_real)) < 0) ||
	    (r->n_dkim_signatures > 0 &&
	     set_new(o, "dkim-signature", dkim_to_json(r)) < 0) ||
	    ((r->n_add_headers > 0 || r->n_remove_headers > 0) &&
	     set_new(o, "milter", milter_to_json(r)) < 0) ||
	    set_ref(o, "profile", r->profile) < 0 ||
	    set_str(o, "error", r->error) < 0)
		return -1;
	return 0;
}

json_t *result_to_json(const struct scan_result *r)
{
	json_t *o;

	if (r->raw != NULL)
		return json_incref(r->raw);
	if ((o = json_object()) == NULL)
		return NULL;
	if (head_to_json(o, r) < 0 || tail_to_json(o, r) < 0) {
		json_decref(o);
		return NULL;
	}
	return o;
}

/* Actions. */

static const char *const known_actions[] = {
	"reject",   "soft reject", "rewrite subject",
	"add header", "greylist",  "no action",
};

/* The first four known actions are the spam ones. */
#define N_SPAM_ACTIONS 4

static char tolower_ascii(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

static bool action_matches(const char *action, const char *known)
{
	size_t i;
	char c;

	for (i = 0; known[i] != '\0'; i++) {
		c = action[i] == '_' ? ' ' : action[i];
		if (c == '\0' || tolower_ascii(c) != known[i])
			return false;
	}
	return action[i] == '\0';
}

const char *result_known_action(const char *action)
{
	size_t i;

	if (action == NULL)
		return NULL;
	for (i = 0; i < sizeof(known_actions) / sizeof(*known_actions); i++)
		if (action_matches(action, known_actions[i]))
			return known_actions[i];
	return NULL;
}

bool result_action_is_spam(const char *action)
{
	const char *known = result_known_action(action);
	size_t i;

	for (i = 0; known != NULL && i < N_SPAM_ACTIONS; i++)
		if (known == known_actions[i])
			return true;
	return false;
}
