// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Metrics: what events and repairs count, the sick objects followed one by
 * one, and the text exposition (promtool checks a whole file in the cmd
 * tier).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <dirent.h>
#include <sys/stat.h>

#include "unit.h"
#include "xfs_health_abi.h"

#define LABELS "mountpoint=\"/mnt\",uuid=\"u-1\""

static char *
render(struct hl_metrics *m)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	CU_ASSERT_FATAL(f != NULL);
	CU_ASSERT_EQUAL(hl_metrics_write(f, m, HL_METRICS_ALL), 0);
	fclose(f);
	return text;
}

/* Does the exposition of @m have this exact line? */
static bool
has_line(struct hl_metrics *m, const char *line)
{
	char *text = render(m), *p = text;
	size_t n = strlen(line);
	bool found = false;

	while (p && *p && !found) {
		found = !strncmp(p, line, n) && p[n] == '\n';
		p = strchr(p, '\n');
		if (p)
			p++;
	}
	free(text);
	return found;
}

static struct hl_event
health_event(uint32_t domain, uint32_t type, uint32_t group, uint64_t ino,
	     uint32_t mask)
{
	return (struct hl_event){.domain = domain,
				 .type = type,
				 .payload = HL_PAYLOAD_HEALTH,
				 .group = group,
				 .ino = ino,
				 .gen = 7,
				 .mask = mask};
}

static void
test_events(void)
{
	struct hl_metrics m;
	struct hl_event lost = {.domain = XFS_HEALTH_MONITOR_DOMAIN_MOUNT,
				.type = XFS_HEALTH_MONITOR_TYPE_LOST,
				.payload = HL_PAYLOAD_LOST,
				.count = 585};
	struct hl_event media = {.domain = XFS_HEALTH_MONITOR_DOMAIN_DATADEV,
				 .type = XFS_HEALTH_MONITOR_TYPE_MEDIA_ERROR,
				 .payload = HL_PAYLOAD_MEDIA,
				 .bbcount = 8};
	struct hl_event odd = {.domain = 77, .type = 99};

	CU_ASSERT_FATAL(hl_metrics_init(&m, "/mnt", "u-1") == 0);
	/* Zeros for every pair the kernel sends, before any event. */
	CU_ASSERT(has_line(&m, "xfs_health_events_total{" LABELS
			       ",domain=\"inode\",type=\"sick\"} 0"));
	CU_ASSERT(!has_line(&m, "xfs_health_events_total{" LABELS
				",domain=\"inode\",type=\"lost\"} 0"));
	hl_metrics_event(&m, &lost);
	hl_metrics_event(&m, &lost);
	hl_metrics_event(&m, &media);
	hl_metrics_event(&m, &odd);
	CU_ASSERT(has_line(&m, "xfs_health_events_total{" LABELS
			       ",domain=\"mount\",type=\"lost\"} 2"));
	CU_ASSERT(
		has_line(&m, "xfs_health_events_lost_total{" LABELS "} 1170"));
	CU_ASSERT(has_line(&m, "xfs_health_media_errors_total{" LABELS "} 1"));
	CU_ASSERT(has_line(&m, "xfs_health_media_error_bytes_total{" LABELS
			       "} 4096"));
	CU_ASSERT(has_line(&m, "xfs_health_events_total{" LABELS
			       ",domain=\"other\",type=\"other\"} 1"));
	hl_metrics_free(&m);
}

