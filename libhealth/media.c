// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Verify-media range arithmetic: number parsing, sector rounding, walking a
 * range past every bad I/O, splitting, merging GETFSMAP extents for -u and
 * mapping a bad range to what GETFSMAP says owns it.  No I/O here.
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <linux/fsmap.h>

#include "internal.h"
#include "xfs_health_abi.h"

int
hl_parse_size(const char *arg, uint32_t blocksize, uint64_t *bytes)
{
	uint64_t v, unit = 1;
	const char *end;
	int error;

	if (!bytes)
		return -EINVAL;
	error = hl_parse_leading(arg, &v, &end);
	if (error)
		return error;
	if (*end) {
		if (end[1])
			return -EINVAL;
		switch (tolower((unsigned char)*end)) {
		case 'b':
			if (!blocksize)
				return -EINVAL;
			unit = blocksize;
			break;
		case 's':
			unit = HL_BBSIZE;
			break;
		case 'k':
			unit = 1ULL << 10;
			break;
		case 'm':
			unit = 1ULL << 20;
			break;
		case 'g':
			unit = 1ULL << 30;
			break;
		case 't':
			unit = 1ULL << 40;
			break;
		case 'p':
			unit = 1ULL << 50;
			break;
		case 'e':
			unit = 1ULL << 60;
			break;
		default:
			return -EINVAL;
		}
	}
	if (__builtin_mul_overflow(v, unit, bytes))
		return -ERANGE;
	return 0;
}

uint64_t
hl_daddr_floor(uint64_t bytes)
{
	return bytes >> HL_BBSHIFT;
}

uint64_t
hl_daddr_ceil(uint64_t bytes)
{
	return (bytes >> HL_BBSHIFT) + !!(bytes & (HL_BBSIZE - 1));
}

uint32_t
hl_verify_io_sectors(uint64_t max_io, uint32_t align)
{
	uint64_t io =
		max_io && max_io < HL_VERIFY_MAX_IO ? max_io : HL_VERIFY_MAX_IO;
	uint32_t sectors = io >> HL_BBSHIFT;

	if (!align)
		align = 1;
	sectors -= sectors % align;
	return sectors ? sectors : align;
}

void
hl_verify_cursor_init(struct hl_verify_cursor *c, uint64_t start, uint64_t end,
		      uint32_t io_sectors)
{
	memset(c, 0, sizeof(*c));
	c->start = start;
	c->end = end;
	c->io_sectors = io_sectors ? io_sectors : 1;
}

bool
hl_verify_cursor_done(const struct hl_verify_cursor *c)
{
	return c->start >= c->end;
}

void
hl_verify_cursor_next(const struct hl_verify_cursor *c, uint64_t *start,
		      uint64_t *end, bool *reread)
{
	*start = c->start;
	*end = c->end;
	*reread = c->parked;
	if (c->parked && c->end - c->start > c->io_sectors)
		*end = c->start + c->io_sectors;
}

/* One I/O's worth from @at, as a bad range. */
static int
bad_io(struct hl_verify_cursor *c, uint64_t at, int error,
       struct hl_bad_range *bad)
{
	uint64_t end =
		c->end - at > c->io_sectors ? at + c->io_sectors : c->end;

	bad->start = at;
	bad->end = end;
	bad->error = error;
	c->bad += end - at;
	c->start = end;
	c->parked = false;
	c->stalled = false;
	return 1;
}

int
hl_verify_cursor_step(struct hl_verify_cursor *c, uint64_t req_end,
		      uint64_t ret_start, uint64_t ret_end, uint32_t ioerror,
		      struct hl_bad_range *bad)
{
	uint64_t lim;

	/* The kernel only ever lowers the end and raises the start. */
	if (ret_end < req_end && ret_end < c->end)
		c->end = ret_end;
	lim = req_end < c->end ? req_end : c->end;
	if (c->start >= lim) {
		c->start = lim;
		c->parked = false;
		return 0;
	}
	if (ret_start < c->start)
		ret_start = c->start;

