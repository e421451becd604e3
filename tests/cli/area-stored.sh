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

# --- a database from before the stored derivation ---------------------------
cp "$DB" "$TMP/v9.db"
q "$TMP/v9.db" "DROP TABLE derived; DROP INDEX reviews_order; DROP INDEX recs_owner; DROP INDEX recs_addressee; PRAGMA user_version = 9"
run v9-list 0 $BIN --db "$TMP/v9.db" list --overdue --format json
check "[ \"\$(jq -c '[.[].handle]' $TMP/v9-list.out)\" = \"\$(cat $TMP/overdue.got)\" ]" \
    "migration 10: the overdue list differs"
run v9-verify 0 $BIN --db "$TMP/v9.db" verify
check "[ \"\$(q $TMP/v9.db 'PRAGMA user_version; SELECT count(*) FROM derived' | tr '\n' ' ')\" = '10 3000 ' ]" \
    "migration 10 did not fill the stored derivation"

finish stored
