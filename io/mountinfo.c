// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * One reader of /proc/self/mountinfo for healthmon's questions: is our
 * mount still there, is it a bind mount of a subdirectory.  getline(), so
 * a long line (mount options, deep paths) is never read as two.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

#include "mountinfo.h"

int
mountinfo_root(uint64_t id, char **root)
{
	FILE *f = fopen("/proc/self/mountinfo", "re");
	char *line = NULL;
	size_t cap = 0;
	int error = -ENOENT;

	*root = NULL;
	if (!f)
		return -errno;
	while (getline(&line, &cap, f) > 0) {
		uint64_t mid;

		if (sscanf(line, "%" SCNu64 " %*u %*s %ms", &mid, root) == 2) {
			if (mid == id) {
				error = 0;
				break;
			}
			free(*root);
			*root = NULL;
		}
	}
	free(line);
	fclose(f);
	return error;
}
