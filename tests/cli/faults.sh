#!/bin/sh
# Hostile input and faults: the catalogue of bad input against a
# database (exit status, message, database byte-identical, verify clean),
# generated monsters (alias bombs, deep nesting, huge values, a 1 GB
# stream, random bytes, FIFOs), and faults (SIGKILL mid-import and
# mid-write, read-only and damaged databases, a full disk, closed output).
#   sh tests/cli/faults.sh ./rectrack
# (make faults; not an area-*.sh, so that check-valgrind leaves it out)
. "$(dirname "$0")/lib.sh"

# measured and killed by process id, so never under RECTRACK_WRAP
BIN=$RAW_BIN
MNT=""
cleanup() {
	[ -n "$MNT" ] && umount "$MNT" 2>/dev/null
	rm -rf "$TMP"
}
trap cleanup EXIT

# memory bounds hold for the release build; sanitizers add their own
case "$BIN" in
*/san/*) memcap=10000000 ;;
*) memcap=0 ;;
esac
# under 'max KiB' (any amount under a sanitizer build)
under() { [ "$memcap" != 0 ] || [ "$1" -lt "$2" ]; }

# peak resident memory of a command, in KiB, into $rss; its status in $rc
measure() {
	/usr/bin/time -f '%M' -o "$TMP/rss" "$@" >"$TMP/m.out" 2>"$TMP/m.err"
	rc=$?
	rss=$(tail -1 "$TMP/rss")
}

DB=$TMP/base.db
$BIN --db "$DB" import data/*/*.yaml >/dev/null || { echo "cannot import data/"; exit 1; }
$BIN --db "$DB" status islington-2024-childrens-workforce/2 agreed --note "kept" >/dev/null
base=$(dump "$DB")

