#include "unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "output.h"

typedef void (*esc_fn)(struct buf *, const char *);

static void
check(esc_fn fn, const char *in, const char *want)
{
	struct buf b = BUF_INIT;

	fn(&b, in);
	assert_string_equal(b.s, want);
	buf_release(&b);
}

static void
test_csv(void **state)
{
	(void)state;
	check(esc_csv, "plain", "plain");
	check(esc_csv, "", "");
	check(esc_csv, "a,b", "\"a,b\"");
	check(esc_csv, "say \"hi\"", "\"say \"\"hi\"\"\"");
	check(esc_csv, "two\nlines", "\"two\nlines\"");
	/* formula injection neutralised */
	check(esc_csv, "=SUM(A1)", "\"'=SUM(A1)\"");
	check(esc_csv, "+1", "\"'+1\"");
	check(esc_csv, "-1", "\"'-1\"");
	check(esc_csv, "@cmd", "\"'@cmd\"");
	check(esc_csv, "\tx", "\"'\tx\"");
	check(esc_csv, "\rx", "\"'\rx\"");
	check(esc_csv, "a=b", "a=b");
	/* at the edges of what is written as it is: a space, a tilde, a
	 * comma or quote last, a control character, DEL, a carriage return
	 * (kept, so quoted), a byte past ASCII */
	check(esc_csv, " ~", " ~");
	check(esc_csv, "ab,", "\"ab,\"");
	check(esc_csv, "ab\"", "\"ab\"\"\"");
	check(esc_csv, "a\033b", "a\xef\xbf\xbd" "b");
	check(esc_csv, "a\177", "a\xef\xbf\xbd");
	check(esc_csv, "a\rb", "\"a\rb\"");
	check(esc_csv, "caf\xc3\xa9", "caf\xc3\xa9");
}

/* buf_add_int() writes what "%lld" does, at the ends of the range. */
static void
test_add_int(void **state)
{
	static const long long v[] = { 0, 7, -7, 10, 12000, -9, 1234567890123LL,
	    9223372036854775807LL, -9223372036854775807LL - 1 };
	struct buf b = BUF_INIT, want = BUF_INIT;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof v / sizeof v[0]; i++) {
		buf_adds(&b, "x");
		buf_add_int(&b, v[i]);
		buf_printf(&want, "x%lld", v[i]);
	}
	assert_string_equal(b.s, want.s);
	assert_int_equal(b.len, want.len);
	buf_release(&b);
	buf_release(&want);
}

/* Appended after what a buffer holds, fitting in its room or not. */
static void
test_csv_appends(void **state)
{
	struct buf b = BUF_INIT;

	(void)state;
	buf_adds(&b, "x,");
	esc_csv(&b, "plain");
	buf_addc(&b, ',');
	esc_csv(&b, "a,b");
	assert_string_equal(b.s, "x,plain,\"a,b\"");
	assert_int_equal(b.len, strlen(b.s));
	buf_release(&b);
}

/* buf_printf() formats into the room a buffer has, and grows it when
 * the text does not fit: both keep what was there. */
static void
test_printf_room(void **state)
{
	struct buf b = BUF_INIT;
	char want[600];
	size_t i;

	(void)state;
	buf_printf(&b, "%d", 7);		/* no room at all */
	assert_string_equal(b.s, "7");
	buf_grow(&b, 40);
	buf_printf(&b, "-%s-%lld", "ab", -12LL);	/* in the room */
	assert_string_equal(b.s, "7-ab--12");
	assert_int_equal(b.len, 8);
	for (i = 0; i < 500; i++)
		want[i] = 'z';
	want[500] = '\0';
	buf_printf(&b, "%s!", want);		/* past it */
	assert_int_equal(b.len, 8 + 501);
	assert_memory_equal(b.s, "7-ab--12", 8);
	assert_memory_equal(b.s + 8, want, 500);
	assert_string_equal(b.s + 508, "!");
	buf_reset(&b);
	buf_printf(&b, "%s", "");
	assert_string_equal(b.s, "");
	buf_release(&b);
	/* a text one shorter than the room, as long, one longer (the room
	 * counts the NUL) */
	for (i = 0; i < 3; i++) {
		size_t room, n;

		buf_adds(&b, "ab");
		room = b.cap - b.len;
		n = room - 1 + i;
		assert_true(n < sizeof want);
		memset(want, 'q', n);
		want[n] = '\0';
		buf_printf(&b, "%s", want);
		assert_int_equal(b.len, 2 + n);
		assert_int_equal(strlen(b.s), 2 + n);
		assert_string_equal(b.s + 2, want);
		buf_release(&b);
	}
}

