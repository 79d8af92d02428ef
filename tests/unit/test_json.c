// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The JSON renderer: every line must parse (json-c, with UTF-8 checking on)
 * and carry exactly the keys doc/output-format.md lists for its kind, with
 * the event's values.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <json-c/json.h>

#include "unit.h"
#include "sample.h"

static char *
json_of(const struct hl_event *ev, const struct hl_render *r)
{
	static char buf[HL_LINE_MAX];
	int n = hl_event_format_json(buf, sizeof(buf), ev, r);

	CU_ASSERT(n > 0);
	CU_ASSERT_EQUAL((size_t)n, strlen(buf));
	return buf;
}

/* Parse strictly; the line must be one object, then the newline. */
static json_object *
parse(const char *line)
{
	struct json_tokener *tok = json_tokener_new();
	size_t len = strlen(line);
	json_object *obj;

	CU_ASSERT_FATAL(len > 0 && line[len - 1] == '\n');
	/* No raw control characters inside the object. */
	for (size_t i = 0; i + 1 < len; i++)
		CU_ASSERT((unsigned char)line[i] >= 0x20);

	json_tokener_set_flags(tok, JSON_TOKENER_STRICT |
					    JSON_TOKENER_VALIDATE_UTF8);
	obj = json_tokener_parse_ex(tok, line, len - 1);
	CU_ASSERT_EQUAL(json_tokener_get_error(tok), json_tokener_success);
	CU_ASSERT_EQUAL(json_tokener_get_parse_end(tok), len - 1);
	json_tokener_free(tok);
	CU_ASSERT_PTR_NOT_NULL_FATAL(obj);
	CU_ASSERT_FATAL(json_object_is_type(obj, json_type_object));

	/* The plain parser the brief names agrees. */
	{
		json_object *again = json_tokener_parse(line);

		CU_ASSERT_PTR_NOT_NULL(again);
		CU_ASSERT(json_object_equal(obj, again));
		json_object_put(again);
	}
	return obj;
}

static json_object *
get(json_object *obj, const char *key)
{
	json_object *v = NULL;

	CU_ASSERT(json_object_object_get_ex(obj, key, &v));
	if (!v)
		fprintf(stderr, "\nmissing key %s in %s\n", key,
			json_object_to_json_string(obj));
	return v;
}

static void
check_u64(json_object *obj, const char *key, uint64_t want)
{
	json_object *v = get(obj, key);

	CU_ASSERT_PTR_NOT_NULL_FATAL(v);
	CU_ASSERT(json_object_is_type(v, json_type_int));
	CU_ASSERT_EQUAL(json_object_get_uint64(v), want);
}

static void
check_str(json_object *obj, const char *key, const char *want)
{
	json_object *v = get(obj, key);

	CU_ASSERT_PTR_NOT_NULL_FATAL(v);
	CU_ASSERT(json_object_is_type(v, json_type_string));
	CU_ASSERT_STRING_EQUAL(json_object_get_string(v), want);
}

/* The key set is exactly @keys (a NULL-terminated list). */
static void
check_keys(json_object *obj, const char *const *keys)
{
	size_t nr = 0;

	while (keys[nr])
		nr++;
	CU_ASSERT_EQUAL(json_object_object_length(obj), (int)nr);
	json_object_object_foreach(obj, k, v)
	{
		bool found = false;

		(void)v;
		for (size_t i = 0; i < nr; i++)
			found |= !strcmp(k, keys[i]);
		CU_ASSERT(found);
		if (!found)
			fprintf(stderr, "\nunexpected key %s\n", k);
	}
}

/* A table's name as a string, or the bare number for an unknown value. */
static void
check_name(json_object *obj, const char *key, const struct hl_name_table *t,
	   uint64_t value)
{
	const char *name = hl_name_of(t, value);

	if (name)
		check_str(obj, key, name);
	else
		check_u64(obj, key, value);
}

/* ["name", ..., "0x..."] as hl_format_mask would list them. */
static void
check_names(json_object *obj, const char *key, const struct hl_name_table *t,
	    uint64_t mask)
{
	json_object *arr = get(obj, key);
	char want[512], got[512] = "";

	CU_ASSERT_PTR_NOT_NULL_FATAL(arr);
	CU_ASSERT_FATAL(json_object_is_type(arr, json_type_array));
	CU_ASSERT_EQUAL(hl_format_mask(t, mask, want, sizeof(want)), 0);
	for (size_t i = 0; i < json_object_array_length(arr); i++) {
		json_object *e = json_object_array_get_idx(arr, i);

		CU_ASSERT(json_object_is_type(e, json_type_string));
		if (i)
			strcat(got, ", ");
		strcat(got, json_object_get_string(e));
	}
	CU_ASSERT_STRING_EQUAL(got, want);
}

