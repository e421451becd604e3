#!/bin/sh
# area-git.sh: scale-out through git, measured with real git in $TMP. Two
# officers clone one records repository (export --dir of data/). Updates
# on two different recommendations merge with no conflict, and the merged
# files import with both. Updates on the same recommendation conflict in
# one hunk, both sides having appended an update at the same place
# (three rounds: Z's first updates, two progress notes, a note and a
# target date moved with 'set'). git's default style cuts the updates'
# common first lines out of the hunk, so that keeping both sides gives
# duplicate keys, which check refuses; in the diff3 style each side is a
# whole update. Resolved as docs/workflow.md says (keep both sides,
# 'updates:' once, delete the markers, import and export before
# committing) the files check, and every database built from the result
# agrees: the same exports byte for byte, the same status and list,
# whatever the order the files are imported in and whichever officer's
# database they are imported into.
. "$(dirname "$0")/lib.sh"

if ! command -v git >/dev/null 2>&1; then
	skip "git is not installed"
	finish git
	exit $?
fi

# git sees only this test's configuration
export HOME=$TMP/home GIT_CONFIG_NOSYSTEM=1
export GIT_AUTHOR_NAME=Tester GIT_AUTHOR_EMAIL=tester@example.org
export GIT_COMMITTER_NAME=Tester GIT_COMMITTER_EMAIL=tester@example.org
mkdir -p "$HOME"
git config --global init.defaultBranch main
git config --global pull.rebase false
git config --global merge.conflictStyle merge
git config --global advice.detachedHead false

X=islington-2023-making-children-visible/2
Y=slough-2023-scf-workforce-strategy/3
Z=islington-2023-making-children-visible/5
MCV=records/islington-childrens-services/islington-2023-making-children-visible.yaml

# --- the records repository and the officers' clones ---------------------
git init -q --bare "$TMP/origin.git"
git clone -q "$TMP/origin.git" "$TMP/seed" 2>/dev/null
run seed-import 0 $BIN --db "$TMP/seed.db" import data/*/*.yaml
run seed-export 0 $BIN --db "$TMP/seed.db" export --dir "$TMP/seed/records"
(cd "$TMP/seed" && git add records && git commit -q -m "records" &&
    git push -q origin main) >"$TMP/seed-git.err" 2>&1
check "[ \$? = 0 ]" "cannot push the records: $(cat "$TMP/seed-git.err")"

# officer NAME: a clone, and a database built from its files
officer() {
	git clone -q "$TMP/origin.git" "$TMP/$1"
	run "$1-import" 0 $BIN --db "$TMP/$1.db" import "$TMP/$1"/records/*/*.yaml
}
officer a
officer b

# record NAME NOW CMD...: officer NAME runs rectrack at time NOW (UTC)
record() {
	rname=$1 rnow=$2
	shift 2
	RECTRACK_NOW=$rnow RECTRACK_USER=$rname run "$rname-$1-$rnow" 0 \
	    $BIN --db "$TMP/$rname.db" "$@"
}
# publish NAME MESSAGE: export, commit; 0 when the commit was made
npub=0
publish() {
	npub=$((npub + 1))
	run "$1-export-$npub" 0 $BIN --db "$TMP/$1.db" export --dir "$TMP/$1/records"
	(cd "$TMP/$1" && git commit -q -am "$2") >/dev/null 2>&1
}

# --- two recommendations: no conflict --------------------------------------
record a 2026-11-21T09:00:00Z status $X in-progress --date 2026-11-20 \
    --note "User research with young people under way"
publish a "X in progress"
check "[ \$? = 0 ]" "officer a has nothing to commit"
(cd "$TMP/a" && git push -q origin main) 2>/dev/null
record b 2026-11-21T09:30:00Z status $Y accepted --date 2026-11-21 \
    --note "Agreed by Cabinet"
