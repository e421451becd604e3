#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "cmd.h"
#include "diag.h"
#include "emit.h"
#include "escape.h"
#include "idsort.h"
#include "output.h"
#include "schema.h"
#include "search.h"
#include "vocab.h"
#include "xmalloc.h"

struct search_opts {
	struct filter_opts fo;
	enum out_format fmt;
	size_t limit;
};

static const struct opt search_options[] = {
	FILTER_OPTIONS(struct search_opts, fo),
	OPTION_GROUP("Output:", NULL),
	OPTION_FORMAT('f', struct search_opts, fmt, "F", cmd_list_formats,
	    "table (default), csv, json, markdown"),
	OPTION_COUNT(0, "limit", struct search_opts, limit,
	    "at most N hits (default 20; 0: no limit)"),
	OPTION_END,
};

static const struct search_opts search_defaults = {
	.fmt = FMT_TABLE, .limit = 20,
};

static const struct opt similar_options[] = {
	OPTION_COUNT(0, "limit", struct search_opts, limit,
	    "at most N (default 10; 0: no limit)"),
	OPTION_FORMAT('f', struct search_opts, fmt, "F", cmd_list_formats,
	    "table (default), csv, json, markdown"),
	OPTION_END,
};

static const struct search_opts similar_defaults = {
	.fmt = FMT_TABLE, .limit = 10,
};

static int query_check(const struct cmd *c, void *opts, int argc,
    char **argv);
static int cmd_search(struct ctx *ctx, void *opts, int argc, char **argv);
static int cmd_similar(struct ctx *ctx, void *opts, int argc, char **argv);

const struct cmd cmd_search_entry = {
	.name = "search",
	.group = G_FIND,
	.args = "QUERY",
	.summary = "Full-text search across every review, ranked.",
	.help =
	"Searches recommendation titles and text, findings, evidence, executive\n"
	"responses, update notes, actions and minutes. Words are matched by\n"
	"their stem and without accents or case, so 'recruit' finds\n"
	"'Recruitment' and 'recruiting'. Results are ranked (a match in a title\n"
	"counts most, then the text, findings and responses, then evidence,\n"
	"notes and actions, then minutes); each names the recommendation (or\n"
	"meeting, or evidence), the field matched and a snippet.\n"
	"\n"
	"Query: words (all must appear), \"a phrase\", prefix*, OR, NOT, AND,\n"
	"and ( ) to group: '\"key worker\" housing', 'recruit* NOT agency'.\n",
	.examples =
	"Examples:\n"
	"  rectrack search '\"key worker housing\"'\n"
	"  rectrack search 'foster carer*' --committee islington --format json\n",
	.opts = search_options,
	.optsize = sizeof(struct search_opts),
	.defaults = &search_defaults,
	.flags = CMD_DB_READ,
	.check = query_check,
	.exec = cmd_search,
};

const struct cmd cmd_similar_entry = {
	.name = "similar",
	.group = G_FIND,
	.args = "HANDLE",
	.summary = "Recommendations most like this one, across every committee.",
	.help =
	"Takes the recommendation's most significant words (its title, text and\n"
	"findings, weighed by how rare they are across the database) and ranks\n"
	"every other recommendation by them, so a committee sees when it is\n"
	"about to repeat a recommendation made before, or made elsewhere.\n",
	.examples =
	"Example:\n"
	"  rectrack similar islington-2024-childrens-workforce/2\n",
	.opts = similar_options,
	.optsize = sizeof(struct search_opts),
	.defaults = &similar_defaults,
	.flags = CMD_DB_READ,
	.exec = cmd_similar,
};

/* A word held by more index rows than this is common (similar). */
#define DF_CAP 5000
/* similar weighs at most this many of a recommendation's words, its most
 * frequent, then those of its title, text and first findings: each is
 * looked up in the index. */
#define SIMILAR_MAX_TERMS 1000

struct hit {
	char *kind, *handle, *committee, *review, *field, *snippet;
	double score;
	long long rec;		/* 0 unless a recommendation */
};

/*
 * What one search may ask. FTS5 runs each term of a query over the index
 * once to match it and once more for bm25, and ranks every match against
 * every term, so the work grows with the square of the terms, and a
 * prefix* reads the lists of every word it begins (docs/performance.md,
 * "What a search costs"). Limits on the query itself, not on
 * time, keep the same search on the same database giving the same answer.
 */
#define QUERY_MAX_BYTES		1000
#define QUERY_MAX_TERMS		16	/* words, "phrases", prefix* */
#define QUERY_MAX_PREFIXES	4

/* The terms of a query as fts_query() reads it. */
struct query_size {
	size_t terms, prefixes;
};

/* A word of a query: an operator, or a term (a prefix when it ends in
 * '*'); next is what follows it. */
static void
count_word(struct query_size *qs, const char *w, size_t n, char next)
{
	static const char *const ops[] = { "AND", "OR", "NOT", NULL };
	size_t i;

	for (i = 0; ops[i] != NULL; i++)
		if (strlen(ops[i]) == n && memcmp(ops[i], w, n) == 0)
			return;
	if (n == 4 && memcmp(w, "NEAR", 4) == 0 && next == '(')
		return;
	qs->terms++;
	qs->prefixes += w[n - 1] == '*';
}

/*
 * Rewrite a user's query so that FTS5 reads it: phrases, AND/OR/NOT,
 * NEAR, parentheses and prefix* pass through; any other word with a
 * character FTS5 would take for syntax (an apostrophe, a colon, a hyphen)
 * is quoted. Counts its terms in *qs. Returns NULL when quotes do not
 * pair.
 */
