#include "unit.h"

#include <string.h>

#include "recview.h"

static struct recview
rec(void)
{
	struct recview r;

	memset(&r, 0, sizeof r);
	return r;
}

static void
test_status_rules(void **state)
{
	struct recview r;

	(void)state;
	/* rule 3: nothing recorded, draft stage */
	r = rec();
	recview_derive(&r, "2026-11-22");
	assert_string_equal(r.status, "draft");
	/* rule 3: submitted, or stage final or later */
	r = rec();
	r.submitted = "2024-01-31";
	recview_derive(&r, "2026-11-22");
	assert_string_equal(r.status, "agreed");
	r = rec();
	r.stage = "final";
	recview_derive(&r, "2026-11-22");
	assert_string_equal(r.status, "agreed");
	r = rec();
	r.stage = "evidence";
	recview_derive(&r, "2026-11-22");
	assert_string_equal(r.status, "draft");
	/* rule 2: the response */
	r = rec();
	r.has_response = 1;
	r.decision = "accepted-in-principle";
	recview_derive(&r, "2026-11-22");
	assert_string_equal(r.status, "accepted");
	r.status = NULL;
	r.decision = "deferred";
	recview_derive(&r, "2026-11-22");
	assert_string_equal(r.status, "agreed");
	r.status = NULL;
	r.decision = "rejected";
	recview_derive(&r, "2026-11-22");
	assert_string_equal(r.status, "rejected");
	assert_false(r.open);
	/* rule 1: the latest update wins over the response */
	r = rec();
	r.has_response = 1;
	r.decision = "accepted";
	r.status = "in-progress";
	recview_derive(&r, "2026-11-22");
	assert_string_equal(r.status, "in-progress");
	assert_true(r.open);
}

static void
test_response_due(void **state)
{
	struct recview r = rec();

	(void)state;
	r.submitted = "2023-12-31";
	recview_derive(&r, "2024-02-29");
	assert_string_equal(r.response_due, "2024-02-29");
	assert_false(r.response_overdue);	/* due today, not after */
	assert_true(r.awaiting);
	assert_string_equal(r.rag, "amber");
	r.status = NULL;
	recview_derive(&r, "2024-03-01");
	assert_true(r.response_overdue);
	assert_string_equal(r.rag, "red");
	/* a closed recommendation awaits no response */
	r = rec();
	r.submitted = "2023-12-31";
	r.status = "withdrawn";
	recview_derive(&r, "2026-11-22");
	assert_false(r.response_overdue);
	assert_false(r.awaiting);
	assert_string_equal(r.rag, "green");
	/* a response received is never overdue */
	r = rec();
	r.submitted = "2024-01-31";
	r.has_response = 1;
	r.decision = "accepted";
	r.response_date = "2026-10-01";
	recview_derive(&r, "2026-11-22");
	assert_string_equal(r.response_due, "2024-03-31");
	assert_false(r.response_overdue);
	assert_string_equal(r.rag, "green");
}

static void
test_overdue_and_rag(void **state)
{
	struct recview r = rec();

	(void)state;
	r.status = "in-progress";
	r.last_update = "2026-11-01";
	r.due = "2026-11-21";
	recview_derive(&r, "2026-11-22");
	assert_true(r.overdue);
	assert_string_equal(r.rag, "red");
	r.due = "2026-11-22";
	recview_derive(&r, "2026-11-22");
	assert_false(r.overdue);
	assert_string_equal(r.rag, "amber");	/* due within 30 days */
	r.due = "2026-12-22";
	recview_derive(&r, "2026-11-22");
	assert_string_equal(r.rag, "amber");
	r.due = "2026-12-23";
	recview_derive(&r, "2026-11-22");
	assert_string_equal(r.rag, "green");
	/* closed: never overdue */
	r.status = "implemented";
	r.due = "2020-01-01";
	recview_derive(&r, "2026-11-22");
	assert_false(r.overdue);
	assert_string_equal(r.rag, "green");
}

static void
test_stale(void **state)
{
	struct recview r = rec();

	(void)state;
	r.status = "in-progress";
	r.last_update = "2026-05-22";
	recview_derive(&r, "2026-11-22");
	assert_false(r.stale);		/* exactly six months */
	r.last_update = "2026-05-21";
	recview_derive(&r, "2026-11-22");
	assert_true(r.stale);
	assert_string_equal(r.rag, "amber");
	/* a response counts as something recorded */
	r.has_response = 1;
	r.decision = "accepted";
	r.response_date = "2026-10-01";
	recview_derive(&r, "2026-11-22");
	assert_false(r.stale);
	/* nothing recorded and no dates known: not stale */
	r = rec();
	recview_derive(&r, "2026-11-22");
	assert_false(r.stale);
	/* nothing recorded since the review was published */
	r = rec();
	r.published = "2024-04-29";
	recview_derive(&r, "2026-11-22");
	assert_true(r.stale);
}

