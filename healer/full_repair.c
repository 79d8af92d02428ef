// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The whole-filesystem repair in this process (--full-repair-in-process),
 * for hosts without systemd or xfsprogs' xfs_scrub@ units: the plan of
 * xfs_health scrub -a -r (libhealth's hl_scrub_plan_fs), call after call in
 * the worker thread that was asked for it; what could not be mended the
 * first time is tried once more at the end, when what it rests on has been
 * repaired.  One added line per object that was bad, one at the start and
 * one at the end; nothing for what was sound.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "healthd.h"

#define MAX_RETRIES 1024 /* results kept for the second try */

struct run {
	struct healthd *hd;
	int fd;
	int vectored;
	struct hl_scrub_fs_shape shape;
	struct hl_render words; /* objects named without the mount point */
	struct hl_scrub_summary sum;
	struct hl_scrub_result retry[MAX_RETRIES];
	size_t nr_retry;
	bool stop;	  /* an error after which no call can work */
	bool list_failed; /* an AG's inodes could not all be listed */
};

static const char *
outcome_words(const struct hl_scrub_result *res)
{
	switch (res->outcome) {
	case HL_SCRUB_REPAIRED:
		return "repaired";
	case HL_SCRUB_CORRUPT:
		return res->offline ? "still bad; xfs_repair must mend it "
				      "offline"
				    : "still bad";
	case HL_SCRUB_INCOMPLETE:
		return "could not be checked through";
	case HL_SCRUB_SKIPPED:
		return "not tried: what it rests on is still bad";
	default:
		return NULL;
	}
}

/* "full repair: agno 0x1 agf: repaired": numbers and our names only. */
static void
report(struct run *r, const struct hl_scrub_result *res)
{
	char obj[256];
	const char *what = outcome_words(res);

	hl_scrub_summary_add(&r->sum, res->outcome);
	if (res->outcome == HL_SCRUB_ERROR) {
		if (hl_scrub_format_object(obj, sizeof(obj), res, &r->words) >=
		    0)
			log_added_error(r->hd, "full repair: %s: %s", obj + 1,
					strerror(res->error));
		if (hl_scrub_error_ends_run(res->error))
			r->stop = true;
		return;
	}
	if (!what || (res->outcome == HL_SCRUB_SKIPPED && !res->retried))
		return;
	if (hl_scrub_format_object(obj, sizeof(obj), res, &r->words) >= 0)
		log_added(r->hd, "full repair: %s: %s", obj + 1, what);
}

/* @in: each vector's input flags (NULL: all repairs). */
static void
judge(struct run *r, const struct hl_scrub_target *t, bool inode,
      const struct hl_scrub_vec *vecs, const uint32_t *in, size_t nr)
{
	bool skipping = false;

	for (size_t i = 0; i < nr; i++) {
		const struct hl_scrub_vec *v = &vecs[i];
		struct hl_scrub_result res = {
			.type = hl_scrub_type_by_value(v->type),
			.mode = !in || (in[i] & XFS_SCRUB_IFLAG_REPAIR)
					? HL_SCRUB_REPAIR
					: HL_SCRUB_CHECK,
			.agno = t->agno,
			.ino = t->ino,
			.gen = t->gen,
		};

		if (v->type == XFS_SCRUB_TYPE_BARRIER) {
			skipping |= v->ret != 0;
			continue;
		}
		if (!res.type)
			continue;
		if (skipping) {
			res.outcome = HL_SCRUB_SKIPPED;
		} else if (!v->ret) {
			res.flags = v->flags;
			res.outcome = hl_scrub_judge(res.mode, v->flags);
		} else if (v->ret == -ENOENT) {
			res.outcome = HL_SCRUB_ABSENT;
		} else {
			res.error = -v->ret;
			res.outcome = HL_SCRUB_ERROR;
		}
		/* A part an inode does not have is not one of its objects. */
		if (inode && res.outcome == HL_SCRUB_ABSENT &&
		    v->type != XFS_SCRUB_TYPE_INODE)
			continue;
		if (hl_scrub_needs_retry(&res) && r->nr_retry < MAX_RETRIES) {
			r->retry[r->nr_retry++] = res;
			continue;
		}
		report(r, &res);
	}
}

static void
repair_inode(struct run *r, const struct hl_scrub_inode *in)
{
	struct hl_scrub_vec vecs[HL_SCRUB_INODE_MAX_VECS];
	struct xfs_scrub_vec kvecs[HL_SCRUB_INODE_MAX_VECS];
	size_t nr = hl_scrub_inode_vecs(in, &r->shape, XFS_SCRUB_IFLAG_REPAIR,
					vecs);

	hl_scrub_run_inode(r->fd, in, vecs, &nr, kvecs, &r->vectored);
	judge(r, &(struct hl_scrub_target){.ino = in->ino, .gen = in->gen},
	      true, vecs, NULL, nr);
	r->sum.inodes++;
}

static int
repair_ag_inodes(struct run *r, uint32_t agno)
{
	struct hl_inode_walk *w;
	struct hl_scrub_inode in;
	int ret = hl_inode_walk_new(&w, r->fd, agno, r->shape.metadir);

	while (!ret && !r->stop && !atomic_load(&r->hd->stopping) &&
	       (ret = hl_inode_walk_next(w, &in)) == 1) {
		repair_inode(r, &in);
		ret = 0;
	}
	hl_inode_walk_free(w);
	if (ret < 0)
		r->list_failed = true;
	return ret < 0 ? ret : 0;
}

/* Anything bad or unseen so far: the retained-health verdict must wait. */
static bool
problems(const struct run *r)
{
	const struct hl_scrub_summary *s = &r->sum;

	return s->count[HL_SCRUB_CORRUPT] || s->count[HL_SCRUB_INCOMPLETE] ||
	       s->count[HL_SCRUB_ERROR] || s->count[HL_SCRUB_SKIPPED] ||
	       r->nr_retry || r->list_failed;
}

static void
run_call(struct run *r, struct hl_scrub_plan *plan,
	 const struct hl_scrub_call *call)
{
	struct hl_scrub_target t = {.agno = call->agno, .ino = call->ino};
	struct hl_scrub_vec *vecs = &plan->vecs[call->first];
	struct xfs_scrub_vec *kvecs;
	uint32_t *in_flags;
	struct xfs_bulkstat bs;
	struct hl_scrub_inode in = {.ino = call->ino};
	int error;

	switch (call->kind) {
	case HL_SCRUB_CALL_VECS:
		if (call->if_clean && problems(r))
			return;
		kvecs = calloc(call->nr, sizeof(*kvecs));
		in_flags = calloc(call->nr, sizeof(*in_flags));
		if (!kvecs || !in_flags) {
			free(kvecs);
			free(in_flags);
			r->stop = true;
			log_added_error(r->hd, "full repair: %s",
					strerror(ENOMEM));
			return;
		}
		for (size_t i = 0; i < call->nr; i++)
			in_flags[i] = vecs[i].flags;
		hl_scrub_run(r->fd, &t, vecs, call->nr, kvecs, &r->vectored);
		free(kvecs);
		if (call->phase == HL_SCRUB_PHASE_PROBE) {
			/* Nothing else could work: one line, not one each. */
			for (size_t i = 0; i < call->nr; i++) {
				if (!vecs[i].ret)
					continue;
				log_added_error(r->hd,
						"full repair: the kernel does "
						"not repair here: %s",
						strerror(-vecs[i].ret));
				r->stop = true;
				break;
			}
			free(in_flags);
			return;
		}
		judge(r, &t, false, vecs, in_flags, call->nr);
		free(in_flags);
		return;
	case HL_SCRUB_CALL_AG_INODES:
		error = repair_ag_inodes(r, call->agno);
		if (error)
			log_added_error(r->hd,
					"full repair: agno 0x%" PRIx32
					": cannot list its inodes: %s",
					call->agno, strerror(-error));
		return;
	case HL_SCRUB_CALL_ONE_INODE:
		if (!hl_bulkstat_one(r->fd, call->ino, &bs))
			hl_scrub_inode_from_bulkstat(&in, &bs);
		repair_inode(r, &in);
		return;
	}
}

/* What the first try could not mend, once more, now that the rest is. */
static void
retry(struct run *r)
{
	for (size_t i = 0; i < r->nr_retry; i++) {
		struct hl_scrub_result res = r->retry[i];
		struct hl_scrub_request req = hl_scrub_result_request(&res);
		uint32_t flags = XFS_SCRUB_IFLAG_REPAIR;
		int error;

		if (r->stop || atomic_load(&r->hd->stopping)) {
			/* No second try: counted as the first one ended. */
			report(r, &res);
			continue;
		}
		error = hl_scrub_metadata(r->fd, &req, &flags);
		res.retried = true;
		if (!error) {
			res.flags = flags;
			res.outcome = hl_scrub_judge(HL_SCRUB_REPAIR, flags);
		} else if (error == -ENOENT) {
			continue; /* gone meanwhile */
		} else {
			res.error = -error;
			res.outcome = HL_SCRUB_ERROR;
		}
		res.offline = hl_scrub_offline_required(&res);
		report(r, &res);
	}
}

void
healthd_full_repair_here(struct healthd *hd)
{
	struct run *r = calloc(1, sizeof(*r));
	struct hl_scrub_plan plan = {0};
	struct xfs_fsop_geom geo;
	const struct hl_scrub_summary *s;
	int error = -ENOMEM;

	if (!r)
		goto fail;
	r->hd = hd;
	r->vectored = 1;
	r->sum.mode = HL_SCRUB_REPAIR;
	r->fd = healthd_open_fs(hd);
	if (r->fd < 0) {
		error = r->fd;
		goto fail;
	}
	error = hl_fs_geometry(r->fd, &geo);
	if (!error) {
		hl_scrub_fs_shape_of(&geo, &r->shape);
		error = hl_scrub_plan_fs(&plan, &r->shape, NULL,
					 XFS_SCRUB_IFLAG_REPAIR);
	}
	if (!error)
		error = hl_render_init(&r->words, "");
	if (error) {
		hl_scrub_plan_free(&plan);
		close(r->fd);
		goto fail;
	}
	log_added(hd, "full repair: begun in this process");
	for (size_t i = 0; i < plan.nr_calls && !r->stop; i++) {
		if (atomic_load(&hd->stopping))
			break;
		run_call(r, &plan, &plan.calls[i]);
	}
	retry(r);
	s = &r->sum;
	log_added(hd,
		  "full repair: %s: %" PRIu64 " objects, %" PRIu64
		  " repaired, %" PRIu64 " still bad, %" PRIu64
		  " not checked through, %" PRIu64 " not tried, %" PRIu64
		  " errors; %" PRIu64 " inodes",
		  r->stop || atomic_load(&hd->stopping) ? "cut short" : "done",
		  s->count[HL_SCRUB_OK] + s->count[HL_SCRUB_PREEN] +
			  s->count[HL_SCRUB_XFAIL] +
			  s->count[HL_SCRUB_REPAIRED] +
			  s->count[HL_SCRUB_INCOMPLETE] +
			  s->count[HL_SCRUB_CORRUPT] + s->count[HL_SCRUB_ERROR],
		  s->count[HL_SCRUB_REPAIRED], s->count[HL_SCRUB_CORRUPT],
		  s->count[HL_SCRUB_INCOMPLETE], s->count[HL_SCRUB_SKIPPED],
		  s->count[HL_SCRUB_ERROR], s->inodes);
	hl_metrics_full_repair_objects(&hd->metrics, s);
	hl_render_free(&r->words);
	hl_scrub_plan_free(&plan);
	close(r->fd);
	free(r);
	return;
fail:
	free(r);
	log_added_error(hd, "full repair: cannot begin: %s", strerror(-error));
}
