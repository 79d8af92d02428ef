// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * scrub -a: run libhealth's plan phase by phase.  A parallel phase (the
 * AGs' metadata, the AGs' inodes) is cut into one unit per AG, run by up
 * to -p workers; the lines come out in plan order all the same, each
 * unit's once it and every unit before it are done, so the output does not
 * depend on the number of workers.  On a terminal, a progress line.
 */
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "io.h"
#include "scrub_all.h"
#include "scrub_run.h"
#include "xfs_health_abi.h"

/* The object's name: a mount point escaped takes up to 4 bytes a byte. */
#define SCRUB_OBJECT_MAX (4 * PATH_MAX + 128)

/* Never more workers than this, whatever -p or the CPU count says. */
#define MAX_WORKERS 64

/* ---- lines --------------------------------------------------------------- */

static void
print_line(const struct hl_scrub_result *res, const struct hl_render *r,
	   const char *what)
{
	char obj[SCRUB_OBJECT_MAX];

	hl_scrub_format_object(obj, sizeof(obj), res, r);
	printf("%s: %s\n", obj, what);
}

/* Text: findings and repairs on stdout, failures on stderr. */
static void
report_text(struct scrub_run *run, const struct hl_scrub_result *res)
{
	const char *lines[8];
	size_t n;

	switch (res->outcome) {
	case HL_SCRUB_ABSENT:
		return;
	case HL_SCRUB_SKIPPED:
		print_line(res, &run->render,
			   "Skipped after an earlier check failed.");
		return;
	case HL_SCRUB_ERROR: {
		char obj[SCRUB_OBJECT_MAX];

		hl_scrub_format_object(obj, sizeof(obj), res, &run->render);
		io_message_verbatim("%s: %s: %s", scrub_verb(run->o), obj,
				    strerror(res->error));
		return;
	}
	default:
		break;
	}
	/* Left alone because it was fine: not news in a whole-fs run. */
	n = hl_scrub_sentences(res->mode,
			       res->flags & ~XFS_SCRUB_OFLAG_NO_REPAIR_NEEDED,
			       lines, ARRAY_SIZE(lines));
	for (size_t i = 0; i < n && i < ARRAY_SIZE(lines); i++)
		print_line(res, &run->render, lines[i]);
	if (res->outcome == HL_SCRUB_REPAIRED)
		print_line(res, &run->render, "Repaired.");
	else if (res->retried && res->outcome == HL_SCRUB_OK)
		print_line(res, &run->render, "No longer needs repair.");
}

/* After the lines of its outcome: what a retry could not mend. */
static void
report_offline(struct scrub_run *run, const struct hl_scrub_result *res)
{
	if (res->offline && !run->o->json)
		print_line(res, &run->render, "Offline repair required.");
}

static void
print_unit(struct scrub_run *run, struct scrub_unit *u)
{
	for (size_t i = 0; i < u->news.nr; i++) {
		const struct hl_scrub_result *res = &u->news.v[i];

		if (!run->o->json) {
			report_text(run, res);
			report_offline(run, res);
			continue;
		}
		if (res->outcome == HL_SCRUB_ERROR)
			report_text(run, res); /* stderr */
		if (hl_scrub_write_json(stdout, res, &run->render))
			u->status |= EXIT_CMD_FAILED;
	}
	for (size_t i = 0; i < u->retry.nr; i++) {
		if (!scrub_results_push(&run->retry, &u->retry.v[i])) {
			/* Not retried: counted as it is. */
			hl_scrub_summary_add(&run->summary,
					     u->retry.v[i].outcome);
			run->status |=
				EXIT_CMD_FAILED |
				scrub_outcome_status(u->retry.v[i].outcome);
		}
	}
	io_flush_stdout();
	if (u->list_error) {
		char obj[SCRUB_OBJECT_MAX];

		hl_format_object(obj, sizeof(obj), HL_OBJECT_AG,
				 u->calls[0].agno, 0, 0, &run->render);
		io_message_verbatim("%s: %s: cannot list the AG's inodes: %s",
				    scrub_verb(run->o), obj,
				    strerror(u->list_error));
	}
	if (u->end_error == ENOMEM)
		io_error("%s: out of memory: some findings have no line",
			 scrub_verb(run->o));
	else if (u->end_error)
		scrub_explain(run->o, u->end_error);
	hl_scrub_summary_merge(&run->summary, &u->summary);
	run->status |= u->status;
	scrub_unit_free(u);
}

