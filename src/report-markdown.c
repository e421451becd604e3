#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "escape.h"
#include "report.h"
#include "vocab.h"

static void
md(struct buf *b, const char *s)
{
	if (s != NULL)
		esc_markdown(b, s);
}

/* Text of many lines as a block quote, each line escaped. */
static void
md_quote(struct buf *b, const char *s)
{
	struct buf line = BUF_INIT;
	const char *nl;

	while (s != NULL) {
		nl = strchr(s, '\n');
		buf_reset(&line);
		buf_add(&line, s, nl ? (size_t)(nl - s) : strlen(s));
		buf_addc(b, '>');
		if (line.len > 0) {
			buf_addc(b, ' ');
			md(b, line.s);
		}
		buf_addc(b, '\n');
		s = nl ? nl + 1 : NULL;
	}
	buf_addc(b, '\n');
	buf_release(&line);
}

/* A recommendation as members name it: its review, ref and title, the
 * handle in small print for the clerk. */
static void
md_name(struct buf *b, const struct rreview *v, const struct rrec *x)
{
	report_name(b, v, x, md, " <small>");
}

/* One recommendation in full, under its own heading. */
static void
md_rec(struct buf *b, const struct rrec *x)
{
	struct buf t = BUF_INIT;
	size_t i;

	buf_adds(b, "#### Recommendation ");
	md(b, x->ref);
	if (x->title != NULL) {
		buf_adds(b, ": ");
		md(b, x->title);
	}
	buf_adds(b, "\n\n<small>");
	md(b, x->handle);
	buf_adds(b, "</small>\n\n");
	md_quote(b, x->text);
	buf_adds(b, "- **Status:** ");
	md(b, x->status);
	buf_printf(b, "\n- **RAG:** %s", report_rag_word(x->rag));
	report_rag_detail(&t, x);
	if (t.len > 0) {
		buf_adds(b, " (");
		md(b, t.s);
		buf_addc(b, ')');
	}
	buf_adds(b, "\n- **Lead officer:** ");
	md(b, x->owner ? x->owner : "not stated");
	buf_adds(b, "\n- **Target date:** ");
	buf_reset(&t);
	report_target(&t, x);
	md(b, t.s);
	buf_addc(b, '\n');
	if (x->nmoves > 0) {
		buf_adds(b, "- **Target date moves:**\n");
		for (i = 0; i < x->nmoves; i++) {
			buf_adds(b, "  - ");
			buf_reset(&t);
			report_move(&t, &x->moves[i]);
			md(b, t.s);
			buf_addc(b, '\n');
		}
	}
	buf_adds(b, "- **Latest progress:** ");
	buf_reset(&t);
	report_progress(&t, x);
	md(b, t.len ? t.s : "none recorded");
	buf_adds(b, "\n- **Executive response:** ");
	buf_reset(&t);
	report_decision(&t, x);
	md(b, t.s);
	buf_adds(b, "\n\n");
	if (x->response_text != NULL)
		md_quote(b, x->response_text);
	if (x->nactions > 0) {
		buf_adds(b, "| Action | Owner | Due | Status |\n"
		    "| --- | --- | --- | --- |\n");
		for (i = 0; i < x->nactions; i++) {
			const struct raction *a = &x->actions[i];

			buf_adds(b, "| ");
			if (a->aid != NULL) {
				md(b, a->aid);
				buf_adds(b, ": ");
			}
			md(b, a->text);
			buf_adds(b, " | ");
			md(b, a->owner);
			buf_adds(b, " | ");
			md(b, a->due);
			buf_adds(b, " | ");
			md(b, a->status ? a->status : "open");
			if (a->status_date != NULL) {
				buf_adds(b, " since ");
				md(b, a->status_date);
			}
			buf_adds(b, " |\n");
		}
		buf_addc(b, '\n');
	}
	buf_release(&t);
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
	if (v->stage_since[0]) {
		buf_adds(b, " since ");
		md(b, v->stage_since);
	}
	buf_adds(b, "\n- Published: ");
	md(b, v->published ? v->published : "not stated");
	buf_adds(b, "; submitted to the executive: ");
	md(b, v->submitted ? v->submitted : "not stated");
	buf_adds(b, "\n- Executive response: ");
	report_response_state(&t, v, rp->ctx->today);
	md(b, t.s);
	buf_printf(b, "\n- Implemented: %d of %zu (%d%%)\n\n",
	    v->counts[vocab_find(vocab_status, "implemented")], v->n,
	    report_implemented(v));
	buf_adds(b, "| Status | Recommendations |\n| --- | ---: |\n");
	for (k = 0; vocab_status[k] != NULL; k++)
		if (v->counts[k] > 0)
			buf_printf(b, "| %s | %d |\n", vocab_status[k],
			    v->counts[k]);
	buf_adds(b, "\n| Ref | Recommendation | Status | RAG | Lead officer | "
	    "Target date | Latest progress |\n"
	    "| --- | --- | --- | --- | --- | --- | --- |\n");
	for (i = 0; i < v->n; i++) {
		const struct rrec *x = &v->recs[i];

		buf_adds(b, "| ");
		md(b, x->ref);
		buf_adds(b, " | ");
		md(b, x->brief);
		buf_adds(b, " | ");
		md(b, x->status);
		buf_printf(b, " | %s | ", report_rag_word(x->rag));
		md(b, x->owner);
		buf_adds(b, " | ");
		buf_reset(&t);
		report_target(&t, x);
		md(b, t.s);
		buf_adds(b, " | ");
		buf_reset(&t);
		report_progress(&t, x);
		md(b, t.s);
		buf_adds(b, " |\n");
	}
	buf_addc(b, '\n');
	for (i = 0; i < v->n; i++)
		md_rec(b, &v->recs[i]);
	buf_release(&t);
}

