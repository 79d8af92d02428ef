// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * probe: which of the kernel's self-healing interfaces work on the current
 * filesystem.  Each probe is the cheapest call that proves the interface
 * exists and does no work: QA scripts use it the way fstests uses
 * _require_xfs_io_command.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "io.h"
#include "xfs_health_abi.h"

/* Opening a monitor and closing it again: only the fs root may do that. */
static int
probe_healthmon(int fd)
{
	int mon = hl_monitor_open(fd, false);

	if (mon < 0)
		return mon;
	close(mon);
	return 0;
}

/* An empty range is accepted and verifies nothing. */
static int
probe_verify_media(int fd)
{
	struct xfs_verify_media vm = {
		.me_dev = XFS_DEV_DATA,
		.me_start_daddr = 0,
		.me_end_daddr = 0,
	};

	return hl_verify_media(fd, &vm);
}

static int
probe_scrub(int fd)
{
	return hl_scrub_probe(fd, false);
}

static int
probe_repair(int fd)
{
	return hl_scrub_probe(fd, true);
}

static const struct probe {
	const char *name;
	int (*run)(int fd);
} probes[] = {
	{ "healthmon", probe_healthmon },
	{ "verify_media", probe_verify_media },
	{ "scrub", probe_scrub },
	{ "scrubv", hl_scrubv_probe },
	{ "repair", probe_repair },
};

#define NR_PROBES (sizeof(probes) / sizeof(probes[0]))

/* The i-th interface's name, for completion. */
static const char *
probe_name_nth(size_t i)
{
	return i < NR_PROBES ? probes[i].name : NULL;
}

static const struct probe *
probe_find(const char *name)
{
	for (size_t i = 0; i < NR_PROBES; i++)
		if (!strcmp(probes[i].name, name))
			return &probes[i];
	return NULL;
}

static int
probe_one(const struct probe *p, int fd)
{
	int error = p->run(fd);

	/* One monitor per filesystem: a busy one still proves support. */
	if (error == -EEXIST && p->run == probe_healthmon) {
		printf("%s: supported (monitoring is already active)\n",
		       p->name);
		return EXIT_ALL_OK;
	}
	if (error) {
		printf("%s: %s\n", p->name, strerror(-error));
		return EXIT_CMD_FAILED;
	}
	printf("%s: supported\n", p->name);
	return EXIT_ALL_OK;
}

static int
probe_f(int argc, char **argv)
{
	int fd = file_current()->fd;
	int status = EXIT_ALL_OK;

	/* Check every name before probing anything. */
	for (int i = 1; i < argc; i++) {
		if (!probe_find(argv[i])) {
			io_error("probe: unknown interface '%s'", argv[i]);
			return command_usage(&probe_command);
		}
	}
	if (argc == 1) {
		for (size_t i = 0; i < NR_PROBES; i++)
			status |= probe_one(&probes[i], fd);
	} else {
		for (int i = 1; i < argc; i++)
			status |= probe_one(probe_find(argv[i]), fd);
	}
	return status;
}

const struct command probe_command = {
	.name = "probe",
	.altname = NULL,
	.handler = probe_f,
	.argmin = 0,
	.argmax = -1,
	.flags = 0,
	.args = "[healthmon|verify_media|scrub|scrubv|repair]...",
	.oneline = "check which health interfaces the kernel supports here",
	.help = "Probes each named interface (default: all) on the current\n"
		"file's filesystem with a call that does no work, and prints\n"
		"'NAME: supported' or 'NAME: <error>' for each.  Exit status 0\n"
		"only if every probed interface works.\n"
		"  healthmon    -- XFS_IOC_HEALTH_MONITOR (open and close a monitor;\n"
		"                  the current file must be the filesystem root)\n"
		"  verify_media -- XFS_IOC_VERIFY_MEDIA over an empty range\n"
		"  scrub        -- XFS_IOC_SCRUB_METADATA, type probe\n"
		"  scrubv       -- XFS_IOC_SCRUBV_METADATA with no vectors\n"
		"  repair       -- scrub type probe with the repair flag (needs a\n"
		"                  read-write mount of a v5 filesystem)\n",
	.completes = (const struct command_arg[]){
		{.opt = ARG_EVERY, .kind = ARG_NAME, .name = probe_name_nth},
		{.kind = ARG_END},
	},
};
