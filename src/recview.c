#include "recview.h"

#include <string.h>
#include <strings.h>

#include "buf.h"
#include "date.h"
#include "escape.h"
#include "schema.h"
#include "vocab.h"

enum list_col {
	L_ID, L_RID, L_REF, L_TITLE, L_ADDRESSEE, L_TEXT, L_OWNER, L_CID,
	L_CNAME, L_AUTHORITY, L_STAGE, L_SUBMITTED, L_PUBLISHED, L_USTATUS,
	L_DECISION, L_RDATE, L_HASRESP, L_DUE, L_LASTUPDATE, L_ORIGDUE,
	L_RTITLE, L_REVIEWROW, L_LASTNOTE, L_YEAR, L_COMMITTEEROW,
};

static const char *
later(const char *a, const char *b)
{
	if (a == NULL)
		return b;
	if (b == NULL)
		return a;
	return strcmp(a, b) >= 0 ? a : b;
}

void
recview_derive(struct recview *r, const char *today)
{
	char stale_before[11], soon[11];
	const char *activity;

	if (r->status == NULL) {
		if (r->has_response)
			r->status = status_from_decision(r->decision);
		else if (r->submitted != NULL ||
		    stage_rank(r->stage) >= vocab_find(vocab_stage, "final"))
			r->status = "agreed";
		else
			r->status = "draft";
	}
	r->open = !status_closed(r->status);
	r->overdue = r->open && r->due != NULL && strcmp(r->due, today) < 0;
	r->response_due[0] = '\0';
	if (r->submitted != NULL)
		date_add_months(r->submitted, 2, r->response_due);
	/* a closed recommendation awaits nothing */
	r->response_overdue = r->open && !r->has_response &&
	    r->response_due[0] && strcmp(today, r->response_due) > 0;
	r->awaiting = r->open && !r->has_response && r->response_due[0] &&
	    !r->response_overdue;
	/* nothing recorded since: the latest update or response, else the
	 * review's own dates */
	activity = later(r->last_update, r->has_response ? r->response_date :
	    NULL);
	r->last_activity = activity;
	if (activity == NULL)
		activity = later(r->submitted, r->published);
	r->stale = 0;
	if (r->open && activity != NULL &&
	    date_add_months(today, -6, stale_before) == 0)
		r->stale = strcmp(activity, stale_before) < 0;
	soon[0] = '\0';
	if (date_valid(today))
		date_format(date_days(today) + 30, soon);
	if (r->overdue || r->response_overdue)
		r->rag = "red";
	else if (r->open && ((r->due != NULL && strcmp(r->due, soon) <= 0) ||
	    r->awaiting || r->stale))
		r->rag = "amber";
	else
		r->rag = "green";
}

/* Times the target date moved: each update's due that replaces another. */
static int
count_slips(struct db *db, long long id, const char *first)
{
	sqlite3_stmt *st = db_stmt(db, ST_REC_DUES);
	struct buf cur = BUF_INIT;
	int n = 0, have = first != NULL;

	if (have)
		buf_adds(&cur, first);
	sqlite3_bind_int64(st, 1, id);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *due = db_col(st, 0);

		if (have && strcmp(cur.s, due) != 0)
			n++;
		buf_reset(&cur);
		buf_adds(&cur, due);
		have = 1;
	}
	sqlite3_reset(st);
	buf_release(&cur);
	return n;
}

