/*
 * scanner.c - the in-process scanner (scanner.h) and the module's entry
 * point, rspamc_scanner(), which scan_load() looks up.
 *
 * One scan: parse the message (msg.c); a GTUBE pattern ends the scan the
 * way Rspamd 3.4 ends it (reject, is_skipped, symbol GTUBE scoring 0);
 * otherwise run the rule areas in order (rules.c), then score (score.c)
 * and fill the parts of the result that come from the message: urls,
 * emails, message-id ("undef" when absent, as Rspamd says) and the milter
 * block Rspamd 3.4 always sends (remove every X-Spam header).
 *
 * Bayes (bayes.c) classifies after the rules, before scoring; when its
 * store fails the scan completes without BAYES_* and says why in the
 * result's warning ("bayes: ..."), as it does when libxml2 cannot be
 * loaded for an HTML part ("html: ...", the part's text then empty).
 * With autolearn on, a scored message is learned (not one with such a
 * warning: its tokens would be wrong).
 * learn() is the local learn_spam / learn_ham / unlearn; learn_batch() and
 * learn_flush() group many of them into few commits.
 */
#include "scanner.h"

#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "areas.h"
#include "bayes.h"
#include "config.h"
#include "msg.h"
#include "score.h"

#define GTUBE "XJS*C4JDBQADN1.NSBN3*2IDNEN*GTUBE-STANDARD-ANTI-UBE-TEST-EMAIL*C.34X"

struct scanner {
	struct scan_config cfg;
	struct scan_ctx *ctx;
	struct bayes *bayes;
	bool areas_ready;
};

static void scanner_free_impl(struct scanner *s)
{
	if (s == NULL)
		return;
	scan_ctx_free(&s->ctx);
	bayes_free(s->bayes);
	if (s->areas_ready)
		rule_areas_fini();
	scan_config_release(&s->cfg);
	free(s);
}

static struct scanner *scanner_new_impl(const char *config_path,
					const char *data_dir, struct err *err)
{
	struct scanner *s = calloc(1, sizeof(*s));

	if (s == NULL) {
		err_set(err, "out of memory");
		return NULL;
	}
	if (scan_config_init(&s->cfg, err) < 0) {
		free(s);
		return NULL;
	}
	if (scan_config_load(&s->cfg,
			     config_path ? config_path : SCANNER_DEFAULT_CONFIG,
			     config_path != NULL, err) < 0)
		goto fail;
	if (rule_areas_init() < 0) {
		err_set(err, "cannot initialise the scanner's rules");
		goto fail;
	}
	s->areas_ready = true;
	if (data_dir != NULL &&
	    (s->cfg.bayes.data_dir = strdup(data_dir)) == NULL) {
		err_set(err, "out of memory");
		goto fail;
	}
	if ((s->ctx = scan_ctx_new(&s->cfg)) == NULL ||
	    (s->bayes = bayes_new(&s->cfg.bayes)) == NULL) {
		err_set(err, "out of memory");
		goto fail;
	}
	return s;
fail:
	scanner_free_impl(s);
	return NULL;
}

/* Rspamd looks for the pattern in the text parts' content. */
static bool has_gtube(const struct msg *m)
{
	size_t i;

	for (i = 0; i < m->n_parts; i++)
		if (m->parts[i].text && m->parts[i].content != NULL &&
		    strstr(m->parts[i].content, GTUBE) != NULL)
			return true;
	return false;
}

static int fill_gtube(const struct scanner *s, struct scan_result *r)
{
	r->is_skipped = true;
	r->has_score = true;
	r->score = s->cfg.has_threshold[SCAN_ACTION_REJECT]
			   ? s->cfg.threshold[SCAN_ACTION_REJECT]
			   : 0;
	r->has_required = true;
	r->required_score = r->score;
	if (result_set_str(&r->action, "reject") < 0 ||
	    result_add_symbol(r, "GTUBE", 0, 0, NULL) == NULL)
		return -1;
	r->messages = json_pack("{s:s}", "smtp_message", "Gtube pattern");
	return r->messages == NULL ? -1 : 0;
}

static void run_areas(struct scan_ctx *ctx)
{
	const struct rule_area *a;
	size_t i, j;

	for (i = 0; i < rule_area_count(); i++) {
		a = rule_area_at(i);
		for (j = 0; a != NULL && j < a->n_rules; j++)
			a->rules[j](ctx);
	}
}

/* A JSON string of s; invalid UTF-8 (raw 8-bit headers) becomes U+FFFD. */
static json_t *json_text(const char *s)
{
	json_t *v;
	char *valid;

	if (g_utf8_validate(s, -1, NULL))
		return json_string(s);
	valid = g_utf8_make_valid(s, -1);
	v = json_string(valid);
	g_free(valid);
	return v;
}

/* Rspamd lists urls (hosts) and emails only when the message has any. */
static int fill_urls(const struct msg *m, struct scan_result *r)
{
	json_t *seen;
	size_t i;
	int rc = -1;

	if (m->n_urls == 0 && m->n_emails == 0)
		return 0;
	r->urls = json_array();
	r->emails = json_array();
	seen = json_object();
	if (r->urls == NULL || r->emails == NULL || seen == NULL)
		goto out;
	for (i = 0; i < m->n_urls; i++) {
		const char *host = m->urls[i].host;

		if (host == NULL || *host == '\0' ||
		    strcmp(m->urls[i].scheme, "mailto") == 0 ||
		    json_object_get(seen, host) != NULL)
			continue;
		if (json_object_set_new(seen, host, json_true()) < 0 ||
		    json_array_append_new(r->urls, json_text(host)) < 0)
			goto out;
	}
	for (i = 0; i < m->n_emails; i++)
		if (json_array_append_new(r->emails,
					  json_text(m->emails[i])) < 0)
			goto out;
	rc = 0;
out:
	json_decref(seen);
	return rc;
}

