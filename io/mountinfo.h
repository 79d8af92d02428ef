/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Our mount table (/proc/self/mountinfo), looked up by mount id. */
#ifndef XFS_HEALTH_IO_MOUNTINFO_H
#define XFS_HEALTH_IO_MOUNTINFO_H

#include <stdint.h>

/*
 * The root (fourth field: "/" unless a bind mount of a directory) of mount
 * @id into a malloc'd *root: 0, -ENOENT if the table does not list @id,
 * or a negative errno if it cannot be read.
 */
int mountinfo_root(uint64_t id, char **root);

#endif /* XFS_HEALTH_IO_MOUNTINFO_H */
