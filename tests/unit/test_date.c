#include "unit.h"

#include <stdio.h>
#include <string.h>

#include "date.h"

static void
test_valid(void **state)
{
	(void)state;
	assert_true(date_valid("2024-02-29"));
	assert_false(date_valid("2023-02-29"));
	assert_true(date_valid("2000-02-29"));
	assert_false(date_valid("1900-02-29"));
	assert_false(date_valid("2024-04-31"));
	assert_false(date_valid("2024-13-01"));
	assert_false(date_valid("2024-00-10"));
	assert_false(date_valid("2024-01-00"));
	assert_false(date_valid("2024-1-01"));
	assert_false(date_valid("29/02/2024"));
	assert_false(date_valid("2024-02-29 "));
	assert_false(date_valid("0000-01-01"));
	assert_false(date_valid(NULL));
	assert_true(date_shaped("2023-02-29"));
	assert_false(date_shaped("2023-2-29"));
}

static void
add(const char *from, int n, const char *want)
{
	char out[11];

	assert_int_equal(date_add_months(from, n, out), 0);
	assert_string_equal(out, want);
}

static void
test_add_months(void **state)
{
	char out[11];

	(void)state;
	add("2024-01-31", 2, "2024-03-31");	/* docs/rectrack.1, response_due */
	add("2023-12-31", 2, "2024-02-29");	/* leap year */
	add("2024-12-31", 2, "2025-02-28");
	add("2024-04-18", 2, "2024-06-18");
	add("2024-02-29", 12, "2025-02-28");
	add("2026-11-22", -6, "2026-05-22");
	add("2026-08-31", -6, "2026-02-28");
	add("2024-11-30", 2, "2025-01-30");
	assert_int_equal(date_add_months("2023-02-29", 2, out), -1);
}

static void
test_days(void **state)
{
	char out[11];

	(void)state;
	assert_int_equal(date_days("1970-01-01"), 0);
	assert_int_equal(date_days("2024-03-01") - date_days("2024-02-28"),
	    2);
	assert_int_equal(date_days("2023-03-01") - date_days("2023-02-28"),
	    1);
	date_format(date_days("2026-11-22") + 30, out);
	assert_string_equal(out, "2026-12-22");
	date_format(date_days("2024-12-31") + 60, out);
	assert_string_equal(out, "2025-03-01");
	assert_int_equal(date_days("2023-02-29"), -1);
}

/* every day of years 1 to 9999 (one in 7) formats as printf would, and
 * reads back as itself */
static void
test_format_all(void **state)
{
	long z, first = date_days("0001-01-01"), last = date_days("9999-12-31");
	char out[11], want[11];
	int y, m, d;

	(void)state;
	for (z = first; z <= last; z += 7) {
		date_format(z, out);
		assert_int_equal(sscanf(out, "%4d-%2d-%2d", &y, &m, &d), 3);
		snprintf(want, sizeof want, "%04d-%02d-%02d", y, m, d);
		assert_string_equal(out, want);
		assert_true(date_valid(out));
		assert_int_equal(date_days(out), z);
	}
	date_format(last, out);
	assert_string_equal(out, "9999-12-31");
	assert_int_equal(date_add_months("9999-10-31", 1, out), 0);
	assert_string_equal(out, "9999-11-30");
	assert_int_equal(date_add_months("0001-03-31", -1, out), 0);
	assert_string_equal(out, "0001-02-28");
}

static void
test_month(void **state)
{
	char out[11];

	(void)state;
	assert_true(month_valid("2023-01"));
	assert_true(month_valid("2024-12"));
	assert_false(month_valid("2023-13"));
	assert_false(month_valid("2023-00"));
	assert_false(month_valid("2023-1"));
	assert_false(month_valid("2023-01-31"));
	assert_false(month_valid(NULL));
	assert_true(due_valid("2023-01"));
	assert_true(due_valid("2023-01-15"));
	assert_false(due_valid("2023/01"));
	assert_int_equal(due_day("2024-02", out), 0);
	assert_string_equal(out, "2024-02-29");	/* leap year */
	assert_int_equal(due_day("2023-02", out), 0);
	assert_string_equal(out, "2023-02-28");
	assert_int_equal(due_day("2023-04-10", out), 0);
	assert_string_equal(out, "2023-04-10");
	assert_int_equal(due_day("April 2023", out), -1);
	assert_string_equal(out, "");
	assert_int_equal(due_days("2023-01"), date_days("2023-01-31"));
	/* text order would put 2023-01 before 2023-01-15: the day it
	 * means is after */
	assert_true(due_cmp("2023-01", "2023-01-15") > 0);
	assert_int_equal(due_cmp("2023-01", "2023-01-31"), 0);
	assert_true(due_cmp("2023-01", "2023-02-01") < 0);
	assert_true(due_cmp("2022-12-31", "2023-01") < 0);
	assert_true(due_cmp("soon", "2023-01") < 0);
}

static void
advice(const char *s, const char *key, int month_ok, const char *want)
{
	char out[200];

	date_advice(s, key, month_ok, out, sizeof out);
	assert_string_equal(out, want);
}

static void
test_advice(void **state)
{
	static const char month[] = "write a month as YYYY-MM, here 2023-01 "
	    "(it means the month's last day)";
	static const char need[] = "'date' needs the day: write 2023-01-DD "
	    "(only 'due' and 'published' may be a month)";
	static const char last[] = "write dates as YYYY-MM-DD, here 2023-01-31";

	(void)state;
	advice("January 2023", "due", 1, month);
	advice("Jan 2023", "due", 1, month);
	advice("jan. 2023", "due", 1, month);
	advice("end of January 2023", "due", 1, month);
	advice("by end Jan 2023", "due", 1, month);
	advice("01/2023", "due", 1, month);
	advice("2023/01", "due", 1, month);
	advice("January 2023", "date", 0, need);
	advice("2023-01", "date", 0, need);
	advice("end of January 2023", "date", 0, last);
	advice("31/01/2023", "due", 1, last);
	advice("31/01/2023", "date", 0, last);
	advice("2023/01/31", "date", 0, last);
	advice("31.01.2023", "date", 0, last);
	advice("31 January 2023", "date", 0, last);
	advice("31st Jan 2023", "due", 1, last);
	advice("January 31, 2023", "due", 1, last);
	advice("Sept 2023", "due", 1, "write a month as YYYY-MM, here 2023-09 "
	    "(it means the month's last day)");
	advice("03/02/2023", "date", 0, "write dates as YYYY-MM-DD, here "
	    "2023-02-03");
	/* no day 30 in February, no month 13: only the form */
	advice("30/02/2023", "date", 0, "write dates as YYYY-MM-DD");
	advice("2023/13", "due", 1, "write dates as YYYY-MM-DD, or YYYY-MM "
	    "for a month");
	advice("soon", "due", 1, "write dates as YYYY-MM-DD, or YYYY-MM for "
	    "a month");
	advice("Janus 2023", "date", 0, "write dates as YYYY-MM-DD");
	advice("", "date", 0, "write dates as YYYY-MM-DD");
	advice("31/01/23", "date", 0, "write dates as YYYY-MM-DD");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid),
		cmocka_unit_test(test_add_months),
		cmocka_unit_test(test_days),
		cmocka_unit_test(test_format_all),
		cmocka_unit_test(test_month),
		cmocka_unit_test(test_advice),
	};

	return cmocka_run_group_tests_name("date", tests, NULL, NULL);
}
