#!/bin/sh
# area-returns.sh: 'rectrack returns', filled-in return forms (the CSV that
# chase --forms writes) recorded as updates: the acceptance path, forms as
# a spreadsheet saves them, re-running a return, --dry-run, several forms
# in one transaction, and every way a form can be wrong, each refused with
# FILE:LINE:COLUMN, its exact message, and the database unchanged.
. "$(dirname "$0")/lib.sh"

F=tests/fixtures/returns
B=$TMP/base.db
H2=islington-2024-childrens-workforce/2
H3=islington-2024-childrens-workforce/3
export RECTRACK_USER=officer

# two recommendations of the Director of Housing, one overdue
run base-import 0 $BIN --db "$B" import data/islington/childrens-workforce-2024.yaml
run base-own2 0 $BIN --db "$B" set $H2 --owner "Director of Housing" --due 2026-10-31
run base-own3 0 $BIN --db "$B" set $H3 --owner "Director of Housing"
run base-agree2 0 $BIN --db "$B" status $H2 agreed --date 2026-06-01
run base-accept2 0 $BIN --db "$B" status $H2 accepted --date 2026-07-01
run base-agree3 0 $BIN --db "$B" status $H3 agreed --date 2026-06-01

# fresh NAME: a copy of the base database as $TMP/NAME.db
fresh_copy() { cp "$B" "$TMP/$1.db"; }

# --- the acceptance path ----------------------------------------------------
fresh_copy acc
A="$BIN --db $TMP/acc.db --today 2026-11-22"
run acc-before 0 $A export
run acc-1 0 $A returns $F/good.csv
check "[ \"\$(cat $TMP/acc-1.out)\" = \"$H2: accepted -> in-progress, progress noted, target date 2027-03-31, RAG amber (2026-11-22, by Director of Housing)
1 row recorded (2 updates) from 1 form (1 row blank, 0 already recorded)\" ]" "returns: what was recorded"
empty acc-1 err
run acc-json 0 $A show $H2 --format json
check "[ \"\$(jq -c '[.status, .due, .stated_rag, (.updates | length), .updates[-2].note, .updates[-2].by, .updates[-1].due, .updates[-1].note]' < $TMP/acc-json.out)\" = '[\"in-progress\",\"2027-03-31\",\"amber\",4,\"Allocation policy draft out for consultation, \\\"key workers\\\" defined\",\"Director of Housing\",\"2027-03-31\",\"Consultation extended\\nto January\"]' ]" "returns: the updates in the database"
run acc-mid 0 $A export
# again: nothing changes, and it says so
run acc-2 0 $A returns $F/good.csv
check "[ \"\$(cat $TMP/acc-2.out)\" = '0 updates recorded from 1 form (1 row blank, 1 already recorded)' ]" "returns again: not 'already recorded'"
run acc-after 0 $A export
check "cmp -s $TMP/acc-mid.out $TMP/acc-after.out" "returns again changed the database"
check "! cmp -s $TMP/acc-before.out $TMP/acc-mid.out" "returns recorded nothing"
# on a later day too (the form's own date decides, not today's)
run acc-3 0 $BIN --db "$TMP/acc.db" --today 2026-12-02 returns $F/good.csv
has acc-3 out "0 updates recorded from 1 form (1 row blank, 1 already recorded)"
# a misspelt status word: refused at its cell, the database unchanged
run acc-bad 1 $A returns $F/bad-status.csv
check "[ \"\$(cat $TMP/acc-bad.err)\" = \"$F/bad-status.csv:4:7: column G (New status): unknown status 'in-progres'; did you mean 'in-progress'? (one of: draft, agreed, accepted, partially-accepted, rejected, in-progress, implemented, not-implemented, withdrawn; blank keeps the current status)
rectrack: 1 error; nothing was recorded\" ]" "a misspelt status: the message"
empty acc-bad out
run acc-end 0 $A export
check "cmp -s $TMP/acc-after.out $TMP/acc-end.out" "a refused form changed the database"
run acc-verify 0 $A verify

