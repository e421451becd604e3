/*
 * The texts of the full-text index, as the tables hold them: the rows an
 * owner (a recommendation, a meeting, a catalogue item) has in the index,
 * made by one function, search_rows(), for the index's writers (search.c)
 * and for search_text, the virtual table FTS5 reads them back from. The
 * index keeps no copy of its texts (migration 6): FTS5 asks search_text
 * for a row's texts when it makes a snippet and when it checks itself,
 * and search.c hands FTS5 the texts a row was made from when it takes
 * the row out, which it does before the first change to them.
 */
#include "search.h"

#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "db-sql.h"
#include "diag.h"
#include "recload.h"
#include "xmalloc.h"

/* Each kind of owner (enum search_kind): where its rows start, how many
 * an owner holds, the statement listing the owners in a range of ids,
 * and its name in messages. */
static const struct kind {
	long long base, span;
	enum stmt_id owners;
	const char *name;
} kinds[] = {
	{ SEARCH_REC, SEARCH_SLOTS, ST_IX_RECS_IN, "recommendation" },
	{ SEARCH_MEET, SEARCH_SLOTS, ST_IX_MEETINGS_IN, "meeting" },
	{ SEARCH_EVID, 1, ST_IX_EVIDENCE_IN, "catalogue evidence item" },
};
#define NKINDS	(sizeof kinds / sizeof kinds[0])
#define KIND_ROWS	(1LL << 40)	/* row ids a kind has */

static char beyond[256];

const char *
search_beyond(void)
{
	return beyond;
}

long long
search_base(enum search_kind k, long long id)
{
	long long max = KIND_ROWS / kinds[k].span - 1;

	if (id >= 0 && id <= max)
		return kinds[k].base + id * kinds[k].span;
	snprintf(beyond, sizeof beyond, "%s %lld is numbered beyond %lld, "
	    "the most the full-text index can hold (export the database "
	    "and import that into a new one, which numbers from 1)",
	    kinds[k].name, id, max);
	return 0;
}

int
search_too_many(enum search_kind k, long long id, long long n,
    long long max, const char *what)
{
	snprintf(beyond, sizeof beyond, "%s %lld has %lld %s, more than the "
	    "%lld the full-text index can hold (merge some of them)",
	    kinds[k].name, id, n, what, max);
	return SEARCH_BEYOND;
}

int
search_owner(long long rowid, long long *base, long long *span)
{
	size_t k;

	for (k = 0; k < NKINDS; k++) {
		if (rowid < kinds[k].base || rowid - kinds[k].base >= KIND_ROWS)
			continue;
		*span = kinds[k].span;
		*base = rowid - (rowid - kinds[k].base) % kinds[k].span;
		return 1;
	}
	return 0;
}

/* The context of search_rows(): where statements come from, where rows go. */
struct gen {
	search_stmt_fn *stmt;
	void *src;
	search_row_fn *fn;
	void *arg;
	struct buf b;
	enum search_kind kind;		/* the owner */
	long long id;
	int beyond;			/* a list is longer than its slots */
	struct search_scratch *sc;
};

/* Hand on a row unless it has no text (nothing to index). */
static int
emit(struct gen *g, long long rowid, int f, const char *text, int f2,
    const char *text2)
{
	struct search_row r;

	if ((text == NULL || *text == '\0') && (text2 == NULL || f2 < 0))
		return 0;
	r.rowid = rowid;
	r.f = f;
	r.text = text;
	r.f2 = f2;
	r.text2 = f2 >= 0 ? text2 : NULL;
	return g->fn(g->arg, &r);
}

void
search_join2(struct buf *b, const char *x, const char *y)
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

static int
step(sqlite3_stmt *st)
{
	int rc = sqlite3_step(st);

	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -2;
}

static const char *
col(sqlite3_stmt *st, int i)
{
	return (const char *)sqlite3_column_text(st, i);
}

/* The single row a statement (bound to owner) gives, if any: columns c1
 * (and c2, joined) in field f at rowid. */
static int
one(struct gen *g, enum stmt_id sid, long long owner, long long rowid,
    int f, int c1, int c2)
{
	sqlite3_stmt *st = g->stmt(g->src, sid);
	int rc;

	if (st == NULL)
		return -2;
	sqlite3_bind_int64(st, 1, owner);
	if ((rc = step(st)) == 1) {
		search_join2(&g->b, col(st, c1), c2 >= 0 ? col(st, c2) : NULL);
		rc = emit(g, rowid, f, g->b.s, -1, NULL);
	}
	sqlite3_reset(st);
	return rc;
}

