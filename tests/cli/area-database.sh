#!/bin/sh
# area-database.sh: the database file itself: a missing, foreign or newer
# file, a writer locked out, several writers at once, verify and backup,
# and the migration of older schemas.
. "$(dirname "$0")/lib.sh"

DB=$TMP/t.db
RT="$BIN --db $DB"
fresh "$DB"

# --- a missing, foreign or newer database file is refused, untouched ------
run read-missing 1 $BIN --db "$TMP/none.db" list
has read-missing err "no such database"
check "[ ! -e $TMP/none.db ]" "a read created a database"
printf 'hello\n' > "$TMP/text.db"
run not-a-db 1 $BIN --db "$TMP/text.db" import data/slough/scf-workforce-strategy-2023.yaml
has not-a-db err "not a rectrack database"
check "[ \"\$(cat $TMP/text.db)\" = hello ]" "a text file given as --db was changed"
cp "$DB" "$TMP/newer.db"
sqlite3 "$TMP/newer.db" 'PRAGMA user_version = 99'
before=$(dump "$TMP/newer.db")
run newer 1 $BIN --db "$TMP/newer.db" list
has newer err "made by a newer rectrack"
check "[ \"\$(dump $TMP/newer.db)\" = \"$before\" ]" "a newer database was changed"

# --- a writer locked out past the wait exits 3, having written nothing
# lock DB: the sqlite3 shell takes the write lock and holds it until
# unlock, however long the writer (under valgrind, on a loaded machine)
# takes to start
lock() {
	rm -f "$TMP/locked" "$TMP/unlock"
	(printf 'BEGIN IMMEDIATE;\n.shell touch %s\n' "$TMP/locked"
	while [ ! -e "$TMP/unlock" ]; do sleep 0.1; done
	printf 'COMMIT;\n') | sqlite3 "$1" >/dev/null &
	locker=$!
	i=0
	while [ ! -e "$TMP/locked" ] && [ $i -lt 300 ]; do
		sleep 0.1
		i=$((i + 1))
	done
}
unlock() {
	touch "$TMP/unlock"
	wait $locker
}
before=$(dump "$DB")
lock "$DB"
run locked 3 env RECTRACK_BUSY_TIMEOUT=300 $RT import data/slough/scf-workforce-strategy-2023.yaml
has locked err "locked by another writer"
unlock
check "[ \"\$(dump \$DB)\" = \"$before\" ]" "a locked-out import changed the database"

# --- several writers at once ---------------------------------------------
# four writers at once: every update lands. Each waits as long as it
# takes (the default 10 s wait is real time, and under valgrind a writer
# holds the lock for much longer); the wait giving up is tested below.
n0=$(sqlite3 "$DB" 'SELECT count(*) FROM updates')
C=islington-2024-childrens-workforce/7
$RT status $C agreed >/dev/null 2>&1
n0=$((n0 + 1))
for p in 1 2 3 4; do
	(i=0; while [ $i -lt 50 ]; do
		RECTRACK_BUSY_TIMEOUT=600000 $RT status $C agreed --note "writer $p, update $i" >/dev/null 2>>"$TMP/conc.err" || echo x >> "$TMP/conc.fail"
		i=$((i + 1))
	done) &
done
wait
check "[ ! -s $TMP/conc.fail ]" "concurrent writers failed: $(head -3 $TMP/conc.err 2>/dev/null)"
check "[ \$(sqlite3 $DB 'SELECT count(*) FROM updates') = \$((n0 + 200)) ]" "not exactly 200 new history rows"
check "[ \$(sqlite3 $DB \"SELECT count(DISTINCT note) FROM updates WHERE note LIKE 'writer %'\") = 200 ]" "lost or duplicated concurrent updates"

# a writer locked out past the wait exits 3 and writes nothing
before=$(dump "$DB")
lock "$DB"
run st-locked 3 env RECTRACK_BUSY_TIMEOUT=300 $RT status $C agreed --note "locked out"
has st-locked err "locked by another writer; nothing was written"
unlock
check "[ \"\$(dump \$DB)\" = \"$before\" ]" "a locked-out status changed the database"

