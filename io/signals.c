// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The signals a long command treats as "stop": SIGINT and SIGTERM, unless
 * we were started with one ignored (a background job of a script ignores
 * SIGINT); catching it then would make a signal meant for others stop us.
 */
#include <signal.h>
#include <stddef.h>

#include "io.h"

void
io_stop_signals(sigset_t *set)
{
	static const int sigs[] = {SIGINT, SIGTERM};

	sigemptyset(set);
	for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) {
		struct sigaction old;

		if (sigaction(sigs[i], NULL, &old) == 0 &&
		    old.sa_handler == SIG_IGN)
			continue;
		sigaddset(set, sigs[i]);
	}
}
