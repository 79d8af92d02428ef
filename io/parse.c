// SPDX-License-Identifier: GPL-2.0-or-later
/* Strict parsing of command arguments: numbers and lists of names. */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "io.h"

/*
 * A whole decimal (or 0x hex) number no larger than @max.  It must start
 * with a digit: strtoull() would skip blanks and take " -1" for the largest
 * number.
 */
int
parse_u64(const char *arg, uint64_t max, uint64_t *val)
{
	unsigned long long v;
	char *end;

	if (!arg || !isdigit((unsigned char)*arg))
		return -EINVAL;
	errno = 0;
	v = strtoull(arg, &end, 0);
	if (errno == ERANGE || v > max)
		return -ERANGE;
	if (errno || end == arg || *end)
		return -EINVAL;
	*val = v;
	return 0;
}

/*
 * "a,b,c" -> a mask with bit (1 << value) set for each name in @table.
 * Values must be below 64.  Returns 0, or -ENOENT with *bad pointing at the
 * unknown name inside @list (which is modified).
 */
int
parse_name_list(const struct hl_name_table *table, char *list, uint64_t *mask,
		const char **bad)
{
	char *save = NULL;

	*mask = 0;
	for (char *name = strtok_r(list, ",", &save); name;
	     name = strtok_r(NULL, ",", &save)) {
		uint64_t value;

		if (hl_value_of(table, name, &value) < 0 || value >= 64) {
			*bad = name;
			return -ENOENT;
		}
		*mask |= 1ULL << value;
	}
	if (!*mask) {
		*bad = list;
		return -ENOENT;
	}
	return 0;
}

/* "a, b, c": the names of a table, for messages and help. */
void
print_table_names(FILE *f, const struct hl_name_table *table)
{
	for (size_t i = 0; i < table->nr; i++)
		fprintf(f, "%s%s", i ? ", " : "", table->names[i].name);
}
