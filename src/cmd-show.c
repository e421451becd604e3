#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "date.h"
#include "cmd.h"
#include "diag.h"
#include "emit.h"
#include "escape.h"
#include "export.h"
#include "output.h"
#include "recload.h"
#include "recview.h"
#include "schema.h"

struct show_opts {
	enum out_format fmt;
};

static const char *const show_formats[] = { "text", "json", "yaml", NULL };

static const struct opt show_options[] = {
	OPTION_FORMAT('f', struct show_opts, fmt, NULL, show_formats,
	    "text (default), json, or yaml (the recommendation as\n"
	    "it stands in a review's list in the import format)"),
	OPTION_END,
};

static const struct show_opts show_defaults = { FMT_TEXT };

static int cmd_show(struct ctx *ctx, void *opts, int argc, char **argv);

const struct cmd cmd_show_entry = {
	.name = "show",
	.group = G_FIND,
	.args = "HANDLE",
	.summary = "Everything about one recommendation.",
	.help =
	"HANDLE is REVIEW/REF (islington-2024-childrens-workforce/2) or the ID\n"
	"that 'rectrack list' shows. Reads like a briefing note: where it\n"
	"stands (status, RAG, owner, dates), the recommendation, why (the\n"
	"findings and evidence), what the executive said (its response and\n"
	"actions), what has happened since (the whole status history, the\n"
	"review's meetings), and what is late. On a terminal the text is\n"
	"wrapped to its width and dates get hints (\"in 12 days\").\n",
	.examples =
	"Examples:\n"
	"  rectrack show islington-2024-childrens-workforce/2\n"
	"  rectrack show 12 --format json | jq .status\n",
	.opts = show_options,
	.optsize = sizeof(struct show_opts),
	.defaults = &show_defaults,
	.flags = CMD_DB_READ,
	.exec = cmd_show,
};

struct show {
	struct ctx *ctx;
	enum out_format fmt;
	struct buf out;		/* text */
	struct emit *e;		/* json */
	struct rec_loaded h;	/* the recommendation shown, its parts */
	struct buf late;	/* text: the lines of "What is late" */
	int found, failed;
	char stage_since[11];	/* the review's, "" when not known */
};

static const char *
stage_since(struct show *s, const struct recview *r)
{
	return review_stage_since(s->ctx->db, r->rid, s->stage_since);
}

/* A value the schema requires: "" when the database holds none. */
static const char *
req(const char *s)
{
	return s != NULL ? s : "";
}

/* Text: every line after pad, wrapped to a terminal's width (0 when
 * standard output is not a terminal: nothing is wrapped). */
static size_t wrap_width;

static void
indent(struct buf *b, const char *text, const char *pad)
{
	text_wrap(b, text, pad, wrap_width);
}

/* An item: its first line after label ("  1. "), the others under it. */
static void
item(struct buf *b, const char *text, const char *label)
{
	const char *nl = strchr(text, '\n');
	struct buf first = BUF_INIT;
	char pad[32];

	if (nl == NULL) {
		text_wrap(b, text, label, wrap_width);
		return;
	}
	buf_add(&first, text, (size_t)(nl - text));
	text_wrap(b, first.s, label, wrap_width);
	buf_release(&first);
	snprintf(pad, sizeof pad, "%*s", (int)utf8_width(label), "");
	text_wrap(b, nl + 1, pad, wrap_width);
}

/* "601 days overdue", "due today", "in 12 days" */
static const char *
relative(const char *due, const char *today)
{
	static char out[48];
	long d = due_days(due) - date_days(today);

	if (d < 0)
		snprintf(out, sizeof out, "%ld day%s overdue", -d,
		    d == -1 ? "" : "s");
	else if (d == 0)
		snprintf(out, sizeof out, "due today");
	else
		snprintf(out, sizeof out, "in %ld day%s", d, d == 1 ? "" : "s");
	return out;
}

static void
field(struct buf *b, const char *name, const char *val)
{
	buf_printf(b, "%-12s %s\n", name, val != NULL && *val ? val : "-");
}

