#!/bin/sh
# area-handwritten.sh: a hand-written file (comments on their own lines,
# at line ends and between list items, 4-space indentation, |- and >
# blocks, quoted and flow values) goes through import -> status -> set ->
# export --dir -> git commit -> scripts/ci-records.sh and keeps every
# comment: export --dir edits it in place (src/export-patch.c), leaves it
# alone when nothing changed, and rewrites a file it cannot edit in
# rectrack's form, saying so.
. "$(dirname "$0")/lib.sh"

if ! command -v git >/dev/null 2>&1; then
	skip "handwritten (needs git)"
	finish handwritten
	exit
fi
export GIT_AUTHOR_NAME=tester GIT_AUTHOR_EMAIL=tester@example.org
export GIT_COMMITTER_NAME=tester GIT_COMMITTER_EMAIL=tester@example.org
export GIT_CONFIG_NOSYSTEM=1 HOME=$TMP
FIX=tests/fixtures/handwritten
REPO=$TMP/repo
F=records/hand-scrutiny/hand-2025-parks.yaml
RT="$BIN --db $TMP/c.db"
mkdir "$REPO"
cp -R "$FIX/records" "$REPO/records"
git -C "$REPO" init -q && git -C "$REPO" add records &&
    git -C "$REPO" commit -q -m "hand-written" || bad "git init failed"

# --- a first export of unchanged records leaves the file alone
run hw-import 0 $RT import "$REPO/$F"
has hw-import out "1 file: 8 added, 0 changed, 0 unchanged"
ino=$(ls -i "$REPO/$F" | cut -d' ' -f1)
run hw-export0 0 $RT export --dir "$REPO/records"
has hw-export0 err "rectrack: wrote 0 files under $REPO/records, 1 unchanged"
check "cmp -s $FIX/$F $REPO/$F" "an unchanged hand-written file was changed"
check "[ \"\$(ls -i $REPO/$F | cut -d' ' -f1)\" = $ino ]" "an unchanged file was rewritten"

# --- record progress, export: only the lines of that progress change
run hw-status1 0 $RT status hand-2025-parks/2 implemented --date 2026-01-10 --note "All three open"
run hw-status2 0 $RT status hand-2025-parks/1 in-progress --date 2026-01-11 --note "Survey done"
run hw-set1 0 $RT set hand-2025-parks/1 --owner "Green Spaces"
run hw-set3 0 $RT set hand-2025-parks/3 --due 2026-03-31
run hw-export1 0 $RT export --dir "$REPO/records"
has hw-export1 err "rectrack: wrote 1 file under $REPO/records"
empty hw-export1 out
grep '^ *#' "$FIX/$F" > "$TMP/comments"
check "[ \"\$(grep -cFx -f $TMP/comments $REPO/$F)\" = \"\$(wc -l < $TMP/comments)\" ]" "a comment line was lost"
check "[ \"\$(wc -l < $TMP/comments)\" = 6 ]" "the fixture's comments were not found"
check "grep -qFx '                    -   date: 2025-09-01' $REPO/$F && grep -qFx '                        note: \"Contract signed\"   # from the September report' $REPO/$F" "an end-of-line comment was lost"
check "grep -qFx '                owner: Green Spaces   # the lead officer'\\''s team' $REPO/$F" "the changed owner lost its comment"
git -C "$REPO" diff --no-color --no-ext-diff | sed '/^index /d' > "$TMP/hw.diff"
# UPDATE=1 writes the diff as the expected one (read it before committing)
[ -n "${UPDATE:-}" ] && cp "$TMP/hw.diff" "$FIX/expected.diff"
check "diff -u $FIX/expected.diff $TMP/hw.diff >&2" "git diff is not the expected edit"
check "[ \"\$(git -C $REPO diff --numstat | cut -f1-2)\" = \"\$(printf '17\t1')\" ]" "git diff is not 17 lines added and 1 removed"
# the edited file means what the database holds
run hw-check 0 $BIN check "$REPO/$F"
run hw-reimport 0 $BIN --db "$TMP/d.db" import "$REPO/$F"
run hw-ex-a 0 $RT export
run hw-ex-b 0 $BIN --db "$TMP/d.db" export
check "cmp -s $TMP/hw-ex-a.out $TMP/hw-ex-b.out" "the edited file does not import to the database's records"
git -C "$REPO" commit -q -am "progress" || bad "git commit failed"

