#include "store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "date.h"
#include "diag.h"
#include "schema.h"
#include "search.h"
#include "xmalloc.h"

const char *const store_kind_name[K_COUNT] = {
	[K_COMMITTEE] = "committees",
	[K_REVIEW] = "reviews",
	[K_MEETING] = "meetings",
	[K_ACTION] = "actions",
	[K_EVIDENCE] = "evidence",
	[K_REC] = "recommendations",
	[K_RESPONSE] = "responses",
	[K_UPDATE] = "updates",
};

/* A stated value differs from the stored one. Not stated never differs. */
static int
differs(sqlite3_stmt *row, int col, const char *value)
{
	const char *old = db_col(row, col);

	if (value == NULL)
		return 0;
	return old == NULL || strcmp(old, value) != 0;
}

/* The stored value differs from the value, NULL included. */
static int
differs_exact(sqlite3_stmt *row, int col, const char *value)
{
	const char *old = db_col(row, col);

	if (old == NULL || value == NULL)
		return old != value;
	return strcmp(old, value) != 0;
}

/* Step a SELECT; 1 row, 0 none, -1 error. */
static int
fetch(struct db *db, sqlite3_stmt *st)
{
	int rc = sqlite3_step(st);

	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	return db_error(db, "read failed");
}

static void
bind_all(sqlite3_stmt *st, int from, const char *const *v, int n)
{
	int i;

	for (i = 0; i < n; i++)
		db_bind_text(st, from + i, v[i]);
}

/* Run an INSERT/UPDATE whose first parameter is an id, then texts. */
static int
write_row(struct db *db, enum stmt_id sid, long long id,
    const char *const *v, int n)
{
	sqlite3_stmt *st = db_stmt(db, sid);

	sqlite3_bind_int64(st, 1, id);
	bind_all(st, 2, v, n);
	return db_exec_stmt(db, st);
}

/*
 * Replace an ordered list of texts (findings, members, resolved) when the
 * stated one differs from what is held. Returns 1 when it changed.
 */
static int
sync_list(struct db *db, long long owner, const char *kind,
    const struct strlist *l, enum stmt_id get, enum stmt_id del,
    enum stmt_id ins)
{
	sqlite3_stmt *st;
	size_t i = 0;
	int same = 1, rc;

	if (!l->stated)
		return 0;
	st = db_stmt(db, get);
	sqlite3_bind_int64(st, 1, owner);
	if (kind != NULL)
		sqlite3_bind_text(st, 2, kind, -1, SQLITE_STATIC);
	while ((rc = fetch(db, st)) == 1) {
		if (i >= l->n || strcmp(stored_text(st, 0), l->v[i]) != 0)
			same = 0;
		i++;
	}
	if (rc < 0)
		return -1;
	if (same && i == l->n)
		return 0;
	st = db_stmt(db, del);
	sqlite3_bind_int64(st, 1, owner);
	if (kind != NULL)
		sqlite3_bind_text(st, 2, kind, -1, SQLITE_STATIC);
	if (db_exec_stmt(db, st) < 0)
		return -1;
	for (i = 0; i < l->n; i++) {
		int p = 1;

		st = db_stmt(db, ins);
		sqlite3_bind_int64(st, p++, owner);
		if (kind != NULL)
			sqlite3_bind_text(st, p++, kind, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, p++, (long long)i);
		sqlite3_bind_text(st, p, l->v[i], -1, SQLITE_STATIC);
		if (db_exec_stmt(db, st) < 0)
			return -1;
	}
	return 1;
}

int
store_committee(struct db *db, const struct committee_rec *c,
    struct store_stats *stats, long long *id)
{
	const char *v[] = { c->name, c->authority, c->contact };
	sqlite3_stmt *st = db_stmt(db, ST_COMMITTEE_GET);
	int rc;

