// SPDX-License-Identifier: GPL-2.0-or-later
/* Diagnostics and the end-of-run check that stdout really was written. */
#include <errno.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io.h"

/*
 * The errno of the first failed write to stdout, for the report at exit: by
 * then errno says something else (isatty() leaves ENOTTY behind), and a
 * flush with nothing left to write fails no more.
 */
static int stdout_errno;

int
io_flush_stdout(void)
{
	bool was_bad = ferror(stdout);
	int saved = errno, ret;

	errno = 0;
	ret = fflush(stdout);
	if (!stdout_errno && errno && (ret != 0 || (!was_bad && ferror(stdout))))
		stdout_errno = errno;
	if (ret == 0)
		errno = saved;
	return ret;
}

/* Nobody reads the pipe or socket @fd any more. */
static bool
reader_gone(int fd)
{
	struct pollfd pfd = { .fd = fd, .events = 0 };

	return fd >= 0 && poll(&pfd, 1, 0) == 1 &&
	       (pfd.revents & (POLLERR | POLLHUP));
}

/* The name messages start with (-p; main sets it from argv[0]). */
const char *progname = "xfs_health";

/*
 * Diagnostics often name what the user gave (files, mount points, words of
 * a command line): the whole text is escaped as names in lines are
 * (libhealth's hl_text_escape), so that none can break the line.  Text
 * that libhealth rendered has its names escaped already: @verbatim.
 */

static void __attribute__((format(printf, 3, 0)))
vreport(bool prefixed, bool verbatim, const char *fmt, va_list ap)
{
	char *text = NULL, *shown = NULL;

	io_flush_stdout();
	if (vasprintf(&text, fmt, ap) < 0)
		text = NULL;
	else if (!verbatim && hl_text_needs_escape(text))
		shown = hl_text_escape_dup(text);
	if (prefixed)
		fprintf(stderr, "%s: ", progname);
	fputs(shown ? shown : text ? text : fmt, stderr);
	fputc('\n', stderr);
	free(shown);
	free(text);
}

/* "prog: message": our own diagnostics. */
void
io_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(true, false, fmt, ap);
	va_end(ap);
}

/* A bare message: the xfs_io texts that QA scripts match whole. */
void
io_message(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(false, false, fmt, ap);
	va_end(ap);
}

/* The same for a text whose names libhealth's renderers escaped. */
void
io_message_verbatim(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(false, true, fmt, ap);
	va_end(ap);
}

/*
 * Output that could not be written is a failure, not silence.  A reader that
 * went away (EPIPE) ends us quietly, but still with a failure status.
 */
int
io_check_stdout(void)
{
	int err = 0;

	/* -1: a write failed, but why is no longer known. */
	if (io_flush_stdout() != 0 || ferror(stdout))
		err = stdout_errno ? stdout_errno : -1;
	if (err < 0 && reader_gone(fileno(stdout)))
		err = EPIPE;
	if (fclose(stdout) != 0 && !err)
		err = errno ? errno : -1;
	if (!err)
		return EXIT_ALL_OK;
	if (err > 0 && err != EPIPE)
		fprintf(stderr, "%s: write error on standard output: %s\n",
			progname, strerror(err));
	else if (err < 0)
		fprintf(stderr, "%s: write error on standard output\n",
			progname);
	return EXIT_CMD_FAILED;
}
