#!/bin/sh
# area-search.sh: full-text search (phrases, stems, prefixes, filters,
# errors), similar, and the index: it follows every write, verify checks
# it, and it is what a rebuild from the tables makes.
. "$(dirname "$0")/lib.sh"

DB=$TMP/t.db
RT="$BIN --db $DB"
fresh "$DB"

# --- search ------------------------------------------------------------------
run se-phrase 0 $RT search '"key worker housing"' --format json
check "[ \"\$(jq -c '[.[] | [.handle, .field]]' < $TMP/se-phrase.out)\" = '[[\"islington-2024-childrens-workforce/2\",\"finding\"],[\"meeting islington-childrens-services/2024-02-26-witness-evidence\",\"action\"],[\"meeting islington-childrens-services/2024-02-26-witness-evidence\",\"minutes\"]]' ]" "the key worker housing phrase"
check "[ \"\$(jq -c '[.[0].matches, (.[2].snippet | test(\"Key Worker housing\"))]' < $TMP/se-phrase.out)\" = '[[\"Key worker housing\"],true]' ]" "search snippets and matches"
run se-stem 0 $RT search recruit --format json --limit 0
check "[ \"\$(jq -r '[.[] | select(.handle == \"islington-2023-making-children-visible/8\" and .field == \"title\")] | length' < $TMP/se-stem.out)\" = 1 ]" "'recruit' does not find 'Recruitment'"
check "jq -e '[.[].matches[]] | any(. == \"recruiting\" or . == \"Recruitment\" or . == \"recruit\")' < $TMP/se-stem.out >/dev/null" "stemmed matches"
run se-all 0 $RT search 'ofsted*' --format json --limit 0
check "[ \"\$(jq -r '[.[] | .committee] | unique | join(\",\")' < $TMP/se-all.out)\" = islington-childrens-services,slough-people-scrutiny-panel ]" "search across committees"
run se-prefix 0 $RT search 'ofsted*' --committee slough --format json --limit 0
check "[ \"\$(jq -r '[.[] | .committee] | unique | join(\",\")' < $TMP/se-prefix.out)\" = slough-people-scrutiny-panel ]" "search --committee"
run se-not 0 $RT search 'housing NOT worker' --format json --limit 0
check "! jq -r '.[].snippet' < $TMP/se-not.out | grep -qi 'worker'" "NOT still matched"
run se-apos 0 $RT search "children's workforce" --limit 1
run se-md 0 $RT search '"key worker housing"' --format markdown --limit 1
has se-md out "**Key worker housing**"
run se-bad 1 $RT search 'foster AND'
has se-bad err "cannot read the search 'foster AND'"
check "! grep -qi fts5 $TMP/se-bad.err" "an SQLite message reached the user"
run se-quote 1 $RT search '"key worker'
has se-quote err "a quote is not closed"
run se-none 0 $RT search 'zeppelin' --format json
check "[ \"\$(cat $TMP/se-none.out)\" = '[]' ]" "no match is not an empty array"
# the index follows every write, and verify checks it
run se-note 0 env RECTRACK_USER=clerk $RT status islington-2024-childrens-workforce/9 agreed --note "Zebra crossing survey commissioned"
run se-note-hit 0 $RT search zebra --format json
check "[ \"\$(jq -c '[.[] | [.handle, .field]]' < $TMP/se-note-hit.out)\" = '[[\"islington-2024-childrens-workforce/9\",\"update note\"]]' ]" "a status note is not searchable"
run se-action 0 $RT action 2 done --note "Quokka programme slot found"
run se-action-hit 0 $RT search quokka --format json
check "[ \$(jq length < $TMP/se-action-hit.out) = 1 ]" "an action note is not searchable"
run se-verify 0 $RT verify
# the index keeps no copy of the texts: a row missing from it, and a text
# changed behind rectrack's back (its words no longer the index's)
cp "$TMP/t.db" "$TMP/t-saved.db"
sqlite3 "$TMP/t.db" "DELETE FROM search_docsize WHERE id = (SELECT min(id) FROM search_docsize)"
run se-verify-bad 1 $RT verify
has se-verify-bad err "the full-text index holds"
run se-reindex 0 $RT reindex
run se-verify3 0 $RT verify
sqlite3 "$TMP/t.db" "UPDATE findings SET text = 'A quite different finding' WHERE rec_id = (SELECT min(rec_id) FROM findings) AND pos = 0"
run se-verify-text 1 $RT verify
has se-verify-text err "the full-text index does not match the texts in the tables ('rectrack reindex' rebuilds it)"
sqlite3 "$TMP/t.db" "UPDATE responses SET text = text || ' and more' WHERE rec_id = (SELECT min(rec_id) FROM responses)"
run se-reindex2 0 $RT reindex
run se-verify4 0 $RT verify
cp "$TMP/t-saved.db" "$TMP/t.db"
# FTS5's own count of its rows (its averages record, which ranking
# reads) gone or empty, as a crafted file may have it: verify names it,
# a search is refused with the fix, reindex mends both
for how in "DELETE FROM search_data WHERE id = 1" \
    "UPDATE search_data SET block = x'' WHERE id = 1" \
    "UPDATE search_data SET block = x'05' || substr(block, 2) WHERE id = 1"; do
	cp "$TMP/t-saved.db" "$TMP/t.db"
	sqlite3 "$TMP/t.db" "$how"
	run se-avg-verify 1 $RT verify
	has se-avg-verify err "the full-text index's count of its rows is damaged ('rectrack reindex' rebuilds it)"
	case $how in
	*x\'05\'*) ;;
	*)	run se-avg-search 1 $RT search housing
		has se-avg-search err "search failed: the full-text index cannot be read ("
		has se-avg-search err "'rectrack reindex' rebuilds it)" ;;
	esac
	run se-avg-reindex 0 $RT reindex
	run se-avg-verify2 0 $RT verify
	run se-avg-search2 0 $RT search housing
	has se-avg-search2 out "islington-2024-childrens-workforce/"
