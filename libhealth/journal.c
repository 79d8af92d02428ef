// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The journal fields of a log line: what a line says in words, as
 * separate name=value pairs a journal reader can filter on.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "xfs_health_abi.h"

__attribute__((format(printf, 2, 3))) static int
add(struct hl_journal_fields *f, const char *fmt, ...)
{
	va_list ap;
	int ret;

	if (f->nr >= HL_JOURNAL_FIELDS_MAX)
		return -ENOSPC;
	va_start(ap, fmt);
	ret = vasprintf(&f->field[f->nr], fmt, ap);
	va_end(ap);
	if (ret < 0)
		return -ENOMEM;
	f->nr++;
	return 0;
}

static int
add_mask(struct hl_journal_fields *f, const char *name,
	 const struct hl_name_table *t, uint32_t mask)
{
	char buf[1024];

	if (!t || hl_format_mask(t, mask, buf, sizeof(buf)) == -EINVAL)
		return add(f, "%s=0x%x", name, mask);
	return add(f, "%s=%s", name, buf);
}

static const char *
name_or_number(const struct hl_name_table *t, uint32_t v, char *buf, size_t len)
{
	const char *n = hl_name_of(t, v);

	if (n)
		return n;
	snprintf(buf, len, "0x%x", v);
	return buf;
}

/* @mask: the structures the line names (a repair's one bit). */
static int
payload_fields(struct hl_journal_fields *f, const struct hl_event *ev,
	       uint32_t mask)
{
	const struct hl_object_desc *o = hl_object_of(hl_event_object(ev));
	int err = 0;

	switch (ev->payload) {
	case HL_PAYLOAD_LOST:
		return add(f, "XFS_LOST=%llu", (unsigned long long)ev->count);
	case HL_PAYLOAD_SHUTDOWN:
		return add_mask(f, "XFS_SHUTDOWN_REASONS", hl_shutdown_names(),
				ev->mask);
	case HL_PAYLOAD_HEALTH:
		err = add(f, "XFS_OBJECT=%s", o->name);
		if (!err && o->group_key)
			err = add(f, "XFS_%s=%u",
				  ev->domain == XFS_HEALTH_MONITOR_DOMAIN_AG
					  ? "AGNO"
					  : "RGNO",
				  ev->group);
		if (!err && o->has_inode)
			err = add(f, "XFS_INO=%llu",
				  (unsigned long long)ev->ino)
				      ?: add(f, "XFS_GEN=%u", ev->gen);
		return err ?: add_mask(f, "XFS_STRUCTURES", o->mask, mask);
	case HL_PAYLOAD_MEDIA:
		return add(f, "XFS_DADDR=%llu", (unsigned long long)ev->daddr)
			       ?: add(f, "XFS_BBCOUNT=%llu",
				      (unsigned long long)ev->bbcount);
	case HL_PAYLOAD_FILERANGE:
		return add(f, "XFS_INO=%llu", (unsigned long long)ev->ino) ?:
		       add(f, "XFS_GEN=%u", ev->gen) ?:
		       add(f, "XFS_POS=%llu", (unsigned long long)ev->pos) ?:
		       add(f, "XFS_LEN=%llu", (unsigned long long)ev->len) ?:
		       (ev->error ? add(f, "ERRNO=%u", ev->error) : 0);
	default:
		return 0;
	}
}

int
hl_journal_fields_of(struct hl_journal_fields *f, const struct hl_event *ev,
		     const struct hl_repair_report *rep, const char *path)
{
	char dbuf[16], tbuf[16];
	int err;

	memset(f, 0, sizeof(*f));
	if (!ev)
		return -EINVAL;
	err = add(f, "XFS_DOMAIN=%s",
		  name_or_number(hl_domain_names(), ev->domain, dbuf,
				 sizeof(dbuf))) ?:
	      add(f, "XFS_TYPE=%s",
		  name_or_number(hl_type_names(), ev->type, tbuf,
				 sizeof(tbuf))) ?:
	      payload_fields(f, ev, rep ? rep->bit : ev->mask);
	if (!err && path) {
		char *shown = hl_text_escape_dup(path);

		err = shown ? add(f, "XFS_PATH=%s", shown) : -ENOMEM;
		free(shown);
	}
	if (!err && rep)
		err = add(f, "XFS_OUTCOME=%s",
			  hl_name_of(hl_repair_outcome_names(), rep->outcome)) ?:
		      add(f, "XFS_SCRUB_TYPE=%s",
			  rep->type ? rep->type->name : "?") ?:
		      (rep->error ? add(f, "ERRNO=%d", rep->error) : 0);
	if (err) {
		hl_journal_fields_free(f);
		return err == -ENOSPC ? -ENOSPC : -ENOMEM;
	}
	return 0;
}

void
hl_journal_fields_free(struct hl_journal_fields *f)
{
	for (size_t i = 0; i < f->nr; i++)
		free(f->field[i]);
	memset(f, 0, sizeof(*f));
}
