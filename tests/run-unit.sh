#!/bin/sh
# Run each cmocka unit-test binary; fail if any fails. Each prints its own
# cmocka summary; the last line totals them.
set -u
passed=0
failed=0
for t in "$@"; do
	if "$t"; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
		echo "unit: FAILED: $t" >&2
	fi
done
echo "unit suites: $passed passed, $failed failed"
[ "$failed" = 0 ]
