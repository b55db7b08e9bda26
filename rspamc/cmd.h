/*
 * cmd.h - rspamc's commands: names, endpoints, workers, what they read.
 *
 * Owns: a static table. The endpoint, method and worker of each command
 * are rspamc 3.4's (see the README); learn_class and its header come from
 * newer rspamc.
 */
#ifndef RSPAMC_CMD_H
#define RSPAMC_CMD_H

#include <stdbool.h>
#include <stdio.h>

enum cmd_kind {
	CMD_SCAN,     /* symbols: the scan report */
	CMD_LEARN,    /* learn_*, fuzzy_add/del: the reply printed as UCL */
	CMD_DELHASH,  /* fuzzy_delhash: arguments are hashes */
	CMD_STAT,     /* stat, stat_reset */
	CMD_COUNTERS,
	CMD_UPTIME,
	CMD_UNSUPPORTED, /* listed by 3.4 but never worked */
};

struct command {
	const char *name;
	const char *path;       /* HTTP path */
	enum cmd_kind kind;
	bool controller;        /* controller worker (11334) or normal (11333) */
	bool input;             /* reads messages (files, dirs, stdin) */
	bool privileged;
	bool listed;            /* shown by --commands */
	const char *description;
};

/*
 * The command called name (case-insensitive, "check"/"report" are
 * "symbols", "learn_class:NAME" is learn_class), or NULL. For learn_class
 * the class name is put in *class_r (borrowed from name).
 */
const struct command *cmd_find(const char *name, const char **class_r);
const struct command *cmd_default(void);
void cmd_print_list(FILE *f);

#endif
