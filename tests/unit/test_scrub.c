// SPDX-License-Identifier: GPL-2.0-or-later
/* The scrub catalogue, groups, flags and metapaths against reference D. */
#include <errno.h>
#include <string.h>

#include "unit.h"
#include "check.h"
#include "health.h"
#include "xfs_health_abi.h"

#define C(x) HL_SCRUB_CLASS_##x
#define G(x) HL_SCRUB_GROUP_##x

/* Reference D.3, row by row. */
static const struct hl_scrub_type want_types[] = {
	{0, "probe", "metadata", C(NONE), G(PROBE)},
	{1, "sb", "superblock", C(PERAG), G(AGHEADER)},
	{2, "agf", "free space header", C(PERAG), G(AGHEADER)},
	{3, "agfl", "free list", C(PERAG), G(AGHEADER)},
	{4, "agi", "inode header", C(PERAG), G(AGHEADER)},
	{5, "bnobt", "freesp by block btree", C(PERAG), G(AG)},
	{6, "cntbt", "freesp by length btree", C(PERAG), G(AG)},
	{7, "inobt", "inode btree", C(PERAG), G(AG)},
	{8, "finobt", "free inode btree", C(PERAG), G(AG)},
	{9, "rmapbt", "reverse mapping btree", C(PERAG), G(AG)},
	{10, "refcountbt", "reference count btree", C(PERAG), G(AG)},
	{11, "inode", "inode record", C(INODE), G(INODE)},
	{12, "bmapbtd", "data block map", C(INODE), G(INODE)},
	{13, "bmapbta", "attr block map", C(INODE), G(INODE)},
	{14, "bmapbtc", "CoW block map", C(INODE), G(INODE)},
	{15, "directory", "directory entries", C(INODE), G(INODE)},
	{16, "xattr", "extended attributes", C(INODE), G(INODE)},
	{17, "symlink", "symbolic link", C(INODE), G(INODE)},
	{18, "parent", "parent pointer", C(INODE), G(INODE)},
	{19, "rtbitmap", "realtime bitmap", C(RTGROUP), G(RTGROUP)},
	{20, "rtsummary", "realtime summary", C(RTGROUP), G(RTGROUP)},
	{21, "usrquota", "user quotas", C(FS), G(FS)},
	{22, "grpquota", "group quotas", C(FS), G(FS)},
	{23, "prjquota", "project quotas", C(FS), G(FS)},
	{24, "fscounters", "filesystem summary counters", C(FS), G(SUMMARY)},
	{25, "quotacheck", "quota counters", C(FS), G(ISCAN)},
	{26, "nlinks", "inode link counts", C(FS), G(ISCAN)},
	{27, "healthy", "retained health records", C(FS), G(PROBE)},
	{28, "dirtree", "directory tree structure", C(INODE), G(INODE)},
	{29, "metapath", "metadata directory paths", C(GENERIC), G(NONE)},
	{30, "rgsuper", "realtime group superblock", C(RTGROUP), G(RTGROUP)},
	{31, "rtrmapbt", "realtime reverse mapping btree", C(RTGROUP),
	 G(RTGROUP)},
	{32, "rtrefcountbt", "realtime reference count btree", C(RTGROUP),
	 G(RTGROUP)},
};

static void
test_catalogue(void)
{
	const struct hl_scrub_type *types;
	size_t nr = 0;

	types = hl_scrub_types(&nr);
	CU_ASSERT_PTR_NOT_NULL_FATAL(types);
	CU_ASSERT_EQUAL_FATAL(nr, ARRAY_SIZE(want_types));
	CU_ASSERT_EQUAL(nr, 33);
	CU_ASSERT_EQUAL(XFS_SCRUB_TYPE_NR, 33);

	for (size_t i = 0; i < nr; i++) {
		const struct hl_scrub_type *t = &types[i];
		const struct hl_scrub_type *w = &want_types[i];

		CU_ASSERT_EQUAL(t->type, i);
		CU_ASSERT_EQUAL(t->type, w->type);
		CU_ASSERT_PTR_NOT_NULL_FATAL(t->name);
		CU_ASSERT_PTR_NOT_NULL_FATAL(t->descr);
		CU_ASSERT_STRING_EQUAL(t->name, w->name);
		CU_ASSERT_STRING_EQUAL(t->descr, w->descr);
		CU_ASSERT_EQUAL(t->sclass, w->sclass);
		CU_ASSERT_EQUAL(t->group, w->group);

		CU_ASSERT_PTR_EQUAL(hl_scrub_type_by_value(i), t);
		CU_ASSERT_PTR_EQUAL(hl_scrub_type_by_name(w->name), t);
		for (size_t j = 0; j < i; j++)
			CU_ASSERT(strcmp(t->name, types[j].name));
	}
	CU_ASSERT_PTR_EQUAL(hl_scrub_types(NULL), types);
}

