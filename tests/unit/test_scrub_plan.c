// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The whole-filesystem scrub plan: order, barriers, flags; and the kernel's
 * barrier rule as io/ applies it between single calls (reference D.4).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "unit.h"
#include "health.h"
#include "xfs_health_abi.h"

/*
 * One line per call, "agno/ino: names" ("agno/ino?:" for a call made only
 * if nothing was found before it), "|" for a barrier, a name followed by "+"
 * when the check carries the input flags under test.
 */
static char *
describe(const struct hl_scrub_plan *plan, uint32_t iflags)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	if (!f)
		return NULL;
	for (size_t c = 0; c < plan->nr_calls; c++) {
		const struct hl_scrub_call *call = &plan->calls[c];

		fprintf(f, "%u/%llu%s:", call->agno,
			(unsigned long long)call->ino,
			call->if_clean ? "?" : "");
		if (call->kind == HL_SCRUB_CALL_AG_INODES)
			fprintf(f, " inodes");
		else if (call->kind == HL_SCRUB_CALL_ONE_INODE)
			fprintf(f, " inode");
		for (size_t i = 0; i < call->nr; i++) {
			const struct hl_scrub_vec *v =
				&plan->vecs[call->first + i];

			if (v->type == XFS_SCRUB_TYPE_BARRIER) {
				fprintf(f, " |");
				if (v->flags != hl_scrub_barrier_flags(iflags))
					fprintf(f, "0x%x", v->flags);
				continue;
			}
			fprintf(f, " %s",
				hl_scrub_type_by_value(v->type)->name);
			if (iflags && v->flags == iflags)
				fprintf(f, "+");
			else if (v->flags)
				fprintf(f, "(0x%x)", v->flags);
			if (v->ret)
				fprintf(f, "!");
		}
		fprintf(f, "\n");
	}
	fclose(f);
	return text;
}

static void
check_scoped_plan(const struct hl_scrub_fs_shape *fs,
		  const struct hl_scrub_scope *scope, uint32_t iflags,
		  const char *want)
{
	struct hl_scrub_plan plan;
	char *got;
	size_t vecs = 0;

	CU_ASSERT_EQUAL_FATAL(hl_scrub_plan_fs(&plan, fs, scope, iflags), 0);
	got = describe(&plan, iflags);
	CU_ASSERT_PTR_NOT_NULL_FATAL(got);
	CU_ASSERT_STRING_EQUAL(got, want);
	if (strcmp(got, want))
		fprintf(stderr, "\nplan:\n%s", got);
	free(got);

	/*
	 * Calls tile the vectors in order, none empty but the inode scans
	 * (their vectors are made per inode); the kernel's limit; the
	 * phases in order, the probe alone in the first.
	 */
	for (size_t c = 0; c < plan.nr_calls; c++) {
		const struct hl_scrub_call *call = &plan.calls[c];

		CU_ASSERT_EQUAL(call->first, vecs);
		CU_ASSERT(call->kind == HL_SCRUB_CALL_VECS ? call->nr > 0
							   : call->nr == 0);
		CU_ASSERT(call->nr <= 256);
		CU_ASSERT_EQUAL(call->phase == HL_SCRUB_PHASE_PROBE, c == 0);
		CU_ASSERT_EQUAL(call->phase == HL_SCRUB_PHASE_INODES,
				call->kind != HL_SCRUB_CALL_VECS);
		if (c)
			CU_ASSERT(call->phase >= plan.calls[c - 1].phase);
		vecs += call->nr;
	}
	CU_ASSERT_EQUAL(vecs, plan.nr_vecs);
	hl_scrub_plan_free(&plan);
	CU_ASSERT_PTR_NULL(plan.calls);
	CU_ASSERT_PTR_NULL(plan.vecs);
	CU_ASSERT_EQUAL(plan.nr_calls, 0);
}

static void
check_plan(const struct hl_scrub_fs_shape *fs, uint32_t iflags,
	   const char *want)
{
	check_scoped_plan(fs, NULL, iflags, want);
}

