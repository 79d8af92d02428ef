// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Decoding and encoding of the 64-byte record (reference B.1, B.2) and the
 * reassembly of records split across reads (A.4).  Raw records are built
 * byte by byte at the reference's offsets, not through the ABI struct.
 */
#include <errno.h>
#include <string.h>

#include "unit.h"
#include "sample.h"

static void
put32(unsigned char *rec, size_t off, uint32_t v)
{
	memcpy(rec + off, &v, sizeof(v));
}

static void
put64(unsigned char *rec, size_t off, uint64_t v)
{
	memcpy(rec + off, &v, sizeof(v));
}

static void
raw_header(unsigned char *rec, uint32_t domain, uint32_t type, uint64_t t)
{
	memset(rec, 0, HL_EVENT_SIZE);
	put32(rec, 0, domain);
	put32(rec, 4, type);
	put64(rec, 8, t);
}

static void
test_payload_choice(void)
{
	/* Mount domain: by type. */
	CU_ASSERT_EQUAL(hl_event_payload(0, 0), HL_PAYLOAD_NONE);
	CU_ASSERT_EQUAL(hl_event_payload(0, 1), HL_PAYLOAD_LOST);
	CU_ASSERT_EQUAL(hl_event_payload(0, 2), HL_PAYLOAD_NONE);
	CU_ASSERT_EQUAL(hl_event_payload(0, 6), HL_PAYLOAD_SHUTDOWN);
	CU_ASSERT_EQUAL(hl_event_payload(0, 3), HL_PAYLOAD_NONE);
	CU_ASSERT_EQUAL(hl_event_payload(0, 9), HL_PAYLOAD_NONE);

	/* Other known domains: whatever the type. */
	for (uint32_t type = 0; type < 16; type++) {
		for (uint32_t d = 1; d <= 4; d++)
			CU_ASSERT_EQUAL(hl_event_payload(d, type),
					HL_PAYLOAD_HEALTH);
		for (uint32_t d = 5; d <= 7; d++)
			CU_ASSERT_EQUAL(hl_event_payload(d, type),
					HL_PAYLOAD_MEDIA);
		CU_ASSERT_EQUAL(hl_event_payload(8, type),
				HL_PAYLOAD_FILERANGE);
		CU_ASSERT_EQUAL(hl_event_payload(9, type), HL_PAYLOAD_NONE);
		CU_ASSERT_EQUAL(hl_event_payload(99, type), HL_PAYLOAD_NONE);
	}
	CU_ASSERT_EQUAL(hl_event_payload(~0U, ~0U), HL_PAYLOAD_NONE);
}

static void
test_decode_header(void)
{
	unsigned char rec[HL_EVENT_SIZE];
	struct hl_event ev;

	raw_header(rec, 0, 0, 0x0123456789abcdefULL);
	CU_ASSERT_EQUAL(hl_event_decode(rec, sizeof(rec), &ev), 0);
	CU_ASSERT_EQUAL(ev.domain, 0);
	CU_ASSERT_EQUAL(ev.type, 0);
	CU_ASSERT_EQUAL(ev.time_ns, 0x0123456789abcdefULL);
	CU_ASSERT_EQUAL(ev.payload, HL_PAYLOAD_NONE);

	/* Unknown numbers are kept; the payload bytes are not guessed at. */
	raw_header(rec, 99, 1234, 7);
	memset(rec + 16, 0xff, 48);
	memset(&ev, 0x55, sizeof(ev));
	CU_ASSERT_EQUAL(hl_event_decode(rec, sizeof(rec), &ev), 0);
	CU_ASSERT_EQUAL(ev.domain, 99);
	CU_ASSERT_EQUAL(ev.type, 1234);
	CU_ASSERT_EQUAL(ev.time_ns, 7);
	CU_ASSERT_EQUAL(ev.payload, HL_PAYLOAD_NONE);
	CU_ASSERT_EQUAL(ev.mask, 0);
	CU_ASSERT_EQUAL(ev.ino, 0);
	CU_ASSERT_EQUAL(ev.count, 0);
	CU_ASSERT_EQUAL(ev.daddr, 0);
	CU_ASSERT_EQUAL(ev.pos, 0);
}

