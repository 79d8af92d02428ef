// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Repair outcome lines (xfs_healer's, reference E.4) and daemon messages, as
 * text and as JSON (doc/output-format.md).  JSON lines are compared whole and
 * parsed back with json-c.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <json-c/json.h>

#include "unit.h"
#include "health.h"
#include "xfs_health_abi.h"

static struct hl_repair_report
report(const struct hl_event *ev, uint32_t bit, int error, uint32_t flags)
{
	struct hl_repair_report rep = {
		.ev = ev,
		.bit = bit,
		.type = hl_repair_type_for_bit(ev->domain, bit),
		.error = error,
		.flags = flags,
		.outcome = hl_repair_judge(error, flags),
	};

	/* Unknown bits have no type; any will do for the line. */
	if (!rep.type)
		rep.type = hl_scrub_type_by_name("probe");
	return rep;
}

static void
check_text(const struct hl_repair_report *rep, const char *path,
	   const char *want)
{
	struct hl_render r;
	char buf[512];
	int n;

	CU_ASSERT_EQUAL_FATAL(hl_render_init(&r, "/mnt"), 0);
	r.path = path;
	n = hl_repair_format_text(buf, sizeof(buf), rep, &r);
	CU_ASSERT_EQUAL(n, (int)strlen(want));
	CU_ASSERT_STRING_EQUAL(buf, want);
	if (strcmp(buf, want))
		fprintf(stderr, "\n got: %s want: %s", buf, want);
	hl_render_free(&r);
}

static void
test_text_forms(void)
{
	struct hl_event fs = {.domain = XFS_HEALTH_MONITOR_DOMAIN_FS,
			      .type = XFS_HEALTH_MONITOR_TYPE_SICK};
	struct hl_event ag = {.domain = XFS_HEALTH_MONITOR_DOMAIN_AG,
			      .type = XFS_HEALTH_MONITOR_TYPE_SICK,
			      .group = 0x1f};
	struct hl_event rg = {.domain = XFS_HEALTH_MONITOR_DOMAIN_RTGROUP,
			      .type = XFS_HEALTH_MONITOR_TYPE_SICK,
			      .group = 3};
	struct hl_event ino = {.domain = XFS_HEALTH_MONITOR_DOMAIN_INODE,
			       .type = XFS_HEALTH_MONITOR_TYPE_SICK,
			       .ino = 131,
			       .gen = 0xdeadbeef};
	struct hl_repair_report rep;

	rep = report(&fs, XFS_FSOP_GEOM_SICK_COUNTERS, 0, 0);
	check_text(&rep, NULL, "/mnt fscounters: Repairs successful.\n");
	rep = report(&ag, XFS_AG_GEOM_SICK_BNOBT, 0, XFS_SCRUB_OFLAG_CORRUPT);
	check_text(&rep, NULL,
		   "/mnt agno 0x1f bnobt: Repair unsuccessful; offline repair "
		   "required.\n");
	rep = report(&rg, XFS_RTGROUP_GEOM_SICK_BITMAP, 0,
		     XFS_SCRUB_OFLAG_XFAIL);
	check_text(&rep, NULL,
		   "/mnt rgno 0x3 bitmap: Seems correct but cross-referencing "
		   "failed; offline repair recommended.\n");
	rep = report(&ino, XFS_BS_SICK_DIR, 0,
		     XFS_SCRUB_OFLAG_NO_REPAIR_NEEDED);
	check_text(&rep, NULL,
		   "/mnt ino 131 gen 0xdeadbeef directory: No modification "
		   "needed.\n");
	/* The path replaces the inode, and only the inode. */
	check_text(&rep, "/mnt/a/b",
		   "/mnt/a/b directory: No modification needed.\n");
	rep = report(&ag, XFS_AG_GEOM_SICK_AGF, EIO, 0);
	check_text(&rep, "/mnt/a/b",
		   "/mnt agno 0x1f agf: Repair unsuccessful; offline repair "
		   "required.\n");
	/* A bit nobody named. */
	rep = report(&ino, 0x8000, 0, 0);
	check_text(&rep, NULL,
		   "/mnt ino 131 gen 0xdeadbeef 0x8000: Repairs successful.\n");
	/* Named but without a spot repair (the caller chose a type). */
	rep = report(&ag, XFS_AG_GEOM_SICK_INODES, 0, 0);
	check_text(&rep, NULL, "/mnt agno 0x1f inodes: Repairs successful.\n");
}

