/*
 * test.h - a tiny TAP harness for the C unit tests.
 *
 *   test_begin("buf grows");
 *   test_assert(b.len == 3);
 *   test_end();
 *   ...
 *   return test_done();
 *
 * Each test_begin/test_end pair is one TAP test point; a failed
 * test_assert prints the expression and line as a TAP diagnostic.
 */
#ifndef RSPAMC_TEST_H
#define RSPAMC_TEST_H

#include <stdio.h>
#include <string.h>

static int test_count;
static int test_failed_total;
static int test_failed_now;
static const char *test_name;

static inline void test_begin(const char *name)
{
	test_name = name;
	test_failed_now = 0;
}

#define test_assert(expr) \
	do { \
		if (!(expr)) { \
			printf("# %s:%d: assertion failed: %s\n", __FILE__, \
			       __LINE__, #expr); \
			test_failed_now = 1; \
		} \
	} while (0)

/* Compare two byte strings; prints both on mismatch. */
#define test_assert_mem(got, got_len, want, want_len) \
	do { \
		size_t gl_ = (got_len), wl_ = (want_len); \
		if (gl_ != wl_ || memcmp((got), (want), gl_) != 0) { \
			printf("# %s:%d: bytes differ\n# got  (%zu): %.*s\n" \
			       "# want (%zu): %.*s\n", __FILE__, __LINE__, \
			       gl_, (int)gl_, (const char *)(got), wl_, \
			       (int)wl_, (const char *)(want)); \
			test_failed_now = 1; \
		} \
	} while (0)

#define test_assert_str(got, want) \
	do { \
		const char *g_ = (got), *w_ = (want); \
		if (g_ == NULL || w_ == NULL ? g_ != w_ : strcmp(g_, w_) != 0) { \
			printf("# %s:%d: got \"%s\", want \"%s\"\n", __FILE__, \
			       __LINE__, g_ ? g_ : "(null)", \
			       w_ ? w_ : "(null)"); \
			test_failed_now = 1; \
		} \
	} while (0)

static inline void test_end(void)
{
	test_count++;
	if (test_failed_now)
		test_failed_total++;
	printf("%sok %d - %s\n", test_failed_now ? "not " : "", test_count,
	       test_name);
}

static inline int test_done(void)
{
	printf("1..%d\n", test_count);
	return test_failed_total ? 1 : 0;
}

#endif
