// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * verify_media (xfs_io's verifymedia): have the kernel read a device section
 * of the filesystem, step past every bad range to the end, and say what each
 * bad range held.
 */
#include <errno.h>
#include <getopt.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <sys/signalfd.h>

#include "io.h"
#include "media_map.h"
#include "media_scan.h"
#include "xfs_health_abi.h"

#define MAX_THREADS 64
/*
 * Calls in flight by default: tests/bench/verify-media measured 8 fastest on
 * a virtio disk (up to 1.7x one call).  The kernel's "rotational" flag is no
 * guide (virtio disks all claim it), so a disk with heads needs -p 1.
 */
#define DEFAULT_THREADS 8
/* Calls this long keep progress lines and parallel walks moving. */
#define PIECE_SECTORS	  ((128ULL << 20) >> HL_BBSHIFT)
#define PROGRESS_AFTER_NS 1000000000ULL /* only long runs show progress */
#define PROGRESS_EVERY_NS 500000000ULL
/*
 * A scan that may stop early (--checkpoint, --max-time, --until, --rate)
 * asks for at most this much per call: an interrupted call's work is lost
 * to the checkpoint, and a stop waits for the calls in flight.
 */
#define CALL_CAP_SECTORS ((16ULL << 20) >> HL_BBSHIFT)
#define SAVE_EVERY_NS	 1000000000ULL /* checkpoint writes */
#define RATE_BURST_NS	 100000000ULL  /* idle time a paced scan may use */
#define MIN_RATE	 (64ULL << 10)

struct vm_opts {
	uint32_t dev;	      /* -d -l -r */
	bool report;	      /* -R */
	bool verbose;	      /* -v */
	bool used_only;	      /* -u */
	bool map;	      /* -m */
	bool json;	      /* -j */
	uint32_t rest_us;     /* -s */
	unsigned int threads; /* -p */
	const char *max_io_arg, *start_arg, *end_arg, *rate_arg;
	uint64_t max_io, start, end; /* bytes; end valid if end_arg */
	uint64_t rate;		     /* --rate, bytes per second; 0: none */
	const char *ckpt_path;	     /* --checkpoint */
	time_t deadline;	     /* --max-time, --until; 0: none */
	enum media_busy busy;	     /* --busy */
	bool busy_set;
	bool stale_restart;	     /* --stale=restart */
	bool if_present;	     /* --if-present */
};

struct vm_run {
	const struct vm_opts *o;
	const struct io_file *file;
	struct media_map map;
	bool have_map; /* -m can name owners */
	int map_error; /* why it cannot (negative errno) */
	bool present;  /* the filesystem has the device */
	uint32_t io_sectors;
	uint32_t align; /* sectors: pieces start on I/O boundaries */

	struct hl_daddr_range *pieces;
	size_t nr_pieces, next_piece;

	pthread_mutex_t lock;
	int done_fd;	      /* eventfd: the last thread has finished */
	unsigned int running; /* threads still walking */
	struct hl_bad_list bad;
	size_t printed; /* bad ranges already printed */
	struct hl_verify_stats st;
	uint64_t planned;    /* sectors in the pieces */
	uint64_t done;	     /* of those, walked */
	uint64_t kernel_end; /* lowest end the kernel wrote back */
	int fatal;	     /* errno of a refused call: stop */
	bool stream;	     /* print each bad range when it is complete */
	bool progress;
	bool drawn; /* a progress line is on the terminal */
	size_t drawn_len;
	uint64_t t0, last_draw;
	int late_signal; /* came after the walk: report all, then die of it */
	int status;

	/* Scans that stop and resume (io/media_scan.h). */
	struct hl_rate rate;	     /* --rate; under lock */
	struct hl_media_ckpt ckpt;   /* what the scan is, and counts before */
	struct hl_range_list walked; /* sectors walked, in all runs */
	const struct hl_range_list *plan_ranges; /* what this run reads */
	uint64_t call_cap;    /* sectors per call at most; 0: a piece a call */
	uint64_t deadline_ns; /* CLOCK_MONOTONIC; 0: none */
	uint64_t last_save;
	uint64_t resumed; /* sectors the earlier runs walked */
	int save_error;	  /* the last checkpoint write's, or 0 */
	bool paced;	  /* --rate */
	bool stopping;	  /* the time is up: no more calls */
	bool unfinished;  /* stopped with work left */
	bool saving;	  /* --checkpoint */
	bool save_said;
	bool walked_all; /* the walk ran to its end: the scan is finished */
};

static uint64_t
now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

/* ---- progress (stderr, terminals only) ----------------------------------- */

static void
progress_clear(struct vm_run *run)
{
	if (!run->drawn)
		return;
	fprintf(stderr, "\r%*s\r", (int)run->drawn_len, "");
	run->drawn = false;
}

/*
 * The main thread redraws; a worker printing a bad range clears the line.
 * Both under run->lock, so they never write over each other.
 */
static void
progress_draw(struct vm_run *run)
{
	uint64_t now = now_ns();
	struct hl_verify_stats st;
	char line[160];
	int n;

	if (!run->progress || now - run->t0 < PROGRESS_AFTER_NS)
		return;
	if (now - run->last_draw < PROGRESS_EVERY_NS)
		return;
	run->last_draw = now;
	st = run->st;
	st.elapsed_ns = now - run->t0;
	n = hl_verify_progress_format(line, sizeof(line), &st, run->done,
				      run->planned);
	if (n < 0)
		return;
	/* Pad over a longer line drawn before. */
	fprintf(stderr, "\r%s%*s", line,
		run->drawn_len > (size_t)n ? (int)(run->drawn_len - n) : 0, "");
	fflush(stderr);
	run->drawn = true;
	if ((size_t)n > run->drawn_len)
		run->drawn_len = n;
}

/* ---- bad ranges ---------------------------------------------------------- */

/* The owners of one bad range; prints why if GETFSMAP failed. */
static int
owners_of(struct vm_run *run, const struct hl_bad_range *r,
	  struct hl_media_owner **owners, size_t *nr)
{
	int error = media_map_owners(&run->map, r->start, r->end, owners, nr);

	if (error) {
		io_error("verify_media: GETFSMAP: %s", strerror(-error));
		run->status |= EXIT_CMD_FAILED;
	}
	return error;
}

