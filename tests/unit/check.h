/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Shared checks for the name-table tests. */
#ifndef XFS_HEALTH_TESTS_CHECK_H
#define XFS_HEALTH_TESTS_CHECK_H

#include "health.h"

/*
 * Compare a table with the expected entries in order, then check name/value
 * round trips, uniqueness and, for bit tables, one ascending bit per entry.
 */
void check_table(const struct hl_name_table *t, enum hl_table_kind kind,
		 const struct hl_name *want, size_t nr);

#endif /* XFS_HEALTH_TESTS_CHECK_H */
