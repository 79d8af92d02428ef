// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Mount points, paths and messages as JSON strings: made UTF-8 first (JSON
 * text must be), then escaped.  Our own few lines rather than a JSON library:
 * this is all the JSON writing that needs escaping, and one shared library
 * less is a measurably quicker start (tests/bench).
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "jsonstr.h"
#include "out.h"
#include "textstr.h"

/* U+FFFD REPLACEMENT CHARACTER. */
static const char replacement[] = "\xef\xbf\xbd";

static const char digits[] = "0123456789abcdef";

/* \uXXXX for a code point of the Basic Multilingual Plane. */
static void
out_json_u(struct hl_out *o, unsigned int cp)
{
	char esc[6] = {'\\', 'u', digits[cp >> 12 & 0xf], digits[cp >> 8 & 0xf],
		       digits[cp >> 4 & 0xf], digits[cp & 0xf]};

	out_mem(o, esc, sizeof(esc));
}

/*
 * How byte @c is written inside a JSON string, or NULL if as it is: RFC
 * 8259's two-character escapes where there is one, \u00XX for the other
 * control characters and DEL (which a terminal acts on; '/' needs no
 * escape).
 */
static const char *
json_escape(unsigned char c, char buf[7])
{
	switch (c) {
	case '"':
		return "\\\"";
	case '\\':
		return "\\\\";
	case '\b':
		return "\\b";
	case '\f':
		return "\\f";
	case '\n':
		return "\\n";
	case '\r':
		return "\\r";
	case '\t':
		return "\\t";
	}
	if (c >= 0x20 && c != 0x7f)
		return NULL;
	memcpy(buf, "\\u00", 4);
	buf[4] = digits[c >> 4];
	buf[5] = digits[c & 0xf];
	buf[6] = '\0';
	return buf;
}

/*
 * @s as the inside of a JSON string: each byte that is not part of a UTF-8
 * sequence replaced, then escaped; the characters that text lines escape
 * for changing a display (C1 controls, line separators, bidirectional
 * overrides: textstr.c) as \uXXXX, which reads back to the same string.
 * False if anything was replaced.  The NUL ends the scan before any read
 * past it.
 */
static bool
out_json_text(struct hl_out *o, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	bool exact = true;
	char buf[7];

	while (*p) {
		size_t n = hl_utf8_seq(p);
		const char *esc;

		if (!n) {
			out_mem(o, replacement, 3);
			exact = false;
			p++;
		} else if (n == 1 && (esc = json_escape(*p, buf)) != NULL) {
			out_str(o, esc);
			p++;
		} else if (n > 1 && hl_utf8_unsafe(p, n)) {
			out_json_u(o, hl_utf8_code_point(p, n));
			p += n;
		} else {
			out_mem(o, (const char *)p, n);
			p += n;
		}
	}
	return exact;
}

/* "key":"<s, made UTF-8, escaped>" and, if it was not, ,"key_hex":"..." */
static void
out_members(struct hl_out *o, const char *key, const char *s)
{
	out_char(o, '"');
	out_str(o, key);
	out_lit(o, "\":\"");
	if (out_json_text(o, s)) {
		out_char(o, '"');
		return;
	}
	out_lit(o, "\",\"");
	out_str(o, key);
	out_lit(o, "_hex\":\"");
	for (const unsigned char *b = (const unsigned char *)s; *b; b++) {
		out_char(o, digits[*b >> 4]);
		out_char(o, digits[*b & 0xf]);
	}
	out_char(o, '"');
}

/* Measured first: hl_out counts what it could not hold. */
char *
hl_json_members(const char *key, const char *s)
{
	struct hl_out o;
	char *members;
	size_t len;

	out_init(&o, NULL, 0);
	out_members(&o, key, s);
	len = o.used + 1;
	members = malloc(len);
	if (!members)
		return NULL;
	out_init(&o, members, len);
	out_members(&o, key, s);
	members[o.used] = '\0';
	return members;
}

void
out_json_members(struct hl_out *o, const char *key, const char *s)
{
	out_char(o, ',');
	out_members(o, key, s);
}

void
out_json_error_text(struct hl_out *o, int err)
{
	char msg[64];

	out_json_members(o, "error_text", out_errtext(err, msg, sizeof(msg)));
}
