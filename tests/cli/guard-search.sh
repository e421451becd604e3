#!/bin/sh
# guard-search.sh: the full-text index never silently leaves text out
# (lists longer than its row ids hold, owner ids beyond them: refused,
# nothing written), and a search or 'similar' cannot be made to run for
# minutes.
. "$(dirname "$0")/lib.sh"

FIX=tests/fixtures/good/full-recommendation.yaml

# rec N KEY ITEM: a review with one recommendation whose list KEY holds N
# items made by the awk expression ITEM (of i)
rec() {
	printf 'format: rectrack/1\ncommittee:\n  id: c1\n  name: C\n'
	printf '  authority: A\nreviews:\n  - id: c1-r1\n    title: R\n'
	printf '    recommendations:\n      - ref: "1"\n        text: Base text\n'
	printf '        %s:\n' "$2"
	awk -v n="$1" "BEGIN { for (i = 1; i <= n; i++) print $3 }"
}

# --- lists longer than the index holds: refused at the item, nothing written

rec 10001 findings '"          - finding w" i " zebra"' >"$TMP/f10001.yaml"
run find-over 1 $BIN --db "$TMP/f.db" import "$TMP/f10001.yaml"
has find-over err "f10001.yaml:10013:13: more than 10000 findings in one recommendation"
has find-over err "merge some of them"
check '[ ! -e "$TMP/f.db" ]' "find-over: a refused import left a database"
run find-check 1 $BIN check "$TMP/f10001.yaml"
has find-check err "more than 10000 findings"
# into a database that exists: unchanged
$RAW_BIN --db "$TMP/g.db" import $FIX >/dev/null 2>&1
before=$(dump "$TMP/g.db")
run find-over2 1 $BIN --db "$TMP/g.db" import "$TMP/f10001.yaml"
check '[ "$(dump "$TMP/g.db")" = "$before" ]' "find-over2: the database changed"

# the most the index holds imports, every item searchable, verify ok
rec 10000 findings '"          - finding w" i " zebra"' >"$TMP/f10000.yaml"
run find-max 0 $BIN --db "$TMP/m.db" import "$TMP/f10000.yaml"
run find-last 0 $BIN --db "$TMP/m.db" search w10000
has find-last out "c1-r1/1"
run find-verify 0 $BIN --db "$TMP/m.db" verify

rec 10001 evidence '"          - kind: other\n            title: item " i' \
    >"$TMP/e10001.yaml"
run evid-over 1 $BIN --db "$TMP/e.db" import "$TMP/e10001.yaml"
has evid-over err ":20013:13: more than 10000 evidence items in one recommendation"
check '[ ! -e "$TMP/e.db" ]' "evid-over: a refused import left a database"

# 25,000 update notes on a recommendation (reached over time; made here
# with the sqlite3 shell, then reindexed): one more note is refused
cp "$TMP/g.db" "$TMP/n.db"
q "$TMP/n.db" "WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k
    WHERE i < 25000 - (SELECT count(*) FROM updates WHERE rec_id = 1
    AND note IS NOT NULL)) INSERT INTO updates (rec_id, date, status, note)
    SELECT 1, '2025-01-01', 'in-progress', 'note ' || i FROM k"
