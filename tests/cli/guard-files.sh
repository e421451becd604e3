#!/bin/sh
# guard-files.sh: the files rectrack writes (report/export --output,
# export --dir, backup) never replace a special file, a link or the
# database, never follow a planted link, never leave a temporary behind
# on a signal, and never write outside the directory they are given.
. "$(dirname "$0")/lib.sh"

DB=$TMP/t.db
$RAW_BIN --db "$DB" import data/*/*.yaml >/dev/null 2>&1 ||
	bad "cannot build the test database"
D="$BIN --db $DB"
# the bytes of the report and of the export, as standard output has them
$RAW_BIN --db "$DB" report --format csv > "$TMP/report.csv"
$RAW_BIN --db "$DB" export > "$TMP/export.yaml"

# mode FILE: its permission bits, in octal
mode() { stat -c %a "$1"; }
# nothing FILE...: no temporary of rectrack's is left
leftovers() { find "$TMP" -name '*.tmp-*' | head -3; }

# --- 1. --output: special files, links and the database -----------------

# the database being read, and the files SQLite keeps beside it (a copy,
# so that the tests below have theirs whatever happens to it)
X=$TMP/x.db
cp "$DB" "$X"
before=$(dump "$X")
run out-db 1 $BIN --db "$X" report --output "$X"
has out-db err "is the database being read"
check "[ \"\$(dump $X)\" = \"$before\" ]" "report --output DB changed the database"
cp "$DB" "$X"
run out-db-export 1 $BIN --db "$X" export --output "$X"
check "[ \"\$(dump $X)\" = \"$before\" ]" "export --output DB changed the database"
run out-db-wal 1 $BIN --db "$X" export --output "$X-wal"
# (a reader may leave SQLite's own empty -wal beside the file: nothing of
# the export may be in it)
check "[ ! -s $X-wal ]" "export --output DB-wal wrote into the database's WAL file"
run out-db-journal 1 $BIN --db "$X" report --output "$X-journal"
check "[ ! -e $X-journal ]" "report --output DB-journal made a journal"
cp "$DB" "$X"
ln "$X" "$TMP/hard.db"
run out-db-hardlink 1 $BIN --db "$X" export --output "$TMP/hard.db"
check "[ \"\$(dump $X)\" = \"$before\" ]" "export --output HARD-LINK-TO-DB changed the database"
cp "$DB" "$X"
ln -s x.db "$TMP/sym.db"
run out-db-symlink 1 $BIN --db "$X" report --output "$TMP/sym.db"
check "[ -L $TMP/sym.db ] && [ \"\$(dump $X)\" = \"$before\" ]" "--output through a link to the database"
rm -f "$TMP/hard.db" "$TMP/sym.db" "$X"

# a character device is written in place (a link to /dev/null, so that
# the code before this fix renamed over the link, not over /dev/null)
ln -s /dev/null "$TMP/null"
run out-null 0 $D report --output "$TMP/null"
check "[ -L $TMP/null ] && [ -c /dev/null ]" "report --output LINK-TO-/dev/null replaced the link"
empty out-null out
rm -f "$TMP/null"

# standard output through a link to it (as /dev/stdout is): in place
ln -s /proc/self/fd/1 "$TMP/stdout"
$BIN --db "$DB" report --format csv --output "$TMP/stdout" 2>"$TMP/so.err" | cat > "$TMP/so.out"
check "cmp -s $TMP/so.out $TMP/report.csv" "--output LINK-TO-STDOUT (a pipe) did not reach the pipe"
check "[ -L $TMP/stdout ]" "--output LINK-TO-STDOUT replaced the link"
rm -f "$TMP/stdout"

# a FIFO is written in place: the reader gets the report
mkfifo "$TMP/fifo"
timeout 20 cat "$TMP/fifo" > "$TMP/fifo.got" &
reader=$!
run out-fifo 0 timeout 20 $D report --format csv --output "$TMP/fifo"
[ -p "$TMP/fifo" ] || : > "$TMP/fifo" # the code before this fix: free the reader
wait $reader
check "[ -p $TMP/fifo ]" "report --output FIFO replaced the FIFO"
check "cmp -s $TMP/fifo.got $TMP/report.csv" "the FIFO's reader did not get the report"
rm -f "$TMP/fifo"

# a link to a regular file: the target is written (its mode kept), the
# link stays a link
echo old > "$TMP/target.yaml"
chmod 600 "$TMP/target.yaml"
ln -s target.yaml "$TMP/link.yaml"
run out-link 0 $D export --output "$TMP/link.yaml"
check "[ -L $TMP/link.yaml ]" "export --output LINK replaced the link by a file"
check "cmp -s $TMP/target.yaml $TMP/export.yaml" "export --output LINK did not write the link's target"
check "[ \"\$(mode $TMP/target.yaml)\" = 600 ]" "export --output LINK changed the target's mode"
# a link to nothing is refused, and nothing is made at either end
ln -s "$TMP/nowhere.yaml" "$TMP/dangling.yaml"
run out-dangling 1 $D export --output "$TMP/dangling.yaml"
has out-dangling err "symbolic link to nothing"
check "[ -L $TMP/dangling.yaml ] && [ ! -e $TMP/nowhere.yaml ]" "--output DANGLING-LINK wrote something"

# directories are refused
mkdir "$TMP/adir"
run out-dir 1 $D report --output "$TMP/adir"
has out-dir err "is a directory"
run out-empty 2 $D export --output ''

# a replaced file keeps its mode; a new one gets 0666 less the umask
echo old > "$TMP/private.md"
chmod 600 "$TMP/private.md"
run out-keep-mode 0 $D report --output "$TMP/private.md"
check "[ \"\$(mode $TMP/private.md)\" = 600 ]" "report --output changed a replaced file's mode"
run out-umask 0 sh -c "umask 027 && $D export --output $TMP/new.yaml"
check "[ \"\$(mode $TMP/new.yaml)\" = 640 ]" "a new --output file ignores the umask (mode $(mode "$TMP/new.yaml"))"
check "[ -z \"\$(leftovers)\" ]" "a temporary file was left: $(leftovers)"

# --- 2. backup: no planted link followed, nothing overwritten -----------

# links at every name the code before this fix could use (PATH.tmp-PID for
# the next few thousand process ids) point at another database
cp "$DB" "$TMP/victim.db"
victim=$(dump "$TMP/victim.db")
mkdir "$TMP/bk"
python3 -c '
import os, sys
d, v = sys.argv[1], sys.argv[2]
p = os.getpid()
for n in range(p + 1, p + 5000):
    os.symlink(v, "%s/copy.db.tmp-%d" % (d, n))
' "$TMP/bk" "$TMP/victim.db"
sqlite3 "$DB" "UPDATE committees SET name = name || ' (changed)'"
run backup-planted 0 $RAW_BIN --db "$DB" backup "$TMP/bk/copy.db"
check "[ \"\$(dump $TMP/victim.db)\" = \"$victim\" ]" "backup wrote through a planted link into another database"
check "[ -f $TMP/bk/copy.db ] && [ ! -L $TMP/bk/copy.db ]" "backup did not make a file"
check "[ \"\$(dump $TMP/bk/copy.db)\" = \"\$(dump $DB)\" ]" "the backup differs from the database"
rm -rf "$TMP/bk"

# PATH as a link, even to nothing, exists: refused, nothing made
ln -s "$TMP/made.db" "$TMP/bk-link.db"
run backup-link 1 $D backup "$TMP/bk-link.db"
has backup-link err "already exists"
check "[ ! -e $TMP/made.db ]" "backup PATH-LINK made the link's target"
run backup-empty 2 $D backup ''

# PATH made by someone else while the copy is written is never replaced:
# a database big enough to catch the temporary; PATH is made (noclobber)
# as soon as it appears
BIG=$TMP/big.db
python3 tests/bench/gen.py 5000 > "$TMP/big.yaml"
$RAW_BIN --db "$BIG" import "$TMP/big.yaml" >/dev/null 2>&1 || bad "cannot build the big database"
rm -f "$TMP/big.yaml"
raced=0
for try in 1 2 3 4 5 6 7 8 9 10; do
	rm -rf "$TMP/race" && mkdir "$TMP/race"
	$RAW_BIN --db "$BIG" backup "$TMP/race/copy.db" >/dev/null 2>"$TMP/race.err" &
	pid=$!
	made=0
	while kill -0 $pid 2>/dev/null; do
		for f in "$TMP"/race/copy.db.tmp-*; do
			[ -e "$f" ] || continue
			(set -C && echo mine > "$TMP/race/copy.db") 2>/dev/null && made=1
			break 2
		done
	done
	wait $pid
	st=$?
	[ $made = 1 ] || continue
	raced=1
	check "[ \"\$(cat $TMP/race/copy.db 2>/dev/null)\" = mine ]" "backup overwrote a PATH made while it ran"
	check "[ $st = 1 ] && grep -q 'already exists' $TMP/race.err" "backup over a PATH made meanwhile: status $st"
	check "[ -z \"\$(ls $TMP/race | grep tmp)\" ]" "backup left its temporary: $(ls "$TMP/race")"
	break
done
[ $raced = 1 ] || skip "backup race: never made PATH while the copy was written"

# --- 3. a signal during --output or --dir leaves no temporary -----------

# interrupt SIG NAME CMD...: run CMD (whose temporaries match $TMP/sig/*
# or $TMP/sig/*/*) until SIG lands while a temporary exists; then nothing
# named *.tmp-* is left and the existing file is as it was
interrupt() {
	sig=$1 name=$2
	shift 2
	find "$TMP/sig" -name '*.tmp-*' -exec rm -f {} +
	landed=0
	for try in 1 2 3 4 5 6 7 8 9 10; do
		# a background job of sh ignores SIGINT unless told not to
		env --default-signal=INT "$@" >/dev/null 2>&1 &
		pid=$!
		seen=0
		while kill -0 $pid 2>/dev/null; do
			for f in "$TMP"/sig/*.tmp-* "$TMP"/sig/*/*.tmp-*; do
				[ -e "$f" ] || continue
				kill -s "$sig" $pid
				seen=1
				break 2
			done
		done
		wait $pid 2>/dev/null
		st=$?
		if [ $seen = 1 ] && [ $st -gt 128 ]; then
			landed=1
			break
		fi
	done
	if [ $landed = 0 ]; then
		skip "$name: SIG$sig never landed while a temporary existed"
		return
	fi
	check "[ -z \"\$(find $TMP/sig -name '*.tmp-*')\" ]" "$name: SIG$sig left a temporary: $(find "$TMP/sig" -name '*.tmp-*' | head -2)"
	check "[ \"\$(cat $TMP/sig/old)\" = old ]" "$name: SIG$sig changed the existing file"
}

