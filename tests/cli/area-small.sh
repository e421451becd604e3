#!/bin/sh
# area-small.sh: output that keeps every character (search's Markdown),
# check's JSON verdict for any file name, and the action command's
# lookup.
. "$(dirname "$0")/lib.sh"

DB=$TMP/t.db
RT="$BIN --db $DB"
$RAW_BIN --db "$DB" import data/*/*.yaml >/dev/null || { echo "cannot import data/"; exit 1; }

# --- search --format markdown keeps whole UTF-8 characters --------------
# (the snippet holds an en dash and a pound sign; each was escaped byte by
# byte, every byte of them a U+FFFD)
run md-utf8 0 $RT search "relocation allowances" --format markdown
has md-utf8 out "**Relocation** **allowances** – overseas workers can get up to £8,000"
lacks md-utf8 out "$(printf '\357\277\275')"
run md-utf8-csv 0 $RT search "relocation allowances" --format csv
has md-utf8-csv out "Relocation allowances – overseas workers can get up to £8,000"

# --- check --format json: each diagnostic's place from its parts --------
# Two names that differ only in a byte that is not UTF-8 (\377, \376):
# shown alike, each with its U+FFFD, but told apart by file_hex, so a script
# can pair each error with its file (the text was parsed back, and both
# errors went to the first name that matched).
mkdir "$TMP/names"
FF=$TMP/names/$(printf 'bad\377.yaml')
FE=$TMP/names/$(printf 'bad\376.yaml')
printf 'committee: [unclosed\n' > "$FF"
printf '# two lines\n# down\ncommittee: [unclosed\n' > "$FE"
run check-names 1 $BIN check --format json "$FF" "$FE"
check "jq . < $TMP/check-names.out >/dev/null" "check json with a non-UTF-8 name does not parse"
hex_ff=$(printf '%s' "$FF" | od -An -tx1 | tr -d ' \n')
hex_fe=$(printf '%s' "$FE" | od -An -tx1 | tr -d ' \n')
check "[ \"\$(jq -c '[.errors[] | select(.file_hex == \"$hex_ff\") | [.line, .column, .severity]]' < $TMP/check-names.out)\" = '[[1,12,\"error\"]]' ]" \
    "check json: the error of the \\377 file lost its place"
check "[ \"\$(jq -c '[.errors[] | select(.file_hex == \"$hex_fe\") | [.line, .column]]' < $TMP/check-names.out)\" = '[[3,12]]' ]" \
    "check json: the error of the \\376 file lost its place"
check "[ \"\$(jq -r '[.files[].file_hex] | join(\",\")' < $TMP/check-names.out)\" = \"$hex_ff,$hex_fe\" ]" \
    "check json: files lack their file_hex"
check "[ \"\$(jq -r '.errors[0].file' < $TMP/check-names.out)\" = \"$TMP/names/bad\$(printf '\\357\\277\\275').yaml\" ]" \
    "check json: a non-UTF-8 name is not shown with U+FFFD"
# a UTF-8 name is exact, and has no file_hex; text output unchanged
UN=$TMP/names/$(printf 'caf\303\251 \342\200\223.yaml')
printf 'committee: [unclosed\n' > "$UN"
run check-utf8 1 $BIN check --format json "$UN"
check "[ \"\$(jq -c '[.errors[0].file == \"$UN\", .errors[0].file_hex, .files[0].file_hex]' < $TMP/check-utf8.out)\" = '[true,null,null]' ]" \
    "check json: a UTF-8 name is not kept as it is"
run check-text 1 $BIN check "$FF"
has check-text err "$TMP/names/bad$(printf '\357\277\275').yaml:1:12: the text '[unclosed' starts with '['"
# an error about no one place has a message only
run check-none 1 $BIN check --format json "$TMP/names/missing.yaml"
check "[ \"\$(jq -c '.errors[0] | keys_unsorted' < $TMP/check-none.out)\" = '[\"severity\",\"message\"]' ]" \
    "check json: a plain error has a place or lacks its severity"

# --- action N: found by its number (the row id), not by a scan ----------
run action-done 0 $RT action 1 done --note "sent"
has action-done out "action 1: open -> done"
run action-again 0 $RT action 1 open
has action-again out "action 1: done -> open"
run action-none 1 $RT action 999999 done
has action-none err "no action 999999 ('rectrack actions' lists them)"
run actions-one 0 $RT actions --format json
check "[ \"\$(jq -c '[.[] | select(.number == 1) | .status]' < $TMP/actions-one.out)\" = '[\"open\"]' ]" \
    "action 1 is not open again"

finish area-small
