// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The daemon's decisions and lines: repair plans for any domain and mask,
 * the outcome lines for each step (text and JSON), a message line with any
 * key and text, and the coalescing set under a sequence of adds and takes,
 * checked against a plain array.
 *
 * Input: domain, mask, max steps, error, flags, outcome, key stride,
 * mount point, path, key, message (NUL-ended), then one byte per set
 * operation.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <json-c/json.h>

#include "fuzz.h"
#include "health.h"
#include "xfs_health_abi.h"

#define MAX_STEPS 40
#define POOL	  16 /* keys the operations pick from */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char line[HL_LINE_MAX];

static void
check_plan(uint32_t domain, uint32_t mask, size_t max,
	   struct hl_repair_step *steps, int *nr)
{
	uint32_t unmapped = 0xdead, again = 0, seen = 0;
	int n = hl_repair_plan(domain, mask, steps, max, &unmapped);

	*nr = 0;
	if (!hl_domain_mask_names(domain)) {
		FZ_CHECK(n == -EINVAL && unmapped == 0);
		return;
	}
	FZ_CHECK(n >= 0 && (unmapped & ~mask) == 0);
	FZ_CHECK(__builtin_popcount(mask) == n + __builtin_popcount(unmapped));
	FZ_CHECK(hl_repair_plan(domain, mask, NULL, 0, &again) == n &&
		 again == unmapped);

	*nr = (size_t)n < max ? n : (int)max;
	for (int i = 0; i < *nr; i++) {
		uint32_t bit = steps[i].bit;

		FZ_CHECK(bit && !(bit & (bit - 1)) && (bit & mask));
		FZ_CHECK(!(bit & unmapped) && !(bit & seen));
		FZ_CHECK(steps[i].type == hl_repair_type_for_bit(domain, bit));
		seen |= bit;
	}
}

static void
check_report(const struct hl_repair_report *rep, const struct hl_render *r)
{
	json_object *obj;
	int n;

	n = hl_repair_format_text(line, sizeof(line), rep, r);
	FZ_CHECK(n > 0 && (size_t)n == strlen(line) && line[n - 1] == '\n');

	n = hl_repair_format_json(line, sizeof(line), rep, r);
	FZ_CHECK(n > 0 && (size_t)n == strlen(line));
	obj = fz_json_line(line, n);
	FZ_CHECK(obj);
	fz_check_json_string(obj, "mount", r->mountpoint);
	if (r->path && rep->ev->domain == XFS_HEALTH_MONITOR_DOMAIN_INODE)
		fz_check_json_string(obj, "path", r->path);
	json_object_put(obj);
}

static bool
key_ok(const char *key)
{
	if (!*key || !strcmp(key, "mount") || !strcmp(key, "mount_hex"))
		return false;
	return strspn(key, "abcdefghijklmnopqrstuvwxyz0123456789_") ==
	       strlen(key);
}

static void
check_message(const char *key, const char *msg, const struct hl_render *r)
{
	json_object *obj;
	int n;

	n = hl_message_format_text(line, sizeof(line), NULL, msg, r);
	FZ_CHECK(n > 0 && (size_t)n == strlen(line));
	FZ_CHECK(memchr(line, '\n', n) == line + n - 1);

	n = hl_message_format_json(line, sizeof(line), key, msg, r);
	if (!key_ok(key)) {
		FZ_CHECK(n == -EINVAL);
		return;
	}
	FZ_CHECK(n > 0 && (size_t)n == strlen(line));
	obj = fz_json_line(line, n);
	FZ_CHECK(obj);
	fz_check_json_string(obj, "mount", r->mountpoint);
	fz_check_json_string(obj, key, msg);
	json_object_put(obj);
}

