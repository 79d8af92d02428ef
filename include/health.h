/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * libhealth: everything xfs_health and xfs_healthd share that does no I/O of
 * its own.  Functions return 0 or a negative errno and never print.
 *
 * Name tables: each fact (domain names, the FS health mask, ...) lives in
 * exactly one table.  The event decoder, the text and JSON renderers, the help
 * text and the man-page check all read these tables; none keeps a copy.
 */
#ifndef XFS_HEALTH_HEALTH_H
#define XFS_HEALTH_HEALTH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* ---- name tables ------------------------------------------------------- */

struct hl_name {
	uint64_t value; /* a value, or one bit for HL_TABLE_BITS */
	const char *name;
};

enum hl_table_kind {
	HL_TABLE_VALUES, /* entries are distinct values */
	HL_TABLE_BITS,	 /* entries are single bits, in bit order */
};

struct hl_name_table {
	const char *what; /* what the names are, e.g. "event domain" */
	enum hl_table_kind kind;
	size_t nr;
	const struct hl_name *names;
};

/* Healthmon event fields (values). */
const struct hl_name_table *hl_domain_names(void);
const struct hl_name_table *hl_type_names(void);

/* Health masks (bits): e.fs, e.group (AG or RTGROUP), e.inode. */
const struct hl_name_table *hl_fs_mask_names(void);
const struct hl_name_table *hl_ag_mask_names(void);
const struct hl_name_table *hl_rtgroup_mask_names(void);
const struct hl_name_table *hl_inode_mask_names(void);

/* The mask table for an event domain; NULL if the domain has no mask. */
const struct hl_name_table *hl_domain_mask_names(uint32_t domain);

/* e.shutdown.reasons (bits). */
const struct hl_name_table *hl_shutdown_names(void);

/* enum xfs_device (values): datadev, logdev, rtdev. */
const struct hl_name_table *hl_device_names(void);

/* sm_flags/sv_flags (bits), input and output; the kernel's trace names. */
const struct hl_name_table *hl_scrub_flag_names(void);

/* XFS_SCRUB_METAPATH_* (values), the xfs_io names. */
const struct hl_name_table *hl_metapath_names(void);

/* Does this metapath need an rtgroup number as well? */
bool hl_metapath_needs_group(uint64_t id);

/* Exact-match lookups.  hl_name_of returns NULL for an unknown value. */
const char *hl_name_of(const struct hl_name_table *t, uint64_t value);
int hl_value_of(const struct hl_name_table *t, const char *name,
		uint64_t *value);

/* OR of every bit a bit table names. */
uint64_t hl_table_mask(const struct hl_name_table *t);

/*
 * Join the names of the bits set in @mask with ", " in table order; bits the
 * table does not name follow as one "0x%llx" item.  An empty mask gives "".
 * Returns 0, -ENOSPC if @buf was too small (the text is cut but terminated),
 * or -EINVAL for a NULL or empty buffer or a table that is not HL_TABLE_BITS.
 */
int hl_format_mask(const struct hl_name_table *t, uint64_t mask, char *buf,
		   size_t len);

/* Name of the first table entry whose bit is set in @mask, else NULL. */
const char *hl_lowest_bit_name(const struct hl_name_table *t, uint64_t mask);

/* ---- scrub type catalogue ---------------------------------------------- */

/* Which of sm_ino/sm_gen/sm_agno the kernel accepts for a type. */
enum hl_scrub_class {
	HL_SCRUB_CLASS_NONE,
	HL_SCRUB_CLASS_FS,
	HL_SCRUB_CLASS_PERAG,
	HL_SCRUB_CLASS_INODE,
	HL_SCRUB_CLASS_RTGROUP,
	HL_SCRUB_CLASS_GENERIC, /* decided by the scrubber (metapath) */
};

/* xfs_io's scrubv groups; HL_SCRUB_GROUP_NONE is in no group (metapath). */
enum hl_scrub_group {
	HL_SCRUB_GROUP_NONE,
	HL_SCRUB_GROUP_PROBE,
	HL_SCRUB_GROUP_AGHEADER,
	HL_SCRUB_GROUP_AG,
	HL_SCRUB_GROUP_FS,
	HL_SCRUB_GROUP_INODE,
	HL_SCRUB_GROUP_ISCAN,
	HL_SCRUB_GROUP_SUMMARY,
	HL_SCRUB_GROUP_RTGROUP,
};

