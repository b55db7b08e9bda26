/*
 * run.c - one rspamc run: see run.h.
 *
 * Inputs become jobs lazily, one message in memory per request in flight,
 * so a directory of thousands of files runs in bounded memory. Replies are
 * handled in completion order, as rspamc does. A job whose server cannot
 * be reached is sent to the next live server of the -h list. The LDA path
 * (--mime on a scan) delivers each message, rewritten or as read, to
 * stdout or an --exec child. The in-process scanner's side of a run is in
 * run_local.c; what the two share is run_priv.h.
 */
#include "run_priv.h"

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
#include "guard.h"
#include "scan/scanner.h"
#include "transport.h"

/* The scanner field of a server's result. */
#define REMOTE_SCANNER_NAME "rspamc 3.4"
/* Replies larger than this are refused: no sane reply is near it. */
#define MAX_REPLY (256LL * 1024 * 1024)

/* Where one job's output goes: stdout, or a new --exec child. */
struct sink {
	struct run *run;
	bool to_child;
	struct child child;
};

double run_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* A diagnostic on stderr; results and rspamc's own error texts go to stdout. */
void run_note(const char *fmt, ...)
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
	run_note("%s", msg);
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

void run_set_status(struct run *r, int status)
{
	if (r->st->status == 0)
		r->st->status = status;
}

/*
 * Hand text (a report) to stdout or to an --exec child. Failures are
 * counted; the child's status is kept.
 */
void run_emit_text(struct run *r, const struct buf *text)
{
	struct sink s;
	struct err err;
	int status = 0;

	err_init(&err);
	if (sink_open(&s, r, &err) < 0) {
		run_note("%s", err.msg);
		r->st->failures++;
		run_set_status(r, r->lda ? EX_TEMPFAIL : 1);
		return;
	}
	if (sink_write(&s, text->data, text->len, &err) < 0) {
		run_note("%s", err.msg);
		if (!s.to_child) {
			r->st->failures++;
			run_set_status(r, r->lda ? EX_TEMPFAIL : 1);
		}
	}
	if (sink_close(&s, &status, &err) < 0)
		run_note("%s", err.msg);
	if (status != 0)
		run_set_status(r, status);
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
		run_note("%s: %s", name, err.msg);
		run_set_status(r, EX_TEMPFAIL);
		return;
	}
	guard_child(s.to_child ? s.child.pid : 0);
	if (result != NULL)
		rc = rewrite_message(msg, len, result, &ro, sink_write, &s,
				     &err);
	else
		rc = rewrite_unscanned(msg, len, why, &ro, sink_write, &s,
				       &err);
	if (rc < 0) {
		run_note("%s: %s", name, err.msg);
		if (!s.to_child)
			run_set_status(r, EX_TEMPFAIL);
	}
	if (sink_close(&s, &status, &err) < 0)
		run_note("%s: %s", name, err.msg);
	guard_child(0);
	if (rc < 0 && status == 0)
		status = EX_TEMPFAIL;
	if (status != 0)
		run_set_status(r, status);
	guard_delivered(r->st->status);
}

/* The scan of an LDA message failed: apply the --on-error policy. */
static void scan_failed(struct run *r, struct job *j, const char *why,
			double elapsed)
{
	if (r->o->on_error == ON_ERROR_LOCAL && !j->local_tried) {
		run_note("%s: scan by %s failed (%s); scanning in-process",
		     j->name, server_name(j), why);
		local_scan_job(r, j);
		return;
	}
	r->st->failures++;
	if (r->o->on_error == ON_ERROR_TEMPFAIL) {
		run_note("%s: scan by %s failed (%s); not delivered, exit "
		     "status 75 asks to retry later",
		     j->name, server_name(j), why);
		run_set_status(r, EX_TEMPFAIL);
		return;
	}
	run_note("%s: scan by %s failed (%s); delivering it unscanned", j->name,
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

void run_handle_failure(struct run *r, struct job *j, const char *why)
{
	struct err err;
	struct buf text = BUF_INIT;
	struct output_opts oo = r->out;

	err_init(&err);
	if (r->lda) {
		scan_failed(r, j, why, j->req.reply.elapsed);
		return;
	}
	run_note("%s: %s: %s", j->name, server_name(j), why);
	r->st->failures++;
	oo.heading = r->o->exec == NULL;
	if (output_error(&text, r->a->cmd->name,
			 r->a->cmd->input ? j->name : NULL,
			 j->req.reply.elapsed, why, &j->req.reply, &oo,
			 &err) < 0)
		run_note("%s", err.msg);
	else
		run_emit_text(r, &text);
	buf_release(&text);
}

/*
 * A scan result (len: the JSON's length in the reply body, 0 for an
 * in-process scan): the LDA delivery, or the report.
 */
void run_handle_result(struct run *r, struct job *j,
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
		run_note("%s: %s", j->name, err.msg);
		r->st->failures++;
		goto out;
	}
	run_emit_text(r, &text);
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
		run_handle_failure(r, j, err.msg);
		goto out;
	}
	res.scanner = strdup(REMOTE_SCANNER_NAME);
	run_handle_result(r, j, &res, len);
out:
	result_release(&res);
}

