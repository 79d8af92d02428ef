// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Verify-media arithmetic and output (reference C and E.3): number syntax,
 * sector rounding, walking past bad I/Os against a simulated kernel,
 * splitting, GETFSMAP merging and owners, and the printed forms.
 */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <json-c/json.h>
#include <linux/fsmap.h>

#include "unit.h"
#include "check.h"
#include "health.h"
#include "xfs_health_abi.h"

/* ---- numbers ------------------------------------------------------------- */

static uint64_t
size_of(const char *arg, uint32_t blocksize)
{
	uint64_t v = 12345;

	CU_ASSERT_EQUAL(hl_parse_size(arg, blocksize, &v), 0);
	return v;
}

static void
test_parse_size(void)
{
	uint64_t v;

	CU_ASSERT_EQUAL(size_of("0", 0), 0);
	CU_ASSERT_EQUAL(size_of("4096", 0), 4096);
	CU_ASSERT_EQUAL(size_of("0x10", 0), 16);
	CU_ASSERT_EQUAL(size_of("010", 0), 8);
	CU_ASSERT_EQUAL(size_of("3s", 0), 1536);
	CU_ASSERT_EQUAL(size_of("3S", 0), 1536);
	CU_ASSERT_EQUAL(size_of("2k", 0), 2048);
	CU_ASSERT_EQUAL(size_of("2K", 0), 2048);
	CU_ASSERT_EQUAL(size_of("1m", 0), 1ULL << 20);
	CU_ASSERT_EQUAL(size_of("1g", 0), 1ULL << 30);
	CU_ASSERT_EQUAL(size_of("1t", 0), 1ULL << 40);
	CU_ASSERT_EQUAL(size_of("1p", 0), 1ULL << 50);
	CU_ASSERT_EQUAL(size_of("15e", 0), 15ULL << 60);
	CU_ASSERT_EQUAL(size_of("3b", 4096), 12288);
	CU_ASSERT_EQUAL(size_of("3B", 1024), 3072);
	CU_ASSERT_EQUAL(size_of("18446744073709551615", 0), UINT64_MAX);

	CU_ASSERT_EQUAL(hl_parse_size("3b", 0, &v), -EINVAL);
	CU_ASSERT_EQUAL(hl_parse_size("", 0, &v), -EINVAL);
	CU_ASSERT_EQUAL(hl_parse_size("k", 0, &v), -EINVAL);
	CU_ASSERT_EQUAL(hl_parse_size("-1", 0, &v), -EINVAL);
	CU_ASSERT_EQUAL(hl_parse_size("+1", 0, &v), -EINVAL);
	CU_ASSERT_EQUAL(hl_parse_size(" 1", 0, &v), -EINVAL);
	CU_ASSERT_EQUAL(hl_parse_size("1 ", 0, &v), -EINVAL);
	CU_ASSERT_EQUAL(hl_parse_size("1x", 0, &v), -EINVAL);
	CU_ASSERT_EQUAL(hl_parse_size("1kk", 0, &v), -EINVAL);
	CU_ASSERT_EQUAL(hl_parse_size("1.5k", 0, &v), -EINVAL);
	CU_ASSERT_EQUAL(hl_parse_size("08", 0, &v), -EINVAL);
	CU_ASSERT_EQUAL(hl_parse_size(NULL, 0, &v), -EINVAL);
	CU_ASSERT_EQUAL(hl_parse_size("16e", 0, &v), -ERANGE);
	CU_ASSERT_EQUAL(hl_parse_size("18446744073709551616", 0, &v), -ERANGE);
	CU_ASSERT_EQUAL(hl_parse_size("18014398509481984k", 0, &v), -ERANGE);
	CU_ASSERT_EQUAL(hl_parse_size("4503599627370496b", 4096, &v), -ERANGE);
}

static void
test_parse_u64(void)
{
	uint64_t v = 7;

	CU_ASSERT_EQUAL(hl_parse_u64("0", 0, &v), 0);
	CU_ASSERT_EQUAL(v, 0);
	CU_ASSERT_EQUAL(hl_parse_u64("0x1F", 31, &v), 0);
	CU_ASSERT_EQUAL(v, 31);
	CU_ASSERT_EQUAL(hl_parse_u64("017", 100, &v), 0);
	CU_ASSERT_EQUAL(v, 15);
	CU_ASSERT_EQUAL(hl_parse_u64("18446744073709551615", UINT64_MAX, &v),
			0);
	CU_ASSERT_EQUAL(v, UINT64_MAX);

	v = 7;
	CU_ASSERT_EQUAL(hl_parse_u64("32", 31, &v), -ERANGE);
	CU_ASSERT_EQUAL(hl_parse_u64("18446744073709551616", UINT64_MAX, &v),
			-ERANGE);
	/* Not a number at all, whatever its size. */
	CU_ASSERT_EQUAL(hl_parse_u64("32x", 31, &v), -EINVAL);
	CU_ASSERT_EQUAL(hl_parse_u64("1k", UINT64_MAX, &v), -EINVAL);
	CU_ASSERT_EQUAL(hl_parse_u64("-1", UINT64_MAX, &v), -EINVAL);
	CU_ASSERT_EQUAL(hl_parse_u64("+1", UINT64_MAX, &v), -EINVAL);
	CU_ASSERT_EQUAL(hl_parse_u64(" 1", UINT64_MAX, &v), -EINVAL);
	CU_ASSERT_EQUAL(hl_parse_u64("1 ", UINT64_MAX, &v), -EINVAL);
	CU_ASSERT_EQUAL(hl_parse_u64("", UINT64_MAX, &v), -EINVAL);
	CU_ASSERT_EQUAL(hl_parse_u64("0x", UINT64_MAX, &v), -EINVAL);
	CU_ASSERT_EQUAL(hl_parse_u64("09", UINT64_MAX, &v), -EINVAL);
	CU_ASSERT_EQUAL(hl_parse_u64(NULL, UINT64_MAX, &v), -EINVAL);
	CU_ASSERT_EQUAL(v, 7);
}

static void
test_daddr(void)
{
	CU_ASSERT_EQUAL(hl_daddr_floor(0), 0);
	CU_ASSERT_EQUAL(hl_daddr_floor(511), 0);
	CU_ASSERT_EQUAL(hl_daddr_floor(512), 1);
	CU_ASSERT_EQUAL(hl_daddr_floor(1023), 1);
	CU_ASSERT_EQUAL(hl_daddr_ceil(0), 0);
	CU_ASSERT_EQUAL(hl_daddr_ceil(1), 1);
	CU_ASSERT_EQUAL(hl_daddr_ceil(512), 1);
	CU_ASSERT_EQUAL(hl_daddr_ceil(513), 2);
	CU_ASSERT_EQUAL(hl_daddr_ceil(UINT64_MAX), (UINT64_MAX >> 9) + 1);
	CU_ASSERT_EQUAL(hl_daddr_floor(UINT64_MAX), UINT64_MAX >> 9);
}

