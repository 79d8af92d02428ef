// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The daemon's policy (reference F.1): the autofsck property, the healing
 * mode from options and property, and what it does with each event.
 */
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <string.h>

#include "unit.h"
#include "check.h"
#include "health.h"
#include "xfs_health_abi.h"

static void
test_autofsck_names(void)
{
	static const struct hl_name want[] = {
		{HL_AUTOFSCK_NONE, "none"},
		{HL_AUTOFSCK_CHECK, "check"},
		{HL_AUTOFSCK_OPTIMIZE, "optimize"},
		{HL_AUTOFSCK_REPAIR, "repair"},
	};

	check_table(hl_autofsck_names(), HL_TABLE_VALUES, want,
		    ARRAY_SIZE(want));
	CU_ASSERT_STRING_EQUAL(HL_AUTOFSCK_XATTR, "trusted.xfs:autofsck");
}

static void
check_parse(const char *value, size_t len, int want_ret, enum hl_autofsck want)
{
	enum hl_autofsck got = 77;

	CU_ASSERT_EQUAL(hl_autofsck_parse(value, len, &got), want_ret);
	CU_ASSERT_EQUAL(got, want);
}

static void
test_autofsck_parse(void)
{
	check_parse("none", 4, 0, HL_AUTOFSCK_NONE);
	check_parse("check", 5, 0, HL_AUTOFSCK_CHECK);
	check_parse("optimize", 8, 0, HL_AUTOFSCK_OPTIMIZE);
	check_parse("repair", 6, 0, HL_AUTOFSCK_REPAIR);
	/* With the C string's NUL stored too. */
	check_parse("repair", 7, 0, HL_AUTOFSCK_REPAIR);
	check_parse("none", 5, 0, HL_AUTOFSCK_NONE);
	/* Only the bytes given count: no NUL needed after them. */
	check_parse("repairXYZ", 6, 0, HL_AUTOFSCK_REPAIR);
	check_parse("checkered", 5, 0, HL_AUTOFSCK_CHECK);

	/* Exact names only. */
	check_parse("repair\0\0", 8, -EINVAL, HL_AUTOFSCK_UNSET);
	check_parse("repair\n", 7, -EINVAL, HL_AUTOFSCK_UNSET);
	check_parse("repai", 5, -EINVAL, HL_AUTOFSCK_UNSET);
	check_parse("repairs", 7, -EINVAL, HL_AUTOFSCK_UNSET);
	check_parse("Repair", 6, -EINVAL, HL_AUTOFSCK_UNSET);
	check_parse(" none", 5, -EINVAL, HL_AUTOFSCK_UNSET);
	check_parse("re\0air", 6, -EINVAL, HL_AUTOFSCK_UNSET);
	check_parse("", 0, -EINVAL, HL_AUTOFSCK_UNSET);
	check_parse("", 1, -EINVAL, HL_AUTOFSCK_UNSET);
	check_parse("unset", 5, -EINVAL, HL_AUTOFSCK_UNSET);
	check_parse(NULL, 0, -EINVAL, HL_AUTOFSCK_UNSET);
	CU_ASSERT_EQUAL(hl_autofsck_parse("none", 4, NULL), -EINVAL);
}

/* Reference F.1 "autofsck policy", as a naive second implementation. */
static void
naive_policy(const struct hl_policy_input *in, struct hl_policy *want)
{
	if (in->opt_repair)
		*want = (struct hl_policy){HL_HEAL_REPAIR,
					   HL_POLICY_OPTION_REPAIR};
	else if (in->opt_no_autofsck)
		*want = (struct hl_policy){HL_HEAL_LOG, HL_POLICY_OPTION_LOG};
	else if (in->autofsck == HL_AUTOFSCK_REPAIR)
		*want = (struct hl_policy){HL_HEAL_REPAIR,
					   HL_POLICY_AUTOFSCK_REPAIR};
	else if (in->autofsck == HL_AUTOFSCK_CHECK ||
		 in->autofsck == HL_AUTOFSCK_OPTIMIZE)
		*want = (struct hl_policy){HL_HEAL_LOG, HL_POLICY_AUTOFSCK_LOG};
	else if (in->autofsck == HL_AUTOFSCK_NONE)
		*want = (struct hl_policy){HL_HEAL_OFF,
					   HL_POLICY_AUTOFSCK_NONE};
	else if (in->has_rmapbt || in->has_parent)
		*want = (struct hl_policy){HL_HEAL_LOG, HL_POLICY_DEFAULT_LOG};
	else
		*want = (struct hl_policy){HL_HEAL_OFF, HL_POLICY_DEFAULT_NONE};
}

