/*
 * config.c - the scanner's configuration (config.h): Rspamd 3.4's defaults
 * and a UCL file over them.
 *
 * The file is read with lib/ucl.c, so Rspamd's own snippets can be copied
 * in. It may hold, at the top level:
 *
 *   actions { reject = 15; add_header = 6; "add header" = 6;
 *             greylist = 4; rewrite_subject = 8; soft_reject = 10; }
 *       (rspamd's actions.conf; a value of null disables the action;
 *       other keys of actions.conf, such as subject, are ignored)
 *   symbols { NAME { weight = 1.5; } NAME = 2.0; }
 *   symbol "NAME" { weight = 1.5; }
 *   group "NAME" { max_score = 8; symbols { NAME { weight = 1; } } }
 *       (rspamd's scores.d format; "score" is read like "weight")
 *
 *   classifier "bayes" { backend = "sqlite"; dbpath = "/path/bayes.sqlite";
 *       min_learns = 200; min_tokens = 11; min_token_hits = 1;
 *       min_prob_strength = 0.05; busy_timeout = 10s; enabled = true;
 *       autolearn { spam_threshold = 15; ham_threshold = -0.5; } }
 *       (rspamd's statistic.conf vocabulary; also inside
 *       statistic { classifier "bayes" { } }, or classifier { } alone;
 *       backend = "redis" with servers = "127.0.0.1:6379" and prefix;
 *       autolearn = true learns spam at the reject threshold and ham at
 *       -0.5; statfile, tokenizer and other rspamd keys are ignored)
 *
 * Unknown sections and keys are ignored, so a whole rspamd file (with
 * other modules' settings) can be included; symbols the table does not
 * know are ignored too. A value of the wrong kind (a string where a number
 * belongs) is an error naming the file.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "symbols.h"
#include "ucl.h"

static const char *const action_names[SCAN_N_ACTIONS] = {
	"reject", "soft reject", "rewrite subject", "add header", "greylist",
};

const char *scan_action_name(enum scan_action a)
{
	return (unsigned)a < SCAN_N_ACTIONS ? action_names[a] : "no action";
}

static long group_index(const struct scan_config *cfg, const char *name)
{
	size_t i;

	for (i = 0; i < cfg->n_groups; i++)
		if (strcmp(cfg->groups[i].name, name) == 0)
			return (long)i;
	return -1;
}

/* The index of group name, added (without a cap) when new; -1 on OOM. */
static long group_get(struct scan_config *cfg, const char *name)
{
	long i = group_index(cfg, name);
	struct scan_group *v;

	if (i >= 0)
		return i;
	v = realloc(cfg->groups, (cfg->n_groups + 1) * sizeof(*v));
	if (v == NULL)
		return -1;
	cfg->groups = v;
	v[cfg->n_groups].name = strdup(name);
	v[cfg->n_groups].max_score = 0;
	if (v[cfg->n_groups].name == NULL)
		return -1;
	return (long)cfg->n_groups++;
}

static int init_symbols(struct scan_config *cfg)
{
	size_t i, n = symbol_count();
	long g;

	cfg->weights = calloc(n, sizeof(*cfg->weights));
	cfg->sym_group = calloc(n, sizeof(*cfg->sym_group));
	if (cfg->weights == NULL || cfg->sym_group == NULL)
		return -1;
	for (i = 0; i < n; i++) {
		cfg->weights[i] = symbol_at(i)->weight;
		g = group_get(cfg, symbol_at(i)->group);
		if (g < 0)
			return -1;
		cfg->sym_group[i] = (int)g;
	}
	for (i = 0; i < symbol_group_cap_count(); i++) {
		g = group_get(cfg, symbol_group_cap_at(i)->group);
		if (g < 0)
			return -1;
		cfg->groups[g].max_score = symbol_group_cap_at(i)->max_score;
	}
	return 0;
}

int scan_config_init(struct scan_config *cfg, struct err *err)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->has_threshold[SCAN_ACTION_REJECT] = true;
	cfg->threshold[SCAN_ACTION_REJECT] = 15;
	cfg->has_threshold[SCAN_ACTION_ADD_HEADER] = true;
	cfg->threshold[SCAN_ACTION_ADD_HEADER] = 6;
	cfg->has_threshold[SCAN_ACTION_GREYLIST] = true;
	cfg->threshold[SCAN_ACTION_GREYLIST] = 4;
	bayes_config_init(&cfg->bayes);
	if (init_symbols(cfg) < 0) {
		scan_config_release(cfg);
		err_set(err, "out of memory");
		return -1;
	}
	return 0;
}

