/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Events shared by the event, text and JSON tests. */
#ifndef XFS_HEALTH_TESTS_SAMPLE_H
#define XFS_HEALTH_TESTS_SAMPLE_H

#include "health.h"

/*
 * The events behind the "Real output" block of reference E.4, in order, and
 * that block byte for byte (xfs_io 7.2.0 "healthmon /mnt").
 */
extern const struct hl_event upstream_events[];
extern const size_t upstream_events_nr;
extern const char upstream_text[];

/* Encode @nr events into @buf (nr * HL_EVENT_SIZE bytes). */
void sample_encode(const struct hl_event *ev, size_t nr, unsigned char *buf);


/* An event with the payload field filled in from domain and type. */
struct hl_event sample_event(struct hl_event ev);

#endif /* XFS_HEALTH_TESTS_SAMPLE_H */