done
cp "$TMP/t-saved.db" "$TMP/t.db"
# an index that never held a row keeps that record empty: not damage
printf 'format: rectrack/1\ncommittee:\n  id: c1\n  name: C\n  authority: A\n' > "$TMP/bare.yaml"
run se-bare 0 $BIN --db "$TMP/bare.db" import "$TMP/bare.yaml"
run se-bare-verify 0 $BIN --db "$TMP/bare.db" verify

# --- the index is what a rebuild from the tables makes ---------------------
# a first import indexes from the records: exactly what a rebuild from
# the tables makes
# ixsame WHAT: $TMP/ix.db's index is what a rebuild from its tables makes
# (every word in its place, every row's size: the texts are the tables')
IXDUMP="SELECT term, doc, col, offset FROM search_inst ORDER BY 1, 2, 3, 4; SELECT id, hex(sz) FROM search_docsize ORDER BY id"
ixsame() {
	sqlite3 "$TMP/ix.db" "$IXDUMP" > "$TMP/ix.before"
	$BIN --db "$TMP/ix.db" reindex >/dev/null
	sqlite3 "$TMP/ix.db" "$IXDUMP" > "$TMP/ix.after"
	check "[ -s $TMP/ix.before ] && cmp -s $TMP/ix.before $TMP/ix.after" "the import's index differs from a rebuild ($1)"
}
for src in "data/islington/childrens-workforce-2024.yaml data/islington/making-children-visible-2023.yaml data/slough/scf-workforce-strategy-2023.yaml" tests/fixtures/track/roundtrip.yaml tests/fixtures/track/hostile.yaml; do
	rm -f "$TMP/ix.db"
	$BIN --db "$TMP/ix.db" import $src >/dev/null
	ixsame "$src"
