#include "search.h"

#include <math.h>
#include <string.h>

#include "buf.h"
#include "diag.h"
#include "pretok.h"
#include "xmalloc.h"
#include <stdio.h>
#include <stdlib.h>

const char *const search_field_name[F_NFIELDS] = {
	[F_TITLE] = "title",
	[F_TEXT] = "text",
	[F_FINDING] = "finding",
	[F_EVIDENCE] = "evidence",
	[F_RESPONSE] = "response",
	[F_NOTE] = "update note",
	[F_ACTION] = "action",
	[F_MINUTES] = "minutes",
};

/*
 * Rows made from records during an import are held, their texts copied,
 * and inserted together once SEARCH_HOLD bytes of text are held (or when
 * the import ends): FTS5 writes what it holds in memory to disk as a new
 * segment at every savepoint, and SQLite opens one for a statement that
 * needs a statement journal once the index is written in the
 * transaction, so rows inserted a few at a time would make small segments
 * to be merged later (docs/performance.md). Any other write to the index
 * inserts what is held first, so that rows go in in the order made.
 */
#define SEARCH_HOLD	(2u << 20)

struct pending {
	long long rowid;
	int f;
};

/*
 * Rows held: their texts one after another, NUL-terminated, in the order
 * they go in. A full batch is handed to pretok.c, whose thread makes the
 * words of its texts while the import goes on, and is inserted at the
 * next flush, before what is held then (so rows still go in in the order
 * made).
 */
struct held {
	struct pending *pend;
	size_t n, cap;
	struct buf text;
};

/* search_top()'s query, ranked by rt_bm25_part() (rank_row()) as its
 * rows go by: the best kept in top, their worst at w. */
struct ranked {
	long long nrow;			/* rows in the index */
	long long nhit;			/* rows matched */
	int nphrase;
	double floor;			/* the worst part kept, or -1 */
	struct search_hit *top;
	size_t limit, n, w;
};

/* The search module's state on one connection (search_attach()). */
struct search {
	struct pretok *pt;		/* the tokenizer wrapper, or NULL */
	int importing;			/* search_import_begin() */
	struct held cur;
	struct held ahead;		/* at pretok */
	/*
	 * The owner announced by search_changing_*(): its rows. db.c knows
	 * whether they are still in the index (nothing was written since)
	 * or were taken out before the first write, in this transaction.
	 */
	struct {
		long long base, span;
	} changing;
	struct ranked ranked;
	struct search_scratch *sc;	/* search_rows_with()'s */
	struct {
		const long long *v;	/* sorted; NULL: none set */
		size_t n;
		size_t at;		/* where the last look-up ended */
	} members;			/* search_members() */
};

/* rt_member(rowid) (ST_SEARCH_MEMBERS): 1 for a row of one of the
 * recommendations search_members() set, else 0. Rows come in rowid
 * order, so each look-up starts where the last ended and gallops
 * forward; a row before it starts again from the first. */
static int
member_of(struct search *s, long long rowid)
{
	const long long *v = s->members.v;
	size_t n = s->members.n, lo, hi, step, mid;
	long long rec;

	if (v == NULL || rowid < SEARCH_REC || rowid >= SEARCH_MEET)
		return 0;
	rec = (rowid - SEARCH_REC) / SEARCH_SLOTS;
	lo = s->members.at < n ? s->members.at : n;
	if (lo > 0 && v[lo - 1] >= rec)
		lo = 0;
	/* every v before lo is less than rec: widen [lo, hi) until v[hi]
	 * is not, then halve it */
	for (hi = lo, step = 1; hi < n && v[hi] < rec; step *= 2) {
		lo = hi + 1;
		hi = n - lo > step ? lo + step : n;
	}
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (v[mid] < rec)
			lo = mid + 1;
		else
			hi = mid;
	}
	s->members.at = lo;
	return lo < n && v[lo] == rec;
}

static void
member_fn(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	(void)argc;
	sqlite3_result_int(cx, member_of(sqlite3_user_data(cx),
	    sqlite3_value_int64(argv[0])));
}

void
search_members(struct db *db, const long long *ids, size_t n)
{
	struct search *s = db_search(db);

	if (s == NULL)
		return;
	s->members.v = ids;
	s->members.n = n;
	s->members.at = 0;
}

static void rank_part(const Fts5ExtensionApi *, Fts5Context *,
    sqlite3_context *, int, sqlite3_value **);

