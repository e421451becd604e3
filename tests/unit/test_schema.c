/*
 * schema.c: the schema compared with what the migrations make, and the
 * values read against what the schema promises.
 */
#include "unit.h"

#include <string.h>

#include "schema.h"

static void
collect(void *arg, const char *what, const char *type, const char *name)
{
	buf_printf(arg, "%s %s %s\n", what, type, name);
}

static int
stays(struct db *db)
{
	(void)db;
	return 0;
}

static int
went(struct db *db)
{
	(void)db;
	return 1;
}

static void
test_same(void **state)
{
	struct db *db = memdb();

	(void)state;
	assert_int_equal(schema_compare(db, NULL, NULL), 0);
	assert_int_equal(schema_writable(db, ":memory:", stays), 0);
	db_close(db);
}

static void
test_differences(void **state)
{
	struct db *db = memdb();
	struct buf b = BUF_INIT;

	(void)state;
	exec_ok(db_handle(db),
	    "CREATE TRIGGER audit AFTER INSERT ON updates BEGIN"
	    "  SELECT 1; END;"
	    "DROP TRIGGER updates_no_delete;"
	    "CREATE TRIGGER updates_no_delete BEFORE DELETE ON updates BEGIN"
	    "  SELECT 1; END;"
	    "DROP TRIGGER response_history_no_update;"
	    "CREATE VIEW v AS SELECT 1;");
	assert_int_equal(schema_compare(db, collect, &b), 4);
	/* in name order */
	assert_string_equal(b.s, "foreign trigger audit\n"
	    "missing trigger response_history_no_update\n"
	    "altered trigger updates_no_delete\n"
	    "foreign view v\n");
	capture_start();
	assert_int_equal(schema_writable(db, "x.db", stays), -1);
	capture_stop();
	assert_non_null(strstr(captured.s, "x.db: the schema is not "
	    "rectrack's (trigger 'audit' is foreign, and more): nothing was "
	    "written"));
	capture_release();
	/* a file removed meanwhile: not reported, -3 */
	capture_start();
	assert_int_equal(schema_writable(db, "x.db", went), -3);
	capture_stop();
	assert_string_equal(captured.s, "");
	capture_release();
	buf_release(&b);
	db_close(db);
}

static void
test_stored(void **state)
{
	struct db *db = memdb();
	sqlite3_stmt *st;

	(void)state;
	assert_int_equal(sqlite3_prepare_v2(db_handle(db), "SELECT NULL, "
	    "'2024-02-30', '2024-02-29', 'x'", -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_string_equal(stored_text(st, 0), "");
	assert_string_equal(stored_text(st, 3), "x");
	assert_null(stored_date(st, 0));
	assert_null(stored_date(st, 1));
	assert_string_equal(stored_date(st, 2), "2024-02-29");
	sqlite3_finalize(st);
	db_close(db);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_same),
		cmocka_unit_test(test_differences),
		cmocka_unit_test(test_stored),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
