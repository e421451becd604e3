#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "cmd.h"
#include "escape.h"
#include "vocab.h"

/*
 * rectrack new: a commented skeleton of a committee, review or meeting
 * file on standard output. Every key is explained in a comment above it;
 * an optional key is written commented out ("# key: ..." at its own
 * indentation), so that removing "# " gives a valid line; a value to
 * replace is written <like this>. With the ids given the skeleton passes
 * 'rectrack check' as it is; without them the ids are placeholders that
 * check rejects, so a skeleton is never imported by mistake.
 */

struct new_opts {
	const char *committee, *review, *meeting;
	const char *name, *authority, *title;
};

static const struct opt new_options[] = {
	OPTION_STRING(0, "committee", struct new_opts, committee, "ID",
	    "the committee's id"),
	OPTION_STRING(0, "review", struct new_opts, review, "ID",
	    "the review's id (review), or the review a\nmeeting served "
	    "(meeting)"),
	OPTION_STRING(0, "meeting", struct new_opts, meeting, "ID",
	    "the meeting's id (meeting)"),
	OPTION_STRING(0, "name", struct new_opts, name, "TEXT",
	    "the committee's name"),
	OPTION_STRING(0, "authority", struct new_opts, authority, "TEXT",
	    "the council"),
	OPTION_STRING(0, "title", struct new_opts, title, "TEXT",
	    "the review's or meeting's title"),
	OPTION_END,
};

static const char *const new_kinds[] = { "committee", "review", "meeting",
    NULL };
enum { NEW_COMMITTEE, NEW_REVIEW, NEW_MEETING };

static int new_check(const struct cmd *c, void *opts, int argc,
    char **argv);
static int cmd_new(struct ctx *ctx, void *opts, int argc, char **argv);

const struct cmd cmd_new_entry = {
	.name = "new",
	.group = G_RECORD,
	.args = "committee|review|meeting",
	.summary = "Print a commented skeleton of a file to write by hand.",
	.help =
	"Writes on standard output a file in the import format with every\n"
	"key explained in a comment: required keys with a value to replace\n"
	"<like this>, optional ones commented out (remove the '# ' to use\n"
	"one). 'committee' gives the committee alone; 'review' the committee\n"
	"and one review with one recommendation; 'meeting' the committee and\n"
	"one meeting. With the ids given (--committee, and --review for a\n"
	"review or --meeting for a meeting) it passes 'rectrack check' as it\n"
	"is (a meeting that names a review with the review's file); without\n"
	"them the ids are placeholders that check rejects.\n",
	.examples =
	"Examples:\n"
	"  rectrack new review --committee example-overview-scrutiny \\\n"
	"      --review example-2026-street-lighting > street-lighting.yaml\n"
	"  rectrack new meeting --committee example-overview-scrutiny \\\n"
	"      --meeting 2026-12-07-scoping --review "
	"example-2026-street-lighting\n",
	.opts = new_options,
	.optsize = sizeof(struct new_opts),
	.flags = CMD_DB_NONE,
	.check = new_check,
	.exec = cmd_new,
};

static int
check_id(const struct cmd *c, const char *what, const char *id,
    enum id_kind kind)
{
	if (id == NULL || id_valid(id, kind))
		return RT_OK;
	return cmd_usage_error(c, "invalid %s id '%s': %s", what, id,
	    kind == ID_GLOBAL ? "use lowercase letters, digits and '-'" :
	    "use letters, digits and . ( ) _ -, at most 32, starting with "
	    "a letter or digit");
}

static int
check_text(const struct cmd *c, const char *opt, const char *s)
{
	const char *why;

	if (s == NULL)
		return RT_OK;
	if (s[strspn(s, " ")] == '\0')
		return cmd_usage_error(c, "--%s is empty: give the text, or "
		    "leave the option out for a placeholder", opt);
	if ((why = text_problem(s)) != NULL)
		return cmd_usage_error(c, "--%s: %s", opt, why);
	return RT_OK;
}

