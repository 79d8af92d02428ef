/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * One scrub -a run: the plan, and the units of work its phases are cut
 * into.  Workers run units (scrub_calls.c) and never print; the main
 * thread prints each unit's news in plan order (scrub_all.c).
 */
#ifndef XFS_HEALTH_IO_SCRUB_RUN_H
#define XFS_HEALTH_IO_SCRUB_RUN_H

#include <stdbool.h>
#include <stdint.h>

#include "health.h"
#include "scrub_common.h"

/* The kernel's limit: one page of vectors. */
#define SCRUB_MAX_CALL_VECS 256

struct xfs_scrub_vec;

/* A growing list of results. */
struct scrub_results {
	struct hl_scrub_result *v;
	size_t nr, cap;
};

/* Append @res; false if there was no memory for it. */
bool scrub_results_push(struct scrub_results *l,
			const struct hl_scrub_result *res);
void scrub_results_free(struct scrub_results *l);

struct scrub_run {
	const struct scrub_opts *o;
	int fd;
	struct hl_scrub_fs_shape shape;
	bool metadir;
	struct hl_scrub_plan plan;
	uint32_t *in_flags; /* the plan's input flags, by vector */
	uint32_t iflags;
	struct hl_render render;
	struct hl_scrub_summary summary;
	int status;
	unsigned int workers;	   /* at most */
	unsigned int workers_used; /* now (the main thread's) */
	struct scrub_results retry; /* repairs to try again, in plan order */
	/* Shared with the workers (atomic): */
	int vectored;	      /* XFS_IOC_SCRUBV_METADATA works */
	int stop;	      /* an error ended the run */
	uint64_t inodes_done; /* for the progress line */
};

/* What one unit found, kept until the main thread prints it. */
struct scrub_unit {
	const struct hl_scrub_call *calls;
	size_t nr_calls;
	struct scrub_results news;  /* what gets a line or a JSON object */
	struct scrub_results retry; /* not counted yet: tried again later */
	struct hl_scrub_summary summary;
	int status;	/* exit-status bits */
	int end_error;	/* an error no later call survives (errno) */
	int list_error; /* listing the AG's inodes failed (errno) */
	bool done;
};

/* Run @u's calls; @kvecs has room for SCRUB_MAX_CALL_VECS. */
void scrub_unit_run(struct scrub_run *run, struct scrub_unit *u,
		    struct xfs_scrub_vec *kvecs);

void scrub_unit_free(struct scrub_unit *u);

/*
 * Try the repairs of @items again, one call each, into @u: counted now,
 * marked retried, and offline if still bad.
 */
void scrub_retry(struct scrub_run *run, struct scrub_unit *u,
		 const struct scrub_results *items);

/* The probe call: 0, or the errno that says nothing else can work. */
int scrub_probe(struct scrub_run *run, const struct hl_scrub_call *call,
		struct xfs_scrub_vec *kvecs);

#endif /* XFS_HEALTH_IO_SCRUB_RUN_H */