struct search *
search_attach(struct db *db, int writer)
{
	fts5_api *api = db_fts5(db);
	struct search *s;

	/* the index's texts (migration 6), before anything reads it */
	if (search_text_register(db_handle(db)) < 0)
		return NULL;
	s = xcalloc(1, sizeof *s);
	s->cur.text = s->ahead.text = (struct buf)BUF_INIT;
	s->ranked.floor = -1.0;
	s->sc = search_scratch_new();
	/* search_top()'s ranking; for writers, before anything opens the
	 * index, the tokenizer wrapper. Without either all works, only
	 * slower. */
	if (api != NULL && api->iVersion >= 2)
		api->xCreateFunction(api, "rt_bm25_part", s, rank_part, NULL);
	/* a filtered search's members (never from the schema) */
	sqlite3_create_function_v2(db_handle(db), "rt_member", 1,
	    SQLITE_UTF8 | SQLITE_DIRECTONLY, s, member_fn, NULL, NULL, NULL);
	if (writer)
		s->pt = pretok_register(api);
	return s;
}

static void
held_free(struct held *h)
{
	free(h->pend);
	h->pend = NULL;
	h->n = h->cap = 0;
	buf_release(&h->text);
}

void
search_detach(struct search *s)
{
	if (s == NULL)
		return;
	pretok_stop(s->pt);
	held_free(&s->cur);
	held_free(&s->ahead);
	search_scratch_free(s->sc);
	free(s);
}

static int
holding(struct search *s)
{
	return s->cur.n > 0 || s->ahead.n > 0;
}

static int insert_row(struct db *db, long long rowid, int f, const char *text,
    int f2, const char *text2);

long long
search_list_max(const char *owner, const char *key, const char **what)
{
	static const struct {
		const char *owner, *key, *what;
		long long max;
	} lists[] = {
		{ "recommendation", "findings", "findings", SEARCH_MAX_FINDINGS },
		{ "recommendation", "evidence", "evidence items",
		    SEARCH_MAX_EVIDENCE },
		{ "recommendation", "updates", "updates with a note",
		    SEARCH_MAX_NOTES },
		{ "response", "actions", "actions", SEARCH_MAX_ACTIONS },
		{ "meeting", "resolved", "resolved items", SEARCH_MAX_FINDINGS },
		{ "meeting", "actions", "actions", SEARCH_MAX_MEETING_ACTIONS },
	};
	size_t i;

	for (i = 0; i < sizeof lists / sizeof lists[0]; i++)
		if (strcmp(lists[i].owner, owner) == 0 &&
		    strcmp(lists[i].key, key) == 0) {
			*what = lists[i].what;
			return lists[i].max;
		}
	*what = key;
	return 0;
}

/* A write that needs more than the index can hold (search_beyond()). */
static int
refuse(void)
{
	return error("%s; nothing was written", search_beyond());
}

/* One row: text in field f (and a second text in field f2, or -1);
 * held when hold, during an import. */
static int
put(struct db *db, int hold, long long rowid, int f, const char *text,
    int f2, const char *text2)
{
	struct search *s = db_search(db);
	struct held *cur = &s->cur;

	if ((text == NULL || *text == '\0') && (text2 == NULL || f2 < 0))
		return 0;
	if (hold && s->importing && f2 < 0) {
		cur->pend = xgrow(cur->pend, &cur->cap, cur->n + 1,
		    sizeof *cur->pend);
		cur->pend[cur->n].rowid = rowid;
		cur->pend[cur->n++].f = f;
		buf_add(&cur->text, text, strlen(text) + 1);
		return 0;
	}
	if (holding(s) && search_flush(db, 1) < 0)
		return -1;
	return insert_row(db, rowid, f, text, f2, text2);
}

/* Insert the rows of h, and forget them. */
static int
insert_held(struct db *db, struct held *h)
{
	const char *t = h->text.s;
	size_t i;
	int rc = 0;

	for (i = 0; rc == 0 && i < h->n; i++) {
		rc = insert_row(db, h->pend[i].rowid, h->pend[i].f, t, -1,
		    NULL);
		t += strlen(t) + 1;
	}
	h->n = 0;
	buf_reset(&h->text);
	return rc;
}

