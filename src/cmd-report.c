#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "atomic.h"
#include "buf.h"
#include "cmd.h"
#include "date.h"
#include "diag.h"
#include "emit.h"
#include "escape.h"
#include "output.h"
#include "recload.h"
#include "report.h"
#include "schema.h"
#include "vocab.h"
#include "xmalloc.h"

struct report_opts {
	struct filter_opts fo;
	const char *since, *output, *title, *meeting;
	int fmt;		/* index in report_formats */
};

/* The formats, in the order of report_fmt. */
static const char *const report_formats[] = {
	"markdown", "html", "csv", "json", "xlsx", NULL,
};
static const enum out_format report_fmt[] = {
	FMT_MARKDOWN, FMT_HTML, FMT_CSV, FMT_JSON,
};
#define REPORT_XLSX 4

static const struct opt report_options[] = {
	FILTER_OPTIONS(struct report_opts, fo),
	OPTION_GROUP("Options:", NULL),
	OPTION_DATE(0, "since", struct report_opts, since,
	    "also show what changed since DATE: updates, target-date\n"
	    "moves and RAG"),
	{ .kind = OPT_WORD, .name = "format", .off =
	    offsetof(struct report_opts, fmt), .values = report_formats,
	    .help = "markdown (default), html (one self-contained page\n"
	    "with a chart, for printing on A4), csv (for a\n"
	    "spreadsheet), json, xlsx (a spreadsheet: needs\n"
	    "--output)" },
	OPTION_STRING(0, "title", struct report_opts, title, "TEXT",
	    "the paper's heading (default: Scrutiny recommendations:\n"
	    "status report)"),
	OPTION_STRING(0, "meeting", struct report_opts, meeting, "TEXT",
	    "the meeting under the heading (\"Children's Services\n"
	    "Scrutiny Committee, 12 March 2027, item 7\")"),
	{ .kind = OPT_STRING, .short_name = 'o', .name = "output", .off =
	    offsetof(struct report_opts, output), .arg = "FILE",
	    .help = "write FILE whole or not at all (else standard output)",
	    .complete = COMP_FILE },
	OPTION_END,
};

static const struct report_opts report_defaults = { .fmt = 0 };

static int report_check(const struct cmd *c, void *opts, int argc,
    char **argv);
static int cmd_report(struct ctx *ctx, void *opts, int argc, char **argv);

