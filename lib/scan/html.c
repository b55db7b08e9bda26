/*
 * html.c - visible text, links and hidden elements of an HTML part.
 *
 * Owns: the struct html_doc it fills. One libxml2 parse with SAX
 * callbacks (no tree is built): a stack of open elements carries the
 * inherited style (hidden, font size 0, text and background colours)
 * down to the children; see html.h for what is collected.
 *
 * The results are those of walking the tree that libxml2's default SAX
 * handlers (htmlReadMemory) would build, in document order, so the
 * callbacks copy the tree builder's few quirks: an element name "p:x" is
 * the element "x"; text outside any element is dropped; an element that
 * starts after the root element closed becomes a child of that root
 * (unless the document starts with a DOCTYPE, comment or processing
 * instruction); and the tree builder stops the whole parse when a 258th
 * element would be open (HTML_TREE_MAX_OPEN).
 *
 * libxml2 comes through xmlapi.h, loaded at the first non-empty HTML
 * part.
 */
/* _GNU_SOURCE comes from the build (meson.build). */
#include "html.h"

#include <glib.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "xmlapi.h"

/* The tree walk's depth limit: an element or text node deeper than this
 * (the root element is at depth 1) is left out with everything inside. */
#define HTML_MAX_DEPTH 200
/* libxml2's tree builder refuses an element, and halts the parser, when
 * more than this many elements are open (xmlParserMaxDepth, 256). */
#define HTML_TREE_MAX_OPEN 256

struct rgba {
	unsigned char r, g, b, a;
};

struct style {
	bool hidden;      /* display:none, visibility:hidden (inherited) */
	bool own_hidden;  /* the same, on this element itself */
	bool in_head;     /* inside <head>: no text, no blocks */
	bool zero_font;
	bool has_fg, has_bg;
	struct rgba fg, bg;
};

/* One open element. */
struct frame {
	int tag;              /* enum tag */
	int depth;            /* in the tree: the root element is 1 */
	bool walked;          /* within the depth limit and not in a skipped element */
	bool skip_inside;     /* contents not walked (script, too deep, ...) */
	bool elem_child;      /* has an element child */
	bool any_child;       /* has a child node of any kind */
	bool text;            /* has a non-blank text child */
	struct style st;      /* the style its contents inherit */
	size_t anchor_start;  /* <a>/<area>: text length at its start */
	char *href;           /* <a>/<area>: its href (new), or NULL */
};

struct walk {
	struct html_doc *doc;
	GString *text;
	GArray *links;    /* struct html_link */
	GArray *imgs;     /* struct html_image */
	int in_anchor;    /* depth of enclosing walked <a> elements */
	struct frame *stack;
	size_t n_open, alloc;
	const struct xml_api *x;
	htmlParserCtxtPtr ctxt;
	/* The first node the tree builder would add to the document: the
	 * root element, whose style later top-level elements inherit. */
	bool have_first;
	bool first_is_root;
	struct style root_st;
	bool halted;      /* the tree builder would have stopped here */
	bool oom;
	char *base;       /* the first absolute <base href>, or NULL */
};

void html_doc_init(struct html_doc *d)
{
	memset(d, 0, sizeof(*d));
}

/* The elements the walk treats specially; compared once per element. */
enum tag {
	T_OTHER, T_A, T_AREA, T_BLOCKQUOTE, T_BR, T_DIV, T_FONT, T_FORM,
	T_H1, T_H2, T_H3, T_H4, T_H5, T_H6, T_HEAD, T_HR, T_IFRAME, T_IMG,
	T_LI, T_LINK, T_NOSCRIPT, T_OL, T_P, T_PRE, T_SCRIPT, T_SPAN,
	T_STYLE, T_TABLE, T_TD, T_TH, T_TR, T_UL, T_BASE,
};

/* The tag of an element name as libxml2's tree names it: "p:x" is "x"
 * (xmlSplitQName: not when the name starts or ends with ':'). */
static enum tag tag_of(const char *name)
{
#define TAG(s, t) { s, sizeof(s) - 1, t }
	static const struct {
		const char *name;
		size_t len;
		enum tag tag;
	} tags[] = {
		TAG("a", T_A), TAG("area", T_AREA), TAG("base", T_BASE),
		TAG("blockquote", T_BLOCKQUOTE), TAG("br", T_BR),
		TAG("div", T_DIV), TAG("font", T_FONT), TAG("form", T_FORM),
		TAG("h1", T_H1), TAG("h2", T_H2), TAG("h3", T_H3),
		TAG("h4", T_H4), TAG("h5", T_H5), TAG("h6", T_H6),
		TAG("head", T_HEAD), TAG("hr", T_HR),
		TAG("iframe", T_IFRAME), TAG("img", T_IMG), TAG("li", T_LI),
		TAG("link", T_LINK), TAG("noscript", T_NOSCRIPT),
		TAG("ol", T_OL), TAG("p", T_P), TAG("pre", T_PRE),
		TAG("script", T_SCRIPT), TAG("span", T_SPAN),
		TAG("style", T_STYLE), TAG("table", T_TABLE),
		TAG("td", T_TD), TAG("th", T_TH), TAG("tr", T_TR),
		TAG("ul", T_UL),
	};
#undef TAG
	const char *colon;
	char c;
	size_t i, len;

