#!/bin/sh
# Run libFuzzer targets: sh tests/fuzz/run.sh SECONDS TARGET...
# For each target: first replay its saved corpus (tests/fuzz/corpus/TARGET:
# crashers found before, kept as regressions), then fuzz for SECONDS from
# seeds taken from data/ and the test fixtures. A crash leaves its input
# under build/fuzz/crashes/; copy it into tests/fuzz/corpus/TARGET/.
set -u
secs=$1
shift
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 1
tmp=$(mktemp -d "${TMPDIR:-/tmp}/rectrack-fuzz.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
mkdir -p build/fuzz/crashes
passed=0
failed=0

for t in "$@"; do
	bin=build/fuzz/$t
	saved=tests/fuzz/corpus/$t
	# 1. the saved corpus, each input once
	if ls "$saved"/* >/dev/null 2>&1; then
		if "$bin" -runs=0 "$saved" >"$tmp/$t.replay" 2>&1; then
			echo "fuzz: $t: saved corpus replayed ($(ls "$saved" | wc -l) inputs)"
			passed=$((passed + 1))
		else
			echo "fuzz: $t: FAILED on the saved corpus" >&2
			tail -30 "$tmp/$t.replay" >&2
			failed=$((failed + 1))
			continue
		fi
	fi
	# 2. fuzzing from the seeds
	mkdir -p "$tmp/$t"
	for f in data/*/*.yaml tests/fixtures/good/*.yaml \
	    tests/fixtures/track/*.yaml tests/fixtures/bad/*.yaml; do
		[ "$(wc -c < "$f")" -le 65536 ] && cp "$f" "$tmp/$t/"
	done
	if "$bin" -max_total_time="$secs" -max_len=65536 -timeout=10 \
	    -rss_limit_mb=2048 -print_final_stats=1 \
	    -artifact_prefix=build/fuzz/crashes/"$t"- "$tmp/$t" \
	    >"$tmp/$t.log" 2>&1; then
		runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$tmp/$t.log" | grep -o '[0-9]*$')
		echo "fuzz: $t: ${secs}s, ${runs:-?} inputs, no crash"
		passed=$((passed + 1))
	else
		echo "fuzz: $t: CRASH (input saved under build/fuzz/crashes/)" >&2
		grep -E 'ERROR|SUMMARY|Test unit written' "$tmp/$t.log" | head -10 >&2
		failed=$((failed + 1))
	fi
done
echo "fuzz: $passed passed, $failed failed"
[ "$failed" = 0 ]
