#!/bin/sh
# make bench: rectrack's import against its floors (libyaml's parse alone;
# SQLite inserting exactly the rows rectrack stores) and a Python peer, at
# each size; then query latencies on the largest database against the
# sqlite3 shell running the same SQL, and issue 21's everyday queries
# (tests/bench/queries.sh) on each size's. Writes docs/performance.md.
#   sh tests/bench/bench.sh "10000 100000 1000000" RUNS
# Generated files and databases live in $BENCH_DIR (default build/bench).
set -u
NS=$1
RUNS=$2
TOP=$(cd "$(dirname "$0")/../.." && pwd)
cd "$TOP" || exit 1
W=${BENCH_DIR:-$TOP/build/bench}
mkdir -p "$W"
# a copy, so that rebuilding ./rectrack while this runs changes nothing
RT=$W/rectrack
cp "$TOP/rectrack" "$RT" || exit 1
FP=$TOP/build/rel/floor_parse
FI=$TOP/build/rel/floor_insert
OUT=$TOP/docs/performance.md
export RECTRACK_TODAY=2026-11-22

median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

# timeit NAME CMD...: wall seconds and peak KiB appended to $W/NAME.t.
# The pages another step left unwritten (the generated file, the last
# contender's database) are written out first, so that no contender pays
# for the one before it.
timeit() {
	name=$1
	shift
	sync
	if ! /usr/bin/time -f '%e %M' -o "$W/time" "$@" >/dev/null 2>"$W/err"; then
		echo "bench: failed: $*" >&2
		tail -5 "$W/err" >&2
		exit 1
	fi
	tail -1 "$W/time" >> "$W/$name.t"
}
secs() { cut -d' ' -f1 < "$W/$1.t" | median; }
kib() { cut -d' ' -f2 < "$W/$1.t" | sort -n | tail -1; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }'; }

machine="$(nproc) cores, $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo), $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), $(uname -sr); SQLite $(sqlite3 --version | cut -d' ' -f1), libyaml $(pkg-config --modversion yaml-0.1), Python $(python3 -c 'import sys; print(sys.version.split()[0])') with PyYAML $(python3 -c 'import yaml; print(yaml.__version__)')"

{
echo "<!-- bench:begin (written by make bench; edit outside these marks) -->"
echo "Measured by \`make bench\` (\`tests/bench/bench.sh\`) on $(date -u +%Y-%m-%d): $machine."
echo "Each figure is the median of $RUNS runs (${BENCH_RUNS_LARGE:-$RUNS} at a million; peak memory: the largest);"
echo "ratios come from the same run. Whole-process wall time."
echo
echo "## Import"
echo
echo "| recommendations | MB | contender | time (s) | recs/s | MB/s | peak RSS (MB) | × floor | peer × |"
echo "|---:|---:|---|---:|---:|---:|---:|---:|---:|"
} > "$OUT.new"

