// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Template unit names for a mount point, as "systemd-escape --template
 * PREFIX@.service --path PATH" makes them, without running it.
 */
#include <errno.h>
#include <string.h>

#include "out.h"

/* systemd refuses longer unit names (UNIT_NAME_MAX, with the NUL). */
#define UNIT_NAME_MAX 255

static bool
is_alnum(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9');
}

/* What systemd keeps as it is in an instance; "-" stands for "/". */
static bool
keeps(unsigned char c)
{
	return is_alnum(c) || c == ':' || c == '_' || c == '.';
}

/* A unit name prefix may also hold "-" and "\\" (already escaped text). */
static bool
prefix_ok(const char *prefix)
{
	if (!*prefix)
		return false;
	for (const unsigned char *p = (const unsigned char *)prefix; *p; p++)
		if (!keeps(*p) && *p != '-' && *p != '\\')
			return false;
	return true;
}

static void
escape_byte(struct hl_out *o, unsigned char c)
{
	static const char digits[] = "0123456789abcdef";

	out_lit(o, "\\x");
	out_char(o, digits[c >> 4]);
	out_char(o, digits[c & 0xf]);
}

/*
 * The path's components joined by "-", each byte escaped as systemd does;
 * "." components dropped (systemd simplifies them away), ".." refused.
 * Returns false for "..".
 */
static bool
escape_path(struct hl_out *o, const char *path)
{
	const char *p = path;
	bool first = true;

	for (;;) {
		size_t n;

		while (*p == '/')
			p++;
		if (!*p)
			break;
		n = strcspn(p, "/");
		if (n == 2 && p[0] == '.' && p[1] == '.')
			return false;
		if (n == 1 && p[0] == '.') {
			p += n;
			continue;
		}
		if (!first)
			out_char(o, '-');
		for (size_t i = 0; i < n; i++) {
			unsigned char c = p[i];

			/* A leading "." would make a hidden unit file. */
			if (keeps(c) && !(first && i == 0 && c == '.'))
				out_char(o, c);
			else
				escape_byte(o, c);
		}
		first = false;
		p += n;
	}
	if (first)
		out_char(o, '-'); /* the root */
	return true;
}

int
hl_unit_name(char *buf, size_t len, const char *prefix, const char *path)
{
	struct hl_out o;

	if (!buf || !len || !prefix || !path)
		return -EINVAL;
	buf[0] = '\0';
	if (!prefix_ok(prefix) || path[0] != '/')
		return -EINVAL;

	out_init(&o, buf, len);
	out_str(&o, prefix);
	out_char(&o, '@');
	if (!escape_path(&o, path))
		o.error = -EINVAL;
	out_lit(&o, ".service");
	if (o.used > UNIT_NAME_MAX)
		o.error = -EINVAL;
	return out_finish(&o);
}
