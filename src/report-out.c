#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "emit.h"
#include "escape.h"
#include "output.h"
#include "report.h"
#include "vocab.h"

/* Percentage of recommendations implemented, rounded. */
static int
share_implemented(const struct rreview *v)
{
	int impl = v->counts[vocab_find(vocab_status, "implemented")];

	return v->n ? (int)((impl * 200 + (int)v->n) / (2 * (int)v->n)) : 0;
}

/* "received 2024-04-18 (10 of 10)", "due 2024-03-31, overdue", ... */
static void
response_state(struct buf *b, const struct rreview *v, const char *today)
{
	if (v->nresponses > 0)
		buf_printf(b, "received%s%s (%d of %zu)", v->response_date ?
		    " " : "", v->response_date ? v->response_date : "",
		    v->nresponses, v->n);
	if (v->pending == 0) {
		if (v->nresponses == 0)
			buf_adds(b, "none awaited");
		return;
	}
	if (v->nresponses > 0)
		buf_adds(b, "; ");
	if (v->response_due[0])
		buf_printf(b, "due %s%s", v->response_due,
		    strcmp(today, v->response_due) > 0 ? ", overdue" : "");
	else
		buf_adds(b, "not yet due (not submitted)");
}

/* Dark enough for white numbers on them (contrast 4.5:1 or more). */
static const char *const status_colour[] = {
	"#616161", "#3949ab", "#1565c0", "#00695c", "#4e342e", "#a64d00",
	"#1b5e20", "#b71c1c", "#424242",
};

#define FOR_RECS(rp, c, v, x) \
	for (size_t ci_ = 0; ci_ < (rp)->n; ci_++) \
	for (size_t vi_ = 0; vi_ < (rp)->c[ci_].n; vi_++) \
	for (size_t xi_ = 0; xi_ < (rp)->c[ci_].reviews[vi_].n; xi_++) \
	if (((c) = &(rp)->c[ci_]), ((v) = &(c)->reviews[vi_]), \
	    ((x) = &(v)->recs[xi_]), 1)

static size_t
count_if(const struct report *rp, int which)
{
	const struct rcommittee *c;
	const struct rreview *v;
	const struct rrec *x;
	size_t n = 0;

	FOR_RECS(rp, c, v, x)
		n += which == 0 ? x->overdue : which == 1 ?
		    x->response_overdue : x->stale;
	return n;
}

static size_t
nreviews(const struct report *rp)
{
	size_t i, n = 0;

	for (i = 0; i < rp->n; i++)
		n += rp->c[i].n;
	return n;
}

/* "As at DATE. N recommendations in R reviews of C committees." */
static void
summary_line(struct buf *b, const struct report *rp)
{
	size_t nr = nreviews(rp);

	buf_printf(b, "As at %s: %zu recommendation%s in %zu review%s of %zu "
	    "committee%s.", rp->ctx->today, rp->nrecs, rp->nrecs == 1 ? "" :
	    "s", nr, nr == 1 ? "" : "s", rp->n, rp->n == 1 ? "" : "s");
}

/* The latest update as "DATE: note". */
static void
last_update(struct buf *b, const struct rrec *x)
{
	if (x->last_update == NULL)
		return;
	buf_adds(b, x->last_update);
	if (x->last_note != NULL) {
		buf_adds(b, ": ");
		buf_adds(b, x->last_note);
	}
}

/* A change of status, its words escaped by esc (a status may be any
 * text in a file edited around rectrack). */
static void
change_text(struct buf *b, const struct change *ch,
    void (*esc)(struct buf *, const char *))
{
	if (strcmp(ch->from, ch->to) != 0) {
		esc(b, ch->from);
		buf_adds(b, " → ");
	}
	esc(b, ch->to);
	if (strcmp(ch->from, ch->to) == 0)
		buf_adds(b, " (no change)");
	if (ch->due != NULL)
		buf_printf(b, ", due %s", ch->due);
	if (ch->forced)
		buf_adds(b, " (forced)");
}

/* ---- Markdown ----------------------------------------------------- */

static void
md(struct buf *b, const char *s)
{
	if (s != NULL)
		esc_markdown(b, s);
}

