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

/* Mark what scope/id holds as changed (its rows derived again at the
 * next derived_flush()). */
void derived_changed(struct db *db, enum recview_scope scope, long long id);

/* Derive the rows of everything marked again. 0, or -1 after
 * reporting. */
int derived_flush(struct db *db);

/* Every recommendation's row anew (the migration, 'reindex'). 0, or -1
 * after reporting. */
int derived_rebuild(struct db *db);

/*
 * Each stored row that differs from the history: fn(arg, rec, field,
 * stored, derived) per field that differs (field "row" with stored NULL
 * when the row is missing; a row with no recommendation has rec the
 * row's id and derived NULL). Returns the number of differences, or -1
 * after reporting a database error.
 */
typedef void derived_diff_fn(void *arg, long long rec, const char *field,
    const char *stored, const char *derived);
long long derived_verify(struct db *db, derived_diff_fn *fn, void *arg);

#endif
