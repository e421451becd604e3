#!/bin/sh
# guard-history.sh: export carries everything (with git as the shared
# store): the order of the history never depends on the order of import;
# import's union of updates is a multiset; replaced responses and what the
# command line recorded survive export -> import into an empty database.
. "$(dirname "$0")/lib.sh"
export RECTRACK_NOW=2026-11-22T10:00:00Z

# one recommendation with the updates given on standard input
onerec() {
	cat <<EOF
format: rectrack/1
committee:
  id: c1
  name: Scrutiny Committee
  authority: Example Council
reviews:
  - id: r1
    title: A Review
    recommendations:
      - ref: "1"
        text: The Council should do it.
        due: 2026-12-31
        updates:
EOF
	cat
}

# --- 1. the order of updates of one date --------------------------------
# two clerks' files state conflicting updates of the same date; each
# database imports them in the other order
onerec >"$TMP/a.yaml" <<EOF
          - date: 2026-01-10
            status: in-progress
            due: 2027-01-31
            by: Clerk A
            note: Work has started.
EOF
onerec >"$TMP/b.yaml" <<EOF
          - date: 2026-01-10
            status: withdrawn
            due: 2027-02-28
            by: Clerk B
            note: Superseded by the new strategy.
EOF
run o-ab1 0 $BIN --db "$TMP/ab.db" import "$TMP/a.yaml"
run o-ab2 0 $BIN --db "$TMP/ab.db" import "$TMP/b.yaml"
run o-ba1 0 $BIN --db "$TMP/ba.db" import "$TMP/b.yaml"
run o-ba2 0 $BIN --db "$TMP/ba.db" import "$TMP/a.yaml"
run o-ab-ex 0 $BIN --db "$TMP/ab.db" export
run o-ba-ex 0 $BIN --db "$TMP/ba.db" export
check "cmp -s $TMP/o-ab-ex.out $TMP/o-ba-ex.out" "the export depends on the order of import"
run o-ab-list 0 $BIN --db "$TMP/ab.db" list --format json
run o-ba-list 0 $BIN --db "$TMP/ba.db" list --format json
check "cmp -s $TMP/o-ab-list.out $TMP/o-ba-list.out" "list --format json depends on the order of import"
check "[ \"\$(jq -r '.[0].status' < $TMP/o-ab-list.out)\" = withdrawn ] && [ \"\$(jq -r '.[0].status' < $TMP/o-ba-list.out)\" = withdrawn ]" "status of same-date updates: the later on the usual path"
run o-ab-show 0 $BIN --db "$TMP/ab.db" show r1/1 --format json
run o-ba-show 0 $BIN --db "$TMP/ba.db" show r1/1 --format json
check "cmp -s $TMP/o-ab-show.out $TMP/o-ba-show.out" "show's history depends on the order of import"
run o-ab-rep 0 $BIN --db "$TMP/ab.db" report --since 2026-01-01 --format markdown
run o-ba-rep 0 $BIN --db "$TMP/ba.db" report --since 2026-01-01 --format markdown
check "cmp -s $TMP/o-ab-rep.out $TMP/o-ba-rep.out" "the report depends on the order of import"

# 'recorded' decides before content; an update without one comes first
onerec >"$TMP/ra.yaml" <<EOF
          - date: 2026-01-10
            status: in-progress
            recorded: 2026-01-11T09:00:00Z
EOF
onerec >"$TMP/rb.yaml" <<EOF
          - date: 2026-01-10
            status: withdrawn
            recorded: 2026-01-10T17:30:00Z
          - date: 2026-01-10
            status: not-implemented
