#ifndef RECTRACK_BUF_H
#define RECTRACK_BUF_H

#include <stdarg.h>
#include <stddef.h>

/*
 * A growable string, after git's strbuf. Initialise with BUF_INIT; ->s is
 * never NULL and always NUL-terminated. buf_release() frees and resets;
 * buf_detach() hands the text to the caller (who frees it) and resets.
 */
struct buf {
	char *s;
	size_t len;
	size_t cap;
};

extern char buf_empty[];
#define BUF_INIT { buf_empty, 0, 0 }

void buf_grow(struct buf *b, size_t extra);
void buf_add(struct buf *b, const void *data, size_t len);
void buf_adds(struct buf *b, const char *s);
void buf_addc(struct buf *b, char c);
/* v in decimal, as "%lld" writes it, without printf's machinery */
void buf_add_int(struct buf *b, long long v);
void buf_printf(struct buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void buf_vprintf(struct buf *b, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));
void buf_reset(struct buf *b);
void buf_release(struct buf *b);
char *buf_detach(struct buf *b);

#endif
