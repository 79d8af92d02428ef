// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Counters and gauges of one monitored filesystem, written in Prometheus'
 * text exposition format for node_exporter's textfile collector.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "internal.h"
#include "xfs_health_abi.h"

#define EMPTY  0xff
#define PREFIX "xfs_health_"

int
hl_metrics_init(struct hl_metrics *m, const char *mountpoint, const char *uuid)
{
	memset(m, 0, sizeof(*m));
	m->mountpoint = hl_text_escape_dup(mountpoint ? mountpoint : "");
	m->uuid = strdup(uuid ? uuid : "");
	if (!m->mountpoint || !m->uuid) {
		free(m->mountpoint);
		free(m->uuid);
		return -ENOMEM;
	}
	pthread_mutex_init(&m->lock, NULL);
	return 0;
}

void
hl_metrics_free(struct hl_metrics *m)
{
	pthread_mutex_destroy(&m->lock);
	free(m->mountpoint);
	free(m->uuid);
	free(m->sick);
	memset(m, 0, sizeof(*m));
}

uint64_t
hl_metrics_version(struct hl_metrics *m)
{
	uint64_t v;

	pthread_mutex_lock(&m->lock);
	v = m->version;
	pthread_mutex_unlock(&m->lock);
	return v;
}

/* ---- the sick objects: an open-addressing table, linear probes ---------- */

static size_t
slot_of(const struct hl_metrics *m, unsigned int object, uint32_t group,
	uint64_t ino, uint32_t gen)
{
	uint64_t h = hl_hash_mix(ino);

	h = hl_hash_mix(h ^ ((uint64_t)group << 8 | object) ^
			((uint64_t)gen << 32));
	return (size_t)h & (m->sick_cap - 1);
}

static bool
same(const struct hl_metrics_object *o, unsigned int object, uint32_t group,
     uint64_t ino, uint32_t gen)
{
	return o->object == object && o->group == group && o->ino == ino &&
	       o->gen == gen;
}

/* The slot holding the object, or the empty one where it would go. */
static struct hl_metrics_object *
lookup(struct hl_metrics *m, unsigned int object, uint32_t group, uint64_t ino,
       uint32_t gen)
{
	size_t i = slot_of(m, object, group, ino, gen);

	while (m->sick[i].object != EMPTY &&
	       !same(&m->sick[i], object, group, ino, gen))
		i = (i + 1) & (m->sick_cap - 1);
	return &m->sick[i];
}

static int
grow(struct hl_metrics *m)
{
	size_t old_cap = m->sick_cap, cap = old_cap ? old_cap * 2 : 64;
	struct hl_metrics_object *old = m->sick, *n = malloc(cap * sizeof(*n));

	if (!n)
		return -ENOMEM;
	for (size_t i = 0; i < cap; i++)
		n[i] = (struct hl_metrics_object){.object = EMPTY};
	m->sick = n;
	m->sick_cap = cap;
	for (size_t i = 0; i < old_cap; i++) {
		if (old[i].object != EMPTY)
			*lookup(m, old[i].object, old[i].group, old[i].ino,
				old[i].gen) = old[i];
	}
	free(old);
	return 0;
}

/* Empty slot @i, moving later ones of its run back so probes still work. */
static void
remove_at(struct hl_metrics *m, size_t i)
{
	size_t mask = m->sick_cap - 1, j = i;

	m->sick[i].object = EMPTY;
	for (;;) {
		size_t home;

		j = (j + 1) & mask;
		if (m->sick[j].object == EMPTY)
			break;
		home = slot_of(m, m->sick[j].object, m->sick[j].group,
			       m->sick[j].ino, m->sick[j].gen);
		/* Stays if its home lies cyclically in (i, j]. */
		if (i <= j ? (i < home && home <= j) : (i < home || home <= j))
			continue;
		m->sick[i] = m->sick[j];
		m->sick[j].object = EMPTY;
		i = j;
	}
	m->sick_used--;
}

