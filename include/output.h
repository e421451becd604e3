#ifndef RECTRACK_OUTPUT_H
#define RECTRACK_OUTPUT_H

#include <stdio.h>

#include "buf.h"

/*
 * One output layer for every list-like command: a command declares its
 * columns and hands over rows of cells; the writer for the chosen format
 * lays them out, and escape.c quotes them.
 *   table     aligned columns of the OUT_BRIEF columns, fitted to the
 *             width of a terminal (piped: every cell whole, one line a
 *             row): the OUT_WIDE column is cut with "…" at a space, or,
 *             when that would leave it under 30 columns, has a line of
 *             its own under each row (and an OUT_UNDER column, when it
 *             has something to say, the next line); the other columns
 *             wrap their cells at spaces onto more lines; then OUT_DROP
 *             columns are left out; then words break after a hyphen or
 *             a slash in them; then OUT_SPARE columns are left out; then
 *             words break anywhere, marked with a hyphen
 *   csv       RFC 4180, a header row, every column
 *   json      an array of objects, every column, typed
 *   markdown  a GitHub-flavoured table of the OUT_BRIEF columns
 */

enum out_format { FMT_TABLE, FMT_CSV, FMT_JSON, FMT_MARKDOWN, FMT_TEXT,
    FMT_YAML, FMT_HTML };

enum cell_type { CELL_STR, CELL_INT, CELL_BOOL };

#define OUT_BRIEF	0x1	/* shown in table and markdown */
#define OUT_WIDE	0x2	/* the column cut to fit a terminal */
#define OUT_DROP	0x4	/* left out before a word is split */
#define OUT_SPARE	0x8	/* left out before a word is cut */
#define OUT_UNDER	0x10	/* under its row with the OUT_WIDE one */

struct out_col {
	const char *name;	/* JSON key and CSV header */
	const char *header;	/* table and markdown header */
	enum cell_type type;
	unsigned flags;
};

struct cell {
	const char *s;		/* CELL_STR: NULL is null */
	long long i;		/* CELL_INT, CELL_BOOL */
	int null;		/* CELL_INT, CELL_BOOL: null */
	const char *color;	/* an ANSI colour for a table on a terminal */
};

/* Colour tables (only on a terminal, and never with NO_COLOR or
 * --no-color: main.c decides). */
void out_set_color(int on);
/* The colour of a status word and of a RAG word, for cell.color. */
const char *status_color(const char *status);
const char *rag_color(const char *rag);

struct out;

/* Parse a --format word; -1 when it is not one of allowed (a bit mask of
 * 1 << enum out_format). */
int out_format_parse(const char *s, unsigned allowed);

/* width: the terminal width to fit tables to, 0 for none (piped). */
struct out *out_begin(enum out_format f, FILE *fp, const struct out_col *cols,
    size_t ncols, size_t width);
void out_row(struct out *o, const struct cell *cells);
/* What a table on a terminal says instead of a bare header when it has no
 * rows ("no recommendations match"); piped, the header stays. */
void out_none(struct out *o, const char *msg);
/* Finish and free. */
void out_end(struct out *o);

/*
 * The next line of s in at most width columns, broken at a space (a word
 * wider than width after a hyphen or slash in it, else cut and *broken
 * set: the caller adds a hyphen, for which the line leaves a column).
 * Returns the line's length in bytes, trailing spaces left out; *next is
 * where the line after it starts.
 */
size_t out_break(const char *s, size_t width, size_t *next, int *broken);
/* s wrapped with out_break() to width columns, its first line indented
 * by first spaces and the others by indent, each ended with a newline. */
void out_wrap(struct buf *b, const char *s, size_t width, size_t first,
    size_t indent);

/* The width of the terminal on fd, or 0 when fd is not a terminal. */
size_t term_width(int fd);

#endif
