#include "db.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "atomic.h"
#include "buf.h"
#include "cleanup.h"
#include "db-sql.h"
#include "derived.h"
#include "diag.h"
#include "search.h"
#include "schema.h"
#include "xmalloc.h"

const char *const db_file_suffix[DB_NFILES] = {
	"", "-wal", "-shm", "-journal",
};

struct db {
	sqlite3 *conn;
	char *path;
	int created;		/* this open made the file (db_created()) */
	int removed;		/* ... and db_remove_unused() removed it */
	int readonly;		/* the connection is SQLITE_OPEN_READONLY */
	int slots[DB_NFILES];	/* cleanup.h slots while a signal may remove it */
	int defer;		/* db_defer_commit(): COMMIT waits for db_end() */
	int pending;		/* ... and db_commit() asked for it */
	sqlite3_stmt *stmts[ST_COUNT];
	int (*before_write)(struct db *);	/* db_before_write() */
	int fired;				/* ... and it was called */
	struct search *search;			/* search.c's state */
	/* derived.c's marks, flushed (keep 1) before COMMIT and forgotten
	 * (keep 0) by a rollback */
	void *derive;
	int (*derive_flush)(struct db *, int keep);
	void (*derive_free)(void *);
};

void *
db_derive_state(struct db *db)
{
	return db->derive;
}

void
db_set_derive_state(struct db *db, void *state,
    int (*flush)(struct db *, int keep), void (*freefn)(void *))
{
	db->derive = state;
	db->derive_flush = flush;
	db->derive_free = freefn;
}

sqlite3 *
db_handle(struct db *db)
{
	return db->conn;
}

