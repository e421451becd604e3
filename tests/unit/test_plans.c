/*
 * Every statement of db-sql.c is explained (EXPLAIN QUERY PLAN) against
 * the real schema, and fails the test when a step of its plan
 *   - scans a whole table that grows with the data ("SCAN t", a covering
 *     index scan included; committees and the schema stay small), or
 *   - sorts or groups through a temporary b-tree ("USE TEMP B-TREE"),
 * unless the statement is named in exceptions[] below, for that kind of
 * step, with the reason it may: it returns, or checks, every row anyway.
 * A new statement is checked from the start; excusing it is a decision
 * written down here.
 */
#include "unit.h"

#include <stdio.h>
#include <string.h>

#include "db-sql.h"

enum step { STEP_SCAN = 1, STEP_TEMP = 2 };

struct exception {
	enum stmt_id id;
	unsigned steps;		/* the kinds of step excused */
	const char *why;
};

static const struct exception exceptions[] = {
	/* whole tables, by purpose: the statement returns or checks every row */
	{ ST_DERIVED_ORPHANS, STEP_SCAN, "verify: every stored derivation" },
	{ ST_DERIVED_CLEAR, STEP_SCAN, "reindex: every stored derivation goes" },
	{ ST_DERIVED_COUNT, STEP_SCAN,
	    "a bulk import: counts the stored derivation, once" },
	{ ST_COUNTS_FILL, STEP_SCAN | STEP_TEMP,
	    "reindex, a bulk import's commit: counts every stored derivation" },
	{ ST_COUNTS_DIFF, STEP_SCAN | STEP_TEMP,
	    "verify: counts every stored derivation, beside every count" },
	{ ST_COUNTS_CLEAR, STEP_SCAN,
	    "reindex, a bulk import's commit: every count goes (run with "
	    "review_counts' triggers dropped, a truncation)" },
	{ ST_CCOUNTS_FILL, STEP_SCAN | STEP_TEMP,
	    "reindex, a bulk import's commit: sums every review's counts" },
	{ ST_CCOUNTS_DIFF, STEP_SCAN | STEP_TEMP,
	    "verify: sums every review's counts, beside every committee's" },
	{ ST_ACTIONS, STEP_SCAN | STEP_TEMP,
	    "the action log with no committee or review: every action" },
	{ ST_CHASE_ACTIONS, STEP_SCAN,
	    "chase with no committee or review: every open action" },
	/* a committee's or review's actions, from the meetings' and the
	 * recommendations' indexes: sorted, never a scan */
	{ ST_ACTIONS_OF, STEP_TEMP, "the actions of one committee, sorted" },
	{ ST_VERIFY_MEETING_REVIEWS, STEP_SCAN,
	    "verify: every meeting's review" },
	{ ST_VERIFY_EVIDENCE_LINKS, STEP_SCAN, "verify: every evidence link" },
	{ ST_VERIFY_ORPHAN_INLINE, STEP_SCAN, "verify: every inline item" },
	{ ST_VERIFY_RETRACTS, STEP_SCAN, "verify: every update" },
	{ ST_VERIFY_VALUES, STEP_SCAN, "verify: every text column" },
	{ ST_IX_ALL_RECS, STEP_SCAN, "reindex: every recommendation" },
	{ ST_IX_ALL_MEETINGS, STEP_SCAN, "reindex: every meeting" },
	{ ST_IX_ALL_EVIDENCE, STEP_SCAN, "reindex: every catalogue item" },
	{ ST_IX_SIZES, STEP_SCAN, "verify: every index row's size" },
	{ ST_IX_EXPECTED, STEP_SCAN, "verify: counts every row" },
	{ ST_IX_HELD, STEP_SCAN, "verify: counts every index row" },
	{ ST_PATCH_COUNTS, STEP_SCAN,
	    "export --dir: counts a scratch database of one file" },
	{ ST_REVIEW_IDS, STEP_SCAN,
	    "stage: every review id, for did-you-mean once none matched" },
	{ ST_EVIDENCE_INLINE_ORPHANS, STEP_SCAN,
	    "the foreign-key check of a deleted inline item scans rec_evidence "
	    "(no index on evidence_id); only when a re-import drops one" },
	/* sorts of what one owner holds, a handful of rows, or of what the
	 * statement returns in full */
	{ ST_SEARCH_MEMBERS, STEP_TEMP,
	    "a filtered search: the matches of the few recommendations that "
	    "pass, by score" },
	{ ST_LIST_REC, STEP_TEMP, "one recommendation's updates" },
	{ ST_LIVE_REVIEW, STEP_TEMP, "each recommendation's updates" },
	{ ST_LIVE_COMMITTEE, STEP_TEMP, "each recommendation's updates" },
	{ ST_LIVE_ALL, STEP_TEMP, "each recommendation's updates" },
#define FEW_SORTED "the matches of one condition, when a probe found few " \
	    "(recview.c's FEW), sorted into the lists' order"
	{ ST_LIST_BY_OVERDUE, STEP_TEMP, FEW_SORTED },
	{ ST_LIST_BY_DUE, STEP_TEMP, FEW_SORTED },
	{ ST_LIST_BY_STALE, STEP_TEMP, FEW_SORTED },
	{ ST_LIST_BY_RESPONSE, STEP_TEMP, FEW_SORTED },
	{ ST_LIST_BY_UPDATED, STEP_TEMP, FEW_SORTED },
	{ ST_LIST_BY_SIGNOFF, STEP_TEMP, FEW_SORTED },
	{ ST_LIST_BY_STATUS, STEP_TEMP, FEW_SORTED },
	{ ST_LIST_BY_OWNER, STEP_TEMP, FEW_SORTED },
	{ ST_LIST_BY_ADDRESSEE, STEP_TEMP, FEW_SORTED },
	{ ST_OWNERS, STEP_SCAN,
	    "the recursive CTE of distinct owners, one index seek each" },
	{ ST_ADDRESSEES, STEP_SCAN,
	    "the recursive CTE of distinct addressees, one index seek each" },
	{ ST_REC_UPDATES, STEP_TEMP, "one recommendation's updates" },
	{ ST_REC_DUES, STEP_TEMP, "one recommendation's updates" },
	{ ST_LOAD_UPDATES, STEP_TEMP, "one recommendation's updates" },
	{ ST_UPDATE_RETRACTABLE, STEP_TEMP, "one recommendation's updates" },
	{ ST_LOAD_REPLACED, STEP_TEMP,
	    "one recommendation's replaced responses" },
	{ ST_REC_MEETINGS, STEP_TEMP, "the meetings of one review" },
	{ ST_EX_MEETINGS, STEP_TEMP, "export: one committee's meetings" },
	{ ST_EX_MEETING_ACTIONS, STEP_TEMP, "one meeting's actions" },
	{ ST_IX_MEETING_ACTIONS, STEP_TEMP, "one meeting's actions" },
	{ ST_EX_CATALOGUE, STEP_TEMP, "export: one review's catalogue" },
	{ ST_EX_RECS, STEP_TEMP, "export: one review's recommendations" },
	{ ST_SEARCH, STEP_TEMP, "the matches ranked by score (bm25)" },
	{ ST_SIMILAR, STEP_TEMP, "the hits summed and ranked per recommendation" },
};