done
# ... also when new reviews' rows (held, and inserted in batches) mix with
# a changed review's (written at once), and past the batch size (2 MiB)
rm -f "$TMP/ix.db"
$BIN --db "$TMP/ix.db" import data/islington/childrens-workforce-2024.yaml >/dev/null
sed 's/The Council should investigate the feasibility of restoring/The Council should urgently investigate the feasibility of restoring/' data/islington/childrens-workforce-2024.yaml > "$TMP/cw-changed.yaml"
run ix-mixed 0 $BIN --db "$TMP/ix.db" import data/slough/scf-workforce-strategy-2023.yaml "$TMP/cw-changed.yaml" data/islington/making-children-visible-2023.yaml
has ix-mixed out "1 changed"
ixsame "new and changed reviews in one import"
# every write path takes its owner's rows out with the texts they were
# made from, before the first change (the index keeps no copy of them):
# after each, verify checks every word against the tables, and the index
# is what a rebuild makes
rm -f "$TMP/ix.db"
$BIN --db "$TMP/ix.db" import data/islington/childrens-workforce-2024.yaml data/islington/making-children-visible-2023.yaml >/dev/null
sed -e 's/The Chair noted the one-off topics/The Chair warmly noted the one-off topics/' \
    -e 's/That the report be noted\./That the report be noted and welcomed./' \
    -e 's/Candy Holder to update the Committee/Candy Holder to brief the Committee/' \
    -e 's/title: Focus group with City & Islington college/title: Focus group with City \& Islington college students/' \
    -e 's/The Council should investigate the feasibility of restoring/The Council should urgently investigate the feasibility of restoring/' \
    data/islington/childrens-workforce-2024.yaml > "$TMP/cw-mut.yaml"
sed -e 's/The Executive recognises the significance/The Executive fully recognises the significance/' \
    -e 's/The department to consult and consider how the local Charter/The department to consult widely and consider how the local Charter/' \
    -e 's/title: Islington Library Service/title: Islington Library and Heritage Service/' \
    data/islington/making-children-visible-2023.yaml > "$TMP/mcv-mut.yaml"
check "! cmp -s $TMP/cw-mut.yaml data/islington/childrens-workforce-2024.yaml && ! cmp -s $TMP/mcv-mut.yaml data/islington/making-children-visible-2023.yaml" "the edits to the data files did not apply"
run wp-reimport 0 $BIN --db "$TMP/ix.db" import "$TMP/cw-mut.yaml" "$TMP/mcv-mut.yaml"
has wp-reimport out "changed"
run wp-reimport-verify 0 $BIN --db "$TMP/ix.db" verify
run wp-warmly 0 $BIN --db "$TMP/ix.db" search warmly --format json
check "[ \"\$(jq -r '.[0].field' < $TMP/wp-warmly.out)\" = minutes ]" "changed minutes are not searchable"
run wp-old 0 $BIN --db "$TMP/ix.db" search '"Islington Library Service"' --format json
check "[ \"\$(cat $TMP/wp-old.out)\" = '[]' ]" "the old title of evidence is still found"
H=islington-2023-making-children-visible/1
run wp-respond 0 $BIN --db "$TMP/ix.db" respond islington-2024-childrens-workforce/1 --decision accepted --text "Agreed: a named wombat officer"
run wp-respond-verify 0 $BIN --db "$TMP/ix.db" verify
run wp-replace 0 $BIN --db "$TMP/ix.db" respond $H --decision rejected --text "Not affordable this year" --replace
run wp-replace-verify 0 $BIN --db "$TMP/ix.db" verify
run wp-set 0 $BIN --db "$TMP/ix.db" set $H --owner "Head of Learning" --due 2025-06-30
run wp-set-verify 0 $BIN --db "$TMP/ix.db" verify
run wp-status 0 $BIN --db "$TMP/ix.db" status $H in-progress --note "Platypus pilot under way" --force
run wp-status-verify 0 $BIN --db "$TMP/ix.db" verify
run wp-action 0 $BIN --db "$TMP/ix.db" action 1 done --note "Numbat briefing given"
run wp-action2 0 $BIN --db "$TMP/ix.db" action 2 dropped --note "Echidna slot withdrawn"
run wp-action-verify 0 $BIN --db "$TMP/ix.db" verify
for w in wombat platypus numbat echidna; do
	run wp-$w 0 $BIN --db "$TMP/ix.db" search $w --format json
	check "[ \$(jq length < $TMP/wp-$w.out) = 1 ]" "'$w', written by a command, is not searchable"
