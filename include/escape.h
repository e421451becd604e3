#ifndef RECTRACK_ESCAPE_H
#define RECTRACK_ESCAPE_H

#include "buf.h"

/*
 * Quoting rules of each output format, in one place. Each appends the
 * escaped form of s to b.
 */

/* RFC 4180 field; a cell starting with = + - @ tab or CR gets a leading
 * ' so that spreadsheets never run it as a formula. */
void esc_csv(struct buf *b, const char *s);
/* A JSON string literal with its quotes; invalid UTF-8 becomes U+FFFD. */
void esc_json(struct buf *b, const char *s);
/* A GitHub-flavoured Markdown table cell: markup and pipes escaped,
 * newlines as <br>. */
void esc_markdown(struct buf *b, const char *s);
/* HTML text or attribute content. */
void esc_html(struct buf *b, const char *s);

/*
 * A snippet whose matches are marked with \1 (start) and \2 (end), into
 * b with open and close for the marks, on one line (newline and tab as
 * spaces); the text between marks passed whole to esc (when not NULL),
 * so that no UTF-8 character is split.
 */
void text_marked(struct buf *b, const char *s, const char *open,
    const char *close, void (*esc)(struct buf *, const char *));

/*
 * s made safe to show: invalid UTF-8 and control characters (all C0 but
 * tab and newline, DEL, C1) become U+FFFD, except the bytes in keep.
 * Text in the database is clean unless someone wrote to it around
 * rectrack; this keeps a terminal, a page or a file safe all the same.
 */
void text_clean(struct buf *b, const char *s, const char *keep);

/*
 * s cleaned as text_clean() does, and kept to one line: a newline shows
 * as the two characters \n. For what is printed as, or in, one line: a
 * file name, a diagnostic, where a line break could forge another line.
 */
void text_clean_line(struct buf *b, const char *s);

/* What is wrong with s as rectrack text (invalid UTF-8, a control
 * character other than tab and newline), or NULL when it is good. */
const char *text_problem(const char *s);
/* The same for len bytes that may hold a NUL (which is a problem too);
 * *at (when not NULL) gets the offset of the first bad byte. */
const char *text_problem_at(const char *s, size_t len, size_t *at);

/* s is valid UTF-8 (any character, controls too). */
int utf8_valid(const char *s);

/* hay contains needle, ignoring ASCII case; a NULL needle always does,
 * a NULL hay never. */
int text_contains(const char *hay, const char *needle);

/* Display width of UTF-8 text in terminal columns: a control or combining
 * character takes none, a wide (East Asian, emoji) one two, others one. */
size_t utf8_width(const char *s);
/* Length in bytes of the longest prefix of s that fits in width columns. */
size_t utf8_prefix(const char *s, size_t width);

/*
 * Each line of text, with pad before it, into b; with width > 0, lines
 * longer than width are wrapped at spaces (a word longer than a line is
 * broken), continuation lines padded with spaces as wide as pad. Empty
 * lines stay empty (no pad). width 0: lines as they are.
 */
void text_wrap(struct buf *b, const char *text, const char *pad,
    size_t width);

#endif
