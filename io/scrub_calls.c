// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The work of scrub -a, as the workers do it: each object's checks (one
 * vectored call, or one call per check where the kernel lacks it:
 * libhealth's hl_scrub_run); every inode of an AG, one call each; and what
 * each result means, kept for the main thread to print.  Nothing here
 * prints.
 */
#include <errno.h>
#include <stdlib.h>

#include "io.h"
#include "scrub_run.h"
#include "xfs_health_abi.h"

/* The object a call is about, and how its results are judged. */
struct target {
	struct hl_scrub_target at;
	bool inode; /* one of the files: news only when there is news */
	bool named; /* the user named it (-I): it must exist */
};

static void
run_call(struct scrub_run *run, const struct target *t,
	 struct hl_scrub_vec *vecs, size_t nr, struct xfs_scrub_vec *kvecs)
{
	hl_scrub_run(run->fd, &t->at, vecs, nr, kvecs, &run->vectored);
}

/* Is this result printed (text) or written (JSON)? */
static bool
is_news(const struct scrub_run *run, const struct target *t,
	const struct hl_scrub_result *res)
{
	if (run->o->json && !t->inode)
		return true; /* every object of the plan */
	/* A retry closes the story its first line began. */
	if (res->retried)
		return true;
	return res->outcome != HL_SCRUB_OK && res->outcome != HL_SCRUB_ABSENT;
}

bool
scrub_results_push(struct scrub_results *l, const struct hl_scrub_result *res)
{
	if (l->nr == l->cap) {
		size_t cap = l->cap ? 2 * l->cap : 16;
		struct hl_scrub_result *p = realloc(l->v, cap * sizeof(*p));

		if (!p)
			return false;
		l->v = p;
		l->cap = cap;
	}
	l->v[l->nr++] = *res;
	return true;
}

void
scrub_results_free(struct scrub_results *l)
{
	free(l->v);
	*l = (struct scrub_results){0};
}

static void
keep(struct scrub_unit *u, struct scrub_results *l,
     const struct hl_scrub_result *res)
{
	if (scrub_results_push(l, res))
		return;
	/* Counted and in the status, but without its line. */
	u->status |= EXIT_CMD_FAILED;
	if (!u->end_error)
		u->end_error = ENOMEM;
}

/* Count @res into @u, and keep it if it is news. */
static void
count(struct scrub_run *run, struct scrub_unit *u, const struct target *t,
      const struct hl_scrub_result *res)
{
	hl_scrub_summary_add(&u->summary, res->outcome);
	u->status |= scrub_outcome_status(res->outcome);
	if (res->offline)
		u->status |= EXIT_PROBLEM;
	if (is_news(run, t, res))
		keep(u, &u->news, res);
}

/*
 * An error after which no call can work (a shut-down filesystem) stops
 * every worker; the unit that stopped the run says why, once, whatever
 * other workers met the same error meanwhile.
 */
static void
end_run_on(struct scrub_run *run, struct scrub_unit *u, int error)
{
	if (!hl_scrub_error_ends_run(error))
		return;
	if (!__atomic_exchange_n(&run->stop, 1, __ATOMIC_RELAXED) &&
	    !u->end_error)
		u->end_error = error;
}

