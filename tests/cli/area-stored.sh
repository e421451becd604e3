#!/bin/sh
# area-stored.sh: the stored derivation (table derived, issue 21). The
# lists filter on it, through its indexes or by a walk in order; what
# they list must be exactly what each recommendation's derived fields
# say, by either way, with or without --limit. verify names a stored row
# changed behind rectrack's back, reindex derives them all again, and a
# database from before it gets it when first opened.
. "$(dirname "$0")/lib.sh"

DB=$TMP/s.db
RT="$BIN --db $DB"

# 3,000 generated recommendations: more than recview.c's FEW matches for
# the common conditions (so that --limit walks in order) and fewer for
# the rare ones (read through their index)
python3 tests/bench/gen.py 3000 > "$TMP/gen.yaml" ||
    { echo "cannot generate"; exit 1; }
run import 0 $RT import "$TMP/gen.yaml"
# the file is large enough for a bulk import (cmd-import.c's BULK_BYTES,
# more recommendations than held), but adds nothing: nothing is written,
# not even the indexes dropped and made again
check "[ \$(stat -c %s $TMP/gen.yaml) -ge 4194304 ]" "gen.yaml is under 4 MiB: no bulk import"
before=$(cat "$DB" "$DB-wal" 2>/dev/null | sha256sum)
run reimport 0 $RT import "$TMP/gen.yaml"
has reimport out "nothing changed"
check '[ "$(cat "$DB" "$DB-wal" 2>/dev/null | sha256sum)" = "$before" ]' \
    "a re-import of an unchanged file (a bulk one) wrote to the database"
run all 0 $RT list --format json
check "[ \$(jq length $TMP/all.out) = 3000 ]" "list holds every recommendation"

# cond NAME FILTER JQ: list FILTER is exactly the recommendations whose
# fields pass JQ, in the same order; with --limit 20 its first 20
cond() {
	cname=$1 cfilter=$2 cjq=$3
	jq -c "[.[] | select($cjq) | .handle]" "$TMP/all.out" > "$TMP/$cname.want"
	run "$cname" 0 $RT list $cfilter --format json
	jq -c '[.[].handle]' "$TMP/$cname.out" > "$TMP/$cname.got"
	check "cmp -s $TMP/$cname.want $TMP/$cname.got" \
	    "list $cfilter: not the recommendations whose fields say so ($(jq length $TMP/$cname.want) against $(jq length $TMP/$cname.got))"
	run "$cname-20" 0 $RT list $cfilter --limit 20 --format json
	jq -c '[.[].handle]' "$TMP/$cname-20.out" > "$TMP/$cname-20.got"
	jq -c '.[0:20]' "$TMP/$cname.want" > "$TMP/$cname-20.want"
	check "cmp -s $TMP/$cname-20.want $TMP/$cname-20.got" \
	    "list $cfilter --limit 20: not the first 20"
	check "[ \$(jq length $TMP/$cname.want) -gt 0 ]" \
	    "list $cfilter matches nothing here: the test proves nothing"
}
cond overdue --overdue '.overdue'
cond stale --stale '.stale'
cond response --response-overdue '.response_overdue'
cond open --open '.status as $s | ["implemented", "not-implemented", "rejected", "withdrawn"] | index($s) == null'
cond closed --closed '.status as $s | ["implemented", "not-implemented", "rejected", "withdrawn"] | index($s) != null'
cond progress "--status in-progress" '.status == "in-progress"'
cond rejected "--status rejected" '.status == "rejected"'
cond two "--status rejected,implemented" '.status == "rejected" or .status == "implemented"'
cond signoff --awaiting-signoff '.status as $s | (["implemented", "not-implemented", "rejected", "withdrawn"] | index($s) != null) and .signed_off == null'
cond before "--due-before 2025-06-01" '.due != null and .due < "2025-06-01"'
cond owner "--owner director" '.owner != null and (.owner | ascii_downcase | contains("director"))'
cond addressee "--addressee council" '.addressee != null and (.addressee | ascii_downcase | contains("council"))'
# a few values of many: through the index of owners
run owner3 0 $RT list --owner "DIRECTOR 3" --format json
check "[ \"\$(jq -c '[.[].handle]' $TMP/owner3.out)\" = \"\$(jq -c '[.[] | select(.owner != null and (.owner | ascii_downcase | contains(\"director 3\"))) | .handle]' $TMP/all.out)\" ]" \
    "list --owner 'DIRECTOR 3': not the recommendations of Director 3 and 30"
