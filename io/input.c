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
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

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
#include "complete.h"
#include "history.h"
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

#if defined(LINE_EDITOR_LIBEDIT) || defined(LINE_EDITOR_READLINE)
/*
 * The editor's functions and variables, through pointers: a dynamic
 * libedit build finds them in the library it loads at the first use.
 */
static struct {
	__typeof__(readline) *readline;
	__typeof__(add_history) *add_history;
	__typeof__(using_history) *using_history;
	__typeof__(stifle_history) *stifle_history;
	__typeof__(rl_completion_matches) *completion_matches;
	__typeof__(rl_filename_completion_function) *filename_completion;
	__typeof__(rl_attempted_completion_function) *attempted_completion;
	__typeof__(rl_attempted_completion_over) *completion_over;
	__typeof__(rl_basic_word_break_characters) *basic_word_break;
	__typeof__(rl_completer_word_break_characters) *completer_word_break;
	__typeof__(rl_line_buffer) *line_buffer;
	__typeof__(rl_point) *point;
	__typeof__(rl_completion_append_character) *append_char;
	__typeof__(rl_filename_completion_desired) *filename_desired;
} ed;

#if defined(LINE_EDITOR_DLOPEN)
/* Loads libedit once; false (after a notice) if it cannot be. */
static bool
load_editor(void)
{
	static const struct {
		const char *name;
		size_t offset;
	} syms[] = {
#define SYM(field, name) {#name, offsetof(__typeof__(ed), field)}
		SYM(readline, readline),
		SYM(add_history, add_history),
		SYM(using_history, using_history),
		SYM(stifle_history, stifle_history),
		SYM(completion_matches, rl_completion_matches),
		SYM(filename_completion, rl_filename_completion_function),
		SYM(attempted_completion, rl_attempted_completion_function),
		SYM(completion_over, rl_attempted_completion_over),
		SYM(basic_word_break, rl_basic_word_break_characters),
		SYM(completer_word_break, rl_completer_word_break_characters),
		SYM(line_buffer, rl_line_buffer),
		SYM(point, rl_point),
		SYM(append_char, rl_completion_append_character),
		SYM(filename_desired, rl_filename_completion_desired),
#undef SYM
	};
	static int loaded; /* 0 not tried, 1 loaded, -1 failed */
	void *h;

	if (loaded)
		return loaded > 0;
	loaded = -1;
	h = dlopen("libedit.so.2", RTLD_NOW | RTLD_LOCAL);
	if (!h) {
		fprintf(stderr, "%s: no line editing: %s\n", progname,
			dlerror());
		return false;
	}
	for (size_t i = 0; i < sizeof(syms) / sizeof(syms[0]); i++) {
		void *p = dlsym(h, syms[i].name);

		if (!p) {
			fprintf(stderr,
				"%s: no line editing: libedit.so.2 "
				"lacks %s\n",
				progname, syms[i].name);
			dlclose(h);
			return false;
		}
		memcpy((char *)&ed + syms[i].offset, &p, sizeof(p));
	}
	loaded = 1;
	return true;
}
#else
static bool
load_editor(void)
{
	ed.readline = readline;
	ed.add_history = add_history;
	ed.using_history = using_history;
	ed.stifle_history = stifle_history;
	ed.completion_matches = rl_completion_matches;
	ed.filename_completion = rl_filename_completion_function;
	ed.attempted_completion = &rl_attempted_completion_function;
	ed.completion_over = &rl_attempted_completion_over;
	ed.basic_word_break = &rl_basic_word_break_characters;
	ed.completer_word_break = &rl_completer_word_break_characters;
	ed.line_buffer = &rl_line_buffer;
	ed.point = &rl_point;
	ed.append_char = &rl_completion_append_character;
	ed.filename_desired = &rl_filename_completion_desired;
	return true;
}
#endif

/*
 * The words that complete, as the editor takes them: complete_line()'s
 * replace line[c.start, cursor), the editor's its own word, which a comma
 * or '=' ends where ours does not, so each is cut or lengthened to start
 * where the editor's does.
 */
static char **matches;
static size_t nr_matches, next;

static void
forget_matches(void)
{
	for (size_t i = 0; i < nr_matches; i++)
		free(matches[i]);
	free(matches);
	matches = NULL;
	nr_matches = next = 0;
}