/* Judge one call's results into @u. */
static void
judge(struct scrub_run *run, struct scrub_unit *u, const struct target *t,
      const struct hl_scrub_vec *vecs, const uint32_t *in, size_t nr)
{
	bool skipping = false;

	for (size_t i = 0; i < nr; i++) {
		const struct hl_scrub_vec *v = &vecs[i];
		struct hl_scrub_result res = {
			.type = hl_scrub_type_by_value(v->type),
			.mode = (in[i] & XFS_SCRUB_IFLAG_REPAIR)
					? HL_SCRUB_REPAIR
					: HL_SCRUB_CHECK,
			.agno = t->at.agno,
			.ino = t->at.ino,
			.gen = t->at.gen,
		};

		if (v->type == XFS_SCRUB_TYPE_BARRIER) {
			/* The kernel ran nothing after a failed barrier. */
			if (v->ret)
				skipping = true;
			continue;
		}
		if (!res.type)
			continue; /* not from our plan */
		if (skipping) {
			res.outcome = HL_SCRUB_SKIPPED;
		} else if (v->ret == 0) {
			res.flags = v->flags;
			res.outcome = hl_scrub_judge(res.mode, res.flags);
		} else {
			res.error = -v->ret;
			/* An inode the user named must exist; its parts need
			 * not. */
			res.outcome =
				v->ret == -ENOENT &&
						!(t->named &&
						  v->type ==
							  XFS_SCRUB_TYPE_INODE)
					? HL_SCRUB_ABSENT
					: HL_SCRUB_ERROR;
			end_run_on(run, u, res.error);
		}
		/*
		 * A part of an inode the kernel finds it does not have (a CoW
		 * fork: bulkstat cannot tell) is not one of its objects.
		 */
		if (t->inode && res.outcome == HL_SCRUB_ABSENT &&
		    v->type != XFS_SCRUB_TYPE_INODE)
			continue;
		if (hl_scrub_needs_retry(&res)) {
			/* Its line now; its count once it has been retried. */
			keep(u, &u->news, &res);
			if (scrub_results_push(&u->retry, &res))
				continue;
			u->status |= EXIT_CMD_FAILED; /* not retried: */
		}
		count(run, u, t, &res);
	}
}

static bool
stopped(struct scrub_run *run)
{
	return __atomic_load_n(&run->stop, __ATOMIC_RELAXED);
}

static void
check_inode(struct scrub_run *run, struct scrub_unit *u,
	    const struct hl_scrub_inode *in, bool named,
	    struct xfs_scrub_vec *kvecs)
{
	struct hl_scrub_vec vecs[HL_SCRUB_INODE_MAX_VECS];
	uint32_t flags[HL_SCRUB_INODE_MAX_VECS] = {0};
	struct target t = {
		.at = {.ino = in->ino, .gen = in->gen},
		.inode = true,
		.named = named,
	};
	size_t nr = hl_scrub_inode_vecs(in, &run->shape, run->iflags, vecs);

	for (size_t i = 0; i < nr; i++)
		flags[i] = vecs[i].flags;
	hl_scrub_run_inode(run->fd, in, vecs, &nr, kvecs, &run->vectored);
	judge(run, u, &t, vecs, flags, nr);
	u->summary.inodes++;
	__atomic_add_fetch(&run->inodes_done, 1, __ATOMIC_RELAXED);
}

static void
check_ag_inodes(struct scrub_run *run, struct scrub_unit *u, uint32_t agno,
		struct xfs_scrub_vec *kvecs)
{
	struct hl_inode_walk *walk;
	struct hl_scrub_inode in;
	int ret;

	ret = hl_inode_walk_new(&walk, run->fd, agno, run->metadir);
	while (!ret && !stopped(run)) {
		ret = hl_inode_walk_next(walk, &in);
		if (ret > 0) {
			check_inode(run, u, &in, false, kvecs);
			ret = 0;
		} else if (ret == 0) {
			break;
		}
	}
	if (ret < 0) {
		u->list_error = -ret;
		u->status |= EXIT_CMD_FAILED;
	}
	hl_inode_walk_free(walk);
}

static void
check_one_inode(struct scrub_run *run, struct scrub_unit *u, uint64_t ino,
		struct xfs_scrub_vec *kvecs)
{
	struct xfs_bulkstat bs;
	struct hl_scrub_inode in = {.ino = ino};
	int error = hl_bulkstat_one(run->fd, ino, &bs);

	/* Not listed: the checks say whether it exists at all. */
	if (!error)
		hl_scrub_inode_from_bulkstat(&in, &bs);
	check_inode(run, u, &in, true, kvecs);
}