	if (name == NULL || name[0] == '\0')
		return T_OTHER;
	colon = strchr(name, ':');
	if (colon != NULL && colon != name && colon[1] != '\0')
		name = colon + 1;
	c = (char)(name[0] | 0x20);
	len = strlen(name);
	/* tags[] is in alphabetical order */
	for (i = 0; i < sizeof(tags) / sizeof(tags[0]) && tags[i].name[0] <= c;
	     i++)
		if (tags[i].name[0] == c && tags[i].len == len &&
		    strcasecmp(name, tags[i].name) == 0)
			return tags[i].tag;
	return T_OTHER;
}

/* The attributes the walk reads: for each name, the first attribute of
 * that name (case-insensitive) that has a value. */
struct attrs {
	const char *href, *src, *action, *color, *bgcolor, *style;
	const char *width, *height, *alt;
};

static void set_attr(const char **slot, const xmlChar *value)
{
	if (*slot == NULL && value != NULL)
		*slot = (const char *)value;
}

/* atts: libxml2's SAX1 name/value pairs, NULL-terminated (or NULL). */
static void read_attrs(const xmlChar **atts, struct attrs *at)
{
	const char *name;
	const xmlChar *a;

	memset(at, 0, sizeof(*at));
	for (; atts != NULL && atts[0] != NULL; atts += 2) {
		name = (const char *)atts[0];
		a = atts[1];
		switch (name[0] | 0x20) {
		case 'h':
			if (strcasecmp(name, "href") == 0)
				set_attr(&at->href, a);
			else if (strcasecmp(name, "height") == 0)
				set_attr(&at->height, a);
			break;
		case 's':
			if (strcasecmp(name, "src") == 0)
				set_attr(&at->src, a);
			else if (strcasecmp(name, "style") == 0)
				set_attr(&at->style, a);
			break;
		case 'a':
			if (strcasecmp(name, "action") == 0)
				set_attr(&at->action, a);
			else if (strcasecmp(name, "alt") == 0)
				set_attr(&at->alt, a);
			break;
		case 'c':
			if (strcasecmp(name, "color") == 0)
				set_attr(&at->color, a);
			break;
		case 'b':
			if (strcasecmp(name, "bgcolor") == 0)
				set_attr(&at->bgcolor, a);
			break;
		case 'w':
			if (strcasecmp(name, "width") == 0)
				set_attr(&at->width, a);
			break;
		default:
			break;
		}
	}
}

/* ---- colours ---- */

static int hexdigit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static bool parse_hex_color(const char *s, size_t len, struct rgba *c)
{
	int v[6];
	size_t i;

	if (len != 3 && len != 6)
		return false;
	for (i = 0; i < len; i++)
		if ((v[i] = hexdigit(s[i])) < 0)
			return false;
	if (len == 3) {
		c->r = (unsigned char)(v[0] * 17);
		c->g = (unsigned char)(v[1] * 17);
		c->b = (unsigned char)(v[2] * 17);
	} else {
		c->r = (unsigned char)(v[0] * 16 + v[1]);
		c->g = (unsigned char)(v[2] * 16 + v[3]);
		c->b = (unsigned char)(v[4] * 16 + v[5]);
	}
	c->a = 255;
	return true;
}

static bool parse_rgb_color(const char *s, struct rgba *c)
{
	double v[4] = { 0, 0, 0, 1 };
	char *end;
	int i;

	s = strchr(s, '(');
	if (s == NULL)
		return false;
	s++;
	for (i = 0; i < 4; i++) {
		v[i] = strtod(s, &end);
		if (end == s)
			break;
		s = end;
		while (*s == ' ' || *s == ',' || *s == '%')
			s++;
	}
	if (i < 3)
		return false;
	c->r = (unsigned char)fmin(fmax(v[0], 0), 255);
	c->g = (unsigned char)fmin(fmax(v[1], 0), 255);
	c->b = (unsigned char)fmin(fmax(v[2], 0), 255);
	c->a = (unsigned char)fmin(fmax(v[3] * 255.0, 0), 255);
	return true;
}

