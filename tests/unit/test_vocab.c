#include "unit.h"

#include <stdlib.h>
#include <string.h>

#include "vocab.h"

static void
test_usual_path(void **state)
{
	(void)state;
	assert_true(status_move_allowed("draft", "agreed"));
	assert_true(status_move_allowed("agreed", "accepted"));
	assert_true(status_move_allowed("agreed", "partially-accepted"));
	assert_true(status_move_allowed("agreed", "rejected"));
	assert_true(status_move_allowed("accepted", "in-progress"));
	assert_true(status_move_allowed("partially-accepted", "in-progress"));
	assert_true(status_move_allowed("in-progress", "implemented"));
	assert_true(status_move_allowed("in-progress", "not-implemented"));
}

static void
test_refused(void **state)
{
	(void)state;
	assert_false(status_move_allowed("draft", "accepted"));
	assert_false(status_move_allowed("draft", "implemented"));
	assert_false(status_move_allowed("accepted", "implemented"));
	assert_false(status_move_allowed("in-progress", "draft"));
	assert_false(status_move_allowed("agreed", "in-progress"));
	/* closed is closed */
	assert_false(status_move_allowed("rejected", "in-progress"));
	assert_false(status_move_allowed("implemented", "withdrawn"));
	assert_false(status_move_allowed("withdrawn", "agreed"));
}

static void
test_withdrawn_and_notes(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; vocab_status[i] != NULL; i++) {
		/* keeping the status (a progress note) is always allowed */
		assert_true(status_move_allowed(vocab_status[i],
		    vocab_status[i]));
		/* withdrawn from any open status */
		if (strcmp(vocab_status[i], "withdrawn") != 0)
			assert_int_equal(status_move_allowed(vocab_status[i],
			    "withdrawn"), !status_closed(vocab_status[i]));
	}
}

static void
test_moves_text(void **state)
{
	char *m;

	(void)state;
	m = status_moves("agreed");
	assert_string_equal(m, "accepted, partially-accepted, rejected, "
	    "withdrawn");
	free(m);
	m = status_moves("implemented");
	assert_string_equal(m, "");
	free(m);
	assert_string_equal(status_from_decision("accepted-in-principle"),
	    "accepted");
	assert_string_equal(status_from_decision("noted"), "agreed");
	/* a file edited around rectrack: a response was made all the same */
	assert_string_equal(status_from_decision(NULL), "agreed");
	assert_string_equal(status_from_decision("<bogus>"), "agreed");
	assert_int_equal(vocab_find(vocab_status, NULL), -1);
	assert_int_equal(vocab_find(vocab_status, "Agreed"), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_usual_path),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_withdrawn_and_notes),
		cmocka_unit_test(test_moves_text),
	};

	return cmocka_run_group_tests_name("vocab", tests, NULL, NULL);
}
