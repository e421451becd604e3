#ifndef RECTRACK_RECVIEW_H
#define RECTRACK_RECVIEW_H

#include <stddef.h>

#include "db.h"
#include "record.h"

/*
 * A recommendation as the commands show it: its stored fields and the
 * fields derived from its history against a date (format.md's status
 * rules, rectrack.1's DERIVED FIELDS). recview_each() runs one query and calls
 * back once per recommendation, in the order committee id, review, ref as
 * stored; the strings are borrowed for the duration of the call.
 */

struct recview {
	long long id;
	long long review_row;
	long long committee_row;
	long long last_id;		/* the latest update that counts (0) */
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
	REC_SHOWN_TEXTS(REC_TEXT_MEMBER)	/* as stored */
	/* derived */
	const char *status;
	int open, overdue, response_overdue, stale;
	int awaiting;			/* rec_awaiting() */
	int response_pending;		/* awaiting the executive: open, not
					 * answered, the review sent (not a
					 * draft), its due date known or not */
	int slipped;
	const char *rag;		/* red, amber, green, blue, grey */
	char response_due[11];		/* "" when the review has no submitted */
	/* issue 18 (cli.md "Additions of 2026-12"); filled by recview.c */
	const char *first_due;		/* the target date as first set */
	const char *response_within;	/* the nearest stated, or NULL */
	const char *stated_rag;		/* the council's latest, or NULL */
	const char *signed_off;		/* the sign-off's date, or NULL */
	int awaiting_signoff;		/* closed, not signed off */
	char rag_reason[256];		/* "" for green */
	unsigned rag_why;		/* WHY_* of rag_reason */
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
	const char *year;		/* --year YYYY-YY */
	int awaiting_signoff;		/* --awaiting-signoff */
	size_t want;			/* at most this many wanted, in
					 * order (0: all): a hint */
	int any_order;			/* all of them, in any order: the
					 * caller sorts them (with want 0);
					 * through an index, the response
					 * may go unread: decision and
					 * response_date NULL, has_response
					 * then says answered (chase) */
	int want_note;			/* last_note read (a page a row);
					 * else NULL */
};

typedef int (*recview_fn)(const struct recview *r, void *arg);

/*
 * Call fn for each recommendation that passes the filter, stopping when fn
 * returns non-zero. Returns 0, or -1 on a database error (reported).
 */
int recview_each(struct db *db, const struct filter *f, const char *today,
    recview_fn fn, void *arg);

/*
 * For the overviews (stats): fn for each recommendation of committee row
 * committee that passes the filter f, which may not name an owner,
 * addressee, authority or recommendation (-1 if it does), read from
 * its stored derivation alone, no text read: id, status, open, due (its
 * day), response_due, last_activity, signed_off, review_row,
 * committee_row, year, and what is derived from them against today,
 * with rag and rag_why (the kinds of its reasons, not their words:
 * rag_reason is ""). In no order that matters, stopping when fn
 * returns non-zero. 0, or -1 after reporting a database error.
 */
int recview_stored(struct db *db, const struct filter *f, long long committee,
    const char *today, recview_fn fn, void *arg);

/*
 * Each recommendation of the scope, derived from its history rather
 * than from the stored derivation (derived.c's source): RV_REC the one
 * id, RV_REVIEW and RV_COMMITTEE those of the review or committee of
 * row id, RV_ALL every one (id unused), in id order. The date-dependent
 * fields are derived against the end of time and mean nothing; handle
 * is "". Returns what fn stopped with (0 when it never did), or -1
 * after reporting a database error.
 */
enum recview_scope { RV_REC, RV_REVIEW, RV_COMMITTEE, RV_ALL };
int recview_live(struct db *db, enum recview_scope scope, long long id,
    recview_fn fn, void *arg);

/*
 * When the filter's one condition is --owner (or --addressee): fn(id,
 * arg) for the id of each recommendation whose owner holds the text,
 * read from the column's index alone (no row, nothing derived), in no
 * order, stopping when fn returns non-zero. Returns 1 when it did so, 0
 * when the filter says more (or its values cannot be listed; use
 * recview_each()), -1 on a database error (reported). The ids may
 * include a recommendation recview_each() would skip as not described
 * (a row of its missing): callers check what they keep.
 */
int recview_text_ids(struct db *db, const struct filter *f,
    int (*fn)(long long id, void *arg), void *arg);
/*
 * fn(id, arg) for the id of each recommendation that passes the
 * filter's most selective condition with an index (list's), read from
 * that index alone, in no order, stopping when fn returns non-zero: a
 * superset of those that pass the whole filter. Returns 1 when it did
 * so, 0 when no condition has an index (use recview_each()), -1 on a
 * database error (reported).
 */
int recview_ids(struct db *db, const struct filter *f, const char *today,
    int (*fn)(long long id, void *arg), void *arg);
/* About how many recommendations the database holds (the highest id;
 * 0 when it cannot tell). */
size_t recview_held(struct db *db);
/* Fewer than most recommendations pass the filter's indexed condition
 * (recview_ids()): 1, or 0 (also when it has none, or on an error). */
