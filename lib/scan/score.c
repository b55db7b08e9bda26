/*
 * score.c - the scan context (score.h) and the rules' insert API (rules.h):
 * symbol scores as Rspamd 3.4 computes them, then composites, the final
 * score and the action.
 *
 * Scores, as in Rspamd's insert_metric_result():
 *   - a symbol's score is weight * multiplier;
 *   - a repeated insert adds its score again, up to MAX_SHOTS times; a
 *     one_shot symbol keeps the larger score of the same sign instead;
 *   - positive scores count against each group's max_score: the insert
 *     that crosses the cap gets the remainder, later ones get 0.
 * Options are kept per symbol in insertion order, duplicates dropped.
 * The message score is the sum of the symbol scores after composites
 * removed theirs (composites.c).
 */
#include "score.h"

#include <glib.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "composites.h"
#include "symbols.h"

/* Rspamd's default limit of repeated inserts that add to a score. */
#define MAX_SHOTS 100
#define MAX_VARARG_OPTIONS 64

struct ctx_opt {
	size_t sym;            /* index in ctx->syms */
	size_t off;            /* string offset in ctx->arena */
};

struct scan_ctx {
	const struct scan_config *cfg;
	const struct msg *msg;
	struct scan_sym *syms;
	size_t n_syms, alloc_syms;
	size_t *pos;           /* table index -> position in syms + 1 */
	struct ctx_opt *opts;
	size_t n_opts, alloc_opts;
	char *arena;           /* option strings and unknown symbol names */
	size_t arena_len, arena_alloc;
	double *group_score;   /* per cfg->groups */
	struct composites *composites;
	bool oom;
};

static int grow(void **p, size_t *alloc, size_t need, size_t size)
{
	size_t n = *alloc ? *alloc : 16;
	void *q;

	if (need <= *alloc)
		return 0;
	while (n < need)
		n *= 2;
	q = realloc(*p, n * size);
	if (q == NULL)
		return -1;
	*p = q;
	*alloc = n;
	return 0;
}

struct scan_ctx *scan_ctx_new(const struct scan_config *cfg)
{
	struct scan_ctx *c = calloc(1, sizeof(*c));

	if (c == NULL)
		return NULL;
	c->cfg = cfg;
	c->pos = calloc(symbol_count(), sizeof(*c->pos));
	c->group_score = calloc(cfg->n_groups + 1, sizeof(*c->group_score));
	c->composites = composites_new();
	if (c->pos == NULL || c->group_score == NULL || c->composites == NULL)
		scan_ctx_free(&c);
	return c;
}

void scan_ctx_free(struct scan_ctx **cp)
{
	struct scan_ctx *c = *cp;

	if (c == NULL)
		return;
	composites_free(&c->composites);
	free(c->syms);
	free(c->pos);
	free(c->opts);
	free(c->arena);
	free(c->group_score);
	free(c);
	*cp = NULL;
}

void scan_ctx_reset(struct scan_ctx *c, const struct msg *m)
{
	size_t i;

	for (i = 0; i < c->n_syms; i++)
		if (c->syms[i].idx >= 0)
			c->pos[c->syms[i].idx] = 0;
	c->msg = m;
	c->n_syms = 0;
	c->n_opts = 0;
	c->arena_len = 0;
	memset(c->group_score, 0, c->cfg->n_groups * sizeof(*c->group_score));
	c->oom = false;
}

const struct msg *scan_msg(const struct scan_ctx *c)
{
	return c->msg;
}

static long arena_add(struct scan_ctx *c, const char *s)
{
	size_t len = strlen(s) + 1, off = c->arena_len;

	if (grow((void **)&c->arena, &c->arena_alloc, off + len, 1) < 0) {
		c->oom = true;
		return -1;
	}
	memcpy(c->arena + off, s, len);
	c->arena_len += len;
	return (long)off;
}

const char *scan_sym_name(const struct scan_ctx *c, const struct scan_sym *s)
{
	return s->idx >= 0 ? symbol_at((size_t)s->idx)->name
			   : c->arena + s->name_off;
}

struct scan_sym *scan_find(const struct scan_ctx *c, const char *symbol)
{
	return scan_find_index(c, symbol_index(symbol), symbol);
}

struct scan_sym *scan_find_index(const struct scan_ctx *c, long idx,
				 const char *symbol)
{
	size_t i;

	if (idx >= 0)
		return c->pos[idx] ? &c->syms[c->pos[idx] - 1] : NULL;
	for (i = 0; i < c->n_syms; i++)
		if (c->syms[i].idx < 0 &&
		    strcmp(c->arena + c->syms[i].name_off, symbol) == 0)
			return &c->syms[i];
	return NULL;
}

bool scan_has(const struct scan_ctx *c, const char *symbol)
{
	const struct scan_sym *s = scan_find(c, symbol);

	return s != NULL && !s->removed;
}

