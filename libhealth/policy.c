// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * What the daemon does (reference F.1): heal, only log, or not run at all,
 * from its options and the filesystem's autofsck property; and what it does
 * with each event.
 */
#include <errno.h>
#include <string.h>

#include "internal.h"
#include "xfs_health_abi.h"

/* The property's values, as xfs_admin and xfs_scrub spell them. */
static const struct hl_name autofsck_values[] = {
	{HL_AUTOFSCK_NONE, "none"},
	{HL_AUTOFSCK_CHECK, "check"},
	{HL_AUTOFSCK_OPTIMIZE, "optimize"},
	{HL_AUTOFSCK_REPAIR, "repair"},
};
HL_NAME_TABLE(autofsck_table, "autofsck value", HL_TABLE_VALUES,
	      autofsck_values);

const struct hl_name_table *
hl_autofsck_names(void)
{
	return &autofsck_table;
}

int
hl_autofsck_parse(const void *value, size_t len, enum hl_autofsck *out)
{
	const char *s = value;

	if (!out)
		return -EINVAL;
	*out = HL_AUTOFSCK_UNSET;
	if (!s)
		return -EINVAL;
	/* Whoever set the xattr may have stored the terminating NUL too. */
	if (len && s[len - 1] == '\0')
		len--;
	for (size_t i = 0; i < autofsck_table.nr; i++) {
		const char *name = autofsck_values[i].name;

		if (strlen(name) == len && !memcmp(name, s, len)) {
			*out = autofsck_values[i].value;
			return 0;
		}
	}
	return -EINVAL;
}

/* Options first; then the property; then what the fs can make use of. */
void
hl_policy_decide(const struct hl_policy_input *in, struct hl_policy *out)
{
	if (in->opt_repair) {
		out->mode = HL_HEAL_REPAIR;
		out->reason = HL_POLICY_OPTION_REPAIR;
		return;
	}
	if (in->opt_no_autofsck) {
		out->mode = HL_HEAL_LOG;
		out->reason = HL_POLICY_OPTION_LOG;
		return;
	}
	switch (in->autofsck) {
	case HL_AUTOFSCK_REPAIR:
		out->mode = HL_HEAL_REPAIR;
		out->reason = HL_POLICY_AUTOFSCK_REPAIR;
		return;
	case HL_AUTOFSCK_CHECK:
	case HL_AUTOFSCK_OPTIMIZE:
		out->mode = HL_HEAL_LOG;
		out->reason = HL_POLICY_AUTOFSCK_LOG;
		return;
	case HL_AUTOFSCK_NONE:
		out->mode = HL_HEAL_OFF;
		out->reason = HL_POLICY_AUTOFSCK_NONE;
		return;
	case HL_AUTOFSCK_UNSET:
		break;
	}
	/* Without rmap or parent pointers the reports say too little. */
	if (in->has_rmapbt || in->has_parent) {
		out->mode = HL_HEAL_LOG;
		out->reason = HL_POLICY_DEFAULT_LOG;
	} else {
		out->mode = HL_HEAL_OFF;
		out->reason = HL_POLICY_DEFAULT_NONE;
	}
}

/*
 * Only SICK is repaired: the kernel found it at runtime.  CORRUPT comes from
 * a scrub, which repairs what it finds itself.  The health domains are the
 * ones with a mask.
 */
void
hl_event_action(const struct hl_event *ev, const struct hl_event_setting *how,
		struct hl_event_action *act)
{
	bool mount = hl_domain_is(ev->domain, HL_DOMAIN_MOUNT);

	/* News about the monitor itself, which --quiet never hides. */
	act->log = !how->quiet || hl_event_type_is(ev->type, HL_DOMAIN_MOUNT);
	act->full_repair = how->repairing && !how->everything && mount &&
			   ev->type == XFS_HEALTH_MONITOR_TYPE_LOST;
	act->spot_repair = how->repairing &&
			   ev->type == XFS_HEALTH_MONITOR_TYPE_SICK &&
			   hl_domain_is(ev->domain, HL_DOMAIN_HEALTH);
	act->last = mount && ev->type == XFS_HEALTH_MONITOR_TYPE_UNMOUNT;
}

/*
 * A compare-and-swap, not a load then a store: two threads that both saw
 * the gate open would both pass.  A claim made with a later clock reading
 * than ours (threads read the clock before racing) also closes it.
 */
bool
hl_holdoff_claim(atomic_uint_fast64_t *last, uint64_t now, uint64_t holdoff)
{
	uint_fast64_t seen = atomic_load(last);

	do {
		if (seen && (now < seen || now - seen < holdoff))
			return false;
	} while (!atomic_compare_exchange_weak(last, &seen, now));
	return true;
}
