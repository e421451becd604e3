/*
 * search_top() ranks a query of one phrase in one pass and skips the row
 * sizes of rows that cannot make the cut; what it returns must be exactly
 * what ST_SEARCH (SQLite's bm25() with rectrack's weights, then row id)
 * returns: the same rows, in the same order, with bit-identical scores,
 * for words rare and common, prefixes, phrases and any limit.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "db-sql.h"
#include "search.h"

static const char *const words[] = {
	"council", "housing", "recruit", "retention", "social", "worker",
	"children", "library", "foster", "carer", "budget", "review",
};

/* Rows of texts in every column, with words of every frequency; many
 * rows tie exactly (same text, same size), so ties are tried too. */
static void
fill(struct db *db, int nrows)
{
	sqlite3_stmt *st;
	struct buf b = BUF_INIT;
	int i, k, col;
	unsigned seed = 7;

	for (i = 0; i < nrows; i++) {
		st = db_stmt(db, ST_IX_INSERT);
		sqlite3_bind_int64(st, 1, SEARCH_REC + ((long long)i << 16) + i % 5);
		col = i % F_NFIELDS;
		buf_reset(&b);
		if (i % 7 == 0) {
			buf_adds(&b, "council housing review");	/* ties */
		} else {
			for (k = 0; k < 3 + i % 29; k++) {
				seed = seed * 1103515245u + 12345u;
				buf_adds(&b, words[(seed >> 16) %
				    (k % 3 ? 12 : 4)]);
				buf_addc(&b, ' ');
			}
		}
		db_bind_text(st, 2 + col, b.s);
		assert_int_equal(db_exec_stmt(db, st), RT_OK);
	}
	buf_release(&b);
}

/* The same query through ST_SEARCH and search_top(). */
static void
same(struct db *db, const char *query, size_t limit)
{
	struct search_hit *top = calloc(limit, sizeof *top);
	sqlite3_stmt *st = db_stmt(db, ST_SEARCH);
	long long nmatch = -1, nref = 0;
	long n, i = 0;

	n = search_top(db, query, limit, top, &nmatch);
	assert_true(n >= 0);
	db_bind_text(st, 1, query);
	sqlite3_bind_int64(st, 2, -1);
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (i < n) {
			if (top[i].rowid != sqlite3_column_int64(st, 0) ||
			    top[i].score != sqlite3_column_double(st, 1))
				fail_msg("%s, limit %zu: hit %ld is %lld %.17g, "
				    "bm25 says %lld %.17g", query, limit, i,
				    top[i].rowid, top[i].score,
				    (long long)sqlite3_column_int64(st, 0),
				    sqlite3_column_double(st, 1));
			i++;
		}
		nref++;
	}
	sqlite3_reset(st);
	assert_int_equal(i, n);
	assert_int_equal(nmatch, nref);
	assert_int_equal((size_t)n, nref < (long long)limit ? (size_t)nref :
	    limit);
	free(top);
}

static void
test_one_phrase_as_bm25(void **state)
{
	static const char *const queries[] = {
		"council", "housing", "library", "recruit*", "c*",
		"\"council housing\"", "\"housing review\"", "budget",
		"\"social worker children\"", "nowhere",
	};
	static const size_t limits[] = { 1, 3, 20, 100, 5000 };
	struct db *db = memdb();
	size_t q, l;

	(void)state;
	fill(db, 3000);
	for (q = 0; q < sizeof queries / sizeof queries[0]; q++)
		for (l = 0; l < sizeof limits / sizeof limits[0]; l++)
			same(db, queries[q], limits[l]);
	db_close(db);
}

static void
test_more_phrases_refused(void **state)
{
	static const char *const queries[] = {
		"council housing", "council OR budget", "council NOT housing",
		"NEAR(council housing)",
	};
	struct db *db = memdb();
	struct search_hit top[5];
	long long nmatch;
	size_t q;

	(void)state;
	fill(db, 200);
	for (q = 0; q < sizeof queries / sizeof queries[0]; q++)
		assert_int_equal(search_top(db, queries[q], 5, top, &nmatch),
		    -1);
	/* a query FTS5 cannot read: an SQL error, for the caller to say */
	assert_int_equal(search_top(db, "\"unclosed", 5, top, &nmatch), -2);
	db_close(db);
}