/* ---- progress ------------------------------------------------------------ */

struct progress {
	bool on;
	bool shown;
	struct timespec start;
};

static double
seconds_since(const struct timespec *t)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - t->tv_sec) +
	       (double)(now.tv_nsec - t->tv_nsec) / 1e9;
}

static void
progress_show(struct scrub_run *run, struct progress *p, size_t done, size_t nr,
	      enum hl_scrub_phase phase)
{
	uint64_t inodes = __atomic_load_n(&run->inodes_done, __ATOMIC_RELAXED);
	double secs = seconds_since(&p->start);

	if (!p->on)
		return;
	/* Erased before any other output: never mistaken for a line. */
	fprintf(stderr,
		"\r\033[K%s: %s -a: %s %zu of %zu done, %llu inodes, %.0f "
		"inodes/s, %u workers",
		progname, scrub_verb(run->o),
		phase == HL_SCRUB_PHASE_INODES ? "inode scans" : "AGs", done,
		nr, (unsigned long long)inodes, secs > 0 ? inodes / secs : 0.0,
		run->workers_used);
	fflush(stderr);
	p->shown = true;
}

static void
progress_erase(struct progress *p)
{
	if (!p->shown)
		return;
	fputs("\r\033[K", stderr);
	fflush(stderr);
	p->shown = false;
}

/* ---- workers ------------------------------------------------------------- */

struct stage {
	struct scrub_run *run;
	struct scrub_unit *units;
	size_t nr;
	size_t next;	      /* the next unit to take */
	size_t *order;	      /* the units in the order to take them, or NULL */
	unsigned int allowed; /* workers that may take units now */
	pthread_mutex_t lock;
	pthread_cond_t done; /* a unit is done */
	pthread_cond_t more; /* allowed grew, or no unit is left */
};

struct worker_arg {
	struct stage *st;
	unsigned int id;
};

/* The next unit for worker @id, or @st->nr when there is none left. */
static size_t
take_unit(struct stage *st, unsigned int id)
{
	size_t i;

	pthread_mutex_lock(&st->lock);
	while (id >= st->allowed && st->next < st->nr)
		pthread_cond_wait(&st->more, &st->lock);
	i = st->next;
	if (i < st->nr && ++st->next == st->nr)
		pthread_cond_broadcast(&st->more);
	pthread_mutex_unlock(&st->lock);
	return i < st->nr && st->order ? st->order[i] : i;
}

static void *
worker(void *arg)
{
	struct worker_arg *w = arg;
	struct stage *st = w->st;
	struct xfs_scrub_vec kvecs[SCRUB_MAX_CALL_VECS];
	size_t i;

	while ((i = take_unit(st, w->id)) < st->nr) {
		scrub_unit_run(st->run, &st->units[i], kvecs);
		pthread_mutex_lock(&st->lock);
		st->units[i].done = true;
		pthread_cond_signal(&st->done);
		pthread_mutex_unlock(&st->lock);
	}
	return NULL;
}

/*
 * Without -p, the inode scans find their own number of workers: one for a
 * first window, then twice as many as long as each doubling makes the scan
 * at least 10% faster, up to one per CPU.  Where more workers only queue
 * (an emulated machine, a kernel lock), it stays at what was fastest.
 *
 * The run's clock: a tick every quarter second (the tuner), a progress
 * line every fourth.  A measurement is two ticks (ticks come a little
 * late, never early): short, as the first window's workers are too few.
 */
#define TICK_NS	       250000000L
#define TICKS_PER_LINE 4
#define TUNE_WINDOW    0.45 /* seconds */
#define TUNE_GAIN      1.1  /* how much faster a doubling must be */

struct pacer {
	struct timespec tick; /* the next one */
	unsigned int ticks;
};

static void
timespec_add_ns(struct timespec *t, long ns)
{
	t->tv_nsec += ns;
	while (t->tv_nsec >= 1000000000L) {
		t->tv_nsec -= 1000000000L;
		t->tv_sec++;
	}
}

struct tuner {
	bool on;
	unsigned int best, trying;
	double best_rate;
	uint64_t mark_inodes;
	struct timespec mark;
};

