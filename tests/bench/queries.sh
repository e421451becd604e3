#!/bin/sh
# queries.sh DB: the lists that filter on the stored derivation (issue 21),
# each beside the sqlite3 shell running the very statements rectrack runs
# for it (tests/bench/sql.c prints them: the probe, then the condition's
# index when the probe counts fewer than recview.c's FEW matches, else the
# walk in order), with --limit 20. Prints a markdown table; bench.sh
# appends it to docs/performance.md. Needs build/rel/floor_sql and
# ./rectrack; RECTRACK_TODAY as bench.sh sets it.
set -u
DB=$1
TOP=$(cd "$(dirname "$0")/../.." && pwd)
RT=${RT:-$TOP/rectrack}
SQL=$TOP/build/rel/floor_sql
TODAY=${RECTRACK_TODAY:-2026-11-22}
FEW=$(awk '/^#define FEW / { print $3 }' "$TOP/src/recview.c")

median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
# ms [-i FILE] CMD...: the median of 11 runs, FILE as standard input
ms() {
	in=/dev/null
	[ "$1" = -i ] && { in=$2; shift 2; }
	i=0
	while [ $i -lt 11 ]; do
		s=$(date +%s%N)
		"$@" <"$in" >/dev/null 2>&1
		echo $(( ($(date +%s%N) - s) / 1000 ))
		i=$((i + 1))
	done | median | awk '{ printf "%.1f", $1 / 1000 }'
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }'; }

W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
# script FILE PARAMS SQL...: a script for the shell: the parameters (one
# "?N value" a line), then each statement
script() {
	f=$1 sp=$2
	shift 2
	# the shell evaluates a value: a text goes in double quotes too
	printf '%s\n' "$sp" | sed "/^\$/d; s/ \('.*'\)\$/ \"\1\"/; s/^/.parameter set /" > "$f"
	for x in "$@"; do printf '%s;\n' "$x" >> "$f"; done
}
# scanned SQL PARAMS: "yes" when the plan scans a table that grows
scanned() {
	script "$W/plan" "$2" "EXPLAIN QUERY PLAN $1"
	sqlite3 "$DB" < "$W/plan" | grep -E 'SCAN ' |
	    grep -vE 'SCAN (c|committees|v)( |$)|VIRTUAL TABLE' | grep -q . &&
	    echo yes || echo no
}