int
search_flush(struct db *db, int all)
{
	struct search *s = db_search(db);
	struct held tmp;
	int rc = 0;

	if (!all && s->cur.text.len < SEARCH_HOLD)
		return 0;
	if (s->ahead.n > 0) {
		pretok_arm(s->pt);
		rc = insert_held(db, &s->ahead);
		pretok_disarm(s->pt);
	}
	if (rc == 0 && !all && s->cur.n > 0 &&
	    pretok_submit(s->pt, s->cur.text.s, s->cur.text.len)) {
		tmp = s->ahead;
		s->ahead = s->cur;
		s->cur = tmp;
		return 0;
	}
	if (rc == 0)
		rc = insert_held(db, &s->cur);
	s->cur.n = 0;
	buf_reset(&s->cur.text);
	return rc;
}

void
search_import_begin(struct db *db)
{
	struct search *s = db_search(db);

	s->importing = 1;
	pretok_start(s->pt);
}

void
search_import_end(struct db *db)
{
	struct search *s = db_search(db);

	pretok_stop(s->pt);
	s->importing = 0;
	s->changing.base = s->changing.span = 0;
	held_free(&s->cur);
	held_free(&s->ahead);
}

static int
insert_row(struct db *db, long long rowid, int f, const char *text, int f2,
    const char *text2)
{
	sqlite3_stmt *st;

	st = db_stmt(db, ST_IX_INSERT);
	sqlite3_bind_int64(st, 1, rowid);
	db_bind_text(st, 2 + f, text);
	if (f2 >= 0)
		db_bind_text(st, 2 + f2, text2);
	return db_exec_stmt(db, st);
}

static int
put_row(void *db, const struct search_row *r)
{
	return put(db, 0, r->rowid, r->f, r->text, r->f2, r->text2);
}

/* Index the rows of the owner whose rows start at base, from the tables. */
static int
put_owner(struct db *db, long long base)
{
	int rc = search_rows_with(db_search(db)->sc, base, search_db_stmt, db,
	    put_row, db);

	if (rc == SEARCH_BEYOND)
		return refuse();
	return rc == -2 ? db_error(db, "cannot read the texts to index") : rc;
}

/* What unindex() takes out: the rows the index holds, in order. */
struct forget {
	struct db *db;
	const long long *ids;
	size_t n, found;
};

static int
cmp_id(const void *x, const void *y)
{
	long long a = *(const long long *)x, b = *(const long long *)y;

	return (a > b) - (a < b);
}

/* Take a row out of the index, given its texts, if the index holds it. */
static int
forget_row(void *arg, const struct search_row *r)
{
	struct forget *fg = arg;
	sqlite3_stmt *st;

	if (bsearch(&r->rowid, fg->ids, fg->n, sizeof *fg->ids,
	    cmp_id) == NULL)
		return 0;
	fg->found++;
	st = db_stmt(fg->db, ST_IX_FORGET);
	sqlite3_bind_int64(st, 1, r->rowid);
	db_bind_text(st, 2 + r->f, r->text);
	if (r->f2 >= 0)
		db_bind_text(st, 2 + r->f2, r->text2);
	return db_exec_stmt(fg->db, st);
}

/*
 * Take the index's rows in [lo, hi] out, with the texts the tables hold,
 * which must be the ones they were made from: this runs before the first
 * change to them. Which rows the index holds is FTS5's own record of
 * their sizes, so a range taken out once is not taken out again. A row
 * the tables cannot give the texts of would leave the index wrong: that
 * is reported, and the transaction goes no further.
 */
static int
unindex(struct db *db, long long lo, long long hi)
{
	struct forget fg = { db, NULL, 0, 0 };
	long long *ids = NULL, base, span;
	size_t n = 0, cap = 0, i;
	sqlite3_stmt *st;
	int rc;

	if (holding(db_search(db)) && search_flush(db, 1) < 0)
		return -1;
	st = db_stmt(db, ST_IX_PRESENT);
	sqlite3_bind_int64(st, 1, lo);
	sqlite3_bind_int64(st, 2, hi);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		ids = xgrow(ids, &cap, n + 1, sizeof *ids);
		ids[n++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		free(ids);
		return db_error(db, "cannot read the full-text index");
	}
	fg.ids = ids;
	fg.n = n;
	rc = 0;
	/* each owner once: the ids come in order */
	for (i = 0; rc == 0 && i < n; ) {
		if (!search_owner(ids[i], &base, &span))
			break;
		rc = search_rows_with(db_search(db)->sc, base, search_db_stmt,
		    db, forget_row, &fg);
		if (rc == SEARCH_BEYOND)
			rc = 0;		/* the rows that fit are the ones held */
		while (i < n && ids[i] < base + span)
			i++;
	}
	free(ids);
	if (rc == -2)
		return db_error(db, "cannot read the texts to unindex");
	if (rc == 0 && fg.found != n)
		rc = error("internal error: the full-text index holds %zu rows "
		    "the tables have no texts for (between %lld and %lld); "
		    "nothing was written ('rectrack reindex' rebuilds the "
		    "index)", n - fg.found, lo, hi);
	return rc;
}

