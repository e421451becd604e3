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
# the rule for a retraction dated before what it withdraws reads the
# records alone (its recorded time), never the day it is checked on
run f-later 0 $BIN --today 2300-01-01 check $F/good.yaml
run f-later-verify 0 $BIN --db $E --today 2300-01-01 verify
run f-list 0 $BIN --db $E list --format json
check "[ \"\$(jq -c '.[0] | [.status, .due, .slipped, .stated_rag, .last_update]' < $TMP/f-list.out)\" = '[\"accepted\",\"2026-12-31\",0,null,\"2026-03-01\"]' ]" "a file's retracted update still counts"
run f-again 0 $BIN --db $E import $F/good.yaml
has f-again out "1 file: nothing changed"
# a file retracting an update recorded with the command line, not in it
run f-cli 0 $BIN --db $E status test-review/1 in-progress --date 2206-01-01 --note "Typo"
stamp=$(q $E "SELECT recorded FROM updates WHERE date = '2206-01-01'")
who=$(q $E "SELECT by FROM updates WHERE date = '2206-01-01'")
{ cat $F/good.yaml; printf '          - date: 2026-11-22\n            status: accepted\n            note: Entered for 2026.\n            recorded: 2026-11-22T12:00:00Z\n            retracts:\n              date: 2206-01-01\n              status: in-progress\n              by: %s\n              note: Typo\n              recorded: %s\n' "$who" "$stamp"; } >"$TMP/cli.yaml"
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
has i-no-update err "$F/no-update.yaml:20:15: 'retracts' names no update that can be withdrawn: this recommendation holds none dated 2026-03-02 the same in every field that is not a retraction or withdrawn already (copy every key of the withdrawn update: date, status, due, by, note, recorded, rag, signed_off, forced, whichever it has, as 'rectrack show --format yaml' lists it)"
check "[ ! -e $TMP/bad.db ]" "a failed first import left its database"
run i-twice 1 $BIN --db "$TMP/bad.db" import $F/twice.yaml
has i-twice err "$F/twice.yaml:26:15: 'retracts' names no update that can be withdrawn"

# verify: a retracts that names no earlier update of its recommendation
cp "$TMP/x.db" "$TMP/v.db"
q "$TMP/v.db" "INSERT INTO updates (rec_id, date, status, retracts) SELECT rec_id, date, status, id + 1000 FROM updates LIMIT 1"
run v-bad 1 $BIN --db "$TMP/v.db" verify
has v-bad err "verify: retraction that withdraws no earlier update"

# --- the update withdrawn is named by all of its content ----------------
# rec_head FILE: the committee, review and recommendation of good.yaml, to
# which the caller appends updates
rec_head() { sed -n '1,/^        updates:$/p' $F/good.yaml >"$1"; }
O1=$TMP/o1.yaml
O2=$TMP/o2.yaml
rec_head "$O1"
cat >>"$O1" <<'EOF2'
          - date: 2026-03-01
            status: accepted
            due: 2026-12-31
          - date: 2026-04-01
            status: in-progress
            due: 2027-06-30
            note: moved
          - date: 2026-05-01
            status: accepted
            note: mistaken
            retracts:
              date: 2026-04-01
              status: in-progress
EOF2
# a key naming only some fields matches nothing: refused in both doors
run o-partial-check 1 $BIN check "$O1"
has o-partial-check err "o1.yaml:25:15: 'retracts' names no update of this recommendation in the file: none dated 2026-04-01 the same in every field"
has o-partial-check err "its 'due' is missing"
run o-partial 1 $BIN --db "$TMP/o-partial.db" import "$O1"
has o-partial err "o1.yaml:25:15: 'retracts' names no update that can be withdrawn"
has o-partial err "copy every key of the withdrawn update"
# with every key, it imports; and the order of import does not matter
printf '              due: 2027-06-30\n              note: moved\n' >>"$O1"
rec_head "$O2"
cat >>"$O2" <<'EOF2'
          - date: 2026-04-01
            status: in-progress
            by: Ann
            note: A real update
