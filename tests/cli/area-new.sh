#!/bin/sh
# area-new.sh: 'rectrack new' prints a commented skeleton of a committee,
# review or meeting file: exactly the one kept in tests/fixtures/new/; with
# the ids given it passes check as it is, without them check names the
# placeholders; every optional key it shows commented out is a valid key
# at its place (uncommented, the file still checks and imports); texts
# given on the command line read back exactly; usage errors exit 2.
. "$(dirname "$0")/lib.sh"

F=tests/fixtures/new
C=example-overview-scrutiny
R=example-2026-street-lighting
DB=$TMP/new.db

# --- the skeletons, byte for byte, and check as they are --------------------
run new-review 0 $BIN new review --committee $C --review $R \
    --name "Overview and Scrutiny Committee" \
    --authority "Example Borough Council" --title "Street Lighting"
check "cmp -s $F/review.yaml $TMP/new-review.out" "new review differs from $F/review.yaml"
empty new-review err
run new-committee 0 $BIN new committee --committee $C
check "cmp -s $F/committee.yaml $TMP/new-committee.out" "new committee differs from $F/committee.yaml"
run new-meeting 0 $BIN new meeting --committee $C --meeting 2026-12-07-scoping \
    --review $R --title "Street Lighting Review - Scoping"
check "cmp -s $F/meeting.yaml $TMP/new-meeting.out" "new meeting differs from $F/meeting.yaml"
# the same arguments, the same bytes
$BIN new review --committee $C --review $R --name "Overview and Scrutiny Committee" \
    --authority "Example Borough Council" --title "Street Lighting" >"$TMP/again.out"
check "cmp -s $TMP/new-review.out $TMP/again.out" "new review is not deterministic"

for k in review committee meeting; do cp "$TMP/new-$k.out" "$TMP/$k.yaml"; done
run check-review 0 $BIN check "$TMP/review.yaml"
has check-review out "review.yaml: ok, 1 recommendation"
run check-committee 0 $BIN check "$TMP/committee.yaml"
has check-committee out "committee.yaml: ok, 0 recommendations"
# a meeting that names a review is checked with the review's file
run check-meeting 0 $BIN check "$TMP/review.yaml" "$TMP/meeting.yaml"
has check-meeting out "2 files ok, 1 recommendation"
run check-meeting-alone 1 $BIN check "$TMP/meeting.yaml"
has check-meeting-alone err "meeting.yaml:27:13: meeting refers to review '$R', which is in none of these files"
run new-meeting-plain 0 $BIN new meeting --committee $C --meeting m1
cp "$TMP/new-meeting-plain.out" "$TMP/plain.yaml"
run check-meeting-plain 0 $BIN check "$TMP/plain.yaml"
has new-meeting-plain out "    # review: <review-id>"

# every comment explains; every line fits 79 columns; the placeholders
# are named in the header
check "[ \$(awk 'length(\$0) > 79' $F/*.yaml | wc -l) = 0 ]" "a skeleton line is wider than 79 columns"
has new-review out "# A rectrack review file (docs/format.md). Replace each <value>; to use an"
has new-review out "  # contact: <clerk, e-mail, phone>"
has new-review out "        # The recommendation, word for word, indented under 'text: |-'."
has new-review out "        # partially-accepted, noted, deferred, rejected."
has new-review out '  name: "Overview and Scrutiny Committee"'

# --- without ids: placeholders that check rejects ---------------------------
run new-bare 0 $BIN new review
cp "$TMP/new-bare.out" "$TMP/bare.yaml"
has new-bare out "  id: <committee-id>"
run check-bare 1 $BIN check "$TMP/bare.yaml"
has check-bare err "bare.yaml:7:7: invalid committee id '<committee-id>': use lowercase letters, digits and '-', starting with a letter or digit, at most 64 characters"
has check-bare err "bare.yaml:20:9: invalid review id '<review-id>': use lowercase letters, digits and '-', starting with a letter or digit, at most 64 characters"
run new-bare-meeting 0 $BIN new meeting --committee $C
cp "$TMP/new-bare-meeting.out" "$TMP/bare-meeting.yaml"
run check-bare-meeting 1 $BIN check "$TMP/bare-meeting.yaml"
has check-bare-meeting err "bare-meeting.yaml:20:9: invalid meeting id '<meeting-id>'"

