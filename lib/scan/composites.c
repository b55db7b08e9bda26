/*
 * composites.c - compiles Rspamd's composite expressions (composites.h)
 * into small trees and evaluates them on a scan context.
 *
 * Evaluation short-circuits '&' and '|' like Rspamd's expression engine,
 * and only atoms reached outside a '!' ask for removals. A composite that
 * names another composite evaluates that one first.
 */
#include "composites.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "score.h"
#include "symbols.h"

#define MAX_NODES 64
#define MAX_NAME 64
#define MAX_MATCHED 64

enum node_kind { NODE_ATOM, NODE_AND, NODE_OR, NODE_NOT };
enum atom_kind { ATOM_SYMBOL, ATOM_GROUP, ATOM_GROUP_POS, ATOM_GROUP_NEG };

#define REMOVE_SYMBOL 1u
#define REMOVE_WEIGHT 2u
#define REMOVE_FORCED 4u

struct node {
	enum node_kind kind;
	int a, b;                 /* children */
	enum atom_kind atom;
	char prefix;              /* '-', '~', '^' or 0 */
	char name[MAX_NAME];
	long comp;                /* ATOM_SYMBOL: the composite of that
				   * name (index), or -1 */
	long sym;                 /* ATOM_SYMBOL: symbol_index(name) */
};

struct composite {
	const struct composite_def *def;
	unsigned policy;          /* REMOVE_* bits for a plain atom */
	bool leave;
	struct node *nodes;       /* owned, n_nodes long */
	int n_nodes, root;
};

struct removal {
	size_t sym;
	unsigned action;
};

struct composites {
	struct composite *v;
	size_t n;
	/* Per apply: */
	unsigned char *state;     /* 0 not yet, 1 running, 2 done */
	bool *matched;
	struct removal *removals;
	size_t n_removals, alloc_removals;
};

struct parser {
	const char *p;
	struct node nodes[MAX_NODES];   /* scratch; compile() keeps a copy */
	int n_nodes;
	bool failed;
};

/* Parsing. */

static void skip_space(struct parser *ps)
{
	while (isspace((unsigned char)*ps->p))
		ps->p++;
}

static bool word(struct parser *ps, const char *w)
{
	size_t n = strlen(w);

	skip_space(ps);
	if (strncasecmp(ps->p, w, n) != 0 ||
	    isalnum((unsigned char)ps->p[n]) || ps->p[n] == '_')
		return false;
	ps->p += n;
	return true;
}

static bool punct(struct parser *ps, char ch)
{
	skip_space(ps);
	if (*ps->p != ch)
		return false;
	ps->p++;
	return true;
}

static int new_node(struct parser *ps, enum node_kind kind, int a, int b)
{
	struct node *n;

	if (ps->n_nodes >= MAX_NODES) {
		ps->failed = true;
		return -1;
	}
	n = &ps->nodes[ps->n_nodes];
	memset(n, 0, sizeof(*n));
	n->kind = kind;
	n->a = a;
	n->b = b;
	return ps->n_nodes++;
}

static bool name_char(char ch)
{
	return isalnum((unsigned char)ch) || ch == '_' || ch == '.';
}

static int parse_expr(struct parser *ps);

static int parse_atom(struct parser *ps)
{
	struct node *n;
	size_t len = 0;
	int i;

	skip_space(ps);
	if ((i = new_node(ps, NODE_ATOM, -1, -1)) < 0)
		return -1;
	n = &ps->nodes[i];
	if (*ps->p == '-' || *ps->p == '~' || *ps->p == '^')
		n->prefix = *ps->p++;
	n->atom = ATOM_SYMBOL;
	if (strncmp(ps->p, "g:", 2) == 0) {
		n->atom = ATOM_GROUP;
		ps->p += 2;
	} else if (strncmp(ps->p, "g+:", 3) == 0) {
		n->atom = ATOM_GROUP_POS;
		ps->p += 3;
	} else if (strncmp(ps->p, "g-:", 3) == 0) {
		n->atom = ATOM_GROUP_NEG;
		ps->p += 3;
	}
	while (name_char(ps->p[len]))
		len++;
	if (len == 0 || len >= MAX_NAME) {
		ps->failed = true;
		return -1;
	}
	memcpy(n->name, ps->p, len);
	n->name[len] = '\0';
	ps->p += len;
	return i;
}

static int parse_unary(struct parser *ps)
{
	int a;

	if (punct(ps, '!') || word(ps, "not")) {
		if ((a = parse_unary(ps)) < 0)
			return -1;
		return new_node(ps, NODE_NOT, a, -1);
	}
	if (punct(ps, '(')) {
		a = parse_expr(ps);
		if (a < 0 || !punct(ps, ')')) {
			ps->failed = true;
			return -1;
		}
		return a;
	}
	return parse_atom(ps);
}

