/* test-child.c - argv_split quoting and running real delivery children. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "buf.h"
#include "child.h"
#include "test.h"

static int argc_of(char **argv)
{
	int n = 0;

	while (argv[n] != NULL)
		n++;
	return n;
}

/* Split cmd and compare with want (NULL-terminated). */
static void check_split(const char *cmd, const char *const *want)
{
	struct err err;
	char **argv = NULL;
	int n = 0;

	err_init(&err);
	test_assert(argv_split(cmd, &argv, &err) == 0);
	if (argv == NULL)
		return;
	while (want[n] != NULL)
		n++;
	test_assert(argc_of(argv) == n);
	for (int i = 0; i < n && argv[i] != NULL; i++)
		test_assert_str(argv[i], want[i]);
	argv_free(argv);
}

static void check_split_fails(const char *cmd, const char *msg)
{
	struct err err;
	char **argv = NULL;

	err_init(&err);
	test_assert(argv_split(cmd, &argv, &err) == -1);
	test_assert(argv == NULL);
	test_assert_str(err.msg, msg);
}

static void test_split(void)
{
	test_begin("argv_split: plain words");
	check_split("a b", (const char *[]){ "a", "b", NULL });
	check_split("  a\t b  \n", (const char *[]){ "a", "b", NULL });
	test_end();

	test_begin("argv_split: single quotes are literal");
	check_split("a 'b c'", (const char *[]){ "a", "b c", NULL });
	check_split("'$HOME' > ;",
		    (const char *[]){ "$HOME", ">", ";", NULL });
	check_split("'a\\b\"c'", (const char *[]){ "a\\b\"c", NULL });
	test_end();

	test_begin("argv_split: double quotes and their escapes");
	check_split("\"a\\\"b\"", (const char *[]){ "a\"b", NULL });
	check_split("\"\\$x \\` \\\\ \\n\"",
		    (const char *[]){ "$x ` \\ \\n", NULL });
	check_split("\"$HOME|x\"", (const char *[]){ "$HOME|x", NULL });
	test_end();

	test_begin("argv_split: backslash outside quotes");
	check_split("a\\ b", (const char *[]){ "a b", NULL });
	check_split("a\\'b c\\\\", (const char *[]){ "a'b", "c\\", NULL });
	check_split("a \\\n b", (const char *[]){ "a", "b", NULL });
	check_split("a\\", (const char *[]){ "a\\", NULL });
	test_end();

	test_begin("argv_split: adjacent quoted parts make one word");
	check_split("\"x\"'y'z", (const char *[]){ "xyz", NULL });
	test_end();

	test_begin("argv_split: empty quotes give an empty argument");
	check_split("\"\"", (const char *[]){ "", NULL });
	check_split("a '' b", (const char *[]){ "a", "", "b", NULL });
	test_end();

	test_begin("argv_split: a word starting with # is a comment");
	check_split("deliver a#b #c d", (const char *[]){ "deliver", "a#b",
							 NULL });
	check_split("x '#y'", (const char *[]){ "x", "#y", NULL });
	test_end();

	test_begin("argv_split: errors");
	check_split_fails("", "empty command");
	check_split_fails(" \t\n", "empty command");
	check_split_fails("# only a comment", "empty command");
	check_split_fails("a 'b c",
			  "unterminated single quote in command: a 'b c");
	check_split_fails("a \"b\\\"",
			  "unterminated double quote in command: a \"b\\\"");
	test_end();
}

static char *slurp(const char *path, size_t *len_r)
{
	struct buf b;
	struct err err;

	buf_init(&b, 0);
	err_init(&err);
	if (buf_read_file(&b, path, &err) < 0) {
		buf_release(&b);
		return NULL;
	}
	return buf_detach(&b, len_r);
}

static bool no_children_left(void)
{
	return waitpid(-1, NULL, WNOHANG) < 0 && errno == ECHILD;
}

/* Run argv with msg on its stdin; returns child_finish's value. */
static int run(char *const argv[], const void *msg, size_t len,
	       int *status_r, struct err *err)
{
	struct child c;
	int wrc, rc;

	if (child_start(&c, argv, err) < 0)
		return -2;
	wrc = child_write(&c, msg, len, err);
	rc = child_finish(&c, status_r, err);
	if (wrc < 0 && rc == 0)
		return -3;
	return rc;
}

static void test_cat(void)
{
	char path[] = "/tmp/test-spawn-XXXXXX";
	char *argv[] = { "sh", "-c", "exec /bin/cat > \"$1\"", "sh", path,
			 NULL };
	static const char msg[] = "From: a\r\n\r\nbody\0with NUL\n";
	struct err err;
	int fd, status = -1;
	size_t len = 0;
	char *got;

	test_begin("child gets the whole message on its stdin");
	err_init(&err);
	fd = mkstemp(path);
	test_assert(fd >= 0);
	close(fd);
	test_assert(run(argv, msg, sizeof(msg) - 1, &status, &err) == 0);
	test_assert(status == 0);
	got = slurp(path, &len);
	test_assert(got != NULL);
	if (got != NULL)
		test_assert_mem(got, len, msg, sizeof(msg) - 1);
	free(got);
	unlink(path);
	test_assert(no_children_left());
	test_end();
}

