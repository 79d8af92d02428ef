// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Every line xfs_healthd writes.  Events, repair outcomes and notices go to
 * stdout, as text (xfs_healer's lines) or with -j as one JSON object each;
 * errors and warnings go to stderr as text.  Lines come from several
 * threads: each is made whole in a buffer, then written and flushed under
 * one lock, so lines never mix and a log reader sees each at once.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "healthd.h"

static pthread_mutex_t console_lock = PTHREAD_MUTEX_INITIALIZER;

static bool log_lost; /* stdout failed once: said so on stderr */

static void
emit(FILE *f, const char *line, int len)
{
	int err = 0;

	if (len < 0)
		return;
	pthread_mutex_lock(&console_lock);
	/* A failed write (no reader, a full disk) must not stop the healing. */
	if (fwrite(line, 1, len, f) != (size_t)len || fflush(f))
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

/* The render context, with @path for this one line. */
static struct hl_render
with_path(const struct healthd *hd, const char *path)
{
	struct hl_render r = hd->render;

	r.path = path;
	return r;
}

/* One event (@rep NULL) or one repair outcome, as text or JSON. */
static void
log_item(struct healthd *hd, const struct hl_event *ev,
	 const struct hl_repair_report *rep, const char *path)
{
	struct hl_render r = with_path(hd, path);
	char *buf = malloc(HL_LINE_MAX);
	int len;

	if (!buf)
		return;
	if (rep && hd->opt.json)
		len = hl_repair_format_json(buf, HL_LINE_MAX, rep, &r);
	else if (rep)
		len = hl_repair_format_text(buf, HL_LINE_MAX, rep, &r);
	else if (hd->opt.json)
		len = hl_event_format_json(buf, HL_LINE_MAX, ev, &r);
	else
		len = hl_event_format_text(buf, HL_LINE_MAX, ev, &r);
	emit(stdout, buf, len);
	free(buf);
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

static void __attribute__((format(printf, 5, 0)))
message(struct healthd *hd, FILE *f, bool json, const char *key,
	const char *fmt, va_list ap)
{
	char *text = NULL, *buf;
	int len;

	if (vasprintf(&text, fmt, ap) < 0)
		return;
	buf = malloc(HL_LINE_MAX);
	if (buf) {
		if (json)
			len = hl_message_format_json(buf, HL_LINE_MAX, key,
						     text, &hd->render);
		else
			len = hl_message_format_text(buf, HL_LINE_MAX, text,
						     &hd->render);
		emit(f, buf, len);
	}
	free(buf);
	free(text);
}

void
log_notice(struct healthd *hd, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	message(hd, stdout, hd->opt.json, "message", fmt, ap);
	va_end(ap);
}

/* The summary has a JSON key of its own, for log collectors. */
static __attribute__((format(printf, 2, 3))) void
summary_line(struct healthd *hd, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	message(hd, stdout, hd->opt.json, "summary", fmt, ap);
	va_end(ap);
}

void
log_error(struct healthd *hd, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	message(hd, stderr, false, NULL, fmt, ap);
	va_end(ap);
}

void
log_debug(struct healthd *hd, const char *fmt, ...)
{
	char *text = NULL, *line = NULL;
	va_list ap;
	int len;

	if (!hd->opt.debug)
		return;
	va_start(ap, fmt);
	len = vasprintf(&text, fmt, ap);
	va_end(ap);
	if (len < 0)
		return;
	len = asprintf(&line, "xfs_healthd: %s: %s\n", hd->mnt, text);
	if (len >= 0)
		emit(stderr, line, len);
	free(line);
	free(text);
}

void
log_summary(struct healthd *hd)
{
	const struct hl_name_table *words = hl_repair_outcome_names();
	struct healthd_stats *s = &hd->stats;
	char outcomes[256] = "";
	size_t used = 0;
	uint64_t repairs = 0;

	for (int i = 0; i < HL_REPAIR_NR_OUTCOMES; i++) {
		uint64_t n = atomic_load(&s->repairs[i]);
		const char *word = hl_name_of(words, i);

		repairs += n;
		used += snprintf(outcomes + used, sizeof(outcomes) - used,
				 "%s%llu %s", i ? ", " : "",
				 (unsigned long long)n, word ? word : "?");
		if (used >= sizeof(outcomes))
			break;
	}
	summary_line(hd,
		     "%llu events, %llu repairs (%s), %llu reports covered by "
		     "another repair, %llu full repairs requested, "
		   "%llu repairs not reached, %llu not made (stopped or shut "
		   "down)",
		   (unsigned long long)atomic_load(&s->events),
		   (unsigned long long)repairs, outcomes,
		   (unsigned long long)atomic_load(&s->coalesced),
		   (unsigned long long)atomic_load(&s->full_repairs),
		   (unsigned long long)atomic_load(&s->unreachable),
		   (unsigned long long)atomic_load(&s->abandoned));
}