# --- the CI job passes on the hand-written files
mkdir "$TMP/bin"
ln -s "$RAW_BIN" "$TMP/bin/rectrack"
run hw-ci 0 sh -c "cd $REPO && PATH=$TMP/bin:\$PATH $TOP/scripts/ci-records.sh records"
has hw-ci out "ok: the files' meaning round-trips through export"
has hw-ci out "1 file ok, 3 recommendations"
has hw-ci out "ok: export --dir leaves the files as they are"

# --- a second export changes nothing, not even the file's inode
ino=$(ls -i "$REPO/$F" | cut -d' ' -f1)
run hw-export2 0 $RT export --dir "$REPO/records"
has hw-export2 err "rectrack: wrote 0 files under $REPO/records, 1 unchanged"
check "[ -z \"\$(git -C $REPO status --porcelain records)\" ]" "a second export changed the files"
check "[ \"\$(ls -i $REPO/$F | cut -d' ' -f1)\" = $ino ]" "a second export rewrote the file"

# --- a replaced response (its 'by' gone), an action, a stage: edited in
# place too, every comment kept
run hw-respond 0 $RT respond hand-2025-parks/1 --decision accepted --text "Agreed in full.
Benches from May." --replace --date 2026-01-05
run hw-action 0 $RT action add hand-2025-parks/1 "Buy benches" --owner Parks --due 2026-05-31
run hw-stage 0 $RT stage hand-2025-parks closed
run hw-set3b 0 $RT set hand-2025-parks/3 --owner "Parks & Gardens"
run hw-export3 0 $RT export --dir "$REPO/records"
has hw-export3 err "rectrack: wrote 1 file under $REPO/records"
lacks hw-export3 err "rewritten"
check "[ \"\$(grep -cFx -f $TMP/comments $REPO/$F)\" = 6 ]" "a comment line was lost"
check "grep -qFx '                owner: \"Parks & Gardens\"' $REPO/$F" "a quoted owner lost its quotes"
check "grep -qFx '        stage: closed' $REPO/$F && grep -qFx '                    date: 2026-01-05' $REPO/$F && grep -qFx '                      Benches from May.' $REPO/$F" "the response or the stage was not edited in place"
check "[ \"\$(git -C $REPO diff --numstat | cut -f1-2)\" = \"\$(printf '22\t5')\" ]" "the response, action, stage and owner are not 22 lines added and 5 removed"
run hw-reimport3 0 $BIN --db "$TMP/d3.db" import "$REPO/$F"
run hw-ex3-a 0 $RT export
run hw-ex3-b 0 $BIN --db "$TMP/d3.db" export
check "cmp -s $TMP/hw-ex3-a.out $TMP/hw-ex3-b.out" "the edited file does not import to the database's records"

# --- a new update that export orders before a retraction goes there,
# between the file's items
RR=$TMP/rr/test-committee/test-review.yaml
mkdir -p "$TMP/rr/test-committee"
cp tests/fixtures/retract/good.yaml "$RR"
run rr-import 0 $BIN --db "$TMP/rr.db" import "$RR"
run rr-status 0 $BIN --db "$TMP/rr.db" status test-review/1 in-progress --date 2026-11-20 --note "Figures drafted" --force
run rr-export 0 $BIN --db "$TMP/rr.db" export --dir "$TMP/rr"
has rr-export err "rectrack: wrote 1 file under $TMP/rr"
lacks rr-export err "rewritten"
check "[ \"\$(grep -n -e '- date: 2205-06-01' -e '- date: 2026-11-20' -e '- date: 2026-04-01' $RR | cut -d: -f1 | tr '\n' ' ')\" = '18 24 29 ' ]" "the new update is not between the file's items"
run rr-reimport 0 $BIN --db "$TMP/rr2.db" import "$RR"
run rr-ex-a 0 $BIN --db "$TMP/rr.db" export
run rr-ex-b 0 $BIN --db "$TMP/rr2.db" export
check "cmp -s $TMP/rr-ex-a.out $TMP/rr-ex-b.out" "the edited file does not import to the database's records"

