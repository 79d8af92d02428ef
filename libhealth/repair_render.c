// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The daemon's own lines: the outcome of one spot repair, named as
 * xfs_healer names it (reference E.4), and a message about a mount; as text
 * or as one JSON object (keys: doc/output-format.md).
 */
#include <errno.h>
#include <string.h>

#include "jsonstr.h"
#include "out.h"
#include "textstr.h"

#define KEY(o, k) out_lit((o), ",\"" k "\":")

static bool
one_bit(uint32_t v)
{
	return v && !(v & (v - 1));
}

static bool
report_ok(const struct hl_repair_report *rep)
{
	return rep->ev && rep->type && one_bit(rep->bit) && rep->error >= 0 &&
	       rep->outcome < HL_REPAIR_NR_OUTCOMES &&
	       hl_domain_mask_names(rep->ev->domain);
}

/* The bit's name, or "0x..." for a bit the table does not name. */
static void
bit_name(struct hl_out *o, const struct hl_repair_report *rep)
{
	const char *name = hl_lowest_bit_name(
		hl_domain_mask_names(rep->ev->domain), rep->bit);

	if (name)
		out_str(o, name);
	else
		out_hex(o, rep->bit);
}

static void
render_repair_text(struct hl_out *o, const void *item,
		   const struct hl_render *r)
{
	const struct hl_repair_report *rep = item;

	out_event_object(o, rep->ev, r);
	out_char(o, ' ');
	bit_name(o, rep);
	out_lit(o, ": ");
	out_str(o, hl_name_of(hl_repair_outcome_texts(), rep->outcome));
	out_char(o, '\n');
}

static void
render_repair_json(struct hl_out *o, const void *item,
		   const struct hl_render *r)
{
	const struct hl_repair_report *rep = item;
	struct hl_event one = *rep->ev;

	/* The object as in the event's line, with only the bit repaired. */
	one.mask = rep->bit;
	out_char(o, '{');
	out_str(o, r->json_mountpoint);
	KEY(o, "domain");
	out_quoted(o, hl_name_of(hl_domain_names(), one.domain));
	out_json_event_object(o, &one, r);
	KEY(o, "scrub_type");
	out_quoted(o, rep->type->name);
	KEY(o, "outcome");
	out_quoted(o, hl_name_of(hl_repair_outcome_names(), rep->outcome));
	KEY(o, "message");
	out_quoted(o, hl_name_of(hl_repair_outcome_texts(), rep->outcome));
	out_json_scrub_flags(o, rep->flags);
	KEY(o, "error");
	out_dec(o, (uint32_t)rep->error);
	if (rep->error)
		out_json_error_text(o, rep->error);
	out_lit(o, "}\n");
}

int
hl_repair_format_text(char *buf, size_t len, const struct hl_repair_report *rep,
		      const struct hl_render *r)
{
	if (rep && !report_ok(rep))
		return -EINVAL;
	return out_format(buf, len, render_repair_text, rep, r);
}

int
hl_repair_write_text(FILE *f, const struct hl_repair_report *rep,
		     const struct hl_render *r)
{
	if (rep && !report_ok(rep))
		return -EINVAL;
	return out_write(f, render_repair_text, rep, r);
}

static bool
json_ok(const struct hl_repair_report *rep, const struct hl_render *r)
{
	return (!rep || report_ok(rep)) && (!r || r->json_mountpoint);
}

int
hl_repair_format_json(char *buf, size_t len, const struct hl_repair_report *rep,
		      const struct hl_render *r)
{
	if (!json_ok(rep, r))
		return -EINVAL;
	return out_format(buf, len, render_repair_json, rep, r);
}

int
hl_repair_write_json(FILE *f, const struct hl_repair_report *rep,
		     const struct hl_render *r)
{
	if (!json_ok(rep, r))
		return -EINVAL;
	return out_write(f, render_repair_json, rep, r);
}

/* ---- messages ----------------------------------------------------------- */

struct message {
	const char *origin;
	const char *key;
	const char *text;
};

/*
 * The text is ours; the names in it come escaped (hl_text_escape), and a
 * unit name's backslashes are systemd's: so backslashes stay, and only
 * what could break the line is escaped, whatever a caller forgot.
 */
static void
render_message_text(struct hl_out *o, const void *item,
		    const struct hl_render *r)
{
	const struct message *m = item;

	if (m->origin) {
		out_str(o, m->origin);
		out_lit(o, ": ");
	}
	out_mount(o, r);
	out_lit(o, ": ");
	out_text_safe(o, m->text);
	out_char(o, '\n');
}

static void
render_message_json(struct hl_out *o, const void *item,
		    const struct hl_render *r)
{
	const struct message *m = item;

	out_char(o, '{');
	out_str(o, r->json_mountpoint);
	out_json_members(o, m->key, m->text);
	out_lit(o, "}\n");
}

/* An origin is a fixed word of ours: printable ASCII, no ':'. */
static bool
origin_ok(const char *origin)
{
	if (!origin)
		return true;
	if (!*origin)
		return false;
	for (const char *p = origin; *p; p++)
		if (*p <= ' ' || *p >= 0x7f || *p == ':' || *p == '\\')
			return false;
	return true;
}

int
hl_message_format_text(char *buf, size_t len, const char *origin,
		       const char *message, const struct hl_render *r)
{
	struct message m = {.origin = origin, .text = message};

	if (!message || !origin_ok(origin))
		return -EINVAL;
	return out_format(buf, len, render_message_text, &m, r);
}

/*
 * The key goes out as it is, so it must need no escaping: [a-z0-9_]+; and
 * it must not repeat the mount point's members.
 */
static bool
key_ok(const char *key)
{
	if (!key || !*key || !strcmp(key, "mount") || !strcmp(key, "mount_hex"))
		return false;
	for (const char *p = key; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
		      *p == '_'))
			return false;
	return true;
}

int
hl_message_format_json(char *buf, size_t len, const char *key,
		       const char *message, const struct hl_render *r)
{
	struct message m = {.key = key, .text = message};

	if (!key_ok(key) || !message || (r && !r->json_mountpoint))
		return -EINVAL;
	return out_format(buf, len, render_message_json, &m, r);
}
