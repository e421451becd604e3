#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "atomic.h"
#include "buf.h"
#include "cmd.h"
#include "diag.h"
#include "emit.h"
#include "export.h"
#include "export-patch.h"
#include "schema.h"
#include "vocab.h"
#include "xmalloc.h"

struct export_opts {
	struct filter_opts fo;
	enum out_format fmt;
	const char *output, *dir;
};

static const char *const export_formats[] = { "yaml", "json", NULL };

static const struct opt export_options[] = {
	{ .kind = OPT_STRING, .name = "committee", .off =
	    offsetof(struct export_opts, fo.committee), .arg = "C",
	    .help = "one committee (id, or part of its id or name)",
	    .flags = OPTF_EXCLUSIVE, .complete = COMP_COMMITTEE },
	{ .kind = OPT_STRING, .name = "review", .off =
	    offsetof(struct export_opts, fo.review), .arg = "R",
	    .help = "one review (and the meetings that served it)",
	    .flags = OPTF_EXCLUSIVE, .complete = COMP_REVIEW },
	OPTION_FORMAT(0, struct export_opts, fmt, NULL, export_formats,
	    "yaml (default) or json"),
	{ .kind = OPT_STRING, .short_name = 'o', .name = "output", .off =
	    offsetof(struct export_opts, output), .arg = "FILE",
	    .help = "write to FILE instead of standard output",
	    .flags = OPTF_EXCLUSIVE, .complete = COMP_FILE },
	{ .kind = OPT_STRING, .name = "dir", .off =
	    offsetof(struct export_opts, dir), .arg = "DIR",
	    .help = "one file per review, DIR/COMMITTEE/REVIEW.yaml,\n"
	    "and DIR/COMMITTEE/meetings.yaml (without\n"
	    "--review), which also holds a review whose id\n"
	    "is 'meetings'; no link below DIR is followed",
	    .flags = OPTF_EXCLUSIVE, .complete = COMP_DIR },
	OPTION_END,
};

static const struct export_opts export_defaults = { .fmt = FMT_YAML };

static int export_check(const struct cmd *c, void *opts, int argc,
    char **argv);
static int cmd_export(struct ctx *ctx, void *opts, int argc, char **argv);

const struct cmd cmd_export_entry = {
	.name = "export",
	.group = G_REPORT,
	.summary = "Write the database back in the import format.",
	.help =
	"The output is the YAML format people write (docs/format.md), with a\n"
	"fixed key order and every list in its stored order: export, import\n"
	"into an empty database and export again gives the same bytes, and a\n"
	"change to one field is a one-line diff. Files are written whole or\n"
	"not at all (a temporary file renamed into place); a FIFO or device\n"
	"is written in place, a symbolic link through to its target, and the\n"
	"database itself is refused.\n"
	"\n"
	"With --dir, a YAML file already there (written by hand, with\n"
	"comments) is edited in place: left as it is when it means what the\n"
	"database holds, else only what changed is replaced or appended, its\n"
	"comments and layout kept; when that cannot be done it is rewritten\n"
	"in rectrack's form, with a message saying so.\n",
	.examples =
	"Examples:\n"
	"  rectrack export --dir records/        # then: git diff records/\n"
	"  rectrack export --review islington-2024-childrens-workforce\n",
	.opts = export_options,
	.optsize = sizeof(struct export_opts),
	.defaults = &export_defaults,
	.flags = CMD_DB_READ,
	.check = export_check,
	.exec = cmd_export,
};

struct row {
	long long id;
	char *name;
};

/* The rows (id, second column) of a statement's results. */
static struct row *
rows_of(struct ctx *ctx, enum stmt_id sid, long long arg, long long arg2,
    size_t *n)
{
	sqlite3_stmt *st = db_stmt(ctx->db, sid);
	struct row *v = NULL;
	size_t cap = 0;

	*n = 0;
	if (arg)
		sqlite3_bind_int64(st, 1, arg);
	if (arg2)
		sqlite3_bind_int64(st, 2, arg2);
	while (sqlite3_step(st) == SQLITE_ROW) {
		v = xgrow(v, &cap, *n + 1, sizeof *v);
		v[*n].id = sqlite3_column_int64(st, 0);
		v[*n].name = xstrdup(stored_text(st, 1));
		(*n)++;
	}
	sqlite3_reset(st);
	return v;
}

static void
rows_free(struct row *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i].name);
	free(v);
}

/*
 * Ids read back from the database become file names: only the shape the
 * format gives them (format.md) may, so that no id leaves the directory
 * whatever was written into the database behind rectrack's back.
 */
static int
id_names_file(const char *dir, const char *what, const char *id)
{
	if (id_valid(id, ID_GLOBAL))
		return 0;
	return error("invalid %s id '%s' in the database: it cannot name a "
	    "file under %s; run 'rectrack verify'", what, id, dir);
}

