#!/bin/sh
# area-actions2.sh: the monitoring round's actions part (issue 19): 'action
# add' and 'action N STATUS --date', 'stage', 'respond --follow-up', the
# format keys they need (action status_date, review stage_since and
# cli_recorded, a replaced response's interim), the round trip through
# export and import, and an import of an older file keeping what the
# command line recorded.
. "$(dirname "$0")/lib.sh"

F=tests/fixtures/actions2
A=$TMP/a.db
RT="$BIN --db $A"
R=north-2026-libraries
export RECTRACK_USER=clerk
run a-import 0 $RT import $F/round.yaml

# --- action add -----------------------------------------------------------
# the next free A<n> of the response: one above the highest (A7)
run add-resp 0 $RT action add $R/1 "Report Saturday visits to the committee" --owner "Head of Libraries" --due 2027-03-31
has add-resp out "action 4: A8 added to the response to $R/1"
run add-meet 0 $RT action add --meeting north-scrutiny/2026-09-14 "Brief members on the rota"
has add-meet out "action 5: A2 added to meeting north-scrutiny/2026-09-14"
run add-list 0 $RT actions --format json
check "[ \"\$(jq -c '[.[] | [.number, .id, .source, .owner, .due, .status]]' < $TMP/add-list.out)\" = '[[1,\"A1\",\"meeting 2026-09-14\",\"Officers\",null,\"open\"],[2,\"A1\",\"response to $R/1\",\"Head of Libraries\",\"2026-12-31\",\"open\"],[3,\"A7\",\"response to $R/1\",null,null,\"open\"],[4,\"A8\",\"response to $R/1\",\"Head of Libraries\",\"2027-03-31\",\"open\"],[5,\"A2\",\"meeting 2026-09-14\",null,null,\"open\"]]' ]" "actions does not list the added actions"
run add-show 0 $RT show $R/1
has add-show out "#4 A8 [open] Head of Libraries, due 2027-03-31"
has add-show out "Report Saturday visits to the committee"
run add-report 0 $RT report --review $R --format markdown
has add-report out "A8: Report Saturday visits to the committee"
# refusals, each with its message
run add-noresp 1 $RT action add $R/2 "Count the visits"
has add-noresp err "rectrack: $R/2 has no response to add an action to: record it with 'rectrack respond $R/2 --decision D --text T' first"
run add-nohandle 1 $RT action add $R/9 "x"
has add-nohandle err "no recommendation '$R/9'"
run add-nomeet 1 $RT action add --meeting north-scrutiny/2099-01-01 "x"
has add-nomeet err "rectrack: no meeting '2099-01-01' in committee 'north-scrutiny' (a meeting is named by its id, as in the committee's file)"
run add-nocomm 1 $RT action add --meeting nowhere/m1 "x"
has add-nocomm err "no committee matches 'nowhere'"
run add-shape 2 $RT action add --meeting north-scrutiny "x"
has add-shape err "rectrack: action: --meeting 'north-scrutiny': write COMMITTEE/MEETING, the ids of both"
run add-note 2 $RT action add $R/1 "x" --note "y"
has add-note err "rectrack: action: --note and --date record progress ('action NUMBER done|dropped|open'), not with 'action add'"
run add-args 2 $RT action add "x"
has add-args err "rectrack: action: give 'action add HANDLE TEXT' (a response's action) or 'action add --meeting COMMITTEE/MEETING TEXT'"
run add-empty 1 $RT action add $R/1 "  "
has add-empty err "rectrack: TEXT: the action's text is empty"
run add-owner 2 $RT action 1 done --owner x
has add-owner err "rectrack: action: --meeting, --owner and --due are for 'action add'"
run add-baddue 2 $RT action add $R/1 "x" --due 2027-02-30
run add-bad-ctl 1 $RT action add $R/1 "$(printf 'bad\033[31m')"
check "[ \$(q $A 'SELECT count(*) FROM actions') = 5 ]" "a refused 'action add' wrote an action"