static bool parse_color(const char *s, size_t len, struct rgba *c)
{
	static const struct {
		const char *name;
		struct rgba c;
	} names[] = {
		{ "white", { 255, 255, 255, 255 } },
		{ "black", { 0, 0, 0, 255 } },
		{ "red", { 255, 0, 0, 255 } },
		{ "green", { 0, 128, 0, 255 } },
		{ "blue", { 0, 0, 255, 255 } },
		{ "yellow", { 255, 255, 0, 255 } },
		{ "gray", { 128, 128, 128, 255 } },
		{ "grey", { 128, 128, 128, 255 } },
		{ "silver", { 192, 192, 192, 255 } },
		{ "snow", { 255, 250, 250, 255 } },
		{ "whitesmoke", { 245, 245, 245, 255 } },
		{ "ivory", { 255, 255, 240, 255 } },
		{ "transparent", { 0, 0, 0, 0 } },
	};
	size_t i;

	while (len > 0 && (*s == ' ' || *s == '\t')) {
		s++;
		len--;
	}
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	if (len > 0 && s[0] == '#')
		return parse_hex_color(s + 1, len - 1, c);
	if (len > 3 && strncasecmp(s, "rgb", 3) == 0)
		return parse_rgb_color(s, c);
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strlen(names[i].name) == len &&
		    strncasecmp(s, names[i].name, len) == 0) {
			*c = names[i].c;
			return true;
		}
	/* rspamd 3.4 takes no hex digits without '#' ("ffffff"): no colour */
	return false;
}

/* rspamd's "similar colours" distance (redmean-like), scaled to 0..~1. */
static bool similar_colors(struct rgba a, struct rgba b)
{
	float dr = (float)a.r - b.r, dg = (float)a.g - b.g,
	      db = (float)a.b - b.b, ravg = ((float)a.r + b.r) / 2.0f;
	float d;

	dr *= dr;
	dg *= dg;
	db *= db;
	d = sqrtf(2.0f * dr + 4.0f * dg + 3.0f * db +
		  ravg * (dr - db) / 256.0f) / 256.0f;
	return d < 0.1f;
}

static bool transparent(const struct style *st)
{
	static const struct rgba white = { 255, 255, 255, 255 };
	static const struct rgba black = { 0, 0, 0, 255 };

	if (st->has_fg && st->has_bg)
		return st->fg.a < 10 ||
		       (st->bg.a > 10 && similar_colors(st->fg, st->bg));
	if (st->has_fg)
		return st->fg.a < 10 || similar_colors(st->fg, white);
	if (st->has_bg)
		return st->bg.a > 10 && similar_colors(black, st->bg);
	return false;
}

/* ---- CSS declarations ---- */

static bool value_is(const char *v, size_t len, const char *word)
{
	size_t n = strlen(word);

	while (len > 0 && (*v == ' ' || *v == '\t')) {
		v++;
		len--;
	}
	return len >= n && strncasecmp(v, word, n) == 0;
}

static bool zero_size(const char *v, size_t len)
{
	char buf[32];
	char *end;
	double d;

	if (len >= sizeof(buf))
		return false;
	memcpy(buf, v, len);
	buf[len] = '\0';
	d = strtod(buf, &end);
	return end != buf && d == 0.0;
}

static void apply_decl(struct style *st, const char *p, size_t plen,
		       const char *v, size_t vlen)
{
	while (plen > 0 && (p[plen - 1] == ' ' || p[plen - 1] == '\t'))
		plen--;
#define PROP(s) (plen == sizeof(s) - 1 && strncasecmp(p, s, plen) == 0)
	if ((PROP("display") && value_is(v, vlen, "none")) ||
	    (PROP("visibility") && value_is(v, vlen, "hidden")))
		st->hidden = st->own_hidden = true;
	else if (PROP("font-size"))
		st->zero_font = zero_size(v, vlen);
	else if (PROP("color"))
		st->has_fg = parse_color(v, vlen, &st->fg) || st->has_fg;
	else if (PROP("background-color") || PROP("background"))
		st->has_bg = parse_color(v, vlen, &st->bg) || st->has_bg;
#undef PROP
}

static void apply_style_attr(struct style *st, const char *s)
{
	const char *decl, *colon, *end;

	for (decl = s; *decl != '\0'; decl = *end ? end + 1 : end) {
		end = strchr(decl, ';');
		if (end == NULL)
			end = decl + strlen(decl);
		while (decl < end && (*decl == ' ' || *decl == '\t' ||
				      *decl == '\n' || *decl == '\r'))
			decl++;
		colon = memchr(decl, ':', (size_t)(end - decl));
		if (colon == NULL)
			continue;
		apply_decl(st, decl, (size_t)(colon - decl), colon + 1,
			   (size_t)(end - colon - 1));
	}
}

/* A color/bgcolor attribute: as parse_color(), but rspamd 3.4 matches
 * colour names there case-sensitively ("White" is no colour; in a style
 * attribute it is white). */