	db_bind_text(st, 1, c->cid);
	if ((rc = fetch(db, st)) < 0)
		return -1;
	if (rc == 0) {
		st = db_stmt(db, ST_COMMITTEE_INSERT);
		db_bind_text(st, 1, c->cid);
		bind_all(st, 2, v, 3);
		if (db_exec_stmt(db, st) < 0)
			return -1;
		*id = sqlite3_last_insert_rowid(db_handle(db));
		stats->n[K_COMMITTEE][C_ADDED]++;
		return 0;
	}
	*id = sqlite3_column_int64(st, 0);
	if (differs(st, 1, c->name) || differs(st, 2, c->authority) ||
	    differs(st, 3, c->contact)) {
		sqlite3_reset(st);
		if (write_row(db, ST_COMMITTEE_UPDATE, *id, v, 3) < 0)
			return -1;
		stats->n[K_COMMITTEE][C_CHANGED]++;
	} else {
		stats->n[K_COMMITTEE][C_UNCHANGED]++;
	}
	return 0;
}

static int
store_action(struct db *db, long long meeting_id, long long rec_id,
    const struct action_rec *a, struct store_stats *stats)
{
	const char *v[] = { a->text, a->owner, a->due, a->status, a->note };
	sqlite3_stmt *st;
	long long id;
	int rc, mark;

	st = db_stmt(db, meeting_id ? ST_ACTION_GET_MEETING :
	    ST_ACTION_GET_RESPONSE);
	sqlite3_bind_int64(st, 1, meeting_id ? meeting_id : rec_id);
	db_bind_text(st, 2, a->aid);
	if ((rc = fetch(db, st)) < 0)
		return -1;
	if (rc == 0) {
		st = db_stmt(db, ST_ACTION_INSERT);
		if (meeting_id)
			sqlite3_bind_int64(st, 1, meeting_id);
		else
			sqlite3_bind_int64(st, 2, rec_id);
		db_bind_text(st, 3, a->aid);
		bind_all(st, 4, v, 5);
		db_bind_text(st, 9, a->cli ? "cli" : NULL);
		if (db_exec_stmt(db, st) < 0)
			return -1;
		stats->n[K_ACTION][C_ADDED]++;
		return 0;
	}
	id = sqlite3_column_int64(st, 0);
	mark = a->cli && strcmp(stored_text(st, 6), "cli") != 0;
	if (strcmp(stored_text(st, 6), "cli") == 0 &&
	    (differs(st, 4, a->status) || differs(st, 5, a->note))) {
		/* 'rectrack action' recorded a later word on it */
		warning("action %lld (%s): keeping the status and note recorded "
		    "with 'rectrack action'; the file's differ (update the file "
		    "to match)", id, a->aid);
		v[3] = v[4] = NULL;
	}
	if (differs(st, 1, a->text) || differs(st, 2, a->owner) ||
	    differs(st, 3, a->due) || differs(st, 4, v[3]) ||
	    differs(st, 5, v[4]) || mark) {
		sqlite3_reset(st);
		if (write_row(db, ST_ACTION_UPDATE, id, v, 5) < 0 || (mark &&
		    write_row(db, ST_ACTION_MARK_CLI, id, NULL, 0) < 0))
			return -1;
		stats->n[K_ACTION][C_CHANGED]++;
	} else {
		stats->n[K_ACTION][C_UNCHANGED]++;
	}
	return 0;
}

/*
 * A catalogue item (rec_id 0, matched by eid) or an inline one (matched by
 * its position pos in its recommendation's list). Sets *id.
 */