static char *
fts_query(const char *q, struct query_size *qs)
{
	struct buf b = BUF_INIT;
	const char *p = q, *start;
	size_t i;
	int plain;

	qs->terms = qs->prefixes = 0;

	while (*p) {
		if (isspace((unsigned char)*p)) {
			buf_addc(&b, ' ');
			p++;
			continue;
		}
		if (*p == '(' || *p == ')') {
			buf_addc(&b, *p++);
			continue;
		}
		if (*p == '"') {
			start = p++;
			while (*p && *p != '"')
				p++;
			if (*p != '"') {
				buf_release(&b);
				return NULL;
			}
			p++;
			if (*p == '*')
				p++;
			count_word(qs, start, (size_t)(p - start), *p);
			buf_add(&b, start, (size_t)(p - start));
			continue;
		}
		start = p;
		while (*p && !isspace((unsigned char)*p) && *p != '(' &&
		    *p != ')' && *p != '"')
			p++;
		plain = 1;
		for (i = 0; start + i < p; i++) {
			unsigned char c = (unsigned char)start[i];

			if (!(isalnum(c) || c == '_' || c >= 0x80 ||
			    (c == '*' && start + i + 1 == p)))
				plain = 0;
		}
		if (plain) {
			count_word(qs, start, (size_t)(p - start), *p);
			buf_add(&b, start, (size_t)(p - start));
		} else {
			qs->terms++;	/* a phrase, not a prefix */
			buf_addc(&b, '"');
			for (i = 0; start + i < p; i++)
				buf_addc(&b, start[i]);
			buf_addc(&b, '"');
		}
	}
	return buf_detach(&b);
}

static const char *const field_kind[] = {
	"recommendation", "meeting", "evidence",
};

/* Name a hit by its index row id; 0 when it passes the filter. */
static int
describe(struct ctx *ctx, long long rowid, const struct filter *f,
    struct hit *h)
{
	sqlite3_stmt *st;
	long long owner;
	int kind;

	if (rowid >= SEARCH_EVID) {
		kind = 2;
		owner = rowid - SEARCH_EVID;
		st = db_stmt(ctx->db, ST_HIT_EVIDENCE);
	} else if (rowid >= SEARCH_MEET) {
		kind = 1;
		owner = (rowid - SEARCH_MEET) >> 16;
		st = db_stmt(ctx->db, ST_HIT_MEETING);
	} else {
		kind = 0;
		owner = (rowid - SEARCH_REC) >> 16;
		st = db_stmt(ctx->db, ST_HIT_REC);
	}
	sqlite3_bind_int64(st, 1, owner);
	if (sqlite3_step(st) != SQLITE_ROW ||
	    (f->committee && sqlite3_column_int64(st, 3) != f->committee) ||
	    (f->review && sqlite3_column_int64(st, 4) != f->review) ||
	    !text_contains(db_col(st, 5), f->authority)) {
		sqlite3_reset(st);
		return 1;
	}
	h->kind = xstrdup(field_kind[kind]);
	h->handle = xstrdup(stored_text(st, 0));
	h->committee = xstrdup(stored_text(st, 1));
	h->review = db_col(st, 2) ? xstrdup(db_col(st, 2)) : NULL;
	h->rec = kind == 0 ? owner : 0;
	sqlite3_reset(st);
	return 0;
}

/* A hit passes the filters on recommendations (status, dates, owner...):
 * a meeting or evidence hit does not, when there are any. */
static int
status_ok(struct ctx *ctx, const struct filter *f, long long rec)
{
	if (!filter_on_recs(f))
		return 1;
	return rec != 0 && recview_passes(ctx->db, f, ctx->today, rec);
}

static void
hit_free(struct hit *h)
{
	free(h->kind);
	free(h->handle);
	free(h->committee);
	free(h->review);
	free(h->field);
	free(h->snippet);
}

/*
 * A line whose matches are marked with \1 and \2, the matches in bold
 * when bold, indented by first; on a terminal (width > 0) wrapped at
 * spaces to its width, the lines after the first indented by indent and
 * each line's bold closed at its end.
 */
static void
put_marked(const char *s, size_t width, size_t first, size_t indent,
    int bold)
{
	const char *open = bold ? "\033[1m" : "", *close = bold ? "\033[0m" :
	    "";
	struct buf one = BUF_INIT, lines = BUF_INIT, out = BUF_INIT;
	const char *p, *nl;
	int in = 0;

	/* one line, as text_marked() makes it */
	for (p = s; *p; p++)
		buf_addc(&one, *p == '\n' || *p == '\t' ? ' ' : *p);
	if (width == 0)
		buf_printf(&lines, "%*s%s\n", (int)first, "", one.s);
	else
		out_wrap(&lines, one.s, width, first, indent);
	for (p = lines.s; (nl = strchr(p, '\n')) != NULL; p = nl + 1) {
		buf_reset(&one);
		buf_add(&one, p, (size_t)(nl - p));
		if (in)
			buf_adds(&out, open);
		text_marked(&out, one.s, open, close, NULL);
		/* a match that goes on to the next line */
		for (; p < nl; p++)
			if (*p == '\1' || *p == '\2')
				in = *p == '\1';
		if (in)
			buf_adds(&out, close);
		buf_addc(&out, '\n');
	}
	fputs(out.s, stdout);
	buf_release(&one);
	buf_release(&lines);
	buf_release(&out);
}

