#include "output.h"

#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "buf.h"
#include "escape.h"
#include "xmalloc.h"

static const char *const format_names[] = {
	[FMT_TABLE] = "table",
	[FMT_CSV] = "csv",
	[FMT_JSON] = "json",
	[FMT_MARKDOWN] = "markdown",
	[FMT_TEXT] = "text",
	[FMT_YAML] = "yaml",
	[FMT_HTML] = "html",
};

static int color_on;

void
out_set_color(int on)
{
	color_on = on;
}

const char *
status_color(const char *s)
{
	if (s == NULL)
		return NULL;
	if (!strcmp(s, "implemented"))
		return "\033[32m";
	if (!strcmp(s, "in-progress"))
		return "\033[33m";
	if (!strcmp(s, "accepted") || !strcmp(s, "partially-accepted"))
		return "\033[36m";
	if (!strcmp(s, "rejected") || !strcmp(s, "not-implemented"))
		return "\033[31m";
	return "\033[2m";	/* draft, agreed, withdrawn */
}

const char *
rag_color(const char *rag)
{
	if (rag == NULL)
		return NULL;
	return !strcmp(rag, "red") ? "\033[1;31m" : !strcmp(rag, "amber") ?
	    "\033[1;33m" : !strcmp(rag, "blue") ? "\033[1;34m" :
	    !strcmp(rag, "grey") ? "\033[90m" : "\033[32m";
}

struct out {
	enum out_format f;
	FILE *fp;
	const struct out_col *cols;
	size_t ncols;
	size_t width;
	const char *none;	/* a table on a terminal with no rows says so */
	size_t nrows;
	char **cells;		/* table: every row's cells, kept for widths */
	const char **colors;	/* and their colours */
	size_t ncells, cellcap, colorcap;
	struct buf row, cell;	/* out_row()'s, kept from row to row */
};

int
out_format_parse(const char *s, unsigned allowed)
{
	size_t i;

	for (i = 0; i < sizeof format_names / sizeof format_names[0]; i++)
		if (strcmp(s, format_names[i]) == 0 && (allowed & (1u << i)))
			return (int)i;
	return -1;
}

