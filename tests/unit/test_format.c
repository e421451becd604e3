/*
 * Every rule of format.md: each tests/fixtures/bad/NAME.yaml must give
 * exactly the diagnostics in NAME.err; each tests/fixtures/good/NAME.yaml
 * must be accepted. One cmocka test per fixture, found at run time.
 */
#include "unit.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import.h"
#include "xmalloc.h"

#define FIXTURES "tests/fixtures"

static char *
slurp(const char *path)
{
	struct buf b = BUF_INIT;
	char chunk[4096];
	size_t n;
	FILE *fp = fopen(path, "rb");

	if (fp == NULL)
		fail_msg("cannot open %s", path);
	while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0)
		buf_add(&b, chunk, n);
	fclose(fp);
	return buf_detach(&b);
}

static size_t
check_file(const char *path)
{
	struct importer *imp = importer_new(NULL);
	size_t errs;

	capture_start();
	errs = importer_file(imp, path, NULL);
	errs += importer_finish(imp);
	capture_stop();
	importer_free(imp);
	return errs;
}

static void
test_bad(void **state)
{
	const char *name = *state;
	struct buf yaml = BUF_INIT, err = BUF_INIT;
	char *want;

	buf_printf(&yaml, FIXTURES "/bad/%s.yaml", name);
	buf_printf(&err, FIXTURES "/bad/%s.err", name);
	want = slurp(err.s);
	assert_true(check_file(yaml.s) > 0);
	assert_string_equal(captured.s, want);
	free(want);
	buf_release(&yaml);
	buf_release(&err);
}

static void
test_good(void **state)
{
	const char *name = *state;
	struct buf yaml = BUF_INIT;
	size_t errs;

	buf_printf(&yaml, FIXTURES "/good/%s.yaml", name);
	errs = check_file(yaml.s);
	if (errs != 0)
		fail_msg("%s: %s", yaml.s, captured.s);
	buf_release(&yaml);
}

/* The NAMEs of dir/NAME.yaml, sorted. */
static char **
fixtures(const char *dir, size_t *n)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **v = NULL;
	size_t cap = 0, i, j;

	*n = 0;
	if (d == NULL)
		return NULL;
	while ((e = readdir(d)) != NULL) {
		size_t len = strlen(e->d_name);

		if (len < 6 || strcmp(e->d_name + len - 5, ".yaml") != 0)
			continue;
		v = xgrow(v, &cap, *n + 1, sizeof *v);
		v[(*n)++] = xstrndup(e->d_name, len - 5);
	}
	closedir(d);
	for (i = 1; i < *n; i++)
		for (j = i; j > 0 && strcmp(v[j - 1], v[j]) > 0; j--) {
			char *t = v[j];

			v[j] = v[j - 1];
			v[j - 1] = t;
		}
	return v;
}

int
main(void)
{
	size_t nbad, ngood, i, n = 0;
	char **bad = fixtures(FIXTURES "/bad", &nbad);
	char **good = fixtures(FIXTURES "/good", &ngood);
	struct CMUnitTest *tests;
	int rc;

	if (nbad < 40) {
		fprintf(stderr, "test_format: only %zu bad fixtures found in "
		    FIXTURES "/bad (run from the top of the tree)\n", nbad);
		return 1;
	}
	tests = xcalloc(nbad + ngood, sizeof *tests);
	for (i = 0; i < nbad; i++, n++) {
		tests[n].name = bad[i];
		tests[n].test_func = test_bad;
		tests[n].initial_state = bad[i];
	}
	for (i = 0; i < ngood; i++, n++) {
		tests[n].name = good[i];
		tests[n].test_func = test_good;
		tests[n].initial_state = good[i];
	}
	rc = _cmocka_run_group_tests("format", tests, n, NULL, NULL);
	for (i = 0; i < nbad; i++)
		free(bad[i]);
	for (i = 0; i < ngood; i++)
		free(good[i]);
	free(bad);
	free(good);
	free(tests);
	capture_release();
	return rc;
}