static int
new_check(const struct cmd *c, void *opts, int argc, char **argv)
{
	struct new_opts *o = opts;
	int kind;

	(void)argc;	/* opt_parse() counted the arguments */
	if ((kind = vocab_find(new_kinds, argv[1])) < 0)
		return cmd_usage_error(c, "unknown kind '%s': write committee, "
		    "review or meeting", argv[1]);
	if (kind == NEW_COMMITTEE && o->review != NULL)
		return cmd_usage_error(c, "--review: a committee file holds no "
		    "review; use 'rectrack new review'");
	if (kind != NEW_MEETING && o->meeting != NULL)
		return cmd_usage_error(c, "--meeting is for 'rectrack new "
		    "meeting'");
	if (kind == NEW_COMMITTEE && o->title != NULL)
		return cmd_usage_error(c, "--title is a review's or a "
		    "meeting's; --name names the committee");
	if (check_id(c, "committee", o->committee, ID_GLOBAL) ||
	    check_id(c, "review", o->review, ID_GLOBAL) ||
	    check_id(c, "meeting", o->meeting, ID_LOCAL) ||
	    check_text(c, "name", o->name) ||
	    check_text(c, "authority", o->authority) ||
	    check_text(c, "title", o->title))
		return RT_USAGE;
	return RT_OK;
}

/* s as comment lines at indentation ind, wrapped to 78 columns. */
static void
note(FILE *fp, int ind, const char *s)
{
	struct buf w = BUF_INIT;
	const char *p;

	text_wrap(&w, s, "", (size_t)(76 - ind));
	for (p = w.s; *p != '\0'; ) {
		size_t n = strcspn(p, "\n");

		fprintf(fp, "%*s# %.*s\n", ind, "", (int)n, p);
		p += n + (p[n] == '\n');
	}
	buf_release(&w);
}

/* key: value, the given text quoted, else the placeholder as it is. */
static void
kv(FILE *fp, int ind, const char *key, const char *given,
    const char *placeholder)
{
	struct buf b = BUF_INIT;

	if (given != NULL)
		esc_json(&b, given);
	fprintf(fp, "%*s%s: %s\n", ind, "", key, given != NULL ? b.s :
	    placeholder);
	buf_release(&b);
}

/* lead, then the words of the list, as a comment at ind. */
static void
note_words(FILE *fp, int ind, const char *lead,
    const char *const *words)
{
	struct buf b = BUF_INIT;
	char *list = vocab_join(words);

	buf_printf(&b, "%s%s.", lead, list);
	note(fp, ind, b.s);
	free(list);
	buf_release(&b);
}

static void
put_committee(FILE *fp, const struct new_opts *o)
{
	fputs("format: rectrack/1\n", fp);
	fputs("committee:\n", fp);
	note(fp, 2, "The committee's stable id: lowercase letters, digits "
	    "and '-'. Never change it once the file is imported.");
	fprintf(fp, "  id: %s\n", o->committee != NULL ? o->committee :
	    "<committee-id>");
	note(fp, 2, "The committee's name and its council, written the same "
	    "in every file (the file imported last sets them).");
	kv(fp, 2, "name", o->name, "<committee name>");
	kv(fp, 2, "authority", o->authority, "<council>");
	note(fp, 2, "Optional: how to reach the clerk.");
	fputs("  # contact: <clerk, e-mail, phone>\n", fp);
	note(fp, 2, "Optional: how long the executive has to respond when it "
	    "is not the statutory two months: N days, N weeks or N months.");
	fputs("  # response_within: 28 days\n", fp);
}

static void
put_recommendation(FILE *fp)
{
	note(fp, 4, "The recommendations, in the report's order: copy a "
	    "whole item (from its '- ref:' line) for each one.");
	fputs("    recommendations:\n", fp);
	note(fp, 6, "The number the report gives it; number them in order "
	    "when it gives\nnone. Never change a ref once imported.");
	fputs("      - ref: \"1\"\n", fp);
	note(fp, 8, "The recommendation, word for word, indented under "
	    "'text: |-'.");
	fputs("        text: |-\n", fp);
	fputs("          <the recommendation, word for word>\n", fp);
	note(fp, 8, "Optional: a short title, and to whom it is addressed.");
	fputs("        # title: <a short title>\n", fp);
	fputs("        # addressee: <The Council>\n", fp);
	note(fp, 8, "Optional: the findings that led to it, one item each.");
	fputs("        # findings:\n", fp);
	fputs("        #   - <a finding, word for word>\n", fp);
	note(fp, 8, "Optional: who answers for implementing it, and its "
	    "target date (YYYY-MM-DD, or YYYY-MM when the paper gives only "
	    "a month: its last day).");
	fputs("        # owner: <lead officer>\n", fp);
	fputs("        # due: YYYY-MM-DD\n", fp);
	note_words(fp, 8, "Optional, once the executive has responded: its "
	    "response (one, not a list), its decision one of: ",
	    vocab_decision);
	fputs("        # response:\n", fp);
	fputs("        #   date: YYYY-MM-DD\n", fp);
	fputs("        #   by: <Executive>\n", fp);
	fputs("        #   decision: accepted\n", fp);
	fputs("        #   text: <the response, word for word>\n", fp);
	note_words(fp, 8, "Optional: the status history, oldest first "
	    "('rectrack status' records it for you), one item per change, "
	    "its status one of: ", vocab_status);
	fputs("        # updates:\n", fp);
	fputs("        #   - date: YYYY-MM-DD\n", fp);
	fputs("        #     status: in-progress\n", fp);
	fputs("        #     note: <the progress reported>\n", fp);
}