/* Set (or clear) @mask on the object; the caller holds the lock. */
static void
mark(struct hl_metrics *m, enum hl_object object, uint32_t group, uint64_t ino,
     uint32_t gen, uint32_t mask, bool sick)
{
	struct hl_metrics_object *o;

	if (!mask)
		return;
	if (!m->sick_cap && !sick)
		return;
	if (!m->sick_cap && grow(m)) {
		m->sick_untracked++;
		return;
	}
	o = lookup(m, object, group, ino, gen);
	if (o->object == EMPTY) {
		if (!sick)
			return;
		if (m->sick_used >= HL_METRICS_SICK_MAX) {
			m->sick_untracked++;
			return;
		}
		/* At most half full, so that probes stay short. */
		if ((m->sick_used + 1) * 2 > m->sick_cap) {
			if (grow(m)) {
				m->sick_untracked++;
				return;
			}
			o = lookup(m, object, group, ino, gen);
		}
		*o = (struct hl_metrics_object){.object = object,
						.group = group,
						.ino = ino,
						.gen = gen};
		m->sick_used++;
	}
	if (sick) {
		o->mask |= mask;
		o->pass = m->sick_pass;
	} else {
		o->mask &= ~mask;
		if (!o->mask)
			remove_at(m, (size_t)(o - m->sick));
	}
}

/* ---- updates ---------------------------------------------------------- */

static unsigned int
bucket(uint32_t value, unsigned int nr)
{
	return value < nr - 1 ? value : nr - 1;
}

void
hl_metrics_event(struct hl_metrics *m, const struct hl_event *ev)
{
	enum hl_object object = hl_event_object(ev);
	bool known_object = hl_domain_is(ev->domain, HL_DOMAIN_HEALTH);
	unsigned int d = bucket(ev->domain, HL_METRICS_DOMAINS);
	unsigned int t = bucket(ev->type, HL_METRICS_TYPES);
	const struct hl_domain *dom = hl_domain_of(d);
	const struct hl_event_type *et = hl_event_type_of(t);

	/* A type the domain never sends is "other", not a pair of names. */
	if (dom && et && dom->kind != et->kind)
		t = HL_METRICS_TYPES - 1;
	pthread_mutex_lock(&m->lock);
	m->version++;
	m->events[d][t]++;
	switch (ev->payload) {
	case HL_PAYLOAD_LOST:
		m->lost += ev->count;
		break;
	case HL_PAYLOAD_SHUTDOWN:
		m->shutdowns++;
		break;
	case HL_PAYLOAD_MEDIA:
		if (ev->type != XFS_HEALTH_MONITOR_TYPE_MEDIA_ERROR)
			break;
		m->media_errors++;
		m->media_error_bytes += ev->bbcount * 512;
		break;
	case HL_PAYLOAD_HEALTH:
		if (!known_object)
			break;
		if (ev->type == XFS_HEALTH_MONITOR_TYPE_SICK ||
		    ev->type == XFS_HEALTH_MONITOR_TYPE_CORRUPT)
			mark(m, object, ev->group, ev->ino, ev->gen, ev->mask,
			     true);
		else if (ev->type == XFS_HEALTH_MONITOR_TYPE_HEALTHY)
			mark(m, object, ev->group, ev->ino, ev->gen, ev->mask,
			     false);
		break;
	default:
		break;
	}
	pthread_mutex_unlock(&m->lock);
}

void
hl_metrics_sick(struct hl_metrics *m, enum hl_object object, uint32_t group,
		uint64_t ino, uint32_t gen, uint32_t mask)
{
	if ((unsigned int)object >= HL_NR_OBJECTS)
		return;
	pthread_mutex_lock(&m->lock);
	m->version++;
	mark(m, object, group, ino, gen, mask, true);
	pthread_mutex_unlock(&m->lock);
}

void
hl_metrics_sick_pass_begin(struct hl_metrics *m)
{
	pthread_mutex_lock(&m->lock);
	m->sick_pass++;
	pthread_mutex_unlock(&m->lock);
}

void
hl_metrics_sick_pass_end(struct hl_metrics *m, bool complete)
{
	if (!complete)
		return;
	pthread_mutex_lock(&m->lock);
	m->version++;
	/*
	 * A removal moves later objects of its run back into slot @i (or
	 * objects already looked at, around the end): look at @i again.
	 */
	for (size_t i = 0; i < m->sick_cap;) {
		if (m->sick[i].object != EMPTY &&
		    m->sick[i].pass != m->sick_pass)
			remove_at(m, i);
		else
			i++;
	}
	pthread_mutex_unlock(&m->lock);
}

void
hl_metrics_repair(struct hl_metrics *m, enum hl_repair_outcome outcome)
{
	if ((unsigned int)outcome >= HL_REPAIR_NR_OUTCOMES)
		return;
	pthread_mutex_lock(&m->lock);
	m->version++;
	m->repairs[outcome]++;
	pthread_mutex_unlock(&m->lock);
}

