#include "search.h"

#include <math.h>
#include <string.h>

#include "buf.h"
#include "diag.h"
#include "pretok.h"
#include "xmalloc.h"
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

/* Slots within an owner's range (see search.h). */
enum {
	S_TITLE = 0, S_TEXT = 1, S_RESPONSE = 2,
	S_LIST1 = 16,		/* findings, resolved */
	S_LIST2 = 10016,	/* inline evidence, meeting actions */
	S_NOTES = 20016,	/* update notes */
	S_ACTIONS = 45016,	/* response actions */
};

/*
 * Rows made from records during an import are held, their texts copied,
 * and inserted together once SEARCH_HOLD bytes of text are held (or when
 * the import ends). FTS5 writes what it holds in memory to disk as a new
 * segment at every savepoint, and SQLite opens one for a statement that
 * needs a statement journal (as inserts into the other tables can) once
 * the index is written in the transaction: rows inserted a review at a
 * time made small segments, and merging them cost some 7% of an import
 * (docs/performance.md). Any other write to the index
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

static struct held cur = { NULL, 0, 0, BUF_INIT };
static struct held ahead = { NULL, 0, 0, BUF_INIT };	/* at pretok */
static int batching;

static int
holding(void)
{
	return cur.n > 0 || ahead.n > 0;
}

static int
clear(struct db *db, long long base, long long n)
{
	sqlite3_stmt *st;

	if (holding() && search_flush(db, 1) < 0)
		return -1;
	st = db_stmt(db, ST_IX_DELETE);
	sqlite3_bind_int64(st, 1, base);
	sqlite3_bind_int64(st, 2, base + n - 1);
	return db_exec_stmt(db, st);
}

static int insert_row(struct db *db, long long rowid, int f, const char *text,
    int f2, const char *text2);

/* One row: text in field f (and a second text in field f2, or -1). */
static int
put(struct db *db, long long rowid, int f, const char *text, int f2,
    const char *text2)
{
	if ((text == NULL || *text == '\0') && (text2 == NULL || f2 < 0))
		return 0;
	if (batching && f2 < 0) {
		cur.pend = xgrow(cur.pend, &cur.cap, cur.n + 1,
		    sizeof *cur.pend);
		cur.pend[cur.n].rowid = rowid;
		cur.pend[cur.n++].f = f;
		buf_add(&cur.text, text, strlen(text) + 1);
		return 0;
	}
	if (holding() && search_flush(db, 1) < 0)
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
	struct held tmp;
	int rc = 0;

	if (!all && cur.text.len < SEARCH_HOLD)
		return 0;
	if (ahead.n > 0) {
		pretok_arm();
		rc = insert_held(db, &ahead);
		pretok_disarm();
	}
	if (rc == 0 && !all && cur.n > 0 &&
	    pretok_submit(cur.text.s, cur.text.len)) {
		tmp = ahead;
		ahead = cur;
		cur = tmp;
		return 0;
	}
	if (rc == 0)
		rc = insert_held(db, &cur);
	cur.n = 0;
	buf_reset(&cur.text);
	return rc;
}

void
search_discard(void)
{
	struct held *h[] = { &cur, &ahead };
	size_t i;

	pretok_stop();
	for (i = 0; i < 2; i++) {
		free(h[i]->pend);
		h[i]->pend = NULL;
		h[i]->n = h[i]->cap = 0;
		buf_release(&h[i]->text);
	}
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

/* Each row of sid (bound to owner) as one index row from slot first on,
 * columns c1 (and c2, joined) in field f, at most limit of them. */
static int
put_rows(struct db *db, enum stmt_id sid, long long owner, long long base,
    int first, int limit, int f, int c1, int c2, int by_pos)
{
	sqlite3_stmt *st = db_stmt(db, sid);
	struct buf b = BUF_INIT;
	int k = 0, rc = 0;
	long long slot;

	sqlite3_bind_int64(st, 1, owner);
	while (rc == 0 && sqlite3_step(st) == SQLITE_ROW) {
		slot = by_pos ? sqlite3_column_int64(st, 0) : k;
		k++;
		if (slot < 0 || slot >= limit)
			continue;	/* beyond what the index holds */
		buf_reset(&b);
		if (db_col(st, c1) != NULL)
			buf_adds(&b, db_col(st, c1));
		if (c2 >= 0 && db_col(st, c2) != NULL) {
			if (b.len)
				buf_addc(&b, '\n');
			buf_adds(&b, db_col(st, c2));
		}
		rc = put(db, base + first + slot, f, b.s, -1, NULL);
	}
	sqlite3_reset(st);
	buf_release(&b);
	return rc;
}

int
search_index_rec(struct db *db, long long rec)
{
	long long base = SEARCH_REC + (rec << 16);
	sqlite3_stmt *st;
	int rc;

	if (clear(db, base, SEARCH_SLOTS) < 0)
		return -1;
	st = db_stmt(db, ST_IX_REC);
	sqlite3_bind_int64(st, 1, rec);
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_reset(st);
		return 0;
	}
	rc = put(db, base + S_TITLE, F_TITLE, db_col(st, 0), -1, NULL);
	if (rc == 0)
		rc = put(db, base + S_TEXT, F_TEXT, db_col(st, 1), -1, NULL);
	sqlite3_reset(st);
	st = db_stmt(db, ST_IX_REC_RESPONSE);
	sqlite3_bind_int64(st, 1, rec);
	if (rc == 0 && sqlite3_step(st) == SQLITE_ROW)
		rc = put(db, base + S_RESPONSE, F_RESPONSE, db_col(st, 0), -1,
		    NULL);
	sqlite3_reset(st);
	if (rc == 0)
		rc = put_rows(db, ST_IX_REC_FINDINGS, rec, base, S_LIST1,
		    S_LIST2 - S_LIST1, F_FINDING, 1, -1, 1);
	if (rc == 0)
		rc = put_rows(db, ST_IX_REC_EVIDENCE, rec, base, S_LIST2,
		    S_NOTES - S_LIST2, F_EVIDENCE, 1, 2, 1);
	if (rc == 0)
		rc = put_rows(db, ST_IX_REC_NOTES, rec, base, S_NOTES,
		    S_ACTIONS - S_NOTES, F_NOTE, 0, -1, 0);
	if (rc == 0)
		rc = put_rows(db, ST_IX_REC_ACTIONS, rec, base, S_ACTIONS,
		    SEARCH_SLOTS - S_ACTIONS, F_ACTION, 0, 1, 0);
	return rc;
}

