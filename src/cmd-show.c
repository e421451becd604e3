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
	struct buf out;
	const struct recview *rv;	/* the recommendation shown */
	struct buf late;	/* text: the lines of "What is late" */
	int found;
};

/* JSON helpers: each writes ", "KEY": VALUE" (without the comma first). */
static void
jkey(struct buf *b, int *first, const char *key)
{
	if (!*first)
		buf_adds(b, ", ");
	*first = 0;
	esc_json(b, key);
	buf_adds(b, ": ");
}

static void
jstr(struct buf *b, int *first, const char *key, const char *val)
{
	jkey(b, first, key);
	if (val == NULL)
		buf_adds(b, "null");
	else
		esc_json(b, val);
}

static void
jint(struct buf *b, int *first, const char *key, long long v)
{
	jkey(b, first, key);
	buf_printf(b, "%lld", v);
}

static void
jbool(struct buf *b, int *first, const char *key, int v)
{
	jkey(b, first, key);
	buf_adds(b, v ? "true" : "false");
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
	long d = date_days(due) - date_days(today);

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

/* A list section: in JSON its key and '['; in text nothing yet. */
static void
list_open(struct show *s, int *first, const char *key)
{
	if (s->fmt == FMT_JSON) {
		jkey(&s->out, first, key);
		buf_addc(&s->out, '[');
	}
}

static void
list_close(struct show *s)
{
	if (s->fmt == FMT_JSON)
		buf_addc(&s->out, ']');
}

/*
 * Start the next item of a list section: in JSON an object (its fields'
 * flag reset in *f2), in text the section's heading before the first.
 * Returns whether the item is JSON.
 */
static int
item_open(struct show *s, int *n, int *f2, const char *heading)
{
	if (s->fmt == FMT_JSON) {
		if ((*n)++ > 0)
			buf_adds(&s->out, ", ");
		*f2 = 1;
		buf_addc(&s->out, '{');
		return 1;
	}
	if ((*n)++ == 0)
		buf_adds(&s->out, heading);
	return 0;
}

static void
show_findings(struct show *s, long long id, int *first)
{
	struct buf *b = &s->out;
	sqlite3_stmt *st = db_stmt(s->ctx->db, ST_FINDINGS);
	int n = 0, f2;

	sqlite3_bind_int64(st, 1, id);
	if (s->fmt == FMT_JSON) {
		jkey(b, first, "findings");
		buf_addc(b, '[');
		while (sqlite3_step(st) == SQLITE_ROW) {
			f2 = n++ == 0;
			if (!f2)
				buf_adds(b, ", ");
			esc_json(b, stored_text(st, 0));
		}
		buf_addc(b, ']');
	} else {
		while (sqlite3_step(st) == SQLITE_ROW) {
			char num[16];

			if (n++ == 0)
				buf_adds(b, "\nWhy: the findings\n");
			snprintf(num, sizeof num, "  %d. ", n);
			item(b, stored_text(st, 0), num);
		}
	}
	sqlite3_reset(st);
}

static void
show_evidence(struct show *s, long long id, int *first)
{
	struct buf *b = &s->out;
	sqlite3_stmt *st = db_stmt(s->ctx->db, ST_REC_EVIDENCE_FULL);
	struct buf line = BUF_INIT;
	int n = 0, f2;

	sqlite3_bind_int64(st, 1, id);
	list_open(s, first, "evidence");
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *eid = db_col(st, 0), *kind = stored_text(st, 1);
		const char *title = stored_text(st, 2), *date = db_col(st, 3);
		const char *text = db_col(st, 4), *url = db_col(st, 5);

		if (item_open(s, &n, &f2, "\nWhy: the evidence\n")) {
			jstr(b, &f2, "id", eid);
			jstr(b, &f2, "kind", kind);
			jstr(b, &f2, "title", title);
			jstr(b, &f2, "date", date);
			jstr(b, &f2, "text", text);
			jstr(b, &f2, "url", url);
			buf_addc(b, '}');
			continue;
		}
		buf_reset(&line);
		if (eid != NULL)
			buf_printf(&line, "[%s] ", eid);
		buf_printf(&line, "%s: %s", kind, title);
		if (date != NULL)
			buf_printf(&line, " (%s)", date);
		item(b, line.s, "  - ");
		if (text != NULL)
			indent(b, text, "    ");
		if (url != NULL)
			buf_printf(b, "    %s\n", url);
	}
	sqlite3_reset(st);
	list_close(s);
	buf_release(&line);
}

