#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "atomic.h"
#include "buf.h"
#include "cmd.h"
#include "diag.h"
#include "emit.h"
#include "escape.h"
#include "output.h"
#include "report.h"
#include "schema.h"
#include "vocab.h"
#include "xmalloc.h"

struct report_opts {
	struct filter_opts fo;
	const char *since, *output;
	enum out_format fmt;
};

static const char *const report_formats[] = {
	"markdown", "html", "csv", "json", NULL,
};

static const struct opt report_options[] = {
	FILTER_OPTIONS(struct report_opts, fo),
	OPTION_GROUP("Options:", NULL),
	OPTION_DATE(0, "since", struct report_opts, since,
	    "also list every update dated DATE or later"),
	OPTION_FORMAT(0, struct report_opts, fmt, NULL, report_formats,
	    "markdown (default), html (one self-contained page\n"
	    "with a chart, for printing on A4), csv, json"),
	{ .kind = OPT_STRING, .short_name = 'o', .name = "output", .off =
	    offsetof(struct report_opts, output), .arg = "FILE",
	    .help = "write FILE whole or not at all (else standard output)",
	    .complete = COMP_FILE },
	OPTION_END,
};

static const struct report_opts report_defaults = { .fmt = FMT_MARKDOWN };

static int report_check(const struct cmd *c, void *opts, int argc,
    char **argv);
static int cmd_report(struct ctx *ctx, void *opts, int argc, char **argv);

const struct cmd cmd_report_entry = {
	.name = "report",
	.group = G_REPORT,
	.summary = "The status report a clerk puts in the committee papers.",
	.help =
	"Per committee, then per review: title, stage, dates, response due and\n"
	"received; counts by status and the share implemented; one row per\n"
	"recommendation (ref, short text, status, RAG, owner, target date, the\n"
	"latest update's date and note); then the overdue recommendations, the\n"
	"overdue responses and the stale ones. With --since, every update\n"
	"recorded since that date. The same database and --today always give\n"
	"the same bytes.\n",
	.examples =
	"Examples:\n"
	"  rectrack report --committee \"children's services\" --format html "
	"\\\n"
	"      --output agenda-item-7.html\n"
	"  rectrack report --committee slough --since 2026-06-01 --format "
	"markdown\n",
	.opts = report_options,
	.optsize = sizeof(struct report_opts),
	.defaults = &report_defaults,
	.flags = CMD_DB_READ,
	.check = report_check,
	.exec = cmd_report,
};

/* The title, else the text cut at a word near 140 characters (never
 * inside a character), one line. */
static char *
brief(const char *title, const char *text)
{
	struct buf b = BUF_INIT;
	const char *s = title != NULL ? title : text;
	size_t cut, floor;
	char *p;

	buf_adds(&b, s);
	for (p = b.s; *p; p++)
		if (*p == '\n' || *p == '\t')
			*p = ' ';
	if (title == NULL && utf8_width(b.s) > 140) {
		cut = utf8_prefix(b.s, 140);
		floor = utf8_prefix(b.s, 80);
		while (cut > floor && b.s[cut] != ' ')
			cut--;
		if (cut == floor)	/* no space to cut at: 140 characters */
			cut = utf8_prefix(b.s, 140);
		b.len = cut;
		b.s[cut] = '\0';
		buf_adds(&b, "…");
	}
	return buf_detach(&b);
}

static void
collect_changes(struct report *rp, const struct recview *r)
{
	struct buf prev = BUF_INIT;
	sqlite3_stmt *st;

	buf_adds(&prev, rec_initial_status(r->has_response, r->decision,
	    r->submitted, r->stage));
	st = db_stmt(rp->ctx->db, ST_REC_UPDATES);
	sqlite3_bind_int64(st, 1, r->id);
	while (sqlite3_step(st) == SQLITE_ROW) {
		/* an update whose date is not one is not known to be since */
		const char *date = stored_date(st, 0);
		const char *status = stored_text(st, 1);
		struct change *c;

		if (date != NULL && strcmp(date, rp->since) >= 0) {
			rp->changes = xgrow(rp->changes, &rp->changecap,
			    rp->nchanges + 1, sizeof *rp->changes);
			c = &rp->changes[rp->nchanges];
			c->seq = rp->nchanges++;
			c->date = xstrdup(date);
			c->handle = xstrdup(r->handle);
			c->from = xstrdup(prev.s);
			c->to = xstrdup(status);
			c->due = xstrdup_or_null(stored_date(st, 2));
			c->by = xstrdup_or_null(db_col(st, 3));
			c->note = xstrdup_or_null(db_col(st, 4));
			c->forced = sqlite3_column_int(st, 5);
		}
		buf_reset(&prev);
		buf_adds(&prev, status);
	}
	sqlite3_reset(st);
	buf_release(&prev);
}

