/*
 * emit.c - see emit.h.
 *
 * The rules below were checked against rspamc 3.4 (its bundled libucl)
 * fed crafted replies from a loopback server:
 *
 * - strings: '"' and '\\' are escaped, \b \t \n \f \r get their short
 *   escapes, \v is "\u000B", NUL is "\u0000", every other byte below
 *   0x20 and 0x7f becomes "\uFFFD"; '/' and bytes >= 0x80 are copied.
 * - UCL keys are bare unless they hold a byte below 0x20, space, '"',
 *   '+', ':', '=', '[', '\\' or '{'; then they are written as JSON
 *   strings (a raw 0x7f stays bare).
 * - UCL scalars end in ";\n" (object member) or ",\n" (array element);
 *   objects and arrays end in "\n" alone. The top object has no braces.
 * - empty objects and arrays print "{}" and "[]" in every style.
 * - in UCL, a string value longer than 80 bytes that holds a newline is
 *   written raw as a heredoc: "<<EOD\n" value "\nEOD".
 * - rspamc prints the UCL text as a C string, so it ends at the first NUL
 *   (only a heredoc can hold one); EMIT_UCL output is cut there too.
 *
 * What jansson cannot tell us (NEEDSWORK; rspamd's replies never need
 * it: they hold UTF-8 raw and escape only bytes that are quoted anyway):
 * - libucl also quotes a UCL key whose source text held any backslash
 *   escape ("\u0041" gives "A" quoted), and decodes a "\ud83d\ude00"
 *   surrogate pair as two 3-byte sequences; jansson gives the real code
 *   point.
 * - libucl keeps duplicate keys (JSON prints them as an array, UCL
 *   repeats the key); jansson keeps the last value in the first place.
 */
#include "emit.h"

#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

struct emitter {
	struct buf *out;
	enum emit_style style;
	struct err *err;
};

static int put(struct emitter *e, const char *s, size_t n)
{
	return buf_add(e->out, s, n, e->err);
}

static int put_str(struct emitter *e, const char *s)
{
	return buf_addstr(e->out, s, e->err);
}

static int indent(struct emitter *e, int depth)
{
	int i;

	if (e->style == EMIT_JSON_COMPACT)
		return 0;
	for (i = 0; i < depth; i++)
		if (put_str(e, "    ") < 0)
			return -1;
	return 0;
}

/*
 * libucl tests integrality with "(double)(int)d"; on x86-64 a value
 * outside int's range (or NaN) converts to INT_MIN. Reproduce that
 * without the undefined behaviour.
 */
static int int_like_ucl(double d)
{
	if (!(d > -2147483649.0 && d < 2147483648.0))
		return INT_MIN;
	return (int)d;
}

int emit_double(struct buf *out, double d, struct err *err)
{
	double i = (double)int_like_ucl(d);
	size_t start = out->len;
	size_t k;
	int rc;

	if (d == i)
		rc = buf_addf(out, err, "%.1f", d);
	else if (fabs(d - i) < 0.0000001)
		rc = buf_addf(out, err, "%.*g", DBL_DIG, d);
	else
		rc = buf_addf(out, err, "%f", d);
	if (rc < 0)
		return -1;
	/* A numeric locale with ',' must not leak into JSON. */
	for (k = start; k < out->len; k++)
		if (out->data[k] == ',')
			out->data[k] = '.';
	return 0;
}

static const char *escape_for(unsigned char c)
{
	switch (c) {
	case '"':
		return "\\\"";
	case '\\':
		return "\\\\";
	case '\b':
		return "\\b";
	case '\t':
		return "\\t";
	case '\n':
		return "\\n";
	case '\f':
		return "\\f";
	case '\r':
		return "\\r";
	case '\v':
		return "\\u000B";
	case '\0':
		return "\\u0000";
	default:
		if (c < 0x20 || c == 0x7f)
			return "\\uFFFD";
		return NULL;
	}
}

static int emit_string(struct emitter *e, const char *s, size_t len)
{
	size_t i, run = 0;
	const char *esc;

	if (put(e, "\"", 1) < 0)
		return -1;
	for (i = 0; i < len; i++) {
		esc = escape_for((unsigned char)s[i]);
		if (esc == NULL)
			continue;
		if (put(e, s + run, i - run) < 0 || put_str(e, esc) < 0)
			return -1;
		run = i + 1;
	}
	if (put(e, s + run, len - run) < 0)
		return -1;
	return put(e, "\"", 1);
}

static bool ucl_key_is_bare(const char *key, size_t len)
{
	size_t i;
	unsigned char c;

	for (i = 0; i < len; i++) {
		c = (unsigned char)key[i];
		if (c <= 0x20 || strchr("\"+:=[\\{", c) != NULL)
			return false;
	}
	return true;
}

static bool ucl_wants_heredoc(const char *s, size_t len)
{
	return len > 80 && memchr(s, '\n', len) != NULL;
}

static int emit_str_value(struct emitter *e, const json_t *v)
{
	const char *s = json_string_value(v);
	size_t len = json_string_length(v);

	if (e->style != EMIT_UCL || !ucl_wants_heredoc(s, len))
		return emit_string(e, s, len);
	if (put_str(e, "<<EOD\n") < 0 || put(e, s, len) < 0)
		return -1;
	return put_str(e, "\nEOD");
}

static int emit_scalar(struct emitter *e, const json_t *v)
{
	switch (json_typeof(v)) {
	case JSON_STRING:
		return emit_str_value(e, v);
	case JSON_INTEGER:
		return buf_addf(e->out, e->err, "%" JSON_INTEGER_FORMAT,
				json_integer_value(v));
	case JSON_REAL:
		return emit_double(e->out, json_real_value(v), e->err);
	case JSON_TRUE:
		return put_str(e, "true");
	case JSON_FALSE:
		return put_str(e, "false");
	default:
		return put_str(e, "null");
	}
}

