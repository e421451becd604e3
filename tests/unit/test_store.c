/*
 * The store and import semantics on an in-memory database opened through
 * db_open(), so the migrations run in every test.
 */
#include "unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "import.h"
#include "recview.h"

static const char base[] =
    "committee:\n"
    "  id: c1\n"
    "  name: Example Scrutiny Committee\n"
    "  authority: Example Council\n"
    "meetings:\n"
    "  - id: m1\n"
    "    title: Witness session\n"
    "    review: r1\n"
    "    actions:\n"
    "      - id: A1\n"
    "        text: Officers to report back.\n"
    "reviews:\n"
    "  - id: r1\n"
    "    title: A review\n"
    "    submitted: 2024-01-31\n"
    "    evidence:\n"
    "      - id: E1\n"
    "        kind: survey\n"
    "        title: A survey\n"
    "    recommendations:\n"
    "      - ref: 1\n"
    "        text: Do one thing.\n"
    "        findings: [First finding]\n"
    "        evidence:\n"
    "          - E1\n"
    "          - kind: other\n"
    "            title: Inline\n"
    "        response:\n"
    "          decision: accepted\n"
    "          text: Agreed.\n"
    "        updates:\n"
    "          - date: 2024-05-01\n"
    "            status: in-progress\n"
    "            due: 2024-12-31\n"
    "      - ref: \"2\"\n"
    "        text: Do another thing.\n";

struct fx {
	struct db *db;
	struct store_stats stats;
};

static int
setup(void **state)
{
	struct fx *fx = calloc(1, sizeof *fx);

	fx->db = memdb();
	*state = fx;
	return 0;
}

static int
teardown(void **state)
{
	struct fx *fx = *state;

	db_close(fx->db);
	free(fx);
	capture_release();
	return 0;
}

/* Import text as one transaction; returns the error count. */
static size_t
import(struct fx *fx, const char *text)
{
	struct importer *imp = importer_new(fx->db);
	size_t errs;

	capture_start();
	assert_int_equal(db_begin(fx->db), RT_OK);
	errs = importer_buffer(imp, "t.yaml", text, strlen(text), NULL);
	errs += importer_finish(imp);
	if (errs == 0)
		assert_int_equal(db_commit(fx->db), RT_OK);
	else
		db_rollback(fx->db);
	capture_stop();
	fx->stats = *importer_stats(imp);
	importer_free(imp);
	return errs;
}

