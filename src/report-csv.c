#include <stdio.h>
#include <string.h>

#include "output.h"
#include "report.h"

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
