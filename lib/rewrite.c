/*
 * rewrite.c - see rewrite.h: the message with the scan result in its
 * headers.
 *
 * Owns: nothing beyond one call. A scan of the raw bytes (struct hdr_block)
 * finds the insertion point and the header fields; a plan says which
 * fields are kept, dropped or replaced; the writer gets the kept runs of
 * the message as they are, one generated piece with our headers, and the
 * rest of the message as one piece. The body is never copied.
 *
 * Lines end at "\n" (with an optional "\r" before it). In a message whose
 * first line ending is a lone "\r" (CR-only files) a lone "\r" ends a line
 * too; elsewhere a stray "\r" is just a byte of the line.
 *
 * Numbers are formatted in the C locale (uselocale), whatever the
 * program's locale is.
 */
#include "rewrite.h"

#include <locale.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "b64.h"
#include "buf.h"

#define RESULT_PIECE 60 /* base64 characters per X-Spam-Result line */
#define LEVEL_MAX 32    /* stars in X-Spam-Level at most */

/* ---- the header parser ------------------------------------------------ */

enum line_kind {
	LINE_FIELD,   /* "name:" or "name :" */
	LINE_CONT,    /* starts with a space or a tab */
	LINE_BLANK,   /* only a line ending */
	LINE_OTHER,   /* anything else */
};

struct hdr_line {
	size_t start;    /* offset of the line in the message */
	size_t len;      /* with its line ending */
	size_t term_len; /* 0 (the last line without one), 1 or 2 */
	size_t name_len; /* LINE_FIELD: the name without blanks before ':' */
	size_t colon;    /* LINE_FIELD: offset of ':' in the line */
	enum line_kind kind;
};

struct hdr_parser {
	const char *msg;
	size_t len;
	size_t pos;
	bool cr_mode; /* a lone "\r" ends a line */
};

/* CR-only files: the first line ending in the message is a lone "\r". */
static bool detect_cr_mode(const char *msg, size_t len)
{
	const char *cr = memchr(msg, '\r', len);
	const char *lf;

	if (cr == NULL)
		return false;
	lf = memchr(msg, '\n', (size_t)(cr - msg));
	if (lf != NULL)
		return false;
	return cr + 1 == msg + len || cr[1] != '\n';
}

static void hdr_parser_init(struct hdr_parser *p, const char *msg, size_t len,
			    size_t pos)
{
	p->msg = msg;
	p->len = len;
	p->pos = pos;
	p->cr_mode = detect_cr_mode(msg, len);
}

/* The line's content length and ending length, from p->pos. */
static void line_split(const struct hdr_parser *p, size_t *content_r,
		       size_t *term_r)
{
	const char *s = p->msg + p->pos;
	size_t rest = p->len - p->pos, i;

	if (!p->cr_mode) {
		const char *lf = memchr(s, '\n', rest);

		if (lf == NULL) {
			*content_r = rest;
			*term_r = 0;
			return;
		}
		i = (size_t)(lf - s);
		if (i > 0 && s[i - 1] == '\r') {
			*content_r = i - 1;
			*term_r = 2;
		} else {
			*content_r = i;
			*term_r = 1;
		}
		return;
	}
	for (i = 0; i < rest && s[i] != '\r' && s[i] != '\n'; i++)
		;
	*content_r = i;
	if (i == rest)
		*term_r = 0;
	else if (s[i] == '\r' && i + 1 < rest && s[i + 1] == '\n')
		*term_r = 2;
	else
		*term_r = 1;
}

static bool is_name_char(unsigned char c)
{
	return c > 0x20 && c < 0x7f && c != ':';
}

/* "name:" or "name  :"; sets the name length and the colon offset. */
static bool line_is_field(const char *s, size_t n, struct hdr_line *l)
{
	size_t i = 0, name_len;

	while (i < n && is_name_char((unsigned char)s[i]))
		i++;
	name_len = i;
	if (name_len == 0)
		return false;
	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	if (i == n || s[i] != ':')
		return false;
	l->name_len = name_len;
	l->colon = i;
	return true;
}