static void
md_review(struct buf *b, const struct report *rp, const struct rreview *v)
{
	struct buf t = BUF_INIT;
	size_t i, k;

	buf_adds(b, "### ");
	md(b, v->title);
	buf_adds(b, "\n\n- Review: ");
	md(b, v->rid);
	if (v->year != NULL) {
		buf_adds(b, ", ");
		md(b, v->year);
	}
	buf_adds(b, "; stage: ");
	md(b, v->stage);
	buf_adds(b, "\n- Published: ");
	md(b, v->published ? v->published : "not stated");
	buf_adds(b, "; submitted to the executive: ");
	md(b, v->submitted ? v->submitted : "not stated");
	buf_adds(b, "\n- Executive response: ");
	response_state(&t, v, rp->ctx->today);
	md(b, t.s);
	buf_printf(b, "\n- Implemented: %d of %zu (%d%%)\n\n",
	    v->counts[vocab_find(vocab_status, "implemented")], v->n,
	    share_implemented(v));
	buf_adds(b, "| Status | Recommendations |\n| --- | ---: |\n");
	for (k = 0; vocab_status[k] != NULL; k++)
		if (v->counts[k] > 0)
			buf_printf(b, "| %s | %d |\n", vocab_status[k],
			    v->counts[k]);
	buf_adds(b, "\n| Ref | Recommendation | Status | RAG | Owner | Due | "
	    "Latest update |\n| --- | --- | --- | --- | --- | --- | --- |\n");
	for (i = 0; i < v->n; i++) {
		const struct rrec *x = &v->recs[i];

		buf_adds(b, "| ");
		md(b, x->ref);
		buf_adds(b, " | ");
		md(b, x->brief);
		buf_adds(b, " | ");
		md(b, x->status);
		buf_printf(b, " | %s | ", x->rag);
		md(b, x->owner);
		buf_adds(b, " | ");
		md(b, x->due);
		buf_adds(b, " | ");
		buf_reset(&t);
		last_update(&t, x);
		md(b, t.s);
		buf_adds(b, " |\n");
	}
	buf_addc(b, '\n');
	buf_release(&t);
}

void
report_markdown(const struct report *rp, FILE *fp)
{
	struct buf b = BUF_INIT;
	const struct rcommittee *c;
	const struct rreview *v;
	const struct rrec *x;
	size_t i, j;

	buf_adds(&b, "# Scrutiny recommendations: status report\n\n");
	summary_line(&b, rp);
	buf_adds(&b, "\n\n");
	for (i = 0; i < rp->n; i++) {
		buf_adds(&b, "## ");
		md(&b, rp->c[i].name);
		buf_adds(&b, " (");
		md(&b, rp->c[i].authority);
		buf_adds(&b, ")\n\n");
		for (j = 0; j < rp->c[i].n; j++)
			md_review(&b, rp, &rp->c[i].reviews[j]);
	}
	buf_adds(&b, "## Overdue recommendations\n\n");
	if (count_if(rp, 0) == 0)
		buf_adds(&b, "None.\n\n");
	else {
		buf_adds(&b, "| Recommendation | Due | Owner | Status |\n"
		    "| --- | --- | --- | --- |\n");
		FOR_RECS(rp, c, v, x) {
			if (!x->overdue)
				continue;
			buf_adds(&b, "| ");
			md(&b, x->handle);
			buf_adds(&b, " | ");
			md(&b, x->due);
			buf_adds(&b, " | ");
			md(&b, x->owner);
			buf_adds(&b, " | ");
			md(&b, x->status);
			buf_adds(&b, " |\n");
		}
		buf_addc(&b, '\n');
	}
	buf_adds(&b, "## Overdue responses\n\n");
	if (count_if(rp, 1) == 0)
		buf_adds(&b, "None.\n\n");
	else {
		buf_adds(&b, "| Recommendation | Response due |\n| --- | --- |\n");
		FOR_RECS(rp, c, v, x) {
			if (!x->response_overdue)
				continue;
			buf_adds(&b, "| ");
			md(&b, x->handle);
			buf_printf(&b, " | %s |\n", v->response_due);
		}
		buf_addc(&b, '\n');
	}
	buf_adds(&b, "## Stale recommendations\n\nOpen, with nothing recorded "
	    "for over six months.\n\n");
	if (count_if(rp, 2) == 0)
		buf_adds(&b, "None.\n\n");
	else {
		buf_adds(&b, "| Recommendation | Status | Last recorded |\n"
		    "| --- | --- | --- |\n");
		FOR_RECS(rp, c, v, x) {
			if (!x->stale)
				continue;
			buf_adds(&b, "| ");
			md(&b, x->handle);
			buf_adds(&b, " | ");
			md(&b, x->status);
			buf_adds(&b, " | ");
			md(&b, x->activity ? x->activity : "nothing recorded");
			buf_adds(&b, " |\n");
		}
		buf_addc(&b, '\n');
	}
	if (rp->since != NULL) {
		buf_printf(&b, "## Updates since %s\n\n", rp->since);
		if (rp->nchanges == 0)
			buf_adds(&b, "None.\n\n");
		else
			buf_adds(&b, "| Date | Recommendation | Change | By | "
			    "Note |\n| --- | --- | --- | --- | --- |\n");
		for (i = 0; i < rp->nchanges; i++) {
			const struct change *ch = &rp->changes[i];

			buf_printf(&b, "| %s | ", ch->date);
			md(&b, ch->handle);
			buf_adds(&b, " | ");
			change_text(&b, ch, md);
			buf_adds(&b, " | ");
			md(&b, ch->by);
			buf_adds(&b, " | ");
			md(&b, ch->note);
			buf_adds(&b, " |\n");
		}
		if (rp->nchanges > 0)
			buf_addc(&b, '\n');
	}
	fputs(b.s, fp);
	buf_release(&b);
}

