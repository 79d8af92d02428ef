// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Every allocated inode of one AG.  The inode btree (XFS_IOC_INUMBERS) says
 * which inodes exist; bulkstat says what they are.  Bulkstat leaves out an
 * inode it cannot read (a corrupt one, which is the one a scrub most needs
 * to see) and the kernel's own files, so the two listings are walked side
 * by side and an inode only the first knows is listed as unknown.
 */
#include <errno.h>
#include <stdlib.h>

#include "internal.h"
#include "xfs_health_abi.h"

/* Chunks of 64 inodes per inumbers call; records per bulkstat call. */
#define CHUNKS_PER_CALL 64
#define STATS_PER_CALL	256

struct hl_inode_walk {
	int fd;
	uint32_t agno;
	uint32_t bulk_flags;

	struct xfs_inumbers_req *chunks;
	uint32_t chunk_next, chunk_nr;
	bool chunks_done;
	uint64_t chunk_start; /* the chunk being walked */
	uint64_t chunk_left;  /* its allocated inodes not yet listed */

	struct xfs_bulkstat_req *stats;
	uint32_t stat_next, stat_nr;
	bool stats_done;      /* bulkstat has nothing at or after its cursor */
	uint64_t stat_cursor; /* where the next bulkstat call starts */
};

int
hl_inode_walk_new(struct hl_inode_walk **walkp, int fd, uint32_t agno,
		  bool metadir)
{
	struct hl_inode_walk *w = calloc(1, sizeof(*w));

	*walkp = NULL;
	if (!w)
		return -ENOMEM;
	w->fd = fd;
	w->agno = agno;
	w->bulk_flags =
		XFS_BULK_IREQ_AGNO | (metadir ? XFS_BULK_IREQ_METADIR : 0);
	w->chunks = calloc(1, XFS_INUMBERS_REQ_SIZE(CHUNKS_PER_CALL));
	w->stats = calloc(1, XFS_BULKSTAT_REQ_SIZE(STATS_PER_CALL));
	if (!w->chunks || !w->stats) {
		hl_inode_walk_free(w);
		return -ENOMEM;
	}
	/* Both listings start at the AG's first inode (cursor 0). */
	*walkp = w;
	return 0;
}

void
hl_inode_walk_free(struct hl_inode_walk *w)
{
	if (!w)
		return;
	free(w->chunks);
	free(w->stats);
	free(w);
}

static int
next_chunks(struct hl_inode_walk *w)
{
	struct xfs_bulk_ireq *hdr = &w->chunks->hdr;
	uint64_t cursor = hdr->ino;
	int error;

	*hdr = (struct xfs_bulk_ireq){
		.ino = cursor,
		.flags = XFS_BULK_IREQ_AGNO,
		.icount = CHUNKS_PER_CALL,
		.agno = w->agno,
	};
	error = hl_inumbers(w->fd, w->chunks);
	if (error)
		return error;
	w->chunk_next = 0;
	w->chunk_nr = hdr->ocount;
	if (!hdr->ocount)
		w->chunks_done = true;
	return 0;
}

/* Bulkstat from the cursor on, or from @ino if that is further. */
static void
next_stats(struct hl_inode_walk *w, uint64_t ino)
{
	struct xfs_bulk_ireq *hdr = &w->stats->hdr;
	int error;

	*hdr = (struct xfs_bulk_ireq){
		.ino = w->stat_cursor > ino ? w->stat_cursor : ino,
		.flags = w->bulk_flags,
		.icount = STATS_PER_CALL,
		.agno = w->agno,
	};
	w->stat_next = 0;
	w->stat_nr = 0;
	error = hl_bulkstat(w->fd, w->stats);
	if (error) {
		/*
		 * Bulkstat stops at an inode it cannot read, and fails if that
		 * is the first: @ino, the next one that exists.  List it as
		 * unknown and go on after it.
		 */
		w->stat_cursor = ino + 1;
		return;
	}
	w->stat_cursor = hdr->ino;
	w->stat_nr = hdr->ocount;
	if (!hdr->ocount)
		w->stats_done = true;
}

/* What bulkstat knows of @ino, which exists; unknown if nothing. */
static void
describe(struct hl_inode_walk *w, uint64_t ino, struct hl_scrub_inode *in)
{
	bool refilled = false;

	for (;;) {
		while (w->stat_next < w->stat_nr) {
			const struct xfs_bulkstat *bs =
				&w->stats->bulkstat[w->stat_next];

			if (bs->bs_ino < ino) {
				w->stat_next++; /* gone from the inode btree */
				continue;
			}
			if (bs->bs_ino == ino) {
				w->stat_next++;
				hl_scrub_inode_from_bulkstat(in, bs);
				return;
			}
			goto unknown; /* bulkstat passed over it */
		}
		if (w->stats_done || refilled)
			break;
		next_stats(w, ino);
		refilled = true;
	}
unknown:
	*in = (struct hl_scrub_inode){.ino = ino};
}

int
hl_inode_walk_next(struct hl_inode_walk *w, struct hl_scrub_inode *in)
{
	uint64_t ino;
	int bit, error;

	while (!w->chunk_left) {
		if (w->chunk_next == w->chunk_nr) {
			if (w->chunks_done)
				return 0;
			error = next_chunks(w);
			if (error)
				return error;
			continue;
		}
		w->chunk_start = w->chunks->inumbers[w->chunk_next].xi_startino;
		w->chunk_left = w->chunks->inumbers[w->chunk_next].xi_allocmask;
		w->chunk_next++;
	}
	bit = __builtin_ctzll(w->chunk_left);
	w->chunk_left &= w->chunk_left - 1;
	ino = w->chunk_start + (uint64_t)bit;
	describe(w, ino, in);
	return 1;
}