/* Each row of sid (bound to owner) as one index row from slot first on,
 * columns c1 (and c2, joined) in field f, at most limit of them (what:
 * their name, for search_beyond()); the slot is column 0 when by_pos,
 * else the row's place in the list. */
static int
list(struct gen *g, enum stmt_id sid, long long owner, long long base,
    int first, int limit, int f, int c1, int c2, int by_pos,
    const char *what)
{
	sqlite3_stmt *st = g->stmt(g->src, sid);
	long long slot, k = 0, over = -1;
	int rc;

	if (st == NULL)
		return -2;
	sqlite3_bind_int64(st, 1, owner);
	while ((rc = step(st)) == 1) {
		slot = by_pos ? sqlite3_column_int64(st, 0) : k;
		k++;
		if (slot < 0 || slot >= limit) {
			if (slot > over)
				over = slot;
			continue;	/* beyond what the index holds */
		}
		search_join2(&g->b, col(st, c1), c2 >= 0 ? col(st, c2) : NULL);
		if ((rc = emit(g, base + first + slot, f, g->b.s, -1, NULL)))
			break;
	}
	sqlite3_reset(st);
	if (rc == 0 && over >= 0 && !g->beyond) {
		g->beyond = 1;
		search_too_many(g->kind, g->id, over >= k ? over + 1 : k,
		    limit, what);
	}
	return rc;
}

/* The owner's own row of sid, or NULL with *rc 0 (no such owner: no rows)
 * or -2. */
static sqlite3_stmt *
owner_row(struct gen *g, enum stmt_id sid, long long id, int *rc)
{
	sqlite3_stmt *st = g->stmt(g->src, sid);

	*rc = -2;
	if (st == NULL)
		return NULL;
	sqlite3_bind_int64(st, 1, id);
	if ((*rc = step(st)) != 1) {
		sqlite3_reset(st);
		return NULL;
	}
	return st;
}

/* --- a recommendation's rows: the one row maker --------------------------- */

/* One row of text in field f, unless it has no text (nothing to index). */
static int
rec_row(search_row_fn *fn, void *arg, long long rowid, int f,
    const char *text)
{
	struct search_row r;

	if (text == NULL || *text == '\0')
		return 0;
	r.rowid = rowid;
	r.f = f;
	r.text = text;
	r.f2 = -1;
	r.text2 = NULL;
	return fn(arg, &r);
}

/* Does a list of n fit in max slots? If not, say so (the first list
 * that does not fit is the one search_beyond() names). */
static int
fits(long long id, size_t n, long long max, const char *what, int *over)
{
	if ((long long)n <= max)
		return 1;
	if (!*over)
		search_too_many(SK_REC, id, (long long)n, max, what);
	*over = 1;
	return 0;
}

int
search_rec_rows(long long id, const struct rec_rec *r, search_row_fn *fn,
    void *arg)
{
	const struct response_rec *p = r->response;
	long long base = search_base(SK_REC, id), k;
	size_t i, nnotes = 0, nactions = p != NULL ? p->nactions : 0;
	struct buf b = BUF_INIT;
	int rc = 0, over = 0;

	if (base == 0)
		return SEARCH_BEYOND;
	for (i = 0; i < r->nupdates; i++)
		nnotes += r->updates[i].note != NULL;
	fits(id, r->findings.n, SEARCH_MAX_FINDINGS, "findings", &over);
	fits(id, r->nevidence, SEARCH_MAX_EVIDENCE, "evidence items", &over);
	fits(id, nnotes, SEARCH_MAX_NOTES, "update notes", &over);
	fits(id, nactions, SEARCH_MAX_ACTIONS, "response actions", &over);
	if (fn == NULL)
		return over ? SEARCH_BEYOND : 0;

	rc = rec_row(fn, arg, base + S_TITLE, F_TITLE, r->title);
	if (rc == 0)
		rc = rec_row(fn, arg, base + S_TEXT, F_TEXT, r->text);
	if (rc == 0 && p != NULL)
		rc = rec_row(fn, arg, base + S_RESPONSE, F_RESPONSE, p->text);
	for (i = 0; rc == 0 && i < r->findings.n &&
	    (long long)i < SEARCH_MAX_FINDINGS; i++)
		rc = rec_row(fn, arg, base + S_LIST1 + (long long)i, F_FINDING,
		    r->findings.v[i]);
	/* inline evidence in its place among the catalogue items cited */
	for (i = 0; rc == 0 && i < r->nevidence &&
	    (long long)i < SEARCH_MAX_EVIDENCE; i++) {
		if (r->evidence[i].ref != NULL)
			continue;
		search_join2(&b, r->evidence[i].title, r->evidence[i].text);
		rc = rec_row(fn, arg, base + S_LIST2 + (long long)i,
		    F_EVIDENCE, b.s);
	}
	/* a place for each update with a note, in order */
	for (i = 0, k = 0; rc == 0 && i < r->nupdates &&
	    k < SEARCH_MAX_NOTES; i++) {
		if (r->updates[i].note == NULL)
			continue;
		rc = rec_row(fn, arg, base + S_NOTES + k++, F_NOTE,
		    r->updates[i].note);
	}
	for (i = 0; rc == 0 && i < nactions &&
	    (long long)i < SEARCH_MAX_ACTIONS; i++) {
		search_join2(&b, p->actions[i].text, p->actions[i].note);
		rc = rec_row(fn, arg, base + S_ACTIONS + (long long)i,
		    F_ACTION, b.s);
	}
	buf_release(&b);
	return rc == 0 && over ? SEARCH_BEYOND : rc;
}

