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
	# wide: one line a row, cut with … at a space
	tty tty-wide 250 $RT --no-color list --committee childrens
	check "[ \$(widest $TMP/tty-wide.tty) -le 250 ] && grep -q '^2 .*islington-2024-childrens-workforce/2 .*The Council should investigate.*[a-z]…\$' $TMP/tty-wide.tty" "list on 250 columns"
	check "! grep -q \"\$(printf '\\033')\" $TMP/tty-wide.tty" "--no-color on a terminal"
	tty tty-nocolor 80 env NO_COLOR=1 $RT list --committee childrens
	check "! grep -q \"\$(printf '\\033')\" $TMP/tty-nocolor.tty" "NO_COLOR on a terminal"
	# COLUMNS wins over the terminal's own width
	tty tty-columns 200 env COLUMNS=70 $RT --no-color list --committee slough
	check "[ \$(widest $TMP/tty-columns.tty) -le 70 ] && grep -q '^    Recognise the importance and value of the wider “children’s…$' $TMP/tty-columns.tty" "COLUMNS=70 not honoured, or the text cut within a word"
	# show: wrapped to the width, with relative dates
	tty tty-show 80 env -u COLUMNS $L show late-review/2
	check "[ \$(widest $TMP/tty-show.tty) -le 80 ]" "show overflows 80 columns"
	check "grep -q '^Due          2026-01-31 (295 days overdue)\$' $TMP/tty-show.tty" "show on a terminal: no relative date"
	check "grep -q '^    Started, with a note long enough that an eighty-column terminal has to wrap\$' $TMP/tty-show.tty && grep -q '^    it onto a second line.\$' $TMP/tty-show.tty" "show on a terminal: a long note is not wrapped"
	# nothing to show: said, not a bare header (piped: the header)
	tty tty-none 80 $RT list --committee slough --closed
	check "[ \"\$(cat $TMP/tty-none.tty)\" = 'no recommendations match' ]" "an empty list on a terminal"
	run tty-none-piped 0 $RT list --committee slough --closed
	check "[ \"\$(cat $TMP/tty-none-piped.out)\" = 'ID  HANDLE  STATUS  DUE  RAG  WHY  OWNER  TITLE' ]" "an empty list piped"
	# piped, nothing is cut or wrapped
	run tty-piped 0 $RT list --committee childrens
	check "[ \$(widest $TMP/tty-piped.out) -gt 300 ]" "piped list was cut"
	run tty-piped-show 0 $L show late-review/2
	has tty-piped-show out "    Started, with a note long enough that an eighty-column terminal has to wrap it onto a second line."
else
	skip "terminal layout (no pseudo-terminal for script(1))"
fi

# --- tables that fit the terminal (issue 18) ------------------------------
# fits FILE WIDTH [--head "WORD..."] [--owners JSON] [--joins PIPED]: what
# a person sees in FILE (colour codes aside) fits WIDTH columns, counted as
# a terminal counts them (a wide character two, a combining one none);
# --head: the first line holds those headers, in order (one line, none
# wrapped away); --owners: no owner name in JSON (a --format json output)
# is split within a word; --joins: a search's wrapped paragraphs read, put
# back on one line each, as the piped output PIPED does (so a line breaks
# only at a space and nothing is lost).
cat > "$TMP/fits.py" <<'PY'
import json, re, sys, unicodedata
args = sys.argv[1:]
path, width = args[0], int(args[1])
opts = dict(zip(args[2::2], args[3::2]))
ansi = re.compile(r'\x1b\[[0-9;]*m')
def cols(s):
    n = 0
    for c in s:
        if unicodedata.combining(c) or unicodedata.category(c) in ('Cc', 'Cf'):
            continue
        n += 2 if unicodedata.east_asian_width(c) in 'WF' else 1
    return n
lines = [ansi.sub('', l).rstrip() for l in
         open(path, encoding='utf-8').read().split('\n')]
while lines and lines[-1] == '':
    lines.pop()
bad = []
for i, l in enumerate(lines):
    if cols(l) > width:
        bad.append('line %d is %d columns wide: %s' % (i + 1, cols(l), l[:60]))
if '--head' in opts:
    want = opts['--head'].split()
    got = lines[0].split() if lines else []
    if [w for w in got if w in want] != want:
        bad.append('header %r is not %r on one line' % (got, want))
if '--owners' in opts:
    data = json.load(open(opts['--owners'], encoding='utf-8'))
    vocab, words = set(), set()
    for row in data:
        for k, v in row.items():
            if isinstance(v, str):
                vocab.update(v.split())
                if k == 'owner':
                    words.update(v.split())
    for i, l in enumerate(lines):
        for t in l.split():
            t = t.rstrip('-…')
            if len(t) < 2 or t in vocab or t.isupper():
                continue
            for w in words:
                if t != w and (w.startswith(t) or w.endswith(t)):
                    bad.append('line %d splits the owner word %r: %s' %
                               (i + 1, w, l.strip()[:60]))
