/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Every unit suite, in the order they run: one UNIT_SUITE(x) per test file,
 * which defines unit_register_x().  unit.h declares them and main.c calls
 * them from this one list.
 */
UNIT_SUITE(runner)
UNIT_SUITE(names)
UNIT_SUITE(domains)
UNIT_SUITE(format)
UNIT_SUITE(scrub)
UNIT_SUITE(abi)
UNIT_SUITE(event)
UNIT_SUITE(text)
UNIT_SUITE(json)
UNIT_SUITE(scrub_result)
UNIT_SUITE(scrub_args)
UNIT_SUITE(scrub_plan)
UNIT_SUITE(media)
UNIT_SUITE(media_scan)
UNIT_SUITE(repair)
UNIT_SUITE(repair_render)
UNIT_SUITE(policy)
UNIT_SUITE(pending)
UNIT_SUITE(unitname)
UNIT_SUITE(textstr)
UNIT_SUITE(metrics)
UNIT_SUITE(journal)
UNIT_SUITE(hooks)
UNIT_SUITE(complete)
