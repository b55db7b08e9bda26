/*
 * b64.c - see b64.h.
 *
 * libb64 takes an int length, so input goes through in chunks; its output
 * for a chunk of n bytes is at most 4n/3 + 4 characters plus one newline
 * per 72, well inside twice the chunk size.
 *
 * libb64 is opened at the first call (dynlib.h): only -j/--ucl with
 * --mime (X-Spam-Result) needs it.
 */
#include "b64.h"

#include <b64/cencode.h>

#include "dynlib.h"

#define B64_CHUNK 3072

/* meson.build passes the SONAME it read (libb64.so.0d on Debian). */
#ifndef B64_SONAME
#error "B64_SONAME must name libb64's shared library"
#endif

struct b64_api {
	void (*init_encodestate)(base64_encodestate *st);
	int (*encode_block)(const char *in, int n, char *out,
			    base64_encodestate *st);
	int (*encode_blockend)(char *out, base64_encodestate *st);
};

#define SYM(m) { "base64_" #m, offsetof(struct b64_api, m) }

static const struct dynlib_sym b64_syms[] = {
	SYM(init_encodestate),
	SYM(encode_block),
	SYM(encode_blockend),
};

static struct b64_api b64_table;
static struct dynlib b64_lib = DYNLIB_INIT(B64_SONAME, b64_syms,
					   &b64_table);

/* Append code without the newlines libb64 put in it. */
static int add_without_newlines(struct buf *out, const char *code, size_t n,
				struct err *err)
{
	size_t i, run = 0;

	for (i = 0; i < n; i++) {
		if (code[i] != '\n')
			continue;
		if (buf_add(out, code + run, i - run, err) < 0)
			return -1;
		run = i + 1;
	}
	return buf_add(out, code + run, n - run, err);
}

int b64_encode(struct buf *out, const void *data, size_t len, struct err *err)
{
	const struct b64_api *b = dynlib_get(&b64_lib, err);
	char code[2 * B64_CHUNK + 16];
	const char *p = data;
	base64_encodestate st;
	size_t n;
	int w;

	if (b == NULL) {
		err_prefix(err, "base64");
		return -1;
	}
	b->init_encodestate(&st);
	while (len > 0) {
		n = len < B64_CHUNK ? len : B64_CHUNK;
		w = b->encode_block(p, (int)n, code, &st);
		if (add_without_newlines(out, code, (size_t)w, err) < 0)
			return -1;
		p += n;
		len -= n;
	}
	w = b->encode_blockend(code, &st);
	return add_without_newlines(out, code, (size_t)w, err);
}