/* What rec_rows() reuses from one recommendation to the next. */
struct search_scratch {
	struct rec_loaded h;
	struct update_rec *ups;		/* its updates, in stored order */
	size_t cap_ups;
};

struct search_scratch *
search_scratch_new(void)
{
	return xcalloc(1, sizeof(struct search_scratch));
}

void
search_scratch_free(struct search_scratch *sc)
{
	if (sc == NULL)
		return;
	rec_loaded_free(&sc->h);
	free(sc->ups);
	free(sc);
}

static int
cmp_stored(const void *x, const void *y)
{
	const struct update_rec *a = x, *b = y;

	return (a->num > b->num) - (a->num < b->num);
}

/*
 * A recommendation's rows from the tables: loaded by recload.c, then made
 * by search_rec_rows(). Its notes take their places in the order the
 * updates were stored (update_rec.num), which is the order an import
 * hands search_put_rec() and the order the index was made in, rather
 * than the loader's order of updates by date.
 */
static int
rec_rows(struct gen *g, long long rec)
{
	struct search_scratch *sc = g->sc;
	struct rec_rec r;
	int rc;

	rc = rec_load_from(g->stmt, g->src, rec, REC_LOAD_FINDINGS |
	    REC_LOAD_EVIDENCE | REC_LOAD_RESPONSE | REC_LOAD_UPDATES, &sc->h);
	if (rc <= 0)
		return rc < 0 ? -2 : 0;
	r = sc->h.rec;
	sc->ups = xgrow(sc->ups, &sc->cap_ups, r.nupdates + 1,
	    sizeof *sc->ups);
	if (r.nupdates > 0) {
		memcpy(sc->ups, r.updates, r.nupdates * sizeof *sc->ups);
		qsort(sc->ups, r.nupdates, sizeof *sc->ups, cmp_stored);
	}
	r.updates = sc->ups;
	rc = search_rec_rows(rec, &r, g->fn, g->arg);
	if (rc == SEARCH_BEYOND) {
		g->beyond = 1;
		rc = 0;
	}
	return rc;
}

static int
meeting_rows(struct gen *g, long long meeting, long long base)
{
	sqlite3_stmt *st;
	int rc;

	if ((st = owner_row(g, ST_IX_MEETING, meeting, &rc)) == NULL)
		return rc;
	/* one row: the title, and the minutes in their own field */
	rc = emit(g, base + S_TITLE, F_TITLE, col(st, 0), F_MINUTES,
	    col(st, 1));
	sqlite3_reset(st);
	if (rc == 0)
		rc = list(g, ST_IX_MEETING_RESOLVED, meeting, base, S_LIST1,
		    SEARCH_MAX_FINDINGS, F_MINUTES, 1, -1, 1, "resolved items");
	if (rc == 0)
		rc = list(g, ST_IX_MEETING_ACTIONS, meeting, base, S_LIST2,
		    SEARCH_MAX_MEETING_ACTIONS, F_ACTION, 0, 1, 0, "actions");
	return rc;
}

int
search_rows(long long base, search_stmt_fn *stmt, void *src,
    search_row_fn *fn, void *arg)
{
	struct search_scratch *sc = search_scratch_new();
	int rc = search_rows_with(sc, base, stmt, src, fn, arg);

	search_scratch_free(sc);
	return rc;
}

