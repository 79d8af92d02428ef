// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Every event domain and type the ABI header defines has its descriptor and
 * its name, and every object kind its mask table and repair map: a value
 * added to include/xfs_health_abi.h without them fails here, before a user
 * could see it as "unknown event domain".  The list of values is generated
 * from the header (abi_events.h in the build's tests/unit, see the
 * Makefile; <>, so that a copy another build left here is not read).
 */
#include <string.h>

#include "unit.h"
#include "health.h"
#include "xfs_health_abi.h"

static const uint32_t abi_domains[] = {
#define ABI_DOMAIN(v) v,
#define ABI_TYPE(v)
#include <abi_events.h>
#undef ABI_DOMAIN
#undef ABI_TYPE
};

static const uint32_t abi_types[] = {
#define ABI_DOMAIN(v)
#define ABI_TYPE(v) v,
#include <abi_events.h>
#undef ABI_DOMAIN
#undef ABI_TYPE
};

static void
test_every_domain(void)
{
	CU_ASSERT_EQUAL(ARRAY_SIZE(abi_domains), hl_domain_names()->nr);
	for (size_t i = 0; i < ARRAY_SIZE(abi_domains); i++) {
		uint32_t v = abi_domains[i];
		const struct hl_domain *d = hl_domain_of(v);

		CU_ASSERT_PTR_NOT_NULL_FATAL(d);
		CU_ASSERT_EQUAL(d->value, v);
		CU_ASSERT_PTR_NOT_NULL(hl_name_of(hl_domain_names(), v));
		CU_ASSERT_PTR_NOT_NULL(hl_object_of(d->object));
		/* A health domain's mask has names; no other domain has one. */
		CU_ASSERT_EQUAL(hl_domain_mask_names(v) != NULL,
				d->kind == HL_DOMAIN_HEALTH);
		CU_ASSERT(hl_domain_is(v, d->kind));
	}
	CU_ASSERT_PTR_NULL(hl_domain_of(ARRAY_SIZE(abi_domains)));
	CU_ASSERT_PTR_NULL(hl_domain_of(0xffffffff));
}

static void
test_every_type(void)
{
	CU_ASSERT_EQUAL(ARRAY_SIZE(abi_types), hl_type_names()->nr);
	for (size_t i = 0; i < ARRAY_SIZE(abi_types); i++) {
		uint32_t v = abi_types[i];
		const struct hl_event_type *t = hl_event_type_of(v);

		CU_ASSERT_PTR_NOT_NULL_FATAL(t);
		CU_ASSERT_EQUAL(t->value, v);
		CU_ASSERT_PTR_NOT_NULL(hl_name_of(hl_type_names(), v));
	}
	CU_ASSERT_PTR_NULL(hl_event_type_of(ARRAY_SIZE(abi_types)));
	CU_ASSERT_PTR_NULL(hl_event_type_of(0xffffffff));
}

/* Each kind of domain is sent with at least one type, and so on back. */
static void
test_kinds_meet(void)
{
	for (size_t i = 0; i < ARRAY_SIZE(abi_domains); i++) {
		const struct hl_domain *d = hl_domain_of(abi_domains[i]);
		bool typed = false;

		for (size_t j = 0; j < ARRAY_SIZE(abi_types); j++)
			typed |=
				hl_event_type_of(abi_types[j])->kind == d->kind;
		CU_ASSERT(typed);
	}
}

/* The mount domain's payload is the type's; the others, the domain's. */
static void
test_payloads(void)
{
	CU_ASSERT_EQUAL(hl_event_payload(XFS_HEALTH_MONITOR_DOMAIN_MOUNT,
					 XFS_HEALTH_MONITOR_TYPE_LOST),
			HL_PAYLOAD_LOST);
	CU_ASSERT_EQUAL(hl_event_payload(XFS_HEALTH_MONITOR_DOMAIN_MOUNT,
					 XFS_HEALTH_MONITOR_TYPE_SICK),
			HL_PAYLOAD_NONE);
	CU_ASSERT_EQUAL(hl_event_payload(XFS_HEALTH_MONITOR_DOMAIN_AG,
					 XFS_HEALTH_MONITOR_TYPE_LOST),
			HL_PAYLOAD_HEALTH);
	CU_ASSERT_EQUAL(hl_event_payload(ARRAY_SIZE(abi_domains),
					 XFS_HEALTH_MONITOR_TYPE_SICK),
			HL_PAYLOAD_NONE);
}

