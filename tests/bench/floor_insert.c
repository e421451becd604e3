/*
 * The insert floor: SQLite inserting exactly the rows and index entries
 * rectrack stored for a file (read from a database rectrack made from it)
 * into a new database with the same schema, with prepared statements, in
 * one transaction, under the pragmas rectrack uses for a new file. The
 * source is read on a connection of its own, through db_open(): the
 * index's texts come from rectrack's search_text, which lives in the
 * main database of a connection (an attached one has none).
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
copy(sqlite3 *from, sqlite3 *to, const char *table, int with_rowid)
{
	struct buf sel = BUF_INIT, ins = BUF_INIT;
	sqlite3_stmt *s = NULL, *i = NULL;
	int n, c, rc = -1;

	/* the column list, from the source */
	buf_printf(&sel, "SELECT %s* FROM %s", with_rowid ? "rowid, " : "",
	    table);
	if (sqlite3_prepare_v2(from, sel.s, -1, &s, NULL) != SQLITE_OK)
		goto out;
	n = sqlite3_column_count(s);
	buf_printf(&ins, "INSERT INTO %s (", table);
	for (c = 0; c < n; c++)
		buf_printf(&ins, "%s%s", c ? ", " : "",
		    sqlite3_column_name(s, c));
	buf_adds(&ins, ") VALUES (");
	for (c = 0; c < n; c++)
		buf_printf(&ins, "%s?", c ? ", " : "");
	buf_adds(&ins, ")");
	if (sqlite3_prepare_v2(to, ins.s, -1, &i, NULL) != SQLITE_OK)
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
		fprintf(stderr, "%s: %s / %s\n", table, sqlite3_errmsg(from),
		    sqlite3_errmsg(to));
	sqlite3_finalize(s);
	sqlite3_finalize(i);
	buf_release(&sel);
	buf_release(&ins);
	return rc;
}

int
main(int argc, char **argv)
{
	struct db *src, *db;
	sqlite3 *from, *to;
	size_t t;

	if (argc != 3) {
		fprintf(stderr, "usage: floor_insert SOURCE_DB TARGET_DB\n");
		return 2;
	}
	if (db_open(&db, argv[2], DB_WRITE) != RT_OK ||
	    db_open(&src, argv[1], DB_READ) != RT_OK)
		return 1;
	from = db_handle(src);
	to = db_handle(db);
	if (db_begin(db) != RT_OK)
		return 1;
	for (t = 0; tables[t] != NULL; t++)
		if (copy(from, to, tables[t], 0) < 0)
			return 1;
	if (copy(from, to, "search", 1) < 0)
		return 1;
	if (db_commit(db) != RT_OK)
		return 1;
	db_close(src);
	db_close(db);
	return 0;
}