struct hl_scrub_type {
	uint32_t type;	   /* XFS_SCRUB_TYPE_* */
	const char *name;  /* xfs_io's name, e.g. "bnobt" */
	const char *descr; /* e.g. "freesp by block btree" */
	enum hl_scrub_class sclass;
	enum hl_scrub_group group;
};

/* Every type, indexed by type value: 0 .. XFS_SCRUB_TYPE_NR - 1. */
const struct hl_scrub_type *hl_scrub_types(size_t *nr);
const struct hl_scrub_type *hl_scrub_type_by_value(uint32_t type);
const struct hl_scrub_type *hl_scrub_type_by_name(const char *name);

/* Iterate a group: start with @prev NULL; returns NULL after the last. */
const struct hl_scrub_type *
hl_scrub_group_next(enum hl_scrub_group group,
		    const struct hl_scrub_type *prev);

/* Group names (values are enum hl_scrub_group), in xfs_io's order. */
const struct hl_name_table *hl_scrub_group_names(void);

/* Class names (values are enum hl_scrub_class), for messages. */
const struct hl_name_table *hl_scrub_class_names(void);

/* ---- health monitor events ------------------------------------------- */

/* The kernel's V0 record: struct xfs_health_monitor_event. */
#define HL_EVENT_SIZE 64

/*
 * Which payload an event carries, chosen from its domain and type: the
 * health, media and file-range domains carry theirs whatever the type (an
 * impossible type still shows its mask or range), the mount domain only for
 * LOST and SHUTDOWN, an unknown domain none.
 */
enum hl_payload {
	HL_PAYLOAD_NONE,      /* running, unmount; unknown domain or type */
	HL_PAYLOAD_LOST,      /* count */
	HL_PAYLOAD_SHUTDOWN,  /* mask = reasons */
	HL_PAYLOAD_HEALTH,    /* mask; group (AG, RTGROUP); ino, gen (INODE) */
	HL_PAYLOAD_MEDIA,     /* daddr, bbcount */
	HL_PAYLOAD_FILERANGE, /* ino, gen, pos, len, error */
};

/* A decoded record.  Fields the payload does not use are zero. */
struct hl_event {
	uint32_t domain; /* XFS_HEALTH_MONITOR_DOMAIN_*, maybe unknown */
	uint32_t type;	 /* XFS_HEALTH_MONITOR_TYPE_*, maybe unknown */
	uint64_t time_ns;
	enum hl_payload payload;
	uint32_t mask;	/* health mask bits or shutdown reasons */
	uint32_t group; /* agno or rgno */
	uint32_t gen;
	uint32_t error; /* positive errno of a file I/O event */
	uint64_t ino;
	uint64_t count; /* lost events */
	uint64_t daddr, bbcount;
	uint64_t pos, len;
};

/* The payload the kernel puts in a record of this domain and type. */
enum hl_payload hl_event_payload(uint32_t domain, uint32_t type);

/*
 * Decode one 64-byte record; -EINVAL if @len is not HL_EVENT_SIZE.  Unknown
 * domains and types are kept as numbers; the pad bytes are not looked at.
 */
int hl_event_decode(const void *record, size_t len, struct hl_event *ev);

/*
 * The reverse, for tests and for writing synthetic streams.  The payload is
 * chosen by hl_event_payload() (ev->payload is ignored); unused bytes are 0.
 */
int hl_event_encode(const struct hl_event *ev, void *record, size_t len);

/*
 * Reassembly of records split across reads: the kernel copies out as many
 * bytes as fit, so a read size that is not a multiple of 64 splits a record.
 */
struct hl_stream {
	unsigned char partial[HL_EVENT_SIZE];
	size_t partial_len;
	uint64_t records; /* complete records seen */
	uint64_t bytes;	  /* consumed: all fed, unless @fn stopped a feed */
};

typedef int (*hl_event_fn)(const struct hl_event *ev, void *arg);

void hl_stream_init(struct hl_stream *s);

/*
 * Feed the bytes of one read.  @fn runs for every complete record, in order;
 * a non-zero return stops the feed and is returned (the bytes after that
 * record stay unconsumed).  Returns 0 when every byte was consumed.
 */
int hl_stream_feed(struct hl_stream *s, const void *buf, size_t len,
		   hl_event_fn fn, void *arg);