publish b "Y accepted"
(cd "$TMP/b" && git pull -q origin main) >"$TMP/merge1.out" 2>&1
check "[ \$? = 0 ]" "the merge of two recommendations failed: $(cat "$TMP/merge1.out")"
check "[ -z \"\$(cd $TMP/b && git diff --name-only --diff-filter=U)\" ]" "the merge of two recommendations left a conflict"
check "! grep -rq '^<<<<<<<' $TMP/b/records" "conflict markers after a clean merge"
(cd "$TMP/b" && git push -q origin main) 2>/dev/null
run merged1-check 0 $BIN check "$TMP"/b/records/*/*.yaml
run merged1-import 0 $BIN --db "$TMP/m1.db" import "$TMP"/b/records/*/*.yaml
run merged1-x 0 $BIN --db "$TMP/m1.db" show $X --format json
has merged1-x out '"status": "in-progress"'
has merged1-x out "User research with young people under way"
run merged1-y 0 $BIN --db "$TMP/m1.db" show $Y --format json
has merged1-y out '"status": "accepted"'
has merged1-y out "Agreed by Cabinet"
# and officer a, pulling, gets b's update into the database it has
(cd "$TMP/a" && git pull -q origin main) >/dev/null 2>&1
check "[ \$? = 0 ]" "officer a cannot pull the merge"
run a-reimport 0 $BIN --db "$TMP/a.db" import "$TMP"/a/records/*/*.yaml
run a-y 0 $BIN --db "$TMP/a.db" show $Y --format json
has a-y out "Agreed by Cabinet"

# --- one recommendation: a trivial conflict --------------------------------
F=$TMP/b/$MCV
# same NAME DATE NOW_A NOTE_A NOW_B NOTE_B: a and b record an update of
# Z; a pushes; b commits hers and pulls, which stops at the conflict. The
# files of each before the merge are kept as $TMP/NAME-a.yaml, -b.yaml.
same() {
	record a "$3" status $Z in-progress --date "$2" --note "$4"
	publish a "Z: a's update ($1)"
	(cd "$TMP/a" && git push -q origin main) 2>/dev/null
	record b "$5" status $Z in-progress --date "$2" --note "$6"
	publish b "Z: b's update ($1)"
	cp "$TMP/a/$MCV" "$TMP/$1-a.yaml"
	cp "$F" "$TMP/$1-b.yaml"
	(cd "$TMP/b" && git pull -q origin main) >"$TMP/$1-merge.out" 2>&1
	check "[ \$? != 0 ]" "$1: the same recommendation merged without a conflict (the test expects one to resolve)"
	(cd "$TMP/b" && git diff --name-only --diff-filter=U) >"$TMP/$1-conflicted"
	check "[ \"\$(cat $TMP/$1-conflicted)\" = '$MCV' ]" "$1: the conflict is not in one file, $MCV: $(cat "$TMP/$1-conflicted")"
}
# hunk A B: one conflict hunk in $F, b's side (ours) with B and not A,
# a's (theirs) with A and not B, as many lines each; the sides in
# $TMP/ours and $TMP/theirs, a diff3 base section in $TMP/base
hunk() {
	check "[ \$(grep -c '^<<<<<<< ' $F) = 1 ] && [ \$(grep -c '^=======\$' $F) = 1 ] && [ \$(grep -c '^>>>>>>> ' $F) = 1 ]" "not one conflict hunk in $F"
	sed -n '/^<<<<<<< /,/^\(|||||||\|=======$\)/p' "$F" | sed '1d;$d' >"$TMP/ours"
	sed -n '/^||||||| /,/^=======$/p' "$F" | sed '1d;$d' >"$TMP/base"
	sed -n '/^=======$/,/^>>>>>>> /p' "$F" | sed '1d;$d' >"$TMP/theirs"
	check "grep -q '$2' $TMP/ours && ! grep -q '$1' $TMP/ours" "b's side of the hunk is not b's update"
	check "grep -q '$1' $TMP/theirs && ! grep -q '$2' $TMP/theirs" "a's side of the hunk is not a's update"
	# at most one update each (none whole in git's default style)
	check "[ \$(grep -c '^ *- date: ' $TMP/ours) = \$(grep -c '^ *- date: ' $TMP/theirs) ] && [ \$(grep -c '^ *- date: ' $TMP/ours) -le 1 ]" "a side of the hunk holds more than one update"
}
MARKERS='^\(<<<<<<< \|||||||| \|=======$\|>>>>>>> \)'
# settle NAME: b imports the resolved files and exports them again before
# committing the merge. The order the resolution left Z's updates in is
# not a change of meaning (they are ordered by date, then recorded time,
# whatever order a file lists them in), so export leaves the file as
# resolved, and nobody's next export moves them into the next conflict
settle() {
	run "$1-settle-import" 0 $BIN --db "$TMP/b.db" import "$TMP"/b/records/*/*.yaml
	cp "$F" "$TMP/$1-resolved"
	run "$1-settle-export" 0 $BIN --db "$TMP/b.db" export --dir "$TMP/b/records"
	check "cmp -s $TMP/$1-resolved $F" "$1: the export changed the resolved file"
	run "$1-settle-check" 0 $BIN check "$TMP"/b/records/*/*.yaml
	(cd "$TMP/b" && git add records && git commit -q --no-edit) >/dev/null 2>&1
}

# Z's first updates (it had none). b records later than a, though b's
# lines come first in the resolved file: the databases order them by
# their recorded times all the same.
same first 2026-11-25 2026-11-25T10:00:00Z "Library youth offer: study spaces booked" \
    2026-11-25T11:00:00Z "Homework clubs restarted in two libraries"
# git's default conflict style writes the lines both sides begin with
# (updates:, the date, the status) once, above the markers: keeping both
# sides as they are gives one update with its keys twice; check refuses
# it and import changes nothing
hunk "Library youth offer" "Homework clubs"
check "[ \$(grep -c '^ *- date: 2026-11-25\$' $TMP/ours) = 0 ] && grep -B3 '^<<<<<<< ' $F | grep -q '^ *- date: 2026-11-25\$'" "git's default style no longer moves the update's first lines above the hunk (docs/workflow.md says it does)"
run conflicted-check 1 $BIN check "$F"
has conflicted-check err "$F:"
grep -v "$MARKERS" "$F" >"$TMP/naive.yaml"
run naive-check 1 $BIN check "$TMP/naive.yaml"
has naive-check err "naive.yaml:155:7: duplicate key 'by' (first at line 152, column 7)"
cp "$TMP/b.db" "$TMP/naive.db"
before=$(dump "$TMP/naive.db")
run naive-import 1 $BIN --db "$TMP/naive.db" import "$TMP/naive.yaml"
check "[ \"\$(dump $TMP/naive.db)\" = '$before' ]" "a refused import changed the database"

# the diff3 style writes each side whole, the base empty (both appended
# at the same place): 'git checkout --conflict=diff3' shows a conflict so
# after the fact, and merge.conflictStyle diff3 from the start gives the
# same lines
(cd "$TMP/b" && git checkout -q --conflict=diff3 -- "$MCV")
hunk "Library youth offer" "Homework clubs"
check "[ ! -s $TMP/base ]" "the base of the hunk is not empty"
check "[ \"\$(head -2 $TMP/ours)\" = \"\$(printf '    updates:\n    - date: 2026-11-25')\" ] && [ \"\$(head -2 $TMP/theirs)\" = \"\$(head -2 $TMP/ours)\" ]" "a side of the diff3 hunk is not 'updates:' and one whole update"
grep -v "$MARKERS" "$F" >"$TMP/checkout-diff3"
(cd "$TMP/b" && git merge --abort && git config merge.conflictStyle diff3 &&
    git merge -q origin/main) >/dev/null 2>&1
check "[ \$? != 0 ]" "the merge in diff3 style did not stop at the conflict"
grep -v "$MARKERS" "$F" >"$TMP/merge-diff3"
check "cmp -s $TMP/checkout-diff3 $TMP/merge-diff3" "merge.conflictStyle diff3 and checkout --conflict=diff3 differ"
# keeping both sides whole repeats 'updates:'; check names it
run twice-check 1 $BIN check "$TMP/merge-diff3"
has twice-check err "merge-diff3:155:5: duplicate key 'updates' (first at line 149, column 5)"
# resolve as docs/workflow.md says: keep both sides, 'updates:' once,
# delete the marker lines; then import and export (which leaves the file
# as resolved) before committing the merge
sed -i -e '/^=======$/{n;/^ *updates:$/d}' "$F"
sed -i "/$MARKERS/d" "$F"
run first-resolved 0 $BIN check "$TMP"/b/records/*/*.yaml
settle first
check "[ \$? = 0 ]" "cannot commit the first resolved merge"
(cd "$TMP/b" && git push -q origin main) 2>/dev/null
(cd "$TMP/a" && git pull -q origin main) >/dev/null 2>&1
check "[ \$? = 0 ]" "officer a cannot pull the first resolved merge"
run a-first 0 $BIN --db "$TMP/a.db" import "$TMP"/a/records/*/*.yaml
run b-first 0 $BIN --db "$TMP/b.db" import "$TMP"/b/records/*/*.yaml

