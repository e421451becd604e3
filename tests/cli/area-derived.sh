#!/bin/sh
# area-derived.sh: every command that shows a derived fact (cli.md's
# "Derived fields") shows the same one: list, show (text and JSON), report,
# stats, committees, reviews and actions agree, recommendation by
# recommendation and action by action, on the bundled data and on edge
# cases (a date that is today, month ends, a leap day), for several days.
. "$(dirname "$0")/lib.sh"

DB=$TMP/d.db
RT="$BIN --db $DB"

# Edge cases around 2026-11-22 (lib.sh's today) and 2024-02-29.
cat > "$TMP/edge.yaml" <<'EOF'
format: rectrack/1
committee:
  id: derive-edge
  name: Derived Fields Edge Committee
  authority: Test Council
meetings:
  - id: 2026-11-01-edge
    date: 2026-11-01
    title: Edge meeting
    review: edge-tracked
    actions:
      - {id: M1, text: Due yesterday., due: 2026-11-21, status: open}
      - {id: M2, text: Due today., due: 2026-11-22, status: open}
reviews:
  - id: edge-tracked
    title: Tracked recommendations
    stage: monitoring
    published: 2025-01-05
    submitted: 2025-01-10
    recommendations:
      - ref: "1"
        text: Due today.
        due: 2026-11-22
        response:
          date: 2025-03-01
          decision: accepted
          text: Accepted.
          actions:
            - {id: A1, text: Due yesterday., due: 2026-11-21, status: open}
            - {id: A2, text: Due today., due: 2026-11-22, status: open}
            - {id: A3, text: Done long ago., due: 2026-11-01, status: done}
            - {id: A4, text: No date., status: open}
            - {id: A5, text: Due on a leap day., due: 2024-02-29, status: open}
        updates: [{date: 2026-11-01, status: in-progress}]
      - ref: "2"
        text: Due yesterday.
        due: 2026-11-21
        response: {date: 2025-03-01, decision: accepted, text: Accepted.}
        updates: [{date: 2026-11-01, status: in-progress}]
      - ref: "3"
        text: Due in 30 days.
        due: 2026-12-22
        response: {date: 2025-03-01, decision: accepted, text: Accepted.}
        updates: [{date: 2026-11-01, status: in-progress}]
      - ref: "4"
        text: Due in 31 days.
        due: 2026-12-23
        response: {date: 2025-03-01, decision: accepted, text: Accepted.}
        updates: [{date: 2026-11-01, status: in-progress}]
      - ref: "5"
        text: Implemented, its date long passed.
        due: 2020-01-01
        response: {date: 2025-03-01, decision: accepted, text: Accepted.}
        updates:
          - date: 2026-11-01
            status: implemented
            note: Done.
      - ref: "6"
        text: Nothing recorded for six months and a day.
        response: {date: 2025-03-01, decision: accepted, text: Accepted.}
        updates: [{date: 2026-05-21, status: in-progress}]
      - ref: "7"
        text: Nothing recorded for exactly six months.
        response: {date: 2025-03-01, decision: accepted, text: Accepted.}
        updates: [{date: 2026-05-22, status: in-progress}]
      - ref: "8"
        text: Its target date moved three times.
        due: 2026-03-31
        response: {date: 2025-03-01, decision: accepted, text: Accepted.}
        updates:
          - date: 2026-03-01
            status: in-progress
            due: 2026-06-30
          - date: 2026-06-01
            status: in-progress
            due: 2027-03-31
          - date: 2026-11-10
            status: in-progress
            due: 2027-06-30
  - id: edge-awaiting
    title: Response due today
    submitted: 2026-09-22
    recommendations:
      - ref: "1"
        text: Awaiting a response due today.
  - id: edge-late
    title: Response due yesterday
    submitted: 2026-09-21
    recommendations:
      - ref: "1"
        text: Awaiting a response due yesterday.
  - id: edge-leap
    title: Submitted on 31 December 2023
    submitted: 2023-12-31
    recommendations:
      - ref: "1"
        text: Response due on 29 February 2024.
