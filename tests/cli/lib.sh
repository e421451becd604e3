# Shared by the end-to-end tests by area (tests/cli/area-*.sh, and the
# hostile-use guards tests/cli/guard-*.sh): each runs alone from a fresh
# temporary directory and ends with 'AREA: N passed, N failed'.
#   . "$(dirname "$0")/lib.sh"    (with the binary as $1)
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

# finish AREA: the closing line, and the status
finish() {
	echo "$1: $passed passed, $failed failed"
	[ "$failed" = 0 ]
}
