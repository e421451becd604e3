#include "export.h"

#include <string.h>

#include "buf.h"
#include "diag.h"
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

static void
actions(struct db *db, struct emit *e, enum stmt_id sid, long long owner)
{
	sqlite3_stmt *st = db_stmt(db, sid);
	int n = 0;

	sqlite3_bind_int64(st, 1, owner);
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (n++ == 0) {
			emit_key(e, "actions");
			emit_seq_begin(e);
		}
		emit_map_begin(e);
		emit_kv(e, "id", db_col(st, 0));
		emit_kv(e, "text", db_col(st, 1));
		emit_kv(e, "owner", db_col(st, 2));
		emit_kv(e, "due", db_col(st, 3));
		emit_kv(e, "status", db_col(st, 4));
		emit_kv(e, "note", db_col(st, 5));
		if (strcmp(stored_text(st, 6), "cli") == 0)
			emit_kbool(e, "cli_recorded", 1);
		emit_map_end(e);
	}
	sqlite3_reset(st);
	if (n > 0)
		emit_seq_end(e);
}

/* kind, title, date, text, url from columns from..from+4 */
static void
evidence_fields(struct emit *e, sqlite3_stmt *st, int from)
{
	emit_kv(e, "kind", db_col(st, from));
	emit_kv(e, "title", db_col(st, from + 1));
	emit_kv(e, "date", db_col(st, from + 2));
	emit_kv(e, "text", db_col(st, from + 3));
	emit_kv(e, "url", db_col(st, from + 4));
}

static void
rec_evidence(struct db *db, struct emit *e, long long rec)
{
	sqlite3_stmt *st = db_stmt(db, ST_EX_REC_EVIDENCE);
	int n = 0;

	sqlite3_bind_int64(st, 1, rec);
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (n++ == 0) {
			emit_key(e, "evidence");
			emit_seq_begin(e);
		}
		if (sqlite3_column_int(st, 0)) {
			emit_str(e, db_col(st, 1));	/* a catalogue id */
			continue;
		}
		emit_map_begin(e);
		emit_kv(e, "id", db_col(st, 1));
		evidence_fields(e, st, 2);
		emit_map_end(e);
	}
	sqlite3_reset(st);
	if (n > 0)
		emit_seq_end(e);
}

/* The responses replaced by corrections ('respond --replace'). */
static void
replaced(struct db *db, struct emit *e, long long rec)
{
	sqlite3_stmt *st = db_stmt(db, ST_RESPONSE_HISTORY);
	int n = 0;

	sqlite3_bind_int64(st, 1, rec);
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (n++ == 0) {
			emit_key(e, "replaced");
			emit_seq_begin(e);
		}
		emit_map_begin(e);
		emit_kv(e, "date", db_col(st, 0));
		emit_kv(e, "by", db_col(st, 1));
		emit_kv(e, "decision", db_col(st, 2));
		emit_kv(e, "text", db_col(st, 3));
		emit_kv(e, "replaced_on", db_col(st, 4));
		emit_kv(e, "replaced_by", db_col(st, 5));
		emit_map_end(e);
	}
	sqlite3_reset(st);
	if (n > 0)
		emit_seq_end(e);
}

static void
response(struct db *db, struct emit *e, long long rec)
{
	sqlite3_stmt *st = db_stmt(db, ST_RESPONSE_GET);
	int cli;

	sqlite3_bind_int64(st, 1, rec);
	if (sqlite3_step(st) == SQLITE_ROW) {
		emit_key(e, "response");
		emit_map_begin(e);
		emit_kv(e, "date", db_col(st, 0));
		emit_kv(e, "by", db_col(st, 1));
		emit_kv(e, "decision", db_col(st, 2));
		emit_kv(e, "text", db_col(st, 3));
		cli = strcmp(stored_text(st, 4), "cli") == 0;
		sqlite3_reset(st);
		actions(db, e, ST_EX_RESPONSE_ACTIONS, rec);
		replaced(db, e, rec);
		if (cli)
			emit_kbool(e, "cli_recorded", 1);
		emit_map_end(e);
	}
	sqlite3_reset(st);
}

/* recs.cli_fields as the list of the fields 'rectrack set' recorded. */
static void
cli_fields(struct emit *e, int bits)
{
	static const char *const names[] = { "owner", "addressee", "due" };
	size_t i;

	if ((bits & 7) == 0)
		return;
	emit_key(e, "cli_recorded");
	emit_seq_begin(e);
	for (i = 0; i < 3; i++)
		if (bits & (1 << i))
			emit_str(e, names[i]);
	emit_seq_end(e);
}

