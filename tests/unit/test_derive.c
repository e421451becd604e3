#include "unit.h"

#include <string.h>

#include "date.h"
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
	assert_string_equal(r.rag, "grey");
	/* a response received is never overdue */
	r = rec();
	r.submitted = "2024-01-31";
	r.has_response = 1;
	r.decision = "accepted";
	r.response_date = "2026-10-01";
	recview_derive(&r, "2026-11-22");
	assert_string_equal(r.response_due, "2024-03-31");
	assert_false(r.response_overdue);
	/* accepted, and no target date set: amber (issue 18) */
	assert_string_equal(r.rag, "amber");
	assert_string_equal(r.rag_reason, "no target date set");
	r.status = NULL;
	r.due = "2027-06-30";
	recview_derive(&r, "2026-11-22");
	assert_string_equal(r.rag, "green");
	assert_string_equal(r.rag_reason, "");
}

static void
test_overdue_and_rag(void **state)
{
	struct recview r = rec();

	(void)state;
	r.status = "in-progress";
	r.has_response = 1;	/* else it awaits one: amber (issue 18) */
	r.decision = "accepted";
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
	/* closed: never overdue; implemented is blue */
	r.status = "implemented";
	r.due = "2020-01-01";
	recview_derive(&r, "2026-11-22");
	assert_false(r.overdue);
	assert_string_equal(r.rag, "blue");
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
	rec_response_due("2024-01-31", NULL, out);
	assert_string_equal(out, "2024-03-31");
	rec_response_due("2023-12-31", NULL, out);	/* leap year */
	assert_string_equal(out, "2024-02-29");
	rec_response_due("2022-12-31", NULL, out);
	assert_string_equal(out, "2023-02-28");
	rec_response_due("2023-12-29", NULL, out);
	assert_string_equal(out, "2024-02-29");
	rec_response_due("1999-12-31", NULL, out);	/* 2000: a leap year */
	assert_string_equal(out, "2000-02-29");
	rec_response_due("2099-12-31", NULL, out);	/* 2100: not one */
	assert_string_equal(out, "2100-02-28");
	rec_response_due("2024-11-30", NULL, out);	/* into the next year */
	assert_string_equal(out, "2025-01-30");
	rec_response_due(NULL, NULL, out);
	assert_string_equal(out, "");
	rec_response_due(NULL, "28 days", out);
	assert_string_equal(out, "");
	/* response_within: days and weeks are counted, months calendar */
	rec_response_due("2026-01-31", "28 days", out);
	assert_string_equal(out, "2026-02-28");
	rec_response_due("2024-02-01", "28 days", out);	/* leap */
	assert_string_equal(out, "2024-02-29");
	rec_response_due("2026-12-20", "2 weeks", out);
	assert_string_equal(out, "2027-01-03");
	rec_response_due("2026-11-22", "1 day", out);
	assert_string_equal(out, "2026-11-23");
	rec_response_due("2026-08-31", "6 months", out);
	assert_string_equal(out, "2027-02-28");
	rec_response_due("2026-01-31", "2 months", out);
	assert_string_equal(out, "2026-03-31");
	/* not a period: unknown, never a guess */
	rec_response_due("2026-01-31", "a month", out);
	assert_string_equal(out, "");
}

static void
test_response_within_fn(void **state)
{
	(void)state;
	/* the nearest stated wins: recommendation, review, committee */
	assert_string_equal(rec_response_within("28 days", "8 weeks",
	    "3 months"), "28 days");
	assert_string_equal(rec_response_within(NULL, "8 weeks", "3 months"),
	    "8 weeks");
	assert_string_equal(rec_response_within(NULL, NULL, "3 months"),
	    "3 months");
	assert_null(rec_response_within(NULL, NULL, NULL));
	/* a value that is not a period (a file edited around rectrack)
	 * counts as not stated */
	assert_string_equal(rec_response_within("soon", NULL, "1 month"),
	    "1 month");
	assert_null(rec_response_within("0 days", "28", "2 fortnights"));
}

static void
test_period_parse(void **state)
{
	static const char *const bad[] = { "0 days", "-1 days", "028 days",
	    "28days", "28  days", "28 Days", "28 days ", "2 fortnights",
	    "two months", "10000 days", "" };
	size_t i;
	int n;
	char u;

	(void)state;
	assert_true(period_parse("28 days", &n, &u));
	assert_int_equal(n, 28);
	assert_int_equal(u, 'd');
	assert_true(period_parse("1 week", &n, &u));
	assert_int_equal(u, 'w');
	assert_true(period_parse("8 weeks", NULL, NULL));
	assert_true(period_parse("2 months", &n, &u));
	assert_int_equal(n, 2);
	assert_int_equal(u, 'm');
	assert_true(period_parse("1 month", NULL, NULL));
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++)
		assert_false(period_parse(bad[i], NULL, NULL));
	assert_false(period_parse(NULL, NULL, NULL));
	assert_true(year_valid("2023-24"));
	assert_true(year_valid("1999-00"));
	assert_false(year_valid("2023-25"));
	assert_false(year_valid("2023/24"));
	assert_false(year_valid("23-24"));
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

