#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "cmd.h"
#include "date.h"
#include "derived.h"
#include "diag.h"
#include "escape.h"
#include "output.h"
#include "schema.h"
#include "search.h"
#include "vocab.h"
#include "xmalloc.h"

struct overview_opts {
	struct filter_opts fo;
	enum out_format fmt;
	int by;			/* stats --by: 0 status, 1 rag */
};

static const char *const stats_by[] = { "status", "rag", NULL };

#define OVERVIEW_FORMAT OPTION_FORMAT('f', struct overview_opts, fmt, "F", \
	cmd_list_formats, "table (default), csv, json, markdown")

static const struct opt committees_options[] = {
	OVERVIEW_FORMAT,
	OPTION_END,
};

static const struct opt reviews_options[] = {
	{ .kind = OPT_STRING, .name = "committee", .off =
	    offsetof(struct overview_opts, fo.committee), .arg = "C",
	    .help = "one committee (id, or part of its id or name)",
	    .complete = COMP_COMMITTEE },
	OVERVIEW_FORMAT,
	OPTION_END,
};

static const struct opt stats_options[] = {
	FILTER_OPTIONS(struct overview_opts, fo),
	OPTION_GROUP("Options:", NULL),
	{ .kind = OPT_WORD, .name = "by", .off = offsetof(struct overview_opts,
	    by), .arg = "KEY", .values = stats_by, .what = "count",
	    .help = "status (default), or rag: by RAG, with how many\n"
	    "recommendations each reason applies to" },
	OVERVIEW_FORMAT,
	OPTION_END,
};

static const struct opt reindex_options[] = {
	OPTION_END,
};

static int cmd_committees(struct ctx *ctx, void *opts, int argc,
    char **argv);
static int cmd_reviews(struct ctx *ctx, void *opts, int argc, char **argv);
static int cmd_stats(struct ctx *ctx, void *opts, int argc, char **argv);
static int cmd_reindex(struct ctx *ctx, void *opts, int argc, char **argv);

const struct cmd cmd_committees_entry = {
	.name = "committees",
	.group = G_FIND,
	.summary = "The committees held, with counts of their recommendations.",
	.help =
	"One row per committee: its reviews and recommendations, how many are\n"
	"open, closed, overdue, and awaiting the executive's response.\n",
	.examples =
	"Example:\n"
	"  rectrack committees\n",
	.opts = committees_options,
	.optsize = sizeof(struct overview_opts),
	.flags = CMD_DB_READ,
	.exec = cmd_committees,
};

const struct cmd cmd_reviews_entry = {
	.name = "reviews",
	.group = G_FIND,
	.summary = "The reviews held, with counts of their recommendations.",
	.help =
	"One row per review: its committee, year, stage, and how many of its\n"
	"recommendations are open, closed, overdue, and awaiting a response.\n",
	.examples =
	"Example:\n"
	"  rectrack reviews --committee islington\n",
	.opts = reviews_options,
	.optsize = sizeof(struct overview_opts),
	.flags = CMD_DB_READ,
	.exec = cmd_reviews,
};

const struct cmd cmd_stats_entry = {
	.name = "stats",
	.group = G_REPORT,
	.summary = "Counts of recommendations by committee and status or RAG.",
	.help =
	"One row per committee and status that has any; on a terminal, a bar\n"
	"per row. With --by rag, one row per committee and RAG, with the\n"
	"reasons for it and how many recommendations each applies to.\n",
	.examples =
	"Examples:\n"
	"  rectrack stats --open\n"
	"  rectrack stats --by rag --committee childrens\n",
	.opts = stats_options,
	.optsize = sizeof(struct overview_opts),
	.flags = CMD_DB_READ,
	.exec = cmd_stats,
};

const struct cmd cmd_reindex_entry = {
	.name = "reindex",
	.group = G_ADMIN,
	.summary = "Rebuild the full-text index and the stored derivation.",
	.help =
	"Every write keeps the full-text index and the stored derivation the\n"
	"lists filter on in step, and 'verify' checks that they agree with\n"
	"the tables; this rebuilds both, in one transaction, should they\n"
	"ever not.\n",
	.opts = reindex_options,
	.flags = CMD_DB_WRITE,
	.exec = cmd_reindex,
};