static void
write_hits(struct ctx *ctx, enum out_format fmt, struct hit *hits, size_t n,
    int with_score)
{
	static const struct out_col cols[] = {
		{ "rank", "#", CELL_INT, OUT_BRIEF },
		{ "kind", "KIND", CELL_STR, 0 },
		{ "handle", "WHERE", CELL_STR, OUT_BRIEF },
		{ "committee", "COMMITTEE", CELL_STR, 0 },
		{ "review", "REVIEW", CELL_STR, 0 },
		{ "field", "FIELD", CELL_STR, OUT_BRIEF },
		{ "snippet", "SNIPPET", CELL_STR, OUT_BRIEF | OUT_WIDE },
	};
	struct buf b = BUF_INIT;
	struct emit *e;
	struct out *o;
	struct cell c[7];
	size_t i;
	const char *p, *q;
	size_t width;
	int bold = ctx->color;

	if (fmt == FMT_JSON) {
		e = emit_new(EMIT_JSON, stdout);
		emit_seq_begin(e);
		for (i = 0; i < n; i++) {
			emit_map_begin(e);
			emit_kint(e, "rank", (long long)i + 1);
			emit_kv(e, "kind", hits[i].kind);
			emit_kv(e, "handle", hits[i].handle);
			emit_kv(e, "committee", hits[i].committee);
			emit_knull(e, "review", hits[i].review);
			emit_knull(e, "field", hits[i].field);
			if (with_score) {
				char num[32];

				snprintf(num, sizeof num, "%.3f",
				    -hits[i].score);
				emit_knum(e, "score", num);
			}
			if (hits[i].snippet != NULL) {
				buf_reset(&b);
				text_marked(&b, hits[i].snippet, "", "", NULL);
				emit_kv(e, "snippet", b.s);
				emit_key(e, "matches");
				emit_seq_begin(e);
				for (p = hits[i].snippet; (p = strchr(p, '\1'));
				    p = q) {
					q = strchr(++p, '\2');
					if (q == NULL)
						break;
					buf_reset(&b);
					buf_add(&b, p, (size_t)(q - p));
					emit_str(e, b.s);
				}
				emit_seq_end(e);
			}
			emit_map_end(e);
		}
		emit_seq_end(e);
		fputc('\n', stdout);
		emit_free(e);
		buf_release(&b);
		return;
	}
	if (fmt == FMT_TABLE) {
		/* a hit per paragraph reads better than a table row */
		width = term_width(STDOUT_FILENO);
		for (i = 0; i < n; i++) {
			buf_reset(&b);
			buf_printf(&b, "%zu. \1", i + 1);
			text_clean(&b, hits[i].handle, "");
			buf_addc(&b, '\2');
			if (hits[i].field != NULL)
				buf_printf(&b, "  (%s)", hits[i].field);
			put_marked(b.s, width, 0, 3, bold);
			if (hits[i].snippet != NULL)
				put_marked(hits[i].snippet, width, 3, 3, bold);
		}
		buf_release(&b);
		return;
	}
	if (fmt == FMT_MARKDOWN) {
		/* written here: the matches in **, the rest escaped */
		fputs("| # | Where | Field | Snippet |\n| ---: | --- | --- | --- "
		    "|\n", stdout);
		for (i = 0; i < n; i++) {
			buf_reset(&b);
			buf_printf(&b, "| %zu | ", i + 1);
			esc_markdown(&b, hits[i].handle);
			buf_adds(&b, " | ");
			esc_markdown(&b, hits[i].field ? hits[i].field : "");
			buf_adds(&b, " | ");
			if (hits[i].snippet != NULL)
				text_marked(&b, hits[i].snippet, "**", "**",
				    esc_markdown);
			buf_adds(&b, " |\n");
			fputs(b.s, stdout);
		}
		buf_release(&b);
		return;
	}
	o = out_begin(fmt, stdout, cols, 7, 0);
	for (i = 0; i < n; i++) {
		memset(c, 0, sizeof c);
		c[0].i = (long long)i + 1;
		c[1].s = hits[i].kind;
		c[2].s = hits[i].handle;
		c[3].s = hits[i].committee;
		c[4].s = hits[i].review;
		c[5].s = hits[i].field;
		buf_reset(&b);
		if (hits[i].snippet != NULL)
			text_marked(&b, hits[i].snippet, "", "", NULL);
		c[6].s = b.s;
		out_row(o, c);
	}
	out_end(o);
	buf_release(&b);
}

/* The snippet and field of one hit: made for the hits shown only. */
static int
snippet_of(struct ctx *ctx, const char *query, long long rowid,
    struct hit *h)
{
	sqlite3_stmt *st = db_stmt(ctx->db, ST_SNIPPET);
	struct buf sn = BUF_INIT;
	int field;

	db_bind_text(st, 1, query);
	sqlite3_bind_int64(st, 2, rowid);
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_reset(st);
		return -1;
	}
	text_clean(&sn, db_col(st, 0) ? db_col(st, 0) : "", "\1\2");
	h->snippet = buf_detach(&sn);
	field = sqlite3_column_int(st, 1);
	sqlite3_reset(st);
	/* a meeting's actions are in the second part of its range */
	if (rowid >= SEARCH_MEET && rowid < SEARCH_EVID &&
	    ((rowid - SEARCH_MEET) & 0xffff) >= 10016)
		h->field = xstrdup("action");
	else
		h->field = xstrdup(search_field_name[field]);
	return 0;
}

/*
 * Add the hit of an index row, unless the filters reject it. SQLITE_DONE
 * when added or rejected (go on), SQLITE_ERROR when its snippet could not
 * be made.
 */