# --- 1. every bad fixture, imported into a real database ----------------
n=0
for f in tests/fixtures/bad/*.yaml; do
	name=${f%.yaml}
	$BIN --db "$DB" import "$f" >"$TMP/out" 2>"$TMP/err"
	rc=$?
	n=$((n + 1))
	check "[ $rc = 1 ]" "$f: exit status $rc, expected 1"
	# the same diagnostics as 'check' (import may also look in the db)
	grep -v '^rectrack: ' "$TMP/err" | sed 's/which is neither in these files nor in the database/which is in none of these files/' > "$TMP/err.lines"
	check "cmp -s $TMP/err.lines $name.err" "$f: the import's messages differ from $name.err"
	check "[ ! -s $TMP/out ]" "$f: wrote to standard output"
	check "[ \"\$(dump $DB)\" = $base ]" "$f: the database changed"
done
check "[ $n -ge 40 ]" "fewer than 40 bad fixtures"
check "$BIN --db $DB verify >/dev/null" "verify after the catalogue"

# --- 2. monsters ----------------------------------------------------------
# a billion laughs: anchors and aliases are refused as they pass, never
# expanded
python3 - "$TMP/laughs.yaml" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    f.write('format: rectrack/1\ncommittee:\n  id: c\n  name: &a0 "lol"\n  authority: A\nreviews:\n')
    f.write('  - id: r\n    title: T\n    members:\n')
    for i in range(1, 30):
        f.write('      - &a%d [%s]\n' % (i, ", ".join(["*a%d" % (i - 1)] * 10)))
PY
start=$(date +%s%N)
measure $BIN --db "$DB" import "$TMP/laughs.yaml"
ms=$(( ($(date +%s%N) - start) / 1000000 ))
check "[ $rc = 1 ]" "alias bomb: exit status $rc"
check "grep -q \"anchor '&a0' is not allowed\" $TMP/m.err" "alias bomb: no anchor message"
check "[ $ms -lt 1000 ] && under $rss 65536" "alias bomb took ${ms} ms and ${rss} KiB"
check "[ \"\$(dump $DB)\" = $base ]" "alias bomb changed the database"

python3 -c "import sys; sys.stdout.write('format: rectrack/1\ncommittee: ' + '[' * 100000 + '\n')" > "$TMP/brackets.yaml"
measure $BIN check "$TMP/brackets.yaml"
check "[ $rc = 1 ] && grep -q ':2:75: nesting deeper than 64 levels' $TMP/m.err" "100,000 [: $(head -c 200 $TMP/m.err)"
python3 -c "
import sys
out = ['format: rectrack/1', 'committee:']
for i in range(10000):
    out.append('  ' * (i + 1) + 'a%d:' % i)
sys.stdout.write('\n'.join(out) + ' x\n')" > "$TMP/deep.yaml"
measure $BIN check "$TMP/deep.yaml"
check "[ $rc = 1 ] && grep -q 'nesting deeper than 64 levels' $TMP/m.err && under $rss 65536" "10,000 levels of indentation: $rc, ${rss} KiB"

python3 -c "
import sys
sys.stdout.write('format: rectrack/1\ncommittee:\n  id: c\n  name: ')
chunk = 'x' * 1048576
for i in range(100): sys.stdout.write(chunk)
sys.stdout.write('\n  authority: A\n')" > "$TMP/huge.yaml"
start=$(date +%s%N)
measure $BIN --db "$DB" import "$TMP/huge.yaml"
ms=$(( ($(date +%s%N) - start) / 1000000 ))
check "[ $rc = 1 ] && grep -q 'longer than the 1 MiB limit' $TMP/m.err" "100 MB value: $(head -c 200 $TMP/m.err)"
check "under $rss 65536 && [ $ms -lt 5000 ]" "100 MB value took ${rss} KiB and ${ms} ms"
check "[ \"\$(dump $DB)\" = $base ]" "100 MB value changed the database"

# values of nearly 1 MiB, one to a review, in a file (read ahead on the
# reader's thread): the events waiting in its ring stay a few MiB
python3 -c "
import sys
w = sys.stdout.write
w('format: rectrack/1\ncommittee:\n  id: c\n  name: C\n  authority: A\nreviews:\n')
text = 'The Council should review its arrangements. ' * 23000
for k in range(100):
    w('  - id: review-%d\n    title: Review %d\n    recommendations:\n      - ref: \"1\"\n        text: %s\n' % (k, k, text))" > "$TMP/long-values.yaml"
measure $BIN check "$TMP/long-values.yaml"
check "[ $rc = 0 ] && under $rss 16384" "100 values of 1 MB: exit $rc, ${rss} KiB"

# 1 GB of valid records, streamed: memory stays bounded
python3 - > "$TMP/gen.py" <<'PY'
print('''import sys
w = sys.stdout.write
w("format: rectrack/1\\ncommittee:\\n  id: big\\n  name: Big\\n  authority: A\\nreviews:\\n")
text = "The Council should review its arrangements. " * 12
r = 0
total = 0
while total < 1024 * 1024 * 1024:
    r += 1
    block = ["  - id: review-%d\\n    title: Review %d\\n    recommendations:\\n" % (r, r)]
    for k in range(50):
        block.append("      - ref: \\"%d\\"\\n        text: %s\\n        findings:\\n          - %s\\n" % (k + 1, text, text))
    s = "".join(block)
    total += len(s)
    w(s)
''')
PY
start=$(date +%s%N)
python3 "$TMP/gen.py" | /usr/bin/time -f '%M' -o "$TMP/rss" $BIN check - >"$TMP/m.out" 2>"$TMP/m.err"
rc=$?
rss=$(tail -1 "$TMP/rss")
s=$(( ($(date +%s%N) - start) / 1000000000 ))
check "[ $rc = 0 ] && grep -q '^<stdin>: ok' $TMP/m.out" "1 GB stream: exit $rc $(head -c 200 $TMP/m.err)"
check "under $rss 10240" "1 GB stream: peak ${rss} KiB"
echo "faults: 1 GB of YAML checked in ${s} s, peak ${rss} KiB"

head -c 200000 /dev/urandom > "$TMP/random.yaml"
measure $BIN --db "$DB" import "$TMP/random.yaml"
check "[ $rc = 1 ] && grep -q 'random.yaml:[0-9]*:[0-9]*: ' $TMP/m.err" "random bytes: $rc"
mkfifo "$TMP/fifo.yaml"
(cat data/slough/scf-workforce-strategy-2023.yaml > "$TMP/fifo.yaml") &
measure $BIN check "$TMP/fifo.yaml"
wait
check "[ $rc = 0 ] && grep -q 'ok, 18 recommendations' $TMP/m.out" "a FIFO"
measure $BIN --db "$DB" import "$TMP"
check "[ $rc = 1 ] && grep -q 'is a directory' $TMP/m.err" "a directory"
measure $BIN --db "$DB" import "$TMP/missing.yaml"
check "[ $rc = 1 ] && grep -q 'No such file' $TMP/m.err" "a missing file"
if [ "$(id -u)" = 0 ]; then
	skip "an unreadable file (root reads every file)"
else
	printf 'x' > "$TMP/locked.yaml"; chmod 000 "$TMP/locked.yaml"
	measure $BIN check "$TMP/locked.yaml"
	check "[ $rc = 1 ] && grep -q 'Permission denied' $TMP/m.err" "an unreadable file"
fi
check "[ \"\$(dump $DB)\" = $base ]" "a bad file changed the database"

# SQL-looking text is stored and shown verbatim
printf 'format: rectrack/1\ncommittee:\n  id: sql\n  name: "Robert'"'"'); DROP TABLE recs;--"\n  authority: A\nreviews:\n  - id: sql-r\n    title: "1 OR 1=1"\n    recommendations:\n      - ref: "1"\n        text: "'"'"'; DELETE FROM updates; SELECT '"'"'"\n' > "$TMP/sql.yaml"
cp "$DB" "$TMP/sql.db"
$BIN --db "$TMP/sql.db" import "$TMP/sql.yaml" >/dev/null
check "[ \"\$($BIN --db $TMP/sql.db show sql-r/1 --format json | jq -r '.text + \"|\" + .committee_name')\" = \"'; DELETE FROM updates; SELECT '|Robert'); DROP TABLE recs;--\" ]" "SQL-looking text not verbatim"
check "[ \$(sqlite3 $TMP/sql.db 'SELECT count(*) FROM updates') -ge 1 ]" "SQL-looking text ran"

# a review moved to another committee; one id defined in two files
sed 's/id: slough-people-scrutiny-panel/id: another-committee/' data/slough/scf-workforce-strategy-2023.yaml > "$TMP/moved.yaml"
measure $BIN --db "$DB" import "$TMP/moved.yaml"
check "[ $rc = 1 ] && grep -q 'cannot move between committees' $TMP/m.err" "a moved review"
measure $BIN check data/slough/scf-workforce-strategy-2023.yaml "$TMP/moved.yaml"
check "[ $rc = 1 ] && grep -q \"review 'slough-2023-scf-workforce-strategy' is defined twice (first at data/slough\" $TMP/m.err" "an id in two files"
check "[ \"\$(dump $DB)\" = $base ]" "the database changed"
check "$BIN --db $DB verify >/dev/null" "verify after the monsters"

# --- 3. faults --------------------------------------------------------------
# SIGKILL an import at random moments: all of it or none of it, always
python3 - > "$TMP/many.yaml" <<'PY'
import sys
w = sys.stdout.write
w("format: rectrack/1\ncommittee:\n  id: kill\n  name: Kill\n  authority: A\nreviews:\n")
for r in range(40):
    w("  - id: kill-%d\n    title: K\n    recommendations:\n" % r)
    for k in range(50):
        w('      - ref: "%d"\n        text: Text %d %d of a recommendation that is long enough to matter.\n        findings: [one, two]\n' % (k, r, k))
PY
base_recs=$(sqlite3 "$DB" 'SELECT count(*) FROM recs')
all=$((base_recs + 2000))
cp "$DB" "$TMP/kill.db"
start=$(date +%s%N)
$BIN --db "$TMP/kill.db" import "$TMP/many.yaml" >/dev/null
took=$(( ($(date +%s%N) - start) / 1000 ))	# microseconds
kills=0
for i in $(seq 50); do
	cp "$DB" "$TMP/kill.db"
	$BIN --db "$TMP/kill.db" import "$TMP/many.yaml" >/dev/null 2>&1 &
	pid=$!
	# somewhere between the start and a little after the usual end
	us=$(( took * ((i * 37) % 110) / 100 ))
	sleep "$(printf '%d.%06d' $((us / 1000000)) $((us % 1000000)))"
	kill -9 "$pid" 2>/dev/null && kills=$((kills + 1))
	wait "$pid" 2>/dev/null
	recs=$(sqlite3 "$TMP/kill.db" 'SELECT count(*) FROM recs')
	check "[ $recs = $base_recs ] || [ $recs = $all ]" "kill $i: $recs recommendations (neither $base_recs nor $all)"
	check "$BIN --db $TMP/kill.db verify >/dev/null 2>&1" "kill $i: verify failed"
done
echo "faults: 50 imports (each ${took} us whole) killed at spread moments, $kills of them mid-way: all or nothing every time"
check "[ $kills -ge 25 ]" "only $kills of 50 imports were killed mid-way"

# SIGKILL concurrent status writers
cp "$DB" "$TMP/w.db"
for p in 1 2 3 4; do
	(i=0; while [ $i -lt 200 ]; do
		$BIN --db "$TMP/w.db" status islington-2024-childrens-workforce/2 agreed --note "w$p $i" >/dev/null 2>&1
		i=$((i + 1))
	done) &
done
sleep 1
pkill -9 -f "rectrack --db $TMP/w.db" 2>/dev/null
sleep 0.3
pkill -9 -f "rectrack --db $TMP/w.db" 2>/dev/null
kill $(jobs -p) 2>/dev/null
wait 2>/dev/null
check "$BIN --db $TMP/w.db verify >/dev/null" "killed writers: verify failed"
check "[ \"\$(sqlite3 $TMP/w.db 'SELECT count(*) FROM updates WHERE note IS NULL OR status IS NULL OR date IS NULL')\" = 0 ]" "killed writers: a partial history row"

# a read-only database: a file on a read-only filesystem, and readers
if [ "$(id -u)" = 0 ] && mkdir -p "$TMP/ro" && mount -t tmpfs -o size=4m tmpfs "$TMP/ro" 2>/dev/null; then
	MNT=$TMP/ro
	cp "$DB" "$TMP/ro/ro.db"
	sum=$(sha256sum < "$TMP/ro/ro.db")
	mount -o remount,ro "$TMP/ro"
	measure $BIN --db "$TMP/ro/ro.db" status islington-2024-childrens-workforce/3 agreed --note x
	check "[ $rc = 1 ] && grep -q 'cannot open the database' $TMP/m.err" "a write to a read-only database: exit $rc: $(head -c 200 $TMP/m.err)"
	check "[ \"\$(sha256sum < $TMP/ro/ro.db)\" = \"$sum\" ]" "a read-only database changed"
	cat "$TMP/m.err" | head -2 | sed 's/^/faults: read-only: /' 
	umount "$TMP/ro"; MNT=""
else
	skip "read-only filesystem (needs root and tmpfs)"
fi

# text, empty and truncated files given as --db
printf 'hello\n' > "$TMP/text.db"
: > "$TMP/empty.db"
head -c 10000 "$DB" > "$TMP/trunc.db"
for f in text empty trunc; do
	sum=$(sha256sum < "$TMP/$f.db")
	measure $BIN --db "$TMP/$f.db" import data/slough/scf-workforce-strategy-2023.yaml
	check "[ $rc = 1 ] && grep -q \"^rectrack: $TMP/$f.db: \" $TMP/m.err" "--db $f: exit $rc: $(head -c 200 $TMP/m.err)"
	check "[ \"\$(sha256sum < $TMP/$f.db)\" = \"$sum\" ]" "--db $f: the file changed"
	measure $BIN --db "$TMP/$f.db" list
	check "[ $rc = 1 ]" "--db $f: list exit $rc"
done

# a full disk: the write fails cleanly, the database stays usable. The
# first import needs some 200 KB, the second about 1 MB more.
if [ "$(id -u)" = 0 ] && mkdir -p "$TMP/full" && mount -t tmpfs -o size=600k tmpfs "$TMP/full" 2>/dev/null; then
	MNT=$TMP/full
	$BIN --db "$TMP/full/f.db" import data/slough/scf-workforce-strategy-2023.yaml >/dev/null
	check "[ \$? = 0 ]" "a full disk: the first import did not fit"
	before=$(dump "$TMP/full/f.db")
	measure $BIN --db "$TMP/full/f.db" import "$TMP/many.yaml"
	check "[ $rc = 1 ] && grep -qi 'full' $TMP/m.err" "a full disk: exit $rc: $(head -c 300 $TMP/m.err)"
	check "$BIN --db $TMP/full/f.db verify >/dev/null" "a full disk: verify failed"
	check "[ \"\$(dump $TMP/full/f.db)\" = \"$before\" ]" "a full disk: the database changed"
	umount "$TMP/full"; MNT=""
else
	skip "full disk (needs root and tmpfs)"
fi

# closed standard output
$BIN --db "$DB" list >&- 2>"$TMP/closed.err"
rc=$?
check "[ $rc = 1 ] && grep -q 'cannot write standard output' $TMP/closed.err" "closed standard output: exit $rc"
$BIN --db "$DB" list --format json | head -c 10 >/dev/null
check "[ \"\$(dump $DB)\" = $base ]" "a broken pipe changed the database"

finish faults