int
recview_each(struct db *db, const struct filter *f, const char *today,
    recview_fn fn, void *arg)
{
	sqlite3_stmt *st;
	struct buf handle = BUF_INIT;
	struct recview r;
	int rc = SQLITE_DONE, stop = 0;

	/* the narrowest choice first; the others are checked per row */
	if (f->rec) {
		st = db_stmt(db, ST_LIST_REC);
		sqlite3_bind_int64(st, 1, f->rec);
	} else if (f->review) {
		st = db_stmt(db, ST_LIST_REVIEW);
		sqlite3_bind_int64(st, 1, f->review);
	} else if (f->committee) {
		st = db_stmt(db, ST_LIST_COMMITTEE);
		sqlite3_bind_int64(st, 1, f->committee);
	} else {
		st = db_stmt(db, ST_LIST);
	}
	while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		memset(&r, 0, sizeof r);
		r.id = sqlite3_column_int64(st, L_ID);
		/* what the schema promises is checked (schema.h): a file
		 * edited around rectrack may break any of it */
		r.rid = stored_text(st, L_RID);
		r.ref = stored_text(st, L_REF);
		r.title = db_col(st, L_TITLE);
		r.addressee = db_col(st, L_ADDRESSEE);
		r.text = stored_text(st, L_TEXT);
		r.owner = db_col(st, L_OWNER);
		r.cid = stored_text(st, L_CID);
		r.cname = stored_text(st, L_CNAME);
		r.authority = stored_text(st, L_AUTHORITY);
		r.stage = db_col(st, L_STAGE);
		r.submitted = stored_date(st, L_SUBMITTED);
		r.published = stored_date(st, L_PUBLISHED);
		r.status = db_col(st, L_USTATUS);
		r.decision = db_col(st, L_DECISION);
		r.response_date = stored_date(st, L_RDATE);
		r.has_response = sqlite3_column_int(st, L_HASRESP);
		r.due = stored_date(st, L_DUE);
		r.last_update = stored_date(st, L_LASTUPDATE);
		r.review_title = stored_text(st, L_RTITLE);
		r.review_row = sqlite3_column_int64(st, L_REVIEWROW);
		if ((f->review && r.review_row != f->review) ||
		    (f->committee && sqlite3_column_int64(st, L_COMMITTEEROW) !=
		    f->committee))
			continue;
		r.last_note = db_col(st, L_LASTNOTE);
		r.year = db_col(st, L_YEAR);
		recview_derive(&r, today);
		if (f->statuses && (vocab_find(vocab_status, r.status) < 0 ||
		    !(f->statuses & (1u << vocab_find(vocab_status,
		    r.status)))))
			continue;
		if ((f->open && !r.open) || (f->closed && r.open) ||
		    (f->overdue && !r.overdue) ||
		    (f->response_overdue && !r.response_overdue) ||
		    (f->stale && !r.stale) ||
		    !text_contains(r.owner, f->owner) ||
		    !text_contains(r.addressee, f->addressee) ||
		    !text_contains(r.authority, f->authority) ||
		    (f->due_before != NULL && (r.due == NULL ||
		    strcmp(r.due, f->due_before) >= 0)) ||
		    (f->updated_since != NULL && (r.last_activity == NULL ||
		    strcmp(r.last_activity, f->updated_since) < 0)))
			continue;
		r.slipped = count_slips(db, r.id, db_col(st, L_ORIGDUE));
		buf_reset(&handle);
		buf_printf(&handle, "%s/%s", r.rid, r.ref);
		r.handle = handle.s;
		stop = fn(&r, arg);
	}
	buf_release(&handle);
	if (!stop && rc != SQLITE_DONE)
		return db_error(db, "query failed");
	sqlite3_reset(st);
	return 0;
}

static int
found(const struct recview *r, void *arg)
{
	(void)r;
	*(int *)arg = 1;
	return 1;
}

int
recview_passes(struct db *db, const struct filter *f, const char *today,
    long long rec)
{
	struct filter one = *f;
	int hit = 0;

	one.rec = rec;
	if (recview_each(db, &one, today, found, &hit) < 0)
		return 0;
	return hit;
}

int
filter_on_recs(const struct filter *f)
{
	return f->statuses || f->open || f->closed || f->overdue ||
	    f->response_overdue || f->stale || f->owner != NULL ||
	    f->addressee != NULL || f->due_before != NULL ||
	    f->updated_since != NULL;
}

int
action_overdue(const char *status, const char *due, const char *today)
{
	return (status == NULL || strcmp(status, "open") == 0) &&
	    due != NULL && date_valid(due) && strcmp(due, today) < 0;
}
