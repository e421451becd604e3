#include <errno.h>
#include <stdarg.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "arena.h"
#include "atomic.h"
#include "buf.h"
#include "cmd.h"
#include "date.h"
#include "diag.h"
#include "escape.h"
#include "output.h"
#include "schema.h"
#include "vocab.h"
#include "xmalloc.h"

struct chase_opts {
	struct filter_opts fo;
	const char *before;
	enum out_format fmt;
	const char *forms;
};

static const char *const chase_formats[] = {
	"text", "markdown", "csv", "json", NULL,
};

static const struct opt chase_options[] = {
	FILTER_OPTIONS(struct chase_opts, fo),
	OPTION_GROUP("Chase:", NULL),
	OPTION_DATE(0, "before", struct chase_opts, before,
	    "what must be acted on by DATE (default: today):\n"
	    "a target or due date on or before it"),
	OPTION_FORMAT('f', struct chase_opts, fmt, "F", chase_formats,
	    "text (default: grouped by owner, in 80 columns),\n"
	    "markdown, csv (for a spreadsheet), json"),
	{ .kind = OPT_STRING, .name = "forms", .off =
	    offsetof(struct chase_opts, forms), .arg = "DIR",
	    .help = "also write a return form per owner, DIR/OWNER.csv,\n"
	    "to fill in and read back with 'rectrack returns'",
	    .complete = COMP_DIR },
	OPTION_END,
};

static const struct chase_opts chase_defaults = { .fmt = FMT_TEXT };

static int chase_check(const struct cmd *c, void *opts, int argc,
    char **argv);
static int cmd_chase(struct ctx *ctx, void *opts, int argc, char **argv);

const struct cmd cmd_chase_entry = {
	.name = "chase",
	.group = G_TRACK,
	.summary = "What each owner must act on: the list to send out.",
	.help =
	"For each owner (a recommendation's lead officer, an action's owner;\n"
	"\"no owner\" collects the rest): the open recommendations overdue or\n"
	"due by the date, stale, awaiting a response, or with no target date;\n"
	"and the open actions overdue, due by the date or with no due date,\n"
	"with how long they have been open. Each with its reasons in words.\n",
	.examples =
	"Examples:\n"
	"  rectrack chase --before 2026-12-31\n"
	"  rectrack chase --committee \"children's services\" --format csv\n"
	"  rectrack chase --forms forms/    # then: rectrack returns forms/*.csv\n",
	.opts = chase_options,
	.optsize = sizeof(struct chase_opts),
	.defaults = &chase_defaults,
	.flags = CMD_DB_READ,
	.check = chase_check,
	.exec = cmd_chase,
};

static int
chase_check(const struct cmd *c, void *opts, int argc, char **argv)
{
	struct chase_opts *o = opts;

	(void)argc;
	(void)argv;
	if (o->fo.f.closed || o->fo.f.awaiting_signoff)
		return cmd_usage_error(c, "chase lists open recommendations "
		    "only: --%s matches nothing", o->fo.f.closed ? "closed" :
		    "awaiting-signoff");
	if (o->forms != NULL && *o->forms == '\0')
		return cmd_usage_error(c, "give --forms a directory, not an "
		    "empty name");
	return RT_OK;
}

enum item_kind { K_REC, K_ACTION };

/* The strings of an item, in its items' arena; NULL is unknown or
 * none. */
enum {
	F_OWNER, F_DATE, F_HANDLE, F_COMMITTEE, F_REVIEW, F_REF, F_TITLE,
	F_TEXT, F_STATUS, F_DUE, F_RESPONSE_DUE, F_RAG, F_LAST_UPDATE,
	F_LAST_NOTE, F_AID, F_SOURCE, F_SINCE, NF,
};

struct item {
	enum item_kind kind;
	char *f[NF];
	long long number;	/* an action's; a recommendation's row id */
	long age;		/* days open, -1 unknown */
	long day;		/* due_days() of f[F_DATE], for the sort */
	char **reasons;
	size_t nreasons, cap;
	size_t seq;
};

struct items {
	struct item *v;
	size_t n, cap;
	struct arena mem;	/* the items' strings */
	const char *today, *before;
	struct db *db;
	const struct filter *f;
};

static struct item *
item_new(struct items *its, enum item_kind kind)
{
	struct item *it;

	its->v = xgrow(its->v, &its->cap, its->n + 1, sizeof *its->v);
	it = &its->v[its->n];
	memset(it, 0, sizeof *it);
	it->kind = kind;
	it->age = -1;
	it->seq = its->n++;
	return it;
}

