// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * A media scan's checkpoint as text: a line per fact, every done range and
 * bad range, and a checksum of all of it, so that a damaged or edited file
 * is refused rather than resumed into a wrong report.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "xfs_health_abi.h"

#define MAGIC	 "xfs_health media checkpoint"
#define MAX_WORDS 6
#define SUM_LINE_LEN 21 /* "sum " and 16 hex digits and a newline */

/* FNV-1a: enough to tell a damaged file; this is no defence against forgery. */
static uint64_t
checksum(const char *buf, size_t len)
{
	uint64_t h = 0xcbf29ce484222325ULL;

	for (size_t i = 0; i < len; i++) {
		h ^= (unsigned char)buf[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

/* ---- writing ------------------------------------------------------------- */

struct text {
	char *buf;
	size_t len, alloc;
	int error;
};

static void __attribute__((format(printf, 2, 3)))
put(struct text *t, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (t->error)
		return;
	for (;;) {
		va_start(ap, fmt);
		n = vsnprintf(t->buf + t->len, t->alloc - t->len, fmt, ap);
		va_end(ap);
		if (n < 0) {
			t->error = -EINVAL;
			return;
		}
		if ((size_t)n < t->alloc - t->len)
			break;
		size_t want = t->alloc * 2 > t->len + n + 1 ? t->alloc * 2
							     : t->len + n + 1;
		char *p = realloc(t->buf, want);

		if (!p) {
			t->error = -ENOMEM;
			return;
		}
		t->buf = p;
		t->alloc = want;
	}
	t->len += n;
}

int
hl_media_ckpt_format(const struct hl_media_ckpt *c, char **buf, size_t *len)
{
	const char *dev = hl_name_of(hl_device_names(), c->dev);
	struct text t = {.alloc = 1024};
	char uuid[40];

	if (!dev || hl_uuid_format(c->uuid, uuid, sizeof(uuid)))
		return -EINVAL;
	t.buf = malloc(t.alloc);
	if (!t.buf)
		return -ENOMEM;
	put(&t, "%s %d\n", MAGIC, HL_CKPT_VERSION);
	put(&t, "uuid %s\n", uuid);
	put(&t, "device %s\n", dev);
	put(&t, "range %" PRIu64 " %" PRIu64 "\n", c->start, c->end);
	put(&t, "used-only %d\n", c->used_only);
	put(&t, "io-sectors %" PRIu32 "\n", c->io_sectors);
	put(&t, "state %s\n", c->finished ? "finished" : "scanning");
	put(&t, "started %" PRId64 "\n", c->started);
	put(&t, "updated %" PRId64 "\n", c->updated);
	put(&t, "counts %" PRIu64 " %" PRIu64 " %" PRIu64 " %" PRIu64 "\n",
	    c->verified, c->bad, c->calls, c->elapsed_ns);
	for (size_t i = 0; i < c->done.nr; i++)
		put(&t, "done %" PRIu64 " %" PRIu64 "\n", c->done.ranges[i].start,
		    c->done.ranges[i].end);
	for (size_t i = 0; i < c->found.nr; i++)
		put(&t, "bad %" PRIu64 " %" PRIu64 " %d\n",
		    c->found.ranges[i].start, c->found.ranges[i].end,
		    c->found.ranges[i].error);
	put(&t, "sum %016" PRIx64 "\n", checksum(t.buf, t.len));
	/* A file the reader would refuse is not written at all. */
	if (!t.error && t.len > HL_CKPT_MAX_SIZE)
		t.error = -EFBIG;
	if (t.error) {
		free(t.buf);
		return t.error;
	}
	*buf = t.buf;
	*len = t.len;
	return 0;
}

/* ---- reading ------------------------------------------------------------- */

/* Split a line at single spaces; false if it has more than MAX_WORDS. */
static bool
split(char *line, char **w, size_t *nr)
{
	*nr = 0;
	for (char *p = line; p;) {
		if (*nr == MAX_WORDS)
			return false;
		w[(*nr)++] = p;
		p = strchr(p, ' ');
		if (p)
			*p++ = '\0';
	}
	return true;
}

static bool
number(const char *s, uint64_t max, uint64_t *v)
{
	/* Decimal only: a leading 0 would read as octal. */
	if (s[0] == '0' && s[1])
		return false;
	return hl_parse_u64(s, max, v) == 0;
}

/* A lower-case hex digit's value, or -1. */
static int
hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

static bool
parse_uuid(const char *s, unsigned char *u)
{
	static const int dash[] = {8, 13, 18, 23};
	size_t d = 0, n = 0;

	if (strlen(s) != 36)
		return false;
	for (size_t i = 0; i < 36; i++) {
		int hi, lo;

		if (d < 4 && (int)i == dash[d]) {
			if (s[i] != '-')
				return false;
			d++;
			continue;
		}
		hi = hex_digit(s[i]);
		lo = hex_digit(s[i + 1]);
		if (hi < 0 || lo < 0)
			return false;
		u[n++] = hi << 4 | lo;
		i++;
	}
	return n == 16;
}

/* Which header lines were seen; each must come once, in this order. */
enum field {
	F_UUID,
	F_DEVICE,
	F_RANGE,
	F_USED,
	F_IO,
	F_STATE,
	F_STARTED,
	F_UPDATED,
	F_COUNTS,
	F_NR,
};

static const char *const field_words[F_NR] = {
	"uuid",	   "device",  "range",	 "used-only", "io-sectors",
	"state",   "started", "updated", "counts",
};

static bool
header_line(struct hl_media_ckpt *c, enum field f, char **w, size_t nr)
{
	uint64_t v[4];

	switch (f) {
	case F_UUID:
		return nr == 2 && parse_uuid(w[1], c->uuid);
	case F_DEVICE:
		if (nr != 2 || hl_value_of(hl_device_names(), w[1], &v[0]))
			return false;
		c->dev = v[0];
		return true;
	case F_RANGE:
		if (nr != 3 || !number(w[1], UINT64_MAX, &v[0]) ||
		    !number(w[2], UINT64_MAX, &v[1]) || v[0] > v[1])
			return false;
		c->start = v[0];
		c->end = v[1];
		return true;
	case F_USED:
		if (nr != 2 || !number(w[1], 1, &v[0]))
			return false;
		c->used_only = v[0];
		return true;
	case F_IO:
		if (nr != 2 || !number(w[1], UINT32_MAX, &v[0]) || !v[0])
			return false;
		c->io_sectors = v[0];
		return true;
	case F_STATE:
		if (nr != 2)
			return false;
		c->finished = !strcmp(w[1], "finished");
		return c->finished || !strcmp(w[1], "scanning");
	case F_STARTED:
	case F_UPDATED:
		if (nr != 2 || !number(w[1], INT64_MAX, &v[0]))
			return false;
		*(f == F_STARTED ? &c->started : &c->updated) = v[0];
		return true;
	case F_COUNTS:
		if (nr != 5)
			return false;
		for (int i = 0; i < 4; i++)
			if (!number(w[i + 1], UINT64_MAX, &v[i]))
				return false;
		c->verified = v[0];
		c->bad = v[1];
		c->calls = v[2];
		c->elapsed_ns = v[3];
		return true;
	default:
		return false;
	}
}

/* A range line: inside the scan's range and after the one before it. */
static bool
range_line(const struct hl_media_ckpt *c, char **w, size_t nr, size_t want,
	   uint64_t after, uint64_t *start, uint64_t *end)
{
	if (nr != want || !number(w[1], UINT64_MAX, start) ||
	    !number(w[2], UINT64_MAX, end))
		return false;
	return *start < *end && *start >= c->start && *end <= c->end &&
	       *start >= after;
}

/* Is every bad range inside a done range?  Both lists are sorted. */
static bool
found_inside_done(const struct hl_media_ckpt *c)
{
	size_t d = 0;

	for (size_t i = 0; i < c->found.nr; i++) {
		const struct hl_bad_range *b = &c->found.ranges[i];

		while (d < c->done.nr && c->done.ranges[d].end <= b->start)
			d++;
		if (d == c->done.nr || c->done.ranges[d].start > b->start ||
		    c->done.ranges[d].end < b->end)
			return false;
	}
	return true;
}

static int
parse_lines(char *text, struct hl_media_ckpt *c)
{
	unsigned int next = 0; /* header fields come in order */
	uint64_t done_end = 0, bad_end = 0, bad_sectors = 0, done_sectors = 0;
	bool first = true;

	for (char *line = text, *nl; *line; line = nl + 1) {
		char *w[MAX_WORDS];
		size_t nr;

		nl = strchr(line, '\n');
		if (!nl)
			return -EBADMSG; /* cut short */
		*nl = '\0';
		if (!split(line, w, &nr))
			return -EBADMSG;
		if (first) { /* the version line, read already */
			first = false;
			continue;
		}
		if (next < F_NR) {
			if (strcmp(w[0], field_words[next]) ||
			    !header_line(c, next, w, nr))
				return -EBADMSG;
			next++;
			continue;
		}
		if (!strcmp(w[0], "done")) {
			struct hl_daddr_range r;

			/* Ranges apart, in order: no bridge may join them. */
			if (c->found.nr ||
			    !range_line(c, w, nr, 3,
					done_end + !!c->done.nr, &r.start,
					&r.end) ||
			    hl_range_list_add(&c->done, r.start, r.end, 0))
				return -EBADMSG;
			done_end = r.end;
			done_sectors += r.end - r.start;
		} else if (!strcmp(w[0], "bad")) {
			struct hl_bad_range b;
			uint64_t err;

			if (!range_line(c, w, nr, 4, bad_end, &b.start,
					&b.end) ||
			    !number(w[3], 4095, &err) || !err)
				return -EBADMSG;
			b.error = err;
			bad_end = b.end;
			bad_sectors += b.end - b.start;
			if (hl_bad_list_add(&c->found, &b))
				return -ENOMEM;
		} else {
			return -EBADMSG;
		}
	}
	if (next < F_NR)
		return -EBADMSG;
	/* The counts must agree with the ranges they came from. */
	if (c->bad != bad_sectors || c->verified + c->bad > done_sectors ||
	    !found_inside_done(c))
		return -EBADMSG;
	return 0;
}

/* The version on the first line, or -EBADMSG if it is not our file. */
static int
version_of(const char *buf, size_t len)
{
	size_t m = sizeof(MAGIC) - 1;
	const char *nl = memchr(buf, '\n', len);
	char digits[12];
	uint64_t v;

	if (!nl || (size_t)(nl - buf) <= m + 1 ||
	    (size_t)(nl - buf) - m - 1 >= sizeof(digits) ||
	    memcmp(buf, MAGIC " ", m + 1))
		return -EBADMSG;
	memcpy(digits, buf + m + 1, nl - buf - m - 1);
	digits[nl - buf - m - 1] = '\0';
	if (!number(digits, INT32_MAX, &v))
		return -EBADMSG;
	return v;
}

int
hl_media_ckpt_parse(const char *buf, size_t len, struct hl_media_ckpt *c)
{
	const char *sum_line;
	uint64_t sum;
	char *text;
	int error;

	memset(c, 0, sizeof(*c));
	if (!buf || len > HL_CKPT_MAX_SIZE || memchr(buf, '\0', len))
		return -EBADMSG;
	error = version_of(buf, len);
	if (error < 0)
		return error;
	if (error != HL_CKPT_VERSION)
		return -EPROTONOSUPPORT;
	/* The checksum line is last and covers everything before it. */
	if (len < SUM_LINE_LEN + 1 || buf[len - 1] != '\n')
		return -EBADMSG;
	sum_line = buf + len - SUM_LINE_LEN;
	if (strncmp(sum_line, "sum ", 4) || sum_line[-1] != '\n')
		return -EBADMSG;
	sum = 0;
	for (int i = 4; i < 20; i++) {
		int v = hex_digit(sum_line[i]);

		if (v < 0)
			return -EBADMSG;
		sum = sum << 4 | v;
	}
	if (sum != checksum(buf, sum_line - buf))
		return -EBADMSG;
	text = strndup(buf, sum_line - buf);
	if (!text)
		return -ENOMEM;
	error = parse_lines(text, c);
	free(text);
	if (error)
		hl_media_ckpt_free(c);
	return error;
}

void
hl_media_ckpt_free(struct hl_media_ckpt *c)
{
	hl_range_list_free(&c->done);
	hl_bad_list_free(&c->found);
	memset(c, 0, sizeof(*c));
}
