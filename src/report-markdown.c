#include <stdio.h>

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
		report_last_update(&t, x);
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
	buf_adds(&b, "## Overdue recommendations\n\n");
	if (report_count(rp, LIST_OVERDUE) == 0)
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
	if (report_count(rp, LIST_RESPONSE_OVERDUE) == 0)
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
	if (report_count(rp, LIST_STALE) == 0)
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
			report_change_text(&b, ch, md);
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
