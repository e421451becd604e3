#include "strmap.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "xmalloc.h"

static uint64_t
hash(const char *s)
{
	uint64_t h = 1469598103934665603ULL;	/* FNV-1a */

	while (*s)
		h = (h ^ (unsigned char)*s++) * 1099511628211ULL;
	return h;
}

const char *
strmap_get(const struct strmap *m, const char *key)
{
	size_t i;

	if (m->cap == 0)
		return NULL;
	for (i = hash(key) & (m->cap - 1); m->keys[i] != NULL;
	    i = (i + 1) & (m->cap - 1))
		if (strcmp(m->keys[i], key) == 0)
			return m->vals[i];
	return NULL;
}

static void
insert(struct strmap *m, char *key, char *val)
{
	size_t i = hash(key) & (m->cap - 1);

	while (m->keys[i] != NULL)
		i = (i + 1) & (m->cap - 1);
	m->keys[i] = key;
	m->vals[i] = val;
	m->n++;
}

void
strmap_put(struct strmap *m, const char *key, const char *val)
{
	if ((m->n + 1) * 2 > m->cap) {
		struct strmap old = *m;
		size_t i;

		m->cap = old.cap ? old.cap * 2 : 64;
		m->keys = xcalloc(m->cap, sizeof *m->keys);
		m->vals = xcalloc(m->cap, sizeof *m->vals);
		m->n = 0;
		for (i = 0; i < old.cap; i++)
			if (old.keys[i] != NULL)
				insert(m, old.keys[i], old.vals[i]);
		free(old.keys);
		free(old.vals);
	}
	insert(m, xstrdup(key), xstrdup(val));
}

void
strmap_free(struct strmap *m)
{
	size_t i;

	for (i = 0; i < m->cap; i++) {
		free(m->keys[i]);
		free(m->vals[i]);
	}
	free(m->keys);
	free(m->vals);
	memset(m, 0, sizeof *m);
}
