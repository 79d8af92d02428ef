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
 *
 * An inode the kernel let go while sick leaves only its AG's "inodes" mark.
 * For each AG so marked, the pass checks every inode of the AG (scrub -a's
 * checks of one inode, without repair) and queues a repair of what the
 * checks find; once the repairs are done and every inode they named is
 * sound, the retained-health check (scrub type "healthy") lets the kernel
 * clear the marks, unless other metadata is still bad.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "clock.h"
#include "healthd.h"

struct pass {
	struct healthd *hd;
	bool scheduled;	 /* act on new marks only */
	uint64_t now_ns; /* the SICK events' time: the masks' reading */
	uint64_t objects, bad, queued;
	/* AGs whose "inodes" mark is set: their inodes are checked. */
	uint32_t *check_ags;
	size_t nr_check, cap_check;
	struct hl_scrub_fs_shape shape;
	int vectored; /* XFS_IOC_SCRUBV_METADATA works */
	/* Inodes the checks found bad: sound again before the marks go. */
	struct hl_scrub_inode *bad_inos;
	size_t nr_bad_inos, cap_bad_inos;
	bool keep_marks; /* a check did not run, or too much to remember */
};

static bool
push(void *array, size_t *nr, size_t *cap, size_t size, const void *item)
{
	void **v = array;

	if (*nr == *cap) {
		size_t n = *cap ? 2 * *cap : 16;
		void *p = realloc(*v, n * size);

		if (!p)
			return false;
		*v = p;
		*cap = n;
	}
	memcpy((char *)*v + *nr * size, item, size);
	(*nr)++;
	return true;
}

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

static void
log_object(struct healthd *hd, const struct hl_health_report *h, uint32_t mask,
	   const char *how)
{
	char obj[64], names[512];

	object_words(h, obj, sizeof(obj));
	hl_format_mask(hl_object_mask_names(h->object), mask, names,
		       sizeof(names));
	log_added(hd, "reconcile: %s %s: %s", obj, how, names);
}

/* The last pass's mask of @h (not an inode's), or NULL. */
static uint32_t *
seen_slot(struct healthd *hd, const struct hl_health_report *h)
{
	switch (h->object) {
	case HL_OBJECT_FS:
		return &hd->seen.fs;
	case HL_OBJECT_AG:
		return h->group < hd->seen.nr_ag ? &hd->seen.ag[h->group]
						 : NULL;
	case HL_OBJECT_RTGROUP:
		return h->group < hd->seen.nr_rg ? &hd->seen.rg[h->group]
						 : NULL;
	default:
		return NULL;
	}
}

/*
 * The bits of @h this pass acts on: all of them, or in a scheduled pass
 * those set since the last pass.  Remembers its mask.
 */
static uint32_t
fresh_bits(struct pass *p, const struct hl_health_report *h)
{
	uint32_t *slot = seen_slot(p->hd, h);
	uint32_t old;

	if (!slot)
		return h->sick;
	old = *slot;
	*slot = h->sick;
	return p->scheduled ? h->sick & ~old : h->sick;
}

static int
grow(uint32_t **v, uint32_t *nr, uint32_t want)
{
	uint32_t *n;

	if (want <= *nr)
		return 0;
	n = realloc(*v, want * sizeof(**v));
	if (!n)
		return -ENOMEM;
	memset(n + *nr, 0, (want - *nr) * sizeof(*n));
	*v = n;
	*nr = want;
	return 0;
}

/*
 * Object @h, with what its checks found bad (@checked_bad: inode @in of an
 * AG whose inodes are checked): its lines, and one repair for all of it.
 */
