#!/bin/sh
# area-check.sh: 'rectrack check' validates files without a database,
# in text and JSON; the bundled data and format.md's worked example pass.
. "$(dirname "$0")/lib.sh"

# --- the bundled data is valid (case check-data) --------------------------
cases check
check "[ ! -e rectrack.db ]" "check created a database"

# a meeting's review must be in some file: no "ok" for a file that fails
printf 'committee:\n  id: c\n  name: C\n  authority: A\nmeetings:\n  - id: m\n    title: T\n    review: nowhere\n' > "$TMP/meeting.yaml"
run check-late 1 $BIN check "$TMP/meeting.yaml" data/slough/scf-workforce-strategy-2023.yaml
has check-late err "$TMP/meeting.yaml:8:13: meeting refers to review 'nowhere', which is in none of these files"
has check-late err "rectrack: 1 error in 1 of 2 files"
check "! grep -q meeting.yaml $TMP/check-late.out" "check-late: a failing file was reported ok"
has check-late out "scf-workforce-strategy-2023.yaml: ok, 18 recommendations"

# --- the docs stay true: docs/format.md's worked example is valid --------
awk '/^## 6\./{s=1} s && /^```yaml/{f=1; next} f && /^```/{exit} f' docs/format.md > "$TMP/worked.yaml"
run docs-example 0 $BIN check "$TMP/worked.yaml"
has docs-example out "ok, 2 recommendations"

# --- check --format json ----------------------------------------------------
run check-json 1 $BIN check --format json data/slough/scf-workforce-strategy-2023.yaml tests/fixtures/bad/date-april-31.yaml
check "[ \"\$(jq -c '[.ok, .recommendations, [.files[].ok], .errors[0].line, .errors[0].column]' < $TMP/check-json.out)\" = '[false,18,[true,false],13,14]' ]" "check --format json"
run check-json-ok 0 $BIN check --format json data/*/*.yaml
check "jq -e '.ok and .recommendations == 38' < $TMP/check-json-ok.out >/dev/null" "check --format json on the data"

finish check
