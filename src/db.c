#include "db.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "date.h"
#include "db-sql.h"
#include "search.h"
#include "diag.h"
#include "pretok.h"
#include "schema.h"
#include "xmalloc.h"

struct db {
	sqlite3 *conn;
	char *path;
	int fresh;		/* the file was created by this open */
	sqlite3_stmt *stmts[ST_COUNT];
	int (*before_write)(struct db *);	/* db_before_write() */
	int fired;				/* ... and it was called */
};

sqlite3 *
db_handle(struct db *db)
{
	return db->conn;
}

int
db_schema_version(void)
{
	return db_nmigrations;
}

int
db_error(struct db *db, const char *what)
{
	return error("%s: %s: %s", db->path, what, sqlite3_errmsg(db->conn));
}

/* The busy wait, in milliseconds: RECTRACK_BUSY_TIMEOUT for tests. */
static int
busy_timeout(void)
{
	const char *s = getenv("RECTRACK_BUSY_TIMEOUT");
	char *end;
	long ms;

	if (s == NULL || *s == '\0')
		return 10000;
	ms = strtol(s, &end, 10);
	if (*end != '\0' || ms < 0 || ms > 3600000)
		return 10000;
	return (int)ms;
}

static int
pragma_int(struct db *db, const char *sql, int *out)
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(db->conn, sql, -1, &st, NULL) != SQLITE_OK)
		return -1;
	rc = sqlite3_step(st);
	*out = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
	sqlite3_finalize(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : -1;
}

