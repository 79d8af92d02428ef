// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Events as one JSON object per line (keys: doc/output-format.md).  The
 * mount point is escaped once per stream by hl_render_init; every other
 * string is a fixed ASCII name from the tables, so the rest is put together
 * by hand.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "jsonstr.h"
#include "out.h"

int
hl_render_init(struct hl_render *r, const char *mountpoint)
{
	if (!r || !mountpoint)
		return -EINVAL;
	r->mountpoint = mountpoint;
	r->path = NULL;
	r->path_too_long = false;
	r->text_mountpoint = hl_text_escape_dup(mountpoint);
	r->json_mountpoint = hl_json_members("mount", mountpoint);
	if (r->text_mountpoint && r->json_mountpoint)
		return 0;
	hl_render_free(r);
	return -ENOMEM;
}

void
hl_render_free(struct hl_render *r)
{
	if (!r)
		return;
	free(r->text_mountpoint);
	r->text_mountpoint = NULL;
	free(r->json_mountpoint);
	r->json_mountpoint = NULL;
}

/* ,"key": for a literal key. */
#define KEY(o, k) out_lit((o), ",\"" k "\":")

#define NUM(o, k, v)                                                           \
	do {                                                                   \
		KEY(o, k);                                                     \
		out_dec((o), (v));                                             \
	} while (0)

/* A table's name for @v as a string, or the bare number if it has none. */
static void
name_or_num(struct hl_out *o, const struct hl_name_table *t, uint64_t v)
{
	const char *name = hl_name_of(t, v);

	if (name)
		out_quoted(o, name);
	else
		out_dec(o, v);
}

/* [ "name", ..., "0x..." ] */
static void
name_list(struct hl_out *o, const struct hl_name_table *t, uint32_t bits)
{
	out_char(o, '[');
	out_mask(o, t, bits, OUT_LIST_JSON);
	out_char(o, ']');
}

/* Only the daemon sets a path (or says it left a long one out). */
static void
path(struct hl_out *o, const struct hl_render *r)
{
	if (r->path)
		out_json_members(o, "path", r->path);
	else if (r->path_too_long)
		out_lit(o, ",\"path_too_long\":true");
}

void
out_json_event_object(struct hl_out *o, const struct hl_event *ev,
		      const struct hl_render *r)
{
	enum hl_object object = hl_event_object(ev);

	out_json_object(o, object, ev->group, ev->ino, ev->gen);
	NUM(o, "mask", ev->mask);
	KEY(o, "structures");
	name_list(o, hl_domain_mask_names(ev->domain), ev->mask);
	if (object == HL_OBJECT_INODE)
		path(o, r);
}

static void
media_payload(struct hl_out *o, const struct hl_event *ev)
{
	KEY(o, "device");
	name_or_num(o, hl_domain_names(), ev->domain);
	NUM(o, "daddr", ev->daddr);
	NUM(o, "bbcount", ev->bbcount);
}

static void
filerange_payload(struct hl_out *o, const struct hl_event *ev,
		  const struct hl_render *r)
{
	NUM(o, "ino", ev->ino);
	NUM(o, "gen", ev->gen);
	NUM(o, "pos", ev->pos);
	NUM(o, "len", ev->len);
	NUM(o, "error", ev->error);
	if (ev->error)
		out_json_error_text(o, (int)ev->error);
	path(o, r);
}

static void
render_json(struct hl_out *o, const void *item, const struct hl_render *r)
{
	const struct hl_event *ev = item;

	out_char(o, '{');
	out_str(o, r->json_mountpoint);
	KEY(o, "domain");
	name_or_num(o, hl_domain_names(), ev->domain);
	KEY(o, "type");
	name_or_num(o, hl_type_names(), ev->type);
	NUM(o, "time_ns", ev->time_ns);

	switch (hl_event_payload(ev->domain, ev->type)) {
	case HL_PAYLOAD_LOST:
		NUM(o, "count", ev->count);
		break;
	case HL_PAYLOAD_SHUTDOWN:
		NUM(o, "mask", ev->mask);
		KEY(o, "reasons");
		name_list(o, hl_shutdown_names(), ev->mask);
		break;
	case HL_PAYLOAD_HEALTH:
		out_json_event_object(o, ev, r);
		break;
	case HL_PAYLOAD_MEDIA:
		media_payload(o, ev);
		break;
	case HL_PAYLOAD_FILERANGE:
		filerange_payload(o, ev, r);
		break;
	case HL_PAYLOAD_NONE:
		break;
	}
	out_lit(o, "}\n");
}

int
hl_event_format_json(char *buf, size_t len, const struct hl_event *ev,
		     const struct hl_render *r)
{
	if (r && !r->json_mountpoint)
		return -EINVAL; /* not set up by hl_render_init */
	return out_format(buf, len, render_json, ev, r);
}

int
hl_event_write_json(FILE *f, const struct hl_event *ev,
		    const struct hl_render *r)
{
	if (r && !r->json_mountpoint)
		return -EINVAL;
	return out_write(f, render_json, ev, r);
}
