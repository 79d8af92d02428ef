/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Reading command lines: libedit, readline or plain stdio (build option). */
#ifndef XFS_HEALTH_INPUT_H
#define XFS_HEALTH_INPUT_H

/* Which line editor this binary was built with: "libedit", ... */
extern const char input_editor_name[];

/*
 * Read one line without its newline into *line; the caller frees it.  A
 * terminal gets @prompt and line editing with history; anything else is
 * read as plain lines with no prompt and no echo.  Returns 1 for a line, 0
 * at end of input, -EINVAL for a plain line holding a NUL byte (consumed,
 * and not returned: cut there, it would run a command that was not sent).
 */
int input_read_line(const char *prompt, char **line);

#endif /* XFS_HEALTH_INPUT_H */
