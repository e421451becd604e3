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

finish area-small
