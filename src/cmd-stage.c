#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "derived.h"
#include "diag.h"
#include "import.h"
#include "schema.h"
#include "vocab.h"
#include "xmalloc.h"

struct stage_opts {
	const char *date;
};

static const struct opt stage_options[] = {
	OPTION_DATE(0, "date", struct stage_opts, date,
	    "the date the review reached the stage (default today)"),
	OPTION_END,
};

static int stage_check(const struct cmd *c, void *opts, int argc,
    char **argv);
static int cmd_stage(struct ctx *ctx, void *opts, int argc, char **argv);

const struct cmd cmd_stage_entry = {
	.name = "stage",
	.group = G_TRACK,
	.args = "REVIEW scoping|evidence|draft|final|responded|monitoring|closed",
	.summary = "Move a review to another stage.",
	.help =
	"REVIEW is a review's id ('rectrack reviews' lists them). The stage\n"
	"and the date it was reached are kept when an older file is imported,\n"
	"and exported with the review (stage_since, cli_recorded).\n",
	.examples =
	"Examples:\n"
	"  rectrack stage islington-2024-childrens-workforce monitoring\n"
	"  rectrack stage slough-2023-scf-workforce-strategy responded --date "
	"2023-03-20\n",
	.opts = stage_options,
	.optsize = sizeof(struct stage_opts),
	.flags = CMD_DB_WRITE,
	.check = stage_check,
	.exec = cmd_stage,
};

static int
stage_check(const struct cmd *c, void *opts, int argc, char **argv)
{
	const char *near;
	char *all;
	int rc;

	(void)opts;
	(void)argc;
	if (vocab_find(vocab_stage, argv[2]) >= 0)
		return RT_OK;
	if ((near = nearest_word(argv[2], vocab_stage)) != NULL)
		return cmd_usage_error(c, "unknown stage '%s'; did you mean "
		    "'%s'?", argv[2], near);
	all = vocab_join(vocab_stage);
	rc = cmd_usage_error(c, "unknown stage '%s' (one of: %s)", argv[2],
	    all);
	free(all);
	return rc;
}

/* No review rid: say so, with the nearest id held. */
static void
no_review(struct db *db, const char *rid)
{
	sqlite3_stmt *st = db_stmt(db, ST_REVIEW_IDS);
	char **ids = NULL;
	const char *near;
	size_t n = 0, cap = 0, i;

	while (sqlite3_step(st) == SQLITE_ROW) {
		ids = xgrow(ids, &cap, n + 2, sizeof *ids);
		ids[n++] = xstrdup(stored_text(st, 0));
	}
	sqlite3_reset(st);
	if (ids != NULL)
		ids[n] = NULL;
	near = ids != NULL ? nearest_word(rid, (const char *const *)ids) :
	    NULL;
	if (near != NULL)
		error("no review '%s'; did you mean '%s'?", rid, near);
	else
		error("no review '%s' ('rectrack reviews' lists them)", rid);
	for (i = 0; i < n; i++)
		free(ids[i]);
	free(ids);
}

static int
cmd_stage(struct ctx *ctx, void *opts, int argc, char **argv)
{
	struct stage_opts *so = opts;
	const char *date = so->date != NULL ? so->date : ctx->today;
	sqlite3_stmt *st;
	char *from = NULL;
	long long id = 0;
	int rc;

	(void)argc;
	if ((rc = cmd_begin(ctx)) != RT_OK)
		return rc;
	rc = RT_FAIL;
	st = db_stmt(ctx->db, ST_REVIEW_STAGE);
	db_bind_text(st, 1, argv[1]);
	if (sqlite3_step(st) == SQLITE_ROW) {
		id = sqlite3_column_int64(st, 0);
		from = xstrdup(stored_text(st, 1));
	}
	sqlite3_reset(st);
	if (id == 0) {
		no_review(ctx->db, argv[1]);
		goto out;
	}
	st = db_stmt(ctx->db, ST_REVIEW_SET_STAGE);
	sqlite3_bind_int64(st, 1, id);
	db_bind_text(st, 2, argv[2]);
	db_bind_text(st, 3, date);
	/* the stage decides the status of a recommendation with no update
	 * and no response */
	derived_changed(ctx->db, RV_REVIEW, id);
	if (db_exec_stmt(ctx->db, st) < 0 || db_commit(ctx->db) != RT_OK)
		goto out;
	rc = RT_OK;
	printf("%s: stage %s -> %s (%s)\n", argv[1], from, argv[2], date);
out:
	if (rc != RT_OK)
		db_rollback(ctx->db);
	free(from);
	return rc;
}
