#!/bin/sh
# area-options.sh: every command's options come from one table (options.h):
# usage errors are found before the database, whatever the order of the
# options; did-you-mean knows every command and option; help is asked for
# only where an option may stand; --limit 0 means "no limit" everywhere;
# the shell completion is made from the same table.
. "$(dirname "$0")/lib.sh"

DB=$TMP/o.db
NONE=$TMP/none.db
RT="$BIN --db $DB"
H=islington-2024-childrens-workforce/2
$RAW_BIN --db "$DB" import data/*/*.yaml >/dev/null || { echo "cannot import data/"; exit 1; }

# --- usage errors come before the database ---------------------------------
for c in list show actions search similar committees reviews stats report \
    export backup verify; do
	run "pre-db-$c" 2 $BIN --db "$NONE" "$c" --bogus-option x
	has "pre-db-$c" err "unknown option '--bogus-option'"
	lacks "pre-db-$c" err "no such database"
done
run pre-db-typo 2 $BIN --db "$NONE" list --comittee x
has pre-db-typo err "unknown option '--comittee'; did you mean '--committee'?"
lacks pre-db-typo err "no such database"
run pre-db-status 2 $BIN --db "$NONE" status $H finished
has pre-db-status err "unknown status 'finished'"
run pre-db-set 2 $BIN --db "$NONE" set $H
has pre-db-set err "nothing to set"
check "[ ! -e $NONE ]" "a usage error left a database behind"

# --- did-you-mean covers every command, by edit distance -------------------
run dym-reindex 2 $BIN reindx
has dym-reindex err "did you mean 'reindex'?"
run dym-committees 2 $BIN comittees
has dym-committees err "did you mean 'committees'?"
run dym-stats 2 $BIN stat
has dym-stats err "did you mean 'stats'?"
run dym-reviews 2 $BIN reviw
has dym-reviews err "did you mean 'reviews'?"
run dym-option 2 $RT report --sinse 2026-01-01
has dym-option err "did you mean '--since'?"

# --- commands that write to a recommendation need the database -------------
run nodb-status 1 $BIN --db "$NONE" status $H agreed
run nodb-set 1 $BIN --db "$NONE" set $H --owner Jo
run nodb-respond 1 $BIN --db "$NONE" respond $H --decision noted --text ok
run nodb-action 1 $BIN --db "$NONE" action 1 done
for c in status set respond action; do
	has "nodb-$c" err "no such database"
	lacks "nodb-$c" err "no recommendation"
done
check "[ ! -e $NONE ]" "a write to a missing database created it"

# --- the exit status does not depend on the order of options ---------------
run order-a 2 $RT list --committee planning --format xml
run order-b 2 $RT list --format xml --committee planning
has order-a err "unknown format 'xml'"
lacks order-a err "no committee matches"
run order-c 2 $RT report --review nothing --since 2026-02-30
run order-d 2 $RT report --since 2026-02-30 --review nothing
run order-resolve 1 $RT list --format csv --committee planning
has order-resolve err "no committee matches 'planning'"

# --- --limit 0 is "no limit" in every command that takes --limit ----------
n() { jq length < "$TMP/$1.out"; }
run limit-list 0 $RT list --format json --limit 0
check "[ \$(n limit-list) = 38 ]" "list --limit 0 is not every row"
run limit-list-2 0 $RT list --format json --limit 2
check "[ \$(n limit-list-2) = 2 ]" "list --limit 2"
hits=$($RAW_BIN --db "$DB" search council --format json --limit 100000 | jq length)
run limit-search 0 $RT search council --format json --limit 0
check "[ \$(n limit-search) = $hits ] && [ $hits -gt 20 ]" "search --limit 0 is not every hit"
sims=$($RAW_BIN --db "$DB" similar $H --format json --limit 100000 | jq length)
run limit-similar 0 $RT similar $H --format json --limit 0
check "[ \$(n limit-similar) = $sims ] && [ $sims -gt 10 ]" "similar --limit 0 is not every one"
run limit-bad 2 $RT list --limit -1
has limit-bad err "--limit takes a number, not '-1'"

# --- help only where an option may stand ----------------------------------
run note-h 0 $RT status $H agreed --note -h
has note-h out "$H: draft -> agreed"
lacks note-h out "usage:"
check "[ \"\$(q $DB \"SELECT note FROM updates ORDER BY id DESC LIMIT 1\")\" = -h ]" "--note -h did not record '-h'"
run note-help 0 $RT action 1 open --note=--help
has note-help out "action 1:"
run help-after 0 $BIN --db "$NONE" status $H agreed --help
has help-after out "usage: rectrack status HANDLE NEW_STATUS"
run help-bad 0 $BIN list --format xml --help
has help-bad out "usage: rectrack list"
run dashdash 1 $BIN --db "$NONE" show -- -h
has dashdash err "no such database"

# --- every help fits 80 columns and lists the table's options -------------
for c in $($BIN --help | awk '/^  [a-z]+ / { print $1 }'); do
	$BIN "$c" --help > "$TMP/help-$c.out" 2>&1
	check "[ \$(awk '{ if (length(\$0) > m) m = length(\$0) } END { print m + 0 }' $TMP/help-$c.out) -le 79 ]" "rectrack $c --help is wider than 79 columns"
	# an option's help is indented under the option, never at column 0
	# (a line of the option list that starts a line is a heading)
	check "[ -z \"\$(awk '/^Examples:/ { e = 1 } /^(Options|Filters|Output)/ { o = 1 } o && !e && /^[^ ]/ && !/:\$/' $TMP/help-$c.out)\" ]" "rectrack $c --help has an option's help at column 0"
done
has help-list out "  -f, --format F"
has help-list out "--limit N             at most N rows (0: no limit)"

# --- the completion is made from the table --------------------------------
run comp-bash 0 $BIN completion bash
check "cmp -s $TMP/comp-bash.out scripts/completion/rectrack.bash" "scripts/completion/rectrack.bash is not what 'rectrack completion bash' makes"
run comp-zsh 0 $BIN completion zsh
check "cmp -s $TMP/comp-zsh.out scripts/completion/_rectrack" "scripts/completion/_rectrack is not what 'rectrack completion zsh' makes"
run comp-shell 2 $BIN completion fish
run main-help 0 $BIN --help
lacks main-help out "completion"
if command -v bash >/dev/null 2>&1; then
	mkdir -p "$TMP/bin"
	ln -s "$RAW_BIN" "$TMP/bin/rectrack"
	cat > "$TMP/comp.sh" <<EOS
export PATH="$TMP/bin:\$PATH"
source scripts/completion/rectrack.bash
t() { COMP_WORDS=("\$@"); COMP_CWORD=\$((\${#COMP_WORDS[@]} - 1)); COMPREPLY=(); _rectrack; echo "\${COMPREPLY[*]}"; }
t rectrack list --format ""
t rectrack show --format ""
t rectrack --db $DB report --format ""
t rectrack check --format j
t rectrack --db $DB status $H ""
t rectrack --db $DB status --note x $H in
t rectrack export --
t rectrack stat
t rectrack list -f c
EOS
	run completion 0 bash "$TMP/comp.sh"
	empty completion err
	check "[ \"\$(sed -n 1p $TMP/completion.out)\" = 'table csv json markdown' ]" "list --format <TAB>"
	check "[ \"\$(sed -n 2p $TMP/completion.out)\" = 'text json yaml' ]" "show --format <TAB>"
	check "[ \"\$(sed -n 3p $TMP/completion.out)\" = 'markdown html csv json xlsx' ]" "report --format <TAB>"
	check "[ \"\$(sed -n 4p $TMP/completion.out)\" = json ]" "check --format j<TAB>"
	check "[ \"\$(sed -n 5p $TMP/completion.out)\" = 'draft agreed accepted partially-accepted rejected in-progress implemented not-implemented withdrawn' ]" "status HANDLE <TAB>"
	check "[ \"\$(sed -n 6p $TMP/completion.out)\" = in-progress ]" "status --note x HANDLE in<TAB>"
	check "[ \"\$(sed -n 7p $TMP/completion.out)\" = '--committee --review --format --output --dir --help' ]" "export --<TAB>"
	check "[ \"\$(sed -n 8p $TMP/completion.out)\" = 'status stats' ]" "stat<TAB>"
	check "[ \"\$(sed -n 9p $TMP/completion.out)\" = csv ]" "list -f c<TAB>"
fi

finish options
