/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * libhealth: everything xfs_health and xfs_healthd share.  Functions return
 * 0 or a negative errno and never print.  Apart from the kernel calls at
 * the end (monitor, scrub, handles, paths), nothing here calls the kernel.
 *
 * Name tables: each fact (domain names, the FS health mask, ...) lives in
 * exactly one table.  The event decoder, the text and JSON renderers, the help
 * text and the man-page check all read these tables; none keeps a copy.
 */
#ifndef XFS_HEALTH_HEALTH_H
#define XFS_HEALTH_HEALTH_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>
#include <sys/types.h>

struct hl_render; /* the renderers' context, below */

/* The number of elements of an array (not of a pointer). */
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/*
 * Every bit of @h mixed into every bit (MurmurHash3's finaliser): for hash
 * tables whose keys come in runs (inode and AG numbers) and for
 * fingerprints.
 */
static inline uint64_t
hl_hash_mix(uint64_t h)
{
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ULL;
	h ^= h >> 33;
	return h;
}

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

/* ---- scrub requests, results and whole-filesystem plans ---------------- */

/* A plain check, or a check with the repair flag: results read differently. */
enum hl_scrub_mode {
	HL_SCRUB_CHECK,
	HL_SCRUB_REPAIR,
};

/*
 * The sentences xfs_io's scrub (check) and repair commands print for the
 * result flags, one table per mode, in its order (which is bit order).
 * Flags without an entry print nothing.
 */
const struct hl_name_table *hl_scrub_sentence_table(enum hl_scrub_mode mode);

/*
 * The sentences for @flags, in order: up to @max of them are stored in @out.
 * Returns how many there are (which may exceed @max).
 */
size_t hl_scrub_sentences(enum hl_scrub_mode mode, uint32_t flags,
			  const char **out, size_t max);

/* What became of one object; the names are doc/scrub.md's outcome words. */
enum hl_scrub_outcome {
	HL_SCRUB_OK,	     /* nothing to report */
	HL_SCRUB_PREEN,	     /* could be optimised */
	HL_SCRUB_XFAIL,	     /* could not be cross-referenced */
	HL_SCRUB_REPAIRED,   /* repaired, nothing bad remains */
	HL_SCRUB_INCOMPLETE, /* the check (or repair) did not finish */
	HL_SCRUB_CORRUPT,    /* corrupt (after a repair: still corrupt) */
	HL_SCRUB_ERROR,	     /* the kernel refused or failed */
	HL_SCRUB_ABSENT,     /* not on this filesystem (ENOENT) */
	HL_SCRUB_SKIPPED,    /* not run: an earlier check in its call failed */
	HL_SCRUB_NR_OUTCOMES
};

const struct hl_name_table *hl_scrub_outcome_names(void);

/* The outcome of a call that returned 0 with @flags. */
enum hl_scrub_outcome hl_scrub_judge(enum hl_scrub_mode mode, uint32_t flags);

/* Corrupt or incomplete: the object could not be shown to be sound. */
bool hl_scrub_outcome_is_problem(enum hl_scrub_outcome outcome);

/* One object to check, as the scrub ioctl's object fields want it. */
struct hl_scrub_request {
	const struct hl_scrub_type *type;
	uint32_t agno; /* AG, rtgroup, or a per-rtgroup metapath's group */
	uint64_t ino;  /* inode (0: the file the call is made on); metapath id */
	uint32_t gen;
};

/* Why hl_scrub_parse_request refused; io/ has xfs_io's message for each. */
enum hl_scrub_arg_error {
	HL_SCRUB_ARGS_OK,
	HL_SCRUB_ARGS_UNKNOWN_TYPE,
	HL_SCRUB_ARGS_NEED_AGNO,
	HL_SCRUB_ARGS_BAD_AGNO,
	HL_SCRUB_ARGS_NEED_INO_GEN,
	HL_SCRUB_ARGS_BAD_INO,
	HL_SCRUB_ARGS_BAD_GEN,
	HL_SCRUB_ARGS_NEED_RGNO,
	HL_SCRUB_ARGS_BAD_RGNO,
	HL_SCRUB_ARGS_NEED_METAPATH,
	HL_SCRUB_ARGS_BAD_METAPATH,
	HL_SCRUB_ARGS_METAPATH_NEEDS_GROUP,
	HL_SCRUB_ARGS_METAPATH_NO_GROUP,
	HL_SCRUB_ARGS_BAD_GROUP,
	HL_SCRUB_ARGS_NO_PARAMS,
};

/*
 * "type [agno | rgno | ino gen | metapath [rgno]]": @argv[0] is the type
 * name, the rest the object's numbers (decimal, or 0x hex), with xfs_io's
 * rules per type.  Returns 0, or -EINVAL with *why and *bad (the index in
 * @argv of the word at fault, -1 for a missing or surplus word) set.
 */
int hl_scrub_parse_request(int argc, char *const *argv,
			   struct hl_scrub_request *req,
			   enum hl_scrub_arg_error *why, int *bad);

/* The result of checking one object. */
struct hl_scrub_result {
	const struct hl_scrub_type *type;
	enum hl_scrub_mode mode;
	uint32_t agno; /* as in struct hl_scrub_request */
	uint64_t ino;
	uint32_t gen;
	uint32_t flags; /* sm_flags/sv_flags as returned */
	int error;	/* positive errno, 0 if the kernel ran the check */
	enum hl_scrub_outcome outcome;
	bool retried;	/* a second repair, once the rest was repaired */
	bool offline;	/* still bad after it: offline repair required */
};

/*
 * Is @res a repair worth trying again once everything after it has been
 * repaired (it may have depended on something repaired later)?  Repairs
 * that left corruption, could not complete, were skipped by a barrier or
 * failed, unless the failure ends every call (a shutdown).
 */
bool hl_scrub_needs_retry(const struct hl_scrub_result *res);

/* The request that checks (or repairs) @res's object again. */
static inline struct hl_scrub_request
hl_scrub_result_request(const struct hl_scrub_result *res)
{
	return (struct hl_scrub_request){
		.type = res->type,
		.agno = res->agno,
		.ino = res->ino,
		.gen = res->gen,
	};
}

/* After the retry: can only an offline repair (xfs_repair) mend it? */
bool hl_scrub_offline_required(const struct hl_scrub_result *res);

/*
 * The object, as in healthmon lines: "<mnt>[ agno 0xN| rgno 0xN| ino N gen
 * 0xG] <type>", or "<mnt>[ rgno 0xN] metapath <path>".  No newline.  Length
 * or -ENOSPC/-EINVAL, like the event renderers.
 */
int hl_scrub_format_object(char *buf, size_t len,
			   const struct hl_scrub_result *res,
			   const struct hl_render *r);

/* One JSON object and a newline (keys: doc/scrub.md). */
int hl_scrub_format_json(char *buf, size_t len,
			 const struct hl_scrub_result *res,
			 const struct hl_render *r);
int hl_scrub_write_json(FILE *f, const struct hl_scrub_result *res,
			const struct hl_render *r);

/* What a whole-filesystem run did, counted by outcome. */
struct hl_scrub_summary {
	enum hl_scrub_mode mode;
	uint64_t count[HL_SCRUB_NR_OUTCOMES]; /* by enum hl_scrub_outcome */
	uint64_t inodes;		      /* inodes whose checks were run */
};

/* Add @from's counts to @to's. */
void hl_scrub_summary_merge(struct hl_scrub_summary *to,
			    const struct hl_scrub_summary *from);

void hl_scrub_summary_add(struct hl_scrub_summary *s,
			  enum hl_scrub_outcome outcome);

/*
 * "<mnt>: N objects checked, N corrupt, N incomplete, N repaired, N skipped,
 * N errors, N not present" and a newline, or one JSON object.
 */
int hl_scrub_format_summary(char *buf, size_t len,
			    const struct hl_scrub_summary *s,
			    const struct hl_render *r);
int hl_scrub_write_summary(FILE *f, const struct hl_scrub_summary *s,
			   const struct hl_render *r);
int hl_scrub_write_summary_json(FILE *f, const struct hl_scrub_summary *s,
				const struct hl_render *r);

/*
 * A whole-filesystem run as vectored scrub calls.  Each call checks one
 * object (the fs, an AG, an rtgroup, a metapath, an inode) with several
 * types; a barrier vector (XFS_SCRUB_TYPE_BARRIER) stops its call when an
 * earlier vector failed or set one of the barrier's flags, so that nothing
 * is checked on top of metadata found bad.  The vectors hold the results.
 */
struct hl_scrub_vec {
	uint32_t type;
	uint32_t flags; /* in flags (a barrier's: the out flags that stop it);
			 * after the call, the flags returned */
	int ret;	/* after the call: 0 or a negative errno */
};

