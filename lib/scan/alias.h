/*
 * alias.h - rspamd's EMAIL_PLUS_ALIASES (lua_util.remove_email_aliases):
 * "user+tag@d" reads "user@d", gmail.com/googlemail.com drop dots in the
 * local part, googlemail.com becomes gmail.com. Shared by the header and
 * Message-ID rules, which compare addresses after this rewriting.
 *
 * Owns: al->user (alias_release frees it); alias_addr returns a new string.
 */
#ifndef RSPAMC_SCAN_ALIAS_H
#define RSPAMC_SCAN_ALIAS_H

#include <stdbool.h>
#include <stddef.h>

/* What alias removal makes of one address. */
struct alias {
	char *user;         /* owned: the local part, gmail dots removed */
	size_t cap_len;     /* the part of user before the tags */
	const char *tags;   /* in user: "+tag+tag...", or NULL */
	const char *domain; /* the new domain (as written) */
	size_t domain_len;
	bool aliased;       /* rspamd's result: tags, or gmail dots */
	bool changed;       /* the address changes (aliased or googlemail) */
};

void alias_release(struct alias *al);
/* Fill al for addr (al->user stays NULL without a local part); -1 when out
 * of memory. */
int alias_of(const char *addr, struct alias *al);
/* The rewritten address (malloc'd), or NULL when out of memory. */
char *alias_addr(const struct alias *al);

#endif
