// SPDX-License-Identifier: GPL-2.0-or-later
/* Shared checks for the name-table tests. */
#include <string.h>

#include "unit.h"
#include "check.h"

static void
check_entry(const struct hl_name_table *t, const struct hl_name *got,
	    const struct hl_name *want)
{
	uint64_t value = ~0ULL;

	CU_ASSERT_EQUAL(got->value, want->value);
	CU_ASSERT_PTR_NOT_NULL_FATAL(got->name);
	CU_ASSERT_STRING_EQUAL(got->name, want->name);

	/* Round trips through the public lookups. */
	CU_ASSERT_PTR_EQUAL(hl_name_of(t, want->value), got->name);
	CU_ASSERT_EQUAL(hl_value_of(t, want->name, &value), 0);
	CU_ASSERT_EQUAL(value, want->value);
}

void
check_table(const struct hl_name_table *t, enum hl_table_kind kind,
	    const struct hl_name *want, size_t nr)
{
	CU_ASSERT_PTR_NOT_NULL_FATAL(t);
	CU_ASSERT_PTR_NOT_NULL(t->what);
	CU_ASSERT_EQUAL(t->kind, kind);
	CU_ASSERT_EQUAL_FATAL(t->nr, nr);

	for (size_t i = 0; i < nr; i++) {
		check_entry(t, &t->names[i], &want[i]);
		for (size_t j = 0; j < i; j++) {
			CU_ASSERT_NOT_EQUAL(t->names[i].value,
					    t->names[j].value);
			CU_ASSERT(strcmp(t->names[i].name, t->names[j].name));
		}
		if (kind != HL_TABLE_BITS)
			continue;
		/* One bit each, in bit order. */
		CU_ASSERT_NOT_EQUAL(t->names[i].value, 0);
		CU_ASSERT_EQUAL(t->names[i].value & (t->names[i].value - 1), 0);
		if (i > 0)
			CU_ASSERT(t->names[i].value > t->names[i - 1].value);
	}
}