/*
 * The phases of a run, in order.  Every call of a phase can start once the
 * phase before it is done; the calls of a parallel phase do not depend on
 * each other (one per AG) and may run at the same time.
 */
enum hl_scrub_phase {
	HL_SCRUB_PHASE_PROBE,	/* alone: can anything work at all? */
	HL_SCRUB_PHASE_AGS,	/* per AG: headers, then btrees (parallel) */
	HL_SCRUB_PHASE_FS,	/* metadata paths, realtime groups */
	HL_SCRUB_PHASE_INODES,	/* per AG, every inode (parallel) */
	HL_SCRUB_PHASE_COUNTS,	/* quota files; link and quota counts */
	HL_SCRUB_PHASE_SUMMARY, /* the summary counters */
	HL_SCRUB_PHASE_VERDICT, /* the retained health records */
};

static inline bool
hl_scrub_phase_parallel(enum hl_scrub_phase phase)
{
	return phase == HL_SCRUB_PHASE_AGS || phase == HL_SCRUB_PHASE_INODES;
}

enum hl_scrub_call_kind {
	HL_SCRUB_CALL_VECS,	  /* the plan's vectors */
	HL_SCRUB_CALL_AG_INODES,  /* every inode of AG agno (hl_inode_walk) */
	HL_SCRUB_CALL_ONE_INODE,  /* inode ino, whatever its AG */
};

struct hl_scrub_call {
	enum hl_scrub_phase phase;
	enum hl_scrub_call_kind kind;
	uint32_t agno; /* AG or rtgroup number; a metapath's group */
	uint64_t ino;  /* metapath id, the inode of ONE_INODE; else 0 */
	size_t first;  /* the call's vectors: plan->vecs[first .. first+nr) */
	size_t nr;     /* 0 for the inode kinds: hl_scrub_inode_vecs */
	bool if_clean; /* only worth making if no earlier call found a problem */
};

struct hl_scrub_plan {
	struct hl_scrub_call *calls;
	size_t nr_calls;
	struct hl_scrub_vec *vecs;
	size_t nr_vecs;
};

/* What the plan needs to know of the filesystem (from XFS_IOC_FSGEOMETRY). */
struct hl_scrub_fs_shape {
	uint32_t agcount;
	uint32_t rgcount; /* 0 without realtime groups */
	bool metadir;	  /* has a metadata directory tree */
	bool reflink;	  /* files may have CoW forks */
	bool parent;	  /* parent pointers: every file has them */
};

/*
 * Which part of the filesystem a run covers.  By default (all zero) all of
 * it.  With AGs or inodes named, only those: the AGs' metadata and inodes,
 * the inodes themselves, nothing filesystem-wide.
 */
struct hl_scrub_scope {
	const uint32_t *agnos; /* only these AGs */
	size_t nr_agnos;
	const uint64_t *inos; /* only these inodes */
	size_t nr_inos;
	bool no_inodes; /* metadata only: no inode is checked */
};

/*
 * Plan checking the filesystem @fs in dependency order.  The first call is
 * the probe, alone (it takes only the repair flag).  Then per AG the
 * headers, a barrier, the btrees; the metadata directory paths; per
 * rtgroup its paths, then its metadata; per AG a scan of its inodes (or the
 * inodes of @scope); the quota files, a barrier, the inode scans (link and
 * quota counts: they need every inode sound); the summary counters, which
 * add up everything before them, in a call of their own so that nothing
 * stops them; last, flagged if_clean and never with @iflags, the retained
 * health records, which judge what came before (a problem found by this run
 * would only be reported again).  @iflags (XFS_SCRUB_IFLAG_*) go on every
 * other check.  0, -ENOMEM, or -EINVAL for an AG of @scope past the end;
 * free with hl_scrub_plan_free (safe on a zeroed plan).  @scope may be NULL.
 */
int hl_scrub_plan_fs(struct hl_scrub_plan *plan,
		     const struct hl_scrub_fs_shape *fs,
		     const struct hl_scrub_scope *scope, uint32_t iflags);
void hl_scrub_plan_free(struct hl_scrub_plan *plan);

/* One inode to check, as bulkstat describes it. */
struct hl_scrub_inode {
	uint64_t ino;
	uint32_t gen;	/* 0: any generation */
	uint16_t mode;	/* S_IFMT bits; 0: unknown (bulkstat could not read it) */
	bool attr_fork; /* has an attribute fork (bulkstat's bs_forkoff) */
	uint32_t sick, checked; /* bulkstat's health masks (XFS_BS_SICK_*) */
};

/* Room for every inode check and the barriers between them. */
#define HL_SCRUB_INODE_MAX_VECS 16

/*
 * The checks inode @in needs, with barriers, into @vecs (room for
 * HL_SCRUB_INODE_MAX_VECS): its core, a barrier, its forks' mappings, a
 * barrier, its contents (directory, attributes, symlink, parent pointers),
 * a barrier, and for a directory on a filesystem with parent pointers its
 * path to the root.  What cannot apply to it is left out (a fork it does
 * not have, a directory check on a file); an inode bulkstat could not read
 * gets every check.  Returns the number of vectors.
 */
size_t hl_scrub_inode_vecs(const struct hl_scrub_inode *in,
			   const struct hl_scrub_fs_shape *fs, uint32_t iflags,
			   struct hl_scrub_vec *vecs);

/* hl_scrub_inode for a bulkstat record. */
struct xfs_bulkstat;
void hl_scrub_inode_from_bulkstat(struct hl_scrub_inode *in,
				  const struct xfs_bulkstat *bs);

/*
 * Every allocated inode of one AG, in order: the inode btree's chunks
 * (XFS_IOC_INUMBERS) joined with bulkstat's records, so that an inode
 * bulkstat cannot read (corrupt, or kernel metadata) is still listed, with
 * mode 0 and generation 0.
 */
struct hl_inode_walk;

/* @metadir: ask bulkstat for metadata directory inodes too. */
int hl_inode_walk_new(struct hl_inode_walk **walk, int fd, uint32_t agno,
		      bool metadir);
/* 1 and *@in filled, 0 at the AG's end, or -errno (the listing failed). */
int hl_inode_walk_next(struct hl_inode_walk *walk, struct hl_scrub_inode *in);
void hl_inode_walk_free(struct hl_inode_walk *walk);

/*
 * The result flags a barrier stops on, for checks with input flags @iflags:
 * with the repair flag, CORRUPT (nothing is rebuilt on top of metadata
 * still corrupt); without, none (checks only read, and report what they
 * find however bad what they depend on is).  A failed call stops a barrier
 * either way.
 */
uint32_t hl_scrub_barrier_flags(uint32_t iflags);

/*
 * Would the kernel let the barrier at @vecs[@i] pass, given the results of
 * @vecs[0 .. i)?  (@vecs is one call's vectors.)  For running a plan one
 * XFS_IOC_SCRUB_METADATA at a time on kernels without the vectored call.
 */
bool hl_scrub_barrier_passes(const struct hl_scrub_vec *vecs, size_t i);

/* Errors after which no later call can succeed (a shutdown, a signal...). */
bool hl_scrub_error_ends_run(int err);

/* The object one list of checks is about: the fields of the ioctl heads. */
struct hl_scrub_target {
	uint32_t agno;
	uint64_t ino;
	uint32_t gen;
};

struct xfs_scrub_vec;
struct xfs_fsop_geom;

/*
 * Run the checks @vecs[0 .. nr) on @t, their results into @vecs: one
 * XFS_IOC_SCRUBV_METADATA call while *@vectored, else (or from the first
 * call the kernel does not know on, which clears *@vectored, atomically:
 * threads may share it) one XFS_IOC_SCRUB_METADATA per check, the
 * barriers applied as the kernel would.  @kvecs: room for @nr vectors.
 */
void hl_scrub_run(int fd, const struct hl_scrub_target *t,
		  struct hl_scrub_vec *vecs, size_t nr,
		  struct xfs_scrub_vec *kvecs, int *vectored);

/*
 * The same for inode @in's checks (hl_scrub_inode_vecs).  An inode bulkstat
 * could not read is checked core first, the rest only if scrub sees it
 * and its core is sound; *@nr becomes 1 if scrub does not see it at all.
 */
void hl_scrub_run_inode(int fd, const struct hl_scrub_inode *in,
			struct hl_scrub_vec *vecs, size_t *nr,
			struct xfs_scrub_vec *kvecs, int *vectored);

/*
 * Check inode @in (its checks of scrub -a, without repair): into *@bad the
 * sick bits (XFS_BS_SICK_*) of what the kernel found corrupt.  0, or the
 * first error of a check that could not run (*@bad still holds what the
 * others found).  A part it does not have, or that a barrier skipped
 * after a corrupt core, is no error.
 */
int hl_scrub_inode_bad(int fd, const struct hl_scrub_inode *in,
		       const struct hl_scrub_fs_shape *fs, int *vectored,
		       uint32_t *bad);

