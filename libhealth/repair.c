// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Spot repairs for a sick event (reference F.1): the scrub types that
 * repair the bits of its health mask (objects.c), the order they run in,
 * and what the scrub result flags say about the repair (reference E.4).
 */
#include <errno.h>
#include <string.h>

#include "internal.h"
#include "xfs_health_abi.h"

const struct hl_scrub_type *
hl_repair_type_for_bit(uint32_t domain, uint32_t bit)
{
	const struct hl_object_desc *obj;

	if (!hl_domain_is(domain, HL_DOMAIN_HEALTH))
		return NULL;
	obj = hl_object_of(hl_domain_of(domain)->object);
	for (size_t i = 0; i < obj->nr_repairs; i++)
		if (obj->repairs[i].bit == bit)
			return hl_scrub_type_by_value(
				obj->repairs[i].scrub_type);
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
