#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "escape.h"
#include "report.h"
#include "vocab.h"

/* Dark enough for white numbers on them (contrast 4.5:1 or more). */
static const char *const status_colour[] = {
	"#616161", "#3949ab", "#1565c0", "#00695c", "#4e342e", "#a64d00",
	"#1b5e20", "#b71c1c", "#424242",
};

static void
h(struct buf *b, const char *s)
{
	if (s != NULL)
		esc_html(b, s);
}

static const char css[] =
"body{font-family:Arial,Helvetica,sans-serif;color:#1b1b1b;margin:2em auto;"
"max-width:80em;padding:0 1em;line-height:1.4}"
"h1{font-size:1.6em;border-bottom:3px solid #1d3f6e;padding-bottom:.3em}"
"p.meeting{font-size:1.15em;font-weight:bold;margin:.2em 0}"
"h2{font-size:1.3em;color:#1d3f6e;margin-top:2em}"
"h3{font-size:1.1em;margin-top:1.5em}"
"table{border-collapse:collapse;width:100%;margin:.8em 0;font-size:.9em}"
"th,td{border:1px solid #b1b4b6;padding:.3em .5em;text-align:left;"
"vertical-align:top}"
"th{background:#f3f2f1}table.counts{width:auto;min-width:18em}"
"dl{display:grid;grid-template-columns:max-content auto;gap:.2em 1em}"
"dt{font-weight:bold}dd{margin:0}"
".rag{font-weight:bold;padding:0 .4em;border-radius:3px;color:#fff;"
"white-space:nowrap;-webkit-print-color-adjust:exact;"
"print-color-adjust:exact}"
".rag-red{background:#c62828}.rag-amber{background:#b35c00}"
".rag-green{background:#2e7d32}.rag-blue{background:#1565c0}"
".rag-grey{background:#616161}"
".num{text-align:right}"
".chart{max-width:100%;height:auto}"
".chart text{font-size:12px;font-family:Arial,Helvetica,sans-serif}"
".nw{white-space:nowrap}"
".text{white-space:pre-line;margin:.2em 0}"
"table.recs{font-size:.85em;line-height:1.3}"
".w3{width:3%}.w8{width:8%}.w10{width:10%}.w13{width:13%}"
".w24{width:24%}.w34{width:34%}"
"table.recs td{overflow-wrap:break-word}"
"td.ref{font-weight:bold}"
"small.handle{display:block;color:#505a5f;margin-top:.3em}"
"ul{margin:.3em 0;padding-left:1.2em}li{margin:.2em 0}"
".why{display:block;font-size:.9em;margin-top:.3em}"
".quiet{color:#505a5f}"
"h1,h2,h3,p.meeting,dl{break-after:avoid;"
"page-break-after:avoid}"
"@media print{body{margin:0;max-width:none;font-size:9pt}"
"@page{size:A4 landscape;margin:12mm}"
"*{-webkit-print-color-adjust:exact;print-color-adjust:exact}"
".committee{break-before:page}.committee:first-of-type{break-before:auto}"
"thead{display:table-header-group}"
"tr,li,.chart,dl,table.counts{break-inside:avoid;page-break-inside:avoid}"
"section.review>h3{break-after:avoid;page-break-after:avoid}"
"section.list{break-inside:avoid-page}}";

/* Text with every date in it (YYYY-MM-DD) kept on one line: a narrow
 * column may break the text around a date, never inside one. */
static void
h_dates(struct buf *b, const char *s)
{
	struct buf t = BUF_INIT;
	const char *p = s;
	int i;

	while (*p) {
		for (i = 0; i < 10 && p[i]; i++)
			if ((i == 4 || i == 7) ? p[i] != '-' :
			    (p[i] < '0' || p[i] > '9'))
				break;
		if (i == 10 && (p == s || p[-1] < '0' || p[-1] > '9')) {
			buf_reset(&t);
			buf_add(&t, s, (size_t)(p - s));
			h(b, t.s);
			buf_adds(b, "<span class=\"nw\">");
			buf_reset(&t);
			buf_add(&t, p, 10);
			h(b, t.s);
			buf_adds(b, "</span>");
			s = p = p + 10;
		} else
			p++;
	}
	h(b, s);
	buf_release(&t);
}

/* The RAG coloured and in words (rag is derived, one of five words). */
static void
html_rag(struct buf *b, const char *rag)
{
	buf_adds(b, "<span class=\"rag rag-");
	h(b, rag);
	buf_adds(b, "\">");
	h(b, report_rag_word(rag));
	buf_adds(b, "</span>");
}

