// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The objects a health mask describes (the filesystem, an AG, an rtgroup,
 * an inode): the names of their mask bits, the scrub type that repairs
 * each bit, and the fields that name one object in a line.  Health events,
 * health snapshots and spot repairs all read them here.
 */
#include <errno.h>

#include "out.h"
#include "textstr.h"
#include "xfs_health_abi.h"

/* RT_BITMAP/RT_SUMMARY never reach the FS domain, but decoders name them. */
static const struct hl_name fs_mask[] = {
	{XFS_FSOP_GEOM_SICK_COUNTERS, "fscounters"},
	{XFS_FSOP_GEOM_SICK_UQUOTA, "usrquota"},
	{XFS_FSOP_GEOM_SICK_GQUOTA, "grpquota"},
	{XFS_FSOP_GEOM_SICK_PQUOTA, "prjquota"},
	{XFS_FSOP_GEOM_SICK_RT_BITMAP, "bitmap"},
	{XFS_FSOP_GEOM_SICK_RT_SUMMARY, "summary"},
	{XFS_FSOP_GEOM_SICK_QUOTACHECK, "quotacheck"},
	{XFS_FSOP_GEOM_SICK_NLINKS, "nlinks"},
	{XFS_FSOP_GEOM_SICK_METADIR, "metadir"},
	{XFS_FSOP_GEOM_SICK_METAPATH, "metapath"},
};
HL_NAME_TABLE(fs_mask_table, "fs health", HL_TABLE_BITS, fs_mask);

static const struct hl_name ag_mask[] = {
	{XFS_AG_GEOM_SICK_SB, "super"},
	{XFS_AG_GEOM_SICK_AGF, "agf"},
	{XFS_AG_GEOM_SICK_AGFL, "agfl"},
	{XFS_AG_GEOM_SICK_AGI, "agi"},
	{XFS_AG_GEOM_SICK_BNOBT, "bnobt"},
	{XFS_AG_GEOM_SICK_CNTBT, "cntbt"},
	{XFS_AG_GEOM_SICK_INOBT, "inobt"},
	{XFS_AG_GEOM_SICK_FINOBT, "finobt"},
	{XFS_AG_GEOM_SICK_RMAPBT, "rmapbt"},
	{XFS_AG_GEOM_SICK_REFCNTBT, "refcountbt"},
	{XFS_AG_GEOM_SICK_INODES, "inodes"},
};
HL_NAME_TABLE(ag_mask_table, "AG health", HL_TABLE_BITS, ag_mask);

static const struct hl_name rtgroup_mask[] = {
	{XFS_RTGROUP_GEOM_SICK_SUPER, "super"},
	{XFS_RTGROUP_GEOM_SICK_BITMAP, "bitmap"},
	{XFS_RTGROUP_GEOM_SICK_SUMMARY, "summary"},
	{XFS_RTGROUP_GEOM_SICK_RMAPBT, "rmapbt"},
	{XFS_RTGROUP_GEOM_SICK_REFCNTBT, "refcountbt"},
};
HL_NAME_TABLE(rtgroup_mask_table, "rtgroup health", HL_TABLE_BITS,
	      rtgroup_mask);

static const struct hl_name inode_mask[] = {
	{XFS_BS_SICK_INODE, "core"},	  {XFS_BS_SICK_BMBTD, "datafork"},
	{XFS_BS_SICK_BMBTA, "attrfork"},  {XFS_BS_SICK_BMBTC, "cowfork"},
	{XFS_BS_SICK_DIR, "directory"},	  {XFS_BS_SICK_XATTR, "xattr"},
	{XFS_BS_SICK_SYMLINK, "symlink"}, {XFS_BS_SICK_PARENT, "parent"},
	{XFS_BS_SICK_DIRTREE, "dirtree"},
};
HL_NAME_TABLE(inode_mask_table, "inode health", HL_TABLE_BITS, inode_mask);

/* Which scrub type's repair mends each mask bit (reference F.1). */

