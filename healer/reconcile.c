// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Heal from the kernel's health state, not only from events.  The kernel
 * keeps every object's sick mask (the filesystem's, each group's, each
 * cached inode's) whether or not anyone heard the report: metadata that
 * went sick before the daemon started stays sick, and no event says so
 * again until something trips on it.  A reconcile pass reads those masks
 * and feeds each sick object to the same policy and repair queue as a live
 * SICK report (joined with what events queued), one added line each, then
 * one line for the pass.  A pass runs in a thread of its own, so that the
 * event loop never waits for a walk over every inode: when the monitor's
 * first event ("monitoring started") is read (the monitor was open before
 * the masks are read, so nothing goes sick unseen between the two), and
 * after the kernel dropped events, instead of a whole-filesystem repair:
 * whatever the lost reports said went sick is in the masks.
 */
#include <errno.h>
#include <inttypes.h>
#include <string.h>
#include <unistd.h>

#include "clock.h"
#include "healthd.h"

struct pass {
	struct healthd *hd;
	uint64_t now_ns; /* the SICK events' time: the masks' reading */
	uint64_t objects, bad, queued;
};

/* "fs", "agno 0x1", "rgno 0x2", "ino 131 gen 0x2a": numbers only, so
 * nothing a user names can be read as part of the line. */
static void
object_words(const struct hl_health_report *h, char *buf, size_t len)
{
	switch (h->object) {
	case HL_OBJECT_AG:
		snprintf(buf, len, "agno 0x%" PRIx32, h->group);
		break;
	case HL_OBJECT_RTGROUP:
		snprintf(buf, len, "rgno 0x%" PRIx32, h->group);
		break;
	case HL_OBJECT_INODE:
		snprintf(buf, len, "ino %" PRIu64 " gen 0x%" PRIx32, h->ino,
			 h->gen);
		break;
	default:
		snprintf(buf, len, "fs");
		break;
	}
}

static int
found(const struct hl_health_report *h, void *arg)
{
	struct pass *p = arg;
	struct healthd *hd = p->hd;
	struct hl_event_setting how = healthd_event_setting(hd);
	struct hl_event_action act;
	struct hl_event ev;
	char obj[64], names[512];

	if (atomic_load(&hd->stopping))
		return -ECANCELED;
	p->objects++;
	if (!h->sick || hl_health_sick_event(h, p->now_ns, &ev))
		return 0;
	p->bad++;
	hl_event_action(&ev, &how, &act);
	if (act.log) {
		object_words(h, obj, sizeof(obj));
		hl_format_mask(hl_object_mask_names(h->object), h->sick, names,
			       sizeof(names));
		log_added(hd, "reconcile: %s marked bad in the kernel's "
			      "records: %s",
			  obj, names);
	}
	if (atomic_load(&hd->shut_down)) {
		if (act.spot_repair)
			atomic_fetch_add(&hd->stats.abandoned, 1);
		return 0;
	}
	if (act.spot_repair) {
		queue_spot_repair(hd, &ev);
		p->queued++;
	}
	return 0;
}

/*
 * The filesystem's, the groups' and then each AG's inodes' masks, the
 * filesystem opened again for each AG (no descriptor held for long: the
 * daemon must not keep an unmount waiting).  A pass after dropped events
 * that could not read everything asks for the full repair it replaced.
 */
static void
reconcile_pass(struct healthd *hd, unsigned int why)
{
	struct pass p = {
		.hd = hd,
		.now_ns = clock_ns(CLOCK_REALTIME_COARSE),
	};
	const char *when = (why & HEALTHD_RECONCILE_START)
				   ? "at start"
				   : "after dropped events";
	struct xfs_fsop_geom geo = {0};
	int fd = healthd_open_fs(hd);
	int error;

	if (fd < 0) {
		log_added_error(hd, "reconcile: cannot open the filesystem: %s",
				strerror(-fd));
		goto incomplete;
	}
	error = hl_fs_geometry(fd, &geo);
	if (!error)
		error = hl_health_walk(fd, &geo, found, &p);
	close(fd);
	for (uint32_t agno = 0; agno < geo.agcount && error != -ECANCELED;
	     agno++) {
		int ret;

		fd = healthd_open_fs(hd);
		if (fd < 0) {
			error = error ? error : fd;
			break;
		}
		ret = hl_health_walk_inodes(fd, agno, found, &p);
		close(fd);
		if (ret && !error)
			error = ret;
		if (ret == -ECANCELED)
			error = ret;
	}
	if (error == -ECANCELED)
		return; /* stopping: the summary line says the rest */
	if (error)
		log_added_error(hd, "reconcile: reading the kernel's health "
				    "state: %s; what it did not reach is "
				    "not known",
				strerror(-error));
	log_added(hd,
		  "reconcile: %s: %" PRIu64 " objects read, %" PRIu64
		  " marked bad, %" PRIu64 " repairs queued",
		  when, p.objects, p.bad, p.queued);
	if (!error)
		return;
incomplete:
	if (why & HEALTHD_RECONCILE_LOST)
		queue_full_repair(hd);
}

/* Passes until none is asked for: requests made meanwhile join into one. */
static void *
reconcile_thread(void *arg)
{
	struct healthd *hd = arg;
	unsigned int why;

	pthread_mutex_lock(&hd->reconcile_lock);
	while ((why = hd->reconcile_pending) && !atomic_load(&hd->stopping)) {
		hd->reconcile_pending = 0;
		pthread_mutex_unlock(&hd->reconcile_lock);
		reconcile_pass(hd, why);
		pthread_mutex_lock(&hd->reconcile_lock);
	}
	hd->reconcile_running = false;
	pthread_mutex_unlock(&hd->reconcile_lock);
	return NULL;
}

void
healthd_reconcile_request(struct healthd *hd, unsigned int why)
{
	bool start;
	int error;

	if (!hd->reconcile_ready) {
		pthread_mutex_init(&hd->reconcile_lock, NULL);
		hd->reconcile_ready = true;
	}
	pthread_mutex_lock(&hd->reconcile_lock);
	hd->reconcile_pending |= why;
	start = !hd->reconcile_running;
	hd->reconcile_running = true;
	pthread_mutex_unlock(&hd->reconcile_lock);
	if (!start)
		return; /* the pass under way runs again when it is done */
	/* The thread of the last pass has ended (it was not running). */
	if (hd->reconcile_thread)
		pthread_join(hd->reconcile_tid, NULL);
	error = pthread_create(&hd->reconcile_tid, NULL, reconcile_thread, hd);
	hd->reconcile_thread = !error;
	if (!error)
		return;
	pthread_mutex_lock(&hd->reconcile_lock);
	hd->reconcile_running = false;
	why = hd->reconcile_pending;
	hd->reconcile_pending = 0;
	pthread_mutex_unlock(&hd->reconcile_lock);
	log_added_error(hd, "reconcile: cannot start: %s", strerror(error));
	/* What the pass would have covered. */
	if (why & HEALTHD_RECONCILE_LOST)
		queue_full_repair(hd);
}

void
healthd_reconcile_wait(struct healthd *hd)
{
	atomic_store(&hd->stopping, true);
	if (hd->reconcile_thread)
		pthread_join(hd->reconcile_tid, NULL);
	hd->reconcile_thread = false;
}
