#ifndef RECTRACK_IMPORT_H
#define RECTRACK_IMPORT_H

#include <stddef.h>

#include "db.h"
#include "store.h"

/*
 * The importer: YAML files in format.md, streamed through libyaml's event
 * API one review or meeting at a time, validated against every rule of the
 * format, and (given a database) written with store.c. Errors are reported
 * through diag as FILE:LINE:COLUMN: message; every error of every file is
 * reported. The caller owns the transaction: it commits only when
 * importer_finish() returns 0 and no error was reported.
 */

struct importer;

/* db NULL: validate only (rectrack check). */
struct importer *importer_new(struct db *db);
void importer_free(struct importer *imp);

/*
 * Read one file ("-" standard input). Returns the number of errors
 * reported for it (0 when valid). *nrecs, when not NULL, receives the
 * number of recommendations the file holds.
 */
size_t importer_file(struct importer *imp, const char *path, size_t *nrecs);
/* The same, from memory. */
size_t importer_buffer(struct importer *imp, const char *name,
    const void *data, size_t len, size_t *nrecs);

/* Checks across all files read (references between them). Errors count. */
size_t importer_finish(struct importer *imp);
/* Whether importer_finish() reported an error in the file named path. */
int importer_failed_late(const struct importer *imp, const char *path);

const struct store_stats *importer_stats(const struct importer *imp);

/*
 * Called after each review or meeting is read: the file, its bytes read
 * and its size (0 when unknown), and the recommendations read so far in
 * this import.
 */
typedef void (*import_progress_fn)(void *arg, const char *file, size_t done,
    size_t size, size_t recs);
void importer_set_progress(struct importer *imp, import_progress_fn fn,
    void *arg);

/*
 * Called with each valid review as read from its file, before it is
 * stored; the record, and the strings it borrows, last for the call.
 */
typedef void import_review_fn(void *arg, const struct review_rec *r);
void importer_on_review(struct importer *imp, import_review_fn *fn,
    void *arg);

/* The nearest of the NULL-terminated words to s, or NULL if none is close. */
const char *nearest_word(const char *s, const char *const *words);

#endif
