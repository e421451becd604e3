#include "unit.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "atomic.h"
#include "cleanup.h"
#include "xmalloc.h"

/* Each test's own directory. */
struct fixture {
	char dir[64];
	struct buf path;
};

static int
setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);

	if (f == NULL)
		return -1;
	snprintf(f->dir, sizeof f->dir, "%s", "/tmp/rectrack-atomic.XXXXXX");
	if (mkdtemp(f->dir) == NULL) {
		free(f);
		return -1;
	}
	f->path = (struct buf)BUF_INIT;
	umask(022);
	capture_start();
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;
	struct buf cmd = BUF_INIT;
	int rc;

	capture_stop();
	capture_release();
	buf_printf(&cmd, "rm -rf '%s'", f->dir);
	rc = system(cmd.s);
	buf_release(&cmd);
	buf_release(&f->path);
	free(f);
	return rc == 0 ? 0 : -1;
}

/* dir/name, in f->path. */
static const char *
at(struct fixture *f, const char *name)
{
	buf_reset(&f->path);
	buf_printf(&f->path, "%s/%s", f->dir, name);
	return f->path.s;
}

static void
put(const char *path, const char *text)
{
	FILE *fp = fopen(path, "w");

	assert_non_null(fp);
	fputs(text, fp);
	assert_int_equal(fclose(fp), 0);
}

static void
assert_text(const char *path, const char *want)
{
	char got[256];
	FILE *fp = fopen(path, "r");
	size_t n;

	assert_non_null(fp);
	n = fread(got, 1, sizeof got - 1, fp);
	fclose(fp);
	got[n] = '\0';
	assert_string_equal(got, want);
}

/* How many NAME.tmp-* files the directory holds. */
static int
temporaries(struct fixture *f)
{
	DIR *d = opendir(f->dir);
	struct dirent *e;
	int n = 0;

	assert_non_null(d);
	while ((e = readdir(d)) != NULL)
		n += strstr(e->d_name, ".tmp-") != NULL;
	closedir(d);
	return n;
}

static mode_t
mode_of(const char *path)
{
	struct stat st;

	assert_int_equal(lstat(path, &st), 0);
	return st.st_mode & 07777;
}

static int
is_link(const char *path)
{
	struct stat st;

	return lstat(path, &st) == 0 && S_ISLNK(st.st_mode);
}

static void
test_replace_keeps_mode(void **state)
{
	struct fixture *f = *state;
	struct atomic_file af;
	char *p = xstrdup(at(f, "out.txt"));

	put(p, "old\n");
	assert_int_equal(chmod(p, 0600), 0);
	assert_int_equal(atomic_open(&af, p, NULL), 0);
	fputs("new\n", af.fp);
	assert_int_equal(temporaries(f), 1);
	assert_int_equal(atomic_close(&af, 1), 0);
	assert_text(p, "new\n");
	assert_int_equal(mode_of(p), 0600);
	assert_int_equal(temporaries(f), 0);
	free(p);
}

static void
test_new_file_umask(void **state)
{
	struct fixture *f = *state;
	struct atomic_file af;
	char *p = xstrdup(at(f, "new.txt"));

	umask(027);
	assert_int_equal(atomic_open(&af, p, NULL), 0);
	fputs("x", af.fp);
	assert_int_equal(atomic_close(&af, 1), 0);
	assert_int_equal(mode_of(p), 0640);
	free(p);
}

static void
test_discard_keeps_old(void **state)
{
	struct fixture *f = *state;
	struct atomic_file af;
	char *p = xstrdup(at(f, "out.txt"));

	put(p, "old\n");
	assert_int_equal(atomic_open(&af, p, NULL), 0);
	fputs("half", af.fp);
	assert_int_equal(atomic_close(&af, 0), -1);
	assert_text(p, "old\n");
	assert_int_equal(temporaries(f), 0);
	free(p);
}

static void
test_database_refused(void **state)
{
	struct fixture *f = *state;
	struct atomic_file af;
	char *db = xstrdup(at(f, "x.db"));
	char *link = xstrdup(at(f, "other.db"));

	put(db, "database");
	assert_int_equal(symlink("x.db", link), 0);
	assert_int_equal(atomic_open(&af, db, db), -1);
	assert_int_equal(atomic_open(&af, at(f, "x.db-wal"), db), -1);
	assert_int_equal(atomic_open(&af, at(f, "x.db-shm"), db), -1);
	assert_int_equal(atomic_open(&af, at(f, "x.db-journal"), db), -1);
	assert_int_equal(atomic_open(&af, link, db), -1);
	assert_int_equal(atomic_open(&af, db, link), -1);
	assert_non_null(strstr(captured.s, "is the database being read"));
	assert_text(db, "database");
	assert_int_equal(access(at(f, "x.db-wal"), F_OK), -1);
	/* a name that only begins like it is another file */
	assert_int_equal(atomic_open(&af, at(f, "x.db-walnut"), db), 0);
	assert_int_equal(atomic_close(&af, 1), 0);
	assert_int_equal(temporaries(f), 0);
	free(db);
	free(link);
}

