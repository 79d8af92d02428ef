// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The one list of commands.  help, the man page check and the dispatcher all
 * read it; keep it sorted by name (help lists it in this order).
 */
#include <stddef.h>

#include "io.h"

const struct command *const command_table[] = {
	&close_command,
	&file_command,
	&health_command,
	&healthmon_command,
	&help_command,
	&open_command,
	&print_command,
	&probe_command,
	&quit_command,
	&repair_command,
	&scrub_command,
	&verify_media_command,
	NULL,
};
