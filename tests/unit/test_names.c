// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The health monitor name tables against the reference (sections B.2, B.4,
 * B.5, E.4).  Expected values are the numbers from the reference, not the
 * ABI macros, so a wrong macro is caught too.
 */
#include <errno.h>

#include "unit.h"
#include "check.h"
#include "health.h"

static const struct hl_name want_domains[] = {
	{0, "mount"}, {1, "fs"},      {2, "ag"},
	{3, "inode"}, {4, "rtgroup"}, {5, "datadev"},
	{6, "rtdev"}, {7, "logdev"},  {8, "filerange"},
};

static const struct hl_name want_types[] = {
	{0, "running"},	       {1, "lost"},	      {2, "unmount"},
	{3, "sick"},	       {4, "corrupt"},	      {5, "healthy"},
	{6, "shutdown"},       {7, "media_error"},    {8, "buffered_read"},
	{9, "buffered_write"}, {10, "directio_read"}, {11, "directio_write"},
	{12, "media"},
};

static const struct hl_name want_fs[] = {
	{0x1, "fscounters"},  {0x2, "usrquota"}, {0x4, "grpquota"},
	{0x8, "prjquota"},    {0x10, "bitmap"},	 {0x20, "summary"},
	{0x40, "quotacheck"}, {0x80, "nlinks"},	 {0x100, "metadir"},
	{0x200, "metapath"},
};

static const struct hl_name want_ag[] = {
	{0x1, "super"},	       {0x2, "agf"},	  {0x4, "agfl"},
	{0x8, "agi"},	       {0x10, "bnobt"},	  {0x20, "cntbt"},
	{0x40, "inobt"},       {0x80, "finobt"},  {0x100, "rmapbt"},
	{0x200, "refcountbt"}, {0x400, "inodes"},
};

static const struct hl_name want_rtgroup[] = {
	{0x1, "super"},	 {0x2, "bitmap"},      {0x4, "summary"},
	{0x8, "rmapbt"}, {0x10, "refcountbt"},
};

static const struct hl_name want_inode[] = {
	{0x1, "core"},	   {0x2, "datafork"},	{0x4, "attrfork"},
	{0x8, "cowfork"},  {0x10, "directory"}, {0x20, "xattr"},
	{0x40, "symlink"}, {0x80, "parent"},	{0x100, "dirtree"},
};

static const struct hl_name want_shutdown[] = {
	{0x1, "metadata I/O error"},
	{0x2, "log I/O error"},
	{0x4, "forced unmount"},
	{0x8, "in-memory state corruption"},
	{0x10, "ondisk metadata corruption"},
	{0x20, "device removed"},
};

static const struct hl_name want_devices[] = {
	{1, "datadev"},
	{2, "logdev"},
	{3, "rtdev"},
};

static void
test_domains(void)
{
	check_table(hl_domain_names(), HL_TABLE_VALUES, want_domains,
		    ARRAY_SIZE(want_domains));
}

static void
test_types(void)
{
	check_table(hl_type_names(), HL_TABLE_VALUES, want_types,
		    ARRAY_SIZE(want_types));
}

static void
test_fs_mask(void)
{
	check_table(hl_fs_mask_names(), HL_TABLE_BITS, want_fs,
		    ARRAY_SIZE(want_fs));
}

static void
test_ag_mask(void)
{
	check_table(hl_ag_mask_names(), HL_TABLE_BITS, want_ag,
		    ARRAY_SIZE(want_ag));
}

static void
test_rtgroup_mask(void)
{
	check_table(hl_rtgroup_mask_names(), HL_TABLE_BITS, want_rtgroup,
		    ARRAY_SIZE(want_rtgroup));
}

static void
test_inode_mask(void)
{
	check_table(hl_inode_mask_names(), HL_TABLE_BITS, want_inode,
		    ARRAY_SIZE(want_inode));
}

static void
test_shutdown(void)
{
	check_table(hl_shutdown_names(), HL_TABLE_BITS, want_shutdown,
		    ARRAY_SIZE(want_shutdown));
}

static void
test_devices(void)
{
	check_table(hl_device_names(), HL_TABLE_VALUES, want_devices,
		    ARRAY_SIZE(want_devices));
}