static int
reconcile_object(struct pass *p, const struct hl_health_report *h,
		 const struct hl_scrub_inode *in, uint32_t checked_bad)
{
	struct healthd *hd = p->hd;
	struct hl_event_setting how = healthd_event_setting(hd);
	struct hl_health_report all = *h;
	struct hl_event_action act;
	struct hl_event ev;

	if (atomic_load(&hd->stopping))
		return -ECANCELED;
	uint32_t fresh;

	p->objects++;
	if (h->sick || checked_bad)
		hl_metrics_sick(&hd->metrics, h->object, h->group, h->ino,
				h->gen, h->sick | checked_bad);
	fresh = fresh_bits(p, h);
	if (!fresh && !checked_bad)
		return 0;
	all.sick |= checked_bad;
	if (!all.sick || hl_health_sick_event(&all, p->now_ns, &ev))
		return 0;
	if (h->sick)
		p->bad++;
	if (checked_bad && !push(&p->bad_inos, &p->nr_bad_inos,
				 &p->cap_bad_inos, sizeof(*in), in))
		p->keep_marks = true;
	/* Not a repair of its own: the AG's inodes are checked below. */
	if (h->object == HL_OBJECT_AG && (h->sick & XFS_AG_GEOM_SICK_INODES)) {
		/* A mark a scheduled pass saw before is not checked again. */
		if (!(fresh & XFS_AG_GEOM_SICK_INODES) ||
		    push(&p->check_ags, &p->nr_check, &p->cap_check,
			 sizeof(h->group), &h->group))
			ev.mask &= ~XFS_AG_GEOM_SICK_INODES;
		else
			p->keep_marks = true; /* left to a full repair */
	}
	hl_event_action(&ev, &how, &act);
	if (act.log && h->sick)
		log_object(hd, h, h->sick,
			   "marked bad in the kernel's records");
	if (act.log && checked_bad)
		log_object(hd, h, checked_bad, "found bad by a check");
	if (atomic_load(&hd->shut_down)) {
		if (act.spot_repair)
			atomic_fetch_add(&hd->stats.abandoned, 1);
		return 0;
	}
	if (act.spot_repair && ev.mask) {
		queue_spot_repair(hd, &ev);
		p->queued++;
	}
	return 0;
}

static int
found(const struct hl_health_report *h, void *arg)
{
	return reconcile_object(arg, h, NULL, 0);
}

/*
 * Every inode of AG @agno: its mask as in found(), then its checks.  An
 * error that ends every check (a shutdown) ends the walk; one that ends
 * one inode's only keeps the marks.
 */
static int
check_ag(struct pass *p, int fd, uint32_t agno)
{
	struct hl_inode_walk *w;
	struct hl_scrub_inode in;
	uint64_t checked = 0, found_bad = 0;
	char obj[64];
	int ret = hl_inode_walk_new(&w, fd, agno, false);

	if (ret) {
		p->keep_marks = true;
		return ret;
	}
	while ((ret = hl_inode_walk_next(w, &in)) == 1) {
		struct hl_health_report h = {
			.object = HL_OBJECT_INODE,
			.ino = in.ino,
			.gen = in.gen,
			.sick = in.sick,
			.checked = in.checked,
		};
		uint32_t bad;
		int error;

		if (atomic_load(&p->hd->stopping)) {
			ret = -ECANCELED;
			break;
		}
		error = hl_scrub_inode_bad(fd, &in, &p->shape, &p->vectored,
					   &bad);
		checked++;
		found_bad += !!bad;
		ret = reconcile_object(p, &h, &in, bad);
		if (error) {
			p->keep_marks = true;
			if (!ret && hl_scrub_error_ends_run(-error))
				ret = error;
		}
		if (ret)
			break;
	}
	hl_inode_walk_free(w);
	object_words(&(struct hl_health_report){.object = HL_OBJECT_AG,
						.group = agno},
		     obj, sizeof(obj));
	if (ret != -ECANCELED && !p->hd->opt.quiet)
		log_added(p->hd,
			  "reconcile: %s inodes: %" PRIu64 " checked, %" PRIu64
			  " found bad",
			  obj, checked, found_bad);
	return ret;
}

