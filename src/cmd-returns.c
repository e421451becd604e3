#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "cmd.h"
#include "csvin.h"
#include "date.h"
#include "diag.h"
#include "escape.h"
#include "import.h"
#include "search.h"
#include "track.h"
#include "vocab.h"
#include "xmalloc.h"
#include "yamlin.h"

struct returns_opts {
	const char *by, *date;
	int dry_run;
};

static const struct opt returns_options[] = {
	OPTION_FLAG(0, "dry-run", struct returns_opts, dry_run,
	    "check every row and show what would be recorded; write nothing"),
	OPTION_STRING(0, "by", struct returns_opts, by, "NAME",
	    "who reports the updates (default: the form's owner;\n"
	    "\"\" for no one)"),
	OPTION_DATE(0, "date", struct returns_opts, date,
	    "the date of the updates (default today)"),
	OPTION_END,
};

static int cmd_returns(struct ctx *ctx, void *opts, int argc, char **argv);

const struct cmd cmd_returns_entry = {
	.name = "returns",
	.group = G_TRACK,
	.args = "FILE...",
	.summary = "Record filled-in return forms (chase --forms) as updates.",
	.help =
	"Reads each return form (the CSV that 'rectrack chase --forms DIR'\n"
	"wrote, as a spreadsheet saved it) and records every row with\n"
	"something in its last five columns as an update by the form's owner\n"
	"(or --by), under the rules of 'status' and 'set': a status move on\n"
	"the usual path, a revised target date with its reason, implemented\n"
	"and not-implemented with a note. A blank row records nothing; a row\n"
	"recorded already (the same update, dated on or after the form's 'as\n"
	"at' date, even if retracted since) is skipped, so a return can be\n"
	"run again safely. All the rows of all the files are one transaction:\n"
	"any error is reported as FILE:LINE:COLUMN: message (COLUMN counts\n"
	"cells, A = 1) and nothing is written.\n",
	.examples =
	"Examples:\n"
	"  rectrack returns forms/director-of-housing.csv\n"
	"  rectrack returns --dry-run forms/*.csv\n"
	"  rectrack returns --by \"Scrutiny officer\" forms/no-owner.csv\n",
	.opts = returns_options,
	.optsize = sizeof(struct returns_opts),
	.flags = CMD_DB_WRITE,
	.exec = cmd_returns,
};

/* The form's columns (BRIEF: chase writes them, returns reads them). */
enum col {
	C_HANDLE, C_REF, C_TEXT, C_STATUS, C_DUE, C_LAST,
	C_NEW_STATUS, C_NOTE, C_NEW_DUE, C_REASON, C_RAG, NCOL
};
#define C_FIRST_FILL C_NEW_STATUS

static const char *const heading[NCOL] = {
	"Handle", "Ref", "Recommendation", "Current status", "Target date",
	"Last update", "New status", "Progress note", "Revised target date",
	"Reason for new date", "Your RAG",
};

#define FORM_TITLE "rectrack return form"

/* The whole run: every form is read into one transaction. */
struct run {
	struct ctx *ctx;
	int by_given;		/* --by, even "" */
	char *by;		/* --by, checked (NULL: no one) */
	const char *date;	/* of every update */
	struct buf out;		/* the lines to print once it is all good */
	size_t recorded;	/* rows recorded */
	size_t updates;		/* the updates they wrote (a row may write two) */
	size_t forms, blank, already;
};

/* One form being read. */
struct form {
	struct run *run;
	const char *file;
	char *owner;		/* B1, or NULL */
	size_t title_line;	/* row 1's */
	int ownerless;		/* said that it has no owner */
	char as_at[11];		/* D1 */
};

/* One data row's cells, each cleaned (NULL when blank), and where. */
struct row {
	char *v[NCOL];
	const struct csvin_cell *at[NCOL];	/* NULL: not in the file */
	size_t line;
};

/* "column G (New status)" into b. */
static const char *
col_name(struct buf *b, size_t col)
{
	char letters[8];

	csvin_letters(col, letters);
	buf_reset(b);
	if (col >= 1 && col <= NCOL)
		buf_printf(b, "column %s (%s)", letters, heading[col - 1]);
	else
		buf_printf(b, "column %s", letters);
	return b->s;
}

