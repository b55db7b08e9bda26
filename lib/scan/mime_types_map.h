/*
 * mime_types_map.h - the data of rspamd 3.4's mime_types plugin: the
 * packaged content-type map (good, neutral, bad), the extension map
 * (content types an extension may come with, MIME_BAD_ATTACHMENT
 * multipliers), the bad and archive extensions. Lookups only.
 */
#ifndef RSPAMC_SCAN_MIME_TYPES_MAP_H
#define RSPAMC_SCAN_MIME_TYPES_MAP_H

#include <stdbool.h>

struct ext_map_entry {
	const char *ext;
	int mult10;     /* MIME_BAD_ATTACHMENT multiplier times ten */
	const char *cts; /* accepted content types, '|'-separated */
};

/* The map's value for ct (lower case): < 0 good, 0 neutral, > 0 bad;
 * false when ct is not listed. */
bool mime_map_get(const char *ct, int *value_r);

/* The extension map's entry for ext (case kept), or NULL. */
const struct ext_map_entry *ext_map_get(const char *ext);

/* Is ext a bad extension? Its MIME_BAD_EXTENSION multiplier in *mult_r. */
bool bad_ext_get(const char *ext, double *mult_r);

/* Is ext an archive extension (zip, rar, 7z ...)? */
bool is_archive_ext(const char *ext);

#endif
