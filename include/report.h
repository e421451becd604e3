#ifndef RECTRACK_REPORT_H
#define RECTRACK_REPORT_H

#include <stdio.h>

#include "buf.h"
#include "cmd.h"
#include "output.h"

/*
 * The status report: cmd-report.c gathers it (committees, their reviews,
 * their recommendations, and with --since the updates since then) into
 * this model, in list order, its derived fields taken from struct recview;
 * one writer per format (report-markdown.c, report-html.c, report-csv.c,
 * report-json.c) lays it out, with the pieces they share from report.c.
 * Every string is owned by the model.
 */

/* An action of the executive's response. */
struct raction {
	char *aid, *text, *owner, *due, *status;
	char *status_date;	/* when the status took effect, or NULL */
};

/* A move of the target date: an update that changed only the date. */
struct rmove {
	char *date, *from, *to, *reason, *by;
};

struct rrec {
	char *handle, *ref, *brief, *status, *rag, *owner, *due;
	char *title, *text;		/* the title (or NULL); the full text */
	char *activity;		/* last recorded: update or response */
	char response_due[11];	/* its own (response_within); "" unknown */
	int open, overdue, response_overdue, stale, has_response;
	/* the executive's response: NULL when none */
	char *decision, *response_date, *response_by, *response_text;
	struct raction *actions;
	size_t nactions;
	/* the target date as first set, as now (due), and its moves */
	char *first_due;
	int slipped;
	struct rmove *moves;
	size_t nmoves;
	/* the latest progress update (not a date move): NULL when none */
	char *progress_date, *progress_note, *progress_status;
	char *rag_reason;		/* "" for none (green) */
	char *stated_rag;		/* the council's own, or NULL */
	char *rag_then;			/* with --since: the RAG then */
	int awaiting_signoff;
};

struct rreview {
	char *rid, *title, *stage, *year, *published, *submitted;
	char stage_since[11];		/* when it reached the stage; "" */
	char response_due[11];		/* the earliest of its recommendations' */
	char *response_date;		/* the latest response received */
	int nresponses;
	int pending;			/* open, without a response */
	int counts[16];			/* by vocab_status index */
	struct rrec *recs;
	size_t n, cap;
};

struct rcommittee {
	char *cid, *name, *authority;
	struct rreview *reviews;
	size_t n, cap;
};

struct change {
	char *date, *handle, *from, *to, *due, *by, *note;
	char *name;		/* "Review, ref: title" as members name it */
	int forced;
	int moved;		/* the target date moved (to due) */
	size_t seq;
};

struct report {
	struct ctx *ctx;
	const char *since;
	const char *title, *meeting;	/* --title, --meeting, or NULL */
	struct rcommittee *c;
	size_t n, cap;
	struct change *changes;
	size_t nchanges, changecap;
	size_t nrecs;
};

/* Write the whole report to fp in fmt (markdown, html, csv or json). */
void report_write(const struct report *rp, enum out_format fmt, FILE *fp);
/* Write the report as a spreadsheet to the new file path (report-xlsx.c,
 * libxlsxwriter); 0, -1 after reporting, or -2 after reporting that path
 * is a terminal (a usage error). */
int report_xlsx(const struct report *rp, const char *path);

/* The writers, one per format: each writes the whole report to fp. */
void report_markdown(const struct report *rp, FILE *fp);
void report_html(const struct report *rp, FILE *fp);
void report_csv(const struct report *rp, FILE *fp);
void report_json(const struct report *rp, FILE *fp);

/* What the writers share (report.c). */

/* Each recommendation of the report, in order, with its committee c and
 * review v. */
#define FOR_RECS(rp, c, v, x) \
	for (size_t ci_ = 0; ci_ < (rp)->n; ci_++) \
	for (size_t vi_ = 0; vi_ < (rp)->c[ci_].n; vi_++) \
	for (size_t xi_ = 0; xi_ < (rp)->c[ci_].reviews[vi_].n; xi_++) \
	if (((c) = &(rp)->c[ci_]), ((v) = &(c)->reviews[vi_]), \
	    ((x) = &(v)->recs[xi_]), 1)

