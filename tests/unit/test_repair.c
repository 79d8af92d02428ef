// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Repair planning: the mask bit -> scrub type table of reference F.1, row
 * by row; the bits without a spot repair; plan order and truncation; the
 * request for each domain; and the outcome of each result (reference E.4).
 */
#include <errno.h>
#include <string.h>

#include "unit.h"
#include "check.h"
#include "health.h"
#include "xfs_health_abi.h"

enum {
	D_MOUNT = XFS_HEALTH_MONITOR_DOMAIN_MOUNT,
	D_FS = XFS_HEALTH_MONITOR_DOMAIN_FS,
	D_AG = XFS_HEALTH_MONITOR_DOMAIN_AG,
	D_INODE = XFS_HEALTH_MONITOR_DOMAIN_INODE,
	D_RTGROUP = XFS_HEALTH_MONITOR_DOMAIN_RTGROUP,
};

/* Reference F.1 "Repair each set bit", written out again. */
static const struct {
	uint32_t domain;
	uint32_t bit;
	const char *type; /* xfs_io's name; NULL: no spot repair */
} rows[] = {
	{D_FS, XFS_FSOP_GEOM_SICK_COUNTERS, "fscounters"},
	{D_FS, XFS_FSOP_GEOM_SICK_UQUOTA, "usrquota"},
	{D_FS, XFS_FSOP_GEOM_SICK_GQUOTA, "grpquota"},
	{D_FS, XFS_FSOP_GEOM_SICK_PQUOTA, "prjquota"},
	{D_FS, XFS_FSOP_GEOM_SICK_RT_BITMAP, "rtbitmap"},
	{D_FS, XFS_FSOP_GEOM_SICK_RT_SUMMARY, "rtsummary"},
	{D_FS, XFS_FSOP_GEOM_SICK_QUOTACHECK, "quotacheck"},
	{D_FS, XFS_FSOP_GEOM_SICK_NLINKS, "nlinks"},
	{D_FS, XFS_FSOP_GEOM_SICK_METADIR, NULL},
	{D_FS, XFS_FSOP_GEOM_SICK_METAPATH, NULL},
	{D_AG, XFS_AG_GEOM_SICK_SB, "sb"},
	{D_AG, XFS_AG_GEOM_SICK_AGF, "agf"},
	{D_AG, XFS_AG_GEOM_SICK_AGFL, "agfl"},
	{D_AG, XFS_AG_GEOM_SICK_AGI, "agi"},
	{D_AG, XFS_AG_GEOM_SICK_BNOBT, "bnobt"},
	{D_AG, XFS_AG_GEOM_SICK_CNTBT, "cntbt"},
	{D_AG, XFS_AG_GEOM_SICK_INOBT, "inobt"},
	{D_AG, XFS_AG_GEOM_SICK_FINOBT, "finobt"},
	{D_AG, XFS_AG_GEOM_SICK_RMAPBT, "rmapbt"},
	{D_AG, XFS_AG_GEOM_SICK_REFCNTBT, "refcountbt"},
	{D_AG, XFS_AG_GEOM_SICK_INODES, NULL},
	{D_RTGROUP, XFS_RTGROUP_GEOM_SICK_SUPER, "rgsuper"},
	{D_RTGROUP, XFS_RTGROUP_GEOM_SICK_BITMAP, "rtbitmap"},
	{D_RTGROUP, XFS_RTGROUP_GEOM_SICK_SUMMARY, "rtsummary"},
	{D_RTGROUP, XFS_RTGROUP_GEOM_SICK_RMAPBT, "rtrmapbt"},
	{D_RTGROUP, XFS_RTGROUP_GEOM_SICK_REFCNTBT, "rtrefcountbt"},
	{D_INODE, XFS_BS_SICK_INODE, "inode"},
	{D_INODE, XFS_BS_SICK_BMBTD, "bmapbtd"},
	{D_INODE, XFS_BS_SICK_BMBTA, "bmapbta"},
	{D_INODE, XFS_BS_SICK_BMBTC, "bmapbtc"},
	{D_INODE, XFS_BS_SICK_DIR, "directory"},
	{D_INODE, XFS_BS_SICK_XATTR, "xattr"},
	{D_INODE, XFS_BS_SICK_SYMLINK, "symlink"},
	{D_INODE, XFS_BS_SICK_PARENT, "parent"},
	{D_INODE, XFS_BS_SICK_DIRTREE, "dirtree"},
};

