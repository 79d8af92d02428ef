/* SPDX-License-Identifier: GPL-2.0-or-later */
/* scrub -a and repair -a: the whole filesystem (scrub_all.c). */
#ifndef XFS_HEALTH_IO_SCRUB_ALL_H
#define XFS_HEALTH_IO_SCRUB_ALL_H

#include "scrub_common.h"

/* Check (or repair) the current file's whole filesystem. */
int scrub_all(const struct scrub_opts *o);

#endif /* XFS_HEALTH_IO_SCRUB_ALL_H */