last_db=""
for n in $NS; do
	f=$W/gen-$n.yaml
	[ -s "$f" ] || python3 tests/bench/gen.py "$n" > "$f"
	mb=$(awk -v s="$(stat -L -c %s "$f")" 'BEGIN { printf "%.0f", s / 1048576 }')
	rm -f "$W"/*.t
	runs=$RUNS
	[ "$n" -ge 1000000 ] && runs=${BENCH_RUNS_LARGE:-$RUNS}
	for run in $(seq "$runs"); do
		echo "bench: $n recommendations, run $run of $runs" >&2
		timeit parse "$FP" "$f"
		rm -f "$W/rt-$n.db" "$W/rt-$n.db-wal" "$W/rt-$n.db-shm"
		timeit import "$RT" --db "$W/rt-$n.db" import "$f"
		timeit reimport "$RT" --db "$W/rt-$n.db" import "$f"
		rm -f "$W/fi.db" "$W/fi.db-wal" "$W/fi.db-shm"
		timeit insert "$FI" "$W/rt-$n.db" "$W/fi.db"
		rm -f "$W/py.db"
		timeit peer python3 tests/bench/peer.py "$W/rt-$n.db" "$W/py.db" "$f"
	done
	# a re-import of an unchanged file writes nothing
	before=$(sha256sum < "$W/rt-$n.db")
	"$RT" --db "$W/rt-$n.db" import "$f" > "$W/reimport.out"
	after=$(sha256sum < "$W/rt-$n.db")
	[ "$before" = "$after" ] && wrote="writes nothing" || wrote="WROTE TO THE DATABASE"
	p=$(secs parse); i=$(secs insert); r=$(secs import); q=$(secs peer)
	floor=$(awk -v a="$p" -v b="$i" 'BEGIN { print a + b }')
	for c in "parse:libyaml parse (floor)" "insert:SQLite inserts (floor)" "import:rectrack import" "reimport:rectrack re-import ($wrote)" "peer:Python peer"; do
		k=${c%%:*}
		label=${c#*:}
		t=$(secs "$k")
		echo "| $n | $mb | $label | $t | $(awk -v n="$n" -v t="$t" 'BEGIN { printf "%.0f", n / t }') | $(awk -v m="$mb" -v t="$t" 'BEGIN { printf "%.1f", m / t }') | $(awk -v k="$(kib "$k")" 'BEGIN { printf "%.1f", k / 1024 }') | $( [ "$k" = import ] || [ "$k" = reimport ] && ratio "$t" "$floor" || echo "") | $( [ "$k" = import ] && ratio "$q" "$r" || echo "") |" >> "$OUT.new"
	done
	echo "| $n | | floors together (parse + inserts) | $floor | | | | | |" >> "$OUT.new"
	echo "bench: $n: import ${r}s, floors ${floor}s ($(ratio "$r" "$floor")x), peer ${q}s ($(ratio "$q" "$r")x slower)" >&2
	last_db=$W/rt-$n.db
	last_n=$n
done

# --- queries on the largest database ---------------------------------------
DB=$last_db
ms() {	# median wall milliseconds of 11 runs of a command
	i=0
	while [ $i -lt 11 ]; do
		s=$(date +%s%N)
		"$@" >/dev/null 2>&1
		echo $(( ($(date +%s%N) - s) / 1000 ))
		i=$((i + 1))
	done | median | awk '{ printf "%.1f", $1 / 1000 }'
}
cid=$(sqlite3 "$DB" "SELECT id FROM committees WHERE cid = 'committee-7'")
rid=$(sqlite3 "$DB" "SELECT id FROM reviews WHERE rid = 'c7-review-3'")
word=$(sqlite3 "$DB" "SELECT term FROM search_terms ORDER BY doc DESC LIMIT 1 OFFSET 40")
phrase=$(sqlite3 "$DB" "SELECT text FROM recs WHERE id = 4242" | awk '{ print $3, $4 }' | tr -d '.,')
# the very statement rectrack runs for a committee's list
LIST_SQL=$("$TOP/build/rel/floor_sql" list-committee)
SHOW_SQL="SELECT * FROM recs WHERE review_id = $rid AND ref = '7'; SELECT * FROM findings WHERE rec_id = (SELECT id FROM recs WHERE review_id = $rid AND ref = '7'); SELECT * FROM updates WHERE rec_id = (SELECT id FROM recs WHERE review_id = $rid AND ref = '7')"
# ranked only: the shell cannot make the snippets rectrack shows, whose
# texts FTS5 reads from rectrack's search_text (migration 6), so it does
# less than rectrack does
SEARCH_SQL="SELECT rowid, bm25(search, 10.0, 5.0, 3.0, 2.0, 3.0, 2.0, 2.0, 1.0) AS r FROM search WHERE search MATCH ? ORDER BY r LIMIT 20"
{
echo
echo "## Queries on the $last_n-recommendation database"
echo
echo "Median of 11 runs, whole process, milliseconds. The \`sqlite3\` column is one"
echo "\`sqlite3\` shell process running the equivalent SQL."
echo
echo "| command | rectrack (ms) | sqlite3 (ms) | ratio |"
echo "|---|---:|---:|---:|"
} >> "$OUT.new"
row() {
	a=$1
	b=$2
	echo "| $3 | $a | $b | $( [ "$b" = "-" ] && echo "-" || ratio "$a" "$b") |" >> "$OUT.new"
}
# the committee is the list's ?2; the shell's rows counted against rectrack's
n_sh=$(sqlite3 "$DB" ".parameter set ?2 $cid" "SELECT count(*) FROM ($(echo "$LIST_SQL" | sed 's/;$//'))")
n_rt=$("$RT" --db "$DB" list --committee committee-7 --format json | jq length)
[ "$n_sh" = "$n_rt" ] || { echo "bench: the shell's list has $n_sh rows, rectrack's $n_rt" >&2; exit 1; }
row "$(ms "$RT" --db "$DB" list --committee committee-7 --format csv)" "$(ms sqlite3 "$DB" ".parameter set ?2 $cid" "$LIST_SQL")" "\`list --committee C\` ($n_rt rows)"
row "$(ms "$RT" --db "$DB" show c7-review-3/7)" "$(ms sqlite3 "$DB" "$SHOW_SQL")" "\`show\`"
row "$(ms "$RT" --db "$DB" report --committee committee-7 --format html)" "-" "\`report --committee C --format html\`"
row "$(ms "$RT" --version)" "$(ms sqlite3 --version)" "\`--version\`"
row "$(ms "$RT" --db "$DB" search "\"$phrase\"")" "$(ms sqlite3 "$DB" "$(echo "$SEARCH_SQL" | sed "s/?/'\"$phrase\"'/")")" "\`search '\"$phrase\"'\` (a phrase)"
row "$(ms "$RT" --db "$DB" search "$word")" "$(ms sqlite3 "$DB" "$(echo "$SEARCH_SQL" | sed "s/?/'$word'/")")" "\`search $word\` (a common word: every match ranked)"
# issue 21's everyday queries at each size, the largest first
for n in $(printf '%s\n' $NS | sort -rn); do
{
echo
echo "## Everyday queries on the $n-recommendation database"
echo
echo "Median of 11 runs, whole process, milliseconds; the lists with \`--limit 20\`."
echo "The \`sqlite3\` column is one shell running the statements rectrack runs"
echo "(\`tests/bench/queries.sh\`, whose comments say where it runs the nearest SQL"
echo "instead): for a list, the probe, then the condition's index (fewer matches than"
echo "recview.c's FEW) or the walk in order. The last column says whether a plan scans"
echo "a table that grows (\`-\`: no statement of rectrack's own)."
echo
WORD=$word RT=$RT sh "$TOP/tests/bench/queries.sh" "$W/rt-$n.db"
} >> "$OUT.new"
done
echo "<!-- bench:end -->" >> "$OUT.new"
# keep what is written around the marks
if [ -f "$OUT" ] && grep -q '<!-- bench:begin' "$OUT"; then
	awk -v new="$OUT.new" '
	/<!-- bench:begin/ { while ((getline l < new) > 0) print l; skip = 1; next }
	/<!-- bench:end/ { skip = 0; next }
	!skip { print }' "$OUT" > "$OUT.merged"
	mv "$OUT.merged" "$OUT"
	rm -f "$OUT.new"
else
	{ echo "# Performance"; echo; cat "$OUT.new"; } > "$OUT"
	rm -f "$OUT.new"
fi
echo "bench: wrote $OUT" >&2
