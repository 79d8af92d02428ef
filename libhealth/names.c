// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Tokens for the health monitor's event fields.  The strings are the ones
 * upstream xfs_io and xfs_healer print, so output stays comparable.
 */
#include "internal.h"
#include "xfs_health_abi.h"

static const struct hl_name domains[] = {
	{XFS_HEALTH_MONITOR_DOMAIN_MOUNT, "mount"},
	{XFS_HEALTH_MONITOR_DOMAIN_FS, "fs"},
	{XFS_HEALTH_MONITOR_DOMAIN_AG, "ag"},
	{XFS_HEALTH_MONITOR_DOMAIN_INODE, "inode"},
	{XFS_HEALTH_MONITOR_DOMAIN_RTGROUP, "rtgroup"},
	{XFS_HEALTH_MONITOR_DOMAIN_DATADEV, "datadev"},
	{XFS_HEALTH_MONITOR_DOMAIN_RTDEV, "rtdev"},
	{XFS_HEALTH_MONITOR_DOMAIN_LOGDEV, "logdev"},
	{XFS_HEALTH_MONITOR_DOMAIN_FILERANGE, "filerange"},
};
HL_NAME_TABLE(domain_table, "event domain", HL_TABLE_VALUES, domains);

/* The file I/O names are upstream's; DATALOST prints as "media". */
static const struct hl_name types[] = {
	{XFS_HEALTH_MONITOR_TYPE_RUNNING, "running"},
	{XFS_HEALTH_MONITOR_TYPE_LOST, "lost"},
	{XFS_HEALTH_MONITOR_TYPE_UNMOUNT, "unmount"},
	{XFS_HEALTH_MONITOR_TYPE_SICK, "sick"},
	{XFS_HEALTH_MONITOR_TYPE_CORRUPT, "corrupt"},
	{XFS_HEALTH_MONITOR_TYPE_HEALTHY, "healthy"},
	{XFS_HEALTH_MONITOR_TYPE_SHUTDOWN, "shutdown"},
	{XFS_HEALTH_MONITOR_TYPE_MEDIA_ERROR, "media_error"},
	{XFS_HEALTH_MONITOR_TYPE_BUFREAD, "buffered_read"},
	{XFS_HEALTH_MONITOR_TYPE_BUFWRITE, "buffered_write"},
	{XFS_HEALTH_MONITOR_TYPE_DIOREAD, "directio_read"},
	{XFS_HEALTH_MONITOR_TYPE_DIOWRITE, "directio_write"},
	{XFS_HEALTH_MONITOR_TYPE_DATALOST, "media"},
};
HL_NAME_TABLE(type_table, "event type", HL_TABLE_VALUES, types);

/* RT_BITMAP/RT_SUMMARY never reach the FS domain, but decoders name them. */
static const struct hl_name fs_mask[] = {
	{XFS_FSOP_GEOM_SICK_COUNTERS, "fscounters"},
	{XFS_FSOP_GEOM_SICK_UQUOTA, "usrquota"},
	{XFS_FSOP_GEOM_SICK_GQUOTA, "grpquota"},
	{XFS_FSOP_GEOM_SICK_PQUOTA, "prjquota"},
	{XFS_FSOP_GEOM_SICK_RT_BITMAP, "bitmap"},
	{XFS_FSOP_GEOM_SICK_RT_SUMMARY, "summary"},
	{XFS_FSOP_GEOM_SICK_QUOTACHECK, "quotacheck"},
	{XFS_FSOP_GEOM_SICK_NLINKS, "nlinks"},
	{XFS_FSOP_GEOM_SICK_METADIR, "metadir"},
	{XFS_FSOP_GEOM_SICK_METAPATH, "metapath"},
};
HL_NAME_TABLE(fs_mask_table, "fs health", HL_TABLE_BITS, fs_mask);

static const struct hl_name ag_mask[] = {
	{XFS_AG_GEOM_SICK_SB, "super"},
	{XFS_AG_GEOM_SICK_AGF, "agf"},
	{XFS_AG_GEOM_SICK_AGFL, "agfl"},
	{XFS_AG_GEOM_SICK_AGI, "agi"},
	{XFS_AG_GEOM_SICK_BNOBT, "bnobt"},
	{XFS_AG_GEOM_SICK_CNTBT, "cntbt"},
	{XFS_AG_GEOM_SICK_INOBT, "inobt"},
	{XFS_AG_GEOM_SICK_FINOBT, "finobt"},
	{XFS_AG_GEOM_SICK_RMAPBT, "rmapbt"},
	{XFS_AG_GEOM_SICK_REFCNTBT, "refcountbt"},
	{XFS_AG_GEOM_SICK_INODES, "inodes"},
};
HL_NAME_TABLE(ag_mask_table, "AG health", HL_TABLE_BITS, ag_mask);

