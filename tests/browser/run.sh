#!/bin/sh
# Real-browser tests of 'rectrack report --format html': open the page in
# headless Chromium, print it to PDF, take a screenshot, dump the DOM and
# record a network log, then check what came out.
#   sh tests/browser/run.sh ./rectrack
# Needs chromium and python3; pdftotext/pdftoppm/pdfinfo (poppler-utils)
# are used when present (scripts/browser-deps.sh installs both).
# Without chromium it prints 'browser: skipped (chromium not installed)'
# and exits 0. CHROMIUM=/path/to/chromium picks another binary;
# BROWSER_KEEP=DIR keeps the pages, PDFs and PNGs in DIR to look at.
# One line per check; the last line is 'browser: N passed, N failed'.
set -u

CHROMIUM=${CHROMIUM:-chromium}
if ! command -v "$CHROMIUM" >/dev/null 2>&1; then
	echo "browser: skipped (chromium not installed)"
	exit 0
fi

BIN=${1:-./rectrack}
BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")
TOP=$(cd "$(dirname "$0")/../.." && pwd)
TMP=$(mktemp -d "${TMPDIR:-/tmp}/rectrack-browser.XXXXXX")
keep() {
	if [ -n "${BROWSER_KEEP:-}" ]; then
		mkdir -p "$BROWSER_KEEP" &&
			cp "$TMP"/*.html "$TMP"/*.pdf "$TMP"/*.png "$TMP"/*.txt \
				"$BROWSER_KEEP"/ 2>/dev/null
	fi
	rm -rf "$TMP"
}
trap keep EXIT
trap 'exit 130' INT TERM
cd "$TOP" || exit 1

export RECTRACK_TODAY=2026-11-22
unset RECTRACK_DB NO_COLOR
passed=0
failed=0

ok() {
	passed=$((passed + 1))
	printf 'ok   %s\n' "$*"
}
bad() {
	failed=$((failed + 1))
	printf 'FAIL %s\n' "$*"
}

# check NAME CMD...: CMD passes or fails the check; what it prints is the
# detail (on the same line when it is one line).
check() {
	name=$1
	shift
	out=$("$@" 2>&1)
	st=$?
	case $out in
	*"
"*) detail="" ;;
	*) detail=${out:+ ($out)} ;;
	esac
	if [ "$st" = 0 ]; then ok "$name$detail"; else bad "$name$detail"; fi
	if [ -z "$detail" ] && [ -n "$out" ]; then
		printf '%s\n' "$out" | head -20 | sed 's/^/     /'
	fi
	return "$st"
}

have() { command -v "$1" >/dev/null 2>&1; }

if ! have python3; then
	bad "python3 is needed to read the pages and the logs"
	echo "browser: $passed passed, $failed failed"
	exit 1
fi

PY=$TMP/check.py
cat >"$PY" <<'EOF'
"""Helpers for tests/browser/run.sh: each command exits 0 or 1 and prints
one line of detail."""
import json
import re
import sys
from html.parser import HTMLParser

# What the HTML writer makes (as tests/cli/html_tags.py).
ALLOWED = {"html", "head", "meta", "title", "style", "body", "h1", "h2",
           "h3", "p", "section", "small", "svg", "text", "rect", "dl", "dt",
           "dd", "table", "thead", "tbody", "tr", "th", "td", "span",
           "strong", "ul", "li"}
VOID = {"meta", "br", "img", "input", "link", "hr", "col", "source",
        "embed", "area", "base", "wbr", "param", "track"}


def classes(attrs):
    return (dict(attrs).get("class") or "").split()


class Doc(HTMLParser):
    def __init__(self, path):
        super().__init__(convert_charrefs=True)
        self.raw = open(path, encoding="utf-8").read()
        self.stack = []          # open elements: [tag, attrs, counter]
        self.tags = []           # every start tag: tag[attr names]
        self.count = {}          # tag -> how many
        self.bad_attrs = []
        self.texts = []
        self.rec_rows = 0        # tr in tbody of table.recs
        self.charts = []         # per svg.chart: its rect children
        self.rags = []           # text of each span.rag
        self.feed(self.raw)
        self.close()

    def nearest(self, tag):
        for el in reversed(self.stack):
            if el[0] == tag:
                return el
        return None

    def handle_starttag(self, tag, attrs):
        names = sorted(n for n, _ in attrs)
        self.tags.append("%s[%s]" % (tag, ",".join(names)))
        self.count[tag] = self.count.get(tag, 0) + 1
        for n in names:
            if n.startswith("on") or n in ("src", "href", "srcset",
                                           "xlink:href", "action",
                                           "formaction", "poster"):
                self.bad_attrs.append("%s[%s]" % (tag, n))
        if tag == "tr":
            table, tbody = self.nearest("table"), self.nearest("tbody")
            if (table and "recs" in classes(table[1]) and tbody
                    and self.stack.index(tbody) > self.stack.index(table)):
                self.rec_rows += 1
        if tag == "rect":
            svg = self.nearest("svg")
            if svg and "chart" in classes(svg[1]):
                svg[2][0] += 1
        el = [tag, attrs, [0]]
        if tag == "svg" and "chart" in classes(attrs):
            self.charts.append(el[2])
        if tag == "span" and "rag" in classes(attrs):
            self.rags.append("")
            el.append(len(self.rags) - 1)
        if tag not in VOID:
            self.stack.append(el)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break

    def handle_data(self, data):
        if self.stack and self.stack[-1][0] in ("style", "script"):
            return
        self.texts.append(data)
        for el in self.stack:
            if el[0] == "span" and len(el) > 3:
                self.rags[el[3]] += data

    def text(self):
        return norm(" ".join(self.texts))


def norm(s):
    return re.sub(r"\s+", " ", s).strip()


def done(good, msg):
    print(msg)
    sys.exit(0 if good else 1)


def cmd_texts(path, *needles):
    """Each needle is text of the page (not markup)."""
    text = Doc(path).text()
    missing = [n for n in needles if norm(n) not in text]
    done(not missing, "missing: %r" % missing if missing
         else "found: %d of %d" % (len(needles), len(needles)))


def cmd_names(path, exp):
    """The committees' names and the reviews' titles are text."""
    e = json.load(open(exp, encoding="utf-8"))
    cmd_texts(path, *(e["committees"] + e["reviews"]))


def cmd_rows(path, want):
    d = Doc(path)
    done(d.rec_rows == int(want), "%d tbody rows, expected %s"
         % (d.rec_rows, want))


def cmd_chart(path, want):
    d = Doc(path)
    good = len(d.charts) == int(want) and all(c[0] > 0 for c in d.charts)
    done(good, "%d svg.chart (expected %s) with %s rect"
         % (len(d.charts), want, "+".join(str(c[0]) for c in d.charts)))


def cmd_rag(path, want):
    d = Doc(path)
    words = [norm(r) for r in d.rags]
    known = ("Red", "Amber", "Green", "Blue", "Grey")
    odd = [w for w in words if w not in known]
    done(len(words) == int(want) and not odd,
         "%d labels, expected %s: %s" % (len(words), want, ", ".join(
             "%d %s" % (words.count(w), w) for w in known
             if w in words) + ("; not a word: %r" % odd if odd else "")))


def cmd_absent(path, *tags):
    d = Doc(path)
    found = {t: d.count.get(t, 0) for t in tags if d.count.get(t)}
    raw = [t for t in tags if re.search(r"<%s\b" % t, d.raw, re.I)]
    done(not found and not raw, "elements found: %r, raw '<tag': %r"
         % (found, raw) if found or raw else "no %s element" % "/".join(tags))


def cmd_count(path, tag, want):
    n = Doc(path).count.get(tag, 0)
    done(n == int(want), "%d %s element(s), expected %s" % (n, tag, want))


def cmd_whitelist(path):
    d = Doc(path)
    extra = sorted(set(d.count) - ALLOWED)
    done(not extra and not d.bad_attrs,
         "unexpected elements %r, attributes %r" % (extra, d.bad_attrs)
         if extra or d.bad_attrs else "%d elements of %d kinds, none with"
         " src, href or on*" % (len(d.tags), len(d.count)))


def cmd_same(a, b):
    """Same elements with the same attribute names, in the same order."""
    ta, tb = Doc(a).tags, Doc(b).tags
    if ta == tb:
        done(True, "%d elements, same as with plain text" % len(ta))
    i = next((i for i, (x, y) in enumerate(zip(ta, tb)) if x != y),
             min(len(ta), len(tb)))
    done(False, "element %d differs: %r vs plain %r (%d vs %d elements)"
         % (i, ta[i:i + 3], tb[i:i + 3], len(ta), len(tb)))


def cmd_static(path):
    """No reference to anything outside the file."""
    raw = open(path, encoding="utf-8").read()
    s = raw.replace('xmlns="http://www.w3.org/2000/svg"', "")
    pats = [r"https?:", r"\b(?:src|href|srcset|action|poster)\s*=\s*[\"']?"
            r"\s*(?:https?:|//)", r"url\(\s*[\"']?\s*(?:https?:|//)",
            r"@import", r"=\s*[\"']?//"]
    hits = [m.group(0) for p in pats for m in re.finditer(p, s, re.I)]
    done(not hits, "external references: %r" % hits[:5] if hits
         else "no src/href/url()/@import to http(s) or //; the only http is"
         " the SVG namespace (%d)" % raw.count("http://www.w3.org/2000/svg"))


LOCAL = ("file:", "data:", "about:", "chrome:")


def cmd_netlog(path, mode):
    """mode none: the page made no request but file:, data:, about:,
    chrome:. mode canary: it made some (the method sees them)."""
    try:
        d = json.load(open(path, encoding="utf-8"))
    except (OSError, ValueError) as e:
        done(False, "no readable net log: %s" % e)
    c = d["constants"]
    etype = {v: k for k, v in c["logEventTypes"].items()}
    stype = {v: k for k, v in c["logSourceType"].items()}
    reqs = {}
    for e in d["events"]:
        if stype.get(e.get("source", {}).get("type")) != "URL_REQUEST":
            continue
        r = reqs.setdefault(e["source"].get("id"),
                            {"urls": set(), "init": set(), "nik": set()})
        p = e.get("params") or {}
        if "url" in p:
            r["urls"].add(p["url"])
        if "initiator" in p:
            r["init"].add(str(p["initiator"]))
        if "network_isolation_key" in p:
            r["nik"].add(str(p["network_isolation_key"]))
    page, own = [], []
    for r in reqs.values():
        for u in r["urls"]:
            if u.lower().startswith(LOCAL):
                continue
            # Chromium's own requests (update checks, sign-in) have no
            # initiating origin and are not keyed to the file:// page;
            # everything else is counted against the page.
            browser = (r["init"] == {"not an origin"}
                       and not any("file:" in k for k in r["nik"]))
            (own if browser else page).append(u)
    hosts = sorted({re.sub(r"^\w+://([^/?#]*).*", r"\1", u) for u in own})
    note = "; Chromium's own, not the page's: %s" % ", ".join(hosts) \
        if own else ""
    n = len(d["events"])
    if mode == "canary":
        done(bool(page), "%d events; the page's requests seen: %r%s"
             % (n, sorted(page)[:3], note))
    done(not page and n > 0, "%d events; requests by the page: %r%s"
         % (n, sorted(page)[:5], note))


def paras(s):
    """A text's paragraphs, each on one line: the PDF's reading order may
    put another column's text between two paragraphs of a cell."""
    return [norm(p) for p in re.split(r"\n\s*\n", s) if p.strip()]


def cmd_expect(path):
    """From a JSON report: what the HTML and PDF of the same report show."""
    d = json.load(open(path, encoding="utf-8"))
    out = {"committees": [], "reviews": [], "rows": 0, "texts": [],
           "handles": [], "full": [], "responses": [],
           "lists": ["Overdue recommendations", "Overdue responses",
                     "Awaiting sign-off", "Stale recommendations"]}
    for c in d["committees"]:
        out["committees"].append(c["name"])
        for r in c["reviews"]:
            out["reviews"].append(r["title"])
            for rec in r["recommendations"]:
                out["rows"] += 1
                words = norm(rec["text"]).rstrip("…").split(" ")
                out["texts"].append(" ".join(words[:5]))
                out["full"].append(paras(rec["text"]))
                if (rec.get("response") or {}).get("text"):
                    out["responses"].append(paras(rec["response"]["text"]))
    for key in ("overdue", "response_overdue", "stale"):
        for x in d.get(key) or []:
            h = x if isinstance(x, str) else x.get("handle")
            if h and h not in out["handles"]:
                out["handles"].append(h)
    json.dump(out, sys.stdout)


def cmd_get(path, key):
    v = json.load(open(path, encoding="utf-8"))[key]
    print("\n".join(v) if isinstance(v, list) else v)


def pdf_text(path):
    return open(path, encoding="utf-8").read()


def squash(s):
    """pdftotext breaks lines where the page did (even inside a word, as
    after 'alert(1)' before '</script>') and drops a hyphen at a line end
    ('in-progress' becomes 'inprogress'): compare without spaces and
    hyphens."""
    return re.sub(r"[\s\-\u00ad\u2010]", "", s)


def handle_re(h):
    """A handle in the PDF's text: each hyphen may be dropped or followed
    by a line break; not part of a longer handle ('/1' is not '/10')."""
    parts = [re.escape(p) for p in h.split("-")]
    return re.compile(r"(?<![A-Za-z0-9-])%s(?![A-Za-z0-9.()_/-])"
                      % r"-?\s*".join(parts))


def cmd_pdf(path, exp, what):
    """The PDF's text shows the names, the titles, the handles or the
    start of every row's text."""
    e = json.load(open(exp, encoding="utf-8"))
    t = pdf_text(path)
    if what == "handles":
        need = e["handles"]
        missing = [h for h in need if not handle_re(h).search(t)]
    else:
        need = e["committees"] + e["reviews"] if what == "names" \
            else e["texts"]
        flat = squash(t)
        missing = [n for n in need if squash(n) not in flat]
    if not need:
        done(False, "nothing expected: the JSON report is empty")
    done(not missing, "missing: %r" % missing[:5] if missing
         else "all %d %s found" % (len(need), what))


def cmd_pdfstrings(path, *needles):
    """Each needle is in the PDF's text."""
    flat = squash(pdf_text(path))
    missing = [n for n in needles if squash(n) not in flat]
    done(not missing, "missing: %r" % missing if missing
         else "%d strings found" % len(needles))


def cmd_pagebreaks(path, exp):
    """Each committee after the first starts a new printed page."""
    names = json.load(open(exp, encoding="utf-8"))["committees"]
    pages = [squash(p) for p in pdf_text(path).split("\f")]
    bad = []
    for name in names[1:]:
        first = next((i for i, p in enumerate(pages) if squash(name) in p),
                     None)
        if first is None or not pages[first].startswith(squash(name)):
            bad.append((name, first))
    done(not bad, "committee not at the top of a page: %r" % bad if bad
         else "%d pages; committees 2 to %d each open a page"
         % (len([p for p in pages if p]), len(names)))


def cmd_png(path, w=None, h=None, least=0):
    try:
        b = open(path, "rb").read()
    except OSError as e:
        done(False, str(e))
    if b[:8] != b"\x89PNG\r\n\x1a\n" or b[12:16] != b"IHDR":
        done(False, "not a PNG (%d bytes)" % len(b))
    gw = int.from_bytes(b[16:20], "big")
    gh = int.from_bytes(b[20:24], "big")
    good = len(b) >= int(least)
    if w is not None:
        good = good and abs(gw - int(w)) <= 2 and abs(gh - int(h)) <= 2
    done(good, "%dx%d PNG, %d bytes%s" % (
        gw, gh, len(b), "" if good else
        "; expected %sx%s and at least %s bytes" % (w, h, least)))


def png_pixels(path):
    """The RGB pixels of an 8-bit RGB or RGBA PNG (what pdftoppm writes),
    decoded with zlib alone."""
    import struct
    import zlib
    b = open(path, "rb").read()
    pos, idat, w = 8, b"", 0
    while pos < len(b):
        n, kind = struct.unpack(">I4s", b[pos:pos + 8])
        data = b[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            w, h, depth, ctype = struct.unpack(">IIBB", data[:10])
            if depth != 8 or ctype not in (2, 6):
                return []
            bpp = 3 if ctype == 2 else 4
        elif kind == b"IDAT":
            idat += data
        pos += 12 + n
    raw = zlib.decompress(idat)
    stride = w * bpp
    prev = bytearray(stride)
    out = []
    i = 0
    for _ in range(h):
        f = raw[i]
        row = bytearray(raw[i + 1:i + 1 + stride])
        i += 1 + stride
        for x in range(stride):
            a = row[x - bpp] if x >= bpp else 0
            up = prev[x]
            c = prev[x - bpp] if x >= bpp else 0
            if f == 1:
                row[x] = (row[x] + a) & 255
            elif f == 2:
                row[x] = (row[x] + up) & 255
            elif f == 3:
                row[x] = (row[x] + (a + up) // 2) & 255
            elif f == 4:
                p = a + up - c
                pa, pb, pc = abs(p - a), abs(p - up), abs(p - c)
                pr = a if pa <= pb and pa <= pc else up if pb <= pc else c
                row[x] = (row[x] + pr) & 255
        out.extend(tuple(row[x:x + 3]) for x in range(0, stride, bpp))
        prev = row
    return out


def cmd_colour(path, hexrgb, least):
    """At least LEAST pixels of the page are within a little of the
    colour: a RAG label printed in colour, not only in words."""
    want = tuple(int(hexrgb[i:i + 2], 16) for i in (0, 2, 4))
    n = sum(1 for p in png_pixels(path)
            if all(abs(p[i] - want[i]) <= 24 for i in range(3)))
    done(n >= int(least), "%d pixels of #%s (at least %s)"
         % (n, hexrgb, least))


def cmd_fulltext(path, exp, key="full"):
    """Every text of the list key (full: the recommendations' full texts;
    responses: the executive's responses) is in the PDF's text."""
    e = json.load(open(exp, encoding="utf-8"))
    flat = squash(pdf_text(path))
    missing = [p[:60] for t in e[key] for p in t if squash(p) not in flat]
    done(not missing, "missing: %r" % missing[:3] if missing
         else "all %d texts (%s)" % (len(e[key]), key))


def cmd_orphans(path, exp):
    """No page ends with a heading: each stays with what it heads."""
    e = json.load(open(exp, encoding="utf-8"))
    heads = {squash(h) for h in e["committees"] + e["reviews"] +
             e["lists"]}
    bad = []
    for i, page in enumerate(pdf_text(path).split("\f")):
        lines = [squash(l) for l in page.split("\n") if l.strip()]
        if lines and any(lines[-1] == h or (h.startswith(lines[-1]) and
                         len(lines[-1]) > 8) for h in heads):
            bad.append((i + 1, lines[-1]))
    done(not bad, "a heading ends page(s) %r" % bad if bad
         else "no page ends with a heading")


def cmd_pdffile(path):
    try:
        b = open(path, "rb").read()
    except OSError as e:
        done(False, str(e))
    good = b.startswith(b"%PDF-") and len(b) > 10000 and b"%%EOF" in b[-64:]
    done(good, "%d bytes, %s" % (len(b), b[:8].decode("latin-1").strip()))


if __name__ == "__main__":
    globals()["cmd_" + sys.argv[1]](*sys.argv[2:])
EOF

check_py() { python3 "$PY" "$@"; }

# chrome NAME ARGS...: one bounded headless Chromium run; its output is in
# $TMP/NAME.out and $TMP/NAME.err. A fresh profile and home each time, so
# nothing is read from or left in the user's.
chrome() {
	cname=$1
	shift
	mkdir -p "$TMP/home/$cname"
	env HOME="$TMP/home/$cname" XDG_CONFIG_HOME="$TMP/home/$cname/.config" \
		XDG_CACHE_HOME="$TMP/home/$cname/.cache" \
		timeout -k 5 60 "$CHROMIUM" --headless --no-sandbox --disable-gpu \
		--disable-quic --no-first-run --disable-background-networking \
		--disable-component-update --disable-sync --disable-extensions \
		--disable-features=NetworkTimeServiceQuerying \
		"--host-resolver-rules=MAP * ~NOTFOUND" \
		--user-data-dir="$TMP/profile/$cname" "$@" \
		>"$TMP/$cname.out" 2>"$TMP/$cname.err" </dev/null
}

# ran NAME STATUS FILE: Chromium exited 0 and FILE is not empty.
ran() {
	if [ "$2" = 0 ] && [ -s "$3" ]; then return 0; fi
	if [ -e "$3" ]; then size="$(wc -c <"$3") bytes"; else size=missing; fi
	echo "chromium exited $2; $(basename "$3"): $size"
	grep -v 'dbus\|^/usr/bin/chromium: [0-9]*: \[' "$TMP/$1.err" | tail -5
	return 1
}

uri() {
	python3 -c 'import pathlib, sys; print(pathlib.Path(sys.argv[1]).resolve().as_uri())' "$1"
}

# run NAME CMD...: a rectrack command that must succeed.
run() {
	rname=$1
	shift
	if "$@" >"$TMP/$rname.log" 2>&1 </dev/null; then return 0; fi
	echo "exit status $?: $*"
	tail -5 "$TMP/$rname.log"
	return 1
}

# test_page NAME JSON: everything about the report $TMP/NAME.html, whose
# JSON twin (the same report as --format json) is JSON.
test_page() {
	n=$1
	page=$TMP/$n.html
	exp=$TMP/$n.expect
	check_py expect "$2" >"$exp" || bad "$n: cannot read the JSON report"
	url=$(uri "$page")

	check "$n: static: no external reference" check_py static "$page"
	check "$n: raw HTML: only the writer's elements" check_py whitelist "$page"

	# (a) print to A4 PDF
	pdf=$TMP/$n.pdf
	chrome "$n-pdf" --print-to-pdf="$pdf" --no-pdf-header-footer \
		--print-to-pdf-no-header "$url"
	if check "$n: PDF printed" ran "$n-pdf" $? "$pdf" &&
		check "$n: PDF is a real PDF" check_py pdffile "$pdf"; then
		if have pdfinfo; then
			info=$(pdfinfo "$pdf" 2>&1)
			pages=$(printf '%s\n' "$info" | sed -n 's/^Pages: *//p')
			size=$(printf '%s\n' "$info" | sed -n 's/^Page size: *//p')
			case $size in
			*"(A4)"*) ok "$n: PDF pages are A4 ($pages pages, $size)" ;;
			*) bad "$n: PDF pages are not A4: '$size'" ;;
			esac
			rows=$(check_py get "$exp" rows)
			if [ "${pages:-0}" -ge 2 ] && [ "$pages" -le $((rows * 2 + 6)) ]; then
				ok "$n: page count sane ($pages pages for $rows recommendations)"
			else
				bad "$n: $pages pages for $rows recommendations"
			fi
		else
			echo "skip $n: pdfinfo not installed (poppler-utils)"
		fi
		if have pdftotext; then
			pdftotext "$pdf" "$TMP/$n.txt" 2>/dev/null
			check "$n: PDF text: committee and review names" \
				check_py pdf "$TMP/$n.txt" "$exp" names
			check "$n: PDF text: every handle listed" \
				check_py pdf "$TMP/$n.txt" "$exp" handles
			check "$n: PDF text: the start of every row's text" \
				check_py pdf "$TMP/$n.txt" "$exp" texts
			check "$n: PDF text: the full text of every recommendation" \
				check_py fulltext "$TMP/$n.txt" "$exp"
			check "$n: PDF text: the text of every executive response" \
				check_py fulltext "$TMP/$n.txt" "$exp" responses
			check "$n: PDF text: the sections' headings" \
				check_py pdfstrings "$TMP/$n.txt" "Overdue recommendations" \
				"Overdue responses" "Awaiting sign-off" "Executive response and actions" \
				"Target date" "Latest progress" "Lead officer"
			check "$n: PDF: headings stay with what they head" \
				check_py orphans "$TMP/$n.txt" "$exp"
			if grep -q 'file:' "$TMP/$n.txt"; then
				bad "$n: PDF has a header or footer (the file URL is printed)"
			else
				ok "$n: PDF has no browser header or footer"
			fi
			if [ "$(check_py get "$exp" committees | wc -l)" -gt 1 ]; then
				check "$n: PDF: a new page for each committee" \
					check_py pagebreaks "$TMP/$n.txt" "$exp"
			fi
		else
			echo "skip $n: pdftotext not installed (poppler-utils)"
		fi
		if have pdftoppm; then
			pdftoppm -png -r 60 -f 1 -l 1 -singlefile "$pdf" "$TMP/$n-page1" \
				2>"$TMP/$n-pdftoppm.err"
			# A4 landscape at 60 dpi is 702x496 pixels
			check "$n: PDF page 1 rendered to PNG" \
				check_py png "$TMP/$n-page1.png" 702 496 5000
			# the first page of recommendations: its RAG labels in colour
			pdftoppm -png -r 60 -f 2 -l 2 -singlefile "$pdf" "$TMP/$n-page2" \
				2>>"$TMP/$n-pdftoppm.err"
			check "$n: PDF page 2: the RAG printed in colour (amber #b35c00)" \
				check_py colour "$TMP/$n-page2.png" b35c00 20
		else
			echo "skip $n: pdftoppm not installed (poppler-utils)"
		fi
	fi

	# (b) screenshot: a blank 1200x2000 page is a few kB, this one ~250 kB
	shot=$TMP/$n-screen.png
	chrome "$n-shot" --screenshot="$shot" --window-size=1200,2000 "$url"
	check "$n: screenshot taken" ran "$n-shot" $? "$shot" &&
		check "$n: screenshot is a 1200x2000 PNG, not blank" \
			check_py png "$shot" 1200 2000 30000

	# (c) and (d): the DOM as Chromium built it, with a full network log
	dom=$TMP/$n-dom.html
	chrome "$n-dom" --dump-dom --log-net-log="$TMP/$n-net.json" \
		--net-log-capture-mode=Everything "$url"
	st=$?
	cp "$TMP/$n-dom.out" "$dom"
	if check "$n: DOM dumped" ran "$n-dom" $st "$dom"; then
		ncomm=$(check_py get "$exp" committees | wc -l)
		nrows=$(check_py get "$exp" rows)
		check "$n: DOM: committee names and review titles as text" \
			check_py names "$dom" "$exp"
		check "$n: DOM: rows in table.recs" check_py rows "$dom" "$nrows"
		check "$n: DOM: chart drawn" check_py chart "$dom" "$ncomm"
		check "$n: DOM: RAG in words" check_py rag "$dom" "$nrows"
		check "$n: DOM: no script" check_py absent "$dom" script
	fi
	check "$n: net log: no request but file:, data:, about:, chrome:" \
		check_py netlog "$TMP/$n-net.json" none
}

