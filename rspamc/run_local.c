/*
 * run_local.c - the in-process scanner's side of a run (run_priv.h).
 *
 * The in-process scanner (lib/scan, loaded on first use) scans instead of
 * a server with --local; by default (no -h) when nothing answers on the
 * default address, for the scan command; and with --on-error=local when
 * an LDA scan by the server fails. Its results say so in their scanner
 * field (X-Spam-Scanner); a server's say "rspamc 3.4".
 *
 * With --local, learn_spam, learn_ham and unlearn (alias forget) learn
 * into the scanner's Bayes store instead of a server: one scanner and one
 * store for every file of the run. Each file prints rspamd's learn reply
 * (success = true; or error = "<mid> has been already learned as spam,
 * ignore it";). A message refused (already learned as that class, or
 * never learned for unlearn) makes the exit status 2 (LEARN_REFUSED) when
 * nothing failed; a failure (bad store, unreadable file) makes it 1.
 *
 * Local learns are grouped into batches (learn_batch / learn_flush of the
 * scanner module): one commit per LEARN_BATCH_MAX messages or
 * LEARN_BATCH_SECONDS, whichever comes first, so that other processes
 * waiting for the store's lock are not starved. A file's reply is held
 * until the commit that makes its learn durable, then printed in order; a
 * failed commit turns the held replies of the batch into errors.
 */
#include "run_priv.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "output.h"
#include "scan/scanner.h"

/* ---- the in-process scanner ---- */

/*
 * The XDG data directory the scanner keeps its Bayes store under:
 * $XDG_DATA_HOME when absolute (the XDG rule), else $HOME/.local/share
 * ("./.local/share" without HOME).
 */
static int data_dir(char *buf, size_t size, struct err *err)
{
	const char *xdg = getenv("XDG_DATA_HOME");
	const char *home = getenv("HOME");
	int n;

	if (xdg != NULL && xdg[0] == '/')
		n = snprintf(buf, size, "%s", xdg);
	else
		n = snprintf(buf, size, "%s/.local/share",
			     home != NULL && home[0] != '\0' ? home : ".");
	if (n < 0 || (size_t)n >= size)
		return err_set(err, "the data directory path is too long");
	return 0;
}

/* Load the module and make the scanner, once per run. */
int local_open(struct run *r, struct err *err)
{
	char dir[4096];

	if (r->scanner != NULL)
		return 0;
	if (data_dir(dir, sizeof(dir), err) < 0)
		return -1;
	r->scan_ops = scan_load(r->a->exe_path, err);
	if (r->scan_ops == NULL)
		return -1;
	r->scanner = r->scan_ops->scanner_new(r->o->scan_config, dir, err);
	return r->scanner != NULL ? 0 : -1;
}

void local_close(struct run *r)
{
	if (r->scanner != NULL)
		r->scan_ops->scanner_free(r->scanner);
	r->scanner = NULL;
}

static void envelope_from_opts(const struct run *r, struct scan_envelope *e)
{
	const struct opts *o = r->o;

	memset(e, 0, sizeof(*e));
	e->ip = r->a->ip;
	e->helo = o->helo;
	e->hostname = o->hostname;
	e->from = o->from;
	e->rcpts = (const char *const *)o->rcpts;
	while (o->rcpts != NULL && o->rcpts[e->n_rcpts] != NULL)
		e->n_rcpts++;
	e->user = o->user;
	e->queue_id = o->queue_id;
	e->now = o->now;
}

/* Scan j in-process and hand the result on, as a server's would be. */
void local_scan_job(struct run *r, struct job *j)
{
	struct scan_envelope env;
	struct scan_result res;
	struct err err;
	double t0 = run_now();

	err_init(&err);
	result_init(&res);
	j->local_tried = true;
	envelope_from_opts(r, &env);
	if (local_open(r, &err) < 0 ||
	    r->scan_ops->scan(r->scanner, j->msg.data, j->msg.len, &env,
			      &res, &err) < 0) {
		j->req.reply.elapsed = 0;
		run_handle_failure(r, j, err.msg);
		goto out;
	}
	j->req.reply.elapsed = round((run_now() - t0) * 1000.0) / 1000.0;
	if (res.warning != NULL)
		run_note("%s: %s", j->name, res.warning);
	run_handle_result(r, j, &res, 0);
out:
	result_release(&res);
	err_release(&err);
}