/*
 * At end of stream: 0, or -EBADMSG when a record was cut short; then
 * *leftover (if non-NULL) is the number of bytes of that record.
 */
int hl_stream_end(const struct hl_stream *s, size_t *leftover);

/* ---- rendering --------------------------------------------------------- */

/*
 * What the renderers put around an event.  @mountpoint is printed exactly as
 * given.  @path, when set, replaces "<mountpoint> ino N gen 0xG" for inode and
 * file events (the daemon fills it from parent pointers).
 */
struct hl_render {
	const char *mountpoint;
	const char *path;
	/*
	 * Private: the mount point's JSON members ("mount":"..." and, when it
	 * is not UTF-8, "mount_hex":"..."), made once per stream.
	 */
	char *json_mountpoint;
};

/*
 * Set up @r for @mountpoint, which is borrowed (it must outlive @r) and must
 * not change afterwards: to follow a moved mount, free and init again.
 * @path starts NULL; set and clear it per event.  0, -EINVAL or -ENOMEM.
 * hl_render_free releases what init made; it is safe on a zeroed @r.
 */
int hl_render_init(struct hl_render *r, const char *mountpoint);
void hl_render_free(struct hl_render *r);

/*
 * One event as one text line ending in a newline, byte-identical to what
 * xfs_io 7.2 "healthmon" prints for it.  Events xfs_io prints nothing for (an
 * unknown domain, an unknown mount-domain type) get a line of our own that
 * shows the raw numbers; see doc/output-format.md.  Returns the line length,
 * -ENOSPC if @buf is too small (the line is cut, but terminated), or -EINVAL
 * for a NULL argument or an empty @buf.  Safe to call from several threads
 * at once; nothing is cached.
 */
int hl_event_format_text(char *buf, size_t len, const struct hl_event *ev,
			 const struct hl_render *r);

/*
 * The same, as one JSON object and a newline (keys: doc/output-format.md).
 * @r must come from hl_render_init (-EINVAL otherwise); -ENOMEM is possible
 * when r->path is set, because the path is escaped per event.
 */
int hl_event_format_json(char *buf, size_t len, const struct hl_event *ev,
			 const struct hl_render *r);

/*
 * Write the line to @f with one fwrite, so lines from several threads do not
 * mix.  0 or a negative errno (-EIO if the stream did not say).  Does not
 * flush: that is the caller's choice.
 */
int hl_event_write_text(FILE *f, const struct hl_event *ev,
			const struct hl_render *r);
int hl_event_write_json(FILE *f, const struct hl_event *ev,
			const struct hl_render *r);

/*
 * A buffer this long holds any line either renderer makes, for mount points
 * and paths up to PATH_MAX bytes (JSON may escape each byte as six).
 */
#define HL_LINE_MAX 65536

/* ---- health snapshots ------------------------------------------------ */

/* What the kernel believes of one object (geometry/bulkstat sick masks). */
enum hl_object {
	HL_OBJECT_FS,
	HL_OBJECT_AG,
	HL_OBJECT_RTGROUP,
	HL_OBJECT_INODE,
};

struct hl_health_report {
	enum hl_object object;
	uint32_t group; /* agno or rgno */
	uint32_t gen;
	uint64_t ino;
	uint32_t sick;	  /* known bad */
	uint32_t checked; /* examined since mount */
};

/* The mask table for an object's sick/checked bits. */
const struct hl_name_table *hl_object_mask_names(enum hl_object object);

/*
 * "<mnt>[ agno 0xN| rgno 0xN| ino N gen 0xG]: sick: <names>; checked: <names>"
 * with "none" for an empty list, or one JSON object; both end in a newline.
 * Return the length or -ENOSPC, like the event renderers.
 */
int hl_health_format_text(char *buf, size_t len,
			  const struct hl_health_report *h,
			  const struct hl_render *r);
int hl_health_format_json(char *buf, size_t len,
			  const struct hl_health_report *h,
			  const struct hl_render *r);
int hl_health_write_text(FILE *f, const struct hl_health_report *h,
			 const struct hl_render *r);
int hl_health_write_json(FILE *f, const struct hl_health_report *h,
			 const struct hl_render *r);

/*
 * Later: verify-media range arithmetic and repair planning.
 */

#endif /* XFS_HEALTH_HEALTH_H */
