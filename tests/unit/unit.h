/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The unit-test runner's registration scheme: each test file exports one
 * unit_register_*() that adds its suite(s) with unit_add_suite(), and main.c
 * lists those functions.
 */
#ifndef XFS_HEALTH_TESTS_UNIT_H
#define XFS_HEALTH_TESTS_UNIT_H

#include <CUnit/CUnit.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

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

int unit_register_runner(void);
int unit_register_names(void);
int unit_register_format(void);
int unit_register_scrub(void);
int unit_register_abi(void);
int unit_register_event(void);
int unit_register_text(void);
int unit_register_json(void);
int unit_register_scrub_result(void);
int unit_register_scrub_args(void);
int unit_register_scrub_plan(void);
int unit_register_media(void);
int unit_register_repair(void);
int unit_register_repair_render(void);
int unit_register_policy(void);
int unit_register_pending(void);
int unit_register_unitname(void);
int unit_register_textstr(void);

#endif /* XFS_HEALTH_TESTS_UNIT_H */
