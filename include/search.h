#ifndef RECTRACK_SEARCH_H
#define RECTRACK_SEARCH_H

#include "db.h"
#include "record.h"

/*
 * The full-text index (SQLite FTS5, Porter stemming, diacritics folded).
 * One row per piece of text, its text in the column of its field, so that
 * bm25 can weight fields. Row ids are derived from the owner, so that an
 * owner's rows are found, and rebuilt, by a range of row ids:
 *   recommendation r:  SEARCH_REC  + r << 16 + slot (title, text, response,
 *                      findings, inline evidence, update notes, actions)
 *   meeting m:         SEARCH_MEET + m << 16 + slot (minutes, resolved,
 *                      actions)
 *   catalogue evidence e:  SEARCH_EVID + e
 * Every write path calls the search_index_* function of what it changed,
 * inside its transaction.
 */

#define SEARCH_REC	(1LL << 40)
#define SEARCH_MEET	(2LL << 40)
#define SEARCH_EVID	(3LL << 40)
#define SEARCH_SLOTS	(1LL << 16)

/* Slots within an owner's range. */
enum {
	S_TITLE = 0, S_TEXT = 1, S_RESPONSE = 2,
	S_LIST1 = 16,		/* findings, resolved */
	S_LIST2 = 10016,	/* inline evidence, meeting actions */
	S_NOTES = 20016,	/* update notes */
	S_ACTIONS = 45016,	/* response actions */
};

/*
 * What the row ids above can hold. A write that would need more is
 * refused, whatever path it comes by (the index's writers report it and
 * the transaction goes no further), so that nothing is ever left out of
 * the index; import refuses a file that holds more, at the first item
 * beyond, before anything is written.
 */
#define SEARCH_MAX_ID		((1LL << 24) - 1)	/* recs, meetings */
#define SEARCH_MAX_EVID_ID	((1LL << 40) - 1)	/* catalogue items */
#define SEARCH_MAX_FINDINGS	(S_LIST2 - S_LIST1)	/* and resolved */
#define SEARCH_MAX_EVIDENCE	(S_NOTES - S_LIST2)	/* items and refs */
#define SEARCH_MAX_NOTES	(S_ACTIONS - S_NOTES)	/* updates' notes */
#define SEARCH_MAX_ACTIONS	(SEARCH_SLOTS - S_ACTIONS)	/* a response's */
#define SEARCH_MAX_MEETING_ACTIONS	(SEARCH_SLOTS - S_LIST2)

/*
 * search_rows() and search_owners() return SEARCH_BEYOND when an owner
 * holds more than the index can (its id is above SEARCH_MAX_*ID, or a
 * list is longer than SEARCH_MAX_*), having handed on every row that
 * fits; search_beyond() then says what, and what to do, as
 * "recommendation 12 has 10001 findings, ... (merge some of them)".
 */
#define SEARCH_BEYOND	(-3)
const char *search_beyond(void);

/*
 * For import's check of a file: the most items the index can hold of
 * list key ("findings", "evidence", "updates", "actions", "resolved") of
 * an owner ("recommendation", "response", "meeting"), and in *what their
 * name for a message ("updates with a note": only those take a place);
 * 0 for a list the index holds any number of.
 */
long long search_list_max(const char *owner, const char *key,
    const char **what);

enum search_kind { SK_REC, SK_MEETING, SK_EVIDENCE };
/* The first row id of the owner of kind k numbered id; 0, with
 * search_beyond() set, when the index cannot hold that id. */
long long search_base(enum search_kind k, long long id);
/* Set search_beyond() to "owner id of kind k has n what, more than the
 * max ..."; returns SEARCH_BEYOND. */
int search_too_many(enum search_kind k, long long id, long long n,
    long long max, const char *what);

enum search_field {
	F_TITLE, F_TEXT, F_FINDING, F_EVIDENCE, F_RESPONSE, F_NOTE, F_ACTION,
	F_MINUTES, F_NFIELDS,
};

/* The field names, as search shows them ("finding", "minutes"...). */
extern const char *const search_field_name[F_NFIELDS];

