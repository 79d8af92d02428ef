// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Media scans that stop and resume: durations and times of day, the rate's
 * schedule, range subtraction, the checkpoint text (round trip, damage,
 * versions, inconsistencies) and the disks under a device in a made-up
 * sysfs.
 */
#include <errno.h>
#include <stdarg.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "unit.h"
#include "xfs_health_abi.h"

#define SEC 1000000000ULL

static void
test_duration(void)
{
	uint64_t v = 7;

	CU_ASSERT_EQUAL(hl_parse_duration("90", 1000, &v), 0);
	CU_ASSERT_EQUAL(v, 90);
	CU_ASSERT_EQUAL(hl_parse_duration("30m", 86400, &v), 0);
	CU_ASSERT_EQUAL(v, 1800);
	CU_ASSERT_EQUAL(hl_parse_duration("6h", 86400, &v), 0);
	CU_ASSERT_EQUAL(v, 21600);
	CU_ASSERT_EQUAL(hl_parse_duration("2d", 86400 * 3, &v), 0);
	CU_ASSERT_EQUAL(v, 172800);
	CU_ASSERT_EQUAL(hl_parse_duration("5s", 10, &v), 0);
	CU_ASSERT_EQUAL(v, 5);
	v = 7;
	CU_ASSERT_EQUAL(hl_parse_duration("0", 10, &v), -EINVAL);
	CU_ASSERT_EQUAL(hl_parse_duration("", 10, &v), -EINVAL);
	CU_ASSERT_EQUAL(hl_parse_duration("-1", 10, &v), -EINVAL);
	CU_ASSERT_EQUAL(hl_parse_duration("1x", 10, &v), -EINVAL);
	CU_ASSERT_EQUAL(hl_parse_duration("1hh", 99999, &v), -EINVAL);
	CU_ASSERT_EQUAL(hl_parse_duration(" 1", 10, &v), -EINVAL);
	CU_ASSERT_EQUAL(hl_parse_duration("11", 10, &v), -ERANGE);
	CU_ASSERT_EQUAL(hl_parse_duration("99999999999999999999", 10, &v),
			-ERANGE);
	CU_ASSERT_EQUAL(hl_parse_duration("9999999999999999d", UINT64_MAX, &v),
			-ERANGE);
	CU_ASSERT_EQUAL(v, 7);
}

static void
test_until(void)
{
	struct tm tm = {.tm_year = 126, .tm_mon = 11, .tm_mday = 6,
			.tm_hour = 4, .tm_min = 30, .tm_isdst = -1};
	time_t now, t = 0;
	char *tz = getenv("TZ") ? strdup(getenv("TZ")) : NULL;

	setenv("TZ", "UTC", 1);
	tzset();
	now = mktime(&tm);
	CU_ASSERT_EQUAL(hl_parse_until("05:00", now, &t), 0);
	CU_ASSERT_EQUAL(t - now, 30 * 60);
	/* Passed today: tomorrow's. */
	CU_ASSERT_EQUAL(hl_parse_until("04:00", now, &t), 0);
	CU_ASSERT_EQUAL(t - now, 86400 - 30 * 60);
	/* Now exactly: tomorrow's, never an empty window. */
	CU_ASSERT_EQUAL(hl_parse_until("04:30", now, &t), 0);
	CU_ASSERT_EQUAL(t - now, 86400);
	CU_ASSERT_EQUAL(hl_parse_until("00:00", now, &t), 0);
	CU_ASSERT_EQUAL(t - now, 86400 - (4 * 3600 + 30 * 60));
	t = 1;
	CU_ASSERT_EQUAL(hl_parse_until("24:00", now, &t), -EINVAL);
	CU_ASSERT_EQUAL(hl_parse_until("12:60", now, &t), -EINVAL);
	CU_ASSERT_EQUAL(hl_parse_until("1:00", now, &t), -EINVAL);
	CU_ASSERT_EQUAL(hl_parse_until("01:00 ", now, &t), -EINVAL);
	CU_ASSERT_EQUAL(hl_parse_until("01-00", now, &t), -EINVAL);
	CU_ASSERT_EQUAL(hl_parse_until("", now, &t), -EINVAL);
	CU_ASSERT_EQUAL(hl_parse_until(NULL, now, &t), -EINVAL);
	CU_ASSERT_EQUAL(t, 1);
	if (tz)
		setenv("TZ", tz, 1);
	else
		unsetenv("TZ");
	free(tz);
	tzset();
}