/* "a\nb", "a" or "b" of two optional texts. */
static void
join2(struct buf *b, const char *x, const char *y)
{
	buf_reset(b);
	if (x != NULL)
		buf_adds(b, x);
	if (y != NULL) {
		if (b->len)
			buf_addc(b, '\n');
		buf_adds(b, y);
	}
}

int
search_put_rec(struct db *db, long long rec, const struct rec_rec *r,
    const struct update_rec *const *updates, size_t nupdates)
{
	long long base = SEARCH_REC + (rec << 16);
	struct buf b = BUF_INIT;
	size_t i, k;
	int rc;

	batching = 1;

	rc = put(db, base + S_TITLE, F_TITLE, r->title, -1, NULL);
	if (rc == 0)
		rc = put(db, base + S_TEXT, F_TEXT, r->text, -1, NULL);
	if (rc == 0 && r->response != NULL)
		rc = put(db, base + S_RESPONSE, F_RESPONSE, r->response->text,
		    -1, NULL);
	for (i = 0; rc == 0 && i < r->findings.n &&
	    i < S_LIST2 - S_LIST1; i++)
		rc = put(db, base + S_LIST1 + (long long)i, F_FINDING,
		    r->findings.v[i], -1, NULL);
	for (i = 0; rc == 0 && i < r->nevidence &&
	    i < S_NOTES - S_LIST2; i++) {
		if (r->evidence[i].ref != NULL)
			continue;
		join2(&b, r->evidence[i].title, r->evidence[i].text);
		rc = put(db, base + S_LIST2 + (long long)i, F_EVIDENCE, b.s,
		    -1, NULL);
	}
	for (i = k = 0; rc == 0 && i < nupdates; i++) {
		if (updates[i]->note == NULL)
			continue;
		if (k < S_ACTIONS - S_NOTES)
			rc = put(db, base + S_NOTES + (long long)k, F_NOTE,
			    updates[i]->note, -1, NULL);
		k++;
	}
	for (i = 0; rc == 0 && r->response != NULL &&
	    i < r->response->nactions &&
	    i < SEARCH_SLOTS - S_ACTIONS; i++) {
		join2(&b, r->response->actions[i].text,
		    r->response->actions[i].note);
		rc = put(db, base + S_ACTIONS + (long long)i, F_ACTION, b.s,
		    -1, NULL);
	}
	buf_release(&b);
	batching = 0;
	return rc;
}

/* A meeting's rows, its range of the index being clear. */
static int
put_meeting(struct db *db, long long meeting)
{
	long long base = SEARCH_MEET + (meeting << 16);
	sqlite3_stmt *st;
	int rc;

	st = db_stmt(db, ST_IX_MEETING);
	sqlite3_bind_int64(st, 1, meeting);
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_reset(st);
		return 0;
	}
	rc = put(db, base + S_TITLE, F_TITLE, db_col(st, 0), F_MINUTES,
	    db_col(st, 1));
	sqlite3_reset(st);
	if (rc == 0)
		rc = put_rows(db, ST_IX_MEETING_RESOLVED, meeting, base, S_LIST1,
		    S_LIST2 - S_LIST1, F_MINUTES, 1, -1, 1);
	if (rc == 0)
		rc = put_rows(db, ST_IX_MEETING_ACTIONS, meeting, base,
		    S_LIST2, SEARCH_SLOTS - S_LIST2, F_ACTION, 0, 1, 0);
	return rc;
}

