// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * What verify_media prints: xfs_io's error line and timing report, our owner
 * lines, -v summary, progress line and -j summary.  Every line is built in
 * memory and written with one fwrite, so threads never mix lines.
 */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <linux/fsmap.h>

#include "jsonstr.h"
#include "out.h"
#include "textstr.h"

typedef void (*render_fn)(struct hl_out *o, const void *ctx);

static void __attribute__((format(printf, 2, 3)))
out_fmt(struct hl_out *o, const char *fmt, ...)
{
	char tmp[128];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	if (n < 0) {
		o->error = -EINVAL;
		return;
	}
	/* Only numbers and units come through here: 128 bytes is plenty. */
	out_mem(o, tmp, (size_t)n < sizeof(tmp) ? (size_t)n : sizeof(tmp) - 1);
}

static int
format(char *buf, size_t len, render_fn fn, const void *ctx)
{
	struct hl_out o;

	if (!buf || !len || !ctx)
		return -EINVAL;
	out_init(&o, buf, len);
	fn(&o, ctx);
	return out_finish(&o);
}

static int
emit(FILE *f, render_fn fn, const void *ctx)
{
	char stack[512], *heap = NULL;
	struct hl_out o;
	int ret = 0;

	if (!f || !ctx)
		return -EINVAL;
	out_init(&o, stack, sizeof(stack));
	fn(&o, ctx);
	if (!o.error && o.used >= o.len) {
		/* Too long for the stack: render again into a buffer that fits.
		 */
		heap = malloc(o.used + 1);
		if (!heap)
			return -ENOMEM;
		out_init(&o, heap, o.used + 1);
		fn(&o, ctx);
	}
	if (o.error) {
		ret = o.error;
	} else {
		errno = 0;
		if (fwrite(o.buf, 1, o.used, f) != o.used)
			ret = errno ? -errno : -EIO;
	}
	free(heap);
	return ret;
}

/* ---- sizes and times ----------------------------------------------------- */

static void
out_size(struct hl_out *o, double bytes)
{
	static const struct {
		int shift;
		const char *unit;
	} units[] = {
		{60, "EiB"}, {50, "PiB"}, {40, "TiB"},
		{30, "GiB"}, {20, "MiB"}, {10, "KiB"},
	};
	/* xfs_io drops the decimals only for whole byte counts below 2^31. */
	bool whole =
		bytes >= 0 && bytes <= INT_MAX && (double)(int)bytes == bytes;

	for (size_t i = 0; i < ARRAY_SIZE(units); i++) {
		double scale = (double)(1ULL << units[i].shift);

		if (bytes >= scale) {
			out_fmt(o, whole ? "%.f %s" : "%.3f %s", bytes / scale,
				units[i].unit);
			return;
		}
	}
	out_fmt(o, "%f bytes", bytes);
}

static void
out_time(struct hl_out *o, uint64_t ns)
{
	uint64_t s = ns / 1000000000;

	if (!s) {
		out_fmt(o, "0.%04u sec", (unsigned int)(ns / 100000));
		return;
	}
	out_fmt(o, "%llu:%02u:%02u.%02u", (unsigned long long)(s / 3600),
		(unsigned int)(s / 60 % 60), (unsigned int)(s % 60),
		(unsigned int)(ns % 1000000000 / 10000000));
}

struct size_ctx {
	double bytes;
};

static void
render_size(struct hl_out *o, const void *ctx)
{
	out_size(o, ((const struct size_ctx *)ctx)->bytes);
}

int
hl_format_size(char *buf, size_t len, double bytes)
{
	return format(buf, len, render_size, &(struct size_ctx){bytes});
}

static void
render_time(struct hl_out *o, const void *ctx)
{
	out_time(o, *(const uint64_t *)ctx);
}

int
hl_format_time(char *buf, size_t len, uint64_t ns)
{
	return format(buf, len, render_time, &ns);
}

/* Seconds, never zero: a rate over no time at all is not a number. */
static double
seconds(uint64_t ns)
{
	return (ns < 1000 ? 1000 : ns) / 1e9;
}

