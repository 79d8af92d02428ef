/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * xfs_healthd: one daemon per mounted XFS.  It reads the kernel's health
 * events, logs them, and repairs what the kernel reports sick.
 *
 * Threads: the main thread reads and logs events (so that logging never
 * waits for a repair) and queues repairs; worker threads make them.  The
 * daemon holds no descriptor on the filesystem between repairs, only its
 * monitor and a file handle, so it never keeps the filesystem from being
 * unmounted.
 */
#ifndef XFS_HEALTH_HEALER_HEALTHD_H
#define XFS_HEALTH_HEALER_HEALTHD_H

#include <limits.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#include "health.h"
#include "pathcache.h"
#include "xfs_health_abi.h"

/* Exit statuses, as xfs_healer's (systemd's ExecCondition reads them). */
#define EXIT_OK		 0
#define EXIT_UNSUPPORTED 1   /* monitoring cannot or must not run */
#define EXIT_SETUP	 255 /* a setup error; 1 except with --supported */

struct healthd_opts {
	bool repair;	  /* --repair */
	bool everything;  /* --everything: a verbose monitor */
	bool no_autofsck; /* --no-autofsck */
	bool quiet;	  /* --quiet */
	bool foreground;  /* --foreground: a worker per CPU */
	bool supported;	  /* --supported */
	bool debug;	  /* --debug */
	bool json;	  /* -j */
	bool full_here;	  /* --full-repair-in-process */
	unsigned int reconcile_interval; /* seconds; 0: no scheduled passes */
	const char *metrics_dir;	 /* --metrics-dir; NULL: none */
	bool metrics_dir_given;
	const char *hooks_dir;		 /* --hooks-dir; NULL: none */
	bool hooks_dir_given;
	unsigned int hook_timeout;	 /* --hook-timeout, seconds */
	unsigned int hook_max;		 /* --hook-max: runs at once */
	unsigned int hook_interval;	 /* --hook-interval, seconds; 0: no limits */
	bool hook_units;		 /* --hook-units: with systemd-run */
	const char *replay;		 /* --from-recording FILE: no kernel */
	const char *mountpoint;
};

struct healthd_stats {
	atomic_uint_fast64_t events;
	atomic_uint_fast64_t repairs[HL_REPAIR_NR_OUTCOMES];
	atomic_uint_fast64_t coalesced;	   /* reports a repair already covers */
	atomic_uint_fast64_t full_repairs; /* requests to start one */
	atomic_uint_fast64_t unreachable;  /* repairs given up: fs not found */
	atomic_uint_fast64_t abandoned;	   /* not made: stopped, or shut down */
};

struct healthd {
	struct healthd_opts opt;
	const char *mnt;	/* as given: every line starts with it */
	struct hl_render render; /* for @mnt; read-only once set up */
	enum hl_heal_mode mode;
	bool has_parent;	/* parent pointers: paths in the log */
	bool has_rmapbt;
	bool have_handle;
	struct xfs_handle fs_handle; /* the root directory's */
	uint32_t dev_major, dev_minor; /* st_dev of the filesystem's files */
	int mon_fd;

	/*
	 * The mount the daemon reaches the filesystem through: the one given
	 * until it is moved or goes while another mount of the filesystem
	 * stays (reopen.c).  Read and changed under @where_lock.
	 */
	pthread_mutex_t where_lock;
	char *where;	  /* its mount point now */
	char *where_root; /* its directory in the filesystem: "/" or a bind's */
	uint64_t mnt_id;  /* its unique id; 0 without statmount */
	bool moved;	  /* @where is not the mount point given */
	pthread_mutex_t relocate_lock; /* one search for another mount at once */
	uint64_t search_failed_ns;     /* the last that found none (monotonic) */
	struct path_cache paths; /* for log lines (pathcache.h) */

	struct healthd_stats stats;
	struct work_queue *queue;
	/* After a shutdown every repair would fail: none are made. */
	atomic_bool shut_down;
	atomic_bool full_running; /* --full-repair-in-process: one at a time */
	/* When the last full repair was asked for (CLOCK_MONOTONIC ns). */
	atomic_uint_fast64_t last_full_ns;
	/*
	 * Reconcile passes (reconcile.c): their thread, started and joined
	 * by the main thread; what is asked of it and whether it runs,
	 * under @reconcile_lock; @stopping ends a pass early.
	 */
	pthread_mutex_t reconcile_lock;
	bool reconcile_ready;  /* @reconcile_lock initialised */
	pthread_t reconcile_tid;
	bool reconcile_thread; /* @reconcile_tid is to be joined */
	bool reconcile_running;
	unsigned int reconcile_pending; /* HEALTHD_RECONCILE_* */
	/*
	 * The filesystem's and groups' sick masks at the last pass (its
	 * thread only): a scheduled pass acts on bits that are new.
	 */
	struct {
		uint32_t fs;
		uint32_t *ag, *rg;
		uint32_t nr_ag, nr_rg;
	} seen;
	atomic_bool stopping;
	/*
	 * Metrics (metrics.c): counted from setup on; written by their own
	 * thread when @metrics_path is set.
	 */
	struct hl_metrics metrics;
	bool metrics_ready; /* @metrics initialised */
	char *metrics_path;
	int metrics_error; /* of the last write, to log a change once */
	pthread_t metrics_tid;
	bool metrics_thread;
	pthread_mutex_t metrics_lock;
	pthread_cond_t metrics_cond;
	bool metrics_stop; /* under @metrics_lock */
	struct hooks *hooks; /* hooks.c; NULL: none */
	/* journal.c: stdout, stderr are the journal; lines' identifier. */
	bool journal_out, journal_err;
	char *journal_ident;
};