static bool hdr_parser_next(struct hdr_parser *p, struct hdr_line *l)
{
	const char *s = p->msg + p->pos;
	size_t content, term;

	if (p->pos >= p->len)
		return false;
	line_split(p, &content, &term);
	l->start = p->pos;
	l->len = content + term;
	l->term_len = term;
	l->name_len = 0;
	l->colon = 0;
	if (content == 0)
		l->kind = LINE_BLANK;
	else if (s[0] == ' ' || s[0] == '\t')
		l->kind = LINE_CONT;
	else if (line_is_field(s, content, l))
		l->kind = LINE_FIELD;
	else
		l->kind = LINE_OTHER;
	p->pos += l->len;
	return true;
}

/* ---- the header block ----------------------------------------------- */

/* A field with its continuation lines, or a stray line (name_len 0). */
struct field {
	size_t start, end; /* end is after the last line's ending */
	size_t name_len;
	size_t colon;      /* offset of ':' from start */
	size_t last_term;  /* ending length of the last line */
};

struct hdr_block {
	size_t ins;          /* where our headers go */
	struct field *fields; /* the fields before ins */
	size_t n, alloc;
	bool tail_open;      /* the line before ins has no line ending */
	bool blank_after;    /* text follows ins without a blank line */
	const char *eol;     /* the line ending for our lines */
};

static void hdr_block_release(struct hdr_block *b)
{
	free(b->fields);
	b->fields = NULL;
	b->n = b->alloc = 0;
}

static int hdr_block_add(struct hdr_block *b, const struct hdr_line *l,
			 struct err *err)
{
	struct field *f;

	if (b->n == b->alloc) {
		size_t na = b->alloc ? b->alloc * 2 : 32;

		f = realloc(b->fields, na * sizeof(*f));
		if (f == NULL)
			return err_set(err, "out of memory");
		b->fields = f;
		b->alloc = na;
	}
	f = &b->fields[b->n++];
	f->start = l->start;
	f->end = l->start + l->len;
	f->name_len = l->kind == LINE_FIELD ? l->name_len : 0;
	f->colon = l->colon;
	f->last_term = l->term_len;
	return 0;
}

/* The line ending that ends just before offset end. */
static const char *eol_at(const char *msg, size_t end)
{
	if (msg[end - 1] == '\r')
		return "\r";
	if (end >= 2 && msg[end - 2] == '\r')
		return "\r\n";
	return "\n";
}

/*
 * A leading mbox "From " line ("From sender date", not a "From :" field)
 * is not a header; its length, and whether it lacks a line ending.
 */
static size_t mbox_from_len(struct hdr_parser *p, bool *open_r)
{
	const char *s = p->msg;
	size_t i = 5;
	struct hdr_line l;

	*open_r = false;
	if (p->len < 5 || memcmp(s, "From ", 5) != 0)
		return 0;
	while (i < p->len && (s[i] == ' ' || s[i] == '\t'))
		i++;
	if (i < p->len && s[i] == ':')
		return 0;
	hdr_parser_next(p, &l);
	*open_r = l.term_len == 0;
	return l.len;
}

static int hdr_block_line(struct hdr_block *b, const struct hdr_line *l,
			  struct err *err)
{
	struct field *f;

	if (l->kind == LINE_CONT && b->n > 0) {
		f = &b->fields[b->n - 1];
		f->end += l->len;
		f->last_term = l->term_len;
		return 0;
	}
	return hdr_block_add(b, l, err);
}

/* The ending of our lines when none ends right before ins. */
static const char *eol_after(const char *msg, size_t len, size_t ins)
{
	struct hdr_parser p;
	struct hdr_line l;

	hdr_parser_init(&p, msg, len, ins);
	if (hdr_parser_next(&p, &l) && l.term_len > 0)
		return eol_at(msg, l.start + l.len);
	return "\n";
}

/*
 * Find the insertion point: the first blank line (rspamc 3.4's rule, even
 * when stray lines precede it). Without one, the block is the leading run
 * of header lines; text after it gets a blank line of ours in front.
 */
static int hdr_block_scan(struct hdr_block *b, const char *msg, size_t len,
			  struct err *err)
{
	struct hdr_parser p;
	struct hdr_line l;
	size_t prefix_end, prefix_n = 0, term_end, prefix_term;
	bool in_prefix = true, open;

