// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Scrub results: xfs_io's sentences per flag (reference E.5), the outcome
 * of a set of flags, and the text and JSON renderings (doc/scrub.md).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "check.h"
#include "health.h"
#include "xfs_health_abi.h"

/* Reference E.5, scrub, in print order. */
static const struct hl_name want_check[] = {
	{0x02, "Corruption detected."},
	{0x04, "Optimization possible."},
	{0x08, "Cross-referencing failed."},
	{0x10, "Corruption detected during cross-referencing."},
	{0x20, "Scan was not complete."},
};

/* Reference E.5, repair, in print order. */
static const struct hl_name want_repair[] = {
	{0x02, "Corruption remains."},
	{0x04, "Optimization possible."},
	{0x08, "Cross-referencing failed."},
	{0x10, "Corruption still detected during cross-referencing."},
	{0x20, "Repair was not complete."},
	{0x80, "Metadata did not need repair or optimization."},
};

static void
test_sentence_tables(void)
{
	check_table(hl_scrub_sentence_table(HL_SCRUB_CHECK), HL_TABLE_BITS,
		    want_check, ARRAY_SIZE(want_check));
	check_table(hl_scrub_sentence_table(HL_SCRUB_REPAIR), HL_TABLE_BITS,
		    want_repair, ARRAY_SIZE(want_repair));
}

static void
test_sentences(void)
{
	const char *out[8];

	/* Clean, and flags that print nothing. */
	CU_ASSERT_EQUAL(hl_scrub_sentences(HL_SCRUB_CHECK, 0, out, 8), 0);
	CU_ASSERT_EQUAL(
		hl_scrub_sentences(HL_SCRUB_CHECK,
				   XFS_SCRUB_OFLAG_WARNING |
					   XFS_SCRUB_OFLAG_NO_REPAIR_NEEDED |
					   XFS_SCRUB_IFLAG_REPAIR,
				   out, 8),
		0);
	CU_ASSERT_EQUAL(hl_scrub_sentences(HL_SCRUB_REPAIR,
					   XFS_SCRUB_IFLAG_REPAIR |
						   XFS_SCRUB_OFLAG_WARNING,
					   out, 8),
			0);

	/* Table order whatever the bit order of the request. */
	CU_ASSERT_EQUAL_FATAL(hl_scrub_sentences(HL_SCRUB_CHECK, 0x32, out, 8),
			      3);
	CU_ASSERT_STRING_EQUAL(out[0], "Corruption detected.");
	CU_ASSERT_STRING_EQUAL(out[1],
			       "Corruption detected during cross-referencing.");
	CU_ASSERT_STRING_EQUAL(out[2], "Scan was not complete.");

	CU_ASSERT_EQUAL_FATAL(hl_scrub_sentences(HL_SCRUB_REPAIR, 0x83, out, 8),
			      2);
	CU_ASSERT_STRING_EQUAL(out[0], "Corruption remains.");
	CU_ASSERT_STRING_EQUAL(out[1],
			       "Metadata did not need repair or optimization.");

	/* Every flag at once: all sentences. */
	CU_ASSERT_EQUAL(hl_scrub_sentences(HL_SCRUB_CHECK, 0x1ff, out, 8), 5);
	CU_ASSERT_EQUAL(hl_scrub_sentences(HL_SCRUB_REPAIR, 0x1ff, out, 8), 6);

	/* A short array: the count is still the whole count. */
	out[1] = NULL;
	CU_ASSERT_EQUAL(hl_scrub_sentences(HL_SCRUB_CHECK, 0x3e, out, 1), 5);
	CU_ASSERT_STRING_EQUAL(out[0], "Corruption detected.");
	CU_ASSERT_PTR_NULL(out[1]);
	CU_ASSERT_EQUAL(hl_scrub_sentences(HL_SCRUB_CHECK, 0x3e, NULL, 0), 5);
}

static const struct hl_name want_outcomes[] = {
	{HL_SCRUB_OK, "ok"},
	{HL_SCRUB_PREEN, "preen"},
	{HL_SCRUB_XFAIL, "xfail"},
	{HL_SCRUB_REPAIRED, "repaired"},
	{HL_SCRUB_INCOMPLETE, "incomplete"},
	{HL_SCRUB_CORRUPT, "corrupt"},
	{HL_SCRUB_ERROR, "error"},
	{HL_SCRUB_ABSENT, "absent"},
	{HL_SCRUB_SKIPPED, "skipped"},
};

