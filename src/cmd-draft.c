#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "buf.h"
#include "cmd.h"
#include "diag.h"
#include "draft.h"
#include "vocab.h"
#include "xmalloc.h"

extern char **environ;

struct draft_cmd_opts {
	const char *committee, *review;
	const char *column, *date;
};

static const struct opt draft_options[] = {
	OPTION_STRING(0, "committee", struct draft_cmd_opts, committee, "ID",
	    "the committee's id, written into the draft"),
	OPTION_STRING(0, "review", struct draft_cmd_opts, review, "ID",
	    "the review's id, written into the draft"),
	OPTION_GROUP("Trackers (CSV):", NULL),
	OPTION_STRING(0, "column", struct draft_cmd_opts, column,
	    "KEY=HEADING[,..]", "read the column headed HEADING as KEY: ref,\n"
	    "text, response, decision, owner, due, status,\nnote, updated"),
	OPTION_DATE(0, "date", struct draft_cmd_opts, date,
	    "the date of the tracker's statuses, when no\n"
	    "column gives it (they become updates)"),
	OPTION_END,
};

static int draft_check(const struct cmd *c, void *opts, int argc,
    char **argv);
static int cmd_draft(struct ctx *ctx, void *opts, int argc, char **argv);

const struct cmd cmd_draft_entry = {
	.name = "draft",
	.group = G_RECORD,
	.args = "FILE",
	.summary = "Draft a YAML file from a council's document.",
	.help =
	"Reads a committee paper (plain text, markdown, HTML saved from the\n"
	"council's site, or PDF when pdftotext is installed) and writes on\n"
	"standard output a draft in the import format: every recommendation\n"
	"found, with its ref as the document numbers it and its text\n"
	"verbatim, and what the document marks around it (findings,\n"
	"evidence, the executive's response and decision, lead officer,\n"
	"target date). Nothing is guessed: what the person must check is\n"
	"marked '# check:'. With --committee and --review the draft passes\n"
	"'rectrack check' as it is; without them it holds placeholders that\n"
	"check rejects. A CSV tracker's columns are found by their headings\n"
	"(Reference, Recommendation, Response, Lead Officer, Target date,\n"
	"Status, Action taken; --column names others), a row a\n"
	"recommendation.\n",
	.examples =
	"Examples:\n"
	"  rectrack draft paper.txt --committee islington-childrens-services \\\n"
	"      --review islington-2024-workforce > draft.yaml\n"
	"  rectrack draft saved-page.html > draft.yaml && "
	"rectrack check draft.yaml\n",
	.opts = draft_options,
	.optsize = sizeof(struct draft_cmd_opts),
	.flags = CMD_DB_NONE,
	.check = draft_check,
	.exec = cmd_draft,
};

static int
draft_check(const struct cmd *c, void *opts, int argc, char **argv)
{
	struct draft_cmd_opts *o = opts;

	(void)argc;
	(void)argv;
	if (o->committee != NULL && !id_valid(o->committee, ID_GLOBAL))
		return cmd_usage_error(c, "invalid committee id '%s': use "
		    "lowercase letters, digits and '-'", o->committee);
	if (o->review != NULL && !id_valid(o->review, ID_GLOBAL))
		return cmd_usage_error(c, "invalid review id '%s': use "
		    "lowercase letters, digits and '-'", o->review);
	if (o->column != NULL) {
		char *spec = xstrdup(o->column), *p, *save = NULL;
		int rc = RT_OK;

		for (p = strtok_r(spec, ",", &save); p != NULL && rc == RT_OK;
		    p = strtok_r(NULL, ",", &save)) {
			char *eq = strchr(p, '=');

			if (eq == NULL || eq[1] == '\0')
				rc = cmd_usage_error(c, "--column '%s': write "
				    "KEY=HEADING", p);
			else if ((*eq = '\0', draft_column_key(p)) == NULL)
				rc = cmd_usage_error(c, "--column: unknown key "
				    "'%s': use ref, text, response, decision, "
				    "owner, due, status, note or updated", p);
		}
		free(spec);
		return rc;
	}
	return RT_OK;
}

/* The whole file, at most DRAFT_MAX_INPUT bytes. */
static int
read_all(const char *file, int fd, struct buf *b)
{
	char chunk[65536];
	ssize_t n;

	for (;;) {
		n = read(fd, chunk, sizeof chunk);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return error("%s: %s", file, strerror(errno));
		if (n == 0)
			return 0;
		if (b->len + (size_t)n > DRAFT_MAX_INPUT)
			return error("%s: larger than %u MiB; draft reads "
			    "one committee paper at a time", file,
			    DRAFT_MAX_INPUT >> 20);
		buf_add(b, chunk, (size_t)n);
	}
}

