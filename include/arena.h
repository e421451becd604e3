#ifndef RECTRACK_ARENA_H
#define RECTRACK_ARENA_H

#include <stddef.h>

/*
 * Memory handed out in order from large blocks and freed together: many
 * small things (a YAML tree's nodes and texts, chase's items' strings)
 * for a few allocations, with no header per thing. Initialise with
 * ARENA_INIT; nothing is freed before arena_release(). Cannot fail (as
 * xmalloc()).
 */
struct arena {
	struct arena_block *blocks;
};

#define ARENA_INIT { NULL }

/* size bytes aligned for any type */
void *arena_alloc(struct arena *a, size_t size);
/* a copy of s, unaligned (a string needs none); NULL for NULL */
char *arena_strdup(struct arena *a, const char *s);
/* every block freed; a is empty again */
void arena_release(struct arena *a);

#endif
