#ifndef RECTRACK_DERIVED_H
#define RECTRACK_DERIVED_H

#include "db.h"
#include "recview.h"

/*
 * The stored derivation (db-sql.c's table derived, migration 10): what a
 * recommendation's history says that does not depend on the date asked
 * about, one row per recommendation, so that the lists filter on it
 * through indexes instead of deriving every recommendation first.
 *
 * It is derived from the history by recview_live() (the same rules as
 * a recommendation's own 'show') and kept right inside each write's
 * transaction: a write path says what it changed with derived_changed()
 * (a recommendation, or every one of a review or committee whose dates
 * or response clock changed), and derived_flush() puts their rows back;
 * db_commit() flushes what is left. A rollback forgets what was marked.
 */

/* A write transaction begins: its commit flushes the marks (made now
 * if none are), so that under RECTRACK_CHECK_DERIVED every commit
 * checks every row, a write that marked nothing too. */
void derived_watch(struct db *db);

/* Mark what scope/id holds as changed (its rows derived again at the
 * next derived_flush()). */
void derived_changed(struct db *db, enum recview_scope scope, long long id);

/*
 * The row of recommendation rec_id of review review_id just inserted
 * by an import from its record r, of the review rv as the file gives it
 * (a new review: the database holds the same), its committee's
 * response_within committee_within, its updates stored in r's order with
 * ids up to last_update_id: derived in C from the record rather than
 * read back (the common case at scale, a first import). A record that
 * holds a retraction is marked instead (derived_changed()). 0, or -1
 * after reporting.
 */
struct rec_rec;
struct review_rec;
int derived_put_new(struct db *db, long long review_id, long long rec_id,
    const struct rec_rec *r, const struct review_rec *rv,
    const char *committee_within, long long last_update_id);

/*
 * A bulk import, about to add some `adding` recommendations: when they
 * outnumber those held, the stored derivation's secondary indexes (and
 * those of owners and addressees) are dropped when the first new
 * review's rows come (derived_put_new()) and made again, sorted, at the
 * commit, and review_counts' triggers with them, every review counted
 * then (a row at a time into six indexes of random order costs a first
 * import of 100,000 recommendations 40% of its time; docs/performance.md).
 * A re-import that adds no review drops nothing, and so writes nothing.
 * 0, or -1 after reporting.
 */
int derived_bulk(struct db *db, long long adding);

/* Derive the rows of everything marked again. 0, or -1 after
 * reporting. */
int derived_flush(struct db *db);

/* Every recommendation's row anew (the migration, 'reindex'). 0, or -1
 * after reporting. */
int derived_rebuild(struct db *db);

/*
 * Each stored row that differs from the history: fn(arg, rec, handle,
 * field, stored, derived) per field that differs (NULL: none), handle
 * the recommendation's REVIEW/REF as stored (unescaped); field "row"
 * with stored NULL when its row is missing, and with derived NULL and
 * handle "" for a row whose recommendation is gone (rec the row's id).
 * Returns the number of differences, or -1 after reporting a database
 * error.
 */
typedef void derived_diff_fn(void *arg, long long rec, const char *handle,
    const char *field, const char *stored, const char *derived);
long long derived_verify(struct db *db, derived_diff_fn *fn, void *arg);

#endif
