// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Coalescing repairs: one waiting entry per object, masks joined, the limit,
 * and a table that stays correct through many adds and takes, checked
 * against a plain array.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "health.h"
#include "xfs_health_abi.h"

static struct hl_pending_key
ag_key(uint32_t agno)
{
	return (struct hl_pending_key){.domain = XFS_HEALTH_MONITOR_DOMAIN_AG,
				       .group = agno};
}

static void
test_init(void)
{
	struct hl_pending p;

	CU_ASSERT_EQUAL(hl_pending_init(&p, 0), -EINVAL);
	hl_pending_free(&p);
	CU_ASSERT_EQUAL(hl_pending_init(&p, SIZE_MAX / 2), -EINVAL);
	hl_pending_free(&p);
	CU_ASSERT_EQUAL(hl_pending_init(NULL, 1), -EINVAL);

	/* A power of two, at least twice the objects. */
	for (size_t max = 1; max < 100; max++) {
		CU_ASSERT_EQUAL_FATAL(hl_pending_init(&p, max), 0);
		CU_ASSERT(p.nr_slots >= 2 * max);
		CU_ASSERT(p.nr_slots < 4 * max);
		CU_ASSERT_EQUAL(p.nr_slots & (p.nr_slots - 1), 0);
		CU_ASSERT_EQUAL(p.nr, 0);
		CU_ASSERT_EQUAL(p.max, max);
		hl_pending_free(&p);
		CU_ASSERT_PTR_NULL(p.slots);
	}

	/* Free is safe on a zeroed table; using one is refused. */
	memset(&p, 0, sizeof(p));
	hl_pending_free(&p);
	hl_pending_free(NULL);
	{
		struct hl_pending_key k = ag_key(1);
		uint32_t mask;

		CU_ASSERT_EQUAL(hl_pending_add(&p, &k, 1), -EINVAL);
		CU_ASSERT_EQUAL(hl_pending_take(&p, &k, &mask), -EINVAL);
	}
}

/* Only the numbers that name the object; the rest zero. */
static void
test_key_of(void)
{
	static const struct hl_pending_key want[] = {
		{.domain = XFS_HEALTH_MONITOR_DOMAIN_FS},
		{.domain = XFS_HEALTH_MONITOR_DOMAIN_AG, .group = 4},
		{.domain = XFS_HEALTH_MONITOR_DOMAIN_INODE,
		 .ino = 99,
		 .gen = 7},
		{.domain = XFS_HEALTH_MONITOR_DOMAIN_RTGROUP, .group = 4},
	};

	for (size_t i = 0; i < ARRAY_SIZE(want); i++) {
		struct hl_event ev = {.domain = want[i].domain,
				      .type = XFS_HEALTH_MONITOR_TYPE_SICK,
				      .group = 4,
				      .ino = 99,
				      .gen = 7,
				      .mask = 3};
		struct hl_pending_key k;

		memset(&k, 0xff, sizeof(k));
		hl_pending_key_of(&ev, &k);
		CU_ASSERT_EQUAL(k.domain, want[i].domain);
		CU_ASSERT_EQUAL(k.group, want[i].group);
		CU_ASSERT_EQUAL(k.ino, want[i].ino);
		CU_ASSERT_EQUAL(k.gen, want[i].gen);
	}
}

