// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Objects waiting for a spot repair, so that a storm of reports about one
 * object queues one repair.  A hash table with linear probing; a removal
 * shifts the entries after it back, so there are no tombstones to pile up
 * under a long run of adds and takes.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "xfs_health_abi.h"

struct hl_pending_slot {
	struct hl_pending_key key;
	uint32_t mask;
	bool used;
};

static size_t
home(const struct hl_pending *p, const struct hl_pending_key *key)
{
	uint64_t h = hl_hash_mix(key->ino);

	h = hl_hash_mix(h ^ ((uint64_t)key->domain << 32 | key->group));
	h = hl_hash_mix(h ^ key->gen);
	return h & (p->nr_slots - 1);
}

/* Field by field: the struct has padding. */
static bool
key_equal(const struct hl_pending_key *a, const struct hl_pending_key *b)
{
	return a->domain == b->domain && a->group == b->group &&
	       a->ino == b->ino && a->gen == b->gen;
}

/* The key's slot, or the empty slot where it would go. */
static size_t
find(const struct hl_pending *p, const struct hl_pending_key *key)
{
	size_t mask = p->nr_slots - 1;
	size_t i = home(p, key);

	/* At most half the slots are used, so an empty one always comes. */
	while (p->slots[i].used && !key_equal(&p->slots[i].key, key))
		i = (i + 1) & mask;
	return i;
}

int
hl_pending_init(struct hl_pending *p, size_t max)
{
	size_t slots = 1;

	if (!p)
		return -EINVAL;
	memset(p, 0, sizeof(*p));
	if (!max || max > SIZE_MAX / 4 / sizeof(struct hl_pending_slot))
		return -EINVAL;
	while (slots < 2 * max)
		slots <<= 1;
	p->slots = calloc(slots, sizeof(*p->slots));
	if (!p->slots)
		return -ENOMEM;
	p->nr_slots = slots;
	p->max = max;
	return 0;
}

void
hl_pending_free(struct hl_pending *p)
{
	if (!p)
		return;
	free(p->slots);
	memset(p, 0, sizeof(*p));
}

void
hl_pending_key_of(const struct hl_event *ev, struct hl_pending_key *key)
{
	const struct hl_object_desc *obj = hl_object_of(hl_event_object(ev));

	memset(key, 0, sizeof(*key));
	key->domain = ev->domain;
	/* Repairs queue for health events only: others are one key each. */
	if (!hl_domain_is(ev->domain, HL_DOMAIN_HEALTH))
		return;
	if (obj->group_key)
		key->group = ev->group;
	if (obj->has_inode) {
		key->ino = ev->ino;
		key->gen = ev->gen;
	}
}

int
hl_pending_add(struct hl_pending *p, const struct hl_pending_key *key,
	       uint32_t mask)
{
	size_t i;

	if (!p || !p->slots || !key)
		return -EINVAL;
	i = find(p, key);
	if (p->slots[i].used) {
		p->slots[i].mask |= mask;
		return 0;
	}
	if (p->nr >= p->max)
		return -ENOSPC;
	p->slots[i].key = *key;
	p->slots[i].mask = mask;
	p->slots[i].used = true;
	p->nr++;
	return 1;
}

/*
 * Empty slot @i.  Each entry after it in the same run moves back into the
 * hole unless that would put it before its home slot, so that every entry
 * stays reachable from its home without a gap.
 */
static void
remove_slot(struct hl_pending *p, size_t i)
{
	size_t mask = p->nr_slots - 1;
	size_t j = i;

	for (;;) {
		size_t k;

		j = (j + 1) & mask;
		if (!p->slots[j].used)
			break;
		k = home(p, &p->slots[j].key);
		/* Leave it if its home lies cyclically in (i, j]. */
		if (((j - k) & mask) < ((j - i) & mask))
			continue;
		p->slots[i] = p->slots[j];
		i = j;
	}
	memset(&p->slots[i], 0, sizeof(p->slots[i]));
	p->nr--;
}

int
hl_pending_take(struct hl_pending *p, const struct hl_pending_key *key,
		uint32_t *mask)
{
	size_t i;

	if (!p || !p->slots || !key || !mask)
		return -EINVAL;
	i = find(p, key);
	if (!p->slots[i].used)
		return -ENOENT;
	*mask = p->slots[i].mask;
	remove_slot(p, i);
	return 0;
}