static void
test_sick_objects(void)
{
	struct hl_metrics m;
	struct hl_event ev;
	uint64_t v;

	CU_ASSERT_FATAL(hl_metrics_init(&m, "/mnt", "u-1") == 0);
	v = hl_metrics_version(&m);
	ev = health_event(XFS_HEALTH_MONITOR_DOMAIN_AG,
			  XFS_HEALTH_MONITOR_TYPE_CORRUPT, 1, 0, 0x3);
	hl_metrics_event(&m, &ev);
	CU_ASSERT(hl_metrics_version(&m) != v);
	ev = health_event(XFS_HEALTH_MONITOR_DOMAIN_INODE,
			  XFS_HEALTH_MONITOR_TYPE_SICK, 0, 131, 0x1);
	hl_metrics_event(&m, &ev);
	CU_ASSERT(has_line(&m, "xfs_health_sick_objects{" LABELS
			       ",object=\"ag\"} 1"));
	CU_ASSERT(has_line(&m, "xfs_health_sick_objects{" LABELS
			       ",object=\"inode\"} 1"));
	/* One bit healthy again: the AG stays sick; both: it is not. */
	ev = health_event(XFS_HEALTH_MONITOR_DOMAIN_AG,
			  XFS_HEALTH_MONITOR_TYPE_HEALTHY, 1, 0, 0x1);
	hl_metrics_event(&m, &ev);
	CU_ASSERT(has_line(&m, "xfs_health_sick_objects{" LABELS
			       ",object=\"ag\"} 1"));
	ev.mask = 0x2;
	hl_metrics_event(&m, &ev);
	CU_ASSERT(has_line(&m, "xfs_health_sick_objects{" LABELS
			       ",object=\"ag\"} 0"));
	/* Another generation is another inode. */
	ev = health_event(XFS_HEALTH_MONITOR_DOMAIN_INODE,
			  XFS_HEALTH_MONITOR_TYPE_HEALTHY, 0, 131, 0x1);
	ev.gen = 8;
	hl_metrics_event(&m, &ev);
	CU_ASSERT(has_line(&m, "xfs_health_sick_objects{" LABELS
			       ",object=\"inode\"} 1"));
	/* Found by a reconcile pass. */
	hl_metrics_sick(&m, HL_OBJECT_FS, 0, 0, 0, 0x4);
	CU_ASSERT(has_line(&m, "xfs_health_sick_objects{" LABELS
			       ",object=\"fs\"} 1"));
	/*
	 * A complete pass that finds only the filesystem sick drops the
	 * inode (its healthy report was lost); one that could not read
	 * everything drops nothing.  A report during the pass counts as
	 * found.
	 */
	hl_metrics_sick_pass_begin(&m);
	hl_metrics_sick(&m, HL_OBJECT_FS, 0, 0, 0, 0x4);
	hl_metrics_sick_pass_end(&m, false);
	CU_ASSERT(has_line(&m, "xfs_health_sick_objects{" LABELS
			       ",object=\"inode\"} 1"));
	hl_metrics_sick_pass_begin(&m);
	hl_metrics_sick(&m, HL_OBJECT_FS, 0, 0, 0, 0x4);
	ev = health_event(XFS_HEALTH_MONITOR_DOMAIN_AG,
			  XFS_HEALTH_MONITOR_TYPE_SICK, 2, 0, 0x1);
	hl_metrics_event(&m, &ev);
	hl_metrics_sick_pass_end(&m, true);
	CU_ASSERT(has_line(&m, "xfs_health_sick_objects{" LABELS
			       ",object=\"inode\"} 0"));
	CU_ASSERT(has_line(&m, "xfs_health_sick_objects{" LABELS
			       ",object=\"fs\"} 1"));
	CU_ASSERT(has_line(&m, "xfs_health_sick_objects{" LABELS
			       ",object=\"ag\"} 1"));
	hl_metrics_free(&m);
}

/* Thousands of objects in and out again: the table's removals keep every
 * object reachable. */
