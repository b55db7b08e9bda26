/*
 * main.c - rspamc: parse options, pick the command, run it, exit.
 *
 * Owns the process: signals, the password prompt, and the one place where
 * exit codes are decided (exit_status()). Nothing below main() exits.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netdb.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sysexits.h>
#include <termios.h>
#include <unistd.h>

#include "buf.h"
#include "cmd.h"
#include "err.h"
#include "opts.h"
#include "run.h"

#define VERSION_TEXT "rspamc (C implementation) compatible with rspamc 3.4"

struct cli {
	struct opts o;
	const struct command *cmd;
	const char *class_name;
	char **files;        /* the positional arguments after the command */
	char *password;      /* resolved password, owned */
	char *ip;            /* resolved -i, owned */
};

/* Trailing whitespace (newlines included) is not part of a password. */
static void chomp(char *s)
{
	size_t n = strlen(s);

	while (n > 0 && strchr(" \t\r\n", s[n - 1]) != NULL)
		s[--n] = '\0';
}

static int read_password_file(const char *path, char **out, struct err *err)
{
	struct buf b;

	buf_init(&b, 4096);
	if (buf_read_file(&b, path, err) < 0) {
		buf_release(&b);
		return -1;
	}
	chomp(b.data != NULL ? b.data : "");
	*out = buf_detach(&b, NULL);
	return *out != NULL ? 0 : err_set(err, "out of memory");
}

/* -P without a value: ask on the terminal, without echo. */
static int prompt_password(char **out, struct err *err)
{
	struct termios old, quiet;
	char line[1024];
	FILE *tty = fopen("/dev/tty", "r+");
	int ok;

	if (tty == NULL)
		return err_set(err, "Invalid password: no terminal to ask for it");
	fputs("Enter passphrase: ", tty);
	fflush(tty);
	ok = tcgetattr(fileno(tty), &old) == 0;
	if (ok) {
		quiet = old;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		tcsetattr(fileno(tty), TCSAFLUSH, &quiet);
	}
	if (fgets(line, sizeof(line), tty) == NULL)
		line[0] = '\0';
	if (ok)
		tcsetattr(fileno(tty), TCSAFLUSH, &old);
	fputc('\n', tty);
	fclose(tty);
	chomp(line);
	if (line[0] == '\0')
		return err_set(err, "Invalid password");
	*out = strdup(line);
	return *out != NULL ? 0 : err_set(err, "out of memory");
}

/*
 * The password, from (in order) -P VALUE, -P with no value (prompt),
 * --password-file, RSPAMC_PASSWORD. As rspamc does, a -P value starting
 * with '/' or '.' that names a non-empty file is read from that file.
 */
static int resolve_password(struct cli *c, struct err *err)
{
	const char *p = c->o.password;
	const char *env = getenv("RSPAMC_PASSWORD");
	struct stat st;

	if (p != NULL && (p[0] == '/' || p[0] == '.') && stat(p, &st) == 0 &&
	    S_ISREG(st.st_mode) && st.st_size > 0)
		return read_password_file(p, &c->password, err);
	if (p != NULL)
		return (c->password = strdup(p)) ? 0 : err_set(err, "out of memory");
	if (c->o.password_prompt)
		return prompt_password(&c->password, err);
	if (c->o.password_file != NULL) {
		if (read_password_file(c->o.password_file, &c->password,
				       err) < 0) {
			err_prefix(err, "--password-file");
			return -1;
		}
		return 0;
	}
	if (env != NULL && env[0] != '\0')
		return (c->password = strdup(env)) ? 0
						   : err_set(err, "out of memory");
	return 0;
}

/* -i: an address literal is sent as is, a name is resolved (as rspamc). */
static int resolve_ip(struct cli *c, struct err *err)
{
	const char *ip = c->o.ip;
	struct addrinfo hints, *res = NULL;
	unsigned char tmp[16];
	char text[INET6_ADDRSTRLEN];
	int rc;

	if (ip == NULL)
		return 0;
	if (inet_pton(AF_INET, ip, tmp) == 1 ||
	    inet_pton(AF_INET6, ip, tmp) == 1 || ip[0] == '[') {
		c->ip = strdup(ip);
		return c->ip ? 0 : err_set(err, "out of memory");
	}
	memset(&hints, 0, sizeof(hints));
	hints.ai_family = AF_UNSPEC;
	rc = getaddrinfo(ip, NULL, &hints, &res);
	if (rc != 0 || res == NULL) {
		fprintf(stderr, "rspamc: address resolution for %s failed: %s\n",
			ip, gai_strerror(rc));
		c->ip = strdup(ip);
		return c->ip ? 0 : err_set(err, "out of memory");
	}
	if (res->ai_family == AF_INET)
		inet_ntop(AF_INET,
			  &((struct sockaddr_in *)(void *)res->ai_addr)->sin_addr,
			  text, sizeof(text));
	else
		inet_ntop(AF_INET6,
			  &((struct sockaddr_in6 *)(void *)res->ai_addr)->sin6_addr,
			  text, sizeof(text));
	freeaddrinfo(res);
	c->ip = strdup(text);
	return c->ip ? 0 : err_set(err, "out of memory");
}

