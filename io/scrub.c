// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * scrub and repair: check (and, in expert mode, repair) one piece of
 * metadata with XFS_IOC_SCRUB_METADATA, printing xfs_io's sentences; or,
 * with -a, every inode-independent object (io/scrub_all.c).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "io.h"
#include "scrub_all.h"
#include "xfs_health_abi.h"

static int
scrub_one(const struct scrub_opts *o, const struct hl_scrub_request *req)
{
	struct io_file *file = file_current();
	uint32_t flags = scrub_iflags(o);
	struct hl_scrub_result res = {
		.type = req->type,
		.mode = scrub_mode(o),
		.agno = req->agno,
		.ino = req->ino,
		.gen = req->gen,
	};
	int status;

	res.error = -hl_scrub_metadata(file->fd, req, &flags);
	if (res.error) {
		res.outcome = HL_SCRUB_ERROR;
		/* xfs_io's perror() line, which QA scripts match. */
		io_message("%s: %s", scrub_verb(o), strerror(res.error));
		scrub_explain(o, res.error);
	} else {
		res.flags = flags;
		res.outcome = hl_scrub_judge(res.mode, res.flags);
	}
	status = scrub_outcome_status(res.outcome);

	if (o->json) {
		struct hl_render r = {0};
		int error = hl_render_init(&r, file->name);

		if (!error)
			error = hl_scrub_write_json(stdout, &res, &r);
		hl_render_free(&r);
		if (error)
			status |= EXIT_CMD_FAILED;
	} else if (!res.error) {
		const char *lines[8];
		size_t n = hl_scrub_sentences(res.mode, res.flags, lines,
					      ARRAY_SIZE(lines));

		for (size_t i = 0; i < n && i < ARRAY_SIZE(lines); i++)
			printf("%s\n", lines[i]);
	}
	io_flush_stdout();
	return status;
}

/* xfs_io's words for each argument error, then the usage. */
static int
bad_request(const struct command *cmd, char **argv,
	    const struct hl_scrub_request *req, enum hl_scrub_arg_error why,
	    int bad)
{
	const char *word = bad >= 0 ? argv[bad] : "";
	const char *path = hl_name_of(hl_metapath_names(), req->ino);

	switch (why) {
	case HL_SCRUB_ARGS_OK:
		break;
	case HL_SCRUB_ARGS_UNKNOWN_TYPE:
		io_message("Unknown type '%s'.", word);
		break;
	case HL_SCRUB_ARGS_NEED_AGNO:
		io_message("Must specify one AG number.");
		break;
	case HL_SCRUB_ARGS_BAD_AGNO:
		io_message("Bad AG number '%s'.", word);
		break;
	case HL_SCRUB_ARGS_NEED_INO_GEN:
		io_message("Must specify inode number and generation.");
		break;
	case HL_SCRUB_ARGS_BAD_INO:
		io_message("Bad inode number '%s'.", word);
		break;
	case HL_SCRUB_ARGS_BAD_GEN:
		io_message("Bad generation number '%s'.", word);
		break;
	case HL_SCRUB_ARGS_NEED_RGNO:
		io_message("Must specify one rtgroup number.");
		break;
	case HL_SCRUB_ARGS_BAD_RGNO:
		io_message("Bad rtgroup number '%s'.", word);
		break;
	case HL_SCRUB_ARGS_NEED_METAPATH:
		io_message("Must specify metapath number.");
		break;
	case HL_SCRUB_ARGS_BAD_METAPATH:
		io_message("Bad metapath number '%s'.", word);
		break;
	case HL_SCRUB_ARGS_METAPATH_NEEDS_GROUP:
		io_message("%s: Metapath requires a group number.",
			   path ? path : word);
		break;
	case HL_SCRUB_ARGS_METAPATH_NO_GROUP:
		io_message("%s: Metapath does not take a second argument.",
			   path ? path : word);
		break;
	case HL_SCRUB_ARGS_BAD_GROUP:
		io_message("Bad group number '%s'.", word);
		break;
	case HL_SCRUB_ARGS_NO_PARAMS:
		io_message("No parameters allowed.");
		break;
	}
	return command_usage(cmd);
}