/* The shape a plan needs, from the filesystem's geometry. */
void hl_scrub_fs_shape_of(const struct xfs_fsop_geom *geo,
			  struct hl_scrub_fs_shape *fs);

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

/*
 * The payload the kernel puts in a record of this domain and type (inline,
 * after the descriptors below).
 */
static inline enum hl_payload hl_event_payload(uint32_t domain,
					       uint32_t type);

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

/* Field by field: the struct has padding that memcmp would compare. */
bool hl_event_equal(const struct hl_event *a, const struct hl_event *b);

/* ---- what each domain, type and object is ---------------------------- */

/*
 * One descriptor per event domain, per event type and per object kind
 * (libhealth/domain.c, objects.c).  Everything that depends on the domain
 * of an event asks these, so a domain or type is described in one place.
 */

/* The kinds of domain, by what their records carry. */
enum hl_domain_kind {
	HL_DOMAIN_MOUNT,  /* the monitor and the mount; payload per type */
	HL_DOMAIN_HEALTH, /* the health mask of one object */
	HL_DOMAIN_MEDIA,  /* a range of a device */
	HL_DOMAIN_FILE,	  /* a range of a file, with an errno */
};

/* What a health mask or an event is about. */
enum hl_object {
	HL_OBJECT_FS,
	HL_OBJECT_AG,
	HL_OBJECT_RTGROUP,
	HL_OBJECT_INODE,
	HL_NR_OBJECTS
};

struct hl_domain {
	uint32_t value; /* XFS_HEALTH_MONITOR_DOMAIN_*; name: hl_domain_names */
	enum hl_domain_kind kind;
	enum hl_object object; /* HL_OBJECT_FS for mount and media events */
};

struct hl_event_type {
	uint32_t value; /* XFS_HEALTH_MONITOR_TYPE_*; name: hl_type_names */
	enum hl_domain_kind kind; /* the domains that send it */
	enum hl_payload payload;  /* what it carries in the mount domain */
};

/* A health mask bit and the scrub type whose repair mends it. */
struct hl_repair_map {
	uint32_t bit;
	uint32_t scrub_type; /* XFS_SCRUB_TYPE_* */
};

struct hl_object_desc {
	const char *name;		  /* "fs", "ag", ...: JSON "object" */
	const struct hl_name_table *mask; /* its sick/checked bits */
	const char *group_key;		  /* "agno", "rgno" or NULL */
	/* The key as lines show it (" agno ", ",\"agno\":"), made once. */
	const char *group_text, *group_json;
	unsigned char group_text_len, group_json_len;
	bool has_inode; /* named by "ino" and "gen" */
	const struct hl_repair_map *repairs; /* in no particular order */
	size_t nr_repairs;
};

/*
 * The descriptor tables, indexed by value (domain.c, objects.c).  Read
 * them through the lookups below, which every event goes through several
 * times: they are inline for that.
 */
extern const struct hl_domain hl_domain_table[];
extern const size_t hl_domain_table_nr;
extern const struct hl_event_type hl_event_type_table[];
extern const size_t hl_event_type_table_nr;
extern const struct hl_object_desc hl_object_table[HL_NR_OBJECTS];

/* NULL for a value we have no descriptor (and no name) for. */
static inline const struct hl_domain *
hl_domain_of(uint32_t value)
{
	return value < hl_domain_table_nr ? &hl_domain_table[value] : NULL;
}

static inline const struct hl_event_type *
hl_event_type_of(uint32_t value)
{
	return value < hl_event_type_table_nr ? &hl_event_type_table[value]
					      : NULL;
}

static inline const struct hl_object_desc *
hl_object_of(enum hl_object object)
{
	return (unsigned int)object < HL_NR_OBJECTS ? &hl_object_table[object]
						    : NULL;
}

/* Is @domain known, and of this kind? */
static inline bool
hl_domain_is(uint32_t domain, enum hl_domain_kind kind)
{
	const struct hl_domain *d = hl_domain_of(domain);

	return d && d->kind == kind;
}

/* Is @type known, and sent by domains of this kind? */
static inline bool
hl_event_type_is(uint32_t type, enum hl_domain_kind kind)
{
	const struct hl_event_type *t = hl_event_type_of(type);

	return t && t->kind == kind;
}

/* What the event names: its domain's object, HL_OBJECT_FS if unknown. */
static inline enum hl_object
hl_event_object(const struct hl_event *ev)
{
	const struct hl_domain *d = hl_domain_of(ev->domain);

	return d ? d->object : HL_OBJECT_FS;
}

/* The mask table for an object's sick/checked bits. */
const struct hl_name_table *hl_object_mask_names(enum hl_object object);

/* The sick bit of @object a check of @scrub_type judges; 0 if none. */
uint32_t hl_object_scrub_bit(enum hl_object object, uint32_t scrub_type);

/*
 * Health, media and file-range domains carry their payload whatever the
 * type says, so an impossible type still shows its mask or range (xfs_io
 * prints "fscounters: unknown value" for one).  The mount domain's payload
 * depends on the type; an unknown domain has none we could name.
 */
static inline enum hl_payload
hl_event_payload(uint32_t domain, uint32_t type)
{
	const struct hl_domain *d = hl_domain_of(domain);
	const struct hl_event_type *t;

	if (!d)
		return HL_PAYLOAD_NONE;
	switch (d->kind) {
	case HL_DOMAIN_MOUNT:
		t = hl_event_type_of(type);
		return t && t->kind == HL_DOMAIN_MOUNT ? t->payload
						       : HL_PAYLOAD_NONE;
	case HL_DOMAIN_HEALTH:
		return HL_PAYLOAD_HEALTH;
	case HL_DOMAIN_MEDIA:
		return HL_PAYLOAD_MEDIA;
	case HL_DOMAIN_FILE:
		return HL_PAYLOAD_FILERANGE;
	}
	return HL_PAYLOAD_NONE;
}

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
	 * Private: the mount point escaped for text lines (hl_text_escape),
	 * and its JSON members ("mount":"..." and, when it is not UTF-8,
	 * "mount_hex":"..."), made once per stream.
	 */
	char *text_mountpoint;
	char *json_mountpoint;
	/*
	 * Set by hl_log_line_format on its own copy when it left @path out
	 * to keep a line short: JSON then says "path_too_long":true.
	 */
	bool path_too_long;
};

/*
 * An object in the words of healthmon lines ("<mnt> agno 0x1", "<mnt> ino
 * 131 gen 0x2a"), as hl_scrub_format_object names a result's.
 */
int hl_format_object(char *buf, size_t len, enum hl_object object,
		     uint32_t group, uint64_t ino, uint32_t gen,
		     const struct hl_render *r);

/*
 * Names in text lines.  Every renderer writes mount points and paths (any
 * byte but NUL, and '/' in a name) through this escaping, so that no name
 * can end a line, start a forged one, move a terminal's cursor or make a
 * log reader hide the line: a backslash becomes \\, newline, return and
 * tab \n \r \t, and \xHH (lowercase) stands for each other byte below
 * 0x20, DEL, each byte that is not part of well-formed UTF-8, and each byte
 * of a C1 control (U+0080-U+009F), U+2028, U+2029 or a bidirectional
 * override or isolate (U+202A-U+202E, U+2066-U+2069).  All else is copied:
 * a name without such bytes is printed as it is.  printf's %b reads the
 * escapes back (doc/output-format.md).
 *
 * hl_text_escape: @s escaped into @buf; the length, -ENOSPC (cut, but
 * terminated) or -EINVAL.  hl_text_unescape: the reverse; the length, or
 * -EINVAL for a backslash not followed by one of the escapes above (or by
 * \x00), -ENOSPC.  hl_text_needs_escape: would hl_text_escape change @s?
 */
int hl_text_escape(char *buf, size_t len, const char *s);
/* The same into a malloc'd string; NULL without memory. */
char *hl_text_escape_dup(const char *s);
int hl_text_unescape(char *buf, size_t len, const char *s);
bool hl_text_needs_escape(const char *s);

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
struct hl_health_report {
	enum hl_object object;
	uint32_t group; /* agno or rgno */
	uint32_t gen;
	uint64_t ino;
	uint32_t sick;	  /* known bad */
	uint32_t checked; /* examined since mount */
};

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

/* The masks of AG or realtime group @group (its geometry call).  0 or
 * -errno; -EINVAL for another kind of object. */
int hl_group_health(int fd, enum hl_object object, uint32_t group,
		    struct hl_health_report *h);

/*
 * The kernel's health state of the filesystem whose root (or any file) is
 * @fd and whose geometry is @geo, object by object: @fn is called for the
 * filesystem, each AG, each realtime group (geometry calls).  A nonzero
 * return from @fn (a positive value or -ECANCELED) ends the walk and is
 * returned; otherwise 0 or the first kernel call's -errno.
 */
