#!/bin/sh
# area-list.sh: 'rectrack list' in every format, its filters and sort
# orders, committee matching, and the derived dates across month ends.
. "$(dirname "$0")/lib.sh"

DB=$TMP/t.db
RT="$BIN --db $DB"
fresh "$DB"

# --- in every format (cases list-*) ----------------------------------------
cases list
check "[ \$(jq length < $TMP/list-json.out) = 20 ]" "list-json: not 20 recommendations"
check "[ \"\$(jq -r '.[0] | keys_unsorted | join(\",\")' < $TMP/list-json.out)\" = id,handle,committee,review,ref,title,addressee,status,decision,owner,due,overdue,response_due,response_overdue,stale,slipped,rag,last_update,rag_reason,stated_rag,signed_off,year,text ]" "list-json: fields"
run list-people 0 $RT list --committee "people scrutiny" --format json
check "[ \$(jq length < $TMP/list-people.out) = 18 ]" "people scrutiny: not 18"
check "[ \"\$(jq -r '[.[].status] | unique | join(\",\")' < $TMP/list-people.out)\" = agreed ]" "Slough status"
run list-id 0 $RT list --committee islington-childrens-services --format json
check "cmp -s $TMP/list-id.out $TMP/list-json.out" "committee by id differs from by name"
run list-childrens 0 $RT list --committee childrens --open --format json
check "[ \$(jq length < $TMP/list-childrens.out) = 20 ]" "--committee childrens --open"
run list-accepted 0 $RT list --status accepted --format json
check "[ \$(jq length < $TMP/list-accepted.out) = 10 ]" "--status accepted"
run list-closed 0 $RT list --closed --format json
check "[ \"\$(cat $TMP/list-closed.out)\" = '[]' ]" "--closed on the bundled data"
run list-sort-id 0 $BIN --db "$TMP/order.db" import data/slough/scf-workforce-strategy-2023.yaml data/islington/childrens-workforce-2024.yaml
run list-sort-id 0 $BIN --db "$TMP/order.db" list --sort id --format json
check "[ \"\$(jq -c '[.[].id] == ([.[].id] | sort)' < $TMP/list-sort-id.out)\" = true ]" "--sort id is not in ID order"
run list-sort-default 0 $BIN --db "$TMP/order.db" list --format json
check "[ \"\$(jq -r '.[0].handle' < $TMP/list-sort-default.out)\" = islington-2024-childrens-workforce/1 ]" "default order is not by committee"
run list-sort-due 0 $RT list --sort rag --limit 2 --format csv
has list-sort-due out "handle,committee"
# a long list of committees is named up to ten, then counted
for i in $(seq 1 12); do
	printf 'committee:\n  id: c%s\n  name: Panel %s\n  authority: A\n---\n' $i $i
done | sed '$d' > "$TMP/many.yaml"
$BIN --db "$TMP/many.db" import "$TMP/many.yaml" >/dev/null
run many-ambiguous 1 $BIN --db "$TMP/many.db" list --committee panel
has many-ambiguous err "c7 (Panel 7) and 2 more; give the committee id"
run many-none 1 $BIN --db "$TMP/many.db" list --committee zzz
has many-none err "and 2 more ('rectrack committees' lists them)"
run list-nomatch 1 $RT list --committee planning
has list-nomatch err "no committee matches 'planning'"

# derived fields across month ends and leap years
D=$TMP/dates.db
run dates-import 0 $BIN --db "$D" import tests/fixtures/track/dates.yaml
run dates-feb29 0 $BIN --db "$D" --today 2024-02-29 list --format json
check "[ \"\$(jq -c '[.[] | [.response_due, .response_overdue, .rag]]' < $TMP/dates-feb29.out)\" = '[[\"2024-02-29\",false,\"amber\"],[\"2024-03-31\",false,\"amber\"],[\"2024-03-31\",false,\"amber\"]]' ]" "response due on 29 February (noted, no target date: amber)"
run dates-mar1 0 $BIN --db "$D" --today 2024-03-01 list --response-overdue --format json
check "[ \"\$(jq -c '[.[] | [.handle, .rag]]' < $TMP/dates-mar1.out)\" = '[[\"submitted-31-dec/1\",\"red\"]]' ]" "response overdue from 1 March"
run dates-apr1 0 $BIN --db "$D" --today 2024-04-01 list --response-overdue --format json
check "[ \$(jq length < $TMP/dates-apr1.out) = 2 ]" "response overdue after 31 March"

finish list
