#!/bin/sh
# guard-text.sh: every text from the command line, a file or the
# environment passes the checks and trimming of format.md, as an import's
# texts do, so importing one's own export never adds history.
. "$(dirname "$0")/lib.sh"

DB=$TMP/t.db
RT="$BIN --db $DB"
H=islington-2024-childrens-workforce/2
$RAW_BIN --db "$DB" import data/*/*.yaml >/dev/null || { echo "cannot import data/"; exit 1; }
ESC=$(printf '\033')
CR=$(printf '\r')
n_updates() { q "$DB" 'SELECT count(*) FROM updates'; }

# --- hostile text is refused, and nothing is written ---------------------
before=$(dump "$DB")
run esc-note 1 $RT status $H agreed --note "red${ESC}[31m alert"
has esc-note err "--note contains a control character"
has esc-note err "line 1, column 4"
run bs-by 1 $RT status $H agreed --note ok --by "Jo$(printf '\010\010')Forged"
has bs-by err "--by contains a control character"
run bad-utf8 1 $RT status $H agreed --note "$(printf 'caf\351')"
has bad-utf8 err "--note is not valid UTF-8"
run esc-owner 1 $RT set $H --owner "A${ESC}]0;title"
has esc-owner err "--owner contains a control character"
run esc-addressee 1 $RT set $H --addressee "$(printf 'x\001')"
run esc-reason 1 $RT set $H --due 2027-01-31 --reason "$(printf 'slip\033')"
run esc-user 1 env RECTRACK_USER="$(printf 'ev\033il')" $RT status $H agreed --note ok
has esc-user err "\$RECTRACK_USER contains a control character"
run esc-respond-by 1 $RT respond $H --decision noted --text ok --by "$(printf 'Cab\033')"
run esc-respond-text 1 $RT respond $H --decision noted --text "$(printf 'a\033b')"
printf 'The response.\nSecond line\000hidden after a NUL\n' > "$TMP/nul.txt"
run nul-file 1 $RT respond $H --decision noted --text-file "$TMP/nul.txt"
has nul-file err "$TMP/nul.txt:2:12: the text contains a NUL byte"
printf 'ok\n\033[2J\n' > "$TMP/esc.txt"
run esc-file 1 $RT respond $H --decision noted --text-file "$TMP/esc.txt"
has esc-file err "$TMP/esc.txt:2:1: the text contains a control character"
run esc-action 1 $RT action 1 done --note "$(printf 'did it\033')"
check "[ \"\$(dump $DB)\" = $before ]" "refused text changed the database"

# --- accepted text is stored as an import would store it ----------------
# (a lone CR is a line break to YAML, as CRLF is)
run cr-note 0 $RT status $H agreed --note "Jo${CR}Bloggs${CR}"
check "[ \"\$(q $DB \"SELECT note FROM updates ORDER BY id DESC LIMIT 1\" | od -c | head -2)\" = \"\$(printf 'Jo\nBloggs\n' | od -c | head -2)\" ]" \
    "a CR in --note was not read as a line break"
run trimmed 0 $RT status $H agreed --by "$(printf '\n  Jo Bloggs\n\n')" \
    --note "$(printf '\n\nFirst line\r\n\r\nSecond paragraph\r\n\n\n')"
check "[ \"\$(q $DB \"SELECT note FROM updates ORDER BY id DESC LIMIT 1\" | od -c | head -3)\" = \"\$(printf 'First line\n\nSecond paragraph\n' | od -c | head -3)\" ]" \
    "status --note was not stored trimmed, with LF line ends"
check "[ \"\$(q $DB \"SELECT by FROM updates ORDER BY id DESC LIMIT 1\")\" = '  Jo Bloggs' ]" \
    "status --by was not trimmed of blank lines"
run blank-note 0 $RT set $H --owner "$(printf '\n\n')"
check "[ -z \"\$(q $DB \"SELECT owner FROM recs WHERE id = 2\")\" ]" "a blank --owner did not clear the owner"
run set-owner 0 $RT set $H --owner "$(printf 'Director of\r\nChildren\n\n')"
check "[ \"\$(q $DB \"SELECT owner FROM recs r JOIN reviews v ON v.id = r.review_id WHERE v.rid = 'islington-2024-childrens-workforce' AND ref = '2'\" | od -c | head -2)\" = \"\$(printf 'Director of\nChildren\n' | od -c | head -2)\" ]" \
    "set --owner was not stored as import stores it"
printf '\357\273\277Cabinet agreed.\r\n\r\n' > "$TMP/resp.txt"
run respond-file 0 $RT respond $H --decision accepted --text-file "$TMP/resp.txt" --by "$(printf 'Cabinet\n')"
check "[ \"\$(q $DB \"SELECT r.text || '|' || r.by FROM responses r JOIN recs c ON c.id = r.rec_id JOIN reviews v ON v.id = c.review_id WHERE v.rid = 'islington-2024-childrens-workforce' AND c.ref = '2'\")\" = 'Cabinet agreed.|Cabinet' ]" \
    "respond --text-file/--by not stored as import stores them"
run action-note 0 $RT action 1 done --note "$(printf 'Done.\n\n\n')"
check "[ \"\$(q $DB 'SELECT note FROM actions WHERE id = 1')\" = 'Done.' ]" "action --note not trimmed"

# --- importing one's own export adds nothing ------------------------------
run export 0 $RT export --output "$TMP/all.yaml"
n=$(n_updates)
before=$(dump "$DB")
run reimport 0 $RT import "$TMP/all.yaml"
check "[ \$(n_updates) = $n ]" "re-importing the export added history ($n -> $(n_updates) updates)"
check "[ \"\$(dump $DB)\" = $before ]" "re-importing the export changed the database"

finish text
