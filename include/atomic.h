#ifndef RECTRACK_ATOMIC_H
#define RECTRACK_ATOMIC_H

#include <stdio.h>

/*
 * Writing a file so that it is either absent (or as before) or whole: the
 * text goes to a temporary file beside it, which is flushed, synced and
 * renamed over the target only when everything was written.
 */
struct atomic_file {
	FILE *fp;
	char *path;
	char *tmp;
};

/* Open; 0, or -1 after reporting. */
int atomic_open(struct atomic_file *af, const char *path);
/* Commit (ok) or discard (!ok) what was written; 0, or -1 after
 * reporting a failure to write. */
int atomic_close(struct atomic_file *af, int ok);

/* mkdir -p; 0, or -1 after reporting. */
int make_dirs(const char *path);

#endif