EOF
run import 0 $RT import data/*/*.yaml "$TMP/edge.yaml"

# The derived facts of one recommendation, one line each, as each
# command shows them.
F='[.handle, .status, .overdue, .response_due, .response_overdue, .stale, .rag]'

# agree DAY: every command shows the same facts on DAY.
agree() {
	d=$1
	R="$RT --today $d"
	$R list --format json > "$TMP/list-$d.json" || bad "list on $d"
	jq -r ".[] | $F | @tsv" "$TMP/list-$d.json" > "$TMP/list-$d.tsv"
	check "[ -s $TMP/list-$d.tsv ]" "list on $d is empty"

	# show --format json, for every recommendation
	: > "$TMP/show-$d.tsv"
	: > "$TMP/show-act-$d.tsv"
	for h in $(cut -f1 "$TMP/list-$d.tsv"); do
		$R show "$h" --format json > "$TMP/one.json" ||
		    bad "show $h on $d"
		jq -r "$F | @tsv" "$TMP/one.json" >> "$TMP/show-$d.tsv"
		jq -r '.response.actions[]? | [.number, .overdue] | @tsv' \
		    "$TMP/one.json" >> "$TMP/show-act-$d.tsv"
		# show's text marks the same actions overdue
		$R show "$h" | sed -n 's/^    #\([0-9]*\) [^[]*\[[^],]*, overdue\].*/\1/p' \
		    >> "$TMP/show-text-$d.txt"
	done
	check "cmp -s $TMP/list-$d.tsv $TMP/show-$d.tsv" \
	    "list and show differ on $d: $(diff "$TMP/list-$d.tsv" "$TMP/show-$d.tsv" | head -3)"

	# the report, in JSON, and its lists
	$R report --format json > "$TMP/report-$d.json" || bad "report on $d"
	jq -r '.committees[].reviews[].recommendations[] |
	    [.handle, .status, .overdue, .response_overdue, .stale, .rag] |
	    @tsv' "$TMP/report-$d.json" > "$TMP/report-$d.tsv"
	jq -r '.[] | [.handle, .status, .overdue, .response_overdue, .stale,
	    .rag] | @tsv' "$TMP/list-$d.json" > "$TMP/list6-$d.tsv"
	check "cmp -s $TMP/list6-$d.tsv $TMP/report-$d.tsv" \
	    "list and report differ on $d: $(diff "$TMP/list6-$d.tsv" "$TMP/report-$d.tsv" | head -3)"
	for k in overdue response_overdue stale; do
		a=$(jq -r ".[] | select(.$k) | .handle" "$TMP/list-$d.json")
		b=$(jq -r ".$k[]" "$TMP/report-$d.json")
		check "[ \"\$a\" = \"\$b\" ]" "report's $k list differs from list's on $d"
		c=$($R list --$(echo $k | tr _ -) --format json | jq -r '.[].handle')
		check "[ \"\$a\" = \"\$c\" ]" "list --$k differs from the field on $d"
	done
	# a review's response state says overdue when, and only when, one of
	# its recommendations' responses is
	a=$(jq -r '.committees[].reviews[] | select(.recommendations |
	    any(.response_overdue)) | .id' "$TMP/report-$d.json")
	b=$(jq -r '.committees[].reviews[] | select(.response_state |
	    test(", overdue")) | .id' "$TMP/report-$d.json")
	check "[ \"\$a\" = \"\$b\" ]" \
	    "the report's response states and response_overdue differ on $d"

	# stats: counts by committee and status
	jq -r 'group_by([.committee, .status])[] |
	    [.[0].committee, .[0].status, length] | @tsv' \
	    "$TMP/list-$d.json" | sort > "$TMP/want-stats-$d.tsv"
	$R stats --format json | jq -r '.[] | [.committee, .status, .count] |
	    @tsv' | sort > "$TMP/stats-$d.tsv"
	check "cmp -s $TMP/want-stats-$d.tsv $TMP/stats-$d.tsv" \
	    "stats differs from list on $d"

	# committees and reviews: open, closed, overdue, awaiting a response
	# (open, not answered by a response or a status only the executive
	# gives, the review sent: its due date known or not)
	for by in committee review; do
		jq -r "def open: .status as \$s | [\"implemented\",
		    \"not-implemented\", \"rejected\", \"withdrawn\"] |
		    index(\$s) | not;
		    group_by(.$by)[] | [.[0].$by, length,
		    (map(select(open)) | length),
		    (map(select(.overdue)) | length),
		    (map(select(open and .decision == null and
		    .status != \"draft\" and .status != \"accepted\" and
		    .status != \"partially-accepted\" and
		    .status != \"in-progress\")) | length)] | @tsv" \
		    "$TMP/list-$d.json" | sort > "$TMP/want-$by-$d.tsv"
		$R ${by}s --format json | jq -r '.[] | select(.recommendations >
		    0) | [.id, .recommendations, .open, .overdue,
		    .awaiting_response] | @tsv' | sort > "$TMP/$by-$d.tsv"
		check "cmp -s $TMP/want-$by-$d.tsv $TMP/$by-$d.tsv" \
		    "${by}s differ from list on $d: $(diff "$TMP/want-$by-$d.tsv" "$TMP/$by-$d.tsv" | head -3)"
	done

	# actions: open and due before the day (not on it), as show says
	$R actions --format json > "$TMP/actions-$d.json"
	jq -r --arg d "$d" '.[] | [.number, (.status == "open" and
	    .due != null and .due < $d)] | @tsv' "$TMP/actions-$d.json" \
	    > "$TMP/want-act-$d.tsv"
	jq -r '.[] | [.number, .overdue] | @tsv' "$TMP/actions-$d.json" \
	    > "$TMP/act-$d.tsv"
	check "cmp -s $TMP/want-act-$d.tsv $TMP/act-$d.tsv" \
	    "actions' overdue is not 'open and due before today' on $d"
	sort "$TMP/show-act-$d.tsv" > "$TMP/show-act-sorted"
	sort "$TMP/act-$d.tsv" | join - "$TMP/show-act-sorted" \
	    > "$TMP/joined-$d.txt"
	check "[ -s $TMP/joined-$d.txt ] && ! awk '\$2 != \$3' $TMP/joined-$d.txt | grep -q ." \
	    "show and actions differ on an action's overdue on $d"
	awk '$2 == "true" { print $1 }' "$TMP/show-act-$d.tsv" | sort \
	    > "$TMP/show-json-late-$d.txt"
	sort "$TMP/show-text-$d.txt" > "$TMP/show-text-late-$d.txt"
	check "cmp -s $TMP/show-json-late-$d.txt $TMP/show-text-late-$d.txt" \
	    "show's text and JSON mark different actions overdue on $d"
}