/* clang-format off */
#define AG(n) n ": sb agf agfl agi | bnobt cntbt inobt finobt rmapbt refcountbt\n"
#define RT(n) n ": rtbitmap rtsummary rgsuper rtrmapbt rtrefcountbt\n"
#define INODES(n) n ": inodes\n"
#define FS "0/0: usrquota grpquota prjquota | quotacheck nlinks\n0/0: fscounters\n"

static const char plain_fs[] =
	"0/0: probe\n"
	AG("0/0")
	AG("1/0")
	RT("0/0")
	INODES("0/0")
	INODES("1/0")
	FS
	"0/0?: healthy\n";

/* Repair flags on all but the retained health records, which judge them.
 * The summary counters come after the link and quota counts, in a call of
 * their own. */
static const char repair_fs[] =
	"0/0: probe+\n"
	"0/0: sb+ agf+ agfl+ agi+ | bnobt+ cntbt+ inobt+ finobt+ rmapbt+ refcountbt+\n"
	"0/0: rtbitmap+ rtsummary+ rgsuper+ rtrmapbt+ rtrefcountbt+\n"
	INODES("0/0")
	"0/0: usrquota+ grpquota+ prjquota+ | quotacheck+ nlinks+\n"
	"0/0: fscounters+\n"
	"0/0?: healthy\n";

/* The probe learns about a read-only mount, but never rebuilds. */
static const char rebuild_no_ags[] =
	"0/0: probe(0x1)\n"
	"0/0: rtbitmap+ rtsummary+ rgsuper+ rtrmapbt+ rtrefcountbt+\n"
	"0/0: usrquota+ grpquota+ prjquota+ | quotacheck+ nlinks+\n"
	"0/0: fscounters+\n"
	"0/0?: healthy\n";

/* Paths one call each (the path id is the inode), per-group ones per group. */
static const char metadir_rtgroups[] =
	"0/0: probe\n"
	AG("0/0")
	"0/0: metapath\n"
	"0/1: metapath\n"
	"0/4: metapath\n"
	"0/5: metapath\n"
	"0/6: metapath\n"
	"0/7: metapath\n"
	"0/2: metapath\n"
	"0/3: metapath\n"
	"0/8: metapath\n"
	"0/9: metapath\n"
	RT("0/0")
	"1/2: metapath\n"
	"1/3: metapath\n"
	"1/8: metapath\n"
	"1/9: metapath\n"
	RT("1/0")
	INODES("0/0")
	FS
	"0/0?: healthy\n";

/* A metadata directory without realtime groups: no per-group paths. */
static const char metadir_only[] =
	"0/0: probe\n"
	AG("0/0")
	"0/0: metapath\n"
	"0/1: metapath\n"
	"0/4: metapath\n"
	"0/5: metapath\n"
	"0/6: metapath\n"
	"0/7: metapath\n"
	RT("0/0")
	INODES("0/0")
	FS
	"0/0?: healthy\n";
/* clang-format on */

static void
test_plain_fs(void)
{
	check_plan(&(struct hl_scrub_fs_shape){.agcount = 2}, 0, plain_fs);
}

static void
test_repair_flags(void)
{
	check_plan(&(struct hl_scrub_fs_shape){.agcount = 1},
		   XFS_SCRUB_IFLAG_REPAIR, repair_fs);
	check_plan(&(struct hl_scrub_fs_shape){.agcount = 0},
		   XFS_SCRUB_IFLAG_REPAIR | XFS_SCRUB_IFLAG_FORCE_REBUILD,
		   rebuild_no_ags);
}

static void
test_metadir_rtgroups(void)
{
	check_plan(&(struct hl_scrub_fs_shape){.agcount = 1,
					       .rgcount = 2,
					       .metadir = true},
		   0, metadir_rtgroups);
	check_plan(&(struct hl_scrub_fs_shape){.agcount = 1, .metadir = true},
		   0, metadir_only);
}

