/*
 * pretok: words made ahead on a second thread must be exactly the words
 * FTS5's own tokenizer makes, and be used only for the texts they were
 * made from. Each test fills one FTS5 table through the wrapper and an
 * identical one without words made ahead, and compares every (term, row,
 * column, offset) the two indexes hold; FTS5's integrity-check, which
 * tokenizes the stored texts again, must pass as well.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "pretok.h"

#define TOKENIZE "tokenize = 'porter unicode61 remove_diacritics 2'"

/* A connection of its own, "porter" wrapped, the thread started. */
static sqlite3 *
wrapped(struct pretok **pt)
{
	sqlite3 *h;
	sqlite3_stmt *st;
	fts5_api *api = NULL;

	assert_int_equal(sqlite3_open(":memory:", &h), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(h, "SELECT fts5(?1)", -1, &st,
	    NULL), SQLITE_OK);
	sqlite3_bind_pointer(st, 1, &api, "fts5_api_ptr", NULL);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	sqlite3_finalize(st);
	assert_non_null(*pt = pretok_register(api));
	assert_int_equal(pretok_start(*pt), 0);
	return h;
}

static void
insert(sqlite3 *h, const char *table, long long rowid, const char *text)
{
	char sql[100];
	sqlite3_stmt *st;

	snprintf(sql, sizeof sql, "INSERT INTO %s (rowid, x) VALUES (?1, ?2)",
	    table);
	assert_int_equal(sqlite3_prepare_v2(h, sql, -1, &st, NULL), SQLITE_OK);
	sqlite3_bind_int64(st, 1, rowid);
	sqlite3_bind_text(st, 2, text, -1, SQLITE_STATIC);
	assert_int_equal(sqlite3_step(st), SQLITE_DONE);
	sqlite3_finalize(st);
}

/* Every instance the index of table holds, in one string. */
static char *
instances(sqlite3 *h, const char *table)
{
	struct buf b = BUF_INIT;
	char sql[200];
	sqlite3_stmt *st;

	snprintf(sql, sizeof sql, "CREATE VIRTUAL TABLE temp.v_%s USING "
	    "fts5vocab(main, %s, 'instance')", table, table);
	exec_ok(h, sql);
	snprintf(sql, sizeof sql, "SELECT term, doc, col, offset FROM v_%s "
	    "ORDER BY 1, 2, 3, 4", table);
	assert_int_equal(sqlite3_prepare_v2(h, sql, -1, &st, NULL), SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW)
		buf_printf(&b, "%s %lld %s %d\n", sqlite3_column_text(st, 0),
		    (long long)sqlite3_column_int64(st, 1),
		    sqlite3_column_text(st, 2), sqlite3_column_int(st, 3));
	sqlite3_finalize(st);
	return buf_detach(&b);
}

static void
integrity(sqlite3 *h, const char *table)
{
	char sql[100];

	snprintf(sql, sizeof sql, "INSERT INTO %s (%s) VALUES "
	    "('integrity-check')", table, table);
	exec_ok(h, sql);
}

/* The index of table x holds what that of y does, and passes FTS5's
 * integrity-check; returns how long its listing is. */
static size_t
same_index(sqlite3 *h, const char *x, const char *y)
{
	char *a = instances(h, x), *b = instances(h, y);
	size_t len = strlen(a);

	assert_string_equal(a, b);
	integrity(h, x);
	free(a);
	free(b);
	return len;
}

/* Texts that try the tokenizer: stems, diacritics, punctuation, digits,
 * runs of spaces, a text of spaces only, very long words. */
static const char *const odd[] = {
	"Recruitment and retention of social workers",
	"caf\xc3\xa9 na\xc3\xafve r\xc3\xb4le \xc3\x85ngstr\xc3\xb6m \xc3\x9f",
	"   leading, trailing   and   many   spaces   ",
	"   ",
	"it's the Council's key-worker housing (KWH) \xe2\x80\x94 \"quoted\"",
	"2024-03-31 \xc2\xa3" "1,000,000 12.5% v2.0 #7",
	"\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e \xd0\xa0\xd1\x83\xd1\x81\xd1\x81"
	"\xd0\xba\xd0\xb8\xd0\xb9 \xce\xb5\xce\xbb\xce\xbb\xce\xb7\xce\xbd",
	"tab\there\nnew line\n\nparagraph",
};

/* A batch of n texts: the odd ones, then generated ones. */
static char *
batch(size_t n, size_t *len)
{
	struct buf b = BUF_INIT;
	size_t i, k;

	for (i = 0; i < n; i++) {
		if (i < sizeof odd / sizeof odd[0]) {
			buf_adds(&b, odd[i]);
		} else {
			for (k = 0; k < 1 + i % 40; k++)
				buf_printf(&b, "%s%zu word%zu recruiting ",
				    k % 3 ? "" : "Stemmed ", i * k % 997, k);
			if (i % 50 == 0)
				for (k = 0; k < 3000; k++)
					buf_addc(&b, (char)('a' + k % 26));
		}
		buf_addc(&b, '\0');
	}
	*len = b.len;
	return buf_detach(&b);
}

