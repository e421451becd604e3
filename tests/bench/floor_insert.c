/*
 * The insert floor: SQLite inserting exactly the rows and index entries
 * rectrack stored for a file (read from a database rectrack made from it)
 * into a new database with the same schema, with prepared statements, in
 * one transaction, under the pragmas rectrack uses for a new file.
 *   floor_insert SOURCE_DB TARGET_DB
 */
#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "db.h"

static const char *const tables[] = {
	"committees", "reviews", "review_items", "meetings",
	"meeting_resolved", "recs", "findings", "evidence", "rec_evidence",
	"responses", "actions", "updates", NULL,
};

static int
copy(sqlite3 *h, const char *table, int with_rowid)
{
	struct buf sel = BUF_INIT, ins = BUF_INIT;
	sqlite3_stmt *s = NULL, *i = NULL;
	int n, c, rc = -1;

	/* the column list, from the source */
	buf_printf(&sel, "SELECT %s* FROM src.%s", with_rowid ? "rowid, " :
	    "", table);
	if (sqlite3_prepare_v2(h, sel.s, -1, &s, NULL) != SQLITE_OK)
		goto out;
	n = sqlite3_column_count(s);
	buf_printf(&ins, "INSERT INTO main.%s (", table);
	for (c = 0; c < n; c++)
		buf_printf(&ins, "%s%s", c ? ", " : "",
		    sqlite3_column_name(s, c));
	buf_adds(&ins, ") VALUES (");
	for (c = 0; c < n; c++)
		buf_printf(&ins, "%s?", c ? ", " : "");
	buf_adds(&ins, ")");
	if (sqlite3_prepare_v2(h, ins.s, -1, &i, NULL) != SQLITE_OK)
		goto out;
	while (sqlite3_step(s) == SQLITE_ROW) {
		for (c = 0; c < n; c++)
			sqlite3_bind_value(i, c + 1, sqlite3_column_value(s, c));
		if (sqlite3_step(i) != SQLITE_DONE)
			goto out;
		sqlite3_reset(i);
	}
	rc = 0;
out:
	if (rc)
		fprintf(stderr, "%s: %s\n", table, sqlite3_errmsg(h));
	sqlite3_finalize(s);
	sqlite3_finalize(i);
	buf_release(&sel);
	buf_release(&ins);
	return rc;
}

int
main(int argc, char **argv)
{
	struct buf att = BUF_INIT;
	struct db *db;
	sqlite3 *h;
	size_t t;

	if (argc != 3) {
		fprintf(stderr, "usage: floor_insert SOURCE_DB TARGET_DB\n");
		return 2;
	}
	if (db_open(&db, argv[2], DB_WRITE) != RT_OK)
		return 1;
	h = db_handle(db);
	/* ATTACH takes a name, not SQL text: bound like any value */
	buf_printf(&att, "ATTACH ? AS src");
	{
		sqlite3_stmt *st;

		sqlite3_prepare_v2(h, att.s, -1, &st, NULL);
		sqlite3_bind_text(st, 1, argv[1], -1, SQLITE_STATIC);
		if (sqlite3_step(st) != SQLITE_DONE) {
			fprintf(stderr, "attach: %s\n", sqlite3_errmsg(h));
			return 1;
		}
		sqlite3_finalize(st);
	}
	if (db_begin(db) != RT_OK)
		return 1;
	for (t = 0; tables[t] != NULL; t++)
		if (copy(h, tables[t], 0) < 0)
			return 1;
	if (copy(h, "search", 1) < 0)
		return 1;
	if (db_commit(db) != RT_OK)
		return 1;
	sqlite3_exec(h, "DETACH src", NULL, NULL, NULL);
	db_close(db);
	buf_release(&att);
	return 0;
}