/* Spot-check the ABI macros the catalogue is keyed by. */
static void
test_type_macros(void)
{
	CU_ASSERT_EQUAL(XFS_SCRUB_TYPE_PROBE, 0);
	CU_ASSERT_EQUAL(XFS_SCRUB_TYPE_REFCNTBT, 10);
	CU_ASSERT_EQUAL(XFS_SCRUB_TYPE_RTSUM, 20);
	CU_ASSERT_EQUAL(XFS_SCRUB_TYPE_FSCOUNTERS, 24);
	CU_ASSERT_EQUAL(XFS_SCRUB_TYPE_HEALTHY, 27);
	CU_ASSERT_EQUAL(XFS_SCRUB_TYPE_METAPATH, 29);
	CU_ASSERT_EQUAL(XFS_SCRUB_TYPE_RTREFCBT, 32);
	CU_ASSERT_EQUAL(XFS_SCRUB_TYPE_BARRIER, 0xffffffffu);
}

static void
test_unknown_types(void)
{
	CU_ASSERT_PTR_NULL(hl_scrub_type_by_value(33));
	CU_ASSERT_PTR_NULL(hl_scrub_type_by_value(XFS_SCRUB_TYPE_BARRIER));
	CU_ASSERT_PTR_NULL(hl_scrub_type_by_name("barrier"));
	CU_ASSERT_PTR_NULL(hl_scrub_type_by_name("bnobtx"));
	CU_ASSERT_PTR_NULL(hl_scrub_type_by_name("bno"));
	CU_ASSERT_PTR_NULL(hl_scrub_type_by_name("BNOBT"));
	CU_ASSERT_PTR_NULL(hl_scrub_type_by_name(""));
	CU_ASSERT_PTR_NULL(hl_scrub_type_by_name(NULL));
	/* Kernel macro spellings are not xfs_io names. */
	CU_ASSERT_PTR_NULL(hl_scrub_type_by_name("refcntbt"));
	CU_ASSERT_PTR_NULL(hl_scrub_type_by_name("rtrefcbt"));
}

static void
check_group(enum hl_scrub_group group, const char *const *want, size_t nr)
{
	const struct hl_scrub_type *t = NULL;
	size_t n = 0;

	while ((t = hl_scrub_group_next(group, t)) != NULL) {
		CU_ASSERT_EQUAL(t->group, group);
		if (n < nr)
			CU_ASSERT_STRING_EQUAL(t->name, want[n]);
		n++;
	}
	CU_ASSERT_EQUAL(n, nr);
}

