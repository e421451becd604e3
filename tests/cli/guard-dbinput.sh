#!/bin/sh
# guard-dbinput.sh: the database file and file names are untrusted input:
# a crafted schema never runs its SQL through a writer, no stored value
# crashes a reader or reaches a report raw, and no name forges a line
. "$(dirname "$0")/lib.sh"
# its databases are edited around rectrack, their stored derivation
# with them: not a write path's mistake
unset RECTRACK_CHECK_DERIVED

# ctl NAME out|err [csv]: the output holds no control byte but the line
# ends (and for CSV, a CR inside a quoted field, as RFC 4180 allows)
ctl() {
	keep='\n'
	[ "${3:-}" = csv ] && keep='\n\r'
	if LC_ALL=C tr -d "$keep" <"$TMP/$1.$2" |
	    LC_ALL=C grep -q '[[:cntrl:]]'
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
# import's progress line, on a terminal (script(1)) for an input over
# 4 MB, after a quarter of a second (12,000 recommendations take longer):
# its own \r and ESC[K, but no byte of the name's
if [ "$WRAPPED" = 1 ]; then
	skip "import's progress line (slow under a wrapper)"
elif ! command -v script >/dev/null 2>&1; then
	skip "import's progress line (no script(1) for a terminal)"
else
	big="$TMP/names/big${esc}[31mred${nl}fake.yaml:1:1: x.yaml"
	{
		printf 'format: rectrack/1\ncommittee:\n  id: big\n  name: Big\n'
		printf '  authority: Big Council\nreviews:\n  - id: big-review\n'
		printf '    title: Big\n    recommendations:\n'
		awk 'BEGIN { for (i = 0; i < 14; i++) t = t "lorem ipsum dolor sit amet "
		    for (i = 1; i <= 12000; i++)
			printf "      - ref: %d\n        text: %s%d\n", i, t, i }'
	} >"$big"
	script -qc "$RAW_BIN --db '$TMP/big.db' import '$big'" /dev/null \
	    >"$TMP/names-progress.out" 2>&1 </dev/null
	has names-progress out "importing $TMP/names/big"
	lacks names-progress out "${esc}[31m"
	lacks names-progress out "big${esc}"
fi
# the database's own name, in verify's verdict and backup's
dbname="$TMP/names/db${esc}[2J${nl}fake.yaml:1:1: error.db"
run names-db-import 0 $BIN --db "$dbname" import "$hostile"
ctl names-db-import out
run names-db-verify 0 $BIN --db "$dbname" verify
ctl names-db-verify out
lines names-db-verify out 1
run names-db-backup 0 $BIN --db "$dbname" backup "$TMP/names/b${bel}${nl}x.db"
ctl names-db-backup out
lines names-db-backup out 1

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
# FTS5's own tables as another SQLite may write their SQL: still rectrack's
cp "$TMP/base.db" "$TMP/fts.db"
q "$TMP/fts.db" "PRAGMA writable_schema = ON;
  UPDATE sqlite_schema SET sql = replace(sql, 'block BLOB', 'block  BLOB')
  WHERE name = 'search_data';"
run fts-shadow-set 0 $BIN --db "$TMP/fts.db" set 11 --owner someone
run fts-shadow-verify 0 $BIN --db "$TMP/fts.db" verify

# --- 2. every stored value is untrusted: NULLs, unknown words, bad dates,
# markup and control characters in every text column --------------------
# x COL VALUE: by row (k): NULL, the column with markup and control
# characters appended, or VALUE (an unknown word, a date that is not one,
# bytes that are not text)
k=id
x() {
	printf "%s = CASE %s %% 3 WHEN 0 THEN NULL WHEN 1 THEN coalesce(%s, '') || (SELECT m FROM h) ELSE %s END" \
	    "$1" "$k" "$1" "$2"
}
cp "$TMP/base.db" "$TMP/hostile.db"
for h in 11 12 13 14 15 16; do
	$RAW_BIN --db "$TMP/hostile.db" status $h agreed --note "n$h" >/dev/null 2>&1
