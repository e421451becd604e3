/*
 * libFuzzer target 1: bytes -> the importer's parse and validation, with
 * no database (what 'rectrack check' does).
 */
#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "import.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
quiet(const struct diag *line, void *arg)
{
	(void)line;
	(void)arg;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct importer *imp;

	diag_set_sink(quiet, NULL);
	diag_reset();
	imp = importer_new(NULL);
	importer_buffer(imp, "fuzz.yaml", data, size, NULL);
	importer_finish(imp);
	importer_free(imp);
	return 0;
}
