// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * What a scrub result means: xfs_io's sentence for each result flag (its
 * scrub and repair commands word them differently), and one outcome word
 * per object for summaries, JSON and exit statuses.
 */
#include <errno.h>

#include "internal.h"
#include "xfs_health_abi.h"

/* xfs_io 7.2 scrub: WARNING and NO_REPAIR_NEEDED print nothing. */
static const struct hl_name check_sentences[] = {
	{XFS_SCRUB_OFLAG_CORRUPT, "Corruption detected."},
	{XFS_SCRUB_OFLAG_PREEN, "Optimization possible."},
	{XFS_SCRUB_OFLAG_XFAIL, "Cross-referencing failed."},
	{XFS_SCRUB_OFLAG_XCORRUPT,
	 "Corruption detected during cross-referencing."},
	{XFS_SCRUB_OFLAG_INCOMPLETE, "Scan was not complete."},
};
HL_NAME_TABLE(check_table, "scrub result", HL_TABLE_BITS, check_sentences);

/* xfs_io 7.2 repair: the flags describe what is left after the repair. */
static const struct hl_name repair_sentences[] = {
	{XFS_SCRUB_OFLAG_CORRUPT, "Corruption remains."},
	{XFS_SCRUB_OFLAG_PREEN, "Optimization possible."},
	{XFS_SCRUB_OFLAG_XFAIL, "Cross-referencing failed."},
	{XFS_SCRUB_OFLAG_XCORRUPT,
	 "Corruption still detected during cross-referencing."},
	{XFS_SCRUB_OFLAG_INCOMPLETE, "Repair was not complete."},
	{XFS_SCRUB_OFLAG_NO_REPAIR_NEEDED,
	 "Metadata did not need repair or optimization."},
};
HL_NAME_TABLE(repair_table, "repair result", HL_TABLE_BITS, repair_sentences);

static const struct hl_name outcomes[] = {
	{HL_SCRUB_OK, "ok"},
	{HL_SCRUB_PREEN, "preen"},
	{HL_SCRUB_XFAIL, "xfail"},
	{HL_SCRUB_REPAIRED, "repaired"},
	{HL_SCRUB_INCOMPLETE, "incomplete"},
	{HL_SCRUB_CORRUPT, "corrupt"},
	{HL_SCRUB_ERROR, "error"},
	{HL_SCRUB_ABSENT, "absent"},
	{HL_SCRUB_SKIPPED, "skipped"},
};
HL_NAME_TABLE(outcome_table, "scrub outcome", HL_TABLE_VALUES, outcomes);

_Static_assert(ARRAY_SIZE(outcomes) == HL_SCRUB_NR_OUTCOMES,
	       "every outcome has a name");

const struct hl_name_table *
hl_scrub_sentence_table(enum hl_scrub_mode mode)
{
	return mode == HL_SCRUB_REPAIR ? &repair_table : &check_table;
}

size_t
hl_scrub_sentences(enum hl_scrub_mode mode, uint32_t flags, const char **out,
		   size_t max)
{
	const struct hl_name_table *t = hl_scrub_sentence_table(mode);
	size_t n = 0;

	for (size_t i = 0; i < t->nr; i++) {
		if (!(flags & t->names[i].value))
			continue;
		if (out && n < max)
			out[n] = t->names[i].name;
		n++;
	}
	return n;
}

const struct hl_name_table *
hl_scrub_outcome_names(void)
{
	return &outcome_table;
}

/*
 * The worst news wins.  After a repair the flags describe the object as it
 * is now; the kernel says NO_REPAIR_NEEDED when it left it alone, so its
 * absence means something was rewritten.
 */
enum hl_scrub_outcome
hl_scrub_judge(enum hl_scrub_mode mode, uint32_t flags)
{
	if (flags & (XFS_SCRUB_OFLAG_CORRUPT | XFS_SCRUB_OFLAG_XCORRUPT))
		return HL_SCRUB_CORRUPT;
	if (flags & XFS_SCRUB_OFLAG_INCOMPLETE)
		return HL_SCRUB_INCOMPLETE;
	if (mode == HL_SCRUB_REPAIR &&
	    !(flags & XFS_SCRUB_OFLAG_NO_REPAIR_NEEDED))
		return HL_SCRUB_REPAIRED;
	if (flags & XFS_SCRUB_OFLAG_XFAIL)
		return HL_SCRUB_XFAIL;
	if (flags & XFS_SCRUB_OFLAG_PREEN)
		return HL_SCRUB_PREEN;
	return HL_SCRUB_OK;
}

bool
hl_scrub_outcome_is_problem(enum hl_scrub_outcome outcome)
{
	return outcome == HL_SCRUB_CORRUPT || outcome == HL_SCRUB_INCOMPLETE;
}

static bool
still_bad(enum hl_scrub_outcome outcome)
{
	return outcome == HL_SCRUB_CORRUPT || outcome == HL_SCRUB_INCOMPLETE ||
	       outcome == HL_SCRUB_SKIPPED || outcome == HL_SCRUB_ERROR;
}

bool
hl_scrub_needs_retry(const struct hl_scrub_result *res)
{
	if (res->mode != HL_SCRUB_REPAIR || res->retried ||
	    !still_bad(res->outcome))
		return false;
	/* Not after a shutdown; not what does not exist. */
	return res->outcome != HL_SCRUB_ERROR ||
	       (res->error != ENOENT && !hl_scrub_error_ends_run(res->error));
}

bool
hl_scrub_offline_required(const struct hl_scrub_result *res)
{
	return res->mode == HL_SCRUB_REPAIR && res->retried &&
	       still_bad(res->outcome);
}