int
search_rows_with(struct search_scratch *sc, long long base,
    search_stmt_fn *stmt, void *src, search_row_fn *fn, void *arg)
{
	struct gen g = { stmt, src, fn, arg, BUF_INIT, SK_REC, 0, 0, sc };
	long long b, span;
	int rc = 0;

	if (!search_owner(base, &b, &span) || b != base)
		return 0;
	if (base >= SEARCH_EVID) {
		rc = one(&g, ST_IX_EVIDENCE, base - SEARCH_EVID, base,
		    F_EVIDENCE, 0, 1);
	} else if (base >= SEARCH_MEET) {
		g.kind = SK_MEETING;
		g.id = (base - SEARCH_MEET) >> 16;
		rc = meeting_rows(&g, g.id, base);
	} else {
		g.id = (base - SEARCH_REC) >> 16;
		rc = rec_rows(&g, g.id);
	}
	buf_release(&g.b);
	return rc == 0 && g.beyond ? SEARCH_BEYOND : rc;
}

sqlite3_stmt *
search_db_stmt(void *db, enum stmt_id id)
{
	return db_stmt(db, id);
}

int
search_owners(struct db *db, search_owner_fn *fn, void *arg)
{
	static const enum stmt_id all[] = { ST_IX_ALL_RECS, ST_IX_ALL_MEETINGS,
	    ST_IX_ALL_EVIDENCE };
	sqlite3_stmt *st;
	long long base;
	size_t k;
	int rc = 0, s = SQLITE_DONE, over = 0;

	for (k = 0; rc == 0 && k < NKINDS; k++) {
		/* a statement of its own: fn runs the cached ones */
		if (sqlite3_prepare_v2(db_handle(db), db_sql[all[k]], -1, &st,
		    NULL) != SQLITE_OK)
			return -2;
		while (rc == 0 && (s = sqlite3_step(st)) == SQLITE_ROW) {
			base = search_base(k, sqlite3_column_int64(st, 0));
			rc = base == 0 ? SEARCH_BEYOND : fn(db, base, arg);
			if (rc == SEARCH_BEYOND) {
				over = 1;
				rc = 0;
			}
		}
		if (rc == 0 && s != SQLITE_DONE)
			rc = -2;
		sqlite3_finalize(st);
	}
	return rc == 0 && over ? SEARCH_BEYOND : rc;
}

/* --- search_text: the texts, for FTS5 ------------------------------------ */

struct text_vtab {
	sqlite3_vtab base;
	sqlite3 *conn;
	/* the statements search_rows() runs, prepared when first used; they
	 * run to their end within one call, so cursors share them */
	sqlite3_stmt *st[ST_COUNT];
	struct search_scratch *sc;
};

/* A row of the current owner: its texts are offsets into the cursor's
 * text, or NONE. */
#define NONE	SIZE_MAX
struct text_row {
	long long rowid;
	int f, f2;
	size_t off, off2;
};

struct text_cursor {
	sqlite3_vtab_cursor base;
	long long lo, hi;		/* the row ids asked for */
	size_t kind;			/* kinds[kind] is being listed */
	sqlite3_stmt *owners;		/* its owners in range, or NULL */
	int started;			/* the kind's listing has begun */
	struct text_row *rows;		/* the current owner's rows in range */
	size_t n, cap, at;
	struct buf text;
};

static sqlite3_stmt *
vtab_stmt(void *src, enum stmt_id id)
{
	struct text_vtab *vt = src;

	if (vt->st[id] == NULL &&
	    sqlite3_prepare_v3(vt->conn, db_sql[id], -1,
	    SQLITE_PREPARE_PERSISTENT, &vt->st[id], NULL) != SQLITE_OK)
		return NULL;
	sqlite3_reset(vt->st[id]);
	sqlite3_clear_bindings(vt->st[id]);
	return vt->st[id];
}

static int
text_connect(sqlite3 *conn, void *aux, int argc, const char *const *argv,
    sqlite3_vtab **out, char **err)
{
	struct text_vtab *vt;
	int rc;

	(void)aux;
	(void)argc;
	(void)argv;
	(void)err;
	/* the columns are the index's, in its order (enum search_field) */
	rc = sqlite3_declare_vtab(conn, "CREATE TABLE x(title, text, finding,"
	    " evidence, response, note, action, minutes)");
	if (rc != SQLITE_OK)
		return rc;
	if ((vt = sqlite3_malloc(sizeof *vt)) == NULL)
		return SQLITE_NOMEM;
	memset(vt, 0, sizeof *vt);
	vt->conn = conn;
	vt->sc = search_scratch_new();
	sqlite3_vtab_config(conn, SQLITE_VTAB_INNOCUOUS);
	*out = &vt->base;
	return SQLITE_OK;
}

