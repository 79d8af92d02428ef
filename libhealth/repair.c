// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Spot repairs for a sick event (reference F.1): which scrub type repairs
 * each bit of the health mask, the order they run in, and what the scrub
 * result flags say about the repair afterwards (reference E.4).
 */
#include <errno.h>
#include <string.h>

#include "internal.h"
#include "xfs_health_abi.h"

/* A health mask bit and the scrub type whose repair mends it. */
struct repair_map {
	uint32_t bit;
	uint32_t type;
};

/* METADIR and METAPATH have no spot repair: the whole fs must be checked. */
static const struct repair_map fs_map[] = {
	{XFS_FSOP_GEOM_SICK_COUNTERS, XFS_SCRUB_TYPE_FSCOUNTERS},
	{XFS_FSOP_GEOM_SICK_UQUOTA, XFS_SCRUB_TYPE_UQUOTA},
	{XFS_FSOP_GEOM_SICK_GQUOTA, XFS_SCRUB_TYPE_GQUOTA},
	{XFS_FSOP_GEOM_SICK_PQUOTA, XFS_SCRUB_TYPE_PQUOTA},
	{XFS_FSOP_GEOM_SICK_RT_BITMAP, XFS_SCRUB_TYPE_RTBITMAP},
	{XFS_FSOP_GEOM_SICK_RT_SUMMARY, XFS_SCRUB_TYPE_RTSUM},
	{XFS_FSOP_GEOM_SICK_QUOTACHECK, XFS_SCRUB_TYPE_QUOTACHECK},
	{XFS_FSOP_GEOM_SICK_NLINKS, XFS_SCRUB_TYPE_NLINKS},
};

/* INODES only says bad inodes were seen somewhere in the AG. */
static const struct repair_map ag_map[] = {
	{XFS_AG_GEOM_SICK_SB, XFS_SCRUB_TYPE_SB},
	{XFS_AG_GEOM_SICK_AGF, XFS_SCRUB_TYPE_AGF},
	{XFS_AG_GEOM_SICK_AGFL, XFS_SCRUB_TYPE_AGFL},
	{XFS_AG_GEOM_SICK_AGI, XFS_SCRUB_TYPE_AGI},
	{XFS_AG_GEOM_SICK_BNOBT, XFS_SCRUB_TYPE_BNOBT},
	{XFS_AG_GEOM_SICK_CNTBT, XFS_SCRUB_TYPE_CNTBT},
	{XFS_AG_GEOM_SICK_INOBT, XFS_SCRUB_TYPE_INOBT},
	{XFS_AG_GEOM_SICK_FINOBT, XFS_SCRUB_TYPE_FINOBT},
	{XFS_AG_GEOM_SICK_RMAPBT, XFS_SCRUB_TYPE_RMAPBT},
	{XFS_AG_GEOM_SICK_REFCNTBT, XFS_SCRUB_TYPE_REFCNTBT},
};

static const struct repair_map rtgroup_map[] = {
	{XFS_RTGROUP_GEOM_SICK_SUPER, XFS_SCRUB_TYPE_RGSUPER},
	{XFS_RTGROUP_GEOM_SICK_BITMAP, XFS_SCRUB_TYPE_RTBITMAP},
	{XFS_RTGROUP_GEOM_SICK_SUMMARY, XFS_SCRUB_TYPE_RTSUM},
	{XFS_RTGROUP_GEOM_SICK_RMAPBT, XFS_SCRUB_TYPE_RTRMAPBT},
	{XFS_RTGROUP_GEOM_SICK_REFCNTBT, XFS_SCRUB_TYPE_RTREFCBT},
};

static const struct repair_map inode_map[] = {
	{XFS_BS_SICK_INODE, XFS_SCRUB_TYPE_INODE},
	{XFS_BS_SICK_BMBTD, XFS_SCRUB_TYPE_BMBTD},
	{XFS_BS_SICK_BMBTA, XFS_SCRUB_TYPE_BMBTA},
	{XFS_BS_SICK_BMBTC, XFS_SCRUB_TYPE_BMBTC},
	{XFS_BS_SICK_DIR, XFS_SCRUB_TYPE_DIR},
	{XFS_BS_SICK_XATTR, XFS_SCRUB_TYPE_XATTR},
	{XFS_BS_SICK_SYMLINK, XFS_SCRUB_TYPE_SYMLINK},
	{XFS_BS_SICK_PARENT, XFS_SCRUB_TYPE_PARENT},
	{XFS_BS_SICK_DIRTREE, XFS_SCRUB_TYPE_DIRTREE},
};

static const struct repair_map *
domain_map(uint32_t domain, size_t *nr)
{
	switch (domain) {
	case XFS_HEALTH_MONITOR_DOMAIN_FS:
		*nr = ARRAY_SIZE(fs_map);
		return fs_map;
	case XFS_HEALTH_MONITOR_DOMAIN_AG:
		*nr = ARRAY_SIZE(ag_map);
		return ag_map;
	case XFS_HEALTH_MONITOR_DOMAIN_RTGROUP:
		*nr = ARRAY_SIZE(rtgroup_map);
		return rtgroup_map;
	case XFS_HEALTH_MONITOR_DOMAIN_INODE:
		*nr = ARRAY_SIZE(inode_map);
		return inode_map;
	}
	*nr = 0;
	return NULL;
}