void scan_config_release(struct scan_config *cfg)
{
	size_t i;

	for (i = 0; i < cfg->n_groups; i++)
		free(cfg->groups[i].name);
	free(cfg->groups);
	free(cfg->weights);
	free(cfg->sym_group);
	bayes_config_release(&cfg->bayes);
	memset(cfg, 0, sizeof(*cfg));
}

/* Loading a file. */

struct loader {
	struct scan_config *cfg;
	const char *path;
	struct err *err;
};

static int bad_value(struct loader *ld, const char *what, const char *key)
{
	err_set(ld->err, "%s: %s '%s' must be a number", ld->path, what, key);
	return -1;
}

/* Action names as Rspamd accepts them: "add header" or add_header. */
static int action_of(const char *key)
{
	char norm[32];
	size_t i;
	int a;

	for (i = 0; key[i] != '\0' && i + 1 < sizeof(norm); i++)
		norm[i] = key[i] == '_' || key[i] == '-' ? ' ' : key[i];
	norm[i] = '\0';
	for (a = 0; a < SCAN_N_ACTIONS; a++)
		if (strcasecmp(norm, action_names[a]) == 0)
			return a;
	return -1;
}

static int load_actions(struct loader *ld, json_t *obj)
{
	const char *key;
	json_t *v;
	size_t i;
	int a;

	if (json_is_array(obj)) {
		json_array_foreach(obj, i, v)
			if (load_actions(ld, v) < 0)
				return -1;
		return 0;
	}
	if (!json_is_object(obj))
		return 0;
	json_object_foreach(obj, key, v) {
		if (strcmp(key, "actions") == 0) {
			/* actions { .include "actions.conf" } nests it */
			if (load_actions(ld, v) < 0)
				return -1;
			continue;
		}
		if ((a = action_of(key)) < 0)
			continue;
		if (json_is_null(v)) {
			ld->cfg->has_threshold[a] = false;
			continue;
		}
		if (!json_is_number(v))
			return bad_value(ld, "action", key);
		ld->cfg->has_threshold[a] = true;
		ld->cfg->threshold[a] = json_number_value(v);
	}
	return 0;
}

/* One symbol's settings: a number, or an object with weight/score. */
static int load_symbol(struct loader *ld, const char *name, json_t *v)
{
	long i = symbol_index(name);
	json_t *w;

	if (json_is_number(v))
		w = v;
	else if (json_is_object(v)) {
		w = json_object_get(v, "weight");
		if (w == NULL)
			w = json_object_get(v, "score");
		if (w == NULL)
			return 0;
	} else
		return bad_value(ld, "symbol", name);
	if (!json_is_number(w))
		return bad_value(ld, "the weight of symbol", name);
	if (i >= 0)
		ld->cfg->weights[i] = json_number_value(w);
	return 0;
}

/* A value that may be an implicit array of objects (repeated keys). */
static int each_object(struct loader *ld, json_t *v,
		       int (*fn)(struct loader *, const char *, json_t *))
{
	const char *key;
	json_t *item, *val;
	size_t i;

	if (json_is_array(v)) {
		json_array_foreach(v, i, item)
			if (each_object(ld, item, fn) < 0)
				return -1;
		return 0;
	}
	if (!json_is_object(v))
		return 0;
	json_object_foreach(v, key, val)
		if (fn(ld, key, val) < 0)
			return -1;
	return 0;
}

static int load_group(struct loader *ld, const char *name, json_t *v)
{
	json_t *max = json_object_get(v, "max_score");
	long g;

	if (!json_is_object(v))
		return 0;
	if (max != NULL) {
		if (!json_is_number(max))
			return bad_value(ld, "max_score of group", name);
		if ((g = group_get(ld->cfg, name)) < 0) {
			err_set(ld->err, "out of memory");
			return -1;
		}
		ld->cfg->groups[g].max_score = json_number_value(max);
	}
	return each_object(ld, json_object_get(v, "symbols"), load_symbol);
}

/* The classifier "bayes" section. */

static int bad_kind(struct loader *ld, const char *key, const char *kind)
{
	err_set(ld->err, "%s: classifier bayes: '%s' must be %s", ld->path,
		key, kind);
	return -1;
}

static int set_string(struct loader *ld, const char *key, json_t *v,
		      char **field)
{
	char *copy;

	if (!json_is_string(v))
		return bad_kind(ld, key, "a string");
	if ((copy = strdup(json_string_value(v))) == NULL) {
		err_set(ld->err, "out of memory");
		return -1;
	}
	free(*field);
	*field = copy;
	return 0;
}

static int set_number(struct loader *ld, const char *key, json_t *v,
		      double min, double *out)
{
	if (!json_is_number(v) || json_number_value(v) < min)
		return min >= 0 ? bad_kind(ld, key, "a number >= 0")
				: bad_kind(ld, key, "a number");
	*out = json_number_value(v);
	return 0;
}