static long long
count(struct fx *fx, const char *table)
{
	char sql[128];
	sqlite3_stmt *st;
	long long n;

	snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", table);
	assert_int_equal(sqlite3_prepare_v2(db_handle(fx->db), sql, -1, &st,
	    NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

static void
test_schema(void **state)
{
	struct fx *fx = *state;
	sqlite3_stmt *st;

	assert_int_equal(sqlite3_prepare_v2(db_handle(fx->db),
	    "PRAGMA user_version", -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(st, 0), db_schema_version());
	sqlite3_finalize(st);
	assert_int_equal(sqlite3_prepare_v2(db_handle(fx->db),
	    "PRAGMA application_id", -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(st, 0), DB_APPLICATION_ID);
	sqlite3_finalize(st);
}

static void
test_import_counts(void **state)
{
	struct fx *fx = *state;

	assert_int_equal(import(fx, base), 0);
	assert_int_equal(fx->stats.n[K_COMMITTEE][C_ADDED], 1);
	assert_int_equal(fx->stats.n[K_REVIEW][C_ADDED], 1);
	assert_int_equal(fx->stats.n[K_MEETING][C_ADDED], 1);
	assert_int_equal(fx->stats.n[K_ACTION][C_ADDED], 1);
	assert_int_equal(fx->stats.n[K_EVIDENCE][C_ADDED], 2);
	assert_int_equal(fx->stats.n[K_REC][C_ADDED], 2);
	assert_int_equal(fx->stats.n[K_RESPONSE][C_ADDED], 1);
	assert_int_equal(fx->stats.n[K_UPDATE][C_ADDED], 1);
	assert_int_equal(count(fx, "recs"), 2);
	assert_int_equal(count(fx, "findings"), 1);
	assert_int_equal(count(fx, "rec_evidence"), 2);
}

static void
test_reimport_unchanged(void **state)
{
	struct fx *fx = *state;
	size_t k;

	assert_int_equal(import(fx, base), 0);
	assert_int_equal(import(fx, base), 0);
	for (k = 0; k < K_COUNT; k++) {
		assert_int_equal(fx->stats.n[k][C_ADDED], 0);
		assert_int_equal(fx->stats.n[k][C_CHANGED], 0);
	}
	assert_int_equal(fx->stats.n[K_REC][C_UNCHANGED], 2);
	assert_int_equal(count(fx, "updates"), 1);
	assert_int_equal(count(fx, "evidence"), 2);
}

static char *
replace(const char *text, const char *from, const char *to)
{
	const char *at = strstr(text, from);
	struct buf b = BUF_INIT;

	assert_non_null(at);
	buf_add(&b, text, (size_t)(at - text));
	buf_adds(&b, to);
	buf_adds(&b, at + strlen(from));
	return buf_detach(&b);
}

static void
test_change_detected(void **state)
{
	struct fx *fx = *state;
	char *changed = replace(base, "Do another thing.", "Do it better.");

	assert_int_equal(import(fx, base), 0);
	assert_int_equal(import(fx, changed), 0);
	assert_int_equal(fx->stats.n[K_REC][C_CHANGED], 1);
	assert_int_equal(fx->stats.n[K_REC][C_UNCHANGED], 1);
	free(changed);
	/* a finding changed is a change to its recommendation */
	changed = replace(base, "First finding", "Revised finding");
	assert_int_equal(import(fx, changed), 0);
	assert_int_equal(fx->stats.n[K_REC][C_CHANGED], 2);
	free(changed);
}

/* Inline evidence is matched by position: a new item put first replaces
 * the one held there entirely, inheriting none of its fields. */
static void
test_inline_evidence_replaced(void **state)
{
	struct fx *fx = *state;
	char *dated = replace(base, "            title: Inline\n",
	    "            title: Inline\n            date: 2024-02-20\n"
	    "            text: Said at the focus group.\n");
	char *moved = replace(base, "          - kind: other\n"
	    "            title: Inline\n", "          - kind: testimony\n"
	    "            title: New first\n          - kind: other\n"
	    "            title: Inline\n");
	sqlite3_stmt *st;

	assert_int_equal(import(fx, dated), 0);
	assert_int_equal(import(fx, moved), 0);
	/* position 1 now holds the new item; the old one moved to 2 */
	assert_int_equal(fx->stats.n[K_EVIDENCE][C_CHANGED], 1);
	assert_int_equal(fx->stats.n[K_EVIDENCE][C_ADDED], 1);
	assert_int_equal(sqlite3_prepare_v2(db_handle(fx->db),
	    "SELECT kind, title, date IS NULL, text IS NULL FROM evidence"
	    " WHERE rec_id IS NOT NULL ORDER BY pos", -1, &st, NULL),
	    SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_string_equal(sqlite3_column_text(st, 0), "testimony");
	assert_string_equal(sqlite3_column_text(st, 1), "New first");
	assert_int_equal(sqlite3_column_int(st, 2), 1);
	assert_int_equal(sqlite3_column_int(st, 3), 1);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_string_equal(sqlite3_column_text(st, 1), "Inline");
	assert_int_equal(sqlite3_step(st), SQLITE_DONE);
	sqlite3_finalize(st);
	assert_int_equal(count(fx, "rec_evidence"), 3);
	free(dated);
	free(moved);
}

static void
test_error_writes_nothing(void **state)
{
	struct fx *fx = *state;
	char *bad = replace(base, "    recommendations:\n",
	    "    recomendations:\n");

	assert_int_equal(import(fx, bad), 1);
	assert_string_equal(captured.s, "t.yaml:20:5: unknown key "
	    "'recomendations'; did you mean 'recommendations'?\n");
	assert_int_equal(count(fx, "committees"), 0);
	assert_int_equal(count(fx, "recs"), 0);
	free(bad);
}

static void
test_history_append_only(void **state)
{
	struct fx *fx = *state;
	sqlite3 *h = db_handle(fx->db);

	assert_int_equal(import(fx, base), 0);
	assert_int_not_equal(sqlite3_exec(h, "UPDATE updates SET note = 'x'",
	    NULL, NULL, NULL), SQLITE_OK);
	assert_int_not_equal(sqlite3_exec(h, "DELETE FROM updates", NULL,
	    NULL, NULL), SQLITE_OK);
	assert_int_equal(count(fx, "updates"), 1);
}

/* Every connection is defensive and does not trust the schema: a trigger
 * that calls a function not marked innocuous, or SQL that writes FTS5's
 * own tables or the schema itself, is refused. */
static void
test_defensive(void **state)
{
	struct fx *fx = *state;
	sqlite3 *h = db_handle(fx->db);

	assert_int_equal(import(fx, base), 0);
	assert_int_equal(sqlite3_exec(h, "CREATE TRIGGER t AFTER INSERT "
	    "ON findings BEGIN SELECT fts5(NULL); END", NULL, NULL,
	    NULL), SQLITE_OK);
	assert_int_not_equal(sqlite3_exec(h, "INSERT INTO findings (rec_id, "
	    "pos, text) SELECT min(id), 99, 'x' FROM recs", NULL, NULL, NULL),
	    SQLITE_OK);
	assert_int_equal(sqlite3_exec(h, "DROP TRIGGER t", NULL, NULL, NULL),
	    SQLITE_OK);
	assert_int_not_equal(sqlite3_exec(h, "DELETE FROM search_data", NULL,
	    NULL, NULL), SQLITE_OK);
	sqlite3_exec(h, "PRAGMA writable_schema = ON", NULL, NULL, NULL);
	assert_int_not_equal(sqlite3_exec(h, "UPDATE sqlite_schema SET sql = "
	    "sql || ' ' WHERE name = 'updates_no_delete'", NULL, NULL, NULL),
	    SQLITE_OK);
	assert_int_equal(count(fx, "findings"), 1);
}

static void
test_review_cannot_move(void **state)
{
	struct fx *fx = *state;
	char *moved = replace(base, "id: c1", "id: c2");

	assert_int_equal(import(fx, base), 0);
	assert_int_equal(import(fx, moved), 1);
	assert_string_equal(captured.s, "t.yaml:13:9: review 'r1' belongs to "
	    "committee 'c1', not 'c2': a review cannot move between "
	    "committees\n");
	free(moved);
}

static int
first_view(const struct recview *r, void *arg)
{
	char *out = arg;

	snprintf(out, 200, "%s %s %s %s %d", r->handle, r->status, r->rag,
	    r->due ? r->due : "-", r->overdue);
	return 1;
}

static void
test_view(void **state)
{
	struct fx *fx = *state;
	struct filter f;
	char out[200] = "";

	assert_int_equal(import(fx, base), 0);
	memset(&f, 0, sizeof f);
	assert_int_equal(recview_each(fx->db, &f, "2026-11-22", first_view,
	    out), 0);
	assert_string_equal(out, "r1/1 in-progress red 2024-12-31 1");
}

/* A path in /tmp where no file is. */
static void
no_file(char *path)
{
	int fd = mkstemp(path);

	assert_true(fd >= 0);
	close(fd);
	unlink(path);
}

static void
test_refuses_foreign_and_newer(void **state)
{
	char path[] = "/tmp/rectrack-unit-XXXXXX";
	struct db *db = NULL;
	sqlite3 *h;

	(void)state;
	no_file(path);
	/* a database made by a newer rectrack */
	assert_int_equal(db_open(&db, path, DB_WRITE), RT_OK);
	db_close(db);
	assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
	assert_int_equal(sqlite3_exec(h, "PRAGMA user_version = 99", NULL,
	    NULL, NULL), SQLITE_OK);
	sqlite3_close(h);
	capture_start();
	assert_int_equal(db_open(&db, path, DB_WRITE), RT_FAIL);
	capture_stop();
	assert_non_null(strstr(captured.s, "made by a newer rectrack"));
	unlink(path);
	/* some other program's database */
	assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
	assert_int_equal(sqlite3_exec(h, "CREATE TABLE t(x)", NULL, NULL,
	    NULL), SQLITE_OK);
	sqlite3_close(h);
	capture_start();
	assert_int_equal(db_open(&db, path, DB_WRITE), RT_FAIL);
	capture_stop();
	assert_non_null(strstr(captured.s, "not a rectrack database"));
	unlink(path);
	/* a read never creates a file */
	capture_start();
	assert_int_equal(db_open(&db, path, DB_READ), RT_FAIL);
	capture_stop();
	assert_int_not_equal(access(path, F_OK), 0);
}

static long long
count_committees(const char *path)
{
	sqlite3 *h;
	sqlite3_stmt *st;
	long long n = -1;

	if (sqlite3_open(path, &h) != SQLITE_OK)
		return -1;
	if (sqlite3_prepare_v2(h, "SELECT count(*) FROM committees", -1,
	    &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(h);
	return n;
}

/* Begin, and insert a committee. */
static void
add_committee(struct db *db, const char *cid)
{
	sqlite3_stmt *st;

	assert_int_equal(db_begin(db), RT_OK);
	st = db_stmt(db, ST_COMMITTEE_INSERT);
	db_bind_text(st, 1, cid);
	db_bind_text(st, 2, "A committee");
	db_bind_text(st, 3, "A council");
	assert_int_equal(db_exec_stmt(db, st), 0);
}

/*
 * Only the opener that made a file may remove it, and only while nobody
 * else wrote to it; a deferred commit commits nothing until db_end().
 */
static void
test_made_file_removal(void **state)
{
	char path[] = "/tmp/rectrack-unit-XXXXXX";
	struct db *maker = NULL, *other = NULL;

	(void)state;
	no_file(path);
	capture_start();
	assert_int_equal(db_open(&maker, "", DB_WRITE), RT_USAGE);
	capture_stop();
	/* made and untouched: removed */
	assert_int_equal(db_open(&maker, path, DB_WRITE), RT_OK);
	assert_true(db_created(maker));
	assert_int_equal(db_remove_unused(maker), 1);
	db_close(maker);
	assert_int_not_equal(access(path, F_OK), 0);
	/* made, but another connection wrote: kept */
	assert_int_equal(db_open(&maker, path, DB_WRITE), RT_OK);
	assert_int_equal(db_open(&other, path, DB_WRITE), RT_OK);
	assert_false(db_created(other));
	add_committee(other, "c9");
	/* deferred: nothing is committed until db_end() */
	db_defer_commit(other);
	assert_int_equal(db_commit(other), RT_OK);
	assert_int_equal(count_committees(path), 0);
	assert_int_equal(db_end(other, 1), RT_OK);
	assert_int_equal(count_committees(path), 1);
	db_close(other);
	assert_int_equal(db_remove_unused(maker), 0);
	db_close(maker);
	assert_int_equal(access(path, F_OK), 0);
	/* a deferred commit rolled back at the end writes nothing */
	assert_int_equal(db_open(&other, path, DB_WRITE), RT_OK);
	db_defer_commit(other);
	add_committee(other, "c10");
	assert_int_equal(db_commit(other), RT_OK);
	assert_int_equal(db_end(other, 0), RT_FAIL);
	db_close(other);
	assert_int_equal(count_committees(path), 1);
	unlink(path);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_schema, setup, teardown),
		cmocka_unit_test_setup_teardown(test_import_counts, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_reimport_unchanged, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_change_detected, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_inline_evidence_replaced,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_error_writes_nothing,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_history_append_only,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_defensive, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_review_cannot_move, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_view, setup, teardown),
		cmocka_unit_test_setup_teardown(test_refuses_foreign_and_newer,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_made_file_removal, setup,
		    teardown),
	};

	return cmocka_run_group_tests_name("store", tests, NULL, NULL);
}
