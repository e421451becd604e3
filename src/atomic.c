/* renameat2() and RENAME_NOREPLACE, for file systems without hard links */
#define _GNU_SOURCE

#include "atomic.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "cleanup.h"
#include "db.h"
#include "diag.h"
#include "xmalloc.h"

/* path's directory into dir ("." when it has none) and its last name. */
static const char *
split(const char *path, struct buf *dir)
{
	const char *slash = strrchr(path, '/');

	buf_reset(dir);
	if (slash == NULL) {
		buf_adds(dir, ".");
		return path;
	}
	if (slash == path)
		buf_adds(dir, "/");
	else
		buf_add(dir, path, (size_t)(slash - path));
	return slash + 1;
}

/* dirpath/name into b (name alone when dirpath is NULL). */
static void
join(struct buf *b, const char *dirpath, const char *name)
{
	buf_reset(b);
	if (dirpath != NULL) {
		buf_adds(b, dirpath);
		if (b->len > 0 && b->s[b->len - 1] != '/')
			buf_addc(b, '/');
	}
	buf_adds(b, name);
}

static void
random_chars(char *x, size_t n)
{
	static const char set[] = "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
	static unsigned counter;
	unsigned char r[16];
	size_t i;

	if (n > sizeof r)
		n = sizeof r;
	if (getrandom(r, n, GRND_NONBLOCK) != (ssize_t)n) {
		struct timespec ts;
		uint64_t v;

		clock_gettime(CLOCK_REALTIME, &ts);
		v = (uint64_t)ts.tv_nsec ^ (uint64_t)ts.tv_sec << 30 ^
		    (uint64_t)getpid() << 12 ^ counter++;
		for (i = 0; i < n; i++) {
			v = v * 6364136223846793005u + 1442695040888963407u;
			r[i] = (unsigned char)(v >> 56);
		}
	}
	for (i = 0; i < n; i++)
		x[i] = set[r[i] % (sizeof set - 1)];
}

/*
 * A new file NAME.tmp-XXXXXX in dirfd, never one that was there (a
 * planted link included), registered for removal on a signal as
 * dirpath/NAME.tmp-XXXXXX: a signal is held off from its creation to its
 * registration, so none leaves it behind. Its name in *tmpname and *tmp,
 * the cleanup slot in *slot; the descriptor, or -1 with errno set.
 */
static int
tmp_create(int dirfd, const char *dirpath, const char *name, int flags,
    mode_t mode, struct buf *tmpname, struct buf *tmp, int *slot)
{
	sigset_t old;
	int fd = -1, tries, err;

	cleanup_block(&old);
	for (tries = 0; tries < 100; tries++) {
		buf_reset(tmpname);
		buf_printf(tmpname, "%s.tmp-XXXXXX", name);
		random_chars(tmpname->s + tmpname->len - 6, 6);
		fd = openat(dirfd, tmpname->s, flags | O_CREAT | O_EXCL |
		    O_NOFOLLOW | O_CLOEXEC, mode);
		if (fd >= 0 || errno != EEXIST)
			break;
	}
	err = errno;
	if (fd >= 0) {
		join(tmp, dirpath, tmpname->s);
		*slot = cleanup_add(tmp->s);
	}
	cleanup_unblock(&old);
	errno = err;
	return fd;
}

static int
same_file(const struct stat *a, const struct stat *b)
{
	return a->st_dev == b->st_dev && a->st_ino == b->st_ino;
}

/*
 * Whether name in dirfd (st: its status, NULL when absent) is the
 * database at dbpath or one of the files SQLite keeps beside it, now or
 * later: the same file, or the same name in the same directory.
 */
static int
is_database(int dirfd, const char *name, const struct stat *st,
    const char *dbpath)
{
	struct buf dir = BUF_INIT, p = BUF_INIT;
	struct stat a, b;
	const char *base;
	char *real;
	size_t i, len;
	int hit = 0;

	if (dbpath == NULL || (real = realpath(dbpath, NULL)) == NULL)
		return 0;
	for (i = 0; i < DB_NFILES; i++) {
		buf_reset(&p);
		buf_printf(&p, "%s%s", real, db_file_suffix[i]);
		if (st != NULL && stat(p.s, &a) == 0 && same_file(&a, st))
			hit = 1;
	}
	base = split(real, &dir);
	len = strlen(base);
	if (!hit && strncmp(name, base, len) == 0 && fstat(dirfd, &a) == 0 &&
	    stat(dir.s, &b) == 0 && same_file(&a, &b))
		for (i = 0; i < DB_NFILES; i++)
			if (strcmp(name + len, db_file_suffix[i]) == 0)
				hit = 1;
	free(real);
	buf_release(&dir);
	buf_release(&p);
	return hit;
}

/* What a file that is not regular is, for a message. */
static const char *
file_kind(mode_t m)
{
	if (S_ISDIR(m))
		return "a directory";
	if (S_ISBLK(m))
		return "a block device";
	if (S_ISSOCK(m))
		return "a socket";
	if (S_ISFIFO(m))
		return "a FIFO";
	if (S_ISCHR(m))
		return "a character device";
	return "not a regular file";
}