static void
test_policy(void)
{
	const enum hl_autofsck R = HL_AUTOFSCK_REPAIR, C = HL_AUTOFSCK_CHECK,
			       O = HL_AUTOFSCK_OPTIMIZE, N = HL_AUTOFSCK_NONE,
			       U = HL_AUTOFSCK_UNSET;
	/* repair, no-autofsck, autofsck, rmapbt, parent -> mode, reason */
	const struct {
		struct hl_policy_input in;
		struct hl_policy want;
	} cases[] = {
		/* --repair wins over all, --no-autofsck over the property. */
		{{true, false, N, false, false},
		 {HL_HEAL_REPAIR, HL_POLICY_OPTION_REPAIR}},
		{{true, true, U, false, false},
		 {HL_HEAL_REPAIR, HL_POLICY_OPTION_REPAIR}},
		{{false, true, R, true, true},
		 {HL_HEAL_LOG, HL_POLICY_OPTION_LOG}},
		{{false, true, N, false, false},
		 {HL_HEAL_LOG, HL_POLICY_OPTION_LOG}},
		/* The property, whatever the features. */
		{{false, false, R, false, false},
		 {HL_HEAL_REPAIR, HL_POLICY_AUTOFSCK_REPAIR}},
		{{false, false, C, false, false},
		 {HL_HEAL_LOG, HL_POLICY_AUTOFSCK_LOG}},
		{{false, false, O, true, false},
		 {HL_HEAL_LOG, HL_POLICY_AUTOFSCK_LOG}},
		{{false, false, N, true, true},
		 {HL_HEAL_OFF, HL_POLICY_AUTOFSCK_NONE}},
		/* Unset: log if the fs has rmap or parent pointers. */
		{{false, false, U, true, false},
		 {HL_HEAL_LOG, HL_POLICY_DEFAULT_LOG}},
		{{false, false, U, false, true},
		 {HL_HEAL_LOG, HL_POLICY_DEFAULT_LOG}},
		{{false, false, U, true, true},
		 {HL_HEAL_LOG, HL_POLICY_DEFAULT_LOG}},
		{{false, false, U, false, false},
		 {HL_HEAL_OFF, HL_POLICY_DEFAULT_NONE}},
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct hl_policy got = {77, 77};

		hl_policy_decide(&cases[i].in, &got);
		CU_ASSERT_EQUAL(got.mode, cases[i].want.mode);
		CU_ASSERT_EQUAL(got.reason, cases[i].want.reason);
	}

	/* Every combination against the naive version. */
	for (int i = 0; i < 2 * 2 * 5 * 2 * 2; i++) {
		struct hl_policy_input in = {
			.opt_repair = i & 1,
			.opt_no_autofsck = (i >> 1) & 1,
			.autofsck = (i >> 2) % 5,
			.has_rmapbt = (i / 20) & 1,
			.has_parent = (i / 40) & 1,
		};
		struct hl_policy got, want;

		hl_policy_decide(&in, &got);
		naive_policy(&in, &want);
		CU_ASSERT_EQUAL(got.mode, want.mode);
		CU_ASSERT_EQUAL(got.reason, want.reason);
	}
}

struct action_case {
	uint32_t domain, type;
	bool repairing, quiet, everything;
	bool log, spot, full, last; /* expected */
};

static void
check_action(const struct action_case *c)
{
	struct hl_event ev = {.domain = c->domain, .type = c->type};
	struct hl_event_action act;

	memset(&act, 0xff, sizeof(act));
	struct hl_event_setting how = {
		.repairing = c->repairing,
		.quiet = c->quiet,
		.everything = c->everything,
	};

	hl_event_action(&ev, &how, &act);
	CU_ASSERT_EQUAL(act.log, c->log);
	CU_ASSERT_EQUAL(act.spot_repair, c->spot);
	CU_ASSERT_EQUAL(act.full_repair, c->full);
	CU_ASSERT_EQUAL(act.last, c->last);
	if (act.log != c->log || act.spot_repair != c->spot ||
	    act.full_repair != c->full || act.last != c->last)
		fprintf(stderr, "\n action %u/%u r%d q%d e%d: %d%d%d%d\n",
			c->domain, c->type, c->repairing, c->quiet,
			c->everything, act.log, act.spot_repair,
			act.full_repair, act.last);
}