/* An open recommendation for rec_rag(), derived against t. */
static struct recview
open_rec(const char *status, int has_response, const char *due)
{
	struct recview r = rec();

	r.status = status;
	r.has_response = has_response;
	r.decision = has_response ? "accepted" : NULL;
	r.due = due;
	r.last_update = "2026-11-01";
	return r;
}

static const char *
rag_of(struct recview *r, const char *today)
{
	recview_derive(r, today);
	return r->rag;
}

/* The RAG of a recommendation in progress, due on due, updated today. */
static const char *
due_rag(const char *due, const char *today)
{
	struct recview r = open_rec("in-progress", 1, due);

	r.last_update = today;
	return rag_of(&r, today);
}

static void
test_rag_fn(void **state)
{
	const char *t = "2026-11-22";
	struct recview r;

	(void)state;
	/* red: overdue, response overdue; every reason said */
	r = open_rec("in-progress", 1, "2026-11-21");
	assert_string_equal(rag_of(&r, t), "red");
	assert_string_equal(r.rag_reason, "target date 2026-11-21 passed");
	r = open_rec("agreed", 0, NULL);
	r.submitted = "2026-03-16";
	assert_string_equal(rag_of(&r, t), "red");
	assert_string_equal(r.rag_reason, "response overdue since 2026-05-16");
	r.due = "2026-10-01";
	assert_string_equal(rag_of(&r, t), "red");
	assert_string_equal(r.rag_reason, "target date 2026-10-01 passed; "
	    "response overdue since 2026-05-16");
	/* amber: due within 30 days, up to today + 30 */
	r = open_rec("in-progress", 1, "2026-11-22");
	assert_string_equal(rag_of(&r, t), "amber");
	assert_string_equal(r.rag_reason,
	    "target date 2026-11-22 within 30 days");
	r = open_rec("in-progress", 1, "2026-12-22");
	assert_string_equal(rag_of(&r, t), "amber");
	r = open_rec("in-progress", 1, "2026-12-23");
	assert_string_equal(rag_of(&r, t), "green");
	assert_string_equal(r.rag_reason, "");
	/* 30 days on across February of a leap year, and of another */
	assert_string_equal(due_rag("2024-03-01", "2024-01-31"), "amber");
	assert_string_equal(due_rag("2024-03-02", "2024-01-31"), "green");
	assert_string_equal(due_rag("2023-03-02", "2023-01-31"), "amber");
	assert_string_equal(due_rag("2023-03-03", "2023-01-31"), "green");
	/* amber: awaiting a response, its due date known */
	r = open_rec("agreed", 0, "2027-06-30");
	r.submitted = "2026-11-05";
	assert_string_equal(rag_of(&r, t), "amber");
	assert_string_equal(r.rag_reason, "awaiting a response, due 2027-01-05");
	/* or not: nothing unknown is shown as fine */
	r = open_rec("agreed", 0, "2027-06-30");
	r.stage = "final";
	assert_string_equal(rag_of(&r, t), "amber");
	assert_string_equal(r.rag_reason,
	    "awaiting a response; the date it is due from is not stated");
	/* a review not yet final: the recommendation is not yet sent */
	r = open_rec(NULL, 0, NULL);
	r.stage = "draft";
	assert_string_equal(rag_of(&r, t), "amber");
	assert_string_equal(r.status, "draft");
	assert_string_equal(r.rag_reason,
	    "not yet sent to the executive (the review is not final)");
	/* accepted, partially accepted, in progress, or responded to, with
	 * no target date */
	r = open_rec("accepted", 1, NULL);
	assert_string_equal(rag_of(&r, t), "amber");
	assert_string_equal(r.rag_reason, "no target date set");
	r = open_rec("in-progress", 1, NULL);
	assert_string_equal(rag_of(&r, t), "amber");
	r = open_rec("partially-accepted", 1, NULL);
	assert_string_equal(rag_of(&r, t), "amber");
	r = open_rec("agreed", 1, NULL);	/* noted: agreed, responded */
	r.decision = "noted";
	assert_string_equal(rag_of(&r, t), "amber");
	assert_string_equal(r.rag_reason, "no target date set");
	/* a status the executive gave, its response not recorded: the
	 * response is no longer awaited (agreed -> accepted -> in progress) */
	r = open_rec("in-progress", 0, NULL);
	r.submitted = "2024-01-31";
	assert_string_equal(rag_of(&r, t), "amber");
	assert_false(r.awaiting);
	assert_false(r.response_overdue);
	assert_string_equal(r.rag_reason, "no target date set");
	r = open_rec("accepted", 0, "2027-06-30");
	r.submitted = "2024-01-31";
	assert_string_equal(rag_of(&r, t), "green");
	assert_true(rec_status_decided("partially-accepted"));
	assert_true(rec_status_decided("withdrawn"));
	assert_false(rec_status_decided("agreed"));
	assert_false(rec_status_decided("draft"));
	assert_false(rec_status_decided(NULL));
	/* stale: nothing recorded since the activity known */
	r = open_rec("in-progress", 1, "2027-06-30");
	r.last_update = "2025-04-02";
	assert_string_equal(rag_of(&r, t), "amber");
	assert_string_equal(r.rag_reason, "nothing recorded since 2025-04-02");
	r = open_rec("in-progress", 1, NULL);
	r.last_update = NULL;
	r.published = "2024-04-29";
	assert_string_equal(rag_of(&r, t), "amber");
	assert_string_equal(r.rag_reason,
	    "no target date set; nothing recorded since 2024-04-29");
	/* green: on track and known to be */
	r = open_rec("in-progress", 1, "2027-06-30");
	assert_string_equal(rag_of(&r, t), "green");
	assert_string_equal(r.rag_reason, "");
	/* closed: blue when implemented, grey otherwise; and sign-off */
	r = open_rec("implemented", 1, "2020-01-01");
	assert_string_equal(rag_of(&r, t), "blue");
	assert_string_equal(r.rag_reason, "implemented; awaiting sign-off");
	assert_true(r.awaiting_signoff);
	r = open_rec("implemented", 1, NULL);
	r.signed_off = "2026-10-01";
	assert_string_equal(rag_of(&r, t), "blue");
	assert_string_equal(r.rag_reason, "implemented; signed off 2026-10-01");
	assert_false(r.awaiting_signoff);
	r = open_rec("rejected", 1, NULL);
	assert_string_equal(rag_of(&r, t), "grey");
	assert_string_equal(r.rag_reason, "rejected; awaiting sign-off");
	r = open_rec("not-implemented", 0, NULL);
	r.signed_off = "2026-10-01";
	assert_string_equal(rag_of(&r, t), "grey");
	assert_string_equal(r.rag_reason,
	    "not implemented; signed off 2026-10-01");
	r = open_rec("withdrawn", 0, NULL);
	assert_string_equal(rag_of(&r, t), "grey");
	/* a sign-off counts only while closed */
	r = open_rec("in-progress", 1, "2027-06-30");
	r.signed_off = "2026-10-01";
	assert_string_equal(rag_of(&r, t), "green");
	assert_null(r.signed_off);
	assert_false(r.awaiting_signoff);
}

