#include "unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draft.h"

/* The label at the start of t: its ref, and the text after it. */
static void
label(const char *t, const char *ref, const char *rest)
{
	char got[40];
	size_t n;

	memset(got, 0, sizeof got);
	n = draft_label(t, got, sizeof got);
	if (ref == NULL) {
		assert_int_equal(n, 0);
		return;
	}
	assert_true(n > 0);
	assert_string_equal(got, ref);
	assert_string_equal(t + n, rest);
}

static void
test_labels(void **state)
{
	(void)state;
	label("Recommendation One", "1", "");
	label("Recommendation One: The Council should", "1", "The Council should");
	label("Recommendation six: The Council", "6", "The Council");
	label("RECOMMENDATION TWENTY", "20", "");
	label("Recommendation 4:", "4", "");
	label("Recommendation 12a - text", "12a", "text");
	label("Recommendation 9(b). text", "9(b)", "text");
	label("Recommendation No. 3: x", "3", "x");
	label("Recommendation 3 \xe2\x80\x93 x", "3", "x");
	label("Rec 2: x", "2", "x");
	label("R3", "R3", "");
	label("R3 The Council", "R3", "The Council");
	label("R12a: x", "R12a", "x");
	label("PTD.140916.56.1", "PTD.140916.56.1", "");
	label("PTD.140916.56.1 Officers to", "PTD.140916.56.1", "Officers to");
	/* prose that merely begins with the word */
	label("Recommendation 3 was accepted by the Cabinet", NULL, NULL);
	label("Recommendations", NULL, NULL);
	label("Recommendation of the panel", NULL, NULL);
	label("Recommended: x", NULL, NULL);
	label("Rachel said", NULL, NULL);
	label("R2D2 walked", NULL, NULL);
	label("Recommendation 12345", NULL, NULL);
	label("Recommendation twentyone", NULL, NULL);
	label("U.K. is", NULL, NULL);
}

static void
marker(const char *t, const char *want, const char *ref)
{
	char m[24], r[24];
	size_t n = draft_marker(t, m, sizeof m);

	if (want == NULL) {
		assert_int_equal(n, 0);
		return;
	}
	assert_true(n > 0);
	assert_string_equal(m, want);
	draft_marker_ref(m, r, sizeof r);
	assert_string_equal(r, ref);
}

static void
test_markers(void **state)
{
	(void)state;
	marker("1. Recognise", "1.", "1");
	marker("18) Explore", "18)", "18");
	marker("(a) Explore", "(a)", "a");
	marker("(iv) text", "(iv)", "iv");
	marker("a) text", "a)", "a");
	marker("b. text", "b.", "b");
	marker("9(b) text", "9(b)", "9(b)");
	marker("4.10 Recommendation", "4.10", "4.10");
	marker("4.10. text", "4.10.", "4.10");
	marker("- text", "-", "");
	marker("* text", "*", "");
	marker("\xe2\x80\xa2 text", "\xe2\x80\xa2", "");
	marker("\xc2\xb7 text", "\xc2\xb7", "");
	marker("2 Recommendations", NULL, NULL);
	marker("1.text", NULL, NULL);
	marker("(ab) text", NULL, NULL);
	marker("(a)text", NULL, NULL);
	marker("-text", NULL, NULL);
	marker("2024 was", NULL, NULL);
	marker("1234. x", NULL, NULL);
}

static void
decision(const char *t, const char *want)
{
	const char *words;
	const char *got = draft_decision(t, &words);

	if (want == NULL) {
		assert_null(got);
		return;
	}
	assert_non_null(got);
	assert_string_equal(got, want);
	assert_non_null(words);
}

