// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * verify_media's checkpoint file: read it (refusing what is damaged or
 * belongs to another scan, and leaving it as it was), and replace it whole.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "io.h"
#include "media_scan.h"

static int
read_all(int fd, char **buf, size_t *len)
{
	struct stat st;
	size_t have = 0;
	char *b;

	if (fstat(fd, &st) < 0)
		return -errno;
	if (!S_ISREG(st.st_mode))
		return -EINVAL;
	if (st.st_size > HL_CKPT_MAX_SIZE)
		return -EFBIG;
	b = malloc(st.st_size + 1);
	if (!b)
		return -ENOMEM;
	/* Read to the end even if it grew: the parser judges the size. */
	while (have <= (size_t)st.st_size) {
		ssize_t n = read(fd, b + have, st.st_size + 1 - have);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			free(b);
			return -errno;
		}
		if (!n)
			break;
		have += n;
	}
	*buf = b;
	*len = have;
	return 0;
}

int
media_ckpt_load(const char *path, struct hl_media_ckpt *c, bool *found)
{
	char *buf = NULL;
	size_t len = 0;
	int fd, error;

	memset(c, 0, sizeof(*c));
	*found = false;
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (fd < 0 && errno == ENOENT)
		return 0;
	if (fd < 0) {
		error = -errno;
		io_error("verify_media: checkpoint %s: %s", path,
			 strerror(-error));
		return error;
	}
	error = read_all(fd, &buf, &len);
	close(fd);
	if (error == -EINVAL || error == -EFBIG) {
		io_error("verify_media: checkpoint %s: not a regular file of "
			 "at most %u MiB; not ours, left as it is",
			 path, HL_CKPT_MAX_SIZE >> 20);
		return -EBADMSG;
	}
	if (error) {
		io_error("verify_media: checkpoint %s: %s", path,
			 strerror(-error));
		return error;
	}
	error = hl_media_ckpt_parse(buf, len, c);
	free(buf);
	if (error == -EPROTONOSUPPORT) {
		io_error("verify_media: checkpoint %s: written by another "
			 "version (this one reads version %d); left as it is",
			 path, HL_CKPT_VERSION);
		return -EBADMSG;
	}
	if (error == -EBADMSG) {
		io_error("verify_media: checkpoint %s: damaged or not a "
			 "checkpoint; left as it is (remove it to start over)",
			 path);
		return error;
	}
	if (error) {
		io_error("verify_media: checkpoint %s: %s", path,
			 strerror(-error));
		return error;
	}
	*found = true;
	return 0;
}

static void
uuid_text(const unsigned char *u, char *buf, size_t len)
{
	snprintf(buf, len,
		 "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-"
		 "%02x%02x%02x%02x%02x%02x",
		 u[0], u[1], u[2], u[3], u[4], u[5], u[6], u[7], u[8], u[9],
		 u[10], u[11], u[12], u[13], u[14], u[15]);
}

bool
media_ckpt_matches(const char *path, const struct hl_media_ckpt *c,
		   const struct hl_media_ckpt *want)
{
	const struct hl_name_table *devs = hl_device_names();
	char a[40], b[40];

	if (memcmp(c->uuid, want->uuid, sizeof(c->uuid))) {
		uuid_text(c->uuid, a, sizeof(a));
		uuid_text(want->uuid, b, sizeof(b));
		io_error("verify_media: checkpoint %s is of filesystem %s, "
			 "not of this one (%s); left as it is",
			 path, a, b);
		return false;
	}
	if (c->dev != want->dev) {
		io_error("verify_media: checkpoint %s is of the %s, not the "
			 "%s; left as it is",
			 path, hl_name_of(devs, c->dev),
			 hl_name_of(devs, want->dev));
		return false;
	}
	if (c->start != want->start || c->end != want->end ||
	    c->used_only != want->used_only) {
		io_error("verify_media: checkpoint %s is of bytes %" PRIu64
			 " to %" PRIu64 "%s, not %" PRIu64 " to %" PRIu64
			 "%s; left as it is",
			 path, c->start << HL_BBSHIFT, c->end << HL_BBSHIFT,
			 c->used_only ? " in use (-u)" : "",
			 want->start << HL_BBSHIFT, want->end << HL_BBSHIFT,
			 want->used_only ? " in use (-u)" : "");
		return false;
	}
	if (c->io_sectors != want->io_sectors) {
		io_error("verify_media: checkpoint %s read %" PRIu64
			 " bytes at a time, not %" PRIu64 " (-b); left as "
			 "it is",
			 path, (uint64_t)c->io_sectors << HL_BBSHIFT,
			 (uint64_t)want->io_sectors << HL_BBSHIFT);
		return false;
	}
	return true;
}

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
		len -= n;
	}
	return 0;
}

static int
sync_dir_of(const char *path)
{
	char *copy = strdup(path);
	int fd, error = 0;

	if (!copy)
		return -ENOMEM;
	fd = open(dirname(copy), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	free(copy);
	if (fd < 0)
		return -errno;
	if (fsync(fd) < 0 && errno != EINVAL)
		error = -errno;
	close(fd);
	return error;
}

int
media_ckpt_save(const char *path, const struct hl_media_ckpt *c)
{
	char *text, *tmp;
	size_t len;
	int fd, error;

	error = hl_media_ckpt_format(c, &text, &len);
	if (error)
		return error;
	if (asprintf(&tmp, "%s.%d.new", path, (int)getpid()) < 0) {
		free(text);
		return -ENOMEM;
	}
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW,
		  0644);
	if (fd < 0) {
		error = -errno;
		goto out;
	}
	error = write_all(fd, text, len);
	if (!error && fsync(fd) < 0)
		error = -errno;
	if (close(fd) < 0 && !error)
		error = -errno;
	if (!error && rename(tmp, path) < 0)
		error = -errno;
	if (error)
		unlink(tmp); /* a full disk leaves the old file, and no other */
	else
		error = sync_dir_of(path);
out:
	free(tmp);
	free(text);
	return error;
}