# --- the bundled data ------------------------------------------------------
DB=$TMP/b.db
M=islington-2024-childrens-workforce/2
if check "import the bundled data" run import "$BIN" --db "$DB" import data/*/*.yaml &&
	check "a target date set and moved twice" run moves sh -c '
		"$1" --db "$2" --today 2026-03-01 set "$3" --due 2026-03-31 &&
		"$1" --db "$2" --today 2026-04-15 set "$3" --due 2026-06-30 \
			--reason "Consultation extended" &&
		"$1" --db "$2" --today 2026-07-01 set "$3" --due 2026-12-31 \
			--reason "Waiting for the housing strategy"' sh "$BIN" "$DB" "$M" &&
	check "committee report written" run rep-c "$BIN" --db "$DB" report \
		--committee "children's services" --format html \
		--output "$TMP/committee.html" &&
	run rep-cj "$BIN" --db "$DB" report --committee "children's services" \
		--format json --output "$TMP/committee.json"; then
	test_page committee "$TMP/committee.json"
	got=$(check_py get "$TMP/committee.expect" rows)
	if [ "$got" = 20 ]; then
		ok "committee: 20 recommendations in the JSON twin"
	else
		bad "committee: $got recommendations in the JSON twin, expected 20"
	fi
	check "committee: DOM: the committee's name as text" \
		check_py texts "$TMP/committee-dom.html" \
		"Children's Services Scrutiny Committee"
	if have pdftotext; then
		check "committee: PDF text: first and revised target dates" \
			check_py pdfstrings "$TMP/committee.txt" \
			"2026-12-31 (first set 2026-03-31; moved 2 times)" \
			"2026-07-01: 2026-06-30 → 2026-12-31 (Waiting for the housing strategy)"
	fi
fi
if check "whole-database report written" run rep-a "$BIN" --db "$DB" report \
	--format html --output "$TMP/all.html" &&
	run rep-aj "$BIN" --db "$DB" report --format json --output "$TMP/all.json"; then
	test_page all "$TMP/all.json"
fi

# --- the method sees a request when a page makes one ----------------------
cat >"$TMP/canary.html" <<'EOF'
<!DOCTYPE html><html><head><title>canary</title>
<link rel="stylesheet" href="http://127.0.0.1:9/canary.css"></head>
<body><img src="http://127.0.0.1:9/canary.png" alt=""><p>canary</p></body></html>
EOF
chrome canary --dump-dom --log-net-log="$TMP/canary-net.json" \
	--net-log-capture-mode=Everything "$(uri "$TMP/canary.html")"
check "canary: the net log shows a page's requests (no CSP, two links)" \
	check_py netlog "$TMP/canary-net.json" canary

# --- hostile text ----------------------------------------------------------
# The same file twice: with hostile text, and with plain text in the same
# places. Both pages must have the same elements.
H='<script>alert(1)</script> "><img src=x onerror=alert(1)> </style> ]]> &amp; |'
hostile_db() {
	hdb=$TMP/$1.db
	p=$2
	cat >"$TMP/$1.yaml" <<EOF
# Hostile text in every field the report shows.
format: rectrack/1
committee:
  id: hostile-committee
  name: 'Committee $p'
  authority: 'Authority $p'
  contact: 'Contact $p'
reviews:
  - id: hostile-review
    title: 'Review $p'
    year: 2025-26
    stage: final
    published: 2026-01-15
    submitted: 2026-01-31
    summary: 'Summary $p'
    recommendations:
      - ref: "1"
        title: 'Title $p'
        addressee: 'Addressee $p'
        text: 'Text one $p'
        response:
          date: 2026-03-01
          by: 'By $p'
          decision: accepted
          text: 'Response $p'
      - ref: "2"
        text: 'Text two $p'
        owner: 'Owner two $p'
        due: 2026-06-30
EOF
	run "$1-import" "$BIN" --db "$hdb" import "$TMP/$1.yaml" &&
		run "$1-set" "$BIN" --db "$hdb" set hostile-review/1 \
			--owner "Owner one $p" &&
		run "$1-status1" "$BIN" --db "$hdb" status hostile-review/1 \
			in-progress --date 2026-10-01 --by "By $p" --note "Note one $p" &&
		run "$1-status2" env RECTRACK_USER="User $p" "$BIN" --db "$hdb" \
			status hostile-review/2 agreed --date 2026-10-02 \
			--note "Note two $p" &&
		run "$1-report" "$BIN" --db "$hdb" report --format html \
			--output "$TMP/$1.html"
}
if check "hostile: import, set, status and report" hostile_db hostile "$H" &&
	check "plain twin: import, set, status and report" \
		hostile_db plain "plain text"; then
	check "hostile: static: no external reference" \
		check_py static "$TMP/hostile.html"
	check "hostile: raw HTML: only the writer's elements" \
		check_py whitelist "$TMP/hostile.html"
	check "hostile: raw HTML: exactly the plain twin's elements" \
		check_py same "$TMP/hostile.html" "$TMP/plain.html"
	chrome hostile-dom --dump-dom --log-net-log="$TMP/hostile-net.json" \
		--net-log-capture-mode=Everything "$(uri "$TMP/hostile.html")"
	st=$?
	cp "$TMP/hostile-dom.out" "$TMP/hostile-dom.html"
	chrome plain-dom --dump-dom "$(uri "$TMP/plain.html")"
	cp "$TMP/plain-dom.out" "$TMP/plain-dom.html"
	if check "hostile: DOM dumped" ran hostile-dom $st "$TMP/hostile-dom.html"; then
		check "hostile: DOM: no script, img or other active element" \
			check_py absent "$TMP/hostile-dom.html" script img iframe \
			object embed link base form
		check "hostile: DOM: one style element" \
			check_py count "$TMP/hostile-dom.html" style 1
		check "hostile: DOM: exactly the plain twin's elements" \
			check_py same "$TMP/hostile-dom.html" "$TMP/plain-dom.html"
		check "hostile: DOM: the hostile strings are text" \
			check_py texts "$TMP/hostile-dom.html" "Committee $H" \
			"Authority $H" "Review $H" "Title $H" "Text two $H" \
			"Owner one $H" "Owner two $H" "Note one $H" "Note two $H"
	fi
	check "hostile: net log: no request but file:, data:, about:, chrome:" \
		check_py netlog "$TMP/hostile-net.json" none
	chrome hostile-pdf --print-to-pdf="$TMP/hostile.pdf" \
		--no-pdf-header-footer --print-to-pdf-no-header \
		"$(uri "$TMP/hostile.html")"
	if check "hostile: PDF printed" ran hostile-pdf $? "$TMP/hostile.pdf" &&
		have pdftotext; then
		pdftotext "$TMP/hostile.pdf" "$TMP/hostile.txt" 2>/dev/null
		check "hostile: PDF text: the hostile strings verbatim" \
			check_py pdfstrings "$TMP/hostile.txt" "Committee $H" \
			"Review $H" "Title $H" "Text two $H" "Owner one $H" \
			"Owner two $H" "Note one $H" "Note two $H"
	fi
fi

echo "browser: $passed passed, $failed failed"
[ "$failed" = 0 ]