/*
 * rt_bm25_part() keeps the best in search_top()'s array: called from any
 * other statement (someone's SQL, a crafted database), it is an error,
 * and writes nowhere; search_top() still ranks after it.
 */
static void
test_part_outside_refused(void **state)
{
	struct db *db = memdb();
	struct search_hit top[5];
	long long nmatch;
	char *err = NULL;

	(void)state;
	fill(db, 200);
	assert_int_equal(sqlite3_exec(db_handle(db), "SELECT rowid FROM "
	    "search WHERE search MATCH 'council' AND rt_bm25_part(search)",
	    NULL, NULL, &err), SQLITE_ERROR);
	assert_non_null(err);
	assert_non_null(strstr(err, "not from search_top()"));
	sqlite3_free(err);
	assert_int_equal(search_top(db, "housing", 5, top, &nmatch), 5);
	assert_true(nmatch > 5);
	db_close(db);
}

/*
 * An index whose averages record (FTS5's row 1 of search_data) is gone,
 * as a crafted database may have it: the ranking cannot start, the
 * search is an SQL error for the caller to say, and what the ranking
 * had allocated is freed (LeakSanitizer and valgrind, which run these
 * tests, see a leak).
 */
static void
test_no_averages(void **state)
{
	struct db *db = memdb();
	struct search_hit top[5];
	long long nmatch;

	(void)state;
	fill(db, 200);
	assert_int_equal(sqlite3_db_config(db_handle(db),
	    SQLITE_DBCONFIG_DEFENSIVE, 0, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db_handle(db), "DELETE FROM search_data "
	    "WHERE id = 1", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(search_top(db, "housing", 5, top, &nmatch), -2);
	db_close(db);
}

/* rt_member(rowid) */
static int
member(struct db *db, long long rowid)
{
	sqlite3_stmt *st;
	int r = -1;

	assert_int_equal(sqlite3_prepare_v2(db_handle(db),
	    "SELECT rt_member(?1)", -1, &st, NULL), SQLITE_OK);
	sqlite3_bind_int64(st, 1, rowid);
	if (sqlite3_step(st) == SQLITE_ROW)
		r = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return r;
}

/*
 * The members' look-up starts where the last ended: rows asked in order,
 * backwards, far ahead, repeated, before the first and after the last
 * member all answer as a search of the whole list would.
 */
static void
test_members_any_order(void **state)
{
	static const long long ids[] = { 3, 5, 9, 10, 11, 40, 41, 1000,
	    1001, 70000 };
	static const long long asked[] = { 0, 1, 3, 4, 5, 9, 10, 11, 12, 40,
	    41, 42, 999, 1000, 1001, 1002, 69999, 70000, 70001, 5, 3, 2,
	    70000, 9, 1000, 11, 10, 3, 100000, 41, 0, 1001, 40, 6 };
	struct db *db = memdb();
	size_t i, j;
	int want;

	(void)state;
	search_members(db, ids, sizeof ids / sizeof ids[0]);
	for (i = 0; i < sizeof asked / sizeof asked[0]; i++) {
		for (want = 0, j = 0; j < sizeof ids / sizeof ids[0]; j++)
			want |= ids[j] == asked[i];
		if (member(db, SEARCH_REC + asked[i] * SEARCH_SLOTS +
		    (long long)i % 7) != want)
			fail_msg("recommendation %lld (asked %zu): not %d",
			    asked[i], i, want);
	}
	/* a meeting's row with a member's number, or none set: no member */
	assert_int_equal(member(db, SEARCH_MEET + 3 * SEARCH_SLOTS), 0);
	assert_int_equal(member(db, SEARCH_REC + 3 * SEARCH_SLOTS), 1);
	search_members(db, NULL, 0);
	assert_int_equal(member(db, SEARCH_REC + 3 * SEARCH_SLOTS), 0);
	db_close(db);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_one_phrase_as_bm25),
		cmocka_unit_test(test_more_phrases_refused),
		cmocka_unit_test(test_part_outside_refused),
		cmocka_unit_test(test_no_averages),
		cmocka_unit_test(test_members_any_order),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
