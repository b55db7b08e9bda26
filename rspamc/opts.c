/*
 * opts.c - the popt table and --help of rspamc.
 *
 * Owns: nothing beyond struct opts (see opts.h). The table is built in one
 * function, one row per option, sorted by long name within its group.
 */
#include "opts.h"

#include "scan/scanner.h"

#include <popt.h>
#include <stdlib.h>
#include <string.h>

enum {
	KEY_PASSWORD = 1000,
	KEY_ON_ERROR,
};

void opts_init(struct opts *o)
{
	memset(o, 0, sizeof(*o));
	o->timeout = 10.0;
	o->max_requests = 8;
	o->on_error = ON_ERROR_DELIVER;
	o->dead_time = 30.0;
	o->max_errors = 1;
}

static void free_argv(char ***v)
{
	if (*v == NULL)
		return;
	for (char **p = *v; *p != NULL; p++)
		free(*p);
	free(*v);
	*v = NULL;
}

void opts_release(struct opts *o)
{
	char **strings[] = {
		&o->connect, &o->password, &o->classifier, &o->ip, &o->user,
		&o->deliver, &o->from, &o->helo, &o->hostname, &o->bind,
		&o->key, &o->exec, &o->sort, &o->fuzzy_symbol,
		&o->dictionary, &o->user_agent, &o->queue_id, &o->log_tag,
		&o->settings, &o->settings_id, &o->files_list,
		&o->password_file, &o->on_error_name, &o->scan_config,
	};

	for (size_t i = 0; i < sizeof(strings) / sizeof(strings[0]); i++) {
		free(*strings[i]);
		*strings[i] = NULL;
	}
	free_argv(&o->rcpts);
	free_argv(&o->http_headers);
	free_argv(&o->excludes);
	free_argv(&o->args);
}

/*
 * One row per option. Groups: rspamc 3.4, newer rspamc, beyond rspamc.
 * The descriptions are printed by opts_print_help().
 */
#define STR(l, s, field, desc, arg) \
	{ l, s, POPT_ARG_STRING, &o->field, 0, desc, arg }
#define INT(l, s, field, desc, arg) \
	{ l, s, POPT_ARG_INT, &o->field, 0, desc, arg }
#define FLAG(l, s, field, desc) \
	{ l, s, POPT_ARG_NONE, &o->field, 0, desc, NULL }
#define LIST(l, s, field, desc, arg) \
	{ l, s, POPT_ARG_ARGV, &o->field, 0, desc, arg }

static void opts_table(struct opts *o, struct poptOption *t, size_t *n_r)
{
	struct poptOption rows[] = {
		STR("connect", 'h', connect, "Specify host and port (a comma-separated list fails over)", "HOST[:PORT]"),
		{ "password", 'P', POPT_ARG_STRING | POPT_ARGFLAG_OPTIONAL,
		  &o->password, KEY_PASSWORD, "Specify control password", "PASSWORD" },
		STR("classifier", 'c', classifier, "Classifier to learn spam or ham", "NAME"),
		INT("weight", 'w', weight, "Weight for fuzzy operations", "N"),
		INT("flag", 'f', flag, "Flag for fuzzy operations", "N"),
		FLAG("pass-all", 'p', pass_all, "Pass all filters"),
		FLAG("verbose", 'v', verbose, "More verbose output"),
		STR("ip", 'i', ip, "Emulate that message was received from specified ip address", "IP"),
		STR("user", 'u', user, "Emulate that message was received from specified authenticated user", "USER"),
		STR("deliver", 'd', deliver, "Emulate that message is delivered to specified user (for LDA/statistics)", "USER"),
		STR("from", 'F', from, "Emulate that message has specified SMTP FROM address", "ADDR"),
		LIST("rcpt", 'r', rcpts, "Emulate that message has specified SMTP RCPT address", "ADDR"),
		STR("helo", 0, helo, "Imitate SMTP HELO passing from MTA", "NAME"),
		STR("hostname", 0, hostname, "Imitate hostname passing from MTA", "NAME"),
		{ "timeout", 't', POPT_ARG_DOUBLE, &o->timeout, 0, "Time in seconds to wait for a reply", "SECONDS" },
		STR("bind", 'b', bind, "Bind to specified ip address", "IP"),
		FLAG("commands", 0, commands, "List available commands"),
		FLAG("json", 'j', json, "Output json reply"),
		FLAG("compact", 0, compact, "Output compact json reply"),
		FLAG("headers", 0, headers, "Output HTTP headers"),
		FLAG("raw", 0, raw, "Input is a raw file, not an email file"),
		FLAG("ucl", 0, ucl, "Output ucl reply from rspamd"),
		INT("max-requests", 'n', max_requests, "Maximum count of parallel requests to rspamd", "N"),
		FLAG("extended-urls", 0, extended_urls, "Output urls in extended format"),
		STR("key", 0, key, "Use specified pubkey to encrypt request", "KEY"),
		STR("exec", 'e', exec, "Execute the specified command and pass output to it", "COMMAND"),
		FLAG("mime", 'm', mime, "Write mime body of message with headers instead of just a scan's result"),
		LIST("header", 0, http_headers, "Add custom HTTP header to query (can be repeated)", "NAME:VALUE"),
		LIST("exclude", 0, excludes, "Exclude specific glob patterns in file names (can be repeated)", "GLOB"),
		STR("sort", 0, sort, "Sort output in a specific order (name, weight, frequency, hits)", "KEY[:asc]"),
		FLAG("empty", 'E', empty, "Allow empty input instead of reading from stdin"),
		STR("fuzzy-symbol", 'S', fuzzy_symbol, "Learn the specified fuzzy symbol", "SYMBOL"),
		FLAG("compressed", 'z', compressed, "Enable zstd compression"),
		FLAG("profile", 0, profile, "Profile symbols execution time"),
		STR("dictionary", 'D', dictionary, "Use dictionary to compress data", "FILE"),
		FLAG("skip-images", 0, skip_images, "Skip images when learning/unlearning fuzzy"),
		FLAG("skip-attachments", 0, skip_attachments, "Skip attachments when learning/unlearning fuzzy"),
		STR("user-agent", 'U', user_agent, "Use specific User-Agent instead of \"rspamc\"", "STRING"),
		/* newer rspamc */
		STR("queue-id", 0, queue_id, "Set Queue-ID header for the request", "ID"),
		STR("log-tag", 0, log_tag, "Set Log-Tag header for the request", "TAG"),
		STR("settings", 0, settings, "Set Settings header (JSON/UCL) for the request", "JSON"),
		STR("settings-id", 0, settings_id, "Set Settings-ID header for the request", "ID"),
		STR("files-list", 0, files_list, "Read the list of files to process from FILE, one per line", "FILE"),
		/* beyond rspamc */
		STR("config", 0, scan_config, "With --local: the scanner configuration (UCL, default " SCANNER_DEFAULT_CONFIG ")", "FILE"),
		FLAG("local", 0, local, "Scan in-process with the built-in rule engine, no server"),
		{ "now", 0, POPT_ARG_DOUBLE, &o->now, 0,
		  "The scan time for the in-process scanner (epoch seconds)", "EPOCH" },
		STR("password-file", 0, password_file, "Read the control password from FILE", "FILE"),
		{ "on-error", 0, POPT_ARG_STRING, &o->on_error_name, KEY_ON_ERROR,
		  "With --mime, when the scan fails: deliver (default), tempfail (exit 75), local (scan in-process)", "POLICY" },
		{ "max-size", 0, POPT_ARG_LONGLONG, &o->max_size, 0,
		  "With --mime, pass larger messages through unscanned", "BYTES" },
		{ "dead-time", 0, POPT_ARG_DOUBLE, &o->dead_time, 0,
		  "Skip a failed server of a -h list for SECONDS", "SECONDS" },
		INT("max-errors", 0, max_errors, "Failures in a row before a server is skipped", "N"),
		FLAG("version", 0, version, "Print the version and exit"),
		FLAG("help", '?', help, "Show help options"),
		POPT_TABLEEND
	};

	memcpy(t, rows, sizeof(rows));
	*n_r = sizeof(rows) / sizeof(rows[0]);
}

