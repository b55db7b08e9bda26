/*
 * output.c - see output.h.
 *
 * Owns the dispatch by format and command and what every output shares:
 * the "Results for" heading, --headers, the JSON/UCL reply object, "New
 * body:" and the C locale. The text report of a scan is output_report.c's,
 * the controller commands' text output_stat.c's, --sort output_sort.c's,
 * the printing helpers output_fmt.c's. Owns nothing beyond the duration of
 * a call.
 *
 * Every layout in these files is rspamc 3.4's, checked against the
 * installed binary with canned replies; where rspamc's C++ has an odd edge
 * (integer-truncating sort comparators, a profile "sort" whose comparator
 * is not an order, fmt's number formatting, the uptime "%s" bugs) the edge
 * is reproduced on purpose.
 *
 * Numbers are printed with '.' whatever LC_NUMERIC says: each public
 * function runs under the C locale for its thread.
 */
#include "output.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "emit.h"
#include "output_fmt.h"
#include "output_report.h"
#include "output_stat.h"

/* ---- pieces shared by every output ------------------------------------ */

static bool heading_shown(const struct output_opts *o)
{
	return o->heading &&
	       (o->format == OUTPUT_TEXT || o->format == OUTPUT_UCL);
}

int output_seconds(struct buf *out, double t, struct err *err)
{
	return buf_addf(out, err, "%.3g", t);
}

static int put_heading(struct buf *out, const char *cmd, const char *name,
		       double elapsed, const struct output_opts *o,
		       struct err *err)
{
	if (!heading_shown(o))
		return 0;
	if (buf_addstr(out, name != NULL ? "Results for file: " :
		       "Results for command: ", err) < 0 ||
	    fmt_em(out, o, err, "%s", name != NULL ? name : cmd) < 0 ||
	    buf_addstr(out, " (", err) < 0 ||
	    output_seconds(out, elapsed, err) < 0 ||
	    buf_addstr(out, " seconds)\n", err) < 0)
		return -1;
	return 0;
}

static int put_http_headers(struct buf *out, const struct http_reply *reply,
			    const struct output_opts *o, struct err *err)
{
	size_t i;

	if (!o->heading || !o->headers || reply == NULL)
		return 0;
	for (i = 0; i < reply->n_headers; i++)
		if (buf_addf(out, err, "%s: %s\n", reply->headers[i].name,
			     reply->headers[i].value) < 0)
			return -1;
	return buf_addch(out, '\n', err);
}

/* The body after Message-Offset, if the reply carries a non-empty one. */
static const char *new_body(const struct http_reply *reply, size_t *len_r)
{
	const char *v;
	char *end;
	unsigned long long off;

	if (reply == NULL ||
	    (v = http_reply_header(reply, "Message-Offset")) == NULL)
		return NULL;
	off = strtoull(v, &end, 10);
	if (end == v || off >= reply->body.len)
		return NULL;
	*len_r = reply->body.len - (size_t)off;
	return reply->body.data + off;
}

/* "New body:" and the final empty line, both only outside --exec. */
static int put_tail(struct buf *out, const struct http_reply *reply,
		    const struct output_opts *o, struct err *err)
{
	const char *body;
	size_t len = 0;

	if (!o->heading)
		return 0;
	body = new_body(reply, &len);
	if (body != NULL && (buf_addstr(out, "\nNew body:\n", err) < 0 ||
			     buf_add(out, body, len, err) < 0 ||
			     buf_addch(out, '\n', err) < 0))
		return -1;
	return buf_addch(out, '\n', err);
}

/*
 * The reply object in the machine format, with "filename" (when name is
 * set) and "scan_time" appended outside --exec. obj is borrowed and left
 * as it was.
 */
static int put_reply_object(struct buf *out, const json_t *obj,
			    const char *name, double elapsed,
			    const struct output_opts *o, struct err *err)
{
	enum emit_style style = o->format == OUTPUT_JSON ? EMIT_JSON :
				o->format == OUTPUT_COMPACT ? EMIT_JSON_COMPACT :
				EMIT_UCL;
	json_t *copy = NULL;
	int rc = -1;

	if (obj == NULL)
		return 0;
	copy = json_copy((json_t *)obj);
	if (copy == NULL) {
		err_set(err, "out of memory");
		goto out;
	}
	if (o->heading && json_is_object(copy)) {
		if (name != NULL &&
		    json_object_set_new(copy, "filename", json_string(name)) < 0)
			goto oom;
		if (json_object_set_new(copy, "scan_time", json_real(elapsed)) < 0)
			goto oom;
	}
	rc = emit_value(out, copy, style, err);
	goto out;
oom:
	err_set(err, "out of memory");
out:
	json_decref(copy);
	return rc;
}

