#include "cmd.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "derived.h"
#include "buf.h"
#include "diag.h"
#include "escape.h"
#include "schema.h"
#include "search.h"
#include "vocab.h"
#include "xmalloc.h"
#include "yamlin.h"

const struct cmd *const cmd_table[] = {
	&cmd_import_entry,
	&cmd_check_entry,
	&cmd_list_entry,
	&cmd_show_entry,
	&cmd_status_entry,
	&cmd_respond_entry,
	&cmd_set_entry,
	&cmd_actions_entry,
	&cmd_action_entry,
	&cmd_stage_entry,
	/* the monitoring round, in the order it runs */
	&cmd_chase_entry,
	&cmd_returns_entry,
	&cmd_signoff_entry,
	&cmd_retract_entry,
	&cmd_verify_entry,
	&cmd_backup_entry,
	&cmd_export_entry,
	&cmd_report_entry,
	&cmd_search_entry,
	&cmd_similar_entry,
	&cmd_committees_entry,
	&cmd_reviews_entry,
	&cmd_stats_entry,
	&cmd_reindex_entry,
	&cmd_completion_entry,
	&cmd_draft_entry,
	&cmd_new_entry,
	NULL,
};

const char *const cmd_list_formats[] = {
	"table", "csv", "json", "markdown", NULL,
};

const struct cmd *
cmd_find(const char *name)
{
	size_t i;

	for (i = 0; cmd_table[i] != NULL; i++)
		if (strcmp(cmd_table[i]->name, name) == 0)
			return cmd_table[i];
	return NULL;
}

struct opt_cmd
cmd_opt(const struct cmd *c)
{
	struct opt_cmd o = { c->name, c->args, c->summary, c->help,
	    c->examples, c->opts };

	return o;
}

void
cmd_usage(const struct cmd *c, FILE *fp)
{
	struct opt_cmd o = cmd_opt(c);

	opt_print_help(&o, fp);
}

int
cmd_usage_error(const struct cmd *c, const char *fmt, ...)
{
	struct opt_cmd o = cmd_opt(c);
	struct buf b = BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	opt_usage_error(&o, "%s", b.s);
	buf_release(&b);
	return RT_USAGE;
}

/* Case-insensitive substring, ignoring apostrophes (’ too) in both. */
static int
loose_contains(const char *hay, const char *needle)
{
	struct buf h = BUF_INIT, n = BUF_INIT;
	const char *s;
	int found;

	for (s = hay; *s; s++) {
		if (*s == '\'')
			continue;
		if (!strncmp(s, "\xe2\x80\x99", 3)) {
			s += 2;
			continue;
		}
		buf_addc(&h, (char)tolower((unsigned char)*s));
	}
	for (s = needle; *s; s++) {
		if (*s == '\'')
			continue;
		if (!strncmp(s, "\xe2\x80\x99", 3)) {
			s += 2;
			continue;
		}
		buf_addc(&n, (char)tolower((unsigned char)*s));
	}
	found = n.len > 0 && strstr(h.s, n.s) != NULL;
	buf_release(&h);
	buf_release(&n);
	return found;
}

/* How many committees a message names before "and N more". */
#define NAMED_MAX 10

