/*
 * The loader (recload.c): what import stored, loaded back, is the record
 * the file held, every part, as record_rec_same() compares them; a holder
 * reused for many recommendations; a statement source other than a
 * struct db; a retraction and the update it withdraws.
 */
#include "unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import.h"
#include "recload.h"

/* a committee and its review r1, whose keys follow */
#define REVIEW_R1 \
    "committee:\n" \
    "  id: c1\n" \
    "  name: Example Scrutiny Committee\n" \
    "  authority: Example Council\n" \
    "reviews:\n" \
    "  - id: r1\n" \
    "    title: A review\n"

static const char doc[] = REVIEW_R1
    "    evidence:\n"
    "      - id: E1\n"
    "        kind: survey\n"
    "        title: A survey\n"
    "        date: 2023-10-01\n"
    "    recommendations:\n"
    "      - ref: 1\n"
    "        title: The first\n"
    "        addressee: The Executive\n"
    "        text: |\n"
    "          Do one thing.\n"
    "          On two lines.\n"
    "        findings: [First finding, Second finding]\n"
    "        evidence:\n"
    "          - E1\n"
    "          - kind: other\n"
    "            title: Inline\n"
    "            text: Said at a meeting.\n"
    "            url: https://example.org/x\n"
    "          - id: E9\n"
    "            kind: testimony\n"
    "            title: Inline with an id\n"
    "            date: 2023-11-02\n"
    "        owner: Director of Services\n"
    "        due: 2024-12-31\n"
    "        response:\n"
    "          date: 2024-03-01\n"
    "          by: Executive\n"
    "          decision: accepted\n"
    "          text: Agreed.\n"
    "          actions:\n"
    "            - id: A1\n"
    "              text: Write the plan.\n"
    "              owner: Officer\n"
    "              due: 2024-06-30\n"
    "              status: done\n"
    "              note: Done early.\n"
    "              cli_recorded: true\n"
    "            - id: A2\n"
    "              text: Report back.\n"
    "          replaced:\n"
    "            - date: 2024-02-01\n"
    "              decision: noted\n"
    "              text: First answer.\n"
    "              replaced_on: 2024-02-20\n"
    "              replaced_by: clerk\n"
    "            - decision: deferred\n"
    "              by: Leader\n"
    "              text: Second answer.\n"
    "              replaced_on: 2024-02-25\n"
    "          cli_recorded: true\n"
    "        updates:\n"
    "          - date: 2024-03-02\n"
    "            status: accepted\n"
    "          - date: 2024-05-01\n"
    "            status: in-progress\n"
    "            due: 2025-01-31\n"
    "            by: Officer\n"
    "            note: Slipped.\n"
    "            recorded: 2024-05-01T09:00:00Z\n"
    "          - date: 2024-05-01\n"
    "            status: implemented\n"
    "            forced: true\n"
    "            recorded: 2024-05-01T10:00:00Z\n"
    "        cli_recorded: [owner, due]\n"
    "      - ref: \"2\"\n"
    "        text: Do another thing.\n";

struct fx {
	struct db *db;
	struct rec_loaded h;
	size_t compared;
	size_t stmts;		/* statements fetched through counting() */
};

static int
setup(void **state)
{
	struct fx *fx = calloc(1, sizeof *fx);

	fx->db = memdb();
	*state = fx;
	return 0;
}

static int
teardown(void **state)
{
	struct fx *fx = *state;

	rec_loaded_free(&fx->h);
	db_close(fx->db);
	free(fx);
	capture_release();
	return 0;
}

static long long
rec_id(struct fx *fx, const char *rid, const char *ref)
{
	sqlite3_stmt *st = db_stmt(fx->db, ST_REC_BY_HANDLE);
	long long id = 0;

	db_bind_text(st, 1, rid);
	db_bind_text(st, 2, ref);
	if (sqlite3_step(st) == SQLITE_ROW)
		id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return id;
}

/* Each recommendation of the file against the one the database holds. */
static void
compare_review(void *arg, const struct review_rec *r)
{
	struct fx *fx = arg;
	size_t i;

	for (i = 0; i < r->nrecs; i++) {
		long long id = rec_id(fx, r->rid, r->recs[i].ref);

		assert_true(id > 0);
		assert_int_equal(rec_load(fx->db, id, &fx->h), 1);
		assert_int_equal(fx->h.id, id);
		assert_string_equal(fx->h.rid, r->rid);
		assert_string_equal(fx->h.cid, "c1");
		assert_true(record_rec_same(&fx->h.rec, &r->recs[i]));
		fx->compared++;
	}
}

