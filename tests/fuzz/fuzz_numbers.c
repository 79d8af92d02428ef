// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The parsers of what users type: numbers (hl_parse_u64), sizes
 * (hl_parse_size), scrub objects (hl_scrub_parse_request), the autofsck
 * property, unit names, and io/'s name lists (parse.c).
 *
 * Input: a selector byte, then the text (for unit names: prefix NUL path).
 */
#include <errno.h>
#include <string.h>

#include "fuzz.h"
#include "health.h"
#include "io.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check_size(const char *s, uint32_t blocksize)
{
	uint64_t bytes = 12345, plain;
	size_t n = strlen(s);
	int ret = hl_parse_size(s, blocksize, &bytes);

	FZ_CHECK(ret == 0 || ret == -EINVAL || ret == -ERANGE);
	if (ret)
		return;
	/* A plain number is itself; a suffix multiplies it exactly. */
	if (n && strchr("0123456789", s[n - 1]) && !strpbrk(s, "xX")) {
		FZ_CHECK(bytes == strtoull(s, NULL, 0));
	} else if (n > 1 && strchr("kK", s[n - 1]) && !strpbrk(s, "xX")) {
		char *num = strndup(s, n - 1);

		FZ_CHECK(num);
		FZ_CHECK(hl_parse_size(num, blocksize, &plain) == 0);
		FZ_CHECK(bytes == plain * 1024 && plain <= UINT64_MAX / 1024);
		free(num);
	}
}

/* Up to 7 blank-separated words, as the scrub command hands them on. */
static void
check_scrub(char *s)
{
	char *argv[8], *save = NULL;
	struct hl_scrub_request req;
	enum hl_scrub_arg_error why;
	int argc = 0, bad, ret;

	for (char *w = strtok_r(s, " \t", &save); w && argc < 7;
	     w = strtok_r(NULL, " \t", &save))
		argv[argc++] = w;
	argv[argc] = NULL;

	ret = hl_scrub_parse_request(argc, argv, &req, &why, &bad);
	if (ret == 0) {
		FZ_CHECK(why == HL_SCRUB_ARGS_OK && bad == -1 && req.type);
		FZ_CHECK(!strcmp(req.type->name, argv[0]));
	} else {
		FZ_CHECK(ret == -EINVAL && why != HL_SCRUB_ARGS_OK);
		FZ_CHECK(bad >= -1 && bad < argc);
	}
}

static void
check_autofsck(const uint8_t *p, size_t n)
{
	enum hl_autofsck v = 99;
	int ret = hl_autofsck_parse(p, n, &v);

	FZ_CHECK(ret == 0 || (ret == -EINVAL && v == HL_AUTOFSCK_UNSET));
	if (ret == 0) {
		const char *name = hl_name_of(hl_autofsck_names(), v);

		FZ_CHECK(name && n >= strlen(name) &&
			 !memcmp(p, name, strlen(name)));
	}
}

/* systemd's unescaping of an instance: "-" is "/", \xNN a byte. */
static void
unescape(const char *in, size_t n, char *out)
{
	char *o = out;

	*o++ = '/';
	if (n == 1 && in[0] == '-') {
		*o = '\0';
		return;
	}
	for (size_t i = 0; i < n; i++) {
		if (in[i] == '-') {
			*o++ = '/';
		} else if (in[i] == '\\') {
			FZ_CHECK(i + 3 < n && in[i + 1] == 'x');
			*o++ = (char)strtoul((char[]){in[i + 2], in[i + 3], 0},
					     NULL, 16);
			i += 3;
		} else {
			*o++ = in[i];
		}
	}
	*o = '\0';
}

/* The path without empty and "." components; NULL if it has "..". */
static char *
normalise(const char *path)
{
	char *out = malloc(strlen(path) + 2), *o = out;
	const char *p = path;

	FZ_CHECK(out);
	while (*p) {
		size_t n;

		while (*p == '/')
			p++;
		n = strcspn(p, "/");
		if (!n)
			break;
		if (n == 2 && !memcmp(p, "..", 2)) {
			free(out);
			return NULL;
		}
		if (!(n == 1 && *p == '.')) {
			*o++ = '/';
			memcpy(o, p, n);
			o += n;
		}
		p += n;
	}
	if (o == out)
		*o++ = '/';
	*o = '\0';
	return out;
}

static void
check_unit_name(const char *prefix, const char *path, size_t len)
{
	char buf[600], back[600];
	int ret = hl_unit_name(buf, len, prefix, path);
	char *norm, *at;

	if (ret == -EINVAL || ret == -ENOSPC)
		return;
	FZ_CHECK(ret > 0 && (size_t)ret == strlen(buf) && ret <= 255);

	/* Only what systemd keeps in a unit name, and it unescapes back. */
	for (const char *p = buf; *p; p++)
		FZ_CHECK(
			strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTU"
			       "VWXYZ0123456789:_.-\\@",
			       *p));
	at = strchr(buf, '@');
	FZ_CHECK(at && !strncmp(buf, prefix, at - buf) &&
		 strlen(prefix) == (size_t)(at - buf));
	FZ_CHECK(ret >= 8 && !strcmp(buf + ret - 8, ".service"));
	norm = normalise(path);
	FZ_CHECK(norm);
	unescape(at + 1, buf + ret - 8 - (at + 1), back);
	FZ_CHECK(!strcmp(back, norm));
	free(norm);
}

static void
check_u64(const char *s, uint64_t max)
{
	uint64_t v = 7;
	int ret = hl_parse_u64(s, max, &v);

	FZ_CHECK(ret == 0 || ret == -EINVAL || ret == -ERANGE);
	if (ret == 0)
		FZ_CHECK(v <= max && v == strtoull(s, NULL, 0));
	else
		FZ_CHECK(v == 7);
}

static void
check_name_list(char *s, bool types)
{
	const struct hl_name_table *t =
		types ? hl_type_names() : hl_domain_names();
	char *copy = strdup(s);
	const char *bad = NULL;
	uint64_t mask = 0;
	int ret;

	FZ_CHECK(copy);
	ret = parse_name_list(t, s, &mask, &bad);
	if (ret == 0) {
		FZ_CHECK(mask);
	} else {
		FZ_CHECK(ret == -ENOENT && bad);
		FZ_CHECK(bad >= s && bad <= s + strlen(copy));
	}
	free(copy);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fz_in in = {data, size};
	uint8_t sel = fz_u8(&in);
	const uint8_t *rest = in.p;
	size_t rest_len = in.left;
	char *s = fz_str(&in, 256);

	switch (sel % 6) {
	case 0:
		check_size(s, sel < 128 ? 4096 : (sel & 0x40 ? 0 : 512));
		break;
	case 1:
		check_scrub(s);
		break;
	case 2:
		check_autofsck(rest, rest_len);
		break;
	case 3: {
		char *path = fz_str(&in, 256);

		check_unit_name(s, path, sel % 60 * 10 + 1);
		check_unit_name(s, path, 600);
		free(path);
		break;
	}
	case 4:
		check_u64(s, sel & 0x80 ? UINT64_MAX : (uint64_t)sel << 20);
		break;
	case 5:
		check_name_list(s, sel & 0x80);
		break;
	}
	free(s);
	return 0;
}
