#include "derived.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "date.h"
#include "db-sql.h"
#include "diag.h"
#include "record.h"
#include "vocab.h"
#include "xmalloc.h"

/* What is marked changed on one connection since the last flush. */
struct marks {
	struct mark {
		enum recview_scope scope;
		long long id;
	} *v;
	size_t n, cap;
	int bulk;		/* BULK_*: derived_bulk()'s decision */
};
/* derived_bulk() found the import large: the indexes go when the first
 * new review's rows come (an import that adds nothing writes nothing);
 * then they are dropped, and are made again at the commit */
#define BULK_WANTED	1
#define BULK_DROPPED	2

static int indexes(struct db *db, int k);

/* One row of derived, as text: the columns of ST_DERIVED_PUT from ?2
 * (the integers printed), so that a stored row and a derived one
 * compare column by column. */
enum {
	D_REVIEW, D_LAST, D_STATUS, D_OPEN, D_DUE, D_DUE_END, D_FIRST_DUE,
	D_SLIPS, D_LAST_UPDATE, D_LAST_ACTIVITY, D_ACTIVITY, D_RESPONSE_DUE,
	D_ANSWERED, D_STATED_RAG, D_SIGNED_OFF, D_NCOLS
};

static const char *const col_name[D_NCOLS] = {
	"review_id", "last_id", "status", "open", "due", "due_end",
	"first_due", "slips", "last_update", "last_activity", "activity",
	"response_due", "answered", "stated_rag", "signed_off",
};

struct row {
	char num[5][24];		/* review, last, open, slips, answered */
	char due_end[11], activity[11];
	const char *v[D_NCOLS];
};

/* r (recview_live()) as the row stored for it. */
static void
row_of(const struct recview *r, struct row *w)
{
	const char *act = rec_activity(r);

	memset(w, 0, sizeof *w);
	snprintf(w->num[0], sizeof w->num[0], "%lld", r->review_row);
	snprintf(w->num[1], sizeof w->num[1], "%lld", r->last_id);
	snprintf(w->num[2], sizeof w->num[2], "%d", r->open);
	snprintf(w->num[3], sizeof w->num[3], "%d", r->slipped);
	snprintf(w->num[4], sizeof w->num[4], "%d", rec_answered(r));
	if (r->due == NULL || due_day(r->due, w->due_end) < 0)
		w->due_end[0] = '\0';
	if (act == NULL || due_day(act, w->activity) < 0)
		w->activity[0] = '\0';
	w->v[D_REVIEW] = w->num[0];
	w->v[D_LAST] = r->last_id != 0 ? w->num[1] : NULL;
	w->v[D_STATUS] = r->status;
	w->v[D_OPEN] = w->num[2];
	w->v[D_DUE] = r->due;
	w->v[D_DUE_END] = w->due_end[0] ? w->due_end : NULL;
	w->v[D_FIRST_DUE] = r->first_due;
	w->v[D_SLIPS] = w->num[3];
	w->v[D_LAST_UPDATE] = r->last_update;
	w->v[D_LAST_ACTIVITY] = r->last_activity;
	w->v[D_ACTIVITY] = w->activity[0] ? w->activity : NULL;
	w->v[D_RESPONSE_DUE] = r->response_due[0] ? r->response_due : NULL;
	w->v[D_ANSWERED] = w->num[4];
	w->v[D_STATED_RAG] = r->stated_rag;
	w->v[D_SIGNED_OFF] = r->signed_off;
}

/* ST_DERIVED_PUT or ST_DERIVED_ADD, bound to r's row, made in *w (which
 * must outlive the step: the texts are bound, not copied) */
static sqlite3_stmt *
bound(struct db *db, enum stmt_id sid, const struct recview *r,
    struct row *w)
{
	sqlite3_stmt *st = db_stmt(db, sid);
	int i;