enum {
	MOUNT = XFS_HEALTH_MONITOR_DOMAIN_MOUNT,
	FS = XFS_HEALTH_MONITOR_DOMAIN_FS,
	AG = XFS_HEALTH_MONITOR_DOMAIN_AG,
	INODE = XFS_HEALTH_MONITOR_DOMAIN_INODE,
	RTGROUP = XFS_HEALTH_MONITOR_DOMAIN_RTGROUP,
	DATADEV = XFS_HEALTH_MONITOR_DOMAIN_DATADEV,
	FILERANGE = XFS_HEALTH_MONITOR_DOMAIN_FILERANGE,
	RUNNING = XFS_HEALTH_MONITOR_TYPE_RUNNING,
	LOST = XFS_HEALTH_MONITOR_TYPE_LOST,
	UNMOUNT = XFS_HEALTH_MONITOR_TYPE_UNMOUNT,
	SICK = XFS_HEALTH_MONITOR_TYPE_SICK,
	CORRUPT = XFS_HEALTH_MONITOR_TYPE_CORRUPT,
	HEALTHY = XFS_HEALTH_MONITOR_TYPE_HEALTHY,
	SHUTDOWN = XFS_HEALTH_MONITOR_TYPE_SHUTDOWN,
	MEDIA = XFS_HEALTH_MONITOR_TYPE_MEDIA_ERROR,
	BUFREAD = XFS_HEALTH_MONITOR_TYPE_BUFREAD,
};

static void
test_event_action(void)
{
	/* domain, type, repairing, quiet, everything -> log spot full last */
	static const struct action_case cases[] = {
		/* Sick health events are spot-repaired when repairing. */
		{FS, SICK, true, false, false, true, true, false, false},
		{AG, SICK, true, false, false, true, true, false, false},
		{RTGROUP, SICK, true, false, false, true, true, false, false},
		{INODE, SICK, true, false, false, true, true, false, false},
		{INODE, SICK, true, true, true, false, true, false, false},
		{INODE, SICK, false, false, false, true, false, false, false},
		/* Scrub's findings and good news are not. */
		{AG, CORRUPT, true, false, false, true, false, false, false},
		{AG, HEALTHY, true, false, false, true, false, false, false},
		{FS, CORRUPT, true, true, false, false, false, false, false},
		/* Never media, file I/O or a type in the wrong domain. */
		{DATADEV, MEDIA, true, false, false, true, false, false, false},
		{DATADEV, MEDIA, true, true, false, false, false, false, false},
		{FILERANGE, BUFREAD, true, false, false, true, false, false,
		 false},
		{FILERANGE, SICK, true, false, false, true, false, false,
		 false},
		{MOUNT, SICK, true, false, false, true, false, false, false},
		{99, SICK, true, false, false, true, false, false, false},
		{99, SICK, true, true, false, false, false, false, false},
		/* Lost events: a full repair, unless verbose or logging. */
		{MOUNT, LOST, true, false, false, true, false, true, false},
		{MOUNT, LOST, true, true, false, true, false, true, false},
		{MOUNT, LOST, true, false, true, true, false, false, false},
		{MOUNT, LOST, false, false, false, true, false, false, false},
		{FS, LOST, true, false, false, true, false, false, false},
		/* --quiet never hides news of the monitor itself. */
		{MOUNT, RUNNING, false, true, false, true, false, false, false},
		{MOUNT, SHUTDOWN, true, true, false, true, false, false, false},
		{MOUNT, UNMOUNT, false, true, false, true, false, false, true},
		{MOUNT, UNMOUNT, true, false, true, true, false, false, true},
		/* Unmount is the last event only in the mount domain. */
		{FS, UNMOUNT, false, false, false, true, false, false, false},
		/* A mount-domain type nobody knows: hidden by --quiet. */
		{MOUNT, 9, true, true, false, false, false, false, false},
		{MOUNT, 9, true, false, false, true, false, false, false},
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++)
		check_action(&cases[i]);
}

/* ---- the full-repair gate ------------------------------------------------ */

#define RACERS 8
#define ROUNDS 200

struct race {
	pthread_barrier_t start;
	atomic_uint_fast64_t last;
	atomic_uint wins;
	uint64_t now;
};

static void *
racer(void *arg)
{
	struct race *r = arg;

	for (int i = 0; i < ROUNDS; i++) {
		/* Everyone sees the gate open, then all claim at once. */
		pthread_barrier_wait(&r->start);
		if (hl_holdoff_claim(&r->last, r->now, 1000))
			atomic_fetch_add(&r->wins, 1);
		if (pthread_barrier_wait(&r->start) ==
		    PTHREAD_BARRIER_SERIAL_THREAD) {
			/* One per round, then open it again. */
			CU_ASSERT_EQUAL(atomic_load(&r->wins), 1);
			atomic_store(&r->wins, 0);
			r->now += 1000;
		}
	}
	return NULL;
}