/* Import text as one transaction, calling fn with each review read. */
static void
import(struct fx *fx, const char *text, import_review_fn *fn)
{
	struct importer *imp = importer_new(fx->db);
	size_t errs;

	capture_start();
	assert_int_equal(db_begin(fx->db), RT_OK);
	if (fn != NULL)
		importer_on_review(imp, fn, fx);
	errs = importer_buffer(imp, "t.yaml", text, strlen(text), NULL);
	errs += importer_finish(imp);
	capture_stop();
	if (errs != 0)
		fail_msg("%s", captured.s);
	assert_int_equal(db_commit(fx->db), RT_OK);
	importer_free(imp);
}

/* Import, then import again comparing: the file's records are the ones
 * stored, every part. */
static void
test_load_equals_file(void **state)
{
	struct fx *fx = *state;
	const struct rec_rec *r;

	import(fx, doc, NULL);
	import(fx, doc, compare_review);
	assert_int_equal(fx->compared, 2);

	/* the parts the comparison cannot tell apart by themselves */
	assert_int_equal(rec_load(fx->db, rec_id(fx, "r1", "1"), &fx->h), 1);
	r = &fx->h.rec;
	assert_int_equal(r->findings.n, 2);
	assert_int_equal(r->nevidence, 3);
	assert_string_equal(r->evidence[0].ref, "E1");
	assert_string_equal(r->evidence[0].kind, "survey");
	assert_string_equal(r->evidence[0].date, "2023-10-01");
	assert_null(r->evidence[1].ref);
	assert_null(r->evidence[1].eid);
	assert_string_equal(r->evidence[2].eid, "E9");
	assert_non_null(r->response);
	assert_int_equal(r->response->nactions, 2);
	assert_true(r->response->actions[0].num > 0);
	assert_true(r->response->actions[1].num >
	    r->response->actions[0].num);
	assert_int_equal(r->response->nreplaced, 2);
	assert_string_equal(r->response->replaced[0].text, "First answer.");
	assert_int_equal(r->nupdates, 3);
	assert_true(r->updates[2].forced);
	assert_int_equal(r->cli_fields, CLI_OWNER | CLI_DUE);

	/* a change is seen */
	{
		struct rec_rec copy = *r;
		struct update_rec u[3];

		copy.addressee = "Someone else";
		assert_false(record_rec_same(&copy, r));
		copy = *r;
		memcpy(u, r->updates, sizeof u);
		u[1].note = NULL;
		copy.updates = u;
		assert_false(record_rec_same(&copy, r));
		copy = *r;
		copy.response = NULL;
		assert_false(record_rec_same(&copy, r));
	}
}

/* One holder for many recommendations: each load replaces the last. */
static void
test_holder_reused(void **state)
{
	struct fx *fx = *state;
	long long one, two;
	struct buf big = BUF_INIT, text = BUF_INIT;
	size_t i;

	for (i = 0; i < 5000; i++)
		buf_adds(&big, "0123456789");
	buf_printf(&text, "%s      - ref: \"3\"\n        text: %s\n", doc,
	    big.s);
	import(fx, text.s, NULL);
	one = rec_id(fx, "r1", "1");
	two = rec_id(fx, "r1", "2");
	assert_int_equal(rec_load(fx->db, one, &fx->h), 1);
	assert_int_equal(rec_load(fx->db, two, &fx->h), 1);
	assert_string_equal(fx->h.rec.ref, "2");
	assert_null(fx->h.rec.response);
	assert_int_equal(fx->h.rec.nevidence, 0);
	assert_int_equal(fx->h.rec.findings.n, 0);
	assert_int_equal(fx->h.rec.nupdates, 0);
	assert_int_equal(rec_load(fx->db, rec_id(fx, "r1", "3"), &fx->h), 1);
	assert_string_equal(fx->h.rec.text, big.s);
	assert_int_equal(rec_load(fx->db, one, &fx->h), 1);
	assert_string_equal(fx->h.rec.findings.v[1], "Second finding");
	assert_string_equal(fx->h.rec.response->actions[1].aid, "A2");
	/* no such recommendation */
	assert_int_equal(rec_load(fx->db, 999, &fx->h), 0);
	buf_release(&big);
	buf_release(&text);
}

static sqlite3_stmt *
counting(void *arg, enum stmt_id id)
{
	struct fx *fx = arg;

	fx->stmts++;
	return db_stmt(fx->db, id);
}

