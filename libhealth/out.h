/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A bounded line builder for the renderers.  Appends never fail: once the
 * buffer is full the text is cut, but @used keeps counting, so the caller
 * learns how big a buffer the whole line needs.  Hand-rolled number
 * conversion, because printf costs more than the rest of an event's work.
 */
#ifndef XFS_HEALTH_LIBHEALTH_OUT_H
#define XFS_HEALTH_LIBHEALTH_OUT_H

#include <string.h>

#include "internal.h"

struct hl_out {
	char *buf;
	size_t len;  /* capacity, including the terminating NUL */
	size_t used; /* bytes the text needs, even past @len */
	int error;   /* a negative errno from a renderer, else 0 */
};

static inline void
out_init(struct hl_out *o, char *buf, size_t len)
{
	o->buf = buf;
	o->len = len;
	o->used = 0;
	o->error = 0;
}

static inline void
out_mem(struct hl_out *o, const char *s, size_t n)
{
	if (o->used + n < o->len) {
		memcpy(o->buf + o->used, s, n);
	} else if (o->used + 1 < o->len) {
		memcpy(o->buf + o->used, s, o->len - 1 - o->used);
	}
	o->used += n;
}

static inline void
out_str(struct hl_out *o, const char *s)
{
	out_mem(o, s, strlen(s));
}

/* A string literal: its length is known at compile time. */
#define out_lit(o, lit) out_mem((o), "" lit, sizeof(lit) - 1)

static inline void
out_char(struct hl_out *o, char c)
{
	if (o->used + 1 < o->len)
		o->buf[o->used] = c;
	o->used++;
}

/* "s", for names we know need no JSON escaping (fixed ASCII tokens). */
static inline void
out_quoted(struct hl_out *o, const char *s)
{
	out_char(o, '"');
	out_str(o, s);
	out_char(o, '"');
}

static inline void
out_dec(struct hl_out *o, uint64_t v)
{
	char tmp[20];
	char *p = tmp + sizeof(tmp);

	do {
		*--p = '0' + v % 10;
		v /= 10;
	} while (v);
	out_mem(o, p, tmp + sizeof(tmp) - p);
}

/* Lowercase hex with a "0x" prefix, like printf's "0x%llx". */
static inline void
out_hex(struct hl_out *o, uint64_t v)
{
	char tmp[18];
	char *p = tmp + sizeof(tmp);

	do {
		*--p = "0123456789abcdef"[v & 0xf];
		v >>= 4;
	} while (v);
	*--p = 'x';
	*--p = '0';
	out_mem(o, p, tmp + sizeof(tmp) - p);
}

/*
 * Terminate the text.  Returns its length, a renderer's error, or -ENOSPC if
 * the text was cut (then @used says how many bytes, without the NUL, the
 * whole text needs).
 */
int out_finish(struct hl_out *o);

enum out_list {
	OUT_LIST_TEXT, /* a, b, 0x40 */
	OUT_LIST_JSON, /* "a","b","0x40" (the caller adds the brackets) */
};

/*
 * The names of the bits of @mask in table order, then the bits the table
 * does not name as one hex item.  Nothing at all for an empty mask.
 */
void out_mask(struct hl_out *o, const struct hl_name_table *t, uint64_t mask,
	      enum out_list style);

/*
 * The object a line is about, as healthmon lines name it: "<mnt>",
 * "<mnt> agno 0xN", "<mnt> rgno 0xN" or "<mnt> ino N gen 0xG"; r->path,
 * when set, replaces the inode form.  Events, repair and scrub lines all
 * start so.  This and out_json_object: objects.c.
 */
void out_object(struct hl_out *o, const struct hl_render *r,
		enum hl_object object, uint32_t group, uint64_t ino,
		uint32_t gen);

/* The same as JSON members: ,"agno"|"rgno":N or ,"ino":N,"gen":N. */
void out_json_object(struct hl_out *o, enum hl_object object, uint32_t group,
		     uint64_t ino, uint32_t gen);

/* The text form for an event: its domain says which object (FS when none). */
void out_event_object(struct hl_out *o, const struct hl_event *ev,
		      const struct hl_render *r);

/*
 * The JSON members of a health event's object: ,"agno"|"rgno":N or
 * ,"ino":N,"gen":N as the domain has, then "mask", "structures" and, for
 * an inode with r->path set, "path" (json.c).
 */
void out_json_event_object(struct hl_out *o, const struct hl_event *ev,
			   const struct hl_render *r);

/*
 * ,"flags_mask":N,"flags":["name",...] for the result flags among @flags
 * (sm_flags as returned), as scrub and repair lines show them.
 */
void out_json_scrub_flags(struct hl_out *o, uint32_t flags);

/*
 * strerror's text for @err (C locale: the program never calls setlocale),
 * without strerror's gettext lookup where the C library allows.  Returns
 * a static string or @buf.
 */
const char *out_errtext(int err, char *buf, size_t len);

/*
 * Render @item (an event, a health report) into a stack buffer, or a heap
 * buffer if it does not fit, and write it to @f.  Returns 0 or a negative
 * errno.
 */
typedef void (*out_render_fn)(struct hl_out *o, const void *item,
			      const struct hl_render *r);
int out_write(FILE *f, out_render_fn render, const void *item,
	      const struct hl_render *r);

/* The same for the hl_*_format_* functions: length or -errno. */
int out_format(char *buf, size_t len, out_render_fn render, const void *item,
	       const struct hl_render *r);

#endif /* XFS_HEALTH_LIBHEALTH_OUT_H */
