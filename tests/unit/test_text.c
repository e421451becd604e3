/*
 * search_text: the virtual table FTS5 reads the index's texts from
 * (search-text.c). Its rows must be exactly search_rows()'s, the rows the
 * index holds; a range or a lookup of row ids must give what the same
 * condition gives over a plain copy of it, for any value SQLite can bind;
 * and the checks that guard the index must catch what they are for.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "db-sql.h"
#include "import.h"
#include "search.h"

static const char *const files[] = {
	"data/islington/childrens-workforce-2024.yaml",
	"data/islington/making-children-visible-2023.yaml",
	"data/slough/scf-workforce-strategy-2023.yaml",
};

static struct db *
loaded(void)
{
	struct db *db = memdb();
	struct importer *imp = importer_new(db);
	size_t i, errs = 0;

	assert_int_equal(db_begin(db), RT_OK);
	for (i = 0; i < sizeof files / sizeof files[0]; i++)
		errs += importer_file(imp, files[i], NULL);
	errs += importer_finish(imp);
	assert_int_equal(errs, 0);
	assert_int_equal(db_commit(db), RT_OK);
	importer_free(imp);
	return db;
}

/* A row as text: "rowid column=text ...". */
static void
put_row(struct buf *b, long long rowid, const char *const col[F_NFIELDS])
{
	int i;

	buf_printf(b, "%lld", rowid);
	for (i = 0; i < F_NFIELDS; i++)
		if (col[i] != NULL)
			buf_printf(b, " %d=%s", i, col[i]);
	buf_addc(b, '\n');
}

/* The rows wanted, and their ids alone. */
struct want {
	struct buf rows, ids;
};

static int
want_row(void *arg, const struct search_row *r)
{
	struct want *w = arg;
	const char *col[F_NFIELDS] = { NULL };

	col[r->f] = r->text;
	if (r->f2 >= 0)
		col[r->f2] = r->text2;
	put_row(&w->rows, r->rowid, col);
	buf_printf(&w->ids, "%lld\n", r->rowid);
	return 0;
}

static int
want_owner(struct db *db, long long base, void *w)
{
	return search_rows(base, search_db_stmt, db, want_row, w);
}

/* The rows a query of (rowid, the eight columns) gives. */
static char *
rows_of(sqlite3_stmt *st)
{
	struct buf b = BUF_INIT;
	const char *col[F_NFIELDS];
	int i, rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		for (i = 0; i < F_NFIELDS; i++)
			col[i] = (const char *)sqlite3_column_text(st, i + 1);
		put_row(&b, sqlite3_column_int64(st, 0), col);
	}
	assert_int_equal(rc, SQLITE_DONE);
	sqlite3_reset(st);
	return buf_detach(&b);
}

static char *
query(struct db *db, const char *sql)
{
	sqlite3_stmt *st;
	char *s;

	assert_int_equal(sqlite3_prepare_v2(db_handle(db), sql, -1, &st, NULL),
	    SQLITE_OK);
	s = rows_of(st);
	sqlite3_finalize(st);
	return s;
}

#define COLS "title, text, finding, evidence, response, note, action, minutes"

static void
test_rows_are_search_rows(void **state)
{
	struct db *db = loaded();
	struct want w = { BUF_INIT, BUF_INIT };
	char *got, *ids;

	(void)state;
	assert_int_equal(search_owners(db, want_owner, &w), 0);
	got = query(db, "SELECT rowid, " COLS " FROM search_text");
	assert_true(w.rows.len > 10000);
	assert_string_equal(got, w.rows.s);
	free(got);
	/* the index holds exactly these rows */
	ids = query(db, "SELECT id, NULL, NULL, NULL, NULL, NULL, NULL, NULL,"
	    " NULL FROM search_docsize ORDER BY id");
	assert_string_equal(ids, w.ids.s);
	/* and FTS5 reads them: a snippet, by row id */
	got = query(db, "SELECT rowid, snippet(search, -1, '[', ']', '', 4), "
	    "NULL, NULL, NULL, NULL, NULL, NULL, NULL FROM search WHERE "
	    "search MATCH '\"key worker housing\"' ORDER BY rowid LIMIT 1");
	assert_non_null(strstr(got, "[Key worker housing]"));
	free(got);
	free(ids);
	buf_release(&w.rows);
	buf_release(&w.ids);
	db_close(db);
}

/* Bind v (its type given by kind) as parameter i. */
static void
bind_value(sqlite3_stmt *st, int i, int kind, long long v)
{
	switch (kind) {
	case 0:
		sqlite3_bind_int64(st, i, v);
		break;
	case 1:
		sqlite3_bind_double(st, i, (double)v + 0.5);
		break;
	case 2:
		sqlite3_bind_double(st, i, (double)v);
		break;
	case 3:
		sqlite3_bind_text(st, i, "x", -1, SQLITE_STATIC);
		break;
	default:
		sqlite3_bind_null(st, i);
	}
}

