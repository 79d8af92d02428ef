// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Where the cursor stands in a command line, for completion: each case is a
 * line typed up to its end, and what its last word is.  The two commands
 * below have options like healthmon's and verify_media's.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "unit.h"
#include "health.h"

static const struct option mon_long[] = {
	{"rate", required_argument, NULL, 1000},
	{"if-present", no_argument, NULL, 1001},
	{"stale", required_argument, NULL, 1002},
	{"state", required_argument, NULL, 1003},
	{NULL, 0, NULL, 0},
};

static bool
lookup(const char *name, struct hl_cpl_spec *spec, void *arg)
{
	(void)arg;
	if (!strcmp(name, "mon") || !strcmp(name, "m")) {
		spec->opts = "b:cjD:e:o:v";
		spec->long_opts = mon_long;
		return true;
	}
	if (!strcmp(name, "bare")) {
		spec->opts = NULL;
		spec->long_opts = NULL;
		return true;
	}
	return false;
}

static const struct {
	const char *line;
	enum hl_cpl_kind kind;
	int opt_or_pos; /* .opt for HL_CPL_OPTARG, .pos for positionals */
	size_t start;
} cases[] = {
	{"", HL_CPL_COMMAND, 0, 0},
	{"he", HL_CPL_COMMAND, 0, 0},
	{"  he", HL_CPL_COMMAND, 0, 2},
	{"nosuch ", HL_CPL_NONE, 0, 7},
	{"mon ", HL_CPL_POSITIONAL, 0, 4},
	{"m x", HL_CPL_POSITIONAL, 0, 2},
	{"mon x y", HL_CPL_POSITIONAL, 1, 6},
	{"mon -", HL_CPL_OPTION, 0, 4},
	{"mon -j", HL_CPL_OPTION, 0, 4},
	{"mon -jc", HL_CPL_OPTION, 0, 4},
	{"mon --", HL_CPL_OPTION, 0, 4},
	{"mon --ra", HL_CPL_OPTION, 0, 4},
	{"mon -e ", HL_CPL_OPTARG, 'e', 7},
	{"mon -e si", HL_CPL_OPTARG, 'e', 7},
	{"mon -e sick,co", HL_CPL_OPTARG, 'e', 7},
	{"mon -jD ", HL_CPL_OPTARG, 'D', 8},
	{"mon -e", HL_CPL_OPTION, 0, 4},
	{"mon -je", HL_CPL_OPTION, 0, 4},
	{"mon -esi", HL_CPL_OPTARG, 'e', 6},
	{"mon -jesi", HL_CPL_OPTARG, 'e', 7},
	{"mon -e sick ", HL_CPL_POSITIONAL, 0, 12},
	{"mon -esick ", HL_CPL_POSITIONAL, 0, 11},
	{"mon -e -j ", HL_CPL_POSITIONAL, 0, 10},
	{"mon -j -e sick -o ", HL_CPL_OPTARG, 'o', 18},
	{"mon x -o ", HL_CPL_OPTARG, 'o', 9},
	{"mon x -o f ", HL_CPL_POSITIONAL, 1, 11},
	{"mon --rate ", HL_CPL_OPTARG, 1000, 11},
	{"mon --ra ", HL_CPL_OPTARG, 1000, 9},
	{"mon --rate=5", HL_CPL_OPTARG, 1000, 11},
	{"mon --stale=re", HL_CPL_OPTARG, 1002, 12},
	{"mon --rate=5 ", HL_CPL_POSITIONAL, 0, 13},
	{"mon --if-present ", HL_CPL_POSITIONAL, 0, 17},
	{"mon --if-present=x", HL_CPL_NONE, 0, 4},
	/* --sta is both --stale and --state: getopt_long refuses it. */
	{"mon --sta ", HL_CPL_POSITIONAL, 0, 10},
	{"mon --nosuch ", HL_CPL_POSITIONAL, 0, 13},
	{"mon -x ", HL_CPL_POSITIONAL, 0, 7},
	{"mon -- ", HL_CPL_POSITIONAL, 0, 7},
	{"mon -- -", HL_CPL_POSITIONAL, 0, 7},
	{"mon - ", HL_CPL_POSITIONAL, 1, 6},
	{"mon \"-e\" ", HL_CPL_OPTARG, 'e', 9},
	{"mon 'a b' ", HL_CPL_POSITIONAL, 1, 10},
	{"mon \"a", HL_CPL_NONE, 0, 4},
	{"mon a\\ b", HL_CPL_NONE, 0, 4},
	{"mon a\\", HL_CPL_NONE, 0, 4},
	{"bare -", HL_CPL_POSITIONAL, 0, 5},
	{"bare -x ", HL_CPL_POSITIONAL, 1, 8},
	{"\"mon\" -e ", HL_CPL_OPTARG, 'e', 9},
};

static void
test_where(void)
{
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		const char *line = cases[i].line;
		struct hl_cpl_where w;

		CU_ASSERT_EQUAL_FATAL(
			hl_cpl_where(line, strlen(line), lookup, NULL, &w), 0);
		if (cases[i].kind == HL_CPL_NONE)
			w.start = cases[i].start; /* nothing to complete */
		if (w.kind != cases[i].kind || w.start != cases[i].start)
			fprintf(stderr,
				"\n\"%s\": kind %d at %zu, expected %d at %zu",
				line, w.kind, w.start, cases[i].kind,
				cases[i].start);
		CU_ASSERT_EQUAL(w.kind, cases[i].kind);
		CU_ASSERT_EQUAL(w.start, cases[i].start);
		if (cases[i].kind == HL_CPL_OPTARG)
			CU_ASSERT_EQUAL(w.opt, cases[i].opt_or_pos);
		if (cases[i].kind == HL_CPL_POSITIONAL)
			CU_ASSERT_EQUAL(w.pos, cases[i].opt_or_pos);
	}
}

/* The cursor inside the line: only what is before it counts. */
static void
test_cursor(void)
{
	const char *line = "mon -e sick -o file";
	struct hl_cpl_where w;

	CU_ASSERT_EQUAL(hl_cpl_where(line, 9, lookup, NULL, &w), 0);
	CU_ASSERT_EQUAL(w.kind, HL_CPL_OPTARG);
	CU_ASSERT_EQUAL(w.opt, 'e');
	CU_ASSERT_EQUAL(w.start, 7);
	CU_ASSERT_EQUAL(hl_cpl_where(line, 2, lookup, NULL, &w), 0);
	CU_ASSERT_EQUAL(w.kind, HL_CPL_COMMAND);
	CU_ASSERT_EQUAL(hl_cpl_where(line, strlen(line) + 1, lookup, NULL, &w),
			-EINVAL);
	CU_ASSERT_EQUAL(w.kind, HL_CPL_NONE);
}

static const struct unit_test tests[] = {
	{"what the last word is", test_where},
	{"the cursor inside the line", test_cursor},
};

int
unit_register_complete(void)
{
	return UNIT_ADD_SUITE("completion", tests);
}
