// SPDX-License-Identifier: GPL-2.0-or-later
/* Strict parsing of command arguments: lists of names. */
#include <errno.h>
#include <string.h>

#include "io.h"

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