static int
at_cell(const struct form *f, size_t line, size_t col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Report at a cell, the message after its column's name. */
static int
at_cell(const struct form *f, size_t line, size_t col, const char *fmt, ...)
{
	struct buf name = BUF_INIT, msg = BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(&msg, fmt, ap);
	va_end(ap);
	diag_at(f->file, line, col, "%s: %s", col_name(&name, col), msg.s);
	buf_release(&name);
	buf_release(&msg);
	return -1;
}

/*
 * The cell's text as import takes a text (cmd_text_clean()) into *out,
 * NULL when blank; -1 after reporting what is wrong, at the line inside
 * the cell where it is.
 */
static int
cell_text(const struct form *f, const struct csvin_cell *c, char **out)
{
	struct buf b = BUF_INIT;
	const char *why;
	size_t at = 0, i, line;

	*out = NULL;
	if ((why = cmd_text_clean(&b, c->s, c->len, &at)) != NULL) {
		for (line = c->line, i = 0; i < at; i++)
			line += b.s[i] == '\n';
		buf_release(&b);
		return at_cell(f, line, c->col, "the text %s; remove it or "
		    "save the form as CSV in UTF-8", why);
	}
	if (b.len > 0)
		*out = buf_detach(&b);
	buf_release(&b);
	return 0;
}

/* s without one leading "'" (a spreadsheet's mark of a text cell). */
static void
unmark(char *s)
{
	if (s != NULL && s[0] == '\'')
		memmove(s, s + 1, strlen(s));
}

/* How much of a cell a message quotes. */
#define QUOTE_MAX 60

/* s as a message quotes it: whole when short, else its start and "...",
 * cut between characters. Into b. */
static const char *
quoted(struct buf *b, const char *s)
{
	size_t n = strlen(s);

	buf_reset(b);
	if (n <= QUOTE_MAX) {
		buf_add(b, s, n);
		return b->s;
	}
	n = QUOTE_MAX;
	while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
		n--;
	buf_add(b, s, n);
	buf_adds(b, "...");
	return b->s;
}

/* s with surrounding spaces compared to want ignoring case. */
static int
same_words(const char *s, const char *want)
{
	size_t len;

	if (s == NULL)
		return 0;
	while (*s == ' ' || *s == '\t')
		s++;
	len = strlen(s);
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	return len == strlen(want) && strncasecmp(s, want, len) == 0;
}

/*
 * A date as the form takes it, YYYY-MM-DD or DD/MM/YYYY (a spreadsheet's
 * re-save), into out as YYYY-MM-DD; 0, or -1 when it is not one.
 */
static int
form_date(const char *s, char out[11])
{
	size_t d = strspn(s, "0123456789"), m, y;

	if (date_valid(s)) {
		memcpy(out, s, 11);
		return 0;
	}
	if (d < 1 || d > 2 || s[d] != '/')
		return -1;
	m = strspn(s + d + 1, "0123456789");
	if (m < 1 || m > 2 || s[d + 1 + m] != '/')
		return -1;
	y = strspn(s + d + m + 2, "0123456789");
	if (y != 4 || s[d + m + 2 + y] != '\0')
		return -1;
	snprintf(out, 11, "%.4s-%s%.*s-%s%.*s", s + d + m + 2,
	    m == 1 ? "0" : "", (int)m, s + d + 1, d == 1 ? "0" : "", (int)d, s);
	return date_valid(out) ? 0 : -1;
}

/* A revised target date as the form takes it: form_date()'s, or a
 * month, YYYY-MM (format.md "Dates to the month"), kept as written. */
static int
form_due(const char *s, char out[11])
{
	if (month_valid(s)) {
		memcpy(out, s, 8);
		return 0;
	}
	return form_date(s, out);
}

/* A word of a closed list as people type it in a spreadsheet ("In
 * progress", "Amber "): lowercased, runs of spaces and '_' as '-'. */
static void
fold_word(char *s)
{
	char *w = s;

	for (; *s; s++) {
		if (*s == ' ' || *s == '_' || *s == '\t') {
			if (w == s || w[-1] != '-')
				*w++ = '-';
			continue;
		}
		*w++ = (char)tolower((unsigned char)*s);
	}
	*w = '\0';
}

/* Row 1: the title, the owner, the "as at" date. */
static int
read_title(struct form *f, const struct csvin_row *r)
{
	const struct csvin_cell *a = r != NULL ? &r->cells[0] : NULL;
	struct buf q = BUF_INIT;
	char *d = NULL, sep;
	int rc = -1;

	sep = a != NULL && strncasecmp(a->s, FORM_TITLE, strlen(FORM_TITLE))
	    == 0 ? a->s[strlen(FORM_TITLE)] : '\0';
	if (sep == ';' || sep == '\t') {
		/* a spreadsheet set to a language that writes decimal commas */
		diag_at(f->file, a->line, 1, "the form was saved with '%s' "
		    "between cells; save it as CSV with commas (in the "
		    "spreadsheet's CSV options, field delimiter ',')",
		    sep == ';' ? ";" : "tab");
		return -1;
	}
	if (a == NULL || !same_words(a->s, FORM_TITLE)) {
		if (a != NULL && a->len > 0 && a->len <= 60 &&
		    text_problem_at(a->s, a->len, NULL) == NULL)
			diag_at(f->file, a->line, 1, "not a return form: its "
			    "first cell should be '" FORM_TITLE "', not '%s'; "
			    "'rectrack chase --forms DIR' writes the forms",
			    a->s);
		else
			diag_at(f->file, a != NULL ? a->line : 1, 1, "not a "
			    "return form: its first cell should be '"
			    FORM_TITLE "'; 'rectrack chase --forms DIR' writes "
			    "the forms");
		return -1;
	}
	if ((r->n > 1 && cell_text(f, &r->cells[1], &f->owner) < 0) ||
	    (r->n > 3 && cell_text(f, &r->cells[3], &d) < 0))
		goto out;
	unmark(f->owner);
	unmark(d);
	if (d == NULL || form_date(d, f->as_at) < 0) {
		diag_at(f->file, r->line, 4, "the form's 'as at' date %s%s%s"
		    "is not a date; the form was edited: write it back as "
		    "YYYY-MM-DD, as 'rectrack chase --forms DIR' wrote it",
		    d ? "'" : "", d ? quoted(&q, d) : "", d ? "' " : "");
		goto out;
	}
	f->title_line = r->line;
	rc = 0;
out:
	buf_release(&q);
	free(d);
	return rc;
}

/* Row 3: the headings, as the form wrote them. */
static int
read_headings(struct form *f, const struct csvin_row *r, size_t line)
{
	struct buf q = BUF_INIT;
	char letters[8];
	const char *got;
	size_t i;

	for (i = 0; i < NCOL; i++) {
		got = r != NULL && i < r->n ? r->cells[i].s : NULL;
		if (same_words(got, heading[i]))
			continue;
		csvin_letters(i + 1, letters);
		if (r != NULL)
			line = i < r->n ? r->cells[i].line : r->line;
		/* what is there instead, when it can be quoted */
		if (got == NULL || *got == '\0' || text_problem(got) != NULL)
			got = NULL;
		diag_at(f->file, line, i + 1, "the form was edited into "
		    "another shape: column %s should be headed '%s'%s%s%s; "
		    "keep the rows and columns as 'rectrack chase --forms "
		    "DIR' wrote them", letters, heading[i], got ? ", not '" :
		    "", got ? quoted(&q, got) : "", got ? "'" : "");
		buf_release(&q);
		return -1;
	}
	return 0;
}

static void
row_free(struct row *w)
{
	size_t i;

	for (i = 0; i < NCOL; i++)
		free(w->v[i]);
}

/*
 * The cells of a data row, checked as texts; a cell past the headings
 * with something in it is an error, missing ones are blank. 0 or -1.
 * The cap on errors holds inside a row too: a row of 200,000 cells past
 * the headings is reported up to the cap, then left.
 */
static int
row_cells(struct form *f, const struct csvin_row *r, struct row *w)
{
	size_t i;
	int rc = 0;
	char *extra;

	memset(w, 0, sizeof *w);
	w->line = r->line;
	for (i = 0; i < r->n; i++) {
		if (rc < 0 && diag_errors() >= YIN_MAX_ERRORS)
			break;
		if (i < NCOL) {
			w->at[i] = &r->cells[i];
			if (cell_text(f, &r->cells[i], &w->v[i]) < 0)
				rc = -1;
			continue;
		}
		if (cell_text(f, &r->cells[i], &extra) < 0) {
			rc = -1;
		} else if (extra != NULL) {
			at_cell(f, r->cells[i].line, i + 1, "the form has %d "
			    "columns, this one is past them and holds text; "
			    "put it in the Progress note (column H) or clear "
			    "it", NCOL);
			rc = -1;
		}
		free(extra);
	}
	return rc;
}

/* Where a row's cell is (its own place, or where it would be). */
static size_t
cell_line(const struct row *w, enum col c)
{
	return w->at[c] != NULL ? w->at[c]->line : w->line;
}

/* The checks of the fill cells that need no database: 0 or -1. */
static int
row_words(struct form *f, struct row *w, char due[11])
{
	struct buf q = BUF_INIT;
	char *all, advice[160];
	const char *near;
	int rc = 0, i;

	for (i = C_FIRST_FILL; i < NCOL; i++)
		if (w->v[i] != NULL && w->v[i][0] == '=')
			rc = at_cell(f, cell_line(w, i), i + 1, "'%s' is a "
			    "formula; write the value itself (the form is "
			    "read as text, never calculated)",
			    quoted(&q, w->v[i]));
	if (rc < 0)
		goto out;
	unmark(w->v[C_HANDLE]);
	unmark(w->v[C_NEW_STATUS]);
	unmark(w->v[C_NEW_DUE]);
	unmark(w->v[C_RAG]);
	/* a note or reason keeps its "'" unless the form's own guard put it
	 * before what a spreadsheet would calculate */
	for (i = C_NOTE; i <= C_REASON; i += C_REASON - C_NOTE)
		if (w->v[i] != NULL && w->v[i][0] == '\'' &&
		    w->v[i][1] != '\0' && strchr("=+-@\t", w->v[i][1]) != NULL)
			unmark(w->v[i]);
	if (w->v[C_HANDLE] == NULL)
		rc = at_cell(f, w->line, C_HANDLE + 1, "the row has an update "
		    "but no handle; keep the handle the form gave the row");
	if (w->v[C_NEW_STATUS] != NULL) {
		fold_word(w->v[C_NEW_STATUS]);
		if (vocab_find(vocab_status, w->v[C_NEW_STATUS]) < 0) {
			near = nearest_word(w->v[C_NEW_STATUS], vocab_status);
			all = vocab_join(vocab_status);
			if (near != NULL)
				rc = at_cell(f, cell_line(w, C_NEW_STATUS),
				    C_NEW_STATUS + 1, "unknown status '%s'; "
				    "did you mean '%s'? (one of: %s; blank "
				    "keeps the current status)", quoted(&q,
				    w->v[C_NEW_STATUS]), near, all);
			else
				rc = at_cell(f, cell_line(w, C_NEW_STATUS),
				    C_NEW_STATUS + 1, "unknown status '%s' "
				    "(one of: %s; blank keeps the current "
				    "status)",
				    quoted(&q, w->v[C_NEW_STATUS]), all);
			free(all);
		}
	}
	if (w->v[C_NEW_DUE] != NULL && form_due(w->v[C_NEW_DUE], due) < 0) {
		date_advice(w->v[C_NEW_DUE], "Revised target date", 1, advice,
		    sizeof advice);
		rc = at_cell(f, cell_line(w, C_NEW_DUE), C_NEW_DUE + 1, "'%s' "
		    "is not a date: %s", quoted(&q, w->v[C_NEW_DUE]), advice);
	}
	if (w->v[C_REASON] != NULL && w->v[C_NEW_DUE] == NULL)
		rc = at_cell(f, cell_line(w, C_REASON), C_REASON + 1, "a "
		    "reason for a new date, but no revised target date "
		    "(column I); give the date or clear the reason");
	if (w->v[C_NEW_DUE] != NULL && w->v[C_REASON] == NULL)
		rc = at_cell(f, cell_line(w, C_REASON), C_REASON + 1, "a "
		    "revised target date (column I) needs a reason: say why "
		    "it moved, so the slip stays visible");
	if (w->v[C_RAG] != NULL) {
		fold_word(w->v[C_RAG]);
		if (vocab_find(vocab_rag, w->v[C_RAG]) < 0) {
			all = vocab_join(vocab_rag);
			rc = at_cell(f, cell_line(w, C_RAG), C_RAG + 1,
			    "unknown RAG '%s' (one of: %s)",
			    quoted(&q, w->v[C_RAG]), all);
			free(all);
		}
	}
out:
	buf_release(&q);
	return rc;
}

/* The recommendation a handle names, or 0 after reporting. */
static long long
row_rec(struct form *f, const struct row *w)
{
	struct db *db = f->run->ctx->db;
	const char *h = w->v[C_HANDLE], *slash = strchr(h, '/');
	sqlite3_stmt *st = db_stmt(db, ST_REC_BY_HANDLE);
	long long id = 0;

	if (slash != NULL) {
		sqlite3_bind_text(st, 1, h, (int)(slash - h), SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 2, slash + 1, -1, SQLITE_STATIC);
		if (sqlite3_step(st) == SQLITE_ROW)
			id = sqlite3_column_int64(st, 0);
		sqlite3_reset(st);
	}
	if (id == 0) {
		struct buf q = BUF_INIT;

		at_cell(f, cell_line(w, C_HANDLE), C_HANDLE + 1, "no "
		    "recommendation '%s' in the database; keep the handle the "
		    "form gave the row", quoted(&q, h));
		buf_release(&q);
	}
	return id;
}

/* Whether the recommendation holds this one update, dated on or after
 * the form's date: 1, 0, or -1 after reporting. */
static int
seen_one(struct form *f, const char *since, long long id, const char *status,
    const char *due, const char *note, const char *rag, const char *by)
{
	struct db *db = f->run->ctx->db;
	sqlite3_stmt *st = db_stmt(db, ST_UPDATE_SEEN);
	int rc;

	sqlite3_bind_int64(st, 1, id);
	db_bind_text(st, 2, status);
	db_bind_text(st, 3, due);
	db_bind_text(st, 4, note);
	db_bind_text(st, 5, rag);
	db_bind_text(st, 6, by);
	db_bind_text(st, 7, since);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	return db_error(db, "returns");
}

/*
 * The date from which an update counts as the row's: the form's "as at"
 * date, or the date of the latest update the form showed when earlier
 * (no update shown: any date), so that a form dated ahead of the day it
 * went out (chase --before the next meeting) still knows its own rows.
 */
static void
row_since(const struct form *f, const struct row *w, char since[11])
{
	const char *last = w->v[C_LAST];
	char d[11], shown[11];
	size_t n;

	memcpy(since, f->as_at, 11);
	if (last == NULL) {
		since[0] = '\0';
		return;
	}
	n = strcspn(last, ":");
	if (n >= sizeof d)
		return;
	memcpy(d, last, n);
	d[n] = '\0';
	if (form_date(d, shown) == 0 && strcmp(shown, since) < 0)
		memcpy(since, shown, 11);
}

/*
 * Whether the recommendation holds what track_record() writes for q
 * already, since the row's date (row_since()): its one update, or the
 * note's and the move's when q has both a note and a reason. The status
 * is compared only when the row gives one: a row with New status blank
 * recorded its update under the status of the day, which may have moved
 * since. 1, 0, or -1.
 */
static int
row_seen(struct form *f, const struct row *w, long long id,
    const struct track_req *q)
{
	const char *status = q->status;
	char since[11];
	int rc;

	row_since(f, w, since);
	if (q->due == NULL || q->note == NULL || q->reason == NULL)
		return seen_one(f, since, id, status, q->due, q->note != NULL ?
		    q->note : q->reason, q->rag, q->by);
	rc = seen_one(f, since, id, status, NULL, q->note, q->rag, q->by);
	if (rc == 1)
		rc = seen_one(f, since, id, status, q->due, q->reason, NULL,
		    q->by);
	return rc;
}

/* track_check()'s message with the fix named as the form names it (the
 * columns) rather than as the command line does (options), into b. */
static const char *
form_words(struct buf *b, const char *err)
{
	static const char *const map[][2] = {
		{ "give --note", "write a progress note (column H)" },
		{ "needs --note", "needs a progress note (column H)" },
		{ "needs --reason", "needs a reason (column J)" },
		{ "--force records it anyway", "'rectrack status --force' "
		    "records it anyway" },
	};
	size_t i, n;

	buf_reset(b);
	while (*err) {
		for (i = 0; i < sizeof map / sizeof map[0]; i++) {
			n = strlen(map[i][0]);
			if (strncmp(err, map[i][0], n) == 0)
				break;
		}
		if (i < sizeof map / sizeof map[0]) {
			buf_adds(b, map[i][1]);
			err += n;
		} else {
			buf_addc(b, *err++);
		}
	}
	return b->s;
}

/* The line that says what a row records, as 'status' says it. */
static void
row_say(struct run *run, const struct rec_now *now, const char *status,
    const struct track_req *q)
{
	struct buf *b = &run->out;

	if (strcmp(now->status, status) != 0)
		buf_printf(b, "%s: %s -> %s", now->handle, now->status, status);
	else
		buf_printf(b, "%s: %s", now->handle, status);
	if (q->note != NULL)
		buf_adds(b, ", progress noted");
	if (q->due != NULL)
		buf_printf(b, ", target date %s", q->due);
	if (q->rag != NULL)
		buf_printf(b, ", RAG %s", q->rag);
	buf_printf(b, " (%s", q->date);
	if (q->by != NULL)
		buf_printf(b, ", by %s", q->by);
	buf_adds(b, ")\n");
}

/* One data row: nothing, skipped, recorded, or -1 after reporting. */
static int
read_row(struct form *f, const struct csvin_row *r)
{
	struct run *run = f->run;
	struct track_req q;
	struct rec_now now;
	struct row w;
	char due[11], err[512];
	struct buf msg = BUF_INIT;
	const char *status;
	long long id;
	int rc = -1, i, filled = 0, seen, errcol, nupd;

	memset(&now, 0, sizeof now);
	if (row_cells(f, r, &w) < 0)
		goto out;
	for (i = C_FIRST_FILL; i < NCOL; i++)
		filled |= w.v[i] != NULL;
	if (!filled) {
		/* a row the spreadsheet left empty is no row of the form */
		if (w.v[C_HANDLE] != NULL)
			run->blank++;
		rc = 0;
		goto out;
	}
	if (row_words(f, &w, due) < 0 || (id = row_rec(f, &w)) == 0)
		goto out;
	if (f->owner == NULL && !run->by_given) {
		if (!f->ownerless++)
			diag_at(f->file, f->title_line, 2, "the form has no "
			    "owner (it is the form of recommendations with "
			    "none) and has updates; give --by NAME, whose "
			    "return it is");
		goto out;
	}
	if (rec_now(run->ctx, id, &now) < 0)
		goto out;
	memset(&q, 0, sizeof q);
	q.status = w.v[C_NEW_STATUS];
	q.note = w.v[C_NOTE];
	q.by = run->by_given ? run->by : f->owner;
	q.date = run->date;
	q.due = w.v[C_NEW_DUE] != NULL ? due : NULL;
	q.reason = w.v[C_REASON];
	q.rag = w.v[C_RAG];
	status = q.status != NULL ? q.status : now.status;
	if ((seen = row_seen(f, &w, id, &q)) < 0)
		goto out;
	/* a revised date that is the one set already moves nothing (and
	 * its reason says nothing): as recorded when the date was current */
	if (!seen && q.due != NULL && now.due != NULL &&
	    strcmp(q.due, now.due) == 0) {
		q.due = q.reason = NULL;
		if ((seen = row_seen(f, &w, id, &q)) < 0)
			goto out;
	}
	/* nor does a row that asks for what the recommendation holds */
	if (seen || (strcmp(status, now.status) == 0 && q.note == NULL &&
	    q.due == NULL && q.rag == NULL)) {
		run->already++;
		rc = 0;
		goto out;
	}
	if (track_check(&now, &q, err, sizeof err) < 0) {
		errcol = q.status != NULL ? C_NEW_STATUS : q.due != NULL ?
		    C_NEW_DUE : q.note != NULL ? C_NOTE : C_RAG;
		at_cell(f, cell_line(&w, errcol), errcol + 1, "%s: %s",
		    now.handle, form_words(&msg, err));
		goto out;
	}
	/* its index rows go out before the change (track_record() puts
	 * them back), as cmd_write_rec() does for the commands */
	search_changing_rec(run->ctx->db, id);
	nupd = track_updates(&now, &q);
	if (track_record(run->ctx, id, &now, &q) < 0)
		goto out;
	row_say(run, &now, status, &q);
	run->recorded++;
	run->updates += (size_t)nupd;
	rc = 0;
out:
	rec_now_free(&now);
	row_free(&w);
	buf_release(&msg);
	return rc;
}

/* One form, every row into the run's transaction. 0, or -1 after
 * reporting (as many errors as the form has, past its shape). */
static int
read_form(struct run *run, const char *file)
{
	struct form f = { .run = run, .file = file };
	const struct csvin_row *r;
	struct csvin *in;
	FILE *fp;
	size_t n = 0, line = 1;
	int rc = 0, got;

	if ((fp = fopen(file, "rb")) == NULL)
		return error("%s: %s", file, strerror(errno));
	in = csvin_open(fp, file, YIN_MAX_SCALAR);
	while ((got = csvin_next(in, &r)) == 1) {
		n++;
		if (n == 1) {
			if (read_title(&f, r) < 0)
				break;
		} else if (n == 3) {
			if (read_headings(&f, r, r->line) < 0)
				break;
		} else if (n > 3 && read_row(&f, r) < 0) {
			rc = -1;
			if (diag_errors() >= YIN_MAX_ERRORS)
				break;
		}
		line = r->line;
	}
	if (got != 0)	/* stopped at an error */
		rc = -1;
	else if (n < 3 && (n == 0 ? read_title(&f, NULL) < 0 :
	    read_headings(&f, NULL, line + 1) < 0))
		rc = -1;
	csvin_close(in);
	fclose(fp);
	free(f.owner);
	if (rc == 0)
		run->forms++;
	return rc;
}

static const char *
plural(size_t n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

static int
cmd_returns(struct ctx *ctx, void *opts, int argc, char **argv)
{
	struct returns_opts *ro = opts;
	struct run run;
	size_t errs;
	int i, rc;

	memset(&run, 0, sizeof run);
	run.ctx = ctx;
	run.out = (struct buf)BUF_INIT;
	run.date = ro->date != NULL ? ro->date : ctx->today;
	run.by_given = ro->by != NULL;
	if (run.by_given && cmd_text_arg("--by", ro->by, &run.by) != RT_OK)
		return RT_FAIL;
	if ((rc = cmd_begin(ctx)) != RT_OK)
		goto done;
	diag_reset();
	/* as import does, a few screens of errors and no more */
	for (i = 1; i < argc && diag_errors() < YIN_MAX_ERRORS; i++)
		read_form(&run, argv[i]);
	if ((errs = diag_errors()) > 0) {
		db_rollback(ctx->db);
		error("%zu error%s%s; nothing was recorded", errs,
		    plural(errs, "", "s"), errs >= YIN_MAX_ERRORS ?
		    " (reading stopped there)" : "");
		rc = RT_FAIL;
		goto done;
	}
	if (ro->dry_run) {
		db_rollback(ctx->db);
	} else if (db_commit(ctx->db) != RT_OK) {
		rc = RT_FAIL;
		goto done;
	}
	fputs(run.out.s, stdout);
	/* rows and updates: one count when they agree, else both (a note
	 * with a revised date is two updates), never fewer than written */
	printf("%zu %s%s recorded", run.recorded, run.updates == run.recorded ?
	    plural(run.recorded, "update", "updates") : plural(run.recorded,
	    "row", "rows"), ro->dry_run ? " would be" : "");
	if (run.updates != run.recorded)
		printf(" (%zu %s)", run.updates, plural(run.updates, "update",
		    "updates"));
	printf(" from %zu %s (%zu %s blank, %zu already recorded)%s\n",
	    run.forms, plural(run.forms, "form", "forms"), run.blank,
	    plural(run.blank, "row", "rows"), run.already,
	    ro->dry_run ? "; dry run: nothing written" : "");
	rc = RT_OK;
done:
	buf_release(&run.out);
	free(run.by);
	return rc;
}