static void
test_io_sectors(void)
{
	CU_ASSERT_EQUAL(hl_verify_io_sectors(0, 1), 2048);
	CU_ASSERT_EQUAL(hl_verify_io_sectors(0, 8), 2048);
	CU_ASSERT_EQUAL(hl_verify_io_sectors(4096, 1), 8);
	CU_ASSERT_EQUAL(hl_verify_io_sectors(65536, 8), 128);
	CU_ASSERT_EQUAL(hl_verify_io_sectors(2 << 20, 1), 2048);
	CU_ASSERT_EQUAL(hl_verify_io_sectors(1000, 1), 1);
	CU_ASSERT_EQUAL(hl_verify_io_sectors(1000, 8), 8);
	CU_ASSERT_EQUAL(hl_verify_io_sectors(12288, 8), 24);
	CU_ASSERT_EQUAL(hl_verify_io_sectors(100, 0), 1);
}

/* ---- the cursor, one step at a time -------------------------------------- */

static void
test_cursor_clean(void)
{
	struct hl_verify_cursor c;
	struct hl_bad_range bad;
	uint64_t s, e;
	bool reread;

	hl_verify_cursor_init(&c, 0, UINT64_MAX, 2048);
	CU_ASSERT_FALSE(hl_verify_cursor_done(&c));
	hl_verify_cursor_next(&c, &s, &e, &reread);
	CU_ASSERT_EQUAL(s, 0);
	CU_ASSERT_EQUAL(e, UINT64_MAX);
	CU_ASSERT_FALSE(reread);
	/* The kernel clamps the end to the section and reads it all. */
	CU_ASSERT_EQUAL(hl_verify_cursor_step(&c, e, 8192, 8192, 0, &bad), 0);
	CU_ASSERT(hl_verify_cursor_done(&c));
	CU_ASSERT_EQUAL(c.verified, 8192);
	CU_ASSERT_EQUAL(c.end, 8192);
	CU_ASSERT_EQUAL(c.bad, 0);
}

static void
test_cursor_first_io_fails(void)
{
	struct hl_verify_cursor c;
	struct hl_bad_range bad;

	hl_verify_cursor_init(&c, 100, 10000, 2048);
	CU_ASSERT_EQUAL(hl_verify_cursor_step(&c, 10000, 100, 10000, EIO, &bad),
			1);
	CU_ASSERT_EQUAL(bad.start, 100);
	CU_ASSERT_EQUAL(bad.end, 2148);
	CU_ASSERT_EQUAL(bad.error, EIO);
	CU_ASSERT_EQUAL(c.start, 2148);
	CU_ASSERT_EQUAL(c.bad, 2048);
	CU_ASSERT_FALSE(hl_verify_cursor_done(&c));

	/* A bad last I/O is cut at the end. */
	hl_verify_cursor_init(&c, 0, 3000, 2048);
	CU_ASSERT_EQUAL(hl_verify_cursor_step(&c, 3000, 2048, 3000, 0, &bad),
			0);
	CU_ASSERT_EQUAL(
		hl_verify_cursor_step(&c, 3000, 2048, 3000, ENODATA, &bad), 1);
	CU_ASSERT_EQUAL(bad.start, 2048);
	CU_ASSERT_EQUAL(bad.end, 3000);
	CU_ASSERT_EQUAL(bad.error, ENODATA);
	CU_ASSERT(hl_verify_cursor_done(&c));
	CU_ASSERT_EQUAL(c.verified + c.bad, 3000);
}

static void
test_cursor_parked(void)
{
	struct hl_verify_cursor c;
	struct hl_bad_range bad;
	uint64_t s, e;
	bool reread;

	hl_verify_cursor_init(&c, 0, 100000, 2048);
	/* Progress, then parked on the bad I/O at 4096 without an errno. */
	CU_ASSERT_EQUAL(
		hl_verify_cursor_step(&c, 100000, 4096, 100000, 0, &bad), 0);
	CU_ASSERT_EQUAL(c.verified, 4096);
	hl_verify_cursor_next(&c, &s, &e, &reread);
	CU_ASSERT_EQUAL(s, 4096);
	CU_ASSERT_EQUAL(e, 4096 + 2048);
	CU_ASSERT(reread);
	/* The re-read fails at once: now the errno is known. */
	CU_ASSERT_EQUAL(hl_verify_cursor_step(&c, e, 4096, e, EIO, &bad), 1);
	CU_ASSERT_EQUAL(bad.start, 4096);
	CU_ASSERT_EQUAL(bad.end, 6144);
	hl_verify_cursor_next(&c, &s, &e, &reread);
	CU_ASSERT_EQUAL(s, 6144);
	CU_ASSERT_EQUAL(e, 100000);
	CU_ASSERT_FALSE(reread);
	/* The short re-read's end is not a clamp of the whole range. */
	CU_ASSERT_EQUAL(c.end, 100000);

	/* A transient error: the re-read succeeds and the walk goes on. */
	hl_verify_cursor_init(&c, 0, 100000, 2048);
	hl_verify_cursor_step(&c, 100000, 4096, 100000, 0, &bad);
	hl_verify_cursor_next(&c, &s, &e, &reread);
	CU_ASSERT_EQUAL(hl_verify_cursor_step(&c, e, e, e, 0, &bad), 0);
	CU_ASSERT_EQUAL(c.start, 6144);
	CU_ASSERT_EQUAL(c.verified, 6144);
	hl_verify_cursor_next(&c, &s, &e, &reread);
	CU_ASSERT_FALSE(reread);
	CU_ASSERT_EQUAL(e, 100000);
}

static void
test_cursor_stall(void)
{
	struct hl_verify_cursor c;
	struct hl_bad_range bad;

	hl_verify_cursor_init(&c, 0, 10000, 2048);
	/* No progress, no error: one retry, then it counts as bad. */
	CU_ASSERT_EQUAL(hl_verify_cursor_step(&c, 10000, 0, 10000, 0, &bad), 0);
	CU_ASSERT_EQUAL(c.start, 0);
	CU_ASSERT_EQUAL(hl_verify_cursor_step(&c, 10000, 0, 10000, 0, &bad), 1);
	CU_ASSERT_EQUAL(bad.start, 0);
	CU_ASSERT_EQUAL(bad.end, 2048);
	CU_ASSERT_EQUAL(bad.error, EIO);
	CU_ASSERT_EQUAL(c.start, 2048);
}

