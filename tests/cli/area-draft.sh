#!/bin/sh
# area-draft.sh: 'rectrack draft' finds every recommendation of the five
# sources, verbatim, as data/ transcribes them; its drafts pass check with
# --committee and --review, fail it clearly without; HTML as a council's
# site saves it reads as the text does; hostile input is refused, not
# crashed on. The recall it prints is the one docs/draft.md records.
. "$(dirname "$0")/lib.sh"

F=tests/fixtures/draft
RECALL="python3 tests/cli/draft_recall.py"

# draft_ok NAME FILE COMMITTEE REVIEW: a draft that passes check as it is
draft_ok() {
	run "$1" 0 $BIN draft "$2" --committee "$3" --review "$4"
	cp "$TMP/$1.out" "$TMP/$1.yaml"
	run "$1-check" 0 $BIN check "$TMP/$1.yaml"
}

# recall NAME DATA REVIEW: every text verbatim, no decision wrong
recall() {
	if $RECALL "$TMP/$1.yaml" "$2" "$3" >"$TMP/$1-recall.out"; then ok; else
		bad "$1: recall against $2"
		head -20 "$TMP/$1-recall.out" >&2
	fi
	echo "$1: $(tail -1 "$TMP/$1-recall.out" | grep '^recs')"
}

# --- the five sources -------------------------------------------------------
CW=data/islington/childrens-workforce-2024.yaml
MCV=data/islington/making-children-visible-2023.yaml
SL=data/slough/scf-workforce-strategy-2023.yaml
draft_ok d000 $F/000_06bf479fd62321de.txt islington-childrens-services islington-2024-childrens-workforce
has d000-check out "ok, 10 recommendations"
recall d000 $CW islington-2024-childrens-workforce
has d000 out "THE EVIDENCE"
draft_ok d003 $F/003_4546aaec5f5cb1a4.txt islington-childrens-services islington-2023-making-children-visible
has d003-check out "ok, 10 recommendations"
recall d003 $MCV islington-2023-making-children-visible
has d003-recall out "responses 10/10 decisions 4/10 wrong 0"
has d003 out 'decision: "accepted-in-principle"  # check: from the words "welcomes the principle of this recommendation"'
has d003 out 'date: "2024-04-18"'
has d003 out 'by: "Executive"'
draft_ok d004 $F/004_a5eb8e6b499458ee.txt slough-people-scrutiny slough-2023-scf-workforce-strategy
has d004-check out "ok, 18 recommendations"
recall d004 $SL slough-2023-scf-workforce-strategy
has d004 out '- ref: "6"  # line 368, under "SBC recommendations"'
# minutes with no recommendation: a valid draft that says so
for n in 001_d840849762ae3a51 002_0f60aafa9c5d7cb8; do
	draft_ok "d$n" $F/$n.txt islington-childrens-services islington-2024-childrens-workforce
	has "d$n" out "# no recommendation found"
done

# a draft imports, and is the same every time
run d-import 0 $BIN --db "$TMP/d.db" import "$TMP/d003.yaml"
check "[ \"\$(q $TMP/d.db 'select count(*) from recs')\" = 10 ]" "d-import: 10 recommendations"
run d003-again 0 $BIN draft $F/003_4546aaec5f5cb1a4.txt --committee islington-childrens-services --review islington-2023-making-children-visible
check "cmp -s $TMP/d003.out $TMP/d003-again.out" "draft is not deterministic"

# --- without ids: placeholders that check rejects, saying what to do ------
run d-placeholder 0 $BIN draft $F/000_06bf479fd62321de.txt
has d-placeholder out "# check: give the committee's id (rectrack draft --committee ID)"
cp "$TMP/d-placeholder.out" "$TMP/placeholder.yaml"
run d-placeholder-check 1 $BIN check "$TMP/placeholder.yaml"
has d-placeholder-check err "placeholder.yaml:7:7: invalid committee id '<committee-id>'"
has d-placeholder-check err "invalid review id '<review-id>'"
run d-bad-id 2 $BIN draft $F/000_06bf479fd62321de.txt --committee "Not An Id"
has d-bad-id err "invalid committee id 'Not An Id'"
run d-help 0 $BIN draft --help
has d-help out "usage: rectrack draft FILE [--committee ID] [--review ID]"
has d-help out "--column KEY=HEADING"

