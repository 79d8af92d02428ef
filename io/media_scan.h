/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What makes verify_media a scan that can run on a schedule: its checkpoint
 * file (io/media_ckpt.c) and the lock on the disks it reads
 * (io/media_lock.c).  These print their own errors ("verify_media: ...").
 */
#ifndef XFS_HEALTH_IO_MEDIA_SCAN_H
#define XFS_HEALTH_IO_MEDIA_SCAN_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include "health.h"

struct xfs_fsop_geom;

/*
 * Read the checkpoint at @path into @c.  0: read (*found) or no such file
 * (!*found, @c empty); else an error was printed and the file is left as
 * it was: -EBADMSG damaged or not ours, another errno unreadable.
 */
int media_ckpt_load(const char *path, bool restart, struct hl_media_ckpt *c,
		    bool *found);

/*
 * Is @c a checkpoint of the scan @want describes (the filesystem, device,
 * range, -u and I/O size)?  Prints why not.
 */
bool media_ckpt_matches(const char *path, bool restart,
			const struct hl_media_ckpt *c,
			const struct hl_media_ckpt *want);

/*
 * --stale=restart: move a refused checkpoint to PATH.stale (replacing an
 * older one), saying so.  0 or a negative errno (not said).
 */
int media_ckpt_set_aside(const char *path);

/*
 * Replace @path with @c, durably (hl_file_replace).  0 or a negative errno
 * (nothing printed; the old file is still whole).
 */
int media_ckpt_save(const char *path, const struct hl_media_ckpt *c);

/* What a scan does when another holds one of its disks. */
enum media_busy {
	MEDIA_BUSY_WAIT,   /* wait for it (default) */
	MEDIA_BUSY_SKIP,   /* say so and succeed without scanning */
	MEDIA_BUSY_IGNORE, /* take no lock at all */
};

struct media_lock {
	int *fds; /* one open lock file per disk */
	size_t nr;
};

/*
 * Lock every disk under the device @dev (XFS_DEV_*) of the filesystem of
 * @fd (@rt_internal: its realtime section is on the data device), in
 * /run/xfs_health/locks, in order.  Waits (MEDIA_BUSY_WAIT) until @deadline (a time(2)
 * value; 0: none).  Returns 0 (locked), 1 (busy and skipped, or the
 * deadline came: said so) or -1 (an error, printed).  Unless @must (a
 * scheduled scan), a lock that cannot be made (no /run, no sysfs, a log
 * device not found) is no error: the scan runs unlocked, silently, as
 * xfs_io's does.
 */
int media_lock_take(int fd, uint32_t dev, bool rt_internal,
		    enum media_busy busy, bool must, time_t deadline,
		    struct media_lock *l);
void media_lock_release(struct media_lock *l);

#endif /* XFS_HEALTH_IO_MEDIA_SCAN_H */
