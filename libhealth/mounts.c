// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Mounts by their unique 64-bit id: statx for the id of an open file,
 * statmount for what a mount is, listmount for all of them.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "xfs_health_abi.h"
#include "mounts.h"

/* statmount's strings can be long (paths); double up to this much. */
#define STATMOUNT_BUF_MIN (4096)
#define STATMOUNT_BUF_MAX (1024 * 1024)

/* listmount ids asked for per call. */
#define LISTMOUNT_BATCH (256)

int
hl_mount_id_of_fd(int fd, uint64_t *mnt_id)
{
	struct statx stx;

	if (statx(fd, "", AT_EMPTY_PATH, STATX_MNT_ID_UNIQUE, &stx) < 0)
		return -errno;
	/* Before 6.8 the kernel answers with the old, reusable id only. */
	if (!(stx.stx_mask & STATX_MNT_ID_UNIQUE))
		return -EOPNOTSUPP;
	*mnt_id = stx.stx_mnt_id;
	return 0;
}

#ifdef __NR_statmount
static long
sys_statmount(const struct mnt_id_req *req, struct statmount *buf,
	      size_t bufsize)
{
	return syscall(__NR_statmount, req, buf, bufsize, 0);
}

static long
sys_listmount(const struct mnt_id_req *req, uint64_t *ids, size_t nr)
{
	return syscall(__NR_listmount, req, ids, nr, 0);
}
#else
static long
sys_statmount(const struct mnt_id_req *req, struct statmount *buf,
	      size_t bufsize)
{
	errno = ENOSYS;
	return -1;
}

static long
sys_listmount(const struct mnt_id_req *req, uint64_t *ids, size_t nr)
{
	errno = ENOSYS;
	return -1;
}
#endif

/*
 * A copy of the string at offset @off of sm->str, or NULL (with 0 returned)
 * when @bit is not in the answer's mask: sb_source needs 6.11.
 */
static int
statmount_string(const struct statmount *sm, size_t bufsize, uint64_t bit,
		 uint32_t off, char **out)
{
	const char *base = sm->str;
	size_t room = bufsize - offsetof(struct statmount, str);

	*out = NULL;
	if (!(sm->mask & bit))
		return 0;
	if (off >= room || !memchr(base + off, '\0', room - off))
		return -EIO;
	*out = strdup(base + off);
	return *out ? 0 : -ENOMEM;
}

int
hl_mount_stat(uint64_t mnt_id, struct hl_mount_info *mi)
{
	const uint64_t want = STATMOUNT_SB_BASIC | STATMOUNT_MNT_BASIC |
			      STATMOUNT_FS_TYPE | STATMOUNT_MNT_POINT |
			      STATMOUNT_MNT_ROOT | STATMOUNT_SB_SOURCE;
	struct mnt_id_req req = {
		.size = MNT_ID_REQ_SIZE_VER0,
		.mnt_id = mnt_id,
		.param = want,
	};
	struct statmount *sm = NULL;
	size_t bufsize = STATMOUNT_BUF_MIN;
	int error;

	memset(mi, 0, sizeof(*mi));
	for (;;) {
		sm = calloc(1, bufsize);
		if (!sm)
			return -ENOMEM;
		if (sys_statmount(&req, sm, bufsize) == 0)
			break;
		error = -errno;
		free(sm);
		/* The strings did not fit: ask again with more room. */
		if (error != -EOVERFLOW || bufsize >= STATMOUNT_BUF_MAX)
			return error;
		bufsize *= 2;
	}

	mi->mnt_id = mnt_id;
	mi->sb_dev_major = sm->sb_dev_major;
	mi->sb_dev_minor = sm->sb_dev_minor;
	mi->read_only = (sm->mask & STATMOUNT_MNT_BASIC) &&
			(sm->mnt_attr & MOUNT_ATTR_RDONLY);
	error = statmount_string(sm, bufsize, STATMOUNT_FS_TYPE, sm->fs_type,
				 &mi->fstype);
	if (!error)
		error = statmount_string(sm, bufsize, STATMOUNT_MNT_POINT,
					 sm->mnt_point, &mi->mnt_point);
	if (!error)
		error = statmount_string(sm, bufsize, STATMOUNT_MNT_ROOT,
					 sm->mnt_root, &mi->mnt_root);
	if (!error)
		error = statmount_string(sm, bufsize, STATMOUNT_SB_SOURCE,
					 sm->sb_source, &mi->sb_source);
	/* Callers compare these three; only sb_source may be missing. */
	if (!error && (!mi->fstype || !mi->mnt_point || !mi->mnt_root))
		error = -EIO;
	free(sm);
	if (error)
		hl_mount_info_free(mi);
	return error;
}