/* a copy of s (NULL for NULL) that lives as long as its */
static char *
keep(struct items *its, const char *s)
{
	return arena_strdup(&its->mem, s);
}

static void __attribute__((format(printf, 3, 4)))
item_reason(struct items *its, struct item *it, const char *fmt, ...)
{
	struct buf b = BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	it->reasons = xgrow(it->reasons, &it->cap, it->nreasons + 1,
	    sizeof *it->reasons);
	it->reasons[it->nreasons++] = keep(its, b.s);
	buf_release(&b);
}

/* "target date D" (what) on or before the chase's date, not passed. */
static void
due_by_reason(struct item *it, const char *what, const char *due,
    struct items *its)
{
	if (due_cmp(due, its->today) == 0)
		/* a month (format.md) ends today */
		item_reason(its, it, "%s %s %s today", what, due,
		    date_valid(due) ? "is" : "ends");
	else
		item_reason(its, it, "%s %s is on or before %s", what, due,
		    its->before);
}

static int
due_by(const char *due, const char *before)
{
	return due_valid(due) && due_cmp(due, before) <= 0;
}

/* The kinds of recview's reasons that put a recommendation on the list. */
#define CHASE_WHY (WHY_OVERDUE | WHY_RESPONSE_OVERDUE | WHY_AWAITING | \
	WHY_AWAITING_UNSTATED | WHY_NO_TARGET | WHY_STALE)

static size_t
bits(unsigned v)
{
	size_t n = 0;

	for (; v; v &= v - 1)
		n++;
	return n;
}

/*
 * The reasons of r as recview words them (rag_reason: one per WHY_ kind
 * of rag_why, in the order of their bits, joined with "; "), with "due by
 * the chase's date" in the place of "within 30 days" where it applies.
 * Its words for a response awaited from an unstated date hold a "; "
 * themselves; should the pieces not add up otherwise, the text is kept
 * whole rather than split wrongly.
 */
static void
rec_reasons(struct item *it, const struct recview *r, int soon,
    struct items *its)
{
	const char *s = r->rag_reason, *e;
	unsigned kinds = r->rag_why, k;
	size_t n = 1, parts, p;

	for (e = s; (e = strstr(e, "; ")) != NULL; e += 2)
		n++;
	if (*s == '\0' || n != bits(kinds) + !!(kinds &
	    WHY_AWAITING_UNSTATED)) {
		if (*s != '\0')
			item_reason(its, it, "%s", s);
		if (soon)
			due_by_reason(it, "target date", r->due, its);
		return;
	}
	for (k = 1; *s != '\0'; k <<= 1) {
		if (!(kinds & k))
			continue;
		if (soon && k > WHY_DUE_SOON) {
			due_by_reason(it, "target date", r->due, its);
			soon = 0;
		}
		parts = k == WHY_AWAITING_UNSTATED ? 2 : 1;
		for (e = s, p = 0; e != NULL && p < parts; p++)
			if ((e = strstr(e, "; ")) != NULL && p + 1 < parts)
				e += 2;
		if (k != WHY_DUE_SOON || !soon)
			item_reason(its, it, "%.*s", (int)(e != NULL ?
			    (size_t)(e - s) : strlen(s)), s);
		s = e != NULL ? e + 2 : s + strlen(s);
	}
	if (soon)
		due_by_reason(it, "target date", r->due, its);
}

static int
collect_rec(const struct recview *r, void *arg)
{
	struct items *its = arg;
	struct item *it;
	int soon;

	if (!r->open)
		return 0;
	soon = !r->overdue && due_by(r->due, its->before);
	if (!(r->rag_why & CHASE_WHY) && !soon)
		return 0;
	it = item_new(its, K_REC);
	it->number = r->id;
	it->f[F_OWNER] = keep(its, r->owner);
	it->f[F_HANDLE] = keep(its, r->handle);
	it->f[F_COMMITTEE] = keep(its, r->cid);
	it->f[F_REVIEW] = keep(its, r->rid);
	it->f[F_REF] = keep(its, r->ref);
	it->f[F_TITLE] = keep(its, r->title);
	it->f[F_TEXT] = keep(its, r->text);
	it->f[F_STATUS] = keep(its, r->status);
	it->f[F_DUE] = keep(its, r->due);
	it->f[F_RESPONSE_DUE] = r->response_due[0] ?
	    keep(its, r->response_due) : NULL;
	it->f[F_RAG] = keep(its, r->rag);
	it->f[F_LAST_UPDATE] = keep(its, r->last_update);
	it->f[F_LAST_NOTE] = r->last_update != NULL ?
	    keep(its, r->last_note) : NULL;
	/* the date it is owed by: its target date, else its response's */
	it->f[F_DATE] = r->due != NULL ? it->f[F_DUE] : r->response_pending ||
	    r->awaiting ? it->f[F_RESPONSE_DUE] : NULL;
	rec_reasons(it, r, soon, its);
	return 0;
}