static int
text_disconnect(sqlite3_vtab *v)
{
	struct text_vtab *vt = (struct text_vtab *)v;
	int i;

	for (i = 0; i < ST_COUNT; i++)
		sqlite3_finalize(vt->st[i]);
	search_scratch_free(vt->sc);
	sqlite3_free(vt);
	return SQLITE_OK;
}

/* idxNum: which bounds on the row id xFilter gets, in this order */
enum { B_EQ = 1, B_GE = 2, B_GT = 4, B_LE = 8, B_LT = 16 };

static int
text_best_index(sqlite3_vtab *v, sqlite3_index_info *ix)
{
	int i, eq = -1, lower = -1, upper = -1, n = 1, num = 0;

	(void)v;
	for (i = 0; i < ix->nConstraint; i++) {
		const struct sqlite3_index_constraint *c = &ix->aConstraint[i];

		if (!c->usable || c->iColumn != -1)
			continue;
		switch (c->op) {
		case SQLITE_INDEX_CONSTRAINT_EQ:
			eq = i;
			break;
		case SQLITE_INDEX_CONSTRAINT_GE:
		case SQLITE_INDEX_CONSTRAINT_GT:
			lower = i;
			break;
		case SQLITE_INDEX_CONSTRAINT_LE:
		case SQLITE_INDEX_CONSTRAINT_LT:
			upper = i;
			break;
		}
	}
	/* SQLite checks every constraint again (omit stays 0): the bounds
	 * need only take in every row that meets them */
	if (eq >= 0) {
		ix->aConstraintUsage[eq].argvIndex = n++;
		num = B_EQ;
		ix->estimatedCost = 10;
		ix->estimatedRows = 1;
		ix->idxFlags = SQLITE_INDEX_SCAN_UNIQUE;
	} else {
		if (lower >= 0) {
			ix->aConstraintUsage[lower].argvIndex = n++;
			num |= ix->aConstraint[lower].op ==
			    SQLITE_INDEX_CONSTRAINT_GT ? B_GT : B_GE;
		}
		if (upper >= 0) {
			ix->aConstraintUsage[upper].argvIndex = n++;
			num |= ix->aConstraint[upper].op ==
			    SQLITE_INDEX_CONSTRAINT_LT ? B_LT : B_LE;
		}
		ix->estimatedCost = lower >= 0 && upper >= 0 ? 1e4 :
		    lower >= 0 || upper >= 0 ? 1e7 : 1e9;
	}
	ix->idxNum = num;
	/* rows come in row id order */
	if (ix->nOrderBy == 1 && ix->aOrderBy[0].iColumn == -1 &&
	    !ix->aOrderBy[0].desc)
		ix->orderByConsumed = 1;
	return SQLITE_OK;
}

static int
text_open(sqlite3_vtab *v, sqlite3_vtab_cursor **out)
{
	struct text_cursor *c;

	(void)v;
	if ((c = sqlite3_malloc(sizeof *c)) == NULL)
		return SQLITE_NOMEM;
	memset(c, 0, sizeof *c);
	c->text = (struct buf)BUF_INIT;
	*out = &c->base;
	return SQLITE_OK;
}

static void
owners_done(struct text_cursor *c)
{
	sqlite3_finalize(c->owners);
	c->owners = NULL;
}

static int
text_close(sqlite3_vtab_cursor *cur)
{
	struct text_cursor *c = (struct text_cursor *)cur;

	owners_done(c);
	sqlite3_free(c->rows);
	buf_release(&c->text);
	sqlite3_free(c);
	return SQLITE_OK;
}

/* Keep a row of the current owner, if it is in range. */
static int
keep_row(void *arg, const struct search_row *r)
{
	struct text_cursor *c = arg;
	struct text_row *t;

	if (r->rowid < c->lo || r->rowid > c->hi)
		return 0;
	if (c->n == c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 16;
		void *p = sqlite3_realloc64(c->rows, cap * sizeof *c->rows);

		if (p == NULL)
			return SQLITE_NOMEM;
		c->rows = p;
		c->cap = cap;
	}
	t = &c->rows[c->n++];
	t->rowid = r->rowid;
	t->f = r->f;
	t->f2 = r->f2;
	t->off = t->off2 = NONE;
	if (r->text != NULL) {
		t->off = c->text.len;
		buf_add(&c->text, r->text, strlen(r->text) + 1);
	}
	if (r->text2 != NULL) {
		t->off2 = c->text.len;
		buf_add(&c->text, r->text2, strlen(r->text2) + 1);
	}
	return 0;
}