static void
test_outcome_names(void)
{
	check_table(hl_scrub_outcome_names(), HL_TABLE_VALUES, want_outcomes,
		    ARRAY_SIZE(want_outcomes));
	CU_ASSERT_EQUAL(HL_SCRUB_NR_OUTCOMES, ARRAY_SIZE(want_outcomes));
}

#define CHECK(flags) hl_scrub_judge(HL_SCRUB_CHECK, (flags))
#define REPAIR(flags)                                                          \
	hl_scrub_judge(HL_SCRUB_REPAIR, XFS_SCRUB_IFLAG_REPAIR | (flags))

static void
test_judge(void)
{
	const uint32_t nrn = XFS_SCRUB_OFLAG_NO_REPAIR_NEEDED;

	CU_ASSERT_EQUAL(CHECK(0), HL_SCRUB_OK);
	CU_ASSERT_EQUAL(CHECK(XFS_SCRUB_OFLAG_WARNING), HL_SCRUB_OK);
	CU_ASSERT_EQUAL(CHECK(XFS_SCRUB_OFLAG_PREEN), HL_SCRUB_PREEN);
	CU_ASSERT_EQUAL(CHECK(XFS_SCRUB_OFLAG_XFAIL | XFS_SCRUB_OFLAG_PREEN),
			HL_SCRUB_XFAIL);
	CU_ASSERT_EQUAL(
		CHECK(XFS_SCRUB_OFLAG_INCOMPLETE | XFS_SCRUB_OFLAG_XFAIL),
		HL_SCRUB_INCOMPLETE);
	CU_ASSERT_EQUAL(
		CHECK(XFS_SCRUB_OFLAG_CORRUPT | XFS_SCRUB_OFLAG_INCOMPLETE),
		HL_SCRUB_CORRUPT);
	CU_ASSERT_EQUAL(CHECK(XFS_SCRUB_OFLAG_XCORRUPT), HL_SCRUB_CORRUPT);

	/* Left alone: nothing was wrong enough to rewrite. */
	CU_ASSERT_EQUAL(REPAIR(nrn), HL_SCRUB_OK);
	CU_ASSERT_EQUAL(REPAIR(nrn | XFS_SCRUB_OFLAG_XFAIL), HL_SCRUB_XFAIL);
	/* Rewritten, and sound now. */
	CU_ASSERT_EQUAL(REPAIR(0), HL_SCRUB_REPAIRED);
	CU_ASSERT_EQUAL(REPAIR(XFS_SCRUB_OFLAG_PREEN), HL_SCRUB_REPAIRED);
	/* Rewritten, but not sound. */
	CU_ASSERT_EQUAL(REPAIR(XFS_SCRUB_OFLAG_CORRUPT), HL_SCRUB_CORRUPT);
	CU_ASSERT_EQUAL(REPAIR(XFS_SCRUB_OFLAG_XCORRUPT), HL_SCRUB_CORRUPT);
	CU_ASSERT_EQUAL(REPAIR(XFS_SCRUB_OFLAG_INCOMPLETE),
			HL_SCRUB_INCOMPLETE);
}

static void
test_problems(void)
{
	for (int o = 0; o < HL_SCRUB_NR_OUTCOMES; o++)
		CU_ASSERT_EQUAL(hl_scrub_outcome_is_problem(o),
				o == HL_SCRUB_CORRUPT ||
					o == HL_SCRUB_INCOMPLETE);
}

static const struct hl_scrub_type *
T(const char *name)
{
	return hl_scrub_type_by_name(name);
}

static void
check_object(const struct hl_scrub_result *res, const char *want)
{
	struct hl_render r;
	char buf[256];

	CU_ASSERT_EQUAL_FATAL(hl_render_init(&r, "/mnt"), 0);
	CU_ASSERT_EQUAL(hl_scrub_format_object(buf, sizeof(buf), res, &r),
			(int)strlen(want));
	CU_ASSERT_STRING_EQUAL(buf, want);
	hl_render_free(&r);
}