static void
print_bad(struct vm_run *run, const struct hl_bad_range *r)
{
	struct hl_media_owner *owners = NULL;
	size_t nr = 0;
	int error;

	progress_clear(run);
	error = hl_media_error_write(stdout, run->o->dev, r);
	if (!error && run->have_map && !owners_of(run, r, &owners, &nr)) {
		for (size_t i = 0; i < nr && !error; i++)
			error = hl_media_owner_write(stdout, &owners[i]);
		media_owners_free(owners, nr);
	}
	if (error || io_flush_stdout() != 0)
		run->status |= EXIT_CMD_FAILED; /* reported at exit */
}

/*
 * Print the bad ranges that can no longer grow: all but the last, and the
 * last too once the walk is past its end (or @all at the end).
 */
static void
flush_bad(struct vm_run *run, uint64_t pos, bool all)
{
	size_t final = run->bad.nr;

	if (!all && final > run->printed &&
	    run->bad.ranges[final - 1].end >= pos)
		final--;
	for (; run->printed < final; run->printed++)
		print_bad(run, &run->bad.ranges[run->printed]);
}

/* ---- the walk ------------------------------------------------------------ */

static int
verify_call(const struct vm_run *run, struct xfs_verify_media *vm,
	    uint64_t start, uint64_t end, bool reread)
{
	const struct vm_opts *o = run->o;

	memset(vm, 0, sizeof(*vm));
	vm->me_dev = o->dev;
	/* The kernel reported a parked I/O already; do not report it twice. */
	vm->me_flags = o->report && !reread ? XFS_VERIFY_MEDIA_REPORT : 0;
	vm->me_start_daddr = start;
	vm->me_end_daddr = end;
	vm->me_max_io_size = o->max_io;
	vm->me_rest_us = o->rest_us;
	return -hl_verify_media(run->file->fd, vm);
}

/*
 * Sleep until @at (CLOCK_MONOTONIC ns), or until the deadline if that comes
 * first: false then.
 */
static bool
sleep_until(const struct vm_run *run, uint64_t at)
{
	bool in_time = !run->deadline_ns || at < run->deadline_ns;
	struct timespec ts;

	if (!in_time)
		at = run->deadline_ns;
	ts.tv_sec = at / 1000000000ULL;
	ts.tv_nsec = at % 1000000000ULL;
	while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL) ==
	       EINTR)
		;
	return in_time;
}

/*
 * Wait for the rate's time for [start, end).  false: the time is up first,
 * or another call failed.
 */
static bool
pace(struct vm_run *run, uint64_t start, uint64_t end)
{
	uint64_t bytes = (end - start) << HL_BBSHIFT, at;
	bool stop;

	pthread_mutex_lock(&run->lock);
	stop = run->stopping || run->fatal;
	at = stop ? 0 : hl_rate_take(&run->rate, bytes, now_ns());
	pthread_mutex_unlock(&run->lock);
	if (!stop && sleep_until(run, at)) {
		pthread_mutex_lock(&run->lock);
		stop = run->fatal != 0; /* another call failed meanwhile */
		pthread_mutex_unlock(&run->lock);
		if (!stop)
			return true;
	}
	pthread_mutex_lock(&run->lock);
	if (!run->fatal) {
		run->stopping = true;
		run->unfinished = true;
	}
	pthread_mutex_unlock(&run->lock);
	return false;
}

/*
 * Record [start, end) as walked, stretched over the gaps between planned
 * ranges it borders (space -u does not read): so the list stays a few
 * ranges, not one per extent in use.  Under run->lock.
 */
static int
add_walked(struct vm_run *run, uint64_t start, uint64_t end)
{
	const struct hl_range_list *p = run->plan_ranges;
	size_t lo = 0, hi = p->nr;

	/* The planned range holding @start: the last one starting at or before. */
	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;

		if (p->ranges[mid].start <= start)
			lo = mid;
		else
			hi = mid;
	}
	if (p->nr) {
		if (lo > 0 && start == p->ranges[lo].start)
			start = p->ranges[lo - 1].end;
		/* @end lies in range lo or a later one: find it forward. */
		while (lo + 1 < p->nr && p->ranges[lo].end < end)
			lo++;
		if (lo + 1 < p->nr && end == p->ranges[lo].end)
			end = p->ranges[lo + 1].start;
	}
	return hl_range_list_add(&run->walked, start, end, 0);
}

/* Walk one piece to its end, past every bad I/O.  false: stop everything. */
static bool
walk_piece(struct vm_run *run, const struct hl_daddr_range *piece)
{
	struct hl_verify_cursor c;

	hl_verify_cursor_init(&c, piece->start, piece->end, run->io_sectors);
	while (!hl_verify_cursor_done(&c)) {
		uint64_t before = c.verified + c.bad + c.skipped;
		uint64_t verified = c.verified, bad_sectors = c.bad;
		uint64_t start, end, at = c.start;
		struct xfs_verify_media vm;
		struct hl_bad_range bad;
		bool reread, stop;
		int err, found;

		hl_verify_cursor_next(&c, &start, &end, &reread);
		if (run->call_cap && end - start > run->call_cap)
			end = start + run->call_cap;
		if (run->paced && !pace(run, start, end))
			return false;
		err = verify_call(run, &vm, start, end, reread);

		pthread_mutex_lock(&run->lock);
		run->st.calls++;
		if (err) {
			if (!run->fatal)
				run->fatal = err;
			pthread_mutex_unlock(&run->lock);
			return false;
		}
		if (vm.me_end_daddr < run->kernel_end)
			run->kernel_end = vm.me_end_daddr;
		found = hl_verify_cursor_step(&c, end, vm.me_start_daddr,
					      vm.me_end_daddr, vm.me_ioerror,
					      &bad);
		run->done += c.verified + c.bad + c.skipped - before;
		run->st.verified += c.verified - verified;
		run->st.bad += c.bad - bad_sectors;
		if (found == 1 && hl_bad_list_add(&run->bad, &bad) < 0 &&
		    !run->fatal)
			run->fatal = ENOMEM;
		if (run->saving && c.start > at &&
		    add_walked(run, at, c.start) < 0 && !run->fatal)
			run->fatal = ENOMEM;
		/* A call that stopped short gives back what it did not read. */
		if (run->paced && c.start < end)
			hl_rate_refund(&run->rate,
				       (end - (c.start > start ? c.start
							       : start))
					       << HL_BBSHIFT);
		if (run->stream)
			flush_bad(run, c.start, false);
		stop = run->fatal != 0;
		if (run->stopping && !stop && !hl_verify_cursor_done(&c)) {
			run->unfinished = true;
			stop = true;
		}
		pthread_mutex_unlock(&run->lock);
		if (stop)
			return false;
	}
	return true;
}

