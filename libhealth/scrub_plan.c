// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The plan of a whole-filesystem scrub: which vectored calls, in which order,
 * with barriers where later checks depend on earlier ones.  Built from the
 * catalogue's groups, so a type added there is checked without changes here.
 */
#include <errno.h>
#include <stdlib.h>

#include "internal.h"
#include "xfs_health_abi.h"

/* A corrupt header makes the btrees it points to not worth walking. */
#define BARRIER_STOPS_ON XFS_SCRUB_OFLAG_CORRUPT

struct builder {
	struct hl_scrub_plan *plan;
	size_t cap_calls, cap_vecs;
	bool open; /* the last call still takes vectors */
	int error;
};

static bool
grow(void **array, size_t *cap, size_t need, size_t size)
{
	size_t cap2 = *cap ? *cap : 16;
	void *p;

	if (need <= *cap)
		return true;
	while (cap2 < need)
		cap2 *= 2;
	p = realloc(*array, cap2 * size);
	if (!p)
		return false;
	*array = p;
	*cap = cap2;
	return true;
}

static struct hl_scrub_call *
current_call(struct builder *b)
{
	return b->open ? &b->plan->calls[b->plan->nr_calls - 1] : NULL;
}

static void
begin_call(struct builder *b, uint32_t agno, uint64_t ino)
{
	struct hl_scrub_plan *p = b->plan;

	if (b->error)
		return;
	if (!grow((void **)&p->calls, &b->cap_calls, p->nr_calls + 1,
		  sizeof(*p->calls))) {
		b->error = -ENOMEM;
		return;
	}
	p->calls[p->nr_calls++] = (struct hl_scrub_call){
		.agno = agno,
		.ino = ino,
		.first = p->nr_vecs,
	};
	b->open = true;
}

static void
add_vec(struct builder *b, uint32_t type, uint32_t flags)
{
	struct hl_scrub_plan *p = b->plan;
	struct hl_scrub_call *call = current_call(b);

	if (b->error || !call)
		return;
	if (!grow((void **)&p->vecs, &b->cap_vecs, p->nr_vecs + 1,
		  sizeof(*p->vecs))) {
		b->error = -ENOMEM;
		return;
	}
	p->vecs[p->nr_vecs++] = (struct hl_scrub_vec){
		.type = type,
		.flags = flags,
	};
	call->nr++;
}

/* A barrier only between checks: never first, never twice in a row. */
static void
add_barrier(struct builder *b)
{
	struct hl_scrub_call *call = current_call(b);

	if (b->error || !call || !call->nr ||
	    b->plan->vecs[b->plan->nr_vecs - 1].type == XFS_SCRUB_TYPE_BARRIER)
		return;
	add_vec(b, XFS_SCRUB_TYPE_BARRIER, BARRIER_STOPS_ON);
}

/* Drop a trailing barrier, and the call itself if it has no checks. */
static void
end_call(struct builder *b)
{
	struct hl_scrub_plan *p = b->plan;
	struct hl_scrub_call *call = current_call(b);

	if (b->error || !call)
		return;
	if (call->nr && p->vecs[call->first + call->nr - 1].type ==
				XFS_SCRUB_TYPE_BARRIER) {
		call->nr--;
		p->nr_vecs--;
	}
	if (!call->nr)
		p->nr_calls--;
	b->open = false;
}

/* Members of @group, optionally only those of class @sclass (-1: all). */
static void
add_group(struct builder *b, enum hl_scrub_group group, int sclass,
	  uint32_t flags)
{
	const struct hl_scrub_type *t = NULL;

	while ((t = hl_scrub_group_next(group, t)) != NULL)
		if (sclass < 0 || (int)t->sclass == sclass)
			add_vec(b, t->type, flags);
}

/* The groups one after another, a barrier between each two. */
static void
add_groups(struct builder *b, const enum hl_scrub_group *groups, size_t nr,
	   uint32_t flags)
{
	for (size_t i = 0; i < nr; i++) {
		add_barrier(b);
		add_group(b, groups[i], -1, flags);
	}
}

/* One call per metadata directory path: the path id is the call's inode. */
static void
add_metapaths(struct builder *b, bool per_group, uint32_t rgno, uint32_t flags)
{
	const struct hl_name_table *paths = hl_metapath_names();
	const struct hl_scrub_type *t = NULL;

	while ((t = hl_scrub_group_next(HL_SCRUB_GROUP_NONE, t)) != NULL) {
		if (t->sclass != HL_SCRUB_CLASS_GENERIC)
			continue;
		for (size_t i = 0; i < paths->nr; i++) {
			uint64_t id = paths->names[i].value;

			if (hl_metapath_needs_group(id) != per_group)
				continue;
			begin_call(b, per_group ? rgno : 0, id);
			add_vec(b, t->type, flags);
			end_call(b);
		}
	}
}

