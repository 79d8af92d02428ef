/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The part of the XFS kernel ABI (fs/xfs/libxfs/xfs_fs.h, Linux 7.2) that
 * xfs_health uses: health monitor, verify media, scrub and scrubv, the
 * geometry ioctls, bulkstat and handles.  Names and layouts are the kernel's.
 *
 * The project does not need xfslibs-dev.  If a system <xfs/xfs.h> exists it is
 * included first and wins; every group below is defined only if its ioctl
 * macro is still missing, and every constant newer than its group only if it
 * is missing, so an older system header is completed rather than replaced.
 * Define XFS_HEALTH_NO_SYSTEM_XFS_H to ignore the system header.
 */
#ifndef XFS_HEALTH_ABI_H
#define XFS_HEALTH_ABI_H

#if !defined(XFS_HEALTH_NO_SYSTEM_XFS_H) && defined(__has_include)
#if __has_include(<xfs/xfs.h>)
#include <xfs/xfs.h>
#define XFS_HEALTH_ABI_SYSTEM_HEADER 1
#endif
#endif

#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <linux/types.h>
#include <linux/ioctl.h>
#include <linux/fsmap.h> /* struct fsmap_head, FS_IOC_GETFSMAP */

/*
 * Block devices of one filesystem (6.15, with zoned rt).  No macro names the
 * enum, but the ZONED geometry flag arrived in the same series.
 */
#ifndef XFS_FSOP_GEOM_FLAGS_ZONED
enum xfs_device {
	XFS_DEV_DATA = 1,
	XFS_DEV_LOG = 2,
	XFS_DEV_RT = 3,
};
#endif

/* ---- XFS_IOC_FSGEOMETRY ------------------------------------------------ */
#ifndef XFS_IOC_FSGEOMETRY
struct xfs_fsop_geom {
	__u32 blocksize;
	__u32 rtextsize;
	__u32 agblocks;
	__u32 agcount;
	__u32 logblocks;
	__u32 sectsize;
	__u32 inodesize;
	__u32 imaxpct;
	__u64 datablocks;
	__u64 rtblocks;
	__u64 rtextents;
	__u64 logstart;
	unsigned char uuid[16];
	__u32 sunit;
	__u32 swidth;
	__s32 version;
	__u32 flags; /* XFS_FSOP_GEOM_FLAGS_* */
	__u32 logsectsize;
	__u32 rtsectsize;
	__u32 dirblocksize;
	__u32 logsunit;
	uint32_t sick;	  /* XFS_FSOP_GEOM_SICK_* known to be bad */
	uint32_t checked; /* XFS_FSOP_GEOM_SICK_* that were examined */
	__u32 rgextents;
	__u32 rgcount;
	__u64 rtstart;
	__u64 rtreserved;
	__u64 reserved[14];
};

#define XFS_FSOP_GEOM_VERSION	 0
#define XFS_FSOP_GEOM_VERSION_V5 5

#define XFS_FSOP_GEOM_SICK_COUNTERS   (1 << 0)
#define XFS_FSOP_GEOM_SICK_UQUOTA     (1 << 1)
#define XFS_FSOP_GEOM_SICK_GQUOTA     (1 << 2)
#define XFS_FSOP_GEOM_SICK_PQUOTA     (1 << 3)
#define XFS_FSOP_GEOM_SICK_RT_BITMAP  (1 << 4)
#define XFS_FSOP_GEOM_SICK_RT_SUMMARY (1 << 5)

#define XFS_FSOP_GEOM_FLAGS_ATTR     (1 << 0)
#define XFS_FSOP_GEOM_FLAGS_NLINK    (1 << 1)
#define XFS_FSOP_GEOM_FLAGS_QUOTA    (1 << 2)
#define XFS_FSOP_GEOM_FLAGS_IALIGN   (1 << 3)
#define XFS_FSOP_GEOM_FLAGS_DALIGN   (1 << 4)
#define XFS_FSOP_GEOM_FLAGS_SHARED   (1 << 5)
#define XFS_FSOP_GEOM_FLAGS_EXTFLG   (1 << 6)
#define XFS_FSOP_GEOM_FLAGS_DIRV2    (1 << 7)
#define XFS_FSOP_GEOM_FLAGS_LOGV2    (1 << 8)
#define XFS_FSOP_GEOM_FLAGS_SECTOR   (1 << 9)
#define XFS_FSOP_GEOM_FLAGS_ATTR2    (1 << 10)
#define XFS_FSOP_GEOM_FLAGS_PROJID32 (1 << 11)
#define XFS_FSOP_GEOM_FLAGS_DIRV2CI  (1 << 12)
#define XFS_FSOP_GEOM_FLAGS_LAZYSB   (1 << 14)
#define XFS_FSOP_GEOM_FLAGS_V5SB     (1 << 15)
#define XFS_FSOP_GEOM_FLAGS_FTYPE    (1 << 16)
#define XFS_FSOP_GEOM_FLAGS_FINOBT   (1 << 17)
#define XFS_FSOP_GEOM_FLAGS_SPINODES (1 << 18)
#define XFS_FSOP_GEOM_FLAGS_RMAPBT   (1 << 19)
#define XFS_FSOP_GEOM_FLAGS_REFLINK  (1 << 20)
#define XFS_FSOP_GEOM_FLAGS_BIGTIME  (1 << 21)
#define XFS_FSOP_GEOM_FLAGS_INOBTCNT (1 << 22)

#define XFS_IOC_FSGEOMETRY _IOR('X', 126, struct xfs_fsop_geom)

/* Where the rtgroup fields sit; older system headers call them reserved. */
_Static_assert(offsetof(struct xfs_fsop_geom, rgextents) == 120, "rgextents");
_Static_assert(offsetof(struct xfs_fsop_geom, rgcount) == 124, "rgcount");
_Static_assert(offsetof(struct xfs_fsop_geom, rtstart) == 128, "rtstart");
#endif /* XFS_IOC_FSGEOMETRY */

