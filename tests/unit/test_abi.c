// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Field offsets of the ABI structs against the reference (A.2, A.6, B.1, C,
 * D.1).  Sizes and request codes are checked at compile time in the header.
 */
#include <stddef.h>
#include <string.h>

#include "unit.h"
#include "xfs_health_abi.h"

#define OFF(type, field) offsetof(struct type, field)

static void
test_event_record(void)
{
	CU_ASSERT_EQUAL(sizeof(struct xfs_health_monitor_event), 64);
	CU_ASSERT_EQUAL(OFF(xfs_health_monitor_event, domain), 0);
	CU_ASSERT_EQUAL(OFF(xfs_health_monitor_event, type), 4);
	CU_ASSERT_EQUAL(OFF(xfs_health_monitor_event, time_ns), 8);
	CU_ASSERT_EQUAL(OFF(xfs_health_monitor_event, e), 16);
	CU_ASSERT_EQUAL(OFF(xfs_health_monitor_event, pad), 48);
	CU_ASSERT_EQUAL(sizeof(((struct xfs_health_monitor_event *)0)->e), 32);
}

static void
test_event_union(void)
{
	CU_ASSERT_EQUAL(OFF(xfs_health_monitor_event, e.lost.count), 16);
	CU_ASSERT_EQUAL(OFF(xfs_health_monitor_event, e.fs.mask), 16);
	CU_ASSERT_EQUAL(OFF(xfs_health_monitor_event, e.group.mask), 16);
	CU_ASSERT_EQUAL(OFF(xfs_health_monitor_event, e.group.gno), 20);
	CU_ASSERT_EQUAL(OFF(xfs_health_monitor_event, e.inode.mask), 16);
	CU_ASSERT_EQUAL(OFF(xfs_health_monitor_event, e.inode.gen), 20);
	CU_ASSERT_EQUAL(OFF(xfs_health_monitor_event, e.inode.ino), 24);
	CU_ASSERT_EQUAL(OFF(xfs_health_monitor_event, e.shutdown.reasons), 16);
	CU_ASSERT_EQUAL(OFF(xfs_health_monitor_event, e.media.daddr), 16);
	CU_ASSERT_EQUAL(OFF(xfs_health_monitor_event, e.media.bbcount), 24);
	CU_ASSERT_EQUAL(OFF(xfs_health_monitor_event, e.filerange.pos), 16);
	CU_ASSERT_EQUAL(OFF(xfs_health_monitor_event, e.filerange.len), 24);
	CU_ASSERT_EQUAL(OFF(xfs_health_monitor_event, e.filerange.ino), 32);
	CU_ASSERT_EQUAL(OFF(xfs_health_monitor_event, e.filerange.gen), 40);
	CU_ASSERT_EQUAL(OFF(xfs_health_monitor_event, e.filerange.error), 44);
}

static void
test_monitor_args(void)
{
	CU_ASSERT_EQUAL(OFF(xfs_health_monitor, flags), 0);
	CU_ASSERT_EQUAL(OFF(xfs_health_monitor, format), 8);
	CU_ASSERT_EQUAL(OFF(xfs_health_monitor, pad), 9);
	CU_ASSERT_EQUAL(sizeof(((struct xfs_health_monitor *)0)->pad), 23);
	CU_ASSERT_EQUAL(OFF(xfs_health_file_on_monitored_fs, fd), 0);
	CU_ASSERT_EQUAL(OFF(xfs_health_file_on_monitored_fs, flags), 4);
	CU_ASSERT_EQUAL(XFS_HEALTH_MONITOR_VERBOSE, 1);
	CU_ASSERT_EQUAL(XFS_HEALTH_MONITOR_ALL, 1);
	CU_ASSERT_EQUAL(XFS_HEALTH_MONITOR_FMT_V0, 0);
}

