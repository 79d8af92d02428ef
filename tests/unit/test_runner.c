// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Proof that the runner reports failures.  With UNIT_SELFTEST_FAIL=test one
 * test fails, with =setup one suite's setup fails, with any other value both
 * do; the run must then end with "... 1 failed" or "... 2 failed" and exit
 * status 1.  Without the variable only the passing test is registered.
 */
#include <stdlib.h>
#include <string.h>

#include "unit.h"

static void
test_passes(void)
{
	CU_ASSERT_EQUAL(1 + 1, 2);
}

static void
test_fails(void)
{
	CU_ASSERT_EQUAL(1 + 1, 3);
}

static int
setup_fails(void)
{
	return -1;
}

static const struct unit_test pass_tests[] = {
	{"passes", test_passes},
};

static const struct unit_test fail_tests[] = {
	{"fails on purpose", test_fails},
};

static const struct unit_test setup_tests[] = {
	{"never runs", test_passes},
};

int
unit_register_runner(void)
{
	const char *what = getenv("UNIT_SELFTEST_FAIL");

	if (UNIT_ADD_SUITE("runner", pass_tests) < 0)
		return -1;
	if (!what)
		return 0;
	if (strcmp(what, "setup") &&
	    UNIT_ADD_SUITE("runner: failing test", fail_tests) < 0)
		return -1;
	if (strcmp(what, "test") &&
	    unit_add_suite("runner: failing setup", setup_fails, NULL,
			   setup_tests, ARRAY_SIZE(setup_tests)) < 0)
		return -1;
	return 0;
}