EOF
run r-ab1 0 $BIN --db "$TMP/rab.db" import "$TMP/ra.yaml"
run r-ab2 0 $BIN --db "$TMP/rab.db" import "$TMP/rb.yaml"
run r-ba1 0 $BIN --db "$TMP/rba.db" import "$TMP/rb.yaml"
run r-ba2 0 $BIN --db "$TMP/rba.db" import "$TMP/ra.yaml"
run r-ab 0 $BIN --db "$TMP/rab.db" export
run r-ba 0 $BIN --db "$TMP/rba.db" export
check "cmp -s $TMP/r-ab.out $TMP/r-ba.out" "the export with 'recorded' depends on the order of import"
run r-list 0 $BIN --db "$TMP/rba.db" list --format json
check "[ \"\$(jq -r '.[0].status' < $TMP/r-list.out)\" = in-progress ]" "the update recorded last is not the latest of its date"
check "[ \"\$(grep -E '^ *(status|recorded):' $TMP/r-ab.out | tr -s ' ' | tr '\n' '|')\" = ' status: not-implemented| status: withdrawn| recorded: 2026-01-10T17:30:00Z| status: in-progress| recorded: 2026-01-11T09:00:00Z|' ]" "export order: unrecorded first, then by recorded"

# the command line stamps 'recorded' with RECTRACK_NOW, a second later
# for each further update, so the one entered last counts
run c-imp 0 $BIN --db "$TMP/c.db" import "$TMP/a.yaml"
run c-st1 0 $BIN --db "$TMP/c.db" status r1/1 implemented --note "Done"
run c-st2 0 $BIN --db "$TMP/c.db" status r1/1 in-progress --force --note "Reopened"
run c-set 0 $BIN --db "$TMP/c.db" set r1/1 --due 2027-09-30 --reason "Moved"
run c-ex 0 $BIN --db "$TMP/c.db" export
has c-ex out "recorded: 2026-11-22T10:00:00Z"
has c-ex out "recorded: 2026-11-22T10:00:01Z"
has c-ex out "recorded: 2026-11-22T10:00:02Z"
run c-list 0 $BIN --db "$TMP/c.db" list --format json
check "[ \"\$(jq -r '.[0] | .status + \" \" + .due' < $TMP/c-list.out)\" = 'in-progress 2027-09-30' ]" "the update entered last is not the current one"
run c-badnow 1 env RECTRACK_NOW=2026-11-22 $BIN --db "$TMP/c.db" status r1/1 in-progress --note "x"
has c-badnow err "RECTRACK_NOW '2026-11-22' is not a time"
check "[ \"\$(q $TMP/c.db 'SELECT count(*) FROM updates')\" = 4 ]" "a refused stamp wrote an update"

# 'recorded' is checked like every key
onerec >"$TMP/bad.yaml" <<EOF
          - date: 2026-01-10
            status: in-progress
            recorded: 2026-01-32T09:00:00Z
          - date: 2026-01-10
            status: in-progress
            recorded: 2026-01-10 09:00
EOF
run bad-rec 1 $BIN check "$TMP/bad.yaml"
has bad-rec err "bad.yaml:16:23: invalid time '2026-01-32T09:00:00Z' for 'recorded'"
has bad-rec err "bad.yaml:19:23: invalid time '2026-01-10 09:00' for 'recorded'"

# --- 2. import's union of updates is a multiset -------------------------
onerec >"$TMP/twice.yaml" <<EOF
          - date: 2026-02-01
            status: in-progress
            note: Met the head teachers.
          - date: 2026-02-01
            status: in-progress
            note: Met the head teachers.
EOF
run m-imp 0 $BIN --db "$TMP/m.db" import "$TMP/twice.yaml"
check "[ \"\$(q $TMP/m.db 'SELECT count(*) FROM updates')\" = 2 ]" "two identical updates of a file collapsed into one"
run m-verify 0 $BIN --db "$TMP/m.db" verify
run m-again 0 $BIN --db "$TMP/m.db" import "$TMP/twice.yaml"
has m-again out "nothing changed"
check "[ \"\$(q $TMP/m.db 'SELECT count(*) FROM updates')\" = 2 ]" "re-importing the file added updates"
# a database holding one copy gets only the second
onerec >"$TMP/once.yaml" <<EOF
          - date: 2026-02-01
            status: in-progress
            note: Met the head teachers.