/*
 * How the overviews count: from review_counts (HOW_COUNTS), from each
 * recommendation's stored derivation (HOW_STORED: recview_stored()), or
 * from each one's row (HOW_ROWS: recview_each(), tally_rec()).
 */
enum how { HOW_ROWS, HOW_COUNTS, HOW_STORED };

/* Counts for one committee, review, or (committee, status) pair. */
struct tally {
	char *key, *key2, *name, *title, *year, *stage;
	char *since;		/* the date the review reached its stage */
	int rank;		/* stats: key2's place among the statuses */
	long long reviews, recs, open, closed, overdue, awaiting;
	long long review_row;
	long long why[WHY_KINDS];	/* by RAG: recommendations per reason */
};

struct tallies {
	struct tally *v;
	size_t n, cap;
	int by;			/* 0 committee, 1 review, 2 status, 3 rag */
	size_t last;		/* the tally the last row went to (+1; 0:
				 * none): rows come grouped by review */
	sqlite3_stmt *all;	/* ST_CCOUNTS_ALL, stepped as seed() goes */
	int all_rc;		/* its last step's */
	struct shown *show;	/* stats: each committee's tallies shown
				 * (show_tally()) and let go as it is
				 * counted; NULL: all shown at the end */
};

/* How the tallies are shown: overview()'s output and what the rows of a
 * stats bar chart share. */
struct shown {
	struct out *o;
	int by, tty;
	size_t barmax;		/* the longest bar */
	long long max;		/* the largest count, the longest bar's */
	struct buf why;
};

static void show_tally(struct shown *s, const struct tally *x);
static void tally_texts_free(struct tally *x);

/* ?i the row id, or NULL for 0 (any). */
static void
bind_id(sqlite3_stmt *st, int i, long long id)
{
	if (id != 0)
		sqlite3_bind_int64(st, i, id);
	else
		sqlite3_bind_null(st, i);
}

static struct tally *
tally_new(struct tallies *t, const char *key, const char *key2,
    const char *name, const char *title, const char *year, const char *stage)
{
	struct tally *x;
	const char *from[] = { key, key2, name, title,
	    year != NULL ? year : "", stage != NULL ? stage : "draft" };
	char **to[sizeof from / sizeof from[0]];
	size_t len[sizeof from / sizeof from[0]], total = 0, i;
	char *p;

	t->v = xgrow(t->v, &t->cap, t->n + 1, sizeof *t->v);
	x = &t->v[t->n++];
	memset(x, 0, sizeof *x);
	/* the six texts in one block, x->key its start (stats has a tally
	 * for each status of each committee) */
	to[0] = &x->key;
	to[1] = &x->key2;
	to[2] = &x->name;
	to[3] = &x->title;
	to[4] = &x->year;
	to[5] = &x->stage;
	for (i = 0; i < sizeof from / sizeof from[0]; i++)
		total += len[i] = strlen(from[i]) + 1;
	p = xmalloc(total);
	for (i = 0; i < sizeof from / sizeof from[0]; i++) {
		*to[i] = memcpy(p, from[i], len[i]);
		p += len[i];
	}
	x->rank = t->by == 2 ? vocab_find(vocab_status, key2) : 0;
	x->review_row = -1;
	return x;
}

/* A recommendation of this status (open or not) passes the filter f,
 * which counts_fit(). */
static int
counted(const struct filter *f, const char *status, int open)
{
	int k = f->statuses ? vocab_find(vocab_status, status) : 0;

	return !(f->statuses && (k < 0 || !(f->statuses & (1u << k)))) &&
	    !(f->open && !open) && !(f->closed && open);
}