/* Tables that stay small, by name and by alias (plans name a table by
 * the alias db-sql.c gives it; c is always committees). */
static const char *const small[] = {
	"committees", "c", "sqlite_schema", NULL,
};

/* The table a step "SCAN t ..." scans whole, when it grows, or NULL. */
static const char *
scanned(const char *detail, char *name, size_t size)
{
	size_t i, n;

	if (strncmp(detail, "SCAN ", 5) != 0)
		return NULL;
	n = strcspn(detail + 5, " ");
	if (n >= size)
		n = size - 1;
	memcpy(name, detail + 5, n);
	name[n] = '\0';
	/* an FTS5 query, a materialised CTE of its hits, a constant row */
	if (strstr(detail, "VIRTUAL TABLE") != NULL ||
	    strcmp(name, "hits") == 0 || name[0] == '(' ||
	    strcmp(name, "CONSTANT") == 0)
		return NULL;
	for (i = 0; small[i] != NULL; i++)
		if (strcmp(name, small[i]) == 0)
			return NULL;
	return name;
}

static unsigned
excused(int id)
{
	size_t i;

	for (i = 0; i < sizeof exceptions / sizeof exceptions[0]; i++)
		if ((int)exceptions[i].id == id)
			return exceptions[i].steps;
	return 0;
}