static int
add_hit(struct ctx *ctx, const char *query, const struct filter *f,
    long long rowid, double score, struct hit **hits, size_t *n,
    size_t *cap)
{
	struct hit h;

	memset(&h, 0, sizeof h);
	if (describe(ctx, rowid, f, &h) != 0)
		return SQLITE_DONE;
	if (!status_ok(ctx, f, h.rec)) {
		hit_free(&h);
		return SQLITE_DONE;
	}
	h.score = score;
	if (snippet_of(ctx, query, rowid, &h) < 0) {
		hit_free(&h);
		return SQLITE_ERROR;
	}
	*hits = xgrow(*hits, cap, *n + 1, sizeof **hits);
	(*hits)[(*n)++] = h;
	return SQLITE_DONE;
}

/*
 * A committee's or review's search: what it holds sits in a few ranges
 * of the index's row ids (recommendations and meetings are numbered in
 * the order imported), each searched on its own, the matches ranked
 * together; the same order as ranking every match and filtering, which
 * took 2.6 s for a common word at a million. Scattered wider than this
 * many ranges, every match is ranked.
 */
#define SCOPE_RANGES_MAX 512

/* A search with a filter on recommendations (--open, --status ...) or
 * authority ranks the best limit times this many matches (at least
 * SEARCH_WIDEN_MIN, at most SEARCH_TOP_MAX) in one pass and keeps the
 * first limit that pass; only when fewer pass does it rank every match
 * (1.8 s for a common word at a million). */
#define SEARCH_WIDEN 5
#define SEARCH_WIDEN_MIN 100

struct ids {
	long long *v;
	size_t n, cap;
};

struct ranges {
	struct range {
		long long lo, hi;
	} *v;
	size_t n, cap;
};

/* The ids statement id gives for key, added to out: 0, -1 on an error
 * or an id the index cannot number (the caller ranks every match). */
static int
ids_read(struct ctx *ctx, enum stmt_id id, long long key, struct ids *out)
{
	sqlite3_stmt *st = db_stmt(ctx->db, id);
	long long v;
	int rc, bad = 0;

	sqlite3_bind_int64(st, 1, key);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		v = sqlite3_column_int64(st, 0);
		/* search.h: an owner's slots below the next kind's base */
		if (v < 0 || v >= (1LL << 24))
			bad = 1;
		out->v = xgrow(out->v, &out->cap, out->n + 1, sizeof *out->v);
		out->v[out->n++] = v;
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE && !bad ? 0 : -1;
}

/* ids as ranges of row ids, consecutive ids one range: id's rows are
 * base + (id << shift) up to the next id's. */
static void
ranges_add(struct ranges *r, struct ids *ids, long long base, int shift)
{
	size_t i, j;

	ids_sort(ids->v, ids->n);
	for (i = 0; i < ids->n; i = j) {
		for (j = i + 1; j < ids->n && ids->v[j] <= ids->v[j - 1] + 1;
		    j++)
			;
		r->v = xgrow(r->v, &r->cap, r->n + 1, sizeof *r->v);
		r->v[r->n].lo = base + (ids->v[i] << shift);
		r->v[r->n++].hi = base + ((ids->v[j - 1] + 1) << shift) - 1;
	}
	free(ids->v);
	memset(ids, 0, sizeof *ids);
}

/* The ranges holding all that f's committee or review holds (and maybe
 * more: describe() decides each hit). 0, or -1 (rank every match). */
static int
scope_ranges(struct ctx *ctx, const struct filter *f, struct ranges *out)
{
	struct ids reviews = { 0 }, recs = { 0 }, evid = { 0 }, meet = { 0 };
	struct ids c = { 0 };
	long long committee = f->committee;
	size_t i;
	int rc = 0;

	if (f->review) {
		reviews.v = xgrow(NULL, &reviews.cap, 1, sizeof *reviews.v);
		reviews.v[reviews.n++] = f->review;
		if (committee == 0 && (rc = ids_read(ctx,
		    ST_SCOPE_REVIEW_COMMITTEE, f->review, &c)) == 0 && c.n == 1)
			committee = c.v[0];
	} else {
		rc = ids_read(ctx, ST_SCOPE_REVIEWS, committee, &reviews);
	}
	for (i = 0; rc == 0 && i < reviews.n; i++)
		if ((rc = ids_read(ctx, ST_SCOPE_RECS, reviews.v[i], &recs)) ==
		    0)
			rc = ids_read(ctx, ST_SCOPE_EVIDENCE, reviews.v[i],
			    &evid);
	if (rc == 0 && committee != 0)
		rc = ids_read(ctx, ST_SCOPE_MEETINGS, committee, &meet);
	ranges_add(out, &recs, SEARCH_REC, 16);
	ranges_add(out, &meet, SEARCH_MEET, 16);
	ranges_add(out, &evid, SEARCH_EVID, 0);
	free(reviews.v);
	free(c.v);
	return rc;
}

/* The matches of query in the ranges r, in ST_SEARCH's order, as *out
 * (*n of them). SQLITE_DONE, or SQLite's error. */
static int
search_ranges(struct ctx *ctx, const char *query, const struct ranges *r,
    struct search_hit **out, size_t *n)
{
	sqlite3_stmt *st = db_stmt(ctx->db, ST_SEARCH_RANGE);
	size_t cap = 0, i;
	int rc = SQLITE_DONE;

