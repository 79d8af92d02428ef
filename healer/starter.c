// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * xfs_healthd --start: watch a mount namespace and ask systemd to start
 * xfs_healthd@<escaped mount point>.service for each whole XFS filesystem
 * in it, first the ones listmount finds, then each one a fanotify mount
 * event announces (Linux 6.14+).
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/fanotify.h>
#include <sys/signalfd.h>
#include <time.h>
#include <unistd.h>

#include "xfs_health_abi.h"
#include "clock.h"
#include "health.h"
#include "mounts.h"
#include "service.h"
#include "starter.h"

/* As the daemon's: a bad command line is a plain failure, as upstream's. */
enum {
	START_OK = 0,
	START_FAILED = 1, /* not supported here, or stopped by an error */
	START_USAGE = 1,
};

/*
 * One mount can be announced twice: listed at start and also attached
 * while we listed, or reported again by a rescan after lost events.  The
 * same mount id on the same mount point within this window is started
 * once; systemd would only restart the unit, but the log would repeat.
 */
#define REPEAT_WINDOW_NS (10 * NSEC_PER_SEC)

struct started {
	uint64_t mnt_id;
	char *mnt_point;
	uint64_t when_ns;
};

struct starter {
	const char *progname;
	bool debug;
	int ns_fd;
	int fan_fd;
	int sig_fd;
	struct started *started;
	size_t nr_started;
};

static void
usage(FILE *out, const char *progname)
{
	fprintf(out,
		"Usage: %s --start [--debug] [--mountns PATH] [--supported]\n"
		"\n"
		"Ask systemd to start " HEALTHD_UNIT_PREFIX
		"@.service for each XFS filesystem mounted\n"
		"now, and for each one mounted later, until stopped.\n"
		"\n"
		"Options:\n"
		"  --start         Watch mounts, not one filesystem (this mode).\n"
		"  --debug         Trace mount events and mounts on stderr.\n"
		"  --mountns PATH  Watch that mount namespace (/proc/PID/ns/mnt).\n"
		"  --supported     Check that the kernel can; exit 0 if it can.\n"
		"  -V              Print the version.\n"
		"  --help          Print this help.\n",
		progname);
}

static void
try_help(const char *progname)
{
	fprintf(stderr, "Try '%s --start --help' for more information.\n",
		progname);
}