	if (ioerror) {
		/* The first I/O failed; anything before it was clamped off. */
		if (ret_start >= lim) {
			c->skipped += lim - c->start;
			c->start = lim;
			c->parked = false;
			return 0;
		}
		c->skipped += ret_start - c->start;
		return bad_io(c, ret_start, ioerror, bad);
	}
	if (ret_start >= lim) {
		c->verified += lim - c->start;
		c->start = lim;
		c->parked = false;
		c->stalled = false;
		return 0;
	}
	if (ret_start > c->start) {
		/* Parked on a bad I/O: the next call re-reads just that one. */
		c->verified += ret_start - c->start;
		c->start = ret_start;
		c->parked = true;
		c->stalled = false;
		return 0;
	}
	/* No progress and no error: allow one retry, then step over it. */
	if (!c->stalled) {
		c->stalled = true;
		return 0;
	}
	return bad_io(c, c->start, EIO, bad);
}

size_t
hl_split_range(uint64_t start, uint64_t end, size_t n, uint32_t align,
	       struct hl_daddr_range *out)
{
	uint64_t len, prev = start;
	size_t nr = 0;

	if (start >= end || !n || !out)
		return 0;
	if (!align)
		align = 1;
	len = end - start;
	for (size_t i = 1; i <= n; i++) {
		uint64_t b;

		if (i == n) {
			b = end;
		} else {
			/* start + len * i / n without overflowing 64 bits */
			b = start + (len / n) * i + (len % n) * i / n;
			b -= b % align;
			if (b <= prev)
				continue;
		}
		out[nr].start = prev;
		out[nr].end = b;
		nr++;
		prev = b;
	}
	return nr;
}

/* ---- range lists --------------------------------------------------------- */

static int
grow(void **array, size_t *alloc, size_t nr, size_t size)
{
	size_t n = *alloc ? *alloc * 2 : 16;
	void *p;

	if (*array && nr < *alloc)
		return 0;
	p = realloc(*array, n * size);
	if (!p)
		return -ENOMEM;
	*array = p;
	*alloc = n;
	return 0;
}

/* Could [start, end) join @r: overlapping, touching or within @bridge? */
static bool
joins(const struct hl_daddr_range *r, uint64_t start, uint64_t end,
      uint64_t bridge)
{
	if (start >= r->start)
		return start <= r->end || start - r->end <= bridge;
	return end >= r->start || r->start - end <= bridge;
}

static int
cmp_range(const void *a, const void *b)
{
	const struct hl_daddr_range *x = a, *y = b;

	return x->start < y->start ? -1 : x->start > y->start;
}

/* Sort and merge everything that joins; for input out of order. */
static void
normalize(struct hl_range_list *l, uint64_t bridge)
{
	size_t out = 0;

	qsort(l->ranges, l->nr, sizeof(*l->ranges), cmp_range);
	for (size_t i = 0; i < l->nr; i++) {
		struct hl_daddr_range *r = &l->ranges[i];

		if (out &&
		    joins(&l->ranges[out - 1], r->start, r->end, bridge)) {
			if (r->end > l->ranges[out - 1].end)
				l->ranges[out - 1].end = r->end;
			continue;
		}
		l->ranges[out++] = *r;
	}
	l->nr = out;
}

int
hl_range_list_add(struct hl_range_list *l, uint64_t start, uint64_t end,
		  uint64_t bridge)
{
	struct hl_daddr_range *last;
	bool in_order;

	if (start >= end)
		return 0;
	last = l->nr ? &l->ranges[l->nr - 1] : NULL;
	if (last && joins(last, start, end, bridge)) {
		if (start < last->start)
			last->start = start;
		if (end > last->end)
			last->end = end;
		if (l->nr > 1 && joins(&l->ranges[l->nr - 2], last->start,
				       last->end, bridge))
			normalize(l, bridge);
		return 0;
	}
	/* Before grow(): it may move the array, and @last with it. */
	in_order = !last || start > last->end;
	if (grow((void **)&l->ranges, &l->alloc, l->nr, sizeof(*l->ranges)))
		return -ENOMEM;
	l->ranges[l->nr].start = start;
	l->ranges[l->nr].end = end;
	l->nr++;
	if (!in_order)
		normalize(l, bridge);
	return 0;
}