static bool is_container(const json_t *v)
{
	return json_is_object(v) || json_is_array(v);
}

static size_t container_size(const json_t *v)
{
	return json_is_object(v) ? json_object_size(v) : json_array_size(v);
}

/* JSON, pretty or compact. */

static int json_value(struct emitter *e, const json_t *v, int depth);

static int json_separator(struct emitter *e, bool first, int depth)
{
	if (e->style == EMIT_JSON_COMPACT)
		return first ? 0 : put(e, ",", 1);
	if (put_str(e, first ? "\n" : ",\n") < 0)
		return -1;
	return indent(e, depth);
}

static int json_object_body(struct emitter *e, const json_t *v, int depth)
{
	void *it;
	bool first = true;

	for (it = json_object_iter((json_t *)v); it != NULL;
	     it = json_object_iter_next((json_t *)v, it)) {
		if (json_separator(e, first, depth + 1) < 0 ||
		    emit_string(e, json_object_iter_key(it),
				json_object_iter_key_len(it)) < 0 ||
		    put_str(e, e->style == EMIT_JSON_COMPACT ? ":" : ": ") < 0 ||
		    json_value(e, json_object_iter_value(it), depth + 1) < 0)
			return -1;
		first = false;
	}
	return 0;
}

static int json_array_body(struct emitter *e, const json_t *v, int depth)
{
	size_t i;

	for (i = 0; i < json_array_size(v); i++)
		if (json_separator(e, i == 0, depth + 1) < 0 ||
		    json_value(e, json_array_get(v, i), depth + 1) < 0)
			return -1;
	return 0;
}

static int json_value(struct emitter *e, const json_t *v, int depth)
{
	bool obj = json_is_object(v);
	int rc;

	if (!is_container(v))
		return emit_scalar(e, v);
	if (put(e, obj ? "{" : "[", 1) < 0)
		return -1;
	if (container_size(v) == 0)
		return put(e, obj ? "}" : "]", 1);
	rc = obj ? json_object_body(e, v, depth) : json_array_body(e, v, depth);
	if (rc < 0)
		return -1;
	if (e->style != EMIT_JSON_COMPACT &&
	    (put(e, "\n", 1) < 0 || indent(e, depth) < 0))
		return -1;
	return put(e, obj ? "}" : "]", 1);
}

/* UCL "config" style. */

static int ucl_element(struct emitter *e, const char *key, size_t keylen,
		       const json_t *v, int depth);

static int ucl_members(struct emitter *e, const json_t *v, int depth)
{
	void *it;

	for (it = json_object_iter((json_t *)v); it != NULL;
	     it = json_object_iter_next((json_t *)v, it))
		if (ucl_element(e, json_object_iter_key(it),
				json_object_iter_key_len(it),
				json_object_iter_value(it), depth) < 0)
			return -1;
	return 0;
}

static int ucl_items(struct emitter *e, const json_t *v, int depth)
{
	size_t i;

	for (i = 0; i < json_array_size(v); i++)
		if (ucl_element(e, NULL, 0, json_array_get(v, i), depth) < 0)
			return -1;
	return 0;
}

/* "{...}" or "[...]" whose opening line is already indented. */
static int ucl_container(struct emitter *e, const json_t *v, int depth)
{
	bool obj = json_is_object(v);
	int rc;

	if (container_size(v) == 0)
		return put_str(e, obj ? "{}" : "[]");
	if (put_str(e, obj ? "{\n" : "[\n") < 0)
		return -1;
	rc = obj ? ucl_members(e, v, depth + 1) : ucl_items(e, v, depth + 1);
	if (rc < 0 || indent(e, depth) < 0)
		return -1;
	return put(e, obj ? "}" : "]", 1);
}

static int ucl_key(struct emitter *e, const char *key, size_t keylen,
		   const json_t *v)
{
	int rc;

	if (ucl_key_is_bare(key, keylen))
		rc = put(e, key, keylen);
	else
		rc = emit_string(e, key, keylen);
	if (rc < 0)
		return -1;
	return put_str(e, is_container(v) ? " " : " = ");
}

/* One object member (key != NULL) or array element (key == NULL). */
static int ucl_element(struct emitter *e, const char *key, size_t keylen,
		       const json_t *v, int depth)
{
	if (indent(e, depth) < 0)
		return -1;
	if (key != NULL && ucl_key(e, key, keylen, v) < 0)
		return -1;
	if (is_container(v)) {
		if (ucl_container(e, v, depth) < 0)
			return -1;
		return put(e, "\n", 1);
	}
	if (emit_scalar(e, v) < 0)
		return -1;
	return put_str(e, key != NULL ? ";\n" : ",\n");
}

static int ucl_top(struct emitter *e, const json_t *v)
{
	if (json_is_object(v))
		return ucl_members(e, v, 0);
	if (json_is_array(v))
		return ucl_container(e, v, 0);
	return emit_scalar(e, v);
}

int emit_value(struct buf *out, const json_t *v, enum emit_style style,
	       struct err *err)
{
	struct emitter e = { out, style, err };
	size_t start = out->len;
	const char *nul;

	if (style != EMIT_UCL)
		return json_value(&e, v, 0);
	if (ucl_top(&e, v) < 0)
		return -1;
	if (out->len == start)
		return 0;
	nul = memchr(out->data + start, '\0', out->len - start);
	if (nul != NULL) {
		out->len = (size_t)(nul - out->data);
		out->data[out->len] = '\0';
	}
	return 0;
}
