// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * scrub -a: run libhealth's whole-filesystem plan, one vectored call per
 * object (XFS_IOC_SCRUBV_METADATA, Linux 6.10+), or one call per check where
 * the kernel lacks the vectored call, and report each object as it is done.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>

#include "io.h"
#include "scrub_all.h"
#include "xfs_health_abi.h"

struct scrub_run {
	const struct scrub_opts *o;
	int fd;
	bool vectored;
	struct hl_scrub_plan plan;
	struct xfs_scrub_vec *kvecs; /* room for the largest call */
	uint32_t *in_flags;	     /* the plan's input flags, by vector */
	struct hl_render render;
	struct hl_scrub_summary summary;
};

/* The kernel's barrier rule, applied here, between single calls. */
static void
run_single(struct scrub_run *run, const struct hl_scrub_call *call)
{
	struct hl_scrub_vec *vecs = &run->plan.vecs[call->first];

	for (size_t i = 0; i < call->nr; i++) {
		struct hl_scrub_vec *v = &vecs[i];
		struct hl_scrub_request req = {
			.type = hl_scrub_type_by_value(v->type),
			.agno = call->agno,
			.ino = call->ino,
		};
		uint32_t flags = v->flags;

		if (v->type == XFS_SCRUB_TYPE_BARRIER) {
			if (!hl_scrub_barrier_passes(vecs, i)) {
				v->ret = -ECANCELED;
				return;
			}
			continue;
		}
		v->ret = hl_scrub_metadata(run->fd, &req, &flags);
		if (!v->ret)
			v->flags = flags;
	}
}

static void
run_call(struct scrub_run *run, const struct hl_scrub_call *call)
{
	struct hl_scrub_vec *vecs = &run->plan.vecs[call->first];
	struct xfs_scrub_vec_head head = {
		.svh_ino = call->ino,
		.svh_agno = call->agno,
		.svh_nr = call->nr,
		.svh_vectors = (uintptr_t)run->kvecs,
	};
	int err;

	if (!run->vectored) {
		run_single(run, call);
		return;
	}
	for (size_t i = 0; i < call->nr; i++)
		run->kvecs[i] = (struct xfs_scrub_vec){
			.sv_type = vecs[i].type,
			.sv_flags = vecs[i].flags,
		};
	if (ioctl(run->fd, XFS_IOC_SCRUBV_METADATA, &head) == 0) {
		for (size_t i = 0; i < call->nr; i++) {
			vecs[i].ret = run->kvecs[i].sv_ret;
			vecs[i].flags = run->kvecs[i].sv_flags;
		}
		return;
	}
	err = errno;
	if (err == ENOTTY || err == EOPNOTSUPP) {
		/* Not after all: one call per check from here on. */
		run->vectored = false;
		run_single(run, call);
		return;
	}
	for (size_t i = 0; i < call->nr; i++)
		vecs[i].ret = vecs[i].type == XFS_SCRUB_TYPE_BARRIER ? 0 : -err;
}

/* The object's name: a mount point escaped takes up to 4 bytes a byte. */
#define SCRUB_OBJECT_MAX (4 * PATH_MAX + 128)

static void
print_line(const struct hl_scrub_result *res, const struct hl_render *r,
	   const char *what)
{
	char obj[SCRUB_OBJECT_MAX];

	hl_scrub_format_object(obj, sizeof(obj), res, r);
	printf("%s: %s\n", obj, what);
}

/* Text: findings and repairs on stdout, failures on stderr. */
static void
report_text(struct scrub_run *run, const struct hl_scrub_result *res)
{
	const char *lines[8];
	size_t n;

	switch (res->outcome) {
	case HL_SCRUB_ABSENT:
		return;
	case HL_SCRUB_SKIPPED:
		print_line(res, &run->render,
			   "Skipped after an earlier check failed.");
		return;
	case HL_SCRUB_ERROR: {
		char obj[SCRUB_OBJECT_MAX];

		hl_scrub_format_object(obj, sizeof(obj), res, &run->render);
		io_message_verbatim("%s: %s: %s", scrub_verb(run->o), obj,
				    strerror(res->error));
		return;
	}
	default:
		break;
	}
	/* Left alone because it was fine: not news in a whole-fs run. */
	n = hl_scrub_sentences(res->mode,
			       res->flags & ~XFS_SCRUB_OFLAG_NO_REPAIR_NEEDED,
			       lines, ARRAY_SIZE(lines));
	for (size_t i = 0; i < n && i < ARRAY_SIZE(lines); i++)
		print_line(res, &run->render, lines[i]);
	if (res->outcome == HL_SCRUB_REPAIRED)
		print_line(res, &run->render, "Repaired.");
}

/*
 * One call's results.  Returns its exit-status bits; *ends is set when an
 * error means no later call can work.
 */
