// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The one strict reader of numbers users type: hl_parse_u64 for counts and
 * ids, and the digits in front of hl_parse_size's suffix.
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>

#include "internal.h"

int
hl_parse_leading(const char *arg, uint64_t *val, const char **end)
{
	unsigned long long v;
	char *stop;

	/* strtoull would skip blanks, take a sign and wrap "-1" around. */
	if (!arg || !isdigit((unsigned char)arg[0]))
		return -EINVAL;
	errno = 0;
	v = strtoull(arg, &stop, 0);
	if (errno == ERANGE)
		return -ERANGE;
	if (errno || stop == arg)
		return -EINVAL;
	*val = v;
	*end = stop;
	return 0;
}

int
hl_parse_u64(const char *arg, uint64_t max, uint64_t *val)
{
	const char *end;
	uint64_t v;
	int error;

	error = hl_parse_leading(arg, &v, &end);
	if (error)
		return error;
	if (*end)
		return -EINVAL;
	if (v > max)
		return -ERANGE;
	*val = v;
	return 0;
}