#ifndef XFS_FSOP_GEOM_SICK_QUOTACHECK
#define XFS_FSOP_GEOM_SICK_QUOTACHECK (1 << 6)
#endif
#ifndef XFS_FSOP_GEOM_SICK_NLINKS
#define XFS_FSOP_GEOM_SICK_NLINKS (1 << 7)
#endif
#ifndef XFS_FSOP_GEOM_SICK_METADIR
#define XFS_FSOP_GEOM_SICK_METADIR (1 << 8)
#endif
#ifndef XFS_FSOP_GEOM_SICK_METAPATH
#define XFS_FSOP_GEOM_SICK_METAPATH (1 << 9)
#endif
#ifndef XFS_FSOP_GEOM_FLAGS_NREXT64
#define XFS_FSOP_GEOM_FLAGS_NREXT64 (1 << 23)
#endif
#ifndef XFS_FSOP_GEOM_FLAGS_EXCHANGE_RANGE
#define XFS_FSOP_GEOM_FLAGS_EXCHANGE_RANGE (1 << 24)
#endif
#ifndef XFS_FSOP_GEOM_FLAGS_PARENT
#define XFS_FSOP_GEOM_FLAGS_PARENT (1 << 25)
#endif
#ifndef XFS_FSOP_GEOM_FLAGS_METADIR
#define XFS_FSOP_GEOM_FLAGS_METADIR (1 << 26)
#endif
#ifndef XFS_FSOP_GEOM_FLAGS_ZONED
#define XFS_FSOP_GEOM_FLAGS_ZONED (1 << 27)
#endif

/*
 * The rtgroup fields of struct xfs_fsop_geom (6.13+), read by offset so that
 * callers compile against an older system header as well.
 */
static inline uint32_t
hl_geom_rgextents(const struct xfs_fsop_geom *geo)
{
	uint32_t v;

	memcpy(&v, (const char *)geo + 120, sizeof(v));
	return v;
}

static inline uint32_t
hl_geom_rgcount(const struct xfs_fsop_geom *geo)
{
	uint32_t v;

	memcpy(&v, (const char *)geo + 124, sizeof(v));
	return v;
}

static inline uint64_t
hl_geom_rtstart(const struct xfs_fsop_geom *geo)
{
	uint64_t v;

	memcpy(&v, (const char *)geo + 128, sizeof(v));
	return v;
}

/* ---- XFS_IOC_AG_GEOMETRY ----------------------------------------------- */
#ifndef XFS_IOC_AG_GEOMETRY
struct xfs_ag_geometry {
	uint32_t ag_number; /* in: which AG */
	uint32_t ag_length;
	uint32_t ag_freeblks;
	uint32_t ag_icount;
	uint32_t ag_ifree;
	uint32_t ag_sick;    /* XFS_AG_GEOM_SICK_* */
	uint32_t ag_checked; /* XFS_AG_GEOM_SICK_* */
	uint32_t ag_flags;
	uint64_t ag_reserved[12];
};

#define XFS_AG_GEOM_SICK_SB	  (1 << 0)
#define XFS_AG_GEOM_SICK_AGF	  (1 << 1)
#define XFS_AG_GEOM_SICK_AGFL	  (1 << 2)
#define XFS_AG_GEOM_SICK_AGI	  (1 << 3)
#define XFS_AG_GEOM_SICK_BNOBT	  (1 << 4)
#define XFS_AG_GEOM_SICK_CNTBT	  (1 << 5)
#define XFS_AG_GEOM_SICK_INOBT	  (1 << 6)
#define XFS_AG_GEOM_SICK_FINOBT	  (1 << 7)
#define XFS_AG_GEOM_SICK_RMAPBT	  (1 << 8)
#define XFS_AG_GEOM_SICK_REFCNTBT (1 << 9)

#define XFS_IOC_AG_GEOMETRY _IOWR('X', 61, struct xfs_ag_geometry)
#endif /* XFS_IOC_AG_GEOMETRY */

#ifndef XFS_AG_GEOM_SICK_INODES
#define XFS_AG_GEOM_SICK_INODES (1 << 10)
#endif

/* ---- XFS_IOC_RTGROUP_GEOMETRY (6.13) ----------------------------------- */
#ifndef XFS_IOC_RTGROUP_GEOMETRY
struct xfs_rtgroup_geometry {
	__u32 rg_number; /* in: which rtgroup */
	__u32 rg_length;
	__u32 rg_sick;	  /* XFS_RTGROUP_GEOM_SICK_* */
	__u32 rg_checked; /* XFS_RTGROUP_GEOM_SICK_* */
	__u32 rg_flags;
	__u32 rg_reserved[27];
};

#define XFS_RTGROUP_GEOM_SICK_SUPER   (1U << 0)
#define XFS_RTGROUP_GEOM_SICK_BITMAP  (1U << 1)
#define XFS_RTGROUP_GEOM_SICK_SUMMARY (1U << 2)

#define XFS_IOC_RTGROUP_GEOMETRY _IOWR('X', 65, struct xfs_rtgroup_geometry)
#endif /* XFS_IOC_RTGROUP_GEOMETRY */

#ifndef XFS_RTGROUP_GEOM_SICK_RMAPBT
#define XFS_RTGROUP_GEOM_SICK_RMAPBT (1U << 3)
#endif
#ifndef XFS_RTGROUP_GEOM_SICK_REFCNTBT
#define XFS_RTGROUP_GEOM_SICK_REFCNTBT (1U << 4)
#endif

/* ---- XFS_IOC_BULKSTAT (v5) --------------------------------------------- */
#ifndef XFS_IOC_BULKSTAT
struct xfs_bulkstat {
	uint64_t bs_ino;
	uint64_t bs_size;

	uint64_t bs_blocks;
	uint64_t bs_xflags;

	int64_t bs_atime;
	int64_t bs_mtime;

	int64_t bs_ctime;
	int64_t bs_btime;

	uint32_t bs_gen;
	uint32_t bs_uid;
	uint32_t bs_gid;
	uint32_t bs_projectid;