/* Whole calendar months from a to b (a <= b, both valid). */
static long
months_between(const char *a, const char *b)
{
	long m = (atol(b) - atol(a)) * 12 + (atol(b + 5) - atol(a + 5));

	if (m > 0 && strcmp(b + 8, a + 8) < 0)
		m--;
	return m;
}

/* "open 12 days" under 60 days, else in whole months. */
static void
age_reason(struct items *its, struct item *it, const char *since,
    const char *what)
{
	long m;

	if (since == NULL || !date_valid(since) ||
	    strcmp(since, its->today) > 0)
		return;
	it->age = date_days(its->today) - date_days(since);
	it->f[F_SINCE] = keep(its, since);
	if (it->age < 60) {
		item_reason(its, it, "open %ld day%s, since the %s of %s",
		    it->age, it->age == 1 ? "" : "s", what, since);
		return;
	}
	m = months_between(since, its->today);
	item_reason(its, it, "open %ld month%s, since the %s of %s", m,
	    m == 1 ? "" : "s", what, since);
}

/*
 * The filters that say something about a recommendation choose the
 * response actions of the recommendations they choose; a meeting action
 * has none, and is left out by them. --owner is the action's own owner,
 * --overdue its own due date.
 */
static int
action_passes(const struct items *its, sqlite3_stmt *st, const char *owner,
    int overdue)
{
	const struct filter *f = its->f;
	struct filter rf;
	const char *year = db_col(st, 12);

	if (!text_contains(owner, f->owner) ||
	    !text_contains(db_col(st, 11), f->authority) ||
	    (f->overdue && !overdue) ||
	    (f->year != NULL && (year == NULL || strcmp(year, f->year) != 0)))
		return 0;
	if (!(f->statuses || f->response_overdue || f->stale ||
	    f->addressee != NULL || f->due_before != NULL ||
	    f->updated_since != NULL))
		return 1;
	if (sqlite3_column_type(st, 10) == SQLITE_NULL)
		return 0;
	rf = *f;
	rf.owner = NULL;
	rf.overdue = 0;
	return recview_passes(its->db, &rf, its->today,
	    sqlite3_column_int64(st, 10));
}

static int
collect_actions(struct items *its)
{
	const struct filter *f = its->f;
	sqlite3_stmt *st = db_stmt(its->db, f->committee || f->review ?
	    ST_CHASE_ACTIONS_OF : ST_CHASE_ACTIONS);
	int rc;

	if (f->committee)
		sqlite3_bind_int64(st, 1, f->committee);
	if (f->review)
		sqlite3_bind_int64(st, 2, f->review);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *due = db_col(st, 6), *status = stored_text(st, 7);
		const char *owner = db_col(st, 5), *source = db_col(st, 3);
		int overdue = action_overdue(status, due, its->today);
		int soon = !overdue && due_by(due, its->before);
		struct item *it;

		if ((due != NULL && !overdue && !soon) ||
		    !action_passes(its, st, owner, overdue))
			continue;
		it = item_new(its, K_ACTION);
		it->number = sqlite3_column_int64(st, 0);
		it->f[F_OWNER] = keep(its, owner);
		it->f[F_COMMITTEE] = keep(its, stored_text(st, 1));
		it->f[F_REVIEW] = keep(its, db_col(st, 2));
		it->f[F_SOURCE] = keep(its, source != NULL ? source : "");
		it->f[F_AID] = keep(its, stored_text(st, 4));
		it->f[F_DUE] = keep(its, due);
		it->f[F_DATE] = it->f[F_DUE];
		it->f[F_STATUS] = keep(its, status);
		it->f[F_TEXT] = keep(its, stored_text(st, 8));
		if (overdue)
			item_reason(its, it, "due date %s passed", due);
		else if (soon)
			due_by_reason(it, "due date", due, its);
		else
			item_reason(its, it, "%s", due != NULL ? "the due "
			    "date is not a date" : "no due date set");
		age_reason(its, it, db_col(st, 9), sqlite3_column_type(st,
		    10) == SQLITE_NULL ? "meeting" : "response");
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return db_error(its->db, "query failed");
	return 0;
}

