#!/bin/sh
# area-month.sh: dates to the month (format.md, "Dates to the month"). A
# 'due' (of a recommendation, update or action) or a review's 'published'
# written YYYY-MM is kept and exported as written, and means the month's
# last day for everything derived from it: RAG, overdue, due within 30
# days, stale, slipped, list --due-before and --sort due, chase, show, the
# report (the xlsx writes a date cell shown "Nov 2026"). Every door takes
# it: import and check, set --due, action add --due, return forms; draft
# writes it. Dates written as people write them ("January 2023",
# "31/01/2023") are refused with the form to write instead.
. "$(dirname "$0")/lib.sh"

F=tests/fixtures/month
DB=$TMP/m.db
RT="$BIN --db $DB"

# --- import, check, and the round trip ---------------------------------------
run check-ok 0 $BIN check $F/month-2026.yaml $F/month-2026-spring.yaml
has check-ok out "2 files ok, 4 recommendations"
run import 0 $RT import $F/month-2026.yaml $F/month-2026-spring.yaml
check "[ \"\$(q $DB 'SELECT ref, due FROM recs ORDER BY id')\" = '1|2026-11
2|2026-12
3|2026-12-20
1|2027-03' ]" "the months are not stored as written"
check "[ \"\$(q $DB 'SELECT published FROM reviews ORDER BY id')\" = '2026-09
2026-05' ]" "published is not stored as written"
check "[ \"\$(q $DB 'SELECT due FROM updates ORDER BY id')\" = '2026-12-31
2027-01' ]" "an update's due is not stored as written"
check "[ \"\$(q $DB 'SELECT due FROM actions')\" = '2026-11' ]" \
    "an action's due is not stored as written"
run export 0 $RT export --dir $TMP/ex
check "cmp -s $TMP/ex/month-scrutiny/month-2026.yaml $F/month-2026.yaml" \
    "the export is not the file, byte for byte"
check "cmp -s $TMP/ex/month-scrutiny/month-2026-spring.yaml $F/month-2026-spring.yaml" \
    "the spring export is not the file, byte for byte"
run verify 0 $RT verify