/*
 * Every known domain with every type of its kind renders as a line of its
 * own, never as the line for what we cannot name, and survives a trip
 * through the kernel's record.
 */
static void
test_every_event_renders(void)
{
	struct hl_render r;
	char line[HL_LINE_MAX];

	CU_ASSERT_EQUAL_FATAL(hl_render_init(&r, "/mnt"), 0);
	for (size_t i = 0; i < ARRAY_SIZE(abi_domains); i++) {
		const struct hl_domain *d = hl_domain_of(abi_domains[i]);

		for (size_t j = 0; j < ARRAY_SIZE(abi_types); j++) {
			const struct hl_event_type *t =
				hl_event_type_of(abi_types[j]);
			struct hl_event ev = {
				.domain = d->value,
				.type = t->value,
				.mask = 1,
				.ino = 131,
				.gen = 2,
				.count = 3,
				.bbcount = 8,
				.len = 4096,
			};
			unsigned char rec[HL_EVENT_SIZE], again[HL_EVENT_SIZE];
			struct hl_event back;

			if (t->kind != d->kind)
				continue;
			ev.payload = hl_event_payload(ev.domain, ev.type);
			CU_ASSERT(hl_event_format_text(line, sizeof(line), &ev,
						       &r) > 0);
			CU_ASSERT_PTR_NULL(strstr(line, "unknown"));
			CU_ASSERT(hl_event_format_json(line, sizeof(line), &ev,
						       &r) > 0);
			CU_ASSERT_EQUAL(hl_event_encode(&ev, rec, sizeof(rec)),
					0);
			CU_ASSERT_EQUAL(
				hl_event_decode(rec, sizeof(rec), &back), 0);
			CU_ASSERT_EQUAL(back.payload, ev.payload);
			/* What the payload has room for comes back alike. */
			CU_ASSERT_EQUAL(
				hl_event_encode(&back, again, sizeof(again)),
				0);
			CU_ASSERT_EQUAL(memcmp(rec, again, sizeof(rec)), 0);
		}
	}
	hl_render_free(&r);
}

/* Repair maps name bits of their own mask and scrub types we know. */
static void
test_objects(void)
{
	for (int o = 0; o < HL_NR_OBJECTS; o++) {
		const struct hl_object_desc *obj = hl_object_of(o);
		uint32_t seen = 0;

		CU_ASSERT_PTR_NOT_NULL_FATAL(obj);
		CU_ASSERT_PTR_NOT_NULL(obj->name);
		CU_ASSERT_PTR_NOT_NULL_FATAL(obj->mask);
		CU_ASSERT_EQUAL(obj->mask->kind, HL_TABLE_BITS);
		CU_ASSERT_PTR_EQUAL(hl_object_mask_names(o), obj->mask);
		for (size_t i = 0; i < obj->nr_repairs; i++) {
			uint32_t bit = obj->repairs[i].bit;

			CU_ASSERT_PTR_NOT_NULL(hl_name_of(obj->mask, bit));
			CU_ASSERT_FALSE(seen & bit);
			seen |= bit;
			CU_ASSERT_PTR_NOT_NULL(hl_scrub_type_by_value(
				obj->repairs[i].scrub_type));
		}
	}
	CU_ASSERT_PTR_NULL(hl_object_of(HL_NR_OBJECTS));
}

static const struct unit_test tests[] = {
	{"every ABI domain has a descriptor and a name", test_every_domain},
	{"every ABI type has a descriptor and a name", test_every_type},
	{"every domain kind has its types", test_kinds_meet},
	{"payload by domain and type", test_payloads},
	{"every known event renders and round-trips", test_every_event_renders},
	{"object kinds: masks and repair maps", test_objects},
};

int
unit_register_domains(void)
{
	return UNIT_ADD_SUITE("domains", tests);
}
