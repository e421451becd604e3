#include "recview.h"

#include <stdarg.h>
#include <stdio.h>
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
	L_WITHIN_REC, L_WITHIN_REVIEW, L_WITHIN_COMMITTEE, L_STATEDRAG,
	L_SIGNEDOFF, L_SLIPS, L_FIRSTDUE, L_LASTID, L_LASTACTIVITY,
#define SHOWN(name, label)	L_SHOWN_##name,
	REC_SHOWN_TEXTS(SHOWN)	/* db-sql.c's SHOWN_RCOL */
#undef SHOWN
};

static const char *
later(const char *a, const char *b)
{
	if (a == NULL)
		return b;
	if (b == NULL)
		return a;
	return due_cmp(a, b) >= 0 ? a : b;
}

/* A 'due' or 'published' column: a date or a month, as written; NULL
 * (unknown) when it is neither (schema.h's stored_date(), months
 * allowed). */
static const char *
stored_due(sqlite3_stmt *st, int i)
{
	const char *s = db_col(st, i);

	return due_valid(s) ? s : NULL;
}

int
date_passed(const char *date, const char *today)
{
	return due_valid(date) && due_cmp(date, today) < 0;
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

const char *
rec_response_within(const char *rec, const char *review,
    const char *committee)
{
	if (period_parse(rec, NULL, NULL))
		return rec;
	if (period_parse(review, NULL, NULL))
		return review;
	if (period_parse(committee, NULL, NULL))
		return committee;
	return NULL;
}

void
rec_response_due(const char *submitted, const char *within, char out[11])
{
	out[0] = '\0';
	if (submitted != NULL && date_add_period(submitted,
	    within != NULL ? within : "2 months", out) < 0)
		out[0] = '\0';
}

int
rec_status_decided(const char *status)
{
	return status != NULL && (status_closed(status) ||
	    strcmp(status, "accepted") == 0 ||
	    strcmp(status, "partially-accepted") == 0 ||
	    strcmp(status, "in-progress") == 0);
}

int
rec_answered(const struct recview *r)
{
	return r->has_response || rec_status_decided(r->status);
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
	return due_cmp(activity, before) < 0;
}

int
rec_slip(const char *cur, const char *next)
{
	/* by the day each means: 2023-01 to 2023-01-31 is no slip */
	return cur != NULL && next != NULL && !due_same(cur, next);
}

const char *
rec_activity(const struct recview *r)
{
	if (r->last_activity != NULL)
		return r->last_activity;
	return later(r->submitted, r->published);
}

/* One more reason, after a "; " when there are others. */
static void __attribute__((format(printf, 3, 4)))
reason(char *out, size_t size, const char *fmt, ...)
{
	size_t len = strlen(out);
	va_list ap;

	if (len > 0 && len + 2 < size) {
		memcpy(out + len, "; ", 3);
		len += 2;
	}
	va_start(ap, fmt);
	if (len < size)
		vsnprintf(out + len, size - len, fmt, ap);
	va_end(ap);
}

void
rag_soon(const char *today, char soon[11])
{
	soon[0] = '\0';
	if (date_valid(today))
		date_format(date_days(today) + 30, soon);
}

const char *
rec_rag_kinds(const struct recview *r, const char *soon, unsigned *kinds)
{
	*kinds = 0;
	if (!r->open) {
		*kinds = WHY_CLOSED | (r->signed_off != NULL ? WHY_SIGNED_OFF :
		    WHY_AWAITING_SIGNOFF);
		return strcmp(r->status, "implemented") == 0 ? "blue" : "grey";
	}
	if (r->overdue)
		*kinds |= WHY_OVERDUE;
	if (r->response_overdue)
		*kinds |= WHY_RESPONSE_OVERDUE;
	/* due within 30 days: up to today + 30 inclusive */
	if (!r->overdue && r->due != NULL && soon[0] != '\0' &&
	    due_cmp(r->due, soon) <= 0)
		*kinds |= WHY_DUE_SOON;
	if (rec_response_pending(r->open, rec_answered(r)) &&
	    !r->response_overdue)
		*kinds |= r->awaiting ? WHY_AWAITING : r->status != NULL &&
		    strcmp(r->status, "draft") == 0 ? WHY_NOT_SENT :
		    WHY_AWAITING_UNSTATED;
	/* accepted or in progress (or any status once the executive
	 * responded), with no date to hold it to */
	if (r->due == NULL && rec_answered(r))
		*kinds |= WHY_NO_TARGET;
	if (r->stale)
		*kinds |= WHY_STALE;
	if (*kinds & (WHY_OVERDUE | WHY_RESPONSE_OVERDUE))
		return "red";
	return *kinds != 0 ? "amber" : "green";
}

const char *
rec_rag(const struct recview *r, const char *today, char *why, size_t size,
    unsigned *kinds)
{
	const char *rag;
	char soon[11];
	unsigned k;

	rag_soon(today, soon);
	rag = rec_rag_kinds(r, soon, kinds);
	k = *kinds;
	/* in words: what closed it (the status not-implemented reads
	 * "not implemented") and whether the committee signed it off; or
	 * an open one's reasons in the order of their kinds */
	why[0] = '\0';
	if (k & WHY_CLOSED)
		reason(why, size, "%s", strcmp(r->status,
		    "not-implemented") == 0 ? "not implemented" : r->status);
	if (k & WHY_SIGNED_OFF)
		reason(why, size, "signed off %s", r->signed_off);
	if (k & WHY_AWAITING_SIGNOFF)
		reason(why, size, "%s", "awaiting sign-off");
	if (k & WHY_OVERDUE)
		reason(why, size, "target date %s passed", r->due);
	if (k & WHY_RESPONSE_OVERDUE)
		reason(why, size, "response overdue since %s",
		    r->response_due);
	if (k & WHY_DUE_SOON)
		reason(why, size, "target date %s within 30 days", r->due);
	if (k & WHY_AWAITING)
		reason(why, size, "awaiting a response, due %s",
		    r->response_due);
	if (k & WHY_AWAITING_UNSTATED)
		reason(why, size, "%s", "awaiting a response; the date it is "
		    "due from is not stated");
	if (k & WHY_NOT_SENT)
		reason(why, size, "%s", "not yet sent to the executive (the "
		    "review is not final)");
	if (k & WHY_NO_TARGET)
		reason(why, size, "%s", "no target date set");
	if (k & WHY_STALE)
		reason(why, size, "nothing recorded since %s",
		    rec_activity(r));
	return rag;
}

const char *
rag_why_word(unsigned kind)
{
	static const char *const words[] = {
		"target date passed", "response overdue",
		"target date within 30 days", "awaiting a response",
		"awaiting a response, the date it is due from not stated",
		"not yet sent to the executive", "no target date set",
		"nothing recorded for six months", "closed",
		"awaiting sign-off", "signed off",
	};
	size_t i;

	for (i = 0; i < sizeof words / sizeof words[0]; i++)
		if (kind == 1u << i)
			return words[i];
	return "";
}

int
rag_rank(const char *rag)
{
	static const char *const order[] = {
		"red", "amber", "green", "blue", "grey",
	};
	size_t i;

	for (i = 0; i < sizeof order / sizeof order[0]; i++)
		if (rag != NULL && strcmp(rag, order[i]) == 0)
			return (int)i;
	return (int)i;
}

int
action_overdue(const char *status, const char *due, const char *today)
{
	return (status == NULL || strcmp(status, "open") == 0) &&
	    date_passed(due, today);
}

/* The rest of recview_derive(), r's last activity known. */
static void
derive_rest(struct recview *r, const char *today)
{
	if (r->status == NULL)
		r->status = rec_initial_status(r->has_response, r->decision,
		    r->submitted, r->stage);
	r->open = rec_open(r->status);
	r->overdue = rec_overdue(r->open, r->due, today);
	rec_response_due(r->submitted, r->response_within, r->response_due);
	r->response_pending = rec_response_pending(r->open, rec_answered(r)) &&
	    strcmp(r->status, "draft") != 0;
	r->awaiting = rec_awaiting(r->open, rec_answered(r), r->response_due);
	r->response_overdue = rec_response_overdue(r->open, rec_answered(r),
	    r->response_due, today);
	r->stale = rec_stale(r->open, rec_activity(r), today);
	/* a sign-off counts while the recommendation stays closed */
	if (r->open)
		r->signed_off = NULL;
	r->awaiting_signoff = !r->open && r->signed_off == NULL;
	r->rag = rec_rag(r, today, r->rag_reason, sizeof r->rag_reason,
	    &r->rag_why);
}

void
recview_derive(struct recview *r, const char *today)
{
	r->last_activity = later(r->last_update, r->has_response ?
	    r->response_date : NULL);
	derive_rest(r, today);
}

/*
 * Times the target date moved: each update's due that replaces another.
 * The date as first set (the recommendation's own, else the first
 * update's) into first_due, "" when none was.
 */
static int
count_slips(struct db *db, long long id, const char *first,
    struct buf *first_due)
{
	sqlite3_stmt *st = db_stmt(db, ST_REC_DUES);
	struct buf cur = BUF_INIT;
	int n = 0, have = first != NULL;

	buf_reset(first_due);
	if (have)
		buf_adds(&cur, first);
	sqlite3_bind_int64(st, 1, id);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *due = db_col(st, 0);

		n += rec_slip(have ? cur.s : NULL, due);
		if (!have)
			buf_adds(first_due, due);
		buf_reset(&cur);
		buf_adds(&cur, due);
		have = 1;
	}
	if (first != NULL)
		buf_adds(first_due, first);
	sqlite3_reset(st);
	buf_release(&cur);
	return n;
}

