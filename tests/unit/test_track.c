#include "unit.h"

#include <stdlib.h>
#include <string.h>

#include "import.h"
#include "search.h"
#include "track.h"

/* A recommendation in the state the test puts it in (no database). */
static struct rec_now
now_of(const char *status, const char *due, const char *last_date,
    const char *signed_off)
{
	struct rec_now n;

	memset(&n, 0, sizeof n);
	n.handle = (char *)"r/1";
	n.status = (char *)status;
	n.due = (char *)due;
	n.last_date = (char *)last_date;
	n.signed_off = (char *)signed_off;
	return n;
}

static char err[512];

static int
check(const struct rec_now *n, const struct track_req *req)
{
	err[0] = '\0';
	return track_check(n, req, err, sizeof err);
}

static void
assert_refused(const struct rec_now *n, const struct track_req *req,
    const char *says)
{
	assert_int_equal(check(n, req), -1);
	if (strstr(err, says) == NULL)
		fail_msg("'%s' lacks '%s'", err, says);
}

static void
test_moves(void **state)
{
	struct rec_now n = now_of("accepted", NULL, "2026-06-01", NULL);
	struct track_req r = { .status = "in-progress", .date = "2026-06-01" };

	(void)state;
	assert_int_equal(check(&n, &r), 0);
	r.status = "implemented";
	assert_refused(&n, &r, "needs --note: the evidence");
	r.note = "Done";
	assert_refused(&n, &r, "cannot move from 'accepted' to 'implemented'; "
	    "from 'accepted' it can go to: in-progress, withdrawn");
	r.force = 1;
	assert_int_equal(check(&n, &r), 0);
	/* closed is closed, but for a note keeping the status */
	n = now_of("implemented", NULL, NULL, NULL);
	r = (struct track_req){ .status = "in-progress", .date = "2026-06-01",
	    .note = "x" };
	assert_refused(&n, &r, "'implemented' is closed");
	r.status = "implemented";
	assert_int_equal(check(&n, &r), 0);
	r.status = "finished";
	assert_refused(&n, &r, "unknown status 'finished'");
}

static void
test_something_to_record(void **state)
{
	struct rec_now n = now_of("in-progress", "2027-03-31", "2026-06-01",
	    NULL);
	struct track_req r = { .status = "in-progress", .date = "2026-06-01" };

	(void)state;
	assert_refused(&n, &r, "the status is already 'in-progress'; to "
	    "record progress, give --note");
	r.status = NULL;	/* the current status */
	assert_refused(&n, &r, "the status is already 'in-progress'");
	r.rag = "amber";
	assert_int_equal(check(&n, &r), 0);
	r.rag = "grey";
	assert_refused(&n, &r, "unknown rag 'grey' (one of: red, amber, "
	    "green, blue)");
}

static void
test_dates(void **state)
{
	struct rec_now n = now_of("in-progress", "2027-03-31", "2026-06-01",
	    NULL);
	struct track_req r = { .date = "2026-05-31", .note = "x" };

	(void)state;
	assert_refused(&n, &r, "an update dated 2026-06-01 is already "
	    "recorded; the history runs in date order, so --date must be "
	    "2026-06-01 or later");
	r.date = "2026-06-01";
	assert_int_equal(check(&n, &r), 0);
	/* a moved target date needs a reason */
	r = (struct track_req){ .date = "2026-06-01", .due = "2027-06-30" };
	assert_refused(&n, &r, "the target date is already 2027-03-31; "
	    "moving it needs --reason");
	r.reason = "Consultation extended";
	assert_int_equal(check(&n, &r), 0);
	/* the same date again records nothing, whatever the date */
	r = (struct track_req){ .date = "2020-01-01", .due = "2027-03-31" };
	assert_int_equal(check(&n, &r), 0);
	/* a first target date needs no reason, and is no update */
	n = now_of("accepted", NULL, "2026-06-01", NULL);
	r = (struct track_req){ .date = "2020-01-01", .due = "2027-03-31" };
	assert_int_equal(check(&n, &r), 0);
	/* with a reason it is an update, so in date order */
	r.reason = "Set by Cabinet";
	assert_refused(&n, &r, "--date must be 2026-06-01 or later");
}

