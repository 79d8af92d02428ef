// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Names the user controls (mount points, paths, file names) in text lines.
 * A file name may hold any byte but '/' and NUL, so printed as it is, it can
 * end a line and start a forged one, move the cursor back over a line, or
 * make a log reader hide the line as binary.  Every such byte is written as
 * a backslash escape instead, in a form that printf's %b and C read back
 * (doc/output-format.md, "Names in text lines"):
 *
 *   \\  the backslash itself      \n \r \t  newline, return, tab
 *   \xHH (lowercase hex) every other byte below 0x20, DEL, every byte
 *        that is not part of well-formed UTF-8, and each byte of the
 *        UTF-8 form of a C1 control (U+0080-U+009F), a line or paragraph
 *        separator (U+2028, U+2029) or a bidirectional override or
 *        isolate (U+202A-U+202E, U+2066-U+2069), which can reorder what
 *        a terminal shows.
 *
 * Anything else, printable ASCII and well-formed UTF-8 alike, is copied, so
 * a name without such bytes prints exactly as xfs_io and xfs_healer print
 * it.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <stdbool.h>

#include "out.h"
#include "textstr.h"

static const char hexdigits[] = "0123456789abcdef";

/* Length of the well-formed UTF-8 sequence at @p (RFC 3629), or 0. */
size_t
hl_utf8_seq(const unsigned char *p)
{
	unsigned char lo = 0x80, hi = 0xbf;
	size_t n;

	if (p[0] < 0x80)
		return 1;
	if (p[0] >= 0xc2 && p[0] <= 0xdf)
		n = 2;
	else if (p[0] >= 0xe0 && p[0] <= 0xef)
		n = 3;
	else if (p[0] >= 0xf0 && p[0] <= 0xf4)
		n = 4;
	else
		return 0;

	/* No overlong forms, no surrogates, nothing past U+10FFFF. */
	if (p[0] == 0xe0)
		lo = 0xa0;
	else if (p[0] == 0xed)
		hi = 0x9f;
	else if (p[0] == 0xf0)
		lo = 0x90;
	else if (p[0] == 0xf4)
		hi = 0x8f;
	if (p[1] < lo || p[1] > hi)
		return 0;
	for (size_t i = 2; i < n; i++)
		if (p[i] < 0x80 || p[i] > 0xbf)
			return 0;
	return n;
}

unsigned int
hl_utf8_code_point(const unsigned char *p, size_t n)
{
	static const unsigned char lead_mask[] = {0, 0x7f, 0x1f, 0x0f, 0x07};
	unsigned int cp = p[0] & lead_mask[n];

	for (size_t i = 1; i < n; i++)
		cp = cp << 6 | (p[i] & 0x3f);
	return cp;
}

bool
hl_utf8_unsafe(const unsigned char *p, size_t n)
{
	/* C1 controls: U+0080-U+009F are c2 80 .. c2 9f. */
	if (n == 2)
		return p[0] == 0xc2 && p[1] <= 0x9f;
	if (n != 3 || p[0] != 0xe2)
		return false;
	/* U+2028-U+202E are e2 80 a8..ae; U+2066-U+2069 e2 81 a6..a9. */
	return (p[1] == 0x80 && p[2] >= 0xa8 && p[2] <= 0xae) ||
	       (p[1] == 0x81 && p[2] >= 0xa6 && p[2] <= 0xa9);
}

static void
out_byte_hex(struct hl_out *o, unsigned char c)
{
	char esc[4] = {'\\', 'x', hexdigits[c >> 4], hexdigits[c & 0xf]};

	out_mem(o, esc, sizeof(esc));
}

/*
 * The length of the run at @p that goes out as it is (0 if the first byte
 * needs an escape), and in *esc_len how many bytes from there are escaped.
 */
static size_t
plain_run(const unsigned char *p, size_t *esc_len, bool keep_backslash)
{
	const unsigned char *start = p;

	for (;;) {
		size_t n;

		if (*p >= 0x20 && *p < 0x7f && (*p != '\\' || keep_backslash)) {
			p++;
			continue;
		}
		if (!*p) {
			*esc_len = 0;
			break;
		}
		n = hl_utf8_seq(p);
		if (n > 1 && !hl_utf8_unsafe(p, n)) {
			p += n;
			continue;
		}
		/* A byte of a broken sequence is escaped alone. */
		*esc_len = n ? n : 1;
		break;
	}
	return p - start;
}

static void
out_escaped(struct hl_out *o, const char *s, bool keep_backslash)
{
	const unsigned char *p = (const unsigned char *)s;

	for (;;) {
		size_t esc_len, n = plain_run(p, &esc_len, keep_backslash);

		out_mem(o, (const char *)p, n);
		p += n;
		if (!esc_len)
			return;
		for (size_t i = 0; i < esc_len; i++, p++) {
			switch (*p) {
			case '\\':
				out_lit(o, "\\\\");
				break;
			case '\n':
				out_lit(o, "\\n");
				break;
			case '\r':
				out_lit(o, "\\r");
				break;
			case '\t':
				out_lit(o, "\\t");
				break;
			default:
				out_byte_hex(o, *p);
				break;
			}
		}
	}
}

void
out_text(struct hl_out *o, const char *s)
{
	out_escaped(o, s, false);
}

void
out_text_safe(struct hl_out *o, const char *s)
{
	out_escaped(o, s, true);
}

bool
hl_text_needs_escape(const char *s)
{
	size_t esc_len;

	plain_run((const unsigned char *)s, &esc_len, false);
	return esc_len != 0;
}

int
hl_text_escape(char *buf, size_t len, const char *s)
{
	struct hl_out o;

	if (!buf || !len || !s)
		return -EINVAL;
	out_init(&o, buf, len);
	out_text(&o, s);
	return out_finish(&o);
}

/* Measured first: hl_out counts what it could not hold. */
char *
hl_text_escape_dup(const char *s)
{
	struct hl_out o;
	char *copy;

	if (!s)
		return NULL;
	out_init(&o, NULL, 0);
	out_text(&o, s);
	copy = malloc(o.used + 1);
	if (!copy)
		return NULL;
	out_init(&o, copy, o.used + 1);
	out_text(&o, s);
	copy[o.used] = '\0';
	return copy;
}

static int
hex_value(char c)
{
	const char *d = c ? strchr(hexdigits, c) : NULL;

	return d ? (int)(d - hexdigits) : -1;
}

int
hl_text_unescape(char *buf, size_t len, const char *s)
{
	size_t used = 0;

	if (!buf || !len || !s)
		return -EINVAL;
	while (*s) {
		char c = *s++;

		if (c == '\\') {
			switch (*s++) {
			case '\\':
				break;
			case 'n':
				c = '\n';
				break;
			case 'r':
				c = '\r';
				break;
			case 't':
				c = '\t';
				break;
			case 'x': {
				int hi = hex_value(s[0]);
				int lo = hi < 0 ? -1 : hex_value(s[1]);

				/* A name never holds a NUL byte. */
				if (lo < 0 || (hi | lo) == 0)
					return -EINVAL;
				c = (char)(hi << 4 | lo);
				s += 2;
				break;
			}
			default:
				return -EINVAL;
			}
		}
		if (used + 1 < len)
			buf[used] = c;
		used++;
	}
	if (used >= len) {
		buf[len - 1] = '\0';
		return -ENOSPC;
	}
	buf[used] = '\0';
	return (int)used;
}
