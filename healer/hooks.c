// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Notification hooks: the executables of a directory, each run with an
 * event's or a repair outcome's line (its JSON object on stdin, its fields
 * in the environment) when the line is of a kind its name asks for.
 *
 * Learnt from zed: a hook never holds up anything else.  The event loop
 * and the repair workers only queue a run (no waiting, no fork); one
 * thread of its own starts them, at most --hook-max at once, each in a
 * session of its own so that its time limit (--hook-timeout, then SIGTERM,
 * then SIGKILL 5 s later) reaches what it started too.  Rate limits
 * (libhealth: one run an interval per object and kind, ten an interval per
 * hook) keep a storm from becoming a flood of mail; what they suppress is
 * counted, and given to the next run.  A hook's output becomes our lines,
 * escaped, so that it cannot forge or split one.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/eventfd.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "child.h"
#include "clock.h"
#include "healthd.h"
#include "service.h"

#define HOOK_GRACE_S	   5	/* from SIGTERM to SIGKILL */
#define HOOK_NICE	   10	/* hooks' CPU priority */
#define HOOK_STOP_S	   30	/* at most, for hooks when the daemon stops */
#define HOOK_BURST	   10	/* runs of one hook in an interval */
#define HOOK_QUEUE_MAX	   1024 /* runs waiting to start */
#define HOOK_OUTPUT_MAX	   4096 /* bytes of a run's output shown */
#define HOOK_DEFER_NS	   (2 * NSEC_PER_SEC) /* at most, behind repairs */
#define HOOK_DEFER_POLL_MS 20 /* the repairs looked at meanwhile */
#define HOOK_REAP_NS	   (NSEC_PER_SEC / 10) /* a run's end looked for */
#define HOOK_SCAN_NS	   NSEC_PER_SEC /* the directory looked at again */
#define HOOK_DROP_LINE_NS  (60 * NSEC_PER_SEC) /* "dropped" said at most */
#define HOOK_UNIT_PREFIX                                                       \
	"xfs_healthd_hook-" /* --hook-units: a drop-in                         \
			     * "xfs_healthd_hook-.service.d"                   \
			     * reaches them all */

struct hook {
	char name[HL_HOOK_NAME_MAX + 1];
	uint32_t kinds; /* 0: gone from the directory */
	bool seen;	/* in this scan */
	bool reused;	/* a gone hook's slot: its limits to forget */
};

struct hook_job {
	unsigned int hook;
	uint64_t queued_ns; /* when (monotonic) */
	char *path;	    /* the executable */
	char *input;	    /* the line's JSON object, newline-ended */
	char **env;
};

struct hook_child {
	pid_t pid;
	int out;
	unsigned int hook;
	unsigned long unit; /* with --hook-units: its unit's number */
	uint64_t start_ns, term_ns;
	bool timed_out, killed;
	size_t shown; /* output bytes shown so far */
	size_t used;  /* of @line */
	char line[1024];
};

struct hooks {
	struct healthd *hd;
	const char *dir;
	uint64_t timeout_ns;
	unsigned int max_running;
	bool via_units;		 /* --hook-units, and a bus to reach systemd */
	bool units_checked;	 /* the bus looked for */
	const char *systemd_run; /* its path, with @via_units */

	/* Under @lock: the hooks, the limits, the queue. */
	pthread_mutex_t lock;
	struct hook hook[HL_HOOKS_MAX];
	uint64_t dir_sig; /* dir_signature() at the last scan */
	struct hl_hook_limit limit;
	struct hook_job queue[HOOK_QUEUE_MAX];
	size_t head, count;
	uint64_t dropped, dropped_said; /* too many waiting */
	uint64_t dropped_stopping; /* queued when the stop's window ended */
	uint64_t drop_line_ns;
	uint64_t drain_until_ns;
	unsigned int nr;
	_Atomic uint32_t wanted; /* the kinds some hook takes */
	bool dir_there, dir_refused;
	bool stopping;
	bool thread;

	/* The hooks' thread's own. */
	pthread_t tid;
	unsigned long seq; /* runs started: transient units' names */
	struct hook_child child[HEALTHD_HOOK_MAX_MAX];
	unsigned int running;
	int wake; /* eventfd: a run queued, or stop */
};

/* ---- the directory ------------------------------------------------------ */

/* Owned by root (or us) and writable by nobody else? */
static bool
safe_owner(const struct stat *st)
{
	return (st->st_uid == 0 || st->st_uid == geteuid()) &&
	       !(st->st_mode & (S_IWGRP | S_IWOTH));
}

/* Package managers' leftovers and editors' backups: never run, not said. */
static bool
quietly_skipped(const char *name)
{
	size_t len = strlen(name);

	return name[0] == '.' || name[len - 1] == '~' ||
	       strstr(name, ".dpkg-") || strstr(name, ".ucf-") ||
	       strstr(name, ".rpm") || strstr(name, ".swp");
}

/* The kinds a hook takes, in words, for its start line. */
static void
kinds_words(uint32_t kinds, char *buf, size_t len)
{
	size_t used = 0;

	buf[0] = '\0';
	if (kinds == HL_HOOK_ALL_KINDS) {
		snprintf(buf, len, "all");
		return;
	}
	for (unsigned int k = 0; k < HL_LINE_NR_KINDS && used < len; k++)
		if (kinds & (1u << k))
			used += snprintf(buf + used, len - used, "%s%s",
					 used ? "," : "",
					 hl_name_of(hl_line_kind_names(), k));
}

