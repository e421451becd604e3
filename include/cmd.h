#ifndef RECTRACK_CMD_H
#define RECTRACK_CMD_H

#include <stddef.h>
#include <stdio.h>

#include "buf.h"
#include "db.h"
#include "options.h"
#include "output.h"
#include "recview.h"
#include "vocab.h"

/*
 * The command table. Each command lives in src/cmd-NAME.c and defines a
 * struct cmd with its options (options.h). main.c parses the global
 * options, then the command's options into a struct of the command's own
 * (optsize bytes, starting as *defaults), runs check, opens the database
 * as the flags ask, and calls exec with that struct and the positional
 * arguments (argv[0] is the command name). Every usage error is thus
 * found before the database is opened. exec returns an exit status (enum
 * rt_status).
 */

#define CMD_DB_NONE	0x0	/* no database (check) */
#define CMD_DB_READ	0x1	/* the database must exist; opened read-only */
#define CMD_DB_WRITE	0x2	/* the database must exist; the command
				 * begins its own transaction */
#define CMD_DB_CREATE	0x8	/* with CMD_DB_WRITE: created when missing */
#define CMD_DB_CHECK	0x4	/* with CMD_DB_READ: read-write all the same
				 * (verify: FTS5's integrity-check) */
#define CMD_HIDDEN	0x10	/* not listed by --help nor suggested */

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
	const char *args;	/* positional arguments (struct opt_cmd) */
	const char *summary;	/* one line */
	const char *help;	/* before the options, or NULL */
	const char *examples;	/* after them, or NULL */
	const struct opt *opts;	/* ends with OPTION_END */
	size_t optsize;		/* the size of the command's option struct */
	const void *defaults;	/* its values before parsing, or NULL (0s) */
	unsigned flags;
	/* usage checks across options and arguments, before the database:
	 * RT_OK, or RT_USAGE after cmd_usage_error() (may be NULL) */
	int (*check)(const struct cmd *c, void *opts, int argc, char **argv);
	int (*exec)(struct ctx *ctx, void *opts, int argc, char **argv);
};

extern const struct cmd cmd_import_entry, cmd_check_entry, cmd_list_entry,
    cmd_show_entry, cmd_status_entry, cmd_respond_entry, cmd_set_entry,
    cmd_actions_entry, cmd_action_entry, cmd_verify_entry, cmd_backup_entry,
    cmd_export_entry, cmd_report_entry, cmd_search_entry, cmd_similar_entry,
    cmd_committees_entry, cmd_reviews_entry, cmd_stats_entry,
    cmd_reindex_entry, cmd_completion_entry;
extern const struct cmd cmd_returns_entry;
extern const struct cmd cmd_signoff_entry;
extern const struct cmd cmd_chase_entry;
extern const struct cmd cmd_retract_entry;
extern const struct cmd cmd_stage_entry;
extern const struct cmd cmd_draft_entry;
extern const struct cmd cmd_new_entry;
extern const struct cmd *const cmd_table[];

const struct cmd *cmd_find(const char *name);
/* The command as options.c sees it. */
struct opt_cmd cmd_opt(const struct cmd *c);
/* Print the command's --help to fp. */
void cmd_usage(const struct cmd *c, FILE *fp);
/* Report a usage error for c ("rectrack: list: ...") and return RT_USAGE. */
int cmd_usage_error(const struct cmd *c, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* The filters of list-like commands, as parsed; committee and review are
 * resolved against the database by filter_resolve(). */
struct filter_opts {
	const char *committee, *review;
	struct filter f;
};

/* The options of the filters, for a command whose struct T holds a
 * struct filter_opts m. */
#define FILTER_COMMITTEE(T, m) { .kind = OPT_STRING, .name = "committee", \
	.off = offsetof(T, m.committee), .arg = "C", .help = "committee " \
	"id, or part of its id or name (any case)", \
	.complete = COMP_COMMITTEE }
#define FILTER_REVIEW(T, m) { .kind = OPT_STRING, .name = "review", \
	.off = offsetof(T, m.review), .arg = "R", .help = "review id", \
	.complete = COMP_REVIEW }