/* Check one event's object against its fields, by the documented key sets. */
static void
check_event(const struct hl_event *ev, const char *mnt, const char *path)
{
	const char *keys[16] = {"mount", "domain", "type", "time_ns"};
	size_t nk = 4;
	struct hl_render r;
	json_object *obj;

	CU_ASSERT_EQUAL_FATAL(hl_render_init(&r, mnt), 0);
	r.path = path;
	obj = parse(json_of(ev, &r));

	check_str(obj, "mount", mnt);
	check_name(obj, "domain", hl_domain_names(), ev->domain);
	check_name(obj, "type", hl_type_names(), ev->type);
	check_u64(obj, "time_ns", ev->time_ns);

	switch (hl_event_payload(ev->domain, ev->type)) {
	case HL_PAYLOAD_NONE:
		break;
	case HL_PAYLOAD_LOST:
		check_u64(obj, "count", ev->count);
		keys[nk++] = "count";
		break;
	case HL_PAYLOAD_SHUTDOWN:
		check_u64(obj, "mask", ev->mask);
		check_names(obj, "reasons", hl_shutdown_names(), ev->mask);
		keys[nk++] = "mask";
		keys[nk++] = "reasons";
		break;
	case HL_PAYLOAD_HEALTH:
		if (ev->domain == 2) {
			check_u64(obj, "agno", ev->group);
			keys[nk++] = "agno";
		} else if (ev->domain == 4) {
			check_u64(obj, "rgno", ev->group);
			keys[nk++] = "rgno";
		} else if (ev->domain == 3) {
			check_u64(obj, "ino", ev->ino);
			check_u64(obj, "gen", ev->gen);
			keys[nk++] = "ino";
			keys[nk++] = "gen";
			if (path) {
				check_str(obj, "path", path);
				keys[nk++] = "path";
			}
		}
		check_u64(obj, "mask", ev->mask);
		check_names(obj, "structures", hl_domain_mask_names(ev->domain),
			    ev->mask);
		keys[nk++] = "mask";
		keys[nk++] = "structures";
		break;
	case HL_PAYLOAD_MEDIA:
		check_str(obj, "device",
			  hl_name_of(hl_domain_names(), ev->domain));
		check_u64(obj, "daddr", ev->daddr);
		check_u64(obj, "bbcount", ev->bbcount);
		keys[nk++] = "device";
		keys[nk++] = "daddr";
		keys[nk++] = "bbcount";
		break;
	case HL_PAYLOAD_FILERANGE:
		check_u64(obj, "ino", ev->ino);
		check_u64(obj, "gen", ev->gen);
		check_u64(obj, "pos", ev->pos);
		check_u64(obj, "len", ev->len);
		check_u64(obj, "error", ev->error);
		keys[nk++] = "ino";
		keys[nk++] = "gen";
		keys[nk++] = "pos";
		keys[nk++] = "len";
		keys[nk++] = "error";
		if (ev->error) {
			check_str(obj, "error_text", strerror(ev->error));
			keys[nk++] = "error_text";
		}
		if (path) {
			check_str(obj, "path", path);
			keys[nk++] = "path";
		}
		break;
	}
	keys[nk] = NULL;
	check_keys(obj, keys);
	json_object_put(obj);
	hl_render_free(&r);
}

static void
check_line(struct hl_event ev, const char *want)
{
	struct hl_render r;
	const char *got;

	CU_ASSERT_EQUAL_FATAL(hl_render_init(&r, "/mnt"), 0);
	got = json_of(&ev, &r);
	CU_ASSERT_STRING_EQUAL(got, want);
	if (strcmp(got, want))
		fprintf(stderr, "\n got: %s want: %s", got, want);
	hl_render_free(&r);
}

/* ---- exact lines ----------------------------------------------------------
 */

