// SPDX-License-Identifier: GPL-2.0-or-later
/* The journal fields of events and repair outcomes. */
#include <string.h>

#include "unit.h"
#include "xfs_health_abi.h"

/* The fields, joined by spaces. */
static void
joined(const struct hl_journal_fields *f, char *buf, size_t len)
{
	buf[0] = '\0';
	for (size_t i = 0; i < f->nr; i++) {
		if (i)
			strncat(buf, " ", len - strlen(buf) - 1);
		strncat(buf, f->field[i], len - strlen(buf) - 1);
	}
}

static void
check(const struct hl_event *ev, const struct hl_repair_report *rep,
      const char *path, const char *want)
{
	struct hl_journal_fields f;
	char buf[1024];

	CU_ASSERT_EQUAL_FATAL(hl_journal_fields_of(&f, ev, rep, path), 0);
	joined(&f, buf, sizeof(buf));
	CU_ASSERT_STRING_EQUAL(buf, want);
	hl_journal_fields_free(&f);
	CU_ASSERT_EQUAL(f.nr, 0);
}

static void
test_events(void)
{
	struct hl_event ev = {.domain = XFS_HEALTH_MONITOR_DOMAIN_INODE,
			      .type = XFS_HEALTH_MONITOR_TYPE_SICK,
			      .payload = HL_PAYLOAD_HEALTH,
			      .ino = 131,
			      .gen = 7,
			      .mask = XFS_BS_SICK_DIR};

	check(&ev, NULL, "/mnt/a\nb",
	      "XFS_DOMAIN=inode XFS_TYPE=sick XFS_OBJECT=inode XFS_INO=131 "
	      "XFS_GEN=7 XFS_STRUCTURES=directory XFS_PATH=/mnt/a\\nb");
	ev = (struct hl_event){.domain = XFS_HEALTH_MONITOR_DOMAIN_AG,
			       .type = XFS_HEALTH_MONITOR_TYPE_CORRUPT,
			       .payload = HL_PAYLOAD_HEALTH,
			       .group = 2,
			       .mask = XFS_AG_GEOM_SICK_AGF |
				       XFS_AG_GEOM_SICK_AGI};
	check(&ev, NULL, NULL,
	      "XFS_DOMAIN=ag XFS_TYPE=corrupt XFS_OBJECT=ag XFS_AGNO=2 "
	      "XFS_STRUCTURES=agf, agi");
	ev = (struct hl_event){.domain = XFS_HEALTH_MONITOR_DOMAIN_MOUNT,
			       .type = XFS_HEALTH_MONITOR_TYPE_LOST,
			       .payload = HL_PAYLOAD_LOST,
			       .count = 585};
	check(&ev, NULL, NULL, "XFS_DOMAIN=mount XFS_TYPE=lost XFS_LOST=585");
	ev = (struct hl_event){.domain = XFS_HEALTH_MONITOR_DOMAIN_FILERANGE,
			       .type = XFS_HEALTH_MONITOR_TYPE_DIOREAD,
			       .payload = HL_PAYLOAD_FILERANGE,
			       .ino = 132,
			       .gen = 3,
			       .pos = 8192,
			       .len = 512,
			       .error = 61};
	check(&ev, NULL, NULL,
	      "XFS_DOMAIN=filerange XFS_TYPE=directio_read XFS_INO=132 "
	      "XFS_GEN=3 XFS_POS=8192 XFS_LEN=512 ERRNO=61");
	ev = (struct hl_event){.domain = 99, .type = 77};
	check(&ev, NULL, NULL, "XFS_DOMAIN=0x63 XFS_TYPE=0x4d");
}

static void
test_repair(void)
{
	struct hl_event ev = {.domain = XFS_HEALTH_MONITOR_DOMAIN_INODE,
			      .type = XFS_HEALTH_MONITOR_TYPE_SICK,
			      .payload = HL_PAYLOAD_HEALTH,
			      .ino = 131,
			      .gen = 7,
			      .mask = XFS_BS_SICK_DIR | XFS_BS_SICK_PARENT};
	struct hl_repair_report rep = {
		.ev = &ev,
		.bit = XFS_BS_SICK_DIR,
		.type = hl_scrub_type_by_value(XFS_SCRUB_TYPE_DIR),
		.error = 5,
		.outcome = HL_REPAIR_FAILED};

	/* The structure the line names: the one repaired. */
	check(&ev, &rep, "/mnt/dir",
	      "XFS_DOMAIN=inode XFS_TYPE=sick XFS_OBJECT=inode XFS_INO=131 "
	      "XFS_GEN=7 XFS_STRUCTURES=directory XFS_PATH=/mnt/dir "
	      "XFS_OUTCOME=failed XFS_SCRUB_TYPE=directory ERRNO=5");
}

static const struct unit_test tests[] = {
	{"events", test_events},
	{"repair outcomes", test_repair},
};

int
unit_register_journal(void)
{
	return UNIT_ADD_SUITE("journal fields", tests);
}
