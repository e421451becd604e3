#!/usr/bin/env python3
"""Fail if an HTML report holds any element but those the writer makes.

Hostile text in the database must come out as text, never as markup: this
parses the report and lists every start tag.
"""
import sys
from html.parser import HTMLParser

ALLOWED = {"html", "head", "meta", "title", "style", "body", "h1", "h2",
           "h3", "p", "section", "small", "svg", "text", "rect", "dl", "dt",
           "dd", "table", "thead", "tbody", "tr", "th", "td", "span",
           "strong", "ul", "li"}


class Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.bad = []

    def handle_starttag(self, tag, attrs):
        if tag not in ALLOWED:
            self.bad.append(tag)
        for name, _ in attrs:
            if name.startswith("on") or name in ("src", "href"):
                self.bad.append(f"{tag}[{name}]")


p = Tags()
p.feed(open(sys.argv[1], encoding="utf-8").read())
if p.bad:
    print("unexpected markup:", p.bad, file=sys.stderr)
    sys.exit(1)
