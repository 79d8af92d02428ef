// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The whole disks a block device reads from, as sysfs tells: through
 * partitions, device-mapper and md stacks (slaves/) and loop devices (their
 * backing file's device), so that two media scans of one disk can know it.
 */
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include "internal.h"

#define MAX_DEPTH 16  /* stacks deeper than this are not real */
#define MAX_DISKS 256

struct walk {
	const char *sysfs;
	struct hl_disk *disks;
	size_t nr, alloc;
};

/* A small sysfs file's first line, without its newline. */
static int
read_line(const char *path, char *buf, size_t len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return -errno;
	n = read(fd, buf, len - 1);
	close(fd);
	if (n < 0)
		return -errno;
	buf[n] = '\0';
	buf[strcspn(buf, "\n")] = '\0';
	return 0;
}

static int
read_devnum(const char *path, uint32_t *major, uint32_t *minor)
{
	char line[32];
	unsigned int ma, mi;
	char extra;
	int error = read_line(path, line, sizeof(line));

	if (error)
		return error;
	if (sscanf(line, "%u:%u%c", &ma, &mi, &extra) != 2)
		return -EINVAL;
	*major = ma;
	*minor = mi;
	return 0;
}

/* A path from @fmt into @buf (PATH_MAX); -ENAMETOOLONG if it does not fit. */
static int __attribute__((format(printf, 2, 3)))
pathf(char *buf, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, PATH_MAX, fmt, ap);
	va_end(ap);
	return n < 0 || n >= PATH_MAX ? -ENAMETOOLONG : 0;
}

static int add_device(struct walk *w, uint32_t major, uint32_t minor,
		      int depth);

static int
add_disk(struct walk *w, const char *dir, uint32_t major, uint32_t minor)
{
	char target[PATH_MAX];
	const char *name;
	size_t len;
	ssize_t n;

	for (size_t i = 0; i < w->nr; i++)
		if (w->disks[i].major == major && w->disks[i].minor == minor)
			return 0;
	if (w->nr == MAX_DISKS)
		return -E2BIG;
	if (w->nr == w->alloc) {
		size_t want = w->alloc ? w->alloc * 2 : 4;
		struct hl_disk *p = realloc(w->disks, want * sizeof(*p));

		if (!p)
			return -ENOMEM;
		w->disks = p;
		w->alloc = want;
	}
	n = readlink(dir, target, sizeof(target) - 1);
	target[n > 0 ? n : 0] = '\0';
	name = strrchr(target, '/');
	name = name ? name + 1 : target;
	memset(&w->disks[w->nr], 0, sizeof(w->disks[w->nr]));
	w->disks[w->nr].major = major;
	w->disks[w->nr].minor = minor;
	/* The kernel's names are shorter (DISK_NAME_LEN); cut, never overrun. */
	if (!*name)
		name = "?";
	len = strlen(name);
	if (len >= sizeof(w->disks[w->nr].name))
		len = sizeof(w->disks[w->nr].name) - 1;
	memcpy(w->disks[w->nr].name, name, len);
	w->nr++;
	return 0;
}

/* The devices under a dm or md device; 1 if it has any. */
static int
add_slaves(struct walk *w, const char *dir, int depth)
{
	char path[PATH_MAX];
	struct dirent *d;
	DIR *dp;
	int found = 0, error = 0;

	if (pathf(path, "%s/slaves", dir))
		return -ENAMETOOLONG;
	dp = opendir(path);
	if (!dp)
		return 0;
	while (!error && (d = readdir(dp))) {
		uint32_t ma, mi;

		if (d->d_name[0] == '.')
			continue;
		if (pathf(path, "%s/class/block/%s/dev", w->sysfs,
			  d->d_name) ||
		    read_devnum(path, &ma, &mi))
			continue; /* gone meanwhile */
		error = add_device(w, ma, mi, depth + 1);
		found = 1;
	}
	closedir(dp);
	return error ? error : found;
}

/* A loop device's backing file's device; 1 if it is a loop device. */
static int
add_loop_backing(struct walk *w, const char *dir, int depth)
{
	char path[PATH_MAX], file[PATH_MAX];
	struct stat st;

	dev_t dev;
	int error;

	if (pathf(path, "%s/loop/backing_file", dir) ||
	    read_line(path, file, sizeof(file)))
		return 0;
	if (stat(file, &st) < 0)
		return 1; /* deleted or elsewhere: nothing more to know */
	dev = S_ISBLK(st.st_mode) ? st.st_rdev : st.st_dev;
	error = add_device(w, major(dev), minor(dev), depth + 1);
	return error ? error : 1;
}

static int
add_device(struct walk *w, uint32_t major, uint32_t minor, int depth)
{
	char dir[PATH_MAX], path[PATH_MAX];
	uint32_t ma, mi;
	int error;

	if (depth > MAX_DEPTH)
		return -ELOOP;
	if (pathf(dir, "%s/dev/block/%u:%u", w->sysfs, major, minor))
		return -ENAMETOOLONG;
	if (access(dir, F_OK) < 0)
		return 0; /* not a block device sysfs knows (tmpfs, nfs) */
	if (pathf(path, "%s/partition", dir) == 0 && access(path, F_OK) == 0) {
		/* The disk holding it, which may itself be stacked. */
		if (pathf(path, "%s/../dev", dir) == 0 &&
		    read_devnum(path, &ma, &mi) == 0)
			return add_device(w, ma, mi, depth + 1);
	}
	error = add_slaves(w, dir, depth);
	if (error)
		return error < 0 ? error : 0;
	error = add_loop_backing(w, dir, depth);
	if (error)
		return error < 0 ? error : 0;
	return add_disk(w, dir, major, minor);
}

static int
cmp_disk(const void *a, const void *b)
{
	const struct hl_disk *x = a, *y = b;

	if (x->major != y->major)
		return x->major < y->major ? -1 : 1;
	return x->minor < y->minor ? -1 : x->minor > y->minor;
}

int
hl_block_disks(const char *sysfs, uint32_t major, uint32_t minor,
	       struct hl_disk **disks, size_t *nr)
{
	struct walk w = {.sysfs = sysfs ? sysfs : "/sys"};
	int error = add_device(&w, major, minor, 0);

	if (error) {
		free(w.disks);
		return error;
	}
	if (w.nr)
		qsort(w.disks, w.nr, sizeof(*w.disks), cmp_disk);
	*disks = w.disks;
	*nr = w.nr;
	return 0;
}
