#include "yamlin.h"

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "arena.h"
#include "buf.h"
#include "diag.h"
#include "xmalloc.h"

/*
 * A scalar is one token: libyaml reads it whole before its event. The
 * reader lets a run of this many bytes pass without an event, so that a
 * value somewhat over the limit is still reported exactly, at its start,
 * when its event arrives; a longer run (a huge value, or megabytes of
 * comment) is stopped here, before libyaml buffers it all.
 */
#define READ_RUN_MAX (8 * YIN_MAX_SCALAR)

/*
 * Reading runs ahead of the importer: one thread reads the file, checks
 * its bytes and runs libyaml's parser, handing events over in chunks
 * through a ring of CHUNKS; the caller's thread takes them from yin_next()
 * and does everything else (building trees, checking rules, SQLite). On
 * two cores the parse then costs next to nothing. The reader reports
 * nothing itself: what stopped it travels at the end of its last chunk and
 * is reported when the caller reaches that point, so messages come out as
 * they would from one thread. A chunk closes at CHUNK_EVENTS events or
 * CHUNK_BYTES of text, whichever comes first. The ring is long enough
 * for the reader to keep parsing while the caller is busy in SQLite for a
 * while (writing a batch of index rows): with a ring of 4 the importer
 * waited for events for a fifth of an import, with 48 for a twentieth,
 * for 4 MB more memory (docs/performance.md). So that the events waiting
 * stay a few MiB at most however long the values, the reader also waits
 * while the filled chunks hold RING_BYTES of text, and frees the events
 * of the chunks taken from as soon as it wakes.
 *
 * A pipe is read on the caller's thread (the same code, a chunk at a time,
 * when the caller needs one): a reader thread blocked on a pipe could not
 * be stopped when the importer gives up early.
 */
#define CHUNKS		48

/*
 * What the reader keeps to explain a failure: the last WIN_SIZE bytes read
 * and where each of the last WIN_LINES lines starts. libyaml's own buffers
 * hold a few tens of KiB ahead of where it gives up; a list item's
 * siblings are a few lines above it.
 */
#define WIN_SIZE	(256 * 1024)
#define WIN_LINES	4096
#define LINE_MAX_SHOWN	1024
#define CHUNK_EVENTS	512
#define CHUNK_BYTES	(64 * 1024)
#define RING_BYTES	(2 * 1024 * 1024)

struct qev {
	yaml_event_t ev;
	long cc;			/* control_char() of a scalar, or -1 */
};

struct chunk {
	struct qev ev[CHUNK_EVENTS];
	size_t n;
	size_t bytes;			/* of text in its scalars */
	size_t offset;			/* bytes read when it was filled */
	int last;			/* nothing follows these events */
};

struct yin {
	char *name;
	size_t size;			/* of the file, 0 when unknown */

	/* the reader's: the parser and its view of the raw bytes */
	yaml_parser_t parser;
	FILE *fp;			/* NULL when reading memory */
	const unsigned char *mem;
	size_t memlen, mempos;
	size_t offset;			/* bytes read */
	size_t since_event;		/* bytes read since the last event */
	size_t line, col;		/* position of the next byte, 1-based */
	size_t evline, evcol;		/* end of the last event, 1-based */
	int cr;				/* last byte was CR */
	int need;			/* UTF-8 continuation bytes expected */
	unsigned long cp, cpmin;
	size_t cpline, cpcol;
	unsigned char *win;		/* the last bytes read, a ring */
	size_t *lstart;			/* line n starts at [n % WIN_LINES] */
	int mk_n;			/* run of mk_c from a line's start */
	unsigned char mk_c;
	int failed;			/* why it stopped, for the caller: */
	int fail_counts;		/*   an error to count (not syntax) */
	size_t fail_line, fail_col;
	char fail_msg[400];

	/* shared, under mu */
	struct chunk *ring;
	size_t head, filled;		/* next to fill; filled, not freed */
	size_t held;			/* text in the filled chunks */
	pthread_mutex_t mu;
	pthread_cond_t ready, room;
	atomic_int cancel;		/* the caller has stopped reading */
	int threaded;
	pthread_t thread;

	/* the caller's */
	struct chunk *cur;		/* ring[tail], being taken from */
	size_t tail, pos;
	size_t seen;			/* bytes read, as of cur */
	int depth;
	int dead;			/* stop: the reason was reported */
	size_t nerrors;
};

const char *
yin_name(const struct yin *y)
{
	return y->name;
}

size_t
yin_size(const struct yin *y)
{
	return y->size;
}

size_t
yin_offset(const struct yin *y)
{
	return y->seen;
}

static int
count_error(struct yin *y, size_t line, size_t col)
{
	if (++y->nerrors == YIN_MAX_ERRORS) {
		diag_at(y->name, line, col,
		    "too many errors; giving up on this file");
		y->dead = 1;
	}
	return -1;
}

size_t
yin_error_count(const struct yin *y)
{
	return y->nerrors;
}

int
yin_dead(const struct yin *y)
{
	return y->dead;
}

