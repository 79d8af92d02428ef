// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Mount points, paths and messages as JSON strings: made UTF-8 first (JSON
 * text must be), then escaped.  Our own few lines rather than a JSON library:
 * this is all the JSON writing that needs escaping, and one shared library
 * less is a measurably quicker start (tests/bench).
 */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "jsonstr.h"
#include "out.h"

/* U+FFFD REPLACEMENT CHARACTER. */
static const char replacement[] = "\xef\xbf\xbd";

/* Length of the UTF-8 sequence at @p (RFC 3629), or 0 if it is not one. */
static size_t
utf8_seq(const unsigned char *p)
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

/*
 * @s with every byte that is not part of a UTF-8 sequence replaced; *exact
 * says whether nothing was.  The NUL ends the scan before any read past it.
 */
static char *
make_utf8(const char *s, size_t *len, bool *exact)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t slen = strlen(s);
	char *out = malloc(slen * 3 + 1);
	size_t o = 0;

	if (!out)
		return NULL;
	*exact = true;
	while (*p) {
		size_t n = utf8_seq(p);

		if (n) {
			memcpy(out + o, p, n);
			o += n;
			p += n;
		} else {
			memcpy(out + o, replacement, 3);
			o += 3;
			p++;
			*exact = false;
		}
	}
	out[o] = '\0';
	*len = o;
	return out;
}

/*
 * How byte @c is written inside a JSON string, or NULL if as it is: RFC
 * 8259's two-character escapes where there is one, \u00XX for the other
 * control characters ('/' and DEL need no escape; json-c's choices too).
 */
static const char *
json_escape(unsigned char c, char buf[7])
{
	static const char digits[] = "0123456789abcdef";

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
	if (c >= 0x20)
		return NULL;
	memcpy(buf, "\\u00", 4);
	buf[4] = digits[c >> 4];
	buf[5] = digits[c & 0xf];
	buf[6] = '\0';
	return buf;
}

/* "key":"<clean, escaped>" */
static char *
quote_member(const char *key, const char *clean, size_t clen)
{
	size_t klen = strlen(key);
	/* Each byte takes at most six ("\u001f"). */
	char *out = malloc(klen + 6 * clen + 6);
	char *p = out;
	char buf[7];

	if (!out)
		return NULL;
	*p++ = '"';
	memcpy(p, key, klen);
	p += klen;
	memcpy(p, "\":\"", 3);
	p += 3;
	for (size_t i = 0; i < clen; i++) {
		const char *esc = json_escape((unsigned char)clean[i], buf);

		if (esc) {
			size_t n = strlen(esc);

			memcpy(p, esc, n);
			p += n;
		} else {
			*p++ = clean[i];
		}
	}
	*p++ = '"';
	*p = '\0';
	return out;
}

/* ,"key_hex":"<hex bytes>" appended to @members. */
static char *
add_hex_member(char *members, const char *key, const char *s)
{
	static const char digits[] = "0123456789abcdef";
	size_t mlen = strlen(members), klen = strlen(key), slen = strlen(s);
	char *out = realloc(members, mlen + klen + 2 * slen + 12);
	char *p;

	if (!out) {
		free(members);
		return NULL;
	}
	p = out + mlen;
	*p++ = ',';
	*p++ = '"';
	memcpy(p, key, klen);
	p += klen;
	memcpy(p, "_hex\":\"", 7);
	p += 7;
	for (const unsigned char *b = (const unsigned char *)s; *b; b++) {
		*p++ = digits[*b >> 4];
		*p++ = digits[*b & 0xf];
	}
	*p++ = '"';
	*p = '\0';
	return out;
}

char *
hl_json_members(const char *key, const char *s)
{
	char *clean, *members;
	size_t clen;
	bool exact;

	clean = make_utf8(s, &clen, &exact);
	if (!clean)
		return NULL;
	members = quote_member(key, clean, clen);
	free(clean);
	if (members && !exact)
		members = add_hex_member(members, key, s);
	return members;
}

void
out_json_members(struct hl_out *o, const char *key, const char *s)
{
	char *members = hl_json_members(key, s);

	if (!members) {
		o->error = -ENOMEM;
		return;
	}
	out_char(o, ',');
	out_str(o, members);
	free(members);
}

/* The C library's texts are plain ASCII; anything else is escaped. */
void
out_json_error_text(struct hl_out *o, int err)
{
	char msg[64];
	const char *s = out_errtext(err, msg, sizeof(msg));

	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p < 0x20 || *p > 0x7e || *p == '"' || *p == '\\') {
			out_json_members(o, "error_text", s);
			return;
		}
	}
	out_lit(o, ",\"error_text\":\"");
	out_str(o, s);
	out_char(o, '"');
}