/* The hooks' table as a scan builds it, away from @lock. */
struct hook_table {
	struct hook hook[HL_HOOKS_MAX];
	unsigned int nr;
};

/*
 * A hook's slot by name, or a new one; when all are taken, one whose hook
 * is gone (its counters start again under the new name).
 */
static int
find_or_add(struct hooks *h, struct hook_table *t, const char *name)
{
	unsigned int i;

	for (i = 0; i < t->nr; i++)
		if (!strcmp(t->hook[i].name, name))
			return (int)i;
	if (t->nr < HL_HOOKS_MAX) {
		i = t->nr++;
	} else {
		for (i = 0; i < t->nr; i++)
			if (!t->hook[i].kinds && !t->hook[i].seen)
				break;
		if (i == t->nr)
			return -ENOSPC;
	}
	t->hook[i] = (struct hook){.reused = i < h->nr};
	snprintf(t->hook[i].name, sizeof(t->hook[i].name), "%s", name);
	hl_metrics_hook_name(&h->hd->metrics, i, name);
	return (int)i;
}

/* One entry of the directory: a hook to run, or why not (said). */
static void
scan_entry(struct hooks *h, struct hook_table *t, int dfd, const char *name)
{
	struct healthd *hd = h->hd;
	struct log_name shown;
	uint32_t kinds;
	struct stat st;
	int i, error;

	if (quietly_skipped(name))
		return;
	/* Links are followed, as run-parts does: hooks linked from examples. */
	if (fstatat(dfd, name, &st, 0) < 0) {
		log_added_error(hd, "hook %s: not run: %s",
				log_name(&shown, name), strerror(errno));
		return;
	}
	if (!S_ISREG(st.st_mode) || !(st.st_mode & S_IXUSR)) {
		/* chmod -x is how a hook is turned off. */
		log_debug(hd, "hook %s: not an executable file; not run",
			  log_name(&shown, name));
		return;
	}
	error = hl_hook_name_kinds(name, &kinds);
	if (error == -EINVAL) {
		log_added_error(hd,
				"hook %s: not run: a hook's name has only "
				"letters, digits, '_', '-' and '.', and at "
				"most %d of them",
				log_name(&shown, name), HL_HOOK_NAME_MAX);
		return;
	}
	if (error) {
		log_added_error(hd,
				"hook %s: not run: its name does not begin "
				"with a kind of line and '-' (xfs_healthd(8))",
				log_name(&shown, name));
		return;
	}
	if (!safe_owner(&st)) {
		log_added_error(hd,
				"hook %s: not run: it must belong to root "
				"and be writable by no one else",
				name);
		return;
	}
	i = find_or_add(h, t, name);
	if (i < 0) {
		log_added_error(hd, "hook %s: not run: more than %d hooks",
				name, HL_HOOKS_MAX);
		return;
	}
	t->hook[i].seen = true;
	if (t->hook[i].kinds != kinds) {
		char words[256];

		kinds_words(kinds, words, sizeof(words));
		log_added(hd, "hook %s: runs for %s lines", name, words);
	}
	t->hook[i].kinds = kinds;
}

/*
 * systemd-run --pipe follows its unit over the D-Bus system bus, not
 * systemd's private socket: without a bus (a container, a minimal host)
 * hooks run here, in the daemon's sandbox, and the log says so.
 */
#define SYSTEM_BUS "/run/dbus/system_bus_socket"

static bool
units_reachable(struct hooks *h)
{
	static const char *const where[] = {"/usr/bin/systemd-run",
					    "/bin/systemd-run"};
	struct stat st;

	if (stat(SYSTEM_BUS, &st) || !S_ISSOCK(st.st_mode)) {
		log_added(h->hd,
			  "hooks: no D-Bus system bus (%s): hooks run as the "
			  "daemon's children, in its sandbox (no network)",
			  SYSTEM_BUS);
		return false;
	}
	/* Found now: the child only calls execve. */
	for (size_t i = 0; i < ARRAY_SIZE(where); i++)
		if (!access(where[i], X_OK)) {
			h->systemd_run = where[i];
			return true;
		}
	log_added(h->hd, "hooks: no systemd-run: hooks run as the daemon's "
			 "children, in its sandbox (no network)");
	return false;
}

static uint64_t
stat_hash(const struct stat *st)
{
	return hl_hash_mix(st->st_mode ^ (uint64_t)st->st_uid << 32) ^
	       hl_hash_mix(st->st_ino ^ st->st_dev) ^
	       hl_hash_mix((uint64_t)st->st_ctim.tv_sec * NSEC_PER_SEC +
			   st->st_ctim.tv_nsec) ^
	       hl_hash_mix((uint64_t)st->st_mtim.tv_sec * NSEC_PER_SEC +
			   st->st_mtim.tv_nsec);
}

/*
 * What the directory looks like: each entry's name, mode, owner and times
 * (links followed), in a number; 0 when it cannot be read.  Looked at each
 * second, so that a hook added, removed, chmod'ed or chown'ed is seen.
 */