/*
 * Changing an owner's texts. The index keeps no copy of them (it reads
 * them from the tables, search_text below), and FTS5 takes a row out only
 * given the texts it was made from: so search_changing_*() is called
 * before the first change, and its rows are taken out, with the texts the
 * tables still hold, just before the next write (db_before_write());
 * search_index_*() puts them back from the tables after the last change,
 * and does nothing when nothing was written. Every write path pairs them
 * inside its transaction; search_index_*() without search_changing_*() of
 * the same owner is an internal error. 0, or -1 after reporting.
 */
void search_changing_rec(struct db *db, long long rec_id);
void search_changing_meeting(struct db *db, long long meeting_id);
void search_changing_evidence(struct db *db, long long evidence_id);
int search_index_rec(struct db *db, long long rec_id);
int search_index_meeting(struct db *db, long long meeting_id);
int search_index_evidence(struct db *db, long long evidence_id);
/* The recommendation an action belongs to, or its meeting. */
int search_changing_action(struct db *db, long long action_id);
int search_index_action(struct db *db, long long action_id);
/*
 * The rows of meetings and catalogue evidence this transaction inserted.
 * Neither is ever deleted, so new ids are above every id that had rows,
 * and their ranges are cleared by one statement each instead of one per
 * owner: every DELETE makes FTS5 write what it holds as a segment first
 * (docs/performance.md).
 */
int search_index_new(struct db *db, const long long *meetings,
    size_t nmeetings, const long long *evidence, size_t nevidence);
/*
 * The rows of a recommendation just inserted, from its record rather than
 * read back (search_rec_rows()); its updates are the ones stored, in the
 * order stored.
 */
int search_put_rec(struct db *db, long long rec_id, const struct rec_rec *r);
/* Insert the rows search_put_rec() held (which copies their texts): all
 * of them, or, unless all, only once enough are held to be worth a
 * segment of the index. 0, or -1 after reporting. */
int search_flush(struct db *db, int all);
/*
 * An import's lifetime: from search_import_begin() search_put_rec() holds
 * rows (search_flush()) and the tokenizer's second thread (pretok.h)
 * runs; search_import_end() stops the thread and forgets what is held
 * (after the commit, or the rollback), freeing the memory.
 */
void search_import_begin(struct db *db);
void search_import_end(struct db *db);

/*
 * The module's state on one connection: rows held, the owner being
 * changed, the ranking of the latest query and the tokenizer wrapper.
 * db.c makes it when it connects and frees it before it disconnects;
 * search_attach() also puts on the connection search_top()'s ranking,
 * the search_text table and, for a writer, the tokenizer wrapper. NULL
 * when search_text cannot be had.
 */
struct search;
struct search *search_attach(struct db *db, int writer);
void search_detach(struct search *s);

struct search_hit {
	long long rowid;
	double score;		/* bm25(), as ST_SEARCH's */
};

/*
 * The best limit (> 0) matches of query, best first, ranked and scored
 * exactly as ST_SEARCH ranks them (bm25 with the field weights, then row
 * id), with one pass over the matches instead of bm25's two, when the
 * query is one phrase: a word, a prefix* or "a phrase". Returns how many
 * were written to top, with *nmatch the number of matches; -1 when the
 * query holds more than one phrase (ST_SEARCH must rank it); -2 on an
 * SQL error (its message is the connection's). With members set
 * (search_members()), only their rows are kept, and *nmatch still
 * counts every match (the IDF's).
 */
long search_top(struct db *db, const char *query, size_t limit,
    struct search_hit *top, long long *nmatch);
/* The largest limit worth search_top(): it holds limit hits, and scans
 * them when one is replaced; past this, ST_SEARCH's sort does better. */
#define SEARCH_TOP_MAX	1000
/*
 * The recommendations (their ids, sorted; the caller keeps them) whose
 * rows ST_SEARCH_MEMBERS ranks and search_top() keeps: rt_member(rowid)
 * is 1 for a row of one of them, 0 for any other. NULL: none (0 for
 * every row; search_top() keeps any).
 */
