#ifndef RECTRACK_DRAFT_H
#define RECTRACK_DRAFT_H

#include <stddef.h>
#include <stdio.h>

/*
 * rectrack draft: a council's document in, a YAML draft in the import
 * format out. Every reader (text and markdown, HTML, PDF through
 * pdftotext) turns its input into one list of text blocks (a paragraph, a
 * heading, a list item, a table cell); one finder walks the blocks for
 * recommendations and what the document marks around them; one writer
 * prints the draft. Nothing is guessed: a value the finder cannot place
 * is left out, and what the person must check is marked "# check:".
 */

/* The largest input read, and the deepest HTML nesting followed. */
#define DRAFT_MAX_INPUT	(32u << 20)
#define DRAFT_MAX_DEPTH	256
/* The most blocks (paragraphs, cells) and recommendations of one input:
 * far beyond any committee paper or tracker, short of a stall. */
#define DRAFT_MAX_BLOCKS	500000
#define DRAFT_MAX_RECS		20000

/* DB_ROW starts a table row (its text empty); the row's cells follow,
 * each with its column's heading. */
enum draft_block_kind { DB_PARA, DB_HEAD, DB_ITEM, DB_RULE, DB_ROW };

struct draft_block {
	enum draft_block_kind kind;
	char *text;		/* one paragraph: wrapped lines joined by a
				 * space, inline markup removed (owned) */
	char marker[24];	/* a list item's marker as written ("1.",
				 * "(a)", "-"), else "" */
	int indent;		/* a list item's nesting (0 outermost) */
	char column[64];	/* a table cell's column heading, else "" */
	size_t line;		/* 1-based line of the input, 0 unknown */
};

struct draft_doc {
	struct draft_block *b;
	size_t n, cap;
	int full;		/* DRAFT_MAX_BLOCKS reached: the rest dropped */
};

/* Add a block (text is copied, invalid UTF-8 and control characters
 * made U+FFFD; NULL-safe on marker). Its column is set by the caller
 * afterwards (d->b[d->n - 1].column). Past DRAFT_MAX_BLOCKS nothing is
 * added and d->full is set. */
void draft_doc_add(struct draft_doc *d, enum draft_block_kind kind,
    const char *text, size_t len, const char *marker, int indent,
    size_t line);
void draft_doc_free(struct draft_doc *d);

/*
 * Plain text or markdown (s of len bytes, valid UTF-8 without NUL) into
 * blocks: blank lines and markdown headings, rules and list markers
 * separate blocks; wrapped lines are joined by one space; **bold**,
 * [links](url), <sup>-like tags and backslash escapes are removed.
 */
void draft_read_text(struct draft_doc *d, const char *s, size_t len);

/* Drop the paragraphs that are a page's number ("12", "Page 3", "Page 3
 * of 10"), as pdftotext leaves them between the paragraphs of a text. */
void draft_drop_page_numbers(struct draft_doc *d);

/*
 * HTML (as saved from a council's site) into blocks through libxml2's
 * recovering parser, never fetching anything: paragraphs, headings, list
 * items and table cells. Returns 0, or -1 after reporting (file names
 * the input in messages).
 */
int draft_read_html(struct draft_doc *d, const char *file, const char *s,
    size_t len);

/*
 * Check that s is UTF-8 with no NUL, made NFC with utf8proc, form feeds
 * and other control characters but tab and newline turned to newlines or
 * spaces, CRLF to LF. Returns the text (the caller's) or NULL after
 * reporting FILE:LINE:COLUMN of the first invalid byte.
 */
char *draft_clean_input(const char *file, const char *s, size_t len,
    size_t *outlen);

/*
 * A recommendation's label at the start of t: "Recommendation One",
 * "Recommendation 4:", "R3", "Rec 2a", "PTD.140916.56.1". On a match the
 * ref as the document numbers it goes to ref (of refsize bytes; "One"
 * becomes "1") and the length of the label with what follows it (": ",
 * " - ") is returned; else 0. The ref is a valid local id (format.md).
 */
size_t draft_label(const char *t, char *ref, size_t refsize);

/*
 * A list marker or paragraph number at the start of t: "1." "1)" "(a)"
 * "a)" "9(b)" "iv." "4.10" "-" "*" "•". Returns its length with the
 * spaces after it (0 when none), its text in marker.
 */
size_t draft_marker(const char *t, char *marker, size_t size);

/* The ref a list marker gives ("1." -> "1", "(a)" -> "a", "9(b)" ->
 * "9(b)"), or "" for a bullet. */
void draft_marker_ref(const char *marker, char *ref, size_t size);

/*
 * The executive's decision stated in a response: accepted,
 * accepted-in-principle, partially-accepted, noted, deferred, rejected;
 * NULL when no word of the table is found. *words gets the words found
 * (static), for the comment.
 */
const char *draft_decision(const char *response, const char **words);

/*
 * A date as a document writes it ("31 March 2025", "March 2025",
 * "31/03/2025", "2025-03-31", "end Nov 2011") into out as YYYY-MM-DD or
 * YYYY-MM. 0 on success, -1 when it is not a date read with certainty.
 */
int draft_date(const char *s, char out[11]);

/* t begins with a field the finder reads ("Lead officer:", "Target
 * date:", "Response:", "Decision:"): a line of its own even when the
 * lines around it are not apart by a blank line. */
int draft_field_line(const char *t);

/* What a table's or tracker's column holds, by its heading (any case):
 * Ref/Reference/No., Recommendation, Response/Cabinet response,
 * Decision, Lead Officer/Owner/Responsible, Target date/Timescale/
 * Deadline; DC_NONE for any other. */
enum draft_col { DC_NONE, DC_REF, DC_TEXT, DC_RESPONSE, DC_DECISION,
	DC_OWNER, DC_DUE, DC_STATUS, DC_NOTE, DC_UPDATED };
enum draft_col draft_column(const char *heading);

/* The heading draft_column() reads as key ("ref", "text", "response",
 * "decision", "owner", "due", "status", "note", "updated"), or NULL for
 * an unknown key: what --column KEY=HEADING renames a column to. */
const char *draft_column_key(const char *key);

/*
 * A tracker's status word ("Complete", "Ongoing", "On track", "Slipped",
 * "Achieved") as a recommendation status, and the RAG it states when it
 * is an assessment (*rag NULL otherwise). NULL when the word is not one
 * rectrack can map.
 */
const char *draft_status(const char *word, const char **rag);

/*
 * A CSV tracker into blocks: its first row names the columns; each row
 * after it is a DB_ROW and its cells (read as text) with their column.
 * columns is --column's "KEY=HEADING[,KEY=HEADING...]" or NULL. Returns
 * 0, or -1 after reporting.
 */
int draft_read_csv(struct draft_doc *d, const char *file, const char *s,
    size_t len, const char *columns);

struct draft_opts {
	const char *file;	/* the name shown in comments */
	const char *committee, *review;	/* NULL: placeholders */
	const char *date;	/* the date of a tracker's statuses, or NULL */
};

/*
 * Find the recommendations of d and write the draft to fp. Returns the
 * number of recommendations found, or -1 after reporting, with nothing
 * written, when d is full or holds more than DRAFT_MAX_RECS.
 */
long draft_write(const struct draft_doc *d, const struct draft_opts *o,
    FILE *fp);

#endif
