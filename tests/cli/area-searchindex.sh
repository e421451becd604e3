#!/bin/sh
# area-searchindex.sh: the full-text index has one maker of a
# recommendation's rows, fed by an import's record (the write path) and by
# the recommendation loaded from the tables (search_text, a rebuild,
# verify): the two give the same rows, byte for byte, and every write
# leaves the index as a rebuild from the tables makes it.
. "$(dirname "$0")/lib.sh"

DB=$TMP/s.db
RT="$BIN --db $DB"
H=searchindex-review/1

# a recommendation with every part: findings, inline evidence between
# catalogue items cited, a response with actions (with and without a
# note) and a response replaced, updates with and without notes, listed
# out of date order (a note's place in the index is the order stored)
cat > "$TMP/every.yaml" <<'YAML'
format: rectrack/1
committee:
  id: searchindex
  name: Search index committee
  authority: Test Council
reviews:
  - id: searchindex-review
    title: Every part of a recommendation
    year: 2024-25
    evidence:
      - id: CAT-1
        kind: document
        title: Catalogue item one
        text: cited by reference, indexed as its own row
      - id: CAT-2
        kind: document
        title: Catalogue item two
    recommendations:
      - ref: "1"
        title: Zeppelin hangar feasibility
        addressee: Executive Member
        text: |-
          The Council should study the zeppelin hangar.
          A second line, with "quotes" and café.
        findings:
          - First finding about airships
          - Second finding
          - Third finding
        evidence:
          - CAT-1
          - kind: other
            title: Inline evidence title
            text: "inline evidence text\nsecond line"
          - CAT-2
          - kind: other
            title: Title only evidence
          - kind: other
            title: "Trailing item"
            text: "with text"
        owner: Director of Place
        due: 2025-03-31
        response:
          date: 2024-03-01
          by: Executive
          decision: partially-accepted
          text: The Executive accepts the hangar study in part.
          actions:
            - id: A-1
              text: Commission the hangar study
              status: open
              note: Procurement under way
            - id: A-2
              text: Report to committee
              status: open
            - id: A-3
              text: Close the old airfield
              status: dropped
              note: Superseded
          replaced:
            - date: 2024-02-01
              by: Executive
              decision: noted
              text: An earlier response, replaced.
              replaced_on: 2024-02-20
        updates:
          - date: 2024-06-01
            status: in-progress
            note: A later note, listed first
          - date: 2024-02-01
            status: agreed
            note: An earlier note, listed second
          - date: 2024-04-01
            status: partially-accepted
          - date: 2024-05-01
            status: in-progress
            by: Clerk
            note: The third note
YAML

IXDUMP="SELECT term, doc, col, offset FROM search_inst ORDER BY 1, 2, 3, 4; SELECT id, hex(sz) FROM search_docsize ORDER BY id"
# same NAME: the index is what a rebuild from the tables makes (every
# word in its place, every row's size), and verify finds it consistent
same() {
	sqlite3 "$DB" "$IXDUMP" > "$TMP/$1.before"
	run "$1-verify" 0 $RT verify
	has "$1-verify" out "ok:"
	run "$1-reindex" 0 $RT reindex
	sqlite3 "$DB" "$IXDUMP" > "$TMP/$1.after"
	check "[ -s $TMP/$1.before ] && cmp -s $TMP/$1.before $TMP/$1.after" "$1: the index differs from a rebuild"
	run "$1-verify2" 0 $RT verify
}

# --- the write path's rows are the table path's ---------------------------
run import 0 $RT import "$TMP/every.yaml"
[ -s "$DB" ] || { finish searchindex; exit 1; }
# every part has its row: title, text, response, three findings, inline
# evidence at its place among the items cited (1, 3, 4),
# three notes in the order stored, three actions
REC=$(q "$DB" "SELECT id FROM recs")
BASE=$(( (1 << 40) + (REC << 16) ))
check "[ \"\$(q $DB 'SELECT group_concat(id - $BASE) FROM (SELECT id FROM search_docsize WHERE id BETWEEN $BASE AND $BASE + 65535 ORDER BY id)')\" = '0,1,2,16,17,18,10017,10019,10020,20016,20017,20018,45016,45017,45018' ]" "the recommendation's rows are not in their places"
# the note listed first in the file has the first note's place, whatever
# its date: the texts FTS5 indexed are the ones the tables give back
run note-first 0 $RT search '"listed first"' --format json
check "[ \"\$(jq -r '.[0].field' < $TMP/note-first.out)\" = 'update note' ]" "the first note is not found"
run joined 0 $RT search '"inline evidence text"' --format json
check "[ \"\$(jq length < $TMP/joined.out)\" = 1 ]" "an inline evidence item's title and text are not one row"
same import
# a second import of the same file writes nothing, and changes nothing
run reimport 0 $RT import "$TMP/every.yaml"
has reimport out "nothing changed"
same reimport

# --- every write path leaves the index as a rebuild makes it --------------
run status 0 $RT status $H in-progress --note "A note from the command line about zeppelins"
same status
run respond 0 $RT respond $H --decision accepted --text "The Executive now accepts the hangar study." --replace
same respond
run set 0 $RT set $H --owner "Chief Executive" --due 2025-09-30 --reason "Hangar survey delayed"
same set
run set-addressee 0 $RT set $H --addressee "Leader of the Council"
same set-addressee
ACT=$(q "$DB" "SELECT id FROM actions WHERE aid = 'A-2'")
run action 0 $RT action "$ACT" done --note "Reported to committee in May"
same action
run action-note 0 $RT search '"reported to committee"' --format json
check "[ \"\$(jq -r '.[0].field' < $TMP/action-note.out)\" = action ]" "an action's new note is not searchable"
# a changed file, imported again: the recommendation's rows change
sed -e 's/First finding about airships/First finding about dirigibles/' \
    -e 's/inline evidence text/inline evidence, changed/' \
    "$TMP/every.yaml" > "$TMP/changed.yaml"
run changed 0 $RT import "$TMP/changed.yaml"
has changed out "changed"
same changed
run changed-hit 0 $RT search dirigibles --format json
check "[ \"\$(jq -r '.[0].field' < $TMP/changed-hit.out)\" = finding ]" "a changed finding is not searchable"

finish searchindex
