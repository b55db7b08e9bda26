/*
 * rules_mime.c - MIME structure and type rules: rspamd 3.4's mime_types
 * plugin (MIME_TRACE, MIME_GOOD, MIME_BAD, MIME_UNKNOWN, MIME_BAD_ATTACHMENT,
 * MIME_BAD_EXTENSION, MIME_DOUBLE_BAD_EXTENSION, MIME_ARCHIVE_IN_ARCHIVE,
 * MIME_BAD_UNICODE), the MIME checks of rules/misc.lua (SIGNED_PGP,
 * SIGNED_SMIME, ENCRYPTED_PGP, ENCRYPTED_SMIME, BOGUS_ENCRYPTED_AND_TEXT,
 * R_BAD_CTE_7BIT, HAS_ATTACHMENT) and headers_checks.lua's
 * CTYPE_MIXED_BOGUS.
 *
 * The plugin's data (content-type map, extension tables) lives in
 * mime_types_map.c; a part's sniffed type comes from magic.c (msg_part
 * detected_ext), its settled transfer encoding from cte.c.
 *
 * MIME_TRACE's options are "<part number>:<verdict>": the part number is
 * the part's index in msg.parts (depth first, the root is 0, as rspamd
 * numbers them), the verdict "+" (good type), "~" (neutral or unknown
 * type) or "-" (bad type or bad file name). A part whose sniffed type
 * differs from the declared one is judged by the worse of the two (a
 * text/plain part that looks like HTML is "~", not MIME_GOOD).
 *
 * Not done: lua_magic's binary signatures and archive listings (zip/rar/7z
 * file names), so the archive-only symbols never fire.
 */
#include "rules.h"
#include "areas.h"
#include "cte.h"
#include "magic.h"
#include "mime_types_map.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define N_ELEMS(a) (sizeof(a) / sizeof((a)[0]))

static void trace(struct scan_ctx *c, size_t part, char verdict)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%zu:%c", part, verdict);
	scan_insert(c, "MIME_TRACE", buf, NULL);
}

/* Is s all digits (at least one), optionally followed by ']' or ')'? */
static bool is_numbered(const char *s)
{
	size_t n = strspn(s, "0123456789");

	if (n == 0)
		return false;
	return s[n] == '\0' ||
	       ((s[n] == ']' || s[n] == ')') && s[n + 1] == '\0');
}

static bool all_digits(const char *s)
{
	return *s != '\0' && s[strspn(s, "0123456789")] == '\0';
}

static int hexval(int ch)
{
	if (ch >= '0' && ch <= '9')
		return ch - '0';
	if (ch >= 'a' && ch <= 'f')
		return ch - 'a' + 10;
	if (ch >= 'A' && ch <= 'F')
		return ch - 'A' + 10;
	return -1;
}

/*
 * The file name as the plugin checks it: %XX decoded, then every byte
 * that is neither white space nor printable ASCII replaced by '?'.
 */
static char *clean_filename(const char *in)
{
	size_t n = strlen(in), i, o = 0;
	char *out = malloc(n + 1);

	if (out == NULL)
		return NULL;
	for (i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)in[i];

		if (ch == '%' && i + 2 < n && hexval(in[i + 1]) >= 0 &&
		    hexval(in[i + 2]) >= 0) {
			ch = (unsigned char)(hexval(in[i + 1]) * 16 +
					     hexval(in[i + 2]));
			i += 2;
		}
		if (!(isspace(ch) || (ch > 0x20 && ch < 0x7f)))
			ch = '?';
		out[o++] = (char)ch;
	}
	out[o] = '\0';
	return out;
}

/* The last two '.'-separated fields of a name, lower-cased (empty fields
 * count, as in lua_util.str_split), and the number of fields. */
struct fname_exts {
	char ext[64];
	char ext2[64];
	bool has_ext, has_ext2;
	size_t nfields;
};

static void copy_lower(char *dst, size_t dsz, const char *s, size_t n)
{
	size_t i;

	if (n >= dsz)
		n = dsz - 1;
	for (i = 0; i < n; i++)
		dst[i] = (char)tolower((unsigned char)s[i]);
	dst[n] = '\0';
}