run notes-fill 0 $BIN --db "$TMP/n.db" reindex
run notes-verify 0 $BIN --db "$TMP/n.db" verify
h=$(q "$TMP/n.db" "SELECT v.rid || '/' || r.ref FROM recs r JOIN reviews v
    ON v.id = r.review_id WHERE r.id = 1")
before=$(dump "$TMP/n.db")
run notes-over 1 $BIN --db "$TMP/n.db" status "$h" in-progress --note "one more" --force
has notes-over err "recommendation 1 has 25001 update notes, more than the 25000"
has notes-over err "nothing was written"
check '[ "$(dump "$TMP/n.db")" = "$before" ]' "notes-over: the database changed"

# --- owner ids beyond the index's row ids: refused, nothing written

cat >"$TMP/newrec.yaml" <<'EOF'
format: rectrack/1
committee:
  id: islington-childrens-services
  name: Children's Services Scrutiny Committee
  authority: Islington Council
reviews:
  - id: islington-2024-other
    title: Other
    recommendations:
      - ref: "1"
        text: Beyond quokka
meetings:
  - id: m-new
    title: Beyond wombat
EOF
cp "$TMP/g.db" "$TMP/id.db"
q "$TMP/id.db" "INSERT INTO recs (id, review_id, ref, text)
    VALUES (16777215, 1, 'high', 'the highest aardvark')"
run id-fill 0 $BIN --db "$TMP/id.db" reindex
run id-highest 0 $BIN --db "$TMP/id.db" search aardvark
has id-highest out "/high"
before=$(dump "$TMP/id.db")
run id-rec 1 $BIN --db "$TMP/id.db" import "$TMP/newrec.yaml"
has id-rec err "recommendation 16777216 is numbered beyond 16777215, the most the full-text index can hold"
has id-rec err "nothing was written"
check '[ "$(dump "$TMP/id.db")" = "$before" ]' "id-rec: the database changed"
run id-verify 0 $BIN --db "$TMP/id.db" verify

cp "$TMP/g.db" "$TMP/mid.db"
q "$TMP/mid.db" "INSERT INTO meetings (id, committee_id, mid, title)
    VALUES (16777215, 1, 'm-high', 'the highest meeting')"
run mid-fill 0 $BIN --db "$TMP/mid.db" reindex
before=$(dump "$TMP/mid.db")
run mid-new 1 $BIN --db "$TMP/mid.db" import "$TMP/newrec.yaml"
has mid-new err "meeting 16777216 is numbered beyond 16777215"
check '[ "$(dump "$TMP/mid.db")" = "$before" ]' "mid-new: the database changed"

# catalogue evidence: its own id, up to 2^40 - 1
cp "$TMP/g.db" "$TMP/eid.db"
q "$TMP/eid.db" "INSERT INTO evidence (id, review_id, eid, kind, title)
    VALUES (1099511627775, 1, 'EHIGH', 'other', 'highest item')"
run eid-fill 0 $BIN --db "$TMP/eid.db" reindex
sed 's/^    recommendations:/    evidence:\n      - id: E9\n        kind: other\n        title: Beyond numbat\n    recommendations:/' \
    "$TMP/newrec.yaml" >"$TMP/neweid.yaml"
before=$(dump "$TMP/eid.db")
run eid-new 1 $BIN --db "$TMP/eid.db" import "$TMP/neweid.yaml"
has eid-new err "catalogue evidence item 1099511627776 is numbered beyond 1099511627775"
check '[ "$(dump "$TMP/eid.db")" = "$before" ]' "eid-new: the database changed"

# a database already holding an owner beyond: reindex refuses, verify says
q "$TMP/id.db" "INSERT INTO recs (id, review_id, ref, text)
    VALUES (16777300, 1, 'higher', 'beyond')"
run id-reindex 1 $BIN --db "$TMP/id.db" reindex
has id-reindex err "recommendation 16777300 is numbered beyond 16777215"
run id-verify2 1 $BIN --db "$TMP/id.db" verify

# --- searches that would run for minutes: refused at once

run q-prefixes 1 $BIN --db "$TMP/g.db" search "$(yes 'r*' | head -200 | tr '\n' ' ')"
has q-prefixes err "query too complex: 600 bytes, 200 terms, 200 of them prefix* (at most 1000 bytes and 16 terms, 4 of them prefix*)"
run q-or 1 $BIN --db "$TMP/g.db" search "$(yes 'housing OR' | head -1000 | tr '\n' ' ') council"
has q-or err "query too complex"
run q-long 1 $BIN --db "$TMP/g.db" search "\"$(yes council | head -12500 | tr '\n' ' ')\""
has q-long err "query too complex: 100002 bytes, 1 term, 0 of them prefix*"
run q-5prefix 1 $BIN --db "$TMP/g.db" search "a* b* c* d* e*"
has q-5prefix err "5 of them prefix*"
empty q-5prefix out

# timed on a database of some size (not under valgrind)
if [ "$WRAPPED" = 0 ]; then
	python3 tests/bench/gen.py 1000 >"$TMP/big.yaml"
	$RAW_BIN --db "$TMP/big.db" import "$TMP/big.yaml" >/dev/null 2>&1
	t0=$(date +%s)
	$RAW_BIN --db "$TMP/big.db" search "$(yes 'r*' | head -200 | tr '\n' ' ')" \
	    >/dev/null 2>&1
	t1=$(date +%s)
	check '[ $((t1 - t0)) -le 2 ]' "q-time: 200 x 'r*' took $((t1 - t0)) s"
else
	skip "timing under valgrind"
fi

# what a query may hold still works: phrases, prefixes, operators, groups
for query in '"key worker housing"' 'ofsted*' 'housing NOT worker' \
    '(agency OR locum) AND retention' "children's workforce" \
    'recruit* retain* foster* agenc*' \
    'a b c d e f g h i j k l m n o p' \
    '"a b c d e f g h i j k l m n o p q r s t u v w x y z a b c d e f"'; do
	run q-ok 0 $BIN --db "$TMP/g.db" search "$query"
done
run q-ok-hit 0 $BIN --db "$TMP/g.db" search 'recruit* OR "key worker" OR ofsted*'
has q-ok-hit out "recruitment campaign"

# --- similar on a recommendation of 100,000 distinct words: quick

rec 10000 findings \
    '"          - " sprintf("q%dx q%dy q%dz q%dv q%dw q%dk q%dj q%dh q%dg q%df", i, i, i, i, i, i, i, i, i, i)' \
    >"$TMP/sim.yaml"
cat >>"$TMP/sim.yaml" <<'EOF'
      - ref: "2"
        text: Base text again
EOF
if [ "$WRAPPED" = 0 ]; then
	$RAW_BIN --db "$TMP/sim.db" import "$TMP/sim.yaml" >/dev/null 2>&1
	t0=$(date +%s)
	run sim-big 0 $RAW_BIN --db "$TMP/sim.db" similar c1-r1/1
	t1=$(date +%s)
	check '[ $((t1 - t0)) -le 5 ]' "sim-big: similar took $((t1 - t0)) s"
else
	skip "similar's timing under valgrind"
fi

finish search