static void
show_actions(struct show *s, sqlite3_stmt *st, const char *today, int *first)
{
	struct buf *b = &s->out;
	int n = 0, f2;

	list_open(s, first, "actions");
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *due = db_col(st, 4), *status = stored_text(st, 5);
		int overdue = stored_date(st, 4) != NULL && !strcmp(status, "open") &&
		    strcmp(due, today) < 0;

		if (item_open(s, &n, &f2, "  Actions\n")) {
			jint(b, &f2, "number", sqlite3_column_int64(st, 0));
			jstr(b, &f2, "id", db_col(st, 1));
			jstr(b, &f2, "text", db_col(st, 2));
			jstr(b, &f2, "owner", db_col(st, 3));
			jstr(b, &f2, "due", due);
			jstr(b, &f2, "status", status);
			jbool(b, &f2, "overdue", overdue);
			jstr(b, &f2, "note", db_col(st, 6));
			buf_addc(b, '}');
			continue;
		}
		buf_printf(b, "    #%lld %s [%s%s]", sqlite3_column_int64(st, 0),
		    stored_text(st, 1), status, overdue ? ", overdue" : "");
		if (db_col(st, 3) != NULL)
			buf_printf(b, " %s", db_col(st, 3));
		if (due != NULL)
			buf_printf(b, ", due %s", due);
		buf_addc(b, '\n');
		indent(b, stored_text(st, 2), "      ");
		if (db_col(st, 6) != NULL)
			item(b, db_col(st, 6), "      note: ");
		if (overdue)
			buf_printf(&s->late, "  - action %s (#%lld), due %s, is still "
			    "open (%s)\n", stored_text(st, 1), sqlite3_column_int64(st,
			    0), due, relative(due, today));
	}
	sqlite3_reset(st);
	list_close(s);
}

static void
show_response(struct show *s, long long id, int *first)
{
	struct buf *b = &s->out;
	sqlite3_stmt *st = db_stmt(s->ctx->db, ST_RESPONSE_GET), *ast;
	int have, f2 = 1;

	sqlite3_bind_int64(st, 1, id);
	have = sqlite3_step(st) == SQLITE_ROW;
	if (s->fmt == FMT_JSON) {
		jkey(b, first, "response");
		if (!have) {
			buf_adds(b, "null");
			sqlite3_reset(st);
			return;
		}
		buf_addc(b, '{');
		jstr(b, &f2, "date", db_col(st, 0));
		jstr(b, &f2, "by", db_col(st, 1));
		jstr(b, &f2, "decision", db_col(st, 2));
		jstr(b, &f2, "text", db_col(st, 3));
	} else if (!have) {
		buf_adds(b, "\nWhat the executive said\n  no response recorded");
		if (s->rv->response_due[0])
			buf_printf(b, " (due by %s)", s->rv->response_due);
		buf_addc(b, '\n');
	} else {
		buf_printf(b, "\nWhat the executive said: %s", stored_text(st, 2));
		if (db_col(st, 0) != NULL)
			buf_printf(b, ", %s", db_col(st, 0));
		if (db_col(st, 1) != NULL)
			buf_printf(b, ", by %s", db_col(st, 1));
		buf_addc(b, '\n');
		indent(b, stored_text(st, 3), "  ");
	}
	sqlite3_reset(st);
	if (!have)
		return;
	ast = db_stmt(s->ctx->db, ST_RESPONSE_ACTIONS);
	sqlite3_bind_int64(ast, 1, id);
	show_actions(s, ast, s->ctx->today, &f2);
	if (s->fmt == FMT_JSON)
		buf_addc(b, '}');
}

