/*
 * guard.c - what a fatal signal does to a delivery (see guard.h).
 */
#include "guard.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

static volatile sig_atomic_t child_pid;
static volatile sig_atomic_t done;        /* the last delivery finished */
static volatile sig_atomic_t done_status;

/* The handler's own stack: a crash may be a stack overflow. */
static char alt_stack[64 * 1024];

static void say(const char *s)
{
	ssize_t w = write(STDERR_FILENO, s, strlen(s));

	(void)w;
}

static void on_fatal(int sig)
{
	pid_t pid = (pid_t)child_pid;

	(void)sig;
	if (pid > 0)
		kill(pid, SIGKILL);
	if (done) {
		say("rspamc: fatal signal after the delivery\n");
		_exit(done_status);
	}
	say(pid > 0 ? "rspamc: fatal signal during the delivery; the "
		      "delivery command was killed, exit status 75 asks to "
		      "retry later\n"
		    : "rspamc: fatal signal before the delivery; exit status "
		      "75 asks to retry later\n");
	_exit(EX_TEMPFAIL);
}

void guard_install(void)
{
	static const int sigs[] = { SIGSEGV, SIGBUS, SIGILL, SIGFPE,
				    SIGABRT };
	stack_t st;
	struct sigaction sa;
	size_t i;

	memset(&st, 0, sizeof(st));
	st.ss_sp = alt_stack;
	st.ss_size = sizeof(alt_stack);
	(void)sigaltstack(&st, NULL);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_fatal;
	sa.sa_flags = SA_ONSTACK | SA_RESETHAND;
	sigfillset(&sa.sa_mask);
	for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		(void)sigaction(sigs[i], &sa, NULL);
}

void guard_message(void)
{
	done = 0;
}

void guard_child(pid_t pid)
{
	child_pid = (sig_atomic_t)pid;
}

void guard_delivered(int status)
{
	done_status = status;
	done = 1;
}
