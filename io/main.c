// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * xfs_health: an xfs_io-style shell for the XFS self-healing interfaces.
 * Options, file operands, then -c commands or an interactive prompt.
 */
#include <getopt.h>
#include <libgen.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "input.h"
#include "io.h"

struct cmdline {
	const char *text;
	bool each_file; /* -c: once per open file; -C: current file only */
};

static void
usage(FILE *out)
{
	fprintf(out,
		"Usage: %s [-adfFiLnrstVx] [-m mode] [-p prog] [[-c|-C] cmd]... [file]...\n"
		"Run 'xfs_health -c help' for the commands, see xfs_health(8).\n",
		progname);
}

static int
run_interactive(void)
{
	char prompt[256];
	int status = EXIT_ALL_OK;
	unsigned long nr = 0;
	char *line;
	int ret;

	snprintf(prompt, sizeof(prompt), "%s> ", progname);
	while (!command_quit_requested() &&
	       (ret = input_read_line(prompt, &line)) != 0) {
		nr++;
		if (ret < 0) {
			io_error("input line %lu holds a NUL byte: not run", nr);
			status |= EXIT_USAGE;
			continue;
		}
		status |= command_run_line(line, false);
		free(line);
		io_flush_stdout();
	}
	if (isatty(STDIN_FILENO) && !command_quit_requested())
		putchar('\n');
	return status;
}

static const struct option long_options[] = {
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 },
};

int
main(int argc, char **argv)
{
	struct cmdline *cmds;
	unsigned int open_flags = 0;
	mode_t mode = 0600;
	int nr_cmds = 0, status = EXIT_ALL_OK, c;

	/* getopt names the program from argv[0] in its messages. */
	progname = argv[0] = basename(argv[0]);

	/* A reader that goes away is seen as EPIPE and ends us quietly. */
	signal(SIGPIPE, SIG_IGN);

	cmds = calloc(argc, sizeof(*cmds));
	if (!cmds) {
		perror(progname);
		return EXIT_CMD_FAILED;
	}

	while ((c = getopt_long(argc, argv, "ac:C:dFfiLm:np:rstVx",
				long_options, NULL)) != -1) {
		switch (c) {
		case 'a': open_flags |= IO_APPEND; break;
		case 'd': open_flags |= IO_DIRECT; break;
		case 'f': open_flags |= IO_CREAT; break;
		case 'L': open_flags |= IO_NOFOLLOW; break;
		case 'n': open_flags |= IO_NONBLOCK; break;
		case 'r': open_flags |= IO_READONLY; break;
		case 's': open_flags |= IO_OSYNC; break;
		case 't': open_flags |= IO_TRUNC; break;
		case 'x': expert = true; break;
		case 'p': progname = optarg; break;
		case 'F': /* xfs_io habits: nothing to do here */
		case 'i':
			break;
		case 'c':
		case 'C':
			cmds[nr_cmds++] = (struct cmdline){ optarg, c == 'c' };
			break;
		case 'm':
			if (file_parse_mode(optarg, &mode) < 0) {
				io_error("invalid mode -- %s", optarg);
				free(cmds);
				return EXIT_USAGE;
			}
			break;
		case 'V':
			printf("%s version %s (line editor: %s, %s)\n", progname,
			       XFS_HEALTH_VERSION, input_editor_name, LINK_KIND);
			free(cmds);
			return io_check_stdout();
		case 'h':
			usage(stdout);
			free(cmds);
			return io_check_stdout();
		default:
			usage(stderr);
			free(cmds);
			return EXIT_USAGE;
		}
	}

	/* Every operand must open, or nothing runs: no half-done runs. */
	for (int i = optind; i < argc; i++) {
		int error = file_open(argv[i], open_flags, mode);

		if (error) {
			io_error("%s: %s", argv[i], strerror(-error));
			file_close_all();
			free(cmds);
			return EXIT_CMD_FAILED | io_check_stdout();
		}
	}

	if (nr_cmds == 0) {
		status = run_interactive();
	} else {
		for (int i = 0; i < nr_cmds && !command_quit_requested(); i++) {
			status |= command_run_line(cmds[i].text,
						   cmds[i].each_file);
			io_flush_stdout();
		}
	}

	file_close_all();
	free(cmds);
	return status | io_check_stdout();
}