check "[ \$(jq length $TMP/owner3.out) -gt 0 ]" "list --owner 'DIRECTOR 3' matches nothing"
run nobody 0 $RT list --owner nobody --format json
check "[ \"\$(jq length $TMP/nobody.out)\" = 0 ]" "list --owner nobody lists something"
cond year "--year 2023-24" '.year == "2023-24"'

# --- chase: by the walk, and by the index of owners -------------------------
# the whole chase is large (written out in pieces, cmd-chase.c's SPILL):
# every format holds every item once
run chase 0 $RT chase --format json
run chase-csv 0 $RT chase --format csv
run chase-md 0 $RT chase --format markdown
run chase-text 0 $RT chase
nitems=$(jq '[.[].items[]] | length' "$TMP/chase.out")
check "[ \$(stat -c %s $TMP/chase-csv.out) -gt 262144 ]" \
    "chase --format csv is under 256 KiB: it is written in one piece"
check "[ \$(python3 -c 'import csv, sys; print(sum(1 for r in csv.reader(open(sys.argv[1], newline=\"\", encoding=\"utf-8-sig\")) if r[1] in (\"recommendation\", \"action\")))' $TMP/chase-csv.out) = $nitems ]" \
    "chase --format csv: not one row per item ($nitems)"
check "[ \$(grep -c '^| [^I-][^|]* | ' $TMP/chase-md.out) = $nitems ]" \
    "chase --format markdown: not one row per item ($nitems)"
check "[ \$(grep -c '^  [^ ]' $TMP/chase-text.out) = $nitems ]" \
    "chase: not one entry per item ($nitems)"
# an owner's recommendations owed on one date are in the list's order
jq -r 'to_entries[] | "\(.value.handle) \(.key)"' "$TMP/all.out" > "$TMP/pos"
jq -r '.[] | .owner as $o | .items[] | select(.kind == "recommendation" and .due != null) | "\($o)|\(.due) \(.handle)"' \
    "$TMP/chase.out" > "$TMP/chase.ties"
awk 'NR == FNR { pos[$1] = $2; next }
    { p = pos[$2] } $1 == k && p < last { bad++ }
    $1 == k { ties++ } { k = $1; last = p }
    END { print bad + 0, ties + 0 }' "$TMP/pos" "$TMP/chase.ties" > "$TMP/chase.order"
check "[ \"\$(cut -d' ' -f1 $TMP/chase.order)\" = 0 ]" \
    "chase: recommendations owed on the same date not in the list's order"
check "[ \$(cut -d' ' -f2 $TMP/chase.order) -gt 100 ]" \
    "chase: too few recommendations owed on the same date to test their order"
# --owner reads through the index: the same items as the whole chase's
# groups of those owners
run chase-owner 0 $RT chase --owner "director 3" --format json
check "[ \"\$(jq -c . $TMP/chase-owner.out)\" = \"\$(jq -c '[.[] | select(.owner != null and (.owner | ascii_downcase | contains(\"director 3\")))]' $TMP/chase.out)\" ]" \
    "chase --owner 'director 3': not the whole chase's items of Director 3 and 30"
check "[ \$(jq '[.[].items[]] | length' $TMP/chase-owner.out) -gt 50 ]" \
    "chase --owner 'director 3' owes too little to test"