static void
test_verify_media(void)
{
	CU_ASSERT_EQUAL(OFF(xfs_verify_media, me_dev), 0);
	CU_ASSERT_EQUAL(OFF(xfs_verify_media, me_flags), 4);
	CU_ASSERT_EQUAL(OFF(xfs_verify_media, me_start_daddr), 8);
	CU_ASSERT_EQUAL(OFF(xfs_verify_media, me_end_daddr), 16);
	CU_ASSERT_EQUAL(OFF(xfs_verify_media, me_ioerror), 24);
	CU_ASSERT_EQUAL(OFF(xfs_verify_media, me_max_io_size), 28);
	CU_ASSERT_EQUAL(OFF(xfs_verify_media, me_rest_us), 32);
	CU_ASSERT_EQUAL(OFF(xfs_verify_media, me_pad), 36);
	CU_ASSERT_EQUAL(XFS_VERIFY_MEDIA_REPORT, 1);
	CU_ASSERT_EQUAL(XFS_VERIFY_MEDIA_FLAGS, 1);
	CU_ASSERT_EQUAL(XFS_DEV_DATA, 1);
	CU_ASSERT_EQUAL(XFS_DEV_LOG, 2);
	CU_ASSERT_EQUAL(XFS_DEV_RT, 3);
}

static void
test_scrub_structs(void)
{
	CU_ASSERT_EQUAL(OFF(xfs_scrub_metadata, sm_type), 0);
	CU_ASSERT_EQUAL(OFF(xfs_scrub_metadata, sm_flags), 4);
	CU_ASSERT_EQUAL(OFF(xfs_scrub_metadata, sm_ino), 8);
	CU_ASSERT_EQUAL(OFF(xfs_scrub_metadata, sm_gen), 16);
	CU_ASSERT_EQUAL(OFF(xfs_scrub_metadata, sm_agno), 20);
	CU_ASSERT_EQUAL(OFF(xfs_scrub_metadata, sm_reserved), 24);

	CU_ASSERT_EQUAL(OFF(xfs_scrub_vec, sv_type), 0);
	CU_ASSERT_EQUAL(OFF(xfs_scrub_vec, sv_flags), 4);
	CU_ASSERT_EQUAL(OFF(xfs_scrub_vec, sv_ret), 8);
	CU_ASSERT_EQUAL(OFF(xfs_scrub_vec, sv_reserved), 12);

	CU_ASSERT_EQUAL(OFF(xfs_scrub_vec_head, svh_ino), 0);
	CU_ASSERT_EQUAL(OFF(xfs_scrub_vec_head, svh_gen), 8);
	CU_ASSERT_EQUAL(OFF(xfs_scrub_vec_head, svh_agno), 12);
	CU_ASSERT_EQUAL(OFF(xfs_scrub_vec_head, svh_flags), 16);
	CU_ASSERT_EQUAL(OFF(xfs_scrub_vec_head, svh_rest_us), 20);
	CU_ASSERT_EQUAL(OFF(xfs_scrub_vec_head, svh_nr), 22);
	CU_ASSERT_EQUAL(OFF(xfs_scrub_vec_head, svh_reserved), 24);
	CU_ASSERT_EQUAL(OFF(xfs_scrub_vec_head, svh_vectors), 32);
}