if '--joins' in opts:
    def paras(ls):
        out = []
        for l in ls:
            if l.startswith('   ') and out:
                out[-1] += ' ' + l.strip()
            else:
                out.append(l.strip())
        return [' '.join(p.split()) for p in out]
    piped = [ansi.sub('', l).rstrip() for l in
             open(opts['--joins'], encoding='utf-8').read().split('\n') if l]
    a, b = paras(lines), paras(piped)
    if a != b:
        diff = [(x, y) for x, y in zip(a, b) if x != y][:1]
        bad.append('wrapped paragraphs differ from the piped ones: %r' %
                   (diff or [(len(a), len(b))]))
for m in bad[:3]:
    print('%s (%d columns): %s' % (path.split('/')[-1], width, m))
sys.exit(1 if bad else 0)
PY
fits() {
	f=$1
	shift
	if python3 "$TMP/fits.py" "$f" "$@" > "$TMP/fits.msg" 2>&1; then ok; else
		bad "$(cat "$TMP/fits.msg")"
	fi
}
B="$BIN --db $TMP/bundled.db"
run bundled 0 $B import data/*/*.yaml
run bundled-actions-json 0 $B actions --format json
run bundled-list-json 0 $B list --format json
# a committee whose owners have long names, for list's OWNER column
printf '%s\n' 'format: rectrack/1' 'committee:' '  id: owners' \
    '  name: Owners Committee' '  authority: A Council' 'reviews:' \
    '  - id: owners-review' '    title: Owners' \
    '    stage: monitoring' '    submitted: 2026-01-15' \
    '    recommendations:' '      - ref: "1"' \
    '        title: A short title' '        text: A text.' \
    '        owner: Corporate Director of Children and Young People' \
    '      - ref: "2"' '        text: Another text, with no title.' \
    '        owner: Head of Early Help and Prevention Services' \
    > "$TMP/owners.yaml"
O="$BIN --db $TMP/owners.db"
run owners 0 $O import data/*/*.yaml "$TMP/owners.yaml"
run owners-json 0 $O list --format json
run search-piped 0 $B search workforce
if [ "$tty_ok" = 1 ]; then
	# COLUMNS on a terminal: every table at 60, 80 and 120 columns
	for w in 60 80 120; do
		tty "actions-$w" 200 env COLUMNS=$w $B actions
		fits "$TMP/actions-$w.tty" $w --head "NO FROM OWNER DUE STATUS OVERDUE" --owners "$TMP/bundled-actions-json.out"
		tty "reviews-$w" 200 env COLUMNS=$w $B reviews
		fits "$TMP/reviews-$w.tty" $w --head "REVIEW STAGE RECS OPEN OVERDUE AWAITING"
		tty "committees-$w" 200 env COLUMNS=$w $B committees
		fits "$TMP/committees-$w.tty" $w --head "COMMITTEE REVIEWS RECS OPEN OVERDUE AWAITING"
		tty "stats-$w" 200 env COLUMNS=$w $B stats
		fits "$TMP/stats-$w.tty" $w --head "COMMITTEE STATUS COUNT"
		# its bars, drawn on a terminal only
		check "grep -q \"\$(printf '\\342\\226\\210')\" $TMP/stats-$w.tty" \
		    "stats at $w columns on a terminal drew no bar"
		# stats --by rag wraps its reasons, losing none
		tty "stats-rag-$w" 200 env COLUMNS=$w $B stats --by rag
		fits "$TMP/stats-rag-$w.tty" $w --head "COMMITTEE RAG COUNT WHY"
		check "tr -s ' \n' '  ' < $TMP/stats-rag-$w.tty | grep -q 'nothing recorded for six months (20)'" \
		    "stats --by rag at $w columns lost a reason"
		tty "search-$w" 200 env COLUMNS=$w $B --no-color search workforce
		fits "$TMP/search-$w.tty" $w --joins "$TMP/search-piped.out"
		tty "list-$w" 200 env COLUMNS=$w $B list
		fits "$TMP/list-$w.tty" $w --head "ID HANDLE STATUS DUE RAG" --owners "$TMP/bundled-list-json.out"
		tty "owners-$w" 200 env COLUMNS=$w $O list
		fits "$TMP/owners-$w.tty" $w --head "ID HANDLE STATUS DUE RAG" --owners "$TMP/owners-json.out"
	done
	# reviews keep every column from 80 columns; 120 has room for all
	check "grep -q '^REVIEW  *YEAR  *STAGE  *RECS  *OPEN  *CLOSED  *OVERDUE  *AWAITING\$' $TMP/reviews-80.tty" "reviews at 80 columns: a column is missing"
	check "grep -q '^islington-2023-making-children-visible  *2022-23  *responded  *10  *10  *0  *0  *0\$' $TMP/reviews-120.tty && grep -q '^    Making Children Visible\$' $TMP/reviews-120.tty" "reviews at 120 columns: a review is not on one line with its title under it"
	# actions: an owner wraps within its column, at a space
	check "grep -q '^10  response to  *Community  *open  *no\$' $TMP/actions-80.tty && grep -q '^ *visible/4  *Wellbeing and\$' $TMP/actions-80.tty" "actions at 80 columns: a long owner is not wrapped in its column"
	# list: the title, else the text; OWNER where the width allows it,
	# left out first when it does not
	check "grep -q '^11  islington-2023-making-children-visible/1 ' $TMP/list-120.tty && grep -q '  Home Education Charter\$' $TMP/list-120.tty" "list at 120 columns: no title"
	check "grep -q '^    Home Education Charter\$' $TMP/list-80.tty" "list at 80 columns: the title has no line of its own"
	check "grep -q '^ID  HANDLE  *STATUS  *DUE  *RAG  *OWNER\$' $TMP/owners-120.tty && grep -q '^39  owners-review/1  .*  Corporate Director of Children and' $TMP/owners-120.tty" "list at 120 columns: no OWNER column"
	check "grep -q '^    Another text, with no title.\$' $TMP/owners-80.tty && ! grep -q OWNER $TMP/owners-80.tty" "list at 80 columns: the OWNER column stays, or the text stands in for no title"
	tty owners-wide 220 $O --no-color list --committee owners
	check "grep -q '^ID  HANDLE  *STATUS  *DUE  *RAG  *WHY  *OWNER  *TITLE\$' $TMP/owners-wide.tty && grep -q '^39  owners-review/1  .*  Corporate Director of Children and Young People  A short title\$' $TMP/owners-wide.tty" "list at 220 columns: OWNER and TITLE not side by side"
	# a real terminal 80 columns wide, COLUMNS unset
	for c in list actions search; do
		tty "pty-$c" 80 env -u COLUMNS $B --no-color $c $( [ $c = search ] && echo workforce)
	done
	fits "$TMP/pty-list.tty" 80 --head "ID HANDLE STATUS DUE RAG"
	fits "$TMP/pty-actions.tty" 80 --head "NO FROM OWNER DUE STATUS OVERDUE" --owners "$TMP/bundled-actions-json.out"
	fits "$TMP/pty-search.tty" 80 --joins "$TMP/search-piped.out"