static const enum hl_scrub_group ag_groups[] = {
	HL_SCRUB_GROUP_AGHEADER,
	HL_SCRUB_GROUP_AG,
};

static const enum hl_scrub_group rt_groups[] = {
	HL_SCRUB_GROUP_RTGROUP,
};

/* The quota counts need sound quota files. */
static const enum hl_scrub_group fs_groups[] = {
	HL_SCRUB_GROUP_FS,
	HL_SCRUB_GROUP_ISCAN,
};

/* Sums of everything else: checked after it, whatever it found. */
static const enum hl_scrub_group summary_groups[] = {
	HL_SCRUB_GROUP_SUMMARY,
};

int
hl_scrub_plan_fs(struct hl_scrub_plan *plan, const struct hl_scrub_fs_shape *fs,
		 uint32_t iflags)
{
	struct builder b = {.plan = plan};
	/* Before rtgroups, the rt metadata answer to group 0. */
	uint32_t rgcount = fs->rgcount ? fs->rgcount : 1;

	*plan = (struct hl_scrub_plan){0};

	/* The probe says whether anything else can work. */
	begin_call(&b, 0, 0);
	add_group(&b, HL_SCRUB_GROUP_PROBE, HL_SCRUB_CLASS_NONE,
		  iflags & XFS_SCRUB_IFLAG_REPAIR);
	end_call(&b);

	for (uint32_t agno = 0; agno < fs->agcount; agno++) {
		begin_call(&b, agno, 0);
		add_groups(&b, ag_groups, ARRAY_SIZE(ag_groups), iflags);
		end_call(&b);
	}

	if (fs->metadir)
		add_metapaths(&b, false, 0, iflags);

	for (uint32_t rgno = 0; rgno < rgcount; rgno++) {
		if (fs->metadir && fs->rgcount)
			add_metapaths(&b, true, rgno, iflags);
		begin_call(&b, rgno, 0);
		add_groups(&b, rt_groups, ARRAY_SIZE(rt_groups), iflags);
		end_call(&b);
	}

	begin_call(&b, 0, 0);
	add_groups(&b, fs_groups, ARRAY_SIZE(fs_groups), iflags);
	end_call(&b);

	begin_call(&b, 0, 0);
	add_groups(&b, summary_groups, ARRAY_SIZE(summary_groups), iflags);
	end_call(&b);

	/*
	 * The retained health records are only worth judging once everything
	 * else has been checked (and repaired), and found sound; a clean
	 * verdict lets the kernel forget old second-hand reports.  They
	 * cannot be repaired.
	 */
	begin_call(&b, 0, 0);
	add_group(&b, HL_SCRUB_GROUP_PROBE, HL_SCRUB_CLASS_FS, 0);
	if (current_call(&b))
		current_call(&b)->if_clean = true;
	end_call(&b);

	if (b.error) {
		hl_scrub_plan_free(plan);
		return b.error;
	}
	return 0;
}

void
hl_scrub_plan_free(struct hl_scrub_plan *plan)
{
	if (!plan)
		return;
	free(plan->calls);
	free(plan->vecs);
	*plan = (struct hl_scrub_plan){0};
}

/* The kernel's rule: these errors do not count against a barrier. */
static bool
benign(int ret)
{
	return ret == 0 || ret == -EBUSY || ret == -ENOENT || ret == -EUSERS;
}

bool
hl_scrub_barrier_passes(const struct hl_scrub_vec *vecs, size_t i)
{
	uint32_t stop = vecs[i].flags & XFS_SCRUB_FLAGS_OUT;

	for (size_t j = 0; j < i; j++) {
		if (vecs[j].type == XFS_SCRUB_TYPE_BARRIER)
			continue;
		if (!benign(vecs[j].ret) || (vecs[j].flags & stop))
			return false;
	}
	return true;
}

bool
hl_scrub_error_ends_run(int err)
{
	switch (err) {
	case ENOTTY:	      /* no online scrub in this kernel */
	case EPERM:	      /* not privileged */
	case EROFS:	      /* repair on a read-only mount */
	case ESHUTDOWN:	      /* the filesystem went down */
	case ENOTRECOVERABLE: /* mounted norecovery */
	case EINTR:	      /* a fatal signal */
		return true;
	default:
		return false;
	}
}