struct xfs_fsop_geom;
typedef int (*hl_health_fn)(const struct hl_health_report *h, void *arg);
int hl_health_walk(int fd, const struct xfs_fsop_geom *geo, hl_health_fn fn,
		   void *arg);
/*
 * The same for each inode of AG @agno (the inode btree joined with
 * bulkstat; an inode bulkstat cannot read has no masks).
 */
int hl_health_walk_inodes(int fd, uint32_t agno, hl_health_fn fn, void *arg);

/*
 * The SICK event a live report of @h's sick bits would be (its domain, its
 * mask, the object's numbers), stamped @time_ns: what the daemon feeds its
 * policy and repair queue with.  0, or -EINVAL for an unknown object.
 */
int hl_health_sick_event(const struct hl_health_report *h, uint64_t time_ns,
			 struct hl_event *ev);

/* ---- verify media ------------------------------------------------------ */

struct fsmap; /* <linux/fsmap.h> */

/* XFS_IOC_VERIFY_MEDIA counts 512-byte sectors ("daddr"). */
#define HL_BBSHIFT 9
#define HL_BBSIZE  (1u << HL_BBSHIFT)

/* The kernel's largest I/O, and its size when me_max_io_size is 0. */
#define HL_VERIFY_MAX_IO (1u << 20)

/*
 * A whole number (decimal, 0x hex or 0 octal; digits only, no blanks or
 * sign) no larger than @max.  0, -EINVAL (not such a number) or -ERANGE
 * (larger than @max).  *val is untouched on error.
 */
int hl_parse_u64(const char *arg, uint64_t max, uint64_t *val);

/*
 * xfs_io's number syntax (cvtnum): digits (decimal, 0x hex or 0 octal), then
 * at most one suffix, either case: b (filesystem blocks of @blocksize bytes),
 * s (512-byte sectors), k m g t p e (powers of 1024).  A b suffix with
 * @blocksize 0 is -EINVAL.  0, -EINVAL (empty, negative, not a number, bad
 * suffix) or -ERANGE (more than 2^64 - 1 bytes).
 */
int hl_parse_size(const char *arg, uint32_t blocksize, uint64_t *bytes);

/* Byte offsets as sectors: a start rounds down, an end rounds up. */
uint64_t hl_daddr_floor(uint64_t bytes);
uint64_t hl_daddr_ceil(uint64_t bytes);

/*
 * The I/O size, in sectors, the kernel uses for @max_io bytes (0: its
 * default): at most HL_VERIFY_MAX_IO, rounded down to @align sectors (the
 * device sector size), at least @align.
 */
uint32_t hl_verify_io_sectors(uint64_t max_io, uint32_t align);

/* Sectors [start, end). */
struct hl_daddr_range {
	uint64_t start;
	uint64_t end;
};

/* A range the kernel could not read, and the errno it gave. */
struct hl_bad_range {
	uint64_t start;
	uint64_t end;
	int error;
};

/*
 * Progress through one range by successive XFS_IOC_VERIFY_MEDIA calls.  The
 * kernel stops at the first bad I/O: with me_ioerror set if that was the
 * first I/O of the call, else with success and me_start_daddr parked on it.
 * The cursor then asks for that one I/O again, without the report flag (the
 * kernel already reported it), to learn its errno, and steps past it, so
 * that one pass finds every bad range.
 */
struct hl_verify_cursor {
	uint64_t start;	     /* next sector to ask for */
	uint64_t end;	     /* exclusive; lowered if the kernel clamps it */
	uint32_t io_sectors; /* from hl_verify_io_sectors */
	uint64_t verified;   /* sectors read without error */
	uint64_t bad;	     /* sectors inside bad ranges */
	uint64_t skipped;    /* sectors the kernel skipped (clamped start) */
	bool parked;	     /* the last call stopped at a bad I/O */
	bool stalled;	     /* the last call made no progress */
};

void hl_verify_cursor_init(struct hl_verify_cursor *c, uint64_t start,
			   uint64_t end, uint32_t io_sectors);
bool hl_verify_cursor_done(const struct hl_verify_cursor *c);

/*
 * The next call's me_start_daddr and me_end_daddr; *reread is true when it
 * only re-reads the I/O an earlier call stopped at (send it without
 * XFS_VERIFY_MEDIA_REPORT).
 */
void hl_verify_cursor_next(const struct hl_verify_cursor *c, uint64_t *start,
			   uint64_t *end, bool *reread);

/*
 * Account for one call that returned 0: @req_end is the me_end_daddr sent,
 * the rest what the kernel wrote back.  Returns 1 and fills @bad when the
 * call found a bad range ([start, start + one I/O)), else 0.  A second call
 * in a row that neither progressed nor failed counts as a bad I/O with EIO,
 * so the walk always ends.
 */
int hl_verify_cursor_step(struct hl_verify_cursor *c, uint64_t req_end,
			  uint64_t ret_start, uint64_t ret_end,
			  uint32_t ioerror, struct hl_bad_range *bad);

/*
 * Cut [start, end) into at most @n nearly equal consecutive pieces whose
 * inner bounds are multiples of @align sectors.  Returns how many were
 * written to @out (0 for an empty range).
 */
size_t hl_split_range(uint64_t start, uint64_t end, size_t n, uint32_t align,
		      struct hl_daddr_range *out);

/* Growable, sorted lists of ranges.  A zeroed list is empty. */
struct hl_range_list {
	struct hl_daddr_range *ranges;
	size_t nr, alloc;
};

/*
 * Add [start, end), merging with the last range when they overlap, touch or
 * are at most @bridge sectors apart (reading a small gap costs less than
 * another I/O).  Ranges should come in ascending order; one that does not
 * is inserted in place.  0 or -ENOMEM.
 */
int hl_range_list_add(struct hl_range_list *l, uint64_t start, uint64_t end,
		      uint64_t bridge);
uint64_t hl_range_list_sectors(const struct hl_range_list *l);
void hl_range_list_free(struct hl_range_list *l);

/* Gaps smaller than one default I/O are read rather than skipped (-u). */
#define HL_FSMAP_BRIDGE (HL_VERIFY_MAX_IO >> HL_BBSHIFT)

/* Does a GETFSMAP record describe space in use (anything but free)? */
bool hl_fsmap_in_use(const struct fsmap *rec);

/* The in-use part of @rec inside sectors [start, end) into @l. */
int hl_range_list_add_fsmap(struct hl_range_list *l, const struct fsmap *rec,
			    uint64_t start, uint64_t end, uint64_t bridge);

/* Bad ranges found; adjacent ones with the same error are one range. */
struct hl_bad_list {
	struct hl_bad_range *ranges;
	size_t nr, alloc;
};

/* Append, merging with the last range if adjacent with the same error. */
int hl_bad_list_add(struct hl_bad_list *l, const struct hl_bad_range *r);
/* Sort by start and merge again (after parallel walks). */
void hl_bad_list_sort(struct hl_bad_list *l);
uint64_t hl_bad_list_sectors(const struct hl_bad_list *l);
void hl_bad_list_free(struct hl_bad_list *l);

/* Ranges of @from that are not in @minus, into the empty list @out. */
int hl_range_list_subtract(const struct hl_range_list *from,
			   const struct hl_range_list *minus,
			   struct hl_range_list *out);

/* ---- media scans: pacing, time limits, checkpoints, disks --------------- */

/*
 * A whole number of seconds with an optional suffix s, m, h or d, more than
 * 0 and at most @max seconds.  0, -EINVAL or -ERANGE.
 */
int hl_parse_duration(const char *arg, uint64_t max, uint64_t *seconds);

/*
 * "HH:MM" (00:00 to 23:59), local time: the next such moment after @now
 * (tomorrow's when today's has come), into *until.  0 or -EINVAL.
 */
int hl_parse_until(const char *arg, time_t now, time_t *until);

/*
 * Pacing reads to a rate over every call in flight: each call takes its
 * bytes' share of time from one schedule and starts when its share begins.
 * Time unused (reads slower than the rate, pauses) is kept for at most
 * @burst_ns, so a scan never catches up in a burst.  Not locked.
 */
struct hl_rate {
	uint64_t bytes_per_s;
	uint64_t burst_ns;
	uint64_t next_ns; /* when the schedule is free again */
	bool started;
};

void hl_rate_init(struct hl_rate *r, uint64_t bytes_per_s, uint64_t burst_ns);

/* Book @bytes at @now_ns; returns the time the call may start (>= now). */
uint64_t hl_rate_take(struct hl_rate *r, uint64_t bytes, uint64_t now_ns);

/* Give back what a call booked and did not read (it stopped short). */
void hl_rate_refund(struct hl_rate *r, uint64_t bytes);

/*
 * Sectors per call at @bytes_per_s: about a sixteenth of a second's worth,
 * in whole I/Os of @io_sectors, at most @max_sectors.
 */
