// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * A thread that keeps the kernel's event queue drained.  The kernel queues at
 * most 585 events per monitor and drops the rest, so whoever reads must never
 * wait for a slow output: the reader thread copies every read into memory at
 * once, and the printing side takes whole batches from it.
 */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/eventfd.h>

#include "event_reader.h"
#include "mounts.h"

#define POLL_SLICE_MS	 1000 /* recheck the deadline even if nothing wakes us */
#define MOUNT_GRACE_SLICES 5  /* idle slices with the mount gone before we quit */

struct event_reader {
	struct reader_opts opts;
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t cond;
	struct reader_chunk *head, *tail;
	size_t backlog; /* bytes read but not yet taken */
	bool done;	/* the thread has stopped reading */
	int error;	/* errno of a failed read */
	int wake_fd;	/* eventfd: stop now */
	bool mount_gone; /* the watched mount vanished, the stream did not end */
	bool out_gone;	 /* nobody reads our output any more */
	unsigned char *buf;
};

static uint64_t
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000ULL + ts.tv_nsec / 1000000;
}

/* Is mount @id still in our mount namespace?  If it cannot tell: yes. */
static bool
mount_present(uint64_t id)
{
	struct hl_mount_info mi;
	int error = hl_mount_stat(id, &mi);

	if (!error)
		hl_mount_info_free(&mi);
	return error != -ENOENT;
}

static bool
stop_requested(struct event_reader *r)
{
	struct pollfd pfd = { .fd = r->wake_fd, .events = POLLIN };

	return poll(&pfd, 1, 0) > 0;
}

/*
 * Wait until the monitor is readable (1), or we are told to stop, the
 * deadline passes or the reader of our output goes away (0).  The monitor
 * reports readable once it is detached, so an unmount always ends the wait.
 * A closed pipe is otherwise noticed only at the next write, which may never
 * come on a quiet filesystem ("healthmon | head -1" would wait forever).
 */
static int
wait_readable(struct event_reader *r, uint64_t deadline)
{
	struct pollfd pfd[3] = {
		{ .fd = r->opts.fd, .events = POLLIN },
		{ .fd = r->wake_fd, .events = POLLIN },
		/* POLLERR and POLLHUP need no asking; poll skips fd < 0. */
		{ .fd = r->opts.out_fd, .events = 0 },
	};
	unsigned int gone = 0;

	for (;;) {
		int slice = POLL_SLICE_MS, ret;

		if (deadline) {
			uint64_t now = now_ms();

			if (now >= deadline)
				return 0;
			if (deadline - now < (uint64_t)slice)
				slice = deadline - now;
		}
		ret = poll(pfd, 3, slice);
		if (ret < 0 && errno != EINTR)
			return 1; /* let read() report the problem */
		if (ret > 0 && pfd[1].revents)
			return 0;
		if (ret > 0 && pfd[2].revents) {
			r->out_gone = true;
			return 0;
		}
		if (ret > 0)
			return 1;
		/*
		 * An unmount normally ends the stream; the mount leaves the
		 * table a moment before that, hence the grace period.
		 */
		if (ret == 0 && r->opts.mnt_id && !mount_present(r->opts.mnt_id) &&
		    ++gone >= MOUNT_GRACE_SLICES) {
			r->mount_gone = true;
			return 0;
		}
	}
}

/* Sleep for -d; a stop request cuts the sleep short. */
static void
pause_ms(struct event_reader *r, unsigned int ms)
{
	struct pollfd pfd = { .fd = r->wake_fd, .events = POLLIN };

	poll(&pfd, 1, ms);
}

static int
queue_chunk(struct event_reader *r, const unsigned char *data, size_t len)
{
	struct reader_chunk *c = malloc(sizeof(*c) + len);

	if (!c)
		return ENOMEM;
	c->next = NULL;
	c->len = len;
	memcpy(c->data, data, len);

	pthread_mutex_lock(&r->lock);
	/* Past the limit, wait: the kernel then counts what it drops. */
	while (r->backlog >= r->opts.max_backlog && !stop_requested(r))
		pthread_cond_wait(&r->cond, &r->lock);
	if (r->tail)
		r->tail->next = c;
	else
		r->head = c;
	r->tail = c;
	r->backlog += len;
	pthread_cond_broadcast(&r->cond);
	pthread_mutex_unlock(&r->lock);
	return 0;
}

