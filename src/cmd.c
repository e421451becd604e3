#include "cmd.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "import.h"
#include "date.h"
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
	NULL,
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

/*
 * "usage: rectrack USAGE", wrapped to 79 columns between its parts (a
 * bracketed group is never split), continuation lines under the first.
 */
static void
print_usage(FILE *fp, const char *usage)
{
	static const char lead[] = "usage: rectrack ";
	const size_t start = sizeof lead - 1;
	size_t col = start, len;
	const char *p = usage, *w;
	int depth;

	fputs(lead, fp);
	while (*p) {
		for (w = p, depth = 0; *p && (*p != ' ' || depth > 0); p++)
			if (*p == '[' || *p == '(')
				depth++;
			else if (*p == ']' || *p == ')')
				depth--;
		len = (size_t)(p - w);
		if (col > start && col + 1 + len > 79) {
			fprintf(fp, "\n%*s", (int)start, "");
			col = start;
		} else if (col > start) {
			fputc(' ', fp);
			col++;
		}
		fwrite(w, 1, len, fp);
		col += len;
		while (*p == ' ')
			p++;
	}
	fputc('\n', fp);
}

void
cmd_usage(const struct cmd *c, FILE *fp)
{
	print_usage(fp, c->usage);
	fprintf(fp, "\n%s\n", c->summary);
	if (c->help != NULL)
		fprintf(fp, "\n%s", c->help);
}

int
cmd_usage_error(const struct cmd *c, const char *fmt, ...)
{
	struct buf b = BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	error("%s: %s", c->name, b.s);
	print_usage(stderr, c->usage);
	fprintf(stderr, "Try 'rectrack %s --help' for more.\n", c->name);
	buf_release(&b);
	return RT_USAGE;
}

/* An unknown or incomplete long option, with the nearest one named. */
static void
unknown_option(const struct cmd *c, const char *arg,
    const struct option *longopts)
{
	const char *names[64], *near;
	char word[64];
	size_t i, n = 0;

	for (i = 0; longopts[i].name != NULL && n < 63; i++) {
		/* an option given without its value */
		if (strncmp(arg, "--", 2) == 0 &&
		    strcmp(arg + 2, longopts[i].name) == 0) {
			cmd_usage_error(c, "option '%s' needs a value", arg);
			return;
		}
		names[n++] = longopts[i].name;
	}
	names[n] = NULL;
	snprintf(word, sizeof word, "%s", arg + strspn(arg, "-"));
	word[strcspn(word, "=")] = '\0';
	near = nearest_word(word, names);
	if (near != NULL)
		cmd_usage_error(c, "unknown option '%s'; did you mean '--%s'?",
		    arg, near);
	else
		cmd_usage_error(c, "unknown option '%s'", arg);
}

