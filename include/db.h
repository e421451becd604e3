#ifndef RECTRACK_DB_H
#define RECTRACK_DB_H

#include <sqlite3.h>

/*
 * The store: one SQLite file, identified by PRAGMA application_id and
 * versioned by PRAGMA user_version, migrated forward on open. All SQL text
 * lives in db-sql.c; statements are prepared once, cached, and fetched by
 * their enum with db_stmt().
 */

#define DB_APPLICATION_ID 0x72656374	/* "rect" */

/* The files of one database: its path plus each of these suffixes (the
 * database itself, and the journals SQLite keeps beside it). */
#define DB_NFILES 4
extern const char *const db_file_suffix[DB_NFILES];

enum db_mode {
	DB_READ,	/* the file must exist; no record is changed, but SQLite
			 * may write beside it (-wal/-shm, a hot journal rolled
			 * back) and an old schema is migrated (db_open()) */
	DB_WRITE,	/* created (with its schema) when missing */
	DB_CHECK,	/* the file must exist; the connection may write
			 * (FTS5's integrity-check is an INSERT) */
};

/* Exit statuses shared by every command (docs/rectrack.1, EXIT STATUS). */
enum rt_status {
	RT_OK = 0,
	RT_FAIL = 1,
	RT_USAGE = 2,
	RT_BUSY = 3,
};