void
hl_mount_info_free(struct hl_mount_info *mi)
{
	free(mi->fstype);
	free(mi->mnt_point);
	free(mi->mnt_root);
	free(mi->sb_source);
	memset(mi, 0, sizeof(*mi));
}

int
hl_mount_list(uint64_t **ids, size_t *nr)
{
	struct mnt_id_req req = {
		.size = MNT_ID_REQ_SIZE_VER0,
		.mnt_id = LSMT_ROOT,
		.param = 0, /* continue after this id; 0 starts */
	};
	uint64_t *list = NULL;
	size_t count = 0, room = 0;

	for (;;) {
		long got;

		if (room - count < LISTMOUNT_BATCH) {
			uint64_t *bigger;

			room += LISTMOUNT_BATCH * 4;
			bigger = realloc(list, room * sizeof(*list));
			if (!bigger) {
				free(list);
				return -ENOMEM;
			}
			list = bigger;
		}
		got = sys_listmount(&req, list + count, LISTMOUNT_BATCH);
		if (got < 0) {
			int error = -errno;

			free(list);
			return error;
		}
		count += got;
		if (got < LISTMOUNT_BATCH)
			break;
		req.param = list[count - 1];
	}
	*ids = list;
	*nr = count;
	return 0;
}

void
hl_mount_infos_free(struct hl_mount_info *mounts, size_t nr)
{
	for (size_t i = 0; i < nr; i++)
		hl_mount_info_free(&mounts[i]);
	free(mounts);
}

static bool
whole_fs(const struct hl_mount_info *mi)
{
	return !strcmp(mi->mnt_root, "/");
}

/* Writable first, then whole-filesystem mounts, then by id. */
static int
mount_order(const void *a, const void *b)
{
	const struct hl_mount_info *x = a, *y = b;

	if (x->read_only != y->read_only)
		return x->read_only ? 1 : -1;
	if (whole_fs(x) != whole_fs(y))
		return whole_fs(x) ? -1 : 1;
	return x->mnt_id < y->mnt_id ? -1 : x->mnt_id > y->mnt_id;
}

int
hl_mount_find_fs(uint32_t major, uint32_t minor, const char *fstype,
		 struct hl_mount_info **mounts, size_t *nr)
{
	struct hl_mount_info *found = NULL;
	uint64_t *ids = NULL;
	size_t nr_ids = 0, count = 0;
	int error = hl_mount_list(&ids, &nr_ids);

	*mounts = NULL;
	*nr = 0;
	if (error)
		return error;
	for (size_t i = 0; i < nr_ids; i++) {
		struct hl_mount_info mi;

		/* A mount that went away since the list is no candidate. */
		if (hl_mount_stat(ids[i], &mi))
			continue;
		/* (hl_mount_stat fills fstype; the analyzer cannot see it.) */
		if (mi.sb_dev_major != major || mi.sb_dev_minor != minor ||
		    !mi.fstype || strcmp(mi.fstype, fstype)) {
			hl_mount_info_free(&mi);
			continue;
		}
		if (!found) {
			found = calloc(nr_ids, sizeof(*found));
			if (!found) {
				hl_mount_info_free(&mi);
				error = -ENOMEM;
				break;
			}
		}
		found[count++] = mi;
	}
	free(ids);
	if (error) {
		hl_mount_infos_free(found, count);
		return error;
	}
	if (count)
		qsort(found, count, sizeof(*found), mount_order);
	*mounts = found;
	*nr = count;
	return 0;
}
