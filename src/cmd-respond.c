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

static int cmd_respond(struct ctx *ctx, int argc, char **argv);

const struct cmd cmd_respond_entry = {
	.name = "respond",
	.group = G_TRACK,
	.usage = "respond HANDLE --decision D (--text TEXT | --text-file FILE) "
	    "[--date DATE] [--by NAME] [--replace]",
	.summary = "Record the executive's response to a recommendation.",
	.help =
	"Decisions: accepted, accepted-in-principle, partially-accepted, noted,\n"
	"deferred, rejected. A recommendation has one response; replacing one\n"
	"already recorded is a correction and needs --replace. The replaced\n"
	"response is kept, and 'show' lists it.\n"
	"\n"
	"Options:\n"
	"  --decision D      the executive's decision (required)\n"
	"  --text TEXT       the response, verbatim\n"
	"  --text-file FILE  read the response from FILE ('-': standard input)\n"
	"  --date DATE       the date of the decision (default today)\n"
	"  --by NAME         the body or post holder (e.g. Executive)\n"
	"  --replace         correct a response already recorded\n"
	"\n"
	"Examples:\n"
	"  rectrack respond slough-2023-scf-workforce-strategy/4 --decision "
	"accepted \\\n"
	"      --text-file cabinet-response-4.txt --date 2023-03-20 --by "
	"Cabinet\n"
	"  rectrack respond 12 --decision noted --text \"...\" --replace\n",
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
cmd_respond(struct ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "decision", required_argument, NULL, 'D' },
		{ "text", required_argument, NULL, 't' },
		{ "text-file", required_argument, NULL, 'T' },
		{ "date", required_argument, NULL, 'd' },
		{ "by", required_argument, NULL, 'b' },
		{ "replace", no_argument, NULL, 'r' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const struct cmd *c = &cmd_respond_entry;
	const char *decision = NULL, *textarg = NULL, *file = NULL;
	const char *date = ctx->today, *user;
	char *text = NULL, *by = NULL;
	struct rec_now now;
	sqlite3_stmt *st;
	long long id;
	int opt, replace = 0, had, rc = RT_USAGE;

	while ((opt = cmd_getopt(c, argc, argv, "h", opts)) != -1) {
		switch (opt) {
		case 'h':
			rc = RT_OK;
			goto early;
		case 'D':
			decision = optarg;
			break;
		case 't':
			textarg = optarg;
			break;
		case 'T':
			file = optarg;
			break;
		case 'd':
			if (cmd_date_arg(c, "--date", optarg) != RT_OK)
				goto early;
			date = optarg;
			break;
		case 'b':
			if (cmd_text_arg("--by", optarg, &by) != RT_OK) {
				rc = RT_FAIL;
				goto early;
			}
			break;
		case 'r':
			replace = 1;
			break;
		default:
			goto early;
		}
	}
	if (argc - optind != 1) {
		rc = cmd_usage_error(c, argc == optind ? "no handle given" :
		    "one handle at a time");
		goto early;
	}
	if (decision == NULL) {
		rc = cmd_usage_error(c, "--decision is required");
		goto early;
	}
	if (vocab_find(vocab_decision, decision) < 0) {
		char *all = vocab_join(vocab_decision);

		rc = cmd_usage_error(c, "unknown decision '%s' (one of: %s)",
		    decision, all);
		free(all);
		goto early;
	}
	if ((textarg == NULL) == (file == NULL)) {
		rc = cmd_usage_error(c, "give the response with --text or "
		    "--text-file (one of them)");
		goto early;
	}
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
	if ((rc = cmd_write_rec(ctx, argv[optind], &id, &now)) != RT_OK)
		goto early;
	rc = RT_FAIL;
	st = db_stmt(ctx->db, ST_RESPONSE_GET);
	sqlite3_bind_int64(st, 1, id);
	had = sqlite3_step(st) == SQLITE_ROW;
	if (had && !replace) {
		error("%s already has a response (%s%s%s); to correct it, add "
		    "--replace (the response it replaces is kept)", now.handle,
		    db_col(st, 2), db_col(st, 0) ? ", " : "",
		    db_col(st, 0) ? db_col(st, 0) : "");
		sqlite3_reset(st);
		goto out;
	}
	sqlite3_reset(st);
	if (had) {
		st = db_stmt(ctx->db, ST_RESPONSE_ARCHIVE);
		sqlite3_bind_int64(st, 1, id);
		db_bind_text(st, 2, ctx->today);
		db_bind_text(st, 3, user);
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
	printf("%s: response %s (%s, %s)\n", now.handle, had ? "replaced" :
	    "recorded", decision, date);
out:
	if (rc != RT_OK)
		db_rollback(ctx->db);
	rec_now_free(&now);
early:
	free(text);
	free(by);
	return rc;
}
