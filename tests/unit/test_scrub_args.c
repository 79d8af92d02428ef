// SPDX-License-Identifier: GPL-2.0-or-later
/* The object arguments of one scrub, by type class (reference E.5). */
#include <errno.h>
#include <string.h>

#include "unit.h"
#include "health.h"
#include "xfs_health_abi.h"

#define ARGV(...)  ((char *const[]){__VA_ARGS__, NULL})
#define NARGS(...) (int)(sizeof(ARGV(__VA_ARGS__)) / sizeof(char *) - 1)

struct parsed {
	int ret;
	enum hl_scrub_arg_error why;
	int bad;
	struct hl_scrub_request req;
};

static struct parsed
parse(int argc, char *const *argv)
{
	struct parsed p;

	/* Garbage in, to see that every field is set. */
	memset(&p, 0x5a, sizeof(p));
	p.ret = hl_scrub_parse_request(argc, argv, &p.req, &p.why, &p.bad);
	return p;
}

#define PARSE(...) parse(NARGS(__VA_ARGS__), ARGV(__VA_ARGS__))

#define CHECK_FAIL(p, code, index)                                             \
	do {                                                                   \
		struct parsed p_ = (p);                                        \
		CU_ASSERT_EQUAL(p_.ret, -EINVAL);                              \
		CU_ASSERT_EQUAL(p_.why, (code));                               \
		CU_ASSERT_EQUAL(p_.bad, (index));                              \
	} while (0)

static void
check_ok(struct parsed p, const char *type, uint32_t agno, uint64_t ino,
	 uint32_t gen)
{
	CU_ASSERT_EQUAL(p.ret, 0);
	CU_ASSERT_EQUAL(p.why, HL_SCRUB_ARGS_OK);
	CU_ASSERT_EQUAL(p.bad, -1);
	CU_ASSERT_PTR_EQUAL(p.req.type, hl_scrub_type_by_name(type));
	CU_ASSERT_EQUAL(p.req.agno, agno);
	CU_ASSERT_EQUAL(p.req.ino, ino);
	CU_ASSERT_EQUAL(p.req.gen, gen);
}

static void
test_types(void)
{
	CHECK_FAIL(PARSE("nosuch"), HL_SCRUB_ARGS_UNKNOWN_TYPE, 0);
	CHECK_FAIL(PARSE("BNOBT", "0"), HL_SCRUB_ARGS_UNKNOWN_TYPE, 0);
	CHECK_FAIL(parse(0, ARGV(NULL)), HL_SCRUB_ARGS_UNKNOWN_TYPE, -1);
	/* The type is judged before its arguments. */
	CHECK_FAIL(PARSE("agx", "zz"), HL_SCRUB_ARGS_UNKNOWN_TYPE, 0);
}

static void
test_ag(void)
{
	check_ok(PARSE("agf", "3"), "agf", 3, 0, 0);
	check_ok(PARSE("refcountbt", "0x10"), "refcountbt", 16, 0, 0);
	check_ok(PARSE("sb", "4294967295"), "sb", 0xffffffff, 0, 0);
	CHECK_FAIL(PARSE("agf"), HL_SCRUB_ARGS_NEED_AGNO, -1);
	CHECK_FAIL(PARSE("agf", "1", "2"), HL_SCRUB_ARGS_NEED_AGNO, -1);
	CHECK_FAIL(PARSE("bnobt", "x"), HL_SCRUB_ARGS_BAD_AGNO, 1);
	CHECK_FAIL(PARSE("bnobt", "-1"), HL_SCRUB_ARGS_BAD_AGNO, 1);
	CHECK_FAIL(PARSE("bnobt", "+1"), HL_SCRUB_ARGS_BAD_AGNO, 1);
	CHECK_FAIL(PARSE("bnobt", " 1"), HL_SCRUB_ARGS_BAD_AGNO, 1);
	CHECK_FAIL(PARSE("bnobt", "1x"), HL_SCRUB_ARGS_BAD_AGNO, 1);
	CHECK_FAIL(PARSE("bnobt", ""), HL_SCRUB_ARGS_BAD_AGNO, 1);
	CHECK_FAIL(PARSE("bnobt", "4294967296"), HL_SCRUB_ARGS_BAD_AGNO, 1);
}

static void
test_rtgroup(void)
{
	check_ok(PARSE("rtbitmap", "0"), "rtbitmap", 0, 0, 0);
	check_ok(PARSE("rtrefcountbt", "7"), "rtrefcountbt", 7, 0, 0);
	CHECK_FAIL(PARSE("rgsuper"), HL_SCRUB_ARGS_NEED_RGNO, -1);
	CHECK_FAIL(PARSE("rgsuper", "1", "1"), HL_SCRUB_ARGS_NEED_RGNO, -1);
	CHECK_FAIL(PARSE("rtsummary", "one"), HL_SCRUB_ARGS_BAD_RGNO, 1);
}

