/*
 * magic.h - rspamd 3.4's content sniffing of text parts (lua_magic's
 * text_part_heuristic): what a part's bytes look like, whatever its
 * Content-Type says. rspamd then treats a text/plain part that looks like
 * HTML as an HTML part, and the mime_types plugin weighs the detected type
 * against the declared one.
 */
#ifndef RSPAMC_SCAN_MAGIC_H
#define RSPAMC_SCAN_MAGIC_H

#include <stdbool.h>
#include <stddef.h>

/*
 * The extension lua_magic detects for a leaf part of declared type/subtype
 * (lower case) with decoded bytes s[0..n) and attachment file name fname
 * (or NULL): "html" or "txt" (static strings), NULL when nothing is
 * detected. Only the textual detections are done (no binary signatures,
 * archives, csv, ics, vcf or xml).
 */
const char *magic_detect_text(const char *s, size_t n, const char *type,
			      const char *subtype, const char *fname);

/* The content type lua_magic gives an extension magic_detect_text() returns
 * ("text/html", "text/plain"), NULL for NULL. */
const char *magic_ext_ct(const char *ext);

#endif
