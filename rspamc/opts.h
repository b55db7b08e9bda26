/*
 * opts.h - the command line of rspamc, parsed into one struct.
 *
 * Owns: every string in struct opts (popt hands out strdup'd copies) and
 * the positional argument vector. One popt table, built in opts.c, points
 * into this struct; there are no option globals. Names and meanings are
 * rspamc 3.4's, plus the options of newer rspamc versions and a few of our
 * own (marked "beyond rspamc" in --help and the README).
 */
#ifndef RSPAMC_OPTS_H
#define RSPAMC_OPTS_H

#include <stdbool.h>
#include <stdio.h>

#include "err.h"

enum on_error {
	ON_ERROR_DELIVER,  /* pass the message on with X-Spam-Error */
	ON_ERROR_TEMPFAIL, /* deliver nothing, exit 75 */
	ON_ERROR_FAIL,     /* rspamc 3.4: report and exit 1 (text modes) */
	ON_ERROR_LOCAL,    /* scan in-process and deliver that result */
};

struct opts {
	/* rspamc 3.4 */
	char *connect;
	char *password;
	bool password_prompt;  /* -P given without a value */
	char *classifier;
	int weight;
	int flag;
	int pass_all;
	int verbose;
	char *ip;
	char *user;
	char *deliver;
	char *from;
	char **rcpts;
	char *helo;
	char *hostname;
	double timeout;
	char *bind;
	int commands;
	int json;
	int compact;
	int headers;
	int raw;
	int ucl;
	int max_requests;
	int extended_urls;
	char *key;
	char *exec;
	int mime;
	char **http_headers;
	char **excludes;
	char *sort;
	int empty;
	char *fuzzy_symbol;
	int compressed;
	int profile;
	char *dictionary;
	int skip_images;
	int skip_attachments;
	char *user_agent;
	int help;
	/* newer rspamc */
	char *queue_id;
	char *log_tag;
	char *settings;
	char *settings_id;
	char *files_list;
	/* beyond rspamc */
	char *password_file;
	char *on_error_name;
	enum on_error on_error;
	long long max_size;
	double dead_time;
	int max_errors;
	int version;
	int local;             /* --local: scan in-process */
	char *scan_config;     /* --config: the in-process scanner's file */
	double now;            /* --now: the scan time for the scanner */
	/* positional arguments, NULL-terminated (may be NULL) */
	char **args;
	int n_args;
};

void opts_init(struct opts *o);
/* 0 on success, -1 with err set ("option parsing failed: ..."). */
int opts_parse(struct opts *o, int argc, const char **argv, struct err *err);
void opts_release(struct opts *o);
/* The --help text. */
void opts_print_help(FILE *f);

#endif