# more updates of Z (it has some now), both on one date: in diff3 style
# each side is one whole update, and deleting the markers resolves it.
# This time a records later than b.
git -C "$TMP/a" config merge.conflictStyle diff3
same second 2026-12-01 2026-12-01T12:00:00Z "Study spaces fully booked in December" \
    2026-12-01T09:00:00Z "Clubs run weekly; attendance recorded"
hunk "Study spaces fully booked" "Clubs run weekly"
check "[ ! -s $TMP/base ]" "the base of the second hunk is not empty"
check "[ \"\$(grep -c '^ *- ' $TMP/ours) \$(grep -c '^ *- ' $TMP/theirs)\" = '1 1' ] && [ \"\$(head -1 $TMP/ours)\" = '    - date: 2026-12-01' ] && [ \"\$(head -1 $TMP/theirs)\" = '    - date: 2026-12-01' ]" "a side of the second hunk is not one whole update"
sed -i "/$MARKERS/d" "$F"
run second-resolved 0 $BIN check "$TMP"/b/records/*/*.yaml
settle second
check "[ \$? = 0 ]" "cannot commit the second resolved merge"

# a target date moved by b ('set', which also marks the due as the
# command line's) and a progress note by a, on one date: the same one hunk,
# resolved the same way
record a 2026-12-02T10:00:00Z status $Z in-progress --date 2026-12-02 \
    --note "Outcomes framework drafted"
publish a "Z: a's note (third)"
(cd "$TMP/a" && git push -q origin main) 2>/dev/null
record b 2026-12-02T09:00:00Z set $Z --due 2027-06-30 --date 2026-12-02 \
    --reason "Waiting for the partnership board's framework"
publish b "Z: b moves the target date (third)"
cp "$TMP/a/$MCV" "$TMP/third-a.yaml"
cp "$F" "$TMP/third-b.yaml"
(cd "$TMP/b" && git pull -q origin main) >/dev/null 2>&1
check "[ \$? != 0 ]" "third: no conflict (the test expects one to resolve)"
hunk "Outcomes framework drafted" "partnership board"
check "[ ! -s $TMP/base ]" "the base of the third hunk is not empty"
check "grep -q '^      due: 2027-06-30\$' $TMP/ours" "b's side lacks the target date"
sed -i "/$MARKERS/d" "$F"
run third-resolved 0 $BIN check "$TMP"/b/records/*/*.yaml
settle third

