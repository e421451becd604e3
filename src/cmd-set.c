#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "diag.h"
#include "search.h"
#include "store.h"

struct set_opts {
	const char *owner, *due, *reason, *addressee;
};

static const struct opt set_options[] = {
	OPTION_STRING(0, "owner", struct set_opts, owner, "NAME",
	    "who answers for implementing it"),
	OPTION_DATE(0, "due", struct set_opts, due, "the target date"),
	OPTION_STRING(0, "reason", struct set_opts, reason, "TEXT",
	    "why the target date moved (needed to move it)"),
	OPTION_STRING(0, "addressee", struct set_opts, addressee, "TEXT",
	    "to whom it is addressed"),
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
	return RT_OK;
}

static int
cmd_set(struct ctx *ctx, void *opts, int argc, char **argv)
{
	struct set_opts *so = opts;
	const char *due = so->due, *user = NULL;
	char *owner = NULL, *reason = NULL, *addressee = NULL;
	int set_owner = so->owner != NULL;
	int set_addressee = so->addressee != NULL;
	struct rec_now now;
	struct update_rec u = { 0 };
	long long id;
	int rc = RT_USAGE;

	(void)argc;
	if ((set_owner && cmd_text_arg("--owner", so->owner, &owner) !=
	    RT_OK) ||
	    (so->reason != NULL && cmd_text_arg("--reason", so->reason,
	    &reason) != RT_OK) ||
	    (set_addressee && cmd_text_arg("--addressee", so->addressee,
	    &addressee) != RT_OK))
		goto bad_text;
	if (due != NULL && cmd_user(&user) != RT_OK)
		goto bad_text;
	if ((rc = cmd_write_rec(ctx, argv[1], &id, &now)) != RT_OK)
		goto early;
	rc = RT_FAIL;
	if (due != NULL && now.due != NULL && strcmp(due, now.due) != 0 &&
	    reason == NULL) {
		error("%s: the target date is already %s; moving it needs "
		    "--reason (it is recorded, so the slip stays visible)",
		    now.handle, now.due);
		goto out;
	}
	if (set_owner && set_field(ctx, ST_REC_SET_OWNER, id, owner) < 0)
		goto out;
	if (set_addressee &&
	    set_field(ctx, ST_REC_SET_ADDRESSEE, id, addressee) < 0)
		goto out;
	if (due != NULL && now.due == NULL && reason == NULL &&
	    set_field(ctx, ST_REC_SET_DUE, id, due) < 0)
		goto out;
	/* a moved date, or a first one given with a reason, is an update */
	if (due != NULL && (now.due == NULL ? reason != NULL :
	    strcmp(due, now.due) != 0)) {
		/* the move is an update: the status unchanged, the new date */
		u.date = now.last_date != NULL &&
		    strcmp(now.last_date, ctx->today) > 0 ? now.last_date :
		    ctx->today;
		u.status = now.status;
		u.due = due;
		u.by = user;
		u.note = reason;
		if (store_update_cli(ctx->db, id, &u) < 0)
			goto out;
	}
	if (search_index_rec(ctx->db, id) < 0 || db_commit(ctx->db) != RT_OK)
		goto out;
	rc = RT_OK;
	if (set_owner)
		printf("%s: owner %s\n", now.handle, owner ? owner : "cleared");
	if (set_addressee)
		printf("%s: addressee %s\n", now.handle, addressee ?
		    addressee : "cleared");
	if (due != NULL && now.due == NULL)
		printf("%s: target date %s\n", now.handle, due);
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
	return rc;
bad_text:
	rc = RT_FAIL;
	goto early;
}
