#include "export.h"

#include <string.h>

#include "buf.h"
#include "diag.h"
#include "recload.h"
#include "schema.h"

/* A list of texts under key, when the owner has any. */
static void
text_list(struct db *db, struct emit *e, const char *key, enum stmt_id sid,
    long long owner, const char *kind)
{
	sqlite3_stmt *st = db_stmt(db, sid);
	int n = 0;

	sqlite3_bind_int64(st, 1, owner);
	if (kind != NULL)
		sqlite3_bind_text(st, 2, kind, -1, SQLITE_STATIC);
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (n++ == 0) {
			emit_key(e, key);
			emit_seq_begin(e);
		}
		emit_str(e, db_col(st, 0));
	}
	sqlite3_reset(st);
	if (n > 0)
		emit_seq_end(e);
}

/* The writers of a record's parts, each walking its struct. */
static void
write_action(struct emit *e, const struct action_rec *a)
{
	emit_map_begin(e);
	emit_kv(e, "id", a->aid);
	emit_kv(e, "text", a->text);
	emit_kv(e, "owner", a->owner);
	emit_kv(e, "due", a->due);
	emit_kv(e, "status", a->status);
	emit_kv(e, "status_date", a->status_date);
	emit_kv(e, "note", a->note);
	if (a->cli)
		emit_kbool(e, "cli_recorded", 1);
	emit_map_end(e);
}

static void
write_actions(struct emit *e, const struct action_rec *v, size_t n)
{
	size_t i;

	if (n == 0)
		return;
	emit_key(e, "actions");
	emit_seq_begin(e);
	for (i = 0; i < n; i++)
		write_action(e, &v[i]);
	emit_seq_end(e);
}

/* An evidence item of a catalogue, or one stated inline. */
static void
write_evidence_item(struct emit *e, const struct evidence_rec *x)
{
	emit_map_begin(e);
	emit_kv(e, "id", x->eid);
	emit_kv(e, "kind", x->kind);
	emit_kv(e, "title", x->title);
	emit_kv(e, "date", x->date);
	emit_kv(e, "text", x->text);
	emit_kv(e, "url", x->url);
	emit_map_end(e);
}

static void
write_texts(struct emit *e, const char *key, const struct strlist *l)
{
	size_t i;

	if (l->n == 0)
		return;
	emit_key(e, key);
	emit_seq_begin(e);
	for (i = 0; i < l->n; i++)
		emit_str(e, l->v[i]);
	emit_seq_end(e);
}

static void
write_response(struct emit *e, const struct response_rec *p)
{
	size_t i;

	emit_key(e, "response");
	emit_map_begin(e);
	emit_kv(e, "date", p->date);
	emit_kv(e, "by", p->by);
	emit_kv(e, "decision", p->decision);
	emit_kv(e, "text", p->text);
	write_actions(e, p->actions, p->nactions);
	if (p->nreplaced > 0) {
		emit_key(e, "replaced");
		emit_seq_begin(e);
		for (i = 0; i < p->nreplaced; i++) {
			const struct replaced_rec *x = &p->replaced[i];

			emit_map_begin(e);
			emit_kv(e, "date", x->date);
			emit_kv(e, "by", x->by);
			emit_kv(e, "decision", x->decision);
			emit_kv(e, "text", x->text);
			emit_kv(e, "replaced_on", x->replaced_on);
			emit_kv(e, "replaced_by", x->replaced_by);
			if (x->interim)
				emit_kbool(e, "interim", 1);
			emit_map_end(e);
		}
		emit_seq_end(e);
	}
	if (p->cli)
		emit_kbool(e, "cli_recorded", 1);
	emit_map_end(e);
}

/* An update's own keys, in the order format.md gives them. */
static void
write_update_fields(struct emit *e, const struct update_rec *u)
{
	emit_kv(e, "date", u->date);
	emit_kv(e, "status", u->status);
	emit_kv(e, "due", u->due);
	emit_kv(e, "by", u->by);
	emit_kv(e, "note", u->note);
	if (u->forced)
		emit_kbool(e, "forced", 1);
	emit_kv(e, "recorded", u->recorded);
	emit_kv(e, "rag", u->rag);
	if (u->signed_off)
		emit_kbool(e, "signed_off", 1);
}

/*
 * A retraction's 'retracts': every key the withdrawn update has, as that
 * update's own are written (docs/format.md), which import resolves to the
 * same update.
 */
static void
write_retracts(struct emit *e, const struct update_key *k)
{
	struct update_rec w;

	if (k->given == 0)
		return;
	memset(&w, 0, sizeof w);
	w.date = k->date;
	w.status = k->status;
	w.due = k->due;
	w.by = k->by;
	w.note = k->note;
	w.forced = k->forced;
	w.recorded = k->recorded;
	w.rag = k->rag;
	w.signed_off = k->signed_off;
	emit_key(e, "retracts");
	emit_map_begin(e);
	write_update_fields(e, &w);
	emit_map_end(e);
}