	memset(b, 0, sizeof(*b));
	hdr_parser_init(&p, msg, len, 0);
	prefix_end = mbox_from_len(&p, &open);
	term_end = open ? 0 : prefix_end;
	prefix_term = term_end;
	while (hdr_parser_next(&p, &l)) {
		if (l.kind == LINE_BLANK) {
			b->ins = l.start;
			b->eol = term_end > 0 ? eol_at(msg, term_end)
					      : eol_after(msg, len, b->ins);
			return 0;
		}
		if (l.kind == LINE_OTHER || (l.kind == LINE_CONT && b->n == 0))
			in_prefix = false;
		if (hdr_block_line(b, &l, err) < 0)
			return -1;
		if (l.term_len > 0)
			term_end = l.start + l.len;
		if (in_prefix) {
			prefix_end = l.start + l.len;
			prefix_n = b->n;
			prefix_term = term_end;
			open = l.term_len == 0;
		}
	}
	b->ins = prefix_end;
	b->n = prefix_n;
	b->tail_open = open;
	b->blank_after = prefix_end < len;
	b->eol = prefix_term > 0 ? eol_at(msg, prefix_term)
				 : eol_after(msg, len, b->ins);
	return 0;
}

/* ---- what happens to each field ------------------------------------- */

enum field_act {
	ACT_KEEP,
	ACT_DROP,
	ACT_SUBJECT, /* replace the value with the reply's subject */
};

static const char *const own_names[] = {
	"X-Spam",        "X-Spam-Scanner", "X-Spam-Scan-Time",
	"X-Spam-Action", "X-Spam-Score",   "X-Spam-Level",
	"X-Spam-Symbols", "X-Spam-Result", "X-Spam-Error",
};

static bool field_is(const char *msg, const struct field *f,
		     const char *name)
{
	return f->name_len > 0 && strlen(name) == f->name_len &&
	       strncasecmp(msg + f->start, name, f->name_len) == 0;
}

static void plan_strip_own(const char *msg, const struct hdr_block *b,
			   enum field_act *act)
{
	for (size_t i = 0; i < b->n; i++)
		for (size_t k = 0; k < sizeof(own_names) / sizeof(*own_names);
		     k++)
			if (field_is(msg, &b->fields[i], own_names[k]))
				act[i] = ACT_DROP;
}

/* milter remove_headers: index 0 all, n the n-th, -n the n-th from the end */
static void plan_remove(const char *msg, const struct hdr_block *b,
			const struct result_remove_header *rh,
			enum field_act *act)
{
	size_t count = 0, want, seen = 0;

	if (rh->name == NULL)
		return;
	for (size_t i = 0; i < b->n; i++)
		if (field_is(msg, &b->fields[i], rh->name))
			count++;
	if (rh->index < 0 && (size_t)-(long)rh->index > count)
		return;
	want = rh->index < 0 ? count + 1 - (size_t)-(long)rh->index
			     : (size_t)rh->index;
	for (size_t i = 0; i < b->n; i++) {
		if (!field_is(msg, &b->fields[i], rh->name))
			continue;
		seen++;
		if (want == 0 || seen == want)
			act[i] = ACT_DROP;
	}
}

/* Returns true when a Subject field will carry the new subject. */
static bool plan_subject(const char *msg, const struct hdr_block *b,
			 enum field_act *act)
{
	for (size_t i = 0; i < b->n; i++) {
		if (act[i] == ACT_KEEP &&
		    field_is(msg, &b->fields[i], "Subject")) {
			act[i] = ACT_SUBJECT;
			return true;
		}
	}
	return false;
}

/* ---- generating lines ------------------------------------------------- */

/* Append s with CR and LF turned into spaces (a C string has no NUL). */
static int add_clean(struct buf *out, const char *s, struct err *err)
{
	size_t start = out->len, n = strlen(s);

	if (buf_add(out, s, n, err) < 0)
		return -1;
	for (size_t i = start; i < out->len; i++)
		if (out->data[i] == '\r' || out->data[i] == '\n')
			out->data[i] = ' ';
	return 0;
}

/*
 * Append a pre-folded value (a DKIM signature): a line break followed by a
 * space or tab is a fold and is rewritten with the message's line ending;
 * any other CR or LF becomes a space, so no line can start a new header.
 */
