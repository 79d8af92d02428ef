// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The text renderer against xfs_io 7.2 (reference E.4).  The expected lines
 * are written out, or made with snprintf by a second, deliberately naive
 * renderer below, so the hand-rolled number formatting is checked too.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "sample.h"

static const char *const health_words[] = {
	[3] = "sick", [4] = "corrupt", [5] = "healthy"};
static const char *const io_words[] = {[8] = "buffered_read",
				       [9] = "buffered_write",
				       [10] = "directio_read",
				       [11] = "directio_write",
				       [12] = "media"};
static const char *const dev_words[] = {
	[5] = "datadev", [6] = "rtdev", [7] = "logdev"};

static char *
text_of(const struct hl_event *ev, const struct hl_render *r)
{
	static char buf[HL_LINE_MAX];
	int n = hl_event_format_text(buf, sizeof(buf), ev, r);

	CU_ASSERT(n > 0);
	CU_ASSERT_EQUAL((size_t)n, strlen(buf));
	return buf;
}

static void
check_text(const struct hl_event *ev, const char *mnt, const char *path,
	   const char *want)
{
	struct hl_render r;
	const char *got;

	CU_ASSERT_EQUAL_FATAL(hl_render_init(&r, mnt), 0);
	r.path = path;
	got = text_of(ev, &r);
	CU_ASSERT_STRING_EQUAL(got, want);
	if (strcmp(got, want))
		fprintf(stderr, "\n got: %s want: %s", got, want);
	hl_render_free(&r);
}

static void
check(struct hl_event ev, const char *want)
{
	check_text(&ev, "/mnt", NULL, want);
}

/* ---- the reference block ------------------------------------------------ */

struct sink {
	FILE *f;
	struct hl_render r;
};

static int
write_fn(const struct hl_event *ev, void *arg)
{
	struct sink *k = arg;

	return hl_event_write_text(k->f, ev, &k->r);
}

static void
test_upstream_block(void)
{
	unsigned char buf[64 * HL_EVENT_SIZE];
	struct hl_stream s;
	struct sink k;
	char *out = NULL;
	size_t outlen = 0;

	k.f = open_memstream(&out, &outlen);
	CU_ASSERT_PTR_NOT_NULL_FATAL(k.f);
	CU_ASSERT_EQUAL_FATAL(hl_render_init(&k.r, "/mnt"), 0);
	sample_encode(upstream_events, upstream_events_nr, buf);
	hl_stream_init(&s);
	CU_ASSERT_EQUAL(hl_stream_feed(&s, buf,
				       upstream_events_nr * HL_EVENT_SIZE,
				       write_fn, &k),
			0);
	CU_ASSERT_EQUAL(fclose(k.f), 0);
	CU_ASSERT_EQUAL(outlen, strlen(upstream_text));
	CU_ASSERT_STRING_EQUAL(out, upstream_text);
	free(out);
	hl_render_free(&k.r);
}

/* The same lines one at a time through hl_event_format_text. */
static void
test_upstream_lines(void)
{
	const char *line = upstream_text;

	for (size_t i = 0; i < upstream_events_nr; i++) {
		const char *nl = strchr(line, '\n');
		char want[256];

		CU_ASSERT_PTR_NOT_NULL_FATAL(nl);
		snprintf(want, sizeof(want), "%.*s", (int)(nl - line + 1),
			 line);
		check(upstream_events[i], want);
		line = nl + 1;
	}
	CU_ASSERT_EQUAL(*line, '\0');
}

/* ---- every kind the kernel sends ---------------------------------------- */

static void
test_mount_kinds(void)
{
	check((struct hl_event){.domain = 0, .type = 0},
	      "/mnt: monitoring started\n");
	check((struct hl_event){.domain = 0, .type = 1, .count = 1},
	      "/mnt: 1 events lost\n");
	check((struct hl_event){.domain = 0, .type = 1, .count = ~0ULL},
	      "/mnt: 18446744073709551615 events lost\n");
	check((struct hl_event){.domain = 0, .type = 1, .count = 0},
	      "/mnt: 0 events lost\n");
	check((struct hl_event){.domain = 0, .type = 2},
	      "/mnt: filesystem unmounted\n");
	check((struct hl_event){.domain = 0, .type = 6, .mask = 0x1},
	      "/mnt: filesystem shut down due to metadata I/O error\n");
}