EOF
run m1-imp 0 $BIN --db "$TMP/m1.db" import "$TMP/once.yaml"
run m1-imp2 0 $BIN --db "$TMP/m1.db" import "$TMP/twice.yaml"
check "[ \"\$(q $TMP/m1.db 'SELECT count(*) FROM updates')\" = 2 ]" "the union did not add the missing copy"
run m1-imp3 0 $BIN --db "$TMP/m1.db" import "$TMP/once.yaml"
check "[ \"\$(q $TMP/m1.db 'SELECT count(*) FROM updates')\" = 2 ]" "importing one copy again added it"
# two identical notes entered with 'status' on one day survive export
run m2-imp 0 $BIN --db "$TMP/m2.db" import "$TMP/once.yaml"
run m2-st1 0 $BIN --db "$TMP/m2.db" status r1/1 in-progress --note "Same again."
run m2-st2 0 $BIN --db "$TMP/m2.db" status r1/1 in-progress --note "Same again."
run m2-ex 0 $BIN --db "$TMP/m2.db" export
run m2-into 0 $BIN --db "$TMP/m2b.db" import "$TMP/m2-ex.out"
check "[ \"\$(q $TMP/m2b.db \"SELECT count(*) FROM updates WHERE note = 'Same again.'\")\" = 2 ]" "two identical notes did not survive export and import"
run m2-again 0 $BIN --db "$TMP/m2b.db" import "$TMP/m2-ex.out"
has m2-again out "nothing changed"
check "[ \"\$(q $TMP/m2b.db 'SELECT count(*) FROM updates')\" = 3 ]" "re-importing the export added updates"

