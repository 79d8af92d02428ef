// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * CUnit runner for libhealth.  The last line of output is always
 * "N passed, N failed" (tests; a suite whose setup failed counts as one
 * failure), and the exit status is 1 if anything failed.
 *
 * CUnit 2.1-3's own return codes cannot be trusted for that: the basic run
 * succeeds even when tests fail, and a failed suite setup is not counted in
 * CU_get_number_of_failures().  Failure records catch both.
 */
#include <stdio.h>
#include <string.h>
#include <CUnit/Basic.h>

#include "unit.h"

static int (*const registrars[])(void) = {
#define UNIT_SUITE(name) unit_register_##name,
#include "suites.h"
#undef UNIT_SUITE
};

int
unit_add_suite(const char *name, CU_InitializeFunc init, CU_CleanupFunc cleanup,
	       const struct unit_test *tests, size_t nr)
{
	CU_pSuite suite = CU_add_suite(name, init, cleanup);

	if (!suite)
		goto fail;
	for (size_t i = 0; i < nr; i++)
		if (!CU_add_test(suite, tests[i].name, tests[i].fn))
			goto fail;
	return 0;
fail:
	fprintf(stderr, "unit-tests: suite %s: %s\n", name, CU_get_error_msg());
	return -1;
}

static void
usage(void)
{
	fprintf(stderr, "usage: unit-tests [-v]\n");
}

int
main(int argc, char **argv)
{
	CU_BasicRunMode mode = CU_BRM_NORMAL;
	unsigned int passed = 0, failed = 0;
	unsigned int records = 0;
	const CU_RunSummary *sum;

	if (argc == 2 && !strcmp(argv[1], "-v")) {
		mode = CU_BRM_VERBOSE;
	} else if (argc > 1) {
		usage();
		return 1;
	}

	if (CU_initialize_registry() != CUE_SUCCESS) {
		fprintf(stderr, "unit-tests: %s\n", CU_get_error_msg());
		printf("0 passed, 1 failed\n");
		return 1;
	}

	/* A suite that could not be registered is a failure too. */
	for (size_t i = 0; i < ARRAY_SIZE(registrars); i++)
		if (registrars[i]() < 0)
			failed++;

	CU_basic_set_mode(mode);
	CU_basic_run_tests();

	sum = CU_get_run_summary();
	passed = sum->nTestsRun - sum->nTestsFailed;
	failed += sum->nTestsFailed + sum->nSuitesFailed;
	records = CU_get_number_of_failure_records();
	CU_cleanup_registry();

	printf("%u passed, %u failed\n", passed, failed);
	return records || failed ? 1 : 0;
}
