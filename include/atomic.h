#ifndef RECTRACK_ATOMIC_H
#define RECTRACK_ATOMIC_H

#include <stdio.h>

/*
 * Writing the files rectrack is asked for (report and export --output,
 * export --dir) so that a file is either as before or whole, and never
 * writing anything else:
 *
 *  - a regular file, or a new one, is written to a temporary file beside
 *    it (NAME.tmp-XXXXXX, created with O_EXCL|O_NOFOLLOW, so nothing
 *    planted there is followed), flushed, synced and renamed over the
 *    target only when everything was written. A replaced file keeps its
 *    permission bits; a new one gets 0666 less the umask. A hard link to
 *    the old file keeps the old text (rename makes a new file).
 *  - a FIFO or a character device (/dev/null, a terminal, a pipe behind
 *    /dev/stdout) is written in place: there is nothing to rename over.
 *  - a symbolic link is written through: its final target is written as
 *    above (the temporary beside the target, so the link stays a link);
 *    a link to nothing is refused.
 *  - a directory, a block device or a socket is refused, and so is the
 *    database being read (dbpath) or its -wal, -shm or -journal file,
 *    existing or not.
 *
 * Each temporary is registered with cleanup_add() while it exists, so a
 * SIGINT, SIGTERM or SIGHUP removes it.
 */
struct atomic_file {
	FILE *fp;
	char *path;		/* the target as named, for messages */
	char *tmp;		/* the temporary's path; NULL when in place */
	char *tmpname;		/* the temporary's name in dirfd */
	char *name;		/* the target's name in dirfd */
	int dirfd;		/* the directory they are in; -1 in place */
	int own_dirfd;		/* dirfd is closed with the file */
	int slot;		/* cleanup slot, or -1 */
};

/*
 * Open path for writing as above; dbpath (may be NULL) is the database
 * the command reads. 0, or -1 after reporting.
 */
int atomic_open(struct atomic_file *af, const char *path, const char *dbpath);

/*
 * Open name in the directory dirfd (shown to the user and in the cleanup
 * table as dirpath/name) for writing as above, but following no symbolic
 * link: only a regular file or nothing may be there. dirfd stays the
 * caller's. 0, or -1 after reporting.
 */
int atomic_openat(struct atomic_file *af, int dirfd, const char *dirpath,
    const char *name, const char *dbpath);

/* Commit (ok) or discard (!ok) what was written; 0, or -1 after
 * reporting a failure to write. */
int atomic_close(struct atomic_file *af, int ok);

/*
 * A new empty file beside path, named PATH.tmp-XXXXXX with random Xs,
 * created with O_EXCL|O_NOFOLLOW and mode 0666 less the umask, and
 * registered with cleanup_add(): its path in *tmp (the caller's), its
 * cleanup slot in *slot (the caller's to cleanup_del()), and 0; or -1
 * after reporting. path may not name the database at dbpath (when not
 * NULL) or a file SQLite keeps beside it.
 */
int atomic_tmp(const char *path, const char *dbpath, char **tmp, int *slot);

/*
 * Give the finished file tmp the name path without ever replacing what
 * is there (link(2), else rename with RENAME_NOREPLACE where links are
 * not supported), then remove the name tmp. 0, or -1 after reporting
 * (path exists: "already exists"); tmp is left in place on failure.
 */
int atomic_place(const char *tmp, const char *path);
/* The same without a message: 0, or -1 with errno set (EEXIST: path
 * exists). */
int atomic_link(const char *tmp, const char *path);

/* mkdir -p, following links (the user's own path); 0, or -1 after
 * reporting. */
int make_dirs(const char *path);

/*
 * The subdirectory name of dirfd (shown as dirpath/name), created when
 * missing, opened without following a symbolic link: its descriptor, or
 * -1 after reporting (a link there is named in the message).
 */
int subdir_open(int dirfd, const char *dirpath, const char *name);

#endif