/*
 * The row st is on into r, derived against today: from the stored
 * derivation, or, live (ST_LIST_REC and the ST_LIVE_ statements), from
 * the history, its slips counted here into first_due. The strings are
 * st's (and first_due's) until its next step.
 */
static void
read_row(struct db *db, sqlite3_stmt *st, int live, const char *today,
    struct recview *r, struct buf *first_due)
{
	memset(r, 0, sizeof *r);
	r->id = sqlite3_column_int64(st, L_ID);
	/* what the schema promises is checked (schema.h): a file edited
	 * around rectrack may break any of it */
	r->rid = stored_text(st, L_RID);
	r->ref = stored_text(st, L_REF);
	r->title = db_col(st, L_TITLE);
	r->addressee = db_col(st, L_ADDRESSEE);
	r->text = stored_text(st, L_TEXT);
	r->owner = db_col(st, L_OWNER);
	r->cid = stored_text(st, L_CID);
	r->cname = stored_text(st, L_CNAME);
	r->authority = stored_text(st, L_AUTHORITY);
	r->stage = db_col(st, L_STAGE);
	r->submitted = stored_date(st, L_SUBMITTED);
	r->published = stored_due(st, L_PUBLISHED);
	r->status = db_col(st, L_USTATUS);
	r->decision = db_col(st, L_DECISION);
	r->response_date = stored_date(st, L_RDATE);
	r->has_response = sqlite3_column_int(st, L_HASRESP);
	r->due = stored_due(st, L_DUE);
	r->last_update = stored_date(st, L_LASTUPDATE);
	r->review_title = stored_text(st, L_RTITLE);
	r->review_row = sqlite3_column_int64(st, L_REVIEWROW);
	r->committee_row = sqlite3_column_int64(st, L_COMMITTEEROW);
	r->last_note = db_col(st, L_LASTNOTE);
	r->year = db_col(st, L_YEAR);
	r->response_within = rec_response_within(db_col(st, L_WITHIN_REC),
	    db_col(st, L_WITHIN_REVIEW), db_col(st, L_WITHIN_COMMITTEE));
	r->stated_rag = db_col(st, L_STATEDRAG);
	r->signed_off = stored_date(st, L_SIGNEDOFF);
	r->last_id = sqlite3_column_int64(st, L_LASTID);
#define SHOWN(name, label)	r->name = db_col(st, L_SHOWN_##name);
	REC_SHOWN_TEXTS(SHOWN)
#undef SHOWN
	if (live) {
		recview_derive(r, today);
		r->slipped = count_slips(db, r->id, db_col(st, L_ORIGDUE),
		    first_due);
		r->first_due = first_due->len > 0 ? first_due->s : NULL;
	} else {
		/* as stored: the response may not have been read
		 * (db-sql.c's STORED_ANSWERED) */
		r->last_activity = stored_date(st, L_LASTACTIVITY);
		derive_rest(r, today);
		r->slipped = sqlite3_column_int(st, L_SLIPS);
		r->first_due = stored_due(st, L_FIRSTDUE);
	}
}

