/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What holds the space verify_media reads: GETFSMAP for the space in use
 * (-u) and for the owners of a bad range (-m), parent pointers for paths.
 */
#ifndef XFS_HEALTH_IO_MEDIA_MAP_H
#define XFS_HEALTH_IO_MEDIA_MAP_H

#include <stdbool.h>
#include <stdint.h>

#include "health.h"
#include "xfs_health_abi.h"

struct media_map {
	int fd;		/* the current file */
	int dirfd;	/* a directory on the filesystem, for parents; or -1 */
	bool close_dir; /* dirfd is ours to close */
	uint32_t dev;	/* XFS_DEV_* */
	uint32_t key;	/* GETFSMAP's fmr_device for @dev */
	bool have_key;
	bool parents; /* the filesystem has parent pointers */
	struct xfs_handle fs_handle;
	struct fsmap_head *head;
};

/*
 * Find how GETFSMAP names @dev.  @paths: also get ready to turn inode
 * numbers into paths (needs parent pointers).  0 or a negative errno
 * (-ENODEV if GETFSMAP shows no such device).
 */
int media_map_init(struct media_map *m, int fd, const char *name,
		   const struct xfs_fsop_geom *geo, uint32_t dev, bool paths);
void media_map_free(struct media_map *m);

/* Sectors of [start, end) in use, merged into large ranges, into @l. */
int media_map_used(struct media_map *m, uint64_t start, uint64_t end,
		   struct hl_range_list *l);

/*
 * What [start, end) held: a malloc'd array of owners, each with a malloc'd
 * path when one was found.  Free with media_owners_free.
 */
int media_map_owners(struct media_map *m, uint64_t start, uint64_t end,
		     struct hl_media_owner **owners, size_t *nr);
void media_owners_free(struct hl_media_owner *owners, size_t nr);

#endif /* XFS_HEALTH_IO_MEDIA_MAP_H */
