#include "store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "date.h"
#include "recload.h"
#include "diag.h"
#include "schema.h"
#include "derived.h"
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

/* A stated value differs from the held one. Not stated never differs. */
static int
differs(const char *stated, const char *held)
{
	return stated != NULL && !record_text_same(stated, held);
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

/* Replace the ordered list of texts of owner (findings, members,
 * resolved) with l. */
static int
write_list(struct db *db, long long owner, const char *kind,
    const struct strlist *l, enum stmt_id del, enum stmt_id ins)
{
	sqlite3_stmt *st = db_stmt(db, del);
	size_t i;
	int p;

	sqlite3_bind_int64(st, 1, owner);
	if (kind != NULL)
		sqlite3_bind_text(st, 2, kind, -1, SQLITE_STATIC);
	if (db_exec_stmt(db, st) < 0)
		return -1;
	for (i = 0; i < l->n; i++) {
		st = db_stmt(db, ins);
		p = 1;
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

/*
 * Replace an ordered list of texts (members, resolved) when the stated
 * one differs from what is held. Returns 1 when it changed.
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
		if (i >= l->n || !record_text_same(db_col(st, 0), l->v[i]))
			same = 0;
		i++;
	}
	if (rc < 0)
		return -1;
	if (same && i == l->n)
		return 0;
	return write_list(db, owner, kind, l, del, ins);
}

int
store_committee(struct db *db, const struct committee_rec *c,
    struct store_stats *stats, long long *id)
{
	const char *v[] = { c->name, c->authority, c->contact,
	    c->response_within };
	sqlite3_stmt *st = db_stmt(db, ST_COMMITTEE_GET);
	struct committee_rec held;
	int rc;

	db_bind_text(st, 1, c->cid);
	if ((rc = fetch(db, st)) < 0)
		return -1;
	if (rc == 0) {
		st = db_stmt(db, ST_COMMITTEE_INSERT);
		db_bind_text(st, 1, c->cid);
		bind_all(st, 2, v, 4);
		if (db_exec_stmt(db, st) < 0)
			return -1;
		*id = sqlite3_last_insert_rowid(db_handle(db));
		stats->n[K_COMMITTEE][C_ADDED]++;
		return 0;
	}
	*id = sqlite3_column_int64(st, 0);
	held.name = db_col(st, 1);
	held.authority = db_col(st, 2);
	held.contact = db_col(st, 3);
	held.response_within = db_col(st, 4);
	if (differs(c->name, held.name) || differs(c->authority,
	    held.authority) || differs(c->contact, held.contact) ||
	    differs(c->response_within, held.response_within)) {
		sqlite3_reset(st);
		if (write_row(db, ST_COMMITTEE_UPDATE, *id, v, 4) < 0)
			return -1;
		/* its response clock counts for every recommendation */
		derived_changed(db, RV_COMMITTEE, *id);
		stats->n[K_COMMITTEE][C_CHANGED]++;
	} else {
		stats->n[K_COMMITTEE][C_UNCHANGED]++;
	}
	return 0;
}

/*
 * An action of a meeting or of a response, against the one held with its
 * id (held NULL: none is).
 */
static int
store_action(struct db *db, long long meeting_id, long long rec_id,
    const struct action_rec *a, const struct action_rec *held,
    struct store_stats *stats)
{
	const char *v[] = { a->text, a->owner, a->due, a->status, a->note,
	    a->status_date };
	sqlite3_stmt *st;
	int mark;

	if (held == NULL) {
		st = db_stmt(db, ST_ACTION_INSERT);
		if (meeting_id)
			sqlite3_bind_int64(st, 1, meeting_id);
		else
			sqlite3_bind_int64(st, 2, rec_id);
		db_bind_text(st, 3, a->aid);
		bind_all(st, 4, v, 5);
		db_bind_text(st, 9, a->cli ? "cli" : NULL);
		db_bind_text(st, 10, a->status_date);
		if (db_exec_stmt(db, st) < 0)
			return -1;
		stats->n[K_ACTION][C_ADDED]++;
		return 0;
	}
	mark = a->cli && !held->cli;
	if (held->cli && (differs(a->status, held->status) ||
	    differs(a->note, held->note) ||
	    differs(a->status_date, held->status_date))) {
		/* 'rectrack action' recorded a later word on it */
		warning("action %lld (%s): keeping the status and note recorded "
		    "with 'rectrack action'; the file's differ (update the file "
		    "to match)", held->num, a->aid);
		v[3] = v[4] = v[5] = NULL;
	}
	if (differs(a->text, held->text) || differs(a->owner, held->owner) ||
	    differs(a->due, held->due) || differs(v[3], held->status) ||
	    differs(v[4], held->note) || differs(v[5], held->status_date) ||
	    mark) {
		if (write_row(db, ST_ACTION_UPDATE, held->num, v, 6) < 0 ||
		    (mark && write_row(db, ST_ACTION_MARK_CLI, held->num, NULL,
		    0) < 0))
			return -1;
		stats->n[K_ACTION][C_CHANGED]++;
	} else {
		stats->n[K_ACTION][C_UNCHANGED]++;
	}
	return 0;
}

static int
store_meeting_action(struct db *db, long long meeting_id,
    const struct action_rec *a, struct store_stats *stats)
{
	sqlite3_stmt *st = db_stmt(db, ST_ACTION_GET_MEETING);
	struct action_rec held;
	int rc;

	sqlite3_bind_int64(st, 1, meeting_id);
	db_bind_text(st, 2, a->aid);
	if ((rc = fetch(db, st)) < 0)
		return -1;
	if (rc == 0)
		return store_action(db, meeting_id, 0, a, NULL, stats);
	rec_action_row(st, &held);
	rc = store_action(db, meeting_id, 0, a, &held, stats);
	sqlite3_reset(st);
	return rc;
}

/* The action of the held response with a's id, or NULL. */
static const struct action_rec *
held_action(const struct response_rec *held, const struct action_rec *a)
{
	size_t i;

	for (i = 0; held != NULL && i < held->nactions; i++)
		if (record_text_same(held->actions[i].aid, a->aid))
			return &held->actions[i];
	return NULL;
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
	struct evidence_rec held;
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
	memset(&held, 0, sizeof held);
	held.kind = db_col(st, 1);
	held.title = db_col(st, 2);
	held.date = db_col(st, 3);
	held.text = db_col(st, 4);
	held.url = db_col(st, 5);
	/* an inline item is replaced, a catalogue item merged */
	if (rec_id != 0 ? (held.eid = db_col(st, 6), !record_evidence_same(e,
	    &held)) : differs(e->kind, held.kind) || differs(e->title,
	    held.title) || differs(e->date, held.date) || differs(e->text,
	    held.text) || differs(e->url, held.url)) {
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

/*
 * Multiset unions (updates, replaced responses): the file's i-th record,
 * the k-th copy of its kind in the file (counting from 0), is added only
 * when the database held k copies or fewer, so that two identical notes
 * stay two, and importing the same file again adds nothing.
 */
static int
held_more(const void *file, const void *held, size_t nheld, size_t size,
    size_t i, int (*same)(const void *, const void *))
{
	const char *f = file, *h = held, *x = f + i * size;
	size_t j, copies = 0, before = 0;

	for (j = 0; j < nheld; j++)
		copies += same(h + j * size, x);
	for (j = 0; j < i; j++)
		before += same(f + j * size, x);
	return copies > before;
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

/* The response's replaced responses, added to those held (held NULL:
 * none) as a multiset union. */
static int
store_replaced(struct db *db, long long rec_id, const struct response_rec *p,
    const struct response_rec *held, struct store_stats *stats)
{
	size_t i;

	for (i = 0; i < p->nreplaced; i++) {
		const struct replaced_rec *x = &p->replaced[i];
		const char *v[] = { x->date, x->by, x->decision, x->text,
		    x->replaced_on, x->replaced_by };
		sqlite3_stmt *st;

		if (held != NULL && held_more(p->replaced, held->replaced,
		    held->nreplaced, sizeof *x, i, replaced_same)) {
			stats->n[K_RESPONSE][C_UNCHANGED]++;
			continue;
		}
		st = db_stmt(db, ST_RESPONSE_HISTORY_INSERT);
		sqlite3_bind_int64(st, 1, rec_id);
		bind_all(st, 2, v, 6);
		sqlite3_bind_int(st, 8, x->interim);
		if (db_exec_stmt(db, st) < 0)
			return -1;
		stats->n[K_RESPONSE][C_ADDED]++;
	}
	return 0;
}

/* The response against the one held (NULL: none). */
static int
store_response(struct db *db, long long rec_id, const char *rid,
    const char *ref, const struct response_rec *s,
    const struct response_rec *held, struct store_stats *stats)
{
	const char *v[] = { s->date, s->by, s->decision, s->text,
	    s->cli ? "cli" : NULL };
	size_t i;
	int changed, mark;

	changed = held != NULL && (differs(s->date, held->date) ||
	    differs(s->by, held->by) || differs(s->decision, held->decision) ||
	    differs(s->text, held->text));
	mark = held != NULL && s->cli && !held->cli;
	if (held == NULL) {
		if (write_row(db, ST_RESPONSE_INSERT, rec_id, v, 5) < 0)
			return -1;
		stats->n[K_RESPONSE][C_ADDED]++;
	} else if (changed && held->cli) {
		/* what 'rectrack respond' recorded is never undone by a file
		 * written before it */
		warning("%s/%s: keeping the response recorded with 'rectrack "
		    "respond'; the file's differs (update the file to match)",
		    rid, ref);
		stats->n[K_RESPONSE][C_UNCHANGED]++;
	} else if (changed || mark) {
		if (write_row(db, ST_RESPONSE_UPDATE, rec_id, v, 4) < 0 ||
		    (mark && write_row(db, ST_RESPONSE_MARK_CLI, rec_id, NULL,
		    0) < 0))
			return -1;
		stats->n[K_RESPONSE][C_CHANGED]++;
	} else {
		stats->n[K_RESPONSE][C_UNCHANGED]++;
	}
	if (store_replaced(db, rec_id, s, held, stats) < 0)
		return -1;
	for (i = 0; i < s->nactions; i++)
		if (store_action(db, 0, rec_id, &s->actions[i],
		    held_action(held, &s->actions[i]), stats) < 0)
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
	db_bind_text(st, 9, u->rag);
	sqlite3_bind_int(st, 10, u->signed_off);
	if (u->retracts_num != 0)
		sqlite3_bind_int64(st, 11, u->retracts_num);
	return db_exec_stmt(db, st);
}

/*
 * A file's update, inserted: a retraction names an update stored before
 * it, the first (in the one order of updates) of the recommendation that
 * counts, the same as its key in every field; none is an error at its
 * 'retracts' (reported, and the import fails; 1). 0, or -1 on a database
 * error.
 */
static int
insert_file_update(struct db *db, long long rec_id,
    const struct update_rec *u, struct store_stats *stats)
{
	const struct update_key *k = &u->retracts;
	struct update_rec w = *u;
	sqlite3_stmt *st;
	int rc;

	if (k->given != 0) {
		st = db_stmt(db, ST_UPDATE_RETRACTABLE);
		sqlite3_bind_int64(st, 1, rec_id);
		db_bind_text(st, 2, k->date);
		db_bind_text(st, 3, k->recorded);
		db_bind_text(st, 4, k->status);
		db_bind_text(st, 5, k->due);
		db_bind_text(st, 6, k->note);
		db_bind_text(st, 7, k->by);
		db_bind_text(st, 8, k->rag);
		sqlite3_bind_int(st, 9, k->signed_off);
		sqlite3_bind_int(st, 10, k->forced);
		if ((rc = fetch(db, st)) < 0)
			return -1;
		w.retracts_num = rc ? sqlite3_column_int64(st, 0) : 0;
		sqlite3_reset(st);
		if (rc == 0) {
			diag_at(stats->file, u->retracts_line, u->retracts_col,
			    "'retracts' names no update that can be withdrawn: "
			    "this recommendation holds none dated %s the same in "
			    "every field that is not a retraction or withdrawn "
			    "already (copy every key of the withdrawn update: "
			    "date, status, due, by, note, recorded, rag, "
			    "signed_off, forced, whichever it has, as 'rectrack "
			    "show --format yaml' lists it)",
			    k->date);
			return 1;
		}
	}
	if (insert_update(db, ST_UPDATE_INSERT, rec_id, &w) < 0)
		return -1;
	stats->n[K_UPDATE][C_ADDED]++;
	return 0;
}

/*
 * The file's updates, retractions last (each names an update stored
 * before it, of the file or held), held NULL when none is: each added
 * to those held as a multiset union.
 */
static int
store_updates(struct db *db, long long rec_id, const struct rec_rec *r,
    const struct rec_rec *held, struct store_stats *stats)
{
	size_t i;
	int pass;

	for (pass = 0; pass < 2; pass++) {
		for (i = 0; i < r->nupdates; i++) {
			if ((r->updates[i].retracts.given != 0) != pass)
				continue;
			if (held != NULL && held_more(r->updates,
			    held->updates, held->nupdates, sizeof *r->updates,
			    i, update_same)) {
				stats->n[K_UPDATE][C_UNCHANGED]++;
				continue;
			}
			if (insert_file_update(db, rec_id, &r->updates[i],
			    stats) < 0)
				return -1;
		}
	}
	return 0;
}

/*
 * The updates of r in the order store_updates() stored them, for the
 * index rows of a new recommendation; NULL when that is r's own order
 * (it holds no retraction). The caller frees it.
 */
static struct update_rec *
stored_order(const struct rec_rec *r)
{
	struct update_rec *v;
	size_t i, n = 0;
	int pass;

	for (i = 0; i < r->nupdates; i++)
		if (r->updates[i].retracts.given != 0)
			break;
	if (i == r->nupdates)
		return NULL;
	v = xcalloc(r->nupdates, sizeof *v);
	for (pass = 0; pass < 2; pass++)
		for (i = 0; i < r->nupdates; i++)
			if ((r->updates[i].retracts.given != 0) == pass)
				v[n++] = r->updates[i];
	return v;
}

/*
 * (store.h)
 */
int
store_clock_stamp(char out[21])
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

	if (store_clock_stamp(now) < 0)
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

/*
 * A recommendation of the file against the one held: loaded whole
 * (recload.h) and compared field by field, each part merged as format.md's
 * import rules say.
 */
static int
store_rec(struct db *db, long long review_id, const char *rid,
    const struct rec_rec *r, const struct catalogue *cat, int review_new,
    struct store_stats *stats)
{
#define FIELD(f, label)	ROW_##f,
	enum { REC_ROW_TEXTS(FIELD) NROW };
#undef FIELD
#define FILE_VALUE(f, label)	r->f,
	const char *v[] = { REC_ROW_TEXTS(FILE_VALUE) };
#undef FILE_VALUE
	static const char *const names[] = { "owner", "addressee", "due" };
	/* the texts of CLI_OWNER, CLI_ADDRESSEE, CLI_DUE */
	const int slot[] = { ROW_owner, ROW_addressee, ROW_due };
	sqlite3_stmt *st = db_stmt(db, ST_REC_GET);
	enum store_change change = C_UNCHANGED;
	const struct rec_rec *held;
	const char *hv[NROW];
	long long id;
	size_t k;
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
		sqlite3_bind_int(st, 3, (int)r->cli_fields);
		bind_all(st, 4, v, NROW);
		if (db_exec_stmt(db, st) < 0)
			return -1;
		id = sqlite3_last_insert_rowid(db_handle(db));
		if (!review_new)
			derived_changed(db, RV_REC, id);
		if (store_rec_new(db, review_id, id, r, cat, stats) < 0)
			return -1;
		/* a new review's from their records (its updates the last
		 * rows inserted) */
		return !review_new ? 0 : derived_put_new(db, review_id, id, r,
		    stats->review, stats->committee_within,
		    sqlite3_last_insert_rowid(db_handle(db)));
	}
	id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (stats->held == NULL)
		stats->held = xcalloc(1, sizeof *stats->held);
	if ((rc = rec_load(db, id, stats->held)) <= 0)
		return rc < 0 ? -1 : db_error(db, "recommendation vanished");
	held = &stats->held->rec;
	/* its index rows go out before the first change, if any */
	search_changing_rec(db, id);
	k = 0;
#define HELD_VALUE(f, label)	hv[k++] = held->f;
	REC_ROW_TEXTS(HELD_VALUE)
#undef HELD_VALUE
	for (k = 0; k < 3; k++) {
		/* what 'rectrack set' recorded wins over a file */
		if (!(held->cli_fields & (1u << k)) ||
		    !differs(v[slot[k]], hv[slot[k]]))
			continue;
		warning("%s/%s: keeping the %s recorded with 'rectrack set'; "
		    "the file's differs (update the file to match)", rid,
		    r->ref, names[k]);
		v[slot[k]] = NULL;
	}
	for (k = 0; k < NROW; k++)
		if (differs(v[k], hv[k]))
			break;
	if (k < NROW) {
		if (write_row(db, ST_REC_UPDATE, id, v, NROW) < 0)
			return -1;
		change = C_CHANGED;
	}
	/* the file carries marks of 'rectrack set' this lacks */
	if (r->cli_fields & ~held->cli_fields) {
		st = db_stmt(db, ST_REC_MARK_CLI);
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_int(st, 2, (int)r->cli_fields);
		if (db_exec_stmt(db, st) < 0)
			return -1;
		change = C_CHANGED;
	}
	if (r->findings.stated &&
	    !record_list_same(&r->findings, &held->findings)) {
		if (write_list(db, id, NULL, &r->findings, ST_FINDINGS_DELETE,
		    ST_FINDING_INSERT) < 0)
			return -1;
		change = C_CHANGED;
	}
	rc = store_rec_evidence(db, review_id, id, r, stats);
	if (rc < 0)
		return -1;
	if (rc > 0 && change == C_UNCHANGED)
		change = C_CHANGED;
	stats->n[K_REC][change]++;
	if (r->response != NULL && store_response(db, id, rid, r->ref,
	    r->response, held->response, stats) < 0)
		return -1;
	if (store_updates(db, id, r, held, stats) < 0)
		return -1;
	/* written to (the index rows' announcement fired): derived again */
	if (db_before_write_state(db) != 1)
		derived_changed(db, RV_REC, id);
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
	struct update_rec *ordered;
	long long eid;
	size_t i;
	int rc;

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
		    store_replaced(db, id, p, NULL, stats) < 0)
			return -1;
		stats->n[K_RESPONSE][C_ADDED]++;
		for (i = 0; i < p->nactions; i++)
			if (store_action(db, 0, id, &p->actions[i], NULL,
			    stats) < 0)
				return -1;
	}
	/* a multiset union with nothing held: every update of the file */
	if (store_updates(db, id, r, NULL, stats) < 0)
		return -1;
	if ((ordered = stored_order(r)) != NULL) {
		struct rec_rec copy = *r;

		copy.updates = ordered;
		rc = search_put_rec(db, id, &copy);
		free(ordered);
		return rc;
	}
	return search_put_rec(db, id, r);
}

int
store_review(struct db *db, long long committee_id,
    const struct review_rec *r, struct store_stats *stats)
{
	const char *v[] = { r->title, r->year, r->stage, r->published,
	    r->submitted, r->source, r->summary, r->response_within,
	    r->stage_since };
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
		bind_all(st, 3, v, 9);
		sqlite3_bind_int(st, 12, r->cli_stage);
		if (db_exec_stmt(db, st) < 0)
			return -1;
		id = sqlite3_last_insert_rowid(db_handle(db));
		change = C_ADDED;
	} else {
		/* the importer refused a move to another committee */
		struct review_rec held = {
			.title = db_col(st, 3), .year = db_col(st, 4),
			.stage = db_col(st, 5), .published = db_col(st, 6),
			.submitted = db_col(st, 7), .source = db_col(st, 8),
			.summary = db_col(st, 9),
			.response_within = db_col(st, 10),
			.stage_since = db_col(st, 11),
			.cli_stage = sqlite3_column_int(st, 12),
		};
		int mark = r->cli_stage && !held.cli_stage;

		id = sqlite3_column_int64(st, 0);
		if (held.cli_stage && (differs(r->stage, held.stage) ||
		    differs(r->stage_since, held.stage_since))) {
			/* 'rectrack stage' moved it after the file was
			 * written */
			warning("review %s: keeping the stage recorded with "
			    "'rectrack stage' (%s); the file's differs (update "
			    "the file to match)", r->rid, held.stage ?
			    held.stage : "draft");
			v[2] = v[8] = NULL;
		}
		if (differs(r->title, held.title) || differs(r->year,
		    held.year) || differs(v[2], held.stage) ||
		    differs(r->published, held.published) ||
		    differs(r->submitted, held.submitted) ||
		    differs(r->source, held.source) ||
		    differs(r->summary, held.summary) ||
		    differs(r->response_within, held.response_within) ||
		    differs(v[8], held.stage_since) || mark) {
			sqlite3_reset(st);
			if (write_row(db, ST_REVIEW_UPDATE, id, v, 9) < 0 ||
			    (mark && write_row(db, ST_REVIEW_MARK_CLI, id, NULL,
			    0) < 0))
				return -1;
			change = C_CHANGED;
			/* its dates, stage and response clock count for
			 * every recommendation */
			derived_changed(db, RV_REVIEW, id);
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
	free(stats->committee_within);
	stats->committee_within = NULL;
	stats->review = r;
	if (change == C_ADDED) {
		st = db_stmt(db, ST_COMMITTEE_WITHIN);
		sqlite3_bind_int64(st, 1, committee_id);
		if (sqlite3_step(st) == SQLITE_ROW && db_col(st, 0) != NULL)
			stats->committee_within = xstrdup(db_col(st, 0));
		sqlite3_reset(st);
	}
	for (i = 0; i < r->nrecs; i++)
		if (store_rec(db, id, r->rid, &r->recs[i], &cat,
		    change == C_ADDED, stats) < 0)
			goto fail;
	free(rows);
	/* index rows go in in large batches (search.c) */
	if (derived_flush(db) < 0)
		return -1;
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
		struct meeting_rec held = {
			.date = db_col(st, 1), .title = db_col(st, 2),
			.review = db_col(st, 3), .minutes = db_col(st, 4),
		};

		id = sqlite3_column_int64(st, 0);
		search_changing_meeting(db, id);
		if (differs(m->date, held.date) || differs(m->title,
		    held.title) || differs(m->review, held.review) ||
		    differs(m->minutes, held.minutes)) {
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
		if (store_meeting_action(db, id, &m->actions[i], stats) < 0)
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
	if (st->held != NULL)
		rec_loaded_free(st->held);
	free(st->held);
	st->held = NULL;
	free(st->committee_within);
	st->committee_within = NULL;
	st->review = NULL;
	free(st->later_evidence);
	free(st->later_meetings);
	st->later_evidence = st->later_meetings = NULL;
	st->nlater_evidence = st->nlater_meetings = 0;
	st->cap_evidence = st->cap_meetings = 0;
}