/* Whether r passes the filter f (the exact test: the statements'
 * conditions only narrow the rows read). */
static int
passes(const struct filter *f, const struct recview *r)
{
	int k;

	if ((f->review && r->review_row != f->review) ||
	    (f->committee && r->committee_row != f->committee) ||
	    (f->year != NULL && (r->year == NULL ||
	    strcmp(r->year, f->year) != 0)))
		return 0;
	k = vocab_find(vocab_status, r->status);
	if (f->statuses && (k < 0 || !(f->statuses & (1u << k))))
		return 0;
	return !((f->open && !r->open) || (f->closed && r->open) ||
	    (f->overdue && !r->overdue) ||
	    (f->response_overdue && !r->response_overdue) ||
	    (f->stale && !r->stale) ||
	    (f->awaiting_signoff && !r->awaiting_signoff) ||
	    !text_contains(r->owner, f->owner) ||
	    !text_contains(r->addressee, f->addressee) ||
	    !text_contains(r->authority, f->authority) ||
	    (f->due_before != NULL && (r->due == NULL ||
	    due_cmp(r->due, f->due_before) >= 0)) ||
	    (f->updated_since != NULL && (r->last_activity == NULL ||
	    strcmp(r->last_activity, f->updated_since) < 0)));
}

/* The bounds the filter's date conditions put on the stored
 * derivation (each "" when it puts none). */