static int set_count(struct loader *ld, const char *key, json_t *v,
		     unsigned *out)
{
	double d;

	if (set_number(ld, key, v, 0, &d) < 0)
		return -1;
	*out = d > 1e9 ? 1000000000u : (unsigned)d;
	return 0;
}

static int load_autolearn(struct loader *ld, json_t *v)
{
	struct bayes_config *b = &ld->cfg->bayes;
	json_t *x;

	if (json_is_boolean(v)) {
		b->autolearn = json_is_true(v);
		if (ld->cfg->has_threshold[SCAN_ACTION_REJECT])
			b->autolearn_spam =
				ld->cfg->threshold[SCAN_ACTION_REJECT];
		return 0;
	}
	if (!json_is_object(v))
		return bad_kind(ld, "autolearn", "true, false or a section");
	b->autolearn = true;
	if ((x = json_object_get(v, "spam_threshold")) != NULL &&
	    set_number(ld, "spam_threshold", x, -1e9, &b->autolearn_spam) < 0)
		return -1;
	if ((x = json_object_get(v, "ham_threshold")) != NULL &&
	    set_number(ld, "ham_threshold", x, -1e9, &b->autolearn_ham) < 0)
		return -1;
	return 0;
}

static int load_bayes_key(struct loader *ld, const char *key, json_t *v)
{
	struct bayes_config *b = &ld->cfg->bayes;

	if (strcmp(key, "enabled") == 0) {
		if (!json_is_boolean(v))
			return bad_kind(ld, key, "true or false");
		b->enabled = json_is_true(v);
		return 0;
	}
	if (strcmp(key, "backend") == 0)
		return set_string(ld, key, v, &b->backend);
	if (strcmp(key, "dbpath") == 0)
		return set_string(ld, key, v, &b->dbpath);
	if (strcmp(key, "servers") == 0)
		return set_string(ld, key, v, &b->servers);
	if (strcmp(key, "prefix") == 0)
		return set_string(ld, key, v, &b->prefix);
	if (strcmp(key, "min_learns") == 0)
		return set_count(ld, key, v, &b->min_learns);
	if (strcmp(key, "min_tokens") == 0)
		return set_count(ld, key, v, &b->min_tokens);
	if (strcmp(key, "min_token_hits") == 0)
		return set_count(ld, key, v, &b->min_token_hits);
	if (strcmp(key, "min_prob_strength") == 0)
		return set_number(ld, key, v, 0, &b->min_prob_strength);
	if (strcmp(key, "busy_timeout") == 0)
		return set_number(ld, key, v, 0, &b->busy_timeout);
	if (strcmp(key, "autolearn") == 0)
		return load_autolearn(ld, v);
	return 0;
}

static int load_classifier(struct loader *ld, const char *name, json_t *v);

/* classifier { bayes { } } or classifier { backend = ...; } */
static int load_classifiers(struct loader *ld, json_t *v)
{
	json_t *item;
	size_t i;

	if (json_is_array(v)) {
		json_array_foreach(v, i, item)
			if (load_classifiers(ld, item) < 0)
				return -1;
		return 0;
	}
	if (!json_is_object(v))
		return 0;
	if (json_object_get(v, "bayes") != NULL)
		return each_object(ld, v, load_classifier);
	return load_classifier(ld, "bayes", v);
}

static int load_classifier(struct loader *ld, const char *name, json_t *v)
{
	if (strcmp(name, "bayes") != 0)
		return 0;
	return each_object(ld, v, load_bayes_key);
}

static int load_statistic(struct loader *ld, const char *key, json_t *v)
{
	if (strcmp(key, "classifier") == 0)
		return load_classifiers(ld, v);
	return 0;
}

static int load_top(struct loader *ld, const char *key, json_t *v)
{
	if (strcmp(key, "classifier") == 0)
		return load_classifiers(ld, v);
	if (strcmp(key, "statistic") == 0)
		return each_object(ld, v, load_statistic);
	if (strcmp(key, "actions") == 0)
		return load_actions(ld, v);
	if (strcmp(key, "symbols") == 0 || strcmp(key, "symbol") == 0)
		return each_object(ld, v, load_symbol);
	if (strcmp(key, "group") == 0)
		return each_object(ld, v, load_group);
	return 0;
}

int scan_config_load(struct scan_config *cfg, const char *path,
		     bool must_exist, struct err *err)
{
	struct loader ld = { cfg, path, err };
	json_t *root;
	int rc, exists;

	root = ucl_parse_file(path, &exists, err);
	if (root == NULL)
		return !exists && !must_exist ? 0 : -1;
	rc = each_object(&ld, root, load_top);
	json_decref(root);
	return rc;
}