done
run wp-reimport2 0 $BIN --db "$TMP/ix.db" import data/islington/childrens-workforce-2024.yaml data/islington/making-children-visible-2023.yaml
run wp-reimport2-verify 0 $BIN --db "$TMP/ix.db" verify
ixsame "after every write path"
python3 tests/bench/gen.py 2000 > "$TMP/gen-2000.yaml"
rm -f "$TMP/ix.db"
run ix-big 0 $BIN --db "$TMP/ix.db" import "$TMP/gen-2000.yaml"
check "[ \$(sqlite3 $TMP/ix.db \"SELECT (SELECT sum(length(text) + coalesce(length(title), 0)) FROM recs) + (SELECT sum(length(text)) FROM findings) + (SELECT sum(length(text)) FROM responses) + (SELECT coalesce(sum(length(note)), 0) FROM updates)\") -gt 3000000 ]" "the generated file is too small to fill a batch"
# its words were made on a second thread (pretok.c), batch by batch: the
# index is what SQLite's own tokenizer makes of the stored texts
run ix-big-verify 0 $BIN --db "$TMP/ix.db" verify
check "sqlite3 $TMP/ix.db \"INSERT INTO search(search) VALUES ('integrity-check')\"" "the sqlite3 shell finds the index of several batches damaged"
ixsame "several batches"

# similar: related recommendations above unrelated ones
run sim 0 $RT similar islington-2024-childrens-workforce/2 --limit 0 --format json
check "[ \"\$(jq -c '[.[0:3][] | .handle] | (index(\"slough-2023-scf-workforce-strategy/11\") != null and index(\"islington-2023-making-children-visible/8\") != null)' < $TMP/sim.out)\" = true ]" "similar: retention incentives and social-worker recruitment are not in the top three"
check "[ \"\$(jq -c '([.[].handle] | index(\"slough-2023-scf-workforce-strategy/15\")) < ([.[].handle] | index(\"islington-2023-making-children-visible/4\"))' < $TMP/sim.out)\" = true ]" "similar: libraries rank above relocation loans"
check "! grep -q '\"islington-2024-childrens-workforce/2\"' $TMP/sim.out" "similar lists the recommendation itself"
# --- filters and limits -----------------------------------------------------
run se-owner 0 $RT search recruit --owner nobodyxyz --format json
check "[ \"\$(cat $TMP/se-owner.out)\" = '[]' ]" "search ignores --owner"
run se-authority 0 $RT search ofsted --authority slough --format json
check "[ \"\$(jq -c '[.[].committee] | unique' < $TMP/se-authority.out)\" = '[\"slough-people-scrutiny-panel\"]' ]" "search ignores --authority"
run se-empty 2 $RT search ''
# past SEARCH_TOP_MAX, SQLite's sort ranks: the same hits as the one-pass way
run se-biglimit 0 $RT search recruit --limit 1000000000 --format json
check "[ \$(jq length < $TMP/se-biglimit.out) -gt 3 ]" "search --limit 1000000000"
run se-limit1000 0 $RT search recruit --limit 1000 --format json
check "cmp -s $TMP/se-biglimit.out $TMP/se-limit1000.out" "search ranks alike above and below the one-pass limit"
run ov-reindex-arg 2 $RT reindex extra
run ov-reindex-missing 1 $BIN --db "$TMP/nothing.db" reindex
check "[ ! -e $TMP/nothing.db ]" "reindex made a database"