static void
tune_start(struct tuner *t, struct scrub_run *run, struct stage *st,
	   enum hl_scrub_phase phase)
{
	*t = (struct tuner){
		.on = !run->o->workers && run->workers > 1 &&
		      phase == HL_SCRUB_PHASE_INODES,
		.trying = 1,
		.mark_inodes =
			__atomic_load_n(&run->inodes_done, __ATOMIC_RELAXED),
	};
	clock_gettime(CLOCK_MONOTONIC, &t->mark);
	st->allowed = t->on ? 1 : run->workers;
}

static void
tune(struct tuner *t, struct scrub_run *run, struct stage *st)
{
	uint64_t inodes = __atomic_load_n(&run->inodes_done, __ATOMIC_RELAXED);
	double secs = seconds_since(&t->mark);
	double rate;
	unsigned int next;

	if (!t->on || secs < TUNE_WINDOW)
		return;
	rate = (double)(inodes - t->mark_inodes) / secs;
	if (t->trying == 1 || rate > t->best_rate * TUNE_GAIN) {
		t->best = t->trying;
		t->best_rate = rate;
		next = t->trying * 2 < run->workers ? t->trying * 2
						    : run->workers;
		if (t->trying == run->workers)
			t->on = false; /* as many as there may be */
	} else {
		next = t->best;
		t->on = false; /* more was not faster: back, and stay */
	}
	if (t->on)
		t->trying = next;
	t->mark_inodes = inodes;
	clock_gettime(CLOCK_MONOTONIC, &t->mark);
	pthread_mutex_lock(&st->lock);
	st->allowed = t->on ? next : t->best;
	pthread_cond_broadcast(&st->more);
	pthread_mutex_unlock(&st->lock);
	run->workers_used = st->allowed;
}

static bool
tick_due(struct timespec *tick)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	if (now.tv_sec < tick->tv_sec ||
	    (now.tv_sec == tick->tv_sec && now.tv_nsec < tick->tv_nsec))
		return false;
	*tick = now;
	timespec_add_ns(tick, TICK_NS);
	return true;
}

/* Each tick the worker tuner; each fourth the progress line (@done units
 * printed). */
static void
on_tick(struct pacer *pc, struct tuner *t, struct scrub_run *run,
	struct stage *st, struct progress *p, size_t done)
{
	if (!tick_due(&pc->tick))
		return;
	tune(t, run, st);
	if (++pc->ticks % TICKS_PER_LINE == 0)
		progress_show(run, p, done, st->nr,
			      st->units[0].calls[0].phase);
}

struct ag_load {
	size_t unit;
	uint64_t inodes;
};

static int
heavier_first(const void *a, const void *b)
{
	const struct ag_load *x = a, *y = b;

	if (x->inodes != y->inodes)
		return x->inodes < y->inodes ? 1 : -1;
	return x->unit < y->unit ? -1 : x->unit > y->unit;
}

/*
 * The inode scans, the AGs with most inodes first (the AG geometry counts
 * them): the last scans to start are the short ones, so no worker is left
 * alone with a long one at the end.  NULL (plan order) without memory.
 */
static size_t *
inode_scan_order(struct scrub_run *run, const struct scrub_unit *units,
		 size_t nr)
{
	struct ag_load *load = calloc(nr, sizeof(*load));
	size_t *order = calloc(nr, sizeof(*order));

	if (!load || !order) {
		free(load);
		free(order);
		return NULL;
	}
	for (size_t i = 0; i < nr; i++) {
		struct xfs_ag_geometry ag;

		load[i].unit = i;
		/* Unknown: last, in plan order. */
		if (!hl_ag_geometry(run->fd, units[i].calls[0].agno, &ag) &&
		    ag.ag_icount >= ag.ag_ifree)
			load[i].inodes = ag.ag_icount - ag.ag_ifree;
	}
	qsort(load, nr, sizeof(*load), heavier_first);
	for (size_t i = 0; i < nr; i++)
		order[i] = load[i].unit;
	free(load);
	return order;
}

/* Run @nr units, printing each in order as soon as it can be. */
static void
run_stage(struct scrub_run *run, struct scrub_unit *units, size_t nr,
	  struct progress *p)
{
	struct stage st = {.run = run, .units = units, .nr = nr};
	pthread_t threads[MAX_WORKERS];
	struct worker_arg args[MAX_WORKERS];
	size_t nthreads = run->workers < nr ? run->workers : nr, started = 0;
	enum hl_scrub_phase phase = units[0].calls[0].phase;
	struct pacer pc = {0};
	struct tuner t;

