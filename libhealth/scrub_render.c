// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Scrub results as text and JSON (doc/scrub.md): the object in the words of
 * healthmon lines, one JSON object per object checked, and the summary of a
 * whole-filesystem run.
 */
#include <errno.h>

#include "out.h"
#include "textstr.h"
#include "xfs_health_abi.h"

static bool
result_ok(const struct hl_scrub_result *res)
{
	return res->type && res->outcome < HL_SCRUB_NR_OUTCOMES;
}

/* The path's name, or its number if it is newer than our table. */
static void
metapath_name(struct hl_out *o, uint64_t id, bool json)
{
	const char *name = hl_name_of(hl_metapath_names(), id);

	if (!name) {
		out_dec(o, id);
		return;
	}
	if (json)
		out_char(o, '"');
	out_str(o, name);
	if (json)
		out_char(o, '"');
}

/* Where the check was made, in the words of healthmon lines. */
static enum hl_object
result_object(const struct hl_scrub_result *res)
{
	switch (res->type->sclass) {
	case HL_SCRUB_CLASS_PERAG:
		return HL_OBJECT_AG;
	case HL_SCRUB_CLASS_RTGROUP:
		return HL_OBJECT_RTGROUP;
	case HL_SCRUB_CLASS_INODE:
		/* Inode 0 is the open file, which the mount point names. */
		return res->ino ? HL_OBJECT_INODE : HL_OBJECT_FS;
	case HL_SCRUB_CLASS_GENERIC:
		return hl_metapath_needs_group(res->ino) ? HL_OBJECT_RTGROUP
							 : HL_OBJECT_FS;
	case HL_SCRUB_CLASS_NONE:
	case HL_SCRUB_CLASS_FS:
		break;
	}
	return HL_OBJECT_FS;
}

static void
render_object(struct hl_out *o, const void *item, const struct hl_render *r)
{
	const struct hl_scrub_result *res = item;

	out_object(o, r, result_object(res), res->agno, res->ino, res->gen);
	out_char(o, ' ');
	out_str(o, res->type->name);
	if (res->type->sclass == HL_SCRUB_CLASS_GENERIC) {
		out_char(o, ' ');
		metapath_name(o, res->ino, false);
	}
}

static const char *
object_word(enum hl_scrub_class sclass)
{
	switch (sclass) {
	case HL_SCRUB_CLASS_PERAG:
		return "ag";
	case HL_SCRUB_CLASS_RTGROUP:
		return "rtgroup";
	case HL_SCRUB_CLASS_INODE:
		return "inode";
	case HL_SCRUB_CLASS_GENERIC:
		return "metapath";
	case HL_SCRUB_CLASS_NONE:
	case HL_SCRUB_CLASS_FS:
		break;
	}
	return "fs";
}

#define KEY(o, k) out_lit((o), ",\"" k "\":")

void
out_json_scrub_flags(struct hl_out *o, uint32_t flags)
{
	uint32_t oflags = flags & XFS_SCRUB_FLAGS_OUT;

	KEY(o, "flags_mask");
	out_dec(o, oflags);
	KEY(o, "flags");
	out_char(o, '[');
	out_mask(o, hl_scrub_flag_names(), oflags, OUT_LIST_JSON);
	out_char(o, ']');
}

static void
mode_key(struct hl_out *o, enum hl_scrub_mode mode)
{
	KEY(o, "mode");
	out_quoted(o, mode == HL_SCRUB_REPAIR ? "repair" : "scrub");
}

static void
render_json(struct hl_out *o, const void *item, const struct hl_render *r)
{
	const struct hl_scrub_result *res = item;

	out_char(o, '{');
	out_str(o, r->json_mountpoint);
	mode_key(o, res->mode);
	KEY(o, "object");
	out_quoted(o, object_word(res->type->sclass));
	KEY(o, "type");
	out_quoted(o, res->type->name);
	KEY(o, "descr");
	out_quoted(o, res->type->descr);
	switch (res->type->sclass) {
	case HL_SCRUB_CLASS_PERAG:
		KEY(o, "agno");
		out_dec(o, res->agno);
		break;
	case HL_SCRUB_CLASS_RTGROUP:
		KEY(o, "rgno");
		out_dec(o, res->agno);
		break;
	case HL_SCRUB_CLASS_INODE:
		if (res->ino) {
			KEY(o, "ino");
			out_dec(o, res->ino);
			KEY(o, "gen");
			out_dec(o, res->gen);
		}
		break;
	case HL_SCRUB_CLASS_GENERIC:
		KEY(o, "metapath");
		metapath_name(o, res->ino, true);
		if (hl_metapath_needs_group(res->ino)) {
			KEY(o, "rgno");
			out_dec(o, res->agno);
		}
		break;
	case HL_SCRUB_CLASS_NONE:
	case HL_SCRUB_CLASS_FS:
		break;
	}
	out_json_scrub_flags(o, res->flags);
	KEY(o, "outcome");
	out_quoted(o, hl_name_of(hl_scrub_outcome_names(), res->outcome));
	if (res->error) {
		char msg[64];

		KEY(o, "error");
		out_dec(o, res->error);
		KEY(o, "error_text");
		out_quoted(o, out_errtext(res->error, msg, sizeof(msg)));
	}
	if (res->retried)
		out_lit(o, ",\"retried\":true");
	if (res->offline)
		out_lit(o, ",\"offline_repair\":true");
	out_lit(o, "}\n");
}