/* Health fields of the geometry and bulkstat records. */
static void
test_geometry_health(void)
{
	struct xfs_fsop_geom geo;
	uint32_t rgextents = 0x11223344, rgcount = 0x55667788;
	uint64_t rtstart = 0x0102030405060708ULL;

	CU_ASSERT_EQUAL(OFF(xfs_fsop_geom, flags), 92);
	CU_ASSERT_EQUAL(OFF(xfs_fsop_geom, sick), 112);
	CU_ASSERT_EQUAL(OFF(xfs_fsop_geom, checked), 116);

	/* The rtgroup accessors read the kernel's offsets. */
	memset(&geo, 0, sizeof(geo));
	memcpy((char *)&geo + 120, &rgextents, sizeof(rgextents));
	memcpy((char *)&geo + 124, &rgcount, sizeof(rgcount));
	memcpy((char *)&geo + 128, &rtstart, sizeof(rtstart));
	CU_ASSERT_EQUAL(hl_geom_rgextents(&geo), rgextents);
	CU_ASSERT_EQUAL(hl_geom_rgcount(&geo), rgcount);
	CU_ASSERT_EQUAL(hl_geom_rtstart(&geo), rtstart);

	CU_ASSERT_EQUAL(OFF(xfs_ag_geometry, ag_sick), 20);
	CU_ASSERT_EQUAL(OFF(xfs_ag_geometry, ag_checked), 24);
	CU_ASSERT_EQUAL(OFF(xfs_rtgroup_geometry, rg_sick), 8);
	CU_ASSERT_EQUAL(OFF(xfs_rtgroup_geometry, rg_checked), 12);
	CU_ASSERT_EQUAL(OFF(xfs_bulkstat, bs_gen), 64);
	CU_ASSERT_EQUAL(OFF(xfs_bulkstat, bs_sick), 128);
	CU_ASSERT_EQUAL(OFF(xfs_bulkstat, bs_checked), 130);
	CU_ASSERT_EQUAL(OFF(xfs_bulkstat_req, bulkstat), 64);
	CU_ASSERT_EQUAL(sizeof(struct xfs_bulkstat), 192);
	CU_ASSERT_EQUAL(OFF(xfs_bulkstat, bs_forkoff), 126);
	CU_ASSERT_EQUAL(OFF(xfs_bulkstat, bs_mode), 132);
	CU_ASSERT_EQUAL(sizeof(struct xfs_bulk_ireq), 64);
	CU_ASSERT_EQUAL(OFF(xfs_bulk_ireq, agno), 20);
	CU_ASSERT_EQUAL(sizeof(struct xfs_inumbers), 24);
	CU_ASSERT_EQUAL(OFF(xfs_inumbers, xi_alloccount), 16);
	CU_ASSERT_EQUAL(OFF(xfs_inumbers_req, inumbers), 64);
	CU_ASSERT_EQUAL(XFS_IOC_BULKSTAT, 0x8040587f);
	CU_ASSERT_EQUAL(XFS_IOC_INUMBERS, 0x80405880);

	CU_ASSERT_EQUAL(XFS_FSOP_GEOM_FLAGS_RMAPBT, 1 << 19);
	CU_ASSERT_EQUAL(XFS_FSOP_GEOM_FLAGS_REFLINK, 1 << 20);
	CU_ASSERT_EQUAL(XFS_FSOP_GEOM_FLAGS_PARENT, 1 << 25);
	CU_ASSERT_EQUAL(XFS_FSOP_GEOM_FLAGS_METADIR, 1 << 26);
}

static void
test_handles(void)
{
	CU_ASSERT_EQUAL(OFF(xfs_fid, fid_len), 0);
	CU_ASSERT_EQUAL(OFF(xfs_fid, fid_gen), 4);
	CU_ASSERT_EQUAL(OFF(xfs_fid, fid_ino), 8);
	CU_ASSERT_EQUAL(OFF(xfs_handle, ha_fid), 8);
	CU_ASSERT_EQUAL(sizeof(struct xfs_handle), 24);
	CU_ASSERT_EQUAL(sizeof(struct fsmap_head), 192);
	CU_ASSERT_EQUAL(sizeof(struct fsmap), 64);
}

static const struct unit_test tests[] = {
	{"event record", test_event_record},
	{"event union members", test_event_union},
	{"monitor arguments", test_monitor_args},
	{"verify media", test_verify_media},
	{"scrub structs", test_scrub_structs},
	{"geometry and bulkstat health", test_geometry_health},
	{"handles and fsmap", test_handles},
};

int
unit_register_abi(void)
{
	return UNIT_ADD_SUITE("abi", tests);
}
