// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The history file: one line per command line entered at a terminal,
 * appended as it is entered (a crash keeps it, two sessions interleave),
 * made 0600, and cut back to the last HISTORY_LINES when it has grown to
 * twice that.  Our own format, plain lines, so that a libedit build and a
 * readline build read each other's.  Writers lock the file (flock) and
 * check that the name still leads to the file they locked: a cut replaces
 * it under its name.
 */
#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/file.h>
#include <sys/stat.h>

#include "history.h"
#include "io.h"

/* Longer lines are not kept: the file's size stays bounded. */
#define HISTORY_LINE_MAX 4096

static char *path;   /* NULL: no history file */
static size_t lines; /* in the file, as far as we know */

/* Says once why the history file is not used, and stops using it. */
static void
give_up(const char *why)
{
	io_error("history file %s: %s; this session's lines are not kept", path,
		 why);
	free(path);
	path = NULL;
}

/* Is @dir (followed) a directory of ours?  0 or -errno (-EPERM: not ours). */
static int
own_dir(const char *dir)
{
	struct stat st;

	if (stat(dir, &st))
		return -errno;
	if (!S_ISDIR(st.st_mode))
		return -ENOTDIR;
	return st.st_uid == geteuid() ? 0 : -EPERM;
}

/*
 * @base/@sub/history, with the directories of @sub made 0700 where they
 * are missing.  @base and every directory on the way must be ours: root
 * given a user's HOME (sudo -E) must not make root's directories there.
 */
static char *
place_under(const char *base, const char *sub)
{
	char *p;
	int error = 0;

	if (asprintf(&p, "%s/%s/history", base, sub) < 0)
		return NULL;
	for (char *s = p + strlen(base) + 1; (s = strchr(s, '/')); s++) {
		*s = '\0';
		error = own_dir(p);
		if (error == -ENOENT)
			error = mkdir(p, 0700) ? -errno : 0;
		*s = '/';
		if (error)
			break;
	}
	if (error) {
		io_error("history file %s: %s; this session's lines are not "
			 "kept",
			 p,
			 error == -EPERM ? "a directory on its path is another "
					   "user's"
					 : strerror(-error));
		free(p);
		return NULL;
	}
	return p;
}

static char *
default_path(void)
{
	const char *env = getenv("XFS_HEALTH_HISTORY");
	const char *state = getenv("XDG_STATE_HOME");
	const char *home = getenv("HOME");
	struct passwd *pw;

	if (env)
		return *env ? strdup(env) : NULL;
	/* The XDG spec: a relative XDG_STATE_HOME is to be ignored. */
	if (state && state[0] == '/') {
		int error = own_dir(state);

		if (error == -ENOENT)
			error = mkdir(state, 0700) ? -errno : 0;
		if (!error)
			return place_under(state, "xfs_health");
	}
	if (!home || home[0] != '/' || own_dir(home)) {
		/* Not ours (another user's, kept by sudo): our own home. */
		pw = getpwuid(geteuid());
		home = pw ? pw->pw_dir : NULL;
		if (!home || home[0] != '/' || own_dir(home))
			return NULL;
	}
	return place_under(home, ".local/state/xfs_health");
}

/* Is the file open on @fd ours to use?  NULL, or why not. */
static const char *
not_ours(int fd)
{
	struct stat st;

	if (fstat(fd, &st))
		return strerror(errno);
	if (!S_ISREG(st.st_mode))
		return "not a regular file";
	if (st.st_uid != geteuid())
		return "owned by another user";
	if (st.st_nlink != 1)
		return "has other hard links";
	return NULL;
}

/*
 * Opens and locks the file; if a cut replaced it meanwhile, the new one.
 * The descriptor, or -1 after give_up().
 */
