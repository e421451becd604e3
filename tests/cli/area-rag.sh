#!/bin/sh
# area-rag.sh: nothing unknown is shown as fine (issue 18; cli.md and
# format.md, "Additions of 2026-12"). The RAG in five values with its
# reasons, the council's stated RAG, sign-off, the municipal year, and
# response_within, on the bundled data and on small files: derived, listed,
# shown, filtered, stored, compared on import, exported and migrated.
. "$(dirname "$0")/lib.sh"

DB=$TMP/r.db
RT="$BIN --db $DB --today 2026-11-22"
fresh "$DB"

# --- the bundled data ------------------------------------------------------
run list 0 $RT list --format json
# no Slough recommendation (stage final, no response in three years) is
# green, and each says why
jq -r '.[] | select(.review | startswith("slough-")) | [.rag, .rag_reason] |
    @tsv' "$TMP/list.out" > "$TMP/slough.tsv"
check "[ \$(wc -l < $TMP/slough.tsv) = 18 ]" "not 18 Slough recommendations"
check "! grep -q '^green' $TMP/slough.tsv" "a Slough recommendation is green"
check "[ \"\$(sort -u $TMP/slough.tsv)\" = 'amber	awaiting a response; the date it is due from is not stated' ]" \
    "the Slough RAG and reason: $(sort -u "$TMP/slough.tsv")"
# green exactly when there is no reason; every RAG one of five
jq -r '.[] | [.rag, (.rag_reason == "")] | @tsv' "$TMP/list.out" | sort -u \
    > "$TMP/rags.tsv"
check "! grep -v -e '^green	true\$' -e '^red	false\$' -e '^amber	false\$' -e '^blue	false\$' -e '^grey	false\$' $TMP/rags.tsv" \
    "a green with a reason, another RAG without one, or a sixth RAG: $(cat "$TMP/rags.tsv")"
# the fields are in list's JSON, with the review's year
check "[ \"\$(jq -c '.[0] | [has(\"rag_reason\"), has(\"stated_rag\"), has(\"signed_off\"), .year]' $TMP/list.out)\" = '[true,true,true,\"2022-23\"]' ]" \
    "list --format json lacks rag_reason, stated_rag, signed_off or year"
run show-slough 0 $RT show slough-2023-scf-workforce-strategy/1
has show-slough out "RAG          amber: awaiting a response; the date it is due from is not stated"
lacks show-slough out "  nothing"
has show-slough out "  - RAG amber: awaiting a response; the date it is due from is not stated"
run show-slough-json 0 $RT show slough-2023-scf-workforce-strategy/1 --format json
check "[ \"\$(jq -c '[.rag, .rag_reason, .stated_rag, .signed_off, .awaiting_signoff, .year, .response_within]' $TMP/show-slough-json.out)\" = '[\"amber\",\"awaiting a response; the date it is due from is not stated\",null,null,false,\"2022-23\",null]' ]" \
    "show --format json: $(cat $TMP/show-slough-json.out | jq -c '[.rag, .rag_reason]')"
# a review still at stage draft: not yet sent, amber, never green
run show-draft 0 $RT show islington-2024-childrens-workforce/2 --format json
check "jq -e '.rag == \"amber\" and (.rag_reason | startswith(\"not yet sent to the executive\"))' $TMP/show-draft.out >/dev/null" \
    "a recommendation of a draft review is not amber 'not yet sent'"

# agreed -> accepted -> in progress, no target date: amber, "no target date set"
H=slough-2023-scf-workforce-strategy/4
run st-accepted 0 $RT status $H accepted --note "Accepted by Cabinet"
run st-progress 0 $RT status $H in-progress --note "Work started"
run after-progress 0 $RT show $H --format json
check "[ \"\$(jq -c '[.status, .rag, .rag_reason]' $TMP/after-progress.out)\" = '[\"in-progress\",\"amber\",\"no target date set\"]' ]" \
    "in progress with no target date: $(jq -c '[.status, .rag, .rag_reason]' $TMP/after-progress.out)"
