#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "diag.h"
#include "search.h"
#include "store.h"

static int cmd_set(struct ctx *ctx, int argc, char **argv);

const struct cmd cmd_set_entry = {
	.name = "set",
	.group = G_TRACK,
	.usage = "set HANDLE [--owner NAME] [--due DATE --reason TEXT] "
	    "[--addressee TEXT]",
	.summary = "Change a recommendation's owner, target date or addressee.",
	.help =
	"Setting a first target date just sets it (with --reason, it is also\n"
	"recorded as an update). Moving a target date that is already set needs\n"
	"--reason, and is recorded as an update (the status unchanged), so every\n"
	"slipped deadline stays visible in 'show', in 'list' (the slipped count)\n"
	"and in reports. What 'set' records is kept when an older file is\n"
	"imported again.\n"
	"\n"
	"Options:\n"
	"  --owner NAME      who answers for implementing it\n"
	"  --due DATE        the target date\n"
	"  --reason TEXT     why the target date moved (needed to move it)\n"
	"  --addressee TEXT  to whom it is addressed\n"
	"\n"
	"Examples:\n"
	"  rectrack set 12 --owner \"Director of Safeguarding\" --due 2025-03-31\n"
	"  rectrack set 12 --due 2025-09-30 --reason \"Consultation extended\"\n",
	.flags = CMD_DB_WRITE,
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
cmd_set(struct ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "owner", required_argument, NULL, 'o' },
		{ "due", required_argument, NULL, 'u' },
		{ "reason", required_argument, NULL, 'r' },
		{ "addressee", required_argument, NULL, 'a' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const struct cmd *c = &cmd_set_entry;
	const char *due = NULL, *user = NULL;
	char *owner = NULL, *reason = NULL, *addressee = NULL;
	int set_owner = 0, set_addressee = 0;
	struct rec_now now;
	struct update_rec u = { 0 };
	long long id;
	int opt, rc = RT_USAGE;

	while ((opt = cmd_getopt(c, argc, argv, "h", opts)) != -1) {
		switch (opt) {
		case 'h':
			rc = RT_OK;
			goto early;
		case 'o':
			set_owner = 1;
			if (cmd_text_arg("--owner", optarg, &owner) != RT_OK)
				goto bad_text;
			break;
		case 'u':
			if (cmd_date_arg(c, "--due", optarg) != RT_OK)
				goto early;
			due = optarg;
			break;
		case 'r':
			if (cmd_text_arg("--reason", optarg, &reason) != RT_OK)
				goto bad_text;
			break;
		case 'a':
			set_addressee = 1;
			if (cmd_text_arg("--addressee", optarg, &addressee) !=
			    RT_OK)
				goto bad_text;
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
	if (!set_owner && due == NULL && !set_addressee) {
		rc = cmd_usage_error(c, "nothing to set: give --owner, --due "
		    "or --addressee");
		goto early;
	}
	if (reason != NULL && due == NULL) {
		rc = cmd_usage_error(c, "--reason goes with --due");
		goto early;
	}
	if (due != NULL && cmd_user(&user) != RT_OK)
		goto bad_text;
	if ((rc = cmd_write_rec(ctx, argv[optind], &id, &now)) != RT_OK)
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
