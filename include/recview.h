#ifndef RECTRACK_RECVIEW_H
#define RECTRACK_RECVIEW_H

#include "db.h"

/*
 * A recommendation as the commands show it: its stored fields and the
 * fields derived from its history against a date (format.md's status
 * rules, cli.md's derived fields). recview_each() runs one query and calls
 * back once per recommendation, in the order committee id, review, ref as
 * stored; the strings are borrowed for the duration of the call.
 */

struct recview {
	long long id;
	long long review_row;
	const char *handle;		/* REVIEW/REF */
	const char *rid, *ref, *title, *addressee, *text, *owner;
	const char *cid, *cname, *authority, *review_title;
	const char *stage, *submitted, *published;
	const char *decision, *response_date;	/* decision NULL: none */
	int has_response;
	const char *due;		/* the current target date */
	const char *last_update;	/* date of the latest update */
	const char *last_activity;	/* latest update or response date */
	const char *last_note;		/* the latest update's note */
	const char *year;		/* the review's municipal year */
	/* derived */
	const char *status;
	int open, overdue, response_overdue, awaiting, stale;
	int slipped;
	const char *rag;		/* red, amber, green */
	char response_due[11];		/* "" when the review has no submitted */
};

struct filter {
	long long committee;		/* row id, 0 for any */
	long long review;		/* row id, 0 for any */
	long long rec;			/* row id, 0 for any */
	unsigned statuses;		/* bit per vocab_status index; 0 any */
	int open, closed;
	int overdue, response_overdue, stale;
	const char *owner, *addressee, *authority;	/* substrings */
	const char *due_before, *updated_since;		/* dates */
};

typedef int (*recview_fn)(const struct recview *r, void *arg);

/*
 * Call fn for each recommendation that passes the filter, stopping when fn
 * returns non-zero. Returns 0, or -1 on a database error (reported).
 */
int recview_each(struct db *db, const struct filter *f, const char *today,
    recview_fn fn, void *arg);

/* Whether recommendation rec passes the filter f (1), or not (0). */
int recview_passes(struct db *db, const struct filter *f, const char *today,
    long long rec);
/* The filter says anything about recommendations beyond committee,
 * review and authority. */
int filter_on_recs(const struct filter *f);

/* Derive the fields of r (from its stored ones) against today. */
void recview_derive(struct recview *r, const char *today);

/* An action is overdue: open (no status is open), its due date passed. */
int action_overdue(const char *status, const char *due, const char *today);

#endif
