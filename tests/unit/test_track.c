#include "unit.h"

#include <string.h>

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

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_moves),
		cmocka_unit_test(test_something_to_record),
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_signoff),
		cmocka_unit_test(test_note_needed),
	};

	return cmocka_run_group_tests_name("track", tests, NULL, NULL);
}