/* The next owner with rows in range, until every kind is done. */
static int
advance(struct text_cursor *c, struct text_vtab *vt)
{
	const struct kind *k;
	long long id, lo, hi, id_lo, id_hi;
	int rc;

	c->at++;
	while (c->at >= c->n && c->kind < NKINDS) {
		k = &kinds[c->kind];
		c->n = c->at = 0;
		buf_reset(&c->text);
		if (!c->started) {
			/* the kind's owners whose rows meet [lo, hi] */
			c->started = 1;
			lo = c->lo > k->base ? c->lo : k->base;
			hi = c->hi < k->base + KIND_ROWS - 1 ? c->hi :
			    k->base + KIND_ROWS - 1;
			if (lo > hi) {
				c->kind++;
				c->started = 0;
				continue;
			}
			id_lo = (lo - k->base) / k->span;
			id_hi = (hi - k->base) / k->span;
			if (id_lo == id_hi) {
				/* one owner (a row looked up): no listing */
				rc = search_rows_with(vt->sc,
				    k->base + id_lo * k->span, vtab_stmt, vt,
				    keep_row, c);
				c->kind++;
				c->started = 0;
				if (rc != 0 && rc != SEARCH_BEYOND)
					return rc == -2 ? SQLITE_ERROR : rc;
				continue;
			}
			if (sqlite3_prepare_v2(vt->conn, db_sql[k->owners], -1,
			    &c->owners, NULL) != SQLITE_OK)
				return SQLITE_ERROR;
			sqlite3_bind_int64(c->owners, 1, id_lo);
			sqlite3_bind_int64(c->owners, 2, id_hi);
		}
		rc = sqlite3_step(c->owners);
		if (rc == SQLITE_ROW) {
			id = sqlite3_column_int64(c->owners, 0);
			rc = search_rows_with(vt->sc, k->base + id * k->span,
			    vtab_stmt, vt, keep_row, c);
			if (rc != 0 && rc != SEARCH_BEYOND)
				return rc == -2 ? SQLITE_ERROR : rc;
			continue;
		}
		owners_done(c);
		if (rc != SQLITE_DONE)
			return SQLITE_ERROR;
		c->kind++;
		c->started = 0;
	}
	return SQLITE_OK;
}

/* A lower bound (GE, or GT when gt) on integer row ids taking in every
 * row id that meets it; 0 when none can. */
static int
lower_bound(sqlite3_value *v, int gt, long long *lo)
{
	double d;

	switch (sqlite3_value_numeric_type(v)) {
	case SQLITE_INTEGER:
		*lo = sqlite3_value_int64(v);
		if (gt && *lo == LLONG_MAX)
			return 0;
		*lo += gt;
		return 1;
	case SQLITE_FLOAT:
		d = sqlite3_value_double(v);
		if (isnan(d) || d >= 9.2e18)
			return 0;
		*lo = d <= -9.2e18 ? LLONG_MIN : (long long)floor(d);
		return 1;
	default:
		return 0;	/* NULL meets nothing; text is above any number */
	}
}

static int
upper_bound(sqlite3_value *v, int lt, long long *hi)
{
	double d;

	switch (sqlite3_value_numeric_type(v)) {
	case SQLITE_INTEGER:
		*hi = sqlite3_value_int64(v);
		if (lt && *hi == LLONG_MIN)
			return 0;
		*hi -= lt;
		return 1;
	case SQLITE_FLOAT:
		d = sqlite3_value_double(v);
		if (isnan(d) || d <= -9.2e18)
			return 0;
		*hi = d >= 9.2e18 ? LLONG_MAX : (long long)ceil(d);
		return 1;
	case SQLITE_NULL:
		return 0;
	default:
		*hi = LLONG_MAX;	/* text, blobs: above every number */
		return 1;
	}
}

static int
text_filter(sqlite3_vtab_cursor *cur, int num, const char *s, int argc,
    sqlite3_value **argv)
{
	struct text_cursor *c = (struct text_cursor *)cur;
	int i = 0, ok = 1;

	(void)s;
	(void)argc;
	owners_done(c);
	c->lo = LLONG_MIN;
	c->hi = LLONG_MAX;
	if (num & B_EQ) {
		ok = lower_bound(argv[i], 0, &c->lo) &&
		    upper_bound(argv[i], 0, &c->hi) && c->lo == c->hi;
		i++;
	}
	if (ok && (num & (B_GE | B_GT)))
		ok = lower_bound(argv[i++], !!(num & B_GT), &c->lo);
	if (ok && (num & (B_LE | B_LT)))
		ok = upper_bound(argv[i++], !!(num & B_LT), &c->hi);
	c->kind = ok && c->lo <= c->hi ? 0 : NKINDS;
	c->started = 0;
	c->n = 0;
	c->at = (size_t)-1;	/* advance() moves to the first row */
	return advance(c, (struct text_vtab *)cur->pVtab);
}

