#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "db-sql.h"
#include "diag.h"
#include "schema.h"
#include "search.h"

static int cmd_verify(struct ctx *ctx, int argc, char **argv);

const struct cmd cmd_verify_entry = {
	.name = "verify",
	.group = G_ADMIN,
	.usage = "verify",
	.summary = "Check the database: integrity, foreign keys, invariants.",
	.help =
	"Runs SQLite's integrity and foreign-key checks, then rectrack's own:\n"
	"the append-only guards of the history are in place, every meeting's\n"
	"review exists, evidence cited by a recommendation belongs to its\n"
	"review, no inline evidence is left unattached, stored dates are dates,\n"
	"and the full-text index agrees with the tables, word for word.\n"
	"Prints 'ok' and exits 0, or names each problem and exits 1.\n"
	"\n"
	"Example:\n"
	"  rectrack --db council.db verify\n",
	.flags = CMD_DB_READ,
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

static void
schema_diff(void *arg, const char *what, const char *type, const char *name)
{
	(void)arg;
	error("verify: schema: %s '%s' is %s%s", type, name, what,
	    strcmp(what, "foreign") == 0 ? " (not made by rectrack)" :
	    strcmp(what, "altered") == 0 ? " (not as rectrack made it)" : "");
}

static int
cmd_verify(struct ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int opt, n = 0, diffs;

	while ((opt = cmd_getopt(&cmd_verify_entry, argc, argv, "h", opts)) !=
	    -1)
		return opt == 'h' ? RT_OK : RT_USAGE;
	if (optind < argc)
		return cmd_usage_error(&cmd_verify_entry, "unexpected argument "
		    "'%s'", argv[optind]);
	n += problems(ctx, "PRAGMA integrity_check", ST_COUNT, "integrity");
	n += problems(ctx, "PRAGMA foreign_key_check", ST_COUNT,
	    "foreign key (table, row, parent)");
	diffs = schema_compare(ctx->db, schema_diff, NULL);
	n += diffs < 0 ? 1 : diffs;
	n += problems(ctx, NULL, ST_VERIFY_MEETING_REVIEWS,
	    "meeting whose review does not exist (committee, meeting, review)");
	n += problems(ctx, NULL, ST_VERIFY_EVIDENCE_LINKS,
	    "evidence cited from another review (review, ref, position)");
	n += problems(ctx, NULL, ST_VERIFY_ORPHAN_INLINE,
	    "inline evidence attached to nothing (evidence row)");
	n += problems(ctx, NULL, ST_VERIFY_BAD_DATES,
	    "a stored date that is not YYYY-MM-DD (record, row, value)");
	{
		long long want, held, bad;

		if (sqlite3_exec(db_handle(ctx->db), "INSERT INTO search(search) "
		    "VALUES ('integrity-check')", NULL, NULL, NULL) != SQLITE_OK) {
			error("verify: the full-text index is damaged: %s "
			    "('rectrack reindex' rebuilds it)",
			    sqlite3_errmsg(db_handle(ctx->db)));
			n++;
		} else if (search_counts(ctx->db, &want, &held) == 0 &&
		    want != held) {
			error("verify: the full-text index holds %lld rows where "
			    "the tables call for %lld ('rectrack reindex' "
			    "rebuilds it)", held, want);
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
	printf("ok: %s (integrity, foreign keys, history guards, "
	    "references, dates, search index; schema version %d)\n",
	    ctx->dbpath,
	    db_schema_version());
	return RT_OK;
}
