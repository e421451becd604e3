#include "unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvin.h"

/* Every row of text (len bytes) as "LINE:COL[q]=cell|..." lines, or the
 * diagnostic after the rows read before it. */
static char *
read_all(const char *text, size_t len, size_t cell_max)
{
	struct buf out = BUF_INIT;
	const struct csvin_row *row;
	struct csvin *c;
	FILE *fp = fmemopen((void *)text, len, "r");
	size_t i;
	int rc;

	assert_non_null(fp);
	capture_start();
	c = csvin_open(fp, "f.csv", cell_max);
	while ((rc = csvin_next(c, &row)) == 1) {
		assert_int_equal(row->line, row->cells[0].line);
		for (i = 0; i < row->n; i++) {
			const struct csvin_cell *k = &row->cells[i];

			assert_int_equal(k->col, i + 1);
			assert_int_equal(strlen(k->s), k->len);
			buf_printf(&out, "%s%zu:%zu%s=%s", i ? "|" : "",
			    k->line, k->col, k->quoted ? "q" : "", k->s);
		}
		buf_addc(&out, '\n');
	}
	/* the end stays the end, an error stays an error */
	assert_int_equal(csvin_next(c, &row), rc);
	assert_null(row);
	csvin_close(c);
	fclose(fp);
	capture_stop();
	if (rc < 0)
		buf_adds(&out, captured.s);
	else
		assert_int_equal(captured.len, 0);
	return buf_detach(&out);
}

static void
expect(const char *text, const char *want)
{
	char *got = read_all(text, strlen(text), 1024);

	assert_string_equal(got, want);
	free(got);
}

static void
test_plain(void **state)
{
	(void)state;
	expect("a,b,c\r\nd,e,f\r\n", "1:1=a|1:2=b|1:3=c\n2:1=d|2:2=e|2:3=f\n");
	expect("a,b\nc,d\n", "1:1=a|1:2=b\n2:1=c|2:2=d\n");
	/* old Mac line ends */
	expect("a\rb\r", "1:1=a\n2:1=b\n");
}

static void
test_quoted_comma(void **state)
{
	(void)state;
	expect("\"a,b\",c\n", "1:1q=a,b|1:2=c\n");
}

static void
test_doubled_quotes(void **state)
{
	(void)state;
	expect("\"say \"\"hi\"\"\",\"\"\"\"\n", "1:1q=say \"hi\"|1:2q=\"\n");
}

static void
test_newline_in_quotes(void **state)
{
	(void)state;
	/* kept as written; the next row is on the line after them */
	expect("x,\"one\r\ntwo\nthree\"\r\ny,z\r\n",
	    "1:1=x|1:2q=one\r\ntwo\nthree\n4:1=y|4:2=z\n");
	/* a cell starting on a later line says so */
	expect("\"a\nb\",c\n", "1:1q=a\nb|2:2=c\n");
}

static void
test_bom(void **state)
{
	(void)state;
	expect("\xef\xbb\xbf" "a,b\r\n", "1:1=a|1:2=b\n");
	/* only at the start */
	expect("a\n\xef\xbb\xbf" "b\n", "1:1=a\n2:1=\xef\xbb\xbf" "b\n");
}

static void
test_empty_fields(void **state)
{
	(void)state;
	expect("a,b,\r\n", "1:1=a|1:2=b|1:3=\n");
	expect(",,\n", "1:1=|1:2=|1:3=\n");
	expect("a,\"\"\n", "1:1=a|1:2q=\n");
}

static void
test_no_final_newline(void **state)
{
	(void)state;
	expect("a,b\r\nc,d", "1:1=a|1:2=b\n2:1=c|2:2=d\n");
	expect("a,\"b\"", "1:1=a|1:2q=b\n");
	expect("", "");
	expect("\xef\xbb\xbf", "");
}

static void
test_blank_lines(void **state)
{
	(void)state;
	expect("a\r\n\r\n\r\nb\r\n\r\n", "1:1=a\n4:1=b\n");
	expect("  a , b\t\n", "1:1=a|1:2=b\n");
	expect("a,\" b \"\n", "1:1=a|1:2q= b \n");
}

