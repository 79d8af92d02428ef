// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The event loop: read the monitor, log each event at once, queue the
 * repairs it calls for, until the filesystem is unmounted or a signal asks
 * us to stop.
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/signalfd.h>

#include "clock.h"
#include "healthd.h"
#include "mounts.h"

#define READ_EVENTS  256   /* events per read() */
#define QUEUE_MAX    16384 /* objects waiting for a repair */
#define POLL_MS	     1000
#define GONE_SLICES  5	   /* idle polls with our mount gone before we quit */

static int
dispatch(const struct hl_event *ev, void *arg)
{
	struct healthd *hd = arg;
	struct hl_event_setting how = healthd_event_setting(hd);
	struct hl_event_action act;

	atomic_fetch_add(&hd->stats.events, 1);
	hl_metrics_event(&hd->metrics, ev);
	hl_event_action(ev, &how, &act);
	/*
	 * The repair first: a worker starts it while this thread looks up
	 * the path for the event's line (the outcome's line finds that path
	 * in the cache).
	 */
	if (act.spot_repair && !atomic_load(&hd->shut_down)) {
		queue_spot_repair(hd, ev);
		act.spot_repair = false;
	}
	if (act.log) {
		char *path = NULL;

		if (hl_event_object(ev) == HL_OBJECT_INODE)
			healthd_logged_path(hd, ev->ino, ev->gen, &path);
		log_event(hd, ev, path);
		hooks_submit(hd, ev, NULL, path);
		free(path);
	}
	/* After "monitoring started": what was sick before we listened. */
	if (ev->domain == XFS_HEALTH_MONITOR_DOMAIN_MOUNT &&
	    ev->type == XFS_HEALTH_MONITOR_TYPE_RUNNING && !hd->opt.replay)
		healthd_reconcile_request(hd, HEALTHD_RECONCILE_START);
	if (ev->payload == HL_PAYLOAD_SHUTDOWN &&
	    !atomic_exchange(&hd->shut_down, true) &&
	    hd->mode == HL_HEAL_REPAIR)
		log_added(hd, "no more repairs: the filesystem went down; "
			      "unmount it and run xfs_repair");
	if (atomic_load(&hd->shut_down)) {
		if (act.full_repair || act.spot_repair)
			atomic_fetch_add(&hd->stats.abandoned, 1);
		return act.last;
	}
	/*
	 * Whatever the lost reports said went sick, the kernel's masks say
	 * now: read them instead of checking everything.  Only where online
	 * repair can rebuild what a pass finds (reverse mappings); else the
	 * whole-filesystem repair, as xfs_healer.
	 */
	if (hd->opt.replay)
		return act.last; /* nothing to repair */
	if (act.full_repair && hd->has_rmapbt) {
		healthd_reconcile_request(hd, HEALTHD_RECONCILE_LOST);
		act.full_repair = false;
	}
	if (act.full_repair)
		queue_full_repair(hd);
	return act.last;
}

/*
 * SIGINT, SIGTERM and SIGHUP end the loop, SIGUSR1 asks for a reconcile
 * pass, through a descriptor.
 */
static int
loop_signals(void)
{
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGHUP);
	sigaddset(&set, SIGUSR1);
	/* Before the workers start, so that they inherit the mask. */
	if (pthread_sigmask(SIG_BLOCK, &set, NULL))
		return -1;
	return signalfd(-1, &set, SFD_CLOEXEC | SFD_NONBLOCK);
}

static unsigned int
nr_workers(const struct healthd *hd)
{
	long n = hd->opt.foreground ? sysconf(_SC_NPROCESSORS_ONLN) : 1;

	return n < 1 ? 1 : n > 64 ? 64 : (unsigned int)n;
}

/*
 * Every mount of the filesystem that we can reach vanished, but the monitor
 * did not end (a kernel that forgot: a frozen filesystem, a lazy unmount
 * of a busy one).  When only the mount we use went, another mount of the
 * filesystem takes over (reopen.c), and the log says so at once.
 */
static bool
mount_gone(struct healthd *hd, unsigned int *idle)
{
	struct hl_mount_info mi = {0};
	uint64_t id = healthd_mount_id(hd);
	int fd;

	if (!id)
		return false;
	if (hl_mount_stat(id, &mi) != -ENOENT) {
		hl_mount_info_free(&mi);
		*idle = 0;
		return false;
	}
	fd = healthd_open_fs(hd);
	if (fd >= 0) {
		close(fd);
		*idle = 0;
		return false;
	}
	return ++*idle >= GONE_SLICES;
}

