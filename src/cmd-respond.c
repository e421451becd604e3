#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "cmd.h"
#include "diag.h"
#include "search.h"
#include "escape.h"
#include "vocab.h"
#include "xmalloc.h"
#include "yamlin.h"

struct respond_opts {
	int decision, replace, follow_up;
	const char *text, *file, *date, *by;
};

static const struct opt respond_options[] = {
	{ .kind = OPT_WORD, .name = "decision", .off =
	    offsetof(struct respond_opts, decision), .arg = "D",
	    .values = vocab_decision, .flags = OPTF_REQUIRED,
	    .help = "the executive's decision (required)" },
	{ .kind = OPT_STRING, .name = "text", .off =
	    offsetof(struct respond_opts, text), .arg = "TEXT",
	    .help = "the response, verbatim", .flags = OPTF_ONE_OF },
	{ .kind = OPT_STRING, .name = "text-file", .off =
	    offsetof(struct respond_opts, file), .arg = "FILE",
	    .help = "read the response from FILE ('-': standard input)",
	    .flags = OPTF_ONE_OF, .complete = COMP_FILE },
	OPTION_DATE(0, "date", struct respond_opts, date,
	    "the date of the decision (default today)"),
	OPTION_STRING(0, "by", struct respond_opts, by, "NAME",
	    "the body or post holder (e.g. Executive)"),
	{ .kind = OPT_FLAG, .name = "replace", .off =
	    offsetof(struct respond_opts, replace), .flags = OPTF_EXCLUSIVE,
	    .help = "correct a response already recorded" },
	{ .kind = OPT_FLAG, .name = "follow-up", .off =
	    offsetof(struct respond_opts, follow_up), .flags = OPTF_EXCLUSIVE,
	    .help = "a later, fuller response: the one held is kept\n"
	    "as an interim response" },
	OPTION_END,
};

static int cmd_respond(struct ctx *ctx, void *opts, int argc, char **argv);

const struct cmd cmd_respond_entry = {
	.name = "respond",
	.group = G_TRACK,
	.args = "HANDLE",
	.summary = "Record the executive's response to a recommendation.",
	.help =
	"Decisions: accepted, accepted-in-principle, partially-accepted, noted,\n"
	"deferred, rejected. A recommendation has one current response;\n"
	"replacing one already recorded is a correction and needs --replace.\n"
	"When the executive first gave an interim response and now the full\n"
	"one, --follow-up records the new one as current and keeps the first\n"
	"as an interim response. Either way the earlier response is kept, and\n"
	"'show' lists it.\n",
	.examples =
	"Examples:\n"
	"  rectrack respond slough-2023-scf-workforce-strategy/4 --decision "
	"accepted \\\n"
	"      --text-file cabinet-response-4.txt --date 2023-03-20 --by "
	"Cabinet\n"
	"  rectrack respond 12 --decision noted --text \"...\" --replace\n"
	"  rectrack respond 12 --decision accepted --text-file full.txt "
	"--follow-up\n",
	.opts = respond_options,
	.optsize = sizeof(struct respond_opts),
	.flags = CMD_DB_WRITE,
	.exec = cmd_respond,
};

/* The response text in path ('-': standard input), read whole and then
 * checked as import checks a text; NULL after reporting. */
static char *
read_text(const char *path)
{
	struct buf b = BUF_INIT;
	char chunk[8192], *text = NULL;
	FILE *fp = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	size_t n;
	int failed = 0;

	if (fp == NULL) {
		error("%s: %s", path, strerror(errno));
		return NULL;
	}
	while (b.len <= YIN_MAX_SCALAR && (n = fread(chunk, 1, sizeof chunk,
	    fp)) > 0)
		buf_add(&b, chunk, n);
	if (ferror(fp)) {
		error("%s: %s", path, strerror(errno));
		failed = 1;
	}
	if (fp != stdin)
		fclose(fp);
	if (!failed && cmd_text(path, "--text-file", b.s, b.len, &text) ==
	    RT_OK && text == NULL)
		error("%s: the response text is empty", path);
	buf_release(&b);
	return text;
}

static int
cmd_respond(struct ctx *ctx, void *opts, int argc, char **argv)
{
	struct respond_opts *ro = opts;
	const char *decision = vocab_decision[ro->decision];
	const char *textarg = ro->text, *file = ro->file;
	const char *date = ro->date ? ro->date : ctx->today, *user;
	char *text = NULL, *by = NULL;
	struct rec_now now;
	sqlite3_stmt *st;
	long long id;
	int replace = ro->replace || ro->follow_up, had, rc;

	(void)argc;
	if (ro->by != NULL && cmd_text_arg("--by", ro->by, &by) != RT_OK)
		return RT_FAIL;
	rc = RT_FAIL;
	if (file != NULL)
		text = read_text(file);
	else if (cmd_text_arg("--text", textarg, &text) == RT_OK &&
	    text == NULL)
		error("--text: the response text is empty");
	if (text == NULL)
		goto early;
	/* who replaced a response is recorded too */
	if (cmd_user(&user) != RT_OK)
		goto early;
	if ((rc = cmd_write_rec(ctx, argv[1], &id, &now)) != RT_OK)
		goto early;
	rc = RT_FAIL;
	st = db_stmt(ctx->db, ST_RESPONSE_GET);
	sqlite3_bind_int64(st, 1, id);
	had = sqlite3_step(st) == SQLITE_ROW;
	if (had && !replace) {
		error("%s already has a response (%s%s%s); to correct it, add "
		    "--replace (the response it replaces is kept); for a later, "
		    "fuller response, add --follow-up", now.handle,
		    db_col(st, 2), db_col(st, 0) ? ", " : "",
		    db_col(st, 0) ? db_col(st, 0) : "");
		sqlite3_reset(st);
		goto out;
	}
	sqlite3_reset(st);
	if (!had && ro->follow_up) {
		error("%s has no response to follow up: record the first "
		    "without --follow-up", now.handle);
		goto out;
	}
	if (had) {
		st = db_stmt(ctx->db, ST_RESPONSE_ARCHIVE);
		sqlite3_bind_int64(st, 1, id);
		db_bind_text(st, 2, ctx->today);
		db_bind_text(st, 3, user);
		sqlite3_bind_int(st, 4, ro->follow_up);
		if (db_exec_stmt(ctx->db, st) < 0)
			goto out;
	}
	st = db_stmt(ctx->db, ST_RESPONSE_SET);
	sqlite3_bind_int64(st, 1, id);
	db_bind_text(st, 2, date);
	db_bind_text(st, 3, by);
	db_bind_text(st, 4, decision);
	db_bind_text(st, 5, text);
	if (db_exec_stmt(ctx->db, st) < 0 || search_index_rec(ctx->db, id) < 0 ||
	    db_commit(ctx->db) != RT_OK)
		goto out;
	rc = RT_OK;
	printf("%s: response %s (%s, %s)%s\n", now.handle,
	    ro->follow_up || !had ? "recorded" : "replaced", decision, date,
	    ro->follow_up ? "; the earlier one kept as an interim response" :
	    "");
out:
	if (rc != RT_OK)
		db_rollback(ctx->db);
	rec_now_free(&now);
early:
	free(text);
	free(by);
	return rc;
}