void
scrub_unit_run(struct scrub_run *run, struct scrub_unit *u,
	       struct xfs_scrub_vec *kvecs)
{
	for (size_t i = 0; i < u->nr_calls && !stopped(run); i++) {
		const struct hl_scrub_call *call = &u->calls[i];
		size_t at = call->first;
		struct target t = {
			.at = {.agno = call->agno, .ino = call->ino}};

		switch (call->kind) {
		case HL_SCRUB_CALL_VECS:
			if (call->if_clean && (run->status | u->status))
				continue;
			run_call(run, &t, &run->plan.vecs[at], call->nr, kvecs);
			judge(run, u, &t, &run->plan.vecs[at],
			      &run->in_flags[at], call->nr);
			break;
		case HL_SCRUB_CALL_AG_INODES:
			check_ag_inodes(run, u, call->agno, kvecs);
			break;
		case HL_SCRUB_CALL_ONE_INODE:
			check_one_inode(run, u, call->ino, kvecs);
			break;
		}
	}
}

int
scrub_probe(struct scrub_run *run, const struct hl_scrub_call *call,
	    struct xfs_scrub_vec *kvecs)
{
	struct hl_scrub_vec *vecs = &run->plan.vecs[call->first];
	struct target t = {.at = {.agno = call->agno, .ino = call->ino}};

	run_call(run, &t, vecs, call->nr, kvecs);
	for (size_t i = 0; i < call->nr; i++)
		if (vecs[i].ret)
			return -vecs[i].ret;
	return 0;
}

/* Do @a and @b name the same object (an AG, an inode, ...)? */
static bool
same_object(const struct hl_scrub_result *a, const struct hl_scrub_result *b)
{
	/* Each filesystem-wide type is an object of its own. */
	bool fs_wide = a->type->sclass == HL_SCRUB_CLASS_FS ||
		       a->type->sclass == HL_SCRUB_CLASS_NONE;

	return a->type->sclass == b->type->sclass && a->agno == b->agno &&
	       a->ino == b->ino && a->gen == b->gen &&
	       (!fs_wide || a->type == b->type);
}

void
scrub_retry(struct scrub_run *run, struct scrub_unit *u,
	    const struct scrub_results *items)
{
	const struct hl_scrub_result *bad = NULL; /* still bad after its try */

	for (size_t i = 0; i < items->nr; i++) {
		struct hl_scrub_result res = items->v[i];
		struct hl_scrub_request req = hl_scrub_result_request(&res);
		struct target t = {
			.at = {.agno = res.agno,
			       .ino = res.ino,
			       .gen = res.gen},
			.inode = res.type->sclass == HL_SCRUB_CLASS_INODE,
		};
		uint32_t flags = run->iflags;
		int error;

		if (stopped(run)) {
			/* No try left: counted as the first one ended. */
			count(run, u, &t, &res);
			continue;
		}
		res.retried = true;
		res.flags = 0;
		res.error = 0;
		if (bad && same_object(bad, &res)) {
			/* Not rebuilt on top of what is still bad. */
			res.outcome = HL_SCRUB_SKIPPED;
			res.offline = true;
			count(run, u, &t, &res);
			continue;
		}
		error = hl_scrub_metadata(run->fd, &req, &flags);
		if (!error) {
			res.flags = flags;
			res.outcome = hl_scrub_judge(HL_SCRUB_REPAIR, flags);
		} else if (error == -ENOENT) {
			/* Gone meanwhile, or a part it does not have. */
			if (t.inode && res.type->type != XFS_SCRUB_TYPE_INODE)
				continue;
			res.error = ENOENT;
			res.outcome = HL_SCRUB_ABSENT;
		} else {
			res.error = -error;
			res.outcome = HL_SCRUB_ERROR;
			end_run_on(run, u, res.error);
		}
		res.offline = hl_scrub_offline_required(&res);
		if (res.offline)
			bad = &items->v[i];
		count(run, u, &t, &res);
	}
}

void
scrub_unit_free(struct scrub_unit *u)
{
	scrub_results_free(&u->news);
	scrub_results_free(&u->retry);
}
