#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "atomic.h"
#include "buf.h"
#include "cleanup.h"
#include "date.h"
#include "diag.h"
#include "dynlib.h"
#include "escape.h"
#include "report.h"
#include "xmalloc.h"

/* libxlsxwriter's functions, opened when a spreadsheet is first written
 * (dynlib.h) */
#define XLSX_FNS(X) X(format_set_align) X(format_set_bg_color) \
	X(format_set_bold) X(format_set_bottom) X(format_set_font_color) \
	X(format_set_num_format) X(format_set_text_wrap) X(lxw_strerror) \
	X(workbook_add_format) X(workbook_add_worksheet) X(workbook_close) \
	X(workbook_new_opt) X(workbook_set_properties) X(worksheet_autofilter) \
	X(worksheet_fit_to_pages) X(worksheet_freeze_panes) \
	X(worksheet_repeat_rows) X(worksheet_set_column) X(worksheet_set_header) \
	X(worksheet_set_landscape) X(worksheet_set_paper) \
	X(worksheet_write_datetime) X(worksheet_write_number) \
	X(worksheet_write_string)
static struct {
	XLSX_FNS(DYN_MEMBER)
} lx;
DYN_OPENER(xlsx_open, lx, XLSX_FNS, "libxlsxwriter", XLSX_SONAME)

/*
 * The report as a spreadsheet (libxlsxwriter): a sheet "Recommendations"
 * of report_cols, one row per recommendation, its header frozen and
 * filtered, long text wrapped, dates as dates, the RAG coloured and in
 * words; a sheet "Actions", one row per action of a response.
 *
 * libxlsxwriter writes to a file name: the workbook goes to a private
 * temporary file, which is then copied to --output through atomic_open(),
 * so that the target is written as every other --output is (whole or not
 * at all, links and FIFOs as atomic.h says).
 */

/* Excel's limit on a cell's text, in characters. */
#define CELL_MAX 32767
#define HEADER_MAX 255

enum { F_HEAD, F_TEXT, F_DATE, F_MONTH, F_NUM, F_RED, F_AMBER, F_GREEN, F_BLUE,
    F_GREY, F_NFORMATS };

static const struct {
	const char *rag;
	int fmt;
	lxw_color_t fill, font;
} rag_fill[] = {
	{ "red", F_RED, 0xC62828, LXW_COLOR_WHITE },
	{ "amber", F_AMBER, 0xFFC000, LXW_COLOR_BLACK },
	{ "green", F_GREEN, 0x2E7D32, LXW_COLOR_WHITE },
	{ "blue", F_BLUE, 0x1565C0, LXW_COLOR_WHITE },
	{ "grey", F_GREY, 0xBDBDBD, LXW_COLOR_BLACK },
};

struct book {
	lxw_workbook *wb;
	lxw_format *f[F_NFORMATS];
	struct buf t;
	int err;
};

static lxw_format *
new_format(struct book *bk)
{
	lxw_format *f = lx.workbook_add_format(bk->wb);

	lx.format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
	lx.format_set_text_wrap(f);
	return f;
}

static void
formats(struct book *bk)
{
	size_t i;

	bk->f[F_HEAD] = new_format(bk);
	lx.format_set_bold(bk->f[F_HEAD]);
	lx.format_set_bg_color(bk->f[F_HEAD], 0xF3F2F1);
	lx.format_set_bottom(bk->f[F_HEAD], LXW_BORDER_THIN);
	bk->f[F_TEXT] = new_format(bk);
	bk->f[F_DATE] = new_format(bk);
	lx.format_set_num_format(bk->f[F_DATE], "d mmm yyyy");
	lx.format_set_align(bk->f[F_DATE], LXW_ALIGN_LEFT);
	/* a month (format.md "Dates to the month"): its last day, shown
	 * without a day the paper did not give */
	bk->f[F_MONTH] = new_format(bk);
	lx.format_set_num_format(bk->f[F_MONTH], "mmm yyyy");
	lx.format_set_align(bk->f[F_MONTH], LXW_ALIGN_LEFT);
	bk->f[F_NUM] = new_format(bk);
	for (i = 0; i < sizeof rag_fill / sizeof rag_fill[0]; i++) {
		lxw_format *f = new_format(bk);

		lx.format_set_bold(f);
		lx.format_set_bg_color(f, rag_fill[i].fill);
		lx.format_set_font_color(f, rag_fill[i].font);
		bk->f[rag_fill[i].fmt] = f;
	}
}