# the other filters with an index read no response (db-sql.c's
# STORED_ANSWERED): the whole chase's recommendations that the filter's
# reason names, each item as the walk (which reads the response) derives
# it, its reasons, RAG and response due included
for w in "overdue:^target date .* passed$" "response-overdue:^response overdue since" "stale:^nothing recorded since"; do
	wf=${w%%:*} wre=${w#*:}
	run "chase-$wf" 0 $RT chase --$wf --format json
	jq -c --arg re "$wre" '[.[].items[] | select(.kind == "recommendation" and any(.reasons[]; test($re)))]' "$TMP/chase.out" > "$TMP/chase-$wf.want"
	jq -c '[.[].items[] | select(.kind == "recommendation")]' "$TMP/chase-$wf.out" > "$TMP/chase-$wf.got"
	check "cmp -s $TMP/chase-$wf.want $TMP/chase-$wf.got && [ \$(jq length $TMP/chase-$wf.got) -gt 20 ]" \
	    "chase --$wf: not the whole chase's recommendations whose reasons say so (or too few to test)"
done
cond both "--overdue --status accepted" '.overdue and .status == "accepted"'
# the walk of one committee agrees with the index's matches of it
run c3 0 $RT list --overdue --committee committee-3 --format json
check "[ \"\$(jq -c '[.[].handle]' $TMP/c3.out)\" = \"\$(jq -c '[.[] | select(.committee == \"committee-3\" and .overdue) | .handle]' $TMP/all.out)\" ]" \
    "list --overdue --committee: not its overdue recommendations"
# --updated-since counts a response as well as an update (no field of
# list says when): the index's matches against the walk, committee by
# committee
run since 0 $RT list --updated-since 2024-06-01 --format json
: > "$TMP/since.walk"
for c in 1 2 3 4 5 6; do
	$RT list --updated-since 2024-06-01 --committee committee-$c \
	    --format json | jq -c '.[].handle' >> "$TMP/since.walk"
done
check "[ \"\$(jq -c '.[].handle' $TMP/since.out)\" = \"\$(cat $TMP/since.walk)\" ]" \
    "list --updated-since: the index and the walk differ"
check "[ \$(jq length $TMP/since.out) -gt 100 ]" "list --updated-since matches too few"
run since-20 0 $RT list --updated-since 2024-06-01 --limit 20 --format json
check "[ \"\$(jq -c '[.[].handle]' $TMP/since-20.out)\" = \"\$(jq -c '[.[].handle][0:20]' $TMP/since.out)\" ]" \
    "list --updated-since --limit 20: not the first 20"

# --- verify, tampering, reindex ---------------------------------------------
run verify 0 $RT verify
has verify out "stored derivation"
h=$(jq -r '[.[] | select(.status == "in-progress")][0].handle' "$TMP/all.out")
id=$(jq -r '[.[] | select(.status == "in-progress")][0].id' "$TMP/all.out")
before=$(sqlite3 "$DB" '.dump derived' | sha256sum)
q "$DB" "UPDATE derived SET status = 'implemented', open = 0 WHERE rec_id = $id"
run tampered 1 $RT verify
has tampered err "verify: stored derivation: $h: status is 'implemented' where its history says 'in-progress' ('rectrack reindex' derives every row again)"
has tampered err "verify: stored derivation: $h: open is '0' where its history says '1'"
q "$DB" "DELETE FROM derived WHERE rec_id = $((id + 1))"
run missing 1 $RT verify
has missing err "has none ('rectrack reindex' derives every row again)"
q "$DB" "UPDATE derived SET status = 'draft' WHERE rec_id > 10"
run many 1 $RT verify
has many err "verify: stored derivation: "
check "[ \$(grep -c 'stored derivation: .*/' $TMP/many.err) = 20 ]" \
    "verify names more than 20 differences one by one"
has many err "more differences"
run reindex 0 $RT reindex
run reverified 0 $RT verify
check "[ \"\$(sqlite3 $DB '.dump derived' | sha256sum)\" = \"$before\" ]" \
    "reindex did not derive every row as it was"

# a row left behind rectrack's back for the next recommendation's id (the
# shell enforces no foreign key; its trigger counts the row): a new
# review's recommendation takes it over, and the counts stay right
sqlite3 "$DB" ".backup $TMP/left.db"
next=$(q "$TMP/left.db" "SELECT max(id) + 1 FROM recs")
q "$TMP/left.db" "INSERT INTO derived (rec_id, review_id, status, open, slips, answered) SELECT $next, min(id), 'implemented', 0, 0, 1 FROM reviews"
cat > "$TMP/left.yaml" <<'EOF'
format: rectrack/1
committee:
  id: left-committee
  name: Left Committee
  authority: Test Council
reviews:
  - id: left-review
    title: A review imported over a row left behind
    recommendations:
      - ref: "1"
        text: The Council should keep its records.
EOF
run left 0 $BIN --db "$TMP/left.db" import "$TMP/left.yaml"
run left-show 0 $BIN --db "$TMP/left.db" show left-review/1 --format json
check "[ \"\$(jq -r .status $TMP/left-show.out)\" = draft ]" \
    "a new recommendation took the status of a row left for its id"
run left-verify 0 $BIN --db "$TMP/left.db" verify
want=$(q "$TMP/left.db" "SELECT id || '|draft' FROM reviews WHERE rid = 'left-review'")
check "[ \"\$(q $TMP/left.db 'SELECT review_id, status FROM derived WHERE rec_id = $next')\" = '$want' ]" \
    "the row left for a new recommendation's id was not replaced"

# --- a database from before the stored derivation ---------------------------
cp "$DB" "$TMP/v9.db"
q "$TMP/v9.db" "DROP TABLE committee_counts; DROP TABLE review_counts; DROP TABLE derived; DROP INDEX reviews_order; DROP INDEX recs_owner; DROP INDEX recs_addressee; PRAGMA user_version = 9"
run v9-list 0 $BIN --db "$TMP/v9.db" list --overdue --format json
check "[ \"\$(jq -c '[.[].handle]' $TMP/v9-list.out)\" = \"\$(cat $TMP/overdue.got)\" ]" \
    "migration 10: the overdue list differs"
run v9-verify 0 $BIN --db "$TMP/v9.db" verify
check "[ \"\$(q $TMP/v9.db 'PRAGMA user_version; SELECT count(*) FROM derived' | tr '\n' ' ')\" = '13 3000 ' ]" \
    "migration 10 did not fill the stored derivation"

# --- search with a filter on recommendations ---------------------------------
# the best SEARCH_WIDEN times --limit ranked in one pass, then every
# match when too few of them pass: the same hits either way as ranking
# every match (--limit 0 does), whether the filter passes most, few or
# none of the best
# sf NAME WORD FILTER...
sf() {
	sname=$1 sword=$2
	shift 2
	# the oracle: every match ranked with no filter, kept when its
	# recommendation is one the list gives for the filter
	run "sf-$sname-list" 0 $RT list "$@" --format json
	run "sf-$sname-every" 0 $RT search "$sword" --limit 0 --format json
	jq -c --slurpfile l "$TMP/sf-$sname-list.out" '[($l[0] | map({(.handle): 1}) | add // {}) as $in | .[] | select(.kind == "recommendation" and $in[.handle | sub(" .*"; "")] == 1) | [.handle, .field]]' \
	    "$TMP/sf-$sname-every.out" > "$TMP/sf-$sname.all"
	run "sf-$sname" 0 $RT search "$sword" "$@" --limit 0 --format json
	check "[ \"\$(jq -c '[.[] | [.handle, .field]]' $TMP/sf-$sname.out)\" = \"\$(cat $TMP/sf-$sname.all)\" ]" \
	    "search '$sword' $* --limit 0: not the hits of every match whose recommendation the list gives"
	check "[ \$(jq length $TMP/sf-$sname.out) -gt 20 ]" \
	    "search '$sword' $* finds 20 or fewer: the test proves little"
	for n in 1 20 150; do
		run "sf-$sname-$n" 0 $RT search "$sword" "$@" --limit $n --format json
		check "[ \"\$(jq -c '[.[] | [.handle, .field]]' $TMP/sf-$sname-$n.out)\" = \"\$(jq -c '.[0:$n]' $TMP/sf-$sname.all)\" ]" \
		    "search '$sword' $* --limit $n: not the first $n of every match"
	done
}
sf open council --open
sf rejected council --status rejected
sf owner council --owner "director 3"
# an owner or addressee alone is ranked from its index's ids first
sf addressee officer --addressee "the council"
# a condition that passes few of the best matches: the best of its
# index's recommendations, ranked in one pass with the others left out
# (search_among()), whatever the --limit
sf overdue council --overdue
sf response council --response-overdue
sf due council --due-before 2025-01-01
sf updated council --updated-since 2025-06-01
sf signoff council --awaiting-signoff
sf stale council --stale
sf overdue-owner council --overdue --owner "director 3"
run sf-nobody 0 $RT search council --owner nobody --format json
check "[ \"\$(cat $TMP/sf-nobody.out)\" = '[]' ]" \
    "search --owner of an owner none has: hits"
sf both "officer* OR librari*" --overdue --authority council

# --- the overviews: committees, reviews, stats (review_counts) ---------------
# counted from review_counts and derived_overdue (migration 11), never
# from the lists: each count must be what the list's fields say
CLOSED='["implemented", "not-implemented", "rejected", "withdrawn"]'
DECIDED='["accepted", "partially-accepted", "in-progress"]'
# ov NAME GROUPKEY: the counts of the list's recommendations grouped by
# GROUPKEY (committee or review), as committees and reviews give them
ov() {
	jq -c --argjson closed "$CLOSED" --argjson decided "$DECIDED" "
	    group_by(.$2) | map({id: .[0].$2, recommendations: length,
	    open: map(select(.status as \$s | \$closed | index(\$s) == null))
	    | length,
	    closed: map(select(.status as \$s | \$closed | index(\$s) != null))
	    | length,
	    overdue: map(select(.overdue)) | length,
	    awaiting_response: map(select(.status as \$s |
	    (\$closed | index(\$s) == null) and \$s != \"draft\" and
	    .decision == null and (\$decided | index(\$s) == null))) | length})
	    | sort_by(.id)" "$1"
}
counts() {
	jq -c 'map({id, recommendations, open, closed, overdue,
	    awaiting_response}) | sort_by(.id)' "$1"
}
run all2 0 $RT list --format json
run committees 0 $RT committees --format json
check "[ \"\$(counts $TMP/committees.out)\" = \"\$(ov $TMP/all2.out committee)\" ]" \
    "committees: not the counts of the list's recommendations"