static void
test_json(void **state)
{
	(void)state;
	check(esc_json, "plain", "\"plain\"");
	check(esc_json, "q\"b\\", "\"q\\\"b\\\\\"");
	check(esc_json, "a\nb\tc\rd", "\"a\\nb\\tc\\rd\"");
	check(esc_json, "\x01", "\"\\u0001\"");
	check(esc_json, "\x7f", "\"\\u007f\"");
	check(esc_json, "caf\xc3\xa9", "\"caf\xc3\xa9\"");
	check(esc_json, "\xe2\x80\xa8", "\"\\u2028\"");
	check(esc_json, "bad\xff", "\"bad\\ufffd\"");
	check(esc_json, "\xc0\xaf", "\"\\ufffd\\ufffd\"");
	check(esc_json, "</script>", "\"</script>\"");
}

static void
test_markdown(void **state)
{
	(void)state;
	check(esc_markdown, "a|b", "a\\|b");
	check(esc_markdown, "*x* _y_ `z`", "\\*x\\* \\_y\\_ \\`z\\`");
	check(esc_markdown, "<script>", "&lt;script&gt;");
	check(esc_markdown, "one\ntwo", "one<br>two");
	check(esc_html, "<a href=\"x\">&'", "&lt;a href=&quot;x&quot;&gt;&amp;&#39;");
}

/* Every escaper keeps a whole UTF-8 character (en dash, pound sign, an
 * emoji) as it is, and makes one U+FFFD of a byte that is not one. */
static void
test_utf8_whole(void **state)
{
	static const esc_fn fns[] = { esc_csv, esc_markdown, esc_html };
	size_t i;

	(void)state;
	for (i = 0; i < sizeof fns / sizeof fns[0]; i++) {
		check(fns[i], "\xe2\x80\x93 \xc2\xa3" "5 \xf0\x9f\x98\x80",
		    "\xe2\x80\x93 \xc2\xa3" "5 \xf0\x9f\x98\x80");
		check(fns[i], "a\xff" "b\x80", "a\xef\xbf\xbd" "b\xef\xbf\xbd");
	}
	check(esc_json, "\xe2\x80\x93 \xc2\xa3" "5",
	    "\"\xe2\x80\x93 \xc2\xa3" "5\"");
}

static void
marked(const char *in, const char *open, const char *close, esc_fn esc,
    const char *want)
{
	struct buf b = BUF_INIT;

	text_marked(&b, in, open, close, esc);
	assert_string_equal(b.s, want);
	buf_release(&b);
}

/* A search snippet: the text between marks escaped whole, so that a
 * character of two or three bytes stays one (search --format markdown). */
static void
test_marked(void **state)
{
	(void)state;
	marked("fees \xe2\x80\x93 \1\xc2\xa3" "5\2 a_b", "**", "**",
	    esc_markdown, "fees \xe2\x80\x93 **\xc2\xa3" "5** a\\_b");
	marked("caf\1\xc3\xa9\2\nnext\tcol", "[", "]", NULL,
	    "caf[\xc3\xa9] next col");
	marked("\1<b>\2", "<mark>", "</mark>", esc_html,
	    "<mark>&lt;b&gt;</mark>");
	marked("", "**", "**", esc_markdown, "");
}

static void
clean(const char *in, const char *keep, const char *want)
{
	struct buf b = BUF_INIT;

	text_clean(&b, in, keep);
	assert_string_equal(b.s, want);
	buf_release(&b);
}

