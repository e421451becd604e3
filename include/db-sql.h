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

#endif