int
search_index_meeting(struct db *db, long long meeting)
{
	if (clear(db, SEARCH_MEET + (meeting << 16), SEARCH_SLOTS) < 0)
		return -1;
	return put_meeting(db, meeting);
}

/* A catalogue evidence's row, its place in the index being clear. */
static int
put_evidence(struct db *db, long long evidence)
{
	long long rowid = SEARCH_EVID + evidence;
	sqlite3_stmt *st;
	struct buf b = BUF_INIT;
	int rc = 0;

	st = db_stmt(db, ST_IX_EVIDENCE);
	sqlite3_bind_int64(st, 1, evidence);
	if (sqlite3_step(st) == SQLITE_ROW) {
		buf_adds(&b, db_col(st, 0));
		if (db_col(st, 1) != NULL) {
			buf_addc(&b, '\n');
			buf_adds(&b, db_col(st, 1));
		}
		rc = put(db, rowid, F_EVIDENCE, b.s, -1, NULL);
	}
	sqlite3_reset(st);
	buf_release(&b);
	return rc;
}

int
search_index_evidence(struct db *db, long long evidence)
{
	if (clear(db, SEARCH_EVID + evidence, 1) < 0)
		return -1;
	return put_evidence(db, evidence);
}

/* The smallest and largest of ids (n > 0). */
static void
id_range(const long long *ids, size_t n, long long *lo, long long *hi)
{
	size_t i;

	*lo = *hi = ids[0];
	for (i = 1; i < n; i++) {
		if (ids[i] < *lo)
			*lo = ids[i];
		if (ids[i] > *hi)
			*hi = ids[i];
	}
}

int
search_index_new(struct db *db, const long long *meetings, size_t nmeetings,
    const long long *evidence, size_t nevidence)
{
	long long lo, hi;
	size_t i;
	int rc = 0;

	if (nmeetings > 0) {
		id_range(meetings, nmeetings, &lo, &hi);
		rc = clear(db, SEARCH_MEET + (lo << 16),
		    (hi - lo + 1) * SEARCH_SLOTS);
	}
	for (i = 0; rc == 0 && i < nmeetings; i++)
		rc = put_meeting(db, meetings[i]);
	if (rc == 0 && nevidence > 0) {
		id_range(evidence, nevidence, &lo, &hi);
		rc = clear(db, SEARCH_EVID + lo, hi - lo + 1);
	}
	for (i = 0; rc == 0 && i < nevidence; i++)
		rc = put_evidence(db, evidence[i]);
	return rc;
}

int
search_index_action(struct db *db, long long action)
{
	sqlite3_stmt *st = db_stmt(db, ST_IX_ACTION_OWNER);
	long long meeting = 0, rec = 0;

	sqlite3_bind_int64(st, 1, action);
	if (sqlite3_step(st) == SQLITE_ROW) {
		meeting = sqlite3_column_int64(st, 0);
		rec = sqlite3_column_int64(st, 1);
	}
	sqlite3_reset(st);
	if (meeting)
		return search_index_meeting(db, meeting);
	return rec ? search_index_rec(db, rec) : 0;
}

