#!/bin/sh
# area-round.sh: what members decide in the monitoring round (issue 19):
# status --rag, set --due --date --by, signoff, and what list, show,
# report and export make of them. tests/fixtures/round/round.yaml: round/1
# in progress, round/2 implemented and round/3 not implemented (both
# awaiting sign-off), round/4 signed off, round/5 accepted.
. "$(dirname "$0")/lib.sh"

D=$TMP/round.db
R="$BIN --db $D"
run import 0 $R import tests/fixtures/round/round.yaml
# the number of updates held, and the whole database, before and after
nupd() { q "$D" "SELECT count(*) FROM updates"; }
jshow() { $R show "$1" --format json | jq -c "$2"; }

# --- status --rag: the council's own assessment ----------------------------
run rag-green 0 $R status round/1 in-progress --note "On track" --rag green
has rag-green out "round/1: in-progress, progress noted (2026-11-22, by tester, RAG green)"
check "[ \"\$(jshow round/1 '[.stated_rag, .updates[-1].rag, .updates[-1].note]')\" = '[\"green\",\"green\",\"On track\"]' ]" \
    "status --rag green: $(jshow round/1 '[.stated_rag, .updates[-1].rag]')"
# a RAG alone is something to record (no note needed)
run rag-amber 0 $R status round/1 in-progress --rag amber
has rag-amber out "RAG amber"
check "[ \"\$(jshow round/1 .stated_rag)\" = '\"amber\"' ]" "the latest stated RAG is amber"
# the derived RAG stays rectrack's own
check "[ \"\$(jshow round/1 .rag)\" = '\"green\"' ]" "the derived RAG changed with --rag"
run rag-list 0 $R list --review round --format json
check "[ \"\$(jq -r '.[] | select(.handle == \"round/1\") | .stated_rag' $TMP/rag-list.out)\" = amber ]" \
    "list json: stated_rag"
# grey is rectrack's word for closed otherwise, not the council's
before=$(dump "$D")
run rag-grey 2 $R status round/1 in-progress --rag grey --note x
has rag-grey err "unknown rag 'grey' (one of: red, amber, green, blue)"
run rag-bad 2 $R status round/1 in-progress --rag Red --note x
# a change of status with a RAG: both in one update
run rag-move 0 $R status round/5 in-progress --note "Started" --rag red
has rag-move out "round/5: accepted -> in-progress (2026-11-22, by tester, RAG red)"
check "[ \"\$(jshow round/5 '[.status, .stated_rag, (.updates | length)]')\" = '[\"in-progress\",\"red\",1]' ]" \
    "status with --rag: one update"
# without --rag the old message and nothing stated
run rag-none 0 $R status round/5 in-progress --note "Going on"
has rag-none out "round/5: in-progress, progress noted (2026-11-22, by tester)"
lacks rag-none out "RAG"
check "[ \"\$(jshow round/5 '[.stated_rag, .updates[-1].rag]')\" = '[\"red\",null]' ]" \
    "an update without a rag keeps the latest stated one"
# nothing but the same status is still refused
run rag-nothing 1 $R status round/5 in-progress
has rag-nothing err "round/5: the status is already 'in-progress'; to record progress, give --note"

# --- set --due --reason --date --by: when and by whom a date moved ---------
run set-move 0 $R set round/1 --due 2027-06-30 --reason "Consultation extended" --date 2026-11-22 --by "Cabinet Member"
has set-move out "round/1: target date moved from 2027-03-31 to 2027-06-30"
check "[ \"\$(jshow round/1 '.updates[-1] | [.date, .status, .due, .by, .note]')\" = '[\"2026-11-22\",\"in-progress\",\"2027-06-30\",\"Cabinet Member\",\"Consultation extended\"]' ]" \
    "set --date --by: $(jshow round/1 '.updates[-1] | [.date, .due, .by, .note]')"