	*out = NULL;
	*n = 0;
	for (i = 0; i < r->n && rc == SQLITE_DONE; i++) {
		db_bind_text(st, 1, query);
		sqlite3_bind_int64(st, 2, r->v[i].lo);
		sqlite3_bind_int64(st, 3, r->v[i].hi);
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			*out = xgrow(*out, &cap, *n + 1, sizeof **out);
			(*out)[*n].rowid = sqlite3_column_int64(st, 0);
			(*out)[(*n)++].score = sqlite3_column_double(st, 1);
		}
		sqlite3_reset(st);	/* (on an error, its message stays) */
	}
	if (*n > 1)
		qsort(*out, *n, sizeof **out, search_hit_cmp);
	return rc;
}

/*
 * A filter on recommendations that passes too few of a one-phrase
 * query's best matches: the recommendations that pass it, when at most
 * this many, are found first (through the lists' indexes) and only
 * their rows ranked (ST_SEARCH_MEMBERS), rather than every match ranked
 * and each hit's recommendation derived (6.9 s for a very common word
 * and a rare owner at a million).
 */
#define MEMBERS_MAX 30000

/* ids of recommendations, up to most (0: however many) */
struct some_ids {
	struct ids ids;
	size_t most;
	int over;		/* more than most came */
};

static int
id_add(long long id, void *arg)
{
	struct some_ids *s = arg;

	if (s->most > 0 && s->ids.n == s->most) {
		s->over = 1;
		return 1;
	}
	s->ids.v = xgrow(s->ids.v, &s->ids.cap, s->ids.n + 1,
	    sizeof *s->ids.v);
	s->ids.v[s->ids.n++] = id;
	return 0;
}

/* recview_each()'s */
static int
member_add(const struct recview *r, void *arg)
{
	return id_add(r->id, arg);
}

/* The hits of query among the recommendations that pass f, added to
 * hits in ST_SEARCH's order up to limit: SQLITE_DONE, SQLite's error,
 * or -1 when more than MEMBERS_MAX pass (nothing added). */
static int
search_members_of(struct ctx *ctx, const char *query, const struct filter *f,
    size_t limit, struct hit **hits, size_t *n, size_t *cap)
{
	struct some_ids m = { { NULL, 0, 0 }, MEMBERS_MAX, 0 };
	sqlite3_stmt *st;
	int rc = SQLITE_DONE, ids;

	/* an owner or addressee alone: the ids from its index, not every
	 * row read and derived (add_hit() checks each hit kept) */
	ids = recview_text_ids(ctx->db, f, id_add, &m);
	if (ids < 0 || (ids == 0 &&
	    recview_each(ctx->db, f, ctx->today, member_add, &m) < 0) ||
	    m.over) {
		free(m.ids.v);
		return -1;
	}
	if (m.ids.n == 0)
		return SQLITE_DONE;	/* none pass: no hit */
	ids_sort(m.ids.v, m.ids.n);
	search_members(ctx->db, m.ids.v, m.ids.n);
	st = db_stmt(ctx->db, ST_SEARCH_MEMBERS);
	db_bind_text(st, 1, query);
	while (*n < limit && rc == SQLITE_DONE) {
		int step = sqlite3_step(st);

		if (step != SQLITE_ROW) {
			rc = step;
			break;
		}
		rc = add_hit(ctx, query, f, sqlite3_column_int64(st, 0),
		    sqlite3_column_double(st, 1), hits, n, cap);
	}
	sqlite3_reset(st);	/* (on an error, its message stays) */
	search_members(ctx->db, NULL, 0);
	free(m.ids.v);
	return rc;
}

/* What search_among() did. */
enum among { AMONG_NOT, AMONG_DONE, AMONG_SHORT };

/*
 * A one-phrase query and a filter on recommendations: the best of the
 * matches of the recommendations that pass f's condition with an index
 * (recview_ids(), a superset; at most most of them, 0 for any number),
 * ranked in one pass with every other row left out (search_top()), kept
 * while they pass f, up to limit. *did AMONG_DONE when that is the
 * answer (limit passed, or every match of those recommendations was
 * among the best); AMONG_SHORT when ranked but not (fewer passed), and
 * AMONG_NOT when not ranked (no indexed condition, or more than most),
 * both with nothing added. SQLITE_DONE, or SQLite's error.
 */
static int
search_among(struct ctx *ctx, const char *query, const struct filter *f,
    size_t limit, size_t most, struct hit **hits, size_t *n, size_t *cap,
    enum among *did)
{
	struct some_ids ids = { { NULL, 0, 0 }, most, 0 };
	struct search_hit *top;
	size_t want = limit * SEARCH_WIDEN, i;
	long long nmatch;
	long got = -1, k;
	int rc = SQLITE_DONE, have;

	*did = AMONG_NOT;
	have = recview_ids(ctx->db, f, ctx->today, id_add, &ids);
	if (have < 0)
		rc = SQLITE_ERROR;
	if (have == 1 && ids.ids.n == 0)
		*did = AMONG_DONE;	/* none pass: no hit */
	if (have != 1 || ids.ids.n == 0 || ids.over) {
		free(ids.ids.v);
		return rc;
	}
	ids_sort(ids.ids.v, ids.ids.n);
	if (want < SEARCH_WIDEN_MIN)
		want = SEARCH_WIDEN_MIN;
	if (want > SEARCH_TOP_MAX)
		want = SEARCH_TOP_MAX;
	top = xcalloc(want, sizeof *top);
	search_members(ctx->db, ids.ids.v, ids.ids.n);
	got = search_top(ctx->db, query, want, top, &nmatch);
	search_members(ctx->db, NULL, 0);
	if (got == -2)
		rc = SQLITE_ERROR;
	for (k = 0; k < got && *n < limit && rc == SQLITE_DONE; k++)
		rc = add_hit(ctx, query, f, top[k].rowid, top[k].score, hits,
		    n, cap);
	free(top);
	free(ids.ids.v);
	if (rc == SQLITE_DONE && got >= 0 &&
	    (*n == limit || (size_t)got < want))
		*did = AMONG_DONE;
	else if (rc == SQLITE_DONE) {
		for (i = 0; i < *n; i++)
			hit_free(&(*hits)[i]);
		*n = 0;
		*did = got >= 0 ? AMONG_SHORT : AMONG_NOT;
	}
	return rc;
}

