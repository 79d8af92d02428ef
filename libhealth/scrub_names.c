// SPDX-License-Identifier: GPL-2.0-or-later
/* Names for scrub flags and metapath ids. */
#include "internal.h"
#include "xfs_health_abi.h"

/* The kernel's own trace names, in bit order; inputs included. */
static const struct hl_name scrub_flags[] = {
	{XFS_SCRUB_IFLAG_REPAIR, "repair"},
	{XFS_SCRUB_OFLAG_CORRUPT, "corrupt"},
	{XFS_SCRUB_OFLAG_PREEN, "preen"},
	{XFS_SCRUB_OFLAG_XFAIL, "xfail"},
	{XFS_SCRUB_OFLAG_XCORRUPT, "xcorrupt"},
	{XFS_SCRUB_OFLAG_INCOMPLETE, "incomplete"},
	{XFS_SCRUB_OFLAG_WARNING, "warning"},
	{XFS_SCRUB_OFLAG_NO_REPAIR_NEEDED, "norepair"},
	{XFS_SCRUB_IFLAG_FORCE_REBUILD, "rebuild"},
};
HL_NAME_TABLE(scrub_flag_table, "scrub flag", HL_TABLE_BITS, scrub_flags);

/* xfs_io's names for sm_ino of XFS_SCRUB_TYPE_METAPATH. */
static const struct hl_name metapaths[] = {
	{XFS_SCRUB_METAPATH_PROBE, "probe"},
	{XFS_SCRUB_METAPATH_RTDIR, "rtdir"},
	{XFS_SCRUB_METAPATH_RTBITMAP, "rtbitmap"},
	{XFS_SCRUB_METAPATH_RTSUMMARY, "rtsummary"},
	{XFS_SCRUB_METAPATH_QUOTADIR, "quotadir"},
	{XFS_SCRUB_METAPATH_USRQUOTA, "usrquota"},
	{XFS_SCRUB_METAPATH_GRPQUOTA, "grpquota"},
	{XFS_SCRUB_METAPATH_PRJQUOTA, "prjquota"},
	{XFS_SCRUB_METAPATH_RTRMAPBT, "rtrmapbt"},
	{XFS_SCRUB_METAPATH_RTREFCOUNTBT, "rtrefcbt"},
};
HL_NAME_TABLE(metapath_table, "metapath", HL_TABLE_VALUES, metapaths);

/* The per-rtgroup files: sm_agno picks the group. */
#define PER_RTGROUP_METAPATHS                                                  \
	((1ULL << XFS_SCRUB_METAPATH_RTBITMAP) |                               \
	 (1ULL << XFS_SCRUB_METAPATH_RTSUMMARY) |                              \
	 (1ULL << XFS_SCRUB_METAPATH_RTRMAPBT) |                               \
	 (1ULL << XFS_SCRUB_METAPATH_RTREFCOUNTBT))

const struct hl_name_table *
hl_scrub_flag_names(void)
{
	return &scrub_flag_table;
}

const struct hl_name_table *
hl_metapath_names(void)
{
	return &metapath_table;
}

bool
hl_metapath_needs_group(uint64_t id)
{
	return id < 64 && (PER_RTGROUP_METAPATHS & (1ULL << id));
}
