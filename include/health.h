/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * libhealth: everything xfs_health and xfs_healthd share that does no I/O of
 * its own.  Functions return 0 or a negative errno and never print.
 *
 * Name tables: each fact (domain names, the FS health mask, ...) lives in
 * exactly one table.  The event decoder, the text and JSON renderers, the help
 * text and the man-page check all read these tables; none keeps a copy.
 */
#ifndef XFS_HEALTH_HEALTH_H
#define XFS_HEALTH_HEALTH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ---- name tables ------------------------------------------------------- */

struct hl_name {
	uint64_t value; /* a value, or one bit for HL_TABLE_BITS */
	const char *name;
};

enum hl_table_kind {
	HL_TABLE_VALUES, /* entries are distinct values */
	HL_TABLE_BITS,	 /* entries are single bits, in bit order */
};

struct hl_name_table {
	const char *what; /* what the names are, e.g. "event domain" */
	enum hl_table_kind kind;
	size_t nr;
	const struct hl_name *names;
};

/* Healthmon event fields (values). */
const struct hl_name_table *hl_domain_names(void);
const struct hl_name_table *hl_type_names(void);

/* Health masks (bits): e.fs, e.group (AG or RTGROUP), e.inode. */
const struct hl_name_table *hl_fs_mask_names(void);
const struct hl_name_table *hl_ag_mask_names(void);
const struct hl_name_table *hl_rtgroup_mask_names(void);
const struct hl_name_table *hl_inode_mask_names(void);

/* The mask table for an event domain; NULL if the domain has no mask. */
const struct hl_name_table *hl_domain_mask_names(uint32_t domain);

/* e.shutdown.reasons (bits). */
const struct hl_name_table *hl_shutdown_names(void);

/* enum xfs_device (values): datadev, logdev, rtdev. */
const struct hl_name_table *hl_device_names(void);

/* sm_flags/sv_flags (bits), input and output; the kernel's trace names. */
const struct hl_name_table *hl_scrub_flag_names(void);

/* XFS_SCRUB_METAPATH_* (values), the xfs_io names. */
const struct hl_name_table *hl_metapath_names(void);

/* Does this metapath need an rtgroup number as well? */
bool hl_metapath_needs_group(uint64_t id);

/* Exact-match lookups.  hl_name_of returns NULL for an unknown value. */
const char *hl_name_of(const struct hl_name_table *t, uint64_t value);
int hl_value_of(const struct hl_name_table *t, const char *name,
		uint64_t *value);

/* OR of every bit a bit table names. */
uint64_t hl_table_mask(const struct hl_name_table *t);

/*
 * Join the names of the bits set in @mask with ", " in table order; bits the
 * table does not name follow as one "0x%llx" item.  An empty mask gives "".
 * Returns 0, -ENOSPC if @buf was too small (the text is cut but terminated),
 * or -EINVAL for a NULL or empty buffer or a table that is not HL_TABLE_BITS.
 */
int hl_format_mask(const struct hl_name_table *t, uint64_t mask, char *buf,
		   size_t len);

/* Name of the first table entry whose bit is set in @mask, else NULL. */
const char *hl_lowest_bit_name(const struct hl_name_table *t, uint64_t mask);

/* ---- scrub type catalogue ---------------------------------------------- */

/* Which of sm_ino/sm_gen/sm_agno the kernel accepts for a type. */
enum hl_scrub_class {
	HL_SCRUB_CLASS_NONE,
	HL_SCRUB_CLASS_FS,
	HL_SCRUB_CLASS_PERAG,
	HL_SCRUB_CLASS_INODE,
	HL_SCRUB_CLASS_RTGROUP,
	HL_SCRUB_CLASS_GENERIC, /* decided by the scrubber (metapath) */
};

/* xfs_io's scrubv groups; HL_SCRUB_GROUP_NONE is in no group (metapath). */
enum hl_scrub_group {
	HL_SCRUB_GROUP_NONE,
	HL_SCRUB_GROUP_PROBE,
	HL_SCRUB_GROUP_AGHEADER,
	HL_SCRUB_GROUP_AG,
	HL_SCRUB_GROUP_FS,
	HL_SCRUB_GROUP_INODE,
	HL_SCRUB_GROUP_ISCAN,
	HL_SCRUB_GROUP_SUMMARY,
	HL_SCRUB_GROUP_RTGROUP,
};

struct hl_scrub_type {
	uint32_t type;	   /* XFS_SCRUB_TYPE_* */
	const char *name;  /* xfs_io's name, e.g. "bnobt" */
	const char *descr; /* e.g. "freesp by block btree" */
	enum hl_scrub_class sclass;
	enum hl_scrub_group group;
};

/* Every type, indexed by type value: 0 .. XFS_SCRUB_TYPE_NR - 1. */
const struct hl_scrub_type *hl_scrub_types(size_t *nr);
const struct hl_scrub_type *hl_scrub_type_by_value(uint32_t type);
const struct hl_scrub_type *hl_scrub_type_by_name(const char *name);

/* Iterate a group: start with @prev NULL; returns NULL after the last. */
const struct hl_scrub_type *
hl_scrub_group_next(enum hl_scrub_group group,
		    const struct hl_scrub_type *prev);

/* Group names (values are enum hl_scrub_group), in xfs_io's order. */
const struct hl_name_table *hl_scrub_group_names(void);

/* Class names (values are enum hl_scrub_class), for messages. */
const struct hl_name_table *hl_scrub_class_names(void);

/*
 * Later: struct hl_event and its decoder, text and JSON renderers,
 * verify-media range arithmetic and repair planning.
 */

#endif /* XFS_HEALTH_HEALTH_H */