	uint32_t bs_atime_nsec;
	uint32_t bs_mtime_nsec;
	uint32_t bs_ctime_nsec;
	uint32_t bs_btime_nsec;

	uint32_t bs_blksize;
	uint32_t bs_rdev;
	uint32_t bs_cowextsize_blks;
	uint32_t bs_extsize_blks;

	uint32_t bs_nlink;
	uint32_t bs_extents;
	uint32_t bs_aextents;
	uint16_t bs_version;
	uint16_t bs_forkoff;

	uint16_t bs_sick;    /* XFS_BS_SICK_* */
	uint16_t bs_checked; /* XFS_BS_SICK_* */
	uint16_t bs_mode;
	uint16_t bs_pad2;
	uint64_t bs_extents64;

	uint64_t bs_pad[6];
};

#define XFS_BULKSTAT_VERSION_V1 (1)
#define XFS_BULKSTAT_VERSION_V5 (5)

#define XFS_BS_SICK_INODE   (1 << 0)
#define XFS_BS_SICK_BMBTD   (1 << 1)
#define XFS_BS_SICK_BMBTA   (1 << 2)
#define XFS_BS_SICK_BMBTC   (1 << 3)
#define XFS_BS_SICK_DIR	    (1 << 4)
#define XFS_BS_SICK_XATTR   (1 << 5)
#define XFS_BS_SICK_SYMLINK (1 << 6)
#define XFS_BS_SICK_PARENT  (1 << 7)

/* Header shared by the v5 bulkstat and inumbers requests. */
struct xfs_bulk_ireq {
	uint64_t ino;	 /* in/out: where to start, then where to resume */
	uint32_t flags;	 /* XFS_BULK_IREQ_* */
	uint32_t icount; /* in: room in the array */
	uint32_t ocount; /* out: records filled in */
	uint32_t agno;	 /* in: with XFS_BULK_IREQ_AGNO */
	uint64_t reserved[5];
};

#define XFS_BULK_IREQ_AGNO    (1U << 0)
#define XFS_BULK_IREQ_SPECIAL (1U << 1)

#define XFS_BULK_IREQ_SPECIAL_ROOT (1)

struct xfs_bulkstat_req {
	struct xfs_bulk_ireq hdr;
	struct xfs_bulkstat bulkstat[];
};
#define XFS_BULKSTAT_REQ_SIZE(nr)                                              \
	(sizeof(struct xfs_bulkstat_req) + (nr) * sizeof(struct xfs_bulkstat))

#define XFS_IOC_BULKSTAT _IOR('X', 127, struct xfs_bulkstat_req)
#endif /* XFS_IOC_BULKSTAT */

#ifndef XFS_BS_SICK_DIRTREE
#define XFS_BS_SICK_DIRTREE (1 << 8)
#endif
#ifndef XFS_BULK_IREQ_NREXT64
#define XFS_BULK_IREQ_NREXT64 (1U << 2)
#endif
#ifndef XFS_BULK_IREQ_METADIR
#define XFS_BULK_IREQ_METADIR (1U << 3)
#endif

/* ---- XFS_IOC_INUMBERS (v5) --------------------------------------------- */
#ifndef XFS_IOC_INUMBERS
/* One inode chunk: 64 inodes from xi_startino, allocated where the bit is. */
struct xfs_inumbers {
	uint64_t xi_startino;
	uint64_t xi_allocmask;
	uint8_t xi_alloccount;
	uint8_t xi_version; /* XFS_INUMBERS_VERSION_V5 */
	uint8_t xi_padding[6];
};

#define XFS_INUMBERS_VERSION_V5 (5)

struct xfs_inumbers_req {
	struct xfs_bulk_ireq hdr;
	struct xfs_inumbers inumbers[];
};
#define XFS_INUMBERS_REQ_SIZE(nr)                                              \
	(sizeof(struct xfs_inumbers_req) + (nr) * sizeof(struct xfs_inumbers))

#define XFS_IOC_INUMBERS _IOR('X', 128, struct xfs_inumbers_req)
#endif /* XFS_IOC_INUMBERS */

/* ---- handles ----------------------------------------------------------- */
#ifndef XFS_IOC_FD_TO_HANDLE
typedef struct xfs_fsop_handlereq {
	__u32 fd; /* in: FD_TO_HANDLE's file; OPEN_BY_HANDLE's fs */
	void *path;
	__u32 oflags; /* in: OPEN_BY_HANDLE's open flags */
	void *ihandle;
	__u32 ihandlen;
	void *ohandle;
	__u32 *ohandlen;
} xfs_fsop_handlereq_t;

typedef struct xfs_fsid {
	__u32 val[2];
} xfs_fsid_t;

typedef struct xfs_fid {
	__u16 fid_len; /* bytes after this field */
	__u16 fid_pad;
	__u32 fid_gen;
	__u64 fid_ino;
} xfs_fid_t;

typedef struct xfs_handle {
	union {
		__s64 align;
		xfs_fsid_t _ha_fsid;
	} ha_u;
	xfs_fid_t ha_fid;
} xfs_handle_t;
#define ha_fsid ha_u._ha_fsid

#define XFS_IOC_PATH_TO_FSHANDLE _IOWR('X', 104, struct xfs_fsop_handlereq)
#define XFS_IOC_PATH_TO_HANDLE	 _IOWR('X', 105, struct xfs_fsop_handlereq)
#define XFS_IOC_FD_TO_HANDLE	 _IOWR('X', 106, struct xfs_fsop_handlereq)
#define XFS_IOC_OPEN_BY_HANDLE	 _IOWR('X', 107, struct xfs_fsop_handlereq)
#endif /* XFS_IOC_FD_TO_HANDLE */