/* The lists after the reviews. */
enum report_list { LIST_OVERDUE, LIST_RESPONSE_OVERDUE, LIST_SIGNOFF,
    LIST_STALE, LIST_RAG_CHANGED };

/* The lists, as the writers lay them out: a heading, a line that says
 * what the list holds (or NULL), the columns' headings; the first
 * column names the recommendation (each writer its own way), the others
 * are report_list_cell(). */
struct report_listdef {
	enum report_list which;
	const char *title, *intro;
	const char *heads[4];
	int ncols;
};
extern const struct report_listdef report_lists[];
extern const size_t report_nlists;

/* x as members name it (review title, ref, brief text), escaped by esc,
 * then its handle in small print opened by small. */
void report_name(struct buf *b, const struct rreview *v,
    const struct rrec *x, void (*esc)(struct buf *, const char *),
    const char *small);

/* Column col (1 or more) of the list l for x, as text. */
void report_list_cell(struct buf *b, const struct report_listdef *l,
    const struct rrec *x, int col);

/* Whether x belongs in the list which. */
int report_in_list(const struct rrec *x, enum report_list which);
/* How many recommendations the list which holds. */
size_t report_count(const struct report *rp, enum report_list which);
/* Percentage of a review's recommendations implemented, rounded. */
int report_implemented(const struct rreview *v);
/* The executive response, as "received 2024-04-18 (10 of 10)", "due
 * 2024-03-31, overdue", ... */
void report_response_state(struct buf *b, const struct rreview *v,
    const char *today);
/* "As at DATE: N recommendations in R reviews of C committees." */
void report_summary(struct buf *b, const struct report *rp);
/* The paper's heading: --title, else "Scrutiny recommendations: status
 * report". */
const char *report_title(const struct report *rp);
/* The RAG in words: "Red", "Amber", "Green", "Blue", "Grey" (else the
 * value as stored). */
const char *report_rag_word(const char *rag);
/* The latest progress as "DATE: note" (nothing without one). */
void report_progress(struct buf *b, const struct rrec *x);
/* The target date: "2026-09-30 (first set 2026-03-31; moved 2 times)",
 * "2026-03-31", or "not set". */
void report_target(struct buf *b, const struct rrec *x);
/* A move as "DATE: FROM → TO (reason)". */
void report_move(struct buf *b, const struct rmove *m);
/* An action as "A1: text (owner X; due D; status S [since DATE])". */
void report_action(struct buf *b, const struct raction *a);
/* The executive's decision and date, "accepted, 2024-04-18 (Executive)",
 * or "no response". */
void report_decision(struct buf *b, const struct rrec *x);
/* The RAG's reason, with the council's own RAG where stated: "no target
 * date set; council's RAG: Green". */
void report_rag_detail(struct buf *b, const struct rrec *x);
/* A change of status, its words escaped by esc (a status may be any
 * text in a file edited around rectrack). */
void report_change_text(struct buf *b, const struct change *ch,
    void (*esc)(struct buf *, const char *));

/*
 * The columns of the report as one row per recommendation, in order: the
 * CSV (report-csv.c) and the spreadsheet (report-xlsx.c) write these, so
 * that both say the same in the same words.
 */
enum rcol_kind { RCOL_TEXT, RCOL_DATE, RCOL_NUMBER, RCOL_RAG, RCOL_LONG };

struct rcol {
	const char *heading;	/* plain English: "Ref", "Recommendation" */
	enum rcol_kind kind;
	double width;		/* in a spreadsheet, characters */
};

extern const struct rcol report_cols[];
extern const size_t report_ncols;

/* Column col of recommendation x (of committee c, review v) into b as
 * text ("" when there is nothing; a number in digits; a RAG in words). */
void report_cell(struct buf *b, const struct report *rp,
    const struct rcommittee *c, const struct rreview *v,
    const struct rrec *x, size_t col);

#endif