static int
gather(const struct recview *r, void *arg)
{
	struct report *rp = arg;
	struct rcommittee *c;
	struct rreview *v;
	struct rrec *x;

	if (rp->n == 0 || strcmp(rp->c[rp->n - 1].cid, r->cid) != 0) {
		rp->c = xgrow(rp->c, &rp->cap, rp->n + 1, sizeof *rp->c);
		c = &rp->c[rp->n++];
		memset(c, 0, sizeof *c);
		c->cid = xstrdup(r->cid);
		c->name = xstrdup(r->cname);
		c->authority = xstrdup(r->authority);
	}
	c = &rp->c[rp->n - 1];
	if (c->n == 0 || strcmp(c->reviews[c->n - 1].rid, r->rid) != 0) {
		c->reviews = xgrow(c->reviews, &c->cap, c->n + 1,
		    sizeof *c->reviews);
		v = &c->reviews[c->n++];
		memset(v, 0, sizeof *v);
		v->rid = xstrdup(r->rid);
		v->title = xstrdup(r->review_title);
		v->stage = xstrdup(r->stage ? r->stage : "draft");
		v->year = xstrdup_or_null(r->year);
		v->published = xstrdup_or_null(r->published);
		v->submitted = xstrdup_or_null(r->submitted);
		memcpy(v->response_due, r->response_due, 11);
	}
	v = &c->reviews[c->n - 1];
	v->recs = xgrow(v->recs, &v->cap, v->n + 1, sizeof *v->recs);
	x = &v->recs[v->n++];
	x->handle = xstrdup(r->handle);
	x->ref = xstrdup(r->ref);
	x->brief = brief(r->title, r->text);
	x->status = xstrdup(r->status);
	x->rag = xstrdup(r->rag);
	x->owner = xstrdup_or_null(r->owner);
	x->due = xstrdup_or_null(r->due);
	x->last_update = xstrdup_or_null(r->last_update);
	x->last_note = xstrdup_or_null(r->last_note);
	x->activity = xstrdup_or_null(r->last_activity);
	x->open = r->open;
	x->overdue = r->overdue;
	x->response_overdue = r->response_overdue;
	x->stale = r->stale;
	x->has_response = r->has_response;
	/* a status outside the vocabulary (a file edited around rectrack)
	 * counts in the total only */
	if (vocab_find(vocab_status, r->status) >= 0)
		v->counts[vocab_find(vocab_status, r->status)]++;
	v->pending += rec_response_pending(r->open, r->has_response);
	if (r->has_response) {
		v->nresponses++;
		if (r->response_date != NULL && (v->response_date == NULL ||
		    strcmp(r->response_date, v->response_date) > 0)) {
			free(v->response_date);
			v->response_date = xstrdup(r->response_date);
		}
	}
	rp->nrecs++;
	if (rp->since != NULL)
		collect_changes(rp, r);
	return 0;
}

static int
cmp_change(const void *a, const void *b)
{
	const struct change *x = a, *y = b;
	int d = strcmp(x->date, y->date);

	if (d == 0)
		d = x->seq < y->seq ? -1 : x->seq > y->seq;
	return d;
}

static void
report_free(struct report *rp)
{
	size_t i, j, k;

	for (i = 0; i < rp->n; i++) {
		struct rcommittee *c = &rp->c[i];

		for (j = 0; j < c->n; j++) {
			struct rreview *v = &c->reviews[j];

			for (k = 0; k < v->n; k++) {
				struct rrec *x = &v->recs[k];

				free(x->handle);
				free(x->ref);
				free(x->brief);
				free(x->status);
				free(x->rag);
				free(x->owner);
				free(x->due);
				free(x->last_update);
				free(x->last_note);
				free(x->activity);
			}
			free(v->recs);
			free(v->rid);
			free(v->title);
			free(v->stage);
			free(v->year);
			free(v->published);
			free(v->submitted);
			free(v->response_date);
		}
		free(c->reviews);
		free(c->cid);
		free(c->name);
		free(c->authority);
	}
	free(rp->c);
	for (i = 0; i < rp->nchanges; i++) {
		struct change *c = &rp->changes[i];

		free(c->date);
		free(c->handle);
		free(c->from);
		free(c->to);
		free(c->due);
		free(c->by);
		free(c->note);
	}
	free(rp->changes);
}


static int
report_check(const struct cmd *c, void *opts, int argc, char **argv)
{
	struct report_opts *ro = opts;

	(void)argc;
	(void)argv;
	if (ro->output != NULL && *ro->output == '\0')
		return cmd_usage_error(c, "give --output a name, not an empty "
		    "one");
	return RT_OK;
}

static int
cmd_report(struct ctx *ctx, void *opts, int argc, char **argv)
{
	struct report_opts *ro = opts;
	enum out_format fmt = ro->fmt;
	const char *output = ro->output;
	struct report rp;
	struct atomic_file af;
	struct filter f;
	FILE *fp = stdout;
	int rc;

	(void)argc;
	(void)argv;
	memset(&rp, 0, sizeof rp);
	rp.ctx = ctx;
	rp.since = ro->since;
	if (filter_resolve(ctx, &ro->fo) != RT_OK)
		return RT_FAIL;
	f = ro->fo.f;
	/* one read transaction: the report is of one moment */
	sqlite3_exec(db_handle(ctx->db), "BEGIN", NULL, NULL, NULL);
	rc = recview_each(ctx->db, &f, ctx->today, gather, &rp);
	db_rollback(ctx->db);
	if (rc < 0) {
		report_free(&rp);
		return RT_FAIL;
	}
	if (rp.nchanges > 1)
		qsort(rp.changes, rp.nchanges, sizeof *rp.changes, cmp_change);
	if (output != NULL) {
		if (atomic_open(&af, output, ctx->dbpath) < 0) {
			report_free(&rp);
			return RT_FAIL;
		}
		fp = af.fp;
	}
	report_write(&rp, fmt, fp);
	rc = RT_OK;
	if (output == NULL && ferror(fp))
		rc = RT_FAIL;
	if (output != NULL && atomic_close(&af, !ferror(fp)) < 0)
		rc = RT_FAIL;
	report_free(&rp);
	return rc;
}