# --- action N STATUS --date ------------------------------------------------
run st-done 0 $RT action 2 done --note "Rota agreed" --date 2026-11-20
has st-done out "action 2: open -> done"
run st-drop 0 $RT action 3 dropped
check "[ \"\$(q $A 'SELECT id, status, status_date FROM actions WHERE id IN (2, 3) ORDER BY id' | tr '\n' ' ')\" = '2|done|2026-11-20 3|dropped|2026-11-22 ' ]" "status_date not stored (default today)"
run st-list 0 $RT actions --format csv
has st-list out ",done,2026-11-20,"
run st-table 0 $RT actions --review $R
has st-table out "SINCE"
run st-show 0 $RT show $R/1
has st-show out "#2 A1 [done since 2026-11-20] Head of Libraries, due 2026-12-31"
has st-show out "#3 A7 [dropped since 2026-11-22]"
run st-show-json 0 $RT show $R/1 --format json
check "[ \"\$(jq -c '[.response.actions[] | .status_date]' < $TMP/st-show-json.out)\" = '[\"2026-11-20\",\"2026-11-22\",null]' ]" "show json lacks status_date"
run st-report 0 $RT report --review $R --format json
check "[ \"\$(jq -c '[.. | objects | select(has(\"status_date\")) | .status_date]' < $TMP/st-report.out)\" = '[\"2026-11-20\",\"2026-11-22\",null]' ]" "report json lacks status_date"
run st-baddate 2 $RT action 2 done --date 2026-13-01
run st-word 2 $RT action 2 finished
has st-word err "unknown action status 'finished' (one of: done, dropped, open)"
run st-none 1 $RT action 99 done
has st-none err "no action 99 ('rectrack actions' lists them)"

# --- stage ---------------------------------------------------------------
run sg-move 0 $RT stage $R responded --date 2026-08-20
has sg-move out "$R: stage final -> responded (2026-08-20)"
run sg-today 0 $RT stage $R monitoring
has sg-today out "$R: stage responded -> monitoring (2026-11-22)"
check "[ \"\$(q $A \"SELECT stage, stage_since, cli_stage FROM reviews WHERE rid = '$R'\")\" = 'monitoring|2026-11-22|1' ]" "stage not stored"
run sg-near 2 $RT stage $R monitorng
has sg-near err "rectrack: stage: unknown stage 'monitorng'; did you mean 'monitoring'?"
run sg-far 2 $RT stage $R zzzzzzzz
has sg-far err "rectrack: stage: unknown stage 'zzzzzzzz' (one of: scoping, evidence, draft, final, responded, monitoring, closed)"
run sg-noreview 1 $RT stage north-2099-nothing final
has sg-noreview err "rectrack: no review 'north-2099-nothing' ('rectrack reviews' lists them)"
run sg-nearreview 1 $RT stage north-2026-libraires final
has sg-nearreview err "rectrack: no review 'north-2026-libraires'; did you mean '$R'?"
run sg-baddate 2 $RT stage $R final --date tomorrow
run sg-reviews 0 $RT reviews --format json
check "[ \"\$(jq -c '[.[] | [.stage, .stage_since]]' < $TMP/sg-reviews.out)\" = '[[\"monitoring\",\"2026-11-22\"]]' ]" "reviews lacks stage_since"
run sg-report 0 $RT report --review $R --format json
check "[ \"\$(jq -c '[.. | objects | select(has(\"stage_since\")) | .stage_since]' < $TMP/sg-report.out)\" = '[\"2026-11-22\"]' ]" "report json lacks stage_since"
run sg-report-md 0 $RT report --review $R --format markdown
has sg-report-md out "stage: monitoring since 2026-11-22"
run sg-show 0 $RT show $R/2
has sg-show out "Library opening hours [monitoring since 2026-11-22]"
run sg-show-json 0 $RT show $R/2 --format json
check "[ \"\$(jq -c '[.stage, .stage_since]' < $TMP/sg-show-json.out)\" = '[\"monitoring\",\"2026-11-22\"]' ]" "show json lacks stage_since"

