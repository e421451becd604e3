#!/bin/sh
# area-field.sh: adding a display-only field to a recommendation is three
# edits in three files (docs/decisions.md, "Adding a field"): its line in
# record.h's REC_SHOWN_TEXTS, its column's migration in db-sql.c, and its
# list column in cmd-list.c. This script makes those edits to a copy of
# the source (a field 'page'), builds it, and checks that the field is read
# from a file with every text's checks, stored, compared on re-import,
# exported where the list puts it, shown in show's text, JSON and YAML,
# listed, checked by verify, and added to an older database by migration.
# It fails when any other file would need an edit too.
. "$(dirname "$0")/lib.sh"

SRC=$TMP/src
mkdir -p "$SRC"
cp -R Makefile src include "$SRC"/ || { echo "cannot copy the source"; exit 1; }

# the three edits; each must apply once, or the shape they rely on changed
python3 - "$SRC" <<'EOF' || { echo "area-field: the edits do not apply"; exit 1; }
import sys
top = sys.argv[1]

def edit(path, old, new):
    p = top + "/" + path
    s = open(p).read()
    if s.count(old) != 1:
        sys.exit("%s: %r found %d times" % (path, old, s.count(old)))
    open(p, "w").write(s.replace(old, new))

edit("include/record.h", "#define REC_SHOWN_TEXTS(X)\n",
     '#define REC_SHOWN_TEXTS(X) X(page, "Page")\n')
edit("src/db-sql.c",
     "};\n\nconst int db_nmigrations",
     '\t"ALTER TABLE recs ADD COLUMN page TEXT",\n};\n\nconst int db_nmigrations')
edit("src/cmd-list.c", "COL_TEXT, NCOLS,", "COL_TEXT, COL_PAGE, NCOLS,")
edit("src/cmd-list.c", '"TEXT", CELL_STR, OUT_BRIEF | OUT_WIDE },\n};',
     '"TEXT", CELL_STR, OUT_BRIEF | OUT_WIDE },\n'
     '\t[COL_PAGE] = { "page", "PAGE", CELL_STR, 0 },\n};')
edit("src/cmd-list.c", "\tc[COL_TEXT].s = xstrdup(r->text);\n",
     "\tc[COL_TEXT].s = xstrdup(r->text);\n"
     "\tc[COL_PAGE].s = xstrdup_or_null(r->page);\n")
EOF
changed=$(diff -rq "$TOP/src" "$SRC/src"; diff -rq "$TOP/include" "$SRC/include")
check '[ "$(echo "$changed" | wc -l)" = 3 ]' "edits in other than three files: $changed"

# the copy builds as the tree does (SAN=1 from make's flags included)
if ! make -C "$SRC" rectrack >"$TMP/build.log" 2>&1; then
	bad "the copy with a field added does not build"
	tail -20 "$TMP/build.log" >&2
	finish area-field
	exit
fi
ok
FBIN="${RECTRACK_WRAP:+$RECTRACK_WRAP }$SRC/rectrack"
DB=$TMP/f.db
RT="$FBIN --db $DB"

mk() {	# mk FILE PAGE1 [more lines of recommendation 2]
	cat > "$1" <<EOF
format: rectrack/1
committee:
  id: c
  name: A Committee
  authority: A Council
reviews:
  - id: r
    title: A Review
    submitted: 2026-01-10
    recommendations:
      - ref: "1"
        text: The first.
        owner: An Officer
        response_within: 3 months
$2
      - ref: "2"
        text: The second.
${3:-}
EOF
}

# --- read, stored, shown -----------------------------------------------
mk "$TMP/a.yaml" '        page: "12"'
run f-check 0 $FBIN check "$TMP/a.yaml"
run f-import 0 $RT import "$TMP/a.yaml"
run f-show 0 $RT show r/1
has f-show out "Page         12"
run f-show2 0 $RT show r/2
lacks f-show2 out "Page"
run f-json 0 $RT show r/1 --format json
check '[ "$(jq -r .page "$TMP/f-json.out")" = 12 ]' "show json: no page"
check "jq -r 'keys_unsorted | join(\" \")' \"$TMP/f-json.out\" | grep -q 'last_update page text'" \
    "show json: page is not after last_update"
