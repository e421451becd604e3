#!/bin/sh
# area-install.sh: make install puts the binary, man page and completion
# in place, and the man page renders without warnings.
. "$(dirname "$0")/lib.sh"

# ./rectrack may be running in another test (check-valgrind runs it):
# make install must not write over it in place when it is current.
before=$(stat -c '%i %y' rectrack 2>/dev/null || echo none)
run install 0 make -s --no-print-directory install DESTDIR="$TMP/inst" PREFIX=/usr
after=$(stat -c '%i %y' rectrack 2>/dev/null || echo none)
check "[ '$before' = none ] || [ '$before' = '$after' ]" \
	"make install rewrote a current ./rectrack ($before -> $after)"
check "[ -x $TMP/inst/usr/bin/rectrack ]" "make install: no binary"
check "[ -f $TMP/inst/usr/share/man/man1/rectrack.1 ]" "make install: no man page"
check "[ -f $TMP/inst/usr/share/bash-completion/completions/rectrack ] && [ -f $TMP/inst/usr/share/zsh/site-functions/_rectrack ]" "make install: no completion"
# every start of rectrack loads only what every command needs: libxml2
# (draft's HTML) and libxlsxwriter (report's xlsx) are opened when first
# needed (src/dynlib.c), as linking them made each start 8 ms slower
objdump -p "$RAW_BIN" > "$TMP/needed" 2>&1
check "grep -q 'NEEDED.*libsqlite3' $TMP/needed" "objdump lists no NEEDED libraries"
check "! grep -qE 'NEEDED.*(libxml2|libxlsxwriter)' $TMP/needed" \
	"the binary links libxml2 or libxlsxwriter: $(grep NEEDED "$TMP/needed" | tr -s ' ' | tr '\n' ' ')"
if command -v groff >/dev/null 2>&1; then
	run man 0 groff -ww -man -Tutf8 -P-cbou docs/rectrack.1
	empty man err
	has man out "EXIT STATUS"
fi

finish install
