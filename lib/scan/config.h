/*
 * config.h - the scanner's configuration: actions and thresholds, symbol
 * weights, group caps.
 *
 * Owns: everything in struct scan_config. scan_config_init() fills Rspamd
 * 3.4's defaults (actions reject 15, add header 6, greylist 4; the symbol
 * table's weights; the default group caps); scan_config_load() then applies
 * a UCL file in Rspamd's syntax (see config.c for what it reads).
 *
 * Errors: a missing file is fine only when must_exist is false; a file that
 * does not parse, or holds a value of the wrong kind, fails with
 * "FILE:LINE: message" (or "FILE: message" when no line is known).
 */
#ifndef RSPAMC_SCAN_CONFIG_H
#define RSPAMC_SCAN_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#include "bayes.h"
#include "err.h"

/* Rspamd's actions with thresholds, most severe first. */
enum scan_action {
	SCAN_ACTION_REJECT,
	SCAN_ACTION_SOFT_REJECT,
	SCAN_ACTION_REWRITE_SUBJECT,
	SCAN_ACTION_ADD_HEADER,
	SCAN_ACTION_GREYLIST,
	SCAN_N_ACTIONS
};

struct scan_group {
	char *name;
	double max_score;      /* 0: no cap */
};

struct scan_config {
	double *weights;       /* one per symbol_at(i) */
	int *sym_group;        /* symbol index -> groups index */
	struct scan_group *groups;
	size_t n_groups;
	bool has_threshold[SCAN_N_ACTIONS];
	double threshold[SCAN_N_ACTIONS];
	struct bayes_config bayes; /* classifier "bayes" (bayes.h) */
};

/* Rspamd 3.4's defaults. -1 when out of memory. */
int scan_config_init(struct scan_config *cfg, struct err *err);
/* Apply the UCL file at path over cfg. */
int scan_config_load(struct scan_config *cfg, const char *path,
		     bool must_exist, struct err *err);
void scan_config_release(struct scan_config *cfg);

/* "reject", "soft reject", "rewrite subject", "add header", "greylist". */
const char *scan_action_name(enum scan_action a);

#endif
