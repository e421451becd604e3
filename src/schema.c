#include "schema.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "date.h"
#include "db.h"
#include "db-sql.h"
#include "diag.h"
#include "xmalloc.h"

/* One row of sqlite_schema. */
struct obj {
	char *type, *name, *tbl, *sql;
	size_t sqllen;	/* the SQL text may hold a NUL */
};

struct objs {
	struct obj *v;
	size_t n, cap;
};

static char *
dup_col(sqlite3_stmt *st, int i, size_t *len)
{
	const char *s = (const char *)sqlite3_column_text(st, i);
	size_t n = (size_t)sqlite3_column_bytes(st, i);
	char *p = xmalloc(n + 1);

	if (s != NULL)
		memcpy(p, s, n);
	p[s != NULL ? n : 0] = '\0';
	if (len != NULL)
		*len = s != NULL ? n : 0;
	return p;
}

static int
obj_cmp(const struct obj *a, const struct obj *b)
{
	int c = strcmp(a->name, b->name);

	return c != 0 ? c : strcmp(a->type, b->type);
}

static int
obj_qcmp(const void *a, const void *b)
{
	return obj_cmp(a, b);
}

static void
objs_free(struct objs *o)
{
	size_t i;

	for (i = 0; i < o->n; i++) {
		free(o->v[i].type);
		free(o->v[i].name);
		free(o->v[i].tbl);
		free(o->v[i].sql);
	}
	free(o->v);
}

/* The schema rows of conn, ordered by name and type. */
static int
objs_load(sqlite3 *conn, struct objs *o)
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(conn, db_sql[ST_SCHEMA_ROWS], -1, &st, NULL) !=
	    SQLITE_OK)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct obj *x;

		o->v = xgrow(o->v, &o->cap, o->n + 1, sizeof *o->v);
		x = &o->v[o->n++];
		x->type = dup_col(st, 0, NULL);
		x->name = dup_col(st, 1, NULL);
		x->tbl = dup_col(st, 2, NULL);
		x->sql = dup_col(st, 3, &x->sqllen);
	}
	sqlite3_finalize(st);
	if (o->n > 0)
		qsort(o->v, o->n, sizeof *o->v, obj_qcmp);
	return rc == SQLITE_DONE ? 0 : -1;
}

/*
 * rectrack's schema, made by its own migrations on an in-memory database
 * (once per process: the same for every file). Built rather than stored,
 * so that it is always what this build's migrations and this SQLite make
 * (FTS5 writes its shadow tables' SQL itself).
 */
static const struct objs *
reference(void)
{
	static struct objs ref;
	static int state;	/* 0 not built, 1 built, -1 failed */
	sqlite3 *conn = NULL;
	int i;

	if (state != 0)
		return state > 0 ? &ref : NULL;
	state = -1;
	if (sqlite3_open_v2(":memory:", &conn, SQLITE_OPEN_READWRITE, NULL) !=
	    SQLITE_OK)
		goto out;
	for (i = 0; i < db_nmigrations; i++)
		if (sqlite3_exec(conn, db_migrations[i], NULL, NULL, NULL) !=
		    SQLITE_OK)
			goto out;
	if (objs_load(conn, &ref) < 0)
		goto out;
	state = 1;
out:
	if (state < 0)
		error("internal error: cannot build rectrack's schema: %s",
		    conn != NULL ? sqlite3_errmsg(conn) : "out of memory");
	sqlite3_close(conn);
	return state > 0 ? &ref : NULL;
}

/*
 * x (a row of the reference) is a plain table that FTS5 made for one of
 * the reference's virtual tables (search_data, search_idx, ...). FTS5
 * writes their SQL itself, and another SQLite may write it otherwise:
 * they are compared by name and type, so that an upgraded libsqlite3
 * never makes every database look foreign. With the schema untrusted
 * (db.c), a column of theirs cannot run anything.
 */
static int
fts5_shadow(const struct objs *ref, const struct obj *x)
{
	size_t i, len;

	if (strcmp(x->type, "table") != 0 ||
	    strncmp(x->sql, "CREATE TABLE", 12) != 0)
		return 0;
	for (i = 0; i < ref->n; i++) {
		const struct obj *v = &ref->v[i];

		len = strlen(v->name);
		if (strcmp(v->type, "table") == 0 &&
		    strncmp(v->sql, "CREATE VIRTUAL TABLE", 20) == 0 &&
		    strncmp(x->name, v->name, len) == 0 && x->name[len] == '_')
			return 1;
	}
	return 0;
}

int
schema_compare(struct db *db, schema_diff_fn *fn, void *arg)
{
	const struct objs *ref = reference();
	struct objs got = { NULL, 0, 0 };
	size_t i = 0, j = 0;
	int n = 0;

	if (ref == NULL)
		return -1;
	if (objs_load(db_handle(db), &got) < 0) {
		objs_free(&got);
		if ((sqlite3_errcode(db_handle(db)) & 0xff) == SQLITE_BUSY)
			return -2;
		return db_error(db, "cannot read the schema");
	}
	while (i < ref->n || j < got.n) {
		int c = i == ref->n ? 1 : j == got.n ? -1 :
		    obj_cmp(&ref->v[i], &got.v[j]);
		const struct obj *x = c < 0 ? &ref->v[i] : &got.v[j];
		const char *what = c < 0 ? "missing" : c > 0 ? "foreign" :
		    strcmp(x->tbl, ref->v[i].tbl) != 0 ? "altered" :
		    fts5_shadow(ref, &ref->v[i]) ? NULL :
		    x->sqllen != ref->v[i].sqllen ||
		    memcmp(x->sql, ref->v[i].sql, x->sqllen) != 0 ?
		    "altered" : NULL;

		if (what != NULL) {
			n++;
			if (fn != NULL)
				fn(arg, what, x->type, x->name);
		}
		i += c <= 0;
		j += c >= 0;
	}
	objs_free(&got);
	return n;
}

/* The first difference, for a writer's message. */
static void
first(void *arg, const char *what, const char *type, const char *name)
{
	struct buf *b = arg;

	if (b->len == 0)
		buf_printf(b, "%s '%s' is %s", type, name, what);
}

int
schema_writable(struct db *db, const char *path, int (*gone)(struct db *))
{
	struct buf why = BUF_INIT;
	int n = schema_compare(db, first, &why);

	/* what a writer killed mid-import left in a file its cleanup then
	 * removed (a bulk import drops indexes in its transaction): not a
	 * schema to complain of */
	if (n > 0 && gone(db)) {
		buf_release(&why);
		return -3;
	}
	if (n > 0)
		error("%s: the schema is not rectrack's (%s%s): nothing was "
		    "written; 'rectrack verify' names every difference",
		    path, why.s,
		    n > 1 ? ", and more" : "");
	buf_release(&why);
	return n == 0 || n == -2 ? n : -1;
}

const char *
stored_text(sqlite3_stmt *st, int i)
{
	const char *s = db_col(st, i);

	return s != NULL ? s : "";
}

const char *
stored_date(sqlite3_stmt *st, int i)
{
	const char *s = db_col(st, i);

	return s != NULL && date_valid(s) ? s : NULL;
}
