#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cleanup.h"
#include "cmd.h"
#include "date.h"
#include "diag.h"
#include "import.h"
#include "output.h"
#include "xmalloc.h"

#ifndef RECTRACK_VERSION
#define RECTRACK_VERSION "0.1.0"
#endif

static const char main_usage[] =
"usage: rectrack [--db PATH] [--today DATE] [--no-color] COMMAND [ARGS]\n";

static void
main_help(FILE *fp)
{
	size_t i;

	static const char *const titles[] = {
		[G_RECORD] = "Record: bring files in",
		[G_TRACK] = "Track: record what happens",
		[G_FIND] = "Find: see what is held",
		[G_REPORT] = "Report: for committee papers and git",
		[G_ADMIN] = "Look after the database",
	};
	int g;

	fputs(main_usage, fp);
	fputs("\nTrack scrutiny recommendations from review to "
	    "implementation.\n", fp);
	for (g = G_RECORD; g <= G_ADMIN; g++) {
		fprintf(fp, "\n%s\n", titles[g]);
		for (i = 0; cmd_table[i] != NULL; i++)
			if ((int)cmd_table[i]->group == g &&
			    !(cmd_table[i]->flags & CMD_HIDDEN))
				fprintf(fp, "  %-10s %s\n", cmd_table[i]->name,
				    cmd_table[i]->summary);
	}
	fputs("\nGlobal options:\n"
	    "  --db PATH        the database (default $RECTRACK_DB, else "
	    "rectrack.db)\n"
	    "  --today DATE     the date to compute overdue against\n"
	    "                   (default $RECTRACK_TODAY, else the local date)\n"
	    "  --no-color       no colour (also when NO_COLOR is set)\n"
	    "  --version        print the version\n"
	    "  --help           this help\n"
	    "\n'rectrack COMMAND --help' shows a command's options and "
	    "examples;\n'man rectrack' has everything.\n", fp);
}

/* The last close_stdout() failed for a reader that went away (EPIPE
 * with SIGPIPE ignored): quiet for a command that only reads. */
static int stdout_epipe;

/* Check that standard output really was written, as git does. */
static int
close_stdout(void)
{
	if (fflush(stdout) != 0 || ferror(stdout)) {
		stdout_epipe = errno == EPIPE;
		if (stdout_epipe)
			return RT_FAIL;
		error("cannot write standard output: %s", strerror(errno));
		return RT_FAIL;
	}
	return RT_OK;
}

/*
 * Descriptors 0, 1 and 2 are open, so that no file opened later (the
 * database) can become standard output and take its text. A closed one
 * gets /dev/null read-only: writes to it still fail, visibly.
 */
static void
std_fds(void)
{
	int fd, got;

	for (fd = 0; fd <= 2; fd++)
		if (fcntl(fd, F_GETFD) < 0 && errno == EBADF &&
		    (got = open("/dev/null", O_RDONLY)) >= 0 && got != fd)
			close(got);
}

static const char *
command_names(void)
{
	static char names[256];
	size_t i, len = 0;

	for (i = 0; cmd_table[i] != NULL && len + 16 < sizeof names; i++)
		if (!(cmd_table[i]->flags & CMD_HIDDEN))
			len += (size_t)snprintf(names + len, sizeof names - len,
			    "%s%s", len ? ", " : "", cmd_table[i]->name);
	return names;
}

/* An unknown command, with the nearest of all the commands named. */
static int
unknown_command(const char *name)
{
	const char **names, *near;
	size_t i, n = 0;

	for (i = 0; cmd_table[i] != NULL; i++)
		;
	names = xcalloc(i + 1, sizeof *names);
	for (i = 0; cmd_table[i] != NULL; i++)
		if (!(cmd_table[i]->flags & CMD_HIDDEN))
			names[n++] = cmd_table[i]->name;
	near = nearest_word(name, names);
	if (near != NULL)
		error("unknown command '%s'; did you mean '%s'?", name, near);
	else
		error("unknown command '%s' (one of: %s)", name,
		    command_names());
	free(names);
	return RT_USAGE;
}

/*
 * Open the database as the command's flags ask. A command that writes to
 * what is there (CMD_DB_WRITE without CMD_DB_CREATE) on a missing file
 * says what a reader says: the reader's open reports it.
 */
static int
open_db(struct ctx *ctx, const struct cmd *cmd)
{
	int rc;

	if ((cmd->flags & CMD_DB_WRITE) && !(cmd->flags & CMD_DB_CREATE) &&
	    access(ctx->dbpath, F_OK) != 0 && errno == ENOENT) {
		if ((rc = db_open(&ctx->db, ctx->dbpath, DB_READ)) != RT_OK)
			return rc;
		/* made meanwhile by another process */
		db_close(ctx->db);
		ctx->db = NULL;
	}
	rc = db_open(&ctx->db, ctx->dbpath, cmd->flags & CMD_DB_WRITE ?
	    DB_WRITE : cmd->flags & CMD_DB_CHECK ? DB_CHECK : DB_READ);
	if (rc != RT_OK)
		return rc;
	ctx->created = db_created(ctx->db);
	/* a command that writes exits non-zero only if nothing was
	 * written: its report must reach standard output before its
	 * work is committed */
	db_defer_commit(ctx->db);
	return RT_OK;
}