# --- every database built from the result agrees ---------------------------
FILES=$(ls "$TMP"/b/records/*/*.yaml)
REVERSED=$(ls "$TMP"/b/records/*/*.yaml | sort -r)
# noids: JSON without the numbers a database gives its rows (id, number),
# which follow the order of import; one key a line
noids() {
	python3 -c 'import json, sys
def strip(v):
    if isinstance(v, dict):
        return {k: strip(x) for k, x in v.items() if k not in ("id", "number")}
    if isinstance(v, list):
        return [strip(x) for x in v]
    return v
json.dump(strip(json.load(sys.stdin)), sys.stdout, indent=1, sort_keys=True)'
}
# build NAME: export database NAME into $TMP/out-NAME, show Z
build() {
	run "$1-import" 0 $BIN --db "$TMP/$1.db" import $2
	run "$1-export" 0 $BIN --db "$TMP/$1.db" export --dir "$TMP/out-$1"
	$BIN --db "$TMP/$1.db" show $Z --format json | noids >"$TMP/show-$1.json"
	$BIN --db "$TMP/$1.db" list --format json | noids >"$TMP/list-$1.json"
}
build fwd "$FILES"
build rev "$REVERSED"
cp "$TMP/a.db" "$TMP/froma.db"
build froma "$FILES"
cp "$TMP/b.db" "$TMP/fromb.db"
build fromb "$REVERSED"
# one officer's file, then the other's, then the merge (as two pulls do)
run ab-a 0 $BIN --db "$TMP/ab.db" import data/*/*.yaml
run ab-1 0 $BIN --db "$TMP/ab.db" import "$TMP/third-a.yaml"
run ab-2 0 $BIN --db "$TMP/ab.db" import "$TMP/third-b.yaml"
build ab "$FILES"
run ba-a 0 $BIN --db "$TMP/ba.db" import data/*/*.yaml
run ba-1 0 $BIN --db "$TMP/ba.db" import "$TMP/third-b.yaml"
run ba-2 0 $BIN --db "$TMP/ba.db" import "$TMP/third-a.yaml"
build ba "$FILES"
for d in rev froma fromb ab ba; do
	check "diff -r $TMP/out-fwd $TMP/out-$d >&2" "the export of $d differs from fwd's"
	check "cmp -s $TMP/show-fwd.json $TMP/show-$d.json" "show $Z differs between fwd and $d"
	check "cmp -s $TMP/list-fwd.json $TMP/list-$d.json" "list differs between fwd and $d"
