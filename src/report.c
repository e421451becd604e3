#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "recview.h"
#include "date.h"
#include "report.h"
#include "vocab.h"

static void
add(struct buf *b, const char *s)
{
	if (s != NULL)
		buf_adds(b, s);
}

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
	case LIST_SIGNOFF:
		return x->awaiting_signoff;
	case LIST_STALE:
		return x->stale;
	case LIST_RAG_CHANGED:
		return x->rag_then != NULL && strcmp(x->rag_then, x->rag) != 0;
	}
	return 0;
}

const struct report_listdef report_lists[] = {
	{ LIST_OVERDUE, "Overdue recommendations", NULL,
	    { "Recommendation", "Target date", "Lead officer", "Status" }, 4 },
	{ LIST_RESPONSE_OVERDUE, "Overdue responses", NULL,
	    { "Recommendation", "Response due" }, 2 },
	{ LIST_SIGNOFF, "Awaiting sign-off",
	    "Closed, not yet signed off by the committee.",
	    { "Recommendation", "Status", "Latest progress" }, 3 },
	{ LIST_STALE, "Stale recommendations",
	    "Open, with nothing recorded for over six months.",
	    { "Recommendation", "Status", "Last recorded" }, 3 },
};
const size_t report_nlists = sizeof report_lists / sizeof report_lists[0];

void
report_name(struct buf *b, const struct rreview *v, const struct rrec *x,
    void (*esc)(struct buf *, const char *), const char *small)
{
	esc(b, v->title);
	buf_adds(b, ", ");
	esc(b, x->ref);
	buf_adds(b, ": ");
	esc(b, x->brief);
	buf_adds(b, small);
	esc(b, x->handle);
	buf_adds(b, "</small>");
}

