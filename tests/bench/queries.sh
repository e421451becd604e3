#!/bin/sh
# queries.sh DB: issue 21's everyday queries (the lists that filter on the
# stored derivation, the overviews, actions, chase, a search with a
# filter, report, stats with a filter), each beside the sqlite3 shell
# running the very statements rectrack runs for it (tests/bench/sql.c
# prints them; for a list, with --limit 20: the probe, then the
# condition's index when the probe counts fewer than recview.c's FEW
# matches, else the walk in order). Prints a markdown table; bench.sh
# appends it to docs/performance.md. Needs build/rel/floor_sql and
# ./rectrack (or $FLOOR_SQL and $RT); RECTRACK_TODAY as bench.sh sets it.
# tests/cli/area-bench.sh runs it once on a small database.
set -u
DB=$1
TOP=$(cd "$(dirname "$0")/../.." && pwd)
RT=${RT:-$TOP/rectrack}
SQL=${FLOOR_SQL:-$TOP/build/rel/floor_sql}
# runs of each command (the median is reported); area-bench runs 1
RUNS=${QUERIES_RUNS:-11}
TODAY=${RECTRACK_TODAY:-2026-11-22}
FEW=$(awk '/^#define FEW / { print $3 }' "$TOP/src/recview.c")

median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
# ms [-i FILE] CMD...: the median of $RUNS runs, FILE as standard input
ms() {
	in=/dev/null
	[ "$1" = -i ] && { in=$2; shift 2; }
	# once first, its errors shown (the timed runs hide them)
	if ! "$@" <"$in" >/dev/null 2>"$W/ms.err" || [ -s "$W/ms.err" ]; then
		echo "queries.sh: failed: $*" >&2
		head -3 "$W/ms.err" >&2
	fi
	i=0
	while [ $i -lt "$RUNS" ]; do
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
# plan FILE: "yes" when a statement of the script (a line of its own)
# scans a table that grows
plan() {
	sed 's/^\(SELECT\|WITH\)/EXPLAIN QUERY PLAN \1/' "$1" > "$W/plan"
	sqlite3 "$DB" < "$W/plan" | grep -E 'SCAN ' |
	    grep -vE 'SCAN (c|committees|v)( |$)|VIRTUAL TABLE' | grep -q . &&
	    echo yes || echo no
}
# scanned SQL PARAMS: the same for one statement
scanned() {
	script "$W/one" "$2" "$1"
	plan "$W/one"
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
	probe=$($SQL probe-$col | sed "s/;\$//; s/?1\b/'$json'/")
	script "$W/probe" "?10 $FEW" "$probe"
	n=$(sqlite3 "$DB" < "$W/probe")
	if [ "$n" -lt "$FEW" ]; then
		way="index"
		stmt="$($SQL by-$col | sed "s/;\$//; s/?1\b/'$json'/") LIMIT 20"
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

# the overviews (review_counts, migration 11; committee_counts, 12):
# rectrack reads the counts of each committee (committees, stats) or of
# each review (reviews), and the overdue of each committee's reviews, a
# statement a committee or a review; the shell runs the same reads as
# joins (CROSS JOIN: committee by committee)
COUNTS="SELECT c.cid, rv.rid, s.status, s.answered, s.n FROM committees c CROSS JOIN reviews rv ON rv.committee_id = c.id CROSS JOIN review_counts s ON s.review_id = rv.id ORDER BY c.cid, rv.rid, s.status, s.answered"
CCOUNTS="SELECT c.cid, s.status, s.answered, s.n FROM committees c CROSS JOIN committee_counts s ON s.committee_id = c.id ORDER BY c.cid, s.status, s.answered"
OVERDUE="SELECT c.cid, rv.rid, (SELECT count(*) FROM derived d WHERE d.review_id = rv.id AND d.open = 1 AND d.due_end < ?1) FROM committees c CROSS JOIN reviews rv ON rv.committee_id = c.id ORDER BY c.cid, rv.rid"
o() {
	args=$1
	shift
	a=$(ms $RT --db "$DB" $args --format csv)
	script "$W/q" "$(P "?1 '$TODAY'")" "$@"
	b=$(ms -i "$W/q" sqlite3 "$DB")
	echo "| \`$args\` | | counts | $a | $b | $(ratio "$a" "$b") | $(scanned "$1" "") |"
}
o committees "$CCOUNTS" "$OVERDUE"
o reviews "$COUNTS" "$OVERDUE"
o stats "$CCOUNTS"

# the rest of issue 21's table: actions, chase, search with a filter,
# report and stats with a filter. Each row in the shell column is the
# statement rectrack runs where it runs one (actions; stats, a statement
# a committee; chase, the owner's list and the open actions; report,
# below), else the nearest SQL (search: bm25() over the filter's
# recommendations, which rectrack ranks in C without it).
# committee-7 (bench.sh's), or at a size without it the first committee
C=$(sqlite3 "$DB" "SELECT cid FROM committees ORDER BY cid = 'committee-7' DESC, cid LIMIT 1")
cid=$(sqlite3 "$DB" "SELECT id FROM committees WHERE cid = '$C'")
word=${WORD:-$(sqlite3 "$DB" "SELECT term FROM search_terms ORDER BY doc DESC LIMIT 1 OFFSET 40")}
# r LABEL SHELL-SCRIPT RECTRACK-ARGS...: one row; the script is run as is
r() {
	label=$1 sf=$2
	shift 2
	a=$(ms $RT --db "$DB" "$@")
	b=$(ms -i "$sf" sqlite3 "$DB")
	echo "| \`$label\` | | $way | $a | $b | $(ratio "$a" "$b") | $scan |"
}
ACTIONS=$($SQL actions | sed 's/;$//')
way=statement
# each: the options, then the statement's parameters (the owner's
# option, with its space, is written out below)
for x in "--open|?3 1" "--open --committee $C|?1 $cid
?3 1" "--open --owner|?3 1
?4 'director 7'"; do
	args=${x%%|*}
	# a committee's: from the meetings' and recommendations' indexes
	case $args in
	*--committee*) script "$W/q" "${x#*|}" "$($SQL actions-of | sed 's/;$//')" ;;
	*) script "$W/q" "${x#*|}" "$ACTIONS" ;;
	esac
	scan=$(plan "$W/q")
	# the owner as one argument
	case $args in
	*--owner*) r "actions --open --owner 'director 7'" "$W/q" actions --open --owner "director 7" --format csv ;;
	*) r "actions $args" "$W/q" actions $args --format csv ;;
	esac