check "[ \$(jq '[.[].overdue] | add' $TMP/committees.out) -gt 0 ] &&
    [ \$(jq '[.[].awaiting_response] | add' $TMP/committees.out) -gt 0 ]" \
    "committees: nothing overdue or awaiting here: the test proves nothing"
run reviews 0 $RT reviews --format json
check "[ \"\$(counts $TMP/reviews.out)\" = \"\$(ov $TMP/all2.out review)\" ]" \
    "reviews: not the counts of the list's recommendations"
run reviews3 0 $RT reviews --committee committee-3 --format json
check "[ \"\$(counts $TMP/reviews3.out)\" = \"\$(jq '[.[] | select(.committee == \"committee-3\")]' $TMP/all2.out | ov /dev/stdin review)\" ]" \
    "reviews --committee: not the counts of its recommendations"
# overdue counts by the date asked about
run committees-2030 0 $RT --today 2030-01-01 committees --format json
run all-2030 0 $RT --today 2030-01-01 list --format json
check "[ \"\$(counts $TMP/committees-2030.out)\" = \"\$(ov $TMP/all-2030.out committee)\" ]" \
    "committees --today 2030-01-01: not the list's counts"
# stats NAME FILTER JQ: stats FILTER counts, per committee and status,
# the list's recommendations that pass JQ
stats() {
	jq -c "[.[] | select($3)] | group_by(.committee) | map(
	    group_by(.status) | map({committee: .[0].committee,
	    status: .[0].status, count: length})) | flatten
	    | sort_by(.committee, .status)" "$TMP/all2.out" > "$TMP/st-$1.want"
	run "st-$1" 0 $RT stats $2 --format json
	jq -c 'sort_by(.committee, .status)' "$TMP/st-$1.out" > "$TMP/st-$1.got"
	check "cmp -s $TMP/st-$1.want $TMP/st-$1.got" \
	    "stats $2: not the list's counts"
}
stats all "" 'true'
stats open --open ".status as \$s | $CLOSED | index(\$s) == null"
stats closed --closed ".status as \$s | $CLOSED | index(\$s) != null"
stats two "--status rejected,implemented" '.status == "rejected" or .status == "implemented"'
stats c3 "--committee committee-3" '.committee == "committee-3"'
# committees whose order by id is not their rows' (ST_CCOUNTS_ALL is
# read in step with them): one first with counts, one with none
cp "$DB" "$TMP/order.db"
printf '%s\n' 'format: rectrack/1' 'committee:' '  id: a-first' \
    '  name: First by its id' '  authority: Test Council' 'reviews:' \
    '  - id: early' '    title: Early' '    recommendations:' \
    '      - {ref: "1", text: One.}' '      - ref: "2"' '        text: Two.' \
    '        response: {date: 2026-10-25, decision: accepted, text: Yes.}' \
    > "$TMP/order-a.yaml"