for d in 2026-11-22 2024-02-29 2024-03-01 2026-05-22; do
	: > "$TMP/show-text-$d.txt"
	agree $d
done

# --- the edge cases say what cli.md says ----------------------------------
T=2026-11-22
fact() { grep "^$1	" "$TMP/list-$2.tsv"; }
tab=$(printf '\t')
check "[ \"\$(fact edge-tracked/1 $T)\" = \"edge-tracked/1${tab}in-progress${tab}false${tab}2025-03-10${tab}false${tab}false${tab}amber\" ]" \
    "a target date that is today is not overdue (amber): $(fact edge-tracked/1 $T)"
check "fact edge-tracked/2 $T | grep -q 'true${tab}2025-03-10${tab}false${tab}false${tab}red\$'" \
    "a target date that was yesterday is overdue (red)"
check "fact edge-tracked/3 $T | grep -q 'amber\$'" "due in 30 days is amber"
check "fact edge-tracked/4 $T | grep -q 'green\$'" "due in 31 days is green"
check "fact edge-tracked/5 $T | grep -q 'implemented${tab}false.*blue\$'" \
    "a closed recommendation is never overdue (implemented: blue)"
check "fact edge-tracked/6 $T | grep -q 'true${tab}amber\$'" \
    "six months and a day with nothing recorded is stale"
