/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What a child of the daemon does between fork and exec: only
 * async-signal-safe calls, since the daemon has threads.
 */
#ifndef XFS_HEALTH_HEALER_CHILD_H
#define XFS_HEALTH_HEALER_CHILD_H

/*
 * Default handling for the signals the daemon blocks or ignores (exec
 * resets handlers, not those), nothing blocked.
 */
void child_reset_signals(void);

/* Every descriptor from @first up, closed. */
void child_close_from(int first);

#endif /* XFS_HEALTH_HEALER_CHILD_H */