static void
test_holdoff(void)
{
	atomic_uint_fast64_t last = 0;
	struct race r = {.now = 5000};
	pthread_t t[RACERS];

	/* Never claimed: open; then shut for @holdoff ns, open at the end. */
	CU_ASSERT(hl_holdoff_claim(&last, 100, 50));
	CU_ASSERT_EQUAL(atomic_load(&last), 100);
	CU_ASSERT(!hl_holdoff_claim(&last, 100, 50));
	CU_ASSERT(!hl_holdoff_claim(&last, 149, 50));
	CU_ASSERT(hl_holdoff_claim(&last, 150, 50));
	/* A claim with a later clock reading than ours shuts it too. */
	CU_ASSERT(!hl_holdoff_claim(&last, 120, 50));
	CU_ASSERT_EQUAL(atomic_load(&last), 150);
	/* No holdoff: always open, but never for an older reading. */
	CU_ASSERT(hl_holdoff_claim(&last, 150, 0));
	CU_ASSERT(!hl_holdoff_claim(&last, 149, 0));

	/* Threads racing for an open gate: exactly one wins each time. */
	atomic_init(&r.last, 0);
	atomic_init(&r.wins, 0);
	CU_ASSERT_EQUAL_FATAL(pthread_barrier_init(&r.start, NULL, RACERS), 0);
	for (int i = 0; i < RACERS; i++)
		CU_ASSERT_EQUAL_FATAL(pthread_create(&t[i], NULL, racer, &r), 0);
	for (int i = 0; i < RACERS; i++)
		pthread_join(t[i], NULL);
	pthread_barrier_destroy(&r.start);
}

/*
 * A kernel health mask read back (reconcile) becomes the SICK event a live
 * report of it would be: the domain of its object, its numbers, its mask,
 * which the policy then repairs as any other.
 */
static void
test_sick_event(void)
{
	static const struct {
		struct hl_health_report h;
		uint32_t domain;
	} cases[] = {
		{{.object = HL_OBJECT_FS, .sick = XFS_FSOP_GEOM_SICK_COUNTERS},
		 XFS_HEALTH_MONITOR_DOMAIN_FS},
		{{.object = HL_OBJECT_AG, .group = 3, .sick = 0x6},
		 XFS_HEALTH_MONITOR_DOMAIN_AG},
		{{.object = HL_OBJECT_RTGROUP, .group = 1, .sick = 0x4},
		 XFS_HEALTH_MONITOR_DOMAIN_RTGROUP},
		{{.object = HL_OBJECT_INODE, .ino = 131, .gen = 0x2a,
		  .sick = XFS_BS_SICK_DIR, .checked = XFS_BS_SICK_DIR},
		 XFS_HEALTH_MONITOR_DOMAIN_INODE},
	};
	struct hl_event_setting how = {.repairing = true};
	struct hl_health_report bad = {.object = HL_NR_OBJECTS, .sick = 1};
	struct hl_event_action act;
	struct hl_event ev;

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		const struct hl_health_report *h = &cases[i].h;

		memset(&ev, 0xa5, sizeof(ev));
		CU_ASSERT_EQUAL_FATAL(hl_health_sick_event(h, 12345, &ev), 0);
		CU_ASSERT_EQUAL(ev.domain, cases[i].domain);
		CU_ASSERT_EQUAL(ev.type, XFS_HEALTH_MONITOR_TYPE_SICK);
		CU_ASSERT_EQUAL(ev.payload, HL_PAYLOAD_HEALTH);
		CU_ASSERT_EQUAL(ev.time_ns, 12345);
		CU_ASSERT_EQUAL(ev.mask, h->sick);
		CU_ASSERT_EQUAL(ev.group, h->group);
		CU_ASSERT_EQUAL(ev.ino, h->ino);
		CU_ASSERT_EQUAL(ev.gen, h->gen);
		CU_ASSERT_EQUAL(ev.count, 0);
		CU_ASSERT_EQUAL(hl_event_object(&ev), h->object);
		hl_event_action(&ev, &how, &act);
		CU_ASSERT(act.spot_repair);
		CU_ASSERT(act.log);
		CU_ASSERT(!act.full_repair);
		CU_ASSERT(!act.last);
	}
	CU_ASSERT_EQUAL(hl_health_sick_event(&bad, 1, &ev), -EINVAL);
}

static const struct unit_test tests[] = {
	{"full repair gate, racing threads", test_holdoff},
	{"a kernel health mask as a sick event", test_sick_event},
	{"autofsck names", test_autofsck_names},
	{"autofsck parse", test_autofsck_parse},
	{"policy decisions", test_policy},
	{"event actions", test_event_action},
};

int
unit_register_policy(void)
{
	return UNIT_ADD_SUITE("healing policy", tests);
}