# --- respond --follow-up ---------------------------------------------------
run fu-none 1 $RT respond $R/2 --decision accepted --text "x" --follow-up
has fu-none err "rectrack: $R/2 has no response to follow up: record the first without --follow-up"
run fu-first 0 $RT respond $R/2 --decision noted --text "A full response will follow in November." --date 2026-09-01 --by Cabinet
run fu-again 1 $RT respond $R/2 --decision accepted --text "Agreed."
has fu-again err "$R/2 already has a response (noted, 2026-09-01); to correct it, add --replace (the response it replaces is kept); for a later, fuller response, add --follow-up"
run fu-both 2 $RT respond $R/2 --decision accepted --text "Agreed." --replace --follow-up
has fu-both err "rectrack: respond: give --replace or --follow-up, not both"
run fu-full 0 $RT respond $R/2 --decision accepted --text "Agreed: quarterly from April." --date 2026-11-10 --by Cabinet --follow-up
has fu-full out "$R/2: response recorded (accepted, 2026-11-10); the earlier one kept as an interim response"
check "[ \"\$(q $A \"SELECT h.decision, h.interim FROM response_history h JOIN recs r ON r.id = h.rec_id WHERE r.ref = '2'\")\" = 'noted|1' ]" "the first response is not kept as interim"
run fu-show 0 $RT show $R/2
check "awk '/^Interim response: noted, 2026-09-01, by Cabinet, followed up on 2026-11-22 by clerk\$/ { i = NR } /^What the executive said: accepted, 2026-11-10, by Cabinet\$/ { w = NR } END { exit !(i && w && i < w) }' $TMP/fu-show.out" "show does not list the interim response before the current one"
lacks fu-show out "Responses since replaced (corrected)"
run fu-show-json 0 $RT show $R/2 --format json
check "[ \"\$(jq -c '[.response.decision, (.replaced_responses[] | [.decision, .interim])]' < $TMP/fu-show-json.out)\" = '[\"accepted\",[\"noted\",true]]' ]" "show json lacks interim"
# a correction after it stays a correction
run fu-fix 0 $RT respond $R/2 --decision accepted --text "Agreed: quarterly from May." --date 2026-11-10 --by Cabinet --replace
has fu-fix out "$R/2: response replaced (accepted, 2026-11-10)"
run fu-show2 0 $RT show $R/2
has fu-show2 out "Responses since replaced (corrected)"
has fu-show2 out "Interim response: noted"

# what was added is found, and the database (search index too) is sound
run se-resp 0 $RT search "Saturday visits"
has se-resp out "$R/1"
run se-meet 0 $RT search "members" --format json
check "[ \"\$(jq -c '[.[] | [.handle, .field, .snippet]]' < $TMP/se-meet.out)\" = '[[\"meeting north-scrutiny/2026-09-14\",\"action\",\"Brief members on the rota\"]]' ]" "an added meeting action is not in the search index"
run verify 0 $RT verify

# --- the round trip: export, import into an empty database, export -------
run rt-export 0 $RT export --dir $TMP/e1
for k in "status_date: 2026-11-20" "stage_since: 2026-11-22" "interim: true" "id: A8" "id: A2"; do
	check "grep -rqF -- '$k' $TMP/e1" "export lacks '$k'"
done
check "[ \$(grep -c '^  cli_recorded: true\$' $TMP/e1/north-scrutiny/$R.yaml) = 1 ]" "export lacks the review's cli_recorded"
run rt-import 0 $BIN --db $TMP/b.db import $TMP/e1/north-scrutiny/meetings.yaml $TMP/e1/north-scrutiny/$R.yaml
run rt-export2 0 $BIN --db $TMP/b.db export --dir $TMP/e2
check "diff -r $TMP/e1 $TMP/e2 >/dev/null" "export -> import -> export is not identical"
run rt-again 0 $BIN --db $TMP/b.db import $TMP/e1/north-scrutiny/meetings.yaml $TMP/e1/north-scrutiny/$R.yaml
has rt-again out "nothing changed"

# --- an import of the older file keeps what the command line recorded -----
run old-import 0 $RT import $F/round.yaml
has old-import err "review $R: keeping the stage recorded with 'rectrack stage' (monitoring); the file's differs (update the file to match)"
run old-export 0 $RT export --dir $TMP/e3
check "diff -r $TMP/e1 $TMP/e3 >/dev/null" "an import of the older file changed what the command line recorded"
run old-import2 0 $BIN --db $TMP/b.db import $F/round.yaml
run old-export2 0 $BIN --db $TMP/b.db export --dir $TMP/e4
check "diff -r $TMP/e1 $TMP/e4 >/dev/null" "an import of the older file into the rebuilt database changed it"

