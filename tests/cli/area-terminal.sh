#!/bin/sh
# area-terminal.sh: what a person sees: list and show on a terminal of
# a given width (script(1)), colour, and what is late.
. "$(dirname "$0")/lib.sh"

DB=$TMP/t.db
RT="$BIN --db $DB"
fresh "$DB"

# --- what is late, and the layout on a terminal ---------------------------
# tty NAME COLS CMD: run CMD under a pseudo-terminal COLS wide (script(1)),
# its output in $TMP/NAME.tty without the terminal's carriage returns.
tty_ok=0
script -qec true /dev/null >/dev/null 2>&1 </dev/null && tty_ok=1
tty() {
	name=$1 cols=$2
	shift 2
	script -qec "stty cols $cols rows 50; $*" /dev/null </dev/null |
	    tr -d '\r' > "$TMP/$name.tty"
}
# the widest line of a file, in columns, colour codes aside
widest() {
	sed 's/\x1b\[[0-9;]*m//g' "$1" | python3 -c 'import sys
print(max([len(l.rstrip("\n")) for l in sys.stdin] or [0]))'
}
printf '%s\n' 'format: rectrack/1' 'committee:' '  id: late' \
    '  name: Late Committee' '  authority: A Council' 'reviews:' \
    '  - id: late-review' '    title: A review with late things' \
    '    stage: monitoring' '    submitted: 2026-01-15' \
    '    recommendations:' '      - ref: "1"' \
    '        text: Nothing has come back from the executive on this one, which is late by now.' \
    '      - ref: "2"' \
    '        text: This one was accepted and then missed its target date and its action date, both by some way.' \
    '        due: 2026-01-31' '        owner: Head of Service' \
    '        response:' '          date: 2026-02-20' \
    '          decision: accepted' '          text: Accepted.' \
    '          actions:' '            - id: A1' \
    '              text: Write the plan' '              due: 2026-03-31' \
    '        updates:' '          - date: 2026-04-01' \
    '            status: in-progress' \
    '            note: Started, with a note long enough that an eighty-column terminal has to wrap it onto a second line.' \
    > "$TMP/late.yaml"
L="$BIN --db $TMP/late.db"
run late-import 0 $L import "$TMP/late.yaml"
run late-show 0 $L show late-review/2
has late-show out "What is late
  - the target date, 2026-01-31, has passed (295 days overdue)
  - nothing recorded for over six months (2026-04-01)
  - action A1 (#1), due 2026-03-31, is still open (236 days overdue)"
run late-show1 0 $L show late-review/1
has late-show1 out "What the executive said
  no response recorded (due by 2026-03-15)"
has late-show1 out "  - the executive's response was due by 2026-03-15 and is not recorded (252 days overdue)"
if [ "$tty_ok" = 1 ]; then
	# 80 columns: every line fits; the long column has its own line
	tty tty-list 80 env -u COLUMNS $RT list --committee childrens
	check "[ \$(widest $TMP/tty-list.tty) -le 80 ]" "list overflows 80 columns: $(widest $TMP/tty-list.tty)"
	check "grep -q '^    The Council should investigate the feasibility of restoring the allocat' $TMP/tty-list.tty" "list on 80 columns: the text has no line of its own"
	check "grep -q \"\$(printf '\\033')\\[36maccepted\" $TMP/tty-list.tty" "no colour for status on a terminal"
	# wide: one line a row, cut with …
	tty tty-wide 150 $RT --no-color list --committee childrens
	check "[ \$(widest $TMP/tty-wide.tty) -le 150 ] && grep -q '^2 .*islington-2024-childrens-workforce/2 .*The Council should investigate.*…\$' $TMP/tty-wide.tty" "list on 150 columns"
	check "! grep -q \"\$(printf '\\033')\" $TMP/tty-wide.tty" "--no-color on a terminal"
	tty tty-nocolor 80 env NO_COLOR=1 $RT list --committee childrens
	check "! grep -q \"\$(printf '\\033')\" $TMP/tty-nocolor.tty" "NO_COLOR on a terminal"
	# COLUMNS wins over the terminal's own width
	tty tty-columns 200 env COLUMNS=70 $RT --no-color list --committee slough
	check "[ \$(widest $TMP/tty-columns.tty) -le 70 ] && grep -q '^    Recognise the importance and value of the wider “children’s workf…$' $TMP/tty-columns.tty" "COLUMNS=70 not honoured"
	# show: wrapped to the width, with relative dates
	tty tty-show 80 env -u COLUMNS $L show late-review/2
	check "[ \$(widest $TMP/tty-show.tty) -le 80 ]" "show overflows 80 columns"
	check "grep -q '^Due          2026-01-31 (295 days overdue)\$' $TMP/tty-show.tty" "show on a terminal: no relative date"
	check "grep -q '^    Started, with a note long enough that an eighty-column terminal has to wrap\$' $TMP/tty-show.tty && grep -q '^    it onto a second line.\$' $TMP/tty-show.tty" "show on a terminal: a long note is not wrapped"
	# nothing to show: said, not a bare header (piped: the header)
	tty tty-none 80 $RT list --committee slough --closed
	check "[ \"\$(cat $TMP/tty-none.tty)\" = 'no recommendations match' ]" "an empty list on a terminal"
	run tty-none-piped 0 $RT list --committee slough --closed
	check "[ \"\$(cat $TMP/tty-none-piped.out)\" = 'ID  HANDLE  STATUS  DUE  RAG  TEXT' ]" "an empty list piped"
	# piped, nothing is cut or wrapped
	run tty-piped 0 $RT list --committee childrens
	check "[ \$(widest $TMP/tty-piped.out) -gt 300 ]" "piped list was cut"
	run tty-piped-show 0 $L show late-review/2
	has tty-piped-show out "    Started, with a note long enough that an eighty-column terminal has to wrap it onto a second line."
else
	skip "terminal layout (no pseudo-terminal for script(1))"
fi

finish terminal