static void
test_health_kinds(void)
{
	for (uint32_t t = 3; t <= 5; t++) {
		char want[256];

		snprintf(want, sizeof(want), "/mnt nlinks: %s\n",
			 health_words[t]);
		check((struct hl_event){.domain = 1, .type = t, .mask = 0x80},
		      want);
		snprintf(want, sizeof(want), "/mnt agno 0xffffffff agi: %s\n",
			 health_words[t]);
		check((struct hl_event){.domain = 2,
					.type = t,
					.mask = 0x8,
					.group = 0xffffffff},
		      want);
		snprintf(want, sizeof(want),
			 "/mnt ino 18446744073709551615 gen 0x0 core: %s\n",
			 health_words[t]);
		check((struct hl_event){.domain = 3,
					.type = t,
					.mask = 0x1,
					.ino = ~0ULL,
					.gen = 0},
		      want);
		snprintf(want, sizeof(want), "/mnt rgno 0xa refcountbt: %s\n",
			 health_words[t]);
		check((struct hl_event){.domain = 4,
					.type = t,
					.mask = 0x10,
					.group = 10},
		      want);
	}
}

static void
test_media_kinds(void)
{
	check(
		(struct hl_event){
			.domain = 5, .type = 7, .daddr = 0, .bbcount = 0},
		"/mnt datadev daddr 0x0 bbcount 0x0: media error\n");
	check((struct hl_event){.domain = 6,
				.type = 7,
				.daddr = 0xffffffffffffffffULL,
				.bbcount = 0xabcdef0123456789ULL},
	      "/mnt rtdev daddr 0xffffffffffffffff bbcount 0xabcdef0123456789: "
	      "media error\n");
	check((struct hl_event){.domain = 7,
				.type = 7,
				.daddr = 0x10,
				.bbcount = 0x800},
	      "/mnt logdev daddr 0x10 bbcount 0x800: media error\n");
}

static void
test_filerange_kinds(void)
{
	check((struct hl_event){.domain = 8,
				.type = 8,
				.ino = 1,
				.gen = 2,
				.pos = 3,
				.len = 4,
				.error = 61},
	      "/mnt ino 1 gen 0x2 pos 3 len 4: buffered_read: No data "
	      "available\n");
	check((struct hl_event){.domain = 8,
				.type = 8,
				.ino = 1,
				.gen = 2,
				.pos = 3,
				.len = 4},
	      "/mnt ino 1 gen 0x2 pos 3 len 4: buffered_read failed\n");
	check((struct hl_event){.domain = 8,
				.type = 9,
				.ino = 1,
				.gen = 2,
				.pos = 3,
				.len = 4,
				.error = 122},
	      "/mnt ino 1 gen 0x2 pos 3 len 4: buffered_write: Disk quota "
	      "exceeded\n");
	check((struct hl_event){.domain = 8,
				.type = 9,
				.ino = 1,
				.gen = 2,
				.pos = 3,
				.len = 4},
	      "/mnt ino 1 gen 0x2 pos 3 len 4: buffered_write failed\n");
	check((struct hl_event){.domain = 8,
				.type = 10,
				.ino = 1,
				.gen = 2,
				.pos = ~0ULL,
				.len = ~0ULL,
				.error = 5},
	      "/mnt ino 1 gen 0x2 pos 18446744073709551615 len "
	      "18446744073709551615: directio_read: Input/output error\n");
	check((struct hl_event){.domain = 8, .type = 10, .ino = 1, .gen = 2},
	      "/mnt ino 1 gen 0x2 pos 0 len 0: directio_read failed\n");
	check((struct hl_event){.domain = 8,
				.type = 11,
				.ino = 1,
				.gen = 2,
				.error = 28},
	      "/mnt ino 1 gen 0x2 pos 0 len 0: directio_write: No space left "
	      "on device\n");
	check((struct hl_event){.domain = 8, .type = 11, .ino = 1, .gen = 2},
	      "/mnt ino 1 gen 0x2 pos 0 len 0: directio_write failed\n");
	check((struct hl_event){.domain = 8,
				.type = 12,
				.ino = 1,
				.gen = 2,
				.error = 5},
	      "/mnt ino 1 gen 0x2 pos 0 len 0: media failed\n");
	check((struct hl_event){.domain = 8, .type = 12, .ino = 1, .gen = 2},
	      "/mnt ino 1 gen 0x2 pos 0 len 0: media failed\n");
	/* An errno strerror does not know. */
	check((struct hl_event){.domain = 8, .type = 8, .error = 9999},
	      "/mnt ino 0 gen 0x0 pos 0 len 0: buffered_read: Unknown error "
	      "9999\n");
}

