// SPDX-License-Identifier: GPL-2.0-or-later
/* Lookups and mask formatting over the name tables. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "internal.h"

const char *
hl_name_of(const struct hl_name_table *t, uint64_t value)
{
	if (!t)
		return NULL;
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

/* Append "<sep><s>"; false once the buffer is full (text cut, terminated). */
static bool
append(char *buf, size_t len, size_t *used, const char *sep, const char *s)
{
	int n = snprintf(buf + *used, len - *used, "%s%s", sep, s);

	if (n < 0 || (size_t)n >= len - *used) {
		*used = len - 1;
		return false;
	}
	*used += n;
	return true;
}

int
hl_format_mask(const struct hl_name_table *t, uint64_t mask, char *buf,
	       size_t len)
{
	const char *sep = "";
	uint64_t unknown;
	size_t used = 0;

	if (!t || t->kind != HL_TABLE_BITS || !buf || !len)
		return -EINVAL;

	buf[0] = '\0';
	for (size_t i = 0; i < t->nr; i++) {
		if (!(mask & t->names[i].value))
			continue;
		if (!append(buf, len, &used, sep, t->names[i].name))
			return -ENOSPC;
		sep = ", ";
	}

	unknown = mask & ~hl_table_mask(t);
	if (unknown) {
		char hex[2 + 16 + 1];

		snprintf(hex, sizeof(hex), "0x%llx",
			 (unsigned long long)unknown);
		if (!append(buf, len, &used, sep, hex))
			return -ENOSPC;
	}
	return 0;
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
