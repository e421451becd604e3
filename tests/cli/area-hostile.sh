#!/bin/sh
# area-hostile.sh: hostile text already in the database, written around
# rectrack straight into SQLite: every output stays valid and inert.
. "$(dirname "$0")/lib.sh"

HD=$TMP/hostile.db
$RAW_BIN --db "$HD" import tests/fixtures/track/hostile.yaml >/dev/null
env RECTRACK_USER='<b>x</b>' $RAW_BIN --db "$HD" set hostile/1 --owner '=HYPERLINK("http://evil","x")' >/dev/null
env RECTRACK_USER='"><img src=x onerror=alert(1)>' $RAW_BIN --db "$HD" status hostile/1 in-progress --note '</style><script>alert(2)</script>]]>|pipe|' >/dev/null

XD=$TMP/xdb.db
cp "$HD" "$XD"
sqlite3 "$XD" "UPDATE recs SET text = 'wipe' || char(27) || '[2J' || CAST(X'FF00FE' AS TEXT) || ' nul' || CAST(X'00' AS TEXT) || 'x U+2028:' || char(8232) || ' emoji:' || char(128203) || ' bell' || char(7) WHERE ref = '2'; UPDATE committees SET name = name || char(27) || ']0;title' || char(7)"
for fmt in table csv json markdown; do
	run xd-list-$fmt 0 $BIN --db "$XD" list --format $fmt
	check "! grep -q \"\$(printf '\\033')\" $TMP/xd-list-$fmt.out && ! grep -q \"\$(printf '\\007')\" $TMP/xd-list-$fmt.out" "list --format $fmt wrote a control character"
	check "python3 -c \"open('$TMP/xd-list-$fmt.out', encoding='utf-8').read()\"" "list --format $fmt is not UTF-8"
done
check "jq -e '.[1].text | test(\"wipe\")' < $TMP/xd-list-json.out >/dev/null" "list json lost the text"
for fmt in markdown html csv json; do
	run xd-report-$fmt 0 $BIN --db "$XD" report --format $fmt
	check "! grep -q \"\$(printf '\\033')\" $TMP/xd-report-$fmt.out" "report --format $fmt wrote ESC"
	check "python3 -c \"open('$TMP/xd-report-$fmt.out', encoding='utf-8').read()\"" "report --format $fmt is not UTF-8"
done
check "python3 tests/cli/html_tags.py $TMP/xd-report-html.out" "report html made markup"
check "jq . < $TMP/xd-report-json.out >/dev/null" "report json does not parse"
run xd-show 0 $BIN --db "$XD" show hostile/2
check "! grep -q \"\$(printf '\\033')\" $TMP/xd-show.out" "show wrote ESC"
run xd-export 0 $BIN --db "$XD" export
run xd-export-check 0 $BIN check "$TMP/xd-export.out"
run xd-search 0 $BIN --db "$XD" search wipe
check "! grep -q \"\$(printf '\\033')\" $TMP/xd-search.out" "search wrote ESC"
run xd-err 1 $BIN --db "$XD" show "$(printf 'x\033[2J/1')"
check "! grep -q \"\$(printf '\\033')\" $TMP/xd-err.err" "an error message wrote ESC"

finish hostile