# --- a file with CRLF line ends gets CRLF lines
CR=$TMP/cr/crlf-committee/crlf-review.yaml
mkdir -p "$TMP/cr/crlf-committee"
cp tests/fixtures/good/crlf.yaml "$CR"
run cr-import 0 $BIN --db "$TMP/cr.db" import "$CR"
ref=$(q "$TMP/cr.db" "SELECT ref FROM recs ORDER BY id LIMIT 1")
run cr-status 0 $BIN --db "$TMP/cr.db" status "crlf-review/$ref" in-progress --date 2026-11-20 --note "Under way" --force
run cr-export 0 $BIN --db "$TMP/cr.db" export --dir "$TMP/cr"
lacks cr-export err "rewritten"
check "[ \"\$(grep -c \"\$(printf '\r')\$\" $CR)\" = \"\$(wc -l < $CR)\" ] && grep -q 'note: Under way' $CR" "a line added to a CRLF file does not end in CRLF"

# --- a file in rectrack's form stays in it: keys go where export puts them
run cf-import 0 $BIN --db "$TMP/cf.db" import data/islington/making-children-visible-2023.yaml
run cf-export 0 $BIN --db "$TMP/cf.db" export --dir "$TMP/cf"
run cf-status 0 $BIN --db "$TMP/cf.db" status islington-2023-making-children-visible/2 in-progress --date 2026-11-20 --note "Under way"
run cf-set 0 $BIN --db "$TMP/cf.db" set islington-2023-making-children-visible/2 --due 2027-03-31 --owner "Communications Department"
run cf-export2 0 $BIN --db "$TMP/cf.db" export --dir "$TMP/cf"
has cf-export2 err "rectrack: wrote 1 file under $TMP/cf"
run cf-fresh 0 $BIN --db "$TMP/cf.db" export --dir "$TMP/cf-fresh"
check "diff -r $TMP/cf $TMP/cf-fresh >&2" "an edited file in rectrack's form left it"

