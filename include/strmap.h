#ifndef RECTRACK_STRMAP_H
#define RECTRACK_STRMAP_H

#include <stddef.h>

/*
 * A set of strings, each with a string value (both copied). Used for the
 * ids already seen in one import command.
 */
struct strmap {
	char **keys;
	char **vals;
	size_t cap, n;
};

#define STRMAP_INIT { NULL, NULL, 0, 0 }

/* The value held for key, or NULL. */
const char *strmap_get(const struct strmap *m, const char *key);
/* Add key (must not be present). */
void strmap_put(struct strmap *m, const char *key, const char *val);
void strmap_free(struct strmap *m);

#endif
