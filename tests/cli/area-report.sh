#!/bin/sh
# area-report.sh: the progress report in every format, its files, and
# hostile text kept inert.
. "$(dirname "$0")/lib.sh"

DB=$TMP/t.db
RT="$BIN --db $DB"
fresh "$DB"

# one status change by a clerk, for the report's updates since a date
env RECTRACK_USER=clerk $RAW_BIN --db "$DB" status islington-2024-childrens-workforce/4 agreed --note "Agreed at committee" >/dev/null
# a target date set, then moved twice, with progress between the moves:
# the report shows the first and the revised date, "moved 2 times", each
# move with its reason, and the progress note (not a move's reason) as
# the latest progress
M=islington-2024-childrens-workforce/2
{ env RECTRACK_USER=clerk $RAW_BIN --db "$DB" --today 2026-03-01 set $M --due 2026-03-31 --owner "Director of Housing" &&
env RECTRACK_USER=clerk $RAW_BIN --db "$DB" --today 2026-04-15 set $M --due 2026-06-30 --reason "Consultation extended" &&
env RECTRACK_USER=clerk $RAW_BIN --db "$DB" --today 2026-06-01 status $M agreed --note "Key worker housing options paper drafted" &&
env RECTRACK_USER=clerk $RAW_BIN --db "$DB" --today 2026-07-01 set $M --due 2026-12-31 --reason "Waiting for the housing strategy"; } >/dev/null ||
	bad "cannot move $M's target date twice"

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
check "python3 -c \"import csv,sys; r=list(csv.reader(open('$TMP/rep-csv.out', encoding='utf-8-sig', newline=''))); assert len(r)==39 and r[0][:3]==['Committee', 'Review', 'Ref'], r[0]\"" "report csv does not parse to 38 rows with plain-English headings"
check "[ \"\$(head -c 3 $TMP/rep-csv.out | od -An -tx1 | tr -d ' ')\" = efbbbf ]" "report csv has no UTF-8 byte-order mark"
check "[ \"\$(head -1 $TMP/rep-csv.out | od -An -c | tr -d ' \n' | tail -c 4)\" = '\\r\\n' ]" "report csv lines do not end with CRLF"

# --- what members read (issue 18): the full text, the response and its
# actions, the target date as first set and as revised, in every format -
C="--committee children's"
run rep-c-json 0 $RT report $C --format json
run rep-c-md 0 $RT report $C --format markdown
run rep-c-html 0 $RT report $C --format html
run rep-c-csv 0 $RT report $C --format csv
run rep-c-xlsx 0 $RT report $C --format xlsx --output "$TMP/c.xlsx"
empty rep-c-xlsx out
run rep-c-xlsx-read 0 python3 tests/cli/xlsx_read.py "$TMP/c.xlsx"
run rep-c-all 0 python3 tests/cli/report_check.py "$TMP/rep-c-json.out" "$TMP/rep-c-md.out" "$TMP/rep-c-html.out" "$TMP/rep-c-csv.out" "$TMP/rep-c-xlsx-read.out" $M 2026-03-31 2026-12-31 2
check "[ \"\$(jq -r '[.committees[].reviews[].recommendations[] | select(.handle == \"'$M'\")][0] | .latest_progress.date + \" \" + .latest_progress.note' $TMP/rep-c-json.out)\" = '2026-06-01 Key worker housing options paper drafted' ]" "a target date's move is taken for the latest progress"
check "[ \"\$(jq -r '[.committees[].reviews[].recommendations[] | select(.handle == \"'$M'\")][0].due_moves | map(.date + \" \" + .from + \" \" + .to + \" \" + .reason) | join(\";\")' $TMP/rep-c-json.out)\" = '2026-04-15 2026-03-31 2026-06-30 Consultation extended;2026-07-01 2026-06-30 2026-12-31 Waiting for the housing strategy' ]" "the target date's moves and their reasons"
has rep-c-md out "- **Latest progress:** 2026-06-01: Key worker housing options paper drafted"
has rep-c-md out "  - 2026-07-01: 2026-06-30 → 2026-12-31 (Waiting for the housing strategy)"
has rep-c-md out "<small>islington-2023-making-children-visible/1</small>"
has rep-c-html out '<small class="handle">islington-2023-making-children-visible/1</small>'
# the spreadsheet: its sheets, header, a date cell, a RAG colour
check "jq -e '.sheets | map(.name) == [\"Recommendations\", \"Actions\"]' $TMP/rep-c-xlsx-read.out >/dev/null" "xlsx sheets"
check "jq -e '.sheets[0].rows[0][2].v == \"Ref\" and .sheets[0].rows[0][4].v == \"Recommendation\" and .sheets[1].rows[0][1].v == \"Action\"' $TMP/rep-c-xlsx-read.out >/dev/null" "xlsx header rows"
check "jq -e '[.sheets[0].rows[1:][] | select(.[2].v == \"1\" and .[1].v == \"Making Children Visible\")][0][11] | .type == \"n\" and .date and .v == 45400' $TMP/rep-c-xlsx-read.out >/dev/null" "xlsx: the response date 2024-04-18 is not a date cell"
check "jq -e '[.sheets[0].rows[1:][] | .[6] | select(.v == \"Amber\")][0].fill == \"FFFFC000\"' $TMP/rep-c-xlsx-read.out >/dev/null" "xlsx: an amber RAG cell is not filled amber"
check "jq -e '[.sheets[0].rows[1:][][4]] | all(.wrap)' $TMP/rep-c-xlsx-read.out >/dev/null" "xlsx: the recommendation text is not wrapped"
run rep-c-xlsx2 0 $RT report $C --format xlsx --output "$TMP/c2.xlsx"
check "cmp -s $TMP/c.xlsx $TMP/c2.xlsx" "the xlsx report is not deterministic"
# xlsx needs a file: never to standard output
run rep-xlsx-stdout 2 $RT report --format xlsx
has rep-xlsx-stdout err "--format xlsx writes a file: give --output FILE"
empty rep-xlsx-stdout out
# nor to a terminal named as the file (/dev/tty, /dev/stdout on one)
if command -v script >/dev/null 2>&1; then
	run rep-xlsx-tty 0 script -qec "$RAW_BIN --db $DB report --format xlsx --output /dev/tty; echo rc=\$?" /dev/null
	has rep-xlsx-tty out "will not write a spreadsheet to a terminal"
	has rep-xlsx-tty out "rc=2"
