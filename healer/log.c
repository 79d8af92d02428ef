// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Every line xfs_healthd writes.  Events, repair outcomes and notices go to
 * stdout, as text (xfs_healer's lines) or with -j as one JSON object each;
 * errors and warnings go to stderr as text.  Lines we add to upstream's
 * start with "xfs_healthd: " and never use upstream's words, so that a
 * grep for those finds upstream's lines alone.  Names in lines are escaped
 * (libhealth), and no event or outcome line is dropped for its length: too
 * long with its path, it is made without it.  Lines come from several threads: each is made whole in
 * a buffer, then written and flushed under one lock, so lines never mix and
 * a log reader sees each at once.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "healthd.h"

static pthread_mutex_t console_lock = PTHREAD_MUTEX_INITIALIZER;

static bool log_lost; /* stdout failed once: said so on stderr */

/* Lines we add to upstream's start so (doc/output-format.md). */
static const char origin[] = "xfs_healthd";

static void
emit(FILE *f, const char *line, size_t len)
{
	int err = 0;

	pthread_mutex_lock(&console_lock);
	/* A failed write (no reader, a full disk) must not stop the healing. */
	if (fwrite(line, 1, len, f) != len || fflush(f))
		err = errno ? errno : EIO;
	clearerr(f);
	if (err && f == stdout && !log_lost) {
		log_lost = true;
		fprintf(stderr, "xfs_healthd: write error on standard output: "
				"%s; the log is lost, repairs go on\n",
			strerror(err));
	}
	pthread_mutex_unlock(&console_lock);
}


/* One event (@rep NULL) or one repair outcome, as text or JSON. */
static void
log_item(struct healthd *hd, const struct hl_event *ev,
	 const struct hl_repair_report *rep, const char *path)
{
	struct hl_render r = hd->render;
	char buf[HL_LOG_LINE_MAX + 1];
	int len;

	r.path = path;
	len = hl_log_line_format(buf, sizeof(buf), hd->opt.json, ev, rep, &r);
	if (len >= 0) {
		if (!hd->journal_out ||
		    !journal_item(hd, ev, rep, path, buf, len))
			emit(stdout, buf, len);
		return;
	}
	/* Cannot happen (hl_log_line_format's bounds); still, say so. */
	log_line(hd, LOG_ADDED, "%s line could not be made: %s",
		 rep ? "a repair" : "an event", strerror(-len));
}

void
log_event(struct healthd *hd, const struct hl_event *ev, const char *path)
{
	log_item(hd, ev, NULL, path);
}

void
log_repair(struct healthd *hd, const struct hl_repair_report *rep,
	   const char *path)
{
	log_item(hd, rep->ev, rep, path);
}

/* Cut @text to at most @len bytes, at a character's start, and mark it. */
static void
shorten(char *text, size_t len)
{
	static const char more[] = "...";

	while (len && (text[len] & 0xc0) == 0x80)
		len--;
	memcpy(text + len, more, sizeof(more));
}

/* Where each kind of line goes, and its shape. */
static const struct {
	bool to_stderr;
	bool added;	 /* ours: "xfs_healthd: <mnt>: ..." */
	const char *key; /* with -j on stdout */
} kinds[] = {
	[LOG_NOTICE] = {false, false, "message"},
	[LOG_ADDED] = {false, true, "notice"},
	[LOG_SUMMARY] = {false, true, "summary"},
	[LOG_ERROR] = {true, false, NULL},
	[LOG_ADDED_ERROR] = {true, true, NULL},
	[LOG_DEBUG] = {true, true, NULL},
};

/*
 * A line about the mount: upstream's shape or ours.  JSON (stdout with -j)
 * carries the kind's key; stderr is always text.  A message too long for
 * a line (it can carry two names of thousands of escaped bytes) loses its
 * end, marked "...", and stays a whole line, valid JSON included: never
 * dropped.
 */
void
log_line(struct healthd *hd, enum log_kind kind, const char *fmt, ...)
{
	FILE *f = kinds[kind].to_stderr ? stderr : stdout;
	const char *from = kinds[kind].added ? origin : NULL;
	char buf[HL_LOG_LINE_MAX + 1];
	char *text = NULL;
	size_t keep, room;
	va_list ap;
	int len;

	if (kind == LOG_DEBUG && !hd->opt.debug)
		return;
	va_start(ap, fmt);
	len = vasprintf(&text, fmt, ap);
	va_end(ap);
	if (len < 0)
		return;
	/* "..." and its NUL replace at least four bytes: no growth. */
	for (keep = room = strlen(text);;) {
		if (hd->opt.json && f == stdout)
			len = hl_message_format_json(buf, sizeof(buf),
						     kinds[kind].key, text,
						     &hd->render);
		else
			len = hl_message_format_text(buf, sizeof(buf), from,
						     text, &hd->render);
		if (len != -ENOSPC || keep < 8)
			break;
		keep = keep / 4 * 3;
		if (keep + 4 > room + 1)
			keep = room - 3;
		shorten(text, keep);
	}
	free(text);
	if (len >= 0 &&
	    (!journal_wants(hd, f) || !journal_line(hd, kind, buf, len)))
		emit(f, buf, len);
}

/*
 * The summary's words for each repair outcome.  Not the outcome words of
 * JSON: "failed" would match a grep for upstream's file I/O lines.
 */
static const char *const outcome_words[HL_REPAIR_NR_OUTCOMES] = {
	[HL_REPAIR_FAILED] = "not repaired",
	[HL_REPAIR_PROBABLY_OK] = "unsure",
	[HL_REPAIR_UNNECESSARY] = "no change",
	[HL_REPAIR_SUCCESS] = "repaired",
};

/* Summary order: the good news first. */
static const enum hl_repair_outcome summary_order[] = {
	HL_REPAIR_SUCCESS,
	HL_REPAIR_UNNECESSARY,
	HL_REPAIR_PROBABLY_OK,
	HL_REPAIR_FAILED,
};

_Static_assert(sizeof(summary_order) / sizeof(summary_order[0]) ==
		       HL_REPAIR_NR_OUTCOMES,
	       "every repair outcome in the summary");

void
log_summary(struct healthd *hd)
{
	struct healthd_stats *s = &hd->stats;
	char outcomes[256] = "";
	size_t used = 0;
	uint64_t repairs = 0;

	for (size_t i = 0; i < HL_REPAIR_NR_OUTCOMES; i++) {
		enum hl_repair_outcome k = summary_order[i];
		uint64_t n = atomic_load(&s->repairs[k]);

		repairs += n;
		used += snprintf(outcomes + used, sizeof(outcomes) - used,
				 "%s%llu %s", i ? ", " : "",
				 (unsigned long long)n, outcome_words[k]);
		if (used >= sizeof(outcomes))
			break;
	}
	/* JSON has the word as its key. */
	log_line(hd, LOG_SUMMARY,
		 "%s%llu events read, %llu repair calls (%s), "
		 "%llu reports joined to another repair, %llu "
		 "whole-filesystem repairs asked for, %llu repairs "
		 "without a filesystem to reach, %llu repairs dropped "
		 "(stopping, or no longer repairing)",
		 hd->opt.json ? "" : "summary: ",
		 (unsigned long long)atomic_load(&s->events),
		 (unsigned long long)repairs, outcomes,
		 (unsigned long long)atomic_load(&s->coalesced),
		 (unsigned long long)atomic_load(&s->full_repairs),
		 (unsigned long long)atomic_load(&s->unreachable),
		 (unsigned long long)atomic_load(&s->abandoned));
}

const char *
log_name(struct log_name *n, const char *name)
{
	/* Always terminated, even when cut. */
	hl_text_escape(n->buf, sizeof(n->buf), name ? name : "?");
	return n->buf;
}