# --- every optional key shown is a key of the format at its place -----------
# uncomment each "# key:" and "# - item" line, give the dates a value
for k in review committee meeting; do
	sed -E -e 's/YYYY-MM-DD/2026-12-31/' \
	    -e '/^ *# +(- )?([a-z_]+:|<)/s/^( *)# /\1/' "$TMP/$k.yaml" >"$TMP/full-$k.yaml"
done
check "[ \$(grep -c '^ *# *[a-z_]*:' $TMP/full-review.yaml) = 0 ]" "a commented-out key was left in full-review.yaml"
run check-full 0 $BIN check "$TMP/full-committee.yaml" "$TMP/full-review.yaml" "$TMP/full-meeting.yaml"
has check-full out "3 files ok, 1 recommendation"
run import-full 0 $BIN --db "$DB" import "$TMP/full-committee.yaml" "$TMP/full-review.yaml" "$TMP/full-meeting.yaml"
run show-full 0 $BIN --db "$DB" show $R/1 --format json
has show-full out '"status": "in-progress"'
has show-full out '"decision": "accepted"'
has show-full out '"owner": "<lead officer>"'
check "[ \"\$(q $DB \"SELECT mid, date, review FROM meetings\")\" = '2026-12-07-scoping|2026-12-31|$R' ]" "the meeting was not imported as written"

# --- texts from the command line read back exactly --------------------------
NAME='Children’s: "Services" #1 - Scrutiny'
run new-text 0 $BIN new review --committee c-text --review r-text \
    --name "$NAME" --authority "- London Borough of Example" --title "? Rest: & more"
cp "$TMP/new-text.out" "$TMP/text.yaml"
run check-text 0 $BIN check "$TMP/text.yaml"
run import-text 0 $BIN --db "$TMP/text.db" import "$TMP/text.yaml"
check "[ \"\$(q $TMP/text.db \"SELECT name FROM committees WHERE cid = 'c-text'\")\" = '$NAME' ]" "--name did not read back exactly"
check "[ \"\$(q $TMP/text.db \"SELECT authority FROM committees WHERE cid = 'c-text'\")\" = '- London Borough of Example' ]" "--authority did not read back exactly"
check "[ \"\$(q $TMP/text.db \"SELECT title FROM reviews WHERE rid = 'r-text'\")\" = '? Rest: & more' ]" "--title did not read back exactly"

# --- usage errors exit 2, and help ----------------------------------------
run u-none 2 $BIN new
has u-none err "rectrack: new: no committee|review|meeting given"
run u-kind 2 $BIN new reveiw
has u-kind err "rectrack: new: unknown kind 'reveiw': write committee, review or meeting"
run u-two 2 $BIN new review meeting
has u-two err "rectrack: new: unexpected argument 'meeting'"
run u-review 2 $BIN new committee --review r
has u-review err "rectrack: new: --review: a committee file holds no review; use 'rectrack new review'"
run u-meeting 2 $BIN new review --meeting m
has u-meeting err "rectrack: new: --meeting is for 'rectrack new meeting'"
run u-title 2 $BIN new committee --title T
has u-title err "rectrack: new: --title is a review's or a meeting's; --name names the committee"
run u-id 2 $BIN new review --committee Bad_Id
has u-id err "rectrack: new: invalid committee id 'Bad_Id': use lowercase letters, digits and '-'"
run u-mid 2 $BIN new meeting --meeting "two words"
has u-mid err "rectrack: new: invalid meeting id 'two words'"
run u-empty 2 $BIN new review --name "  "
has u-empty err "rectrack: new: --name is empty: give the text, or leave the option out for a placeholder"
run u-ctl 2 $BIN new review --authority "$(printf 'A\033[31mB')"
has u-ctl err "rectrack: new: --authority: "
run u-opt 2 $BIN new review --nmae x
has u-opt err "usage: rectrack new"
empty u-opt out
run help 0 $BIN new --help
has help out "usage: rectrack new committee|review|meeting [--committee ID] [--review ID]"
has help out "rectrack check' as it"
run help-list 0 $BIN --help
has help-list out "  new "

finish new