static uint64_t
bytes_of(uint64_t sectors)
{
	return sectors > UINT64_MAX >> HL_BBSHIFT ? UINT64_MAX
						  : sectors << HL_BBSHIFT;
}

static void
out_device(struct hl_out *o, uint32_t dev)
{
	const char *name = hl_name_of(hl_device_names(), dev);

	if (name) {
		out_str(o, name);
	} else {
		out_lit(o, "dev");
		out_dec(o, dev);
	}
}

static void
out_error(struct hl_out *o, int error)
{
	char buf[64];

	out_str(o, out_errtext(error, buf, sizeof(buf)));
}

/* ---- the error and owner lines ------------------------------------------- */

struct error_ctx {
	uint32_t dev;
	const struct hl_bad_range *bad;
};

static void
render_error(struct hl_out *o, const void *ctx)
{
	const struct error_ctx *e = ctx;

	out_device(o, e->dev);
	out_lit(o, ": verify error at offset ");
	out_dec(o, bytes_of(e->bad->start));
	out_lit(o, " length ");
	out_dec(o, bytes_of(e->bad->end - e->bad->start));
	out_lit(o, ": ");
	out_error(o, e->bad->error);
	out_char(o, '\n');
}

int
hl_media_error_format(char *buf, size_t len, uint32_t dev,
		      const struct hl_bad_range *bad)
{
	if (!bad)
		return -EINVAL;
	return format(buf, len, render_error, &(struct error_ctx){dev, bad});
}

int
hl_media_error_write(FILE *f, uint32_t dev, const struct hl_bad_range *bad)
{
	if (!bad)
		return -EINVAL;
	return emit(f, render_error, &(struct error_ctx){dev, bad});
}

static const char *
owner_name(const struct hl_media_owner *m)
{
	const char *name = hl_name_of(hl_fsmap_owner_names(), m->owner);

	return name ? name : "unknown owner";
}

static void
render_owner(struct hl_out *o, const void *ctx)
{
	const struct hl_media_owner *m = ctx;

	out_lit(o, "  offset ");
	out_dec(o, m->offset);
	out_lit(o, " length ");
	out_dec(o, m->length);
	out_lit(o, ": ");
	if (m->kind != HL_OWNER_FILE) {
		out_str(o, owner_name(m));
		out_char(o, '\n');
		return;
	}
	out_lit(o, "ino ");
	out_dec(o, m->owner);
	if (m->flags & FMR_OF_ATTR_FORK)
		out_lit(o, " attr");
	if (m->flags & FMR_OF_EXTENT_MAP) {
		out_lit(o, " extent map");
	} else {
		out_lit(o, " pos ");
		out_dec(o, m->pos);
	}
	if (m->flags & FMR_OF_PREALLOC)
		out_lit(o, " unwritten");
	/* Last, so a path with blanks still ends the line. */
	if (m->path) {
		out_lit(o, " path ");
		out_text(o, m->path);
	}
	out_char(o, '\n');
}

int
hl_media_owner_format(char *buf, size_t len, const struct hl_media_owner *o)
{
	return format(buf, len, render_owner, o);
}

int
hl_media_owner_write(FILE *f, const struct hl_media_owner *o)
{
	return emit(f, render_owner, o);
}

/* ---- reports ------------------------------------------------------------- */

static void
out_rate(struct hl_out *o, const struct hl_verify_stats *s)
{
	out_size(o, bytes_of(s->verified) / seconds(s->elapsed_ns));
	out_lit(o, "/sec");
}

static void
render_timing(struct hl_out *o, const void *ctx)
{
	const struct hl_verify_stats *s = ctx;
	uint64_t total = s->end > s->start ? s->end - s->start : 0;

	out_lit(o, "verified ");
	out_dec(o, bytes_of(total));
	out_char(o, '/');
	out_dec(o, bytes_of(s->verified));
	out_lit(o, " bytes at offset ");
	out_dec(o, bytes_of(s->start));
	out_char(o, '\n');

	out_size(o, bytes_of(s->verified));
	out_lit(o, ", ");
	out_dec(o, s->calls);
	out_lit(o, " ops; ");
	out_time(o, s->elapsed_ns);
	out_lit(o, " (");
	out_rate(o, s);
	out_fmt(o, " and %.4f ops/sec)\n", s->calls / seconds(s->elapsed_ns));
}

