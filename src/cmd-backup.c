#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "atomic.h"
#include "buf.h"
#include "cleanup.h"
#include "cmd.h"
#include "diag.h"
#include "escape.h"

static const struct opt backup_options[] = {
	OPTION_END,
};

static int cmd_backup(struct ctx *ctx, void *opts, int argc, char **argv);

const struct cmd cmd_backup_entry = {
	.name = "backup",
	.group = G_ADMIN,
	.args = "PATH",
	.summary = "Write a consistent copy of the database, even while others "
	    "write.",
	.help =
	"Uses SQLite's online backup, so the copy is one consistent moment of\n"
	"the database even while other people record updates (never a plain\n"
	"file copy, which can catch a write half done). The copy is written\n"
	"to a new temporary file beside PATH and linked into place when\n"
	"complete; PATH must not exist, and is never overwritten.\n",
	.examples =
	"Example:\n"
	"  rectrack --db council.db backup backups/council-2026-11-22.db\n",
	.opts = backup_options,
	.flags = CMD_DB_READ,
	.exec = cmd_backup,
};

static int
cmd_backup(struct ctx *ctx, void *opts, int argc, char **argv)
{
	struct buf journal = BUF_INIT;
	sqlite3_backup *bk;
	sqlite3 *dst = NULL;
	struct stat st;
	const char *path;
	char *tmp = NULL;
	int opt, rc = RT_FAIL, slot = -1, jslot = -1;

	(void)opts;
	(void)argc;
	path = argv[1];
	if (*path == '\0')
		return cmd_usage_error(&cmd_backup_entry, "give PATH a name, "
		    "not an empty one");
	/* a link, even to nothing, is something that exists */
	if (lstat(path, &st) == 0) {
		error("%s: already exists; choose a new name (a backup never "
		    "overwrites)", path);
		return RT_FAIL;
	}
	/* a name nobody could plant a link at, opened without following */
	if (atomic_tmp(path, ctx->dbpath, &tmp, &slot) < 0)
		return RT_FAIL;
	buf_printf(&journal, "%s-journal", tmp);
	jslot = cleanup_add(journal.s);
	if (sqlite3_open_v2(tmp, &dst, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_NOFOLLOW, NULL) != SQLITE_OK) {
		error("%s: %s", path, dst ? sqlite3_errmsg(dst) :
		    "cannot create");
		goto out;
	}
	bk = sqlite3_backup_init(dst, "main", db_handle(ctx->db), "main");
	if (bk == NULL) {
		error("%s: %s", path, sqlite3_errmsg(dst));
		goto out;
	}
	/* one step: the whole database inside one read transaction */
	while ((opt = sqlite3_backup_step(bk, -1)) == SQLITE_BUSY ||
	    opt == SQLITE_LOCKED)
		sqlite3_sleep(50);
	sqlite3_backup_finish(bk);
	if (opt != SQLITE_DONE) {
		error("%s: backup failed: %s", path, sqlite3_errstr(opt));
		goto out;
	}
	if (sqlite3_close(dst) != SQLITE_OK) {
		dst = NULL;
		error("%s: cannot finish writing the copy", path);
		goto out;
	}
	dst = NULL;
	/* never over a file made at path since the check above */
	if (atomic_place(tmp, path) < 0)
		goto out;
	{
		/* names as every message shows them: one line, no control
		 * character */
		struct buf from = BUF_INIT, to = BUF_INIT;

		text_clean_line(&from, ctx->dbpath);
		text_clean_line(&to, path);
		printf("backed up %s to %s\n", from.s, to.s);
		buf_release(&from);
		buf_release(&to);
	}
	rc = RT_OK;
out:
	if (dst != NULL)
		sqlite3_close(dst);
	if (rc != RT_OK) {
		unlink(tmp);
		unlink(journal.s);
	}
	cleanup_del(slot);
	cleanup_del(jslot);
	free(tmp);
	buf_release(&journal);
	return rc;
}
