#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "derived.h"
#include "date.h"
#include "db-sql.h"
#include "diag.h"
#include "search.h"
#include "store.h"
#include "track.h"
#include "vocab.h"

/* The target date req moves (to a date other than the one set), or sets
 * for the first time with a reason: either is recorded as an update. */
static int
track_moves_due(const struct rec_now *now, const struct track_req *req)
{
	if (req->due == NULL)
		return 0;
	if (now->due == NULL)
		return req->reason != NULL;
	return strcmp(req->due, now->due) != 0;
}

/* What req records besides a target date: a status, a note, a RAG or a
 * sign-off. */
static int
track_has_body(const struct rec_now *now, const struct track_req *req)
{
	return (req->status != NULL && strcmp(req->status, now->status)) ||
	    req->note != NULL || req->rag != NULL || req->signed_off;
}

static int
track_writes_update(const struct rec_now *now, const struct track_req *req)
{
	return track_has_body(now, req) || track_moves_due(now, req);
}

const char *
track_note_needed(const char *status)
{
	if (!strcmp(status, "implemented"))
		return "the evidence that it was implemented";
	if (!strcmp(status, "not-implemented"))
		return "the reason it was not";
	return NULL;
}

static int
track_error(char *err, size_t errsize, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int
track_error(char *err, size_t errsize, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, errsize, fmt, ap);
	va_end(ap);
	return -1;
}

/* -1 with a message when word is not one of list (what it is: what). */
static int
track_word(const char *what, const char *const *list, const char *word,
    char *err, size_t errsize)
{
	char *all;

	if (vocab_find(list, word) >= 0)
		return 0;
	all = vocab_join(list);
	track_error(err, errsize, "unknown %s '%s' (one of: %s)", what, word,
	    all);
	free(all);
	return -1;
}

/* The move now->status to 'to' outside the usual path: what the message
 * says can be done instead. */
static int
track_refuse_move(const char *from, const char *to, char *err,
    size_t errsize)
{
	char *moves = status_moves(from);

	if (*moves)
		track_error(err, errsize, "cannot move from '%s' to '%s'; from "
		    "'%s' it can go to: %s (or stay '%s' with a note); --force "
		    "records it anyway", from, to, from, moves, from);
	else
		track_error(err, errsize, "cannot move from '%s' to '%s': '%s' "
		    "is closed (only a note keeping '%s' is allowed); --force "
		    "records it anyway", from, to, from, from);
	free(moves);
	return -1;
}

int
track_check(const struct rec_now *now, const struct track_req *req,
    char *err, size_t errsize)
{
	const char *to = req->status != NULL ? req->status : now->status;
	int moves = strcmp(to, now->status) != 0;

	if (track_word("status", vocab_status, to, err, errsize) < 0 ||
	    (req->rag != NULL &&
	    track_word("rag", vocab_rag, req->rag, err, errsize) < 0))
		return -1;
	if (req->signed_off && !status_closed(to))
		return track_error(err, errsize, "'%s' is still open: only a "
		    "closed recommendation can be signed off; record that it was "
		    "implemented first ('rectrack status %s implemented "
		    "--note EVIDENCE'), then sign it off", to, now->handle);
	if (req->signed_off && !moves && now->signed_off != NULL)
		return track_error(err, errsize, "already signed off on %s; "
		    "nothing to record", now->signed_off);
	/* the same day written otherwise (2023-01 as 2023-01-31) is no
	 * slip, and needs no reason */
	if (req->due != NULL && now->due != NULL && req->reason == NULL &&
	    !due_same(now->due, req->due))
		return track_error(err, errsize, "the target date is already "
		    "%s; moving it needs --reason (it is recorded, so the slip "
		    "stays visible)", now->due);
	/* the same target date, or a first one: the date of no update */
	if (req->due != NULL && !track_writes_update(now, req))
		return 0;
	if (now->last_date != NULL && strcmp(req->date, now->last_date) < 0)
		return track_error(err, errsize, "an update dated %s is already "
		    "recorded; the history runs in date order, so --date must "
		    "be %s or later", now->last_date, now->last_date);
	if (!track_writes_update(now, req))
		return track_error(err, errsize, "the status is already '%s'; "
		    "to record progress, give --note", to);
	if (moves && req->note == NULL && track_note_needed(to) != NULL)
		return track_error(err, errsize, "marking a recommendation %s "
		    "needs --note: %s", to, track_note_needed(to));
	if (moves && !req->force && !status_move_allowed(now->status, to))
		return track_refuse_move(now->status, to, err, errsize);
	return 0;
}

int
track_updates(const struct rec_now *now, const struct track_req *req)
{
	int body = track_has_body(now, req), move = track_moves_due(now, req);

	/* as track_record(): the move joins the body's update unless the
	 * request has both a note and a reason */
	return body + (move && (!body || (req->note != NULL &&
	    req->reason != NULL)));
}

int
track_record(struct ctx *ctx, long long id, const struct rec_now *now,
    const struct track_req *req)
{
	struct update_rec u = { 0 };
	int move = track_moves_due(now, req);

	/* its stored derivation is made again before the commit */
	derived_changed(ctx->db, RV_REC, id);
	if (req->due != NULL && now->due == NULL && req->reason == NULL) {
		sqlite3_stmt *st = db_stmt(ctx->db, ST_REC_SET_DUE);

		sqlite3_bind_int64(st, 1, id);
		db_bind_text(st, 2, req->due);
		if (db_exec_stmt(ctx->db, st) < 0)
			return -1;
	}
	u.date = req->date;
	u.status = req->status != NULL ? req->status : now->status;
	u.by = req->by;
	u.forced = req->force && strcmp(u.status, now->status) != 0 &&
	    !status_move_allowed(now->status, u.status);
	if (track_has_body(now, req)) {
		u.note = req->note;
		u.rag = req->rag;
		u.signed_off = req->signed_off;
		/* a note and a reason are two updates: the progress, then
		 * the move, so each reads as what it is */
		if (move && (req->note == NULL || req->reason == NULL)) {
			u.due = req->due;
			if (u.note == NULL)
				u.note = req->reason;
			move = 0;
		}
		if (store_update_cli(ctx->db, id, &u) < 0)
			return -1;
	}
	if (move) {
		memset(&u, 0, sizeof u);
		u.date = req->date;
		u.status = req->status != NULL ? req->status : now->status;
		u.by = req->by;
		u.due = req->due;
		u.note = req->reason;
		if (store_update_cli(ctx->db, id, &u) < 0)
			return -1;
	}
	return search_index_rec(ctx->db, id);
}
