#ifndef RECTRACK_EXPORT_PATCH_H
#define RECTRACK_EXPORT_PATCH_H

#include <stddef.h>

#include "buf.h"
#include "db.h"

/*
 * export --dir on a file that is already there (a hand-written one, with
 * its comments, quoting, blocks and indentation): its meaning is read
 * (imported alone into a scratch database and exported) and compared with
 * what the database holds for it; the file is then left as it is, edited
 * in place where they differ, or, when the difference is not one the
 * patcher can make, rewritten whole in rectrack's form.
 *
 * In place means: a changed text replaced in its own bytes (a comment
 * after it on the line is kept), a new item appended after the last item
 * of its list, a new key added at the end of its mapping, each written
 * by export's own writer and indented as the file's item or key beside
 * it. Nothing is ever removed. The edited text is imported once more
 * into a scratch database before it is used: only when its export is
 * exactly the database's is it kept.
 */

/* Which records a file of the --dir tree holds (cmd-export.c). */
struct patch_scope {
	const char *cid;	/* the committee */
	const char *rid;	/* the review, or NULL: the meetings file */
	unsigned what;		/* EXPORT_* as export_documents() takes */
	int need_reviews;	/* the meetings file may name the committee's
				 * reviews: read them into the scratch first */
	long long committee;	/* the committee's row in db */
};

enum patch_result {
	PATCH_SAME,		/* the file means what the database holds */
	PATCH_EDITED,		/* out holds the file edited in place */
	PATCH_REWRITE		/* out holds rectrack's form; *why says why */
};

/*
 * old: the file's bytes; want: the database's export for it (rectrack's
 * form). The text to write goes to out (not for PATCH_SAME).
 */
enum patch_result export_patch(struct db *db, const struct patch_scope *sc,
    const char *old, size_t oldlen, const char *want, size_t wantlen,
    struct buf *out, const char **why);

/* Export of the records of sc from db, in rectrack's form, into out:
 * 0, or -1 after reporting. */
int export_patch_render(struct db *db, const struct patch_scope *sc,
    long long committee, long long review, struct buf *out);

#endif