static void
test_object_text(void)
{
	check_object(&(struct hl_scrub_result){.type = T("probe")},
		     "/mnt probe");
	check_object(&(struct hl_scrub_result){.type = T("fscounters")},
		     "/mnt fscounters");
	check_object(&(struct hl_scrub_result){.type = T("agf"), .agno = 26},
		     "/mnt agno 0x1a agf");
	check_object(&(struct hl_scrub_result){.type = T("rgsuper"), .agno = 3},
		     "/mnt rgno 0x3 rgsuper");
	check_object(&(struct hl_scrub_result){.type = T("directory"),
					       .ino = 131,
					       .gen = 0xbeef},
		     "/mnt ino 131 gen 0xbeef directory");
	/* Inode 0: the open file, which the "mount point" already names. */
	check_object(&(struct hl_scrub_result){.type = T("inode")},
		     "/mnt inode");
	check_object(&(struct hl_scrub_result){.type = T("metapath"), .ino = 5},
		     "/mnt metapath usrquota");
	check_object(&(struct hl_scrub_result){.type = T("metapath"),
					       .ino = 8,
					       .agno = 2},
		     "/mnt rgno 0x2 metapath rtrmapbt");
	check_object(
		&(struct hl_scrub_result){.type = T("metapath"), .ino = 77},
		"/mnt metapath 77");
}

static void
check_json(const struct hl_scrub_result *res, const char *want)
{
	struct hl_render r;
	char buf[512];

	CU_ASSERT_EQUAL_FATAL(hl_render_init(&r, "/mnt"), 0);
	CU_ASSERT_EQUAL(hl_scrub_format_json(buf, sizeof(buf), res, &r),
			(int)strlen(want));
	CU_ASSERT_STRING_EQUAL(buf, want);
	hl_render_free(&r);
}

static void
test_json(void)
{
	check_json(&(struct hl_scrub_result){.type = T("agf"),
					     .agno = 1,
					     .flags = 0x12,
					     .outcome = HL_SCRUB_CORRUPT},
		   "{\"mount\":\"/mnt\",\"mode\":\"scrub\",\"object\":\"ag\","
		   "\"type\":\"agf\",\"descr\":\"free space header\","
		   "\"agno\":1,\"flags_mask\":18,"
		   "\"flags\":[\"corrupt\",\"xcorrupt\"],"
		   "\"outcome\":\"corrupt\"}\n");
	/* Input flags are not results. */
	check_json(&(struct hl_scrub_result){.type = T("nlinks"),
					     .mode = HL_SCRUB_REPAIR,
					     .flags = 0x81,
					     .outcome = HL_SCRUB_OK},
		   "{\"mount\":\"/mnt\",\"mode\":\"repair\",\"object\":\"fs\","
		   "\"type\":\"nlinks\",\"descr\":\"inode link counts\","
		   "\"flags_mask\":128,\"flags\":[\"norepair\"],"
		   "\"outcome\":\"ok\"}\n");
	check_json(
		&(struct hl_scrub_result){.type = T("rtrmapbt"),
					  .agno = 4,
					  .error = ENOENT,
					  .outcome = HL_SCRUB_ABSENT},
		"{\"mount\":\"/mnt\",\"mode\":\"scrub\","
		"\"object\":\"rtgroup\",\"type\":\"rtrmapbt\","
		"\"descr\":\"realtime reverse mapping btree\",\"rgno\":4,"
		"\"flags_mask\":0,\"flags\":[],\"outcome\":\"absent\","
		"\"error\":2,\"error_text\":\"No such file or directory\"}\n");
	check_json(
		&(struct hl_scrub_result){.type = T("bmapbtd"),
					  .ino = 133,
					  .gen = 7,
					  .error = ENOTTY,
					  .outcome = HL_SCRUB_ERROR},
		"{\"mount\":\"/mnt\",\"mode\":\"scrub\",\"object\":\"inode\","
		"\"type\":\"bmapbtd\",\"descr\":\"data block map\","
		"\"ino\":133,\"gen\":7,\"flags_mask\":0,\"flags\":[],"
		"\"outcome\":\"error\",\"error\":25,"
		"\"error_text\":\"Inappropriate ioctl for device\"}\n");
	check_json(&(struct hl_scrub_result){.type = T("metapath"),
					     .ino = 2,
					     .agno = 1,
					     .outcome = HL_SCRUB_SKIPPED},
		   "{\"mount\":\"/mnt\",\"mode\":\"scrub\","
		   "\"object\":\"metapath\",\"type\":\"metapath\","
		   "\"descr\":\"metadata directory paths\","
		   "\"metapath\":\"rtbitmap\",\"rgno\":1,\"flags_mask\":0,"
		   "\"flags\":[],\"outcome\":\"skipped\"}\n");
	/* A repair tried again, still bad. */
	check_json(&(struct hl_scrub_result){.type = T("directory"),
					     .mode = HL_SCRUB_REPAIR,
					     .ino = 131,
					     .gen = 9,
					     .flags = 0x2,
					     .outcome = HL_SCRUB_CORRUPT,
					     .retried = true,
					     .offline = true},
		   "{\"mount\":\"/mnt\",\"mode\":\"repair\",\"object\":\"inode\","
		   "\"type\":\"directory\",\"descr\":\"directory entries\","
		   "\"ino\":131,\"gen\":9,\"flags_mask\":2,"
		   "\"flags\":[\"corrupt\"],\"outcome\":\"corrupt\","
		   "\"retried\":true,\"offline_repair\":true}\n");
}