/* pdftotext -layout FILE -: its output, run without a shell. */
static int
read_pdf(const char *file, struct buf *out)
{
	char *argv[] = { "pdftotext", "-layout", "-enc", "UTF-8", "-q",
	    NULL, "-", NULL };
	posix_spawn_file_actions_t fa;
	int p[2], st, rc;
	pid_t pid;

	argv[5] = (char *)file;
	if (pipe(p) != 0)
		return error("pipe: %s", strerror(errno));
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, p[1], 1);
	posix_spawn_file_actions_addclose(&fa, p[0]);
	posix_spawn_file_actions_addclose(&fa, p[1]);
	rc = posix_spawnp(&pid, "pdftotext", &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(p[1]);
	if (rc != 0) {
		close(p[0]);
		if (rc == ENOENT)
			return error("%s: a PDF, and pdftotext is not "
			    "installed: install the package poppler-utils "
			    "(apt-get install poppler-utils), or save the "
			    "document as text", file);
		return error("pdftotext: %s", strerror(rc));
	}
	rc = read_all(file, p[0], out);
	close(p[0]);
	if (rc != 0)
		kill(pid, SIGTERM);
	while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
		;
	if (rc != 0)
		return -1;
	if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
		return error("%s: pdftotext could not read this PDF", file);
	return 0;
}

static int
is_csv(const char *file)
{
	const char *dot = strrchr(file, '.');

	return dot != NULL && strcasecmp(dot, ".csv") == 0;
}

static int
looks_html(const char *file, const char *s, size_t len)
{
	const char *dot = strrchr(file, '.');
	size_t i;

	if (dot != NULL && (strcasecmp(dot, ".html") == 0 ||
	    strcasecmp(dot, ".htm") == 0 || strcasecmp(dot, ".xhtml") == 0 ||
	    strcasecmp(dot, ".aspx") == 0))
		return 1;
	for (i = 0; i < len && i < 512 && (s[i] == ' ' || s[i] == '\n' ||
	    s[i] == '\r' || s[i] == '\t' || (unsigned char)s[i] >= 0xef); i++)
		;
	return len - i >= 5 && (strncasecmp(s + i, "<!doctype html", 14) == 0 ||
	    strncasecmp(s + i, "<html", 5) == 0);
}

static int
cmd_draft(struct ctx *ctx, void *opts, int argc, char **argv)
{
	struct draft_cmd_opts *o = opts;
	struct draft_doc doc = { NULL, 0, 0, 0 };
	struct draft_opts dopt;
	struct buf raw = BUF_INIT;
	char *text = NULL;
	size_t tlen = 0;
	const char *file = argv[1];
	int fd, rc = RT_FAIL, pdf = 0;
	struct stat sb;

	(void)ctx;
	(void)argc;
	if ((fd = open(file, O_RDONLY)) < 0) {
		error("%s: %s", file, strerror(errno));
		return RT_FAIL;
	}
	if (fstat(fd, &sb) == 0 && S_ISDIR(sb.st_mode)) {
		close(fd);
		error("%s: a directory; name one document", file);
		return RT_FAIL;
	}
	if (read_all(file, fd, &raw) != 0) {
		close(fd);
		goto out;
	}
	close(fd);
	if (raw.len >= 5 && memcmp(raw.s, "%PDF-", 5) == 0) {
		pdf = 1;
		buf_release(&raw);
		if (read_pdf(file, &raw) != 0)
			goto out;
	} else if (is_csv(file)) {
		if ((text = draft_clean_input(file, raw.s, raw.len, &tlen)) ==
		    NULL || draft_read_csv(&doc, file, text, tlen, o->column) != 0)
			goto out;
		goto write;
	} else if (looks_html(file, raw.s, raw.len)) {
		if (draft_read_html(&doc, file, raw.s, raw.len) != 0)
			goto out;
		goto write;
	}
	if ((text = draft_clean_input(file, raw.s, raw.len, &tlen)) == NULL)
		goto out;
	draft_read_text(&doc, text, tlen);
	if (pdf)
		draft_drop_page_numbers(&doc);
write:
	dopt.file = file;
	dopt.committee = o->committee;
	dopt.review = o->review;
	dopt.date = o->date;
	if (draft_write(&doc, &dopt, stdout) >= 0)
		rc = RT_OK;
out:
	free(text);
	buf_release(&raw);
	draft_doc_free(&doc);
	return rc;
}
