#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "cmd.h"
#include "diag.h"
#include "import.h"

static int cmd_import(struct ctx *ctx, int argc, char **argv);

const struct cmd cmd_import_entry = {
	.name = "import",
	.usage = "import [--dry-run] FILE...",
	.summary = "Load YAML files into the database, as one transaction.",
	.help =
	"Every file named is read and checked; if any has an error, every error\n"
	"is reported as FILE:LINE:COLUMN: message and nothing is written.\n"
	"Records are matched by their ids, so importing the same files again\n"
	"changes nothing and says so. '-' reads standard input.\n"
	"\n"
	"Options:\n"
	"  -n, --dry-run   check and count what would change; write nothing\n"
	"\n"
	"Examples:\n"
	"  rectrack import data/*/*.yaml\n"
	"  rectrack --db council.db import --dry-run reviews/2024-*.yaml\n",
	.flags = CMD_DB_WRITE,
	.exec = cmd_import,
};

static void
print_summary(const struct store_stats *st, int nfiles, int dry)
{
	size_t k, c, total[C_COUNT] = { 0, 0, 0 };

	printf("%-16s %7s %8s %10s\n", "", "added", "changed", "unchanged");
	for (k = 0; k < K_COUNT; k++) {
		printf("%-16s %7zu %8zu %10zu\n", store_kind_name[k],
		    st->n[k][C_ADDED], st->n[k][C_CHANGED],
		    st->n[k][C_UNCHANGED]);
		for (c = 0; c < C_COUNT; c++)
			total[c] += st->n[k][c];
	}
	if (total[C_ADDED] + total[C_CHANGED] == 0)
		printf("%d file%s: nothing changed (%zu records already up to "
		    "date)%s\n", nfiles, nfiles == 1 ? "" : "s",
		    total[C_UNCHANGED], dry ? "; dry run" : "");
	else
		printf("%d file%s: %zu added, %zu changed, %zu unchanged%s\n",
		    nfiles, nfiles == 1 ? "" : "s", total[C_ADDED],
		    total[C_CHANGED], total[C_UNCHANGED],
		    dry ? " (dry run: nothing written)" : "");
}

static int
cmd_import(struct ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "dry-run", no_argument, NULL, 'n' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct importer *imp;
	size_t errs = 0;
	int opt, dry = 0, i, rc;

	while ((opt = cmd_getopt(&cmd_import_entry, argc, argv, "nh",
	    opts)) != -1) {
		if (opt == 'h')
			return RT_OK;
		if (opt == '?')
			return RT_USAGE;
		if (opt == 'n')
			dry = 1;
	}
	if (optind >= argc)
		return cmd_usage_error(&cmd_import_entry, "no files given");
	rc = db_begin(ctx->db);
	if (rc != RT_OK) {
		if (rc == RT_BUSY)
			error("%s: database is locked by another writer; "
			    "nothing was written (try again)", ctx->dbpath);
		return rc;
	}
	imp = importer_new(ctx->db);
	for (i = optind; i < argc; i++)
		errs += importer_file(imp, argv[i], NULL);
	errs += importer_finish(imp);
	if (errs > 0 || diag_errors() > 0) {
		db_rollback(ctx->db);
		error("%zu error%s; nothing was imported", errs,
		    errs == 1 ? "" : "s");
		rc = RT_FAIL;
	} else if (dry) {
		db_rollback(ctx->db);
		print_summary(importer_stats(imp), argc - optind, 1);
		rc = RT_OK;
	} else {
		rc = db_commit(ctx->db);
		if (rc == RT_OK)
			print_summary(importer_stats(imp), argc - optind, 0);
	}
	importer_free(imp);
	if (dry)
		ctx->discard = 1;	/* a dry run leaves no new file */
	return rc;
}