static void test_exit_codes(void)
{
	char *exit67[] = { "sh", "-c", "cat >/dev/null; exit 67", NULL };
	char *kill9[] = { "sh", "-c", "kill -9 $$", NULL };
	struct err err;
	int status = -1;

	test_begin("child exit code is passed on");
	err_init(&err);
	test_assert(run(exit67, "x\n", 2, &status, &err) == -1);
	test_assert(status == 67);
	test_assert_str(err.msg, "'sh' exited with status 67");
	test_end();

	test_begin("child killed by a signal gives 75");
	err_init(&err);
	status = -1;
	test_assert(run(kill9, "", 0, &status, &err) == -1);
	test_assert(status == 75);
	test_assert_str(err.msg, "'sh' was killed by signal 9 (Killed)");
	test_assert(no_children_left());
	test_end();
}

static void test_broken_pipe(void)
{
	char *true_argv[] = { "true", NULL };
	char *exit3[] = { "sh", "-c", "exit 3", NULL };
	size_t len = 4 * 1024 * 1024;
	char *big = malloc(len);
	struct child c;
	struct err err;
	int status = -1;

	memset(big, 'x', len);
	test_begin("child exiting 0 without reading 4 MB gives 75, no SIGPIPE");
	err_init(&err);
	test_assert(child_start(&c, true_argv, &err) == 0);
	test_assert(child_write(&c, big, len, &err) == -1);
	test_assert(c.broken);
	test_assert_str(err.msg, "'true' stopped reading its input");
	err_init(&err);
	test_assert(child_finish(&c, &status, &err) == -1);
	test_assert(status == 75);
	test_assert_str(err.msg,
			"'true' exited without reading the whole message");
	test_end();

	test_begin("child exiting non-zero without reading keeps its code");
	err_init(&err);
	status = -1;
	test_assert(child_start(&c, exit3, &err) == 0);
	test_assert(child_write(&c, big, len, &err) == -1);
	err_init(&err);
	test_assert(child_finish(&c, &status, &err) == -1);
	test_assert(status == 3);
	test_assert_str(err.msg, "'sh' exited with status 3");
	test_assert(no_children_left());
	test_end();
	free(big);
}

static void test_exec_failure(void)
{
	char *missing[] = { "/nonexistent/deliver", "-d", NULL };
	char *nopath[] = { "no-such-command-for-spawn-test", NULL };
	struct child c;
	struct err err;

	test_begin("exec failure is reported by child_start, no zombie");
	err_init(&err);
	test_assert(child_start(&c, missing, &err) == -1);
	test_assert_str(err.msg, "cannot execute '/nonexistent/deliver': "
				 "No such file or directory");
	test_assert(c.pid == -1 && c.in_fd == -1 && c.name == NULL);
	err_init(&err);
	test_assert(child_start(&c, nopath, &err) == -1);
	test_assert_str(err.msg, "cannot execute "
				 "'no-such-command-for-spawn-test': "
				 "No such file or directory");
	test_assert(no_children_left());
	test_end();
}

static void test_output_not_piped(void)
{
	char *argv[] = { "sh", "-c",
			 "head -c 1000000 /dev/zero >&2; "
			 "head -c 1000000 /dev/zero; cat >/dev/null",
			 NULL };
	struct err err;
	int saved_out, saved_err, null, status = -1, rc;

	test_begin("child stdout/stderr are ours: 1 MB of output cannot block");
	err_init(&err);
	fflush(stdout);
	saved_out = dup(1);
	saved_err = dup(2);
	null = open("/dev/null", O_WRONLY);
	dup2(null, 1);
	dup2(null, 2);
	close(null);
	rc = run(argv, "hello\n", 6, &status, &err);
	dup2(saved_out, 1);
	dup2(saved_err, 2);
	close(saved_out);
	close(saved_err);
	test_assert(rc == 0);
	test_assert(status == 0);
	test_end();
}

static void test_fd_leak(void)
{
	char path[] = "/tmp/test-spawn-fd-XXXXXX";
	char *argv[] = { "sh", "-c", "exec ls /proc/self/fd", NULL };
	struct err err;
	int out, extra1, extra2, saved, status = -1, rc;
	size_t len = 0;
	char *got;

	test_begin("child has only fds 0, 1, 2 (and ls's own directory fd)");
	err_init(&err);
	extra1 = open("/dev/null", O_RDONLY);
	extra2 = dup(extra1);
	out = mkstemp(path);
	test_assert(extra1 >= 3 && extra2 >= 3 && out >= 3);
	fflush(stdout);
	saved = dup(1);
	dup2(out, 1);
	rc = run(argv, "", 0, &status, &err);
	dup2(saved, 1);
	close(saved);
	test_assert(rc == 0 && status == 0);
	got = slurp(path, &len);
	test_assert(got != NULL);
	if (got != NULL)
		test_assert_str(got, "0\n1\n2\n3\n");
	free(got);
	close(out);
	close(extra1);
	close(extra2);
	unlink(path);
	test_end();
}

int main(void)
{
	/* a hang (e.g. a deadlock on the child's output) must fail */
	alarm(60);
	test_split();
	test_cat();
	test_exit_codes();
	test_broken_pipe();
	test_exec_failure();
	test_output_not_piped();
	test_fd_leak();
	return test_done();
}
