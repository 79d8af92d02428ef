// SPDX-License-Identifier: GPL-2.0-or-later
/* Asking systemd to start units: unit names, and systemctl --no-block. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "health.h"
#include "child.h"
#include "service.h"

int
service_unit_name(const char *prefix, const char *path, char **unit)
{
	/* Every byte may become \xNN; "@" and ".service" come on top. */
	size_t len = strlen(prefix) + 4 * strlen(path) + 16;
	char *buf;
	int ret;

	buf = malloc(len);
	if (!buf)
		return -ENOMEM;
	ret = hl_unit_name(buf, len, prefix, path);
	if (ret < 0) {
		free(buf);
		return ret == -ENOSPC ? -EINVAL : ret;
	}
	*unit = buf;
	return 0;
}

int
service_instance_name(const char *prefix, const char *path, char **name)
{
	int error = service_unit_name(prefix, path, name);

	if (!error)
		*strrchr(*name, '.') = '\0'; /* ".service" */
	return error;
}

/*
 * The child: stdio on /dev/null (stdin too, so systemctl never asks for a
 * password), no other descriptor but the error pipe, which exec closes,
 * default signal handling whatever the caller blocked or ignored.  Only
 * async-signal-safe calls: the caller may have threads.
 */
static void __attribute__((noreturn))
run_child(const char *verb, const char *unit, int errfd)
{
	char *const argv[] = { "systemctl", (char *)verb, "--no-block",
			       (char *)unit, NULL };
	int error, null;

	child_reset_signals();

	/* Above stderr, so that the dup2s below cannot overwrite it. */
	errfd = fcntl(errfd, F_DUPFD_CLOEXEC, 3);
	if (errfd < 0)
		_exit(127);
	null = open("/dev/null", O_RDWR);
	if (null < 0)
		goto fail;
	for (int fd = 0; fd <= 2; fd++)
		if (null != fd && dup2(null, fd) < 0)
			goto fail;
	if (errfd != 3) {
		if (dup3(errfd, 3, O_CLOEXEC) < 0)
			goto fail;
		errfd = 3;
	}
	child_close_from(4);

	execvp(argv[0], argv);
fail:
	error = errno;
	if (write(errfd, &error, sizeof(error)) < 0) {
		/* Nothing to tell it with; the exit status says it. */
	}
	_exit(127);
}

int
service_request(const char *verb, const char *unit)
{
	int pipefd[2], status, child_errno;
	ssize_t got;
	pid_t pid;

	/* The child's exec failure comes back through this pipe. */
	if (pipe2(pipefd, O_CLOEXEC) < 0)
		return -errno;
	pid = fork();
	if (pid < 0) {
		int error = -errno;

		close(pipefd[0]);
		close(pipefd[1]);
		return error;
	}
	if (pid == 0)
		run_child(verb, unit, pipefd[1]);

	close(pipefd[1]);
	do {
		got = read(pipefd[0], &child_errno, sizeof(child_errno));
	} while (got < 0 && errno == EINTR);
	close(pipefd[0]);

	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR)
			return -errno;
	}
	if (got == sizeof(child_errno))
		return child_errno > 0 ? -child_errno : -EIO;
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return -EIO;
}
