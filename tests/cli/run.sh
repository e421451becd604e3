#!/bin/sh
# End-to-end tests: run the real binary on real files and compare standard
# output, standard error and exit status with what is expected.
#   sh tests/cli/run.sh ./rectrack
# Expected outputs live in tests/cli/expected/NAME.out (and NAME.err);
# UPDATE=1 rewrites them from the current binary (then read the diff!).
set -u

BIN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
BINDIR=$(dirname "$BIN")
# RECTRACK_WRAP runs every invocation under a tool (make check-valgrind)
[ -n "${RECTRACK_WRAP:-}" ] && BIN="$RECTRACK_WRAP $BIN"
TOP=$(cd "$(dirname "$0")/../.." && pwd)
EXP=$TOP/tests/cli/expected
TMP=$(mktemp -d "${TMPDIR:-/tmp}/rectrack-e2e.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
cd "$TOP" || exit 1

export RECTRACK_TODAY=2026-11-22 RECTRACK_NOW=2026-11-22T10:00:00Z
unset RECTRACK_DB NO_COLOR
passed=0
failed=0

ok() { passed=$((passed + 1)); }
bad() {
	failed=$((failed + 1))
	printf 'FAIL: %s\n' "$*" >&2
}

# run NAME STATUS CMD...: run CMD, keep its output in $TMP/NAME.{out,err},
# and check the exit status.
run() {
	name=$1 want=$2
	shift 2
	"$@" >"$TMP/$name.out" 2>"$TMP/$name.err" </dev/null
	got=$?
	if [ "$got" = "$want" ]; then ok; else
		bad "$name: exit status $got, expected $want"
		sed 's/^/    /' "$TMP/$name.err" | head -5 >&2
	fi
}

# same NAME out|err: compare with the expected file.
same() {
	name=$1 stream=$2
	if [ "${UPDATE:-0}" = 1 ]; then
		cp "$TMP/$name.$stream" "$EXP/$name.$stream"
	fi
	if cmp -s "$TMP/$name.$stream" "$EXP/$name.$stream"; then ok; else
		bad "$name: standard $stream differs from tests/cli/expected/$name.$stream"
		diff -u "$EXP/$name.$stream" "$TMP/$name.$stream" | head -20 >&2
	fi
}

# has NAME out|err TEXT: the output contains TEXT.
has() {
	if grep -qF -- "$3" "$TMP/$1.$2"; then ok; else
		bad "$1: standard $2 lacks '$3'"
		head -5 "$TMP/$1.$2" >&2
	fi
}

empty() {
	if [ ! -s "$TMP/$1.$2" ]; then ok; else
		bad "$1: standard $2 is not empty"
		head -5 "$TMP/$1.$2" >&2
	fi
}

# check COND MESSAGE
check() {
	if eval "$1"; then ok; else bad "$2"; fi
}

dump() { sqlite3 "$1" .dump | sha256sum | cut -d' ' -f1; }

# How many rows a query counts in the database $DB.
q() { sqlite3 "$DB" "$1"; }

DB=$TMP/t.db
RT="$BIN --db $DB"

# --- check: the bundled data is valid ------------------------------------
run check-data 0 $BIN check data/islington/childrens-workforce-2024.yaml \
    data/islington/making-children-visible-2023.yaml \
    data/slough/scf-workforce-strategy-2023.yaml
same check-data out
empty check-data err
check "[ ! -e rectrack.db ]" "check created a database"

# a meeting's review must be in some file: no "ok" for a file that fails
printf 'committee:\n  id: c\n  name: C\n  authority: A\nmeetings:\n  - id: m\n    title: T\n    review: nowhere\n' > "$TMP/meeting.yaml"
run check-late 1 $BIN check "$TMP/meeting.yaml" data/slough/scf-workforce-strategy-2023.yaml
has check-late err "$TMP/meeting.yaml:8:13: meeting refers to review 'nowhere', which is in none of these files"
has check-late err "rectrack: 1 error in 1 of 2 files"
check "! grep -q meeting.yaml $TMP/check-late.out" "check-late: a failing file was reported ok"
has check-late out "scf-workforce-strategy-2023.yaml: ok, 18 recommendations"

# --- import, then import again -------------------------------------------
run import 0 $RT import data/islington/childrens-workforce-2024.yaml \
    data/islington/making-children-visible-2023.yaml \
    data/slough/scf-workforce-strategy-2023.yaml
same import out
empty import err

# the exact count of every kind of record in the bundled data
check "[ \$(q 'SELECT count(*) FROM committees') = 2 ]" "committees"
check "[ \$(q 'SELECT count(*) FROM reviews') = 3 ]" "reviews"
check "[ \$(q 'SELECT count(*) FROM recs') = 38 ]" "recommendations"
check "[ \$(q \"SELECT count(*) FROM recs r JOIN reviews v ON v.id = r.review_id WHERE v.rid = 'islington-2024-childrens-workforce'\") = 10 ]" "workforce recommendations"
check "[ \$(q \"SELECT count(*) FROM recs r JOIN reviews v ON v.id = r.review_id WHERE v.rid = 'islington-2023-making-children-visible'\") = 10 ]" "MCV recommendations"
check "[ \$(q \"SELECT count(*) FROM recs r JOIN reviews v ON v.id = r.review_id WHERE v.rid = 'slough-2023-scf-workforce-strategy'\") = 18 ]" "Slough recommendations"
check "[ \$(q 'SELECT count(*) FROM findings') = 56 ]" "findings"
check "[ \$(q 'SELECT count(*) FROM evidence WHERE rec_id IS NULL') = 45 ]" "catalogue evidence"
check "[ \$(q 'SELECT count(*) FROM evidence WHERE rec_id IS NOT NULL') = 10 ]" "inline evidence"
check "[ \$(q 'SELECT count(*) FROM rec_evidence') = 42 ]" "evidence citations"
check "[ \$(q 'SELECT count(*) FROM responses') = 10 ]" "responses"
check "[ \$(q \"SELECT count(*) FROM responses WHERE decision = 'accepted'\") = 5 ]" "accepted responses"
check "[ \$(q 'SELECT count(*) FROM meetings') = 2 ]" "meetings"
check "[ \$(q 'SELECT count(*) FROM actions WHERE meeting_id IS NOT NULL') = 4 ]" "meeting actions"
check "[ \$(q 'SELECT count(*) FROM actions WHERE rec_id IS NOT NULL') = 14 ]" "response actions"
check "[ \$(q 'SELECT count(*) FROM meeting_resolved') = 1 ]" "resolved items"
check "[ \$(q \"SELECT count(*) FROM review_items WHERE kind = 'member'\") = 7 ]" "members"
check "[ \$(q \"SELECT count(*) FROM review_items WHERE kind = 'commendation'\") = 6 ]" "commendations"
check "[ \$(q 'SELECT count(*) FROM updates') = 0 ]" "updates"
check "[ \$(q 'PRAGMA foreign_key_check' | wc -l) = 0 ]" "foreign keys"
check "[ \$(q 'PRAGMA integrity_check') = ok ]" "integrity"

before=$(dump "$DB")
run reimport 0 $RT import data/*/*.yaml
same reimport out
check "[ \"\$(dump \$DB)\" = \"$before\" ]" "re-import changed the database"

# --- list, in every format ------------------------------------------------
run list-table 0 $RT list --committee "children's services"
same list-table out
run list-csv 0 $RT list --committee "children's services" --format csv
same list-csv out
run list-markdown 0 $RT list --committee "children's services" --format markdown
same list-markdown out
run list-json 0 $RT list --committee "children's services" --format json
same list-json out
check "[ \$(jq length < $TMP/list-json.out) = 20 ]" "list-json: not 20 recommendations"
check "[ \"\$(jq -r '.[0] | keys_unsorted | join(\",\")' < $TMP/list-json.out)\" = id,handle,committee,review,ref,title,addressee,status,decision,owner,due,overdue,response_due,response_overdue,stale,slipped,rag,last_update,text ]" "list-json: fields"
run list-people 0 $RT list --committee "people scrutiny" --format json
check "[ \$(jq length < $TMP/list-people.out) = 18 ]" "people scrutiny: not 18"
check "[ \"\$(jq -r '[.[].status] | unique | join(\",\")' < $TMP/list-people.out)\" = agreed ]" "Slough status"
run list-id 0 $RT list --committee islington-childrens-services --format json
check "cmp -s $TMP/list-id.out $TMP/list-json.out" "committee by id differs from by name"
run list-childrens 0 $RT list --committee childrens --open --format json
check "[ \$(jq length < $TMP/list-childrens.out) = 20 ]" "--committee childrens --open"
run list-accepted 0 $RT list --status accepted --format json
check "[ \$(jq length < $TMP/list-accepted.out) = 10 ]" "--status accepted"
run list-closed 0 $RT list --closed --format json
check "[ \"\$(cat $TMP/list-closed.out)\" = '[]' ]" "--closed on the bundled data"
run list-review 0 $RT list --review islington-2023-making-children-visible --sort id --limit 3 --format csv
same list-review out
run list-sort-id 0 $BIN --db "$TMP/order.db" import data/slough/scf-workforce-strategy-2023.yaml data/islington/childrens-workforce-2024.yaml
run list-sort-id 0 $BIN --db "$TMP/order.db" list --sort id --format json
check "[ \"\$(jq -c '[.[].id] == ([.[].id] | sort)' < $TMP/list-sort-id.out)\" = true ]" "--sort id is not in ID order"
run list-sort-default 0 $BIN --db "$TMP/order.db" list --format json
check "[ \"\$(jq -r '.[0].handle' < $TMP/list-sort-default.out)\" = islington-2024-childrens-workforce/1 ]" "default order is not by committee"
run list-sort-due 0 $RT list --sort rag --limit 2 --format csv
has list-sort-due out "handle,committee"
run list-ambiguous 1 $RT list --committee scrutiny
same list-ambiguous err
# a long list of committees is named up to ten, then counted
for i in $(seq 1 12); do
	printf 'committee:\n  id: c%s\n  name: Panel %s\n  authority: A\n---\n' $i $i
done | sed '$d' > "$TMP/many.yaml"
$BIN --db "$TMP/many.db" import "$TMP/many.yaml" >/dev/null
run many-ambiguous 1 $BIN --db "$TMP/many.db" list --committee panel
has many-ambiguous err "c7 (Panel 7) and 2 more; give the committee id"
run many-none 1 $BIN --db "$TMP/many.db" list --committee zzz
has many-none err "and 2 more ('rectrack committees' lists them)"
run list-nomatch 1 $RT list --committee planning
has list-nomatch err "no committee matches 'planning'"

# --- show -----------------------------------------------------------------
run show-text 0 $RT show islington-2024-childrens-workforce/2
same show-text out
run show-json 0 $RT show islington-2023-making-children-visible/1 --format json
same show-json out
check "[ \"\$(jq -r '.response.decision' < $TMP/show-json.out)\" = accepted-in-principle ]" "show-json: decision"
check "[ \"\$(jq -r '.response.actions | length' < $TMP/show-json.out)\" = 3 ]" "show-json: actions"
id=$(jq -r '.[] | select(.handle == "islington-2024-childrens-workforce/2") | .id' < "$TMP/list-json.out")
run show-by-id 0 $RT show "$id"
check "cmp -s $TMP/show-by-id.out $TMP/show-text.out" "show by ID differs from by handle"
run show-missing 1 $RT show islington-2024-childrens-workforce/99
has show-missing err "no recommendation 'islington-2024-childrens-workforce/99'"

# --- a bad file among good ones changes nothing ---------------------------
before=$(dump "$DB")
printf 'format: rectrack/1\ncommittee:\n  id: x\n  name: X\n  authority: Y\nreviews:\n  - id: r\n    title: T\n    recomendations: []\n' > "$TMP/typo.yaml"
run import-bad 1 $RT import data/islington/childrens-workforce-2024.yaml "$TMP/typo.yaml" data/slough/scf-workforce-strategy-2023.yaml
has import-bad err "$TMP/typo.yaml:9:5: unknown key 'recomendations'; did you mean 'recommendations'?"
has import-bad err "rectrack: 1 error; nothing was imported"
empty import-bad out
check "[ \"\$(dump \$DB)\" = \"$before\" ]" "a failed import changed the database"

# every error of every file is reported
printf 'committee:\n  id: Bad Id\n  name: X\n  authority: Y\nreviews:\n  - id: r2\n    title: T\n    stage: Final\n' > "$TMP/two.yaml"
run import-errors 1 $RT import "$TMP/typo.yaml" "$TMP/two.yaml"
check "[ \$(grep -c '^$TMP/' $TMP/import-errors.err) = 3 ]" "import-errors: not 3 errors"
has import-errors err "$TMP/two.yaml:8:12: unknown stage 'Final'; did you mean 'final'?"

# a failed import into a new file leaves no database behind
run import-new-bad 1 $BIN --db "$TMP/new.db" import "$TMP/typo.yaml"
check "[ ! -e $TMP/new.db ]" "a failed import left a new database behind"

# --dry-run counts and writes nothing
run dry-run 0 $BIN --db "$TMP/dry.db" import --dry-run data/slough/scf-workforce-strategy-2023.yaml
has dry-run out "(dry run: nothing written)"
has dry-run out "recommendations       18"
check "[ ! -e $TMP/dry.db ]" "--dry-run created a database"

# standard input
run import-stdin 0 sh -c "$RT import - < data/slough/scf-workforce-strategy-2023.yaml"
has import-stdin out "nothing changed"

# --- the database itself ---------------------------------------------------
run read-missing 1 $BIN --db "$TMP/none.db" list
has read-missing err "no such database"
check "[ ! -e $TMP/none.db ]" "a read created a database"
printf 'hello\n' > "$TMP/text.db"
run not-a-db 1 $BIN --db "$TMP/text.db" import data/slough/scf-workforce-strategy-2023.yaml
has not-a-db err "not a rectrack database"
check "[ \"\$(cat $TMP/text.db)\" = hello ]" "a text file given as --db was changed"
cp "$DB" "$TMP/newer.db"
sqlite3 "$TMP/newer.db" 'PRAGMA user_version = 99'
before=$(dump "$TMP/newer.db")
run newer 1 $BIN --db "$TMP/newer.db" list
has newer err "made by a newer rectrack"
check "[ \"\$(dump $TMP/newer.db)\" = \"$before\" ]" "a newer database was changed"

# --- a writer locked out past the wait exits 3, having written nothing
before=$(dump "$DB")
(printf 'BEGIN IMMEDIATE;\nSELECT 1;\n'; sleep 3; printf 'COMMIT;\n') | sqlite3 "$DB" >/dev/null &
locker=$!
sleep 0.5
run locked 3 env RECTRACK_BUSY_TIMEOUT=300 $RT import data/slough/scf-workforce-strategy-2023.yaml
has locked err "locked by another writer"
wait $locker
check "[ \"\$(dump \$DB)\" = \"$before\" ]" "a locked-out import changed the database"

# --- usage errors exit 2 ---------------------------------------------------
run usage-none 2 $BIN
run usage-command 2 $BIN lsit
has usage-command err "unknown command 'lsit'; did you mean 'list'?"
run usage-option 2 $RT list --bogus
run usage-format 2 $RT list --format xml
has usage-format err "unknown format 'xml'"
run usage-status 2 $RT list --status done
run usage-import 2 $RT import
run usage-today 2 $BIN --today 2026-02-30 list
run usage-show 2 $RT show
run help 0 $BIN --help
has help out "Record: bring files in"
run list-help 0 $BIN list --help
has list-help out "Examples:"
run version 0 $BIN --version
has version out "rectrack "

# --- the docs stay true: docs/format.md's worked example is valid --------
awk '/^## 6\./{s=1} s && /^```yaml/{f=1; next} f && /^```/{exit} f' docs/format.md > "$TMP/worked.yaml"
run docs-example 0 $BIN check "$TMP/worked.yaml"
has docs-example out "ok, 2 recommendations"

# === tracking (issue 3) ====================================================
T=$TMP/track.db
TR="$BIN --db $T"
H=islington-2024-childrens-workforce/2
export RECTRACK_USER=officer
run track-import 0 $TR import data/islington/childrens-workforce-2024.yaml \
    data/islington/making-children-visible-2023.yaml \
    data/slough/scf-workforce-strategy-2023.yaml
run st-agreed 0 $TR status $H agreed --date 2026-06-01
has st-agreed out "$H: draft -> agreed (2026-06-01, by officer)"
run st-accepted 0 $TR status $H accepted --date 2026-07-01
run st-progress 0 $TR status $H in-progress --note "Housing team reviewing the allocation policy"
run st-nonote 1 $TR status $H implemented
has st-nonote err "marking a recommendation implemented needs --note"
run st-refused 1 $TR status $H draft
has st-refused err "cannot move from 'in-progress' to 'draft'; from 'in-progress' it can go to: implemented, not-implemented, withdrawn"
run st-unknown 2 $TR status $H finished
run st-early 1 $TR status $H in-progress --date 2026-01-01 --note x
has st-early err "--date must be 2026-11-22 or later"
run st-done 0 $TR status $H implemented --note "Policy amended: 12 key-worker lets"
run st-closed 1 $TR status $H in-progress
has st-closed err "'implemented' is closed"
run set-first 0 $TR set $H --due 2027-03-31 --owner "Director of Housing"
run set-noreason 1 $TR set $H --due 2027-06-30
has set-noreason err "moving it needs --reason"
run set-move1 0 $TR set $H --due 2027-06-30 --reason "Cabinet date moved"
run set-move2 0 $TR set $H --due 2027-09-30 --reason "Consultation extended"
run track-show 0 $TR show $H
same track-show out
run track-json 0 $TR list --committee "children's services" --format json
check "[ \"\$(jq -c '.[] | select(.handle == \"islington-2024-childrens-workforce/2\") | [.status, .due, .slipped, .owner, .last_update]' < $TMP/track-json.out)\" = '[\"implemented\",\"2027-09-30\",2,\"Director of Housing\",\"2026-11-22\"]' ]" "list json does not reflect the history"
run track-show-json 0 $TR show $H --format json
check "[ \"\$(jq -c '[.updates[] | .status]' < $TMP/track-show-json.out)\" = '[\"agreed\",\"accepted\",\"in-progress\",\"implemented\",\"implemented\",\"implemented\"]' ]" "history out of order"

# forced moves are recorded as forced
run st-force 0 $TR status islington-2024-childrens-workforce/5 implemented --force --note "Done outside the usual path"
has st-force out "forced"
run st-force-json 0 $TR show islington-2024-childrens-workforce/5 --format json
check "[ \"\$(jq -c '.updates[-1].forced' < $TMP/st-force-json.out)\" = true ]" "--force not recorded"

# responses: a second one needs --replace, and the first is kept
R3=islington-2024-childrens-workforce/3
run resp-1 0 $TR respond $R3 --decision accepted --text "The Executive agrees." --date 2026-10-01 --by Executive
run resp-again 1 $TR respond $R3 --decision noted --text "Noted."
has resp-again err "already has a response (accepted, 2026-10-01); to correct it, add --replace"
printf '\357\273\277The Executive agrees in principle.\r\n\r\nSubject to funding.\r\n' > "$TMP/resp.txt"
run resp-replace 0 $TR respond $R3 --decision accepted-in-principle --text-file "$TMP/resp.txt" --replace
run resp-json 0 $TR show $R3 --format json
check "[ \"\$(jq -c '[.response.decision, .response.text, (.replaced_responses | length), .replaced_responses[0].decision, .status]' < $TMP/resp-json.out)\" = '[\"accepted-in-principle\",\"The Executive agrees in principle.\\n\\nSubject to funding.\",1,\"accepted\",\"accepted\"]' ]" "respond --replace"
run resp-bad 2 $TR respond $R3 --decision maybe --text x
run resp-notext 2 $TR respond $R3 --decision noted

# the action log
run actions-open 0 $TR actions --review islington-2024-childrens-workforce --open
same actions-open out
run action-done 0 $TR action 3 done --note "Breakdown circulated"
has action-done out "action 3: open -> done"
run actions-after 0 $TR actions --review islington-2024-childrens-workforce --open --format json
check "[ \$(jq length < $TMP/actions-after.out) = 3 ]" "action done still open"
run actions-all 0 $TR actions --format json
check "[ \$(jq length < $TMP/actions-all.out) = 18 ]" "not 18 actions"
run actions-owner 0 $TR actions --owner "communications" --format json
check "[ \$(jq length < $TMP/actions-owner.out) = 1 ]" "--owner"
run action-missing 1 $TR action 999 done
run action-badword 2 $TR action 3 finished

# derived filters
run set-past 0 $TR set islington-2024-childrens-workforce/6 --due 2026-01-31
run f-overdue 0 $TR list --overdue --format json
check "[ \"\$(jq -c '[.[] | .handle]' < $TMP/f-overdue.out)\" = '[\"islington-2024-childrens-workforce/6\"]' ]" "--overdue"
run f-due-before 0 $TR list --due-before 2027-07-01 --format json
check "[ \$(jq length < $TMP/f-due-before.out) = 1 ]" "--due-before"
run f-owner 0 $TR list --owner "director of" --format json
check "[ \$(jq length < $TMP/f-owner.out) = 1 ]" "--owner"
run f-updated 0 $TR list --updated-since 2026-11-01 --format json
check "[ \"\$(jq -c '[.[] | .handle]' < $TMP/f-updated.out)\" = '[\"islington-2024-childrens-workforce/2\",\"islington-2024-childrens-workforce/3\",\"islington-2024-childrens-workforce/5\"]' ]" "--updated-since"
run f-authority 0 $TR list --authority slough --format json
check "[ \$(jq length < $TMP/f-authority.out) = 18 ]" "--authority"
run f-addressee 0 $TR list --addressee "slough children first" --format json
check "[ \$(jq length < $TMP/f-addressee.out) = 8 ]" "--addressee"
run f-stale 0 $TR list --stale --committee childrens --format json
check "[ \$(jq length < $TMP/f-stale.out) = 17 ]" "--stale"
run f-baddate 2 $TR list --due-before 2027-02-30

# a progress report needs its note; a failed write leaves no new database
run st-same 1 $TR status islington-2023-making-children-visible/4 accepted
has st-same err "the status is already 'accepted'; to record progress, give --note"
run st-newdb 1 $BIN --db "$TMP/fresh.db" status x/1 agreed
check "[ ! -e $TMP/fresh.db ]" "a failed status left a new database behind"

# what the CLI recorded survives a re-import of the older files
run own-set 0 $TR set islington-2024-childrens-workforce/9 --owner "Head of Schools"
run action-reopen 0 $TR action 1 dropped --note "Superseded"

# re-importing the files keeps everything recorded since
before=$(sqlite3 "$T" 'SELECT count(*) FROM updates; SELECT count(*) FROM response_history')
run track-reimport 0 $TR import data/islington/childrens-workforce-2024.yaml data/islington/making-children-visible-2023.yaml data/slough/scf-workforce-strategy-2023.yaml
has track-reimport out "nothing changed"
check "[ \"\$(sqlite3 $T 'SELECT count(*) FROM updates; SELECT count(*) FROM response_history')\" = \"$before\" ]" "re-import lost history"
run track-show2 0 $TR show $H
check "cmp -s $TMP/track-show.out $TMP/track-show2.out" "re-import changed the story"
run resp-kept 0 $TR show $R3 --format json
check "[ \"\$(jq -r .response.decision < $TMP/resp-kept.out)\" = accepted-in-principle ]" "re-import undid a response"

# --- on a terminal: what a person sees (issue 8) ---------------------------
# tty NAME COLS CMD: run CMD under a pseudo-terminal COLS wide (script(1)),
# its output in $TMP/NAME.tty without the terminal's carriage returns.
tty_ok=0
script -qec true /dev/null >/dev/null 2>&1 </dev/null && tty_ok=1
tty() {
	name=$1 cols=$2
	shift 2
	script -qec "stty cols $cols rows 50; $*" /dev/null </dev/null |
	    tr -d '\r' > "$TMP/$name.tty"
}
# the widest line of a file, in columns, colour codes aside
widest() {
	sed 's/\x1b\[[0-9;]*m//g' "$1" | python3 -c 'import sys
print(max([len(l.rstrip("\n")) for l in sys.stdin] or [0]))'
}
printf '%s\n' 'format: rectrack/1' 'committee:' '  id: late' \
    '  name: Late Committee' '  authority: A Council' 'reviews:' \
    '  - id: late-review' '    title: A review with late things' \
    '    stage: monitoring' '    submitted: 2026-01-15' \
    '    recommendations:' '      - ref: "1"' \
    '        text: Nothing has come back from the executive on this one, which is late by now.' \
    '      - ref: "2"' \
    '        text: This one was accepted and then missed its target date and its action date, both by some way.' \
    '        due: 2026-01-31' '        owner: Head of Service' \
    '        response:' '          date: 2026-02-20' \
    '          decision: accepted' '          text: Accepted.' \
    '          actions:' '            - id: A1' \
    '              text: Write the plan' '              due: 2026-03-31' \
    '        updates:' '          - date: 2026-04-01' \
    '            status: in-progress' \
    '            note: Started, with a note long enough that an eighty-column terminal has to wrap it onto a second line.' \
    > "$TMP/late.yaml"
L="$BIN --db $TMP/late.db"
run late-import 0 $L import "$TMP/late.yaml"
run late-show 0 $L show late-review/2
has late-show out "What is late
  - the target date, 2026-01-31, has passed (295 days overdue)
  - nothing recorded for over six months (2026-04-01)
  - action A1 (#1), due 2026-03-31, is still open (236 days overdue)"
run late-show1 0 $L show late-review/1
has late-show1 out "What the executive said
  no response recorded (due by 2026-03-15)"
has late-show1 out "  - the executive's response was due by 2026-03-15 and is not recorded (252 days overdue)"
run late-none 0 $TR show islington-2024-childrens-workforce/2
has late-none out "What is late
  nothing"
if [ "$tty_ok" = 1 ]; then
	# 80 columns: every line fits; the long column has its own line
	tty tty-list 80 env -u COLUMNS $TR list --committee childrens
	check "[ \$(widest $TMP/tty-list.tty) -le 80 ]" "list overflows 80 columns: $(widest $TMP/tty-list.tty)"
	check "grep -q '^    The Council should investigate the feasibility of restoring the allocat' $TMP/tty-list.tty" "list on 80 columns: the text has no line of its own"
	check "grep -q \"\$(printf '\\033')\\[36maccepted\" $TMP/tty-list.tty" "no colour for status on a terminal"
	# wide: one line a row, cut with …
	tty tty-wide 150 $TR --no-color list --committee childrens
	check "[ \$(widest $TMP/tty-wide.tty) -le 150 ] && grep -q '^2 .*islington-2024-childrens-workforce/2 .*The Council should investigate.*…\$' $TMP/tty-wide.tty" "list on 150 columns"
	check "! grep -q \"\$(printf '\\033')\" $TMP/tty-wide.tty" "--no-color on a terminal"
	tty tty-nocolor 80 env NO_COLOR=1 $TR list --committee childrens
	check "! grep -q \"\$(printf '\\033')\" $TMP/tty-nocolor.tty" "NO_COLOR on a terminal"
	# COLUMNS wins over the terminal's own width
	tty tty-columns 200 env COLUMNS=70 $TR --no-color list --committee slough
	check "[ \$(widest $TMP/tty-columns.tty) -le 70 ] && grep -q '^    Recognise the importance and value of the wider “children’s workf…$' $TMP/tty-columns.tty" "COLUMNS=70 not honoured"
	# show: wrapped to the width, with relative dates
	tty tty-show 80 env -u COLUMNS $L show late-review/2
	check "[ \$(widest $TMP/tty-show.tty) -le 80 ]" "show overflows 80 columns"
	check "grep -q '^Due          2026-01-31 (295 days overdue)\$' $TMP/tty-show.tty" "show on a terminal: no relative date"
	check "grep -q '^    Started, with a note long enough that an eighty-column terminal has to wrap\$' $TMP/tty-show.tty && grep -q '^    it onto a second line.\$' $TMP/tty-show.tty" "show on a terminal: a long note is not wrapped"
	# nothing to show: said, not a bare header (piped: the header)
	tty tty-none 80 $TR list --committee slough --closed
	check "[ \"\$(cat $TMP/tty-none.tty)\" = 'no recommendations match' ]" "an empty list on a terminal"
	run tty-none-piped 0 $TR list --committee slough --closed
	check "[ \"\$(cat $TMP/tty-none-piped.out)\" = 'ID  HANDLE  STATUS  DUE  RAG  TEXT' ]" "an empty list piped"
	# piped, nothing is cut or wrapped
	run tty-piped 0 $TR list --committee childrens
	check "[ \$(widest $TMP/tty-piped.out) -gt 300 ]" "piped list was cut"
	run tty-piped-show 0 $L show late-review/2
	has tty-piped-show out "    Started, with a note long enough that an eighty-column terminal has to wrap it onto a second line."
else
	echo "e2e: skipped: terminal layout (no pseudo-terminal for script(1))" >&2
fi
run own-kept 0 $TR list --owner "head of schools" --format json
check "[ \$(jq length < $TMP/own-kept.out) = 1 ]" "re-import undid set --owner"
run action-kept 0 $TR actions --format json
check "[ \"\$(jq -c '.[] | select(.number == 1) | [.status, .note]' < $TMP/action-kept.out)\" = '[\"dropped\",\"Superseded\"]' ]" "re-import undid an action's status"
printf 'format: rectrack/1\ncommittee:\n  id: islington-childrens-services\n  name: Children'"'"'s Services Scrutiny Committee\n  authority: Islington Council\n  contact: "Theo McLean, Tel: 0207 527 6568, democracy@islington.gov.uk"\nmeetings:\n  - id: scrutiny-topic-work-programme\n    title: Scrutiny Topic and Draft Work Programme\n    review: islington-2024-childrens-workforce\n    actions:\n      - id: A1\n        text: Candy Holder to update the Committee towards the end of the 2023-24 municipal year on the SEND Strategy and how it is bedding in.\n        owner: Candy Holder\n        status: open\n' > "$TMP/reopen.yaml"
run action-kept2 0 $TR import "$TMP/reopen.yaml"
has action-kept2 err "keeping the status and note recorded with 'rectrack action'"

# the history is append-only in the database itself
check "! sqlite3 $T 'DELETE FROM updates' 2>$TMP/ao.err" "updates could be deleted"
has ao err "append-only"
check "! sqlite3 $T \"UPDATE updates SET note = 'x'\" 2>/dev/null" "updates could be altered"
check "! sqlite3 $T 'DELETE FROM response_history' 2>/dev/null" "replaced responses could be deleted"

# four writers at once: every update lands. Each waits as long as it
# takes (the default 10 s wait is real time, and under valgrind a writer
# holds the lock for much longer); the wait giving up is tested below.
n0=$(sqlite3 "$T" 'SELECT count(*) FROM updates')
C=islington-2024-childrens-workforce/7
$TR status $C agreed >/dev/null 2>&1
n0=$((n0 + 1))
for p in 1 2 3 4; do
	(i=0; while [ $i -lt 50 ]; do
		RECTRACK_BUSY_TIMEOUT=600000 $TR status $C agreed --note "writer $p, update $i" >/dev/null 2>>"$TMP/conc.err" || echo x >> "$TMP/conc.fail"
		i=$((i + 1))
	done) &
done
wait
check "[ ! -s $TMP/conc.fail ]" "concurrent writers failed: $(head -3 $TMP/conc.err 2>/dev/null)"
check "[ \$(sqlite3 $T 'SELECT count(*) FROM updates') = \$((n0 + 200)) ]" "not exactly 200 new history rows"
check "[ \$(sqlite3 $T \"SELECT count(DISTINCT note) FROM updates WHERE note LIKE 'writer %'\") = 200 ]" "lost or duplicated concurrent updates"

# a writer locked out past the wait exits 3 and writes nothing
before=$(dump "$T")
(printf 'BEGIN IMMEDIATE;\nSELECT 1;\n'; sleep 3; printf 'COMMIT;\n') | sqlite3 "$T" >/dev/null &
locker=$!
sleep 0.5
run st-locked 3 env RECTRACK_BUSY_TIMEOUT=300 $TR status $C agreed --note "locked out"
has st-locked err "locked by another writer; nothing was written"
wait $locker
check "[ \"\$(dump \$T)\" = \"$before\" ]" "a locked-out status changed the database"

# verify and backup
run verify 0 $TR verify
has verify out "ok:"
run backup 0 $TR backup "$TMP/copy.db"
run verify-copy 0 $BIN --db "$TMP/copy.db" verify
check "[ \"\$(dump $TMP/copy.db)\" = \"\$(dump $T)\" ]" "the backup differs"
run backup-exists 1 $TR backup "$TMP/copy.db"
sqlite3 "$TMP/copy.db" "UPDATE meetings SET review = 'gone' WHERE id = 1; UPDATE actions SET due = '2026-13-45' WHERE id = 2"
run verify-bad 1 $BIN --db "$TMP/copy.db" verify
has verify-bad err "meeting whose review does not exist"
has verify-bad err "value: actions, row 2, column due: '2026-13-45' is not a date"

# a first target date given with a reason is recorded as an update
run set-first-reason 0 $TR set islington-2024-childrens-workforce/10 --due 2027-01-31 --reason "Agreed at committee"
run set-first-json 0 $TR show islington-2024-childrens-workforce/10 --format json
check "[ \"\$(jq -c '[.due, .slipped, .updates[-1].note]' < $TMP/set-first-json.out)\" = '[\"2027-01-31\",0,\"Agreed at committee\"]' ]" "first due with a reason"

# derived fields across month ends and leap years
D=$TMP/dates.db
run dates-import 0 $BIN --db "$D" import tests/fixtures/track/dates.yaml
run dates-feb29 0 $BIN --db "$D" --today 2024-02-29 list --format json
check "[ \"\$(jq -c '[.[] | [.response_due, .response_overdue, .rag]]' < $TMP/dates-feb29.out)\" = '[[\"2024-02-29\",false,\"amber\"],[\"2024-03-31\",false,\"amber\"],[\"2024-03-31\",false,\"green\"]]' ]" "response due on 29 February"
run dates-mar1 0 $BIN --db "$D" --today 2024-03-01 list --response-overdue --format json
check "[ \"\$(jq -c '[.[] | [.handle, .rag]]' < $TMP/dates-mar1.out)\" = '[[\"submitted-31-dec/1\",\"red\"]]' ]" "response overdue from 1 March"
run dates-apr1 0 $BIN --db "$D" --today 2024-04-01 list --response-overdue --format json
check "[ \$(jq length < $TMP/dates-apr1.out) = 2 ]" "response overdue after 31 March"
unset RECTRACK_USER

# === export (issue 4) ======================================================
# the bundled data: export -> import into an empty database -> export
run ex-1 0 $RT export
run ex-import 0 $BIN --db "$TMP/ex.db" import "$TMP/ex-1.out"
has ex-import out "128 added"
run ex-2 0 $BIN --db "$TMP/ex.db" export
check "cmp -s $TMP/ex-1.out $TMP/ex-2.out" "export is not stable across a round trip"
run ex-check 0 $BIN check "$TMP/ex-1.out"
# the same after status updates, responses, moved dates and action changes
run ex-t1 0 $TR export
run ex-t-import 0 $BIN --db "$TMP/ext.db" import "$TMP/ex-t1.out"
run ex-t2 0 $BIN --db "$TMP/ext.db" export
check "cmp -s $TMP/ex-t1.out $TMP/ex-t2.out" "export after tracking is not stable across a round trip"
check "grep -q 'forced: true' $TMP/ex-t1.out" "export lost a forced update"
check "[ \$(grep -c 'note: Consultation extended' $TMP/ex-t1.out) = 1 ]" "export lost a moved target date"
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

# === report (issue 4) ======================================================
run rep-md 0 $RT report --committee "children's services" --since 2026-01-01
same rep-md out
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
run rep-json 0 $TR report --since 2026-11-01 --format json
check "[ \"\$(jq -c '[(.committees | length), ([.committees[].reviews[].recommendations[]] | length), (.updates_since | length > 0), (.stale | length > 0)]' < $TMP/rep-json.out)\" = '[2,38,true,true]' ]" "report json"
check "[ \"\$(jq -c '[.updates_since[] | select(.handle == \"islington-2024-childrens-workforce/2\") | .to]' < $TMP/rep-json.out)\" = '[\"in-progress\",\"implemented\",\"implemented\",\"implemented\"]' ]" "report --since changes"
run rep-csv 0 $TR report --format csv
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

# === search, similar and the overview (issue 5) ===========================
run se-phrase 0 $RT search '"key worker housing"' --format json
check "[ \"\$(jq -c '[.[] | [.handle, .field]]' < $TMP/se-phrase.out)\" = '[[\"islington-2024-childrens-workforce/2\",\"finding\"],[\"meeting islington-childrens-services/2024-02-26-witness-evidence\",\"action\"],[\"meeting islington-childrens-services/2024-02-26-witness-evidence\",\"minutes\"]]' ]" "the key worker housing phrase"
check "[ \"\$(jq -c '[.[0].matches, (.[2].snippet | test(\"Key Worker housing\"))]' < $TMP/se-phrase.out)\" = '[[\"Key worker housing\"],true]' ]" "search snippets and matches"
run se-stem 0 $RT search recruit --format json --limit 0
check "[ \"\$(jq -r '[.[] | select(.handle == \"islington-2023-making-children-visible/8\" and .field == \"title\")] | length' < $TMP/se-stem.out)\" = 1 ]" "'recruit' does not find 'Recruitment'"
check "jq -e '[.[].matches[]] | any(. == \"recruiting\" or . == \"Recruitment\" or . == \"recruit\")' < $TMP/se-stem.out >/dev/null" "stemmed matches"
run se-all 0 $RT search 'ofsted*' --format json --limit 0
check "[ \"\$(jq -r '[.[] | .committee] | unique | join(\",\")' < $TMP/se-all.out)\" = islington-childrens-services,slough-people-scrutiny-panel ]" "search across committees"
run se-prefix 0 $RT search 'ofsted*' --committee slough --format json --limit 0
check "[ \"\$(jq -r '[.[] | .committee] | unique | join(\",\")' < $TMP/se-prefix.out)\" = slough-people-scrutiny-panel ]" "search --committee"
run se-not 0 $RT search 'housing NOT worker' --format json --limit 0
check "! jq -r '.[].snippet' < $TMP/se-not.out | grep -qi 'worker'" "NOT still matched"
run se-apos 0 $RT search "children's workforce" --limit 1
run se-md 0 $RT search '"key worker housing"' --format markdown --limit 1
has se-md out "**Key worker housing**"
run se-bad 1 $RT search 'foster AND'
has se-bad err "cannot read the search 'foster AND'"
check "! grep -qi fts5 $TMP/se-bad.err" "an SQLite message reached the user"
run se-quote 1 $RT search '"key worker'
has se-quote err "a quote is not closed"
run se-none 0 $RT search 'zeppelin' --format json
check "[ \"\$(cat $TMP/se-none.out)\" = '[]' ]" "no match is not an empty array"
# the index follows every write, and verify checks it
run se-note 0 env RECTRACK_USER=clerk $RT status islington-2024-childrens-workforce/9 agreed --note "Zebra crossing survey commissioned"
run se-note-hit 0 $RT search zebra --format json
check "[ \"\$(jq -c '[.[] | [.handle, .field]]' < $TMP/se-note-hit.out)\" = '[[\"islington-2024-childrens-workforce/9\",\"update note\"]]' ]" "a status note is not searchable"
run se-action 0 $RT action 2 done --note "Quokka programme slot found"
run se-action-hit 0 $RT search quokka --format json
check "[ \$(jq length < $TMP/se-action-hit.out) = 1 ]" "an action note is not searchable"
run se-verify 0 $RT verify
run se-verify2 0 $TR verify
# the index keeps no copy of the texts: a row missing from it, and a text
# changed behind rectrack's back (its words no longer the index's)
cp "$TMP/t.db" "$TMP/t-saved.db"
sqlite3 "$TMP/t.db" "DELETE FROM search_docsize WHERE id = (SELECT min(id) FROM search_docsize)"
run se-verify-bad 1 $RT verify
has se-verify-bad err "the full-text index holds"
run se-reindex 0 $RT reindex
run se-verify3 0 $RT verify
sqlite3 "$TMP/t.db" "UPDATE findings SET text = 'A quite different finding' WHERE rec_id = (SELECT min(rec_id) FROM findings) AND pos = 0"
run se-verify-text 1 $RT verify
has se-verify-text err "the full-text index does not match the texts in the tables ('rectrack reindex' rebuilds it)"
sqlite3 "$TMP/t.db" "UPDATE responses SET text = text || ' and more' WHERE rec_id = (SELECT min(rec_id) FROM responses)"
run se-reindex2 0 $RT reindex
run se-verify4 0 $RT verify
cp "$TMP/t-saved.db" "$TMP/t.db"
# a database from before the index gets one on open
cp "$TMP/t.db" "$TMP/old.db"
sqlite3 "$TMP/old.db" "DROP TABLE search_inst; DROP TABLE search_terms; DROP TABLE search; ALTER TABLE updates DROP COLUMN recorded; PRAGMA user_version = 3"
run se-migrate 0 $BIN --db "$TMP/old.db" search zebra --format json
check "[ \$(jq length < $TMP/se-migrate.out) = 1 ]" "migration 4 did not build the index"
run se-migrate-verify 0 $BIN --db "$TMP/old.db" verify
check "[ \"\$(sqlite3 $TMP/old.db \"SELECT group_concat(k || '=' || v, ' ') FROM (SELECT * FROM search_config WHERE k <> 'version' ORDER BY k); PRAGMA user_version\")\" = 'automerge=8 hashsize=4194304
7' ]" "migrations 5 and 6 did not set how the index is built"
check "[ \"\$(sqlite3 $TMP/old.db \"SELECT count(*) FROM sqlite_schema WHERE name = 'search_content'\")\" = 0 ]" "migration 6 left a copy of the texts"
# a database of schema 5 (made by rectrack before the index kept no copy of
# its texts, from data/): migration 6 makes its index anew from the tables
cp tests/fixtures/db/schema5.db "$TMP/v5.db"
check "[ \"\$(sqlite3 $TMP/v5.db 'PRAGMA user_version; SELECT count(*) FROM search_content')\" = '5
190' ]" "the schema 5 fixture is not what it was"
run v5-search 0 $BIN --db "$TMP/v5.db" search '"key worker housing"' --format json
has v5-search err "v5.db: rebuilding the search index for this version of rectrack (once; on a large database it takes minutes)"
check "[ \"\$(jq -c '[.[] | [.handle, .field]]' < $TMP/v5-search.out)\" = '[[\"islington-2024-childrens-workforce/2\",\"finding\"],[\"meeting islington-childrens-services/2024-02-26-witness-evidence\",\"action\"],[\"meeting islington-childrens-services/2024-02-26-witness-evidence\",\"minutes\"]]' ]" "migration 6: the key worker housing phrase"
check "[ \"\$(sqlite3 $TMP/v5.db \"PRAGMA user_version; SELECT count(*) FROM search_docsize; SELECT count(*) FROM sqlite_schema WHERE name = 'search_content'\")\" = '7
190
0' ]" "migration 6 did not make the index anew"
run v5-verify 0 $BIN --db "$TMP/v5.db" verify
# a first import indexes from the records: exactly what a rebuild from
# the tables makes
# ixsame WHAT: $TMP/ix.db's index is what a rebuild from its tables makes
# (every word in its place, every row's size: the texts are the tables')
IXDUMP="SELECT term, doc, col, offset FROM search_inst ORDER BY 1, 2, 3, 4; SELECT id, hex(sz) FROM search_docsize ORDER BY id"
ixsame() {
	sqlite3 "$TMP/ix.db" "$IXDUMP" > "$TMP/ix.before"
	$BIN --db "$TMP/ix.db" reindex >/dev/null
	sqlite3 "$TMP/ix.db" "$IXDUMP" > "$TMP/ix.after"
	check "[ -s $TMP/ix.before ] && cmp -s $TMP/ix.before $TMP/ix.after" "the import's index differs from a rebuild ($1)"
}
for src in "data/islington/childrens-workforce-2024.yaml data/islington/making-children-visible-2023.yaml data/slough/scf-workforce-strategy-2023.yaml" tests/fixtures/track/roundtrip.yaml tests/fixtures/track/hostile.yaml; do
	rm -f "$TMP/ix.db"
	$BIN --db "$TMP/ix.db" import $src >/dev/null
	ixsame "$src"
done
# ... also when new reviews' rows (held, and inserted in batches) mix with
# a changed review's (written at once), and past the batch size (2 MiB)
rm -f "$TMP/ix.db"
$BIN --db "$TMP/ix.db" import data/islington/childrens-workforce-2024.yaml >/dev/null
sed 's/The Council should investigate the feasibility of restoring/The Council should urgently investigate the feasibility of restoring/' data/islington/childrens-workforce-2024.yaml > "$TMP/cw-changed.yaml"
run ix-mixed 0 $BIN --db "$TMP/ix.db" import data/slough/scf-workforce-strategy-2023.yaml "$TMP/cw-changed.yaml" data/islington/making-children-visible-2023.yaml
has ix-mixed out "1 changed"
ixsame "new and changed reviews in one import"
# every write path takes its owner's rows out with the texts they were
# made from, before the first change (the index keeps no copy of them):
# after each, verify checks every word against the tables, and the index
# is what a rebuild makes
rm -f "$TMP/ix.db"
$BIN --db "$TMP/ix.db" import data/islington/childrens-workforce-2024.yaml data/islington/making-children-visible-2023.yaml >/dev/null
sed -e 's/The Chair noted the one-off topics/The Chair warmly noted the one-off topics/' \
    -e 's/That the report be noted\./That the report be noted and welcomed./' \
    -e 's/Candy Holder to update the Committee/Candy Holder to brief the Committee/' \
    -e 's/title: Focus group with City & Islington college/title: Focus group with City \& Islington college students/' \
    -e 's/The Council should investigate the feasibility of restoring/The Council should urgently investigate the feasibility of restoring/' \
    data/islington/childrens-workforce-2024.yaml > "$TMP/cw-mut.yaml"
sed -e 's/The Executive recognises the significance/The Executive fully recognises the significance/' \
    -e 's/The department to consult and consider how the local Charter/The department to consult widely and consider how the local Charter/' \
    -e 's/title: Islington Library Service/title: Islington Library and Heritage Service/' \
    data/islington/making-children-visible-2023.yaml > "$TMP/mcv-mut.yaml"
check "! cmp -s $TMP/cw-mut.yaml data/islington/childrens-workforce-2024.yaml && ! cmp -s $TMP/mcv-mut.yaml data/islington/making-children-visible-2023.yaml" "the edits to the data files did not apply"
run wp-reimport 0 $BIN --db "$TMP/ix.db" import "$TMP/cw-mut.yaml" "$TMP/mcv-mut.yaml"
has wp-reimport out "changed"
run wp-reimport-verify 0 $BIN --db "$TMP/ix.db" verify
run wp-warmly 0 $BIN --db "$TMP/ix.db" search warmly --format json
check "[ \"\$(jq -r '.[0].field' < $TMP/wp-warmly.out)\" = minutes ]" "changed minutes are not searchable"
run wp-old 0 $BIN --db "$TMP/ix.db" search '"Islington Library Service"' --format json
check "[ \"\$(cat $TMP/wp-old.out)\" = '[]' ]" "the old title of evidence is still found"
H=islington-2023-making-children-visible/1
run wp-respond 0 $BIN --db "$TMP/ix.db" respond islington-2024-childrens-workforce/1 --decision accepted --text "Agreed: a named wombat officer"
run wp-respond-verify 0 $BIN --db "$TMP/ix.db" verify
run wp-replace 0 $BIN --db "$TMP/ix.db" respond $H --decision rejected --text "Not affordable this year" --replace
run wp-replace-verify 0 $BIN --db "$TMP/ix.db" verify
run wp-set 0 $BIN --db "$TMP/ix.db" set $H --owner "Head of Learning" --due 2025-06-30
run wp-set-verify 0 $BIN --db "$TMP/ix.db" verify
run wp-status 0 $BIN --db "$TMP/ix.db" status $H in-progress --note "Platypus pilot under way" --force
run wp-status-verify 0 $BIN --db "$TMP/ix.db" verify
run wp-action 0 $BIN --db "$TMP/ix.db" action 1 done --note "Numbat briefing given"
run wp-action2 0 $BIN --db "$TMP/ix.db" action 2 dropped --note "Echidna slot withdrawn"
run wp-action-verify 0 $BIN --db "$TMP/ix.db" verify
for w in wombat platypus numbat echidna; do
	run wp-$w 0 $BIN --db "$TMP/ix.db" search $w --format json
	check "[ \$(jq length < $TMP/wp-$w.out) = 1 ]" "'$w', written by a command, is not searchable"
done
run wp-reimport2 0 $BIN --db "$TMP/ix.db" import data/islington/childrens-workforce-2024.yaml data/islington/making-children-visible-2023.yaml
run wp-reimport2-verify 0 $BIN --db "$TMP/ix.db" verify
ixsame "after every write path"
python3 tests/bench/gen.py 2000 > "$TMP/gen-2000.yaml"
rm -f "$TMP/ix.db"
run ix-big 0 $BIN --db "$TMP/ix.db" import "$TMP/gen-2000.yaml"
check "[ \$(sqlite3 $TMP/ix.db \"SELECT (SELECT sum(length(text) + coalesce(length(title), 0)) FROM recs) + (SELECT sum(length(text)) FROM findings) + (SELECT sum(length(text)) FROM responses) + (SELECT coalesce(sum(length(note)), 0) FROM updates)\") -gt 3000000 ]" "the generated file is too small to fill a batch"
# its words were made on a second thread (pretok.c), batch by batch: the
# index is what SQLite's own tokenizer makes of the stored texts
run ix-big-verify 0 $BIN --db "$TMP/ix.db" verify
check "sqlite3 $TMP/ix.db \"INSERT INTO search(search) VALUES ('integrity-check')\"" "the sqlite3 shell finds the index of several batches damaged"
ixsame "several batches"

# similar: related recommendations above unrelated ones
run sim 0 $RT similar islington-2024-childrens-workforce/2 --limit 0 --format json
check "[ \"\$(jq -c '[.[0:3][] | .handle] | (index(\"slough-2023-scf-workforce-strategy/11\") != null and index(\"islington-2023-making-children-visible/8\") != null)' < $TMP/sim.out)\" = true ]" "similar: retention incentives and social-worker recruitment are not in the top three"
check "[ \"\$(jq -c '([.[].handle] | index(\"slough-2023-scf-workforce-strategy/15\")) < ([.[].handle] | index(\"islington-2023-making-children-visible/4\"))' < $TMP/sim.out)\" = true ]" "similar: libraries rank above relocation loans"
check "! grep -q '\"islington-2024-childrens-workforce/2\"' $TMP/sim.out" "similar lists the recommendation itself"
# the overview
run ov-committees 0 $RT committees --format json
check "[ \"\$(jq -c '[.[] | [.id, .reviews, .recommendations, .open]]' < $TMP/ov-committees.out)\" = '[[\"islington-childrens-services\",2,20,20],[\"slough-people-scrutiny-panel\",1,18,18]]' ]" "committees"
run ov-reviews 0 $RT reviews --committee islington --format json
check "[ \"\$(jq -c '[.[] | [.id, .stage, .recommendations]]' < $TMP/ov-reviews.out)\" = '[[\"islington-2023-making-children-visible\",\"responded\",10],[\"islington-2024-childrens-workforce\",\"draft\",10]]' ]" "reviews"
run se-owner 0 $RT search recruit --owner nobodyxyz --format json
check "[ \"\$(cat $TMP/se-owner.out)\" = '[]' ]" "search ignores --owner"
run se-authority 0 $RT search ofsted --authority slough --format json
check "[ \"\$(jq -c '[.[].committee] | unique' < $TMP/se-authority.out)\" = '[\"slough-people-scrutiny-panel\"]' ]" "search ignores --authority"
run se-empty 2 $RT search ''
# past SEARCH_TOP_MAX, SQLite's sort ranks: the same hits as the one-pass way
run se-biglimit 0 $RT search recruit --limit 1000000000 --format json
check "[ \$(jq length < $TMP/se-biglimit.out) -gt 3 ]" "search --limit 1000000000"
run se-limit1000 0 $RT search recruit --limit 1000 --format json
check "cmp -s $TMP/se-biglimit.out $TMP/se-limit1000.out" "search ranks alike above and below the one-pass limit"
run ov-badopt 2 $RT committees --committee x
run ov-reindex-arg 2 $RT reindex extra
run ov-reindex-missing 1 $BIN --db "$TMP/nothing.db" reindex
check "[ ! -e $TMP/nothing.db ]" "reindex made a database"
printf 'committee:\n  id: zz\n  name: Empty\n  authority: A\nreviews:\n  - id: zz-r\n    title: Nothing yet\n' > "$TMP/empty-review.yaml"
run ov-empty-import 0 $BIN --db "$TMP/ov.db" import "$TMP/empty-review.yaml"
run ov-empty 0 $BIN --db "$TMP/ov.db" committees --format json
check "[ \"\$(jq -c '[.[] | [.id, .reviews, .recommendations]]' < $TMP/ov-empty.out)\" = '[[\"zz\",1,0]]' ]" "a committee without recommendations is not shown"
run ov-empty-r 0 $BIN --db "$TMP/ov.db" reviews --format json
check "[ \$(jq length < $TMP/ov-empty-r.out) = 1 ]" "a review without recommendations is not shown"
run ov-stats 0 $TR stats --format json
check "[ \"\$(jq '[.[].count] | add' < $TMP/ov-stats.out)\" = 38 ]" "stats do not add up to 38"
run ov-stats-md 0 $RT stats --format markdown
has ov-stats-md out "| islington-childrens-services | draft |"

# === hostile text already in the database (issue 6) =======================
# written around rectrack, straight into SQLite: every output stays valid
# and inert
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

# === everyday use (issue 8) ================================================
run help-groups 0 $BIN --help
has help-groups out "Track: record what happens"
has help-groups out "Find: see what is held"
# every help fits an 80-column terminal; a long usage wraps between its
# parts, never inside a bracketed group
for c in "" $($BIN --help | awk '/^  [a-z]+ / { print $1 }'); do
	$BIN $c --help > "$TMP/help-width.out" 2>&1
	check "[ \$(awk '{ if (length(\$0) > m) m = length(\$0) } END { print m + 0 }' $TMP/help-width.out) -le 79 ]" "rectrack $c --help is wider than 79 columns"
done
run help-respond 0 $BIN respond --help
check "[ \"\$(head -2 $TMP/help-respond.out)\" = 'usage: rectrack respond HANDLE --decision D (--text TEXT | --text-file FILE)
                [--date DATE] [--by NAME] [--replace]' ]" "respond's usage is not wrapped between its parts"
run opt-typo 2 $RT list --comittee x
has opt-typo err "unknown option '--comittee'; did you mean '--committee'?"
run opt-noval 2 $RT list --format
has opt-noval err "option '--format' needs a value"
run check-json 1 $BIN check --format json data/slough/scf-workforce-strategy-2023.yaml tests/fixtures/bad/date-april-31.yaml
check "[ \"\$(jq -c '[.ok, .recommendations, [.files[].ok], .errors[0].line, .errors[0].column]' < $TMP/check-json.out)\" = '[false,18,[true,false],13,14]' ]" "check --format json"
run check-json-ok 0 $BIN check --format json data/*/*.yaml
check "jq -e '.ok and .recommendations == 38' < $TMP/check-json-ok.out >/dev/null" "check --format json on the data"
# bash completion: commands, options from --help, ids from the database
if command -v bash >/dev/null 2>&1; then
	cat > "$TMP/comp.sh" <<EOS
export PATH="$BINDIR:\$PATH"
cp "$BINDIR/$(basename "$BIN" | sed 's/ .*//')" "$TMP/rectrack" 2>/dev/null
export PATH="$TMP:\$PATH"
source scripts/completion/rectrack.bash
t() { COMP_WORDS=("\$@"); COMP_CWORD=\$((\${#COMP_WORDS[@]} - 1)); COMPREPLY=(); _rectrack; echo "\${COMPREPLY[*]}"; }
t rectrack li
t rectrack --db $DB list --committee ""
t rectrack --db $DB list --comm
t rectrack --db $DB list --status in
t rectrack --db $DB action 3 d
EOS
	run completion 0 bash "$TMP/comp.sh"
	check "[ \"\$(sed -n 1p $TMP/completion.out)\" = list ]" "completion of commands"
	check "[ \"\$(sed -n 2p $TMP/completion.out)\" = 'islington-childrens-services slough-people-scrutiny-panel' ]" "completion of committee ids"
	check "[ \"\$(sed -n 3p $TMP/completion.out)\" = --committee ]" "completion of options"
	check "[ \"\$(sed -n 4p $TMP/completion.out)\" = in-progress ]" "completion of statuses"
	check "[ \"\$(sed -n 5p $TMP/completion.out)\" = 'done dropped' ]" "completion of action words"
fi

# --- installation and the man page ---------------------------------------
run install 0 make -s --no-print-directory install DESTDIR="$TMP/inst" PREFIX=/usr
check "[ -x $TMP/inst/usr/bin/rectrack ]" "make install: no binary"
check "[ -f $TMP/inst/usr/share/man/man1/rectrack.1 ]" "make install: no man page"
check "[ -f $TMP/inst/usr/share/bash-completion/completions/rectrack ] && [ -f $TMP/inst/usr/share/zsh/site-functions/_rectrack ]" "make install: no completion"
if command -v groff >/dev/null 2>&1; then
	run man 0 groff -ww -man -Tutf8 -P-cbou docs/rectrack.1
	empty man err
	has man out "EXIT STATUS"
fi

echo "e2e: $passed passed, $failed failed"
[ "$failed" = 0 ]
