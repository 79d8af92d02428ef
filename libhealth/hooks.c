// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Notification hooks, the parts that decide: which kind of log line an
 * event or a repair outcome is, which kinds a hook takes (from its file's
 * name), and whether a run is due or suppressed by the rate limits.  The
 * daemon runs the hooks (healer/hooks.c).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "xfs_health_abi.h"

/*
 * Kind names: never a word of upstream's lines ("sick", "healthy"...), as
 * hook names carry them into our lines (doc/output-format.md).
 */
static const struct hl_name line_kinds[] = {
	{HL_LINE_MOUNT, "mount"},	{HL_LINE_LOST, "lost"},
	{HL_LINE_SHUTDOWN, "shutdown"}, {HL_LINE_BAD, "bad"},
	{HL_LINE_GOOD, "good"},		{HL_LINE_MEDIA, "media"},
	{HL_LINE_FILE_IO, "file_io"},	{HL_LINE_REPAIR, "repair"},
};
HL_NAME_TABLE(line_kind_table, "line kind", HL_TABLE_VALUES, line_kinds);

_Static_assert(ARRAY_SIZE(line_kinds) == HL_LINE_NR_KINDS,
	       "every line kind has a name");

const struct hl_name_table *
hl_line_kind_names(void)
{
	return &line_kind_table;
}

enum hl_line_kind
hl_line_kind_of(const struct hl_event *ev, const struct hl_repair_report *rep)
{
	if (rep)
		return HL_LINE_REPAIR;
	switch (ev->payload) {
	case HL_PAYLOAD_LOST:
		return HL_LINE_LOST;
	case HL_PAYLOAD_SHUTDOWN:
		return HL_LINE_SHUTDOWN;
	case HL_PAYLOAD_HEALTH:
		return ev->type == XFS_HEALTH_MONITOR_TYPE_HEALTHY
			       ? HL_LINE_GOOD
			       : HL_LINE_BAD;
	case HL_PAYLOAD_MEDIA:
		return HL_LINE_MEDIA;
	case HL_PAYLOAD_FILERANGE:
		return HL_LINE_FILE_IO;
	default:
		return HL_LINE_MOUNT;
	}
}

/* run-parts' names: nothing a shell or a log line could take amiss. */
static bool
name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.';
}

int
hl_hook_name_kinds(const char *name, uint32_t *kinds)
{
	const char *dash = strchr(name, '-');
	char kind[32];
	size_t len;
	uint64_t v;

	*kinds = 0;
	if (!*name || name[0] == '.' || strlen(name) > HL_HOOK_NAME_MAX)
		return -EINVAL;
	for (const char *s = name; *s; s++)
		if (!name_char(*s))
			return -EINVAL;
	if (!dash || !dash[1])
		return -ENOENT;
	len = (size_t)(dash - name);
	if (len >= sizeof(kind))
		return -ENOENT;
	memcpy(kind, name, len);
	kind[len] = '\0';
	if (!strcmp(kind, "all")) {
		*kinds = HL_HOOK_ALL_KINDS;
		return 0;
	}
	if (hl_value_of(&line_kind_table, kind, &v))
		return -ENOENT;
	*kinds = 1u << v;
	return 0;
}

void
hl_hook_key_of(struct hl_hook_key *k, unsigned int hook,
	       const struct hl_event *ev, const struct hl_repair_report *rep)
{
	enum hl_object o = HL_OBJECT_FS;

	memset(k, 0, sizeof(*k));
	k->hook = hook;
	k->kind = hl_line_kind_of(ev, rep);
	k->what = rep ? rep->outcome
		      : (ev->domain & 0xffff) << 16 | (ev->type & 0xffff);
	if (ev->payload == HL_PAYLOAD_HEALTH)
		o = hl_event_object(ev);
	else if (ev->payload == HL_PAYLOAD_FILERANGE)
		o = HL_OBJECT_INODE;
	k->object = o;
	if (o == HL_OBJECT_AG || o == HL_OBJECT_RTGROUP)
		k->group = ev->group;
	if (o == HL_OBJECT_INODE) {
		k->ino = ev->ino;
		k->gen = ev->gen;
	}
}

int
hl_hook_limit_init(struct hl_hook_limit *l, uint64_t interval_ns,
		   unsigned int burst)
{
	memset(l, 0, sizeof(*l));
	l->interval_ns = interval_ns;
	l->burst = burst ? burst : 1;
	if (!interval_ns)
		return 0;
	l->slots = calloc(HL_HOOK_LIMIT_SLOTS, sizeof(*l->slots));
	return l->slots ? 0 : -ENOMEM;
}