/* response_due honours the nearest response_within, else two months */
static void
test_response_within_derived(void **state)
{
	struct recview r;

	(void)state;
	r = open_rec("agreed", 0, "2027-06-30");
	r.submitted = "2026-10-20";
	recview_derive(&r, "2026-11-22");
	assert_string_equal(r.response_due, "2026-12-20");	/* default */
	assert_string_equal(r.rag, "amber");
	r = open_rec("agreed", 0, "2027-06-30");
	r.submitted = "2026-10-20";
	r.response_within = "28 days";	/* a health referral, a SCRAIP */
	recview_derive(&r, "2026-11-22");
	assert_string_equal(r.response_due, "2026-11-17");
	assert_true(r.response_overdue);
	assert_string_equal(r.rag, "red");
	assert_string_equal(r.rag_reason, "response overdue since 2026-11-17");
	r = open_rec("agreed", 0, "2027-06-30");
	r.submitted = "2026-10-20";
	r.response_within = "8 weeks";
	recview_derive(&r, "2026-11-22");
	assert_string_equal(r.response_due, "2026-12-15");
	assert_false(r.response_overdue);
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
	assert_string_equal(r.rag_reason, "target date 2024-02-28 passed; "
	    "response overdue since 2024-02-29");
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
		cmocka_unit_test(test_response_within_fn),
		cmocka_unit_test(test_period_parse),
		cmocka_unit_test(test_response_within_derived),
		cmocka_unit_test(test_action_overdue_fn),
		cmocka_unit_test(test_derive_agrees),
	};

	return cmocka_run_group_tests_name("derive", tests, NULL, NULL);
}