static int add_folded(struct buf *out, const char *s, const char *eol,
		      struct err *err)
{
	while (*s != '\0') {
		size_t n = strcspn(s, "\r\n");
		const char *brk = s + n;
		const char *next = brk;

		if (buf_add(out, s, n, err) < 0)
			return -1;
		if (*brk == '\0')
			break;
		if (next[0] == '\r' && next[1] == '\n')
			next += 2;
		else
			next += 1;
		if (*next == ' ' || *next == '\t') {
			if (buf_addstr(out, eol, err) < 0)
				return -1;
		} else if (buf_addch(out, ' ', err) < 0) {
			return -1;
		}
		s = next;
	}
	return 0;
}

/* printf in the C locale: scores always print with '.'. */
static int addf_c(struct buf *out, struct err *err, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int addf_c(struct buf *out, struct err *err, const char *fmt, ...)
{
	locale_t c = newlocale(LC_ALL_MASK, "C", (locale_t)0);
	locale_t old;
	va_list ap;
	int rc;

	if (c == (locale_t)0)
		return err_set(err, "cannot create the C locale");
	old = uselocale(c);
	va_start(ap, fmt);
	rc = buf_vaddf(out, err, fmt, ap);
	va_end(ap);
	uselocale(old);
	freelocale(c);
	return rc;
}

static int add_line(struct buf *out, const char *name, const char *value,
		    const char *eol, struct err *err)
{
	if (buf_addstr(out, name, err) < 0 || buf_addstr(out, ": ", err) < 0 ||
	    add_clean(out, value, err) < 0)
		return -1;
	return buf_addstr(out, eol, err);
}

static size_t level_stars(const struct scan_result *r)
{
	double s = r->has_score ? r->score : 0;
	size_t n;

	if (!(s > 0))
		return 0;
	if (s >= LEVEL_MAX)
		return LEVEL_MAX;
	n = (size_t)s;
	return (double)n < s ? n + 1 : n;
}

static int add_score_lines(struct buf *out, const struct scan_result *r,
			   const char *eol, struct err *err)
{
	size_t stars = level_stars(r);

	if (addf_c(out, err, "X-Spam-Score: %.2f / %.2f%s",
		   r->has_score ? r->score : 0.0,
		   r->has_required ? r->required_score : 0.0, eol) < 0)
		return -1;
	if (buf_addstr(out, "X-Spam-Level: ", err) < 0)
		return -1;
	for (size_t i = 0; i < stars; i++)
		if (buf_addch(out, '*', err) < 0)
			return -1;
	return buf_addstr(out, eol, err);
}

static int add_symbols_line(struct buf *out, const struct scan_result *r,
			    const char *eol, struct err *err)
{
	if (buf_addstr(out, "X-Spam-Symbols: ", err) < 0)
		return -1;
	for (size_t i = 0; i < r->n_symbols; i++) {
		if (i > 0 && (buf_addch(out, ',', err) < 0 ||
			      buf_addstr(out, eol, err) < 0 ||
			      buf_addch(out, '\t', err) < 0))
			return -1;
		if (add_clean(out, r->symbols[i].name, err) < 0)
			return -1;
	}
	return buf_addstr(out, eol, err);
}

/* X-Spam-Result: base64 of the reply as printed, in 60-character lines. */
static int add_result_line(struct buf *out, const struct scan_result *r,
			   enum emit_style style, const char *eol,
			   struct err *err)
{
	struct buf text, b64;
	json_t *j = result_to_json(r);
	int rc = -1;

	buf_init(&text, 0);
	buf_init(&b64, 0);
	if (j == NULL) {
		err_set(err, "cannot turn the scan result into JSON");
		goto out;
	}
	if (emit_value(&text, j, style, err) < 0 ||
	    b64_encode(&b64, text.data, text.len, err) < 0)
		goto out;
	if (buf_addstr(out, "X-Spam-Result: ", err) < 0)
		goto out;
	for (size_t i = 0; i < b64.len; i += RESULT_PIECE) {
		size_t n = b64.len - i < RESULT_PIECE ? b64.len - i
						      : RESULT_PIECE;

		if (i > 0 && (buf_addstr(out, eol, err) < 0 ||
			      buf_addch(out, '\t', err) < 0))
			goto out;
		if (buf_add(out, b64.data + i, n, err) < 0)
			goto out;
	}
	rc = buf_addstr(out, eol, err);
out:
	json_decref(j);
	buf_release(&b64);
	buf_release(&text);
	return rc;
}

static const char *scanner_of(const struct rewrite_opts *o)
{
	return o->scanner != NULL ? o->scanner : "rspamc 3.4";
}

/* rspamc 3.4's headers, in its order. */
static int add_spam_headers(struct buf *out, const struct scan_result *r,
			    const struct rewrite_opts *o, const char *eol,
			    struct err *err)
{
	if (add_line(out, "X-Spam-Scanner", scanner_of(o), eol, err) < 0 ||
	    addf_c(out, err, "X-Spam-Scan-Time: %.3g%s", o->scan_time, eol) < 0)
		return -1;
	if (result_action_is_spam(r->action) &&
	    add_line(out, "X-Spam", "yes", eol, err) < 0)
		return -1;
	if (add_line(out, "X-Spam-Action",
		     r->action != NULL ? r->action : "no action", eol,
		     err) < 0 ||
	    add_score_lines(out, r, eol, err) < 0 ||
	    add_symbols_line(out, r, eol, err) < 0)
		return -1;
	for (size_t i = 0; i < r->n_dkim_signatures; i++) {
		/* folded by the server: keep its folds, nothing else */
		if (buf_addstr(out, "DKIM-Signature: ", err) < 0 ||
		    add_folded(out, r->dkim_signatures[i], eol, err) < 0 ||
		    buf_addstr(out, eol, err) < 0)
			return -1;
	}
	if (o->with_result &&
	    add_result_line(out, r, o->result_style, eol, err) < 0)
		return -1;
	return 0;
}

static bool valid_name(const char *name)
{
	if (name == NULL || *name == '\0')
		return false;
	for (const char *s = name; *s != '\0'; s++)
		if (!is_name_char((unsigned char)*s))
			return false;
	return true;
}

static int add_milter_headers(struct buf *out, const struct scan_result *r,
			      const char *eol, struct err *err)
{
	for (size_t i = 0; i < r->n_add_headers; i++) {
		const struct result_add_header *h = &r->add_headers[i];

		if (!valid_name(h->name))
			continue;
		if (add_line(out, h->name, h->value != NULL ? h->value : "",
			     eol, err) < 0)
			return -1;
	}
	return 0;
}

/* ---- writing the message -------------------------------------------- */

struct writer {
	rewrite_write_fn fn;
	void *ctx;
	struct err *err;
};

static int put(struct writer *w, const void *p, size_t n)
{
	if (n == 0)
		return 0;
	return w->fn(w->ctx, p, n, w->err);
}

/* "Subject:" as written in the message, the new value, its old ending. */
static int put_subject(struct writer *w, const char *msg,
		       const struct field *f, const char *subject)
{
	struct buf line;
	int rc = -1;

	buf_init(&line, 0);
	if (buf_add(&line, msg + f->start, f->colon + 1, w->err) < 0 ||
	    buf_addch(&line, ' ', w->err) < 0 ||
	    add_clean(&line, subject, w->err) < 0 ||
	    buf_add(&line, msg + f->end - f->last_term, f->last_term,
		    w->err) < 0)
		goto out;
	rc = put(w, line.data, line.len);
out:
	buf_release(&line);
	return rc;
}

/* The header block without the dropped fields, replaced ones rewritten. */
static int put_block(struct writer *w, const char *msg,
		     const struct hdr_block *b, const enum field_act *act,
		     const char *subject)
{
	size_t run = 0;

	for (size_t i = 0; i < b->n; i++) {
		const struct field *f = &b->fields[i];

		if (act[i] == ACT_KEEP)
			continue;
		if (put(w, msg + run, f->start - run) < 0)
			return -1;
		if (act[i] == ACT_SUBJECT &&
		    put_subject(w, msg, f, subject) < 0)
			return -1;
		run = f->end;
	}
	return put(w, msg + run, b->ins - run);
}

/* What one rewrite adds: the result (or NULL) or an error text. */
struct rewrite_job {
	const struct scan_result *r;
	const char *error;
	const struct rewrite_opts *o;
};

static int build_ours(struct buf *ours, const struct rewrite_job *job,
		      const struct hdr_block *b, bool open, bool add_subject,
		      struct err *err)
{
	const struct rewrite_opts *o = job->o;
	const char *eol = b->eol;

	if (open && buf_addstr(ours, eol, err) < 0)
		return -1;
	if (job->r == NULL) {
		if (add_line(ours, "X-Spam-Scanner", scanner_of(o), eol, err) <
			    0 ||
		    addf_c(ours, err, "X-Spam-Scan-Time: %.3f%s", o->scan_time,
			   eol) < 0 ||
		    add_line(ours, "X-Spam-Error",
			     job->error != NULL ? job->error : "", eol,
			     err) < 0)
			return -1;
	} else if (add_spam_headers(ours, job->r, o, eol, err) < 0) {
		return -1;
	}
	if (add_subject &&
	    add_line(ours, "Subject", job->r->subject, eol, err) < 0)
		return -1;
	if (job->r != NULL && o->apply_milter &&
	    add_milter_headers(ours, job->r, eol, err) < 0)
		return -1;
	if (b->blank_after && buf_addstr(ours, eol, err) < 0)
		return -1;
	return 0;
}

static void plan(const char *msg, const struct hdr_block *b,
		 const struct rewrite_job *job, enum field_act *act,
		 bool *add_subject_r)
{
	const struct scan_result *r = job->r;

	*add_subject_r = false;
	if (job->o->strip_own)
		plan_strip_own(msg, b, act);
	if (r == NULL)
		return;
	if (job->o->apply_milter)
		for (size_t i = 0; i < r->n_remove_headers; i++)
			plan_remove(msg, b, &r->remove_headers[i], act);
	if (job->o->rewrite_subject && r->subject != NULL)
		*add_subject_r = !plan_subject(msg, b, act);
}

static int rewrite_run(const char *msg, size_t len,
		       const struct rewrite_job *job, struct writer *w)
{
	struct hdr_block b;
	struct buf ours;
	enum field_act *act = NULL;
	bool add_subject, open;
	int rc = -1;

	buf_init(&ours, 0);
	if (len == 0)
		return err_set(w->err, "empty message");
	if (hdr_block_scan(&b, msg, len, w->err) < 0)
		goto out;
	act = calloc(b.n + 1, sizeof(*act));
	if (act == NULL) {
		err_set(w->err, "out of memory");
		goto out;
	}
	plan(msg, &b, job, act, &add_subject);
	/* a dropped last line leaves the line before it, which has an end */
	open = b.tail_open && (b.n == 0 || act[b.n - 1] != ACT_DROP);
	if (build_ours(&ours, job, &b, open, add_subject, w->err) < 0)
		goto out;
	if (put_block(w, msg, &b, act, job->r ? job->r->subject : NULL) < 0 ||
	    put(w, ours.data, ours.len) < 0 ||
	    put(w, msg + b.ins, len - b.ins) < 0)
		goto out;
	rc = 0;
out:
	free(act);
	buf_release(&ours);
	hdr_block_release(&b);
	return rc;
}

/* ---- the interface ---------------------------------------------------- */

void rewrite_opts_init(struct rewrite_opts *o)
{
	o->scanner = "rspamc 3.4";
	o->scan_time = 0;
	o->with_result = false;
	o->result_style = EMIT_JSON;
	o->apply_milter = true;
	o->rewrite_subject = true;
	o->strip_own = true;
}

int rewrite_message(const char *msg, size_t len, const struct scan_result *r,
		    const struct rewrite_opts *o, rewrite_write_fn write,
		    void *ctx, struct err *err)
{
	struct rewrite_job job = { r, NULL, o };
	struct writer w = { write, ctx, err };

	return rewrite_run(msg, len, &job, &w);
}

int rewrite_unscanned(const char *msg, size_t len, const char *error,
		      const struct rewrite_opts *o, rewrite_write_fn write,
		      void *ctx, struct err *err)
{
	struct rewrite_job job = { NULL, error, o };
	struct writer w = { write, ctx, err };

	return rewrite_run(msg, len, &job, &w);
}