/* No option can repeat more often than there are arguments. */
static int
add_number(const char *arg, uint64_t max, const char *what, void *list,
	   size_t *nr, size_t size)
{
	uint64_t val;

	if (hl_parse_u64(arg, max, &val)) {
		io_message("Bad %s '%s'.", what, arg);
		return EXIT_USAGE;
	}
	if (size == sizeof(uint32_t))
		((uint32_t *)list)[(*nr)++] = val;
	else
		((uint64_t *)list)[(*nr)++] = val;
	return EXIT_ALL_OK;
}

#define MAX_WORKERS_ARG 64

/* The options that only make sense with -a. */
static bool
scope_options(const struct scrub_opts *o)
{
	return o->single || o->metadata_only || o->workers || o->nr_agnos ||
	       o->nr_inos;
}

/* Everything is checked before the file is looked at or an ioctl made. */
static int
parse_opts(const struct command *cmd, int argc, char **argv,
	   struct scrub_opts *o)
{
	uint64_t val;
	int c;

	while ((c = getopt(argc, argv, cmd->opts)) != -1) {
		switch (c) {
		case 'a':
			o->all = true;
			break;
		case 'A':
			if (add_number(optarg, UINT32_MAX, "AG number",
				       o->agnos, &o->nr_agnos,
				       sizeof(uint32_t)))
				return command_usage(cmd);
			break;
		case 'I':
			if (add_number(optarg, UINT64_MAX, "inode number",
				       o->inos, &o->nr_inos, sizeof(uint64_t)))
				return command_usage(cmd);
			/* Inode 0 would mean the open file to the kernel. */
			if (!o->inos[o->nr_inos - 1]) {
				io_message("Bad inode number '%s'.", optarg);
				return command_usage(cmd);
			}
			break;
		case 'j':
			o->json = true;
			break;
		case 'M':
			o->metadata_only = true;
			break;
		case 'p':
			if (hl_parse_u64(optarg, MAX_WORKERS_ARG, &val) ||
			    !val) {
				io_message("Bad worker count '%s' (1 to %d).",
					   optarg, MAX_WORKERS_ARG);
				return command_usage(cmd);
			}
			o->workers = val;
			break;
		case 'r':
			o->repair = true;
			break;
		case 'R':
			o->rebuild = true;
			break;
		case 's':
			o->single = true;
			break;
		default:
			return command_usage(cmd);
		}
	}
	if (o->repair && !expert) {
		io_message("Repair flag requires expert mode "
			   "(start %s with -x).",
			   progname);
		return EXIT_USAGE;
	}
	if (o->rebuild && !o->repair) {
		io_message("Force rebuild (-R) requires the repair flag (-r).");
		return EXIT_USAGE;
	}
	if (!o->all && scope_options(o)) {
		io_message("-A, -I, -M, -p and -s apply only to -a.");
		return EXIT_USAGE;
	}
	if (o->metadata_only && o->nr_inos) {
		io_message("-M checks no inode; it cannot go with -I.");
		return EXIT_USAGE;
	}
	if (o->all && optind != argc) {
		io_message("-a checks every object; it takes no type.");
		return command_usage(cmd);
	}
	if (!o->all && optind == argc)
		return command_usage(cmd);
	return EXIT_ALL_OK;
}

static int
scrub_main(const struct command *cmd, int argc, char **argv, bool repair)
{
	struct scrub_opts o = {.repair = repair};
	struct hl_scrub_request req;
	enum hl_scrub_arg_error why;
	int bad, status;

	o.agnos = calloc(argc, sizeof(*o.agnos));
	o.inos = calloc(argc, sizeof(*o.inos));
	if (!o.agnos || !o.inos) {
		io_error("%s: %s", scrub_verb(&o), strerror(ENOMEM));
		status = EXIT_CMD_FAILED;
		goto out;
	}
	status = parse_opts(cmd, argc, argv, &o);
	if (status)
		goto out;
	if (!o.all && hl_scrub_parse_request(argc - optind, argv + optind, &req,
					     &why, &bad) < 0) {
		status = bad_request(cmd, argv + optind, &req, why, bad);
		goto out;
	}

	status = command_check_file(cmd);
	if (!status)
		status = o.all ? scrub_all(&o) : scrub_one(&o, &req);
out:
	free(o.agnos);
	free(o.inos);
	return status;
}