static int
text_next(sqlite3_vtab_cursor *cur)
{
	return advance((struct text_cursor *)cur,
	    (struct text_vtab *)cur->pVtab);
}

static int
text_eof(sqlite3_vtab_cursor *cur)
{
	struct text_cursor *c = (struct text_cursor *)cur;

	return c->at >= c->n;
}

static int
text_column(sqlite3_vtab_cursor *cur, sqlite3_context *cx, int i)
{
	struct text_cursor *c = (struct text_cursor *)cur;
	const struct text_row *r = &c->rows[c->at];
	size_t off = i == r->f ? r->off : i == r->f2 ? r->off2 : NONE;

	if (off == NONE)
		sqlite3_result_null(cx);
	else
		sqlite3_result_text(cx, c->text.s + off, -1, SQLITE_TRANSIENT);
	return SQLITE_OK;
}

static int
text_rowid(sqlite3_vtab_cursor *cur, sqlite3_int64 *rowid)
{
	struct text_cursor *c = (struct text_cursor *)cur;

	*rowid = c->rows[c->at].rowid;
	return SQLITE_OK;
}

static const sqlite3_module text_module = {
	.iVersion = 0,
	.xCreate = NULL,	/* eponymous only: there is one, search_text */
	.xConnect = text_connect,
	.xBestIndex = text_best_index,
	.xDisconnect = text_disconnect,
	.xDestroy = text_disconnect,
	.xOpen = text_open,
	.xClose = text_close,
	.xFilter = text_filter,
	.xNext = text_next,
	.xEof = text_eof,
	.xColumn = text_column,
	.xRowid = text_rowid,
};

int
search_text_register(sqlite3 *conn)
{
	return sqlite3_create_module(conn, "search_text", &text_module, NULL) ==
	    SQLITE_OK ? 0 : -1;
}

/* --- the index against the texts ------------------------------------------ */

/* The columns' names, as FTS5 gives them (search_inst's col). */
static const char *const column_name[F_NFIELDS] = {
	"title", "text", "finding", "evidence", "response", "note", "action",
	"minutes",
};

/* An order-free sum of (term, row, column, position): the index's and the
 * texts' are equal when they hold the same words in the same places. */
static uint64_t
instance_hash(const char *term, int n, long long rowid, int col, int pos)
{
	uint64_t h = 14695981039346656037u;	/* FNV-1a over the term */
	int i;

	for (i = 0; i < n; i++) {
		h ^= (unsigned char)term[i];
		h *= 1099511628211u;
	}
	h ^= (uint64_t)rowid * 0x9e3779b97f4a7c15u;
	h ^= ((uint64_t)col << 32 | (uint32_t)pos) * 0xbf58476d1ce4e5b9u;
	h ^= h >> 31;	/* splitmix64's finish */
	h *= 0x94d049bb133111ebu;
	return h ^ (h >> 29);
}

struct check {
	fts5_tokenizer tok;
	Fts5Tokenizer *t;
	uint64_t sum;			/* over the texts' words */
	long long n;
	long long rowid;		/* the row being tokenized */
	int col, size[F_NFIELDS];
	sqlite3_stmt *sizes;		/* FTS5's sizes of rows, in order */
	int more;			/* sizes is on a row */
	long long bad;			/* rows whose sizes are wrong or missing */
	struct search_scratch *sc;
};

/* As FTS5 counts a word when it indexes one (fts5_storage.c). */
static int
check_token(void *arg, int flags, const char *tok, int n, int start, int end)
{
	struct check *k = arg;

	(void)start;
	(void)end;
	if ((flags & FTS5_TOKEN_COLOCATED) == 0 || k->size[k->col] == 0)
		k->size[k->col]++;
	if (n > 32768)		/* FTS5_MAX_TOKEN_SIZE */
		n = 32768;
	k->sum += instance_hash(tok, n, k->rowid, k->col,
	    k->size[k->col] - 1);
	k->n++;
	return SQLITE_OK;
}

/* One SQLite varint (FTS5 keeps a row's sizes so); 0 past the end. */
static int
varint(const unsigned char **p, const unsigned char *end, uint64_t *v)
{
	int i;

	*v = 0;
	for (i = 0; i < 9 && *p < end; i++) {
		unsigned char c = *(*p)++;

		if (i == 8) {
			*v = *v << 8 | c;
			return 1;
		}
		*v = *v << 7 | (c & 0x7f);
		if (!(c & 0x80))
			return 1;
	}
	return 0;
}