/* An action's status: none stated is open. */
static const char *
action_status(const struct action_rec *a)
{
	return a->status != NULL ? a->status : "open";
}

/*
 * JSON: the recommendation's parts, walking the loaded struct, after the
 * fields derived from it (show_json()).
 */
static void
json_actions(struct show *s, const struct response_rec *p)
{
	struct emit *e = s->e;
	size_t i;

	emit_key(e, "actions");
	emit_seq_begin(e);
	for (i = 0; i < p->nactions; i++) {
		const struct action_rec *a = &p->actions[i];

		emit_map_begin(e);
		emit_kint(e, "number", a->num);
		emit_knull(e, "id", a->aid);
		emit_knull(e, "text", a->text);
		emit_knull(e, "owner", a->owner);
		emit_knull(e, "due", a->due);
		emit_knull(e, "status", action_status(a));
		emit_knull(e, "status_date", a->status_date);
		emit_kbool(e, "overdue", action_overdue(action_status(a),
		    a->due, s->ctx->today));
		emit_knull(e, "note", a->note);
		emit_map_end(e);
	}
	emit_seq_end(e);
}

static void
json_parts(struct show *s, const struct rec_rec *r)
{
	struct emit *e = s->e;
	const struct response_rec *p = r->response;
	size_t i, nreplaced = p != NULL ? p->nreplaced : 0;

	emit_key(e, "findings");
	emit_seq_begin(e);
	for (i = 0; i < r->findings.n; i++)
		emit_str(e, r->findings.v[i]);
	emit_seq_end(e);
	emit_key(e, "evidence");
	emit_seq_begin(e);
	for (i = 0; i < r->nevidence; i++) {
		const struct evidence_rec *x = &r->evidence[i];

		emit_map_begin(e);
		emit_knull(e, "id", x->eid);
		emit_knull(e, "kind", req(x->kind));
		emit_knull(e, "title", req(x->title));
		emit_knull(e, "date", x->date);
		emit_knull(e, "text", x->text);
		emit_knull(e, "url", x->url);
		emit_map_end(e);
	}
	emit_seq_end(e);
	if (p == NULL) {
		emit_knull(e, "response", NULL);
	} else {
		emit_key(e, "response");
		emit_map_begin(e);
		emit_knull(e, "date", p->date);
		emit_knull(e, "by", p->by);
		emit_knull(e, "decision", p->decision);
		emit_knull(e, "text", p->text);
		json_actions(s, p);
		emit_map_end(e);
	}
	emit_key(e, "replaced_responses");
	emit_seq_begin(e);
	for (i = 0; i < nreplaced; i++) {
		const struct replaced_rec *x = &p->replaced[i];

		emit_map_begin(e);
		emit_knull(e, "date", x->date);
		emit_knull(e, "by", x->by);
		emit_knull(e, "decision", x->decision);
		emit_knull(e, "text", x->text);
		emit_knull(e, "replaced_on", x->replaced_on);
		emit_knull(e, "replaced_by", x->replaced_by);
		emit_kbool(e, "interim", x->interim);
		emit_map_end(e);
	}
	emit_seq_end(e);
	emit_key(e, "updates");
	emit_seq_begin(e);
	for (i = 0; i < r->nupdates; i++) {
		const struct update_rec *u = &r->updates[i];

		emit_map_begin(e);
		emit_kint(e, "number", (long long)i + 1);
		emit_knull(e, "date", u->date);
		emit_knull(e, "status", u->status);
		emit_knull(e, "due", u->due);
		emit_knull(e, "by", u->by);
		emit_knull(e, "note", u->note);
		emit_kbool(e, "forced", u->forced);
		emit_knull(e, "rag", u->rag);
		emit_kbool(e, "signed_off", u->signed_off);
		/* a retracted update counts for nothing, nor does the
		 * retraction: each names the other by its number */
		emit_kbool(e, "retracted", u->retracted_by != 0);
		if (u->retracted_by != 0)
			emit_kint(e, "retracted_by", (long long)
			    record_update_number(r, u->retracted_by));
		else
			emit_knull(e, "retracted_by", NULL);
		if (u->retracts_num != 0)
			emit_kint(e, "retracts", (long long)
			    record_update_number(r, u->retracts_num));
		else
			emit_knull(e, "retracts", NULL);
		emit_map_end(e);
	}
	emit_seq_end(e);
}