static int
open_locked(int flags)
{
	for (int tries = 0; tries < 8; tries++) {
		struct stat fst, st;
		const char *why;
		int fd, locks;

		/* Non-blocking: a FIFO planted there must not hang us. */
		fd = open(path,
			  flags | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY |
				  O_CLOEXEC,
			  0600);
		if (fd < 0) {
			if (errno == ENOENT && !(flags & O_CREAT))
				return -1; /* gone since: nothing to read */
			give_up(errno == ELOOP ? "a symbolic link"
					       : strerror(errno));
			return -1;
		}
		why = not_ours(fd);
		if (!why && fcntl(fd, F_SETFL, flags & O_APPEND))
			why = strerror(errno);
		/* Another session holds the lock a moment: 1 s at most. */
		for (locks = 0; !why && flock(fd, LOCK_EX | LOCK_NB); locks++) {
			if (errno != EWOULDBLOCK || locks == 100) {
				why = errno == EWOULDBLOCK
					      ? "locked by another "
						"process"
					      : strerror(errno);
				break;
			}
			usleep(10000);
		}
		if (why) {
			close(fd);
			give_up(why);
			return -1;
		}
		if (!fstat(fd, &fst) && !stat(path, &st) &&
		    fst.st_ino == st.st_ino && fst.st_dev == st.st_dev)
			return fd;
		close(fd);
	}
	give_up("replaced while in use");
	return -1;
}

/* The last HISTORY_LINES lines of @f (a ring), and how many it holds. */
struct tail {
	char *line[HISTORY_LINES];
	size_t nr; /* lines read */
};

static void
read_tail(FILE *f, struct tail *t)
{
	char *buf = NULL;
	size_t size = 0;
	ssize_t len;

	while ((len = getline(&buf, &size, f)) > 0) {
		char **slot = &t->line[t->nr % HISTORY_LINES];

		if (buf[len - 1] == '\n')
			buf[--len] = '\0';
		free(*slot);
		*slot = strdup(buf);
		t->nr++;
	}
	free(buf);
}

/* How many lines the ring holds. */
static size_t
tail_kept(const struct tail *t)
{
	return t->nr < HISTORY_LINES ? t->nr : HISTORY_LINES;
}

/* Line @i of the ring (below tail_kept()), oldest first; NULL if lost. */
static char *
tail_line(const struct tail *t, size_t i)
{
	return t->line[(t->nr - tail_kept(t) + i) % HISTORY_LINES];
}

/* The file cut to its last HISTORY_LINES (the caller holds its lock). */
static void
cut(const struct tail *t)
{
	char *text = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&text, &len);
	int error;

	if (!m)
		return;
	for (size_t i = 0; i < tail_kept(t); i++)
		if (tail_line(t, i))
			fprintf(m, "%s\n", tail_line(t, i));
	error = fclose(m) ? -ENOMEM : 0;
	if (!error)
		error = hl_file_replace(path, text, len, 0600, false);
	free(text);
	if (error)
		give_up(strerror(-error));
	else
		lines = tail_kept(t);
}

/* Reads the file under its lock: its lines to @add, cut if it is long. */
static void
load(void (*add)(const char *line))
{
	struct tail *t = calloc(1, sizeof(*t));
	FILE *f;
	int fd;

	if (!t)
		return;
	fd = open_locked(O_RDONLY);
	if (fd < 0)
		goto out;
	f = fdopen(fd, "r");
	if (!f) {
		close(fd);
		goto out;
	}
	read_tail(f, t);
	lines = t->nr;
	if (add)
		for (size_t i = 0; i < tail_kept(t); i++)
			if (tail_line(t, i) && *tail_line(t, i))
				add(tail_line(t, i));
	if (t->nr >= 2 * HISTORY_LINES)
		cut(t);
	fclose(f); /* unlocks */
out:
	for (size_t i = 0; i < HISTORY_LINES; i++)
		free(t->line[i]);
	free(t);
}

void
history_file_load(void (*add)(const char *line))
{
	path = default_path();
	if (path && access(path, F_OK) == 0)
		load(add);
}

void
history_file_add(const char *line)
{
	size_t len = strlen(line);
	char *rec;
	int fd;

	/* A line with a newline in it (^V^J) would come back as two. */
	if (!path || !len || len > HISTORY_LINE_MAX || strchr(line, '\n'))
		return;
	if (asprintf(&rec, "%s\n", line) < 0)
		return;
	fd = open_locked(O_WRONLY | O_APPEND | O_CREAT);
	if (fd >= 0) {
		ssize_t n = write(fd, rec, len + 1);

		if (n < 0)
			give_up(strerror(errno));
		else if (n != (ssize_t)(len + 1))
			give_up(strerror(ENOSPC)); /* a short write: full */
		close(fd);
		if (path && ++lines >= 2 * HISTORY_LINES)
			load(NULL);
	}
	free(rec);
}
