// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The metrics file: what the daemon has seen, in Prometheus' text format,
 * for node_exporter's textfile collector.  Its own thread writes it when
 * something changed, at most once a second, so that a slow disk never
 * holds up an event or a repair; the last write is at exit.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "clock.h"
#include "healthd.h"
#include "service.h"

/*
 * "<dir>/xfs_healthd@<escaped mount>.prom", as the unit is named; a mount
 * point systemd cannot name gives "xfs_healthd@<uuid>.prom".
 */
static int
file_name(struct healthd *hd, const char *uuid, char **path)
{
	const char *dir = hd->opt.metrics_dir;
	char *unit = NULL;
	int error = service_instance_name(HEALTHD_UNIT_PREFIX, hd->mnt, &unit);

	if (!error) {
		error = asprintf(path, "%s/%s.prom", dir, unit) < 0 ? -ENOMEM
								    : 0;
	} else if (error == -EINVAL && *uuid) {
		error = asprintf(path, "%s/%s@%s.prom", dir,
				 HEALTHD_UNIT_PREFIX, uuid) < 0
				? -ENOMEM
				: 0;
	} else if (error == -EINVAL) {
		error = -ENAMETOOLONG; /* no unit name, and no UUID */
	}
	free(unit);
	return error;
}

int
healthd_metrics_setup(struct healthd *hd, int fd)
{
	char uuid[HL_UUID_LEN] = "";
	struct stat st;
	int error;

	/* The UUID labels every series; without the call, none. */
	if (hl_fs_uuid(fd, uuid, sizeof(uuid)))
		uuid[0] = '\0';
	if (hl_metrics_init(&hd->metrics, hd->mnt, uuid)) {
		log_error(hd, "%s", strerror(ENOMEM));
		return EXIT_SETUP;
	}
	hd->metrics_ready = true;
	if (!hd->opt.metrics_dir)
		return -1;
	/*
	 * The default directory only where node_exporter's package made it
	 * and the unit lets us write; a directory given must be usable.
	 */
	if (stat(hd->opt.metrics_dir, &st))
		error = -errno;
	else if (!S_ISDIR(st.st_mode))
		error = -ENOTDIR;
	else
		error = access(hd->opt.metrics_dir, W_OK) ? -errno : 0;
	if (error) {
		struct log_name shown;

		if (!hd->opt.metrics_dir_given) {
			log_debug(hd, "no metrics file: %s: %s",
				  log_name(&shown, hd->opt.metrics_dir),
				  strerror(-error));
			return -1;
		}
		log_added_error(hd, "--metrics-dir %s: %s",
				log_name(&shown, hd->opt.metrics_dir),
				strerror(-error));
		return EXIT_SETUP;
	}
	error = file_name(hd, uuid, &hd->metrics_path);
	if (error && !hd->opt.metrics_dir_given) {
		log_debug(hd, "no metrics file: no name for it: %s",
			  strerror(-error));
		return -1;
	}
	if (error) {
		log_added_error(hd, "no name for a metrics file: %s",
				strerror(-error));
		return EXIT_SETUP;
	}
	return -1;
}

/* Write now; say so once when it fails, and once when it works again. */
static void
write_now(struct healthd *hd)
{
	int error = hl_metrics_write_file(&hd->metrics, hd->metrics_path,
					  HL_METRICS_ALL);

	if (error && error != hd->metrics_error) {
		struct log_name shown;

		log_added_error(hd, "metrics: cannot write %s: %s",
				log_name(&shown, hd->metrics_path),
				strerror(-error));
	} else if (!error && hd->metrics_error) {
		log_added(hd, "metrics: written again");
	}
	hd->metrics_error = error;
}

/*
 * Write when something changed, and a second after the last write at the
 * soonest; the wait is on the monotonic clock, which a change of the time
 * of day does not move.
 */
static void *
writer(void *arg)
{
	struct healthd *hd = arg;
	uint64_t written = 0, last_ns = 0;

	pthread_mutex_lock(&hd->metrics_lock);
	while (!hd->metrics_stop) {
		uint64_t v = hl_metrics_version(&hd->metrics);
		uint64_t now = clock_ns(CLOCK_MONOTONIC), next;
		struct timespec until;

		if (v != written &&
		    (!last_ns || now - last_ns >= NSEC_PER_SEC)) {
			written = v;
			last_ns = now;
			pthread_mutex_unlock(&hd->metrics_lock);
			write_now(hd);
			pthread_mutex_lock(&hd->metrics_lock);
			continue;
		}
		next = (last_ns ? last_ns : now) + NSEC_PER_SEC;
		if (next <= now)
			next = now + NSEC_PER_SEC;
		until.tv_sec = next / NSEC_PER_SEC;
		until.tv_nsec = next % NSEC_PER_SEC;
		pthread_cond_timedwait(&hd->metrics_cond, &hd->metrics_lock,
				       &until);
	}
	pthread_mutex_unlock(&hd->metrics_lock);
	return NULL;
}

void
healthd_metrics_start(struct healthd *hd)
{
	pthread_condattr_t attr;
	int error;

	if (!hd->metrics_ready)
		return;
	hl_metrics_set_monitoring(&hd->metrics, true, epoch_seconds());
	if (!hd->metrics_path)
		return;
	pthread_mutex_init(&hd->metrics_lock, NULL);
	pthread_condattr_init(&attr);
	pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
	pthread_cond_init(&hd->metrics_cond, &attr);
	pthread_condattr_destroy(&attr);
	error = pthread_create(&hd->metrics_tid, NULL, writer, hd);
	if (error) {
		/* Then written at exit only. */
		log_added_error(hd,
				"metrics: cannot start a thread: %s; "
				"written at exit only",
				strerror(error));
		pthread_cond_destroy(&hd->metrics_cond);
		pthread_mutex_destroy(&hd->metrics_lock);
		return;
	}
	hd->metrics_thread = true;
}

void
healthd_metrics_stop(struct healthd *hd)
{
	if (!hd->metrics_ready)
		return;
	hl_metrics_set_monitoring(&hd->metrics, false, 0);
	if (hd->metrics_thread) {
		pthread_mutex_lock(&hd->metrics_lock);
		hd->metrics_stop = true;
		pthread_cond_signal(&hd->metrics_cond);
		pthread_mutex_unlock(&hd->metrics_lock);
		pthread_join(hd->metrics_tid, NULL);
		hd->metrics_thread = false;
		pthread_cond_destroy(&hd->metrics_cond);
		pthread_mutex_destroy(&hd->metrics_lock);
	}
	if (hd->metrics_path)
		write_now(hd);
	healthd_metrics_release(hd);
}

void
healthd_metrics_release(struct healthd *hd)
{
	if (!hd->metrics_ready)
		return;
	free(hd->metrics_path);
	hd->metrics_path = NULL;
	hl_metrics_free(&hd->metrics);
	hd->metrics_ready = false;
}
