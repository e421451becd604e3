#!/bin/sh
# area-bench.sh: make bench's everyday queries (tests/bench/queries.sh,
# issue 21) run, once each, on 3,000 generated recommendations: every
# statement it hands the sqlite3 shell is still one rectrack runs and
# still valid, every row is measured, and no list, overview, report or
# stats statement scans a table that grows. Times are not checked here.
. "$(dirname "$0")/lib.sh"

DB=$TMP/b.db
SQLBIN=${FLOOR_SQL:-$TOP/build/rel/floor_sql}
check "[ -x $SQLBIN ]" "no $SQLBIN: make it first (make $SQLBIN)"
python3 tests/bench/gen.py 3000 > "$TMP/gen.yaml" ||
    { echo "cannot generate"; exit 1; }
run import 0 "$RAW_BIN" --db "$DB" import "$TMP/gen.yaml"
# the timing loops run the binary itself, not under a wrapper
run queries 0 env QUERIES_RUNS=1 FLOOR_SQL="$SQLBIN" RT="$RAW_BIN" \
    sh tests/bench/queries.sh "$DB"
empty queries err
q=$TMP/queries.out
rows() { grep -c '^| `' "$q"; }
check '[ "$(rows)" -eq 28 ]' "queries.sh printed $(rows) rows, not 28"
for c in 'list --overdue --limit 20' 'list --owner director --limit 20' \
    committees reviews stats 'actions --open' \
    "chase --owner 'director 7' --format csv" 'stats --by rag' \
    'stats --overdue'; do
	has queries out "| \`$c\` |"
done
has queries out '| `search '
has queries out '| `report --committee committee-1 --format html` | | list |'
# each row timed by both: two numbers, then a ratio
check "awk -F'|' '/^\\| \`/ && !(\$5 ~ /^ [0-9.]+ \$/ && \$6 ~ /^ [0-9.]+ \$/ && \$7 ~ /^ [0-9.]+ \$/) { bad = 1 } END { exit bad }' $q" \
    "a row without both times: $(grep '^| `' "$q" | awk -F'|' '$6 !~ /[0-9]/' | head -1)"
# a whole table scanned only where every row is read anyway (the open
# actions of every committee, whose owner is matched in C; chase reads
# them all); search's rows have no plan of their own
check "awk -F'|' '/^\\| \`/ && \$8 == \" yes \" && \$2 !~ /^ \`(actions --open|actions --open --owner .director 7.|chase --owner .director 7. --format csv)\` \$/ { bad = 1 } END { exit bad }' $q" \
    "a statement scans a table: $(awk -F'|' '$8 == " yes "' "$q" | grep -v '`actions --open`\|--owner' | head -1)"
check "grep -q '^| \`actions --open --committee committee-1\` | | statement | .* | no |\$' $q" \
    "a committee's actions scan a table (or are not measured)"
has queries out "| \`chase --owner 'director 7' --format csv\` | | index |"
# a committee's chase reads its reviews and actions through indexes
check "grep -q '^| \`chase --committee committee-1 --format csv\` | | walk | .* | no |\$' $q" \
    "a committee's chase scans a table (or is not measured)"
check "awk -F'|' '/^\\| \`search / && \$8 != \" - \" { bad = 1 } END { exit bad }' $q" \
    "a search row with a plan"
check "awk -F'|' '/^\\| \`list / && \$8 != \" no \" { bad = 1 } END { exit bad }' $q" \
    "a list's plan scans a table"
finish bench
