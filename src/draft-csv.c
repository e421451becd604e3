#include "draft.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "csvin.h"
#include "diag.h"
#include "xmalloc.h"

#define MAX_HEADINGS 64

/* --column KEY=HEADING[,KEY=HEADING...]: rename the heading of each
 * named column to the one draft_column() reads as KEY. */
static int
rename_columns(const char *file, char head[][64], size_t n,
    const char *columns)
{
	char *spec = xstrdup(columns), *p, *save = NULL;
	int rc = 0;

	for (p = strtok_r(spec, ",", &save); p != NULL;
	    p = strtok_r(NULL, ",", &save)) {
		char *eq = strchr(p, '=');
		const char *canon;
		size_t i;

		*eq = '\0';	/* checked by the command: KEY=HEADING */
		canon = draft_column_key(p);
		for (i = 0; i < n; i++)
			if (strcasecmp(head[i], eq + 1) == 0)
				break;
		if (i == n) {
			struct buf have = BUF_INIT;

			for (i = 0; i < n; i++)
				buf_printf(&have, "%s'%s'", i > 0 ? ", " : "",
				    head[i]);
			rc = error("%s: no column headed '%s' (--column "
			    "%s=%s); its headings are %s", file, eq + 1, p,
			    eq + 1, have.s);
			buf_release(&have);
			break;
		}
		snprintf(head[i], 64, "%s", canon);
	}
	free(spec);
	return rc;
}

int
draft_read_csv(struct draft_doc *d, const char *file, const char *s,
    size_t len, const char *columns)
{
	FILE *fp = fmemopen((void *)s, len, "r");
	struct csvin *c;
	const struct csvin_row *row;
	char head[MAX_HEADINGS][64];
	size_t nhead = 0, i;
	int r, rc = 0;

	if (len == 0)
		return 0;
	if (fp == NULL)
		return error("%s: cannot read", file);
	c = csvin_open(fp, file, 1u << 20);
	while ((r = csvin_next(c, &row)) == 1) {
		if (nhead == 0) {
			for (i = 0; i < row->n && i < MAX_HEADINGS; i++)
				snprintf(head[i], sizeof head[i], "%s",
				    row->cells[i].s);
			nhead = i;
			if (columns != NULL &&
			    (rc = rename_columns(file, head, nhead, columns)) != 0)
				break;
			continue;
		}
		draft_doc_add(d, DB_ROW, "", 0, "", 0, row->line);
		for (i = 0; i < row->n && i < nhead; i++) {
			size_t first = d->n, k;

			draft_read_text(d, row->cells[i].s, row->cells[i].len);
			for (k = first; k < d->n; k++) {
				snprintf(d->b[k].column, sizeof d->b[k].column,
				    "%s", head[i]);
				d->b[k].line += row->cells[i].line - 1;
			}
		}
	}
	if (r < 0)
		rc = -1;
	csvin_close(c);
	fclose(fp);
	return rc;
}
