/* test-buf.c - struct buf: growth, limits, reading descriptors. */
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include "buf.h"
#include "test.h"

static void test_add_and_nul(void)
{
	struct buf b;
	struct err err;

	test_begin("buf keeps NUL bytes and terminates");
	buf_init(&b, 0);
	err_init(&err);
	test_assert(buf_add(&b, "a\0b", 3, &err) == 0);
	test_assert(buf_addf(&b, &err, "%d-%s", 42, "x") == 0);
	test_assert_mem(b.data, b.len, "a\0b42-x", 7);
	test_assert(b.data[b.len] == '\0');
	buf_release(&b);
	test_end();
}

static void test_limit(void)
{
	struct buf b;
	struct err err;

	test_begin("buf refuses to grow past max and stays intact");
	buf_init(&b, 4);
	err_init(&err);
	test_assert(buf_addstr(&b, "abcd", &err) == 0);
	test_assert(buf_addch(&b, 'e', &err) == -1);
	test_assert(strstr(err.msg, "limit of 4 bytes") != NULL);
	test_assert_mem(b.data, b.len, "abcd", 4);
	buf_release(&b);
	test_end();
}

static void test_addf_room(void)
{
	struct buf b;
	struct err err;
	size_t i;

	test_begin("buf_addf prints into spare room, grows when it must");
	buf_init(&b, 0);
	err_init(&err);
	test_assert(buf_addstr(&b, "x", &err) == 0);
	for (i = 0; i < 40; i++)
		test_assert(buf_addf(&b, &err, "%02zu:", i) == 0);
	test_assert(b.len == 1 + 40 * 3);
	test_assert_mem(b.data + b.len - 6, 6, "38:39:", 6);
	test_assert(b.data[b.len] == '\0');
	test_assert(buf_addf(&b, &err, "%200s|", "y") == 0);
	test_assert(b.len == 1 + 40 * 3 + 201);
	test_assert_mem(b.data + b.len - 2, 2, "y|", 2);
	buf_release(&b);
	test_end();

	test_begin("buf_addf past max fails and leaves the buffer as it was");
	buf_init(&b, 70);
	err_init(&err);
	test_assert(buf_addstr(&b, "abcd", &err) == 0);
	test_assert(b.alloc > 10);
	test_assert(buf_addf(&b, &err, "%s", "0123456789") == 0);
	test_assert(buf_addf(&b, &err, "%60s", "z") == -1);
	test_assert(strstr(err.msg, "limit of 70 bytes") != NULL);
	test_assert_mem(b.data, b.len, "abcd0123456789", 14);
	test_assert(b.data[b.len] == '\0');
	buf_release(&b);
	test_end();
}

static void test_read_fd(void)
{
	struct buf b;
	struct err err;
	int fds[2];

	test_begin("buf_read_fd reads a pipe to EOF");
	test_assert(pipe(fds) == 0);
	test_assert(write(fds[1], "hello\0world", 11) == 11);
	close(fds[1]);
	buf_init(&b, 0);
	err_init(&err);
	test_assert(buf_read_fd(&b, fds[0], "pipe", &err) == 0);
	test_assert_mem(b.data, b.len, "hello\0world", 11);
	close(fds[0]);
	buf_release(&b);
	test_end();

	test_begin("buf_read_fd stops at the limit with an error");
	test_assert(pipe(fds) == 0);
	test_assert(write(fds[1], "0123456789", 10) == 10);
	close(fds[1]);
	buf_init(&b, 5);
	err_init(&err);
	test_assert(buf_read_fd(&b, fds[0], "pipe", &err) == -1);
	test_assert_str(err.msg, "'pipe' exceeds the limit of 5 bytes");
	close(fds[0]);
	buf_release(&b);
	test_end();

	test_begin("buf_read_fd names a directory");
	buf_init(&b, 0);
	err_init(&err);
	{
		int fd = open("/", O_RDONLY);

		test_assert(buf_read_fd(&b, fd, "/", &err) == -1);
		test_assert_str(err.msg, "cannot read '/': Is a directory");
		close(fd);
	}
	buf_release(&b);
	test_end();
}

static void test_detach(void)
{
	struct buf b = BUF_INIT;
	struct err err;
	size_t len;
	char *p;

	test_begin("buf_detach hands over the block");
	err_init(&err);
	test_assert(buf_addstr(&b, "xyz", &err) == 0);
	p = buf_detach(&b, &len);
	test_assert(len == 3 && strcmp(p, "xyz") == 0);
	test_assert(b.data == NULL && b.len == 0);
	free(p);
	test_end();
}

int main(void)
{
	test_add_and_nul();
	test_limit();
	test_addf_room();
	test_read_fd();
	test_detach();
	return test_done();
}
