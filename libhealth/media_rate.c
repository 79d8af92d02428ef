// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Pacing a media scan to a rate: one schedule shared by every call in
 * flight, each call booking its bytes' share of time on it.
 */
#include <string.h>

#include "internal.h"

#define NSEC_PER_SEC 1000000000ULL

/* Time @bytes take at the rate; a call's size keeps this far from overflow. */
static uint64_t
cost_ns(const struct hl_rate *r, uint64_t bytes)
{
	return (uint64_t)((unsigned __int128)bytes * NSEC_PER_SEC /
			  r->bytes_per_s);
}

void
hl_rate_init(struct hl_rate *r, uint64_t bytes_per_s, uint64_t burst_ns)
{
	memset(r, 0, sizeof(*r));
	r->bytes_per_s = bytes_per_s ? bytes_per_s : 1;
	r->burst_ns = burst_ns;
}

uint64_t
hl_rate_take(struct hl_rate *r, uint64_t bytes, uint64_t now_ns)
{
	uint64_t start;

	/* Credit for idle time is kept only up to the burst. */
	if (!r->started || r->next_ns + r->burst_ns < now_ns) {
		r->next_ns = now_ns > r->burst_ns && r->started
				     ? now_ns - r->burst_ns
				     : now_ns;
		r->started = true;
	}
	start = r->next_ns;
	r->next_ns += cost_ns(r, bytes);
	return start > now_ns ? start : now_ns;
}

void
hl_rate_refund(struct hl_rate *r, uint64_t bytes)
{
	uint64_t c = cost_ns(r, bytes);

	r->next_ns = r->next_ns > c ? r->next_ns - c : 0;
}

uint64_t
hl_rate_call_sectors(uint64_t bytes_per_s, uint32_t io_sectors,
		     uint64_t max_sectors)
{
	uint64_t sectors = (bytes_per_s / 16) >> HL_BBSHIFT;

	if (!io_sectors)
		io_sectors = 1;
	if (sectors > max_sectors)
		sectors = max_sectors;
	sectors -= sectors % io_sectors;
	return sectors ? sectors : io_sectors;
}
