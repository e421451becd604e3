#include "diag.h"

#include <stdarg.h>
#include <stdio.h>

#include "buf.h"

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
emit(struct buf *b)
{
	if (sink != NULL) {
		sink(b->s, sink_arg);
	} else {
		buf_addc(b, '\n');
		fputs(b->s, stderr);
	}
	buf_release(b);
}

int
error(const char *fmt, ...)
{
	struct buf b = BUF_INIT;
	va_list ap;

	buf_adds(&b, "rectrack: ");
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	nerrors++;
	emit(&b);
	return -1;
}

void
warning(const char *fmt, ...)
{
	struct buf b = BUF_INIT;
	va_list ap;

	buf_adds(&b, "rectrack: ");
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	emit(&b);
}

int
diag_at(const char *file, size_t line, size_t col, const char *fmt, ...)
{
	struct buf b = BUF_INIT;
	va_list ap;

	buf_printf(&b, "%s:%zu:%zu: ", file, line, col);
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	nerrors++;
	emit(&b);
	return -1;
}
