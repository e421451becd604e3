#ifndef RECTRACK_TRACK_H
#define RECTRACK_TRACK_H

#include <stddef.h>

#include "cmd.h"

/*
 * One update to one recommendation, as 'status', 'set --due', 'signoff'
 * and 'returns' record it, under one set of rules (track.c): the move on
 * the usual path (or forced), the history in date order, a moved target
 * date needs a reason, implemented and not-implemented need a note, a
 * sign-off only on a closed status, a RAG from red, amber, green, blue.
 * Every text has passed cmd_text_arg()'s checks (or the same checks by
 * another door) before it is put here.
 */
struct track_req {
	const char *status;	/* the new status; NULL keeps the current */
	const char *note;	/* progress, evidence or reason; may be NULL */
	const char *by;		/* who reports it; may be NULL */
	const char *date;	/* YYYY-MM-DD the update took effect */
	const char *due;	/* a new target date; NULL leaves it */
	const char *reason;	/* why the target date moved */
	const char *rag;	/* the council's own RAG, or NULL */
	int signed_off;		/* the committee signs it off */
	int force;		/* a move outside the usual path */
};

/*
 * Whether req may be recorded on a recommendation now in state *now
 * (rec_now() inside the caller's transaction). 0 when it may; else -1
 * with a one-line message in err (no position, no handle: the caller adds
 * its own FILE:LINE:COLUMN or "HANDLE: "). The rules, in the order they
 * are tried:
 *   - the status (req->status, or the current one) is a word of
 *     vocab_status, and the rag, when given, one of vocab_rag;
 *   - a sign-off needs the status after the update to be closed, and a
 *     recommendation signed off already (now->signed_off, its status
 *     unchanged) is not signed off twice: "already signed off on D";
 *   - a target date already set moves (a due that differs) only with a
 *     reason: "the target date is already D; moving it needs --reason";
 *   - a due that is the one set, or a first due without a reason, records
 *     no update (track_record() sets the first on the recommendation):
 *     allowed, whatever the date, when nothing else is asked;
 *   - the history runs in date order: req->date must not be before
 *     now->last_date ("... so --date must be D or later");
 *   - something must be recorded: a new status, a note, a moved date, a
 *     rag or a sign-off ("the status is already S; to record progress,
 *     give --note");
 *   - a move to implemented or not-implemented needs a note
 *     (track_note_needed());
 *   - a move off the usual path (status_move_allowed()) needs force.
 * The messages name the fix as the command line spells it (--note,
 * --reason, --date, --force), since three of the four callers are
 * commands; another door may map those names onto its own fields.
 * Nothing is read or written.
 */
int track_check(const struct rec_now *now, const struct track_req *req,
    char *err, size_t errsize);

/*
 * Record req (already passed by track_check()) on recommendation id
 * inside the caller's transaction, then put back its search index rows:
 * the caller has announced the change with search_changing_rec() first
 * (cmd_write_rec() does). What is written:
 *   - a first target date without a reason: the recommendation's own due
 *     (marked as set by the command line, as 'set' does), no update;
 *   - a status, note, rag or sign-off: one update dated req->date, by
 *     req->by, with the status (or the current one), note, rag and
 *     signed_off, forced when req->force made a move off the usual path;
 *     a moved target date goes in the same update, with the reason as its
 *     note when req has no note;
 *   - when req has both a note and a reason for a moved date, two updates
 *     of the same date: the note's first, then the move's (the same
 *     status, the due, the reason as note), so that each reads as what it
 *     is in 'show' and the report;
 *   - a moved date alone: one update, the status unchanged, the due, the
 *     reason as note.
 * 0, or -1 after reporting a database error. The caller commits.
 */
int track_record(struct ctx *ctx, long long id, const struct rec_now *now,
    const struct track_req *req);

/*
 * How many updates track_record() writes for req (passed by
 * track_check()) on a recommendation in state *now: 0 (a first target
 * date without a reason, or nothing), 1, or 2 (a note and a reason for a
 * moved date). Nothing is read or written.
 */
int track_updates(const struct rec_now *now, const struct track_req *req);

/*
 * What a note must say to move a recommendation to status (the evidence
 * of implemented, the reason for not-implemented: committees sign off on
 * evidence, not on a word), or NULL when status needs no note.
 */
const char *track_note_needed(const char *status);

#endif
