// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Finding our filesystem again.  The daemon keeps no descriptor on it (that
 * would keep it from being unmounted), so before each repair it opens the
 * mount point by path and proves that what it opened is the filesystem it
 * monitors: the root's file handle must be byte-identical to the one taken
 * at start, and the monitor must say the descriptor is on its filesystem.
 * A handle alone is not proof: a copy of the device mounted with -o nouuid
 * has the same one.
 *
 * When the proof fails, the filesystem may still be mounted elsewhere: our
 * mount was moved (statmount by its id says where), or it went while other
 * mounts of the filesystem stay (a bind mount survives the unmount of the
 * original).  Then every mount of the same superblock is a candidate,
 * whole-filesystem mounts first; a bind of a directory inside it will do
 * too, through the root's handle.  The first that passes the proof is used
 * from then on, and the log says so once: writable mounts before
 * read-only ones, which a repair cannot use.  While any mount of the
 * filesystem can be reached, only the kernel's unmount event ends the
 * daemon.  A search that found nothing is not made again for a second, so
 * that a storm of events about an unreachable filesystem does not list
 * every mount for each.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>

#include "clock.h"
#include "healthd.h"
#include "mounts.h"

/* A search for another mount that found none is not made again so soon. */
#define SEARCH_HOLDOFF_NS NSEC_PER_SEC

static bool
is_whole(const char *root)
{
	return !strcmp(root, "/");
}

/*
 * The root of our filesystem through the mount at @where, whose directory
 * in the filesystem is @root, proven ours; or -ESTALE.
 */
static int
open_checked(struct healthd *hd, const char *where, const char *root)
{
	struct xfs_health_file_on_monitored_fs on = {0};
	struct log_name shown;
	struct xfs_handle h;
	int fd = open(where, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd < 0)
		return -errno;
	if (!is_whole(root) && hd->have_handle) {
		/* A bind of a directory inside: the root by its handle. */
		int rfd = hl_open_by_handle(fd, &hd->fs_handle, O_RDONLY);

		close(fd);
		if (rfd < 0) {
			log_debug(hd, "%s: no root by handle (%s)",
				  log_name(&shown, where), strerror(-rfd));
			return rfd == -ENOMEM ? rfd : -ESTALE;
		}
		fd = rfd;
		fcntl(fd, F_SETFD, FD_CLOEXEC);
	}
	if (hd->have_handle &&
	    (hl_fd_to_handle(fd, &h) ||
	     memcmp(&h, &hd->fs_handle, sizeof(h)))) {
		log_debug(hd, "%s: not the filesystem we monitor (handle)",
			  log_name(&shown, where));
		goto stale;
	}
	on.fd = fd;
	if (ioctl(hd->mon_fd, XFS_IOC_HEALTH_FD_ON_MONITORED_FS, &on) < 0) {
		log_debug(hd, "%s: not the filesystem we monitor (%s)",
			  log_name(&shown, where), strerror(errno));
		goto stale;
	}
	return fd;
stale:
	close(fd);
	return -ESTALE;
}

uint64_t
healthd_mount_id(struct healthd *hd)
{
	uint64_t id;

	pthread_mutex_lock(&hd->where_lock);
	id = hd->mnt_id;
	pthread_mutex_unlock(&hd->where_lock);
	return id;
}

/* What healthd_open_fs tries first: the mount in use. */
struct place {
	char *where;
	char *root;
	uint64_t mnt_id;
};

static int
current_place(struct healthd *hd, struct place *p)
{
	pthread_mutex_lock(&hd->where_lock);
	p->where = strdup(hd->where);
	p->root = strdup(hd->where_root);
	p->mnt_id = hd->mnt_id;
	pthread_mutex_unlock(&hd->where_lock);
	if (p->where && p->root)
		return 0;
	free(p->where);
	free(p->root);
	return -ENOMEM;
}

static void
place_free(struct place *p)
{
	free(p->where);
	free(p->root);
}

/* From now on, reach the filesystem through @mi; say so once. */
static void
adopt(struct healthd *hd, const struct place *old,
      const struct hl_mount_info *mi)
{
	char *where = strdup(mi->mnt_point), *root = strdup(mi->mnt_root);
	struct log_name to, from, dir;

	if (!where || !root) {
		free(where);
		free(root);
		return; /* found again next time */
	}
	pthread_mutex_lock(&hd->where_lock);
	free(hd->where);
	free(hd->where_root);
	hd->where = where;
	hd->where_root = root;
	hd->mnt_id = mi->mnt_id;
	hd->moved = true;
	/* Paths are cached under this lock: none made before survives. */
	path_cache_clear(&hd->paths);
	pthread_mutex_unlock(&hd->where_lock);

	log_name(&to, mi->mnt_point);
	log_name(&from, old->where);
	if (mi->mnt_id == old->mnt_id)
		log_added(hd, "mount moved to %s; repairs go on there", to.buf);
	else if (is_whole(mi->mnt_root))
		log_added(hd, "%s no longer leads to the filesystem; repairs "
			      "go on through %s, another mount of it",
			  from.buf, to.buf);
	else
		log_added(hd, "%s no longer leads to the filesystem; repairs "
			      "go on through %s, a bind mount of its "
			      "directory %s",
			  from.buf, to.buf, log_name(&dir, mi->mnt_root));
}

/* Try @mi unless it is the place that just failed. */
static int
try_mount(struct healthd *hd, const struct place *old,
	  const struct hl_mount_info *mi)
{
	int fd;

	if (mi->mnt_id == old->mnt_id && !strcmp(mi->mnt_point, old->where))
		return -ESTALE;
	fd = open_checked(hd, mi->mnt_point, mi->mnt_root);
	if (fd >= 0)
		adopt(hd, old, mi);
	return fd;
}