/* How the daemon runs, as the policy (hl_event_action) asks it. */
static inline struct hl_event_setting
healthd_event_setting(const struct healthd *hd)
{
	return (struct hl_event_setting){
		.repairing = hd->mode == HL_HEAL_REPAIR,
		.quiet = hd->opt.quiet,
		.everything = hd->opt.everything,
	};
}

/* setup.c: steps before monitoring.  An exit status, or -1 to go on. */
int healthd_setup(struct healthd *hd);
void healthd_teardown(struct healthd *hd);

/* monitor.c: read and dispatch events until the end.  An exit status. */
int healthd_monitor(struct healthd *hd);

/* reopen.c */
/*
 * Open the filesystem's root again, by path, and make sure it is the one we
 * monitor; follow it if it was moved, or to another mount of it when the
 * one we used went away.  A descriptor, or -ESTALE when another filesystem
 * sits where ours was and ours cannot be found.
 */
int healthd_open_fs(struct healthd *hd);

/* The unique id of the mount we use now (0: no statmount). */
uint64_t healthd_mount_id(struct healthd *hd);

/*
 * The path of inode @ino/@gen (mount point included) into a malloc'd *path,
 * when parent pointers know one, walked now.  @fd: the root from
 * healthd_open_fs, or -1 to open it here.  0 or a negative errno.
 */
int healthd_inode_path(struct healthd *hd, int fd, uint64_t ino, uint32_t gen,
		       char **path);

/*
 * The same for an event's log line: a path found within a second will do,
 * and a walk that failed within a minute is not tried again (pathcache.h).
 */
int healthd_logged_path(struct healthd *hd, uint64_t ino, uint32_t gen,
			char **path);

/* repair.c */
/*
 * Repair the bits of @mask on the object @ev names (a SICK event).  True
 * if a repair failed (a full repair has then been asked for).
 */
bool healthd_spot_repair(struct healthd *hd, const struct hl_event *ev,
			 uint32_t mask);
/*
 * Ask systemd to start xfs_scrub@<mount>.service, without waiting; at most
 * once in FULL_REPAIR_HOLDOFF_S seconds, since one run covers everything.
 */
#define FULL_REPAIR_HOLDOFF_S 30
void healthd_full_repair(struct healthd *hd);
/*
 * full_repair.c: with --full-repair-in-process, the whole-filesystem
 * repair made here, in the calling worker, instead (scrub -a -r's plan).
 */
void healthd_full_repair_here(struct healthd *hd);

/* reconcile.c: heal what the kernel's health masks say is bad now. */
#define HEALTHD_RECONCILE_START 0x1 /* the monitor's first event */
#define HEALTHD_RECONCILE_LOST	0x2 /* the kernel dropped events */
#define HEALTHD_RECONCILE_ASKED 0x4 /* SIGUSR1 */
/*
 * Every --reconcile-interval: the filesystem's and groups' marks only (one
 * geometry call each), and the inodes of AGs newly marked "inodes"; what
 * was marked already at the last pass is not news.  Five minutes by
 * default: a pass costs the kernel microseconds per group, and sickness no
 * event told of is found within minutes.
 */
#define HEALTHD_RECONCILE_SCHEDULED 0x8
#define HEALTHD_RECONCILE_INTERVAL 300
#define HEALTHD_RECONCILE_INTERVAL_STR "300"
#define HEALTHD_RECONCILE_INTERVAL_MAX (7 * 24 * 3600)
/*
 * A pass over the masks, in a thread (main thread only); asked while one
 * runs, one more follows it, for every request made meanwhile.
 */
void healthd_reconcile_request(struct healthd *hd, unsigned int why);
/* End the pass under way early and wait (before the repair queue stops). */
void healthd_reconcile_wait(struct healthd *hd);

/* metrics.c: the metrics file for node_exporter's textfile collector. */
#define HEALTHD_METRICS_DIR "/var/lib/prometheus/node-exporter"
/*
 * Labels from @fd's filesystem; the file's name, and whether the directory
 * can be written (a directory given must be; the default may be missing).
 * An exit status, or -1 to go on.
 */
int healthd_metrics_setup(struct healthd *hd, int fd);
/* Monitoring begins: the writer thread starts (signals blocked first). */
void healthd_metrics_start(struct healthd *hd);
/* The last write, "monitoring 0", then everything freed. */
void healthd_metrics_stop(struct healthd *hd);
/* Everything freed, nothing written (a setup that failed: teardown). */
void healthd_metrics_release(struct healthd *hd);