static void
test_rate(void)
{
	struct hl_rate r;
	uint64_t now = 1000 * SEC, at, total = 0;

	/* 10 MB/s: 1 MB books 100 ms. */
	hl_rate_init(&r, 10000000, SEC / 10);
	CU_ASSERT_EQUAL(hl_rate_take(&r, 1000000, now), now);
	CU_ASSERT_EQUAL(hl_rate_take(&r, 1000000, now), now + SEC / 10);
	CU_ASSERT_EQUAL(hl_rate_take(&r, 1000000, now), now + 2 * SEC / 10);
	/* Given back: the next one starts sooner. */
	hl_rate_refund(&r, 1000000);
	CU_ASSERT_EQUAL(hl_rate_take(&r, 500000, now), now + 2 * SEC / 10);

	/* Idle for a minute: only the burst's worth of credit is kept. */
	now += 60 * SEC;
	at = hl_rate_take(&r, 1000000, now);
	CU_ASSERT_EQUAL(at, now);
	CU_ASSERT_EQUAL(hl_rate_take(&r, 1000000, now), now);
	CU_ASSERT_EQUAL(hl_rate_take(&r, 1000000, now), now + SEC / 10);

	/* Over ten seconds of calls, the schedule holds the rate exactly. */
	hl_rate_init(&r, 50 << 20, 0);
	now = 5 * SEC;
	for (;;) {
		at = hl_rate_take(&r, 1 << 20, now);
		if (at >= now + 10 * SEC)
			break;
		total += 1 << 20;
	}
	CU_ASSERT_EQUAL(total, 500ULL << 20);

	/* Call sizes: a sixteenth of a second, whole I/Os, capped. */
	CU_ASSERT_EQUAL(hl_rate_call_sectors(16 << 20, 2048, 32768), 2048);
	CU_ASSERT_EQUAL(hl_rate_call_sectors(64 << 20, 2048, 32768), 8192);
	CU_ASSERT_EQUAL(hl_rate_call_sectors(4ULL << 30, 2048, 32768), 32768);
	CU_ASSERT_EQUAL(hl_rate_call_sectors(64 << 10, 2048, 32768), 2048);
	CU_ASSERT_EQUAL(hl_rate_call_sectors(10000000, 8, 32768), 1216);
}

static void
add(struct hl_range_list *l, uint64_t s, uint64_t e)
{
	CU_ASSERT_EQUAL(hl_range_list_add(l, s, e, 0), 0);
}

static void
test_subtract(void)
{
	struct hl_range_list from = {0}, minus = {0}, out = {0};

	add(&from, 0, 100);
	add(&from, 200, 300);
	add(&from, 400, 500);
	add(&minus, 10, 20);
	add(&minus, 90, 210);
	add(&minus, 250, 260);
	add(&minus, 500, 600);
	CU_ASSERT_EQUAL(hl_range_list_subtract(&from, &minus, &out), 0);
	CU_ASSERT_EQUAL_FATAL(out.nr, 5);
	CU_ASSERT(out.ranges[0].start == 0 && out.ranges[0].end == 10);
	CU_ASSERT(out.ranges[1].start == 20 && out.ranges[1].end == 90);
	CU_ASSERT(out.ranges[2].start == 210 && out.ranges[2].end == 250);
	CU_ASSERT(out.ranges[3].start == 260 && out.ranges[3].end == 300);
	CU_ASSERT(out.ranges[4].start == 400 && out.ranges[4].end == 500);
	hl_range_list_free(&out);

	/* All of it done: nothing left; nothing done: all of it. */
	hl_range_list_free(&minus);
	add(&minus, 0, 1000);
	CU_ASSERT_EQUAL(hl_range_list_subtract(&from, &minus, &out), 0);
	CU_ASSERT_EQUAL(out.nr, 0);
	hl_range_list_free(&minus);
	CU_ASSERT_EQUAL(hl_range_list_subtract(&from, &minus, &out), 0);
	CU_ASSERT_EQUAL(hl_range_list_sectors(&out), 300);
	hl_range_list_free(&out);
	hl_range_list_free(&from);
}

/* ---- checkpoints --------------------------------------------------------- */

