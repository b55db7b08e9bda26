/*
 * child.c - see child.h: splitting an --exec command line, running it with
 * a pipe as its stdin, and turning its end into a sysexits status.
 *
 * Owns: the argv arrays it returns, the pipe's write end and the copy of
 * argv[0] in struct child (both released by child_finish()).
 *
 * Process-wide effect: child_start() sets SIGPIPE to SIG_IGN in the caller.
 * Without that, a delivery agent that exits before reading the whole
 * message kills us with SIGPIPE and the MTA sees a signal instead of a
 * status; with it, write() fails with EPIPE and child_finish() decides.
 */
#include "child.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "buf.h"

extern char **environ;

/* ---- argv_split ---------------------------------------------------- */

struct words {
	char **v;
	size_t n, alloc;
};

static int words_add(struct words *w, struct buf *word, struct err *err)
{
	char *s;
	size_t len;

	if (w->n + 2 > w->alloc) {
		size_t na = w->alloc ? w->alloc * 2 : 8;
		char **nv = realloc(w->v, na * sizeof(*nv));

		if (nv == NULL)
			return err_set(err, "out of memory");
		w->v = nv;
		w->alloc = na;
	}
	s = buf_detach(word, &len);
	w->v[w->n++] = s;
	w->v[w->n] = NULL;
	return 0;
}

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n';
}

/*
 * One double-quoted section starting after the opening quote; *i ends
 * after the closing quote. Inside, a backslash only escapes \ " $ ` and
 * newline (which it removes), as in a POSIX shell.
 */
static int split_dquote(const char *s, size_t *i, struct buf *word,
			struct err *err)
{
	size_t k = *i;

	for (;;) {
		char c = s[k];

		if (c == '\0')
			return err_set(err,
				       "unterminated double quote in command: %s",
				       s);
		k++;
		if (c == '"')
			break;
		if (c == '\\' && s[k] == '\n') {
			k++;
			continue;
		}
		if (c == '\\' && s[k] != '\0' && strchr("\\\"$`", s[k]) != NULL)
			c = s[k++];
		if (buf_addch(word, c, err) < 0)
			return -1;
	}
	*i = k;
	return 0;
}

static int split_squote(const char *s, size_t *i, struct buf *word,
			struct err *err)
{
	const char *end = strchr(s + *i, '\'');

	if (end == NULL)
		return err_set(err, "unterminated single quote in command: %s",
			       s);
	if (buf_add(word, s + *i, (size_t)(end - (s + *i)), err) < 0)
		return -1;
	*i = (size_t)(end - s) + 1;
	return 0;
}

/*
 * One word starting at s[*i] (not blank); *i ends after it. A quote makes
 * the word exist even when it stays empty (""), so word->data is non-NULL
 * exactly when there is a word to add.
 */
static int split_word(const char *s, size_t *i, struct buf *word,
		      struct err *err)
{
	size_t k = *i;
	int rc = 0;

	while (rc == 0 && s[k] != '\0' && !is_blank(s[k])) {
		char c = s[k++];

		if ((c == '\'' || c == '"') && word->data == NULL)
			rc = buf_addstr(word, "", err);
		if (rc < 0)
			break;
		if (c == '\'') {
			rc = split_squote(s, &k, word, err);
		} else if (c == '"') {
			rc = split_dquote(s, &k, word, err);
		} else if (c == '\\' && s[k] == '\n') {
			k++; /* line continuation */
		} else if (c == '\\' && s[k] != '\0') {
			rc = buf_addch(word, s[k++], err);
		} else {
			/* a trailing backslash stays, as in sh */
			rc = buf_addch(word, c, err);
		}
	}
	*i = k;
	return rc;
}

int argv_split(const char *cmdline, char ***argv_r, struct err *err)
{
	struct words w = { NULL, 0, 0 };
	struct buf word;
	size_t i = 0;
	int rc = -1;

	buf_init(&word, 0);
	for (;;) {
		while (is_blank(cmdline[i]))
			i++;
		if (cmdline[i] == '\0')
			break;
		if (cmdline[i] == '#') {
			/* a comment, as in sh, runs to the end of the line */
			while (cmdline[i] != '\0' && cmdline[i] != '\n')
				i++;
			continue;
		}
		if (split_word(cmdline, &i, &word, err) < 0)
			goto out;
		if (word.data != NULL && words_add(&w, &word, err) < 0)
			goto out;
	}
	if (w.n == 0) {
		err_set(err, "empty command");
		goto out;
	}
	*argv_r = w.v;
	w.v = NULL;
	rc = 0;
out:
	buf_release(&word);
	argv_free(w.v);
	return rc;
}

void argv_free(char **argv)
{
	if (argv == NULL)
		return;
	for (size_t i = 0; argv[i] != NULL; i++)
		free(argv[i]);
	free(argv);
}

/* ---- the child --------------------------------------------------------- */

