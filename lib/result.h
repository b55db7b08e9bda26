/*
 * result.h - the scan result model: what a scan of one message found.
 *
 * Owns: every string and array reachable from struct scan_result, and one
 * reference to each json_t member. Every output path (text report, JSON,
 * UCL, the --mime rewriter) reads this struct; both backends fill it: the
 * HTTP client from an Rspamd /checkv2 (protocol v2) JSON reply with
 * result_from_json(), and later the in-process scanner field by field.
 *
 * JSON: result_from_json() keeps a reference to the reply object in raw, so
 * result_to_json() gives back exactly what the server sent (key order,
 * integer versus real numbers, keys this model does not know). A result
 * built field by field (raw == NULL) serialises in Rspamd 3.4's key order
 * with Rspamd's number kinds (scores are always reals).
 *
 * Errors: result_parse() fails on bytes that are not JSON or not a JSON
 * object, with a message naming the cause; a missing or mistyped key is not
 * an error (the has_* flags say what was present), as rspamc 3.4 prints
 * what it can.
 */
#ifndef RSPAMC_RESULT_H
#define RSPAMC_RESULT_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "err.h"

struct result_symbol {
	char *name;             /* the key in "symbols" */
	bool has_score;
	double score;           /* the contribution: "score" */
	double metric_score;    /* the configured weight: "metric_score" */
	char *description;      /* NULL when absent */
	bool has_options;       /* an "options" array was present (maybe empty) */
	char **options;
	size_t n_options;
};

/* One header the server asks to add (milter.add_headers), flattened. */
struct result_add_header {
	char *name;
	char *value;
	int order;              /* -1 when not given */
};

/* One header the server asks to remove: index 0 means every occurrence. */
struct result_remove_header {
	char *name;
	int index;
};

struct result_threshold {
	char *action;
	double score;
};

struct scan_result {
	bool is_skipped;
	bool has_score;         /* "score" present and numeric */
	double score;
	bool has_required;      /* "required_score" present and numeric */
	double required_score;
	char *action;           /* NULL when absent */
	char *subject;          /* rewrite subject: the new Subject, or NULL */
	struct result_symbol *symbols;  /* in reply order */
	size_t n_symbols;
	json_t *messages;       /* object or NULL; values may be non-strings */
	json_t *urls;           /* array or NULL (strings or objects) */
	json_t *emails;         /* array or NULL */
	char *message_id;       /* without <> */
	char *queue_id;
	bool has_time_real;
	double time_real;
	char **dkim_signatures; /* "dkim-signature": string or array of them */
	size_t n_dkim_signatures;
	struct result_add_header *add_headers;     /* milter.add_headers */
	size_t n_add_headers;
	struct result_remove_header *remove_headers; /* milter.remove_headers */
	size_t n_remove_headers;
	struct result_threshold *thresholds; /* optional, sorted by score */
	size_t n_thresholds;
	json_t *profile;        /* object or NULL */
	char *error;            /* "error" key (learn errors etc.) or NULL */
	char *scanner;          /* which engine scanned, or NULL */
	json_t *raw;            /* the reply as received, or NULL */
	char *warning;          /* in-process scanner: what it could not do
				 * (e.g. "bayes: sqlite '...': database is
				 * locked"), for stderr; never serialised */
};

void result_init(struct scan_result *r);
void result_release(struct scan_result *r);

/*
 * Fill r from a parsed reply object; r keeps a new reference to obj.
 * r must be freshly initialised (or released).
 */
int result_from_json(struct scan_result *r, json_t *obj, struct err *err);
/* Parse reply bytes (need not be NUL-terminated) and fill r. */
int result_parse(struct scan_result *r, const char *data, size_t len,
		 struct err *err);
/* A new reference to the JSON object for r (raw when r came from JSON). */
json_t *result_to_json(const struct scan_result *r);

/*
 * Setters used by builders (the in-process scanner, tests). The string
 * setter replaces *field with a copy of value (NULL clears it); it and
 * result_symbol_add_option return -1 when out of memory. The symbol
 * returned by result_add_symbol (NULL when out of memory) stays valid until
 * the next result_add_symbol on r; its options start absent (has_options
 * false) and the first result_symbol_add_option makes them present.
 */
int result_set_str(char **field, const char *value);
struct result_symbol *result_add_symbol(struct scan_result *r,
					const char *name, double score,
					double metric_score,
					const char *description);
int result_symbol_add_option(struct result_symbol *s, const char *opt);
/* Append to dkim_signatures, add_headers (order -1: none) and
 * remove_headers; -1 when out of memory. */
int result_add_dkim_signature(struct scan_result *r, const char *sig);
int result_add_milter_header(struct scan_result *r, const char *name,
			     const char *value, int order);
int result_add_remove_header(struct scan_result *r, const char *name,
			     int index);

/*
 * The action as one of Rspamd's known actions, or NULL for a custom one.
 * Matching is case-insensitive and treats '_' like ' ' ("add_header").
 * Returns the canonical spelling: "reject", "soft reject",
 * "rewrite subject", "add header", "greylist" or "no action".
 */
const char *result_known_action(const char *action);
/* True for reject, soft reject, rewrite subject and add header. */
bool result_action_is_spam(const char *action);

#endif