# --- as a spreadsheet saves it: no BOM, LF, short rows, DD/MM/YYYY, a "'"
# guard, capitalised words, trailing empty rows --------------------------
fresh_copy rs
run rs-1 0 $BIN --db "$TMP/rs.db" returns $F/resaved.csv
check "[ \"\$(cat $TMP/rs-1.out)\" = \"$H3: agreed -> accepted, progress noted, target date 2027-03-31, RAG green (2026-11-22, by Director of Housing)
1 row recorded (2 updates) from 1 form (1 row blank, 0 already recorded)\" ]" "a re-saved form"
run rs-json 0 $BIN --db "$TMP/rs.db" show $H3 --format json
check "[ \"\$(jq -c '[.status, .due, .stated_rag, .updates[-2].note, .updates[-1].note]' < $TMP/rs-json.out)\" = '[\"accepted\",\"2027-03-31\",\"green\",\"- Pathway agreed with the fostering team\",\"Set at cabinet\"]' ]" "a re-saved form: the updates"
run rs-2 0 $BIN --db "$TMP/rs.db" returns $F/resaved.csv
has rs-2 out "0 updates recorded from 1 form (1 row blank, 1 already recorded)"

# --- --dry-run writes nothing ------------------------------------------------
fresh_copy dry
D0=$(dump "$TMP/dry.db")
run dry-1 0 $BIN --db "$TMP/dry.db" returns --dry-run $F/good.csv $F/resaved.csv
check "[ \"\$(cat $TMP/dry-1.out)\" = \"$H2: accepted -> in-progress, progress noted, target date 2027-03-31, RAG amber (2026-11-22, by Director of Housing)
$H3: agreed -> accepted, progress noted, target date 2027-03-31, RAG green (2026-11-22, by Director of Housing)
2 rows would be recorded (4 updates) from 2 forms (2 rows blank, 0 already recorded); dry run: nothing written\" ]" "--dry-run: what would be recorded"
check "[ \"$D0\" = \"\$(dump $TMP/dry.db)\" ]" "--dry-run wrote to the database"

# --- --by, --date, a form with no owner ---------------------------------------
fresh_copy by
run by-none 1 $BIN --db "$TMP/by.db" returns $F/no-owner.csv
check "[ \"\$(head -1 $TMP/by-none.err)\" = \"$F/no-owner.csv:1:2: the form has no owner (it is the form of recommendations with none) and has updates; give --by NAME, whose return it is\" ]" "no owner, no --by"
# a form with no owner and nothing filled in needs no --by (forms/*.csv)
sed '4,$d' $F/no-owner.csv >"$TMP/no-owner-blank.csv"
printf '%s\r\n' "$H3,3,x,agreed,,,,,,," >>"$TMP/no-owner-blank.csv"
run by-blank 0 $BIN --db "$TMP/by.db" returns "$TMP/no-owner-blank.csv"
has by-blank out "0 updates recorded from 1 form (1 row blank, 0 already recorded)"
run by-1 0 $BIN --db "$TMP/by.db" returns --by "Scrutiny officer" --date 2026-11-20 $F/no-owner.csv
has by-1 out "$H3: agreed -> accepted (2026-11-20, by Scrutiny officer)"
run by-early 1 $BIN --db "$TMP/by.db" returns --by "Scrutiny officer" --date 2026-11-19 $F/resaved.csv
check "[ \"\$(head -1 $TMP/by-early.err)\" = \"$F/resaved.csv:5:7: column G (New status): $H3: an update dated 2026-11-20 is already recorded; the history runs in date order, so --date must be 2026-11-20 or later\" ]" "--date before the history"
run by-bad 1 $BIN --db "$TMP/by.db" returns --by "$(printf 'a\033b')" $F/no-owner.csv
has by-bad err "--by contains a control character"
fresh_copy byempty
run by-empty 0 $BIN --db "$TMP/byempty.db" returns --by "" $F/good.csv
has by-empty out "$H2: accepted -> in-progress, progress noted, target date 2027-03-31, RAG amber (2026-11-22)"
run by-empty-json 0 $BIN --db "$TMP/byempty.db" show $H2 --format json
check "[ \"\$(jq -c '[.updates[-1].by, .updates[-2].by]' < $TMP/by-empty-json.out)\" = '[null,null]' ]" "--by \"\" recorded someone"
run by-date 2 $BIN --db "$TMP/by.db" returns --date 2026-13-01 $F/good.csv

