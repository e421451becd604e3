#!/bin/sh
# area-overview.sh: committees, reviews and stats: the overview of what
# is held.
. "$(dirname "$0")/lib.sh"

DB=$TMP/t.db
RT="$BIN --db $DB"
fresh "$DB"

run ov-committees 0 $RT committees --format json
check "[ \"\$(jq -c '[.[] | [.id, .reviews, .recommendations, .open]]' < $TMP/ov-committees.out)\" = '[[\"islington-childrens-services\",2,20,20],[\"slough-people-scrutiny-panel\",1,18,18]]' ]" "committees"
run ov-reviews 0 $RT reviews --committee islington --format json
check "[ \"\$(jq -c '[.[] | [.id, .stage, .recommendations]]' < $TMP/ov-reviews.out)\" = '[[\"islington-2023-making-children-visible\",\"responded\",10],[\"islington-2024-childrens-workforce\",\"draft\",10]]' ]" "reviews"
run ov-badopt 2 $RT committees --committee x
printf 'committee:\n  id: zz\n  name: Empty\n  authority: A\nreviews:\n  - id: zz-r\n    title: Nothing yet\n' > "$TMP/empty-review.yaml"
run ov-empty-import 0 $BIN --db "$TMP/ov.db" import "$TMP/empty-review.yaml"
run ov-empty 0 $BIN --db "$TMP/ov.db" committees --format json
check "[ \"\$(jq -c '[.[] | [.id, .reviews, .recommendations]]' < $TMP/ov-empty.out)\" = '[[\"zz\",1,0]]' ]" "a committee without recommendations is not shown"
run ov-empty-r 0 $BIN --db "$TMP/ov.db" reviews --format json
check "[ \$(jq length < $TMP/ov-empty-r.out) = 1 ]" "a review without recommendations is not shown"
run ov-stats 0 $RT stats --format json
check "[ \"\$(jq '[.[].count] | add' < $TMP/ov-stats.out)\" = 38 ]" "stats do not add up to 38"
run ov-stats-md 0 $RT stats --format markdown
has ov-stats-md out "| islington-childrens-services | draft |"

finish overview
