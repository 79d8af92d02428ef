// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Names in text lines (libhealth/textstr.c): the escaping every renderer
 * uses for mount points and paths, its reverse, and the daemon's log lines
 * that fall back to the inode form rather than ever being dropped.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <json-c/json.h>

#include "unit.h"
#include "health.h"
#include "xfs_health_abi.h"

struct escape_case {
	const char *name;
	const char *shown;
};

static const struct escape_case cases[] = {
	{"", ""},
	{"/mnt/plain name", "/mnt/plain name"},
	{"back\\slash", "back\\\\slash"},
	{"a\nb", "a\\nb"},
	{"a\rb", "a\\rb"},
	{"a\tb", "a\\tb"},
	{"\x1b[2K\r/mnt: filesystem unmounted",
	 "\\x1b[2K\\r/mnt: filesystem unmounted"},
	{"\x01\x1f\x7f", "\\x01\\x1f\\x7f"},
	/* Well-formed UTF-8 stays; broken sequences go byte by byte. */
	{"caf\xc3\xa9 \xe6\x97\xa5 \xf0\x9f\x98\x80",
	 "caf\xc3\xa9 \xe6\x97\xa5 \xf0\x9f\x98\x80"},
	{"\xff\xfe", "\\xff\\xfe"},
	{"\xc3", "\\xc3"},
	{"\xc3(", "\\xc3("},
	{"\xe6\x97", "\\xe6\\x97"},
	{"\xc0\xaf", "\\xc0\\xaf"},		      /* overlong '/' */
	{"\xed\xa0\x80", "\\xed\\xa0\\x80"},	      /* a surrogate */
	{"\xf4\x90\x80\x80", "\\xf4\\x90\\x80\\x80"}, /* past U+10FFFF */
	/* C1 controls, line separators, bidirectional overrides. */
	{"\xc2\x85\xc2\x9b", "\\xc2\\x85\\xc2\\x9b"},
	{"\xc2\xa0", "\xc2\xa0"}, /* no-break space: printable */
	{"x\xe2\x80\xa8y\xe2\x80\xa9", "x\\xe2\\x80\\xa8y\\xe2\\x80\\xa9"},
	{"\xe2\x80\xaegpj.exe", "\\xe2\\x80\\xaegpj.exe"},
	{"\xe2\x81\xa6\xe2\x81\xa9", "\\xe2\\x81\\xa6\\xe2\\x81\\xa9"},
	{"\xe2\x80\xa7\xe2\x80\xaf\xe2\x81\xa5\xe2\x81\xaa",
	 "\xe2\x80\xa7\xe2\x80\xaf\xe2\x81\xa5\xe2\x81\xaa"},
	/* What escapes look like is not special in a name. */
	{"\\x41\\n", "\\\\x41\\\\n"},
};

static void
test_escape_cases(void)
{
	char buf[256], back[256];

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		const struct escape_case *c = &cases[i];
		int n = hl_text_escape(buf, sizeof(buf), c->name);
		char *dup = hl_text_escape_dup(c->name);

		CU_ASSERT_EQUAL(n, (int)strlen(c->shown));
		CU_ASSERT_STRING_EQUAL(buf, c->shown);
		if (strcmp(buf, c->shown))
			fprintf(stderr, "\ncase %zu: got '%s' want '%s'\n", i,
				buf, c->shown);
		CU_ASSERT_PTR_NOT_NULL_FATAL(dup);
		CU_ASSERT_STRING_EQUAL(dup, c->shown);
		free(dup);
		CU_ASSERT_EQUAL(hl_text_needs_escape(c->name),
				strcmp(c->name, c->shown) != 0);
		CU_ASSERT_EQUAL(hl_text_unescape(back, sizeof(back), c->shown),
				(int)strlen(c->name));
		CU_ASSERT_STRING_EQUAL(back, c->name);
	}
}

/* Any name, escaped, is plain ASCII and reads back exactly. */
static void
test_escape_round_trip(void)
{
	char name[260], shown[260 * 4 + 1], back[260];

	srandom(7);
	for (int i = 0; i < 20000; i++) {
		size_t len = 1 + random() % 255;
		int n;

		for (size_t j = 0; j < len; j++) {
			/* Plenty of the interesting bytes. */
			long pick = random() % 4;

			name[j] = pick == 0   ? (char)(1 + random() % 0x20)
				  : pick == 1 ? (char)(0x7f + random() % 0x81)
					      : (char)(0x20 + random() % 0x5f);
			if (!name[j])
				name[j] = 'x';
		}
		name[len] = '\0';
		n = hl_text_escape(shown, sizeof(shown), name);
		CU_ASSERT(n >= (int)len);
		/* No control byte is left (the fuzzer checks UTF-8 too). */
		for (const unsigned char *p = (void *)shown; *p; p++)
			CU_ASSERT(*p >= 0x20 && *p != 0x7f);
		CU_ASSERT_EQUAL(hl_text_unescape(back, sizeof(back), shown),
				(int)len);
		CU_ASSERT_EQUAL(memcmp(back, name, len + 1), 0);
		/* Escaping is not idempotent, but never grows past 4x. */
		CU_ASSERT((size_t)n <= 4 * len);
	}
}

