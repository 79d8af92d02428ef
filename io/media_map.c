// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * GETFSMAP and parent pointers for verify_media: which space is in use (-u)
 * and what a bad range held (-m).
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include "io.h"
#include "media_map.h"

#define FSMAP_RECS  256
#define SKIP_DEVICE (1ULL << 62) /* a low key past any device's end */

/* The kernel's new_encode_dev(), which GETFSMAP puts in fmr_device. */
static uint32_t
encode_dev(dev_t d)
{
	uint32_t maj = major(d), min = minor(d);

	return (min & 0xff) | (maj << 8) | ((min & ~0xffu) << 12);
}

static void
set_keys(struct fsmap_head *h, uint32_t lo_dev, uint64_t lo, uint32_t hi_dev,
	 uint64_t hi)
{
	memset(h, 0, sizeof(*h));
	h->fmh_count = FSMAP_RECS;
	h->fmh_keys[0].fmr_device = lo_dev;
	h->fmh_keys[0].fmr_physical = lo;
	h->fmh_keys[1].fmr_device = hi_dev;
	h->fmh_keys[1].fmr_physical = hi;
	h->fmh_keys[1].fmr_owner = ULLONG_MAX;
	h->fmh_keys[1].fmr_offset = ULLONG_MAX;
	h->fmh_keys[1].fmr_flags = UINT_MAX;
}

static bool
is_log_record(const struct fsmap *r)
{
	return (r->fmr_flags & FMR_OF_SPECIAL_OWNER) &&
	       r->fmr_owner == XFS_FMR_OWN_LOG;
}

/*
 * An external rt device's number is not known to userspace: walk GETFSMAP's
 * devices by asking for one record at the start of each, skipping the data
 * device and a device whose first record is the log.  A low key past a
 * device's end makes the kernel go on to the next device.
 */
static int
find_rt_key(struct media_map *m, uint32_t data_key)
{
	struct fsmap_head *h = m->head;
	uint32_t dev = 0;
	uint64_t phys = 0;

	for (int i = 0; i < 3; i++) {
		struct fsmap *r;

		set_keys(h, dev, phys, UINT_MAX, ULLONG_MAX);
		h->fmh_count = 1;
		if (ioctl(m->fd, FS_IOC_GETFSMAP, h) < 0)
			return -errno;
		if (!h->fmh_entries)
			break;
		r = &h->fmh_recs[0];
		if (r->fmr_device != data_key && !is_log_record(r)) {
			m->key = r->fmr_device;
			m->have_key = true;
			return 0;
		}
		if (r->fmr_device == UINT_MAX)
			break;
		dev = r->fmr_device;
		phys = SKIP_DEVICE;
	}
	return -ENODEV;
}

