#!/bin/sh
# guard-db.sh: work is never reported done unless it is kept: an empty
# --db, two processes making the same new file, signals during a first
# import, a write whose report cannot be written, readers without write
# access, and a database whose schema calls functions it should not.
. "$(dirname "$0")/lib.sh"

Y=data/slough/scf-workforce-strategy-2023.yaml
BADY=tests/fixtures/bad/action-missing-id.yaml
H=slough-2023-scf-workforce-strategy/1
# a large file: an import of it takes a second or two
python3 tests/bench/gen.py 12000 > "$TMP/big.yaml"
BIGRECS=12000

# recs DB: how many recommendations DB holds (0 when it is gone)
recs() {
	if [ -f "$1" ]; then q "$1" 'SELECT count(*) FROM recs' 2>/dev/null ||
	    echo 0; else echo 0; fi
}
# leftovers DB: the files of DB that exist
leftovers() {
	for s in "" -wal -shm -journal; do
		[ -e "$1$s" ] && printf '%s ' "$1$s"
	done
}

# 1. an empty --db (an unset variable in a script) is a usage error, not
# SQLite's private temporary database
run empty-db 2 $BIN --db '' import $Y
has empty-db err "give the database's path"
# a --db that is a link to nothing is named as such, at once
ln -s "$TMP/nowhere/x.db" "$TMP/dangling.db"
run dangling-db 1 $BIN --db "$TMP/dangling.db" import $Y
has dangling-db err "is a symbolic link to nothing"
empty empty-db out
run empty-db-list 2 $BIN --db '' list
# RECTRACK_DB set but empty is unset: the default, rectrack.db here
(cd "$TMP" && RECTRACK_DB='' $RAW_BIN list >/dev/null 2>"$TMP/env.err")
check "grep -q 'rectrack.db: no such database' $TMP/env.err" \
    "RECTRACK_DB='' is not taken as unset: $(cat $TMP/env.err)"

# 3. a write whose report cannot be written is not recorded: exit 1 then
# means nothing was written, and a retry records it once
DB=$TMP/out.db
$BIN --db "$DB" import $Y >/dev/null
rows=$(q "$DB" 'SELECT count(*) FROM updates')
$BIN --db "$DB" status $H agreed --note closed-out >&- 2>"$TMP/closed.err"
rc=$?
check "[ $rc = 1 ] && grep -q 'nothing was recorded' $TMP/closed.err" \
    "status with standard output closed: exit $rc: $(cat $TMP/closed.err)"
check "[ $(q "$DB" 'SELECT count(*) FROM updates') = $rows ]" \
    "status with standard output closed: the update was committed"
$BIN --db "$DB" status $H agreed --note full-disk >/dev/full \
    2>"$TMP/full.err"
rc=$?
check "[ $rc = 1 ] && grep -q 'nothing was recorded' $TMP/full.err" \
    "status onto /dev/full: exit $rc: $(cat $TMP/full.err)"
check "[ $(q "$DB" 'SELECT count(*) FROM updates') = $rows ]" \
    "status onto /dev/full: the update was committed"
$BIN --db "$DB" import data/islington/childrens-workforce-2024.yaml \
    >/dev/full 2>/dev/null