/* Which repairs are tried again, and when only xfs_repair is left. */
static void
test_retry(void)
{
	static const struct {
		enum hl_scrub_mode mode;
		enum hl_scrub_outcome outcome;
		int error;
		bool retry;
	} cases[] = {
		{HL_SCRUB_REPAIR, HL_SCRUB_CORRUPT, 0, true},
		{HL_SCRUB_REPAIR, HL_SCRUB_INCOMPLETE, 0, true},
		{HL_SCRUB_REPAIR, HL_SCRUB_SKIPPED, 0, true},
		{HL_SCRUB_REPAIR, HL_SCRUB_ERROR, EOPNOTSUPP, true},
		{HL_SCRUB_REPAIR, HL_SCRUB_ERROR, EBUSY, true},
		/* Nothing after a shutdown can work. */
		{HL_SCRUB_REPAIR, HL_SCRUB_ERROR, ESHUTDOWN, false},
		{HL_SCRUB_REPAIR, HL_SCRUB_ERROR, EROFS, false},
		{HL_SCRUB_REPAIR, HL_SCRUB_REPAIRED, 0, false},
		{HL_SCRUB_REPAIR, HL_SCRUB_OK, 0, false},
		{HL_SCRUB_REPAIR, HL_SCRUB_PREEN, 0, false},
		{HL_SCRUB_REPAIR, HL_SCRUB_XFAIL, 0, false},
		{HL_SCRUB_REPAIR, HL_SCRUB_ABSENT, ENOENT, false},
		/* A check is never retried. */
		{HL_SCRUB_CHECK, HL_SCRUB_CORRUPT, 0, false},
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct hl_scrub_result res = {
			.type = T("agf"),
			.mode = cases[i].mode,
			.outcome = cases[i].outcome,
			.error = cases[i].error,
		};

		CU_ASSERT_EQUAL(hl_scrub_needs_retry(&res), cases[i].retry);
		CU_ASSERT_FALSE(hl_scrub_offline_required(&res));
		/* Once retried: never again; offline if still bad. */
		res.retried = true;
		CU_ASSERT_FALSE(hl_scrub_needs_retry(&res));
		CU_ASSERT_EQUAL(hl_scrub_offline_required(&res),
				cases[i].mode == HL_SCRUB_REPAIR &&
					(cases[i].retry ||
					 cases[i].outcome == HL_SCRUB_ERROR));
	}
}