/*
 * Add the counts rows of st, whose last step returned rc, to x, or, for
 * stats (t->by 2), to its committee's tally of each status, those from
 * from on being its committee's: the statuses the filter f asks for
 * only; with keyed, only the rows whose fourth column is key (the next
 * rows are another's, left for it). Returns the last step's result.
 */
static int
add_counts(struct tallies *t, const struct filter *f, sqlite3_stmt *st,
    int rc, int keyed, long long key, struct tally *x, size_t from,
    const char *cid, const char *cname)
{
	for (; rc == SQLITE_ROW && (!keyed ||
	    sqlite3_column_int64(st, 3) == key);
	    rc = sqlite3_step(st)) {
		const char *status = stored_text(st, 0);
		int answered = sqlite3_column_int(st, 1), open;
		long long n = sqlite3_column_int64(st, 2);
		size_t i;

		open = rec_open(status);
		if (!counted(f, status, open) || n <= 0)
			continue;
		if (t->by == 2) {
			/* the last first: a status's rows come together */
			x = t->n > from &&
			    strcmp(t->v[t->n - 1].key2, status) == 0 ?
			    &t->v[t->n - 1] : NULL;
			for (i = from; x == NULL && i < t->n; i++)
				if (strcmp(t->v[i].key2, status) == 0)
					x = &t->v[i];
			if (x == NULL)
				x = tally_new(t, cid, status, cname, "", NULL,
				    NULL);
		}
		x->recs += n;
		x->open += open ? n : 0;
		x->closed += open ? 0 : n;
		x->awaiting += rec_response_pending(open, answered) &&
		    strcmp(status, "draft") != 0 ? n : 0;
	}
	return rc;
}

/* Statement st bound to committee ?1, f's review ?2 (or any) and the
 * date ?3, if date is a date (else NULL: no overdue). */
static sqlite3_stmt *
bind_committee(sqlite3_stmt *st, long long committee,
    const struct filter *f, const char *date)
{
	sqlite3_bind_int64(st, 1, committee);
	bind_id(st, 2, f->review);
	if (date != NULL && date_valid(date))
		db_bind_text(st, 3, date);
	else
		sqlite3_bind_null(st, 3);
	return st;
}

/*
 * Add committee committee's counts (committee_counts; f's review alone,
 * if it names one, from review_counts), and for committees its overdue
 * through derived_overdue, to x, or, for stats (t->by 2), to its
 * tallies (add_counts()). 0, or -1 after reporting.
 */
static int
count_committee(struct ctx *ctx, struct tallies *t, const struct filter *f,
    long long committee, struct tally *x, size_t from, const char *cid,
    const char *cname)
{
	int whole = f->review == 0;
	sqlite3_stmt *st;
	int rc;

	/*
	 * A whole committee: its rows of committee_counts, from one
	 * statement over every committee in seed()'s order (by cid), left
	 * at the next committee's first row (at a million, 2,000 statements
	 * fewer); a review: its rows of review_counts.
	 */
	if (whole) {
		if (t->all == NULL) {
			t->all = db_stmt(ctx->db, ST_CCOUNTS_ALL);
			bind_id(t->all, 1, f->committee);
			t->all_rc = sqlite3_step(t->all);
		}
		st = t->all;
		rc = t->all_rc = add_counts(t, f, st, t->all_rc, 1, committee,
		    x, from, cid, cname);
	} else {
		st = bind_committee(db_stmt(ctx->db, ST_COUNTS_COMMITTEE),
		    committee, f, NULL);
		rc = add_counts(t, f, st, sqlite3_step(st), 0, 0, x, from,
		    cid, cname);
		sqlite3_reset(st);
	}
	if (rc != SQLITE_DONE && !(whole && rc == SQLITE_ROW))
		return db_error(ctx->db, "cannot read a review's counts");
	/* committees: their filter is the committee alone */
	if (t->by == 2 || !date_valid(ctx->today))
		return 0;
	st = bind_committee(db_stmt(ctx->db, ST_COUNTS_COMMITTEE_OVERDUE),
	    committee, f, ctx->today);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		x->overdue += sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW)
		return db_error(ctx->db, "cannot count a review's overdue");
	return 0;
}