uint64_t hl_rate_call_sectors(uint64_t bytes_per_s, uint32_t io_sectors,
			      uint64_t max_sectors);

/*
 * A scan's checkpoint: which scan it is (the filesystem, the device, the
 * range, -u, the I/O size), what is done, what was found, and the counts
 * of the report so far.  As text, with a checksum; doc/media-scans.md.
 */
#define HL_CKPT_VERSION 1
#define HL_CKPT_MAX_SIZE (64u << 20) /* a larger file is not ours */

struct hl_media_ckpt {
	unsigned char uuid[16];
	uint32_t dev;	     /* XFS_DEV_* */
	uint64_t start, end; /* the range asked for, sectors */
	bool used_only;
	uint32_t io_sectors;
	bool finished;
	int64_t started, updated; /* seconds since the epoch */
	uint64_t verified, bad, calls, elapsed_ns;
	struct hl_range_list done; /* walked, inside [start, end) */
	struct hl_bad_list found;  /* inside done, sorted */
};

/* Text of @c, malloc'd into *buf (NUL-terminated; *len without it). */
int hl_media_ckpt_format(const struct hl_media_ckpt *c, char **buf,
			 size_t *len);

/*
 * Read the text of a checkpoint into @c (free with hl_media_ckpt_free).
 * -EBADMSG if it is not one of ours, damaged or inconsistent,
 * -EPROTONOSUPPORT for another version; @c is then empty.
 */
int hl_media_ckpt_parse(const char *buf, size_t len, struct hl_media_ckpt *c);
void hl_media_ckpt_free(struct hl_media_ckpt *c);

/*
 * The whole disks under block device @major:@minor, as sysfs (mounted at
 * @sysfs, normally "/sys") tells: a partition's disk, the devices under a
 * device-mapper or md device (slaves/), a loop device's backing file's
 * device, recursively.  Sorted by number, no duplicates; a device sysfs
 * does not know has none (*nr 0).  Free *disks with free().
 */
struct hl_disk {
	uint32_t major, minor;
	char name[32]; /* the kernel's name, "vdb" */
};

int hl_block_disks(const char *sysfs, uint32_t major, uint32_t minor,
		   struct hl_disk **disks, size_t *nr);

/* What a bad range held, from one GETFSMAP record. */
enum hl_owner_kind {
	HL_OWNER_FILE,	   /* @owner is an inode number */
	HL_OWNER_METADATA, /* @owner is a special owner: hl_fsmap_owner_names */
	HL_OWNER_FREE,	   /* free space: nothing was lost */
};

struct hl_media_owner {
	enum hl_owner_kind kind;
	uint64_t offset;  /* device bytes: where the record meets the range */
	uint64_t length;  /* bytes of the record inside the range */
	uint64_t owner;	  /* fmr_owner */
	uint64_t pos;	  /* file bytes (data or attr fork) at @offset */
	uint32_t flags;	  /* FMR_OF_*: attr fork, extent map, unwritten... */
	const char *path; /* the caller's: the file's path, or NULL */
};

/*
 * The part of @rec inside sectors [start, end) as an owner; -ENOENT if
 * the record does not meet the range.
 */
int hl_media_owner_from_fsmap(const struct fsmap *rec, uint64_t start,
			      uint64_t end, struct hl_media_owner *o);

/* GETFSMAP special owners (values: fmr_owner), e.g. "inode btree". */
const struct hl_name_table *hl_fsmap_owner_names(void);

/* ---- verify media output (xfs_io's lines, and ours) -------------------- */

/*
 * xfs_io's human sizes: "%.f <unit>" for a whole number of bytes that fits
 * an int, else "%.3f <unit>", units KiB..EiB; below 1 KiB "%f bytes".
 * Returns the length or -ENOSPC (the text is cut but terminated).
 */
int hl_format_size(char *buf, size_t len, double bytes);

/* xfs_io's times: "0.%04u sec" under a second, else "H:MM:SS.cc". */
int hl_format_time(char *buf, size_t len, uint64_t ns);

/* Counts for the reports.  Sectors, except where said. */
struct hl_verify_stats {
	uint32_t dev;	/* XFS_DEV_* */
	uint64_t start; /* the range walked, after clamping */
	uint64_t end;
	uint64_t in_use;   /* -u: sectors planned; else end - start */
	uint64_t verified; /* read without error */
	uint64_t bad;	   /* inside bad ranges */
	uint64_t nr_bad;   /* bad ranges */
	uint64_t calls;	   /* XFS_IOC_VERIFY_MEDIA calls */
	uint64_t elapsed_ns;
	int error;  /* errno of a call the kernel refused, or 0 */
	int signal; /* the signal that stopped the walk early, or 0 */
	bool unfinished; /* stopped at its time limit with work left */
};

/*
 * "<dev>: verify error at offset <bytes> length <bytes>: <strerror>\n",
 * xfs_io's line for a bad range.
 */
int hl_media_error_format(char *buf, size_t len, uint32_t dev,
			  const struct hl_bad_range *bad);
int hl_media_error_write(FILE *f, uint32_t dev, const struct hl_bad_range *bad);

/*
 * One owner under the error line (our own form):
 * "  offset <bytes> length <bytes>: <what>\n", <what> being
 *   ino <N>[ attr] pos <P>[ unwritten][ path <PATH>]   file data
 *   ino <N>[ attr] extent map[ path <PATH>]           a mapping block
 *   <owner name>                                     metadata, free space
 */
int hl_media_owner_format(char *buf, size_t len,
			  const struct hl_media_owner *o);
int hl_media_owner_write(FILE *f, const struct hl_media_owner *o);

/*
 * xfs_io's timing report after a clean pass:
 * "verified <total>/<count> bytes at offset <start>\n"
 * "<human(count)>, <calls> ops; <time> (<human rate>/sec and <r> ops/sec)\n"
 * total = (end - start) bytes, count = bytes read.
 */
int hl_verify_timing_write(FILE *f, const struct hl_verify_stats *s);

/* The -v summary, four lines starting "<dev>: ". */
int hl_verify_summary_write(FILE *f, const struct hl_verify_stats *s);

/* "<dev>: <pct>% done, <rate>/sec, ETA <time>" without a newline. */
int hl_verify_progress_format(char *buf, size_t len,
			      const struct hl_verify_stats *s, uint64_t done,
			      uint64_t total);

/* A bad range and what it held (-m), for the JSON summary. */
struct hl_media_bad {
	struct hl_bad_range range;
	const struct hl_media_owner *owners;
	size_t nr_owners;
	int owner_error; /* why owners are missing (negative errno), or 0 */
};

/*
 * The -j summary: one JSON object and a newline (keys: xfs_health(8)).
 * @file is the file as given.  0 or a negative errno.
 */
int hl_verify_json_write(FILE *f, const char *file,
			 const struct hl_verify_stats *s,
			 const struct hl_media_bad *bad, size_t nr_bad,
			 bool mapped);

/* ---- repair planning (xfs_healthd) ------------------------------------ */

/*
 * The scrub type that repairs one bit of a health event's mask, for the
 * health domains (FS, AG, RTGROUP, INODE); NULL when the bit has no spot
 * repair (FS metadir and metapath, AG inodes, bits nobody named) or the
 * domain has no health mask.
 */
const struct hl_scrub_type *hl_repair_type_for_bit(uint32_t domain,
						   uint32_t bit);

/* One spot repair: a mask bit and the scrub type (run with IFLAG_REPAIR). */
struct hl_repair_step {
	uint32_t bit;
	const struct hl_scrub_type *type;
};

/*
 * The spot repairs for @mask in @domain, in the mask table's order (unknown
 * bits last, lowest first), at most @max of them in @steps.  *unmapped gets
 * the bits with no spot repair: those need a full repair.  Returns the number
 * of steps (which may exceed @max), or -EINVAL for a domain without a health
 * mask.
 */
int hl_repair_plan(uint32_t domain, uint32_t mask, struct hl_repair_step *steps,
		   size_t max, uint32_t *unmapped);

/* The scrub request for one step on the object @ev names. */
void hl_repair_request(const struct hl_event *ev,
		       const struct hl_repair_step *step,
		       struct hl_scrub_request *req);

/* What a spot repair achieved, in xfs_healer's terms and order. */
enum hl_repair_outcome {
	HL_REPAIR_FAILED,      /* error, or CORRUPT|INCOMPLETE still set */
	HL_REPAIR_PROBABLY_OK, /* XFAIL|XCORRUPT: cross-referencing failed */
	HL_REPAIR_UNNECESSARY, /* NO_REPAIR_NEEDED */
	HL_REPAIR_SUCCESS,
	HL_REPAIR_NR_OUTCOMES
};

/* @error: positive errno of a failed ioctl, else 0; @oflags: sm_flags out. */
enum hl_repair_outcome hl_repair_judge(int error, uint32_t oflags);