static void
md_list(struct buf *b, const struct report *rp,
    const struct report_listdef *l)
{
	const struct rcommittee *c;
	const struct rreview *v;
	const struct rrec *x;
	struct buf t = BUF_INIT;
	int k;

	buf_printf(b, "## %s\n\n", l->title);
	if (l->intro != NULL)
		buf_printf(b, "%s\n\n", l->intro);
	if (report_count(rp, l->which) == 0) {
		buf_adds(b, "None.\n\n");
		return;
	}
	for (k = 0; k < l->ncols; k++)
		buf_printf(b, "| %s ", l->heads[k]);
	buf_adds(b, "|\n");
	for (k = 0; k < l->ncols; k++)
		buf_adds(b, "| --- ");
	buf_adds(b, "|\n");
	FOR_RECS(rp, c, v, x) {
		if (!report_in_list(x, l->which))
			continue;
		buf_adds(b, "| ");
		md_name(b, v, x);
		for (k = 1; k < l->ncols; k++) {
			buf_adds(b, " | ");
			buf_reset(&t);
			report_list_cell(&t, l, x, k);
			md(b, t.s);
		}
		buf_adds(b, " |\n");
	}
	buf_addc(b, '\n');
	buf_release(&t);
}

void
report_markdown(const struct report *rp, FILE *fp)
{
	struct buf b = BUF_INIT, t = BUF_INIT;
	const struct rcommittee *c;
	const struct rreview *v;
	const struct rrec *x;
	size_t i, j;

	buf_adds(&b, "# ");
	md(&b, report_title(rp));
	buf_adds(&b, "\n\n");
	if (rp->meeting != NULL) {
		buf_adds(&b, "**");
		md(&b, rp->meeting);
		buf_adds(&b, "**\n\n");
	}
	report_summary(&b, rp);
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
	for (i = 0; i < report_nlists; i++)
		md_list(&b, rp, &report_lists[i]);
	if (rp->since != NULL) {
		buf_printf(&b, "## Changes since %s\n\n### Updates\n\n",
		    rp->since);
		if (rp->nchanges == 0)
			buf_adds(&b, "None.\n\n");
		else
			buf_adds(&b, "| Date | Recommendation | Change | By | "
			    "Note |\n| --- | --- | --- | --- | --- |\n");
		for (i = 0; i < rp->nchanges; i++) {
			const struct change *ch = &rp->changes[i];

			buf_printf(&b, "| %s | ", ch->date);
			md(&b, ch->name);
			buf_adds(&b, " <small>");
			md(&b, ch->handle);
			buf_adds(&b, "</small> | ");
			report_change_text(&b, ch, md);
			buf_adds(&b, " | ");
			md(&b, ch->by);
			buf_adds(&b, " | ");
			md(&b, ch->note);
			buf_adds(&b, " |\n");
		}
		if (rp->nchanges > 0)
			buf_addc(&b, '\n');
		buf_adds(&b, "### RAG changes\n\n");
		if (report_count(rp, LIST_RAG_CHANGED) == 0)
			buf_adds(&b, "None.\n\n");
		else {
			buf_printf(&b, "| Recommendation | RAG on %s | RAG now "
			    "|\n| --- | --- | --- |\n", rp->since);
			FOR_RECS(rp, c, v, x) {
				if (!report_in_list(x, LIST_RAG_CHANGED))
					continue;
				buf_adds(&b, "| ");
				md_name(&b, v, x);
				buf_printf(&b, " | %s | %s |\n",
				    report_rag_word(x->rag_then),
				    report_rag_word(x->rag));
			}
			buf_addc(&b, '\n');
		}
	}
	fputs(b.s, fp);
	buf_release(&t);
	buf_release(&b);
}