enum stmt_id {
	ST_COMMITTEE_GET,
	ST_COMMITTEE_INSERT,
	ST_COMMITTEE_UPDATE,
	ST_REVIEW_GET,
	ST_REVIEW_INSERT,
	ST_REVIEW_UPDATE,
	ST_REVIEW_GET_BY_ID,
	ST_REVIEW_MARK_CLI,
	ST_REVIEW_SET_STAGE,
	ST_REVIEW_STAGE,
	ST_REVIEW_IDS,
	ST_PATCH_COUNTS,
	ST_REVIEW_ITEMS,
	ST_REVIEW_ITEMS_DELETE,
	ST_REVIEW_ITEM_INSERT,
	ST_MEETING_GET,
	ST_MEETING_INSERT,
	ST_MEETING_UPDATE,
	ST_MEETING_RESOLVED,
	ST_MEETING_RESOLVED_DELETE,
	ST_MEETING_RESOLVED_INSERT,
	ST_MEETING_DANGLING,
	ST_REC_GET,
	ST_REC_INSERT,
	ST_REC_UPDATE,
	ST_FINDINGS_DELETE,
	ST_FINDING_INSERT,
	ST_EVIDENCE_CAT_GET,
	ST_EVIDENCE_INLINE_GET,
	ST_EVIDENCE_INSERT,
	ST_EVIDENCE_UPDATE,
	ST_EVIDENCE_INLINE_UPDATE,
	ST_EVIDENCE_INLINE_ORPHANS,
	ST_EVIDENCE_IN_REVIEW,
	ST_REC_EVIDENCE,
	ST_REC_EVIDENCE_DELETE,
	ST_REC_EVIDENCE_INSERT,
	ST_RESPONSE_GET,
	ST_RESPONSE_INSERT,
	ST_RESPONSE_UPDATE,
	ST_ACTION_GET_MEETING,
	ST_ACTION_INSERT,
	ST_ACTION_UPDATE,
	ST_UPDATE_INSERT,
	ST_UPDATE_RETRACTABLE,
	ST_LIST,
	ST_LIST_COMMITTEE,
	ST_LIST_REVIEW,
	ST_LIST_REC,
	ST_LIVE_REVIEW,
	ST_LIVE_COMMITTEE,
	ST_LIVE_ALL,
	ST_LIST_BY_OVERDUE,
	ST_LIST_BY_DUE,
	ST_LIST_BY_STALE,
	ST_LIST_BY_RESPONSE,
	ST_LIST_BY_UPDATED,
	ST_LIST_BY_SIGNOFF,
	ST_LIST_BY_STATUS,
	ST_OWNERS,
	ST_ADDRESSEES,
	ST_LIST_BY_OWNER,
	ST_LIST_BY_ADDRESSEE,
	ST_PROBE_OWNER,
	ST_PROBE_ADDRESSEE,
	ST_IDS_BY_OWNER,
	ST_IDS_BY_ADDRESSEE,
	ST_ANY_BY_OVERDUE,
	ST_ANY_BY_DUE,
	ST_ANY_BY_STALE,
	ST_ANY_BY_RESPONSE,
	ST_ANY_BY_UPDATED,
	ST_ANY_BY_SIGNOFF,
	ST_ANY_BY_STATUS,
	ST_ANY_BY_OWNER,
	ST_ANY_BY_ADDRESSEE,
	ST_PROBE_OVERDUE,
	ST_PROBE_DUE,
	ST_PROBE_STALE,
	ST_PROBE_RESPONSE,
	ST_PROBE_UPDATED,
	ST_PROBE_SIGNOFF,
	ST_PROBE_STATUS,
	ST_IDS_BY_OVERDUE,
	ST_IDS_BY_DUE,
	ST_IDS_BY_STALE,
	ST_IDS_BY_RESPONSE,
	ST_IDS_BY_UPDATED,
	ST_IDS_BY_SIGNOFF,
	ST_IDS_BY_STATUS,
	ST_DERIVED_PUT,
	ST_DERIVED_ADD,
	ST_DERIVED_GET,
	ST_DERIVED_ORPHANS,
	ST_DERIVED_CLEAR,
	ST_COMMITTEE_WITHIN,
	ST_DERIVED_COUNT,
	ST_OV_REVIEWS,
	ST_COUNTS_COMMITTEE,
	ST_COUNTS_COMMITTEE_OVERDUE,
	ST_STORED_COMMITTEE,
	ST_COMMITTEE_NREVIEWS,
	ST_COUNTS_CLEAR,
	ST_COUNTS_FILL,
	ST_COUNTS_DIFF,
	ST_CCOUNTS_ALL,
	ST_CCOUNTS_CLEAR,
	ST_CCOUNTS_FILL,
	ST_CCOUNTS_DIFF,
	ST_REC_BY_ID,
	ST_REC_BY_HANDLE,
	ST_REC_UPDATES,
	ST_REC_MEETINGS,
	ST_REC_DUES,
	ST_COMMITTEE_MATCH,
	ST_REVIEW_ROW,
	ST_UPDATE_CLI,
	ST_UPDATE_SEEN,
	ST_RESPONSE_ARCHIVE,
	ST_RESPONSE_SET,
	ST_RESPONSE_HISTORY_INSERT,
	ST_REC_MARK_CLI,
	ST_RESPONSE_MARK_CLI,
	ST_ACTION_MARK_CLI,
	ST_REC_SET_OWNER,
	ST_REC_SET_ADDRESSEE,
	ST_REC_SET_DUE,
	ST_ACTIONS,
	ST_ACTIONS_OF,
	ST_CHASE_ACTIONS,
	ST_CHASE_ACTIONS_OF,
	ST_ACTION_STATUS,
	ST_ACTION_SET,
	ST_ACTION_NEXT_AID,
	ST_VERIFY_MEETING_REVIEWS,
	ST_VERIFY_EVIDENCE_LINKS,
	ST_VERIFY_ORPHAN_INLINE,
	ST_VERIFY_RETRACTS,
	ST_VERIFY_VALUES,
	ST_SCHEMA_ROWS,
	ST_EX_COMMITTEES,
	ST_EX_MEETINGS,
	ST_EX_MEETING_ACTIONS,
	ST_EX_REVIEWS,
	ST_EX_CATALOGUE,
	ST_EX_RECS,
	ST_LOAD_REC,
	ST_LOAD_FINDINGS,
	ST_LOAD_EVIDENCE,
	ST_LOAD_RESPONSE,
	ST_LOAD_ACTIONS,
	ST_LOAD_REPLACED,
	ST_LOAD_UPDATES,
	ST_REVIEW_COMMITTEE,
	ST_FTS5_API,
	ST_SEARCH_TOP,
	ST_IX_INSERT,
	ST_IX_FORGET,
	ST_IX_PRESENT,
	ST_IX_MEETING,
	ST_IX_MEETING_RESOLVED,
	ST_IX_MEETING_ACTIONS,
	ST_IX_EVIDENCE,
	ST_IX_ACTION_OWNER,
	ST_IX_ALL_RECS,
	ST_IX_ALL_MEETINGS,
	ST_IX_ALL_EVIDENCE,
	ST_IX_RECS_IN,
	ST_IX_MEETINGS_IN,
	ST_IX_EVIDENCE_IN,
	ST_IX_SIZES,
	ST_IX_INSTANCES,
	ST_IX_CLEAR,
	ST_IX_EXPECTED,
	ST_IX_HELD,
	ST_IX_COUNTED,
	ST_SEARCH,
	ST_SEARCH_RANGE,
	ST_SEARCH_MEMBERS,
	ST_SCOPE_REVIEW_COMMITTEE,
	ST_SCOPE_REVIEWS,
	ST_SCOPE_RECS,
	ST_SCOPE_EVIDENCE,
	ST_SCOPE_MEETINGS,
	ST_SNIPPET,
	ST_HIT_REC,
	ST_HIT_MEETING,
	ST_HIT_EVIDENCE,
	ST_SIMILAR_TEXTS,
	ST_SIMILAR_DF,
	ST_SIMILAR_ROWS,
	ST_SIMILAR,
	ST_COUNT,
};