# --- the new keys by hand: read, kept, round-tripped; refused when wrong ---
K=$TMP/k.db
run k-import 0 $BIN --db $K import $F/keys.yaml
run k-export 0 $BIN --db $K export --dir $TMP/k1
run k-import2 0 $BIN --db $TMP/k2.db import $TMP/k1/south-scrutiny/meetings.yaml $TMP/k1/south-scrutiny/south-2026-buses.yaml
run k-export2 0 $BIN --db $TMP/k2.db export --dir $TMP/k2
check "diff -r $TMP/k1 $TMP/k2 >/dev/null" "the keys file does not round-trip"
check "[ \"\$(q $K 'SELECT status, status_date, source FROM actions')\" = 'done|2026-10-20|cli' ]" "action status_date not imported"
check "[ \"\$(q $K 'SELECT stage, stage_since, cli_stage FROM reviews')\" = 'monitoring|2026-10-01|1' ]" "review stage_since, cli_recorded not imported"
check "[ \"\$(q $K 'SELECT decision, interim FROM response_history')\" = 'noted|1' ]" "interim not imported"
run k-show 0 $BIN --db $K show south-2026-buses/1
has k-show out "Interim response: noted, 2026-09-01, followed up on 2026-11-02"
run k-bad 1 $BIN check $F/bad-keys.yaml
has k-bad err "$F/bad-keys.yaml:12:22: invalid date '20/10/2026': write dates as YYYY-MM-DD"
has k-bad err "$F/bad-keys.yaml:16:18: invalid date 'soon': write dates as YYYY-MM-DD"
has k-bad err "$F/bad-keys.yaml:17:19: 'cli_recorded' must be true or false, not 'maybe'"
has k-bad err "$F/bad-keys.yaml:28:24: 'interim' must be true or false, not 'yes please'"

# --- help -------------------------------------------------------------------
run h-action 0 $BIN action --help
has h-action out "rectrack action add --meeting COMMITTEE/MEETING TEXT"
run h-stage 0 $BIN stage --help
has h-stage out "usage: rectrack stage REVIEW"
run h-respond 0 $BIN respond --help
has h-respond out "--follow-up"


# --- a committee's or a review's actions (issue 21) -------------------------
# They come from the meetings' and the recommendations' indexes
# (ST_ACTIONS_OF, ST_CHASE_ACTIONS_OF): the same as the whole log kept to
# that committee or review, for each of three committees (one with none)
# and each review with any, meetings' actions and responses' both. Run with today's date, so that chase lists them all.
D="$BIN --db $TMP/of.db"
run of-import 0 $D import $F/round.yaml data/islington/*.yaml data/slough/*.yaml
run of-all 0 $D actions --format json
run of-chase 0 $D chase --format json
run of-comm 0 $D committees --format json
nums() { jq -c "[.[] | select($1) | .number]"; }
chased() { jq -c "[.[].items[] | select(.kind == \"action\" and ($1)) | .number] | sort"; }
ncomm=0
for c in $(jq -r '.[].id' "$TMP/of-comm.out"); do
	ncomm=$((ncomm + 1))
	run of-c 0 $D actions --committee "$c" --format json
	check "[ \"\$(nums true < $TMP/of-c.out)\" = \"\$(nums '.committee == \"$c\"' < $TMP/of-all.out)\" ]" \
	    "actions --committee $c: not the log's actions of $c"
	run of-co 0 $D actions --open --committee "$c" --format json
	check "[ \"\$(nums true < $TMP/of-co.out)\" = \"\$(nums '.committee == \"$c\" and .status == \"open\"' < $TMP/of-all.out)\" ]" \
	    "actions --open --committee $c: not the log's open actions of $c"
	run of-cc 0 $D chase --committee "$c" --format json
	check "[ \"\$(chased true < $TMP/of-cc.out)\" = \"\$(chased '.committee == \"$c\"' < $TMP/of-chase.out)\" ]" \
	    "chase --committee $c: not chase's actions of $c"
done
check "[ $ncomm -eq 3 ]" "the actions of $ncomm committees, not 3"
nrev=0
for r in $(jq -r '.[].review' "$TMP/of-all.out" | sort -u); do
	nrev=$((nrev + 1))
	run of-r 0 $D actions --review "$r" --format json
	check "[ \"\$(nums true < $TMP/of-r.out)\" = \"\$(nums '.review == \"$r\"' < $TMP/of-all.out)\" ]" \
	    "actions --review $r: not the log's actions of $r"
	run of-rc 0 $D chase --review "$r" --format json
	check "[ \"\$(chased true < $TMP/of-rc.out)\" = \"\$(chased '.review == \"$r\"' < $TMP/of-chase.out)\" ]" \
	    "chase --review $r: not chase's actions of $r"
done
check "[ $nrev -eq 3 ]" "the actions of $nrev reviews, not 3"
check "[ \"\$(nums true < $TMP/of-all.out | jq length)\" -eq 21 ]" "the log holds not 21 actions"
finish actions2
