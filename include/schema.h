#ifndef RECTRACK_SCHEMA_H
#define RECTRACK_SCHEMA_H

/*
 * The schema as untrusted input. A database file carries its own SQL:
 * triggers, views, CHECK and DEFAULT expressions, index expressions. A
 * file with rectrack's application_id may hold a trigger that forges a
 * row on every write, or a look-alike of the append-only guards that
 * does nothing. rectrack's schema is what its migrations (db-sql.c)
 * create: schema.c builds that reference by running them on an
 * in-memory database, and compares every row of sqlite_schema (type,
 * name, table and SQL text; FTS5's shadow tables included) with it.
 */

#include <sqlite3.h>

struct db;

/* One difference: what is "foreign" (not rectrack's), "missing" or
 * "altered" (its table or SQL text differ), of a type ("table",
 * "trigger", ...) and name. The texts are borrowed for the call. */
typedef void schema_diff_fn(void *arg, const char *what, const char *type,
    const char *name);

/*
 * Compare the schema of db (after migration) with rectrack's, calling
 * fn (when not NULL) for each difference in name order. Returns the
 * number of differences, or -1 after reporting when either schema
 * cannot be read; -2, unreported, when another writer held the file
 * past the wait.
 */
int schema_compare(struct db *db, schema_diff_fn *fn, void *arg);

/*
 * For a writer of the file at path, before its first write: 0 when the schema is rectrack's;
 * otherwise report what differs (and to run 'rectrack verify') and
 * return -1, so that nothing is written and no foreign trigger fires;
 * -2, unreported, when another writer held the file past the wait; -3,
 * unreported, when it differs and gone(db) says the file was removed
 * meanwhile (its maker, killed, removed what it had half written).
 */
int schema_writable(struct db *db, const char *path,
    int (*gone)(struct db *));

/*
 * Reading values: a file edited around rectrack may hold anything in any
 * column, whatever the schema says ('rectrack verify' reports it). Each
 * value is checked where it is read:
 * stored_text(): a column the schema says NOT NULL; "" for SQL NULL.
 * stored_date(): a date column; NULL (unknown) when it is not a date.
 * Both borrowed until the statement's next step.
 */
const char *stored_text(sqlite3_stmt *st, int i);
const char *stored_date(sqlite3_stmt *st, int i);

#endif