static void
test_decode_payloads(void)
{
	unsigned char rec[HL_EVENT_SIZE];
	struct hl_event ev;

	raw_header(rec, 0, 1, 1);
	put64(rec, 16, 0x1122334455667788ULL);
	CU_ASSERT_EQUAL(hl_event_decode(rec, sizeof(rec), &ev), 0);
	CU_ASSERT_EQUAL(ev.payload, HL_PAYLOAD_LOST);
	CU_ASSERT_EQUAL(ev.count, 0x1122334455667788ULL);

	raw_header(rec, 0, 6, 1);
	put32(rec, 16, 0x3f);
	CU_ASSERT_EQUAL(hl_event_decode(rec, sizeof(rec), &ev), 0);
	CU_ASSERT_EQUAL(ev.payload, HL_PAYLOAD_SHUTDOWN);
	CU_ASSERT_EQUAL(ev.mask, 0x3f);

	raw_header(rec, 1, 3, 1);
	put32(rec, 16, 0x3ff);
	put32(rec, 20, 0xaaaa); /* not part of e.fs */
	CU_ASSERT_EQUAL(hl_event_decode(rec, sizeof(rec), &ev), 0);
	CU_ASSERT_EQUAL(ev.payload, HL_PAYLOAD_HEALTH);
	CU_ASSERT_EQUAL(ev.mask, 0x3ff);
	CU_ASSERT_EQUAL(ev.group, 0);

	for (uint32_t d = 2; d <= 4; d += 2) { /* AG, RTGROUP */
		raw_header(rec, d, 4, 1);
		put32(rec, 16, 0x110);
		put32(rec, 20, 0xfedcba98);
		CU_ASSERT_EQUAL(hl_event_decode(rec, sizeof(rec), &ev), 0);
		CU_ASSERT_EQUAL(ev.payload, HL_PAYLOAD_HEALTH);
		CU_ASSERT_EQUAL(ev.mask, 0x110);
		CU_ASSERT_EQUAL(ev.group, 0xfedcba98);
	}

	raw_header(rec, 3, 5, 1);
	put32(rec, 16, 0x1ff);
	put32(rec, 20, 0xdeadbeef);
	put64(rec, 24, 0x8000000000000083ULL);
	CU_ASSERT_EQUAL(hl_event_decode(rec, sizeof(rec), &ev), 0);
	CU_ASSERT_EQUAL(ev.payload, HL_PAYLOAD_HEALTH);
	CU_ASSERT_EQUAL(ev.mask, 0x1ff);
	CU_ASSERT_EQUAL(ev.gen, 0xdeadbeef);
	CU_ASSERT_EQUAL(ev.ino, 0x8000000000000083ULL);

	for (uint32_t d = 5; d <= 7; d++) {
		raw_header(rec, d, 7, 1);
		put64(rec, 16, 0xffffffffffffff00ULL);
		put64(rec, 24, 0x800);
		CU_ASSERT_EQUAL(hl_event_decode(rec, sizeof(rec), &ev), 0);
		CU_ASSERT_EQUAL(ev.payload, HL_PAYLOAD_MEDIA);
		CU_ASSERT_EQUAL(ev.daddr, 0xffffffffffffff00ULL);
		CU_ASSERT_EQUAL(ev.bbcount, 0x800);
	}

	raw_header(rec, 8, 10, 1);
	put64(rec, 16, 4096);
	put64(rec, 24, 65536);
	put64(rec, 32, 131);
	put32(rec, 40, 0xdeadbeef);
	put32(rec, 44, 61);
	CU_ASSERT_EQUAL(hl_event_decode(rec, sizeof(rec), &ev), 0);
	CU_ASSERT_EQUAL(ev.payload, HL_PAYLOAD_FILERANGE);
	CU_ASSERT_EQUAL(ev.pos, 4096);
	CU_ASSERT_EQUAL(ev.len, 65536);
	CU_ASSERT_EQUAL(ev.ino, 131);
	CU_ASSERT_EQUAL(ev.gen, 0xdeadbeef);
	CU_ASSERT_EQUAL(ev.error, 61);
}