# --- flow style: a text replaced, a key and an item added, inside the
# brackets
G=$TMP/flow/hand-scrutiny/hand-2025-flow.yaml
cp -R "$FIX/flow" "$TMP/flow"
RF="$BIN --db $TMP/f.db"
run fl-import 0 $RF import "$G"
run fl-set 0 $RF set hand-2025-flow/1 --owner "Tree Team"
run fl-status 0 $RF status hand-2025-flow/2 implemented --date 2026-01-10 --note "Watered"
run fl-export 0 $RF export --dir "$TMP/flow"
has fl-export err "rectrack: wrote 1 file under $TMP/flow"
lacks fl-export err "rewritten"
check "grep -qFx '      - {ref: \"1\", text: Plant trees., owner: Tree Team, cli_recorded: [owner]}   # a flow mapping' $G" "the owner in a flow mapping was not replaced in place"
check "grep -qFx '        updates: [{date: 2025-09-01, status: in-progress}, {date: 2026-01-10, status: implemented, by: tester, note: Watered, recorded: 2026-11-22T10:00:00Z}]' $G" "the update was not appended to the flow list"
# an edit that would read otherwise there ('Parks, Gardens' in a flow
# mapping) is caught before writing: rectrack's form, and the message
run fl-set2 0 $RF set hand-2025-flow/1 --owner "Parks, Gardens"
run fl-export2 0 $RF export --dir "$TMP/flow"
has fl-export2 err "rectrack: $TMP/flow/hand-scrutiny/hand-2025-flow.yaml: rewritten in rectrack's form, its comments and layout not kept: the file edited in place would not read as the database"
has fl-export2 err "rectrack: wrote 1 file under $TMP/flow"
check "! grep -q '#' $G" "a rewritten file kept a comment"
run fl-ex-a 0 $RF export --review hand-2025-flow
run fl-ex-b 0 $BIN --db "$TMP/f2.db" import "$G"
run fl-ex-c 0 $BIN --db "$TMP/f2.db" export --review hand-2025-flow
check "cmp -s $TMP/fl-ex-a.out $TMP/fl-ex-c.out" "the rewritten file does not import to the database's records"
# a file whose recommendations stand in another order than the
# database's is not edited: rectrack's form, and the message
run fl-import3 0 $BIN --db "$TMP/f3.db" import "$FIX/flow/hand-scrutiny/hand-2025-flow.yaml"
cp "$FIX/flow-reordered.yaml" "$G"
run fl-status3 0 $BIN --db "$TMP/f3.db" status hand-2025-flow/2 implemented --date 2026-01-10 --note "Watered"
run fl-export3 0 $BIN --db "$TMP/f3.db" export --dir "$TMP/flow"
has fl-export3 err "rectrack: $TMP/flow/hand-scrutiny/hand-2025-flow.yaml: rewritten in rectrack's form, its comments and layout not kept: the change is not one that can be made in place"
has fl-export3 err "rectrack: wrote 1 file under $TMP/flow"
# a file that does not import alone is rewritten too, and says so
printf 'format: rectrack/1\ncommittee: [\n' > "$G"
run fl-export4 0 $BIN --db "$TMP/f3.db" export --dir "$TMP/flow"
has fl-export4 err "rectrack: $TMP/flow/hand-scrutiny/hand-2025-flow.yaml: rewritten in rectrack's form, its comments and layout not kept: it does not import on its own"
run fl-check4 0 $BIN check "$G"

# --- a hand-written file holding more than its review (here its
# committee's meetings too) is not left as it is: export writes the
# meetings to meetings.yaml, and the folder would define them twice. It
# is rewritten with its review alone, and says why; the folder checks
MR=$TMP/mr/north-scrutiny
mkdir -p "$MR"
cp tests/fixtures/actions2/round.yaml "$MR/north-2026-libraries.yaml"
run mr-import 0 $BIN --db "$TMP/mr.db" import "$MR/north-2026-libraries.yaml"
run mr-export 0 $BIN --db "$TMP/mr.db" export --dir "$TMP/mr"
has mr-export err "rectrack: $MR/north-2026-libraries.yaml: rewritten in rectrack's form, its comments and layout not kept: it holds records that export writes to files of their own (one file per review, the meetings in meetings.yaml)"
run mr-check 0 $BIN check "$MR/meetings.yaml" "$MR/north-2026-libraries.yaml"
run mr-export2 0 $BIN --db "$TMP/mr.db" export --dir "$TMP/mr"
has mr-export2 err "rectrack: wrote 0 files under $TMP/mr, 2 unchanged"

# --- the CI job refuses records export would lay out otherwise: a file
# holding two parts, or a review's file under another name (export
# would add the review's own file beside it)
for kind in whole misnamed; do
	CI=$TMP/ci-$kind
	mkdir -p "$CI/records/north-scrutiny"
	if [ $kind = whole ]; then
		cp tests/fixtures/actions2/round.yaml \
		    "$CI/records/north-scrutiny/north-2026-libraries.yaml"
	else
		cp "$MR/north-2026-libraries.yaml" \
		    "$CI/records/north-scrutiny/libraries.yaml"
		cp "$MR/meetings.yaml" "$CI/records/north-scrutiny/"
	fi
	run ci-$kind 1 sh -c "cd $CI && PATH=$TMP/bin:\$PATH $TOP/scripts/ci-records.sh records"
	has ci-$kind out "ok: the files' meaning round-trips through export"
	has ci-$kind err "ci-records: 'rectrack export --dir records' would change the files"
done
has ci-whole err "it holds records that export writes to files of their own"
has ci-misnamed err "north-scrutiny: north-2026-libraries.yaml"

finish handwritten