struct db;

/*
 * Open (and for DB_WRITE create) the database at path (":memory:" for an
 * in-memory one), check that it is rectrack's, and migrate it forward.
 * DB_READ opens the file read-only; read-write when SQLite cannot read it
 * so and the user may write it, or to migrate an old schema; immutable on a
 * read-only file system with no -wal. A new file is made whole, with its
 * schema, and linked into place: only the process whose link succeeded
 * made it (db_created()). Reports its own errors; returns RT_OK, RT_FAIL,
 * RT_BUSY (locked past the wait) or RT_USAGE (an empty path).
 */
int db_open(struct db **out, const char *path, enum db_mode mode);
void db_close(struct db *db);
/* This open made the file. */
int db_created(struct db *db);
/*
 * Remove the file db_open() made, with its -wal, -shm and -journal, if it
 * holds no record (every record hangs from a committee: so nobody's work,
 * this run's or another process's, is lost); under the write lock, so
 * that a writer waiting for it finds it gone (db_begin()). Returns 1 when
 * removed.
 */
int db_remove_unused(struct db *db);
sqlite3 *db_handle(struct db *db);
/* The connection's full-text index state (search.h). */
struct search *db_search(struct db *db);

/* The cached statement, reset and with its bindings cleared. */
sqlite3_stmt *db_stmt(struct db *db, enum stmt_id id);

/*
 * BEGIN IMMEDIATE: RT_OK; RT_BUSY, reported, when still locked after the
 * wait or when the file was removed by another process meanwhile (nothing
 * is written: a retry opens it anew).
 */
int db_begin(struct db *db);
int db_commit(struct db *db);
void db_rollback(struct db *db);
/*
 * After db_defer_commit(), db_commit() only marks the transaction to be
 * committed, and db_end() commits it (keep != 0) or rolls it back: main.c
 * makes sure a command's report reached standard output before its work
 * is committed. db_end() returns RT_OK, or RT_FAIL when it rolled back or
 * the commit failed (reported); RT_OK when nothing was pending.
 */
void db_defer_commit(struct db *db);
int db_end(struct db *db, int keep);

/* Step a statement that returns no row; reports and returns -1 on error. */
int db_exec_stmt(struct db *db, sqlite3_stmt *st);
/* The same for an INSERT, but a primary key already held is 1, not an
 * error: nothing written and nothing said. */
int db_exec_insert(struct db *db, sqlite3_stmt *st);
/*
 * Call fn once, before the next statement db_exec_stmt() runs that
 * writes (fn == NULL: forget it; the end of the transaction forgets it
 * too). search.c
 * deletes an owner's index rows this way before the first change to its
 * texts, while the tables still hold the texts they were made from.
 */
void db_before_write(struct db *db, int (*fn)(struct db *));
/* 1: fn waits for a write; 2: it was called; 0: neither, or the
 * transaction ended since (COMMIT, ROLLBACK). */
int db_before_write_state(struct db *db);
/* derived.c's state on the connection: its marks, what db_commit()
 * calls to flush them before COMMIT (keep 1) and db_rollback() to
 * forget them (keep 0), and what frees them when it closes. */
void *db_derive_state(struct db *db);
void db_set_derive_state(struct db *db, void *state,
    int (*flush)(struct db *, int keep), void (*freefn)(void *));
/* Report the connection's last error with a context; returns -1. */
int db_error(struct db *db, const char *what);

/* Bind text, NULL binding SQL NULL. */
void db_bind_text(sqlite3_stmt *st, int i, const char *s);
/* Column text, or NULL for SQL NULL. Borrowed until the next step. */
const char *db_col(sqlite3_stmt *st, int i);

/* The connection's FTS5 C interface, or NULL. */
fts5_api *db_fts5(struct db *db);

/* The newest schema version this build knows. */
int db_schema_version(void);

#endif
