#!/bin/sh
# area-retract.sh: withdrawing an update entered in error (issue 19):
# 'rectrack retract', format.md's 'retracts' on import, check and export,
# and the derived fields, which ignore a retracted update and the
# retraction itself.
. "$(dirname "$0")/lib.sh"

F=tests/fixtures/retract
D=$TMP/retract.db
R="$BIN --db $D"
H=islington-2024-childrens-workforce/2
fresh "$D"

# --- the story: a status dated 2205 blocks every later update ------------
run s-agreed 0 $R status $H agreed --date 2025-06-01
run s-typo 0 $R status $H accepted --date 2205-07-01
run s-blocked 1 $R status $H in-progress --note "Pilot started"
has s-blocked err "--date must be 2205-07-01 or later"
run s-show1 0 $R show $H
has s-show1 out "  2. 2205-07-01  accepted, by tester"

# the refusals, each with its fix
run r-range 1 $R retract $H 3 --note "Date mistyped"
has r-range err "$H has 2 updates: N is from 1 to 2, as 'rectrack show $H' numbers them"
run r-zero 2 $R retract $H 0 --note "Date mistyped"
has r-zero err "'0' is not an update number"
run r-word 2 $R retract $H two --note "Date mistyped"
has r-word err "'two' is not an update number: N is the number 'rectrack show $H' gives the update (1 for the first)"
run r-nonote 2 $R retract $H 2
has r-nonote err "--note is required: say why update 2 is withdrawn"
run r-blank 1 $R retract $H 2 --note "  "
has r-blank err "--note is blank: say why update 2 is withdrawn"
run r-none 1 $R retract islington-2024-childrens-workforce/7 1 --note x
has r-none err "has no updates: nothing to retract"
run r-handle 1 $R retract nosuch/1 1 --note x
has r-handle err "no recommendation 'nosuch/1'"
check "[ \"\$(q $D 'SELECT count(*) FROM updates WHERE retracts IS NOT NULL')\" = 0 ]" "a refused retract wrote"

run r-ok 0 $R retract $H 2 --note "Date mistyped: 2205 for 2025" --by "Scrutiny Officer"
has r-ok out "$H: update 2 (2205-07-01, accepted) retracted (2026-11-22, by Scrutiny Officer); status now agreed"
run s-next 0 $R status $H accepted --date 2025-07-01
has s-next out "$H: agreed -> accepted (2025-07-01, by tester)"
run s-list 0 $R list --format json
check "[ \"\$(jq -c '.[] | select(.handle == \"$H\") | [.status, .last_update]' < $TMP/s-list.out)\" = '[\"accepted\",\"2025-07-01\"]' ]" "list: the retracted update still counts"
run s-show 0 $R show $H
has s-show out "Status       accepted"
has s-show out "Last update  2025-07-01"
has s-show out "  2. 2025-07-01  accepted, by tester"
has s-show out "  3. 2026-11-22  retraction of update 4 (2205-07-01, accepted), by Scrutiny Officer"
has s-show out "    Date mistyped: 2205 for 2025"
has s-show out "  4. 2205-07-01  accepted, by tester [retracted by update 3]"
run s-json 0 $R show $H --format json
check "[ \"\$(jq -c '[.updates[] | [.number, .retracted, .retracted_by, .retracts]]' < $TMP/s-json.out)\" = '[[1,false,null,null],[2,false,null,null],[3,false,null,4],[4,true,3,null]]' ]" "show json: retracted and retracts"
run s-yaml 0 $R show $H --format yaml
has s-yaml out "  retracts:"
has s-yaml out "    date: 2205-07-01"
has s-yaml out "    recorded: 2026-11-22T10:00:01Z"
# the work goes on: a later status is dated in order again
run s-progress 0 $R status $H in-progress --note "Pilot started"
has s-progress out "$H: accepted -> in-progress (2026-11-22, by tester)"

# what cannot be withdrawn
run r-again 1 $R retract $H 5 --note x
has r-again err "$H: update 5 is already retracted (by update 3): nothing to do"
run r-itself 1 $R retract $H 3 --note x
has r-itself err "$H: update 3 is itself a retraction (of update 5) and cannot be withdrawn; to restore that update, record it again with 'rectrack status'"
run r-verify 0 $R verify