static int
exec(struct db *db, const char *sql)
{
	char *msg = NULL;

	if (sqlite3_exec(db->conn, sql, NULL, NULL, &msg) != SQLITE_OK) {
		error("%s: %s", db->path, msg ? msg : sqlite3_errmsg(db->conn));
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

/*
 * Bring the schema to the newest version, one migration per transaction.
 * A fresh file has application_id 0, user_version 0 and no tables.
 */
static int
migrate(struct db *db, enum db_mode mode)
{
	int appid, version, ntables, rc;
	char sql[128];

	if (pragma_int(db, "PRAGMA application_id", &appid) < 0 ||
	    pragma_int(db, "PRAGMA user_version", &version) < 0 ||
	    pragma_int(db, "SELECT count(*) FROM sqlite_schema", &ntables) < 0) {
		switch (sqlite3_errcode(db->conn)) {
		case SQLITE_BUSY:
			error("%s: database is locked by another writer",
			    db->path);
			return RT_BUSY;
		case SQLITE_CANTOPEN:
		case SQLITE_READONLY:
		case SQLITE_PERM:
		case SQLITE_IOERR:
		case SQLITE_FULL:
			/* not the file's fault: where it is, or the disk */
			return error("%s: cannot open the database: %s (is the "
			    "file, or its directory, read-only or full?)",
			    db->path, sqlite3_errmsg(db->conn));
		default:
			return error("%s: not a rectrack database (%s)",
			    db->path, sqlite3_errmsg(db->conn));
		}
	}
	if (appid != DB_APPLICATION_ID && !(appid == 0 && ntables == 0))
		return error("%s: not a rectrack database", db->path);
	if (version > db_nmigrations)
		return error("%s: made by a newer rectrack (schema version %d; "
		    "this rectrack knows up to %d): upgrade rectrack",
		    db->path, version, db_nmigrations);
	if (version == db_nmigrations)
		return 0;
	if (mode == DB_READ && appid == 0)
		return error("%s: not a rectrack database", db->path);
	rc = db_begin(db);
	if (rc == RT_BUSY) {
		error("%s: database is locked by another writer; nothing was "
		    "written (try again)", db->path);
		return RT_BUSY;
	}
	if (rc != RT_OK)
		return -1;
	/* another process may have migrated while we waited */
	if (pragma_int(db, "PRAGMA user_version", &version) < 0)
		goto fail;
	if (version > 0 && version <= 5)
		warning("%s: rebuilding the search index for this version of "
		    "rectrack (once; on a large database it takes minutes)",
		    db->path);
	for (; version < db_nmigrations; version++) {
		if (exec(db, db_migrations[version]) < 0)
			goto fail;
		/* 6 made the full-text index anew (4 made the first one):
		 * fill it from the tables */
		if (version == 5 && search_rebuild(db) < 0)
			goto fail;
		snprintf(sql, sizeof sql, "PRAGMA user_version = %d",
		    version + 1);
		if (exec(db, sql) < 0)
			goto fail;
	}
	snprintf(sql, sizeof sql, "PRAGMA application_id = %d",
	    DB_APPLICATION_ID);
	if (exec(db, sql) < 0)
		goto fail;
	return db_commit(db);
fail:
	db_rollback(db);
	return -1;
}

static void
fn_date_ok(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	(void)argc;
	sqlite3_result_int(cx, date_valid((const char *)
	    sqlite3_value_text(argv[0])));
}

fts5_api *
db_fts5(struct db *db)
{
	sqlite3_stmt *st = db_stmt(db, ST_FTS5_API);
	fts5_api *api = NULL;

	sqlite3_bind_pointer(st, 1, &api, "fts5_api_ptr", NULL);
	if (sqlite3_step(st) != SQLITE_ROW)
		api = NULL;
	sqlite3_reset(st);
	return api;
}

int
db_open(struct db **out, const char *path, enum db_mode mode)
{
	struct db *db;
	struct stat sb;
	int memory = strcmp(path, ":memory:") == 0, rc;
	int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
	static int configured;
	fts5_api *api;

	*out = NULL;
	if (!memory) {
		if (stat(path, &sb) < 0) {
			if (errno != ENOENT) {
				error("%s: %s", path, strerror(errno));
				return RT_FAIL;
			}
			if (mode == DB_READ) {
				error("%s: no such database (import something "
				    "first, or give --db)", path);
				return RT_FAIL;
			}
			flags |= SQLITE_OPEN_CREATE;
		} else if (S_ISDIR(sb.st_mode)) {
			error("%s: is a directory, not a database", path);
			return RT_FAIL;
		} else if (sb.st_size == 0) {
			/* SQLite would take it as a new database */
			error("%s: empty file, not a rectrack database", path);
			return RT_FAIL;
		}
	}
	/* SQLite need not count every allocation under a global mutex
	 * (set before its first use; the tokenizer thread of pretok.c
	 * allocates through it too) */
	if (!configured) {
		sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
		configured = 1;
	}
	db = xcalloc(1, sizeof *db);
	db->path = xstrdup(path);
	if (sqlite3_open_v2(path, &db->conn, flags, NULL) != SQLITE_OK) {
		if (db->conn == NULL)
			error("%s: cannot open database", path);
		else
			db_error(db, "cannot open database");
		db_close(db);
		return RT_FAIL;
	}
	sqlite3_extended_result_codes(db->conn, 1);
	sqlite3_create_function(db->conn, "rt_date_ok", 1, SQLITE_UTF8 |
	    SQLITE_DETERMINISTIC, NULL, fn_date_ok, NULL, NULL);
	sqlite3_busy_timeout(db->conn, busy_timeout());
	/* search_top()'s ranking; for writers, before anything opens the
	 * index, the tokenizer wrapper (pretok.h). Without either all works
	 * as before, only slower. */
	api = db_fts5(db);
	search_register(api);
	/* the index's texts (migration 6), before anything reads it */
	if (search_text_register(db->conn) < 0) {
		db_error(db, "cannot open database");
		db_close(db);
		return RT_FAIL;
	}
	if (mode == DB_WRITE)
		pretok_register(api);
	rc = migrate(db, mode);
	if (rc == RT_BUSY) {
		db_close(db);
		return RT_BUSY;
	}
	if (rc != 0)
		goto fail;
	/* a foreign trigger would fire on this writer's first write */
	if (mode == DB_WRITE && schema_writable(db, path) < 0)
		goto fail;
	if (exec(db, "PRAGMA foreign_keys = ON") < 0)
		goto fail;
	/*
	 * Writers use WAL, so that readers never wait. A file this open
	 * created is first loaded under a rollback journal, which on an empty
	 * database costs next to nothing and is as atomic, instead of writing
	 * every page twice (to the WAL, then at the checkpoint); db_close()
	 * turns WAL on. 2 MiB of page cache: a load gains next to nothing from
	 * more (2 to 64 MiB measure within a few per cent), and a million
	 * recommendations then import in under 32 MB with the reader's ring
	 * of events (docs/performance.md).
	 */
	db->fresh = !memory && (flags & SQLITE_OPEN_CREATE);
	if (mode == DB_WRITE && !memory &&
	    ((!db->fresh && exec(db, "PRAGMA journal_mode = WAL") < 0) ||
	     exec(db, "PRAGMA synchronous = FULL") < 0 ||
	     exec(db, "PRAGMA cache_size = -2048") < 0))
		goto fail;
	*out = db;
	return RT_OK;
fail:
	db_close(db);
	return RT_FAIL;
}

void
db_close(struct db *db)
{
	int i;

	if (db == NULL)
		return;
	for (i = 0; i < ST_COUNT; i++)
		sqlite3_finalize(db->stmts[i]);
	if (db->fresh && sqlite3_get_autocommit(db->conn))
		sqlite3_exec(db->conn, "PRAGMA journal_mode = WAL", NULL, NULL,
		    NULL);
	sqlite3_close(db->conn);
	free(db->path);
	free(db);
}

sqlite3_stmt *
db_stmt(struct db *db, enum stmt_id id)
{
	sqlite3_stmt *st = db->stmts[id];

	if (st == NULL) {
		if (sqlite3_prepare_v3(db->conn, db_sql[id], -1,
		    SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK) {
			/* a bug in db-sql.c, not in the user's input */
			error("internal error: statement %d: %s", (int)id,
			    sqlite3_errmsg(db->conn));
			abort();
		}
		db->stmts[id] = st;
	}
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return st;
}

int
db_begin(struct db *db)
{
	int rc = sqlite3_exec(db->conn, "BEGIN IMMEDIATE", NULL, NULL, NULL);

	if (rc == SQLITE_OK)
		return RT_OK;
	if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED)
		return RT_BUSY;
	db_error(db, "cannot start a transaction");
	return RT_FAIL;
}

int
db_commit(struct db *db)
{
	int i, rc;

	db->before_write = NULL;
	db->fired = 0;
	for (i = 0; i < ST_COUNT; i++)
		if (db->stmts[i] != NULL)
			sqlite3_reset(db->stmts[i]);
	rc = sqlite3_exec(db->conn, "COMMIT", NULL, NULL, NULL);

	if (rc != SQLITE_OK) {
		db_error(db, "cannot commit");
		db_rollback(db);
		return RT_FAIL;
	}
	return RT_OK;
}

void
db_rollback(struct db *db)
{
	db->before_write = NULL;
	db->fired = 0;
	if (!sqlite3_get_autocommit(db->conn))
		sqlite3_exec(db->conn, "ROLLBACK", NULL, NULL, NULL);
}

void
db_before_write(struct db *db, int (*fn)(struct db *))
{
	db->before_write = fn;
	db->fired = 0;
}

int
db_before_write_state(struct db *db)
{
	return db->before_write != NULL ? 1 : db->fired ? 2 : 0;
}

int
db_exec_stmt(struct db *db, sqlite3_stmt *st)
{
	int (*fn)(struct db *) = db->before_write;
	int rc;

	if (fn != NULL && !sqlite3_stmt_readonly(st)) {
		db->before_write = NULL;
		db->fired = 1;
		if (fn(db) < 0)
			return -1;
	}
	rc = sqlite3_step(st);

	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return db_error(db, "write failed");
	sqlite3_reset(st);
	return 0;
}

void
db_bind_text(sqlite3_stmt *st, int i, const char *s)
{
	if (s == NULL)
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
}

const char *
db_col(sqlite3_stmt *st, int i)
{
	return (const char *)sqlite3_column_text(st, i);
}