/* Do FTS5's recorded sizes of rowid match the words counted? Rows FTS5
 * has sizes for that the tables have no texts for go by first. */
static void
check_sizes(struct check *k, long long rowid)
{
	const unsigned char *p, *end;
	uint64_t v;
	int i, same = 1;

	while (k->more && sqlite3_column_int64(k->sizes, 0) < rowid) {
		k->bad++;
		k->more = sqlite3_step(k->sizes) == SQLITE_ROW;
	}
	if (!k->more || sqlite3_column_int64(k->sizes, 0) > rowid) {
		k->bad++;	/* a row of texts the index does not hold */
		return;
	}
	p = sqlite3_column_blob(k->sizes, 1);
	end = p + sqlite3_column_bytes(k->sizes, 1);
	for (i = 0; i < F_NFIELDS; i++)
		if (!varint(&p, end, &v) || v != (uint64_t)k->size[i])
			same = 0;
	k->bad += !same;
	k->more = sqlite3_step(k->sizes) == SQLITE_ROW;
}

static int
check_row(void *arg, const struct search_row *r)
{
	struct check *k = arg;
	int rc = SQLITE_OK;

	k->rowid = r->rowid;
	memset(k->size, 0, sizeof k->size);
	k->col = r->f;
	if (r->text != NULL)
		rc = k->tok.xTokenize(k->t, k, FTS5_TOKENIZE_DOCUMENT, r->text,
		    (int)strlen(r->text), check_token);
	k->col = r->f2;
	if (rc == SQLITE_OK && r->f2 >= 0 && r->text2 != NULL)
		rc = k->tok.xTokenize(k->t, k, FTS5_TOKENIZE_DOCUMENT, r->text2,
		    (int)strlen(r->text2), check_token);
	if (rc != SQLITE_OK)
		return -2;
	check_sizes(k, r->rowid);
	return 0;
}


/* The rows of one owner. */
static int
check_owner(struct db *db, long long base, void *k)
{
	struct check *c = k;

	return search_rows_with(c->sc, base, search_db_stmt, db, check_row,
	    k);
}

/* The index's words, from FTS5's table of them. */
static int
check_index(struct db *db, uint64_t *sum, long long *n)
{
	sqlite3_stmt *st = db_stmt(db, ST_IX_INSTANCES);
	const char *term, *col;
	int c, rc;

	*sum = 0;
	*n = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		term = (const char *)sqlite3_column_text(st, 0);
		col = (const char *)sqlite3_column_text(st, 2);
		for (c = 0; c < F_NFIELDS && col != NULL &&
		    strcmp(col, column_name[c]) != 0; c++)
			;
		*sum += instance_hash(term ? term : "",
		    sqlite3_column_bytes(st, 0), sqlite3_column_int64(st, 1), c,
		    sqlite3_column_int(st, 3));
		(*n)++;
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : -2;
}

int
search_check(struct db *db, long long *bad)
{
	static const char *args[] = { "unicode61", "remove_diacritics",
	    "2" };	/* the index's tokenize = (db-sql.c) */
	struct check k;
	fts5_api *api = db_fts5(db);
	void *ud = NULL;
	uint64_t sum;
	long long n;
	int rc;

	memset(&k, 0, sizeof k);
	*bad = 0;
	if (api == NULL || api->xFindTokenizer(api, "porter", &ud, &k.tok) !=
	    SQLITE_OK || k.tok.xCreate(ud, args, 3, &k.t) != SQLITE_OK)
		return error("verify: cannot load the index's tokenizer");
	k.sizes = db_stmt(db, ST_IX_SIZES);
	k.more = sqlite3_step(k.sizes) == SQLITE_ROW;
	k.sc = search_scratch_new();
	/* every row the texts call for, in row id order */
	rc = search_owners(db, check_owner, &k);
	if (rc == SEARCH_BEYOND) {
		error("verify: %s", search_beyond());
		k.bad++;
		rc = 0;
	}
	while (rc == 0 && k.more) {
		k.bad++;	/* sizes of rows that have no texts */
		k.more = sqlite3_step(k.sizes) == SQLITE_ROW;
	}
	sqlite3_reset(k.sizes);
	search_scratch_free(k.sc);
	k.tok.xDelete(k.t);
	if (rc == 0)
		rc = check_index(db, &sum, &n);
	if (rc != 0)
		return db_error(db, "verify: cannot read the full-text index");
	*bad = k.bad + (sum != k.sum || n != k.n);
	return 0;
}
