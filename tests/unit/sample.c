// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The events behind reference E.4's real xfs_io output.  Numbers are the
 * reference's (B.2), not the ABI macros, so a wrong macro shows up too.
 */
#include "unit.h"
#include "sample.h"

#define T0 1767225600000000000ULL /* 2026-01-01, any time will do */

const struct hl_event upstream_events[] = {
	{.domain = 0, .type = 0, .time_ns = T0 + 0},
	{.domain = 0, .type = 1, .time_ns = T0 + 1, .count = 32},
	{.domain = 1, .type = 3, .time_ns = T0 + 2, .mask = 0x3},
	{.domain = 1, .type = 5, .time_ns = T0 + 3, .mask = 0x300},
	{.domain = 2, .type = 4, .time_ns = T0 + 4, .mask = 0x110, .group = 5},
	{.domain = 2, .type = 3, .time_ns = T0 + 5, .mask = 0x401, .group = 0},
	{.domain = 4, .type = 3, .time_ns = T0 + 6, .mask = 0x2, .group = 5},
	{.domain = 3,
	 .type = 5,
	 .time_ns = T0 + 7,
	 .mask = 0x2,
	 .ino = 13,
	 .gen = 3},
	{.domain = 3,
	 .type = 3,
	 .time_ns = T0 + 8,
	 .mask = 0x8012,
	 .ino = 131,
	 .gen = 0xdeadbeef},
	{.domain = 0, .type = 6, .time_ns = T0 + 9, .mask = 0x14},
	{.domain = 5,
	 .type = 7,
	 .time_ns = T0 + 10,
	 .daddr = 0x13,
	 .bbcount = 0x5},
	{.domain = 6,
	 .type = 7,
	 .time_ns = T0 + 11,
	 .daddr = 0x1000,
	 .bbcount = 0x8},
	{.domain = 7,
	 .type = 7,
	 .time_ns = T0 + 12,
	 .daddr = 0x20,
	 .bbcount = 0x1},
	{.domain = 8,
	 .type = 8,
	 .time_ns = T0 + 13,
	 .ino = 13,
	 .gen = 3,
	 .pos = 4096,
	 .len = 4096,
	 .error = 5},
	{.domain = 8,
	 .type = 9,
	 .time_ns = T0 + 14,
	 .ino = 13,
	 .gen = 3,
	 .pos = 0,
	 .len = 65536,
	 .error = 28},
	{.domain = 8,
	 .type = 10,
	 .time_ns = T0 + 15,
	 .ino = 14,
	 .gen = 1,
	 .pos = 8192,
	 .len = 512,
	 .error = 5},
	{.domain = 8,
	 .type = 11,
	 .time_ns = T0 + 16,
	 .ino = 14,
	 .gen = 1,
	 .pos = 8192,
	 .len = 512,
	 .error = 0},
	{.domain = 8,
	 .type = 12,
	 .time_ns = T0 + 17,
	 .ino = 15,
	 .gen = 2,
	 .pos = 12288,
	 .len = 4096,
	 .error = 0},
	{.domain = 8,
	 .type = 12,
	 .time_ns = T0 + 18,
	 .ino = 15,
	 .gen = 2,
	 .pos = 12288,
	 .len = 4096,
	 .error = 5},
	{.domain = 1, .type = 7, .time_ns = T0 + 19, .mask = 0x1},
	{.domain = 0, .type = 2, .time_ns = T0 + 20},
};
const size_t upstream_events_nr = ARRAY_SIZE(upstream_events);

const char upstream_text[] =
	"/mnt: monitoring started\n"
	"/mnt: 32 events lost\n"
	"/mnt fscounters, usrquota: sick\n"
	"/mnt metadir, metapath: healthy\n"
	"/mnt agno 0x5 bnobt, rmapbt: corrupt\n"
	"/mnt agno 0x0 super, inodes: sick\n"
	"/mnt rgno 0x5 bitmap: sick\n"
	"/mnt ino 13 gen 0x3 datafork: healthy\n"
	"/mnt ino 131 gen 0xdeadbeef datafork, directory, 0x8000: sick\n"
	"/mnt: filesystem shut down due to forced unmount, ondisk metadata "
	"corruption\n"
	"/mnt datadev daddr 0x13 bbcount 0x5: media error\n"
	"/mnt rtdev daddr 0x1000 bbcount 0x8: media error\n"
	"/mnt logdev daddr 0x20 bbcount 0x1: media error\n"
	"/mnt ino 13 gen 0x3 pos 4096 len 4096: buffered_read: Input/output "
	"error\n"
	"/mnt ino 13 gen 0x3 pos 0 len 65536: buffered_write: No space left on "
	"device\n"
	"/mnt ino 14 gen 0x1 pos 8192 len 512: directio_read: Input/output "
	"error\n"
	"/mnt ino 14 gen 0x1 pos 8192 len 512: directio_write failed\n"
	"/mnt ino 15 gen 0x2 pos 12288 len 4096: media failed\n"
	"/mnt ino 15 gen 0x2 pos 12288 len 4096: media failed\n"
	"/mnt fscounters: unknown value\n"
	"/mnt: filesystem unmounted\n";

void
sample_encode(const struct hl_event *ev, size_t nr, unsigned char *buf)
{
	for (size_t i = 0; i < nr; i++)
		CU_ASSERT_EQUAL(hl_event_encode(&ev[i], buf + i * HL_EVENT_SIZE,
						HL_EVENT_SIZE),
				0);
}

struct hl_event
sample_event(struct hl_event ev)
{
	ev.payload = hl_event_payload(ev.domain, ev.type);
	return ev;
}

