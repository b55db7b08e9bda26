/*
 * standalone.c - runs a libFuzzer target without libFuzzer, as a TAP test.
 *
 * Usage: standalone CORPUS_DIR [MUTATIONS [SEED]]
 *
 * Feeds every file of CORPUS_DIR to LLVMFuzzerTestOneInput (test point 1),
 * then MUTATIONS inputs (default 20000) made from the corpus by a fixed
 * pseudo-random series from SEED (test point 2): bit flips, random bytes,
 * tokens of the target's syntax (its fuzz_tokens[]) inserted, ranges deleted or repeated, splices
 * of two files. The same seed gives the same inputs, so a failure repeats;
 * the target aborts on a broken promise, which fails the test. Built with
 * the normal compiler, so it is a regression test of the fuzz corpus in
 * every build (tests/meson.build, "fuzz-ucl"). An input that crashes the
 * target is saved as standalone-crash.bin in the working directory, to
 * replay with "standalone DIR 0" on a directory holding it or with the
 * libFuzzer binary.
 */
#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MUTANT_MAX 8192
#define MAX_FILES 256

struct corpus {
	struct buf files[MAX_FILES];
	size_t n;
};

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Read every regular file of dir, in name order. */
static int corpus_load(struct corpus *c, const char *dir)
{
	char *names[MAX_FILES], path[4096];
	size_t n = 0, i;
	struct dirent *de;
	struct err err;
	DIR *d;
	int rc = -1;

	err_init(&err);
	if ((d = opendir(dir)) == NULL) {
		printf("# cannot open '%s'\n", dir);
		return -1;
	}
	while ((de = readdir(d)) != NULL && n < MAX_FILES)
		if (de->d_name[0] != '.')
			names[n++] = strdup(de->d_name);
	closedir(d);
	qsort(names, n, sizeof(names[0]), name_cmp);
	for (i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		buf_init(&c->files[c->n], 0);
		if (buf_read_file(&c->files[c->n], path, &err) < 0) {
			printf("# %s\n", err.msg);
			goto out;
		}
		c->n++;
	}
	rc = 0;
out:
	for (i = 0; i < n; i++)
		free(names[i]);
	return rc;
}

static void corpus_release(struct corpus *c)
{
	size_t i;

	for (i = 0; i < c->n; i++)
		buf_release(&c->files[i]);
	c->n = 0;
}

/* The input under test, saved by the signal handler when it crashes. */
static const uint8_t *current;
static size_t current_len;

#define CRASH_FILE "standalone-crash.bin"

static void save_crash(int sig)
{
	static const char msg[] = "# crashed: input saved as " CRASH_FILE "\n";
	int fd = open(CRASH_FILE, O_WRONLY | O_CREAT | O_TRUNC, 0644);

	if (fd >= 0) {
		if (write(fd, current, current_len) < 0 ||
		    write(STDOUT_FILENO, msg, sizeof(msg) - 1) < 0)
			sig = SIGKILL;
		close(fd);
	}
	signal(sig, SIG_DFL);
	raise(sig);
}

static void run_one(const uint8_t *data, size_t len)
{
	current = data;
	current_len = len;
	LLVMFuzzerTestOneInput(data, len);
}

/* xorshift64*: small, and the same series everywhere. */
static uint64_t rnd_state;

static uint64_t rnd(void)
{
	rnd_state ^= rnd_state >> 12;
	rnd_state ^= rnd_state << 25;
	rnd_state ^= rnd_state >> 27;
	return rnd_state * 0x2545F4914F6CDD1DULL;
}

static size_t rnd_below(size_t n)
{
	return n == 0 ? 0 : (size_t)(rnd() % n);
}

/* Tokens of the target's input language, inserted as one kind of edit;
 * each target file defines them. */
extern const char *const fuzz_tokens[];
extern const size_t fuzz_n_tokens;