static void split_exts(const char *name, struct fname_exts *fe)
{
	const char *last = strrchr(name, '.'), *prev = NULL, *p;

	memset(fe, 0, sizeof(*fe));
	fe->nfields = 1;
	for (p = name; *p != '\0'; p++)
		if (*p == '.')
			fe->nfields++;
	if (last == NULL)
		return;
	fe->has_ext = true;
	copy_lower(fe->ext, sizeof(fe->ext), last + 1, strlen(last + 1));
	if (fe->nfields < 3)
		return;
	for (p = last - 1; p >= name; p--) {
		if (*p == '.') {
			prev = p;
			break;
		}
	}
	fe->has_ext2 = true;
	copy_lower(fe->ext2, sizeof(fe->ext2), prev + 1,
		   (size_t)(last - prev - 1));
}

static void check_extension(struct scan_ctx *c, size_t part,
			    const struct fname_exts *fe, bool have1,
			    double m1, bool have2, double m2)
{
	char buf[160];
	size_t l2 = strlen(fe->ext2);

	if (!have1 && !have2)
		return;
	if (fe->nfields > 2 && l2 > 0 && l2 <= 4 && !is_numbered(fe->ext2)) {
		if (!have1 || (have2 && m1 < m2))
			m1 = m2;
		snprintf(buf, sizeof(buf), ".%s.%s", fe->ext2, fe->ext);
		scan_insert_mult(c, "MIME_DOUBLE_BAD_EXTENSION", m1, buf,
				 NULL);
		trace(c, part, '-');
		return;
	}
	if (have1) {
		scan_insert_mult(c, "MIME_BAD_EXTENSION", m1, fe->ext, NULL);
		trace(c, part, '-');
	}
}

static bool ct_listed(const char *cts, const char *ct)
{
	size_t n = strlen(ct);
	const char *p = cts;

	while (*p != '\0') {
		size_t l = strcspn(p, "|");

		if (l == n && strncmp(p, ct, n) == 0)
			return true;
		p += l;
		if (*p == '|')
			p++;
	}
	return false;
}

/* Decode one UTF-8 sequence at s; returns its length (1 on bad bytes). */
static size_t utf8_next(const unsigned char *s, unsigned *cp_r)
{
	if (s[0] < 0x80) {
		*cp_r = s[0];
		return 1;
	}
	if ((s[0] & 0xe0) == 0xc0 && (s[1] & 0xc0) == 0x80) {
		*cp_r = ((s[0] & 0x1fu) << 6) | (s[1] & 0x3fu);
		return 2;
	}
	if ((s[0] & 0xf0) == 0xe0 && (s[1] & 0xc0) == 0x80 &&
	    (s[2] & 0xc0) == 0x80) {
		*cp_r = ((s[0] & 0x0fu) << 12) | ((s[1] & 0x3fu) << 6) |
			(s[2] & 0x3fu);
		return 3;
	}
	if ((s[0] & 0xf8) == 0xf0 && (s[1] & 0xc0) == 0x80 &&
	    (s[2] & 0xc0) == 0x80 && (s[3] & 0xc0) == 0x80) {
		*cp_r = ((s[0] & 0x07u) << 18) | ((s[1] & 0x3fu) << 12) |
			((s[2] & 0x3fu) << 6) | (s[3] & 0x3fu);
		return 4;
	}
	*cp_r = 0xfffd;
	return 1;
}

static bool obscuring_char(unsigned cp)
{
	return cp == 0x200b || cp == 0x200c || cp == 0x200d ||
	       cp == 0xfeff || (cp >= 0x202a && cp <= 0x202e) ||
	       (cp >= 0x2066 && cp <= 0x2069);
}

/* MIME_BAD_UNICODE: bidi overrides or zero-width characters in a name. */
static void check_bad_unicode(struct scan_ctx *c, const char *fname)
{
	const unsigned char *s = (const unsigned char *)fname;
	size_t off = 0, len = strlen(fname);
	char buf[512];

	while (off < len) {
		unsigned cp;
		size_t n = utf8_next(s + off, &cp);

		if (obscuring_char(cp)) {
			snprintf(buf, sizeof(buf), "0x%xd after %.*s", cp,
				 (int)(off > 400 ? 400 : off), fname);
			scan_insert(c, "MIME_BAD_UNICODE", buf, NULL);
			return;
		}
		off += n;
	}
}