/* Every type except the per-inode ones is checked; each AG type per AG. */
static void
test_coverage(void)
{
	struct hl_scrub_plan plan;
	unsigned int seen[XFS_SCRUB_TYPE_NR] = {0};
	size_t nr;
	const struct hl_scrub_type *types = hl_scrub_types(&nr);

	CU_ASSERT_EQUAL_FATAL(hl_scrub_plan_fs(&plan,
					       &(struct hl_scrub_fs_shape){
						       .agcount = 3,
						       .rgcount = 2,
						       .metadir = true,
					       },
					       NULL, 0),
			      0);
	for (size_t i = 0; i < plan.nr_vecs; i++)
		if (plan.vecs[i].type < XFS_SCRUB_TYPE_NR)
			seen[plan.vecs[i].type]++;
	for (size_t t = 0; t < nr; t++) {
		unsigned int want = 1;

		switch (types[t].sclass) {
		case HL_SCRUB_CLASS_INODE:
			want = 0;
			break;
		case HL_SCRUB_CLASS_PERAG:
			want = 3;
			break;
		case HL_SCRUB_CLASS_RTGROUP:
			want = 2;
			break;
		case HL_SCRUB_CLASS_GENERIC:
			want = 6 + 2 * 4; /* fs-wide paths + per-group ones */
			break;
		default:
			break;
		}
		CU_ASSERT_EQUAL(seen[t], want);
	}
	hl_scrub_plan_free(&plan);
	hl_scrub_plan_free(&plan); /* twice is harmless */
	hl_scrub_plan_free(NULL);
}

/* Many AGs: the plan grows past any initial allocation. */
static void
test_many_ags(void)
{
	struct hl_scrub_plan plan;

	CU_ASSERT_EQUAL_FATAL(hl_scrub_plan_fs(&plan,
					       &(struct hl_scrub_fs_shape){
						       .agcount = 10000,
					       },
					       NULL, 0),
			      0);
	CU_ASSERT_EQUAL(plan.nr_calls, 1 + 10000 + 1 + 10000 + 1 + 1 + 1);
	CU_ASSERT_EQUAL(plan.nr_vecs, 1 + 10000 * 11 + 5 + 6 + 1 + 1);
	CU_ASSERT_EQUAL(plan.calls[10000].agno, 9999);
	hl_scrub_plan_free(&plan);
}

/* -A, -I, -M: only what was asked for, nothing filesystem-wide. */
static void
test_scope(void)
{
	const struct hl_scrub_fs_shape fs = {.agcount = 3};
	const uint32_t ag1[] = {1}, ag20[] = {2, 0};
	const uint64_t inos[] = {131, 200};
	struct hl_scrub_plan plan;

	check_scoped_plan(&fs, &(struct hl_scrub_scope){.agnos = ag1,
							 .nr_agnos = 1},
			  0, "0/0: probe\n" AG("1/0") INODES("1/0"));
	/* In the filesystem's order, whatever the order asked. */
	check_scoped_plan(&fs, &(struct hl_scrub_scope){.agnos = ag20,
							 .nr_agnos = 2,
							 .no_inodes = true},
			  0, "0/0: probe\n" AG("0/0") AG("2/0"));
	check_scoped_plan(&fs, &(struct hl_scrub_scope){.inos = inos,
							 .nr_inos = 2},
			  0, "0/0: probe\n0/131: inode\n0/200: inode\n");
	check_scoped_plan(&fs, &(struct hl_scrub_scope){.agnos = ag1,
							 .nr_agnos = 1,
							 .inos = inos,
							 .nr_inos = 1},
			  0,
			  "0/0: probe\n" AG("1/0") INODES("1/0")
			  "0/131: inode\n");
	check_scoped_plan(&(struct hl_scrub_fs_shape){.agcount = 1},
			  &(struct hl_scrub_scope){.no_inodes = true}, 0,
			  "0/0: probe\n" AG("0/0") RT("0/0") FS
			  "0/0?: healthy\n");

	/* An AG past the end is refused, and nothing is left to free. */
	CU_ASSERT_EQUAL(hl_scrub_plan_fs(&plan, &fs,
					 &(struct hl_scrub_scope){
						 .agnos = (const uint32_t[]){3},
						 .nr_agnos = 1,
					 },
					 0),
			-EINVAL);
	CU_ASSERT_PTR_NULL(plan.calls);
	CU_ASSERT_PTR_NULL(plan.vecs);
}

