/* SPDX-License-Identifier: GPL-2.0-or-later */
/* A thread that drains a health monitor (or a recording) into memory. */
#ifndef XFS_HEALTH_EVENT_READER_H
#define XFS_HEALTH_EVENT_READER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct reader_opts {
	int fd;
	size_t bufsize;	     /* bytes per read() */
	unsigned int delay_ms; /* sleep before the first and after each read */
	uint64_t timeout_ms; /* stop reading after this long; 0: never */
	size_t max_backlog;  /* stop reading while this much is untaken */
	uint64_t mnt_id;     /* the monitored mount's unique id, 0: not watched */
	int out_fd;	     /* a pipe or socket whose reader going away stops
				us (POLLERR), < 0: none */
};

/* The bytes of one read(), in order. */
struct reader_chunk {
	struct reader_chunk *next;
	size_t len;
	unsigned char data[];
};

struct event_reader;

int reader_start(struct event_reader **r, const struct reader_opts *opts);

/*
 * Everything read so far, oldest first; waits until there is something.
 * NULL once the reader has stopped and everything was taken.  Free the list
 * with reader_free_chunks().
 */
struct reader_chunk *reader_take(struct event_reader *r);
/*
 * The same, waiting @ms milliseconds at most: NULL with *idle set when
 * nothing came meanwhile (the reader still running).
 */
struct reader_chunk *reader_take_for(struct event_reader *r, unsigned int ms,
				     bool *idle);
void reader_free_chunks(struct reader_chunk *c);

/*
 * Ask the reader to stop.  Writing 8 bytes to reader_wake_fd() does the same
 * from a signal handler.
 */
void reader_stop(struct event_reader *r);
int reader_wake_fd(const struct event_reader *r);

/*
 * Stop, wait for the thread, free everything: 0, -errno of a failed read,
 * -ENODEV if the watched mount went away and the kernel never ended the
 * stream (a frozen filesystem unmounted lazily keeps its monitor alive), or
 * -EPIPE if nobody reads out_fd any more.
 */
int reader_finish(struct event_reader *r);

#endif /* XFS_HEALTH_EVENT_READER_H */
