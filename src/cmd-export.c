#include <errno.h>
#include <fcntl.h>
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
#include "schema.h"
#include "vocab.h"
#include "xmalloc.h"

static int cmd_export(struct ctx *ctx, int argc, char **argv);

const struct cmd cmd_export_entry = {
	.name = "export",
	.group = G_REPORT,
	.usage = "export [--committee C | --review R] [--format yaml|json] "
	    "[--output FILE | --dir DIR]",
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
	"Options:\n"
	"  --committee C   one committee (id, or part of its id or name)\n"
	"  --review R      one review (and the meetings that served it)\n"
	"  --format F      yaml (default) or json\n"
	"  --output FILE   write to FILE instead of standard output\n"
	"  --dir DIR       one file per review, DIR/COMMITTEE/REVIEW.yaml,\n"
	"                  and DIR/COMMITTEE/meetings.yaml (without\n"
	"                  --review), which also holds a review whose id\n"
	"                  is 'meetings'; no link below DIR is followed\n"
	"\n"
	"Examples:\n"
	"  rectrack export --dir records/        # then: git diff records/\n"
	"  rectrack export --review islington-2024-childrens-workforce\n",
	.flags = CMD_DB_READ,
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

/* Write one file of the --dir tree: name in the directory cfd (cdir). */
static int
write_file(struct ctx *ctx, int cfd, const char *cdir, const char *name,
    enum emit_kind kind, long long committee, long long review,
    unsigned what)
{
	struct atomic_file af;
	struct emit *e;
	int rc;

	if (atomic_openat(&af, cfd, cdir, name, ctx->dbpath) < 0)
		return -1;
	e = emit_new(kind, af.fp);
	rc = export_documents(ctx->db, e, committee, review, what);
	if (emit_free(e) < 0 && rc >= 0)
		rc = error("%s/%s: write failed", cdir, name);
	return atomic_close(&af, rc >= 0) < 0 || rc < 0 ? -1 : 0;
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
	size_t nc, nr, i, j, files = 0;
	sqlite3_stmt *st;
	long long in_meetings;
	int rc = 0, has_meetings, dfd, cfd;

	if (make_dirs(dir) < 0)
		return -1;
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
		buf_printf(&cdir, "%s/%s", dir, cs[i].name);
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
			rc = write_file(ctx, cfd, cdir.s, name.s, kind,
			    cs[i].id, rs[j].id, EXPORT_REVIEWS);
			files += rc == 0;
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
			rc = write_file(ctx, cfd, cdir.s, name.s, kind,
			    cs[i].id, in_meetings, EXPORT_MEETINGS |
			    (in_meetings ? EXPORT_REVIEWS |
			    EXPORT_ALL_MEETINGS : 0));
			files += rc == 0;
		}
		close(cfd);
	}
	rows_free(cs, nc);
	close(dfd);
	buf_release(&cdir);
	buf_release(&name);
	if (rc == 0)
		warning("wrote %zu file%s under %s", files,
		    files == 1 ? "" : "s", dir);
	return rc;
}

static int
cmd_export(struct ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "committee", required_argument, NULL, 'C' },
		{ "review", required_argument, NULL, 'R' },
		{ "format", required_argument, NULL, 'f' },
		{ "output", required_argument, NULL, 'o' },
		{ "dir", required_argument, NULL, 'D' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const struct cmd *c = &cmd_export_entry;
	const char *output = NULL, *dir = NULL;
	enum emit_kind kind = EMIT_YAML;
	struct atomic_file af;
	struct filter f;
	struct emit *e;
	long long committee;
	sqlite3_stmt *st;
	int opt, rc;

	memset(&f, 0, sizeof f);
	while ((opt = cmd_getopt(c, argc, argv, "o:h", opts)) != -1) {
		rc = opt == 'C' || opt == 'R' ? filter_option(ctx, c, opt,
		    optarg, &f) : 0;
		if (rc < 0)
			return -rc;
		if (rc > 0)
			continue;
		switch (opt) {
		case 'h':
			return RT_OK;
		case 'f':
			if (strcmp(optarg, "yaml") == 0)
				kind = EMIT_YAML;
			else if (strcmp(optarg, "json") == 0)
				kind = EMIT_JSON;
			else
				return cmd_usage_error(c, "unknown format '%s' "
				    "(one of: yaml, json)", optarg);
			break;
		case 'o':
			output = optarg;
			break;
		case 'D':
			dir = optarg;
			break;
		default:
			return RT_USAGE;
		}
	}
	if (optind < argc)
		return cmd_usage_error(c, "unexpected argument '%s'",
		    argv[optind]);
	if (f.committee && f.review)
		return cmd_usage_error(c, "give --committee or --review, not "
		    "both");
	if (output != NULL && dir != NULL)
		return cmd_usage_error(c, "give --output or --dir, not both");
	if ((output != NULL && *output == '\0') || (dir != NULL &&
	    *dir == '\0'))
		return cmd_usage_error(c, "give --%s a name, not an empty one",
		    output != NULL ? "output" : "dir");
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
