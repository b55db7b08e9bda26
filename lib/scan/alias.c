/* alias.c - see alias.h. */
#include "alias.h"

#include <stdlib.h>
#include <string.h>

void alias_release(struct alias *al)
{
	free(al->user);
	al->user = NULL;
}

/* Fill al for addr; -1 when out of memory. */
int alias_of(const char *addr, struct alias *al)
{
	const char *at = strrchr(addr, '@'), *p;
	bool gmail, googlemail;
	size_t n = 0;
	char *plus;

	memset(al, 0, sizeof(*al));
	if (at == NULL || at == addr)
		return 0;
	al->domain = at + 1;
	al->domain_len = strlen(at + 1);
	gmail = strcmp(at + 1, "gmail.com") == 0;
	googlemail = strcmp(at + 1, "googlemail.com") == 0;
	if ((al->user = malloc((size_t)(at - addr) + 1)) == NULL)
		return -1;
	for (p = addr; p < at; p++)
		if (!((gmail || googlemail) && *p == '.'))
			al->user[n++] = *p;
	al->user[n] = '\0';
	al->cap_len = n;
	plus = strchr(al->user, '+');
	if (plus != NULL && plus != al->user) {
		al->tags = plus;
		al->cap_len = (size_t)(plus - al->user);
		al->aliased = true;
	} else if ((gmail || googlemail) && n != (size_t)(at - addr)) {
		al->aliased = true;
	}
	if (googlemail) {
		al->domain = "gmail.com";
		al->domain_len = strlen("gmail.com");
	}
	al->changed = al->aliased || googlemail;
	return 0;
}

/* The rewritten address (malloc'd). */
char *alias_addr(const struct alias *al)
{
	size_t n = al->cap_len + 1 + al->domain_len;
	char *s = malloc(n + 1);

	if (s == NULL)
		return NULL;
	memcpy(s, al->user, al->cap_len);
	s[al->cap_len] = '@';
	memcpy(s + al->cap_len + 1, al->domain, al->domain_len);
	s[n] = '\0';
	return s;
}