else
	skip "tables on a terminal (no pseudo-terminal for script(1))"
fi
# and as tmux shows them, 80 columns wide: lines the terminal wrapped are
# joined again (capture-pane -J), so a line too long shows as one
tmx() {
	tmux -S "$TMP/tmux.sock" -f /dev/null "$@"
}
if command -v tmux >/dev/null 2>&1 &&
    tmx new-session -d -x 80 -y 50 -s t 'sleep 60' 2>/dev/null; then
	for c in list actions reviews stats search; do
		tmx new-window -t "t:" -n "$c" "$B $c $( [ $c = search ] && echo workforce); tmux -S '$TMP/tmux.sock' wait-for -S $c-done; sleep 60"
		timeout 20 tmux -S "$TMP/tmux.sock" wait-for "$c-done"
		tmx capture-pane -pJ -t "t:$c" -S - -E - > "$TMP/tmux-$c.txt"
	done
	tmx kill-server
	fits "$TMP/tmux-list.txt" 80 --head "ID HANDLE STATUS DUE RAG"
	fits "$TMP/tmux-actions.txt" 80 --head "NO FROM OWNER DUE STATUS OVERDUE" --owners "$TMP/bundled-actions-json.out"
	fits "$TMP/tmux-reviews.txt" 80 --head "REVIEW YEAR STAGE RECS OPEN CLOSED OVERDUE AWAITING"
	fits "$TMP/tmux-stats.txt" 80 --head "COMMITTEE STATUS COUNT"
	fits "$TMP/tmux-search.txt" 80 --joins "$TMP/search-piped.out"
else
	skip "tables in tmux (no tmux)"
fi
# piped, as before: a row a line, nothing cut or wrapped
check "[ \$(widest $TMP/search-piped.out) -gt 150 ]" "piped search snippets were wrapped"
run actions-piped 0 $B actions
check "[ \$(wc -l < $TMP/actions-piped.out) -eq 19 ] && [ \$(widest $TMP/actions-piped.out) -gt 150 ]" "piped actions were wrapped"
run list-piped 0 $B list
check "[ \$(wc -l < $TMP/list-piped.out) -eq 39 ] && grep -q '^ID  HANDLE  *STATUS  *DUE  *RAG  *WHY  *OWNER  *TITLE\$' $TMP/list-piped.out" "piped list: not a row a line, or not every column"

finish terminal