done
B="X'00ff3c7363726970743e'"	# NUL, a byte that is no UTF-8, <script>
{
	echo "PRAGMA writable_schema = ON;"
	echo "UPDATE sqlite_schema SET sql = replace(replace(replace(sql, 'IS NOT NULL', 'IS_NN'), 'NOT NULL', ''), 'IS_NN', 'IS NOT NULL') WHERE type = 'table' AND name NOT LIKE 'search%';"
	echo "PRAGMA writable_schema = OFF;"
} | sqlite3 "$TMP/hostile.db" >/dev/null
{
	echo "PRAGMA ignore_check_constraints = ON;"
	echo "DROP TRIGGER updates_no_update; DROP TRIGGER updates_no_delete;"
	echo "DROP TRIGGER response_history_no_update; DROP TRIGGER response_history_no_delete;"
	echo "CREATE TEMP TABLE h AS SELECT '<script>alert(1)</script><img src=x onerror=alert(2)>' || char(27) || '[31m' || char(7) || char(10) || 'x|y' || char(13) || '&amp;]]>' || char(155) || '-->' AS m;"
	echo "INSERT INTO updates (rec_id, date, status, due, by, note, forced) SELECT id, '2025-01-0' || (id % 9 + 1), 'agreed', NULL, 'x', 'y', 0 FROM recs;"
	echo "INSERT INTO updates (rec_id, date, status, due, by, note, forced) SELECT id, '2025-02-01', 'in-progress', '2026-01-01', 'x', 'y', 0 FROM recs;"
	echo "UPDATE committees SET $(x cid "'c<script>' || id"), $(x name "$B"), $(x authority "$B"), $(x contact "$B");"
	echo "UPDATE reviews SET $(x rid "'r<script>' || id"), $(x title "$B"), $(x year "'MMXX'"), $(x stage "'bogus'"), $(x published "'2024-02-30'"), $(x submitted "'soon'"), $(x source "$B"), $(x summary "$B");"
	echo "UPDATE meetings SET $(x mid "'m<b>' || id"), $(x date "'yesterday'"), $(x title "$B"), $(x review "'nowhere'"), $(x minutes "$B");"
	echo "UPDATE recs SET $(x ref "'9<i>' || id"), $(x title "$B"), $(x addressee "$B"), $(x text "$B"), $(x owner "$B"), $(x due "'2024-99-99'"), cli_fields = CASE id % 3 WHEN 0 THEN NULL ELSE cli_fields END;"
	echo "UPDATE evidence SET $(x eid "'e<b>' || id"), $(x kind "'bogus'"), $(x title "$B"), $(x date "'not a date'"), $(x text "$B"), $(x url "'javascript:alert(1)'");"
	echo "UPDATE actions SET $(x aid "'a<b>' || id"), $(x text "$B"), $(x owner "$B"), $(x due "'tomorrow'"), $(x status "'bogus'"), $(x note "$B"), $(x source "'bogus'");"
	echo "UPDATE updates SET $(x date "'2025-13-01'"), $(x status "'bogus'"), $(x due "'never'"), $(x by "$B"), $(x note "$B"), forced = CASE id % 3 WHEN 0 THEN NULL ELSE forced END;"
	k=rec_id
	echo "UPDATE responses SET $(x date "'someday'"), $(x by "$B"), $(x decision "'bogus'"), $(x text "$B"), $(x source "'bogus'");"
	k=pos
	echo "UPDATE findings SET $(x text "$B");"
	echo "UPDATE review_items SET $(x text "$B");"
	echo "UPDATE meeting_resolved SET $(x text "$B");"
	echo "INSERT INTO response_history (rec_id, date, by, decision, text, replaced_on, replaced_by) SELECT rec_id, NULL, NULL, NULL, NULL, NULL, NULL FROM responses;"
	echo "INSERT INTO response_history (rec_id, date, by, decision, text, replaced_on, replaced_by) SELECT rec_id, 'x', (SELECT m FROM h), 'bogus', $B, 'y', (SELECT m FROM h) FROM responses;"
	# rows that point nowhere, or at nothing
	echo "INSERT INTO recs (id, review_id, ref, text) VALUES (900, 999, 'orphan', 'an orphan');"
	echo "INSERT INTO actions (meeting_id, rec_id, aid, text) VALUES (NULL, NULL, NULL, NULL);"
	echo "INSERT INTO updates (rec_id, date, status) VALUES (900, NULL, NULL);"
} | sqlite3 "$TMP/hostile.db"
# survives NAME CMD...: exits 0, or 1 with a message; never a signal
# (nor, on a sanitized build, a report: it exits 1 too)
survives() {
	name=$1
	shift
	"$@" >"$TMP/$name.out" 2>"$TMP/$name.err" </dev/null
	got=$?
	if grep -q 'runtime error:\|Sanitizer' "$TMP/$name.err"; then
		got="$got (a sanitizer's report)"
	fi
	if [ "$got" = 0 ] || { [ "$got" = 1 ] && [ -s "$TMP/$name.err" ]; }
	then ok; else
		bad "$name: exit status $got"
		grep -v '^    #' "$TMP/$name.err" | head -8 >&2
	fi
}
H="$BIN --db $TMP/hostile.db"
for f in table csv json markdown; do
	survives hl-list-$f $H list --format $f
	survives hl-list-closed-$f $H list --status implemented --sort due --format $f
	survives hl-search-$f $H search council --format $f
	survives hl-similar-$f $H similar 12 --format $f
	survives hl-committees-$f $H committees --format $f
	survives hl-reviews-$f $H reviews --format $f
	survives hl-stats-$f $H stats --format $f
	survives hl-actions-$f $H actions --format $f
