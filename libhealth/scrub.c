// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The scrub type catalogue: for each XFS_SCRUB_TYPE_*, xfs_io's name and
 * description, the kernel's rule for the object fields, and xfs_io's scrubv
 * group.  Names and descriptions match upstream so scripts keep working.
 */
#include <string.h>

#include "internal.h"
#include "xfs_health_abi.h"

#define T(val, nm, ds, cls, grp)                                               \
	[XFS_SCRUB_TYPE_##val] = {                                             \
		.type = XFS_SCRUB_TYPE_##val,                                  \
		.name = (nm),                                                  \
		.descr = (ds),                                                 \
		.sclass = HL_SCRUB_CLASS_##cls,                                \
		.group = HL_SCRUB_GROUP_##grp,                                 \
	}

static const struct hl_scrub_type scrub_types[] = {
	T(PROBE, "probe", "metadata", NONE, PROBE),
	T(SB, "sb", "superblock", PERAG, AGHEADER),
	T(AGF, "agf", "free space header", PERAG, AGHEADER),
	T(AGFL, "agfl", "free list", PERAG, AGHEADER),
	T(AGI, "agi", "inode header", PERAG, AGHEADER),
	T(BNOBT, "bnobt", "freesp by block btree", PERAG, AG),
	T(CNTBT, "cntbt", "freesp by length btree", PERAG, AG),
	T(INOBT, "inobt", "inode btree", PERAG, AG),
	T(FINOBT, "finobt", "free inode btree", PERAG, AG),
	T(RMAPBT, "rmapbt", "reverse mapping btree", PERAG, AG),
	T(REFCNTBT, "refcountbt", "reference count btree", PERAG, AG),
	T(INODE, "inode", "inode record", INODE, INODE),
	T(BMBTD, "bmapbtd", "data block map", INODE, INODE),
	T(BMBTA, "bmapbta", "attr block map", INODE, INODE),
	T(BMBTC, "bmapbtc", "CoW block map", INODE, INODE),
	T(DIR, "directory", "directory entries", INODE, INODE),
	T(XATTR, "xattr", "extended attributes", INODE, INODE),
	T(SYMLINK, "symlink", "symbolic link", INODE, INODE),
	T(PARENT, "parent", "parent pointer", INODE, INODE),
	/* Per rtgroup since 6.13. */
	T(RTBITMAP, "rtbitmap", "realtime bitmap", RTGROUP, RTGROUP),
	T(RTSUM, "rtsummary", "realtime summary", RTGROUP, RTGROUP),
	T(UQUOTA, "usrquota", "user quotas", FS, FS),
	T(GQUOTA, "grpquota", "group quotas", FS, FS),
	T(PQUOTA, "prjquota", "project quotas", FS, FS),
	T(FSCOUNTERS, "fscounters", "filesystem summary counters", FS, SUMMARY),
	T(QUOTACHECK, "quotacheck", "quota counters", FS, ISCAN),
	T(NLINKS, "nlinks", "inode link counts", FS, ISCAN),
	T(HEALTHY, "healthy", "retained health records", FS, PROBE),
	T(DIRTREE, "dirtree", "directory tree structure", INODE, INODE),
	/* sm_ino is a metapath id; in no scrubv group. */
	T(METAPATH, "metapath", "metadata directory paths", GENERIC, NONE),
	T(RGSUPER, "rgsuper", "realtime group superblock", RTGROUP, RTGROUP),
	T(RTRMAPBT, "rtrmapbt", "realtime reverse mapping btree", RTGROUP,
	  RTGROUP),
	T(RTREFCBT, "rtrefcountbt", "realtime reference count btree", RTGROUP,
	  RTGROUP),
};

#undef T

_Static_assert(ARRAY_SIZE(scrub_types) <= XFS_SCRUB_TYPE_NR,
	       "scrub catalogue larger than XFS_SCRUB_TYPE_NR");

const struct hl_scrub_type *
hl_scrub_types(size_t *nr)
{
	if (nr)
		*nr = ARRAY_SIZE(scrub_types);
	return scrub_types;
}

const struct hl_scrub_type *
hl_scrub_type_by_value(uint32_t type)
{
	if (type >= ARRAY_SIZE(scrub_types))
		return NULL;
	return &scrub_types[type];
}

const struct hl_scrub_type *
hl_scrub_type_by_name(const char *name)
{
	if (!name)
		return NULL;
	for (size_t i = 0; i < ARRAY_SIZE(scrub_types); i++)
		if (!strcmp(scrub_types[i].name, name))
			return &scrub_types[i];
	return NULL;
}

const struct hl_scrub_type *
hl_scrub_group_next(enum hl_scrub_group group, const struct hl_scrub_type *prev)
{
	size_t i = 0;

	if (prev) {
		if (prev < scrub_types ||
		    prev >= scrub_types + ARRAY_SIZE(scrub_types))
			return NULL;
		i = prev - scrub_types + 1;
	}
	for (; i < ARRAY_SIZE(scrub_types); i++)
		if (scrub_types[i].group == group)
			return &scrub_types[i];
	return NULL;
}

/* The order xfs_io lists them in. */
static const struct hl_name groups[] = {
	{HL_SCRUB_GROUP_PROBE, "probe"},
	{HL_SCRUB_GROUP_AGHEADER, "agheader"},
	{HL_SCRUB_GROUP_AG, "ag"},
	{HL_SCRUB_GROUP_FS, "fs"},
	{HL_SCRUB_GROUP_INODE, "inode"},
	{HL_SCRUB_GROUP_ISCAN, "iscan"},
	{HL_SCRUB_GROUP_SUMMARY, "summary"},
	{HL_SCRUB_GROUP_RTGROUP, "rtgroup"},
};
HL_NAME_TABLE(group_table, "scrub group", HL_TABLE_VALUES, groups);

static const struct hl_name classes[] = {
	{HL_SCRUB_CLASS_NONE, "none"},
	{HL_SCRUB_CLASS_FS, "fs"},
	{HL_SCRUB_CLASS_PERAG, "perag"},
	{HL_SCRUB_CLASS_INODE, "inode"},
	{HL_SCRUB_CLASS_RTGROUP, "rtgroup"},
	{HL_SCRUB_CLASS_GENERIC, "generic"},
};
HL_NAME_TABLE(class_table, "scrub class", HL_TABLE_VALUES, classes);

const struct hl_name_table *
hl_scrub_group_names(void)
{
	return &group_table;
}

const struct hl_name_table *
hl_scrub_class_names(void)
{
	return &class_table;
}