#define FILTER_OPTIONS(T, m) \
	OPTION_GROUP("Filters (combined with AND):", "FILTERS"), \
	FILTER_COMMITTEE(T, m), \
	FILTER_REVIEW(T, m), \
	OPTION_STRING(0, "authority", T, m.f.authority, "A", \
	    "part of the council's name"), \
	{ .kind = OPT_WORDS, .name = "status", .off = offsetof(T, \
	    m.f.statuses), .arg = "S[,S..]", .values = vocab_status, \
	    .help = "draft, agreed, accepted, partially-accepted, rejected,\n" \
	    "in-progress, implemented, not-implemented, withdrawn" }, \
	OPTION_FLAG(0, "open", T, m.f.open, "open ones"), \
	OPTION_FLAG(0, "closed", T, m.f.closed, "closed ones (rejected, " \
	    "implemented,\nnot-implemented, withdrawn)"), \
	OPTION_FLAG(0, "overdue", T, m.f.overdue, "open and past their " \
	    "target date"), \
	OPTION_FLAG(0, "response-overdue", T, m.f.response_overdue, \
	    "the executive's response is overdue"), \
	OPTION_FLAG(0, "stale", T, m.f.stale, "open, nothing recorded for " \
	    "over six months"), \
	OPTION_STRING(0, "owner", T, m.f.owner, "TEXT", \
	    "part of the owner's name"), \
	OPTION_STRING(0, "addressee", T, m.f.addressee, "TEXT", \
	    "part of the addressee"), \
	OPTION_DATE(0, "due-before", T, m.f.due_before, \
	    "a target date before DATE"), \
	OPTION_DATE(0, "updated-since", T, m.f.updated_since, \
	    "an update or response on or after DATE"), \
	OPTION_YEAR(0, "year", T, m.f.year, "the review's municipal year"), \
	OPTION_FLAG(0, "awaiting-signoff", T, m.f.awaiting_signoff, \
	    "closed but not signed off by the committee")

/* The output formats of list-like commands. */
extern const char *const cmd_list_formats[];

/*
 * Resolve the committee and review of fo against the database into
 * fo->f. RT_OK, or RT_FAIL after reporting.
 */
int filter_resolve(struct ctx *ctx, struct filter_opts *fo);

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
/*
 * cmd_text()'s cleaning and checks without its report, for a door that
 * names its own place: s (len bytes, any length) cleaned into b (BOM,
 * CRLF and CR as cmd_text() says); NULL when it is good text, then
 * trimmed as cmd_text() trims it; else what is wrong with it, with *at
 * (when not NULL) the offset in b of the first bad byte.
 */
const char *cmd_text_clean(struct buf *b, const char *s, size_t len,
    size_t *at);
/* cmd_text() of an option's value into *out (whose old text is freed). */
int cmd_text_arg(const char *what, const char *arg, char **out);

/* Who records a change: $RECTRACK_USER, else $USER, else NULL, checked
 * by cmd_text(). RT_OK, or RT_FAIL after reporting. */
int cmd_user(const char **out);
/* The same, as a copy the caller frees (NULL: no name): the default of
 * every command's --by. */
int cmd_user_copy(char **out);
/* Begin a write: db_begin(), which reports a lock held past the wait. */
int cmd_begin(struct ctx *ctx);

/* The state of one recommendation now (read inside the transaction). */
struct rec_now {
	char *handle;
	char *status;
	char *due;		/* current target date, or NULL */
	char *last_date;	/* date of its latest update, or NULL */
	char *signed_off;	/* the date it was signed off, or NULL */
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

/* The date review rid reached its stage ('rectrack stage') into out;
 * NULL (and out "") when not known. */
const char *review_stage_since(struct db *db, const char *rid, char out[11]);

/* Resolve a committee (id, or substring of id or name): row id or -1. */
long long committee_resolve(struct db *db, const char *arg);
/* Resolve a handle (REVIEW/REF or ID): row id, or 0 after reporting. */
long long handle_resolve(struct db *db, const char *handle);

#endif