/* Each condition on row ids gives over search_text what it gives over a
 * plain table copy of it, for bounds on and around rows, owners and
 * kinds, the ends of the integers, and values of every type. */
static void
test_ranges_as_a_table(void **state)
{
	static const char *const conds[] = {
		"X = ?1", "X >= ?1 AND X <= ?2", "X > ?1 AND X < ?2",
		"X BETWEEN ?1 AND ?2", "X >= ?1", "X < ?2", "X > ?1",
		"X <= ?2",
	};
	struct db *db = loaded();
	sqlite3 *h = db_handle(db);
	long long vals[64], r;
	size_t nv = 0, c, i, j;
	int ki, kj, n = 0;
	sqlite3_stmt *st;

	(void)state;
	exec_ok(h, "CREATE TEMP TABLE copy AS SELECT rowid AS r, " COLS
	    " FROM search_text");
	/* the first and last rows of some owners of each kind, their
	 * neighbours, and edges */
	assert_int_equal(sqlite3_prepare_v2(h, "SELECT r FROM (SELECT r, "
	    "row_number() OVER (PARTITION BY r >> 40 ORDER BY r) AS n FROM "
	    "(SELECT min(r) AS r FROM copy GROUP BY r >> 16 UNION ALL "
	    "SELECT max(r) FROM copy GROUP BY r >> 16)) WHERE n <= 4 "
	    "ORDER BY r", -1, &st, NULL), SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW && nv < 48) {
		r = sqlite3_column_int64(st, 0);
		vals[nv++] = r;
		vals[nv++] = r - 1;
		vals[nv++] = r + 1;
	}
	sqlite3_finalize(st);
	assert_true(nv >= 30);
	vals[nv++] = SEARCH_REC + (2LL << 16);
	vals[nv++] = SEARCH_REC + (2LL << 16) - 1;
	vals[nv++] = SEARCH_MEET;
	vals[nv++] = SEARCH_MEET - 1;
	vals[nv++] = SEARCH_EVID;
	vals[nv++] = 0;
	vals[nv++] = -5;
	vals[nv++] = INT64_MAX;
	vals[nv++] = INT64_MIN;
	for (c = 0; c < sizeof conds / sizeof conds[0]; c++) {
		struct buf sa = BUF_INIT, sb = BUF_INIT;
		const char *a = conds[c], *k;
		sqlite3_stmt *x, *y;

		buf_adds(&sa, "SELECT rowid, " COLS " FROM search_text WHERE ");
		buf_adds(&sb, "SELECT r, " COLS " FROM copy WHERE ");
		for (k = a; *k; k++) {
			if (*k == 'X') {
				buf_adds(&sa, "rowid");
				buf_adds(&sb, "r");
			} else {
				buf_addc(&sa, *k);
				buf_addc(&sb, *k);
			}
		}
		buf_adds(&sa, " ORDER BY rowid");
		buf_adds(&sb, " ORDER BY r");
		assert_int_equal(sqlite3_prepare_v2(h, sa.s, -1, &x, NULL),
		    SQLITE_OK);
		assert_int_equal(sqlite3_prepare_v2(h, sb.s, -1, &y, NULL),
		    SQLITE_OK);
		buf_release(&sa);
		buf_release(&sb);
		for (i = 0; i < nv; i++)
			for (j = 0; j < nv; j += 5)
				for (ki = 0; ki < 5; ki++)
					for (kj = 0; kj < 5; kj += 2) {
						char *p, *q;

						bind_value(x, 1, ki, vals[i]);
						bind_value(y, 1, ki, vals[i]);
						bind_value(x, 2, kj, vals[j]);
						bind_value(y, 2, kj, vals[j]);
						p = rows_of(x);
						q = rows_of(y);
						if (strcmp(p, q) != 0)
							fail_msg("%s with %lld "
							    "(%d), %lld (%d)",
							    a, vals[i], ki,
							    vals[j], kj);
						n += *p != '\0';
						free(p);
						free(q);
					}
		sqlite3_finalize(x);
		sqlite3_finalize(y);
	}
	assert_true(n > 500);	/* most found rows */
	db_close(db);
}

/* A text changed behind rectrack's back is found by search_check(); a row
 * the index holds that the tables have no text for stops the change that
 * would take it out. */
