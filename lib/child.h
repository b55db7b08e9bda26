/*
 * child.h - run the --exec delivery command and stream a message into it.
 *
 * argv_split() splits a command line the way a POSIX shell splits words:
 * '...' (literal), "..." (with \\, \", \$, \` and \newline escapes),
 * backslash outside quotes; no expansion of any kind and no shell is run,
 * so "$HOME", ">" and ";" are plain words. An unterminated quote or an empty
 * command is an error.
 *
 * A '#' at the start of a word starts a comment, as in sh.
 *
 * child_start() runs argv[0] (looked up in PATH when it has no '/') with a
 * pipe as its stdin; its stdout and stderr are the caller's own (so a
 * delivery agent's messages are seen and it can never block on a full
 * pipe). Every other descriptor is closed in the child, and SIGPIPE is
 * back to its default there. SIGPIPE is ignored in the caller (a process-
 * wide change) so that a child that stops reading gives EPIPE, not death.
 * A program that cannot be executed is reported by child_start() itself
 * ("cannot execute 'x': No such file or directory"), with the failed
 * child already reaped.
 *
 * child_finish() closes the pipe and waits. The status it reports follows
 * sysexits for an LDA: the child's exit code; 75 (EX_TEMPFAIL) when it was
 * killed by a signal; 75 when it exited 0 without reading the whole
 * message (the message may not have been stored whole).
 */
#ifndef RSPAMC_CHILD_H
#define RSPAMC_CHILD_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "err.h"

/* A new NULL-terminated array; free it with argv_free(). */
int argv_split(const char *cmdline, char ***argv_r, struct err *err);
void argv_free(char **argv);

struct child {
	pid_t pid;
	int in_fd;        /* the write end of the child's stdin, or -1 */
	bool broken;      /* the child stopped reading (EPIPE) */
	char *name;       /* argv[0], for messages */
};

int child_start(struct child *c, char *const argv[], struct err *err);
/* Write all n bytes; -1 with err set on EPIPE or another write error. */
int child_write(struct child *c, const void *p, size_t n, struct err *err);
/*
 * Close stdin, wait for the child and put its status (as above) in
 * *status_r. Returns 0 when the child exited 0 having read everything,
 * -1 otherwise with err describing what happened ("'deliver' exited with
 * status 75", "'deliver' was killed by signal 9 (Killed)", "'deliver'
 * exited without reading the whole message"). Releases c->name; c can be
 * started again.
 */
int child_finish(struct child *c, int *status_r, struct err *err);

#endif
