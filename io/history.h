/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The line editor's history, kept across runs in a file of the user's. */
#ifndef XFS_HEALTH_HISTORY_H
#define XFS_HEALTH_HISTORY_H

/* Most lines kept; a file grown past twice this is cut back to it. */
#define HISTORY_LINES 1000

/*
 * Gives @add the history file's lines, oldest first, at most
 * HISTORY_LINES.  The file is $XFS_HEALTH_HISTORY (empty: no history),
 * else $XDG_STATE_HOME/xfs_health/history, else
 * ~/.local/state/xfs_health/history.  A file that is not a regular file
 * of ours is neither read nor written (said once).
 */
void history_file_load(void (*add)(const char *line));

/* Appends @line to the file (each line at once: sessions interleave). */
void history_file_add(const char *line);

#endif /* XFS_HEALTH_HISTORY_H */
