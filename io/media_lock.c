// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * One media scan per disk: a scan locks every whole disk under the section
 * it reads (partitions, dm and md stacks and loop devices resolved through
 * sysfs), so two scans never share a disk's heads or bandwidth.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include "io.h"
#include "media_scan.h"
#include "xfs_health_abi.h"

/*
 * Under /run, which only root may write (/run/lock lets anyone make a
 * directory there first and hold our locks).
 */
#define RUN_DIR	     "/run/xfs_health"
#define LOCK_DIR     RUN_DIR "/locks"
#define WAIT_POLL_US 250000
#define IGNORE_HINT  " (--busy=ignore scans without the lock)"

/* mountinfo's octal escapes (\040 for a space) undone in place. */
static void
unescape(char *s)
{
	char *out = s;

	for (; *s; s++) {
		if (s[0] == '\\' && s[1] >= '0' && s[1] <= '3' &&
		    s[2] >= '0' && s[2] <= '7' && s[3] >= '0' && s[3] <= '7') {
			*out++ = (s[1] - '0') << 6 | (s[2] - '0') << 3 |
				 (s[3] - '0');
			s += 3;
			continue;
		}
		*out++ = *s;
	}
	*out = '\0';
}

/*
 * The device number of an external log or realtime device: the logdev= or
 * rtdev= option of the filesystem's entry in /proc/self/mountinfo.
 */
static int
option_device(dev_t fs_dev, const char *opt, dev_t *dev)
{
	FILE *f = fopen("/proc/self/mountinfo", "re");
	size_t optlen = strlen(opt), cap = 0;
	char *line = NULL;
	int error = -ENOENT;

	if (!f)
		return -errno;
	while (error == -ENOENT && getline(&line, &cap, f) > 0) {
		unsigned int ma, mi;
		char *sep, *supers, *tok, *save;

		if (sscanf(line, "%*u %*u %u:%u", &ma, &mi) != 2 ||
		    makedev(ma, mi) != fs_dev)
			continue;
		sep = strstr(line, " - ");
		/* " - fstype source superoptions" */
		if (!sep || !(supers = strchr(sep + 3, ' ')) ||
		    !(supers = strchr(supers + 1, ' ')))
			continue;
		supers[strcspn(supers, "\n")] = '\0';
		for (tok = strtok_r(supers + 1, ",", &save); tok;
		     tok = strtok_r(NULL, ",", &save)) {
			struct stat st;

			if (strncmp(tok, opt, optlen) || tok[optlen] != '=')
				continue;
			unescape(tok + optlen + 1);
			if (stat(tok + optlen + 1, &st) < 0)
				error = -errno;
			else if (!S_ISBLK(st.st_mode))
				error = -ENOTBLK;
			else {
				*dev = st.st_rdev;
				error = 0;
			}
			break;
		}
	}
	free(line);
	fclose(f);
	return error;
}

static int
section_device(int fd, uint32_t section, bool rt_internal, dev_t *dev)
{
	struct stat st;

	if (fstat(fd, &st) < 0)
		return -errno;
	switch (section) {
	case XFS_DEV_LOG:
		return option_device(st.st_dev, "logdev", dev);
	case XFS_DEV_RT:
		/* An internal realtime section is on the data device. */
		if (!rt_internal)
			return option_device(st.st_dev, "rtdev", dev);
		/* fall through */
	default:
		*dev = st.st_dev;
		return 0;
	}
}

static long
holder_of(int fd)
{
	char buf[32];
	ssize_t n = pread(fd, buf, sizeof(buf) - 1, 0);

	if (n <= 0)
		return 0;
	buf[n] = '\0';
	return strtol(buf, NULL, 10);
}

static void
say_holder(const char *what, const struct hl_disk *d, long pid)
{
	if (pid > 0)
		io_error("verify_media: %s %s (scanned by pid %ld)", what,
			 d->name, pid);
	else
		io_error("verify_media: %s %s (being scanned)", what, d->name);
}