static int
store_evidence(struct db *db, long long review_id, long long rec_id,
    size_t pos, const struct evidence_rec *e, struct store_stats *stats,
    long long *id)
{
	const char *v[] = { e->kind, e->title, e->date, e->text, e->url,
	    e->eid };
	sqlite3_stmt *st;
	int rc;

	if (rec_id == 0) {
		st = db_stmt(db, ST_EVIDENCE_CAT_GET);
		sqlite3_bind_int64(st, 1, review_id);
		db_bind_text(st, 2, e->eid);
	} else {
		st = db_stmt(db, ST_EVIDENCE_INLINE_GET);
		sqlite3_bind_int64(st, 1, rec_id);
		sqlite3_bind_int64(st, 2, (long long)pos);
	}
	if ((rc = fetch(db, st)) < 0)
		return -1;
	if (rc == 0) {
		st = db_stmt(db, ST_EVIDENCE_INSERT);
		sqlite3_bind_int64(st, 1, review_id);
		db_bind_text(st, 2, e->eid);
		if (rec_id != 0) {
			sqlite3_bind_int64(st, 3, rec_id);
			sqlite3_bind_int64(st, 4, (long long)pos);
		}
		bind_all(st, 5, v, 5);
		if (db_exec_stmt(db, st) < 0)
			return -1;
		*id = sqlite3_last_insert_rowid(db_handle(db));
		stats->n[K_EVIDENCE][C_ADDED]++;
		return 0;
	}
	*id = sqlite3_column_int64(st, 0);
	/* a catalogue item has index rows of its own (an inline one's are
	 * its recommendation's) */
	if (rec_id == 0)
		search_changing_evidence(db, *id);
	if (rec_id != 0 ? differs_exact(st, 1, e->kind) ||
	    differs_exact(st, 2, e->title) || differs_exact(st, 3, e->date) ||
	    differs_exact(st, 4, e->text) || differs_exact(st, 5, e->url) ||
	    differs_exact(st, 6, e->eid) :
	    differs(st, 1, e->kind) || differs(st, 2, e->title) ||
	    differs(st, 3, e->date) || differs(st, 4, e->text) ||
	    differs(st, 5, e->url)) {
		sqlite3_reset(st);
		if (write_row(db, rec_id != 0 ? ST_EVIDENCE_INLINE_UPDATE :
		    ST_EVIDENCE_UPDATE, *id, v, rec_id != 0 ? 6 : 5) < 0)
			return -1;
		stats->n[K_EVIDENCE][C_CHANGED]++;
	} else {
		stats->n[K_EVIDENCE][C_UNCHANGED]++;
	}
	return 0;
}

/* A recommendation's evidence list: returns 1 when its links changed. */
static int
store_rec_evidence(struct db *db, long long review_id, long long rec_id,
    const struct rec_rec *r, struct store_stats *stats)
{
	long long *ids;
	sqlite3_stmt *st;
	size_t i, n = 0;
	int same = 1, rc, ret = -1;

	if (!r->evidence_stated)
		return 0;
	ids = xcalloc(r->nevidence, sizeof *ids);
	for (i = 0; i < r->nevidence; i++) {
		const struct evidence_rec *e = &r->evidence[i];

		if (e->ref != NULL) {
			st = db_stmt(db, ST_EVIDENCE_CAT_GET);
			sqlite3_bind_int64(st, 1, review_id);
			db_bind_text(st, 2, e->ref);
			if ((rc = fetch(db, st)) <= 0) {
				/* the importer checked that it exists */
				if (rc == 0)
					db_error(db, "evidence vanished");
				goto out;
			}
			ids[i] = sqlite3_column_int64(st, 0);
		} else if (store_evidence(db, review_id, rec_id, i, e, stats,
		    &ids[i]) < 0) {
			goto out;
		}
	}
	st = db_stmt(db, ST_REC_EVIDENCE);
	sqlite3_bind_int64(st, 1, rec_id);
	while ((rc = fetch(db, st)) == 1) {
		if (n >= r->nevidence || sqlite3_column_int64(st, 0) != ids[n])
			same = 0;
		n++;
	}
	if (rc < 0)
		goto out;
	if (same && n == r->nevidence) {
		ret = 0;
		goto out;
	}
	st = db_stmt(db, ST_REC_EVIDENCE_DELETE);
	sqlite3_bind_int64(st, 1, rec_id);
	if (db_exec_stmt(db, st) < 0)
		goto out;
	for (i = 0; i < r->nevidence; i++) {
		st = db_stmt(db, ST_REC_EVIDENCE_INSERT);
		sqlite3_bind_int64(st, 1, rec_id);
		sqlite3_bind_int64(st, 2, (long long)i);
		sqlite3_bind_int64(st, 3, ids[i]);
		if (db_exec_stmt(db, st) < 0)
			goto out;
	}
	st = db_stmt(db, ST_EVIDENCE_INLINE_ORPHANS);
	sqlite3_bind_int64(st, 1, rec_id);
	if (db_exec_stmt(db, st) < 0)
		goto out;
	ret = 1;
out:
	free(ids);
	return ret;
}

/* How many of the records before v[i] are the same as it: v[i] is that
 * copy of its kind, counting from 0. */