/* Diagnostics go after whatever stdout still holds, to keep 2>&1 ordered. */
static void __attribute__((format(printf, 1, 2)))
say_err(const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

/*
 * A mount point for a line: whoever owns a directory above one can rename
 * it, so it is escaped as every name in a line is.  Unit names are not:
 * their backslashes are systemd's own escapes, to be copied as they are.
 * Free with free(); NULL without memory (then print the raw name: this
 * only happens when nothing else works either).
 */
static char *
shown(const char *name)
{
	return hl_text_escape_dup(name);
}

#define debug(st, ...)                                                         \
	do {                                                                   \
		if ((st)->debug)                                               \
			say_err(__VA_ARGS__);                                  \
	} while (0)

/* Forget starts older than the window; true if @mi was started in it. */
static bool
started_recently(struct starter *st, const struct hl_mount_info *mi)
{
	uint64_t now = clock_ns(CLOCK_MONOTONIC);
	size_t kept = 0;
	bool found = false;

	for (size_t i = 0; i < st->nr_started; i++) {
		struct started *s = &st->started[i];

		if (now - s->when_ns > REPEAT_WINDOW_NS) {
			free(s->mnt_point);
			continue;
		}
		if (s->mnt_id == mi->mnt_id &&
		    !strcmp(s->mnt_point, mi->mnt_point))
			found = true;
		st->started[kept++] = *s;
	}
	st->nr_started = kept;
	return found;
}

/* Without memory we merely risk saying it twice. */
static void
remember_started(struct starter *st, const struct hl_mount_info *mi)
{
	struct started *bigger;
	char *point;

	point = strdup(mi->mnt_point);
	if (!point)
		return;
	bigger = realloc(st->started,
			 (st->nr_started + 1) * sizeof(*st->started));
	if (!bigger) {
		free(point);
		return;
	}
	st->started = bigger;
	st->started[st->nr_started++] = (struct started){
		.mnt_id = mi->mnt_id,
		.mnt_point = point,
		.when_ns = clock_ns(CLOCK_MONOTONIC),
	};
}

static void
forget_started(struct starter *st)
{
	for (size_t i = 0; i < st->nr_started; i++)
		free(st->started[i].mnt_point);
	free(st->started);
	st->started = NULL;
	st->nr_started = 0;
}

/*
 * restart, not start: a unit still stopping after the previous unmount of
 * this path must not swallow the request.
 */
static void
start_unit(struct starter *st, const struct hl_mount_info *mi)
{
	char *mnt = shown(mi->mnt_point);
	const char *name = mnt ? mnt : mi->mnt_point;
	char *unit;
	int ret;

	if (service_unit_name(HEALTHD_UNIT_PREFIX, mi->mnt_point, &unit)) {
		say_err("%s: Could not determine %s unit name.", name,
			HEALTHD_UNIT_PREFIX);
		free(mnt);
		return;
	}
	ret = service_request("restart", unit);
	if (ret < 0)
		debug(st, "systemctl restart %s: %s", unit, strerror(-ret));
	else if (ret > 0)
		debug(st, "systemctl restart %s: exit status %d", unit, ret);
	if (ret) {
		say_err("%s: Could not start %s service unit: %s", name,
			HEALTHD_UNIT_PREFIX, unit);
	} else {
		printf("%s: %s service started.\n", name, HEALTHD_UNIT_PREFIX);
		fflush(stdout);
		remember_started(st, mi);
	}
	free(unit);
	free(mnt);
}

/* Whole XFS filesystems only: a bind mount of a subdirectory is no fs. */
static void
consider_mount(struct starter *st, uint64_t mnt_id)
{
	struct hl_mount_info mi;
	int ret;

	ret = hl_mount_stat(mnt_id, &mi);
	if (ret == -ENOENT) {
		debug(st, "mount: id 0x%llx is gone",
		      (unsigned long long)mnt_id);
		return;
	}
	if (ret) {
		say_err("%s: statmount 0x%llx: %s", st->progname,
			(unsigned long long)mnt_id, strerror(-ret));
		return;
	}
	if (st->debug) {
		char *point = shown(mi.mnt_point), *root = shown(mi.mnt_root);

		say_err("mount: id 0x%llx fstype %s mountpoint %s mntroot %s",
			(unsigned long long)mnt_id, mi.fstype,
			point ? point : mi.mnt_point, root ? root : mi.mnt_root);
		free(point);
		free(root);
	}
	if (strcmp(mi.fstype, "xfs") || strcmp(mi.mnt_root, "/"))
		goto out;
	if (started_recently(st, &mi)) {
		debug(st, "mount: id 0x%llx was started already",
		      (unsigned long long)mnt_id);
		goto out;
	}
	start_unit(st, &mi);
out:
	hl_mount_info_free(&mi);
}

/* A SIGTERM or SIGINT is waiting. */
static bool
stop_requested(const struct starter *st)
{
	struct pollfd pfd = { .fd = st->sig_fd, .events = POLLIN };

	return poll(&pfd, 1, 0) > 0;
}

/* Every mount there is now, each considered in turn. */
static void
scan_mounts(struct starter *st, const uint64_t *ids, size_t nr)
{
	for (size_t i = 0; i < nr && !stop_requested(st); i++)
		consider_mount(st, ids[i]);
}

static int
list_mounts(struct starter *st, uint64_t **ids, size_t *nr)
{
	int ret = hl_mount_list(ids, nr);

	if (ret == -ENOSYS)
		say_err("This program requires the listmount system call.");
	else if (ret)
		say_err("%s: listmount: %s", st->progname, strerror(-ret));
	return ret;
}

static int
rescan(struct starter *st)
{
	uint64_t *ids;
	size_t nr;

	if (list_mounts(st, &ids, &nr))
		return -1;
	scan_mounts(st, ids, nr);
	free(ids);
	return 0;
}

/* The records of one FAN_MNT_ATTACH event: one mount id each. */
static void
handle_attach(struct starter *st, const struct fanotify_event_metadata *meta)
{
	const char *p = (const char *)meta + meta->metadata_len;
	const char *end = (const char *)meta + meta->event_len;

	debug(st, "FAN_MNT_ATTACH (len=%u)", meta->event_len);
	while ((size_t)(end - p) >= sizeof(struct fanotify_event_info_header)) {
		struct fanotify_event_info_header hdr;
		struct fanotify_event_info_mnt rec;

		memcpy(&hdr, p, sizeof(hdr));
		if (hdr.len < sizeof(hdr) || hdr.len > end - p)
			break;
		if (hdr.info_type == FAN_EVENT_INFO_TYPE_MNT &&
		    hdr.len >= sizeof(rec)) {
			memcpy(&rec, p, sizeof(rec));
			debug(st, "Mount record: len=%u mnt_id=0x%llx", hdr.len,
			      (unsigned long long)rec.mnt_id);
			consider_mount(st, rec.mnt_id);
		}
		p += hdr.len;
	}
}

/* One read's worth of events; -1 when watching cannot go on. */
static int
read_events(struct starter *st)
{
	char buf[8192] __attribute__((aligned(8)));
	struct fanotify_event_metadata *meta;
	ssize_t len;

	len = read(st->fan_fd, buf, sizeof(buf));
	if (len < 0) {
		if (errno == EINTR || errno == EAGAIN)
			return 0;
		say_err("%s: reading mount events: %s", st->progname,
			strerror(errno));
		return -1;
	}
	for (meta = (void *)buf; FAN_EVENT_OK(meta, len);
	     meta = FAN_EVENT_NEXT(meta, len)) {
		if (meta->vers != FANOTIFY_METADATA_VERSION) {
			say_err("%s: mount event format %u is unknown",
				st->progname, meta->vers);
			return -1;
		}
		if (meta->fd >= 0)
			close(meta->fd);
		/* Attach events were dropped: only a new listing finds them. */
		if (meta->mask & FAN_Q_OVERFLOW) {
			debug(st, "FAN_Q_OVERFLOW: listing every mount again");
			if (rescan(st))
				return -1;
			continue;
		}
		if (meta->mask & FAN_MNT_ATTACH)
			handle_attach(st, meta);
	}
	return 0;
}

static int
watch(struct starter *st)
{
	struct pollfd pfd[2] = {
		{ .fd = st->sig_fd, .events = POLLIN },
		{ .fd = st->fan_fd, .events = POLLIN },
	};

	for (;;) {
		if (poll(pfd, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			say_err("%s: poll: %s", st->progname, strerror(errno));
			return START_FAILED;
		}
		/* A stop request wins over events that came with it. */
		if (pfd[0].revents) {
			struct signalfd_siginfo si;

			if (read(st->sig_fd, &si, sizeof(si)) == sizeof(si))
				debug(st, "signal %u: stopping", si.ssi_signo);
			return START_OK;
		}
		if (pfd[1].revents & POLLIN) {
			if (read_events(st))
				return START_FAILED;
		} else if (pfd[1].revents) {
			say_err("%s: mount events: poll error", st->progname);
			return START_FAILED;
		}
	}
}

/* SIGTERM (systemd's stop) and SIGINT arrive on sig_fd, never mid-call. */
static int
catch_stop_signals(struct starter *st)
{
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	if (sigprocmask(SIG_BLOCK, &set, NULL) < 0)
		return -errno;
	st->sig_fd = signalfd(-1, &set, SFD_CLOEXEC);
	return st->sig_fd < 0 ? -errno : 0;
}

/*
 * The namespace, then fanotify mount events on it, then listmount: each
 * missing piece gets its own message.  --mountns moves us into that
 * namespace, so statmount's mount points are paths as seen in it.
 */
static int
setup(struct starter *st, const char *nspath)
{
	const char *path = nspath ? nspath : "/proc/self/ns/mnt";

	st->ns_fd = open(path, O_RDONLY | O_CLOEXEC);
	if (st->ns_fd < 0) {
		int error = errno;
		char *name = shown(path);

		if (!nspath && error == ENOENT)
			say_err("This program requires mount namespace support.");
		else
			say_err("%s: %s: %s", st->progname, name ? name : path,
				strerror(error));
		free(name);
		return -1;
	}
	if (nspath && setns(st->ns_fd, CLONE_NEWNS) < 0) {
		int error = errno;
		char *name = shown(path);

		say_err("%s: %s: %s%s", st->progname, name ? name : path,
			strerror(error),
			error == EINVAL ? " (not a mount namespace)" : "");
		free(name);
		return -1;
	}

	st->fan_fd = fanotify_init(FAN_REPORT_MNT | FAN_CLOEXEC, O_RDONLY);
	if (st->fan_fd < 0) {
		if (errno == EINVAL)
			say_err("This program requires fanotify mount event support.");
		else
			say_err("%s: fanotify_init: %s", st->progname,
				strerror(errno));
		return -1;
	}
	if (fanotify_mark(st->fan_fd, FAN_MARK_ADD | FAN_MARK_MNTNS,
			  FAN_MNT_ATTACH, st->ns_fd, NULL) < 0) {
		if (errno == EINVAL)
			say_err("This program requires fanotify mount event support.");
		else
			say_err("%s: fanotify_mark: %s", st->progname,
				strerror(errno));
		return -1;
	}
	debug(st, "fanotify active");
	return 0;
}

/* What we printed must have reached stdout; 0 or START_FAILED. */
static int
check_stdout(const struct starter *st)
{
	if (fflush(stdout) == 0 && !ferror(stdout))
		return START_OK;
	fprintf(stderr, "%s: standard output: %s\n", st->progname,
		errno ? strerror(errno) : "write error");
	return START_FAILED;
}

enum {
	OPT_START = 256,
	OPT_DEBUG,
	OPT_MOUNTNS,
	OPT_SUPPORTED,
	OPT_HELP,
};

static const struct option starter_options[] = {
	{ "start", no_argument, NULL, OPT_START },
	{ "debug", no_argument, NULL, OPT_DEBUG },
	{ "mountns", required_argument, NULL, OPT_MOUNTNS },
	{ "supported", no_argument, NULL, OPT_SUPPORTED },
	{ "help", no_argument, NULL, OPT_HELP },
	{ NULL, 0, NULL, 0 },
};

int
starter_main(int argc, char **argv)
{
	struct starter st = { .ns_fd = -1, .fan_fd = -1, .sig_fd = -1 };
	const char *nspath = NULL;
	char *slash;
	uint64_t *ids = NULL;
	bool supported = false;
	size_t nr = 0;
	int c, status = START_FAILED;

	/* getopt names the program from argv[0] in its own messages. */
	slash = strrchr(argv[0], '/');
	st.progname = argv[0] = slash ? slash + 1 : argv[0];

	/* Whoever parsed argv before us: 0 makes getopt start over. */
	optind = 0;
	while ((c = getopt_long(argc, argv, "V", starter_options, NULL)) !=
	       -1) {
		switch (c) {
		case OPT_START:
			break;
		case OPT_DEBUG:
			st.debug = true;
			break;
		case OPT_MOUNTNS:
			nspath = optarg;
			break;
		case OPT_SUPPORTED:
			supported = true;
			break;
		case 'V':
			printf("%s version %s\n", st.progname,
			       XFS_HEALTH_VERSION);
			return check_stdout(&st);
		case OPT_HELP:
			usage(stdout, st.progname);
			return check_stdout(&st);
		default:
			try_help(st.progname);
			return START_USAGE;
		}
	}
	if (optind < argc) {
		char *name = shown(argv[optind]);

		fprintf(stderr, "%s: --start takes no mount point: %s\n",
			st.progname, name ? name : argv[optind]);
		free(name);
		try_help(st.progname);
		return START_USAGE;
	}

	/* One line per mount, as it happens, even into a pipe. */
	setvbuf(stdout, NULL, _IOLBF, 0);
	/* A closed stdout shows as EPIPE at the end, not as a killed unit. */
	signal(SIGPIPE, SIG_IGN);

	c = catch_stop_signals(&st);
	if (c) {
		say_err("%s: signalfd: %s", st.progname, strerror(-c));
		goto out;
	}
	if (setup(&st, nspath))
		goto out;
	if (list_mounts(&st, &ids, &nr))
		goto out;
	if (supported) {
		status = START_OK;
		goto out;
	}

	scan_mounts(&st, ids, nr);
	free(ids);
	ids = NULL;
	status = stop_requested(&st) ? START_OK : watch(&st);
out:
	free(ids);
	forget_started(&st);
	if (st.fan_fd >= 0)
		close(st.fan_fd);
	if (st.ns_fd >= 0)
		close(st.ns_fd);
	if (st.sig_fd >= 0)
		close(st.sig_fd);
	return status | check_stdout(&st);
}