static void
sample_ckpt(struct hl_media_ckpt *c)
{
	struct hl_bad_range b1 = {2048, 4096, EIO}, b2 = {10240, 12288, 61};

	memset(c, 0, sizeof(*c));
	for (int i = 0; i < 16; i++)
		c->uuid[i] = 0x10 * (i % 16) + i;
	c->dev = XFS_DEV_DATA;
	c->start = 0;
	c->end = 1 << 20;
	c->used_only = true;
	c->io_sectors = 2048;
	c->started = 1764990000;
	c->updated = 1764990100;
	add(&c->done, 0, 8192);
	add(&c->done, 9000, 20000);
	CU_ASSERT_EQUAL(hl_bad_list_add(&c->found, &b1), 0);
	CU_ASSERT_EQUAL(hl_bad_list_add(&c->found, &b2), 0);
	c->bad = 4096;
	c->verified = 8192 + 11000 - 4096;
	c->calls = 42;
	c->elapsed_ns = 123456789;
}

static char *
ckpt_text(const struct hl_media_ckpt *c, size_t *len)
{
	char *buf = NULL;

	CU_ASSERT_EQUAL(hl_media_ckpt_format(c, &buf, len), 0);
	return buf;
}

/* Re-sum an edited text, as a tool that knows the format would. */
static char *
resum(const char *body)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	char *out;

	for (const char *p = body; *p; p++) {
		h ^= (unsigned char)*p;
		h *= 0x100000001b3ULL;
	}
	CU_ASSERT(asprintf(&out, "%ssum %016llx\n", body,
			   (unsigned long long)h) > 0);
	return out;
}

static void
test_ckpt_round_trip(void)
{
	struct hl_media_ckpt c, d;
	size_t len;
	char *text;

	sample_ckpt(&c);
	text = ckpt_text(&c, &len);
	CU_ASSERT_PTR_NOT_NULL_FATAL(text);
	CU_ASSERT_EQUAL(strlen(text), len);
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "device datadev\n"));
	CU_ASSERT_PTR_NOT_NULL(
		strstr(text, "uuid 00112233-4455-6677-8899-aabbccddeeff\n"));
	CU_ASSERT_EQUAL(hl_media_ckpt_parse(text, len, &d), 0);
	CU_ASSERT_EQUAL(memcmp(c.uuid, d.uuid, 16), 0);
	CU_ASSERT_EQUAL(d.dev, XFS_DEV_DATA);
	CU_ASSERT_EQUAL(d.end, 1 << 20);
	CU_ASSERT(d.used_only);
	CU_ASSERT_EQUAL(d.io_sectors, 2048);
	CU_ASSERT(!d.finished);
	CU_ASSERT_EQUAL(d.started, c.started);
	CU_ASSERT_EQUAL(d.updated, c.updated);
	CU_ASSERT_EQUAL(d.verified, c.verified);
	CU_ASSERT_EQUAL(d.bad, 4096);
	CU_ASSERT_EQUAL(d.calls, 42);
	CU_ASSERT_EQUAL(d.elapsed_ns, 123456789);
	CU_ASSERT_EQUAL_FATAL(d.done.nr, 2);
	CU_ASSERT_EQUAL(d.done.ranges[1].start, 9000);
	CU_ASSERT_EQUAL_FATAL(d.found.nr, 2);
	CU_ASSERT_EQUAL(d.found.ranges[1].error, 61);
	hl_media_ckpt_free(&d);
	free(text);

	c.finished = true;
	c.dev = XFS_DEV_RT;
	text = ckpt_text(&c, &len);
	CU_ASSERT_EQUAL(hl_media_ckpt_parse(text, len, &d), 0);
	CU_ASSERT(d.finished);
	CU_ASSERT_EQUAL(d.dev, XFS_DEV_RT);
	hl_media_ckpt_free(&d);
	free(text);
	hl_media_ckpt_free(&c);
}

