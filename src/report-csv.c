#include <stdio.h>

#include "buf.h"
#include "escape.h"
#include "report.h"

/*
 * The report's CSV is for people: it opens in a spreadsheet with every
 * character right (a UTF-8 byte-order mark first), its headings in plain
 * English, one row per recommendation, fields quoted as RFC 4180 says and
 * lines ended with CRLF. (list --format csv is for programs: no mark,
 * field names as headings.)
 */
void
report_csv(const struct report *rp, FILE *fp)
{
	const struct rcommittee *c;
	const struct rreview *v;
	const struct rrec *x;
	struct buf b = BUF_INIT, cell = BUF_INIT;
	size_t i;

	buf_adds(&b, "\xef\xbb\xbf");
	for (i = 0; i < report_ncols; i++) {
		if (i > 0)
			buf_addc(&b, ',');
		esc_csv(&b, report_cols[i].heading);
	}
	buf_adds(&b, "\r\n");
	FOR_RECS(rp, c, v, x) {
		for (i = 0; i < report_ncols; i++) {
			if (i > 0)
				buf_addc(&b, ',');
			buf_reset(&cell);
			report_cell(&cell, rp, c, v, x, i);
			esc_csv(&b, cell.s);
		}
		buf_adds(&b, "\r\n");
	}
	fputs(b.s, fp);
	buf_release(&cell);
	buf_release(&b);
}