/* The fields derived from the recommendation (recview.c), and its own. */
static void
json_view(struct show *s, const struct recview *r)
{
	struct emit *e = s->e;

	emit_kint(e, "id", r->id);
	emit_knull(e, "handle", r->handle);
	emit_knull(e, "committee", r->cid);
	emit_knull(e, "committee_name", r->cname);
	emit_knull(e, "authority", r->authority);
	emit_knull(e, "review", r->rid);
	emit_knull(e, "review_title", r->review_title);
	emit_knull(e, "stage", r->stage ? r->stage : "draft");
	emit_knull(e, "stage_since", stage_since(s, r));
	emit_knull(e, "submitted", r->submitted);
	emit_knull(e, "ref", r->ref);
	emit_knull(e, "title", r->title);
	emit_knull(e, "addressee", r->addressee);
	emit_knull(e, "status", r->status);
	emit_kbool(e, "open", r->open);
	emit_knull(e, "decision", r->decision);
	emit_knull(e, "owner", r->owner);
	emit_knull(e, "due", r->due);
	emit_knull(e, "first_due", r->first_due);
	emit_kbool(e, "overdue", r->overdue);
	emit_knull(e, "response_within", r->response_within);
	emit_knull(e, "response_due",
	    r->response_due[0] ? r->response_due : NULL);
	emit_kbool(e, "response_overdue", r->response_overdue);
	emit_kbool(e, "stale", r->stale);
	emit_kint(e, "slipped", r->slipped);
	emit_knull(e, "rag", r->rag);
	emit_knull(e, "rag_reason", r->rag_reason);
	emit_knull(e, "stated_rag", r->stated_rag);
	emit_knull(e, "signed_off", r->signed_off);
	emit_kbool(e, "awaiting_signoff", r->awaiting_signoff);
	emit_knull(e, "year", r->year);
	emit_knull(e, "last_update", r->last_update);
#define SHOWN(name, label)	emit_knull(e, #name, r->name);
	REC_SHOWN_TEXTS(SHOWN)
#undef SHOWN
	emit_knull(e, "text", r->text);
}

/* The review's meetings (not a part of the recommendation). */
static void
show_meetings(struct show *s, long long review_row)
{
	struct buf *b = &s->out;
	sqlite3_stmt *st = db_stmt(s->ctx->db, ST_REC_MEETINGS);
	int n = 0;

	sqlite3_bind_int64(st, 1, review_row);
	if (s->e != NULL) {
		emit_key(s->e, "meetings");
		emit_seq_begin(s->e);
	}
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (s->e != NULL) {
			emit_map_begin(s->e);
			emit_knull(s->e, "id", db_col(st, 0));
			emit_knull(s->e, "date", db_col(st, 1));
			emit_knull(s->e, "title", db_col(st, 2));
			emit_map_end(s->e);
			continue;
		}
		if (n++ == 0)
			buf_adds(b, "\nMeetings of this review\n");
		buf_printf(b, "  %-10s  %s\n", db_col(st, 1) ? db_col(st, 1) :
		    "(undated)", stored_text(st, 2));
	}
	sqlite3_reset(st);
	if (s->e != NULL)
		emit_seq_end(s->e);
}

/* Text: the recommendation's parts, walking the loaded struct. */
static void
text_evidence(struct show *s, const struct rec_rec *r)
{
	struct buf *b = &s->out, line = BUF_INIT;
	size_t i;

	for (i = 0; i < r->nevidence; i++) {
		const struct evidence_rec *x = &r->evidence[i];

		if (i == 0)
			buf_adds(b, "\nWhy: the evidence\n");
		buf_reset(&line);
		if (x->eid != NULL)
			buf_printf(&line, "[%s] ", x->eid);
		buf_printf(&line, "%s: %s", req(x->kind), req(x->title));
		if (x->date != NULL)
			buf_printf(&line, " (%s)", x->date);
		item(b, line.s, "  - ");
		if (x->text != NULL)
			indent(b, x->text, "    ");
		if (x->url != NULL)
			buf_printf(b, "    %s\n", x->url);
	}
	buf_release(&line);
}