/* A directory on the filesystem: GETPARENTS_BY_HANDLE must be sent to one. */
static int
open_dir(int fd, const char *name, bool *ours)
{
	struct stat st, dst;
	char *copy, *slash;
	int dfd;

	*ours = false;
	if (fstat(fd, &st) < 0)
		return -1;
	if (S_ISDIR(st.st_mode))
		return fd;
	copy = strdup(name);
	if (!copy)
		return -1;
	slash = strrchr(copy, '/');
	if (!slash)
		strcpy(copy, ".");
	else if (slash == copy)
		slash[1] = '\0';
	else
		*slash = '\0';
	dfd = open(copy, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	free(copy);
	if (dfd < 0)
		return -1;
	if (fstat(dfd, &dst) < 0 || dst.st_dev != st.st_dev) {
		close(dfd);
		return -1;
	}
	*ours = true;
	return dfd;
}

int
media_map_init(struct media_map *m, int fd, const char *name,
	       const struct xfs_fsop_geom *geo, uint32_t dev, bool paths)
{
	struct stat st;
	uint32_t data_key;

	memset(m, 0, sizeof(*m));
	m->fd = fd;
	m->dirfd = -1;
	m->dev = dev;
	m->head = calloc(1, fsmap_sizeof(FSMAP_RECS));
	if (!m->head)
		return -ENOMEM;

	if (paths && (geo->flags & XFS_FSOP_GEOM_FLAGS_PARENT)) {
		/* Only the fsid matters; the kernel does not even check it. */
		hl_fd_to_handle(fd, &m->fs_handle);
		m->dirfd = open_dir(fd, name, &m->close_dir);
		m->parents = m->dirfd >= 0;
	}

	/* The external log holds nothing but the log: no GETFSMAP needed. */
	if (dev == XFS_DEV_LOG)
		return 0;
	/* With an internal rt section, GETFSMAP numbers the devices 1, 2, 3. */
	if (hl_geom_rtstart(geo)) {
		m->key = dev;
		m->have_key = true;
		return 0;
	}
	if (fstat(fd, &st) < 0)
		return -errno;
	data_key = encode_dev(st.st_dev);
	if (dev == XFS_DEV_DATA) {
		m->key = data_key;
		m->have_key = true;
		return 0;
	}
	return find_rt_key(m, data_key);
}

void
media_map_free(struct media_map *m)
{
	if (m->close_dir)
		close(m->dirfd);
	free(m->head);
	memset(m, 0, sizeof(*m));
	m->dirfd = -1;
}

typedef int (*fsmap_fn)(const struct fsmap *rec, void *arg);

/* Every record of sectors [start, end) of our device, in order. */
static int
walk(struct media_map *m, uint64_t start, uint64_t end, fsmap_fn fn, void *arg)
{
	struct fsmap_head *h = m->head;

	if (start >= end)
		return 0;
	set_keys(h, m->key, start << HL_BBSHIFT, m->key,
		 (end << HL_BBSHIFT) - 1);
	for (;;) {
		int error;

		if (ioctl(m->fd, FS_IOC_GETFSMAP, h) < 0)
			return -errno;
		if (!h->fmh_entries)
			return 0;
		for (unsigned int i = 0; i < h->fmh_entries; i++) {
			error = fn(&h->fmh_recs[i], arg);
			if (error)
				return error;
		}
		if (h->fmh_recs[h->fmh_entries - 1].fmr_flags & FMR_OF_LAST)
			return 0;
		fsmap_advance(h);
	}
}

struct used_ctx {
	struct hl_range_list *l;
	uint64_t start, end;
};

static int
add_used(const struct fsmap *rec, void *arg)
{
	struct used_ctx *u = arg;

	return hl_range_list_add_fsmap(u->l, rec, u->start, u->end,
				       HL_FSMAP_BRIDGE);
}

int
media_map_used(struct media_map *m, uint64_t start, uint64_t end,
	       struct hl_range_list *l)
{
	struct used_ctx u = {l, start, end};

	if (!m->have_key)
		return hl_range_list_add(l, start, end, 0);
	return walk(m, start, end, add_used, &u);
}

/* ---- owners -------------------------------------------------------------- */

static int
inode_gen(int fd, uint64_t ino, uint32_t *gen)
{
	struct xfs_bulkstat bs;
	int error = hl_bulkstat_one(fd, ino, &bs);

	if (!error)
		*gen = bs.bs_gen;
	return error;
}

/*
 * The path of @ino from the filesystem root, one parent pointer per level
 * (the first parent of a file with several links).  NULL if unknown.
 */
static char *
inode_path(struct media_map *m, uint64_t ino)
{
	struct xfs_handle h;
	char *path;
	uint32_t gen = 0;

	if (!m->parents || inode_gen(m->fd, ino, &gen))
		return NULL;
	hl_handle_for_inode(&m->fs_handle, ino, gen, &h);
	if (hl_handle_path(m->dirfd, &h, &path))
		return NULL;
	return path;
}

struct owners_ctx {
	uint64_t start, end;
	struct hl_media_owner *owners;
	size_t nr, alloc;
};

static int
add_owner(const struct fsmap *rec, void *arg)
{
	struct owners_ctx *c = arg;
	struct hl_media_owner o;

	if (hl_media_owner_from_fsmap(rec, c->start, c->end, &o))
		return 0;
	if (c->nr == c->alloc) {
		size_t n = c->alloc ? c->alloc * 2 : 8;
		struct hl_media_owner *p = realloc(c->owners, n * sizeof(*p));

		if (!p)
			return -ENOMEM;
		c->owners = p;
		c->alloc = n;
	}
	c->owners[c->nr++] = o;
	return 0;
}

/* Paths after the walk: GETFSMAP's buffer must not be reused under it. */
static void
add_paths(struct media_map *m, struct hl_media_owner *owners, size_t nr)
{
	for (size_t i = 0; i < nr; i++) {
		if (owners[i].kind != HL_OWNER_FILE)
			continue;
		if (i && owners[i - 1].kind == HL_OWNER_FILE &&
		    owners[i - 1].owner == owners[i].owner) {
			owners[i].path = owners[i - 1].path
						 ? strdup(owners[i - 1].path)
						 : NULL;
			continue;
		}
		owners[i].path = inode_path(m, owners[i].owner);
	}
}

int
media_map_owners(struct media_map *m, uint64_t start, uint64_t end,
		 struct hl_media_owner **owners, size_t *nr)
{
	struct owners_ctx c = {.start = start, .end = end};
	int error;

	*owners = NULL;
	*nr = 0;
	if (!m->have_key) {
		/* The external log device: all of it is the log. */
		struct fsmap rec = {
			.fmr_flags = FMR_OF_SPECIAL_OWNER,
			.fmr_physical = start << HL_BBSHIFT,
			.fmr_length = (end - start) << HL_BBSHIFT,
			.fmr_owner = XFS_FMR_OWN_LOG,
		};

		error = add_owner(&rec, &c);
	} else {
		error = walk(m, start, end, add_owner, &c);
	}
	if (error) {
		free(c.owners);
		return error;
	}
	add_paths(m, c.owners, c.nr);
	*owners = c.owners;
	*nr = c.nr;
	return 0;
}

void
media_owners_free(struct hl_media_owner *owners, size_t nr)
{
	for (size_t i = 0; i < nr; i++)
		free((char *)owners[i].path);
	free(owners);
}