check "fact edge-tracked/7 $T | grep -q 'false${tab}amber\$'" \
    "exactly six months with nothing recorded is not stale (amber: no target date)"
check "[ \"\$(jq -r '.[] | select(.handle == \"edge-tracked/7\") | .rag_reason' $TMP/list-$T.json)\" = 'no target date set' ]" \
    "in progress with no target date is amber for that reason alone"
check "[ \"\$(jq '.[] | select(.handle == \"edge-tracked/8\") | .slipped' $TMP/list-$T.json)\" = 3 ]" \
    "three moves of the target date are three slips in list"
check "[ \"\$($RT show edge-tracked/8 --format json | jq .slipped)\" = 3 ]" \
    "three moves of the target date are three slips in show"
check "[ \"\$($RT show edge-tracked/8 --format json | jq -c '[.first_due, .due]')\" = '[\"2026-03-31\",\"2027-06-30\"]' ]" \
    "first_due is the target date as first set, due the latest"
check "[ \"\$(fact edge-awaiting/1 $T)\" = \"edge-awaiting/1${tab}agreed${tab}false${tab}2026-11-22${tab}false${tab}false${tab}amber\" ]" \
    "a response due today is awaited, not overdue: $(fact edge-awaiting/1 $T)"
check "fact edge-late/1 $T | grep -q '2026-11-21${tab}true${tab}false${tab}red\$'" \
    "a response due yesterday is overdue"
check "fact edge-leap/1 2024-02-29 | grep -q '2024-02-29${tab}false${tab}false${tab}amber\$'" \
    "31 December + 2 months is 29 February in a leap year, not yet overdue on it"
check "fact edge-leap/1 2024-03-01 | grep -q '2024-02-29${tab}true${tab}false${tab}red\$'" \
    "a response due on 29 February is overdue on 1 March"
# awaiting a response counts the overdue ones too (docs/decisions.md)
check "[ \"\$(grep '^derive-edge	' $TMP/committee-$T.tsv | cut -f5)\" = 3 ]" \
    "committees' awaiting_response counts due and overdue responses"
# actions due today are not overdue, due yesterday are, done never
act() { jq -r ".[] | select(.source == \"$1\" and .id == \"$2\") | .overdue" "$TMP/actions-$3.json"; }
check "[ \"\$(act 'response to edge-tracked/1' A1 $T)\" = true ]" "an action due yesterday is overdue"
check "[ \"\$(act 'response to edge-tracked/1' A2 $T)\" = false ]" "an action due today is not overdue"
check "[ \"\$(act 'response to edge-tracked/1' A3 $T)\" = false ]" "a done action is not overdue"
check "[ \"\$(act 'response to edge-tracked/1' A4 $T)\" = false ]" "an action with no date is not overdue"
check "[ \"\$(act 'meeting 2026-11-01-edge' M1 $T)\" = true ]" "a meeting action due yesterday is overdue"
check "[ \"\$(act 'meeting 2026-11-01-edge' M2 $T)\" = false ]" "a meeting action due today is not overdue"
check "[ \"\$(act 'response to edge-tracked/1' A5 2024-02-29)\" = false ]" "an action due on a leap day is not overdue on it"
check "[ \"\$(act 'response to edge-tracked/1' A5 2024-03-01)\" = true ]" "an action due on a leap day is overdue the day after"
run show-text 0 $RT show edge-tracked/1
has show-text out "[open, overdue]"
lacks show-text out "A2 [open, overdue]"

finish derived
