#include "unit.h"

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

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid),
		cmocka_unit_test(test_add_months),
		cmocka_unit_test(test_days),
	};

	return cmocka_run_group_tests_name("date", tests, NULL, NULL);
}