size_t
term_width(int fd)
{
	struct winsize ws;
	const char *cols;

	if (!isatty(fd))
		return 0;
	cols = getenv("COLUMNS");
	if (cols != NULL && atoi(cols) > 0)
		return (size_t)atoi(cols);
	if (ioctl(fd, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	return 80;
}

/* The text of a cell for table, CSV and Markdown. */
static void
cell_text(struct buf *b, const struct out_col *c, const struct cell *v)
{
	switch (c->type) {
	case CELL_STR:
		if (v->s != NULL)
			text_clean(b, v->s, "\r");
		break;
	case CELL_INT:
		if (!v->null)
			buf_add_int(b, v->i);
		break;
	case CELL_BOOL:
		if (!v->null)
			buf_adds(b, v->i ? "yes" : "no");
		break;
	}
}

struct out *
out_begin(enum out_format f, FILE *fp, const struct out_col *cols,
    size_t ncols, size_t width)
{
	struct out *o = xcalloc(1, sizeof *o);
	struct buf b = BUF_INIT, empty = BUF_INIT;
	size_t i;

	o->row = empty;
	o->cell = empty;
	o->f = f;
	o->fp = fp;
	o->cols = cols;
	o->ncols = ncols;
	o->width = width;
	switch (f) {
	case FMT_CSV:
		for (i = 0; i < ncols; i++) {
			if (i > 0)
				buf_addc(&b, ',');
			esc_csv(&b, cols[i].name);
		}
		buf_adds(&b, "\r\n");
		break;
	case FMT_JSON:
		buf_addc(&b, '[');
		break;
	case FMT_MARKDOWN:
		for (i = 0; i < ncols; i++)
			if (cols[i].flags & OUT_BRIEF)
				buf_printf(&b, "| %s ", cols[i].header);
		buf_adds(&b, "|\n");
		for (i = 0; i < ncols; i++)
			if (cols[i].flags & OUT_BRIEF)
				buf_adds(&b, cols[i].type == CELL_INT ?
				    "| ---: " : "| --- ");
		buf_adds(&b, "|\n");
		break;
	default:
		break;
	}
	fputs(b.s, fp);
	buf_release(&b);
	return o;
}

void
out_row(struct out *o, const struct cell *v)
{
	struct buf *b = &o->row, *t = &o->cell;
	size_t i;

	buf_reset(b);
	switch (o->f) {
	case FMT_CSV:
		for (i = 0; i < o->ncols; i++) {
			if (i > 0)
				buf_addc(b, ',');
			buf_reset(t);
			cell_text(t, &o->cols[i], &v[i]);
			esc_csv(b, t->s);
		}
		buf_adds(b, "\r\n");
		break;
	case FMT_JSON:
		buf_adds(b, o->nrows ? ",\n  {" : "\n  {");
		for (i = 0; i < o->ncols; i++) {
			if (i > 0)
				buf_adds(b, ", ");
			esc_json(b, o->cols[i].name);
			buf_adds(b, ": ");
			if (o->cols[i].type == CELL_STR ? v[i].s == NULL :
			    v[i].null)
				buf_adds(b, "null");
			else if (o->cols[i].type == CELL_STR)
				esc_json(b, v[i].s);
			else if (o->cols[i].type == CELL_INT)
				buf_add_int(b, v[i].i);
			else
				buf_adds(b, v[i].i ? "true" : "false");
		}
		buf_addc(b, '}');
		break;
	case FMT_MARKDOWN:
		for (i = 0; i < o->ncols; i++) {
			if (!(o->cols[i].flags & OUT_BRIEF))
				continue;
			buf_reset(t);
			cell_text(t, &o->cols[i], &v[i]);
			buf_adds(b, "| ");
			esc_markdown(b, t->s);
			buf_addc(b, ' ');
		}
		buf_adds(b, "|\n");
		break;
	default:
		for (i = 0; i < o->ncols; i++) {
			char *p;

			if (!(o->cols[i].flags & OUT_BRIEF))
				continue;
			cell_text(b, &o->cols[i], &v[i]);
			/* one row, one line */
			for (p = b->s; *p; p++)
				if (*p == '\n' || *p == '\r' || *p == '\t')
					*p = ' ';
			o->cells = xgrow(o->cells, &o->cellcap, o->ncells + 1,
			    sizeof *o->cells);
			o->colors = xgrow(o->colors, &o->colorcap,
			    o->ncells + 1, sizeof *o->colors);
			o->colors[o->ncells] = color_on ? v[i].color : NULL;
			o->cells[o->ncells++] = buf_detach(b);
		}
		o->nrows++;
		return;
	}
	fputs(b->s, o->fp);
	o->nrows++;
}

size_t
out_break(const char *s, size_t width, size_t *next, int *broken)
{
	size_t n, end, len;

	*broken = 0;
	n = utf8_prefix(s, width);
	if (s[n] == '\0' || s[n] == ' ') {
		end = n;
	} else {
		/* the last space before the word that does not fit */
		for (end = n; end > 0 && s[end - 1] != ' '; end--)
			;
		if (end == 0) {
			/* one word wider than the line: after a hyphen or a
			 * slash in it, else cut and marked with a hyphen */
			for (end = n; end > 0 && s[end - 1] != '-' &&
			    s[end - 1] != '/'; end--)
				;
			if (end == 0 && width > 1) {
				end = utf8_prefix(s, width - 1);
				*broken = 1;
			}
			if (end == 0 && s[0] != '\0') {
				/* a character as wide as width, or wider */
				for (end = 1; (s[end] & 0xc0) == 0x80; end++)
					;
				*broken = 0;
			}
		}
	}
	for (len = end; len > 0 && s[len - 1] == ' '; len--)
		;
	while (s[end] == ' ')
		end++;
	*next = end;
	return len;
}

void
out_wrap(struct buf *b, const char *s, size_t width, size_t first,
    size_t indent)
{
	size_t len, next, in = first, k;
	int broken;

	while (*s == ' ')
		s++;
	do {
		len = out_break(s, width > in ? width - in : 1, &next,
		    &broken);
		for (k = 0; k < in; k++)
			buf_addc(b, ' ');
		buf_add(b, s, len);
		if (broken)
			buf_addc(b, '-');
		buf_addc(b, '\n');
		s += next;
		in = indent;
	} while (*s != '\0');
}

/*
 * t in at most w columns: whole, or cut at a space (or within a word
 * wider than w) and ended with "…". Returns the width written.
 */
static size_t
put_fit(struct buf *b, const char *t, size_t w, const char *color)
{
	size_t tw, len, next, start;
	int broken;

	if (color != NULL && *t)
		buf_adds(b, color);
	start = b->len;
	if (utf8_width(t) > w) {
		len = out_break(t, w > 1 ? w - 1 : 1, &next, &broken);
		if (broken)	/* the hyphen's column holds the "…" */
			len = utf8_prefix(t, w > 1 ? w - 1 : 0);
		buf_add(b, t, len);
		buf_adds(b, "…");
	} else {
		buf_adds(b, t);
	}
	tw = utf8_width(b->s + start);
	if (color != NULL && *t)
		buf_adds(b, "\033[0m");
	return tw;
}

/*
 * The least width the OUT_WIDE column keeps beside the others on a
 * terminal; narrower than that, it moves to a line of its own under its
 * row (indented by STACK_INDENT), so that it stays readable.
 */
#define WIDE_MIN	30
#define STACK_INDENT	4
/* An OUT_DROP column is left out rather than made narrower than this
 * (or than its widest cell, when that is narrower). */
#define DROP_MIN	20

/* The width of a longest word of s; with parts, of a longest part of a
 * word, where a word breaks after a hyphen or a slash. */
static size_t
longest_word(const char *s, int parts)
{
	struct buf t = BUF_INIT;
	size_t most = 0, n, w;

	while (*s) {
		n = strcspn(s, parts ? " -/" : " ");
		if (parts && (s[n] == '-' || s[n] == '/'))
			n++;
		buf_reset(&t);
		buf_add(&t, s, n);
		if ((w = utf8_width(t.s)) > most)
			most = w;
		s += n;
		while (*s == ' ')
			s++;
	}
	buf_release(&t);
	return most;
}

struct layout {
	size_t nb;		/* brief columns */
	size_t *w;		/* their widths */
	size_t *nat;		/* widths that show every cell whole */
	size_t *word;		/* widths that break no word */
	size_t *part;		/* widths that break words at - and / only */
	size_t *head;		/* header widths */
	int *shown;		/* not dropped */
	int *under;		/* OUT_UNDER */
	size_t wide;		/* the OUT_WIDE column, or (size_t)-1 */
	int stacked;		/* it and the OUT_UNDER ones on lines of their own */
};

/* Column i is on a line of its own under its row. */
static int
is_under(const struct layout *l, size_t i)
{
	return l->stacked && (i == l->wide || l->under[i]);
}

/* The width of a row's line: the shown columns beside each other. */
static size_t
row_width(const struct layout *l)
{
	size_t i, total = 0, n = 0;

	for (i = 0; i < l->nb; i++)
		if (l->shown[i] && !is_under(l, i)) {
			total += l->w[i];
			n++;
		}
	return total + (n > 1 ? 2 * (n - 1) : 0);
}

/* Narrow the widest columns, never under floor, until the row fits. */
static int
shrink(struct layout *l, const size_t *floor, size_t width)
{
	size_t i, most;

	while (row_width(l) > width) {
		most = (size_t)-1;
		for (i = 0; i < l->nb; i++)
			if (l->shown[i] && i != l->wide && !is_under(l, i) &&
			    l->w[i] > floor[i] &&
			    (most == (size_t)-1 || l->w[i] > l->w[most]))
				most = i;
		if (most == (size_t)-1)
			return -1;
		l->w[most]--;
	}
	return 0;
}

/* Leave out the last shown column with the flag; 0 when there is none. */
static int
drop(struct layout *l, const struct out_col *const *bc, unsigned flag)
{
	size_t i;

	for (i = l->nb; i > 0; i--)
		if (l->shown[i - 1] && (bc[i - 1]->flags & flag)) {
			l->shown[i - 1] = 0;
			return 1;
		}
	return 0;
}

/*
 * Fit the columns to width, giving up in this order until they do: the
 * wide column is cut (to no less than WIDE_MIN), then has a line of its
 * own (and each OUT_UNDER column one after it); the other columns wrap their cells at spaces; an OUT_DROP column
 * is left out (the last first); words break after a hyphen or a slash;
 * an OUT_SPARE column is left out; words break anywhere. On a terminal
 * narrower than the headers the lines are as narrow as they can be.
 */
static void
fit(struct layout *l, const struct out_col *const *bc, size_t width)
{
	size_t i, rest, n;

	memcpy(l->w, l->nat, l->nb * sizeof *l->w);
	l->stacked = 0;
	if (row_width(l) <= width)
		return;
	for (i = n = 0; i < l->nb; i++)
		n += l->shown[i];
	if (l->wide != (size_t)-1 && n == 1) {
		l->w[l->wide] = width;
		return;
	}
	if (l->wide != (size_t)-1) {
		l->stacked = 1;
		rest = row_width(l);
		l->stacked = 0;
		for (i = 0; i < l->nb; i++)
			if (l->shown[i] && l->under[i])
				rest += l->nat[i] + 2;
		if (rest + 2 + WIDE_MIN <= width) {
			l->w[l->wide] = width - rest - 2;
			return;
		}
		l->stacked = 1;
		for (i = 0; i < l->nb; i++)
			if (is_under(l, i))
				l->w[i] = width > STACK_INDENT + 1 ?
				    width - STACK_INDENT : 1;
	}
	if (shrink(l, l->word, width) == 0)
		return;
	if (drop(l, bc, OUT_DROP)) {
		fit(l, bc, width);
		return;
	}
	if (shrink(l, l->part, width) == 0)
		return;
	if (drop(l, bc, OUT_SPARE)) {
		fit(l, bc, width);
		return;
	}
	(void)shrink(l, l->head, width);
}

static void
table_end(struct out *o)
{
	size_t nb = 0, i, r, next, len, tw, pad, start, last, *pos;
	const struct out_col **bc;
	struct buf b = BUF_INIT;
	struct layout l;
	int more, broken;

	if (o->nrows == 0 && o->width > 0 && o->none != NULL) {
		fprintf(o->fp, "%s\n", o->none);
		return;
	}
	bc = xcalloc(o->ncols, sizeof *bc);
	for (i = 0; i < o->ncols; i++)
		if (o->cols[i].flags & OUT_BRIEF)
			bc[nb++] = &o->cols[i];
	memset(&l, 0, sizeof l);
	l.nb = nb;
	l.w = xcalloc(nb, sizeof *l.w);
	l.nat = xcalloc(nb, sizeof *l.nat);
	l.word = xcalloc(nb, sizeof *l.word);
	l.part = xcalloc(nb, sizeof *l.part);
	l.head = xcalloc(nb, sizeof *l.head);
	l.shown = xcalloc(nb, sizeof *l.shown);
	l.under = xcalloc(nb, sizeof *l.under);
	pos = xcalloc(nb, sizeof *pos);
	l.wide = (size_t)-1;
	for (i = 0; i < nb; i++) {
		l.nat[i] = l.word[i] = l.part[i] = l.head[i] =
		    utf8_width(bc[i]->header);
		if (l.head[i] == 0)
			l.head[i] = 1;
		l.shown[i] = 1;
		l.under[i] = (bc[i]->flags & OUT_UNDER) != 0;
		if (bc[i]->flags & OUT_WIDE)
			l.wide = i;
	}
	for (r = 0; r < o->nrows; r++)
		for (i = 0; i < nb; i++) {
			const char *c = o->cells[r * nb + i];

			if ((tw = utf8_width(c)) > l.nat[i])
				l.nat[i] = tw;
			if (o->width == 0)
				continue;
			if ((tw = longest_word(c, 0)) > l.word[i])
				l.word[i] = tw;
			if ((tw = longest_word(c, 1)) > l.part[i])
				l.part[i] = tw;
		}
	for (i = 0; i < nb; i++)
		if ((bc[i]->flags & OUT_DROP) && l.word[i] < DROP_MIN)
			l.word[i] = l.nat[i] < DROP_MIN ? l.nat[i] : DROP_MIN;
	if (o->width > 0)
		fit(&l, bc, o->width);
	else
		memcpy(l.w, l.nat, nb * sizeof *l.w);
	for (i = last = 0; i < nb; i++)
		if (l.shown[i] && !is_under(&l, i))
			last = i;
	for (r = 0; r <= o->nrows; r++) {
		char *const *cells = r == 0 ? NULL : &o->cells[(r - 1) * nb];
		const char *const *colors = r == 0 ? NULL : &o->colors[(r - 1) *
		    nb];

		for (i = 0; i < nb; i++)
			pos[i] = 0;
		do {
			/* one line of the row: each cell's next part */
			more = 0;
			for (i = 0; i < nb; i++) {
				const char *c = cells ? cells[i] + pos[i] :
				    pos[i] ? "" : bc[i]->header;
				const char *color = colors ? colors[i] : NULL;

				if (!l.shown[i] || is_under(&l, i))
					continue;
				if (cells == NULL || o->width == 0 ||
				    i == l.wide) {
					/* the wide column and headers: cut */
					tw = put_fit(&b, c, l.w[i], color);
					pos[i] += strlen(c);
				} else {
					/* the others: wrapped */
					len = out_break(c, l.w[i], &next,
					    &broken);
					if (len > 0 && color != NULL)
						buf_adds(&b, color);
					start = b.len;
					buf_add(&b, c, len);
					if (broken)
						buf_addc(&b, '-');
					tw = utf8_width(b.s + start);
					if (len > 0 && color != NULL)
						buf_adds(&b, "\033[0m");
					pos[i] += next;
				}
				if (cells != NULL && cells[i][pos[i]] != '\0')
					more = 1;
				for (pad = tw; i != last && pad < l.w[i] + 2;
				    pad++)
					buf_addc(&b, ' ');
			}
			/* piped, as ever: padding up to the last cell */
			while (o->width > 0 && b.len > 0 &&
			    b.s[b.len - 1] == ' ')
				b.len--;
			buf_addc(&b, '\n');
		} while (more);
		/* the wide column's line, then the OUT_UNDER ones' */
		for (i = 0; cells != NULL && i <= nb; i++) {
			size_t k = i == 0 ? l.wide : i - 1;

			if (k == (size_t)-1 || (i > 0 && k == l.wide) ||
			    !l.shown[k] || !is_under(&l, k) || !*cells[k])
				continue;
			buf_printf(&b, "%*s", STACK_INDENT, "");
			put_fit(&b, cells[k], l.w[k], colors[k]);
			buf_addc(&b, '\n');
		}
		fputs(b.s, o->fp);
		buf_reset(&b);
	}
	buf_release(&b);
	for (i = 0; i < o->ncells; i++)
		free(o->cells[i]);
	free(o->cells);
	free(o->colors);
	free(bc);
	free(l.w);
	free(l.nat);
	free(l.word);
	free(l.part);
	free(l.head);
	free(l.shown);
	free(l.under);
	free(pos);
}

void
out_none(struct out *o, const char *msg)
{
	o->none = msg;
}

void
out_end(struct out *o)
{
	switch (o->f) {
	case FMT_JSON:
		fputs(o->nrows ? "\n]\n" : "]\n", o->fp);
		break;
	case FMT_CSV:
	case FMT_MARKDOWN:
		break;
	default:
		table_end(o);
		break;
	}
	buf_release(&o->row);
	buf_release(&o->cell);
	free(o);
}