/* @old failed the proof: our mount moved, or another mount of the fs. */
static int
relocate(struct healthd *hd, const struct place *old)
{
	struct hl_mount_info moved = {0}, *mounts = NULL;
	size_t nr = 0;
	int fd = -ESTALE, error;

	if (old->mnt_id && !hl_mount_stat(old->mnt_id, &moved)) {
		fd = try_mount(hd, old, &moved);
		hl_mount_info_free(&moved);
		if (fd >= 0 || fd == -ENOMEM)
			return fd;
	}
	error = hl_mount_find_fs(hd->dev_major, hd->dev_minor, "xfs", &mounts,
				 &nr);
	if (error) {
		log_debug(hd, "cannot list the mounts: %s", strerror(-error));
		return error == -ENOMEM ? error : -ESTALE;
	}
	for (size_t i = 0; i < nr && fd < 0 && fd != -ENOMEM; i++)
		fd = try_mount(hd, old, &mounts[i]);
	hl_mount_infos_free(mounts, nr);
	return fd >= 0 || fd == -ENOMEM ? fd : -ESTALE;
}

/*
 * The path in use led to the filesystem, maybe through a new mount there
 * (the old one went, another took its place): remember that one's id, by
 * which mount_gone() watches it, and the directory it shows, by which
 * paths are made.
 */
static void
same_place(struct healthd *hd, int fd, const struct place *old)
{
	struct hl_mount_info mi = {0};
	char *root = NULL;
	uint64_t id;

	if (!old->mnt_id || hl_mount_id_of_fd(fd, &id) || id == old->mnt_id)
		return;
	if (!hl_mount_stat(id, &mi) && strcmp(mi.mnt_root, old->root))
		root = strdup(mi.mnt_root);
	hl_mount_info_free(&mi);
	pthread_mutex_lock(&hd->where_lock);
	if (hd->mnt_id == old->mnt_id && !strcmp(hd->where, old->where)) {
		hd->mnt_id = id;
		if (root) {
			free(hd->where_root);
			hd->where_root = root;
			root = NULL;
			path_cache_clear(&hd->paths);
		}
	}
	pthread_mutex_unlock(&hd->where_lock);
	free(root);
}

int
healthd_open_fs(struct healthd *hd)
{
	struct place old;
	bool changed;
	int fd;

	if (current_place(hd, &old))
		return -ENOMEM;
	fd = open_checked(hd, old.where, old.root);
	if (fd >= 0)
		same_place(hd, fd, &old);
	if (fd >= 0 || fd == -ENOMEM)
		goto out;

	/* One search at a time; one that just ended may have found it. */
	pthread_mutex_lock(&hd->relocate_lock);
	pthread_mutex_lock(&hd->where_lock);
	changed = strcmp(hd->where, old.where) || hd->mnt_id != old.mnt_id;
	pthread_mutex_unlock(&hd->where_lock);
	if (changed) {
		place_free(&old);
		if (current_place(hd, &old)) {
			pthread_mutex_unlock(&hd->relocate_lock);
			return -ENOMEM;
		}
		fd = open_checked(hd, old.where, old.root);
	}
	if (fd < 0 && fd != -ENOMEM) {
		uint64_t now = clock_ns(CLOCK_MONOTONIC);

		if (hd->search_failed_ns &&
		    now - hd->search_failed_ns < SEARCH_HOLDOFF_NS) {
			fd = -ESTALE;
		} else {
			fd = relocate(hd, &old);
			hd->search_failed_ns = fd < 0 ? now : 0;
		}
	}
	pthread_mutex_unlock(&hd->relocate_lock);
out:
	place_free(&old);
	return fd;
}

/*
 * @rel (a path from the filesystem's root: "/" or "/a/b") as seen through
 * a mount of the directory @root: the rest after @root ("" for @root
 * itself, else starting with '/'), or NULL if @rel is outside it.
 */
static const char *
under(const char *rel, const char *root)
{
	size_t n = strlen(root);

	if (is_whole(root))
		return strcmp(rel, "/") ? rel : "";
	if (strncmp(rel, root, n) || (rel[n] && rel[n] != '/'))
		return NULL;
	return rel + n;
}

int
healthd_inode_path(struct healthd *hd, int fd, uint64_t ino, uint32_t gen,
		   char **path)
{
	const char *top, *tail;
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
	if (error) {
		if (error != -ENOMEM)
			path_cache_put_error(&hd->paths, ino, gen, error);
		return error;
	}
	/*
	 * Under the mount point as the user named it, or where the
	 * filesystem is reached now: a path to use as it is.  Through a bind
	 * of a directory, a file outside it has no such path.
	 */
	pthread_mutex_lock(&hd->where_lock);
	top = hd->moved ? hd->where : hd->mnt;
	tail = under(rel, hd->where_root);
	if (!tail) {
		error = -ENOENT;
	} else {
		size_t tlen = strlen(top);

		if (tlen && top[tlen - 1] == '/' && *tail)
			tail++;
		if (asprintf(path, "%s%s", top, tail) < 0) {
			*path = NULL;
			error = -ENOMEM;
		}
	}
	/* Under the lock, so that a move clears it after, never before. */
	if (!error)
		path_cache_put(&hd->paths, ino, gen, *path);
	pthread_mutex_unlock(&hd->where_lock);
	free(rel);
	return error;
}

int
healthd_logged_path(struct healthd *hd, uint64_t ino, uint32_t gen,
		    char **path)
{
	int ret = path_cache_get(&hd->paths, ino, gen, path);

	if (ret)
		return ret > 0 ? 0 : ret;
	return healthd_inode_path(hd, -1, ino, gen, path);
}