void search_members(struct db *db, const long long *ids, size_t n);
/* qsort()'s order of hits as ST_SEARCH ranks them: the best (lowest)
 * score first, then row id. */
int search_hit_cmp(const void *x, const void *y);

/*
 * The rows of the index as the tables hold them (search-text.c). A row
 * has its text in field f, and a second text in field f2 (a meeting's
 * minutes beside its title) or f2 = -1 and text2 = NULL.
 */
struct search_row {
	long long rowid;
	int f, f2;
	const char *text, *text2;
};
/* A statement of db-sql.c, reset and unbound, from src; NULL on error. */
typedef sqlite3_stmt *search_stmt_fn(void *src, enum stmt_id id);
typedef int search_row_fn(void *arg, const struct search_row *row);
/* db_stmt() of the struct db src. */
sqlite3_stmt *search_db_stmt(void *src, enum stmt_id id);
/* The first row id of the owner rowid belongs to, and how many row ids
 * an owner has; 0 when it belongs to none. */
int search_owner(long long rowid, long long *base, long long *span);
/* Call fn for each row of the owner whose rows start at base, in row id
 * order, reading the tables with statements from stmt(src) (a
 * recommendation with recload.h's loader, then search_rec_rows()). 0;
 * what fn returned when not 0; -2 when a read failed (the connection's
 * error). */
int search_rows(long long base, search_stmt_fn *stmt, void *src,
    search_row_fn *fn, void *arg);
/* The same, reusing sc's memory from one owner to the next (a rebuild,
 * a check, search_text). */
struct search_scratch;
struct search_scratch *search_scratch_new(void);
void search_scratch_free(struct search_scratch *sc);
int search_rows_with(struct search_scratch *sc, long long base,
    search_stmt_fn *stmt, void *src, search_row_fn *fn, void *arg);
/*
 * The one maker of a recommendation's rows, for the writes (from an
 * import's record) and for search_text (from the one loaded): calls fn
 * for each row of recommendation rec_id, made from r, in row id order.
 * An update takes a place when it has a note, in the order of r's
 * updates, which is the order stored (updates.id). With fn NULL, only
 * checks that the index can hold r. 0; what fn returned when not 0;
 * SEARCH_BEYOND (search_beyond() says why) when r holds more than the
 * index can, having handed on every row that fits.
 */
int search_rec_rows(long long rec_id, const struct rec_rec *r,
    search_row_fn *fn, void *arg);
/* "a\nb", "a" or "b" of two optional texts (an evidence item's title
 * and text, an action's text and note: one row each). */
struct buf;
void search_join2(struct buf *b, const char *x, const char *y);
/* Call fn with the first row id of every owner the tables hold, in row id
 * order: recommendations, meetings, catalogue evidence. 0; what fn
 * returned when not 0; -2 when a read failed. */
typedef int search_owner_fn(struct db *db, long long base, void *arg);
int search_owners(struct db *db, search_owner_fn *fn, void *arg);
/* Put search_text, the index's texts by row id (the virtual table FTS5
 * reads them from: content = 'search_text'), on a connection. 0, or -1. */
int search_text_register(sqlite3 *conn);

/*
 * Check the index against the texts in the tables: every word of every
 * row in its place, and every row's size (FTS5's own 'integrity-check'
 * checks only the index's structure when the texts live outside it).
 * *bad: not 0 when they differ. 0, or -1 after reporting.
 */
int search_check(struct db *db, long long *bad);

/* Everything, from the tables (a migration, or a repair). */
int search_rebuild(struct db *db);
/* How many rows the tables say the index should hold, and how many it
 * holds; -1 on error. */
int search_counts(struct db *db, long long *expected, long long *held);
/* How many rows FTS5 counts in its averages record, which ranking reads
 * (it should be search_counts()'s held; 0 when the record is empty, as
 * in an index that never held a row); -1 when the record is missing or
 * cannot be read. */
int search_counted(struct db *db, long long *nrow);

#endif