/* A FIFO or a character device, written where it is. */
static int
open_in_place(struct atomic_file *af, const char *path)
{
	struct stat st;
	int fd;

	fd = open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC);
	if (fd < 0)
		return error("%s: %s", path, strerror(errno));
	if (fstat(fd, &st) != 0 || !(S_ISFIFO(st.st_mode) ||
	    S_ISCHR(st.st_mode))) {
		close(fd);
		return error("%s: changed while it was opened; try again",
		    path);
	}
	af->fp = fdopen(fd, "w");
	if (af->fp == NULL) {
		close(fd);
		return error("%s: %s", path, strerror(errno));
	}
	af->path = xstrdup(path);
	return 0;
}

/*
 * The temporary for name in dirfd: only a regular file or nothing may be
 * there, and not the database. shown names the target in messages;
 * dirpath/tmpname is the temporary's path for the cleanup table.
 */
static int
open_beside(struct atomic_file *af, int dirfd, const char *dirpath,
    const char *name, const char *shown, const char *dbpath)
{
	struct buf tmpname = BUF_INIT, tmp = BUF_INIT;
	struct stat st;
	int fd, exists;

	exists = fstatat(dirfd, name, &st, AT_SYMLINK_NOFOLLOW) == 0;
	if (!exists && errno != ENOENT)
		return error("%s: %s", shown, strerror(errno));
	if (exists && S_ISLNK(st.st_mode))
		return error("%s: is a symbolic link; rectrack does not write "
		    "through links here (remove it)", shown);
	if (exists && !S_ISREG(st.st_mode))
		return error("%s: is %s; only a regular file is replaced here "
		    "(remove it)", shown, file_kind(st.st_mode));
	if (is_database(dirfd, name, exists ? &st : NULL, dbpath))
		return error("%s: is the database being read (or a file "
		    "SQLite keeps beside it); name another file", shown);
	fd = tmp_create(dirfd, dirpath, name, O_WRONLY, exists ?
	    st.st_mode & 0777 : 0666, &tmpname, &tmp, &af->slot);
	if (fd < 0) {
		error("%s: %s", shown, strerror(errno));
		buf_release(&tmpname);
		return -1;
	}
	/* open() applied the umask; a replaced file keeps its own bits */
	if (exists)
		fchmod(fd, st.st_mode & 0777);
	af->fp = fdopen(fd, "w");
	if (af->fp == NULL) {
		error("%s: %s", shown, strerror(errno));
		close(fd);
		unlinkat(dirfd, tmpname.s, 0);
		cleanup_del(af->slot);
		af->slot = -1;
		buf_release(&tmpname);
		buf_release(&tmp);
		return -1;
	}
	af->path = xstrdup(shown);
	af->tmp = buf_detach(&tmp);
	af->tmpname = buf_detach(&tmpname);
	af->name = xstrdup(name);
	af->dirfd = dirfd;
	return 0;
}

static void
init(struct atomic_file *af)
{
	memset(af, 0, sizeof *af);
	af->dirfd = -1;
	af->slot = -1;
}

int
atomic_open(struct atomic_file *af, const char *path, const char *dbpath)
{
	struct buf dir = BUF_INIT;
	struct stat st, lst;
	const char *target = path, *name;
	char *real = NULL;
	int dirfd, rc = -1;

	init(af);
	if (stat(path, &st) == 0) {
		if (S_ISFIFO(st.st_mode) || S_ISCHR(st.st_mode))
			return open_in_place(af, path);
		if (!S_ISREG(st.st_mode))
			return error("%s: is %s; name a regular file", path,
			    file_kind(st.st_mode));
		/* a link stays a link: what it points at is replaced */
		if (lstat(path, &lst) == 0 && S_ISLNK(lst.st_mode)) {
			real = realpath(path, NULL);
			if (real == NULL)
				return error("%s: %s", path, strerror(errno));
			/* a link of /proc to a removed file names no file */
			if (stat(real, &lst) != 0 || !same_file(&lst, &st)) {
				free(real);
				return error("%s: cannot tell which file it "
				    "points at; name the file itself", path);
			}
			target = real;
		}
	} else if (errno != ENOENT) {
		return error("%s: %s", path, strerror(errno));
	} else if (lstat(path, &lst) == 0 && S_ISLNK(lst.st_mode)) {
		return error("%s: is a symbolic link to nothing; name the file "
		    "itself", path);
	}
	name = split(target, &dir);
	if (*name == '\0') {
		error("%s: names a directory; name a file", path);
		goto out;
	}
	dirfd = open(dir.s, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dirfd < 0) {
		error("%s: %s", path, strerror(errno));
		goto out;
	}
	rc = open_beside(af, dirfd, target == path && strchr(path, '/') ==
	    NULL ? NULL : dir.s, name, path, dbpath);
	if (rc < 0)
		close(dirfd);
	else
		af->own_dirfd = 1;
out:
	free(real);
	buf_release(&dir);
	return rc;
}

