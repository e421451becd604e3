#!/bin/sh
# area-show.sh: 'rectrack show' in text and JSON, by handle and by ID.
. "$(dirname "$0")/lib.sh"

DB=$TMP/t.db
RT="$BIN --db $DB"
fresh "$DB"

# --- text and JSON (cases show-text, show-json) ---------------------------
cases show
check "[ \"\$(jq -r '.response.decision' < $TMP/show-json.out)\" = accepted-in-principle ]" "show-json: decision"
check "[ \"\$(jq -r '.response.actions | length' < $TMP/show-json.out)\" = 3 ]" "show-json: actions"
run list-json 0 $RT list --committee "children's services" --format json
id=$(jq -r '.[] | select(.handle == "islington-2024-childrens-workforce/2") | .id' < "$TMP/list-json.out")
run show-by-id 0 $RT show "$id"
check "cmp -s $TMP/show-by-id.out $TMP/show-text.out" "show by ID differs from by handle"
run show-missing 1 $RT show islington-2024-childrens-workforce/99
has show-missing err "no recommendation 'islington-2024-childrens-workforce/99'"

finish show
