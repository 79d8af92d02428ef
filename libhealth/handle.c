// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * File handles and parent-pointer paths: the few kernel calls that both
 * xfs_health (owners of bad media) and xfs_healthd (paths in its log, the
 * identity of its filesystem) need.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>

#include "internal.h"
#include "xfs_health_abi.h"

#define MAX_DEPTH 256 /* directory levels walked up for a path */

int
hl_fd_to_handle(int fd, struct xfs_handle *h)
{
	uint32_t hlen = sizeof(*h);
	struct xfs_fsop_handlereq hreq = {
		.fd = fd,
		.ohandle = h,
		.ohandlen = &hlen,
	};

	memset(h, 0, sizeof(*h));
	if (ioctl(fd, XFS_IOC_FD_TO_HANDLE, &hreq) < 0)
		return -errno;
	return 0;
}

int
hl_open_by_handle(int fsfd, const struct xfs_handle *h, int flags)
{
	struct xfs_fsop_handlereq hreq = {
		.fd = fsfd,
		.oflags = flags,
		.ihandle = (void *)h,
		.ihandlen = sizeof(*h),
	};
	int fd = ioctl(fsfd, XFS_IOC_OPEN_BY_HANDLE, &hreq);

	return fd < 0 ? -errno : fd;
}

void
hl_handle_for_inode(const struct xfs_handle *fs, uint64_t ino, uint32_t gen,
		    struct xfs_handle *h)
{
	*h = *fs;
	h->ha_fid.fid_len = sizeof(h->ha_fid) - sizeof(h->ha_fid.fid_len);
	h->ha_fid.fid_pad = 0;
	h->ha_fid.fid_gen = gen;
	h->ha_fid.fid_ino = ino;
}

/* "/name" + @path, reallocated; NULL (and @path freed) without memory. */
static char *
prepend(char *path, const char *name)
{
	size_t nlen = strlen(name), plen = strlen(path);
	char *p = malloc(nlen + plen + 2);

	if (p) {
		p[0] = '/';
		memcpy(p + 1, name, nlen);
		memcpy(p + 1 + nlen, path, plen + 1);
	}
	free(path);
	return p;
}

int
hl_handle_path(int dirfd, const struct xfs_handle *handle, char **pathp)
{
	uint64_t buf[512]; /* records are 8-byte aligned */
	struct xfs_handle h = *handle;
	char *path = strdup("");
	int error = -ENOENT;

	*pathp = NULL;
	for (int depth = 0; path && depth < MAX_DEPTH; depth++) {
		struct xfs_getparents_by_handle req = {
			.gph_handle = h,
			.gph_request =
				{
					.gp_bufsize = sizeof(buf),
					.gp_buffer = (uintptr_t)buf,
				},
		};
		const struct xfs_getparents_rec *rec = (const void *)buf;

		memset(buf, 0, sizeof(buf));
		if (ioctl(dirfd, XFS_IOC_GETPARENTS_BY_HANDLE, &req) < 0) {
			error = -errno;
			break;
		}
		if (req.gph_request.gp_oflags & XFS_GETPARENTS_OFLAG_ROOT) {
			if (!*path) {
				free(path);
				path = strdup("/");
				if (!path)
					return -ENOMEM;
			}
			*pathp = path;
			return 0;
		}
		/* No record at all: an unlinked file has no path. */
		if (!rec->gpr_name[0] || rec->gpr_reclen < sizeof(*rec))
			break;
		((char *)buf)[sizeof(buf) - 1] = '\0';
		path = prepend(path, rec->gpr_name);
		h = rec->gpr_parent;
	}
	if (!path)
		return -ENOMEM;
	free(path);
	return error;
}