struct bounds {
	char due[11];		/* due_end before: overdue, --due-before */
	char stale[11];		/* activity before */
	char response[11];	/* response_due before */
};

static void
filter_bounds(const struct filter *f, const char *today, struct bounds *b)
{
	char day[11];

	memset(b, 0, sizeof *b);
	if (f->overdue && date_valid(today))
		snprintf(b->due, sizeof b->due, "%s", today);
	if (f->due_before != NULL && due_day(f->due_before, day) == 0 &&
	    (b->due[0] == '\0' || strcmp(day, b->due) < 0))
		memcpy(b->due, day, sizeof day);
	if (f->stale && date_valid(today) &&
	    date_add_months(today, -6, b->stale) < 0)
		b->stale[0] = '\0';
	if (f->response_overdue && date_valid(today))
		snprintf(b->response, sizeof b->response, "%s", today);
}

static void
bind_or_null(sqlite3_stmt *st, int i, const char *s)
{
	db_bind_text(st, i, s != NULL && *s != '\0' ? s : NULL);
}

/* The statuses of f->statuses from parameter `from` on (9 of them,
 * NULL past the last). */
static void
bind_statuses(sqlite3_stmt *st, int from, unsigned statuses)
{
	int i, n = 0;

	for (i = 0; vocab_status[i] != NULL && n < 9; i++)
		if (statuses & (1u << i))
			db_bind_text(st, from + n++, vocab_status[i]);
	for (; n < 9; n++)
		sqlite3_bind_null(st, from + n);
}

/* ?4: open (1) or closed (0), when the filter's conditions say which */
static void
bind_open(sqlite3_stmt *st, const struct filter *f)
{
	if (f->open || f->overdue || f->stale || f->response_overdue)
		sqlite3_bind_int(st, 4, 1);
	else if (f->closed || f->awaiting_signoff)
		sqlite3_bind_int(st, 4, 0);
}