/* Call fn for each id a query returns. */
static int
each_id(struct db *db, enum stmt_id sid, int (*fn)(struct db *, long long))
{
	sqlite3_stmt *st = db_stmt(db, sid);
	long long *ids = NULL;
	size_t n = 0, cap = 0, i;
	int rc = 0;

	/* collect first: fn uses other statements, and writes */
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (n == cap) {
			cap = cap ? cap * 2 : 256;
			ids = sqlite3_realloc64(ids, cap * sizeof *ids);
			if (ids == NULL) {
				sqlite3_reset(st);
				return error("out of memory");
			}
		}
		ids[n++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_reset(st);
	for (i = 0; i < n && rc == 0; i++)
		rc = fn(db, ids[i]);
	sqlite3_free(ids);
	return rc;
}

int
search_rebuild(struct db *db)
{
	if (db_exec_stmt(db, db_stmt(db, ST_IX_CLEAR)) < 0)
		return -1;
	if (each_id(db, ST_IX_ALL_RECS, search_index_rec) < 0 ||
	    each_id(db, ST_IX_ALL_MEETINGS, search_index_meeting) < 0 ||
	    each_id(db, ST_IX_ALL_EVIDENCE, search_index_evidence) < 0)
		return -1;
	return 0;
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
 * weighted by its column's weight, D the row's size in tokens), and
 * search_top() keeps the best and multiplies in the IDF at the end. The
 * IDF is positive, so the order of the parts is the order of the scores.
 */
struct rank_query {
	int nphrase;
	double avgdl;
};

static struct {
	long long nrow;			/* of the latest query */
	int nphrase;
	double floor;			/* the worst part kept, or -1 */
} ranked;

static void
rank_part(const Fts5ExtensionApi *api, Fts5Context *fts,
    sqlite3_context *cx, int nval, sqlite3_value **val)
{
	const double k1 = 1.2;
	const double b = 0.75;
	struct rank_query *q = api->xGetAuxdata(fts, 0);
	double f = 0.0, D;
	int ninst, i, ip, ic, io, ntok;

	if (q == NULL) {
		sqlite3_int64 nrow = 0, ntoken = 0;

		if ((q = sqlite3_malloc(sizeof *q)) == NULL) {
			sqlite3_result_error_nomem(cx);
			return;
		}
		q->nphrase = api->xPhraseCount(fts);
		if (api->xRowCount(fts, &nrow) != SQLITE_OK ||
		    api->xColumnTotalSize(fts, -1, &ntoken) != SQLITE_OK ||
		    api->xSetAuxdata(fts, q, sqlite3_free) != SQLITE_OK) {
			sqlite3_result_error(cx, "cannot rank", -1);
			return;
		}
		q->avgdl = (double)ntoken / (double)nrow;
		ranked.nrow = nrow;
		ranked.nphrase = q->nphrase;
	}
	if (q->nphrase != 1 || api->xInstCount(fts, &ninst) != SQLITE_OK) {
		sqlite3_result_null(cx);
		return;
	}
	for (i = 0; i < ninst; i++) {
		if (api->xInst(fts, i, &ip, &ic, &io) != SQLITE_OK)
			break;
		f += nval > ic ? sqlite3_value_double(val[ic]) : 1.0;
	}
	/*
	 * The part falls as the row grows (D), in floating point too: a
	 * row whose part could not beat the worst one kept even at D = 0
	 * (a tie loses: rows come in rowid order) is not looked up in the
	 * table of row sizes, which is most of what ranking costs.
	 */
	if (ranked.floor >= 0.0 &&
	    (f * (k1 + 1.0)) / (f + k1 * (1 - b + b * 0.0 / q->avgdl)) <=
	    ranked.floor) {
		sqlite3_result_double(cx, -1.0);
		return;
	}
	if (api->xColumnSize(fts, -1, &ntok) != SQLITE_OK) {
		sqlite3_result_error(cx, "cannot rank", -1);
		return;
	}
	D = (double)ntok;
	sqlite3_result_double(cx, (f * (k1 + 1.0)) /
	    (f + k1 * (1 - b + b * D / q->avgdl)));
}

int
search_register(fts5_api *api)
{
	if (api == NULL || api->iVersion < 2)
		return -1;
	return api->xCreateFunction(api, "rt_bm25_part", NULL, rank_part,
	    NULL) == SQLITE_OK ? 0 : -1;
}

/* a worse than b: a lower part, or the same and a later row */
static int
worse(double ga, long long ra, double gb, long long rb)
{
	return ga < gb || (ga == gb && ra > rb);
}

static int
cmp_hit(const void *x, const void *y)
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
	size_t n = 0, i, w = 0;
	long long nhit = 0;
	double idf;
	int rc;

	ranked.nrow = 0;
	ranked.nphrase = 0;
	ranked.floor = -1.0;
	db_bind_text(st, 1, query);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		long long rowid = sqlite3_column_int64(st, 0);
		double g;

		if (sqlite3_column_type(st, 1) == SQLITE_NULL) {
			sqlite3_reset(st);
			return -1;	/* more than one phrase */
		}
		g = sqlite3_column_double(st, 1);
		nhit++;
		if (n < limit) {
			top[n].rowid = rowid;
			top[n++].score = g;
			if (n == 1 || worse(g, rowid, top[w].score,
			    top[w].rowid))
				w = n - 1;
		} else if (g >= 0.0 && worse(top[w].score, top[w].rowid, g,
		    rowid)) {
			top[w].rowid = rowid;
			top[w].score = g;
			for (i = 0; i < n; i++)
				if (worse(top[i].score, top[i].rowid,
				    top[w].score, top[w].rowid))
					w = i;
		}
		if (n == limit)
			ranked.floor = top[w].score;
	}
	ranked.floor = -1.0;
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return -2;
	/* bm25's IDF, as fts5_aux.c computes it */
	idf = log((ranked.nrow - nhit + 0.5) / (nhit + 0.5));
	if (idf <= 0.0)
		idf = 1e-6;
	for (i = 0; i < n; i++)
		top[i].score = -1.0 * (0.0 + idf * top[i].score);
	qsort(top, n, sizeof *top, cmp_hit);
	*nmatch = nhit;
	return (long)n;
}
