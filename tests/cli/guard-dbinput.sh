#!/bin/sh
# guard-dbinput.sh: the database file and file names are untrusted input:
# a crafted schema never runs its SQL through a writer, no stored value
# crashes a reader or reaches a report raw, and no name forges a line
. "$(dirname "$0")/lib.sh"

# ctl NAME out|err: the output holds no control byte but the line ends
ctl() {
	if LC_ALL=C tr -d '\n' <"$TMP/$1.$2" | LC_ALL=C grep -q '[[:cntrl:]]'
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

finish dbinput