fi
run rep-xlsx-bad 1 $RT report --format xlsx --output "$TMP/nodir/r.xlsx"
check "[ ! -e $TMP/nodir ] && [ -z \"\$(ls \${TMPDIR:-/tmp} | grep '^rectrack-xlsx\\.')\" ]" "a failed xlsx --output left a file"
# the paper's heading and meeting
MEET="Children's Services Scrutiny Committee, 12 March 2027, item 7"
run rep-title 0 $RT report $C --format html --title "Recommendations tracker" --meeting "$MEET"
has rep-title out "<h1>Recommendations tracker</h1>"
has rep-title out "<p class=\"meeting\">Children&#39;s Services Scrutiny Committee, 12 March 2027, item 7</p>"
run rep-title-md 0 $RT report $C --title "Recommendations tracker" --meeting "$MEET"
check "[ \"\$(sed -n 1p $TMP/rep-title-md.out)\" = '# Recommendations tracker' ] && [ \"\$(sed -n 3p $TMP/rep-title-md.out)\" = \"**\$MEET**\" ]" "markdown: the title and meeting do not head the paper"
run rep-title-json 0 $RT report $C --format json --meeting "$MEET"
check "[ \"\$(jq -r '.title + \" / \" + .meeting' $TMP/rep-title-json.out)\" = \"Scrutiny recommendations: status report / \$MEET\" ]" "json: title and meeting"
# --since: status changes, target-date moves and RAG changes
run rep-since 0 $RT report $C --format json --since 2026-04-01
check "[ \"\$(jq -r '.updates_since | map(.date + \" \" + (.due_moved | tostring)) | join(\",\")' $TMP/rep-since.out)\" = '2026-04-15 true,2026-06-01 false,2026-07-01 true,2026-11-22 false' ]" "--since: the updates and which moved a date"
check "jq -e '.rag_changes | type == \"array\"' $TMP/rep-since.out >/dev/null" "--since: no rag_changes"
run rep-since-md 0 $RT report $C --since 2026-04-01
has rep-since-md out "<small>islington-2024-childrens-workforce/2</small> | target date moved to 2026-12-31 | clerk | Waiting for the housing strategy |"
has rep-since-md out "### RAG changes"
has rep-since-md out "## Awaiting sign-off"
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
check "grep -qF \"| 3 | \$(python3 -c 'print(\"€\" * 140 + \"…\")') |\" $TMP/rep-h-md.out" "a long word is not cut at 140 characters"
check "[ \"\$(jq -r '.committees[0].reviews[0].recommendations[2].text | length' < $TMP/rep-h-json.out)\" -gt 141 ]" "the json report does not carry the full text"
check "python3 -c \"import csv; r=list(csv.DictReader(open('$TMP/rep-h-csv.out', encoding='utf-8-sig', newline=''))); row=r[0]; assert row['Lead officer']=='\\'=HYPERLINK(\\\"http://evil\\\",\\\"x\\\")', row; assert row['Title'].startswith(\\\"'=\\\") and row['Recommendation'].startswith(\\\"'+\\\"), row; assert all(not c.startswith(('=','+','-','@')) for c in row.values()), row\"" "formula injection not neutralised in csv"
run rep-h-xlsx 0 $BIN --db "$HD" report --format xlsx --output "$TMP/h.xlsx"
run rep-h-xlsx-read 0 python3 tests/cli/xlsx_read.py "$TMP/h.xlsx"
check "jq -e '[.sheets[0].rows[1:][] | .[9].v] | index(\"=HYPERLINK(\\\"http://evil\\\",\\\"x\\\")\") != null' $TMP/rep-h-xlsx-read.out >/dev/null" "hostile text not kept verbatim (as text) in xlsx"

