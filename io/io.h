/* SPDX-License-Identifier: GPL-2.0-or-later */
/* State and helpers shared by the xfs_health commands (io/ only). */
#ifndef XFS_HEALTH_IO_H
#define XFS_HEALTH_IO_H

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

#include "command.h"
#include "health.h"

/* Open flags, as shown by the file listing. */
enum {
	IO_READONLY = 1u << 0,
	IO_DIRECT = 1u << 1,
	IO_OSYNC = 1u << 2,
	IO_APPEND = 1u << 3,
	IO_NONBLOCK = 1u << 4,
	IO_CREAT = 1u << 5,
	IO_TRUNC = 1u << 6,
	IO_NOFOLLOW = 1u << 7,
	IO_FOREIGN = 1u << 8, /* not on XFS: XFS-only commands refuse it */
};

struct io_file {
	char *name; /* exactly as the user gave it */
	int fd;
	unsigned int flags;
};

/* The open-file table; the current file is what commands act on. */
int file_open(const char *path, unsigned int flags, mode_t mode);
int file_count(void);
struct io_file *file_get(int index);
struct io_file *file_current(void);
int file_current_index(void);
void file_set_current(int index);
void file_close_current(void);
void file_close_all(void);
void file_print_table(void);
int file_parse_mode(const char *arg, mode_t *mode);

/* Argument parsing (io/parse.c). */
int parse_name_list(const struct hl_name_table *table, char *list,
		    uint64_t *mask, const char **bad);
void print_table_names(FILE *f, const struct hl_name_table *table);

/*
 * SIGINT and SIGTERM, less those we were started with ignored: the signals
 * that stop a long command (io/signals.c).
 */
void io_stop_signals(sigset_t *set);

/* Diagnostics go to stderr after stdout is flushed, so 2>&1 stays ordered. */
void io_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void io_message(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void io_message_verbatim(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));
/* fflush(stdout), remembering why the first write failed. */
int io_flush_stdout(void);
int io_check_stdout(void);

/* Each command's record, listed once in io/commands.c. */
extern const struct command close_command;
extern const struct command file_command;
extern const struct command health_command;
extern const struct command healthmon_command;
extern const struct command help_command;
extern const struct command open_command;
extern const struct command print_command;
extern const struct command probe_command;
extern const struct command quit_command;
extern const struct command repair_command;
extern const struct command scrub_command;
extern const struct command verify_media_command;

#endif /* XFS_HEALTH_IO_H */
