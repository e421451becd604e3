#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "diag.h"
#include "search.h"
#include "store.h"
#include "track.h"
#include "vocab.h"
#include "xmalloc.h"

struct status_opts {
	const char *note, *by, *date;
	int rag, force;
};

static const struct status_opts status_defaults = { .rag = -1 };

static const struct opt status_options[] = {
	OPTION_STRING(0, "note", struct status_opts, note, "TEXT",
	    "the progress, the evidence, or the reason"),
	OPTION_STRING(0, "by", struct status_opts, by, "NAME",
	    "who reports it (default $RECTRACK_USER, else $USER)"),
	OPTION_DATE(0, "date", struct status_opts, date,
	    "when it took effect (default today)"),
	{ .kind = OPT_WORD, .name = "rag", .off = offsetof(struct status_opts,
	    rag), .arg = "RAG", .values = vocab_rag, .help = "the council's "
	    "own assessment: red, amber, green or\nblue (kept beside the "
	    "derived RAG)" },
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
	.defaults = &status_defaults,
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
	struct track_req req = { 0 };
	const char *to = argv[2];
	char *note = NULL, *by = NULL;
	char err[512];
	struct rec_now now;
	long long id;
	int rc = RT_FAIL;

	(void)argc;
	if ((so->note != NULL && cmd_text_arg("--note", so->note, &note) !=
	    RT_OK) ||
	    (so->by != NULL && cmd_text_arg("--by", so->by, &by) != RT_OK))
		goto early;
	/* before the handle is looked up, as a usage error would be */
	if (note == NULL && track_note_needed(to) != NULL) {
		error("marking a recommendation %s needs --note: %s", to,
		    track_note_needed(to));
		goto early;
	}
	if (so->by == NULL && cmd_user_copy(&by) != RT_OK)
		goto early;
	if ((rc = cmd_write_rec(ctx, argv[1], &id, &now)) != RT_OK)
		goto early;
	rc = RT_FAIL;
	req.status = to;
	req.note = note;
	req.by = by;
	req.date = so->date ? so->date : ctx->today;
	req.rag = so->rag >= 0 ? vocab_rag[so->rag] : NULL;
	req.force = so->force;
	if (track_check(&now, &req, err, sizeof err) < 0) {
		error("%s: %s", now.handle, err);
		goto out;
	}
	if (track_record(ctx, id, &now, &req) < 0 ||
	    db_commit(ctx->db) != RT_OK)
		goto out;
	rc = RT_OK;
	if (strcmp(now.status, to) == 0)
		printf("%s: %s, progress noted (%s", now.handle, to, req.date);
	else
		printf("%s: %s -> %s (%s", now.handle, now.status, to,
		    req.date);
	if (by != NULL)
		printf(", by %s", by);
	if (req.rag != NULL)
		printf(", RAG %s", req.rag);
	printf("%s)\n", status_move_allowed(now.status, to) ? "" :
	    ", forced");
out:
	if (rc != RT_OK)
		db_rollback(ctx->db);
	rec_now_free(&now);
early:
	free(note);
	free(by);
	return rc;
}