static void *
worker(void *arg)
{
	struct vm_run *run = arg;

	for (;;) {
		struct hl_daddr_range piece;

		pthread_mutex_lock(&run->lock);
		if (run->stopping && run->next_piece < run->nr_pieces)
			run->unfinished = true;
		if (run->fatal || run->stopping ||
		    run->next_piece >= run->nr_pieces) {
			pthread_mutex_unlock(&run->lock);
			break;
		}
		piece = run->pieces[run->next_piece++];
		pthread_mutex_unlock(&run->lock);
		if (!walk_piece(run, &piece))
			break;
	}
	pthread_mutex_lock(&run->lock);
	if (--run->running == 0 && eventfd_write(run->done_fd, 1) < 0) {
		/* cannot fail: the counter is far from full */
	}
	pthread_mutex_unlock(&run->lock);
	return NULL;
}

/* ---- the checkpoint ------------------------------------------------------ */

static int
copy_ranges(const struct hl_range_list *from, struct hl_range_list *to)
{
	for (size_t i = 0; i < from->nr; i++)
		if (hl_range_list_add(to, from->ranges[i].start,
				      from->ranges[i].end, 0))
			return -ENOMEM;
	return 0;
}

/* The checkpoint as things stand, copied; the caller holds run->lock. */
static int
snapshot_locked(struct vm_run *run, bool finished, struct hl_media_ckpt *c)
{
	int error;

	*c = run->ckpt;
	c->done = (struct hl_range_list){0};
	c->found = (struct hl_bad_list){0};
	c->finished = finished;
	c->updated = time(NULL);
	c->verified = run->st.verified;
	c->bad = run->st.bad;
	c->calls = run->st.calls;
	c->elapsed_ns = run->ckpt.elapsed_ns + (now_ns() - run->t0);
	error = copy_ranges(&run->walked, &c->done);
	for (size_t i = 0; !error && i < run->bad.nr; i++)
		error = hl_bad_list_add(&c->found, &run->bad.ranges[i]);
	if (!error)
		hl_bad_list_sort(&c->found);
	return error;
}

/*
 * What a checkpoint write came to, said under run->lock: a failure once
 * (and again when one works), counted against the command's status: the
 * scan goes on, but could not be resumed from here.
 */
static void
saved_locked(struct vm_run *run, int error)
{
	run->last_save = now_ns();
	if (error && !run->save_said) {
		progress_clear(run);
		io_error("verify_media: cannot write checkpoint %s: %s; the "
			 "scan goes on, resumable only from the last one "
			 "written",
			 run->o->ckpt_path, strerror(-error));
		run->status |= EXIT_CMD_FAILED;
	} else if (!error && run->save_said) {
		progress_clear(run);
		io_error("verify_media: checkpoint %s written again",
			 run->o->ckpt_path);
	}
	run->save_said = error != 0;
	run->save_error = error;
}

/* Write a snapshot (unless taking it failed: @error) and free it. */
static int
write_snapshot(const struct vm_run *run, struct hl_media_ckpt *c, int error)
{
	if (!error)
		error = media_ckpt_save(run->o->ckpt_path, c);
	hl_range_list_free(&c->done);
	hl_bad_list_free(&c->found);
	return error;
}

/*
 * Write the checkpoint: copied under run->lock, written without it (the
 * workers go on meanwhile; only this thread writes).  The caller does not
 * hold the lock.
 */
static void
save(struct vm_run *run, bool finished)
{
	struct hl_media_ckpt c;
	int error;

	pthread_mutex_lock(&run->lock);
	error = snapshot_locked(run, finished, &c);
	pthread_mutex_unlock(&run->lock);
	error = write_snapshot(run, &c, error);
	pthread_mutex_lock(&run->lock);
	saved_locked(run, error);
	pthread_mutex_unlock(&run->lock);
}

static void report(struct vm_run *run);

/* End as the signal would have ended us: the shell's 128+N status. */
static void __attribute__((noreturn))
die_of(int sig)
{
	sigset_t set;

	io_flush_stdout();
	signal(sig, SIG_DFL);
	sigemptyset(&set);
	sigaddset(&set, sig);
	pthread_sigmask(SIG_UNBLOCK, &set, NULL);
	raise(sig);
	_exit(128 + sig); /* not reached */
}

/*
 * Stopped by SIGINT or SIGTERM: report what was found so far, as at the end
 * (the calls in flight cannot be waited for: the kernel ends a walk early
 * only for a fatal signal), then die of that signal, which ends them.
 */
static void __attribute__((noreturn))
stop_now(struct vm_run *run, int sig)
{
	pthread_mutex_lock(&run->lock); /* the workers stay out */
	if (run->saving) {
		struct hl_media_ckpt c;
		int error = snapshot_locked(run, false, &c);

		/* Written under the lock: nothing may move before we die. */
		saved_locked(run, write_snapshot(run, &c, error));
	}
	run->st.elapsed_ns = run->ckpt.elapsed_ns + (now_ns() - run->t0);
	run->st.signal = sig;
	progress_clear(run);
	if (!run->stream)
		hl_bad_list_sort(&run->bad);
	report(run);
	/* An interrupted call tells nothing: only finished ones count. */
	io_error("verify_media: stopped by SIG%s; finished calls covered %llu "
		 "of %llu bytes%s%s",
		 sigabbrev_np(sig), (unsigned long long)run->done << HL_BBSHIFT,
		 (unsigned long long)run->planned << HL_BBSHIFT,
		 run->saving && !run->save_error ? "; resume with --checkpoint "
						   : "",
		 run->saving && !run->save_error ? run->o->ckpt_path : "");
	die_of(sig);
}

/* Until the next progress line, checkpoint or deadline; -1: none. */
static int
wait_ms(const struct vm_run *run)
{
	uint64_t now = now_ns(), next = UINT64_MAX;

	if (run->progress)
		next = now + PROGRESS_EVERY_NS;
	if (run->saving && run->last_save + SAVE_EVERY_NS < next)
		next = run->last_save + SAVE_EVERY_NS;
	if (run->deadline_ns && !run->stopping && run->deadline_ns < next)
		next = run->deadline_ns;
	if (next == UINT64_MAX)
		return -1;
	if (next <= now)
		return 0;
	/* A far deadline is looked at again within the hour. */
	if (next - now > 3600 * 1000000000ULL)
		return 3600 * 1000;
	return (int)((next - now) / 1000000 + 1);
}