/* The walk in the lists' order (ST_LIST, ST_LIST_COMMITTEE,
 * ST_LIST_REVIEW) with the filter's conditions bound. */
static sqlite3_stmt *
walk(struct db *db, const struct filter *f, const struct bounds *b)
{
	sqlite3_stmt *st;

	if (f->review) {
		st = db_stmt(db, ST_LIST_REVIEW);
		sqlite3_bind_int64(st, 1, f->review);
	} else if (f->committee) {
		st = db_stmt(db, ST_LIST_COMMITTEE);
		sqlite3_bind_int64(st, 2, f->committee);
	} else {
		st = db_stmt(db, ST_LIST);
	}
	db_bind_text(st, 3, f->year);
	bind_open(st, f);
	bind_or_null(st, 5, b->due);
	bind_or_null(st, 6, b->stale);
	bind_or_null(st, 7, b->response);
	db_bind_text(st, 8, f->updated_since);
	if (f->awaiting_signoff)
		sqlite3_bind_int(st, 9, 1);
	if (f->statuses)
		bind_statuses(st, 10, f->statuses);
	return st;
}

/* The most distinct values of --owner or --addressee matched through
 * their index; more, and the walk reads them. */
#define VALUES_MAX 10000

/*
 * The distinct values of a column (ST_OWNERS, ST_ADDRESSEES) that hold
 * needle, as a JSON array into json: how many, or -1 when they cannot be
 * given so (too many, or a value that is not UTF-8, which JSON would not
 * carry unchanged).
 */
static int
values_json(struct db *db, enum stmt_id sid, const char *needle,
    struct buf *json)
{
	sqlite3_stmt *st = db_stmt(db, sid);
	int n = 0, rc;

	buf_adds(json, "[");
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *v = db_col(st, 0);

		if (v == NULL || !text_contains(v, needle))
			continue;
		if (!utf8_valid(v) || n == VALUES_MAX) {
			n = -1;
			break;
		}
		if (n++ > 0)
			buf_adds(json, ",");
		esc_json(json, v);
	}
	buf_adds(json, "]");
	sqlite3_reset(st);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? n : -1;
}

/* The values of --owner (else --addressee) as values_json() gives them. */
static int
text_values(struct db *db, const struct filter *f, struct buf *json)
{
	int own = f->owner != NULL;

	return values_json(db, own ? ST_OWNERS : ST_ADDRESSEES, own ?
	    f->owner : f->addressee, json);
}

/* A condition's statements: its matches in the lists' order, the probe
 * that counts them, their ids alone, and its matches in any order
 * (filter.any_order). */
struct cond_stmts {
	enum stmt_id by, probe, ids, any;
};

/* --owner, --addressee */
static const struct cond_stmts texts[] = {
	{ ST_LIST_BY_OWNER, ST_PROBE_OWNER, ST_IDS_BY_OWNER, ST_ANY_BY_OWNER },
	{ ST_LIST_BY_ADDRESSEE, ST_PROBE_ADDRESSEE, ST_IDS_BY_ADDRESSEE,
	    ST_ANY_BY_ADDRESSEE },
};
#define TEXT_OF(f)	(&texts[(f)->owner == NULL])

/* c's matches, in the lists' order or in any (filter.any_order) */
static sqlite3_stmt *
matches(struct db *db, const struct cond_stmts *c, const struct filter *f)
{
	return db_stmt(db, f->any_order ? c->any : c->by);
}