/* The plugin's check_filename() for a part's own (non-archive) name. */
static void check_filename(struct scan_ctx *c, size_t part,
			   const char *fname, const char *ct)
{
	struct fname_exts fe;
	const struct ext_map_entry *em;
	double m1 = 0, m2 = 0;
	bool have1, have2;
	char buf[400];
	char *name;

	check_bad_unicode(c, fname);
	name = clean_filename(fname);
	if (name == NULL)
		return;
	split_exts(name, &fe);
	free(name);
	if (!fe.has_ext)
		return;
	have1 = bad_ext_get(fe.ext, &m1);
	if (fe.has_ext2) {
		have2 = bad_ext_get(fe.ext2, &m2);
		check_extension(c, part, &fe, have1, m1, have2, m2);
		if (is_archive_ext(fe.ext2) && !all_digits(fe.ext)) {
			snprintf(buf, sizeof(buf), ".%s.%s", fe.ext2, fe.ext);
			scan_insert(c, "MIME_ARCHIVE_IN_ARCHIVE", buf, NULL);
			trace(c, part, '-');
		}
	} else {
		check_extension(c, part, &fe, have1, m1, false, 0);
	}
	em = ext_map_get(fe.ext);
	if (em != NULL && strcmp(ct, "application/octet-stream") != 0 &&
	    !ct_listed(em->cts, ct)) {
		snprintf(buf, sizeof(buf), "%s:%s", fe.ext, ct);
		scan_insert_mult(c, "MIME_BAD_ATTACHMENT", em->mult10 / 10.0,
				 buf, NULL);
	}
}

/*
 * The map's verdict on a part declared as ct whose content was detected as
 * detected_ct (or NULL): a detected type that differs counts when the
 * declared one is not listed or the detected one is worse (*differs_r).
 */
static bool type_value(const char *ct, const char *detected_ct, int *v_r,
		       bool *differs_r)
{
	bool have = mime_map_get(ct, v_r);
	int vd;

	*differs_r = false;
	if (detected_ct == NULL || strcmp(detected_ct, ct) == 0)
		return have;
	*differs_r = true;
	if (mime_map_get(detected_ct, &vd) && (!have || vd > *v_r)) {
		*v_r = vd;
		have = true;
	}
	return have;
}

static void check_part_type(struct scan_ctx *c, size_t i,
			    const struct msg_part *p)
{
	char ct[256], both[520];
	bool differs;
	int v;

	snprintf(ct, sizeof(ct), "%s/%s", p->type ? p->type : "text",
		 p->subtype ? p->subtype : "plain");
	copy_lower(ct, sizeof(ct), ct, strlen(ct));
	if (p->filename != NULL)
		check_filename(c, i, p->filename, ct);
	if (!type_value(ct, magic_ext_ct(p->detected_ext), &v, &differs)) {
		scan_insert(c, "MIME_UNKNOWN", ct, NULL);
		trace(c, i, '~');
	} else if (v > 0 && differs) {
		snprintf(both, sizeof(both), "%s:%s", ct,
			 magic_ext_ct(p->detected_ext));
		scan_insert_mult(c, "MIME_BAD", v * 1.5, both, NULL);
		trace(c, i, '-');
	} else if (v > 0) {
		scan_insert_mult(c, "MIME_BAD", v, ct, NULL);
		trace(c, i, '-');
	} else if (v < 0) {
		scan_insert_mult(c, "MIME_GOOD", -v, ct, NULL);
		trace(c, i, '+');
	} else {
		trace(c, i, '~');
	}
}

/* plugin mime_types: every part's type and file name. */
static void rule_mime_types(struct scan_ctx *c)
{
	const struct msg *m = scan_msg(c);
	size_t i;

	for (i = 0; i < m->n_parts; i++)
		check_part_type(c, i, &m->parts[i]);
}

static bool subtype_has(const struct msg_part *p, const char *needle)
{
	return p->type != NULL && strcmp(p->type, "application") == 0 &&
	       p->subtype != NULL && strstr(p->subtype, needle) != NULL;
}

/*
 * misc.lua BOGUS_ENCRYPTED_AND_TEXT with SIGNED_PGP, SIGNED_SMIME,
 * ENCRYPTED_PGP, ENCRYPTED_SMIME: the direct children of multiparts.
 */