static bool
to_check(const struct pass *p, uint32_t agno)
{
	for (size_t i = 0; i < p->nr_check; i++)
		if (p->check_ags[i] == agno)
			return true;
	return false;
}

/* Is AG @agno marked "inodes" now, though this pass did not check it? */
static bool
unchecked_mark(struct pass *p, int fd, uint32_t agno)
{
	struct hl_health_report h;

	if (hl_group_health(fd, HL_OBJECT_AG, agno, &h))
		return true;
	return (h.sick & XFS_AG_GEOM_SICK_INODES) && !to_check(p, agno);
}

/* Inodes the checks found bad and that are bad still (gone: sound). */
static size_t
still_bad(struct pass *p, int fd)
{
	size_t n = 0;

	for (size_t i = 0; i < p->nr_bad_inos; i++) {
		uint32_t bad = 0;
		int error = hl_scrub_inode_bad(fd, &p->bad_inos[i], &p->shape,
					       &p->vectored, &bad);

		if (bad || (error && error != -ENOENT))
			n++;
	}
	return n;
}

/* Give the repairs up to ten minutes, and none once another pass waits. */
#define MARKS_WAIT_NS (600 * NSEC_PER_SEC)

static bool
stop_waiting(struct healthd *hd, uint64_t since_ns)
{
	bool pending;

	pthread_mutex_lock(&hd->reconcile_lock);
	/* A scheduled pass would not check these AGs again: wait on. */
	pending = hd->reconcile_pending & ~HEALTHD_RECONCILE_SCHEDULED;
	pthread_mutex_unlock(&hd->reconcile_lock);
	return pending || clock_ns(CLOCK_MONOTONIC) - since_ns > MARKS_WAIT_NS;
}

/*
 * After the checks: once their repairs are made, and every inode they
 * named is checked sound again, ask the kernel to clear the "inodes"
 * marks (scrub type healthy).  That clears every AG's mark, and the kernel
 * does so only if no other metadata is marked bad: not while an AG this
 * pass did not check is marked.
 */
static void
clear_inode_marks(struct pass *p, uint32_t agcount)
{
	struct healthd *hd = p->hd;
	struct hl_scrub_request req = {
		.type = hl_scrub_type_by_value(XFS_SCRUB_TYPE_HEALTHY),
	};
	uint64_t since = clock_ns(CLOCK_MONOTONIC);
	uint32_t flags = 0, agno;
	size_t bad;
	int fd, error;

	if (p->keep_marks) {
		log_added(hd, "reconcile: inodes marks kept: a check did not "
			      "complete");
		return;
	}
	if (!queue_wait_idle(hd, stop_waiting, since)) {
		if (!atomic_load(&hd->stopping))
			log_added(hd, "reconcile: inodes marks kept: repairs "
				      "still under way");
		return;
	}
	fd = healthd_open_fs(hd);
	if (fd < 0) {
		log_added_error(hd, "reconcile: cannot open the filesystem: %s",
				strerror(-fd));
		return;
	}
	bad = still_bad(p, fd);
	for (agno = 0; agno < agcount && !bad; agno++)
		if (unchecked_mark(p, fd, agno))
			break;
	if (bad) {
		log_added(hd,
			  "reconcile: inodes marks kept: %zu inodes still "
			  "bad",
			  bad);
	} else if (agno < agcount) {
		log_added(hd,
			  "reconcile: inodes marks kept: agno 0x%" PRIx32
			  " is marked and was not checked in this pass",
			  agno);
	} else {
		error = hl_scrub_metadata(fd, &req, &flags);
		if (error)
			log_added_error(hd,
					"reconcile: inodes marks kept: "
					"the retained-health check: %s",
					strerror(-error));
		else if (flags & XFS_SCRUB_OFLAG_CORRUPT)
			log_added(hd, "reconcile: inodes marks kept: other "
				      "metadata is still bad");
		else
			log_added(hd, "reconcile: inodes marks cleared");
	}
	close(fd);
}

