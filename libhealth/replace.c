// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * A file replaced whole: written beside it under a name of our own, made
 * exclusively (never another writer's file, nor a link someone planted),
 * then renamed over it, so that a reader sees the old file or the new one.
 */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "internal.h"

static int
write_all(int fd, const char *buf, size_t len)
{
	while (len) {
		ssize_t n = write(fd, buf, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		buf += n;
		len -= (size_t)n;
	}
	return 0;
}

/* The rename made durable; the file is whole either way, so best effort. */
static void
sync_dir_of(const char *path)
{
	char *copy = strdup(path);
	int fd;

	if (!copy)
		return;
	fd = open(dirname(copy), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	free(copy);
	if (fd < 0)
		return;
	if (fsync(fd) < 0) {
		/* nothing to do: the data and the name are written */
	}
	close(fd);
}

int
hl_file_replace(const char *path, const char *text, size_t len, mode_t mode,
		bool durable)
{
	char *tmp;
	int fd, error;

	if (asprintf(&tmp, "%s.XXXXXX", path) < 0)
		return -ENOMEM;
	fd = mkostemp(tmp, O_CLOEXEC);
	if (fd < 0) {
		error = -errno;
		free(tmp);
		return error;
	}
	/* The mode asked for whatever the umask (a unit's may be 7777). */
	error = fchmod(fd, mode) ? -errno : write_all(fd, text, len);
	if (!error && durable && fsync(fd) < 0)
		error = -errno;
	if (close(fd) < 0 && !error)
		error = -errno;
	if (!error && rename(tmp, path) < 0)
		error = -errno;
	if (error)
		unlink(tmp); /* a full disk leaves the old file, and no other */
	else if (durable)
		sync_dir_of(path);
	free(tmp);
	return error;
}
