// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The kernel calls that more than one command makes, each written once:
 * the geometry, one media verification, opening a health monitor (and why
 * the kernel said no), one scrub or repair call (single or vectored), the
 * probes that ask whether a kernel has scrub, repair or vectored scrub at
 * all, and the inode listings (bulkstat, inumbers).
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>

#include "internal.h"
#include "mounts.h"
#include "xfs_health_abi.h"

int
hl_fs_geometry(int fd, struct xfs_fsop_geom *geo)
{
	return ioctl(fd, XFS_IOC_FSGEOMETRY, geo) < 0 ? -errno : 0;
}

int
hl_uuid_format(const unsigned char *b, char *buf, size_t len)
{
	if (snprintf(buf, len,
		     "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-"
		     "%02x%02x%02x%02x%02x%02x",
		     b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9],
		     b[10], b[11], b[12], b[13], b[14], b[15]) >= (int)len)
		return -ENOSPC;
	return 0;
}

int
hl_fs_uuid(int fd, char *buf, size_t len)
{
	struct fsuuid2 u = {0};

	if (ioctl(fd, FS_IOC_GETFSUUID, &u) < 0)
		return -errno;
	if (u.len != sizeof(u.uuid))
		return -EOPNOTSUPP;
	return hl_uuid_format(u.uuid, buf, len);
}

int
hl_ag_geometry(int fd, uint32_t agno, struct xfs_ag_geometry *ag)
{
	*ag = (struct xfs_ag_geometry){.ag_number = agno};
	return ioctl(fd, XFS_IOC_AG_GEOMETRY, ag) < 0 ? -errno : 0;
}

int
hl_rtgroup_geometry(int fd, uint32_t rgno, struct xfs_rtgroup_geometry *rg)
{
	*rg = (struct xfs_rtgroup_geometry){.rg_number = rgno};
	return ioctl(fd, XFS_IOC_RTGROUP_GEOMETRY, rg) < 0 ? -errno : 0;
}

int
hl_verify_media(int fd, struct xfs_verify_media *vm)
{
	return ioctl(fd, XFS_IOC_VERIFY_MEDIA, vm) < 0 ? -errno : 0;
}

int
hl_monitor_open(int fd, bool verbose)
{
	struct xfs_health_monitor hm = {
		.flags = verbose ? XFS_HEALTH_MONITOR_VERBOSE : 0,
		.format = XFS_HEALTH_MONITOR_FMT_V0,
	};
	int mon = ioctl(fd, XFS_IOC_HEALTH_MONITOR, &hm);

	return mon < 0 ? -errno : mon;
}

/* Is @fd on a bind mount of a directory inside its filesystem? */
static bool
mount_is_subtree(int fd)
{
	struct hl_mount_info mi;
	uint64_t id;
	bool subtree;

	if (hl_mount_id_of_fd(fd, &id) || hl_mount_stat(id, &mi))
		return false;
	subtree = strcmp(mi.mnt_root, "/") != 0;
	hl_mount_info_free(&mi);
	return subtree;
}

const char *
hl_monitor_hint(int err, int fd)
{
	struct statx stx;

	switch (err) {
	case ENOTTY:
	case EOPNOTSUPP:
		return "this kernel has no XFS health monitor; Linux 7.0 or later is needed";
	case EEXIST:
		return "monitoring is already active on this filesystem";
	case EPERM:
		if (statx(fd, "", AT_EMPTY_PATH, STATX_BASIC_STATS, &stx) == 0 &&
		    (stx.stx_attributes_mask & STATX_ATTR_MOUNT_ROOT)) {
			if (!(stx.stx_attributes & STATX_ATTR_MOUNT_ROOT))
				return "the monitor must be opened on the filesystem's root directory";
			/* The root of a mount, but of a bind mount. */
			if (mount_is_subtree(fd))
				return "the monitor must be opened on the filesystem's root directory, not on a bind mount of a directory inside it";
		}
		return "CAP_SYS_ADMIN in the initial user namespace is needed";
	default:
		return NULL;
	}
}

int
hl_scrub_metadata(int fd, const struct hl_scrub_request *req, uint32_t *flags)
{
	struct xfs_scrub_metadata sm = {
		.sm_flags = *flags,
		.sm_ino = req->ino,
		.sm_gen = req->gen,
		.sm_agno = req->agno,
	};

	if (!req->type)
		return -EINVAL;
	sm.sm_type = req->type->type;
	if (ioctl(fd, XFS_IOC_SCRUB_METADATA, &sm) < 0)
		return -errno;
	*flags = sm.sm_flags;
	return 0;
}

int
hl_scrub_probe(int fd, bool repair)
{
	struct hl_scrub_request req = {
		.type = hl_scrub_type_by_value(XFS_SCRUB_TYPE_PROBE),
	};
	uint32_t flags = repair ? XFS_SCRUB_IFLAG_REPAIR : 0;

	return hl_scrub_metadata(fd, &req, &flags);
}

/* A vector head with no vectors returns at once on kernels that have it. */
int
hl_scrubv_probe(int fd)
{
	struct xfs_scrub_vec_head head = {.svh_nr = 0};

	return hl_scrubv(fd, &head);
}

int
hl_scrubv(int fd, struct xfs_scrub_vec_head *head)
{
	return ioctl(fd, XFS_IOC_SCRUBV_METADATA, head) < 0 ? -errno : 0;
}

int
hl_bulkstat(int fd, struct xfs_bulkstat_req *req)
{
	return ioctl(fd, XFS_IOC_BULKSTAT, req) < 0 ? -errno : 0;
}

/* Bulkstat returns the first inode at or after the one asked for. */
int
hl_bulkstat_one(int fd, uint64_t ino, struct xfs_bulkstat *bs)
{
	struct {
		struct xfs_bulk_ireq hdr;
		struct xfs_bulkstat bs;
	} req = {.hdr = {.ino = ino, .icount = 1}};
	int error = hl_bulkstat(fd, (struct xfs_bulkstat_req *)&req);

	if (error)
		return error;
	if (req.hdr.ocount != 1 || req.bs.bs_ino != ino)
		return -ENOENT;
	*bs = req.bs;
	return 0;
}

int
hl_inumbers(int fd, struct xfs_inumbers_req *req)
{
	return ioctl(fd, XFS_IOC_INUMBERS, req) < 0 ? -errno : 0;
}
