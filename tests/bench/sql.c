/*
 * The SQL rectrack runs for a query, for the benchmark to hand to the
 * sqlite3 shell, so that the shell's figure is for the very same
 * statement (its parameters set with .parameter).
 *   sql list-committee   (the names: q[] below)
 */
#include <stdio.h>
#include <string.h>

#include "db.h"
#include "db-sql.h"

int
main(int argc, char **argv)
{
	static const struct {
		const char *name;
		enum stmt_id id;
	} q[] = {
		{ "list-committee", ST_LIST_COMMITTEE },
		{ "list", ST_LIST },
		{ "list-rec", ST_LIST_REC },
		{ "by-overdue", ST_LIST_BY_OVERDUE },
		{ "by-due", ST_LIST_BY_DUE },
		{ "by-stale", ST_LIST_BY_STALE },
		{ "by-response", ST_LIST_BY_RESPONSE },
		{ "by-updated", ST_LIST_BY_UPDATED },
		{ "by-signoff", ST_LIST_BY_SIGNOFF },
		{ "by-status", ST_LIST_BY_STATUS },
		{ "probe-overdue", ST_PROBE_OVERDUE },
		{ "probe-due", ST_PROBE_DUE },
		{ "probe-stale", ST_PROBE_STALE },
		{ "probe-response", ST_PROBE_RESPONSE },
		{ "probe-updated", ST_PROBE_UPDATED },
		{ "probe-signoff", ST_PROBE_SIGNOFF },
		{ "probe-status", ST_PROBE_STATUS },
		{ "owners", ST_OWNERS },
		{ "addressees", ST_ADDRESSEES },
		{ "by-owner", ST_LIST_BY_OWNER },
		{ "by-addressee", ST_LIST_BY_ADDRESSEE },
		/* chase's: in any order, which it sorts itself */
		{ "any-by-owner", ST_ANY_BY_OWNER },
		{ "probe-owner", ST_PROBE_OWNER },
		{ "probe-addressee", ST_PROBE_ADDRESSEE },
		{ "committees", ST_EX_COMMITTEES },
		{ "stored-committee", ST_STORED_COMMITTEE },
		{ "actions", ST_ACTIONS },
		{ "chase-actions", ST_CHASE_ACTIONS },
		{ "actions-of", ST_ACTIONS_OF },
		{ "chase-actions-of", ST_CHASE_ACTIONS_OF },
		/* a recommendation's whole record (recload.c), as report
		 * reads each it prints */
		{ "load-rec", ST_LOAD_REC },
		{ "load-findings", ST_LOAD_FINDINGS },
		{ "load-evidence", ST_LOAD_EVIDENCE },
		{ "load-response", ST_LOAD_RESPONSE },
		{ "load-actions", ST_LOAD_ACTIONS },
		{ "load-replaced", ST_LOAD_REPLACED },
		{ "load-updates", ST_LOAD_UPDATES },
	};
	size_t i;

	for (i = 0; argc == 2 && i < sizeof q / sizeof q[0]; i++)
		if (strcmp(argv[1], q[i].name) == 0) {
			printf("%s;\n", db_sql[q[i].id]);
			return 0;
		}
	fprintf(stderr, "usage: sql NAME (one of:");
	for (i = 0; i < sizeof q / sizeof q[0]; i++)
		fprintf(stderr, " %s", q[i].name);
	fprintf(stderr, ")\n");
	return 2;
}