	row_of(r, w);
	sqlite3_bind_int64(st, 1, r->id);
	for (i = 0; i < D_NCOLS; i++)
		db_bind_text(st, i + 2, w->v[i]);
	/* the integers as integers, so that the indexes compare them so */
	sqlite3_bind_int64(st, 2 + D_REVIEW, r->review_row);
	if (r->last_id != 0)
		sqlite3_bind_int64(st, 2 + D_LAST, r->last_id);
	sqlite3_bind_int(st, 2 + D_OPEN, r->open);
	sqlite3_bind_int(st, 2 + D_SLIPS, r->slipped);
	sqlite3_bind_int(st, 2 + D_ANSWERED, rec_answered(r));
	return st;
}

/* r's row, held or not (a write's marks) */
static int
put(const struct recview *r, void *arg)
{
	struct row w;

	return db_exec_stmt(arg, bound(arg, ST_DERIVED_PUT, r, &w)) < 0 ?
	    -1 : 0;
}

/*
 * r's row, none held (a new recommendation; every row, after
 * derived_rebuild() cleared them): a plain insert, which an import of a
 * million makes without the upsert's statement journal (a first import
 * of 10,000 took 1.8 times as long, and 3 MB more memory, with it) and
 * without OR REPLACE (2.6 times the instructions of the insert). A row
 * left by a recommendation that is gone, in a database changed behind
 * rectrack's back, is then replaced by the upsert, which keeps
 * review_counts right where OR REPLACE, firing no delete trigger, did
 * not.
 */
static int
add(const struct recview *r, void *arg)
{
	struct row w;
	int rc = db_exec_insert(arg, bound(arg, ST_DERIVED_ADD, r, &w));

	if (rc == 1)
		return put(r, arg);
	return rc < 0 ? -1 : 0;
}

static int flush(struct db *db, int keep);
static int derive_marked(struct db *db, int keep);
static struct marks *marks(struct db *db);

/* The rank of a status on the usual path, as db-sql.c's UPDATE_RANK:
 * vocab_status's order, anything else (withdrawn included) last. */
static int
path_rank(const char *status)
{
	int i = vocab_find(vocab_status, status);

	return i < 0 ? 8 : i > 8 ? 8 : i;
}

/* SQL's order of two values: NULL first. */
static int
text_order(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return (a != NULL) - (b != NULL);
	return strcmp(a, b);
}

static int
int_order(int a, int b)
{
	return (a > b) - (a < b);
}

/* db-sql.c's UPDATE_ORDER (oldest first) over a file's updates, none a
 * retraction, the index in the file standing for the row id. */
static int
update_order(const struct update_rec *a, size_t ia, const struct update_rec *b,
    size_t ib)
{
	int d;

	if ((d = text_order(a->date, b->date)) != 0 ||
	    (d = text_order(a->recorded, b->recorded)) != 0 ||
	    (d = int_order(path_rank(a->status), path_rank(b->status))) != 0 ||
	    (d = text_order(a->due, b->due)) != 0 ||
	    (d = text_order(a->by, b->by)) != 0 ||
	    (d = text_order(a->note, b->note)) != 0 ||
	    (d = int_order(a->forced, b->forced)) != 0 ||
	    (d = text_order(a->rag, b->rag)) != 0 ||
	    (d = int_order(a->signed_off, b->signed_off)) != 0)
		return d;
	return (ia > ib) - (ia < ib);
}