/*
 * reviews: committee committee's reviews (f's alone, if it names one),
 * a tally each, in the order shown; with counts, each counted
 * (review_counts, read beside them: at a million, two statements a
 * review fewer) with its overdue. 0, or -1 after reporting.
 */
static int
seed_reviews(struct ctx *ctx, struct tallies *t, const struct filter *f,
    long long committee, int counts, const char *cid, const char *cname)
{
	sqlite3_stmt *rs = bind_committee(db_stmt(ctx->db, ST_OV_REVIEWS),
	    committee, f, counts ? ctx->today : NULL), *ks = NULL;
	int rc, krc = SQLITE_DONE;

	if (counts) {
		ks = bind_committee(db_stmt(ctx->db, ST_COUNTS_COMMITTEE),
		    committee, f, NULL);
		krc = sqlite3_step(ks);
	}
	while ((rc = sqlite3_step(rs)) == SQLITE_ROW) {
		struct tally *x = tally_new(t, stored_text(rs, 1), cid, cname,
		    stored_text(rs, 2), db_col(rs, 3), db_col(rs, 4));

		x->since = xstrdup_or_null(db_col(rs, 5));
		x->overdue = sqlite3_column_int64(rs, 6);
		if (counts)
			krc = add_counts(t, f, ks, krc, 1,
			    sqlite3_column_int64(rs, 0), x, 0, cid, cname);
	}
	sqlite3_reset(rs);
	if (ks != NULL)
		sqlite3_reset(ks);
	if (rc != SQLITE_DONE)
		return db_error(ctx->db, "cannot read the reviews");
	if (krc == SQLITE_ROW)
		return error("%s: a review's counts came out of order "
		    "('rectrack verify' checks the database)", ctx->dbpath);
	if (krc != SQLITE_DONE)
		return db_error(ctx->db, "cannot read a review's counts");
	return 0;
}

/* stats, counted from the stored derivation: a committee's tallies, one
 * per status or RAG, from from on */
struct stored_count {
	struct tallies *t;
	size_t from;
	const char *cid, *cname;
};

static int
tally_stored(const struct recview *r, void *arg)
{
	struct stored_count *a = arg;
	struct tallies *t = a->t;
	const char *key2 = t->by == 2 ? r->status : r->rag;
	struct tally *x = NULL;
	size_t i;

	for (i = a->from; x == NULL && i < t->n; i++)
		if (strcmp(t->v[i].key2, key2) == 0)
			x = &t->v[i];
	if (x == NULL)
		x = tally_new(t, a->cid, key2, a->cname, "", NULL, NULL);
	x->recs++;
	for (i = 0; i < WHY_KINDS; i++)
		x->why[i] += (r->rag_why >> i) & 1;
	x->open += r->open;
	x->closed += !r->open;
	return 0;
}

/* stats: one committee's tallies by status, in the order of the usual
 * path */
static int
cmp_rank(const void *a, const void *b)
{
	const struct tally *x = a, *y = b;

	return x->rank - y->rank;
}

/* stats: by committee, then by status */
static int
cmp_stat(const void *a, const void *b)
{
	const struct tally *x = a, *y = b;
	int d = strcmp(x->key, y->key);

	return d ? d : cmp_rank(a, b);
}

/*
 * Every committee (or review) held, in list order, so that one with no
 * recommendations is shown too; with HOW_ROWS, tally_rec() then finds
 * them. Otherwise each is counted here, stats' tallies too: HOW_COUNTS
 * from review_counts; HOW_STORED from each recommendation's stored
 * derivation (recview_stored(): 1.4 s at a million, where deriving each
 * from its row took 5 to 15 s). 0, or -1 after reporting.
 */
static int
seed(struct ctx *ctx, struct tallies *t, const struct filter *f,
    enum how how)
{
	sqlite3_stmt *cs = db_stmt(ctx->db, ST_EX_COMMITTEES), *rs;
	struct tally *x = NULL;
	int rc = 0;