# --- each recommendation's own response due date (response_within) ----------
K="$TMP/keys.db"
$RAW_BIN --db "$K" import tests/fixtures/rag/keys.yaml >/dev/null 2>&1
run keys-json 0 $BIN --db "$K" --today 2026-12-20 report --format json
check "[ \"\$(jq -r '.. | objects | select(.handle? == \"referral/2\") | .response_due' $TMP/keys-json.out | sort -u)\" = 2027-01-20 ]" \
    "the report gives referral/2 its review's response due date, not its own three months"
run keys-csv 0 $BIN --db "$K" --today 2026-12-20 report --format csv
check "grep -a ',referral/2.$' $TMP/keys-csv.out | grep -q 2027-01-20 && ! grep -a ',referral/2.$' $TMP/keys-csv.out | grep -q 2026-11-17" \
    "the report's CSV gives referral/2 its review's response due date"
# --- a target date edited into markup is text, in every place it is shown ---
cp "$K" "$TMP/evil.db"
sqlite3 "$TMP/evil.db" "DROP TRIGGER IF EXISTS updates_no_update; UPDATE updates SET due = '<b>x</b>|y' WHERE id = (SELECT min(id) FROM updates WHERE due IS NOT NULL)"
run evil-html 0 $BIN --db "$TMP/evil.db" --today 2026-12-20 report --since 2020-01-01 --format html
lacks evil-html out "<b>x</b>"
run evil-md 0 $BIN --db "$TMP/evil.db" --today 2026-12-20 report --since 2020-01-01 --format markdown
lacks evil-md out "<b>x</b>"
lacks evil-md out "</b>|y"

# --- the spreadsheet's limits are Excel's: characters, not columns ----------
# 40,000 zero-width characters are over the cell limit though none is wide;
# a title of 100 'R&D ' fits the 255-character page header once cut
cp "$K" "$TMP/long.db"
sqlite3 "$TMP/long.db" "UPDATE recs SET text = (WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < 40000) SELECT group_concat(char(8203), '') FROM c) WHERE id = (SELECT min(id) FROM recs)"
run xlsx-zw 0 $BIN --db "$TMP/long.db" --today 2026-12-20 report --format xlsx --output "$TMP/zw.xlsx"
run xlsx-title 0 $BIN --db "$K" --today 2026-12-20 report --format xlsx --title "$(python3 -c "print('R&D ' * 100)")" --output "$TMP/title.xlsx"
# a date before Excel's calendar is text, not a negative serial
cp "$K" "$TMP/old.db"
sqlite3 "$TMP/old.db" "DROP TRIGGER IF EXISTS response_history_no_update; UPDATE responses SET date = '1800-01-01' WHERE rec_id = (SELECT min(rec_id) FROM responses)"
run xlsx-1800 0 $BIN --db "$TMP/old.db" --today 2026-12-20 report --format xlsx --output "$TMP/old.xlsx"
check "python3 -c \"import zipfile,sys; x=zipfile.ZipFile('$TMP/old.xlsx').read('xl/worksheets/sheet1.xml').decode(); sys.exit('<v>-' in x)\" && python3 -c \"import zipfile,sys; x=zipfile.ZipFile('$TMP/old.xlsx').read('xl/sharedStrings.xml').decode(); sys.exit('1800-01-01' not in x)\"" \
    "a response dated 1800 became a negative date serial in the spreadsheet"

finish report