static bool parse_attr_color(const char *v, struct rgba *c)
{
	const char *p = v + strspn(v, " \t");

	if (*p != '#' && strncasecmp(p, "rgb", 3) != 0)
		for (; *p != '\0'; p++)
			if (*p >= 'A' && *p <= 'Z')
				return false;
	return parse_color(v, strlen(v), c);
}

static void element_style(enum tag tag, const struct attrs *at,
			  struct style *st)
{
	const char *v;

	if ((v = at->color) != NULL && tag == T_FONT)
		st->has_fg = parse_attr_color(v, &st->fg) || st->has_fg;
	if ((v = at->bgcolor) != NULL)
		st->has_bg = parse_attr_color(v, &st->bg) || st->has_bg;
	if ((v = at->style) != NULL)
		apply_style_attr(st, v);
}

/* ---- text ---- */

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* Appends s[0..len) (up to a NUL), white space collapsed: a run of
 * blanks becomes one space, none after a space or line break already
 * there, none at the start of the text. Written in place after one
 * g_string_set_size() for the most it can add. */
static void append_text(struct walk *w, const char *s, size_t len)
{
	GString *t = w->text;
	size_t o = t->len, i;
	char *out;

	g_string_set_size(t, o + len);
	out = t->str;
	for (i = 0; i < len && s[i] != '\0'; i++) {
		if (!is_blank(s[i]))
			out[o++] = s[i];
		else if (o > 0 && out[o - 1] != ' ' && out[o - 1] != '\n')
			out[o++] = ' ';
	}
	g_string_truncate(t, o);
}

static void append_break(struct walk *w)
{
	GString *t = w->text;

	while (t->len > 0 && t->str[t->len - 1] == ' ')
		g_string_truncate(t, t->len - 1);
	if (t->len > 0 && t->str[t->len - 1] != '\n')
		g_string_append_c(t, '\n');
}

static bool has_nonblank(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len && s[i] != '\0'; i++)
		if (!is_blank(s[i]))
			return true;
	return false;
}

/* Whether href has a scheme ("x:...") or is protocol-relative ("//h"). */
static bool absolute_href(const char *href)
{
	size_t i = 0;

	if (href[0] == '/' && href[1] == '/')
		return true;
	if (!((href[0] >= 'a' && href[0] <= 'z') ||
	      (href[0] >= 'A' && href[0] <= 'Z')))
		return false;
	while (href[i] != '\0' && !strchr(":/?#", href[i]))
		i++;
	return href[i] == ':';
}

/* rspamd 3.4 resolves a relative link ("/x", "x", "#x") against the
 * document's <base href>: the absolute URL (new), or NULL (none,
 * out of memory: w->oom). */
static char *resolve_base(struct walk *w, const char *href)
{
	const char *b = w->base, *auth, *end, *slash;
	char *r;

	if (b == NULL || absolute_href(href))
		return NULL;
	auth = strstr(b, "://") + 3;
	end = auth + strcspn(auth, "/?#");
	if (href[0] != '/') {
		slash = strrchr(end, '/');
		end = slash != NULL && slash < end + strcspn(end, "?#")
			      ? slash + 1 : end;
	}
	r = g_strdup_printf("%.*s%s%s", (int)(end - b), b,
			    href[0] == '/' || end[-1] == '/' ? "" : "/", href);
	if (r == NULL)
		w->oom = true;
	return r;
}

static void add_link_abs(struct walk *w, const char *href, const char *text)
{
	struct html_link l;

	l.href = strdup(href);
	l.text = text != NULL ? strdup(text) : NULL;
	l.image = false;
	if (l.href == NULL || (text != NULL && l.text == NULL)) {
		free(l.href);
		free(l.text);
		w->oom = true;
		return;
	}
	g_array_append_val(w->links, l);
}

static void add_link(struct walk *w, const char *href, const char *text)
{
	char *abs = resolve_base(w, href);

	if (abs != NULL) {
		add_link_abs(w, abs, text);
		g_free(abs);
		return;
	}
	add_link_abs(w, href, text);
}

static void check_css(struct walk *w, const char *href)
{
	size_t n = strcspn(href, "?#");

	if (n >= 4 && strncasecmp(href + n - 4, ".css", 4) == 0)
		w->doc->external_css = true;
}

/* At the end of a leaf element: rspamd's invisible and zero-font counts. */
static void count_hidden(struct walk *w, const struct frame *f)
{
	const struct style *st = &f->st;
	bool block = f->tag == T_FONT || f->tag == T_SPAN || f->tag == T_DIV ||
		     f->tag == T_P || f->tag == T_TD;

	if (!block || st->in_head || f->elem_child)
		return;
	/* rspamd counts a transparent leaf even without text. */
	if (transparent(st) && (!f->any_child || f->text))
		w->doc->invisible++;
	if (!f->text)
		return;
	if (st->own_hidden || st->zero_font)
		w->doc->invisible++;
	if (st->zero_font)
		w->doc->zero_font++;
}