static int parse_and(struct parser *ps)
{
	int a = parse_unary(ps), b;

	while (a >= 0 && (punct(ps, '&') || word(ps, "and"))) {
		if ((b = parse_unary(ps)) < 0)
			return -1;
		a = new_node(ps, NODE_AND, a, b);
	}
	return a;
}

static int parse_expr(struct parser *ps)
{
	int a = parse_and(ps), b;

	while (a >= 0 && (punct(ps, '|') || word(ps, "or"))) {
		if ((b = parse_and(ps)) < 0)
			return -1;
		a = new_node(ps, NODE_OR, a, b);
	}
	return a;
}

/* Parses expression into c->nodes (allocated to size: a composite uses
 * a few nodes of the MAX_NODES the parser allows). */
static int compile(struct composite *c, const char *expression)
{
	struct parser ps = { .p = expression };

	c->root = parse_expr(&ps);
	skip_space(&ps);
	if (ps.failed || c->root < 0 || *ps.p != '\0')
		return -1;
	c->nodes = malloc(ps.n_nodes * sizeof(*c->nodes));
	if (c->nodes == NULL)
		return -1;
	memcpy(c->nodes, ps.nodes, ps.n_nodes * sizeof(*c->nodes));
	c->n_nodes = ps.n_nodes;
	return 0;
}

int composites_check(const char *expression, struct err *err)
{
	struct composite c = { 0 };
	int rc = compile(&c, expression);

	if (rc < 0)
		err_set(err, "invalid composite expression '%s'", expression);
	free(c.nodes);
	return rc;
}

static void set_policy(struct composite *c)
{
	const char *p = c->def->policy;

	c->leave = strcmp(p, "leave") == 0;
	if (strcmp(p, "remove_weight") == 0)
		c->policy = REMOVE_WEIGHT;
	else if (strcmp(p, "remove_symbol") == 0)
		c->policy = REMOVE_SYMBOL;
	else
		c->policy = REMOVE_SYMBOL | REMOVE_WEIGHT;
}

static long composite_index(const struct composites *cs, const char *name);

/* Atoms that name a composite evaluate it first: find it once; and the
 * symbol table's index of each atom's name, once. */
static void resolve_composites(const struct composites *cs,
			       struct composite *c)
{
	struct node *n;
	int i;

	for (i = 0; i < c->n_nodes; i++) {
		n = &c->nodes[i];
		n->comp = -1;
		n->sym = -1;
		if (n->kind != NODE_ATOM || n->atom != ATOM_SYMBOL)
			continue;
		n->comp = composite_index(cs, n->name);
		n->sym = symbol_index(n->name);
	}
}

struct composites *composites_new(void)
{
	struct composites *cs = calloc(1, sizeof(*cs));
	size_t i;

	if (cs == NULL)
		return NULL;
	cs->n = symbol_composite_count();
	cs->v = calloc(cs->n, sizeof(*cs->v));
	cs->state = calloc(cs->n, 1);
	cs->matched = calloc(cs->n, sizeof(*cs->matched));
	if (cs->v == NULL || cs->state == NULL || cs->matched == NULL)
		goto fail;
	for (i = 0; i < cs->n; i++) {
		cs->v[i].def = symbol_composite_at(i);
		set_policy(&cs->v[i]);
		if (compile(&cs->v[i], cs->v[i].def->expression) < 0)
			goto fail;
	}
	for (i = 0; i < cs->n; i++)
		resolve_composites(cs, &cs->v[i]);
	return cs;
fail:
	composites_free(&cs);
	return NULL;
}

void composites_free(struct composites **csp)
{
	struct composites *cs = *csp;

	if (cs == NULL)
		return;
	for (size_t i = 0; cs->v != NULL && i < cs->n; i++)
		free(cs->v[i].nodes);
	free(cs->v);
	free(cs->state);
	free(cs->matched);
	free(cs->removals);
	free(cs);
	*csp = NULL;
}

/* Evaluation. */

struct eval {
	struct composites *cs;
	struct scan_ctx *ctx;
	const struct composite *comp;
	struct removal matched[MAX_MATCHED];
	size_t n_matched;
};

static void run_composite(struct composites *cs, struct scan_ctx *ctx,
			  size_t i);

static long composite_index(const struct composites *cs, const char *name)
{
	size_t i;

	for (i = 0; i < cs->n; i++)
		if (strcmp(cs->v[i].def->name, name) == 0)
			return (long)i;
	return -1;
}

static unsigned atom_action(const struct eval *ev, const struct node *n)
{
	unsigned a = ev->comp->policy;

	if (n->prefix == '~')
		a &= ~REMOVE_SYMBOL;
	else if (n->prefix == '-')
		a = 0;
	else if (n->prefix == '^')
		a |= REMOVE_FORCED;
	return a;
}

