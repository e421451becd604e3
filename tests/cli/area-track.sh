#!/bin/sh
# area-track.sh: recording what happens to a recommendation (status,
# target dates, owners, responses, actions), what list, show, export and
# report make of the history, and that re-importing the files keeps it.
. "$(dirname "$0")/lib.sh"

T=$TMP/track.db
TR="$BIN --db $T"
H=islington-2024-childrens-workforce/2
export RECTRACK_USER=officer
run track-import 0 $TR import data/islington/childrens-workforce-2024.yaml \
    data/islington/making-children-visible-2023.yaml \
    data/slough/scf-workforce-strategy-2023.yaml

# --- status moves and target dates ---------------------------------------
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
# the story so far, and the open actions (cases track-show, actions-open)
cases track "$T"
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
run late-none 0 $TR show islington-2024-childrens-workforce/2
has late-none out "What is late
  nothing"
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

# a first target date given with a reason is recorded as an update
run set-first-reason 0 $TR set islington-2024-childrens-workforce/10 --due 2027-01-31 --reason "Agreed at committee"
run set-first-json 0 $TR show islington-2024-childrens-workforce/10 --format json
check "[ \"\$(jq -c '[.due, .slipped, .updates[-1].note]' < $TMP/set-first-json.out)\" = '[\"2027-01-31\",0,\"Agreed at committee\"]' ]" "first due with a reason"

# --- what was recorded reaches the export and the report ------------------
# the same after status updates, responses, moved dates and action changes
run ex-t1 0 $TR export
run ex-t-import 0 $BIN --db "$TMP/ext.db" import "$TMP/ex-t1.out"
run ex-t2 0 $BIN --db "$TMP/ext.db" export
check "cmp -s $TMP/ex-t1.out $TMP/ex-t2.out" "export after tracking is not stable across a round trip"
check "grep -q 'forced: true' $TMP/ex-t1.out" "export lost a forced update"
check "[ \$(grep -c 'note: Consultation extended' $TMP/ex-t1.out) = 1 ]" "export lost a moved target date"
run rep-json 0 $TR report --since 2026-11-01 --format json
check "[ \"\$(jq -c '[(.committees | length), ([.committees[].reviews[].recommendations[]] | length), (.updates_since | length > 0), (.stale | length > 0)]' < $TMP/rep-json.out)\" = '[2,38,true,true]' ]" "report json"
check "[ \"\$(jq -c '[.updates_since[] | select(.handle == \"islington-2024-childrens-workforce/2\") | .to]' < $TMP/rep-json.out)\" = '[\"in-progress\",\"implemented\",\"implemented\",\"implemented\"]' ]" "report --since changes"
# the full-text index followed every write above
run se-verify2 0 $TR verify

finish track