/* rspamd's reading of a size attribute: its leading digits, 0 if none. */
static unsigned leading_uint(const char *v)
{
	unsigned long n = 0;

	for (; v != NULL && *v >= '0' && *v <= '9' && n < 1000000; v++)
		n = n * 10 + (unsigned long)(*v - '0');
	return (unsigned)n;
}

/* A size in a style attribute, rspamd's way: digits right after the
 * property name ("width100"), else 0. */
static unsigned style_size(const char *style, const char *prop)
{
	const char *p = style != NULL ? strcasestr(style, prop) : NULL;

	return p != NULL ? leading_uint(p + strlen(prop)) : 0;
}

static void add_image(struct walk *w, const struct attrs *at)
{
	struct html_image img;

	img.width = at->width != NULL ? leading_uint(at->width) :
					style_size(at->style, "width");
	img.height = at->height != NULL ? leading_uint(at->height) :
					  style_size(at->style, "height");
	img.in_anchor = w->in_anchor > 0;
	g_array_append_val(w->imgs, img);
}

static bool is_break(enum tag t)
{
	switch (t) {
	case T_BR: case T_P: case T_DIV: case T_TR: case T_LI: case T_H1:
	case T_H2: case T_H3: case T_H4: case T_H5: case T_H6: case T_TABLE:
	case T_UL: case T_OL: case T_BLOCKQUOTE: case T_HR: case T_PRE:
		return true;
	default:
		return false;
	}
}

/* ---- the open elements ---- */

static struct frame *push_frame(struct walk *w)
{
	struct frame *s;
	size_t alloc;

	if (w->n_open == w->alloc) {
		alloc = w->alloc ? w->alloc * 2 : 32;
		s = realloc(w->stack, alloc * sizeof(*s));
		if (s == NULL)
			return NULL;
		w->stack = s;
		w->alloc = alloc;
	}
	s = &w->stack[w->n_open++];
	memset(s, 0, sizeof(*s));
	return s;
}

/* What the tree walk does when it enters a (walked) element: style,
 * links that come before the contents, the anchor's start. */
static void enter_element(struct walk *w, struct frame *f,
			  const xmlChar **atts)
{
	struct attrs at;

	read_attrs(atts, &at);
	f->st.own_hidden = false;
	if (f->tag == T_LINK && at.href != NULL)
		check_css(w, at.href);
	if (f->tag == T_BASE && at.href != NULL && w->base == NULL &&
	    strstr(at.href, "://") != NULL) {
		w->base = strdup(at.href);
		if (w->base == NULL)
			w->oom = true;
	}
	/* rspamd 3.4 walks <noscript> like any element (its links and text
	 * count) */
	if (f->tag == T_SCRIPT || f->tag == T_STYLE) {
		f->walked = false;    /* nothing at its end either */
		f->skip_inside = true;
		return;
	}
	if (f->tag == T_HEAD)
		f->st.in_head = true;
	element_style((enum tag)f->tag, &at, &f->st);
	if (f->tag == T_IMG) {
		w->doc->images++;
		add_image(w, &at);
		/* rspamd 3.4 takes an image's alt text as text (also an
		 * anchor's), set apart by spaces */
		if (at.alt != NULL && !f->st.hidden && !f->st.in_head &&
		    !f->st.zero_font && f->depth < HTML_MAX_DEPTH) {
			append_text(w, " ", 1);
			append_text(w, at.alt, strlen(at.alt));
			append_text(w, " ", 1);
		}
		if (at.src != NULL) {
			add_link(w, at.src, NULL);
			if (!w->oom)
				g_array_index(w->links, struct html_link,
					      w->links->len - 1).image = true;
		}
	} else if (f->tag == T_FORM && at.action != NULL) {
		add_link(w, at.action, NULL);
	} else if (f->tag == T_IFRAME && at.src != NULL) {
		add_link(w, at.src, NULL);
	}
	w->in_anchor += f->tag == T_A;
	if ((f->tag == T_A || f->tag == T_AREA) && at.href != NULL) {
		f->anchor_start = w->text->len;
		f->href = strdup(at.href);
		if (f->href == NULL)
			w->oom = true;
	}
}

/* What the tree walk does after an element's contents. */
static void leave_element(struct walk *w, struct frame *f)
{
	char *text;

	if (!f->walked)
		return;
	w->in_anchor -= f->tag == T_A;
	count_hidden(w, f);
	if (f->href != NULL) {
		text = g_strstrip(g_strndup(w->text->str + f->anchor_start,
					    w->text->len - f->anchor_start));
		add_link(w, f->href, text);
		g_free(text);
	}
	if (is_break((enum tag)f->tag))
		append_break(w);
	else if (f->tag == T_TD || f->tag == T_TH)
		append_text(w, " ", 1);
}