/* Owners by name (any case first, then exactly), no owner last; an
 * owner's items by date, undated last, recommendations before actions,
 * then recommendations in list's order (committee, review, row id) and
 * actions in the log's (committee, number): both are read in any
 * order. */
static int
cmp_items(const void *pa, const void *pb)
{
	const struct item *a = pa, *b = pb;
	const char *oa = a->f[F_OWNER], *ob = b->f[F_OWNER];
	const char *da = a->f[F_DATE], *db = b->f[F_DATE];
	int d;

	if (oa == NULL || ob == NULL)
		d = (oa == NULL) - (ob == NULL);
	else if ((d = strcasecmp(oa, ob)) == 0)
		d = strcmp(oa, ob);
	if (d != 0)
		return d;
	if (da == NULL || db == NULL)
		d = (da == NULL) - (db == NULL);
	else if ((d = (a->day > b->day) - (a->day < b->day)) == 0)
		d = strcmp(da, db);
	if (d == 0)
		d = (int)a->kind - (int)b->kind;
	if (d == 0)
		d = strcmp(a->f[F_COMMITTEE], b->f[F_COMMITTEE]);
	if (d == 0 && a->kind == K_REC)
		d = strcmp(a->f[F_REVIEW], b->f[F_REVIEW]);
	if (d == 0)
		d = (a->number > b->number) - (a->number < b->number);
	if (d == 0)
		d = a->seq < b->seq ? -1 : a->seq > b->seq;
	return d;
}

static int
same_owner(const struct item *a, const struct item *b)
{
	const char *oa = a->f[F_OWNER], *ob = b->f[F_OWNER];

	return oa == NULL || ob == NULL ? oa == ob : strcmp(oa, ob) == 0;
}

/* An owner's run of items: [from, to). */
struct group {
	const struct item *v;
	size_t n, nrecs;
	const char *owner;
};

static size_t
group_at(const struct items *its, size_t from, struct group *g)
{
	size_t i;

	g->v = &its->v[from];
	g->owner = its->v[from].f[F_OWNER];
	g->nrecs = 0;
	for (i = from; i < its->n && same_owner(&its->v[i], &its->v[from]);
	    i++)
		g->nrecs += its->v[i].kind == K_REC;
	g->n = i - from;
	return i;
}

/* "3 recommendations, 1 action" */
static void
counts(struct buf *b, size_t nrecs, size_t nactions)
{
	if (nrecs > 0)
		buf_printf(b, "%zu recommendation%s", nrecs, nrecs == 1 ? "" :
		    "s");
	if (nrecs > 0 && nactions > 0)
		buf_adds(b, ", ");
	if (nactions > 0)
		buf_printf(b, "%zu action%s", nactions, nactions == 1 ? "" :
		    "s");
}

/* An item's name: its handle, or "action N". */
static void
item_name(struct buf *b, const struct item *it)
{
	if (it->kind == K_REC)
		buf_adds(b, it->f[F_HANDLE]);
	else
		buf_printf(b, "action %lld", it->number);
}

/* What it is about: a recommendation's title, else its text. */
static const char *
item_what(const struct item *it)
{
	return it->f[F_TITLE] != NULL ? it->f[F_TITLE] : it->f[F_TEXT];
}

/* s cleaned, on one line (newlines as spaces), appended to b. */
static void
one_line(struct buf *b, const char *s)
{
	size_t from = b->len, i;

	text_clean(b, s, "");
	for (i = from; i < b->len; i++)
		if (b->s[i] == '\n' || b->s[i] == '\t')
			b->s[i] = ' ';
}

static void
wrap_line(struct buf *out, const char *s, size_t width, size_t first,
    size_t indent)
{
	struct buf t = BUF_INIT;

	one_line(&t, s);
	out_wrap(out, t.s, width, first, indent);
	buf_release(&t);
}

/*
 * Output is made in a buf and written out every SPILL bytes (and at the
 * end, by spill_all()), not held whole: at a million recommendations an
 * owner's list is megabytes, every page of which is a page fault.
 */
#define SPILL 65536

static void
spill(struct buf *b)
{
	if (b->len >= SPILL) {
		fwrite(b->s, 1, b->len, stdout);
		buf_reset(b);
	}
}

