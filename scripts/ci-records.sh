#!/bin/sh
# A CI job for a council's records repository (see docs/workflow.md).
# Any CI system can run it: it needs rectrack on the PATH and sh.
#
#   scripts/ci-records.sh RECORDS_DIR [PUBLISHED_REPORT AS_AT_DATE]
#
# 1. every file is valid ('rectrack check'; JSON verdicts in check.json);
# 2. the files' meaning round-trips: imported into a scratch database A
#    and exported into an empty directory T1, which imported into B and
#    exported into T2 gives the same files (the hand-written files
#    themselves are not compared byte for byte: comments, quoting and
#    indentation are theirs, and 'export --dir' keeps them); and
#    'export --dir' into a copy of the files changes nothing (each file
#    where export writes it, holding only its own records);
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

echo "== 2. the files' meaning round-trips"
# shellcheck disable=SC2086
if rectrack --db "$tmp/ci.db" import $files > "$tmp/import.out"; then
	tail -1 "$tmp/import.out"
	if rectrack --db "$tmp/ci.db" export --dir "$tmp/t1" 2>/dev/null &&
	    rectrack --db "$tmp/b.db" import "$tmp"/t1/*/*.yaml \
	    > "$tmp/import-b.out" &&
	    rectrack --db "$tmp/b.db" export --dir "$tmp/t2" 2>/dev/null &&
	    diff -ru "$tmp/t1" "$tmp/t2" > "$tmp/diff"; then
		echo "ok: the files' meaning round-trips through export"
	else
		echo "ci-records: the files do not round-trip through" \
		    "import and export:" >&2
		cat "$tmp/import-b.out" "$tmp/diff" >&2 2>/dev/null
		status=1
	fi
	# and export --dir into a copy of them changes nothing: no file
	# to add (a file not named after its review), none to rewrite (a
	# file holding another file's records), none to edit
	cp -R "$records" "$tmp/same"
	if rectrack --db "$tmp/ci.db" export --dir "$tmp/same" \
	    > "$tmp/same.out" 2>&1 &&
	    diff -ru "$records" "$tmp/same" > "$tmp/same.diff"; then
		echo "ok: export --dir leaves the files as they are"
	else
		echo "ci-records: 'rectrack export --dir $records' would" \
		    "change the files (lay them out as it does, one file per" \
		    "review named after it, and commit):" >&2
		cat "$tmp/same.out" "$tmp/same.diff" >&2 2>/dev/null
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