static void pop_frame(struct walk *w)
{
	struct frame *f = &w->stack[w->n_open - 1];

	leave_element(w, f);
	free(f->href);
	w->n_open--;
}

/* The tree builder stopped the parse: stop ours too. */
static void halt(struct walk *w)
{
	w->halted = true;
	w->x->xmlStopParser(w->ctxt);
}

/* A node other than an element at the top level: the tree builder adds
 * it to the document, and if it is the first one, later top-level
 * elements are siblings of it, not children of the root element. */
static void top_level_other(struct walk *w)
{
	if (w->n_open > 0)
		w->stack[w->n_open - 1].any_child = true;
	if (w->n_open == 0 && !w->have_first) {
		w->have_first = true;
		w->first_is_root = false;
	}
}

/* ---- SAX callbacks ---- */

static void on_start(void *ud, const xmlChar *name, const xmlChar **atts)
{
	struct walk *w = ud;
	const struct frame *parent = NULL;
	struct frame *f;
	struct style top;
	int depth = 1;
	bool walked = true;

	if (w->halted || w->oom)
		return;
	if (w->n_open > HTML_TREE_MAX_OPEN) {
		halt(w);
		return;
	}
	memset(&top, 0, sizeof(top));
	if (w->n_open > 0) {
		parent = &w->stack[w->n_open - 1];
		depth = parent->depth + 1;
		walked = !parent->skip_inside;
		top = parent->st;
	} else if (w->have_first && w->first_is_root) {
		/* a child of the (closed) root element */
		depth = 2;
		top = w->root_st;
	}
	f = push_frame(w);
	if (f == NULL) {
		w->oom = true;
		w->x->xmlStopParser(w->ctxt);
		return;
	}
	if (w->n_open > 1) {
		w->stack[w->n_open - 2].elem_child = true;
		w->stack[w->n_open - 2].any_child = true;
	}
	f->tag = tag_of((const char *)name);
	f->depth = depth;
	f->walked = walked && depth <= HTML_MAX_DEPTH;
	f->skip_inside = !f->walked;
	f->st = top;
	if (f->walked)
		enter_element(w, f, atts);
	if (w->n_open == 1 && !w->have_first) {
		w->have_first = true;
		w->first_is_root = true;
	}
	if (w->n_open == 1 && depth == 1 && w->first_is_root)
		w->root_st = f->st;
}

static void on_end(void *ud, const xmlChar *name)
{
	struct walk *w = ud;

	(void)name;
	if (w->halted || w->n_open == 0)
		return;
	pop_frame(w);
}

static void on_text(void *ud, const xmlChar *ch, int len)
{
	struct walk *w = ud;
	struct frame *f;
	const char *s = (const char *)ch;

	if (w->halted || w->n_open == 0 || len <= 0)
		return;
	f = &w->stack[w->n_open - 1];
	f->any_child = true;
	if (!f->text && has_nonblank(s, (size_t)len))
		f->text = true;
	if (f->skip_inside || f->depth >= HTML_MAX_DEPTH || f->st.hidden ||
	    f->st.in_head || f->st.zero_font)
		return;
	append_text(w, s, (size_t)len);
}

static void on_comment(void *ud, const xmlChar *value)
{
	(void)value;
	top_level_other(ud);
}

static void on_pi(void *ud, const xmlChar *target, const xmlChar *data)
{
	(void)target;
	(void)data;
	top_level_other(ud);
}

/* A DOCTYPE, even in the middle of the document: the tree builder puts
 * it first in the document. */
static void on_doctype(void *ud, const xmlChar *name, const xmlChar *ext,
		       const xmlChar *sys)
{
	struct walk *w = ud;

	(void)name;
	(void)ext;
	(void)sys;
	w->have_first = true;
	w->first_is_root = false;
}

/* Parses like htmlReadMemory(utf8, len, NULL, "UTF-8", options), with
 * our callbacks instead of the tree builder. */
static void sax_parse(struct walk *w, const char *utf8, size_t len)
{
	const struct xml_api *x = w->x;
	htmlSAXHandler sax;
	xmlCharEncodingHandlerPtr enc;
	htmlParserCtxtPtr ctxt;

	ctxt = x->htmlCreateMemoryParserCtxt(utf8, (int)len);
	if (ctxt == NULL) {
		w->oom = true;
		return;
	}
	memset(&sax, 0, sizeof(sax));
	sax.startElement = on_start;
	sax.endElement = on_end;
	sax.characters = on_text;
	sax.cdataBlock = on_text;
	sax.comment = on_comment;
	sax.processingInstruction = on_pi;
	sax.internalSubset = on_doctype;
	sax.initialized = 1;
	memcpy(ctxt->sax, &sax, sizeof(sax));
	ctxt->userData = w;
	w->ctxt = ctxt;
	x->htmlCtxtUseOptions(ctxt, HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
					    HTML_PARSE_NOWARNING |
					    HTML_PARSE_NONET);
	enc = x->xmlFindCharEncodingHandler("UTF-8");
	if (enc != NULL) {
		x->xmlSwitchToEncoding(ctxt, enc);
		(*x->free_fn)((xmlChar *)ctxt->input->encoding);
		ctxt->input->encoding = x->xmlStrdup(BAD_CAST "UTF-8");
	}
	x->htmlParseDocument(ctxt);
	if (ctxt->myDoc != NULL)
		x->xmlFreeDoc(ctxt->myDoc);
	ctxt->myDoc = NULL;
	x->htmlFreeParserCtxt(ctxt);
	w->ctxt = NULL;
}

