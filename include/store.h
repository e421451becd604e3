#ifndef RECTRACK_STORE_H
#define RECTRACK_STORE_H

#include "db.h"
#include "record.h"

struct rec_loaded;

/*
 * Writing validated records into the database, matched by their ids
 * (format.md, Import semantics), inside the caller's transaction. Each
 * record is counted as added, changed or unchanged in its kind.
 */

enum store_kind {
	K_COMMITTEE, K_REVIEW, K_MEETING, K_ACTION, K_EVIDENCE, K_REC,
	K_RESPONSE, K_UPDATE, K_COUNT,
};

enum store_change { C_ADDED, C_CHANGED, C_UNCHANGED, C_COUNT };

struct store_stats {
	size_t n[K_COUNT][C_COUNT];
	/*
	 * New catalogue evidence and meetings, indexed by store_finish():
	 * FTS5 flushes its in-memory index whenever a row id is not above
	 * the last, and their row ids lie outside the recommendations'
	 * range, so indexing them as they come would flush at every review.
	 */
	long long *later_evidence, *later_meetings;
	size_t nlater_evidence, nlater_meetings, cap_evidence, cap_meetings;
	/* the recommendation held, loaded to compare with a file's */
	struct rec_loaded *held;
	/* the file being imported: where a 'retracts' that names no
	 * update is (update_rec.retracts_line) */
	const char *file;
	/* the new review being stored, and its committee's
	 * response_within (derived_put_new()) */
	const struct review_rec *review;
	char *committee_within;
};

/* Plural names of the kinds, for summaries ("recommendations"). */
extern const char *const store_kind_name[K_COUNT];

/* Each returns 0, or -1 after reporting a database error. */
int store_committee(struct db *db, const struct committee_rec *c,
    struct store_stats *st, long long *id);
int store_review(struct db *db, long long committee_id,
    const struct review_rec *r, struct store_stats *st);
int store_meeting(struct db *db, long long committee_id,
    const struct meeting_rec *m, struct store_stats *st);
/*
 * Insert an update entered on the command line (status, set --due),
 * stamped 'recorded' with the clock: RECTRACK_NOW when set (tests, CI),
 * else the system's, in UTC; never earlier than a second after the latest
 * stamp the recommendation holds (db-sql.c, ST_UPDATE_CLI), so the update
 * entered last is the latest of its date. u->recorded is ignored. Returns
 * 0, or -1 after reporting (a malformed RECTRACK_NOW, a database error).
 */
int store_update_cli(struct db *db, long long rec_id,
    const struct update_rec *u);
/* The clock as YYYY-MM-DDTHH:MM:SSZ, what store_update_cli() stamps:
 * RECTRACK_NOW when set (tests, CI), else the system's. 0, or -1 after
 * reporting a malformed RECTRACK_NOW. */
int store_clock_stamp(char out[21]);
/* The work left to the end of an import (the index rows above); 0 or -1.
 * Frees what it held; store_stats_free() frees it without the work. */
int store_finish(struct db *db, struct store_stats *st);
void store_stats_free(struct store_stats *st);

#endif