static int
fire(struct db *db)
{
	struct search *s = db_search(db);

	return unindex(db, s->changing.base,
	    s->changing.base + s->changing.span - 1);
}

static void
arm(struct db *db, long long base, long long span)
{
	struct search *s = db_search(db);

	s->changing.base = base;
	s->changing.span = span;
	db_before_write(db, fire);
}

/* After the change: the owner's rows from the tables (base 0: the
 * index cannot hold the owner, search_base()). */
static int
reindex(struct db *db, long long base, long long span)
{
	struct search *s = db_search(db);
	int state = s->changing.base == base && s->changing.span == span ?
	    db_before_write_state(db) : 0;

	db_before_write(db, NULL);
	s->changing.base = s->changing.span = 0;
	if (base == 0)
		return refuse();
	if (state == 1)
		return 0;	/* nothing written: the index is right */
	if (state == 0)
		return error("internal error: the index rows at %lld were "
		    "changed unannounced; nothing was written", base);
	return put_owner(db, base);
}

/* Announce the rows of the owner at base (none when 0: reindex()
 * refuses the change). */
static void
arm_owner(struct db *db, long long base, long long span)
{
	arm(db, base, base == 0 ? 0 : span);
}

void
search_changing_rec(struct db *db, long long rec)
{
	arm_owner(db, search_base(SK_REC, rec), SEARCH_SLOTS);
}

int
search_index_rec(struct db *db, long long rec)
{
	long long base = search_base(SK_REC, rec);

	return reindex(db, base, base == 0 ? 0 : SEARCH_SLOTS);
}

/* Hold a row made from an import's record. */
static int
hold_row(void *db, const struct search_row *r)
{
	return put(db, 1, r->rowid, r->f, r->text, r->f2, r->text2);
}

int
search_put_rec(struct db *db, long long rec, const struct rec_rec *r)
{
	/* all or nothing: checked before the first row is held */
	int rc = search_rec_rows(rec, r, NULL, NULL);

	if (rc == 0)
		rc = search_rec_rows(rec, r, hold_row, db);
	return rc == SEARCH_BEYOND ? refuse() : rc;
}

void
search_changing_meeting(struct db *db, long long meeting)
{
	arm_owner(db, search_base(SK_MEETING, meeting), SEARCH_SLOTS);
}

int
search_index_meeting(struct db *db, long long meeting)
{
	long long base = search_base(SK_MEETING, meeting);

	return reindex(db, base, base == 0 ? 0 : SEARCH_SLOTS);
}

void
search_changing_evidence(struct db *db, long long evidence)
{
	arm_owner(db, search_base(SK_EVIDENCE, evidence), 1);
}

int
search_index_evidence(struct db *db, long long evidence)
{
	long long base = search_base(SK_EVIDENCE, evidence);

	return reindex(db, base, base == 0 ? 0 : 1);
}

/* The first row ids of the smallest and largest of ids (n > 0) of kind
 * k; 0 after reporting when the index cannot hold one of them. */
static int
id_range(enum search_kind k, const long long *ids, size_t n, long long *lo,
    long long *hi)
{
	size_t i;

	*lo = *hi = ids[0];
	for (i = 1; i < n; i++) {
		if (ids[i] < *lo)
			*lo = ids[i];
		if (ids[i] > *hi)
			*hi = ids[i];
	}
	if ((*lo = search_base(k, *lo)) == 0 || (*hi = search_base(k, *hi)) == 0)
		return refuse();
	return 0;
}

