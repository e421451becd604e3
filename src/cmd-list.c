#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "date.h"
#include "diag.h"
#include "output.h"
#include "vocab.h"
#include "xmalloc.h"

struct list_opts {
	struct filter_opts fo;
	enum out_format fmt;
	int sort;
	size_t limit;
};

static const char *const sort_words[] = {
	"review", "id", "due", "status", "rag", "updated", NULL,
};

static const struct opt list_options[] = {
	FILTER_OPTIONS(struct list_opts, fo),
	OPTION_GROUP("Output:", NULL),
	OPTION_FORMAT('f', struct list_opts, fmt, "F", cmd_list_formats,
	    "table (default), csv, json, markdown"),
	{ .kind = OPT_WORD, .name = "sort", .off = offsetof(struct list_opts,
	    sort), .arg = "KEY", .values = sort_words, .what = "sort key",
	    .help = "review (default: by committee id, review id, then\n"
	    "each review's recommendations in their order), id,\n"
	    "due (soonest first), status (in the order of the\n"
	    "usual path), rag (red, amber, green, blue, grey),\n"
	    "updated (latest first)" },
	OPTION_COUNT(0, "limit", struct list_opts, limit,
	    "at most N rows (0: no limit)"),
	OPTION_END,
};

static const struct list_opts list_defaults = {
	.fmt = FMT_TABLE, .limit = (size_t)-1,
};

static int
list_check(const struct cmd *c, void *opts, int argc, char **argv)
{
	struct list_opts *o = opts;

	(void)argc;
	(void)argv;
	if (o->fo.f.open && o->fo.f.closed)
		return cmd_usage_error(c, "--open and --closed together match "
		    "nothing; give one");
	return RT_OK;
}

static int cmd_list(struct ctx *ctx, void *opts, int argc, char **argv);

const struct cmd cmd_list_entry = {
	.name = "list",
	.group = G_FIND,
	.summary = "List recommendations, one row each, with derived status.",
	.examples =
	"Examples:\n"
	"  rectrack list --committee \"children's services\" --open\n"
	"  rectrack list --review islington-2024-childrens-workforce "
	"--format csv\n"
	"  rectrack list --format json | jq '.[] | select(.rag == \"red\")'\n",
	.opts = list_options,
	.optsize = sizeof(struct list_opts),
	.defaults = &list_defaults,
	.flags = CMD_DB_READ,
	.check = list_check,
	.exec = cmd_list,
};

enum {
	COL_ID, COL_HANDLE, COL_COMMITTEE, COL_REVIEW, COL_REF, COL_TITLE,
	COL_ADDRESSEE, COL_STATUS, COL_DECISION, COL_OWNER, COL_DUE,
	COL_OVERDUE, COL_RESPONSE_DUE, COL_RESPONSE_OVERDUE, COL_STALE,
	COL_SLIPPED, COL_RAG, COL_LAST_UPDATE, COL_RAG_REASON, COL_STATED_RAG,
	COL_SIGNED_OFF, COL_YEAR, COL_TEXT, NCOLS,
};

static const struct out_col cols[NCOLS] = {
	[COL_ID] = { "id", "ID", CELL_INT, OUT_BRIEF },
	[COL_HANDLE] = { "handle", "HANDLE", CELL_STR, OUT_BRIEF },
	[COL_COMMITTEE] = { "committee", "COMMITTEE", CELL_STR, 0 },
	[COL_REVIEW] = { "review", "REVIEW", CELL_STR, 0 },
	[COL_REF] = { "ref", "REF", CELL_STR, 0 },
	[COL_TITLE] = { "title", "TITLE", CELL_STR, 0 },
	[COL_ADDRESSEE] = { "addressee", "ADDRESSEE", CELL_STR, 0 },
	[COL_STATUS] = { "status", "STATUS", CELL_STR, OUT_BRIEF },
	[COL_DECISION] = { "decision", "DECISION", CELL_STR, 0 },
	[COL_OWNER] = { "owner", "OWNER", CELL_STR, 0 },
	[COL_DUE] = { "due", "DUE", CELL_STR, OUT_BRIEF },
	[COL_OVERDUE] = { "overdue", "OVERDUE", CELL_BOOL, 0 },
	[COL_RESPONSE_DUE] = { "response_due", "RESPONSE DUE", CELL_STR, 0 },
	[COL_RESPONSE_OVERDUE] = { "response_overdue", "RESPONSE OVERDUE",
	    CELL_BOOL, 0 },
	[COL_STALE] = { "stale", "STALE", CELL_BOOL, 0 },
	[COL_SLIPPED] = { "slipped", "SLIPPED", CELL_INT, 0 },
	[COL_RAG] = { "rag", "RAG", CELL_STR, OUT_BRIEF },
	[COL_LAST_UPDATE] = { "last_update", "LAST UPDATE", CELL_STR, 0 },
	[COL_RAG_REASON] = { "rag_reason", "WHY", CELL_STR, OUT_BRIEF },
	[COL_STATED_RAG] = { "stated_rag", "STATED RAG", CELL_STR, 0 },
	[COL_SIGNED_OFF] = { "signed_off", "SIGNED OFF", CELL_STR, 0 },
	[COL_YEAR] = { "year", "YEAR", CELL_STR, 0 },
	[COL_TEXT] = { "text", "TEXT", CELL_STR, OUT_BRIEF | OUT_WIDE },
};