/*
 * The steps of sql's plan that break the rules and are not in allowed,
 * each printed with label; how many.
 */
static int
plan_problems(sqlite3 *h, const char *label, const char *sql,
    unsigned allowed)
{
	char buf[16384], name[64];
	sqlite3_stmt *st;
	int p, bad = 0;

	snprintf(buf, sizeof buf, "EXPLAIN QUERY PLAN %s", sql);
	if (sqlite3_prepare_v2(h, buf, -1, &st, NULL) != SQLITE_OK)
		fail_msg("%s: %s", label, sqlite3_errmsg(h));
	for (p = 1; p <= sqlite3_bind_parameter_count(st); p++)
		sqlite3_bind_int64(st, p, 1);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *d = (const char *)sqlite3_column_text(st, 3);

		if (!(allowed & STEP_SCAN) &&
		    scanned(d, name, sizeof name) != NULL) {
			print_error("%s scans '%s': %s\n", label, name, d);
			bad++;
		}
		if (!(allowed & STEP_TEMP) &&
		    strstr(d, "USE TEMP B-TREE") != NULL) {
			print_error("%s sorts in a temporary b-tree: %s\n",
			    label, d);
			bad++;
		}
	}
	sqlite3_finalize(st);
	return bad;
}

/*
 * A database as rectrack makes it: no ANALYZE (rectrack never runs it), so
 * the planner plans as it does for every user, from the schema alone.
 * ANALYZE of empty tables would say they are empty, where a scan is cheap.
 */
static struct db *
planned(void)
{
	return memdb();
}

static void
test_every_statement(void **state)
{
	struct db *db = planned();
	char label[96];
	int i, bad = 0;

	(void)state;
	for (i = 0; i < ST_COUNT; i++) {
		if (db_sql[i] == NULL)
			continue;
		snprintf(label, sizeof label, "statement %d (%.40s...)", i,
		    db_sql[i]);
		bad += plan_problems(db_handle(db), label, db_sql[i],
		    excused(i));
	}
	db_close(db);
	assert_int_equal(bad, 0);
}

/* The checker itself catches what it is for: 'rectrack action N' found
 * its action through the action log's optional filter ("?5 IS NULL OR
 * a.id = ?5"), a scan of every action under BEGIN IMMEDIATE. */
static void
test_catches_a_scan(void **state)
{
	struct db *db = planned();

	(void)state;
	assert_int_equal(plan_problems(db_handle(db), "old action lookup",
	    "SELECT COALESCE(a.status, 'open') FROM actions a"
	    " WHERE (?1 IS NULL OR a.id = ?1)", 0), 1);
	assert_int_equal(plan_problems(db_handle(db), "unindexed order",
	    "SELECT id FROM recs WHERE review_id = ?1 ORDER BY owner", 0), 1);
	assert_int_equal(plan_problems(db_handle(db), "action by number",
	    db_sql[ST_ACTION_STATUS], 0), 0);
	db_close(db);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_statement),
		cmocka_unit_test(test_catches_a_scan),
	};

	return cmocka_run_group_tests_name("plans", tests, NULL, NULL);
}