/* ---- the text after the last tag ----
 *
 * rspamd 3.4 keeps the text after a document's last tag only when its
 * own tag tree has an open element there; a mailing list footer after
 * "</html>" usually has none and is dropped. Its tree, as measured:
 * - the first element is the root when it is <html>; anything else
 *   first (text, even white space, a comment or DOCTYPE, another
 *   element; not <meta>, <link>, <base>, <title>, <style>, <script>,
 *   which are left out) puts a virtual <html> root above it;
 * - an element opens under the current one (none after a mismatch);
 *   void elements do not open;
 * - an end tag closes the current element when the names match (the
 *   parent becomes current); else, when an open ancestor has the name,
 *   every element up to the root is closed and none is current; else it
 *   is ignored.
 * Past TAIL_MAX_TAGS tags rspamd stops building and keeps the rest.
 */
#define TAIL_MAX_TAGS 8192

struct tnode {
	const char *name;
	size_t len;
	size_t parent;  /* index + 1, 0: none */
	bool closed;
};

struct ttree {
	GArray *nodes;  /* struct tnode */
	size_t cur;     /* index + 1, 0: none */
	bool rooted;
};

/* word: lower case, starting with a letter. */
static bool name_is(const char *name, size_t len, const char *word)
{
	return len > 0 && (name[0] | 0x20) == word[0] &&
	       strlen(word) == len && strncasecmp(name, word, len) == 0;
}

static bool name_in(const char *name, size_t len, const char *const *list)
{
	for (; *list != NULL; list++)
		if (name_is(name, len, *list))
			return true;
	return false;
}

static const char *const void_tags[] = {
	"area", "base", "basefont", "bgsound", "br", "col", "embed", "frame",
	"hr", "img", "input", "isindex", "keygen", "link", "meta", "param",
	"source", "track", "wbr", NULL
};

static const char *const headonly_tags[] = {
	"base", "link", "meta", "script", "style", "title", NULL
};

static struct tnode *tnode_at(struct ttree *t, size_t idx1)
{
	return &g_array_index(t->nodes, struct tnode, idx1 - 1);
}

static void tree_push(struct ttree *t, const char *name, size_t len)
{
	struct tnode n = { name, len, t->cur, false };

	g_array_append_val(t->nodes, n);
	t->cur = t->nodes->len;
}

/* Something that makes the tree start (a virtual root unless it is an
 * <html> element). */
static void tree_root(struct ttree *t)
{
	if (!t->rooted) {
		t->rooted = true;
		tree_push(t, "html", 4);
	}
}

static void tree_open(struct ttree *t, const char *name, size_t len,
		      bool self_closed)
{
	if (!t->rooted) {
		if (name_in(name, len, headonly_tags))
			return;
		if (name_is(name, len, "html")) {
			t->rooted = true;
			tree_push(t, name, len);
			return;
		}
		tree_root(t);
	}
	if (!self_closed && !name_in(name, len, void_tags))
		tree_push(t, name, len);
}

static void tree_close(struct ttree *t, const char *name, size_t len)
{
	struct tnode *c;
	size_t i;

	tree_root(t);
	if (t->cur == 0)
		return;
	c = tnode_at(t, t->cur);
	if (c->len == len && strncasecmp(c->name, name, len) == 0) {
		c->closed = true;
		t->cur = c->parent;
		return;
	}
	for (i = t->cur; i != 0; i = tnode_at(t, i)->parent)
		if (!tnode_at(t, i)->closed &&
		    tnode_at(t, i)->len == len &&
		    strncasecmp(tnode_at(t, i)->name, name, len) == 0)
			break;
	if (i == 0)
		return;
	for (i = t->cur; i != 0; i = tnode_at(t, i)->parent)
		tnode_at(t, i)->closed = true;
	t->cur = 0;
}

static bool is_name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == ':' || c == '-' || c == '_';
}

/* The end of a tag starting at s[i] ('<'), after its '>', skipping
 * quoted attribute values; len when it does not end. */