static void
test_date_passed(void **state)
{
	(void)state;
	assert_true(date_passed("2026-11-21", "2026-11-22"));
	assert_false(date_passed("2026-11-22", "2026-11-22"));	/* today */
	assert_false(date_passed("2026-11-23", "2026-11-22"));
	assert_false(date_passed(NULL, "2026-11-22"));
	assert_false(date_passed("2026-02-30", "2026-11-22"));	/* no day */
	assert_false(date_passed("soon", "2026-11-22"));
	/* across a month end and a leap day */
	assert_true(date_passed("2024-02-29", "2024-03-01"));
	assert_false(date_passed("2024-02-29", "2024-02-29"));
	assert_true(date_passed("2023-12-31", "2024-01-01"));
}

static void
test_initial_status_and_open(void **state)
{
	(void)state;
	assert_string_equal(rec_initial_status(0, NULL, NULL, NULL), "draft");
	assert_string_equal(rec_initial_status(0, NULL, NULL, "evidence"),
	    "draft");
	assert_string_equal(rec_initial_status(0, NULL, NULL, "final"),
	    "agreed");
	assert_string_equal(rec_initial_status(0, NULL, "2024-01-31", NULL),
	    "agreed");
	assert_string_equal(rec_initial_status(1, "accepted-in-principle",
	    NULL, NULL), "accepted");
	assert_string_equal(rec_initial_status(1, "rejected", "2024-01-31",
	    "final"), "rejected");
	assert_string_equal(rec_initial_status(1, "deferred", NULL, NULL),
	    "agreed");
	assert_true(rec_open("agreed"));
	assert_true(rec_open("in-progress"));
	assert_true(rec_open("not-a-status"));	/* unknown: open */
	assert_false(rec_open("implemented"));
	assert_false(rec_open("rejected"));
	assert_false(rec_open("withdrawn"));
	assert_false(rec_open("not-implemented"));
}

static void
test_overdue_fn(void **state)
{
	(void)state;
	assert_true(rec_overdue(1, "2026-11-21", "2026-11-22"));
	assert_false(rec_overdue(1, "2026-11-22", "2026-11-22"));
	assert_false(rec_overdue(0, "2020-01-01", "2026-11-22"));
	assert_false(rec_overdue(1, NULL, "2026-11-22"));
	assert_true(rec_overdue(1, "2028-02-29", "2028-03-01"));
}

static void
test_response_due_fn(void **state)
{
	char out[11];

	(void)state;
	rec_response_due("2024-01-31", out);
	assert_string_equal(out, "2024-03-31");
	rec_response_due("2023-12-31", out);	/* leap year */
	assert_string_equal(out, "2024-02-29");
	rec_response_due("2022-12-31", out);
	assert_string_equal(out, "2023-02-28");
	rec_response_due("2023-12-29", out);
	assert_string_equal(out, "2024-02-29");
	rec_response_due("1999-12-31", out);	/* 2000: a leap year */
	assert_string_equal(out, "2000-02-29");
	rec_response_due("2099-12-31", out);	/* 2100: not one */
	assert_string_equal(out, "2100-02-28");
	rec_response_due("2024-11-30", out);	/* into the next year */
	assert_string_equal(out, "2025-01-30");
	rec_response_due(NULL, out);
	assert_string_equal(out, "");
}

static void
test_awaiting_fn(void **state)
{
	(void)state;
	assert_true(rec_response_pending(1, 0));
	assert_false(rec_response_pending(1, 1));
	assert_false(rec_response_pending(0, 0));
	/* awaiting: due or overdue alike, but only once submitted */
	assert_true(rec_awaiting(1, 0, "2024-02-29"));
	assert_false(rec_awaiting(1, 0, ""));
	assert_false(rec_awaiting(1, 0, NULL));
	assert_false(rec_awaiting(1, 1, "2024-02-29"));
	assert_false(rec_awaiting(0, 0, "2024-02-29"));
	/* response overdue: the day after response_due */
	assert_false(rec_response_overdue(1, 0, "2024-02-29", "2024-02-29"));
	assert_true(rec_response_overdue(1, 0, "2024-02-29", "2024-03-01"));
	assert_false(rec_response_overdue(1, 1, "2024-02-29", "2024-03-01"));
	assert_false(rec_response_overdue(0, 0, "2024-02-29", "2024-03-01"));
	assert_false(rec_response_overdue(1, 0, "", "2024-03-01"));
}

