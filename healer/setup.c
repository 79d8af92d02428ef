// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Before the first event: make sure MOUNTPOINT is a whole mounted XFS,
 * decide whether to repair, remember how to find the filesystem again, and
 * open its health monitor.  The order and the lines are xfs_healer's.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <mntent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/xattr.h>

#include "healthd.h"
#include "mounts.h"

#define CAP_SYS_ADMIN_BIT 21

/*
 * Without CAP_SYS_ADMIN every step fails in its own misleading way (the
 * property reads as unset, repair looks unsupported, the monitor is
 * refused): say the one real reason first.  Unknown (no /proc): go on.
 */
static bool
lacks_sys_admin(void)
{
	FILE *f = fopen("/proc/self/status", "re");
	unsigned long long caps;
	char line[256];
	bool lacks = false;

	if (!f)
		return false;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "CapEff: %llx", &caps) == 1) {
			lacks = !(caps & (1ULL << CAP_SYS_ADMIN_BIT));
			break;
		}
	fclose(f);
	return lacks;
}

/* Kernels without statmount(): find the mount in the mount table. */
static bool
listed_as_xfs(const char *real)
{
	FILE *f = setmntent("/proc/self/mounts", "re");
	struct mntent *m;
	bool found = false;

	if (!f)
		return false;
	while (!found && (m = getmntent(f))) {
		char *dir;

		if (strcmp(m->mnt_type, "xfs"))
			continue;
		dir = realpath(m->mnt_dir, NULL);
		found = dir && !strcmp(dir, real);
		free(dir);
	}
	endmntent(f);
	return found;
}

/*
 * Is @fd the root of an XFS mounted at @mnt?  Learn its mount id.  0,
 * -EXDEV for a bind mount of a directory inside an XFS, else -EINVAL.
 */
static int
check_mount(struct healthd *hd, int fd)
{
	struct hl_mount_info mi = {0};
	char *real = realpath(hd->mnt, NULL);
	int error = -EINVAL;
	struct stat st;

	if (!real)
		return -errno;
	if (!hl_mount_id_of_fd(fd, &hd->mnt_id) && !hl_mount_stat(hd->mnt_id, &mi)) {
		struct log_name at, root, source;

		log_debug(hd, "mount id 0x%llx fstype %s at %s root %s source %s",
			  (unsigned long long)hd->mnt_id, mi.fstype,
			  log_name(&at, mi.mnt_point),
			  log_name(&root, mi.mnt_root),
			  mi.sb_source ? log_name(&source, mi.sb_source) : "?");
		if (!strcmp(mi.fstype, "xfs") && !strcmp(mi.mnt_point, real))
			/* The monitor is only for the root: not just EPERM. */
			error = strcmp(mi.mnt_root, "/") ? -EXDEV : 0;
	} else {
		log_debug(hd, "no statmount; reading the mount table");
		hd->mnt_id = 0;
		if (listed_as_xfs(real))
			error = 0;
	}
	hl_mount_info_free(&mi);
	if (!error && fstat(fd, &st) < 0)
		error = -errno;
	hd->where_root = strdup("/");
	if (!error && !hd->where_root)
		error = -ENOMEM;
	if (error) {
		free(real);
		return error;
	}
	hd->where = real;
	/* How mounts of this filesystem are known (reopen.c). */
	hd->dev_major = major(st.st_dev);
	hd->dev_minor = minor(st.st_dev);
	return 0;
}

/* trusted.xfs:autofsck on the root directory; unset if unreadable. */
static enum hl_autofsck
read_autofsck(struct healthd *hd, int fd)
{
	enum hl_autofsck v = HL_AUTOFSCK_UNSET;
	char buf[64];
	ssize_t len = fgetxattr(fd, HL_AUTOFSCK_XATTR, buf, sizeof(buf));

	if (len < 0) {
		if (errno != ENODATA)
			log_debug(hd, "%s: %s", HL_AUTOFSCK_XATTR,
				  strerror(errno));
		return v;
	}
	if (hl_autofsck_parse(buf, len, &v)) {
		struct log_name shown;
		char value[sizeof(buf) + 1];

		/* Anyone who can set it chooses its bytes (up to a NUL). */
		memcpy(value, buf, len);
		value[len] = '\0';
		log_debug(hd, "%s: unknown value '%s'", HL_AUTOFSCK_XATTR,
			  log_name(&shown, value));
	}
	return v;
}

/* Decide the mode; -1 to go on, or the exit status. */
static int
choose_mode(struct healthd *hd, int fd)
{
	struct hl_policy_input in = {
		.opt_repair = hd->opt.repair,
		.opt_no_autofsck = hd->opt.no_autofsck,
		.has_rmapbt = hd->has_rmapbt,
		.has_parent = hd->has_parent,
	};
	struct hl_policy p;

	if (!in.opt_repair && !in.opt_no_autofsck)
		in.autofsck = read_autofsck(hd, fd);
	hl_policy_decide(&in, &p);
	hd->mode = p.mode;

	switch (p.reason) {
	case HL_POLICY_AUTOFSCK_REPAIR:
		log_notice(hd, "Automatically repairing per autofsck directive.");
		break;
	case HL_POLICY_AUTOFSCK_LOG:
	case HL_POLICY_DEFAULT_LOG:
		if (!hd->opt.quiet)
			log_notice(hd,
				   "Only logging errors per autofsck directive.");
		break;
	case HL_POLICY_AUTOFSCK_NONE:
	case HL_POLICY_DEFAULT_NONE:
		log_notice(hd, "Disabling daemon per autofsck directive.");
		return EXIT_UNSUPPORTED;
	default:
		break;
	}
	log_debug(hd, "mode %s",
		  p.mode == HL_HEAL_REPAIR ? "repair" : "log only");
	if (p.mode != HL_HEAL_REPAIR)
		return -1;

	int error = hl_scrub_probe(fd, true);

	if (error) {
		log_debug(hd, "repair probe: %s", strerror(-error));
		if (p.reason == HL_POLICY_OPTION_REPAIR) {
			log_error(hd, "XFS online repair is not supported, "
				      "exiting");
			return EXIT_SETUP;
		}
		log_error(hd, "XFS online repair is not supported, "
			      "will report only");
		hd->mode = HL_HEAL_LOG;
		return -1;
	}
	if (!hd->has_rmapbt)
		log_error(hd, "XFS online repair is less effective without "
			      "rmap btrees.");
	if (!hd->has_parent)
		log_error(hd, "XFS online repair is less effective without "
			      "parent pointers.");
	return -1;
}