int
search_index_new(struct db *db, const long long *meetings, size_t nmeetings,
    const long long *evidence, size_t nevidence)
{
	long long lo, hi;
	size_t i;
	int rc = 0;

	/* nothing to take out (one look at the range, to be sure) */
	if (nmeetings > 0 && (rc = id_range(SK_MEETING, meetings, nmeetings,
	    &lo, &hi)) == 0)
		rc = unindex(db, lo, hi + SEARCH_SLOTS - 1);
	for (i = 0; rc == 0 && i < nmeetings; i++)
		rc = put_owner(db, search_base(SK_MEETING, meetings[i]));
	if (rc == 0 && nevidence > 0 && (rc = id_range(SK_EVIDENCE, evidence,
	    nevidence, &lo, &hi)) == 0)
		rc = unindex(db, lo, hi);
	for (i = 0; rc == 0 && i < nevidence; i++)
		rc = put_owner(db, search_base(SK_EVIDENCE, evidence[i]));
	return rc;
}

/* The first row id of the owner of an action: its meeting's rows, or its
 * recommendation's; 0 when the index cannot hold that owner, -1 when the
 * action has none. */
static long long
action_owner(struct db *db, long long action)
{
	sqlite3_stmt *st = db_stmt(db, ST_IX_ACTION_OWNER);
	long long meeting = 0, rec = 0;

	sqlite3_bind_int64(st, 1, action);
	if (sqlite3_step(st) == SQLITE_ROW) {
		meeting = sqlite3_column_int64(st, 0);
		rec = sqlite3_column_int64(st, 1);
	}
	sqlite3_reset(st);
	return meeting ? search_base(SK_MEETING, meeting) :
	    rec ? search_base(SK_REC, rec) : -1;
}

int
search_changing_action(struct db *db, long long action)
{
	long long base = action_owner(db, action);

	if (base < 0)
		return error("internal error: action %lld has no owner",
		    action);
	arm_owner(db, base, SEARCH_SLOTS);
	return 0;
}

int
search_index_action(struct db *db, long long action)
{
	long long base = action_owner(db, action);

	if (base < 0)
		return error("internal error: action %lld has no owner",
		    action);
	return reindex(db, base, base == 0 ? 0 : SEARCH_SLOTS);
}

static int
put_base(struct db *db, long long base, void *arg)
{
	(void)arg;
	return put_owner(db, base);
}

int
search_rebuild(struct db *db)
{
	int rc;

	/* 'delete-all': the index may not match the tables (a repair) */
	if ((holding(db_search(db)) && search_flush(db, 1) < 0) ||
	    db_exec_stmt(db, db_stmt(db, ST_IX_CLEAR)) < 0)
		return -1;
	rc = search_owners(db, put_base, NULL);
	if (rc == SEARCH_BEYOND)
		return refuse();
	return rc == -2 ? db_error(db, "cannot read the texts to index") : rc;
}

int
search_counted(struct db *db, long long *nrow)
{
	sqlite3_stmt *st = db_stmt(db, ST_IX_COUNTED);
	const unsigned char *p = NULL;
	unsigned long long v = 0;
	int n = 0, i, rc = -1;

	/* (an index that never held a row has it empty: none) */
	if (sqlite3_step(st) == SQLITE_ROW) {
		p = sqlite3_column_blob(st, 0);
		n = sqlite3_column_bytes(st, 0);
		if (n == 0)
			rc = 0;
	}
	/* SQLite's varint: seven bits a byte, high first, the ninth whole */
	for (i = 0; p != NULL && i < n && i < 9 && rc < 0; i++) {
		v = i == 8 ? v << 8 | p[i] : v << 7 | (p[i] & 0x7f);
		if (i == 8 || !(p[i] & 0x80))
			rc = 0;
	}
	sqlite3_reset(st);
	*nrow = (long long)v;
	return rc;
}

int
search_counts(struct db *db, long long *expected, long long *held)
{
	sqlite3_stmt *st = db_stmt(db, ST_IX_EXPECTED);

	*expected = sqlite3_step(st) == SQLITE_ROW ?
	    sqlite3_column_int64(st, 0) : -1;
	sqlite3_reset(st);
	st = db_stmt(db, ST_IX_HELD);
	*held = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) :
	    -1;
	sqlite3_reset(st);
	return *expected < 0 || *held < 0 ? -1 : 0;
}

