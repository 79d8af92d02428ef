// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Finding our filesystem again.  The daemon keeps no descriptor on it (that
 * would keep it from being unmounted), so before each repair it opens the
 * mount point by path and proves that what it opened is the filesystem it
 * monitors: the root's file handle must be byte-identical to the one taken
 * at start, and the monitor must say the descriptor is on its filesystem.
 * A handle alone is not proof: a copy of the device mounted with -o nouuid
 * has the same one.  When the check fails, statmount() by mount id tells
 * where our mount is now (mount --move keeps the id).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>

#include "healthd.h"
#include "mounts.h"

static int
open_checked(struct healthd *hd, const char *where)
{
	struct xfs_health_file_on_monitored_fs on = {0};
	struct xfs_handle h;
	int fd = open(where, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd < 0)
		return -errno;
	if (hd->have_handle &&
	    (hl_fd_to_handle(fd, &h) ||
	     memcmp(&h, &hd->fs_handle, sizeof(h)))) {
		log_debug(hd, "%s: not the filesystem we monitor (handle)",
			  where);
		goto stale;
	}
	on.fd = fd;
	if (ioctl(hd->mon_fd, XFS_IOC_HEALTH_FD_ON_MONITORED_FS, &on) < 0) {
		log_debug(hd, "%s: not the filesystem we monitor (%s)", where,
			  strerror(errno));
		goto stale;
	}
	return fd;
stale:
	close(fd);
	return -ESTALE;
}

/* Where statmount says our mount is now, if that is somewhere else. */
static char *
moved_to(struct healthd *hd, const char *where)
{
	struct hl_mount_info mi = {0};
	char *path = NULL;

	if (!hd->mnt_id || hl_mount_stat(hd->mnt_id, &mi))
		return NULL;
	if (strcmp(mi.mnt_point, where))
		path = strdup(mi.mnt_point);
	hl_mount_info_free(&mi);
	return path;
}

int
healthd_open_fs(struct healthd *hd)
{
	char *where, *moved;
	int fd;

	pthread_mutex_lock(&hd->where_lock);
	where = strdup(hd->where);
	pthread_mutex_unlock(&hd->where_lock);
	if (!where)
		return -ENOMEM;

	fd = open_checked(hd, where);
	if (fd >= 0 || fd == -ENOMEM)
		goto out;
	moved = moved_to(hd, where);
	if (!moved) {
		fd = -ESTALE;
		goto out;
	}
	fd = open_checked(hd, moved);
	if (fd >= 0) {
		pthread_mutex_lock(&hd->where_lock);
		if (!strcmp(hd->where, where)) {
			free(hd->where);
			hd->where = moved;
			hd->moved = true;
			moved = NULL;
			path_cache_clear(&hd->paths);
			log_notice(hd, "Filesystem moved to %s.", hd->where);
		}
		pthread_mutex_unlock(&hd->where_lock);
	} else {
		fd = -ESTALE;
	}
	free(moved);
out:
	free(where);
	return fd;
}

int
healthd_inode_path(struct healthd *hd, int fd, uint64_t ino, uint32_t gen,
		   char **path)
{
	struct xfs_handle h;
	char *rel = NULL;
	bool ours = fd < 0;
	int error;

	*path = NULL;
	if (!hd->has_parent || !hd->have_handle)
		return -EOPNOTSUPP;
	if (ours) {
		fd = healthd_open_fs(hd);
		if (fd < 0)
			return fd;
	}
	hl_handle_for_inode(&hd->fs_handle, ino, gen, &h);
	error = hl_handle_path(fd, &h, &rel);
	if (ours)
		close(fd);
	if (error)
		return error;
	/*
	 * Under the mount point as the user named it, or where the
	 * filesystem is now if it was moved: a path to use as it is.
	 */
	pthread_mutex_lock(&hd->where_lock);
	const char *top = hd->moved ? hd->where : hd->mnt;
	size_t tlen = strlen(top);
	const char *tail = rel;

	if (!strcmp(rel, "/"))
		tail = "";
	else if (tlen && top[tlen - 1] == '/')
		tail = rel + 1;
	if (asprintf(path, "%s%s", top, tail) < 0) {
		*path = NULL;
		error = -ENOMEM;
	}
	pthread_mutex_unlock(&hd->where_lock);
	free(rel);
	if (!error)
		path_cache_put(&hd->paths, ino, gen, *path);
	return error;
}

int
healthd_logged_path(struct healthd *hd, uint64_t ino, uint32_t gen,
		    char **path)
{
	*path = path_cache_get(&hd->paths, ino, gen);
	if (*path)
		return 0;
	return healthd_inode_path(hd, -1, ino, gen, path);
}