static void
check(struct book *bk, lxw_error e)
{
	if (e != LXW_NO_ERROR && bk->err == LXW_NO_ERROR)
		bk->err = (int)e;
}

/*
 * The bytes of the longest prefix of the UTF-8 text s that is at most
 * units long as Excel counts a string: in UTF-16 code units (a character
 * beyond U+FFFF is two), not in columns.
 */
static size_t
units_prefix(const char *s, size_t units, size_t *used)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, n = 0, w;

	while (p[i] != '\0') {
		w = p[i] >= 0xf0 ? 2 : 1;
		if (n + w > units)
			break;
		n += w;
		/* the character's continuation bytes go with it */
		for (i++; (p[i] & 0xc0) == 0x80; i++)
			;
	}
	if (used != NULL)
		*used = n;
	return i;
}

/* Text s (cleaned of what XML cannot hold, cut to Excel's limit). */
static void
put_text(struct book *bk, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
    const char *s, lxw_format *f)
{
	if (s == NULL || *s == '\0')
		return;
	buf_reset(&bk->t);
	text_clean(&bk->t, s, "");
	if (bk->t.s[units_prefix(bk->t.s, CELL_MAX, NULL)] != '\0') {
		bk->t.len = units_prefix(bk->t.s, CELL_MAX - 1, NULL);
		bk->t.s[bk->t.len] = '\0';
		buf_adds(&bk->t, "…");
	}
	check(bk, lx.worksheet_write_string(ws, row, col, bk->t.s, f));
}

/* A date as a date where it is one, a month (YYYY-MM) as the date of
 * its last day shown as "Jan 2023", else as text. */
static void
put_date(struct book *bk, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
    const char *s)
{
	lxw_datetime dt;
	char day[11];

	/* Excel's dates start in 1900 (and its 29 February 1900 is
	 * false): an earlier one stays text */
	if (due_day(s, day) < 0 || strcmp(day, "1900-03-01") < 0) {
		put_text(bk, ws, row, col, s, bk->f[F_TEXT]);
		return;
	}
	memset(&dt, 0, sizeof dt);
	dt.year = atoi(day);
	dt.month = atoi(day + 5);
	dt.day = atoi(day + 8);
	check(bk, lx.worksheet_write_datetime(ws, row, col, &dt,
	    bk->f[date_valid(s) ? F_DATE : F_MONTH]));
}

static lxw_format *
rag_format(struct book *bk, const char *word)
{
	size_t i;

	for (i = 0; i < sizeof rag_fill / sizeof rag_fill[0]; i++)
		if (strcmp(report_rag_word(rag_fill[i].rag), word) == 0)
			return bk->f[rag_fill[i].fmt];
	return bk->f[F_TEXT];
}

/* A printed page: A4 landscape, the header row on every page, the
 * title in the page header ('&' doubled, as Excel's header codes need). */
static void
page_setup(struct book *bk, lxw_worksheet *ws, const struct report *rp)
{
	struct buf h = BUF_INIT;
	const char *s;
	size_t n, len, w;

	lx.worksheet_set_landscape(ws);
	lx.worksheet_set_paper(ws, 9);
	lx.worksheet_repeat_rows(ws, 0, 0);
	lx.worksheet_fit_to_pages(ws, 1, 0);
	buf_adds(&h, "&L");
	buf_reset(&bk->t);
	text_clean_line(&bk->t, report_title(rp));
	if (rp->meeting != NULL) {
		buf_adds(&bk->t, ", ");
		text_clean_line(&bk->t, rp->meeting);
	}
	/* Excel's header holds 255 characters: the codes around the title
	 * take 18, and each '&' in it counts twice */
	for (s = bk->t.s, n = 0; *s; s += len) {
		/* one character: its bytes, and 2 for a doubled '&' */
		len = units_prefix(s, 2, &w);
		if (len > 1 && (unsigned char)*s < 0xf0)
			len = units_prefix(s, 1, &w);
		if (*s == '&')
			w = 2;
		if (n + w > HEADER_MAX - 18 - 1) {
			buf_adds(&h, "…");
			break;
		}
		if (*s == '&')
			buf_addc(&h, '&');
		buf_add(&h, s, len);
		n += w;
	}
	buf_adds(&h, "&RPage &P of &N");
	check(bk, lx.worksheet_set_header(ws, h.s));
	buf_release(&h);
}