static void
spill_all(struct buf *b)
{
	fwrite(b->s, 1, b->len, stdout);
	buf_release(b);
}

static void
print_text(const struct items *its, size_t width)
{
	struct buf b = BUF_INIT, t = BUF_INIT;
	struct group g;
	size_t i, j, r, nowners = 0, nrecs = 0;

	for (i = 0; i < its->n; i = group_at(its, i, &g), nowners++)
		;
	for (i = 0; i < its->n; i++)
		nrecs += its->v[i].kind == K_REC;
	buf_printf(&t, "Owed by %s: ", its->before);
	counts(&t, nrecs, its->n - nrecs);
	buf_printf(&t, ", for %zu owner%s.", nowners, nowners == 1 ? "" : "s");
	wrap_line(&b, t.s, width, 0, 0);
	for (i = 0; i < its->n; i = j) {
		j = group_at(its, i, &g);
		buf_reset(&t);
		if (g.owner != NULL)
			buf_adds(&t, g.owner);
		else
			buf_adds(&t, "No owner");
		buf_adds(&t, ": ");
		counts(&t, g.nrecs, g.n - g.nrecs);
		buf_addc(&b, '\n');
		wrap_line(&b, t.s, width, 0, 2);
		for (r = 0; r < g.n; r++) {
			const struct item *it = &g.v[r];
			size_t k;

			buf_reset(&t);
			item_name(&t, it);
			buf_printf(&t, "  %s", it->f[F_STATUS]);
			if (it->f[F_DUE] != NULL)
				buf_printf(&t, ", due %s", it->f[F_DUE]);
			if (it->kind == K_ACTION)
				buf_printf(&t, " (%s)", it->f[F_SOURCE]);
			wrap_line(&b, t.s, width, 2, 6);
			wrap_line(&b, item_what(it), width, 4, 4);
			for (k = 0; k < it->nreasons; k++) {
				buf_reset(&t);
				buf_printf(&t, "- %s", it->reasons[k]);
				wrap_line(&b, t.s, width, 4, 6);
			}
			spill(&b);
		}
	}
	spill_all(&b);
	buf_release(&t);
}

/* The reasons joined with "; ". */
static void
reasons_joined(struct buf *b, const struct item *it)
{
	size_t k;

	for (k = 0; k < it->nreasons; k++) {
		if (k > 0)
			buf_adds(b, "; ");
		buf_adds(b, it->reasons[k]);
	}
}

/* A Markdown table cell: s cleaned, then escaped; a NULL s is empty. */
static void
md_cell(struct buf *b, const char *s)
{
	struct buf t = BUF_INIT;

	if (s != NULL)
		text_clean(&t, s, "");
	buf_adds(b, " ");
	esc_markdown(b, t.s);
	buf_adds(b, " |");
	buf_release(&t);
}

static void
print_markdown(const struct items *its)
{
	struct buf b = BUF_INIT, t = BUF_INIT;
	struct group g;
	size_t i, j, r;

	buf_printf(&b, "# Owed by %s\n", its->before);
	for (i = 0; i < its->n; i = j) {
		j = group_at(its, i, &g);
		buf_adds(&b, "\n## ");
		buf_reset(&t);
		one_line(&t, g.owner != NULL ? g.owner : "No owner");
		esc_markdown(&b, t.s);
		buf_adds(&b, "\n\n| Item | Status | Due | What | Why |\n"
		    "|---|---|---|---|---|\n");
		for (r = 0; r < g.n; r++) {
			const struct item *it = &g.v[r];

			buf_adds(&b, "|");
			buf_reset(&t);
			item_name(&t, it);
			if (it->kind == K_ACTION)
				buf_printf(&t, " (%s)", it->f[F_SOURCE]);
			md_cell(&b, t.s);
			md_cell(&b, it->f[F_STATUS]);
			md_cell(&b, it->f[F_DUE]);
			md_cell(&b, item_what(it));
			buf_reset(&t);
			reasons_joined(&t, it);
			md_cell(&b, t.s);
			buf_addc(&b, '\n');
			spill(&b);
		}
	}
	spill_all(&b);
	buf_release(&t);
}

/* One row of CSV cells, each cleaned and quoted, ended with CRLF. */
static void
csv_row(struct buf *b, const char *const *cells, size_t n)
{
	struct buf t = BUF_INIT;
	size_t i;

	for (i = 0; i < n; i++) {
		if (i > 0)
			buf_addc(b, ',');
		buf_reset(&t);
		if (cells[i] != NULL)
			text_clean(&t, cells[i], "");
		esc_csv(b, t.s);
	}
	buf_adds(b, "\r\n");
	buf_release(&t);
}