# --- a committee's or review's search: its ranges of the index --------------
# searched range by range and ranked together (cmd-search.c): the same
# hits, in the same order, as ranking every match and keeping theirs;
# meetings and catalogue evidence included
# scoped NAME WORDS FILTER JQ
scoped() {
	run "sc-$1" 0 $RT search "$2" $3 --limit 0 --format json
	run "sc-$1-all" 0 $RT search "$2" --limit 0 --format json
	jq -c "[.[] | select($4) | [.handle, .field]]" "$TMP/sc-$1-all.out" \
	    > "$TMP/sc-$1.want"
	jq -c '[.[] | [.handle, .field]]' "$TMP/sc-$1.out" > "$TMP/sc-$1.got"
	check "cmp -s $TMP/sc-$1.want $TMP/sc-$1.got" \
	    "search '$2' $3: not the hits of every match that are its"
	check "[ \$(jq length $TMP/sc-$1.out) -gt 0 ]" "search '$2' $3 found nothing: the test proves nothing"
	run "sc-$1-3" 0 $RT search "$2" $3 --limit 3 --format json
	check "[ \"\$(jq -c '[.[] | [.handle, .field]]' $TMP/sc-$1-3.out)\" = \"\$(jq -c '[.[] | [.handle, .field]][0:3]' $TMP/sc-$1.out)\" ]" \
	    "search '$2' $3 --limit 3: not the first 3"
}
scoped isl 'children OR focus OR young' "--committee islington-childrens-services" '.committee == "islington-childrens-services"'
check "jq -e 'any(.[]; .kind == \"meeting\") and any(.[]; .kind == \"evidence\")' $TMP/sc-isl.out > /dev/null" \
    "search --committee: no meeting or evidence among its hits"
scoped slough 'ofsted* OR children' "--committee slough" '.committee == "slough-people-scrutiny-panel"'
check "jq -e 'any(.[]; .kind == \"evidence\")' $TMP/sc-slough.out > /dev/null" \
    "search --committee slough: no evidence among its hits"
scoped review 'children' "--review islington-2024-childrens-workforce" '.review == "islington-2024-childrens-workforce"'
# with a filter on recommendations too: those of the list's
run sc-open-list 0 $RT list --committee islington-childrens-services --status agreed,draft --format json
scoped open 'council' "--committee islington-childrens-services --status agreed,draft" ".kind == \"recommendation\" and (.handle as \$h | $(jq -c '[.[].handle]' "$TMP/sc-open-list.out") | index([\$h]) != null)"
# a committee whose recommendations are not numbered together: a review
# of another committee imported between
cat > "$TMP/sc-other.yaml" <<'YAML'
committee:
  id: other-cttee
  name: Other Committee
  authority: Elsewhere Council
reviews:
  - id: other-review
    title: Children elsewhere
    year: "2024-25"
    recommendations:
      - ref: "1"
        text: Children should be heard elsewhere.
YAML
run sc-other-import 0 $RT import "$TMP/sc-other.yaml"
sed 's/^    recommendations:$/    recommendations:\n      - ref: "99"\n        text: Children in a later recommendation of this review./' \
    data/islington/childrens-workforce-2024.yaml > "$TMP/sc-later.yaml"
check "grep -q 'ref: \"99\"' $TMP/sc-later.yaml" "the later recommendation was not added"
run sc-later-import 0 $RT import "$TMP/sc-later.yaml"
scoped later 'children' "--committee islington-childrens-services" '.committee == "islington-childrens-services"'
check "jq -e 'any(.[]; .handle == \"islington-2024-childrens-workforce/99\")' $TMP/sc-later.out > /dev/null" \
    "search --committee: a recommendation numbered after another committee's is missing"

finish search