static int
open_monitor(struct healthd *hd, int fd)
{
	int mon = hl_monitor_open(fd, hd->opt.everything);

	if (mon >= 0) {
		hd->mon_fd = mon;
		return -1;
	}
	switch (-mon) {
	case ENOTTY:
	case EOPNOTSUPP:
		log_error(hd, "XFS health monitoring not supported.");
		return EXIT_UNSUPPORTED;
	case EEXIST:
		log_error(hd, "XFS health monitoring already running.");
		return EXIT_SETUP;
	default:
		log_error(hd, "%s", strerror(-mon));
		return EXIT_SETUP;
	}
}

/*
 * --from-recording: events from a recording (healthmon -o), to try hooks and
 * metrics on; nothing of the filesystem is read and nothing is repaired.
 */
static int
setup_replay(struct healthd *hd)
{
	struct log_name shown;
	const char *file = hd->opt.replay;
	int fd = strcmp(file, "-") ? open(file, O_RDONLY | O_CLOEXEC)
				   : fcntl(STDIN_FILENO, F_DUPFD_CLOEXEC, 3);
	int status;

	if (fd < 0) {
		log_added_error(hd, "--from-recording %s: %s", log_name(&shown, file),
				strerror(errno));
		return EXIT_SETUP;
	}
	hd->mode = HL_HEAL_LOG;
	log_added(hd, "replaying %s: events from a recording, no repairs",
		  log_name(&shown, file));
	status = healthd_metrics_setup(hd, -1);
	if (status < 0)
		status = hooks_setup(hd);
	if (status >= 0) {
		close(fd);
		return status;
	}
	hd->mon_fd = fd;
	return -1;
}

int
healthd_setup(struct healthd *hd)
{
	struct xfs_fsop_geom geo;
	int fd, status;

	hd->mnt = hd->opt.mountpoint;
	journal_setup(hd);
	pthread_mutex_init(&hd->where_lock, NULL);
	pthread_mutex_init(&hd->relocate_lock, NULL);
	path_cache_init(&hd->paths);
	if (hl_render_init(&hd->render, hd->mnt)) {
		struct log_name shown;

		fprintf(stderr, "xfs_healthd: %s: %s\n",
			log_name(&shown, hd->mnt), strerror(ENOMEM));
		return EXIT_SETUP;
	}
	if (hd->opt.replay)
		return setup_replay(hd);
	if (lacks_sys_admin()) {
		log_added_error(hd, "CAP_SYS_ADMIN is needed to monitor and "
				    "repair a filesystem");
		return EXIT_SETUP;
	}

	fd = open(hd->mnt, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		log_error(hd, "%s", strerror(errno));
		return EXIT_SETUP;
	}
	status = -hl_fs_geometry(fd, &geo);
	if (status) {
		log_error(hd, "%s", strerror(status));
		status = EXIT_SETUP;
		goto out;
	}
	hd->has_rmapbt = geo.flags & XFS_FSOP_GEOM_FLAGS_RMAPBT;
	hd->has_parent = geo.flags & XFS_FSOP_GEOM_FLAGS_PARENT;

	switch (check_mount(hd, fd)) {
	case 0:
		break;
	case -EXDEV:
		log_error(hd, "Not a XFS mount point.");
		log_added_error(hd, "this is a bind mount of a directory "
				    "inside the filesystem, not of its root");
		status = EXIT_SETUP;
		goto out;
	default:
		log_error(hd, "Not a XFS mount point.");
		status = EXIT_SETUP;
		goto out;
	}
	status = choose_mode(hd, fd);
	if (status >= 0)
		goto out;

	/* The handle is how a later open by path proves it found us. */
	if (hd->mode == HL_HEAL_REPAIR || hd->has_parent) {
		int error = hl_fd_to_handle(fd, &hd->fs_handle);

		if (error) {
			log_error(hd, "%s", strerror(-error));
			status = EXIT_SETUP;
			goto out;
		}
		hd->have_handle = true;
	}
	status = healthd_metrics_setup(hd, fd);
	if (status < 0 && !hd->opt.supported)
		status = hooks_setup(hd);
	if (status < 0)
		status = open_monitor(hd, fd);
out:
	/* From here on nothing holds the filesystem open. */
	close(fd);
	return status;
}

void
healthd_teardown(struct healthd *hd)
{
	if (hd->mon_fd >= 0)
		close(hd->mon_fd);
	hd->mon_fd = -1;
	free(hd->where);
	hd->where = NULL;
	free(hd->where_root);
	hd->where_root = NULL;
	path_cache_destroy(&hd->paths);
	hl_render_free(&hd->render);
	hooks_release(hd);
	queue_free(hd);
	healthd_metrics_release(hd);
	journal_teardown(hd);
}
