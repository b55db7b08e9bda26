/* inputs.c - see inputs.h. */
#include "inputs.h"

#include <dirent.h>
#include <errno.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "buf.h"

void inputs_init(struct inputs *in)
{
	memset(in, 0, sizeof(*in));
}

void inputs_release(struct inputs *in)
{
	for (size_t i = 0; i < in->n; i++)
		free(in->paths[i]);
	free(in->paths);
	inputs_init(in);
}

static int push(struct inputs *in, char *path, struct err *err)
{
	if (in->n == in->alloc) {
		size_t cap = in->alloc ? in->alloc * 2 : 64;
		char **p = realloc(in->paths, cap * sizeof(*p));

		if (p == NULL) {
			free(path);
			return err_set(err, "out of memory");
		}
		in->paths = p;
		in->alloc = cap;
	}
	in->paths[in->n++] = path;
	return 0;
}

/* Count and report a path that cannot be used: "<what> '<path>': <errno>". */
static void fail(struct inputs *in, const char *what, const char *path, int e)
{
	char msg[ERR_MAX];

	snprintf(msg, sizeof(msg), "%s '%s': %s", what, path, strerror(e));
	in->n_failed++;
	if (in->report != NULL)
		in->report(in->report_ctx, msg);
}

static int excluded(const char *path, char *const *excludes)
{
	for (size_t i = 0; excludes != NULL && excludes[i] != NULL; i++)
		if (fnmatch(excludes[i], path, 0) == 0)
			return 1;
	return 0;
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

static int walk(struct inputs *in, const char *dir, char *const *excludes,
		struct err *err)
{
	struct dirent **names;
	int n, rc = 0;

	n = scandir(dir, &names, NULL, by_name);
	if (n < 0) {
		fail(in, "cannot open directory", dir, errno);
		return 0;
	}
	for (int i = 0; i < n; i++) {
		struct stat st;
		char *path;

		if (rc == 0 && names[i]->d_name[0] != '.' &&
		    asprintf(&path, "%s/%s", dir, names[i]->d_name) >= 0) {
			if (lstat(path, &st) < 0) {
				fail(in, "cannot stat", path, errno);
				free(path);
			} else if (S_ISDIR(st.st_mode)) {
				rc = walk(in, path, excludes, err);
				free(path);
			} else if (S_ISREG(st.st_mode) &&
				   !excluded(path, excludes)) {
				rc = push(in, path, err);
			} else {
				free(path);
			}
		}
		free(names[i]);
	}
	free(names);
	return rc;
}

int inputs_add_path(struct inputs *in, const char *path,
		    char *const *excludes, struct err *err)
{
	struct stat st;
	char *copy;

	if (stat(path, &st) < 0) {
		fail(in, "cannot stat file", path, errno);
		return 0;
	}
	if (S_ISDIR(st.st_mode))
		return walk(in, path, excludes, err);
	copy = strdup(path);
	if (copy == NULL)
		return err_set(err, "out of memory");
	return push(in, copy, err);
}

int inputs_add_list(struct inputs *in, const char *list_file,
		    char *const *excludes, struct err *err)
{
	struct buf b;
	size_t pos = 0;
	int rc = 0;

	buf_init(&b, 0);
	if (strcmp(list_file, "-") == 0
		    ? buf_read_fd(&b, 0, "stdin", err)
		    : buf_read_file(&b, list_file, err)) {
		buf_release(&b);
		return -1;
	}
	while (rc == 0 && pos < b.len) {
		char *line = b.data + pos;
		size_t n = strcspn(line, "\r\n");

		line[n] = '\0';
		if (n > 0)
			rc = inputs_add_path(in, line, excludes, err);
		pos += n + 1;
	}
	buf_release(&b);
	return rc;
}
