#ifndef RECTRACK_EXPORT_H
#define RECTRACK_EXPORT_H

#include "db.h"
#include "emit.h"

/*
 * The database written back in the import format (format.md), with a
 * fixed key order and every list in its stored order, so that export ->
 * import into an empty database -> export gives the same bytes.
 */

/* What a document holds. */
#define EXPORT_MEETINGS	0x1
#define EXPORT_REVIEWS	0x2
/* with a review: every meeting of the committee, not only those that
 * served it */
#define EXPORT_ALL_MEETINGS	0x4

/*
 * One document per committee (committee 0: every committee), holding its
 * meetings and/or reviews (review 0: all of them; else that review, and the
 * meetings that served it). Returns the number of documents written, or -1
 * on a database error (reported).
 */
int export_documents(struct db *db, struct emit *e, long long committee,
    long long review, unsigned what);

/* One recommendation as it stands in a review's list, as a document. */
int export_rec(struct db *db, struct emit *e, long long rec_id);

/* The mapping of a recommendation as it stands in a review's list: the
 * one writer of a record in the import format. */
struct rec_rec;
void export_write_rec(struct emit *e, const struct rec_rec *r);

#endif
