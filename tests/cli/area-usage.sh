#!/bin/sh
# area-usage.sh: the command line itself: usage errors exit 2, help and
# its width, option typos, the version, and the bash completion.
. "$(dirname "$0")/lib.sh"

DB=$TMP/t.db
RT="$BIN --db $DB"
fresh "$DB"

BINDIR=$(dirname "$RAW_BIN")

# --- usage errors exit 2 ---------------------------------------------------
run usage-none 2 $BIN
run usage-command 2 $BIN lsit
has usage-command err "unknown command 'lsit'; did you mean 'list'?"
run usage-option 2 $RT list --bogus
run usage-format 2 $RT list --format xml
has usage-format err "unknown format 'xml'"
run usage-status 2 $RT list --status done
run usage-import 2 $RT import
run usage-today 2 $BIN --today 2026-02-30 list
run usage-show 2 $RT show
run help 0 $BIN --help
has help out "Record: bring files in"
run list-help 0 $BIN list --help
has list-help out "Examples:"
run version 0 $BIN --version
has version out "rectrack "

# --- help, grouped and fitting 80 columns --------------------------------
run help-groups 0 $BIN --help
has help-groups out "Track: record what happens"
has help-groups out "Find: see what is held"
# every help fits an 80-column terminal; a long usage wraps between its
# parts, never inside a bracketed group
for c in "" $($BIN --help | awk '/^  [a-z]+ / { print $1 }'); do
	$BIN $c --help > "$TMP/help-width.out" 2>&1
	check "[ \$(awk '{ if (length(\$0) > m) m = length(\$0) } END { print m + 0 }' $TMP/help-width.out) -le 79 ]" "rectrack $c --help is wider than 79 columns"
done
run help-respond 0 $BIN respond --help
check "[ \"\$(head -2 $TMP/help-respond.out)\" = 'usage: rectrack respond HANDLE --decision D (--text TEXT | --text-file FILE)
                [--date DATE] [--by NAME] [--replace | --follow-up]' ]" "respond's usage is not wrapped between its parts"
run opt-typo 2 $RT list --comittee x
has opt-typo err "unknown option '--comittee'; did you mean '--committee'?"
run opt-noval 2 $RT list --format
has opt-noval err "option '--format' needs a value"
# bash completion: commands, options from --help, ids from the database
if command -v bash >/dev/null 2>&1; then
	cat > "$TMP/comp.sh" <<EOS
export PATH="$BINDIR:\$PATH"
cp "$BINDIR/$(basename "$RAW_BIN")" "$TMP/rectrack" 2>/dev/null
export PATH="$TMP:\$PATH"
source scripts/completion/rectrack.bash
t() { COMP_WORDS=("\$@"); COMP_CWORD=\$((\${#COMP_WORDS[@]} - 1)); COMPREPLY=(); _rectrack; echo "\${COMPREPLY[*]}"; }
t rectrack li
t rectrack --db $DB list --committee ""
t rectrack --db $DB list --comm
t rectrack --db $DB list --status in
t rectrack --db $DB action 3 d
EOS
	run completion 0 bash "$TMP/comp.sh"
	check "[ \"\$(sed -n 1p $TMP/completion.out)\" = list ]" "completion of commands"
	check "[ \"\$(sed -n 2p $TMP/completion.out)\" = 'islington-childrens-services slough-people-scrutiny-panel' ]" "completion of committee ids"
	check "[ \"\$(sed -n 3p $TMP/completion.out)\" = --committee ]" "completion of options"
	check "[ \"\$(sed -n 4p $TMP/completion.out)\" = in-progress ]" "completion of statuses"
	check "[ \"\$(sed -n 5p $TMP/completion.out)\" = 'done dropped' ]" "completion of action words"
fi

finish usage