static size_t
copies_before(const void *v, size_t size, size_t i,
    int (*same)(const void *, const void *))
{
	const char *base = v;
	size_t j, k = 0;

	for (j = 0; j < i; j++)
		k += same(base + j * size, base + i * size);
	return k;
}


static int
update_same(const void *a, const void *b)
{
	return record_update_same(a, b);
}

static int
replaced_same(const void *a, const void *b)
{
	return record_replaced_same(a, b);
}

/*
 * A multiset union, as for updates: the i-th replaced response of the
 * file is added unless the database holds more copies of it than come
 * before it in the file. fresh: the database holds none yet.
 */
static int
store_replaced(struct db *db, long long rec_id, const struct response_rec *p,
    int fresh, struct store_stats *stats)
{
	size_t i;
	int rc;

	for (i = 0; i < p->nreplaced; i++) {
		const struct replaced_rec *x = &p->replaced[i];
		const char *v[] = { x->date, x->by, x->decision, x->text,
		    x->replaced_on, x->replaced_by };
		sqlite3_stmt *st;

		if (!fresh) {
			st = db_stmt(db, ST_RESPONSE_HISTORY_COUNT);
			sqlite3_bind_int64(st, 1, rec_id);
			bind_all(st, 2, v, 6);
			if ((rc = fetch(db, st)) < 0)
				return -1;
			if ((size_t)sqlite3_column_int64(st, 0) >
			    copies_before(p->replaced, sizeof *x, i,
			    replaced_same)) {
				sqlite3_reset(st);
				stats->n[K_RESPONSE][C_UNCHANGED]++;
				continue;
			}
			sqlite3_reset(st);
		}
		if (write_row(db, ST_RESPONSE_HISTORY_INSERT, rec_id, v, 6) < 0)
			return -1;
		stats->n[K_RESPONSE][C_ADDED]++;
	}
	return 0;
}

static int
store_response(struct db *db, long long rec_id, const char *rid,
    const char *ref, const struct response_rec *s, struct store_stats *stats)
{
	const char *v[] = { s->date, s->by, s->decision, s->text,
	    s->cli ? "cli" : NULL };
	sqlite3_stmt *st = db_stmt(db, ST_RESPONSE_GET);
	size_t i;
	int rc, mark = 0;

	sqlite3_bind_int64(st, 1, rec_id);
	if ((rc = fetch(db, st)) < 0)
		return -1;
	if (rc == 1)
		mark = s->cli && strcmp(stored_text(st, 4), "cli") != 0;
	if (rc == 0) {
		if (write_row(db, ST_RESPONSE_INSERT, rec_id, v, 5) < 0)
			return -1;
		stats->n[K_RESPONSE][C_ADDED]++;
	} else if ((differs(st, 0, s->date) || differs(st, 1, s->by) ||
	    differs(st, 2, s->decision) || differs(st, 3, s->text)) &&
	    strcmp(stored_text(st, 4), "cli") == 0) {
		/* what 'rectrack respond' recorded is never undone by a file
		 * written before it */
		warning("%s/%s: keeping the response recorded with 'rectrack "
		    "respond'; the file's differs (update the file to match)",
		    rid, ref);
		stats->n[K_RESPONSE][C_UNCHANGED]++;
	} else if (differs(st, 0, s->date) || differs(st, 1, s->by) ||
	    differs(st, 2, s->decision) || differs(st, 3, s->text) || mark) {
		sqlite3_reset(st);
		if (write_row(db, ST_RESPONSE_UPDATE, rec_id, v, 4) < 0 ||
		    (mark && write_row(db, ST_RESPONSE_MARK_CLI, rec_id, NULL,
		    0) < 0))
			return -1;
		stats->n[K_RESPONSE][C_CHANGED]++;
	} else {
		stats->n[K_RESPONSE][C_UNCHANGED]++;
	}
	sqlite3_reset(st);
	if (store_replaced(db, rec_id, s, 0, stats) < 0)
		return -1;
	for (i = 0; i < s->nactions; i++)
		if (store_action(db, 0, rec_id, &s->actions[i], stats) < 0)
			return -1;
	return 0;
}