static uint64_t
dir_signature(const char *dir)
{
	struct dirent *de;
	struct stat st;
	uint64_t sig;
	DIR *d = opendir(dir);

	if (!d)
		return 0;
	sig = fstat(dirfd(d), &st) ? 1 : stat_hash(&st);
	while ((de = readdir(d))) {
		uint64_t h = 0;

		for (const char *c = de->d_name; *c; c++)
			h = (h ^ (unsigned char)*c) * 0x100000001b3ULL;
		if (!fstatat(dirfd(d), de->d_name, &st, 0))
			h ^= stat_hash(&st);
		/* A sum: the order readdir gives does not matter. */
		sig += hl_hash_mix(h);
	}
	closedir(d);
	return sig ? sig : 1;
}

/*
 * Read the directory again when it changed (or at start): hooks come and
 * go without a restart.  Stats and lines away from @lock (a slow /etc
 * must not hold up the event loop); the table is swapped in under it.
 * Only the hooks' thread (and setup, before it) changes the table.
 */
static void
scan(struct hooks *h, bool at_start)
{
	struct healthd *hd = h->hd;
	struct hook_table t = {.nr = h->nr};
	uint64_t sig = dir_signature(h->dir);
	struct dirent **names = NULL;
	struct log_name shown;
	uint32_t wanted = 0;
	struct stat st;
	int nr = -1, dfd = -1;

	if (!at_start && sig == h->dir_sig)
		return;
	h->dir_sig = sig;
	memcpy(t.hook, h->hook, sizeof(t.hook));
	for (unsigned int i = 0; i < t.nr; i++)
		t.hook[i].seen = false;
	if (stat(h->dir, &st) < 0) {
		if (h->dir_there)
			log_added_error(hd, "hooks: %s: %s; no hooks run",
					log_name(&shown, h->dir),
					strerror(errno));
		h->dir_there = false;
		goto swap;
	}
	h->dir_there = true;
	if (!S_ISDIR(st.st_mode) || !safe_owner(&st)) {
		if (!h->dir_refused)
			log_added_error(hd,
					"hooks: %s: not a directory that "
					"belongs to root and is writable "
					"by no one else; no hooks run",
					log_name(&shown, h->dir));
		h->dir_refused = true;
		goto swap;
	}
	h->dir_refused = false;
	/* In name order, as run-parts: the same lines each time. */
	nr = scandir(h->dir, &names, NULL, alphasort);
	dfd = open(h->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (nr < 0 || dfd < 0) {
		log_added_error(hd, "hooks: %s: %s; no hooks run",
				log_name(&shown, h->dir), strerror(errno));
		goto swap;
	}
	for (int i = 0; i < nr; i++)
		scan_entry(h, &t, dfd, names[i]->d_name);
swap:
	for (int i = 0; i < nr; i++)
		free(names[i]);
	free(names);
	if (dfd >= 0)
		close(dfd);
	for (unsigned int i = 0; i < t.nr; i++) {
		if (t.hook[i].seen) {
			wanted |= t.hook[i].kinds;
			continue;
		}
		if (t.hook[i].kinds && !at_start)
			log_added(hd, "hook %s: no longer run", t.hook[i].name);
		t.hook[i].kinds = 0;
	}
	/* Said once, when there is a hook to run. */
	if (wanted && h->via_units && !h->units_checked) {
		h->units_checked = true;
		h->via_units = units_reachable(h);
	}
	pthread_mutex_lock(&h->lock);
	for (unsigned int i = 0; i < t.nr; i++)
		if (t.hook[i].reused) {
			hl_hook_limit_forget(&h->limit, i);
			t.hook[i].reused = false;
		}
	memcpy(h->hook, t.hook, sizeof(t.hook));
	h->nr = t.nr;
	atomic_store(&h->wanted, wanted);
	pthread_mutex_unlock(&h->lock);
}

/* ---- queueing a run ------------------------------------------------------ */

/* A NULL-terminated array of malloc'd strings, and the array. */
static void
strv_free(char **v)
{
	for (char **s = v; s && *s; s++)
		free(*s);
	free(v);
}

/*
 * An array being filled when its @n-th string could not be made: that one
 * is undefined (asprintf) or NULL, the ones before it are made.
 */
static char **
strv_give_up(char **v, size_t n)
{
	v[n - 1] = NULL;
	strv_free(v);
	return NULL;
}

static void
job_free(struct hook_job *j)
{
	free(j->path);
	free(j->input);
	strv_free(j->env);
	memset(j, 0, sizeof(*j));
}

#define HOOK_PATH                                                              \
	"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
#define HOOK_COMMON_ENV                                                        \
	8 /* PATH, hook, kind, mount, uuid, message, two counts */

/* The environment of one run: ours, then the line's journal fields. */
static char **
job_env(struct hooks *h, unsigned int hook, enum hl_line_kind kind,
	const char *text, const struct hl_journal_fields *f,
	uint64_t suppressed, uint64_t suppressed_all)
{
	struct healthd *hd = h->hd;
	size_t n = 0, len = strlen(text);
	char **env = calloc(HOOK_COMMON_ENV + f->nr + 1, sizeof(*env));
	bool ok;

	if (!env)
		return NULL;
	if (len && text[len - 1] == '\n')
		len--;
	ok = (env[n++] = strdup(HOOK_PATH)) &&
	     asprintf(&env[n++], "XFS_HOOK=%s", h->hook[hook].name) >= 0 &&
	     asprintf(&env[n++], "XFS_HOOK_KIND=%s",
		      hl_name_of(hl_line_kind_names(), kind)) >= 0 &&
	     asprintf(&env[n++], "XFS_MOUNTPOINT=%s",
		      hd->render.text_mountpoint) >= 0 &&
	     asprintf(&env[n++], "XFS_UUID=%s",
		      hd->metrics_ready ? hd->metrics.uuid : "") >= 0 &&
	     asprintf(&env[n++], "XFS_MESSAGE=%.*s", (int)len, text) >= 0 &&
	     asprintf(&env[n++], "XFS_HOOK_SUPPRESSED=%llu",
		      (unsigned long long)suppressed) >= 0 &&
	     asprintf(&env[n++], "XFS_HOOK_SUPPRESSED_ALL=%llu",
		      (unsigned long long)suppressed_all) >= 0;
	for (size_t i = 0; ok && i < f->nr; i++)
		ok = (env[n++] = strdup(f->field[i])) != NULL;
	if (ok)
		return env;
	return strv_give_up(env, n);
}

/* Tell the hooks' thread; an eventfd write never blocks below 2^64-1. */
static void
wake(struct hooks *h)
{
	uint64_t one = 1;

	if (write(h->wake, &one, sizeof(one)) < 0) {
		/* The counter is already nonzero: it wakes anyway. */
	}
}

static void
count(struct hooks *h, unsigned int hook, enum hl_hook_count what)
{
	hl_metrics_hook_count(&h->hd->metrics, hook, what, 1);
}

void
hooks_submit(struct healthd *hd, const struct hl_event *ev,
	     const struct hl_repair_report *rep, const char *path)
{
	struct hooks *h = hd->hooks;
	enum hl_line_kind kind = hl_line_kind_of(ev, rep);
	uint64_t now;
	struct hl_render r;
	struct hl_journal_fields f;
	char *json = NULL, *text = NULL;
	bool queued = false;
	int len;

	if (!h || !(atomic_load(&h->wanted) & (1u << kind)))
		return;
	r = hd->render;
	r.path = path;
	json = malloc(HL_LOG_LINE_MAX + 1);
	text = malloc(HL_LOG_LINE_MAX + 1);
	if (!json || !text)
		goto out;
	len = hl_log_line_format(json, HL_LOG_LINE_MAX + 1, true, ev, rep, &r);
	if (len < 0 || hl_log_line_format(text, HL_LOG_LINE_MAX + 1, false, ev,
					  rep, &r) < 0)
		goto out;
	if (hl_journal_fields_of(&f, ev, rep, path))
		memset(&f, 0, sizeof(f));

	pthread_mutex_lock(&h->lock);
	/* Read under the lock: the limits see times in order. */
	now = clock_ns(CLOCK_MONOTONIC);
	for (unsigned int i = 0; i < h->nr; i++) {
		uint64_t sup, sup_all;
		struct hl_hook_key key;
		struct hook_job *j;

		if (!(h->hook[i].kinds & (1u << kind)))
			continue;
		/* No room: dropped before the limits count it as run. */
		if (h->count == HOOK_QUEUE_MAX || h->stopping) {
			if (h->stopping)
				h->dropped_stopping++;
			else
				h->dropped++;
			count(h, i, HL_HOOK_DROPPED);
			continue;
		}
		hl_hook_key_of(&key, i, ev, rep);
		if (!hl_hook_limit_allow(&h->limit, &key, now, &sup,
					 &sup_all)) {
			count(h, i, HL_HOOK_SUPPRESSED);
			continue;
		}
		j = &h->queue[(h->head + h->count) % HOOK_QUEUE_MAX];
		j->hook = i;
		j->queued_ns = now;
		j->env = job_env(h, i, kind, text, &f, sup, sup_all);
		j->input = strdup(json);
		if (asprintf(&j->path, "%s/%s", h->dir, h->hook[i].name) < 0)
			j->path = NULL;
		if (!j->env || !j->input || !j->path) {
			job_free(j);
			h->dropped++;
			count(h, i, HL_HOOK_DROPPED);
			continue;
		}
		h->count++;
		queued = true;
	}
	pthread_mutex_unlock(&h->lock);
	hl_journal_fields_free(&f);
	if (queued)
		wake(h);
out:
	free(json);
	free(text);
}

/* ---- running --------------------------------------------------------------
 */

/*
 * With --hook-units: "systemd-run ... -- HOOK", a transient unit of its own
 * (outside the daemon's sandbox: a webhook needs the network), given the
 * line on stdin through --pipe and its environment with --setenv; systemd
 * enforces the same time limit on its whole cgroup.  Else the hook itself.
 */
static char **
hook_argv(struct hooks *h, const struct hook_job *j)
{
	size_t nr_env = 0, n = 0;
	char **argv;

	for (char **e = j->env; *e; e++)
		nr_env++;
	argv = calloc(nr_env + 16, sizeof(*argv));
	if (!argv)
		return NULL;
	if (!h->via_units) {
		argv[0] = strdup(j->path);
		if (argv[0])
			return argv;
		free(argv);
		return NULL;
	}
	h->seq++;
	bool ok =
		(argv[n++] = strdup(h->systemd_run)) &&
		(argv[n++] = strdup("--quiet")) &&
		(argv[n++] = strdup("--pipe")) &&
		(argv[n++] = strdup("--collect")) &&
		asprintf(&argv[n++], "--unit=" HOOK_UNIT_PREFIX "%d-%lu",
			 (int)getpid(), h->seq) >= 0 &&
		asprintf(&argv[n++], "--description=xfs_healthd hook %s for %s",
			 h->hook[j->hook].name,
			 h->hd->render.text_mountpoint) >= 0 &&
		asprintf(&argv[n++], "--property=RuntimeMaxSec=%llu",
			 (unsigned long long)(h->timeout_ns / NSEC_PER_SEC)) >=
			0 &&
		asprintf(&argv[n++], "--property=TimeoutStopSec=%d",
			 HOOK_GRACE_S) >= 0 &&
		asprintf(&argv[n++], "--nice=%d", HOOK_NICE) >= 0;
	for (char **e = j->env; ok && *e; e++)
		ok = asprintf(&argv[n++], "--setenv=%s", *e) >= 0;
	ok = ok && (argv[n++] = strdup("--")) && (argv[n++] = strdup(j->path));
	if (ok)
		return argv;
	return strv_give_up(argv, n);
}

/* In the child: async-signal-safe calls only. */
static void __attribute__((noreturn))
exec_hook(char **argv, char **env, int in, int out)
{
	child_reset_signals();
	/* Its own session: a time limit reaches what it started too. */
	setsid();
	/* Below the repairs and the event loop for the CPU. */
	if (setpriority(PRIO_PROCESS, 0, HOOK_NICE) < 0) {
		/* Not allowed to lower it: run as it is. */
	}
	umask(022);
	if (dup2(in, 0) < 0 || dup2(out, 1) < 0 || dup2(out, 2) < 0)
		_exit(127);
	child_close_from(3);
	if (chdir("/") < 0)
		_exit(127);
	execve(argv[0], argv, env);
	_exit(127);
}

/*
 * The line goes to the pipe now, without waiting: a pipe holds 64 KiB and
 * a line at most 40 (made sure of where the system allows).  False if it
 * was cut (a pipe kept small by the per-user limit).
 */
static bool
feed(int fd, const char *input)
{
	size_t len = strlen(input);
	ssize_t n;

	if (fcntl(fd, F_GETPIPE_SZ) < (int)len + 1)
		fcntl(fd, F_SETPIPE_SZ, (int)len + 1);
	fcntl(fd, F_SETFL, O_NONBLOCK);
	while (len) {
		n = write(fd, input, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			break; /* gone (EPIPE), or full */
		input += n;
		len -= (size_t)n;
	}
	close(fd);
	return !len || errno == EPIPE; /* EPIPE: it did not want it */
}

/* Was the job's hook removed, turned off or its slot reused since? */
static bool
hook_gone(const struct hooks *h, const struct hook_job *j)
{
	const char *base = strrchr(j->path, '/');

	return !h->hook[j->hook].kinds ||
	       strcmp(base ? base + 1 : j->path, h->hook[j->hook].name);
}

static void
start(struct hooks *h, struct hook_job *j)
{
	struct healthd *hd = h->hd;
	const char *name = h->hook[j->hook].name;
	struct hook_child *c = &h->child[h->running];
	int in[2] = {-1, -1}, out[2] = {-1, -1};
	char **argv = hook_argv(h, j);
	char *unit_env[] = {HOOK_PATH, NULL};
	pid_t pid;

	if (!argv) {
		errno = ENOMEM;
		goto fail;
	}
	if (pipe2(in, O_CLOEXEC) < 0 || pipe2(out, O_CLOEXEC) < 0)
		goto fail;
	pid = fork();
	if (pid < 0)
		goto fail;
	if (pid == 0)
		exec_hook(argv, h->via_units ? unit_env : j->env, in[0],
			  out[1]);
	strv_free(argv);
	close(in[0]);
	close(out[1]);
	if (!feed(in[1], j->input))
		log_added_error(hd, "hook %s: its input was cut: %s", name,
				strerror(errno));
	fcntl(out[0], F_SETFL, O_NONBLOCK);
	*c = (struct hook_child){
		.pid = pid,
		.unit = h->via_units ? h->seq : 0,
		.out = out[0],
		.hook = j->hook,
		.start_ns = clock_ns(CLOCK_MONOTONIC),
	};
	h->running++;
	count(h, j->hook, HL_HOOK_RUNS);
	log_debug(hd, "hook %s: started, pid %d", name, (int)pid);
	return;
fail:
	log_added_error(hd, "hook %s: cannot be started: %s", name,
			strerror(errno));
	strv_free(argv);
	for (int i = 0; i < 2; i++) {
		if (in[i] >= 0)
			close(in[i]);
		if (out[i] >= 0)
			close(out[i]);
	}
	count(h, j->hook, HL_HOOK_RUNS);
	count(h, j->hook, HL_HOOK_FAILURES);
}

static void say_output(struct hooks *h, struct hook_child *c, const char *s,
		       size_t len);

/* No more output is read: what is left is a line. */
static void
close_output(struct hooks *h, struct hook_child *c)
{
	if (c->used)
		say_output(h, c, c->line, c->used);
	c->used = 0;
	if (c->out >= 0)
		close(c->out);
	c->out = -1;
}

/* A line of a hook's output, as ours: escaped, never two lines. */
static void
say_output(struct hooks *h, struct hook_child *c, const char *s, size_t len)
{
	struct log_name shown;
	char text[sizeof(c->line) + 1];

	memcpy(text, s, len);
	text[len] = '\0';
	log_added_error(h->hd, "hook %s: output: %s", h->hook[c->hook].name,
			log_name(&shown, text));
}

static void
read_output(struct hooks *h, struct hook_child *c)
{
	char buf[4096];
	ssize_t n = 0;

	/* A few reads, then back to the loop: a flood must not hold it. */
	for (int reads = 0; c->out >= 0 && reads < 4; reads++) {
		n = read(c->out, buf, sizeof(buf));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		for (ssize_t i = 0; i < n; i++) {
			if (c->shown >= HOOK_OUTPUT_MAX) {
				if (c->shown++ == HOOK_OUTPUT_MAX)
					log_added_error(h->hd,
							"hook %s: output: "
							"(more not shown)",
							h->hook[c->hook].name);
				continue;
			}
			c->shown++;
			if (buf[i] == '\n') {
				say_output(h, c, c->line, c->used);
				c->used = 0;
				continue;
			}
			c->line[c->used++] = buf[i];
			if (c->used == sizeof(c->line)) {
				say_output(h, c, c->line, c->used);
				c->used = 0;
			}
		}
	}
	if (n < 0 && errno == EAGAIN)
		return;
	if (n > 0)
		return; /* more to come: the loop reads it */
	/* End of output (or an error): what is left is a line. */
	close_output(h, c);
}
/* The run ended (@status from waitpid): said unless it went well. */
static void
ended(struct hooks *h, struct hook_child *c, int status)
{
	struct healthd *hd = h->hd;
	const char *name = h->hook[c->hook].name;
	double secs = (clock_ns(CLOCK_MONOTONIC) - c->start_ns) / 1e9;

	/*
	 * What it printed just before it ended, then the end (a child of
	 * the hook may still hold the pipe: not waited for).
	 */
	if (c->out >= 0)
		read_output(h, c);
	close_output(h, c);
	if (WIFEXITED(status) && !WEXITSTATUS(status) && !c->timed_out) {
		log_debug(hd, "hook %s: done in %.3f s", name, secs);
		return;
	}
	count(h, c->hook, HL_HOOK_FAILURES);
	if (c->timed_out)
		return; /* said when it was stopped */
	if (WIFEXITED(status))
		log_added_error(hd,
				"hook %s: exited with status %d after "
				"%.3f s%s",
				name, WEXITSTATUS(status), secs,
				WEXITSTATUS(status) == 127
					? " (it may not have been run: a "
					  "missing interpreter?)"
					: "");
	else
		log_added_error(hd,
				"hook %s: ended by signal %d (%s) after "
				"%.3f s",
				name, WTERMSIG(status),
				sigabbrev_np(WTERMSIG(status)) ?: "?", secs);
}

/* Reap @c if it ended; true if it did (then it is gone from the array). */
static bool
reap(struct hooks *h, unsigned int i)
{
	struct hook_child *c = &h->child[i];
	int status;
	pid_t got = waitpid(c->pid, &status, WNOHANG);

	if (got == 0 || (got < 0 && errno == EINTR))
		return false;
	if (got < 0)
		status = 0; /* cannot happen: ours, not reaped */
	ended(h, c, status);
	h->child[i] = h->child[--h->running];
	return true;
}

/*
 * With --hook-units, SIGTERM reaches systemd-run, which ends without
 * stopping the hook's unit: when the daemon stops, systemd is asked to.
 */
static void
stop_unit(struct hooks *h, const struct hook_child *c)
{
	char unit[64];
	int ret;

	if (!c->unit)
		return;
	snprintf(unit, sizeof(unit), HOOK_UNIT_PREFIX "%d-%lu.service",
		 (int)getpid(), c->unit);
	ret = service_request("stop", unit);
	if (ret)
		log_added_error(h->hd, "hook %s: systemctl stop %s: %s",
				h->hook[c->hook].name, unit,
				ret < 0 ? strerror(-ret) : "it failed");
}

/*
 * Time limits: SIGTERM to its session, then SIGKILL.  When the daemon
 * stops, the runs still going at the end of the stop's window (@late) are
 * ended the same way.
 */
static void
enforce(struct hooks *h, struct hook_child *c, uint64_t now, bool late)
{
	const char *name = h->hook[c->hook].name;
	bool past = now - c->start_ns >= h->timeout_ns;

	if (!c->timed_out && (past || late)) {
		c->timed_out = true;
		c->term_ns = now;
		kill(-c->pid, SIGTERM);
		count(h, c->hook, HL_HOOK_TIMEOUTS);
		if (past)
			log_added_error(h->hd,
					"hook %s: still running after %llu s; "
					"sent SIGTERM",
					name,
					(unsigned long long)(h->timeout_ns /
							     NSEC_PER_SEC));
		else {
			log_added_error(h->hd,
					"hook %s: still running as the daemon "
					"stops; sent SIGTERM",
					name);
			stop_unit(h, c);
		}
		return;
	}
	if (c->timed_out && !c->killed &&
	    now - c->term_ns >= HOOK_GRACE_S * NSEC_PER_SEC) {
		c->killed = true;
		kill(-c->pid, SIGKILL);
		log_added_error(h->hd,
				"hook %s: still running %d s after "
				"SIGTERM; sent SIGKILL",
				name, HOOK_GRACE_S);
	}
}

/* When something must be done next, in ms from @now (poll's timeout). */
static int
next_timeout(const struct hooks *h, uint64_t now, bool stopping, uint64_t until)
{
	uint64_t next = now + HOOK_SCAN_NS;

	for (unsigned int i = 0; i < h->running; i++) {
		const struct hook_child *c = &h->child[i];
		uint64_t t = c->timed_out
				     ? c->term_ns + HOOK_GRACE_S * NSEC_PER_SEC
				     : c->start_ns + h->timeout_ns;

		/* Killed: only its end (or giving up on it) is waited for. */
		if (c->killed)
			t = now + HOOK_REAP_NS;

		/*
		 * Its end is looked for (waitpid) ten times a second: a pidfd
		 * would do, but valgrind does not know pidfd_open.
		 */
		if (t > now + HOOK_REAP_NS)
			t = now + HOOK_REAP_NS;
		if (t < next)
			next = t;
	}
	if (stopping && until > now && until < next)
		next = until;
	return next <= now ? 0 : (int)((next - now + 999999) / 1000000);
}

/*
 * Runs dropped since the last line: said at most once a minute; at the
 * end (@last), also those the stop dropped.
 */
static void
say_dropped(struct hooks *h, uint64_t now, bool last)
{
	uint64_t n = h->dropped - h->dropped_said;

	if (n && (last || now >= h->drop_line_ns)) {
		log_added_error(h->hd,
				"hooks: %llu runs not made: too many "
				"were waiting",
				(unsigned long long)n);
		h->dropped_said = h->dropped;
		h->drop_line_ns = now + HOOK_DROP_LINE_NS;
	}
	if (last && h->dropped_stopping)
		log_added_error(h->hd,
				"hooks: %llu runs not made: the daemon "
				"stopped before they could start",
				(unsigned long long)h->dropped_stopping);
}

/*
 * A run that outlived SIGKILL by the grace (a process stuck in the
 * kernel): left behind, its slot freed.  True if it was.
 */
static bool
give_up(struct hooks *h, unsigned int i, uint64_t now)
{
	struct hook_child *c = &h->child[i];

	if (!c->killed || now < c->term_ns + 2 * HOOK_GRACE_S * NSEC_PER_SEC)
		return false;
	log_added_error(h->hd,
			"hook %s: pid %d does not end after SIGKILL; left "
			"behind",
			h->hook[c->hook].name, (int)c->pid);
	close_output(h, c);
	h->child[i] = h->child[--h->running];
	return true;
}

static void *
hooks_thread(void *arg)
{
	struct hooks *h = arg;
	uint64_t next_scan = 0;

	for (;;) {
		struct pollfd pfd[1 + HEALTHD_HOOK_MAX_MAX];
		unsigned int nfds = 0;
		uint64_t now = clock_ns(CLOCK_MONOTONIC), v, until;
		bool stopping, late, busy, defer;

		pthread_mutex_lock(&h->lock);
		stopping = h->stopping;
		until = h->drain_until_ns;
		pthread_mutex_unlock(&h->lock);
		if (now >= next_scan && !stopping) {
			scan(h, false);
			next_scan = now + HOOK_SCAN_NS;
		}
		late = stopping && now >= until;
		/*
		 * A hook is never in a repair's way: none starts while one
		 * is queued or under way (fork, exec and the hook's own CPU
		 * would slow it), each for up to HOOK_DEFER_NS.
		 */
		busy = !stopping && queue_busy(h->hd);
		pthread_mutex_lock(&h->lock);
		while (late && h->count) {
			struct hook_job *j = &h->queue[h->head];

			count(h, j->hook, HL_HOOK_DROPPED);
			h->dropped_stopping++;
			job_free(j);
			h->head = (h->head + 1) % HOOK_QUEUE_MAX;
			h->count--;
		}
		defer = false;
		while (h->running < h->max_running && h->count) {
			if (busy &&
			    now < h->queue[h->head].queued_ns + HOOK_DEFER_NS) {
				defer = true;
				break;
			}
			struct hook_job j = h->queue[h->head];

			memset(&h->queue[h->head], 0, sizeof(j));
			h->head = (h->head + 1) % HOOK_QUEUE_MAX;
			h->count--;
			pthread_mutex_unlock(&h->lock);
			if (hook_gone(h, &j))
				count(h, j.hook, HL_HOOK_DROPPED);
			else
				start(h, &j);
			job_free(&j);
			pthread_mutex_lock(&h->lock);
		}
		if (h->stopping && !h->count && !h->running) {
			pthread_mutex_unlock(&h->lock);
			break;
		}
		if (!stopping)
			say_dropped(h, now, false);
		pthread_mutex_unlock(&h->lock);

		/* Runs just started began after @now. */
		now = clock_ns(CLOCK_MONOTONIC);
		for (unsigned int i = h->running; i-- > 0;)
			give_up(h, i, now);
		for (unsigned int i = 0; i < h->running; i++)
			enforce(h, &h->child[i], now, late);
		pfd[nfds++] = (struct pollfd){.fd = h->wake, .events = POLLIN};
		for (unsigned int i = 0; i < h->running; i++)
			pfd[nfds++] = (struct pollfd){.fd = h->child[i].out,
						      .events = POLLIN};
		if (poll(pfd, nfds,
			 defer ? HOOK_DEFER_POLL_MS
			       : next_timeout(h, now, stopping, until)) < 0) {
			/* Never fatal: the runs must still be ended. */
			if (errno != EINTR)
				usleep(100 * 1000);
			continue;
		}
		if (pfd[0].revents && read(h->wake, &v, sizeof(v)) < 0) {
			/* Nothing to read: woken by another. */
		}
		for (unsigned int i = 0; i < h->running; i++)
			if (h->child[i].out >= 0 && pfd[1 + i].revents)
				read_output(h, &h->child[i]);
		for (unsigned int i = h->running; i-- > 0;)
			reap(h, i);
	}
	pthread_mutex_lock(&h->lock);
	say_dropped(h, clock_ns(CLOCK_MONOTONIC), true);
	pthread_mutex_unlock(&h->lock);
	return NULL;
}

/* ---- setup and stop ------------------------------------------------------ */

int
hooks_setup(struct healthd *hd)
{
	const struct healthd_opts *o = &hd->opt;
	struct log_name shown;
	struct hooks *h;
	struct stat st;

	if (!o->hooks_dir)
		return -1;
	if (stat(o->hooks_dir, &st) < 0) {
		/* The default, not made (yet): looked for every second. */
		if (o->hooks_dir_given || errno != ENOENT) {
			log_added_error(hd, "hooks: %s: %s",
					log_name(&shown, o->hooks_dir),
					strerror(errno));
			return EXIT_SETUP;
		}
	} else if (!S_ISDIR(st.st_mode)) {
		log_added_error(hd, "hooks: %s: %s",
				log_name(&shown, o->hooks_dir),
				strerror(ENOTDIR));
		return EXIT_SETUP;
	}
	h = calloc(1, sizeof(*h));
	if (!h || hl_hook_limit_init(&h->limit,
				     (uint64_t)o->hook_interval * NSEC_PER_SEC,
				     HOOK_BURST)) {
		free(h);
		log_added_error(hd, "hooks: %s", strerror(ENOMEM));
		return EXIT_SETUP;
	}
	h->wake = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	if (h->wake < 0) {
		log_added_error(hd, "hooks: %s", strerror(errno));
		hl_hook_limit_free(&h->limit);
		free(h);
		return EXIT_SETUP;
	}
	h->hd = hd;
	h->dir = o->hooks_dir;
	h->timeout_ns = (uint64_t)o->hook_timeout * NSEC_PER_SEC;
	h->max_running = o->hook_max;
	h->via_units = o->hook_units;
	pthread_mutex_init(&h->lock, NULL);
	hd->hooks = h;
	scan(h, true);
	return -1;
}

void
hooks_start(struct healthd *hd)
{
	struct hooks *h = hd->hooks;
	int error;

	if (!h)
		return;
	error = pthread_create(&h->tid, NULL, hooks_thread, h);
	if (error) {
		log_added_error(hd,
				"hooks: cannot start their thread: %s; "
				"no hooks run",
				strerror(error));
		atomic_store(&h->wanted, 0);
		return;
	}
	h->thread = true;
}

void
hooks_stop(struct healthd *hd)
{
	struct hooks *h = hd->hooks;

	if (!h || !h->thread)
		return;
	pthread_mutex_lock(&h->lock);
	h->stopping = true;
	/*
	 * A window for what is queued to start and what runs to end (the
	 * time limit, at most HOOK_STOP_S); then SIGTERM, and SIGKILL.
	 */
	h->drain_until_ns = clock_ns(CLOCK_MONOTONIC) +
			    (h->timeout_ns < HOOK_STOP_S * NSEC_PER_SEC
				     ? h->timeout_ns
				     : HOOK_STOP_S * NSEC_PER_SEC);
	pthread_mutex_unlock(&h->lock);
	wake(h);
	pthread_join(h->tid, NULL);
	h->thread = false;
	atomic_store(&h->wanted, 0);
}

void
hooks_release(struct healthd *hd)
{
	struct hooks *h = hd->hooks;

	if (!h)
		return;
	hooks_stop(hd);
	while (h->count) {
		job_free(&h->queue[h->head]);
		h->head = (h->head + 1) % HOOK_QUEUE_MAX;
		h->count--;
	}
	close(h->wake);
	hl_hook_limit_free(&h->limit);
	pthread_mutex_destroy(&h->lock);
	free(h);
	hd->hooks = NULL;
}