/*
 * The command is the first positional argument when it names one;
 * otherwise every argument is a file for "symbols" (rspamc 3.4's rule).
 */
static int pick_command(struct cli *c, struct err *err)
{
	char **args = c->o.args;

	c->cmd = NULL;
	if (c->o.n_args > 0)
		c->cmd = cmd_find(args[0], &c->class_name);
	if (c->cmd != NULL) {
		c->files = args + 1;
	} else {
		c->cmd = cmd_default();
		c->files = args;
	}
	if (c->cmd->kind == CMD_UNSUPPORTED)
		return err_set(err, "the %s command is not supported: rspamd "
			       "3.4's controller has no %s endpoint",
			       c->cmd->name, c->cmd->path);
	if (!c->cmd->input && c->cmd->kind != CMD_DELHASH && c->files != NULL &&
	    c->files[0] != NULL)
		return err_set(err, "the %s command takes no file arguments "
			       "(got '%s')", c->cmd->name, c->files[0]);
	if (c->cmd->kind == CMD_DELHASH &&
	    (c->files == NULL || c->files[0] == NULL))
		return err_set(err, "fuzzy_delhash needs at least one hash");
	return 0;
}

static int check_options(const struct cli *c, struct err *err)
{
	if (c->o.key != NULL)
		return err_set(err, "--key: the encrypted transport (HTTPCrypt) "
			       "is not supported yet");
	if (c->o.timeout < 0)
		return err_set(err, "option parsing failed: -t must not be "
			       "negative");
	if (c->o.max_size < 0)
		return err_set(err, "option parsing failed: --max-size must not "
			       "be negative");
	if (c->o.exec != NULL && c->o.exec[0] == '\0')
		return err_set(err, "--exec: empty command");
	return 0;
}

static int cli_run(struct cli *c, const char *exe, struct run_status *st,
		   struct err *err)
{
	struct run_args a;

	if (pick_command(c, err) < 0 || check_options(c, err) < 0 ||
	    resolve_password(c, err) < 0 || resolve_ip(c, err) < 0)
		return -1;
	memset(&a, 0, sizeof(a));
	a.o = &c->o;
	a.cmd = c->cmd;
	a.class_name = c->class_name;
	a.password = c->password;
	a.ip = c->ip;
	a.exe_path = exe;
	a.files = c->files;
	a.tty = isatty(STDOUT_FILENO);
	return run_command(&a, st, err);
}

/* The path of this program, to find the transport module beside it. */
static const char *exe_path(const char *argv0, char *out, size_t size)
{
	ssize_t n = readlink("/proc/self/exe", out, size - 1);

	if (n <= 0)
		return argv0;
	out[n] = '\0';
	return out;
}

/*
 * The exit status. Reports keep rspamc's: 0, or 1 when anything failed.
 * The LDA mode (--mime) and --exec speak sysexits: the delivery command's
 * status, 75 when the message could not be handed on, 64 for bad usage.
 */
static int exit_status(const struct cli *c, int rc, const struct run_status *st)
{
	bool lda = c->o.mime && (c->cmd == NULL || c->cmd->kind == CMD_SCAN);

	if (rc < 0)
		return lda ? (c->cmd == NULL ? EX_USAGE : EX_TEMPFAIL) : 1;
	if (st->status != 0)
		return st->status;
	if (st->failures > 0 && !lda)
		return 1;
	return 0;
}

int main(int argc, char **argv)
{
	struct cli c;
	struct run_status st = { 0, 0 };
	struct err err;
	char exe[4096];
	int rc, status;

	/* A reader that goes away must give EPIPE, not kill us mid-message. */
	signal(SIGPIPE, SIG_IGN);
	memset(&c, 0, sizeof(c));
	err_init(&err);
	opts_init(&c.o);
	rc = opts_parse(&c.o, argc, (const char **)argv, &err);
	if (rc == 0 && c.o.help) {
		opts_print_help(stdout);
	} else if (rc == 0 && c.o.commands) {
		cmd_print_list(stdout);
	} else if (rc == 0 && c.o.version) {
		puts(VERSION_TEXT);
	} else if (rc == 0) {
		rc = cli_run(&c, exe_path(argv[0], exe, sizeof(exe)), &st,
			     &err);
	}
	if (rc < 0)
		fprintf(stderr, "rspamc: %s\n", err.msg);
	status = exit_status(&c, rc, &st);
	if (fflush(stdout) != 0 && status == 0)
		status = 1;
	free(c.password);
	free(c.ip);
	opts_release(&c.o);
	err_release(&err);
	return status;
}
