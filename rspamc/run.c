/*
 * run.c - one rspamc run: see run.h.
 *
 * Inputs become jobs lazily, one message in memory per request in flight,
 * so a directory of thousands of files runs in bounded memory. Replies are
 * handled in completion order, as rspamc does. A job whose server cannot
 * be reached is sent to the next live server of the -h list.
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
#include "run.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "compress.h"
#include "inputs.h"
#include "output.h"
#include "request.h"
#include "result.h"
#include "rewrite.h"
#include "servers.h"
#include "child.h"
#include "scan/scanner.h"
#include "transport.h"

/* The scanner field of a server's result. */
#define REMOTE_SCANNER_NAME "rspamc 3.4"
/* The exit status of a local learn run that refused a message. */
#define LEARN_REFUSED 2
/* Local learns per commit, and the longest a batch keeps the lock. */
#define LEARN_BATCH_MAX 256
#define LEARN_BATCH_SECONDS 0.25
/* Replies larger than this are refused: no sane reply is near it. */
#define MAX_REPLY (256LL * 1024 * 1024)

/* A local learn whose reply waits for its batch's commit. */
struct held {
	struct job *job;
	int status;             /* the scanner's learn() result, -1 failed */
	char why[ERR_MAX];      /* the error or refusal text */
};

struct run {
	const struct run_args *a;
	const struct opts *o;
	struct run_status *st;
	struct server_list servers;
	struct request_params params;
	struct output_opts out;
	struct inputs inputs;
	size_t next_input;
	bool stdin_pending;     /* the input is stdin (or -E), not yet taken */
	bool command_pending;   /* a no-input command, not yet sent */
	bool lda;               /* --mime on a scan: the delivery mode */
	struct buf dict;        /* -D dictionary */
	bool local;             /* scan in-process (--local, or fallen back) */
	bool auto_local;        /* fall back to in-process when no server */
	const struct scanner_ops *scan_ops;
	struct scanner *scanner;
	bool learn;             /* --local learn_spam/learn_ham/unlearn */
	enum bayes_class learn_to;
	int refused;            /* local learns refused (already learned) */
	struct held *held;      /* LEARN_BATCH_MAX slots once batching */
	size_t n_held;
	double batch_t0;        /* when the batch's first learn started */
	struct err fatal;       /* set when the run must stop */
};

struct job {
	struct http_request req;
	struct run *run;
	char *name;             /* Filename: and the report heading */
	struct buf msg;         /* the message as read */
	struct buf wire;        /* the compressed body with -z */
	struct header_list headers;
	struct server *server;
	size_t tried;           /* servers tried so far */
	bool local_tried;       /* the in-process scanner had its go */
};

/* Where one job's output goes: stdout, or a new --exec child. */
struct sink {
	struct run *run;
	bool to_child;
	struct child child;
};

