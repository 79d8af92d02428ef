// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * A daemon's log line for an event or a repair outcome, which must exist
 * whatever the path: a deep path of escaped bytes can be far longer than a
 * log line may be, and dropping the line would hide the event.
 */
#include <errno.h>

#include "health.h"

static int
render(char *buf, size_t len, bool json, const struct hl_event *ev,
       const struct hl_repair_report *rep, const struct hl_render *r)
{
	if (rep)
		return json ? hl_repair_format_json(buf, len, rep, r)
			    : hl_repair_format_text(buf, len, rep, r);
	return json ? hl_event_format_json(buf, len, ev, r)
		    : hl_event_format_text(buf, len, ev, r);
}

int
hl_log_line_format(char *buf, size_t len, bool json, const struct hl_event *ev,
		   const struct hl_repair_report *rep,
		   const struct hl_render *r)
{
	struct hl_render without;
	int ret;

	if (!r || (!ev && !rep))
		return -EINVAL;
	ret = render(buf, len, json, ev, rep, r);
	if (ret != -ENOSPC || !r->path)
		return ret;
	without = *r;
	without.path = NULL;
	without.path_too_long = true;
	return render(buf, len, json, ev, rep, &without);
}
