// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The renderers' line builder: finishing, mask lists, object prefixes,
 * writing to a stream.
 */
#include <errno.h>
#include <stdlib.h>

#include "out.h"

/* Most lines are short; longer mount points and paths take the heap. */
#define OUT_STACK_LEN 512

int
out_finish(struct hl_out *o)
{
	if (o->error) {
		if (o->len)
			o->buf[0] = '\0';
		return o->error;
	}
	if (o->used < o->len) {
		o->buf[o->used] = '\0';
		return o->used;
	}
	if (o->len)
		o->buf[o->len - 1] = '\0';
	return -ENOSPC;
}

static void
out_item(struct hl_out *o, const char *s, size_t n, bool first,
	 enum out_list style)
{
	if (style == OUT_LIST_JSON) {
		if (!first)
			out_char(o, ',');
		out_char(o, '"');
		out_mem(o, s, n);
		out_char(o, '"');
	} else {
		if (!first)
			out_lit(o, ", ");
		out_mem(o, s, n);
	}
}

void
out_mask(struct hl_out *o, const struct hl_name_table *t, uint64_t mask,
	 enum out_list style)
{
	uint64_t unknown = mask;
	bool first = true;

	for (size_t i = 0; i < t->nr && unknown; i++) {
		if (!(mask & t->names[i].value))
			continue;
		unknown &= ~t->names[i].value;
		out_item(o, t->names[i].name, strlen(t->names[i].name), first,
			 style);
		first = false;
	}
	if (unknown) {
		char hex[2 + 16 + 1];
		struct hl_out h;

		out_init(&h, hex, sizeof(hex));
		out_hex(&h, unknown);
		out_item(o, hex, h.used, first, style);
	}
}

const char *
out_errtext(int err, char *buf, size_t len)
{
#if defined(__GLIBC__) && (__GLIBC__ > 2 || __GLIBC_MINOR__ >= 32)
	const char *s = strerrordesc_np(err);
	struct hl_out o;

	if (s)
		return s;
	/* glibc's words for a number it has no text for. */
	out_init(&o, buf, len);
	out_lit(&o, "Unknown error ");
	if (err < 0) {
		out_char(&o, '-');
		out_dec(&o, -(int64_t)err);
	} else {
		out_dec(&o, err);
	}
	out_finish(&o);
	return buf;
#elif defined(__GLIBC__)
	return strerror_r(err, buf, len);
#else
	if (strerror_r(err, buf, len))
		snprintf(buf, len, "Unknown error %d", err);
	return buf;
#endif
}

static bool
args_ok(const void *item, const struct hl_render *r)
{
	return item && r && r->mountpoint;
}

int
out_format(char *buf, size_t len, out_render_fn render, const void *item,
	   const struct hl_render *r)
{
	struct hl_out o;

	if (!buf || !len || !args_ok(item, r))
		return -EINVAL;
	out_init(&o, buf, len);
	render(&o, item, r);
	return out_finish(&o);
}

static int
write_all(FILE *f, const char *buf, size_t len)
{
	errno = 0; /* stdio does not always say why a write failed */
	if (fwrite(buf, 1, len, f) == len)
		return 0;
	return errno ? -errno : -EIO;
}

int
out_write(FILE *f, out_render_fn render, const void *item,
	  const struct hl_render *r)
{
	char stack[OUT_STACK_LEN];
	struct hl_out o;
	char *heap;
	int ret;

	if (!f || !args_ok(item, r))
		return -EINVAL;

	out_init(&o, stack, sizeof(stack));
	render(&o, item, r);
	if (o.error)
		return o.error;
	if (o.used < o.len)
		return write_all(f, stack, o.used);

	/* Too long for the stack: render again into a buffer that fits. */
	heap = malloc(o.used + 1);
	if (!heap)
		return -ENOMEM;
	out_init(&o, heap, o.used + 1);
	render(&o, item, r);
	ret = o.error ? o.error : write_all(f, heap, o.used);
	free(heap);
	return ret;
}