/* ---- HTML --------------------------------------------------------- */

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
	response_state(&t, v, rp->ctx->today);
	h(b, t.s);
	buf_printf(b, "</dd><dt>Implemented</dt><dd>%d of %zu (%d%%)</dd>"
	    "</dl>\n", v->counts[vocab_find(vocab_status, "implemented")],
	    v->n, share_implemented(v));
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
		last_update(&t, x);
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

		summary_line(&t, rp);
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
	if (count_if(rp, 0) == 0)
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
	if (count_if(rp, 1) == 0)
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
	if (count_if(rp, 2) == 0)
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
			change_text(&b, ch, h);
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

/* ---- CSV ---------------------------------------------------------- */

enum {
	R_COMMITTEE, R_REVIEW, R_REF, R_HANDLE, R_TEXT, R_STATUS, R_RAG,
	R_OWNER, R_DUE, R_OVERDUE, R_RESPONSE_DUE, R_RESPONSE_OVERDUE,
	R_STALE, R_LAST_UPDATE, R_LAST_NOTE, R_NCOLS,
};

static const struct out_col csv_cols[R_NCOLS] = {
	[R_COMMITTEE] = { "committee", "", CELL_STR, 0 },
	[R_REVIEW] = { "review", "", CELL_STR, 0 },
	[R_REF] = { "ref", "", CELL_STR, 0 },
	[R_HANDLE] = { "handle", "", CELL_STR, 0 },
	[R_TEXT] = { "recommendation", "", CELL_STR, 0 },
	[R_STATUS] = { "status", "", CELL_STR, 0 },
	[R_RAG] = { "rag", "", CELL_STR, 0 },
	[R_OWNER] = { "owner", "", CELL_STR, 0 },
	[R_DUE] = { "due", "", CELL_STR, 0 },
	[R_OVERDUE] = { "overdue", "", CELL_BOOL, 0 },
	[R_RESPONSE_DUE] = { "response_due", "", CELL_STR, 0 },
	[R_RESPONSE_OVERDUE] = { "response_overdue", "", CELL_BOOL, 0 },
	[R_STALE] = { "stale", "", CELL_BOOL, 0 },
	[R_LAST_UPDATE] = { "last_update", "", CELL_STR, 0 },
	[R_LAST_NOTE] = { "last_update_note", "", CELL_STR, 0 },
};

void
report_csv(const struct report *rp, FILE *fp)
{
	const struct rcommittee *c;
	const struct rreview *v;
	const struct rrec *x;
	struct cell cell[R_NCOLS];
	struct out *o = out_begin(FMT_CSV, fp, csv_cols, R_NCOLS, 0);

	FOR_RECS(rp, c, v, x) {
		memset(cell, 0, sizeof cell);
		cell[R_COMMITTEE].s = c->name;
		cell[R_REVIEW].s = v->title;
		cell[R_REF].s = x->ref;
		cell[R_HANDLE].s = x->handle;
		cell[R_TEXT].s = x->brief;
		cell[R_STATUS].s = x->status;
		cell[R_RAG].s = x->rag;
		cell[R_OWNER].s = x->owner;
		cell[R_DUE].s = x->due;
		cell[R_OVERDUE].i = x->overdue;
		cell[R_RESPONSE_DUE].s = v->response_due[0] ?
		    v->response_due : NULL;
		cell[R_RESPONSE_OVERDUE].i = x->response_overdue;
		cell[R_STALE].i = x->stale;
		cell[R_LAST_UPDATE].s = x->last_update;
		cell[R_LAST_NOTE].s = x->last_note;
		out_row(o, cell);
	}
	out_end(o);
}

