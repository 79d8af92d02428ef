// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit names against what "systemd-escape --template PREFIX@.service --path
 * PATH" printed (systemd 252) for each path below; the test does not need
 * systemd.
 */
#include <errno.h>
#include <string.h>

#include "unit.h"
#include "health.h"

static const struct {
	const char *path;
	const char *unit; /* NULL: systemd-escape refused it */
} cases[] = {
	{"/", "xfs_healer@-.service"},
	{"//", "xfs_healer@-.service"},
	{"/./", "xfs_healer@-.service"},
	{"/mnt", "xfs_healer@mnt.service"},
	{"/mnt/", "xfs_healer@mnt.service"},
	{"/mnt/a b", "xfs_healer@mnt-a\\x20b.service"},
	{"/mnt/x-y", "xfs_healer@mnt-x\\x2dy.service"},
	{"/mnt//x/", "xfs_healer@mnt-x.service"},
	{"/mnt/./x", "xfs_healer@mnt-x.service"},
	{"/mnt/.", "xfs_healer@mnt.service"},
	{"/.hidden", "xfs_healer@\\x2ehidden.service"},
	{"/..a", "xfs_healer@\\x2e.a.service"},
	{"/mnt/.x", "xfs_healer@mnt-.x.service"},
	{"/mnt/.hidden/.x", "xfs_healer@mnt-.hidden-.x.service"},
	{"/a..", "xfs_healer@a...service"},
	{"/mnt/...", "xfs_healer@mnt-....service"},
	{"/mnt/\xc3\xbc", "xfs_healer@mnt-\\xc3\\xbc.service"},
	{"/mnt/\xff\x01x", "xfs_healer@mnt-\\xff\\x01x.service"},
	{"/a\\b", "xfs_healer@a\\x5cb.service"},
	{"/a:b_c.d", "xfs_healer@a:b_c.d.service"},
	{"/a~b", "xfs_healer@a\\x7eb.service"},
	{"/a\tb", "xfs_healer@a\\x09b.service"},
	{"/a%b@c", "xfs_healer@a\\x25b\\x40c.service"},
	{"/-", "xfs_healer@\\x2d.service"},
	{"/Data/XFS9", "xfs_healer@Data-XFS9.service"},
	{"/mnt/..", NULL},
	{"/../", NULL},
	{"/a/../b", NULL},
	/* Relative paths: systemd-escape only warns; we refuse them. */
	{"mnt", NULL},
	{"./mnt", NULL},
	{"", NULL},
};

static void
test_systemd_escape(void)
{
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		char buf[300];
		int n = hl_unit_name(buf, sizeof(buf), "xfs_healer",
				     cases[i].path);

		if (!cases[i].unit) {
			CU_ASSERT_EQUAL(n, -EINVAL);
			CU_ASSERT_STRING_EQUAL(buf, "");
			continue;
		}
		CU_ASSERT_EQUAL(n, (int)strlen(cases[i].unit));
		CU_ASSERT_STRING_EQUAL(buf, cases[i].unit);
		if (strcmp(buf, cases[i].unit))
			fprintf(stderr, "\n %s: got %s want %s\n",
				cases[i].path, buf, cases[i].unit);
	}
}

static void
test_prefixes(void)
{
	char buf[300];

	CU_ASSERT_EQUAL(hl_unit_name(buf, sizeof(buf), "xfs_scrub", "/srv"),
			(int)strlen("xfs_scrub@srv.service"));
	CU_ASSERT_STRING_EQUAL(buf, "xfs_scrub@srv.service");
	/* systemd takes "-" and "\\" in a prefix as they are. */
	CU_ASSERT(hl_unit_name(buf, sizeof(buf), "a-b\\c", "/") > 0);
	CU_ASSERT_STRING_EQUAL(buf, "a-b\\c@-.service");
	/* ... but not these. */
	CU_ASSERT_EQUAL(hl_unit_name(buf, sizeof(buf), "", "/"), -EINVAL);
	CU_ASSERT_EQUAL(hl_unit_name(buf, sizeof(buf), "a@b", "/"), -EINVAL);
	CU_ASSERT_EQUAL(hl_unit_name(buf, sizeof(buf), "x y", "/"), -EINVAL);
	CU_ASSERT_EQUAL(hl_unit_name(buf, sizeof(buf), "x/y", "/"), -EINVAL);
	CU_ASSERT_EQUAL(hl_unit_name(buf, sizeof(buf), NULL, "/"), -EINVAL);
	CU_ASSERT_EQUAL(hl_unit_name(buf, sizeof(buf), "x", NULL), -EINVAL);
	CU_ASSERT_EQUAL(hl_unit_name(NULL, 10, "x", "/"), -EINVAL);
	CU_ASSERT_EQUAL(hl_unit_name(buf, 0, "x", "/"), -EINVAL);
}

/* systemd allows 255 bytes: "x@" + 245 + ".service" is the longest. */
static void
test_lengths(void)
{
	char path[300], buf[400];

	memset(path, 'a', sizeof(path));
	path[0] = '/';
	path[246] = '\0';
	CU_ASSERT_EQUAL(hl_unit_name(buf, sizeof(buf), "x", path), 255);
	path[246] = 'a';
	path[247] = '\0';
	CU_ASSERT_EQUAL(hl_unit_name(buf, sizeof(buf), "x", path), -EINVAL);
	/* Escapes count as what they become. */
	path[40] = '\0';
	memset(path + 1, ' ', 39);
	CU_ASSERT_EQUAL(hl_unit_name(buf, sizeof(buf), "x", path),
			2 + 39 * 4 + 8);

	/* Too small a buffer: cut but terminated. */
	CU_ASSERT_EQUAL(hl_unit_name(buf, 8, "xfs_healer", "/mnt"), -ENOSPC);
	CU_ASSERT_STRING_EQUAL(buf, "xfs_hea");
	CU_ASSERT_EQUAL(hl_unit_name(buf, 22, "xfs_healer", "/mnt"), -ENOSPC);
	CU_ASSERT_EQUAL(hl_unit_name(buf, 23, "xfs_healer", "/mnt"), 22);
}

static const struct unit_test tests[] = {
	{"as systemd-escape makes them", test_systemd_escape},
	{"prefixes", test_prefixes},
	{"lengths", test_lengths},
};

int
unit_register_unitname(void)
{
	return UNIT_ADD_SUITE("unit names", tests);
}