static int
report_call(struct scrub_run *run, const struct hl_scrub_call *call, bool *ends)
{
	const struct hl_scrub_vec *vecs = &run->plan.vecs[call->first];
	const uint32_t *in = &run->in_flags[call->first];
	bool skipping = false;
	int status = EXIT_ALL_OK, end_error = 0;

	for (size_t i = 0; i < call->nr; i++) {
		const struct hl_scrub_vec *v = &vecs[i];
		struct hl_scrub_result res = {
			.type = hl_scrub_type_by_value(v->type),
			.mode = (in[i] & XFS_SCRUB_IFLAG_REPAIR)
					? HL_SCRUB_REPAIR
					: HL_SCRUB_CHECK,
			.agno = call->agno,
			.ino = call->ino,
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
			res.outcome = v->ret == -ENOENT ? HL_SCRUB_ABSENT
							: HL_SCRUB_ERROR;
			if (hl_scrub_error_ends_run(res.error) && !*ends) {
				*ends = true;
				/* After this call's lines: once, not per check. */
				end_error = res.error;
			}
		}
		hl_scrub_summary_add(&run->summary, res.outcome);
		status |= scrub_outcome_status(res.outcome);
		if (run->o->json) {
			if (res.error && res.outcome == HL_SCRUB_ERROR)
				report_text(run, &res); /* stderr */
			if (hl_scrub_write_json(stdout, &res, &run->render))
				status |= EXIT_CMD_FAILED;
		} else {
			report_text(run, &res);
		}
	}
	io_flush_stdout();
	if (end_error)
		scrub_explain(run->o, end_error);
	return status;
}

/* The probe decides whether the run can happen at all. */
static int
run_probe(struct scrub_run *run, const struct hl_scrub_call *call)
{
	const struct hl_scrub_vec *vecs = &run->plan.vecs[call->first];

	run_call(run, call);
	for (size_t i = 0; i < call->nr; i++) {
		if (vecs[i].ret) {
			io_message("%s: %s", scrub_verb(run->o),
				   strerror(-vecs[i].ret));
			scrub_explain(run->o, -vecs[i].ret);
			return EXIT_CMD_FAILED;
		}
	}
	return EXIT_ALL_OK;
}

static int
prepare(struct scrub_run *run)
{
	struct xfs_fsop_geom geo = {0};
	struct hl_scrub_fs_shape shape;
	size_t largest = 1;
	int error;

	error = hl_fs_geometry(run->fd, &geo);
	if (error) {
		io_error("%s: XFS_IOC_FSGEOMETRY: %s", scrub_verb(run->o),
			 strerror(-error));
		return EXIT_CMD_FAILED;
	}
	shape = (struct hl_scrub_fs_shape){
		.agcount = geo.agcount,
		.rgcount = hl_geom_rgcount(&geo),
		.metadir = geo.flags & XFS_FSOP_GEOM_FLAGS_METADIR,
	};
	error = hl_scrub_plan_fs(&run->plan, &shape, scrub_iflags(run->o));
	if (error)
		goto fail;
	for (size_t i = 0; i < run->plan.nr_calls; i++)
		if (run->plan.calls[i].nr > largest)
			largest = run->plan.calls[i].nr;
	run->kvecs = calloc(largest, sizeof(*run->kvecs));
	run->in_flags = calloc(run->plan.nr_vecs, sizeof(*run->in_flags));
	if (!run->kvecs || !run->in_flags) {
		error = -ENOMEM;
		goto fail;
	}
	for (size_t i = 0; i < run->plan.nr_vecs; i++)
		run->in_flags[i] = run->plan.vecs[i].flags;
	error = hl_render_init(&run->render, file_current()->name);
	if (error)
		goto fail;
	return EXIT_ALL_OK;
fail:
	io_error("%s: %s", scrub_verb(run->o), strerror(-error));
	return EXIT_CMD_FAILED;
}

int
scrub_all(const struct scrub_opts *o)
{
	struct scrub_run run = {
		.o = o,
		.fd = file_current()->fd,
		.summary = {.mode = scrub_mode(o)},
	};
	bool ends = false;
	int status, error;

	status = prepare(&run);
	if (status)
		goto out;
	run.vectored = !o->single && hl_scrubv_probe(run.fd) == 0;

	/* The plan's first call is the probe. */
	status = run_probe(&run, &run.plan.calls[0]);
	if (status)
		goto out;
	for (size_t i = 1; i < run.plan.nr_calls && !ends; i++) {
		const struct hl_scrub_call *call = &run.plan.calls[i];

		if (call->if_clean && status)
			continue;
		run_call(&run, call);
		status |= report_call(&run, call, &ends);
	}

	if (o->json)
		error = hl_scrub_write_summary_json(stdout, &run.summary,
						    &run.render);
	else
		error = hl_scrub_write_summary(stdout, &run.summary,
					       &run.render);
	if (error)
		status |= EXIT_CMD_FAILED;
	io_flush_stdout();
out:
	hl_render_free(&run.render);
	free(run.kvecs);
	free(run.in_flags);
	hl_scrub_plan_free(&run.plan);
	return status;
}