/* One edit of b, which stays at most MUTANT_MAX long. */
static void mutate_once(struct buf *b, const struct corpus *c)
{
	size_t at = rnd_below(b->len + 1), n;
	const struct buf *o;
	const char *t;
	struct err err;
	char tmp[MUTANT_MAX];

	err_init(&err);
	switch (rnd_below(7)) {
	case 0: /* flip a bit */
		if (b->len > 0)
			b->data[rnd_below(b->len)] ^=
				(char)(1u << rnd_below(8));
		return;
	case 1: /* a random byte */
		if (b->len > 0)
			b->data[rnd_below(b->len)] = (char)rnd();
		return;
	case 2: /* delete a range */
		if (b->len == 0)
			return;
		n = rnd_below(b->len - at + 1);
		n = n > 16 && rnd_below(2) ? 16 : n;
		memmove(b->data + at, b->data + at + n, b->len - at - n);
		b->len -= n;
		return;
	case 3: /* truncate */
		b->len = at;
		return;
	case 4: /* repeat a range */
		if (b->len == 0)
			return;
		n = rnd_below(b->len - at + 1);
		n = n > 64 ? 64 : n;
		memcpy(tmp, b->data + at, n);
		break;
	case 5: /* a piece of another file */
		o = &c->files[rnd_below(c->n)];
		n = rnd_below(o->len + 1);
		n = n > 256 ? 256 : n;
		if (n == 0)
			return;
		memcpy(tmp, o->data + rnd_below(o->len - n + 1), n);
		break;
	default: /* a token */
		t = fuzz_tokens[rnd_below(fuzz_n_tokens)];
		n = t[0] == '\0' ? 1 : strlen(t);
		memcpy(tmp, t, n);
		break;
	}
	if (n == 0 || b->len + n > MUTANT_MAX || buf_grow(b, n, &err) < 0)
		return;
	memmove(b->data + at + n, b->data + at, b->len - at);
	memcpy(b->data + at, tmp, n);
	b->len += n;
}

static int run_mutations(const struct corpus *c, unsigned long count)
{
	struct buf b = BUF_INIT;
	struct err err;
	unsigned long i;
	size_t k, edits;
	int rc = -1;

	err_init(&err);
	for (i = 0; i < count; i++) {
		/* mostly a fresh copy; sometimes keep mutating the last one */
		if (b.len == 0 || rnd_below(4) != 0) {
			const struct buf *f = &c->files[rnd_below(c->n)];

			buf_reset(&b);
			if (buf_add(&b, f->data, f->len, &err) < 0)
				goto out;
		}
		edits = 1 + rnd_below(4);
		for (k = 0; k < edits; k++)
			mutate_once(&b, c);
		run_one((const uint8_t *)(b.data ? b.data : ""), b.len);
	}
	rc = 0;
out:
	buf_release(&b);
	return rc;
}

int main(int argc, char **argv)
{
	struct corpus c = { .n = 0 };
	unsigned long count = 20000;
	unsigned long long seed = 0x5eed5eedULL;
	size_t i;
	int failed = 0;

	if (argc < 2) {
		fprintf(stderr, "usage: %s CORPUS_DIR [MUTATIONS [SEED]]\n",
			argv[0]);
		return 2;
	}
	if (argc > 2)
		count = strtoul(argv[2], NULL, 10);
	if (argc > 3)
		seed = strtoull(argv[3], NULL, 0);
	rnd_state = seed != 0 ? seed : 1;
	setvbuf(stdout, NULL, _IONBF, 0);
	signal(SIGABRT, save_crash);
	signal(SIGSEGV, save_crash);
	signal(SIGFPE, save_crash);
	signal(SIGBUS, save_crash);
	printf("1..2\n");
	if (corpus_load(&c, argv[1]) < 0 || c.n == 0) {
		printf("not ok 1 - the seed corpus in %s\n", argv[1]);
		printf("not ok 2 - mutations need a corpus\n");
		corpus_release(&c);
		return 1;
	}
	for (i = 0; i < c.n; i++) {
		const struct buf *f = &c.files[i];

		run_one((const uint8_t *)(f->data ? f->data : ""), f->len);
	}
	printf("ok 1 - the seed corpus (%zu files)\n", c.n);
	if (run_mutations(&c, count) < 0) {
		printf("not ok 2 - %lu mutations\n", count);
		failed = 1;
	} else {
		printf("ok 2 - %lu mutations from seed %#llx\n", count, seed);
	}
	corpus_release(&c);
	return failed;
}
