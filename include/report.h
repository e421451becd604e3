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

struct rrec {
	char *handle, *ref, *brief, *status, *rag, *owner, *due;
	char *last_update, *last_note;
	char *activity;		/* last recorded: update or response */
	int open, overdue, response_overdue, stale, has_response;
};

struct rreview {
	char *rid, *title, *stage, *year, *published, *submitted;
	char response_due[11];
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
	int forced;
	size_t seq;
};

struct report {
	struct ctx *ctx;
	const char *since;
	struct rcommittee *c;
	size_t n, cap;
	struct change *changes;
	size_t nchanges, changecap;
	size_t nrecs;
};

/* Write the whole report to fp in fmt (markdown, html, csv or json). */
void report_write(const struct report *rp, enum out_format fmt, FILE *fp);

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
enum report_list { LIST_OVERDUE, LIST_RESPONSE_OVERDUE, LIST_STALE };

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
/* The latest update as "DATE: note" (nothing without one). */
void report_last_update(struct buf *b, const struct rrec *x);
/* A change of status, its words escaped by esc (a status may be any
 * text in a file edited around rectrack). */
void report_change_text(struct buf *b, const struct change *ch,
    void (*esc)(struct buf *, const char *));

#endif