# --- verify and backup -----------------------------------------------------
run verify 0 $RT verify
has verify out "ok:"
run backup 0 $RT backup "$TMP/copy.db"
run verify-copy 0 $BIN --db "$TMP/copy.db" verify
check "[ \"\$(dump $TMP/copy.db)\" = \"\$(dump $DB)\" ]" "the backup differs"
run backup-exists 1 $RT backup "$TMP/copy.db"
sqlite3 "$TMP/copy.db" "UPDATE meetings SET review = 'gone' WHERE id = 1; UPDATE actions SET due = '2026-13-45' WHERE id = 2"
run verify-bad 1 $BIN --db "$TMP/copy.db" verify
has verify-bad err "meeting whose review does not exist"
has verify-bad err "value: actions, row 2, column due: '2026-13-45' is not a date"

# --- older schemas are migrated on open --------------------------------------
$RAW_BIN --db "$DB" status islington-2024-childrens-workforce/9 agreed --note "Zebra crossing survey commissioned" >/dev/null
# a database from before the index gets one on open
cp "$TMP/t.db" "$TMP/old.db"
sqlite3 "$TMP/old.db" "DROP TABLE committee_counts; DROP TABLE review_counts; DROP TABLE derived; DROP INDEX reviews_order; DROP INDEX recs_owner; DROP INDEX recs_addressee; DROP TABLE search_inst; DROP TABLE search_terms; DROP TABLE search; DROP INDEX updates_retracts; ALTER TABLE updates DROP COLUMN retracts; ALTER TABLE actions DROP COLUMN status_date; ALTER TABLE reviews DROP COLUMN stage_since; ALTER TABLE reviews DROP COLUMN cli_stage; ALTER TABLE response_history DROP COLUMN interim; ALTER TABLE updates DROP COLUMN recorded; ALTER TABLE updates DROP COLUMN rag; ALTER TABLE updates DROP COLUMN signed_off; ALTER TABLE recs DROP COLUMN response_within; ALTER TABLE reviews DROP COLUMN response_within; ALTER TABLE committees DROP COLUMN response_within; PRAGMA user_version = 3"
run se-migrate 0 $BIN --db "$TMP/old.db" search zebra --format json
check "[ \$(jq length < $TMP/se-migrate.out) = 1 ]" "migration 4 did not build the index"
run se-migrate-verify 0 $BIN --db "$TMP/old.db" verify
check "[ \"\$(sqlite3 $TMP/old.db \"SELECT group_concat(k || '=' || v, ' ') FROM (SELECT * FROM search_config WHERE k <> 'version' ORDER BY k); PRAGMA user_version\")\" = 'automerge=8 hashsize=4194304
13' ]" "migrations 5 and 6 did not set how the index is built"
check "[ \"\$(sqlite3 $TMP/old.db \"SELECT count(*) FROM sqlite_schema WHERE name = 'search_content'\")\" = 0 ]" "migration 6 left a copy of the texts"
# a database of schema 5 (made by rectrack before the index kept no copy of
# its texts, from data/): migration 6 makes its index anew from the tables
cp tests/fixtures/db/schema5.db "$TMP/v5.db"
check "[ \"\$(sqlite3 $TMP/v5.db 'PRAGMA user_version; SELECT count(*) FROM search_content')\" = '5
190' ]" "the schema 5 fixture is not what it was"
run v5-search 0 $BIN --db "$TMP/v5.db" search '"key worker housing"' --format json
has v5-search err "v5.db: rebuilding the search index for this version of rectrack (once; on a large database it takes minutes)"
check "[ \"\$(jq -c '[.[] | [.handle, .field]]' < $TMP/v5-search.out)\" = '[[\"islington-2024-childrens-workforce/2\",\"finding\"],[\"meeting islington-childrens-services/2024-02-26-witness-evidence\",\"action\"],[\"meeting islington-childrens-services/2024-02-26-witness-evidence\",\"minutes\"]]' ]" "migration 6: the key worker housing phrase"
check "[ \"\$(sqlite3 $TMP/v5.db \"PRAGMA user_version; SELECT count(*) FROM search_docsize; SELECT count(*) FROM sqlite_schema WHERE name = 'search_content'\")\" = '13
190
0' ]" "migration 6 did not make the index anew"
run v5-verify 0 $BIN --db "$TMP/v5.db" verify

finish database
