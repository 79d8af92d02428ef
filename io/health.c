// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * health: a snapshot of what the kernel currently believes about the
 * filesystem, its AGs, its rtgroups and chosen inodes (sick and checked
 * masks from the geometry and bulkstat ioctls).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "io.h"
#include "xfs_health_abi.h"

struct health_opts {
	bool fs;     /* -f */
	bool json;   /* -j */
	bool quiet;  /* -q: only objects with something sick */
	const char *prometheus; /* -P: the sick objects' gauges to this file */
	uint64_t *ags, *rgs, *inos;
	int nr_ags, nr_rgs, nr_inos;
};

struct health_run {
	const struct health_opts *o;
	struct hl_render render;
	int fd;
	bool sick;
};

static int
report(struct health_run *run, const struct hl_health_report *h)
{
	int error;

	if (h->sick)
		run->sick = true;
	else if (run->o->quiet)
		return EXIT_ALL_OK;
	if (run->o->json)
		error = hl_health_write_json(stdout, h, &run->render);
	else
		error = hl_health_write_text(stdout, h, &run->render);
	return error ? EXIT_CMD_FAILED : EXIT_ALL_OK;
}

/* An AG's or a realtime group's masks. */
static int
report_group(struct health_run *run, enum hl_object object, uint32_t group)
{
	struct hl_health_report h;
	int error = hl_group_health(run->fd, object, group, &h);

	if (error) {
		if (object == HL_OBJECT_AG)
			io_error("health: XFS_IOC_AG_GEOMETRY (AG %u): %s",
				 group, strerror(-error));
		else
			io_error("health: XFS_IOC_RTGROUP_GEOMETRY (rtgroup %u): %s",
				 group, strerror(-error));
		return EXIT_CMD_FAILED;
	}
	return report(run, &h);
}

static int
report_inode(struct health_run *run, uint64_t ino)
{
	struct xfs_bulkstat bs;
	int error = hl_bulkstat_one(run->fd, ino, &bs);

	if (error == -ENOENT) {
		io_error("health: inode %llu: %s", (unsigned long long)ino,
			 strerror(ENOENT));
		return EXIT_CMD_FAILED;
	}
	if (error) {
		io_error("health: XFS_IOC_BULKSTAT (inode %llu): %s",
			 (unsigned long long)ino, strerror(-error));
		if (error == -EPERM)
			io_error("health: -i needs CAP_SYS_ADMIN (the filesystem, AGs and rtgroups do not)");
		return EXIT_CMD_FAILED;
	}
	return report(run, &(struct hl_health_report){
				   .object = HL_OBJECT_INODE,
				   .ino = ino,
				   .gen = bs.bs_gen,
				   .sick = bs.bs_sick,
				   .checked = bs.bs_checked,
			   });
}

/* Check every number against the geometry before printing anything. */
static int
check_range(const char *what, const uint64_t *vals, int nr, uint32_t count)
{
	for (int i = 0; i < nr; i++) {
		if (vals[i] >= count) {
			io_error("health: %s %llu does not exist (the filesystem has %u)",
				 what, (unsigned long long)vals[i], count);
			return EXIT_USAGE;
		}
	}
	return EXIT_ALL_OK;
}