/* The bytes of the regular file name in cfd into b: 1, 0 when there is
 * none (or it is not a regular file), -1 after reporting. */
static int
read_old(int cfd, const char *cdir, const char *name, struct buf *b)
{
	char chunk[65536];
	struct stat sb;
	ssize_t n;
	int fd = openat(cfd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC |
	    O_NONBLOCK);

	if (fd < 0)
		return 0;
	if (fstat(fd, &sb) < 0 || !S_ISREG(sb.st_mode)) {
		close(fd);
		return 0;
	}
	while ((n = read(fd, chunk, sizeof chunk)) > 0)
		buf_add(b, chunk, (size_t)n);
	close(fd);
	if (n < 0)
		return error("%s/%s: %s", cdir, name, strerror(errno));
	return 1;
}

/*
 * Write one file of the --dir tree: name in the directory cfd (cdir). A
 * YAML file that is there is edited in place (export-patch.h), or left
 * as it is when it means what the database holds (*same set).
 */
static int
write_file(struct ctx *ctx, int cfd, const char *cdir, const char *name,
    enum emit_kind kind, const struct patch_scope *sc, long long review,
    int *same)
{
	struct atomic_file af;
	struct buf old = BUF_INIT, want = BUF_INIT, out = BUF_INIT;
	enum patch_result pr = PATCH_REWRITE;
	const char *why = NULL;
	struct emit *e;
	int rc;

	*same = 0;
	if (kind == EMIT_YAML) {
		if (export_patch_render(ctx->db, sc, sc->committee, review,
		    &want) < 0 || (rc = read_old(cfd, cdir, name, &old)) < 0) {
			rc = -1;
			goto out;
		}
		if (rc > 0)
			pr = export_patch(ctx->db, sc, old.s, old.len, want.s,
			    want.len, &out, &why);
		if (pr == PATCH_SAME) {
			*same = 1;
			rc = 0;
			goto out;
		}
	}
	if (atomic_openat(&af, cfd, cdir, name, ctx->dbpath) < 0) {
		rc = -1;
		goto out;
	}
	if (kind == EMIT_YAML) {
		rc = fwrite(out.len ? out.s : want.s, 1, out.len ? out.len :
		    want.len, af.fp) == (out.len ? out.len : want.len) ? 0 :
		    -1;
	} else {
		e = emit_new(kind, af.fp);
		rc = export_documents(ctx->db, e, sc->committee, review,
		    sc->what);
		if (emit_free(e) < 0 && rc >= 0)
			rc = -1;
	}
	if (rc < 0)
		error("%s/%s: write failed", cdir, name);
	rc = atomic_close(&af, rc >= 0) < 0 || rc < 0 ? -1 : 0;
	if (rc == 0 && why != NULL)
		warning("%s/%s: rewritten in rectrack's form, its comments and "
		    "layout not kept: %s", cdir, name, why);
out:
	buf_release(&old);
	buf_release(&want);
	buf_release(&out);
	return rc;
}

/*
 * DIR/COMMITTEE/REVIEW.EXT, and DIR/COMMITTEE/meetings.EXT holding the
 * committee's meetings and, since no file may hold two things of the same
 * name, the review whose id is 'meetings' when there is one. DIR is the
 * user's and may be a link; nothing below it is followed.
 */