#define OPTS_MAX 64

static int parse_on_error(struct opts *o, struct err *err)
{
	if (strcmp(o->on_error_name, "deliver") == 0)
		o->on_error = ON_ERROR_DELIVER;
	else if (strcmp(o->on_error_name, "tempfail") == 0)
		o->on_error = ON_ERROR_TEMPFAIL;
	else if (strcmp(o->on_error_name, "local") == 0)
		o->on_error = ON_ERROR_LOCAL;
	else
		return err_set(err,
			       "option parsing failed: invalid --on-error "
			       "'%s' (expected deliver, tempfail or local)",
			       o->on_error_name);
	return 0;
}

static int copy_args(struct opts *o, poptContext ctx, struct err *err)
{
	const char **rest = poptGetArgs(ctx);
	int n = 0;

	while (rest != NULL && rest[n] != NULL)
		n++;
	o->args = calloc((size_t)n + 1, sizeof(char *));
	if (o->args == NULL)
		return err_set(err, "out of memory");
	for (int i = 0; i < n; i++) {
		o->args[i] = strdup(rest[i]);
		if (o->args[i] == NULL)
			return err_set(err, "out of memory");
	}
	o->n_args = n;
	return 0;
}

int opts_parse(struct opts *o, int argc, const char **argv, struct err *err)
{
	struct poptOption table[OPTS_MAX];
	poptContext ctx;
	size_t n;
	int rc, ret = -1;

	opts_table(o, table, &n);
	ctx = poptGetContext("rspamc", argc, argv, table, 0);
	while ((rc = poptGetNextOpt(ctx)) > 0) {
		if (rc == KEY_PASSWORD && o->password == NULL)
			o->password_prompt = true;
		else if (rc == KEY_ON_ERROR && parse_on_error(o, err) < 0)
			goto out;
	}
	if (rc < -1) {
		err_set(err, "option parsing failed: %s: %s",
			poptBadOption(ctx, POPT_BADOPTION_NOALIAS),
			poptStrerror(rc));
		goto out;
	}
	if (o->max_requests < 1)
		o->max_requests = 1;
	ret = copy_args(o, ctx, err);
out:
	poptFreeContext(ctx);
	return ret;
}

void opts_print_help(FILE *f)
{
	struct opts dummy;
	struct poptOption table[OPTS_MAX];
	size_t n;

	opts_init(&dummy);
	opts_table(&dummy, table, &n);
	fputs("Usage:\n  rspamc [OPTION...] [command] [file|dir ...] - run rspamc client\n\n"
	      "Summary:\n  Rspamd client, compatible with rspamc version 3.4\n\n"
	      "Help Options:\n  -?, --help             Show help options\n\n"
	      "Application Options:\n", f);
	for (size_t i = 0; i + 1 < n; i++) {
		char left[64];

		if (table[i].shortName == '?')
			continue;
		if (table[i].shortName != 0)
			snprintf(left, sizeof(left), "-%c, --%s",
				 table[i].shortName, table[i].longName);
		else
			snprintf(left, sizeof(left), "--%s",
				 table[i].longName);
		fprintf(f, "  %-21s  %s\n", left, table[i].descrip);
	}
	fputc('\n', f);
}
