// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Replaying a recorded event stream, "healthmon -i FILE": the recording is
 * only read by the healthmon command (io/healthmon.c: the reader thread of
 * io/event_reader.c, stream reassembly, filters, -n, the renderers), so the
 * target runs that command through the real dispatcher on a memfd that
 * holds the input's stream, with options the input picks.  What it prints
 * and its exit status are checked against a model built from the same
 * records with libhealth alone.
 *
 * Input: flags, bufsize (u16), count (u8), types and domains (u16 bit sets
 * over the name tables), label (NUL-ended), then the stream.
 */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>

#include "fuzz.h"
#include "io.h"
#include "xfs_health_abi.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

enum {
	F_JSON = 1 << 0,    /* -j */
	F_BUFSIZE = 1 << 1, /* -b bufsize */
	F_COUNT = 1 << 2,   /* -n count */
	F_TYPES = 1 << 3,   /* -e types */
	F_DOMAINS = 1 << 4, /* -D domains */
	F_LABEL = 1 << 5,   /* -m label */
};

static int memfd;
static char path[64];
static FILE *devnull;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	memfd = memfd_create("replay", MFD_CLOEXEC);
	FZ_CHECK(memfd >= 0);
	snprintf(path, sizeof(path), "/dev/fd/%d", memfd);
	fz_quiet_stdio();
	devnull = stdout;
	return 0;
}

/* A growing command line. */
struct cmd {
	char *buf;
	size_t len;
};

static void
add(struct cmd *c, const char *s, size_t n)
{
	c->buf = realloc(c->buf, c->len + n + 1);
	FZ_CHECK(c->buf);
	memcpy(c->buf + c->len, s, n);
	c->len += n;
	c->buf[c->len] = '\0';
}

#define ADD(c, s) add((c), (s), strlen(s))

/*
 * @opt and the names of the table entries whose bit is set in @pick, "a,b";
 * nothing if it picks none.  Returns the filter's mask.
 */
static uint64_t
add_names(struct cmd *c, const char *opt, const struct hl_name_table *t,
	  uint16_t pick)
{
	uint64_t mask = 0;

	for (size_t i = 0; i < t->nr && i < 16; i++) {
		if (!(pick & (1u << i)))
			continue;
		ADD(c, mask ? "," : opt);
		ADD(c, t->names[i].name);
		mask |= 1ULL << t->names[i].value;
	}
	return mask;
}

/* What healthmon prints and returns, from libhealth alone. */
static int
model(const uint8_t *stream, size_t len, const char *label, bool json,
      uint64_t count, uint64_t types, uint64_t domains, FILE *out)
{
	uint64_t printed = 0;
	bool lost = false, stopped = false;
	struct hl_render r;
	int status = EXIT_ALL_OK;

	FZ_CHECK(hl_render_init(&r, label) == 0);
	for (size_t off = 0; off + HL_EVENT_SIZE <= len && !stopped;
	     off += HL_EVENT_SIZE) {
		struct hl_event ev;

		FZ_CHECK(hl_event_decode(stream + off, HL_EVENT_SIZE, &ev) ==
			 0);
		if (ev.domain == XFS_HEALTH_MONITOR_DOMAIN_MOUNT &&
		    ev.type == XFS_HEALTH_MONITOR_TYPE_LOST)
			lost = true;
		if (types && (ev.type >= 64 || !(types & (1ULL << ev.type))))
			continue;
		if (domains &&
		    (ev.domain >= 64 || !(domains & (1ULL << ev.domain))))
			continue;
		if (json)
			FZ_CHECK(hl_event_write_json(out, &ev, &r) == 0);
		else
			FZ_CHECK(hl_event_write_text(out, &ev, &r) == 0);
		stopped = count && ++printed >= count;
	}
	hl_render_free(&r);
	if (len % HL_EVENT_SIZE && !stopped)
		status |= EXIT_CMD_FAILED;
	if (lost)
		status |= EXIT_PROBLEM;
	return status;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fz_in in = {data, size};
	uint8_t flags = fz_u8(&in);
	uint16_t bufsize = fz_u16(&in);
	uint8_t count = fz_u8(&in);
	uint16_t types_pick = fz_u16(&in);
	uint16_t domains_pick = fz_u16(&in);
	char *label = fz_str(&in, 200), num[32];
	struct cmd c = {NULL, 0};
	uint64_t types = 0, domains = 0;
	char *got = NULL, *want = NULL;
	size_t got_len = 0, want_len = 0;
	int status, want_status;
	sigset_t stop, old;
	FILE *out;

	/* The memfd holds exactly the stream. */
	FZ_CHECK(ftruncate(memfd, 0) == 0);
	FZ_CHECK(pwrite(memfd, in.p, in.left, 0) == (ssize_t)in.left);

	ADD(&c, "healthmon -i ");
	ADD(&c, path);
	if (flags & F_JSON)
		ADD(&c, " -j");
	if (flags & F_BUFSIZE) {
		snprintf(num, sizeof(num), " -b %u", bufsize);
		ADD(&c, num);
	}
	if (flags & F_COUNT) {
		snprintf(num, sizeof(num), " -n %u", count);
		ADD(&c, num);
	}
	if (flags & F_TYPES)
		types = add_names(&c, " -e ", hl_type_names(), types_pick);
	if (flags & F_DOMAINS)
		domains =
			add_names(&c, " -D ", hl_domain_names(), domains_pick);
	if ((flags & F_LABEL) && *label) {
		/* Every byte escaped: the splitter keeps it in one word. */
		ADD(&c, " -m ");
		for (const char *p = label; *p; p++) {
			add(&c, "\\", 1);
			add(&c, p, 1);
		}
	}

	/*
	 * healthmon takes SIGINT and SIGTERM while it replays, to end the
	 * stream early: keep them for the fuzzer's own handlers, after it.
	 */
	sigemptyset(&stop);
	sigaddset(&stop, SIGINT);
	sigaddset(&stop, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &stop, &old);
	out = open_memstream(&got, &got_len);
	FZ_CHECK(out);
	stdout = out;
	status = command_run_line(c.buf, false);
	stdout = devnull;
	FZ_CHECK(fclose(out) == 0);
	pthread_sigmask(SIG_SETMASK, &old, NULL);

	if (((flags & F_BUFSIZE) && bufsize < HL_EVENT_SIZE) ||
	    ((flags & F_COUNT) && !count)) {
		FZ_CHECK(status == EXIT_USAGE && got_len == 0);
	} else {
		out = open_memstream(&want, &want_len);
		FZ_CHECK(out);
		want_status =
			model(in.p, in.left,
			      (flags & F_LABEL) && *label ? label : path,
			      flags & F_JSON, (flags & F_COUNT) ? count : 0,
			      types, domains, out);
		FZ_CHECK(fclose(out) == 0);
		FZ_CHECK(status == want_status);
		FZ_CHECK(got_len == want_len && !memcmp(got, want, got_len));
	}

	free(got);
	free(want);
	free(c.buf);
	free(label);
	return 0;
}
