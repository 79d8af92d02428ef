// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The kernel's health state, object by object: the filesystem's masks and
 * each AG's and realtime group's from the geometry calls, then each
 * inode's from bulkstat.  The daemon heals from this what no event told it
 * (sick before it started, events lost); `health` prints the same masks.
 */
#include <errno.h>

#include "internal.h"
#include "xfs_health_abi.h"

int
hl_health_walk_inodes(int fd, uint32_t agno, hl_health_fn fn, void *arg)
{
	struct hl_inode_walk *w;
	struct hl_scrub_inode in;
	/* Not the metadata directory's: their health is the filesystem's
	 * and the groups'. */
	int ret = hl_inode_walk_new(&w, fd, agno, false);

	if (ret)
		return ret;
	while ((ret = hl_inode_walk_next(w, &in)) == 1) {
		ret = fn(&(struct hl_health_report){
				 .object = HL_OBJECT_INODE,
				 .ino = in.ino,
				 .gen = in.gen,
				 .sick = in.sick,
				 .checked = in.checked,
			 },
			 arg);
		if (ret)
			break;
	}
	hl_inode_walk_free(w);
	return ret;
}

int
hl_group_health(int fd, enum hl_object object, uint32_t group,
		struct hl_health_report *h)
{
	struct xfs_ag_geometry ag;
	struct xfs_rtgroup_geometry rg;
	int ret;

	*h = (struct hl_health_report){.object = object, .group = group};
	switch (object) {
	case HL_OBJECT_AG:
		ret = hl_ag_geometry(fd, group, &ag);
		h->sick = ag.ag_sick;
		h->checked = ag.ag_checked;
		return ret;
	case HL_OBJECT_RTGROUP:
		ret = hl_rtgroup_geometry(fd, group, &rg);
		h->sick = rg.rg_sick;
		h->checked = rg.rg_checked;
		return ret;
	default:
		return -EINVAL;
	}
}

int
hl_health_walk(int fd, const struct xfs_fsop_geom *geo, hl_health_fn fn,
	       void *arg)
{
	const struct {
		enum hl_object object;
		uint32_t count;
	} groups[] = {
		{HL_OBJECT_AG, geo->agcount},
		{HL_OBJECT_RTGROUP, hl_geom_rgcount(geo)},
	};
	int ret = fn(&(struct hl_health_report){
			     .object = HL_OBJECT_FS,
			     .sick = geo->sick,
			     .checked = geo->checked,
		     },
		     arg);

	for (size_t k = 0; k < ARRAY_SIZE(groups) && !ret; k++) {
		for (uint32_t g = 0; g < groups[k].count && !ret; g++) {
			struct hl_health_report h;

			ret = hl_group_health(fd, groups[k].object, g, &h);
			if (!ret)
				ret = fn(&h, arg);
		}
	}
	return ret;
}

int
hl_health_sick_event(const struct hl_health_report *h, uint64_t time_ns,
		     struct hl_event *ev)
{
	for (size_t d = 0; d < hl_domain_table_nr; d++) {
		const struct hl_domain *dom = &hl_domain_table[d];

		if (dom->kind != HL_DOMAIN_HEALTH || dom->object != h->object)
			continue;
		*ev = (struct hl_event){
			.domain = dom->value,
			.type = XFS_HEALTH_MONITOR_TYPE_SICK,
			.time_ns = time_ns,
			.payload = hl_event_payload(dom->value,
						    XFS_HEALTH_MONITOR_TYPE_SICK),
			.mask = h->sick,
			.group = h->group,
			.ino = h->ino,
			.gen = h->gen,
		};
		return 0;
	}
	return -EINVAL;
}