static void
test_clean(void **state)
{
	(void)state;
	clean("plain\ttext\n", "", "plain\ttext\n");
	clean("\033[2Jwiped", "", "\xef\xbf\xbd[2Jwiped");
	clean("bad\xff\xfe", "", "bad\xef\xbf\xbd\xef\xbf\xbd");
	clean("\xc2\x85nel", "", "\xef\xbf\xbdnel");
	clean("\x7f", "", "\xef\xbf\xbd");
	clean("caf\xc3\xa9 \xf0\x9f\x93\x8b \xe2\x80\xa8", "",
	    "caf\xc3\xa9 \xf0\x9f\x93\x8b \xe2\x80\xa8");
	clean("a\1b\2c\r", "\1\2", "a\1b\2c\xef\xbf\xbd");
	clean("\xed\xa0\x80", "", "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
}

static void
clean_line(const char *in, const char *want)
{
	struct buf b = BUF_INIT;

	text_clean_line(&b, in);
	assert_string_equal(b.s, want);
	buf_release(&b);
}

/* a name or message printed as one line can never make a second one */
static void
test_clean_line(void **state)
{
	(void)state;
	clean_line("plain\ttext", "plain\ttext");
	clean_line("x.yaml\nfake.yaml:1:1: error",
	    "x.yaml\\nfake.yaml:1:1: error");
	clean_line("\n\n", "\\n\\n");
	clean_line("a\r\033]0;t\007b", "a\xef\xbf\xbd\xef\xbf\xbd]0;t"
	    "\xef\xbf\xbd" "b");
	clean_line("", "");
}

static struct diag got;
static char got_file[64], got_msg[128], got_line[256];

static void
keep_parts(const struct diag *d, void *arg)
{
	(void)arg;
	got = *d;
	snprintf(got_file, sizeof got_file, "%s", d->file ? d->file : "");
	snprintf(got_msg, sizeof got_msg, "%s", d->message);
	snprintf(got_line, sizeof got_line, "%s", d->line_text);
}

/* A diagnostic reaches its sink as parts: the file name as given (any
 * bytes), the place, the message cleaned; the line cleaned whole. */
static void
test_diag_parts(void **state)
{
	(void)state;
	diag_set_sink(keep_parts, NULL);
	diag_at("bad\xff.yaml", 3, 7, "unknown key '%s'", "a\nb");
	assert_int_equal(got.severity, DIAG_ERROR);
	assert_string_equal(got_file, "bad\xff.yaml");
	assert_int_equal(got.line, 3);
	assert_int_equal(got.col, 7);
	assert_string_equal(got_msg, "unknown key 'a\\nb'");
	assert_string_equal(got_line,
	    "bad\xef\xbf\xbd.yaml:3:7: unknown key 'a\\nb'");
	warning("just %s", "so");
	assert_int_equal(got.severity, DIAG_WARNING);
	assert_null(got.file);
	assert_string_equal(got_msg, "just so");
	assert_string_equal(got_line, "rectrack: just so");
	diag_set_sink(NULL, NULL);
}

static void
test_width(void **state)
{
	(void)state;
	assert_int_equal(utf8_width("abc"), 3);
	assert_int_equal(utf8_width("caf\xc3\xa9"), 4);
	assert_int_equal(utf8_prefix("caf\xc3\xa9s", 4), 5);
	assert_int_equal(utf8_prefix("abc", 10), 3);
	/* as a terminal counts: wide characters two, combining marks and
	 * controls none, a byte that is not UTF-8 one */
	assert_int_equal(utf8_width("\xe6\x97\xa5\xe6\x9c\xac"), 4);
	assert_int_equal(utf8_width("e\xcc\x81"), 1);
	assert_int_equal(utf8_width("a\001b\002"), 2);
	assert_int_equal(utf8_width("\xff"), 1);
	/* Unicode's own widths (utf8proc), not a table of ranges: a rocket
	 * U+1F680 and a check mark U+2705 are wide emoji, U+00AD is one */
	assert_int_equal(utf8_width("\xf0\x9f\x9a\x80"), 2);
	assert_int_equal(utf8_width("\xe2\x9c\x85"), 2);
	assert_int_equal(utf8_width("\xc2\xad"), 1);
	assert_int_equal(utf8_prefix("\xe6\x97\xa5\xe6\x9c\xac", 3), 3);
	assert_int_equal(utf8_prefix("e\xcc\x81x", 1), 3);
}

/* s broken into lines of width columns by out_break(), joined by |. */
static char *
broken(const char *s, size_t width)
{
	struct buf b = BUF_INIT;
	size_t len, next;
	int mark;

	do {
		len = out_break(s, width, &next, &mark);
		if (b.len)
			buf_addc(&b, '|');
		buf_add(&b, s, len);
		if (mark)
			buf_addc(&b, '-');
		s += next;
	} while (*s);
	return buf_detach(&b);
}

static void
test_break(void **state)
{
	char *s;

	(void)state;
	/* at spaces, never within a word that fits a line */
	s = broken("Community Engagement and Wellbeing", 14);
	assert_string_equal(s, "Community|Engagement and|Wellbeing");
	free(s);
	/* a word wider than the line: after a hyphen or a slash in it */
	s = broken("islington-2023-making-children-visible/10", 16);
	assert_string_equal(s, "islington-2023-|making-children-|visible/10");
	free(s);
	/* else cut, marked with a hyphen that the width leaves room for */
	s = broken("Directorates", 5);
	assert_string_equal(s, "Dire-|ctor-|ates");
	free(s);
	/* columns, not bytes; a wide character never half shown */
	s = broken("\xc3\xa9t\xc3\xa9 \xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e", 4);
	assert_string_equal(s, "\xc3\xa9t\xc3\xa9|\xe6\x97\xa5-|\xe6\x9c"
	    "\xac\xe8\xaa\x9e");
	free(s);
	/* a wide character in two columns is whole, unmarked */
	s = broken("\xe6\x97\xa5\xe6\x9c\xac", 2);
	assert_string_equal(s, "\xe6\x97\xa5|\xe6\x9c\xac");
	free(s);
	/* out_wrap: a hanging indent */
	{
		struct buf b = BUF_INIT;

		out_wrap(&b, "one two three four five", 13, 0, 3);
		assert_string_equal(b.s, "one two three\n   four five\n");
		buf_release(&b);
	}
}

static char *
wrapped(const char *text, const char *pad, size_t width)
{
	struct buf b = BUF_INIT;

	text_wrap(&b, text, pad, width);
	return buf_detach(&b);
}

static void
test_wrap(void **state)
{
	char *s;

	(void)state;
	/* width 0: lines as they are, padded; empty lines stay empty */
	s = wrapped("one two\n\nthree", "  ", 0);
	assert_string_equal(s, "  one two\n\n  three\n");
	free(s);
	/* wrapped at the last space that fits in 22 - 2 columns; the
	 * continuation is padded as wide as the pad */
	s = wrapped("The Council should review its estate now", "- ", 22);
	assert_string_equal(s, "- The Council should\n  review its estate\n"
	    "  now\n");
	free(s);
	/* a line that fits exactly is left alone; spaces at a break go */
	s = wrapped("abcd efgh   ijkl", "", 20);
	assert_string_equal(s, "abcd efgh   ijkl\n");
	free(s);
	s = wrapped("abcdefghij klmnopqrst   uvwxyz", "", 21);
	assert_string_equal(s, "abcdefghij klmnopqrst\nuvwxyz\n");
	free(s);
	/* a word longer than a line is broken; columns, not bytes */
	s = wrapped("\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
	    "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
	    "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9", "", 20);
	assert_int_equal(utf8_width(s), 22);	/* newlines take none */
	assert_string_equal(strchr(s, '\n') - 40, "\xc3\xa9\xc3\xa9\xc3\xa9"
	    "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
	    "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
	    "\xc3\xa9\n\xc3\xa9\xc3\xa9\n");
	free(s);
	/* the text never gets fewer than 20 columns, whatever the pad */
	s = wrapped("aaaa bbbb cccc dddd eeee", "          ", 12);
	assert_string_equal(s, "          aaaa bbbb cccc dddd\n          eeee\n");
	free(s);
}

static const struct out_col cols[] = {
	{ "id", "ID", CELL_INT, OUT_BRIEF },
	{ "name", "NAME", CELL_STR, OUT_BRIEF | OUT_WIDE },
	{ "late", "LATE", CELL_BOOL, 0 },
};

/* nrows rows of ncols cells each, written as f for a width. */
static char *
render_rows(enum out_format f, size_t width, const struct out_col *c,
    size_t ncols, const struct cell *rows, size_t nrows)
{
	char *text = NULL;
	size_t len = 0, i;
	FILE *fp = open_memstream(&text, &len);
	struct out *o;

	assert_non_null(fp);
	o = out_begin(f, fp, c, ncols, width);
	for (i = 0; i < nrows; i++)
		out_row(o, rows + i * ncols);
	out_end(o);
	fclose(fp);
	return text;
}

static char *
render_name(enum out_format f, size_t width, const char *name)
{
	struct cell rows[2][3] = {
		{ { .i = 1 }, { .s = name }, { .i = 1 } },
		{ { .i = 22 }, { .s = NULL }, { .null = 1 } },
	};

	return render_rows(f, width, cols, 3, rows[0], 2);
}

static char *
render(enum out_format f, size_t width)
{
	return render_name(f, width, "=cmd|x and more text");
}

static void
test_writers(void **state)
{
	char *s;

	(void)state;
	s = render(FMT_CSV, 0);
	assert_string_equal(s, "id,name,late\r\n1,\"'=cmd|x and more text\","
	    "yes\r\n22,,\r\n");
	free(s);
	s = render(FMT_JSON, 0);
	assert_string_equal(s, "[\n  {\"id\": 1, \"name\": \"=cmd|x and more "
	    "text\", "
	    "\"late\": true},\n  {\"id\": 22, \"name\": null, \"late\": null}"
	    "\n]\n");
	free(s);
	s = render(FMT_MARKDOWN, 0);
	assert_string_equal(s, "| ID | NAME |\n| ---: | --- |\n"
	    "| 1 | =cmd\\|x and more text |\n| 22 |  |\n");
	free(s);
	s = render(FMT_TABLE, 0);
	assert_string_equal(s, "ID  NAME\n1   =cmd|x and more text\n22  \n");
	free(s);
	/* on a terminal the wide column is cut at a space with … to fit */
	s = render_name(FMT_TABLE, 40, "a text of forty characters, a bit longer");
	assert_string_equal(s, "ID  NAME\n"
	    "1   a text of forty characters, a bit\xe2\x80\xa6\n22\n");
	free(s);
	/* and when that would leave it under 30 columns, it has a line of
	 * its own under its row, indented by 4 */
	s = render(FMT_TABLE, 16);
	assert_string_equal(s, "ID\n1\n    =cmd|x and\xe2\x80\xa6\n22\n");
	free(s);
	s = render_name(FMT_TABLE, 33, "=cmd|x and more text, and longer");
	assert_string_equal(s, "ID\n1\n    =cmd|x and more text, and"
	    "\xe2\x80\xa6\n22\n");
	free(s);
	/* 30 columns left: cut, not moved */
	s = render_name(FMT_TABLE, 34, "=cmd|x and more text, and longer");
	assert_string_equal(s, "ID  NAME\n1   =cmd|x and more text, and"
	    "\xe2\x80\xa6\n22\n");
	free(s);
}

static const struct out_col fcols[] = {
	{ "id", "ID", CELL_INT, OUT_BRIEF },
	{ "from", "FROM", CELL_STR, OUT_BRIEF },
	{ "owner", "OWNER", CELL_STR, OUT_BRIEF | OUT_DROP },
	{ "closed", "CLOSED", CELL_INT, OUT_BRIEF | OUT_SPARE },
	{ "text", "TEXT", CELL_STR, OUT_BRIEF | OUT_WIDE },
};

static char *
render_fit(size_t width, const char *from, const char *owner)
{
	struct cell row[5] = {
		{ .i = 7 }, { .s = from }, { .s = owner }, { .i = 3 },
		{ .s = "What is to be done, in a sentence or two." },
	};

	return render_rows(FMT_TABLE, width, fcols, 5, row, 1);
}

static void
test_fit(void **state)
{
	char *s;

	(void)state;
	/* room for everything: one line */
	s = render_fit(120, "meeting 2024-02-26", "Head of Service");
	assert_string_equal(s, "ID  FROM                OWNER            CLOSED"
	    "  TEXT\n7   meeting 2024-02-26  Head of Service  3       What is "
	    "to be done, in a sentence or two.\n");
	free(s);
	/* narrow: the text has its own line; the widest cells wrap at
	 * spaces, an OUT_DROP column to no less than 20 columns */
	s = render_fit(44, "meeting 2024-02-26", "Corporate Director of "
	    "Children and Young People");
	assert_string_equal(s, "ID  FROM        OWNER                 CLOSED\n"
	    "7   meeting     Corporate Director    3\n"
	    "    2024-02-26  of Children and\n"
	    "                Young People\n"
	    "    What is to be done, in a sentence or\xe2\x80\xa6\n");
	free(s);
	/* narrower: OWNER is left out before a word is split */
	s = render_fit(36, "meeting 2024-02-26", "Corporate Director of "
	    "Children and Young People");
	assert_string_equal(s, "ID  FROM                CLOSED\n"
	    "7   meeting 2024-02-26  3\n"
	    "    What is to be done, in a\xe2\x80\xa6\n");
	free(s);
	/* then a handle breaks after its hyphens, before CLOSED goes */
	s = render_fit(30, "islington-2023-making-children-visible/1", "x");
	assert_string_equal(s, "ID  FROM                CLOSED\n"
	    "7   islington-2023-     3\n"
	    "    making-children-\n"
	    "    visible/1\n"
	    "    What is to be done, in a\xe2\x80\xa6\n");
	free(s);
	/* and CLOSED goes before a word is cut */
	s = render_fit(20, "islington-2023-making-children-visible/1", "x");
	assert_string_equal(s, "ID  FROM\n"
	    "7   islington-2023-\n"
	    "    making-children-\n"
	    "    visible/1\n"
	    "    What is to be\xe2\x80\xa6\n");
	free(s);
	/* OUT_UNDER: beside the others where the wide column is, else on
	 * the line after it, when it has something to say */
	{
		static const struct out_col ucols[] = {
			{ "id", "ID", CELL_INT, OUT_BRIEF },
			{ "why", "WHY", CELL_STR, OUT_BRIEF | OUT_UNDER },
			{ "text", "TEXT", CELL_STR, OUT_BRIEF | OUT_WIDE },
		};
		struct cell rows[2][3] = {
			{ { .i = 1 }, { .s = "no target date set" },
			    { .s = "A title" } },
			{ { .i = 2 }, { .s = NULL }, { .s = "Another" } },
		};

		s = render_rows(FMT_TABLE, 60, ucols, 3, rows[0], 2);
		assert_string_equal(s, "ID  WHY                 TEXT\n"
		    "1   no target date set  A title\n2                       "
		    "Another\n");
		free(s);
		s = render_rows(FMT_TABLE, 28, ucols, 3, rows[0], 2);
		assert_string_equal(s, "ID\n1\n    A title\n"
		    "    no target date set\n2\n    Another\n");
		free(s);
	}
	/* last, a word is cut, marked */
	s = render_fit(9, "Directorates", "x");
	assert_string_equal(s, "ID  FROM\n"
	    "7   Dire-\n"
	    "    ctor-\n"
	    "    ates\n"
	    "    What\xe2\x80\xa6\n");
	free(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_csv),
		cmocka_unit_test(test_csv_appends),
		cmocka_unit_test(test_add_int),
		cmocka_unit_test(test_printf_room),
		cmocka_unit_test(test_json),
		cmocka_unit_test(test_markdown),
		cmocka_unit_test(test_utf8_whole),
		cmocka_unit_test(test_marked),
		cmocka_unit_test(test_clean),
		cmocka_unit_test(test_clean_line),
		cmocka_unit_test(test_diag_parts),
		cmocka_unit_test(test_width),
		cmocka_unit_test(test_wrap),
		cmocka_unit_test(test_break),
		cmocka_unit_test(test_writers),
		cmocka_unit_test(test_fit),
	};

	return cmocka_run_group_tests_name("escape", tests, NULL, NULL);
}
