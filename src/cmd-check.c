#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "diag.h"
#include "import.h"
#include "xmalloc.h"

static int cmd_check(struct ctx *ctx, int argc, char **argv);

const struct cmd cmd_check_entry = {
	.name = "check",
	.usage = "check FILE...",
	.summary = "Validate YAML files without any database (for CI).",
	.help =
	"Every rule of the format is checked, across all files named (an id\n"
	"defined twice, a meeting's review that none of them holds). Errors go\n"
	"to standard error as FILE:LINE:COLUMN: message; a line per valid file\n"
	"goes to standard output. Exit status 0 when all are valid, 1 if not.\n"
	"\n"
	"Examples:\n"
	"  rectrack check data/*/*.yaml\n"
	"  git diff --name-only --diff-filter=d '*.yaml' | xargs -r rectrack check\n",
	.flags = CMD_DB_NONE,
	.exec = cmd_check,
};

static int
cmd_check(struct ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct importer *imp;
	size_t errs = 0, n, total = 0, *nrecs;
	int opt, i, bad = 0;

	(void)ctx;
	while ((opt = cmd_getopt(&cmd_check_entry, argc, argv, "h", opts)) !=
	    -1) {
		if (opt == 'h')
			return RT_OK;
		return RT_USAGE;
	}
	if (optind >= argc)
		return cmd_usage_error(&cmd_check_entry, "no files given");
	imp = importer_new(NULL);
	nrecs = xcalloc((size_t)argc, sizeof *nrecs);
	for (i = optind; i < argc; i++) {
		n = importer_file(imp, argv[i], &nrecs[i]);
		errs += n;
		if (n > 0)
			nrecs[i] = (size_t)-1;
	}
	errs += importer_finish(imp);
	/* a verdict per file, once the checks across files are done */
	for (i = optind; i < argc; i++) {
		if (nrecs[i] == (size_t)-1 ||
		    importer_failed_late(imp, argv[i])) {
			bad++;
			continue;
		}
		printf("%s: ok, %zu recommendation%s\n", strcmp(argv[i], "-") ?
		    argv[i] : "<stdin>", nrecs[i], nrecs[i] == 1 ? "" : "s");
		total += nrecs[i];
	}
	free(nrecs);
	importer_free(imp);
	if (errs > 0) {
		error("%zu error%s in %d of %d file%s", errs,
		    errs == 1 ? "" : "s", bad, argc - optind,
		    argc - optind == 1 ? "" : "s");
		return RT_FAIL;
	}
	printf("%d file%s ok, %zu recommendation%s\n", argc - optind,
	    argc - optind == 1 ? "" : "s", total, total == 1 ? "" : "s");
	return RT_OK;
}