/* Domain -> mask table is the same object, not a copy. */
static void
test_domain_mask(void)
{
	CU_ASSERT_PTR_EQUAL(hl_domain_mask_names(1), hl_fs_mask_names());
	CU_ASSERT_PTR_EQUAL(hl_domain_mask_names(2), hl_ag_mask_names());
	CU_ASSERT_PTR_EQUAL(hl_domain_mask_names(3), hl_inode_mask_names());
	CU_ASSERT_PTR_EQUAL(hl_domain_mask_names(4), hl_rtgroup_mask_names());
	CU_ASSERT_PTR_NULL(hl_domain_mask_names(0));
	for (uint32_t d = 5; d <= 9; d++)
		CU_ASSERT_PTR_NULL(hl_domain_mask_names(d));
	CU_ASSERT_PTR_NULL(hl_domain_mask_names(0xffffffff));
}

static void
test_unknown_values(void)
{
	uint64_t v = 42;

	CU_ASSERT_PTR_NULL(hl_name_of(hl_domain_names(), 9));
	CU_ASSERT_PTR_NULL(hl_name_of(hl_domain_names(), 0xffffffff));
	CU_ASSERT_PTR_NULL(hl_name_of(hl_type_names(), 13));
	CU_ASSERT_PTR_NULL(hl_name_of(hl_device_names(), 0));
	CU_ASSERT_PTR_NULL(hl_name_of(hl_device_names(), 4));
	/* A bit table knows single bits only. */
	CU_ASSERT_PTR_NULL(hl_name_of(hl_fs_mask_names(), 0x3));
	CU_ASSERT_PTR_NULL(hl_name_of(NULL, 0));

	/* Exact, case-sensitive matches only. */
	CU_ASSERT_EQUAL(hl_value_of(hl_domain_names(), "Mount", &v), -ENOENT);
	CU_ASSERT_EQUAL(hl_value_of(hl_domain_names(), "mou", &v), -ENOENT);
	CU_ASSERT_EQUAL(hl_value_of(hl_domain_names(), "mounts", &v), -ENOENT);
	CU_ASSERT_EQUAL(hl_value_of(hl_domain_names(), "", &v), -ENOENT);
	CU_ASSERT_EQUAL(hl_value_of(hl_type_names(), "media error", &v),
			-ENOENT);
	CU_ASSERT_EQUAL(v, 42);
	CU_ASSERT_EQUAL(hl_value_of(NULL, "fs", &v), -EINVAL);
	CU_ASSERT_EQUAL(hl_value_of(hl_domain_names(), NULL, &v), -EINVAL);
	CU_ASSERT_EQUAL(hl_value_of(hl_domain_names(), "fs", NULL), -EINVAL);
}

static void
test_table_masks(void)
{
	CU_ASSERT_EQUAL(hl_table_mask(hl_fs_mask_names()), 0x3ff);
	CU_ASSERT_EQUAL(hl_table_mask(hl_ag_mask_names()), 0x7ff);
	CU_ASSERT_EQUAL(hl_table_mask(hl_rtgroup_mask_names()), 0x1f);
	CU_ASSERT_EQUAL(hl_table_mask(hl_inode_mask_names()), 0x1ff);
	CU_ASSERT_EQUAL(hl_table_mask(hl_shutdown_names()), 0x3f);
	CU_ASSERT_EQUAL(hl_table_mask(hl_domain_names()), 0);
	CU_ASSERT_EQUAL(hl_table_mask(NULL), 0);
}

static const struct unit_test tests[] = {
	{"domains", test_domains},
	{"event types", test_types},
	{"fs mask", test_fs_mask},
	{"ag mask", test_ag_mask},
	{"rtgroup mask", test_rtgroup_mask},
	{"inode mask", test_inode_mask},
	{"shutdown reasons", test_shutdown},
	{"devices", test_devices},
	{"domain to mask table", test_domain_mask},
	{"unknown values and names", test_unknown_values},
	{"known bits per table", test_table_masks},
};

int
unit_register_names(void)
{
	return UNIT_ADD_SUITE("names", tests);
}