run show-progress 0 $RT show $H
has show-progress out "RAG          amber: no target date set"
lacks show-progress out "  nothing"
# implemented is blue, awaiting sign-off; rejected is grey
run st-impl 0 $RT status $H implemented --note "Delivered"
run after-impl 0 $RT show $H --format json
check "[ \"\$(jq -c '[.rag, .rag_reason, .awaiting_signoff]' $TMP/after-impl.out)\" = '[\"blue\",\"implemented; awaiting sign-off\",true]' ]" \
    "implemented: $(jq -c '[.rag, .rag_reason]' $TMP/after-impl.out)"
run st-rej 0 $RT status slough-2023-scf-workforce-strategy/5 rejected --note "Not affordable"
run after-rej 0 $RT list --review slough-2023-scf-workforce-strategy --format json
check "[ \"\$(jq -c '.[] | select(.ref == \"5\") | [.rag, .rag_reason]' $TMP/after-rej.out)\" = '[\"grey\",\"rejected; awaiting sign-off\"]' ]" \
    "rejected is grey"
# --awaiting-signoff and --year are filters of list, report and stats
run f-signoff 0 $RT list --awaiting-signoff --format json
check "[ \"\$(jq -r '[.[].handle] | join(\" \")' $TMP/f-signoff.out)\" = 'slough-2023-scf-workforce-strategy/4 slough-2023-scf-workforce-strategy/5' ]" \
    "list --awaiting-signoff: $(jq -r '[.[].handle] | join(" ")' $TMP/f-signoff.out)"
run f-year 0 $RT list --year 2023-24 --format json
check "[ \"\$(jq -r '[.[].year] | unique | join(\" \")' $TMP/f-year.out)\" = 2023-24 ] && [ \$(jq length $TMP/f-year.out) -gt 0 ]" \
    "list --year 2023-24"
run f-year-none 0 $RT list --year 2030-31 --format json
check "[ \$(jq length $TMP/f-year-none.out) = 0 ]" "list --year of no review lists some"
run f-year-stats 0 $RT stats --year 2022-23 --format json
check "[ \"\$(jq '[.[].count] | add' $TMP/f-year-stats.out)\" = \"\$(jq '[.[] | select(.year == \"2022-23\")] | length' $TMP/list.out)\" ]" \
    "stats --year counts what list --year lists"
run f-year-bad 2 $RT list --year 2023-25
has f-year-bad err "--year '2023-25' is not a municipal year: write YYYY-YY, e.g. 2023-24"
run f-year-bad2 2 $RT report --year 2023
has f-year-bad2 err "is not a municipal year"
# --sort rag: red, amber, green, blue, grey
run sort-rag 0 $RT list --sort rag --format json
jq -r '.[].rag' "$TMP/sort-rag.out" | uniq > "$TMP/sort-rag.txt"
check "[ \"\$(cat $TMP/sort-rag.txt | tr '\n' ' ')\" = 'amber blue grey ' ]" \
    "list --sort rag is not red, amber, green, blue, grey: $(cat "$TMP/sort-rag.txt" | tr '\n' ' ')"

# --- small files: response_within, rag, signed_off --------------------------
# tests/fixtures/rag: a health referral on 28 days, a recommendation with
# its own clock, a committee's 8 weeks, the default; a sign-off and the
# council's own RAG
D=$TMP/k.db
K="$BIN --db $D --today 2026-11-22"
run k-import 0 $K import tests/fixtures/rag/keys.yaml tests/fixtures/rag/other.yaml
run k-list 0 $K list --format json
kf() { jq -c ".[] | select(.handle == \"$1\") | $2" "$TMP/k-list.out"; }
check "[ \"\$(kf referral/1 '[.response_due, .response_overdue, .rag, .rag_reason]')\" = '[\"2026-11-17\",true,\"red\",\"response overdue since 2026-11-17\"]' ]" \
    "response_within: 28 days on the review: $(kf referral/1 '[.response_due, .rag, .rag_reason]')"
check "[ \"\$(kf referral/2 '[.response_due, .rag]')\" = '[\"2027-01-20\",\"amber\"]' ]" \
    "the recommendation's own response_within wins"