int
yin_error_at(struct yin *y, size_t line, size_t col, const char *fmt, ...)
{
	va_list ap;

	if (y->nerrors >= YIN_MAX_ERRORS)
		return -1;
	va_start(ap, fmt);
	diag_vat(y->name, line, col, fmt, ap);
	va_end(ap);
	return count_error(y, line, col);
}

int
yin_error(struct yin *y, const struct ynode *at, const char *fmt, ...)
{
	va_list ap;

	if (y->nerrors >= YIN_MAX_ERRORS)
		return -1;
	va_start(ap, fmt);
	diag_vat(y->name, at->line, at->col, fmt, ap);
	va_end(ap);
	return count_error(y, at->line, at->col);
}

static int
reader_fail(struct yin *y, size_t line, size_t col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* The reader stops: keep the reason for the caller to report. */
static int
reader_fail(struct yin *y, size_t line, size_t col, const char *fmt, ...)
{
	va_list ap;

	if (y->failed)
		return 0;
	va_start(ap, fmt);
	vsnprintf(y->fail_msg, sizeof y->fail_msg, fmt, ap);
	va_end(ap);
	y->failed = 1;
	y->fail_counts = 1;
	y->fail_line = line;
	y->fail_col = col;
	return 0;
}

static int marker_fail(struct yin *y, size_t n, unsigned char c);

/*
 * git's conflict markers: seven of '<', '=', '|' or '>' from a line's
 * start, then a space or the line's end. Called for each character of
 * the first 8 columns (eol: c ends the line). Returns 0 after reporting.
 */
static int
marker_step(struct yin *y, unsigned char c, int eol)
{
	if (y->col == 1) {
		y->mk_c = c;
		y->mk_n = !eol && (c == '<' || c == '=' || c == '|' ||
		    c == '>');
		return 1;
	}
	if (y->mk_n != (int)y->col - 1)
		return 1;
	if (y->col < 8) {
		if (!eol && c == y->mk_c)
			y->mk_n++;
		return 1;
	}
	if (!eol && c != ' ')
		return 1;
	return marker_fail(y, y->line, y->mk_c);
}

/* Line n starts with git's marker of seven c. */
static int
marker_fail(struct yin *y, size_t n, unsigned char c)
{
	return reader_fail(y, n, 1, "an unresolved merge conflict: "
	    "git's marker '%.7s' is still in the file; keep the lines you "
	    "want from both sides (for updates, usually both), delete the "
	    "marker lines ('<<<<<<<', '=======', '>>>>>>>'), then check the "
	    "file again", c == '<' ? "<<<<<<<" : c == '=' ? "=======" :
	    c == '|' ? "|||||||" : ">>>>>>>");
}

/*
 * Check the raw bytes as they arrive, keeping line and column (in
 * characters, as libyaml counts them). Returns 0 and reports on a byte
 * that format.md forbids.
 */
static int
scan_bytes(struct yin *y, const unsigned char *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned char c = p[i];
		size_t at;

		/* printable ASCII outside a sequence: nearly every byte */
		if (c >= 0x20 && c < 0x7f && y->need == 0) {
			if (y->col <= 8 && !marker_step(y, c, 0))
				return 0;
			y->col++;
			y->cr = 0;
			continue;
		}
		at = y->offset + i;
		if (at == 0 && (c == 0xff || c == 0xfe) && i + 1 < n &&
		    (p[i + 1] ^ c) == 0x01)
			return reader_fail(y, 1, 1, "file is UTF-16; rectrack "
			    "reads UTF-8 (save the file as UTF-8)");
		if (y->need > 0) {
			if ((c & 0xc0) != 0x80)
				return reader_fail(y, y->cpline, y->cpcol,
				    "invalid UTF-8 sequence (byte 0x%02x); "
				    "save the file as UTF-8", c);
			y->cp = (y->cp << 6) | (c & 0x3f);
			if (--y->need > 0)
				continue;
			if (y->cp < y->cpmin)
				return reader_fail(y, y->cpline, y->cpcol,
				    "overlong UTF-8 encoding of U+%04lX; save "
				    "the file as UTF-8", y->cp);
			if (y->cp >= 0xd800 && y->cp <= 0xdfff)
				return reader_fail(y, y->cpline, y->cpcol,
				    "UTF-8 encoded surrogate U+%04lX is not "
				    "text; save the file as UTF-8", y->cp);
			if (y->cp > 0x10ffff)
				return reader_fail(y, y->cpline, y->cpcol,
				    "invalid UTF-8 sequence (beyond U+10FFFF)");
			if (y->cp >= 0x80 && y->cp <= 0x9f)
				return reader_fail(y, y->cpline, y->cpcol,
				    "control character U+%04lX is not allowed "
				    "in text", y->cp);
			/* a BOM at the very start is allowed and not counted */
			if (!(y->cp == 0xfeff && y->cpline == 1 &&
			    y->cpcol == 1 && at == 2))
				y->col++;
			continue;
		}
		if (y->col <= 8 && !marker_step(y, c, c == '\n' || c == '\r'))
			return 0;
		if (c < 0x80) {
			if (c == '\n') {
				if (!y->cr) {
					y->line++;
					y->col = 1;
				}
				y->lstart[y->line % WIN_LINES] = at + 1;
				y->cr = 0;
				continue;
			}
			y->cr = 0;
			if (c == '\r') {
				y->line++;
				y->col = 1;
				y->lstart[y->line % WIN_LINES] = at + 1;
				y->cr = 1;
				continue;
			}
			if (c == 0)
				return reader_fail(y, y->line, y->col,
				    "NUL byte is not allowed%s", at < 2 ?
				    " (is this file UTF-16? rectrack reads "
				    "UTF-8)" : "");
			if ((c < 0x20 && c != '\t') || c == 0x7f)
				return reader_fail(y, y->line, y->col,
				    "control character U+%04X is not allowed",
				    c);
			y->col++;
			continue;
		}
		y->cpline = y->line;
		y->cpcol = y->col;
		if (c >= 0xc2 && c <= 0xdf) {
			y->need = 1;
			y->cp = c & 0x1f;
			y->cpmin = 0x80;
		} else if (c >= 0xe0 && c <= 0xef) {
			y->need = 2;
			y->cp = c & 0x0f;
			y->cpmin = 0x800;
		} else if (c >= 0xf0 && c <= 0xf4) {
			y->need = 3;
			y->cp = c & 0x07;
			y->cpmin = 0x10000;
		} else if (c == 0xc0 || c == 0xc1) {
			return reader_fail(y, y->line, y->col,
			    "overlong UTF-8 encoding (byte 0x%02x); save the "
			    "file as UTF-8", c);
		} else {
			return reader_fail(y, y->line, y->col,
			    "invalid UTF-8 byte 0x%02x; save the file as "
			    "UTF-8", c);
		}
	}
	return 1;
}

