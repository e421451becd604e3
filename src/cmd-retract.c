#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "diag.h"
#include "recload.h"
#include "recview.h"
#include "search.h"
#include "record.h"
#include "store.h"
#include "xmalloc.h"

struct retract_opts {
	const char *note, *by, *date;
};

static const struct opt retract_options[] = {
	OPTION_STRING(0, "note", struct retract_opts, note, "REASON",
	    "why the update is withdrawn (required)"),
	OPTION_STRING(0, "by", struct retract_opts, by, "NAME",
	    "who withdraws it (default $RECTRACK_USER, else $USER)"),
	OPTION_DATE(0, "date", struct retract_opts, date,
	    "when it was withdrawn (default today)"),
	OPTION_END,
};

static int retract_check(const struct cmd *c, void *opts, int argc,
    char **argv);
static int cmd_retract(struct ctx *ctx, void *opts, int argc, char **argv);

const struct cmd cmd_retract_entry = {
	.name = "retract",
	.group = G_TRACK,
	.args = "HANDLE N",
	.summary = "Withdraw update N, entered in error.",
	.help =
	"N is the update's number as 'rectrack show' lists the history. The\n"
	"update stays in the history, shown as retracted, and no longer counts\n"
	"for the status, the target date, the slipped count or the last\n"
	"update; a retraction (an update naming it, with --note as the reason)\n"
	"is recorded after it and counts for nothing itself. A mistyped date\n"
	"(2205 for 2025) that blocks every later update is retracted, then\n"
	"the update recorded again with 'rectrack status'.\n",
	.examples =
	"Examples:\n"
	"  rectrack retract 12 3 --note \"Date mistyped: 2205 for 2025\"\n",
	.opts = retract_options,
	.optsize = sizeof(struct retract_opts),
	.flags = CMD_DB_WRITE,
	.check = retract_check,
	.exec = cmd_retract,
};

static int
retract_check(const struct cmd *c, void *opts, int argc, char **argv)
{
	struct retract_opts *o = opts;
	const char *s = argv[2];

	(void)argc;
	if (*s == '\0' || strspn(s, "0123456789") != strlen(s) ||
	    strlen(s) > 9 || atol(s) == 0)
		return cmd_usage_error(c, "'%s' is not an update number: N is "
		    "the number 'rectrack show %s' gives the update (1 for "
		    "the first)", s, argv[1]);
	if (o->note == NULL)
		return cmd_usage_error(c, "--note is required: say why update "
		    "%s is withdrawn", s);
	return RT_OK;
}

/* The status before any update counts (recview.c's rules). */
static int
initial_status(const struct recview *r, void *arg)
{
	*(const char **)arg = rec_initial_status(r->has_response, r->decision,
	    r->submitted, r->stage);
	return 1;
}

/* The status in force once update w is withdrawn: the latest update
 * that still counts, else what the response or the review's stage
 * gives. */
static const char *
status_without(struct ctx *ctx, const struct rec_loaded *h,
    const struct update_rec *w)
{
	const struct rec_rec *r = &h->rec;
	const char *status = NULL;
	struct filter f;
	size_t i;

	for (i = 0; i < r->nupdates; i++) {
		const struct update_rec *u = &r->updates[i];

		if (u != w && record_update_counts(u) && u->status != NULL)
			status = u->status;
	}
	if (status != NULL)
		return status;
	memset(&f, 0, sizeof f);
	f.rec = h->id;
	if (recview_each(ctx->db, &f, ctx->today, initial_status,
	    &status) < 0 || status == NULL)
		return "draft";
	return status;
}

/* Whether update n of h may be withdrawn; else says why, and the fix. */
static int
retractable(const char *handle, const struct rec_rec *r, long n)
{
	const struct update_rec *w;

	if (r->nupdates == 0)
		return error("%s has no updates: nothing to retract (its status "
		    "comes from its response or its review's stage)", handle);
	if (n < 1 || (size_t)n > r->nupdates)
		return error("%s has %zu update%s: N is from 1 to %zu, as "
		    "'rectrack show %s' numbers them", handle, r->nupdates,
		    r->nupdates == 1 ? "" : "s", r->nupdates, handle);
	w = &r->updates[n - 1];
	if (w->retracts_num != 0)
		return error("%s: update %ld is itself a retraction (of update "
		    "%zu) and cannot be withdrawn; to restore that update, "
		    "record it again with 'rectrack status'", handle, n,
		    record_update_number(r, w->retracts_num));
	if (w->retracted_by != 0)
		return error("%s: update %ld is already retracted (by update "
		    "%zu): nothing to do", handle, n,
		    record_update_number(r, w->retracted_by));
	return 0;
}

static int
cmd_retract(struct ctx *ctx, void *opts, int argc, char **argv)
{
	struct retract_opts *o = opts;
	const char *date = o->date ? o->date : ctx->today;
	char *note = NULL, *by = NULL, stamp[21];
	struct rec_loaded h = REC_LOADED_INIT;
	struct rec_now now;
	struct update_rec u;
	const struct update_rec *w;
	long n = atol(argv[2]);
	long long id;
	int rc = RT_FAIL;

	(void)argc;
	memset(&u, 0, sizeof u);
	if (cmd_text_arg("--note", o->note, &note) != RT_OK ||
	    (o->by != NULL && cmd_text_arg("--by", o->by, &by) != RT_OK))
		goto early;
	if (note == NULL) {
		error("--note is blank: say why update %ld is withdrawn", n);
		goto early;
	}
	if (o->by == NULL && cmd_user_copy(&by) != RT_OK)
		goto early;
	if ((rc = cmd_write_rec(ctx, argv[1], &id, &now)) != RT_OK)
		goto early;
	rc = RT_FAIL;
	if (rec_load(ctx->db, id, &h) <= 0 ||
	    retractable(now.handle, &h.rec, n) < 0)
		goto out;
	w = &h.rec.updates[n - 1];
	if (store_clock_stamp(stamp) < 0)
		goto out;
	if (w->date != NULL && strcmp(date, w->date) < 0 &&
	    !retract_early_ok(w->date, stamp)) {
		error("%s: update %ld is dated %s, so a retraction of it cannot "
		    "be dated %s: give a --date on or after %s (only an update "
		    "dated in the future, a mistyped date, may be withdrawn "
		    "before its date)", now.handle, n, w->date, date, w->date);
		goto out;
	}
	u.date = date;
	u.status = status_without(ctx, &h, w);
	u.by = by;
	u.note = note;
	u.retracts_num = w->num;
	if (store_update_cli(ctx->db, id, &u) < 0 ||
	    search_index_rec(ctx->db, id) < 0 ||
	    db_commit(ctx->db) != RT_OK)
		goto out;
	rc = RT_OK;
	printf("%s: update %ld (%s, %s) retracted (%s", now.handle, n,
	    w->date != NULL ? w->date : "", w->status != NULL ? w->status :
	    "", date);
	if (by != NULL)
		printf(", by %s", by);
	printf("); status now %s\n", u.status);
out:
	if (rc != RT_OK)
		db_rollback(ctx->db);
	rec_loaded_free(&h);
	rec_now_free(&now);
early:
	free(note);
	free(by);
	return rc;
}
