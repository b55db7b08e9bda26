/* test-b64.c - b64: RFC 4648 vectors, no line breaks, NULs, big inputs. */
#include <stdlib.h>

#include "b64.h"
#include "test.h"

static void check(const void *in, size_t len, const char *want)
{
	struct buf out = BUF_INIT;
	struct err err;

	err_init(&err);
	test_assert(b64_encode(&out, in, len, &err) == 0);
	test_assert_mem(out.data ? out.data : "", out.len, want, strlen(want));
	buf_release(&out);
}

static void test_rfc4648(void)
{
	test_begin("b64 encodes the RFC 4648 vectors");
	check("", 0, "");
	check("f", 1, "Zg==");
	check("fo", 2, "Zm8=");
	check("foo", 3, "Zm9v");
	check("foob", 4, "Zm9vYg==");
	check("fooba", 5, "Zm9vYmE=");
	check("foobar", 6, "Zm9vYmFy");
	test_end();
}

static void test_nul_bytes(void)
{
	test_begin("b64 encodes NUL bytes");
	check("a\0b\0\0", 5, "YQBiAAA=");
	check("\0\0\0", 3, "AAAA");
	test_end();
}

static void test_no_line_breaks(void)
{
	unsigned char in[200];
	size_t i;

	for (i = 0; i < sizeof(in); i++)
		in[i] = (unsigned char)i;
	test_begin("b64 drops libb64's line breaks (200 bytes)");
	check(in, sizeof(in),
	      "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIjJCUmJygpKiss"
	      "LS4vMDEyMzQ1Njc4OTo7PD0+P0BBQkNERUZHSElKS0xNTk9QUVJTVFVWV1hZ"
	      "WltcXV5fYGFiY2RlZmdoaWprbG1ub3BxcnN0dXZ3eHl6e3x9fn+AgYKDhIWG"
	      "h4iJiouMjY6PkJGSk5SVlpeYmZqbnJ2en6ChoqOkpaanqKmqq6ytrq+wsbKz"
	      "tLW2t7i5uru8vb6/wMHCw8TFxsc=");
	test_end();
}

/* A plain encoder to check inputs larger than b64.c's chunk. */
static char *reference(const unsigned char *in, size_t len)
{
	static const char abc[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
				  "abcdefghijklmnopqrstuvwxyz0123456789+/";
	char *out = malloc((len + 2) / 3 * 4 + 1);
	size_t i, o = 0;
	unsigned long v;

	for (i = 0; i < len; i += 3) {
		v = (unsigned long)in[i] << 16;
		if (i + 1 < len)
			v |= (unsigned long)in[i + 1] << 8;
		if (i + 2 < len)
			v |= in[i + 2];
		out[o++] = abc[v >> 18 & 63];
		out[o++] = abc[v >> 12 & 63];
		out[o++] = i + 1 < len ? abc[v >> 6 & 63] : '=';
		out[o++] = i + 2 < len ? abc[v & 63] : '=';
	}
	out[o] = '\0';
	return out;
}

static void test_big(void)
{
	static const size_t sizes[] = { 71, 72, 73, 3071, 3072, 3073, 7001,
					100000 };
	unsigned char *in = malloc(100000);
	size_t i, k;
	char *want;

	for (i = 0; i < 100000; i++)
		in[i] = (unsigned char)(i * 7 + (i >> 8));
	test_begin("b64 matches a plain encoder across chunk sizes");
	for (k = 0; k < sizeof(sizes) / sizeof(sizes[0]); k++) {
		want = reference(in, sizes[k]);
		check(in, sizes[k], want);
		free(want);
	}
	test_end();
	free(in);
}

static void test_appends(void)
{
	struct buf out = BUF_INIT;
	struct err err;

	test_begin("b64 appends and reports the buffer limit");
	err_init(&err);
	test_assert(buf_addstr(&out, "Basic ", &err) == 0);
	test_assert(b64_encode(&out, "user:pass", 9, &err) == 0);
	test_assert_str(out.data, "Basic dXNlcjpwYXNz");
	buf_release(&out);
	buf_init(&out, 4);
	test_assert(b64_encode(&out, "foobar", 6, &err) == -1);
	test_assert(err_isset(&err));
	buf_release(&out);
	test_end();
}

int main(void)
{
	test_rfc4648();
	test_nul_bytes();
	test_no_line_breaks();
	test_big();
	test_appends();
	return test_done();
}