static int
query_check(const struct cmd *c, void *opts, int argc, char **argv)
{
	(void)opts;
	(void)argc;
	if (strspn(argv[1], " \t\n") == strlen(argv[1]))
		return cmd_usage_error(c, "the query is empty");
	return RT_OK;
}

static int
cmd_search(struct ctx *ctx, void *opts, int argc, char **argv)
{
	struct search_opts *so = opts;
	enum out_format fmt = so->fmt;
	struct filter f;
	struct hit *hits = NULL;
	struct search_hit *top;
	size_t n = 0, cap = 0, limit = so->limit, i, held;
	long long nmatch;
	long got = -1, k;
	sqlite3_stmt *st;
	struct query_size qs;
	char *query;
	int rc, unfiltered, scoped, few = 0;
	enum among among = AMONG_NOT;

	(void)argc;
	if (filter_resolve(ctx, &so->fo) != RT_OK)
		return RT_FAIL;
	f = so->fo.f;
	query = fts_query(argv[1], &qs);
	if (query == NULL) {
		error("cannot read the search '%s': a quote is not closed "
		    "(phrases go in a pair of \"double quotes\")", argv[1]);
		return RT_FAIL;
	}
	if (strlen(argv[1]) > QUERY_MAX_BYTES ||
	    qs.terms > QUERY_MAX_TERMS || qs.prefixes > QUERY_MAX_PREFIXES) {
		error("query too complex: %zu bytes, %zu term%s, %zu of them "
		    "prefix* (at most %d bytes and %d terms, %d of them "
		    "prefix*); search for fewer words", strlen(argv[1]),
		    qs.terms, qs.terms == 1 ? "" : "s", qs.prefixes,
		    QUERY_MAX_BYTES, QUERY_MAX_TERMS, QUERY_MAX_PREFIXES);
		free(query);
		return RT_FAIL;
	}
	scoped = f.committee || f.review;
	unfiltered = !(scoped || f.authority != NULL ||
	    filter_on_recs(&f) || limit == (size_t)-1);
	/*
	 * One phrase, not a committee's or review's: the best, ranked in
	 * one pass; with a filter, the best SEARCH_WIDEN times as many, in
	 * order, until limit pass. Fewer passing while more matched: rank
	 * them all (a hit not described, its owner gone, counts as not
	 * passing).
	 */
	rc = SQLITE_DONE;
	/*
	 * An owner or addressee alone, held by at most MEMBERS_MAX: their
	 * rows ranked first, from the ids in the column's index, rather
	 * than the best of every match ranked in a pass that few of them
	 * pass (a common word and one owner of 30 at a million: 0.38 s
	 * against 1.84 s; an owner none has, 7 ms against 5.9 s)
	 */
	if (!scoped && filter_text_alone(&f)) {
		int mrc = search_members_of(ctx, query, &f, limit, &hits, &n,
		    &cap);

		if (mrc != -1) {
			rc = mrc;
			got = 0;
		}
	}
	/*
	 * A condition with an index that holds at most a quarter of the
	 * recommendations: the best of its recommendations' matches in one
	 * pass, rather than first the best of every match, of which few
	 * would pass (a common word --overdue at a million: 0.45 s, where
	 * that pass and then this took 0.89 s); more, and reading the ids
	 * costs more than the pass saves
	 */
	if (got < 0 && rc == SQLITE_DONE && !scoped && !unfiltered &&
	    limit <= SEARCH_TOP_MAX && filter_on_recs(&f) &&
	    !filter_text_alone(&f) && (held = recview_held(ctx->db) / 4) > 0) {
		rc = search_among(ctx, query, &f, limit, held, &hits, &n,
		    &cap, &among);
		if (among == AMONG_DONE)
			got = 0;
		/* too few of them passed: so would of every match */
		few = among == AMONG_SHORT;
	}
	if (got < 0 && rc == SQLITE_DONE && !scoped && !few &&
	    limit <= SEARCH_TOP_MAX) {
		size_t want = unfiltered ? limit : limit * SEARCH_WIDEN;

		if (want < SEARCH_WIDEN_MIN && !unfiltered)
			want = SEARCH_WIDEN_MIN;
		if (want > SEARCH_TOP_MAX)
			want = SEARCH_TOP_MAX;
		top = xcalloc(want, sizeof *top);
		got = search_top(ctx->db, query, want, top, &nmatch);
		if (got == -2)
			rc = SQLITE_ERROR;
		for (k = 0; k < got && n < limit && rc == SQLITE_DONE; k++)
			rc = add_hit(ctx, query, &f, top[k].rowid,
			    top[k].score, &hits, &n, &cap);
		free(top);
		if (got >= 0 && rc == SQLITE_DONE && n < limit &&
		    nmatch > got) {
			for (i = 0; i < n; i++)
				hit_free(&hits[i]);
			n = 0;
			got = -1;
			/* a filter that passes few of the best: maybe few */
			few = !unfiltered;
		}
	}
	if (got < 0 && rc == SQLITE_DONE && (f.committee || f.review)) {
		struct ranges r = { 0 };
		struct search_hit *m;
		size_t nm;

		if (scope_ranges(ctx, &f, &r) == 0 &&
		    r.n <= SCOPE_RANGES_MAX) {
			rc = search_ranges(ctx, query, &r, &m, &nm);
			for (i = 0; i < nm && n < limit && rc == SQLITE_DONE;
			    i++)
				rc = add_hit(ctx, query, &f, m[i].rowid,
				    m[i].score, &hits, &n, &cap);
			free(m);
			got = 0;
		}
		free(r.v);
	}
	/* the best of the recommendations the filter's indexed condition
	 * holds, ranked in one pass (a common word --overdue at a million:
	 * 6.7 s, ranking every match, before), unless tried above */
	if (got < 0 && rc == SQLITE_DONE && few && !scoped &&
	    limit <= SEARCH_TOP_MAX && filter_on_recs(&f) &&
	    among == AMONG_NOT) {
		rc = search_among(ctx, query, &f, limit, 0, &hits, &n, &cap,
		    &among);
		if (among == AMONG_DONE)
			got = 0;
	}
	/* every hit wanted: ranking every match costs far more than
	 * looking for few members first */
	if (limit == (size_t)-1)
		few = 1;
	/* (an owner or addressee alone was tried first, above) */
	if (got < 0 && rc == SQLITE_DONE && few && !scoped &&
	    filter_on_recs(&f) && !filter_text_alone(&f)) {
		int mrc = search_members_of(ctx, query, &f, limit, &hits, &n,
		    &cap);

		if (mrc != -1) {
			rc = mrc;
			got = 0;
		}
	}
	if (got < 0 && rc == SQLITE_DONE) {
		st = db_stmt(ctx->db, ST_SEARCH);
		db_bind_text(st, 1, query);
		/* with no filter to reject hits, SQLite need keep only the
		 * best */
		sqlite3_bind_int64(st, 2, unfiltered ? (long long)limit : -1);
		while (n < limit && rc == SQLITE_DONE) {
			int step = sqlite3_step(st);

			if (step != SQLITE_ROW) {
				rc = step;
				break;
			}
			rc = add_hit(ctx, query, &f, sqlite3_column_int64(st, 0),
			    sqlite3_column_double(st, 1), &hits, &n, &cap);
		}
		sqlite3_reset(st);	/* (on an error, its message stays) */
	}
	if (rc != SQLITE_DONE) {
		const char *why = sqlite3_errmsg(db_handle(ctx->db));

		if (strstr(why, "fts5") != NULL || strstr(why, "syntax") ||
		    strstr(why, "column"))
			error("cannot read the search '%s': put words, \"a "
			    "phrase\", or prefix* on both sides of AND, OR and "
			    "NOT, and close every bracket", argv[1]);
		else
			error("search failed: %s", why);
		rc = RT_FAIL;
	} else {
		write_hits(ctx, fmt, hits, n, 1);
		rc = RT_OK;
	}
	for (i = 0; i < n; i++)
		hit_free(&hits[i]);
	free(hits);
	free(query);
	return rc;
}

