// SPDX-License-Identifier: GPL-2.0-or-later
/* Finding, checking and running one command line. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "io.h"

/* -x: expert-only commands exist (set once, by main). */
bool expert;

static bool quit_requested;

void
command_request_quit(void)
{
	quit_requested = true;
}

bool
command_quit_requested(void)
{
	return quit_requested;
}

/* Expert-only commands do not exist at all without -x, as in xfs_io. */
bool
command_available(const struct command *cmd)
{
	return expert || !(cmd->flags & CMD_EXPERT);
}

const struct command *
command_nth(size_t i)
{
	for (size_t n = 0; n <= i; n++)
		if (!command_table[n])
			return NULL;
	return command_table[i];
}

const char *
command_name_nth(size_t i)
{
	const struct command *cmd = command_nth(i / 2);

	if (!cmd)
		return NULL;
	if (!command_available(cmd))
		return "";
	if (i % 2)
		return cmd->altname ? cmd->altname : "";
	return cmd->name;
}

/* Exact names only: a prefix never selects a command. */
const struct command *
command_find(const char *name)
{
	for (const struct command *const *p = command_table; *p; p++) {
		const struct command *cmd = *p;

		if (!command_available(cmd))
			continue;
		if (!strcmp(cmd->name, name) ||
		    (cmd->altname && !strcmp(cmd->altname, name)))
			return cmd;
	}
	return NULL;
}

/*
 * fputs, not printf: "-c help" never runs vfprintf, whose first run is a
 * measurable part of a start under emulation (tests/bench/startup).
 */
void
command_print_oneline(const struct command *cmd)
{
	fputs(cmd->name, stdout);
	if (cmd->altname) {
		fputs(" (or ", stdout);
		fputs(cmd->altname, stdout);
		putchar(')');
	}
	if (cmd->args) {
		putchar(' ');
		fputs(cmd->args, stdout);
	}
	fputs(" -- ", stdout);
	fputs(cmd->oneline, stdout);
	putchar('\n');
}

/* After a bad argument: the synopsis on stderr, and a usage status. */
int
command_usage(const struct command *cmd)
{
	io_message("Usage: %s %s", cmd->name, cmd->args ? cmd->args : "");
	io_message("Try 'help %s' for more information.", cmd->name);
	return EXIT_USAGE;
}

/*
 * Split on blanks.  Single or double quotes keep blanks inside one word and
 * a backslash escapes the next character; xfs_io has neither, and no xfs_io
 * command line uses them, so this only adds paths with spaces.
 */
int
command_split(char *line, char ***argvp)
{
	char **argv = NULL;
	int argc = 0;
	char *in = line, *out = line;

	for (;;) {
		char quote = 0, *word;
		char **grown;

		while (*in == ' ' || *in == '\t' || *in == '\n')
			in++;
		if (!*in)
			break;
		word = out;
		while (*in && (quote || (*in != ' ' && *in != '\t' &&
					 *in != '\n'))) {
			if (quote && *in == quote) {
				quote = 0;
				in++;
			} else if (!quote && (*in == '"' || *in == '\'')) {
				quote = *in++;
			} else if (*in == '\\' && in[1] && quote != '\'') {
				in++;
				*out++ = *in++;
			} else {
				*out++ = *in++;
			}
		}
		if (quote) {
			free(argv);
			return -EINVAL;
		}
		if (*in)
			in++;
		*out++ = '\0';

		grown = realloc(argv, (argc + 2) * sizeof(*argv));
		if (!grown) {
			free(argv);
			return -ENOMEM;
		}
		argv = grown;
		argv[argc++] = word;
		argv[argc] = NULL;
	}
	*argvp = argv;
	return argc;
}

static bool
argcount_ok(const struct command *cmd, int nargs)
{
	if (nargs >= cmd->argmin && (cmd->argmax < 0 || nargs <= cmd->argmax))
		return true;

	if (cmd->argmax < 0)
		io_message("bad argument count %d to %s, expected at least %d arguments",
			   nargs, cmd->name, cmd->argmin);
	else if (cmd->argmin == cmd->argmax)
		io_message("bad argument count %d to %s, expected %d arguments",
			   nargs, cmd->name, cmd->argmin);
	else
		io_message("bad argument count %d to %s, expected between %d and %d arguments",
			   nargs, cmd->name, cmd->argmin, cmd->argmax);
	return false;
}

/*
 * The checks xfs_io makes before a command runs, with its messages.  Commands
 * that need a file only for some of their work call this themselves.
 */
int
command_check_file(const struct command *cmd)
{
	const struct io_file *file = file_current();

	if (cmd->flags & CMD_NOFILE_OK)
		return EXIT_ALL_OK;
	if (!file) {
		io_message("no files are open, try 'help open'");
		return EXIT_CMD_FAILED;
	}
	if ((file->flags & IO_FOREIGN) && !(cmd->flags & CMD_FOREIGN_OK)) {
		io_message("foreign file active, %s command is for XFS filesystems only",
			   cmd->name);
		return EXIT_CMD_FAILED;
	}
	return EXIT_ALL_OK;
}

static int
run_once(const struct command *cmd, int argc, char **argv)
{
	int status;

	if (!(cmd->flags & CMD_ARGS_FIRST)) {
		status = command_check_file(cmd);
		if (status)
			return status;
	}
	/* Each handler parses its own options from a fresh getopt state. */
	optind = 0;
	opterr = 1;
	return cmd->handler(argc, argv);
}

int
command_run_line(const char *line, bool each_file)
{
	const struct command *cmd;
	char *copy, **argv = NULL;
	int argc, status = EXIT_ALL_OK;

	copy = strdup(line);
	if (!copy) {
		io_error("%s", strerror(ENOMEM));
		return EXIT_CMD_FAILED;
	}
	argc = command_split(copy, &argv);
	if (argc < 0) {
		if (argc == -EINVAL)
			io_error("unterminated quote in: %s", line);
		else
			io_error("%s", strerror(-argc));
		status = EXIT_USAGE;
		goto out;
	}
	if (argc == 0)
		goto out;

	cmd = command_find(argv[0]);
	if (!cmd) {
		io_message("command \"%s\" not found", argv[0]);
		status = EXIT_USAGE;
		goto out;
	}
	if (!argcount_ok(cmd, argc - 1)) {
		status = EXIT_USAGE;
		goto out;
	}

	if (!each_file || (cmd->flags & CMD_ONESHOT) || file_count() == 0) {
		status = run_once(cmd, argc, argv);
	} else {
		int saved = file_current_index();

		for (int i = 0; i < file_count() && !command_quit_requested();
		     i++) {
			file_set_current(i);
			status |= run_once(cmd, argc, argv);
		}
		file_set_current(saved);
	}
out:
	free(argv);
	free(copy);
	return status;
}
