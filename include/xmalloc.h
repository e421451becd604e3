#ifndef RECTRACK_XMALLOC_H
#define RECTRACK_XMALLOC_H

#include <stddef.h>

/*
 * Allocation that cannot fail: on exhaustion these print
 * "rectrack: out of memory" and exit 1, so callers never check for NULL.
 * Every returned pointer is the caller's, to release with free().
 */
void *xmalloc(size_t size);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t size);
/* Grow an array of n elements of size bytes to at least need elements. */
void *xgrow(void *p, size_t *n, size_t need, size_t size);
char *xstrdup(const char *s);
/* xstrdup(s), or NULL when s is NULL. */
char *xstrdup_or_null(const char *s);
char *xstrndup(const char *s, size_t len);

#endif
