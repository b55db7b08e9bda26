/* test-ucl.c - the UCL reader: every construct, errors with lines, and
 * Rspamd's own configuration files. */
#include <stdlib.h>
#include <string.h>

#include "test.h"
#include "ucl.h"

#ifndef UCL_DATA_DIR
#define UCL_DATA_DIR "tests/data/ucl"
#endif

/* Parse src and compare its compact JSON dump (sorted keys off). */
static void check(const char *src, const char *want)
{
	struct err err;
	json_t *v;
	char *got;

	err_init(&err);
	v = ucl_parse(src, strlen(src), "t.conf", &err);
	test_assert(v != NULL);
	if (v == NULL) {
		test_assert_str(err.msg, "");
		return;
	}
	got = json_dumps(v, JSON_COMPACT | JSON_ENSURE_ASCII);
	test_assert_str(got, want);
	free(got);
	json_decref(v);
}

static void check_error(const char *src, const char *want)
{
	struct err err;
	json_t *v;

	err_init(&err);
	v = ucl_parse(src, strlen(src), "t.conf", &err);
	test_assert(v == NULL);
	json_decref(v);
	test_assert_str(err.msg, want);
}

static void test_sections(void)
{
	test_begin("sections with and without =, separators");
	check("actions { reject = 15; add_header = 6; }",
	      "{\"actions\":{\"reject\":15,\"add_header\":6}}");
	check("actions = { reject = 15, greylist = 4 }",
	      "{\"actions\":{\"reject\":15,\"greylist\":4}}");
	check("a = 1\nb: 2\nc 3\n", "{\"a\":1,\"b\":2,\"c\":3}");
	check("{ a = 1; }", "{\"a\":1}");
	check("group \"headers\" { max_score = 8.0; }",
	      "{\"group\":{\"headers\":{\"max_score\":8.0}}}");
	check("x = \"v\"\n\"y\" = 2", "{\"x\":\"v\",\"y\":2}");
	test_end();
}

static void test_comments(void)
{
	test_begin("comments");
	check("# c\na = 1; # tail\n/* block */ b = 2;",
	      "{\"a\":1,\"b\":2}");
	check("/* outer /* inner */ still */ a = 1", "{\"a\":1}");
	test_end();
}

static void test_strings(void)
{
	test_begin("strings");
	check("a = \"x\\ty\\\"\\u00e9\"; b = 'it\\'s'; c = bare/word;",
	      "{\"a\":\"x\\ty\\\"\\u00E9\",\"b\":\"it's\",\"c\":\"bare/word\"}");
	check("re = \"application\\/vnd\\.ms\"", "{\"re\":\"application/vnd.ms\"}");
	check("h = <<EOD\nline1\nline2\nEOD\n", "{\"h\":\"line1\\nline2\"}");
	test_end();
}

static void test_arrays(void)
{
	test_begin("arrays and implicit arrays");
	check("a = [1, 2, \"x\",]; b = [];", "{\"a\":[1,2,\"x\"],\"b\":[]}");
	check("a = [\n 1,\n 2\n]", "{\"a\":[1,2]}");
	check("k = 1; k = 2; k = 3;", "{\"k\":[1,2,3]}");
	check("s { a = 1 } s { b = 2 }", "{\"s\":[{\"a\":1},{\"b\":2}]}");
	test_end();
}

static void test_numbers(void)
{
	test_begin("numbers, suffixes, booleans, null");
	check("a = 10k; b = 1kb; c = 2mb; d = 1.5; e = -3; f = 0x10",
	      "{\"a\":10000,\"b\":1024,\"c\":2097152,\"d\":1.5,\"e\":-3,\"f\":16}");
	check("a = 10ms; b = 5s; c = 2min; d = 1h; e = 1d; f = 1w; g = 1y",
	      "{\"a\":0.01,\"b\":5.0,\"c\":120.0,\"d\":3600.0,\"e\":86400.0,"
	      "\"f\":604800.0,\"g\":31536000.0}");
	check("a = yes; b = no; c = true; d = off; e = on; f = null; g = 1.2.3",
	      "{\"a\":true,\"b\":false,\"c\":true,\"d\":false,\"e\":true,"
	      "\"f\":null,\"g\":\"1.2.3\"}");
	test_end();
}

