/*
 * arena.c: what it hands out is aligned (arena_alloc), a whole copy
 * (arena_strdup), apart from everything else handed out, however large,
 * and all of it freed by arena_release() (the sanitizer and valgrind
 * runs see a leak or an overlap).
 */
#include "unit.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "arena.h"

static void
test_aligned(void **state)
{
	struct arena a = ARENA_INIT;
	size_t i;

	(void)state;
	for (i = 1; i < 200; i++) {
		/* an odd string first, so that the next alloc must align */
		char *s = arena_strdup(&a, "abc");
		void *p = arena_alloc(&a, i);

		assert_string_equal(s, "abc");
		assert_int_equal((uintptr_t)p % _Alignof(max_align_t), 0);
		memset(p, 0xa5, i);
	}
	arena_release(&a);
	assert_null(a.blocks);
}

static void
test_strings(void **state)
{
	struct arena a = ARENA_INIT;
	char big[100000], *s[3000];
	size_t i;

	(void)state;
	assert_null(arena_strdup(&a, NULL));
	memset(big, 'x', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	/* many blocks' worth, one larger than a block among them */
	for (i = 0; i < 3000; i++) {
		char t[32];

		snprintf(t, sizeof t, "string %zu", i);
		s[i] = arena_strdup(&a, i == 1500 ? big : t);
	}
	for (i = 0; i < 3000; i++) {
		char t[32];

		snprintf(t, sizeof t, "string %zu", i);
		assert_string_equal(s[i], i == 1500 ? big : t);
	}
	assert_string_equal(arena_strdup(&a, ""), "");
	arena_release(&a);
	/* usable again after a release */
	assert_string_equal(arena_strdup(&a, "again"), "again");
	arena_release(&a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_aligned),
		cmocka_unit_test(test_strings),
	};

	return cmocka_run_group_tests_name("arena", tests, NULL, NULL);
}