static void
text_actions(struct show *s, const struct response_rec *p)
{
	struct buf *b = &s->out;
	const char *today = s->ctx->today;
	size_t i;

	for (i = 0; i < p->nactions; i++) {
		const struct action_rec *a = &p->actions[i];
		const char *status = action_status(a);
		int overdue = action_overdue(status, a->due, today);

		if (i == 0)
			buf_adds(b, "  Actions\n");
		buf_printf(b, "    #%lld %s [%s", a->num, req(a->aid), status);
		if (a->status_date != NULL)
			buf_printf(b, " since %s", a->status_date);
		buf_printf(b, "%s]", overdue ? ", overdue" : "");
		if (a->owner != NULL)
			buf_printf(b, " %s", a->owner);
		if (a->due != NULL)
			buf_printf(b, ", due %s", a->due);
		buf_addc(b, '\n');
		indent(b, req(a->text), "      ");
		if (a->note != NULL)
			item(b, a->note, "      note: ");
		if (overdue)
			buf_printf(&s->late, "  - action %s (#%lld), due %s, is "
			    "still open (%s)\n", req(a->aid), a->num, a->due,
			    relative(a->due, today));
	}
}

/* The rest of a replaced response's line after its decision, then its
 * text. */
static void
replaced_line(struct buf *b, const struct replaced_rec *x)
{
	if (x->date != NULL)
		buf_printf(b, ", %s", x->date);
	if (x->by != NULL)
		buf_printf(b, ", by %s", x->by);
	buf_printf(b, ", %s on %s", x->interim ? "followed up" : "replaced",
	    req(x->replaced_on));
	if (x->replaced_by != NULL)
		buf_printf(b, " by %s", x->replaced_by);
	buf_addc(b, '\n');
	indent(b, req(x->text), x->interim ? "  " : "    ");
}

static void
text_response(struct show *s, const struct recview *v,
    const struct response_rec *p)
{
	struct buf *b = &s->out;
	size_t i, n;

	if (p == NULL) {
		buf_adds(b, "\nWhat the executive said\n  no response recorded");
		if (v->response_due[0])
			buf_printf(b, " (due by %s)", v->response_due);
		buf_addc(b, '\n');
		return;
	}
	/* an interim response came first, and reads so */
	for (i = 0; i < p->nreplaced; i++) {
		const struct replaced_rec *x = &p->replaced[i];

		if (!x->interim)
			continue;
		buf_printf(b, "\nInterim response: %s", req(x->decision));
		replaced_line(b, x);
	}
	buf_printf(b, "\nWhat the executive said: %s", req(p->decision));
	if (p->date != NULL)
		buf_printf(b, ", %s", p->date);
	if (p->by != NULL)
		buf_printf(b, ", by %s", p->by);
	buf_addc(b, '\n');
	indent(b, req(p->text), "  ");
	text_actions(s, p);
	/* responses replaced by a correction ('respond --replace') */
	for (i = 0, n = 0; i < p->nreplaced; i++) {
		const struct replaced_rec *x = &p->replaced[i];

		if (x->interim)
			continue;
		if (n++ == 0)
			buf_adds(b, "\nResponses since replaced (corrected)\n");
		buf_printf(b, "  %s", req(x->decision));
		replaced_line(b, x);
	}
}

