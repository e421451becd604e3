#include "unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "options.h"
#include "output.h"
#include "vocab.h"

/* A command with one option of each kind, as the commands declare them. */
struct t_opts {
	int flag, word;
	const char *text, *date, *a, *b;
	size_t limit;
	unsigned statuses;
	enum out_format fmt;
};

static const char *const t_words[] = { "review", "id", "due", NULL };
static const char *const t_formats[] = { "table", "json", NULL };

static const struct opt t_table[] = {
	OPTION_GROUP("Filters:", "FILTERS"),
	{ .kind = OPT_WORDS, .name = "status", .off =
	    offsetof(struct t_opts, statuses), .arg = "S", .values =
	    vocab_status, .help = "statuses" },
	OPTION_GROUP("Output:", NULL),
	OPTION_FLAG('n', "dry-run", struct t_opts, flag, "a flag"),
	OPTION_STRING(0, "note", struct t_opts, text, "TEXT", "a text"),
	OPTION_DATE(0, "date", struct t_opts, date, "a date"),
	OPTION_COUNT(0, "limit", struct t_opts, limit, "a number"),
	{ .kind = OPT_WORD, .name = "sort", .off = offsetof(struct t_opts,
	    word), .arg = "KEY", .values = t_words, .what = "sort key",
	    .help = "a word\nof three" },
	OPTION_FORMAT('f', struct t_opts, fmt, NULL, t_formats, "a format"),
	OPTION_END,
};

static const struct opt_cmd t_cmd = {
	"test", "HANDLE [WORD]", "A test.", NULL, NULL, t_table,
};

/* Parse the words of line (space-separated) into *o, as main.c does;
 * argv holds the positional arguments afterwards. */
static char *argv[32];
static int argc;
static char line_buf[512];

static int
parse(const struct opt_cmd *c, const char *line, struct t_opts *o)
{
	char *w, *save = NULL;

	memset(o, 0, sizeof *o);
	snprintf(line_buf, sizeof line_buf, "test %s", line);
	argc = 0;
	for (w = strtok_r(line_buf, " ", &save); w != NULL && argc < 31;
	    w = strtok_r(NULL, " ", &save))
		argv[argc++] = strcmp(w, "''") == 0 ? (char *)"" : w;
	argv[argc] = NULL;
	capture_start();
	return opt_parse(c, &argc, argv, o);
}

static void
test_kinds(void **state)
{
	struct t_opts o;

	(void)state;
	assert_int_equal(parse(&t_cmd, "H --dry-run --note hi --date "
	    "2026-02-28 --limit 5 --sort due --format json --status "
	    "draft,agreed --status withdrawn", &o), OPT_PARSED);
	capture_stop();
	assert_int_equal(o.flag, 1);
	assert_string_equal(o.text, "hi");
	assert_string_equal(o.date, "2026-02-28");
	assert_int_equal(o.limit, 5);
	assert_int_equal(o.word, 2);
	assert_int_equal(o.fmt, FMT_JSON);
	assert_int_equal(o.statuses, 1u << vocab_find(vocab_status, "draft") |
	    1u << vocab_find(vocab_status, "agreed") |
	    1u << vocab_find(vocab_status, "withdrawn"));
	assert_int_equal(argc, 2);
	assert_string_equal(argv[1], "H");
	capture_release();
}

static void
test_forms(void **state)
{
	struct t_opts o;

	(void)state;
	/* --name=value, a unique prefix, short clusters, -fVALUE, options
	 * among the arguments, and "--" */
	assert_int_equal(parse(&t_cmd, "--note=a=b H --lim 3 -nfjson -- "
	    "--note", &o), OPT_PARSED);
	capture_stop();
	assert_string_equal(o.text, "a=b");
	assert_int_equal(o.limit, 3);
	assert_int_equal(o.flag, 1);
	assert_int_equal(o.fmt, FMT_JSON);
	assert_int_equal(argc, 3);
	assert_string_equal(argv[1], "H");
	assert_string_equal(argv[2], "--note");
	assert_int_equal(parse(&t_cmd, "H --note ''", &o), OPT_PARSED);
	assert_string_equal(o.text, "");
	/* "-" is an argument (standard input) */
	assert_int_equal(parse(&t_cmd, "- --note x", &o), OPT_PARSED);
	assert_string_equal(argv[1], "-");
	capture_stop();
	capture_release();
}

