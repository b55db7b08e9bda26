/*
 * ucl.h - a reader for the UCL that Rspamd's configuration snippets use,
 * yielding jansson values.
 *
 * Debian has no package of libucl, so this reads the subset Rspamd's
 * documented files use: sections with and without '=' ("actions { ... }",
 * "actions = { ... }"), "key "name" { }" nesting (the same as
 * key { name { } }), ';' ',' or newline separators, '#' and (nested)
 * C comments, single- and double-quoted strings with escapes, bare words,
 * arrays with trailing commas, numbers with libucl's suffixes (k/m/g: x1000,
 * kb/mb/gb: x1024; ms/s/min/h/d/w/y: seconds), yes/no/true/false/on/off,
 * null, heredocs (<<EOD ... EOD), and ".include "file"" (relative to the
 * including file; ".include(try=true) "file"" ignores a missing file;
 * other include parameters are accepted and ignored). A key that repeats
 * in one object becomes an array of its values (libucl's implicit array).
 * Objects keep the order of their keys. Variables ($CONFDIR) are not
 * expanded.
 *
 * Ownership: the functions return a new reference (an object) or NULL.
 * Errors: "FILE:LINE: message"; file names are as given to the call.
 * Limits: includes nest at most UCL_MAX_INCLUDE_DEPTH deep, values at most
 * UCL_MAX_DEPTH deep.
 *
 * Untrusted text: with UCL_NO_INCLUDE (ucl_parse_flags()) an .include is
 * read and checked but opens no file and includes nothing, so the text
 * cannot make the reader open files (the fuzz target, tests/fuzz/, uses it).
 */
#ifndef RSPAMC_UCL_H
#define RSPAMC_UCL_H

#include <jansson.h>
#include <stddef.h>

#include "err.h"

#define UCL_MAX_INCLUDE_DEPTH 16
#define UCL_MAX_DEPTH 64

/* Flags of ucl_parse_flags(). */
#define UCL_NO_INCLUDE 0x1u /* .include opens no file, includes nothing */

/* Parse len bytes; name is the file name used in messages and for
 * relative includes (NULL: "<string>", includes relative to "."). */
json_t *ucl_parse(const char *data, size_t len, const char *name,
		  struct err *err);
/* ucl_parse() with flags (UCL_NO_INCLUDE). */
json_t *ucl_parse_flags(const char *data, size_t len, const char *name,
			unsigned flags, struct err *err);

/* Parse a file. *exists_r (may be NULL) is 0 when the file could not be
 * opened because it does not exist, 1 otherwise. */
json_t *ucl_parse_file(const char *path, int *exists_r, struct err *err);

#endif
