// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * What each domain and each type of the health monitor's events is: its
 * name, its kind and the object it names (objects.c has the objects), one
 * entry apiece, read by the decoder, both renderers, the repair planner,
 * the pending set and the daemon.  A domain or type missing here is one
 * the kernel may send but we cannot name; it renders as raw numbers
 * (doc/output-format.md).  Adding one: doc/design.md, "How to add".
 */
#include "internal.h"
#include "xfs_health_abi.h"

/* healthmon's tokens (upstream's words), in value order. */
static const struct hl_name domain_names[] = {
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
HL_NAME_TABLE(domain_table, "event domain", HL_TABLE_VALUES, domain_names);

/* clang-format off */
#define DOMAIN(d, k, o)                                                        \
	[XFS_HEALTH_MONITOR_DOMAIN_##d] = {                                    \
		.value = XFS_HEALTH_MONITOR_DOMAIN_##d, .kind = (k), .object = (o) \
	}
/* clang-format on */

/* Mount and device events name the mount point alone: HL_OBJECT_FS. */
const struct hl_domain hl_domain_table[] = {
	DOMAIN(MOUNT, HL_DOMAIN_MOUNT, HL_OBJECT_FS),
	DOMAIN(FS, HL_DOMAIN_HEALTH, HL_OBJECT_FS),
	DOMAIN(AG, HL_DOMAIN_HEALTH, HL_OBJECT_AG),
	DOMAIN(INODE, HL_DOMAIN_HEALTH, HL_OBJECT_INODE),
	DOMAIN(RTGROUP, HL_DOMAIN_HEALTH, HL_OBJECT_RTGROUP),
	DOMAIN(DATADEV, HL_DOMAIN_MEDIA, HL_OBJECT_FS),
	DOMAIN(RTDEV, HL_DOMAIN_MEDIA, HL_OBJECT_FS),
	DOMAIN(LOGDEV, HL_DOMAIN_MEDIA, HL_OBJECT_FS),
	DOMAIN(FILERANGE, HL_DOMAIN_FILE, HL_OBJECT_INODE),
};
#undef DOMAIN
_Static_assert(ARRAY_SIZE(hl_domain_table) == ARRAY_SIZE(domain_names),
	       "every event domain has a descriptor and a name");

/* The file I/O names are upstream's; DATALOST prints as "media". */
static const struct hl_name type_names[] = {
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
HL_NAME_TABLE(type_table, "event type", HL_TABLE_VALUES, type_names);

#define TYPE(t, k, p)                                                          \
	[XFS_HEALTH_MONITOR_TYPE_##t] = {XFS_HEALTH_MONITOR_TYPE_##t, (k), (p)}

/* Only the mount domain's payload depends on the type. */
const struct hl_event_type hl_event_type_table[] = {
	TYPE(RUNNING, HL_DOMAIN_MOUNT, HL_PAYLOAD_NONE),
	TYPE(LOST, HL_DOMAIN_MOUNT, HL_PAYLOAD_LOST),
	TYPE(UNMOUNT, HL_DOMAIN_MOUNT, HL_PAYLOAD_NONE),
	TYPE(SICK, HL_DOMAIN_HEALTH, HL_PAYLOAD_HEALTH),
	TYPE(CORRUPT, HL_DOMAIN_HEALTH, HL_PAYLOAD_HEALTH),
	TYPE(HEALTHY, HL_DOMAIN_HEALTH, HL_PAYLOAD_HEALTH),
	TYPE(SHUTDOWN, HL_DOMAIN_MOUNT, HL_PAYLOAD_SHUTDOWN),
	TYPE(MEDIA_ERROR, HL_DOMAIN_MEDIA, HL_PAYLOAD_MEDIA),
	TYPE(BUFREAD, HL_DOMAIN_FILE, HL_PAYLOAD_FILERANGE),
	TYPE(BUFWRITE, HL_DOMAIN_FILE, HL_PAYLOAD_FILERANGE),
	TYPE(DIOREAD, HL_DOMAIN_FILE, HL_PAYLOAD_FILERANGE),
	TYPE(DIOWRITE, HL_DOMAIN_FILE, HL_PAYLOAD_FILERANGE),
	TYPE(DATALOST, HL_DOMAIN_FILE, HL_PAYLOAD_FILERANGE),
};
#undef TYPE
_Static_assert(ARRAY_SIZE(hl_event_type_table) == ARRAY_SIZE(type_names),
	       "every event type has a descriptor and a name");

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

const size_t hl_domain_table_nr = ARRAY_SIZE(hl_domain_table);
const size_t hl_event_type_table_nr = ARRAY_SIZE(hl_event_type_table);

const struct hl_name_table *
hl_domain_mask_names(uint32_t domain)
{
	const struct hl_domain *d = hl_domain_of(domain);

	if (!d || d->kind != HL_DOMAIN_HEALTH)
		return NULL;
	return hl_object_of(d->object)->mask;
}
