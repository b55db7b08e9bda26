/*
 * run.h - one rspamc run: inputs to requests, replies to output.
 *
 * Owns: the jobs in flight, the server list and the per-run counters.
 * The program decides the exit status from struct run_status: rspamc's
 * (0, or 1 when any request failed) for reports, sysexits for the LDA mode
 * (--mime): the delivery command's own status, 75 (EX_TEMPFAIL) when the
 * message could not be handed on, or by the --on-error=tempfail policy.
 */
#ifndef RSPAMC_RUN_H
#define RSPAMC_RUN_H

#include <stdbool.h>

#include "cmd.h"
#include "err.h"
#include "opts.h"

struct run_status {
	int failures;      /* requests or inputs that failed */
	int status;        /* first non-zero delivery status, or 0 */
};

struct run_args {
	const struct opts *o;
	const struct command *cmd;
	const char *class_name; /* learn_class:NAME */
	const char *password;   /* resolved from -P, file, prompt or env */
	const char *ip;         /* -i after name resolution */
	const char *exe_path;   /* argv[0], to find the transport module */
	char **files;           /* positional inputs (after the command) */
	bool tty;               /* stdout is a terminal */
};

/*
 * Run the command. Returns 0 when the run itself worked (individual
 * failures are counted in st), -1 with err set when it could not start
 * (bad server list, module not found, out of memory).
 */
int run_command(const struct run_args *a, struct run_status *st,
		struct err *err);

#endif