/* An impossible type in a health domain still brings its mask along. */
static void
test_decode_impossible_type(void)
{
	unsigned char rec[HL_EVENT_SIZE];
	struct hl_event ev;

	raw_header(rec, 1, 7, 1);
	put32(rec, 16, 0x1);
	CU_ASSERT_EQUAL(hl_event_decode(rec, sizeof(rec), &ev), 0);
	CU_ASSERT_EQUAL(ev.payload, HL_PAYLOAD_HEALTH);
	CU_ASSERT_EQUAL(ev.mask, 0x1);

	/* A mount event of an unknown type has no payload. */
	raw_header(rec, 0, 9, 1);
	put64(rec, 16, 77);
	CU_ASSERT_EQUAL(hl_event_decode(rec, sizeof(rec), &ev), 0);
	CU_ASSERT_EQUAL(ev.payload, HL_PAYLOAD_NONE);
	CU_ASSERT_EQUAL(ev.count, 0);
	CU_ASSERT_EQUAL(ev.mask, 0);
}

static void
test_decode_args(void)
{
	unsigned char rec[HL_EVENT_SIZE + 1] = {0};
	struct hl_event ev;

	CU_ASSERT_EQUAL(hl_event_decode(rec, 63, &ev), -EINVAL);
	CU_ASSERT_EQUAL(hl_event_decode(rec, 65, &ev), -EINVAL);
	CU_ASSERT_EQUAL(hl_event_decode(rec, 0, &ev), -EINVAL);
	CU_ASSERT_EQUAL(hl_event_decode(NULL, 64, &ev), -EINVAL);
	CU_ASSERT_EQUAL(hl_event_decode(rec, 64, NULL), -EINVAL);
	CU_ASSERT_EQUAL(hl_event_encode(&ev, rec, 63), -EINVAL);
	CU_ASSERT_EQUAL(hl_event_encode(&ev, rec, 65), -EINVAL);
	CU_ASSERT_EQUAL(hl_event_encode(NULL, rec, 64), -EINVAL);
	CU_ASSERT_EQUAL(hl_event_encode(&ev, NULL, 64), -EINVAL);
}

/* Records in a read buffer need not be aligned. */
static void
test_decode_unaligned(void)
{
	unsigned char buf[HL_EVENT_SIZE + 3];
	const struct hl_event want = sample_event(upstream_events[13]);
	struct hl_event ev;

	for (size_t off = 0; off < 4; off++) {
		CU_ASSERT_EQUAL(
			hl_event_encode(&want, buf + off, HL_EVENT_SIZE), 0);
		CU_ASSERT_EQUAL(hl_event_decode(buf + off, HL_EVENT_SIZE, &ev),
				0);
		CU_ASSERT(hl_event_equal(&ev, &want));
	}
}

static void
test_round_trip(void)
{
	unsigned char rec[HL_EVENT_SIZE], again[HL_EVENT_SIZE];
	struct hl_event ev;

	for (size_t i = 0; i < upstream_events_nr; i++) {
		struct hl_event want = sample_event(upstream_events[i]);

		memset(rec, 0xee, sizeof(rec));
		CU_ASSERT_EQUAL(hl_event_encode(&want, rec, sizeof(rec)), 0);
		/* The pad is zero, as the kernel leaves it. */
		for (size_t b = 48; b < HL_EVENT_SIZE; b++)
			CU_ASSERT_EQUAL(rec[b], 0);
		CU_ASSERT_EQUAL(hl_event_decode(rec, sizeof(rec), &ev), 0);
		CU_ASSERT(hl_event_equal(&ev, &want));
		CU_ASSERT_EQUAL(hl_event_encode(&ev, again, sizeof(again)), 0);
		CU_ASSERT_EQUAL(memcmp(rec, again, sizeof(rec)), 0);
	}
}

/* Fields the payload does not carry are not encoded. */
static void
test_encode_ignores_other_fields(void)
{
	struct hl_event ev = {
		.domain = 0,
		.type = 0,
		.time_ns = 5,
		.mask = 1,
		.count = 2,
		.ino = 3,
		.pos = 4,
		.daddr = 5,
		.error = 6,
	};
	unsigned char rec[HL_EVENT_SIZE];

	CU_ASSERT_EQUAL(hl_event_encode(&ev, rec, sizeof(rec)), 0);
	for (size_t b = 16; b < HL_EVENT_SIZE; b++)
		CU_ASSERT_EQUAL(rec[b], 0);
}

/* ---- stream reassembly --------------------------------------------------- */

#define MAX_EVENTS 64

struct collect {
	struct hl_event ev[MAX_EVENTS];
	size_t nr;
	size_t stop_after; /* 0: never stop */
	int stop_ret;
};