static void
test_decisions(void **state)
{
	(void)state;
	decision("Agreed. The service will", "accepted");
	decision("agreed", "accepted");
	decision("Accepted in principle - subject to funding", "accepted-in-principle");
	decision("Not agreed. The cost", "rejected");
	decision("Partially agreed: a and b", "partially-accepted");
	decision("Noted", "noted");
	decision("Deferred until the budget", "deferred");
	decision("Decision: Agreed", "accepted");
	decision("The Executive supports this recommendation and will ask",
	    "accepted");
	decision("The Executive welcomes the principle of this "
	    "recommendation particularly", "accepted-in-principle");
	decision("The Executive welcomes this recommendation and endorses",
	    "accepted");
	/* words that are not a decision, or that contradict */
	decision("The Executive notes the significance of", NULL);
	decision("Officers agreed to report back", NULL);
	decision("Agreed. The Executive does not accept this recommendation",
	    NULL);
	decision("Agreedly", NULL);
	decision("", NULL);
}

static void
date(const char *s, const char *want)
{
	char out[11];

	if (want == NULL) {
		assert_int_equal(draft_date(s, out), -1);
		return;
	}
	assert_int_equal(draft_date(s, out), 0);
	assert_string_equal(out, want);
}

static void
test_dates(void **state)
{
	(void)state;
	date("31 March 2025", "2025-03-31");
	date("31st March 2025", "2025-03-31");
	date("March 2025", "2025-03");
	date("end Nov 2011", "2011-11");
	date("by end of Sept 2024", "2024-09");
	date("31/03/2025", "2025-03-31");
	date("2025-03-31", "2025-03-31");
	date("2025-03", "2025-03");
	date("18 April 2024", "2024-04-18");
	date("29 February 2023", NULL);
	date("31/02/2025", NULL);
	date("Spring 2025", NULL);
	date("ongoing", NULL);
	date("March 2025 onwards", NULL);
	date("Q3 2024/25", NULL);
	date("", NULL);
}

/* A text document's draft, written to a buffer. */
static char *
draft_of(const char *text, size_t *nrecs)
{
	struct draft_doc d = { NULL, 0, 0, 0 };
	struct draft_opts o = { "t.txt", "c", "r", NULL };
	char *out = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&out, &len);

	assert_non_null(fp);
	draft_read_text(&d, text, strlen(text));
	*nrecs = (size_t)draft_write(&d, &o, fp);
	fclose(fp);
	draft_doc_free(&d);
	return out;
}

static void
test_finder(void **state)
{
	size_t n;
	char *out;

	(void)state;
	/* an unnumbered list under a heading: numbered in order */
	out = draft_of("Our recommendations\n\n- First thing.\n- Second "
	    "thing.\n\nOther matters\n\n- Not one.\n", &n);
	assert_int_equal(n, 2);
	assert_non_null(strstr(out, "- ref: \"2\"  # line 4, under \"Our "
	    "recommendations\"\n        text: |-\n          Second thing.\n"));
	assert_null(strstr(out, "Not one"));
	free(out);
	/* labelled, with owner, target and a decision */
	out = draft_of("R1: Improve the thing.\nLead officer: Jo Bloggs\n"
	    "Target date: 31 March 2025\n\nResponse: Agreed. We will.\n\n"
	    "R2: Another.\n\nTimescale: ongoing\n", &n);
	assert_int_equal(n, 2);
	assert_non_null(strstr(out, "owner: \"Jo Bloggs\""));
	assert_non_null(strstr(out, "due: \"2025-03-31\""));
	assert_non_null(strstr(out, "decision: \"accepted\""));
	assert_non_null(strstr(out, "# check: the target is stated as "
	    "\"ongoing\", not a date"));
	free(out);
	/* lettered parts in one paragraph become paragraphs */
	out = draft_of("Recommendation 9: (a) One. (b) Two. (c) Three.\n", &n);
	assert_non_null(strstr(out, "(a) One.\n\n          (b) Two.\n\n"
	    "          (c) Three.\n"));
	free(out);
	/* a heading's label with its value in the next block; never a
	 * recommendation taken for a value */
	out = draft_of("Subject:\n\nThe Review\n\nDate:\n\nRecommendation 1: "
	    "Do it.\n", &n);
	assert_int_equal(n, 1);
	assert_non_null(strstr(out, "title: \"The Review\""));
	free(out);
	/* a label with nothing after it is left out, and said */
	out = draft_of("Recommendation 1\n\nRecommendation 2: Text.\n", &n);
	assert_int_equal(n, 1);
	assert_non_null(strstr(out, "# check: '1' at line 1 has no text"));
	free(out);
}

