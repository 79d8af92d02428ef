// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Reading command lines.  A terminal gets the line editor chosen at build
 * time (libedit by default; GNU readline would make the binary GPLv3, so it
 * is only an option); anything else is read as plain lines, because the
 * editors differ in how they prompt and echo on a pipe.
 *
 * A static build (the default, see the Makefile's LINK) links the editor
 * in.  A dynamic one does not link libedit but loads it (dlopen) at the
 * first line read from a terminal: with its libraries (libtinfo, libbsd,
 * libmd) it would be most of the start-up of a non-interactive run (-c,
 * scripts), two thirds of its instructions.  Without libedit.so.2, a
 * terminal then gets plain lines.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#if defined(LINE_EDITOR_LIBEDIT)
#include <editline/readline.h>
#if defined(LINE_EDITOR_DLOPEN)
#include <dlfcn.h>
#endif
#elif defined(LINE_EDITOR_READLINE)
#include <readline/history.h>
#include <readline/readline.h>
#endif

#include "command.h"
#include "input.h"

const char input_editor_name[] = LINE_EDITOR_NAME;

/*
 * A line that holds a NUL byte would be cut there as a C string, so that
 * "help\0healthmon" ran help: such a line is refused whole (-EINVAL).
 */
static int
read_plain(const char *prompt, char **linep)
{
	char *line = NULL;
	size_t size = 0;
	ssize_t len;

	*linep = NULL;
	if (prompt) {
		fputs(prompt, stdout);
		fflush(stdout);
	}
	len = getline(&line, &size, stdin);
	if (len < 0) {
		free(line);
		return 0;
	}
	if (len > 0 && line[len - 1] == '\n')
		line[--len] = '\0';
	if (strlen(line) != (size_t)len) {
		free(line);
		return -EINVAL;
	}
	*linep = line;
	return 1;
}

#if defined(LINE_EDITOR_LIBEDIT) && defined(LINE_EDITOR_DLOPEN)
/* libedit's functions, from the library loaded at the first use. */
static struct {
	__typeof__(readline) *readline;
	__typeof__(add_history) *add_history;
	__typeof__(using_history) *using_history;
	__typeof__(stifle_history) *stifle_history;
} ed;

/* Loads libedit once; false (after a notice) if it cannot be. */
static bool
load_editor(void)
{
	static int loaded; /* 0 not tried, 1 loaded, -1 failed */
	void *h;

	if (loaded)
		return loaded > 0;
	loaded = -1;
	h = dlopen("libedit.so.2", RTLD_NOW | RTLD_LOCAL);
	if (!h) {
		fprintf(stderr, "%s: no line editing: %s\n", progname, dlerror());
		return false;
	}
	ed.readline = (__typeof__(ed.readline))dlsym(h, "readline");
	ed.add_history = (__typeof__(ed.add_history))dlsym(h, "add_history");
	ed.using_history = (__typeof__(ed.using_history))dlsym(h, "using_history");
	ed.stifle_history = (__typeof__(ed.stifle_history))dlsym(h, "stifle_history");
	if (!ed.readline || !ed.add_history || !ed.using_history || !ed.stifle_history) {
		fprintf(stderr, "%s: no line editing: libedit.so.2 lacks readline()\n",
			progname);
		dlclose(h);
		return false;
	}
	loaded = 1;
	return true;
}
#define readline ed.readline
#define add_history ed.add_history
#define using_history ed.using_history
#define stifle_history ed.stifle_history
#elif defined(LINE_EDITOR_LIBEDIT) || defined(LINE_EDITOR_READLINE)
static bool
load_editor(void)
{
	return true;
}
#endif

#if defined(LINE_EDITOR_LIBEDIT) || defined(LINE_EDITOR_READLINE)
static char *
read_edited(const char *prompt)
{
	static bool ready;
	char *line;

	if (!ready) {
		using_history();
		stifle_history(100);
		ready = true;
	}
	line = readline(prompt);
	if (line && *line)
		add_history(line);
	return line;
}
#endif

int
input_read_line(const char *prompt, char **line)
{
	if (!isatty(STDIN_FILENO))
		return read_plain(NULL, line);
#if defined(LINE_EDITOR_LIBEDIT) || defined(LINE_EDITOR_READLINE)
	if (load_editor()) {
		*line = read_edited(prompt);
		return *line != NULL;
	}
	return read_plain(prompt, line);
#else
	return read_plain(prompt, line);
#endif
}
