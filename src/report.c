#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "recview.h"
#include "report.h"
#include "vocab.h"

/* Percentage of recommendations implemented, rounded. */
int
report_implemented(const struct rreview *v)
{
	int impl = v->counts[vocab_find(vocab_status, "implemented")];

	return v->n ? (int)((impl * 200 + (int)v->n) / (2 * (int)v->n)) : 0;
}

/* "received 2024-04-18 (10 of 10)", "due 2024-03-31, overdue", ... */
void
report_response_state(struct buf *b, const struct rreview *v, const char *today)
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
		    date_passed(v->response_due, today) ? ", overdue" : "");
	else
		buf_adds(b, "not yet due (not submitted)");
}

int
report_in_list(const struct rrec *x, enum report_list which)
{
	switch (which) {
	case LIST_OVERDUE:
		return x->overdue;
	case LIST_RESPONSE_OVERDUE:
		return x->response_overdue;
	case LIST_STALE:
		return x->stale;
	}
	return 0;
}

size_t
report_count(const struct report *rp, enum report_list which)
{
	const struct rcommittee *c;
	const struct rreview *v;
	const struct rrec *x;
	size_t n = 0;

	FOR_RECS(rp, c, v, x)
		n += report_in_list(x, which);
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
void
report_summary(struct buf *b, const struct report *rp)
{
	size_t nr = nreviews(rp);

	buf_printf(b, "As at %s: %zu recommendation%s in %zu review%s of %zu "
	    "committee%s.", rp->ctx->today, rp->nrecs, rp->nrecs == 1 ? "" :
	    "s", nr, nr == 1 ? "" : "s", rp->n, rp->n == 1 ? "" : "s");
}

/* The latest update as "DATE: note". */
void
report_last_update(struct buf *b, const struct rrec *x)
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
void
report_change_text(struct buf *b, const struct change *ch,
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


void
report_write(const struct report *rp, enum out_format fmt, FILE *fp)
{
	switch (fmt) {
	case FMT_HTML:
		report_html(rp, fp);
		break;
	case FMT_CSV:
		report_csv(rp, fp);
		break;
	case FMT_JSON:
		report_json(rp, fp);
		break;
	default:
		report_markdown(rp, fp);
		break;
	}
}
