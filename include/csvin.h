#ifndef RECTRACK_CSVIN_H
#define RECTRACK_CSVIN_H

#include <stddef.h>
#include <stdio.h>

/*
 * A CSV file read a row at a time (RFC 4180, through libcsv in strict
 * mode), each cell with where it starts, so that a message can name
 * FILE:LINE:COLUMN. A byte-order mark at the start is dropped; rows end
 * with CRLF, LF or CR; blank lines are skipped; a quoted cell may hold
 * commas, doubled quotes and line breaks (kept as written). Unquoted
 * cells lose their leading and trailing spaces and tabs (libcsv's rule).
 * Cells are bytes as written: checking them as text is the caller's job.
 */

struct csvin_cell {
	char *s;		/* NUL-terminated (the bytes may hold a NUL) */
	size_t len;
	size_t line;		/* the line of the file the cell starts on */
	size_t col;		/* the cell's place in its row, 1-based (as a
				 * spreadsheet's column letters count) */
	int quoted;		/* written between quotes */
};

struct csvin_row {
	struct csvin_cell *cells;
	size_t n;
	size_t line;		/* the line it starts on */
};

struct csvin;

/*
 * A reader of fp (borrowed, read to its end) named name (borrowed, for
 * messages), refusing a cell longer than cell_max bytes. The caller
 * frees it with csvin_close().
 */
struct csvin *csvin_open(FILE *fp, const char *name, size_t cell_max);

/*
 * The next row into *row (the reader's, valid until the next call): 1;
 * 0 at the end of the file; -1 after reporting, as FILE:LINE:COLUMN, a
 * cell over the limit, a quote out of place, a quoted cell left open at
 * the end, or a read error. After -1 the reader returns only -1.
 */
int csvin_next(struct csvin *c, const struct csvin_row **row);

void csvin_close(struct csvin *c);

/* Column number n (1-based) as a spreadsheet letters it: 1 A, 27 AA,
 * into out (at least 8 bytes). */
void csvin_letters(size_t n, char out[8]);

#endif