static const char *const csv_headings[] = {
	"Owner", "Kind", "Item", "From", "Text", "Status", "Due", "Reasons",
};
#define CSV_NCOLS (sizeof csv_headings / sizeof csv_headings[0])

/* For people, as the report's CSV: a byte-order mark, plain headings,
 * CRLF; one row per item. */
static void
print_csv(const struct items *its)
{
	struct buf b = BUF_INIT, name = BUF_INIT, why = BUF_INIT;
	const char *cells[CSV_NCOLS];
	size_t i;

	buf_adds(&b, "\xef\xbb\xbf");
	csv_row(&b, csv_headings, CSV_NCOLS);
	for (i = 0; i < its->n; i++) {
		const struct item *it = &its->v[i];

		buf_reset(&name);
		item_name(&name, it);
		buf_reset(&why);
		reasons_joined(&why, it);
		cells[0] = it->f[F_OWNER];
		cells[1] = it->kind == K_REC ? "recommendation" : "action";
		cells[2] = name.s;
		cells[3] = it->f[F_SOURCE];
		cells[4] = it->f[F_TEXT];
		cells[5] = it->f[F_STATUS];
		cells[6] = it->f[F_DUE];
		cells[7] = why.s;
		csv_row(&b, cells, CSV_NCOLS);
		spill(&b);
	}
	spill_all(&b);
	buf_release(&name);
	buf_release(&why);
}

/* "key": "value" (or null), after a comma unless first. */
static void
json_str(struct buf *b, const char *key, const char *s)
{
	buf_printf(b, ", \"%s\": ", key);
	if (s == NULL)
		buf_adds(b, "null");
	else
		esc_json(b, s);
}

static void
json_item(struct buf *b, const struct item *it)
{
	static const struct { int f; const char *key; } rec[] = {
		{ F_COMMITTEE, "committee" }, { F_REVIEW, "review" },
		{ F_REF, "ref" }, { F_TITLE, "title" }, { F_TEXT, "text" },
		{ F_STATUS, "status" }, { F_DUE, "due" },
		{ F_RESPONSE_DUE, "response_due" }, { F_RAG, "rag" },
		{ F_LAST_UPDATE, "last_update" }, { F_LAST_NOTE, "last_note" },
	}, act[] = {
		{ F_AID, "id" }, { F_COMMITTEE, "committee" },
		{ F_REVIEW, "review" }, { F_SOURCE, "source" },
		{ F_TEXT, "text" }, { F_STATUS, "status" }, { F_DUE, "due" },
		{ F_SINCE, "open_since" },
	};
	size_t i, n;

	if (it->kind == K_REC) {
		buf_adds(b, "{\"kind\": \"recommendation\"");
		json_str(b, "handle", it->f[F_HANDLE]);
		for (i = 0; i < sizeof rec / sizeof rec[0]; i++)
			json_str(b, rec[i].key, it->f[rec[i].f]);
	} else {
		buf_printf(b, "{\"kind\": \"action\", \"number\": %lld",
		    it->number);
		for (i = 0; i < sizeof act / sizeof act[0]; i++)
			json_str(b, act[i].key, it->f[act[i].f]);
		if (it->age >= 0)
			buf_printf(b, ", \"age_days\": %ld", it->age);
		else
			buf_adds(b, ", \"age_days\": null");
	}
	buf_adds(b, ", \"reasons\": [");
	for (n = 0; n < it->nreasons; n++) {
		if (n > 0)
			buf_adds(b, ", ");
		esc_json(b, it->reasons[n]);
	}
	buf_adds(b, "]}");
}

static void
print_json(const struct items *its)
{
	struct buf b = BUF_INIT;
	struct group g;
	size_t i, j, r;

	buf_adds(&b, "[");
	for (i = 0; i < its->n; i = j) {
		j = group_at(its, i, &g);
		buf_adds(&b, i > 0 ? ",\n {\"owner\": " : "\n {\"owner\": ");
		if (g.owner != NULL)
			esc_json(&b, g.owner);
		else
			buf_adds(&b, "null");
		buf_adds(&b, ", \"items\": [");
		for (r = 0; r < g.n; r++) {
			buf_adds(&b, r > 0 ? ",\n  " : "\n  ");
			json_item(&b, &g.v[r]);
			spill(&b);
		}
		buf_adds(&b, "]}");
	}
	buf_adds(&b, its->n > 0 ? "\n]\n" : "]\n");
	spill_all(&b);
}