/* @text with its sum line removed and @from replaced by @to, re-summed. */
static int
parse_edited(const char *text, const char *from, const char *to)
{
	const char *at = strstr(text, from), *sum = strstr(text, "sum ");
	struct hl_media_ckpt d;
	char *body, *edited;
	int error;

	CU_ASSERT_PTR_NOT_NULL_FATAL(at);
	CU_ASSERT_PTR_NOT_NULL_FATAL(sum);
	CU_ASSERT(asprintf(&body, "%.*s%s%.*s", (int)(at - text), text, to,
			   (int)(sum - at - strlen(from)),
			   at + strlen(from)) > 0);
	edited = resum(body);
	error = hl_media_ckpt_parse(edited, strlen(edited), &d);
	if (error) {
		CU_ASSERT_EQUAL(d.done.nr, 0); /* emptied on error */
	} else {
		hl_media_ckpt_free(&d);
	}
	free(body);
	free(edited);
	return error;
}

static void
test_ckpt_damage(void)
{
	struct hl_media_ckpt c, d;
	size_t len;
	char *text, *copy;

	sample_ckpt(&c);
	text = ckpt_text(&c, &len);
	CU_ASSERT_PTR_NOT_NULL_FATAL(text);

	/* Any one byte changed, any length cut: refused. */
	copy = strdup(text);
	for (size_t i = 0; i < len; i++) {
		copy[i] ^= 0x01;
		CU_ASSERT_NOT_EQUAL(hl_media_ckpt_parse(copy, len, &d), 0);
		copy[i] ^= 0x01;
	}
	for (size_t cut = 0; cut < len; cut++)
		CU_ASSERT_EQUAL(hl_media_ckpt_parse(text, cut, &d), -EBADMSG);
	free(copy);
	CU_ASSERT_EQUAL(hl_media_ckpt_parse("", 0, &d), -EBADMSG);
	CU_ASSERT_EQUAL(hl_media_ckpt_parse(NULL, 0, &d), -EBADMSG);
	CU_ASSERT_EQUAL(hl_media_ckpt_parse("\0\n", 2, &d), -EBADMSG);

	/* Another version is told apart from damage. */
	CU_ASSERT_EQUAL(parse_edited(text, "checkpoint 1\n", "checkpoint 2\n"),
			-EPROTONOSUPPORT);
	copy = strdup(text);
	copy[strlen("xfs_health media checkpoint ")] = '7';
	CU_ASSERT_EQUAL(hl_media_ckpt_parse(copy, len, &d), -EPROTONOSUPPORT);
	free(copy);

	/* Well summed but inconsistent: refused all the same. */
	CU_ASSERT_EQUAL(parse_edited(text, "", ""), 0);
	CU_ASSERT_EQUAL(parse_edited(text, "device datadev", "device tape"),
			-EBADMSG);
	CU_ASSERT_EQUAL(parse_edited(text, "range 0 1048576",
				     "range 1048576 0"),
			-EBADMSG);
	CU_ASSERT_EQUAL(parse_edited(text, "done 9000 20000",
				     "done 9000 2000000"),
			-EBADMSG);
	CU_ASSERT_EQUAL(parse_edited(text, "done 9000 20000",
				     "done 8192 20000"),
			-EBADMSG); /* touching: should have been one */
	CU_ASSERT_EQUAL(parse_edited(text, "done 0 8192", "done 0 08192"),
			-EBADMSG);
	CU_ASSERT_EQUAL(parse_edited(text, "bad 10240 12288 61",
				     "bad 8200 8300 61"),
			-EBADMSG); /* outside the done ranges */
	CU_ASSERT_EQUAL(parse_edited(text, "bad 2048 4096 5",
				     "bad 2048 4097 5"),
			-EBADMSG); /* the bad count disagrees */
	CU_ASSERT_EQUAL(parse_edited(text, "bad 2048 4096 5",
				     "bad 2048 4096 0"),
			-EBADMSG);
	CU_ASSERT_EQUAL(parse_edited(text, "state scanning", "state maybe"),
			-EBADMSG);
	CU_ASSERT_EQUAL(parse_edited(text, "io-sectors 2048\n", ""),
			-EBADMSG);
	CU_ASSERT_EQUAL(parse_edited(text, "used-only 1\n", "used-only 1\n"
							    "used-only 1\n"),
			-EBADMSG);
	CU_ASSERT_EQUAL(parse_edited(text, "counts", "counts 1"), -EBADMSG);
	CU_ASSERT_EQUAL(parse_edited(text, "bad 2048", "bad  2048"),
			-EBADMSG);
	CU_ASSERT_EQUAL(parse_edited(text, "bad 10240 12288 61\n",
				     "bad 10240 12288 61\nextra 1\n"),
			-EBADMSG);
	free(text);
	hl_media_ckpt_free(&c);
}