EOF2
run o-full-check 0 $BIN check "$O1"
run o12a 0 $BIN --db "$TMP/o12.db" import "$O1"
run o12b 0 $BIN --db "$TMP/o12.db" import "$O2"
run o21a 0 $BIN --db "$TMP/o21.db" import "$O2"
run o21b 0 $BIN --db "$TMP/o21.db" import "$O1"
run o12x 0 $BIN --db "$TMP/o12.db" export
run o21x 0 $BIN --db "$TMP/o21.db" export
check "cmp -s $TMP/o12x.out $TMP/o21x.out" "which update 'retracts' withdraws depends on the order of import"
has o12x out "note: moved"
run o12s 0 $BIN --db "$TMP/o12.db" list --format json
check "[ \"\$(jq -c '.[0] | [.status, .due, .slipped]' < $TMP/o12s.out)\" = '[\"in-progress\",\"2026-12-31\",0]' ]" "the wrong update was withdrawn"

# a withdrawn sign-off: export names it apart from its unsigned twin
SO=$TMP/so.yaml
rec_head "$SO"
cat >>"$SO" <<'EOF2'
          - date: 2026-03-01
            status: implemented
            note: Done.
          - date: 2026-03-01
            status: implemented
            note: Done.
            signed_off: true
EOF2
run so-import 0 $BIN --db "$TMP/so.db" import "$SO"
run so-show 0 $BIN --db "$TMP/so.db" show test-review/1 --format json
n=$(jq '[.updates[] | .signed_off] | index(true) + 1' < $TMP/so-show.out)
run so-retract 0 $BIN --db "$TMP/so.db" retract test-review/1 "$n" --note "Not signed off yet"
run so-list 0 $BIN --db "$TMP/so.db" list --format json
check "[ \"\$(jq -c '.[0].signed_off' < $TMP/so-list.out)\" = null ]" "a retracted sign-off still counts"
run so-ex1 0 $BIN --db "$TMP/so.db" export
has so-ex1 out "        signed_off: true"
run so-rt 0 $BIN --db "$TMP/so-rt.db" import "$TMP/so-ex1.out"
run so-rt-list 0 $BIN --db "$TMP/so-rt.db" list --format json
check "[ \"\$(jq -c '.[0].signed_off' < $TMP/so-rt-list.out)\" = null ]" "export -> import brought a retracted sign-off back"
run so-ex2 0 $BIN --db "$TMP/so-rt.db" export
check "cmp -s $TMP/so-ex1.out $TMP/so-ex2.out" "export -> import -> export of a retracted sign-off differs"

# a retraction dated before the update it withdraws (not a future one)
run e-cli 1 $BIN --db "$TMP/so.db" retract test-review/1 1 --note y --date 2020-01-01
has e-cli err "test-review/1: update 1 is dated 2026-03-01, so a retraction of it cannot be dated 2020-01-01: give a --date on or after 2026-03-01"
EA=$TMP/early.yaml
rec_head "$EA"
cat >>"$EA" <<'EOF2'
          - date: 2026-03-01
            status: accepted
          - date: 2026-02-01
            status: accepted
            note: Early.
            retracts:
              date: 2026-03-01
              status: accepted
EOF2
run e-check 1 $BIN check "$EA"
has e-check err "early.yaml:20:15: a retraction dated 2026-02-01 withdraws an update dated 2026-03-01: date the retraction on or after 2026-03-01"
run e-import 1 $BIN --db "$TMP/early.db" import "$EA"
has e-import err "early.yaml:20:15: a retraction dated 2026-02-01 withdraws an update dated 2026-03-01"
cp "$TMP/so.db" "$TMP/e.db"
run e-verify-ok 0 $BIN --db "$TMP/e.db" verify
q "$TMP/e.db" "INSERT INTO updates (rec_id, date, status, note, retracts) SELECT u.rec_id, '2020-01-01', u.status, 'Early.', u.id FROM updates u WHERE u.retracts IS NULL AND NOT EXISTS (SELECT 1 FROM updates x WHERE x.retracts = u.id) LIMIT 1"
run e-verify 1 $BIN --db "$TMP/e.db" verify
has e-verify err "verify: retraction that withdraws no earlier update"

finish retract
