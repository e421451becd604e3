#include "unit.h"

#include <math.h>
#include <string.h>

#include "dynlib.h"

/* two functions of libm, opened as draft opens libxml2 */
#define M_FNS(X) X(cos) X(sqrt)
static struct m_fns {
	M_FNS(DYN_MEMBER)
} m;
static const struct dyn_fn m_fn[] = {
	{ "cos", offsetof(struct m_fns, cos) },
	{ "sqrt", offsetof(struct m_fns, sqrt) },
};
DYN_OPENER(m_open, m, M_FNS, "libm", "libm.so.6")

static void
test_loaded(void **state)
{
	int st = 0;

	(void)state;
	capture_start();
	assert_int_equal(dyn_load(&m, &st, "libm", "libm.so.6", m_fn, 2), 0);
	assert_int_equal(st, 1);
	assert_true(m.sqrt(49.0) == 7.0);
	assert_true(m.cos(0.0) == 1.0);
	/* once loaded, loaded */
	assert_int_equal(dyn_load(&m, &st, "libm", "libm.so.6", m_fn, 2), 0);
	assert_string_equal(captured.s != NULL ? captured.s : "", "");
	capture_stop();
}

/* the opener a module defines */
static void
test_opener(void **state)
{
	(void)state;
	memset(&m, 0, sizeof m);
	assert_int_equal(m_open(), 0);
	assert_true(m.sqrt(2.25) == 1.5);
	assert_int_equal(m_open(), 0);
}

static void
test_missing_library(void **state)
{
	struct m_fns none;
	int st = 0;

	(void)state;
	memset(&none, 0, sizeof none);
	capture_start();
	assert_int_equal(dyn_load(&none, &st, "libnothing",
	    "libnothing-rectrack.so.0", m_fn, 2), -1);
	assert_non_null(strstr(captured.s, "libnothing cannot be loaded"));
	assert_non_null(strstr(captured.s, "libnothing-rectrack.so.0"));
	assert_non_null(strstr(captured.s, "install it"));
	/* reported once; every later call fails the same way */
	buf_reset(&captured);
	assert_int_equal(dyn_load(&none, &st, "libnothing",
	    "libnothing-rectrack.so.0", m_fn, 2), -1);
	assert_int_equal(captured.len, 0);
	assert_null(none.cos);
	capture_stop();
}

static void
test_missing_function(void **state)
{
	static const struct dyn_fn wrong[] = {
		{ "cos", offsetof(struct m_fns, cos) },
		{ "no_such_function_rectrack", offsetof(struct m_fns, sqrt) },
	};
	struct m_fns part;
	int st = 0;

	(void)state;
	memset(&part, 0, sizeof part);
	capture_start();
	assert_int_equal(dyn_load(&part, &st, "libm", "libm.so.6", wrong, 2),
	    -1);
	assert_non_null(strstr(captured.s,
	    "has no function no_such_function_rectrack"));
	assert_non_null(strstr(captured.s, "build it again"));
	capture_stop();
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_loaded),
		cmocka_unit_test(test_opener),
		cmocka_unit_test(test_missing_library),
		cmocka_unit_test(test_missing_function),
	};
	int rc;

	rc = cmocka_run_group_tests_name("dynlib", tests, NULL, NULL);
	capture_release();
	return rc;
}