/* "inode | bmapbtd ..." as describe() writes a call. */
static char *
describe_inode(const struct hl_scrub_inode *in,
	       const struct hl_scrub_fs_shape *fs, uint32_t iflags)
{
	struct hl_scrub_vec vecs[HL_SCRUB_INODE_MAX_VECS];
	size_t nr = hl_scrub_inode_vecs(in, fs, iflags, vecs);
	struct hl_scrub_call call = {.kind = HL_SCRUB_CALL_VECS, .nr = nr};
	struct hl_scrub_plan plan = {
		.calls = &call,
		.nr_calls = 1,
		.vecs = vecs,
		.nr_vecs = nr,
	};

	CU_ASSERT(nr <= HL_SCRUB_INODE_MAX_VECS);
	return describe(&plan, iflags);
}

static void
check_inode(uint16_t mode, bool attr_fork, const struct hl_scrub_fs_shape *fs,
	    uint32_t iflags, const char *want)
{
	const struct hl_scrub_inode in = {
		.ino = 131,
		.gen = 7,
		.mode = mode,
		.attr_fork = attr_fork,
	};
	char *got = describe_inode(&in, fs, iflags);

	CU_ASSERT_PTR_NOT_NULL_FATAL(got);
	CU_ASSERT_STRING_EQUAL(got, want);
	if (strcmp(got, want))
		fprintf(stderr, "\ninode vectors:\n%s", got);
	free(got);
}

/* What each kind of inode gets, on filesystems with and without features. */
static void
test_inode_vecs(void)
{
	const struct hl_scrub_fs_shape plain = {.agcount = 1};
	const struct hl_scrub_fs_shape full = {
		.agcount = 1,
		.reflink = true,
		.parent = true,
	};

	check_inode(S_IFREG, false, &plain, 0, "0/0: inode | bmapbtd\n");
	check_inode(S_IFREG, true, &full, 0,
		    "0/0: inode | bmapbtd bmapbta bmapbtc | xattr parent\n");
	check_inode(S_IFDIR, false, &plain, 0,
		    "0/0: inode | bmapbtd | directory parent\n");
	check_inode(S_IFDIR, false, &full, 0,
		    "0/0: inode | bmapbtd | directory parent | dirtree\n");
	check_inode(S_IFLNK, false, &plain, 0,
		    "0/0: inode | bmapbtd | symlink\n");
	check_inode(S_IFCHR, true, &full, 0,
		    "0/0: inode | bmapbtd bmapbta | xattr parent\n");
	/* Unknown to bulkstat (corrupt): everything. */
	check_inode(0, false, &full, 0,
		    "0/0: inode | bmapbtd bmapbta bmapbtc | directory xattr "
		    "symlink parent | dirtree\n");
	/* The repair flag on every check, the barriers' stop on corruption. */
	check_inode(S_IFREG, true, &plain, XFS_SCRUB_IFLAG_REPAIR,
		    "0/0: inode+ | bmapbtd+ bmapbta+ | xattr+\n");
}

#define B	XFS_SCRUB_TYPE_BARRIER
#define CORRUPT XFS_SCRUB_OFLAG_CORRUPT