uint64_t
hl_range_list_sectors(const struct hl_range_list *l)
{
	uint64_t sum = 0;

	for (size_t i = 0; i < l->nr; i++)
		sum += l->ranges[i].end - l->ranges[i].start;
	return sum;
}

int
hl_range_list_subtract(const struct hl_range_list *from,
		       const struct hl_range_list *minus,
		       struct hl_range_list *out)
{
	size_t m = 0;

	/* Both sorted and merged: one pass over each. */
	for (size_t i = 0; i < from->nr; i++) {
		uint64_t pos = from->ranges[i].start, end = from->ranges[i].end;

		while (m < minus->nr && minus->ranges[m].end <= pos)
			m++;
		for (size_t j = m; j < minus->nr && pos < end; j++) {
			const struct hl_daddr_range *x = &minus->ranges[j];

			if (x->start >= end)
				break;
			if (x->start > pos &&
			    hl_range_list_add(out, pos, x->start, 0))
				return -ENOMEM;
			if (x->end > pos)
				pos = x->end;
		}
		if (pos < end && hl_range_list_add(out, pos, end, 0))
			return -ENOMEM;
	}
	return 0;
}

void
hl_range_list_free(struct hl_range_list *l)
{
	free(l->ranges);
	memset(l, 0, sizeof(*l));
}

/* ---- GETFSMAP ------------------------------------------------------------ */

bool
hl_fsmap_in_use(const struct fsmap *rec)
{
	if (!rec->fmr_length)
		return false;
	return !((rec->fmr_flags & FMR_OF_SPECIAL_OWNER) &&
		 rec->fmr_owner == XFS_FMR_OWN_FREE);
}

/* The record's sectors clipped to [start, end); false if none are left. */
static bool
clip(const struct fsmap *rec, uint64_t start, uint64_t end, uint64_t *s,
     uint64_t *e)
{
	uint64_t rec_end = rec->fmr_physical + rec->fmr_length;

	if (rec_end < rec->fmr_physical)
		rec_end = UINT64_MAX; /* a record past 2^64 bytes: clamp */
	*s = hl_daddr_floor(rec->fmr_physical);
	*e = hl_daddr_ceil(rec_end);
	if (*s < start)
		*s = start;
	if (*e > end)
		*e = end;
	return *s < *e;
}

int
hl_range_list_add_fsmap(struct hl_range_list *l, const struct fsmap *rec,
			uint64_t start, uint64_t end, uint64_t bridge)
{
	uint64_t s, e;

	if (!hl_fsmap_in_use(rec) || !clip(rec, start, end, &s, &e))
		return 0;
	return hl_range_list_add(l, s, e, bridge);
}

int
hl_media_owner_from_fsmap(const struct fsmap *rec, uint64_t start, uint64_t end,
			  struct hl_media_owner *o)
{
	uint64_t rec_end = rec->fmr_physical + rec->fmr_length;
	uint64_t lo, hi;

	if (rec_end < rec->fmr_physical)
		rec_end = UINT64_MAX;
	/* Bytes, as GETFSMAP has them. */
	lo = start > UINT64_MAX >> HL_BBSHIFT ? UINT64_MAX
					      : start << HL_BBSHIFT;
	hi = end > UINT64_MAX >> HL_BBSHIFT ? UINT64_MAX : end << HL_BBSHIFT;
	if (lo < rec->fmr_physical)
		lo = rec->fmr_physical;
	if (hi > rec_end)
		hi = rec_end;
	if (lo >= hi)
		return -ENOENT;