check "[ \"\$(kf referral/2 .rag_reason)\" = '\"awaiting a response, due 2027-01-20\"' ]" \
    "awaiting a response, its date known"
check "[ \"\$(kf committee-clock/1 .response_due)\" = '\"2026-12-15\"' ]" \
    "the committee's response_within (8 weeks)"
check "[ \"\$(kf other-default/1 .response_due)\" = '\"2026-12-20\"' ]" \
    "no response_within: two months"
check "[ \"\$(kf referral/3 '[.status, .rag, .rag_reason, .stated_rag, .signed_off]')\" = '[\"implemented\",\"blue\",\"implemented; signed off 2026-11-20\",\"blue\",\"2026-11-20\"]' ]" \
    "signed off: $(kf referral/3 '[.rag, .rag_reason, .stated_rag, .signed_off]')"
check "[ \"\$(kf referral/4 '[.rag, .stated_rag]')\" = '[\"green\",\"amber\"]' ]" \
    "the council's stated RAG is kept beside the derived one"
check "[ \"\$(kf referral/1 .year)\" = '\"2026-27\"' ]" "year in list's JSON"
run k-sort 0 $K list --sort rag --format json
check "[ \"\$(jq -r '[.[].rag] | unique | length' $TMP/k-sort.out)\" = 4 ] && [ \"\$(jq -r '.[].rag' $TMP/k-sort.out | uniq | tr '\n' ' ')\" = 'red amber green blue ' ]" \
    "list --sort rag: red, amber, green, blue: $(jq -r '.[].rag' "$TMP/k-sort.out" | uniq | tr '\n' ' ')"
check "[ \"\$($K show referral/3 --format json | jq -c '[.first_due, .due]')\" = '[\"2027-03-31\",\"2027-03-31\"]' ]" \
    "first_due: the first update's, when the recommendation states none"
run k-show 0 $K show referral/3
has k-show out "Stated RAG   blue"
has k-show out "Signed off   2026-11-20"
has k-show out "2026-11-20  implemented, signed off"
run k-show-json 0 $K show referral/1 --format json
check "[ \"\$(jq -c '[.response_within, .response_due]' $TMP/k-show-json.out)\" = '[\"28 days\",\"2026-11-17\"]' ]" \
    "show --format json: the response_within that applied"
run k-csv 0 $K list --review referral --format csv
has k-csv out "rag_reason,stated_rag,signed_off,year,text"
has k-csv out ",blue,2026-11-20,implemented; signed off 2026-11-20,blue,2026-11-20,2026-27,"

# unchanged file: nothing changed; a key changed in the file: a change
run k-again 0 $K import tests/fixtures/rag/keys.yaml
has k-again out "nothing changed"
sed 's/    response_within: 28 days/    response_within: 21 days/' tests/fixtures/rag/keys.yaml > "$TMP/keys2.yaml"
run k-changed 0 $K import "$TMP/keys2.yaml"
lacks k-changed out "nothing changed"
check "[ \"\$($K list --review referral --format json | jq -r '.[0].response_due')\" = 2026-11-10 ]" \
    "a changed response_within changes response_due"
sed 's/^  response_within: 8 weeks/  response_within: 6 weeks/' tests/fixtures/rag/keys.yaml > "$TMP/keys3.yaml"
run k-changed-c 0 $K import "$TMP/keys3.yaml"
has k-changed-c out "committees             0        1"
sed 's/        response_within: 3 months/        response_within: 4 months/' tests/fixtures/rag/keys.yaml > "$TMP/keys4.yaml"
run k-changed-r 0 $K import "$TMP/keys4.yaml"
lacks k-changed-r out "nothing changed"
# a rag or signed_off added to an update is another update (a union)
sed 's/status: in-progress, due: 2027-06-30, rag: amber}/status: in-progress, due: 2027-06-30, rag: red}/' tests/fixtures/rag/keys.yaml > "$TMP/keys5.yaml"
run k-changed-u 0 $K import "$TMP/keys5.yaml"
has k-changed-u out "updates                1"
check "[ \"\$($K show referral/4 --format json | jq -r .stated_rag)\" = red ]" \
    "the latest stated RAG (same date: by content, red after amber)"