static int
run_health(const struct health_opts *o)
{
	struct health_run run = { .o = o, .fd = file_current()->fd };
	struct xfs_fsop_geom geo = { 0 };
	bool all = !o->fs && !o->nr_ags && !o->nr_rgs && !o->nr_inos;
	uint32_t rgcount;
	int status, error;

	error = hl_fs_geometry(run.fd, &geo);
	if (error) {
		io_error("health: XFS_IOC_FSGEOMETRY: %s", strerror(-error));
		return EXIT_CMD_FAILED;
	}
	rgcount = hl_geom_rgcount(&geo);
	status = check_range("AG", o->ags, o->nr_ags, geo.agcount) |
		 check_range("rtgroup", o->rgs, o->nr_rgs, rgcount);
	if (status)
		return status;

	error = hl_render_init(&run.render, file_current()->name);
	if (error) {
		io_error("health: %s", strerror(-error));
		return EXIT_CMD_FAILED;
	}

	if (all || o->fs)
		status |= report(&run, &(struct hl_health_report){
					       .object = HL_OBJECT_FS,
					       .sick = geo.sick,
					       .checked = geo.checked,
				       });
	if (all) {
		for (uint32_t agno = 0; agno < geo.agcount; agno++)
			status |= report_group(&run, HL_OBJECT_AG, agno);
		for (uint32_t rgno = 0; rgno < rgcount; rgno++)
			status |= report_group(&run, HL_OBJECT_RTGROUP, rgno);
	}
	for (int i = 0; i < o->nr_ags; i++)
		status |= report_group(&run, HL_OBJECT_AG, o->ags[i]);
	for (int i = 0; i < o->nr_rgs; i++)
		status |= report_group(&run, HL_OBJECT_RTGROUP, o->rgs[i]);
	for (int i = 0; i < o->nr_inos; i++)
		status |= report_inode(&run, o->inos[i]);

	hl_render_free(&run.render);
	if (run.sick)
		status |= EXIT_PROBLEM;
	return status;
}

static int
count_sick(const struct hl_health_report *h, void *arg)
{
	if (h->sick)
		hl_metrics_sick(arg, h->object, h->group, h->ino, h->gen,
				h->sick);
	return 0;
}

/*
 * -P: every sick object of the filesystem (its masks, every AG's and
 * rtgroup's, every inode bulkstat reaches), counted by kind, as the
 * daemon's xfs_health_sick_objects gauges.  Nothing is written unless
 * everything was read.
 */
static int
run_prometheus(const struct health_opts *o)
{
	struct io_file *file = file_current();
	char uuid[HL_UUID_LEN] = "";
	struct xfs_fsop_geom geo = { 0 };
	struct hl_metrics m;
	int status = EXIT_ALL_OK, error;

	error = hl_fs_geometry(file->fd, &geo);
	if (error) {
		io_error("health: XFS_IOC_FSGEOMETRY: %s", strerror(-error));
		return EXIT_CMD_FAILED;
	}
	if (hl_fs_uuid(file->fd, uuid, sizeof(uuid)))
		uuid[0] = '\0';
	if (hl_metrics_init(&m, file->name, uuid)) {
		io_error("health: %s", strerror(ENOMEM));
		return EXIT_CMD_FAILED;
	}
	error = hl_health_walk(file->fd, &geo, count_sick, &m);
	for (uint32_t agno = 0; !error && agno < geo.agcount; agno++)
		error = hl_health_walk_inodes(file->fd, agno, count_sick, &m);
	if (error) {
		io_error("health: reading the kernel's health records: %s%s",
			 strerror(-error),
			 error == -EPERM ? " (-P needs CAP_SYS_ADMIN)" : "");
		status = EXIT_CMD_FAILED;
	} else if (!strcmp(o->prometheus, "-")) {
		if (hl_metrics_write(stdout, &m, HL_METRICS_SICK))
			status = EXIT_CMD_FAILED; /* reported at exit */
	} else {
		error = hl_metrics_write_file(&m, o->prometheus,
					      HL_METRICS_SICK);
		if (error) {
			io_error("health: writing %s: %s", o->prometheus,
				 strerror(-error));
			status = EXIT_CMD_FAILED;
		}
	}
	if (!status && (m.sick_used || m.sick_untracked))
		status = EXIT_PROBLEM;
	hl_metrics_free(&m);
	return status;
}

static int
add_number(uint64_t *list, int *nr, const char *arg, uint64_t max,
	   const char *what)
{
	if (hl_parse_u64(arg, max, &list[*nr])) {
		io_error("health: invalid %s -- %s", what, arg);
		return EXIT_USAGE;
	}
	(*nr)++;
	return EXIT_ALL_OK;
}