static void
test_limit_zero(void **state)
{
	struct t_opts o;

	(void)state;
	assert_int_equal(parse(&t_cmd, "H --limit 0", &o), OPT_PARSED);
	assert_true(o.limit == (size_t)-1);
	assert_int_equal(parse(&t_cmd, "H --limit -1", &o), RT_USAGE);
	assert_non_null(strstr(captured.s, "--limit takes a number, not '-1'"));
	assert_int_equal(parse(&t_cmd, "H --limit 3x", &o), RT_USAGE);
	assert_int_equal(parse(&t_cmd, "H --limit ''", &o), RT_USAGE);
	capture_stop();
	capture_release();
}

static void
test_help(void **state)
{
	struct t_opts o;

	(void)state;
	assert_int_equal(parse(&t_cmd, "H --help", &o), OPT_HELP);
	assert_int_equal(parse(&t_cmd, "-h", &o), OPT_HELP);
	assert_int_equal(parse(&t_cmd, "H -nh", &o), OPT_HELP);
	assert_int_equal(parse(&t_cmd, "--he", &o), OPT_HELP);
	/* help wins over a usage error, before or after it */
	assert_int_equal(parse(&t_cmd, "--format xml --help", &o), OPT_HELP);
	assert_int_equal(parse(&t_cmd, "--bogus -h", &o), OPT_HELP);
	/* an option's value is never help */
	assert_int_equal(parse(&t_cmd, "H --note -h", &o), OPT_PARSED);
	assert_string_equal(o.text, "-h");
	assert_int_equal(parse(&t_cmd, "H --note --help", &o), OPT_PARSED);
	assert_string_equal(o.text, "--help");
	assert_int_equal(parse(&t_cmd, "H -- -h", &o), OPT_PARSED);
	assert_string_equal(argv[2], "-h");
	capture_stop();
	capture_release();
}

static void
test_errors(void **state)
{
	static const struct {
		const char *line, *message;
	} cases[] = {
		{ "H --staus draft", "unknown option '--staus'; did you mean "
		    "'--status'?" },
		{ "H --bogus", "unknown option '--bogus'" },
		{ "H -x", "unknown option '-x'" },
		{ "H --note", "option '--note' needs a value" },
		{ "H -f", "option '-f' needs a value" },
		{ "H --dry-run=1", "option '--dry-run' takes no value" },
		{ "H --d x", "option '--d' is ambiguous (--dry-run, --date)" },
		{ "H --date 2026-02-30", "--date '2026-02-30' is not a date" },
		{ "H --sort size", "unknown sort key 'size' (one of: review, id, "
		    "due)" },
		{ "H --format xml", "unknown format 'xml' (one of: table, json)" },
		{ "H --format csv", "unknown format 'csv'" },
		{ "H --status draft,done", "unknown status 'done'" },
		{ "", "test: no handle given" },
		{ "H W X", "unexpected argument 'X'" },
		/* the first error is the one reported, whatever comes after */
		{ "--format xml --bogus H", "unknown format 'xml'" },
	};
	struct t_opts o;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		assert_int_equal(parse(&t_cmd, cases[i].line, &o), RT_USAGE);
		if (strstr(captured.s, cases[i].message) == NULL)
			fail_msg("'%s': '%s' lacks '%s'", cases[i].line,
			    captured.s, cases[i].message);
	}
	capture_stop();
	capture_release();
}

/* Options that go together or exclude each other. */
struct r_opts {
	const char *d, *t, *f, *o, *x;
};