static void *
reader_main(void *arg)
{
	struct event_reader *r = arg;
	const struct reader_opts *o = &r->opts;
	uint64_t deadline = o->timeout_ms ? now_ms() + o->timeout_ms : 0;
	int error = 0;

	if (o->delay_ms)
		pause_ms(r, o->delay_ms);
	while (!stop_requested(r) && wait_readable(r, deadline)) {
		ssize_t n = read(o->fd, r->buf, o->bufsize);

		if (n < 0) {
			if (errno == EINTR || errno == EAGAIN)
				continue;
			error = errno;
			break;
		}
		if (n == 0)
			break; /* detached (unmounted), or the end of a file */
		error = queue_chunk(r, r->buf, n);
		if (error)
			break;
		if (o->delay_ms)
			pause_ms(r, o->delay_ms);
	}

	pthread_mutex_lock(&r->lock);
	r->error = error;
	r->done = true;
	pthread_cond_broadcast(&r->cond);
	pthread_mutex_unlock(&r->lock);
	return NULL;
}

int
reader_start(struct event_reader **rp, const struct reader_opts *opts)
{
	struct event_reader *r = calloc(1, sizeof(*r));
	pthread_condattr_t cattr;
	int error;

	if (!r)
		return -ENOMEM;
	r->opts = *opts;
	r->buf = malloc(opts->bufsize);
	r->wake_fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	if (!r->buf || r->wake_fd < 0) {
		error = r->buf ? -errno : -ENOMEM;
		goto fail;
	}
	pthread_mutex_init(&r->lock, NULL);
	/* reader_take_for waits on the monotonic clock: a change of the
	 * time of day must not stretch it. */
	pthread_condattr_init(&cattr);
	pthread_condattr_setclock(&cattr, CLOCK_MONOTONIC);
	pthread_cond_init(&r->cond, &cattr);
	pthread_condattr_destroy(&cattr);
	error = -pthread_create(&r->thread, NULL, reader_main, r);
	if (error) {
		pthread_cond_destroy(&r->cond);
		pthread_mutex_destroy(&r->lock);
		goto fail;
	}
	*rp = r;
	return 0;
fail:
	if (r->wake_fd >= 0)
		close(r->wake_fd);
	free(r->buf);
	free(r);
	return error;
}

int
reader_wake_fd(const struct event_reader *r)
{
	return r->wake_fd;
}

void
reader_stop(struct event_reader *r)
{
	uint64_t one = 1;

	if (write(r->wake_fd, &one, sizeof(one)) < 0) {
		/* The counter is already set: the reader is stopping. */
	}
	pthread_mutex_lock(&r->lock);
	pthread_cond_broadcast(&r->cond);
	pthread_mutex_unlock(&r->lock);
}

/* Everything queued, taken (under the lock); the reader may go on. */
static struct reader_chunk *
take_locked(struct event_reader *r)
{
	struct reader_chunk *list = r->head;

	r->head = r->tail = NULL;
	r->backlog = 0;
	pthread_cond_broadcast(&r->cond);
	return list;
}

struct reader_chunk *
reader_take(struct event_reader *r)
{
	struct reader_chunk *list;

	pthread_mutex_lock(&r->lock);
	while (!r->head && !r->done)
		pthread_cond_wait(&r->cond, &r->lock);
	list = take_locked(r);
	pthread_mutex_unlock(&r->lock);
	return list;
}

struct reader_chunk *
reader_take_for(struct event_reader *r, unsigned int ms, bool *idle)
{
	struct reader_chunk *list;
	struct timespec until;

	clock_gettime(CLOCK_MONOTONIC, &until);
	until.tv_sec += ms / 1000;
	until.tv_nsec += (long)(ms % 1000) * 1000000;
	if (until.tv_nsec >= 1000000000) {
		until.tv_sec++;
		until.tv_nsec -= 1000000000;
	}
	*idle = false;
	pthread_mutex_lock(&r->lock);
	while (!r->head && !r->done) {
		if (pthread_cond_timedwait(&r->cond, &r->lock, &until) ==
			    ETIMEDOUT &&
		    !r->head && !r->done) {
			*idle = true;
			break;
		}
	}
	list = take_locked(r);
	pthread_mutex_unlock(&r->lock);
	return list;
}

void
reader_free_chunks(struct reader_chunk *c)
{
	while (c) {
		struct reader_chunk *next = c->next;

		free(c);
		c = next;
	}
}

int
reader_finish(struct event_reader *r)
{
	int error;

	reader_stop(r);
	pthread_join(r->thread, NULL);
	error = r->error;
	if (!error && r->mount_gone)
		error = ENODEV;
	if (!error && r->out_gone)
		error = EPIPE;
	reader_free_chunks(r->head);
	pthread_cond_destroy(&r->cond);
	pthread_mutex_destroy(&r->lock);
	close(r->wake_fd);
	free(r->buf);
	free(r);
	return error ? -error : 0;
}