/* ---- XFS_IOC_SCRUB_METADATA -------------------------------------------- */
#ifndef XFS_IOC_SCRUB_METADATA
struct xfs_scrub_metadata {
	__u32 sm_type;	/* XFS_SCRUB_TYPE_* */
	__u32 sm_flags; /* in: XFS_SCRUB_IFLAG_*; out: XFS_SCRUB_OFLAG_* */
	__u64 sm_ino;	/* inode, or metapath id for XFS_SCRUB_TYPE_METAPATH */
	__u32 sm_gen;
	__u32 sm_agno; /* AG or rtgroup */
	__u64 sm_reserved[5];
};

#define XFS_SCRUB_TYPE_PROBE	  0
#define XFS_SCRUB_TYPE_SB	  1
#define XFS_SCRUB_TYPE_AGF	  2
#define XFS_SCRUB_TYPE_AGFL	  3
#define XFS_SCRUB_TYPE_AGI	  4
#define XFS_SCRUB_TYPE_BNOBT	  5
#define XFS_SCRUB_TYPE_CNTBT	  6
#define XFS_SCRUB_TYPE_INOBT	  7
#define XFS_SCRUB_TYPE_FINOBT	  8
#define XFS_SCRUB_TYPE_RMAPBT	  9
#define XFS_SCRUB_TYPE_REFCNTBT	  10
#define XFS_SCRUB_TYPE_INODE	  11
#define XFS_SCRUB_TYPE_BMBTD	  12
#define XFS_SCRUB_TYPE_BMBTA	  13
#define XFS_SCRUB_TYPE_BMBTC	  14
#define XFS_SCRUB_TYPE_DIR	  15
#define XFS_SCRUB_TYPE_XATTR	  16
#define XFS_SCRUB_TYPE_SYMLINK	  17
#define XFS_SCRUB_TYPE_PARENT	  18
#define XFS_SCRUB_TYPE_RTBITMAP	  19
#define XFS_SCRUB_TYPE_RTSUM	  20
#define XFS_SCRUB_TYPE_UQUOTA	  21
#define XFS_SCRUB_TYPE_GQUOTA	  22
#define XFS_SCRUB_TYPE_PQUOTA	  23
#define XFS_SCRUB_TYPE_FSCOUNTERS 24

#define XFS_SCRUB_IFLAG_REPAIR		 (1u << 0)
#define XFS_SCRUB_OFLAG_CORRUPT		 (1u << 1)
#define XFS_SCRUB_OFLAG_PREEN		 (1u << 2)
#define XFS_SCRUB_OFLAG_XFAIL		 (1u << 3)
#define XFS_SCRUB_OFLAG_XCORRUPT	 (1u << 4)
#define XFS_SCRUB_OFLAG_INCOMPLETE	 (1u << 5)
#define XFS_SCRUB_OFLAG_WARNING		 (1u << 6)
#define XFS_SCRUB_OFLAG_NO_REPAIR_NEEDED (1u << 7)

#define XFS_SCRUB_FLAGS_OUT                                                    \
	(XFS_SCRUB_OFLAG_CORRUPT | XFS_SCRUB_OFLAG_PREEN |                     \
	 XFS_SCRUB_OFLAG_XFAIL | XFS_SCRUB_OFLAG_XCORRUPT |                    \
	 XFS_SCRUB_OFLAG_INCOMPLETE | XFS_SCRUB_OFLAG_WARNING |                \
	 XFS_SCRUB_OFLAG_NO_REPAIR_NEEDED)

#define XFS_IOC_SCRUB_METADATA _IOWR('X', 60, struct xfs_scrub_metadata)
#endif /* XFS_IOC_SCRUB_METADATA */

#ifndef XFS_SCRUB_TYPE_QUOTACHECK
#define XFS_SCRUB_TYPE_QUOTACHECK 25
#endif
#ifndef XFS_SCRUB_TYPE_NLINKS
#define XFS_SCRUB_TYPE_NLINKS 26
#endif
#ifndef XFS_SCRUB_TYPE_HEALTHY
#define XFS_SCRUB_TYPE_HEALTHY 27
#endif
#ifndef XFS_SCRUB_TYPE_DIRTREE
#define XFS_SCRUB_TYPE_DIRTREE 28
#endif
#ifndef XFS_SCRUB_TYPE_METAPATH
#define XFS_SCRUB_TYPE_METAPATH 29
#endif
#ifndef XFS_SCRUB_TYPE_RGSUPER
#define XFS_SCRUB_TYPE_RGSUPER 30
#endif
#ifndef XFS_SCRUB_TYPE_RTRMAPBT
#define XFS_SCRUB_TYPE_RTRMAPBT 31
#endif
#ifndef XFS_SCRUB_TYPE_RTREFCBT
#define XFS_SCRUB_TYPE_RTREFCBT 32
#endif

/* An older header counts fewer types; a newer one may count more. */
#if !defined(XFS_SCRUB_TYPE_NR) || XFS_SCRUB_TYPE_NR < 33
#undef XFS_SCRUB_TYPE_NR
#define XFS_SCRUB_TYPE_NR 33
#endif

#ifndef XFS_SCRUB_IFLAG_FORCE_REBUILD
#define XFS_SCRUB_IFLAG_FORCE_REBUILD (1u << 8)
#endif

/* Before 6.7 the input group lacked FORCE_REBUILD. */
#if !defined(XFS_SCRUB_FLAGS_IN) ||                                            \
	!(XFS_SCRUB_FLAGS_IN & XFS_SCRUB_IFLAG_FORCE_REBUILD)
#undef XFS_SCRUB_FLAGS_IN
#undef XFS_SCRUB_FLAGS_ALL
#define XFS_SCRUB_FLAGS_IN                                                     \
	(XFS_SCRUB_IFLAG_REPAIR | XFS_SCRUB_IFLAG_FORCE_REBUILD)
#endif
#ifndef XFS_SCRUB_FLAGS_ALL
#define XFS_SCRUB_FLAGS_ALL (XFS_SCRUB_FLAGS_IN | XFS_SCRUB_FLAGS_OUT)
#endif

