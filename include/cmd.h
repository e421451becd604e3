#ifndef RECTRACK_CMD_H
#define RECTRACK_CMD_H

#include <getopt.h>
#include <stdio.h>

#include "db.h"
#include "recview.h"

/*
 * The command table. Each command lives in src/cmd-NAME.c and defines a
 * struct cmd; main.c parses the global options, opens the database as the
 * command's flags ask, and calls exec with the command's own argv (argv[0]
 * is the command name). exec returns an exit status (enum rt_status).
 */

#define CMD_DB_NONE	0x0	/* no database (check) */
#define CMD_DB_READ	0x1	/* the database must exist; never created */
#define CMD_DB_WRITE	0x2	/* created when missing; the command begins
				 * its own transaction */

struct ctx {
	const char *dbpath;
	char today[11];
	int color;		/* colour allowed on standard output */
	struct db *db;
	int created;		/* the database file was made by this run */
};

struct cmd {
	const char *name;
	const char *usage;	/* after "rectrack " */
	const char *summary;	/* one line */
	const char *help;	/* options and examples */
	unsigned flags;
	int (*exec)(struct ctx *ctx, int argc, char **argv);
};

extern const struct cmd cmd_import_entry, cmd_check_entry, cmd_list_entry,
    cmd_show_entry;
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

/* The filter options shared by list-like commands, for option tables. */
#define FILTER_OPTIONS \
	{ "committee", required_argument, NULL, 'C' }, \
	{ "review", required_argument, NULL, 'R' }, \
	{ "status", required_argument, NULL, 'S' }, \
	{ "open", no_argument, NULL, 'O' }, \
	{ "closed", no_argument, NULL, 'X' }

/*
 * Apply one filter option to f. Returns 1 when opt was a filter option, 0
 * when not, or -RT_FAIL / -RT_USAGE after reporting an error.
 */
int filter_option(struct ctx *ctx, const struct cmd *c, int opt,
    const char *arg, struct filter *f);

/* Resolve a committee (id, or substring of id or name): row id or -1. */
long long committee_resolve(struct db *db, const char *arg);
/* Resolve a handle (REVIEW/REF or ID): row id, or 0 after reporting. */
long long handle_resolve(struct db *db, const char *handle);

#endif