/* The header row and the columns' widths. */
static void
sheet_head(struct book *bk, lxw_worksheet *ws, const struct rcol *cols,
    size_t ncols)
{
	size_t i;

	for (i = 0; i < ncols; i++) {
		check(bk, lx.worksheet_set_column(ws, (lxw_col_t)i, (lxw_col_t)i,
		    cols[i].width, NULL));
		put_text(bk, ws, 0, (lxw_col_t)i, cols[i].heading,
		    bk->f[F_HEAD]);
	}
}

static void
sheet_recs(struct book *bk, const struct report *rp)
{
	lxw_worksheet *ws = lx.workbook_add_worksheet(bk->wb, "Recommendations");
	const struct rcommittee *c;
	const struct rreview *v;
	const struct rrec *x;
	struct buf cell = BUF_INIT;
	lxw_row_t row = 0;
	size_t i;

	sheet_head(bk, ws, report_cols, report_ncols);
	FOR_RECS(rp, c, v, x) {
		row++;
		for (i = 0; i < report_ncols; i++) {
			lxw_col_t col = (lxw_col_t)i;

			buf_reset(&cell);
			report_cell(&cell, rp, c, v, x, i);
			switch (report_cols[i].kind) {
			case RCOL_DATE:
				put_date(bk, ws, row, col, cell.s);
				break;
			case RCOL_NUMBER:
				check(bk, lx.worksheet_write_number(ws, row, col,
				    atof(cell.s), bk->f[F_NUM]));
				break;
			case RCOL_RAG:
				put_text(bk, ws, row, col, cell.s,
				    rag_format(bk, cell.s));
				break;
			default:
				put_text(bk, ws, row, col, cell.s,
				    bk->f[F_TEXT]);
				break;
			}
		}
	}
	lx.worksheet_freeze_panes(ws, 1, 0);
	check(bk, lx.worksheet_autofilter(ws, 0, 0, row,
	    (lxw_col_t)(report_ncols - 1)));
	page_setup(bk, ws, rp);
	buf_release(&cell);
}

static void
sheet_actions(struct book *bk, const struct report *rp)
{
	static const struct rcol cols[] = {
		{ "Ref", RCOL_TEXT, 6 }, { "Action", RCOL_LONG, 60 },
		{ "Owner", RCOL_TEXT, 26 }, { "Due", RCOL_DATE, 12 },
		{ "Status", RCOL_TEXT, 10 }, { "Review", RCOL_TEXT, 26 },
		{ "Handle", RCOL_TEXT, 30 },
	};
	const size_t ncols = sizeof cols / sizeof cols[0];
	lxw_worksheet *ws = lx.workbook_add_worksheet(bk->wb, "Actions");
	const struct rcommittee *c;
	const struct rreview *v;
	const struct rrec *x;
	lxw_row_t row = 0;
	size_t i;

	sheet_head(bk, ws, cols, ncols);
	FOR_RECS(rp, c, v, x) {
		for (i = 0; i < x->nactions; i++) {
			const struct raction *a = &x->actions[i];
			struct buf t = BUF_INIT;

			row++;
			put_text(bk, ws, row, 0, x->ref, bk->f[F_TEXT]);
			if (a->aid != NULL)
				buf_printf(&t, "%s: ", a->aid);
			buf_adds(&t, a->text);
			put_text(bk, ws, row, 1, t.s, bk->f[F_TEXT]);
			buf_release(&t);
			put_text(bk, ws, row, 2, a->owner, bk->f[F_TEXT]);
			put_date(bk, ws, row, 3, a->due);
			put_text(bk, ws, row, 4, a->status ? a->status : "open",
			    bk->f[F_TEXT]);
			put_text(bk, ws, row, 5, v->title, bk->f[F_TEXT]);
			put_text(bk, ws, row, 6, x->handle, bk->f[F_TEXT]);
		}
	}
	lx.worksheet_freeze_panes(ws, 1, 0);
	check(bk, lx.worksheet_autofilter(ws, 0, 0, row, (lxw_col_t)(ncols - 1)));
	page_setup(bk, ws, rp);
}

