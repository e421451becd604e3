#!/bin/sh
# A CI job for a council's records repository (see docs/workflow.md).
# Any CI system can run it: it needs rectrack on the PATH and sh.
#
#   scripts/ci-records.sh RECORDS_DIR [PUBLISHED_REPORT AS_AT_DATE]
#
# 1. every file is valid ('rectrack check'; JSON verdicts in check.json);
# 2. the files are in rectrack's own form: importing them into a scratch
#    database and exporting again gives the same files (so a later
#    'export --dir' after recording progress is a clean diff);
# 3. optionally, the report as at the date of the last published one is
#    still the same (a regression test of the data).
# Exit status 0 when all hold; 1 with the differences shown otherwise.
set -u
records=${1:?usage: ci-records.sh RECORDS_DIR [PUBLISHED_REPORT AS_AT_DATE]}
published=${2:-}
as_at=${3:-}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/records-ci.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
status=0

files=$(find "$records" -name '*.yaml' | sort)
if [ -z "$files" ]; then
	echo "ci-records: no YAML files under $records" >&2
	exit 1
fi

echo "== 1. check"
# shellcheck disable=SC2086
rectrack check --format json $files > check.json
# shellcheck disable=SC2086
rectrack check $files || status=1

echo "== 2. the files are in rectrack's form"
# shellcheck disable=SC2086
if rectrack --db "$tmp/ci.db" import $files > "$tmp/import.out"; then
	tail -1 "$tmp/import.out"
	rectrack --db "$tmp/ci.db" export --dir "$tmp/export" 2>/dev/null
	if diff -ru "$records" "$tmp/export" > "$tmp/diff"; then
		echo "ok: export gives back the same files"
	else
		echo "ci-records: these files differ from rectrack's form" \
		    "(run 'rectrack export --dir $records' and commit):" >&2
		cat "$tmp/diff" >&2
		status=1
	fi
else
	status=1
fi

if [ -n "$published" ]; then
	echo "== 3. the report as at $as_at is unchanged"
	rectrack --db "$tmp/ci.db" --today "$as_at" report --format markdown \
	    > "$tmp/report.md"
	if diff -u "$published" "$tmp/report.md" > "$tmp/report.diff"; then
		echo "ok: the report as at $as_at is as published"
	else
		echo "ci-records: the report as at $as_at has changed:" >&2
		cat "$tmp/report.diff" >&2
		status=1
	fi
fi
exit $status
