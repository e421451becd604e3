#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "derived.h"
#include "cmd.h"
#include "date.h"
#include "db-sql.h"
#include "diag.h"
#include "escape.h"
#include "schema.h"
#include "search.h"
#include "vocab.h"

static const struct opt verify_options[] = {
	OPTION_END,
};

static int cmd_verify(struct ctx *ctx, void *opts, int argc, char **argv);

const struct cmd cmd_verify_entry = {
	.name = "verify",
	.group = G_ADMIN,
	.summary = "Check the database: integrity, foreign keys, invariants.",
	.help =
	"Runs SQLite's integrity and foreign-key checks, then rectrack's own:\n"
	"the schema is exactly what rectrack's migrations make (every table,\n"
	"index, trigger and view: anything foreign, missing or altered, such\n"
	"as a planted trigger or a look-alike of the history's append-only\n"
	"guards, is named), every meeting's review exists, evidence cited by\n"
	"a recommendation belongs to its review, no inline evidence is left\n"
	"unattached, every stored value is what the format allows (no NULL\n"
	"where one is required, words of the vocabularies, dates that are\n"
	"dates, text without control characters), the stored derivation\n"
	"(each recommendation's current status, target date, slips, latest\n"
	"update, response due and sign-off, kept for the lists) is what its\n"
	"history says, and the full-text index agrees with the tables, word\n"
	"for word.\n"
	"Prints 'ok' and exits 0, or names each problem and exits 1.\n"
	"Commands that write refuse a database whose schema is not rectrack's.\n",
	.examples =
	"Example:\n"
	"  rectrack --db council.db verify\n",
	.opts = verify_options,
	.flags = CMD_DB_READ | CMD_DB_CHECK,
	.exec = cmd_verify,
};

/* Run a query; each row is one problem, described by fmt over its text
 * columns. Returns the number of problems. */
static int
problems(struct ctx *ctx, const char *sql, enum stmt_id id, const char *what)
{
	sqlite3_stmt *st = NULL;
	int n = 0, i, own = sql != NULL;

	if (own && sqlite3_prepare_v2(db_handle(ctx->db), sql, -1, &st,
	    NULL) != SQLITE_OK) {
		db_error(ctx->db, what);
		return 1;
	}
	if (!own)
		st = db_stmt(ctx->db, id);
	while (sqlite3_step(st) == SQLITE_ROW) {
		char line[512];
		size_t len = 0;

		for (i = 0; i < sqlite3_column_count(st) && len < sizeof line;
		    i++)
			len += (size_t)snprintf(line + len, sizeof line - len,
			    "%s%s", i ? " " : "", db_col(st, i) ?
			    db_col(st, i) : "NULL");
		if (own && strcmp(line, "ok") == 0)
			continue;
		error("verify: %s: %s", what, line);
		n++;
	}
	if (own)
		sqlite3_finalize(st);
	else
		sqlite3_reset(st);
	return n;
}

static const char *const items[] = { "member", "commendation", NULL };
static const char *const sources[] = { "import", "cli", NULL };

static const struct {
	const char *name;
	const char *const *words;
} vocabs[] = {
	{ "status", vocab_status }, { "decision", vocab_decision },
	{ "stage", vocab_stage }, { "kind", vocab_evidence_kind },
	{ "action", vocab_action_status }, { "item", items },
	{ "source", sources }, { "rag", vocab_rag },
};

/* What is wrong with one stored value under its rule (ST_VERIFY_VALUES),
 * into b; nothing when it is good. */
static void
value_problem(struct buf *b, sqlite3_stmt *st, const char *rule)
{
	/* the type first: reading the text converts the value */
	int type = sqlite3_column_type(st, 3);
	const char *v = db_col(st, 3), *why;
	const char *const *words = NULL;
	char *list;
	size_t i;

	if (type == SQLITE_NULL) {
		if (rule[0] == 'T' || rule[0] == 'D' || rule[0] == 'V')
			buf_adds(b, "NULL where a value is required");
		return;
	}
	if (type != SQLITE_TEXT) {
		buf_adds(b, "not text");
		return;
	}
	if ((why = text_problem(v)) != NULL) {
		buf_adds(b, why);
		return;
	}
	if (((rule[0] == 'D' || rule[0] == 'd') && !date_valid(v)) ||
	    (rule[0] == 'm' && !due_valid(v))) {
		buf_adds(b, "'");
		buf_add(b, v, utf8_prefix(v, 40));
		buf_adds(b, rule[0] == 'm' ? "' is not a date (YYYY-MM-DD) or "
		    "a month (YYYY-MM)" : "' is not a date (YYYY-MM-DD)");
		return;
	}
	if (rule[0] == 'r' && !stamp_valid(v)) {
		buf_adds(b, "'");
		buf_add(b, v, utf8_prefix(v, 40));
		buf_adds(b, "' is not a time (YYYY-MM-DDTHH:MM:SSZ)");
		return;
	}
	if (rule[0] == 'w' && !period_parse(v, NULL, NULL)) {
		buf_adds(b, "'");
		buf_add(b, v, utf8_prefix(v, 40));
		buf_adds(b, "' is not a period (N days, N weeks, N months)");
		return;
	}
	if (rule[0] != 'V' && rule[0] != 'v')
		return;
	for (i = 0; i < sizeof vocabs / sizeof vocabs[0]; i++)
		if (strcmp(vocabs[i].name, rule + 2) == 0)
			words = vocabs[i].words;
	if (words == NULL || vocab_find(words, v) >= 0)
		return;
	list = vocab_join(words);
	buf_adds(b, "'");
	buf_add(b, v, utf8_prefix(v, 40));
	buf_printf(b, "' is not one of: %s", list);
	free(list);
}