done

# chase --owner: the owner's names, the probe and their open
# recommendations (every one wanted: through the index whatever the probe
# counts, recview_each(); open: ?4; in any order, as chase sorts them),
# then the open actions (their owner matched in C)
vals=$($SQL owners | sed 's/;$//')
json=$(sqlite3 -json "$DB" "SELECT json_group_array(x) AS j FROM ($vals) WHERE instr(lower(x), lower('director 7'))" | jq -r '.[0].j')
probe=$($SQL probe-owner | sed "s/;\$//; s/?1\b/'$json'/")
recs=$($SQL any-by-owner | sed "s/;\$//; s/?1\b/'$json'/")
way=index
script "$W/q" "" "$vals"
printf '.parameter set ?10 %s\n%s;\n.parameter clear\n.parameter set ?4 1\n%s;\n%s;\n' "$FEW" \
    "$probe" "$recs" "$($SQL chase-actions | sed 's/;$//')" >> "$W/q"
scan=$(plan "$W/q")
r "chase --owner 'director 7' --format csv" "$W/q" chase --owner "director 7" --format csv

# chase --committee (what is owed before one committee's meeting): its
# open recommendations by the walk of its reviews (?2 the committee, ?4
# open), then its open actions from the meetings' and recommendations'
# indexes (?1 the committee)
way=walk
printf '.parameter set ?2 %s\n.parameter set ?4 1\n%s;\n.parameter clear\n.parameter set ?1 %s\n%s;\n' \
    "$cid" "$($SQL list-committee | sed 's/;$//')" "$cid" \
    "$($SQL chase-actions-of | sed 's/;$//')" > "$W/q"