/* Did a signal ask us to stop?  SIGUSR1 only asks for a pass. */
static bool
stop_signal(struct healthd *hd, int sfd)
{
	struct signalfd_siginfo si;
	bool stop = false;

	while (read(sfd, &si, sizeof(si)) == sizeof(si)) {
		if (si.ssi_signo != SIGUSR1) {
			stop = true;
			continue;
		}
		log_debug(hd, "reconcile pass asked for (SIGUSR1)");
		healthd_reconcile_request(hd, HEALTHD_RECONCILE_ASKED);
	}
	return stop;
}

/* A scheduled pass every --reconcile-interval seconds, counted from the
 * monitor's start. */
static void
maybe_scheduled_pass(struct healthd *hd, uint64_t *next_ns)
{
	uint64_t now, every = hd->opt.reconcile_interval * NSEC_PER_SEC;

	if (!every)
		return;
	now = clock_ns(CLOCK_MONOTONIC);
	if (!*next_ns)
		*next_ns = now + every;
	if (now < *next_ns)
		return;
	*next_ns = now + every;
	healthd_reconcile_request(hd, HEALTHD_RECONCILE_SCHEDULED);
}

int
healthd_monitor(struct healthd *hd)
{
	static unsigned char buf[READ_EVENTS * HL_EVENT_SIZE];
	struct hl_stream stream;
	unsigned int idle = 0;
	uint64_t next_pass_ns = 0;
	int sfd, error, status = EXIT_OK;
	size_t leftover;

	sfd = loop_signals();
	if (sfd < 0) {
		log_error(hd, "%s", strerror(errno));
		return EXIT_SETUP;
	}
	healthd_metrics_start(hd);
	error = queue_start(hd, nr_workers(hd), QUEUE_MAX);
	if (error) {
		log_added_error(hd, "cannot start repair threads: %s",
			  strerror(-error));
		close(sfd);
		healthd_metrics_stop(hd);
		return EXIT_SETUP;
	}
	/* After the queue: the hooks' thread asks it whether repairs run. */
	hooks_start(hd);
	hl_stream_init(&stream);

	for (;;) {
		struct pollfd pfd[2] = {
			{.fd = hd->mon_fd, .events = POLLIN},
			{.fd = sfd, .events = POLLIN},
		};
		ssize_t n;
		int ret = poll(pfd, 2, POLL_MS);

		if (ret < 0 && errno != EINTR) {
			log_error(hd, "%s", strerror(errno));
			status = EXIT_SETUP;
			break;
		}
		if (pfd[1].revents && stop_signal(hd, sfd)) {
			log_debug(hd, "stopping on a signal");
			break;
		}
		maybe_scheduled_pass(hd, &next_pass_ns);
		if (ret == 0) {
			if (mount_gone(hd, &idle)) {
				log_added_error(hd, "no mount of the filesystem "
						    "can be reached, but the "
						    "kernel keeps its monitor "
						    "open; stopping");
				break;
			}
			continue;
		}
		if (ret < 0 || !pfd[0].revents)
			continue;
		n = read(hd->mon_fd, buf, sizeof(buf));
		if (n < 0) {
			if (errno == EINTR || errno == EAGAIN)
				continue;
			log_error(hd, "error reading event file: %s",
				  strerror(errno));
			status = EXIT_SETUP;
			break;
		}
		if (n == 0)
			break; /* the filesystem is gone */
		if (hl_stream_feed(&stream, buf, n, dispatch, hd))
			break; /* unmounted */
	}
	if (hl_stream_end(&stream, &leftover))
		log_added_error(hd, "%zu bytes of an event were cut off",
				leftover);
	/*
	 * The repair in progress finishes; queued ones are dropped (and
	 * counted): after an unmount they cannot reach the filesystem, and
	 * a stop request wants a prompt exit.
	 */
	healthd_reconcile_wait(hd);
	queue_stop(hd, false);
	log_summary(hd);
	hooks_stop(hd);
	healthd_metrics_stop(hd);
	close(sfd);
	return status;
}