static void
text_parts(struct show *s, const struct recview *v, const struct rec_rec *r)
{
	struct buf *b = &s->out;
	size_t i;
	char num[32];

	for (i = 0; i < r->findings.n; i++) {
		if (i == 0)
			buf_adds(b, "\nWhy: the findings\n");
		snprintf(num, sizeof num, "  %zu. ", i + 1);
		item(b, req(r->findings.v[i]), num);
	}
	text_evidence(s, r);
	text_response(s, v, r->response);
	buf_adds(b, "\nWhat has happened since\n");
	if (r->nupdates == 0)
		buf_adds(b, "  no progress recorded\n");
	for (i = 0; i < r->nupdates; i++) {
		const struct update_rec *u = &r->updates[i];

		/* numbered for 'retract'; a retraction's status counts for
		 * nothing, so it says what it withdrew instead */
		buf_printf(b, "  %zu. %s  ", i + 1, req(u->date));
		if (u->retracts_num != 0)
			buf_printf(b, "retraction of update %zu (%s, %s)",
			    record_update_number(r, u->retracts_num),
			    req(u->retracts.date), req(u->retracts.status));
		else
			buf_adds(b, req(u->status));
		if (u->due != NULL)
			buf_printf(b, ", due %s", u->due);
		if (u->by != NULL)
			buf_printf(b, ", by %s", u->by);
		if (u->forced)
			buf_adds(b, " (forced)");
		if (u->rag != NULL)
			buf_printf(b, ", RAG %s", u->rag);
		if (u->signed_off)
			buf_adds(b, ", signed off");
		if (u->retracted_by != 0)
			buf_printf(b, " [retracted by update %zu]",
			    record_update_number(r, u->retracted_by));
		buf_addc(b, '\n');
		if (u->note != NULL)
			indent(b, u->note, "    ");
	}
}

/* The recommendation's own late items; its actions add theirs. */
static void
late_items(struct show *s, const struct recview *r)
{
	struct buf *l = &s->late;
	const char *today = s->ctx->today;

	if (r->overdue)
		buf_printf(l, "  - the target date, %s, has passed (%s)\n", r->due,
		    relative(r->due, today));
	if (r->open && r->slipped > 0)
		buf_printf(l, "  - the target date has been put back %d time%s\n",
		    r->slipped, r->slipped == 1 ? "" : "s");
	if (r->response_overdue)
		buf_printf(l, "  - the executive's response was due by %s and is "
		    "not recorded (%s)\n", r->response_due,
		    relative(r->response_due, today));
	if (r->stale)
		buf_printf(l, "  - nothing recorded for over six months (%s)\n",
		    r->last_update ? r->last_update : "no update recorded");
}

/* What is late says why whenever the RAG is not green: never "nothing"
 * when something is amber, red or closed. */
static void
late_rag(struct show *s, const struct recview *r)
{
	struct buf line = BUF_INIT;

	if (s->late.len > 0 || strcmp(r->rag, "green") == 0)
		return;
	buf_printf(&line, "RAG %s: %s", r->rag, r->rag_reason);
	item(&s->late, line.s, "  - ");
	buf_release(&line);
}

static void
text_view(struct show *s, const struct recview *r)
{
	struct buf *b = &s->out;

	buf_printf(b, "%s  (ID %lld)\n", r->handle, r->id);
	if (r->title != NULL)
		buf_printf(b, "%s\n", r->title);
	buf_addc(b, '\n');
	buf_printf(b, "%-12s %s (%s)\n", "Committee", r->cname, r->authority);
	buf_printf(b, "%-12s %s [%s", "Review", r->review_title,
	    r->stage ? r->stage : "draft");
	if (stage_since(s, r) != NULL)
		buf_printf(b, " since %s", s->stage_since);
	buf_adds(b, "]\n");
	buf_printf(b, "%-12s %s%s\n", "Status", r->status,
	    r->open ? "" : " (closed)");
	if (r->rag_reason[0] != '\0') {
		/* the reasons wrap under themselves on a terminal */
		struct buf rag = BUF_INIT;

		buf_printf(&rag, "%s: %s", r->rag, r->rag_reason);
		item(b, rag.s, "RAG          ");
		buf_release(&rag);
	} else {
		field(b, "RAG", r->rag);
	}
	if (r->stated_rag != NULL)
		field(b, "Stated RAG", r->stated_rag);
	if (r->signed_off != NULL)
		field(b, "Signed off", r->signed_off);
	field(b, "Addressee", r->addressee);
	field(b, "Owner", r->owner);
	if (r->due != NULL && wrap_width > 0)
		/* a hint for a person at a terminal */
		buf_printf(b, "%-12s %s (%s)\n", "Due", r->due,
		    relative(r->due, s->ctx->today));
	else
		field(b, "Due", r->due);
	if (r->slipped > 0)
		buf_printf(b, "%-12s %d time%s\n", "Slipped", r->slipped,
		    r->slipped == 1 ? "" : "s");
	if (r->response_due[0])
		buf_printf(b, "%-12s %s%s\n", "Response due", r->response_due,
		    r->has_response ? " (received)" :
		    r->response_overdue ? " (overdue)" : "");
	field(b, "Last update", r->last_update);
#define SHOWN(name, label) \
	if (r->name != NULL) \
		field(b, label, r->name);
	REC_SHOWN_TEXTS(SHOWN)
#undef SHOWN
	buf_adds(b, "\nThe recommendation\n");
	indent(b, r->text, "  ");
	late_items(s, r);
}