#define CHECK_GROUP(g, ...)                                                    \
	do {                                                                   \
		static const char *const names[] = {__VA_ARGS__};              \
		check_group(HL_SCRUB_GROUP_##g, names, ARRAY_SIZE(names));     \
		total += ARRAY_SIZE(names);                                    \
	} while (0)

static void
test_groups(void)
{
	size_t total = 0;

	CHECK_GROUP(PROBE, "probe", "healthy");
	CHECK_GROUP(AGHEADER, "sb", "agf", "agfl", "agi");
	CHECK_GROUP(AG, "bnobt", "cntbt", "inobt", "finobt", "rmapbt",
		    "refcountbt");
	CHECK_GROUP(FS, "usrquota", "grpquota", "prjquota");
	CHECK_GROUP(INODE, "inode", "bmapbtd", "bmapbta", "bmapbtc",
		    "directory", "xattr", "symlink", "parent", "dirtree");
	CHECK_GROUP(ISCAN, "quotacheck", "nlinks");
	CHECK_GROUP(SUMMARY, "fscounters");
	CHECK_GROUP(RTGROUP, "rtbitmap", "rtsummary", "rgsuper", "rtrmapbt",
		    "rtrefcountbt");
	CHECK_GROUP(NONE, "metapath");
	/* Every type is in exactly one group. */
	CU_ASSERT_EQUAL(total, 33);
}

static void
test_group_iteration_bounds(void)
{
	const struct hl_scrub_type *types = hl_scrub_types(NULL);
	struct hl_scrub_type outside = {0};

	CU_ASSERT_PTR_NULL(hl_scrub_group_next(HL_SCRUB_GROUP_AG, &outside));
	CU_ASSERT_PTR_NULL(
		hl_scrub_group_next(HL_SCRUB_GROUP_SUMMARY, &types[24]));
	CU_ASSERT_PTR_NULL(hl_scrub_group_next((enum hl_scrub_group)99, NULL));
}

static const struct hl_name want_groups[] = {
	{HL_SCRUB_GROUP_PROBE, "probe"},
	{HL_SCRUB_GROUP_AGHEADER, "agheader"},
	{HL_SCRUB_GROUP_AG, "ag"},
	{HL_SCRUB_GROUP_FS, "fs"},
	{HL_SCRUB_GROUP_INODE, "inode"},
	{HL_SCRUB_GROUP_ISCAN, "iscan"},
	{HL_SCRUB_GROUP_SUMMARY, "summary"},
	{HL_SCRUB_GROUP_RTGROUP, "rtgroup"},
};

static void
test_group_names(void)
{
	uint64_t v;

	check_table(hl_scrub_group_names(), HL_TABLE_VALUES, want_groups,
		    ARRAY_SIZE(want_groups));
	/* metapath's "group" is not one xfs_io accepts. */
	CU_ASSERT_PTR_NULL(
		hl_name_of(hl_scrub_group_names(), HL_SCRUB_GROUP_NONE));
	CU_ASSERT_EQUAL(hl_value_of(hl_scrub_group_names(), "none", &v),
			-ENOENT);
	CU_ASSERT_EQUAL(hl_value_of(hl_scrub_group_names(), "metapath", &v),
			-ENOENT);
}

static const struct hl_name want_classes[] = {
	{HL_SCRUB_CLASS_NONE, "none"},
	{HL_SCRUB_CLASS_FS, "fs"},
	{HL_SCRUB_CLASS_PERAG, "perag"},
	{HL_SCRUB_CLASS_INODE, "inode"},
	{HL_SCRUB_CLASS_RTGROUP, "rtgroup"},
	{HL_SCRUB_CLASS_GENERIC, "generic"},
};

static void
test_class_names(void)
{
	check_table(hl_scrub_class_names(), HL_TABLE_VALUES, want_classes,
		    ARRAY_SIZE(want_classes));
}

/* Reference D.2, with the kernel's trace names. */
static const struct hl_name want_flags[] = {
	{0x1, "repair"},   {0x2, "corrupt"},   {0x4, "preen"},
	{0x8, "xfail"},	   {0x10, "xcorrupt"}, {0x20, "incomplete"},
	{0x40, "warning"}, {0x80, "norepair"}, {0x100, "rebuild"},
};

static void
test_flags(void)
{
	check_table(hl_scrub_flag_names(), HL_TABLE_BITS, want_flags,
		    ARRAY_SIZE(want_flags));
	CU_ASSERT_EQUAL(hl_table_mask(hl_scrub_flag_names()),
			XFS_SCRUB_FLAGS_ALL);
	CU_ASSERT_EQUAL(XFS_SCRUB_FLAGS_IN, 0x101);
	CU_ASSERT_EQUAL(XFS_SCRUB_FLAGS_OUT, 0xfe);
	CU_ASSERT_EQUAL(XFS_SCRUB_FLAGS_ALL, 0x1ff);
	CU_ASSERT_STRING_EQUAL(hl_lowest_bit_name(hl_scrub_flag_names(), 0x18),
			       "xfail");
}

static const struct hl_name want_metapaths[] = {
	{0, "probe"},	 {1, "rtdir"},	  {2, "rtbitmap"}, {3, "rtsummary"},
	{4, "quotadir"}, {5, "usrquota"}, {6, "grpquota"}, {7, "prjquota"},
	{8, "rtrmapbt"}, {9, "rtrefcbt"},
};

static void
test_metapaths(void)
{
	check_table(hl_metapath_names(), HL_TABLE_VALUES, want_metapaths,
		    ARRAY_SIZE(want_metapaths));
	CU_ASSERT_EQUAL(XFS_SCRUB_METAPATH_NR, 10);
	CU_ASSERT_PTR_NULL(hl_name_of(hl_metapath_names(), 10));

	for (uint64_t id = 0; id < 10; id++) {
		bool want = id == 2 || id == 3 || id == 8 || id == 9;

		CU_ASSERT_EQUAL(hl_metapath_needs_group(id), want);
	}
	CU_ASSERT_FALSE(hl_metapath_needs_group(10));
	CU_ASSERT_FALSE(hl_metapath_needs_group(66));
	CU_ASSERT_FALSE(hl_metapath_needs_group(~0ULL));
}

static const struct unit_test tests[] = {
	{"catalogue 0..32", test_catalogue},
	{"type macros", test_type_macros},
	{"unknown types", test_unknown_types},
	{"group members", test_groups},
	{"group iteration bounds", test_group_iteration_bounds},
	{"group names", test_group_names},
	{"class names", test_class_names},
	{"flags", test_flags},
	{"metapaths", test_metapaths},
};

int
unit_register_scrub(void)
{
	return UNIT_ADD_SUITE("scrub", tests);
}
