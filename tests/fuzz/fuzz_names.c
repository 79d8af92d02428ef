// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Names in lines (libhealth/textstr.c): whatever a mount point or a path
 * holds, the line that shows it is one line of printable, well-formed
 * UTF-8 with nothing a display acts on, and the name reads back exactly.
 *
 * Input: a flags byte, the mount point (up to a NUL), then the path (the
 * rest).  Checked on hl_text_escape/_unescape directly, on an inode event
 * and a repair outcome through hl_log_line_format (text and JSON, with a
 * line limit from the flags, so that the long-path fallback runs too),
 * and on a daemon's added line (hl_message_format_text).
 */
#include <errno.h>
#include <string.h>
#include <json-c/json.h>

#include "fuzz.h"
#include "health.h"
#include "xfs_health_abi.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Room for any line these inputs make: 8 bytes a byte at most (JSON). */
#define BUF_LEN (8 * (512 + 4096) + 1024)

/*
 * @line (@len bytes) is one line: one newline, at its end; no other byte
 * below 0x20, no DEL; well-formed UTF-8 without a C1 control, U+2028,
 * U+2029 or a bidirectional override or isolate.
 */
static void
check_one_line(const char *line, size_t len)
{
	const unsigned char *p = (const unsigned char *)line;

	FZ_CHECK(len > 0 && p[len - 1] == '\n');
	for (size_t i = 0; i + 1 < len; i++) {
		FZ_CHECK(p[i] >= 0x20 && p[i] != 0x7f);
		if (p[i] < 0x80)
			continue;
		/* A lead byte and its continuations, decoded by hand. */
		unsigned int cp;
		size_t n;

		if (p[i] >= 0xc2 && p[i] <= 0xdf) {
			n = 2;
			cp = p[i] & 0x1f;
		} else if (p[i] >= 0xe0 && p[i] <= 0xef) {
			n = 3;
			cp = p[i] & 0x0f;
		} else {
			FZ_CHECK(p[i] >= 0xf0 && p[i] <= 0xf4);
			n = 4;
			cp = p[i] & 0x07;
		}
		FZ_CHECK(i + n < len);
		for (size_t k = 1; k < n; k++) {
			FZ_CHECK((p[i + k] & 0xc0) == 0x80);
			cp = cp << 6 | (p[i + k] & 0x3f);
		}
		FZ_CHECK(n != 2 || cp >= 0x80);
		FZ_CHECK(n != 3 ||
			 (cp >= 0x800 && (cp < 0xd800 || cp > 0xdfff)));
		FZ_CHECK(n != 4 || (cp >= 0x10000 && cp <= 0x10ffff));
		FZ_CHECK(cp > 0x9f);
		FZ_CHECK(cp < 0x2028 || cp > 0x202e);
		FZ_CHECK(cp < 0x2066 || cp > 0x2069);
		i += n - 1;
	}
}

/* @s escaped, checked as a line of its own, and read back. */
static char *
escaped(const char *s)
{
	size_t len = strlen(s);
	char *e = hl_text_escape_dup(s), *back = malloc(len + 1);
	char *line;
	int n;

	FZ_CHECK(e && back);
	FZ_CHECK(strlen(e) <= 4 * len);
	FZ_CHECK(hl_text_needs_escape(s) == (strcmp(e, s) != 0));
	n = hl_text_unescape(back, len + 1, e);
	FZ_CHECK(n == (int)len && !memcmp(back, s, len + 1));
	FZ_CHECK(asprintf(&line, "%s\n", e) > 0);
	check_one_line(line, strlen(line));
	free(line);
	free(back);
	return e;
}

static void
check_event_lines(const char *mnt, const char *path, size_t limit)
{
	struct hl_event ev = {
		.domain = XFS_HEALTH_MONITOR_DOMAIN_INODE,
		.type = XFS_HEALTH_MONITOR_TYPE_SICK,
		.ino = 133,
		.gen = 7,
		.mask = XFS_BS_SICK_DIR,
	};
	struct hl_repair_report rep = {
		.ev = &ev,
		.bit = XFS_BS_SICK_DIR,
		.type = hl_repair_type_for_bit(ev.domain, XFS_BS_SICK_DIR),
		.outcome = HL_REPAIR_SUCCESS,
	};
	char *emnt = escaped(mnt), *epath = escaped(path);
	static char buf[BUF_LEN];
	struct hl_render r;

	FZ_CHECK(hl_render_init(&r, mnt) == 0);
	r.path = path;
	for (int json = 0; json < 2; json++) {
		for (int k = 0; k < 2; k++) {
			const struct hl_repair_report *rp = k ? &rep : NULL;
			int n = hl_log_line_format(buf, limit, json, &ev, rp,
						   &r);
			struct json_object *obj;

			/* The inode form always fits these limits. */
			FZ_CHECK(n > 0 && (size_t)n < limit);
			check_one_line(buf, n);
			if (!json) {
				size_t elen = strlen(epath);
				bool with_path = !strncmp(buf, epath, elen) &&
						 buf[elen] == ' ';

				/* The path, or the fallback to the inode. */
				FZ_CHECK(with_path ||
					 (!strncmp(buf, emnt, strlen(emnt)) &&
					  !strncmp(buf + strlen(emnt),
						   " ino 133 gen 0x7 ", 17)));
				continue;
			}
			obj = fz_json_line(buf, n);
			FZ_CHECK(obj);
			fz_check_json_string(obj, "mount", mnt);
			if (json_object_object_get_ex(obj, "path", NULL))
				fz_check_json_string(obj, "path", path);
			else
				FZ_CHECK(json_object_object_get_ex(
					obj, "path_too_long", NULL));
			json_object_put(obj);
		}
	}
	/* An added line carries a name in its text: one line still. */
	{
		char *text;
		int n;

		FZ_CHECK(asprintf(&text, "mount moved to %s; repairs go on",
				  path) > 0);
		n = hl_message_format_text(buf, sizeof(buf), "xfs_healthd",
					   text, &r);
		FZ_CHECK(n > 0);
		check_one_line(buf, n);
		FZ_CHECK(!strncmp(buf, "xfs_healthd: ", 13));
		free(text);
	}
	hl_render_free(&r);
	free(emnt);
	free(epath);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fz_in in = {data, size};
	uint8_t flags = fz_u8(&in);
	char *mnt = fz_str(&in, 512);
	char *path = fz_str(&in, 4096);
	size_t limit;

	FZ_CHECK(mnt && path);
	/*
	 * A line limit from one that only the inode form fits (as a daemon's
	 * fits any mount point) to one that fits everything.
	 */
	limit = flags & 0x80
			? BUF_LEN
			: 8 * strlen(mnt) + 1024 + (size_t)(flags & 0x7f) * 64;
	check_event_lines(mnt, path, limit);
	free(mnt);
	free(path);
	return 0;
}