/* sm_ino values for XFS_SCRUB_TYPE_METAPATH. */
#ifndef XFS_SCRUB_METAPATH_PROBE
#define XFS_SCRUB_METAPATH_PROBE (0)
#endif
#ifndef XFS_SCRUB_METAPATH_RTDIR
#define XFS_SCRUB_METAPATH_RTDIR (1)
#endif
#ifndef XFS_SCRUB_METAPATH_RTBITMAP
#define XFS_SCRUB_METAPATH_RTBITMAP (2)
#endif
#ifndef XFS_SCRUB_METAPATH_RTSUMMARY
#define XFS_SCRUB_METAPATH_RTSUMMARY (3)
#endif
#ifndef XFS_SCRUB_METAPATH_QUOTADIR
#define XFS_SCRUB_METAPATH_QUOTADIR (4)
#endif
#ifndef XFS_SCRUB_METAPATH_USRQUOTA
#define XFS_SCRUB_METAPATH_USRQUOTA (5)
#endif
#ifndef XFS_SCRUB_METAPATH_GRPQUOTA
#define XFS_SCRUB_METAPATH_GRPQUOTA (6)
#endif
#ifndef XFS_SCRUB_METAPATH_PRJQUOTA
#define XFS_SCRUB_METAPATH_PRJQUOTA (7)
#endif
#ifndef XFS_SCRUB_METAPATH_RTRMAPBT
#define XFS_SCRUB_METAPATH_RTRMAPBT (8)
#endif
#ifndef XFS_SCRUB_METAPATH_RTREFCOUNTBT
#define XFS_SCRUB_METAPATH_RTREFCOUNTBT (9)
#endif
#if !defined(XFS_SCRUB_METAPATH_NR) || XFS_SCRUB_METAPATH_NR < 10
#undef XFS_SCRUB_METAPATH_NR
#define XFS_SCRUB_METAPATH_NR (10)
#endif

/* ---- XFS_IOC_SCRUBV_METADATA (6.10) ------------------------------------ */
#ifndef XFS_IOC_SCRUBV_METADATA
struct xfs_scrub_vec {
	__u32 sv_type;	/* XFS_SCRUB_TYPE_* or XFS_SCRUB_TYPE_BARRIER */
	__u32 sv_flags; /* as sm_flags */
	__s32 sv_ret;	/* out: 0 or a negative errno */
	__u32 sv_reserved;
};

/* Every vector shares the head's object (ino/gen/agno). */
struct xfs_scrub_vec_head {
	__u64 svh_ino;
	__u32 svh_gen;
	__u32 svh_agno;
	__u32 svh_flags; /* none defined yet */
	__u16 svh_rest_us;
	__u16 svh_nr;
	__u64 svh_reserved;
	__u64 svh_vectors; /* user address of svh_nr struct xfs_scrub_vec */
};

/* Stops the vector if an earlier one failed or set one of its OFLAGs. */
#define XFS_SCRUB_TYPE_BARRIER (0xFFFFFFFF)

#define XFS_SCRUB_VEC_FLAGS_ALL (0)

#define XFS_IOC_SCRUBV_METADATA _IOWR('X', 64, struct xfs_scrub_vec_head)
#endif /* XFS_IOC_SCRUBV_METADATA */

/* ---- XFS_IOC_HEALTH_MONITOR (7.0) -------------------------------------- */
#ifndef XFS_IOC_HEALTH_MONITOR
struct xfs_health_monitor {
	__u64 flags;  /* XFS_HEALTH_MONITOR_* */
	__u8 format;  /* XFS_HEALTH_MONITOR_FMT_* */
	__u8 pad[23]; /* must be zero */
};

/* Report every health update, not only the changes. */
#define XFS_HEALTH_MONITOR_VERBOSE (1ULL << 0)
#define XFS_HEALTH_MONITOR_ALL	   (XFS_HEALTH_MONITOR_VERBOSE)

#define XFS_HEALTH_MONITOR_FMT_V0 (0)

#define XFS_HEALTH_MONITOR_DOMAIN_MOUNT	    (0)
#define XFS_HEALTH_MONITOR_DOMAIN_FS	    (1)
#define XFS_HEALTH_MONITOR_DOMAIN_AG	    (2)
#define XFS_HEALTH_MONITOR_DOMAIN_INODE	    (3)
#define XFS_HEALTH_MONITOR_DOMAIN_RTGROUP   (4)
#define XFS_HEALTH_MONITOR_DOMAIN_DATADEV   (5)
#define XFS_HEALTH_MONITOR_DOMAIN_RTDEV	    (6)
#define XFS_HEALTH_MONITOR_DOMAIN_LOGDEV    (7)
#define XFS_HEALTH_MONITOR_DOMAIN_FILERANGE (8)

#define XFS_HEALTH_MONITOR_TYPE_RUNNING	    (0)
#define XFS_HEALTH_MONITOR_TYPE_LOST	    (1)
#define XFS_HEALTH_MONITOR_TYPE_UNMOUNT	    (2)
#define XFS_HEALTH_MONITOR_TYPE_SICK	    (3) /* found at runtime */
#define XFS_HEALTH_MONITOR_TYPE_CORRUPT	    (4) /* found by scrub */
#define XFS_HEALTH_MONITOR_TYPE_HEALTHY	    (5)
#define XFS_HEALTH_MONITOR_TYPE_SHUTDOWN    (6)
#define XFS_HEALTH_MONITOR_TYPE_MEDIA_ERROR (7)
#define XFS_HEALTH_MONITOR_TYPE_BUFREAD	    (8)
#define XFS_HEALTH_MONITOR_TYPE_BUFWRITE    (9)
#define XFS_HEALTH_MONITOR_TYPE_DIOREAD	    (10)
#define XFS_HEALTH_MONITOR_TYPE_DIOWRITE    (11)
#define XFS_HEALTH_MONITOR_TYPE_DATALOST    (12)