static void test_errors(void)
{
	test_begin("errors name the file and line");
	check_error("a = 1;\nb = {\n c = 2;\n", "t.conf:2: unterminated object");
	check_error("a = 1;\n\nb = \"x\n", "t.conf:3: newline in a quoted string");
	check_error("a = 1;\n/* open", "t.conf:2: unterminated comment");
	check_error("a = [1, 2\n", "t.conf:1: unterminated array");
	check_error("\n\n= 3", "t.conf:3: unexpected '='");
	check_error("a = ;", "t.conf:1: missing value for key 'a'");
	check_error(".include \"/nonexistent/x.conf\"",
		    "t.conf:1: cannot open '/nonexistent/x.conf': No such file or directory");
	check_error(".frobnicate", "t.conf:1: unknown macro");
	test_end();
}

/* Parse len bytes (which may hold NULs) with flags and expect an error. */
static void check_error_n(const char *src, size_t len, unsigned flags,
			  const char *want)
{
	struct err err;
	json_t *v;

	err_init(&err);
	v = ucl_parse_flags(src, len, "t.conf", flags, &err);
	test_assert(v == NULL);
	json_decref(v);
	test_assert_str(err.msg, want);
}

/* What the fuzz target (tests/fuzz/fuzz-ucl.c) found: each failed read
 * has a message, and each value read reads back from its JSON dump. */
static void test_fuzz_findings(void)
{
	test_begin("invalid UTF-8, NUL bytes and huge numbers are errors");
	check_error("a = x\xff;", "t.conf:1: invalid UTF-8 in a value");
	check_error("a \"x\xff\"", "t.conf:1: invalid UTF-8 in a string");
	check_error("k\xff = 1;", "t.conf:1: invalid UTF-8 in a key");
	check_error("s \"\xff\" { a = 1 }", "t.conf:1: invalid UTF-8 in a key");
	check_error_n("\"a\0b\" = 1;", 9, 0, "t.conf:1: a NUL byte in a key");
	check_error_n("a = 1;\n\0 b = 2;", 15, 0,
		      "t.conf:2: unexpected byte 0x00");
	check_error("a = 1e999;", "t.conf:1: number out of range: 1e999");
	check_error("a = 1e308k;", "t.conf:1: number out of range: 1e308k");
	check_error("a = 9223372036854776k;",
		    "t.conf:1: number out of range: 9223372036854776k");
	check_error("a = -9223372036854775807kb;",
		    "t.conf:1: number out of range: -9223372036854775807kb");
	check("a = 9223372036854775k; b = 99999999999999999999; c = 1e-400; "
	      "d = 99999999999999999999g; e = -8kb",
	      "{\"a\":9223372036854775000,\"b\":1e20,\"c\":0.0,"
	      "\"d\":9.9999999999999991e28,\"e\":-8192}");
	test_end();

	test_begin("\\u escapes: surrogate pairs, lone surrogates");
	check("a = \"\\ud83d\\ude00\\u20ac\"",
	      "{\"a\":\"\\uD83D\\uDE00\\u20AC\"}");
	check_error("a = \"\\ud83d x\"",
		    "t.conf:1: invalid \\u escape: a lone surrogate");
	check_error("a = \"\\ude00\"",
		    "t.conf:1: invalid \\u escape: a lone surrogate");
	test_end();

	test_begin("repeated array values make one implicit array");
	check("k = []; k = []; k = [];", "{\"k\":[[],[],[]]}");
	check("k = [1]; k = [2]; k = 3;", "{\"k\":[[1],[2],3]}");
	check("k = [1, 2]; k = 3;", "{\"k\":[1,2,3]}");
	test_end();
}