static void
test_barrier(void)
{
	struct hl_scrub_vec v[] = {
		{.type = 1},
		{.type = 2},
		{.type = B, .flags = CORRUPT},
		{.type = 5},
		{.type = B, .flags = CORRUPT | XFS_SCRUB_OFLAG_PREEN},
	};

	CU_ASSERT_TRUE(hl_scrub_barrier_passes(v, 2));
	CU_ASSERT_TRUE(hl_scrub_barrier_passes(v, 0 + 2));

	/* Checks stop only on failed calls; repairs on corruption too. */
	CU_ASSERT_EQUAL(hl_scrub_barrier_flags(0), 0);
	CU_ASSERT_EQUAL(hl_scrub_barrier_flags(XFS_SCRUB_IFLAG_REPAIR), CORRUPT);
	CU_ASSERT_EQUAL(hl_scrub_barrier_flags(XFS_SCRUB_IFLAG_REPAIR |
					       XFS_SCRUB_IFLAG_FORCE_REBUILD),
			CORRUPT);

	/* Errors the kernel lets through. */
	v[0].ret = -ENOENT;
	v[1].ret = -EBUSY;
	CU_ASSERT_TRUE(hl_scrub_barrier_passes(v, 2));
	v[1].ret = -EUSERS;
	CU_ASSERT_TRUE(hl_scrub_barrier_passes(v, 2));
	/* ...and one it does not. */
	v[1].ret = -EIO;
	CU_ASSERT_FALSE(hl_scrub_barrier_passes(v, 2));
	v[1].ret = 0;

	/* Flags: only those the barrier names stop it. */
	v[1].flags = XFS_SCRUB_OFLAG_PREEN | XFS_SCRUB_OFLAG_XFAIL;
	CU_ASSERT_TRUE(hl_scrub_barrier_passes(v, 2));
	CU_ASSERT_FALSE(hl_scrub_barrier_passes(v, 4));
	v[1].flags = CORRUPT | XFS_SCRUB_IFLAG_REPAIR;
	CU_ASSERT_FALSE(hl_scrub_barrier_passes(v, 2));

	/* Every earlier check counts, not only those since the last barrier. */
	v[3].flags = 0;
	CU_ASSERT_FALSE(hl_scrub_barrier_passes(v, 4));
	v[1].flags = 0;
	CU_ASSERT_TRUE(hl_scrub_barrier_passes(v, 4));

	/* Input flags in a barrier are ignored; an earlier barrier too. */
	v[2].ret = -ECANCELED;
	v[4].flags = XFS_SCRUB_IFLAG_REPAIR;
	v[3].flags = XFS_SCRUB_IFLAG_REPAIR;
	CU_ASSERT_TRUE(hl_scrub_barrier_passes(v, 4));
	/* A barrier first in a call has nothing to look at. */
	CU_ASSERT_TRUE(hl_scrub_barrier_passes(&v[2], 0));
}

static void
test_ends_run(void)
{
	static const int fatal[] = {ENOTTY,    EPERM,		EROFS,
				    ESHUTDOWN, ENOTRECOVERABLE, EINTR};
	static const int not_fatal[] = {0,	    ENOENT, EBUSY,
					EINVAL,	    ENOMEM, ENOSPC,
					EOPNOTSUPP, EIO,    EDEADLK};

	for (size_t i = 0; i < ARRAY_SIZE(fatal); i++)
		CU_ASSERT_TRUE(hl_scrub_error_ends_run(fatal[i]));
	for (size_t i = 0; i < ARRAY_SIZE(not_fatal); i++)
		CU_ASSERT_FALSE(hl_scrub_error_ends_run(not_fatal[i]));
}

static const struct unit_test tests[] = {
	{"plain filesystem", test_plain_fs},
	{"repair flags", test_repair_flags},
	{"metadir and rtgroups", test_metadir_rtgroups},
	{"coverage", test_coverage},
	{"many AGs", test_many_ags},
	{"scope: -A, -I, -M", test_scope},
	{"checks per inode", test_inode_vecs},
	{"barrier rule", test_barrier},
	{"errors that end a run", test_ends_run},
};

int
unit_register_scrub_plan(void)
{
	return UNIT_ADD_SUITE("scrub plan", tests);
}