static void
test_signoff(void **state)
{
	struct rec_now n = now_of("in-progress", NULL, "2026-06-01", NULL);
	struct track_req r = { .date = "2026-11-22", .signed_off = 1 };

	(void)state;
	assert_refused(&n, &r, "'in-progress' is still open: only a closed "
	    "recommendation can be signed off; record that it was implemented "
	    "first ('rectrack status r/1 implemented --note EVIDENCE')");
	n = now_of("implemented", NULL, "2026-06-01", NULL);
	assert_int_equal(check(&n, &r), 0);
	n = now_of("withdrawn", NULL, "2026-06-01", NULL);
	assert_int_equal(check(&n, &r), 0);
	n = now_of("implemented", NULL, "2026-06-01", "2026-06-01");
	assert_refused(&n, &r, "already signed off on 2026-06-01");
	/* a closing move signed off at once */
	n = now_of("in-progress", NULL, "2026-06-01", NULL);
	r.status = "implemented";
	assert_refused(&n, &r, "needs --note");
	r.note = "Done and agreed";
	assert_int_equal(check(&n, &r), 0);
}

static void
test_note_needed(void **state)
{
	(void)state;
	assert_non_null(track_note_needed("implemented"));
	assert_non_null(track_note_needed("not-implemented"));
	assert_null(track_note_needed("withdrawn"));
	assert_null(track_note_needed("in-progress"));
}

static const char one_rec[] =
    "committee: {id: c1, name: A Committee, authority: A Council}\n"
    "reviews:\n"
    "  - id: r1\n"
    "    title: A review\n"
    "    recommendations:\n"
    "      - ref: \"1\"\n"
    "        text: Do one thing.\n"
    "        updates:\n"
    "          - {date: 2026-05-01, status: in-progress, due: 2026-12-31}\n"
    "      - ref: \"2\"\n"
    "        text: Do another.\n";

/* The updates of recommendation id as "date status due note rag signed
 * forced|"
 * in the store's order, then its own due as "due DATE" (the caller
 * frees). */
static char *
updates_of(struct db *db, long long id)
{
	struct buf b = BUF_INIT;
	sqlite3_stmt *st;

	assert_int_equal(sqlite3_prepare_v2(db_handle(db), "SELECT date,"
	    " status, COALESCE(due, '-'), COALESCE(note, '-'),"
	    " COALESCE(rag, '-'), signed_off, forced, 0 AS k, recorded AS o,"
	    " id AS i FROM updates WHERE rec_id = ?1 UNION ALL SELECT 'due',"
	    " COALESCE(due, '-'), '', '', '', 0, 0, 1, '', 0 FROM recs"
	    " WHERE id = ?1 ORDER BY k, o, i", -1, &st, NULL), SQLITE_OK);
	sqlite3_bind_int64(st, 1, id);
	while (sqlite3_step(st) == SQLITE_ROW)
		buf_printf(&b, "%s %s %s %s %s %d %d|",
		    sqlite3_column_text(st, 0), sqlite3_column_text(st, 1),
		    sqlite3_column_text(st, 2), sqlite3_column_text(st, 3),
		    sqlite3_column_text(st, 4), sqlite3_column_int(st, 5),
		    sqlite3_column_int(st, 6));
	sqlite3_finalize(st);
	return buf_detach(&b);
}

/* How many updates recommendation id has. */
static int
count_updates(struct db *db, long long id)
{
	sqlite3_stmt *st;
	int n;

	assert_int_equal(sqlite3_prepare_v2(db_handle(db), "SELECT count(*)"
	    " FROM updates WHERE rec_id = ?1", -1, &st, NULL), SQLITE_OK);
	sqlite3_bind_int64(st, 1, id);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	n = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return n;
}