/* METADIR and METAPATH have no spot repair: the whole fs must be checked. */
static const struct hl_repair_map fs_repairs[] = {
	{XFS_FSOP_GEOM_SICK_COUNTERS, XFS_SCRUB_TYPE_FSCOUNTERS},
	{XFS_FSOP_GEOM_SICK_UQUOTA, XFS_SCRUB_TYPE_UQUOTA},
	{XFS_FSOP_GEOM_SICK_GQUOTA, XFS_SCRUB_TYPE_GQUOTA},
	{XFS_FSOP_GEOM_SICK_PQUOTA, XFS_SCRUB_TYPE_PQUOTA},
	{XFS_FSOP_GEOM_SICK_RT_BITMAP, XFS_SCRUB_TYPE_RTBITMAP},
	{XFS_FSOP_GEOM_SICK_RT_SUMMARY, XFS_SCRUB_TYPE_RTSUM},
	{XFS_FSOP_GEOM_SICK_QUOTACHECK, XFS_SCRUB_TYPE_QUOTACHECK},
	{XFS_FSOP_GEOM_SICK_NLINKS, XFS_SCRUB_TYPE_NLINKS},
};

/* INODES only says bad inodes were seen somewhere in the AG. */
static const struct hl_repair_map ag_repairs[] = {
	{XFS_AG_GEOM_SICK_SB, XFS_SCRUB_TYPE_SB},
	{XFS_AG_GEOM_SICK_AGF, XFS_SCRUB_TYPE_AGF},
	{XFS_AG_GEOM_SICK_AGFL, XFS_SCRUB_TYPE_AGFL},
	{XFS_AG_GEOM_SICK_AGI, XFS_SCRUB_TYPE_AGI},
	{XFS_AG_GEOM_SICK_BNOBT, XFS_SCRUB_TYPE_BNOBT},
	{XFS_AG_GEOM_SICK_CNTBT, XFS_SCRUB_TYPE_CNTBT},
	{XFS_AG_GEOM_SICK_INOBT, XFS_SCRUB_TYPE_INOBT},
	{XFS_AG_GEOM_SICK_FINOBT, XFS_SCRUB_TYPE_FINOBT},
	{XFS_AG_GEOM_SICK_RMAPBT, XFS_SCRUB_TYPE_RMAPBT},
	{XFS_AG_GEOM_SICK_REFCNTBT, XFS_SCRUB_TYPE_REFCNTBT},
};

static const struct hl_repair_map rtgroup_repairs[] = {
	{XFS_RTGROUP_GEOM_SICK_SUPER, XFS_SCRUB_TYPE_RGSUPER},
	{XFS_RTGROUP_GEOM_SICK_BITMAP, XFS_SCRUB_TYPE_RTBITMAP},
	{XFS_RTGROUP_GEOM_SICK_SUMMARY, XFS_SCRUB_TYPE_RTSUM},
	{XFS_RTGROUP_GEOM_SICK_RMAPBT, XFS_SCRUB_TYPE_RTRMAPBT},
	{XFS_RTGROUP_GEOM_SICK_REFCNTBT, XFS_SCRUB_TYPE_RTREFCBT},
};

static const struct hl_repair_map inode_repairs[] = {
	{XFS_BS_SICK_INODE, XFS_SCRUB_TYPE_INODE},
	{XFS_BS_SICK_BMBTD, XFS_SCRUB_TYPE_BMBTD},
	{XFS_BS_SICK_BMBTA, XFS_SCRUB_TYPE_BMBTA},
	{XFS_BS_SICK_BMBTC, XFS_SCRUB_TYPE_BMBTC},
	{XFS_BS_SICK_DIR, XFS_SCRUB_TYPE_DIR},
	{XFS_BS_SICK_XATTR, XFS_SCRUB_TYPE_XATTR},
	{XFS_BS_SICK_SYMLINK, XFS_SCRUB_TYPE_SYMLINK},
	{XFS_BS_SICK_PARENT, XFS_SCRUB_TYPE_PARENT},
	{XFS_BS_SICK_DIRTREE, XFS_SCRUB_TYPE_DIRTREE},
};

