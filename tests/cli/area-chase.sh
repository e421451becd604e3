#!/bin/sh
# area-chase.sh: 'rectrack chase' (issue 19; cli.md "Additions of 2026-12"):
# what each owner must act on by a date, with its reasons, in four formats,
# and the return forms of --forms (docs/rectrack.1, chase). On the small
# file tests/fixtures/chase/owners.yaml (two owners, an unowned
# recommendation and action, an action with no due date, a hostile owner),
# then on the bundled data/, with the acceptance path of the issue.
. "$(dirname "$0")/lib.sh"

DB=$TMP/chase.db
RT="$BIN --db $DB --today 2026-11-22"
$RAW_BIN --db "$DB" import tests/fixtures/chase/owners.yaml >/dev/null ||
    { echo "cannot import tests/fixtures/chase/owners.yaml"; exit 1; }
before_db=$(dump "$DB")

# --- the outputs, compared whole (tests/cli/cases/chase/) -------------------
cases chase

# --- the fixture: who owes what ----------------------------------------------
run text 0 $RT chase
has text out "Owed by 2026-11-22: 5 recommendations, 3 actions, for 4 owners."
has text out "Jo Bloggs: 2 recommendations, 2 actions"
has text out "  chase-review/1  accepted, due 2026-10-31"
has text out "    - target date 2026-10-31 passed"
has text out "    - due date 2026-11-01 passed"
has text out "    - open 52 days, since the meeting of 2026-10-01"
has text out "    - no due date set"
has text out "    - open 4 months, since the response of 2026-07-15"
has text out "    - awaiting a response, due 2027-01-01"
has text out "alan Smith: 1 recommendation"
has text out "    - no target date set"
has text out "No owner: 1 recommendation, 1 action"
# on track, closed, an action done or due later: owed by nobody
lacks text out "On track"
lacks text out "chase-review/5"
lacks text out "chase-review/6"
lacks text out "Zed Owner"
lacks text out "Already done."
lacks text out "report back in the new year"
# due next month: not owed today
lacks text out "chase-review/2"
# owners by name in any case, "No owner" last; an owner's items by date
grep -E '^[^ ].*: [0-9]' "$TMP/text.out" | grep -v '^Owed by' | sed 's/: [0-9].*//' > "$TMP/owners"
check "[ \"\$(tr '\n' '|' < $TMP/owners)\" = '=Formula, \"Quoted\"|alan Smith|Jo Bloggs|No owner|' ]" \
    "owners out of order: $(tr '\n' '|' < "$TMP/owners")"
sed -n '/^Jo Bloggs/,/^$/p' "$TMP/text.out" | grep -E '^  [^ ]' |
    awk '{print $1, $2}' > "$TMP/jo"
check "[ \"\$(tr '\n' '|' < $TMP/jo)\" = 'chase-review/1 accepted,|action 1|chase-older/1 agreed|action 5|' ]" \
    "Jo Bloggs's items out of date order: $(tr '\n' '|' < "$TMP/jo")"
# every line fits 80 columns (characters, not bytes)
check "python3 -c 'import sys; sys.exit(max(len(l.rstrip(\"\\n\")) for l in open(sys.argv[1], encoding=\"utf-8\")) > 80)' $TMP/text.out" \
    "a line of the text is wider than 80 columns"
run narrow 0 env COLUMNS=40 $RT chase
check "python3 -c 'import sys; sys.exit(max(len(l.rstrip(\"\\n\")) for l in open(sys.argv[1], encoding=\"utf-8\")) > 80)' $TMP/narrow.out" \
    "a line of the text is wider than 80 columns with COLUMNS=40 piped"