/* ---- disks under a device ------------------------------------------------ */

static char sysfs[64];

/* A shell command; each %s in @fmt is the made-up sysfs. */
static void __attribute__((format(printf, 1, 2)))
mk(const char *fmt, ...)
{
	char cmd[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	CU_ASSERT_EQUAL(system(cmd), 0);
}

/* A device directory with its dev file, and its /sys/dev/block link. */
static void
device(const char *dir, const char *devnum)
{
	char cmd[1024];

	snprintf(cmd, sizeof(cmd),
		 "cd %s && mkdir -p devices/%s && echo %s > devices/%s/dev && "
		 "ln -s ../../devices/%s dev/block/%s && "
		 "ln -sfn ../../devices/%s class/block/$(basename %s)",
		 sysfs, dir, devnum, dir, dir, devnum, dir, dir);
	CU_ASSERT_EQUAL(system(cmd), 0);
}

static void
test_block_disks(void)
{
	struct hl_disk *d = NULL;
	size_t nr = 99;

	strcpy(sysfs, "/tmp/xfs_health_sysfs.XXXXXX");
	CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(sysfs));
	mk("mkdir -p %s/dev/block %s/class/block", sysfs, sysfs);
	device("vdb", "252:16");
	device("vdb/vdb1", "252:17");
	mk("touch %s/devices/vdb/vdb1/partition", sysfs);
	device("vdc", "252:32");
	device("vdc/vdc2", "252:34");
	mk("touch %s/devices/vdc/vdc2/partition", sysfs);
	/* dm-0 over vdb1 and vdc2; dm-1 over dm-0 */
	device("dm-0", "253:0");
	mk("mkdir -p %s/devices/dm-0/slaves", sysfs);
	mk("ln -s ../../vdb/vdb1 %s/devices/dm-0/slaves/vdb1", sysfs);
	mk("ln -s ../../vdc/vdc2 %s/devices/dm-0/slaves/vdc2", sysfs);
	device("dm-1", "253:1");
	mk("mkdir -p %s/devices/dm-1/slaves", sysfs);
	mk("ln -s ../../dm-0 %s/devices/dm-1/slaves/dm-0", sysfs);

	/* A whole disk is itself. */
	CU_ASSERT_EQUAL(hl_block_disks(sysfs, 252, 32, &d, &nr), 0);
	CU_ASSERT_EQUAL_FATAL(nr, 1);
	CU_ASSERT_STRING_EQUAL(d[0].name, "vdc");
	free(d);
	/* A partition is its disk. */
	CU_ASSERT_EQUAL(hl_block_disks(sysfs, 252, 17, &d, &nr), 0);
	CU_ASSERT_EQUAL_FATAL(nr, 1);
	CU_ASSERT_EQUAL(d[0].minor, 16);
	CU_ASSERT_STRING_EQUAL(d[0].name, "vdb");
	free(d);
	/* A stack is every disk under it, in order, once. */
	CU_ASSERT_EQUAL(hl_block_disks(sysfs, 253, 1, &d, &nr), 0);
	CU_ASSERT_EQUAL_FATAL(nr, 2);
	CU_ASSERT_STRING_EQUAL(d[0].name, "vdb");
	CU_ASSERT_STRING_EQUAL(d[1].name, "vdc");
	free(d);
	/* Not a block device sysfs knows: no disks, no error. */
	CU_ASSERT_EQUAL(hl_block_disks(sysfs, 0, 42, &d, &nr), 0);
	CU_ASSERT_EQUAL(nr, 0);
	free(d);
	/* A loop in the stack ends, with an error. */
	mk("ln -s ../../dm-1 %s/devices/dm-0/slaves/dm-1", sysfs);
	CU_ASSERT_EQUAL(hl_block_disks(sysfs, 253, 1, &d, &nr), -ELOOP);
	mk("rm -rf %s", sysfs);
}

static const struct unit_test tests[] = {
	{"durations", test_duration},
	{"times of day", test_until},
	{"rate", test_rate},
	{"range subtraction", test_subtract},
	{"checkpoint round trip", test_ckpt_round_trip},
	{"checkpoint damage", test_ckpt_damage},
	{"disks under a device", test_block_disks},
};

int
unit_register_media_scan(void)
{
	return UNIT_ADD_SUITE("media scans", tests);
}
