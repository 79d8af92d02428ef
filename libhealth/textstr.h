/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Names the user controls in text lines, escaped (textstr.c). */
#ifndef XFS_HEALTH_LIBHEALTH_TEXTSTR_H
#define XFS_HEALTH_LIBHEALTH_TEXTSTR_H

#include <stdbool.h>
#include <stddef.h>

#include "out.h"

/* Length of the well-formed UTF-8 sequence at @p (RFC 3629), or 0. */
size_t hl_utf8_seq(const unsigned char *p);

/* Its code point (@n from hl_utf8_seq, 1 to 4). */
unsigned int hl_utf8_code_point(const unsigned char *p, size_t n);

/*
 * Is the well-formed @n-byte sequence at @p one that changes a display: a
 * C1 control (U+0080-U+009F), U+2028, U+2029, or a bidirectional override
 * or isolate (U+202A-U+202E, U+2066-U+2069)?
 */
bool hl_utf8_unsafe(const unsigned char *p, size_t n);

/* Append @s with every byte a reader could act on escaped. */
void out_text(struct hl_out *o, const char *s);

/*
 * The same but for backslashes, which go out as they are: for a text of
 * ours whose names were escaped already, and whose other backslashes are
 * someone's syntax (systemd's \x2d in a unit name).  It cannot break a
 * line either; only its backslashes do not read back.
 */
void out_text_safe(struct hl_out *o, const char *s);

/*
 * The render context's mount point, escaped for a text line: once by
 * hl_render_init; a context made by hand, here.
 */
static inline void
out_mount(struct hl_out *o, const struct hl_render *r)
{
	if (r->text_mountpoint)
		out_str(o, r->text_mountpoint);
	else
		out_text(o, r->mountpoint);
}

#endif /* XFS_HEALTH_LIBHEALTH_TEXTSTR_H */
