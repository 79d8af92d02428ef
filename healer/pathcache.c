// SPDX-License-Identifier: GPL-2.0-or-later
/* A few recent inode paths, shared by the event loop and the workers. */
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "pathcache.h"

#define PATH_CACHE_NS	    NSEC_PER_SEC
#define PATH_CACHE_ERROR_NS (60 * NSEC_PER_SEC)

void
path_cache_init(struct path_cache *pc)
{
	memset(pc, 0, sizeof(*pc));
	pthread_mutex_init(&pc->lock, NULL);
}

static void
forget_all(struct path_cache *pc)
{
	for (unsigned int i = 0; i < PATH_CACHE_SLOTS; i++) {
		free(pc->slot[i].path);
		pc->slot[i].path = NULL;
		pc->slot[i].error = 0;
		pc->slot[i].found_ns = 0;
	}
}

void
path_cache_destroy(struct path_cache *pc)
{
	forget_all(pc);
	pthread_mutex_destroy(&pc->lock);
}

void
path_cache_clear(struct path_cache *pc)
{
	pthread_mutex_lock(&pc->lock);
	forget_all(pc);
	pthread_mutex_unlock(&pc->lock);
}

/* The slot holding @ino/@gen, or -1. */
static int
find(const struct path_cache *pc, uint64_t ino, uint32_t gen)
{
	for (unsigned int i = 0; i < PATH_CACHE_SLOTS; i++)
		if (pc->slot[i].found_ns && pc->slot[i].ino == ino &&
		    pc->slot[i].gen == gen)
			return i;
	return -1;
}

int
path_cache_get(struct path_cache *pc, uint64_t ino, uint32_t gen,
	       char **path)
{
	uint64_t now = clock_ns(CLOCK_MONOTONIC);
	int i, ret = 0;

	*path = NULL;
	pthread_mutex_lock(&pc->lock);
	i = find(pc, ino, gen);
	if (i >= 0 && pc->slot[i].path) {
		if (now - pc->slot[i].found_ns < PATH_CACHE_NS) {
			*path = strdup(pc->slot[i].path);
			ret = *path ? 1 : 0;
		}
	} else if (i >= 0 && now - pc->slot[i].found_ns < PATH_CACHE_ERROR_NS) {
		ret = pc->slot[i].error;
	}
	pthread_mutex_unlock(&pc->lock);
	return ret;
}

/* Fill the slot for @ino/@gen (the oldest one if it has none). */
static void
put(struct path_cache *pc, uint64_t ino, uint32_t gen, char *path, int error)
{
	int i;

	pthread_mutex_lock(&pc->lock);
	i = find(pc, ino, gen);
	if (i < 0) {
		i = pc->next;
		pc->next = (pc->next + 1) % PATH_CACHE_SLOTS;
	}
	free(pc->slot[i].path);
	pc->slot[i].ino = ino;
	pc->slot[i].gen = gen;
	pc->slot[i].path = path;
	pc->slot[i].error = error;
	pc->slot[i].found_ns = clock_ns(CLOCK_MONOTONIC);
	pthread_mutex_unlock(&pc->lock);
}

void
path_cache_put(struct path_cache *pc, uint64_t ino, uint32_t gen,
	       const char *path)
{
	char *copy = strdup(path);

	if (copy)
		put(pc, ino, gen, copy, 0);
}

void
path_cache_put_error(struct path_cache *pc, uint64_t ino, uint32_t gen,
		     int error)
{
	put(pc, ino, gen, NULL, error);
}