static void
test_add_merge_take(void)
{
	struct hl_pending p;
	struct hl_pending_key a = ag_key(1), b = ag_key(2);
	struct hl_pending_key fs = {.domain = XFS_HEALTH_MONITOR_DOMAIN_FS};
	struct hl_pending_key i1 = {
		.domain = XFS_HEALTH_MONITOR_DOMAIN_INODE, .ino = 1, .gen = 1};
	struct hl_pending_key i2 = i1;
	uint32_t mask = 0;

	i2.gen = 2; /* same inode number, another file */
	CU_ASSERT_EQUAL_FATAL(hl_pending_init(&p, 4), 0);
	CU_ASSERT_EQUAL(hl_pending_add(&p, &a, 0x1), 1);
	CU_ASSERT_EQUAL(hl_pending_add(&p, &a, 0x10), 0);
	CU_ASSERT_EQUAL(hl_pending_add(&p, &a, 0x1), 0);
	CU_ASSERT_EQUAL(hl_pending_add(&p, &b, 0x2), 1);
	CU_ASSERT_EQUAL(hl_pending_add(&p, &i1, 0x4), 1);
	CU_ASSERT_EQUAL(hl_pending_add(&p, &i2, 0x8), 1);
	CU_ASSERT_EQUAL(p.nr, 4);

	/* Full: a new object is refused, a known one still joins. */
	CU_ASSERT_EQUAL(hl_pending_add(&p, &fs, 0x1), -ENOSPC);
	CU_ASSERT_EQUAL(hl_pending_add(&p, &b, 0x20), 0);
	CU_ASSERT_EQUAL(p.nr, 4);

	CU_ASSERT_EQUAL(hl_pending_take(&p, &a, &mask), 0);
	CU_ASSERT_EQUAL(mask, 0x11);
	CU_ASSERT_EQUAL(p.nr, 3);
	CU_ASSERT_EQUAL(hl_pending_take(&p, &a, &mask), -ENOENT);
	CU_ASSERT_EQUAL(hl_pending_take(&p, &fs, &mask), -ENOENT);

	/* Room again; a report after the take queues a new repair. */
	CU_ASSERT_EQUAL(hl_pending_add(&p, &fs, 0x1), 1);
	CU_ASSERT_EQUAL(hl_pending_add(&p, &a, 0x40), -ENOSPC);
	CU_ASSERT_EQUAL(hl_pending_take(&p, &fs, &mask), 0);
	CU_ASSERT_EQUAL(mask, 0x1);
	CU_ASSERT_EQUAL(hl_pending_add(&p, &a, 0x40), 1);
	CU_ASSERT_EQUAL(hl_pending_take(&p, &a, &mask), 0);
	CU_ASSERT_EQUAL(mask, 0x40);

	CU_ASSERT_EQUAL(hl_pending_take(&p, &b, &mask), 0);
	CU_ASSERT_EQUAL(mask, 0x22);
	CU_ASSERT_EQUAL(hl_pending_take(&p, &i2, &mask), 0);
	CU_ASSERT_EQUAL(mask, 0x8);
	CU_ASSERT_EQUAL(hl_pending_take(&p, &i1, &mask), 0);
	CU_ASSERT_EQUAL(mask, 0x4);
	CU_ASSERT_EQUAL(p.nr, 0);

	/* A zero mask is still an object waiting. */
	CU_ASSERT_EQUAL(hl_pending_add(&p, &a, 0), 1);
	CU_ASSERT_EQUAL(hl_pending_take(&p, &a, &mask), 0);
	CU_ASSERT_EQUAL(mask, 0);

	CU_ASSERT_EQUAL(hl_pending_add(&p, NULL, 1), -EINVAL);
	CU_ASSERT_EQUAL(hl_pending_take(&p, &a, NULL), -EINVAL);
	hl_pending_free(&p);
}

/* A reference model: the same keys in a plain array. */
struct model {
	struct hl_pending_key key;
	uint32_t mask;
	bool used;
};

static bool
same_key(const struct hl_pending_key *a, const struct hl_pending_key *b)
{
	return a->domain == b->domain && a->group == b->group &&
	       a->ino == b->ino && a->gen == b->gen;
}

/* Keys from a small space, so that adds, merges and takes all happen. */
static struct hl_pending_key
random_key(unsigned int *seed)
{
	unsigned int r = rand_r(seed);
	struct hl_pending_key k = {.domain = 1 + r % 4};

	if (k.domain == XFS_HEALTH_MONITOR_DOMAIN_INODE) {
		k.ino = 128 + (r >> 4) % 300;
		k.gen = (r >> 12) % 2;
	} else if (k.domain != XFS_HEALTH_MONITOR_DOMAIN_FS) {
		k.group = (r >> 4) % 64;
	}
	return k;
}

