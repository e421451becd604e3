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
 * Whether req may be recorded on a recommendation now in state *now.
 * 0 when it may; else -1 with a one-line message (no position, no
 * handle: the caller adds its own FILE:LINE:COLUMN or handle) that names
 * the fix, in err. Nothing is read or written.
 */
int track_check(const struct rec_now *now, const struct track_req *req,
    char *err, size_t errsize);

/*
 * Record req (already checked) on recommendation id inside the caller's
 * transaction: an update (or, for a first target date with no reason,
 * the recommendation's own due), and its search index rows. 0 or -1
 * after reporting a database error. The caller commits.
 */
int track_record(struct ctx *ctx, long long id, const struct rec_now *now,
    const struct track_req *req);

#endif
