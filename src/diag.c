#include "diag.h"

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

/* d with its message formatted from fmt, to the sink. */
static void vemit(struct diag *d, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));

static void
vemit(struct diag *d, const char *fmt, va_list ap)
{
	struct buf raw = BUF_INIT, msg = BUF_INIT, line = BUF_INIT;

	/* a message may quote hostile input: no control character reaches
	 * the terminal, and no line break makes a second, forged message */
	buf_vprintf(&raw, fmt, ap);
	text_clean_line(&msg, raw.s);
	if (d->file != NULL) {
		text_clean_line(&line, d->file);
		buf_printf(&line, ":%zu:%zu: %s", d->line, d->col, msg.s);
	} else {
		buf_printf(&line, "rectrack: %s", msg.s);
	}
	d->message = msg.s;
	d->line_text = line.s;
	if (sink != NULL) {
		sink(d, sink_arg);
	} else {
		buf_addc(&line, '\n');
		fputs(line.s, stderr);
	}
	buf_release(&raw);
	buf_release(&msg);
	buf_release(&line);
}

int
error(const char *fmt, ...)
{
	struct diag d = { DIAG_ERROR, NULL, 0, 0, NULL, NULL };
	va_list ap;

	va_start(ap, fmt);
	vemit(&d, fmt, ap);
	va_end(ap);
	nerrors++;
	return -1;
}

void
warning(const char *fmt, ...)
{
	struct diag d = { DIAG_WARNING, NULL, 0, 0, NULL, NULL };
	va_list ap;

	va_start(ap, fmt);
	vemit(&d, fmt, ap);
	va_end(ap);
}

int
diag_vat(const char *file, size_t line, size_t col, const char *fmt,
    va_list ap)
{
	struct diag d = { DIAG_ERROR, file, line, col, NULL, NULL };

	vemit(&d, fmt, ap);
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