/* The object part is that of the event's own line. */
static void
test_text_matches_event_line(void)
{
	struct hl_event ev = {.domain = XFS_HEALTH_MONITOR_DOMAIN_INODE,
			      .type = XFS_HEALTH_MONITOR_TYPE_SICK,
			      .ino = 77,
			      .gen = 2,
			      .mask = XFS_BS_SICK_XATTR};
	struct hl_repair_report rep = report(&ev, XFS_BS_SICK_XATTR, 0, 0);
	char line[512], evline[512];
	struct hl_render r;

	CU_ASSERT_EQUAL_FATAL(hl_render_init(&r, "/m n t"), 0);
	for (int with_path = 0; with_path < 2; with_path++) {
		r.path = with_path ? "/m n t/dir/f" : NULL;
		CU_ASSERT(hl_repair_format_text(line, sizeof(line), &rep, &r) >
			  0);
		CU_ASSERT(hl_event_format_text(evline, sizeof(evline), &ev,
					       &r) > 0);
		/* Both are "<object> xattr: ..." */
		CU_ASSERT_EQUAL(strcspn(line, ":"), strcspn(evline, ":"));
		CU_ASSERT_EQUAL(memcmp(line, evline, strcspn(line, ":")), 0);
	}
	hl_render_free(&r);
}

static void
test_text_errors(void)
{
	struct hl_event ev = {.domain = XFS_HEALTH_MONITOR_DOMAIN_AG};
	struct hl_event mnt = {.domain = XFS_HEALTH_MONITOR_DOMAIN_MOUNT};
	struct hl_repair_report rep = report(&ev, XFS_AG_GEOM_SICK_AGI, 0, 0);
	struct hl_repair_report bad;
	struct hl_render r;
	char buf[512];

	CU_ASSERT_EQUAL_FATAL(hl_render_init(&r, "/mnt"), 0);
	CU_ASSERT_EQUAL(hl_repair_format_text(NULL, 10, &rep, &r), -EINVAL);
	CU_ASSERT_EQUAL(hl_repair_format_text(buf, 0, &rep, &r), -EINVAL);
	CU_ASSERT_EQUAL(hl_repair_format_text(buf, sizeof(buf), NULL, &r),
			-EINVAL);
	CU_ASSERT_EQUAL(hl_repair_format_text(buf, sizeof(buf), &rep, NULL),
			-EINVAL);
	bad = rep;
	bad.bit = 0;
	CU_ASSERT_EQUAL(hl_repair_format_text(buf, sizeof(buf), &bad, &r),
			-EINVAL);
	bad.bit = 3; /* one bit per line */
	CU_ASSERT_EQUAL(hl_repair_format_text(buf, sizeof(buf), &bad, &r),
			-EINVAL);
	bad = rep;
	bad.type = NULL;
	CU_ASSERT_EQUAL(hl_repair_format_text(buf, sizeof(buf), &bad, &r),
			-EINVAL);
	bad = rep;
	bad.outcome = HL_REPAIR_NR_OUTCOMES;
	CU_ASSERT_EQUAL(hl_repair_format_text(buf, sizeof(buf), &bad, &r),
			-EINVAL);
	bad = rep;
	bad.error = -EIO;
	CU_ASSERT_EQUAL(hl_repair_format_json(buf, sizeof(buf), &bad, &r),
			-EINVAL);
	bad = rep;
	bad.ev = &mnt;
	CU_ASSERT_EQUAL(hl_repair_format_text(buf, sizeof(buf), &bad, &r),
			-EINVAL);
	bad.ev = NULL;
	CU_ASSERT_EQUAL(hl_repair_format_json(buf, sizeof(buf), &bad, &r),
			-EINVAL);

	/* Cut short, but terminated. */
	CU_ASSERT_EQUAL(hl_repair_format_text(buf, 10, &rep, &r), -ENOSPC);
	CU_ASSERT_STRING_EQUAL(buf, "/mnt agno");
	hl_render_free(&r);

	/* JSON needs hl_render_init's members. */
	r = (struct hl_render){.mountpoint = "/mnt"};
	CU_ASSERT_EQUAL(hl_repair_format_json(buf, sizeof(buf), &rep, &r),
			-EINVAL);
	CU_ASSERT(hl_repair_format_text(buf, sizeof(buf), &rep, &r) > 0);
}

/* The line is compared whole; this checks that json-c reads it back. */
static json_object *
parse(const char *line)
{
	json_object *obj = json_tokener_parse(line);

	CU_ASSERT_PTR_NOT_NULL_FATAL(obj);
	CU_ASSERT_FATAL(json_object_is_type(obj, json_type_object));
	return obj;
}

