// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Running a list of checks on one object: one vectored call
 * (XFS_IOC_SCRUBV_METADATA, Linux 6.10+), or one call per check where the
 * kernel lacks it, the kernel's barrier rule then applied here.  scrub -a
 * and the daemon's check of an AG's inodes run their checks through this.
 */
#include <errno.h>

#include "internal.h"
#include "xfs_health_abi.h"

static void
run_single(int fd, const struct hl_scrub_target *t, struct hl_scrub_vec *vecs,
	   size_t nr)
{
	for (size_t i = 0; i < nr; i++) {
		struct hl_scrub_vec *v = &vecs[i];
		struct hl_scrub_request req = {
			.type = hl_scrub_type_by_value(v->type),
			.agno = t->agno,
			.ino = t->ino,
			.gen = t->gen,
		};
		uint32_t flags = v->flags;

		if (v->type == XFS_SCRUB_TYPE_BARRIER) {
			if (!hl_scrub_barrier_passes(vecs, i)) {
				v->ret = -ECANCELED;
				return;
			}
			continue;
		}
		v->ret = hl_scrub_metadata(fd, &req, &flags);
		if (!v->ret)
			v->flags = flags;
	}
}

void
hl_scrub_run(int fd, const struct hl_scrub_target *t, struct hl_scrub_vec *vecs,
	     size_t nr, struct xfs_scrub_vec *kvecs, int *vectored)
{
	struct xfs_scrub_vec_head head = {
		.svh_ino = t->ino,
		.svh_gen = t->gen,
		.svh_agno = t->agno,
		.svh_nr = nr,
		.svh_vectors = (uintptr_t)kvecs,
	};
	int error;

	if (!__atomic_load_n(vectored, __ATOMIC_RELAXED)) {
		run_single(fd, t, vecs, nr);
		return;
	}
	for (size_t i = 0; i < nr; i++)
		kvecs[i] = (struct xfs_scrub_vec){
			.sv_type = vecs[i].type,
			.sv_flags = vecs[i].flags,
		};
	error = hl_scrubv(fd, &head);
	if (!error) {
		for (size_t i = 0; i < nr; i++) {
			vecs[i].ret = kvecs[i].sv_ret;
			vecs[i].flags = kvecs[i].sv_flags;
		}
		return;
	}
	if (error == -ENOTTY || error == -EOPNOTSUPP) {
		/* Not after all: one call per check from here on. */
		__atomic_store_n(vectored, 0, __ATOMIC_RELAXED);
		run_single(fd, t, vecs, nr);
		return;
	}
	for (size_t i = 0; i < nr; i++)
		vecs[i].ret =
			vecs[i].type == XFS_SCRUB_TYPE_BARRIER ? 0 : error;
}

void
hl_scrub_run_inode(int fd, const struct hl_scrub_inode *in,
		   struct hl_scrub_vec *vecs, size_t *nr,
		   struct xfs_scrub_vec *kvecs, int *vectored)
{
	const struct hl_scrub_target t = {.ino = in->ino, .gen = in->gen};

	if (in->mode || *nr < 3) {
		hl_scrub_run(fd, &t, vecs, *nr, kvecs, vectored);
		return;
	}
	/*
	 * Bulkstat did not list it: corrupt, or one of the kernel's own
	 * files, which scrub does not see either (ENOENT).  Its core first,
	 * and the rest only if scrub can see it at all and the core is sound
	 * (vecs[1] is the barrier).
	 */
	hl_scrub_run(fd, &t, vecs, 1, kvecs, vectored);
	if (vecs[0].ret == -ENOENT)
		*nr = 1;
	else if (!hl_scrub_barrier_passes(vecs, 1))
		vecs[1].ret = -ECANCELED;
	else
		hl_scrub_run(fd, &t, &vecs[2], *nr - 2, kvecs, vectored);
}

void
hl_scrub_fs_shape_of(const struct xfs_fsop_geom *geo,
		     struct hl_scrub_fs_shape *fs)
{
	*fs = (struct hl_scrub_fs_shape){
		.agcount = geo->agcount,
		.rgcount = hl_geom_rgcount(geo),
		.metadir = geo->flags & XFS_FSOP_GEOM_FLAGS_METADIR,
		.reflink = geo->flags & XFS_FSOP_GEOM_FLAGS_REFLINK,
		.parent = geo->flags & XFS_FSOP_GEOM_FLAGS_PARENT,
	};
}

int
hl_scrub_inode_bad(int fd, const struct hl_scrub_inode *in,
		   const struct hl_scrub_fs_shape *fs, int *vectored,
		   uint32_t *bad)
{
	struct hl_scrub_vec vecs[HL_SCRUB_INODE_MAX_VECS];
	struct xfs_scrub_vec kvecs[HL_SCRUB_INODE_MAX_VECS];
	size_t nr = hl_scrub_inode_vecs(in, fs, 0, vecs);
	int error = 0;

	*bad = 0;
	hl_scrub_run_inode(fd, in, vecs, &nr, kvecs, vectored);
	for (size_t i = 0; i < nr; i++) {
		const struct hl_scrub_vec *v = &vecs[i];

		if (v->type == XFS_SCRUB_TYPE_BARRIER)
			continue;
		/* Gone since it was listed, or a part it does not have. */
		if (v->ret == -ENOENT || v->ret == -ECANCELED)
			continue;
		if (v->ret) {
			error = error ? error : v->ret;
			continue;
		}
		if (hl_scrub_judge(HL_SCRUB_CHECK, v->flags) ==
		    HL_SCRUB_CORRUPT)
			*bad |= hl_object_scrub_bit(HL_OBJECT_INODE, v->type);
	}
	return error;
}
