// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Where the cursor stands in a command line being typed: the command's
 * name, an option, an option's argument or a positional argument.  The
 * words are split as the dispatcher splits them (io/command.c) and the
 * options read as getopt_long reads them, so that what completes is what
 * the command would take.
 */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

struct word {
	size_t start; /* offset of its first character in the line */
	char *text;   /* without its quotes and backslashes */
	bool quoted;  /* it had some */
};

static bool
blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n';
}

/*
 * Splits line[0, len) into words, their texts in @buf (@len + 1 bytes, as
 * the dispatcher splits a line in place).  The last is the one the cursor
 * is in: an empty one at @len if the line ends in a blank (or is empty).
 */
static int
split(const char *line, size_t len, char *buf, struct word **wordsp,
      size_t *nrp)
{
	struct word *words = NULL;
	size_t nr = 0, alloc = 0, i = 0;
	char *out = buf;

	for (;;) {
		struct word *w;
		char quote = 0;

		while (i < len && blank(line[i]))
			i++;
		if (nr == alloc) {
			struct word *grown;

			alloc = alloc ? 2 * alloc : 8;
			grown = realloc(words, alloc * sizeof(*words));
			if (!grown) {
				free(words);
				return -ENOMEM;
			}
			words = grown;
		}
		w = &words[nr++];
		*w = (struct word){.start = i, .text = out};
		while (i < len && (quote || !blank(line[i]))) {
			if (quote && line[i] == quote) {
				quote = 0;
				i++;
				w->quoted = true;
			} else if (!quote &&
				   (line[i] == '"' || line[i] == '\'')) {
				quote = line[i++];
				w->quoted = true;
			} else if (line[i] == '\\' && quote != '\'') {
				/* At the cursor: escapes what comes next. */
				if (i + 1 < len)
					*out++ = line[i + 1];
				i += 2;
				w->quoted = true;
			} else {
				*out++ = line[i++];
			}
		}
		*out++ = '\0';
		if (i >= len)
			break;
	}
	*wordsp = words;
	*nrp = nr;
	return 0;
}

/*
 * The long option @name names (up to '=' or its end): exact, or a prefix
 * of exactly one, as getopt_long takes it.  NULL if none or ambiguous.
 */
static const struct option *
find_long(const struct option *longs, const char *name)
{
	const struct option *found = NULL;
	size_t len = strcspn(name, "=");
	int prefixes = 0;

	for (const struct option *o = longs; o && o->name; o++) {
		if (strncmp(o->name, name, len))
			continue;
		if (strlen(o->name) == len)
			return o;
		found = o;
		prefixes++;
	}
	return prefixes == 1 ? found : NULL;
}

/* Does short option @c exist in @opts, and does it take an argument? */
static bool
find_short(const char *opts, char c, bool *takes_arg)
{
	const char *p;

	if (!opts || c == ':' || c == '+' || c == '-' || !c)
		return false;
	p = strchr(opts, c);
	if (!p)
		return false;
	*takes_arg = p[1] == ':';
	return true;
}

/*
 * A word of options, as getopt reads it: sets *@pending to the option
 * whose argument is the next word, if the word ends with one.
 */
static void
read_options(const struct hl_cpl_spec *spec, const char *word, int *pending)
{
	bool takes_arg;

	if (word[1] == '-') {
		const struct option *o = find_long(spec->long_opts, word + 2);

		if (o && o->has_arg == required_argument && !strchr(word, '='))
			*pending = o->val;
		return;
	}
	for (const char *c = word + 1; *c; c++) {
		if (!find_short(spec->opts, *c, &takes_arg))
			return;
		if (takes_arg) {
			if (!c[1])
				*pending = *c;
			return;
		}
	}
}

/* The word at the cursor, knowing what came before it. */
static void
place_current(const struct hl_cpl_spec *spec, const struct word *cur,
	      int pending, bool options_done, int pos, struct hl_cpl_where *w)
{
	const char *t = cur->text;
	bool takes_arg;

	w->start = cur->start;
	if (pending) {
		w->kind = HL_CPL_OPTARG;
		w->opt = pending;
		return;
	}
	if (!options_done && t[0] == '-' && t[1] == '-') {
		const char *eq = strchr(t, '=');
		const struct option *o = find_long(spec->long_opts, t + 2);

		if (!eq) {
			w->kind = HL_CPL_OPTION;
		} else if (o && o->has_arg != no_argument) {
			w->kind = HL_CPL_OPTARG;
			w->opt = o->val;
			w->start = cur->start + (size_t)(eq - t) + 1;
		}
		return;
	}
	if (!options_done && t[0] == '-') {
		/* "-eTYPE": the argument written onto its option. */
		for (const char *c = t + 1; *c; c++) {
			if (!find_short(spec->opts, *c, &takes_arg))
				break;
			if (!takes_arg)
				continue;
			/* "-e" itself completes as an option, to "-e ". */
			if (c[1]) {
				w->kind = HL_CPL_OPTARG;
				w->opt = *c;
				w->start = cur->start + (size_t)(c - t) + 1;
				return;
			}
			break;
		}
		w->kind = HL_CPL_OPTION;
		return;
	}
	w->kind = HL_CPL_POSITIONAL;
	w->pos = pos;
}

int
hl_cpl_where(const char *line, size_t cursor,
	     bool (*lookup)(const char *name, struct hl_cpl_spec *spec,
			    void *arg),
	     void *arg, struct hl_cpl_where *w)
{
	struct hl_cpl_spec spec = {0};
	struct word *words, *cur;
	bool options_done = false;
	int error, pending = 0, pos = 0;
	char *buf;
	size_t nr;

	*w = (struct hl_cpl_where){.kind = HL_CPL_NONE, .start = cursor};
	if (cursor > strlen(line))
		return -EINVAL;
	/* A word's text and NUL take no more room than it and a blank. */
	buf = malloc(cursor + 2);
	if (!buf)
		return -ENOMEM;
	error = split(line, cursor, buf, &words, &nr);
	if (error) {
		free(buf);
		return error;
	}
	cur = &words[nr - 1];
	/* Quotes and backslashes are not completed: the word stays as typed. */
	if (cur->quoted)
		goto out;
	if (nr == 1) {
		w->kind = HL_CPL_COMMAND;
		w->start = cur->start;
		goto out;
	}
	if (!lookup(words[0].text, &spec, arg))
		goto out;
	/* No getopt for the command: every word is an argument. */
	options_done = !spec.opts && !spec.long_opts;
	for (size_t i = 1; i < nr - 1; i++) {
		const char *t = words[i].text;

		if (pending) {
			pending = 0;
		} else if (options_done || t[0] != '-' || !t[1]) {
			pos++;
		} else if (!strcmp(t, "--")) {
			options_done = true;
		} else {
			read_options(&spec, t, &pending);
		}
	}
	place_current(&spec, cur, pending, options_done, pos, w);
out:
	free(words);
	free(buf);
	return 0;
}