#define XFS_HEALTH_SHUTDOWN_META_IO_ERROR  (1u << 0)
#define XFS_HEALTH_SHUTDOWN_LOG_IO_ERROR   (1u << 1)
#define XFS_HEALTH_SHUTDOWN_FORCE_UMOUNT   (1u << 2)
#define XFS_HEALTH_SHUTDOWN_CORRUPT_INCORE (1u << 3)
#define XFS_HEALTH_SHUTDOWN_CORRUPT_ONDISK (1u << 4)
#define XFS_HEALTH_SHUTDOWN_DEVICE_REMOVED (1u << 5)

/* Payloads; which one applies follows from the domain and the type. */
struct xfs_health_monitor_lost {
	__u64 count;
};

struct xfs_health_monitor_fs {
	__u32 mask; /* XFS_FSOP_GEOM_SICK_* */
};

struct xfs_health_monitor_group {
	__u32 mask; /* XFS_AG_GEOM_SICK_* or XFS_RTGROUP_GEOM_SICK_* */
	__u32 gno;
};

struct xfs_health_monitor_inode {
	__u32 mask; /* XFS_BS_SICK_* */
	__u32 gen;
	__u64 ino;
};

struct xfs_health_monitor_shutdown {
	__u32 reasons; /* XFS_HEALTH_SHUTDOWN_* */
};

struct xfs_health_monitor_media {
	__u64 daddr;   /* 512-byte units from the start of the device */
	__u64 bbcount; /* 512-byte units */
};

struct xfs_health_monitor_filerange {
	__u64 pos; /* bytes */
	__u64 len; /* bytes */
	__u64 ino;
	__u32 gen;
	__u32 error; /* positive errno */
};

/* One record of the monitor's read stream: always 64 bytes, host order. */
struct xfs_health_monitor_event {
	__u32 domain;  /* XFS_HEALTH_MONITOR_DOMAIN_* */
	__u32 type;    /* XFS_HEALTH_MONITOR_TYPE_* */
	__u64 time_ns; /* coarse CLOCK_REALTIME when queued */

	union {
		struct xfs_health_monitor_lost lost;
		struct xfs_health_monitor_fs fs;
		struct xfs_health_monitor_group group;
		struct xfs_health_monitor_inode inode;
		struct xfs_health_monitor_shutdown shutdown;
		struct xfs_health_monitor_media media;
		struct xfs_health_monitor_filerange filerange;
	} e;

	__u64 pad[2];
};

/* Issued on the fs root; returns a new fd.  On a monitor fd: reconfigure. */
#define XFS_IOC_HEALTH_MONITOR _IOW('X', 68, struct xfs_health_monitor)
#endif /* XFS_IOC_HEALTH_MONITOR */

/* ---- XFS_IOC_HEALTH_FD_ON_MONITORED_FS (7.0) --------------------------- */
#ifndef XFS_IOC_HEALTH_FD_ON_MONITORED_FS
/* Issued on a monitor fd: is @fd on the monitored filesystem? */
struct xfs_health_file_on_monitored_fs {
	__s32 fd;
	__u32 flags; /* must be zero */
};

#define XFS_IOC_HEALTH_FD_ON_MONITORED_FS                                      \
	_IOW('X', 69, struct xfs_health_file_on_monitored_fs)
#endif /* XFS_IOC_HEALTH_FD_ON_MONITORED_FS */

/* ---- XFS_IOC_VERIFY_MEDIA (7.0) ---------------------------------------- */
#ifndef XFS_IOC_VERIFY_MEDIA
struct xfs_verify_media {
	__u32 me_dev;	      /* enum xfs_device */
	__u32 me_flags;	      /* XFS_VERIFY_MEDIA_* */
	__u64 me_start_daddr; /* in/out: advanced past what was verified */
	__u64 me_end_daddr;   /* in/out: exclusive, clamped to the section */
	__u32 me_ioerror;     /* out: positive errno of a failure at start */
	__u32 me_max_io_size; /* bytes per read; 0 means 1 MiB */
	__u32 me_rest_us;     /* pause between reads */
	__u32 me_pad;
};

/* Report failures to healthmon and fsnotify. */
#define XFS_VERIFY_MEDIA_REPORT (1 << 0)
#define XFS_VERIFY_MEDIA_FLAGS	(XFS_VERIFY_MEDIA_REPORT)

#define XFS_IOC_VERIFY_MEDIA _IOWR('X', 70, struct xfs_verify_media)
#endif /* XFS_IOC_VERIFY_MEDIA */

/* ---- GETFSMAP owners (4.12) -------------------------------------------- */
#ifndef XFS_FMR_OWN_FREE
#define XFS_FMR_OWN_FREE      FMR_OWN_FREE	 /* free space */
#define XFS_FMR_OWN_UNKNOWN   FMR_OWN_UNKNOWN	 /* unknown owner */
#define XFS_FMR_OWN_FS	      FMR_OWNER('X', 1) /* static fs metadata */
#define XFS_FMR_OWN_LOG	      FMR_OWNER('X', 2) /* journalling log */
#define XFS_FMR_OWN_AG	      FMR_OWNER('X', 3) /* per-AG metadata */
#define XFS_FMR_OWN_INOBT     FMR_OWNER('X', 4) /* inode btree blocks */
#define XFS_FMR_OWN_INODES    FMR_OWNER('X', 5) /* inodes */
#define XFS_FMR_OWN_REFC      FMR_OWNER('X', 6) /* refcount tree */
#define XFS_FMR_OWN_COW	      FMR_OWNER('X', 7) /* cow staging */
#define XFS_FMR_OWN_DEFECTIVE FMR_OWNER('X', 8) /* bad blocks */
#endif

/* ---- XFS_IOC_GETPARENTS_BY_HANDLE (6.10) ------------------------------- */
#ifndef XFS_IOC_GETPARENTS_BY_HANDLE
struct xfs_attrlist_cursor {
	__u32 opaque[4];
};

/* The target was the root directory; the cursor reached the end. */
#define XFS_GETPARENTS_OFLAG_ROOT (1U << 0)
#define XFS_GETPARENTS_OFLAG_DONE (1U << 1)

