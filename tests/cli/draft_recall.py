#!/usr/bin/env python3
"""Recall of a draft against its transcription in data/: the share of the
expected recommendations found with the same ref and the same text
(verbatim), and of the expected responses found with the same decision.
Usage: draft_recall.py DRAFT.yaml DATA.yaml REVIEW_ID
Prints 'recs FOUND/EXPECTED texts VERBATIM/EXPECTED responses R/E
decisions D/E' and each miss; exit 1 when a text differs."""
import sys
import yaml


def main():
    draft = yaml.safe_load(open(sys.argv[1], encoding="utf-8"))
    data = yaml.load(open(sys.argv[2], encoding="utf-8"),
                     Loader=yaml.BaseLoader)
    want = [r for r in data["reviews"] if r["id"] == sys.argv[3]][0]
    got = {}
    for rev in draft.get("reviews") or []:
        for r in rev.get("recommendations") or []:
            got[str(r["ref"])] = r
    # responses left commented out for the person: their text in comments
    raw = open(sys.argv[1], encoding="utf-8").read()
    exp = want.get("recommendations") or []
    found = verbatim = resp = resp_found = dec = dec_wrong = 0
    for r in exp:
        g = got.get(r["ref"])
        if g is None:
            print("missing: %s" % r["ref"])
            continue
        found += 1
        if g["text"] == r["text"]:
            verbatim += 1
        else:
            print("text differs: %s\n  want %r\n  got  %r" %
                  (r["ref"], r["text"][:3000], g["text"][:3000]))
        if "response" in r:
            resp += 1
            gr = g.get("response")
            if gr is not None and gr["text"] == r["response"]["text"]:
                resp_found += 1
                if gr["decision"] == r["response"]["decision"]:
                    dec += 1
                else:
                    dec_wrong += 1
                    print("decision differs: %s: want %s got %s" % (
                        r["ref"], r["response"]["decision"], gr["decision"]))
            elif gr is None and all(
                    ("#     " + line) in raw or line == ""
                    for line in r["response"]["text"].split("\n")):
                resp_found += 1
                print("response left for the person: %s" % r["ref"])
            else:
                print("response differs: %s\n  want %r\n  got  %r" % (
                    r["ref"], r["response"]["text"][:300],
                    gr["text"][:300] if gr else None))
    print("recs %d/%d texts %d/%d responses %d/%d decisions %d/%d wrong %d"
          % (found, len(exp), verbatim, len(exp), resp_found, resp, dec,
             resp, dec_wrong))
    extra = set(got) - set(r["ref"] for r in exp)
    if extra:
        print("extra: %s" % sorted(extra))
    return 0 if verbatim == len(exp) and not extra and dec_wrong == 0 else 1


sys.exit(main())
