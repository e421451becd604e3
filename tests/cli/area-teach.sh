#!/bin/sh
# area-teach.sh: errors that teach (issue 20). For the mistakes people make
# writing YAML by hand, the message names the cause and the fix, at the
# mistake's own FILE:LINE:COLUMN: each fixture of tests/fixtures/teach/ has
# its exact messages in NAME.err, the same from 'check' and 'import'
# (which changes nothing), and 'check --format json' keeps the place.
# Then the fix each message asks for makes the file pass.
. "$(dirname "$0")/lib.sh"

F=tests/fixtures/teach
DB=$TMP/teach.db
$BIN --db "$DB" import data/slough/*.yaml >/dev/null ||
    { echo "cannot import data/slough"; exit 1; }
base=$(dump "$DB")

# --- every fixture: check, import, check --format json -----------------
n=0
for f in "$F"/*.yaml; do
	x=$(basename "$f" .yaml)
	n=$((n + 1))
	nerr=$(wc -l < "$F/$x.err")
	s=s; [ "$nerr" = 1 ] && s=
	run "check-$x" 1 $BIN check "$f"
	printf '%s\n' "rectrack: $nerr error$s in 1 of 1 file" |
	    cat "$F/$x.err" - > "$TMP/$x.want"
	check "cmp -s $TMP/check-$x.err $TMP/$x.want" \
	    "check $x: the messages differ from $x.err: $(head -1 "$TMP/check-$x.err")"
	empty "check-$x" out

	run "import-$x" 1 $BIN --db "$DB" import "$f"
	grep -v '^rectrack: ' "$TMP/import-$x.err" > "$TMP/import-$x.lines"
	check "cmp -s $TMP/import-$x.lines $F/$x.err" \
	    "import $x: the messages differ from $x.err"
	check "[ \"\$(dump $DB)\" = $base ]" "import $x changed the database"

	run "json-$x" 1 $BIN check --format json "$f"
	# FILE:LINE:COLUMN: MESSAGE of the first line, as JSON has it
	first=$(head -1 "$F/$x.err")
	want=$(printf '%s' "$first" | sed 's/^\([^:]*\):\([0-9]*\):\([0-9]*\): \(.*\)$/\1\t\2\t\3\t\4/')
	got=$(jq -r '.errors[0] | [.file, .line, .column, .message] | @tsv' < "$TMP/json-$x.out")
	check "[ \"\$got\" = \"\$want\" ]" "check --format json $x: got '$got'"
done
check "[ $n -ge 12 ]" "fewer than 12 teach fixtures ($n)"

# --- the exact messages, spelled out here too -------------------------
has check-tab-indentation err "$F/tab-indentation.yaml:12:1: a tab in the indentation: YAML indents with spaces only (replace the tab with spaces)"
has check-colon-in-text err "$F/colon-in-text.yaml:12:16: the text 'Head of Service: Children's Services' contains ': ', which YAML reads as a key and its value: quote it, or write it as a block with |"
has check-finding-note err "$F/finding-note.yaml:14:13: the text 'Note: the panel heard this from three wi...' contains ': ', which YAML reads as a key and its value: quote it, or write it as a block with |"
has check-text-starts-bracket err "$F/text-starts-bracket.yaml:13:13: the text '[Draft] staff turnover is high.' starts with '[', which YAML reads as the start of a list: quote it, or write it as a block with |"
has check-conflict-markers err "$F/conflict-markers.yaml:13:1: an unresolved merge conflict: git's marker '<<<<<<<' is still in the file; keep the lines you want from both sides (for updates, usually both), delete the marker lines ('<<<<<<<', '=======', '>>>>>>>'), then check the file again"
has check-list-item-indent err "$F/list-item-indent.yaml:14:6: this list item's '-' is at column 6, but the items above it in its list are at column 7 (line 12): move it 1 space right"
has check-key-indent err "$F/key-indent.yaml:13:10: this key is at column 10, but the keys above it in its mapping are at column 9 (line 12): move it 1 space left"
has check-owner-in-response err "$F/owner-in-response.yaml:16:11: 'owner' belongs to the recommendation, not to the response inside it: move it 2 spaces left, out of the response (to column 9, like 'ref' on line 10)"
has check-due-in-review err "$F/due-in-review.yaml:12:5: 'due' belongs to a recommendation, not to the review: write it in the one it is for (under 'recommendations')"
has check-recommendations-in-recommendation err "$F/recommendations-in-recommendation.yaml:12:9: 'recommendations' belongs to the review, not to the recommendation inside it: move it 4 spaces left, out of the recommendation (to column 5, like 'id' on line 7)"

# --- from a pipe: the same messages (the reader keeps the lines) ------
run stdin-tab 1 sh -c "$BIN check - < $F/tab-indentation.yaml"
has stdin-tab err "<stdin>:12:1: a tab in the indentation"
run stdin-conflict 1 sh -c "$BIN check - < $F/conflict-markers.yaml"
has stdin-conflict err "<stdin>:13:1: an unresolved merge conflict"
run stdin-list 1 sh -c "$BIN check - < $F/list-item-indent.yaml"
has stdin-list err "<stdin>:14:6: this list item's '-' is at column 6"

# a marker alone on the last line, with no line break after it
printf 'format: rectrack/1\n>>>>>>>' > "$TMP/marker-eof.yaml"
run marker-eof 1 $BIN check "$TMP/marker-eof.yaml"
has marker-eof err "$TMP/marker-eof.yaml:2:1: an unresolved merge conflict: git's marker '>>>>>>>'"
# seven '=' inside a line, or eight at its start, are text, not a marker
printf '%s\n' 'format: rectrack/1' 'committee:' '  id: c' '  name: A ======= B' \
    '  authority: A' '  contact: |' '    ========' > "$TMP/not-marker.yaml"
run not-marker 0 $BIN check "$TMP/not-marker.yaml"

# --- doing what the message says makes the file pass ------------------
fix() {
	x=$1
	shift
	sed "$@" "$F/$x.yaml" > "$TMP/fixed-$x.yaml"
	run "fixed-$x" 0 $BIN check "$TMP/fixed-$x.yaml"
}
fix tab-indentation '12s/^\t/        /'
fix colon-in-text "12s/owner: \\(.*\\)\$/owner: \"\\1\"/"
fix finding-note '14s/- \(.*\)$/- "\1"/'
fix text-starts-bracket '13s/- \(.*\)$/- "\1"/'
fix text-starts-quote '13s/- \(.*\)$/- |\n            \1/'
fix text-starts-star '12s/title: \(.*\)$/title: "\1"/'
fix conflict-markers '/^[<=>]\{7\}/d'
fix list-item-indent '14s/^     -/      -/;15s/^       /        /'
fix key-indent '13s/^ //'
fix owner-in-response '16s/^  //'
# (the review has its list already: the items join it)
fix recommendations-in-recommendation '12d;13,14s/^    //'

finish teach