static void
test_every_row(void)
{
	for (size_t i = 0; i < ARRAY_SIZE(rows); i++) {
		const struct hl_scrub_type *t =
			hl_repair_type_for_bit(rows[i].domain, rows[i].bit);

		if (!rows[i].type) {
			CU_ASSERT_PTR_NULL(t);
			continue;
		}
		CU_ASSERT_PTR_NOT_NULL_FATAL(t);
		CU_ASSERT_STRING_EQUAL(t->name, rows[i].type);
		CU_ASSERT_PTR_EQUAL(t, hl_scrub_type_by_name(rows[i].type));
	}
}

/* Every named bit of every health domain has a row, and nothing else does. */
static void
test_rows_cover_the_names(void)
{
	static const uint32_t domains[] = {D_FS, D_AG, D_RTGROUP, D_INODE};

	for (size_t d = 0; d < ARRAY_SIZE(domains); d++) {
		const struct hl_name_table *t =
			hl_domain_mask_names(domains[d]);
		uint64_t seen = 0;

		for (size_t i = 0; i < ARRAY_SIZE(rows); i++)
			if (rows[i].domain == domains[d])
				seen |= rows[i].bit;
		CU_ASSERT_EQUAL(seen, hl_table_mask(t));

		/* Bits nobody named, and no bit at all, have no repair. */
		for (int b = 0; b < 32; b++) {
			uint32_t bit = 1u << b;

			if (!(hl_table_mask(t) & bit))
				CU_ASSERT_PTR_NULL(hl_repair_type_for_bit(
					domains[d], bit));
		}
		CU_ASSERT_PTR_NULL(hl_repair_type_for_bit(domains[d], 0));
	}
}

/* The class of each type fits the object the domain names. */
static void
test_types_fit_the_domain(void)
{
	for (size_t i = 0; i < ARRAY_SIZE(rows); i++) {
		const struct hl_scrub_type *t =
			hl_repair_type_for_bit(rows[i].domain, rows[i].bit);

		if (!t)
			continue;
		switch (rows[i].domain) {
		case D_AG:
			CU_ASSERT_EQUAL(t->sclass, HL_SCRUB_CLASS_PERAG);
			break;
		case D_RTGROUP:
			CU_ASSERT_EQUAL(t->sclass, HL_SCRUB_CLASS_RTGROUP);
			break;
		case D_INODE:
			CU_ASSERT_EQUAL(t->sclass, HL_SCRUB_CLASS_INODE);
			break;
		default: /* FS, and the rt files before rtgroups */
			CU_ASSERT(t->sclass == HL_SCRUB_CLASS_FS ||
				  t->sclass == HL_SCRUB_CLASS_RTGROUP);
			break;
		}
	}
}

static void
test_domains_without_mask(void)
{
	static const uint32_t others[] = {D_MOUNT, 5, 6, 7, 8, 99};
	struct hl_repair_step steps[4];
	uint32_t unmapped = 123;

	for (size_t i = 0; i < ARRAY_SIZE(others); i++) {
		CU_ASSERT_PTR_NULL(hl_repair_type_for_bit(others[i], 1));
		CU_ASSERT_EQUAL(
			hl_repair_plan(others[i], 1, steps, 4, &unmapped),
			-EINVAL);
		CU_ASSERT_EQUAL(unmapped, 0);
	}
}

/* "bit:type ..." of a plan, and its unmapped bits. */
static const char *
plan_text(uint32_t domain, uint32_t mask, size_t max, int *n,
	  uint32_t *unmapped)
{
	static char text[512];
	struct hl_repair_step steps[32];
	size_t len = 0;

	memset(steps, 0, sizeof(steps));
	*n = hl_repair_plan(domain, mask, steps, max, unmapped);
	text[0] = '\0';
	for (int i = 0; i < *n && (size_t)i < max; i++)
		len += snprintf(text + len, sizeof(text) - len, "%s0x%x:%s",
				i ? " " : "", steps[i].bit,
				steps[i].type->name);
	/* Nothing past @max is written. */
	for (size_t i = max; i < ARRAY_SIZE(steps); i++)
		CU_ASSERT_PTR_NULL(steps[i].type);
	return text;
}