/* Keep the n bytes just read in the window. */
static void
keep(struct yin *y, const unsigned char *p, size_t n)
{
	size_t at, part;

	if (n > WIN_SIZE) {
		p += n - WIN_SIZE;
		at = (y->offset + n - WIN_SIZE) % WIN_SIZE;
		n = WIN_SIZE;
	} else {
		at = y->offset % WIN_SIZE;
	}
	part = WIN_SIZE - at < n ? WIN_SIZE - at : n;
	memcpy(y->win + at, p, part);
	memcpy(y->win, p + part, n - part);
}

static int
read_handler(void *data, unsigned char *buffer, size_t size, size_t *got)
{
	struct yin *y = data;
	size_t n;

	*got = 0;
	if (y->failed)
		return 0;
	if (y->fp != NULL) {
		n = fread(buffer, 1, size, y->fp);
		if (n == 0 && ferror(y->fp))
			return reader_fail(y, y->line, y->col,
			    "read error: %s", strerror(errno));
	} else {
		n = y->memlen - y->mempos;
		if (n > size)
			n = size;
		memcpy(buffer, y->mem + y->mempos, n);
		y->mempos += n;
	}
	if (n == 0) {
		if (y->col == 8 && !marker_step(y, '\n', 1))
			return 0;
		if (y->need > 0)
			return reader_fail(y, y->cpline, y->cpcol,
			    "truncated UTF-8 sequence at end of file; save the "
			    "file as UTF-8");
		return 1;
	}
	if (!scan_bytes(y, buffer, n))
		return 0;
	keep(y, buffer, n);
	y->offset += n;
	y->since_event += n;
	if (y->since_event > READ_RUN_MAX)
		return reader_fail(y, y->evline, y->evcol, "the value after "
		    "this point is longer than the 1 MiB limit (or is more "
		    "than 8 MiB of comment)");
	*got = n;
	return 1;
}

/* The first control character in s (U+0000-U+001F but tab and newline,
 * U+007F, U+0080-U+009F), or -1. */
static long
control_char(const unsigned char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		if ((s[i] < 0x20 && s[i] != '\t' && s[i] != '\n') ||
		    s[i] == 0x7f)
			return s[i];
		if (s[i] == 0xc2 && i + 1 < len && s[i + 1] >= 0x80 &&
		    s[i + 1] <= 0x9f)
			return s[i + 1];
	}
	return -1;
}

/*
 * Line n as read, without its line break and at most LINE_MAX_SHOWN
 * bytes, into out (LINE_MAX_SHOWN + 1 bytes); its length, or -1 when the
 * window no longer holds it.
 */
static long
raw_line(const struct yin *y, size_t n, char *out)
{
	size_t start, i, len = 0;

	if (n == 0 || n > y->line || y->line - n >= WIN_LINES)
		return -1;
	start = y->lstart[n % WIN_LINES];
	if (start > y->offset || y->offset - start > WIN_SIZE)
		return -1;
	for (i = start; i < y->offset && len < LINE_MAX_SHOWN; i++) {
		char c = (char)y->win[i % WIN_SIZE];

		if (c == '\n' || c == '\r')
			break;
		out[len++] = c;
	}
	if (start == 0 && len >= 3 && memcmp(out, "\xef\xbb\xbf", 3) == 0) {
		memmove(out, out + 3, len - 3);
		len -= 3;
	}
	out[len] = '\0';
	return (long)len;
}