/* Copy the file at from into fp; 0, or -1 (errno set). */
static int
copy_into(const char *from, FILE *fp)
{
	char block[16384];
	size_t n;
	FILE *in = fopen(from, "rb");

	if (in == NULL)
		return -1;
	while ((n = fread(block, 1, sizeof block, in)) > 0)
		if (fwrite(block, 1, n, fp) != n)
			break;
	n = (size_t)ferror(in);
	fclose(in);
	return n || ferror(fp) ? -1 : 0;
}

int
report_xlsx(const struct report *rp, const char *path)
{
	lxw_workbook_options opt;
	lxw_doc_properties props;
	struct atomic_file af;
	struct book bk;
	struct buf tmp = BUF_INIT, title = BUF_INIT, meeting = BUF_INIT;
	const char *dir = getenv("TMPDIR");
	int fd, slot, rc = -1;
	lxw_error e;

	if (xlsx_open() < 0)
		return -1;
	memset(&bk, 0, sizeof bk);
	buf_printf(&tmp, "%s/rectrack-xlsx.XXXXXX", dir != NULL && *dir ?
	    dir : "/tmp");
	if ((fd = mkstemp(tmp.s)) < 0) {
		error("cannot create a temporary file in %s: %s", dir != NULL &&
		    *dir ? dir : "/tmp", strerror(errno));
		buf_release(&tmp);
		return -1;
	}
	close(fd);
	slot = cleanup_add(tmp.s);
	memset(&opt, 0, sizeof opt);
	opt.tmpdir = dir != NULL && *dir ? (char *)dir : NULL;
	bk.wb = lx.workbook_new_opt(tmp.s, &opt);
	if (bk.wb == NULL) {
		error("cannot write a spreadsheet");
		goto out;
	}
	/* the same report on the same --today gives the same bytes */
	memset(&props, 0, sizeof props);
	text_clean_line(&title, report_title(rp));
	props.title = title.s;
	if (rp->meeting != NULL) {
		text_clean_line(&meeting, rp->meeting);
		props.subject = meeting.s;
	}
	props.created = (time_t)date_days(rp->ctx->today) * 86400;
	check(&bk, lx.workbook_set_properties(bk.wb, &props));
	formats(&bk);
	sheet_recs(&bk, rp);
	sheet_actions(&bk, rp);
	e = lx.workbook_close(bk.wb);
	check(&bk, e);
	if (bk.err != LXW_NO_ERROR) {
		error("cannot write a spreadsheet: %s",
		    lx.lxw_strerror((lxw_error)bk.err));
		goto out;
	}
	if (atomic_open(&af, path, rp->ctx->dbpath) < 0)
		goto out;
	if (isatty(fileno(af.fp))) {
		atomic_close(&af, 0);
		error("will not write a spreadsheet to a terminal: give "
		    "--output a file");
		rc = -2;
		goto out;
	}
	if (copy_into(tmp.s, af.fp) < 0) {
		atomic_close(&af, 0);
		error("cannot copy the spreadsheet to %s: %s", path,
		    strerror(errno));
		goto out;
	}
	if (atomic_close(&af, 1) == 0)
		rc = 0;
out:
	unlink(tmp.s);
	cleanup_del(slot);
	buf_release(&tmp);
	buf_release(&title);
	buf_release(&meeting);
	buf_release(&bk.t);
	return rc;
}