/* Outcome words for JSON and summaries: failed, probably_ok, ... */
const struct hl_name_table *hl_repair_outcome_names(void);
/* xfs_healer's sentences, e.g. "Repairs successful." */
const struct hl_name_table *hl_repair_outcome_texts(void);

/* One repair outcome line: the event's object, the bit, what happened. */
struct hl_repair_report {
	const struct hl_event *ev; /* the sick event the repair was for */
	uint32_t bit;		   /* the one mask bit repaired */
	const struct hl_scrub_type *type;
	int error;	/* positive errno of the ioctl, or 0 */
	uint32_t flags; /* sm_flags returned */
	enum hl_repair_outcome outcome;
};

/*
 * xfs_healer's line, "<object> <bit name>: <sentence>" with the object as in
 * healthmon lines (r->path replaces "<mnt> ino N gen 0xG"), or one JSON
 * object (keys: doc/output-format.md).  Both end in a newline.  Length,
 * -ENOSPC or -EINVAL like the event renderers.
 */
int hl_repair_format_text(char *buf, size_t len,
			  const struct hl_repair_report *rep,
			  const struct hl_render *r);
int hl_repair_format_json(char *buf, size_t len,
			  const struct hl_repair_report *rep,
			  const struct hl_render *r);
int hl_repair_write_text(FILE *f, const struct hl_repair_report *rep,
			 const struct hl_render *r);
int hl_repair_write_json(FILE *f, const struct hl_repair_report *rep,
			 const struct hl_render *r);

/*
 * The longest line a daemon writes, newline included: under journald's
 * default LineMax (48 KiB), past which it would split the line in two.
 * Every event and repair line without a path is shorter: a mount point of
 * fewer than PATH_MAX bytes takes at most eight bytes a byte (JSON: a
 * control byte escaped in six, and two more in the _hex member when the
 * name is not UTF-8), and the rest of a line under 1 KiB.
 */
#define HL_LOG_LINE_MAX 40960

/*
 * A daemon's log line for an event (@rep NULL) or a repair outcome, as text
 * or JSON, in @buf of @len bytes (room for the NUL included).  An event
 * always gets its line: when r->path makes it too long, the line is made
 * again without the path, so text shows upstream's "<mnt> ino N gen 0xG"
 * form and JSON has "path_too_long":true instead of "path".  The length,
 * -EINVAL as the renderers, or -ENOSPC only if even that line did not fit.
 */
int hl_log_line_format(char *buf, size_t len, bool json,
		       const struct hl_event *ev,
		       const struct hl_repair_report *rep,
		       const struct hl_render *r);

/*
 * A daemon's own line about a mount: "<mnt>: <message>\n" as xfs_healer's
 * lines are, or with @origin "<origin>: <mnt>: <message>\n", the shape of
 * the lines a program adds to upstream's (doc/output-format.md).  Names in
 * @message must come escaped (hl_text_escape); the message is escaped like
 * a name but for its backslashes (a unit name's are systemd's), so nothing
 * in it can break the line.  With JSON
 * {"mount":"<mnt>","<key>":"<message>"} and a newline.  Same returns;
 * -EINVAL also for a @key other than [a-z0-9_]+ or one of the mount's, or
 * an @origin that is empty or holds a blank, ':', '\\' or a non-ASCII byte.
 */
int hl_message_format_text(char *buf, size_t len, const char *origin,
			   const char *message, const struct hl_render *r);
int hl_message_format_json(char *buf, size_t len, const char *key,
			   const char *message, const struct hl_render *r);

/* ---- healing policy (xfs_healthd) -------------------------------------- */

/* The fs property trusted.xfs:autofsck. */
enum hl_autofsck {
	HL_AUTOFSCK_UNSET, /* absent, unreadable, or a value we do not know */
	HL_AUTOFSCK_NONE,
	HL_AUTOFSCK_CHECK,
	HL_AUTOFSCK_OPTIMIZE,
	HL_AUTOFSCK_REPAIR,
};

#define HL_AUTOFSCK_XATTR "trusted.xfs:autofsck"

/* Values: enum hl_autofsck (no entry for UNSET). */
const struct hl_name_table *hl_autofsck_names(void);

/*
 * The xattr's value, @len bytes, not necessarily NUL-terminated.  Returns 0,
 * or -EINVAL (and *out = HL_AUTOFSCK_UNSET) for a value we do not know.
 */
int hl_autofsck_parse(const void *value, size_t len, enum hl_autofsck *out);

enum hl_heal_mode {
	HL_HEAL_OFF,	/* do not run at all: "unsupported" */
	HL_HEAL_LOG,	/* log events, repair nothing */
	HL_HEAL_REPAIR, /* log and repair */
};

/* Why the mode was chosen; each has its own log line in the daemon. */
enum hl_policy_reason {
	HL_POLICY_OPTION_REPAIR,      /* --repair */
	HL_POLICY_OPTION_LOG,	      /* --no-autofsck without --repair */
	HL_POLICY_AUTOFSCK_REPAIR,    /* autofsck=repair */
	HL_POLICY_AUTOFSCK_LOG,	      /* autofsck=check or optimize */
	HL_POLICY_AUTOFSCK_NONE,      /* autofsck=none */
	HL_POLICY_DEFAULT_LOG,	      /* unset; rmapbt or parent pointers */
	HL_POLICY_DEFAULT_NONE,	      /* unset; neither */
};

struct hl_policy_input {
	bool opt_repair;      /* --repair */
	bool opt_no_autofsck; /* --no-autofsck */
	enum hl_autofsck autofsck;
	bool has_rmapbt;
	bool has_parent;
};

struct hl_policy {
	enum hl_heal_mode mode;
	enum hl_policy_reason reason;
};

void hl_policy_decide(const struct hl_policy_input *in, struct hl_policy *out);

/* What the daemon does with one event. */
struct hl_event_action {
	bool log;	  /* print it */
	bool spot_repair; /* repair the bits of its mask */
	bool full_repair; /* start a whole-filesystem repair */
	bool last;	  /* the monitor ends after this (unmount) */
};

/* How the daemon runs, as far as the fate of an event goes. */
struct hl_event_setting {
	bool repairing; /* the mode is HL_HEAL_REPAIR */
	/* --quiet: hides actionable events only, never lost, running,
	 * unmount or shutdown */
	bool quiet;
	/* --everything: a verbose monitor loses events by design, so a
	 * loss does not start a full repair */
	bool everything;
};

void hl_event_action(const struct hl_event *ev,
		     const struct hl_event_setting *how,
		     struct hl_event_action *act);

/*
 * A gate that lets one thing through per @holdoff (ns), shared by threads:
 * true, with *last set to @now (nonzero, any one clock), for exactly one of
 * any number of callers racing while it is open; false while a claim made
 * less than @holdoff before @now, or after it, holds it shut.  *last 0:
 * never claimed.  How the daemon asks for at most one full repair in
 * FULL_REPAIR_HOLDOFF_S.
 */
bool hl_holdoff_claim(atomic_uint_fast64_t *last, uint64_t now,
		      uint64_t holdoff);

/* ---- coalescing repairs (xfs_healthd) ---------------------------------- */

/*
 * The objects waiting for a spot repair, each with the OR of the masks
 * reported for it since it was queued, so that a storm of reports of one
 * object makes one repair.  Not locked: the caller serialises.
 */
struct hl_pending_key {
	uint32_t domain;
	uint32_t group; /* AG, RTGROUP */
	uint64_t ino;	/* INODE */
	uint32_t gen;
};

struct hl_pending {
	struct hl_pending_slot *slots; /* open addressing */
	size_t nr_slots;
	size_t nr;  /* objects waiting */
	size_t max; /* at most this many */
};

/* Room for @max objects.  0 or -ENOMEM/-EINVAL; free is safe when zeroed. */
int hl_pending_init(struct hl_pending *p, size_t max);
void hl_pending_free(struct hl_pending *p);

/* The key of a health event (domain, and group or ino/gen as it has). */
void hl_pending_key_of(const struct hl_event *ev, struct hl_pending_key *key);

/*
 * Note @mask for @key.  Returns 1 if the object was not waiting (the caller
 * queues one repair for it), 0 if the mask joined one already waiting, or
 * -ENOSPC when @max objects are waiting already.
 */
int hl_pending_add(struct hl_pending *p, const struct hl_pending_key *key,
		   uint32_t mask);

/*
 * A worker starts on @key: take its joined mask out (*mask), so that later
 * reports queue a new repair.  0, or -ENOENT if it was not waiting.
 */
int hl_pending_take(struct hl_pending *p, const struct hl_pending_key *key,
		    uint32_t *mask);

/* ---- systemd unit names ------------------------------------------------ */