/* The i-th scrub type's name, for completion. */
static const char *
scrub_type_nth(size_t i)
{
	size_t nr;
	const struct hl_scrub_type *types = hl_scrub_types(&nr);

	if (i >= nr)
		return NULL;
	return types[i].name ? types[i].name : "";
}

static const struct command_arg scrub_completes[] = {
	{.opt = ARG_FIRST, .kind = ARG_NAME, .name = scrub_type_nth},
	{.kind = ARG_END},
};

static int
scrub_f(int argc, char **argv)
{
	return scrub_main(&scrub_command, argc, argv, false);
}

static int
repair_f(int argc, char **argv)
{
	return scrub_main(&repair_command, argc, argv, true);
}

/* What each class of type takes, for the lists in the help. */
static const struct {
	enum hl_scrub_class sclass;
	const char *label;
} class_args[] = {
	{HL_SCRUB_CLASS_PERAG, "Types taking an AG number:"},
	{HL_SCRUB_CLASS_RTGROUP, "Types taking an rtgroup number:"},
	{HL_SCRUB_CLASS_INODE,
	 "Types taking nothing (the open file) or an inode "
	 "number and generation:"},
	{HL_SCRUB_CLASS_GENERIC, "Types taking a metadata path:"},
	{HL_SCRUB_CLASS_FS, "Types taking nothing:"},
};

static void
print_types(int sclass)
{
	size_t nr;
	const struct hl_scrub_type *types = hl_scrub_types(&nr);

	for (size_t i = 0; i < nr; i++) {
		bool fs_like = types[i].sclass == HL_SCRUB_CLASS_NONE ||
			       types[i].sclass == HL_SCRUB_CLASS_FS;

		if (sclass < 0 || (int)types[i].sclass == sclass ||
		    (sclass == HL_SCRUB_CLASS_FS && fs_like))
			printf(" %s", types[i].name);
	}
}

/* The type lists come from the catalogue; the last line is xfs_io's. */
static void
scrub_help_types(void)
{
	const struct hl_name_table *paths = hl_metapath_names();

	for (size_t i = 0; i < ARRAY_SIZE(class_args); i++) {
		printf("%s", class_args[i].label);
		print_types(class_args[i].sclass);
		printf("\n");
	}
	printf("Metadata paths:");
	for (size_t i = 0; i < paths->nr; i++)
		printf(" %s", paths->names[i].name);
	printf("\nPaths taking an rtgroup number as well:");
	for (size_t i = 0; i < paths->nr; i++)
		if (hl_metapath_needs_group(paths->names[i].value))
			printf(" %s", paths->names[i].name);
	printf("\nKnown metadata scrub types are:");
	print_types(-1);
	printf("\n");
}

#define SCRUB_ARGS_TAIL                                                        \
	"[-a [-Ms] [-A agno] [-I ino] [-p N] | "                               \
	"type [agno | rgno | ino gen | metapath [rgno]]]"

