// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The xfs_health command line: each input line goes through the real
 * dispatcher (command_run_line: command_split, exact-name lookup, argument
 * counts, the file checks) and the real handlers, as piped input or -c
 * commands would.
 *
 * The seam is the command table, which this target supplies instead of
 * io/commands.c: the same records, except that
 *  - open and healthmon run their real handlers on argument lists in which
 *    every path they could open is /dev/null (healthmon's -P metrics file,
 *    which is replaced whole by a rename, a scratch file of this process;
 *    its -d delay 0), so that no input reads, creates or truncates a real
 *    file or sleeps; the options and which take file names come from the
 *    commands' records;
 *  - quit stops reading lines, as io/main.c's loop does, without setting
 *    io/'s process-wide quit flag, which nothing resets.
 * No file other than /dev/null is ever open, so every kernel command stops
 * at its file check (an XFS file is needed) after parsing its arguments.
 * At start the table is checked against io/commands.c's.
 *
 * Input: a flags byte (1: expert mode, -x; 2: lines run like -c, once per
 * open file), then lines.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fuzz.h"
#include "io.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* io/commands.c's table, compiled under this name (tests/fuzz/fuzz.mk). */
extern const struct command *const io_command_table[];

static struct command open_safe, healthmon_safe, quit_safe;
static bool quit_seen;

/* clang-format off */
const struct command *const command_table[] = {
	&close_command,
	&file_command,
	&health_command,
	&healthmon_safe,
	&help_command,
	&open_safe,
	&print_command,
	&probe_command,
	&quit_safe,
	&repair_command,
	&scrub_command,
	&verify_media_command,
	NULL,
};
/* clang-format on */

static char dev_null[] = "/dev/null";
static char zero[] = "0";

/* What the argument of each kind of option becomes. */
struct safe_opts {
	const char *optstring;
	char paths[32];	     /* files read or written in place: /dev/null */
	const char *zeroed;  /* "0" */
	const char *scratch; /* files replaced whole (renamed over): scratch */
};

/* A file of our own to replace: never /dev/null, which a rename would. */
static char scratch[64];
static const char *scratch_dir;

static void
remove_scratch(void)
{
	unlink(scratch);
	rmdir(scratch_dir);
}

static char *
replacement(const struct safe_opts *so, char opt)
{
	if (strchr(so->scratch, opt))
		return scratch;
	if (strchr(so->paths, opt))
		return dev_null;
	if (strchr(so->zeroed, opt))
		return zero;
	return NULL;
}

/*
 * The words getopt(3) would take for @so->optstring, with permutation:
 * every operand becomes /dev/null, and each option's argument what
 * replacement() says.  Words are replaced, never written to: handlers may
 * cut up their arguments.  Returns the malloc'd replacements to free
 * (NULL-terminated).
 */
static char **
make_safe(int argc, char **argv, const struct safe_opts *so)
{
	char **owned = calloc(argc + 1, sizeof(*owned));
	int nowned = 0;
	bool operands = false;

	FZ_CHECK(owned);
	for (int i = 1; i < argc; i++) {
		char *w = argv[i], *r;

		if (operands || w[0] != '-' || !w[1]) {
			argv[i] = dev_null;
			continue;
		}
		if (!strcmp(w, "--")) {
			operands = true;
			continue;
		}
		for (int j = 1; w[j]; j++) {
			const char *o = w[j] != ':'
						? strchr(so->optstring, w[j])
						: NULL;

			if (!o || o[1] != ':')
				continue;
			/* The option's argument: the rest, or the next word. */
			r = replacement(so, w[j]);
			if (w[j + 1] && r) {
				char *nw;

				FZ_CHECK(asprintf(&nw, "%.*s%s", j + 1, w, r) >=
					 0);
				argv[i] = owned[nowned++] = nw;
			} else if (!w[j + 1] && i + 1 < argc) {
				i++;
				if (r)
					argv[i] = r;
			}
			break;
		}
	}
	return owned;
}

static void
free_owned(char **owned)
{
	for (char **p = owned; *p; p++)
		free(*p);
	free(owned);
}

static int
run_safe(const struct command *real, int argc, char **argv,
	 const struct safe_opts *so)
{
	char **copy = malloc((argc + 1) * sizeof(*copy)), **owned;
	int status;

	FZ_CHECK(copy);
	memcpy(copy, argv, (argc + 1) * sizeof(*copy));
	owned = make_safe(argc, copy, so);
	status = real->handler(argc, copy);
	free_owned(owned);
	free(copy);
	return status;
}

/*
 * The options of @cmd whose argument is a file name, from its record (a
 * string of its own here once drifted: healthmon's -P wrote metrics files
 * named by the fuzzer's input into the working directory).
 */
static void
path_options(const struct command *cmd, struct safe_opts *so)
{
	size_t n = 0;

	so->optstring = cmd->opts;
	for (const struct command_arg *a = cmd->completes;
	     a && a->kind != ARG_END; a++)
		if (a->kind == ARG_PATH && a->opt > 0 && a->opt < 128 &&
		    n + 1 < sizeof(so->paths))
			so->paths[n++] = (char)a->opt;
	so->paths[n] = '\0';
}

static int
open_safe_f(int argc, char **argv)
{
	struct safe_opts so = {.zeroed = "", .scratch = ""};

	path_options(&open_command, &so);
	return run_safe(&open_command, argc, argv, &so);
}

/* -P's metrics file is replaced whole; -d's delay would sleep. */
static int
healthmon_safe_f(int argc, char **argv)
{
	struct safe_opts so = {.zeroed = "d", .scratch = "P"};

	path_options(&healthmon_command, &so);
	return run_safe(&healthmon_command, argc, argv, &so);
}

static int
quit_safe_f(int argc, char **argv)
{
	quit_seen = true;
	return EXIT_ALL_OK;
}

static void
wrap(struct command *safe, const struct command *real,
     int (*handler)(int, char **))
{
	*safe = *real;
	safe->handler = handler;
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	static char dir[] = "/tmp/fuzz_cmdline.XXXXXX";
	int i;

	FZ_CHECK(mkdtemp(dir));
	snprintf(scratch, sizeof(scratch), "%s/metrics", dir);
	scratch_dir = dir;
	atexit(remove_scratch);
	wrap(&open_safe, &open_command, open_safe_f);
	wrap(&healthmon_safe, &healthmon_command, healthmon_safe_f);
	wrap(&quit_safe, &quit_command, quit_safe_f);

	/* A command added to io/commands.c must be added here too. */
	for (i = 0; io_command_table[i]; i++)
		FZ_CHECK(command_table[i] &&
			 !strcmp(command_table[i]->name,
				 io_command_table[i]->name));
	FZ_CHECK(!command_table[i]);

	fz_quiet_stdio();
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t flags = size ? data[0] : 0;
	char *text = malloc(size + 1), *save = NULL;

	FZ_CHECK(text);
	if (size)
		memcpy(text, data + 1, size - 1);
	text[size ? size - 1 : 0] = '\0';
	/* A NUL would end a line early rather than start the next one. */
	for (size_t i = 0; i + 1 < size; i++)
		if (!text[i])
			text[i] = '\n';

	expert = flags & 1;
	quit_seen = false;
	/* Like io/main.c: one line at a time until quit or the end. */
	for (char *l = strtok_r(text, "\n", &save); l && !quit_seen;
	     l = strtok_r(NULL, "\n", &save)) {
		int status = command_run_line(l, flags & 2);

		FZ_CHECK(status >= 0 && status <= 7);
		fflush(stdout);
	}
	file_close_all();
	free(text);
	return 0;
}
