#!/bin/sh
# area-export.sh: export in YAML and JSON, one file or a directory of
# them, round trips through import, and awkward text.
. "$(dirname "$0")/lib.sh"

DB=$TMP/t.db
RT="$BIN --db $DB"
fresh "$DB"

# --- the bundled data: export -> import into an empty database -> export
run ex-1 0 $RT export
run ex-import 0 $BIN --db "$TMP/ex.db" import "$TMP/ex-1.out"
has ex-import out "128 added"
run ex-2 0 $BIN --db "$TMP/ex.db" export
check "cmp -s $TMP/ex-1.out $TMP/ex-2.out" "export is not stable across a round trip"
run ex-check 0 $BIN check "$TMP/ex-1.out"
# awkward text comes back exactly
run ex-awk 0 $BIN --db "$TMP/awk1.db" import tests/fixtures/track/roundtrip.yaml
run ex-awk1 0 $BIN --db "$TMP/awk1.db" export
run ex-awk-import 0 $BIN --db "$TMP/awk2.db" import "$TMP/ex-awk1.out"
run ex-awk2 0 $BIN --db "$TMP/awk2.db" export
check "cmp -s $TMP/ex-awk1.out $TMP/ex-awk2.out" "awkward text does not round-trip"
run ex-awk-j1 0 $BIN --db "$TMP/awk1.db" export --format json
run ex-awk-j2 0 $BIN --db "$TMP/awk2.db" show awkward-text/007 --format json
check "[ \"\$(jq -c '.[0].reviews[0].recommendations[0].findings | [.[0], .[1], (.[2] | explode | map(select(. == 8232 or . == 128203)) | length)]' < $TMP/ex-awk-j1.out)\" = '[\"  leading spaces kept\",\"tab\\there\",2]' ]" "findings changed in export"
check "[ \"\$(jq -r '.[0].committee.contact' < $TMP/ex-awk-j1.out)\" = null ]" "the text null was lost"
check "[ \"\$(jq -c '[.title, .owner, .response.text]' < $TMP/ex-awk-j2.out)\" = '[\"| pipe first\",\"@owner\",\"=SUM(A1) is text\"]' ]" "awkward values changed"
run ex-show-yaml 0 $BIN --db "$TMP/awk1.db" show awkward-text/007 --format yaml
has ex-show-yaml out "ref: 007"
# --dir writes one file per review and the meetings; a status change is a
# diff of exactly that update
run ex-dir 0 $RT export --dir "$TMP/records"
check "[ \"\$(cd $TMP/records && find . -type f | sort | tr '\n' ' ')\" = './islington-childrens-services/islington-2023-making-children-visible.yaml ./islington-childrens-services/islington-2024-childrens-workforce.yaml ./islington-childrens-services/meetings.yaml ./slough-people-scrutiny-panel/slough-2023-scf-workforce-strategy.yaml ' ]" "export --dir layout"
run ex-dir-check 0 $BIN check $TMP/records/*/*.yaml
run ex-dir-import 0 sh -c "$BIN --db $TMP/fromdir.db import $TMP/records/*/*.yaml"
run ex-dir-again 0 $BIN --db "$TMP/fromdir.db" export --dir "$TMP/records-again"
check "diff -r $TMP/records $TMP/records-again >/dev/null" "export --dir -> import -> export --dir is not identical"
cp -r "$TMP/records" "$TMP/records.before"
run ex-dir-status 0 env RECTRACK_USER=clerk $RT status islington-2024-childrens-workforce/4 agreed --note "Agreed at committee"
run ex-dir2 0 $RT export --dir "$TMP/records"
diff -r "$TMP/records.before" "$TMP/records" > "$TMP/ex-dir.diff"
check "[ \"\$(grep -c '^[<>]' $TMP/ex-dir.diff)\" = 6 ] && [ \"\$(grep -c '^>' $TMP/ex-dir.diff)\" = 6 ]" "one status change is not a 6-line addition (recorded is one)"
check "grep -q 'note: Agreed at committee' $TMP/ex-dir.diff" "the diff lacks the update"
# scope, formats, files
run ex-json 0 $RT export --format json
run ex-json-import 0 $BIN --db "$TMP/fromjson.db" import "$TMP/ex-json.out"
run ex-json-yaml 0 $BIN --db "$TMP/fromjson.db" export
run ex-json-orig 0 $RT export
check "cmp -s $TMP/ex-json-yaml.out $TMP/ex-json-orig.out" "export --format json does not import back to the same records"
run ex-review 0 $RT export --review islington-2023-making-children-visible --format json
check "[ \"\$(jq -c '[length, (.[0].reviews | length), (.[0].meetings // [] | length)]' < $TMP/ex-review.out)\" = '[1,1,0]' ]" "export --review"
run ex-committee 0 $RT export --committee slough --format json
check "[ \"\$(jq -c '[.[0].committee.id, (.[0].reviews[0].recommendations | length)]' < $TMP/ex-committee.out)\" = '[\"slough-people-scrutiny-panel\",18]' ]" "export --committee"
run ex-output 0 $RT export --output "$TMP/all.yaml"
run ex-stdout 0 $RT export
check "cmp -s $TMP/all.yaml $TMP/ex-stdout.out" "--output differs from standard output"
run ex-output-bad 1 $RT export --output "$TMP/no/such/dir/all.yaml"
check "[ ! -e $TMP/no ]" "a failed --output left something behind"
run ex-both 2 $RT export --output x --dir y
run ex-fmt 2 $RT export --format xml

finish export