int
hl_verify_timing_write(FILE *f, const struct hl_verify_stats *s)
{
	return emit(f, render_timing, s);
}

static void
render_summary(struct hl_out *o, const void *ctx)
{
	const struct hl_verify_stats *s = ctx;
	uint64_t total = s->end > s->start ? s->end - s->start : 0;

	out_device(o, s->dev);
	out_lit(o, ": range offset ");
	out_dec(o, bytes_of(s->start));
	out_lit(o, " length ");
	out_dec(o, bytes_of(total));
	if (s->in_use != total) {
		out_lit(o, ", ");
		out_dec(o, bytes_of(s->in_use));
		out_lit(o, " bytes in use");
	}
	out_char(o, '\n');

	out_device(o, s->dev);
	out_lit(o, ": verified ");
	out_dec(o, bytes_of(s->verified));
	out_lit(o, " bytes in ");
	out_dec(o, s->calls);
	out_lit(o, " calls\n");

	out_device(o, s->dev);
	out_lit(o, ": bad ranges ");
	out_dec(o, s->nr_bad);
	out_lit(o, ", ");
	out_dec(o, bytes_of(s->bad));
	out_lit(o, " bytes\n");

	out_device(o, s->dev);
	out_lit(o, ": elapsed ");
	out_time(o, s->elapsed_ns);
	out_lit(o, ", ");
	out_rate(o, s);
	out_char(o, '\n');
}

int
hl_verify_summary_write(FILE *f, const struct hl_verify_stats *s)
{
	return emit(f, render_summary, s);
}

struct progress_ctx {
	const struct hl_verify_stats *s;
	uint64_t done, total;
};

static void
render_progress(struct hl_out *o, const void *ctx)
{
	const struct progress_ctx *p = ctx;
	double secs = seconds(p->s->elapsed_ns);
	double rate = bytes_of(p->done) / secs;

	out_device(o, p->s->dev);
	out_fmt(o, ": %.1f%% done, ",
		p->total ? 100.0 * p->done / p->total : 100.0);
	out_size(o, rate);
	out_lit(o, "/sec, ETA ");
	if (p->done && p->total > p->done)
		out_time(o, (uint64_t)(secs * (p->total - p->done) / p->done *
				       1e9));
	else if (p->done)
		out_time(o, 0);
	else
		out_lit(o, "unknown");
}

int
hl_verify_progress_format(char *buf, size_t len,
			  const struct hl_verify_stats *s, uint64_t done,
			  uint64_t total)
{
	if (!s)
		return -EINVAL;
	return format(buf, len, render_progress,
		      &(struct progress_ctx){s, done, total});
}

/* ---- JSON ---------------------------------------------------------------- */

struct json_ctx {
	const char *file;
	const struct hl_verify_stats *s;
	const struct hl_media_bad *bad;
	size_t nr_bad;
	bool mapped;
};

static void
num(struct hl_out *o, const char *key, uint64_t v, bool first)
{
	if (!first)
		out_char(o, ',');
	out_char(o, '"');
	out_str(o, key);
	out_lit(o, "\":");
	out_dec(o, v);
}

static void
boolean(struct hl_out *o, const char *key, bool v)
{
	out_lit(o, ",\"");
	out_str(o, key);
	out_lit(o, "\":");
	if (v)
		out_lit(o, "true");
	else
		out_lit(o, "false");
}

/* strerror texts and table names are plain ASCII without quotes. */
static void
string(struct hl_out *o, const char *key, const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p < 0x20 || *p > 0x7e || *p == '"' || *p == '\\') {
			out_json_members(o, key, s);
			return;
		}
	}
	out_lit(o, ",\"");
	out_str(o, key);
	out_lit(o, "\":\"");
	out_str(o, s);
	out_char(o, '"');
}