/*
 * Ranking a query of one phrase (one word, prefix* or "a phrase") in one
 * pass. FTS5's bm25() first counts the rows that hold each phrase, by
 * running the phrase over the whole index once more, before it ranks a
 * row; for one phrase that count is the number of rows the query
 * matches, known once they have all gone by. So rt_bm25_part() gives, for
 * each row, the part of bm25 that does not depend on the count, with
 * bm25's own arithmetic (fts5_aux.c: k1 = 1.2, b = 0.75, each instance
 * weighted by its column's weight, D the row's size in tokens), keeps
 * the best as the rows go by, and search_top() multiplies in the IDF at
 * the end. The IDF is positive, so the order of the parts is the order of
 * the scores. No row comes back to C, and the statement steps once: on
 * its first row the function runs the phrase over the index itself
 * (xQueryPhrase(), as bm25() does to count), each row a call of
 * rank_row() with no virtual-machine step between (at a million, for a
 * common word's 540,000 rows, stepping out for each was 40% of the pass,
 * and a step of the statement for each a third of what was left).
 */
struct rank_query {
	int nphrase;
	double avgdl;
	int nw;
	double w[F_NFIELDS];	/* the columns' weights, as given */
};

/* a worse than b: a lower part, or the same and a later row */
static int
worse(double ga, long long ra, double gb, long long rb)
{
	return ga < gb || (ga == gb && ra > rb);
}

/* rowid's part g among the best kept, if it is one */
static void
keep(struct ranked *k, long long rowid, double g)
{
	size_t i;

	if (k->limit == 0)
		return;
	if (k->n < k->limit) {
		k->top[k->n].rowid = rowid;
		k->top[k->n++].score = g;
		if (k->n == 1 || worse(g, rowid, k->top[k->w].score,
		    k->top[k->w].rowid))
			k->w = k->n - 1;
	} else if (worse(k->top[k->w].score, k->top[k->w].rowid, g, rowid)) {
		k->top[k->w].rowid = rowid;
		k->top[k->w].score = g;
		for (i = 0; i < k->n; i++)
			if (worse(k->top[i].score, k->top[i].rowid,
			    k->top[k->w].score, k->top[k->w].rowid))
				k->w = i;
	}
	if (k->n == k->limit)
		k->floor = k->top[k->w].score;
}

/* rank_row()'s argument */
struct rank_pass {
	struct search *s;
	const struct rank_query *q;
};

/* One matching row: counted, and its part kept if among the best. */
static int
rank_row(const Fts5ExtensionApi *api, Fts5Context *fts, void *arg)
{
	const double k1 = 1.2;
	const double b = 0.75;
	struct rank_pass *p = arg;
	const struct rank_query *q = p->q;
	struct search *s = p->s;
	struct ranked *ranked = &s->ranked;
	double f = 0.0, D;
	Fts5PhraseIter it;
	int i, ic, io, ntok, rc;
	long long last[F_NFIELDS], least;

	ranked->nhit++;
	/* with members set (search_members()), the rows of others are
	 * left out, as rows that could not be kept are */
	if (s->members.v != NULL && !member_of(s, api->xRowid(fts)))
		return SQLITE_OK;
	if ((rc = api->xPhraseFirst(fts, 0, &it, &ic, &io)) != SQLITE_OK)
		return rc;
	memset(last, 0, sizeof last);
	for (; ic >= 0; api->xPhraseNext(fts, &it, &ic, &io)) {
		f += q->nw > ic ? q->w[ic] : 1.0;
		if (ic < F_NFIELDS && io >= last[ic])
			last[ic] = (long long)io + 1;
	}
	/*
	 * The part falls as the row grows (D), in floating point too, and
	 * the row holds at least as many words as its last instance in each
	 * column shows: a row whose part could not beat the worst one kept
	 * even at that size (a tie loses: rows come in rowid order) is not
	 * looked up in the table of row sizes, which is most of what
	 * ranking costs.
	 */
	if (ranked->floor >= 0.0) {
		for (i = 0, least = 0; i < F_NFIELDS; i++)
			least += last[i];
		if ((f * (k1 + 1.0)) / (f + k1 * (1 - b + b * (double)least /
		    q->avgdl)) <= ranked->floor)
			return SQLITE_OK;
	}
	if ((rc = api->xColumnSize(fts, -1, &ntok)) != SQLITE_OK)
		return rc;
	D = (double)ntok;
	keep(ranked, api->xRowid(fts), (f * (k1 + 1.0)) /
	    (f + k1 * (1 - b + b * D / q->avgdl)));
	return SQLITE_OK;
}