/* ---- JSON --------------------------------------------------------- */

static void
json_handles(struct emit *e, const struct report *rp, const char *key,
    int which)
{
	const struct rcommittee *c;
	const struct rreview *v;
	const struct rrec *x;

	emit_key(e, key);
	emit_seq_begin(e);
	FOR_RECS(rp, c, v, x)
		if (which == 0 ? x->overdue : which == 1 ?
		    x->response_overdue : x->stale)
			emit_str(e, x->handle);
	emit_seq_end(e);
}

void
report_json(const struct report *rp, FILE *fp)
{
	struct emit *e = emit_new(EMIT_JSON, fp);
	struct buf t = BUF_INIT;
	size_t i, j, k;
	int s;

	emit_map_begin(e);
	emit_kv(e, "as_at", rp->ctx->today);
	emit_knull(e, "since", rp->since);
	emit_key(e, "committees");
	emit_seq_begin(e);
	for (i = 0; i < rp->n; i++) {
		const struct rcommittee *c = &rp->c[i];

		emit_map_begin(e);
		emit_kv(e, "id", c->cid);
		emit_kv(e, "name", c->name);
		emit_kv(e, "authority", c->authority);
		emit_key(e, "reviews");
		emit_seq_begin(e);
		for (j = 0; j < c->n; j++) {
			const struct rreview *v = &c->reviews[j];

			emit_map_begin(e);
			emit_kv(e, "id", v->rid);
			emit_kv(e, "title", v->title);
			emit_knull(e, "year", v->year);
			emit_kv(e, "stage", v->stage);
			emit_knull(e, "published", v->published);
			emit_knull(e, "submitted", v->submitted);
			emit_knull(e, "response_due", v->response_due[0] ?
			    v->response_due : NULL);
			emit_kint(e, "responses_received", v->nresponses);
			emit_knull(e, "latest_response", v->response_date);
			buf_reset(&t);
			response_state(&t, v, rp->ctx->today);
			emit_kv(e, "response_state", t.s);
			emit_key(e, "counts");
			emit_map_begin(e);
			for (s = 0; vocab_status[s] != NULL; s++)
				if (v->counts[s] > 0)
					emit_kint(e, vocab_status[s],
					    v->counts[s]);
			emit_map_end(e);
			emit_kint(e, "implemented_percent",
			    share_implemented(v));
			emit_key(e, "recommendations");
			emit_seq_begin(e);
			for (k = 0; k < v->n; k++) {
				const struct rrec *x = &v->recs[k];

				emit_map_begin(e);
				emit_kv(e, "handle", x->handle);
				emit_kv(e, "ref", x->ref);
				emit_kv(e, "text", x->brief);
				emit_kv(e, "status", x->status);
				emit_kv(e, "rag", x->rag);
				emit_knull(e, "owner", x->owner);
				emit_knull(e, "due", x->due);
				emit_kbool(e, "overdue", x->overdue);
				emit_kbool(e, "response_overdue",
				    x->response_overdue);
				emit_kbool(e, "stale", x->stale);
				emit_knull(e, "last_update", x->last_update);
				emit_knull(e, "last_update_note",
				    x->last_note);
				emit_map_end(e);
			}
			emit_seq_end(e);
			emit_map_end(e);
		}
		emit_seq_end(e);
		emit_map_end(e);
	}
	emit_seq_end(e);
	json_handles(e, rp, "overdue", 0);
	json_handles(e, rp, "response_overdue", 1);
	json_handles(e, rp, "stale", 2);
	if (rp->since != NULL) {
		emit_key(e, "updates_since");
		emit_seq_begin(e);
		for (i = 0; i < rp->nchanges; i++) {
			const struct change *ch = &rp->changes[i];

			emit_map_begin(e);
			emit_kv(e, "date", ch->date);
			emit_kv(e, "handle", ch->handle);
			emit_kv(e, "from", ch->from);
			emit_kv(e, "to", ch->to);
			emit_knull(e, "due", ch->due);
			emit_knull(e, "by", ch->by);
			emit_knull(e, "note", ch->note);
			emit_kbool(e, "forced", ch->forced);
			emit_map_end(e);
		}
		emit_seq_end(e);
	}
	emit_map_end(e);
	buf_release(&t);
	fputc('\n', fp);
	emit_free(e);
}