int
derived_put_new(struct db *db, long long review_id, long long rec_id,
    const struct rec_rec *r, const struct review_rec *rv,
    const char *committee_within, long long last_update_id)
{
	const struct update_rec *u = r->updates, *last = NULL, *rag = NULL;
	const struct update_rec *sign = NULL, *due = NULL;
	size_t *ord, i, j, n = r->nupdates, ilast = 0;
	const char *cur, *first_due = NULL;
	struct recview v;
	struct marks *m = marks(db);
	int slips = 0, rc;

	if (m->bulk == BULK_WANTED) {
		if (indexes(db, 0) < 0)
			return -1;
		m->bulk = BULK_DROPPED;
	}
	for (i = 0; i < n; i++)
		if (u[i].retracts.given != 0) {
			derived_changed(db, RV_REC, rec_id);
			return 0;
		}
	/* the updates in the one order (insertion sort: a handful) */
	ord = xcalloc(n ? n : 1, sizeof *ord);
	for (i = 0; i < n; i++) {
		for (j = i; j > 0 && update_order(&u[ord[j - 1]], ord[j - 1],
		    &u[i], i) > 0; j--)
			ord[j] = ord[j - 1];
		ord[j] = i;
	}
	memset(&v, 0, sizeof v);
	cur = r->due;
	for (i = 0; i < n; i++) {
		const struct update_rec *x = &u[ord[i]];

		last = x;
		ilast = ord[i];
		if (x->rag != NULL)
			rag = x;
		/* db-sql.c's sign-off look-up: closed statuses */
		if (x->signed_off || !status_closed(x->status))
			sign = x;
		if (x->due != NULL) {
			slips += rec_slip(cur, x->due);
			if (first_due == NULL && r->due == NULL)
				first_due = x->due;
			cur = x->due;
			due = x;
		}
		if (v.last_update == NULL || strcmp(x->date,
		    v.last_update) > 0)
			v.last_update = x->date;
	}
	free(ord);
	v.id = rec_id;
	v.review_row = review_id;
	v.last_id = last != NULL ? last_update_id - (long long)(n - 1 - ilast) :
	    0;
	v.stage = rv->stage;
	v.submitted = rv->submitted;
	v.published = rv->published;
	v.status = last != NULL ? last->status : NULL;
	if (r->response != NULL) {
		v.has_response = 1;
		v.decision = r->response->decision;
		v.response_date = r->response->date;
	}
	v.due = due != NULL ? due->due : r->due;
	v.response_within = rec_response_within(r->response_within,
	    rv->response_within, committee_within);
	v.stated_rag = rag != NULL ? rag->rag : NULL;
	v.signed_off = sign != NULL && sign->signed_off ? sign->date : NULL;
	recview_derive(&v, "9999-12-31");
	v.slipped = slips;
	v.first_due = r->due != NULL ? r->due : first_due;
	rc = add(&v, db);
	return rc;
}

static void
marks_free(void *p)
{
	struct marks *m = p;

	if (m != NULL)
		free(m->v);
	free(m);
}


/* The connection's marks, made on first use: db_commit() then flushes
 * them (and, in the test suite, checks every row). */
static struct marks *
marks(struct db *db)
{
	struct marks *m = db_derive_state(db);

	if (m == NULL) {
		m = xcalloc(1, sizeof *m);
		db_set_derive_state(db, m, flush, marks_free);
	}
	return m;
}

void
derived_watch(struct db *db)
{
	(void)marks(db);
}

void
derived_changed(struct db *db, enum recview_scope scope, long long id)
{
	struct marks *m = marks(db);

	/* the same one twice in a row (a review's recommendations) */
	if (m->n > 0 && m->v[m->n - 1].scope == scope &&
	    m->v[m->n - 1].id == id)
		return;
	m->v = xgrow(m->v, &m->cap, m->n + 1, sizeof *m->v);
	m->v[m->n].scope = scope;
	m->v[m->n++].id = id;
}

static int
check_all(struct db *db);

static int
derive_marked(struct db *db, int keep)
{
	struct marks *m = db_derive_state(db);
	size_t i;
	int rc = 0;

	if (m == NULL)
		return 0;
	for (i = 0; keep && rc == 0 && i < m->n; i++)
		rc = recview_live(db, m->v[i].scope, m->v[i].id, put, db);
	m->n = 0;
	return rc < 0 ? -1 : 0;
}