	bind_id(cs, 1, f->committee);
	while (rc == 0 && sqlite3_step(cs) == SQLITE_ROW) {
		long long committee = sqlite3_column_int64(cs, 0);
		char *cid = xstrdup(stored_text(cs, 1));
		char *cname = xstrdup(stored_text(cs, 2));
		size_t from = t->n;

		if (t->by == 0) {
			/* its reviews, with recommendations or not */
			x = tally_new(t, cid, "", cname, "", NULL, "");
			rs = db_stmt(ctx->db, ST_COMMITTEE_NREVIEWS);
			sqlite3_bind_int64(rs, 1, committee);
			bind_id(rs, 2, f->review);
			if (sqlite3_step(rs) == SQLITE_ROW)
				x->reviews = sqlite3_column_int64(rs, 0);
			else
				rc = db_error(ctx->db, "cannot count reviews");
			sqlite3_reset(rs);
		}
		/* committees and stats: counted a committee at a time */
		if (rc == 0 && how == HOW_COUNTS && t->by != 1)
			rc = count_committee(ctx, t, f, committee, x, from,
			    cid, cname);
		if (rc == 0 && how == HOW_STORED) {
			struct stored_count a = { t, from, cid, cname };

			rc = recview_stored(ctx->db, f, committee, ctx->today,
			    tally_stored, &a);
		}
		if (rc == 0 && t->by == 1)
			rc = seed_reviews(ctx, t, f, committee,
			    how == HOW_COUNTS, cid, cname);
		/* stats: the committee's statuses in order, so that the
		 * committees' order (cid's) leaves nothing to sort */
		if (t->by == 2 && t->n - from > 1)
			qsort(t->v + from, t->n - from, sizeof *t->v, cmp_rank);
		/* at a million, 12,000 tallies never held at once */
		if (t->show != NULL) {
			size_t i;

			for (i = from; i < t->n; i++) {
				show_tally(t->show, &t->v[i]);
				tally_texts_free(&t->v[i]);
			}
			t->n = from;
		}
		free(cid);
		free(cname);
	}
	sqlite3_reset(cs);
	if (t->all != NULL)
		sqlite3_reset(t->all);
	t->all = NULL;
	return rc;
}

/* The filter asks nothing that review_counts (or, by RAG, the stored
 * derivation alone) cannot answer: the committee, the review, and
 * statuses. */
static int
counts_fit(const struct filter *f)
{
	return !filter_beyond_status(f) && f->authority == NULL && f->rec == 0;
}

/* The filter asks nothing that the stored derivation alone cannot
 * answer: no text (owner, addressee, authority). */
static int
stored_fit(const struct filter *f)
{
	return f->owner == NULL && f->addressee == NULL &&
	    f->authority == NULL && f->rec == 0;
}

/* Whether r is counted in tally y. */
static int
tally_of(const struct tallies *t, const struct tally *y,
    const struct recview *r)
{
	return strcmp(y->key, t->by == 1 ? r->rid : r->cid) == 0 &&
	    (t->by < 2 || strcmp(y->key2, t->by == 2 ? r->status : r->rag) ==
	    0);
}

static int
tally_rec(const struct recview *r, void *arg)
{
	struct tallies *t = arg;
	struct tally *x = NULL;
	size_t i;

	/* the last row's first: a review's rows come together, and looking
	 * through every review for each row took 85 s at a million */
	if (t->last > 0 && t->last <= t->n &&
	    tally_of(t, &t->v[t->last - 1], r))
		x = &t->v[t->last - 1];
	for (i = t->n; x == NULL && i > 0; i--)
		if (tally_of(t, &t->v[i - 1], r))
			x = &t->v[i - 1];
	if (x == NULL)
		x = tally_new(t, t->by == 1 ? r->rid : r->cid,
		    t->by == 1 ? r->cid : t->by == 2 ? r->status : r->rag,
		    r->cname, r->review_title, r->year, r->stage);
	t->last = (size_t)(x - t->v) + 1;
	x->recs++;
	for (i = 0; i < WHY_KINDS; i++)
		x->why[i] += (r->rag_why >> i) & 1;
	if (t->by == 2 && x->review_row != r->review_row) {
		/* rows come ordered by committee, then review */
		x->reviews++;
		x->review_row = r->review_row;
	}
	x->open += r->open;
	x->closed += !r->open;
	x->overdue += r->overdue;
	x->awaiting += r->response_pending;
	return 0;
}