/*
 * N threads walk the pieces; this one waits for them, redraws the progress
 * line, writes the checkpoint, keeps the time limit and takes SIGINT and
 * SIGTERM (blocked in all of them meanwhile).
 */
static int
run_threads(struct vm_run *run, unsigned int n)
{
	pthread_t tids[MAX_THREADS];
	unsigned int started = 0;
	sigset_t stop, old;
	int sig_fd, error = 0;

	io_stop_signals(&stop);
	pthread_sigmask(SIG_BLOCK, &stop, &old);
	sig_fd = signalfd(-1, &stop, SFD_CLOEXEC | SFD_NONBLOCK);
	run->done_fd = eventfd(0, EFD_CLOEXEC);
	if (sig_fd < 0 || run->done_fd < 0) {
		error = errno;
		goto out;
	}

	pthread_mutex_lock(&run->lock);
	for (; started < n; started++) {
		error = pthread_create(&tids[started], NULL, worker, run);
		if (error)
			break;
		run->running++;
	}
	if (!run->running && eventfd_write(run->done_fd, 1) < 0)
		error = errno;
	pthread_mutex_unlock(&run->lock);

	for (;;) {
		struct pollfd pfd[2] = {
			{.fd = run->done_fd, .events = POLLIN},
			{.fd = sig_fd, .events = POLLIN},
		};
		struct signalfd_siginfo si;
		uint64_t now;
		int timeout;

		pthread_mutex_lock(&run->lock);
		timeout = wait_ms(run);
		pthread_mutex_unlock(&run->lock);
		if (poll(pfd, 2, timeout) < 0 && errno != EINTR)
			break; /* cannot happen; the joins below still wait */
		if (pfd[1].revents & POLLIN &&
		    read(sig_fd, &si, sizeof(si)) == sizeof(si))
			stop_now(run, si.ssi_signo);
		if (pfd[0].revents & POLLIN)
			break;
		now = now_ns();
		pthread_mutex_lock(&run->lock);
		/* The calls in flight end by themselves; no new one starts. */
		if (run->deadline_ns && now >= run->deadline_ns)
			run->stopping = true;
		progress_draw(run);
		pthread_mutex_unlock(&run->lock);
		/* last_save is this thread's alone. */
		if (run->saving && now - run->last_save >= SAVE_EVERY_NS)
			save(run, false);
	}
	for (unsigned int i = 0; i < started; i++)
		pthread_join(tids[i], NULL);
	/* A signal after the last call: the report is whole; then it ends us. */
	{
		struct signalfd_siginfo si;

		if (read(sig_fd, &si, sizeof(si)) == sizeof(si))
			run->late_signal = si.ssi_signo;
	}
out:
	if (run->done_fd >= 0)
		close(run->done_fd);
	if (sig_fd >= 0)
		close(sig_fd);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (error && !started) {
		io_error("verify_media: %s", strerror(error));
		return -error;
	}
	return 0;
}

/* ---- planning ------------------------------------------------------------ */

/* The device's section in sectors; false if the filesystem has no such device.
 */
static bool
section(const struct xfs_fsop_geom *g, uint32_t dev, uint64_t *start,
	uint64_t *end)
{
	uint64_t bs = g->blocksize, first = 0, blocks;

	switch (dev) {
	case XFS_DEV_DATA:
		blocks = g->datablocks;
		break;
	case XFS_DEV_LOG:
		if (g->logstart) /* an internal log */
			return false;
		blocks = g->logblocks;
		break;
	default:
		if (!g->rtblocks)
			return false;
		first = hl_geom_rtstart(g);
		blocks = g->rtblocks;
		break;
	}
	*start = (first * bs) >> HL_BBSHIFT;
	*end = ((first + blocks) * bs) >> HL_BBSHIFT;
	return true;
}

static uint32_t
sector_size(const struct xfs_fsop_geom *g, uint32_t dev)
{
	uint32_t size = dev == XFS_DEV_LOG  ? g->logsectsize
			: dev == XFS_DEV_RT ? g->rtsectsize
					    : g->sectsize;

	return size > HL_BBSIZE ? size >> HL_BBSHIFT : 1;
}

/*
 * Cut the ranges into the pieces threads take one at a time: whole ranges
 * for one plain call each, or pieces of at most PIECE_SECTORS when several
 * threads share the work or progress is shown.
 */
static int
plan(struct vm_run *run, const struct hl_range_list *ranges)
{
	unsigned int threads = run->o->threads;
	uint64_t total = hl_range_list_sectors(ranges);
	uint64_t piece = UINT64_MAX;
	size_t nr = 0;

	if (threads > 1 || run->progress) {
		piece = PIECE_SECTORS;
		if (total / threads < piece)
			piece = total / threads + 1;
		if (piece < run->align)
			piece = run->align;
	}
	for (size_t i = 0; i < ranges->nr; i++) {
		uint64_t len = ranges->ranges[i].end - ranges->ranges[i].start;

		nr += len / piece + !!(len % piece);
	}
	run->pieces = calloc(nr ? nr : 1, sizeof(*run->pieces));
	if (!run->pieces)
		return -ENOMEM;
	for (size_t i = 0; i < ranges->nr; i++) {
		const struct hl_daddr_range *r = &ranges->ranges[i];
		uint64_t len = r->end - r->start;

		run->nr_pieces += hl_split_range(
			r->start, r->end, len / piece + !!(len % piece),
			run->align, run->pieces + run->nr_pieces);
	}
	run->planned = total;
	return 0;
}

/* ---- reporting ----------------------------------------------------------- */

static void
explain(struct vm_run *run, int err, bool known_absent)
{
	const char *file = run->file->name;

	/* xfs_io's line, word for word, then what it means here. */
	progress_clear(run);
	io_error("ioctl(XFS_IOC_VERIFY_MEDIA) [\"%s\"]: %s", file,
		 strerror(err));
	switch (err) {
	case ENODEV:
		if (run->o->dev == XFS_DEV_LOG)
			io_error("verify_media: the filesystem has no external "
				 "log device");
		else if (run->o->dev == XFS_DEV_RT)
			io_error("verify_media: the filesystem has no realtime "
				 "device");
		else if (!known_absent)
			io_error("verify_media: the kernel found no such "
				 "device");
		break;
	case ENOTTY:
	case EOPNOTSUPP:
		io_error("verify_media: this kernel cannot verify media (Linux "
			 "7.0 or later is needed)");
		break;
	case EPERM:
		io_error("verify_media: CAP_SYS_ADMIN is needed");
		break;
	}
}