#define REPAIRS(map) .repairs = (map), .nr_repairs = ARRAY_SIZE(map)
#define GROUP(key)                                                             \
	.group_key = key, .group_text = " " key " ",                           \
	.group_text_len = sizeof(" " key " ") - 1,                             \
	.group_json = ",\"" key "\":",                                         \
	.group_json_len = sizeof(",\"" key "\":") - 1

/* Text: "<mnt> agno 0x1"; JSON: "agno":1.  Inodes: ino and gen. */
const struct hl_object_desc hl_object_table[HL_NR_OBJECTS] = {
	[HL_OBJECT_FS] = {.name = "fs",
			  .mask = &fs_mask_table,
			  REPAIRS(fs_repairs)},
	[HL_OBJECT_AG] = {.name = "ag",
			  .mask = &ag_mask_table,
			  GROUP("agno"),
			  REPAIRS(ag_repairs)},
	[HL_OBJECT_RTGROUP] = {.name = "rtgroup",
			       .mask = &rtgroup_mask_table,
			       GROUP("rgno"),
			       REPAIRS(rtgroup_repairs)},
	[HL_OBJECT_INODE] = {.name = "inode",
			     .mask = &inode_mask_table,
			     .has_inode = true,
			     REPAIRS(inode_repairs)},
};
#undef REPAIRS
#undef GROUP

const struct hl_name_table *
hl_object_mask_names(enum hl_object object)
{
	const struct hl_object_desc *o = hl_object_of(object);

	return o ? o->mask : NULL;
}

uint32_t
hl_object_scrub_bit(enum hl_object object, uint32_t scrub_type)
{
	const struct hl_object_desc *o = hl_object_of(object);

	for (size_t i = 0; o && i < o->nr_repairs; i++)
		if (o->repairs[i].scrub_type == scrub_type)
			return o->repairs[i].bit;
	return 0;
}

const struct hl_name_table *
hl_fs_mask_names(void)
{
	return &fs_mask_table;
}

const struct hl_name_table *
hl_ag_mask_names(void)
{
	return &ag_mask_table;
}

const struct hl_name_table *
hl_rtgroup_mask_names(void)
{
	return &rtgroup_mask_table;
}

const struct hl_name_table *
hl_inode_mask_names(void)
{
	return &inode_mask_table;
}

void
out_object(struct hl_out *o, const struct hl_render *r, enum hl_object object,
	   uint32_t group, uint64_t ino, uint32_t gen)
{
	const struct hl_object_desc *obj = hl_object_of(object);

	if (obj && obj->has_inode && r->path) {
		out_text(o, r->path);
		return;
	}
	out_mount(o, r);
	if (!obj)
		return;
	if (obj->group_key) {
		out_mem(o, obj->group_text, obj->group_text_len);
		out_hex(o, group);
	}
	if (obj->has_inode) {
		out_lit(o, " ino ");
		out_dec(o, ino);
		out_lit(o, " gen ");
		out_hex(o, gen);
	}
}

struct object_item {
	enum hl_object object;
	uint32_t group;
	uint64_t ino;
	uint32_t gen;
};

static void
render_object(struct hl_out *o, const void *item, const struct hl_render *r)
{
	const struct object_item *it = item;

	out_object(o, r, it->object, it->group, it->ino, it->gen);
}

int
hl_format_object(char *buf, size_t len, enum hl_object object, uint32_t group,
		 uint64_t ino, uint32_t gen, const struct hl_render *r)
{
	const struct object_item it = {object, group, ino, gen};

	if (!hl_object_of(object))
		return -EINVAL;
	return out_format(buf, len, render_object, &it, r);
}

void
out_json_object(struct hl_out *o, enum hl_object object, uint32_t group,
		uint64_t ino, uint32_t gen)
{
	const struct hl_object_desc *obj = hl_object_of(object);

	if (!obj)
		return;
	if (obj->group_key) {
		out_mem(o, obj->group_json, obj->group_json_len);
		out_dec(o, group);
	}
	if (obj->has_inode) {
		out_lit(o, ",\"ino\":");
		out_dec(o, ino);
		out_lit(o, ",\"gen\":");
		out_dec(o, gen);
	}
}