static double now_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* A diagnostic on stderr; results and rspamc's own error texts go to stdout. */
static void note(const char *fmt, ...)
{
	va_list ap;

	fputs("rspamc: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

static void report_input(void *ctx, const char *msg)
{
	note("%s", msg);
}

static const char *server_name(const struct job *j)
{
	return j->server != NULL ? j->server->name : "(no server)";
}

/* write(2) until done: a short or failed write is an error, never silent. */
static int write_all(int fd, const void *p, size_t n, struct err *err)
{
	const char *c = p;

	while (n > 0) {
		ssize_t w = write(fd, c, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			return err_set(err, "cannot write to standard output: %s",
				       strerror(errno));
		c += w;
		n -= (size_t)w;
	}
	return 0;
}

static int sink_open(struct sink *s, struct run *r, struct err *err)
{
	char **argv = NULL;
	int rc;

	s->run = r;
	s->to_child = r->o->exec != NULL;
	memset(&s->child, 0, sizeof(s->child));
	s->child.in_fd = -1;
	if (!s->to_child)
		return 0;
	if (argv_split(r->o->exec, &argv, err) < 0) {
		err_prefix(err, "--exec '%s'", r->o->exec);
		return -1;
	}
	rc = child_start(&s->child, argv, err);
	argv_free(argv);
	return rc;
}

static int sink_write(void *ctx, const void *p, size_t n, struct err *err)
{
	struct sink *s = ctx;

	if (s->to_child)
		return child_write(&s->child, p, n, err);
	return write_all(STDOUT_FILENO, p, n, err);
}

/* Finish the sink; the delivery status goes to *status_r. */
static int sink_close(struct sink *s, int *status_r, struct err *err)
{
	*status_r = 0;
	if (!s->to_child)
		return 0;
	return child_finish(&s->child, status_r, err);
}

static void set_status(struct run *r, int status)
{
	if (r->st->status == 0)
		r->st->status = status;
}

/*
 * Hand text (a report) to stdout or to an --exec child. Failures are
 * counted; the child's status is kept.
 */
static void emit_text(struct run *r, const struct buf *text)
{
	struct sink s;
	struct err err;
	int status = 0;

	err_init(&err);
	if (sink_open(&s, r, &err) < 0) {
		note("%s", err.msg);
		r->st->failures++;
		set_status(r, r->lda ? EX_TEMPFAIL : 1);
		return;
	}
	if (sink_write(&s, text->data, text->len, &err) < 0) {
		note("%s", err.msg);
		if (!s.to_child) {
			r->st->failures++;
			set_status(r, r->lda ? EX_TEMPFAIL : 1);
		}
	}
	if (sink_close(&s, &status, &err) < 0)
		note("%s", err.msg);
	if (status != 0)
		set_status(r, status);
}

/* ---- the LDA path: deliver the rewritten or the unscanned message ---- */

static void rewrite_opts_for(struct run *r, struct rewrite_opts *ro,
			     const struct scan_result *result, double elapsed)
{
	rewrite_opts_init(ro);
	ro->scanner = result != NULL && result->scanner != NULL
			      ? result->scanner
			      : REMOTE_SCANNER_NAME;
	ro->scan_time = elapsed;
	ro->with_result = r->o->json || r->o->compact || r->o->ucl;
	ro->result_style = r->o->ucl       ? EMIT_UCL
			   : r->o->compact ? EMIT_JSON_COMPACT
					   : EMIT_JSON;
}

/*
 * Deliver one message: rewritten with result (result != NULL) or passed
 * on unscanned with why. The status is the delivery's.
 */
static void deliver(struct run *r, const char *name, const char *msg,
		    size_t len, const struct scan_result *result,
		    const char *why, double elapsed)
{
	struct rewrite_opts ro;
	struct sink s;
	struct err err;
	int status = 0, rc;

	err_init(&err);
	rewrite_opts_for(r, &ro, result, elapsed);
	if (sink_open(&s, r, &err) < 0) {
		note("%s: %s", name, err.msg);
		set_status(r, EX_TEMPFAIL);
		return;
	}
	if (result != NULL)
		rc = rewrite_message(msg, len, result, &ro, sink_write, &s,
				     &err);
	else
		rc = rewrite_unscanned(msg, len, why, &ro, sink_write, &s,
				       &err);
	if (rc < 0) {
		note("%s: %s", name, err.msg);
		if (!s.to_child)
			set_status(r, EX_TEMPFAIL);
	}
	if (sink_close(&s, &status, &err) < 0)
		note("%s: %s", name, err.msg);
	if (rc < 0 && status == 0)
		status = EX_TEMPFAIL;
	if (status != 0)
		set_status(r, status);
}

static void local_scan_job(struct run *r, struct job *j);
static void local_learn_job(struct run *r, struct job *j);
static void learn_commit(struct run *r);
static struct job *read_next(struct run *r, struct err *err);
static bool lda_precheck(struct run *r, struct job *j);
static void job_free(struct job *j);

/* The scan of an LDA message failed: apply the --on-error policy. */
static void scan_failed(struct run *r, struct job *j, const char *why,
			double elapsed)
{
	if (r->o->on_error == ON_ERROR_LOCAL && !j->local_tried) {
		note("%s: scan by %s failed (%s); scanning in-process",
		     j->name, server_name(j), why);
		local_scan_job(r, j);
		return;
	}
	r->st->failures++;
	if (r->o->on_error == ON_ERROR_TEMPFAIL) {
		note("%s: scan by %s failed (%s); not delivered, exit "
		     "status 75 asks to retry later",
		     j->name, server_name(j), why);
		set_status(r, EX_TEMPFAIL);
		return;
	}
	note("%s: scan by %s failed (%s); delivering it unscanned", j->name,
	     server_name(j), why);
	deliver(r, j->name, j->msg.data, j->msg.len, NULL, why, elapsed);
}

/* ---- replies ---- */

static bool is_2xx(int status)
{
	return status >= 200 && status < 300;
}

/*
 * The JSON part of a good reply (after zstd, before a Message-Offset),
 * in *json_r / *len_r. Returns -1 with the rspamc-style error text.
 */
static int reply_json(struct run *r, struct http_reply *rep, struct buf *tmp,
		      const char **json_r, size_t *len_r, struct err *err)
{
	const char *enc = http_reply_header(rep, "Compression");
	const char *off = http_reply_header(rep, "Message-Offset");
	const char *data = rep->body.data;
	size_t len = rep->body.len;

	if (enc != NULL) {
		if (strcasecmp(enc, "zstd") != 0)
			return err_set(err, "Invalid compression method");
		if (decompress_zstd(tmp, data, len, r->dict.data, r->dict.len,
				    MAX_REPLY, err) < 0)
			return -1;
		data = tmp->data;
		len = tmp->len;
	}
	if (off != NULL) {
		char *end;
		unsigned long long n = strtoull(off, &end, 10);

		if (*end == '\0' && n <= len)
			len = (size_t)n;
	}
	if (len == 0)
		return err_set(err, "empty reply from the server");
	*json_r = data;
	*len_r = len;
	return 0;
}

static void handle_failure(struct run *r, struct job *j, const char *why)
{
	struct err err;
	struct buf text = BUF_INIT;
	struct output_opts oo = r->out;

	err_init(&err);
	if (r->lda) {
		scan_failed(r, j, why, j->req.reply.elapsed);
		return;
	}
	note("%s: %s: %s", j->name, server_name(j), why);
	r->st->failures++;
	oo.heading = r->o->exec == NULL;
	if (output_error(&text, r->a->cmd->name,
			 r->a->cmd->input ? j->name : NULL,
			 j->req.reply.elapsed, why, &j->req.reply, &oo,
			 &err) < 0)
		note("%s", err.msg);
	else
		emit_text(r, &text);
	buf_release(&text);
}

/*
 * A scan result (len: the JSON's length in the reply body, 0 for an
 * in-process scan): the LDA delivery, or the report.
 */
static void handle_result(struct run *r, struct job *j,
			  const struct scan_result *res, size_t len)
{
	struct output_opts oo = r->out;
	struct buf text = BUF_INIT;
	struct err err;

	err_init(&err);
	if (r->lda) {
		const char *msg = j->msg.data;
		size_t mlen = j->msg.len;
		const char *off =
			http_reply_header(&j->req.reply, "Message-Offset");

		/* A body-block reply carries the new message after the JSON. */
		if (off != NULL && r->o->exec == NULL &&
		    len < j->req.reply.body.len) {
			msg = j->req.reply.body.data + len;
			mlen = j->req.reply.body.len - len;
		}
		deliver(r, j->name, msg, mlen, res, NULL,
			j->req.reply.elapsed);
		goto out;
	}
	oo.heading = r->o->exec == NULL;
	if (output_scan(&text, j->name, j->req.reply.elapsed, res,
			len > 0 ? &j->req.reply : NULL, &oo, &err) < 0) {
		note("%s: %s", j->name, err.msg);
		r->st->failures++;
		goto out;
	}
	emit_text(r, &text);
out:
	buf_release(&text);
}

/* A scan reply from a server. */
static void handle_scan(struct run *r, struct job *j, const char *json,
			size_t len)
{
	struct scan_result res;
	struct err err;

	err_init(&err);
	result_init(&res);
	if (result_parse(&res, json, len, &err) < 0) {
		handle_failure(r, j, err.msg);
		goto out;
	}
	res.scanner = strdup(REMOTE_SCANNER_NAME);
	handle_result(r, j, &res, len);
out:
	result_release(&res);
}

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
static int local_open(struct run *r, struct err *err)
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

static void local_close(struct run *r)
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
static void local_scan_job(struct run *r, struct job *j)
{
	struct scan_envelope env;
	struct scan_result res;
	struct err err;
	double t0 = now_seconds();

	err_init(&err);
	result_init(&res);
	j->local_tried = true;
	envelope_from_opts(r, &env);
	if (local_open(r, &err) < 0 ||
	    r->scan_ops->scan(r->scanner, j->msg.data, j->msg.len, &env,
			      &res, &err) < 0) {
		j->req.reply.elapsed = 0;
		handle_failure(r, j, err.msg);
		goto out;
	}
	j->req.reply.elapsed = round((now_seconds() - t0) * 1000.0) / 1000.0;
	if (res.warning != NULL)
		note("%s: %s", j->name, res.warning);
	handle_result(r, j, &res, 0);
out:
	result_release(&res);
	err_release(&err);
}

/* Scan every remaining input in-process. */
static void local_scan_rest(struct run *r)
{
	struct job *j;
	struct err err;

	err_init(&err);
	while ((j = read_next(r, &err)) != NULL) {
		if (r->learn) {
			local_learn_job(r, j); /* takes j */
			continue;
		}
		if (!lda_precheck(r, j))
			local_scan_job(r, j);
		job_free(j);
	}
	if (r->learn)
		learn_commit(r);
	if (err_isset(&err)) {
		note("%s", err.msg);
		r->st->failures++;
		if (r->lda)
			set_status(r, EX_NOINPUT);
	}
	err_release(&err);
}

/* Print a command's reply object (a server's, or a local learn's). */
static void show_command(struct run *r, struct job *j, json_t *obj)
{
	struct output_opts oo = r->out;
	struct buf text = BUF_INIT;
	struct err err;

	err_init(&err);
	oo.heading = r->o->exec == NULL;
	if (output_command(&text, r->a->cmd->name,
			   r->a->cmd->input ? j->name : NULL,
			   j->req.reply.elapsed, obj, &j->req.reply, &oo,
			   &err) < 0) {
		note("%s: %s", j->name ? j->name : r->a->cmd->name, err.msg);
		r->st->failures++;
	} else {
		emit_text(r, &text);
	}
	buf_release(&text);
}

static void handle_command(struct run *r, struct job *j, const char *json,
			   size_t len)
{
	json_error_t jerr;
	json_t *obj;

	obj = json_loadb(json, len, JSON_DECODE_ANY | JSON_ALLOW_NUL, &jerr);
	if (obj == NULL) {
		char why[ERR_MAX];

		snprintf(why, sizeof(why),
			 "Cannot parse reply: %s (line %d, column %d)",
			 jerr.text, jerr.line, jerr.column);
		handle_failure(r, j, why);
		return;
	}
	show_command(r, j, obj);
	json_decref(obj);
}

/* Print rspamd's reply for a local learn of j (status as learn()'s). */
static void learn_report(struct run *r, struct job *j, int status,
			 const char *why)
{
	json_t *obj;

	if (status < 0) {
		j->req.reply.elapsed = 0;
		handle_failure(r, j, why);
		return;
	}
	if (status == SCAN_ALREADY_LEARNED || status == SCAN_NOT_LEARNED) {
		note("%s: %s", j->name, why);
		r->refused++;
		obj = json_pack("{s:s}", "error", why);
	} else {
		obj = json_pack("{s:b}", "success", 1);
	}
	if (obj == NULL) {
		handle_failure(r, j, "out of memory");
		return;
	}
	show_command(r, j, obj);
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
static void learn_commit(struct run *r)
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
		job_free(h->job);
		h->job = NULL;
	}
	r->n_held = 0;
}

/* Learn j into the local Bayes store; its reply is printed (now, or
 * with its batch's commit). Takes j. */
static void local_learn_job(struct run *r, struct job *j)
{
	struct err err;
	double t0 = now_seconds();
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
	j->req.reply.elapsed = round((now_seconds() - t0) * 1000.0) / 1000.0;
	if (r->held == NULL) {
		learn_report(r, j, st, err.msg);
		job_free(j);
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
	    now_seconds() - r->batch_t0 >= LEARN_BATCH_SECONDS)
		learn_commit(r);
}

static void handle_reply(struct run *r, struct job *j)
{
	struct http_reply *rep = &j->req.reply;
	struct buf tmp = BUF_INIT;
	const char *json = NULL;
	size_t len = 0;
	struct err err;

	err_init(&err);
	if (rep->error != TRANSPORT_OK) {
		handle_failure(r, j, rep->message);
	} else if (!is_2xx(rep->status)) {
		char why[300];

		snprintf(why, sizeof(why), "HTTP error: %d, %s", rep->status,
			 rep->reason ? rep->reason : "");
		handle_failure(r, j, why);
	} else if (reply_json(r, rep, &tmp, &json, &len, &err) < 0) {
		handle_failure(r, j, err.msg);
	} else if (r->a->cmd->kind == CMD_SCAN) {
		handle_scan(r, j, json, len);
	} else {
		handle_command(r, j, json, len);
	}
	buf_release(&tmp);
}

/* ---- jobs ---- */

static void job_free(struct job *j)
{
	if (j == NULL)
		return;
	http_reply_release(&j->req.reply);
	header_list_release(&j->headers);
	buf_release(&j->msg);
	buf_release(&j->wire);
	free(j->name);
	free(j);
}

static void job_aim(struct job *j, struct server *s)
{
	const struct command *c = j->run->a->cmd;

	j->server = s;
	j->req.host = s->host;
	j->req.unix_path = s->unix_path;
	j->req.port = server_port(s, c->controller);
}

static int job_body(struct run *r, struct job *j, struct err *err)
{
	if (r->o->compressed) {
		if (compress_zstd(&j->wire, j->msg.data, j->msg.len,
				  r->dict.data, r->dict.len, err) < 0)
			return -1;
		if (header_list_add(&j->headers, "Content-Type",
				    "application/x-compressed", err) < 0 ||
		    header_list_add(&j->headers, "Compression", "zstd", err) < 0)
			return -1;
		if (r->dict.data != NULL) {
			char id[16];

			snprintf(id, sizeof(id), "%u",
				 compress_dict_id(r->dict.data, r->dict.len));
			if (header_list_add(&j->headers, "Dictionary", id,
					    err) < 0)
				return -1;
		}
		j->req.body = j->wire.data;
		j->req.body_len = j->wire.len;
		return 0;
	}
	if (compress_is_zstd(j->msg.data, j->msg.len) &&
	    header_list_add(&j->headers, "Compression", "zstd", err) < 0)
		return -1;
	j->req.body = j->msg.data;
	j->req.body_len = j->msg.len;
	return 0;
}

static struct job *job_new(struct run *r, const char *name, struct err *err)
{
	struct job *j = calloc(1, sizeof(*j));

	if (j == NULL || (j->name = strdup(name)) == NULL) {
		free(j);
		err_set(err, "out of memory");
		return NULL;
	}
	j->run = r;
	buf_init(&j->msg, 0);
	buf_init(&j->wire, 0);
	header_list_init(&j->headers);
	http_reply_init(&j->req.reply);
	return j;
}

/* Headers, body and server of a job whose message is read. */
static int job_prepare(struct run *r, struct job *j, struct err *err)
{
	struct server *s;

	if (request_build(&j->headers, &r->params, j->name, err) < 0)
		return -1;
	if (j->msg.len > 0 && job_body(r, j, err) < 0)
		return -1;
	j->req.path = r->a->cmd->path;
	j->req.headers = j->headers.v;
	j->req.n_headers = j->headers.n;
	j->req.timeout = r->o->timeout;
	j->req.max_reply = MAX_REPLY;
	j->req.user = j;
	s = servers_pick(&r->servers, 0, now_seconds());
	job_aim(j, s);
	j->tried = 1;
	return 0;
}

/* Read the next message into a new job; NULL when there is none. */
static struct job *read_next(struct run *r, struct err *err)
{
	struct job *j;

	if (r->stdin_pending) {
		r->stdin_pending = false;
		if (r->o->empty)
			return job_new(r, "empty", err);
		j = job_new(r, "stdin", err);
		if (j != NULL && buf_read_fd(&j->msg, STDIN_FILENO, "stdin",
					     err) < 0) {
			job_free(j);
			return NULL;
		}
		return j;
	}
	while (r->next_input < r->inputs.n) {
		const char *path = r->inputs.paths[r->next_input++];
		struct err rerr;

		err_init(&rerr);
		j = job_new(r, path, err);
		if (j == NULL)
			return NULL;
		if (buf_read_file(&j->msg, path, &rerr) == 0)
			return j;
		note("%s", rerr.msg);
		r->st->failures++;
		if (r->lda)
			set_status(r, EX_NOINPUT);
		job_free(j);
	}
	return NULL;
}

/*
 * LDA checks before a scan: an empty message is refused, an oversized one
 * is delivered unscanned. Returns true when the job was dealt with here.
 */
static bool lda_precheck(struct run *r, struct job *j)
{
	char why[200];

	if (!r->lda)
		return false;
	if (j->msg.len == 0) {
		note("%s: empty message, nothing to deliver", j->name);
		r->st->failures++;
		set_status(r, EX_DATAERR);
		return true;
	}
	if (r->o->max_size > 0 && j->msg.len > (size_t)r->o->max_size) {
		snprintf(why, sizeof(why),
			 "message size %zu exceeds the limit of %lld bytes, "
			 "not scanned",
			 j->msg.len, r->o->max_size);
		deliver(r, j->name, j->msg.data, j->msg.len, NULL, why, 0.0);
		return true;
	}
	return false;
}

static struct http_request *source_next(void *ctx)
{
	struct run *r = ctx;
	struct job *j = NULL;
	struct err err;

	err_init(&err);
	if (err_isset(&r->fatal))
		return NULL;
	if (r->local) {
		local_scan_rest(r);
		return NULL;
	}
	if (r->command_pending) {
		r->command_pending = false;
		j = job_new(r, r->a->cmd->kind == CMD_DELHASH ? "hashes"
							       : r->a->cmd->name,
			    &err);
		if (j != NULL && job_prepare(r, j, &err) == 0)
			return &j->req;
		goto fail;
	}
	for (;;) {
		j = read_next(r, &err);
		if (j == NULL)
			break;
		if (lda_precheck(r, j)) {
			job_free(j);
			continue;
		}
		if (job_prepare(r, j, &err) == 0)
			return &j->req;
		break;
	}
	if (!err_isset(&err))
		return NULL;
fail:
	note("%s", err.msg);
	r->st->failures++;
	if (r->lda)
		set_status(r, j != NULL && j->msg.len > 0 ? EX_TEMPFAIL
							  : EX_NOINPUT);
	job_free(j);
	return NULL;
}

/* Try the next server of the list after a connection failure. */
static bool failover(struct run *r, struct job *j)
{
	enum transport_error e = j->req.reply.error;
	double now = now_seconds();
	struct server *s;

	if (e != TRANSPORT_CONNECT &&
	    !(e == TRANSPORT_TIMEOUT && r->a->cmd->kind == CMD_SCAN))
		return false;
	servers_failed(&r->servers, j->server, now);
	if (j->tried >= r->servers.n)
		return false;
	s = servers_pick(&r->servers,
			 (size_t)(j->server - r->servers.v) + 1, now);
	if (s == NULL || s == j->server)
		return false;
	note("%s: %s: %s; trying the next server", j->name, j->server->name,
	     j->req.reply.message);
	job_aim(j, s);
	j->tried++;
	return true;
}

static int source_done(struct http_request *req, void *ctx)
{
	struct run *r = ctx;
	struct job *j = req->user;

	if (failover(r, j))
		return 1;
	if (r->auto_local && req->reply.error == TRANSPORT_CONNECT) {
		/* Nothing answers on the default address: scan in-process,
		 * this message and the rest. */
		r->local = true;
		local_scan_job(r, j);
		job_free(j);
		return 0;
	}
	if (req->reply.error == TRANSPORT_OK)
		servers_succeeded(&r->servers, j->server);
	/* Times are shown in milliseconds, as rspamc's coarse clock does. */
	req->reply.elapsed = round(req->reply.elapsed * 1000.0) / 1000.0;
	handle_reply(r, j);
	job_free(j);
	return 0;
}

/*
 * No transport: every request fails with why, so that each message still
 * takes its failure path (the LDA delivers it or tempfails).
 */
static void fail_all(struct run *r, const char *why)
{
	struct http_request *req;

	while ((req = source_next(r)) != NULL) {
		struct job *j = req->user;
		size_t n = strlen(why);

		req->reply.error = TRANSPORT_INTERNAL;
		if (n >= sizeof(req->reply.message))
			n = sizeof(req->reply.message) - 1;
		memcpy(req->reply.message, why, n);
		req->reply.message[n] = '\0';
		handle_reply(r, j);
		job_free(j);
	}
}

/* ---- setup ---- */

static void params_from_opts(struct run *r)
{
	const struct opts *o = r->o;
	struct request_params *p = &r->params;

	memset(p, 0, sizeof(*p));
	p->user_agent = o->user_agent;
	p->password = r->a->password;
	p->classifier = o->classifier;
	p->class_name = r->a->class_name;
	p->weight = o->weight;
	p->flag = o->flag;
	p->pass_all = o->pass_all;
	p->profile = o->profile;
	p->ip = r->a->ip;
	p->user = o->user;
	p->deliver = o->deliver;
	p->from = o->from;
	p->rcpts = o->rcpts;
	p->helo = o->helo;
	p->hostname = o->hostname;
	p->raw = o->raw;
	p->extended_urls = o->extended_urls;
	p->skip_images = o->skip_images;
	p->skip_attachments = o->skip_attachments;
	p->fuzzy_symbol = o->fuzzy_symbol;
	p->queue_id = o->queue_id;
	p->log_tag = o->log_tag;
	p->settings = o->settings;
	p->settings_id = o->settings_id;
	p->extra = o->http_headers;
	if (r->a->cmd->kind == CMD_DELHASH)
		p->hashes = r->a->files;
}

static void output_from_opts(struct run *r)
{
	const struct opts *o = r->o;

	r->out.format = o->compact ? OUTPUT_COMPACT
			: o->json  ? OUTPUT_JSON
			: o->ucl   ? OUTPUT_UCL
				   : OUTPUT_TEXT;
	r->out.sort = o->sort;
	r->out.tty = r->a->tty && o->exec == NULL;
	r->out.headers = o->headers;
	r->out.heading = true;
	r->out.extended_urls = o->extended_urls;
	r->out.json = o->json;
}

static int collect_inputs(struct run *r, struct err *err)
{
	const struct opts *o = r->o;

	r->inputs.report = report_input;
	if (!r->a->cmd->input) {
		r->command_pending = true;
		return 0;
	}
	for (size_t i = 0; r->a->files != NULL && r->a->files[i] != NULL; i++)
		if (inputs_add_path(&r->inputs, r->a->files[i], o->excludes,
				    err) < 0)
			return -1;
	if (o->files_list != NULL &&
	    inputs_add_list(&r->inputs, o->files_list, o->excludes, err) < 0)
		return -1;
	r->st->failures += (int)r->inputs.n_failed;
	if (r->lda && r->inputs.n_failed > 0)
		set_status(r, EX_NOINPUT);
	/* Standard input only when no file or list was named at all: a
	 * directory with nothing to scan in it is not a request for stdin. */
	if ((r->a->files == NULL || r->a->files[0] == NULL) &&
	    o->files_list == NULL)
		r->stdin_pending = true;
	return 0;
}

/* learn_spam, learn_ham and unlearn with --local: learn in-process. */
static int learn_setup(struct run *r, struct err *err)
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

static int run_setup(struct run *r, struct err *err)
{
	const struct opts *o = r->o;

	params_from_opts(r);
	output_from_opts(r);
	r->lda = o->mime && r->a->cmd->kind == CMD_SCAN;
	if (learn_setup(r, err) < 0)
		return -1;
	if (o->local && r->a->cmd->kind != CMD_SCAN && !r->learn)
		return err_set(err, "--local: the in-process scanner only "
				    "scans and learns (command '%s' needs a "
				    "server)",
			       r->a->cmd->name);
	r->local = o->local;
	r->auto_local = !o->local && o->connect == NULL &&
			r->a->cmd->kind == CMD_SCAN;
	r->servers.dead_time = o->dead_time;
	r->servers.max_errors = o->max_errors;
	if (servers_parse(&r->servers, o->connect ? o->connect : "localhost",
			  err) < 0)
		return -1;
	if (o->compressed && o->dictionary != NULL &&
	    buf_read_file(&r->dict, o->dictionary, err) < 0) {
		err_prefix(err, "-D");
		return -1;
	}
	return collect_inputs(r, err);
}

int run_command(const struct run_args *a, struct run_status *st,
		struct err *err)
{
	const struct transport_ops *ops;
	struct transport_source src;
	struct run r;
	int rc = -1;

	memset(&r, 0, sizeof(r));
	r.a = a;
	r.o = a->o;
	r.st = st;
	servers_init(&r.servers);
	inputs_init(&r.inputs);
	buf_init(&r.dict, 0);
	err_init(&r.fatal);
	if (run_setup(&r, err) < 0)
		goto out;
	src.next = source_next;
	src.done = source_done;
	src.ctx = &r;
	if (r.local) {
		/* A broken scanner configuration stops the run. */
		if (local_open(&r, err) < 0)
			goto out;
		local_scan_rest(&r);
		if (r.learn && r.refused > 0 && st->failures == 0)
			set_status(&r, LEARN_REFUSED);
		rc = 0;
		goto out;
	}
	ops = transport_load(a->exe_path, err);
	if (ops == NULL && r.auto_local) {
		err_release(err);
		r.local = true;
		local_scan_rest(&r);
		rc = 0;
		goto out;
	}
	if (ops == NULL) {
		fail_all(&r, err->msg);
		err_release(err);
		rc = 0;
		goto out;
	}
	rc = ops->run(&src, a->o->max_requests, err);
out:
	learn_commit(&r); /* none held here; a safety net */
	local_close(&r);
	free(r.held);
	buf_release(&r.dict);
	inputs_release(&r.inputs);
	servers_release(&r.servers);
	return rc;
}
