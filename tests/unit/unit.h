/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The unit-test runner's registration scheme: each test file exports one
 * unit_register_*() that adds its suite(s) with unit_add_suite(), and
 * suites.h lists those functions once.
 */
#ifndef XFS_HEALTH_TESTS_UNIT_H
#define XFS_HEALTH_TESTS_UNIT_H

#include <CUnit/CUnit.h>

#include "health.h"

struct unit_test {
	const char *name;
	CU_TestFunc fn;
};

/* Add a suite of @nr tests; returns 0 or -1 (the CUnit error is printed). */
int unit_add_suite(const char *name, CU_InitializeFunc init,
		   CU_CleanupFunc cleanup, const struct unit_test *tests,
		   size_t nr);

#define UNIT_ADD_SUITE(name, tests)                                            \
	unit_add_suite((name), NULL, NULL, (tests), ARRAY_SIZE(tests))

#define UNIT_SUITE(name) int unit_register_##name(void);
#include "suites.h"
#undef UNIT_SUITE

#endif /* XFS_HEALTH_TESTS_UNIT_H */