static void
test_unescape_errors(void)
{
	static const char *const bad[] = {
		"\\",	 "a\\",	  "\\q",   "\\x", "\\x4",
		"\\xg0", "\\x00", "\\xAB", "\\0", "\\e",
	};
	char buf[16];

	for (size_t i = 0; i < ARRAY_SIZE(bad); i++)
		CU_ASSERT_EQUAL(hl_text_unescape(buf, sizeof(buf), bad[i]),
				-EINVAL);
	CU_ASSERT_EQUAL(hl_text_unescape(buf, 4, "abcd"), -ENOSPC);
	CU_ASSERT_STRING_EQUAL(buf, "abc");
	CU_ASSERT_EQUAL(hl_text_escape(buf, 4, "\n\n"), -ENOSPC);
	CU_ASSERT_STRING_EQUAL(buf, "\\n\\");
	CU_ASSERT_EQUAL(hl_text_escape(NULL, 4, "a"), -EINVAL);
	CU_ASSERT_EQUAL(hl_text_escape(buf, 0, "a"), -EINVAL);
	CU_ASSERT_EQUAL(hl_text_unescape(buf, sizeof(buf), NULL), -EINVAL);
}

/* ---- names in lines ------------------------------------------------------ */

static const struct hl_event inode_sick = {
	.domain = XFS_HEALTH_MONITOR_DOMAIN_INODE,
	.type = XFS_HEALTH_MONITOR_TYPE_SICK,
	.ino = 133,
	.gen = 7,
	.mask = XFS_BS_SICK_DIR,
};

/* A forged line in a directory name stays inside the one line. */
static void
test_forged_line(void)
{
	const char *path = "/mnt/x\n/mnt: filesystem unmounted\n\x1b[1A";
	char buf[512];
	struct hl_render r;
	int n;

	CU_ASSERT_EQUAL_FATAL(hl_render_init(&r, "/mnt"), 0);
	r.path = path;
	n = hl_event_format_text(buf, sizeof(buf), &inode_sick, &r);
	CU_ASSERT_STRING_EQUAL(buf, "/mnt/x\\n/mnt: filesystem unmounted\\n"
				    "\\x1b[1A directory: sick\n");
	CU_ASSERT_EQUAL(n, (int)strlen(buf));
	CU_ASSERT_PTR_EQUAL(strchr(buf, '\n'), buf + n - 1);
	hl_render_free(&r);
}

/* A path of @n bytes of @c under "/mnt/". */
static char *
long_path(size_t n, char c)
{
	char *p = malloc(n + 6);

	memcpy(p, "/mnt/", 5);
	memset(p + 5, c, n);
	p[n + 5] = '\0';
	return p;
}

/* The length of the line with its path, however long. */
static int
line_length(bool json, const struct hl_event *ev,
	    const struct hl_repair_report *rep, const struct hl_render *r)
{
	static char big[8 * HL_LOG_LINE_MAX];

	if (rep)
		return json ? hl_repair_format_json(big, sizeof(big), rep, r)
			    : hl_repair_format_text(big, sizeof(big), rep, r);
	return json ? hl_event_format_json(big, sizeof(big), ev, r)
		    : hl_event_format_text(big, sizeof(big), ev, r);
}

/*
 * The log line with the path when it fits exactly (its NUL in the last
 * byte), and without it one byte short.
 */
