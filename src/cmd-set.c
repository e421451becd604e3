#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "date.h"
#include "diag.h"
#include "search.h"
#include "store.h"
#include "track.h"
#include "xmalloc.h"

struct set_opts {
	const char *owner, *due, *reason, *addressee, *date, *by;
};

static const struct opt set_options[] = {
	OPTION_STRING(0, "owner", struct set_opts, owner, "NAME",
	    "who answers for implementing it"),
	OPTION_DUE(0, "due", struct set_opts, due,
	    "the target date (YYYY-MM-DD, or YYYY-MM for a month)"),
	OPTION_STRING(0, "reason", struct set_opts, reason, "TEXT",
	    "why the target date moved (needed to move it)"),
	OPTION_STRING(0, "addressee", struct set_opts, addressee, "TEXT",
	    "to whom it is addressed"),
	OPTION_DATE(0, "date", struct set_opts, date,
	    "when the target date moved (default today)"),
	OPTION_STRING(0, "by", struct set_opts, by, "NAME",
	    "who moved it (default $RECTRACK_USER, else $USER)"),
	OPTION_END,
};

static int set_check(const struct cmd *c, void *opts, int argc,
    char **argv);
static int cmd_set(struct ctx *ctx, void *opts, int argc, char **argv);

const struct cmd cmd_set_entry = {
	.name = "set",
	.group = G_TRACK,
	.args = "HANDLE",
	.summary = "Change a recommendation's owner, target date or addressee.",
	.help =
	"Setting a first target date just sets it (with --reason, it is also\n"
	"recorded as an update). Moving a target date that is already set needs\n"
	"--reason, and is recorded as an update (the status unchanged), so every\n"
	"slipped deadline stays visible in 'show', in 'list' (the slipped count)\n"
	"and in reports. What 'set' records is kept when an older file is\n"
	"imported again.\n",
	.examples =
	"Examples:\n"
	"  rectrack set 12 --owner \"Director of Safeguarding\" --due 2025-03-31\n"
	"  rectrack set 12 --due 2025-09-30 --reason \"Consultation extended\"\n",
	.opts = set_options,
	.optsize = sizeof(struct set_opts),
	.flags = CMD_DB_WRITE,
	.check = set_check,
	.exec = cmd_set,
};

static int
set_field(struct ctx *ctx, enum stmt_id sid, long long id, const char *v)
{
	sqlite3_stmt *st = db_stmt(ctx->db, sid);

	sqlite3_bind_int64(st, 1, id);
	db_bind_text(st, 2, v);
	return db_exec_stmt(ctx->db, st);
}

static int
set_check(const struct cmd *c, void *opts, int argc, char **argv)
{
	struct set_opts *so = opts;

	(void)argc;
	(void)argv;
	if (so->owner == NULL && so->due == NULL && so->addressee == NULL)
		return cmd_usage_error(c, "nothing to set: give --owner, --due "
		    "or --addressee");
	if (so->reason != NULL && so->due == NULL)
		return cmd_usage_error(c, "--reason goes with --due");
	if ((so->date != NULL || so->by != NULL) && so->due == NULL)
		return cmd_usage_error(c, "--%s goes with --due (the date and "
		    "author of a target date's move)", so->date != NULL ?
		    "date" : "by");
	return RT_OK;
}

static int
cmd_set(struct ctx *ctx, void *opts, int argc, char **argv)
{
	struct set_opts *so = opts;
	struct track_req req = { 0 };
	const char *due = so->due;
	char *owner = NULL, *reason = NULL, *addressee = NULL, *by = NULL;
	int set_owner = so->owner != NULL;
	int set_addressee = so->addressee != NULL;
	char err[512];
	struct rec_now now;
	long long id;
	int rc = RT_USAGE;

	(void)argc;
	if ((set_owner && cmd_text_arg("--owner", so->owner, &owner) !=
	    RT_OK) ||
	    (so->reason != NULL && cmd_text_arg("--reason", so->reason,
	    &reason) != RT_OK) ||
	    (set_addressee && cmd_text_arg("--addressee", so->addressee,
	    &addressee) != RT_OK) ||
	    (so->by != NULL && cmd_text_arg("--by", so->by, &by) != RT_OK))
		goto bad_text;
	if (due != NULL && so->by == NULL && cmd_user_copy(&by) != RT_OK)
		goto bad_text;
	if ((rc = cmd_write_rec(ctx, argv[1], &id, &now)) != RT_OK)
		goto early;
	rc = RT_FAIL;
	if (set_owner && set_field(ctx, ST_REC_SET_OWNER, id, owner) < 0)
		goto out;
	if (set_addressee &&
	    set_field(ctx, ST_REC_SET_ADDRESSEE, id, addressee) < 0)
		goto out;
	if (due != NULL) {
		/* the move is an update, the status unchanged: by default
		 * today, or the latest update's date when that is later */
		req.due = due;
		req.reason = reason;
		req.by = by;
		req.date = so->date != NULL ? so->date :
		    now.last_date != NULL &&
		    strcmp(now.last_date, ctx->today) > 0 ? now.last_date :
		    ctx->today;
		if (track_check(&now, &req, err, sizeof err) < 0) {
			error("%s: %s", now.handle, err);
			goto out;
		}
		if (track_record(ctx, id, &now, &req) < 0)
			goto out;
	} else if (search_index_rec(ctx->db, id) < 0)
		goto out;
	if (db_commit(ctx->db) != RT_OK)
		goto out;
	rc = RT_OK;
	if (set_owner)
		printf("%s: owner %s\n", now.handle, owner ? owner : "cleared");
	if (set_addressee)
		printf("%s: addressee %s\n", now.handle, addressee ?
		    addressee : "cleared");
	if (due != NULL && now.due == NULL)
		printf("%s: target date %s\n", now.handle, due);
	else if (due != NULL && due_same(due, now.due) &&
	    strcmp(due, now.due) != 0)
		printf("%s: target date %s now written %s (the same day)\n",
		    now.handle, now.due, due);
	else if (due != NULL && strcmp(due, now.due) != 0)
		printf("%s: target date moved from %s to %s\n", now.handle,
		    now.due, due);
	else if (due != NULL)
		printf("%s: target date already %s\n", now.handle, due);
out:
	if (rc != RT_OK)
		db_rollback(ctx->db);
	rec_now_free(&now);
early:
	free(owner);
	free(reason);
	free(addressee);
	free(by);
	return rc;
bad_text:
	rc = RT_FAIL;
	goto early;
}