void
hl_metrics_full_repair(struct hl_metrics *m)
{
	pthread_mutex_lock(&m->lock);
	m->version++;
	m->full_repairs++;
	pthread_mutex_unlock(&m->lock);
}

void
hl_metrics_hook_name(struct hl_metrics *m, unsigned int i, const char *name)
{
	if (i >= HL_HOOKS_MAX)
		return;
	pthread_mutex_lock(&m->lock);
	m->version++;
	if (strcmp(m->hooks[i].name, name))
		memset(m->hooks[i].n, 0, sizeof(m->hooks[i].n));
	snprintf(m->hooks[i].name, sizeof(m->hooks[i].name), "%s", name);
	pthread_mutex_unlock(&m->lock);
}

void
hl_metrics_hook_count(struct hl_metrics *m, unsigned int i,
		      enum hl_hook_count what, uint64_t n)
{
	if (i >= HL_HOOKS_MAX || what >= HL_HOOK_NR_COUNTS || !n)
		return;
	pthread_mutex_lock(&m->lock);
	m->version++;
	m->hooks[i].n[what] += n;
	pthread_mutex_unlock(&m->lock);
}

void
hl_metrics_full_repair_objects(struct hl_metrics *m,
			       const struct hl_scrub_summary *s)
{
	pthread_mutex_lock(&m->lock);
	m->version++;
	for (unsigned int o = 0; o < HL_SCRUB_NR_OUTCOMES; o++)
		m->full_objects[o] += s->count[o];
	pthread_mutex_unlock(&m->lock);
}

void
hl_metrics_pass(struct hl_metrics *m, double when, uint64_t found, bool ok)
{
	pthread_mutex_lock(&m->lock);
	m->version++;
	m->passes++;
	if (!ok)
		m->pass_failures++;
	m->last_pass_time = when;
	m->last_pass_found = found;
	m->last_pass_ok = ok;
	pthread_mutex_unlock(&m->lock);
}

void
hl_metrics_set_monitoring(struct hl_metrics *m, bool on, double since)
{
	pthread_mutex_lock(&m->lock);
	m->version++;
	m->monitoring = on;
	if (on)
		m->start_time = since;
	pthread_mutex_unlock(&m->lock);
}

/* ---- the text exposition ---------------------------------------------- */

/*
 * Every series of one metric: its name, type and help, in the order
 * written.  The help texts are ours (Prometheus shows them to users).
 */
struct family {
	const char *name, *type, *help;
};

static const struct family families[] = {
#define F_EVENTS 0
	{PREFIX "events_total", "counter",
	 "Events read from the kernel's health monitor, by domain and type."},
#define F_LOST 1
	{PREFIX "events_lost_total", "counter",
	 "Events the kernel dropped, as its lost-events reports counted them."},
#define F_SHUTDOWNS 2
	{PREFIX "shutdowns_total", "counter", "Filesystem shutdowns reported."},
#define F_MEDIA 3
	{PREFIX "media_errors_total", "counter", "Media errors reported."},
#define F_MEDIA_BYTES 4
	{PREFIX "media_error_bytes_total", "counter",
	 "Bytes of the devices inside reported media errors."},
#define F_SICK 5
	{PREFIX "sick_objects", "gauge",
	 "Objects with metadata known bad now, by kind (from events and "
	 "reconcile passes)."},
#define F_UNTRACKED 6
	{PREFIX "sick_reports_untracked_total", "counter",
	 "Sick reports not followed one by one (too many objects at once)."},
#define F_REPAIRS 7
	{PREFIX "repairs_total", "counter", "Repair calls, by outcome."},
#define F_FULL 8
	{PREFIX "full_repairs_total", "counter",
	 "Whole-filesystem repairs asked for."},
#define F_PASSES 9
	{PREFIX "reconcile_passes_total", "counter",
	 "Reconcile passes over the kernel's health records."},
#define F_PASS_FAILURES 10
	{PREFIX "reconcile_failures_total", "counter",
	 "Reconcile passes that could not read everything."},
#define F_PASS_TIME 11
	{PREFIX "reconcile_last_time_seconds", "gauge",
	 "When the last reconcile pass ended (0: none yet)."},
#define F_PASS_FOUND 12
	{PREFIX "reconcile_last_found_objects", "gauge",
	 "Objects the last reconcile pass found bad."},
#define F_PASS_OK 13
	{PREFIX "reconcile_last_success", "gauge",
	 "1 if the last reconcile pass read everything, else 0."},
#define F_START 14
	{PREFIX "monitor_start_time_seconds", "gauge",
	 "When monitoring of the filesystem started."},
#define F_MONITORING 15
	{PREFIX "monitoring", "gauge",
	 "1 while the filesystem is monitored; 0 in the last write."},
#define F_FULL_OBJECTS 16
	{PREFIX "full_repair_objects_total", "counter",
	 "Objects whole-filesystem repairs made in the daemon judged, by "
	 "outcome."},
#define F_HOOKS 17 /* in enum hl_hook_count's order */
	{PREFIX "hook_runs_total", "counter", "Notification hook runs started."},
	{PREFIX "hook_failures_total", "counter",
	 "Hook runs that ended other than with status 0, or did not start."},
	{PREFIX "hook_timeouts_total", "counter",
	 "Hook runs stopped at their time limit."},
	{PREFIX "hook_suppressed_total", "counter",
	 "Hook runs not made: a rate limit."},
	{PREFIX "hook_dropped_total", "counter",
	 "Hook runs not made: too many waiting, or the daemon stopping."},
};