static int
insert_update(struct db *db, enum stmt_id sid, long long rec_id,
    const struct update_rec *u)
{
	const char *v[] = { u->date, u->status, u->due, u->by, u->note };
	sqlite3_stmt *st = db_stmt(db, sid);

	sqlite3_bind_int64(st, 1, rec_id);
	bind_all(st, 2, v, 5);
	sqlite3_bind_int(st, 7, u->forced);
	db_bind_text(st, 8, u->recorded);
	return db_exec_stmt(db, st);
}

/*
 * Updates are a multiset union: the file's i-th update, the k-th copy of
 * its kind in the file (counting from 0), is added only when the database
 * holds k copies or fewer, so that two identical notes stay two, and
 * importing the same file again adds nothing.
 */
static int
store_update(struct db *db, long long rec_id, const struct rec_rec *r,
    size_t i, struct store_stats *stats)
{
	const struct update_rec *u = &r->updates[i];
	const char *v[] = { u->date, u->status, u->due, u->by, u->note };
	sqlite3_stmt *st = db_stmt(db, ST_UPDATE_COUNT);
	long long held;

	sqlite3_bind_int64(st, 1, rec_id);
	bind_all(st, 2, v, 5);
	sqlite3_bind_int(st, 7, u->forced);
	db_bind_text(st, 8, u->recorded);
	if (fetch(db, st) < 0)
		return -1;
	held = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if ((size_t)held > copies_before(r->updates, sizeof *u, i,
	    update_same)) {
		stats->n[K_UPDATE][C_UNCHANGED]++;
		return 0;
	}
	if (insert_update(db, ST_UPDATE_INSERT, rec_id, u) < 0)
		return -1;
	stats->n[K_UPDATE][C_ADDED]++;
	return 0;
}

/*
 * The clock as YYYY-MM-DDTHH:MM:SSZ: RECTRACK_NOW when set (tests, CI),
 * else the system's. 0, or -1 after reporting a malformed RECTRACK_NOW.
 */
static int
clock_stamp(char out[21])
{
	const char *env = getenv("RECTRACK_NOW");
	time_t t;
	struct tm tm;

	if (env != NULL && *env != '\0') {
		if (stamp_valid(env)) {
			memcpy(out, env, 21);
			return 0;
		}
		return error("RECTRACK_NOW '%s' is not a time: write it as "
		    "YYYY-MM-DDTHH:MM:SSZ, in UTC (2026-11-22T10:00:00Z)", env);
	}
	t = time(NULL);
	gmtime_r(&t, &tm);
	strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
	return 0;
}

int
store_update_cli(struct db *db, long long rec_id, const struct update_rec *u)
{
	struct update_rec stamped = *u;
	char now[21];

	if (clock_stamp(now) < 0)
		return -1;
	stamped.recorded = now;
	return insert_update(db, ST_UPDATE_CLI, rec_id, &stamped);
}

/* A review's catalogue, as stored: evidence id -> row id. */
struct catalogue {
	const struct evidence_rec *items;
	const long long *rows;
	size_t n;
};

static int store_rec_new(struct db *db, long long review_id, long long id,
    const struct rec_rec *r, const struct catalogue *cat,
    struct store_stats *stats);

static int
store_rec(struct db *db, long long review_id, const char *rid,
    const struct rec_rec *r, const struct catalogue *cat, int review_new,
    struct store_stats *stats)
{
	const char *v[] = { r->title, r->addressee, r->text, r->owner, r->due };
	sqlite3_stmt *st = db_stmt(db, ST_REC_GET);
	enum store_change change = C_UNCHANGED;
	long long id;
	size_t i;
	int rc;

