#!/usr/bin/env python3
"""What members read, checked in every format of one report (issue 18):

  report_check.py JSON MD HTML CSV XLSX.json MOVED_HANDLE FIRST NOW N

JSON is the report as --format json (the reference: every recommendation's
full text, each response's text and actions); MD, HTML and CSV the same
report in those formats; XLSX.json the spreadsheet as xlsx_read.py prints
it. MOVED_HANDLE is a recommendation whose target date was first FIRST,
is now NOW and moved N times. Prints one line per failure; exits 1 if any.
"""
import csv
import html
import json
import re
import sys
from html.parser import HTMLParser

fails = []


def fail(msg):
    fails.append(msg)
    print("FAIL: " + msg)


def norm(s):
    return re.sub(r"\s+", " ", s or "").strip()


class Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []
        self.skip = 0

    INLINE = ("span", "strong")

    def handle_starttag(self, tag, attrs):
        if tag in ("style", "title"):
            self.skip += 1
        if tag not in self.INLINE:
            self.parts.append(" ")

    def handle_endtag(self, tag):
        if tag in ("style", "title"):
            self.skip -= 1
        if tag not in self.INLINE:
            self.parts.append(" ")

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def md_text(path):
    """The markdown as text: quote marks dropped, escapes undone."""
    lines = []
    for line in open(path, encoding="utf-8").read().split("\n"):
        lines.append(re.sub(r"^> ?", "", line))
    s = re.sub(r"\\(.)", r"\1", "\n".join(lines))
    return norm(html.unescape(s.replace("<br>", "\n")))


def main(jpath, mdpath, hpath, cpath, xpath, moved, first, now, n):
    rep = json.load(open(jpath, encoding="utf-8"))
    recs = [r for c in rep["committees"] for v in c["reviews"]
            for r in v["recommendations"]]
    if not recs:
        fail("the JSON report has no recommendation")
    md = md_text(mdpath)
    p = Text()
    p.feed(open(hpath, encoding="utf-8").read())
    page = norm("".join(p.parts))
    raw = open(cpath, "rb").read()
    if not raw.startswith(b"\xef\xbb\xbf"):
        fail("the CSV does not start with a UTF-8 byte-order mark")
    rows = list(csv.DictReader(open(cpath, encoding="utf-8-sig",
                                    newline="")))
    bycsv = {r["Handle"]: r for r in rows}
    book = json.load(open(xpath, encoding="utf-8"))
    sheets = {s["name"]: s for s in book["sheets"]}
    if list(sheets) != ["Recommendations", "Actions"]:
        fail("sheets %r, expected Recommendations, Actions" % list(sheets))
        return
    xs = sheets["Recommendations"]
    head = [c["v"] if c else None for c in xs["rows"][0]]
    byx = {}
    for row in xs["rows"][1:]:
        cells = dict(zip(head, row))
        byx[cells["Handle"]["v"]] = cells
    if xs["frozen_rows"] != 1 or sheets["Actions"]["frozen_rows"] != 1:
        fail("the header rows are not frozen")
    if not xs["autofilter"] or not xs["autofilter"].startswith("A1:"):
        fail("no autofilter on the recommendations")
    if len(byx) != len(recs) or len(bycsv) != len(recs):
        fail("%d rows in the xlsx, %d in the CSV, %d recommendations"
             % (len(byx), len(bycsv), len(recs)))
    for col in ("Ref", "Recommendation", "Executive response", "RAG",
                "Lead officer", "Target date (first set)",
                "Target date (current)", "Times moved", "Latest progress",
                "Handle"):
        if col not in head:
            fail("xlsx: no column %r" % col)
        if rows and col not in rows[0]:
            fail("csv: no column %r" % col)
    xacts = [dict(zip([c["v"] for c in sheets["Actions"]["rows"][0]],
                      [c["v"] if c else None for c in row]))
             for row in sheets["Actions"]["rows"][1:]]
    for r in recs:
        h = r["handle"]
        text = norm(r["text"])
        for name, hay in (("markdown", md), ("html", page)):
            if text not in hay:
                fail("%s: the full text of %s is missing" % (name, h))
        if bycsv.get(h, {}).get("Recommendation") != r["text"]:
            fail("csv: the full text of %s differs" % h)
        xc = byx.get(h, {})
        if (xc.get("Recommendation") or {}).get("v") != r["text"]:
            fail("xlsx: the full text of %s differs" % h)
        rag = (xc.get("RAG") or {})
        if rag.get("v") != r["rag"].capitalize() or not rag.get("fill"):
            fail("xlsx: %s's RAG cell %r is not %s and coloured"
                 % (h, rag, r["rag"]))
        resp = r["response"]
        if resp is None:
            continue
        if resp["text"]:
            rt = norm(resp["text"])
            for name, hay in (("markdown", md), ("html", page)):
                if rt not in hay:
                    fail("%s: the response text of %s is missing"
                         % (name, h))
            if bycsv.get(h, {}).get("Executive response") != resp["text"]:
                fail("csv: the response text of %s differs" % h)
            if (xc.get("Executive response") or {}).get("v") != \
                    resp["text"]:
                fail("xlsx: the response text of %s differs" % h)
        d = xc.get("Response date") or {}
        if resp["date"] and (d.get("type") != "n" or not d.get("date")):
            fail("xlsx: %s's response date %r is not a date cell" % (h, d))
        for a in resp["actions"]:
            at = norm(a["text"])
            for name, hay in (("markdown", md), ("html", page),
                              ("csv", norm(bycsv.get(h, {}).get("Actions")))):
                if at not in hay:
                    fail("%s: action %s of %s is missing"
                         % (name, a["id"], h))
            if not any(x["Handle"] == h and at in norm(x["Action"])
                       and x["Owner"] == a["owner"] for x in xacts):
                fail("xlsx: action %s of %s is not on the Actions sheet"
                     % (a["id"], h))
    # the recommendation whose target date moved
    m = next((r for r in recs if r["handle"] == moved), None)
    if m is None:
        fail("no recommendation %s" % moved)
        return
    if (m["first_due"], m["due"], m["slipped"]) != (first, now, int(n)):
        fail("json: %s first_due %s, due %s, slipped %s" % (
            moved, m["first_due"], m["due"], m["slipped"]))
    want = "%s (first set %s; moved %s times)" % (now, first, n)
    for name, hay in (("markdown", md), ("html", page)):
        if want not in hay:
            fail("%s: %r missing" % (name, want))
    c = bycsv.get(moved, {})
    if (c.get("Target date (first set)"), c.get("Target date (current)"),
            c.get("Times moved")) != (first, now, n):
        fail("csv: %s's target dates %r" % (moved, c))
    x = byx.get(moved, {})
    for col in ("Target date (first set)", "Target date (current)"):
        cell = x.get(col) or {}
        if cell.get("type") != "n" or not cell.get("date"):
            fail("xlsx: %s %r is not a date cell" % (col, cell))
    if (x.get("Times moved") or {}).get("v") != float(n):
        fail("xlsx: times moved %r" % x.get("Times moved"))
    print("%d recommendations checked in markdown, html, csv and xlsx; "
          "%d failures" % (len(recs), len(fails)))


if __name__ == "__main__":
    main(*sys.argv[1:])
    sys.exit(1 if fails else 0)
