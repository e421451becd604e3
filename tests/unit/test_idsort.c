/*
 * idsort.c: ids_sort() orders as qsort() does, for every size about the
 * switch to radix passes, for negative, equal and extreme values, and
 * for values that differ in one byte only (the passes it skips).
 */
#include "unit.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "idsort.h"

static int
cmp(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;

	return (x > y) - (x < y);
}

/* a small deterministic generator (no libc rand(): the same everywhere) */
static unsigned long long
next(unsigned long long *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

/* n values of gen's kind sorted both ways */
static void
same(size_t n, int kind)
{
	long long *a = malloc((n + 1) * sizeof *a), *b = malloc((n + 1) *
	    sizeof *b);
	unsigned long long s = 88172645463325252ULL + n + (unsigned)kind;
	size_t i;

	assert_non_null(a);
	assert_non_null(b);
	for (i = 0; i < n; i++) {
		unsigned long long r = next(&s);

		switch (kind) {
		case 0:		/* row ids, as at a million */
			a[i] = (long long)(r % 1000000) + 1;
			break;
		case 1:		/* anything, negatives too */
			a[i] = (long long)r;
			break;
		case 2:		/* many equal */
			a[i] = (long long)(r % 5) - 2;
			break;
		case 3:		/* the extremes among others */
			a[i] = r % 3 == 0 ? LLONG_MIN : r % 3 == 1 ?
			    LLONG_MAX : (long long)(r % 1000) - 500;
			break;
		default:	/* one byte apart: the third */
			a[i] = 0x1234000000LL | (long long)((r & 0xff) << 16);
			break;
		}
	}
	memcpy(b, a, n * sizeof *a);
	ids_sort(a, n);
	if (n > 0)
		qsort(b, n, sizeof *b, cmp);
	assert_memory_equal(a, b, n * sizeof *a);
	free(a);
	free(b);
}

static void
test_sizes(void **state)
{
	static const size_t sizes[] = { 0, 1, 2, 3, 63, 64, 65, 1000, 100000 };
	size_t i;
	int kind;

	(void)state;
	for (i = 0; i < sizeof sizes / sizeof sizes[0]; i++)
		for (kind = 0; kind < 5; kind++)
			same(sizes[i], kind);
}

static void
test_ordered(void **state)
{
	long long v[500];
	size_t i;

	(void)state;
	/* already sorted, reversed, all equal */
	for (i = 0; i < 500; i++)
		v[i] = (long long)i - 250;
	ids_sort(v, 500);
	for (i = 0; i < 500; i++)
		assert_int_equal(v[i], (long long)i - 250);
	for (i = 0; i < 500; i++)
		v[i] = 500 - (long long)i;
	ids_sort(v, 500);
	for (i = 0; i < 500; i++)
		assert_int_equal(v[i], (long long)i + 1);
	for (i = 0; i < 500; i++)
		v[i] = 7;
	ids_sort(v, 500);
	for (i = 0; i < 500; i++)
		assert_int_equal(v[i], 7);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sizes),
		cmocka_unit_test(test_ordered),
	};

	return cmocka_run_group_tests_name("idsort", tests, NULL, NULL);
}