static void
test_many_objects(void)
{
	struct hl_metrics m;
	struct hl_event ev;
	char line[200];

	CU_ASSERT_FATAL(hl_metrics_init(&m, "/mnt", "u-1") == 0);
	for (uint64_t ino = 0; ino < 5000; ino++) {
		ev = health_event(XFS_HEALTH_MONITOR_DOMAIN_INODE,
				  XFS_HEALTH_MONITOR_TYPE_SICK, 0,
				  128 + ino * 64, 0x1);
		hl_metrics_event(&m, &ev);
	}
	/* Every other one healthy again, then the rest, in another order. */
	for (uint64_t ino = 0; ino < 5000; ino += 2) {
		ev = health_event(XFS_HEALTH_MONITOR_DOMAIN_INODE,
				  XFS_HEALTH_MONITOR_TYPE_HEALTHY, 0,
				  128 + ino * 64, 0x1);
		hl_metrics_event(&m, &ev);
	}
	snprintf(line, sizeof(line),
		 "xfs_health_sick_objects{" LABELS ",object=\"inode\"} 2500");
	CU_ASSERT(has_line(&m, line));
	for (uint64_t ino = 4999; ino < 5000; ino -= 2) {
		ev = health_event(XFS_HEALTH_MONITOR_DOMAIN_INODE,
				  XFS_HEALTH_MONITOR_TYPE_HEALTHY, 0,
				  128 + ino * 64, 0x1);
		hl_metrics_event(&m, &ev);
	}
	CU_ASSERT(has_line(&m, "xfs_health_sick_objects{" LABELS
			       ",object=\"inode\"} 0"));
	CU_ASSERT_EQUAL(m.sick_used, 0);
	/* In again; a complete pass finds one in three: the rest go. */
	for (uint64_t ino = 0; ino < 5000; ino++)
		hl_metrics_sick(&m, HL_OBJECT_INODE, 0, 128 + ino * 64, 7, 0x1);
	hl_metrics_sick_pass_begin(&m);
	for (uint64_t ino = 0; ino < 5000; ino += 3)
		hl_metrics_sick(&m, HL_OBJECT_INODE, 0, 128 + ino * 64, 7, 0x1);
	hl_metrics_sick_pass_end(&m, true);
	CU_ASSERT(has_line(&m, "xfs_health_sick_objects{" LABELS
			       ",object=\"inode\"} 1667"));
	/* Every one kept is still found (probes intact). */
	for (uint64_t ino = 0; ino < 5000; ino += 3) {
		ev = health_event(XFS_HEALTH_MONITOR_DOMAIN_INODE,
				  XFS_HEALTH_MONITOR_TYPE_HEALTHY, 0,
				  128 + ino * 64, 0x1);
		hl_metrics_event(&m, &ev);
	}
	CU_ASSERT_EQUAL(m.sick_used, 0);
	hl_metrics_free(&m);
}

static void
test_repairs_and_passes(void)
{
	struct hl_metrics m;

	CU_ASSERT_FATAL(hl_metrics_init(&m, "/mnt", "u-1") == 0);
	CU_ASSERT(has_line(&m,
			   "xfs_health_reconcile_last_success{" LABELS "} 0"));
	hl_metrics_repair(&m, HL_REPAIR_SUCCESS);
	hl_metrics_repair(&m, HL_REPAIR_SUCCESS);
	hl_metrics_repair(&m, HL_REPAIR_FAILED);
	hl_metrics_repair(&m, HL_REPAIR_NR_OUTCOMES); /* ignored */
	hl_metrics_full_repair(&m);
	hl_metrics_pass(&m, 1700000000.5, 3, true);
	hl_metrics_set_monitoring(&m, true, 1699999999.25);
	CU_ASSERT(has_line(&m, "xfs_health_repairs_total{" LABELS
			       ",outcome=\"success\"} 2"));
	CU_ASSERT(has_line(&m, "xfs_health_repairs_total{" LABELS
			       ",outcome=\"failed\"} 1"));
	CU_ASSERT(has_line(&m, "xfs_health_repairs_total{" LABELS
			       ",outcome=\"unnecessary\"} 0"));
	CU_ASSERT(has_line(&m, "xfs_health_full_repairs_total{" LABELS "} 1"));
	/* An in-process full repair's objects, as its summary counts them. */
	struct hl_scrub_summary sum = {0};

	sum.count[HL_SCRUB_REPAIRED] = 4;
	sum.count[HL_SCRUB_CORRUPT] = 1;
	sum.count[HL_SCRUB_OK] = 100;
	hl_metrics_full_repair_objects(&m, &sum);
	hl_metrics_full_repair_objects(&m, &sum);
	CU_ASSERT(has_line(&m, "xfs_health_full_repair_objects_total{" LABELS
			       ",outcome=\"repaired\"} 8"));
	CU_ASSERT(has_line(&m, "xfs_health_full_repair_objects_total{" LABELS
			       ",outcome=\"corrupt\"} 2"));
	CU_ASSERT(has_line(&m, "xfs_health_full_repair_objects_total{" LABELS
			       ",outcome=\"skipped\"} 0"));
	CU_ASSERT(has_line(&m, "xfs_health_reconcile_last_time_seconds{" LABELS
			       "} 1700000000.500"));
	CU_ASSERT(has_line(&m, "xfs_health_reconcile_last_found_objects{" LABELS
			       "} 3"));
	CU_ASSERT(has_line(&m,
			   "xfs_health_reconcile_last_success{" LABELS "} 1"));
	CU_ASSERT(has_line(&m, "xfs_health_monitor_start_time_seconds{" LABELS
			       "} 1699999999.250"));
	CU_ASSERT(has_line(&m, "xfs_health_monitoring{" LABELS "} 1"));
	hl_metrics_set_monitoring(&m, false, 0);
	CU_ASSERT(has_line(&m, "xfs_health_monitoring{" LABELS "} 0"));
	CU_ASSERT(has_line(&m, "xfs_health_monitor_start_time_seconds{" LABELS
			       "} 1699999999.250"));
	hl_metrics_free(&m);
}

