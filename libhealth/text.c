// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Events as the text lines xfs_io 7.2 "healthmon" prints (reference E.4),
 * byte for byte.  Only events xfs_io prints nothing for get a line of our
 * own, so that no event goes unseen (doc/output-format.md).
 */
#include <errno.h>
#include <string.h>

#include "out.h"
#include "textstr.h"
#include "xfs_health_abi.h"

/* xfs_io's word for a value its table does not have. */
static const char unknown_value[] = "unknown value";

/* The type's name if xfs_io's table for this kind of event has it. */
static const char *
type_word(uint32_t type, bool known)
{
	const char *name = known ? hl_name_of(hl_type_names(), type) : NULL;

	return name ? name : unknown_value;
}

/* File events name the file like inode events. */
void
out_event_object(struct hl_out *o, const struct hl_event *ev,
		 const struct hl_render *r)
{
	out_object(o, r, hl_event_object(ev), ev->group, ev->ino, ev->gen);
}

/* Not in xfs_io, which prints nothing for these. */
static void
unknown_event(struct hl_out *o, const struct hl_event *ev,
	      const struct hl_render *r)
{
	out_mount(o, r);
	out_lit(o, ": unknown event domain ");
	out_hex(o, ev->domain);
	out_lit(o, " type ");
	out_hex(o, ev->type);
}

static void
mount_event(struct hl_out *o, const struct hl_event *ev,
	    const struct hl_render *r)
{
	switch (ev->type) {
	case XFS_HEALTH_MONITOR_TYPE_RUNNING:
		out_mount(o, r);
		out_lit(o, ": monitoring started");
		break;
	case XFS_HEALTH_MONITOR_TYPE_LOST:
		out_mount(o, r);
		out_lit(o, ": ");
		out_dec(o, ev->count);
		out_lit(o, " events lost");
		break;
	case XFS_HEALTH_MONITOR_TYPE_UNMOUNT:
		out_mount(o, r);
		out_lit(o, ": filesystem unmounted");
		break;
	case XFS_HEALTH_MONITOR_TYPE_SHUTDOWN:
		out_mount(o, r);
		out_lit(o, ": filesystem shut down due to ");
		out_mask(o, hl_shutdown_names(), ev->mask, OUT_LIST_TEXT);
		break;
	default:
		unknown_event(o, ev, r);
		break;
	}
}

static void
health_event(struct hl_out *o, const struct hl_event *ev,
	     const struct hl_render *r)
{
	out_event_object(o, ev, r);
	out_char(o, ' ');
	out_mask(o, hl_domain_mask_names(ev->domain), ev->mask, OUT_LIST_TEXT);
	out_lit(o, ": ");
	out_str(o, type_word(ev->type,
			     hl_event_type_is(ev->type, HL_DOMAIN_HEALTH)));
}

/* xfs_io says "media error" whatever the type of a device event is. */
static void
media_event(struct hl_out *o, const struct hl_event *ev,
	    const struct hl_render *r)
{
	out_mount(o, r);
	out_char(o, ' ');
	out_str(o, hl_name_of(hl_domain_names(), ev->domain));
	out_lit(o, " daddr ");
	out_hex(o, ev->daddr);
	out_lit(o, " bbcount ");
	out_hex(o, ev->bbcount);
	out_lit(o, ": media error");
}

static void
filerange_event(struct hl_out *o, const struct hl_event *ev,
		const struct hl_render *r)
{
	out_event_object(o, ev, r);
	out_lit(o, " pos ");
	out_dec(o, ev->pos);
	out_lit(o, " len ");
	out_dec(o, ev->len);
	out_lit(o, ": ");
	out_str(o, type_word(ev->type,
			     hl_event_type_is(ev->type, HL_DOMAIN_FILE)));

	/* Lost data has no errno worth showing, even when one is set. */
	if (ev->type != XFS_HEALTH_MONITOR_TYPE_DATALOST && ev->error) {
		char msg[64];

		out_lit(o, ": ");
		out_str(o, out_errtext((int)ev->error, msg, sizeof(msg)));
	} else {
		out_lit(o, " failed");
	}
}

/* By domain, not ev->payload, so a hand-made event renders the same. */
static void
render_text(struct hl_out *o, const void *item, const struct hl_render *r)
{
	const struct hl_event *ev = item;

	switch (hl_event_payload(ev->domain, ev->type)) {
	case HL_PAYLOAD_HEALTH:
		health_event(o, ev, r);
		break;
	case HL_PAYLOAD_MEDIA:
		media_event(o, ev, r);
		break;
	case HL_PAYLOAD_FILERANGE:
		filerange_event(o, ev, r);
		break;
	default:
		if (hl_domain_is(ev->domain, HL_DOMAIN_MOUNT))
			mount_event(o, ev, r);
		else
			unknown_event(o, ev, r);
		break;
	}
	out_char(o, '\n');
}

int
hl_event_format_text(char *buf, size_t len, const struct hl_event *ev,
		     const struct hl_render *r)
{
	return out_format(buf, len, render_text, ev, r);
}

int
hl_event_write_text(FILE *f, const struct hl_event *ev,
		    const struct hl_render *r)
{
	return out_write(f, render_text, ev, r);
}