/* Responses replaced by a correction ('respond --replace'), oldest first. */
static void
show_corrections(struct show *s, long long id, int *first)
{
	struct buf *b = &s->out;
	sqlite3_stmt *st = db_stmt(s->ctx->db, ST_RESPONSE_HISTORY);
	int n = 0, f2;

	sqlite3_bind_int64(st, 1, id);
	list_open(s, first, "replaced_responses");
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (item_open(s, &n, &f2, "\nResponses since replaced (corrected)\n")) {
			jstr(b, &f2, "date", db_col(st, 0));
			jstr(b, &f2, "by", db_col(st, 1));
			jstr(b, &f2, "decision", db_col(st, 2));
			jstr(b, &f2, "text", db_col(st, 3));
			jstr(b, &f2, "replaced_on", db_col(st, 4));
			jstr(b, &f2, "replaced_by", db_col(st, 5));
			buf_addc(b, '}');
			continue;
		}
		buf_printf(b, "  %s%s%s%s%s, replaced on %s", stored_text(st, 2),
		    db_col(st, 0) ? ", " : "", db_col(st, 0) ? db_col(st, 0) :
		    "", db_col(st, 1) ? ", by " : "", db_col(st, 1) ?
		    db_col(st, 1) : "", stored_text(st, 4));
		if (db_col(st, 5) != NULL)
			buf_printf(b, " by %s", db_col(st, 5));
		buf_addc(b, '\n');
		indent(b, stored_text(st, 3), "    ");
	}
	sqlite3_reset(st);
	list_close(s);
}

static void
show_updates(struct show *s, long long id, int *first)
{
	struct buf *b = &s->out;
	sqlite3_stmt *st = db_stmt(s->ctx->db, ST_REC_UPDATES);
	int n = 0, f2;

	sqlite3_bind_int64(st, 1, id);
	list_open(s, first, "updates");
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (item_open(s, &n, &f2, "\nWhat has happened since\n")) {
			jstr(b, &f2, "date", db_col(st, 0));
			jstr(b, &f2, "status", db_col(st, 1));
			jstr(b, &f2, "due", db_col(st, 2));
			jstr(b, &f2, "by", db_col(st, 3));
			jstr(b, &f2, "note", db_col(st, 4));
			jbool(b, &f2, "forced", sqlite3_column_int(st, 5));
			buf_addc(b, '}');
			continue;
		}
		buf_printf(b, "  %s  %s", stored_text(st, 0), stored_text(st, 1));
		if (db_col(st, 2) != NULL)
			buf_printf(b, ", due %s", db_col(st, 2));
		if (db_col(st, 3) != NULL)
			buf_printf(b, ", by %s", db_col(st, 3));
		if (sqlite3_column_int(st, 5))
			buf_adds(b, " (forced)");
		buf_addc(b, '\n');
		if (db_col(st, 4) != NULL)
			indent(b, db_col(st, 4), "    ");
	}
	sqlite3_reset(st);
	list_close(s);
	if (s->fmt != FMT_JSON && n == 0)
		buf_adds(b, "\nWhat has happened since\n  no progress recorded"
		    "\n");
}

static void
show_meetings(struct show *s, long long review_row, int *first)
{
	struct buf *b = &s->out;
	sqlite3_stmt *st = db_stmt(s->ctx->db, ST_REC_MEETINGS);
	int n = 0, f2;

	sqlite3_bind_int64(st, 1, review_row);
	list_open(s, first, "meetings");
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (item_open(s, &n, &f2, "\nMeetings of this review\n")) {
			jstr(b, &f2, "id", db_col(st, 0));
			jstr(b, &f2, "date", db_col(st, 1));
			jstr(b, &f2, "title", db_col(st, 2));
			buf_addc(b, '}');
			continue;
		}
		buf_printf(b, "  %-10s  %s\n", db_col(st, 1) ? db_col(st, 1) :
		    "(undated)", stored_text(st, 2));
	}
	sqlite3_reset(st);
	list_close(s);
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