static void test_depth(void)
{
	char src[1024];
	size_t n = 0, i;

	test_begin("nesting limits count names and implicit arrays");
	/* a "x" "x" ... 70 names deep */
	n += (size_t)snprintf(src + n, sizeof(src) - n, "a");
	for (i = 0; i < 70; i++)
		n += (size_t)snprintf(src + n, sizeof(src) - n, " \"x\"");
	n += (size_t)snprintf(src + n, sizeof(src) - n, " { }");
	check_error(src, "t.conf:1: values nested too deep");
	/* 63 objects deep, a repeated key there needs a 65th level */
	n = 0;
	for (i = 0; i < 63; i++)
		n += (size_t)snprintf(src + n, sizeof(src) - n, "a {");
	n += (size_t)snprintf(src + n, sizeof(src) - n, "k = 1; k = 2;");
	for (i = 0; i < 63; i++)
		n += (size_t)snprintf(src + n, sizeof(src) - n, "}");
	check_error(src, "t.conf:1: values nested too deep");
	test_end();
}

static void test_no_include(void)
{
	const char *src = ".include \"/nonexistent/x.conf\"\n"
			  ".include(try=true) \"$CONFDIR/*.conf\"\nafter = 1;";
	struct err err;
	json_t *v;
	char *got;

	test_begin("UCL_NO_INCLUDE reads .include but opens nothing");
	err_init(&err);
	v = ucl_parse_flags(src, strlen(src), "t.conf", UCL_NO_INCLUDE, &err);
	got = v ? json_dumps(v, JSON_COMPACT) : NULL;
	test_assert_str(got, "{\"after\":1}");
	free(got);
	json_decref(v);
	check_error_n(".include after", 14, UCL_NO_INCLUDE,
		      "t.conf:1: .include needs a quoted file name");
	test_end();
}

static void test_includes(void)
{
	struct err err;
	json_t *v;
	char *got;

	test_begin(".include relative to the file, try=true, $CONFDIR");
	err_init(&err);
	v = ucl_parse_file(UCL_DATA_DIR "/include.conf", NULL, &err);
	test_assert(v != NULL);
	if (v == NULL)
		test_assert_str(err.msg, "");
	got = v ? json_dumps(v, JSON_COMPACT) : NULL;
	test_assert_str(got ? got : "", "{\"actions\":{\"reject\":15,\"add_header\":6,\"greylist\":4},\"after\":1}");
	free(got);
	json_decref(v);
	test_end();
}

static void test_rspamd_files(void)
{
	static const char *const files[] = {
		"actions.conf", "composites.conf", "groups.conf",
		"scores.d/headers_group.conf", "scores.d/mime_types_group.conf",
	};
	struct err err;
	json_t *v, *g;
	size_t i;
	int exists;

	test_begin("Rspamd's own files parse");
	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		char path[512];

		snprintf(path, sizeof(path), "%s/%s", UCL_DATA_DIR, files[i]);
		err_init(&err);
		v = ucl_parse_file(path, &exists, &err);
		test_assert(v != NULL);
		if (v == NULL)
			test_assert_str(err.msg, "");
		if (i == 2 && v != NULL) {
			g = json_object_get(v, "group");
			test_assert(json_is_array(g) && json_array_size(g) >= 10);
		}
		json_decref(v);
	}
	v = ucl_parse_file(UCL_DATA_DIR "/missing.conf", &exists, &err);
	test_assert(v == NULL && exists == 0);
	test_end();
}

int main(void)
{
	test_sections();
	test_comments();
	test_strings();
	test_arrays();
	test_numbers();
	test_errors();
	test_includes();
	test_rspamd_files();
	test_fuzz_findings();
	test_depth();
	test_no_include();
	return test_done();
}
