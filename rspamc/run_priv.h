/*
 * run_priv.h - what run.c (the run, its jobs, servers and the LDA path)
 * and run_local.c (the in-process scanner's scans and learns) share: the
 * run and job structures and the calls each makes into the other.
 * Private to rspamc/run*.c.
 */
#ifndef RSPAMC_RUN_PRIV_H
#define RSPAMC_RUN_PRIV_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "buf.h"
#include "err.h"
#include "inputs.h"
#include "output.h"
#include "request.h"
#include "result.h"
#include "run.h"
#include "scan/scanner.h"
#include "servers.h"
#include "transport.h"

/* The exit status of a local learn run that refused a message. */
#define LEARN_REFUSED 2
/*
 * Local learns per commit, and the longest a batch keeps the lock. A
 * commit rewrites every bucket its batch touched (store_sqlite.c), nearly
 * all of them for a few hundred messages, so fewer, larger commits are
 * what makes 1,000 messages learn in well under a second; another learner
 * waits at most about a second for the lock (its busy timeout is 10 s).
 */
#define LEARN_BATCH_MAX 1024
#define LEARN_BATCH_SECONDS 1.0

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

/* run.c */
void run_note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
double run_now(void);
void run_set_status(struct run *r, int status);
void run_emit_text(struct run *r, const struct buf *text);
void run_handle_failure(struct run *r, struct job *j, const char *why);
void run_handle_result(struct run *r, struct job *j,
		       const struct scan_result *res, size_t len);
void run_show_command(struct run *r, struct job *j, json_t *obj);
void run_job_free(struct job *j);
struct job *run_read_next(struct run *r, struct err *err);
bool run_lda_precheck(struct run *r, struct job *j);

/* run_local.c */
int local_open(struct run *r, struct err *err);
void local_close(struct run *r);
void local_scan_job(struct run *r, struct job *j);
void local_scan_rest(struct run *r);
void local_learn_job(struct run *r, struct job *j);
void local_learn_commit(struct run *r);
int local_learn_setup(struct run *r, struct err *err);

#endif