/*
 * "<template prefix>@<escaped path>.service" as systemd-escape --template
 * <prefix>@.service --path <path> makes it: the path is normalised (repeated
 * and trailing slashes and "." components dropped, "/" alone becomes "-"),
 * "/" becomes "-", and every byte other than ASCII letters, digits, ":", "_"
 * and "." (and a leading ".") becomes \xNN.  Returns the length, -ENOSPC, or
 * -EINVAL for a path that is not absolute or has a ".." component, a prefix
 * systemd would not take, or a name longer than systemd allows (255 bytes).
 */
int hl_unit_name(char *buf, size_t len, const char *prefix, const char *path);

/* ---- the kernel calls both programs make -------------------------------- */

struct xfs_fsop_geom;
struct xfs_ag_geometry;
struct xfs_rtgroup_geometry;
struct xfs_verify_media;

/* XFS_IOC_FSGEOMETRY (the newest version).  0 or -errno. */
int hl_fs_geometry(int fd, struct xfs_fsop_geom *geo);

/*
 * FS_IOC_GETFSUUID: the filesystem's UUID as blkid prints it (36
 * characters and a NUL: @len at least HL_UUID_LEN).  0 or -errno.
 */
#define HL_UUID_LEN 37
/*
 * Replace @path with @text: PATH.XXXXXX made exclusively (mkostemp), @mode
 * whatever the umask, renamed over @path; @durable: synced first, and the directory
 * after.  0 or a negative errno, the old file whole and the new one gone.
 */
int hl_file_replace(const char *path, const char *text, size_t len,
		    mode_t mode, bool durable);

/* 16 bytes as "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx"; -ENOSPC if @len < 37. */
int hl_uuid_format(const unsigned char *uuid, char *buf, size_t len);
int hl_fs_uuid(int fd, char *buf, size_t len);

/*
 * XFS_IOC_AG_GEOMETRY and XFS_IOC_RTGROUP_GEOMETRY for one group: sizes,
 * inode counts (AGs), and the sick and checked masks.  0 or -errno.
 */
int hl_ag_geometry(int fd, uint32_t agno, struct xfs_ag_geometry *ag);
int hl_rtgroup_geometry(int fd, uint32_t rgno, struct xfs_rtgroup_geometry *rg);

/* One XFS_IOC_VERIFY_MEDIA call; @vm's outputs are filled.  0 or -errno. */
int hl_verify_media(int fd, struct xfs_verify_media *vm);

/*
 * XFS_IOC_HEALTH_MONITOR on @fd, which must be the filesystem's root: the
 * monitor's descriptor, or -errno.  @verbose asks for every health update.
 */
int hl_monitor_open(int fd, bool verbose);

/*
 * Why the kernel refused a monitor with @err on @fd, in words a user can
 * act on (no version, already watched, not the root, not privileged);
 * NULL for an errno without a better word than strerror's.
 */
const char *hl_monitor_hint(int err, int fd);

/*
 * One XFS_IOC_SCRUB_METADATA call for @req with input flags *@flags; on
 * success *@flags holds the flags the kernel returned.  0 or -errno
 * (-EINVAL for a request without a type).
 */
int hl_scrub_metadata(int fd, const struct hl_scrub_request *req,
		      uint32_t *flags);

/* The probe scrub type: 0 if the kernel scrubs (or @repair: repairs) here. */
int hl_scrub_probe(int fd, bool repair);

/* 0 if the kernel takes XFS_IOC_SCRUBV_METADATA (an empty vector). */
int hl_scrubv_probe(int fd);

struct xfs_scrub_vec_head;
struct xfs_bulkstat;
struct xfs_bulkstat_req;
struct xfs_inumbers_req;

/* One XFS_IOC_SCRUBV_METADATA call; the vectors hold the results. */
int hl_scrubv(int fd, struct xfs_scrub_vec_head *head);

/* XFS_IOC_BULKSTAT (v5) and XFS_IOC_INUMBERS; @req->hdr says how many. */
int hl_bulkstat(int fd, struct xfs_bulkstat_req *req);
int hl_inumbers(int fd, struct xfs_inumbers_req *req);

/* The bulkstat record of inode @ino itself: 0, -ENOENT or -errno. */
int hl_bulkstat_one(int fd, uint64_t ino, struct xfs_bulkstat *bs);

/* ---- command-line completion (complete.c) ------------------------------ */

struct option;

/* A command's options, as getopt_long takes them. */
struct hl_cpl_spec {
	const char *opts;		 /* short options, getopt's string */
	const struct option *long_opts; /* NULL-terminated, or NULL */
};

enum hl_cpl_kind {
	HL_CPL_NONE,	   /* nothing completes there */
	HL_CPL_COMMAND,	   /* the command's name */
	HL_CPL_OPTION,	   /* an option: "-x" or "--name" */
	HL_CPL_OPTARG,	   /* the argument of option .opt */
	HL_CPL_POSITIONAL, /* argument .pos (0: the first) that is no option */
};

struct hl_cpl_where {
	enum hl_cpl_kind kind;
	int opt;      /* HL_CPL_OPTARG: getopt_long's value for the option */
	int pos;      /* HL_CPL_POSITIONAL */
	size_t start; /* the text being completed is line[start, cursor) */
};

/*
 * What the word that ends at @cursor in @line (a command line being typed)
 * is: words split as the dispatcher splits them, options read as
 * getopt_long reads them, with @lookup giving the options of the command
 * the first word names (false: no such command, nothing completes).  A
 * word with quotes or backslashes is not completed (HL_CPL_NONE).
 * 0, -EINVAL (@cursor past the line's end) or -ENOMEM.
 */
int hl_cpl_where(const char *line, size_t cursor,
		 bool (*lookup)(const char *name, struct hl_cpl_spec *spec,
				void *arg),
		 void *arg, struct hl_cpl_where *w);

/* ---- handles and paths ------------------------------------------------- */

struct xfs_handle;

/* XFS_IOC_FD_TO_HANDLE for the file @fd is open on.  0 or -errno. */
int hl_fd_to_handle(int fd, struct xfs_handle *h);

/*
 * XFS_IOC_OPEN_BY_HANDLE (CAP_SYS_ADMIN): the file @h names on the
 * filesystem @fsfd is on, opened with @flags.  A descriptor, or -errno.
 */
int hl_open_by_handle(int fsfd, const struct xfs_handle *h, int flags);

/* @fs's filesystem handle with the file id set to @ino, @gen. */
void hl_handle_for_inode(const struct xfs_handle *fs, uint64_t ino,
			 uint32_t gen, struct xfs_handle *h);

/*
 * The path of the file @h names, from the filesystem root, following the
 * first parent pointer at each level: "/a/b", "/" for the root.  @dirfd is
 * any directory on the filesystem.  0 with a malloc'd *path, -ENOENT for a
 * file without a path (unlinked, or too deep), or -errno of the ioctl
 * (EOPNOTSUPP without parent pointers, ESTALE for a stale handle).
 */
int hl_handle_path(int dirfd, const struct xfs_handle *h, char **path);

/* ---- journal fields (journal.c) ---------------------------------------- */

/*
 * The structured fields of an event's or a repair outcome's log line, for
 * the systemd journal: "XFS_DOMAIN=inode", "XFS_INO=131"...  Names are
 * printed as the lines print them (a path escaped as there).  Only what
 * the event carries; MESSAGE, MESSAGE_ID and PRIORITY are the caller's.
 */
#define HL_JOURNAL_FIELDS_MAX 20
struct hl_journal_fields {
	size_t nr;
	char *field[HL_JOURNAL_FIELDS_MAX]; /* malloc'd "NAME=value" */
};

/* For @ev, or with @rep for its repair's outcome; @path NULL if none.
 * 0 or -ENOMEM (then nothing to free). */
int hl_journal_fields_of(struct hl_journal_fields *f, const struct hl_event *ev,
			 const struct hl_repair_report *rep, const char *path);
void hl_journal_fields_free(struct hl_journal_fields *f);

/* ---- notification hooks (hooks.c) ------------------------------------- */

/*
 * The kinds of log line a hook can be given: an event's (by its payload,
 * a health event's by whether it is good news) or a repair outcome's.
 * Their names (hl_line_kind_names) begin hook names: "bad-mail".
 */
enum hl_line_kind {
	HL_LINE_MOUNT,	  /* monitoring started, unmounted, unknown kinds */
	HL_LINE_LOST,	  /* the kernel dropped events */
	HL_LINE_SHUTDOWN, /* the filesystem shut down */
	HL_LINE_BAD,	  /* a health event: sick or corrupt */
	HL_LINE_GOOD,	  /* a health event: healthy */
	HL_LINE_MEDIA,	  /* a media error */
	HL_LINE_FILE_IO,  /* a file I/O error */
	HL_LINE_REPAIR,	  /* a repair's outcome */
	HL_LINE_NR_KINDS
};
#define HL_HOOK_ALL_KINDS ((1u << HL_LINE_NR_KINDS) - 1)
#define HL_HOOK_NAME_MAX  64
#define HL_HOOKS_MAX	  64 /* hooks a daemon knows, gone ones included */

