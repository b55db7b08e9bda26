/*
 * guard.h - what a fatal signal does to a delivery (the LDA mode).
 *
 * A crash (SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT) while a message is
 * being scanned or handed over must not look like a delivery that failed
 * for good, nor leave half a message with the delivery command: the
 * handler kills a delivery command still running (SIGKILL, so it cannot
 * deliver what it has read so far), says so on stderr and exits with 75
 * (EX_TEMPFAIL: the MTA or fetchmail keeps the message and retries).
 * Once the last message's delivery has finished, a crash while cleaning up
 * exits with the status the run had then instead, so the message is not
 * delivered twice.
 *
 * Process-wide state, set from the main thread; the handler only reads it
 * and calls async-signal-safe functions.
 */
#ifndef RSPAMC_GUARD_H
#define RSPAMC_GUARD_H

#include <sys/types.h>

/* Install the handlers (the LDA mode only). */
void guard_install(void);
/* A message's scan and delivery begin: a crash from now on exits 75. */
void guard_message(void);
/* The delivery command of the current message runs as pid (0: it ended). */
void guard_child(pid_t pid);
/* The current message's delivery finished; a crash now exits status. */
void guard_delivered(int status);

#endif