static void
test_cursor_clamped_start(void)
{
	struct hl_verify_cursor c;
	struct hl_bad_range bad;

	/* rt with rtstart: the kernel raised the start, then failed there. */
	hl_verify_cursor_init(&c, 0, 100000, 2048);
	CU_ASSERT_EQUAL(
		hl_verify_cursor_step(&c, 100000, 8192, 50000, EIO, &bad), 1);
	CU_ASSERT_EQUAL(c.skipped, 8192);
	CU_ASSERT_EQUAL(bad.start, 8192);
	CU_ASSERT_EQUAL(c.end, 50000);
	/* The start beyond the clamped end: done, nothing read. */
	hl_verify_cursor_init(&c, 60000, 100000, 2048);
	CU_ASSERT_EQUAL(
		hl_verify_cursor_step(&c, 100000, 60000, 50000, 0, &bad), 0);
	CU_ASSERT(hl_verify_cursor_done(&c));
	CU_ASSERT_EQUAL(c.verified, 0);
}

/* ---- a whole walk against a simulated kernel (reference C) --------------- */

struct sim {
	uint64_t section_end;
	const uint64_t *bad;
	size_t nr_bad;
	unsigned int reports; /* failed I/Os seen with the report flag */
	unsigned int calls;
};

static bool
sim_bad(const struct sim *k, uint64_t s, uint64_t e)
{
	for (size_t i = 0; i < k->nr_bad; i++)
		if (k->bad[i] >= s && k->bad[i] < e)
			return true;
	return false;
}

/* XFS_IOC_VERIFY_MEDIA as 7.2 does it: sequential I/Os, stop at a bad one. */
static void
sim_call(struct sim *k, uint64_t *start, uint64_t *end, uint32_t *ioerror,
	 uint32_t io, bool report)
{
	uint64_t pos = *start;

	k->calls++;
	*ioerror = 0;
	if (*end > k->section_end)
		*end = k->section_end;
	while (pos < *end) {
		uint64_t e = *end - pos > io ? pos + io : *end;

		if (sim_bad(k, pos, e)) {
			if (report)
				k->reports++;
			if (pos == *start)
				*ioerror = EIO;
			*start = pos;
			return;
		}
		pos = e;
	}
	*start = *end;
}

static void
sim_walk(struct sim *k, uint64_t start, uint64_t end, uint32_t io,
	 struct hl_bad_list *l)
{
	struct hl_verify_cursor c;

	hl_verify_cursor_init(&c, start, end, io);
	while (!hl_verify_cursor_done(&c)) {
		struct hl_bad_range bad;
		uint64_t s, e, req_end;
		uint32_t ioerror;
		bool reread;

		hl_verify_cursor_next(&c, &s, &e, &reread);
		req_end = e;
		sim_call(k, &s, &e, &ioerror, io, !reread);
		if (hl_verify_cursor_step(&c, req_end, s, e, ioerror, &bad) ==
		    1)
			CU_ASSERT_EQUAL(hl_bad_list_add(l, &bad), 0);
		CU_ASSERT_FATAL(k->calls < 1000);
	}
	CU_ASSERT_EQUAL(c.verified + c.bad,
			(end < k->section_end ? end : k->section_end) - start);
}

static void
test_walk_finds_every_bad_range(void)
{
	/* Two apart, two in neighbouring I/Os, one in the first I/O. */
	static const uint64_t bad[] = {5, 5000, 9000, 10300, 300000};
	struct sim k = {
		.section_end = 400000, .bad = bad, .nr_bad = ARRAY_SIZE(bad)};
	struct hl_bad_list l = {0};

	sim_walk(&k, 0, UINT64_MAX, 2048, &l);
	CU_ASSERT_EQUAL_FATAL(l.nr, 4);
	CU_ASSERT_EQUAL(l.ranges[0].start, 0);
	CU_ASSERT_EQUAL(l.ranges[0].end, 2048);
	CU_ASSERT_EQUAL(l.ranges[1].start, 4096);
	CU_ASSERT_EQUAL(l.ranges[1].end, 6144);
	/* 9000 and 10300 are in adjacent I/Os: one bad range. */
	CU_ASSERT_EQUAL(l.ranges[2].start, 8192);
	CU_ASSERT_EQUAL(l.ranges[2].end, 12288);
	CU_ASSERT_EQUAL(l.ranges[3].start, 299008);
	CU_ASSERT_EQUAL(l.ranges[3].end, 301056);
	CU_ASSERT_EQUAL(hl_bad_list_sectors(&l), 4 * 2048 + 2048);
	/* Each failing I/O is reported to the kernel's monitor once. */
	CU_ASSERT_EQUAL(k.reports, 5);
	hl_bad_list_free(&l);

	/* A small I/O size narrows the ranges to the bad sectors' I/Os. */
	k.reports = k.calls = 0;
	sim_walk(&k, 0, UINT64_MAX, 8, &l);
	CU_ASSERT_EQUAL_FATAL(l.nr, 5);
	CU_ASSERT_EQUAL(l.ranges[1].start, 5000 - 5000 % 8);
	CU_ASSERT_EQUAL(l.ranges[1].end, 5000 - 5000 % 8 + 8);
	CU_ASSERT_EQUAL(k.reports, 5);
	hl_bad_list_free(&l);

	/* A range that ends inside a bad I/O. */
	k.reports = k.calls = 0;
	sim_walk(&k, 1000, 5001, 2048, &l);
	CU_ASSERT_EQUAL_FATAL(l.nr, 1);
	CU_ASSERT_EQUAL(l.ranges[0].start, 3048);
	CU_ASSERT_EQUAL(l.ranges[0].end, 5001);
	hl_bad_list_free(&l);
}

static void
test_walk_clean_is_one_call(void)
{
	struct sim k = {.section_end = 1 << 20};
	struct hl_bad_list l = {0};

	sim_walk(&k, 0, UINT64_MAX, 2048, &l);
	CU_ASSERT_EQUAL(l.nr, 0);
	CU_ASSERT_EQUAL(k.calls, 1);
}

/* ---- splitting and lists ------------------------------------------------- */

