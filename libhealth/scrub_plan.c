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

struct builder {
	struct hl_scrub_plan *plan;
	size_t cap_calls, cap_vecs;
	enum hl_scrub_phase phase; /* of the calls begun from now on */
	uint32_t barrier_stops_on; /* hl_scrub_barrier_flags */
	bool open;		   /* the last call still takes vectors */
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
begin_kind(struct builder *b, enum hl_scrub_call_kind kind, uint32_t agno,
	   uint64_t ino)
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
		.phase = b->phase,
		.kind = kind,
		.agno = agno,
		.ino = ino,
		.first = p->nr_vecs,
	};
	b->open = kind == HL_SCRUB_CALL_VECS;
}

static void
begin_call(struct builder *b, uint32_t agno, uint64_t ino)
{
	begin_kind(b, HL_SCRUB_CALL_VECS, agno, ino);
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
	add_vec(b, XFS_SCRUB_TYPE_BARRIER, b->barrier_stops_on);
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
static const enum hl_scrub_group count_groups[] = {
	HL_SCRUB_GROUP_FS,
	HL_SCRUB_GROUP_ISCAN,
};

/* Sums of everything else: checked after it, whatever it found. */
static const enum hl_scrub_group summary_groups[] = {
	HL_SCRUB_GROUP_SUMMARY,
};

static bool
whole_fs(const struct hl_scrub_scope *scope)
{
	return !scope->nr_agnos && !scope->nr_inos;
}

/* Is AG @agno in the run (its metadata and, unless excluded, its inodes)? */
static bool
ag_in_scope(const struct hl_scrub_scope *scope, uint32_t agno)
{
	if (whole_fs(scope))
		return true;
	for (size_t i = 0; i < scope->nr_agnos; i++)
		if (scope->agnos[i] == agno)
			return true;
	return false;
}

static void
plan_ags(struct builder *b, const struct hl_scrub_fs_shape *fs,
	 const struct hl_scrub_scope *scope, uint32_t iflags)
{
	b->phase = HL_SCRUB_PHASE_AGS;
	for (uint32_t agno = 0; agno < fs->agcount; agno++) {
		if (!ag_in_scope(scope, agno))
			continue;
		begin_call(b, agno, 0);
		add_groups(b, ag_groups, ARRAY_SIZE(ag_groups), iflags);
		end_call(b);
	}
}

static void
plan_fs_metadata(struct builder *b, const struct hl_scrub_fs_shape *fs,
		 uint32_t iflags)
{
	/* Before rtgroups, the rt metadata answer to group 0. */
	uint32_t rgcount = fs->rgcount ? fs->rgcount : 1;

	b->phase = HL_SCRUB_PHASE_FS;
	if (fs->metadir)
		add_metapaths(b, false, 0, iflags);

	for (uint32_t rgno = 0; rgno < rgcount; rgno++) {
		if (fs->metadir && fs->rgcount)
			add_metapaths(b, true, rgno, iflags);
		begin_call(b, rgno, 0);
		add_groups(b, rt_groups, ARRAY_SIZE(rt_groups), iflags);
		end_call(b);
	}
}

static void
plan_inodes(struct builder *b, const struct hl_scrub_fs_shape *fs,
	    const struct hl_scrub_scope *scope)
{
	b->phase = HL_SCRUB_PHASE_INODES;
	if (scope->no_inodes)
		return;
	for (uint32_t agno = 0; agno < fs->agcount; agno++)
		if ((whole_fs(scope) || scope->nr_agnos) &&
		    ag_in_scope(scope, agno))
			begin_kind(b, HL_SCRUB_CALL_AG_INODES, agno, 0);
	for (size_t i = 0; i < scope->nr_inos; i++)
		begin_kind(b, HL_SCRUB_CALL_ONE_INODE, 0, scope->inos[i]);
}

static void
plan_fs_counts(struct builder *b, uint32_t iflags)
{
	b->phase = HL_SCRUB_PHASE_COUNTS;
	begin_call(b, 0, 0);
	add_groups(b, count_groups, ARRAY_SIZE(count_groups), iflags);
	end_call(b);

	b->phase = HL_SCRUB_PHASE_SUMMARY;
	begin_call(b, 0, 0);
	add_groups(b, summary_groups, ARRAY_SIZE(summary_groups), iflags);
	end_call(b);

	/*
	 * The retained health records are only worth judging once everything
	 * else has been checked (and repaired), and found sound; a clean
	 * verdict lets the kernel forget old second-hand reports.  They
	 * cannot be repaired.
	 */
	b->phase = HL_SCRUB_PHASE_VERDICT;
	begin_call(b, 0, 0);
	add_group(b, HL_SCRUB_GROUP_PROBE, HL_SCRUB_CLASS_FS, 0);
	if (current_call(b))
		current_call(b)->if_clean = true;
	end_call(b);
}

int
hl_scrub_plan_fs(struct hl_scrub_plan *plan, const struct hl_scrub_fs_shape *fs,
		 const struct hl_scrub_scope *scope, uint32_t iflags)
{
	static const struct hl_scrub_scope everything;
	struct builder b = {
		.plan = plan,
		.barrier_stops_on = hl_scrub_barrier_flags(iflags),
	};

	*plan = (struct hl_scrub_plan){0};
	if (!scope)
		scope = &everything;
	for (size_t i = 0; i < scope->nr_agnos; i++)
		if (scope->agnos[i] >= fs->agcount)
			return -EINVAL;

	/* The probe says whether anything else can work. */
	b.phase = HL_SCRUB_PHASE_PROBE;
	begin_call(&b, 0, 0);
	add_group(&b, HL_SCRUB_GROUP_PROBE, HL_SCRUB_CLASS_NONE,
		  iflags & XFS_SCRUB_IFLAG_REPAIR);
	end_call(&b);

	plan_ags(&b, fs, scope, iflags);
	if (whole_fs(scope))
		plan_fs_metadata(&b, fs, iflags);
	plan_inodes(&b, fs, scope);
	if (whole_fs(scope))
		plan_fs_counts(&b, iflags);

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

/*
 * A check only reads, and the kernel's checks are made to look at damaged
 * metadata: a corrupt header does not stop the checks of what it points to
 * (they say what they find, as xfs_scrub's do); only a failed call does,
 * since the next would fail too (a shutdown).  A repair must not rebuild on
 * top of something still corrupt.
 */
uint32_t
hl_scrub_barrier_flags(uint32_t iflags)
{
	return (iflags & XFS_SCRUB_IFLAG_REPAIR) ? XFS_SCRUB_OFLAG_CORRUPT : 0;
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
