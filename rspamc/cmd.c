/* cmd.c - the command table; see cmd.h. */
#include "cmd.h"

#include <string.h>
#include <strings.h>

static const struct command commands[] = {
	{ "symbols", "/checkv2", CMD_SCAN, false, true, false, true,
	  "scan message and show symbols (default command)" },
	{ "learn_spam", "/learnspam", CMD_LEARN, true, true, true, true,
	  "learn message as spam" },
	{ "learn_ham", "/learnham", CMD_LEARN, true, true, true, true,
	  "learn message as ham" },
	{ "learn_class", "/learnclass", CMD_LEARN, true, true, true, false,
	  "learn message as class NAME (learn_class:NAME, newer rspamd)" },
	/* Not rspamd's: --local only (run.c refuses it otherwise); unlisted
	 * so that --commands stays rspamc 3.4's. */
	{ "unlearn", "/unlearn", CMD_LEARN, true, true, true, false,
	  "forget a learned message (with --local)" },
	{ "fuzzy_add", "/fuzzyadd", CMD_LEARN, true, true, true, true,
	  "add hashes from a message to the fuzzy storage (check -f and -w options for this command)" },
	{ "fuzzy_del", "/fuzzydel", CMD_LEARN, true, true, true, true,
	  "delete hashes from a message from the fuzzy storage (check -f option for this command)" },
	{ "fuzzy_delhash", "/fuzzydelhash", CMD_DELHASH, true, false, true, true,
	  "delete a hash from fuzzy storage (check -f option for this command)" },
	{ "stat", "/stat", CMD_STAT, true, false, false, true,
	  "show rspamd statistics" },
	{ "stat_reset", "/statreset", CMD_STAT, true, false, true, true,
	  "show and reset rspamd statistics (useful for graphs)" },
	{ "counters", "/counters", CMD_COUNTERS, true, false, false, true,
	  "display rspamd symbols statistics" },
	{ "uptime", "/auth", CMD_UPTIME, true, false, false, true,
	  "show rspamd uptime" },
	{ "add_symbol", "/addsymbol", CMD_UNSUPPORTED, true, false, true, true,
	  "add or modify symbol settings in rspamd" },
	{ "add_action", "/addaction", CMD_UNSUPPORTED, true, false, true, true,
	  "add or modify action settings" },
};

static const char *aliases[][2] = {
	{ "check", "symbols" },
	{ "report", "symbols" },
	{ "forget", "unlearn" },
};

const struct command *cmd_default(void)
{
	return &commands[0];
}

const struct command *cmd_find(const char *name, const char **class_r)
{
	size_t n = sizeof(commands) / sizeof(commands[0]);

	*class_r = NULL;
	for (size_t i = 0; i < sizeof(aliases) / sizeof(aliases[0]); i++)
		if (strcasecmp(name, aliases[i][0]) == 0)
			name = aliases[i][1];
	if (strncasecmp(name, "learn_class:", 12) == 0 && name[12] != '\0') {
		*class_r = name + 12;
		name = "learn_class";
	}
	for (size_t i = 0; i < n; i++)
		if (strcasecmp(name, commands[i].name) == 0)
			return strcmp(commands[i].name, "learn_class") == 0 &&
					       *class_r == NULL
				       ? NULL
				       : &commands[i];
	return NULL;
}

void cmd_print_list(FILE *f)
{
	size_t n = sizeof(commands) / sizeof(commands[0]);

	fputs("Rspamc commands summary:\n", f);
	for (size_t i = 0; i < n; i++) {
		const struct command *c = &commands[i];

		if (!c->listed)
			continue;
		fprintf(f, "%15s (%-7s%c)\t%s\n", c->name,
			c->controller ? "control" : "normal",
			c->privileged ? '*' : ' ', c->description);
	}
	fputs("\n* is for privileged commands that may need password (see -P option)\n"
	      "control commands use port 11334 while normal use 11333 by default (see -h option)\n",
	      f);
}