static const char *
str_of(json_object *obj, const char *key)
{
	json_object *v = NULL;

	if (!json_object_object_get_ex(obj, key, &v) ||
	    !json_object_is_type(v, json_type_string))
		return "(missing)";
	return json_object_get_string(v);
}

static void
check_json(const struct hl_repair_report *rep, const char *path,
	   const char *want)
{
	struct hl_render r;
	char buf[1024];
	json_object *obj;
	int n;

	CU_ASSERT_EQUAL_FATAL(hl_render_init(&r, "/mnt"), 0);
	r.path = path;
	n = hl_repair_format_json(buf, sizeof(buf), rep, &r);
	CU_ASSERT_EQUAL(n, (int)strlen(want));
	CU_ASSERT_STRING_EQUAL(buf, want);
	if (strcmp(buf, want))
		fprintf(stderr, "\n got: %s want: %s", buf, want);

	obj = parse(buf);
	CU_ASSERT_STRING_EQUAL(str_of(obj, "mount"), "/mnt");
	CU_ASSERT_STRING_EQUAL(str_of(obj, "scrub_type"), rep->type->name);
	CU_ASSERT_STRING_EQUAL(
		str_of(obj, "outcome"),
		hl_name_of(hl_repair_outcome_names(), rep->outcome));
	CU_ASSERT_STRING_EQUAL(
		str_of(obj, "message"),
		hl_name_of(hl_repair_outcome_texts(), rep->outcome));
	json_object_put(obj);
	hl_render_free(&r);
}

static void
test_json(void)
{
	struct hl_event fs = {.domain = XFS_HEALTH_MONITOR_DOMAIN_FS,
			      .type = XFS_HEALTH_MONITOR_TYPE_SICK,
			      .time_ns = 1,
			      .mask = 0x3};
	struct hl_event ag = {.domain = XFS_HEALTH_MONITOR_DOMAIN_AG,
			      .type = XFS_HEALTH_MONITOR_TYPE_SICK,
			      .group = 5};
	struct hl_event rg = {.domain = XFS_HEALTH_MONITOR_DOMAIN_RTGROUP,
			      .type = XFS_HEALTH_MONITOR_TYPE_SICK,
			      .group = 2};
	struct hl_event ino = {.domain = XFS_HEALTH_MONITOR_DOMAIN_INODE,
			       .type = XFS_HEALTH_MONITOR_TYPE_SICK,
			       .ino = 131,
			       .gen = 3};
	struct hl_repair_report rep;

	/* Only the repaired bit, whatever else the event had. */
	rep = report(&fs, XFS_FSOP_GEOM_SICK_UQUOTA, 0, XFS_SCRUB_IFLAG_REPAIR);
	check_json(
		&rep, NULL,
		"{\"mount\":\"/mnt\",\"domain\":\"fs\",\"mask\":2,"
		"\"structures\":[\"usrquota\"],\"scrub_type\":\"usrquota\","
		"\"outcome\":\"success\",\"message\":\"Repairs successful.\","
		"\"flags_mask\":0,\"flags\":[],\"error\":0}\n");
	rep = report(&ag, XFS_AG_GEOM_SICK_REFCNTBT, 0,
		     XFS_SCRUB_OFLAG_CORRUPT | XFS_SCRUB_OFLAG_XFAIL);
	check_json(&rep, NULL,
		   "{\"mount\":\"/mnt\",\"domain\":\"ag\",\"agno\":5,"
		   "\"mask\":512,\"structures\":[\"refcountbt\"],"
		   "\"scrub_type\":\"refcountbt\",\"outcome\":\"failed\","
		   "\"message\":\"Repair unsuccessful; offline repair "
		   "required.\",\"flags_mask\":10,"
		   "\"flags\":[\"corrupt\",\"xfail\"],\"error\":0}\n");
	rep = report(&rg, XFS_RTGROUP_GEOM_SICK_SUPER, EOPNOTSUPP, 0);
	check_json(&rep, NULL,
		   "{\"mount\":\"/mnt\",\"domain\":\"rtgroup\",\"rgno\":2,"
		   "\"mask\":1,\"structures\":[\"super\"],"
		   "\"scrub_type\":\"rgsuper\",\"outcome\":\"failed\","
		   "\"message\":\"Repair unsuccessful; offline repair "
		   "required.\",\"flags_mask\":0,\"flags\":[],\"error\":95,"
		   "\"error_text\":\"Operation not supported\"}\n");
	rep = report(&ino, XFS_BS_SICK_PARENT, 0, XFS_SCRUB_OFLAG_XCORRUPT);
	check_json(&rep, NULL,
		   "{\"mount\":\"/mnt\",\"domain\":\"inode\",\"ino\":131,"
		   "\"gen\":3,\"mask\":128,\"structures\":[\"parent\"],"
		   "\"scrub_type\":\"parent\",\"outcome\":\"probably_ok\","
		   "\"message\":\"Seems correct but cross-referencing failed; "
		   "offline repair recommended.\",\"flags_mask\":16,"
		   "\"flags\":[\"xcorrupt\"],\"error\":0}\n");
	rep = report(&ino, XFS_BS_SICK_BMBTD, 0,
		     XFS_SCRUB_OFLAG_NO_REPAIR_NEEDED);
	check_json(&rep, "/mnt/d\"q",
		   "{\"mount\":\"/mnt\",\"domain\":\"inode\",\"ino\":131,"
		   "\"gen\":3,\"mask\":2,\"structures\":[\"datafork\"],"
		   "\"path\":\"/mnt/d\\\"q\",\"scrub_type\":\"bmapbtd\","
		   "\"outcome\":\"unnecessary\","
		   "\"message\":\"No modification needed.\",\"flags_mask\":128,"
		   "\"flags\":[\"norepair\"],\"error\":0}\n");
	/* A path that is not UTF-8 keeps its bytes in path_hex. */
	rep = report(&ino, 0x10000, 0, 0);
	check_json(
		&rep, "/mnt/\xff",
		"{\"mount\":\"/mnt\",\"domain\":\"inode\",\"ino\":131,"
		"\"gen\":3,\"mask\":65536,\"structures\":[\"0x10000\"],"
		"\"path\":\"/mnt/\xef\xbf\xbd\",\"path_hex\":\"2f6d6e742fff\","
		"\"scrub_type\":\"probe\",\"outcome\":\"success\","
		"\"message\":\"Repairs successful.\",\"flags_mask\":0,"
		"\"flags\":[],\"error\":0}\n");
}

