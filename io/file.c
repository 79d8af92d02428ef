// SPDX-License-Identifier: GPL-2.0-or-later
/* The open-file table (its commands: file_cmds.c). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/vfs.h>

#include "io.h"

#define XFS_SUPER_MAGIC_NUMBER 0x58465342 /* "XFSB" */

static struct io_file *files;
static int nr_files;
static int current;

static int
open_flags(unsigned int flags)
{
	int oflags = (flags & IO_READONLY) ? O_RDONLY : O_RDWR;

	if (flags & IO_DIRECT)
		oflags |= O_DIRECT;
	if (flags & IO_OSYNC)
		oflags |= O_SYNC;
	if (flags & IO_APPEND)
		oflags |= O_APPEND;
	if (flags & IO_NONBLOCK)
		oflags |= O_NONBLOCK;
	if (flags & IO_CREAT)
		oflags |= O_CREAT;
	if (flags & IO_TRUNC)
		oflags |= O_TRUNC;
	if (flags & IO_NOFOLLOW)
		oflags |= O_NOFOLLOW;
	return oflags | O_CLOEXEC;
}

/*
 * Open @path and make it the current file.  Like xfs_io, a directory asked
 * for read-write is opened read-only instead (and listed as read-write, as
 * xfs_io lists it), so that a mount point can be given without -r.  Returns
 * 0 or a negative errno.
 */
int
file_open(const char *path, unsigned int flags, mode_t mode)
{
	struct statfs sfs;
	struct io_file *grown;
	char *name;
	int fd;

	fd = open(path, open_flags(flags), mode);
	if (fd < 0 && errno == EISDIR && !(flags & IO_READONLY)) {
		/* xfs_io still lists it with the flags asked for. */
		fd = open(path, open_flags(flags | IO_READONLY), mode);
	}
	if (fd < 0)
		return -errno;

	if (fstatfs(fd, &sfs) < 0 || sfs.f_type != XFS_SUPER_MAGIC_NUMBER)
		flags |= IO_FOREIGN;

	name = strdup(path);
	grown = realloc(files, (nr_files + 1) * sizeof(*files));
	if (!name || !grown) {
		free(name);
		if (grown)
			files = grown;
		close(fd);
		return -ENOMEM;
	}
	files = grown;
	files[nr_files] = (struct io_file){ .name = name, .fd = fd, .flags = flags };
	current = nr_files++;
	return 0;
}

int
file_count(void)
{
	return nr_files;
}

struct io_file *
file_get(int index)
{
	return (index >= 0 && index < nr_files) ? &files[index] : NULL;
}

struct io_file *
file_current(void)
{
	return file_get(current);
}

int
file_current_index(void)
{
	return current;
}

void
file_set_current(int index)
{
	if (index >= 0 && index < nr_files)
		current = index;
}

/* Closing makes the first remaining file current, as in xfs_io. */
void
file_close_current(void)
{
	struct io_file *file = file_current();

	if (!file)
		return;
	close(file->fd);
	free(file->name);
	memmove(file, file + 1, (nr_files - current - 1) * sizeof(*file));
	nr_files--;
	current = 0;
	if (!nr_files) {
		free(files);
		files = NULL;
	}
}

void
file_close_all(void)
{
	while (nr_files) {
		current = nr_files - 1;
		file_close_current();
	}
}

/*
 * The xfs_io file listing: brackets mark the current file.  Names are
 * escaped as in every line (hl_text_escape).
 */
void
file_print_table(void)
{
	for (int i = 0; i < nr_files; i++) {
		const struct io_file *f = &files[i];
		bool cur = (i == current);
		char *shown = hl_text_needs_escape(f->name)
				      ? hl_text_escape_dup(f->name)
				      : NULL;

		printf("%c%03d%c %-14s (%s,%s,%s,%s%s%s)\n", cur ? '[' : ' ', i,
		       cur ? ']' : ' ', shown ? shown : f->name,
		       (f->flags & IO_FOREIGN) ? "foreign" : "xfs",
		       (f->flags & IO_OSYNC) ? "sync" : "non-sync",
		       (f->flags & IO_DIRECT) ? "direct" : "non-direct",
		       (f->flags & IO_READONLY) ? "read-only" : "read-write",
		       (f->flags & IO_APPEND) ? ",append" : "",
		       (f->flags & IO_NONBLOCK) ? ",nonblock" : "");
		free(shown);
	}
}

/* Shared by the open command and the program's own options. */
int
file_parse_mode(const char *arg, mode_t *mode)
{
	char *end;
	unsigned long val;

	errno = 0;
	val = strtoul(arg, &end, 8);
	if (errno || end == arg || *end || val > 07777)
		return -EINVAL;
	*mode = val;
	return 0;
}
