#ifndef RECTRACK_RECLOAD_H
#define RECTRACK_RECLOAD_H

#include <stddef.h>

#include "db.h"
#include "record.h"

/*
 * The one loader of a recommendation from the database: the only code
 * that reads a recommendation's parts (its row, findings, evidence,
 * response with actions, replaced responses, updates). It fills the same
 * struct rec_rec that the YAML reader produces, so that every writer
 * (export, show) walks one struct, and import compares a stored
 * recommendation with a file's field by field (record_*_same()).
 *
 * A struct rec_loaded holds one recommendation and owns its strings and
 * arrays. Reuse one holder for many recommendations: each rec_load()
 * replaces what the last one loaded, reusing its memory, so that loading
 * the next one allocates nothing once the holder has grown to fit.
 *
 * Values are as stored: SQL NULL is NULL (so "not stated"), whatever the
 * schema says (a file edited around rectrack may hold anything: readers
 * that need text use "" for NULL, as stored_text() does). Lists are in
 * their stored order: findings and evidence by position, actions by
 * number, replaced responses oldest first, updates in the one order of
 * db-sql.c (UPDATE_ORDER, oldest first).
 *
 * What the struct holds beyond the file's fields: an action's number
 * (action_rec.num, actions.id); for an evidence item cited from the
 * review's catalogue, ref (its id) and also its fields (eid, kind,
 * title, date, text, url), for writers that show it whole;
 * response.cli and cli_fields from the stored marks; an update's num,
 * and for a retraction every field of the update it withdrew
 * (retracts, given UK_ALL) and its num (retracts_num), for the update
 * withdrawn the retraction's num (retracted_by).
 */

/* Parts to load (rec_load_from); the recommendation's row always. */
#define REC_LOAD_FINDINGS	0x01
#define REC_LOAD_EVIDENCE	0x02
#define REC_LOAD_RESPONSE	0x04	/* the response and its actions */
#define REC_LOAD_REPLACED	0x08	/* responses replaced (with RESPONSE) */
#define REC_LOAD_UPDATES	0x10
#define REC_LOAD_ALL		0x1f

struct rec_block;

struct rec_loaded {
	struct rec_rec rec;		/* the recommendation */
	long long id;			/* recs.id */
	long long review_id;		/* reviews.id */
	long long committee_id;		/* committees.id */
	const char *rid;		/* the review's id */
	const char *cid;		/* the committee's id */
	/* the loader's storage, reused by the next rec_load() */
	struct response_rec response;
	size_t cap_findings, cap_evidence, cap_actions, cap_replaced;
	size_t cap_updates;
	struct rec_block *blocks, *cur;
};

#define REC_LOADED_INIT { .id = 0 }

/* A statement of db-sql.c, reset and unbound, from src; NULL on error
 * (search.h's search_stmt_fn has this type). */
typedef sqlite3_stmt *rec_stmt_fn(void *src, enum stmt_id id);

/*
 * Load the parts of recommendation rec_id into h, reading with
 * statements from stmt(src) (each reset again before return). Returns 1
 * when loaded, 0 when there is no such recommendation, -1 when a read
 * failed (not reported: the connection's error says why).
 */
int rec_load_from(rec_stmt_fn *stmt, void *src, long long rec_id,
    unsigned parts, struct rec_loaded *h);
/* Every part, with db_stmt(); 1, 0 (no such recommendation, not
 * reported), or -1 after reporting. */
int rec_load(struct db *db, long long rec_id, struct rec_loaded *h);
/*
 * A row of actions in the columns of ST_LOAD_ACTIONS (id, aid, text,
 * owner, due, status, note, source, status_date) as a record, its texts borrowed from
 * st until its next step: for a meeting's actions, which belong to no
 * recommendation.
 */
void rec_action_row(sqlite3_stmt *st, struct action_rec *a);
/* Free what h holds; h is then as REC_LOADED_INIT. */
void rec_loaded_free(struct rec_loaded *h);

#endif