/* Words too common in committee papers to tell recommendations apart. */
static const char *const stop[] = {
	"that", "this", "with", "from", "have", "been", "also", "such",
	"other", "more", "into", "their", "they", "them", "were", "which",
	"will", "would", "could", "should", "council", "councils",
	"recommend", "recommends", "recommendation", "recommendations",
	"committee", "consider", "considers", "ensure", "ensures", "include",
	"including", "those", "within", "where", "whether", "what", "there",
	"these", "than", "then", "when", "while", "about", "being", "make",
	"made", "only", "over", "some", "very", "well", "most", "each",
	"must", "upon", NULL,
};

struct term {
	char *term;
	int tf, own;		/* occurrences; texts of its own holding it */
	int last;		/* the text it was last seen in */
	int first;		/* and first (title, text, findings) */
	double weight;
};

struct terms {
	struct term *v;
	size_t n, cap;
};

static int
cmp_term(const void *a, const void *b)
{
	const struct term *x = a, *y = b;

	if (x->weight != y->weight)
		return x->weight < y->weight ? 1 : -1;
	return strcmp(x->term, y->term);
}

/* Every word of one text: letters and digits (any byte of a UTF-8 letter
 * counts), lowercased, four characters or more, not stop words; added to
 * t->v as terms of one occurrence in text which, to be counted by
 * count_terms(). */
static void
words_of(struct terms *t, const char *text, int which)
{
	const unsigned char *p = (const unsigned char *)text;
	struct buf w = BUF_INIT;

	while (*p) {
		buf_reset(&w);
		while (*p && (isalnum(*p) || *p >= 0x80))
			buf_addc(&w, (char)tolower(*p++));
		if (w.len == 0) {
			p++;
			continue;
		}
		if (w.len < 4 || isdigit((unsigned char)w.s[0]) ||
		    vocab_find(stop, w.s) >= 0)
			continue;
		t->v = xgrow(t->v, &t->cap, t->n + 1, sizeof *t->v);
		t->v[t->n].term = xstrdup(w.s);
		t->v[t->n].tf = 1;
		t->v[t->n].own = 1;
		t->v[t->n].last = t->v[t->n].first = which;
		t->v[t->n].weight = 0;
		t->n++;
	}
	buf_release(&w);
}

static int
cmp_word(const void *a, const void *b)
{
	const struct term *x = a, *y = b;
	int c = strcmp(x->term, y->term);

	return c ? c : (x->last > y->last) - (x->last < y->last);
}

