// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The repair queue.  The event loop must never wait for a repair, and a
 * storm of reports about one object must not become a storm of repairs: a
 * spot repair is queued once per object, later reports of that object only
 * add their bits to it until a worker takes it (libhealth's hl_pending).
 * A report the kernel queued before a repair of its object started, for
 * bits that repair covers, is also covered: the kernel often reports one
 * problem several times (each read that trips on it) before the first
 * report reaches us.  Event times come from the kernel's coarse realtime
 * clock; the repair's start is read from the same clock, and only a report
 * strictly older counts as covered.  (A repair that then fails asks for a
 * full repair, so nothing is lost by dropping the report.)  After a repair
 * failed, new reports of the same bits are left to the full repair it asked
 * for, for FAILED_HOLDOFF_S seconds: a failed repair re-reads the bad
 * metadata, which makes the kernel report it again, and repairing on each
 * report would loop.
 *
 * The queue is bounded; when it is full, a full repair is asked for
 * instead, so that nothing reported is forgotten.  A full repair is queued
 * at most once at a time.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "clock.h"
#include "healthd.h"

#define NR_STARTED	 256 /* repairs remembered for covering later reports */
#define FAILED_HOLDOFF_S 60

/* A spot repair that has started: what, when, which bits, how it went. */
struct started {
	struct hl_pending_key key;
	uint64_t start_ns;
	uint32_t mask;
	bool failed;
};

struct work_queue {
	pthread_mutex_t lock;
	pthread_cond_t wake;
	struct hl_event *ring; /* spot repairs, oldest at @head */
	size_t cap, head, count;
	struct hl_pending pending; /* their keys, with the joined masks */
	bool full_queued;
	unsigned int busy; /* workers making a repair */
	bool stopping;
	struct started started[NR_STARTED]; /* a ring; zero start: unused */
	size_t next_started;
	pthread_t *threads;
	unsigned int nr_threads;
};

static bool
same_key(const struct hl_pending_key *a, const struct hl_pending_key *b)
{
	return a->domain == b->domain && a->group == b->group &&
	       a->ino == b->ino && a->gen == b->gen;
}

/* Did a repair of @ev's object start after @ev was queued, for its bits? */
static bool
covered(const struct work_queue *q, const struct hl_pending_key *key,
	const struct hl_event *ev)
{
	uint64_t now = clock_ns(CLOCK_REALTIME_COARSE);

	for (size_t i = 0; i < NR_STARTED; i++) {
		const struct started *s = &q->started[i];

		if (!s->start_ns || !same_key(&s->key, key) ||
		    (ev->mask & ~s->mask))
			continue;
		if (s->start_ns > ev->time_ns)
			return true;
		if (s->failed &&
		    now < s->start_ns + FAILED_HOLDOFF_S * NSEC_PER_SEC)
			return true;
	}
	return false;
}

/* Remember a repair that starts now; returns its slot. */
static size_t
note_started(struct work_queue *q, const struct hl_pending_key *key,
	     uint32_t mask)
{
	size_t slot = q->next_started;
	struct started *s = &q->started[slot];

	s->key = *key;
	s->mask = mask;
	s->start_ns = clock_ns(CLOCK_REALTIME_COARSE);
	s->failed = false;
	q->next_started = (q->next_started + 1) % NR_STARTED;
	return slot;
}

static void *
worker(void *arg)
{
	struct healthd *hd = arg;
	struct work_queue *q = hd->queue;

	pthread_mutex_lock(&q->lock);
	for (;;) {
		struct hl_pending_key key;
		struct hl_event ev;
		uint32_t mask;
		size_t slot;
		bool failed;

		while (!q->count && !q->full_queued && !q->stopping)
			pthread_cond_wait(&q->wake, &q->lock);
		if (q->full_queued) {
			q->full_queued = false;
			q->busy++;
			pthread_mutex_unlock(&q->lock);
			healthd_full_repair(hd);
			pthread_mutex_lock(&q->lock);
			q->busy--;
			continue;
		}
		if (!q->count)
			break; /* stopping, nothing left */
		ev = q->ring[q->head];
		q->head = (q->head + 1) % q->cap;
		q->count--;
		hl_pending_key_of(&ev, &key);
		if (hl_pending_take(&q->pending, &key, &mask))
			mask = ev.mask;
		slot = note_started(q, &key, mask);
		q->busy++;
		pthread_mutex_unlock(&q->lock);
		if (atomic_load(&hd->shut_down)) {
			atomic_fetch_add(&hd->stats.abandoned, 1);
			failed = false;
		} else {
			failed = healthd_spot_repair(hd, &ev, mask);
		}
		pthread_mutex_lock(&q->lock);
		q->busy--;
		/* The slot may have been reused by many repairs since. */
		if (failed && same_key(&q->started[slot].key, &key))
			q->started[slot].failed = true;
	}
	pthread_mutex_unlock(&q->lock);
	return NULL;
}

int
queue_start(struct healthd *hd, unsigned int nr_workers, size_t max)
{
	struct work_queue *q = calloc(1, sizeof(*q));
	int error = -ENOMEM;

	if (!q)
		return -ENOMEM;
	pthread_mutex_init(&q->lock, NULL);
	pthread_cond_init(&q->wake, NULL);
	q->cap = max;
	q->ring = calloc(max, sizeof(*q->ring));
	q->threads = calloc(nr_workers, sizeof(*q->threads));
	if (!q->ring || !q->threads || hl_pending_init(&q->pending, max))
		goto fail;
	hd->queue = q;
	for (; q->nr_threads < nr_workers; q->nr_threads++) {
		error = -pthread_create(&q->threads[q->nr_threads], NULL,
					worker, hd);
		if (error) {
			if (q->nr_threads)
				break; /* fewer workers is still fine */
			hd->queue = NULL;
			goto fail;
		}
	}
	return 0;
fail:
	hl_pending_free(&q->pending);
	free(q->threads);
	free(q->ring);
	free(q);
	return error;
}

void
queue_full_repair(struct healthd *hd)
{
	struct work_queue *q = hd->queue;

	pthread_mutex_lock(&q->lock);
	q->full_queued = true;
	pthread_cond_signal(&q->wake);
	pthread_mutex_unlock(&q->lock);
}

void
queue_spot_repair(struct healthd *hd, const struct hl_event *ev)
{
	struct work_queue *q = hd->queue;
	struct hl_pending_key key;
	int ret;

	hl_pending_key_of(ev, &key);
	pthread_mutex_lock(&q->lock);
	if (covered(q, &key, ev))
		ret = 0;
	else
		ret = hl_pending_add(&q->pending, &key, ev->mask);
	if (ret == 1) {
		q->ring[(q->head + q->count) % q->cap] = *ev;
		q->count++;
		pthread_cond_signal(&q->wake);
	} else if (ret == 0) {
		atomic_fetch_add(&hd->stats.coalesced, 1);
	} else {
		/* Full: a whole-filesystem repair covers this object too. */
		q->full_queued = true;
		pthread_cond_signal(&q->wake);
	}
	pthread_mutex_unlock(&q->lock);
	if (ret < 0)
		log_debug(hd, "repair queue full; asking for a full repair");
}

/* A tenth of a second between looks: short next to a repair. */
#define IDLE_POLL_NS (NSEC_PER_SEC / 10)

bool
queue_wait_idle(struct healthd *hd,
		bool (*give_up)(struct healthd *hd, uint64_t arg), uint64_t arg)
{
	struct work_queue *q = hd->queue;

	for (;;) {
		bool idle;

		pthread_mutex_lock(&q->lock);
		idle = !q->count && !q->full_queued && !q->busy;
		pthread_mutex_unlock(&q->lock);
		if (idle)
			return true;
		if (atomic_load(&hd->stopping) || give_up(hd, arg))
			return false;
		nanosleep(&(struct timespec){.tv_nsec = IDLE_POLL_NS}, NULL);
	}
}

bool
queue_busy(struct healthd *hd)
{
	struct work_queue *q = hd->queue;
	bool busy;

	if (!q)
		return false;
	pthread_mutex_lock(&q->lock);
	busy = q->count || q->full_queued || q->busy;
	pthread_mutex_unlock(&q->lock);
	return busy;
}

void
queue_stop(struct healthd *hd, bool drain)
{
	struct work_queue *q = hd->queue;

	if (!q)
		return;
	pthread_mutex_lock(&q->lock);
	q->stopping = true;
	if (!drain) {
		atomic_fetch_add(&hd->stats.abandoned,
				 q->count + q->full_queued);
		q->count = 0;
		q->full_queued = false;
	}
	pthread_cond_broadcast(&q->wake);
	pthread_mutex_unlock(&q->lock);
	for (unsigned int i = 0; i < q->nr_threads; i++)
		pthread_join(q->threads[i], NULL);
	q->nr_threads = 0;
}

void
queue_free(struct healthd *hd)
{
	struct work_queue *q = hd->queue;

	if (!q)
		return;
	hl_pending_free(&q->pending);
	free(q->threads);
	free(q->ring);
	pthread_mutex_destroy(&q->lock);
	pthread_cond_destroy(&q->wake);
	free(q);
	hd->queue = NULL;
}