static void
put_review(FILE *fp, const struct new_opts *o)
{
	fputs("reviews:\n", fp);
	note(fp, 2, "The review's stable id: the council, the year and the "
	    "topic, in lowercase letters, digits and '-'. Never change it "
	    "once imported.");
	fprintf(fp, "  - id: %s\n", o->review != NULL ? o->review :
	    "<review-id>");
	note(fp, 4, "The review's title, as its report gives it.");
	kv(fp, 4, "title", o->title, "<review title>");
	note(fp, 4, "Optional: the municipal year, YYYY-YY.");
	fputs("    # year: 2026-27\n", fp);
	note_words(fp, 4, "Optional: where the review has got to (left out, "
	    "draft), one of: ", vocab_stage);
	fputs("    # stage: draft\n", fp);
	note(fp, 4, "Optional: the date of the report (YYYY-MM when only "
	    "its month is known), and the date the executive received it "
	    "(its response is due two months later).");
	fputs("    # published: YYYY-MM-DD\n", fp);
	fputs("    # submitted: YYYY-MM-DD\n", fp);
	note(fp, 4, "Optional: where the report is (meeting, item).");
	fputs("    # source: <committee, date, item>\n", fp);
	note(fp, 4, "Optional: the members of the review group, one item "
	    "each.");
	fputs("    # members:\n", fp);
	fputs("    #   - <Councillor A. Example (Chair)>\n", fp);
	put_recommendation(fp);
}

static void
put_meeting(FILE *fp, const struct new_opts *o)
{
	fputs("meetings:\n", fp);
	note(fp, 2, "One item per agenda item. Its id: the date and a few "
	    "words, unique in the committee (letters, digits, '-').");
	fprintf(fp, "  - id: %s\n", o->meeting != NULL ? o->meeting :
	    "<meeting-id>");
	note(fp, 4, "Optional: the date of the meeting.");
	fputs("    # date: YYYY-MM-DD\n", fp);
	note(fp, 4, "The agenda item's title.");
	kv(fp, 4, "title", o->title, "<agenda item title>");
	note(fp, 4, "Optional: the id of the review this meeting served; "
	    "check and import this file with the review's, or once the "
	    "review is in the database.");
	fprintf(fp, "    %sreview: %s\n", o->review != NULL ? "" : "# ",
	    o->review != NULL ? o->review : "<review-id>");
	note(fp, 4, "Optional: the minutes of the item.");
	fputs("    # minutes: <the minutes>\n", fp);
	note_words(fp, 4, "Optional: what someone agreed to do, one item "
	    "each, its status (left out, open) one of: ", vocab_action_status);
	fputs("    # actions:\n", fp);
	fputs("    #   - id: A1\n", fp);
	fputs("    #     text: <what is to be done>\n", fp);
	fputs("    #     owner: <who is to do it>\n", fp);
	fputs("    #     due: YYYY-MM-DD\n", fp);
	fputs("    #     status: open\n", fp);
	note(fp, 4, "Optional: the decisions recorded as RESOLVED, one item "
	    "each.");
	fputs("    # resolved:\n", fp);
	fputs("    #   - <That the report be noted.>\n", fp);
}

static int
cmd_new(struct ctx *ctx, void *opts, int argc, char **argv)
{
	const struct new_opts *o = opts;
	int kind = vocab_find(new_kinds, argv[1]);

	(void)ctx;
	(void)argc;
	fprintf(stdout, "# A rectrack %s file (docs/format.md). Replace each "
	    "<value>; to use an\n# optional key, remove the '# ' before "
	    "it. Then 'rectrack check FILE'.\n", argv[1]);
	put_committee(stdout, o);
	if (kind == NEW_COMMITTEE) {
		note(stdout, 0, "Its reviews and meetings go in files of their "
		    "own, with this committee: 'rectrack new review' and "
		    "'rectrack new meeting' print them.");
	} else if (kind == NEW_REVIEW) {
		put_review(stdout, o);
	} else {
		put_meeting(stdout, o);
	}
	return RT_OK;
}
