/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Helpers private to libhealth. */
#ifndef XFS_HEALTH_LIBHEALTH_INTERNAL_H
#define XFS_HEALTH_LIBHEALTH_INTERNAL_H

#include "health.h"

/* Wrap a static array of struct hl_name as a table. */
#define HL_NAME_TABLE(var, desc, tkind, array)                                 \
	static const struct hl_name_table var = {                              \
		.what = (desc),                                                \
		.kind = (tkind),                                               \
		.nr = ARRAY_SIZE(array),                                       \
		.names = (array),                                              \
	}

/*
 * The number at the start of @arg (decimal, 0x hex or 0 octal, starting with
 * a digit), with *end just past it.  0, -EINVAL or -ERANGE (over 2^64 - 1).
 */
int hl_parse_leading(const char *arg, uint64_t *val, const char **end);

#endif /* XFS_HEALTH_LIBHEALTH_INTERNAL_H */
