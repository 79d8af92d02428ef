// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Repairs.  A spot repair runs the scrub type of each sick bit with the
 * repair flag on the object the event named; what it cannot do (a bit with
 * no scrub type, a repair that failed) is left to a full repair, which is
 * xfsprogs' xfs_scrub@<mount>.service, started through systemd without
 * waiting for it.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "clock.h"
#include "healthd.h"
#include "service.h"

#define MAX_STEPS 32 /* one per mask bit */

static void
repair_one(struct healthd *hd, int fd, const struct hl_event *ev,
	   const struct hl_repair_step *step, struct hl_repair_report *rep)
{
	struct hl_scrub_request req;
	uint32_t flags = XFS_SCRUB_IFLAG_REPAIR;
	int error;

	hl_repair_request(ev, step, &req);

	memset(rep, 0, sizeof(*rep));
	rep->ev = ev;
	rep->bit = step->bit;
	rep->type = step->type;
	error = hl_scrub_metadata(fd, &req, &flags);
	if (error)
		rep->error = -error;
	else
		rep->flags = flags;
	rep->outcome = hl_repair_judge(rep->error, rep->flags);
	atomic_fetch_add(&hd->stats.repairs[rep->outcome], 1);
	hl_metrics_repair(&hd->metrics, rep->outcome);
	log_debug(hd, "repair %s: %s, flags 0x%x", step->type->name,
		  rep->error ? strerror(rep->error) : "done", rep->flags);
}

bool
healthd_spot_repair(struct healthd *hd, const struct hl_event *ev,
		    uint32_t mask)
{
	struct hl_repair_step steps[MAX_STEPS];
	uint32_t unmapped = 0;
	bool need_full = false;
	int nr, fd;

	nr = hl_repair_plan(ev->domain, mask, steps, MAX_STEPS, &unmapped);
	if (nr < 0)
		return false;
	if (nr > MAX_STEPS)
		nr = MAX_STEPS;
	if (unmapped)
		log_debug(hd, "no spot repair for mask 0x%x", unmapped);

	fd = healthd_open_fs(hd);
	if (fd < 0) {
		atomic_fetch_add(&hd->stats.unreachable, 1);
		log_error(hd, "cannot open filesystem to repair: %s",
			  strerror(-fd));
		return false;
	}
	for (int i = 0; i < nr; i++) {
		struct hl_repair_report rep;
		char *path = NULL;

		repair_one(hd, fd, ev, &steps[i], &rep);
		/*
		 * The path the event's line found within a second will do;
		 * without one, look it up now, after the repair, which may
		 * have mended what stopped the walk.
		 */
		if (hl_event_object(ev) == HL_OBJECT_INODE &&
		    path_cache_get(&hd->paths, ev->ino, ev->gen, &path) <= 0)
			healthd_inode_path(hd, fd, ev->ino, ev->gen, &path);
		log_repair(hd, &rep, path);
		hooks_submit(hd, ev, &rep, path);
		free(path);
		if (rep.outcome == HL_REPAIR_FAILED) {
			need_full = true;
			break;
		}
	}
	close(fd);
	if (need_full || unmapped)
		healthd_full_repair(hd);
	return need_full;
}


void
healthd_full_repair(struct healthd *hd)
{
	char *unit = NULL;
	char *where;
	int error;

	if (atomic_load(&hd->shut_down)) {
		atomic_fetch_add(&hd->stats.abandoned, 1);
		return;
	}
	/* One made here is still under way: it covers this request too. */
	if (hd->opt.full_here && atomic_load(&hd->full_running)) {
		atomic_fetch_add(&hd->stats.coalesced, 1);
		log_debug(hd, "whole-filesystem repair under way; not again");
		return;
	}
	/* One run checks everything: a second request so soon adds nothing. */
	if (!hl_holdoff_claim(&hd->last_full_ns, clock_ns(CLOCK_MONOTONIC),
			      FULL_REPAIR_HOLDOFF_S * NSEC_PER_SEC)) {
		atomic_fetch_add(&hd->stats.coalesced, 1);
		log_debug(hd, "whole-filesystem repair asked for within %d s; "
			      "not again", FULL_REPAIR_HOLDOFF_S);
		return;
	}
	atomic_fetch_add(&hd->stats.full_repairs, 1);
	hl_metrics_full_repair(&hd->metrics);
	if (hd->opt.full_here) {
		atomic_store(&hd->full_running, true);
		healthd_full_repair_here(hd);
		/*
		 * The holdoff from its end: what its own findings made the
		 * kernel report meanwhile is covered by it, not a new run.
		 */
		atomic_store(&hd->last_full_ns, clock_ns(CLOCK_MONOTONIC));
		atomic_store(&hd->full_running, false);
		return;
	}
	pthread_mutex_lock(&hd->where_lock);
	where = strdup(hd->where);
	pthread_mutex_unlock(&hd->where_lock);
	if (!where || service_unit_name(SCRUB_UNIT_PREFIX, where, &unit)) {
		log_error(hd, "Could not determine xfs_scrub unit name.");
		free(where);
		return;
	}
	free(where);
	error = service_request("start", unit);
	if (error) {
		log_debug(hd, "systemctl start %s: %s", unit,
			  error < 0 ? strerror(-error) : "failed");
		log_error(hd, "Could not start xfs_scrub service unit: %s",
			  unit);
	} else {
		log_notice(hd, "Full repairs in progress.");
	}
	free(unit);
}