/* The write versions put out what the format versions make. */
static void
test_write(void)
{
	struct hl_event ev = {
		.domain = XFS_HEALTH_MONITOR_DOMAIN_INODE, .ino = 9, .gen = 1};
	struct hl_repair_report rep = report(&ev, XFS_BS_SICK_INODE, 0, 0);
	char want[8192], *text = NULL;
	size_t len = 0, wlen;
	struct hl_render r;
	char *longmnt = malloc(1500);
	FILE *f;

	CU_ASSERT_PTR_NOT_NULL_FATAL(longmnt);
	/* Longer than the stack buffer: the heap path too. */
	memset(longmnt, 'm', 1499);
	longmnt[0] = '/';
	longmnt[1499] = '\0';
	CU_ASSERT_EQUAL_FATAL(hl_render_init(&r, longmnt), 0);
	f = open_memstream(&text, &len);
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	CU_ASSERT_EQUAL(hl_repair_write_text(f, &rep, &r), 0);
	CU_ASSERT_EQUAL(hl_repair_write_json(f, &rep, &r), 0);
	fclose(f);

	wlen = hl_repair_format_text(want, sizeof(want), &rep, &r);
	CU_ASSERT(hl_repair_format_json(want + wlen, sizeof(want) - wlen, &rep,
					&r) > 0);
	CU_ASSERT_STRING_EQUAL(text, want);
	CU_ASSERT_EQUAL(hl_repair_write_text(NULL, &rep, &r), -EINVAL);
	free(text);
	free(longmnt);
	hl_render_free(&r);
}