static void
write_updates(struct emit *e, const struct update_rec *v, size_t n)
{
	size_t i;

	if (n == 0)
		return;
	emit_key(e, "updates");
	emit_seq_begin(e);
	for (i = 0; i < n; i++) {
		emit_map_begin(e);
		write_update_fields(e, &v[i]);
		write_retracts(e, &v[i].retracts);
		emit_map_end(e);
	}
	emit_seq_end(e);
}

/* cli_fields as the list of the fields 'rectrack set' recorded. */
static void
write_cli_fields(struct emit *e, unsigned bits)
{
	static const char *const names[] = { "owner", "addressee", "due" };
	size_t i;

	if ((bits & (CLI_OWNER | CLI_ADDRESSEE | CLI_DUE)) == 0)
		return;
	emit_key(e, "cli_recorded");
	emit_seq_begin(e);
	for (i = 0; i < 3; i++)
		if (bits & (1u << i))
			emit_str(e, names[i]);
	emit_seq_end(e);
}

void
export_write_rec(struct emit *e, const struct rec_rec *r)
{
	size_t i;

	emit_map_begin(e);
	emit_kv(e, "ref", r->ref);
	emit_kv(e, "title", r->title);
	emit_kv(e, "addressee", r->addressee);
	emit_kv(e, "text", r->text);
	write_texts(e, "findings", &r->findings);
	if (r->nevidence > 0) {
		emit_key(e, "evidence");
		emit_seq_begin(e);
		for (i = 0; i < r->nevidence; i++) {
			if (r->evidence[i].ref != NULL)
				emit_str(e, r->evidence[i].ref);
			else
				write_evidence_item(e, &r->evidence[i]);
		}
		emit_seq_end(e);
	}
	emit_kv(e, "owner", r->owner);
	emit_kv(e, "due", r->due);
	emit_kv(e, "response_within", r->response_within);
#define SHOWN(name, label)	emit_kv(e, #name, r->name);
	REC_SHOWN_TEXTS(SHOWN)
#undef SHOWN
	if (r->response != NULL)
		write_response(e, r->response);
	write_updates(e, r->updates, r->nupdates);
	write_cli_fields(e, r->cli_fields);
	emit_map_end(e);
}

/* A meeting's actions, read as records. */
static void
meeting_actions(struct db *db, struct emit *e, long long meeting)
{
	sqlite3_stmt *st = db_stmt(db, ST_EX_MEETING_ACTIONS);
	struct action_rec a;
	int n = 0;

	sqlite3_bind_int64(st, 1, meeting);
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (n++ == 0) {
			emit_key(e, "actions");
			emit_seq_begin(e);
		}
		rec_action_row(st, &a);
		write_action(e, &a);
	}
	sqlite3_reset(st);
	if (n > 0)
		emit_seq_end(e);
}

/*
 * The recommendations of a review (rec 0: all), each loaded (h, reused)
 * and written as a mapping.
 */
static int
recs(struct db *db, struct emit *e, struct rec_loaded *h, long long review,
    long long rec, int listed)
{
	sqlite3_stmt *st = db_stmt(db, ST_EX_RECS);
	int rc, n = 0;

	sqlite3_bind_int64(st, 1, review);
	if (rec)
		sqlite3_bind_int64(st, 2, rec);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (rec_load(db, sqlite3_column_int64(st, 0), h) <= 0) {
			sqlite3_reset(st);
			return -1;
		}
		if (n++ == 0 && listed) {
			emit_key(e, "recommendations");
			emit_seq_begin(e);
		}
		export_write_rec(e, &h->rec);
	}
	sqlite3_reset(st);
	if (n > 0 && listed)
		emit_seq_end(e);
	return rc == SQLITE_DONE ? 0 : db_error(db, "export failed");
}