static int
collect_fn(const struct hl_event *ev, void *arg)
{
	struct collect *c = arg;

	if (c->nr < MAX_EVENTS)
		c->ev[c->nr] = *ev;
	c->nr++;
	if (c->stop_after && c->nr == c->stop_after)
		return c->stop_ret;
	return 0;
}

static void
check_collected(const struct collect *c)
{
	CU_ASSERT_EQUAL_FATAL(c->nr, upstream_events_nr);
	for (size_t i = 0; i < c->nr; i++) {
		struct hl_event want = sample_event(upstream_events[i]);

		CU_ASSERT(hl_event_equal(&c->ev[i], &want));
	}
}

static void
test_stream_every_chunk_size(void)
{
	unsigned char buf[MAX_EVENTS * HL_EVENT_SIZE];
	size_t total = upstream_events_nr * HL_EVENT_SIZE;

	sample_encode(upstream_events, upstream_events_nr, buf);
	for (size_t chunk = 1; chunk <= 200; chunk++) {
		struct collect c = {.nr = 0};
		struct hl_stream s;
		size_t left = 99;

		hl_stream_init(&s);
		for (size_t off = 0; off < total; off += chunk) {
			size_t n = total - off < chunk ? total - off : chunk;

			CU_ASSERT_EQUAL(hl_stream_feed(&s, buf + off, n,
						       collect_fn, &c),
					0);
		}
		check_collected(&c);
		CU_ASSERT_EQUAL(s.records, upstream_events_nr);
		CU_ASSERT_EQUAL(s.bytes, total);
		CU_ASSERT_EQUAL(hl_stream_end(&s, &left), 0);
		CU_ASSERT_EQUAL(left, 0);
	}
}

/* Ragged reads: sizes cycle through primes, with empty reads mixed in. */
static void
test_stream_ragged(void)
{
	static const size_t sizes[] = {0, 1, 63, 2, 65, 0, 127, 3, 64, 129};
	unsigned char buf[MAX_EVENTS * HL_EVENT_SIZE];
	size_t total = upstream_events_nr * HL_EVENT_SIZE;
	struct collect c = {.nr = 0};
	struct hl_stream s;

	sample_encode(upstream_events, upstream_events_nr, buf);
	hl_stream_init(&s);
	for (size_t off = 0, i = 0; off < total; i++) {
		size_t n = sizes[i % ARRAY_SIZE(sizes)];

		if (n > total - off)
			n = total - off;
		CU_ASSERT_EQUAL(
			hl_stream_feed(&s, buf + off, n, collect_fn, &c), 0);
		off += n;
	}
	check_collected(&c);
	CU_ASSERT_EQUAL(hl_stream_end(&s, NULL), 0);
}

static void
test_stream_truncated(void)
{
	unsigned char buf[4 * HL_EVENT_SIZE + 10];
	size_t total = sizeof(buf);

	sample_encode(upstream_events, 4, buf);
	memset(buf + 4 * HL_EVENT_SIZE, 0xab, 10);
	for (size_t chunk = 1; chunk <= 200; chunk++) {
		struct collect c = {.nr = 0};
		struct hl_stream s;
		size_t left = 0;

		hl_stream_init(&s);
		for (size_t off = 0; off < total; off += chunk) {
			size_t n = total - off < chunk ? total - off : chunk;

			CU_ASSERT_EQUAL(hl_stream_feed(&s, buf + off, n,
						       collect_fn, &c),
					0);
		}
		CU_ASSERT_EQUAL(c.nr, 4);
		CU_ASSERT_EQUAL(s.records, 4);
		CU_ASSERT_EQUAL(s.bytes, total);
		CU_ASSERT_EQUAL(hl_stream_end(&s, &left), -EBADMSG);
		CU_ASSERT_EQUAL(left, 10);
	}
}

static void
test_stream_empty(void)
{
	struct collect c = {.nr = 0};
	struct hl_stream s;
	size_t left = 99;

	hl_stream_init(&s);
	CU_ASSERT_EQUAL(hl_stream_feed(&s, NULL, 0, collect_fn, &c), 0);
	CU_ASSERT_EQUAL(hl_stream_end(&s, &left), 0);
	CU_ASSERT_EQUAL(left, 0);
	CU_ASSERT_EQUAL(c.nr, 0);
}

