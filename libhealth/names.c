// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Tokens for the health monitor's event fields.  The strings are the ones
 * upstream xfs_io and xfs_healer print, so output stays comparable.
 */
#include "internal.h"
#include "xfs_health_abi.h"

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
hl_shutdown_names(void)
{
	return &shutdown_table;
}

const struct hl_name_table *
hl_device_names(void)
{
	return &device_table;
}