check "[ \$? = 1 ] &&
    [ \"\$(q $DB \"SELECT count(*) FROM reviews WHERE rid LIKE 'islington%'\")\" = 0 ]" \
    "import onto /dev/full: the import was committed"
run retry 0 $BIN --db "$DB" status $H agreed --note retried
check "[ $(q "$DB" 'SELECT count(*) FROM updates') = $((rows + 1)) ]" \
    "the retry did not record exactly one update"
# a reader with closed output still fails
$BIN --db "$DB" list >&- 2>"$TMP/rclosed.err"
check "[ \$? = 1 ] && grep -q 'cannot write standard output' $TMP/rclosed.err" \
    "list with standard output closed: $(cat $TMP/rclosed.err)"
# with standard output closed, the database cannot become descriptor 1
$BIN --db "$TMP/fd.db" import $Y >&- 2>/dev/null
check "[ \$? = 1 ] && [ ! -e $TMP/fd.db ] && [ ! -e $TMP/fd.db-wal ]" \
    "import to a new file with standard output closed left $(leftovers $TMP/fd.db)"

# 2. two processes, one new file: a file is removed only by the process
# that made it, and only when nobody else wrote to it. Whatever the order,
# exit 0 means the records are there and exit 3 means nothing was written.
if [ "$WRAPPED" = 1 ]; then
	skip "races between processes (under $RECTRACK_WRAP)"
else
	# truthful NAME RC DB WANT: exit RC of a valid import into DB that
	# should leave WANT recommendations
	truthful() {
		n=$(recs "$3")
		case $2 in
		0) check "[ $n -ge $4 ]" "$1: exit 0 but the database holds $n recommendations (of $4)" ;;
		3) check "grep -q 'try again' $TMP/$1.err" "$1: exit 3 without 'try again': $(cat $TMP/$1.err)" ;;
		*) bad "$1: exit $2: $(head -3 $TMP/$1.err)" ;;
		esac
	}
	for i in 1 2 3 4; do
		# (a) the valid import and an invalid one start together
		R=$TMP/race$i.db
		$RAW_BIN --db "$R" import "$TMP/big.yaml" >/dev/null \
		    2>"$TMP/ra$i.err" &
		pa=$!
		[ $i -gt 2 ] && sleep 0.0$i
		$RAW_BIN --db "$R" import $BADY >/dev/null 2>"$TMP/rb$i.err"
		rb=$?
		wait $pa
		ra=$?
		check "[ $rb = 1 ] || [ $rb = 3 ]" "race $i: the invalid import exited $rb"
		truthful ra$i $ra "$R" $BIGRECS
		if [ $ra = 3 ]; then
			run ra$i-retry 0 $RAW_BIN --db "$R" import "$TMP/big.yaml"
			check "[ $(recs "$R") = $BIGRECS ]" "race $i: the retry did not import"
		fi
		# (b) the one that makes the file fails; one waiting is valid
		R=$TMP/rev$i.db
		$RAW_BIN --db "$R" import $BADY "$TMP/big.yaml" >/dev/null \
		    2>"$TMP/vb$i.err" &
		pb=$!
		sleep 0.0$i
		$RAW_BIN --db "$R" import $Y >/dev/null 2>"$TMP/va$i.err"
		va=$?
		wait $pb
		check "[ \$? = 1 ]" "reverse race $i: the invalid import did not fail"
		truthful va$i $va "$R" 18
		if [ $va = 3 ]; then
			run va$i-retry 0 $RAW_BIN --db "$R" import $Y
			check "[ $(recs "$R") = 18 ]" "reverse race $i: the retry did not import"
		fi
	done

	# (c) a second writer during a first import waits for it, and says
	# 'locked' (exit 3) when the wait runs out, having written nothing
	# (from the moment the file appears: the second may then still be
	# first to the lock, and must then have imported)
	for d in 0 0.05 0.3; do
		R=$TMP/wait$d.db
		$RAW_BIN --db "$R" import "$TMP/big.yaml" >/dev/null 2>&1 &
		pa=$!
		while [ ! -e "$R" ] && kill -0 $pa 2>/dev/null; do :; done
		sleep $d
		RECTRACK_BUSY_TIMEOUT=200 $RAW_BIN --db "$R" import $Y \
		    >/dev/null 2>"$TMP/w.err"
		rc=$?
		wait $pa
		slough=$(q "$R" "SELECT count(*) FROM reviews WHERE rid LIKE 'slough%'")
		if [ $d = 0 ] && [ $rc = 0 ]; then
			check "[ $slough = 1 ]" "a second writer first to the lock: exit 0, $slough reviews written"
			continue
		fi
		check "[ $rc = 3 ] && grep -q locked $TMP/w.err" \
		    "a second writer after $d s: exit $rc: $(cat $TMP/w.err)"
		check "[ $slough = 0 ]" "a second writer after $d s wrote"
	done

	# the second writer first to the lock, made certain: the maker is held
	# up just after it has linked the new file into place (strace's fault
	# injection), so the second opens it, turns WAL on and imports first;
	# the maker then waits, and both imports are kept
	if strace -f -o /dev/null -e inject=linkat:delay_exit=1 true \
	    >/dev/null 2>&1; then
		R=$TMP/first.db
		# (LeakSanitizer cannot run under a tracer: leaks are
		# checked by every other run)
		ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
		    strace -f -o /dev/null -e trace=link,linkat \
		    -e inject=link,linkat:delay_exit=400000 \
		    $RAW_BIN --db "$R" import "$TMP/big.yaml" >/dev/null \
		    2>"$TMP/f1.err" &
		pa=$!
		while [ ! -e "$R" ] && kill -0 $pa 2>/dev/null; do :; done
		run second-first 0 env RECTRACK_BUSY_TIMEOUT=200 $RAW_BIN \
		    --db "$R" import $Y
		wait $pa
		check "[ \$? = 0 ]" "the maker, second to the lock: $(cat $TMP/f1.err)"
		check "[ $(q "$R" "SELECT count(*) FROM reviews WHERE rid LIKE 'slough%'") = 1 ]" \
		    "the second writer, first to the lock: its review is missing"
		check "[ $(recs "$R") = $((BIGRECS + 18)) ]" \
		    "second writer first: $(recs "$R") recommendations, not $((BIGRECS + 18))"
	else
		skip "the second writer first to the lock (strace cannot inject here)"
	fi

	# a signal during a first import leaves no file behind; a writer
	# waiting for it loses nothing. A background job of sh ignores
	# SIGINT, as rectrack then does too: env gives it back its default.
	INT=""
	env --default-signal=INT true 2>/dev/null &&
	    INT="env --default-signal=INT"
	for sig in INT TERM HUP; do
		R=$TMP/sig$sig.db
		landed=0
		for d in 0.8 0.5 0.3 0.2 0.1 0.05; do
			rm -f "$R" "$R-wal" "$R-shm" "$R-journal"
			$INT $RAW_BIN --db "$R" import "$TMP/big.yaml" \
			    >/dev/null 2>&1 &
			pa=$!
			sleep $d
			$RAW_BIN --db "$R" import $Y >/dev/null 2>"$TMP/sw.err" &
			pw=$!
			sleep 0.1
			kill -$sig $pa
			wait $pa 2>/dev/null
			ra=$?
			wait $pw
			rw=$?
			if [ $ra -gt 128 ]; then
				landed=1
				break
			fi
		done
		if [ $landed = 0 ]; then
			skip "SIG$sig never landed during the import"
			continue
		fi
		case $rw in
		# (the signal may land after the killed import committed:
		# then its records stay, all of them)
		0) n=$(recs "$R")
		   check "{ [ $n = 18 ] || [ $n = $((BIGRECS + 18)) ]; } && [ ! -e $R-journal ]" \
		    "SIG$sig: the waiting writer's records are lost: $n" ;;
		3) check "[ -z \"$(leftovers $R)\" ]" \
		    "SIG$sig: left $(leftovers $R)"
		   run sig$sig-retry 0 $RAW_BIN --db "$R" import $Y ;;
		*) bad "SIG$sig: the waiting writer exited $rw: $(cat $TMP/sw.err)" ;;
		esac
		# alone, the killed import leaves nothing
		# (counted only when the signal killed it while its file
		# was there, else the check could not fail)
		R=$TMP/solo$sig.db
		landed=0
		for d in 0.6 0.3 0.1 0.9; do
			$INT $RAW_BIN --db "$R" import "$TMP/big.yaml" \
			    >/dev/null 2>&1 &
			pa=$!
			sleep $d
			there=0
			[ -e "$R" ] && there=1
			kill -$sig $pa
			wait $pa 2>/dev/null
			if [ $? -gt 128 ] && [ $there = 1 ]; then
				landed=1
				break
			fi
			rm -f "$R" "$R-wal" "$R-shm" "$R-journal"
		done
		if [ $landed = 1 ]; then
			check "[ -z \"$(leftovers $R)\" ]" "SIG$sig alone: left $(leftovers $R)"
		else
			skip "SIG$sig alone never landed while the file was there"
		fi
	done