/* --owner (else --addressee) as driver() gives a condition. */
static sqlite3_stmt *
driver_text(struct db *db, const struct filter *f, sqlite3_stmt **probe)
{
	struct buf json = BUF_INIT;
	sqlite3_stmt *by = NULL;

	if (text_values(db, f, &json) >= 0) {
		*probe = db_stmt(db, TEXT_OF(f)->probe);
		by = matches(db, TEXT_OF(f), f);
		sqlite3_bind_text(*probe, 1, json.s, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(by, 1, json.s, -1, SQLITE_TRANSIENT);
		/* open or closed: checked before the row is read */
		bind_open(by, f);
	}
	buf_release(&json);
	return by;
}

int
filter_text_alone(const struct filter *f)
{
	return (f->owner != NULL) != (f->addressee != NULL) && !f->rec &&
	    !f->review && !f->committee && !f->statuses && !f->open &&
	    !f->closed && !f->overdue && !f->response_overdue && !f->stale &&
	    f->authority == NULL && f->due_before == NULL &&
	    f->updated_since == NULL && f->year == NULL &&
	    !f->awaiting_signoff;
}

/* The conditions with an index (struct cond_stmts). */
static const struct cond_stmts conds[] = {
	{ ST_LIST_BY_RESPONSE, ST_PROBE_RESPONSE, ST_IDS_BY_RESPONSE,
	    ST_ANY_BY_RESPONSE },
	{ ST_LIST_BY_SIGNOFF, ST_PROBE_SIGNOFF, ST_IDS_BY_SIGNOFF,
	    ST_ANY_BY_SIGNOFF },
	{ ST_LIST_BY_OVERDUE, ST_PROBE_OVERDUE, ST_IDS_BY_OVERDUE,
	    ST_ANY_BY_OVERDUE },
	{ ST_LIST_BY_STALE, ST_PROBE_STALE, ST_IDS_BY_STALE, ST_ANY_BY_STALE },
	{ ST_LIST_BY_STATUS, ST_PROBE_STATUS, ST_IDS_BY_STATUS,
	    ST_ANY_BY_STATUS },
	{ ST_LIST_BY_DUE, ST_PROBE_DUE, ST_IDS_BY_DUE, ST_ANY_BY_DUE },
	{ ST_LIST_BY_UPDATED, ST_PROBE_UPDATED, ST_IDS_BY_UPDATED,
	    ST_ANY_BY_UPDATED },
};
#define COND_STATUS 4
#define COND_TEXT 7		/* --owner or --addressee */

/*
 * The filter's most selective condition that has an index: its place in
 * conds[] (its bound, if any, into *bound), COND_TEXT for --owner or
 * --addressee, or -1 when it has none.
 */
static int
cond_of(const struct filter *f, const struct bounds *b, const char **bound)
{
	*bound = NULL;
	if (f->response_overdue && b->response[0])
		return *bound = b->response, 0;
	if (f->awaiting_signoff)
		return 1;
	if (f->overdue && b->due[0])
		return *bound = b->due, 2;
	if (f->stale && b->stale[0])
		return *bound = b->stale, 3;
	if (f->statuses)
		return COND_STATUS;
	if (f->due_before != NULL && b->due[0])
		return *bound = b->due, 5;
	if (f->updated_since != NULL)
		return *bound = f->updated_since, 6;
	if (f->owner != NULL || f->addressee != NULL)
		return COND_TEXT;
	return -1;
}

/* st, a statement of conds[i], bound to its condition */
static void
bind_cond(sqlite3_stmt *st, int i, const struct filter *f, const char *bound)
{
	if (i == COND_STATUS)
		bind_statuses(st, 1, f->statuses);
	else if (bound != NULL)
		db_bind_text(st, 1, bound);
}

int
recview_ids(struct db *db, const struct filter *f, const char *today,
    int (*fn)(long long id, void *arg), void *arg)
{
	struct buf json = BUF_INIT;
	const char *bound;
	struct bounds b;
	sqlite3_stmt *st;
	int i, rc, stop = 0;

	filter_bounds(f, today, &b);
	if (f->rec || (i = cond_of(f, &b, &bound)) < 0)
		return 0;
	if (i == COND_TEXT) {
		if (text_values(db, f, &json) < 0) {
			buf_release(&json);
			return 0;
		}
		st = db_stmt(db, TEXT_OF(f)->ids);
		sqlite3_bind_text(st, 1, json.s, -1, SQLITE_TRANSIENT);
		buf_release(&json);
	} else {
		st = db_stmt(db, conds[i].ids);
		bind_cond(st, i, f, bound);
	}
	while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW)
		stop = fn(sqlite3_column_int64(st, 0), arg);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (!stop && rc != SQLITE_DONE)
		return db_error(db, "query failed");
	return 1;
}

