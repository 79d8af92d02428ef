// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Mount points and paths as JSON strings.  json-c does the escaping; this
 * file makes sure what it escapes is UTF-8, which json-c takes on trust.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <json-c/json.h>

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

/* "key":<json-c's quoting of the clean string> */
static char *
quote_member(const char *key, const char *clean, size_t clen)
{
	json_object *jstr = json_object_new_string_len(clean, clen);
	const char *q;
	size_t qlen, klen = strlen(key);
	char *out = NULL;

	if (!jstr)
		return NULL;
	q = json_object_to_json_string_length(
		jstr, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE,
		&qlen);
	if (q)
		out = malloc(klen + qlen + 4);
	if (out) {
		char *p = out;

		*p++ = '"';
		memcpy(p, key, klen);
		p += klen;
		*p++ = '"';
		*p++ = ':';
		memcpy(p, q, qlen);
		p[qlen] = '\0';
	}
	json_object_put(jstr);
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

/* The C library's texts are plain ASCII; anything else goes to json-c. */
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
