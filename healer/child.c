// SPDX-License-Identifier: GPL-2.0-or-later
/* The daemon's children, between fork and exec (child.h). */
#include <signal.h>
#include <unistd.h>
#include <sys/syscall.h>

#include "child.h"

void
child_reset_signals(void)
{
	static const int reset[] = {SIGHUP,  SIGINT,  SIGQUIT,
				    SIGPIPE, SIGTERM, SIGUSR1};
	struct sigaction dfl = {.sa_handler = SIG_DFL};
	sigset_t none;

	for (size_t i = 0; i < sizeof(reset) / sizeof(reset[0]); i++)
		sigaction(reset[i], &dfl, NULL);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
}

/* close_range needs Linux 5.9; else one by one. */
void
child_close_from(int first)
{
	long max;

#ifdef SYS_close_range
	if (syscall(SYS_close_range, first, ~0U, 0) == 0)
		return;
#endif
	max = sysconf(_SC_OPEN_MAX);
	if (max < 0 || max > 65536)
		max = 65536;
	for (int fd = first; fd < max; fd++)
		close(fd);
}
