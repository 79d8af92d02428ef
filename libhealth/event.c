// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The kernel's 64-byte V0 record <-> struct hl_event.  Records are in host
 * byte order; the payload union is read by offset through the ABI struct.
 */
#include <errno.h>
#include <string.h>

#include "internal.h"
#include "xfs_health_abi.h"

/* The union member follows from what the mask is about. */
static void
decode_health(const struct xfs_health_monitor_event *k, struct hl_event *ev)
{
	switch (hl_event_object(ev)) {
	case HL_OBJECT_INODE:
		ev->mask = k->e.inode.mask;
		ev->gen = k->e.inode.gen;
		ev->ino = k->e.inode.ino;
		break;
	case HL_OBJECT_AG:
	case HL_OBJECT_RTGROUP:
		ev->mask = k->e.group.mask;
		ev->group = k->e.group.gno;
		break;
	default:
		ev->mask = k->e.fs.mask;
		break;
	}
}

int
hl_event_decode(const void *record, size_t len, struct hl_event *ev)
{
	struct xfs_health_monitor_event k;

	if (!record || !ev || len != HL_EVENT_SIZE)
		return -EINVAL;

	/* A copy, because a read buffer need not be aligned for the u64s. */
	memcpy(&k, record, sizeof(k));
	*ev = (struct hl_event){
		.domain = k.domain,
		.type = k.type,
		.time_ns = k.time_ns,
		.payload = hl_event_payload(k.domain, k.type),
	};

	switch (ev->payload) {
	case HL_PAYLOAD_LOST:
		ev->count = k.e.lost.count;
		break;
	case HL_PAYLOAD_SHUTDOWN:
		ev->mask = k.e.shutdown.reasons;
		break;
	case HL_PAYLOAD_HEALTH:
		decode_health(&k, ev);
		break;
	case HL_PAYLOAD_MEDIA:
		ev->daddr = k.e.media.daddr;
		ev->bbcount = k.e.media.bbcount;
		break;
	case HL_PAYLOAD_FILERANGE:
		ev->pos = k.e.filerange.pos;
		ev->len = k.e.filerange.len;
		ev->ino = k.e.filerange.ino;
		ev->gen = k.e.filerange.gen;
		ev->error = k.e.filerange.error;
		break;
	case HL_PAYLOAD_NONE:
		break;
	}
	return 0;
}

static void
encode_health(const struct hl_event *ev, struct xfs_health_monitor_event *k)
{
	switch (hl_event_object(ev)) {
	case HL_OBJECT_INODE:
		k->e.inode.mask = ev->mask;
		k->e.inode.gen = ev->gen;
		k->e.inode.ino = ev->ino;
		break;
	case HL_OBJECT_AG:
	case HL_OBJECT_RTGROUP:
		k->e.group.mask = ev->mask;
		k->e.group.gno = ev->group;
		break;
	default:
		k->e.fs.mask = ev->mask;
		break;
	}
}

int
hl_event_encode(const struct hl_event *ev, void *record, size_t len)
{
	struct xfs_health_monitor_event k;

	if (!ev || !record || len != HL_EVENT_SIZE)
		return -EINVAL;

	/* Like the kernel: bytes the payload does not use are zero. */
	memset(&k, 0, sizeof(k));
	k.domain = ev->domain;
	k.type = ev->type;
	k.time_ns = ev->time_ns;

	switch (hl_event_payload(ev->domain, ev->type)) {
	case HL_PAYLOAD_LOST:
		k.e.lost.count = ev->count;
		break;
	case HL_PAYLOAD_SHUTDOWN:
		k.e.shutdown.reasons = ev->mask;
		break;
	case HL_PAYLOAD_HEALTH:
		encode_health(ev, &k);
		break;
	case HL_PAYLOAD_MEDIA:
		k.e.media.daddr = ev->daddr;
		k.e.media.bbcount = ev->bbcount;
		break;
	case HL_PAYLOAD_FILERANGE:
		k.e.filerange.pos = ev->pos;
		k.e.filerange.len = ev->len;
		k.e.filerange.ino = ev->ino;
		k.e.filerange.gen = ev->gen;
		k.e.filerange.error = ev->error;
		break;
	case HL_PAYLOAD_NONE:
		break;
	}
	memcpy(record, &k, sizeof(k));
	return 0;
}

bool
hl_event_equal(const struct hl_event *a, const struct hl_event *b)
{
	return a->domain == b->domain && a->type == b->type &&
	       a->time_ns == b->time_ns && a->payload == b->payload &&
	       a->mask == b->mask && a->group == b->group && a->gen == b->gen &&
	       a->error == b->error && a->ino == b->ino &&
	       a->count == b->count && a->daddr == b->daddr &&
	       a->bbcount == b->bbcount && a->pos == b->pos && a->len == b->len;
}