# export -> import -> export: byte-identical, the new keys kept
run k-export 0 $K export
has k-export out "response_within: 8 weeks"
has k-export out "response_within: 28 days"
has k-export out "rag: blue"
has k-export out "signed_off: true"
$K export > "$TMP/ex1.yaml"
run k-reimport 0 $BIN --db "$TMP/k2.db" import "$TMP/ex1.yaml"
$BIN --db "$TMP/k2.db" export > "$TMP/ex2.yaml"
check "cmp -s $TMP/ex1.yaml $TMP/ex2.yaml" "export, import, export differs"
run k-reimport-same 0 $K import "$TMP/ex1.yaml"
has k-reimport-same out "nothing changed"

# --- bad values: exit 1, FILE:LINE:COLUMN ----------------------------------
bad_file() {
	name=$1; shift
	printf '%s\n' "$@" > "$TMP/$name.yaml"
	run "$name" 1 $BIN --db "$TMP/bad.db" import "$TMP/$name.yaml"
}
HDR='format: rectrack/1
committee:
  id: bad-committee
  name: Bad
  authority: Test Council'
bad_file bad-within "$HDR" "reviews:" "  - id: bad-review" "    title: Bad" \
    "    response_within: 2 fortnights" "    recommendations:" \
    "      - {ref: \"1\", text: Text.}"
has bad-within err "$TMP/bad-within.yaml:9:22: invalid 'response_within' '2 fortnights': write N days, N weeks or N months"
bad_file bad-rag "$HDR" "reviews:" "  - id: bad-review" "    title: Bad" \
    "    recommendations:" "      - ref: \"1\"" "        text: Text." \
    "        updates:" "          - {date: 2026-01-01, status: agreed, rag: purple}"
has bad-rag err "$TMP/bad-rag.yaml:13:53: unknown rag 'purple' (one of: red, amber, green, blue)"
bad_file bad-signoff "$HDR" "reviews:" "  - id: bad-review" "    title: Bad" \
    "    recommendations:" "      - ref: \"1\"" "        text: Text." \
    "        updates:" "          - {date: 2026-01-01, status: agreed, signed_off: true}"
has bad-signoff err "$TMP/bad-signoff.yaml:13:60: 'signed_off' on an update whose status is 'agreed'"
bad_file bad-signoff-no "$HDR" "reviews:" "  - id: bad-review" "    title: Bad" \
    "    recommendations:" "      - ref: \"1\"" "        text: Text." \
    "        updates:" "          - {date: 2026-01-01, status: withdrawn, signed_off: yes}"
has bad-signoff-no err "'signed_off' can only be true, not 'yes'"
check "[ ! -e $TMP/bad.db ] || [ \$(sqlite3 $TMP/bad.db 'SELECT count(*) FROM recs') = 0 ]" \
    "a bad file stored something"

# --- an older database is migrated on open ----------------------------------
# schema 7 (before issue 18): the new columns dropped, user_version 7
cp "$D" "$TMP/v7.db"
sqlite3 "$TMP/v7.db" "DELETE FROM search; PRAGMA user_version = 7" 2>/dev/null
sqlite3 "$TMP/v7.db" "DROP TABLE committee_counts; DROP TABLE review_counts; DROP TABLE derived; DROP INDEX reviews_order; DROP INDEX recs_owner; DROP INDEX recs_addressee; DROP INDEX updates_retracts; ALTER TABLE updates DROP COLUMN retracts; ALTER TABLE actions DROP COLUMN status_date; ALTER TABLE reviews DROP COLUMN stage_since; ALTER TABLE reviews DROP COLUMN cli_stage; ALTER TABLE response_history DROP COLUMN interim; ALTER TABLE updates DROP COLUMN rag; ALTER TABLE updates DROP COLUMN signed_off; ALTER TABLE recs DROP COLUMN response_within; ALTER TABLE reviews DROP COLUMN response_within; ALTER TABLE committees DROP COLUMN response_within; PRAGMA user_version = 7"
check "[ \$(sqlite3 $TMP/v7.db 'PRAGMA user_version') = 7 ]" "the schema 7 copy"
run v7-list 0 $BIN --db "$TMP/v7.db" --today 2026-11-22 list --format json
check "[ \"\$(jq -c '.[] | select(.handle == \"referral/1\") | [.response_due, .stated_rag, .signed_off]' $TMP/v7-list.out)\" = '[\"2026-12-20\",null,null]' ]" \
    "a schema 7 database, read: two months, no stated RAG"
