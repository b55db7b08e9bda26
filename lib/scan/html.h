/*
 * html.h - what the scanner needs from an HTML part, on libxml2's parser.
 *
 * Owns: struct html_doc and everything in it (new strings), released by
 * html_doc_release().
 *
 * From the UTF-8 source of a text/html part (libxml2's HTML parser with
 * RECOVER|NOERROR|NOWARNING|NONET, so any tag soup parses; SAX callbacks,
 * with the results of walking the tree htmlReadMemory would build):
 * - text: the visible text (no <script>/<style>/<head> content, no
 *   display:none / visibility:hidden / font-size:0 content; <noscript>
 *   counts; an <img>'s alt text counts, set apart by spaces), white
 *   space collapsed, a line break after block elements and <br>; the
 *   text after the last tag only when rspamd's own tag tree still has an
 *   open element there (html.c: a footer after "</html>" is dropped);
 * - links, in document order, as rspamd 3.4 lists them in a reply:
 *   <a href> and <area href> (with the anchor's visible text), <img src>,
 *   <form action>, <iframe src>; <link href> (stylesheets) is not a link;
 *   relative ones resolved against the first absolute <base href>;
 * - invisible: rspamd's MANY_INVISIBLE_PARTS count: <font>, <span>,
 *   <div>, <p> and <td> elements without element children (and with text,
 *   except for the transparent ones: an empty white <font> counts), whose
 *   style (inherited from ancestors: style attribute, color/bgcolor
 *   attributes) is hidden (display:none, visibility:hidden, font-size 0)
 *   or transparent (text colour too close to the background: rspamd's
 *   colour distance < 0.1; with no background, white text counts);
 * - zero_font: the same leaves with font-size 0 (ZERO_FONT);
 * - images: the number of <img> elements; imgs: each one's width and
 *   height as rspamd reads them (the attribute's leading digits, else
 *   digits right after "width"/"height" in its style, else 0) and whether
 *   an <a> element encloses it (R_EMPTY_IMAGE, R_SUSPICIOUS_IMAGES);
 * - external_css: a <link href> ending in ".css" (before ?/#), EXT_CSS.
 */
#ifndef RSPAMC_SCAN_HTML_H
#define RSPAMC_SCAN_HTML_H

#include <stdbool.h>
#include <stddef.h>

#include "err.h"

struct html_link {
	char *href;        /* the attribute value, entities decoded */
	char *text;        /* anchor text (collapsed), NULL for img/form */
	bool image;        /* an <img src> */
};

struct html_image {
	unsigned width, height;
	bool in_anchor;    /* inside an <a> element */
};

struct html_doc {
	char *text;
	size_t text_len;
	struct html_link *links;
	size_t n_links;
	int invisible;
	int zero_font;
	int images;
	struct html_image *imgs;   /* g_free()d by html_doc_release() */
	size_t n_imgs;
	bool external_css;
};

void html_doc_init(struct html_doc *d);
/*
 * Parse utf8[0..len). Returns 0, -1 on out-of-memory, or -2 when libxml2
 * cannot be loaded (err says why; d is then empty: no text, no links).
 */
int html_parse(struct html_doc *d, const char *utf8, size_t len,
	       struct err *err);
void html_doc_release(struct html_doc *d);

#endif