/* A recommendation as members name it, the handle in small print. */
static void
html_name(struct buf *b, const struct rreview *v, const struct rrec *x)
{
	report_name(b, v, x, h, "<small class=\"handle\">");
}

/* One row of table.recs: the recommendation as councils track it. */
static void
html_rec(struct buf *b, const struct rrec *x)
{
	struct buf t = BUF_INIT;
	size_t i;

	buf_adds(b, "<tr><td class=\"ref\">");
	h(b, x->ref);
	buf_adds(b, "</td><td>");
	if (x->title != NULL) {
		buf_adds(b, "<strong>");
		h(b, x->title);
		buf_adds(b, "</strong>");
	}
	buf_adds(b, "<p class=\"text\">");
	h(b, x->text);
	buf_adds(b, "</p><small class=\"handle\">");
	h(b, x->handle);
	buf_adds(b, "</small></td><td><strong>");
	report_decision(&t, x);
	h(b, t.s);
	buf_adds(b, "</strong>");
	if (x->response_text != NULL) {
		buf_adds(b, "<p class=\"text\">");
		h(b, x->response_text);
		buf_adds(b, "</p>");
	}
	if (x->nactions > 0) {
		buf_adds(b, "<ul class=\"actions\">");
		for (i = 0; i < x->nactions; i++) {
			const struct raction *a = &x->actions[i];

			buf_adds(b, "<li>");
			buf_reset(&t);
			report_action(&t, a);
			h(b, t.s);
			buf_adds(b, "</li>");
		}
		buf_adds(b, "</ul>");
	}
	buf_adds(b, "</td><td>");
	h(b, x->owner ? x->owner : "not stated");
	buf_adds(b, "</td><td>");
	buf_reset(&t);
	report_target(&t, x);
	h_dates(b, t.s);
	if (x->nmoves > 0) {
		buf_adds(b, "<ul class=\"moves\">");
		for (i = 0; i < x->nmoves; i++) {
			buf_adds(b, "<li>");
			buf_reset(&t);
			report_move(&t, &x->moves[i]);
			h_dates(b, t.s);
			buf_adds(b, "</li>");
		}
		buf_adds(b, "</ul>");
	}
	buf_adds(b, "</td><td>");
	if (x->progress_date != NULL) {
		buf_adds(b, "<strong>");
		h(b, x->progress_date);
		buf_adds(b, "</strong><p class=\"text\">");
		if (x->progress_note != NULL)
			h(b, x->progress_note);
		else {
			buf_adds(b, "status ");
			h(b, x->progress_status);
		}
		buf_adds(b, "</p>");
	} else
		buf_adds(b, "<span class=\"quiet\">none recorded</span>");
	buf_adds(b, "</td><td>");
	html_rag(b, x->rag);
	buf_reset(&t);
	report_rag_detail(&t, x);
	if (t.len > 0) {
		buf_adds(b, "<span class=\"why\">");
		h(b, t.s);
		buf_adds(b, "</span>");
	}
	buf_adds(b, "</td></tr>\n");
	buf_release(&t);
}

/* A stacked bar per review: its recommendations by status. */
static void
html_chart(struct buf *b, const struct rcommittee *c)
{
	const int label = 300, width = 380, bar = 22, gap = 10;
	size_t j;
	int k, y, height = (int)c->n * (bar + gap) + 40, x, legend;

	buf_printf(b, "<svg class=\"chart\" role=\"img\" width=\"%d\" "
	    "height=\"%d\" viewBox=\"0 0 %d %d\" "
	    "xmlns=\"http://www.w3.org/2000/svg\"><title>Recommendations by "
	    "status, per review</title>", label + width + 10, height,
	    label + width + 10, height);
	for (j = 0; j < c->n; j++) {
		const struct rreview *v = &c->reviews[j];
		struct buf t = BUF_INIT;

		y = (int)j * (bar + gap);
		buf_adds(&t, v->title);
		if (utf8_width(t.s) > 44) {
			t.len = utf8_prefix(t.s, 43);
			t.s[t.len] = '\0';
			buf_adds(&t, "…");
		}
		buf_printf(b, "<text x=\"0\" y=\"%d\">", y + 15);
		h(b, t.s);
		buf_adds(b, "</text>");
		buf_release(&t);
		x = label;
		for (k = 0; vocab_status[k] != NULL; k++) {
			int w;

			if (v->counts[k] == 0 || v->n == 0)
				continue;
			w = (int)((long)v->counts[k] * width / (long)v->n);
			buf_printf(b, "<rect x=\"%d\" y=\"%d\" width=\"%d\" "
			    "height=\"%d\" fill=\"%s\"><title>%s: %d</title>"
			    "</rect>", x, y, w, bar, status_colour[k],
			    vocab_status[k], v->counts[k]);
			if (w >= 24)
				buf_printf(b, "<text x=\"%d\" y=\"%d\" "
				    "fill=\"#fff\">%d</text>", x + 4, y + 15,
				    v->counts[k]);
			x += w;
		}
	}
	/* the legend: every status that appears, in words */
	legend = 0;
	y = (int)c->n * (bar + gap) + 12;
	for (k = 0; vocab_status[k] != NULL; k++) {
		int any = 0;

		for (j = 0; j < c->n; j++)
			any |= c->reviews[j].counts[k] > 0;
		if (!any)
			continue;
		buf_printf(b, "<rect x=\"%d\" y=\"%d\" width=\"12\" "
		    "height=\"12\" fill=\"%s\"/><text x=\"%d\" y=\"%d\">%s"
		    "</text>", legend, y, status_colour[k], legend + 16,
		    y + 11, vocab_status[k]);
		legend += 16 + 8 * (int)strlen(vocab_status[k]) + 14;
	}
	buf_adds(b, "</svg>\n");
}