static void
report_json(struct vm_run *run)
{
	struct hl_media_bad *bad =
		calloc(run->bad.nr ? run->bad.nr : 1, sizeof(*bad));
	int error;

	if (!bad) {
		io_error("verify_media: %s", strerror(ENOMEM));
		run->status |= EXIT_CMD_FAILED;
		return;
	}
	for (size_t i = 0; i < run->bad.nr; i++) {
		struct hl_media_owner *owners = NULL;

		bad[i].range = run->bad.ranges[i];
		bad[i].owner_error = run->map_error;
		if (!run->have_map)
			continue;
		bad[i].owner_error = owners_of(run, &bad[i].range, &owners,
					       &bad[i].nr_owners);
		bad[i].owners = owners;
	}
	error = hl_verify_json_write(stdout, run->file->name, &run->st, bad,
				     run->bad.nr, run->o->map);
	if (error)
		run->status |= EXIT_CMD_FAILED;
	for (size_t i = 0; i < run->bad.nr; i++)
		media_owners_free((struct hl_media_owner *)bad[i].owners,
				  bad[i].nr_owners);
	free(bad);
}

/* Everything found is shown, even when the kernel refused a later call. */
static void
report(struct vm_run *run)
{
	const struct vm_opts *o = run->o;
	int error = 0;

	run->st.nr_bad = run->bad.nr;
	run->st.error = run->fatal;
	if (run->fatal) {
		explain(run, run->fatal, !run->present);
		run->status |= EXIT_CMD_FAILED;
	}
	if (o->json) {
		report_json(run);
	} else {
		flush_bad(run, 0, true);
		if (o->verbose && !run->fatal)
			error = hl_verify_summary_write(stdout, &run->st);
		else if (!run->bad.nr && !run->fatal && !run->st.signal &&
			 !run->st.unfinished)
			error = hl_verify_timing_write(stdout, &run->st);
	}
	if (error || io_flush_stdout() != 0)
		run->status |= EXIT_CMD_FAILED;
	if (run->bad.nr)
		run->status |= EXIT_PROBLEM;
}

/* ---- the command --------------------------------------------------------- */

/* A scan with any of the scheduling options must hold its disks' lock. */
static bool
scheduled(const struct vm_opts *o)
{
	return o->busy_set || o->rate || o->ckpt_path || o->deadline;
}

static int
prepare(struct vm_run *run, const struct xfs_fsop_geom *geo,
	struct hl_range_list *ranges)
{
	const struct vm_opts *o = run->o;
	uint64_t sec_start = 0, sec_end = UINT64_MAX;
	uint64_t start = hl_daddr_floor(o->start);
	uint64_t end = o->end_arg ? hl_daddr_ceil(o->end) : UINT64_MAX;
	int error;

	run->present = section(geo, o->dev, &sec_start, &sec_end);
	if (run->present) {
		if (start < sec_start)
			start = sec_start;
		if (end > sec_end)
			end = sec_end;
	}
	run->st.dev = o->dev;
	run->st.start = start;
	run->st.end = end > start ? end : start;

	if ((o->map || o->used_only) && run->present) {
		error = media_map_init(&run->map, run->file->fd,
				       run->file->name, geo, o->dev, o->map);
		if (error && o->used_only) {
			io_error("verify_media: GETFSMAP: %s",
				 strerror(-error));
			return error;
		}
		if (error) {
			io_error("verify_media: cannot name what bad ranges "
				 "held: GETFSMAP: %s",
				 strerror(-error));
			run->status |= EXIT_CMD_FAILED;
			run->map_error = error;
		}
		run->have_map = o->map && !error;
	}

	if (o->used_only && run->present && start < end)
		error = media_map_used(&run->map, start, end, ranges);
	else
		error = hl_range_list_add(ranges, start, end, 0);
	if (error) {
		io_error("verify_media: GETFSMAP: %s", strerror(-error));
		return error;
	}
	run->st.in_use = hl_range_list_sectors(ranges);
	return 0;
}

/*
 * With --checkpoint: what this scan is, and where an earlier run of it
 * stopped.  @ranges loses what that run walked.  EXIT_* status.
 */
static int
resume(struct vm_run *run, const struct xfs_fsop_geom *geo,
       struct hl_range_list *ranges)
{
	const char *path = run->o->ckpt_path;
	struct hl_range_list left = {0};
	struct hl_media_ckpt c;
	uint64_t total, done;
	bool found;
	int error;

	memcpy(run->ckpt.uuid, geo->uuid, sizeof(run->ckpt.uuid));
	run->ckpt.dev = run->o->dev;
	run->ckpt.start = run->st.start;
	run->ckpt.end = run->st.end;
	run->ckpt.used_only = run->o->used_only;
	run->ckpt.io_sectors = run->io_sectors;
	run->ckpt.started = time(NULL);
	error = media_ckpt_load(path, run->o->stale_restart, &c, &found);
	if (!error && found &&
	    !media_ckpt_matches(path, run->o->stale_restart, &c, &run->ckpt)) {
		hl_media_ckpt_free(&c);
		error = -EBADMSG;
	}
	/* Refused: left as it was, or (--stale=restart) set aside. */
	if (error == -EBADMSG && run->o->stale_restart) {
		error = media_ckpt_set_aside(path);
		if (!error)
			return EXIT_ALL_OK;
		io_error("verify_media: cannot move checkpoint %s aside: %s; "
			 "left as it is",
			 path, strerror(-error));
	}
	if (error)
		return EXIT_CMD_FAILED;
	if (!found)
		return EXIT_ALL_OK;
	if (c.finished) {
		char when[64];
		struct tm tm;
		time_t t = c.updated;

		if (!localtime_r(&t, &tm) ||
		    !strftime(when, sizeof(when), "%Y-%m-%d %H:%M:%S %z", &tm))
			strcpy(when, "?");
		io_error("verify_media: the scan in %s finished at %s; "
			 "starting over",
			 path, when);
		hl_media_ckpt_free(&c);
		return EXIT_ALL_OK;
	}
	if (hl_range_list_subtract(ranges, &c.done, &left)) {
		io_error("verify_media: %s", strerror(ENOMEM));
		hl_range_list_free(&left);
		hl_media_ckpt_free(&c);
		return EXIT_CMD_FAILED;
	}
	total = hl_range_list_sectors(ranges);
	done = total - hl_range_list_sectors(&left);
	hl_range_list_free(ranges);
	*ranges = left;
	/* The earlier runs' findings and counts are this run's too. */
	run->walked = c.done;
	run->bad = c.found;
	run->st.verified = c.verified;
	run->st.bad = c.bad;
	run->st.calls = c.calls;
	run->ckpt.elapsed_ns = c.elapsed_ns;
	run->ckpt.started = c.started;
	run->resumed = done;
	/* Found before: printed with the rest at the end, in order. */
	if (run->bad.nr)
		run->stream = false;
	io_error("verify_media: resuming the scan in %s: %llu of %llu bytes "
		 "done, %zu bad range%s so far",
		 path, (unsigned long long)done << HL_BBSHIFT,
		 (unsigned long long)total << HL_BBSHIFT, run->bad.nr,
		 run->bad.nr == 1 ? "" : "s");
	return EXIT_ALL_OK;
}