/* 0 locked, 1 gave up (said why), -1 error (said), -2 no lock file. */
static int
lock_disk(const struct hl_disk *d, enum media_busy busy, time_t deadline,
	  bool must, int *fdp)
{
	char path[64], pid[32];
	bool said = false;
	struct stat st;
	int fd;

	snprintf(path, sizeof(path), LOCK_DIR "/disk-%u:%u", d->major,
		 d->minor);
	fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
	if (fd >= 0 && (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) ||
			st.st_uid != geteuid() || st.st_nlink != 1)) {
		close(fd);
		fd = -1;
		errno = EPERM; /* not a file of ours */
	}
	if (fd < 0 && !must)
		return -2;
	if (fd < 0) {
		io_error("verify_media: cannot lock disk %s: %s: %s" IGNORE_HINT,
			 d->name, path, strerror(errno));
		return -1;
	}
	while (flock(fd, LOCK_EX | LOCK_NB) < 0) {
		if (errno == EINTR)
			continue;
		if (errno != EWOULDBLOCK) {
			int err = errno;

			close(fd);
			if (!must)
				return -2; /* a plain run goes on unlocked */
			io_error("verify_media: cannot lock disk %s: %s: %s",
				 d->name, path, strerror(err));
			return -1;
		}
		if (busy == MEDIA_BUSY_SKIP) {
			say_holder("not scanning now: another scan has disk",
				   d, holder_of(fd));
			close(fd);
			return 1;
		}
		if (!said)
			say_holder("waiting for disk", d, holder_of(fd));
		said = true;
		if (deadline && time(NULL) >= deadline) {
			say_holder("the time to scan ran out waiting for disk",
				   d, holder_of(fd));
			close(fd);
			return 1;
		}
		usleep(WAIT_POLL_US);
	}
	snprintf(pid, sizeof(pid), "%ld\n", (long)getpid());
	if (ftruncate(fd, 0) < 0 ||
	    pwrite(fd, pid, strlen(pid), 0) != (ssize_t)strlen(pid)) {
		/* Only a note for the next scan's message. */
	}
	*fdp = fd;
	return 0;
}

/* A directory of ours: no link, our owner, written by no one else. */
static int
own_dir(const char *path)
{
	struct stat st;

	if (mkdir(path, 0755) < 0 && errno != EEXIST)
		return -errno;
	if (lstat(path, &st) < 0)
		return -errno;
	if (!S_ISDIR(st.st_mode))
		return -ENOTDIR;
	if (st.st_uid != geteuid() || (st.st_mode & 022))
		return -EPERM;
	return 0;
}

/* The lock directory; *where: the one that failed. */
static int
make_lock_dir(const char **where)
{
	int error = own_dir(RUN_DIR);

	*where = RUN_DIR;
	if (error)
		return error;
	*where = LOCK_DIR;
	return own_dir(LOCK_DIR);
}

int
media_lock_take(int fd, uint32_t section, bool rt_internal,
		enum media_busy busy, bool must, time_t deadline,
		struct media_lock *l)
{
	struct hl_disk *disks = NULL;
	const char *where;
	size_t nr = 0;
	dev_t dev = 0;
	int error, ret = 0;

	memset(l, 0, sizeof(*l));
	if (busy == MEDIA_BUSY_IGNORE)
		return 0;
	error = section_device(fd, section, rt_internal, &dev);
	if (error && !must)
		return 0;
	if (error) {
		io_error("verify_media: cannot tell which disk the %s is on: "
			 "%s" IGNORE_HINT,
			 hl_name_of(hl_device_names(), section),
			 strerror(-error));
		return -1;
	}
	error = hl_block_disks("/sys", major(dev), minor(dev), &disks, &nr);
	if (error && !must)
		return 0;
	if (error) {
		io_error("verify_media: cannot tell which disks %u:%u is "
			 "on: %s" IGNORE_HINT,
			 major(dev), minor(dev), strerror(-error));
		return -1;
	}
	if (!nr) {
		/* sysfs knows no disk under it: the device is its own. */
		disks = calloc(1, sizeof(*disks));
		if (!disks) {
			io_error("verify_media: %s", strerror(ENOMEM));
			return -1;
		}
		disks->major = major(dev);
		disks->minor = minor(dev);
		snprintf(disks->name, sizeof(disks->name), "%u:%u",
			 disks->major, disks->minor);
		nr = 1;
	}
	error = make_lock_dir(&where);
	if (error && !must) {
		free(disks);
		return 0;
	}
	if (error) {
		io_error("verify_media: cannot lock disks: %s: %s" IGNORE_HINT,
			 where, strerror(-error));
		free(disks);
		return -1;
	}
	l->fds = calloc(nr ? nr : 1, sizeof(*l->fds));
	if (!l->fds) {
		io_error("verify_media: %s", strerror(ENOMEM));
		free(disks);
		return -1;
	}
	/* In order of number, so two scans never wait for each other. */
	for (size_t i = 0; i < nr && !ret; i++) {
		ret = lock_disk(&disks[i], busy, deadline, must,
				&l->fds[l->nr]);
		if (!ret)
			l->nr++;
	}
	free(disks);
	if (ret == -2) {
		/* A plain run where no lock can be made runs as xfs_io's. */
		media_lock_release(l);
		return 0;
	}
	if (ret)
		media_lock_release(l);
	return ret;
}

void
media_lock_release(struct media_lock *l)
{
	for (size_t i = 0; i < l->nr; i++) {
		/* The pid goes with the lock: a later holder is not us. */
		if (ftruncate(l->fds[i], 0) < 0) {
			/* only a note for the next scan's message */
		}
		close(l->fds[i]);
	}
	free(l->fds);
	memset(l, 0, sizeof(*l));
}
