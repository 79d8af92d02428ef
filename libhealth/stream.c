// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Reassembly of 64-byte records from reads of any size.  The kernel copies
 * out as many bytes as fit, so a read that is not a multiple of 64 ends
 * inside a record and the rest of it starts the next read.
 */
#include <errno.h>
#include <string.h>

#include "internal.h"

void
hl_stream_init(struct hl_stream *s)
{
	memset(s, 0, sizeof(*s));
}

static int
emit(struct hl_stream *s, const void *record, hl_event_fn fn, void *arg)
{
	struct hl_event ev;

	hl_event_decode(record, HL_EVENT_SIZE, &ev);
	s->records++;
	return fn(&ev, arg);
}

int
hl_stream_feed(struct hl_stream *s, const void *buf, size_t len, hl_event_fn fn,
	       void *arg)
{
	const unsigned char *p = buf;
	int ret;

	if (!s || !fn || (!buf && len))
		return -EINVAL;
	/* An empty read: memcpy must not see a NULL @buf, even for 0 bytes. */
	if (!len)
		return 0;

	if (s->partial_len) {
		size_t take = HL_EVENT_SIZE - s->partial_len;

		if (take > len)
			take = len;
		memcpy(s->partial + s->partial_len, p, take);
		s->partial_len += take;
		s->bytes += take;
		p += take;
		len -= take;
		if (s->partial_len < HL_EVENT_SIZE)
			return 0;
		s->partial_len = 0;
		ret = emit(s, s->partial, fn, arg);
		if (ret)
			return ret;
	}

	/* Whole records straight from the caller's buffer. */
	while (len >= HL_EVENT_SIZE) {
		s->bytes += HL_EVENT_SIZE;
		ret = emit(s, p, fn, arg);
		if (ret)
			return ret;
		p += HL_EVENT_SIZE;
		len -= HL_EVENT_SIZE;
	}

	if (len) {
		memcpy(s->partial, p, len);
		s->partial_len = len;
		s->bytes += len;
	}
	return 0;
}

int
hl_stream_end(const struct hl_stream *s, size_t *leftover)
{
	size_t left = s ? s->partial_len : 0;

	if (leftover)
		*leftover = left;
	if (!s)
		return -EINVAL;
	return left ? -EBADMSG : 0;
}
