// SPDX-License-Identifier: GPL-2.0-or-later
/* The open, file, close and print commands over the open-file table. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "io.h"

static int
open_f(int argc, char **argv)
{
	unsigned int flags = 0;
	mode_t mode = 0600;
	int c, error;

	while ((c = getopt(argc, argv, open_command.opts)) != -1) {
		switch (c) {
		case 'a': flags |= IO_APPEND; break;
		case 'd': flags |= IO_DIRECT; break;
		case 'f': flags |= IO_CREAT; break;
		case 'L': flags |= IO_NOFOLLOW; break;
		case 'n': flags |= IO_NONBLOCK; break;
		case 'r': flags |= IO_READONLY; break;
		case 's': flags |= IO_OSYNC; break;
		case 't': flags |= IO_TRUNC; break;
		case 'm':
			if (file_parse_mode(optarg, &mode) < 0) {
				io_error("open: invalid mode -- %s", optarg);
				return EXIT_USAGE;
			}
			break;
		default:
			return command_usage(&open_command);
		}
	}
	if (optind != argc - 1)
		return command_usage(&open_command);

	error = file_open(argv[optind], flags, mode);
	if (error) {
		io_error("%s: %s", argv[optind], strerror(-error));
		return EXIT_CMD_FAILED;
	}
	return EXIT_ALL_OK;
}

static int
file_f(int argc, char **argv)
{
	char *end;
	long index;

	if (argc == 2) {
		errno = 0;
		index = strtol(argv[1], &end, 10);
		if (errno || end == argv[1] || *end || index < 0 ||
		    index >= file_count()) {
			io_message("value %s is out of range (0-%d)", argv[1],
				   file_count() - 1);
			return EXIT_USAGE;
		}
		file_set_current((int)index);
	}
	file_print_table();
	return EXIT_ALL_OK;
}

static int
close_f(int argc, char **argv)
{
	file_close_current();
	return EXIT_ALL_OK;
}

static int
print_f(int argc, char **argv)
{
	file_print_table();
	return EXIT_ALL_OK;
}

const struct command open_command = {
	.name = "open",
	.altname = "o",
	.handler = open_f,
	.argmin = 1,
	.argmax = -1,
	.flags = CMD_NOFILE_OK | CMD_FOREIGN_OK | CMD_ONESHOT,
	.args = "[-adfLnrst] [-m mode] path",
	.oneline = "open a file and make it the current file",
	.help = "Opens a file (or directory) and makes it the current file.\n"
		"A directory asked for read-write is opened read-only.\n"
		" -a -- append (O_APPEND)\n"
		" -d -- direct I/O (O_DIRECT)\n"
		" -f -- create the file if missing (O_CREAT)\n"
		" -L -- do not follow a final symlink (O_NOFOLLOW)\n"
		" -m mode -- octal permissions for a created file (default 0600)\n"
		" -n -- non-blocking (O_NONBLOCK)\n"
		" -r -- read-only (O_RDONLY)\n"
		" -s -- synchronous writes (O_SYNC)\n"
		" -t -- truncate (O_TRUNC)\n",
	.opts = "adfLm:nrst",
	.completes = (const struct command_arg[]){
		{.opt = ARG_FIRST, .kind = ARG_PATH},
		{.kind = ARG_END},
	},
};

const struct command file_command = {
	.name = "file",
	.altname = "f",
	.handler = file_f,
	.argmin = 0,
	.argmax = 1,
	.flags = CMD_NOFILE_OK | CMD_FOREIGN_OK | CMD_ONESHOT,
	.args = "[N]",
	.oneline = "make file N the current file, then list the open files",
	.help = "Without N, lists the open files.  With N, makes the file at\n"
		"index N (as listed) the current file first.  The current file\n"
		"is shown in [brackets].\n",
};

const struct command close_command = {
	.name = "close",
	.altname = "c",
	.handler = close_f,
	.argmin = 0,
	.argmax = 0,
	.flags = CMD_FOREIGN_OK | CMD_ONESHOT,
	.args = NULL,
	.oneline = "close the current file",
	.help = "Closes the current file; the first remaining file becomes\n"
		"the current file.\n",
};

const struct command print_command = {
	.name = "print",
	.altname = "p",
	.handler = print_f,
	.argmin = 0,
	.argmax = 0,
	.flags = CMD_NOFILE_OK | CMD_FOREIGN_OK | CMD_ONESHOT,
	.args = NULL,
	.oneline = "list the open files",
	.help = "Lists the open files, one per line: index, name as given, and\n"
		"(xfs or foreign, sync or non-sync, direct or non-direct,\n"
		"read-only or read-write[,append][,nonblock]).  The current\n"
		"file's index is shown in [brackets].\n",
};
