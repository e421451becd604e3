#!/bin/sh
# guard-dbinput.sh: the database file and file names are untrusted input:
# a crafted schema never runs its SQL through a writer, no stored value
# crashes a reader or reaches a report raw, and no name forges a line
. "$(dirname "$0")/lib.sh"

# ctl NAME out|err: the output holds no control byte but the line ends
ctl() {
	if LC_ALL=C tr -d '\n' <"$TMP/$1.$2" | LC_ALL=C grep -q '[[:cntrl:]]'
	then
		bad "$1: standard $2 holds a control character"
		od -c "$TMP/$1.$2" | head -5 >&2
	else ok; fi
}
# lines NAME out|err N: the output has exactly N lines
lines() {
	got=$(wc -l <"$TMP/$1.$2")
	if [ "$got" -eq "$3" ]; then ok; else
		bad "$1: standard $2 has $got lines, expected $3"
		head -5 "$TMP/$1.$2" >&2
	fi
}

# --- 3. file names reach the terminal and forge diagnostics -------------
esc=$(printf '\033')
bel=$(printf '\007')
cr=$(printf '\r')
nl='
'
mkdir "$TMP/names"
hostile="$TMP/names/a${esc}[31mred${bel}${cr}x${nl}fake.yaml:1:1: error: forged.yaml"
cp tests/fixtures/good/full-recommendation.yaml "$hostile"
run names-check 0 $BIN check "$hostile"
ctl names-check out
ctl names-check err
lines names-check out 2
bad_file="$TMP/names/b${esc}]0;title${bel}${nl}fake.yaml:1:1: error: forged.yaml"
cp tests/fixtures/bad/action-id-invalid-char.yaml "$bad_file"
run names-check-bad 1 $BIN check "$bad_file"
ctl names-check-bad out
ctl names-check-bad err
# one diagnostic and the count of errors
lines names-check-bad err 2
run names-import-bad 1 $BIN --db "$TMP/names.db" import "$bad_file"
ctl names-import-bad err
lines names-import-bad err 2
run names-import 0 $BIN --db "$TMP/names.db" import "$hostile"
ctl names-import out
ctl names-import err
run names-check-json 1 $BIN check --format json "$bad_file"
has names-check-json out '"line": 11,'

# --- 1. the schema runs its own SQL: planted and look-alike triggers ---
$RAW_BIN --db "$TMP/base.db" import data/*/*.yaml >/dev/null 2>&1
cp "$TMP/base.db" "$TMP/plant.db"
q "$TMP/plant.db" "CREATE TRIGGER audit_log AFTER INSERT ON updates BEGIN
  INSERT INTO updates (rec_id, date, status, by)
  VALUES (NEW.rec_id, NEW.date, 'withdrawn', NEW.by); END;"
before=$(dump "$TMP/plant.db")
run plant-status 1 $BIN --db "$TMP/plant.db" status 11 in-progress --by clerk
has plant-status err "trigger 'audit_log' is foreign"
has plant-status err "rectrack verify"
check '[ "$(q "$TMP/plant.db" "SELECT count(*) FROM updates")" = 0 ]' \
    "plant-status: a row was written (the planted trigger forged one?)"
check '[ "$(dump "$TMP/plant.db")" = "$before" ]' \
    "plant-status: the database changed"
run plant-import 1 $BIN --db "$TMP/plant.db" import data/islington/*.yaml
has plant-import err "audit_log"
run plant-verify 1 $BIN --db "$TMP/plant.db" verify
has plant-verify err "schema: trigger 'audit_log' is foreign"
# readers still read it
run plant-list 0 $BIN --db "$TMP/plant.db" list

cp "$TMP/base.db" "$TMP/alike.db"
q "$TMP/alike.db" "DROP TRIGGER updates_no_delete;
  CREATE TRIGGER updates_no_delete BEFORE DELETE ON updates BEGIN
  SELECT 1; END;"
run alike-verify 1 $BIN --db "$TMP/alike.db" verify
has alike-verify err "trigger 'updates_no_delete' is altered"
run alike-set 1 $BIN --db "$TMP/alike.db" set 11 --owner someone
has alike-set err "trigger 'updates_no_delete' is altered"
run alike-respond 1 $BIN --db "$TMP/alike.db" status 11 in-progress
# a guard dropped, and a column's constraint dropped with writable_schema
cp "$TMP/base.db" "$TMP/gone.db"
q "$TMP/gone.db" "DROP TRIGGER response_history_no_update"
run gone-verify 1 $BIN --db "$TMP/gone.db" verify
has gone-verify err "trigger 'response_history_no_update' is missing"
# the schema of the bundled data is rectrack's
run base-verify 0 $BIN --db "$TMP/base.db" verify
run base-status 0 $BIN --db "$TMP/base.db" status 11 in-progress --by clerk
# an older schema, migrated, is rectrack's: writers go on
cp tests/fixtures/db/schema5.db "$TMP/v5.db"
run v5-set 0 $BIN --db "$TMP/v5.db" set islington-2024-childrens-workforce/2 \
    --owner someone

finish dbinput