static const char *const upstream_json[] = {
	"{\"mount\":\"/mnt\",\"domain\":\"mount\",\"type\":\"running\","
	"\"time_ns\":1767225600000000000}\n",
	"{\"mount\":\"/mnt\",\"domain\":\"mount\",\"type\":\"lost\","
	"\"time_ns\":1767225600000000001,\"count\":32}\n",
	"{\"mount\":\"/mnt\",\"domain\":\"fs\",\"type\":\"sick\","
	"\"time_ns\":1767225600000000002,\"mask\":3,"
	"\"structures\":[\"fscounters\",\"usrquota\"]}\n",
	"{\"mount\":\"/mnt\",\"domain\":\"fs\",\"type\":\"healthy\","
	"\"time_ns\":1767225600000000003,\"mask\":768,"
	"\"structures\":[\"metadir\",\"metapath\"]}\n",
	"{\"mount\":\"/mnt\",\"domain\":\"ag\",\"type\":\"corrupt\","
	"\"time_ns\":1767225600000000004,\"agno\":5,\"mask\":272,"
	"\"structures\":[\"bnobt\",\"rmapbt\"]}\n",
	"{\"mount\":\"/mnt\",\"domain\":\"ag\",\"type\":\"sick\","
	"\"time_ns\":1767225600000000005,\"agno\":0,\"mask\":1025,"
	"\"structures\":[\"super\",\"inodes\"]}\n",
	"{\"mount\":\"/mnt\",\"domain\":\"rtgroup\",\"type\":\"sick\","
	"\"time_ns\":1767225600000000006,\"rgno\":5,\"mask\":2,"
	"\"structures\":[\"bitmap\"]}\n",
	"{\"mount\":\"/mnt\",\"domain\":\"inode\",\"type\":\"healthy\","
	"\"time_ns\":1767225600000000007,\"ino\":13,\"gen\":3,\"mask\":2,"
	"\"structures\":[\"datafork\"]}\n",
	"{\"mount\":\"/mnt\",\"domain\":\"inode\",\"type\":\"sick\","
	"\"time_ns\":1767225600000000008,\"ino\":131,\"gen\":3735928559,"
	"\"mask\":32786,\"structures\":[\"datafork\",\"directory\","
	"\"0x8000\"]}\n",
	"{\"mount\":\"/mnt\",\"domain\":\"mount\",\"type\":\"shutdown\","
	"\"time_ns\":1767225600000000009,\"mask\":20,"
	"\"reasons\":[\"forced unmount\",\"ondisk metadata corruption\"]}\n",
	"{\"mount\":\"/mnt\",\"domain\":\"datadev\",\"type\":\"media_error\","
	"\"time_ns\":1767225600000000010,\"device\":\"datadev\",\"daddr\":19,"
	"\"bbcount\":5}\n",
	"{\"mount\":\"/mnt\",\"domain\":\"rtdev\",\"type\":\"media_error\","
	"\"time_ns\":1767225600000000011,\"device\":\"rtdev\",\"daddr\":4096,"
	"\"bbcount\":8}\n",
	"{\"mount\":\"/mnt\",\"domain\":\"logdev\",\"type\":\"media_error\","
	"\"time_ns\":1767225600000000012,\"device\":\"logdev\",\"daddr\":32,"
	"\"bbcount\":1}\n",
	"{\"mount\":\"/"
	"mnt\",\"domain\":\"filerange\",\"type\":\"buffered_read\","
	"\"time_ns\":1767225600000000013,\"ino\":13,\"gen\":3,\"pos\":4096,"
	"\"len\":4096,\"error\":5,\"error_text\":\"Input/output error\"}\n",
	"{\"mount\":\"/"
	"mnt\",\"domain\":\"filerange\",\"type\":\"buffered_write\","
	"\"time_ns\":1767225600000000014,\"ino\":13,\"gen\":3,\"pos\":0,"
	"\"len\":65536,\"error\":28,"
	"\"error_text\":\"No space left on device\"}\n",
	"{\"mount\":\"/"
	"mnt\",\"domain\":\"filerange\",\"type\":\"directio_read\","
	"\"time_ns\":1767225600000000015,\"ino\":14,\"gen\":1,\"pos\":8192,"
	"\"len\":512,\"error\":5,\"error_text\":\"Input/output error\"}\n",
	"{\"mount\":\"/"
	"mnt\",\"domain\":\"filerange\",\"type\":\"directio_write\","
	"\"time_ns\":1767225600000000016,\"ino\":14,\"gen\":1,\"pos\":8192,"
	"\"len\":512,\"error\":0}\n",
	"{\"mount\":\"/mnt\",\"domain\":\"filerange\",\"type\":\"media\","
	"\"time_ns\":1767225600000000017,\"ino\":15,\"gen\":2,\"pos\":12288,"
	"\"len\":4096,\"error\":0}\n",
	"{\"mount\":\"/mnt\",\"domain\":\"filerange\",\"type\":\"media\","
	"\"time_ns\":1767225600000000018,\"ino\":15,\"gen\":2,\"pos\":12288,"
	"\"len\":4096,\"error\":5,\"error_text\":\"Input/output error\"}\n",
	"{\"mount\":\"/mnt\",\"domain\":\"fs\",\"type\":\"media_error\","
	"\"time_ns\":1767225600000000019,\"mask\":1,"
	"\"structures\":[\"fscounters\"]}\n",
	"{\"mount\":\"/mnt\",\"domain\":\"mount\",\"type\":\"unmount\","
	"\"time_ns\":1767225600000000020}\n",
};