printf '%s\n' 'format: rectrack/1' 'committee:' '  id: b-none' \
    '  name: None of its own' '  authority: Test Council' 'reviews: []' \
    > "$TMP/order-b.yaml"
run order-import 0 $BIN --db "$TMP/order.db" import "$TMP/order-a.yaml" "$TMP/order-b.yaml"
run order-all 0 $BIN --db "$TMP/order.db" list --format json
run order-c 0 $BIN --db "$TMP/order.db" committees --format json
check "[ \"\$(jq 'map(select(.id != \"b-none\"))' $TMP/order-c.out | counts /dev/stdin)\" = \"\$(ov $TMP/order-all.out committee)\" ] &&
    [ \"\$(jq -c '.[1] | [.recommendations, .reviews]' $TMP/order-c.out)\" = '[0,0]' ] &&
    [ \"\$(jq -c '[.[].id][:3]' $TMP/order-c.out)\" = '[\"a-first\",\"b-none\",\"committee-1\"]' ]" \
    "committees in an order not their rows': not the list's counts"
run order-s 0 $BIN --db "$TMP/order.db" stats --format json
check "[ \"\$(jq -c 'sort_by(.committee, .status)' $TMP/order-s.out)\" = \"\$(jq -c 'group_by(.committee) | map(group_by(.status) | map({committee: .[0].committee, status: .[0].status, count: length})) | flatten | sort_by(.committee, .status)' $TMP/order-all.out)\" ]" \
    "stats with committees in an order not their rows': not the list's counts"
# counted a committee at a time: a review alone is that review's
rv=$(jq -r '[.[] | select(.committee == "committee-3")][-1].review' "$TMP/all2.out")
stats rv "--review $rv" ".review == \"$rv\""
stats rv-open "--review $rv --open" ".review == \"$rv\" and (.status as \$s | $CLOSED | index(\$s) == null)"
# a filter review_counts cannot answer is counted from each stored row
# (recview_stored()), or from the rows the condition's index holds when
# they are few (under a twentieth)
stats overdue --overdue '.overdue'
stats stale --stale '.stale'
stats response --response-overdue '.response_overdue'
stats response-open "--response-overdue --open" '.response_overdue'
stats due "--due-before 2025-01-01" '.due != null and .due < "2025-01-01"'
# (the list's fields do not give the last activity: the list is the oracle)
run upd-list 0 $RT list --updated-since 2025-06-01 --format json
upd=$(jq -c '[.[].handle]' "$TMP/upd-list.out")
stats updated "--updated-since 2025-06-01" ".handle as \$h | $upd | index(\$h) != null"
stats year "--year 2023-24" '.year == "2023-24"'
stats signoff --awaiting-signoff ".status as \$s | ($CLOSED | index(\$s) != null) and .signed_off == null"
stats overdue-rv "--overdue --review $rv" ".overdue and .review == \"$rv\""
# stats --by rag counts from the stored derivation alone when the filter
# has no text (recview_stored()); --authority (every
# generated committee's holds "Council") makes it derive each
# recommendation from its row as the lists do: the same bytes, reasons
# included, on dates with every RAG
for d in 2026-11-22 2024-03-01 2030-01-01; do
	for f in "" --open --closed "--status accepted,in-progress" \
	    "--committee committee-3" "--review $rv" --overdue \
	    "--stale --closed" --response-overdue "--year 2023-24" \
	    "--due-before 2025-01-01" --awaiting-signoff; do
		n=rag-$d-$(printf %s "$f" | tr -c 'a-z0-9' _)
		run "$n" 0 $RT --today $d stats --by rag $f --format json
		run "$n-rows" 0 $RT --today $d stats --by rag $f --authority Council --format json
		check "[ -s $TMP/$n.out ] && cmp -s $TMP/$n.out $TMP/$n-rows.out" \
		    "stats --by rag $f --today $d: not what each row's RAG says"
	done
done
check "[ \"\$(jq -c '[.[].rag] | unique' $TMP/rag-2024-03-01-.out)\" = '[\"amber\",\"blue\",\"green\",\"grey\",\"red\"]' ]" \
    "stats --by rag on 2024-03-01: not every RAG, so the test proves little"
check "jq -e '[.[].why] | map(select(. != null) | test(\"within 30 days\")) | any' $TMP/rag-2024-03-01-.out >/dev/null" \
    "stats --by rag on 2024-03-01: nothing due within 30 days"
# a write moves a recommendation between counts
h=$(jq -r '[.[] | select(.status == "in-progress")][0].handle' "$TMP/all2.out")
c=$(jq -r '[.[] | select(.status == "in-progress")][0].committee' "$TMP/all2.out")
open=$(jq ".[] | select(.id == \"$c\") | .open" "$TMP/committees.out")
run done 0 $RT status "$h" implemented --note "done"
run after 0 $RT committees --format json
check "[ \$(jq \".[] | select(.id == \\\"$c\\\") | .open\" $TMP/after.out) = \$((open - 1)) ]" \
    "committees: a recommendation implemented still counts as open"
# tampering with a count: verify names it, reindex counts again
cp "$DB" "$TMP/counted.db"
q "$DB" "UPDATE review_counts SET n = n + 2 WHERE (review_id, status, answered) = (SELECT review_id, status, answered FROM review_counts ORDER BY review_id, status, answered LIMIT 1)"
run miscount 1 $RT verify
has miscount err "verify: stored derivation: review "
has miscount err "where its history says"
run recount 0 $RT reindex
run recounted 0 $RT verify
run after2 0 $RT committees --format json
check "cmp -s $TMP/after.out $TMP/after2.out" "reindex did not count as before"
# tampering with a committee's count (migration 12): verify names the
# committee, reindex sums again
q "$DB" "UPDATE committee_counts SET n = n + 3 WHERE (committee_id, status, answered) = (SELECT committee_id, status, answered FROM committee_counts ORDER BY committee_id DESC, status, answered LIMIT 1)"
run cmiscount 1 $RT verify
has cmiscount err "verify: stored derivation: committee committee-"
check "[ \$(grep -c 'verify: stored derivation:' $TMP/cmiscount.err) = 1 ]" \
    "verify: a committee's count named other than once"
run crecount 0 $RT reindex
run crecounted 0 $RT verify
run after3 0 $RT committees --format json
check "cmp -s $TMP/after.out $TMP/after3.out" "reindex did not sum as before"
# older NAME VERSION DROPS COUNT WANT: the database taken back to schema
# VERSION by DROPS reads as before, passes verify, and COUNT's rows
# (after user_version) are WANT once migrated
older() {
	cp "$DB" "$TMP/$1.db"
	q "$TMP/$1.db" "$3; PRAGMA user_version = $2"
	run "$1" 0 $BIN --db "$TMP/$1.db" committees --format json
	check "cmp -s $TMP/after.out $TMP/$1.out" \
	    "migration $(($2 + 1)): committees differ"
	run "$1-verify" 0 $BIN --db "$TMP/$1.db" verify
	check "[ \"\$(q $TMP/$1.db 'PRAGMA user_version; $4' | tr '\n' ' ')\" = '$5' ]" \
	    "migration $(($2 + 1)) did not count every recommendation"
}
# a database from before derived_open_due: made again, and a search's
# --overdue candidates read through it
older v12 12 "DROP INDEX derived_open_due" \
    "SELECT count(*) >= 0 FROM derived INDEXED BY derived_open_due WHERE open = 1 AND due_end IS NOT NULL" "13 1 "
run v12-search 0 $BIN --db "$TMP/v12.db" search council --overdue --limit 0 --format json
run v13-search 0 $RT search council --overdue --limit 0 --format json
check "[ \$(jq length $TMP/v13-search.out) -gt 20 ] && cmp -s $TMP/v12-search.out $TMP/v13-search.out" \
    "migration 13: search --overdue differs"
# a database from before committee_counts
older v11 11 "DROP INDEX derived_open_due; DROP TRIGGER review_counts_insert; DROP TRIGGER review_counts_delete; DROP TRIGGER review_counts_update; DROP TABLE committee_counts" \
    "SELECT sum(n) FROM committee_counts; SELECT count(DISTINCT committee_id) FROM committee_counts" "13 3000 6 "
# a database from before review_counts
older v10 10 "DROP INDEX derived_open_due; DROP TRIGGER derived_counts_insert; DROP TRIGGER derived_counts_delete; DROP TRIGGER derived_counts_update; DROP TABLE committee_counts; DROP TABLE review_counts; DROP INDEX derived_overdue" \
    "SELECT sum(n) FROM review_counts" "13 3000 "

finish stored