int
cmd_getopt(const struct cmd *c, int argc, char **argv,
    const char *shortopts, const struct option *longopts)
{
	int idx = -1, opt;

	opterr = 0;
	opt = getopt_long(argc, argv, shortopts, longopts, &idx);
	if (opt == 'h') {
		cmd_usage(c, stdout);
		return 'h';
	}
	if (opt == '?') {
		if (optopt != 0 && strncmp(argv[optind - 1], "--", 2) == 0)
			cmd_usage_error(c, "option '%s' needs a value",
			    argv[optind - 1]);
		else if (optopt != 0 && strchr(shortopts, optopt) != NULL)
			cmd_usage_error(c, "option '-%c' needs a value",
			    optopt);
		else if (optopt != 0)
			cmd_usage_error(c, "unknown option '-%c'", optopt);
		else
			unknown_option(c, argv[optind - 1], longopts);
		return '?';
	}
	if (opt == ':') {
		cmd_usage_error(c, "option '%s' needs a value",
		    argv[optind - 1]);
		return '?';
	}
	return opt;
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
filter_option(struct ctx *ctx, const struct cmd *c, int opt, const char *arg,
    struct filter *f)
{
	char *words, *w, *save = NULL;
	sqlite3_stmt *st;
	int i;

	switch (opt) {
	case 'C':
		f->committee = committee_resolve(ctx->db, arg);
		return f->committee < 0 ? -RT_FAIL : 1;
	case 'R':
		st = db_stmt(ctx->db, ST_REVIEW_ROW);
		db_bind_text(st, 1, arg);
		f->review = sqlite3_step(st) == SQLITE_ROW ?
		    sqlite3_column_int64(st, 0) : 0;
		sqlite3_reset(st);
		if (f->review == 0) {
			error("no review '%s'", arg);
			return -RT_FAIL;
		}
		return 1;
	case 'S':
		words = xstrdup(arg);
		for (w = strtok_r(words, ",", &save); w != NULL;
		    w = strtok_r(NULL, ",", &save)) {
			i = vocab_find(vocab_status, w);
			if (i < 0) {
				char *all = vocab_join(vocab_status);

				cmd_usage_error(c, "unknown status '%s' (one "
				    "of: %s)", w, all);
				free(all);
				free(words);
				return -RT_USAGE;
			}
			f->statuses |= 1u << i;
		}
		free(words);
		return 1;
	case 'O':
		f->open = 1;
		return 1;
	case 'X':
		f->closed = 1;
		return 1;
	case OPT_OVERDUE:
		f->overdue = 1;
		return 1;
	case OPT_RESPONSE_OVERDUE:
		f->response_overdue = 1;
		return 1;
	case OPT_STALE:
		f->stale = 1;
		return 1;
	case OPT_OWNER:
		f->owner = arg;
		return 1;
	case OPT_ADDRESSEE:
		f->addressee = arg;
		return 1;
	case OPT_AUTHORITY:
		f->authority = arg;
		return 1;
	case OPT_DUE_BEFORE:
	case OPT_UPDATED_SINCE:
		if (cmd_date_arg(c, opt == OPT_DUE_BEFORE ? "--due-before" :
		    "--updated-since", arg) != RT_OK)
			return -RT_USAGE;
		if (opt == OPT_DUE_BEFORE)
			f->due_before = arg;
		else
			f->updated_since = arg;
		return 1;
	}
	return 0;
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
	/* what import does (libyaml): a BOM at the start dropped, CRLF and
	 * a lone CR read as LF */
	i = len >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;
	for (; i < len; i++) {
		if (s[i] != '\r')
			buf_addc(&b, s[i]);
		else if (!(i + 1 < len && s[i + 1] == '\n'))
			buf_addc(&b, '\n');
	}
	if ((why = text_problem_at(b.s, b.len, &at)) != NULL) {
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
	b.len = text_trim(b.s, b.len);
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
cmd_begin(struct ctx *ctx)
{
	return db_begin(ctx->db);
}

int
cmd_date_arg(const struct cmd *c, const char *opt, const char *arg)
{
	if (date_valid(arg))
		return RT_OK;
	return cmd_usage_error(c, "%s '%s' is not a date: write YYYY-MM-DD",
	    opt, arg);
}

static char *
dup_or_null(const char *s)
{
	return s == NULL ? NULL : xstrdup(s);
}

static int
now_one(const struct recview *r, void *arg)
{
	struct rec_now *out = arg;

	out->handle = xstrdup(r->handle);
	out->status = xstrdup(r->status);
	out->due = dup_or_null(r->due);
	out->last_date = dup_or_null(r->last_update);
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
	return RT_OK;
}

int
cmd_list_format(const struct cmd *c, const char *arg, enum out_format *fmt)
{
	int f = out_format_parse(arg, 1u << FMT_TABLE | 1u << FMT_CSV |
	    1u << FMT_JSON | 1u << FMT_MARKDOWN);

	if (f < 0)
		return cmd_usage_error(c, "unknown format '%s' (one of: table, "
		    "csv, json, markdown)", arg);
	*fmt = (enum out_format)f;
	return RT_OK;
}