static void
test_upstream_events(void)
{
	CU_ASSERT_EQUAL_FATAL(ARRAY_SIZE(upstream_json), upstream_events_nr);
	for (size_t i = 0; i < upstream_events_nr; i++) {
		check_line(upstream_events[i], upstream_json[i]);
		check_event(&upstream_events[i], "/mnt", NULL);
	}
}

static void
test_unknown_exact(void)
{
	check_line((struct hl_event){.domain = 99, .type = 3, .time_ns = 1},
		   "{\"mount\":\"/mnt\",\"domain\":99,\"type\":\"sick\","
		   "\"time_ns\":1}\n");
	check_line((struct hl_event){.domain = 0, .type = 13, .time_ns = 2},
		   "{\"mount\":\"/mnt\",\"domain\":\"mount\",\"type\":13,"
		   "\"time_ns\":2}\n");
	/* A type that has a name keeps it, even where it cannot occur. */
	check_line((struct hl_event){.domain = 0, .type = 9, .time_ns = 2},
		   "{\"mount\":\"/mnt\",\"domain\":\"mount\","
		   "\"type\":\"buffered_write\",\"time_ns\":2}\n");
	check_line(
		(struct hl_event){
			.domain = 2, .type = ~0U, .mask = 0, .group = 1},
		"{\"mount\":\"/mnt\",\"domain\":\"ag\",\"type\":4294967295,"
		"\"time_ns\":0,\"agno\":1,\"mask\":0,\"structures\":[]}\n");
	check_line((struct hl_event){.domain = 0, .type = 6, .mask = 0x40},
		   "{\"mount\":\"/mnt\",\"domain\":\"mount\",\"type\":"
		   "\"shutdown\",\"time_ns\":0,\"mask\":64,"
		   "\"reasons\":[\"0x40\"]}\n");
}

/* ---- every domain x type, every bit ------------------------------------- */

static void
test_every_domain_and_type(void)
{
	static const uint32_t domains[] = {0, 1, 2, 3, 4,  5,
					   6, 7, 8, 9, 99, ~0U};

	for (size_t i = 0; i < ARRAY_SIZE(domains); i++) {
		for (uint32_t type = 0; type <= 14; type++) {
			struct hl_event ev = {
				.domain = domains[i],
				.type = type == 14 ? ~0U : type,
				.time_ns = ~0ULL,
				.mask = 0x80000013,
				.group = 0xffffffff,
				.gen = 0xfedcba98,
				.ino = ~0ULL,
				.count = 1ULL << 63,
				.daddr = 0x1122334455ULL,
				.bbcount = 0x99,
				.pos = 1ULL << 40,
				.len = 65536,
				.error = 28,
			};

			check_event(&ev, "/mnt", NULL);
			ev.error = 0;
			ev.mask = 0;
			check_event(&ev, "/mnt", NULL);
		}
	}
}

static void
test_every_mask_bit(void)
{
	for (uint32_t d = 0; d <= 4; d++) {
		const struct hl_name_table *t =
			d ? hl_domain_mask_names(d) : hl_shutdown_names();
		struct hl_event ev = {.domain = d, .type = d ? 4 : 6};

		for (size_t i = 0; i < t->nr; i++) {
			ev.mask = t->names[i].value;
			check_event(&ev, "/mnt", NULL);
		}
		ev.mask = hl_table_mask(t);
		check_event(&ev, "/mnt", NULL);
		ev.mask |= 0xc0000000;
		check_event(&ev, "/mnt", NULL);
		ev.mask = 0;
		check_event(&ev, "/mnt", NULL);
	}
}

