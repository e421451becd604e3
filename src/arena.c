#include "arena.h"

#include <stdlib.h>
#include <string.h>

#include "xmalloc.h"

/* A block's size, unless a thing needs more: a few hundred a megabyte,
 * each under glibc's mmap threshold (one brk, not one mmap, each). */
#define BLOCK 32768

struct arena_block {
	struct arena_block *next;
	size_t used, size;
	max_align_t data[];
};

/* size bytes at a multiple of align (a power of two) */
static void *
take(struct arena *a, size_t size, size_t align)
{
	struct arena_block *b = a->blocks;
	size_t at = b != NULL ? (b->used + align - 1) & ~(align - 1) : 0;

	if (b == NULL || at > b->size || b->size - at < size) {
		size_t bsize = size > BLOCK ? size : BLOCK;

		b = xmalloc(sizeof *b + bsize);
		b->size = bsize;
		b->next = a->blocks;
		a->blocks = b;
		at = 0;
	}
	b->used = at + size;
	return (char *)b->data + at;
}

void *
arena_alloc(struct arena *a, size_t size)
{
	return take(a, size, sizeof(max_align_t));
}

char *
arena_strdup(struct arena *a, const char *s)
{
	size_t n;

	if (s == NULL)
		return NULL;
	n = strlen(s) + 1;
	return memcpy(take(a, n, 1), s, n);
}

void
arena_release(struct arena *a)
{
	struct arena_block *b, *next;

	for (b = a->blocks; b != NULL; b = next) {
		next = b->next;
		free(b);
	}
	a->blocks = NULL;
}