/* A mount point is shown as the log lines show it, then escaped for the
 * text format: a newline can never end a series early. */
static void
test_label_escapes(void)
{
	struct hl_metrics m;

	CU_ASSERT_FATAL(hl_metrics_init(&m, "/mnt/a\"b\\c\nd", NULL) == 0);
	CU_ASSERT(has_line(&m, "xfs_health_monitoring{mountpoint=\"/mnt/a\\\"b"
			       "\\\\\\\\c\\\\nd\",uuid=\"\"} 0"));
	hl_metrics_free(&m);
}

/* Entries of @dir other than "." and "..". */
static int
entries(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	if (!d)
		return -1;
	while ((e = readdir(d)))
		n += strcmp(e->d_name, ".") && strcmp(e->d_name, "..");
	closedir(d);
	return n;
}

static void
test_write_file(void)
{
	char dir[] = "/tmp/xfs_health-metrics.XXXXXX", path[200], other[220];
	struct hl_metrics m;
	struct stat st;
	mode_t old;
	FILE *f;

	CU_ASSERT_FATAL(mkdtemp(dir) != NULL);
	CU_ASSERT_FATAL(hl_metrics_init(&m, "/mnt", "u-1") == 0);
	snprintf(path, sizeof(path), "%s/x.prom", dir);
	snprintf(other, sizeof(other), "%s/other", dir);
	old = umask(07777); /* the unit's */
	CU_ASSERT_EQUAL(hl_metrics_write_file(&m, path, HL_METRICS_ALL), 0);
	umask(old);
	CU_ASSERT(stat(path, &st) == 0 && st.st_size > 1000);
	CU_ASSERT_EQUAL(st.st_mode & 07777, 0644);
	CU_ASSERT_EQUAL(entries(dir), 1); /* no temporary left */
	/* A symbolic link in its place is replaced, never followed. */
	f = fopen(other, "w");
	CU_ASSERT_FATAL(f != NULL);
	fputs("keep\n", f);
	fclose(f);
	unlink(path);
	CU_ASSERT_FATAL(symlink(other, path) == 0);
	CU_ASSERT_EQUAL(hl_metrics_write_file(&m, path, HL_METRICS_ALL), 0);
	CU_ASSERT(lstat(path, &st) == 0 && S_ISREG(st.st_mode));
	CU_ASSERT(stat(other, &st) == 0 && st.st_size == 5);
	CU_ASSERT_EQUAL(entries(dir), 2);
	unlink(path);
	unlink(other);
	rmdir(dir);
	CU_ASSERT_EQUAL(hl_metrics_write_file(&m, path, HL_METRICS_ALL),
			-ENOENT);
	hl_metrics_free(&m);
}

static const struct unit_test tests[] = {
	{"events by domain and type", test_events},
	{"sick objects", test_sick_objects},
	{"many objects in and out", test_many_objects},
	{"repairs and reconcile passes", test_repairs_and_passes},
	{"label escapes", test_label_escapes},
	{"file written whole", test_write_file},
};

int
unit_register_metrics(void)
{
	return UNIT_ADD_SUITE("metrics", tests);
}