int recview_few(struct db *db, const struct filter *f, const char *today,
    size_t most);
/* The filter's one condition is --owner or --addressee. */
int filter_text_alone(const struct filter *f);

/* Whether recommendation rec passes the filter f (1), or not (0). */
int recview_passes(struct db *db, const struct filter *f, const char *today,
    long long rec);
/* The filter says anything about recommendations beyond committee,
 * review and authority. */
int filter_on_recs(const struct filter *f);
/* ... beyond their status (statuses, --open, --closed) too. */
int filter_beyond_status(const struct filter *f);

/* Derive the fields of r (from its stored ones) against today. */
void recview_derive(struct recview *r, const char *today);

/*
 * The derived facts (cli.md's "Derived fields", format.md's status rules),
 * each decided here and nowhere else: recview_derive() calls them, and so
 * does every command that shows one of them without a struct recview.
 * Dates are YYYY-MM-DD; a target date or 'published' may be a month,
 * YYYY-MM, meaning its last day (date.h due_cmp()); NULL, or a string
 * that is neither, is unknown.
 */

/* date is known and before today: a target or response date passed. */
int date_passed(const char *date, const char *today);
/* The status before any update: from the response, else the stage. */
const char *rec_initial_status(int has_response, const char *decision,
    const char *submitted, const char *stage);
/* The status is not a closed one (one outside the vocabulary is open). */
int rec_open(const char *status);
/* Open, and the target date passed. */
int rec_overdue(int open, const char *due, const char *today);
/* The response_within that applies: the nearest stated (format.md):
 * the recommendation's, else the review's, else the committee's; NULL
 * when none is (a value that is not a period counts as not stated). */
const char *rec_response_within(const char *rec, const char *review,
    const char *committee);
/* submitted + within (NULL: 2 calendar months) into out; "" when
 * submitted is unknown. */
void rec_response_due(const char *submitted, const char *within,
    char out[11]);
/* The status itself says the executive decided: accepted, partially
 * accepted, in progress, or closed. A response is then no longer awaited,
 * recorded or not (recview_derive() passes has_response || this below). */
int rec_status_decided(const char *status);
/* The executive's answer is known: its response, or a status it gave. */
int rec_answered(const struct recview *r);
/* Nothing recorded since: the latest update or response, else the
 * review's own dates; NULL when none is known. */
const char *rec_activity(const struct recview *r);
/* Open without a response, whether or not one is due yet. */
int rec_response_pending(int open, int has_response);
/* Awaiting a response: pending, and the review was submitted (the
 * response due or overdue). */
int rec_awaiting(int open, int has_response, const char *response_due);
/* Awaiting a response, and its due date passed. */
int rec_response_overdue(int open, int has_response,
    const char *response_due, const char *today);
/* Open, and the last activity known is over six months before today. */
int rec_stale(int open, const char *activity, const char *today);
/* Whether a target date set to next, after cur, moved it: a slip. By
 * the day each means: 2023-01 to 2023-01-31 is none. */
int rec_slip(const char *cur, const char *next);
/* The kinds of reason rec_rag() gives, one bit each, in its order. */
enum {
	WHY_OVERDUE = 1, WHY_RESPONSE_OVERDUE = 2, WHY_DUE_SOON = 4,
	WHY_AWAITING = 8, WHY_AWAITING_UNSTATED = 16, WHY_NOT_SENT = 32,
	WHY_NO_TARGET = 64, WHY_STALE = 128, WHY_CLOSED = 256,
	WHY_AWAITING_SIGNOFF = 512, WHY_SIGNED_OFF = 1024,
};
#define WHY_KINDS 11
/*
 * The RAG of r, its other fields derived (cli.md, "Additions of
 * 2026-12"): open, red when overdue or its response is; amber when due
 * within 30 days, awaiting a response (known due or not; a recommendation
 * of a review not yet final is "not yet sent to the executive"), with no
 * target date once accepted, in progress or responded to, or stale; else
 * green. Closed: blue when implemented, grey otherwise. Every reason that
 * applies, in words joined with "; ", into why (size bytes; "" for
 * green), and their kinds (WHY_*) into kinds.
 */
const char *rec_rag(const struct recview *r, const char *today, char *why,
    size_t size, unsigned *kinds);
/* today + 30 days into soon: the last day a target date is "within 30
 * days" ("" when today is not a date). */
void rag_soon(const char *today, char soon[11]);
/* rec_rag() without the words: r's RAG and the kinds of its reasons,
 * its date-dependent fields (overdue, response_overdue, stale) already
 * derived, soon from rag_soon(); rec_rag() words them. */
const char *rec_rag_kinds(const struct recview *r, const char *soon,
    unsigned *kinds);
/* A kind of reason in words without its dates, for counts (stats). */
const char *rag_why_word(unsigned kind);
/* red, amber, green, blue, grey: 0 to 4; anything else 5. */
int rag_rank(const char *rag);
/* An action is overdue: open (no status is open), its due date passed. */
int action_overdue(const char *status, const char *due, const char *today);

#endif
