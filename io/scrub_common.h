/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What the scrub and repair commands share: scrub.c (one object) calls
 * scrub_all.c (-a, scrub_all.h); both use these (scrub_common.c).
 */
#ifndef XFS_HEALTH_IO_SCRUB_COMMON_H
#define XFS_HEALTH_IO_SCRUB_COMMON_H

#include <stdbool.h>
#include <stdint.h>

#include "health.h"

struct scrub_opts {
	bool all;     /* -a: the whole filesystem (or -A, -I) */
	bool json;    /* -j */
	bool repair;  /* -r, or the repair command */
	bool rebuild; /* -R: force a rebuild */
	bool single;  /* -s: one XFS_IOC_SCRUB_METADATA per check */
	bool metadata_only; /* -M: no inode */
	unsigned int workers; /* -p; 0: one per CPU */
	uint32_t *agnos;      /* -A: only these AGs */
	size_t nr_agnos;
	uint64_t *inos;	      /* -I: only these inodes */
	size_t nr_inos;
};

/* "scrub" or "repair": the prefix of ioctl error lines, as in xfs_io. */
static inline const char *
scrub_verb(const struct scrub_opts *o)
{
	return o->repair ? "repair" : "scrub";
}

static inline enum hl_scrub_mode
scrub_mode(const struct scrub_opts *o)
{
	return o->repair ? HL_SCRUB_REPAIR : HL_SCRUB_CHECK;
}

/* The input flags of every check the options ask for. */
uint32_t scrub_iflags(const struct scrub_opts *o);

/*
 * After xfs_io's line for a failed call, what the error means where its
 * words mislead or do not say why (ESHUTDOWN reads "Cannot send after
 * transport endpoint shutdown"; EPERM means CAP_SYS_ADMIN is missing).
 */
void scrub_explain(const struct scrub_opts *o, int err);

/* Exit-status bits for one object's outcome. */
int scrub_outcome_status(enum hl_scrub_outcome outcome);

#endif /* XFS_HEALTH_IO_SCRUB_COMMON_H */