# --before extends "due by": next month's target date, the reason in words
run before 0 $RT chase --before 2026-12-31
has before out "Owed by 2026-12-31:"
has before out "  chase-review/2  accepted, due 2026-12-15"
has before out "    - target date 2026-12-15 is on or before 2026-12-31"
lacks before out "within 30 days"
lacks before out "report back in the new year"
run before-late 0 $RT chase --before 2027-01-31
has before-late out "    - due date 2027-01-31 is on or before 2027-01-31"
# due today is owed today
run due-today 0 $BIN --db "$DB" --today 2026-12-15 chase --owner jo
has due-today out "    - target date 2026-12-15 is today"

# the filters are list's
run f-year 0 $RT chase --year 2025-26 --format json
check "[ \"\$(jq -c '[.[] | .owner, [.items[] | .handle // .number]]' $TMP/f-year.out)\" = '[\"Jo Bloggs\",[\"chase-older/1\"]]' ]" \
    "--year 2025-26: $(jq -c . "$TMP/f-year.out")"
run f-owner 0 $RT chase --owner BLOGGS --format json
check "[ \"\$(jq -r '.[].owner' $TMP/f-owner.out)\" = 'Jo Bloggs' ]" \
    "--owner BLOGGS: $(jq -r '.[].owner' "$TMP/f-owner.out")"
run f-overdue 0 $RT chase --overdue --format json
check "[ \"\$(jq -c '[.[].items[] | .handle // .number]' $TMP/f-overdue.out)\" = '[\"chase-review/7\",\"chase-review/1\",1,\"chase-review/4\"]' ]" \
    "--overdue: $(jq -c '[.[].items[] | .handle // .number]' "$TMP/f-overdue.out")"
# a filter about recommendations keeps the response actions of the ones it
# keeps, and no meeting action
run f-status 0 $RT chase --status accepted --format json
check "[ \"\$(jq -c '[.[].items[] | .handle // .number]' $TMP/f-status.out)\" = '[\"chase-review/3\",\"chase-review/1\",5,\"chase-review/4\"]' ]" \
    "--status accepted: $(jq -c '[.[].items[] | .handle // .number]' "$TMP/f-status.out")"
run f-review 0 $RT chase --review chase-older
lacks f-review out "action"
has f-review out "chase-older/1"
run f-committee 0 $RT chase --committee "chase comm" --format json
check "[ \"\$(jq '[.[].items[]] | length' $TMP/f-committee.out)\" = 8 ]" \
    "--committee: not the 8 items"

# JSON: a list of {owner, items: [{kind, handle or number, reasons}]}
run json 0 $RT chase --format json
check "jq -e 'type == \"array\" and all(.[]; has(\"owner\") and (.items | length > 0) and all(.items[]; (.kind == \"recommendation\" and (.handle | type == \"string\")) or (.kind == \"action\" and (.number | type == \"number\"))) and all(.items[]; .reasons | length > 0))' $TMP/json.out >/dev/null" \
    "the JSON is not a list of {owner, items: [{kind, handle|number, reasons}]}"
check "[ \"\$(jq -c '.[-1].owner' $TMP/json.out)\" = null ]" \
    "the unowned are not last, with owner null"
check "[ \"\$(jq -c '.[] | select(.owner == \"Jo Bloggs\") | .items[] | select(.number == 5) | [.age_days, .open_since, .source]' $TMP/json.out)\" = '[130,\"2026-07-15\",\"response to chase-review/1\"]' ]" \
    "action 5's age: $(jq -c '.[2].items' "$TMP/json.out")"

# CSV for people: a byte-order mark, CRLF, one row per item
run csv 0 $RT chase --format csv
check "[ \"\$(head -c 3 $TMP/csv.out | od -An -tx1 | tr -d ' ')\" = efbbbf ]" \
    "the CSV has no byte-order mark"
