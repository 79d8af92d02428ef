// SPDX-License-Identifier: GPL-2.0-or-later
/* The help and quit commands. */
#include <stdio.h>

#include "io.h"

static void
help_all(void)
{
	const struct command *cmd;

	for (size_t i = 0; (cmd = command_nth(i)); i++)
		if (command_available(cmd))
			command_print_oneline(cmd);
	fputs("\nUse 'help commandname' for extended help.\n", stdout);
}

static int
help_f(int argc, char **argv)
{
	const struct command *cmd;

	if (argc == 1) {
		help_all();
		return EXIT_ALL_OK;
	}
	cmd = command_find(argv[1]);
	if (!cmd) {
		io_message("command %s not found", argv[1]);
		return EXIT_USAGE;
	}
	command_print_oneline(cmd);
	if (cmd->help) {
		putchar('\n');
		fputs(cmd->help, stdout);
	}
	if (cmd->help_tail)
		cmd->help_tail();
	return EXIT_ALL_OK;
}

static int
quit_f(int argc, char **argv)
{
	command_request_quit();
	return EXIT_ALL_OK;
}

const struct command help_command = {
	.name = "help",
	.altname = "?",
	.handler = help_f,
	.argmin = 0,
	.argmax = 1,
	.flags = CMD_NOFILE_OK | CMD_FOREIGN_OK | CMD_ONESHOT,
	.args = "[command]",
	.oneline = "list the commands, or describe one command",
	.help = "Without an argument, lists every command with its arguments\n"
		"and a one-line summary.  With a command name (or alias),\n"
		"describes that command and its options.\n",
	.completes = (const struct command_arg[]){
		{.opt = ARG_FIRST, .kind = ARG_NAME, .name = command_name_nth},
		{.kind = ARG_END},
	},
};

const struct command quit_command = {
	.name = "quit",
	.altname = "q",
	.handler = quit_f,
	.argmin = 0,
	.argmax = 0,
	.flags = CMD_NOFILE_OK | CMD_FOREIGN_OK | CMD_ONESHOT,
	.args = NULL,
	.oneline = "exit the program",
	.help = "Stops reading commands; later -c commands are not run.  The\n"
		"exit status still reports what earlier commands found.\n",
};