/* ---- every domain x type, against a naive snprintf renderer -------------- */

static void __attribute__((format(printf, 3, 4)))
append(char *buf, size_t len, const char *fmt, ...)
{
	size_t used = strlen(buf);
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf + used, len - used, fmt, ap);
	va_end(ap);
}

static void
reference_line(const struct hl_event *ev, char *buf, size_t len)
{
	char mask[512];
	uint32_t d = ev->domain, t = ev->type;

	buf[0] = '\0';
	if (d == 0 && (t == 0 || t == 1 || t == 2 || t == 6)) {
		static const char *const words[] = {
			[0] = "monitoring started",
			[2] = "filesystem unmounted"};

		if (t == 1)
			append(buf, len, "/mnt: %llu events lost",
			       (unsigned long long)ev->count);
		else if (t == 6) {
			hl_format_mask(hl_shutdown_names(), ev->mask, mask,
				       sizeof(mask));
			append(buf, len, "/mnt: filesystem shut down due to %s",
			       mask);
		} else
			append(buf, len, "/mnt: %s", words[t]);
	} else if (d >= 1 && d <= 4) {
		hl_format_mask(hl_domain_mask_names(d), ev->mask, mask,
			       sizeof(mask));
		if (d == 1)
			append(buf, len, "/mnt");
		else if (d == 2)
			append(buf, len, "/mnt agno 0x%x", ev->group);
		else if (d == 3)
			append(buf, len, "/mnt ino %llu gen 0x%x",
			       (unsigned long long)ev->ino, ev->gen);
		else
			append(buf, len, "/mnt rgno 0x%x", ev->group);
		append(buf, len, " %s: %s", mask,
		       t >= 3 && t <= 5 ? health_words[t] : "unknown value");
	} else if (d >= 5 && d <= 7) {
		append(buf, len,
		       "/mnt %s daddr 0x%llx bbcount 0x%llx: media error",
		       dev_words[d], (unsigned long long)ev->daddr,
		       (unsigned long long)ev->bbcount);
	} else if (d == 8) {
		append(buf, len, "/mnt ino %llu gen 0x%x pos %llu len %llu: %s",
		       (unsigned long long)ev->ino, ev->gen,
		       (unsigned long long)ev->pos, (unsigned long long)ev->len,
		       t >= 8 && t <= 12 ? io_words[t] : "unknown value");
		if (t != 12 && ev->error)
			append(buf, len, ": %s", strerror(ev->error));
		else
			append(buf, len, " failed");
	} else {
		append(buf, len, "/mnt: unknown event domain 0x%x type 0x%x", d,
		       t);
	}
	append(buf, len, "\n");
}

static const uint32_t matrix_domains[] = {0, 1, 2, 3,  4,	   5,  6,
					  7, 8, 9, 99, 0x80000000, ~0U};
static const uint32_t matrix_types[] = {
	0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 99, 0x80000000, ~0U};

static void
test_every_domain_and_type(void)
{
	for (size_t i = 0; i < ARRAY_SIZE(matrix_domains); i++) {
		for (size_t j = 0; j < ARRAY_SIZE(matrix_types); j++) {
			struct hl_event ev = {
				.domain = matrix_domains[i],
				.type = matrix_types[j],
				.time_ns = 1,
				.mask = 0x80000011,
				.group = 0x1234abcd,
				.gen = 0xfedcba98,
				.ino = 123456789012345ULL,
				.count = 42,
				.daddr = 0x1122334455ULL,
				.bbcount = 0x99,
				.pos = 1ULL << 40,
				.len = 65536,
				.error = 5,
			};
			char want[1024];

			reference_line(&ev, want, sizeof(want));
			check(ev, want);
			ev.error = 0;
			reference_line(&ev, want, sizeof(want));
			check(ev, want);
		}
	}
}

