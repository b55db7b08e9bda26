/*
 * fuzz-scan.c - fuzz target of the in-process scanner: arbitrary bytes as
 * a message through msg_parse(), every rule area, scoring and the result
 * model, then the result is released. A crash, leak or undefined behaviour
 * here is a message the LDA could not deliver, so every finding becomes a
 * seed in tests/fuzz/corpus-scan/.
 *
 * The scanner is made once, with no configuration file and no Bayes store
 * (its data directory is a new empty one), at a fixed "now" so runs are
 * repeatable.
 *
 * Run with libFuzzer (README.md, "Fuzzing"; DIR collects new inputs):
 *   CC=clang meson setup build-fuzz -Dfuzz=true
 *   ninja -C build-fuzz tests/fuzz/fuzz-scan
 *   build-fuzz/tests/fuzz/fuzz-scan -max_len=65536 -max_total_time=600 \
 *       DIR tests/fuzz/corpus-scan
 * Without libFuzzer, tests/fuzz/standalone.c runs this target over the
 * corpus and a fixed series of mutations as the unit test "fuzz-scan".
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

#include "err.h"
#include "result.h"
#include "scanner.h"

const struct scanner_ops *rspamc_scanner(void);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Message syntax for the standalone driver's token edits (standalone.c). */
const char *const fuzz_tokens[] = {
	"\n", "\r\n", "\n\n", " ", "\t", ":", ";", "\"", "<", ">", "@",
	"From: ", "To: ", "Cc: ", "Subject: ", "Date: ", "Message-ID: ",
	"Received: from x ([192.0.2.1]) by y; ", "MIME-Version: 1.0\n",
	"Content-Type: multipart/mixed; boundary=\"b\"\n", "\n--b\n",
	"\n--b--\n", "Content-Type: text/html; charset=utf-8\n",
	"Content-Type: text/plain; charset=koi8-r\n",
	"Content-Transfer-Encoding: base64\n",
	"Content-Transfer-Encoding: quoted-printable\n", "=?utf-8?B?w6k=?=",
	"=?iso-8859-1?Q?caf=E9?=", "=E9", "=\n", "<html><body>", "</html>",
	"<a href=\"http://192.0.2.1/x\">", "</a>", "<img src=x width=1>",
	"<font color=#ffffff>", "<style>", "http://", "https://www.",
	"mailto:", "%2e", "\xc3\xa9", "\xff", "\0", "\xe2\x80\xae",
	"filename=\"a.zip.exe\"", "Content-Disposition: attachment\n",
};
const size_t fuzz_n_tokens = sizeof(fuzz_tokens) / sizeof(fuzz_tokens[0]);

static char data_dir[] = "/tmp/fuzz-scan-XXXXXX";

/* The data directory stays empty: no store is created by scanning. */
static void remove_data_dir(void)
{
	rmdir(data_dir);
}

static struct scanner *scanner_once(void)
{
	static struct scanner *s;
	struct err err;

	if (s != NULL)
		return s;
	if (mkdtemp(data_dir) == NULL || atexit(remove_data_dir) != 0)
		abort();
	err_init(&err);
	s = rspamc_scanner()->scanner_new("/dev/null", data_dir, &err);
	if (s == NULL)
		abort();
	return s;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const rcpts[] = { "bob@example.org" };
	const struct scan_envelope env = {
		.ip = "192.0.2.1",
		.helo = "mail.example.com",
		.from = "joe@example.com",
		.rcpts = rcpts,
		.n_rcpts = 1,
		.now = 1700474400,
	};
	struct scan_result r;
	struct err err;

	result_init(&r);
	err_init(&err);
	(void)rspamc_scanner()->scan(scanner_once(), (const char *)data, size,
				     &env, &r, &err);
	result_release(&r);
	err_release(&err);
	return 0;
}