/* Adds @word (which replaces line[from, ...)) as the editor's @text_at. */
static int
add_match(const char *line, size_t from, size_t text_at, const char *word)
{
	char **grown, *m = NULL;

	if (from >= text_at) {
		if (asprintf(&m, "%.*s%s", (int)(from - text_at),
			     line + text_at, word) < 0)
			return -ENOMEM;
	} else if (strlen(word) >= text_at - from) {
		m = strdup(word + (text_at - from));
		if (!m)
			return -ENOMEM;
	} else {
		return 0;
	}
	grown = realloc(matches, (nr_matches + 1) * sizeof(*grown));
	if (!grown) {
		free(m);
		return -ENOMEM;
	}
	matches = grown;
	matches[nr_matches++] = m;
	return 0;
}

/*
 * File names from the editor's own completion, as plain words: one that
 * is a directory ends in '/' with nothing after it, as the editors do for
 * file names (libedit's emulation would add a space).
 */
static int
add_file_names(const char *line, size_t from, size_t cursor, size_t text_at)
{
	char *path = strndup(line + from, cursor - from), *m, *last = NULL;
	struct stat st;
	int error = 0;

	if (!path)
		return -ENOMEM;
	for (int state = 0; !error && (m = ed.filename_completion(path, state));
	     state++) {
		/*
		 * Neither editor escapes what it inserts here, and the
		 * dispatcher would split or unquote such a name.
		 */
		if (strpbrk(m, " \t\n\"'\\")) {
			free(m);
			continue;
		}
		error = add_match(line, from, text_at, m);
		free(last);
		last = m;
	}
	*ed.filename_desired = 0; /* readline's quoting and marks: not ours */
	if (!error && nr_matches == 1 && last && !stat(last, &st) &&
	    S_ISDIR(st.st_mode) && last[strlen(last) - 1] != '/') {
		m = matches[0];
		if (asprintf(&matches[0], "%s/", m) < 0) {
			matches[0] = m;
			error = -ENOMEM;
		} else {
			free(m);
			*ed.append_char = '\0';
		}
	}
	free(last);
	free(path);
	return error;
}

static char *
next_match(const char *text, int state)
{
	(void)text;
	if (!state)
		next = 0;
	return next < nr_matches ? strdup(matches[next++]) : NULL;
}

static char **
attempt_completion(const char *text, int start, int end)
{
	const char *line = *ed.line_buffer;
	size_t cursor = (size_t)*ed.point, len = strlen(text), line_len,
	       text_at;
	struct completion c;
	int error = 0;

	(void)start;
	(void)end;
	*ed.completion_over = 1; /* never the editor's own file names */
	*ed.append_char = ' ';
	forget_matches();
	if (!line)
		return NULL;
	line_len = strlen(line);
	/*
	 * The editor's text ends at the cursor, whose offset libedit counts
	 * in characters, not bytes: the first place from there on where the
	 * text ends is the cursor.
	 */
	if (cursor > line_len || len > cursor)
		return NULL;
	while (cursor <= line_len && strncmp(line + cursor - len, text, len))
		cursor++;
	if (cursor > line_len || complete_line(line, cursor, &c))
		return NULL;
	text_at = cursor - len;
	if (c.path)
		error = add_file_names(line, c.start, cursor, text_at);
	for (size_t i = 0; !error && i < c.nr; i++)
		error = add_match(line, c.start, text_at, c.words[i]);
	completion_free(&c);
	if (error || !nr_matches)
		return NULL;
	return ed.completion_matches(text, next_match);
}

static void
add_line(const char *line)
{
	ed.add_history(line);
}

static char *
read_edited(const char *prompt)
{
	static bool ready;
	char *line;

	if (!ready) {
		ed.using_history();
		ed.stifle_history(HISTORY_LINES);
		*ed.attempted_completion = attempt_completion;
		*ed.basic_word_break = " \t\n,=";
		*ed.completer_word_break = (char *)" \t\n,=";
		history_file_load(add_line);
		ready = true;
	}
	line = ed.readline(prompt);
	/* Blank lines are not worth recalling. */
	if (line && line[strspn(line, " \t")]) {
		ed.add_history(line);
		history_file_add(line);
	}
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