static const char *
pass_words(unsigned int why)
{
	if (why & HEALTHD_RECONCILE_START)
		return "at start";
	if (why & HEALTHD_RECONCILE_LOST)
		return "after dropped events";
	if (why & HEALTHD_RECONCILE_ASKED)
		return "on request";
	return "on schedule";
}

/*
 * The filesystem's and the groups' masks; then each AG's inodes: every
 * inode's mask (unless the pass is a scheduled one), and the checks of
 * AGs marked "inodes".  The filesystem is opened again for each AG (no
 * descriptor held for long: the daemon must not keep an unmount waiting).
 * A pass after dropped events that could not read everything asks for the
 * full repair it replaced.
 */
static void
reconcile_pass(struct healthd *hd, unsigned int why)
{
	bool every_inode = why & ~HEALTHD_RECONCILE_SCHEDULED;
	struct pass p = {
		.hd = hd,
		.scheduled = !every_inode,
		.now_ns = clock_ns(CLOCK_REALTIME_COARSE),
		.vectored = 1,
	};
	struct xfs_fsop_geom geo = {0};
	int fd, error;

	if (every_inode)
		hl_metrics_sick_pass_begin(&hd->metrics);
	fd = healthd_open_fs(hd);
	if (fd < 0) {
		log_added_error(hd, "reconcile: cannot open the filesystem: %s",
				strerror(-fd));
		hl_metrics_pass(&hd->metrics, epoch_seconds(), 0,
				false);
		goto incomplete;
	}
	error = hl_fs_geometry(fd, &geo);
	/* Without room to remember, every mark counts as new. */
	if (!error &&
	    (grow(&hd->seen.ag, &hd->seen.nr_ag, geo.agcount) ||
	     grow(&hd->seen.rg, &hd->seen.nr_rg, hl_geom_rgcount(&geo))))
		p.scheduled = false;
	if (!error)
		error = hl_health_walk(fd, &geo, found, &p);
	close(fd);
	hl_scrub_fs_shape_of(&geo, &p.shape);
	for (uint32_t agno = 0; agno < geo.agcount && error != -ECANCELED;
	     agno++) {
		bool check = to_check(&p, agno);
		int ret;

		if (!check && !every_inode)
			continue;
		fd = healthd_open_fs(hd);
		if (fd < 0) {
			error = error ? error : fd;
			break;
		}
		if (check)
			ret = check_ag(&p, fd, agno);
		else
			ret = hl_health_walk_inodes(fd, agno, found, &p);
		close(fd);
		if (ret && !error)
			error = ret;
		if (ret == -ECANCELED)
			error = ret;
	}
	if (error == -ECANCELED)
		goto out; /* stopping: the summary line says the rest */
	if (error)
		log_added_error(hd,
				"reconcile: reading the kernel's health "
				"state: %s; what it did not reach is "
				"not known",
				strerror(-error));
	/* A scheduled pass that found nothing says nothing. */
	if (every_inode || p.bad || error)
		log_added(hd,
			  "reconcile: %s: %" PRIu64 " objects read, %" PRIu64
			  " marked bad, %" PRIu64 " repairs queued",
			  pass_words(why), p.objects, p.bad, p.queued);
	if (p.nr_check) {
		p.keep_marks |= error != 0;
		clear_inode_marks(&p, geo.agcount);
	}
	hl_metrics_pass(&hd->metrics, epoch_seconds(), p.bad,
			!error);
	hl_metrics_sick_pass_end(&hd->metrics, every_inode && !error);
out:
	free(p.check_ags);
	free(p.bad_inos);
	if (!error || error == -ECANCELED)
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

	/* A recording: nothing of a filesystem is read. */
	if (hd->opt.replay)
		return;

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
	free(hd->seen.ag);
	free(hd->seen.rg);
	hd->seen.ag = hd->seen.rg = NULL;
	hd->seen.nr_ag = hd->seen.nr_rg = 0;
}
