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

int
date_passed(const char *date, const char *today)
{
	return date != NULL && date_valid(date) && strcmp(date, today) < 0;
}

const char *
rec_initial_status(int has_response, const char *decision,
    const char *submitted, const char *stage)
{
	if (has_response)
		return status_from_decision(decision);
	if (submitted != NULL ||
	    stage_rank(stage) >= vocab_find(vocab_stage, "final"))
		return "agreed";
	return "draft";
}

int
rec_open(const char *status)
{
	return !status_closed(status);
}

int
rec_overdue(int open, const char *due, const char *today)
{
	return open && date_passed(due, today);
}

void
rec_response_due(const char *submitted, char out[11])
{
	out[0] = '\0';
	if (submitted != NULL && date_add_months(submitted, 2, out) < 0)
		out[0] = '\0';
}

/* a closed recommendation awaits nothing */
int
rec_response_pending(int open, int has_response)
{
	return open && !has_response;
}

int
rec_awaiting(int open, int has_response, const char *response_due)
{
	return rec_response_pending(open, has_response) &&
	    response_due != NULL && response_due[0] != '\0';
}

int
rec_response_overdue(int open, int has_response, const char *response_due,
    const char *today)
{
	return rec_awaiting(open, has_response, response_due) &&
	    date_passed(response_due, today);
}

int
rec_stale(int open, const char *activity, const char *today)
{
	char before[11];

	if (!open || activity == NULL ||
	    date_add_months(today, -6, before) < 0)
		return 0;
	return strcmp(activity, before) < 0;
}

int
rec_slip(const char *cur, const char *next)
{
	return cur != NULL && next != NULL && strcmp(cur, next) != 0;
}

const char *
rec_rag(int open, int overdue, int response_overdue, int awaiting,
    int stale, const char *due, const char *today)
{
	char soon[11];

	if (overdue || response_overdue)
		return "red";
	/* due within 30 days: up to today + 30 inclusive */
	soon[0] = '\0';
	if (date_valid(today))
		date_format(date_days(today) + 30, soon);
	if (open && ((due != NULL && strcmp(due, soon) <= 0) || awaiting ||
	    stale))
		return "amber";
	return "green";
}

int
action_overdue(const char *status, const char *due, const char *today)
{
	return (status == NULL || strcmp(status, "open") == 0) &&
	    date_passed(due, today);
}

void
recview_derive(struct recview *r, const char *today)
{
	const char *activity;

	if (r->status == NULL)
		r->status = rec_initial_status(r->has_response, r->decision,
		    r->submitted, r->stage);
	r->open = rec_open(r->status);
	r->overdue = rec_overdue(r->open, r->due, today);
	rec_response_due(r->submitted, r->response_due);
	r->awaiting = rec_awaiting(r->open, r->has_response, r->response_due);
	r->response_overdue = rec_response_overdue(r->open, r->has_response,
	    r->response_due, today);
	/* nothing recorded since: the latest update or response, else the
	 * review's own dates */
	activity = later(r->last_update, r->has_response ? r->response_date :
	    NULL);
	r->last_activity = activity;
	if (activity == NULL)
		activity = later(r->submitted, r->published);
	r->stale = rec_stale(r->open, activity, today);
	r->rag = rec_rag(r->open, r->overdue, r->response_overdue,
	    r->awaiting, r->stale, r->due, today);
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

		n += rec_slip(have ? cur.s : NULL, due);
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