static void
test_unterminated(void **state)
{
	(void)state;
	expect("a,b\n\"c,d\ne\n",
	    "1:1=a|1:2=b\nf.csv:2:1: the quoted cell is not closed before the "
	    "end of the file; add the closing '\"'\n");
}

static void
test_stray_quotes(void **state)
{
	(void)state;
	expect("a,b\"c\n", "f.csv:1:2: a '\"' inside a cell that is not "
	    "quoted; put the cell in quotes and write each '\"' in it as "
	    "'\"\"'\n");
	expect("x\n\"a\"b,c\n", "1:1=x\nf.csv:2:1: text after the closing "
	    "quote of a quoted cell; write each '\"' inside a cell as "
	    "'\"\"'\n");
}

static void
test_cell_limit(void **state)
{
	struct buf in = BUF_INIT;
	char *got;
	size_t i;

	(void)state;
	/* at the limit, unquoted and quoted with every byte doubled */
	buf_adds(&in, "a,");
	for (i = 0; i < 16; i++)
		buf_addc(&in, 'x');
	buf_adds(&in, ",\"");
	for (i = 0; i < 16; i++)
		buf_adds(&in, "\"\"");
	buf_adds(&in, "\"\n");
	got = read_all(in.s, in.len, 16);
	assert_string_equal(got, "1:1=a|1:2=xxxxxxxxxxxxxxxx|"
	    "1:3q=\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\n");
	free(got);
	/* one over */
	buf_reset(&in);
	buf_adds(&in, "a\nb,");
	for (i = 0; i < 17; i++)
		buf_addc(&in, 'x');
	buf_adds(&in, "\n");
	got = read_all(in.s, in.len, 16);
	assert_string_equal(got, "1:1=a\nf.csv:2:2: the cell is longer than "
	    "the 16-byte limit of a text; shorten it\n");
	free(got);
	/* a huge cell stops being read long before its end */
	buf_reset(&in);
	buf_addc(&in, '"');
	for (i = 0; i < 100000; i++)
		buf_addc(&in, 'x');
	got = read_all(in.s, in.len, 1024 * 1024 / 1024 / 64);
	assert_string_equal(got, "f.csv:1:1: the cell is longer than the 16-byte "
	    "limit of a text; shorten it\n");
	free(got);
	got = read_all(in.s, in.len, 1024 * 1024);
	assert_string_equal(got, "f.csv:1:1: the quoted cell is not closed "
	    "before the end of the file; add the closing '\"'\n");
	free(got);
	buf_release(&in);
}

/* a NUL is the caller's to refuse: the cell's length holds it */
static void
test_nul_kept(void **state)
{
	const struct csvin_row *row;
	FILE *fp = fmemopen((void *)"a\0b,c\n", 6, "r");
	struct csvin *c;

	(void)state;
	assert_non_null(fp);
	c = csvin_open(fp, "f.csv", 1024);
	assert_int_equal(csvin_next(c, &row), 1);
	assert_int_equal(row->n, 2);
	assert_int_equal(row->cells[0].len, 3);
	assert_memory_equal(row->cells[0].s, "a\0b", 4);
	assert_int_equal(csvin_next(c, &row), 0);
	csvin_close(c);
	fclose(fp);
}

static void
test_letters(void **state)
{
	char out[8];

	(void)state;
	csvin_letters(1, out);
	assert_string_equal(out, "A");
	csvin_letters(11, out);
	assert_string_equal(out, "K");
	csvin_letters(26, out);
	assert_string_equal(out, "Z");
	csvin_letters(27, out);
	assert_string_equal(out, "AA");
	csvin_letters(702, out);
	assert_string_equal(out, "ZZ");
	csvin_letters(703, out);
	assert_string_equal(out, "AAA");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain),
		cmocka_unit_test(test_quoted_comma),
		cmocka_unit_test(test_doubled_quotes),
		cmocka_unit_test(test_newline_in_quotes),
		cmocka_unit_test(test_bom),
		cmocka_unit_test(test_empty_fields),
		cmocka_unit_test(test_no_final_newline),
		cmocka_unit_test(test_blank_lines),
		cmocka_unit_test(test_unterminated),
		cmocka_unit_test(test_stray_quotes),
		cmocka_unit_test(test_cell_limit),
		cmocka_unit_test(test_nul_kept),
		cmocka_unit_test(test_letters),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);

	capture_release();
	return rc;
}