/* The n tallies of v in cmp's order already. */
static int
in_order(const struct tally *v, size_t n, int (*cmp)(const void *,
    const void *))
{
	size_t i;

	for (i = 1; i < n; i++)
		if (cmp(&v[i - 1], &v[i]) > 0)
			return 0;
	return 1;
}

/* stats --by rag: by committee, then red, amber, green, blue, grey */
static int
cmp_rag(const void *a, const void *b)
{
	const struct tally *x = a, *y = b;
	int d = strcmp(x->key, y->key);

	return d ? d : rag_rank(x->key2) - rag_rank(y->key2);
}

/* The reasons of a RAG row in words, each with its count. */
static void
why_counts(const struct tally *x, struct buf *b)
{
	size_t i;

	buf_reset(b);
	for (i = 0; i < WHY_KINDS; i++)
		if (x->why[i] > 0)
			buf_printf(b, "%s%s (%lld)", b->len ? ", " : "",
			    rag_why_word(1u << i), x->why[i]);
}

/* reviews: by committee id, then review id */
static int
cmp_review(const void *a, const void *b)
{
	const struct tally *x = a, *y = b;
	int d = strcmp(x->key2, y->key2);

	return d ? d : strcmp(x->key, y->key);
}

static void
tally_texts_free(struct tally *x)
{
	free(x->key);	/* and the texts after it */
	free(x->since);
}

static void
tallies_free(struct tallies *t)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		tally_texts_free(&t->v[i]);
	free(t->v);
}

/* The counts that end a committee's or a review's row, from v on. */
static void
count_cells(struct cell *v, const struct tally *x)
{
	v[0].i = x->recs;
	v[1].i = x->open;
	v[2].i = x->closed;
	v[3].i = x->overdue;
	v[4].i = x->awaiting;
}

/* x's row */
static void
show_tally(struct shown *s, const struct tally *x)
{
	struct cell v[11];
	char bar[256];

	memset(v, 0, sizeof v);
	if (s->by == 0) {
		v[0].s = x->key;
		v[1].s = x->name;
		v[2].i = x->reviews;
		count_cells(v + 3, x);
	} else if (s->by == 1) {
		v[0].s = x->key;
		v[1].s = x->key2;
		v[2].s = x->title;
		v[3].s = *x->year ? x->year : NULL;
		v[4].s = x->stage;
		v[5].s = x->since;
		count_cells(v + 6, x);
	} else if (s->by == 3) {
		why_counts(x, &s->why);
		v[0].s = x->key;
		v[1].s = x->key2;
		v[1].color = rag_color(x->key2);
		v[2].i = x->recs;
		v[3].s = s->why.len ? s->why.s : NULL;
	} else {
		size_t len = (size_t)(x->recs * (long long)s->barmax /
		    (s->max ? s->max : 1)),
		    k, at = 0;

		/* drawn on a terminal only (its fourth column) */
		for (k = 0; s->tty && k < len + (x->recs > 0 && len == 0) &&
		    at + 3 < sizeof bar; k++, at += 3)
			memcpy(bar + at, "\xe2\x96\x88", 3);
		bar[at] = '\0';
		v[0].s = x->key;
		v[1].s = x->key2;
		v[2].i = x->recs;
		v[3].s = bar;
	}
	out_row(s->o, v);
}

/*
 * The longest bar stats draws beside x's row (from at most most) on a
 * terminal width columns wide: what the columns before it leave, at
 * least one column.
 */