	/* in a review just created, every recommendation is new */
	rc = 0;
	if (!review_new) {
		sqlite3_bind_int64(st, 1, review_id);
		db_bind_text(st, 2, r->ref);
		if ((rc = fetch(db, st)) < 0)
			return -1;
	}
	if (rc == 0) {
		st = db_stmt(db, ST_REC_INSERT);
		sqlite3_bind_int64(st, 1, review_id);
		db_bind_text(st, 2, r->ref);
		bind_all(st, 3, v, 5);
		sqlite3_bind_int(st, 8, (int)r->cli_fields);
		if (db_exec_stmt(db, st) < 0)
			return -1;
		id = sqlite3_last_insert_rowid(db_handle(db));
		return store_rec_new(db, review_id, id, r, cat, stats);
	} else {
		int cli = sqlite3_column_int(st, 6);
		static const char *const names[] = { "owner", "addressee",
		    "due" };
		const int col[] = { 4, 2, 5 }, slot[] = { 3, 1, 4 };
		size_t k;

		id = sqlite3_column_int64(st, 0);
		/* its index rows go out before the first change, if any */
		search_changing_rec(db, id);
		for (k = 0; k < 3; k++) {
			/* what 'rectrack set' recorded wins over a file */
			if (!(cli & (1 << k)) || !differs(st, col[k],
			    v[slot[k]]))
				continue;
			warning("%s/%s: keeping the %s recorded with 'rectrack "
			    "set'; the file's differs (update the file to "
			    "match)", rid, r->ref, names[k]);
			v[slot[k]] = NULL;
		}
		if (differs(st, 1, v[0]) || differs(st, 2, v[1]) ||
		    differs(st, 3, v[2]) || differs(st, 4, v[3]) ||
		    differs(st, 5, v[4])) {
			sqlite3_reset(st);
			if (write_row(db, ST_REC_UPDATE, id, v, 5) < 0)
				return -1;
			change = C_CHANGED;
		}
		sqlite3_reset(st);
		/* the file carries marks of 'rectrack set' this lacks */
		if (r->cli_fields & ~(unsigned)cli) {
			st = db_stmt(db, ST_REC_MARK_CLI);
			sqlite3_bind_int64(st, 1, id);
			sqlite3_bind_int(st, 2, (int)r->cli_fields);
			if (db_exec_stmt(db, st) < 0)
				return -1;
			change = C_CHANGED;
		}
	}
	rc = sync_list(db, id, NULL, &r->findings, ST_FINDINGS,
	    ST_FINDINGS_DELETE, ST_FINDING_INSERT);
	if (rc < 0)
		return -1;
	if (rc > 0 && change == C_UNCHANGED)
		change = C_CHANGED;
	rc = store_rec_evidence(db, review_id, id, r, stats);
	if (rc < 0)
		return -1;
	if (rc > 0 && change == C_UNCHANGED)
		change = C_CHANGED;
	stats->n[K_REC][change]++;
	if (r->response != NULL &&
	    store_response(db, id, rid, r->ref, r->response, stats) < 0)
		return -1;
	for (i = 0; i < r->nupdates; i++)
		if (store_update(db, id, r, i, stats) < 0)
			return -1;
	return search_index_rec(db, id);
}

/*
 * The parts of a recommendation just inserted. Nothing of it is stored
 * yet, so each part is inserted without looking first, and its index rows
 * made from the record: what a first import into an empty database, the
 * common case at scale, spends its time on.
 */
static int
store_rec_new(struct db *db, long long review_id, long long id,
    const struct rec_rec *r, const struct catalogue *cat,
    struct store_stats *stats)
{
	sqlite3_stmt *st;
	long long eid;
	size_t i;