stale_before=$(date -d "$TODAY -6 months" +%Y-%m-%d)
echo "| command | matches | way | rectrack (ms) | sqlite3 (ms) | ratio | a whole table scanned |"
echo "|---|---:|---|---:|---:|---:|---|"
# q LABEL 'RECTRACK ARGS' NAME 'PARAMS' 'WALK PARAMS'
q() {
	label=$1 args=$2 name=$3 params=$4 wparams=$5
	probe=$($SQL probe-$name | sed 's/;$//')
	script "$W/probe" "$params
?10 $FEW" "$probe"
	n=$(sqlite3 "$DB" < "$W/probe")
	if [ "$n" -lt "$FEW" ]; then
		way="index"
		stmt="$($SQL by-$name | sed 's/;$//') LIMIT 20"
		p=$params
	else
		way="walk"
		stmt="$($SQL list | sed 's/;$//') LIMIT 20"
		p=$wparams
	fi
	a=$(ms $RT --db "$DB" list $args --limit 20 --format csv)
	# one shell: the probe, then the statement with its parameters
	script "$W/q" "$params
?10 $FEW" "$probe"
	script "$W/q2" "$p" "$stmt"
	echo ".parameter clear" >> "$W/q"
	cat "$W/q2" >> "$W/q"
	b=$(ms -i "$W/q" sqlite3 "$DB")
	echo "| \`list $args --limit 20\` | $n+ | $way | $a | $b | $(ratio "$a" "$b") | $(scanned "$stmt" "$p") |" |
	    sed "s/| $FEW+ |/| ≥ $FEW |/; s/| \([0-9]*\)+ |/| \1 |/"
}
P() { printf '%s\n' "$@"; }
q "Overdue" "--overdue" overdue "$(P "?1 '$TODAY'")" "$(P "?4 1" "?5 '$TODAY'")"
q "Stale" "--stale" stale "$(P "?1 '$stale_before'")" "$(P "?4 1" "?6 '$stale_before'")"
q "Response" "--response-overdue" response "$(P "?1 '$TODAY'")" "$(P "?4 1" "?7 '$TODAY'")"
q "Status" "--status implemented" status "$(P "?1 'implemented'")" "$(P "?10 'implemented'")"
q "Rejected" "--status rejected" status "$(P "?1 'rejected'")" "$(P "?10 'rejected'")"
q "Signoff" "--awaiting-signoff" signoff "" "$(P "?4 0" "?9 1")"
q "Due" "--due-before 2025-01-01" due "$(P "?1 '2025-01-01'")" "$(P "?5 '2025-01-01'")"
q "Updated" "--updated-since 2025-06-01" updated "$(P "?1 '2025-06-01'")" "$(P "?8 '2025-06-01'")"
# --owner, --addressee: the distinct values (matched in C: here the
# shell gets the match), the probe, then the index or the walk
t() {
	args=$1 col=$2 word=$3
	vals=$($SQL ${col}s | sed 's/;$//')
	json=$(sqlite3 -json "$DB" "SELECT json_group_array(x) AS j FROM ($vals) WHERE instr(lower(x), lower('$word'))" | jq -r '.[0].j')
	# the array as a literal in place of ?1 (the shell's .parameter
	# would take its quotes apart); the generated names hold no '
	probe=$($SQL probe-$col | sed "s/;\$//; s/?1/'$json'/")
	script "$W/probe" "?10 $FEW" "$probe"
	n=$(sqlite3 "$DB" < "$W/probe")
	if [ "$n" -lt "$FEW" ]; then
		way="index"
		stmt="$($SQL by-$col | sed "s/;\$//; s/?1/'$json'/") LIMIT 20"
	else
		way="walk"
		stmt="$($SQL list | sed 's/;$//') LIMIT 20"
	fi
	script "$W/q" "" "$vals"
	cat "$W/probe" >> "$W/q"
	echo ".parameter clear" >> "$W/q"
	script "$W/q2" "" "$stmt"
	cat "$W/q2" >> "$W/q"
	a=$(ms $RT --db "$DB" list $args --limit 20 --format csv)
	b=$(ms -i "$W/q" sqlite3 "$DB")
	echo "| \`list $args --limit 20\` | $n+ | $way | $a | $b | $(ratio "$a" "$b") | $(scanned "$stmt" "") |" |
	    sed "s/| $FEW+ |/| ≥ $FEW |/; s/| \([0-9]*\)+ |/| \1 |/"
}
t "--owner nobody" owner nobody
t "--owner director" owner director
t "--addressee council" addressee council

# no index: the walk, filtered in C
w() {
	label=$1 args=$2 wparams=$3
	stmt="$($SQL list | sed 's/;$//') LIMIT 20"
	a=$(ms $RT --db "$DB" list $args --limit 20 --format csv)
	script "$W/q" "$wparams" "$stmt"
	b=$(ms -i "$W/q" sqlite3 "$DB")
	echo "| \`list $args --limit 20\` | | walk | $a | $b | $(ratio "$a" "$b") | $(scanned "$stmt" "$wparams") |"
}
w "Open" "--open" "$(P "?4 1")"
w "Year" "--year 2023-24" "$(P "?3 '2023-24'")"

# the overviews (review_counts, migration 11): rectrack reads the counts
# and the overdue of each committee's reviews, a statement a committee
# (committees, stats) or a review (reviews); the shell runs the same
# reads as two joins (CROSS JOIN: committee by committee)
COUNTS="SELECT c.cid, rv.rid, s.status, s.answered, s.n FROM committees c CROSS JOIN reviews rv ON rv.committee_id = c.id CROSS JOIN review_counts s ON s.review_id = rv.id ORDER BY c.cid, rv.rid, s.status, s.answered"
OVERDUE="SELECT c.cid, rv.rid, (SELECT count(*) FROM derived d WHERE d.review_id = rv.id AND d.open = 1 AND d.due_end < ?1) FROM committees c CROSS JOIN reviews rv ON rv.committee_id = c.id ORDER BY c.cid, rv.rid"
o() {
	args=$1
	shift
	a=$(ms $RT --db "$DB" $args --format csv)
	script "$W/q" "$(P "?1 '$TODAY'")" "$@"
	b=$(ms -i "$W/q" sqlite3 "$DB")
	echo "| \`$args\` | | counts | $a | $b | $(ratio "$a" "$b") | $(scanned "$1" "") |"
}
o committees "$COUNTS" "$OVERDUE"
o reviews "$COUNTS" "$OVERDUE"
o stats "$COUNTS"
