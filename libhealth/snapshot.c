// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Health snapshots: one object's sick and checked masks, as read from the
 * geometry and bulkstat ioctls, in the names the event renderers use.
 */
#include <errno.h>

#include "out.h"

static bool
report_ok(const struct hl_health_report *h)
{
	return hl_object_of(h->object) != NULL;
}

/* "<mnt>", "<mnt> agno 0x1", "<mnt> rgno 0x1", "<mnt> ino 131 gen 0x5" */
static void
object_text(struct hl_out *o, const struct hl_health_report *h,
	    const struct hl_render *r)
{
	out_object(o, r, h->object, h->group, h->ino, h->gen);
}

static void
list_text(struct hl_out *o, const struct hl_name_table *t, uint32_t mask)
{
	if (mask)
		out_mask(o, t, mask, OUT_LIST_TEXT);
	else
		out_lit(o, "none");
}

static void
render_health_text(struct hl_out *o, const void *item,
		   const struct hl_render *r)
{
	const struct hl_health_report *h = item;
	const struct hl_name_table *t = hl_object_mask_names(h->object);

	object_text(o, h, r);
	out_lit(o, ": sick: ");
	list_text(o, t, h->sick);
	out_lit(o, "; checked: ");
	list_text(o, t, h->checked);
	out_char(o, '\n');
}

static void
render_health_json(struct hl_out *o, const void *item,
		   const struct hl_render *r)
{
	const struct hl_health_report *h = item;
	const struct hl_name_table *t = hl_object_mask_names(h->object);

	out_char(o, '{');
	out_str(o, r->json_mountpoint);
	out_lit(o, ",\"object\":\"");
	out_str(o, hl_object_of(h->object)->name);
	out_char(o, '"');
	out_json_object(o, h->object, h->group, h->ino, h->gen);
	out_lit(o, ",\"sick_mask\":");
	out_dec(o, h->sick);
	out_lit(o, ",\"sick\":[");
	out_mask(o, t, h->sick, OUT_LIST_JSON);
	out_lit(o, "],\"checked_mask\":");
	out_dec(o, h->checked);
	out_lit(o, ",\"checked\":[");
	out_mask(o, t, h->checked, OUT_LIST_JSON);
	out_lit(o, "]}\n");
}

int
hl_health_format_text(char *buf, size_t len, const struct hl_health_report *h,
		      const struct hl_render *r)
{
	if (h && !report_ok(h))
		return -EINVAL;
	return out_format(buf, len, render_health_text, h, r);
}

int
hl_health_format_json(char *buf, size_t len, const struct hl_health_report *h,
		      const struct hl_render *r)
{
	if ((h && !report_ok(h)) || (r && !r->json_mountpoint))
		return -EINVAL;
	return out_format(buf, len, render_health_json, h, r);
}

int
hl_health_write_text(FILE *f, const struct hl_health_report *h,
		     const struct hl_render *r)
{
	if (h && !report_ok(h))
		return -EINVAL;
	return out_write(f, render_health_text, h, r);
}

int
hl_health_write_json(FILE *f, const struct hl_health_report *h,
		     const struct hl_render *r)
{
	if ((h && !report_ok(h)) || (r && !r->json_mountpoint))
		return -EINVAL;
	return out_write(f, render_health_json, h, r);
}