static void
html_review(struct buf *b, const struct report *rp, const struct rreview *v)
{
	struct buf t = BUF_INIT;
	size_t i;
	int k;

	buf_adds(b, "<section class=\"review\"><h3>");
	h(b, v->title);
	buf_adds(b, "</h3>\n<dl><dt>Review</dt><dd>");
	h(b, v->rid);
	if (v->year != NULL) {
		buf_adds(b, ", ");
		h(b, v->year);
	}
	buf_adds(b, "</dd><dt>Stage</dt><dd>");
	h(b, v->stage);
	if (v->stage_since[0]) {
		buf_adds(b, " since ");
		h(b, v->stage_since);
	}
	buf_adds(b, "</dd><dt>Published</dt><dd>");
	h(b, v->published ? v->published : "not stated");
	buf_adds(b, "</dd><dt>Submitted</dt><dd>");
	h(b, v->submitted ? v->submitted : "not stated");
	buf_adds(b, "</dd><dt>Executive response</dt><dd>");
	report_response_state(&t, v, rp->ctx->today);
	h(b, t.s);
	buf_printf(b, "</dd><dt>Implemented</dt><dd>%d of %zu (%d%%)</dd>"
	    "</dl>\n", v->counts[vocab_find(vocab_status, "implemented")],
	    v->n, report_implemented(v));
	buf_adds(b, "<table class=\"counts\"><thead><tr><th>Status</th>"
	    "<th class=\"num\">Recommendations</th></tr></thead><tbody>");
	for (k = 0; vocab_status[k] != NULL; k++)
		if (v->counts[k] > 0)
			buf_printf(b, "<tr><td>%s</td><td class=\"num\">%d</td>"
			    "</tr>", vocab_status[k], v->counts[k]);
	buf_adds(b, "</tbody></table>\n<table class=\"recs\"><thead><tr>"
	    "<th class=\"w3\">Ref</th>"
	    "<th class=\"w24\">Recommendation</th>"
	    "<th class=\"w34\">Executive response and actions</th>"
	    "<th class=\"w8\">Lead officer</th>"
	    "<th class=\"w13\">Target date</th>"
	    "<th class=\"w10\">Latest progress</th>"
	    "<th class=\"w8\">RAG</th></tr></thead><tbody>\n");
	for (i = 0; i < v->n; i++)
		html_rec(b, &v->recs[i]);
	buf_adds(b, "</tbody></table></section>\n");
	buf_release(&t);
}

static void
html_list_head(struct buf *b, const char *title, const char *intro,
    const char *cols)
{
	buf_printf(b, "<section class=\"list\"><h2>%s</h2>\n", title);
	if (intro != NULL)
		buf_printf(b, "<p>%s</p>\n", intro);
	buf_printf(b, "<table><thead><tr>%s</tr></thead><tbody>\n", cols);
}

/* The end of a list's table: "None." when it had no row. */
static void
html_list_end(struct buf *b, size_t rows, int ncols)
{
	if (rows == 0)
		buf_printf(b, "<tr><td colspan=\"%d\">None.</td></tr>\n",
		    ncols);
	buf_adds(b, "</tbody></table></section>\n");
}