static void rule_signed_encrypted(struct scan_ctx *c)
{
	const struct msg *m = scan_msg(c);
	bool seen_text = false, seen_enc = false;
	const char *opts[8];
	size_t i, n_opts = 0;

	for (i = 0; i < m->n_parts; i++) {
		const struct msg_part *p = &m->parts[i];

		if (p->parent < 0 || !m->parts[p->parent].multipart ||
		    p->multipart)
			continue;
		if (p->text) {
			seen_text = true;
		} else if (subtype_has(p, "pkcs7-mime")) {
			seen_enc = true;
			if (n_opts < N_ELEMS(opts))
				opts[n_opts++] = "smime part";
			scan_insert(c, "ENCRYPTED_SMIME", NULL);
		} else if (subtype_has(p, "pkcs7-signature")) {
			scan_insert(c, "SIGNED_SMIME", NULL);
		} else if (subtype_has(p, "pgp-encrypted")) {
			seen_enc = true;
			if (n_opts < N_ELEMS(opts))
				opts[n_opts++] = "pgp part";
			scan_insert(c, "ENCRYPTED_PGP", NULL);
		} else if (subtype_has(p, "pgp-signature")) {
			scan_insert(c, "SIGNED_PGP", NULL);
		}
	}
	if (seen_text && seen_enc) {
		scan_insert(c, "BOGUS_ENCRYPTED_AND_TEXT", NULL);
		for (i = 0; i < n_opts; i++)
			scan_add_option(c, "BOGUS_ENCRYPTED_AND_TEXT",
					opts[i]);
	}
}

/* misc.lua R_BAD_CTE_7BIT: 8-bit bytes in a text part not sent as 8bit. */
static void rule_bad_cte_7bit(struct scan_ctx *c)
{
	const struct msg *m = scan_msg(c);
	size_t i;

	for (i = 0; i < m->n_parts; i++) {
		const struct msg_part *p = &m->parts[i];
		enum cte cte;

		if (!p->text || !msg_has_8bit(p->raw, p->raw_len))
			continue;
		cte = cte_of_part(m, i);
		if (cte == CTE_8BIT)
			continue;
		if (p->charset != NULL && strcasecmp(p->charset, "utf-8") == 0)
			scan_insert_mult(c, "R_BAD_CTE_7BIT", 0.3,
					 cte_name(cte), "utf8", NULL);
		else
			scan_insert(c, "R_BAD_CTE_7BIT", cte_name(cte), NULL);
		return;
	}
}

static const struct msg_header *part_header(const struct msg_part *p,
					    const char *name)
{
	size_t i;

	for (i = 0; i < p->n_headers; i++)
		if (strcasecmp(p->headers[i].name, name) == 0)
			return &p->headers[i];
	return NULL;
}

/* misc.lua HAS_ATTACHMENT: a part with "Content-Disposition: attachment". */
static void rule_has_attachment(struct scan_ctx *c)
{
	const struct msg *m = scan_msg(c);
	size_t i;

	if (m->n_parts < 2)
		return;
	for (i = 0; i < m->n_parts; i++) {
		const struct msg_header *h =
			part_header(&m->parts[i], "Content-Disposition");

		if (h != NULL && h->value != NULL &&
		    strncasecmp(h->value, "attachment", 10) == 0) {
			scan_insert(c, "HAS_ATTACHMENT", NULL);
			return;
		}
	}
}

/* Does rspamd's lua is_attachment() hold: "attachment" disposition, or a
 * file name without a Content-Id? */
static bool is_attachment(const struct msg_part *p)
{
	const struct msg_header *h = part_header(p, "Content-Disposition");

	if (h != NULL && h->value != NULL &&
	    strncasecmp(h->value, "attachment", 10) == 0)
		return true;
	return p->filename != NULL && part_header(p, "Content-Id") == NULL;
}

/*
 * headers_checks.lua CTYPE_MIXED_BOGUS: a multipart/mixed message whose
 * parts are all multiparts or at most two inline text parts.
 */
static void rule_ctype_mixed_bogus(struct scan_ctx *c)
{
	const struct msg *m = scan_msg(c);
	const struct msg_header *h = msg_header(m, "Content-Type", 0);
	size_t i, ntext = 0;

	if (h == NULL || h->value == NULL ||
	    strncasecmp(h->value, "multipart/mixed", 15) != 0)
		return;
	for (i = 0; i < m->n_parts; i++) {
		const struct msg_part *p = &m->parts[i];

		if (strcmp(p->type, "text") == 0 && !is_attachment(p)) {
			if (++ntext > 2)
				return;
		} else if (strcmp(p->type, "multipart") != 0) {
			return;
		}
	}
	scan_insert(c, "CTYPE_MIXED_BOGUS", NULL);
}

static const rule_fn mime_rules[] = {
	rule_mime_types,
	rule_signed_encrypted,
	rule_bad_cte_7bit,
	rule_has_attachment,
	rule_ctype_mixed_bogus,
};

const struct rule_area rules_mime = {
	.name = "mime", .rules = mime_rules, .n_rules = N_ELEMS(mime_rules),
};