	for (i = 0; i < r->findings.n; i++) {
		st = db_stmt(db, ST_FINDING_INSERT);
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_int64(st, 2, (long long)i);
		db_bind_text(st, 3, r->findings.v[i]);
		if (db_exec_stmt(db, st) < 0)
			return -1;
	}
	for (i = 0; i < r->nevidence; i++) {
		const struct evidence_rec *e = &r->evidence[i];
		const char *v[] = { e->kind, e->title, e->date, e->text,
		    e->url };

		if (e->ref != NULL) {
			size_t c;

			/* the review's catalogue in this file, else the db */
			for (c = 0; c < cat->n; c++)
				if (strcmp(cat->items[c].eid, e->ref) == 0)
					break;
			if (c < cat->n) {
				eid = cat->rows[c];
			} else {
				st = db_stmt(db, ST_EVIDENCE_CAT_GET);
				sqlite3_bind_int64(st, 1, review_id);
				db_bind_text(st, 2, e->ref);
				if (fetch(db, st) != 1)
					return db_error(db, "evidence vanished");
				eid = sqlite3_column_int64(st, 0);
				sqlite3_reset(st);
			}
		} else {
			st = db_stmt(db, ST_EVIDENCE_INSERT);
			sqlite3_bind_int64(st, 1, review_id);
			db_bind_text(st, 2, e->eid);
			sqlite3_bind_int64(st, 3, id);
			sqlite3_bind_int64(st, 4, (long long)i);
			bind_all(st, 5, v, 5);
			if (db_exec_stmt(db, st) < 0)
				return -1;
			eid = sqlite3_last_insert_rowid(db_handle(db));
			stats->n[K_EVIDENCE][C_ADDED]++;
		}
		st = db_stmt(db, ST_REC_EVIDENCE_INSERT);
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_int64(st, 2, (long long)i);
		sqlite3_bind_int64(st, 3, eid);
		if (db_exec_stmt(db, st) < 0)
			return -1;
	}
	stats->n[K_REC][C_ADDED]++;
	if (r->response != NULL) {
		const struct response_rec *p = r->response;
		const char *v[] = { p->date, p->by, p->decision, p->text,
		    p->cli ? "cli" : NULL };

		if (write_row(db, ST_RESPONSE_INSERT, id, v, 5) < 0 ||
		    store_replaced(db, id, p, 1, stats) < 0)
			return -1;
		stats->n[K_RESPONSE][C_ADDED]++;
		for (i = 0; i < p->nactions; i++) {
			const struct action_rec *a = &p->actions[i];
			const char *av[] = { a->text, a->owner, a->due,
			    a->status, a->note };

			st = db_stmt(db, ST_ACTION_INSERT);
			sqlite3_bind_int64(st, 2, id);
			db_bind_text(st, 3, a->aid);
			bind_all(st, 4, av, 5);
			db_bind_text(st, 9, a->cli ? "cli" : NULL);
			if (db_exec_stmt(db, st) < 0)
				return -1;
			stats->n[K_ACTION][C_ADDED]++;
		}
	}
	/* a multiset union with nothing held: every update of the file */
	for (i = 0; i < r->nupdates; i++) {
		if (insert_update(db, ST_UPDATE_INSERT, id, &r->updates[i]) < 0)
			return -1;
		stats->n[K_UPDATE][C_ADDED]++;
	}
	return search_put_rec(db, id, r);
}

int
store_review(struct db *db, long long committee_id,
    const struct review_rec *r, struct store_stats *stats)
{
	const char *v[] = { r->title, r->year, r->stage, r->published,
	    r->submitted, r->source, r->summary };
	sqlite3_stmt *st = db_stmt(db, ST_REVIEW_GET);
	enum store_change change = C_UNCHANGED;
	struct catalogue cat;
	long long id, *rows;
	size_t i;
	int rc, rc2;

	db_bind_text(st, 1, r->rid);
	if ((rc = fetch(db, st)) < 0)
		return -1;
	if (rc == 0) {
		st = db_stmt(db, ST_REVIEW_INSERT);
		db_bind_text(st, 1, r->rid);
		sqlite3_bind_int64(st, 2, committee_id);
		bind_all(st, 3, v, 7);
		if (db_exec_stmt(db, st) < 0)
			return -1;
		id = sqlite3_last_insert_rowid(db_handle(db));
		change = C_ADDED;
	} else {
		/* the importer refused a move to another committee */
		id = sqlite3_column_int64(st, 0);
		if (differs(st, 3, r->title) || differs(st, 4, r->year) ||
		    differs(st, 5, r->stage) || differs(st, 6, r->published) ||
		    differs(st, 7, r->submitted) || differs(st, 8, r->source) ||
		    differs(st, 9, r->summary)) {
			sqlite3_reset(st);
			if (write_row(db, ST_REVIEW_UPDATE, id, v, 7) < 0)
				return -1;
			change = C_CHANGED;
		}
	}
	rc = sync_list(db, id, "member", &r->members, ST_REVIEW_ITEMS,
	    ST_REVIEW_ITEMS_DELETE, ST_REVIEW_ITEM_INSERT);
	rc2 = sync_list(db, id, "commendation", &r->commendations,
	    ST_REVIEW_ITEMS, ST_REVIEW_ITEMS_DELETE, ST_REVIEW_ITEM_INSERT);
	if (rc < 0 || rc2 < 0)
		return -1;
	if ((rc > 0 || rc2 > 0) && change == C_UNCHANGED)
		change = C_CHANGED;
	stats->n[K_REVIEW][change]++;
	rows = xcalloc(r->ncatalogue ? r->ncatalogue : 1, sizeof *rows);
	for (i = 0; i < r->ncatalogue; i++) {
		size_t before_added = stats->n[K_EVIDENCE][C_ADDED];

		if (store_evidence(db, id, 0, 0, &r->catalogue[i], stats,
		    &rows[i]) < 0)
			goto fail;
		if (stats->n[K_EVIDENCE][C_ADDED] > before_added) {
			stats->later_evidence = xgrow(stats->later_evidence,
			    &stats->cap_evidence, stats->nlater_evidence + 1,
			    sizeof *stats->later_evidence);
			stats->later_evidence[stats->nlater_evidence++] =
			    rows[i];
		} else if (search_index_evidence(db, rows[i]) < 0) {
			goto fail;
		}
	}
	cat.items = r->catalogue;
	cat.rows = rows;
	cat.n = r->ncatalogue;
	for (i = 0; i < r->nrecs; i++)
		if (store_rec(db, id, r->rid, &r->recs[i], &cat,
		    change == C_ADDED, stats) < 0)
			goto fail;
	free(rows);
	/* index rows go in in large batches (search.c) */
	return search_flush(db, 0);
fail:
	free(rows);
	return -1;
}