# --- several forms, one transaction: an error in the second writes nothing
# of the first ----------------------------------------------------------------
fresh_copy two
T0=$(dump "$TMP/two.db")
run two-1 1 $BIN --db "$TMP/two.db" returns $F/good.csv $F/bad-handle.csv
check "[ \"\$(cat $TMP/two-1.err)\" = \"$F/bad-handle.csv:5:1: column A (Handle): no recommendation 'islington-2024-childrens-workforce/99' in the database; keep the handle the form gave the row
rectrack: 1 error; nothing was recorded\" ]" "two forms: the error"
empty two-1 out
check "[ \"$T0\" = \"\$(dump $TMP/two.db)\" ]" "an error in the second form let the first be written"
# every error of every form is reported, not only the first
run two-2 1 $BIN --db "$TMP/two.db" returns $F/bad-status.csv $F/bad-formula.csv $F/good.csv
has two-2 err "$F/bad-status.csv:4:7: "
has two-2 err "$F/bad-formula.csv:4:8: "
has two-2 err "rectrack: 2 errors; nothing was recorded"
check "[ \"$T0\" = \"\$(dump $TMP/two.db)\" ]" "errors let a form be written"
# two rows of one recommendation in two forms: the second sees the first
run two-3 1 $BIN --db "$TMP/two.db" returns $F/good.csv $F/bad-move.csv
has two-3 err "$F/bad-move.csv:4:7: column G (New status): $H2: cannot move from 'in-progress' to 'draft'"

# a form wrong on every row: a few screens of errors, then it stops
head -3 $F/good.csv >"$TMP/many.csv"
i=0
while [ $i -lt 80 ]; do
	printf '%s\r\n' "$H2,2,x,accepted,,,finished,,,," >>"$TMP/many.csv"
	i=$((i + 1))
done
run two-many 1 $BIN --db "$TMP/two.db" returns "$TMP/many.csv" $F/bad-status.csv
check "[ \$(wc -l < $TMP/two-many.err) = 51 ]" "not 50 errors and the summary"
has two-many err "rectrack: 50 errors (reading stopped there); nothing was recorded"
lacks two-many err "bad-status.csv"

# one row with text in a great many cells past K: the cap holds inside the
# row too, and "reading stopped there" is then true
{ head -3 $F/good.csv
  printf '%s' "$H2,2,x,accepted,,,,,,,"
  i=0
  while [ $i -lt 300 ]; do printf ',x'; i=$((i + 1)); done
  printf '\r\n'; } >"$TMP/wide.csv"
run two-wide 1 $BIN --db "$TMP/two.db" returns "$TMP/wide.csv" $F/bad-status.csv
check "[ \$(wc -l < $TMP/two-wide.err) = 51 ]" "one wide row: not 50 errors and the summary"
check "[ \"\$(tail -1 $TMP/two-wide.err)\" = 'rectrack: 50 errors (reading stopped there); nothing was recorded' ]" "one wide row: the summary"
lacks two-wide err "bad-status.csv"
check "[ \"$T0\" = \"\$(dump $TMP/two.db)\" ]" "a wide row let a form be written"

