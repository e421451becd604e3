/*
 * yamlin reads and parses ahead on a second thread, handing events over in
 * chunks (a few hundred events or some 64 KiB of text each, through a
 * ring of 48). These tests feed it documents of many chunks and check
 * that what comes out is what libyaml alone makes of the same bytes,
 * event for event; that the same holds when reading a pipe (no thread);
 * that an error far into a file is reported where it is, after every
 * event before it; and that closing early, with the reader still
 * running, neither hangs nor leaks.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "unit.h"
#include "yamlin.h"

/* A document of n items; every 97th holds a long block scalar, so that
 * chunks close on text as well as on their count of events. */
static char *
make_doc(size_t n, size_t *len)
{
	struct buf b = BUF_INIT;
	size_t i, k;

	buf_adds(&b, "items:\n");
	for (i = 0; i < n; i++) {
		buf_printf(&b, "  - id: item-%zu\n    n: %zu\n", i, i * 7);
		buf_printf(&b, "    text: \"line %zu, caf\xc3\xa9\"\n", i);
		if (i % 197 == 0) {	/* over a chunk's 64 KiB of text */
			buf_adds(&b, "    long: |\n");
			for (k = 0; k < 4000; k++)
				buf_printf(&b, "      %zu-%zu some words\n", i, k);
		}
	}
	*len = b.len;
	return buf_detach(&b);
}

/* One line per event: its type, position and text. */
static void
describe(struct buf *out, const yaml_event_t *ev)
{
	buf_printf(out, "%d %zu:%zu-%zu:%zu", (int)ev->type,
	    (size_t)ev->start_mark.line, (size_t)ev->start_mark.column,
	    (size_t)ev->end_mark.line, (size_t)ev->end_mark.column);
	if (ev->type == YAML_SCALAR_EVENT) {
		buf_addc(out, ' ');
		buf_add(out, (const char *)ev->data.scalar.value,
		    ev->data.scalar.length);
	}
	buf_addc(out, '\n');
}

/* What libyaml alone makes of the bytes. */
static char *
libyaml_events(const char *doc, size_t len)
{
	struct buf out = BUF_INIT;
	yaml_parser_t p;
	yaml_event_t ev;
	int done = 0;

	assert_true(yaml_parser_initialize(&p));
	yaml_parser_set_input_string(&p, (const unsigned char *)doc, len);
	while (!done) {
		assert_true(yaml_parser_parse(&p, &ev));
		describe(&out, &ev);
		done = ev.type == YAML_STREAM_END_EVENT;
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&p);
	return buf_detach(&out);
}

/* What yin hands out, to the stream's end. */
static char *
yin_events(struct yin *y, size_t *nevents)
{
	struct buf out = BUF_INIT;
	yaml_event_t ev;
	size_t last = 0;

	*nevents = 0;
	for (;;) {
		assert_true(yin_next(y, &ev));
		assert_true(yin_offset(y) >= last);
		last = yin_offset(y);
		describe(&out, &ev);
		++*nevents;
		if (ev.type == YAML_STREAM_END_EVENT)
			break;
	}
	/* after the end, an empty event */
	assert_true(yin_next(y, &ev));
	assert_int_equal(ev.type, YAML_NO_EVENT);
	return buf_detach(&out);
}

static void
test_memory_matches_libyaml(void **state)
{
	size_t len, n;
	char *doc = make_doc(20000, &len);
	char *want = libyaml_events(doc, len);
	struct yin *y = yin_mem("doc.yaml", doc, len);
	char *got;

	(void)state;
	assert_non_null(y);
	got = yin_events(y, &n);
	/*
	 * many times round the ring (48 chunks of up to 512 events), and the
	 * long scalars close some chunks early
	 */
	assert_true(n > 4 * 48 * 512);
	assert_string_equal(got, want);
	assert_int_equal(yin_offset(y), len);
	assert_int_equal(yin_error_count(y), 0);
	yin_close(y);
	free(got);
	free(want);
	free(doc);
}