struct search *
db_search(struct db *db)
{
	return db->search;
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

/* Another writer held the file past the wait: say so, RT_BUSY. */
static int
locked(struct db *db)
{
	error("%s: database is locked by another writer; nothing was "
	    "written (try again)", db->path);
	return RT_BUSY;
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

static int moved(struct db *db);
static int removed_meanwhile(struct db *db);

/*
 * Bring the schema to the newest version, one migration per transaction.
 * A fresh file has application_id 0, user_version 0 and no tables.
 */
static int
migrate(struct db *db, enum db_mode mode)
{
	int appid, version, ntables, rc, rebuild = 0, derive = 0;
	char sql[128];

	if (pragma_int(db, "PRAGMA application_id", &appid) < 0 ||
	    pragma_int(db, "PRAGMA user_version", &version) < 0 ||
	    pragma_int(db, "SELECT count(*) FROM sqlite_schema", &ntables) < 0) {
		/* a file its maker removed while this one waited to read it
		 * (a signal took its journal too) */
		if (moved(db))
			return removed_meanwhile(db);
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
	if (mode != DB_WRITE && appid == 0)
		return error("%s: not a rectrack database", db->path);
	rc = db_begin(db);
	if (rc == RT_BUSY)
		return RT_BUSY;
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
		/* 6 made the full-text index anew (4 made the first one) */
		if (version == 5)
			rebuild = 1;
		/* 10 made the stored derivation */
		if (version == 9)
			derive = 1;
		snprintf(sql, sizeof sql, "PRAGMA user_version = %d",
		    version + 1);
		if (exec(db, sql) < 0)
			goto fail;
	}
	/* fill it from the tables once every step is taken: the loader's
	 * statements read the columns of the latest schema */
	if (rebuild && search_rebuild(db) < 0)
		goto fail;
	if (derive && derived_rebuild(db) < 0)
		goto fail;
	snprintf(sql, sizeof sql, "PRAGMA application_id = %d",
	    DB_APPLICATION_ID);
	if (exec(db, sql) < 0)
		goto fail;
	return db_commit(db);
fail:
	db_rollback(db);
	return -1;
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

static void
disconnect(struct db *db)
{
	int i;

	search_detach(db->search);
	db->search = NULL;
	for (i = 0; i < ST_COUNT; i++) {
		sqlite3_finalize(db->stmts[i]);
		db->stmts[i] = NULL;
	}
	sqlite3_close(db->conn);
	db->conn = NULL;
}

/*
 * Open db->conn on name (the file, or a URI), reporting errors as db->path.
 * Every connection is defensive (no writes to the schema or to FTS5's
 * shadow tables from ordinary SQL) and does not trust the schema: a view
 * or trigger in a file someone sent may call only functions and virtual
 * tables marked innocuous.
 */
static int
connect(struct db *db, const char *name, int flags, enum db_mode mode)
{
	db->readonly = (flags & SQLITE_OPEN_READONLY) != 0;
	if (sqlite3_open_v2(name, &db->conn, flags | SQLITE_OPEN_NOMUTEX,
	    NULL) != SQLITE_OK) {
		/* removed since db_open() looked: it looks again */
		if (!(flags & (SQLITE_OPEN_CREATE | SQLITE_OPEN_URI)) &&
		    access(name, F_OK) != 0 && errno == ENOENT) {
			disconnect(db);
			return -2;
		}
		if (db->conn == NULL)
			error("%s: cannot open database", db->path);
		else
			db_error(db, "cannot open database");
		disconnect(db);
		return -1;
	}
	sqlite3_extended_result_codes(db->conn, 1);
	sqlite3_db_config(db->conn, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
	sqlite3_db_config(db->conn, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
	sqlite3_busy_timeout(db->conn, busy_timeout());
	/* the full-text index's state and functions, before anything
	 * opens the index */
	if ((db->search = search_attach(db, mode == DB_WRITE)) == NULL) {
		db_error(db, "cannot open database");
		disconnect(db);
		return -1;
	}
	return 0;
}

static void
name_of(struct buf *name, const char *path, size_t i)
{
	buf_reset(name);
	buf_printf(name, "%s%s", path, db_file_suffix[i]);
}

static void
unlink_all(const char *path)
{
	struct buf name = BUF_INIT;
	size_t i;

	for (i = 0; i < DB_NFILES; i++) {
		name_of(&name, path, i);
		unlink(name.s);
	}
	buf_release(&name);
}

/* While the file is ours alone, a signal removes it (cleanup.h). */
static void
guard(struct db *db, int on)
{
	struct buf name = BUF_INIT;
	size_t i;

	for (i = 0; i < DB_NFILES; i++) {
		if (on && db->slots[i] < 0) {
			name_of(&name, db->path, i);
			db->slots[i] = cleanup_add(name.s);
		} else if (!on) {
			cleanup_del(db->slots[i]);
			db->slots[i] = -1;
		}
	}
	buf_release(&name);
}

/*
 * Make a new database at path, all at once: its schema is written to a
 * temporary file beside it, which is then linked into place, so that no
 * other process ever opens an empty or half-made file there, and only the
 * process whose link() succeeded counts as its maker. Returns 1 when this
 * process made it, 0 when another did first, -1 after reporting.
 */
static int
create_file(const char *path)
{
	struct db tmp;
	struct buf name = BUF_INIT, file = BUF_INIT;
	sigset_t old;
	mode_t mask;
	size_t i;
	int fd, made = -1, slots[DB_NFILES];

	buf_printf(&name, "%s.new-XXXXXX", path);
	memset(&tmp, 0, sizeof tmp);
	for (i = 0; i < DB_NFILES; i++)
		slots[i] = tmp.slots[i] = -1;
	cleanup_block(&old);
	fd = mkstemp(name.s);
	if (fd >= 0)
		for (i = 0; i < DB_NFILES; i++) {
			name_of(&file, name.s, i);
			slots[i] = cleanup_add(file.s);
		}
	cleanup_unblock(&old);
	if (fd < 0) {
		error("%s: cannot create the database: %s", path,
		    strerror(errno));
		goto out;
	}
	/* the mode SQLite would have given it */
	mask = umask(0);
	umask(mask);
	if (fchmod(fd, 0666 & ~mask) < 0) {
		error("%s: %s", name.s, strerror(errno));
		close(fd);
		goto out;
	}
	close(fd);
	tmp.path = (char *)path;
	/* under a rollback journal until its maker closes it (db_open()) */
	if (connect(&tmp, name.s, SQLITE_OPEN_READWRITE, DB_WRITE) < 0)
		goto out;
	if (migrate(&tmp, DB_WRITE) == 0)
		made = 0;
	disconnect(&tmp);
	if (made < 0)
		goto out;
	if (atomic_link(name.s, path) == 0)
		made = 1;
	else if (errno != EEXIST)
		made = error("%s: cannot create the database: %s", path,
		    strerror(errno));
out:
	if (fd >= 0)
		unlink_all(name.s);
	for (i = 0; i < DB_NFILES; i++)
		cleanup_del(slots[i]);
	buf_release(&name);
	buf_release(&file);
	return made;
}

/*
 * Turn WAL on. A file still under a rollback journal (its maker's first
 * import, or a maker killed before it closed) changes mode only when
 * nobody else holds a lock on it, and SQLite does not wait for that: it
 * fails at once while another process writes. So wait for the write lock
 * the usual way (db_begin(): the busy wait, RECTRACK_BUSY_TIMEOUT) and
 * try again.
 */
static int
wal_on(struct db *db)
{
	int i, rc;

	for (i = 0; i < 100; i++) {
		/* not on a file removed meanwhile: its -wal and -shm would be
		 * made beside nothing */
		if (moved(db))
			return removed_meanwhile(db);
		rc = sqlite3_exec(db->conn, "PRAGMA journal_mode = WAL", NULL,
		    NULL, NULL);
		if (rc == SQLITE_OK)
			return RT_OK;
		if ((rc & 0xff) != SQLITE_BUSY) {
			db_error(db, "cannot turn on WAL");
			return RT_FAIL;
		}
		if ((rc = db_begin(db)) != RT_OK)
			return rc;
		db_rollback(db);
	}
	return locked(db);
}

/*
 * A reader opens the file read-only, so that a user who may only read it,
 * or a read-only mount, can. SQLite needs the -wal and -shm files beside
 * a WAL database even to read it; when they are absent and cannot be made
 * on a read-only file system, nobody can be writing, and the file is
 * read as immutable.
 */
static int
open_reader(struct db *db)
{
	struct statvfs vfs;
	struct buf uri = BUF_INIT, wal = BUF_INIT;
	const char *p;
	int version, hot;

	if ((version = connect(db, db->path, SQLITE_OPEN_READONLY,
	    DB_READ)) < 0)
		return version;
	if (pragma_int(db, "PRAGMA user_version", &version) == 0)
		return 0;
	if ((sqlite3_errcode(db->conn) & 0xff) != SQLITE_CANTOPEN &&
	    (sqlite3_errcode(db->conn) & 0xff) != SQLITE_READONLY)
		return 0;	/* migrate() says what it is */
	disconnect(db);
	/* a user who may write it reads it as before (a journal left by
	 * a killed writer is rolled back first) */
	if (access(db->path, W_OK) == 0)
		return connect(db, db->path, SQLITE_OPEN_READWRITE, DB_READ);
	name_of(&wal, db->path, 1);
	hot = access(wal.s, F_OK) == 0;
	buf_release(&wal);
	if (statvfs(db->path, &vfs) < 0 || !(vfs.f_flag & ST_RDONLY) || hot)
		return error("%s: cannot read the database: SQLite must write "
		    "beside it to read it (%s-wal and %s-shm, or a journal "
		    "to roll back), and this user cannot (give this user "
		    "write access to the directory, or copy the database "
		    "somewhere writable)", db->path, db->path, db->path);
	buf_adds(&uri, "file:");
	for (p = db->path; *p; p++)
		if (*p == '%' || *p == '?' || *p == '#')
			buf_printf(&uri, "%%%02X", (unsigned char)*p);
		else
			buf_addc(&uri, *p);
	buf_adds(&uri, "?immutable=1");
	version = connect(db, uri.s, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI,
	    DB_READ);
	buf_release(&uri);
	return version;
}

int
db_open(struct db **out, const char *path, enum db_mode mode)
{
	struct db *db;
	struct stat sb;
	int memory = strcmp(path, ":memory:") == 0, created = 0, tries = 0, rc;
	static int configured;
	size_t i;

	*out = NULL;
	if (*path == '\0') {
		error("no database given: give a path with --db");
		return RT_USAGE;
	}
	/* SQLite need not count every allocation under a global mutex
	 * (set before its first use; the tokenizer thread of pretok.c
	 * allocates through it too) */
	if (!configured) {
		sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
		configured = 1;
	}
	if (!memory) {
again:
		created = 0;
		if (stat(path, &sb) < 0) {
			if (errno != ENOENT) {
				error("%s: %s", path, strerror(errno));
				return RT_FAIL;
			}
			if (lstat(path, &sb) == 0) {
				error("%s: is a symbolic link to nothing; name "
				    "the database itself, or remove the link",
				    path);
				return RT_FAIL;
			}
			if (mode != DB_WRITE) {
				error("%s: no such database (import something "
				    "first, or give --db)", path);
				return RT_FAIL;
			}
			created = create_file(path);
			if (created < 0)
				return RT_FAIL;
			/* made by another process, which has removed it
			 * again already (its run failed): make it anew */
			if (!created && access(path, F_OK) != 0 &&
			    ++tries < 10)
				goto again;
		} else if (S_ISDIR(sb.st_mode)) {
			error("%s: is a directory, not a database", path);
			return RT_FAIL;
		} else if (sb.st_size == 0) {
			/* SQLite would take it as a new database */
			error("%s: empty file, not a rectrack database", path);
			return RT_FAIL;
		}
	}
	db = xcalloc(1, sizeof *db);
	db->path = xstrdup(path);
	for (i = 0; i < DB_NFILES; i++)
		db->slots[i] = -1;
	if (memory)
		rc = connect(db, path, SQLITE_OPEN_READWRITE |
		    SQLITE_OPEN_CREATE, mode);
	else if (mode == DB_READ)
		rc = open_reader(db);
	else	/* never SQLITE_OPEN_CREATE: create_file() makes new files */
		rc = connect(db, path, SQLITE_OPEN_READWRITE, mode);
	if (rc == -2 && ++tries < 10) {
		db_close(db);
		goto again;
	}
	if (rc < 0) {
		if (rc == -2)
			error("%s: no such database", path);
		goto fail;
	}
	/* a reader of an old file migrates it once, as a writer */
	if (db->readonly && pragma_int(db, "PRAGMA user_version", &rc) == 0 &&
	    rc < db_nmigrations) {
		disconnect(db);
		if (connect(db, path, SQLITE_OPEN_READWRITE, mode) < 0)
			goto fail;
	}
	rc = migrate(db, mode);
	if (rc == RT_BUSY) {
		db_close(db);
		return RT_BUSY;
	}
	if (rc != 0)
		goto fail;
	/* a foreign trigger would fire on this writer's first write */
	if (mode == DB_WRITE && (rc = schema_writable(db, path, moved)) < 0) {
		if (rc == -2 || rc == -3) {
			rc = rc == -2 ? locked(db) : removed_meanwhile(db);
			db_close(db);
			return rc;
		}
		goto fail;
	}
	if (exec(db, "PRAGMA foreign_keys = ON") < 0)
		goto fail;
	/*
	 * Writers use WAL, so that readers never wait. A file this open
	 * created is first loaded under a rollback journal, which on an empty
	 * database costs next to nothing and is as atomic, instead of writing
	 * every page twice (to the WAL, then at the checkpoint); db_close()
	 * turns WAL on. 2 MiB of page cache: a load gains next to nothing from
	 * more, and memory stays bounded (docs/performance.md).
	 */
	if (mode == DB_WRITE && !memory && !created &&
	    (rc = wal_on(db)) != RT_OK) {
		db_close(db);
		return rc;
	}
	if (mode == DB_WRITE && !memory &&
	    (exec(db, "PRAGMA synchronous = FULL") < 0 ||
	     exec(db, "PRAGMA cache_size = -2048") < 0))
		goto fail;
	db->created = created;
	*out = db;
	return RT_OK;
fail:
	/* another process may have it open already: removed only under
	 * the write lock, and only while it holds no record */
	if (created && db->conn != NULL) {
		db->created = 1;
		db_remove_unused(db);
	}
	db_close(db);
	return RT_FAIL;
}

int
db_created(struct db *db)
{
	return db != NULL && db->created;
}

void
db_close(struct db *db)
{
	if (db == NULL)
		return;
	guard(db, 0);
	if (db->created && !db->removed && sqlite3_get_autocommit(db->conn))
		sqlite3_exec(db->conn, "PRAGMA journal_mode = WAL", NULL, NULL,
		    NULL);
	disconnect(db);
	if (db->derive_free != NULL)
		db->derive_free(db->derive);
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
			/* a bug in db-sql.c, or a schema changed outside
			 * rectrack (a trigger calling what an untrusted
			 * schema may not): either way nothing more can be
			 * done, and ending the process rolls back */
			error("%s: cannot run statement %d: %s (a schema "
			    "changed outside rectrack? 'rectrack verify' "
			    "checks it)", db->path, (int)id,
			    sqlite3_errmsg(db->conn));
			exit(RT_FAIL);
		}
		db->stmts[id] = st;
	}
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return st;
}

/*
 * The file this connection opened was removed (or replaced) by another
 * process: whatever is written now would go to a file nobody can open.
 * Closing must then not delete the -wal and -shm by their names, which
 * may by now be another file's.
 */
static int
moved(struct db *db)
{
	int gone = 0, persist = 1;

	if (sqlite3_file_control(db->conn, "main", SQLITE_FCNTL_HAS_MOVED,
	    &gone) != SQLITE_OK || !gone)
		return 0;
	sqlite3_file_control(db->conn, "main", SQLITE_FCNTL_PERSIST_WAL,
	    &persist);
	return 1;
}

/*
 * Inside a write transaction: the file holds no record, so that removing
 * it loses nobody's work. Every record hangs from a committee; another
 * process may have written (and committed) to a file this run made
 * before this run took the lock, and the file is then no longer this
 * run's to remove.
 */
static int
unused(struct db *db)
{
	int n;

	return pragma_int(db, "SELECT EXISTS (SELECT 1 FROM committees)",
	    &n) == 0 && n == 0;
}

static int
removed_meanwhile(struct db *db)
{
	error("%s: the database was removed by another process while this "
	    "one waited for it; nothing was written (try again)", db->path);
	return RT_BUSY;
}

int
db_begin(struct db *db)
{
	int rc = sqlite3_exec(db->conn, "BEGIN IMMEDIATE", NULL, NULL, NULL);

	if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED) {
		return locked(db);
	}
	if (rc != SQLITE_OK) {
		/* the file (and its -shm) removed while this one waited
		 * fails as an I/O error: say what happened */
		if (moved(db))
			return removed_meanwhile(db);
		db_error(db, "cannot start a transaction");
		return RT_FAIL;
	}
	if (moved(db)) {
		db_rollback(db);
		return removed_meanwhile(db);
	}
	/* a file this run made, that nobody else has written, goes if a
	 * signal ends the run before it commits */
	if (db->created && unused(db))
		guard(db, 1);
	return RT_OK;
}

void
db_defer_commit(struct db *db)
{
	db->defer = 1;
}

static int
commit(struct db *db)
{
	sigset_t old;
	int rc;

	/* a signal from here on leaves the file: what is committed stays */
	cleanup_block(&old);
	guard(db, 0);
	rc = sqlite3_exec(db->conn, "COMMIT", NULL, NULL, NULL);
	cleanup_unblock(&old);
	if (rc != SQLITE_OK) {
		db_error(db, "cannot commit; nothing was written");
		db_rollback(db);
		return RT_FAIL;
	}
	return RT_OK;
}

int
db_commit(struct db *db)
{
	int i;

	/* the stored derivation of what this transaction changed */
	if (db->derive_flush != NULL && db->derive_flush(db, 1) < 0) {
		db_rollback(db);
		return RT_FAIL;
	}
	db->before_write = NULL;
	db->fired = 0;
	for (i = 0; i < ST_COUNT; i++)
		if (db->stmts[i] != NULL)
			sqlite3_reset(db->stmts[i]);
	if (db->defer) {
		db->pending = 1;
		return RT_OK;
	}
	return commit(db);
}

int
db_end(struct db *db, int keep)
{
	if (db == NULL || !db->pending)
		return RT_OK;
	db->pending = 0;
	if (!keep) {
		db_rollback(db);
		return RT_FAIL;
	}
	return commit(db);
}

void
db_rollback(struct db *db)
{
	db->before_write = NULL;
	db->fired = 0;
	db->pending = 0;
	if (db->derive_flush != NULL)
		db->derive_flush(db, 0);
	guard(db, 0);
	if (!sqlite3_get_autocommit(db->conn))
		sqlite3_exec(db->conn, "ROLLBACK", NULL, NULL, NULL);
}

int
db_remove_unused(struct db *db)
{
	int removed = 0, persist = 1;

	if (db == NULL || !db->created)
		return 0;
	db_rollback(db);
	/* under the write lock, so that nobody writes between the look and
	 * the unlink; a writer waiting for the lock sees the file gone */
	if (sqlite3_exec(db->conn, "BEGIN IMMEDIATE", NULL, NULL, NULL) !=
	    SQLITE_OK)
		return 0;
	if (!moved(db) && unused(db)) {
		/* closing must not delete the -wal and -shm by name after
		 * this: they may be a new file's by then */
		sqlite3_file_control(db->conn, "main",
		    SQLITE_FCNTL_PERSIST_WAL, &persist);
		unlink_all(db->path);
		removed = db->removed = 1;
	}
	sqlite3_exec(db->conn, "ROLLBACK", NULL, NULL, NULL);
	return removed;
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

static int
exec_stmt(struct db *db, sqlite3_stmt *st, int held_ok)
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
	if (held_ok && (rc & 0xff) == SQLITE_CONSTRAINT &&
	    sqlite3_extended_errcode(db->conn) ==
	    SQLITE_CONSTRAINT_PRIMARYKEY) {
		sqlite3_reset(st);
		return 1;
	}
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return db_error(db, "write failed");
	sqlite3_reset(st);
	return 0;
}

int
db_exec_stmt(struct db *db, sqlite3_stmt *st)
{
	return exec_stmt(db, st, 0);
}

int
db_exec_insert(struct db *db, sqlite3_stmt *st)
{
	return exec_stmt(db, st, 1);
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