static void
test_replayed_words_are_fts5s(void **state)
{
	struct pretok *pt;
	sqlite3 *h = wrapped(&pt);
	size_t len, i, n = 2000, before = pretok_replayed(pt);
	char *texts = batch(n, &len);
	const char *t;

	(void)state;
	exec_ok(h, "CREATE VIRTUAL TABLE a USING fts5(x, " TOKENIZE ")");
	exec_ok(h, "CREATE VIRTUAL TABLE b USING fts5(x, " TOKENIZE ")");
	exec_ok(h, "BEGIN");
	/* the plain one first: it also opens the wrapper */
	for (i = 0, t = texts; i < n; i++, t += strlen(t) + 1)
		insert(h, "b", (long long)i + 1, t);
	assert_int_equal(pretok_submit(pt, texts, len), 1);
	pretok_arm(pt);
	for (i = 0, t = texts; i < n; i++, t += strlen(t) + 1)
		insert(h, "a", (long long)i + 1, t);
	pretok_disarm(pt);
	exec_ok(h, "COMMIT");
	/* every text had words made ahead (spaces only: none, but made) */
	assert_int_equal(pretok_replayed(pt) - before, n);
	assert_true(same_index(h, "a", "b") > 100000);
	free(texts);
	pretok_stop(pt);
	sqlite3_close(h);
}

/* Texts that are not the batch's next one are tokenized as usual, and
 * the batch goes on matching after them; a different tokenizer's index
 * never gets its words. */
static void
test_only_the_texts_they_were_made_from(void **state)
{
	struct pretok *pt;
	sqlite3 *h = wrapped(&pt);
	size_t len, i, n = 300, before;
	char *texts = batch(n, &len);
	const char *t;

	(void)state;
	exec_ok(h, "CREATE VIRTUAL TABLE a USING fts5(x, " TOKENIZE ")");
	exec_ok(h, "CREATE VIRTUAL TABLE b USING fts5(x, " TOKENIZE ")");
	exec_ok(h, "CREATE VIRTUAL TABLE c USING fts5(x, tokenize = "
	    "\"porter unicode61 tokenchars '-'\")");
	exec_ok(h, "CREATE VIRTUAL TABLE d USING fts5(x, tokenize = "
	    "\"porter unicode61 tokenchars '-'\")");
	exec_ok(h, "BEGIN");
	for (i = 0, t = texts; i < n; i++, t += strlen(t) + 1) {
		insert(h, "b", 2 * (long long)i + 1, "an interloper text");
		insert(h, "b", 2 * (long long)i + 2, t);
		insert(h, "d", (long long)i + 1, t);
	}
	assert_int_equal(pretok_submit(pt, texts, len), 1);
	pretok_arm(pt);
	before = pretok_replayed(pt);
	/* another index, another tokenizer's arguments: not replayed */
	insert(h, "c", 1, texts);
	assert_int_equal(pretok_replayed(pt), before);
	for (i = 0, t = texts; i < n; i++, t += strlen(t) + 1) {
		insert(h, "a", 2 * (long long)i + 1, "an interloper text");
		insert(h, "a", 2 * (long long)i + 2, t);
		if (i > 0)
			insert(h, "c", (long long)i + 1, t);
	}
	pretok_disarm(pt);
	exec_ok(h, "COMMIT");
	assert_int_equal(pretok_replayed(pt) - before, n);
	same_index(h, "a", "b");
	same_index(h, "c", "d");
	free(texts);
	pretok_stop(pt);
	sqlite3_close(h);
}

/* A batch submitted and never armed (an import that failed) is stopped
 * cleanly; one armed and not used in full changes nothing after it. */
static void
test_abandoned(void **state)
{
	struct pretok *pt;
	sqlite3 *h = wrapped(&pt);
	size_t len;
	char *texts = batch(500, &len);

	(void)state;
	exec_ok(h, "CREATE VIRTUAL TABLE a USING fts5(x, " TOKENIZE ")");
	insert(h, "a", 1, "opens the wrapper");
	assert_int_equal(pretok_submit(pt, texts, len), 1);
	/* one at a time */
	assert_int_equal(pretok_submit(pt, texts, len), 0);
	pretok_stop(pt);
	/* stopped: nothing is made ahead until started again */
	assert_int_equal(pretok_submit(pt, texts, len), 0);
	assert_int_equal(pretok_start(pt), 0);
	assert_int_equal(pretok_submit(pt, texts, len), 1);
	pretok_arm(pt);
	insert(h, "a", 2, texts);
	pretok_disarm(pt);
	insert(h, "a", 3, texts + strlen(texts) + 1);
	integrity(h, "a");
	pretok_stop(pt);
	free(texts);
	sqlite3_close(h);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_replayed_words_are_fts5s),
		cmocka_unit_test(test_only_the_texts_they_were_made_from),
		cmocka_unit_test(test_abandoned),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
