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

static int cmd_actions(struct ctx *ctx, int argc, char **argv);
static int cmd_action(struct ctx *ctx, int argc, char **argv);

const struct cmd cmd_actions_entry = {
	.name = "actions",
	.group = G_TRACK,
	.usage = "actions [--committee C] [--review R] [--open] [--owner O] "
	    "[--format F]",
	.summary = "The action log: meeting actions and response actions.",
	.help =
	"One row per action, numbered; an open action past its due date is\n"
	"marked overdue. 'rectrack action NUMBER done' records progress.\n"
	"\n"
	"Options:\n"
	"  --committee C   committee id, or part of its id or name\n"
	"  --review R      actions of meetings that served review R, and of\n"
	"                  responses to its recommendations\n"
	"  --open          open actions only\n"
	"  --owner TEXT    part of the owner's name (any case)\n"
	"  --format F      table (default), csv, json, markdown\n"
	"\n"
	"Examples:\n"
	"  rectrack actions --review islington-2024-childrens-workforce --open\n"
	"  rectrack actions --owner \"theo mclean\" --format csv\n",
	.flags = CMD_DB_READ,
	.exec = cmd_actions,
};

const struct cmd cmd_action_entry = {
	.name = "action",
	.group = G_TRACK,
	.usage = "action NUMBER done|dropped|open [--note TEXT]",
	.summary = "Mark an action done, dropped, or open again.",
	.help =
	"NUMBER is the number 'rectrack actions' shows.\n"
	"\n"
	"Options:\n"
	"  --note TEXT   the latest word on it: what was done, why it was "
	"dropped\n"
	"\n"
	"Examples:\n"
	"  rectrack action 3 done --note \"Breakdown circulated 2024-05-02\"\n"
	"  rectrack action 4 dropped --note \"Superseded by the SEND review\"\n",
	.flags = CMD_DB_WRITE,
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
cmd_actions(struct ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "committee", required_argument, NULL, 'C' },
		{ "review", required_argument, NULL, 'R' },
		{ "open", no_argument, NULL, 'O' },
		{ "owner", required_argument, NULL, OPT_OWNER },
		{ "format", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const struct cmd *c = &cmd_actions_entry;
	enum out_format fmt = FMT_TABLE;
	struct filter f;
	struct cell v[A_NCOLS];
	struct out *o;
	sqlite3_stmt *st;
	int opt, rc;

	memset(&f, 0, sizeof f);
	while ((opt = cmd_getopt(c, argc, argv, "f:h", opts)) != -1) {
		rc = opt == OPT_OWNER ? 0 : filter_option(ctx, c, opt, optarg,
		    &f);
		if (rc < 0)
			return -rc;
		if (rc > 0)
			continue;
		switch (opt) {
		case 'h':
			return RT_OK;
		case OPT_OWNER:
			f.owner = optarg;
			break;
		case 'f':
			if (cmd_list_format(c, optarg, &fmt) != RT_OK)
				return RT_USAGE;
			break;
		default:
			return RT_USAGE;
		}
	}
	if (optind < argc)
		return cmd_usage_error(c, "unexpected argument '%s'",
		    argv[optind]);
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
cmd_action(struct ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "note", required_argument, NULL, 'n' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const struct cmd *c = &cmd_action_entry;
	const char *to;
	sqlite3_stmt *st;
	char *end, *from = NULL, *note = NULL;
	long long number;
	int opt, rc;

	rc = RT_USAGE;
	while ((opt = cmd_getopt(c, argc, argv, "h", opts)) != -1) {
		if (opt == 'h')
			rc = RT_OK;
		else if (opt == 'n' &&
		    cmd_text_arg("--note", optarg, &note) != RT_OK)
			rc = RT_FAIL;
		if (opt != 'n' || rc == RT_FAIL)
			goto early;
	}
	if (argc - optind != 2) {
		rc = cmd_usage_error(c, "give the action's number and "
		    "done, dropped or open");
		goto early;
	}
	number = strtoll(argv[optind], &end, 10);
	if (*argv[optind] == '\0' || *end != '\0' || number <= 0) {
		rc = cmd_usage_error(c, "'%s' is not an action number",
		    argv[optind]);
		goto early;
	}
	to = argv[optind + 1];
	if (vocab_find(vocab_action_status, to) < 0) {
		rc = cmd_usage_error(c, "unknown action status '%s' (one of: "
		    "done, dropped, open)", to);
		goto early;
	}
	if ((rc = cmd_begin(ctx)) != RT_OK)
		goto early;
	rc = RT_FAIL;
	st = db_stmt(ctx->db, ST_ACTIONS);
	sqlite3_bind_int64(st, 5, number);
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_reset(st);
		error("no action %lld ('rectrack actions' lists them)", number);
		goto out;
	}
	from = xstrdup(db_col(st, 7));
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