/* Calls capped and paced for scans that stop, resume or keep a rate. */
static void
setup_limits(struct vm_run *run)
{
	const struct vm_opts *o = run->o;

	run->saving = o->ckpt_path && run->present;
	if (o->rate) {
		run->paced = true;
		hl_rate_init(&run->rate, o->rate, RATE_BURST_NS);
		run->call_cap = hl_rate_call_sectors(o->rate, run->io_sectors,
						     CALL_CAP_SECTORS);
	} else if (run->saving || o->deadline) {
		run->call_cap = CALL_CAP_SECTORS - CALL_CAP_SECTORS %
							     run->io_sectors;
		if (!run->call_cap)
			run->call_cap = run->io_sectors;
	}
	if (o->deadline) {
		time_t left = o->deadline - time(NULL);

		run->deadline_ns = now_ns() + (left > 0 ? (uint64_t)left *
							  1000000000ULL
						  : 0);
	}
}

static void
walk(struct vm_run *run, struct hl_range_list *ranges)
{
	int error;

	run->plan_ranges = ranges;
	if (!ranges->nr && run->resumed) {
		/* The earlier runs walked it all; the report is theirs. */
		run->walked_all = true;
		return;
	}
	if (!ranges->nr) {
		/*
		 * Nothing to read (an empty range): one call all the same, as
		 * xfs_io makes, lets the kernel judge the request.
		 */
		struct xfs_verify_media vm;

		run->st.calls++;
		run->fatal = verify_call(run, &vm, run->st.start,
					 run->st.start, false);
		run->walked_all = !run->fatal;
		return;
	}
	error = plan(run, ranges);
	if (error) {
		io_error("verify_media: %s", strerror(-error));
		run->status |= EXIT_CMD_FAILED;
		return;
	}
	run->planned += run->resumed;
	run->done += run->resumed;
	if (run_threads(run, run->o->threads) < 0) {
		run->status |= EXIT_CMD_FAILED;
		return;
	}
	run->walked_all = !run->unfinished && !run->fatal;
}

/* After the walk: the checkpoint's last word, and what is left said. */
static void
finish(struct vm_run *run)
{
	const struct vm_opts *o = run->o;

	if (run->saving)
		save(run, run->walked_all);
	if (!run->unfinished)
		return;
	run->status |= EXIT_UNFINISHED;
	io_error("verify_media: the time to scan is up: %llu of %llu bytes "
		 "done%s%s%s",
		 (unsigned long long)run->done << HL_BBSHIFT,
		 (unsigned long long)run->planned << HL_BBSHIFT,
		 run->saving && !run->save_error ? "; --checkpoint " : "",
		 run->saving && !run->save_error ? o->ckpt_path : "",
		 run->saving && !run->save_error ? " resumes it" : "");
}

static int
verify_media(const struct vm_opts *o, const struct xfs_fsop_geom *geo)
{
	struct vm_run run = {
		.o = o,
		.file = file_current(),
		.kernel_end = UINT64_MAX,
		.lock = PTHREAD_MUTEX_INITIALIZER,
		.done_fd = -1,
	};
	struct hl_range_list ranges = {0};
	struct media_lock disks = {0};
	uint64_t s0, s1;
	bool present = section(geo, o->dev, &s0, &s1);
	int error, locked, status;

	if (!present && o->if_present) {
		io_error("verify_media: the filesystem has no %s; nothing to "
			 "scan",
			 o->dev == XFS_DEV_LOG ? "external log device"
					       : "realtime device");
		return EXIT_ALL_OK;
	}
	run.io_sectors =
		hl_verify_io_sectors(o->max_io, sector_size(geo, o->dev));
	run.align = run.io_sectors;
	run.stream = o->threads == 1 && !o->json;
	run.map.dirfd = -1;

	/* The disks first: what the checkpoint says may change meanwhile. */
	if (present) {
		locked = media_lock_take(run.file->fd, o->dev,
					 hl_geom_rtstart(geo) != 0, o->busy,
					 scheduled(o), o->deadline, &disks);
		if (locked < 0)
			run.status |= EXIT_CMD_FAILED;
		else if (locked > 0 && o->deadline && time(NULL) >= o->deadline)
			run.status |= EXIT_UNFINISHED;
		if (locked)
			goto out;
	}
	error = prepare(&run, geo, &ranges);
	if (error) {
		run.status |= EXIT_CMD_FAILED;
		goto out;
	}
	if (o->ckpt_path && run.present) {
		status = resume(&run, geo, &ranges);
		run.status |= status;
		if (status)
			goto out;
	}
	setup_limits(&run);
	run.progress = o->verbose && run.present && isatty(STDERR_FILENO);

	run.t0 = now_ns();
	run.last_save = run.t0;
	walk(&run, &ranges);
	run.st.elapsed_ns = run.ckpt.elapsed_ns + (now_ns() - run.t0);
	run.st.unfinished = run.unfinished;
	progress_clear(&run);
	/* Without a section to go by, only the kernel knows the end. */
	if (!run.present) {
		run.st.end = run.kernel_end > run.st.start &&
					     run.kernel_end != UINT64_MAX
				     ? run.kernel_end
				     : run.st.start;
		run.st.in_use = run.st.end - run.st.start;
	}
	if (!run.stream)
		hl_bad_list_sort(&run.bad);
	finish(&run);
	report(&run);
out:
	media_lock_release(&disks);
	if (run.map.head)
		media_map_free(&run.map);
	hl_range_list_free(&ranges);
	hl_range_list_free(&run.walked);
	hl_bad_list_free(&run.bad);
	free(run.pieces);
	if (run.late_signal)
		die_of(run.late_signal);
	return run.status;
}