static void close_fd(int *fd)
{
	if (*fd >= 0)
		close(*fd);
	*fd = -1;
}

static pid_t wait_child(pid_t pid, int *wstatus)
{
	pid_t w;

	do
		w = waitpid(pid, wstatus, 0);
	while (w < 0 && errno == EINTR);
	return w;
}

/*
 * posix_spawnp(), not fork(): with the scanner's libraries mapped, copying
 * the page tables for a fork costs more than the delivery. The child gets
 * the pipe as stdin, every descriptor from 3 up closed, SIGPIPE back to its
 * default, and a failed exec comes back here as an error.
 */
static int spawn(pid_t *pid, int in_rd, char *const argv[])
{
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t at;
	sigset_t def;
	int e;

	if ((e = posix_spawn_file_actions_init(&fa)) != 0)
		return e;
	if ((e = posix_spawnattr_init(&at)) != 0) {
		posix_spawn_file_actions_destroy(&fa);
		return e;
	}
	sigemptyset(&def);
	sigaddset(&def, SIGPIPE);
	e = posix_spawn_file_actions_adddup2(&fa, in_rd, STDIN_FILENO);
	if (e == 0)
		e = posix_spawn_file_actions_addclosefrom_np(&fa, 3);
	if (e == 0)
		e = posix_spawnattr_setsigdefault(&at, &def);
	if (e == 0)
		e = posix_spawnattr_setflags(&at, POSIX_SPAWN_SETSIGDEF);
	if (e == 0)
		e = posix_spawnp(pid, argv[0], &fa, &at, argv, environ);
	posix_spawnattr_destroy(&at);
	posix_spawn_file_actions_destroy(&fa);
	return e;
}

int child_start(struct child *c, char *const argv[], struct err *err)
{
	int in[2] = { -1, -1 };
	int rc = -1, e;

	c->pid = -1;
	c->in_fd = -1;
	c->broken = false;
	c->name = NULL;
	if (argv == NULL || argv[0] == NULL)
		return err_set(err, "empty command");
	c->name = strdup(argv[0]);
	if (c->name == NULL)
		return err_set(err, "out of memory");
	signal(SIGPIPE, SIG_IGN);
	if (pipe2(in, O_CLOEXEC) < 0) {
		err_set(err, "cannot create a pipe for '%s': %s", c->name,
			strerror(errno));
		goto out;
	}
	/*
	 * A bigger pipe means fewer context switches when a large message is
	 * streamed; where the kernel refuses, the default is fine.
	 */
	(void)fcntl(in[1], F_SETPIPE_SZ, 1 << 20);
	e = spawn(&c->pid, in[0], argv);
	if (e != 0) {
		c->pid = -1;
		err_set(err, "cannot execute '%s': %s", c->name, strerror(e));
		goto out;
	}
	c->in_fd = in[1];
	in[1] = -1;
	rc = 0;
out:
	close_fd(&in[1]);
	close_fd(&in[0]);
	if (rc < 0) {
		free(c->name);
		c->name = NULL;
	}
	return rc;
}

int child_write(struct child *c, const void *p, size_t n, struct err *err)
{
	const char *s = p;

	while (n > 0) {
		ssize_t w = write(c->in_fd, s, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0 && errno == EPIPE) {
			c->broken = true;
			return err_set(err, "'%s' stopped reading its input",
				       c->name);
		}
		if (w < 0)
			return err_set(err, "cannot write to '%s': %s", c->name,
				       strerror(errno));
		s += w;
		n -= (size_t)w;
	}
	return 0;
}

static int child_status(struct child *c, int ws, int *status_r,
			struct err *err)
{
	int code;

	if (WIFSIGNALED(ws)) {
		int sig = WTERMSIG(ws);

		*status_r = 75;
		return err_set(err, "'%s' was killed by signal %d (%s)",
			       c->name, sig, strsignal(sig));
	}
	code = WIFEXITED(ws) ? WEXITSTATUS(ws) : 75;
	*status_r = code;
	if (code != 0)
		return err_set(err, "'%s' exited with status %d", c->name,
			       code);
	if (c->broken) {
		*status_r = 75;
		return err_set(err,
			       "'%s' exited without reading the whole message",
			       c->name);
	}
	return 0;
}

int child_finish(struct child *c, int *status_r, struct err *err)
{
	int ws = 0, rc;

	close_fd(&c->in_fd);
	if (c->pid <= 0) {
		*status_r = 75;
		rc = err_set(err, "no child to wait for");
		goto out;
	}
	if (wait_child(c->pid, &ws) < 0) {
		*status_r = 75;
		rc = err_set(err, "cannot wait for '%s': %s", c->name,
			     strerror(errno));
		goto out;
	}
	rc = child_status(c, ws, status_r, err);
out:
	c->pid = -1;
	free(c->name);
	c->name = NULL;
	return rc;
}