/* ---- the C locale around every public call ---------------------------- */

struct c_locale {
	locale_t c;
	locale_t old;
};

static void c_locale_enter(struct c_locale *l)
{
	l->c = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
	l->old = l->c != (locale_t)0 ? uselocale(l->c) : (locale_t)0;
}

static void c_locale_leave(struct c_locale *l)
{
	if (l->c == (locale_t)0)
		return;
	uselocale(l->old);
	freelocale(l->c);
}

int output_scan(struct buf *out, const char *name, double elapsed,
		const struct scan_result *r, const struct http_reply *reply,
		const struct output_opts *o, struct err *err)
{
	struct c_locale loc;
	json_t *obj = NULL;
	int rc = -1;

	c_locale_enter(&loc);
	if (put_heading(out, NULL, name, elapsed, o, err) < 0 ||
	    put_http_headers(out, reply, o, err) < 0)
		goto out;
	if (o->format == OUTPUT_TEXT) {
		if (report_scan(out, r, o, err) < 0)
			goto out;
	} else {
		obj = result_to_json(r);
		if (obj == NULL) {
			err_set(err, "out of memory");
			goto out;
		}
		if (put_reply_object(out, obj, name, elapsed, o, err) < 0)
			goto out;
	}
	rc = put_tail(out, reply, o, err);
out:
	json_decref(obj);
	c_locale_leave(&loc);
	return rc;
}

/* ---- other commands ---------------------------------------------------- */

static int put_command_text(struct buf *out, const char *cmd, const char *name,
			    double elapsed, const json_t *obj,
			    const struct output_opts *o, struct err *err)
{
	struct output_opts ucl = *o;

	if (strcmp(cmd, "stat") == 0 || strcmp(cmd, "stat_reset") == 0)
		return stat_put(out, obj, o, err);
	if (strcmp(cmd, "counters") == 0)
		return stat_put_counters(out, obj, o, err);
	if (strcmp(cmd, "uptime") == 0)
		return stat_put_uptime(out, obj, err);
	/* learn_*, fuzzy_*: the reply as UCL. */
	ucl.format = OUTPUT_UCL;
	return put_reply_object(out, obj, name, elapsed, &ucl, err);
}

int output_command(struct buf *out, const char *cmd, const char *name,
		   double elapsed, json_t *reply_obj,
		   const struct http_reply *reply, const struct output_opts *o,
		   struct err *err)
{
	struct c_locale loc;
	int rc = -1;

	c_locale_enter(&loc);
	if (put_heading(out, cmd, name, elapsed, o, err) < 0 ||
	    put_http_headers(out, reply, o, err) < 0)
		goto out;
	if (o->format == OUTPUT_TEXT)
		rc = put_command_text(out, cmd, name, elapsed, reply_obj, o, err);
	else
		rc = put_reply_object(out, reply_obj, name, elapsed, o, err);
	if (rc == 0)
		rc = put_tail(out, reply, o, err);
out:
	c_locale_leave(&loc);
	return rc;
}

int output_error(struct buf *out, const char *cmd, const char *name,
		 double elapsed, const char *error,
		 const struct http_reply *reply, const struct output_opts *o,
		 struct err *err)
{
	struct c_locale loc;
	bool echo = o->json || o->format == OUTPUT_JSON;
	int rc = -1;

	c_locale_enter(&loc);
	if (put_heading(out, cmd, name, elapsed, o, err) < 0 ||
	    buf_addf(out, err, "%s\n", error) < 0)
		goto out;
	if (!o->heading) {
		rc = 0;
		goto out;
	}
	/* With -j, the whole reply body, Message-Offset or not. */
	if (echo && reply != NULL && reply->body.len > 0 &&
	    (buf_add(out, reply->body.data, reply->body.len, err) < 0 ||
	     buf_addch(out, '\n', err) < 0))
		goto out;
	rc = buf_addch(out, '\n', err);
out:
	c_locale_leave(&loc);
	return rc;
}