static int
reviews(struct db *db, struct emit *e, struct rec_loaded *h,
    long long committee, long long review)
{
	sqlite3_stmt *st = db_stmt(db, ST_EX_REVIEWS), *cat;
	long long id;
	int rc, n = 0, ncat;

	sqlite3_bind_int64(st, 1, committee);
	if (review)
		sqlite3_bind_int64(st, 2, review);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (n++ == 0) {
			emit_key(e, "reviews");
			emit_seq_begin(e);
		}
		id = sqlite3_column_int64(st, 0);
		emit_map_begin(e);
		emit_kv(e, "id", db_col(st, 1));
		emit_kv(e, "title", db_col(st, 2));
		emit_kv(e, "year", db_col(st, 3));
		emit_kv(e, "stage", db_col(st, 4));
		emit_kv(e, "stage_since", db_col(st, 10));
		emit_kv(e, "published", db_col(st, 5));
		emit_kv(e, "submitted", db_col(st, 6));
		emit_kv(e, "source", db_col(st, 7));
		emit_kv(e, "summary", db_col(st, 8));
		emit_kv(e, "response_within", db_col(st, 9));
		text_list(db, e, "members", ST_REVIEW_ITEMS, id, "member");
		cat = db_stmt(db, ST_EX_CATALOGUE);
		sqlite3_bind_int64(cat, 1, id);
		ncat = 0;
		while (sqlite3_step(cat) == SQLITE_ROW) {
			struct evidence_rec x = {
				.eid = db_col(cat, 0), .kind = db_col(cat, 1),
				.title = db_col(cat, 2), .date = db_col(cat, 3),
				.text = db_col(cat, 4), .url = db_col(cat, 5),
			};

			if (ncat++ == 0) {
				emit_key(e, "evidence");
				emit_seq_begin(e);
			}
			write_evidence_item(e, &x);
		}
		sqlite3_reset(cat);
		if (ncat > 0)
			emit_seq_end(e);
		if (recs(db, e, h, id, 0, 1) < 0) {
			sqlite3_reset(st);
			return -1;
		}
		text_list(db, e, "commendations", ST_REVIEW_ITEMS, id,
		    "commendation");
		if (sqlite3_column_int(st, 11))
			emit_kbool(e, "cli_recorded", 1);
		emit_map_end(e);
	}
	sqlite3_reset(st);
	if (n > 0)
		emit_seq_end(e);
	return rc == SQLITE_DONE ? n : db_error(db, "export failed");
}

static int
meetings(struct db *db, struct emit *e, long long committee, const char *rid)
{
	sqlite3_stmt *st = db_stmt(db, ST_EX_MEETINGS);
	long long id;
	int rc, n = 0;

	sqlite3_bind_int64(st, 1, committee);
	db_bind_text(st, 2, rid);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (n++ == 0) {
			emit_key(e, "meetings");
			emit_seq_begin(e);
		}
		id = sqlite3_column_int64(st, 0);
		emit_map_begin(e);
		emit_kv(e, "id", db_col(st, 1));
		emit_kv(e, "date", db_col(st, 2));
		emit_kv(e, "title", db_col(st, 3));
		emit_kv(e, "review", db_col(st, 4));
		emit_kv(e, "minutes", db_col(st, 5));
		meeting_actions(db, e, id);
		text_list(db, e, "resolved", ST_MEETING_RESOLVED, id, NULL);
		emit_map_end(e);
	}
	sqlite3_reset(st);
	if (n > 0)
		emit_seq_end(e);
	return rc == SQLITE_DONE ? n : db_error(db, "export failed");
}

/* The rid of a review row, into b. */
static void
review_rid(struct db *db, long long review, struct buf *b)
{
	sqlite3_stmt *st = db_stmt(db, ST_REVIEW_GET_BY_ID);

	sqlite3_bind_int64(st, 1, review);
	if (sqlite3_step(st) == SQLITE_ROW)
		buf_adds(b, stored_text(st, 0));
	sqlite3_reset(st);
}

int
export_documents(struct db *db, struct emit *e, long long committee,
    long long review, unsigned what)
{
	sqlite3_stmt *st = db_stmt(db, ST_EX_COMMITTEES);
	struct buf rid = BUF_INIT;
	struct rec_loaded h = REC_LOADED_INIT;
	long long id;
	int rc, ndocs = 0, bad = 0;

	if (review)
		review_rid(db, review, &rid);
	if (committee)
		sqlite3_bind_int64(st, 1, committee);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		id = sqlite3_column_int64(st, 0);
		emit_doc_begin(e);
		emit_map_begin(e);
		emit_kv(e, "format", "rectrack/1");
		emit_key(e, "committee");
		emit_map_begin(e);
		emit_kv(e, "id", db_col(st, 1));
		emit_kv(e, "name", db_col(st, 2));
		emit_kv(e, "authority", db_col(st, 3));
		emit_kv(e, "contact", db_col(st, 4));
		emit_kv(e, "response_within", db_col(st, 5));
		emit_map_end(e);
		if ((what & EXPORT_MEETINGS) && meetings(db, e, id,
		    review && !(what & EXPORT_ALL_MEETINGS) ? rid.s : NULL) < 0)
			bad = 1;
		if ((what & EXPORT_REVIEWS) && reviews(db, e, &h, id, review) < 0)
			bad = 1;
		emit_map_end(e);
		emit_doc_end(e);
		ndocs++;
	}
	sqlite3_reset(st);
	buf_release(&rid);
	rec_loaded_free(&h);
	if (bad || rc != SQLITE_DONE)
		return rc != SQLITE_DONE ? db_error(db, "export failed") : -1;
	return ndocs;
}

int
export_rec(struct db *db, struct emit *e, long long rec_id)
{
	struct rec_loaded h = REC_LOADED_INIT;
	int rc = rec_load(db, rec_id, &h);

	if (rc == 0)
		rc = error("no recommendation %lld", rec_id);
	if (rc > 0) {
		emit_doc_begin(e);
		export_write_rec(e, &h.rec);
		emit_doc_end(e);
		rc = 0;
	}
	rec_loaded_free(&h);
	return rc;
}
