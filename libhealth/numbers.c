// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The one strict reader of numbers users type: hl_parse_u64 for counts and
 * ids, the digits in front of hl_parse_size's suffix, durations and times
 * of day.
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

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

int
hl_parse_duration(const char *arg, uint64_t max, uint64_t *seconds)
{
	uint64_t v, unit = 1;
	const char *end;
	int error;

	error = hl_parse_leading(arg, &v, &end);
	if (error)
		return error;
	if (*end) {
		if (end[1])
			return -EINVAL;
		switch (*end) {
		case 's':
			break;
		case 'm':
			unit = 60;
			break;
		case 'h':
			unit = 3600;
			break;
		case 'd':
			unit = 86400;
			break;
		default:
			return -EINVAL;
		}
	}
	if (!v)
		return -EINVAL;
	if (__builtin_mul_overflow(v, unit, &v) || v > max)
		return -ERANGE;
	*seconds = v;
	return 0;
}

int
hl_parse_until(const char *arg, time_t now, time_t *until)
{
	struct tm tm;
	time_t t;

	/* Exactly "HH:MM": two digits each, nothing around them. */
	if (!arg || strlen(arg) != 5 || arg[2] != ':' ||
	    !isdigit((unsigned char)arg[0]) ||
	    !isdigit((unsigned char)arg[1]) ||
	    !isdigit((unsigned char)arg[3]) || !isdigit((unsigned char)arg[4]))
		return -EINVAL;
	if (!localtime_r(&now, &tm))
		return -EINVAL;
	tm.tm_hour = (arg[0] - '0') * 10 + arg[1] - '0';
	tm.tm_min = (arg[3] - '0') * 10 + arg[4] - '0';
	tm.tm_sec = 0;
	if (tm.tm_hour > 23 || tm.tm_min > 59)
		return -EINVAL;
	tm.tm_isdst = -1;
	t = mktime(&tm);
	if (t == (time_t)-1)
		return -EINVAL;
	if (t <= now) {
		/*
		 * Tomorrow's: mktime normalises the day past the month's end.
		 * The hour again, which a time in a DST gap moved.
		 */
		tm.tm_mday++;
		tm.tm_hour = (arg[0] - '0') * 10 + arg[1] - '0';
		tm.tm_min = (arg[3] - '0') * 10 + arg[4] - '0';
		tm.tm_sec = 0;
		tm.tm_isdst = -1;
		t = mktime(&tm);
		if (t == (time_t)-1)
			return -EINVAL;
	}
	*until = t;
	return 0;
}
