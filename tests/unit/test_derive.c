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

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_status_rules),
		cmocka_unit_test(test_response_due),
		cmocka_unit_test(test_overdue_and_rag),
		cmocka_unit_test(test_stale),
	};

	return cmocka_run_group_tests_name("derive", tests, NULL, NULL);
}
