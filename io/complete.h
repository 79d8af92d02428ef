/* SPDX-License-Identifier: GPL-2.0-or-later */
/* What completes at the cursor of a command line, from the command table. */
#ifndef XFS_HEALTH_COMPLETE_H
#define XFS_HEALTH_COMPLETE_H

#include <stdbool.h>
#include <stddef.h>

struct completion {
	size_t start; /* what completes replaces line[start, cursor) */
	bool path; /* a file name: the editor completes line[start, cursor) */
	size_t nr;
	char **words; /* otherwise these, each starting with that text */
};

/*
 * The words that complete line[0, cursor): command names and aliases,
 * options, the names an argument takes (an item of a comma list after its
 * last comma, less the items already there), or a file name.  0 (with
 * @c->nr 0 if nothing completes) or -ENOMEM.
 */
int complete_line(const char *line, size_t cursor, struct completion *c);
void completion_free(struct completion *c);

#endif /* XFS_HEALTH_COMPLETE_H */
