#!/bin/sh
# area-readme.sh: the README tells the truth. Every ```console block of
# README.md and docs/workflow.md runs as written, as a newcomer would run
# it: each '$ ' command in order, in one shell session (exports carry on
# from command to command and block to block), in a fresh directory
# holding a copy of data/ and scripts/, with 'rectrack' on PATH as the
# binary under test and none of the test's RECTRACK_* settings; each
# command's output (standard output and error together) is compared with
# the lines under it (tests/cli/readme.py: '...' alone matches any lines,
# 'TEXT ...' a line starting with TEXT). A mismatch prints the line in the
# file and a diff. UPDATE=1 rewrites the outputs in the files with the
# actual ones (only those lines; read 'git diff README.md docs/workflow.md'
# before committing).
# Blocks fenced ```sh are not run.
. "$(dirname "$0")/lib.sh"

if ! command -v python3 >/dev/null 2>&1 ||
    ! command -v git >/dev/null 2>&1; then
	skip "readme (the tour needs python3 and git)"
	finish readme
	exit
fi

# rectrack on PATH: the binary under test, under RECTRACK_WRAP when set
mkdir "$TMP/bin" "$TMP/home"
printf '#!/bin/sh\nexec %s "%s" "$@"\n' "${RECTRACK_WRAP:-}" "$RAW_BIN" \
    >"$TMP/bin/rectrack"
chmod +x "$TMP/bin/rectrack"

check "grep -q '^.\{3\}console\$' README.md" "README.md has no console block"
for doc in README.md docs/workflow.md; do
	grep -q '^```console' "$doc" || continue
	name=$(echo "$doc" | tr / -)
	work=$TMP/$name.work out=$TMP/$name.out.d
	mkdir "$work" "$out"
	cp -R data scripts "$work"
	if ! python3 tests/cli/readme.py script "$doc" "$out" >"$TMP/$name.sh"; then
		bad "$doc: cannot read its console blocks"
		continue
	fi
	# a newcomer's environment: no test settings, git without any
	# configuration of this machine's
	(cd "$work" &&
	    unset RECTRACK_DB RECTRACK_TODAY RECTRACK_USER RECTRACK_NOW \
	    RECTRACK_WRAP NO_COLOR COLUMNS &&
	    PATH=$TMP/bin:$PATH HOME=$TMP/home LC_ALL=C GIT_CONFIG_NOSYSTEM=1 \
	    GIT_AUTHOR_NAME=tester GIT_AUTHOR_EMAIL=tester@example.org \
	    GIT_COMMITTER_NAME=tester GIT_COMMITTER_EMAIL=tester@example.org \
	    sh "$TMP/$name.sh")
	if [ "${UPDATE:-0}" = 1 ]; then
		how=update
	else
		how=compare
	fi
	if counts=$(python3 tests/cli/readme.py $how "$doc" "$out"); then
		passed=$((passed + ${counts% *}))
		failed=$((failed + ${counts#* }))
	else
		bad "$doc: cannot compare its console blocks"
	fi
done

finish readme