/* ---- masks --------------------------------------------------------------- */

/* Every bit of every table, alone, then all of them and an unknown one. */
static void
test_every_mask_bit(void)
{
	for (uint32_t d = 1; d <= 4; d++) {
		const struct hl_name_table *t = hl_domain_mask_names(d);
		struct hl_event ev = {.domain = d, .type = 3};
		char want[1024];

		CU_ASSERT_PTR_NOT_NULL_FATAL(t);
		for (size_t i = 0; i < t->nr; i++) {
			ev.mask = t->names[i].value;
			reference_line(&ev, want, sizeof(want));
			CU_ASSERT_PTR_NOT_NULL(strstr(want, t->names[i].name));
			check(ev, want);
		}
		ev.mask = hl_table_mask(t) | 0x80000000;
		reference_line(&ev, want, sizeof(want));
		CU_ASSERT_PTR_NOT_NULL(strstr(want, ", 0x80000000: sick\n"));
		check(ev, want);
	}
}

static void
test_unknown_bits(void)
{
	check((struct hl_event){.domain = 1, .type = 3, .mask = 0xfffffc00},
	      "/mnt 0xfffffc00: sick\n");
	check((struct hl_event){.domain = 2, .type = 4, .mask = 0x801},
	      "/mnt agno 0x0 super, 0x800: corrupt\n");
	check((struct hl_event){.domain = 4, .type = 5, .mask = 0x60},
	      "/mnt rgno 0x0 0x60: healthy\n");
	check((struct hl_event){.domain = 3, .type = 3, .mask = 0x80000200},
	      "/mnt ino 0 gen 0x0 0x80000200: sick\n");
	check((struct hl_event){.domain = 0, .type = 6, .mask = 0x41},
	      "/mnt: filesystem shut down due to metadata I/O error, 0x40\n");
}

/* The kernel never sends them, but they must not print junk. */
static void
test_empty_masks(void)
{
	check((struct hl_event){.domain = 1, .type = 3}, "/mnt : sick\n");
	check((struct hl_event){.domain = 2, .type = 4, .group = 1},
	      "/mnt agno 0x1 : corrupt\n");
	check((struct hl_event){.domain = 3, .type = 5, .ino = 7, .gen = 1},
	      "/mnt ino 7 gen 0x1 : healthy\n");
	check((struct hl_event){.domain = 4, .type = 3},
	      "/mnt rgno 0x0 : sick\n");
	check((struct hl_event){.domain = 0, .type = 6},
	      "/mnt: filesystem shut down due to \n");
}

static void
test_shutdown_reasons(void)
{
	const struct hl_name_table *t = hl_shutdown_names();

	for (size_t i = 0; i < t->nr; i++) {
		char want[256];

		snprintf(want, sizeof(want),
			 "/mnt: filesystem shut down due to %s\n",
			 t->names[i].name);
		check((struct hl_event){.domain = 0,
					.type = 6,
					.mask = (uint32_t)t->names[i].value},
		      want);
	}
	check((struct hl_event){.domain = 0, .type = 6, .mask = 0x3f},
	      "/mnt: filesystem shut down due to metadata I/O error, log I/O "
	      "error, forced unmount, in-memory state corruption, ondisk "
	      "metadata corruption, device removed\n");
}

/* ---- prefixes -------------------------------------------------------------
 */

static void
test_path_form(void)
{
	struct hl_event ino = {
		.domain = 3, .type = 3, .mask = 0x12, .ino = 9, .gen = 1};
	struct hl_event io = {.domain = 8,
			      .type = 10,
			      .ino = 9,
			      .gen = 1,
			      .pos = 4096,
			      .len = 4096};
	struct hl_event ag = {.domain = 2, .type = 3, .mask = 1, .group = 2};
	struct hl_event dev = {
		.domain = 5, .type = 7, .daddr = 8, .bbcount = 8};
	struct hl_event lost = {.domain = 0, .type = 1, .count = 3};

	check_text(&ino, "/mnt", "/mnt/a/b",
		   "/mnt/a/b datafork, directory: sick\n");
	check_text(&io, "/mnt", "/mnt/a b",
		   "/mnt/a b pos 4096 len 4096: directio_read failed\n");
	io.error = 5;
	check_text(&io, "/mnt", "/x",
		   "/x pos 4096 len 4096: directio_read: Input/output error\n");

	/* Other events keep the mount point. */
	check_text(&ag, "/mnt", "/mnt/a", "/mnt agno 0x2 super: sick\n");
	check_text(&dev, "/mnt", "/mnt/a",
		   "/mnt datadev daddr 0x8 bbcount 0x8: media error\n");
	check_text(&lost, "/mnt", "/mnt/a", "/mnt: 3 events lost\n");
}