static void
html_list(struct buf *b, const struct report *rp,
    const struct report_listdef *l)
{
	const struct rcommittee *c;
	const struct rreview *v;
	const struct rrec *x;
	struct buf t = BUF_INIT, th = BUF_INIT;
	int k;

	for (k = 0; k < l->ncols; k++)
		buf_printf(&th, "<th>%s</th>", l->heads[k]);
	html_list_head(b, l->title, l->intro, th.s);
	FOR_RECS(rp, c, v, x) {
		if (!report_in_list(x, l->which))
			continue;
		buf_adds(b, "<tr><td>");
		html_name(b, v, x);
		for (k = 1; k < l->ncols; k++) {
			buf_adds(b, "</td><td>");
			buf_reset(&t);
			report_list_cell(&t, l, x, k);
			h(b, t.s);
		}
		buf_adds(b, "</td></tr>\n");
	}
	html_list_end(b, report_count(rp, l->which), l->ncols);
	buf_release(&th);
	buf_release(&t);
}

void
report_html(const struct report *rp, FILE *fp)
{
	struct buf b = BUF_INIT, t = BUF_INIT;
	const struct rcommittee *c;
	const struct rreview *v;
	const struct rrec *x;
	size_t i, j;

	buf_adds(&b, "<!DOCTYPE html>\n<html lang=\"en-GB\"><head>"
	    "<meta charset=\"utf-8\">\n<meta http-equiv=\"Content-Security-"
	    "Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
	    "img-src 'none'; script-src 'none'; base-uri 'none'; form-action "
	    "'none'\">\n<meta name=\"viewport\" content=\"width=device-width, "
	    "initial-scale=1\">\n<title>");
	h(&b, report_title(rp));
	buf_adds(&b, ", ");
	h(&b, rp->ctx->today);
	buf_printf(&b, "</title>\n<style>%s</style></head><body>\n<h1>", css);
	h(&b, report_title(rp));
	buf_adds(&b, "</h1>\n");
	if (rp->meeting != NULL) {
		buf_adds(&b, "<p class=\"meeting\">");
		h(&b, rp->meeting);
		buf_adds(&b, "</p>\n");
	}
	buf_adds(&b, "<p>");
	report_summary(&t, rp);
	h(&b, t.s);
	buf_adds(&b, "</p>\n");
	for (i = 0; i < rp->n; i++) {
		buf_adds(&b, "<section class=\"committee\"><h2>");
		h(&b, rp->c[i].name);
		buf_adds(&b, " <small>(");
		h(&b, rp->c[i].authority);
		buf_adds(&b, ")</small></h2>\n");
		html_chart(&b, &rp->c[i]);
		for (j = 0; j < rp->c[i].n; j++)
			html_review(&b, rp, &rp->c[i].reviews[j]);
		buf_adds(&b, "</section>\n");
	}
	for (i = 0; i < report_nlists; i++)
		html_list(&b, rp, &report_lists[i]);
	if (rp->since != NULL) {
		buf_reset(&t);
		buf_printf(&t, "Updates since %s", rp->since);
		html_list_head(&b, t.s, NULL, "<th>Date</th><th>Recommendation</th>"
		    "<th>Change</th><th>By</th><th>Note</th>");
		for (i = 0; i < rp->nchanges; i++) {
			const struct change *ch = &rp->changes[i];

			buf_printf(&b, "<tr><td class=\"nw\">%s</td><td>",
			    ch->date);
			h(&b, ch->name);
			buf_adds(&b, "<small class=\"handle\">");
			h(&b, ch->handle);
			buf_adds(&b, "</small></td><td>");
			report_change_text(&b, ch, h);
			buf_adds(&b, "</td><td>");
			h(&b, ch->by);
			buf_adds(&b, "</td><td>");
			h(&b, ch->note);
			buf_adds(&b, "</td></tr>\n");
		}
		html_list_end(&b, rp->nchanges, 5);
		buf_reset(&t);
		buf_printf(&t, "RAG changes since %s", rp->since);
		html_list_head(&b, t.s, NULL, "<th>Recommendation</th><th>RAG then"
		    "</th><th>RAG now</th>");
		FOR_RECS(rp, c, v, x) {
			if (!report_in_list(x, LIST_RAG_CHANGED))
				continue;
			buf_adds(&b, "<tr><td>");
			html_name(&b, v, x);
			buf_adds(&b, "</td><td>");
			html_rag(&b, x->rag_then);
			buf_adds(&b, "</td><td>");
			html_rag(&b, x->rag);
			buf_adds(&b, "</td></tr>\n");
		}
		html_list_end(&b, report_count(rp, LIST_RAG_CHANGED), 3);
	}
	buf_adds(&b, "</body></html>\n");
	fputs(b.s, fp);
	buf_release(&t);
	buf_release(&b);
}