static void
check_plan(uint32_t domain, uint32_t mask, size_t max, int want_n,
	   const char *want, uint32_t want_unmapped)
{
	uint32_t unmapped = 0xdead;
	int n;
	const char *got = plan_text(domain, mask, max, &n, &unmapped);

	CU_ASSERT_EQUAL(n, want_n);
	CU_ASSERT_STRING_EQUAL(got, want);
	CU_ASSERT_EQUAL(unmapped, want_unmapped);
	if (strcmp(got, want) || n != want_n || unmapped != want_unmapped)
		fprintf(stderr, "\n plan %u 0x%x: %d [%s] 0x%x\n", domain, mask,
			n, got, unmapped);
}

static void
test_plan(void)
{
	/* The table's order is bit order. */
	check_plan(D_AG, 0x311, 32, 4,
		   "0x1:sb 0x10:bnobt 0x100:rmapbt 0x200:refcountbt", 0);
	/* AG inodes has no spot repair. */
	check_plan(D_AG, 0x401, 32, 1, "0x1:sb", 0x400);
	check_plan(D_AG, 0x400, 32, 0, "", 0x400);
	/* FS metadir and metapath neither. */
	check_plan(D_FS, 0x301, 32, 1, "0x1:fscounters", 0x300);
	check_plan(D_FS, 0x30, 32, 2, "0x10:rtbitmap 0x20:rtsummary", 0);
	/* Unknown bits all go to *unmapped. */
	check_plan(D_INODE, 0x80000012, 32, 2, "0x2:bmapbtd 0x10:directory",
		   0x80000000);
	check_plan(D_INODE, 0xfffffe00, 32, 0, "", 0xfffffe00);
	check_plan(D_RTGROUP, 0xffffffff, 32, 5,
		   "0x1:rgsuper 0x2:rtbitmap 0x4:rtsummary 0x8:rtrmapbt "
		   "0x10:rtrefcountbt",
		   0xffffffe0);
	check_plan(D_FS, 0, 32, 0, "", 0);
	/* Truncated: the count is all of them, the first @max are stored. */
	check_plan(D_INODE, 0x1ff, 3, 9, "0x1:inode 0x2:bmapbtd 0x4:bmapbta",
		   0);
	check_plan(D_INODE, 0x1ff, 0, 9, "", 0);
	check_plan(D_AG, 0x7ff, 1, 10, "0x1:sb", 0x400);
}

/* No steps array and no unmapped pointer: just count. */
static void
test_plan_counts_only(void)
{
	uint32_t unmapped = 0;

	CU_ASSERT_EQUAL(hl_repair_plan(D_FS, 0x3ff, NULL, 0, NULL), 8);
	CU_ASSERT_EQUAL(hl_repair_plan(D_FS, 0x3ff, NULL, 0, &unmapped), 8);
	CU_ASSERT_EQUAL(unmapped, 0x300);
	CU_ASSERT_EQUAL(hl_repair_plan(D_INODE, 0x1ff, NULL, 0, &unmapped), 9);
	CU_ASSERT_EQUAL(unmapped, 0);
}

/* The object's numbers from the event, the rest zero, for each domain. */
static void
test_request(void)
{
	static const struct {
		uint32_t domain;
		const char *type;
		uint32_t agno;
		uint64_t ino;
		uint32_t gen;
	} cases[] = {
		{D_AG, "sb", 7, 0, 0},
		{D_RTGROUP, "rgsuper", 7, 0, 0},
		{D_INODE, "inode", 0, 131, 5},
		{D_FS, "fscounters", 0, 0, 0},
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct hl_event ev = {.domain = cases[i].domain,
				      .group = 7,
				      .ino = 131,
				      .gen = 5,
				      .mask = 1};
		struct hl_repair_step step = {
			.bit = 1, .type = hl_scrub_type_by_name(cases[i].type)};
		struct hl_scrub_request req;

		memset(&req, 0xff, sizeof(req));
		hl_repair_request(&ev, &step, &req);
		CU_ASSERT_PTR_EQUAL(req.type, step.type);
		CU_ASSERT_EQUAL(req.agno, cases[i].agno);
		CU_ASSERT_EQUAL(req.ino, cases[i].ino);
		CU_ASSERT_EQUAL(req.gen, cases[i].gen);
	}
}

