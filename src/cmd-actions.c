#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "diag.h"
#include "output.h"
#include "schema.h"
#include "search.h"
#include "vocab.h"
#include "xmalloc.h"

struct actions_opts {
	struct filter_opts fo;
	enum out_format fmt;
};

static const struct opt actions_options[] = {
	{ .kind = OPT_STRING, .name = "committee", .off =
	    offsetof(struct actions_opts, fo.committee), .arg = "C",
	    .help = "committee id, or part of its id or name",
	    .complete = COMP_COMMITTEE },
	{ .kind = OPT_STRING, .name = "review", .off =
	    offsetof(struct actions_opts, fo.review), .arg = "R",
	    .help = "actions of meetings that served review R, and of\n"
	    "responses to its recommendations", .complete = COMP_REVIEW },
	OPTION_FLAG(0, "open", struct actions_opts, fo.f.open,
	    "open actions only"),
	OPTION_STRING(0, "owner", struct actions_opts, fo.f.owner, "TEXT",
	    "part of the owner's name (any case)"),
	OPTION_FORMAT('f', struct actions_opts, fmt, "F", cmd_list_formats,
	    "table (default), csv, json, markdown"),
	OPTION_END,
};

struct action_opts {
	const char *note;
};

static const struct opt action_options[] = {
	OPTION_STRING(0, "note", struct action_opts, note, "TEXT",
	    "the latest word on it: what was done, why it was dropped"),
	OPTION_END,
};

static int action_check(const struct cmd *c, void *opts, int argc,
    char **argv);
static int cmd_actions(struct ctx *ctx, void *opts, int argc, char **argv);
static int cmd_action(struct ctx *ctx, void *opts, int argc, char **argv);

const struct cmd cmd_actions_entry = {
	.name = "actions",
	.group = G_TRACK,
	.summary = "The action log: meeting actions and response actions.",
	.help =
	"One row per action, numbered; an open action past its due date is\n"
	"marked overdue. 'rectrack action NUMBER done' records progress.\n",
	.examples =
	"Examples:\n"
	"  rectrack actions --review islington-2024-childrens-workforce --open\n"
	"  rectrack actions --owner \"theo mclean\" --format csv\n",
	.opts = actions_options,
	.optsize = sizeof(struct actions_opts),
	.flags = CMD_DB_READ,
	.exec = cmd_actions,
};

const struct cmd cmd_action_entry = {
	.name = "action",
	.group = G_TRACK,
	.args = "NUMBER done|dropped|open",
	.summary = "Mark an action done, dropped, or open again.",
	.help =
	"NUMBER is the number 'rectrack actions' shows.\n",
	.examples =
	"Examples:\n"
	"  rectrack action 3 done --note \"Breakdown circulated 2024-05-02\"\n"
	"  rectrack action 4 dropped --note \"Superseded by the SEND review\"\n",
	.opts = action_options,
	.optsize = sizeof(struct action_opts),
	.flags = CMD_DB_WRITE,
	.check = action_check,
	.exec = cmd_action,
};

enum {
	A_NUMBER, A_COMMITTEE, A_REVIEW, A_SOURCE, A_ID, A_OWNER, A_DUE,
	A_STATUS, A_OVERDUE, A_TEXT, A_NOTE, A_NCOLS,
};

static const struct out_col cols[A_NCOLS] = {
	[A_NUMBER] = { "number", "NO", CELL_INT, OUT_BRIEF },
	[A_COMMITTEE] = { "committee", "COMMITTEE", CELL_STR, 0 },
	[A_REVIEW] = { "review", "REVIEW", CELL_STR, 0 },
	[A_SOURCE] = { "source", "FROM", CELL_STR, OUT_BRIEF },
	[A_ID] = { "id", "ID", CELL_STR, 0 },
	[A_OWNER] = { "owner", "OWNER", CELL_STR, OUT_BRIEF },
	[A_DUE] = { "due", "DUE", CELL_STR, OUT_BRIEF },
	[A_STATUS] = { "status", "STATUS", CELL_STR, OUT_BRIEF },
	[A_OVERDUE] = { "overdue", "OVERDUE", CELL_BOOL, OUT_BRIEF },
	[A_TEXT] = { "text", "TEXT", CELL_STR, OUT_BRIEF | OUT_WIDE },
	[A_NOTE] = { "note", "NOTE", CELL_STR, 0 },
};