check "python3 -c '
import csv, sys
data = open(sys.argv[1], \"rb\").read()
assert data.count(b\"\\n\") == data.count(b\"\\r\\n\"), \"a line not ended with CRLF\"
rows = list(csv.reader(open(sys.argv[1], encoding=\"utf-8-sig\", newline=\"\")))
assert rows[0] == [\"Owner\", \"Kind\", \"Item\", \"From\", \"Text\", \"Status\", \"Due\", \"Reasons\"], rows[0]
assert len(rows) == 9 and all(len(r) == 8 for r in rows), rows
assert rows[1][0] == \"=Formula, \\\"Quoted\\\"\".replace(\"=\", \"\\x27=\", 1), rows[1][0]
' $TMP/csv.out" "the CSV does not parse to 8 items under its headings"

# nothing owed: a clear line, exit 0; JSON and CSV stay well formed
run none 0 $RT chase --owner nobody
has none out "Nothing is owed by 2026-11-22."
run none-md 0 $RT chase --owner nobody --format markdown
has none-md out "Nothing is owed by 2026-11-22."
run none-json 0 $RT chase --owner nobody --format json
check "[ \"\$(cat $TMP/none-json.out)\" = '[]' ]" "nothing owed in JSON is not []"
run none-csv 0 $RT chase --owner nobody --format csv
check "[ \$(wc -l < $TMP/none-csv.out) = 1 ]" "nothing owed in CSV is not the headings alone"

# usage errors before the database (2), what the database lacks (1)
run u-closed 2 $RT chase --closed
has u-closed err "chase lists open recommendations only: --closed matches nothing"
run u-signoff 2 $RT chase --awaiting-signoff
run u-before 2 $RT chase --before 2026-02-30
has u-before err "--before '2026-02-30' is not a date"
run u-format 2 $RT chase --format table
run u-forms 2 $RT chase --forms ''
run u-arg 2 $RT chase extra
run no-committee 1 $RT chase --committee nosuch
run no-db 1 $BIN --db "$TMP/missing.db" chase
check "[ ! -e $TMP/missing.db ]" "chase made a database"
run help 0 $RT chase --help
has help out "usage: rectrack chase [FILTERS] [--before DATE] [--format F] [--forms DIR]"

# recview's reasons one each, a reason holding "; " of its own kept whole
U=$TMP/unstated.db
$RAW_BIN --db "$U" import tests/fixtures/chase/unstated.yaml >/dev/null ||
    bad "cannot import tests/fixtures/chase/unstated.yaml"
run unstated 0 $BIN --db "$U" --today 2026-11-22 chase --format json
check "[ \"\$(jq -c '[.[].items[].reasons]' $TMP/unstated.out)\" = '[[\"target date 2026-12-01 within 30 days\",\"awaiting a response; the date it is due from is not stated\",\"nothing recorded since 2025-01-10\"],[\"awaiting a response; the date it is due from is not stated\",\"nothing recorded since 2025-01-10\"]]' ]" \
    "the reasons split wrongly: $(jq -c '[.[].items[].reasons]' "$TMP/unstated.out")"
run unstated-before 0 $BIN --db "$U" --today 2026-11-22 chase --before 2026-12-05 --format json
check "[ \"\$(jq -c '.[0].items[0].reasons' $TMP/unstated-before.out)\" = '[\"target date 2026-12-01 is on or before 2026-12-05\",\"awaiting a response; the date it is due from is not stated\",\"nothing recorded since 2025-01-10\"]' ]" \
    "due by --before is not in the place of within 30 days: $(jq -c '.[0].items[0].reasons' "$TMP/unstated-before.out")"

# --- return forms ------------------------------------------------------------
run forms 0 $RT chase --forms "$TMP/forms"
has forms err "rectrack: wrote $TMP/forms/jo-bloggs.csv (2 recommendations)"
has forms err "rectrack: wrote $TMP/forms/no-owner.csv (1 recommendation)"
has forms err "rectrack: wrote $TMP/forms/alan-smith.csv (1 recommendation)"
has forms err "rectrack: wrote $TMP/forms/formula-quoted.csv (1 recommendation)"
has forms out "Jo Bloggs: 2 recommendations, 2 actions"
check "[ \"\$(ls $TMP/forms | tr '\n' ' ')\" = 'alan-smith.csv formula-quoted.csv jo-bloggs.csv no-owner.csv ' ]" \
    "the forms written: $(ls "$TMP/forms" | tr '\n' ' ')"
# the form, parsed as a spreadsheet program would: rows 1-3 exactly, then
# the recommendations in chase's order with five empty cells; no actions
cat > "$TMP/form.py" <<'EOF'
import csv, sys
path, owner, before = sys.argv[1], sys.argv[2], sys.argv[3]
want = [l.split("|") for l in sys.argv[4:]]
data = open(path, "rb").read()
assert data.startswith(b"\xef\xbb\xbf"), "no byte-order mark"
assert data.endswith(b"\r\n"), "no final CRLF"
assert data.replace(b"\r\n", b"").count(b"\r") == 0, "a lone CR"
rows = list(csv.reader(open(path, encoding="utf-8-sig", newline="")))
assert rows[0] == ["rectrack return form", owner, "as at", before], rows[0]
assert len(rows[1]) == 1, rows[1]
help = rows[1][0]
for words in ("last five columns", "draft, agreed, accepted, "
              "partially-accepted, rejected, in-progress, implemented, "
              "not-implemented, withdrawn", "blank = unchanged",
              "YYYY-MM-DD", "DD/MM/YYYY", "needs a reason",
              "red, amber, green, blue", "A row left blank records nothing",
              "save as CSV"):
    assert words in help, words
assert rows[2] == ["Handle", "Ref", "Recommendation", "Current status",
                   "Target date", "Last update", "New status",
                   "Progress note", "Revised target date",
                   "Reason for new date", "Your RAG"], rows[2]
body = rows[3:]
assert len(body) == len(want), (len(body), len(want))
for row, w in zip(body, want):
    assert len(row) == 11, row
    assert row[6:] == [""] * 5, row
    assert row[:len(w)] == w, (row, w)
EOF
check "python3 $TMP/form.py $TMP/forms/jo-bloggs.csv 'Jo Bloggs' 2026-11-22 \
    'chase-review/1|1|Recruit more staff.|accepted|2026-10-31|' \
    'chase-older/1|1|Answer us.|agreed||'" "jo-bloggs.csv is not as specified"
check "python3 $TMP/form.py $TMP/forms/no-owner.csv '' 2026-11-22 \
    'chase-review/4|4|Fix the website.|accepted|2026-11-01|'" \
    "no-owner.csv is not as specified"
# a cell a spreadsheet would run is written with a leading '; the last
# update is its date and note
check "python3 $TMP/form.py $TMP/forms/formula-quoted.csv \"'=Formula, \\\"Quoted\\\"\" 2026-11-22 \
    \"chase-review/7|7|'=HYPERLINK(\\\"http://x\\\") is text, with a comma|in-progress|2026-09-30|2026-09-01: -1 staff, said \\\"later\\\"\"" \
    "formula-quoted.csv is not as specified"
# --before is the form's "as at"; a form is replaced whole; DIR made
run forms-again 0 $RT chase --forms "$TMP/forms" --before 2026-12-31 --owner jo
check "python3 $TMP/form.py $TMP/forms/jo-bloggs.csv 'Jo Bloggs' 2026-12-31 \
    'chase-review/1|1' 'chase-review/2|2' 'chase-older/1|1'" \
    "jo-bloggs.csv was not replaced by the form as at 2026-12-31"
check "[ \$(ls $TMP/forms | wc -l) = 4 ]" "a temporary file was left in the forms directory"
run forms-deep 0 $RT chase --forms "$TMP/a/b/c" --owner alan
check "[ -f $TMP/a/b/c/alan-smith.csv ]" "--forms did not make its directory"
run forms-slash 0 $RT chase --forms "$TMP/slash/" --owner alan
has forms-slash err "rectrack: wrote $TMP/slash/alan-smith.csv (1 recommendation)"
# an owner with only actions has no form
run forms-none 0 $RT chase --forms "$TMP/empty" --owner nobody
has forms-none err "no return form written: no recommendation is owed"
check "[ -z \"\$(ls $TMP/empty)\" ]" "a form was written for nothing"
check "[ \"\$(dump $DB)\" = '$before_db' ]" "chase changed the database"
# names: one '-' for each run of other characters, a clash numbered, the
# unowned keep no-owner.csv
$RAW_BIN --db "$DB" set chase-review/3 --owner "Jo  BLOGGS!" >/dev/null
$RAW_BIN --db "$DB" set chase-review/4 --owner "No Owner" >/dev/null
$RAW_BIN --db "$DB" set chase-review/5 --owner "教师" --due 2026-11-01 \
    --reason "Brought forward" >/dev/null
run forms-clash 0 $RT chase --forms "$TMP/clash"
has forms-clash err "wrote $TMP/clash/jo-bloggs.csv (1 recommendation)"
has forms-clash err "wrote $TMP/clash/jo-bloggs-2.csv (2 recommendations)"
has forms-clash err "wrote $TMP/clash/no-owner-2.csv (1 recommendation)"
has forms-clash err "wrote $TMP/clash/owner.csv (1 recommendation)"
check "python3 $TMP/form.py $TMP/clash/jo-bloggs.csv 'Jo  BLOGGS!' 2026-11-22 'chase-review/3'" \
    "jo-bloggs.csv is not Jo  BLOGGS!'s form"
check "python3 $TMP/form.py $TMP/clash/jo-bloggs-2.csv 'Jo Bloggs' 2026-11-22 'chase-review/1' 'chase-older/1'" \
    "jo-bloggs-2.csv is not Jo Bloggs's form"
check "python3 $TMP/form.py $TMP/clash/owner.csv '教师' 2026-11-22 'chase-review/5'" \
    "owner.csv is not 教师's form"
check "python3 $TMP/form.py $TMP/clash/no-owner-2.csv 'No Owner' 2026-11-22 'chase-review/4'" \
    "no-owner-2.csv is not No Owner's form"
check "[ ! -e $TMP/clash/no-owner.csv ]" "a named owner took no-owner.csv"
# a file where the directory should be: an error
: > "$TMP/plain"
run forms-file 1 $RT chase --forms "$TMP/plain"
has forms-file err "$TMP/plain"
lacks forms-file err "wrote"

# text written into the database behind rectrack's back reaches no
# terminal and no form as a control character
cp "$DB" "$TMP/evil.db"
q "$TMP/evil.db" "UPDATE recs SET owner = 'Evil' || char(27) || '[31m' || char(10) || 'Owner' WHERE ref = '1' AND review_id = (SELECT id FROM reviews WHERE rid = 'chase-review')"
for f in text markdown csv json; do
	run evil-$f 0 $BIN --db "$TMP/evil.db" --today 2026-11-22 chase --format $f --forms "$TMP/evil"
	check "! grep -q \"\$(printf '\\033')\" $TMP/evil-$f.out $TMP/evil-$f.err" \
	    "chase --format $f wrote an escape character"
done
check "! grep -rq \"\$(printf '\\033')\" $TMP/evil" "a form holds an escape character"
has evil-text out "Evil�[31m Owner: 1 recommendation"

# --- the bundled data ----------------------------------------------------------
D=$TMP/data.db
RD="$BIN --db $D --today 2026-11-22"
fresh "$D"
before_data=$(dump "$D")
run data 0 $RD chase --format json
check "[ \"\$(jq -c '[.[] | select(.owner == null) | .items[] | select(.kind == \"recommendation\")] | length' $TMP/data.out)\" = 38 ]" \
    "not 38 unowned recommendations on data/"
check "[ \"\$(jq -c '[.[].items[] | select(.kind == \"action\")] | length' $TMP/data.out)\" = 18 ]" \
    "not the 18 open undated actions of data/"
check "[ \"\$(jq -r '[.[].items[] | select(.handle == \"slough-2023-scf-workforce-strategy/1\") | .reasons[]] | join(\"|\")' $TMP/data.out)\" = 'awaiting a response; the date it is due from is not stated' ]" \
    "Slough's reason is not recview's"
check "[ \"\$(jq -r '[.[].items[] | select(.handle == \"islington-2023-making-children-visible/1\") | .reasons[]] | join(\"|\")' $TMP/data.out)\" = 'no target date set|nothing recorded since 2024-04-18' ]" \
    "the reasons are not recview's, one each"
check "[ \"\$(jq -r '[.[].items[] | select(.number == 3) | .reasons[]] | join(\"|\")' $TMP/data.out)\" = 'no due date set|open 32 months, since the meeting of 2024-02-26' ]" \
    "action 3's age: $(jq -c '[.[].items[] | select(.number == 3)]' "$TMP/data.out")"
run data-year 0 $RD chase --year 2023-24 --format json
check "[ \"\$(jq '[.[].items[] | select(.kind == \"recommendation\")] | length' $TMP/data-year.out)\" = 10 ]" \
    "--year 2023-24: not the 10 workforce recommendations"
run data-text 0 $RD chase
check "python3 -c 'import sys; sys.exit(max(len(l.rstrip(\"\\n\")) for l in open(sys.argv[1], encoding=\"utf-8\")) > 80)' $TMP/data-text.out" \
    "a line of data/'s text is wider than 80 columns"
for f in markdown csv; do
	run data-$f 0 $RD chase --format $f
done
check "[ \"\$(dump $D)\" = '$before_data' ]" "chase changed the database"

# the acceptance path: two recommendations given an owner, one overdue;
# chase lists that owner with the overdue item and its reason, and
# --forms writes their form
H=islington-2023-making-children-visible
run acc-own1 0 $RD set $H/1 --owner "Maya Patel" --due 2026-10-31 \
    --reason "Agreed with the lead member"
run acc-own2 0 $RD set $H/3 --owner "Maya Patel"
run acc 0 $RD chase --owner patel
has acc out "Maya Patel: 2 recommendations"
has acc out "  $H/1  accepted, due 2026-10-31"
has acc out "    - target date 2026-10-31 passed"
has acc out "  $H/3  accepted"
has acc out "    - no target date set"
run acc-forms 0 $RD chase --forms "$TMP/accforms"
has acc-forms err "wrote $TMP/accforms/maya-patel.csv (2 recommendations)"
check "python3 $TMP/form.py $TMP/accforms/maya-patel.csv 'Maya Patel' 2026-11-22 \
    '$H/1|1' '$H/3|3'" "maya-patel.csv is not as specified"
check "[ -f $TMP/accforms/no-owner.csv ]" "no form for the unowned"

# actions owed by one owner on one date come in the log's order,
# committee then number, whatever order they are read in (the first
# committee imported sorts last)
TDB=$TMP/tie.db
$RAW_BIN --db "$TDB" import tests/fixtures/chase/tie-zz.yaml \
    tests/fixtures/chase/tie-aa.yaml >/dev/null ||
    { echo "cannot import the tie fixtures"; exit 1; }
run tie 0 $BIN --db "$TDB" --today 2026-11-22 chase --owner "tie owner" --format json
check "[ \"\$(jq -c '[.[].items[] | [.committee, .number]]' $TMP/tie.out)\" = '[[\"aa-committee\",3],[\"aa-committee\",4],[\"zz-committee\",1],[\"zz-committee\",2]]' ]" \
    "chase: actions owed on one date not by committee, then number: $(jq -c '[.[].items[] | [.committee, .number]]' $TMP/tie.out)"
finish chase