enum sort_key { SORT_NONE, SORT_ID, SORT_DUE, SORT_STATUS, SORT_RAG,
    SORT_UPDATED };

/* A row kept for sorting: the cells own their strings. */
struct row {
	struct cell c[NCOLS];
	char *reason;		/* the table's WHY: rag_reason, or NULL */
	size_t seq;
	int rag_rank, status_rank;
};

struct rows {
	struct row *v;
	size_t n, cap;
	size_t want;		/* stop at this many (0: all) */
};

/*
 * The table's columns: a recommendation's title (else its text) is the
 * long column, the owner is shown where the terminal has room, and why
 * the RAG is not green goes beside it, or under the title.
 */
enum {
	T_ID, T_HANDLE, T_STATUS, T_DUE, T_RAG, T_REASON, T_OWNER, T_TITLE,
	T_NCOLS,
};

static const struct out_col tcols[T_NCOLS] = {
	[T_ID] = { "id", "ID", CELL_INT, OUT_BRIEF },
	[T_HANDLE] = { "handle", "HANDLE", CELL_STR, OUT_BRIEF },
	[T_STATUS] = { "status", "STATUS", CELL_STR, OUT_BRIEF },
	[T_DUE] = { "due", "DUE", CELL_STR, OUT_BRIEF },
	[T_RAG] = { "rag", "RAG", CELL_STR, OUT_BRIEF },
	[T_REASON] = { "rag_reason", "WHY", CELL_STR, OUT_BRIEF | OUT_UNDER },
	[T_OWNER] = { "owner", "OWNER", CELL_STR, OUT_BRIEF | OUT_DROP },
	[T_TITLE] = { "title", "TITLE", CELL_STR, OUT_BRIEF | OUT_WIDE },
};

/* A table row from a row of every column. */
static void
table_row(struct out *o, const struct row *w)
{
	const struct cell *c = w->c;
	struct cell t[T_NCOLS];

	t[T_ID] = c[COL_ID];
	t[T_HANDLE] = c[COL_HANDLE];
	t[T_STATUS] = c[COL_STATUS];
	t[T_DUE] = c[COL_DUE];
	t[T_RAG] = c[COL_RAG];
	memset(&t[T_REASON], 0, sizeof t[T_REASON]);
	t[T_REASON].s = w->reason;
	t[T_REASON].color = c[COL_RAG].color;
	t[T_OWNER] = c[COL_OWNER];
	t[T_TITLE] = c[COL_TITLE].s != NULL ? c[COL_TITLE] : c[COL_TEXT];
	out_row(o, t);
}