long long
committee_resolve(struct db *db, const char *arg)
{
	sqlite3_stmt *st = db_stmt(db, ST_COMMITTEE_GET);
	struct buf list = BUF_INIT;
	long long id = -1;
	int n = 0, all = 0;

	/* the committee's own id, by its index */
	db_bind_text(st, 1, arg);
	if (sqlite3_step(st) == SQLITE_ROW)
		id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (id >= 0)
		return id;
	/* else part of an id or name */
	st = db_stmt(db, ST_COMMITTEE_MATCH);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *cid = db_col(st, 1), *name = db_col(st, 2);

		if (cid == NULL || name == NULL)
			continue;	/* not a committee (rectrack verify) */
		if (loose_contains(cid, arg) || loose_contains(name, arg)) {
			id = sqlite3_column_int64(st, 0);
			if (n++ < NAMED_MAX)
				buf_printf(&list, "%s %s (%s)", n > 1 ? "," :
				    "", cid, name);
		}
	}
	sqlite3_reset(st);
	if (n == 0) {
		/* say what there is */
		while (sqlite3_step(st) == SQLITE_ROW)
			if (all++ < NAMED_MAX)
				buf_printf(&list, "%s %s (%s)", all > 1 ? "," :
				    "", stored_text(st, 1), stored_text(st, 2));
		sqlite3_reset(st);
		if (all > NAMED_MAX)
			buf_printf(&list, " and %d more ('rectrack committees' "
			    "lists them)", all - NAMED_MAX);
		error("no committee matches '%s'; the database holds:%s", arg,
		    list.len ? list.s : " none");
	} else if (n > 1) {
		if (n > NAMED_MAX)
			buf_printf(&list, " and %d more", n - NAMED_MAX);
		error("committee '%s' is ambiguous; it matches:%s; give the "
		    "committee id", arg, list.s);
	}
	buf_release(&list);
	return n == 1 ? id : -1;
}

long long
handle_resolve(struct db *db, const char *handle)
{
	sqlite3_stmt *st;
	const char *slash = strchr(handle, '/');
	long long id = 0;
	size_t i;

	for (i = 0; handle[i] && isdigit((unsigned char)handle[i]); i++)
		;
	if (i > 0 && handle[i] == '\0' && i < 18) {
		st = db_stmt(db, ST_REC_BY_ID);
		sqlite3_bind_int64(st, 1, atoll(handle));
	} else if (slash != NULL) {
		st = db_stmt(db, ST_REC_BY_HANDLE);
		sqlite3_bind_text(st, 1, handle, (int)(slash - handle),
		    SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 2, slash + 1, -1, SQLITE_STATIC);
	} else {
		error("'%s' is not a handle: write REVIEW/REF (e.g. "
		    "islington-2024-childrens-workforce/2) or the ID that "
		    "'rectrack list' shows", handle);
		return 0;
	}
	if (sqlite3_step(st) == SQLITE_ROW)
		id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (id == 0)
		error("no recommendation '%s'", handle);
	return id;
}

int
filter_resolve(struct ctx *ctx, struct filter_opts *fo)
{
	sqlite3_stmt *st;

	if (fo->committee != NULL) {
		fo->f.committee = committee_resolve(ctx->db, fo->committee);
		if (fo->f.committee < 0)
			return RT_FAIL;
	}
	if (fo->review != NULL) {
		st = db_stmt(ctx->db, ST_REVIEW_ROW);
		db_bind_text(st, 1, fo->review);
		fo->f.review = sqlite3_step(st) == SQLITE_ROW ?
		    sqlite3_column_int64(st, 0) : 0;
		sqlite3_reset(st);
		if (fo->f.review == 0) {
			error("no review '%s'", fo->review);
			return RT_FAIL;
		}
	}
	return RT_OK;
}

const char *
cmd_text_clean(struct buf *b, const char *s, size_t len, size_t *at)
{
	const char *why;
	size_t i;

	/* what import does (libyaml): a BOM at the start dropped, CRLF and
	 * a lone CR read as LF */
	i = len >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;
	for (; i < len; i++) {
		if (s[i] != '\r')
			buf_addc(b, s[i]);
		else if (!(i + 1 < len && s[i + 1] == '\n'))
			buf_addc(b, '\n');
	}
	if ((why = text_problem_at(b->s, b->len, at)) == NULL)
		b->len = text_trim(b->s, b->len);
	return why;
}

