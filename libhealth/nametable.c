// SPDX-License-Identifier: GPL-2.0-or-later
/* Lookups and mask formatting over the name tables. */
#include <errno.h>
#include <string.h>

#include "out.h"

const char *
hl_name_of(const struct hl_name_table *t, uint64_t value)
{
	if (!t)
		return NULL;
	/* Tables of values 0, 1, 2... in order (domains, types): no search. */
	if (value < t->nr && t->names[value].value == value)
		return t->names[value].name;
	for (size_t i = 0; i < t->nr; i++)
		if (t->names[i].value == value)
			return t->names[i].name;
	return NULL;
}

int
hl_value_of(const struct hl_name_table *t, const char *name, uint64_t *value)
{
	if (!t || !name || !value)
		return -EINVAL;
	for (size_t i = 0; i < t->nr; i++) {
		if (!strcmp(t->names[i].name, name)) {
			*value = t->names[i].value;
			return 0;
		}
	}
	return -ENOENT;
}

uint64_t
hl_table_mask(const struct hl_name_table *t)
{
	uint64_t mask = 0;

	if (!t || t->kind != HL_TABLE_BITS)
		return 0;
	for (size_t i = 0; i < t->nr; i++)
		mask |= t->names[i].value;
	return mask;
}

int
hl_format_mask(const struct hl_name_table *t, uint64_t mask, char *buf,
	       size_t len)
{
	struct hl_out o;

	if (!t || t->kind != HL_TABLE_BITS || !buf || !len)
		return -EINVAL;

	out_init(&o, buf, len);
	out_mask(&o, t, mask, OUT_LIST_TEXT);
	return out_finish(&o) < 0 ? -ENOSPC : 0;
}

const char *
hl_lowest_bit_name(const struct hl_name_table *t, uint64_t mask)
{
	if (!t || t->kind != HL_TABLE_BITS)
		return NULL;
	for (size_t i = 0; i < t->nr; i++)
		if (mask & t->names[i].value)
			return t->names[i].name;
	return NULL;
}
