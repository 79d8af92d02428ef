// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Start-up timer for tests/bench/startup: runs each command RUNS times,
 * interleaved (round r starts with command r % n, so that no command always
 * follows the same one), stdin and stdout on /dev/null, and prints one line
 * per run:
 *
 *	run CMD_INDEX WALL_US MAXRSS_KIB EXIT_STATUS
 *
 * WALL_US: from just before posix_spawn() to wait4()'s return; MAXRSS_KIB:
 * the child's peak resident set (wait4's ru_maxrss).  The child is spawned
 * with vfork semantics, so the kernel counts this process's resident set in
 * the child's peak too until the exec: the last line, "self MAXRSS_KIB",
 * says how much that is (build it static to keep it small).  One untimed
 * run of each command comes first.
 *
 *	spawn-time RUNS CMD [ARG...] [--- CMD [ARG...]]...
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

#define MAX_CMDS 16

static long long
now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static int
run(char **argv, posix_spawn_file_actions_t *fa, long long *us, long *rss)
{
	struct rusage ru;
	long long t0;
	pid_t pid;
	int status, err;

	t0 = now_us();
	err = posix_spawn(&pid, argv[0], fa, NULL, argv, environ);
	if (err) {
		fprintf(stderr, "spawn-time: %s: %s\n", argv[0], strerror(err));
		return -1;
	}
	if (wait4(pid, &status, 0, &ru) != pid) {
		perror("spawn-time: wait4");
		return -1;
	}
	*us = now_us() - t0;
	*rss = ru.ru_maxrss;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

int
main(int argc, char **argv)
{
	posix_spawn_file_actions_t fa;
	char **cmds[MAX_CMDS];
	struct rusage self;
	int runs, n = 0, i, r;
	long long us;
	long rss;

	if (argc < 3 || (runs = atoi(argv[1])) <= 0) {
		fprintf(stderr, "usage: spawn-time RUNS CMD [ARG...] [--- CMD [ARG...]]...\n");
		return 4;
	}
	cmds[n++] = &argv[2];
	for (i = 2; i < argc; i++) {
		if (strcmp(argv[i], "---"))
			continue;
		argv[i] = NULL;
		if (n == MAX_CMDS || i + 1 == argc) {
			fprintf(stderr, "spawn-time: too many or empty commands\n");
			return 4;
		}
		cmds[n++] = &argv[i + 1];
	}
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);

	for (i = 0; i < n; i++)
		if (run(cmds[i], &fa, &us, &rss) < 0)
			return 1;
	for (r = 0; r < runs; r++) {
		for (i = 0; i < n; i++) {
			int c = (r + i) % n, rc = run(cmds[c], &fa, &us, &rss);

			if (rc < 0)
				return 1;
			printf("run %d %lld %ld %d\n", c, us, rss, rc);
		}
	}
	getrusage(RUSAGE_SELF, &self);
	printf("self %ld\n", self.ru_maxrss);
	return 0;
}
