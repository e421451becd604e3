#ifndef RECTRACK_REPORT_H
#define RECTRACK_REPORT_H

#include <stdio.h>

#include "cmd.h"

/*
 * The status report: cmd-report.c gathers it (committees, their reviews,
 * their recommendations, and with --since the updates since then) into
 * this model, in list order; report-out.c writes it in each format. Every
 * string is owned by the model.
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

/* The writers: each writes the whole report to fp. */
void report_markdown(const struct report *rp, FILE *fp);
void report_html(const struct report *rp, FILE *fp);
void report_csv(const struct report *rp, FILE *fp);
void report_json(const struct report *rp, FILE *fp);

#endif