static void
test_split(void)
{
	struct hl_daddr_range out[8];

	CU_ASSERT_EQUAL(hl_split_range(0, 0, 4, 1, out), 0);
	CU_ASSERT_EQUAL(hl_split_range(10, 5, 4, 1, out), 0);
	CU_ASSERT_EQUAL(hl_split_range(0, 100, 0, 1, out), 0);

	CU_ASSERT_EQUAL_FATAL(hl_split_range(0, 100, 1, 1, out), 1);
	CU_ASSERT_EQUAL(out[0].start, 0);
	CU_ASSERT_EQUAL(out[0].end, 100);

	CU_ASSERT_EQUAL_FATAL(hl_split_range(0, 8192, 4, 2048, out), 4);
	for (uint64_t i = 0; i < 4; i++) {
		CU_ASSERT_EQUAL(out[i].start, i * 2048);
		CU_ASSERT_EQUAL(out[i].end, (i + 1) * 2048);
	}

	/* Inner bounds on I/O boundaries; the ends stay where they were. */
	CU_ASSERT_EQUAL_FATAL(hl_split_range(100, 10000, 3, 1024, out), 3);
	CU_ASSERT_EQUAL(out[0].start, 100);
	CU_ASSERT_EQUAL(out[0].end, 3072);
	CU_ASSERT_EQUAL(out[1].start, 3072);
	CU_ASSERT_EQUAL(out[1].end, 6144);
	CU_ASSERT_EQUAL(out[2].start, 6144);
	CU_ASSERT_EQUAL(out[2].end, 10000);

	/* Too small for every piece: fewer, still disjoint and complete. */
	CU_ASSERT_EQUAL_FATAL(hl_split_range(0, 3000, 8, 2048, out), 2);
	CU_ASSERT_EQUAL(out[0].end, 2048);
	CU_ASSERT_EQUAL(out[1].start, 2048);
	CU_ASSERT_EQUAL(out[1].end, 3000);

	/* No overflow near the top of the range. */
	CU_ASSERT_EQUAL_FATAL(hl_split_range(0, UINT64_MAX, 4, 1, out), 4);
	CU_ASSERT_EQUAL(out[1].start, UINT64_MAX / 4);
	CU_ASSERT_EQUAL(out[3].end, UINT64_MAX);
}

static void
test_range_list(void)
{
	struct hl_range_list l = {0};

	CU_ASSERT_EQUAL(hl_range_list_add(&l, 0, 8, 0), 0);
	CU_ASSERT_EQUAL(hl_range_list_add(&l, 8, 16, 0), 0);  /* touching */
	CU_ASSERT_EQUAL(hl_range_list_add(&l, 12, 20, 0), 0); /* overlap */
	CU_ASSERT_EQUAL(hl_range_list_add(&l, 5, 6, 0), 0);   /* inside */
	CU_ASSERT_EQUAL(hl_range_list_add(&l, 30, 30, 0), 0); /* empty */
	CU_ASSERT_EQUAL_FATAL(l.nr, 1);
	CU_ASSERT_EQUAL(l.ranges[0].start, 0);
	CU_ASSERT_EQUAL(l.ranges[0].end, 20);

	CU_ASSERT_EQUAL(hl_range_list_add(&l, 25, 30, 4), 0); /* gap 5 */
	CU_ASSERT_EQUAL(hl_range_list_add(&l, 34, 40, 4), 0); /* gap 4 */
	CU_ASSERT_EQUAL_FATAL(l.nr, 2);
	CU_ASSERT_EQUAL(l.ranges[1].start, 25);
	CU_ASSERT_EQUAL(l.ranges[1].end, 40);

	/* Out of order: put in place, and joined with what it touches. */
	CU_ASSERT_EQUAL(hl_range_list_add(&l, 100, 110, 0), 0);
	CU_ASSERT_EQUAL(hl_range_list_add(&l, 50, 60, 0), 0);
	CU_ASSERT_EQUAL(hl_range_list_add(&l, 20, 25, 0), 0);
	CU_ASSERT_EQUAL_FATAL(l.nr, 3);
	CU_ASSERT_EQUAL(l.ranges[0].start, 0);
	CU_ASSERT_EQUAL(l.ranges[0].end, 40);
	CU_ASSERT_EQUAL(l.ranges[1].start, 50);
	CU_ASSERT_EQUAL(l.ranges[2].start, 100);
	CU_ASSERT_EQUAL(hl_range_list_sectors(&l), 40 + 10 + 10);
	hl_range_list_free(&l);
	CU_ASSERT_EQUAL(l.nr, 0);
	CU_ASSERT_PTR_NULL(l.ranges);

	/* Past the first allocations, in order and out of it. */
	for (uint64_t i = 0; i < 100; i++)
		CU_ASSERT_EQUAL(hl_range_list_add(&l, i * 10, i * 10 + 5, 0),
				0);
	CU_ASSERT_EQUAL(hl_range_list_add(&l, 2000, 2005, 0), 0);
	CU_ASSERT_EQUAL(hl_range_list_add(&l, 1500, 1505, 0), 0);
	CU_ASSERT_EQUAL_FATAL(l.nr, 102);
	CU_ASSERT_EQUAL(l.ranges[99].start, 990);
	CU_ASSERT_EQUAL(l.ranges[100].start, 1500);
	CU_ASSERT_EQUAL(l.ranges[101].end, 2005);
	CU_ASSERT_EQUAL(hl_range_list_sectors(&l), 102 * 5);
	hl_range_list_free(&l);
}

static struct fsmap
rec(uint64_t phys, uint64_t len, uint64_t owner, uint64_t offset,
    uint32_t flags)
{
	return (struct fsmap){
		.fmr_physical = phys,
		.fmr_length = len,
		.fmr_owner = owner,
		.fmr_offset = offset,
		.fmr_flags = flags,
	};
}