static void
test_stale_fn(void **state)
{
	(void)state;
	assert_false(rec_stale(1, "2026-05-22", "2026-11-22"));
	assert_true(rec_stale(1, "2026-05-21", "2026-11-22"));
	assert_false(rec_stale(0, "2020-01-01", "2026-11-22"));
	assert_false(rec_stale(1, NULL, "2026-11-22"));
	/* six months before a month end is that month's last day */
	assert_false(rec_stale(1, "2026-02-28", "2026-08-31"));
	assert_true(rec_stale(1, "2026-02-27", "2026-08-31"));
	assert_false(rec_stale(1, "2024-02-29", "2024-08-31"));	/* leap */
	assert_true(rec_stale(1, "2024-02-28", "2024-08-31"));
	assert_false(rec_stale(1, "2023-12-31", "2024-06-30"));
	assert_true(rec_stale(1, "2023-12-29", "2024-06-30"));
	assert_false(rec_stale(1, "2020-01-01", "not-a-date"));
}

static void
test_slip_fn(void **state)
{
	(void)state;
	assert_false(rec_slip(NULL, "2026-03-31"));	/* the first date */
	assert_false(rec_slip("2026-03-31", "2026-03-31"));
	assert_true(rec_slip("2026-03-31", "2026-06-30"));
	assert_true(rec_slip("2026-06-30", "2026-03-31"));
}

static void
test_rag_fn(void **state)
{
	const char *t = "2026-11-22";

	(void)state;
	assert_string_equal(rec_rag(1, 1, 0, 0, 0, "2026-11-21", t), "red");
	assert_string_equal(rec_rag(1, 0, 1, 1, 0, NULL, t), "red");
	assert_string_equal(rec_rag(1, 0, 0, 1, 0, NULL, t), "amber");
	assert_string_equal(rec_rag(1, 0, 0, 0, 1, NULL, t), "amber");
	assert_string_equal(rec_rag(1, 0, 0, 0, 0, "2026-11-22", t), "amber");
	assert_string_equal(rec_rag(1, 0, 0, 0, 0, "2026-12-22", t), "amber");
	assert_string_equal(rec_rag(1, 0, 0, 0, 0, "2026-12-23", t), "green");
	assert_string_equal(rec_rag(1, 0, 0, 0, 0, NULL, t), "green");
	assert_string_equal(rec_rag(0, 0, 0, 0, 0, "2026-11-30", t), "green");
	/* 30 days on across February of a leap year */
	assert_string_equal(rec_rag(1, 0, 0, 0, 0, "2024-03-01",
	    "2024-01-31"), "amber");
	assert_string_equal(rec_rag(1, 0, 0, 0, 0, "2024-03-02",
	    "2024-01-31"), "green");
	assert_string_equal(rec_rag(1, 0, 0, 0, 0, "2023-03-02",
	    "2023-01-31"), "amber");
	assert_string_equal(rec_rag(1, 0, 0, 0, 0, "2023-03-03",
	    "2023-01-31"), "green");
}

static void
test_action_overdue_fn(void **state)
{
	const char *t = "2026-11-22";

	(void)state;
	assert_true(action_overdue("open", "2026-11-21", t));
	assert_false(action_overdue("open", "2026-11-22", t));	/* today */
	assert_false(action_overdue("open", "2026-11-23", t));
	assert_false(action_overdue("done", "2020-01-01", t));
	assert_false(action_overdue("dropped", "2020-01-01", t));
	assert_true(action_overdue(NULL, "2020-01-01", t));	/* no status */
	assert_false(action_overdue("open", NULL, t));
	assert_false(action_overdue("open", "2026-02-29", t));	/* no day */
	assert_true(action_overdue("open", "2024-02-29", "2024-03-01"));
	assert_false(action_overdue("open", "2024-02-29", "2024-02-29"));
	assert_true(action_overdue("open", "2025-12-31", "2026-01-01"));
}

/* recview_derive() and the functions agree (it calls them). */
static void
test_derive_agrees(void **state)
{
	struct recview r = rec();

	(void)state;
	r.submitted = "2023-12-31";
	r.due = "2024-02-28";
	recview_derive(&r, "2024-03-01");
	assert_true(r.awaiting);	/* a response overdue is still awaited */
	assert_true(r.response_overdue);
	assert_true(r.overdue);
	assert_int_equal(r.overdue, rec_overdue(r.open, r.due, "2024-03-01"));
	assert_string_equal(r.rag, "red");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_status_rules),
		cmocka_unit_test(test_response_due),
		cmocka_unit_test(test_overdue_and_rag),
		cmocka_unit_test(test_stale),
		cmocka_unit_test(test_date_passed),
		cmocka_unit_test(test_initial_status_and_open),
		cmocka_unit_test(test_overdue_fn),
		cmocka_unit_test(test_response_due_fn),
		cmocka_unit_test(test_awaiting_fn),
		cmocka_unit_test(test_stale_fn),
		cmocka_unit_test(test_slip_fn),
		cmocka_unit_test(test_rag_fn),
		cmocka_unit_test(test_action_overdue_fn),
		cmocka_unit_test(test_derive_agrees),
	};

	return cmocka_run_group_tests_name("derive", tests, NULL, NULL);
}
