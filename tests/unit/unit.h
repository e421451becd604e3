/*
 * Shared helpers for the cmocka unit tests: diagnostics captured into a
 * buffer, and a fresh in-memory database through the real db_open(), so
 * every test runs the migrations.
 */
#ifndef RECTRACK_UNIT_H
#define RECTRACK_UNIT_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "buf.h"
#include "db.h"
#include "diag.h"

static struct buf captured = BUF_INIT;

static void
capture_sink(const struct diag *d, void *arg)
{
	(void)arg;
	buf_adds(&captured, d->line_text);
	buf_addc(&captured, '\n');
}

static inline void
capture_start(void)
{
	buf_reset(&captured);
	diag_reset();
	diag_set_sink(capture_sink, NULL);
}

static inline void
capture_stop(void)
{
	diag_set_sink(NULL, NULL);
}

static inline void
capture_release(void)
{
	buf_release(&captured);
}

static inline struct db *
memdb(void)
{
	struct db *db = NULL;

	assert_int_equal(db_open(&db, ":memory:", DB_WRITE), RT_OK);
	assert_non_null(db);
	return db;
}

/* Run SQL that must succeed. */
static inline void
exec_ok(sqlite3 *h, const char *sql)
{
	char *err = NULL;

	if (sqlite3_exec(h, sql, NULL, NULL, &err) != SQLITE_OK)
		fail_msg("%s: %s", sql, err);
}

#endif
