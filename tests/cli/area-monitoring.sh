#!/bin/sh
# Issue 19's acceptance, tried as a scrutiny officer would, end to end on
# the bundled data: chase an owner, send the form, take the return (twice,
# and a misspelt one), sign off, retract a mistyped date, the municipal
# year, a 28-day response clock.
. "$(dirname "$0")/lib.sh"

DB=$TMP/m.db
fresh "$DB"
RT="$BIN --db $DB --today 2026-11-22"
MCV=islington-2023-making-children-visible

# two recommendations given an owner, one of them overdue
run own1 0 $RT set $MCV/1 --owner "Head of Early Help" --due 2026-10-31
run own2 0 $RT set $MCV/2 --owner "Head of Early Help" --due 2027-03-31
run chase 0 $RT chase --owner "early help" --format json
check "[ \"\$(jq -r '.[0].owner' $TMP/chase.out)\" = 'Head of Early Help' ]" \
    "chase names the owner"
check "jq -e '.[0].items[] | select(.kind == \"recommendation\" and .handle == \"$MCV/1\") | .reasons | any(test(\"2026-10-31\"))' $TMP/chase.out >/dev/null" \
    "chase lists the overdue recommendation with its reason"
run chase-text 0 $RT chase --owner "early help"
has chase-text out "Head of Early Help"
has chase-text out "$MCV/1"
check "[ \$(awk '{ if (length > m) m = length } END { print m + 0 }' $TMP/chase-text.out) -le 80 ]" \
    "chase's text is wider than 80 columns"

# the form, filled in as a script would (python's csv, as a spreadsheet)
run forms 0 $RT chase --owner "early help" --forms "$TMP/forms"
F=$TMP/forms/head-of-early-help.csv
check "[ -f $F ]" "chase --forms wrote no head-of-early-help.csv"
check "[ \"\$(head -c 3 $F | od -An -tx1 | tr -d ' ')\" = efbbbf ]" \
    "the form has no byte-order mark"
python3 - "$F" "$TMP/filled.csv" "$TMP/misspelt.csv" <<'EOF'
import csv, sys
src, good, bad = sys.argv[1:4]
with open(src, newline='', encoding='utf-8-sig') as f:
    rows = list(csv.reader(f))
assert rows[0][0] == 'rectrack return form', rows[0]
head = rows[2]
assert head == ['Handle', 'Ref', 'Recommendation', 'Current status',
                'Target date', 'Last update', 'New status', 'Progress note',
                'Revised target date', 'Reason for new date', 'Your RAG'], head
for r in rows[3:]:
    if r[0].endswith('/1'):
        r[6:11] = ['in-progress', 'Pilot started in two schools',
                   '2027-01-31', 'Recruitment delayed', 'amber']
with open(good, 'w', newline='', encoding='utf-8-sig') as f:
    csv.writer(f, lineterminator='\r\n').writerows(rows)
for r in rows[3:]:
    if r[0].endswith('/1'):
        r[6] = 'in progres'
with open(bad, 'w', newline='', encoding='utf-8-sig') as f:
    csv.writer(f, lineterminator='\r\n').writerows(rows)
EOF
check "[ -s $TMP/filled.csv ]" "the form could not be filled in"

$RAW_BIN --db "$DB" export >"$TMP/before.yaml"
run misspelt 1 $RT returns "$TMP/misspelt.csv"
has misspelt err "misspelt.csv:"
has misspelt err "did you mean 'in-progress'"
check "grep -Eq 'misspelt\\.csv:[0-9]+:[0-9]+: ' $TMP/misspelt.err" \
    "the refusal has no FILE:LINE:COLUMN"
$RAW_BIN --db "$DB" export >"$TMP/after-bad.yaml"
check "cmp -s $TMP/before.yaml $TMP/after-bad.yaml" \
    "a refused return changed the database"

run returns 0 $RT returns "$TMP/filled.csv"
run show1 0 $RT show $MCV/1 --format json
check "[ \"\$(jq -c '[.status, .due, .stated_rag]' $TMP/show1.out)\" = '[\"in-progress\",\"2027-01-31\",\"amber\"]' ]" \
    "the return was not recorded: $(jq -c '[.status, .due, .stated_rag]' "$TMP/show1.out" 2>/dev/null)"
$RAW_BIN --db "$DB" export >"$TMP/once.yaml"
run again 0 $RT returns "$TMP/filled.csv"
$RAW_BIN --db "$DB" export >"$TMP/twice.yaml"
check "cmp -s $TMP/once.yaml $TMP/twice.yaml" \
    "recording the same return twice changed the database"
has again out "already recorded"

# implemented: awaiting sign-off until signed off
run ip2 0 $RT status $MCV/2 in-progress
run imp2 0 $RT status $MCV/2 implemented --note "Charter published"
run await 0 $RT list --awaiting-signoff --format json
check "jq -e 'any(.handle == \"$MCV/2\")' $TMP/await.out >/dev/null" \
    "an implemented recommendation is not awaiting sign-off"
run signoff-open 1 $RT signoff $MCV/1
run signoff 0 $RT signoff $MCV/2 --note "Agreed at the meeting of 2026-11-22"
run await2 0 $RT list --awaiting-signoff --format json
check "! jq -e 'any(.handle == \"$MCV/2\")' $TMP/await2.out >/dev/null" \
    "a signed-off recommendation is still awaiting sign-off"
run show2 0 $RT show $MCV/2 --format json
check "[ \"\$(jq -r .signed_off $TMP/show2.out)\" = 2026-11-22 ]" \
    "show does not give the sign-off date"

# a mistyped future date blocks the history until it is retracted
run typo 0 $RT status $MCV/3 in-progress --date 2205-01-01
run blocked 1 $RT status $MCV/3 in-progress --note "Work under way"
has blocked err "2205-01-01"
n=$($RAW_BIN --db "$DB" show $MCV/3 --format json |
    jq '[.updates[] | .date] | index("2205-01-01") + 1')
run retract 0 $RT retract $MCV/3 "$n" --note "Typed 2205 for 2025"
run unblocked 0 $RT status $MCV/3 in-progress --note "Work under way"
run show3 0 $RT show $MCV/3
has show3 out "retracted"

# the municipal year, and a 28-day response clock from 31 January
run year 0 $RT list --year 2023-24 --format json
check "[ \"\$(jq -r 'map(.handle | startswith(\"islington-2024-childrens-workforce/\")) | [length, all] | @tsv' $TMP/year.out)\" = '10	true' ]" \
    "list --year 2023-24 is not the 10 workforce recommendations"
cat >"$TMP/referral.yaml" <<'EOF'
format: rectrack/1
committee:
  id: hosc
  name: Health Overview and Scrutiny Committee
  authority: Example Council
reviews:
  - id: hosc-2025-referral
    title: A referral
    stage: final
    submitted: 2025-01-31
    response_within: 28 days
    recommendations:
      - ref: "1"
        text: The trust should publish its waiting times.
EOF
run referral 0 $RT import "$TMP/referral.yaml"
run clock 0 $RT list --review hosc-2025-referral --format json
check "[ \"\$(jq -r '.[0].response_due' $TMP/clock.out)\" = 2025-02-28 ]" \
    "28 days from 31 January is not 28 February"

run verify 0 $BIN --db "$DB" verify
finish monitoring