const struct hl_name_table *hl_line_kind_names(void);
/* The kind of @ev's line, or with @rep of its repair's outcome line. */
enum hl_line_kind hl_line_kind_of(const struct hl_event *ev,
				  const struct hl_repair_report *rep);

/*
 * The kinds a hook whose file is called @name takes: "KIND-ANYTHING", KIND
 * a line kind's name or "all".  0; -EINVAL for a name that is empty, too
 * long, starts with a dot or has a byte other than [A-Za-z0-9_.-] (never
 * run, as run-parts would not); -ENOENT when it does not start with a kind.
 */
int hl_hook_name_kinds(const char *name, uint32_t *kinds);

/*
 * Rate limits: a hook runs at most once an interval for one object (an
 * inode, an AG, the filesystem for lost, shutdown, media and mount lines)
 * and one kind of news (an event's domain and type, a repair's outcome),
 * and at most @burst times an interval in all.  What is
 * suppressed is counted and given to the run that follows (the object's,
 * and the hook's in all).
 */
struct hl_hook_key {
	unsigned int hook; /* its index, below HL_HOOKS_MAX */
	enum hl_line_kind kind;
	uint32_t what; /* the event's domain and type, or the outcome */
	enum hl_object object;
	uint32_t group, gen;
	uint64_t ino;
};
void hl_hook_key_of(struct hl_hook_key *k, unsigned int hook,
		    const struct hl_event *ev,
		    const struct hl_repair_report *rep);

#define HL_HOOK_LIMIT_SLOTS  4096 /* objects remembered at once */
#define HL_HOOK_LIMIT_PROBES 8

struct hl_hook_limit_slot {
	struct hl_hook_key key;
	uint64_t last_ns; /* its last run */
	uint64_t suppressed;
	bool used, ran;
};

struct hl_hook_limit_hook {
	bool started;
	unsigned int tokens;
	uint64_t refill_ns;
	uint64_t suppressed; /* since its last run */
};

struct hl_hook_limit {
	uint64_t interval_ns; /* 0: no limits */
	unsigned int burst;
	struct hl_hook_limit_slot *slots;
	struct hl_hook_limit_hook hooks[HL_HOOKS_MAX];
};

/* 0 or -ENOMEM. */
int hl_hook_limit_init(struct hl_hook_limit *l, uint64_t interval_ns,
		       unsigned int burst);
void hl_hook_limit_free(struct hl_hook_limit *l);
/*
 * May @k's hook run now (@now: a monotonic clock's ns)?  If so, what was
 * suppressed since the last run: of this key, and of the hook in all; if
 * not, counted.  When every slot near the key's is in use, the object is
 * not remembered and only the hook's own limit applies.
 */
bool hl_hook_limit_allow(struct hl_hook_limit *l, const struct hl_hook_key *k,
			 uint64_t now, uint64_t *suppressed,
			 uint64_t *suppressed_all);
/* Hook @hook's slot goes to another hook: nothing of it is kept. */
void hl_hook_limit_forget(struct hl_hook_limit *l, unsigned int hook);

/* ---- metrics for Prometheus (metrics.c) ------------------------------- */

/*
 * What a monitor of one filesystem has seen, kept for Prometheus' text
 * format (node_exporter's textfile collector reads it).  Safe to update
 * from several threads; every update moves hl_metrics_version() on, so a
 * writer can tell that there is something new to write.
 */
#define HL_METRICS_DOMAINS 10 /* the kernel's 9, and any other one */
#define HL_METRICS_TYPES   14 /* the kernel's 13, and any other one */
#define HL_METRICS_SICK_MAX 65536 /* objects followed one by one */

/* What is counted of each hook. */
enum hl_hook_count {
	HL_HOOK_RUNS,	    /* started */
	HL_HOOK_FAILURES,   /* ended other than with status 0 (or not started) */
	HL_HOOK_TIMEOUTS,   /* stopped at its time limit (failures too) */
	HL_HOOK_SUPPRESSED, /* not run: a rate limit */
	HL_HOOK_DROPPED,    /* not run: too many waiting, or stopping */
	HL_HOOK_NR_COUNTS
};

struct hl_metrics_object {
	uint64_t ino;
	uint32_t group, gen, mask;
	uint32_t pass; /* the complete pass that last saw it sick */
	unsigned char object; /* enum hl_object; 0xff: an empty slot */
};

struct hl_metrics {
	pthread_mutex_t lock;
	char *mountpoint; /* label values: escaped as lines show it */
	char *uuid;
	uint64_t version;
	uint64_t events[HL_METRICS_DOMAINS][HL_METRICS_TYPES];
	uint64_t lost;		  /* what the kernel's lost reports counted */
	uint64_t shutdowns;
	uint64_t media_errors, media_error_bytes;
	uint64_t repairs[HL_REPAIR_NR_OUTCOMES];
	uint64_t full_repairs;	  /* whole-filesystem repairs asked for */
	/* Objects an in-process full repair judged, by enum hl_scrub_outcome. */
	uint64_t full_objects[HL_SCRUB_NR_OUTCOMES];
	uint64_t passes, pass_failures; /* reconcile passes */
	double start_time;	  /* seconds since the epoch */
	double last_pass_time;	  /* 0: none yet */
	uint64_t last_pass_found;
	bool last_pass_ok;
	bool monitoring;
	/* Objects with sick bits now, by key (an open-addressing table). */
	struct hl_metrics_object *sick;
	size_t sick_cap, sick_used;
	uint64_t sick_untracked; /* reports past HL_METRICS_SICK_MAX */
	uint32_t sick_pass;	 /* complete passes begun */
	/* Notification hooks, by the runner's index; named when known. */
	struct hl_metrics_hook {
		char name[HL_HOOK_NAME_MAX + 1];
		uint64_t n[HL_HOOK_NR_COUNTS];
	} hooks[HL_HOOKS_MAX];
};

/* Labels: the mount point and UUID (either may be NULL).  0 or -ENOMEM. */
int hl_metrics_init(struct hl_metrics *m, const char *mountpoint,
		    const char *uuid);
void hl_metrics_free(struct hl_metrics *m);
uint64_t hl_metrics_version(struct hl_metrics *m);

/*
 * One event read: counted by domain and type; health events move the sick
 * objects (sick and corrupt set bits, healthy clears them), lost, shutdown
 * and media events their own counters.
 */
void hl_metrics_event(struct hl_metrics *m, const struct hl_event *ev);
/* Sick bits found otherwise (a reconcile pass reading the kernel's masks). */
void hl_metrics_sick(struct hl_metrics *m, enum hl_object object,
		     uint32_t group, uint64_t ino, uint32_t gen, uint32_t mask);
/*
 * A pass over every record of the kernel begins, and ends: when it read
 * everything, the objects it did not find sick (and no report said were
 * since it began) are dropped, as their healthy reports may have been lost.
 */
void hl_metrics_sick_pass_begin(struct hl_metrics *m);
void hl_metrics_sick_pass_end(struct hl_metrics *m, bool complete);
void hl_metrics_repair(struct hl_metrics *m, enum hl_repair_outcome outcome);
void hl_metrics_full_repair(struct hl_metrics *m);
/* An in-process full repair ended: its objects, as its summary counts. */
void hl_metrics_full_repair_objects(struct hl_metrics *m,
				    const struct hl_scrub_summary *s);
/* A reconcile pass ended at @when (seconds since the epoch). */
void hl_metrics_pass(struct hl_metrics *m, double when, uint64_t found,
		     bool ok);
void hl_metrics_set_monitoring(struct hl_metrics *m, bool on, double since);
/*
 * Hook @i is called @name (its series appear from then on; a new name
 * starts its counters again); counts.
 */
void hl_metrics_hook_name(struct hl_metrics *m, unsigned int i,
			  const char *name);
void hl_metrics_hook_count(struct hl_metrics *m, unsigned int i,
			   enum hl_hook_count what, uint64_t n);

/* What to write: everything, or the sick objects alone (a snapshot). */
enum hl_metrics_part {
	HL_METRICS_ALL,
	HL_METRICS_SICK,
};
/* The text exposition of @m (Prometheus 0.0.4).  0 or -EIO. */
int hl_metrics_write(FILE *f, struct hl_metrics *m, enum hl_metrics_part part);
/*
 * The same into @path, through a new "@path.XXXXXX" renamed over it, so
 * that a reader never sees half a file.  0 or -errno (the temporary
 * removed).
 */
int hl_metrics_write_file(struct hl_metrics *m, const char *path,
			  enum hl_metrics_part part);

#endif /* XFS_HEALTH_HEALTH_H */