/* The column (1-based, in characters) of byte i of a line. */
static size_t
col_of(const char *s, size_t i)
{
	size_t col = 1, k;

	for (k = 0; k < i; k++)
		col += ((unsigned char)s[k] & 0xc0) != 0x80;
	return col;
}

/* The first byte of a line that is not a space (its length if none). */
static size_t
first_nonspace(const char *s)
{
	size_t i = 0;

	while (s[i] == ' ')
		i++;
	return i;
}

/* A list item's dash: '-' then a space, a tab or the line's end. */
static int
is_dash(const char *s)
{
	return s[0] == '-' && (s[1] == ' ' || s[1] == '\t' || s[1] == '\0');
}

/*
 * The column of line s's list item, its '-' (dash), or of its key (a word
 * then ':' then a space or the line's end, after any '- '), 0 if none.
 */
static size_t
item_col(const char *s, int dash)
{
	size_t i = first_nonspace(s), k;

	if (dash)
		return is_dash(s + i) ? col_of(s, i) : 0;
	while (is_dash(s + i))
		i += 1 + strspn(s + i + 1, " ");
	k = i + strspn(s + i, "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-");
	return k > i && s[k] == ':' && (s[k + 1] == ' ' || s[k + 1] == '\0') ?
	    col_of(s, i) : 0;
}

/*
 * A list item's '-' (dash) or a key out of line with its siblings above
 * it: the column of the nearest one (the closest in column, up to the line
 * that holds them), and its line in *at. 0 when they line up or none is
 * found.
 */
static size_t
sibling_col(const struct yin *y, size_t n, size_t col, int dash, size_t *at)
{
	char s[LINE_MAX_SHOWN + 1];
	size_t best = 0, bestd = (size_t)-1, i, c, d, lim, k;

	lim = n > 200 ? n - 200 : 1;
	for (k = n - 1; k >= lim && k > 0; k--) {
		if (raw_line(y, k, s) < 0)
			break;
		i = first_nonspace(s);
		if (s[i] == '\0' || s[i] == '#' || s[i] == '\t')
			continue;
		if ((c = item_col(s, dash)) != 0) {
			d = c > col ? c - col : col - c;
			if (d < bestd) {
				bestd = d;
				best = c;
				*at = k;
			}
		}
		/* the line that holds them */
		if (col_of(s, i) < col && (!dash || (c == 0 && (best == 0 ||
		    col_of(s, i) < best))))
			break;
	}
	return bestd == 0 ? 0 : best;
}

const char *
yin_move_by(size_t from, size_t to, char *out, size_t size)
{
	size_t d = from > to ? from - to : to - from;

	snprintf(out, size, "%zu space%s %s", d, d == 1 ? "" : "s",
	    from > to ? "left" : "right");
	return out;
}

/* What YAML reads a text starting with c as, when it is an indicator. */
static const char *
indicator(const char *s)
{
	static const char *const what[][2] = {
		{ "-", "a list item" }, { "?", "a key" },
		{ ":", "a key's colon" }, { ",", "a separator in a list" },
		{ "[", "the start of a list" }, { "]", "the end of a list" },
		{ "{", "the start of a mapping" },
		{ "}", "the end of a mapping" }, { "#", "a comment" },
		{ "&", "an anchor" }, { "*", "an alias" }, { "!", "a tag" },
		{ "|", "the start of a block" }, { ">", "the start of a block" },
		{ "'", "a quoted text that ends at its closing quote" },
		{ "\"", "a quoted text that ends at its closing quote" },
		{ "%", "a directive" }, { "@", "a reserved character" },
		{ "`", "a reserved character" },
	};
	size_t i;

	if (s[0] == '\0')
		return NULL;
	if (strchr("-?:", s[0]) != NULL && s[1] != ' ' && s[1] != '\0')
		return NULL;	/* "-5", ":x": plain text */
	for (i = 0; i < sizeof what / sizeof what[0]; i++)
		if (s[0] == what[i][0][0])
			return what[i][1];
	return NULL;
}

#define COLON_TEXT "the text '%s' contains ': ', which YAML reads as a " \
	"key and its value: quote it, or write it as a block with |"

/*
 * A value that YAML reads whole: quoted or a flow list or mapping, closed
 * by the line's end, or a block's header ("|", ">-"). Not a mistake.
 */