run f-json2 0 $RT show r/2 --format json
check '[ "$(jq -c .page "$TMP/f-json2.out")" = null ]' "show json: page not null"
run f-yaml 0 $RT show r/1 --format yaml
has f-yaml out "page: 12"
run f-list 0 $RT list --format json
check '[ "$(jq -c "[.[].page]" "$TMP/f-list.out")" = "[\"12\",null]" ]' \
    "list json: pages $(jq -c '[.[].page]' "$TMP/f-list.out")"
run f-csv 0 $RT list --format csv
check "head -1 \"$TMP/f-csv.out\" | tr -d '\\r' | grep -q ',text,page\$'" \
    "list csv: no page column"
run f-verify 0 $RT verify

# --- exported after response_within, and read back unchanged ---------------
run f-export 0 $RT export --committee c
check "grep -A1 'response_within: 3 months' \"$TMP/f-export.out\" | grep -q 'page: 12'" \
    "export: page is not after response_within"
cp "$TMP/f-export.out" "$TMP/again.yaml"
before=$(dump "$DB")
run f-again 0 $RT import "$TMP/again.yaml"
check '[ "$(dump "$DB")" = "$before" ]' "re-import of the export changed the database"

# --- a changed page is a change; an absent one keeps what is held ----------
mk "$TMP/b.yaml" '        page: "13"'
run f-change 0 $RT import "$TMP/b.yaml"
run f-show3 0 $RT show r/1 --format json
check '[ "$(jq -r .page "$TMP/f-show3.out")" = 13 ]' "a changed page was not stored"
mk "$TMP/c.yaml" ''
run f-absent 0 $RT import "$TMP/c.yaml"
run f-show4 0 $RT show r/1 --format json
check '[ "$(jq -r .page "$TMP/f-show4.out")" = 13 ]' "an absent page dropped the held one"

# --- every text's checks, from a file ------------------------------------
mk "$TMP/bad.yaml" '        page: [12]'
before=$(dump "$DB")
run f-bad 1 $RT import "$TMP/bad.yaml"
has f-bad err "bad.yaml:15:15"
has f-bad err "'page' must be text"
mk "$TMP/ctl.yaml" '        page: "1\e[2J"'
run f-ctl 1 $RT import "$TMP/ctl.yaml"
run f-ctl-title 1 $FBIN check "$(mk "$TMP/ctl2.yaml" '        title: "1\e[2J"'; echo "$TMP/ctl2.yaml")"
check "[ \"\$(sed 's/.*: //' \"$TMP/f-ctl.err\" | head -1)\" = \"\$(sed 's/.*: //' \"$TMP/f-ctl-title.err\" | head -1)\" ]" \
    "a control character in page is not refused as in title"
mk "$TMP/unknown.yaml" '        pages: "12"'
run f-unknown 1 $RT import "$TMP/unknown.yaml"
has f-unknown err "pages"
check '[ "$(dump "$DB")" = "$before" ]' "a refused import changed the database"

# --- the database is untrusted: verify checks the column -------------------
cp "$DB" "$TMP/t.db"
q "$TMP/t.db" "UPDATE recs SET page = char(27) || '[2J' WHERE ref = '2'"
run f-tamper 1 $FBIN --db "$TMP/t.db" verify
has f-tamper err "page"
run f-tshow 0 $FBIN --db "$TMP/t.db" show r/2
lacks f-tshow out "$(printf '\033')"

# --- an older database gains the column ---------------------------------
$RAW_BIN --db "$TMP/old.db" import "$TMP/c.yaml" >/dev/null ||
    bad "the tree's binary cannot import"
run f-migrate 0 $FBIN --db "$TMP/old.db" import "$TMP/a.yaml"
run f-mshow 0 $FBIN --db "$TMP/old.db" show r/1 --format json
check '[ "$(jq -r .page "$TMP/f-mshow.out")" = 12 ]' "a migrated database: no page"
run f-mverify 0 $FBIN --db "$TMP/old.db" verify

finish area-field