/* The mount point is printed exactly as given, whatever its bytes. */
static void
test_mount_as_given(void)
{
	struct hl_event ev = {.domain = 0, .type = 2};

	check_text(&ev, "/mnt/", NULL, "/mnt/: filesystem unmounted\n");
	check_text(&ev, "", NULL, ": filesystem unmounted\n");
	/* Escaped as every name in a line (textstr.c). */
	check_text(&ev, "a \"b\"\\\n\x01\xff", NULL,
		   "a \"b\"\\\\\\n\\x01\\xff: filesystem unmounted\n");
}

static void
test_unknown_events(void)
{
	check((struct hl_event){.domain = 0, .type = 9},
	      "/mnt: unknown event domain 0x0 type 0x9\n");
	check((struct hl_event){.domain = 99, .type = 3, .mask = 1},
	      "/mnt: unknown event domain 0x63 type 0x3\n");
	check((struct hl_event){.domain = ~0U, .type = ~0U},
	      "/mnt: unknown event domain 0xffffffff type 0xffffffff\n");
	/* Impossible types in known domains, as xfs_io shows them. */
	check((struct hl_event){.domain = 1, .type = 7, .mask = 1},
	      "/mnt fscounters: unknown value\n");
	check((struct hl_event){.domain = 8, .type = 3, .error = 5},
	      "/mnt ino 0 gen 0x0 pos 0 len 0: unknown value: Input/output "
	      "error\n");
	check((struct hl_event){.domain = 8, .type = 0},
	      "/mnt ino 0 gen 0x0 pos 0 len 0: unknown value failed\n");
	check(
		(struct hl_event){
			.domain = 6, .type = 3, .daddr = 1, .bbcount = 2},
		"/mnt rtdev daddr 0x1 bbcount 0x2: media error\n");
}

/* ---- buffers and streams ------------------------------------------------- */

static void
test_enospc(void)
{
	const struct hl_event ev = upstream_events[8];
	const char *want = "/mnt ino 131 gen 0xdeadbeef datafork, directory, "
			   "0x8000: sick\n";
	size_t wlen = strlen(want);
	struct hl_render r;
	char buf[256];

	CU_ASSERT_EQUAL_FATAL(hl_render_init(&r, "/mnt"), 0);
	for (size_t len = 1; len <= wlen; len++) {
		memset(buf, 'X', sizeof(buf));
		CU_ASSERT_EQUAL(hl_event_format_text(buf, len, &ev, &r),
				-ENOSPC);
		/* Cut, terminated, and nothing written past @len. */
		CU_ASSERT_EQUAL(strlen(buf), len - 1);
		CU_ASSERT_EQUAL(strncmp(buf, want, len - 1), 0);
		CU_ASSERT_EQUAL(buf[len], 'X');
	}
	CU_ASSERT_EQUAL(hl_event_format_text(buf, wlen + 1, &ev, &r),
			(int)wlen);
	CU_ASSERT_STRING_EQUAL(buf, want);
	hl_render_free(&r);
}

