/*
 * measure.c - run a command N times; print the median and minimum wall
 * time in ms, the peak RSS in KiB of the worst run, and the last status.
 *
 *   measure N STDIN_FILE|- CMD ARGS...
 *
 * A small C launcher, so that a child's peak RSS (which Linux carries
 * across exec) is the command's own and not an interpreter's.
 */
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
	int n = argc > 3 ? atoi(argv[1]) : 0;
	double *t = calloc(n > 0 ? n : 1, sizeof(double));
	long peak = 0;
	int status = 0;

	if (n <= 0) {
		fprintf(stderr, "usage: measure N STDIN|- CMD ARGS...\n");
		return 2;
	}
	for (int i = -1; i < n; i++) {
		posix_spawn_file_actions_t fa;
		struct rusage ru;
		double t0;
		pid_t pid;

		posix_spawn_file_actions_init(&fa);
		posix_spawn_file_actions_addopen(&fa, 0,
			strcmp(argv[2], "-") ? argv[2] : "/dev/null", O_RDONLY, 0);
		posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
		posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
		t0 = now_ms();
		if (posix_spawnp(&pid, argv[3], &fa, NULL, argv + 3, environ)) {
			perror(argv[3]);
			return 2;
		}
		wait4(pid, &status, 0, &ru);
		if (i >= 0) { /* run -1 warms the caches */
			t[i] = now_ms() - t0;
			if (ru.ru_maxrss > peak)
				peak = ru.ru_maxrss;
		}
		posix_spawn_file_actions_destroy(&fa);
	}
	qsort(t, n, sizeof(double), cmp);
	printf("%.2f %.2f %ld %d\n", t[n / 2], t[0], peak,
	       WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
	return 0;
}