/* Print a command's reply object (a server's, or a local learn's). */
void run_show_command(struct run *r, struct job *j, json_t *obj)
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
		run_note("%s: %s", j->name ? j->name : r->a->cmd->name, err.msg);
		r->st->failures++;
	} else {
		run_emit_text(r, &text);
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
		run_handle_failure(r, j, why);
		return;
	}
	run_show_command(r, j, obj);
	json_decref(obj);
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
		run_handle_failure(r, j, rep->message);
	} else if (!is_2xx(rep->status)) {
		char why[300];

		snprintf(why, sizeof(why), "HTTP error: %d, %s", rep->status,
			 rep->reason ? rep->reason : "");
		run_handle_failure(r, j, why);
	} else if (reply_json(r, rep, &tmp, &json, &len, &err) < 0) {
		run_handle_failure(r, j, err.msg);
	} else if (r->a->cmd->kind == CMD_SCAN) {
		handle_scan(r, j, json, len);
	} else {
		handle_command(r, j, json, len);
	}
	buf_release(&tmp);
}

/* ---- jobs ---- */

void run_job_free(struct job *j)
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
	s = servers_pick(&r->servers, 0, run_now());
	job_aim(j, s);
	j->tried = 1;
	return 0;
}

/* Read the next message into a new job; NULL when there is none. */
struct job *run_read_next(struct run *r, struct err *err)
{
	struct job *j;

	if (r->stdin_pending) {
		r->stdin_pending = false;
		if (r->o->empty)
			return job_new(r, "empty", err);
		j = job_new(r, "stdin", err);
		if (j != NULL && buf_read_fd(&j->msg, STDIN_FILENO, "stdin",
					     err) < 0) {
			run_job_free(j);
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
		run_note("%s", rerr.msg);
		r->st->failures++;
		if (r->lda)
			run_set_status(r, EX_NOINPUT);
		run_job_free(j);
	}
	return NULL;
}

/*
 * LDA checks before a scan: an empty message is refused, an oversized one
 * is delivered unscanned. Returns true when the job was dealt with here.
 */
bool run_lda_precheck(struct run *r, struct job *j)
{
	char why[200];

	if (!r->lda)
		return false;
	guard_message();
	if (j->msg.len == 0) {
		run_note("%s: empty message, nothing to deliver", j->name);
		r->st->failures++;
		run_set_status(r, EX_DATAERR);
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
		j = run_read_next(r, &err);
		if (j == NULL)
			break;
		if (run_lda_precheck(r, j)) {
			run_job_free(j);
			continue;
		}
		if (job_prepare(r, j, &err) == 0)
			return &j->req;
		break;
	}
	if (!err_isset(&err))
		return NULL;
fail:
	run_note("%s", err.msg);
	r->st->failures++;
	if (r->lda)
		run_set_status(r, j != NULL && j->msg.len > 0 ? EX_TEMPFAIL
							  : EX_NOINPUT);
	run_job_free(j);
	return NULL;
}

/* Try the next server of the list after a connection failure. */
static bool failover(struct run *r, struct job *j)
{
	enum transport_error e = j->req.reply.error;
	double now = run_now();
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
	run_note("%s: %s: %s; trying the next server", j->name, j->server->name,
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
		run_job_free(j);
		return 0;
	}
	if (req->reply.error == TRANSPORT_OK)
		servers_succeeded(&r->servers, j->server);
	/* Times are shown in milliseconds, as rspamc's coarse clock does. */
	req->reply.elapsed = round(req->reply.elapsed * 1000.0) / 1000.0;
	handle_reply(r, j);
	run_job_free(j);
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
		run_job_free(j);
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
		run_set_status(r, EX_NOINPUT);
	/* Standard input only when no file or list was named at all: a
	 * directory with nothing to scan in it is not a request for stdin. */
	if ((r->a->files == NULL || r->a->files[0] == NULL) &&
	    o->files_list == NULL)
		r->stdin_pending = true;
	return 0;
}

static int run_setup(struct run *r, struct err *err)
{
	const struct opts *o = r->o;

	params_from_opts(r);
	output_from_opts(r);
	r->lda = o->mime && r->a->cmd->kind == CMD_SCAN;
	if (r->lda)
		guard_install();
	if (local_learn_setup(r, err) < 0)
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
			run_set_status(&r, LEARN_REFUSED);
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
	local_learn_commit(&r); /* none held here; a safety net */
	local_close(&r);
	free(r.held);
	buf_release(&r.dict);
	inputs_release(&r.inputs);
	servers_release(&r.servers);
	return rc;
}
