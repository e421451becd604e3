#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "cmd.h"
#include "derived.h"
#include "diag.h"
#include "escape.h"
#include "import.h"

struct import_opts {
	int dry;
};

static const struct opt import_options[] = {
	OPTION_FLAG('n', "dry-run", struct import_opts, dry,
	    "check and count what would change; write nothing"),
	OPTION_END,
};

static int cmd_import(struct ctx *ctx, void *opts, int argc, char **argv);

const struct cmd cmd_import_entry = {
	.name = "import",
	.group = G_RECORD,
	.args = "FILE...",
	.summary = "Load YAML files into the database, as one transaction.",
	.help =
	"Every file named is read and checked; if any has an error, every error\n"
	"is reported as FILE:LINE:COLUMN: message and nothing is written.\n"
	"Records are matched by their ids, so importing the same files again\n"
	"changes nothing and says so. '-' reads standard input. On a terminal,\n"
	"a progress line on standard error for inputs over 4 MB.\n",
	.examples =
	"Examples:\n"
	"  rectrack import data/*/*.yaml\n"
	"  rectrack --db council.db import --dry-run reviews/2024-*.yaml\n",
	.opts = import_options,
	.optsize = sizeof(struct import_opts),
	.flags = CMD_DB_WRITE | CMD_DB_CREATE,
	.exec = cmd_import,
};

/* A progress line on a terminal, for inputs over 4 MB. */
struct progress {
	struct timespec start, last;
	int shown;
};

static double
since(const struct timespec *t)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - t->tv_sec) +
	    (double)(now.tv_nsec - t->tv_nsec) / 1e9;
}

static void
show_progress(void *arg, const char *file, size_t done, size_t size,
    size_t recs)
{
	struct progress *p = arg;
	struct buf name = BUF_INIT;
	double secs;

	if ((size != 0 && size < 4 * 1024 * 1024) ||
	    (size == 0 && done < 4 * 1024 * 1024) || since(&p->last) < 0.25)
		return;
	clock_gettime(CLOCK_MONOTONIC, &p->last);
	secs = since(&p->start);
	text_clean_line(&name, file);
	if (size != 0)
		fprintf(stderr, "\r\033[Kimporting %s: %zu%% of %zu MB, %zu "
		    "recommendations, %.0f a second, %.1f MB/s", name.s,
		    done * 100 / size, size >> 20, recs, recs / secs,
		    done / 1048576.0 / secs);
	else
		fprintf(stderr, "\r\033[Kimporting %s: %zu MB, %zu "
		    "recommendations, %.0f a second", name.s, done >> 20,
		    recs, recs / secs);
	buf_release(&name);
	p->shown = 1;
}

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

/*
 * A bulk load: files of more than BULK_BYTES together, of some
 * BYTES_PER_REC each recommendation (2 KiB: the bench's files run at 2.3
 * KB, a council's with less text below), make derived_bulk() consider
 * making the stored derivation's indexes afresh at the commit.
 */
#define BULK_BYTES	(4L << 20)
#define BYTES_PER_REC	2048

static int
bulk(struct ctx *ctx, int argc, char **argv)
{
	struct stat sb;
	long long bytes = 0;
	int i;

	for (i = 1; i < argc; i++)
		if (stat(argv[i], &sb) == 0 && S_ISREG(sb.st_mode))
			bytes += sb.st_size;
	if (bytes < BULK_BYTES)
		return 0;
	return derived_bulk(ctx->db, bytes / BYTES_PER_REC);
}

static int
cmd_import(struct ctx *ctx, void *opts, int argc, char **argv)
{
	struct importer *imp;
	struct progress prog;
	size_t errs = 0;
	int dry = ((struct import_opts *)opts)->dry, i, rc;

	memset(&prog, 0, sizeof prog);
	if ((rc = cmd_begin(ctx)) != RT_OK)
		return rc;
	if (!dry && bulk(ctx, argc, argv) < 0) {
		db_rollback(ctx->db);
		return RT_FAIL;
	}
	imp = importer_new(ctx->db);
	if (isatty(STDERR_FILENO)) {
		clock_gettime(CLOCK_MONOTONIC, &prog.start);
		prog.last = prog.start;
		importer_set_progress(imp, show_progress, &prog);
	}
	for (i = 1; i < argc; i++)
		errs += importer_file(imp, argv[i], NULL);
	if (prog.shown)
		fputs("\r\033[K", stderr);
	errs += importer_finish(imp);
	if (errs > 0 || diag_errors() > 0) {
		db_rollback(ctx->db);
		error("%zu error%s; nothing was imported", errs,
		    errs == 1 ? "" : "s");
		rc = RT_FAIL;
	} else if (dry) {
		db_rollback(ctx->db);
		print_summary(importer_stats(imp), argc - 1, 1);
		rc = RT_OK;
	} else {
		rc = db_commit(ctx->db);
		if (rc == RT_OK)
			print_summary(importer_stats(imp), argc - 1, 0);
	}
	importer_free(imp);
	if (dry)
		ctx->discard = 1;	/* a dry run leaves no new file */
	return rc;
}