/*
 * A return form's file name: the owner lowercased, every run of
 * characters other than a-z and 0-9 one '-', trimmed, at most 64 bytes
 * ("owner" when nothing is left); "no-owner" for no owner, which no named
 * owner takes; a name taken already gets -2, -3, ...
 */
#define SLUG_MAX 64

static char *
form_name(const char *owner, char ***used, size_t *nused, size_t *cap)
{
	struct buf s = BUF_INIT, name = BUF_INIT;
	const char *p;
	size_t i, n = 1;
	int taken;

	if (owner == NULL) {
		buf_adds(&s, "no-owner");
	} else {
		for (p = owner; *p && s.len < SLUG_MAX; p++) {
			char c = *p >= 'A' && *p <= 'Z' ? (char)(*p - 'A' +
			    'a') : *p;

			if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
				buf_addc(&s, c);
			else if (s.len > 0 && s.s[s.len - 1] != '-')
				buf_addc(&s, '-');
		}
		while (s.len > 0 && s.s[s.len - 1] == '-')
			s.s[--s.len] = '\0';
		if (s.len == 0)
			buf_adds(&s, "owner");
	}
	do {
		buf_reset(&name);
		buf_adds(&name, s.s);
		if (n > 1)
			buf_printf(&name, "-%zu", n);
		taken = owner != NULL && strcmp(name.s, "no-owner") == 0;
		for (i = 0; i < *nused && !taken; i++)
			taken = strcmp((*used)[i], name.s) == 0;
		n++;
	} while (taken);
	*used = xgrow(*used, cap, *nused + 1, sizeof **used);
	(*used)[(*nused)++] = xstrdup(name.s);
	buf_adds(&name, ".csv");
	buf_release(&s);
	return buf_detach(&name);
}

/* Row 2 of a form: how to fill it in. */
static void
form_help(struct buf *b)
{
	size_t i;

	buf_adds(b, "Fill in only the last five columns, for each "
	    "recommendation you have news of. New status: one of ");
	for (i = 0; vocab_status[i] != NULL; i++)
		buf_printf(b, "%s%s", i > 0 ? ", " : "", vocab_status[i]);
	buf_adds(b, "; blank = unchanged. Dates as YYYY-MM-DD (DD/MM/YYYY is "
	    "also accepted). A revised target date may be a month, YYYY-MM "
	    "(its last day), and needs a reason for the new date. Your RAG: one of red, amber, green, blue. A row left blank "
	    "records nothing. Keep the rows and columns as they are and save "
	    "as CSV.");
}

static const char *const form_headings[] = {
	"Handle", "Ref", "Recommendation", "Current status", "Target date",
	"Last update", "New status", "Progress note", "Revised target date",
	"Reason for new date", "Your RAG",
};
#define FORM_NCOLS (sizeof form_headings / sizeof form_headings[0])

/* The form of one owner's recommendations (docs/rectrack.1, chase). */
static void
form_text(struct buf *b, const struct group *g, const char *before)
{
	struct buf help = BUF_INIT, last = BUF_INIT;
	const char *cells[FORM_NCOLS] = { NULL };
	const char *head[4];
	size_t r;

	head[0] = "rectrack return form";
	head[1] = g->owner;
	head[2] = "as at";
	head[3] = before;
	buf_adds(b, "\xef\xbb\xbf");
	csv_row(b, head, 4);
	form_help(&help);
	cells[0] = help.s;
	csv_row(b, cells, 1);
	csv_row(b, form_headings, FORM_NCOLS);
	for (r = 0; r < g->n; r++) {
		const struct item *it = &g->v[r];

		if (it->kind != K_REC)
			continue;
		buf_reset(&last);
		if (it->f[F_LAST_UPDATE] != NULL) {
			buf_adds(&last, it->f[F_LAST_UPDATE]);
			if (it->f[F_LAST_NOTE] != NULL)
				buf_printf(&last, ": %s", it->f[F_LAST_NOTE]);
		}
		cells[0] = it->f[F_HANDLE];
		cells[1] = it->f[F_REF];
		cells[2] = it->f[F_TEXT];
		cells[3] = it->f[F_STATUS];
		cells[4] = it->f[F_DUE];
		cells[5] = last.s;
		csv_row(b, cells, FORM_NCOLS);
	}
	buf_release(&help);
	buf_release(&last);
}