static void
test_fsmap_in_use(void)
{
	struct hl_range_list l = {0};
	struct fsmap r[] = {
		rec(0, 4096, XFS_FMR_OWN_FS, 0, FMR_OF_SPECIAL_OWNER),
		rec(4096, 8192, XFS_FMR_OWN_AG, 0, FMR_OF_SPECIAL_OWNER),
		rec(12288, 1 << 20, XFS_FMR_OWN_FREE, 0, FMR_OF_SPECIAL_OWNER),
		/* a file right after a 1 MiB hole: bridged */
		rec(12288 + (1 << 20), 4096, 131, 0, 0),
		/* unknown owner (no rmapbt) is in use */
		rec(8 << 20, 4096, XFS_FMR_OWN_UNKNOWN, 0,
		    FMR_OF_SPECIAL_OWNER),
		/* a shared extent, reported twice (reflink) */
		rec(16 << 20, 8192, 140, 0, FMR_OF_SHARED),
		rec(16 << 20, 8192, 141, 0, FMR_OF_SHARED),
		/* sub-sector sizes round outwards */
		rec((32 << 20) + 100, 10, 150, 0, 0),
		/* beyond the range asked for: clipped */
		rec(63 << 20, 4 << 20, 160, 0, 0),
	};

	CU_ASSERT_FALSE(hl_fsmap_in_use(&r[2]));
	CU_ASSERT(hl_fsmap_in_use(&r[0]));
	CU_ASSERT(hl_fsmap_in_use(&r[3]));
	CU_ASSERT(hl_fsmap_in_use(&r[4]));
	for (size_t i = 0; i < ARRAY_SIZE(r); i++)
		CU_ASSERT_EQUAL(hl_range_list_add_fsmap(&l, &r[i], 0,
							(64 << 20) >> 9,
							HL_FSMAP_BRIDGE),
				0);
	CU_ASSERT_EQUAL_FATAL(l.nr, 5);
	CU_ASSERT_EQUAL(l.ranges[0].start, 0);
	CU_ASSERT_EQUAL(l.ranges[0].end, (12288 + (1 << 20) + 4096) >> 9);
	CU_ASSERT_EQUAL(l.ranges[1].start, (8 << 20) >> 9);
	CU_ASSERT_EQUAL(l.ranges[1].end, ((8 << 20) + 4096) >> 9);
	CU_ASSERT_EQUAL(l.ranges[2].start, (16 << 20) >> 9);
	CU_ASSERT_EQUAL(l.ranges[2].end, ((16 << 20) + 8192) >> 9);
	CU_ASSERT_EQUAL(l.ranges[3].start, (32 << 20) >> 9);
	CU_ASSERT_EQUAL(l.ranges[3].end, ((32 << 20) >> 9) + 1);
	CU_ASSERT_EQUAL(l.ranges[4].start, (63 << 20) >> 9);
	CU_ASSERT_EQUAL(l.ranges[4].end, (64 << 20) >> 9);
	hl_range_list_free(&l);

	/* A gap of more than one I/O is not read. */
	r[3].fmr_physical += 512;
	for (size_t i = 0; i < 4; i++)
		hl_range_list_add_fsmap(&l, &r[i], 0, UINT64_MAX >> 9,
					HL_FSMAP_BRIDGE);
	CU_ASSERT_EQUAL(l.nr, 2);
	hl_range_list_free(&l);
}

static void
test_bad_list(void)
{
	struct hl_bad_list l = {0};
	struct hl_bad_range a = {0, 8, EIO}, b = {8, 16, EIO},
			    c = {16, 24, ENODATA}, d = {100, 108, EIO},
			    e = {40, 48, EIO}, f = {48, 56, EIO};

	CU_ASSERT_EQUAL(hl_bad_list_add(&l, &a), 0);
	CU_ASSERT_EQUAL(hl_bad_list_add(&l, &b), 0); /* adjacent: merged */
	CU_ASSERT_EQUAL(hl_bad_list_add(&l, &c), 0); /* other error: not */
	CU_ASSERT_EQUAL(hl_bad_list_add(&l, &d), 0);
	CU_ASSERT_EQUAL(hl_bad_list_add(&l, &f), 0); /* from another thread */
	CU_ASSERT_EQUAL(hl_bad_list_add(&l, &e), 0);
	CU_ASSERT_EQUAL(l.nr, 5);
	hl_bad_list_sort(&l);
	CU_ASSERT_EQUAL_FATAL(l.nr, 4);
	CU_ASSERT_EQUAL(l.ranges[0].end, 16);
	CU_ASSERT_EQUAL(l.ranges[1].error, ENODATA);
	CU_ASSERT_EQUAL(l.ranges[2].start, 40);
	CU_ASSERT_EQUAL(l.ranges[2].end, 56);
	CU_ASSERT_EQUAL(l.ranges[3].start, 100);
	CU_ASSERT_EQUAL(hl_bad_list_sectors(&l), 16 + 8 + 16 + 8);
	hl_bad_list_free(&l);

	/* An empty list (no array yet) sorts to itself: UBSan once caught qsort(NULL). */
	hl_bad_list_sort(&l);
	CU_ASSERT_EQUAL(l.nr, 0);
}

/* ---- owners -------------------------------------------------------------- */

static void
test_owners(void)
{
	struct hl_media_owner o;
	struct fsmap file = rec(1 << 20, 1 << 20, 131, 65536, 0);
	struct fsmap attr = rec(4 << 20, 4096, 132, 8192, FMR_OF_ATTR_FORK);
	struct fsmap bmbt = rec(5 << 20, 4096, 133, 777,
				FMR_OF_EXTENT_MAP | FMR_OF_ATTR_FORK);
	struct fsmap free_ = rec(6 << 20, 1 << 20, XFS_FMR_OWN_FREE, 0,
				 FMR_OF_SPECIAL_OWNER);
	struct fsmap inobt =
		rec(7 << 20, 4096, XFS_FMR_OWN_INOBT, 0, FMR_OF_SPECIAL_OWNER);

	/* The bad range starts inside the extent: pos moves along. */
	CU_ASSERT_EQUAL(hl_media_owner_from_fsmap(&file,
						  ((1 << 20) + 8192) >> 9,
						  4 << 20 >> 9, &o),
			0);
	CU_ASSERT_EQUAL(o.kind, HL_OWNER_FILE);
	CU_ASSERT_EQUAL(o.owner, 131);
	CU_ASSERT_EQUAL(o.offset, (1 << 20) + 8192);
	CU_ASSERT_EQUAL(o.length, (1 << 20) - 8192);
	CU_ASSERT_EQUAL(o.pos, 65536 + 8192);
	CU_ASSERT_PTR_NULL(o.path);

	/* The extent starts inside the bad range. */
	CU_ASSERT_EQUAL(
		hl_media_owner_from_fsmap(&file, 0, ((1 << 20) + 512) >> 9, &o),
		0);
	CU_ASSERT_EQUAL(o.offset, 1 << 20);
	CU_ASSERT_EQUAL(o.length, 512);
	CU_ASSERT_EQUAL(o.pos, 65536);

	CU_ASSERT_EQUAL(hl_media_owner_from_fsmap(&file, 0, (1 << 20) >> 9, &o),
			-ENOENT);
	CU_ASSERT_EQUAL(hl_media_owner_from_fsmap(&file, (2 << 20) >> 9,
						  (3 << 20) >> 9, &o),
			-ENOENT);

	CU_ASSERT_EQUAL(hl_media_owner_from_fsmap(&attr, 0, UINT64_MAX, &o), 0);
	CU_ASSERT_EQUAL(o.kind, HL_OWNER_FILE);
	CU_ASSERT_EQUAL(o.pos, 8192);
	CU_ASSERT(o.flags & FMR_OF_ATTR_FORK);

	CU_ASSERT_EQUAL(hl_media_owner_from_fsmap(&bmbt, 0, UINT64_MAX, &o), 0);
	CU_ASSERT_EQUAL(o.pos, 0);

	CU_ASSERT_EQUAL(hl_media_owner_from_fsmap(&free_, 0, UINT64_MAX, &o),
			0);
	CU_ASSERT_EQUAL(o.kind, HL_OWNER_FREE);
	CU_ASSERT_EQUAL(hl_media_owner_from_fsmap(&inobt, 0, UINT64_MAX, &o),
			0);
	CU_ASSERT_EQUAL(o.kind, HL_OWNER_METADATA);
	CU_ASSERT_EQUAL(o.owner, XFS_FMR_OWN_INOBT);
}