/* ---- arguments ----------------------------------------------------------- */

static int
bad_number(const char *what, const char *arg)
{
	/* xfs_io's words. */
	io_message("non-numeric %s argument -- %s", what, arg);
	return EXIT_USAGE;
}

static bool
in_blocks(const char *arg)
{
	size_t n = strlen(arg);

	return n && (arg[n - 1] == 'b' || arg[n - 1] == 'B');
}

/*
 * Sizes, with @blocksize for the b suffix.  Before the filesystem is known
 * this checks the syntax with one-byte blocks.
 */
static int
parse_sizes(struct vm_opts *o, uint32_t blocksize)
{
	if (o->max_io_arg &&
	    (hl_parse_size(o->max_io_arg, blocksize, &o->max_io) ||
	     o->max_io > UINT32_MAX))
		return bad_number("maxio", o->max_io_arg);
	if (o->start_arg && hl_parse_size(o->start_arg, blocksize, &o->start))
		return bad_number("start", o->start_arg);
	if (o->end_arg && hl_parse_size(o->end_arg, blocksize, &o->end))
		return bad_number("end", o->end_arg);
	/* A rate in blocks is judged once blocks have their size. */
	if (o->rate_arg && (hl_parse_size(o->rate_arg, blocksize, &o->rate) ||
			    !o->rate ||
			    (o->rate < MIN_RATE &&
			     (blocksize > 1 || !in_blocks(o->rate_arg))))) {
		io_error("verify_media: invalid rate -- %s (bytes per second, "
			 "at least 64k; suffixes as -b)",
			 o->rate_arg);
		return EXIT_USAGE;
	}
	return EXIT_ALL_OK;
}

/* Calls in flight: as asked (-p), else the default. */
static unsigned int
threads_for(const struct xfs_fsop_geom *geo, uint32_t dev, unsigned int asked)
{
	uint64_t start, end;

	/* No such section: one call hears the kernel's answer (ENODEV). */
	if (!section(geo, dev, &start, &end))
		return 1;
	return asked ? asked : DEFAULT_THREADS;
}

/* Long options only: xfs_io may give its own meaning to letters. */
enum {
	OPT_RATE = 256,
	OPT_CHECKPOINT,
	OPT_MAX_TIME,
	OPT_UNTIL,
	OPT_BUSY,
	OPT_IF_PRESENT,
	OPT_STALE,
};

static const struct option long_options[] = {
	{"rate", required_argument, NULL, OPT_RATE},
	{"checkpoint", required_argument, NULL, OPT_CHECKPOINT},
	{"max-time", required_argument, NULL, OPT_MAX_TIME},
	{"until", required_argument, NULL, OPT_UNTIL},
	{"busy", required_argument, NULL, OPT_BUSY},
	{"if-present", no_argument, NULL, OPT_IF_PRESENT},
	{"stale", required_argument, NULL, OPT_STALE},
	{NULL, 0, NULL, 0},
};

#define MAX_TIME_LIMIT (366ULL * 86400) /* a year: more is a typo */

/* --busy's and --stale's words: the parser's and completion's. */
static const struct hl_name busy_words[] = {
	{MEDIA_BUSY_WAIT, "wait"},
	{MEDIA_BUSY_SKIP, "skip"},
	{MEDIA_BUSY_IGNORE, "ignore"},
};

static const struct hl_name_table busy_table = {
	.what = "--busy",
	.kind = HL_TABLE_VALUES,
	.nr = ARRAY_SIZE(busy_words),
	.names = busy_words,
};

static const struct hl_name_table *
busy_names(void)
{
	return &busy_table;
}

static const struct hl_name stale_words[] = {
	{false, "refuse"},
	{true, "restart"},
};

static const struct hl_name_table stale_table = {
	.what = "--stale",
	.kind = HL_TABLE_VALUES,
	.nr = ARRAY_SIZE(stale_words),
	.names = stale_words,
};

static const struct hl_name_table *
stale_names(void)
{
	return &stale_table;
}

/* The earlier of the deadline so far and @t. */
static void
deadline_at(struct vm_opts *o, time_t t)
{
	if (!o->deadline || t < o->deadline)
		o->deadline = t;
}

/* A long option; EXIT_ALL_OK or EXIT_USAGE (said why). */
static int
long_option(struct vm_opts *o, int c, const char *arg)
{
	uint64_t secs, val;
	time_t t;

	switch (c) {
	case OPT_RATE:
		o->rate_arg = arg;
		return EXIT_ALL_OK;
	case OPT_CHECKPOINT:
		if (!*arg) {
			io_error("verify_media: --checkpoint needs a file name");
			return EXIT_USAGE;
		}
		o->ckpt_path = arg;
		return EXIT_ALL_OK;
	case OPT_MAX_TIME:
		if (hl_parse_duration(arg, MAX_TIME_LIMIT, &secs)) {
			io_error("verify_media: invalid time limit -- %s "
				 "(seconds, or with a suffix s, m, h or d; "
				 "at most 366d)",
				 arg);
			return EXIT_USAGE;
		}
		deadline_at(o, time(NULL) + (time_t)secs);
		return EXIT_ALL_OK;
	case OPT_UNTIL:
		if (hl_parse_until(arg, time(NULL), &t)) {
			io_error("verify_media: invalid time of day -- %s "
				 "(HH:MM, 00:00 to 23:59)",
				 arg);
			return EXIT_USAGE;
		}
		deadline_at(o, t);
		return EXIT_ALL_OK;
	case OPT_BUSY:
		if (!hl_value_of(&busy_table, arg, &val)) {
			o->busy = val;
			o->busy_set = true;
			return EXIT_ALL_OK;
		}
		io_error("verify_media: invalid --busy -- %s (wait, skip or "
			 "ignore)",
			 arg);
		return EXIT_USAGE;
	case OPT_IF_PRESENT:
		o->if_present = true;
		return EXIT_ALL_OK;
	case OPT_STALE:
		if (hl_value_of(&stale_table, arg, &val)) {
			io_error("verify_media: invalid --stale -- %s (refuse "
				 "or restart)",
				 arg);
			return EXIT_USAGE;
		}
		o->stale_restart = val;
		return EXIT_ALL_OK;
	}
	return EXIT_USAGE;
}