_Static_assert(ARRAY_SIZE(families) == F_HOOKS + HL_HOOK_NR_COUNTS,
	       "a family for every hook count");

/* A label value: the text-format escapes of \\, " and a newline. */
static void
put_value(FILE *f, const char *s)
{
	for (; *s; s++) {
		if (*s == '\\' || *s == '"')
			fputc('\\', f);
		if (*s == '\n')
			fputs("\\n", f);
		else
			fputc(*s, f);
	}
}

static void
header(FILE *f, unsigned int i)
{
	fprintf(f, "# HELP %s %s\n# TYPE %s %s\n", families[i].name,
		families[i].help, families[i].name, families[i].type);
}

/* name{mountpoint="...",uuid="..."[,key="value"]} */
static void
series(FILE *f, const struct hl_metrics *m, unsigned int i, const char *key,
       const char *value)
{
	fprintf(f, "%s{mountpoint=\"", families[i].name);
	put_value(f, m->mountpoint);
	fputs("\",uuid=\"", f);
	put_value(f, m->uuid);
	fputc('"', f);
	if (key) {
		fprintf(f, ",%s=\"", key);
		put_value(f, value);
		fputc('"', f);
	}
	fputs("} ", f);
}

static void
one(FILE *f, const struct hl_metrics *m, unsigned int i, uint64_t v)
{
	header(f, i);
	series(f, m, i, NULL, NULL);
	fprintf(f, "%llu\n", (unsigned long long)v);
}

static void
one_time(FILE *f, const struct hl_metrics *m, unsigned int i, double t)
{
	header(f, i);
	series(f, m, i, NULL, NULL);
	fprintf(f, "%.3f\n", t);
}

static const char *
name_or(const struct hl_name_table *t, uint32_t v, unsigned int nr)
{
	const char *n = v < nr - 1 ? hl_name_of(t, v) : NULL;

	return n ? n : "other";
}

/*
 * Every domain with every type its kind sends (zeros included, so that a
 * rate exists before the first event), then any other pair seen.
 */
static void
write_events(FILE *f, const struct hl_metrics *m)
{
	header(f, F_EVENTS);
	for (unsigned int d = 0; d < HL_METRICS_DOMAINS; d++) {
		const struct hl_domain *dom = hl_domain_of(d);

		for (unsigned int t = 0; t < HL_METRICS_TYPES; t++) {
			const struct hl_event_type *et = hl_event_type_of(t);
			uint64_t n = m->events[d][t];

			if (!n && (d == HL_METRICS_DOMAINS - 1 ||
				   t == HL_METRICS_TYPES - 1 || !dom || !et ||
				   dom->kind != et->kind))
				continue;
			fprintf(f, "%s{mountpoint=\"", families[F_EVENTS].name);
			put_value(f, m->mountpoint);
			fputs("\",uuid=\"", f);
			put_value(f, m->uuid);
			fprintf(f, "\",domain=\"%s\",type=\"%s\"} %llu\n",
				name_or(hl_domain_names(), d,
					HL_METRICS_DOMAINS),
				name_or(hl_type_names(), t, HL_METRICS_TYPES),
				(unsigned long long)n);
		}
	}
}