static void
test_owner_names(void)
{
	/* The numbers of linux/fsmap.h and xfs_fs.h, written out. */
	static const struct hl_name want[] = {
		{0x1, "free space"},
		{0x2, "unknown owner"},
		{0x3, "metadata"},
		{0x5800000001ULL, "static fs metadata"},
		{0x5800000002ULL, "log"},
		{0x5800000003ULL, "per-AG metadata"},
		{0x5800000004ULL, "inode btree"},
		{0x5800000005ULL, "inodes"},
		{0x5800000006ULL, "refcount btree"},
		{0x5800000007ULL, "copy-on-write staging"},
		{0x5800000008ULL, "defective blocks"},
	};

	check_table(hl_fsmap_owner_names(), HL_TABLE_VALUES, want,
		    ARRAY_SIZE(want));
}

/* ---- output -------------------------------------------------------------- */

static void
test_sizes_and_times(void)
{
	char buf[64];

	CU_ASSERT(hl_format_size(buf, sizeof(buf), 1048576) > 0);
	CU_ASSERT_STRING_EQUAL(buf, "1 MiB");
	CU_ASSERT(hl_format_size(buf, sizeof(buf), 2147483648.0) > 0);
	CU_ASSERT_STRING_EQUAL(buf, "2.000 GiB");
	CU_ASSERT(hl_format_size(buf, sizeof(buf), 4096) > 0);
	CU_ASSERT_STRING_EQUAL(buf, "4 KiB");
	CU_ASSERT(hl_format_size(buf, sizeof(buf), 512) > 0);
	CU_ASSERT_STRING_EQUAL(buf, "512.000000 bytes");
	CU_ASSERT(hl_format_size(buf, sizeof(buf), 3.0 * (1ULL << 60)) > 0);
	CU_ASSERT_STRING_EQUAL(buf, "3.000 EiB");
	CU_ASSERT(hl_format_size(buf, sizeof(buf), 1024.5) > 0);
	CU_ASSERT_STRING_EQUAL(buf, "1.000 KiB");
	CU_ASSERT_EQUAL(hl_format_size(buf, 4, 1048576), -ENOSPC);
	CU_ASSERT_STRING_EQUAL(buf, "1 M");

	CU_ASSERT(hl_format_time(buf, sizeof(buf), 0) > 0);
	CU_ASSERT_STRING_EQUAL(buf, "0.0000 sec");
	CU_ASSERT(hl_format_time(buf, sizeof(buf), 17000) > 0);
	CU_ASSERT_STRING_EQUAL(buf, "0.0000 sec");
	CU_ASSERT(hl_format_time(buf, sizeof(buf), 123456789) > 0);
	CU_ASSERT_STRING_EQUAL(buf, "0.1234 sec");
	CU_ASSERT(hl_format_time(buf, sizeof(buf), 999999999) > 0);
	CU_ASSERT_STRING_EQUAL(buf, "0.9999 sec");
	CU_ASSERT(hl_format_time(buf, sizeof(buf), 1000000000) > 0);
	CU_ASSERT_STRING_EQUAL(buf, "0:00:01.00");
	CU_ASSERT(hl_format_time(buf, sizeof(buf), 3723456000000ULL) > 0);
	CU_ASSERT_STRING_EQUAL(buf, "1:02:03.45");
	CU_ASSERT(hl_format_time(buf, sizeof(buf), 100 * 3600000000000ULL) > 0);
	CU_ASSERT_STRING_EQUAL(buf, "100:00:00.00");
}

/* Everything a writer puts to a stream, as one string. */
struct capture {
	FILE *f;
	char *text;
	size_t len;
};

static void
capture_start(struct capture *c)
{
	c->text = NULL;
	c->f = open_memstream(&c->text, &c->len);
	CU_ASSERT_PTR_NOT_NULL_FATAL(c->f);
}

static const char *
capture_end(struct capture *c)
{
	CU_ASSERT_EQUAL(fclose(c->f), 0);
	return c->text;
}

/* The two samples of xfs_io 7.2 output in reference E.3. */
static void
test_timing_report(void)
{
	struct hl_verify_stats s = {
		.dev = XFS_DEV_DATA,
		.start = 0,
		.end = 2147483648ULL >> 9,
		.in_use = 2147483648ULL >> 9,
		.verified = 2147483648ULL >> 9,
		.calls = 1,
		.elapsed_ns = 17000,
	};
	struct capture c;

	capture_start(&c);
	CU_ASSERT_EQUAL(hl_verify_timing_write(c.f, &s), 0);
	s.start = s.end = 1048576 >> 9;
	s.end += 1048576 >> 9;
	s.verified = 1048576 >> 9;
	s.elapsed_ns = 14000;
	CU_ASSERT_EQUAL(hl_verify_timing_write(c.f, &s), 0);
	CU_ASSERT_STRING_EQUAL(
		capture_end(&c),
		"verified 2147483648/2147483648 bytes at offset 0\n"
		"2.000 GiB, 1 ops; 0.0000 sec (114.890 TiB/sec and 58823.5294 "
		"ops/sec)\n"
		"verified 1048576/1048576 bytes at offset 1048576\n"
		"1 MiB, 1 ops; 0.0000 sec (69.754 GiB/sec and 71428.5714 "
		"ops/sec)\n");
	free(c.text);
}