size_t
recview_held(struct db *db)
{
	sqlite3_stmt *st = db_stmt(db, ST_SIMILAR_ROWS);
	long long most = 0;

	if (sqlite3_step(st) == SQLITE_ROW)
		most = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return most > 0 ? (size_t)most : 0;
}

/* recview_few()'s count, stopping at the most'th */
struct few {
	size_t n, most;
};

static int
few_one(long long id, void *arg)
{
	struct few *c = arg;

	(void)id;
	return ++c->n >= c->most;
}

int
recview_few(struct db *db, const struct filter *f, const char *today,
    size_t most)
{
	struct few c = { 0, most };

	return most > 0 && recview_ids(db, f, today, few_one, &c) == 1 &&
	    c.n < most;
}

int
recview_text_ids(struct db *db, const struct filter *f,
    int (*fn)(long long id, void *arg), void *arg)
{
	return filter_text_alone(f) ? recview_ids(db, f, "", fn, arg) : 0;
}

/*
 * The filter's most selective condition that has an index, as its
 * statement and the probe that counts its matches; NULL when it has
 * none.
 */
static sqlite3_stmt *
driver(struct db *db, const struct filter *f, const struct bounds *b,
    sqlite3_stmt **probe)
{
	const char *bound;
	sqlite3_stmt *by;
	int i = cond_of(f, b, &bound);

	if (i == COND_TEXT)
		return driver_text(db, f, probe);
	if (i < 0)
		return NULL;
	/* (db_stmt() hands a statement reset and unbound) */
	*probe = db_stmt(db, conds[i].probe);
	by = matches(db, &conds[i], f);
	bind_cond(*probe, i, f, bound);
	bind_cond(by, i, f, bound);
	return by;
}

/* Fewer than this many matches of a condition are read through its
 * index and sorted; more, by the walk in order, which stops at the
 * --limit'th. */
#define FEW 2000

int
recview_each(struct db *db, const struct filter *f, const char *today,
    recview_fn fn, void *arg)
{
	sqlite3_stmt *st = NULL, *probe;
	struct buf first_due = BUF_INIT;
	struct buf handle = BUF_INIT;
	struct bounds b;
	struct recview r;
	int rc = SQLITE_DONE, stop = 0, live = 0;

	filter_bounds(f, today, &b);
	if (f->rec) {
		/* the one a command shows or is about to change: from its
		 * history, so that a write in this transaction counts */
		st = db_stmt(db, ST_LIST_REC);
		sqlite3_bind_int64(st, 1, f->rec);
		live = 1;
	} else if (!f->review && !f->committee &&
	    (st = driver(db, f, &b, &probe)) != NULL) {
		int n;

		sqlite3_bind_int(probe, 10, FEW);
		if (sqlite3_step(probe) != SQLITE_ROW) {
			sqlite3_reset(probe);
			return db_error(db, "query failed");
		}
		n = sqlite3_column_int(probe, 0);
		sqlite3_reset(probe);
		/* everything wanted: read through the index whatever the
		 * count, so that the time goes with the rows listed */
		if (n >= FEW && f->want != 0) {
			sqlite3_reset(st);
			sqlite3_clear_bindings(st);
			st = NULL;
		}
	}
	if (st == NULL)
		st = walk(db, f, &b);
	/* the stored statements' note (LAST_NOTE), when asked for */
	if (!live && f->want_note)
		sqlite3_bind_int(st, 19, 1);
	while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		read_row(db, st, live, today, &r, &first_due);
		if (!passes(f, &r))
			continue;
		buf_reset(&handle);
		buf_printf(&handle, "%s/%s", r.rid, r.ref);
		r.handle = handle.s;
		stop = fn(&r, arg);
	}
	buf_release(&handle);
	buf_release(&first_due);
	if (!stop && rc != SQLITE_DONE) {
		sqlite3_reset(st);
		sqlite3_clear_bindings(st);
		return db_error(db, "query failed");
	}
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return 0;
}