static const struct opt r_table[] = {
	{ .kind = OPT_STRING, .name = "decision", .off = offsetof(struct
	    r_opts, d), .arg = "D", .help = "d", .flags = OPTF_REQUIRED },
	{ .kind = OPT_STRING, .name = "text", .off = offsetof(struct r_opts,
	    t), .arg = "TEXT", .help = "t", .flags = OPTF_ONE_OF },
	{ .kind = OPT_STRING, .name = "text-file", .off = offsetof(struct
	    r_opts, f), .arg = "FILE", .help = "f", .flags = OPTF_ONE_OF },
	{ .kind = OPT_STRING, .name = "output", .off = offsetof(struct r_opts,
	    o), .arg = "FILE", .help = "o", .flags = OPTF_EXCLUSIVE },
	{ .kind = OPT_STRING, .name = "dir", .off = offsetof(struct r_opts,
	    x), .arg = "DIR", .help = "x", .flags = OPTF_EXCLUSIVE },
	OPTION_END,
};

static const struct opt_cmd r_cmd = {
	"respond", "FILE...", "R.", NULL, NULL, r_table,
};

static void
test_together(void **state)
{
	struct t_opts o;	/* big enough for struct r_opts */
	char *usage;

	(void)state;
	assert_true(sizeof o >= sizeof(struct r_opts));
	assert_int_equal(parse(&r_cmd, "F --decision d --text t", &o),
	    OPT_PARSED);
	assert_int_equal(parse(&r_cmd, "F G --decision d --text-file t "
	    "--output o", &o), OPT_PARSED);
	assert_int_equal(parse(&r_cmd, "F --text t", &o), RT_USAGE);
	assert_non_null(strstr(captured.s, "--decision is required"));
	assert_int_equal(parse(&r_cmd, "F --decision d", &o), RT_USAGE);
	assert_non_null(strstr(captured.s, "give --text or --text-file "
	    "(one of them)"));
	assert_int_equal(parse(&r_cmd, "F --decision d --text a "
	    "--text-file b", &o), RT_USAGE);
	assert_int_equal(parse(&r_cmd, "F --decision d --text a --output o "
	    "--dir x", &o), RT_USAGE);
	assert_non_null(strstr(captured.s, "give --output or --dir, not "
	    "both"));
	assert_int_equal(parse(&r_cmd, "--decision d --text a", &o),
	    RT_USAGE);
	assert_non_null(strstr(captured.s, "no files given"));
	capture_stop();
	capture_release();
	usage = opt_usage(&r_cmd);
	assert_string_equal(usage, "respond --decision D (--text TEXT | "
	    "--text-file FILE) [--output FILE | --dir DIR] FILE...");
	free(usage);
}

static void
test_usage_and_help(void **state)
{
	char *usage = opt_usage(&t_cmd), *text = NULL;
	size_t len = 0;
	FILE *fp;
	int min, max;

	(void)state;
	assert_string_equal(usage, "test HANDLE [WORD] [FILTERS] [--dry-run] "
	    "[--note TEXT] [--date DATE] [--limit N] [--sort KEY] "
	    "[--format table|json]");
	free(usage);
	opt_nargs(&t_cmd, &min, &max);
	assert_int_equal(min, 1);
	assert_int_equal(max, 2);
	opt_nargs(&r_cmd, &min, &max);
	assert_int_equal(min, 1);
	assert_int_equal(max, -1);
	fp = open_memstream(&text, &len);
	assert_non_null(fp);
	opt_print_help(&t_cmd, fp);
	fclose(fp);
	assert_non_null(strstr(text, "usage: rectrack test HANDLE [WORD] "
	    "[FILTERS] [--dry-run]"));
	assert_non_null(strstr(text, "\n\nA test.\n\nFilters:\n  --status S"));
	assert_non_null(strstr(text, "\nOutput:\n  -n, --dry-run"));
	/* a help line goes on under itself, after the longest option that
	 * leaves room for it */
	assert_non_null(strstr(text, "  --sort KEY     a word\n"
	    "                 of three\n"));
	assert_non_null(strstr(text, "  -f, --format table|json\n"
	    "                 a format\n"));
	assert_non_null(strstr(text, "  -f, --format table|json"));
	free(text);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kinds),
		cmocka_unit_test(test_forms),
		cmocka_unit_test(test_limit_zero),
		cmocka_unit_test(test_help),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_together),
		cmocka_unit_test(test_usage_and_help),
	};

	return cmocka_run_group_tests_name("options", tests, NULL, NULL);
}