const struct hl_scrub_type *
hl_repair_type_for_bit(uint32_t domain, uint32_t bit)
{
	size_t nr;
	const struct repair_map *map = domain_map(domain, &nr);

	for (size_t i = 0; i < nr; i++)
		if (map[i].bit == bit)
			return hl_scrub_type_by_value(map[i].type);
	return NULL;
}

/* Note one bit: a step if it has a spot repair, else an unmapped bit. */
static void
plan_bit(uint32_t domain, uint32_t bit, struct hl_repair_step *steps,
	 size_t max, size_t *n, uint32_t *unmapped)
{
	const struct hl_scrub_type *type = hl_repair_type_for_bit(domain, bit);

	if (!type) {
		*unmapped |= bit;
		return;
	}
	if (steps && *n < max) {
		steps[*n].bit = bit;
		steps[*n].type = type;
	}
	(*n)++;
}

int
hl_repair_plan(uint32_t domain, uint32_t mask, struct hl_repair_step *steps,
	       size_t max, uint32_t *unmapped)
{
	const struct hl_name_table *t = hl_domain_mask_names(domain);
	uint32_t rest = mask, none = 0;
	size_t n = 0;

	if (!unmapped)
		unmapped = &none;
	*unmapped = 0;
	if (!t)
		return -EINVAL;

	/* The order xfs_healer repairs in: its table's, i.e. the names'. */
	for (size_t i = 0; i < t->nr; i++) {
		uint32_t bit = t->names[i].value;

		if (!(rest & bit))
			continue;
		rest &= ~bit;
		plan_bit(domain, bit, steps, max, &n, unmapped);
	}
	for (uint32_t bit = 1; rest; bit <<= 1) {
		if (!(rest & bit))
			continue;
		rest &= ~bit;
		plan_bit(domain, bit, steps, max, &n, unmapped);
	}
	return (int)n;
}

void
hl_repair_request(const struct hl_event *ev, const struct hl_repair_step *step,
		  struct hl_scrub_request *req)
{
	struct hl_pending_key obj;

	/* An event's key holds just the numbers that name its object. */
	hl_pending_key_of(ev, &obj);
	memset(req, 0, sizeof(*req));
	req->type = step->type;
	req->agno = obj.group;
	req->ino = obj.ino;
	req->gen = obj.gen;
}

/* Tested in xfs_healer's order: the first that matches decides. */
enum hl_repair_outcome
hl_repair_judge(int error, uint32_t oflags)
{
	if (error ||
	    (oflags & (XFS_SCRUB_OFLAG_CORRUPT | XFS_SCRUB_OFLAG_INCOMPLETE)))
		return HL_REPAIR_FAILED;
	if (oflags & (XFS_SCRUB_OFLAG_XFAIL | XFS_SCRUB_OFLAG_XCORRUPT))
		return HL_REPAIR_PROBABLY_OK;
	if (oflags & XFS_SCRUB_OFLAG_NO_REPAIR_NEEDED)
		return HL_REPAIR_UNNECESSARY;
	return HL_REPAIR_SUCCESS;
}

static const struct hl_name outcome_words[] = {
	{HL_REPAIR_FAILED, "failed"},
	{HL_REPAIR_PROBABLY_OK, "probably_ok"},
	{HL_REPAIR_UNNECESSARY, "unnecessary"},
	{HL_REPAIR_SUCCESS, "success"},
};
HL_NAME_TABLE(outcome_word_table, "repair outcome", HL_TABLE_VALUES,
	      outcome_words);

/* xfs_healer's sentences, which scripts may grep for. */
static const struct hl_name outcome_texts[] = {
	{HL_REPAIR_FAILED, "Repair unsuccessful; offline repair required."},
	{HL_REPAIR_PROBABLY_OK, "Seems correct but cross-referencing failed; "
				"offline repair recommended."},
	{HL_REPAIR_UNNECESSARY, "No modification needed."},
	{HL_REPAIR_SUCCESS, "Repairs successful."},
};
HL_NAME_TABLE(outcome_text_table, "repair outcome text", HL_TABLE_VALUES,
	      outcome_texts);

_Static_assert(ARRAY_SIZE(outcome_words) == HL_REPAIR_NR_OUTCOMES,
	       "every repair outcome has a word");
_Static_assert(ARRAY_SIZE(outcome_texts) == HL_REPAIR_NR_OUTCOMES,
	       "every repair outcome has a sentence");

const struct hl_name_table *
hl_repair_outcome_names(void)
{
	return &outcome_word_table;
}

const struct hl_name_table *
hl_repair_outcome_texts(void)
{
	return &outcome_text_table;
}