/* Run each of a { DROP, CREATE } list's DROPs (k 0) or CREATEs (k 1). */
static int
ddl(struct db *db, const char *const list[][2], int k)
{
	size_t i;

	for (i = 0; list[i][k] != NULL; i++)
		if (sqlite3_exec(db_handle(db), list[i][k], NULL, NULL,
		    NULL) != SQLITE_OK)
			return db_error(db, k ? "cannot make the stored "
			    "derivation's indexes" : "cannot drop the stored "
			    "derivation's indexes");
	return 0;
}

/* The triggers of review_counts and of committee_counts dropped. */
static int
uncount(struct db *db)
{
	return ddl(db, db_counts_triggers, 0) < 0 ||
	    ddl(db, db_ccounts_triggers, 0) < 0 ? -1 : 0;
}

/* review_counts anew from the stored derivation, and committee_counts
 * from it, their triggers made again (they were dropped: the rows
 * changed uncounted); committee_counts' after the counting, which they
 * would otherwise follow a row at a time. */
static int
recount(struct db *db)
{
	if (ddl(db, db_counts_triggers, 1) < 0 ||
	    db_exec_stmt(db, db_stmt(db, ST_COUNTS_CLEAR)) < 0 ||
	    db_exec_stmt(db, db_stmt(db, ST_COUNTS_FILL)) < 0 ||
	    db_exec_stmt(db, db_stmt(db, ST_CCOUNTS_CLEAR)) < 0 ||
	    db_exec_stmt(db, db_stmt(db, ST_CCOUNTS_FILL)) < 0 ||
	    ddl(db, db_ccounts_triggers, 1) < 0)
		return -1;
	return 0;
}

/* The secondary indexes and the counts' triggers dropped (k 0) or made
 * again, with every review and committee counted (k 1). */
static int
indexes(struct db *db, int k)
{
	if (ddl(db, db_derived_indexes, k) < 0)
		return -1;
	return k ? recount(db) : uncount(db);
}

/* db_commit()'s (keep 1) and db_rollback()'s (keep 0); the rollback
 * takes back a bulk import's DROPs */
static int
flush(struct db *db, int keep)
{
	struct marks *m = db_derive_state(db);
	int bulk = m != NULL && m->bulk == BULK_DROPPED;

	if (m != NULL)
		m->bulk = 0;
	if (derive_marked(db, keep) < 0)
		return -1;
	if (keep && bulk && indexes(db, 1) < 0)
		return -1;
	if (keep && getenv("RECTRACK_CHECK_DERIVED") != NULL)
		return check_all(db);
	return 0;
}

int
derived_bulk(struct db *db, long long adding)
{
	sqlite3_stmt *st = db_stmt(db, ST_DERIVED_COUNT);
	struct marks *m = marks(db);
	long long held = -1;

	if (m->bulk)
		return 0;
	if (sqlite3_step(st) == SQLITE_ROW)
		held = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (held < 0)
		return db_error(db, "cannot count the stored derivation");
	/* making an index anew sorts every row: worth it only when the
	 * rows added outnumber those held */
	if (adding <= held)
		return 0;
	m->bulk = BULK_WANTED;
	return 0;
}

int
derived_flush(struct db *db)
{
	return derive_marked(db, 1);
}

int
derived_rebuild(struct db *db)
{
	/* counted once at the end rather than by a trigger a row */
	if (uncount(db) < 0 ||
	    db_exec_stmt(db, db_stmt(db, ST_DERIVED_CLEAR)) < 0 ||
	    recview_live(db, RV_ALL, 0, add, db) < 0)
		return -1;
	return recount(db);
}

struct verify {
	struct db *db;
	derived_diff_fn *fn;
	void *arg;
	long long n;
	int failed;
};