rm -rf "$TMP/sig" && mkdir "$TMP/sig"
echo old > "$TMP/sig/old"
interrupt INT export-output $RAW_BIN --db "$BIG" export --output "$TMP/sig/old"
interrupt TERM export-output $RAW_BIN --db "$BIG" export --output "$TMP/sig/old"
interrupt INT report-output $RAW_BIN --db "$BIG" report --format html --output "$TMP/sig/old"
interrupt TERM report-output $RAW_BIN --db "$BIG" report --output "$TMP/sig/old"
interrupt INT export-dir $RAW_BIN --db "$BIG" export --dir "$TMP/sig"
interrupt TERM export-dir $RAW_BIN --db "$BIG" export --format json --dir "$TMP/sig"

# --- 4. export --dir stays inside DIR -----------------------------------

# an empty DIR is not '/'
E=$TMP/empty-dir.db
printf 'committee:\n  id: rectrack-guard-empty-dir\n  name: N\n  authority: A\n' > "$TMP/e.yaml"
$RAW_BIN --db "$E" import "$TMP/e.yaml" >/dev/null 2>&1
cat >> "$TMP/e.yaml" <<'EOF'
reviews:
  - id: r1
    title: T
EOF
$RAW_BIN --db "$E" import "$TMP/e.yaml" >/dev/null 2>&1
run dir-empty 2 $BIN --db "$E" export --dir ''
if [ -e /rectrack-guard-empty-dir ]; then
	bad "export --dir '' wrote into /"
	rm -rf /rectrack-guard-empty-dir