static int
show_one(const struct recview *r, void *arg)
{
	struct show *s = arg;
	int rc;

	s->found = 1;
	if ((rc = rec_load(s->ctx->db, r->id, &s->h)) <= 0) {
		if (rc == 0)
			error("recommendation %lld vanished", r->id);
		s->failed = 1;
		return 1;
	}
	if (s->e != NULL) {
		emit_map_begin(s->e);
		json_view(s, r);
		json_parts(s, &s->h.rec);
		show_meetings(s, r->review_row);
		emit_map_end(s->e);
		return 1;
	}
	text_view(s, r);
	text_parts(s, r, &s->h.rec);
	late_rag(s, r);
	show_meetings(s, r->review_row);
	buf_printf(&s->out, "\nWhat is late\n%s", s->late.len ? s->late.s :
	    "  nothing\n");
	return 1;
}

static int
cmd_show(struct ctx *ctx, void *opts, int argc, char **argv)
{
	struct show s;
	struct filter f;
	int rc;

	(void)argc;
	memset(&s, 0, sizeof s);
	memset(&f, 0, sizeof f);
	s.ctx = ctx;
	s.fmt = ((struct show_opts *)opts)->fmt;
	s.out = (struct buf)BUF_INIT;
	s.late = (struct buf)BUF_INIT;
	f.rec = handle_resolve(ctx->db, argv[1]);
	if (f.rec == 0)
		return RT_FAIL;
	if (s.fmt == FMT_YAML) {
		struct emit *e = emit_new(EMIT_YAML, stdout);

		rc = export_rec(ctx->db, e, f.rec);
		return emit_free(e) < 0 || rc < 0 ? RT_FAIL : RT_OK;
	}
	/* on a terminal, text is wrapped to its width */
	wrap_width = term_width(STDOUT_FILENO);
	if (s.fmt == FMT_JSON) {
		/* JSON escapes every control character: nothing to clean */
		s.e = emit_new(EMIT_JSON_LINE, stdout);
		emit_set_verbatim(s.e, 1);
	}
	rc = recview_each(ctx->db, &f, ctx->today, show_one, &s);
	buf_release(&s.late);
	rec_loaded_free(&s.h);
	if (s.e != NULL) {
		if (s.found)
			fputc('\n', stdout);
		if (emit_free(s.e) < 0)
			rc = -1;
	}
	if (rc < 0 || s.failed) {
		buf_release(&s.out);
		return RT_FAIL;
	}
	if (s.fmt == FMT_TEXT) {
		struct buf clean = BUF_INIT;

		text_clean(&clean, s.out.s, "");
		fputs(clean.s, stdout);
		buf_release(&clean);
	}
	buf_release(&s.out);
	if (!s.found) {
		error("recommendation %lld belongs to no review held "
		    "('rectrack verify' checks the database)", f.rec);
		return RT_FAIL;
	}
	return RT_OK;
}
