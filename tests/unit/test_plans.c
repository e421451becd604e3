/*
 * No query that lists, shows, searches or reports scans a whole large
 * table: each is explained (EXPLAIN QUERY PLAN) against the real schema,
 * and a plan step "SCAN <table>" of a large table fails the test. The
 * whole-database list (no filter) is allowed its scan: it returns every
 * row. Checked too: the statements search_text runs to give FTS5 a
 * row's texts (for every snippet), and those of a write's index rows.
 */
#include "unit.h"

#include <stdio.h>
#include <string.h>

#include "db-sql.h"

/* The large tables, by name and by the aliases db-sql.c gives them
 * (plans name a table by its alias). */
static const char *const large[] = {
	"recs", "updates", "findings", "evidence", "rec_evidence", "actions",
	"responses", "meetings", "meeting_resolved", "review_items",
	"reviews", "search_docsize", "r", "rv", "u", "s", "x", "e", "m", "a",
	"o", "i", NULL,
};

static const enum stmt_id checked[] = {
	ST_LIST_COMMITTEE, ST_LIST_REVIEW, ST_LIST_REC, ST_REC_BY_ID,
	ST_REC_BY_HANDLE, ST_REC_UPDATES, ST_REC_DUES, ST_FINDINGS,
	ST_REC_EVIDENCE_FULL, ST_RESPONSE_GET, ST_RESPONSE_ACTIONS,
	ST_RESPONSE_HISTORY, ST_REC_MEETINGS, ST_SEARCH, ST_SEARCH_TOP,
	ST_HIT_REC, ST_HIT_MEETING, ST_HIT_EVIDENCE, ST_SIMILAR,
	ST_COMMITTEE_MATCH, ST_REVIEW_ROW, ST_REVIEW_GET, ST_REC_GET, ST_EX_RECS,
	ST_EX_REC_EVIDENCE, ST_EX_UPDATES, ST_EX_REVIEWS, ST_EX_CATALOGUE,
	ST_EX_MEETINGS,
	/* what search_text runs for each snippet, and a write for each
	 * owner it changes (search-text.c, search.c) */
	ST_IX_REC, ST_IX_REC_FINDINGS, ST_IX_REC_EVIDENCE, ST_IX_REC_RESPONSE,
	ST_IX_REC_NOTES, ST_IX_REC_ACTIONS, ST_IX_MEETING,
	ST_IX_MEETING_RESOLVED, ST_IX_MEETING_ACTIONS, ST_IX_EVIDENCE,
	ST_IX_PRESENT, ST_IX_RECS_IN, ST_IX_MEETINGS_IN, ST_IX_EVIDENCE_IN,
};

/* A plan line "SCAN x ..." of a large table x (not a covering search). */
static const char *
full_scan(const char *detail)
{
	size_t i, n;

	if (strncmp(detail, "SCAN ", 5) != 0)
		return NULL;
	for (i = 0; large[i] != NULL; i++) {
		n = strlen(large[i]);
		if (strncmp(detail + 5, large[i], n) == 0 &&
		    (detail[5 + n] == ' ' || detail[5 + n] == '\0'))
			return large[i];
	}
	return NULL;
}

static void
test_no_full_scans(void **state)
{
	struct db *db = memdb();
	sqlite3 *h = db_handle(db);
	char sql[8192];
	size_t i;
	int p, bad = 0;

	(void)state;
	/* enough rows that the planner prefers its indexes */
	assert_int_equal(sqlite3_exec(h, "ANALYZE", NULL, NULL, NULL),
	    SQLITE_OK);
	for (i = 0; i < sizeof checked / sizeof checked[0]; i++) {
		sqlite3_stmt *st;

		snprintf(sql, sizeof sql, "EXPLAIN QUERY PLAN %s",
		    db_sql[checked[i]]);
		if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) != SQLITE_OK)
			fail_msg("statement %zu: %s", (size_t)checked[i],
			    sqlite3_errmsg(h));
		for (p = 1; p <= sqlite3_bind_parameter_count(st); p++)
			sqlite3_bind_int64(st, p, 1);
		sqlite3_bind_text(st, 1, "x", -1, SQLITE_STATIC);
		if (checked[i] != ST_SEARCH && checked[i] != ST_SEARCH_TOP &&
		    checked[i] != ST_SIMILAR &&
		    checked[i] != ST_REC_BY_HANDLE &&
		    checked[i] != ST_REVIEW_ROW && checked[i] != ST_REVIEW_GET)
			sqlite3_bind_int64(st, 1, 1);
		while (sqlite3_step(st) == SQLITE_ROW) {
			const char *d = (const char *)sqlite3_column_text(st, 3);
			const char *t = full_scan(d);

			if (t != NULL) {
				print_error("statement %d scans '%s': %s\n",
				    (int)checked[i], t, d);
				bad++;
			}
		}
		sqlite3_finalize(st);
	}
	db_close(db);
	assert_int_equal(bad, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_no_full_scans),
	};

	return cmocka_run_group_tests_name("plans", tests, NULL, NULL);
}