/* The ranking cannot go on: rc, FTS5's, said as the search's error. */
static void
rank_failed(sqlite3_context *cx, int rc)
{
	char msg[200];

	if (rc == SQLITE_NOMEM) {
		sqlite3_result_error_nomem(cx);
		return;
	}
	snprintf(msg, sizeof msg, "the full-text index cannot be read (%s; "
	    "'rectrack reindex' rebuilds it)", sqlite3_errstr(rc));
	sqlite3_result_error(cx, msg, -1);
}

/*
 * Called on the statement's first row (ST_SEARCH_TOP's LIMIT 1): the
 * whole pass, every row of the phrase through xQueryPhrase() in rowid
 * order, each ranked by rank_row() with no step of the statement
 * between them.
 */
static void
rank_part(const Fts5ExtensionApi *api, Fts5Context *fts,
    sqlite3_context *cx, int nval, sqlite3_value **val)
{
	struct rank_pass p = { api->xUserData(fts), NULL };
	struct ranked *ranked = &p.s->ranked;
	struct rank_query *q;
	sqlite3_int64 nrow = 0, ntoken = 0;
	int i, rc;

	if (ranked->top == NULL) {
		sqlite3_result_error(cx, "rt_bm25_part: not from search_top()",
		    -1);
		return;
	}
	if (api->xGetAuxdata(fts, 0) != NULL)
		return;		/* the pass is done */
	/* the cursor's from the start, freed with it (at once when
	 * xSetAuxdata() fails), whatever fails after */
	if ((q = sqlite3_malloc(sizeof *q)) == NULL) {
		sqlite3_result_error_nomem(cx);
		return;
	}
	if ((rc = api->xSetAuxdata(fts, q, sqlite3_free)) != SQLITE_OK) {
		rank_failed(cx, rc);
		return;
	}
	q->nphrase = api->xPhraseCount(fts);
	if ((rc = api->xRowCount(fts, &nrow)) != SQLITE_OK ||
	    (rc = api->xColumnTotalSize(fts, -1, &ntoken)) != SQLITE_OK) {
		rank_failed(cx, rc);
		return;
	}
	q->avgdl = (double)ntoken / (double)nrow;
	q->nw = nval < F_NFIELDS ? nval : F_NFIELDS;
	for (i = 0; i < q->nw; i++)
		q->w[i] = sqlite3_value_double(val[i]);
	ranked->nrow = nrow;
	ranked->nphrase = q->nphrase;
	/* ranked by bm25() itself (the caller's fallback) */
	if (q->nphrase != 1) {
		sqlite3_result_error(cx, "more than one phrase", -1);
		return;
	}
	p.q = q;
	if ((rc = api->xQueryPhrase(fts, 0, &p, rank_row)) != SQLITE_OK)
		rank_failed(cx, rc);
}

int
search_hit_cmp(const void *x, const void *y)
{
	const struct search_hit *a = x, *b = y;

	if (a->score != b->score)
		return a->score < b->score ? -1 : 1;
	return (a->rowid > b->rowid) - (a->rowid < b->rowid);
}

long
search_top(struct db *db, const char *query, size_t limit,
    struct search_hit *top, long long *nmatch)
{
	sqlite3_stmt *st = db_stmt(db, ST_SEARCH_TOP);
	struct ranked *ranked = &db_search(db)->ranked;
	size_t i, n;
	long long nhit, nrow;
	double idf;
	int rc, nphrase;

	memset(ranked, 0, sizeof *ranked);
	ranked->floor = -1.0;
	ranked->top = top;
	ranked->limit = limit;
	db_bind_text(st, 1, query);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		;
	sqlite3_reset(st);
	n = ranked->n;
	nhit = ranked->nhit;
	nrow = ranked->nrow;
	nphrase = ranked->nphrase;
	memset(ranked, 0, sizeof *ranked);
	if (nphrase > 1)
		return -1;	/* more than one phrase */
	if (rc != SQLITE_DONE)
		return -2;
	/* bm25's IDF, as fts5_aux.c computes it */
	idf = log((nrow - nhit + 0.5) / (nhit + 0.5));
	if (idf <= 0.0)
		idf = 1e-6;
	for (i = 0; i < n; i++)
		top[i].score = -1.0 * (0.0 + idf * top[i].score);
	qsort(top, n, sizeof *top, search_hit_cmp);
	*nmatch = nhit;
	return (long)n;
}
