// SPDX-License-Identifier: GPL-2.0-or-later
/* hl_format_mask and hl_lowest_bit_name (reference E.4). */
#include <errno.h>
#include <string.h>

#include "unit.h"
#include "health.h"

/* Format into a buffer pre-filled with junk, so "" proves initialisation. */
static int
fmt(const struct hl_name_table *t, uint64_t mask, char *buf, size_t len)
{
	memset(buf, 'X', len);
	return hl_format_mask(t, mask, buf, len);
}

static void
test_empty_mask(void)
{
	char buf[64];

	CU_ASSERT_EQUAL(fmt(hl_fs_mask_names(), 0, buf, sizeof(buf)), 0);
	CU_ASSERT_STRING_EQUAL(buf, "");
	CU_ASSERT_EQUAL(fmt(hl_inode_mask_names(), 0, buf, 1), 0);
	CU_ASSERT_EQUAL(buf[0], '\0');
}

/* The lines of upstream's sample output in reference E.4. */
static void
test_upstream_samples(void)
{
	char buf[512];

	CU_ASSERT_EQUAL(fmt(hl_fs_mask_names(), 0x3, buf, sizeof(buf)), 0);
	CU_ASSERT_STRING_EQUAL(buf, "fscounters, usrquota");
	CU_ASSERT_EQUAL(fmt(hl_fs_mask_names(), 0x300, buf, sizeof(buf)), 0);
	CU_ASSERT_STRING_EQUAL(buf, "metadir, metapath");
	CU_ASSERT_EQUAL(fmt(hl_ag_mask_names(), 0x110, buf, sizeof(buf)), 0);
	CU_ASSERT_STRING_EQUAL(buf, "bnobt, rmapbt");
	CU_ASSERT_EQUAL(fmt(hl_ag_mask_names(), 0x401, buf, sizeof(buf)), 0);
	CU_ASSERT_STRING_EQUAL(buf, "super, inodes");
	CU_ASSERT_EQUAL(fmt(hl_rtgroup_mask_names(), 0x2, buf, sizeof(buf)), 0);
	CU_ASSERT_STRING_EQUAL(buf, "bitmap");
	CU_ASSERT_EQUAL(fmt(hl_inode_mask_names(), 0x2, buf, sizeof(buf)), 0);
	CU_ASSERT_STRING_EQUAL(buf, "datafork");
	CU_ASSERT_EQUAL(fmt(hl_inode_mask_names(), 0x8012, buf, sizeof(buf)),
			0);
	CU_ASSERT_STRING_EQUAL(buf, "datafork, directory, 0x8000");
	CU_ASSERT_EQUAL(fmt(hl_shutdown_names(), 0x14, buf, sizeof(buf)), 0);
	CU_ASSERT_STRING_EQUAL(buf,
			       "forced unmount, ondisk metadata corruption");
}

static void
test_all_bits(void)
{
	char buf[512];

	CU_ASSERT_EQUAL(fmt(hl_rtgroup_mask_names(), 0x1f, buf, sizeof(buf)),
			0);
	CU_ASSERT_STRING_EQUAL(buf,
			       "super, bitmap, summary, rmapbt, refcountbt");
	CU_ASSERT_EQUAL(fmt(hl_scrub_flag_names(), 0xfe, buf, sizeof(buf)), 0);
	CU_ASSERT_STRING_EQUAL(buf, "corrupt, preen, xfail, xcorrupt, "
				    "incomplete, warning, norepair");
}

/* Unknown bits become one hex item, after the named ones. */
static void
test_unknown_bits(void)
{
	char buf[64];

	CU_ASSERT_EQUAL(fmt(hl_fs_mask_names(), 0x400, buf, sizeof(buf)), 0);
	CU_ASSERT_STRING_EQUAL(buf, "0x400");
	CU_ASSERT_EQUAL(fmt(hl_rtgroup_mask_names(), 0x1e0, buf, sizeof(buf)),
			0);
	CU_ASSERT_STRING_EQUAL(buf, "0x1e0");
	CU_ASSERT_EQUAL(fmt(hl_shutdown_names(), 0x8000000000000001ULL, buf,
			    sizeof(buf)),
			0);
	CU_ASSERT_STRING_EQUAL(buf, "metadata I/O error, 0x8000000000000000");
	CU_ASSERT_EQUAL(fmt(hl_ag_mask_names(), ~0ULL, buf, sizeof(buf)),
			-ENOSPC);
}

