#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
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
	const char *note, *date;		/* NUMBER STATUS */
	const char *meeting, *owner, *due;	/* add */
};

static const struct opt action_options[] = {
	OPTION_GROUP("Recording progress (action NUMBER done|dropped|open):",
	    NULL),
	OPTION_STRING(0, "note", struct action_opts, note, "TEXT",
	    "the latest word on it: what was done, why it was dropped"),
	OPTION_DATE(0, "date", struct action_opts, date,
	    "the date the status took effect (default today)"),
	OPTION_GROUP("Adding an action (action add):", NULL),
	OPTION_STRING(0, "meeting", struct action_opts, meeting,
	    "COMMITTEE/MEETING", "a meeting's action, not a response's"),
	OPTION_STRING(0, "owner", struct action_opts, owner, "NAME",
	    "who is to do it"),
	OPTION_DUE(0, "due", struct action_opts, due,
	    "when it is due (YYYY-MM-DD, or YYYY-MM for a month)"),
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
	.args = "NUMBER|add done|dropped|open|HANDLE [TEXT]",
	.summary = "Add an action, or mark one done, dropped, or open again.",
	.help =
	"  rectrack action NUMBER done|dropped|open [--note TEXT] [--date DATE]\n"
	"  rectrack action add HANDLE TEXT [--owner NAME] [--due DATE]\n"
	"  rectrack action add --meeting COMMITTEE/MEETING TEXT [--owner NAME]\n"
	"      [--due DATE]\n"
	"\n"
	"NUMBER is the number 'rectrack actions' shows. 'add' adds an action to\n"
	"the response to recommendation HANDLE (record the response with\n"
	"'rectrack respond' first), or with --meeting to a meeting; its id is\n"
	"the next free A1, A2, ... there, and its number is printed.\n",
	.examples =
	"Examples:\n"
	"  rectrack action 3 done --note \"Breakdown circulated\" --date "
	"2024-05-02\n"
	"  rectrack action 4 dropped --note \"Superseded by the SEND review\"\n"
	"  rectrack action add slough-2023-scf-workforce-strategy/4 \\\n"
	"      \"Report the vacancy rate each quarter\" --owner \"Head of HR\" "
	"\\\n"
	"      --due 2024-06-30\n"
	"  rectrack action add --meeting islington-childrens-services/"
	"2024-02-26 \\\n"
	"      \"Circulate the housing briefing\" --owner Officers\n",
	.opts = action_options,
	.optsize = sizeof(struct action_opts),
	.flags = CMD_DB_WRITE,
	.check = action_check,
	.exec = cmd_action,
};

enum {
	A_NUMBER, A_COMMITTEE, A_REVIEW, A_SOURCE, A_ID, A_OWNER, A_DUE,
	A_STATUS, A_SINCE, A_OVERDUE, A_TEXT, A_NOTE, A_NCOLS,
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
	[A_SINCE] = { "status_date", "SINCE", CELL_STR, OUT_BRIEF | OUT_DROP },
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
	st = db_stmt(ctx->db, f.committee || f.review ? ST_ACTIONS_OF :
	    ST_ACTIONS);
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
		v[A_SINCE].s = db_col(st, 11);
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
	struct action_opts *ao = opts;
	char *end;
	long long number;

	if (strcmp(argv[1], "add") == 0) {
		if (ao->note != NULL || ao->date != NULL)
			return cmd_usage_error(c, "--note and --date record "
			    "progress ('action NUMBER done|dropped|open'), not "
			    "with 'action add'");
		if (ao->meeting != NULL && argc != 3)
			return cmd_usage_error(c, "give 'action add --meeting "
			    "COMMITTEE/MEETING TEXT': the text, in quotes, only");
		if (ao->meeting == NULL && argc != 4)
			return cmd_usage_error(c, "give 'action add HANDLE TEXT' "
			    "(a response's action) or 'action add --meeting "
			    "COMMITTEE/MEETING TEXT'");
		if (ao->meeting != NULL && (strchr(ao->meeting, '/') == NULL ||
		    *ao->meeting == '/' ||
		    ao->meeting[strlen(ao->meeting) - 1] == '/'))
			return cmd_usage_error(c, "--meeting '%s': write "
			    "COMMITTEE/MEETING, the ids of both",
			    ao->meeting);
		return RT_OK;
	}
	if (ao->meeting != NULL || ao->owner != NULL || ao->due != NULL)
		return cmd_usage_error(c, "--meeting, --owner and --due are "
		    "for 'action add'");
	number = strtoll(argv[1], &end, 10);
	if (*argv[1] == '\0' || *end != '\0' || number <= 0)
		return cmd_usage_error(c, "'%s' is not an action number (or "
		    "'add')", argv[1]);
	if (argc != 3)
		return cmd_usage_error(c, "give 'action NUMBER "
		    "done|dropped|open'");
	if (vocab_find(vocab_action_status, argv[2]) < 0)
		return cmd_usage_error(c, "unknown action status '%s' (one of: "
		    "done, dropped, open)", argv[2]);
	return RT_OK;
}

/* Where an added action goes: a meeting's row, or a response's (rec). */
struct action_home {
	long long meeting_id, rec_id;
	char *where;		/* "meeting C/M", "the response to R/REF" */
};