/* One parent: its handle and the name in it; records are 8-byte aligned. */
struct xfs_getparents_rec {
	struct xfs_handle gpr_parent;
	__u32 gpr_reclen; /* bytes of the whole record */
	__u32 gpr_reserved;
	char gpr_name[]; /* NUL-terminated */
};

struct xfs_getparents {
	struct xfs_attrlist_cursor gp_cursor; /* zero, then left alone */
	__u16 gp_iflags;
	__u16 gp_oflags;   /* XFS_GETPARENTS_OFLAG_* */
	__u32 gp_bufsize;  /* bytes at gp_buffer */
	__u64 gp_reserved; /* must be zero */
	__u64 gp_buffer;   /* user address of the records */
};

/* Issued on a directory of the filesystem, for the file the handle names. */
struct xfs_getparents_by_handle {
	struct xfs_handle gph_handle;
	struct xfs_getparents gph_request;
};

#define XFS_IOC_GETPARENTS _IOWR('X', 62, struct xfs_getparents)
#define XFS_IOC_GETPARENTS_BY_HANDLE                                           \
	_IOWR('X', 63, struct xfs_getparents_by_handle)

_Static_assert(sizeof(struct xfs_getparents_rec) == 32, "getparents_rec");
_Static_assert(sizeof(struct xfs_getparents) == 40, "getparents");
_Static_assert(sizeof(struct xfs_getparents_by_handle) == 64,
	       "getparents_by_handle");
#if _IOC_SIZEBITS == 14 && _IOC_WRITE == 1U && _IOC_READ == 2U
_Static_assert(XFS_IOC_GETPARENTS_BY_HANDLE == 0xc040583f,
	       "GETPARENTS_BY_HANDLE");
#endif
#endif /* XFS_IOC_GETPARENTS_BY_HANDLE */

/* ---- mounts by unique id: statx, statmount, listmount (6.8) ------------ */
/*
 * Not XFS, but xfs_healthd needs them and Debian 12's <linux/mount.h> (6.1)
 * lacks them.  Layouts are <linux/mount.h>'s as of 6.11.  A file that uses
 * these must not include <sys/mount.h> or <linux/mount.h> before this
 * header: a 6.8-6.10 system header has a shorter struct statmount.
 */
#ifndef STATX_MNT_ID_UNIQUE
#define STATX_MNT_ID_UNIQUE 0x00004000U /* stx_mnt_id is the 64-bit id */
#endif

/* The same numbers in x86-64's table and the generic one (arm64, riscv). */
#if !defined(__NR_statmount) && (defined(__x86_64__) || defined(__aarch64__))
#define __NR_statmount 457
#define __NR_listmount 458
#endif

#ifndef STATMOUNT_SB_BASIC
/* statmount's answer; strings are offsets into str[]. */
struct statmount {
	__u32 size;	/* bytes written, strings included */
	__u32 mnt_opts; /* [str] */
	__u64 mask;	/* STATMOUNT_* that were filled in */
	__u32 sb_dev_major;
	__u32 sb_dev_minor;
	__u64 sb_magic;
	__u32 sb_flags;
	__u32 fs_type; /* [str] */
	__u64 mnt_id;  /* unique id */
	__u64 mnt_parent_id;
	__u32 mnt_id_old; /* the reused id of /proc/.../mountinfo */
	__u32 mnt_parent_id_old;
	__u64 mnt_attr; /* MOUNT_ATTR_* */
	__u64 mnt_propagation;
	__u64 mnt_peer_group;
	__u64 mnt_master;
	__u64 propagate_from;
	__u32 mnt_root;	 /* [str] the mounted directory, relative to the fs */
	__u32 mnt_point; /* [str] where, relative to our root */
	__u64 mnt_ns_id;
	__u32 fs_subtype; /* [str] */
	__u32 sb_source;  /* [str] the device, as mounted */
	__u32 opt_num;
	__u32 opt_array; /* [str] */
	__u32 opt_sec_num;
	__u32 opt_sec_array; /* [str] */
	__u64 supported_mask;
	__u32 mnt_uidmap_num;
	__u32 mnt_uidmap; /* [str] */
	__u32 mnt_gidmap_num;
	__u32 mnt_gidmap; /* [str] */
	__u64 __spare2[43];
	char str[];
};

/* Both calls' request: param is statmount's mask, listmount's last id. */
struct mnt_id_req {
	__u32 size; /* MNT_ID_REQ_SIZE_VER* */
	__u32 mnt_ns_fd;
	__u64 mnt_id;
	__u64 param;
	__u64 mnt_ns_id; /* VER1 */
};

#define MNT_ID_REQ_SIZE_VER0 24
#define MNT_ID_REQ_SIZE_VER1 32

#define STATMOUNT_SB_BASIC	 0x00000001U
#define STATMOUNT_MNT_BASIC	 0x00000002U
#define STATMOUNT_PROPAGATE_FROM 0x00000004U
#define STATMOUNT_MNT_ROOT	 0x00000008U
#define STATMOUNT_MNT_POINT	 0x00000010U
#define STATMOUNT_FS_TYPE	 0x00000020U

/* listmount from the root of the mount namespace. */
#define LSMT_ROOT 0xffffffffffffffffULL

_Static_assert(sizeof(struct statmount) == 512, "statmount");
_Static_assert(offsetof(struct statmount, fs_type) == 36, "fs_type");
_Static_assert(offsetof(struct statmount, mnt_id) == 40, "mnt_id");
_Static_assert(offsetof(struct statmount, mnt_root) == 104, "mnt_root");
_Static_assert(offsetof(struct statmount, mnt_point) == 108, "mnt_point");
_Static_assert(offsetof(struct statmount, mnt_ns_id) == 112, "mnt_ns_id");
_Static_assert(offsetof(struct statmount, sb_source) == 124, "sb_source");
_Static_assert(sizeof(struct mnt_id_req) == MNT_ID_REQ_SIZE_VER1, "mnt_id_req");
_Static_assert(offsetof(struct mnt_id_req, mnt_ns_id) == MNT_ID_REQ_SIZE_VER0,
	       "mnt_id_req VER0");