static void
test_truncation(void)
{
	char buf[32];

	/* Exactly fits: "fscounters" + NUL. */
	CU_ASSERT_EQUAL(fmt(hl_fs_mask_names(), 0x1, buf, 11), 0);
	CU_ASSERT_STRING_EQUAL(buf, "fscounters");

	CU_ASSERT_EQUAL(fmt(hl_fs_mask_names(), 0x1, buf, 10), -ENOSPC);
	CU_ASSERT_STRING_EQUAL(buf, "fscounter");

	CU_ASSERT_EQUAL(fmt(hl_fs_mask_names(), 0x3, buf, 15), -ENOSPC);
	CU_ASSERT_STRING_EQUAL(buf, "fscounters, us");

	/* Cut inside the hex item. */
	CU_ASSERT_EQUAL(fmt(hl_fs_mask_names(), 0x401, buf, 16), -ENOSPC);
	CU_ASSERT_STRING_EQUAL(buf, "fscounters, 0x4");
	CU_ASSERT_EQUAL(fmt(hl_fs_mask_names(), 0x401, buf, 18), 0);
	CU_ASSERT_STRING_EQUAL(buf, "fscounters, 0x400");

	/* Room for the terminator only. */
	CU_ASSERT_EQUAL(fmt(hl_fs_mask_names(), 0x1, buf, 1), -ENOSPC);
	CU_ASSERT_EQUAL(buf[0], '\0');
}

static void
test_bad_args(void)
{
	char buf[16] = "unchanged";

	CU_ASSERT_EQUAL(hl_format_mask(NULL, 1, buf, sizeof(buf)), -EINVAL);
	CU_ASSERT_EQUAL(hl_format_mask(hl_fs_mask_names(), 1, NULL, 16),
			-EINVAL);
	CU_ASSERT_EQUAL(hl_format_mask(hl_fs_mask_names(), 1, buf, 0), -EINVAL);
	/* A value table has no bits to join. */
	CU_ASSERT_EQUAL(hl_format_mask(hl_domain_names(), 1, buf, sizeof(buf)),
			-EINVAL);
	CU_ASSERT_STRING_EQUAL(buf, "unchanged");
}

static void
test_lowest_bit(void)
{
	CU_ASSERT_STRING_EQUAL(hl_lowest_bit_name(hl_inode_mask_names(), 0x12),
			       "datafork");
	CU_ASSERT_STRING_EQUAL(
		hl_lowest_bit_name(hl_inode_mask_names(), 0x8100), "dirtree");
	CU_ASSERT_STRING_EQUAL(hl_lowest_bit_name(hl_ag_mask_names(), 0x600),
			       "refcountbt");
	CU_ASSERT_STRING_EQUAL(hl_lowest_bit_name(hl_fs_mask_names(), 0x3ff),
			       "fscounters");
	CU_ASSERT_STRING_EQUAL(
		hl_lowest_bit_name(hl_rtgroup_mask_names(), 0x14), "summary");
	CU_ASSERT_PTR_NULL(hl_lowest_bit_name(hl_inode_mask_names(), 0));
	CU_ASSERT_PTR_NULL(hl_lowest_bit_name(hl_inode_mask_names(), 0x8000));
	CU_ASSERT_PTR_NULL(hl_lowest_bit_name(hl_domain_names(), 1));
	CU_ASSERT_PTR_NULL(hl_lowest_bit_name(NULL, 1));
}

static const struct unit_test tests[] = {
	{"empty mask", test_empty_mask},
	{"upstream samples", test_upstream_samples},
	{"all bits", test_all_bits},
	{"unknown bits", test_unknown_bits},
	{"truncation", test_truncation},
	{"bad arguments", test_bad_args},
	{"lowest bit name", test_lowest_bit},
};

int
unit_register_format(void)
{
	return UNIT_ADD_SUITE("format mask", tests);
}
