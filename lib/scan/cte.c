/*
 * cte.c - the transfer encoding rspamd 3.4 settles on for a part (see
 * cte.h); moved from rules_mime.c so the regexp rules' compare_transfer_
 * encoding() uses the same answer as R_BAD_CTE_7BIT.
 */
#include "cte.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

#define N_ELEMS(a) (sizeof(a) / sizeof((a)[0]))

const char *cte_name(enum cte cte)
{
	switch (cte) {
	case CTE_7BIT: return "7bit";
	case CTE_8BIT: return "8bit";
	case CTE_QP: return "quoted-printable";
	case CTE_B64: return "base64";
	case CTE_UUE: return "x-uuencode";
	default: return "unknown";
	}
}

static enum cte cte_parse(const char *v)
{
	static const struct { const char *name; enum cte cte; } tab[] = {
		{ "7bit", CTE_7BIT }, { "8bit", CTE_8BIT },
		{ "binary", CTE_8BIT }, { "quoted-printable", CTE_QP },
		{ "base64", CTE_B64 }, { "base-64", CTE_B64 },
		{ "uuencode", CTE_UUE }, { "x-uuencode", CTE_UUE },
		{ "x-uue", CTE_UUE },
	};
	size_t i;

	if (v == NULL)
		return CTE_UNKNOWN;
	for (i = 0; i < N_ELEMS(tab); i++)
		if (strcasecmp(v, tab[i].name) == 0)
			return tab[i].cte;
	return CTE_UNKNOWN;
}

struct cte_counts {
	size_t spaces, eqsigns, qpenc, n8bit, upper, lower, padeq;
	bool b64chars;
};

static void cte_count(const unsigned char *p, const unsigned char *end,
		      struct cte_counts *k)
{
	while (p < end) {
		if (*p == ' ') {
			k->spaces++;
		} else if (*p == '=') {
			k->b64chars = false;
			k->eqsigns++;
			p++;
			if (p + 2 < end && isxdigit(p[0]) && isxdigit(p[1])) {
				p++;
				k->qpenc++;
			}
			continue;
		} else if (*p >= 0x80) {
			k->n8bit++;
			k->b64chars = false;
		} else if (!(isalnum(*p) || *p == '/' || *p == '+')) {
			k->b64chars = false;
		} else if (isupper(*p)) {
			k->upper++;
		} else if (islower(*p)) {
			k->lower++;
		}
		p++;
	}
}

static bool uue_start(const unsigned char *p, const unsigned char *end)
{
	size_t n = (size_t)(end - p), skip;

	if (n <= sizeof("begin-base64 "))
		return false;
	if (memcmp(p, "begin ", 6) == 0 || memcmp(p, "begin-base64 ", 13) == 0)
		skip = 6;
	else
		return false;
	p += skip;
	while (p < end && isspace(*p))
		p++;
	return p < end && isdigit(*p);
}

/* rspamd's guess of a body's transfer encoding from its first bytes. */
static enum cte cte_guess(const char *raw, size_t len)
{
	const unsigned char *b = (const unsigned char *)raw, *p = b;
	const unsigned char *end = b + len;
	struct cte_counts k = { .b64chars = true };
	size_t real_len = len < 128 ? len : 128;

	while (p < end && isspace(*p))
		p++;
	if (uue_start(p, end))
		return CTE_UUE;
	while (end > p && isspace(end[-1]))
		end--;
	if (end > p + 2) {
		if (end[-1] == '=') {
			k.padeq++;
			end--;
		}
		if (end[-1] == '=') {
			k.padeq++;
			end--;
		}
	}
	if ((size_t)(end - p) > real_len)
		end = p + real_len;
	cte_count(p, end, &k);
	if (k.b64chars && k.eqsigns <= 2 && k.spaces == 0) {
		bool mixed = k.upper > 1 && k.lower > 1;

		if (len > 80)
			return k.padeq > 0 || mixed ? CTE_B64 : CTE_7BIT;
		if (((size_t)(end - b) + k.padeq) % 4 == 0)
			return k.padeq > 0 || mixed ? CTE_B64 : CTE_7BIT;
		return k.padeq == 1 || k.padeq == 2 ? CTE_B64 : CTE_7BIT;
	}
	if (k.n8bit == 0)
		return k.eqsigns > 2 && k.qpenc > 2 ? CTE_QP : CTE_7BIT;
	return CTE_8BIT;
}

/* A multipart's encoding as rspamd keeps it: its header only. */
static enum cte cte_of_container(const struct msg_part *p)
{
	return cte_parse(p->cte);
}

enum cte cte_of_part(const struct msg *m, size_t i)
{
	const struct msg_part *p = &m->parts[i];
	enum cte cte = cte_parse(p->cte), guess;
	bool propagated = false;

	if (p->cte == NULL && p->parent >= 0) {
		cte = cte_of_container(&m->parts[p->parent]);
		propagated = cte != CTE_UNKNOWN;
		if (!propagated)
			return cte_guess(p->raw, p->raw_len);
	} else if (p->cte == NULL) {
		return cte_guess(p->raw, p->raw_len);
	}
	if (cte == CTE_UNKNOWN)
		return cte_guess(p->raw, p->raw_len);
	if (cte == CTE_B64 || cte == CTE_QP) {
		guess = cte_guess(p->raw, p->raw_len);
		if (guess == CTE_8BIT || (guess != cte && propagated))
			return guess;
	}
	return cte;
}
