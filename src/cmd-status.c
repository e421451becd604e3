#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "diag.h"
#include "search.h"
#include "store.h"
#include "vocab.h"
#include "xmalloc.h"

struct status_opts {
	const char *note, *by, *date;
	int force;
};

static const struct opt status_options[] = {
	OPTION_STRING(0, "note", struct status_opts, note, "TEXT",
	    "the progress, the evidence, or the reason"),
	OPTION_STRING(0, "by", struct status_opts, by, "NAME",
	    "who reports it (default $RECTRACK_USER, else $USER)"),
	OPTION_DATE(0, "date", struct status_opts, date,
	    "when it took effect (default today)"),
	OPTION_FLAG(0, "force", struct status_opts, force,
	    "allow a move outside the usual path (recorded)"),
	OPTION_END,
};

static int status_check(const struct cmd *c, void *opts, int argc,
    char **argv);
static int cmd_status(struct ctx *ctx, void *opts, int argc, char **argv);

const struct cmd cmd_status_entry = {
	.name = "status",
	.group = G_TRACK,
	.args = "HANDLE NEW_STATUS",
	.summary = "Record a status change or a progress note (an update).",
	.help =
	"The usual path: draft -> agreed -> accepted | partially-accepted |\n"
	"rejected; accepted, partially-accepted -> in-progress -> implemented |\n"
	"not-implemented; withdrawn from any open status. Keeping the same\n"
	"status with a note is a progress report, always allowed. Any other\n"
	"move is refused unless --force, which the history records as forced.\n"
	"implemented and not-implemented need --note: committees sign off on\n"
	"evidence, not on a word.\n",
	.examples =
	"Examples:\n"
	"  rectrack status islington-2024-childrens-workforce/2 agreed\n"
	"  rectrack status 12 in-progress --note \"Pilot started in two "
	"schools\"\n"
	"  rectrack status 12 implemented --note \"Charter published "
	"2025-03-01\"\n",
	.opts = status_options,
	.optsize = sizeof(struct status_opts),
	.flags = CMD_DB_WRITE,
	.check = status_check,
	.exec = cmd_status,
};

static int
status_check(const struct cmd *c, void *opts, int argc, char **argv)
{
	char *all;

	(void)opts;
	(void)argc;
	if (vocab_find(vocab_status, argv[2]) >= 0)
		return RT_OK;
	all = vocab_join(vocab_status);
	cmd_usage_error(c, "unknown status '%s' (one of: %s)", argv[2], all);
	free(all);
	return RT_USAGE;
}

static int
cmd_status(struct ctx *ctx, void *opts, int argc, char **argv)
{
	struct status_opts *so = opts;
	const char *date = so->date ? so->date : ctx->today;
	const char *to = argv[2], *user;
	char *note = NULL, *by = NULL;
	int by_given = so->by != NULL;
	struct rec_now now;
	struct update_rec u = { 0 };
	long long id;
	int force = so->force, usual, rc = RT_FAIL;
	char *moves;

	(void)argc;
	if ((so->note != NULL && cmd_text_arg("--note", so->note, &note) !=
	    RT_OK) ||
	    (by_given && cmd_text_arg("--by", so->by, &by) != RT_OK))
		goto early;
	if ((!strcmp(to, "implemented") || !strcmp(to, "not-implemented")) &&
	    note == NULL) {
		error("marking a recommendation %s needs --note: %s", to,
		    !strcmp(to, "implemented") ? "the evidence that it was "
		    "implemented" : "the reason it was not");
		goto early;
	}
	if (!by_given) {
		if (cmd_user(&user) != RT_OK)
			goto early;
		by = user != NULL ? xstrdup(user) : NULL;
	}
	if ((rc = cmd_write_rec(ctx, argv[1], &id, &now)) != RT_OK)
		goto early;
	rc = RT_FAIL;
	if (now.last_date != NULL && strcmp(date, now.last_date) < 0) {
		error("%s: an update dated %s is already recorded; the history "
		    "runs in date order, so --date must be %s or later",
		    now.handle, now.last_date, now.last_date);
		goto out;
	}
	if (strcmp(now.status, to) == 0 && note == NULL) {
		error("%s: the status is already '%s'; to record progress, give "
		    "--note", now.handle, to);
		goto out;
	}
	usual = status_move_allowed(now.status, to);
	if (!usual && !force) {
		moves = status_moves(now.status);
		if (*moves)
			error("%s: cannot move from '%s' to '%s'; from '%s' it "
			    "can go to: %s (or stay '%s' with a note); --force "
			    "records it anyway", now.handle, now.status, to,
			    now.status, moves, now.status);
		else
			error("%s: cannot move from '%s' to '%s': '%s' is "
			    "closed (only a note keeping '%s' is allowed); "
			    "--force records it anyway", now.handle,
			    now.status, to, now.status, now.status);
		free(moves);
		goto out;
	}
	u.date = date;
	u.status = to;
	u.by = by;
	u.note = note;
	u.forced = !usual;
	if (store_update_cli(ctx->db, id, &u) < 0 ||
	    search_index_rec(ctx->db, id) < 0 ||
	    db_commit(ctx->db) != RT_OK)
		goto out;
	rc = RT_OK;
	if (strcmp(now.status, to) == 0)
		printf("%s: %s, progress noted (%s", now.handle, to, date);
	else
		printf("%s: %s -> %s (%s", now.handle, now.status, to, date);
	if (by != NULL)
		printf(", by %s", by);
	printf("%s)\n", usual ? "" : ", forced");
out:
	if (rc != RT_OK)
		db_rollback(ctx->db);
	rec_now_free(&now);
early:
	free(note);
	free(by);
	return rc;
}