/* Scan every remaining input in-process. */
void local_scan_rest(struct run *r)
{
	struct job *j;
	struct err err;

	err_init(&err);
	while ((j = run_read_next(r, &err)) != NULL) {
		if (r->learn) {
			local_learn_job(r, j); /* takes j */
			continue;
		}
		if (!run_lda_precheck(r, j))
			local_scan_job(r, j);
		run_job_free(j);
	}
	if (r->learn)
		local_learn_commit(r);
	if (err_isset(&err)) {
		run_note("%s", err.msg);
		r->st->failures++;
		if (r->lda)
			run_set_status(r, EX_NOINPUT);
	}
	err_release(&err);
}

/* Print rspamd's reply for a local learn of j (status as learn()'s). */
static void learn_report(struct run *r, struct job *j, int status,
			 const char *why)
{
	json_t *obj;

	if (status < 0) {
		j->req.reply.elapsed = 0;
		run_handle_failure(r, j, why);
		return;
	}
	if (status == SCAN_ALREADY_LEARNED || status == SCAN_NOT_LEARNED) {
		run_note("%s: %s", j->name, why);
		r->refused++;
		obj = json_pack("{s:s}", "error", why);
	} else {
		obj = json_pack("{s:b}", "success", 1);
	}
	if (obj == NULL) {
		run_handle_failure(r, j, "out of memory");
		return;
	}
	run_show_command(r, j, obj);
	json_decref(obj);
}

/* Group the learns of this run when the module can (once). */
static void learn_batch_start(struct run *r)
{
	if (r->held != NULL || r->scan_ops->learn_batch == NULL ||
	    r->scan_ops->learn_flush == NULL)
		return;
	r->held = calloc(LEARN_BATCH_MAX, sizeof(*r->held));
	if (r->held != NULL)
		r->scan_ops->learn_batch(r->scanner);
}

/*
 * Commit the batch, then print the held replies in order: as they are,
 * or, when the commit failed, as errors for every file whose learn or
 * refusal was decided inside the lost batch.
 */
void local_learn_commit(struct run *r)
{
	struct err err;
	size_t i;
	int rc;

	if (r->n_held == 0)
		return;
	err_init(&err);
	rc = r->scan_ops->learn_flush(r->scanner, &err);
	for (i = 0; i < r->n_held; i++) {
		struct held *h = &r->held[i];

		if (rc < 0 && h->status >= 0)
			learn_report(r, h->job, -1, err.msg);
		else
			learn_report(r, h->job, h->status, h->why);
		run_job_free(h->job);
		h->job = NULL;
	}
	r->n_held = 0;
}

/* Learn j into the local Bayes store; its reply is printed (now, or
 * with its batch's commit). Takes j. */
void local_learn_job(struct run *r, struct job *j)
{
	struct err err;
	double t0 = run_now();
	struct held *h;
	int st = -1;

	err_init(&err);
	j->local_tried = true;
	if (local_open(r, &err) == 0) {
		learn_batch_start(r);
		if (r->scan_ops->learn == NULL)
			err_set(&err, "the scanner module cannot learn");
		else
			st = r->scan_ops->learn(r->scanner, j->msg.data,
						j->msg.len, r->learn_to, &err);
	}
	j->req.reply.elapsed = round((run_now() - t0) * 1000.0) / 1000.0;
	if (r->held == NULL) {
		learn_report(r, j, st, err.msg);
		run_job_free(j);
		return;
	}
	if (r->n_held == 0)
		r->batch_t0 = t0;
	buf_release(&j->msg);
	h = &r->held[r->n_held++];
	h->job = j;
	h->status = st;
	snprintf(h->why, sizeof(h->why), "%s", err.msg);
	if (r->n_held >= LEARN_BATCH_MAX ||
	    run_now() - r->batch_t0 >= LEARN_BATCH_SECONDS)
		local_learn_commit(r);
}


/* learn_spam, learn_ham and unlearn with --local: learn in-process. */
int local_learn_setup(struct run *r, struct err *err)
{
	const char *name = r->a->cmd->name;
	bool unlearn = strcmp(name, "unlearn") == 0;

	if (unlearn && !r->o->local)
		return err_set(err, "the unlearn command needs --local: "
			       "rspamd 3.4 has no unlearn endpoint");
	if (!r->o->local)
		return 0;
	if (strcmp(name, "learn_spam") == 0)
		r->learn_to = BAYES_CLASS_SPAM;
	else if (strcmp(name, "learn_ham") == 0)
		r->learn_to = BAYES_CLASS_HAM;
	else if (unlearn)
		r->learn_to = BAYES_CLASS_NONE;
	else
		return 0;
	r->learn = true;
	return 0;
}