fi

# 4. readers need no write access: a read-only mount, a user who may not
# write the file
RO=$TMP/rodb
mkdir -p "$RO"
$BIN --db "$RO/r.db" import $Y >/dev/null
if [ "$(id -u)" = 0 ] && mount -t tmpfs -o size=4m tmpfs "$TMP/rodb" 2>/dev/null; then
	$BIN --db "$TMP/m.db" import $Y >/dev/null
	cp "$TMP/m.db" "$RO/r.db"
	mount -o remount,ro "$RO"
	sum=$(sha256sum < "$RO/r.db")
	run ro-list 0 $BIN --db "$RO/r.db" list
	has ro-list out "$H"
	run ro-show 0 $BIN --db "$RO/r.db" show $H
	run ro-search 0 $BIN --db "$RO/r.db" search workforce
	run ro-export 0 $BIN --db "$RO/r.db" export
	run ro-write 1 $BIN --db "$RO/r.db" status $H agreed --note x
	check "[ \"\$(sha256sum < $RO/r.db)\" = \"$sum\" ]" "a read-only mount: the file changed"
	umount "$RO"
else
	skip "read-only mount (needs root and tmpfs)"
fi
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null &&
    setpriv --reuid=65534 --regid=65534 --clear-groups true 2>/dev/null; then
	nobody() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
	# a shared directory, a file only its owner may write
	SH=$TMP/shared
	mkdir -p "$SH" && chmod 1777 "$SH" && chmod 755 "$TMP"
	$BIN --db "$SH/s.db" import $Y >/dev/null
	chmod 644 "$SH/s.db"
	sum=$(sha256sum < "$SH/s.db")
	run nobody-list 0 nobody $RAW_BIN --db "$SH/s.db" list
	has nobody-list out "$H"
	run nobody-report 0 nobody $RAW_BIN --db "$SH/s.db" report
	run nobody-write 1 nobody $RAW_BIN --db "$SH/s.db" status $H agreed --note x
	check "[ \"\$(sha256sum < $SH/s.db)\" = \"$sum\" ]" "a reader changed the file"
	run owner-write 0 $BIN --db "$SH/s.db" status $H agreed --note x
	# a directory it may not write either: a clear message
	PR=$TMP/private
	mkdir -p "$PR" && chmod 755 "$PR"
	$BIN --db "$PR/p.db" import $Y >/dev/null
	run nobody-ro-dir 1 nobody $RAW_BIN --db "$PR/p.db" list
	has nobody-ro-dir err "write access to the directory"
	chmod 700 "$TMP"
else
	skip "a reader without write access (needs root and setpriv)"
fi

# 5. a schema does not run what it should not: a writer refuses a schema
# that is not rectrack's before any statement can fire it (schema.c), so
# a trigger calling a function or writing FTS5's shadow tables never runs;
# and every connection is defensive and does not trust the schema, which
# tests/unit/test_store.c (test_defensive) checks below that first wall
for evil in "SELECT fts5(NULL);" "DELETE FROM search_data;"; do
	DB=$TMP/evil.db
	rm -f "$DB"*
	$BIN --db "$DB" import $Y >/dev/null
	q "$DB" "CREATE TRIGGER evil AFTER INSERT ON updates BEGIN $evil END;"
	before=$(dump "$DB")
	run evil 1 $BIN --db "$DB" status $H agreed --note x
	has evil err "the schema is not rectrack's (trigger 'evil' is foreign)"
	check "[ \"\$(dump $DB)\" = $before ]" "a trigger running '$evil' changed the database"
	run evil-verify 1 $BIN --db "$DB" verify
	has evil-verify err "trigger 'evil' is foreign"
done

finish db