check "[ \"\$(jshow round/1 '[.due, .slipped]')\" = '[\"2027-06-30\",1]' ]" "the move counts as a slip"
# the date of the move keeps the history in date order
n=$(nupd); before=$(dump "$D")
run set-early 1 $R set round/1 --due 2027-09-30 --reason "Later" --date 2026-11-01
has set-early err "round/1: an update dated 2026-11-22 is already recorded; the history runs in date order, so --date must be 2026-11-22 or later"
check "[ \"\$(dump $D)\" = \"$before\" ]" "a refused set wrote something"
# --date and --by go with --due; a move still needs its reason
run set-date-alone 2 $R set round/1 --owner "Someone" --date 2026-11-22
has set-date-alone err "--date goes with --due"
run set-by-alone 2 $R set round/1 --addressee "Cabinet" --by Clerk
has set-by-alone err "--by goes with --due"
run set-noreason 1 $R set round/1 --due 2027-09-30 --date 2026-11-23 --by Clerk
has set-noreason err "moving it needs --reason"
check "[ \"\$(dump $D)\" = \"$before\" ]" "a set refused for its reason wrote something"
# the defaults stay: today (or the latest update's date) and $RECTRACK_USER
run set-later 0 $R set round/1 --due 2027-09-30 --reason "Budget round" --date 2026-12-01 --by "Cabinet Member"
run set-default 0 $R set round/1 --due 2027-12-31 --reason "Again"
check "[ \"\$(jshow round/1 '.updates[-1] | [.date, .by, .due]')\" = '[\"2026-12-01\",\"tester\",\"2027-12-31\"]' ]" \
    "set's defaults: $(jshow round/1 '.updates[-1] | [.date, .by]')"
check "[ \$(nupd) = \$((n + 2)) ]" "two moves, two updates"
# an empty --by records no one, as status --by does
run set-noone 0 $R set round/1 --due 2028-03-31 --reason "Once more" --by ""
check "[ \"\$(jshow round/1 '.updates[-1].by')\" = null ]" "set --by '' records no one"
# the same date again: nothing recorded, whatever --date says
n=$(nupd)
run set-same 0 $R set round/1 --due 2028-03-31 --reason "Same" --date 2026-01-01
has set-same out "round/1: target date already 2028-03-31"
check "[ \$(nupd) = $n ]" "the same target date recorded an update"
run set-hostile 1 $R set round/1 --due 2028-06-30 --reason x --by "$(printf 'a\033[31mb')"
check "[ \$(nupd) = $n ]" "a hostile --by wrote an update"
# a first target date given with a reason is an update, with its date and author
run set-first 0 $R set round/5 --due 2027-01-31 --reason "Set by Cabinet" --date 2026-11-22 --by Cabinet
has set-first out "round/5: target date 2027-01-31"
check "[ \"\$(jshow round/5 '.updates[-1] | [.date, .due, .by, .note]')\" = '[\"2026-11-22\",\"2027-01-31\",\"Cabinet\",\"Set by Cabinet\"]' ]" \
    "set --due first with --reason --date --by: $(jshow round/5 '.updates[-1]')"

# --- signoff ---------------------------------------------------------------
run aw-before 0 $R list --awaiting-signoff --format json
check "[ \"\$(jq -r '[.[].handle] | join(\" \")' $TMP/aw-before.out)\" = 'round/2 round/3' ]" \
    "awaiting sign-off before: $(jq -r '[.[].handle] | join(" ")' "$TMP/aw-before.out")"
run rep-before 0 $R report --review round --format json
check "[ \"\$(jq -c '.awaiting_signoff' $TMP/rep-before.out)\" = '[\"round/2\",\"round/3\"]' ]" \
    "report json awaiting_signoff before: $(jq -c .awaiting_signoff "$TMP/rep-before.out")"
run rep-md-before 0 $R report --review round --format markdown
has rep-md-before out "Awaiting sign-off"
n=$(nupd); before=$(dump "$D")
# an open one is refused, with the fix
run so-open 1 $R signoff round/1
has so-open err "round/1: 'in-progress' is still open: only a closed recommendation can be signed off; record that it was implemented first ('rectrack status round/1 implemented --note EVIDENCE'), then sign it off"
# several handles: all or nothing
run so-mixed 1 $R signoff round/2 round/5 round/3
has so-mixed err "round/5: 'in-progress' is still open"
has so-mixed err "nothing signed off: 1 of 3 recommendations refused"
empty so-mixed out
check "[ \"\$(dump $D)\" = \"$before\" ]" "a refused signoff wrote something"
run so-unknown 1 $R signoff round/2 round/9
has so-unknown err "round/9"
check "[ \"\$(dump $D)\" = \"$before\" ]" "a signoff naming an unknown handle wrote something"
run so-noargs 2 $R signoff
run so-baddate 2 $R signoff round/2 --date 2026-13-01
run so-hostile 1 $R signoff round/2 --note "$(printf 'a\033]0;x\007b')"
check "[ \"\$(dump $D)\" = \"$before\" ]" "a hostile note wrote something"
# before the latest update: refused
run so-early 1 $R signoff round/2 --date 2026-09-30
has so-early err "round/2: an update dated 2026-10-01 is already recorded"
# the two, in one go
run so-two 0 $R signoff round/2 round/3 --date 2026-11-20 --note "Minute 34" --by "Overview Committee"
has so-two out "round/2: implemented, signed off (2026-11-20, by Overview Committee)"
has so-two out "round/3: not-implemented, signed off (2026-11-20, by Overview Committee)"
check "[ \$(nupd) = \$((n + 2)) ]" "signoff of two: not two updates"
check "[ \"\$(jshow round/2 '[.status, .signed_off, .awaiting_signoff, .rag_reason]')\" = '[\"implemented\",\"2026-11-20\",false,\"implemented; signed off 2026-11-20\"]' ]" \
    "show json after signoff: $(jshow round/2 '[.status, .signed_off, .awaiting_signoff, .rag_reason]')"
