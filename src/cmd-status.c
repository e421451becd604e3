#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "diag.h"
#include "search.h"
#include "store.h"
#include "vocab.h"
#include "xmalloc.h"

static int cmd_status(struct ctx *ctx, int argc, char **argv);

const struct cmd cmd_status_entry = {
	.name = "status",
	.group = G_TRACK,
	.usage = "status HANDLE NEW_STATUS [--note TEXT] [--by NAME] "
	    "[--date DATE] [--force]",
	.summary = "Record a status change or a progress note (an update).",
	.help =
	"The usual path: draft -> agreed -> accepted | partially-accepted |\n"
	"rejected; accepted, partially-accepted -> in-progress -> implemented |\n"
	"not-implemented; withdrawn from any open status. Keeping the same\n"
	"status with a note is a progress report, always allowed. Any other\n"
	"move is refused unless --force, which the history records as forced.\n"
	"implemented and not-implemented need --note: committees sign off on\n"
	"evidence, not on a word.\n"
	"\n"
	"Options:\n"
	"  --note TEXT   the progress, the evidence, or the reason\n"
	"  --by NAME     who reports it (default $RECTRACK_USER, else $USER)\n"
	"  --date DATE   when it took effect (default today)\n"
	"  --force       allow a move outside the usual path (recorded)\n"
	"\n"
	"Examples:\n"
	"  rectrack status islington-2024-childrens-workforce/2 agreed\n"
	"  rectrack status 12 in-progress --note \"Pilot started in two "
	"schools\"\n"
	"  rectrack status 12 implemented --note \"Charter published "
	"2025-03-01\"\n",
	.flags = CMD_DB_WRITE,
	.exec = cmd_status,
};

static int
cmd_status(struct ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "note", required_argument, NULL, 'n' },
		{ "by", required_argument, NULL, 'b' },
		{ "date", required_argument, NULL, 'd' },
		{ "force", no_argument, NULL, 'F' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const struct cmd *c = &cmd_status_entry;
	const char *date = ctx->today, *to, *user;
	char *note = NULL, *by = NULL;
	int by_given = 0;
	struct rec_now now;
	struct update_rec u = { 0 };
	long long id;
	int opt, force = 0, usual, rc = RT_FAIL;
	char *moves;

	while ((opt = cmd_getopt(c, argc, argv, "h", opts)) != -1) {
		switch (opt) {
		case 'h':
			rc = RT_OK;
			goto early;
		case 'n':
			if (cmd_text_arg("--note", optarg, &note) != RT_OK)
				goto early;
			break;
		case 'b':
			by_given = 1;
			if (cmd_text_arg("--by", optarg, &by) != RT_OK)
				goto early;
			break;
		case 'd':
			if (cmd_date_arg(c, "--date", optarg) != RT_OK) {
				rc = RT_USAGE;
				goto early;
			}
			date = optarg;
			break;
		case 'F':
			force = 1;
			break;
		default:
			rc = RT_USAGE;
			goto early;
		}
	}
	if (argc - optind != 2) {
		rc = cmd_usage_error(c, argc - optind < 2 ? "give a handle "
		    "and the new status" : "unexpected argument '%s'",
		    argv[optind + 2 < argc ? optind + 2 : optind]);
		goto early;
	}
	to = argv[optind + 1];
	if (vocab_find(vocab_status, to) < 0) {
		char *all = vocab_join(vocab_status);

		rc = cmd_usage_error(c, "unknown status '%s' (one of: %s)", to,
		    all);
		free(all);
		goto early;
	}
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
	if ((rc = cmd_write_rec(ctx, argv[optind], &id, &now)) != RT_OK)
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
