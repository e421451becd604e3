#!/bin/sh
# area-report.sh: the progress report in every format, its files, and
# hostile text kept inert.
. "$(dirname "$0")/lib.sh"

DB=$TMP/t.db
RT="$BIN --db $DB"
fresh "$DB"

# one status change by a clerk, for the report's updates since a date
env RECTRACK_USER=clerk $RAW_BIN --db "$DB" status islington-2024-childrens-workforce/4 agreed --note "Agreed at committee" >/dev/null

# --- the markdown report (case rep-md), HTML, CSV ---------------------------
cases report
run rep-md2 0 $RT report --committee "children's services" --since 2026-01-01
check "cmp -s $TMP/rep-md.out $TMP/rep-md2.out" "the report is not deterministic"
run rep-html 0 $RT report --format html --output "$TMP/r.html"
run rep-html2 0 $RT report --format html
check "cmp -s $TMP/r.html $TMP/rep-html2.out" "--output differs from standard output"
has rep-html2 out "Content-Security-Policy"
has rep-html2 out '<svg class="chart"'
has rep-html2 out "rag rag-amber\">Amber</span>"
check "! grep -qi '<script' $TMP/r.html" "a script in the HTML report"
check "[ \"\$(grep -o 'https\?://[^\"]*' $TMP/r.html | sort -u)\" = 'http://www.w3.org/2000/svg' ]" "an external resource in the HTML report"
run rep-csv 0 $RT report --format csv
check "python3 -c \"import csv,sys; r=list(csv.reader(open('$TMP/rep-csv.out', newline=''))); assert len(r)==39 and r[0][0]=='committee', r[0]\"" "report csv does not parse to 38 rows"
run rep-bad-out 1 $RT report --output "$TMP/nodir/r.html" --format html
check "[ ! -e $TMP/nodir ]" "a failed report --output left something"
run rep-fmt 2 $RT report --format pdf
# hostile text stays inert in every format
HD=$TMP/hostile.db
run rep-hostile-import 0 $BIN --db "$HD" import tests/fixtures/track/hostile.yaml
run rep-hostile-set 0 env RECTRACK_USER='<b>x</b>' $BIN --db "$HD" set hostile/1 --owner '=HYPERLINK("http://evil","x")'
run rep-hostile-st 0 env RECTRACK_USER='"><img src=x onerror=alert(1)>' $BIN --db "$HD" status hostile/1 in-progress --note '</style><script>alert(2)</script>]]>|pipe|'
run rep-h-html 0 $BIN --db "$HD" report --format html
check "python3 tests/cli/html_tags.py $TMP/rep-h-html.out" "hostile text made HTML elements"
check "grep -qF '&lt;script&gt;alert(1)&lt;/script&gt;' $TMP/rep-h-html.out" "hostile text not escaped in HTML"
run rep-h-md 0 $BIN --db "$HD" report --format markdown
check "! grep -q '<script' $TMP/rep-h-md.out && grep -qF '\|pipe\|' $TMP/rep-h-md.out" "hostile text in markdown"
run rep-h-json 0 $BIN --db "$HD" report --format json
check "[ \"\$(jq -r '.committees[0].name' < $TMP/rep-h-json.out)\" = '<script>alert(1)</script> & \"Co\" | Committee' ]" "hostile text changed in json"
run rep-h-csv 0 $BIN --db "$HD" report --format csv
check "python3 -c \"import sys; [open(f, encoding='utf-8', newline='').read() for f in sys.argv[1:]]\" $TMP/rep-h-csv.out $TMP/rep-h-md.out $TMP/rep-h-html.out" "a report is not valid UTF-8 (a cut inside a character)"
check "[ \"\$(jq -r '.committees[0].reviews[0].recommendations[2].text' < $TMP/rep-h-json.out)\" = \"\$(python3 -c 'print(\"€\" * 140 + \"…\")')\" ]" "a long word is not cut at 140 characters"
check "python3 -c \"import csv; r=list(csv.reader(open('$TMP/rep-h-csv.out', newline=''))); row=r[1]; assert row[7]=='\\'=HYPERLINK(\\\"http://evil\\\",\\\"x\\\")', row[7]; assert row[4].startswith(\\\"'=\\\"), row[4]; assert all(not c.startswith(('=','+','-','@')) for c in row), row\"" "formula injection not neutralised in csv"

finish report