	memset(o, 0, sizeof(*o));
	o->offset = lo;
	o->length = hi - lo;
	o->owner = rec->fmr_owner;
	o->flags = rec->fmr_flags;
	if (rec->fmr_flags & FMR_OF_SPECIAL_OWNER) {
		o->kind = rec->fmr_owner == XFS_FMR_OWN_FREE
				  ? HL_OWNER_FREE
				  : HL_OWNER_METADATA;
	} else {
		o->kind = HL_OWNER_FILE;
		/* A mapping block has no file offset of its own. */
		if (!(rec->fmr_flags & FMR_OF_EXTENT_MAP))
			o->pos = rec->fmr_offset + (lo - rec->fmr_physical);
	}
	return 0;
}

/* Our words for GETFSMAP's special owners (xfs_fs.h, linux/fsmap.h). */
static const struct hl_name fsmap_owners[] = {
	{FMR_OWN_FREE, "free space"},
	{FMR_OWN_UNKNOWN, "unknown owner"},
	{FMR_OWN_METADATA, "metadata"},
	{XFS_FMR_OWN_FS, "static fs metadata"},
	{XFS_FMR_OWN_LOG, "log"},
	{XFS_FMR_OWN_AG, "per-AG metadata"},
	{XFS_FMR_OWN_INOBT, "inode btree"},
	{XFS_FMR_OWN_INODES, "inodes"},
	{XFS_FMR_OWN_REFC, "refcount btree"},
	{XFS_FMR_OWN_COW, "copy-on-write staging"},
	{XFS_FMR_OWN_DEFECTIVE, "defective blocks"},
};
HL_NAME_TABLE(fsmap_owner_table, "fsmap owner", HL_TABLE_VALUES, fsmap_owners);

const struct hl_name_table *
hl_fsmap_owner_names(void)
{
	return &fsmap_owner_table;
}

/* ---- bad ranges ---------------------------------------------------------- */

int
hl_bad_list_add(struct hl_bad_list *l, const struct hl_bad_range *r)
{
	struct hl_bad_range *last = l->nr ? &l->ranges[l->nr - 1] : NULL;

	if (r->start >= r->end)
		return 0;
	if (last && last->error == r->error && r->start >= last->start &&
	    r->start <= last->end) {
		if (r->end > last->end)
			last->end = r->end;
		return 0;
	}
	if (grow((void **)&l->ranges, &l->alloc, l->nr, sizeof(*l->ranges)))
		return -ENOMEM;
	l->ranges[l->nr++] = *r;
	return 0;
}

static int
cmp_bad(const void *a, const void *b)
{
	const struct hl_bad_range *x = a, *y = b;

	return x->start < y->start ? -1 : x->start > y->start;
}

void
hl_bad_list_sort(struct hl_bad_list *l)
{
	size_t out = 0;

	/* An empty list may have no array at all, which qsort must not see. */
	if (!l->nr)
		return;
	qsort(l->ranges, l->nr, sizeof(*l->ranges), cmp_bad);
	for (size_t i = 0; i < l->nr; i++) {
		struct hl_bad_range *r = &l->ranges[i];
		struct hl_bad_range *prev = out ? &l->ranges[out - 1] : NULL;

		if (prev && prev->error == r->error && r->start <= prev->end) {
			if (r->end > prev->end)
				prev->end = r->end;
			continue;
		}
		l->ranges[out++] = *r;
	}
	l->nr = out;
}

uint64_t
hl_bad_list_sectors(const struct hl_bad_list *l)
{
	uint64_t sum = 0;

	for (size_t i = 0; i < l->nr; i++)
		sum += l->ranges[i].end - l->ranges[i].start;
	return sum;
}

void
hl_bad_list_free(struct hl_bad_list *l)
{
	free(l->ranges);
	memset(l, 0, sizeof(*l));
}