fi

# a committee folder that is a link to outside the tree
mkdir -p "$TMP/tree" "$TMP/outside"
ln -s ../outside "$TMP/tree/islington-childrens-services"
run dir-link 1 $D export --dir "$TMP/tree"
has dir-link err "tree/islington-childrens-services: is a symbolic link"
check "[ -z \"\$(ls $TMP/outside)\" ]" "export --dir wrote through a linked committee folder"
# a review file that is a link is not written through either
rm "$TMP/tree/islington-childrens-services"
mkdir "$TMP/tree/islington-childrens-services"
ln -s ../../outside/x.yaml "$TMP/tree/islington-childrens-services/islington-2024-childrens-workforce.yaml"
run dir-file-link 1 $D export --dir "$TMP/tree"
has dir-file-link err "is a symbolic link"
check "[ -z \"\$(ls $TMP/outside)\" ]" "export --dir wrote through a linked review file"
# DIR itself may be a link (the user's choice)
ln -s tree2 "$TMP/tree-link"
mkdir "$TMP/tree2"
run dir-user-link 0 $D export --dir "$TMP/tree-link"
check "[ -f $TMP/tree2/islington-childrens-services/meetings.yaml ]" "export --dir LINK did not write through the user's link"

# ids read back from the database name files: a crafted one is refused
cp "$DB" "$TMP/bad.db"
q "$TMP/bad.db" "UPDATE reviews SET rid = '../../x' WHERE id = (SELECT min(id) FROM reviews)"
mkdir -p "$TMP/ids"
run dir-bad-review 1 $BIN --db "$TMP/bad.db" export --dir "$TMP/ids/out"
has dir-bad-review err "invalid review id '../../x'"
has dir-bad-review err "rectrack verify"
check "[ ! -e $TMP/ids/x.yaml ]" "a review id '../../x' wrote outside the directory"
cp "$DB" "$TMP/bad.db"
q "$TMP/bad.db" "UPDATE committees SET cid = '../x' WHERE id = (SELECT min(id) FROM committees)"
run dir-bad-committee 1 $BIN --db "$TMP/bad.db" export --dir "$TMP/ids/out"
has dir-bad-committee err "invalid committee id '../x'"
check "[ ! -e $TMP/ids/x ]" "a committee id '../x' wrote outside the directory"