# --- a return run again after the history changed -----------------------------
# form ROWS...: $TMP/rerun.csv, good.csv's first three lines and ROWS
form() {
	head -3 $F/good.csv >"$TMP/rerun.csv"
	printf '%s\r\n' "$@" >>"$TMP/rerun.csv"
}
# again NAME ROW FIRST CMD...: on a fresh copy NAME, a form of ROW returned
# (its summary FIRST), then CMD run (a later change to the history, in
# --today's rectrack words), then the same form again: it records nothing
# and says the row is recorded already
again() {
	gname=$1 grow=$2 gfirst=$3
	shift 3
	fresh_copy "$gname"
	form "$grow"
	run "$gname-1" 0 $BIN --db "$TMP/$gname.db" --today 2026-11-22 returns "$TMP/rerun.csv"
	has "$gname-1" out "$gfirst"
	run "$gname-then" 0 $BIN --db "$TMP/$gname.db" --today 2026-11-22 "$@"
	G0=$(dump "$TMP/$gname.db")
	run "$gname-2" 0 $BIN --db "$TMP/$gname.db" --today 2026-11-22 returns "$TMP/rerun.csv"
	check "[ \"\$(cat $TMP/$gname-2.out)\" = '0 updates recorded from 1 form (0 rows blank, 1 already recorded)' ]" "$gname: the same form again is not 'already recorded'"
	check "[ \"$G0\" = \"\$(dump $TMP/$gname.db)\" ]" "$gname: the same form again changed the database"
}
# an update recorded, then retracted: the same form again does not bring
# it back (the officer withdrew it)
again rt "$H3,3,x,agreed,,2026-06-01: ,accepted,Started,,," \
    "1 update recorded from 1 form (0 rows blank, 0 already recorded)" \
    retract $H3 2 --note "Was for recommendation 2"
has rt-then out "status now agreed"
# a note with New status blank, the status moved since: still recorded
again mv "$H3,3,x,agreed,,2026-06-01: ,,Pathway drafted,,," \
    "$H3: agreed, progress noted (2026-11-22, by Director of Housing)" \
    status $H3 accepted --note "Board met"
# the note and a revised date with its reason, New status blank: both
# updates found under the old status too
again mv2 "$H2,2,x,accepted,2026-10-31,2026-07-01: ,,Draft out,2027-03-31,Consultation extended," \
    "1 row recorded (2 updates) from 1 form (0 rows blank, 0 already recorded)" \
    status $H2 in-progress
MV2="$BIN --db $TMP/mv2.db --today 2026-11-22"
# a New status given is still compared: a note under another status is
# news (recorded, not taken for the earlier one)
form "$H2,2,x,accepted,2026-10-31,2026-07-01: ,withdrawn,Draft out,,,"
run mv2-3 0 $MV2 returns "$TMP/rerun.csv"
has mv2-3 out "1 update recorded from 1 form (0 rows blank, 0 already recorded)"

# rows and updates counted honestly: a note with a revised date is two
# updates, a status alone one; --dry-run counts the same
fresh_copy cnt
form "$H2,2,x,accepted,2026-10-31,2026-07-01: ,in-progress,Draft out,2027-03-31,Consultation extended," \
    "$H3,3,x,agreed,,2026-06-01: ,accepted,,,,"
run cnt-dry 0 $BIN --db "$TMP/cnt.db" --today 2026-11-22 returns --dry-run "$TMP/rerun.csv"
check "[ \"\$(tail -1 $TMP/cnt-dry.out)\" = '2 rows would be recorded (3 updates) from 1 form (0 rows blank, 0 already recorded); dry run: nothing written' ]" "--dry-run: rows and updates"
run cnt-1 0 $BIN --db "$TMP/cnt.db" --today 2026-11-22 returns "$TMP/rerun.csv"
check "[ \"\$(tail -1 $TMP/cnt-1.out)\" = '2 rows recorded (3 updates) from 1 form (0 rows blank, 0 already recorded)' ]" "rows and updates"
check "[ \"\$(q $TMP/cnt.db \"SELECT count(*) FROM updates WHERE date = '2026-11-22'\")\" = 3 ]" "the summary's count of updates is not what was written"