/* A regular file is read on the thread; a pipe on the caller's. */
static void
test_file_and_pipe_match(void **state)
{
	char path[] = "/tmp/rectrack-yamlin-XXXXXX";
	size_t len, n1, n2;
	char *doc = make_doc(5000, &len);
	char *want = libyaml_events(doc, len);
	char *got;
	struct yin *y;
	int fd = mkstemp(path), pfd[2], saved, status;
	pid_t pid;

	(void)state;
	assert_true(fd >= 0);
	assert_int_equal(write(fd, doc, len), (ssize_t)len);
	close(fd);

	y = yin_open(path);
	assert_non_null(y);
	assert_int_equal(yin_size(y), len);
	got = yin_events(y, &n1);
	assert_string_equal(got, want);
	yin_close(y);
	free(got);
	unlink(path);

	assert_int_equal(pipe(pfd), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		size_t off = 0;

		close(pfd[0]);
		while (off < len) {
			ssize_t w = write(pfd[1], doc + off, len - off);

			if (w <= 0)
				_exit(1);
			off += (size_t)w;
		}
		_exit(0);
	}
	close(pfd[1]);
	saved = dup(0);
	assert_true(dup2(pfd[0], 0) == 0);
	close(pfd[0]);
	y = yin_open("-");
	assert_non_null(y);
	assert_int_equal(yin_size(y), 0);
	assert_string_equal(yin_name(y), "<stdin>");
	got = yin_events(y, &n2);
	assert_int_equal(n1, n2);
	assert_string_equal(got, want);
	yin_close(y);
	clearerr(stdin);
	assert_true(dup2(saved, 0) == 0);
	close(saved);
	assert_true(waitpid(pid, &status, 0) == pid);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	free(got);
	free(want);
	free(doc);
}

/* A syntax error many chunks in: every event before it comes out, then
 * the error, at its line and column. */
static void
test_late_syntax_error(void **state)
{
	size_t len, n = 0, lines = 0, i;
	char *doc = make_doc(10000, &len);
	struct buf b = BUF_INIT;
	yaml_event_t ev;
	struct yin *y;

	(void)state;
	buf_add(&b, doc, len);
	for (i = 0; i < len; i++)
		lines += doc[i] == '\n';
	buf_adds(&b, "  - id: [unclosed\n  - id: x\n");
	capture_start();
	y = yin_mem("late.yaml", b.s, b.len);
	while (yin_next(y, &ev))
		n++;
	assert_true(n > 10000 * 7);
	assert_true(yin_dead(y));
	assert_int_equal(yin_error_count(y), 0);	/* syntax: not a rule */
	capture_stop();
	{
		char want[64];

		/* libyaml notices at the next item, on the line after; the
		 * message is at the mistake, the text starting with '[' */
		snprintf(want, sizeof want, "late.yaml:%zu:9: the text "
		    "'[unclosed'", lines + 1);
		assert_non_null(strstr(captured.s, want));
		assert_non_null(strstr(captured.s, "starts with '['"));
	}
	yin_close(y);
	buf_release(&b);
	free(doc);
}

/* Bytes the reader refuses (a NUL) stop it; the message comes when the
 * caller reaches that point, with the position of the byte. */
static void
test_late_bad_byte(void **state)
{
	size_t len, lines = 0, i;
	char *doc = make_doc(8000, &len);
	struct buf b = BUF_INIT;
	yaml_event_t ev;
	struct yin *y;
	char want[64];

	(void)state;
	buf_add(&b, doc, len);
	for (i = 0; i < len; i++)
		lines += doc[i] == '\n';
	buf_adds(&b, "  - id: a");
	buf_addc(&b, '\0');
	buf_adds(&b, "b\n");
	capture_start();
	y = yin_mem("nul.yaml", b.s, b.len);
	while (yin_next(y, &ev))
		;
	assert_true(yin_dead(y));
	assert_int_equal(yin_error_count(y), 1);
	capture_stop();
	snprintf(want, sizeof want, "nul.yaml:%zu:10:", lines + 1);
	assert_non_null(strstr(captured.s, want));
	/* reported once, not again by the parser that stopped after it */
	assert_null(strstr(strstr(captured.s, want) + 1, "nul.yaml:"));
	yin_close(y);
	buf_release(&b);
	free(doc);
}

/* Closing with the reader still running: no hang, nothing leaked (the
 * sanitizer build checks the second). */
static void
test_close_early(void **state)
{
	size_t len, i;
	char *doc = make_doc(20000, &len);
	yaml_event_t ev;
	struct yin *y;
	int k;

	(void)state;
	for (k = 0; k < 50; k++) {
		y = yin_mem("early.yaml", doc, len);
		for (i = 0; i < (size_t)k * 37; i++)
			assert_true(yin_next(y, &ev));
		yin_close(y);
	}
	free(doc);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_memory_matches_libyaml),
		cmocka_unit_test(test_file_and_pipe_match),
		cmocka_unit_test(test_late_syntax_error),
		cmocka_unit_test(test_late_bad_byte),
		cmocka_unit_test(test_close_early),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