/* xfs_healer's order of tests, as a naive second implementation. */
static enum hl_repair_outcome
naive_judge(int error, uint32_t f)
{
	if (error || (f & 0x22))
		return HL_REPAIR_FAILED;
	if (f & 0x18)
		return HL_REPAIR_PROBABLY_OK;
	if (f & 0x80)
		return HL_REPAIR_UNNECESSARY;
	return HL_REPAIR_SUCCESS;
}

static void
test_judge(void)
{
	static const struct {
		int error;
		uint32_t flags;
		enum hl_repair_outcome want;
	} cases[] = {
		{0, 0, HL_REPAIR_SUCCESS},
		{0, XFS_SCRUB_OFLAG_PREEN, HL_REPAIR_SUCCESS},
		{0, XFS_SCRUB_OFLAG_WARNING, HL_REPAIR_SUCCESS},
		{0, XFS_SCRUB_IFLAG_REPAIR, HL_REPAIR_SUCCESS},
		{0, XFS_SCRUB_OFLAG_CORRUPT, HL_REPAIR_FAILED},
		{0, XFS_SCRUB_OFLAG_INCOMPLETE, HL_REPAIR_FAILED},
		{0, XFS_SCRUB_OFLAG_XFAIL, HL_REPAIR_PROBABLY_OK},
		{0, XFS_SCRUB_OFLAG_XCORRUPT, HL_REPAIR_PROBABLY_OK},
		{0, XFS_SCRUB_OFLAG_NO_REPAIR_NEEDED, HL_REPAIR_UNNECESSARY},
		/* An ioctl error wins over any flags. */
		{EIO, 0, HL_REPAIR_FAILED},
		{EOPNOTSUPP, XFS_SCRUB_OFLAG_NO_REPAIR_NEEDED,
		 HL_REPAIR_FAILED},
		/* Failure before cross-referencing before nothing to do. */
		{0, XFS_SCRUB_OFLAG_CORRUPT | XFS_SCRUB_OFLAG_XFAIL,
		 HL_REPAIR_FAILED},
		{0, XFS_SCRUB_OFLAG_XCORRUPT | XFS_SCRUB_OFLAG_NO_REPAIR_NEEDED,
		 HL_REPAIR_PROBABLY_OK},
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++)
		CU_ASSERT_EQUAL(hl_repair_judge(cases[i].error, cases[i].flags),
				cases[i].want);

	/* Every combination of the output flags, with and without error. */
	for (uint32_t f = 0; f <= 0x1ff; f++) {
		CU_ASSERT_EQUAL(hl_repair_judge(0, f), naive_judge(0, f));
		CU_ASSERT_EQUAL(hl_repair_judge(ENOSPC, f), HL_REPAIR_FAILED);
	}
}

static void
test_outcome_tables(void)
{
	static const struct hl_name words[] = {
		{HL_REPAIR_FAILED, "failed"},
		{HL_REPAIR_PROBABLY_OK, "probably_ok"},
		{HL_REPAIR_UNNECESSARY, "unnecessary"},
		{HL_REPAIR_SUCCESS, "success"},
	};
	static const struct hl_name texts[] = {
		{HL_REPAIR_FAILED,
		 "Repair unsuccessful; offline repair required."},
		{HL_REPAIR_PROBABLY_OK,
		 "Seems correct but cross-referencing failed; offline repair "
		 "recommended."},
		{HL_REPAIR_UNNECESSARY, "No modification needed."},
		{HL_REPAIR_SUCCESS, "Repairs successful."},
	};

	check_table(hl_repair_outcome_names(), HL_TABLE_VALUES, words,
		    ARRAY_SIZE(words));
	check_table(hl_repair_outcome_texts(), HL_TABLE_VALUES, texts,
		    ARRAY_SIZE(texts));
}

static const struct unit_test tests[] = {
	{"every row of the F.1 table", test_every_row},
	{"rows cover the mask names", test_rows_cover_the_names},
	{"types fit the domain", test_types_fit_the_domain},
	{"domains without a mask", test_domains_without_mask},
	{"plan order, unmapped bits, truncation", test_plan},
	{"plan counts without arrays", test_plan_counts_only},
	{"request per domain", test_request},
	{"judge", test_judge},
	{"outcome tables", test_outcome_tables},
};

int
unit_register_repair(void)
{
	return UNIT_ADD_SUITE("repair planning", tests);
}
