/*
 * The SQL rectrack runs for a query, for the benchmark to hand to the
 * sqlite3 shell, so that the shell's figure is for the very same
 * statement (its parameters set with .parameter).
 *   sql list-committee
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
	};
	size_t i;

	for (i = 0; argc == 2 && i < sizeof q / sizeof q[0]; i++)
		if (strcmp(argv[1], q[i].name) == 0) {
			printf("%s;\n", db_sql[q[i].id]);
			return 0;
		}
	fprintf(stderr, "usage: sql list-committee\n");
	return 2;
}
