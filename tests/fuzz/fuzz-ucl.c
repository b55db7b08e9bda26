/*
 * fuzz-ucl.c - the fuzz target of the UCL reader (lib/ucl.c).
 *
 * Parses the input as one UCL document from memory with UCL_NO_INCLUDE
 * (an .include is read but opens no file), then checks what the reader
 * promises and aborts when it does not:
 *   - a document comes back as an object, or NULL with an error message
 *     "fuzz.conf:LINE: ..." whose LINE lies within the input;
 *   - what it read is read again from its own JSON dump to an equal value
 *     (JSON is UCL), so the reader never builds a value it would refuse.
 * Everything is freed, so leaks show under LeakSanitizer.
 *
 * Run with libFuzzer (README.md, "Fuzzing"; DIR collects new inputs):
 *   CC=clang meson setup build-fuzz -Dfuzz=true
 *   ninja -C build-fuzz tests/fuzz/fuzz-ucl
 *   build-fuzz/tests/fuzz/fuzz-ucl -dict=tests/fuzz/ucl.dict \
 *       -max_total_time=600 DIR tests/fuzz/corpus-ucl
 * Without libFuzzer, tests/fuzz/standalone.c runs this target over the
 * corpus and a fixed series of mutations as the unit test "fuzz-ucl".
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ucl.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define NAME "fuzz.conf"

/* UCL syntax for the standalone driver's token edits (standalone.c). */
const char *const fuzz_tokens[] = {
	"{", "}", "[", "]", "=", ":", ";", ",", "\n", " ", "\"", "'", "#",
	"/*", "*/", "\\", "\\u", "\\u00e9", "\\n", "<<EOD\n", "\nEOD\n",
	".include", ".include(try=true) ", ".priority", "\"x\"", "key ",
	"= 1;", "1k", "1kb", "5min", "10ms", "1.5e3", "1e999", "-1",
	"0x1f", "9223372036854775807", "99999999999999999999g", "yes", "off",
	"null", "$CONFDIR/", "\xc3\xa9", "\xff", "\0", "group \"g\" {",
};
const size_t fuzz_n_tokens = sizeof(fuzz_tokens) / sizeof(fuzz_tokens[0]);

static void die(const char *what, const char *detail)
{
	fprintf(stderr, "fuzz-ucl: %s: %s\n", what, detail);
	abort();
}

/* The error names the file and a line of the input. */
static void check_error(const struct err *err, const uint8_t *data,
			size_t size)
{
	const char *p = err->msg + strlen(NAME ":");
	unsigned long line = 0, lines = 1;
	size_t i;

	if (!err_isset(err))
		die("NULL without an error message", "");
	if (strncmp(err->msg, NAME ":", strlen(NAME ":")) != 0)
		die("error without the file name", err->msg);
	while (*p >= '0' && *p <= '9')
		line = line * 10 + (unsigned long)(*p++ - '0');
	for (i = 0; i < size; i++)
		lines += data[i] == '\n';
	if (*p != ':' || line < 1 || line > lines)
		die("error without a line of the input", err->msg);
}

/* What was read reads back from its JSON dump to an equal value. */
static void check_round_trip(const json_t *v)
{
	struct err err;
	json_t *again;
	char *dump;

	dump = json_dumps(v, JSON_COMPACT);
	if (dump == NULL)
		die("json_dumps failed", "");
	err_init(&err);
	again = ucl_parse_flags(dump, strlen(dump), NAME, UCL_NO_INCLUDE,
				&err);
	if (again == NULL)
		die(err.msg, dump);
	if (!json_equal(v, again))
		die("the dump reads back different", dump);
	json_decref(again);
	err_release(&err);
	free(dump);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct err err;
	json_t *v;

	err_init(&err);
	v = ucl_parse_flags((const char *)data, size, NAME, UCL_NO_INCLUDE,
			    &err);
	if (v == NULL) {
		check_error(&err, data, size);
	} else {
		if (!json_is_object(v))
			die("the document is not an object", "");
		if (err_isset(&err))
			die("a document and an error", err.msg);
		check_round_trip(v);
		json_decref(v);
	}
	err_release(&err);
	return 0;
}
