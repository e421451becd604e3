#ifndef RECTRACK_OPTIONS_H
#define RECTRACK_OPTIONS_H

#include <stddef.h>
#include <stdio.h>

/*
 * A command's options, declared once (git's parse-options): each entry
 * names an option, the kind of value it takes, where the value goes (an
 * offset into the command's own option struct) and its help line. The
 * parser, the usage line, --help's option list, the did-you-mean of an
 * unknown option and the shell completion are all made from the table.
 *
 * Parsing checks every value that can be checked without a database (a
 * date, a number, a word of a list); what needs the database (a committee,
 * a review, a handle) is resolved by the command afterwards.
 */

enum opt_kind {
	OPT_END,	/* ends a table */
	OPT_GROUP,	/* a heading in --help (help); with arg, the options
			 * up to the next group show as [ARG] in usage */
	OPT_FLAG,	/* no value: the int at off becomes 1 */
	OPT_STRING,	/* a value as given: const char * at off */
	OPT_DATE,	/* a date YYYY-MM-DD: const char * at off */
	OPT_DUE,	/* a date or a month, YYYY-MM (a target date):
			 * const char * at off */
	OPT_YEAR,	/* a municipal year YYYY-YY: const char * at off */
	OPT_COUNT,	/* a number: size_t at off; 0 is "no limit",
			 * stored as (size_t)-1 */
	OPT_WORD,	/* one of values: its index, int at off */
	OPT_WORDS,	/* words of values, comma-separated: a bit each
			 * (1 << index) or'ed into the unsigned at off */
	OPT_FORMAT,	/* one of values, names of output formats: the
			 * enum out_format at off */
};

#define OPTF_REQUIRED	0x1	/* must be given */
#define OPTF_ONE_OF	0x2	/* exactly one of the adjacent OPTF_ONE_OF
				 * options must be given */
#define OPTF_EXCLUSIVE	0x4	/* at most one of the adjacent
				 * OPTF_EXCLUSIVE options may be given */

/* What the shell completes an option's value with (besides values). */
enum opt_complete { COMP_NONE, COMP_FILE, COMP_DIR, COMP_COMMITTEE,
    COMP_REVIEW };

struct opt {
	enum opt_kind kind;
	int short_name;		/* 0 for none */
	const char *name;	/* long name, without "--" */
	size_t off;		/* destination in the command's struct */
	const char *arg;	/* the value's name in help ("DATE"); NULL
				 * for a list: its words joined by '|' */
	const char *help;	/* help; a '\n' continues it under itself */
	const char *const *values;	/* OPT_WORD(S), OPT_FORMAT */
	const char *what;	/* what a value is, in errors ("sort key");
				 * NULL: the option's name */
	unsigned flags;		/* OPTF_* */
	enum opt_complete complete;
};

#define OPTION_GROUP(h, a) { .kind = OPT_GROUP, .help = (h), .arg = (a) }
#define OPTION_FLAG(s, l, T, m, h) { .kind = OPT_FLAG, .short_name = (s), \
	.name = (l), .off = offsetof(T, m), .help = (h) }
#define OPTION_STRING(s, l, T, m, a, h) { .kind = OPT_STRING, \
	.short_name = (s), .name = (l), .off = offsetof(T, m), .arg = (a), \
	.help = (h) }
#define OPTION_DATE(s, l, T, m, h) { .kind = OPT_DATE, .short_name = (s), \
	.name = (l), .off = offsetof(T, m), .arg = "DATE", .help = (h) }
#define OPTION_DUE(s, l, T, m, h) { .kind = OPT_DUE, .short_name = (s), \
	.name = (l), .off = offsetof(T, m), .arg = "DATE", .help = (h) }
#define OPTION_YEAR(s, l, T, m, h) { .kind = OPT_YEAR, .short_name = (s), \
	.name = (l), .off = offsetof(T, m), .arg = "YYYY-YY", .help = (h) }
#define OPTION_COUNT(s, l, T, m, h) { .kind = OPT_COUNT, .short_name = (s), \
	.name = (l), .off = offsetof(T, m), .arg = "N", .help = (h) }
#define OPTION_FORMAT(s, T, m, a, v, h) { .kind = OPT_FORMAT, \
	.short_name = (s), .name = "format", .off = offsetof(T, m), \
	.arg = (a), .values = (v), .help = (h) }
#define OPTION_END { .kind = OPT_END }

/* What opt_parse() found. */
enum { OPT_PARSED = 0, OPT_HELP = -1 };

/* The command a table belongs to, for messages and help. */
struct opt_cmd {
	const char *name;
	const char *args;	/* positional arguments: "HANDLE NEW_STATUS",
				 * "FILE..." (one or more), "[X]" optional */
	const char *summary;	/* one line */
	const char *help;	/* before the options, or NULL */
	const char *examples;	/* after them, or NULL */
	const struct opt *opts;
};

/*
 * Parse a command's argv (argv[0] its name) into dst, following GNU
 * getopt_long's conventions: long options (--name VALUE, --name=VALUE, a
 * unique prefix of a name), short ones (-f VALUE, -fVALUE, -nh), options
 * and arguments in any order, "--" ending the options. -h and --help are
 * recognised only where an option may stand, never as an option's value.
 * The positional arguments are moved, in order, to argv[1..*argc).
 *
 * Returns OPT_PARSED; OPT_HELP when help was asked for (anywhere; the
 * caller prints it); or RT_USAGE after reporting the first usage error
 * with the usage line. Nothing is reported for OPT_PARSED and OPT_HELP.
 */
int opt_parse(const struct opt_cmd *c, int *argc, char **argv, void *dst);

/* The bounds of the positional arguments: max is -1 for no bound. */
void opt_nargs(const struct opt_cmd *c, int *min, int *max);

/* The usage line, after "rectrack " (not wrapped). */
char *opt_usage(const struct opt_cmd *c);
/* "usage: rectrack ...", wrapped to 79 columns between its parts. */
void opt_print_usage(FILE *fp, const char *usage);
/* The whole --help: usage, summary, help, options, examples. */
void opt_print_help(const struct opt_cmd *c, FILE *fp);
/* Report a usage error ("rectrack: NAME: message") and the usage line;
 * returns RT_USAGE. */
int opt_usage_error(const struct opt_cmd *c, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#endif