/* Check and record r on recommendation id, then assert its updates and
 * own due (updates_of()) are want, and that track_updates() counted the
 * updates written. */
static void
record_is(struct ctx *ctx, long long id, const struct rec_now *n,
    const struct track_req *r, const char *want)
{
	char *got;
	int before = count_updates(ctx->db, id), nupd = track_updates(n, r);

	assert_int_equal(check(n, r), 0);
	search_changing_rec(ctx->db, id);
	assert_int_equal(track_record(ctx, id, n, r), 0);
	assert_int_equal(count_updates(ctx->db, id) - before, nupd);
	got = updates_of(ctx->db, id);
	assert_string_equal(got, want);
	free(got);
}

static void
test_record(void **state)
{
	struct importer *imp;
	struct ctx ctx;
	struct rec_now n = now_of("in-progress", "2026-12-31", "2026-05-01",
	    NULL);
	struct track_req r = { .date = "2026-11-22", .by = "officer",
	    .note = "Half done", .due = "2027-03-31", .reason = "Late start",
	    .rag = "amber" };

	(void)state;
	memset(&ctx, 0, sizeof ctx);
	ctx.db = memdb();
	setenv("RECTRACK_NOW", "2026-11-22T10:00:00Z", 1);
	imp = importer_new(ctx.db);
	assert_int_equal(db_begin(ctx.db), RT_OK);
	assert_int_equal(importer_buffer(imp, "t.yaml", one_rec,
	    strlen(one_rec), NULL) + importer_finish(imp), 0);
	importer_free(imp);
	/* a note and a reason: the progress, then the move */
	record_is(&ctx, 1, &n, &r, "2026-05-01 in-progress 2026-12-31 - - 0 0|"
	    "2026-11-22 in-progress - Half done amber 0 0|"
	    "2026-11-22 in-progress 2027-03-31 Late start - 0 0|"
	    "due -    0 0|");
	assert_int_equal(track_updates(&n, &r), 2);
	/* a moved date alone: one update */
	n = now_of("in-progress", "2027-03-31", "2026-11-22", NULL);
	r = (struct track_req){ .date = "2026-11-22", .due = "2027-06-30",
	    .reason = "Later" };
	assert_int_equal(track_updates(&n, &r), 1);
	/* a note with the date already set: one update */
	r = (struct track_req){ .date = "2026-11-22", .note = "More",
	    .due = "2027-03-31", .reason = "Same" };
	assert_int_equal(track_updates(&n, &r), 1);
	/* a first target date without a reason: the recommendation's own */
	n = now_of("draft", NULL, NULL, NULL);
	r = (struct track_req){ .date = "2026-11-22", .due = "2027-01-31" };
	assert_int_equal(track_updates(&n, &r), 0);
	n = now_of("draft", NULL, NULL, NULL);
	r = (struct track_req){ .date = "2026-11-22", .due = "2027-01-31" };
	record_is(&ctx, 2, &n, &r, "due 2027-01-31    0 0|");
	/* a forced closing move, signed off at once, the date moved too */
	n = now_of("draft", "2027-01-31", NULL, NULL);
	r = (struct track_req){ .date = "2026-11-22", .status = "implemented",
	    .note = "Done", .due = "2026-11-22", .reason = "Early",
	    .signed_off = 1, .force = 1 };
	record_is(&ctx, 2, &n, &r, "2026-11-22 implemented - Done - 1 1|"
	    "2026-11-22 implemented 2026-11-22 Early - 0 0|"
	    "due 2027-01-31    0 0|");
	assert_int_equal(db_commit(ctx.db), RT_OK);
	db_close(ctx.db);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_moves),
		cmocka_unit_test(test_something_to_record),
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_signoff),
		cmocka_unit_test(test_note_needed),
		cmocka_unit_test(test_record),
	};

	return cmocka_run_group_tests_name("track", tests, NULL, NULL);
}
