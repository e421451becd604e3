/*
 * libFuzzer target 2: bytes -> a full import into an in-memory database,
 * then everything read back out of it: the list view with derived fields,
 * every recommendation shown, the export in YAML and JSON, a search, and
 * the index checked against the tables. Each input is rolled back.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "diag.h"
#include "emit.h"
#include "export.h"
#include "import.h"
#include "recview.h"
#include "search.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct db *db;

static void
quiet(const struct diag *line, void *arg)
{
	(void)line;
	(void)arg;
}

static int
each(const struct recview *r, void *arg)
{
	struct emit *e = arg;

	return export_rec(db, e, r->id) < 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct importer *imp;
	struct filter f = { 0 };
	struct emit *e;
	FILE *sink;
	long long want, held;
	size_t errs;

	diag_set_sink(quiet, NULL);
	diag_reset();
	if (db == NULL && db_open(&db, ":memory:", DB_WRITE) != RT_OK)
		abort();
	if (db_begin(db) != RT_OK)
		abort();
	imp = importer_new(db);
	errs = importer_buffer(imp, "fuzz.yaml", data, size, NULL);
	errs += importer_finish(imp);
	importer_free(imp);
	if (errs == 0 && diag_errors() == 0) {
		sink = fopen("/dev/null", "w");
		e = emit_new(EMIT_YAML, sink);
		recview_each(db, &f, "2026-11-22", each, e);
		export_documents(db, e, 0, 0, EXPORT_MEETINGS |
		    EXPORT_REVIEWS);
		emit_free(e);
		e = emit_new(EMIT_JSON, sink);
		export_documents(db, e, 0, 0, EXPORT_MEETINGS |
		    EXPORT_REVIEWS);
		emit_free(e);
		fclose(sink);
		/* the index must agree with what went in */
		if (search_counts(db, &want, &held) == 0 && want != held)
			abort();
	}
	db_rollback(db);
	return 0;
}