scan=$(plan "$W/q")
r "chase --committee $C --format csv" "$W/q" chase --committee "$C" --format csv

# search WORD with a filter: bm25() over the rows of the recommendations
# the filter passes (a recommendation's rows are SEARCH_REC + its id *
# SEARCH_SLOTS on: include/search.h)
SR=$((1 << 40))
SL=$((1 << 16))
way=ranked
for x in "--committee $C|SELECT r.id FROM recs r JOIN reviews rv ON rv.id = r.review_id WHERE rv.committee_id = $cid" \
    "--open|SELECT rec_id FROM derived WHERE open = 1" \
    "--overdue|SELECT rec_id FROM derived WHERE open = 1 AND due_end < '$TODAY'" \
    "--status rejected|SELECT rec_id FROM derived WHERE status = 'rejected'"; do
	args=${x%%|*}
	script "$W/q" "" "SELECT rowid, bm25(search, 10.0, 5.0, 3.0, 2.0, 3.0, 2.0, 2.0, 1.0) AS r FROM search WHERE search MATCH '$word' AND rowid >= $SR AND rowid < $((2 * SR)) AND (rowid - $SR) / $SL IN (${x#*|}) ORDER BY r LIMIT 20"
	# rectrack ranks in C, not by this statement: no plan of its own
	scan=-
	r "search $word $args" "$W/q" search "$word" $args --format csv
done

# report --committee: the statements rectrack runs for it, as it runs
# them: the committee's list, then each recommendation's record
# (recload.c; its actions and replaced responses where it has a
# response), one recommendation at a time. The shell prepares each anew
# where rectrack reuses them (docs/performance.md).
way=list
list=$($SQL list-committee | sed 's/;$//')
script "$W/q" "?2 $cid" "$list"
scan=$(plan "$W/q")
# the shell's list is the committee's: its parameters bound as rectrack
# binds them (a list bound to the wrong one returns no row, and costs
# nothing)
script "$W/n" "?2 $cid" "SELECT count(*) FROM ($list)"
n_sh=$(sqlite3 "$DB" < "$W/n")
n_rt=$($RT --db "$DB" list --committee "$C" --format json | jq length)
[ "$n_sh" = "$n_rt" ] ||
    echo "queries.sh: the shell's list of $C has $n_sh rows, rectrack's $n_rt" >&2
load=$(for n in rec findings evidence response; do $SQL load-$n; done)
answered=$(for n in actions replaced; do $SQL load-$n; done)
updates=$($SQL load-updates)
sqlite3 "$DB" "SELECT r.id, EXISTS (SELECT 1 FROM responses s WHERE s.rec_id = r.id) FROM recs r JOIN reviews rv ON rv.id = r.review_id WHERE rv.committee_id = $cid ORDER BY r.id" |
    while IFS='|' read -r id has; do
	printf '.parameter set ?1 %s\n%s\n' "$id" "$load"
	[ "$has" = 1 ] && printf '%s\n' "$answered"
	printf '%s\n' "$updates"
    done >> "$W/q"
# a recommendation's statements go by its id: one plan for each is enough
printf '.parameter set ?1 1\n%s\n%s\n%s\n' "$load" "$answered" "$updates" > "$W/one"
[ "$scan" = no ] && scan=$(plan "$W/one")
r "report --committee $C --format html" "$W/q" report --committee "$C" --format html

# stats with a filter on the derived fields: each committee's stored rows
# (a statement a committee), the filter and the RAG decided in C
way=stored
stored=$($SQL stored-committee | sed 's/;$//')
script "$W/q" "" "$($SQL committees | sed 's/;$//')"
sqlite3 "$DB" "SELECT id FROM committees ORDER BY cid" |
    while read -r id; do
	printf '.parameter set ?1 %s\n%s;\n' "$id" "$stored"
    done >> "$W/q"
scan=$(plan "$W/q")
r "stats --overdue" "$W/q" stats --overdue --format csv
r "stats --by rag" "$W/q" stats --by rag --format csv