#endif /* STATMOUNT_SB_BASIC */

#ifndef MOUNT_ATTR_RDONLY
#define MOUNT_ATTR_RDONLY 0x00000001 /* statmount's mnt_attr */
#endif

#ifndef STATMOUNT_MNT_NS_ID
#define STATMOUNT_MNT_NS_ID 0x00000040U
#endif
#ifndef STATMOUNT_MNT_OPTS
#define STATMOUNT_MNT_OPTS 0x00000080U
#endif
#ifndef STATMOUNT_FS_SUBTYPE
#define STATMOUNT_FS_SUBTYPE 0x00000100U
#endif
#ifndef STATMOUNT_SB_SOURCE
#define STATMOUNT_SB_SOURCE 0x00000200U
#endif

/* ---- fanotify mount events (6.14) -------------------------------------- */
#include <linux/fanotify.h>

#ifndef FAN_REPORT_MNT
#define FAN_REPORT_MNT 0x00004000 /* fanotify_init: mount events only */
#endif
#ifndef FAN_MARK_MNTNS
#define FAN_MARK_MNTNS 0x00000110 /* fanotify_mark's dirfd is a mount ns */
#endif
#ifndef FAN_MNT_ATTACH
#define FAN_MNT_ATTACH 0x01000000
#endif
#ifndef FAN_MNT_DETACH
#define FAN_MNT_DETACH 0x02000000
#endif
#ifndef FAN_EVENT_INFO_TYPE_MNT
#define FAN_EVENT_INFO_TYPE_MNT 7

/* Follows the metadata of a mount event (whose fd is FAN_NOFD). */
struct fanotify_event_info_mnt {
	struct fanotify_event_info_header hdr;
	__u64 mnt_id; /* unique id, as statmount and listmount use */
};

#if defined(__x86_64__) || defined(__aarch64__)
_Static_assert(sizeof(struct fanotify_event_info_mnt) == 16, "info_mnt");
_Static_assert(offsetof(struct fanotify_event_info_mnt, mnt_id) == 8,
	       "info_mnt mnt_id");
#endif
#endif /* FAN_EVENT_INFO_TYPE_MNT */

/* ---- layout checks (section I of the reference) ------------------------ */
_Static_assert(sizeof(struct xfs_health_monitor) == 32, "health_monitor");
_Static_assert(sizeof(struct xfs_health_monitor_event) == 64, "event");
_Static_assert(sizeof(struct xfs_health_file_on_monitored_fs) == 8,
	       "file_on_monitored_fs");
_Static_assert(sizeof(struct xfs_verify_media) == 40, "verify_media");
_Static_assert(sizeof(struct xfs_scrub_metadata) == 64, "scrub_metadata");
_Static_assert(sizeof(struct xfs_scrub_vec) == 16, "scrub_vec");
_Static_assert(sizeof(struct xfs_scrub_vec_head) == 40, "scrub_vec_head");
_Static_assert(sizeof(struct xfs_fsop_geom) == 256, "fsop_geom");
_Static_assert(sizeof(struct xfs_ag_geometry) == 128, "ag_geometry");
_Static_assert(sizeof(struct xfs_rtgroup_geometry) == 128, "rtgroup_geometry");
_Static_assert(sizeof(struct xfs_bulkstat) == 192, "bulkstat");
_Static_assert(sizeof(struct xfs_bulk_ireq) == 64, "bulk_ireq");
_Static_assert(sizeof(struct xfs_fid) == 16, "fid");
_Static_assert(sizeof(struct xfs_handle) == 24, "handle");

/* The VFS's filesystem UUID call (Linux 6.9; older headers lack it). */
#ifndef FS_IOC_GETFSUUID
struct fsuuid2 {
	__u8 len;
	__u8 uuid[16];
};
#define FS_IOC_GETFSUUID _IOR(0x15, 0, struct fsuuid2)
#endif
_Static_assert(sizeof(struct fsuuid2) == 17, "fsuuid2");

/* Request codes as encoded by the generic _IOC (x86-64, arm64, ...). */
#if _IOC_NRBITS == 8 && _IOC_TYPEBITS == 8 && _IOC_SIZEBITS == 14 &&           \
	_IOC_WRITE == 1U && _IOC_READ == 2U
_Static_assert(XFS_IOC_HEALTH_MONITOR == 0x40205844, "HEALTH_MONITOR");
_Static_assert(XFS_IOC_HEALTH_FD_ON_MONITORED_FS == 0x40085845,
	       "HEALTH_FD_ON_MONITORED_FS");
_Static_assert(XFS_IOC_VERIFY_MEDIA == 0xc0285846, "VERIFY_MEDIA");
_Static_assert(XFS_IOC_SCRUB_METADATA == 0xc040583c, "SCRUB_METADATA");
_Static_assert(XFS_IOC_SCRUBV_METADATA == 0xc0285840, "SCRUBV_METADATA");
_Static_assert(XFS_IOC_FSGEOMETRY == 0x8100587e, "FSGEOMETRY");
_Static_assert(XFS_IOC_AG_GEOMETRY == 0xc080583d, "AG_GEOMETRY");
_Static_assert(XFS_IOC_RTGROUP_GEOMETRY == 0xc0805841, "RTGROUP_GEOMETRY");
_Static_assert(XFS_IOC_BULKSTAT == 0x8040587f, "BULKSTAT");
_Static_assert(FS_IOC_GETFSUUID == 0x80111500, "GETFSUUID");
#if __SIZEOF_POINTER__ == 8
_Static_assert(sizeof(struct xfs_fsop_handlereq) == 56, "fsop_handlereq");
_Static_assert(XFS_IOC_FD_TO_HANDLE == 0xc038586a, "FD_TO_HANDLE");
_Static_assert(XFS_IOC_OPEN_BY_HANDLE == 0xc038586b, "OPEN_BY_HANDLE");
#endif
#endif

#endif /* XFS_HEALTH_ABI_H */