static int
verify_media_f(int argc, char **argv)
{
	struct vm_opts o = {.dev = XFS_DEV_DATA};
	struct xfs_fsop_geom geo = {0};
	uint64_t val;
	int c, status, error;

	while ((c = getopt_long(argc, argv, verify_media_command.opts, long_options,
				NULL)) != -1) {
		switch (c) {
		case OPT_RATE:
		case OPT_CHECKPOINT:
		case OPT_MAX_TIME:
		case OPT_UNTIL:
		case OPT_BUSY:
		case OPT_IF_PRESENT:
		case OPT_STALE:
			status = long_option(&o, c, optarg);
			if (status)
				return status;
			break;
		case 'b':
			o.max_io_arg = optarg;
			break;
		case 'd':
			o.dev = XFS_DEV_DATA;
			break;
		case 'j':
			o.json = true;
			break;
		case 'l':
			o.dev = XFS_DEV_LOG;
			break;
		case 'm':
			o.map = true;
			break;
		case 'p':
			if (hl_parse_u64(optarg, MAX_THREADS, &val) || !val) {
				io_error("verify_media: invalid thread count "
					 "-- %s (1 to %d)",
					 optarg, MAX_THREADS);
				return EXIT_USAGE;
			}
			o.threads = val;
			break;
		case 'r':
			o.dev = XFS_DEV_RT;
			break;
		case 'R':
			o.report = true;
			break;
		case 's':
			if (hl_parse_u64(optarg, UINT32_MAX, &val))
				return bad_number("rest_us", optarg);
			o.rest_us = val;
			break;
		case 'u':
			o.used_only = true;
			break;
		case 'v':
			o.verbose = true;
			break;
		default:
			return command_usage(&verify_media_command);
		}
	}
	if (argc - optind > 2) {
		io_message("too many arguments -- %s", argv[optind + 2]);
		return EXIT_USAGE;
	}
	if (optind < argc)
		o.start_arg = argv[optind];
	if (optind + 1 < argc)
		o.end_arg = argv[optind + 1];
	status = parse_sizes(&o, 1);
	if (status)
		return status;

	/* Arguments first: a usage error shows wherever it is made. */
	status = command_check_file(&verify_media_command);
	if (status)
		return status;
	error = hl_fs_geometry(file_current()->fd, &geo);
	if (error) {
		io_error("verify_media: XFS_IOC_FSGEOMETRY: %s",
			 strerror(-error));
		return EXIT_CMD_FAILED;
	}
	status = parse_sizes(&o, geo.blocksize);
	if (status)
		return status;
	o.threads = threads_for(&geo, o.dev, o.threads);
	return verify_media(&o, &geo);
}

const struct command verify_media_command = {
	.name = "verify_media",
	.altname = "verifymedia",
	.handler = verify_media_f,
	.argmin = 0,
	.argmax = -1,
	.flags = CMD_ONESHOT | CMD_ARGS_FIRST,
	.args = "[-d|-l|-r] [-R] [-b maxio] [-s rest_us] [-v] [-u] [-m] [-p N] "
		"[-j] [--rate R] [--checkpoint F] [--max-time T] [--until HH:MM] "
		"[--busy wait|skip|ignore] [--if-present] [--stale refuse|restart] "
		"[start [end]]",
	.oneline = "read a device of the filesystem to find bad media",
	.help = "Has the kernel read a device section of the current file's\n"
		"filesystem (XFS_IOC_VERIFY_MEDIA: Linux 7.0 or later, and\n"
		"CAP_SYS_ADMIN) and goes on past every bad range to the end,\n"
		"printing one line for each, in xfs_io's form:\n"
		"  <dev>: verify error at offset <bytes> length <bytes>: "
		"<error>\n"
		"A pass without errors prints xfs_io's 'verified' report.\n"
		"start and end are byte offsets in the device (default: the "
		"whole\n"
		"section), with an optional suffix: b (fs blocks), s "
		"(512-byte\n"
		"sectors), k, m, g, t, p, e.\n"
		" -d -- the data device (default)\n"
		" -l -- the external log device\n"
		" -r -- the realtime device\n"
		" -R -- report each bad range to the health monitor "
		"(healthmon)\n"
		" -b maxio -- bytes per read (default and largest: 1 MiB); "
		"bad\n"
		"       ranges are found to this precision\n"
		" -s rest_us -- pause this many microseconds between reads\n"
		" -v -- print a summary; on a terminal, show progress on "
		"stderr\n"
		" -u -- read only the space in use (GETFSMAP), in large reads\n"
		" -m -- under each bad range, list what it held: file (inode,\n"
		"       position, path), metadata or free space\n"
		" -p N -- keep N verify calls in flight on disjoint ranges\n"
		"       (default 8; -p 1 suits a disk with heads); with more\n"
		"       than one, bad ranges are printed at the end\n"
		" -j -- print one JSON summary instead of lines\n"
		"Scans that run on a schedule (doc/media-scans.md):\n"
		" --rate R -- read at most R bytes per second in all (64k or\n"
		"       more; suffixes as -b)\n"
		" --checkpoint F -- record progress and findings in file F\n"
		"       every second; a run with the same F resumes there and\n"
		"       reports as if never stopped; a finished scan starts over\n"
		" --max-time T -- stop after T (seconds, or 30m, 6h, 2d)\n"
		" --until HH:MM -- stop at the next HH:MM, local time\n"
		" --busy wait|skip|ignore -- when another scan reads one of\n"
		"       the same disks: wait for it (default), succeed without\n"
		"       scanning, or do not look\n"
		" --if-present -- no log or realtime device is not an error\n"
		" --stale refuse|restart -- a checkpoint of another scan, or\n"
		"       damaged: refuse it (default), or move it to F.stale\n"
		"       and start over\n"
		"Exit status: 2 if bad media was found, 1 if the kernel "
		"refused,\n"
		"4 for bad arguments, 8 if the time ran out with work left.\n",
	.opts = "b:djlmp:rRs:uv",
	.long_opts = long_options,
	.completes = (const struct command_arg[]){
		{.opt = OPT_CHECKPOINT, .kind = ARG_PATH},
		{.opt = OPT_BUSY, .kind = ARG_NAME, .table = busy_names},
		{.opt = OPT_STALE, .kind = ARG_NAME, .table = stale_names},
		{.kind = ARG_END},
	},
};