static int
whole(const char *s)
{
	static const char open[] = "\"'[{", close[] = "\"']}";
	const char *o = strchr(open, s[0]);
	size_t len = strlen(s);

	while (len > 1 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	if (s[0] != '\0' && o != NULL)
		return len > 1 && s[len - 1] == close[o - open];
	if (s[0] == '|' || s[0] == '>')
		return strspn(s + 1, "+-0123456789") + 1 == len;
	return 0;
}

/* s, shortened to about 40 characters (at a character's start). */
static void
shown(const char *s, char *out, size_t size)
{
	size_t len = strlen(s), i = 0, chars = 0;

	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	while (i < len && i + 8 < size && (chars < 40 ||
	    ((unsigned char)s[i] & 0xc0) == 0x80)) {
		chars += ((unsigned char)s[i] & 0xc0) != 0x80;
		i++;
	}
	snprintf(out, size, "%.*s%s", (int)i, s, i < len ? "..." : "");
}

/*
 * The mistake a person writing by hand most likely made where libyaml
 * gave up, at line n, column col: reported (reader_fail) at the mistake
 * itself when the line shows one of them, else nothing is reported.
 */
static int
explain(struct yin *y, size_t n, size_t col)
{
	char s[LINE_MAX_SHOWN + 1], text[64], move[32];
	const char *what;
	size_t i, v, c, sib, sibline = 0;
	long len = raw_line(y, n, s);

	if (len < 0)
		return 0;
	/* a marker that libyaml met before the reader saw its line end */
	if (strchr("<=|>", s[0]) != NULL && s[0] != '\0' &&
	    strspn(s, (char[]){ s[0], '\0' }) == 7 && (s[7] == ' ' ||
	    s[7] == '\0')) {
		return marker_fail(y, n, (unsigned char)s[0]);
	}
	i = strcspn(s, "\t");
	if (i < strspn(s, " \t-"))
		return reader_fail(y, n, col_of(s, i), "a tab in the "
		    "indentation: YAML indents with spaces only (replace the "
		    "tab with spaces)");
	i = first_nonspace(s);
	c = col_of(s, i);
	if (is_dash(s + i) && (sib = sibling_col(y, n, c, 1, &sibline)) != 0)
		return reader_fail(y, n, c, "this list item's '-' is at "
		    "column %zu, but the items above it in its list are at "
		    "column %zu (line %zu): move it %s", c, sib, sibline,
		    yin_move_by(c, sib, move, sizeof move));
	if ((c = item_col(s, 0)) != 0 && !is_dash(s + i) &&
	    (sib = sibling_col(y, n, c, 0, &sibline)) != 0)
		return reader_fail(y, n, c, "this key is at column %zu, but "
		    "the keys above it in its mapping are at column %zu (line "
		    "%zu): move it %s", c, sib, sibline, yin_move_by(c, sib, move,
		    sizeof move));
	/* the text on the line: after "- " and "key: " */
	v = i;
	while (is_dash(s + v))
		v += 1 + strspn(s + v + 1, " ");
	if (indicator(s + v) == NULL) {
		const char *colon = strstr(s + v, ": ");

		if (colon != NULL)
			v = (size_t)(colon - s) + 2 + strspn(colon + 2, " ");
	}
	if (s[v] == '\0' || col < col_of(s, v) || whole(s + v))
		return 0;
	shown(s + v, text, sizeof text);
	what = indicator(s + v);
	if (what != NULL)
		return reader_fail(y, n, col_of(s, v), "the text '%s' starts "
		    "with %s%c%s, which YAML reads as %s: quote it, or write "
		    "it as a block with |", text, s[v] == '\'' ? "\"" : "'",
		    s[v], s[v] == '\'' ? "\"" : "'", what);
	if (strstr(s + v, ": ") != NULL)
		return reader_fail(y, n, col_of(s, v), COLON_TEXT, text);
	return 0;
}

/* libyaml could not parse further: keep its reason (unless the reader
 * failed first: then that is the reason), explained when the lines read
 * show a hand-written mistake. */
static void
parse_fail(struct yin *y)
{
	const yaml_parser_t *p = &y->parser;
	const char *problem = p->problem ? p->problem : "invalid YAML";

	if (y->failed)
		return;
	explain(y, p->problem_mark.line + 1, p->problem_mark.column + 1);
	if (!y->failed && p->context != NULL &&
	    p->context_mark.line != p->problem_mark.line)
		explain(y, p->context_mark.line + 1,
		    p->context_mark.column + 1);
	if (y->failed) {
		y->fail_counts = 0;	/* a syntax error, explained */
		return;
	}
	y->failed = 1;
	y->fail_line = p->problem_mark.line + 1;
	y->fail_col = p->problem_mark.column + 1;
	if (p->context != NULL)
		snprintf(y->fail_msg, sizeof y->fail_msg, "syntax error: %s "
		    "%s (line %zu)", problem, p->context,
		    p->context_mark.line + 1);
	else
		snprintf(y->fail_msg, sizeof y->fail_msg, "syntax error: %s",
		    problem);
}

/* Free a chunk's events (on the thread that allocated them). */
static void
empty(struct chunk *c)
{
	size_t k;

	for (k = 0; k < c->n; k++)
		yaml_event_delete(&c->ev[k].ev);
	c->n = 0;
}

/* The reader's part: parse events into c until it is full, the stream
 * ends, reading fails or the caller has stopped. */
static void
fill(struct yin *y, struct chunk *c)
{
	size_t bytes = 0;

	empty(c);	/* the events the caller had from it */
	c->last = 0;
	while (c->n < CHUNK_EVENTS && bytes < CHUNK_BYTES) {
		struct qev *q = &c->ev[c->n];

		if (atomic_load_explicit(&y->cancel, memory_order_relaxed) ||
		    !yaml_parser_parse(&y->parser, &q->ev)) {
			if (!atomic_load(&y->cancel))
				parse_fail(y);
			c->last = 1;
			break;
		}
		c->n++;
		y->since_event = 0;
		y->evline = q->ev.end_mark.line + 1;
		y->evcol = q->ev.end_mark.column + 1;
		q->cc = -1;
		if (q->ev.type == YAML_SCALAR_EVENT) {
			bytes += q->ev.data.scalar.length;
			if (q->ev.data.scalar.length <= YIN_MAX_SCALAR)
				q->cc = control_char(q->ev.data.scalar.value,
				    q->ev.data.scalar.length);
		} else if (q->ev.type == YAML_STREAM_END_EVENT) {
			c->last = 1;
			break;
		}
	}
	c->bytes = bytes;
	c->offset = y->offset;
}

/* Free the events of the n chunks from ring[i] on, all taken from. */
static void
drop(struct yin *y, size_t i, size_t n)
{
	for (; n > 0; n--, i = (i + 1) % CHUNKS)
		empty(&y->ring[i]);
}

/* Under mu: may the reader fill another chunk? */
static int
room(const struct yin *y)
{
	return y->filled == 0 ||
	    (y->filled < CHUNKS && y->held < RING_BYTES);
}

static void *
reader(void *arg)
{
	struct yin *y = arg;
	struct chunk *c;

	do {
		size_t taken;

		pthread_mutex_lock(&y->mu);
		for (;;) {
			/* ring[head] on are the reader's: taken from */
			taken = CHUNKS - y->filled;
			pthread_mutex_unlock(&y->mu);
			drop(y, y->head, taken);
			pthread_mutex_lock(&y->mu);
			if (room(y) || atomic_load(&y->cancel))
				break;
			pthread_cond_wait(&y->room, &y->mu);
		}
		if (atomic_load(&y->cancel)) {
			pthread_mutex_unlock(&y->mu);
			break;
		}
		c = &y->ring[y->head];
		pthread_mutex_unlock(&y->mu);

		fill(y, c);

		pthread_mutex_lock(&y->mu);
		y->head = (y->head + 1) % CHUNKS;
		y->filled++;
		y->held += c->bytes;
		pthread_cond_signal(&y->ready);
		pthread_mutex_unlock(&y->mu);
	} while (!c->last);
	return NULL;
}

/*
 * The caller's part: free the chunk taken from (all its events were
 * handed out) and take the next, filling it here when there is no reader
 * thread. NULL when the last chunk was taken already.
 */
static struct chunk *
take(struct yin *y)
{
	struct chunk *c;

	if (y->cur != NULL && y->cur->last)
		return NULL;
	pthread_mutex_lock(&y->mu);
	if (y->cur != NULL) {
		y->held -= y->cur->bytes;
		y->cur = NULL;
		if (y->threaded)
			y->tail = (y->tail + 1) % CHUNKS;
		y->filled--;
		pthread_cond_signal(&y->room);
	}
	if (!y->threaded) {
		/* one chunk, refilled: its events are freed first */
		fill(y, &y->ring[y->head]);
		y->held += y->ring[y->head].bytes;
		y->filled++;
	}
	while (y->filled == 0)
		pthread_cond_wait(&y->ready, &y->mu);
	c = y->cur = &y->ring[y->tail];
	y->pos = 0;
	y->seen = c->offset;
	pthread_mutex_unlock(&y->mu);
	return c;
}

static struct yin *
yin_new(const char *name, FILE *fp, size_t size)
{
	struct yin *y = xcalloc(1, sizeof *y);

	if (!yaml_parser_initialize(&y->parser)) {
		fputs("rectrack: out of memory\n", stderr);
		exit(1);
	}
	yaml_parser_set_input(&y->parser, read_handler, y);
	y->name = xstrdup(name);
	y->fp = fp;
	y->size = size;
	y->line = y->col = 1;
	y->evline = y->evcol = 1;
	y->ring = xcalloc(CHUNKS, sizeof *y->ring);
	y->win = xmalloc(WIN_SIZE);
	y->lstart = xcalloc(WIN_LINES, sizeof *y->lstart);
	atomic_init(&y->cancel, 0);
	pthread_mutex_init(&y->mu, NULL);
	pthread_cond_init(&y->ready, NULL);
	pthread_cond_init(&y->room, NULL);
	return y;
}

/* Read ahead on a thread of its own (when one can be had). */
static struct yin *
run_ahead(struct yin *y)
{
	y->threaded = pthread_create(&y->thread, NULL, reader, y) == 0;
	return y;
}

struct yin *
yin_open(const char *path)
{
	struct stat sb;
	const char *name = path;
	FILE *fp;

	if (strcmp(path, "-") == 0) {
		name = "<stdin>";
		fp = stdin;
	} else if ((fp = fopen(path, "rb")) == NULL) {
		error("%s: %s", path, strerror(errno));
		return NULL;
	}
	if (fstat(fileno(fp), &sb) != 0) {
		error("%s: %s", name, strerror(errno));
		if (fp != stdin)
			fclose(fp);
		return NULL;
	}
	if (S_ISDIR(sb.st_mode)) {
		error("%s: is a directory, not a YAML file", path);
		if (fp != stdin)
			fclose(fp);
		return NULL;
	}
	if (!S_ISREG(sb.st_mode))
		return yin_new(name, fp, 0);
	return run_ahead(yin_new(name, fp, (size_t)sb.st_size));
}

struct yin *
yin_mem(const char *name, const void *data, size_t len)
{
	struct yin *y = yin_new(name, NULL, len);

	y->mem = data;
	y->memlen = len;
	return run_ahead(y);
}

void
yin_close(struct yin *y)
{
	size_t i;

	if (y == NULL)
		return;
	if (y->threaded) {
		atomic_store(&y->cancel, 1);
		pthread_mutex_lock(&y->mu);
		pthread_cond_signal(&y->room);
		pthread_mutex_unlock(&y->mu);
		pthread_join(y->thread, NULL);
	}
	for (i = 0; i < CHUNKS; i++)
		empty(&y->ring[i]);
	pthread_cond_destroy(&y->room);
	pthread_cond_destroy(&y->ready);
	pthread_mutex_destroy(&y->mu);
	free(y->ring);
	free(y->win);
	free(y->lstart);
	yaml_parser_delete(&y->parser);
	if (y->fp != NULL && y->fp != stdin)
		fclose(y->fp);
	free(y->name);
	free(y);
}

/* libyaml expands !!str to tag:yaml.org,2002:str; show what was written. */
static const char *
tag_name(const yaml_char_t *tag, char *out, size_t size)
{
	static const char prefix[] = "tag:yaml.org,2002:";

	if (strncmp((const char *)tag, prefix, sizeof prefix - 1) == 0)
		snprintf(out, size, "!!%s", (const char *)tag + sizeof prefix - 1);
	else
		snprintf(out, size, "%s", (const char *)tag);
	return out;
}

int
yin_next(struct yin *y, yaml_event_t *ev)
{
	const yaml_mark_t *m;
	struct chunk *c = y->cur;
	char tagtext[80];
	long cc;

	if (y->dead)
		return 0;
	if (c == NULL || y->pos == c->n)
		c = take(y);
	if (c == NULL || y->pos == c->n) {
		/* the events ran out: the reader stopped, or the stream
		 * ended (then, as libyaml does, an empty event) */
		if (y->failed) {
			diag_at(y->name, y->fail_line, y->fail_col, "%s",
			    y->fail_msg);
			if (y->fail_counts)
				y->nerrors++;
			y->dead = 1;
			return 0;
		}
		memset(ev, 0, sizeof *ev);
		return 1;
	}
	*ev = c->ev[y->pos].ev;
	cc = c->ev[y->pos].cc;
	y->pos++;
	m = &ev->start_mark;
	switch (ev->type) {
	case YAML_ALIAS_EVENT:
		yin_error_at(y, m->line + 1, m->column + 1, "alias '*%s' is "
		    "not allowed: write the value out in full",
		    (const char *)ev->data.alias.anchor);
		break;
	case YAML_SCALAR_EVENT:
		if (ev->data.scalar.anchor != NULL)
			yin_error_at(y, m->line + 1, m->column + 1, "anchor "
			    "'&%s' is not allowed: write each value out in "
			    "full", (const char *)ev->data.scalar.anchor);
		if (ev->data.scalar.tag != NULL)
			yin_error_at(y, m->line + 1, m->column + 1, "tag "
			    "'%s' is not allowed: values are plain text",
			    tag_name(ev->data.scalar.tag, tagtext,
			    sizeof tagtext));
		if (ev->data.scalar.length > YIN_MAX_SCALAR)
			yin_error_at(y, m->line + 1, m->column + 1, "value "
			    "is longer than the 1 MiB limit");
		else if (cc >= 0)
			yin_error_at(y, m->line + 1, m->column + 1, "control "
			    "character U+%04lX in text: only tab and newline "
			    "are allowed (remove it)", cc);
		break;
	case YAML_SEQUENCE_START_EVENT:
	case YAML_MAPPING_START_EVENT:
		if (++y->depth > YIN_MAX_DEPTH) {
			diag_at(y->name, m->line + 1, m->column + 1, "nesting "
			    "deeper than %d levels", YIN_MAX_DEPTH);
			y->dead = 1;
			return 0;
		}
		{
			yaml_char_t *anchor = ev->type ==
			    YAML_MAPPING_START_EVENT ?
			    ev->data.mapping_start.anchor :
			    ev->data.sequence_start.anchor;
			yaml_char_t *tag = ev->type ==
			    YAML_MAPPING_START_EVENT ?
			    ev->data.mapping_start.tag :
			    ev->data.sequence_start.tag;

			if (anchor != NULL)
				yin_error_at(y, m->line + 1, m->column + 1,
				    "anchor '&%s' is not allowed: write each "
				    "value out in full", (const char *)anchor);
			if (tag != NULL)
				yin_error_at(y, m->line + 1, m->column + 1,
				    "tag '%s' is not allowed: values are plain "
				    "text", tag_name(tag, tagtext,
				    sizeof tagtext));
		}
		break;
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		y->depth--;
		break;
	default:
		break;
	}
	return !y->dead;
}

size_t
text_trim(char *s, size_t len)
{
	size_t start = 0, i, end;

	/* skip leading blank lines: up to the start of the first line with
	 * something on it */
	for (i = 0; i < len; i++) {
		if (s[i] == '\n')
			start = i + 1;
		else if (s[i] != ' ' && s[i] != '\t')
			break;
	}
	if (i == len) {
		s[0] = '\0';
		return 0;
	}
	/* the end of the last line with something on it */
	end = len;
	while (end > start && (s[end - 1] == ' ' || s[end - 1] == '\t' ||
	    s[end - 1] == '\n')) {
		end--;
	}
	while (end < len && s[end] != '\n')
		end++;
	memmove(s, s + start, end - start);
	s[end - start] = '\0';
	return end - start;
}

/* A tree's memory (arena.h): building and dropping a review costs a few
 * allocations, not one per node and per text. */
static void
arena_free(struct arena *a)
{
	arena_release(a);
	free(a);
}

static struct ynode *
node_new(struct arena *a, enum ynode_type type, const yaml_event_t *ev)
{
	struct ynode *n = arena_alloc(a, sizeof *n);

	memset(n, 0, sizeof *n);
	n->type = type;
	n->line = ev->start_mark.line + 1;
	n->col = ev->start_mark.column + 1;
	return n;
}

static void
node_add(struct arena *a, struct ynode *parent, struct ynode *kid)
{
	if (parent->n == parent->cap) {
		size_t cap = parent->cap ? parent->cap * 2 : 8;
		struct ynode **kids = arena_alloc(a, cap * sizeof *kids);

		if (parent->n)
			memcpy(kids, parent->kids, parent->n * sizeof *kids);
		parent->kids = kids;
		parent->cap = cap;
	}
	parent->kids[parent->n++] = kid;
	kid->parent = parent;
}

static int
is_null_word(const char *s, size_t len)
{
	return len == 0 || (len == 1 && s[0] == '~') || (len == 4 &&
	    (!strcmp(s, "null") || !strcmp(s, "Null") || !strcmp(s, "NULL")));
}

static struct ynode *
tree(struct yin *y, struct arena *a, yaml_event_t *ev)
{
	struct ynode *n, *kid;
	yaml_event_type_t end;
	yaml_event_t next;
	size_t len;

	switch (ev->type) {
	case YAML_SCALAR_EVENT:
		n = node_new(a, YN_SCALAR, ev);
		len = ev->data.scalar.length;
		n->s = arena_alloc(a, len + 1);
		memcpy(n->s, ev->data.scalar.value, len);
		n->s[len] = '\0';
		n->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
		n->len = text_trim(n->s, len);
		n->null = n->plain && is_null_word(n->s, n->len);
		return n;
	case YAML_ALIAS_EVENT:
		n = node_new(a, YN_SCALAR, ev);
		n->s = arena_alloc(a, 1);
		n->s[0] = '\0';
		n->null = 1;
		n->alias = 1;
		return n;
	case YAML_MAPPING_START_EVENT:
		n = node_new(a, YN_MAP, ev);
		end = YAML_MAPPING_END_EVENT;
		break;
	case YAML_SEQUENCE_START_EVENT:
		n = node_new(a, YN_SEQ, ev);
		end = YAML_SEQUENCE_END_EVENT;
		break;
	default:
		yin_error_at(y, ev->start_mark.line + 1,
		    ev->start_mark.column + 1, "unexpected YAML event");
		y->dead = 1;
		return NULL;
	}
	for (;;) {
		if (!yin_next(y, &next))
			return NULL;
		if (next.type == end)
			return n;
		kid = tree(y, a, &next);
		if (kid == NULL)
			return NULL;
		node_add(a, n, kid);
	}
}

struct ynode *
yin_tree(struct yin *y, yaml_event_t *ev)
{
	struct arena *a = xcalloc(1, sizeof *a);
	struct ynode *n = tree(y, a, ev);

	if (n == NULL) {
		arena_free(a);
		return NULL;
	}
	n->arena = a;
	return n;
}

void
ynode_free(struct ynode *n)
{
	if (n != NULL && n->arena != NULL)
		arena_free(n->arena);
}

struct ynode *
ymap_get(const struct ynode *map, const char *key)
{
	size_t i;

	if (map == NULL || map->type != YN_MAP)
		return NULL;
	for (i = 0; i < YMAP_N(map); i++) {
		const struct ynode *k = YMAP_KEY(map, i);

		if (k->type == YN_SCALAR && strcmp(k->s, key) == 0)
			return YMAP_VAL(map, i);
	}
	return NULL;
}

int
yin_text_as_map(struct yin *y, const struct ynode *n)
{
	const struct ynode *k, *v;
	char *s, text[64];

	if (n->type != YN_MAP || n->n != 2)
		return 0;
	k = n->kids[0];
	v = n->kids[1];
	if (k->type != YN_SCALAR || !k->plain || k->null || k->line != n->line ||
	    v->type != YN_SCALAR || !v->plain || (!v->null &&
	    v->line != k->line))
		return 0;
	s = xmalloc(k->len + v->len + 3);
	snprintf(s, k->len + v->len + 3, "%s: %s", k->s, v->s);
	shown(s, text, sizeof text);
	free(s);
	yin_error(y, n, COLON_TEXT, text);
	return 1;
}
