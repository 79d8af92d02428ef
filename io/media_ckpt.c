// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * verify_media's checkpoint file: read it (refusing what is damaged or
 * belongs to another scan, and leaving it as it was), and replace it whole.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
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
media_ckpt_load(const char *path, bool restart, struct hl_media_ckpt *c,
		bool *found)
{
	const char *fate = restart ? "not resumed" : "left as it is";
	char *buf = NULL;
	size_t len = 0;
	int fd, error;

	memset(c, 0, sizeof(*c));
	*found = false;
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK |
			  O_NOFOLLOW);
	if (fd < 0 && errno == ENOENT)
		return 0;
	if (fd < 0 && errno == ELOOP) {
		io_error("verify_media: checkpoint %s: a symbolic link; not "
			 "ours, %s",
			 path, fate);
		return -EBADMSG;
	}
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
			 "at most %u MiB; not ours, %s",
			 path, HL_CKPT_MAX_SIZE >> 20, fate);
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
			 "version (this one reads version %d); %s",
			 path, HL_CKPT_VERSION, fate);
		return -EBADMSG;
	}
	if (error == -EBADMSG) {
		io_error("verify_media: checkpoint %s: damaged or not a "
			 "checkpoint; %s%s",
			 path, fate, restart ? "" : " (remove it to start over)");
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

bool
media_ckpt_matches(const char *path, bool restart,
		   const struct hl_media_ckpt *c,
		   const struct hl_media_ckpt *want)
{
	const char *fate = restart ? "not resumed" : "left as it is";

	const struct hl_name_table *devs = hl_device_names();
	char a[40], b[40];

	if (memcmp(c->uuid, want->uuid, sizeof(c->uuid))) {
		hl_uuid_format(c->uuid, a, sizeof(a));
		hl_uuid_format(want->uuid, b, sizeof(b));
		io_error("verify_media: checkpoint %s is of filesystem %s, "
			 "not of this one (%s); %s",
			 path, a, b, fate);
		return false;
	}
	if (c->dev != want->dev) {
		io_error("verify_media: checkpoint %s is of the %s, not the "
			 "%s; %s",
			 path, hl_name_of(devs, c->dev),
			 hl_name_of(devs, want->dev), fate);
		return false;
	}
	if (c->start != want->start || c->end != want->end ||
	    c->used_only != want->used_only) {
		io_error("verify_media: checkpoint %s is of bytes %" PRIu64
			 " to %" PRIu64 "%s, not %" PRIu64 " to %" PRIu64
			 "%s; %s",
			 path, c->start << HL_BBSHIFT, c->end << HL_BBSHIFT,
			 c->used_only ? " in use (-u)" : "",
			 want->start << HL_BBSHIFT, want->end << HL_BBSHIFT,
			 want->used_only ? " in use (-u)" : "", fate);
		return false;
	}
	if (c->io_sectors != want->io_sectors) {
		io_error("verify_media: checkpoint %s read %" PRIu64
			 " bytes at a time, not %" PRIu64 " (-b); %s",
			 path, (uint64_t)c->io_sectors << HL_BBSHIFT,
			 (uint64_t)want->io_sectors << HL_BBSHIFT, fate);
		return false;
	}
	return true;
}

int
media_ckpt_save(const char *path, const struct hl_media_ckpt *c)
{
	char *text;
	size_t len;
	int error;

	error = hl_media_ckpt_format(c, &text, &len);
	if (!error)
		error = hl_file_replace(path, text, len, 0644, true);
	free(text);
	return error;
}

int
media_ckpt_set_aside(const char *path)
{
	char *aside;
	int error = 0;

	if (asprintf(&aside, "%s.stale", path) < 0)
		return -ENOMEM;
	if (rename(path, aside) < 0)
		error = -errno;
	else
		io_error("verify_media: checkpoint %s moved to %s; starting "
			 "over",
			 path, aside);
	free(aside);
	return error;
}
