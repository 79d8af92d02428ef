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

/* Every AG's inodes; an AG that cannot be listed does not stop the rest. */
static int
walk_inodes(int fd, uint32_t agcount, hl_health_fn fn, void *arg)
{
	int first = 0;

	for (uint32_t agno = 0; agno < agcount; agno++) {
		int ret = hl_health_walk_inodes(fd, agno, fn, arg);

		if (ret > 0 || ret == -ECANCELED)
			return ret; /* @fn's */
		if (ret && !first)
			first = ret;
	}
	return first;
}

int
hl_health_walk(int fd, unsigned int flags, hl_health_fn fn, void *arg)
{
	struct xfs_fsop_geom geo = {0};
	uint32_t rgcount;
	int ret = hl_fs_geometry(fd, &geo);

	if (ret)
		return ret;
	ret = fn(&(struct hl_health_report){
			 .object = HL_OBJECT_FS,
			 .sick = geo.sick,
			 .checked = geo.checked,
		 },
		 arg);
	for (uint32_t agno = 0; agno < geo.agcount && !ret; agno++) {
		struct xfs_ag_geometry ag;

		ret = hl_ag_geometry(fd, agno, &ag);
		if (!ret)
			ret = fn(&(struct hl_health_report){
					 .object = HL_OBJECT_AG,
					 .group = agno,
					 .sick = ag.ag_sick,
					 .checked = ag.ag_checked,
				 },
				 arg);
	}
	rgcount = hl_geom_rgcount(&geo);
	for (uint32_t rgno = 0; rgno < rgcount && !ret; rgno++) {
		struct xfs_rtgroup_geometry rg;

		ret = hl_rtgroup_geometry(fd, rgno, &rg);
		if (!ret)
			ret = fn(&(struct hl_health_report){
					 .object = HL_OBJECT_RTGROUP,
					 .group = rgno,
					 .sick = rg.rg_sick,
					 .checked = rg.rg_checked,
				 },
				 arg);
	}
	if (!ret && (flags & HL_HEALTH_WALK_INODES))
		ret = walk_inodes(fd, geo.agcount, fn, arg);
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
