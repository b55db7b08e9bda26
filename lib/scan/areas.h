/*
 * areas.h - the rule areas the scanner runs, in order (rules.c).
 *
 * Each rules_<area>.c exports one const struct rule_area named here.
 */
#ifndef RSPAMC_SCAN_AREAS_H
#define RSPAMC_SCAN_AREAS_H

#include <stddef.h>

#include "rules.h"

extern const struct rule_area rules_headers, rules_mid, rules_subject,
	rules_regexp, rules_maillist, rules_mime, rules_html, rules_misc;

/* The areas in the order the scanner runs them. */
size_t rule_area_count(void);
const struct rule_area *rule_area_at(size_t i);

/* Run every area's init in order; on failure, undo the ones done. */
int rule_areas_init(void);
void rule_areas_fini(void);

#endif
