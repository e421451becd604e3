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
			buf_printf(b, "%lld", v->i);
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
	struct buf b = BUF_INIT;
	size_t i;

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
	struct buf b = BUF_INIT;
	size_t i;

	switch (o->f) {
	case FMT_CSV:
		for (i = 0; i < o->ncols; i++) {
			struct buf t = BUF_INIT;

			if (i > 0)
				buf_addc(&b, ',');
			cell_text(&t, &o->cols[i], &v[i]);
			esc_csv(&b, t.s);
			buf_release(&t);
		}
		buf_adds(&b, "\r\n");
		break;
	case FMT_JSON:
		buf_adds(&b, o->nrows ? ",\n  {" : "\n  {");
		for (i = 0; i < o->ncols; i++) {
			if (i > 0)
				buf_adds(&b, ", ");
			esc_json(&b, o->cols[i].name);
			buf_adds(&b, ": ");
			if (o->cols[i].type == CELL_STR ? v[i].s == NULL :
			    v[i].null)
				buf_adds(&b, "null");
			else if (o->cols[i].type == CELL_STR)
				esc_json(&b, v[i].s);
			else if (o->cols[i].type == CELL_INT)
				buf_printf(&b, "%lld", v[i].i);
			else
				buf_adds(&b, v[i].i ? "true" : "false");
		}
		buf_addc(&b, '}');
		break;
	case FMT_MARKDOWN:
		for (i = 0; i < o->ncols; i++) {
			struct buf t = BUF_INIT;

			if (!(o->cols[i].flags & OUT_BRIEF))
				continue;
			cell_text(&t, &o->cols[i], &v[i]);
			buf_adds(&b, "| ");
			esc_markdown(&b, t.s);
			buf_addc(&b, ' ');
			buf_release(&t);
		}
		buf_adds(&b, "|\n");
		break;
	default:
		for (i = 0; i < o->ncols; i++) {
			char *p;

			if (!(o->cols[i].flags & OUT_BRIEF))
				continue;
			cell_text(&b, &o->cols[i], &v[i]);
			/* one row, one line */
			for (p = b.s; *p; p++)
				if (*p == '\n' || *p == '\r' || *p == '\t')
					*p = ' ';
			o->cells = xgrow(o->cells, &o->cellcap, o->ncells + 1,
			    sizeof *o->cells);
			o->colors = xgrow(o->colors, &o->colorcap,
			    o->ncells + 1, sizeof *o->colors);
			o->colors[o->ncells] = color_on ? v[i].color : NULL;
			o->cells[o->ncells++] = buf_detach(&b);
		}
		o->nrows++;
		return;
	}
	fputs(b.s, o->fp);
	buf_release(&b);
	o->nrows++;
}

/* t in at most w columns: whole, or cut with "…". Returns the width. */
static size_t
put_fit(struct buf *b, const char *t, size_t w, const char *color)
{
	size_t tw = utf8_width(t);

	if (color != NULL && *t)
		buf_adds(b, color);
	if (tw > w) {
		buf_add(b, t, utf8_prefix(t, w - 1));
		buf_adds(b, "…");
		tw = w;
	} else {
		buf_adds(b, t);
	}
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

static void
table_end(struct out *o)
{
	size_t nb = 0, i, r, *w, total = 0, wide = (size_t)-1, last;
	const struct out_col **bc;
	struct buf b = BUF_INIT;
	int stacked = 0;

	if (o->nrows == 0 && o->width > 0 && o->none != NULL) {
		fprintf(o->fp, "%s\n", o->none);
		return;
	}
	bc = xcalloc(o->ncols, sizeof *bc);
	for (i = 0; i < o->ncols; i++)
		if (o->cols[i].flags & OUT_BRIEF)
			bc[nb++] = &o->cols[i];
	w = xcalloc(nb, sizeof *w);
	for (i = 0; i < nb; i++) {
		w[i] = utf8_width(bc[i]->header);
		if (bc[i]->flags & OUT_WIDE)
			wide = i;
	}
	for (r = 0; r < o->nrows; r++)
		for (i = 0; i < nb; i++) {
			size_t cw = utf8_width(o->cells[r * nb + i]);

			if (cw > w[i])
				w[i] = cw;
		}
	for (i = 0; i < nb; i++)
		total += w[i] + (i + 1 < nb ? 2 : 0);
	if (o->width > 0 && wide != (size_t)-1 && total > o->width) {
		size_t rest = total - w[wide];

		if (rest + WIDE_MIN <= o->width) {
			w[wide] = o->width - rest;
		} else {
			stacked = nb > 1;
			w[wide] = o->width > STACK_INDENT + 10 ?
			    o->width - STACK_INDENT : 10;
		}
	}
	last = stacked && wide == nb - 1 ? nb - 2 : nb - 1;
	for (r = 0; r <= o->nrows; r++) {
		const char *const *cells = r == 0 ? NULL : (const char *const *)
		    &o->cells[(r - 1) * nb];
		const char *const *colors = r == 0 ? NULL : &o->colors[(r - 1) *
		    nb];
		size_t tw, pad;

		for (i = 0; i < nb; i++) {
			if (stacked && i == wide)
				continue;
			tw = put_fit(&b, cells ? cells[i] : bc[i]->header, w[i],
			    colors ? colors[i] : NULL);
			if (i == last)
				break;
			for (pad = tw; pad < w[i] + 2; pad++)
				buf_addc(&b, ' ');
		}
		buf_addc(&b, '\n');
		if (stacked && cells != NULL && *cells[wide]) {
			buf_printf(&b, "%*s", STACK_INDENT, "");
			put_fit(&b, cells[wide], w[wide], colors[wide]);
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
	free(w);
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
	free(o);
}