static size_t tag_end(const char *s, size_t i, size_t len)
{
	char q = 0;

	for (i++; i < len; i++) {
		if (q != 0) {
			if (s[i] == q)
				q = 0;
		} else if (s[i] == '"' || s[i] == '\'') {
			if (s[i - 1] == '=' || s[i - 1] == ' ')
				q = s[i];
		} else if (s[i] == '>') {
			return i + 1;
		}
	}
	return len;
}

/* After <script>/<style>: the offset of its end tag's '<', or len. */
static size_t raw_text_end(const char *s, size_t i, size_t len,
			   const char *name, size_t nlen)
{
	for (; i + 2 + nlen <= len; i++)
		if (s[i] == '<' && s[i + 1] == '/' &&
		    strncasecmp(s + i + 2, name, nlen) == 0)
			return i;
	return len;
}

/* One tag at s[i] == '<' (a tag: '<' then a letter, '/', '!' or '?'):
 * updates the tree, returns the offset after it. */
static size_t tail_tag(struct ttree *t, const char *s, size_t i, size_t len)
{
	const char *name;
	size_t n = 0, end;
	bool closing = s[i + 1] == '/';

	if (s[i + 1] == '!' || s[i + 1] == '?') {
		tree_root(t);
		if (strncmp(s + i + 1, "!--", 3) == 0) {
			name = memmem(s + i + 4, len - i - 4, "-->", 3);
			return name == NULL ? len : (size_t)(name - s) + 3;
		}
		return tag_end(s, i, len);
	}
	name = s + i + 1 + closing;
	while (name + n < s + len && is_name_char(name[n]))
		n++;
	end = tag_end(s, i, len);
	if (closing) {
		tree_close(t, name, n);
		return end;
	}
	tree_open(t, name, n, end >= 2 && s[end - 2] == '/');
	if (name_is(name, n, "script") || name_is(name, n, "style"))
		end = raw_text_end(s, end, len, name, n);
	return end;
}

/* The length of the document without the text rspamd drops at its
 * end. */
static size_t without_trailing_text(const char *s, size_t len)
{
	struct ttree t = { NULL, 0, false };
	size_t i = 0, last_end = len, tags = 0;
	const char *lt;
	char c;

	t.nodes = g_array_new(FALSE, FALSE, sizeof(struct tnode));
	while (i < len) {
		c = i + 1 < len ? s[i + 1] : '\0';
		if (s[i] != '<' || !((c >= 'a' && c <= 'z') ||
				     (c >= 'A' && c <= 'Z') || c == '/' ||
				     c == '!' || c == '?')) {
			if (!t.rooted)
				tree_root(&t);
			/* nothing happens until the next '<' */
			lt = memchr(s + i + 1, '<', len - i - 1);
			i = lt != NULL ? (size_t)(lt - s) : len;
			continue;
		}
		if (++tags > TAIL_MAX_TAGS) {
			last_end = len;
			break;
		}
		i = tail_tag(&t, s, i, len);
		last_end = i;
	}
	if (t.cur != 0)
		last_end = len;
	g_array_free(t.nodes, TRUE);
	return last_end;
}

int html_parse(struct html_doc *d, const char *utf8, size_t len,
	       struct err *err)
{
	struct walk w;
	bool no_parser = false;
	int rc = -1;

	memset(&w, 0, sizeof(w));
	w.doc = d;
	w.text = g_string_sized_new(len / 2 + 16);
	w.links = g_array_new(FALSE, FALSE, sizeof(struct html_link));
	w.imgs = g_array_new(FALSE, FALSE, sizeof(struct html_image));
	len = without_trailing_text(utf8, len);
	if (len > 0 && len <= INT_MAX) {
		w.x = xml_api(err);
		if (w.x != NULL)
			sax_parse(&w, utf8, len);
		else
			no_parser = true;
	}
	/* elements still open when the tree builder stopped: the walk sees
	 * them whole */
	w.halted = false;
	while (w.n_open > 0)
		pop_frame(&w);
	while (w.text->len > 0 && strchr(" \n", w.text->str[w.text->len - 1]))
		g_string_truncate(w.text, w.text->len - 1);
	d->text_len = w.text->len;
	d->text = strndup(w.text->str, w.text->len);
	d->n_links = w.links->len;
	d->links = (struct html_link *)(void *)g_array_free(w.links, FALSE);
	w.links = NULL;
	d->n_imgs = w.imgs->len;
	d->imgs = (struct html_image *)(void *)g_array_free(w.imgs, FALSE);
	if (d->text == NULL || w.oom)
		goto out;
	rc = no_parser ? -2 : 0;
out:
	free(w.stack);
	free(w.base);
	g_string_free(w.text, TRUE);
	return rc;
}

void html_doc_release(struct html_doc *d)
{
	size_t i;

	for (i = 0; i < d->n_links; i++) {
		free(d->links[i].href);
		free(d->links[i].text);
	}
	g_free(d->links);
	g_free(d->imgs);
	free(d->text);
	memset(d, 0, sizeof(*d));
}
