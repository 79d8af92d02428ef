// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Event records: every 64-byte record decoded, encoded back, rendered as
 * text and JSON into buffers big and small; then the same bytes fed to the
 * stream reassembly in chunks of every size, once to the end and once
 * stopped at a record.
 *
 * Input: flags, mount point, path (NUL-ended), chunk seed, small-buffer
 * length, stop record; the rest is the stream.
 */
#include <errno.h>
#include <string.h>
#include <json-c/json.h>

#include "fuzz.h"
#include "health.h"
#include "xfs_health_abi.h"

enum {
	F_PATH = 1 << 0,      /* set r->path (inode and file events) */
	F_UNALIGNED = 1 << 1, /* decode from an odd address */
};

static char line[HL_LINE_MAX], small[HL_LINE_MAX];
static FILE *devnull;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	devnull = fopen("/dev/null", "w");
	if (!devnull)
		abort();
	return 0;
}

typedef int (*format_fn)(char *buf, size_t len, const struct hl_event *ev,
			 const struct hl_render *r);

/*
 * A whole line, then the same into @cut bytes: cut text is the line's
 * prefix, terminated, with -ENOSPC.
 */
static int
check_format(format_fn fmt, const struct hl_event *ev,
	     const struct hl_render *r, size_t cut)
{
	int n = fmt(line, sizeof(line), ev, r), m;

	FZ_CHECK(n > 0 && (size_t)n < sizeof(line));
	FZ_CHECK(strlen(line) == (size_t)n && line[n - 1] == '\n');

	cut = cut % (n + 2) + 1; /* 1 .. n + 2 */
	m = fmt(small, cut, ev, r);
	if (cut > (size_t)n) {
		FZ_CHECK(m == n && !strcmp(small, line));
	} else {
		FZ_CHECK(m == -ENOSPC);
		FZ_CHECK(strlen(small) == cut - 1 &&
			 !memcmp(small, line, cut - 1));
	}
	return n;
}

static void
check_record(const uint8_t *rec, const struct hl_render *r, size_t cut)
{
	uint8_t again[HL_EVENT_SIZE];
	struct hl_event ev, ev2;
	json_object *obj;
	int n;

	FZ_CHECK(hl_event_decode(rec, HL_EVENT_SIZE, &ev) == 0);
	FZ_CHECK(ev.payload == hl_event_payload(ev.domain, ev.type));

	/* What the decoder kept survives a round trip. */
	FZ_CHECK(hl_event_encode(&ev, again, sizeof(again)) == 0);
	FZ_CHECK(hl_event_decode(again, sizeof(again), &ev2) == 0);
	FZ_CHECK(hl_event_equal(&ev, &ev2));

	check_format(hl_event_format_text, &ev, r, cut);
	n = check_format(hl_event_format_json, &ev, r, cut);
	obj = fz_json_line(line, n);
	FZ_CHECK(obj);
	fz_check_json_string(obj, "mount", r->mountpoint);
	/* Only inode and file events name a file. */
	if (r->path && (ev.domain == XFS_HEALTH_MONITOR_DOMAIN_INODE ||
			ev.domain == XFS_HEALTH_MONITOR_DOMAIN_FILERANGE))
		fz_check_json_string(obj, "path", r->path);
	json_object_put(obj);

	FZ_CHECK(hl_event_write_text(devnull, &ev, r) == 0);
	FZ_CHECK(hl_event_write_json(devnull, &ev, r) == 0);
}

/* What the stream callback compares against. */
struct feed {
	const uint8_t *stream;
	uint64_t seen;
	uint64_t stop_at; /* 1-based record that stops the feed; 0: none */
};

static int
take_event(const struct hl_event *ev, void *arg)
{
	struct feed *f = arg;
	struct hl_event want;

	FZ_CHECK(hl_event_decode(f->stream + f->seen * HL_EVENT_SIZE,
				 HL_EVENT_SIZE, &want) == 0);
	FZ_CHECK(hl_event_equal(ev, &want));
	f->seen++;
	return f->seen == f->stop_at ? 7 : 0;
}

/* Feed @len bytes in random chunks; returns the feed's first non-zero. */
static int
feed_chunks(struct hl_stream *s, struct feed *f, size_t len, uint32_t seed)
{
	size_t off = 0;

	while (off < len) {
		size_t n = fz_rand(&seed) % 200;
		int ret;

		if (n > len - off)
			n = len - off;
		ret = hl_stream_feed(s, n ? f->stream + off : NULL, n,
				     take_event, f);
		if (ret)
			return ret;
		off += n;
	}
	return 0;
}

static void
check_stream(const uint8_t *stream, size_t len, uint32_t seed, uint64_t stop_at)
{
	uint64_t nrec = len / HL_EVENT_SIZE;
	struct feed f = {.stream = stream};
	struct hl_stream s;
	size_t left;

	hl_stream_init(&s);
	FZ_CHECK(feed_chunks(&s, &f, len, seed) == 0);
	FZ_CHECK(f.seen == nrec && s.records == nrec && s.bytes == len);
	FZ_CHECK(hl_stream_end(&s, &left) ==
		 (len % HL_EVENT_SIZE ? -EBADMSG : 0));
	FZ_CHECK(left == len % HL_EVENT_SIZE);

	/* Stopped at record k: exactly k records' bytes consumed. */
	if (!nrec)
		return;
	f = (struct feed){.stream = stream, .stop_at = stop_at % nrec + 1};
	hl_stream_init(&s);
	FZ_CHECK(feed_chunks(&s, &f, len, seed ^ 0x5a5a) == 7);
	FZ_CHECK(f.seen == f.stop_at && s.records == f.stop_at);
	FZ_CHECK(s.bytes == f.stop_at * HL_EVENT_SIZE);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fz_in in = {data, size};
	uint8_t flags = fz_u8(&in);
	char *mnt = fz_str(&in, 300);
	char *path = fz_str(&in, 300);
	uint32_t seed = fz_u32(&in);
	size_t cut = fz_u32(&in);
	uint64_t stop_at = fz_u8(&in);
	struct hl_render r;
	uint8_t *copy;

	FZ_CHECK(hl_render_init(&r, mnt) == 0);
	if (flags & F_PATH)
		r.path = path;

	/* Records at an odd address: the decoder must not assume alignment. */
	copy = malloc(in.left + 1);
	if (!copy)
		abort();
	if (in.left)
		memcpy(copy + !!(flags & F_UNALIGNED), in.p, in.left);
	for (size_t off = 0; off + HL_EVENT_SIZE <= in.left;
	     off += HL_EVENT_SIZE)
		check_record(copy + !!(flags & F_UNALIGNED) + off, &r, cut);
	FZ_CHECK(hl_event_decode(copy, HL_EVENT_SIZE - 1, NULL) == -EINVAL);

	check_stream(copy + !!(flags & F_UNALIGNED), in.left, seed, stop_at);

	free(copy);
	hl_render_free(&r);
	free(mnt);
	free(path);
	return 0;
}