# --- HTML as a council's site saves it --------------------------------------
draft_ok dhtml $F/003-moderngov.html islington-childrens-services islington-2023-making-children-visible
recall dhtml $MCV islington-2023-making-children-visible
has dhtml-recall out "recs 10/10 texts 10/10 responses 10/10 decisions 4/10 wrong 0"
draft_ok doxford $F/oxford-review-groups.html oxford-scrutiny oxford-2020-review-groups
has doxford-check out "ok, 4 recommendations"
has doxford out 'title: "Scrutiny Review Groups 2020/21"'
has doxford out "Select the topic of the second Review Group from: climate emergency, domestic abuse, and citizen engagement."
lacks doxford out "At its meeting on 06 July 2020"
draft_ok dsouthwark $F/southwark-mgai-68803.html southwark-scrutiny southwark-2019-improvement
has dsouthwark out "# no recommendation found"

# a table with a heading row (Word's <td><strong>, no <th>): a row a
# recommendation, its columns as fields
draft_ok dtable $F/scraip-table.html c r
has dtable-check out "ok, 4 recommendations"
has dtable out 'owner: "Assistant Director, Culture"'
has dtable out 'due: "2025-03-31"'
has dtable out 'decision: "partially-accepted"  # check: from the words "partially agreed"'
has dtable out 'decision: "rejected"  # check: from the words "not agreed"'
has dtable out '# check: the target is stated as "Ongoing", not a date'
has dtable out "#     The Cabinet will consider this once the health partnership reports."
has dtable out '- ref: "3b"'
has dtable out "#       Quick win."
check "grep -q -x '          The review should include volunteers.' $TMP/dtable.out" "dtable: a cell's second paragraph"

# an agenda's numbered table is not a list of recommendations, nor is a
# heading "Recommendations" the text of the table's last row
printf '<html><body><table><tr><th>No.</th><th>Item</th></tr><tr><td>1</td><td>Apologies</td></tr><tr><td>2</td><td>Minutes</td></tr></table><h2>Recommendations</h2><ul><li>That the thing be done.</li></ul></body></html>' > "$TMP/agenda.html"
draft_ok dagenda "$TMP/agenda.html" c r
has dagenda-check out "ok, 1 recommendation"
has dagenda out '- ref: "1"  # line 1, under "Recommendations"'
lacks dagenda out "no text after it"

# --- CSV trackers (York style) ---------------------------------------------
draft_ok dyork $F/york-style-tracker.csv york-scrutiny york-tracker
has dyork-check out "ok, 6 recommendations"
has dyork out '- ref: "PTD.140916.56.1"'
has dyork out 'owner: "Head of Parking Services / Cllr Smith"'
has dyork out "# check: the tracker's status \"Slipped\" is in-progress, RAG amber; its date is not stated:"
has dyork out "#       Budget pressure; decision deferred to 2017."
check "grep -q -x '          volunteers trained by the Council.' $TMP/dyork.out" "dyork: a list inside a cell"
lacks dyork out "Scrutiny review: Parking"
run dyork-dated 0 $BIN draft $F/york-style-tracker.csv --committee york-scrutiny --review york-tracker --date 2016-06-30
cp "$TMP/dyork-dated.out" "$TMP/dyork-dated.yaml"
run dyork-import 0 $BIN --db "$TMP/york.db" import "$TMP/dyork-dated.yaml"
check "[ \"\$(q $TMP/york.db 'select count(*) from updates')\" = 6 ]" "dyork-import: 6 updates"
has dyork-dated out 'status: "implemented"  # check: from the tracker'"'"'s "Achieved"'
has dyork-dated out 'rag: "green"'
# a heading draft does not know, named with --column
printf 'Rec,What,Officer,Target\n1,Do the thing.,Jo Bloggs,31/03/2025\n' > "$TMP/own.csv"
run dcol 0 $BIN draft "$TMP/own.csv" --committee c --review r --column ref=Rec,text=What,owner=Officer
has dcol out 'owner: "Jo Bloggs"'
has dcol out 'due: "2025-03-31"'
has dcol out "Do the thing."
run dcol-missing 1 $BIN draft "$TMP/own.csv" --column owner=Lead
has dcol-missing err "own.csv: no column headed 'Lead' (--column owner=Lead); its headings are 'Rec', 'What', 'Officer', 'Target'"
run dcol-key 2 $BIN draft "$TMP/own.csv" --column boss=Officer
has dcol-key err "--column: unknown key 'boss'"
printf 'Ref,Recommendation\n1,"open quote\n' > "$TMP/broken.csv"
run dcsv-broken 1 $BIN draft "$TMP/broken.csv"
has dcsv-broken err "broken.csv:2:"