static const struct hl_name rtgroup_mask[] = {
	{XFS_RTGROUP_GEOM_SICK_SUPER, "super"},
	{XFS_RTGROUP_GEOM_SICK_BITMAP, "bitmap"},
	{XFS_RTGROUP_GEOM_SICK_SUMMARY, "summary"},
	{XFS_RTGROUP_GEOM_SICK_RMAPBT, "rmapbt"},
	{XFS_RTGROUP_GEOM_SICK_REFCNTBT, "refcountbt"},
};
HL_NAME_TABLE(rtgroup_mask_table, "rtgroup health", HL_TABLE_BITS,
	      rtgroup_mask);

static const struct hl_name inode_mask[] = {
	{XFS_BS_SICK_INODE, "core"},	  {XFS_BS_SICK_BMBTD, "datafork"},
	{XFS_BS_SICK_BMBTA, "attrfork"},  {XFS_BS_SICK_BMBTC, "cowfork"},
	{XFS_BS_SICK_DIR, "directory"},	  {XFS_BS_SICK_XATTR, "xattr"},
	{XFS_BS_SICK_SYMLINK, "symlink"}, {XFS_BS_SICK_PARENT, "parent"},
	{XFS_BS_SICK_DIRTREE, "dirtree"},
};
HL_NAME_TABLE(inode_mask_table, "inode health", HL_TABLE_BITS, inode_mask);

static const struct hl_name shutdown_reasons[] = {
	{XFS_HEALTH_SHUTDOWN_META_IO_ERROR, "metadata I/O error"},
	{XFS_HEALTH_SHUTDOWN_LOG_IO_ERROR, "log I/O error"},
	{XFS_HEALTH_SHUTDOWN_FORCE_UMOUNT, "forced unmount"},
	{XFS_HEALTH_SHUTDOWN_CORRUPT_INCORE, "in-memory state corruption"},
	{XFS_HEALTH_SHUTDOWN_CORRUPT_ONDISK, "ondisk metadata corruption"},
	{XFS_HEALTH_SHUTDOWN_DEVICE_REMOVED, "device removed"},
};
HL_NAME_TABLE(shutdown_table, "shutdown reason", HL_TABLE_BITS,
	      shutdown_reasons);

/* Same tokens as the matching healthmon device domains. */
static const struct hl_name devices[] = {
	{XFS_DEV_DATA, "datadev"},
	{XFS_DEV_LOG, "logdev"},
	{XFS_DEV_RT, "rtdev"},
};
HL_NAME_TABLE(device_table, "device", HL_TABLE_VALUES, devices);

const struct hl_name_table *
hl_domain_names(void)
{
	return &domain_table;
}

const struct hl_name_table *
hl_type_names(void)
{
	return &type_table;
}

const struct hl_name_table *
hl_fs_mask_names(void)
{
	return &fs_mask_table;
}

const struct hl_name_table *
hl_ag_mask_names(void)
{
	return &ag_mask_table;
}

const struct hl_name_table *
hl_rtgroup_mask_names(void)
{
	return &rtgroup_mask_table;
}

const struct hl_name_table *
hl_inode_mask_names(void)
{
	return &inode_mask_table;
}

const struct hl_name_table *
hl_shutdown_names(void)
{
	return &shutdown_table;
}

const struct hl_name_table *
hl_device_names(void)
{
	return &device_table;
}

const struct hl_name_table *
hl_domain_mask_names(uint32_t domain)
{
	switch (domain) {
	case XFS_HEALTH_MONITOR_DOMAIN_FS:
		return &fs_mask_table;
	case XFS_HEALTH_MONITOR_DOMAIN_AG:
		return &ag_mask_table;
	case XFS_HEALTH_MONITOR_DOMAIN_INODE:
		return &inode_mask_table;
	case XFS_HEALTH_MONITOR_DOMAIN_RTGROUP:
		return &rtgroup_mask_table;
	default:
		return NULL;
	}
}