/* ---- strings the user controls --------------------------------------------
 */

/* Quotes, backslash, newline, control characters, DEL and real UTF-8. */
static const char odd_utf8[] = "/mnt/\"q\" \\b\\\n\r\t\b\f\x01\x1f\x7f/"
			       "\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80/u";

static void
test_odd_mount_utf8(void)
{
	struct hl_event ev = {.domain = 3, .type = 3, .mask = 1, .ino = 1};
	struct hl_event io = {.domain = 8, .type = 8, .error = 5};

	for (size_t i = 0; i < upstream_events_nr; i++)
		check_event(&upstream_events[i], odd_utf8, NULL);
	check_event(&ev, odd_utf8, odd_utf8);
	check_event(&io, "/mnt", odd_utf8);
}

/*
 * Bytes that are not UTF-8: the string gets U+FFFD for each, and the
 * "_hex" member carries the exact bytes.
 */
static const char odd_bytes[] = "/mnt/\xff\xfe-\xc3(-\xed\xa0\x80-"
				"\xf4\x90\x80\x80-\xc0\xaf-\xe2\x82-\"\x01";
static const char odd_clean[] =
	"/mnt/\xef\xbf\xbd\xef\xbf\xbd-\xef\xbf\xbd(-"
	"\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd-"
	"\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd-"
	"\xef\xbf\xbd\xef\xbf\xbd-\xef\xbf\xbd\xef\xbf\xbd-\"\x01";

static void
check_hex(json_object *obj, const char *key, const char *want)
{
	json_object *v = get(obj, key);
	const char *hex;
	size_t len = strlen(want);

	CU_ASSERT_PTR_NOT_NULL_FATAL(v);
	hex = json_object_get_string(v);
	CU_ASSERT_EQUAL_FATAL(strlen(hex), 2 * len);
	for (size_t i = 0; i < len; i++) {
		unsigned int b;

		CU_ASSERT_EQUAL(sscanf(hex + 2 * i, "%2x", &b), 1);
		CU_ASSERT_EQUAL(b, (unsigned char)want[i]);
	}
}

static void
test_odd_mount_bytes(void)
{
	struct hl_event ev = {.domain = 3, .type = 3, .mask = 1, .ino = 1};
	struct hl_render r;
	json_object *obj;

	CU_ASSERT_EQUAL_FATAL(hl_render_init(&r, odd_bytes), 0);
	r.path = odd_bytes;
	obj = parse(json_of(&ev, &r));
	check_str(obj, "mount", odd_clean);
	check_hex(obj, "mount_hex", odd_bytes);
	check_str(obj, "path", odd_clean);
	check_hex(obj, "path_hex", odd_bytes);
	check_keys(obj, (const char *const[]){"mount", "mount_hex", "domain",
					      "type", "time_ns", "ino", "gen",
					      "path", "path_hex", "mask",
					      "structures", NULL});
	json_object_put(obj);
	hl_render_free(&r);

	/* Valid UTF-8 never gets the hex members. */
	CU_ASSERT_EQUAL_FATAL(hl_render_init(&r, odd_utf8), 0);
	CU_ASSERT_PTR_NULL(strstr(json_of(&ev, &r), "_hex"));
	hl_render_free(&r);
}

/* The exact bytes, so the form stays what doc/output-format.md says. */
static void
check_line_start(const char *mount, const char *want)
{
	struct hl_event ev = {.domain = 1, .type = 1};
	struct hl_render r;
	const char *line;

	CU_ASSERT_EQUAL_FATAL(hl_render_init(&r, mount), 0);
	line = json_of(&ev, &r);
	CU_ASSERT_EQUAL(strncmp(line, want, strlen(want)), 0);
	hl_render_free(&r);
}

static void
test_escape_bytes(void)
{
	check_line_start(odd_utf8,
			 "{\"mount\":\"/mnt/\\\"q\\\" \\\\b\\\\\\n"
			 "\\r\\t\\b\\f\\u0001\\u001f\\u007f/\xc3\xa9"
			 "\xe2\x82\xac\xf0\x9f\x98\x80/u\",\"domain\"");
	/* What text lines escape for a display, JSON writes as \uXXXX. */
	check_line_start("\xc2\x85\xc2\x9b\xc2\xa0\xe2\x80\xa8\xe2\x80\xae"
			 "\xe2\x81\xa9\xe2\x80\xaf",
			 "{\"mount\":\"\\u0085\\u009b\xc2\xa0\\u2028\\u202e"
			 "\\u2069\xe2\x80\xaf\",\"domain\"");
	check_line_start("\xff\n", "{\"mount\":\"\xef\xbf\xbd\\n\","
				   "\"mount_hex\":\"ff0a\",\"domain\"");
	check_line_start("", "{\"mount\":\"\",\"domain\"");
}

