#ifndef RECTRACK_DIAG_H
#define RECTRACK_DIAG_H

#include <stdarg.h>
#include <stddef.h>

/*
 * The one path for messages to the user. Everything goes to the current
 * sink (standard error unless a command or a test takes it):
 *   error("...")                 -> "rectrack: ..."
 *   diag_at(file, line, col, "...") -> "FILE:LINE:COLUMN: ..." (1-based)
 * Both count errors; diag_errors() returns how many were reported since the
 * last diag_reset().
 */
enum diag_severity { DIAG_ERROR, DIAG_WARNING };

/*
 * One diagnostic as a sink gets it, its parts held apart so that a writer
 * (check --format json) never parses them back out of the line.
 */
struct diag {
	enum diag_severity severity;
	const char *file;	/* as given (any bytes); NULL: no one place */
	size_t line, col;	/* 1-based; 0 when file is NULL */
	const char *message;	/* one line, cleaned as text_clean_line() */
	const char *line_text;	/* the whole line as standard error shows it:
				 * "FILE:LINE:COLUMN: message" with the name
				 * cleaned, or "rectrack: message" */
};

typedef void (*diag_sink_fn)(const struct diag *d, void *arg);

void diag_set_sink(diag_sink_fn fn, void *arg);	/* NULL: standard error */
void diag_reset(void);
size_t diag_errors(void);

/* Always returns -1, so that library code can "return error(...)". */
int error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int diag_at(const char *file, size_t line, size_t col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
int diag_vat(const char *file, size_t line, size_t col, const char *fmt,
    va_list ap) __attribute__((format(printf, 4, 0)));
/* A note that is not an error (not counted): "rectrack: ...". */
void warning(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
