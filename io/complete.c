// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Completion's candidates.  libhealth says what the word at the cursor is
 * (hl_cpl_where); the command table says what that takes: its options
 * (the string its handler gives getopt) and its arguments' kinds
 * (command.completes), whose names come from the tables the parsers use.
 * Nothing here knows the line editor: io/input.c hands the words to it.
 */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "complete.h"
#include "io.h"

static bool
lookup(const char *name, struct hl_cpl_spec *spec, void *arg)
{
	const struct command *cmd = command_find(name);

	if (!cmd)
		return false;
	spec->opts = cmd->opts;
	spec->long_opts = cmd->long_opts;
	*(const struct command **)arg = cmd;
	return true;
}

/* Adds @word if it starts with line[c->start, cursor) and is new. */
static int
offer(struct completion *c, const char *prefix, size_t len, const char *word)
{
	char **grown;

	if (!word || !*word || strncmp(word, prefix, len))
		return 0;
	for (size_t i = 0; i < c->nr; i++)
		if (!strcmp(c->words[i], word))
			return 0;
	grown = realloc(c->words, (c->nr + 1) * sizeof(*grown));
	if (!grown)
		return -ENOMEM;
	c->words = grown;
	c->words[c->nr] = strdup(word);
	if (!c->words[c->nr])
		return -ENOMEM;
	c->nr++;
	return 0;
}

static int
offer_commands(struct completion *c, const char *prefix, size_t len)
{
	const char *name;
	int error = 0;

	for (size_t i = 0; !error && (name = command_name_nth(i)); i++)
		error = offer(c, prefix, len, name);
	return error;
}

static int
offer_options(struct completion *c, const struct command *cmd,
	      const char *prefix, size_t len)
{
	int error = 0;

	for (const char *o = cmd->opts; !error && o && *o; o++) {
		char opt[3] = {'-', *o, '\0'};

		if (*o != ':' && *o != '+')
			error = offer(c, prefix, len, opt);
	}
	for (const struct option *o = cmd->long_opts; !error && o && o->name;
	     o++) {
		char *opt;

		if (asprintf(&opt, "--%s", o->name) < 0)
			return -ENOMEM;
		error = offer(c, prefix, len, opt);
		free(opt);
	}
	return error;
}

/* Is @name an item of the comma list list[0, len)? */
static bool
listed(const char *list, size_t len, const char *name)
{
	size_t n = strlen(name);

	for (size_t i = 0; i < len; i += strcspn(list + i, ",") + 1)
		if (i + n < len && list[i + n] == ',' &&
		    !strncmp(list + i, name, n))
			return true;
	return false;
}

static int
offer_names(struct completion *c, const struct command_arg *arg,
	    const char *line, size_t cursor)
{
	const struct hl_name_table *t = arg->table ? arg->table() : NULL;
	size_t list_start = c->start;
	const char *name;
	int error = 0;

	if (arg->kind == ARG_NAME_LIST) {
		for (size_t i = c->start; i < cursor; i++)
			if (line[i] == ',')
				c->start = i + 1;
	}
	for (size_t i = 0; !error; i++) {
		if (t)
			name = i < t->nr ? t->names[i].name : NULL;
		else
			name = arg->name(i);
		if (!name)
			break;
		if (listed(line + list_start, c->start - list_start, name))
			continue;
		error = offer(c, line + c->start, cursor - c->start, name);
	}
	return error;
}

/* The kind of argument @w is for @cmd, or NULL if it takes no names. */
static const struct command_arg *
arg_at(const struct command *cmd, const struct hl_cpl_where *w)
{
	for (const struct command_arg *a = cmd->completes;
	     a && a->kind != ARG_END; a++) {
		if (w->kind == HL_CPL_OPTARG && a->opt == w->opt)
			return a;
		if (w->kind == HL_CPL_POSITIONAL &&
		    (a->opt == ARG_EVERY || (a->opt == ARG_FIRST && !w->pos)))
			return a;
	}
	return NULL;
}

int
complete_line(const char *line, size_t cursor, struct completion *c)
{
	const struct command *cmd = NULL;
	const struct command_arg *arg;
	struct hl_cpl_where w;
	int error;

	*c = (struct completion){.start = cursor};
	error = hl_cpl_where(line, cursor, lookup, &cmd, &w);
	if (error)
		return error == -ENOMEM ? error : 0;
	c->start = w.start;
	switch (w.kind) {
	case HL_CPL_NONE:
		return 0;
	case HL_CPL_COMMAND:
		error = offer_commands(c, line + c->start, cursor - c->start);
		break;
	case HL_CPL_OPTION:
		error = offer_options(c, cmd, line + c->start,
				      cursor - c->start);
		break;
	case HL_CPL_OPTARG:
	case HL_CPL_POSITIONAL:
		arg = arg_at(cmd, &w);
		if (arg && arg->kind == ARG_PATH)
			c->path = true;
		else if (arg)
			error = offer_names(c, arg, line, cursor);
		break;
	}
	if (error)
		completion_free(c);
	return error;
}

void
completion_free(struct completion *c)
{
	for (size_t i = 0; i < c->nr; i++)
		free(c->words[i]);
	free(c->words);
	*c = (struct completion){.start = c->start};
}