static int
collect(const struct recview *r, void *arg)
{
	struct rows *rows = arg;
	struct row *w;
	struct cell *c;

	/* in the lists' order, the --limit'th is the last wanted */
	if (rows->want != 0 && rows->n == rows->want)
		return 1;
	rows->v = xgrow(rows->v, &rows->cap, rows->n + 1, sizeof *rows->v);
	w = &rows->v[rows->n];
	memset(w, 0, sizeof *w);
	w->seq = rows->n++;
	c = w->c;
	w->reason = *r->rag_reason ? xstrdup(r->rag_reason) : NULL;
	c[COL_ID].i = r->id;
	c[COL_HANDLE].s = xstrdup(r->handle);
	c[COL_COMMITTEE].s = xstrdup(r->cid);
	c[COL_REVIEW].s = xstrdup(r->rid);
	c[COL_REF].s = xstrdup(r->ref);
	c[COL_TITLE].s = xstrdup_or_null(r->title);
	c[COL_ADDRESSEE].s = xstrdup_or_null(r->addressee);
	c[COL_STATUS].s = xstrdup(r->status);
	c[COL_STATUS].color = status_color(r->status);
	c[COL_DECISION].s = xstrdup_or_null(r->decision);
	c[COL_OWNER].s = xstrdup_or_null(r->owner);
	c[COL_DUE].s = xstrdup_or_null(r->due);
	c[COL_OVERDUE].i = r->overdue;
	c[COL_RESPONSE_DUE].s = r->response_due[0] ?
	    xstrdup(r->response_due) : NULL;
	c[COL_RESPONSE_OVERDUE].i = r->response_overdue;
	c[COL_STALE].i = r->stale;
	c[COL_SLIPPED].i = r->slipped;
	c[COL_RAG].s = xstrdup(r->rag);
	c[COL_RAG].color = rag_color(c[COL_RAG].s);
	c[COL_LAST_UPDATE].s = xstrdup_or_null(r->last_update);
	c[COL_RAG_REASON].s = xstrdup(r->rag_reason);
	c[COL_STATED_RAG].s = xstrdup_or_null(r->stated_rag);
	c[COL_SIGNED_OFF].s = xstrdup_or_null(r->signed_off);
	c[COL_YEAR].s = xstrdup_or_null(r->year);
	c[COL_TEXT].s = xstrdup(r->text);
	w->rag_rank = rag_rank(r->rag);
	w->status_rank = vocab_find(vocab_status, r->status);
	return 0;
}

static enum sort_key sort_by;

/* NULL dates sort last. */
static int
cmp_date(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return (a == NULL) - (b == NULL);
	/* by the day each means (a month, its last), then as written */
	return due_cmp(a, b) != 0 ? due_cmp(a, b) : strcmp(a, b);
}

static int
cmp_rows(const void *pa, const void *pb)
{
	const struct row *a = pa, *b = pb;
	int d = 0;

	switch (sort_by) {
	case SORT_DUE:
		d = cmp_date(a->c[COL_DUE].s, b->c[COL_DUE].s);
		break;
	case SORT_STATUS:
		d = a->status_rank - b->status_rank;
		break;
	case SORT_RAG:
		d = a->rag_rank - b->rag_rank;
		break;
	case SORT_UPDATED:
		/* most recently updated first, never-updated last */
		d = cmp_date(b->c[COL_LAST_UPDATE].s, a->c[COL_LAST_UPDATE].s);
		if (a->c[COL_LAST_UPDATE].s == NULL ||
		    b->c[COL_LAST_UPDATE].s == NULL)
			d = -d;
		break;
	case SORT_ID:
		d = a->c[COL_ID].i < b->c[COL_ID].i ? -1 :
		    a->c[COL_ID].i > b->c[COL_ID].i;
		break;
	case SORT_NONE:
		break;
	}
	if (d == 0)
		d = a->seq < b->seq ? -1 : a->seq > b->seq;
	return d;
}

static int
cmd_list(struct ctx *ctx, void *opts, int argc, char **argv)
{
	struct list_opts *lo = opts;
	struct filter f;
	struct rows rows = { NULL, 0, 0, 0 };
	enum out_format fmt = lo->fmt;
	struct out *o;
	size_t i, j, limit = lo->limit;
	int rc;

	(void)argc;
	(void)argv;
	if (filter_resolve(ctx, &lo->fo) != RT_OK)
		return RT_FAIL;
	f = lo->fo.f;
	sort_by = (enum sort_key)lo->sort;
	if (sort_by == SORT_NONE && limit != (size_t)-1 && limit != 0)
		f.want = rows.want = limit;
	if (recview_each(ctx->db, &f, ctx->today, collect, &rows) < 0)
		rc = RT_FAIL;
	else
		rc = RT_OK;
	if (rc == RT_OK) {
		/* unsorted, they come in the lists' order */
		if (rows.n > 1 && sort_by != SORT_NONE)
			qsort(rows.v, rows.n, sizeof *rows.v, cmp_rows);
		o = fmt == FMT_TABLE ? out_begin(fmt, stdout, tcols, T_NCOLS,
		    term_width(STDOUT_FILENO)) : out_begin(fmt, stdout, cols,
		    NCOLS, 0);
		out_none(o, "no recommendations match");
		for (i = 0; i < rows.n && i < limit; i++)
			if (fmt == FMT_TABLE)
				table_row(o, &rows.v[i]);
			else
				out_row(o, rows.v[i].c);
		out_end(o);
	}
	for (i = 0; i < rows.n; i++) {
		for (j = 0; j < NCOLS; j++)
			free((char *)rows.v[i].c[j].s);
		free(rows.v[i].reason);
	}
	free(rows.v);
	return rc;
}
