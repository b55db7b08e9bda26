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
	return test_done();
}