static int
health_f(int argc, char **argv)
{
	struct health_opts o = { 0 };
	int c, status = EXIT_ALL_OK;

	/* No option can repeat more often than there are arguments. */
	o.ags = calloc(argc, sizeof(uint64_t));
	o.rgs = calloc(argc, sizeof(uint64_t));
	o.inos = calloc(argc, sizeof(uint64_t));
	if (!o.ags || !o.rgs || !o.inos) {
		io_error("health: %s", strerror(ENOMEM));
		status = EXIT_CMD_FAILED;
		goto out;
	}

	while (!status && (c = getopt(argc, argv, health_command.opts)) != -1) {
		switch (c) {
		case 'a':
			status = add_number(o.ags, &o.nr_ags, optarg,
					    UINT32_MAX, "AG number");
			break;
		case 'g':
			status = add_number(o.rgs, &o.nr_rgs, optarg,
					    UINT32_MAX, "rtgroup number");
			break;
		case 'i':
			status = add_number(o.inos, &o.nr_inos, optarg,
					    UINT64_MAX, "inode number");
			break;
		case 'f':
			o.fs = true;
			break;
		case 'j':
			o.json = true;
			break;
		case 'P':
			if (!*optarg) {
				io_error("health: invalid metrics file -- ");
				status = EXIT_USAGE;
			}
			o.prometheus = optarg;
			break;
		case 'q':
			o.quiet = true;
			break;
		default:
			status = command_usage(&health_command);
			break;
		}
	}
	if (!status && optind != argc)
		status = command_usage(&health_command);
	if (!status && o.prometheus &&
	    (o.fs || o.json || o.quiet || o.nr_ags || o.nr_rgs || o.nr_inos)) {
		io_error("health: -P counts the whole filesystem; it cannot go with -a, -f, -g, -i, -j or -q");
		status = EXIT_USAGE;
	}
	/* Arguments first: a usage error shows wherever it is made. */
	if (!status)
		status = command_check_file(&health_command);
	if (!status)
		status = o.prometheus ? run_prometheus(&o) : run_health(&o);
out:
	free(o.ags);
	free(o.rgs);
	free(o.inos);
	return status;
}

const struct command health_command = {
	.name = "health",
	.altname = NULL,
	.handler = health_f,
	.argmin = 0,
	.argmax = -1,
	.flags = CMD_ONESHOT | CMD_ARGS_FIRST,
	.args = "[-fjq] [-a agno]... [-g rgno]... [-i ino]... | -P file",
	.oneline = "show what the kernel believes is sick or checked",
	.help = "Prints, for the filesystem, each AG, each rtgroup, or the objects\n"
		"chosen with options, which metadata the kernel knows to be sick\n"
		"and which it has checked since mount, one line per object:\n"
		"  MNT[ agno 0xN| rgno 0xN| ino N gen 0xG]: sick: LIST; checked: LIST\n"
		"With no option: the filesystem, every AG and every rtgroup.\n"
		" -a agno -- this AG (repeatable)\n"
		" -f -- the filesystem-wide metadata\n"
		" -g rgno -- this realtime group (repeatable)\n"
		" -i ino -- this inode (repeatable)\n"
		" -j -- one JSON object per line\n"
		" -q -- only objects with something sick\n"
		" -P file -- instead, count every sick object of the filesystem\n"
		"       (every inode bulkstat reaches: needs CAP_SYS_ADMIN) and\n"
		"       write them as Prometheus gauges to file ('-': stdout),\n"
		"       for node_exporter's textfile collector\n"
		"Exit status 2 if anything is sick.\n",
	.opts = "a:fg:i:jP:q",
	.completes = (const struct command_arg[]){
		{.opt = 'P', .kind = ARG_PATH},
		{.kind = ARG_END},
	},
};
