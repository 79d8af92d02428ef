/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Strings the user controls (mount points, paths) as JSON. */
#ifndef XFS_HEALTH_LIBHEALTH_JSONSTR_H
#define XFS_HEALTH_LIBHEALTH_JSONSTR_H

/*
 * The JSON members for @key and the bytes of @s: "key":"..." escaped as
 * doc/output-format.md says.  JSON text must be UTF-8, so bytes that do not form UTF-8 become
 * U+FFFD in that string, and "key_hex":"<every byte of s in hex>" follows so
 * that nothing is lost.  Returns a malloc'd string, or NULL without memory.
 */
char *hl_json_members(const char *key, const char *s);

struct hl_out;

/*
 * Append ",<members>" (as above) to a line being built, with no allocation.
 * For strings we do not control: file names, paths, error texts.
 */
void out_json_members(struct hl_out *o, const char *key, const char *s);

/* Append ,"error_text":"<strerror(err)>". */
void out_json_error_text(struct hl_out *o, int err);

#endif /* XFS_HEALTH_LIBHEALTH_JSONSTR_H */
