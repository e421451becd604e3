#include "diag.h"

#include <stdarg.h>
#include <stdio.h>

#include "buf.h"
#include "escape.h"

static diag_sink_fn sink;
static void *sink_arg;
static size_t nerrors;

void
diag_set_sink(diag_sink_fn fn, void *arg)
{
	sink = fn;
	sink_arg = arg;
}

void
diag_reset(void)
{
	nerrors = 0;
}

size_t
diag_errors(void)
{
	return nerrors;
}

static void
emit(struct buf *raw)
{
	struct buf b = BUF_INIT;

	/* a message may quote hostile input: no control character reaches
	 * the terminal, and no line break makes a second, forged message */
	text_clean_line(&b, raw->s);
	buf_release(raw);
	if (sink != NULL) {
		sink(b.s, sink_arg);
	} else {
		buf_addc(&b, '\n');
		fputs(b.s, stderr);
	}
	buf_release(&b);
}

/* Format prefix + fmt and send it to the sink. */
static void vemit(const char *prefix, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));

static void
vemit(const char *prefix, const char *fmt, va_list ap)
{
	struct buf b = BUF_INIT;

	buf_adds(&b, prefix);
	buf_vprintf(&b, fmt, ap);
	emit(&b);
}

int
error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vemit("rectrack: ", fmt, ap);
	va_end(ap);
	nerrors++;
	return -1;
}

void
warning(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vemit("rectrack: ", fmt, ap);
	va_end(ap);
}

int
diag_vat(const char *file, size_t line, size_t col, const char *fmt,
    va_list ap)
{
	struct buf where = BUF_INIT;

	buf_printf(&where, "%s:%zu:%zu: ", file, line, col);
	vemit(where.s, fmt, ap);
	buf_release(&where);
	nerrors++;
	return -1;
}

int
diag_at(const char *file, size_t line, size_t col, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_vat(file, line, col, fmt, ap);
	va_end(ap);
	return -1;
}