static void
updates(struct db *db, struct emit *e, long long rec)
{
	sqlite3_stmt *st = db_stmt(db, ST_EX_UPDATES);
	int n = 0;

	sqlite3_bind_int64(st, 1, rec);
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (n++ == 0) {
			emit_key(e, "updates");
			emit_seq_begin(e);
		}
		emit_map_begin(e);
		emit_kv(e, "date", db_col(st, 0));
		emit_kv(e, "status", db_col(st, 1));
		emit_kv(e, "due", db_col(st, 2));
		emit_kv(e, "by", db_col(st, 3));
		emit_kv(e, "note", db_col(st, 4));
		if (sqlite3_column_int(st, 5))
			emit_kbool(e, "forced", 1);
		emit_kv(e, "recorded", db_col(st, 6));
		emit_map_end(e);
	}
	sqlite3_reset(st);
	if (n > 0)
		emit_seq_end(e);
}

/*
 * The recommendations of a review (rec 0: all), each as a mapping. The
 * nested queries use other cached statements, so this one's row stays
 * valid while they run.
 */
static int
recs(struct db *db, struct emit *e, long long review, long long rec,
    int listed)
{
	sqlite3_stmt *st = db_stmt(db, ST_EX_RECS);
	long long id;
	int rc, n = 0;

	sqlite3_bind_int64(st, 1, review);
	if (rec)
		sqlite3_bind_int64(st, 2, rec);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (n++ == 0 && listed) {
			emit_key(e, "recommendations");
			emit_seq_begin(e);
		}
		id = sqlite3_column_int64(st, 0);
		emit_map_begin(e);
		emit_kv(e, "ref", db_col(st, 1));
		emit_kv(e, "title", db_col(st, 2));
		emit_kv(e, "addressee", db_col(st, 3));
		emit_kv(e, "text", db_col(st, 4));
		text_list(db, e, "findings", ST_FINDINGS, id, NULL);
		rec_evidence(db, e, id);
		emit_kv(e, "owner", db_col(st, 5));
		emit_kv(e, "due", db_col(st, 6));
		response(db, e, id);
		updates(db, e, id);
		cli_fields(e, sqlite3_column_int(st, 7));
		emit_map_end(e);
	}
	sqlite3_reset(st);
	if (n > 0 && listed)
		emit_seq_end(e);
	return rc == SQLITE_DONE ? 0 : db_error(db, "export failed");
}

static int
reviews(struct db *db, struct emit *e, long long committee, long long review)
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
		emit_kv(e, "published", db_col(st, 5));
		emit_kv(e, "submitted", db_col(st, 6));
		emit_kv(e, "source", db_col(st, 7));
		emit_kv(e, "summary", db_col(st, 8));
		text_list(db, e, "members", ST_REVIEW_ITEMS, id, "member");
		cat = db_stmt(db, ST_EX_CATALOGUE);
		sqlite3_bind_int64(cat, 1, id);
		ncat = 0;
		while (sqlite3_step(cat) == SQLITE_ROW) {
			if (ncat++ == 0) {
				emit_key(e, "evidence");
				emit_seq_begin(e);
			}
			emit_map_begin(e);
			emit_kv(e, "id", db_col(cat, 0));
			evidence_fields(e, cat, 1);
			emit_map_end(e);
		}
		sqlite3_reset(cat);
		if (ncat > 0)
			emit_seq_end(e);
		if (recs(db, e, id, 0, 1) < 0) {
			sqlite3_reset(st);
			return -1;
		}
		text_list(db, e, "commendations", ST_REVIEW_ITEMS, id,
		    "commendation");
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
		actions(db, e, ST_EX_MEETING_ACTIONS, id);
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
		emit_map_end(e);
		if ((what & EXPORT_MEETINGS) && meetings(db, e, id,
		    review && !(what & EXPORT_ALL_MEETINGS) ? rid.s : NULL) < 0)
			bad = 1;
		if ((what & EXPORT_REVIEWS) && reviews(db, e, id, review) < 0)
			bad = 1;
		emit_map_end(e);
		emit_doc_end(e);
		ndocs++;
	}
	sqlite3_reset(st);
	buf_release(&rid);
	if (bad || rc != SQLITE_DONE)
		return rc != SQLITE_DONE ? db_error(db, "export failed") : -1;
	return ndocs;
}

int
export_rec(struct db *db, struct emit *e, long long rec_id)
{
	sqlite3_stmt *st = db_stmt(db, ST_EX_REC_REVIEW);
	long long review;

	sqlite3_bind_int64(st, 1, rec_id);
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_reset(st);
		return error("no recommendation %lld", rec_id);
	}
	review = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	emit_doc_begin(e);
	if (recs(db, e, review, rec_id, 0) < 0)
		return -1;
	emit_doc_end(e);
	return 0;
}