static void
test_bad_args(void)
{
	const struct hl_event ev = upstream_events[0];
	struct hl_render r, bare = {.mountpoint = NULL};
	char buf[64] = "unchanged";

	CU_ASSERT_EQUAL(hl_render_init(NULL, "/mnt"), -EINVAL);
	CU_ASSERT_EQUAL(hl_render_init(&r, NULL), -EINVAL);
	CU_ASSERT_EQUAL_FATAL(hl_render_init(&r, "/mnt"), 0);
	CU_ASSERT_EQUAL(hl_event_format_text(buf, 0, &ev, &r), -EINVAL);
	CU_ASSERT_EQUAL(hl_event_format_text(NULL, 64, &ev, &r), -EINVAL);
	CU_ASSERT_EQUAL(hl_event_format_text(buf, 64, NULL, &r), -EINVAL);
	CU_ASSERT_EQUAL(hl_event_format_text(buf, 64, &ev, NULL), -EINVAL);
	CU_ASSERT_EQUAL(hl_event_format_text(buf, 64, &ev, &bare), -EINVAL);
	CU_ASSERT_STRING_EQUAL(buf, "unchanged");
	CU_ASSERT_EQUAL(hl_event_write_text(NULL, &ev, &r), -EINVAL);
	CU_ASSERT_EQUAL(hl_event_write_text(stdout, NULL, &r), -EINVAL);
	CU_ASSERT_EQUAL(hl_event_write_text(stdout, &ev, NULL), -EINVAL);
	hl_render_free(&r);
	hl_render_free(&r); /* twice is fine */
	hl_render_free(NULL);

	/* Text needs no hl_render_init: a hand-filled struct will do. */
	bare.mountpoint = "/m";
	CU_ASSERT_EQUAL(hl_event_format_text(buf, 64, &ev, &bare), 23);
	CU_ASSERT_STRING_EQUAL(buf, "/m: monitoring started\n");
}

/* Lines longer than the writer's stack buffer go through the heap. */
static void
test_write_long_lines(void)
{
	static char mnt[5000], path[5000];
	char *out = NULL;
	size_t outlen = 0;
	struct hl_render r;
	FILE *f;

	for (size_t len = 500; len < sizeof(mnt); len += 499) {
		struct hl_event ev = {.domain = 3,
				      .type = 3,
				      .mask = 0x1ff,
				      .ino = 5,
				      .gen = 6};
		const char *want;

		memset(mnt, 'm', len);
		mnt[0] = '/';
		mnt[len] = '\0';
		memset(path, 'p', len);
		path[len] = '\0';
		CU_ASSERT_EQUAL_FATAL(hl_render_init(&r, mnt), 0);
		f = open_memstream(&out, &outlen);
		CU_ASSERT_PTR_NOT_NULL_FATAL(f);
		CU_ASSERT_EQUAL(hl_event_write_text(f, &ev, &r), 0);
		r.path = path;
		CU_ASSERT_EQUAL(hl_event_write_text(f, &ev, &r), 0);
		CU_ASSERT_EQUAL(fclose(f), 0);

		r.path = NULL;
		want = text_of(&ev, &r);
		CU_ASSERT_EQUAL(strncmp(out, want, strlen(want)), 0);
		r.path = path;
		want = text_of(&ev, &r);
		CU_ASSERT_STRING_EQUAL(out + outlen - strlen(want), want);
		free(out);
		out = NULL;
		hl_render_free(&r);
	}
}

static void
test_write_error(void)
{
	const struct hl_event ev = upstream_events[0];
	struct hl_render r;
	FILE *f = fopen("/dev/null", "r");

	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	CU_ASSERT_EQUAL_FATAL(hl_render_init(&r, "/mnt"), 0);
	/* Unbuffered, so the failure shows at once. */
	setvbuf(f, NULL, _IONBF, 0);
	CU_ASSERT(hl_event_write_text(f, &ev, &r) < 0);
	hl_render_free(&r);
	fclose(f);
}

static const struct unit_test tests[] = {
	{"reference E.4 block", test_upstream_block},
	{"reference E.4 lines", test_upstream_lines},
	{"mount kinds", test_mount_kinds},
	{"health kinds", test_health_kinds},
	{"media kinds", test_media_kinds},
	{"file range kinds", test_filerange_kinds},
	{"every domain and type", test_every_domain_and_type},
	{"every mask bit", test_every_mask_bit},
	{"unknown bits", test_unknown_bits},
	{"empty masks", test_empty_masks},
	{"shutdown reasons", test_shutdown_reasons},
	{"path form", test_path_form},
	{"mount point as given", test_mount_as_given},
	{"unknown events", test_unknown_events},
	{"ENOSPC", test_enospc},
	{"bad arguments", test_bad_args},
	{"long lines", test_write_long_lines},
	{"write error", test_write_error},
};

int
unit_register_text(void)
{
	return UNIT_ADD_SUITE("event text", tests);
}