const struct cmd cmd_report_entry = {
	.name = "report",
	.group = G_REPORT,
	.summary = "The status report a clerk puts in the committee papers.",
	.help =
	"Per committee, then per review: title, stage, dates, response due and\n"
	"received; counts by status and the share implemented; then one row per\n"
	"recommendation as councils publish their trackers: ref and title, the\n"
	"full text, the executive's decision, date and response with its actions,\n"
	"the lead officer, the target date as first set and as revised (and how\n"
	"many times it moved, each move with its reason), the latest progress\n"
	"note and its date, and the RAG in words with its reason beside the\n"
	"council's own. Then the overdue recommendations, the overdue responses,\n"
	"those awaiting sign-off and the stale ones; with --since, what changed\n"
	"since that date (status, RAG, target dates). The same database and\n"
	"--today always give the same bytes.\n",
	.examples =
	"Examples:\n"
	"  rectrack report --committee \"children's services\" --format html "
	"\\\n"
	"      --output agenda-item-7.html\n"
	"  rectrack report --committee slough --since 2026-06-01 --format "
	"markdown\n"
	"  rectrack report --committee \"children's services\" --format xlsx "
	"\\\n"
	"      --meeting \"Children's Services Scrutiny Committee, 12 March "
	"2027\" \\\n"
	"      --output tracker.xlsx\n",
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

static int
valid_date(const char *s)
{
	return s != NULL && date_valid(s);
}

/* A target date stated: a date, or anything else a file says (a month,
 * "2026-11", format.md's additions), shown as written. */
static const char *
stated(const char *s)
{
	return s != NULL && *s != '\0' ? s : NULL;
}

/* The updates dated rp->since or later, from the loaded h. */
static void
collect_changes(struct report *rp, const struct recview *r,
    const struct rec_loaded *h, const char *name)
{
	const char *prev = rec_initial_status(r->has_response, r->decision,
	    r->submitted, r->stage);
	const char *cur = h->rec.due;
	size_t i;

	for (i = 0; i < h->rec.nupdates; i++) {
		const struct update_rec *u = &h->rec.updates[i];
		const char *status = u->status ? u->status : "";
		const char *due = stated(u->due);
		struct change *c;

		if (!record_update_counts(u))
			continue;
		/* an update whose date is not one is not known to be since */
		if (valid_date(u->date) && strcmp(u->date, rp->since) >= 0) {
			rp->changes = xgrow(rp->changes, &rp->changecap,
			    rp->nchanges + 1, sizeof *rp->changes);
			c = &rp->changes[rp->nchanges];
			c->seq = rp->nchanges++;
			c->date = xstrdup(u->date);
			c->handle = xstrdup(r->handle);
			c->name = xstrdup(name);
			c->from = xstrdup(prev);
			c->to = xstrdup(status);
			c->due = xstrdup_or_null(due);
			c->moved = due != NULL && (cur == NULL ||
			    rec_slip(cur, due));
			c->by = xstrdup_or_null(u->by);
			c->note = xstrdup_or_null(u->note);
			c->forced = u->forced;
		}
		if (due != NULL)
			cur = due;
		prev = status;
	}
}

/* What gather() works with: the report, and the loader's holder. */
struct gathering {
	struct report *rp;
	struct rec_loaded h;
	int failed;
};

/* The response and its actions, the target date's moves, the latest
 * progress, from the loaded recommendation h. */
static void
gather_loaded(struct rrec *x, const struct recview *r,
    const struct rec_loaded *h)
{
	const struct rec_rec *rec = &h->rec;
	const struct response_rec *resp = rec->response;
	const char *cur = stated(rec->due);
	const char *prev = rec_initial_status(r->has_response, r->decision,
	    r->submitted, r->stage);
	const struct update_rec *progress = NULL;
	size_t i;

	if (resp != NULL) {
		x->response_by = xstrdup_or_null(resp->by);
		x->response_text = xstrdup_or_null(resp->text);
		x->actions = xcalloc(resp->nactions ? resp->nactions : 1,
		    sizeof *x->actions);
		for (i = 0; i < resp->nactions; i++) {
			const struct action_rec *a = &resp->actions[i];
			struct raction *ra = &x->actions[x->nactions++];

			ra->aid = xstrdup_or_null(a->aid);
			ra->text = xstrdup(a->text ? a->text : "");
			ra->owner = xstrdup_or_null(a->owner);
			ra->due = xstrdup_or_null(a->due);
			ra->status = xstrdup_or_null(a->status);
			ra->status_date = xstrdup_or_null(a->status_date);
		}
	}
	x->first_due = xstrdup_or_null(stated(r->first_due) ?
	    r->first_due : cur);
	x->moves = xcalloc(rec->nupdates ? rec->nupdates : 1,
	    sizeof *x->moves);
	for (i = 0; i < rec->nupdates; i++) {
		const struct update_rec *u = &rec->updates[i];
		const char *status = u->status ? u->status : "";
		int moved = stated(u->due) && (cur == NULL ||
		    rec_slip(cur, u->due));
		int same = strcmp(status, prev) == 0;

		if (!record_update_counts(u))
			continue;
		if (moved) {
			struct rmove *m = &x->moves[x->nmoves++];

			m->date = xstrdup(u->date ? u->date : "");
			m->from = xstrdup_or_null(cur);
			m->to = xstrdup(u->due);
			/* a date move's note is its reason; a status
			 * change's note is progress */
			m->reason = same ? xstrdup_or_null(u->note) : NULL;
			m->by = xstrdup_or_null(u->by);
			if (x->first_due == NULL)
				x->first_due = xstrdup(u->due);
		}
		if (!moved || !same)
			progress = u;
		if (moved)
			cur = u->due;
		prev = status;
	}
	if (progress != NULL) {
		x->progress_date = xstrdup(progress->date ? progress->date :
		    "");
		x->progress_note = xstrdup_or_null(progress->note);
		x->progress_status = xstrdup(progress->status ?
		    progress->status : "");
	}
}

/* The RAG as at rp->since: r derived again from what was recorded
 * before that date. */
static char *
rag_then(const struct report *rp, const struct recview *r,
    const struct rec_loaded *h)
{
	const struct rec_rec *rec = &h->rec;
	struct recview t = *r;
	size_t i;

	t.status = NULL;
	t.due = stated(rec->due);
	t.last_update = NULL;
	t.last_note = NULL;
	if (t.has_response && (!valid_date(t.response_date) ||
	    strcmp(t.response_date, rp->since) >= 0)) {
		t.has_response = 0;
		t.decision = NULL;
		t.response_date = NULL;
	}
	for (i = 0; i < rec->nupdates; i++) {
		const struct update_rec *u = &rec->updates[i];

		if (!valid_date(u->date) || strcmp(u->date, rp->since) >= 0 ||
		    !record_update_counts(u))
			continue;
		t.status = u->status;
		if (stated(u->due))
			t.due = u->due;
		t.last_update = u->date;
		t.last_note = u->note;
	}
	if (valid_date(t.submitted) && strcmp(t.submitted, rp->since) >= 0)
		t.submitted = NULL;
	recview_derive(&t, rp->since);
	return xstrdup(t.rag);
}

static int
gather(const struct recview *r, void *arg)
{
	struct gathering *g = arg;
	struct report *rp = g->rp;
	struct rcommittee *c;
	struct rreview *v;
	struct rrec *x;

	if (rec_load(rp->ctx->db, r->id, &g->h) <= 0) {
		g->failed = 1;
		return 1;
	}
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
		review_stage_since(rp->ctx->db, r->rid, v->stage_since);
		v->year = xstrdup_or_null(r->year);
		v->published = xstrdup_or_null(r->published);
		v->submitted = xstrdup_or_null(r->submitted);
	}
	v = &c->reviews[c->n - 1];
	v->recs = xgrow(v->recs, &v->cap, v->n + 1, sizeof *v->recs);
	x = &v->recs[v->n++];
	memset(x, 0, sizeof *x);
	x->handle = xstrdup(r->handle);
	memcpy(x->response_due, r->response_due, sizeof x->response_due);
	if (x->response_due[0] != '\0' && (v->response_due[0] == '\0' ||
	    strcmp(x->response_due, v->response_due) < 0))
		memcpy(v->response_due, x->response_due,
		    sizeof v->response_due);
	x->ref = xstrdup(r->ref);
	x->brief = brief(r->title, r->text);
	x->title = xstrdup_or_null(r->title);
	x->text = xstrdup(r->text ? r->text : "");
	x->status = xstrdup(r->status);
	x->rag = xstrdup(r->rag);
	x->owner = xstrdup_or_null(r->owner);
	x->due = xstrdup_or_null(r->due);
	x->activity = xstrdup_or_null(r->last_activity);
	x->open = r->open;
	x->overdue = r->overdue;
	x->response_overdue = r->response_overdue;
	x->stale = r->stale;
	x->has_response = r->has_response;
	x->decision = xstrdup_or_null(r->decision);
	x->response_date = xstrdup_or_null(r->response_date);
	x->slipped = r->slipped;
	x->rag_reason = xstrdup(r->rag_reason);
	x->stated_rag = xstrdup_or_null(r->stated_rag);
	x->awaiting_signoff = r->awaiting_signoff;
	gather_loaded(x, r, &g->h);
	if (rp->since != NULL)
		x->rag_then = rag_then(rp, r, &g->h);
	/* a status outside the vocabulary (a file edited around rectrack)
	 * counts in the total only */
	if (vocab_find(vocab_status, r->status) >= 0)
		v->counts[vocab_find(vocab_status, r->status)]++;
	v->pending += r->response_pending;
	if (r->has_response) {
		v->nresponses++;
		if (r->response_date != NULL && (v->response_date == NULL ||
		    strcmp(r->response_date, v->response_date) > 0)) {
			free(v->response_date);
			v->response_date = xstrdup(r->response_date);
		}
	}
	rp->nrecs++;
	if (rp->since != NULL) {
		struct buf name = BUF_INIT;

		buf_printf(&name, "%s, %s: %s", v->title, x->ref, x->brief);
		collect_changes(rp, r, &g->h, name.s);
		buf_release(&name);
	}
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
rrec_free_parts(struct rrec *x)
{
	size_t i;

	for (i = 0; i < x->nactions; i++) {
		free(x->actions[i].aid);
		free(x->actions[i].text);
		free(x->actions[i].owner);
		free(x->actions[i].due);
		free(x->actions[i].status);
		free(x->actions[i].status_date);
	}
	free(x->actions);
	for (i = 0; i < x->nmoves; i++) {
		free(x->moves[i].date);
		free(x->moves[i].from);
		free(x->moves[i].to);
		free(x->moves[i].reason);
		free(x->moves[i].by);
	}
	free(x->moves);
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
				free(x->title);
				free(x->text);
				free(x->activity);
				free(x->decision);
				free(x->response_date);
				free(x->response_by);
				free(x->response_text);
				rrec_free_parts(x);
				free(x->first_due);
				free(x->progress_date);
				free(x->progress_note);
				free(x->progress_status);
				free(x->rag_reason);
				free(x->stated_rag);
				free(x->rag_then);
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
		free(c->name);
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
	if (ro->fmt == REPORT_XLSX && ro->output == NULL)
		return cmd_usage_error(c, "--format xlsx writes a file: give "
		    "--output FILE");
	return RT_OK;
}

static int
cmd_report(struct ctx *ctx, void *opts, int argc, char **argv)
{
	struct report_opts *ro = opts;
	const char *output = ro->output;
	struct gathering g;
	struct report rp;
	struct atomic_file af;
	struct filter f;
	FILE *fp = stdout;
	int rc;

	(void)argc;
	(void)argv;
	memset(&rp, 0, sizeof rp);
	memset(&g, 0, sizeof g);
	g.rp = &rp;
	rp.ctx = ctx;
	rp.since = ro->since;
	rp.title = ro->title;
	rp.meeting = ro->meeting;
	if (filter_resolve(ctx, &ro->fo) != RT_OK)
		return RT_FAIL;
	f = ro->fo.f;
	/* one read transaction: the report is of one moment */
	sqlite3_exec(db_handle(ctx->db), "BEGIN", NULL, NULL, NULL);
	rc = recview_each(ctx->db, &f, ctx->today, gather, &g);
	db_rollback(ctx->db);
	rec_loaded_free(&g.h);
	if (rc < 0 || g.failed) {
		report_free(&rp);
		return RT_FAIL;
	}
	if (rp.nchanges > 1)
		qsort(rp.changes, rp.nchanges, sizeof *rp.changes, cmp_change);
	if (ro->fmt == REPORT_XLSX) {
		rc = report_xlsx(&rp, output);
		rc = rc == -2 ? RT_USAGE : rc < 0 ? RT_FAIL : RT_OK;
		report_free(&rp);
		return rc;
	}
	if (output != NULL) {
		if (atomic_open(&af, output, ctx->dbpath) < 0) {
			report_free(&rp);
			return RT_FAIL;
		}
		fp = af.fp;
	}
	report_write(&rp, report_fmt[ro->fmt], fp);
	rc = RT_OK;
	if (output == NULL && ferror(fp))
		rc = RT_FAIL;
	if (output != NULL && atomic_close(&af, !ferror(fp)) < 0)
		rc = RT_FAIL;
	report_free(&rp);
	return rc;
}