# a review whose id is 'meetings' and the committee's meetings: both kept
M=$TMP/m.db
cat > "$TMP/m.yaml" <<'EOF'
committee:
  id: c1
  name: Committee One
  authority: Somewhere Council
meetings:
  - id: m1
    date: 2024-01-10
    title: Scoping
    review: meetings
  - id: m2
    date: 2024-02-10
    title: Other business
reviews:
  - id: meetings
    title: A review of how meetings are run
    recommendations:
      - ref: "1"
        text: Publish the agenda a week ahead.
  - id: other
    title: Another review
    recommendations:
      - ref: "1"
        text: Something else.
EOF
$RAW_BIN --db "$M" import "$TMP/m.yaml" >/dev/null 2>&1 || bad "cannot build the meetings database"
counts() { q "$1" 2>/dev/null "SELECT (SELECT count(*) FROM reviews), (SELECT count(*) FROM meetings), (SELECT count(*) FROM recs)"; }
for fmt in yaml json; do
	run dir-meetings-$fmt 0 $BIN --db "$M" export --format $fmt --dir "$TMP/m-$fmt"
	run dir-meetings-import-$fmt 0 $BIN --db "$TMP/m2-$fmt.db" import $(find "$TMP/m-$fmt" -name "*.$fmt" | sort)
	check "[ \"\$(counts $TMP/m2-$fmt.db)\" = \"\$(counts $M)\" ]" "export --dir --format $fmt lost records: $(counts "$TMP/m2-$fmt.db") of $(counts "$M")"
	run dir-meetings-again-$fmt 0 $BIN --db "$TMP/m2-$fmt.db" export --format $fmt --dir "$TMP/m3-$fmt"
	check "diff -r $TMP/m-$fmt $TMP/m3-$fmt >/dev/null" "export --dir --format $fmt -> import -> export --dir differs"
done
# --review meetings writes the same file as the whole export
run dir-meetings-review 0 $BIN --db "$M" export --review meetings --dir "$TMP/m-review"
check "cmp -s $TMP/m-review/c1/meetings.yaml $TMP/m-yaml/c1/meetings.yaml" "export --review meetings --dir differs from the whole export's meetings.yaml"
check "[ -z \"\$(leftovers)\" ]" "a temporary file was left: $(leftovers)"

# a backup never takes the name of the database or a file SQLite keeps
# beside it (a copy named DB-journal would be rolled back as a hot journal
# by the next open, and destroyed)
cp "$DB" "$X"
before=$(dump "$X")
for s in "" -journal -wal -shm; do
	run backup-db$s 1 $BIN --db "$X" backup "$X$s"
done
has backup-db-journal err "is the database being read"
check "[ ! -e $X-journal ] && [ \"\$(dump $X)\" = $before ]" "backup to the database's own names"

finish files