run v7-import 0 $BIN --db "$TMP/v7.db" import tests/fixtures/rag/keys.yaml
check "[ \$(sqlite3 $TMP/v7.db 'PRAGMA user_version') = 13 ]" "migrations 8 to 13 did not run"
run v7-verify 0 $BIN --db "$TMP/v7.db" verify
check "[ \"\$($BIN --db $TMP/v7.db --today 2026-11-22 list --format json | jq -r '.[] | select(.handle == \"referral/1\") | .response_due')\" = 2026-11-17 ]" \
    "after migration, the file's response_within is stored"
# the schema 5 fixture (tests/fixtures/db) opens and lists, every RAG known
cp tests/fixtures/db/schema5.db "$TMP/v5.db"
run v5-list 0 $BIN --db "$TMP/v5.db" --today 2026-11-22 list --format json
check "[ \$(jq '[.[] | select(.review | startswith(\"slough-\")) | select(.rag == \"green\")] | length' $TMP/v5-list.out) = 0 ]" \
    "a schema 5 database shows a Slough recommendation green"
# verify names a stored value that is not a period or a RAG
cp "$D" "$TMP/edited.db"
sqlite3 "$TMP/edited.db" "UPDATE reviews SET response_within = 'soon' WHERE rid = 'referral'"
run verify-within 1 $BIN --db "$TMP/edited.db" verify
has verify-within err "column response_within: 'soon' is not a period (N days, N weeks, N months)"

# --- stats: counts by RAG with their reasons ----------------------------------
B="$TMP/bundled.db"
$RAW_BIN --db "$B" import data/*/*.yaml >/dev/null 2>&1
run stats-rag 0 $BIN --db "$B" --today 2026-11-22 stats --by rag --format json
check "[ \"\$(jq -c '[.[] | [.committee, .rag, .count]]' $TMP/stats-rag.out)\" = '[[\"islington-childrens-services\",\"amber\",20],[\"slough-people-scrutiny-panel\",\"amber\",18]]' ]" \
    "stats --by rag counts: $(head -c 300 $TMP/stats-rag.out)"
has stats-rag out '"why": "awaiting a response, the date it is due from not stated (18)"'
has stats-rag out 'no target date set (10), nothing recorded for six months (20)'
# the counts agree with list's RAG, committee by committee
$RAW_BIN --db "$B" --today 2026-11-22 list --format json | jq -r 'group_by([.committee, .rag])[] | [.[0].committee, .[0].rag, length] | @tsv' > "$TMP/want-rag.tsv"
jq -r '.[] | [.committee, .rag, .count] | @tsv' "$TMP/stats-rag.out" > "$TMP/got-rag.tsv"
check "cmp -s $TMP/want-rag.tsv $TMP/got-rag.tsv" "stats --by rag differs from list"
run stats-rag-bad 2 $BIN --db "$B" stats --by colour
has stats-rag-bad err "--by"
run stats-default 0 $BIN --db "$B" --today 2026-11-22 stats --format json
has stats-default out '"status": "agreed", "count": 18'
# committees and reviews count Slough's 18 as awaiting a response
run reviews-awaiting 0 $BIN --db "$B" --today 2026-11-22 reviews --format json
check "[ \"\$(jq '.[] | select(.id == \"slough-2023-scf-workforce-strategy\") | .awaiting_response' $TMP/reviews-awaiting.out)\" = 18 ]" \
    "reviews: Slough's 18 unanswered recommendations are not awaiting a response"

finish rag
