/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Names the user controls in text lines, escaped (textstr.c). */
#ifndef XFS_HEALTH_LIBHEALTH_TEXTSTR_H
#define XFS_HEALTH_LIBHEALTH_TEXTSTR_H

#include <stddef.h>

struct hl_out;

/* Length of the well-formed UTF-8 sequence at @p (RFC 3629), or 0. */
size_t hl_utf8_seq(const unsigned char *p);

/* Append @s with every byte a reader could act on escaped. */
void out_text(struct hl_out *o, const char *s);

#endif /* XFS_HEALTH_LIBHEALTH_TEXTSTR_H */