/* The meeting of --meeting COMMITTEE/MEETING, inside the transaction. */
static int
meeting_home(struct ctx *ctx, const char *arg, struct action_home *h)
{
	const char *slash = strchr(arg, '/');
	char *cid = xstrndup(arg, (size_t)(slash - arg));
	long long committee = committee_resolve(ctx->db, cid);
	sqlite3_stmt *st;
	struct buf b = BUF_INIT;

	free(cid);
	if (committee < 0)
		return RT_FAIL;
	st = db_stmt(ctx->db, ST_MEETING_GET);
	sqlite3_bind_int64(st, 1, committee);
	db_bind_text(st, 2, slash + 1);
	if (sqlite3_step(st) == SQLITE_ROW)
		h->meeting_id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (h->meeting_id == 0) {
		error("no meeting '%s' in committee '%.*s' (a meeting is named "
		    "by its id, as in the committee's file)", slash + 1,
		    (int)(slash - arg), arg);
		return RT_FAIL;
	}
	buf_printf(&b, "meeting %s", arg);
	h->where = buf_detach(&b);
	search_changing_meeting(ctx->db, h->meeting_id);
	return RT_OK;
}

/* The response to the recommendation cmd_write_rec() found (now). */
static int
response_home(struct ctx *ctx, const struct rec_now *now,
    struct action_home *h)
{
	struct buf b = BUF_INIT;
	sqlite3_stmt *st;
	int had;

	st = db_stmt(ctx->db, ST_RESPONSE_GET);
	sqlite3_bind_int64(st, 1, h->rec_id);
	had = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_reset(st);
	if (!had)
		error("%s has no response to add an action to: record it with "
		    "'rectrack respond %s --decision D --text T' first",
		    now->handle, now->handle);
	buf_printf(&b, "the response to %s", now->handle);
	h->where = buf_detach(&b);
	return had ? RT_OK : RT_FAIL;
}

static int
action_add(struct ctx *ctx, struct action_opts *ao, int argc, char **argv)
{
	struct action_home h = { 0, 0, NULL };
	sqlite3_stmt *st;
	char *text = NULL, *owner = NULL, aid[32];
	long long number, n;
	int rc = RT_FAIL;

	if (cmd_text_arg("TEXT", argv[argc - 1], &text) != RT_OK)
		goto early;
	if (text == NULL) {
		error("TEXT: the action's text is empty");
		goto early;
	}
	if (ao->owner != NULL && cmd_text_arg("--owner", ao->owner, &owner) !=
	    RT_OK)
		goto early;
	if (ao->meeting != NULL) {
		if ((rc = cmd_begin(ctx)) != RT_OK)
			goto early;
		rc = RT_FAIL;
		rc = meeting_home(ctx, ao->meeting, &h);
	} else {
		struct rec_now now;

		if ((rc = cmd_write_rec(ctx, argv[2], &h.rec_id, &now)) !=
		    RT_OK)
			goto early;
		rc = response_home(ctx, &now, &h);
		rec_now_free(&now);
	}
	if (rc != RT_OK)
		goto out;
	rc = RT_FAIL;
	st = db_stmt(ctx->db, ST_ACTION_NEXT_AID);
	if (h.meeting_id)
		sqlite3_bind_int64(st, 1, h.meeting_id);
	else
		sqlite3_bind_int64(st, 2, h.rec_id);
	n = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	if (n <= 0) {
		db_error(ctx->db, "cannot read the actions held");
		goto out;
	}
	snprintf(aid, sizeof aid, "A%lld", n);
	st = db_stmt(ctx->db, ST_ACTION_INSERT);
	if (h.meeting_id)
		sqlite3_bind_int64(st, 1, h.meeting_id);
	else
		sqlite3_bind_int64(st, 2, h.rec_id);
	db_bind_text(st, 3, aid);
	db_bind_text(st, 4, text);
	db_bind_text(st, 5, owner);
	db_bind_text(st, 6, ao->due);
	if (db_exec_stmt(ctx->db, st) < 0)
		goto out;
	number = sqlite3_last_insert_rowid(db_handle(ctx->db));
	if (search_index_action(ctx->db, number) < 0 ||
	    db_commit(ctx->db) != RT_OK)
		goto out;
	rc = RT_OK;
	printf("action %lld: %s added to %s\n", number, aid, h.where);
out:
	if (rc != RT_OK)
		db_rollback(ctx->db);
	free(h.where);
early:
	free(text);
	free(owner);
	return rc;
}

/* 'action NUMBER done|dropped|open' */
static int
action_set(struct ctx *ctx, struct action_opts *ao, char **argv)
{
	const char *to = argv[2];
	sqlite3_stmt *st;
	char *from = NULL, *note = NULL;
	long long number = strtoll(argv[1], NULL, 10);
	int rc;

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
	db_bind_text(st, 4, ao->date != NULL ? ao->date : ctx->today);
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

static int
cmd_action(struct ctx *ctx, void *opts, int argc, char **argv)
{
	if (strcmp(argv[1], "add") == 0)
		return action_add(ctx, opts, argc, argv);
	return action_set(ctx, opts, argv);
}