# a retracted target date, RAG and sign-off count for nothing either
H6=islington-2024-childrens-workforce/6
run d-set 0 $R set $H6 --due 2027-03-31
run d-move 0 $R set $H6 --due 2207-03-31 --reason "Typo"
run d-json1 0 $R list --format json
check "[ \"\$(jq -c '.[] | select(.handle == \"$H6\") | [.due, .slipped]' < $TMP/d-json1.out)\" = '[\"2207-03-31\",1]' ]" "the move is not recorded"
run d-retract 0 $R retract $H6 1 --note "Meant 2027-09-30"
run d-json2 0 $R list --format json
check "[ \"\$(jq -c '.[] | select(.handle == \"$H6\") | [.due, .slipped, .first_due]' < $TMP/d-json2.out)\" = '[\"2027-03-31\",0,null]' ]" "a retracted target date still counts"
run d-report 0 $R report --format json
lacks d-report out "2207-03-31"

# --- files: import, check and export -------------------------------------
E=$TMP/files.db
run f-import 0 $BIN --db $E import $F/good.yaml
run f-list 0 $BIN --db $E list --format json
check "[ \"\$(jq -c '.[0] | [.status, .due, .slipped, .stated_rag, .last_update]' < $TMP/f-list.out)\" = '[\"accepted\",\"2026-12-31\",0,null,\"2026-03-01\"]' ]" "a file's retracted update still counts"
run f-again 0 $BIN --db $E import $F/good.yaml
has f-again out "1 file: nothing changed"
# a file retracting an update recorded with the command line, not in it
run f-cli 0 $BIN --db $E status test-review/1 in-progress --date 2206-01-01 --note "Typo"
stamp=$(q $E "SELECT recorded FROM updates WHERE date = '2206-01-01'")
{ cat $F/good.yaml; printf '          - date: 2026-11-22\n            status: accepted\n            note: Entered for 2026.\n            retracts:\n              date: 2206-01-01\n              recorded: %s\n' "$stamp"; } >"$TMP/cli.yaml"
run f-cli-import 0 $BIN --db $E import "$TMP/cli.yaml"
has f-cli-import out "1 file: 1 added"
run f-cli-show 0 $BIN --db $E show test-review/1
has f-cli-show out "Status       accepted"
has f-cli-show out "  3. 2026-11-22  retraction of update 5 (2206-01-01, in-progress)"
run f-cli-again 0 $BIN --db $E import "$TMP/cli.yaml"
has f-cli-again out "nothing changed"
# the round trip: export, import into an empty database, export again
run f-ex1 0 $BIN --db $E export
run f-rt 0 $BIN --db "$TMP/rt.db" import "$TMP/f-ex1.out"
run f-ex2 0 $BIN --db "$TMP/rt.db" export
check "cmp -s $TMP/f-ex1.out $TMP/f-ex2.out" "export -> import -> export differs"
run f-rt-again 0 $BIN --db "$TMP/rt.db" import "$TMP/f-ex1.out"
has f-rt-again out "nothing changed"
run f-rt-show 0 $BIN --db "$TMP/rt.db" show test-review/1 --format json
check "[ \"\$(jq -c '[.status, ([.updates[] | select(.retracted)] | length)]' < $TMP/f-rt-show.out)\" = '[\"accepted\",2]' ]" "the round trip lost a retraction"
# the whole story's database too
run x-ex1 0 $R export
run x-rt 0 $BIN --db "$TMP/x.db" import "$TMP/x-ex1.out"
run x-ex2 0 $BIN --db "$TMP/x.db" export
check "cmp -s $TMP/x-ex1.out $TMP/x-ex2.out" "export -> import -> export of the story differs"
run x-verify 0 $BIN --db "$TMP/x.db" verify

# bad files: each error exact, from check and from import
for b in no-update no-date not-mapping no-note counting twice unknown-key; do
	run "b-$b" 1 $BIN check $F/$b.yaml
	check "grep -v '^rectrack: ' $TMP/b-$b.err | cmp -s - $F/$b.err" "check $b.yaml: not the error of $F/$b.err"
done
run i-no-update 1 $BIN --db "$TMP/bad.db" import $F/no-update.yaml
has i-no-update err "$F/no-update.yaml:20:15: 'retracts' names no update that can be withdrawn: this recommendation holds none dated 2026-03-02 with the fields given that is not a retraction or withdrawn already (name it by its date and recorded, or its status, due, by and note, as 'rectrack show' lists it)"
check "[ ! -e $TMP/bad.db ]" "a failed first import left its database"
run i-twice 1 $BIN --db "$TMP/bad.db" import $F/twice.yaml
has i-twice err "$F/twice.yaml:25:15: 'retracts' names no update that can be withdrawn"

# verify: a retracts that names no earlier update of its recommendation
cp "$TMP/x.db" "$TMP/v.db"
q "$TMP/v.db" "INSERT INTO updates (rec_id, date, status, retracts) SELECT rec_id, date, status, id + 1000 FROM updates LIMIT 1"
run v-bad 1 $BIN --db "$TMP/v.db" verify
has v-bad err "verify: retraction that withdraws no earlier update"

finish retract
