// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The foreground reader of tests/bench/media-scan: random 4 KiB O_DIRECT
 * reads of a block device, one at a time, for SECONDS, and their latencies:
 *
 *	randread DEVICE BYTES SECONDS
 *
 * reads at 4 KiB-aligned offsets below BYTES and prints one line,
 *
 *	reads N p50_us P50 p99_us P99 max_us MAX
 *
 * The offsets come from a fixed seed, so that every phase reads the same
 * sequence.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#define BLOCK 4096

static uint64_t
now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

static int
cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

int
main(int argc, char **argv)
{
	uint64_t blocks, end, *lat = NULL, seed = 0x9e3779b97f4a7c15ULL;
	size_t nr = 0, alloc = 0;
	void *buf;
	int fd;

	if (argc != 4) {
		fprintf(stderr, "usage: randread DEVICE BYTES SECONDS\n");
		return 2;
	}
	blocks = strtoull(argv[2], NULL, 0) / BLOCK;
	end = now_ns() + strtoull(argv[3], NULL, 0) * 1000000000ULL;
	fd = open(argv[1], O_RDONLY | O_DIRECT);
	if (fd < 0 || !blocks || posix_memalign(&buf, BLOCK, BLOCK)) {
		perror(argv[1]);
		return 1;
	}
	while (now_ns() < end) {
		uint64_t t0, t1;

		/* xorshift64: the same offsets in every phase */
		seed ^= seed << 13;
		seed ^= seed >> 7;
		seed ^= seed << 17;
		t0 = now_ns();
		if (pread(fd, buf, BLOCK, (off_t)(seed % blocks) * BLOCK) != BLOCK) {
			perror("pread");
			return 1;
		}
		t1 = now_ns();
		if (nr == alloc) {
			alloc = alloc ? alloc * 2 : 4096;
			lat = realloc(lat, alloc * sizeof(*lat));
			if (!lat)
				return 1;
		}
		lat[nr++] = (t1 - t0) / 1000;
	}
	if (!nr)
		return 1;
	qsort(lat, nr, sizeof(*lat), cmp_u64);
	printf("reads %zu p50_us %llu p99_us %llu max_us %llu\n", nr,
	       (unsigned long long)lat[nr / 2],
	       (unsigned long long)lat[(nr * 99) / 100],
	       (unsigned long long)lat[nr - 1]);
	return 0;
}