int
cmd_text(const char *file, const char *what, const char *s, size_t len,
    char **out)
{
	struct buf b = BUF_INIT;
	size_t i, at, line = 1, col = 1;
	const char *why;

	*out = NULL;
	if (len > YIN_MAX_SCALAR) {
		if (file != NULL)
			return error("%s: longer than the 1 MiB limit of a text",
			    file);
		return error("%s: longer than the 1 MiB limit of a text", what);
	}
	if ((why = cmd_text_clean(&b, s, len, &at)) != NULL) {
		for (i = 0; i < at; i++) {
			if (b.s[i] == '\n') {
				line++;
				col = 1;
			} else if (((unsigned char)b.s[i] & 0xc0) != 0x80) {
				col++;
			}
		}
		if (file != NULL)
			diag_at(file, line, col, "the text %s; remove it or "
			    "save the file as UTF-8 text", why);
		else
			error("%s %s (line %zu, column %zu); give plain UTF-8 "
			    "text", what, why, line, col);
		buf_release(&b);
		return RT_FAIL;
	}
	if (b.len == 0)
		buf_release(&b);
	else
		*out = buf_detach(&b);
	return RT_OK;
}

int
cmd_text_arg(const char *what, const char *arg, char **out)
{
	free(*out);
	return cmd_text(NULL, what, arg, strlen(arg), out);
}

int
cmd_user(const char **out)
{
	static char *user;
	static int done, rc = RT_OK;
	const char *u = getenv("RECTRACK_USER"), *name = "$RECTRACK_USER";

	if (!done) {
		done = 1;
		if (u == NULL || *u == '\0') {
			u = getenv("USER");
			name = "$USER";
		}
		if (u != NULL)
			rc = cmd_text(NULL, name, u, strlen(u), &user);
	}
	*out = user;
	return rc;
}

int
cmd_user_copy(char **out)
{
	const char *user;
	int rc = cmd_user(&user);

	*out = rc == RT_OK && user != NULL ? xstrdup(user) : NULL;
	return rc;
}

int
cmd_begin(struct ctx *ctx)
{
	int rc = db_begin(ctx->db);

	/* its commit derives what it marked (and, under the test suite's
	 * RECTRACK_CHECK_DERIVED, checks every row, marked or not) */
	if (rc == RT_OK)
		derived_watch(ctx->db);
	return rc;
}

static int
now_one(const struct recview *r, void *arg)
{
	struct rec_now *out = arg;

	out->handle = xstrdup(r->handle);
	out->status = xstrdup(r->status);
	out->due = xstrdup_or_null(r->due);
	out->last_date = xstrdup_or_null(r->last_update);
	out->signed_off = xstrdup_or_null(r->signed_off);
	return 1;
}

int
rec_now(struct ctx *ctx, long long id, struct rec_now *out)
{
	struct filter f;

	memset(&f, 0, sizeof f);
	memset(out, 0, sizeof *out);
	f.rec = id;
	if (recview_each(ctx->db, &f, ctx->today, now_one, out) < 0)
		return -1;
	if (out->handle == NULL)
		return error("recommendation %lld vanished", id);
	return 0;
}

void
rec_now_free(struct rec_now *r)
{
	free(r->handle);
	free(r->status);
	free(r->due);
	free(r->last_date);
	free(r->signed_off);
	memset(r, 0, sizeof *r);
}

int
cmd_write_rec(struct ctx *ctx, const char *handle, long long *id,
    struct rec_now *now)
{
	int rc = cmd_begin(ctx);

	memset(now, 0, sizeof *now);
	if (rc != RT_OK)
		return rc;
	*id = handle_resolve(ctx->db, handle);
	if (*id == 0 || rec_now(ctx, *id, now) < 0) {
		db_rollback(ctx->db);
		return RT_FAIL;
	}
	/* its index rows go out before the first change (the caller puts
	 * them back with search_index_rec()) */
	search_changing_rec(ctx->db, *id);
	/* ... and its stored derivation is made again before the commit */
	derived_changed(ctx->db, RV_REC, *id);
	return RT_OK;
}

const char *
review_stage_since(struct db *db, const char *rid, char out[11])
{
	sqlite3_stmt *st = db_stmt(db, ST_REVIEW_STAGE);

	out[0] = '\0';
	db_bind_text(st, 1, rid);
	if (sqlite3_step(st) == SQLITE_ROW && db_col(st, 2) != NULL)
		snprintf(out, 11, "%s", db_col(st, 2));
	sqlite3_reset(st);
	return out[0] ? out : NULL;
}