static int
show_one(const struct recview *r, void *arg)
{
	struct show *s = arg;
	struct buf *b = &s->out;
	int first = 1;

	s->found = 1;
	s->rv = r;
	if (s->fmt == FMT_JSON) {
		buf_addc(b, '{');
		jint(b, &first, "id", r->id);
		jstr(b, &first, "handle", r->handle);
		jstr(b, &first, "committee", r->cid);
		jstr(b, &first, "committee_name", r->cname);
		jstr(b, &first, "authority", r->authority);
		jstr(b, &first, "review", r->rid);
		jstr(b, &first, "review_title", r->review_title);
		jstr(b, &first, "stage", r->stage ? r->stage : "draft");
		jstr(b, &first, "submitted", r->submitted);
		jstr(b, &first, "ref", r->ref);
		jstr(b, &first, "title", r->title);
		jstr(b, &first, "addressee", r->addressee);
		jstr(b, &first, "status", r->status);
		jbool(b, &first, "open", r->open);
		jstr(b, &first, "decision", r->decision);
		jstr(b, &first, "owner", r->owner);
		jstr(b, &first, "due", r->due);
		jbool(b, &first, "overdue", r->overdue);
		jstr(b, &first, "response_due",
		    r->response_due[0] ? r->response_due : NULL);
		jbool(b, &first, "response_overdue", r->response_overdue);
		jbool(b, &first, "stale", r->stale);
		jint(b, &first, "slipped", r->slipped);
		jstr(b, &first, "rag", r->rag);
		jstr(b, &first, "last_update", r->last_update);
		jstr(b, &first, "text", r->text);
	} else {
		buf_printf(b, "%s  (ID %lld)\n", r->handle, r->id);
		if (r->title != NULL)
			buf_printf(b, "%s\n", r->title);
		buf_addc(b, '\n');
		buf_printf(b, "%-12s %s (%s)\n", "Committee", r->cname,
		    r->authority);
		buf_printf(b, "%-12s %s [%s]\n", "Review", r->review_title,
		    r->stage ? r->stage : "draft");
		buf_printf(b, "%-12s %s%s\n", "Status", r->status,
		    r->open ? "" : " (closed)");
		buf_printf(b, "%-12s %s%s%s%s\n", "RAG", r->rag,
		    r->overdue ? ", overdue" : "",
		    r->response_overdue ? ", response overdue" : "",
		    r->stale ? ", stale" : "");
		field(b, "Addressee", r->addressee);
		field(b, "Owner", r->owner);
		if (r->due != NULL && wrap_width > 0)
			/* a hint for a person at a terminal */
			buf_printf(b, "%-12s %s (%s)\n", "Due", r->due,
			    relative(r->due, s->ctx->today));
		else
			field(b, "Due", r->due);
		if (r->slipped > 0)
			buf_printf(b, "%-12s %d time%s\n", "Slipped",
			    r->slipped, r->slipped == 1 ? "" : "s");
		if (r->response_due[0])
			buf_printf(b, "%-12s %s%s\n", "Response due",
			    r->response_due, r->has_response ? " (received)" :
			    r->response_overdue ? " (overdue)" : "");
		field(b, "Last update", r->last_update);
		buf_adds(b, "\nThe recommendation\n");
		indent(b, r->text, "  ");
		late_items(s, r);
	}
	show_findings(s, r->id, &first);
	show_evidence(s, r->id, &first);
	show_response(s, r->id, &first);
	show_corrections(s, r->id, &first);
	show_updates(s, r->id, &first);
	show_meetings(s, r->review_row, &first);
	if (s->fmt == FMT_JSON)
		buf_adds(b, "}\n");
	else
		buf_printf(b, "\nWhat is late\n%s", s->late.len ? s->late.s :
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
	rc = recview_each(ctx->db, &f, ctx->today, show_one, &s);
	buf_release(&s.late);
	if (rc < 0) {
		buf_release(&s.out);
		return RT_FAIL;
	}
	if (s.fmt == FMT_TEXT) {
		struct buf clean = BUF_INIT;

		text_clean(&clean, s.out.s, "");
		fputs(clean.s, stdout);
		buf_release(&clean);
	} else {
		fputs(s.out.s, stdout);
	}
	buf_release(&s.out);
	if (!s.found) {
		error("recommendation %lld belongs to no review held "
		    "('rectrack verify' checks the database)", f.rec);
		return RT_FAIL;
	}
	return RT_OK;
}