/*
 * journal.c: under systemd, lines go to the journal with fields of their
 * own (built with libsystemd; else never).  Setup and teardown by
 * healthd_setup/teardown; journal_item and journal_line are false when
 * the line was not taken (then it is printed).
 */
void journal_setup(struct healthd *hd);
void journal_teardown(struct healthd *hd);
bool journal_wants(const struct healthd *hd, FILE *f);
bool journal_item(struct healthd *hd, const struct hl_event *ev,
		  const struct hl_repair_report *rep, const char *path,
		  const char *line, size_t len);

/*
 * hooks.c: notification hooks.  Setup reads --hooks-dir (an exit status, or
 * -1 to go on); start, its thread; submit queues the runs an event's or a
 * repair outcome's line asks for, without waiting; stop lets what is queued
 * start and what runs go on for the time limit (at most 30 s), then ends
 * them (the last metrics write comes after it); release frees it all.
 */
#define HEALTHD_HOOKS_DIR	   "/etc/xfs_health/hooks.d"
#define HEALTHD_HOOK_TIMEOUT	   30
#define HEALTHD_HOOK_TIMEOUT_MAX   3600
#define HEALTHD_HOOK_MAX	   4
#define HEALTHD_HOOK_MAX_MAX	   64
#define HEALTHD_HOOK_INTERVAL	   300
#define HEALTHD_HOOK_INTERVAL_MAX  (7 * 24 * 3600)
int hooks_setup(struct healthd *hd);
void hooks_start(struct healthd *hd);
void hooks_submit(struct healthd *hd, const struct hl_event *ev,
		  const struct hl_repair_report *rep, const char *path);
void hooks_stop(struct healthd *hd);
void hooks_release(struct healthd *hd);

/* workers.c: a bounded queue of repairs and the threads that make them. */
int queue_start(struct healthd *hd, unsigned int nr_workers, size_t max);
/* Queue a spot repair for a SICK event, joining one already queued. */
void queue_spot_repair(struct healthd *hd, const struct hl_event *ev);
void queue_full_repair(struct healthd *hd);
/*
 * Wait until nothing is queued or being repaired (polling: the reconcile
 * thread only); false if the daemon began to stop, or @give_up(@hd, @arg)
 * said to, first.
 */
bool queue_wait_idle(struct healthd *hd,
		     bool (*give_up)(struct healthd *hd, uint64_t arg),
		     uint64_t arg);
/* Is a repair queued or being made?  (The hooks wait for none.) */
bool queue_busy(struct healthd *hd);
/*
 * Stop the workers: finish what is queued (@drain) or drop it; the queue
 * stays (idle) until queue_free, in teardown, after the hooks' thread,
 * which asks it.
 */
void queue_stop(struct healthd *hd, bool drain);
void queue_free(struct healthd *hd);

/* log.c: every line the daemon writes. */
void log_event(struct healthd *hd, const struct hl_event *ev,
	       const char *path);
void log_repair(struct healthd *hd, const struct hl_repair_report *rep,
		const char *path);
/*
 * Lines about the mount.  xfs_healer's own lines keep its shape,
 * "<mnt>: <text>"; lines it does not print are "xfs_healthd: <mnt>: <text>"
 * and must not use the words of any upstream line (doc/output-format.md).
 * With -j, stdout lines are JSON: key "message" for upstream's, "notice"
 * for ours, "summary" for the summary.  stderr is always text.
 */
enum log_kind {
	LOG_NOTICE,	 /* upstream's, stdout */
	LOG_ADDED,	 /* ours, stdout */
	LOG_SUMMARY,	 /* ours, stdout, the last line */
	LOG_ERROR,	 /* upstream's errors and warnings, stderr */
	LOG_ADDED_ERROR, /* ours, stderr */
	LOG_DEBUG,	 /* ours, stderr, --debug only */
};
bool journal_line(struct healthd *hd, enum log_kind kind, const char *line,
		  size_t len);

void log_line(struct healthd *hd, enum log_kind kind, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#define log_notice(hd, ...)	 log_line((hd), LOG_NOTICE, __VA_ARGS__)
#define log_added(hd, ...)	 log_line((hd), LOG_ADDED, __VA_ARGS__)
#define log_error(hd, ...)	 log_line((hd), LOG_ERROR, __VA_ARGS__)
#define log_added_error(hd, ...) log_line((hd), LOG_ADDED_ERROR, __VA_ARGS__)
#define log_debug(hd, ...)	 log_line((hd), LOG_DEBUG, __VA_ARGS__)

/* The summary line, at the end. */
void log_summary(struct healthd *hd);

/*
 * Names (mount points, paths, values read from the filesystem) go into a
 * message escaped: log_line escapes only what could break the line, and
 * leaves backslashes, which a unit name needs as they are.  A name longer
 * than PATH_MAX escaped is cut.
 */
struct log_name {
	char buf[4 * PATH_MAX + 1];
};
const char *log_name(struct log_name *n, const char *name);

#endif /* XFS_HEALTH_HEALER_HEALTHD_H */