static void
check_limit(bool json, const struct hl_repair_report *rep, size_t len, char c)
{
	const struct hl_event *ev = rep ? rep->ev : &inode_sick;
	struct hl_render r, plain;
	char *buf = malloc(len), *want_short = malloc(512);
	char *path = NULL;
	size_t lo = 1, hi = len, fit = 0;
	int n;

	CU_ASSERT_EQUAL_FATAL(hl_render_init(&r, "/mnt"), 0);
	plain = r;
	plain.path_too_long = true;
	n = hl_log_line_format(want_short, 512, json, ev, rep, &plain);
	CU_ASSERT(n > 0);

	/* The longest path whose whole line fits @len. */
	while (lo <= hi) {
		size_t mid = (lo + hi) / 2;

		free(path);
		path = long_path(mid, c);
		r.path = path;
		n = line_length(json, ev, rep, &r);
		if (n > 0 && (size_t)n <= len - 1) {
			fit = mid;
			lo = mid + 1;
		} else {
			hi = mid - 1;
		}
	}
	CU_ASSERT_FATAL(fit > 0);
	free(path);
	path = long_path(fit, c);
	r.path = path;
	n = hl_log_line_format(buf, len, json, ev, rep, &r);
	CU_ASSERT(n > 0 && (size_t)n <= len - 1);
	CU_ASSERT(strstr(buf, json ? "\"path\"" : "/mnt/") != NULL);
	CU_ASSERT_PTR_NULL(strstr(buf, "path_too_long"));
	/* Plain bytes reach the limit exactly; escapes come within one. */
	if (c == 'a')
		CU_ASSERT_EQUAL(n, (int)len - 1);
	/* One byte more and the line is made without the path. */
	free(path);
	path = long_path(fit + 1, c);
	r.path = path;
	n = hl_log_line_format(buf, len, json, ev, rep, &r);
	CU_ASSERT_EQUAL(n, (int)strlen(want_short));
	CU_ASSERT_STRING_EQUAL(buf, want_short);
	free(path);
	free(buf);
	free(want_short);
	hl_render_free(&r);
}

static void
test_log_line_limit(void)
{
	struct hl_repair_report rep = {
		.ev = &inode_sick,
		.bit = XFS_BS_SICK_DIR,
		.type = hl_repair_type_for_bit(XFS_HEALTH_MONITOR_DOMAIN_INODE,
					       XFS_BS_SICK_DIR),
		.outcome = HL_REPAIR_SUCCESS,
	};

	for (int json = 0; json < 2; json++) {
		/* Plain bytes hit the limit to the byte... */
		check_limit(json, NULL, 400, 'a');
		check_limit(json, &rep, 400, 'a');
		check_limit(json, NULL, HL_LOG_LINE_MAX + 1, 'a');
		check_limit(json, &rep, HL_LOG_LINE_MAX + 1, 'a');
		/* ...escaped ones within an escape of it. */
		check_limit(json, NULL, HL_LOG_LINE_MAX + 1, '\x01');
		check_limit(json, &rep, HL_LOG_LINE_MAX + 1, '\x01');
	}
}

/* The fallback forms, whole, and valid JSON. */
static void
test_log_line_fallback(void)
{
	char *path = long_path(40000, '\x01');
	char buf[HL_LOG_LINE_MAX + 1];
	struct hl_render r;
	json_object *obj, *v = NULL;
	int n;

	CU_ASSERT_EQUAL_FATAL(hl_render_init(&r, "/mnt"), 0);
	r.path = path;
	n = hl_log_line_format(buf, sizeof(buf), false, &inode_sick, NULL, &r);
	CU_ASSERT_STRING_EQUAL(buf, "/mnt ino 133 gen 0x7 directory: sick\n");
	CU_ASSERT_EQUAL(n, (int)strlen(buf));
	n = hl_log_line_format(buf, sizeof(buf), true, &inode_sick, NULL, &r);
	CU_ASSERT(n > 0);
	obj = json_tokener_parse(buf);
	CU_ASSERT_PTR_NOT_NULL_FATAL(obj);
	CU_ASSERT(json_object_object_get_ex(obj, "path_too_long", &v));
	CU_ASSERT(json_object_get_boolean(v));
	CU_ASSERT(!json_object_object_get_ex(obj, "path", NULL));
	json_object_put(obj);
	/* Nothing to fall back on: the renderer's answer. */
	r.path = NULL;
	CU_ASSERT_EQUAL(
		hl_log_line_format(buf, 8, false, &inode_sick, NULL, &r),
		-ENOSPC);
	CU_ASSERT_EQUAL(hl_log_line_format(buf, 8, false, NULL, NULL, &r),
			-EINVAL);
	free(path);
	hl_render_free(&r);
}

static const struct unit_test tests[] = {
	{"escape cases", test_escape_cases},
	{"escape round trip", test_escape_round_trip},
	{"unescape errors", test_unescape_errors},
	{"a forged line stays one line", test_forged_line},
	{"log line at the limit", test_log_line_limit},
	{"log line fallback forms", test_log_line_fallback},
};

int
unit_register_textstr(void)
{
	return UNIT_ADD_SUITE("names in text lines", tests);
}
