// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Reading command lines.  A terminal gets the line editor chosen at build
 * time (libedit by default; GNU readline would make the binary GPLv3, so it
 * is only an option); anything else is read as plain lines, because the
 * editors differ in how they prompt and echo on a pipe.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#if defined(LINE_EDITOR_LIBEDIT)
#include <editline/readline.h>
#elif defined(LINE_EDITOR_READLINE)
#include <readline/history.h>
#include <readline/readline.h>
#endif

#include "input.h"

const char input_editor_name[] = LINE_EDITOR_NAME;

static char *
read_plain(const char *prompt)
{
	char *line = NULL;
	size_t size = 0;
	ssize_t len;

	if (prompt) {
		fputs(prompt, stdout);
		fflush(stdout);
	}
	len = getline(&line, &size, stdin);
	if (len < 0) {
		free(line);
		return NULL;
	}
	if (len > 0 && line[len - 1] == '\n')
		line[len - 1] = '\0';
	return line;
}

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

char *
input_read_line(const char *prompt)
{
	if (!isatty(STDIN_FILENO))
		return read_plain(NULL);
#if defined(LINE_EDITOR_LIBEDIT) || defined(LINE_EDITOR_READLINE)
	return read_edited(prompt);
#else
	return read_plain(prompt);
#endif
}