static void
test_error_and_owner_lines(void)
{
	struct hl_bad_range bad = {2048, 4096, ENODATA};
	struct hl_media_owner o = {
		.kind = HL_OWNER_FILE,
		.offset = 1048576,
		.length = 65536,
		.owner = 131,
		.pos = 4096,
	};
	char buf[256];

	/* Reference E.3's example line. */
	CU_ASSERT(hl_media_error_format(buf, sizeof(buf), XFS_DEV_RT, &bad) >
		  0);
	CU_ASSERT_STRING_EQUAL(buf, "rtdev: verify error at offset 1048576 "
				    "length 1048576: No data available\n");
	bad.error = EIO;
	CU_ASSERT(hl_media_error_format(buf, sizeof(buf), XFS_DEV_DATA, &bad) >
		  0);
	CU_ASSERT_STRING_EQUAL(buf, "datadev: verify error at offset 1048576 "
				    "length 1048576: Input/output error\n");
	CU_ASSERT(hl_media_error_format(buf, sizeof(buf), XFS_DEV_LOG, &bad) >
		  0);
	CU_ASSERT_STRING_EQUAL(buf, "logdev: verify error at offset 1048576 "
				    "length 1048576: Input/output error\n");

	CU_ASSERT(hl_media_owner_format(buf, sizeof(buf), &o) > 0);
	CU_ASSERT_STRING_EQUAL(
		buf, "  offset 1048576 length 65536: ino 131 pos 4096\n");
	o.path = "/dir/a file";
	o.flags = FMR_OF_PREALLOC;
	CU_ASSERT(hl_media_owner_format(buf, sizeof(buf), &o) > 0);
	CU_ASSERT_STRING_EQUAL(buf, "  offset 1048576 length 65536: ino 131 "
				    "pos 4096 unwritten path /dir/a file\n");
	/* A path is escaped like every name: one line whatever it holds. */
	o.path = "/mnt/x\n  offset 0 length 1: free space\r";
	CU_ASSERT(hl_media_owner_format(buf, sizeof(buf), &o) > 0);
	CU_ASSERT_STRING_EQUAL(buf, "  offset 1048576 length 65536: ino 131 "
				    "pos 4096 unwritten path /mnt/x\\n  offset "
				    "0 length 1: free space\\r\n");
	o.path = NULL;
	o.flags = FMR_OF_ATTR_FORK;
	CU_ASSERT(hl_media_owner_format(buf, sizeof(buf), &o) > 0);
	CU_ASSERT_STRING_EQUAL(
		buf, "  offset 1048576 length 65536: ino 131 attr pos 4096\n");
	o.flags = FMR_OF_EXTENT_MAP;
	CU_ASSERT(hl_media_owner_format(buf, sizeof(buf), &o) > 0);
	CU_ASSERT_STRING_EQUAL(
		buf, "  offset 1048576 length 65536: ino 131 extent map\n");
	o.kind = HL_OWNER_METADATA;
	o.owner = XFS_FMR_OWN_INOBT;
	CU_ASSERT(hl_media_owner_format(buf, sizeof(buf), &o) > 0);
	CU_ASSERT_STRING_EQUAL(buf,
			       "  offset 1048576 length 65536: inode btree\n");
	o.kind = HL_OWNER_FREE;
	o.owner = XFS_FMR_OWN_FREE;
	CU_ASSERT(hl_media_owner_format(buf, sizeof(buf), &o) > 0);
	CU_ASSERT_STRING_EQUAL(buf,
			       "  offset 1048576 length 65536: free space\n");
	o.kind = HL_OWNER_METADATA;
	o.owner = 0x5800000063ULL; /* a newer kernel's owner */
	CU_ASSERT(hl_media_owner_format(buf, sizeof(buf), &o) > 0);
	CU_ASSERT_STRING_EQUAL(
		buf, "  offset 1048576 length 65536: unknown owner\n");
}

static void
test_summary_and_progress(void)
{
	struct hl_verify_stats s = {
		.dev = XFS_DEV_DATA,
		.start = 0,
		.end = 8 << 11,
		.in_use = 2 << 11,
		.verified = (2 << 11) - 2048,
		.bad = 2048,
		.nr_bad = 1,
		.calls = 3,
		.elapsed_ns = 2000000000ULL,
	};
	struct capture c;
	char buf[128];

	capture_start(&c);
	CU_ASSERT_EQUAL(hl_verify_summary_write(c.f, &s), 0);
	CU_ASSERT_STRING_EQUAL(
		capture_end(&c),
		"datadev: range offset 0 length 8388608, 2097152 bytes in use\n"
		"datadev: verified 1048576 bytes in 3 calls\n"
		"datadev: bad ranges 1, 1048576 bytes\n"
		"datadev: elapsed 0:00:02.00, 512 KiB/sec\n");
	free(c.text);

	CU_ASSERT(hl_verify_progress_format(buf, sizeof(buf), &s, 1024, 4096) >
		  0);
	CU_ASSERT_STRING_EQUAL(
		buf, "datadev: 25.0% done, 256 KiB/sec, ETA 0:00:06.00");
	CU_ASSERT(hl_verify_progress_format(buf, sizeof(buf), &s, 0, 4096) > 0);
	CU_ASSERT_STRING_EQUAL(
		buf, "datadev: 0.0% done, 0.000000 bytes/sec, ETA unknown");
}

static json_object *
parse_json(const char *text)
{
	struct json_tokener *tok = json_tokener_new();
	size_t len = strlen(text);
	json_object *obj;

	CU_ASSERT_FATAL(len > 0 && text[len - 1] == '\n');
	CU_ASSERT_PTR_NULL(memchr(text, '\n', len - 1));
	json_tokener_set_flags(tok, JSON_TOKENER_STRICT |
					    JSON_TOKENER_VALIDATE_UTF8);
	obj = json_tokener_parse_ex(tok, text, len - 1);
	CU_ASSERT_EQUAL(json_tokener_get_error(tok), json_tokener_success);
	json_tokener_free(tok);
	CU_ASSERT_PTR_NOT_NULL_FATAL(obj);
	return obj;
}

static int64_t
jint(json_object *obj, const char *key)
{
	json_object *v = NULL;

	CU_ASSERT_FATAL(json_object_object_get_ex(obj, key, &v));
	return json_object_get_int64(v);
}

static const char *
jstr(json_object *obj, const char *key)
{
	json_object *v = NULL;

	CU_ASSERT_FATAL(json_object_object_get_ex(obj, key, &v));
	return json_object_get_string(v);
}

