#!/usr/bin/env python3
"""Read an .xlsx with nothing but zipfile and xml.etree, and print it as
JSON, for the report's tests to check cells:

  {"sheets": [{"name": ..., "frozen_rows": N, "autofilter": "A1:Y21",
               "rows": [[cell, ...], ...]}, ...]}

where each cell is null or {"v": text or number, "type": "s"|"n",
"date": true when its number format is a date one, "fill": "FFC62828"
or null, "wrap": bool}. Rows and columns are as in the sheet (A1 is
rows[0][0]); a missing cell is null.
"""
import json
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/"
           "relationships"}
REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
# Excel's built-in date formats
DATE_IDS = set(range(14, 23)) | set(range(45, 48))


def col_index(ref):
    letters = re.match(r"[A-Z]+", ref).group(0)
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1, int(ref[len(letters):]) - 1


def text_of(si):
    return "".join(t.text or "" for t in si.iter("{%s}t" % NS["m"]))


def main(path):
    z = zipfile.ZipFile(path)
    shared = []
    if "xl/sharedStrings.xml" in z.namelist():
        root = ET.fromstring(z.read("xl/sharedStrings.xml"))
        shared = [text_of(si) for si in root.findall("m:si", NS)]
    styles = ET.fromstring(z.read("xl/styles.xml"))
    fmts = {int(f.get("numFmtId")): f.get("formatCode")
            for f in styles.findall("m:numFmts/m:numFmt", NS)}
    fills = []
    for f in styles.findall("m:fills/m:fill", NS):
        fg = f.find("m:patternFill/m:fgColor", NS)
        fills.append(fg.get("rgb") if fg is not None else None)
    xfs = []
    for xf in styles.findall("m:cellXfs/m:xf", NS):
        nid = int(xf.get("numFmtId", "0"))
        code = fmts.get(nid, "")
        al = xf.find("m:alignment", NS)
        xfs.append({
            "date": nid in DATE_IDS or bool(re.search(r"[dy]", code)),
            "fill": fills[int(xf.get("fillId", "0"))],
            "wrap": al is not None and al.get("wrapText") == "1"})
    wb = ET.fromstring(z.read("xl/workbook.xml"))
    rels = ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))
    target = {r.get("Id"): r.get("Target") for r in rels.iter(REL +
              "Relationship")}
    out = {"sheets": []}
    for sh in wb.findall("m:sheets/m:sheet", NS):
        rid = sh.get("{%s}id" % NS["r"])
        ws = ET.fromstring(z.read("xl/" + target[rid]))
        pane = ws.find("m:sheetViews/m:sheetView/m:pane", NS)
        frozen = int(float(pane.get("ySplit", "0"))) \
            if pane is not None and pane.get("state") == "frozen" else 0
        af = ws.find("m:autoFilter", NS)
        rows = []
        for c in ws.iter("{%s}c" % NS["m"]):
            x, y = col_index(c.get("r"))
            while len(rows) <= y:
                rows.append([])
            while len(rows[y]) <= x:
                rows[y].append(None)
            v = c.find("m:v", NS)
            t = c.get("t", "n")
            if t == "s":
                val = shared[int(v.text)]
            elif t == "inlineStr":
                val = text_of(c.find("m:is", NS))
                t = "s"
            elif v is not None:
                val = float(v.text)
            else:
                val = None
            style = xfs[int(c.get("s", "0"))]
            rows[y][x] = {"v": val, "type": t, "date": style["date"],
                          "fill": style["fill"], "wrap": style["wrap"]}
        out["sheets"].append({"name": sh.get("name"),
                              "frozen_rows": frozen,
                              "autofilter": af.get("ref") if af is not None
                              else None, "rows": rows})
    json.dump(out, sys.stdout, ensure_ascii=False, indent=1)
    print()


if __name__ == "__main__":
    main(sys.argv[1])