static void
test_link_written_through(void **state)
{
	struct fixture *f = *state;
	struct atomic_file af;
	char *target = xstrdup(at(f, "target.txt"));
	char *link = xstrdup(at(f, "link.txt"));

	put(target, "old\n");
	assert_int_equal(symlink("target.txt", link), 0);
	assert_int_equal(atomic_open(&af, link, NULL), 0);
	fputs("new\n", af.fp);
	assert_int_equal(atomic_close(&af, 1), 0);
	assert_true(is_link(link));
	assert_text(target, "new\n");
	/* a link to nothing makes nothing */
	assert_int_equal(symlink("nowhere.txt", at(f, "dangling")), 0);
	assert_int_equal(atomic_open(&af, at(f, "dangling"), NULL), -1);
	assert_int_equal(access(at(f, "nowhere.txt"), F_OK), -1);
	free(target);
	free(link);
}

static void
test_device_in_place(void **state)
{
	struct atomic_file af;
	struct stat st;

	(void)state;
	assert_int_equal(atomic_open(&af, "/dev/null", NULL), 0);
	assert_null(af.tmp);
	fputs("nothing", af.fp);
	assert_int_equal(atomic_close(&af, 1), 0);
	assert_int_equal(stat("/dev/null", &st), 0);
	assert_true(S_ISCHR(st.st_mode));
}

static void
test_dir_refused(void **state)
{
	struct fixture *f = *state;
	struct atomic_file af;

	assert_int_equal(atomic_open(&af, f->dir, NULL), -1);
	assert_non_null(strstr(captured.s, "is a directory"));
}

static void
test_openat_follows_nothing(void **state)
{
	struct fixture *f = *state;
	struct atomic_file af;
	int dfd = open(f->dir, O_RDONLY | O_DIRECTORY);

	assert_true(dfd >= 0);
	put(at(f, "target.yaml"), "old\n");
	assert_int_equal(symlink("target.yaml", at(f, "r.yaml")), 0);
	assert_int_equal(atomic_openat(&af, dfd, f->dir, "r.yaml", NULL), -1);
	assert_non_null(strstr(captured.s, "r.yaml: is a symbolic link"));
	assert_text(at(f, "target.yaml"), "old\n");
	assert_int_equal(mkdir(at(f, "real"), 0700), 0);
	assert_int_equal(symlink("real", at(f, "c1")), 0);
	assert_int_equal(subdir_open(dfd, f->dir, "c1"), -1);
	assert_non_null(strstr(captured.s, "c1: is a symbolic link"));
	close(dfd);
	assert_int_equal(temporaries(f), 0);
}

static void
test_place_never_replaces(void **state)
{
	struct fixture *f = *state;
	char *p = xstrdup(at(f, "copy.db")), *tmp = NULL, *tmp2 = NULL;
	int slot = -1, slot2 = -1;

	assert_int_equal(atomic_tmp(p, NULL, &tmp, &slot), 0);
	assert_int_equal(atomic_tmp(p, NULL, &tmp2, &slot2), 0);
	assert_string_not_equal(tmp, tmp2);
	assert_int_equal(strncmp(tmp, p, strlen(p)), 0);
	assert_int_equal(mode_of(tmp), 0644);
	put(tmp, "copy");
	/* made meanwhile by someone else */
	put(p, "mine");
	assert_int_equal(atomic_place(tmp, p), -1);
	assert_non_null(strstr(captured.s, "already exists"));
	assert_text(p, "mine");
	assert_text(tmp, "copy");
	assert_int_equal(unlink(p), 0);
	assert_int_equal(atomic_place(tmp, p), 0);
	assert_text(p, "copy");
	assert_int_equal(access(tmp, F_OK), -1);
	unlink(tmp2);
	cleanup_del(slot);
	cleanup_del(slot2);
	free(tmp);
	free(tmp2);
	free(p);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_replace_keeps_mode, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_new_file_umask, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_discard_keeps_old, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_database_refused, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_link_written_through,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_device_in_place, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_dir_refused, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_openat_follows_nothing,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_place_never_replaces,
		    setup, teardown),
	};

	return cmocka_run_group_tests_name("atomic", tests, NULL, NULL);
}