static int fill_message(const struct msg *m, struct scan_result *r)
{
	const char *mid = m->message_id ? m->message_id : "undef";
	char *valid = NULL;
	int rc;

	if (!g_utf8_validate(mid, -1, NULL))
		mid = valid = g_utf8_make_valid(mid, -1);
	rc = result_set_str(&r->message_id, mid);
	g_free(valid);
	if (rc < 0)
		return -1;
	if (r->is_skipped)
		return 0;
	if (fill_urls(m, r) < 0 ||
	    result_add_remove_header(r, "X-Spam", 0) < 0)
		return -1;
	if (r->messages == NULL && (r->messages = json_object()) == NULL)
		return -1;
	return 0;
}

/* Add "why" to the result's warning; -1 when out of memory. */
static int add_warning(struct scan_result *r, const char *why)
{
	size_t old = r->warning ? strlen(r->warning) : 0;
	size_t n = old + strlen(why) + 3;
	char *w = realloc(r->warning, n);

	if (w == NULL)
		return -1;
	snprintf(w + old, n - old, "%s%s", old ? "; " : "", why);
	r->warning = w;
	return 0;
}

static int classify(struct scanner *s, const struct msg *m,
		    struct scan_result *r)
{
	struct err err;

	err_init(&err);
	if (bayes_classify(s->bayes, m, s->ctx, &err) < 0) {
		err_prefix(&err, "bayes");
		return add_warning(r, err.msg);
	}
	return 0;
}

static int autolearn(struct scanner *s, const struct msg *m,
		     struct scan_result *r)
{
	struct err err;

	err_init(&err);
	if (bayes_autolearn(s->bayes, m, r->score, &err) < 0) {
		err_prefix(&err, "bayes");
		return add_warning(r, err.msg);
	}
	return 0;
}

static int scan_impl(struct scanner *s, const char *data, size_t len,
		     const struct scan_envelope *env, struct scan_result *r,
		     struct err *err)
{
	struct msg m;
	int rc = -1;

	msg_init(&m);
	if (msg_parse(&m, data, len, env, err) < 0)
		goto out;
	if (m.warning != NULL && add_warning(r, m.warning) < 0)
		goto oom;
	if (has_gtube(&m)) {
		if (fill_gtube(s, r) < 0)
			goto oom;
	} else {
		scan_ctx_reset(s->ctx, &m);
		run_areas(s->ctx);
		if (classify(s, &m, r) < 0)
			goto oom;
		if (scan_ctx_finish(s->ctx, r, err) < 0)
			goto out;
		scan_ctx_reset(s->ctx, NULL);
		if (m.warning == NULL && autolearn(s, &m, r) < 0)
			goto oom;
	}
	if (fill_message(&m, r) < 0 ||
	    result_set_str(&r->scanner, SCANNER_NAME) < 0 ||
	    (env != NULL && env->queue_id != NULL &&
	     result_set_str(&r->queue_id, env->queue_id) < 0))
		goto oom;
	rc = 0;
	goto out;
oom:
	err_set(err, "out of memory while scanning");
out:
	msg_release(&m);
	return rc;
}

static int learn_impl(struct scanner *s, const char *data, size_t len,
		      enum bayes_class to, struct err *err)
{
	static const int status[] = {
		[BAYES_LEARNED] = SCAN_LEARNED,
		[BAYES_RELEARNED] = SCAN_RELEARNED,
		[BAYES_UNLEARNED] = SCAN_UNLEARNED,
		[BAYES_ALREADY_LEARNED] = SCAN_ALREADY_LEARNED,
		[BAYES_NOT_LEARNED] = SCAN_NOT_LEARNED,
	};
	enum bayes_learn_result res = BAYES_LEARNED;
	struct msg m;
	int rc = -1;

	msg_init(&m);
	if (msg_parse(&m, data, len, NULL, err) < 0)
		goto out;
	/* A part the parser could not read (libxml2 missing) would learn
	 * the wrong tokens under a digest that changes once it can. */
	if (m.warning != NULL) {
		err_set(err, "%s; not learned", m.warning);
		goto out;
	}
	if (bayes_learn(s->bayes, &m, to, &res, err) < 0) {
		err_prefix(err, "bayes");
		goto out;
	}
	rc = status[res];
out:
	msg_release(&m);
	return rc;
}

static void learn_batch_impl(struct scanner *s)
{
	bayes_batch(s->bayes);
}

static int learn_flush_impl(struct scanner *s, struct err *err)
{
	if (bayes_flush(s->bayes, true, err) < 0) {
		err_prefix(err, "bayes");
		return -1;
	}
	return 0;
}

static const struct scanner_ops ops = {
	.abi = SCANNER_ABI,
	.scanner_new = scanner_new_impl,
	.scanner_free = scanner_free_impl,
	.scan = scan_impl,
	.learn = learn_impl,
	.learn_batch = learn_batch_impl,
	.learn_flush = learn_flush_impl,
};

const struct scanner_ops *rspamc_scanner(void);

__attribute__((visibility("default"))) const struct scanner_ops *
rspamc_scanner(void)
{
	return &ops;
}
