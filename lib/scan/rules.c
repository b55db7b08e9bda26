/*
 * rules.c - the list of rule areas (areas.h) and their init/fini.
 *
 * The order is the order in which symbols are inserted, which matters for
 * group caps (see score.c): Rspamd runs its header and MIME rules before
 * its content rules, roughly as listed here.
 */
#include "areas.h"

#include <stddef.h>

static const struct rule_area *const areas[] = {
	&rules_headers, &rules_mid,  &rules_subject, &rules_regexp,
	&rules_maillist, &rules_mime, &rules_html,   &rules_misc,
};

#define N_AREAS (sizeof(areas) / sizeof(areas[0]))

/* How many scanners hold the areas' init state. */
static unsigned users;

size_t rule_area_count(void)
{
	return N_AREAS;
}

const struct rule_area *rule_area_at(size_t i)
{
	return i < N_AREAS ? areas[i] : NULL;
}

static void fini_first(size_t n)
{
	while (n-- > 0)
		if (areas[n]->fini != NULL)
			areas[n]->fini();
}

int rule_areas_init(void)
{
	size_t i;

	if (users++ > 0)
		return 0;
	for (i = 0; i < N_AREAS; i++)
		if (areas[i]->init != NULL &&
		    areas[i]->init() < 0) {
			fini_first(i);
			users = 0;
			return -1;
		}
	return 0;
}

void rule_areas_fini(void)
{
	if (users == 0 || --users > 0)
		return;
	fini_first(N_AREAS);
}
