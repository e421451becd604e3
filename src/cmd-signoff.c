#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "diag.h"
#include "search.h"
#include "track.h"
#include "xmalloc.h"

struct signoff_opts {
	const char *date, *note, *by;
};

static const struct opt signoff_options[] = {
	OPTION_DATE(0, "date", struct signoff_opts, date,
	    "when the committee signed it off (default today)"),
	OPTION_STRING(0, "note", struct signoff_opts, note, "TEXT",
	    "what the committee said (a minute reference)"),
	OPTION_STRING(0, "by", struct signoff_opts, by, "NAME",
	    "who signed it off (default $RECTRACK_USER, else\n$USER)"),
	OPTION_END,
};

static int cmd_signoff(struct ctx *ctx, void *opts, int argc, char **argv);

const struct cmd cmd_signoff_entry = {
	.name = "signoff",
	.group = G_TRACK,
	.args = "HANDLE...",
	.summary = "Record that the committee signed off closed "
	    "recommendations.",
	.help =
	"Records, for each recommendation, an update with signed_off: true and\n"
	"its status unchanged: the committee agrees that it is complete (or\n"
	"closed) and it can leave the tracker. Until then an implemented one\n"
	"shows 'awaiting sign-off' (list --awaiting-signoff, the report). Only a\n"
	"closed recommendation can be signed off; record its status first. One\n"
	"signed off already is said so and not recorded twice. Several handles\n"
	"are one change: if any is refused, none is signed off.\n",
	.examples =
	"Examples:\n"
	"  rectrack signoff islington-2024-childrens-workforce/2\n"
	"  rectrack signoff 12 14 15 --date 2026-11-20 --note \"Minute 34\"\n",
	.opts = signoff_options,
	.optsize = sizeof(struct signoff_opts),
	.flags = CMD_DB_WRITE,
	.exec = cmd_signoff,
};

/* What one handle came to: to print once the whole change is committed. */
struct signed_one {
	char *handle, *status, *already;
};

/*
 * Check and record the sign-off of one handle in the open transaction:
 * RT_OK (recorded, or signed off already: one->already), or RT_FAIL
 * after reporting why not. ids holds the recommendations done so far; a
 * handle naming one of them again is left out (one->handle NULL).
 */
static int
signoff_one(struct ctx *ctx, const char *handle, struct track_req *req,
    long long *ids, size_t n, struct signed_one *one)
{
	struct rec_now now;
	char err[512];
	long long id;
	size_t i;
	int rc = RT_FAIL;

	ids[n] = 0;
	if ((id = handle_resolve(ctx->db, handle)) == 0)
		return RT_FAIL;
	for (i = 0; i < n; i++)
		if (ids[i] == id)
			return RT_OK;
	ids[n] = id;
	if (rec_now(ctx, id, &now) < 0)
		return RT_FAIL;
	if (now.signed_off != NULL && status_closed(now.status)) {
		one->already = xstrdup(now.signed_off);
		rc = RT_OK;
	} else if (track_check(&now, req, err, sizeof err) < 0) {
		error("%s: %s", now.handle, err);
	} else {
		search_changing_rec(ctx->db, id);
		if (track_record(ctx, id, &now, req) == 0)
			rc = RT_OK;
	}
	if (rc == RT_OK) {
		one->handle = now.handle;
		one->status = now.status;
		now.handle = now.status = NULL;
	}
	rec_now_free(&now);
	return rc;
}

static int
cmd_signoff(struct ctx *ctx, void *opts, int argc, char **argv)
{
	struct signoff_opts *so = opts;
	struct track_req req = { 0 };
	struct signed_one *done;
	long long *ids;
	char *note = NULL, *by = NULL;
	int i, refused = 0, rc = RT_FAIL;

	if ((so->note != NULL && cmd_text_arg("--note", so->note, &note) !=
	    RT_OK) ||
	    (so->by != NULL && cmd_text_arg("--by", so->by, &by) != RT_OK))
		goto early;
	if (so->by == NULL && cmd_user_copy(&by) != RT_OK)
		goto early;
	if ((rc = cmd_begin(ctx)) != RT_OK)
		goto early;
	req.note = note;
	req.by = by;
	req.date = so->date != NULL ? so->date : ctx->today;
	req.signed_off = 1;
	done = xcalloc((size_t)argc, sizeof *done);
	ids = xcalloc((size_t)argc, sizeof *ids);
	for (i = 1; i < argc; i++)
		if (signoff_one(ctx, argv[i], &req, ids, (size_t)(i - 1),
		    &done[i - 1]) != RT_OK)
			refused++;
	rc = RT_FAIL;
	if (refused > 0 && argc > 2)
		error("nothing signed off: %d of %d recommendation%s refused; "
		    "sign off the others without %s, or fix %s first",
		    refused, argc - 1, argc - 1 == 1 ? "" : "s",
		    refused == 1 ? "it" : "them", refused == 1 ? "it" : "them");
	else if (refused == 0 && db_commit(ctx->db) == RT_OK)
		rc = RT_OK;
	if (rc != RT_OK)
		db_rollback(ctx->db);
	for (i = 0; i < argc - 1; i++) {
		if (rc == RT_OK && done[i].already != NULL)
			printf("%s: already signed off on %s; not recorded "
			    "again\n", done[i].handle, done[i].already);
		else if (rc == RT_OK && done[i].handle != NULL) {
			printf("%s: %s, signed off (%s", done[i].handle,
			    done[i].status, req.date);
			if (by != NULL)
				printf(", by %s", by);
			printf(")\n");
		}
		free(done[i].handle);
		free(done[i].status);
		free(done[i].already);
	}
	free(done);
	free(ids);
early:
	free(note);
	free(by);
	return rc;
}
