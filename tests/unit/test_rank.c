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

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_one_phrase_as_bm25),
		cmocka_unit_test(test_more_phrases_refused),
		cmocka_unit_test(test_part_outside_refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
