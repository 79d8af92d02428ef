// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The object arguments of a single scrub, "type [agno | rgno | ino gen |
 * metapath [rgno]]", with xfs_io's rule for each class of type.  Numbers are
 * checked strictly (xfs_io lets "-1" wrap around): whole, unsigned, in range.
 */
#include <errno.h>

#include "internal.h"

static int
fail(enum hl_scrub_arg_error *why, int *bad, enum hl_scrub_arg_error code,
     int index)
{
	*why = code;
	*bad = index;
	return -EINVAL;
}

/* One number, or the "missing" error for any other count. */
static int
one_group(int argc, char *const *argv, uint32_t *agno,
	  enum hl_scrub_arg_error need, enum hl_scrub_arg_error bad_num,
	  enum hl_scrub_arg_error *why, int *bad)
{
	uint64_t v;

	if (argc != 2)
		return fail(why, bad, need, -1);
	if (hl_parse_u64(argv[1], UINT32_MAX, &v))
		return fail(why, bad, bad_num, 1);
	*agno = v;
	return 0;
}

/* Nothing (the open file), or an inode number and a generation. */
static int
inode_args(int argc, char *const *argv, struct hl_scrub_request *req,
	   enum hl_scrub_arg_error *why, int *bad)
{
	uint64_t v;

	if (argc == 1)
		return 0;
	if (argc != 3)
		return fail(why, bad, HL_SCRUB_ARGS_NEED_INO_GEN, -1);
	if (hl_parse_u64(argv[1], UINT64_MAX, &req->ino))
		return fail(why, bad, HL_SCRUB_ARGS_BAD_INO, 1);
	if (hl_parse_u64(argv[2], UINT32_MAX, &v))
		return fail(why, bad, HL_SCRUB_ARGS_BAD_GEN, 2);
	req->gen = v;
	return 0;
}

/*
 * A path by name or number; the per-rtgroup paths take a group number and
 * the others must not.  A number no table names is passed on as it is, so
 * that paths newer than this program can still be asked for.
 */
static int
metapath_args(int argc, char *const *argv, struct hl_scrub_request *req,
	      enum hl_scrub_arg_error *why, int *bad)
{
	uint64_t v;

	if (argc != 2 && argc != 3)
		return fail(why, bad, HL_SCRUB_ARGS_NEED_METAPATH, -1);
	if (hl_value_of(hl_metapath_names(), argv[1], &req->ino) < 0 &&
	    hl_parse_u64(argv[1], UINT64_MAX, &req->ino))
		return fail(why, bad, HL_SCRUB_ARGS_BAD_METAPATH, 1);

	if (!hl_metapath_needs_group(req->ino)) {
		if (argc == 3)
			return fail(why, bad, HL_SCRUB_ARGS_METAPATH_NO_GROUP,
				    1);
		return 0;
	}
	if (argc == 2)
		return fail(why, bad, HL_SCRUB_ARGS_METAPATH_NEEDS_GROUP, 1);
	if (hl_parse_u64(argv[2], UINT32_MAX, &v))
		return fail(why, bad, HL_SCRUB_ARGS_BAD_GROUP, 2);
	req->agno = v;
	return 0;
}

int
hl_scrub_parse_request(int argc, char *const *argv,
		       struct hl_scrub_request *req,
		       enum hl_scrub_arg_error *why, int *bad)
{
	*req = (struct hl_scrub_request){0};
	*why = HL_SCRUB_ARGS_OK;
	*bad = -1;

	if (argc < 1)
		return fail(why, bad, HL_SCRUB_ARGS_UNKNOWN_TYPE, -1);
	req->type = hl_scrub_type_by_name(argv[0]);
	if (!req->type)
		return fail(why, bad, HL_SCRUB_ARGS_UNKNOWN_TYPE, 0);

	switch (req->type->sclass) {
	case HL_SCRUB_CLASS_PERAG:
		return one_group(argc, argv, &req->agno,
				 HL_SCRUB_ARGS_NEED_AGNO,
				 HL_SCRUB_ARGS_BAD_AGNO, why, bad);
	case HL_SCRUB_CLASS_RTGROUP:
		return one_group(argc, argv, &req->agno,
				 HL_SCRUB_ARGS_NEED_RGNO,
				 HL_SCRUB_ARGS_BAD_RGNO, why, bad);
	case HL_SCRUB_CLASS_INODE:
		return inode_args(argc, argv, req, why, bad);
	case HL_SCRUB_CLASS_GENERIC:
		return metapath_args(argc, argv, req, why, bad);
	case HL_SCRUB_CLASS_NONE:
	case HL_SCRUB_CLASS_FS:
		break;
	}
	if (argc != 1)
		return fail(why, bad, HL_SCRUB_ARGS_NO_PARAMS, -1);
	return 0;
}