static void
test_inode(void)
{
	check_ok(PARSE("inode"), "inode", 0, 0, 0);
	check_ok(PARSE("directory", "128", "0x2a"), "directory", 0, 128, 42);
	check_ok(PARSE("dirtree", "18446744073709551615", "4294967295"),
		 "dirtree", 0, UINT64_MAX, UINT32_MAX);
	CHECK_FAIL(PARSE("bmapbtd", "128"), HL_SCRUB_ARGS_NEED_INO_GEN, -1);
	CHECK_FAIL(PARSE("bmapbtd", "1", "2", "3"), HL_SCRUB_ARGS_NEED_INO_GEN,
		   -1);
	CHECK_FAIL(PARSE("xattr", "ino", "1"), HL_SCRUB_ARGS_BAD_INO, 1);
	CHECK_FAIL(PARSE("xattr", "18446744073709551616", "1"),
		   HL_SCRUB_ARGS_BAD_INO, 1);
	CHECK_FAIL(PARSE("xattr", "1", "g"), HL_SCRUB_ARGS_BAD_GEN, 2);
	CHECK_FAIL(PARSE("xattr", "1", "4294967296"), HL_SCRUB_ARGS_BAD_GEN, 2);
}

static void
test_metapath(void)
{
	check_ok(PARSE("metapath", "usrquota"), "metapath", 0, 5, 0);
	check_ok(PARSE("metapath", "probe"), "metapath", 0, 0, 0);
	check_ok(PARSE("metapath", "4"), "metapath", 0, 4, 0);
	check_ok(PARSE("metapath", "rtrmapbt", "3"), "metapath", 3, 8, 0);
	check_ok(PARSE("metapath", "2", "0x1"), "metapath", 1, 2, 0);
	/* A path newer than our table is passed on. */
	check_ok(PARSE("metapath", "12"), "metapath", 0, 12, 0);

	CHECK_FAIL(PARSE("metapath"), HL_SCRUB_ARGS_NEED_METAPATH, -1);
	CHECK_FAIL(PARSE("metapath", "rtbitmap", "1", "2"),
		   HL_SCRUB_ARGS_NEED_METAPATH, -1);
	CHECK_FAIL(PARSE("metapath", "nowhere"), HL_SCRUB_ARGS_BAD_METAPATH, 1);
	CHECK_FAIL(PARSE("metapath", "-2"), HL_SCRUB_ARGS_BAD_METAPATH, 1);
	CHECK_FAIL(PARSE("metapath", "rtsummary"),
		   HL_SCRUB_ARGS_METAPATH_NEEDS_GROUP, 1);
	CHECK_FAIL(PARSE("metapath", "9"), HL_SCRUB_ARGS_METAPATH_NEEDS_GROUP,
		   1);
	CHECK_FAIL(PARSE("metapath", "quotadir", "0"),
		   HL_SCRUB_ARGS_METAPATH_NO_GROUP, 1);
	CHECK_FAIL(PARSE("metapath", "rtrefcbt", "x"), HL_SCRUB_ARGS_BAD_GROUP,
		   2);
}

/* The metapath's id is known when the group is wrong, for the message. */
static void
test_metapath_id_on_error(void)
{
	struct parsed p = PARSE("metapath", "3");

	CU_ASSERT_EQUAL(p.why, HL_SCRUB_ARGS_METAPATH_NEEDS_GROUP);
	CU_ASSERT_EQUAL(p.req.ino, XFS_SCRUB_METAPATH_RTSUMMARY);
	p = PARSE("metapath", "prjquota", "1");
	CU_ASSERT_EQUAL(p.why, HL_SCRUB_ARGS_METAPATH_NO_GROUP);
	CU_ASSERT_EQUAL(p.req.ino, XFS_SCRUB_METAPATH_PRJQUOTA);
}

static void
test_no_params(void)
{
	static const char *const types[] = {
		"probe",      "usrquota",   "grpquota", "prjquota",
		"fscounters", "quotacheck", "nlinks",	"healthy"};

	for (size_t i = 0; i < ARRAY_SIZE(types); i++) {
		check_ok(parse(1, ARGV((char *)types[i])), types[i], 0, 0, 0);
		CHECK_FAIL(parse(2, ARGV((char *)types[i], "0")),
			   HL_SCRUB_ARGS_NO_PARAMS, -1);
	}
}

/* Every type of the catalogue is accepted with the arguments of its class. */
static void
test_every_type(void)
{
	size_t nr;
	const struct hl_scrub_type *types = hl_scrub_types(&nr);

	for (size_t i = 0; i < nr; i++) {
		char *name = (char *)types[i].name;
		struct parsed p;

		switch (types[i].sclass) {
		case HL_SCRUB_CLASS_PERAG:
		case HL_SCRUB_CLASS_RTGROUP:
			p = parse(2, ARGV(name, "0"));
			break;
		case HL_SCRUB_CLASS_INODE:
			p = parse(3, ARGV(name, "128", "1"));
			break;
		case HL_SCRUB_CLASS_GENERIC:
			p = parse(2, ARGV(name, "rtdir"));
			break;
		default:
			p = parse(1, ARGV(name));
			break;
		}
		CU_ASSERT_EQUAL(p.ret, 0);
		CU_ASSERT_PTR_EQUAL(p.req.type, &types[i]);
	}
}

static const struct unit_test tests[] = {
	{"type names", test_types},
	{"AG types", test_ag},
	{"rtgroup types", test_rtgroup},
	{"inode types", test_inode},
	{"metapath", test_metapath},
	{"metapath id on errors", test_metapath_id_on_error},
	{"types without parameters", test_no_params},
	{"every type", test_every_type},
};

int
unit_register_scrub_args(void)
{
	return UNIT_ADD_SUITE("scrub arguments", tests);
}