static void
test_page_numbers(void **state)
{
	struct draft_doc d = { NULL, 0, 0, 0 };
	const char *t = "Recommendation 1: One\n\n12\n\nPage 3 of 10\n\n"
	    "1. A list item\n\n2024 was a year.\n";

	(void)state;
	draft_read_text(&d, t, strlen(t));
	draft_drop_page_numbers(&d);
	assert_int_equal(d.n, 3);
	assert_string_equal(d.b[0].text, "Recommendation 1: One");
	assert_string_equal(d.b[1].text, "A list item");
	assert_string_equal(d.b[2].text, "2024 was a year.");
	draft_doc_free(&d);
}

static void
test_clean_input(void **state)
{
	size_t n;
	char *s;

	(void)state;
	/* BOM dropped, CRLF and form feeds as newlines, tabs as spaces,
	 * decomposed text composed (NFC) */
	s = draft_clean_input("x", "\xef\xbb\xbf" "a\r\nb\fc\td e\xcc\x81",
	    15, &n);
	assert_non_null(s);
	assert_string_equal(s, "a\nb\nc d \xc3\xa9");
	free(s);
	capture_start();
	assert_null(draft_clean_input("x", "ab\ncd\xff", 6, &n));
	capture_stop();
	assert_string_equal(captured.s, "x:2:3: invalid UTF-8: this is not "
	    "a text document (save it as text, HTML or PDF)\n");
	capture_release();
}

static void
status(const char *word, const char *want, const char *want_rag)
{
	const char *rag;
	const char *got = draft_status(word, &rag);

	if (want == NULL) {
		assert_null(got);
		return;
	}
	assert_non_null(got);
	assert_string_equal(got, want);
	if (want_rag == NULL)
		assert_null(rag);
	else
		assert_string_equal(rag, want_rag);
}

static void
test_tracker(void **state)
{
	(void)state;
	status("Complete", "implemented", "blue");
	status("ACHIEVED.", "implemented", "blue");
	status("Ongoing", "in-progress", NULL);
	status("Paused", "in-progress", NULL);
	status("On track", "in-progress", "green");
	status("Slipped", "in-progress", "amber");
	status("Red", "in-progress", "red");
	status("Withdrawn", "withdrawn", NULL);
	status("Not implemented", "not-implemented", NULL);
	status("Complete?", NULL, NULL);
	status("Mostly done", NULL, NULL);
	status("", NULL, NULL);
	assert_int_equal(draft_column("Reference"), DC_REF);
	assert_int_equal(draft_column("No."), DC_REF);
	assert_int_equal(draft_column("Recommendation"), DC_TEXT);
	assert_int_equal(draft_column("Cabinet response"), DC_RESPONSE);
	assert_int_equal(draft_column("Lead Officer/EM"), DC_OWNER);
	assert_int_equal(draft_column("Timescale"), DC_DUE);
	assert_int_equal(draft_column("Action taken"), DC_NOTE);
	assert_int_equal(draft_column("Status"), DC_STATUS);
	assert_int_equal(draft_column("RAG"), DC_STATUS);
	assert_int_equal(draft_column("Last updated"), DC_UPDATED);
	assert_int_equal(draft_column("Origin"), DC_NONE);
	assert_int_equal(draft_column("Exec Date"), DC_NONE);
	assert_string_equal(draft_column_key("owner"), "Owner");
	assert_int_equal(draft_column(draft_column_key("updated")),
	    DC_UPDATED);
	assert_null(draft_column_key("boss"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_labels),
		cmocka_unit_test(test_markers),
		cmocka_unit_test(test_decisions),
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_finder),
		cmocka_unit_test(test_clean_input),
		cmocka_unit_test(test_tracker),
		cmocka_unit_test(test_page_numbers),
	};

	return cmocka_run_group_tests_name("draft", tests, NULL, NULL);
}