static void
test_json(void)
{
	struct hl_media_owner owners[] = {
		{.kind = HL_OWNER_FILE,
		 .offset = 1048576,
		 .length = 4096,
		 .owner = 131,
		 .pos = 8192,
		 .path = "/d/\xff\"x\n"},
		{.kind = HL_OWNER_METADATA,
		 .offset = 1052672,
		 .length = 4096,
		 .owner = XFS_FMR_OWN_INODES,
		 .flags = FMR_OF_SPECIAL_OWNER},
	};
	struct hl_media_bad bad[] = {
		{.range = {2048, 2056, EIO},
		 .owners = owners,
		 .nr_owners = ARRAY_SIZE(owners)},
		{.range = {9000, 9008, ENODATA}, .owner_error = -EOPNOTSUPP},
	};
	struct hl_verify_stats s = {
		.dev = XFS_DEV_DATA,
		.end = 1 << 20,
		.in_use = 1 << 20,
		.verified = (1 << 20) - 16,
		.bad = 16,
		.nr_bad = 2,
		.calls = 5,
		.elapsed_ns = 42,
	};
	json_object *obj, *arr, *b, *o, *v;
	struct capture c;

	capture_start(&c);
	CU_ASSERT_EQUAL(hl_verify_json_write(c.f, "/mnt/\"q\"", &s, bad,
					     ARRAY_SIZE(bad), true),
			0);
	obj = parse_json(capture_end(&c));
	CU_ASSERT_STRING_EQUAL(jstr(obj, "device"), "datadev");
	CU_ASSERT_STRING_EQUAL(jstr(obj, "file"), "/mnt/\"q\"");
	CU_ASSERT_EQUAL(jint(obj, "length"), (1LL << 20) * 512);
	CU_ASSERT_EQUAL(jint(obj, "bad_bytes"), 16 * 512);
	CU_ASSERT_EQUAL(jint(obj, "calls"), 5);
	CU_ASSERT_FALSE(json_object_object_get_ex(obj, "ioctl_error", &v));
	CU_ASSERT_FATAL(json_object_object_get_ex(obj, "bad_ranges", &arr));
	CU_ASSERT_EQUAL_FATAL(json_object_array_length(arr), 2);

	b = json_object_array_get_idx(arr, 0);
	CU_ASSERT_EQUAL(jint(b, "offset"), 1048576);
	CU_ASSERT_EQUAL(jint(b, "length"), 4096);
	CU_ASSERT_EQUAL(jint(b, "errno"), EIO);
	CU_ASSERT_STRING_EQUAL(jstr(b, "error"), "Input/output error");
	CU_ASSERT_FATAL(json_object_object_get_ex(b, "owners", &v));
	CU_ASSERT_EQUAL_FATAL(json_object_array_length(v), 2);
	o = json_object_array_get_idx(v, 0);
	CU_ASSERT_STRING_EQUAL(jstr(o, "kind"), "file");
	CU_ASSERT_EQUAL(jint(o, "ino"), 131);
	CU_ASSERT_EQUAL(jint(o, "pos"), 8192);
	CU_ASSERT_STRING_EQUAL(jstr(o, "fork"), "data");
	/* Bytes that are not UTF-8 become U+FFFD, and path_hex keeps them. */
	CU_ASSERT_STRING_EQUAL(jstr(o, "path"), "/d/\xef\xbf\xbd\"x\n");
	CU_ASSERT(json_object_object_get_ex(o, "path_hex", &v));
	o = json_object_array_get_idx(json_object_object_get(b, "owners"), 1);
	CU_ASSERT_STRING_EQUAL(jstr(o, "kind"), "metadata");
	CU_ASSERT_STRING_EQUAL(jstr(o, "owner"), "inodes");

	b = json_object_array_get_idx(arr, 1);
	CU_ASSERT_STRING_EQUAL(jstr(b, "error"), "No data available");
	CU_ASSERT_FATAL(json_object_object_get_ex(b, "owners", &v));
	CU_ASSERT_EQUAL(json_object_array_length(v), 0);
	CU_ASSERT_STRING_EQUAL(jstr(b, "owners_error"),
			       "Operation not supported");
	json_object_put(obj);
	free(c.text);

	/* Without -m: no owners key; a refused call is said. */
	s.error = ENODEV;
	capture_start(&c);
	CU_ASSERT_EQUAL(hl_verify_json_write(c.f, "/mnt", &s, bad, 1, false),
			0);
	obj = parse_json(capture_end(&c));
	CU_ASSERT_STRING_EQUAL(jstr(obj, "ioctl_error"), "No such device");
	CU_ASSERT_EQUAL(jint(obj, "ioctl_errno"), ENODEV);
	b = json_object_array_get_idx(json_object_object_get(obj, "bad_ranges"),
				      0);
	CU_ASSERT_FALSE(json_object_object_get_ex(b, "owners", &v));
	CU_ASSERT_FALSE(json_object_object_get_ex(obj, "stopped_by", &v));
	json_object_put(obj);
	free(c.text);

	/* Stopped by a signal: said, and the object is still whole. */
	s.error = 0;
	s.signal = SIGTERM;
	capture_start(&c);
	CU_ASSERT_EQUAL(hl_verify_json_write(c.f, "/mnt", &s, bad, 1, false),
			0);
	obj = parse_json(capture_end(&c));
	CU_ASSERT_STRING_EQUAL(jstr(obj, "stopped_by"), "SIGTERM");
	CU_ASSERT_FALSE(json_object_object_get_ex(obj, "ioctl_errno", &v));
	CU_ASSERT_EQUAL(json_object_array_length(
				json_object_object_get(obj, "bad_ranges")),
			1);
	json_object_put(obj);
	free(c.text);

	CU_ASSERT_EQUAL(hl_verify_json_write(stdout, NULL, &s, bad, 1, false),
			-EINVAL);
}

static const struct unit_test media_tests[] = {
	{"parse_size", test_parse_size},
	{"parse_u64", test_parse_u64},
	{"daddr rounding", test_daddr},
	{"io sectors", test_io_sectors},
	{"cursor clean", test_cursor_clean},
	{"cursor first io fails", test_cursor_first_io_fails},
	{"cursor parked", test_cursor_parked},
	{"cursor stall", test_cursor_stall},
	{"cursor clamped start", test_cursor_clamped_start},
	{"walk finds every bad range", test_walk_finds_every_bad_range},
	{"walk clean is one call", test_walk_clean_is_one_call},
	{"split", test_split},
	{"range list", test_range_list},
	{"fsmap in use", test_fsmap_in_use},
	{"bad list", test_bad_list},
	{"owners", test_owners},
	{"owner names", test_owner_names},
	{"sizes and times", test_sizes_and_times},
	{"timing report", test_timing_report},
	{"error and owner lines", test_error_and_owner_lines},
	{"summary and progress", test_summary_and_progress},
	{"json", test_json},
};

int
unit_register_media(void)
{
	return UNIT_ADD_SUITE("media", media_tests);
}