/* The most frequent first, then those of the earliest text (the title,
 * the text, the first findings), then alphabetical. */
static int
cmp_tf(const void *a, const void *b)
{
	const struct term *x = a, *y = b;

	if (x->tf != y->tf)
		return x->tf < y->tf ? 1 : -1;
	if (x->first != y->first)
		return x->first < y->first ? -1 : 1;
	return strcmp(x->term, y->term);
}

/*
 * Make the words of words_of() terms, each once with its occurrences and
 * the number of texts holding it, by sorting rather than looking each up
 * (a long recommendation has tens of thousands), and keep the max most
 * frequent (then the earliest): each is looked up in the index.
 */
static void
count_terms(struct terms *t, size_t max)
{
	size_t i, n = 0;

	if (t->n > 1)
		qsort(t->v, t->n, sizeof *t->v, cmp_word);
	for (i = 0; i < t->n; i++) {
		if (n > 0 && strcmp(t->v[n - 1].term, t->v[i].term) == 0) {
			t->v[n - 1].tf++;
			t->v[n - 1].own += t->v[n - 1].last != t->v[i].last;
			t->v[n - 1].last = t->v[i].last;
			free(t->v[i].term);
			continue;
		}
		t->v[n++] = t->v[i];
	}
	t->n = n;
	if (t->n > max) {
		qsort(t->v, t->n, sizeof *t->v, cmp_tf);
		for (i = max; i < t->n; i++)
			free(t->v[i].term);
		t->n = max;
	}
}

static int
cmd_similar(struct ctx *ctx, void *opts, int argc, char **argv)
{
	struct search_opts *so = opts;
	enum out_format fmt = so->fmt;
	struct terms t = { NULL, 0, 0 };
	struct hit *hits = NULL, h;
	struct filter none;
	struct buf q = BUF_INIT;
	size_t nterms = 0, n = 0, hcap = 0, limit = so->limit, i;
	sqlite3_stmt *st;
	double rows;
	long long id;
	int opt, rc = RT_OK;

	(void)argc;
	if ((id = handle_resolve(ctx->db, argv[1])) == 0)
		return RT_FAIL;
	/* its words, weighed by tf x log(rows / df), where df is how many
	 * index rows hold the word, counted only up to a cap: past it a word
	 * is too common to tell recommendations apart */
	st = db_stmt(ctx->db, ST_SIMILAR_TEXTS);
	sqlite3_bind_int64(st, 1, id);
	for (opt = 0; sqlite3_step(st) == SQLITE_ROW; opt++)
		words_of(&t, stored_text(st, 0), opt);
	sqlite3_reset(st);
	count_terms(&t, SIMILAR_MAX_TERMS);
	st = db_stmt(ctx->db, ST_SIMILAR_ROWS);
	rows = sqlite3_step(st) == SQLITE_ROW ?
	    6.0 * (double)sqlite3_column_int64(st, 0) : 1.0;
	sqlite3_reset(st);
	for (i = 0; i < t.n; i++) {
		struct buf w = BUF_INIT;
		double df;

		buf_printf(&w, "{title text finding} : \"%s\"", t.v[i].term);
		st = db_stmt(ctx->db, ST_SIMILAR_DF);
		db_bind_text(st, 1, w.s);
		sqlite3_bind_int64(st, 2, DF_CAP);
		df = sqlite3_step(st) == SQLITE_ROW ?
		    sqlite3_column_double(st, 0) : 0;
		sqlite3_reset(st);
		buf_release(&w);
		/* only its own texts hold it, or too common: no use */
		t.v[i].weight = df <= t.v[i].own || df >= DF_CAP ? 0 :
		    t.v[i].tf * log(rows / df);
	}
	if (t.n > 1)
		qsort(t.v, t.n, sizeof *t.v, cmp_term);
	for (i = 0; i < t.n && t.v[i].weight > 0; i++)
		nterms = i + 1;
	buf_adds(&q, "{title text finding} : (");
	for (i = 0; i < nterms && i < 12; i++)
		buf_printf(&q, "%s\"%s\"", i ? " OR " : "", t.v[i].term);
	buf_addc(&q, ')');
	if (nterms > 0) {
		st = db_stmt(ctx->db, ST_SIMILAR);
		db_bind_text(st, 1, q.s);
		sqlite3_bind_int64(st, 2, SEARCH_REC);
		sqlite3_bind_int64(st, 3, SEARCH_MEET);
		sqlite3_bind_int64(st, 4, id);
		sqlite3_bind_int64(st, 5, limit == (size_t)-1 ? -1 :
		    (long long)limit);
		memset(&none, 0, sizeof none);
		while ((opt = sqlite3_step(st)) == SQLITE_ROW) {
			memset(&h, 0, sizeof h);
			if (describe(ctx, SEARCH_REC +
			    (sqlite3_column_int64(st, 0) << 16), &none, &h))
				continue;
			h.score = sqlite3_column_double(st, 1);
			hits = xgrow(hits, &hcap, n + 1, sizeof *hits);
			hits[n++] = h;
		}
		if (opt != SQLITE_DONE) {
			db_error(ctx->db, "similar failed");
			rc = RT_FAIL;
		}
		sqlite3_reset(st);
	}
	if (rc == RT_OK)
		write_hits(ctx, fmt, hits, n, 1);
	for (i = 0; i < n; i++)
		hit_free(&hits[i]);
	for (i = 0; i < t.n; i++)
		free(t.v[i].term);
	free(hits);
	free(t.v);
	buf_release(&q);
	return rc;
}