/* An empty read (NULL, 0) in the middle of a record keeps the part held. */
static void
test_stream_empty_mid_record(void)
{
	unsigned char buf[MAX_EVENTS * HL_EVENT_SIZE];
	size_t total = upstream_events_nr * HL_EVENT_SIZE;
	struct collect c = {.nr = 0};
	struct hl_stream s;
	size_t left;

	sample_encode(upstream_events, upstream_events_nr, buf);
	hl_stream_init(&s);
	CU_ASSERT_EQUAL(hl_stream_feed(&s, buf, 10, collect_fn, &c), 0);
	CU_ASSERT_EQUAL(hl_stream_feed(&s, NULL, 0, collect_fn, &c), 0);
	CU_ASSERT_EQUAL(hl_stream_end(&s, &left), -EBADMSG);
	CU_ASSERT_EQUAL(left, 10);
	CU_ASSERT_EQUAL(s.bytes, 10);
	CU_ASSERT_EQUAL(
		hl_stream_feed(&s, buf + 10, total - 10, collect_fn, &c), 0);
	check_collected(&c);
}

/* A callback's non-zero return stops the feed right after its record. */
static void
test_stream_stop(void)
{
	unsigned char buf[MAX_EVENTS * HL_EVENT_SIZE];
	size_t total = upstream_events_nr * HL_EVENT_SIZE;
	struct collect c = {.stop_after = 3, .stop_ret = 7};
	struct hl_stream s;

	sample_encode(upstream_events, upstream_events_nr, buf);
	hl_stream_init(&s);
	CU_ASSERT_EQUAL(hl_stream_feed(&s, buf, total, collect_fn, &c), 7);
	CU_ASSERT_EQUAL(c.nr, 3);
	CU_ASSERT_EQUAL(s.records, 3);
	CU_ASSERT_EQUAL(s.bytes, 3 * HL_EVENT_SIZE);
	CU_ASSERT_EQUAL(hl_stream_end(&s, NULL), 0);

	/* Resume from where it stopped: nothing is lost or repeated. */
	c.stop_after = 0;
	CU_ASSERT_EQUAL(hl_stream_feed(&s, buf + s.bytes, total - s.bytes,
				       collect_fn, &c),
			0);
	check_collected(&c);

	/* Stopping on the record that completes a carried-over part. */
	hl_stream_init(&s);
	c = (struct collect){.stop_after = 1, .stop_ret = -5};
	CU_ASSERT_EQUAL(hl_stream_feed(&s, buf, 10, collect_fn, &c), 0);
	CU_ASSERT_EQUAL(hl_stream_feed(&s, buf + 10, 100, collect_fn, &c), -5);
	CU_ASSERT_EQUAL(c.nr, 1);
	CU_ASSERT_EQUAL(s.bytes, HL_EVENT_SIZE);
	CU_ASSERT_EQUAL(hl_stream_end(&s, NULL), 0);
}

static void
test_stream_args(void)
{
	struct collect c = {.nr = 0};
	struct hl_stream s;
	unsigned char b = 0;
	size_t left = 99;

	hl_stream_init(&s);
	CU_ASSERT_EQUAL(hl_stream_feed(NULL, &b, 1, collect_fn, &c), -EINVAL);
	CU_ASSERT_EQUAL(hl_stream_feed(&s, NULL, 1, collect_fn, &c), -EINVAL);
	CU_ASSERT_EQUAL(hl_stream_feed(&s, &b, 1, NULL, &c), -EINVAL);
	CU_ASSERT_EQUAL(hl_stream_end(NULL, &left), -EINVAL);
	CU_ASSERT_EQUAL(left, 0);
}

static const struct unit_test tests[] = {
	{"payload choice", test_payload_choice},
	{"decode header", test_decode_header},
	{"decode payloads", test_decode_payloads},
	{"decode impossible type", test_decode_impossible_type},
	{"decode arguments", test_decode_args},
	{"decode unaligned", test_decode_unaligned},
	{"encode round trip", test_round_trip},
	{"encode unused fields", test_encode_ignores_other_fields},
	{"stream every chunk size", test_stream_every_chunk_size},
	{"stream ragged reads", test_stream_ragged},
	{"stream truncated", test_stream_truncated},
	{"stream empty", test_stream_empty},
	{"stream empty read mid-record", test_stream_empty_mid_record},
	{"stream stop", test_stream_stop},
	{"stream arguments", test_stream_args},
};

int
unit_register_event(void)
{
	return UNIT_ADD_SUITE("event", tests);
}