done
for f in markdown html csv json; do
	survives hl-report-$f $H report --format $f
done
lacks hl-report-html out '<script'
lacks hl-report-html out '<img'
for f in markdown csv json; do
	lacks hl-report-$f out "$esc"
done
for f in text json yaml; do
	for r in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 900; do
		survives hl-show-$r-$f $H show $r --format $f
		ctl hl-show-$r-$f err
	done
done
lacks hl-show-11-text out "$esc"
for f in yaml json; do
	survives hl-export-$f $H export --format $f
done
survives hl-export-dir $H export --dir "$TMP/hl-export"
# no output holds a raw control character, whatever the tables hold
for f in "$TMP"/hl-*.out; do
	case $f in
	*-csv.out) ctl "$(basename "$f" .out)" out csv ;;
	*) ctl "$(basename "$f" .out)" out ;;
	esac
done
run hl-verify 1 $H verify
has hl-verify err "value: recs, row 3, column text: NULL where a value is required"
has hl-verify err "value: updates, row 2, column status: 'bogus' is not one of:"
has hl-verify err "value: actions, row 2, column due: 'tomorrow' is not a date"
has hl-verify err "value: evidence, row 2, column kind: 'bogus' is not one of:"
has hl-verify err "value: recs, row 1, column text: contains a control character"
has hl-verify err "value: recs, row 2, column text: not text"
has hl-verify err "value: findings, row 1/0, column text: NULL"
ctl hl-verify err
# markup, a control character and an unknown word, with the schema intact:
# no NULL needs the schema edited, and writers then go on
cp "$TMP/base.db" "$TMP/words.db"
q "$TMP/words.db" "PRAGMA ignore_check_constraints = ON;
  UPDATE reviews SET stage = '<script>x</script>' WHERE id = 1;
  UPDATE recs SET owner = '<script>' || char(27) || '[2J', due = 'soon'
    WHERE id = 11;
  INSERT INTO updates (rec_id, date, status) VALUES (11, '2026-01-01',
    '<script>bogus</script>'), (12, 'never', 'withdrawn')"
for f in markdown html csv json; do
	survives words-report-$f $BIN --db "$TMP/words.db" report --format $f \
	    --since 2020-01-01
	ctl words-report-$f out $f
done
lacks words-report-html out '<script'
survives words-list $BIN --db "$TMP/words.db" list --status in-progress
survives words-show $BIN --db "$TMP/words.db" show 11
ctl words-show out
run words-status 0 $BIN --db "$TMP/words.db" status 11 withdrawn
run words-verify 1 $BIN --db "$TMP/words.db" verify
has words-verify err "column status: '<script>bogus</script>' is not one of"
has words-verify err "column date: 'never' is not a date"

finish dbinput