# --- PDF --------------------------------------------------------------------
run d-nopdf 1 env PATH=/nonexistent $RAW_BIN draft $F/slough-recommendations.pdf
has d-nopdf err "pdftotext is not installed: install the package poppler-utils"
if command -v pdftotext >/dev/null 2>&1; then
	draft_ok dpdf $F/slough-recommendations.pdf slough-people-scrutiny slough-2023-scf-workforce-strategy
	has dpdf-check out "ok, 18 recommendations"
	recall dpdf $SL slough-2023-scf-workforce-strategy
else
	skip "pdftotext is not installed"
fi

# --- hostile input: refused with a reason, never a crash --------------------
printf 'Recommendation 1: fine\n\0\1\2binary' > "$TMP/binary.txt"
run d-binary 1 $BIN draft "$TMP/binary.txt"
has d-binary err "binary.txt:2:1: a NUL byte: this is not a text document"
printf 'Recommendation 1: caf\351\n' > "$TMP/latin1.txt"
run d-latin1 1 $BIN draft "$TMP/latin1.txt"
has d-latin1 err "latin1.txt:1:22: invalid UTF-8"
empty d-latin1 out
: > "$TMP/empty.txt"
run d-empty 0 $BIN draft "$TMP/empty.txt"
has d-empty out "# no recommendation found"
truncate -s 40M "$TMP/huge.txt"
run d-huge 1 $BIN draft "$TMP/huge.txt"
has d-huge err "larger than 32 MiB"
awk 'BEGIN { printf "<html><body>"; for (i = 0; i < 20000; i++) printf "<div>"; printf "<p>Recommendation 1: deep</p></body></html>" }' > "$TMP/deep.html"
run d-deep 0 $BIN draft "$TMP/deep.html" --committee c --review r
# more recommendations or paragraphs than any paper: refused, promptly
awk 'BEGIN { print "Recommendations\n"; for (i = 0; i < 25000; i++) print "1. a" }' > "$TMP/many.txt"
run d-many 1 $BIN draft "$TMP/many.txt"
has d-many err "many.txt: more than 20000 recommendations"
empty d-many out
awk 'BEGIN { for (i = 0; i < 600000; i++) print "p\n" }' > "$TMP/paras.txt"
run d-paras 1 $BIN draft "$TMP/paras.txt"
has d-paras err "paras.txt: more than 500000 paragraphs"
run d-dir 1 $BIN draft "$TMP"
has d-dir err "a directory"
run d-missing 1 $BIN draft "$TMP/nothing-here.txt"
# control characters and an odd file name stay out of the YAML
printf 'Recommendation 1: a\033[31m red\tword\n' > "$TMP/ctl
name.txt"
run d-ctl 0 $BIN draft "$TMP/ctl
name.txt" --committee c --review r
cp "$TMP/d-ctl.out" "$TMP/ctl.yaml"
run d-ctl-check 0 $BIN check "$TMP/ctl.yaml"

finish draft