static int
export_dir(struct ctx *ctx, const char *dir, enum emit_kind kind,
    long long committee, long long review)
{
	const char *ext = kind == EMIT_YAML ? "yaml" : "json";
	struct row *cs, *rs;
	struct buf cdir = BUF_INIT, name = BUF_INIT;
	size_t nc, nr, i, j, files = 0, unchanged = 0, dirlen = strlen(dir);
	struct patch_scope sc;
	sqlite3_stmt *st;
	long long in_meetings;
	int rc = 0, has_meetings, dfd, cfd, same;

	if (make_dirs(dir) < 0)
		return -1;
	/* records/ names its files records/C/R.yaml, not records//C/R.yaml */
	while (dirlen > 1 && dir[dirlen - 1] == '/')
		dirlen--;
	dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd < 0)
		return error("%s: %s", dir, strerror(errno));
	cs = rows_of(ctx, ST_EX_COMMITTEES, committee, 0, &nc);
	for (i = 0; i < nc && rc == 0; i++) {
		if (id_names_file(dir, "committee", cs[i].name) < 0 ||
		    (cfd = subdir_open(dfd, dir, cs[i].name)) < 0) {
			rc = -1;
			break;
		}
		buf_reset(&cdir);
		buf_printf(&cdir, "%.*s/%s", (int)dirlen, dir, cs[i].name);
		sc.cid = cs[i].name;
		sc.committee = cs[i].id;
		in_meetings = 0;
		rs = rows_of(ctx, ST_EX_REVIEWS, cs[i].id, review, &nr);
		for (j = 0; j < nr && rc == 0; j++) {
			if (id_names_file(dir, "review", rs[j].name) < 0) {
				rc = -1;
				break;
			}
			if (strcmp(rs[j].name, "meetings") == 0) {
				in_meetings = rs[j].id;
				continue;
			}
			buf_reset(&name);
			buf_printf(&name, "%s.%s", rs[j].name, ext);
			sc.rid = rs[j].name;
			sc.what = EXPORT_REVIEWS;
			sc.need_reviews = 0;
			rc = write_file(ctx, cfd, cdir.s, name.s, kind, &sc,
			    rs[j].id, &same);
			files += rc == 0 && !same;
			unchanged += rc == 0 && same;
		}
		rows_free(rs, nr);
		has_meetings = 0;
		if (rc == 0 && !review) {
			st = db_stmt(ctx->db, ST_EX_MEETINGS);
			sqlite3_bind_int64(st, 1, cs[i].id);
			has_meetings = sqlite3_step(st) == SQLITE_ROW;
			sqlite3_reset(st);
		}
		if (rc == 0 && (has_meetings || in_meetings)) {
			buf_reset(&name);
			buf_printf(&name, "meetings.%s", ext);
			sc.rid = in_meetings ? "meetings" : NULL;
			sc.what = EXPORT_MEETINGS | (in_meetings ?
			    EXPORT_REVIEWS | EXPORT_ALL_MEETINGS : 0);
			sc.need_reviews = !in_meetings;
			rc = write_file(ctx, cfd, cdir.s, name.s, kind, &sc,
			    in_meetings, &same);
			files += rc == 0 && !same;
			unchanged += rc == 0 && same;
		}
		close(cfd);
	}
	rows_free(cs, nc);
	close(dfd);
	buf_release(&cdir);
	buf_release(&name);
	if (rc == 0 && unchanged == 0)
		warning("wrote %zu file%s under %s", files,
		    files == 1 ? "" : "s", dir);
	else if (rc == 0)
		warning("wrote %zu file%s under %s, %zu unchanged", files,
		    files == 1 ? "" : "s", dir, unchanged);
	return rc;
}

static int
export_check(const struct cmd *c, void *opts, int argc, char **argv)
{
	struct export_opts *eo = opts;

	(void)argc;
	(void)argv;
	if ((eo->output != NULL && *eo->output == '\0') || (eo->dir != NULL &&
	    *eo->dir == '\0'))
		return cmd_usage_error(c, "give --%s a name, not an empty one",
		    eo->output != NULL ? "output" : "dir");
	return RT_OK;
}

static int
cmd_export(struct ctx *ctx, void *opts, int argc, char **argv)
{
	struct export_opts *eo = opts;
	const char *output = eo->output, *dir = eo->dir;
	enum emit_kind kind = eo->fmt == FMT_JSON ? EMIT_JSON : EMIT_YAML;
	struct atomic_file af;
	struct filter f;
	struct emit *e;
	long long committee;
	sqlite3_stmt *st;
	int rc;

	(void)argc;
	(void)argv;
	if (filter_resolve(ctx, &eo->fo) != RT_OK)
		return RT_FAIL;
	f = eo->fo.f;
	committee = f.committee;
	if (f.review) {
		/* the review's committee */
		st = db_stmt(ctx->db, ST_REVIEW_COMMITTEE);
		sqlite3_bind_int64(st, 1, f.review);
		committee = sqlite3_step(st) == SQLITE_ROW ?
		    sqlite3_column_int64(st, 0) : 0;
		sqlite3_reset(st);
	}
	/* one read transaction: every file is of the same moment */
	sqlite3_exec(db_handle(ctx->db), "BEGIN", NULL, NULL, NULL);
	if (dir != NULL) {
		rc = export_dir(ctx, dir, kind, committee, f.review);
		db_rollback(ctx->db);
		return rc < 0 ? RT_FAIL : RT_OK;
	}
	if (output != NULL) {
		if (atomic_open(&af, output, ctx->dbpath) < 0) {
			db_rollback(ctx->db);
			return RT_FAIL;
		}
		e = emit_new(kind, af.fp);
	} else {
		e = emit_new(kind, stdout);
	}
	rc = export_documents(ctx->db, e, committee, f.review,
	    EXPORT_MEETINGS | EXPORT_REVIEWS);
	if (emit_free(e) < 0 && rc >= 0)
		rc = error("%s: write failed", output ? output :
		    "standard output");
	if (output != NULL && atomic_close(&af, rc >= 0) < 0)
		rc = -1;
	db_rollback(ctx->db);
	return rc < 0 ? RT_FAIL : RT_OK;
}
