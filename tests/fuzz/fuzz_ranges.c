// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * verify_media's range arithmetic: hl_range_list_add against a plain model
 * (sort everything, then merge what overlaps, touches or is at most @bridge
 * apart), and hl_split_range's pieces.
 *
 * Input: a bridge byte, a scale byte (small numbers, which collide and
 * merge, or any 64-bit ones), then ranges (next_range); two last bytes ask
 * for a split of the first range into pieces.
 */
#include "fuzz.h"
#include "health.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_ADDS 256

/*
 * The next range.  Small: mostly just after the one before (a gap, then a
 * length, both a byte), so that long lists in order come easily; with the
 * gap byte's top bit, anywhere below 65536.  Wide: any two 64-bit numbers.
 */
static void
next_range(struct fz_in *in, bool wide, uint64_t *cursor, uint64_t *start,
	   uint64_t *end)
{
	uint8_t gap;

	if (wide) {
		*start = fz_u64(in);
		*end = fz_u64(in);
		return;
	}
	gap = fz_u8(in);
	*start = gap & 0x80 ? fz_u16(in) : *cursor + gap;
	*end = *start + fz_u8(in);
	if (*end > *cursor)
		*cursor = *end;
}

static int
by_start(const void *a, const void *b)
{
	const struct hl_daddr_range *x = a, *y = b;

	return x->start < y->start ? -1 : x->start > y->start;
}

/* What the list must hold: the batch answer, whatever the order of adds. */
static size_t
model(struct hl_daddr_range *r, size_t nr, uint64_t bridge)
{
	size_t out = 0;

	qsort(r, nr, sizeof(*r), by_start);
	for (size_t i = 0; i < nr; i++) {
		struct hl_daddr_range *last = out ? &r[out - 1] : NULL;

		if (last && (r[i].start <= last->end ||
			     r[i].start - last->end <= bridge)) {
			if (r[i].end > last->end)
				last->end = r[i].end;
			continue;
		}
		r[out++] = r[i];
	}
	return out;
}

static void
check_split(uint64_t start, uint64_t end, size_t n, uint32_t align)
{
	struct hl_daddr_range out[64];
	size_t nr = hl_split_range(start, end, n, align, out);

	if (start >= end) {
		FZ_CHECK(nr == 0);
		return;
	}
	FZ_CHECK(nr >= 1 && nr <= n);
	FZ_CHECK(out[0].start == start && out[nr - 1].end == end);
	for (size_t i = 0; i < nr; i++) {
		FZ_CHECK(out[i].start < out[i].end);
		if (i) {
			FZ_CHECK(out[i].start == out[i - 1].end);
			FZ_CHECK(out[i].start % (align ? align : 1) == 0);
		}
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fz_in in = {data, size};
	uint64_t bridge = fz_u8(&in);
	bool wide = fz_u8(&in) & 1;
	struct hl_daddr_range want[MAX_ADDS];
	struct hl_range_list l = {0};
	size_t nr = 0, nr_want;
	uint64_t sectors = 0, cursor = 0;

	if (wide && bridge > 200)
		bridge = UINT64_MAX - (255 - bridge);
	else if (!wide)
		bridge %= 16;
	while (in.left >= (wide ? 16 : 2) && nr < MAX_ADDS) {
		uint64_t start, end;

		next_range(&in, wide, &cursor, &start, &end);

		FZ_CHECK(hl_range_list_add(&l, start, end, bridge) == 0);
		if (start < end)
			want[nr++] = (struct hl_daddr_range){start, end};
	}

	nr_want = model(want, nr, bridge);
	FZ_CHECK(l.nr == nr_want);
	for (size_t i = 0; i < l.nr; i++) {
		FZ_CHECK(l.ranges[i].start == want[i].start);
		FZ_CHECK(l.ranges[i].end == want[i].end);
		sectors += want[i].end - want[i].start;
	}
	FZ_CHECK(hl_range_list_sectors(&l) == sectors);

	if (l.nr) {
		size_t pieces = 1 + fz_u8(&in) % 64;
		uint32_t align = fz_u8(&in) % 4 ? 8 : 0;

		check_split(l.ranges[0].start, l.ranges[0].end, pieces, align);
	}
	hl_range_list_free(&l);
	FZ_CHECK(l.nr == 0 && !l.ranges);
	return 0;
}
