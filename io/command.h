/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The xfs_health command dispatcher: one const record per command, exact-name
 * lookup, argument-count checks, per-file iteration, exit-status bits.
 */
#ifndef XFS_HEALTH_COMMAND_H
#define XFS_HEALTH_COMMAND_H

#include <stdbool.h>
#include <stddef.h>

/*
 * Exit status bits (fsck-like; documented in xfs_health(8)).  Handlers return
 * an OR of these; the program exits with the OR over every command run.
 */
enum {
	EXIT_ALL_OK = 0,
	EXIT_CMD_FAILED = 1 << 0, /* a command could not do its job */
	EXIT_PROBLEM = 1 << 1,    /* a command found corruption, bad media... */
	EXIT_USAGE = 1 << 2,      /* bad command line or command arguments */
	EXIT_UNFINISHED = 1 << 3, /* stopped at its time limit, work left */
};

/* Command flags. */
enum {
	CMD_NOFILE_OK = 1u << 0,  /* runs without an open file */
	CMD_FOREIGN_OK = 1u << 1, /* runs on files that are not on XFS */
	CMD_ONESHOT = 1u << 2,    /* -c runs it once, not once per open file */
	CMD_EXPERT = 1u << 3,     /* exists only in expert mode (-x) */
	/*
	 * The handler parses its arguments before it calls
	 * command_check_file(), so that a usage error is reported the same
	 * way whatever file is open.
	 */
	CMD_ARGS_FIRST = 1u << 4,
};

struct option;

/* What a command's argument is, for completion (io/complete.c). */
enum command_arg_kind {
	ARG_END = 0,   /* ends a command's list */
	ARG_PATH,      /* a file name */
	ARG_NAME,      /* one of the names below */
	ARG_NAME_LIST, /* names below, joined by commas */
};

/* Which argument: getopt's value for an option's, or these. */
enum {
	ARG_FIRST = -1, /* the first argument that is not an option */
	ARG_EVERY = -2, /* every argument that is not an option */
};

struct command_arg {
	int opt;
	enum command_arg_kind kind;
	/* The names it takes: a table, or the i-th (NULL past the last). */
	const struct hl_name_table *(*table)(void);
	const char *(*name)(size_t i);
};

struct command {
	const char *name;
	const char *altname;
	int (*handler)(int argc, char **argv);
	int argmin;  /* positional arguments after the name */
	int argmax;  /* -1: no upper limit */
	unsigned int flags;
	const char *args;    /* synopsis of the arguments, NULL if none */
	const char *oneline; /* one-line help */
	const char *help;    /* long help, printed after the one-line help */
	void (*help_tail)(void); /* prints what the help takes from tables */
	/* Its options, which its handler gives getopt: NULL for none. */
	const char *opts;
	const struct option *long_opts;
	const struct command_arg *completes; /* ends with ARG_END; or NULL */
};

/* The command table (io/commands.c), sorted by name, NULL-terminated. */
extern const struct command *const command_table[];

/* Global state set from the command line: output.c, command.c. */
extern const char *progname;
extern bool expert;

/* The @i-th command of the table, NULL past the end. */
const struct command *command_nth(size_t i);

const struct command *command_find(const char *name);

/*
 * Names of commands available in this mode, and their aliases: the i-th,
 * "" for one that is not available, NULL past the last.
 */
const char *command_name_nth(size_t i);
bool command_available(const struct command *cmd);

/*
 * Run one command line.  @each_file: run the command once for every open
 * file, as xfs_io does for -c, unless the command is one-shot.
 * Returns exit-status bits.
 */
int command_run_line(const char *line, bool each_file);

/* Split a line into words; quotes group words.  argv is malloc'd. */
int command_split(char *line, char ***argvp);

/* Quitting is not a status: the quit command asks for it. */
void command_request_quit(void);
bool command_quit_requested(void);

/*
 * Does @cmd have the file it needs: a current file unless CMD_NOFILE_OK, on
 * XFS unless CMD_FOREIGN_OK?  The dispatcher asks before every handler but
 * those flagged CMD_ARGS_FIRST, which ask themselves.
 */
int command_check_file(const struct command *cmd);

/* Print the usage of @cmd (one-line form) to stderr after an argument error. */
int command_usage(const struct command *cmd);

/* "name (or alt) args -- oneline" */
void command_print_oneline(const struct command *cmd);

#endif /* XFS_HEALTH_COMMAND_H */
