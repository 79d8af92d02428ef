// SPDX-License-Identifier: GPL-2.0-or-later
/* Diagnostics and the end-of-run check that stdout really was written. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "io.h"

static void
vreport(bool prefixed, const char *fmt, va_list ap)
{
	fflush(stdout);
	if (prefixed)
		fprintf(stderr, "%s: ", progname);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

/* "prog: message": our own diagnostics. */
void
io_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(true, fmt, ap);
	va_end(ap);
}

/* A bare message: the xfs_io texts that QA scripts match whole. */
void
io_message(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(false, fmt, ap);
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

	if (fflush(stdout) != 0 || ferror(stdout))
		err = errno ? errno : EIO;
	if (fclose(stdout) != 0 && !err)
		err = errno ? errno : EIO;
	if (!err)
		return EXIT_ALL_OK;
	if (err != EPIPE)
		fprintf(stderr, "%s: write error on standard output: %s\n",
			progname, strerror(err));
	return EXIT_CMD_FAILED;
}