static void note_match(struct eval *ev, const struct node *n,
		       const struct scan_sym *s, bool negated)
{
	if (negated || ev->comp->leave || ev->n_matched >= MAX_MATCHED)
		return;
	ev->matched[ev->n_matched].sym =
		(size_t)(s - scan_sym_at(ev->ctx, 0));
	ev->matched[ev->n_matched].action = atom_action(ev, n);
	ev->n_matched++;
}

static bool group_match(const struct scan_sym *s, const struct node *n)
{
	if (n->atom == ATOM_GROUP_POS)
		return s->score > 0;
	if (n->atom == ATOM_GROUP_NEG)
		return s->score < 0;
	return true;
}

static bool eval_group(struct eval *ev, const struct node *n, bool negated)
{
	const char *g;
	struct scan_sym *s;
	bool any = false;
	size_t i;

	for (i = 0; i < scan_n_syms(ev->ctx); i++) {
		s = scan_sym_at(ev->ctx, i);
		g = scan_sym_group(ev->ctx, s);
		if (s->removed || g == NULL || strcmp(g, n->name) != 0 ||
		    !group_match(s, n))
			continue;
		any = true;
		note_match(ev, n, s, negated);
	}
	return any;
}

static bool eval_atom(struct eval *ev, const struct node *n, bool negated)
{
	struct scan_sym *s;
	long ci;

	if (n->atom != ATOM_SYMBOL)
		return eval_group(ev, n, negated);
	ci = n->comp;
	if (ci >= 0 && ev->cs->state[ci] == 0)
		run_composite(ev->cs, ev->ctx, (size_t)ci);
	s = scan_find_index(ev->ctx, n->sym, n->name);
	if (s == NULL || s->removed)
		return false;
	note_match(ev, n, s, negated);
	return true;
}

static bool eval_node(struct eval *ev, int i, bool negated)
{
	const struct node *n = &ev->comp->nodes[i];

	switch (n->kind) {
	case NODE_ATOM:
		return eval_atom(ev, n, negated);
	case NODE_NOT:
		return !eval_node(ev, n->a, !negated);
	case NODE_AND:
		return eval_node(ev, n->a, negated) &&
		       eval_node(ev, n->b, negated);
	case NODE_OR:
		return eval_node(ev, n->a, negated) ||
		       eval_node(ev, n->b, negated);
	}
	return false;
}

static void keep_removals(struct composites *cs, const struct eval *ev)
{
	size_t need = cs->n_removals + ev->n_matched, n;
	struct removal *v;

	if (ev->n_matched == 0)
		return; /* matched may be NULL: memcpy must not see it */
	if (need > cs->alloc_removals) {
		n = need * 2;
		v = realloc(cs->removals, n * sizeof(*v));
		if (v == NULL)
			return;
		cs->removals = v;
		cs->alloc_removals = n;
	}
	memcpy(cs->removals + cs->n_removals, ev->matched,
	       ev->n_matched * sizeof(*ev->matched));
	cs->n_removals += ev->n_matched;
}

static void run_composite(struct composites *cs, struct scan_ctx *ctx,
			  size_t i)
{
	struct eval ev;

	cs->state[i] = 1;
	ev.cs = cs;
	ev.ctx = ctx;
	ev.comp = &cs->v[i];
	ev.n_matched = 0;
	if (eval_node(&ev, cs->v[i].root, false)) {
		cs->matched[i] = true;
		keep_removals(cs, &ev);
		scan_insert_composite(ctx, cs->v[i].def->name);
	}
	cs->state[i] = 2;
}

/* Rspamd removes a symbol only when every composite that matched it
 * wants that, unless one forces it. */
static void apply_removals(struct composites *cs, struct scan_ctx *ctx)
{
	unsigned all, forced;
	struct scan_sym *s;
	size_t i, j;

	for (i = 0; i < cs->n_removals; i++) {
		all = REMOVE_SYMBOL | REMOVE_WEIGHT;
		forced = 0;
		for (j = 0; j < cs->n_removals; j++)
			if (cs->removals[j].sym == cs->removals[i].sym) {
				all &= cs->removals[j].action;
				if (cs->removals[j].action & REMOVE_FORCED)
					forced |= cs->removals[j].action;
			}
		all |= forced;
		s = scan_sym_at(ctx, cs->removals[i].sym);
		if (all & REMOVE_WEIGHT)
			s->weight_removed = true;
		if (all & REMOVE_SYMBOL)
			s->removed = true;
	}
}

void composites_apply(struct composites *cs, struct scan_ctx *ctx)
{
	size_t i;

	memset(cs->state, 0, cs->n);
	memset(cs->matched, 0, cs->n * sizeof(*cs->matched));
	cs->n_removals = 0;
	for (i = 0; i < cs->n; i++)
		if (cs->state[i] == 0)
			run_composite(cs, ctx, i);
	apply_removals(cs, ctx);
}