# --- each wrong form: its exact message, nothing written ------------------
fresh_copy bad
W0=$(dump "$TMP/bad.db")
# refused NAME FILE MESSAGE: returns FILE fails with exactly MESSAGE
refused() {
	rmsg=$3
	run "bad-$1" 1 $BIN --db "$TMP/bad.db" returns "$2"
	check "[ \"\$(cat $TMP/bad-$1.err)\" = \"\$rmsg
rectrack: 1 error; nothing was recorded\" ]" "bad-$1: the message"
	empty "bad-$1" out
}
refused status $F/bad-status.csv "$F/bad-status.csv:4:7: column G (New status): unknown status 'in-progres'; did you mean 'in-progress'? (one of: draft, agreed, accepted, partially-accepted, rejected, in-progress, implemented, not-implemented, withdrawn; blank keeps the current status)"
refused formula $F/bad-formula.csv "$F/bad-formula.csv:4:8: column H (Progress note): '=HYPERLINK(\"http://example.org/x\",\"see\")' is a formula; write the value itself (the form is read as text, never calculated)"
refused control $F/bad-control.csv "$F/bad-control.csv:5:8: column H (Progress note): the text contains a control character (only tab and newline are allowed); remove it or save the form as CSV in UTF-8"
refused utf8 $F/bad-utf8.csv "$F/bad-utf8.csv:4:8: column H (Progress note): the text is not valid UTF-8; remove it or save the form as CSV in UTF-8"
refused moved $F/bad-moved.csv "$F/bad-moved.csv:3:7: the form was edited into another shape: column G should be headed 'New status', not 'Progress note'; keep the rows and columns as 'rectrack chase --forms DIR' wrote them"
refused notform $F/not-a-form.csv "$F/not-a-form.csv:1:1: not a return form: its first cell should be 'rectrack return form', not 'Ref'; 'rectrack chase --forms DIR' writes the forms"
refused noreason $F/bad-noreason.csv "$F/bad-noreason.csv:4:10: column J (Reason for new date): a revised target date (column I) needs a reason: say why it moved, so the slip stays visible"
refused handle $F/bad-handle.csv "$F/bad-handle.csv:5:1: column A (Handle): no recommendation 'islington-2024-childrens-workforce/99' in the database; keep the handle the form gave the row"
refused extra $F/bad-extra.csv "$F/bad-extra.csv:4:13: column M: the form has 11 columns, this one is past them and holds text; put it in the Progress note (column H) or clear it"
refused move $F/bad-move.csv "$F/bad-move.csv:4:7: column G (New status): $H2: cannot move from 'accepted' to 'draft'; from 'accepted' it can go to: in-progress, withdrawn (or stay 'accepted' with a note); 'rectrack status --force' records it anyway"
refused quote $F/bad-quote.csv "$F/bad-quote.csv:7:3: the quoted cell is not closed before the end of the file; add the closing '\"'"
# a huge cell (made here: the fixture would be over a megabyte)
{ head -c -2 $F/bad-noreason.csv | sed '$d'
  printf 'islington-2024-childrens-workforce/2,2,x,accepted,,,,"'
  head -c 1048577 /dev/zero | tr '\0' 'a'
  printf '",,,\r\n'; } >"$TMP/huge.csv"