# --- 3. replaced responses and the command line's marks -----------------
DATA="data/islington/childrens-workforce-2024.yaml data/islington/making-children-visible-2023.yaml data/slough/scf-workforce-strategy-2023.yaml"
W=islington-2024-childrens-workforce
V=islington-2023-making-children-visible
A="$TMP/x.db"
run x-imp 0 $BIN --db "$A" import $DATA
run x-st1 0 $BIN --db "$A" status $W/1 agreed
run x-st2 0 $BIN --db "$A" status $W/1 agreed --note "Noted at committee."
run x-st3 0 $BIN --db "$A" status $W/1 agreed --note "Noted at committee."
run x-resp1 0 $BIN --db "$A" respond $W/2 --decision accepted --text "Agreed in full."
run x-resp2 0 $BIN --db "$A" respond $W/2 --replace --decision rejected --text "Not affordable." --by "Executive"
run x-resp3 0 $BIN --db "$A" respond $V/1 --replace --decision noted --text "Noted, with thanks."
run x-own 0 $BIN --db "$A" set $W/3 --owner "Head of Service" --addressee "The Executive"
run x-due1 0 $BIN --db "$A" set $W/3 --due 2027-03-31
run x-due2 0 $BIN --db "$A" set $W/3 --due 2027-06-30 --reason "Budget round moved"
run x-act 0 $BIN --db "$A" action 5 done --note "Charter drafted."
# what a database holds, without its row ids
semantic() {
	q "$1" "
SELECT rv.rid, r.ref, r.title, r.addressee, r.owner, r.due, r.cli_fields
 FROM recs r JOIN reviews rv ON rv.id = r.review_id ORDER BY 1, 2;
SELECT rv.rid, r.ref, u.date, u.status, u.due, u.by, u.note, u.forced
 FROM updates u JOIN recs r ON r.id = u.rec_id
 JOIN reviews rv ON rv.id = r.review_id ORDER BY 1, 2, 3, 4, 5, 6, 7, 8;
SELECT rv.rid, r.ref, s.date, s.by, s.decision, s.text, s.source
 FROM responses s JOIN recs r ON r.id = s.rec_id
 JOIN reviews rv ON rv.id = r.review_id ORDER BY 1, 2;
SELECT rv.rid, r.ref, h.date, h.by, h.decision, h.text, h.replaced_on,
 h.replaced_by FROM response_history h JOIN recs r ON r.id = h.rec_id
 JOIN reviews rv ON rv.id = r.review_id ORDER BY 1, 2, 3, 4, 5, 6, 7, 8;
SELECT COALESCE(m.mid, rv.rid || '/' || r.ref), a.aid, a.text, a.owner,
 a.due, a.status, a.note, a.source FROM actions a
 LEFT JOIN meetings m ON m.id = a.meeting_id
 LEFT JOIN recs r ON r.id = a.rec_id
 LEFT JOIN reviews rv ON rv.id = r.review_id ORDER BY 1, 2;" 2>&1
}
run x-ex1 0 $BIN --db "$A" export
run x-into 0 $BIN --db "$TMP/y.db" import "$TMP/x-ex1.out"
run x-ex2 0 $BIN --db "$TMP/y.db" export
check "cmp -s $TMP/x-ex1.out $TMP/x-ex2.out" "export -> import -> export is not byte-identical"
run y-verify 0 $BIN --db "$TMP/y.db" verify
has x-ex1 out "replaced:"
has x-ex1 out "cli_recorded:"
semantic "$A" >"$TMP/sem-x1"
semantic "$TMP/y.db" >"$TMP/sem-y1"
check "cmp -s $TMP/sem-x1 $TMP/sem-y1" "the round-tripped database holds other records"
check "grep -q 'Agreed in full' $TMP/sem-y1" "the replaced response was not carried"
# the older files change nothing the command line recorded, in either
run x-old 0 $BIN --db "$A" import $DATA
run y-old 0 $BIN --db "$TMP/y.db" import $DATA
semantic "$A" >"$TMP/sem-x2"
semantic "$TMP/y.db" >"$TMP/sem-y2"
check "cmp -s $TMP/sem-x1 $TMP/sem-x2" "an older file changed what the command line recorded"
check "cmp -s $TMP/sem-y1 $TMP/sem-y2" "an older file changed the round-tripped database"
check "cmp -s $TMP/x-old.err $TMP/y-old.err" "the older file warns differently after the round trip"
has y-old err "keeping the addressee recorded with 'rectrack set'"
has y-old err "keeping the response recorded with 'rectrack respond'"
# JSON carries them too
run x-json 0 $BIN --db "$A" export --format json
run x-jinto 0 $BIN --db "$TMP/j.db" import "$TMP/x-json.out"
semantic "$TMP/j.db" >"$TMP/sem-j"
check "cmp -s $TMP/sem-x1 $TMP/sem-j" "the JSON export does not carry everything"
# a replaced response is matched by all its fields: nothing twice
run x-again 0 $BIN --db "$TMP/y.db" import "$TMP/x-ex1.out"
has x-again out "nothing changed"
bad_cli() {
	onerec <<EOF
          - date: 2026-01-10
            status: agreed
        cli_recorded: [owner, status]
EOF
}
bad_cli >"$TMP/badcli.yaml"
run bad-cli 1 $BIN check "$TMP/badcli.yaml"
has bad-cli err "badcli.yaml:16:31: unknown field 'status' in 'cli_recorded'"

# a 'recorded' that is not a moment, written around rectrack: verify names it
cp "$TMP/y.db" "$TMP/bad-stamp.db"
sqlite3 "$TMP/bad-stamp.db" "INSERT INTO updates (rec_id, date, status, recorded) SELECT min(id), '2026-01-01', 'agreed', '2026-13-01T99:00:00Z' FROM recs"
run bad-stamp 1 $BIN --db "$TMP/bad-stamp.db" verify
has bad-stamp err "column recorded: '2026-13-01T99:00:00Z' is not a time"

finish history
