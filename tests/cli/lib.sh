# Shared by the end-to-end tests by area (tests/cli/area-*.sh, the
# hostile-use guards tests/cli/guard-*.sh, and tests/cli/faults.sh): each
# runs alone from a fresh temporary directory ($TMP), from the top of the
# tree ($TOP), and ends with 'AREA: N passed, N failed'.
#   . "$(dirname "$0")/lib.sh"    (with the binary as $1)
# A script's checks: run (a command's exit status), has/lacks/empty (its
# output), check (any condition), cases (the output cases of
# tests/cli/cases/AREA/); each passing check counts one, and finish
# prints the count and sets the status.
set -u

RAW_BIN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
BIN=$RAW_BIN
# RECTRACK_WRAP runs invocations under a tool (make check-valgrind); a
# test that measures time or races processes uses $RAW_BIN, or skips
# when $WRAPPED is 1
WRAPPED=0
if [ -n "${RECTRACK_WRAP:-}" ]; then
	BIN="$RECTRACK_WRAP $RAW_BIN"
	WRAPPED=1
fi
TOP=$(cd "$(dirname "$0")/../.." && pwd)
TMP=$(mktemp -d "${TMPDIR:-/tmp}/rectrack-guard.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
cd "$TOP" || exit 1

export RECTRACK_TODAY=2026-11-22 RECTRACK_USER=tester
# every write checks every stored derivation against the history
# (derived.c): a write path that forgets to mark what it changed fails
export RECTRACK_CHECK_DERIVED=1
export RECTRACK_NOW=2026-11-22T10:00:00Z
unset RECTRACK_DB NO_COLOR
passed=0
failed=0

ok() { passed=$((passed + 1)); }
bad() {
	failed=$((failed + 1))
	printf 'FAIL: %s\n' "$*" >&2
}
skip() { echo "skipped: $*"; }

# run NAME STATUS CMD...: run CMD with no input, keep its output in
# $TMP/NAME.{out,err}, and check the exit status.
run() {
	name=$1 want=$2
	shift 2
	"$@" >"$TMP/$name.out" 2>"$TMP/$name.err" </dev/null
	got=$?
	if [ "$got" = "$want" ]; then ok; else
		bad "$name: exit status $got, expected $want"
		sed 's/^/    /' "$TMP/$name.err" | head -5 >&2
	fi
}

# has NAME out|err TEXT: the output contains TEXT.
has() {
	if grep -qF -- "$3" "$TMP/$1.$2"; then ok; else
		bad "$1: standard $2 lacks '$3'"
		head -5 "$TMP/$1.$2" >&2
	fi
}

# lacks NAME out|err TEXT: the output does not contain TEXT.
lacks() {
	if grep -qF -- "$3" "$TMP/$1.$2"; then
		bad "$1: standard $2 has '$3'"
		grep -F -- "$3" "$TMP/$1.$2" | head -3 >&2
	else ok; fi
}

empty() {
	if [ ! -s "$TMP/$1.$2" ]; then ok; else
		bad "$1: standard $2 is not empty"
		head -5 "$TMP/$1.$2" >&2
	fi
}

# check COND MESSAGE
check() {
	if eval "$1"; then ok; else bad "$2"; fi
}

# dump DB: a hash of the database's whole content
dump() { sqlite3 "$1" .dump | sha256sum | cut -d' ' -f1; }

# q DB SQL: run a query with the sqlite3 shell
q() { sqlite3 "$1" "$2"; }

# fresh DB: import the bundled data/ into a new database DB (the usual
# start of an area); the script stops if that fails
fresh() {
	$RAW_BIN --db "$1" import data/*/*.yaml >/dev/null ||
	    { echo "cannot import data/ into $1"; exit 1; }
}

# cases AREA [DB]: run every output case tests/cli/cases/AREA/NAME.cmd, in
# the order of their names. Each is a command line run by sh from the top
# of the tree with $BIN, $TMP, $DB (a copy, $TMP/NAME.db, of the database
# DB, by default the script's $DB, as it is when cases is called) and $NEW
# ($TMP/NAME.new.db, with nothing there yet); its standard output, standard
# error and exit status are compared with NAME.out, NAME.err and NAME.rc
# (a missing file: empty, and status 0), three checks. The outputs stay
# in $TMP/NAME.out and $TMP/NAME.err for further checks, $TMP written as
# '$TMP'. UPDATE=1 writes NAME.out, NAME.err and NAME.rc from what the
# binary does (then read the diff before committing it).
cases() {
	cdir=$TOP/tests/cli/cases/$1
	cfrom=${2:-${DB:-}}
	for cmd in "$cdir"/*.cmd; do
		[ -e "$cmd" ] || { bad "cases: no tests/cli/cases/$1/*.cmd"; return; }
		cname=$(basename "$cmd" .cmd)
		rm -f "$TMP/$cname.db" "$TMP/$cname.db-wal" "$TMP/$cname.new.db"
		if [ -n "$cfrom" ] && [ -e "$cfrom" ]; then
			cp "$cfrom" "$TMP/$cname.db"
			[ ! -e "$cfrom-wal" ] || cp "$cfrom-wal" "$TMP/$cname.db-wal"
		fi
		BIN=$BIN TMP=$TMP DB=$TMP/$cname.db NEW=$TMP/$cname.new.db \
		    sh "$cmd" >"$TMP/$cname.out" 2>"$TMP/$cname.err" </dev/null
		echo $? >"$TMP/$cname.rc"
		for cs in out err; do
			sed "s|$TMP|\$TMP|g" "$TMP/$cname.$cs" >"$TMP/$cname.$cs.tmp" &&
			    mv "$TMP/$cname.$cs.tmp" "$TMP/$cname.$cs"
		done
		for cs in rc out err; do
			cwant=$cdir/$cname.$cs
			if [ "${UPDATE:-0}" = 1 ]; then
				cp "$TMP/$cname.$cs" "$cwant"
			fi
			if [ -e "$cwant" ]; then
				cp "$cwant" "$TMP/$cname.want"
			elif [ "$cs" = rc ]; then
				echo 0 >"$TMP/$cname.want"
			else
				: >"$TMP/$cname.want"
			fi
			if cmp -s "$TMP/$cname.want" "$TMP/$cname.$cs"; then ok; else
				case $cs in
				rc) cwhat="the exit status" ;;
				out) cwhat="standard output" ;;
				*) cwhat="standard error" ;;
				esac
				bad "$cname: $cwhat differs from tests/cli/cases/$1/$cname.$cs"
				diff -u "$TMP/$cname.want" "$TMP/$cname.$cs" | head -20 >&2
			fi
		done
	done
}

# finish AREA: the closing line, and the status
finish() {
	echo "$1: $passed passed, $failed failed"
	[ "$failed" = 0 ]
}
