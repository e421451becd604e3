#ifndef RECTRACK_CMD_H
#define RECTRACK_CMD_H

#include <getopt.h>
#include <stdio.h>

#include "db.h"
#include "output.h"
#include "recview.h"

/*
 * The command table. Each command lives in src/cmd-NAME.c and defines a
 * struct cmd; main.c parses the global options, opens the database as the
 * command's flags ask, and calls exec with the command's own argv (argv[0]
 * is the command name). exec returns an exit status (enum rt_status).
 */

#define CMD_DB_NONE	0x0	/* no database (check) */
#define CMD_DB_READ	0x1	/* the database must exist; never created;
				 * opened read-only */
#define CMD_DB_WRITE	0x2	/* created when missing; the command begins
				 * its own transaction */
#define CMD_DB_CHECK	0x4	/* with CMD_DB_READ: read-write all the same
				 * (verify: FTS5's integrity-check) */

struct ctx {
	const char *dbpath;
	char today[11];
	int color;		/* colour allowed on standard output */
	struct db *db;
	int created;		/* the database file was made by this run */
	int discard;		/* remove it even though the command worked */
};

/* What a command is for, to group them in 'rectrack --help'. */
enum cmd_group { G_RECORD, G_TRACK, G_FIND, G_REPORT, G_ADMIN };

struct cmd {
	const char *name;
	enum cmd_group group;
	const char *usage;	/* after "rectrack " */
	const char *summary;	/* one line */
	const char *help;	/* options and examples */
	unsigned flags;
	int (*exec)(struct ctx *ctx, int argc, char **argv);
};

extern const struct cmd cmd_import_entry, cmd_check_entry, cmd_list_entry,
    cmd_show_entry, cmd_status_entry, cmd_respond_entry, cmd_set_entry,
    cmd_actions_entry, cmd_action_entry, cmd_verify_entry, cmd_backup_entry,
    cmd_export_entry, cmd_report_entry, cmd_search_entry, cmd_similar_entry,
    cmd_committees_entry, cmd_reviews_entry, cmd_stats_entry,
    cmd_reindex_entry;
extern const struct cmd *const cmd_table[];

const struct cmd *cmd_find(const char *name);
/* Print "usage: ..." and the command's help to fp. */
void cmd_usage(const struct cmd *c, FILE *fp);
/* Report a usage error for c ("rectrack: list: ...") and return RT_USAGE. */
int cmd_usage_error(const struct cmd *c, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/*
 * getopt_long over a command's argv, with --help handled: returns the
 * option character, -1 at the end, or '?' after reporting the error. When
 * --help was given it prints help and returns 'h'.
 */
int cmd_getopt(const struct cmd *c, int argc, char **argv,
    const char *shortopts, const struct option *longopts);

/* Long options without a short form. */
enum {
	OPT_OVERDUE = 256, OPT_RESPONSE_OVERDUE, OPT_STALE, OPT_OWNER,
	OPT_ADDRESSEE, OPT_AUTHORITY, OPT_DUE_BEFORE, OPT_UPDATED_SINCE,
};

/* The filter options shared by list-like commands, for option tables. */
#define FILTER_OPTIONS \
	{ "committee", required_argument, NULL, 'C' }, \
	{ "review", required_argument, NULL, 'R' }, \
	{ "status", required_argument, NULL, 'S' }, \
	{ "open", no_argument, NULL, 'O' }, \
	{ "closed", no_argument, NULL, 'X' }, \
	{ "overdue", no_argument, NULL, OPT_OVERDUE }, \
	{ "response-overdue", no_argument, NULL, OPT_RESPONSE_OVERDUE }, \
	{ "stale", no_argument, NULL, OPT_STALE }, \
	{ "owner", required_argument, NULL, OPT_OWNER }, \
	{ "addressee", required_argument, NULL, OPT_ADDRESSEE }, \
	{ "authority", required_argument, NULL, OPT_AUTHORITY }, \
	{ "due-before", required_argument, NULL, OPT_DUE_BEFORE }, \
	{ "updated-since", required_argument, NULL, OPT_UPDATED_SINCE }

/* The help text of the filters, for commands that take them. */
#define FILTER_HELP \
	"Filters (combined with AND):\n" \
	"  --committee C       committee id, or part of its id or name " \
	"(any case)\n" \
	"  --review R          review id\n" \
	"  --authority A       part of the council's name\n" \
	"  --status S[,S..]    draft, agreed, accepted, partially-accepted, " \
	"rejected,\n" \
	"                      in-progress, implemented, not-implemented, " \
	"withdrawn\n" \
	"  --open, --closed    open ones, or closed ones (rejected, " \
	"implemented,\n" \
	"                      not-implemented, withdrawn)\n" \
	"  --overdue           open and past their target date\n" \
	"  --response-overdue  the executive's response is overdue\n" \
	"  --stale             open, nothing recorded for over six months\n" \
	"  --owner TEXT        part of the owner's name\n" \
	"  --addressee TEXT    part of the addressee\n" \
	"  --due-before DATE   a target date before DATE\n" \
	"  --updated-since DATE  an update or response on or after DATE\n"

/*
 * Apply one filter option to f. Returns 1 when opt was a filter option, 0
 * when not, or -RT_FAIL / -RT_USAGE after reporting an error.
 */
int filter_option(struct ctx *ctx, const struct cmd *c, int opt,
    const char *arg, struct filter *f);

/*
 * A text from the command line, a file or the environment, made what
 * import makes of a YAML text (format.md), so that the same words never
 * differ by door: a BOM dropped, CRLF or CR read as LF, checked (UTF-8,
 * no NUL, no control character but tab and newline, at most 1 MiB),
 * leading and trailing blank lines and the final newline removed. *out gets the text
 * (the caller's), or NULL when nothing is left. Returns RT_OK, or RT_FAIL
 * after naming what (an option, "$USER") or FILE:LINE:COLUMN when file
 * is not NULL.
 */
int cmd_text(const char *file, const char *what, const char *s, size_t len,
    char **out);
/* cmd_text() of an option's value into *out (whose old text is freed). */
int cmd_text_arg(const char *what, const char *arg, char **out);

/* Who records a change: $RECTRACK_USER, else $USER, else NULL, checked
 * by cmd_text(). RT_OK, or RT_FAIL after reporting. */
int cmd_user(const char **out);
/* Begin a write: db_begin(), which reports a lock held past the wait. */
int cmd_begin(struct ctx *ctx);
/* A date option's value: exits via RT_USAGE when it is not a date. */
int cmd_date_arg(const struct cmd *c, const char *opt, const char *arg);

/* The state of one recommendation now (read inside the transaction). */
struct rec_now {
	char *handle;
	char *status;
	char *due;		/* current target date, or NULL */
	char *last_date;	/* date of its latest update, or NULL */
};
int rec_now(struct ctx *ctx, long long id, struct rec_now *out);
void rec_now_free(struct rec_now *r);

/*
 * The start of every command that writes to one recommendation: begin the
 * transaction, resolve the handle, read its state. On RT_OK the caller
 * holds the transaction and *now; on failure it was rolled back.
 */
int cmd_write_rec(struct ctx *ctx, const char *handle, long long *id,
    struct rec_now *now);

/* A --format value among the list-like formats (table, csv, json,
 * markdown); RT_USAGE after reporting. */
int cmd_list_format(const struct cmd *c, const char *arg,
    enum out_format *fmt);

/* Resolve a committee (id, or substring of id or name): row id or -1. */
long long committee_resolve(struct db *db, const char *arg);
/* Resolve a handle (REVIEW/REF or ID): row id, or 0 after reporting. */
long long handle_resolve(struct db *db, const char *handle);

#endif
