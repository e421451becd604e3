#include "csvin.h"

#include <csv.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "xmalloc.h"

#define CHUNK 65536

struct csvin {
	struct csv_parser p;
	FILE *fp;
	const char *name;
	size_t cell_max;
	unsigned char buf[CHUNK];
	size_t len, pos;	/* buf[pos..len) not yet fed */
	int started, ended, failed;
	size_t line;		/* the line of the next byte */
	unsigned char prev;	/* the byte before it */
	/* the cell being read: where it starts (line 0: not started), how
	 * many bytes it has taken, whether its first one was a quote */
	size_t cell_line, cell_raw;
	int cell_seen, cell_quoted;
	int row_begun;		/* a cell of this row has ended */
	int row_done;		/* the row is complete: hand it over */
	int too_big;		/* a cell went over cell_max */
	struct csvin_row row;
	size_t cap;
};

struct csvin *
csvin_open(FILE *fp, const char *name, size_t cell_max)
{
	struct csvin *c = xcalloc(1, sizeof *c);

	/* strict: a quote out of place and an unclosed quoted cell are
	 * errors, not guesses */
	csv_init(&c->p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL);
	/* the entry buffer grows by this much at a time, and never fails */
	csv_set_blk_size(&c->p, CHUNK);
	csv_set_realloc_func(&c->p, xrealloc);
	c->fp = fp;
	c->name = name;
	c->cell_max = cell_max;
	c->line = 1;
	return c;
}

static void
row_clear(struct csvin *c)
{
	size_t i;

	for (i = 0; i < c->row.n; i++)
		free(c->row.cells[i].s);
	c->row.n = 0;
	c->row.line = 0;
}

void
csvin_close(struct csvin *c)
{
	if (c == NULL)
		return;
	row_clear(c);
	free(c->row.cells);
	csv_free(&c->p);
	free(c);
}

static void
limit_text(size_t max, char *out, size_t size)
{
	if (max % (1024 * 1024) == 0)
		snprintf(out, size, "%zu MiB", max / (1024 * 1024));
	else
		snprintf(out, size, "%zu-byte", max);
}

static void
fail_big(struct csvin *c)
{
	char lim[32];

	limit_text(c->cell_max, lim, sizeof lim);
	diag_at(c->name, c->cell_line ? c->cell_line : c->line,
	    c->row.n + 1, "the cell is longer than the %s limit of a text; "
	    "shorten it", lim);
	c->failed = 1;
}

static void
on_cell(void *s, size_t len, void *arg)
{
	struct csvin *c = arg;
	struct csvin_cell *cell;

	if (c->failed)
		return;
	if (len > c->cell_max) {
		fail_big(c);
		return;
	}
	if (c->row.n == c->cap) {
		c->cap = c->cap ? 2 * c->cap : 16;
		c->row.cells = xrealloc(c->row.cells, c->cap *
		    sizeof *c->row.cells);
	}
	cell = &c->row.cells[c->row.n++];
	cell->s = xmalloc(len + 1);
	memcpy(cell->s, s, len);
	cell->s[len] = '\0';
	cell->len = len;
	/* an empty cell ended by the row's end starts where it ends */
	cell->line = c->cell_line ? c->cell_line : c->line;
	cell->col = c->row.n;
	cell->quoted = c->cell_quoted;
	if (c->row.line == 0)
		c->row.line = cell->line;
	c->cell_line = c->cell_raw = 0;
	c->cell_seen = c->cell_quoted = 0;
	c->row_begun = 1;
}

static void
on_row(int term, void *arg)
{
	struct csvin *c = arg;

	(void)term;
	if (c->failed)
		return;
	c->row_done = 1;
	c->row_begun = 0;
	c->cell_line = c->cell_raw = 0;
	c->cell_seen = c->cell_quoted = 0;
}

/* The parse error at the cell being read, in words with the fix. */
static void
fail_parse(struct csvin *c, int at_end)
{
	size_t line = c->cell_line ? c->cell_line : c->line;

	if (at_end)
		diag_at(c->name, line, c->row.n + 1, "the quoted cell is not "
		    "closed before the end of the file; add the closing '\"'");
	else if (c->cell_quoted)
		diag_at(c->name, line, c->row.n + 1, "text after the closing "
		    "quote of a quoted cell; write each '\"' inside a cell as "
		    "'\"\"'");
	else
		diag_at(c->name, line, c->row.n + 1, "a '\"' inside a cell that "
		    "is not quoted; put the cell in quotes and write each '\"' "
		    "in it as '\"\"'");
	c->failed = 1;
}

static void
feed(struct csvin *c, unsigned char b)
{
	int is_blank = b == ' ' || b == '\t';
	int is_term = b == '\r' || b == '\n';

	/* where the cell starts: its first byte, but a row's leading
	 * blanks and the line ends between rows belong to no cell */
	if (c->cell_line == 0 && (c->row_begun || (!is_blank && !is_term)))
		c->cell_line = c->line;
	if (c->cell_line != 0) {
		if (!c->cell_seen && !is_blank) {
			c->cell_seen = 1;
			c->cell_quoted = b == '"';
		}
		/* a quoted cell may double each of its bytes, besides its
		 * quotes and the byte that ends it: stop there, before
		 * libcsv holds much more than the limit */
		if (++c->cell_raw > 2 * c->cell_max + 3) {
			fail_big(c);
			return;
		}
	}
	if (csv_parse(&c->p, &b, 1, on_cell, on_row, c) != 1 && !c->failed) {
		if (csv_error(&c->p) == CSV_EPARSE) {
			fail_parse(c, 0);
		} else {
			error("%s: %s", c->name,
			    csv_strerror(csv_error(&c->p)));
			c->failed = 1;
		}
	}
	if (b == '\r' || (b == '\n' && c->prev != '\r'))
		c->line++;
	c->prev = b;
}

int
csvin_next(struct csvin *c, const struct csvin_row **row)
{
	*row = NULL;
	if (c->failed)
		return -1;
	row_clear(c);
	c->row_done = 0;
	for (;;) {
		while (c->pos < c->len && !c->row_done && !c->failed)
			feed(c, c->buf[c->pos++]);
		if (c->failed)
			return -1;
		if (c->row_done) {
			*row = &c->row;
			return 1;
		}
		if (c->ended)
			return 0;
		c->len = fread(c->buf, 1, sizeof c->buf, c->fp);
		c->pos = 0;
		if (c->len == 0 && ferror(c->fp)) {
			error("%s: %s", c->name, strerror(errno));
			c->failed = 1;
			return -1;
		}
		if (!c->started) {
			c->started = 1;
			if (c->len >= 3 && memcmp(c->buf, "\xef\xbb\xbf", 3) == 0)
				c->pos = 3;
		}
		if (c->len == 0) {
			c->ended = 1;
			if (csv_fini(&c->p, on_cell, on_row, c) != 0 &&
			    !c->failed)
				fail_parse(c, 1);
		}
	}
}

void
csvin_letters(size_t n, char out[8])
{
	char tmp[8];
	size_t i = 0, j = 0;

	while (n > 0 && i < sizeof tmp - 1) {
		n--;
		tmp[i++] = (char)('A' + n % 26);
		n /= 26;
	}
	while (i > 0)
		out[j++] = tmp[--i];
	out[j] = '\0';
}
