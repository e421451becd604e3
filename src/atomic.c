#include "atomic.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "diag.h"
#include "xmalloc.h"

int
atomic_open(struct atomic_file *af, const char *path)
{
	struct buf tmp = BUF_INIT;
	int fd;

	memset(af, 0, sizeof *af);
	buf_printf(&tmp, "%s.tmp-XXXXXX", path);
	fd = mkstemp(tmp.s);
	if (fd < 0) {
		error("%s: %s", path, strerror(errno));
		buf_release(&tmp);
		return -1;
	}
	af->fp = fdopen(fd, "w");
	if (af->fp == NULL) {
		error("%s: %s", path, strerror(errno));
		close(fd);
		unlink(tmp.s);
		buf_release(&tmp);
		return -1;
	}
	fchmod(fd, 0644);
	af->path = xstrdup(path);
	af->tmp = buf_detach(&tmp);
	return 0;
}

int
atomic_close(struct atomic_file *af, int ok)
{
	int rc = 0;

	if (af->fp == NULL)
		return -1;
	if (ok && (fflush(af->fp) != 0 || ferror(af->fp) ||
	    fsync(fileno(af->fp)) != 0)) {
		error("%s: %s", af->path, strerror(errno));
		ok = 0;
		rc = -1;
	}
	if (fclose(af->fp) != 0 && ok) {
		error("%s: %s", af->path, strerror(errno));
		ok = 0;
		rc = -1;
	}
	if (ok && rename(af->tmp, af->path) != 0) {
		error("%s: %s", af->path, strerror(errno));
		ok = 0;
		rc = -1;
	}
	if (!ok)
		unlink(af->tmp);
	free(af->path);
	free(af->tmp);
	memset(af, 0, sizeof *af);
	return ok ? 0 : (rc ? rc : -1);
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
			if (mkdir(p, 0755) != 0 && errno != EEXIST) {
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