int
hl_scrub_format_object(char *buf, size_t len, const struct hl_scrub_result *res,
		       const struct hl_render *r)
{
	if (res && !result_ok(res))
		return -EINVAL;
	return out_format(buf, len, render_object, res, r);
}

int
hl_scrub_format_json(char *buf, size_t len, const struct hl_scrub_result *res,
		     const struct hl_render *r)
{
	if ((res && !result_ok(res)) || (r && !r->json_mountpoint))
		return -EINVAL;
	return out_format(buf, len, render_json, res, r);
}

int
hl_scrub_write_json(FILE *f, const struct hl_scrub_result *res,
		    const struct hl_render *r)
{
	if ((res && !result_ok(res)) || (r && !r->json_mountpoint))
		return -EINVAL;
	return out_write(f, render_json, res, r);
}

/* ---- summary ----------------------------------------------------------- */

void
hl_scrub_summary_add(struct hl_scrub_summary *s, enum hl_scrub_outcome outcome)
{
	if (outcome < HL_SCRUB_NR_OUTCOMES)
		s->count[outcome]++;
}

void
hl_scrub_summary_merge(struct hl_scrub_summary *to,
		       const struct hl_scrub_summary *from)
{
	for (int i = 0; i < HL_SCRUB_NR_OUTCOMES; i++)
		to->count[i] += from->count[i];
	to->inodes += from->inodes;
}

/* Objects the kernel examined: every outcome of a call that returned 0. */
static uint64_t
checked(const struct hl_scrub_summary *s)
{
	uint64_t n = 0;

	for (int i = 0; i < HL_SCRUB_NR_OUTCOMES; i++)
		if (i != HL_SCRUB_ERROR && i != HL_SCRUB_ABSENT &&
		    i != HL_SCRUB_SKIPPED)
			n += s->count[i];
	return n;
}

/* In the order of the text line; the JSON keys are the outcome words. */
static const struct {
	enum hl_scrub_outcome outcome;
	const char *text;
} summary_items[] = {
	{HL_SCRUB_CORRUPT, "corrupt"},	 {HL_SCRUB_INCOMPLETE, "incomplete"},
	{HL_SCRUB_REPAIRED, "repaired"}, {HL_SCRUB_SKIPPED, "skipped"},
	{HL_SCRUB_ERROR, "errors"},	 {HL_SCRUB_ABSENT, "not present"},
};

static void
render_summary(struct hl_out *o, const void *item, const struct hl_render *r)
{
	const struct hl_scrub_summary *s = item;

	out_mount(o, r);
	out_lit(o, ": ");
	out_dec(o, checked(s));
	out_lit(o, " objects checked");
	for (size_t i = 0; i < ARRAY_SIZE(summary_items); i++) {
		out_lit(o, ", ");
		out_dec(o, s->count[summary_items[i].outcome]);
		out_char(o, ' ');
		out_str(o, summary_items[i].text);
	}
	out_lit(o, "; ");
	out_dec(o, s->inodes);
	out_lit(o, " inodes\n");
}

static void
render_summary_json(struct hl_out *o, const void *item,
		    const struct hl_render *r)
{
	const struct hl_scrub_summary *s = item;
	const struct hl_name_table *words = hl_scrub_outcome_names();

	out_char(o, '{');
	out_str(o, r->json_mountpoint);
	mode_key(o, s->mode);
	out_lit(o, ",\"summary\":{\"checked\":");
	out_dec(o, checked(s));
	for (size_t i = 0; i < words->nr; i++) {
		out_lit(o, ",\"");
		out_str(o, words->names[i].name);
		out_lit(o, "\":");
		out_dec(o, s->count[words->names[i].value]);
	}
	out_lit(o, ",\"inodes\":");
	out_dec(o, s->inodes);
	out_lit(o, "}}\n");
}

int
hl_scrub_format_summary(char *buf, size_t len, const struct hl_scrub_summary *s,
			const struct hl_render *r)
{
	return out_format(buf, len, render_summary, s, r);
}

int
hl_scrub_write_summary(FILE *f, const struct hl_scrub_summary *s,
		       const struct hl_render *r)
{
	return out_write(f, render_summary, s, r);
}

int
hl_scrub_write_summary_json(FILE *f, const struct hl_scrub_summary *s,
			    const struct hl_render *r)
{
	if (r && !r->json_mountpoint)
		return -EINVAL;
	return out_write(f, render_summary_json, s, r);
}
