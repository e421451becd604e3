#ifndef RECTRACK_DB_SQL_H
#define RECTRACK_DB_SQL_H

#include "db.h"

/*
 * The SQL text of rectrack: schema migrations (applied in order, each in
 * the transaction that sets user_version to its index + 1) and every
 * statement, indexed by enum stmt_id.
 */
extern const char *const db_migrations[];
extern const int db_nmigrations;
extern const char *const db_sql[ST_COUNT];
/* The indexes a bulk import drops and makes again (the stored
 * derivation's secondary ones, and those of owners and addressees):
 * { DROP, CREATE } each, the CREATE as migration 10 wrote it; ends with
 * { NULL, NULL }. */
extern const char *const db_derived_indexes[][2];
/* The triggers that keep review_counts (migration 11), the same way. */
extern const char *const db_counts_triggers[][2];
/* The triggers on review_counts that keep committee_counts (migration
 * 12), the same way. */
extern const char *const db_ccounts_triggers[][2];

#endif