int
atomic_openat(struct atomic_file *af, int dirfd, const char *dirpath,
    const char *name, const char *dbpath)
{
	struct buf shown = BUF_INIT;
	int rc;

	init(af);
	join(&shown, dirpath, name);
	rc = open_beside(af, dirfd, dirpath, name, shown.s, dbpath);
	buf_release(&shown);
	return rc;
}

int
atomic_close(struct atomic_file *af, int ok)
{
	int rc = 0;

	if (af->fp == NULL)
		return -1;
	if (ok && (fflush(af->fp) != 0 || ferror(af->fp) ||
	    (af->tmp != NULL && fsync(fileno(af->fp)) != 0))) {
		error("%s: %s", af->path, strerror(errno));
		ok = 0;
		rc = -1;
	}
	if (fclose(af->fp) != 0 && ok) {
		error("%s: %s", af->path, strerror(errno));
		ok = 0;
		rc = -1;
	}
	if (af->tmp != NULL) {
		if (ok && renameat(af->dirfd, af->tmpname, af->dirfd,
		    af->name) != 0) {
			error("%s: %s", af->path, strerror(errno));
			ok = 0;
			rc = -1;
		}
		if (!ok)
			unlinkat(af->dirfd, af->tmpname, 0);
		cleanup_del(af->slot);
	}
	if (af->own_dirfd)
		close(af->dirfd);
	free(af->path);
	free(af->tmp);
	free(af->tmpname);
	free(af->name);
	init(af);
	return ok ? 0 : (rc ? rc : -1);
}

int
atomic_tmp(const char *path, const char *dbpath, char **tmp, int *slot)
{
	struct buf dir = BUF_INIT, tmpname = BUF_INIT, b = BUF_INIT;
	const char *name = split(path, &dir);
	int dirfd, fd = -1;

	*tmp = NULL;
	*slot = -1;
	if (*name == '\0') {
		error("%s: names a directory; name a file", path);
		goto out;
	}
	dirfd = open(dir.s, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dirfd >= 0 && is_database(dirfd, name, NULL, dbpath)) {
		close(dirfd);
		error("%s: is the database being read (or a file SQLite keeps "
		    "beside it); choose another name", path);
		goto out;
	}
	if (dirfd >= 0) {
		fd = tmp_create(dirfd, strchr(path, '/') != NULL ? dir.s :
		    NULL, name, O_RDWR, 0666, &tmpname, &b, slot);
		close(dirfd);
	}
	if (fd < 0) {
		error("%s: %s", path, strerror(errno));
		goto out;
	}
	close(fd);
	*tmp = buf_detach(&b);
out:
	buf_release(&dir);
	buf_release(&tmpname);
	buf_release(&b);
	return *tmp != NULL ? 0 : -1;
}

int
atomic_link(const char *tmp, const char *path)
{
	int err;

	if (link(tmp, path) == 0) {
		unlink(tmp);
		return 0;
	}
	err = errno;
#ifdef RENAME_NOREPLACE
	/* no hard links on this file system (FAT, some network ones) */
	if (err != EEXIST) {
		if (renameat2(AT_FDCWD, tmp, AT_FDCWD, path,
		    RENAME_NOREPLACE) == 0)
			return 0;
		if (errno != EINVAL && errno != ENOSYS)
			err = errno;
	}
#endif
	errno = err;
	return -1;
}

int
atomic_place(const char *tmp, const char *path)
{
	if (atomic_link(tmp, path) == 0)
		return 0;
	if (errno == EEXIST)
		return error("%s: already exists (made while the copy was "
		    "written); choose a new name", path);
	return error("%s: %s", path, strerror(errno));
}

int
make_dirs(const char *path)
{
	char *p = xstrdup(path), *s;
	int rc = 0;

	for (s = p + 1; ; s++) {
		if (*s != '/' && *s != '\0')
			continue;
		{
			char c = *s;

			*s = '\0';
			if (mkdir(p, 0777) != 0 && errno != EEXIST) {
				error("%s: %s", p, strerror(errno));
				rc = -1;
				break;
			}
			*s = c;
			if (c == '\0')
				break;
		}
	}
	free(p);
	return rc;
}

int
subdir_open(int dirfd, const char *dirpath, const char *name)
{
	struct buf shown = BUF_INIT;
	struct stat st;
	int fd;

	join(&shown, dirpath, name);
	if (mkdirat(dirfd, name, 0777) != 0 && errno != EEXIST) {
		fd = error("%s: %s", shown.s, strerror(errno));
		goto out;
	}
	fd = openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
	    O_CLOEXEC);
	if (fd >= 0)
		goto out;
	if (fstatat(dirfd, name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
	    S_ISLNK(st.st_mode))
		error("%s: is a symbolic link; rectrack does not follow links "
		    "below the directory it writes to (remove it)", shown.s);
	else
		error("%s: %s", shown.s, strerror(errno));
out:
	buf_release(&shown);
	return fd;
}
