#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "diag.h"
#include "emit.h"
#include "escape.h"
#include "import.h"
#include "xmalloc.h"

struct check_opts {
	enum out_format fmt;
};

static const char *const check_formats[] = { "text", "json", NULL };

static const struct opt check_options[] = {
	OPTION_FORMAT(0, struct check_opts, fmt, NULL, check_formats,
	    "text (default) or json: an object with every file's\n"
	    "verdict and every error as file, line, column, message"),
	OPTION_END,
};

static const struct check_opts check_defaults = { FMT_TEXT };

static int cmd_check(struct ctx *ctx, void *opts, int argc, char **argv);

const struct cmd cmd_check_entry = {
	.name = "check",
	.group = G_RECORD,
	.args = "FILE...",
	.summary = "Validate YAML files without any database (for CI).",
	.help =
	"Every rule of the format is checked, across all files named (an id\n"
	"defined twice, a meeting's review that none of them holds). Errors go\n"
	"to standard error as FILE:LINE:COLUMN: message; a line per valid file\n"
	"goes to standard output. Exit status 0 when all are valid, 1 if not.\n",
	.examples =
	"Examples:\n"
	"  rectrack check data/*/*.yaml\n"
	"  rectrack check --format json data/*/*.yaml | jq '.errors[]'\n"
	"  git diff --name-only --diff-filter=d '*.yaml' | xargs -r rectrack check\n",
	.opts = check_options,
	.optsize = sizeof(struct check_opts),
	.defaults = &check_defaults,
	.flags = CMD_DB_NONE,
	.exec = cmd_check,
};

/* The diagnostics of a check, kept for the JSON verdict: each one's
 * parts, its file and message owned. */
struct kept {
	struct diag *d;
	size_t n, cap;
};

static void
keep(const struct diag *d, void *arg)
{
	struct kept *k = arg;

	k->d = xgrow(k->d, &k->cap, k->n + 1, sizeof *k->d);
	k->d[k->n] = *d;
	k->d[k->n].file = d->file != NULL ? xstrdup(d->file) : NULL;
	k->d[k->n].message = xstrdup(d->message);
	k->d[k->n++].line_text = NULL;
}

static void
kept_free(struct kept *k)
{
	size_t i;

	for (i = 0; i < k->n; i++) {
		free((void *)k->d[i].file);
		free((void *)k->d[i].message);
	}
	free(k->d);
}

/*
 * A file's name: as it is when it is UTF-8 (JSON escapes what needs it);
 * otherwise with each invalid byte as U+FFFD, and its exact bytes in hex
 * as file_hex, so that a script can still open the file it names.
 */
static void
json_file(struct emit *e, const char *name)
{
	struct buf hex = BUF_INIT;
	const unsigned char *p;

	emit_kv(e, "file", name);
	if (utf8_valid(name))
		return;
	for (p = (const unsigned char *)name; *p; p++)
		buf_printf(&hex, "%02x", *p);
	emit_kv(e, "file_hex", hex.s);
	buf_release(&hex);
}

/* One diagnostic as JSON, from its parts: the place when it has one. */
static void
json_error(struct emit *e, const struct diag *d)
{
	emit_map_begin(e);
	if (d->file != NULL) {
		json_file(e, d->file);
		emit_kint(e, "line", (long long)d->line);
		emit_kint(e, "column", (long long)d->col);
	}
	emit_kv(e, "severity", d->severity == DIAG_ERROR ? "error" :
	    "warning");
	emit_kv(e, "message", d->message);
	emit_map_end(e);
}

static int
cmd_check(struct ctx *ctx, void *opts, int argc, char **argv)
{
	struct kept kept = { NULL, 0, 0 };
	struct emit *e = NULL;
	int json = ((struct check_opts *)opts)->fmt == FMT_JSON;
	struct importer *imp;
	size_t errs = 0, n, total = 0, *nrecs;
	int i, bad = 0;

	(void)ctx;
	if (json)
		diag_set_sink(keep, &kept);
	imp = importer_new(NULL);
	nrecs = xcalloc((size_t)argc, sizeof *nrecs);
	for (i = 1; i < argc; i++) {
		n = importer_file(imp, argv[i], &nrecs[i]);
		errs += n;
		if (n > 0)
			nrecs[i] = (size_t)-1;
	}
	errs += importer_finish(imp);
	/* a verdict per file, once the checks across files are done */
	if (json) {
		e = emit_new(EMIT_JSON, stdout);
		emit_map_begin(e);
		emit_key(e, "files");
		emit_seq_begin(e);
	}
	for (i = 1; i < argc; i++) {
		int failed = nrecs[i] == (size_t)-1 ||
		    importer_failed_late(imp, argv[i]);
		const char *name = strcmp(argv[i], "-") ? argv[i] : "<stdin>";

		if (json) {
			emit_map_begin(e);
			json_file(e, name);
			emit_kbool(e, "ok", !failed);
			if (!failed)
				emit_kint(e, "recommendations",
				    (long long)nrecs[i]);
			emit_map_end(e);
		}
		if (failed) {
			bad++;
			continue;
		}
		if (!json) {
			struct buf shown = BUF_INIT;

			text_clean_line(&shown, name);
			printf("%s: ok, %zu recommendation%s\n", shown.s,
			    nrecs[i], nrecs[i] == 1 ? "" : "s");
			buf_release(&shown);
		}
		total += nrecs[i];
	}
	if (json) {
		emit_seq_end(e);
		emit_kbool(e, "ok", errs == 0);
		emit_kint(e, "recommendations", (long long)total);
		emit_key(e, "errors");
		emit_seq_begin(e);
		for (n = 0; n < kept.n; n++)
			json_error(e, &kept.d[n]);
		emit_seq_end(e);
		emit_map_end(e);
		fputc('\n', stdout);
		emit_free(e);
		diag_set_sink(NULL, NULL);
		kept_free(&kept);
		free(nrecs);
		importer_free(imp);
		return errs > 0 ? RT_FAIL : RT_OK;
	}
	free(nrecs);
	importer_free(imp);
	if (errs > 0) {
		error("%zu error%s in %d of %d file%s", errs,
		    errs == 1 ? "" : "s", bad, argc - 1,
		    argc - 1 == 1 ? "" : "s");
		return RT_FAIL;
	}
	printf("%d file%s ok, %zu recommendation%s\n", argc - 1,
	    argc - 1 == 1 ? "" : "s", total, total == 1 ? "" : "s");
	return RT_OK;
}