static void
run_model(size_t max, unsigned int seed, int ops)
{
	struct model *m = calloc(1024, sizeof(*m));
	struct hl_pending p;
	size_t live = 0;

	CU_ASSERT_PTR_NOT_NULL_FATAL(m);
	CU_ASSERT_EQUAL_FATAL(hl_pending_init(&p, max), 0);
	for (int op = 0; op < ops; op++) {
		struct hl_pending_key k = random_key(&seed);
		uint32_t bit = 1u << (rand_r(&seed) % 32), got = 0;
		size_t i, slot = SIZE_MAX;

		for (i = 0; i < 1024; i++) {
			if (m[i].used && same_key(&m[i].key, &k))
				break;
			if (!m[i].used && slot == SIZE_MAX)
				slot = i;
		}
		if (rand_r(&seed) % 3) {
			int ret = hl_pending_add(&p, &k, bit);

			if (i < 1024) {
				CU_ASSERT_EQUAL(ret, 0);
				m[i].mask |= bit;
			} else if (live >= max) {
				CU_ASSERT_EQUAL(ret, -ENOSPC);
			} else {
				CU_ASSERT_EQUAL(ret, 1);
				m[slot] = (struct model){k, bit, true};
				live++;
			}
		} else if (i < 1024) {
			CU_ASSERT_EQUAL(hl_pending_take(&p, &k, &got), 0);
			CU_ASSERT_EQUAL(got, m[i].mask);
			m[i].used = false;
			live--;
		} else {
			CU_ASSERT_EQUAL(hl_pending_take(&p, &k, &got), -ENOENT);
		}
		CU_ASSERT_EQUAL(p.nr, live);
	}

	/* Everything left is still found, with its mask. */
	for (size_t i = 0; i < 1024; i++) {
		uint32_t got = 0;

		if (!m[i].used)
			continue;
		CU_ASSERT_EQUAL(hl_pending_take(&p, &m[i].key, &got), 0);
		CU_ASSERT_EQUAL(got, m[i].mask);
	}
	CU_ASSERT_EQUAL(p.nr, 0);
	hl_pending_free(&p);
	free(m);
}

/* A small table: long probe runs that wrap around, many removals. */
static void
test_model_small(void)
{
	for (unsigned int seed = 1; seed <= 20; seed++)
		run_model(3 + seed % 5, seed, 2000);
}

static void
test_model_large(void)
{
	run_model(500, 42, 50000);
	run_model(1000, 7, 50000);
}

/* Fill to the limit with colliding runs, take every other, refill. */
static void
test_fill_and_drain(void)
{
	const size_t max = 256;
	struct hl_pending p;
	uint32_t mask;

	CU_ASSERT_EQUAL_FATAL(hl_pending_init(&p, max), 0);
	for (uint32_t round = 0; round < 3; round++) {
		for (uint32_t g = 0; g < max; g++) {
			struct hl_pending_key k = ag_key(g);
			int ret = hl_pending_add(&p, &k, 1u << (g % 32));

			/* Odd ones survived the last round. */
			CU_ASSERT_EQUAL(ret, round && (g & 1) ? 0 : 1);
		}
		CU_ASSERT_EQUAL(p.nr, max);
		for (uint32_t g = 0; g < max; g += 2) {
			struct hl_pending_key k = ag_key(g);

			CU_ASSERT_EQUAL(hl_pending_take(&p, &k, &mask), 0);
			CU_ASSERT_EQUAL(mask, 1u << (g % 32));
		}
		CU_ASSERT_EQUAL(p.nr, max / 2);
	}
	for (uint32_t g = 1; g < max; g += 2) {
		struct hl_pending_key k = ag_key(g);

		CU_ASSERT_EQUAL(hl_pending_take(&p, &k, &mask), 0);
		CU_ASSERT_EQUAL(mask, 1u << (g % 32));
	}
	CU_ASSERT_EQUAL(p.nr, 0);
	hl_pending_free(&p);
}

static const struct unit_test tests[] = {
	{"init and free", test_init},
	{"key of an event", test_key_of},
	{"add, merge, take, limit", test_add_merge_take},
	{"against a model, small tables", test_model_small},
	{"against a model, large tables", test_model_large},
	{"fill and drain", test_fill_and_drain},
};

int
unit_register_pending(void)
{
	return UNIT_ADD_SUITE("pending repairs", tests);
}
