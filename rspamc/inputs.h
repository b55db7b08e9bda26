/*
 * inputs.h - the list of messages a run reads: files, directories, lists.
 *
 * Owns: the path strings. Directories are walked recursively as rspamc
 * 3.4 does: names starting with '.' and symlinks are skipped, only regular
 * files and directories are followed, paths are "<dir>/<name>", and each
 * --exclude glob is matched against the whole built path with fnmatch
 * without FNM_PATHNAME ('*' also matches '/'). Unlike rspamc, the entries
 * of a directory are taken in name order, so runs are repeatable.
 *
 * Errors: a path that does not exist or cannot be read is not fatal: it is
 * counted in n_failed and described through the report callback, and the
 * walk goes on.
 */
#ifndef RSPAMC_INPUTS_H
#define RSPAMC_INPUTS_H

#include <stddef.h>

#include "err.h"

struct inputs {
	char **paths;
	size_t n;
	size_t alloc;
	size_t n_failed;
	void (*report)(void *ctx, const char *msg);
	void *report_ctx;
};

void inputs_init(struct inputs *in);
void inputs_release(struct inputs *in);
/* Add a file, or every file below a directory. */
int inputs_add_path(struct inputs *in, const char *path,
		    char *const *excludes, struct err *err);
/* Add the paths listed in file, one per line ("-" is stdin). */
int inputs_add_list(struct inputs *in, const char *list_file,
		    char *const *excludes, struct err *err);

#endif