refused huge "$TMP/huge.csv" "$TMP/huge.csv:4:8: the cell is longer than the 1 MiB limit of a text; shorten it"
# saved with semicolons (a spreadsheet in a language with decimal commas)
tr ',' ';' <$F/good.csv >"$TMP/semi.csv"
refused semi "$TMP/semi.csv" "$TMP/semi.csv:1:1: the form was saved with ';' between cells; save it as CSV with commas (in the spreadsheet's CSV options, field delimiter ',')"
# a form ending before its headings, and an empty file
head -2 $F/good.csv >"$TMP/short.csv"
refused short "$TMP/short.csv" "$TMP/short.csv:3:1: the form was edited into another shape: column A should be headed 'Handle'; keep the rows and columns as 'rectrack chase --forms DIR' wrote them"
: >"$TMP/empty.csv"
refused empty "$TMP/empty.csv" "$TMP/empty.csv:1:1: not a return form: its first cell should be 'rectrack return form'; 'rectrack chase --forms DIR' writes the forms"
# a long word is quoted cut, not whole
head -3 $F/good.csv >"$TMP/long.csv"
long=$(printf '%0200d' 0 | tr 0 x)
printf '%s\r\n' "$H2,2,x,accepted,2026-10-31,,$long,,,," >>"$TMP/long.csv"
refused long "$TMP/long.csv" "$TMP/long.csv:4:7: column G (New status): unknown status '$(printf '%060d' 0 | tr 0 x)...' (one of: draft, agreed, accepted, partially-accepted, rejected, in-progress, implemented, not-implemented, withdrawn; blank keeps the current status)"
# implemented needs a note (said with the form's words, not the options')
head -3 $F/good.csv >"$TMP/impl.csv"
printf '%s\r\n' "$H2,2,x,accepted,2026-10-31,,implemented,,,," >>"$TMP/impl.csv"
run bad-impl 1 $BIN --db "$TMP/bad.db" returns "$TMP/impl.csv"
has bad-impl err "$TMP/impl.csv:4:7: column G (New status): $H2: marking a recommendation implemented needs a progress note (column H): the evidence that it was implemented"
check "[ \"$W0\" = \"\$(dump $TMP/bad.db)\" ]" "a refused form changed the database"
run bad-missing 1 $BIN --db "$TMP/bad.db" returns "$TMP/nothing-here.csv"
has bad-missing err "rectrack: $TMP/nothing-here.csv: No such file or directory"
run bad-noargs 2 $BIN --db "$TMP/bad.db" returns
# a row that asks for what the recommendation holds records nothing
head -3 $F/good.csv >"$TMP/same.csv"
printf '%s\r\n' "$H3,3,x,agreed,,,Agreed,,,," "$H2,2,x,accepted,2026-10-31,,,,31/10/2026,Unchanged," >>"$TMP/same.csv"
run bad-same 0 $BIN --db "$TMP/bad.db" returns "$TMP/same.csv"
has bad-same out "0 updates recorded from 1 form (0 rows blank, 2 already recorded)"
check "[ \"$W0\" = \"\$(dump $TMP/bad.db)\" ]" "a row of what is already so changed the database"

# --- with chase's own forms (once chase and returns are on one branch) ----
if $RAW_BIN chase --help >/dev/null 2>&1; then
	fresh_copy ch
	C="$BIN --db $TMP/ch.db --today 2026-11-22"
	run ch-chase 0 $C chase
	has ch-chase out "$H2"
	run ch-forms 0 $C chase --forms "$TMP/forms"
	check "[ -s $TMP/forms/director-of-housing.csv ]" "chase wrote no form"
	# filled in as a spreadsheet would: read and written by python's csv
	fill() {
		python3 - "$1" "$2" "$3" <<'PY'
import csv, sys
path, handle, status = sys.argv[1:4]
rows = list(csv.reader(open(path, encoding="utf-8-sig", newline="")))
for r in rows[3:]:
    if r[0] == handle:
        r[6:11] = [status, 'Policy draft out, "key" workers', "2027-03-31",
                   "Consultation extended", "amber"]
csv.writer(open(path, "w", encoding="utf-8-sig", newline="")).writerows(rows)
PY
	}
	cp "$TMP/forms/director-of-housing.csv" "$TMP/typo.csv"
	fill "$TMP/forms/director-of-housing.csv" $H2 in-progress
	fill "$TMP/typo.csv" $H2 in-progres
	run ch-before 0 $C export
	run ch-typo 1 $C returns "$TMP/typo.csv"
	has ch-typo err "$TMP/typo.csv:4:7: column G (New status): unknown status 'in-progres'; did you mean 'in-progress'?"
	run ch-same 0 $C export
	check "cmp -s $TMP/ch-before.out $TMP/ch-same.out" "a refused chase form changed the database"
	run ch-1 0 $C returns "$TMP"/forms/*.csv
	has ch-1 out "$H2: accepted -> in-progress, progress noted, target date 2027-03-31, RAG amber (2026-11-22, by Director of Housing)"
	has ch-1 out "1 row recorded (2 updates) from 2 forms ("
	run ch-mid 0 $C export
	run ch-2 0 $C returns "$TMP"/forms/*.csv
	has ch-2 out "0 updates recorded from 2 forms ("
	has ch-2 out ", 1 already recorded)"
	run ch-after 0 $C export
	check "cmp -s $TMP/ch-mid.out $TMP/ch-after.out" "a chase form returned again changed the database"
else
	skip "chase is not in this build: returns of chase's own forms"
fi

finish returns