int
store_meeting(struct db *db, long long committee_id,
    const struct meeting_rec *m, struct store_stats *stats)
{
	const char *v[] = { m->date, m->title, m->review, m->minutes };
	sqlite3_stmt *st = db_stmt(db, ST_MEETING_GET);
	enum store_change change = C_UNCHANGED;
	size_t i;
	long long id;
	int rc;

	sqlite3_bind_int64(st, 1, committee_id);
	db_bind_text(st, 2, m->mid);
	if ((rc = fetch(db, st)) < 0)
		return -1;
	if (rc == 0) {
		st = db_stmt(db, ST_MEETING_INSERT);
		sqlite3_bind_int64(st, 1, committee_id);
		db_bind_text(st, 2, m->mid);
		bind_all(st, 3, v, 4);
		if (db_exec_stmt(db, st) < 0)
			return -1;
		id = sqlite3_last_insert_rowid(db_handle(db));
		change = C_ADDED;
	} else {
		id = sqlite3_column_int64(st, 0);
		search_changing_meeting(db, id);
		if (differs(st, 1, m->date) || differs(st, 2, m->title) ||
		    differs(st, 3, m->review) || differs(st, 4, m->minutes)) {
			sqlite3_reset(st);
			if (write_row(db, ST_MEETING_UPDATE, id, v, 4) < 0)
				return -1;
			change = C_CHANGED;
		}
	}
	rc = sync_list(db, id, NULL, &m->resolved, ST_MEETING_RESOLVED,
	    ST_MEETING_RESOLVED_DELETE, ST_MEETING_RESOLVED_INSERT);
	if (rc < 0)
		return -1;
	if (rc > 0 && change == C_UNCHANGED)
		change = C_CHANGED;
	stats->n[K_MEETING][change]++;
	for (i = 0; i < m->nactions; i++)
		if (store_action(db, id, 0, &m->actions[i], stats) < 0)
			return -1;
	if (change == C_ADDED) {
		stats->later_meetings = xgrow(stats->later_meetings,
		    &stats->cap_meetings, stats->nlater_meetings + 1,
		    sizeof *stats->later_meetings);
		stats->later_meetings[stats->nlater_meetings++] = id;
		return 0;
	}
	return search_index_meeting(db, id);
}

int
store_finish(struct db *db, struct store_stats *st)
{
	int rc = search_flush(db, 1);

	if (rc == 0)
		rc = search_index_new(db, st->later_meetings,
		    st->nlater_meetings, st->later_evidence,
		    st->nlater_evidence);
	store_stats_free(st);
	return rc;
}

void
store_stats_free(struct store_stats *st)
{
	free(st->later_evidence);
	free(st->later_meetings);
	st->later_evidence = st->later_meetings = NULL;
	st->nlater_evidence = st->nlater_meetings = 0;
	st->cap_evidence = st->cap_meetings = 0;
}
