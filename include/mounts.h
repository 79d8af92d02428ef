/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Mounts by their unique 64-bit id (statx, statmount, listmount; Linux
 * 6.8+), never reused as the old ids of /proc/self/mountinfo are: how
 * healthmon notices its mount gone or bound from a subdirectory, how
 * xfs_healthd knows its filesystem again after a mount --move and how the
 * starter finds every XFS mount.  0 or a negative errno; no printing.
 */
#ifndef XFS_HEALTH_MOUNTS_H
#define XFS_HEALTH_MOUNTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct hl_mount_info {
	uint64_t mnt_id; /* unique mount id */
	uint32_t sb_dev_major; /* the superblock's device: st_dev of its files */
	uint32_t sb_dev_minor;
	bool read_only;	       /* this mount (MOUNT_ATTR_RDONLY) */
	char *fstype;	 /* "xfs" */
	char *mnt_point; /* where it is mounted, in our mount namespace */
	char *mnt_root;	 /* "/" for a whole filesystem, else the bound subdir */
	char *sb_source; /* the device, as mounted */
};

/* The unique id of the mount @fd is on (statx STATX_MNT_ID_UNIQUE). */
int hl_mount_id_of_fd(int fd, uint64_t *mnt_id);

/*
 * statmount() of one mount in our mount namespace; -ENOENT if it is gone.
 * Free the strings with hl_mount_info_free (safe on a zeroed @mi).
 */
int hl_mount_stat(uint64_t mnt_id, struct hl_mount_info *mi);
void hl_mount_info_free(struct hl_mount_info *mi);

/*
 * Every mount of the filesystem whose files have st_dev @major:@minor and
 * type @fstype, in our mount namespace: writable mounts before read-only
 * ones (a repair needs to write), and in each, whole-filesystem mounts
 * (mnt_root "/") before binds of a directory inside it, then by mount id.
 * A malloc'd array in *mounts (free with hl_mount_infos_free); none is 0
 * with *nr 0.  -ENOSYS without listmount.
 */
int hl_mount_find_fs(uint32_t major, uint32_t minor, const char *fstype,
		     struct hl_mount_info **mounts, size_t *nr);
void hl_mount_infos_free(struct hl_mount_info *mounts, size_t nr);

/*
 * Every mount in the mount namespace (listmount from the root, in batches),
 * as a malloc'd array of ids.  -ENOSYS without listmount.
 */
int hl_mount_list(uint64_t **ids, size_t *nr);

#endif /* XFS_HEALTH_MOUNTS_H */
