/*
 * ucl.c - a reader for the UCL subset of Rspamd's configuration (ucl.h).
 *
 * A recursive-descent parser over one buffer per file; an .include opens
 * the named file and parses it into the current object. Every value is
 * built as jansson values as it is read.
 */
#include "ucl.h"

#include <ctype.h>
#include <errno.h>
#include <glob.h>
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"

#define MAX_FILE_SIZE (16 * 1024 * 1024)

/* Where a document is read: the top, or an include inside another. */
struct ucl_where {
	int include_depth;
	int depth;               /* value nesting of the including object */
	const char *confdir;     /* $CONFDIR: the top file's directory */
	unsigned flags;          /* UCL_NO_INCLUDE */
};

struct ucl_parser {
	const char *p, *end;
	const char *name;        /* for messages and includes */
	int line;
	int depth;               /* value nesting */
	int include_depth;
	const char *confdir;     /* $CONFDIR: the top file's directory */
	unsigned flags;          /* UCL_NO_INCLUDE */
	json_t *implicit;        /* the implicit arrays made so far, each
				  * under its address (implicit_key()) */
	struct err *err;
	bool failed;
};

static int fail(struct ucl_parser *ps, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static int fail(struct ucl_parser *ps, const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	if (ps->failed)
		return -1;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	err_set(ps->err, "%s:%d: %s", ps->name, ps->line, msg);
	ps->failed = true;
	return -1;
}

static bool at_end(const struct ucl_parser *ps)
{
	return ps->p >= ps->end;
}

static char peek(const struct ucl_parser *ps, size_t ahead)
{
	return (size_t)(ps->end - ps->p) > ahead ? ps->p[ahead] : '\0';
}

static void advance(struct ucl_parser *ps)
{
	if (*ps->p == '\n')
		ps->line++;
	ps->p++;
}

/* Comments: '#' to the end of the line, C comments (nested). */
static int skip_c_comment(struct ucl_parser *ps)
{
	int level = 0, start = ps->line;

	do {
		if (peek(ps, 0) == '/' && peek(ps, 1) == '*') {
			level++;
			ps->p += 2;
		} else if (peek(ps, 0) == '*' && peek(ps, 1) == '/') {
			level--;
			ps->p += 2;
		} else if (at_end(ps)) {
			ps->line = start;
			return fail(ps, "unterminated comment");
		} else
			advance(ps);
	} while (level > 0);
	return 0;
}

/* Skip whitespace and comments; newlines too when nl is true. */
static int skip_space(struct ucl_parser *ps, bool nl)
{
	char c;

	while (!at_end(ps)) {
		c = *ps->p;
		if (c == '\n' && !nl)
			return 0;
		if (isspace((unsigned char)c))
			advance(ps);
		else if (c == '#')
			while (!at_end(ps) && *ps->p != '\n')
				ps->p++;
		else if (c == '/' && peek(ps, 1) == '*') {
			if (skip_c_comment(ps) < 0)
				return -1;
		} else
			return 0;
	}
	return 0;
}

/* Strings. */

static int hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = (char)tolower((unsigned char)c);
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

static int add_utf8(struct buf *b, unsigned long cp, struct err *err)
{
	char u[4];
	size_t n;

	if (cp < 0x80) {
		u[0] = (char)cp;
		n = 1;
	} else if (cp < 0x800) {
		u[0] = (char)(0xc0 | (cp >> 6));
		u[1] = (char)(0x80 | (cp & 0x3f));
		n = 2;
	} else if (cp < 0x10000) {
		u[0] = (char)(0xe0 | (cp >> 12));
		u[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		u[2] = (char)(0x80 | (cp & 0x3f));
		n = 3;
	} else {
		u[0] = (char)(0xf0 | (cp >> 18));
		u[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
		u[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
		u[3] = (char)(0x80 | (cp & 0x3f));
		n = 4;
	}
	return buf_add(b, u, n, err);
}

/* The four hex digits after "\u" at ps->p + at, or -1. */
static long hex4(const struct ucl_parser *ps, size_t at)
{
	long cp = 0;
	int i, h;

	for (i = 0; i < 4; i++) {
		if ((h = hex_value(peek(ps, at + (size_t)i))) < 0)
			return -1;
		cp = cp * 16 + h;
	}
	return cp;
}

/* \uXXXX at ps->p (on the 'u'); a surrogate pair (\uD83D\uDE00) is one
 * character, as in JSON; a lone surrogate is an error. */
static int read_unicode(struct ucl_parser *ps, struct buf *b)
{
	long cp = hex4(ps, 1), lo;

	if (cp < 0)
		return fail(ps, "invalid \\u escape");
	ps->p += 5;
	if (cp >= 0xdc00 && cp <= 0xdfff)
		return fail(ps, "invalid \\u escape: a lone surrogate");
	if (cp >= 0xd800 && cp <= 0xdbff) {
		lo = peek(ps, 0) == '\\' && peek(ps, 1) == 'u' ? hex4(ps, 2)
								: -1;
		if (lo < 0xdc00 || lo > 0xdfff)
			return fail(ps, "invalid \\u escape: a lone surrogate");
		ps->p += 6;
		cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
	}
	return add_utf8(b, (unsigned long)cp, ps->err);
}

static int read_escape(struct ucl_parser *ps, struct buf *b)
{
	static const char from[] = "nrtbf\\\"'/", to[] = "\n\r\t\b\f\\\"'/";
	const char *hit;

	ps->p++; /* the backslash */
	if (at_end(ps))
		return fail(ps, "unterminated string");
	if (*ps->p == 'u')
		return read_unicode(ps, b);
	if (*ps->p == '\n') { /* a line continuation */
		advance(ps);
		return 0;
	}
	/* libucl drops the backslash of an unknown escape ("\." is ".") */
	hit = strchr(from, *ps->p);
	ps->p++;
	return buf_add(b, hit != NULL ? &to[hit - from] : ps->p - 1, 1,
		       ps->err);
}

/* A quoted string into b: double quotes take escapes; single quotes take
 * only \' and \\ (and a backslash-newline), as in libucl. */
static int read_quoted(struct ucl_parser *ps, struct buf *b)
{
	char q = *ps->p;
	int start = ps->line;

	ps->p++;
	while (!at_end(ps) && *ps->p != q) {
		if (*ps->p == '\\' &&
		    (q == '"' || peek(ps, 1) == '\'' || peek(ps, 1) == '\\' ||
		     peek(ps, 1) == '\n')) {
			if (read_escape(ps, b) < 0)
				return -1;
			continue;
		}
		if (*ps->p == '\n' && q == '"') {
			return fail(ps, "newline in a quoted string");
		}
		if (buf_add(b, ps->p, 1, ps->err) < 0)
			return -1;
		advance(ps);
	}
	if (at_end(ps)) {
		ps->line = start;
		return fail(ps, "unterminated string");
	}
	ps->p++;
	return 0;
}

/* <<TAG newline ... newline TAG: the lines between, verbatim. */
static int read_heredoc(struct ucl_parser *ps, struct buf *b)
{
	const char *tag, *line;
	size_t tag_len = 0;
	int start = ps->line;

	ps->p += 2;
	tag = ps->p;
	while (tag_len < (size_t)(ps->end - tag) && isupper((unsigned char)tag[tag_len]))
		tag_len++;
	if (tag_len == 0 || peek(ps, tag_len) != '\n')
		return fail(ps, "invalid heredoc");
	ps->p += tag_len;
	advance(ps);
	for (;;) {
		line = ps->p;
		if ((size_t)(ps->end - line) >= tag_len &&
		    memcmp(line, tag, tag_len) == 0 &&
		    (line + tag_len == ps->end || line[tag_len] == '\n' ||
		     line[tag_len] == ';' || line[tag_len] == ',' ||
		     line[tag_len] == '\r')) {
			ps->p += tag_len;
			if (b->len > 0 && b->data[b->len - 1] == '\n')
				b->len--;
			return 0;
		}
		while (!at_end(ps) && *ps->p != '\n')
			ps->p++;
		if (at_end(ps)) {
			ps->line = start;
			return fail(ps, "unterminated heredoc");
		}
		if (buf_add(b, line, (size_t)(ps->p - line) + 1, ps->err) < 0)
			return -1;
		advance(ps);
	}
}

/* Bare words. */

static bool key_char(char c)
{
	return isalnum((unsigned char)c) || c == '_' || c == '-' ||
	       c == '.' || c == '/' || c == '$' || c == '@' ||
	       (unsigned char)c >= 0x80;
}

static bool atom_end(char c)
{
	return c == '\0' || isspace((unsigned char)c) || c == ';' ||
	       c == ',' || c == ']' || c == '}' || c == '#';
}

/* Numbers with libucl's suffixes. */

struct suffix {
	const char *s;
	double mult;
	bool time;
};

static const struct suffix suffixes[] = {
	{ "kb", 1024.0, false },
	{ "mb", 1024.0 * 1024, false },
	{ "gb", 1024.0 * 1024 * 1024, false },
	{ "k", 1e3, false },
	{ "m", 1e6, false },
	{ "g", 1e9, false },
	{ "ms", 1e-3, true },
	{ "s", 1, true },
	{ "min", 60, true },
	{ "h", 3600, true },
	{ "d", 86400, true },
	{ "w", 7 * 86400.0, true },
	{ "y", 365 * 86400.0, true },
};

static const struct suffix *find_suffix(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < sizeof(suffixes) / sizeof(suffixes[0]); i++)
		if (strlen(suffixes[i].s) == n &&
		    strncasecmp(s, suffixes[i].s, n) == 0)
			return &suffixes[i];
	return NULL;
}

/*
 * Read word as a number into *v_r (a new reference). Returns 1 when it is
 * one, 0 when it is not (it is a string), -1 when it is too large: past a
 * double, or an integer with a size suffix past json_int_t. An integer
 * too large without a suffix becomes a real, as in libucl.
 */
static int number_of(const char *word, json_t **v_r)
{
	const struct suffix *sfx = NULL;
	bool is_float, erange;
	char *end;
	long long ll, scaled;
	double d;

	if (!isdigit((unsigned char)word[0]) &&
	    !((word[0] == '-' || word[0] == '+' || word[0] == '.') &&
	      isdigit((unsigned char)word[1])))
		return 0;
	errno = 0;
	ll = strtoll(word, &end, 0);
	erange = errno == ERANGE;
	is_float = *end == '.' || *end == 'e' || *end == 'E';
	d = is_float || erange ? strtod(word, &end) : (double)ll;
	if (*end != '\0' && (sfx = find_suffix(end, strlen(end))) == NULL)
		return 0;
	if (!is_float && !erange && (sfx == NULL || !sfx->time)) {
		/* k/m/g and kb/mb/gb multiply integers exactly */
		if (sfx != NULL &&
		    __builtin_mul_overflow(ll, (long long)sfx->mult, &scaled))
			return -1;
		*v_r = json_integer(sfx != NULL ? scaled : ll);
		return 1;
	}
	if (sfx != NULL)
		d *= sfx->mult;
	if (!isfinite(d))
		return -1;
	*v_r = json_real(d);
	return 1;
}

/* A bare word: a boolean, null, a number or a string. */
static json_t *scalar_of(struct ucl_parser *ps, const char *w)
{
	static const char *const yes[] = { "true", "yes", "on" };
	static const char *const no[] = { "false", "no", "off" };
	json_t *v = NULL;
	size_t i;

	for (i = 0; i < 3; i++) {
		if (strcasecmp(w, yes[i]) == 0)
			return json_true();
		if (strcasecmp(w, no[i]) == 0)
			return json_false();
	}
	if (strcasecmp(w, "null") == 0)
		return json_null();
	switch (number_of(w, &v)) {
	case 1:
		break;
	case -1:
		fail(ps, "number out of range: %s", w);
		return NULL;
	default:
		if ((v = json_string(w)) == NULL)
			fail(ps, "invalid UTF-8 in a value");
		return v;
	}
	if (v == NULL)
		fail(ps, "out of memory");
	return v;
}

/* Values. */

static int parse_body(struct ucl_parser *ps, json_t *obj, char close);

static json_t *oom(struct ucl_parser *ps)
{
	fail(ps, "out of memory");
	return NULL;
}

static json_t *parse_object(struct ucl_parser *ps)
{
	json_t *obj = json_object();

	if (obj == NULL)
		return oom(ps);
	ps->p++; /* { */
	if (parse_body(ps, obj, '}') < 0) {
		json_decref(obj);
		return NULL;
	}
	return obj;
}

static json_t *parse_value(struct ucl_parser *ps);

static int skip_separators(struct ucl_parser *ps)
{
	for (;;) {
		if (skip_space(ps, true) < 0)
			return -1;
		if (at_end(ps) || (*ps->p != ';' && *ps->p != ','))
			return 0;
		ps->p++;
	}
}

static json_t *parse_array(struct ucl_parser *ps)
{
	json_t *arr = json_array(), *v;
	int start = ps->line;

	if (arr == NULL)
		return oom(ps);
	ps->p++; /* [ */
	for (;;) {
		if (skip_separators(ps) < 0)
			goto fail;
		if (at_end(ps)) {
			ps->line = start;
			fail(ps, "unterminated array");
			goto fail;
		}
		if (*ps->p == ']')
			break;
		if ((v = parse_value(ps)) == NULL)
			goto fail;
		if (json_array_append_new(arr, v) < 0) {
			oom(ps);
			goto fail;
		}
		if (skip_space(ps, true) < 0)
			goto fail;
		if (!at_end(ps) && *ps->p != ']' && *ps->p != ',' &&
		    *ps->p != ';') {
			fail(ps, "expected ',' or ']' in an array");
			goto fail;
		}
	}
	ps->p++;
	return arr;
fail:
	json_decref(arr);
	return NULL;
}

static json_t *parse_string_value(struct ucl_parser *ps)
{
	struct buf b = BUF_INIT;
	json_t *v = NULL;
	int rc;

	if (*ps->p == '<')
		rc = read_heredoc(ps, &b);
	else
		rc = read_quoted(ps, &b);
	if (rc == 0) {
		v = json_stringn(b.data ? b.data : "", b.len);
		if (v == NULL)
			fail(ps, "invalid UTF-8 in a string");
	}
	buf_release(&b);
	return v;
}

static json_t *parse_atom(struct ucl_parser *ps)
{
	const char *start = ps->p;
	char word[256];
	size_t n;

	while (!at_end(ps) && !atom_end(*ps->p) && *ps->p != '{' &&
	       *ps->p != '[')
		ps->p++;
	n = (size_t)(ps->p - start);
	if (n == 0)
		return fail(ps, "expected a value"), NULL;
	if (n >= sizeof(word))
		return fail(ps, "value too long"), NULL;
	memcpy(word, start, n);
	word[n] = '\0';
	return scalar_of(ps, word);
}

static json_t *parse_value(struct ucl_parser *ps)
{
	json_t *v;

	if (++ps->depth > UCL_MAX_DEPTH) {
		fail(ps, "values nested too deep");
		return NULL;
	}
	if (*ps->p == '{')
		v = parse_object(ps);
	else if (*ps->p == '[')
		v = parse_array(ps);
	else if (*ps->p == '"' || *ps->p == '\'' ||
		 (*ps->p == '<' && peek(ps, 1) == '<'))
		v = parse_string_value(ps);
	else
		v = parse_atom(ps);
	ps->depth--;
	return v;
}

/* Keys and members. */

static int read_key(struct ucl_parser *ps, struct buf *key)
{
	const char *start = ps->p;

	if (*ps->p == '"' || *ps->p == '\'')
		return read_quoted(ps, key);
	while (!at_end(ps) && key_char(*ps->p))
		ps->p++;
	if (ps->p == start)
		return isprint((unsigned char)*ps->p)
			       ? fail(ps, "unexpected '%c'", *ps->p)
			       : fail(ps, "unexpected byte 0x%02x",
				      (unsigned char)*ps->p);
	return buf_add(key, start, (size_t)(ps->p - start), ps->err);
}

/* How deep the values inside v go: 0 for a scalar or an empty container.
 * v was read within UCL_MAX_DEPTH, which bounds the recursion. */
static int height_of(const json_t *v)
{
	const json_t *item;
	const char *key;
	int h = 0, hi;
	size_t i;

	if (json_is_array(v)) {
		json_array_foreach(v, i, item)
			if ((hi = 1 + height_of(item)) > h)
				h = hi;
	} else if (json_is_object(v)) {
		json_object_foreach((json_t *)v, key, item)
			if ((hi = 1 + height_of(item)) > h)
				h = hi;
	}
	return h;
}

/* The key of arr in ps->implicit: its address, which stays unique while
 * ps->implicit holds a reference to it. */
static void implicit_key(const json_t *arr, char *key, size_t size)
{
	snprintf(key, size, "%p", (const void *)arr);
}

static bool is_implicit(const struct ucl_parser *ps, const json_t *arr)
{
	char key[32];

	implicit_key(arr, key, sizeof(key));
	return json_object_get(ps->implicit, key) == arr;
}

static int remember_implicit(struct ucl_parser *ps, json_t *arr)
{
	char key[32];

	implicit_key(arr, key, sizeof(key));
	return json_object_set(ps->implicit, key, arr);
}

/* Why jansson refused a key. */
static int bad_key(struct ucl_parser *ps, const char *key, size_t len)
{
	json_t *s;

	if (memchr(key, '\0', len) != NULL)
		return fail(ps, "a NUL byte in a key");
	s = json_stringn(key, len);
	if (s == NULL)
		return fail(ps, "invalid UTF-8 in a key");
	json_decref(s);
	return fail(ps, "out of memory");
}

/* An element of an array that is the value of a member of the object
 * being read lies two levels below that object. */
static int check_element_depth(struct ucl_parser *ps, const json_t *v)
{
	if (ps->depth + 2 + height_of(v) > UCL_MAX_DEPTH)
		return fail(ps, "values nested too deep");
	return 0;
}

/*
 * Add key = v to obj, taking v. A repeated key makes an array of the
 * values (libucl's implicit array, remembered in ps->implicit); a value
 * that is not an array repeating a key whose value is a real array is
 * appended to it. Two objects stay two elements.
 */
static int add_member(struct ucl_parser *ps, json_t *obj, const char *key,
		      size_t key_len, json_t *v)
{
	json_t *old, *arr = NULL;
	int rc = -1;

	/* jansson's C-string calls (json_object_get(), json_equal()) would
	 * not see a key holding a NUL */
	if (memchr(key, '\0', key_len) != NULL) {
		json_decref(v);
		return bad_key(ps, key, key_len);
	}
	old = json_object_getn(obj, key, key_len);
	if (old == NULL) {
		if (json_object_setn_new(obj, key, key_len, v) < 0)
			return bad_key(ps, key, key_len);
		return 0;
	}
	if (json_is_array(old) &&
	    (is_implicit(ps, old) ||
	     (json_array_size(old) > 0 && !json_is_array(v)))) {
		if (check_element_depth(ps, v) < 0)
			goto out;
		if (json_array_append(old, v) < 0) {
			fail(ps, "out of memory");
			goto out;
		}
		rc = 0;
		goto out;
	}
	if (check_element_depth(ps, old) < 0 || check_element_depth(ps, v) < 0)
		goto out;
	arr = json_array();
	if (arr == NULL || json_array_append(arr, old) < 0 ||
	    json_array_append(arr, v) < 0 ||
	    remember_implicit(ps, arr) < 0 ||
	    json_object_setn(obj, key, key_len, arr) < 0) {
		fail(ps, "out of memory");
		goto out;
	}
	rc = 0;
out:
	json_decref(arr);
	json_decref(v);
	return rc;
}

/* After a key: "key "name" ... { }" nests as key { name { ... } }; each
 * name is one level of nesting, like the object it stands for. */
static json_t *parse_member_value(struct ucl_parser *ps)
{
	struct buf name = BUF_INIT;
	json_t *inner = NULL, *outer = NULL;

	if (*ps->p != '"' && *ps->p != '\'')
		return parse_value(ps);
	if (++ps->depth > UCL_MAX_DEPTH) {
		fail(ps, "values nested too deep");
		goto out;
	}
	if (read_quoted(ps, &name) < 0)
		goto out;
	if (skip_space(ps, false) < 0)
		goto out;
	if (at_end(ps) || (*ps->p != '{' && *ps->p != '"' &&
			   *ps->p != '\'')) {
		/* a plain quoted value */
		outer = json_stringn(name.data ? name.data : "", name.len);
		if (outer == NULL)
			fail(ps, "invalid UTF-8 in a string");
		goto out;
	}
	if (name.len > 0 && memchr(name.data, '\0', name.len) != NULL) {
		bad_key(ps, name.data, name.len);
		goto out;
	}
	if ((inner = parse_member_value(ps)) == NULL)
		goto out;
	if ((outer = json_object()) == NULL) {
		json_decref(inner);
		outer = oom(ps);
	} else if (json_object_setn_new(outer, name.data ? name.data : "",
					name.len, inner) < 0) {
		bad_key(ps, name.data ? name.data : "", name.len);
		json_decref(outer);
		outer = NULL;
	}
out:
	ps->depth--;
	buf_release(&name);
	return outer;
}

static int parse_member(struct ucl_parser *ps, json_t *obj)
{
	struct buf key = BUF_INIT;
	json_t *v;
	int rc = -1;

	if (read_key(ps, &key) < 0 || buf_add(&key, "", 1, ps->err) < 0)
		goto out;
	if (skip_space(ps, false) < 0)
		goto out;
	if (!at_end(ps) && (*ps->p == '=' || *ps->p == ':')) {
		ps->p++;
		if (skip_space(ps, true) < 0)
			goto out;
	} else if (skip_space(ps, true) < 0)
		goto out;
	if (at_end(ps) || *ps->p == ';' || *ps->p == ',' || *ps->p == '}') {
		fail(ps, "missing value for key '%s'", key.data);
		goto out;
	}
	if ((v = parse_member_value(ps)) == NULL)
		goto out;
	rc = add_member(ps, obj, key.data, key.len - 1, v);
out:
	buf_release(&key);
	return rc;
}

/* .include */

static json_t *parse_file(const char *path, const struct ucl_where *at,
			  int *exists_r, struct err *err);

static void merge_into(json_t *obj, json_t *inc, struct ucl_parser *ps)
{
	const char *key;
	size_t key_len;
	json_t *v;

	json_object_keylen_foreach(inc, key, key_len, v)
		if (add_member(ps, obj, key, key_len, json_incref(v)) < 0)
			return;
}

/* The include's path: absolute, relative to the including file, or under
 * $CONFDIR / $LOCAL_CONFDIR (both: the top file's directory). */
static int include_path(struct ucl_parser *ps, const char *file,
			struct buf *path)
{
	static const char *const vars[] = { "$LOCAL_CONFDIR", "$CONFDIR",
					    "${LOCAL_CONFDIR}", "${CONFDIR}" };
	const char *slash = strrchr(ps->name, '/');
	size_t i, n;

	for (i = 0; i < sizeof(vars) / sizeof(vars[0]); i++) {
		n = strlen(vars[i]);
		if (strncmp(file, vars[i], n) == 0)
			return buf_addf(path, ps->err, "%s%s", ps->confdir,
					file + n);
	}
	if (file[0] == '/' || slash == NULL)
		return buf_addf(path, ps->err, "%s", file);
	return buf_addf(path, ps->err, "%.*s/%s", (int)(slash - ps->name),
			ps->name, file);
}

static bool try_param(const char *params)
{
	const char *t = strstr(params, "try");

	if (t == NULL)
		return false;
	t += 3;
	while (*t == ' ' || *t == '=')
		t++;
	return strncasecmp(t, "true", 4) == 0 || strncasecmp(t, "yes", 3) == 0;
}

static int read_include_params(struct ucl_parser *ps, struct buf *params)
{
	const char *start;

	if (skip_space(ps, false) < 0 || at_end(ps) || *ps->p != '(')
		return 0;
	start = ++ps->p;
	while (!at_end(ps) && *ps->p != ')' && *ps->p != '\n')
		ps->p++;
	if (at_end(ps) || *ps->p != ')')
		return fail(ps, "unterminated include parameters");
	if (buf_add(params, start, (size_t)(ps->p - start), ps->err) < 0 ||
	    buf_add(params, "", 1, ps->err) < 0)
		return -1;
	ps->p++;
	return 0;
}

static int include_one(struct ucl_parser *ps, json_t *obj, const char *path,
		       bool try);

/* A pattern (*, ?, [) includes every match in order; none is fine. */
static int include_glob(struct ucl_parser *ps, json_t *obj, const char *pat)
{
	glob_t g;
	size_t i;
	int rc = 0;

	if (glob(pat, 0, NULL, &g) != 0)
		return 0;
	for (i = 0; rc == 0 && i < g.gl_pathc; i++)
		rc = include_one(ps, obj, g.gl_pathv[i], false);
	globfree(&g);
	return rc;
}

static int do_include(struct ucl_parser *ps, json_t *obj, const char *file,
		      bool try)
{
	struct buf path = BUF_INIT;
	int rc = -1;

	if (ps->include_depth + 1 > UCL_MAX_INCLUDE_DEPTH)
		fail(ps, "includes nested too deep");
	else if (include_path(ps, file, &path) == 0)
		rc = strpbrk(path.data, "*?[") != NULL
			     ? include_glob(ps, obj, path.data)
			     : include_one(ps, obj, path.data, try);
	buf_release(&path);
	return rc;
}

static int include_one(struct ucl_parser *ps, json_t *obj, const char *path,
		       bool try)
{
	struct ucl_where at = { ps->include_depth + 1, ps->depth, ps->confdir,
				ps->flags };
	struct err sub;
	json_t *inc;
	int exists = 1, rc = -1;

	err_init(&sub);
	inc = parse_file(path, &at, &exists, &sub);
	if (inc == NULL) {
		if (!exists && try) {
			rc = 0;
			goto out;
		}
		if (exists)
			err_set(ps->err, "%s", sub.msg);
		else
			err_set(ps->err, "%s:%d: %s", ps->name, ps->line,
				sub.msg);
		ps->failed = true;
		goto out;
	}
	merge_into(obj, inc, ps);
	json_decref(inc);
	rc = ps->failed ? -1 : 0;
out:
	err_release(&sub);
	return rc;
}

static int parse_macro(struct ucl_parser *ps, json_t *obj)
{
	struct buf params = BUF_INIT, file = BUF_INIT;
	int rc = -1;

	ps->p++; /* . */
	if ((size_t)(ps->end - ps->p) < 7 ||
	    strncmp(ps->p, "include", 7) != 0 || key_char(peek(ps, 7))) {
		fail(ps, "unknown macro");
		goto out;
	}
	ps->p += 7;
	if (read_include_params(ps, &params) < 0 || skip_space(ps, false) < 0)
		goto out;
	if (at_end(ps) || (*ps->p != '"' && *ps->p != '\'')) {
		fail(ps, ".include needs a quoted file name");
		goto out;
	}
	if (read_quoted(ps, &file) < 0 || buf_add(&file, "", 1, ps->err) < 0)
		goto out;
	rc = 0;
	if (ps->flags & UCL_NO_INCLUDE)
		goto out;
	rc = do_include(ps, obj, file.data,
			params.data != NULL && try_param(params.data));
out:
	buf_release(&params);
	buf_release(&file);
	return rc;
}

/* The members of an object up to close ('}' or '\0' for the end). */
static int parse_body(struct ucl_parser *ps, json_t *obj, char close)
{
	int start = ps->line;
	char last;

	for (;;) {
		if (skip_separators(ps) < 0)
			return -1;
		if (at_end(ps)) {
			if (close == '\0')
				return 0;
			ps->line = start;
			return fail(ps, "unterminated object");
		}
		if (close != '\0' && *ps->p == close) {
			ps->p++;
			return 0;
		}
		if (*ps->p == '.' ? parse_macro(ps, obj) < 0
				  : parse_member(ps, obj) < 0)
			return -1;
		last = ps->p[-1];
		if (skip_space(ps, false) < 0)
			return -1;
		/* An object or array needs no separator after it. */
		if (!at_end(ps) && *ps->p != ';' && *ps->p != ',' &&
		    *ps->p != '\n' && *ps->p != close && *ps->p != '}' &&
		    last != '}' && last != ']')
			return fail(ps, "expected ';', ',' or a newline "
					"after a value");
	}
}

static json_t *ucl_parse_at(const char *data, size_t len, const char *name,
			    const struct ucl_where *at, struct err *err)
{
	struct ucl_parser ps = {
		.p = data, .end = data + len, .name = name ? name : "<string>",
		.line = 1, .depth = at->depth,
		.include_depth = at->include_depth, .confdir = at->confdir,
		.flags = at->flags, .err = err,
	};
	json_t *obj = json_object();

	ps.implicit = json_object();
	if (obj == NULL || ps.implicit == NULL) {
		err_set(err, "out of memory");
		goto fail;
	}
	if (skip_space(&ps, true) < 0)
		goto fail;
	if (!at_end(&ps) && *ps.p == '{') {
		ps.p++;
		if (parse_body(&ps, obj, '}') < 0 || skip_space(&ps, true) < 0)
			goto fail;
		if (!at_end(&ps)) {
			fail(&ps, "unexpected data after the top object");
			goto fail;
		}
	} else if (parse_body(&ps, obj, '\0') < 0)
		goto fail;
	json_decref(ps.implicit);
	return obj;
fail:
	json_decref(ps.implicit);
	json_decref(obj);
	return NULL;
}

/* The directory of the top file, "." when it has none. */
static int confdir_of(const char *name, struct buf *dir, struct err *err)
{
	const char *slash = name ? strrchr(name, '/') : NULL;

	if (slash == NULL)
		return buf_addstr(dir, ".", err);
	if (slash == name)
		return buf_addstr(dir, "", err);
	return buf_add(dir, name, (size_t)(slash - name), err) < 0 ||
			       buf_add(dir, "", 1, err) < 0
		       ? -1
		       : 0;
}

json_t *ucl_parse_flags(const char *data, size_t len, const char *name,
			unsigned flags, struct err *err)
{
	struct buf dir = BUF_INIT;
	struct ucl_where at = { 0, 0, NULL, flags };
	json_t *v = NULL;

	if (confdir_of(name, &dir, err) == 0) {
		at.confdir = dir.data;
		v = ucl_parse_at(data, len, name, &at, err);
	}
	buf_release(&dir);
	return v;
}

json_t *ucl_parse(const char *data, size_t len, const char *name,
		  struct err *err)
{
	return ucl_parse_flags(data, len, name, 0, err);
}

static json_t *parse_file(const char *path, const struct ucl_where *at,
			  int *exists_r, struct err *err)
{
	struct buf b = BUF_INIT;
	json_t *v = NULL;
	FILE *f;
	char chunk[8192];
	size_t n;

	*exists_r = 1;
	f = fopen(path, "rb");
	if (f == NULL) {
		*exists_r = errno != ENOENT;
		err_set(err, "cannot open '%s': %s", path, strerror(errno));
		return NULL;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		if (b.len + n > MAX_FILE_SIZE) {
			err_set(err, "%s: file too large", path);
			goto out;
		}
		if (buf_add(&b, chunk, n, err) < 0)
			goto out;
	}
	if (ferror(f)) {
		err_set(err, "cannot read '%s': %s", path, strerror(errno));
		goto out;
	}
	v = ucl_parse_at(b.data ? b.data : "", b.len, path, at, err);
out:
	fclose(f);
	buf_release(&b);
	return v;
}

json_t *ucl_parse_file(const char *path, int *exists_r, struct err *err)
{
	struct buf dir = BUF_INIT;
	struct ucl_where at = { 0, 0, NULL, 0 };
	json_t *v = NULL;
	int exists = 1;

	if (confdir_of(path, &dir, err) == 0) {
		at.confdir = dir.data;
		v = parse_file(path, &at, &exists, err);
	}
	buf_release(&dir);
	if (exists_r != NULL)
		*exists_r = exists;
	return v;
}