static void
test_empty_mount(void)
{
	check_event(&upstream_events[0], "", NULL);
}

/* ---- buffers and arguments ------------------------------------------------
 */

static void
test_enospc(void)
{
	const struct hl_event ev = upstream_events[8];
	const char *want = upstream_json[8];
	size_t wlen = strlen(want);
	struct hl_render r;
	char buf[512];

	CU_ASSERT_EQUAL_FATAL(hl_render_init(&r, "/mnt"), 0);
	for (size_t len = 1; len <= wlen; len++) {
		memset(buf, 'X', sizeof(buf));
		CU_ASSERT_EQUAL(hl_event_format_json(buf, len, &ev, &r),
				-ENOSPC);
		CU_ASSERT_EQUAL(strlen(buf), len - 1);
		CU_ASSERT_EQUAL(strncmp(buf, want, len - 1), 0);
		CU_ASSERT_EQUAL(buf[len], 'X');
	}
	CU_ASSERT_EQUAL(hl_event_format_json(buf, wlen + 1, &ev, &r),
			(int)wlen);
	hl_render_free(&r);
}

static void
test_bad_args(void)
{
	const struct hl_event ev = upstream_events[0];
	struct hl_render bare = {.mountpoint = "/mnt"};
	char buf[256];

	/* JSON needs hl_render_init's escaped mount point. */
	CU_ASSERT_EQUAL(hl_event_format_json(buf, sizeof(buf), &ev, &bare),
			-EINVAL);
	CU_ASSERT_EQUAL(hl_event_write_json(stdout, &ev, &bare), -EINVAL);
	CU_ASSERT_EQUAL(hl_event_format_json(buf, sizeof(buf), &ev, NULL),
			-EINVAL);
	CU_ASSERT_EQUAL(hl_event_format_json(buf, sizeof(buf), NULL, &bare),
			-EINVAL);
}

/* hl_event_write_json writes what hl_event_format_json makes, long or not. */
static void
test_write(void)
{
	static char mnt[4097];
	char *out = NULL;
	size_t outlen = 0, at = 0;
	struct hl_render r;
	FILE *f;

	memset(mnt, '\x01', sizeof(mnt) - 1); /* six bytes each as JSON */
	mnt[0] = '/';
	for (int pass = 0; pass < 2; pass++) {
		CU_ASSERT_EQUAL_FATAL(hl_render_init(&r, pass ? mnt : "/mnt"),
				      0);
		f = open_memstream(&out, &outlen);
		CU_ASSERT_PTR_NOT_NULL_FATAL(f);
		for (size_t i = 0; i < upstream_events_nr; i++)
			CU_ASSERT_EQUAL(
				hl_event_write_json(f, &upstream_events[i], &r),
				0);
		CU_ASSERT_EQUAL(fclose(f), 0);
		at = 0;
		for (size_t i = 0; i < upstream_events_nr; i++) {
			const char *want = json_of(&upstream_events[i], &r);

			CU_ASSERT_EQUAL(strncmp(out + at, want, strlen(want)),
					0);
			at += strlen(want);
		}
		CU_ASSERT_EQUAL(at, outlen);
		free(out);
		out = NULL;
		hl_render_free(&r);
	}
}

static const struct unit_test tests[] = {
	{"reference E.4 events", test_upstream_events},
	{"unknown events", test_unknown_exact},
	{"every domain and type", test_every_domain_and_type},
	{"every mask bit", test_every_mask_bit},
	{"odd UTF-8 mount point", test_odd_mount_utf8},
	{"mount point not UTF-8", test_odd_mount_bytes},
	{"escaped bytes", test_escape_bytes},
	{"empty mount point", test_empty_mount},
	{"ENOSPC", test_enospc},
	{"bad arguments", test_bad_args},
	{"write", test_write},
};

int
unit_register_json(void)
{
	return UNIT_ADD_SUITE("event json", tests);
}