done
check "grep -q '\"status\": \"in-progress\"' $TMP/show-fwd.json" "Z is not in progress"
# both updates, in the order they were recorded: a's (10:00), then b's
# all six updates, those of one date in the order recorded: a's then
# b's on 2026-11-25, b's then a's on 2026-12-01 and 2026-12-02
grep -o 'Library youth offer\|Homework clubs restarted\|Clubs run weekly\|Study spaces fully booked\|partnership board\|Outcomes framework drafted' "$TMP/show-fwd.json" >"$TMP/order"
check "[ \"\$(cat $TMP/order | tr '\n' /)\" = 'Library youth offer/Homework clubs restarted/Clubs run weekly/Study spaces fully booked/partnership board/Outcomes framework drafted/' ]" "Z's updates are not all there in the order recorded: $(tr '\n' / <"$TMP/order")"
check "grep -q '\"due\": \"2027-06-30\"' $TMP/show-fwd.json" "Z's target date is not b's"

# exporting the merged database gives files that check, and a second
# export changes nothing (the records settle after one commit)
run settle-export 0 $BIN --db "$TMP/fwd.db" export --dir "$TMP/b/records"
run settle-check 0 $BIN check "$TMP"/b/records/*/*.yaml
(cd "$TMP/b" && git commit -q -am "records in order" >/dev/null 2>&1 || true)
run settle-again 0 $BIN --db "$TMP/fwd.db" export --dir "$TMP/b/records"
check "[ -z \"\$(cd $TMP/b && git status --porcelain)\" ]" "a second export changed the records"

finish git