	pthread_mutex_init(&st.lock, NULL);
	pthread_cond_init(&st.done, NULL);
	pthread_cond_init(&st.more, NULL);
	if (phase == HL_SCRUB_PHASE_INODES && nr > 1)
		st.order = inode_scan_order(run, units, nr);
	tune_start(&t, run, &st, phase);
	if (st.allowed > nthreads)
		st.allowed = nthreads;
	for (size_t i = 0; i < nthreads; i++) {
		args[started] = (struct worker_arg){&st, started};
		if (pthread_create(&threads[started], NULL, worker,
				   &args[started]))
			break;
		started++;
	}
	if (!started) {
		/* No thread to be had: this one does it all. */
		args[0] = (struct worker_arg){&st, 0};
		st.allowed = 1;
		t.on = false;
		worker(&args[0]);
	}
	run->workers_used = st.allowed;
	clock_gettime(CLOCK_MONOTONIC, &pc.tick);
	timespec_add_ns(&pc.tick, TICK_NS);

	for (size_t i = 0; i < nr; i++) {
		pthread_mutex_lock(&st.lock);
		while (!units[i].done) {
			struct timespec ts;

			clock_gettime(CLOCK_REALTIME, &ts);
			timespec_add_ns(&ts, TICK_NS);
			pthread_cond_timedwait(&st.done, &st.lock, &ts);
			/* Each tick, whichever unit ended meanwhile. */
			if (!units[i].done) {
				pthread_mutex_unlock(&st.lock);
				on_tick(&pc, &t, run, &st, p, i);
				pthread_mutex_lock(&st.lock);
			}
		}
		pthread_mutex_unlock(&st.lock);
		if (units[i].news.nr || units[i].list_error ||
		    units[i].end_error)
			progress_erase(p);
		print_unit(run, &units[i]);
		if (i + 1 < nr)
			on_tick(&pc, &t, run, &st, p, i + 1);
	}
	for (size_t i = 0; i < started; i++)
		pthread_join(threads[i], NULL);
	free(st.order);
	pthread_cond_destroy(&st.more);
	pthread_cond_destroy(&st.done);
	pthread_mutex_destroy(&st.lock);
}

/*
 * The calls from @first that make one stage: a parallel phase's calls are
 * one unit each; the calls of any other phase are one unit, in order.
 */
static size_t
next_stage(struct scrub_run *run, size_t first, struct scrub_unit *units,
	   size_t *nr_units)
{
	const struct hl_scrub_plan *plan = &run->plan;
	enum hl_scrub_phase phase = plan->calls[first].phase;
	bool parallel = hl_scrub_phase_parallel(phase);
	size_t end = first;

	while (end < plan->nr_calls && plan->calls[end].phase == phase)
		end++;
	if (parallel) {
		for (size_t i = first; i < end; i++)
			units[i - first] = (struct scrub_unit){
				.calls = &plan->calls[i],
				.nr_calls = 1,
			};
		*nr_units = end - first;
	} else {
		units[0] = (struct scrub_unit){
			.calls = &plan->calls[first],
			.nr_calls = end - first,
		};
		*nr_units = 1;
	}
	return end;
}

/*
 * The repairs that did not work the first time, again, in plan order, now
 * that everything after them was repaired too: one unit, one call each.
 */
static void
retry(struct scrub_run *run, struct scrub_unit *units, struct progress *p)
{
	struct scrub_results items = run->retry;

	if (!items.nr)
		return;
	run->retry = (struct scrub_results){0};
	units[0] = (struct scrub_unit){0};
	scrub_retry(run, &units[0], &items);
	progress_erase(p);
	print_unit(run, &units[0]);
	scrub_results_free(&items);
}

/* ---- the run ------------------------------------------------------------- */

static unsigned int
default_workers(void)
{
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);

	return cpus < 1 ? 1 : cpus > MAX_WORKERS ? MAX_WORKERS : (unsigned)cpus;
}