/* Rspamd's rspamd_check_group_score(): NAN when the cap is reached. */
static double cap_group(struct scan_ctx *c, long idx, double w)
{
	const struct scan_group *g;
	double *gs;
	int gi;

	if (idx < 0 || (gi = c->cfg->sym_group[idx]) < 0)
		return w;
	g = &c->cfg->groups[gi];
	gs = &c->group_score[gi];
	if (g->max_score > 0 && w > 0) {
		if (*gs >= g->max_score)
			return NAN;
		if (*gs + w > g->max_score)
			w = g->max_score - *gs;
	}
	*gs += w;
	return w;
}

static struct scan_sym *new_sym(struct scan_ctx *c, const char *symbol,
				long idx)
{
	struct scan_sym *s;
	long off = 0;

	if (idx < 0 && (off = arena_add(c, symbol)) < 0)
		return NULL;
	if (grow((void **)&c->syms, &c->alloc_syms, c->n_syms + 1,
		 sizeof(*c->syms)) < 0) {
		c->oom = true;
		return NULL;
	}
	s = &c->syms[c->n_syms++];
	memset(s, 0, sizeof(*s));
	s->idx = idx;
	s->name_off = (size_t)off;
	if (idx >= 0)
		c->pos[idx] = c->n_syms;
	return s;
}

/* The score change for a repeated insert, before the group cap. */
static double repeat_diff(const struct scan_sym *s, bool one_shot,
			  double final)
{
	if (!one_shot && s->nshots < MAX_SHOTS)
		return final;
	if (fabs(s->score) < fabs(final) &&
	    signbit(s->score) == signbit(final))
		return final - s->score;
	return 0;
}

static struct scan_sym *insert(struct scan_ctx *c, const char *symbol,
			       double mult)
{
	long idx = symbol_index(symbol);
	const struct symbol_def *def = idx >= 0 ? symbol_at(idx) : NULL;
	double final = idx >= 0 ? c->cfg->weights[idx] * mult : 0, diff;
	struct scan_sym *s = scan_find_index(c, idx, symbol);

	if (s == NULL) {
		if ((s = new_sym(c, symbol, idx)) == NULL)
			return NULL;
		diff = cap_group(c, idx, final);
		s->score = isnan(diff) ? 0 : diff;
		s->nshots = 1;
		return s;
	}
	diff = repeat_diff(s, def != NULL && def->one_shot, final);
	s->nshots++;
	if (diff != 0) {
		diff = cap_group(c, idx, diff);
		if (!isnan(diff))
			s->score += diff;
	}
	return s;
}

static void add_option(struct scan_ctx *c, struct scan_sym *s,
		       const char *opt)
{
	size_t si = (size_t)(s - c->syms), i;
	char *valid = NULL;
	long off;

	/* Options end up in JSON: invalid UTF-8 becomes U+FFFD, as in
	 * Rspamd's results. */
	if (!g_utf8_validate(opt, -1, NULL))
		opt = valid = g_utf8_make_valid(opt, -1);
	for (i = 0; i < c->n_opts; i++)
		if (c->opts[i].sym == si &&
		    strcmp(c->arena + c->opts[i].off, opt) == 0)
			goto out;
	off = arena_add(c, opt);
	if (off < 0)
		goto out;
	if (grow((void **)&c->opts, &c->alloc_opts, c->n_opts + 1,
		 sizeof(*c->opts)) < 0) {
		c->oom = true;
		goto out;
	}
	c->opts[c->n_opts].sym = si;
	c->opts[c->n_opts].off = (size_t)off;
	c->n_opts++;
	s->n_opts++;
out:
	g_free(valid);
}

void scan_insert_optv(struct scan_ctx *c, const char *symbol, double mult,
		      const char *const *opts, size_t n)
{
	struct scan_sym *s = insert(c, symbol, mult);
	size_t i;

	for (i = 0; s != NULL && i < n; i++)
		if (opts[i] != NULL)
			add_option(c, s, opts[i]);
}

static void insert_va(struct scan_ctx *c, const char *symbol, double mult,
		      va_list ap)
{
	const char *opts[MAX_VARARG_OPTIONS];
	const char *o;
	size_t n = 0;

	while ((o = va_arg(ap, const char *)) != NULL)
		if (n < MAX_VARARG_OPTIONS)
			opts[n++] = o;
	scan_insert_optv(c, symbol, mult, opts, n);
}

void scan_insert(struct scan_ctx *c, const char *symbol, ...)
{
	va_list ap;

	va_start(ap, symbol);
	insert_va(c, symbol, 1.0, ap);
	va_end(ap);
}

void scan_insert_mult(struct scan_ctx *c, const char *symbol, double mult,
		      ...)
{
	va_list ap;

	va_start(ap, mult);
	insert_va(c, symbol, mult, ap);
	va_end(ap);
}

void scan_add_option(struct scan_ctx *c, const char *symbol,
		     const char *option)
{
	struct scan_sym *s = scan_find(c, symbol);

	if (s == NULL)
		s = insert(c, symbol, 1.0);
	if (s != NULL)
		add_option(c, s, option);
}