static void
test_messages(void)
{
	struct hl_render r;
	char buf[256];
	json_object *obj;

	CU_ASSERT_EQUAL_FATAL(hl_render_init(&r, "/mnt"), 0);
	CU_ASSERT_EQUAL(hl_message_format_text(buf, sizeof(buf), NULL,
					       "Full repairs in progress.", &r),
			(int)strlen("/mnt: Full repairs in progress.\n"));
	CU_ASSERT_STRING_EQUAL(buf, "/mnt: Full repairs in progress.\n");
	CU_ASSERT_EQUAL(hl_message_format_json(buf, sizeof(buf), "message",
					       "Full repairs in progress.", &r),
			(int)strlen(buf));
	CU_ASSERT_STRING_EQUAL(buf, "{\"mount\":\"/mnt\",\"message\":\"Full "
				    "repairs in progress.\"}\n");

	/* The message is escaped; the key is ours. */
	CU_ASSERT(hl_message_format_json(buf, sizeof(buf), "error",
					 "a \"b\"\\\n\xff", &r) > 0);
	CU_ASSERT_STRING_EQUAL(buf,
			       "{\"mount\":\"/mnt\",\"error\":\"a \\\"b\\\"\\\\"
			       "\\n\xef\xbf\xbd\",\"error_hex\":\""
			       "61202262225c0aff\"}\n");
	obj = parse(buf);
	CU_ASSERT_STRING_EQUAL(str_of(obj, "mount"), "/mnt");
	json_object_put(obj);

	CU_ASSERT_EQUAL(hl_message_format_text(buf, sizeof(buf), NULL, NULL,
					       &r),
			-EINVAL);
	CU_ASSERT_EQUAL(hl_message_format_text(buf, sizeof(buf), NULL, "x",
					       NULL),
			-EINVAL);
	CU_ASSERT_EQUAL(hl_message_format_json(buf, sizeof(buf), NULL, "x", &r),
			-EINVAL);
	CU_ASSERT_EQUAL(hl_message_format_json(buf, sizeof(buf), "", "x", &r),
			-EINVAL);
	CU_ASSERT_EQUAL(
		hl_message_format_json(buf, sizeof(buf), "a\"b", "x", &r),
		-EINVAL);
	CU_ASSERT_EQUAL(
		hl_message_format_json(buf, sizeof(buf), "Key", "x", &r),
		-EINVAL);
	CU_ASSERT_EQUAL(
		hl_message_format_json(buf, sizeof(buf), "mount", "x", &r),
		-EINVAL);
	CU_ASSERT_EQUAL(hl_message_format_json(buf, sizeof(buf), "k", NULL, &r),
			-EINVAL);
	CU_ASSERT_EQUAL(hl_message_format_text(buf, 6, NULL, "hello", &r),
			-ENOSPC);
	CU_ASSERT_STRING_EQUAL(buf, "/mnt:");
	hl_render_free(&r);
}

/*
 * Lines a program adds to upstream's: "<origin>: <mnt>: <text>", the text
 * escaped like a name (it may carry a path), the mount point too.
 */
static void
test_added_messages(void)
{
	static const char *const bad_origins[] = {"", "a b", "a:b", "a\\b",
						  "\xc3\xa9", "a\n"};
	struct hl_render r;
	char buf[256];

	CU_ASSERT_EQUAL_FATAL(hl_render_init(&r, "/m\nt"), 0);
	CU_ASSERT_EQUAL(hl_message_format_text(buf, sizeof(buf), "xfs_healthd",
					       "moved to /a\n/b\\c", &r),
			(int)strlen(buf));
	/* Names come escaped; backslashes stay (a unit name's \x2d). */
	CU_ASSERT_STRING_EQUAL(buf,
			       "xfs_healthd: /m\\nt: moved to /a\\n/b\\c\n");
	CU_ASSERT_EQUAL(hl_message_format_text(buf, sizeof(buf), NULL,
					       "plain \x1b[2K", &r),
			(int)strlen(buf));
	CU_ASSERT_STRING_EQUAL(buf, "/m\\nt: plain \\x1b[2K\n");
	/* A unit name is shown as systemd spells it. */
	CU_ASSERT(hl_message_format_text(buf, sizeof(buf), NULL,
					 "Could not start xfs_scrub service "
					 "unit: xfs_scrub@mnt-a\\x2db.service",
					 &r) > 0);
	CU_ASSERT_STRING_EQUAL(buf, "/m\\nt: Could not start xfs_scrub service "
				    "unit: xfs_scrub@mnt-a\\x2db.service\n");
	for (size_t i = 0; i < ARRAY_SIZE(bad_origins); i++)
		CU_ASSERT_EQUAL(hl_message_format_text(buf, sizeof(buf),
						       bad_origins[i], "x", &r),
				-EINVAL);
	hl_render_free(&r);
}

static const struct unit_test tests[] = {
	{"text line forms", test_text_forms},
	{"text object as in event lines", test_text_matches_event_line},
	{"added lines: origin, escaped text", test_added_messages},
	{"text argument errors", test_text_errors},
	{"json lines", test_json},
	{"write to a stream", test_write},
	{"messages", test_messages},
};

int
unit_register_repair_render(void)
{
	return UNIT_ADD_SUITE("repair lines", tests);
}
