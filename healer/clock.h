/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Nanosecond clock readings for the healer's time windows. */
#ifndef XFS_HEALTH_HEALER_CLOCK_H
#define XFS_HEALTH_HEALER_CLOCK_H

#include <stdint.h>
#include <time.h>

#define NSEC_PER_SEC 1000000000ULL

static inline uint64_t
clock_ns(clockid_t id)
{
	struct timespec ts;

	clock_gettime(id, &ts);
	return (uint64_t)ts.tv_sec * NSEC_PER_SEC + ts.tv_nsec;
}

/* The time of day in seconds, as metrics carry it. */
static inline double
epoch_seconds(void)
{
	return clock_ns(CLOCK_REALTIME) / 1e9;
}

#endif /* XFS_HEALTH_HEALER_CLOCK_H */