/* Through a statement source of the caller's, only the parts asked. */
static void
test_other_source(void **state)
{
	struct fx *fx = *state;

	import(fx, doc, NULL);
	assert_int_equal(rec_load_from(counting, fx, rec_id(fx, "r1", "1"),
	    REC_LOAD_FINDINGS | REC_LOAD_RESPONSE, &fx->h), 1);
	assert_int_equal(fx->stmts, 4);	/* row, findings, response, actions */
	assert_int_equal(fx->h.rec.findings.n, 2);
	assert_int_equal(fx->h.rec.nevidence, 0);
	assert_int_equal(fx->h.rec.nupdates, 0);
	assert_int_equal(fx->h.rec.response->nactions, 2);
	assert_int_equal(fx->h.rec.response->nreplaced, 0);
}

/* format.md 'retracts', written by hand (a key giving every field of the
 * withdrawn update, which is after its retraction in the list, two
 * identical copies of which one is withdrawn), stored and loaded back. */
static const char retracts_doc[] = REVIEW_R1
    "    recommendations:\n"
    "      - ref: 1\n"
    "        text: Do one thing.\n"
    "        updates:\n"
    "          - date: 2024-03-02\n"
    "            status: accepted\n"
    "          - date: 2024-04-01\n"
    "            status: in-progress\n"
    "            note: Twin.\n"
    "          - date: 2024-04-01\n"
    "            status: in-progress\n"
    "            note: Twin.\n"
    "          - date: 2024-04-02\n"
    "            status: in-progress\n"
    "            note: Entered twice.\n"
    "            retracts:\n"
    "              date: 2024-04-01\n"
    "              status: in-progress\n"
    "              note: Twin.\n"
    "          - date: 2024-06-01\n"
    "            status: in-progress\n"
    "            by: clerk\n"
    "            note: Date mistyped.\n"
    "            recorded: 2024-06-01T09:00:00Z\n"
    "            retracts:\n"
    "              date: 2205-05-01\n"
    "              status: implemented\n"
    "              note: Typo.\n"
    "          - date: 2205-05-01\n"
    "            status: implemented\n"
    "            note: Typo.\n";

static void
test_retracts(void **state)
{
	struct fx *fx = *state;
	const struct update_rec *u;
	struct update_rec other;

	import(fx, retracts_doc, NULL);
	/* the file's keys are the same as the ones loaded: importing again
	 * adds nothing */
	import(fx, retracts_doc, compare_review);
	assert_int_equal(fx->compared, 1);
	assert_int_equal(rec_load(fx->db, rec_id(fx, "r1", "1"), &fx->h), 1);
	assert_int_equal(fx->h.rec.nupdates, 6);
	u = fx->h.rec.updates;
	/* the first of the twins is withdrawn, by the first retraction */
	assert_int_equal(u[1].retracted_by, u[3].num);
	assert_int_equal(u[2].retracted_by, 0);
	assert_int_equal(u[3].retracts_num, u[1].num);
	assert_int_equal(record_update_number(&fx->h.rec, u[3].retracts_num),
	    2);
	assert_int_equal(u[5].retracted_by, u[4].num);
	assert_int_equal(u[4].retracts.given, UK_ALL);
	assert_string_equal(u[4].retracts.date, "2205-05-01");
	assert_string_equal(u[4].retracts.note, "Typo.");
	assert_null(u[4].retracts.recorded);
	/* what counts: neither a retraction nor what one withdrew */
	assert_true(record_update_counts(&u[0]));
	assert_false(record_update_counts(&u[1]));
	assert_true(record_update_counts(&u[2]));
	assert_false(record_update_counts(&u[3]));
	assert_false(record_update_counts(&u[5]));
	/* a key matches an update the same in every field */
	assert_true(record_key_matches(&u[4].retracts, &u[5]));
	assert_false(record_key_matches(&u[4].retracts, &u[2]));
	/* a retraction naming another update is another update */
	other = u[4];
	other.retracts.given = UK_DATE | UK_NOTE;
	other.retracts.note = "Something else.";
	assert_false(record_update_same(&other, &u[4]));
	other.retracts.note = "Typo.";
	assert_true(record_update_same(&other, &u[4]));
	other.retracts.given = 0;
	assert_false(record_update_same(&other, &u[4]));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_load_equals_file, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_holder_reused, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_other_source, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_retracts, setup,
		    teardown),
	};

	return cmocka_run_group_tests_name("recload", tests, NULL, NULL);
}
