// SPDX-License-Identifier: GPL-2.0-or-later
/* Helpers shared by the fuzz targets (fuzz.h). */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <json-c/json.h>

#include "fuzz.h"

uint8_t
fz_u8(struct fz_in *in)
{
	if (!in->left)
		return 0;
	in->left--;
	return *in->p++;
}

uint16_t
fz_u16(struct fz_in *in)
{
	uint16_t lo = fz_u8(in);

	return lo | (uint16_t)fz_u8(in) << 8;
}

uint32_t
fz_u32(struct fz_in *in)
{
	uint32_t v = 0;

	for (int i = 0; i < 4; i++)
		v |= (uint32_t)fz_u8(in) << (8 * i);
	return v;
}

uint64_t
fz_u64(struct fz_in *in)
{
	uint64_t lo = fz_u32(in);

	return lo | (uint64_t)fz_u32(in) << 32;
}

char *
fz_str(struct fz_in *in, size_t max)
{
	size_t n = 0;
	char *s;

	while (n < max && n < in->left && in->p[n])
		n++;
	s = malloc(n + 1);
	if (!s)
		abort();
	memcpy(s, in->p, n);
	s[n] = '\0';
	/* The NUL that ended the string is used up too. */
	if (n < in->left && n < max)
		n++;
	in->p += n;
	in->left -= n;
	return s;
}

uint32_t
fz_rand(uint32_t *state)
{
	uint32_t x = *state ? *state : 0x9e3779b9;

	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	*state = x;
	return x;
}

void
fz_fail(const char *file, int line, const char *what)
{
	dprintf(STDERR_FILENO, "%s:%d: check failed: %s\n", file, line, what);
	abort();
}

/* Strict JSON, UTF-8 checked, the whole text one object. */
json_object *
fz_json_line(const char *line, size_t len)
{
	/* One tokener for the process: a new one per line costs more than
	 * the parse. */
	static struct json_tokener *tok;
	json_object *obj;

	if (!len || line[len - 1] != '\n' || memchr(line, '\n', len - 1))
		return NULL;
	if (!tok) {
		tok = json_tokener_new();
		if (!tok)
			abort();
		json_tokener_set_flags(tok, JSON_TOKENER_STRICT |
						    JSON_TOKENER_VALIDATE_UTF8);
	}
	json_tokener_reset(tok);
	obj = json_tokener_parse_ex(tok, line, (int)(len - 1));
	if (obj && (json_tokener_get_parse_end(tok) != len - 1 ||
		    !json_object_is_type(obj, json_type_object))) {
		json_object_put(obj);
		obj = NULL;
	}
	return obj;
}

/* RFC 3629, written apart from libhealth's so that the two can disagree. */
static bool
is_utf8(const unsigned char *s)
{
	while (*s) {
		unsigned int c = *s, n, cp;

		if (c < 0x80) {
			s++;
			continue;
		}
		if ((c & 0xe0) == 0xc0) {
			n = 1;
			cp = c & 0x1f;
		} else if ((c & 0xf0) == 0xe0) {
			n = 2;
			cp = c & 0x0f;
		} else if ((c & 0xf8) == 0xf0) {
			n = 3;
			cp = c & 0x07;
		} else {
			return false;
		}
		for (unsigned int i = 1; i <= n; i++) {
			if ((s[i] & 0xc0) != 0x80)
				return false;
			cp = cp << 6 | (s[i] & 0x3f);
		}
		if ((n == 1 && cp < 0x80) || (n == 2 && cp < 0x800) ||
		    (n == 3 && cp < 0x10000) || cp > 0x10ffff ||
		    (cp >= 0xd800 && cp <= 0xdfff))
			return false;
		s += n + 1;
	}
	return true;
}

void
fz_check_json_string(json_object *obj, const char *key, const char *s)
{
	json_object *val, *hex;
	char hexkey[64];

	snprintf(hexkey, sizeof(hexkey), "%s_hex", key);
	FZ_CHECK(json_object_object_get_ex(obj, key, &val));
	FZ_CHECK(json_object_is_type(val, json_type_string));
	if (is_utf8((const unsigned char *)s)) {
		FZ_CHECK(!strcmp(json_object_get_string(val), s));
		FZ_CHECK(!json_object_object_get_ex(obj, hexkey, NULL));
	} else {
		const char *h;

		FZ_CHECK(json_object_object_get_ex(obj, hexkey, &hex));
		h = json_object_get_string(hex);
		FZ_CHECK(strlen(h) == 2 * strlen(s));
		for (size_t i = 0; s[i]; i++) {
			unsigned char c = s[i];

			FZ_CHECK(h[2 * i] == "0123456789abcdef"[c >> 4] &&
				 h[2 * i + 1] == "0123456789abcdef"[c & 0xf]);
		}
	}
}

void
fz_quiet_stdio(void)
{
	FILE *null;

	if (getenv("FUZZ_SHOW_OUTPUT"))
		return;
	/*
	 * Swap the streams, not the descriptors: sanitizer reports and the
	 * fuzzer's own lines still reach descriptor 2.
	 */
	null = fopen("/dev/null", "w");
	if (!null)
		abort();
	stdout = null;
	stderr = null;
}
