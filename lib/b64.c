/*
 * b64.c - see b64.h.
 *
 * libb64 takes an int length, so input goes through in chunks; its output
 * for a chunk of n bytes is at most 4n/3 + 4 characters plus one newline
 * per 72, well inside twice the chunk size.
 */
#include "b64.h"

#include <b64/cencode.h>

#define B64_CHUNK 3072

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
	char code[2 * B64_CHUNK + 16];
	const char *p = data;
	base64_encodestate st;
	size_t n;
	int w;

	base64_init_encodestate(&st);
	while (len > 0) {
		n = len < B64_CHUNK ? len : B64_CHUNK;
		w = base64_encode_block(p, (int)n, code, &st);
		if (add_without_newlines(out, code, (size_t)w, err) < 0)
			return -1;
		p += n;
		len -= n;
	}
	w = base64_encode_blockend(code, &st);
	return add_without_newlines(out, code, (size_t)w, err);
}