# --- derived fields around the end of the month ------------------------------
# each: handle, due, rag, reason, overdue, stale, slipped
derived() {
	run "d-$1" 0 $RT --today "$1" list --format json
	jq -c '.[] | [.handle, .due, .rag, .rag_reason, .overdue, .stale,
	    .slipped]' "$TMP/d-$1.out" > "$TMP/d-$1.rows"
}
derived 2026-11-22
check "[ \"\$(cat $TMP/d-2026-11-22.rows)\" = '[\"month-2026/1\",\"2026-11\",\"amber\",\"target date 2026-11 within 30 days\",false,false,0]
[\"month-2026/2\",\"2026-12-31\",\"green\",\"\",false,false,0]
[\"month-2026/3\",\"2027-01\",\"green\",\"\",false,false,1]
[\"month-2026-spring/1\",\"2027-03\",\"amber\",\"awaiting a response; the date it is due from is not stated\",false,false,0]' ]" \
    "derived on 2026-11-22: $(cat "$TMP/d-2026-11-22.rows")"
# the month's last day: not yet passed (as text, 2026-11 < 2026-11-30)
derived 2026-11-30
check "jq -e -s 'map(select(.[0] == \"month-2026/1\"))[0] | .[2] == \"amber\" and .[4] == false' $TMP/d-2026-11-30.rows >/dev/null" \
    "2026-11 is overdue on 2026-11-30"
# the day after: passed
derived 2026-12-01
check "grep -qxF '[\"month-2026/1\",\"2026-11\",\"red\",\"target date 2026-11 passed\",true,false,0]' $TMP/d-2026-12-01.rows" \
    "2026-11 is not overdue on 2026-12-01"
# published 2026-05 is 2026-05-31: stale from 2026-12-01, not on 2026-11-30
# (six months before it is 2026-05-30)
check "jq -e -s 'map(select(.[0] == \"month-2026-spring/1\"))[0] | .[5] == false' $TMP/d-2026-11-30.rows >/dev/null" \
    "published 2026-05 is stale on 2026-11-30"
check "grep -qxF '[\"month-2026-spring/1\",\"2027-03\",\"amber\",\"awaiting a response; the date it is due from is not stated; nothing recorded since 2026-05\",false,true,0]' $TMP/d-2026-12-01.rows" \
    "published 2026-05 is not stale on 2026-12-01"
# due within 30 days: 2026-12 is 2026-12-31, within 30 days of 2026-12-01
# only from then (2026-11-30 + 30 is 2026-12-30)
run soon 0 $RT --today 2026-12-01 show month-2026/2
has soon out "RAG          amber: target date 2026-12-31 within 30 days"

# --- list ---------------------------------------------------------------------
run before-30 0 $RT --today 2026-11-22 list --due-before 2026-11-30 --format json
check "[ \"\$(jq length $TMP/before-30.out)\" = 0 ]" \
    "list --due-before 2026-11-30 lists 2026-11 (its last day is not before)"
run before-1 0 $RT --today 2026-11-22 list --due-before 2026-12-01 --format json
check "[ \"\$(jq -c '[.[].handle]' $TMP/before-1.out)\" = '[\"month-2026/1\"]' ]" \
    "list --due-before 2026-12-01: $(cat "$TMP/before-1.out")"
run sort 0 $RT list --sort due --format json
check "[ \"\$(jq -c '[.[].due]' $TMP/sort.out)\" = '[\"2026-11\",\"2026-12-31\",\"2027-01\",\"2027-03\"]' ]" \
    "list --sort due: $(jq -c '[.[].due]' "$TMP/sort.out")"
run show 0 $RT --today 2026-12-02 show month-2026/1
has show out "Due          2026-11"
has show out "#1 A1 [open, overdue] Parks Officer, due 2026-11"
has show out "  - the target date, 2026-11, has passed (2 days overdue)"
has show out "  - action A1 (#1), due 2026-11, is still open (2 days overdue)"

# --- chase ----------------------------------------------------------------------
run chase-30 0 $RT --today 2026-11-30 chase
has chase-30 out "    - target date 2026-11 ends today"
has chase-30 out "    - due date 2026-11 ends today"
run chase-29 0 $RT --today 2026-11-29 chase --format json
check "[ \"\$(jq -c '[.[].items[] | .handle // .number]' $TMP/chase-29.out)\" = '[\"month-2026-spring/1\"]' ]" \
    "chase on 2026-11-29 lists what is due 2026-11: $(cat "$TMP/chase-29.out")"
run chase-1 0 $RT --today 2026-12-01 chase --format json
check "[ \"\$(jq -c '[.[].items[] | [.handle // .number, .reasons[0]]]' $TMP/chase-1.out)\" = '[[\"month-2026/1\",\"target date 2026-11 passed\"],[\"month-2026-spring/1\",\"awaiting a response; the date it is due from is not stated\"],[1,\"due date 2026-11 passed\"]]' ]" \
    "chase on 2026-12-01: $(cat "$TMP/chase-1.out")"
run chase-before 0 $RT --today 2026-11-22 chase --before 2026-11-30 --format json
check "jq -e '[.[].items[].reasons[]] | index(\"target date 2026-11 is on or before 2026-11-30\") != null' $TMP/chase-before.out >/dev/null" \
    "chase --before 2026-11-30 does not list 2026-11"

# --- report -----------------------------------------------------------------------
run rep-json 0 $RT --today 2026-12-01 report --format json
check "jq -e '[.. | objects | select(.handle? == \"month-2026/1\")][0] | .due == \"2026-11\" and .overdue == true' $TMP/rep-json.out >/dev/null" \
    "report json: month-2026/1 not due 2026-11 and overdue"
run rep-csv 0 $RT --today 2026-11-22 report --format csv
has rep-csv out "Agreed.,,2026-12,2026-12-31,0,,2026-10-20,The day confirmed.,No"
has rep-csv out "Agreed.,,2026-12-20,2027-01,1,"
run rep-md 0 $RT --today 2026-12-01 report --format markdown
has rep-md out "2026-11"
run rep-xlsx 0 $RT --today 2026-11-22 report --format xlsx --output $TMP/r.xlsx
run rep-xlsx-read 0 python3 tests/cli/xlsx_read.py $TMP/r.xlsx
# target date (current), column P: 2026-11 as the date of 2026-11-30
# (Excel's day 46356), in a month's format
check "jq -e '.sheets[0].rows[1][15] | .type == \"n\" and .date and .v == 46356' $TMP/rep-xlsx-read.out >/dev/null" \
    "xlsx: 2026-11 is not the date cell of 2026-11-30"
check "jq -e '.sheets[0].rows[2][15] | .v == 46387' $TMP/rep-xlsx-read.out >/dev/null" \
    "xlsx: 2026-12-31 is not a date cell"
check "unzip -p $TMP/r.xlsx xl/styles.xml | grep -qF 'formatCode=\"mmm yyyy\"'" \
    "xlsx: no month format"

# --- set --due and action add --due ------------------------------------------------
cp $DB $TMP/s.db
S="$BIN --db $TMP/s.db --today 2026-11-22"
run set-month 0 $S set month-2026-spring/1 --due 2027-03-31
has set-month out "month-2026-spring/1: target date 2027-03 now written 2027-03-31 (the same day)"
# the report does not show the same day written otherwise as a move
run set-month-rep 0 $S report --review month-2026-spring --format markdown
check "grep -q '2027-03-31' $TMP/set-month-rep.out && ! grep -q 'first set 2027-03' $TMP/set-month-rep.out" \
    "report: the same day written otherwise shown as a move: $(grep -o '2027-03[^,]*' $TMP/set-month-rep.out | head -3)"
run set-slip 1 $S set month-2026-spring/1 --due 2027-04
has set-slip err "rectrack: month-2026-spring/1: the target date is already 2027-03-31; moving it needs --reason"
run set-slip2 0 $S set month-2026-spring/1 --due 2027-04 --reason "Survey late"
has set-slip2 out "month-2026-spring/1: target date moved from 2027-03-31 to 2027-04"
run set-show 0 $S show month-2026-spring/1 --format json
check "[ \"\$(jq -c '[.due, .slipped]' $TMP/set-show.out)\" = '[\"2027-04\",1]' ]" \
    "set: the same day written otherwise counted as a slip: $(jq -c '[.due, .slipped]' "$TMP/set-show.out")"
run set-first 0 $S set month-2026/3 --due 2027-03 --reason "Phase two"
check "[ \"\$(q $TMP/s.db \"SELECT due FROM updates ORDER BY id DESC LIMIT 1\")\" = 2027-03 ]" \
    "set --due 2027-03 not stored as written"
run set-words 2 $S set month-2026/3 --due "March 2027"
has set-words err "rectrack: set: --due 'March 2027' is not a date: write a month as YYYY-MM, here 2027-03 (it means the month's last day)"
run set-bad 2 $S set month-2026/3 --due 2027-13
has set-bad err "rectrack: set: --due '2027-13' is not a date: write dates as YYYY-MM-DD, or YYYY-MM for a month"
run set-date 2 $S set month-2026/3 --due 2027-03 --reason x --date 2026-12
has set-date err "rectrack: set: --date '2026-12' is not a date: 'date' needs the day: write 2026-12-DD (only 'due' and 'published' may be a month)"
run act-month 0 $S action add month-2026/1 "Report to members" --due 2027-02
run act-json 0 $S --today 2027-02-28 actions --format json
check "[ \"\$(jq -c '[.[] | [.due, .overdue]]' $TMP/act-json.out)\" = '[[\"2026-11\",true],[\"2027-02\",false]]' ]" \
    "actions on 2027-02-28: $(cat "$TMP/act-json.out")"
run act-words 2 $S action add month-2026/1 "x" --due "31/01/2027"
has act-words err "rectrack: action: --due '31/01/2027' is not a date: write dates as YYYY-MM-DD, here 2027-01-31"
run s-export 0 $S export --dir $TMP/sx
check "grep -qxF '        due: 2027-02' $TMP/sx/month-scrutiny/month-2026.yaml" \
    "the action's month is not exported as written"
run s-reimport 0 $BIN --db $TMP/s2.db import $TMP/sx/month-scrutiny/month-2026.yaml $TMP/sx/month-scrutiny/month-2026-spring.yaml
run s-export2 0 $BIN --db $TMP/s2.db export --dir $TMP/sx2
check "diff -r $TMP/sx $TMP/sx2 >/dev/null" "the months recorded on the command line do not round-trip"

# --- return forms -------------------------------------------------------------------
cp $DB $TMP/r.db
R="$BIN --db $TMP/r.db --today 2026-11-22"
run forms 0 $R chase --forms $TMP/forms
FORM=$TMP/forms/head-of-parks.csv
has forms err "rectrack: wrote $FORM (1 recommendation)"
check "grep -qF 'A revised target date may be a month, YYYY-MM (its last day)' $FORM" \
    "the form does not say a month is taken"
sed 's/2027-03,,,,,,/2027-03,,,,2027-06,Survey late,/' $FORM > $TMP/good.csv
sed 's/2027-03,,,,,,/2027-03,,,,June 2027,Survey late,/' $FORM > $TMP/bad.csv
before=$(dump $TMP/r.db)
run ret-bad 1 $R returns $TMP/bad.csv
has ret-bad err "$TMP/bad.csv:4:9: column I (Revised target date): 'June 2027' is not a date: write a month as YYYY-MM, here 2027-06 (it means the month's last day)"
check "[ \"\$(dump $TMP/r.db)\" = \"$before\" ]" "a refused form changed the database"
run ret-good 0 $R returns $TMP/good.csv
has ret-good out "month-2026-spring/1: agreed, target date 2027-06 (2026-11-22, by Head of Parks)"
check "[ \"\$(q $TMP/r.db \"SELECT due FROM updates ORDER BY id DESC LIMIT 1\")\" = 2027-06 ]" \
    "the form's month is not stored as written"
run ret-again 0 $R returns $TMP/good.csv
has ret-again out "0 updates recorded from 1 form (0 rows blank, 1 already recorded)"

# --- draft ---------------------------------------------------------------------------
printf 'Recommendations\n\nR1 The Council should open the libraries on Sundays.\nTarget date: end Nov 2027\n' > $TMP/doc.txt
run draft 0 $BIN draft $TMP/doc.txt --committee month-scrutiny --review sundays
has draft out '        due: "2027-11"  # check: stated as a month, which means its last day'
cp $TMP/draft.out $TMP/draft.yaml
run draft-check 0 $BIN check $TMP/draft.yaml

# --- dates as people write them: the form to write instead -------------------------------
B=$F/bad-dates.yaml
run bad-check 1 $BIN check $B
run bad-import 1 $BIN --db $TMP/bad.db import $B
for cmd in check import; do
	has bad-$cmd err "$B:11:14: invalid date 'Jan 2023': write a month as YYYY-MM, here 2023-01 (it means the month's last day)"
	has bad-$cmd err "$B:12:14: invalid date '2023-01': 'submitted' needs the day: write 2023-01-DD (only 'due' and 'published' may be a month)"
	has bad-$cmd err "$B:16:10: invalid date 'January 2023': write a month as YYYY-MM, here 2023-01 (it means the month's last day)"
	has bad-$cmd err "$B:18:13: invalid date '31/01/2023': write dates as YYYY-MM-DD, here 2023-01-31"
	has bad-$cmd err "$B:24:14: invalid date '31 January 2023': write dates as YYYY-MM-DD, here 2023-01-31"
	has bad-$cmd err "$B:26:13: invalid date 'end of January 2023': write dates as YYYY-MM-DD, here 2023-01-31"
	has bad-$cmd err "$B:28:12: invalid date '2023/01/31': write dates as YYYY-MM-DD, here 2023-01-31"
	has bad-$cmd err "$B:31:10: invalid date 'end of March 2023': write a month as YYYY-MM, here 2023-03 (it means the month's last day)"
	has bad-$cmd err "$B:33:13: invalid date 'March 2023': 'date' needs the day: write 2023-03-DD (only 'due' and 'published' may be a month)"
	has bad-$cmd err "$B:35:12: invalid date 'soon': write dates as YYYY-MM-DD, or YYYY-MM for a month"
done
check "[ \$(grep -c 'invalid date' $TMP/bad-check.err) = 10 ]" "not 10 date errors"
check "[ ! -e $TMP/bad.db ] || [ \"\$(q $TMP/bad.db 'SELECT count(*) FROM recs')\" = 0 ]" \
    "a refused import wrote something"
run bad-json 1 $BIN check --format json $B
check "[ \"\$(jq -c '.errors[0] | [.line, .column, .message]' $TMP/bad-json.out)\" = '[11,14,\"invalid date '\"'\"'Jan 2023'\"'\"': write a month as YYYY-MM, here 2023-01 (it means the month'\"'\"'s last day)\"]' ]" \
    "check --format json: $(jq -c '.errors[0]' "$TMP/bad-json.out")"

finish month
