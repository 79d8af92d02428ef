// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The checks one inode needs, in one vectored call: its core first, then
 * the mappings of its forks, then what the forks hold, then (directories)
 * the path to the root; a barrier between each two (hl_scrub_barrier_flags:
 * a repair is not made through a record or mapping still corrupt).
 */
#include <sys/stat.h>

#include "internal.h"
#include "xfs_health_abi.h"

struct vec_list {
	struct hl_scrub_vec *vecs;
	size_t nr;
	uint32_t flags;
};

static void
add(struct vec_list *l, uint32_t type)
{
	if (l->nr < HL_SCRUB_INODE_MAX_VECS)
		l->vecs[l->nr++] = (struct hl_scrub_vec){
			.type = type,
			.flags = l->flags,
		};
}

static void
barrier(struct vec_list *l)
{
	if (l->nr && l->nr < HL_SCRUB_INODE_MAX_VECS &&
	    l->vecs[l->nr - 1].type != XFS_SCRUB_TYPE_BARRIER)
		l->vecs[l->nr++] = (struct hl_scrub_vec){
			.type = XFS_SCRUB_TYPE_BARRIER,
			.flags = hl_scrub_barrier_flags(l->flags),
		};
}

size_t
hl_scrub_inode_vecs(const struct hl_scrub_inode *in,
		    const struct hl_scrub_fs_shape *fs, uint32_t iflags,
		    struct hl_scrub_vec *vecs)
{
	struct vec_list l = {.vecs = vecs, .flags = iflags};
	/* An inode bulkstat could not read may be anything: check it all. */
	bool any = in->mode == 0;
	bool dir = any || S_ISDIR(in->mode);
	bool attrs = any || in->attr_fork;

	add(&l, XFS_SCRUB_TYPE_INODE);
	barrier(&l);
	add(&l, XFS_SCRUB_TYPE_BMBTD);
	if (attrs)
		add(&l, XFS_SCRUB_TYPE_BMBTA);
	/* Only regular files share blocks. */
	if (fs->reflink && (any || S_ISREG(in->mode)))
		add(&l, XFS_SCRUB_TYPE_BMBTC);
	barrier(&l);
	if (dir)
		add(&l, XFS_SCRUB_TYPE_DIR);
	if (attrs)
		add(&l, XFS_SCRUB_TYPE_XATTR);
	if (any || S_ISLNK(in->mode))
		add(&l, XFS_SCRUB_TYPE_SYMLINK);
	/* Without parent pointers only a directory records its parent. */
	if (dir || fs->parent)
		add(&l, XFS_SCRUB_TYPE_PARENT);
	if (dir && fs->parent) {
		barrier(&l);
		add(&l, XFS_SCRUB_TYPE_DIRTREE);
	}
	/* A barrier with nothing after it would only cost a vector. */
	if (l.vecs[l.nr - 1].type == XFS_SCRUB_TYPE_BARRIER)
		l.nr--;
	return l.nr;
}

void
hl_scrub_inode_from_bulkstat(struct hl_scrub_inode *in,
			     const struct xfs_bulkstat *bs)
{
	*in = (struct hl_scrub_inode){
		.ino = bs->bs_ino,
		.gen = bs->bs_gen,
		.mode = bs->bs_mode & S_IFMT,
		.attr_fork = bs->bs_forkoff != 0,
		.sick = bs->bs_sick,
		.checked = bs->bs_checked,
	};
}
