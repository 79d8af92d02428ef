/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The paths of the inodes the log named last.  One damaged file draws a
 * burst of reports (every read of it, every retry), and each log line wants
 * its path: a parent-pointer walk that competes with the repair the first
 * report started.  A path found less than a second ago is used again
 * instead.  A repair's outcome line uses that path too; without one it
 * walks (the repair may have fixed the tree) and refreshes the entry.
 *
 * A walk that failed is remembered longer: a walk loads the inode, and an
 * inode whose core is damaged fails to load and is reported sick once more,
 * so walking again for that report would feed the kernel's reports with
 * our own, for ever.  Its lines use the inode's number for a minute.
 */
#ifndef XFS_HEALTH_HEALER_PATHCACHE_H
#define XFS_HEALTH_HEALER_PATHCACHE_H

#include <pthread.h>
#include <stdint.h>

#define PATH_CACHE_SLOTS 8

struct path_cache {
	pthread_mutex_t lock;
	unsigned int next; /* the slot to replace next */
	struct {
		uint64_t ino;
		uint32_t gen;
		uint64_t found_ns; /* CLOCK_MONOTONIC; 0: empty */
		char *path;	   /* NULL: the walk failed with @error */
		int error;
	} slot[PATH_CACHE_SLOTS];
};

void path_cache_init(struct path_cache *pc);
void path_cache_destroy(struct path_cache *pc);

/*
 * 1 and a malloc'd copy of the path of @ino/@gen in *path if one was found
 * within a second; the negative errno of a walk that failed within a
 * minute; 0 if there is nothing to go by.
 */
int path_cache_get(struct path_cache *pc, uint64_t ino, uint32_t gen,
		   char **path);

/* Remember @path for @ino/@gen (a copy; without memory, nothing). */
void path_cache_put(struct path_cache *pc, uint64_t ino, uint32_t gen,
		    const char *path);

/* Remember that the walk for @ino/@gen failed with @error (negative). */
void path_cache_put_error(struct path_cache *pc, uint64_t ino, uint32_t gen,
			  int error);

/* Forget every path: the filesystem is somewhere else now. */
void path_cache_clear(struct path_cache *pc);

#endif /* XFS_HEALTH_HEALER_PATHCACHE_H */