static int
compare(const struct recview *r, void *arg)
{
	struct verify *v = arg;
	sqlite3_stmt *st = db_stmt(v->db, ST_DERIVED_GET);
	struct buf handle = BUF_INIT;
	struct row w;
	int i, rc;

	row_of(r, &w);
	buf_printf(&handle, "%s/%s", r->rid, r->ref);
	sqlite3_bind_int64(st, 1, r->id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		for (i = 0; i < D_NCOLS; i++) {
			const char *held = db_col(st, i + 1);

			if ((held == NULL) != (w.v[i] == NULL) ||
			    (held != NULL && strcmp(held, w.v[i]) != 0)) {
				v->n++;
				v->fn(v->arg, r->id, handle.s, col_name[i],
				    held, w.v[i]);
			}
		}
	} else if (rc == SQLITE_DONE) {
		v->n++;
		v->fn(v->arg, r->id, handle.s, "row", NULL, "");
	} else {
		v->failed = 1;
	}
	sqlite3_reset(st);
	buf_release(&handle);
	return v->failed;
}

/* Each of review_counts' counts that is not what the stored derivation
 * says (sid ST_COUNTS_DIFF, of "review"), or of committee_counts' that
 * is not the sum of its reviews' (ST_CCOUNTS_DIFF, "committee"):
 * fn(arg, row id, "review RID", "count of STATUS, answered|not
 * answered", held, counted), *n counting them. */
static int
verify_counts(struct db *db, enum stmt_id sid, const char *of,
    derived_diff_fn *fn, void *arg, long long *n)
{
	sqlite3_stmt *st = db_stmt(db, sid);
	struct buf handle = BUF_INIT, field = BUF_INIT;
	char held[24], want[24];
	int rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *rid = db_col(st, 1), *status = db_col(st, 2);

		buf_reset(&handle);
		buf_reset(&field);
		if (rid != NULL)
			buf_printf(&handle, "%s %s", of, rid);
		else
			buf_printf(&handle, "%s row %lld", of,
			    sqlite3_column_int64(st, 0));
		buf_printf(&field, "the count of %s, %s",
		    status != NULL ? status : "(none)",
		    sqlite3_column_int(st, 3) ? "answered" : "not answered");
		snprintf(held, sizeof held, "%lld",
		    sqlite3_column_int64(st, 4));
		snprintf(want, sizeof want, "%lld",
		    sqlite3_column_int64(st, 5));
		(*n)++;
		fn(arg, sqlite3_column_int64(st, 0), handle.s, field.s, held,
		    want);
	}
	sqlite3_reset(st);
	buf_release(&handle);
	buf_release(&field);
	if (rc != SQLITE_DONE)
		return db_error(db, "cannot count the stored derivation");
	return 0;
}

long long
derived_verify(struct db *db, derived_diff_fn *fn, void *arg)
{
	struct verify v = { db, fn, arg, 0, 0 };
	sqlite3_stmt *st;
	int rc;

	if (recview_live(db, RV_ALL, 0, compare, &v) < 0)
		return -1;
	if (v.failed)
		return db_error(db, "cannot read the stored derivation");
	st = db_stmt(db, ST_DERIVED_ORPHANS);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		v.n++;
		fn(arg, sqlite3_column_int64(st, 0), "", "row", "", NULL);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return db_error(db, "cannot read the stored derivation");
	if (verify_counts(db, ST_COUNTS_DIFF, "review", fn, arg, &v.n) < 0 ||
	    verify_counts(db, ST_CCOUNTS_DIFF, "committee", fn, arg,
	    &v.n) < 0)
		return -1;
	return v.n;
}

static void
say_internal(void *arg, long long rec, const char *handle, const char *field,
    const char *held, const char *want)
{
	(void)arg;
	(void)handle;
	error("internal error: the stored derivation of recommendation %lld "
	    "holds %s %s, its history says %s", rec, field,
	    held != NULL ? held : "(none)", want != NULL ? want : "(none)");
}

/* RECTRACK_CHECK_DERIVED (the test suite): every row checked at every
 * flush, so that a write path that forgets to mark what it changed
 * fails its tests. */
static int
check_all(struct db *db)
{
	long long n = derived_verify(db, say_internal, NULL);

	return n == 0 ? 0 : -1;
}