static void
json_owner(struct hl_out *o, const struct hl_media_owner *m)
{
	static const char *const kinds[] = {
		[HL_OWNER_FILE] = "file",
		[HL_OWNER_METADATA] = "metadata",
		[HL_OWNER_FREE] = "free",
	};

	out_char(o, '{');
	num(o, "offset", m->offset, true);
	num(o, "length", m->length, false);
	string(o, "kind", m->kind < ARRAY_SIZE(kinds) ? kinds[m->kind] : "?");
	if (m->kind != HL_OWNER_FILE) {
		string(o, "owner", owner_name(m));
		out_char(o, '}');
		return;
	}
	num(o, "ino", m->owner, false);
	string(o, "fork", m->flags & FMR_OF_ATTR_FORK ? "attr" : "data");
	boolean(o, "extent_map", m->flags & FMR_OF_EXTENT_MAP);
	if (!(m->flags & FMR_OF_EXTENT_MAP))
		num(o, "pos", m->pos, false);
	boolean(o, "unwritten", m->flags & FMR_OF_PREALLOC);
	boolean(o, "shared", m->flags & FMR_OF_SHARED);
	if (m->path)
		out_json_members(o, "path", m->path);
	out_char(o, '}');
}

static void
json_bad(struct hl_out *o, const struct hl_media_bad *b, bool mapped)
{
	char buf[64];

	out_char(o, '{');
	num(o, "offset", bytes_of(b->range.start), true);
	num(o, "length", bytes_of(b->range.end - b->range.start), false);
	num(o, "errno", (uint64_t)b->range.error, false);
	string(o, "error", out_errtext(b->range.error, buf, sizeof(buf)));
	if (mapped) {
		out_lit(o, ",\"owners\":[");
		for (size_t i = 0; i < b->nr_owners; i++) {
			if (i)
				out_char(o, ',');
			json_owner(o, &b->owners[i]);
		}
		out_char(o, ']');
		if (b->owner_error)
			string(o, "owners_error",
			       out_errtext(-b->owner_error, buf, sizeof(buf)));
	}
	out_char(o, '}');
}

static void
render_json(struct hl_out *o, const void *ctx)
{
	const struct json_ctx *j = ctx;
	const struct hl_verify_stats *s = j->s;
	const char *dev = hl_name_of(hl_device_names(), s->dev);
	uint64_t total = s->end > s->start ? s->end - s->start : 0;

	out_char(o, '{');
	if (dev) {
		out_lit(o, "\"device\":\"");
		out_str(o, dev);
		out_char(o, '"');
	} else {
		num(o, "device", s->dev, true);
	}
	out_json_members(o, "file", j->file);
	num(o, "offset", bytes_of(s->start), false);
	num(o, "length", bytes_of(total), false);
	num(o, "in_use", bytes_of(s->in_use), false);
	num(o, "verified", bytes_of(s->verified), false);
	num(o, "bad_bytes", bytes_of(s->bad), false);
	num(o, "calls", s->calls, false);
	num(o, "elapsed_ns", s->elapsed_ns, false);
	if (s->error) {
		char buf[64];

		num(o, "ioctl_errno", (uint64_t)s->error, false);
		string(o, "ioctl_error",
		       out_errtext(s->error, buf, sizeof(buf)));
	}
	if (s->signal) {
		const char *abbrev = sigabbrev_np(s->signal);

		out_lit(o, ",\"stopped_by\":\"SIG");
		out_str(o, abbrev ? abbrev : "?");
		out_char(o, '"');
	}
	if (s->unfinished && !s->signal)
		out_lit(o, ",\"stopped_by\":\"time limit\"");
	out_lit(o, ",\"bad_ranges\":[");
	for (size_t i = 0; i < j->nr_bad; i++) {
		if (i)
			out_char(o, ',');
		json_bad(o, &j->bad[i], j->mapped);
	}
	out_lit(o, "]}\n");
}

int
hl_verify_json_write(FILE *f, const char *file, const struct hl_verify_stats *s,
		     const struct hl_media_bad *bad, size_t nr_bad, bool mapped)
{
	if (!file || !s || (nr_bad && !bad))
		return -EINVAL;
	return emit(f, render_json,
		    &(struct json_ctx){file, s, bad, nr_bad, mapped});
}