static void
write_sick(FILE *f, const struct hl_metrics *m)
{
	uint64_t nr[HL_NR_OBJECTS] = {0};

	for (size_t i = 0; i < m->sick_cap; i++)
		if (m->sick[i].object < HL_NR_OBJECTS)
			nr[m->sick[i].object]++;
	header(f, F_SICK);
	for (unsigned int o = 0; o < HL_NR_OBJECTS; o++) {
		series(f, m, F_SICK, "object", hl_object_of(o)->name);
		fprintf(f, "%llu\n", (unsigned long long)nr[o]);
	}
}

/* The outcomes its summary line names: what needs an admin, and repairs. */
static const enum hl_scrub_outcome full_outcomes[] = {
	HL_SCRUB_REPAIRED, HL_SCRUB_CORRUPT, HL_SCRUB_INCOMPLETE,
	HL_SCRUB_SKIPPED,  HL_SCRUB_ERROR,
};

static void
write_full_objects(FILE *f, const struct hl_metrics *m)
{
	header(f, F_FULL_OBJECTS);
	for (size_t i = 0; i < ARRAY_SIZE(full_outcomes); i++) {
		series(f, m, F_FULL_OBJECTS, "outcome",
		       hl_name_of(hl_scrub_outcome_names(), full_outcomes[i]));
		fprintf(f, "%llu\n",
			(unsigned long long)m->full_objects[full_outcomes[i]]);
	}
}

static void
write_repairs(FILE *f, const struct hl_metrics *m)
{
	header(f, F_REPAIRS);
	for (unsigned int o = 0; o < HL_REPAIR_NR_OUTCOMES; o++) {
		series(f, m, F_REPAIRS, "outcome",
		       hl_name_of(hl_repair_outcome_names(), o));
		fprintf(f, "%llu\n", (unsigned long long)m->repairs[o]);
	}
}

/* Only hooks with a name: none, no family. */
static void
write_hooks(FILE *f, const struct hl_metrics *m)
{
	for (unsigned int c = 0; c < HL_HOOK_NR_COUNTS; c++) {
		bool any = false;

		for (unsigned int i = 0; i < HL_HOOKS_MAX; i++) {
			if (!m->hooks[i].name[0])
				continue;
			if (!any)
				header(f, F_HOOKS + c);
			any = true;
			series(f, m, F_HOOKS + c, "hook", m->hooks[i].name);
			fprintf(f, "%llu\n",
				(unsigned long long)m->hooks[i].n[c]);
		}
	}
}

int
hl_metrics_write(FILE *f, struct hl_metrics *m, enum hl_metrics_part part)
{
	pthread_mutex_lock(&m->lock);
	if (part == HL_METRICS_SICK) {
		write_sick(f, m);
		one(f, m, F_UNTRACKED, m->sick_untracked);
		pthread_mutex_unlock(&m->lock);
		return ferror(f) ? -EIO : 0;
	}
	write_events(f, m);
	one(f, m, F_LOST, m->lost);
	one(f, m, F_SHUTDOWNS, m->shutdowns);
	one(f, m, F_MEDIA, m->media_errors);
	one(f, m, F_MEDIA_BYTES, m->media_error_bytes);
	write_sick(f, m);
	one(f, m, F_UNTRACKED, m->sick_untracked);
	write_repairs(f, m);
	one(f, m, F_FULL, m->full_repairs);
	write_full_objects(f, m);
	one(f, m, F_PASSES, m->passes);
	one(f, m, F_PASS_FAILURES, m->pass_failures);
	one_time(f, m, F_PASS_TIME, m->last_pass_time);
	one(f, m, F_PASS_FOUND, m->last_pass_found);
	one(f, m, F_PASS_OK, m->passes ? m->last_pass_ok : 0);
	one_time(f, m, F_START, m->start_time);
	one(f, m, F_MONITORING, m->monitoring);
	write_hooks(f, m);
	pthread_mutex_unlock(&m->lock);
	return ferror(f) ? -EIO : 0;
}

int
hl_metrics_write_file(struct hl_metrics *m, const char *path,
		      enum hl_metrics_part part)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f;
	int error;

	/* Rendered first: the lock is not held across the file's I/O. */
	f = open_memstream(&text, &len);
	if (!f)
		return -ENOMEM;
	error = hl_metrics_write(f, m, part);
	if (fclose(f) && !error)
		error = -ENOMEM;
	if (!error)
		error = hl_file_replace(path, text, len, 0644, false);
	free(text);
	return error;
}