static int
prepare(struct scrub_run *run)
{
	const struct scrub_opts *o = run->o;
	struct xfs_fsop_geom geo = {0};
	struct hl_scrub_scope scope = {
		.agnos = o->agnos,
		.nr_agnos = o->nr_agnos,
		.inos = o->inos,
		.nr_inos = o->nr_inos,
		.no_inodes = o->metadata_only,
	};
	int error;

	error = hl_fs_geometry(run->fd, &geo);
	if (error) {
		io_error("%s: XFS_IOC_FSGEOMETRY: %s", scrub_verb(o),
			 strerror(-error));
		return EXIT_CMD_FAILED;
	}
	for (size_t i = 0; i < o->nr_agnos; i++) {
		if (o->agnos[i] >= geo.agcount) {
			io_error("%s: AG %u does not exist: the filesystem has "
				 "%u AGs",
				 scrub_verb(o), o->agnos[i], geo.agcount);
			return EXIT_USAGE;
		}
	}
	hl_scrub_fs_shape_of(&geo, &run->shape);
	run->metadir = run->shape.metadir;
	run->iflags = scrub_iflags(o);
	error = hl_scrub_plan_fs(&run->plan, &run->shape, &scope, run->iflags);
	if (error)
		goto fail;
	run->in_flags = calloc(run->plan.nr_vecs + 1, sizeof(*run->in_flags));
	if (!run->in_flags) {
		error = -ENOMEM;
		goto fail;
	}
	for (size_t i = 0; i < run->plan.nr_vecs; i++)
		run->in_flags[i] = run->plan.vecs[i].flags;
	error = hl_render_init(&run->render, file_current()->name);
	if (error)
		goto fail;
	run->workers = o->workers ? o->workers : default_workers();
	if (run->workers > MAX_WORKERS)
		run->workers = MAX_WORKERS;
	return EXIT_ALL_OK;
fail:
	io_error("%s: %s", scrub_verb(o), strerror(-error));
	return EXIT_CMD_FAILED;
}

/* The plan's first call is the probe: if it fails, nothing else can work. */
static int
probe(struct scrub_run *run)
{
	struct xfs_scrub_vec kvecs[SCRUB_MAX_CALL_VECS];
	int err = scrub_probe(run, &run->plan.calls[0], kvecs);

	if (!err)
		return EXIT_ALL_OK;
	io_message("%s: %s", scrub_verb(run->o), strerror(err));
	scrub_explain(run->o, err);
	return EXIT_CMD_FAILED;
}

int
scrub_all(const struct scrub_opts *o)
{
	struct scrub_run run = {
		.o = o,
		.fd = file_current()->fd,
		.summary = {.mode = scrub_mode(o)},
	};
	struct progress p = {.on = isatty(STDERR_FILENO)};
	struct scrub_unit *units = NULL;
	int status, error;

	status = prepare(&run);
	if (status)
		goto out;
	run.vectored = !o->single && hl_scrubv_probe(run.fd) == 0;
	status = probe(&run);
	if (status)
		goto out;
	units = calloc(run.plan.nr_calls, sizeof(*units));
	if (!units) {
		io_error("%s: %s", scrub_verb(o), strerror(ENOMEM));
		status = EXIT_CMD_FAILED;
		goto out;
	}
	clock_gettime(CLOCK_MONOTONIC, &p.start);
	for (size_t c = 1; c < run.plan.nr_calls && !run.stop;) {
		size_t nr;

		if (run.plan.calls[c].phase == HL_SCRUB_PHASE_VERDICT)
			retry(&run, units, &p);
		c = next_stage(&run, c, units, &nr);
		run_stage(&run, units, nr, &p);
	}
	if (!run.stop)
		retry(&run, units, &p); /* a run without a verdict (-A, -I) */
	for (size_t i = 0; i < run.retry.nr; i++) {
		/* The run stopped before their second try. */
		hl_scrub_summary_add(&run.summary, run.retry.v[i].outcome);
		run.status |= scrub_outcome_status(run.retry.v[i].outcome);
	}
	progress_erase(&p);
	status = run.status;

	if (o->json)
		error = hl_scrub_write_summary_json(stdout, &run.summary,
						    &run.render);
	else
		error = hl_scrub_write_summary(stdout, &run.summary,
					       &run.render);
	if (error)
		status |= EXIT_CMD_FAILED;
	io_flush_stdout();
out:
	free(units);
	scrub_results_free(&run.retry);
	hl_render_free(&run.render);
	free(run.in_flags);
	hl_scrub_plan_free(&run.plan);
	return status;
}
