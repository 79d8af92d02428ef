// SPDX-License-Identifier: GPL-2.0-or-later
/* Hooks: line kinds, hook names, and the rate limits. */
#include <errno.h>
#include <string.h>

#include "unit.h"
#include "xfs_health_abi.h"

#define SEC 1000000000ULL

static struct hl_event
health(uint32_t domain, uint32_t type, uint32_t group, uint64_t ino)
{
	return (struct hl_event){.domain = domain,
				 .type = type,
				 .payload = HL_PAYLOAD_HEALTH,
				 .group = group,
				 .ino = ino,
				 .gen = 1,
				 .mask = 1};
}

static void
test_kinds(void)
{
	struct hl_event ev = health(XFS_HEALTH_MONITOR_DOMAIN_AG,
				    XFS_HEALTH_MONITOR_TYPE_SICK, 1, 0);
	struct hl_repair_report rep = {.ev = &ev};

	CU_ASSERT_EQUAL(hl_line_kind_of(&ev, NULL), HL_LINE_BAD);
	ev.type = XFS_HEALTH_MONITOR_TYPE_CORRUPT;
	CU_ASSERT_EQUAL(hl_line_kind_of(&ev, NULL), HL_LINE_BAD);
	ev.type = XFS_HEALTH_MONITOR_TYPE_HEALTHY;
	CU_ASSERT_EQUAL(hl_line_kind_of(&ev, NULL), HL_LINE_GOOD);
	CU_ASSERT_EQUAL(hl_line_kind_of(&ev, &rep), HL_LINE_REPAIR);
	ev.payload = HL_PAYLOAD_LOST;
	CU_ASSERT_EQUAL(hl_line_kind_of(&ev, NULL), HL_LINE_LOST);
	ev.payload = HL_PAYLOAD_SHUTDOWN;
	CU_ASSERT_EQUAL(hl_line_kind_of(&ev, NULL), HL_LINE_SHUTDOWN);
	ev.payload = HL_PAYLOAD_MEDIA;
	CU_ASSERT_EQUAL(hl_line_kind_of(&ev, NULL), HL_LINE_MEDIA);
	ev.payload = HL_PAYLOAD_FILERANGE;
	CU_ASSERT_EQUAL(hl_line_kind_of(&ev, NULL), HL_LINE_FILE_IO);
	ev.payload = HL_PAYLOAD_NONE;
	CU_ASSERT_EQUAL(hl_line_kind_of(&ev, NULL), HL_LINE_MOUNT);
	/* No kind is named with a word of upstream's lines. */
	for (unsigned int k = 0; k < HL_LINE_NR_KINDS; k++) {
		const char *n = hl_name_of(hl_line_kind_names(), k);

		CU_ASSERT_PTR_NOT_NULL_FATAL(n);
		CU_ASSERT_PTR_NULL(strstr(n, "sick"));
		CU_ASSERT_PTR_NULL(strstr(n, "healthy"));
		CU_ASSERT_PTR_NULL(strstr(n, "corrupt"));
		CU_ASSERT_PTR_NULL(strstr(n, "failed"));
	}
}

static void
test_names(void)
{
	uint32_t k;

	CU_ASSERT_EQUAL(hl_hook_name_kinds("bad-mail", &k), 0);
	CU_ASSERT_EQUAL(k, 1u << HL_LINE_BAD);
	CU_ASSERT_EQUAL(hl_hook_name_kinds("all-webhook.sh", &k), 0);
	CU_ASSERT_EQUAL(k, HL_HOOK_ALL_KINDS);
	CU_ASSERT_EQUAL(hl_hook_name_kinds("file_io-log", &k), 0);
	CU_ASSERT_EQUAL(k, 1u << HL_LINE_FILE_IO);
	CU_ASSERT_EQUAL(hl_hook_name_kinds("repair-x-y", &k), 0);
	CU_ASSERT_EQUAL(k, 1u << HL_LINE_REPAIR);
	/* No kind, or nothing after it. */
	CU_ASSERT_EQUAL(hl_hook_name_kinds("mail", &k), -ENOENT);
	CU_ASSERT_EQUAL(hl_hook_name_kinds("bad-", &k), -ENOENT);
	CU_ASSERT_EQUAL(hl_hook_name_kinds("sick-mail", &k), -ENOENT);
	CU_ASSERT_EQUAL(hl_hook_name_kinds("-mail", &k), -ENOENT);
	CU_ASSERT_EQUAL(k, 0);
	/* Names run-parts would not run. */
	CU_ASSERT_EQUAL(hl_hook_name_kinds("", &k), -EINVAL);
	CU_ASSERT_EQUAL(hl_hook_name_kinds(".bad-x", &k), -EINVAL);
	CU_ASSERT_EQUAL(hl_hook_name_kinds("bad-a b", &k), -EINVAL);
	CU_ASSERT_EQUAL(hl_hook_name_kinds("bad-a\nb", &k), -EINVAL);
	CU_ASSERT_EQUAL(hl_hook_name_kinds("bad-\xc3\xa9", &k), -EINVAL);
	/* Longer than HL_HOOK_NAME_MAX. */
	char longer[HL_HOOK_NAME_MAX + 2];

	memset(longer, 'x', sizeof(longer) - 1);
	longer[sizeof(longer) - 1] = '\0';
	memcpy(longer, "bad-", 4);
	CU_ASSERT_EQUAL(hl_hook_name_kinds(longer, &k), -EINVAL);
	longer[HL_HOOK_NAME_MAX] = '\0';
	CU_ASSERT_EQUAL(hl_hook_name_kinds(longer, &k), 0);
}

