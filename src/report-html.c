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
"max-width:60em;padding:0 1em;line-height:1.4}"
"h1{font-size:1.6em;border-bottom:3px solid #1d3f6e;padding-bottom:.3em}"
"h2{font-size:1.3em;color:#1d3f6e;margin-top:2em}"
"h3{font-size:1.1em;margin-top:1.5em}"
"table{border-collapse:collapse;width:100%;margin:.8em 0;font-size:.9em}"
"th,td{border:1px solid #b1b4b6;padding:.3em .5em;text-align:left;"
"vertical-align:top}"
"th{background:#f3f2f1}table.counts{width:auto;min-width:18em}"
"dl{display:grid;grid-template-columns:max-content auto;gap:.2em 1em}"
"dt{font-weight:bold}dd{margin:0}"
".rag{font-weight:bold;padding:0 .4em;border-radius:3px;color:#fff;"
"white-space:nowrap}"
".rag-red{background:#c62828}.rag-amber{background:#b35c00}"
".rag-green{background:#2e7d32}"
".num{text-align:right}"
".chart{max-width:100%;height:auto}"
".chart text{font-size:12px;font-family:Arial,Helvetica,sans-serif}"
".nw{white-space:nowrap}"
"@media print{body{margin:0;max-width:none;font-size:10pt}"
"@page{size:A4;margin:15mm}"
".committee{break-before:page}.committee:first-of-type{break-before:auto}"
"thead{display:table-header-group}tr,.chart{break-inside:avoid}"
".rag{color:#000;border:1px solid #000;background:none}}";

static void
html_rag(struct buf *b, const char *rag)
{
	buf_printf(b, "<span class=\"rag rag-%s\">%s</span>", rag,
	    !strcmp(rag, "red") ? "Red" : !strcmp(rag, "amber") ? "Amber" :
	    "Green");
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
	    "<th>Ref</th><th>Recommendation</th><th>Status</th><th>RAG</th>"
	    "<th>Owner</th><th>Due</th><th>Latest update</th></tr></thead>"
	    "<tbody>\n");
	for (i = 0; i < v->n; i++) {
		const struct rrec *x = &v->recs[i];

		buf_adds(b, "<tr><td>");
		h(b, x->ref);
		buf_adds(b, "</td><td>");
		h(b, x->brief);
		buf_adds(b, "</td><td class=\"nw\">");
		h(b, x->status);
		buf_adds(b, "</td><td>");
		html_rag(b, x->rag);
		buf_adds(b, "</td><td>");
		h(b, x->owner);
		buf_adds(b, "</td><td class=\"nw\">");
		h(b, x->due);
		buf_adds(b, "</td><td>");
		buf_reset(&t);
		report_last_update(&t, x);
		h(b, t.s);
		buf_adds(b, "</td></tr>\n");
	}
	buf_adds(b, "</tbody></table></section>\n");
	buf_release(&t);
}

static void
html_list_head(struct buf *b, const char *title, const char *cols)
{
	buf_printf(b, "<section class=\"list\"><h2>%s</h2>\n<table><thead>"
	    "<tr>%s</tr></thead><tbody>\n", title, cols);
}

void
report_html(const struct report *rp, FILE *fp)
{
	struct buf b = BUF_INIT;
	const struct rcommittee *c;
	const struct rreview *v;
	const struct rrec *x;
	size_t i, j;

	buf_adds(&b, "<!DOCTYPE html>\n<html lang=\"en-GB\"><head>"
	    "<meta charset=\"utf-8\">\n<meta http-equiv=\"Content-Security-"
	    "Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
	    "img-src 'none'; script-src 'none'; base-uri 'none'; form-action "
	    "'none'\">\n<meta name=\"viewport\" content=\"width=device-width, "
	    "initial-scale=1\">\n<title>Scrutiny recommendations: status report"
	    ", ");
	h(&b, rp->ctx->today);
	buf_printf(&b, "</title>\n<style>%s</style></head><body>\n", css);
	buf_adds(&b, "<h1>Scrutiny recommendations: status report</h1>\n<p>");
	{
		struct buf t = BUF_INIT;

		report_summary(&t, rp);
		h(&b, t.s);
		buf_release(&t);
	}
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
	html_list_head(&b, "Overdue recommendations", "<th>Recommendation"
	    "</th><th>Due</th><th>Owner</th><th>Status</th>");
	FOR_RECS(rp, c, v, x) {
		if (!x->overdue)
			continue;
		buf_adds(&b, "<tr><td>");
		h(&b, x->handle);
		buf_adds(&b, "</td><td class=\"nw\">");
		h(&b, x->due);
		buf_adds(&b, "</td><td>");
		h(&b, x->owner);
		buf_adds(&b, "</td><td class=\"nw\">");
		h(&b, x->status);
		buf_adds(&b, "</td></tr>\n");
	}
	if (report_count(rp, LIST_OVERDUE) == 0)
		buf_adds(&b, "<tr><td colspan=\"4\">None.</td></tr>\n");
	buf_adds(&b, "</tbody></table></section>\n");
	html_list_head(&b, "Overdue responses", "<th>Recommendation</th>"
	    "<th>Response due</th>");
	FOR_RECS(rp, c, v, x) {
		if (!x->response_overdue)
			continue;
		buf_adds(&b, "<tr><td>");
		h(&b, x->handle);
		buf_printf(&b, "</td><td class=\"nw\">%s</td></tr>\n",
		    v->response_due);
	}
	if (report_count(rp, LIST_RESPONSE_OVERDUE) == 0)
		buf_adds(&b, "<tr><td colspan=\"2\">None.</td></tr>\n");
	buf_adds(&b, "</tbody></table></section>\n");
	html_list_head(&b, "Stale recommendations", "<th>Recommendation</th>"
	    "<th>Status</th><th>Last recorded</th>");
	FOR_RECS(rp, c, v, x) {
		if (!x->stale)
			continue;
		buf_adds(&b, "<tr><td>");
		h(&b, x->handle);
		buf_adds(&b, "</td><td>");
		h(&b, x->status);
		buf_adds(&b, "</td><td>");
		h(&b, x->activity ? x->activity : "nothing recorded");
		buf_adds(&b, "</td></tr>\n");
	}
	if (report_count(rp, LIST_STALE) == 0)
		buf_adds(&b, "<tr><td colspan=\"3\">None.</td></tr>\n");
	buf_adds(&b, "</tbody></table></section>\n");
	if (rp->since != NULL) {
		struct buf t = BUF_INIT;

		buf_printf(&t, "Updates since %s", rp->since);
		html_list_head(&b, t.s, "<th>Date</th><th>Recommendation</th>"
		    "<th>Change</th><th>By</th><th>Note</th>");
		buf_release(&t);
		for (i = 0; i < rp->nchanges; i++) {
			const struct change *ch = &rp->changes[i];

			buf_printf(&b, "<tr><td class=\"nw\">%s</td><td>",
			    ch->date);
			h(&b, ch->handle);
			buf_adds(&b, "</td><td>");
			report_change_text(&b, ch, h);
			buf_adds(&b, "</td><td>");
			h(&b, ch->by);
			buf_adds(&b, "</td><td>");
			h(&b, ch->note);
			buf_adds(&b, "</td></tr>\n");
		}
		if (rp->nchanges == 0)
			buf_adds(&b, "<tr><td colspan=\"5\">None.</td></tr>\n");
		buf_adds(&b, "</tbody></table></section>\n");
	}
	buf_adds(&b, "</body></html>\n");
	fputs(b.s, fp);
	buf_release(&b);
}
