#!/bin/sh
# End-to-end tests: run the real binary on real files and compare standard
# output, standard error and exit status with what is expected.
#   sh tests/cli/run.sh ./rectrack
# Expected outputs live in tests/cli/expected/NAME.out (and NAME.err);
# UPDATE=1 rewrites them from the current binary (then read the diff!).
set -u

BIN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
TOP=$(cd "$(dirname "$0")/../.." && pwd)
EXP=$TOP/tests/cli/expected
TMP=$(mktemp -d "${TMPDIR:-/tmp}/rectrack-e2e.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
cd "$TOP" || exit 1

export RECTRACK_TODAY=2026-11-22
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
run list-nomatch 1 $RT list --committee planning
has list-nomatch err "no committee matches 'planning'"

# --- show -----------------------------------------------------------------
run show-text 0 $RT show islington-2024-childrens-workforce/2
same show-text out
run show-json 0 $RT show islington-2023-making-children-visible/1 --format json
same show-json out
check "[ \"\$(jq -r '.response.decision' < $TMP/show-json.out)\" = accepted-in-principle ]" "show-json: decision"
check "[ \"\$(jq -r '.response.actions | length' < $TMP/show-json.out)\" = 3 ]" "show-json: actions"
id=$(jq -r '.[1].id' < "$TMP/list-json.out")
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
has help out "Commands:"
run list-help 0 $BIN list --help
has list-help out "Examples:"
run version 0 $BIN --version
has version out "rectrack "

# --- the docs stay true: docs/format.md's worked example is valid --------
awk '/^## 6\./{s=1} s && /^```yaml/{f=1; next} f && /^```/{exit} f' docs/format.md > "$TMP/worked.yaml"
run docs-example 0 $BIN check "$TMP/worked.yaml"
has docs-example out "ok, 2 recommendations"

# --- installation and the man page ---------------------------------------
run install 0 make -s --no-print-directory install DESTDIR="$TMP/inst" PREFIX=/usr
check "[ -x $TMP/inst/usr/bin/rectrack ]" "make install: no binary"
check "[ -f $TMP/inst/usr/share/man/man1/rectrack.1 ]" "make install: no man page"
if command -v groff >/dev/null 2>&1; then
	run man 0 groff -ww -man -Tutf8 -P-cbou docs/rectrack.1
	empty man err
	has man out "EXIT STATUS"
fi

echo "e2e: $passed passed, $failed failed"
[ "$failed" = 0 ]