static void
test_bad_results(void)
{
	struct hl_render r;
	char buf[64];

	CU_ASSERT_EQUAL_FATAL(hl_render_init(&r, "/mnt"), 0);
	CU_ASSERT_EQUAL(hl_scrub_format_object(buf, sizeof(buf),
					       &(struct hl_scrub_result){0},
					       &r),
			-EINVAL);
	CU_ASSERT_EQUAL(hl_scrub_format_json(buf, sizeof(buf),
					     &(struct hl_scrub_result){
						     .type = T("sb"),
						     .outcome = 99,
					     },
					     &r),
			-EINVAL);
	CU_ASSERT_EQUAL(hl_scrub_format_object(buf, sizeof(buf), NULL, &r),
			-EINVAL);
	/* Too small: cut, terminated, and said so. */
	CU_ASSERT_EQUAL(hl_scrub_format_object(buf, 8,
					       &(struct hl_scrub_result){
						       .type = T("sb"),
					       },
					       &r),
			-ENOSPC);
	CU_ASSERT_EQUAL(strlen(buf), 7);
	hl_render_free(&r);
}

static void
test_summary(void)
{
	struct hl_scrub_summary s = {.mode = HL_SCRUB_REPAIR};
	struct hl_render r;
	char buf[512];
	const char *want_text =
		"/mnt: 6 objects checked, 1 corrupt, 1 incomplete, "
		"2 repaired, 1 skipped, 1 errors, 3 not present; 40 inodes\n";

	hl_scrub_summary_add(&s, HL_SCRUB_OK);
	hl_scrub_summary_add(&s, HL_SCRUB_PREEN);
	hl_scrub_summary_add(&s, HL_SCRUB_CORRUPT);
	hl_scrub_summary_add(&s, HL_SCRUB_INCOMPLETE);
	hl_scrub_summary_add(&s, HL_SCRUB_REPAIRED);
	hl_scrub_summary_add(&s, HL_SCRUB_REPAIRED);
	hl_scrub_summary_add(&s, HL_SCRUB_ERROR);
	hl_scrub_summary_add(&s, HL_SCRUB_SKIPPED);
	for (int i = 0; i < 3; i++)
		hl_scrub_summary_add(&s, HL_SCRUB_ABSENT);
	hl_scrub_summary_add(&s, HL_SCRUB_NR_OUTCOMES); /* ignored */
	s.inodes = 40;

	CU_ASSERT_EQUAL_FATAL(hl_render_init(&r, "/mnt"), 0);
	CU_ASSERT_EQUAL(hl_scrub_format_summary(buf, sizeof(buf), &s, &r),
			(int)strlen(want_text));
	CU_ASSERT_STRING_EQUAL(buf, want_text);
	hl_render_free(&r);
}

static void
test_summary_json(void)
{
	struct hl_scrub_summary s = {.mode = HL_SCRUB_CHECK};
	struct hl_render r;
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	hl_scrub_summary_add(&s, HL_SCRUB_OK);
	hl_scrub_summary_add(&s, HL_SCRUB_CORRUPT);
	hl_scrub_summary_add(&s, HL_SCRUB_ABSENT);
	CU_ASSERT_EQUAL_FATAL(hl_render_init(&r, "/mnt"), 0);
	CU_ASSERT_EQUAL(hl_scrub_write_summary_json(f, &s, &r), 0);
	fclose(f);
	CU_ASSERT_STRING_EQUAL(
		text, "{\"mount\":\"/mnt\",\"mode\":\"scrub\",\"summary\":{"
		      "\"checked\":2,\"ok\":1,\"preen\":0,\"xfail\":0,"
		      "\"repaired\":0,\"incomplete\":0,\"corrupt\":1,"
		      "\"error\":0,\"absent\":1,\"skipped\":0,"
		      "\"inodes\":0}}\n");
	free(text);
	hl_render_free(&r);
}

static const struct unit_test tests[] = {
	{"sentence tables", test_sentence_tables},
	{"sentences for flags", test_sentences},
	{"outcome names", test_outcome_names},
	{"judging flags", test_judge},
	{"problem outcomes", test_problems},
	{"object text", test_object_text},
	{"result JSON", test_json},
	{"retries and offline repair", test_retry},
	{"bad results", test_bad_results},
	{"summary text", test_summary},
	{"summary JSON", test_summary_json},
};

int
unit_register_scrub_result(void)
{
	return UNIT_ADD_SUITE("scrub results", tests);
}