/* Every stored value against what the schema and format.md promise:
 * the schema may have been edited around rectrack. */
static int
values(struct ctx *ctx)
{
	sqlite3_stmt *st = db_stmt(ctx->db, ST_VERIFY_VALUES);
	struct buf why = BUF_INIT;
	int n = 0, rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		buf_reset(&why);
		value_problem(&why, st, stored_text(st, 4));
		if (why.len == 0)
			continue;
		error("verify: value: %s, row %s, column %s: %s",
		    stored_text(st, 0), stored_text(st, 1), stored_text(st, 2),
		    why.s);
		n++;
	}
	if (rc != SQLITE_DONE)
		n += db_error(ctx->db, "verify") < 0;
	sqlite3_reset(st);
	buf_release(&why);
	return n;
}

/* The first of these many differences of the stored derivation are
 * named, the rest counted. */
#define DERIVED_NAMED 20

static void
derived_diff(void *arg, long long rec, const char *handle, const char *field,
    const char *held, const char *want)
{
	long long *n = arg;
	struct buf h = BUF_INIT, a = BUF_INIT, b = BUF_INIT;

	if ((*n)++ >= DERIVED_NAMED)
		return;
	text_clean_line(&h, handle);
	text_clean_line(&a, held != NULL ? held : "(none)");
	text_clean_line(&b, want != NULL ? want : "(none)");
	if (strcmp(field, "row") == 0 && want == NULL)
		error("verify: stored derivation: row %lld belongs to no "
		    "recommendation ('rectrack reindex' derives every row "
		    "again)", rec);
	else if (strcmp(field, "row") == 0)
		error("verify: stored derivation: %s has none ('rectrack "
		    "reindex' derives every row again)", h.s);
	else
		error("verify: stored derivation: %s: %s is '%s' where its "
		    "history says '%s' ('rectrack reindex' derives every row "
		    "again)", h.s, field, a.s, b.s);
	buf_release(&h);
	buf_release(&a);
	buf_release(&b);
}

static void
schema_diff(void *arg, const char *what, const char *type, const char *name)
{
	(void)arg;
	error("verify: schema: %s '%s' is %s%s", type, name, what,
	    strcmp(what, "foreign") == 0 ? " (not made by rectrack)" :
	    strcmp(what, "altered") == 0 ? " (not as rectrack made it)" : "");
}

static int
cmd_verify(struct ctx *ctx, void *opts, int argc, char **argv)
{
	struct buf name = BUF_INIT;
	int n = 0, diffs;

	(void)opts;
	(void)argc;
	(void)argv;
	n += problems(ctx, "PRAGMA integrity_check", ST_COUNT, "integrity");
	n += problems(ctx, "PRAGMA foreign_key_check", ST_COUNT,
	    "foreign key (table, row, parent)");
	diffs = schema_compare(ctx->db, schema_diff, NULL);
	if (diffs == -2)
		error("%s: database is locked by another writer: the schema "
		    "was not compared (try again)", ctx->dbpath);
	n += diffs < 0 ? 1 : diffs;
	n += problems(ctx, NULL, ST_VERIFY_MEETING_REVIEWS,
	    "meeting whose review does not exist (committee, meeting, review)");
	n += problems(ctx, NULL, ST_VERIFY_EVIDENCE_LINKS,
	    "evidence cited from another review (review, ref, position)");
	n += problems(ctx, NULL, ST_VERIFY_ORPHAN_INLINE,
	    "inline evidence attached to nothing (evidence row)");
	n += problems(ctx, NULL, ST_VERIFY_RETRACTS,
	    "retraction that withdraws no earlier update of its recommendation "
	    "that counts, one dated after the retraction (and not still "
	    "to come when it was recorded), or one another retraction withdrew (update row, "
	    "retracts)");
	n += values(ctx);
	{
		long long named = 0, bad = derived_verify(ctx->db,
		    derived_diff, &named);

		if (bad > DERIVED_NAMED)
			error("verify: stored derivation: %lld more differences",
			    bad - DERIVED_NAMED);
		n += bad < 0 ? 1 : bad > 1000000 ? 1000000 : (int)bad;
	}
	{
		long long want, held, bad, counted;
		int counts = -1;

		if (sqlite3_exec(db_handle(ctx->db), "INSERT INTO search(search) "
		    "VALUES ('integrity-check')", NULL, NULL, NULL) != SQLITE_OK) {
			error("verify: the full-text index is damaged: %s "
			    "('rectrack reindex' rebuilds it)",
			    sqlite3_errmsg(db_handle(ctx->db)));
			n++;
		} else if ((counts = search_counts(ctx->db, &want, &held)) ==
		    0 && want != held) {
			error("verify: the full-text index holds %lld rows where "
			    "the tables call for %lld ('rectrack reindex' "
			    "rebuilds it)", held, want);
			n++;
		} else if (counts == 0 && (search_counted(ctx->db,
		    &counted) < 0 || counted != held)) {
			error("verify: the full-text index's count of its rows "
			    "is damaged ('rectrack reindex' rebuilds it)");
			n++;
		} else if (search_check(ctx->db, &bad) < 0) {
			n++;
		} else if (bad > 0) {
			error("verify: the full-text index does not match the "
			    "texts in the tables ('rectrack reindex' rebuilds "
			    "it)");
			n++;
		}
	}
	if (n > 0) {
		error("verify: %d problem%s in %s", n, n == 1 ? "" : "s",
		    ctx->dbpath);
		return RT_FAIL;
	}
	text_clean_line(&name, ctx->dbpath);
	printf("ok: %s (integrity, foreign keys, schema, references, "
	    "values, stored derivation, search index; schema version %d)\n",
	    name.s,
	    db_schema_version());
	buf_release(&name);
	return RT_OK;
}