static int
cmd_actions(struct ctx *ctx, void *opts, int argc, char **argv)
{
	struct actions_opts *ao = opts;
	enum out_format fmt = ao->fmt;
	struct filter f;
	struct cell v[A_NCOLS];
	struct out *o;
	sqlite3_stmt *st;
	int rc;

	(void)argc;
	(void)argv;
	if (filter_resolve(ctx, &ao->fo) != RT_OK)
		return RT_FAIL;
	f = ao->fo.f;
	st = db_stmt(ctx->db, ST_ACTIONS);
	if (f.committee)
		sqlite3_bind_int64(st, 1, f.committee);
	if (f.review)
		sqlite3_bind_int64(st, 2, f.review);
	if (f.open)
		sqlite3_bind_int(st, 3, 1);
	db_bind_text(st, 4, f.owner);
	o = out_begin(fmt, stdout, cols, A_NCOLS, fmt == FMT_TABLE ?
	    term_width(STDOUT_FILENO) : 0);
	out_none(o, "no actions match");
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *due = db_col(st, 6), *status = stored_text(st, 7);

		memset(v, 0, sizeof v);
		v[A_NUMBER].i = sqlite3_column_int64(st, 0);
		v[A_COMMITTEE].s = db_col(st, 1);
		v[A_REVIEW].s = db_col(st, 2);
		v[A_SOURCE].s = db_col(st, 3);
		v[A_ID].s = db_col(st, 4);
		v[A_OWNER].s = db_col(st, 5);
		v[A_DUE].s = due;
		v[A_STATUS].s = status;
		v[A_OVERDUE].i = action_overdue(status, due, ctx->today);
		v[A_TEXT].s = db_col(st, 8);
		v[A_NOTE].s = db_col(st, 9);
		out_row(o, v);
	}
	out_end(o);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		db_error(ctx->db, "query failed");
		return RT_FAIL;
	}
	return RT_OK;
}

static int
action_check(const struct cmd *c, void *opts, int argc, char **argv)
{
	char *end;
	long long number;

	(void)opts;
	(void)argc;
	number = strtoll(argv[1], &end, 10);
	if (*argv[1] == '\0' || *end != '\0' || number <= 0)
		return cmd_usage_error(c, "'%s' is not an action number",
		    argv[1]);
	if (vocab_find(vocab_action_status, argv[2]) < 0)
		return cmd_usage_error(c, "unknown action status '%s' (one of: "
		    "done, dropped, open)", argv[2]);
	return RT_OK;
}

static int
cmd_action(struct ctx *ctx, void *opts, int argc, char **argv)
{
	struct action_opts *ao = opts;
	const char *to = argv[2];
	sqlite3_stmt *st;
	char *from = NULL, *note = NULL;
	long long number = strtoll(argv[1], NULL, 10);
	int rc;

	(void)argc;
	if (ao->note != NULL && cmd_text_arg("--note", ao->note, &note) !=
	    RT_OK)
		return RT_FAIL;
	if ((rc = cmd_begin(ctx)) != RT_OK)
		goto early;
	rc = RT_FAIL;
	st = db_stmt(ctx->db, ST_ACTION_STATUS);
	sqlite3_bind_int64(st, 1, number);
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_reset(st);
		error("no action %lld ('rectrack actions' lists them)", number);
		goto out;
	}
	from = xstrdup(db_col(st, 0));
	sqlite3_reset(st);
	if (search_changing_action(ctx->db, number) < 0)
		goto out;
	st = db_stmt(ctx->db, ST_ACTION_SET);
	sqlite3_bind_int64(st, 1, number);
	db_bind_text(st, 2, to);
	db_bind_text(st, 3, note);
	if (db_exec_stmt(ctx->db, st) < 0 ||
	    search_index_action(ctx->db, number) < 0 ||
	    db_commit(ctx->db) != RT_OK)
		goto out;
	rc = RT_OK;
	printf("action %lld: %s -> %s\n", number, from, to);
out:
	if (rc != RT_OK)
		db_rollback(ctx->db);
	free(from);
early:
	free(note);
	return rc;
}