const struct command scrub_command = {
	.name = "scrub",
	.altname = "sc",
	.handler = scrub_f,
	.argmin = 1,
	.argmax = -1,
	.flags = CMD_ARGS_FIRST,
	.args = "[-jrR] " SCRUB_ARGS_TAIL,
	.oneline = "scrubs filesystem metadata",
	.help = "Asks the kernel's online scrub (XFS_IOC_SCRUB_METADATA)\n"
		"to check one piece of the current file's filesystem\n"
		"metadata (needs CAP_SYS_ADMIN).  The type names what to\n"
		"check, the arguments after it which one (see the lists\n"
		"below).  A clean result prints nothing; each finding\n"
		"prints one sentence, as xfs_io does: \"Corruption\n"
		"detected.\", \"Optimization possible.\", \"Cross-referencing\n"
		"failed.\", \"Corruption detected during\n"
		"cross-referencing.\", \"Scan was not complete.\".  A failed\n"
		"call prints \"scrub: <error>\".\n"
		" -a -- check the whole filesystem in dependency order:\n"
		"       each AG's headers and btrees, the metadata paths\n"
		"       and realtime groups, every inode (core, forks,\n"
		"       contents, parent pointers, directory tree), the\n"
		"       quota files, link and quota counts, the summary\n"
		"       counters; one line per finding, \"MNT[ agno 0xN|\n"
		"       rgno 0xN| ino N gen 0xN] TYPE: sentence\", then a\n"
		"       summary line\n"
		" -M -- with -a: metadata only, no inode\n"
		" -A -- with -a: only this AG's metadata and inodes,\n"
		"       nothing filesystem-wide (repeatable)\n"
		" -I -- with -a: only this inode (repeatable)\n"
		" -p -- with -a: this many workers over the AGs (default:\n"
		"       one per CPU for the AGs' metadata; for the inodes,\n"
		"       measured: one, then more while that is faster); the\n"
		"       lines come out in the same order\n"
		" -j -- one JSON object per object checked (and, with -a,\n"
		"       a summary object); errors still go to stderr\n"
		" -r -- repair what the check finds, as the repair command\n"
		"       does (expert mode only: start with -x); with -a,\n"
		"       what could not be mended is tried once more at the\n"
		"       end, then \"Offline repair required.\" if it still\n"
		"       cannot\n"
		" -R -- with -r: rebuild the metadata even if it is sound\n"
		" -s -- with -a: one call per check, not vectored calls\n"
		"Exit status: 2 if something is corrupt (after -r: still\n"
		"corrupt) or a check could not complete; 1 if the kernel\n"
		"refused or failed a check; 4 for bad arguments, with no\n"
		"call made.\n",
	.help_tail = scrub_help_types,
	.opts = "aA:I:jMp:rRs",
	.completes = scrub_completes,
};

const struct command repair_command = {
	.name = "repair",
	.altname = "fix",
	.handler = repair_f,
	.argmin = 1,
	.argmax = -1,
	.flags = CMD_ARGS_FIRST | CMD_EXPERT,
	.args = "[-jR] " SCRUB_ARGS_TAIL,
	.oneline = "repairs filesystem metadata",
	.help = "The same as \"scrub -r\": asks the kernel's online repair\n"
		"to check one piece of the current file's filesystem\n"
		"metadata and rebuild it if it is corrupt or could be\n"
		"better (needs CAP_SYS_ADMIN and a read-write mount).  A\n"
		"repaired object prints nothing; otherwise each remaining\n"
		"finding prints one sentence, as xfs_io does: \"Corruption\n"
		"remains.\", \"Optimization possible.\", \"Cross-referencing\n"
		"failed.\", \"Corruption still detected during\n"
		"cross-referencing.\", \"Repair was not complete.\",\n"
		"\"Metadata did not need repair or optimization.\".  A failed\n"
		"call prints \"repair: <error>\".\n"
		" -a -- repair the whole filesystem, in dependency order\n"
		"       (as scrub -a checks it; -M, -A, -I, -p limit it in\n"
		"       the same way); one line per finding or repair,\n"
		"       then a summary line; what could not be mended is\n"
		"       tried once more at the end, and if it still cannot,\n"
		"       \"Offline repair required.\" (status 2)\n"
		" -j -- one JSON object per object (and, with -a, a\n"
		"       summary object); errors still go to stderr\n"
		" -R -- rebuild the metadata even if it is sound\n"
		" -s -- with -a: one call per check, not vectored calls\n"
		"Exit status: 2 if corruption remains or a repair could not\n"
		"complete; 1 if the kernel refused or failed a repair; 4\n"
		"for bad arguments, with no call made.\n",
	.help_tail = scrub_help_types,
	.opts = "aA:I:jMp:Rs",
	.completes = scrub_completes,
};