static void
test_guards(void **state)
{
	struct db *db = loaded();
	sqlite3 *h = db_handle(db);
	long long bad = -1, rec;
	sqlite3_stmt *st;

	(void)state;
	assert_int_equal(search_check(db, &bad), 0);
	assert_int_equal(bad, 0);
	exec_ok(h, "UPDATE findings SET text = 'changed' WHERE pos = 0 AND"
	    " rec_id = (SELECT min(rec_id) FROM findings)");
	assert_int_equal(search_check(db, &bad), 0);
	assert_true(bad > 0);
	exec_ok(h, "INSERT INTO search (search) VALUES ('delete-all')");
	assert_int_equal(search_rebuild(db), 0);
	assert_int_equal(search_check(db, &bad), 0);
	assert_int_equal(bad, 0);

	assert_int_equal(sqlite3_prepare_v2(h, "SELECT min(rec_id) FROM "
	    "findings", -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	rec = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	exec_ok(h, "DELETE FROM findings WHERE pos = 0 AND rec_id = "
	    "(SELECT min(rec_id) FROM findings)");
	assert_int_equal(db_begin(db), RT_OK);
	search_changing_rec(db, rec);
	capture_start();
	st = db_stmt(db, ST_REC_SET_OWNER);
	sqlite3_bind_int64(st, 1, rec);
	sqlite3_bind_text(st, 2, "someone", -1, SQLITE_STATIC);
	assert_int_equal(db_exec_stmt(db, st), -1);
	capture_stop();
	assert_non_null(strstr(captured.s, "internal error: the full-text "
	    "index holds 1 rows the tables have no texts for"));
	db_rollback(db);
	/* and an owner's rows changed unannounced */
	assert_int_equal(db_begin(db), RT_OK);
	capture_start();
	assert_int_equal(search_index_rec(db, rec), -1);
	capture_stop();
	assert_non_null(strstr(captured.s, "changed unannounced"));
	db_rollback(db);
	capture_release();
	db_close(db);
}

/* Count the rows search_rows() hands on. */
static int
count_row(void *arg, const struct search_row *r)
{
	(void)r;
	(*(long long *)arg)++;
	return 0;
}

/*
 * The limits of the row ids: an owner numbered beyond them has no rows
 * (never another owner's), and a list longer than its slots is
 * SEARCH_BEYOND, the rows that fit handed on, search_text still giving
 * them, and a rebuild refusing.
 */
static void
test_limits(void **state)
{
	static const struct {
		enum search_kind k;
		long long base, span, max;
	} kinds[] = {
		{ SK_REC, SEARCH_REC, SEARCH_SLOTS, SEARCH_MAX_ID },
		{ SK_MEETING, SEARCH_MEET, SEARCH_SLOTS, SEARCH_MAX_ID },
		{ SK_EVIDENCE, SEARCH_EVID, 1, SEARCH_MAX_EVID_ID },
	};
	struct db *db = loaded();
	sqlite3 *h = db_handle(db);
	const char *what;
	long long n = 0, base, span;
	size_t i;
	char *got;

	(void)state;
	for (i = 0; i < 3; i++) {
		base = search_base(kinds[i].k, kinds[i].max);
		assert_int_equal(base, kinds[i].base + kinds[i].max *
		    kinds[i].span);
		assert_int_equal(search_owner(base + kinds[i].span - 1, &base,
		    &span), 1);
		assert_int_equal(base, kinds[i].base + kinds[i].max *
		    kinds[i].span);
		assert_int_equal(search_base(kinds[i].k, 0), kinds[i].base);
		assert_int_equal(search_base(kinds[i].k, kinds[i].max + 1), 0);
		assert_non_null(strstr(search_beyond(), "is numbered beyond"));
		assert_int_equal(search_base(kinds[i].k, -1), 0);
		assert_int_equal(search_base(kinds[i].k, INT64_MAX), 0);
	}
	assert_int_equal(search_list_max("recommendation", "findings", &what),
	    10000);
	assert_int_equal(search_list_max("recommendation", "updates", &what),
	    25000);
	assert_string_equal(what, "updates with a note");
	assert_int_equal(search_list_max("response", "actions", &what),
	    20520);
	assert_int_equal(search_list_max("meeting", "actions", &what), 55520);
	assert_int_equal(search_list_max("review", "members", &what), 0);

	/* recommendation 1 given 10,001 findings behind the index's back */
	exec_ok(h, "DELETE FROM findings WHERE rec_id = 1;"
	    "WITH RECURSIVE k(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM k"
	    " WHERE i < 10000) INSERT INTO findings (rec_id, pos, text)"
	    " SELECT 1, i, 'finding ' || i FROM k");
	assert_int_equal(search_rows(search_base(SK_REC, 1), search_db_stmt,
	    db, count_row, &n), SEARCH_BEYOND);
	assert_non_null(strstr(search_beyond(), "recommendation 1 has 10001 "
	    "findings, more than the 10000"));
	got = query(db, "SELECT count(*), 0, 0, 0, 0, 0, 0, 0, 0 FROM "
	    "search_text WHERE rowid BETWEEN 1099511693312 AND 1099511758847");
	assert_int_equal(atoll(got), n);
	free(got);
	assert_true(n >= 10001);	/* the text, and 10,000 findings */
	assert_int_equal(db_begin(db), RT_OK);
	capture_start();
	assert_int_equal(search_rebuild(db), -1);
	capture_stop();
	assert_non_null(strstr(captured.s, "10001 findings"));
	assert_non_null(strstr(captured.s, "nothing was written"));
	db_rollback(db);
	capture_release();
	db_close(db);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rows_are_search_rows),
		cmocka_unit_test(test_ranges_as_a_table),
		cmocka_unit_test(test_guards),
		cmocka_unit_test(test_limits),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