int
recview_stored(struct db *db, const struct filter *f, long long committee,
    const char *today, recview_fn fn, void *arg)
{
	sqlite3_stmt *st = db_stmt(db, ST_STORED_COMMITTEE);
	struct recview r;
	const char *due;
	char soon[11];
	int rc, stop = 0;

	if (f->owner != NULL || f->addressee != NULL || f->authority != NULL ||
	    f->rec)
		return -1;	/* (a caller's mistake: nothing to report) */
	rag_soon(today, soon);
	sqlite3_bind_int64(st, 1, committee);
	if (f->review != 0)
		sqlite3_bind_int64(st, 2, f->review);
	while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		/* what the filter and rec_rag() ask of a row, from the
		 * stored one: the days the target date and the last
		 * activity mean compare as the dates written do (due_cmp()) */
		memset(&r, 0, sizeof r);
		r.id = sqlite3_column_int64(st, 0);
		r.status = stored_text(st, 1);
		r.open = rec_open(r.status);
		r.due = stored_date(st, 2);
		if ((due = stored_date(st, 3)) != NULL)
			memcpy(r.response_due, due, sizeof r.response_due);
		r.has_response = sqlite3_column_int(st, 4) != 0;
		r.last_activity = stored_date(st, 5);
		r.signed_off = r.open ? NULL : stored_date(st, 7);
		r.review_row = sqlite3_column_int64(st, 8);
		r.year = db_col(st, 9);
		r.committee_row = committee;
		r.overdue = rec_overdue(r.open, r.due, today);
		r.response_pending = rec_response_pending(r.open,
		    rec_answered(&r)) && strcmp(r.status, "draft") != 0;
		r.awaiting = rec_awaiting(r.open, rec_answered(&r),
		    r.response_due);
		r.response_overdue = rec_response_overdue(r.open,
		    rec_answered(&r), r.response_due, today);
		r.stale = rec_stale(r.open, stored_date(st, 6), today);
		r.awaiting_signoff = !r.open && r.signed_off == NULL;
		if (!passes(f, &r))
			continue;
		r.rag = rec_rag_kinds(&r, soon, &r.rag_why);
		stop = fn(&r, arg);
	}
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (!stop && rc != SQLITE_DONE)
		return db_error(db, "cannot read the stored derivation");
	return 0;
}

int
recview_live(struct db *db, enum recview_scope scope, long long id,
    recview_fn fn, void *arg)
{
	static const enum stmt_id sid[] = {
		[RV_REC] = ST_LIST_REC, [RV_REVIEW] = ST_LIVE_REVIEW,
		[RV_COMMITTEE] = ST_LIVE_COMMITTEE, [RV_ALL] = ST_LIVE_ALL,
	};
	sqlite3_stmt *st = db_stmt(db, sid[scope]);
	struct buf first_due = BUF_INIT;
	struct recview r;
	long long after = 0;
	int rc, stop = 0, n;

	do {
		n = 0;
		sqlite3_bind_int64(st, 1, scope == RV_ALL ? after : id);
		while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW) {
			read_row(db, st, 1, "9999-12-31", &r, &first_due);
			r.handle = "";
			after = r.id;
			n++;
			stop = fn(&r, arg);
		}
		sqlite3_reset(st);
		if (!stop && rc != SQLITE_DONE) {
			buf_release(&first_due);
			return db_error(db, "query failed");
		}
	} while (!stop && scope == RV_ALL && n > 0);
	buf_release(&first_due);
	return stop;
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
filter_beyond_status(const struct filter *f)
{
	return f->overdue || f->response_overdue || f->stale ||
	    f->owner != NULL || f->addressee != NULL ||
	    f->due_before != NULL || f->updated_since != NULL ||
	    f->year != NULL || f->awaiting_signoff;
}

int
filter_on_recs(const struct filter *f)
{
	return f->statuses || f->open || f->closed ||
	    filter_beyond_status(f);
}