/* Adds and takes against an array that knows the answers. */
static void
check_pending(struct fz_in *in, size_t max, uint64_t stride)
{
	static const uint32_t domains[] = {
		XFS_HEALTH_MONITOR_DOMAIN_FS,
		XFS_HEALTH_MONITOR_DOMAIN_AG,
		XFS_HEALTH_MONITOR_DOMAIN_INODE,
		XFS_HEALTH_MONITOR_DOMAIN_RTGROUP,
	};
	struct hl_pending_key keys[POOL];
	bool waiting[POOL] = {false};
	uint32_t masks[POOL] = {0}, mask;
	size_t nr = 0;
	struct hl_pending p;

	for (int i = 0; i < POOL; i++) {
		struct hl_event ev = {
			.domain = domains[i % 4],
			.group = (uint32_t)(i / 4 * stride),
			.ino = i / 4 * stride,
			.gen = (uint32_t)(stride >> 32) * (i / 4),
		};

		hl_pending_key_of(&ev, &keys[i]);
	}
	FZ_CHECK(hl_pending_init(&p, max) == 0);
	while (in->left) {
		uint8_t op = fz_u8(in);
		int k = op >> 1 & (POOL - 1);
		uint32_t bit = 1u << (op >> 5);
		int ret;

		/* Keys that compare equal share one entry. */
		for (int j = 0; j < k; j++)
			if (!memcmp(&keys[j], &keys[k], sizeof(keys[k])))
				k = j;
		if (op & 1) {
			ret = hl_pending_take(&p, &keys[k], &mask);
			FZ_CHECK(ret == (waiting[k] ? 0 : -ENOENT));
			if (!ret) {
				FZ_CHECK(mask == masks[k]);
				waiting[k] = false;
				nr--;
			}
		} else {
			ret = hl_pending_add(&p, &keys[k], bit);
			if (waiting[k]) {
				FZ_CHECK(ret == 0);
				masks[k] |= bit;
			} else if (nr >= max) {
				FZ_CHECK(ret == -ENOSPC);
			} else {
				FZ_CHECK(ret == 1);
				waiting[k] = true;
				masks[k] = bit;
				nr++;
			}
		}
		FZ_CHECK(p.nr == nr);
	}
	for (int k = 0; k < POOL; k++)
		if (waiting[k])
			FZ_CHECK(hl_pending_take(&p, &keys[k], &mask) == 0 &&
				 mask == masks[k]);
	FZ_CHECK(p.nr == 0);
	hl_pending_free(&p);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fz_in in = {data, size};
	uint32_t domain = fz_u32(&in), mask = fz_u32(&in);
	size_t max = fz_u8(&in) % (MAX_STEPS + 1);
	int error = (int)fz_u32(&in);
	uint32_t flags = fz_u32(&in);
	uint8_t outcome = fz_u8(&in);
	uint64_t stride = fz_u64(&in);
	char *mnt = fz_str(&in, 300), *path = fz_str(&in, 300);
	char *key = fz_str(&in, 40), *msg = fz_str(&in, 300);
	struct hl_repair_step steps[MAX_STEPS];
	struct hl_event ev = {
		.domain = domain,
		.type = XFS_HEALTH_MONITOR_TYPE_SICK,
		.mask = mask,
		.group = (uint32_t)stride,
		.ino = stride,
		.gen = (uint32_t)(stride >> 32),
	};
	struct hl_render r;
	int nr;

	FZ_CHECK(hl_render_init(&r, mnt) == 0);
	if (*path)
		r.path = path;

	check_plan(domain, mask, max, steps, &nr);
	for (int i = 0; i < nr; i++) {
		struct hl_scrub_request req;
		struct hl_repair_report rep = {
			.ev = &ev,
			.bit = steps[i].bit,
			.type = steps[i].type,
			.error = error == INT_MIN ? 0 : abs(error),
			.flags = flags,
			.outcome = outcome % HL_REPAIR_NR_OUTCOMES,
		};

		hl_repair_request(&ev, &steps[i], &req);
		FZ_CHECK(req.type == steps[i].type);
		FZ_CHECK(hl_repair_judge(rep.error, flags) <
			 HL_REPAIR_NR_OUTCOMES);
		check_report(&rep, &r);
	}

	/* Reports the renderers must refuse. */
	if (nr) {
		struct hl_repair_report bad = {
			.ev = &ev,
			.bit = mask,
			.type = steps[0].type,
			.error = error,
			.outcome = outcome,
		};

		if (__builtin_popcount(mask) != 1 || error < 0 ||
		    outcome >= HL_REPAIR_NR_OUTCOMES)
			FZ_CHECK(hl_repair_format_text(line, sizeof(line), &bad,
						       &r) == -EINVAL &&
				 hl_repair_format_json(line, sizeof(line), &bad,
						       &r) == -EINVAL);
	}

	check_message(key, msg, &r);
	check_pending(&in, max ? max : 1, stride);

	hl_render_free(&r);
	free(mnt);
	free(path);
	free(key);
	free(msg);
	return 0;
}