/* One form per owner owed an update on a recommendation, under dir. */
static int
write_forms(struct ctx *ctx, const struct items *its, const char *dir)
{
	struct atomic_file af;
	struct group g;
	struct buf text = BUF_INIT, shown = BUF_INIT;
	char **used = NULL, *name;
	size_t i, j, nused = 0, cap = 0, files = 0;
	int dfd, rc = 0;

	if (make_dirs(dir) < 0)
		return -1;
	dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd < 0)
		return error("%s: %s", dir, strerror(errno));
	/* "forms/" names its files forms/NAME, not forms//NAME */
	buf_adds(&shown, dir);
	while (shown.len > 1 && shown.s[shown.len - 1] == '/')
		shown.s[--shown.len] = '\0';
	for (i = 0; i < its->n && rc == 0; i = j) {
		j = group_at(its, i, &g);
		if (g.nrecs == 0)
			continue;
		name = form_name(g.owner, &used, &nused, &cap);
		buf_reset(&text);
		form_text(&text, &g, its->before);
		if (atomic_openat(&af, dfd, shown.s, name, ctx->dbpath) < 0) {
			rc = -1;
		} else {
			fwrite(text.s, 1, text.len, af.fp);
			rc = atomic_close(&af, 1);
		}
		if (rc == 0) {
			files++;
			warning("wrote %s/%s (%zu recommendation%s)", shown.s,
			    name, g.nrecs, g.nrecs == 1 ? "" : "s");
		}
		free(name);
	}
	close(dfd);
	if (rc == 0 && files == 0)
		warning("no return form written: no recommendation is owed");
	for (i = 0; i < nused; i++)
		free(used[i]);
	free(used);
	buf_release(&text);
	buf_release(&shown);
	return rc;
}

static void
items_free(struct items *its)
{
	size_t i;

	for (i = 0; i < its->n; i++)
		free(its->v[i].reasons);
	free(its->v);
	arena_release(&its->mem);
}

static int
cmd_chase(struct ctx *ctx, void *opts, int argc, char **argv)
{
	struct chase_opts *co = opts;
	struct items its;
	struct filter f, rf;
	size_t width = term_width(STDOUT_FILENO), i;
	int rc = RT_FAIL;

	(void)argc;
	(void)argv;
	if (filter_resolve(ctx, &co->fo) != RT_OK)
		return RT_FAIL;
	f = co->fo.f;
	memset(&its, 0, sizeof its);
	its.today = ctx->today;
	its.before = co->before != NULL ? co->before : ctx->today;
	its.db = ctx->db;
	its.f = &f;
	/* one read transaction: the list is of one moment */
	sqlite3_exec(db_handle(ctx->db), "BEGIN", NULL, NULL, NULL);
	/* only open ones are chased: the closed never read; in any
	 * order, as cmp_items() sorts them */
	rf = f;
	rf.open = 1;
	rf.any_order = 1;
	/* the latest update's note: JSON's last_note and the return
	 * forms show it */
	rf.want_note = co->fmt == FMT_JSON || co->forms != NULL;
	if (recview_each(ctx->db, &rf, ctx->today, collect_rec, &its) < 0 ||
	    collect_actions(&its) < 0) {
		db_rollback(ctx->db);
		goto out;
	}
	db_rollback(ctx->db);
	for (i = 0; i < its.n; i++)
		its.v[i].day = its.v[i].f[F_DATE] != NULL ?
		    due_days(its.v[i].f[F_DATE]) : -1;
	if (its.n > 1)
		qsort(its.v, its.n, sizeof *its.v, cmp_items);
	if (co->forms != NULL && write_forms(ctx, &its, co->forms) < 0)
		goto out;
	rc = RT_OK;
	if (its.n == 0 && (co->fmt == FMT_TEXT || co->fmt == FMT_MARKDOWN)) {
		printf("Nothing is owed by %s.\n", its.before);
		goto out;
	}
	switch (co->fmt) {
	case FMT_MARKDOWN:
		print_markdown(&its);
		break;
	case FMT_CSV:
		print_csv(&its);
		break;
	case FMT_JSON:
		print_json(&its);
		break;
	default:
		print_text(&its, width == 0 || width > 80 ? 80 : width < 20 ?
		    20 : width);
		break;
	}
out:
	items_free(&its);
	return rc;
}