static void
test_keys(void)
{
	struct hl_event a = health(XFS_HEALTH_MONITOR_DOMAIN_AG,
				   XFS_HEALTH_MONITOR_TYPE_SICK, 3, 99);
	struct hl_event i = health(XFS_HEALTH_MONITOR_DOMAIN_INODE,
				   XFS_HEALTH_MONITOR_TYPE_SICK, 7, 131);
	struct hl_hook_key k;

	/* An AG's key has its number, not the inode fields. */
	hl_hook_key_of(&k, 2, &a, NULL);
	CU_ASSERT_EQUAL(k.hook, 2);
	CU_ASSERT_EQUAL(k.object, HL_OBJECT_AG);
	CU_ASSERT_EQUAL(k.group, 3);
	CU_ASSERT_EQUAL(k.ino, 0);
	hl_hook_key_of(&k, 0, &i, NULL);
	CU_ASSERT_EQUAL(k.object, HL_OBJECT_INODE);
	CU_ASSERT_EQUAL(k.group, 0);
	CU_ASSERT_EQUAL(k.ino, 131);
	CU_ASSERT_EQUAL(k.gen, 1);
}

static bool
allow(struct hl_hook_limit *l, unsigned int hook, const struct hl_event *ev,
      const struct hl_repair_report *rep, uint64_t now, uint64_t *sup,
      uint64_t *all)
{
	struct hl_hook_key k;

	hl_hook_key_of(&k, hook, ev, rep);
	return hl_hook_limit_allow(l, &k, now, sup, all);
}

static void
test_object_limit(void)
{
	struct hl_event ag = health(XFS_HEALTH_MONITOR_DOMAIN_AG,
				    XFS_HEALTH_MONITOR_TYPE_SICK, 1, 0);
	struct hl_event corrupt = ag;
	struct hl_repair_report rep = {.ev = &ag, .outcome = HL_REPAIR_SUCCESS};
	struct hl_hook_limit l;
	uint64_t sup, all;

	corrupt.type = XFS_HEALTH_MONITOR_TYPE_CORRUPT;
	CU_ASSERT_EQUAL_FATAL(hl_hook_limit_init(&l, 10 * SEC, 10), 0);
	CU_ASSERT_TRUE(allow(&l, 0, &ag, NULL, 100 * SEC, &sup, &all));
	CU_ASSERT_EQUAL(sup, 0);
	CU_ASSERT_EQUAL(all, 0);
	/* The same news of the same AG: suppressed within the interval. */
	CU_ASSERT_FALSE(allow(&l, 0, &ag, NULL, 101 * SEC, &sup, &all));
	/* A clock read a little earlier by another thread: no wrap-around. */
	CU_ASSERT_FALSE(allow(&l, 0, &ag, NULL, 99 * SEC, &sup, &all));
	CU_ASSERT_FALSE(allow(&l, 0, &ag, NULL, 109 * SEC, &sup, &all));
	/* Other news of it, its repair, another hook: not. */
	CU_ASSERT_TRUE(allow(&l, 0, &corrupt, NULL, 109 * SEC, &sup, &all));
	CU_ASSERT_EQUAL(sup, 0);
	CU_ASSERT_EQUAL(all, 3);
	CU_ASSERT_TRUE(allow(&l, 0, &ag, &rep, 109 * SEC, &sup, &all));
	CU_ASSERT_EQUAL(all, 0);
	CU_ASSERT_TRUE(allow(&l, 1, &ag, NULL, 109 * SEC, &sup, &all));
	/* An interval on, it runs, told what was suppressed. */
	CU_ASSERT_TRUE(allow(&l, 0, &ag, NULL, 110 * SEC, &sup, &all));
	CU_ASSERT_EQUAL(sup, 3);
	CU_ASSERT_EQUAL(all, 0);
	hl_hook_limit_free(&l);
}

