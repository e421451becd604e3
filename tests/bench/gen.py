#!/usr/bin/env python3
"""Deterministic generator of N recommendations in rectrack's format.

Realistic in shape and size: about 2.3 KB of YAML per recommendation
(400-800 characters of text, two findings, evidence references into a
per-review catalogue, a response on most, a few updates, owners and due
dates on some); one document per committee of ten reviews of fifty
recommendations; meetings with actions.

    python3 tests/bench/gen.py N > file.yaml
"""
import random
import sys

WORDS = (
    "council review support children families social workers schools "
    "housing recruitment retention training services young people partners "
    "community officers budget strategy assessment quality practice carers "
    "early help prevention outcomes workforce capacity demand commissioning "
    "engagement voice wellbeing mental health placements education "
    "transport libraries youth hubs apprenticeships leadership data "
    "monitoring evidence consultation improvement resources priority "
    "safeguarding partnership accessibility digital inclusion poverty "
    "employment skills volunteers governance accountability performance"
).split()

DECISIONS = ["accepted", "accepted", "accepted", "accepted-in-principle",
             "partially-accepted", "noted", "deferred", "rejected"]
KINDS = ["document", "focus-group", "interview", "meeting", "media",
         "site-visit", "survey", "testimony", "other"]


# A vocabulary like committee papers': the common words above, and some
# thousands of rarer ones, drawn by a Zipf law so that phrases are rare
# and a few words common, as in real text.
def vocabulary(rng):
    syll = ["ca", "re", "mi", "to", "ven", "sa", "lo", "ter", "pri", "da",
            "ne", "ko", "ul", "stra", "bi", "fen", "gor", "la", "mo", "tu"]
    rare = set()
    while len(rare) < 4000:
        rare.add("".join(rng.choice(syll) for _ in range(rng.randint(2, 4))))
    words = list(WORDS) + sorted(rare)
    weights = [1.0 / (k + 1) ** 1.05 for k in range(len(words))]
    return words, weights


VOCAB = None


def sentence(rng, lo, hi):
    n = rng.randint(lo, hi)
    words = rng.choices(VOCAB[0], cum_weights=VOCAB[1], k=n)
    return words[0].capitalize() + " " + " ".join(words[1:]) + "."


def text(rng, lo, hi):
    out = []
    length = rng.randint(lo, hi)
    while sum(len(s) + 1 for s in out) < length:
        out.append(sentence(rng, 8, 18))
    return " ".join(out)


def date(rng, year_lo=2019, year_hi=2026):
    return "%04d-%02d-%02d" % (rng.randint(year_lo, year_hi),
                               rng.randint(1, 12), rng.randint(1, 28))


def block(s, indent):
    return "|-\n" + "".join(" " * indent + line + "\n"
                            for line in s.split("\n"))


def main():
    global VOCAB
    n = int(sys.argv[1])
    rng = random.Random(20261122)
    VOCAB = vocabulary(random.Random(7))
    import itertools
    VOCAB = (VOCAB[0], list(itertools.accumulate(VOCAB[1])))
    w = sys.stdout.write
    per_review, per_committee = 50, 10
    made = 0
    c = 0
    while made < n:
        c += 1
        w("---\n" if c > 1 else "")
        w("format: rectrack/1\ncommittee:\n")
        w("  id: committee-%d\n  name: Scrutiny Committee %d\n" % (c, c))
        w("  authority: Council %d\n" % c)
        w("  contact: clerk%d@example.org\n" % c)
        w("meetings:\n")
        for m in range(2):
            w("  - id: m%d\n    date: %s\n    title: %s\n" %
              (m + 1, date(rng), sentence(rng, 4, 8)))
            w("    review: c%d-review-1\n" % c)
            w("    minutes: " + block(text(rng, 300, 600), 6))
            w("    actions:\n")
            for a in range(2):
                w("      - id: A%d\n        text: %s\n        owner: Officer %d\n"
                  % (a + 1, sentence(rng, 10, 20), rng.randint(1, 40)))
                if rng.random() < 0.5:
                    w("        due: %s\n" % date(rng))
        w("reviews:\n")
        for r in range(per_committee):
            if made >= n:
                break
            w("  - id: c%d-review-%d\n    title: %s\n" %
              (c, r + 1, sentence(rng, 3, 7)))
            w("    year: 2023-24\n    stage: monitoring\n")
            w("    submitted: %s\n" % date(rng, 2020, 2025))
            w("    evidence:\n")
            for e in range(8):
                w("      - id: E%d\n        kind: %s\n        title: %s\n" %
                  (e + 1, rng.choice(KINDS), sentence(rng, 4, 9)))
            w("    recommendations:\n")
            for k in range(per_review):
                if made >= n:
                    break
                made += 1
                w('      - ref: "%d"\n' % (k + 1))
                if rng.random() < 0.5:
                    w("        title: %s\n" % sentence(rng, 3, 7))
                w("        addressee: The Council\n")
                w("        text: " + block(text(rng, 400, 800), 10))
                w("        findings:\n")
                for f in range(2):
                    w("          - " + block(text(rng, 200, 320), 12))
                w("        evidence:\n")
                for e in rng.sample(range(1, 9), 2):
                    w("          - E%d\n" % e)
                if rng.random() < 0.4:
                    w("        owner: Director %d\n" % rng.randint(1, 30))
                if rng.random() < 0.4:
                    w("        due: %s\n" % date(rng, 2024, 2027))
                if rng.random() < 0.85:
                    w("        response:\n")
                    w("          date: %s\n          by: Executive\n" %
                      date(rng, 2020, 2025))
                    w("          decision: %s\n" % rng.choice(DECISIONS))
                    w("          text: " + block(text(rng, 200, 400), 12))
                nu = rng.randint(0, 3)
                if nu:
                    w("        updates:\n")
                    d = 2021
                    for u in range(nu):
                        d += 1
                        w("          - date: %d-%02d-%02d\n" %
                          (d, rng.randint(1, 12), rng.randint(1, 28)))
                        w("            status: %s\n" %
                          ["in-progress", "in-progress", "implemented"][u])
                        w("            by: Officer %d\n" % rng.randint(1, 40))
                        w("            note: %s\n" % sentence(rng, 8, 20))


if __name__ == "__main__":
    main()