/*
 * The command's options into a struct of its own, checked as usage
 * (options.h) before any database is opened: RT_OK with *opts set, or
 * -1 after printing help, or RT_USAGE.
 */
static int
parse_command(const struct cmd *cmd, int *argc, char **argv, void **opts)
{
	struct opt_cmd o = cmd_opt(cmd);
	int rc;

	*opts = xcalloc(1, cmd->optsize ? cmd->optsize : 1);
	if (cmd->defaults != NULL)
		memcpy(*opts, cmd->defaults, cmd->optsize);
	rc = opt_parse(&o, argc, argv, *opts);
	if (rc == OPT_HELP) {
		cmd_usage(cmd, stdout);
		return -1;
	}
	if (rc == OPT_PARSED && cmd->check != NULL)
		rc = cmd->check(cmd, *opts, *argc, argv);
	return rc;
}

int
main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "today", required_argument, NULL, 't' },
		{ "no-color", no_argument, NULL, 'n' },
		{ "version", no_argument, NULL, 'V' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const struct cmd *cmd;
	struct ctx ctx;
	const char *today = getenv("RECTRACK_TODAY");
	void *cmd_opts = NULL;
	int opt, rc;

	std_fds();
	cleanup_init();
	memset(&ctx, 0, sizeof ctx);
	/* RECTRACK_DB= is unset, as for most variables; --db '' is not */
	ctx.dbpath = getenv("RECTRACK_DB");
	if (ctx.dbpath == NULL || *ctx.dbpath == '\0')
		ctx.dbpath = "rectrack.db";
	ctx.color = isatty(STDOUT_FILENO) && getenv("NO_COLOR") == NULL;

	opterr = 0;
	while ((opt = getopt_long(argc, argv, "+h", opts, NULL)) != -1) {
		switch (opt) {
		case 'd':
			if (*optarg == '\0') {
				error("--db is empty: give the database's path "
				    "(an unset variable?)");
				fputs(main_usage, stderr);
				return RT_USAGE;
			}
			ctx.dbpath = optarg;
			break;
		case 't':
			today = optarg;
			break;
		case 'n':
			ctx.color = 0;
			break;
		case 'V':
			printf("rectrack %s\n", RECTRACK_VERSION);
			return close_stdout();
		case 'h':
			main_help(stdout);
			return close_stdout();
		default:
			if (optopt != 0)
				error("unknown option '-%c'", optopt);
			else
				error("unknown option '%s', or it needs a "
				    "value", argv[optind - 1]);
			fputs(main_usage, stderr);
			return RT_USAGE;
		}
	}
	if (optind >= argc) {
		error("no command given (one of: %s)", command_names());
		fputs(main_usage, stderr);
		return RT_USAGE;
	}
	if (today != NULL && *today != '\0') {
		if (!date_valid(today)) {
			error("invalid --today '%s': write a calendar date as "
			    "YYYY-MM-DD", today);
			return RT_USAGE;
		}
		memcpy(ctx.today, today, 11);
	} else {
		date_today(ctx.today);
	}
	out_set_color(ctx.color);
	cmd = cmd_find(argv[optind]);
	if (cmd == NULL)
		return unknown_command(argv[optind]);
	argc -= optind;
	argv += optind;
	rc = parse_command(cmd, &argc, argv, &cmd_opts);
	if (rc != RT_OK) {
		free(cmd_opts);
		return rc < 0 ? close_stdout() : rc;
	}
	if ((cmd->flags & (CMD_DB_READ | CMD_DB_WRITE)) &&
	    (rc = open_db(&ctx, cmd)) != RT_OK) {
		free(cmd_opts);
		return rc;
	}
	rc = cmd->exec(&ctx, cmd_opts, argc, argv);
	free(cmd_opts);
	if (rc == RT_OK && close_stdout() != RT_OK) {
		rc = RT_FAIL;
		if (db_end(ctx.db, 0) != RT_OK)
			error("%sso nothing was recorded (try again)",
			    stdout_epipe ? "standard output was closed (a "
			    "broken pipe), " : "");
	} else if (db_end(ctx.db, rc == RT_OK) != RT_OK) {
		rc = RT_FAIL;
	} else if (rc != RT_OK) {
		close_stdout();
	}
	/* a database this run made but did not use is not left behind */
	if (rc != RT_OK || ctx.discard)
		db_remove_unused(ctx.db);
	db_close(ctx.db);
	return rc;
}