static void
test_burst(void)
{
	struct hl_hook_limit l;
	uint64_t sup, all;
	unsigned int ran = 0;

	CU_ASSERT_EQUAL_FATAL(hl_hook_limit_init(&l, 10 * SEC, 10), 0);
	/* Twenty inodes at once: ten runs; one more a second after. */
	for (unsigned int i = 0; i < 20; i++) {
		struct hl_event ev =
			health(XFS_HEALTH_MONITOR_DOMAIN_INODE,
			       XFS_HEALTH_MONITOR_TYPE_SICK, 0, 1000 + i);

		ran += allow(&l, 0, &ev, NULL, 50 * SEC, &sup, &all);
	}
	CU_ASSERT_EQUAL(ran, 10);
	struct hl_event first = health(XFS_HEALTH_MONITOR_DOMAIN_INODE,
				       XFS_HEALTH_MONITOR_TYPE_SICK, 0, 1015);

	CU_ASSERT_FALSE(
		allow(&l, 0, &first, NULL, 50 * SEC + SEC / 2, &sup, &all));
	CU_ASSERT_TRUE(allow(&l, 0, &first, NULL, 51 * SEC, &sup, &all));
	/* Suppressed by the hook's limit: counted for the inode too. */
	CU_ASSERT_EQUAL(sup, 2);
	CU_ASSERT_EQUAL(all, 11);
	/* Each token comes back in interval / burst. */
	CU_ASSERT_FALSE(allow(&l, 0, &first, NULL, 51 * SEC, &sup, &all));
	hl_hook_limit_free(&l);
}

static void
test_no_limit(void)
{
	struct hl_event ev = health(XFS_HEALTH_MONITOR_DOMAIN_FS,
				    XFS_HEALTH_MONITOR_TYPE_SICK, 0, 0);
	struct hl_hook_limit l;
	uint64_t sup, all;

	CU_ASSERT_EQUAL_FATAL(hl_hook_limit_init(&l, 0, 10), 0);
	for (unsigned int i = 0; i < 100; i++)
		CU_ASSERT_TRUE(allow(&l, 0, &ev, NULL, SEC, &sup, &all));
	CU_ASSERT_EQUAL(sup + all, 0);
	hl_hook_limit_free(&l);
}

/* More objects than slots: the newest are not remembered, still limited
 * by the hook's own limit, and nothing is overwritten that is live. */
static void
test_full_table(void)
{
	struct hl_hook_limit l;
	uint64_t sup, all, ran = 0;

	CU_ASSERT_EQUAL_FATAL(hl_hook_limit_init(&l, 3600 * SEC, 1000000), 0);
	for (uint64_t i = 0; i < 2 * HL_HOOK_LIMIT_SLOTS; i++) {
		struct hl_event ev =
			health(XFS_HEALTH_MONITOR_DOMAIN_INODE,
			       XFS_HEALTH_MONITOR_TYPE_SICK, 0, 5000 + i);

		ran += allow(&l, 0, &ev, NULL, SEC, &sup, &all);
	}
	CU_ASSERT_EQUAL(ran, 2 * HL_HOOK_LIMIT_SLOTS);
	/* The first inode is remembered: suppressed. */
	struct hl_event ev = health(XFS_HEALTH_MONITOR_DOMAIN_INODE,
				    XFS_HEALTH_MONITOR_TYPE_SICK, 0, 5000);

	CU_ASSERT_FALSE(allow(&l, 0, &ev, NULL, 2 * SEC, &sup, &all));
	hl_hook_limit_free(&l);
}

static const struct unit_test tests[] = {
	{"line kinds", test_kinds},
	{"hook names", test_names},
	{"rate-limit keys", test_keys},
	{"one run per object and news", test_object_limit},
	{"ten runs per hook", test_burst},
	{"interval 0: no limits", test_no_limit},
	{"more objects than slots", test_full_table},
};

int
unit_register_hooks(void)
{
	return UNIT_ADD_SUITE("hooks", tests);
}