void
report_list_cell(struct buf *b, const struct report_listdef *l,
    const struct rrec *x, int col)
{
	const char *head = l->heads[col];

	if (strcmp(head, "Target date") == 0)
		report_target(b, x);
	else if (strcmp(head, "Lead officer") == 0)
		add(b, x->owner);
	else if (strcmp(head, "Status") == 0)
		add(b, x->status);
	else if (strcmp(head, "Response due") == 0)
		add(b, x->response_due[0] ? x->response_due : NULL);
	else if (strcmp(head, "Latest progress") == 0)
		report_progress(b, x);
	else if (strcmp(head, "Last recorded") == 0)
		add(b, x->activity ? x->activity : "nothing recorded");
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

const char *
report_title(const struct report *rp)
{
	return rp->title != NULL ? rp->title :
	    "Scrutiny recommendations: status report";
}

const char *
report_rag_word(const char *rag)
{
	static const char *const words[][2] = {
		{ "red", "Red" }, { "amber", "Amber" }, { "green", "Green" },
		{ "blue", "Blue" }, { "grey", "Grey" },
	};
	size_t i;

	for (i = 0; rag != NULL && i < sizeof words / sizeof words[0]; i++)
		if (strcmp(rag, words[i][0]) == 0)
			return words[i][1];
	return rag != NULL ? rag : "";
}

/* The latest progress as "DATE: note". */
void
report_progress(struct buf *b, const struct rrec *x)
{
	if (x->progress_date == NULL)
		return;
	buf_adds(b, x->progress_date);
	buf_adds(b, ": ");
	if (x->progress_note != NULL)
		buf_adds(b, x->progress_note);
	else
		buf_printf(b, "status %s", x->progress_status);
}

void
report_target(struct buf *b, const struct rrec *x)
{
	if (x->due == NULL && x->first_due == NULL) {
		buf_adds(b, "not set");
		return;
	}
	buf_adds(b, x->due != NULL ? x->due : "not set");
	if (x->first_due != NULL && (x->due == NULL ||
	    !due_same(x->first_due, x->due) || x->slipped > 0)) {
		buf_printf(b, " (first set %s", x->first_due);
		if (x->slipped > 0)
			buf_printf(b, "; moved %d time%s", x->slipped,
			    x->slipped == 1 ? "" : "s");
		buf_addc(b, ')');
	}
}

void
report_move(struct buf *b, const struct rmove *m)
{
	buf_printf(b, "%s: %s → %s", m->date, m->from ? m->from : "not set",
	    m->to);
	if (m->reason != NULL) {
		buf_adds(b, " (");
		buf_adds(b, m->reason);
		buf_addc(b, ')');
	}
}

void
report_action(struct buf *b, const struct raction *a)
{
	const char *sep = " (";

	if (a->aid != NULL) {
		buf_adds(b, a->aid);
		buf_adds(b, ": ");
	}
	buf_adds(b, a->text);
	if (a->owner != NULL) {
		buf_printf(b, "%sowner %s", sep, a->owner);
		sep = "; ";
	}
	if (a->due != NULL) {
		buf_printf(b, "%sdue %s", sep, a->due);
		sep = "; ";
	}
	buf_printf(b, "%s%s", sep, a->status ? a->status : "open");
	if (a->status_date != NULL)
		buf_printf(b, " since %s", a->status_date);
	buf_addc(b, ')');
}

void
report_decision(struct buf *b, const struct rrec *x)
{
	if (!x->has_response) {
		buf_adds(b, "no response");
		return;
	}
	buf_adds(b, x->decision ? x->decision : "response");
	if (x->response_date != NULL)
		buf_printf(b, ", %s", x->response_date);
	if (x->response_by != NULL)
		buf_printf(b, " (%s)", x->response_by);
}

void
report_rag_detail(struct buf *b, const struct rrec *x)
{
	buf_adds(b, x->rag_reason);
	if (x->stated_rag != NULL)
		buf_printf(b, "%scouncil's RAG: %s", *x->rag_reason ? "; " : "",
		    report_rag_word(x->stated_rag));
}

/* A change of status, its words escaped by esc (a status may be any
 * text in a file edited around rectrack). */
void
report_change_text(struct buf *b, const struct change *ch,
    void (*esc)(struct buf *, const char *))
{
	if (strcmp(ch->from, ch->to) == 0 && ch->moved) {
		/* a date move: the status unchanged */
		buf_adds(b, "target date moved to ");
		esc(b, ch->due);
		if (ch->forced)
			buf_adds(b, " (forced)");
		return;
	}
	if (strcmp(ch->from, ch->to) != 0) {
		esc(b, ch->from);
		buf_adds(b, " → ");
	}
	esc(b, ch->to);
	if (strcmp(ch->from, ch->to) == 0)
		buf_adds(b, " (no change)");
	if (ch->due != NULL) {
		buf_adds(b, ", due ");
		esc(b, ch->due);
	}
	if (ch->forced)
		buf_adds(b, " (forced)");
}


enum {
	C_COMMITTEE, C_REVIEW, C_REF, C_TITLE, C_TEXT, C_STATUS, C_RAG,
	C_RAG_REASON, C_STATED_RAG, C_OWNER, C_DECISION, C_RESPONSE_DATE,
	C_RESPONSE, C_ACTIONS, C_FIRST_DUE, C_DUE, C_SLIPPED, C_MOVES,
	C_PROGRESS_DATE, C_PROGRESS, C_OVERDUE, C_RESPONSE_DUE,
	C_RESPONSE_OVERDUE, C_SIGNOFF, C_HANDLE, C_NCOLS
};

const struct rcol report_cols[] = {
	[C_COMMITTEE] = { "Committee", RCOL_TEXT, 22 },
	[C_REVIEW] = { "Review", RCOL_TEXT, 24 },
	[C_REF] = { "Ref", RCOL_TEXT, 6 },
	[C_TITLE] = { "Title", RCOL_TEXT, 28 },
	[C_TEXT] = { "Recommendation", RCOL_LONG, 60 },
	[C_STATUS] = { "Status", RCOL_TEXT, 13 },
	[C_RAG] = { "RAG", RCOL_RAG, 8 },
	[C_RAG_REASON] = { "RAG reason", RCOL_TEXT, 30 },
	[C_STATED_RAG] = { "Council's RAG", RCOL_RAG, 10 },
	[C_OWNER] = { "Lead officer", RCOL_TEXT, 22 },
	[C_DECISION] = { "Executive decision", RCOL_TEXT, 16 },
	[C_RESPONSE_DATE] = { "Response date", RCOL_DATE, 12 },
	[C_RESPONSE] = { "Executive response", RCOL_LONG, 60 },
	[C_ACTIONS] = { "Actions", RCOL_LONG, 45 },
	[C_FIRST_DUE] = { "Target date (first set)", RCOL_DATE, 12 },
	[C_DUE] = { "Target date (current)", RCOL_DATE, 12 },
	[C_SLIPPED] = { "Times moved", RCOL_NUMBER, 8 },
	[C_MOVES] = { "Target date moves", RCOL_TEXT, 40 },
	[C_PROGRESS_DATE] = { "Latest progress date", RCOL_DATE, 12 },
	[C_PROGRESS] = { "Latest progress", RCOL_LONG, 45 },
	[C_OVERDUE] = { "Overdue", RCOL_TEXT, 9 },
	[C_RESPONSE_DUE] = { "Response due", RCOL_DATE, 12 },
	[C_RESPONSE_OVERDUE] = { "Response overdue", RCOL_TEXT, 10 },
	[C_SIGNOFF] = { "Awaiting sign-off", RCOL_TEXT, 10 },
	[C_HANDLE] = { "Handle", RCOL_TEXT, 30 },
};
const size_t report_ncols = C_NCOLS;

void
report_cell(struct buf *b, const struct report *rp,
    const struct rcommittee *c, const struct rreview *v,
    const struct rrec *x, size_t col)
{
	size_t i;

	(void)rp;
	switch (col) {
	case C_COMMITTEE:
		add(b, c->name);
		break;
	case C_REVIEW:
		add(b, v->title);
		break;
	case C_REF:
		add(b, x->ref);
		break;
	case C_TITLE:
		add(b, x->title);
		break;
	case C_TEXT:
		add(b, x->text);
		break;
	case C_STATUS:
		add(b, x->status);
		break;
	case C_RAG:
		add(b, report_rag_word(x->rag));
		break;
	case C_RAG_REASON:
		add(b, x->rag_reason);
		break;
	case C_STATED_RAG:
		if (x->stated_rag != NULL)
			add(b, report_rag_word(x->stated_rag));
		break;
	case C_OWNER:
		add(b, x->owner);
		break;
	case C_DECISION:
		add(b, x->has_response ? x->decision : NULL);
		break;
	case C_RESPONSE_DATE:
		add(b, x->has_response ? x->response_date : NULL);
		break;
	case C_RESPONSE:
		add(b, x->response_text);
		break;
	case C_ACTIONS:
		for (i = 0; i < x->nactions; i++) {
			if (i > 0)
				buf_addc(b, '\n');
			report_action(b, &x->actions[i]);
		}
		break;
	case C_FIRST_DUE:
		add(b, x->first_due);
		break;
	case C_DUE:
		add(b, x->due);
		break;
	case C_SLIPPED:
		buf_printf(b, "%d", x->slipped);
		break;
	case C_MOVES:
		for (i = 0; i < x->nmoves; i++) {
			if (i > 0)
				buf_addc(b, '\n');
			report_move(b, &x->moves[i]);
		}
		break;
	case C_PROGRESS_DATE:
		add(b, x->progress_date);
		break;
	case C_PROGRESS:
		if (x->progress_date != NULL)
			add(b, x->progress_note ? x->progress_note :
			    x->progress_status);
		break;
	case C_OVERDUE:
		add(b, x->overdue ? "Yes" : "No");
		break;
	case C_RESPONSE_DUE:
		add(b, x->response_due[0] ? x->response_due : NULL);
		break;
	case C_RESPONSE_OVERDUE:
		add(b, x->response_overdue ? "Yes" : "No");
		break;
	case C_SIGNOFF:
		add(b, x->awaiting_signoff ? "Yes" : "No");
		break;
	case C_HANDLE:
		add(b, x->handle);
		break;
	}
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
