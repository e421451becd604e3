#!/bin/sh
# area-import.sh: import into a new and an existing database: what it
# counts and stores, that importing again changes nothing, that a bad
# file among good ones changes nothing, --dry-run and standard input.
. "$(dirname "$0")/lib.sh"

DB=$TMP/t.db
RT="$BIN --db $DB"
fresh "$DB"

# --- import into a new database, then again (cases import, reimport) ----
before=$(dump "$DB")
cases import
check "[ \"\$(dump $TMP/reimport.db)\" = \"$before\" ]" "re-import changed the database"

# the exact count of every kind of record in the bundled data, as the
# case import stored it
check "[ \$(q $TMP/import.new.db 'SELECT count(*) FROM committees') = 2 ]" "committees"
check "[ \$(q $TMP/import.new.db 'SELECT count(*) FROM reviews') = 3 ]" "reviews"
check "[ \$(q $TMP/import.new.db 'SELECT count(*) FROM recs') = 38 ]" "recommendations"
check "[ \$(q $TMP/import.new.db \"SELECT count(*) FROM recs r JOIN reviews v ON v.id = r.review_id WHERE v.rid = 'islington-2024-childrens-workforce'\") = 10 ]" "workforce recommendations"
check "[ \$(q $TMP/import.new.db \"SELECT count(*) FROM recs r JOIN reviews v ON v.id = r.review_id WHERE v.rid = 'islington-2023-making-children-visible'\") = 10 ]" "MCV recommendations"
check "[ \$(q $TMP/import.new.db \"SELECT count(*) FROM recs r JOIN reviews v ON v.id = r.review_id WHERE v.rid = 'slough-2023-scf-workforce-strategy'\") = 18 ]" "Slough recommendations"
check "[ \$(q $TMP/import.new.db 'SELECT count(*) FROM findings') = 56 ]" "findings"
check "[ \$(q $TMP/import.new.db 'SELECT count(*) FROM evidence WHERE rec_id IS NULL') = 45 ]" "catalogue evidence"
check "[ \$(q $TMP/import.new.db 'SELECT count(*) FROM evidence WHERE rec_id IS NOT NULL') = 10 ]" "inline evidence"
check "[ \$(q $TMP/import.new.db 'SELECT count(*) FROM rec_evidence') = 42 ]" "evidence citations"
check "[ \$(q $TMP/import.new.db 'SELECT count(*) FROM responses') = 10 ]" "responses"
check "[ \$(q $TMP/import.new.db \"SELECT count(*) FROM responses WHERE decision = 'accepted'\") = 5 ]" "accepted responses"
check "[ \$(q $TMP/import.new.db 'SELECT count(*) FROM meetings') = 2 ]" "meetings"
check "[ \$(q $TMP/import.new.db 'SELECT count(*) FROM actions WHERE meeting_id IS NOT NULL') = 4 ]" "meeting actions"
check "[ \$(q $TMP/import.new.db 'SELECT count(*) FROM actions WHERE rec_id IS NOT NULL') = 14 ]" "response actions"
check "[ \$(q $TMP/import.new.db 'SELECT count(*) FROM meeting_resolved') = 1 ]" "resolved items"
check "[ \$(q $TMP/import.new.db \"SELECT count(*) FROM review_items WHERE kind = 'member'\") = 7 ]" "members"
check "[ \$(q $TMP/import.new.db \"SELECT count(*) FROM review_items WHERE kind = 'commendation'\") = 6 ]" "commendations"
check "[ \$(q $TMP/import.new.db 'SELECT count(*) FROM updates') = 0 ]" "updates"
check "[ \$(q $TMP/import.new.db 'PRAGMA foreign_key_check' | wc -l) = 0 ]" "foreign keys"
check "[ \$(q $TMP/import.new.db 'PRAGMA integrity_check') = ok ]" "integrity"

# --- a bad file among good ones changes nothing ---------------------------
before=$(dump "$DB")
printf 'format: rectrack/1\ncommittee:\n  id: x\n  name: X\n  authority: Y\nreviews:\n  - id: r\n    title: T\n    recomendations: []\n' > "$TMP/typo.yaml"
run import-bad 1 $RT import data/islington/childrens-workforce-2024.yaml "$TMP/typo.yaml" data/slough/scf-workforce-strategy-2023.yaml
has import-bad err "$TMP/typo.yaml:9:5: unknown key 'recomendations'; did you mean 'recommendations'?"
has import-bad err "rectrack: 1 error; nothing was imported"
empty import-bad out
check "[ \"\$(dump \$DB)\" = \"$before\" ]" "a failed import changed the database"

# every error of every file is reported
printf 'committee:\n  id: Bad Id\n  name: X\n  authority: Y\nreviews:\n  - id: r2\n    title: T\n    stage: Final\n' > "$TMP/two.yaml"
run import-errors 1 $RT import "$TMP/typo.yaml" "$TMP/two.yaml"
check "[ \$(grep -c '^$TMP/' $TMP/import-errors.err) = 3 ]" "import-errors: not 3 errors"
has import-errors err "$TMP/two.yaml:8:12: unknown stage 'Final'; did you mean 'final'?"

# a failed import into a new file leaves no database behind
run import-new-bad 1 $BIN --db "$TMP/new.db" import "$TMP/typo.yaml"
check "[ ! -e $TMP/new.db ]" "a failed import left a new database behind"

# --dry-run counts and writes nothing
run dry-run 0 $BIN --db "$TMP/dry.db" import --dry-run data/slough/scf-workforce-strategy-2023.yaml
has dry-run out "(dry run: nothing written)"
has dry-run out "recommendations       18"
check "[ ! -e $TMP/dry.db ]" "--dry-run created a database"

# standard input
run import-stdin 0 sh -c "$RT import - < data/slough/scf-workforce-strategy-2023.yaml"
has import-stdin out "nothing changed"

finish import
