// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * What scrub and repair of one object (scrub.c) and of the whole
 * filesystem (scrub_all.c) share: input flags, the words after a failed
 * call, exit-status bits.
 */
#include <errno.h>

#include "io.h"
#include "scrub_common.h"
#include "xfs_health_abi.h"

uint32_t
scrub_iflags(const struct scrub_opts *o)
{
	uint32_t flags = 0;

	if (o->repair)
		flags |= XFS_SCRUB_IFLAG_REPAIR;
	if (o->rebuild)
		flags |= XFS_SCRUB_IFLAG_FORCE_REBUILD;
	return flags;
}

void
scrub_explain(const struct scrub_opts *o, int err)
{
	if (err == ESHUTDOWN)
		io_error("%s: the filesystem has shut down; it must be "
			 "unmounted and repaired offline",
			 scrub_verb(o));
	else if (err == EPERM)
		io_error("%s: CAP_SYS_ADMIN is needed", scrub_verb(o));
}

int
scrub_outcome_status(enum hl_scrub_outcome outcome)
{
	if (hl_scrub_outcome_is_problem(outcome))
		return EXIT_PROBLEM;
	if (outcome == HL_SCRUB_ERROR)
		return EXIT_CMD_FAILED;
	return EXIT_ALL_OK;
}