void
hl_hook_limit_free(struct hl_hook_limit *l)
{
	free(l->slots);
	l->slots = NULL;
}

/* Time from @then to @now; none if @now is earlier (clocks read apart). */
static uint64_t
since(uint64_t now, uint64_t then)
{
	return now > then ? now - then : 0;
}

static bool
same_key(const struct hl_hook_key *a, const struct hl_hook_key *b)
{
	return a->hook == b->hook && a->kind == b->kind && a->what == b->what &&
	       a->object == b->object && a->group == b->group &&
	       a->ino == b->ino && a->gen == b->gen;
}

static size_t
key_hash(const struct hl_hook_key *k)
{
	uint64_t h = hl_hash_mix(k->ino);

	h = hl_hash_mix(h ^ ((uint64_t)k->hook << 40 | (uint64_t)k->kind << 32 |
			     k->what));
	h = hl_hash_mix(h ^ ((uint64_t)k->object << 32 | k->group) ^
			((uint64_t)k->gen << 16));
	return (size_t)(h % HL_HOOK_LIMIT_SLOTS);
}

/*
 * The key's slot, or a free one for it (unused, or last run an interval
 * ago: what it kept is stale), among a few probes; NULL when all are busy.
 */
static struct hl_hook_limit_slot *
slot_of(struct hl_hook_limit *l, const struct hl_hook_key *k, uint64_t now)
{
	struct hl_hook_limit_slot *free_slot = NULL;
	size_t h = key_hash(k);

	for (unsigned int i = 0; i < HL_HOOK_LIMIT_PROBES; i++) {
		struct hl_hook_limit_slot *s =
			&l->slots[(h + i) % HL_HOOK_LIMIT_SLOTS];

		if (s->used && same_key(&s->key, k))
			return s;
		if (!free_slot &&
		    (!s->used || since(now, s->last_ns) >= l->interval_ns))
			free_slot = s;
	}
	if (free_slot)
		*free_slot =
			(struct hl_hook_limit_slot){.key = *k, .used = true};
	return free_slot;
}

/* The hook's bucket: @burst runs, refilled over an interval. */
static bool
take_token(struct hl_hook_limit *l, struct hl_hook_limit_hook *h, uint64_t now)
{
	uint64_t per_token = l->interval_ns / l->burst;

	if (!h->started) {
		h->started = true;
		h->tokens = l->burst;
		h->refill_ns = now;
	}
	if (per_token && h->tokens < l->burst) {
		uint64_t add = since(now, h->refill_ns) / per_token;

		if (add >= l->burst - h->tokens) {
			h->tokens = l->burst;
			h->refill_ns = now;
		} else {
			h->tokens += (unsigned int)add;
			h->refill_ns += add * per_token;
		}
	}
	if (!h->tokens)
		return false;
	if (h->tokens == l->burst)
		h->refill_ns = now;
	h->tokens--;
	return true;
}

bool
hl_hook_limit_allow(struct hl_hook_limit *l, const struct hl_hook_key *k,
		    uint64_t now, uint64_t *suppressed,
		    uint64_t *suppressed_all)
{
	struct hl_hook_limit_hook *h;
	struct hl_hook_limit_slot *s;

	*suppressed = *suppressed_all = 0;
	if (!l->interval_ns || k->hook >= HL_HOOKS_MAX)
		return true;
	h = &l->hooks[k->hook];
	s = slot_of(l, k, now);
	if (s && s->ran && since(now, s->last_ns) < l->interval_ns) {
		s->suppressed++;
		h->suppressed++;
		return false;
	}
	if (!take_token(l, h, now)) {
		if (s)
			s->suppressed++;
		h->suppressed++;
		return false;
	}
	if (s) {
		*suppressed = s->suppressed;
		s->suppressed = 0;
		s->ran = true;
		s->last_ns = now;
	}
	*suppressed_all = h->suppressed;
	h->suppressed = 0;
	return true;
}

void
hl_hook_limit_forget(struct hl_hook_limit *l, unsigned int hook)
{
	if (hook >= HL_HOOKS_MAX)
		return;
	memset(&l->hooks[hook], 0, sizeof(l->hooks[hook]));
	for (size_t i = 0; l->slots && i < HL_HOOK_LIMIT_SLOTS; i++)
		if (l->slots[i].used && l->slots[i].key.hook == hook)
			memset(&l->slots[i], 0, sizeof(l->slots[i]));
}