check "[ \"\$(jshow round/2 '.updates[-1] | [.date, .status, .signed_off, .note, .by]')\" = '[\"2026-11-20\",\"implemented\",true,\"Minute 34\",\"Overview Committee\"]' ]" \
    "the sign-off update: $(jshow round/2 '.updates[-1]')"
run so-show 0 $R show round/3
has so-show out "Signed off   2026-11-20"
has so-show out "2026-11-20  not-implemented, by Overview Committee, signed off"
run aw-after 0 $R list --awaiting-signoff --format json
check "[ \"\$(jq length $TMP/aw-after.out)\" = 0 ]" "still awaiting sign-off after signoff"
run rep-after 0 $R report --review round --format json
check "[ \"\$(jq -c '.awaiting_signoff' $TMP/rep-after.out)\" = '[]' ]" \
    "report json awaiting_signoff after: $(jq -c .awaiting_signoff "$TMP/rep-after.out")"
# signed off already: said so, not recorded twice, not an error
n=$(nupd)
run so-again 0 $R signoff round/4 round/2 round/4
has so-again out "round/4: already signed off on 2026-09-15; not recorded again"
has so-again out "round/2: already signed off on 2026-11-20; not recorded again"
check "[ \$(grep -c 'round/4' $TMP/so-again.out) = 1 ]" "a handle named twice is said twice"
check "[ \$(nupd) = $n ]" "a second sign-off was recorded"
# round/2's ID, to sign it off by ID below
ID=$(q "$D" "SELECT r.id FROM recs r WHERE r.ref = '2'")

# the committee does not accept the claim: back to in-progress (forced),
# then implemented again awaits a new sign-off
run so-reopen 0 $R status round/2 in-progress --force --note "Not accepted: no evidence of take-up"
run so-reopen-list 0 $R list --awaiting-signoff --format json
check "[ \"\$(jq length $TMP/so-reopen-list.out)\" = 0 ] && [ \"\$(jshow round/2 .signed_off)\" = null ]" \
    "a reopened recommendation is still signed off or awaiting sign-off"
run so-reopen-open 1 $R signoff round/2
has so-reopen-open err "'in-progress' is still open"
run so-redone 0 $R status round/2 implemented --note "Take-up figures attached"
run so-redone-list 0 $R list --awaiting-signoff --format json
check "[ \"\$(jq -r '[.[].handle] | join(\" \")' $TMP/so-redone-list.out)\" = round/2 ]" \
    "implemented again does not await sign-off"
# by ID as well as by handle; the default date and author
run so-byid 0 $R signoff "$ID"
has so-byid out "round/2: implemented, signed off (2026-11-22, by tester)"

# --- everything survives export and import ----------------------------------
run ex1 0 $R export
has ex1 out "signed_off: true"
has ex1 out "rag: amber"
has ex1 out "by: Cabinet Member"
$R export > "$TMP/ex1.yaml"
run reimport 0 $BIN --db "$TMP/round2.db" import "$TMP/ex1.yaml"
$BIN --db "$TMP/round2.db" export > "$TMP/ex2.yaml"
check "cmp -s $TMP/ex1.yaml $TMP/ex2.yaml" "export, import, export differs"
run reimport-same 0 $R import "$TMP/ex1.yaml"
has reimport-same out "nothing changed"

# --- help, usage ------------------------------------------------------------
run so-help 0 $BIN signoff --help
has so-help out "usage: rectrack signoff [--date DATE] [--note TEXT] [--by NAME] HANDLE..."
run st-help 0 $BIN status --help
has st-help out "--rag RAG"
run set-help 0 $BIN set --help
has set-help out "--date DATE"

finish round