static size_t
stats_room(size_t most, size_t width, const struct tally *x)
{
	size_t used = 6 + strlen("COUNT"), w;

	used += (w = utf8_width(x->key)) > 9 ? w : 9;
	used += (w = utf8_width(x->key2)) > 6 ? w : 6;
	if (used + 1 > width)
		return 1;
	return width - used < most ? width - used : most;
}

static int
overview(struct ctx *ctx, struct overview_opts *oo, int by)
{
	static const struct out_col ccols[] = {
		{ "id", "COMMITTEE", CELL_STR, OUT_BRIEF },
		{ "name", "NAME", CELL_STR, OUT_BRIEF | OUT_WIDE },
		{ "reviews", "REVIEWS", CELL_INT, OUT_BRIEF },
		{ "recommendations", "RECS", CELL_INT, OUT_BRIEF },
		{ "open", "OPEN", CELL_INT, OUT_BRIEF },
		{ "closed", "CLOSED", CELL_INT, OUT_BRIEF | OUT_SPARE },
		{ "overdue", "OVERDUE", CELL_INT, OUT_BRIEF },
		{ "awaiting_response", "AWAITING", CELL_INT, OUT_BRIEF },
	};
	static const struct out_col rcols[] = {
		{ "id", "REVIEW", CELL_STR, OUT_BRIEF },
		{ "committee", "COMMITTEE", CELL_STR, 0 },
		{ "title", "TITLE", CELL_STR, OUT_BRIEF | OUT_WIDE },
		{ "year", "YEAR", CELL_STR, OUT_BRIEF | OUT_SPARE },
		{ "stage", "STAGE", CELL_STR, OUT_BRIEF },
		{ "stage_since", "SINCE", CELL_STR, OUT_BRIEF | OUT_UNDER },
		{ "recommendations", "RECS", CELL_INT, OUT_BRIEF },
		{ "open", "OPEN", CELL_INT, OUT_BRIEF },
		{ "closed", "CLOSED", CELL_INT, OUT_BRIEF | OUT_SPARE },
		{ "overdue", "OVERDUE", CELL_INT, OUT_BRIEF },
		{ "awaiting_response", "AWAITING", CELL_INT, OUT_BRIEF },
	};
	static const struct out_col scols[] = {
		{ "committee", "COMMITTEE", CELL_STR, OUT_BRIEF },
		{ "status", "STATUS", CELL_STR, OUT_BRIEF },
		{ "count", "COUNT", CELL_INT, OUT_BRIEF },
		{ "bar", "", CELL_STR, OUT_BRIEF },
	};
	static const struct out_col gcols[] = {
		{ "committee", "COMMITTEE", CELL_STR, OUT_BRIEF },
		{ "rag", "RAG", CELL_STR, OUT_BRIEF },
		{ "count", "COUNT", CELL_INT, OUT_BRIEF },
		{ "why", "WHY", CELL_STR, OUT_BRIEF },
	};
	enum out_format fmt = oo->fmt;
	struct shown sh = { NULL, by, 0, 30, 0, BUF_INIT };
	struct tallies t;
	struct filter f;
	const struct out_col *cols = by == 0 ? ccols : by == 1 ? rcols :
	    by == 2 ? scols : gcols;
	size_t i, width, ncols;
	char *held = NULL;
	size_t heldlen = 0;
	FILE *fp = stdout;
	enum how how;
	int rc = RT_OK;

	memset(&t, 0, sizeof t);
	t.by = by;
	if (filter_resolve(ctx, &oo->fo) != RT_OK)
		return RT_FAIL;
	f = oo->fo.f;
	/* a filter whose indexed condition holds fewer than a twentieth of
	 * the recommendations: their rows through that index (at a
	 * million, 37,000 in 0.66 s, 82,000 in 2.3 s), rather than every
	 * stored row (1.4 s) */
	how = counts_fit(&f) ? (by == 3 ? HOW_STORED : HOW_COUNTS) :
	    by >= 2 && stored_fit(&f) && !recview_few(ctx->db, &f, ctx->today,
	    recview_held(ctx->db) / 20) ? HOW_STORED : HOW_ROWS;
	sh.tty = fmt == FMT_TABLE && isatty(STDOUT_FILENO);
	width = fmt == FMT_TABLE ? term_width(STDOUT_FILENO) : 0;
	ncols = by == 0 ? 8 : by == 1 ? 11 : by == 3 ? 4 :
	    (size_t)(sh.tty ? 4 : 3);
	/*
	 * stats counted a committee at a time come in the order shown:
	 * each committee's rows are written as it is counted (to memory,
	 * so that nothing is printed should a later one fail), not held as
	 * tallies till the end (at a million, 12,000 of them), unless a
	 * terminal's bars need the largest count first
	 */
	if (by == 2 && how != HOW_ROWS && !sh.tty &&
	    (fp = open_memstream(&held, &heldlen)) == NULL) {
		error("cannot hold the output: %s", strerror(errno));
		return RT_FAIL;
	}
	if (fp != stdout) {
		sh.o = out_begin(fmt, fp, cols, ncols, width);
		t.show = &sh;
	}
	if ((by < 2 || how != HOW_ROWS) && seed(ctx, &t, &f, how) < 0)
		rc = RT_FAIL;
	if (rc == RT_OK && how == HOW_ROWS && recview_each(ctx->db, &f,
	    ctx->today, tally_rec, &t) < 0)
		rc = RT_FAIL;
	if (rc == RT_OK && by == 2 && !in_order(t.v, t.n, cmp_stat))
		qsort(t.v, t.n, sizeof *t.v, cmp_stat);
	if (rc == RT_OK && by == 3 && t.n > 1)
		qsort(t.v, t.n, sizeof *t.v, cmp_rag);
	if (rc == RT_OK && by == 1 && !in_order(t.v, t.n, cmp_review))
		qsort(t.v, t.n, sizeof *t.v, cmp_review);
	if (rc == RT_OK && sh.o == NULL) {
		sh.o = out_begin(fmt, stdout, cols, ncols, width);
		for (i = 0; i < t.n; i++) {
			if (t.v[i].recs > sh.max)
				sh.max = t.v[i].recs;
			if (by == 2 && sh.tty)
				sh.barmax = stats_room(sh.barmax, width,
				    &t.v[i]);
		}
	}
	for (i = 0; rc == RT_OK && i < t.n; i++)
		show_tally(&sh, &t.v[i]);
	if (sh.o != NULL)
		out_end(sh.o);
	if (fp != stdout) {
		if (fclose(fp) != 0 && rc == RT_OK) {
			error("cannot hold the output: %s", strerror(errno));
			rc = RT_FAIL;
		}
		if (rc == RT_OK)
			fwrite(held, 1, heldlen, stdout);
		free(held);
	}
	buf_release(&sh.why);
	tallies_free(&t);
	return rc;
}

static int
cmd_committees(struct ctx *ctx, void *opts, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return overview(ctx, opts, 0);
}

static int
cmd_reviews(struct ctx *ctx, void *opts, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return overview(ctx, opts, 1);
}

static int
cmd_stats(struct ctx *ctx, void *opts, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return overview(ctx, opts, ((struct overview_opts *)opts)->by ? 3 : 2);
}

static int
cmd_reindex(struct ctx *ctx, void *opts, int argc, char **argv)
{
	long long want, held;
	int rc;

	(void)opts;
	(void)argc;
	(void)argv;
	if (ctx->created) {
		error("%s: no such database", ctx->dbpath);
		return RT_FAIL;
	}
	if ((rc = cmd_begin(ctx)) != RT_OK)
		return rc;
	if (search_rebuild(ctx->db) < 0 || derived_rebuild(ctx->db) < 0 ||
	    db_commit(ctx->db) != RT_OK) {
		db_rollback(ctx->db);
		return RT_FAIL;
	}
	search_counts(ctx->db, &want, &held);
	printf("reindexed %s: %lld rows\n", ctx->dbpath, held);
	return RT_OK;
}