/* For composites.c: insert a composite symbol (no options). */
void scan_insert_composite(struct scan_ctx *c, const char *symbol)
{
	insert(c, symbol, 1.0);
}

size_t scan_n_syms(const struct scan_ctx *c)
{
	return c->n_syms;
}

struct scan_sym *scan_sym_at(struct scan_ctx *c, size_t i)
{
	return &c->syms[i];
}

const char *scan_sym_group(const struct scan_ctx *c,
			   const struct scan_sym *s)
{
	int gi = s->idx >= 0 ? c->cfg->sym_group[s->idx] : -1;

	return gi >= 0 ? c->cfg->groups[gi].name : NULL;
}

double scan_score_of(const struct scan_ctx *c, const char *symbol)
{
	const struct scan_sym *s = scan_find(c, symbol);

	return s != NULL ? s->score : 0;
}

size_t scan_n_options(const struct scan_ctx *c, const char *symbol)
{
	const struct scan_sym *s = scan_find(c, symbol);

	return s != NULL ? s->n_opts : 0;
}

const char *scan_option(const struct scan_ctx *c, const char *symbol,
			size_t n)
{
	const struct scan_sym *s = scan_find(c, symbol);
	size_t si, i;

	if (s == NULL)
		return NULL;
	si = (size_t)(s - c->syms);
	for (i = 0; i < c->n_opts; i++)
		if (c->opts[i].sym == si && n-- == 0)
			return c->arena + c->opts[i].off;
	return NULL;
}

/* Finishing: the action and the result. */

static double total_score(const struct scan_ctx *c)
{
	double sum = 0;
	size_t i;

	for (i = 0; i < c->n_syms; i++)
		if (!c->syms[i].weight_removed)
			sum += c->syms[i].score;
	return sum;
}

/* The most severe action whose threshold the score reaches. */
static const char *pick_action(const struct scan_config *cfg, double score)
{
	const char *best = "no action";
	double best_t = -INFINITY;
	int a;

	for (a = 0; a < SCAN_N_ACTIONS; a++)
		if (cfg->has_threshold[a] && score >= cfg->threshold[a] &&
		    cfg->threshold[a] > best_t) {
			best = scan_action_name((enum scan_action)a);
			best_t = cfg->threshold[a];
		}
	return best;
}

static double required_score(const struct scan_config *cfg)
{
	double max = 0;
	int a;

	if (cfg->has_threshold[SCAN_ACTION_REJECT])
		return cfg->threshold[SCAN_ACTION_REJECT];
	for (a = 0; a < SCAN_N_ACTIONS; a++)
		if (cfg->has_threshold[a] && cfg->threshold[a] > max)
			max = cfg->threshold[a];
	return max;
}

static int cmp_sym(const void *a, const void *b, void *arg)
{
	const struct scan_ctx *c = arg;

	return strcmp(scan_sym_name(c, *(struct scan_sym *const *)a),
		      scan_sym_name(c, *(struct scan_sym *const *)b));
}

static int fill_symbol(const struct scan_ctx *c, const struct scan_sym *s,
		       struct scan_result *r)
{
	const struct symbol_def *def = s->idx >= 0 ? symbol_at(s->idx) : NULL;
	size_t si = (size_t)(s - c->syms), i;
	struct result_symbol *rs;

	rs = result_add_symbol(r, scan_sym_name(c, s),
			       s->weight_removed ? 0 : s->score,
			       def ? c->cfg->weights[s->idx] : 0,
			       def ? def->description : NULL);
	if (rs == NULL)
		return -1;
	for (i = 0; i < c->n_opts; i++)
		if (c->opts[i].sym == si &&
		    result_symbol_add_option(rs, c->arena + c->opts[i].off) <
			    0)
			return -1;
	return 0;
}

static int fill_symbols(const struct scan_ctx *c, struct scan_result *r)
{
	const struct scan_sym **v;
	size_t i, n = 0;
	int rc = -1;

	v = malloc((c->n_syms + 1) * sizeof(*v));
	if (v == NULL)
		return -1;
	for (i = 0; i < c->n_syms; i++)
		if (!c->syms[i].removed)
			v[n++] = &c->syms[i];
	qsort_r(v, n, sizeof(*v), cmp_sym, (void *)c);
	for (i = 0; i < n; i++)
		if (fill_symbol(c, v[i], r) < 0)
			goto out;
	rc = 0;
out:
	free(v);
	return rc;
}

int scan_ctx_finish(struct scan_ctx *c, struct scan_result *r,
		    struct err *err)
{
	composites_apply(c->composites, c);
	if (c->oom)
		goto oom;
	r->is_skipped = false;
	r->has_score = true;
	r->score = total_score(c);
	r->has_required = true;
	r->required_score = required_score(c->cfg);
	if (result_set_str(&r->action, pick_action(c->cfg, r->score)) < 0 ||
	    fill_symbols(c, r) < 0)
		goto oom;
	return 0;
oom:
	err_set(err, "out of memory while scoring the message");
	return -1;
}
