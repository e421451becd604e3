#!/usr/bin/env python3
"""The benchmark's Python peer: the plain importer a council data officer
would otherwise write. PyYAML with libyaml's C loader, the standard sqlite3
module, one transaction; it stores exactly the tables, rows and full-text
index rows that 'rectrack import' stores for the same files into a new
database, so that its time is a fair comparison. It assumes valid input,
as a quick script would: it checks nothing that rectrack checks.

    python3 tests/bench/peer.py SCHEMA_DB TARGET_DB FILE.yaml...

SCHEMA_DB is a database rectrack made (its schema is copied); TARGET_DB
must not exist yet.
"""
import os
import pathlib
import sqlite3
import sys

import yaml

# --- reading: every scalar is text (format.md), trimmed as rectrack does ----

NULL_TAG = "tag:yaml.org,2002:null"
WS = " \t\n"


def trim(s):
    """rectrack's text_trim (src/yamlin.c): drop leading blank lines and
    trailing blank lines with the final newline; keep the spaces on the
    first and last lines that have something on them. Empty is 'not
    stated' (None), as rectrack's get_text has it."""
    if not s:
        return None
    if s[0] not in WS and s[-1] not in WS:
        return s
    first = len(s) - len(s.lstrip(WS))
    if first == len(s):
        return None
    start = s.rfind("\n", 0, first) + 1
    end = s.find("\n", len(s.rstrip(WS)))
    return s[start:end] if end >= 0 else s[start:]


class Loader(yaml.CSafeLoader):
    """libyaml's loader with YAML 1.1's implicit typing off but for null
    (a plain ~, null, Null, NULL or nothing): 'no', '1.10', '2024-04-29'
    stay the characters written."""


Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag == NULL_TAG]
    for first, resolvers in yaml.CSafeLoader.yaml_implicit_resolvers.items()
}
Loader.add_constructor("tag:yaml.org,2002:str",
                       lambda loader, node: trim(node.value))

# --- the index's row ids (src/search.h, src/search.c) -----------------------

SEARCH_REC, SEARCH_MEET, SEARCH_EVID = 1 << 40, 2 << 40, 3 << 40
SLOTS = 1 << 16
S_TITLE, S_TEXT, S_RESPONSE = 0, 1, 2
S_LIST1, S_LIST2, S_NOTES, S_ACTIONS = 16, 10016, 20016, 45016


def join2(a, b):
    """'a\\nb', 'a' or 'b' of two optional texts."""
    if b is None:
        return a
    return b if not a else a + "\n" + b


# One row of the index: rowid, then its eight columns (NULL but one or two).
def ix(rowid, col, text):
    row = [rowid, None, None, None, None, None, None, None, None]
    row[col] = text
    return row


C_TITLE, C_TEXT, C_FINDING, C_EVIDENCE = 1, 2, 3, 4
C_RESPONSE, C_NOTE, C_ACTION, C_MINUTES = 5, 6, 7, 8

SQL = {
    "meetings": "INSERT INTO meetings (id, committee_id, mid, date, title,"
                " review, minutes) VALUES (?, ?, ?, ?, ?, ?, ?)",
    "meeting_resolved": "INSERT INTO meeting_resolved (meeting_id, pos, text)"
                        " VALUES (?, ?, ?)",
    "reviews": "INSERT INTO reviews (id, rid, committee_id, title, year,"
               " stage, published, submitted, source, summary)"
               " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    "review_items": "INSERT INTO review_items (review_id, kind, pos, text)"
                    " VALUES (?, ?, ?, ?)",
    "recs": "INSERT INTO recs (id, review_id, ref, title, addressee, text,"
            " owner, due) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    "findings": "INSERT INTO findings (rec_id, pos, text) VALUES (?, ?, ?)",
    "evidence": "INSERT INTO evidence (id, review_id, eid, rec_id, pos, kind,"
                " title, date, text, url)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    "rec_evidence": "INSERT INTO rec_evidence (rec_id, pos, evidence_id)"
                    " VALUES (?, ?, ?)",
    "responses": "INSERT INTO responses (rec_id, date, by, decision, text)"
                 " VALUES (?, ?, ?, ?, ?)",
    "actions": "INSERT INTO actions (id, meeting_id, rec_id, aid, text, owner,"
               " due, status, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
    "updates": "INSERT INTO updates (id, rec_id, date, status, due, by, note,"
               " forced) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    "search": "INSERT INTO search (rowid, title, text, finding, evidence,"
              " response, note, action, minutes)"
              " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
}
# parents before children (foreign keys are on, as in rectrack)
ORDER = list(SQL)


class Importer:
    def __init__(self, db):
        self.db = db
        self.committees = {}    # cid -> [id, name, authority, contact]
        # the next row id of each table with one: the database is new,
        # so a row's id is what SQLite would give it, one more than the last
        self.last = {t: db.execute("SELECT coalesce(max(rowid), 0) FROM " +
                                   t).fetchone()[0]
                     for t in ("meetings", "reviews", "recs", "evidence",
                               "actions", "updates")}
        self.rows = {t: [] for t in ORDER}

    def next_id(self, table):
        self.last[table] += 1
        return self.last[table]

    def flush(self):
        # FTS5 writes out its in-memory index whenever a row id is not above
        # the last one; a document's rows come in three ranges (recs,
        # meetings, catalogue evidence), so give them in row id order
        self.rows["search"].sort()
        for t in ORDER:
            if self.rows[t]:
                self.db.executemany(SQL[t], self.rows[t])
                self.rows[t] = []

    # -- one document: its committee, then its meetings and reviews in the
    # order the file gives them (import.c stores items held before the
    # committee key once it is read)
    def document(self, doc):
        if isinstance(doc, list):       # what 'export --format json' writes
            for d in doc:
                self.document(d)
            return
        if not doc:
            return
        cid = self.committee(doc["committee"])
        for key, items in doc.items():
            if key == "meetings":
                for m in items or ():
                    self.meeting(cid, m)
            elif key == "reviews":
                for r in items or ():
                    self.review(cid, r)
        self.flush()

    def committee(self, c):
        cid, name, authority, contact = (c["id"], c["name"], c["authority"],
                                         c.get("contact"))
        held = self.committees.get(cid)
        if held is None:
            cur = self.db.execute(
                "INSERT INTO committees (cid, name, authority, contact)"
                " VALUES (?, ?, ?, ?)", (cid, name, authority, contact))
            self.committees[cid] = [cur.lastrowid, name, authority, contact]
            return cur.lastrowid
        # named again: the later mention updates it (not stated: kept)
        if contact is None:
            contact = held[3]
        if [name, authority, contact] != held[1:]:
            self.db.execute("UPDATE committees SET name = ?, authority = ?,"
                            " contact = ? WHERE id = ?",
                            (name, authority, contact, held[0]))
            held[1:] = [name, authority, contact]
        return held[0]

    def action(self, meeting_id, rec_id, a):
        self.rows["actions"].append(
            (self.next_id("actions"), meeting_id, rec_id, a["id"], a["text"],
             a.get("owner"), a.get("due"), a.get("status"), a.get("note")))

    def meeting(self, cid, m):
        mid = self.next_id("meetings")
        title, minutes = m["title"], m.get("minutes")
        self.rows["meetings"].append(
            (mid, cid, m["id"], m.get("date"), title, m.get("review"),
             minutes))
        base = SEARCH_MEET + (mid << 16)
        row = ix(base + S_TITLE, C_TITLE, title)
        row[C_MINUTES] = minutes
        search = self.rows["search"]
        search.append(row)
        resolved = m.get("resolved") or ()
        for pos, text in enumerate(resolved):
            self.rows["meeting_resolved"].append((mid, pos, text))
            if pos < S_LIST2 - S_LIST1:
                search.append(ix(base + S_LIST1 + pos, C_MINUTES, text))
        for k, a in enumerate(m.get("actions") or ()):
            self.action(mid, None, a)
            if k < SLOTS - S_LIST2:
                search.append(ix(base + S_LIST2 + k, C_ACTION,
                                 join2(a["text"], a.get("note"))))

    def evidence(self, review_id, rec_id, pos, e):
        eid = self.next_id("evidence")
        text = e.get("text")
        self.rows["evidence"].append(
            (eid, review_id, e.get("id"), rec_id, pos, e["kind"], e["title"],
             e.get("date"), text, e.get("url")))
        return eid, join2(e["title"], text)

    def review(self, cid, r):
        review_id = self.next_id("reviews")
        self.rows["reviews"].append(
            (review_id, r["id"], cid, r["title"], r.get("year"),
             r.get("stage"), r.get("published"), r.get("submitted"),
             r.get("source"), r.get("summary")))
        items = self.rows["review_items"]
        for kind, key in (("member", "members"),
                          ("commendation", "commendations")):
            for pos, text in enumerate(r.get(key) or ()):
                items.append((review_id, kind, pos, text))
        catalogue = {}
        for e in r.get("evidence") or ():
            eid, text = self.evidence(review_id, None, None, e)
            catalogue[e["id"]] = eid
            self.rows["search"].append(ix(SEARCH_EVID + eid, C_EVIDENCE,
                                          text))
        for x in r.get("recommendations") or ():
            self.rec(review_id, catalogue, x)

    def rec(self, review_id, catalogue, x):
        rows = self.rows
        search = rows["search"]
        rec_id = self.next_id("recs")
        base = SEARCH_REC + (rec_id << 16)
        title, text = x.get("title"), x["text"]
        rows["recs"].append((rec_id, review_id, x["ref"], title,
                             x.get("addressee"), text, x.get("owner"),
                             x.get("due")))
        if title is not None:
            search.append(ix(base + S_TITLE, C_TITLE, title))
        search.append(ix(base + S_TEXT, C_TEXT, text))
        for pos, f in enumerate(x.get("findings") or ()):
            rows["findings"].append((rec_id, pos, f))
            if pos < S_LIST2 - S_LIST1:
                search.append(ix(base + S_LIST1 + pos, C_FINDING, f))
        for pos, e in enumerate(x.get("evidence") or ()):
            if isinstance(e, str):      # an id in the review's catalogue
                eid = catalogue[e]
            else:                       # inline: its own row
                eid, etext = self.evidence(review_id, rec_id, pos, e)
                if pos < S_NOTES - S_LIST2:
                    search.append(ix(base + S_LIST2 + pos, C_EVIDENCE,
                                     etext))
            rows["rec_evidence"].append((rec_id, pos, eid))
        s = x.get("response")
        if s is not None:
            rows["responses"].append((rec_id, s.get("date"), s.get("by"),
                                      s["decision"], s["text"]))
            search.append(ix(base + S_RESPONSE, C_RESPONSE, s["text"]))
        # updates are a union, also within one file; notes are indexed in
        # the order of the updates stored
        seen = set()
        k = 0
        for u in x.get("updates") or ():
            note = u.get("note")
            key = (u["date"], u["status"], u.get("due"), u.get("by"), note,
                   1 if u.get("forced") == "true" else 0)
            if key in seen:
                continue
            seen.add(key)
            rows["updates"].append((self.next_id("updates"), rec_id) + key)
            if note is not None:
                if k < S_ACTIONS - S_NOTES:
                    search.append(ix(base + S_NOTES + k, C_NOTE, note))
                k += 1
        if s is not None:
            for k, a in enumerate(s.get("actions") or ()):
                self.action(None, rec_id, a)
                if k < SLOTS - S_ACTIONS:
                    search.append(ix(base + S_ACTIONS + k, C_ACTION,
                                     join2(a["text"], a.get("note"))))


SHADOW = {"search_data", "search_idx", "search_content", "search_docsize",
          "search_config"}


def read_schema(schema_path):
    """What a rectrack database holds but its rows: the SQL of its tables
    (not the FTS5 index's shadow tables, which its virtual table makes),
    indexes, triggers and virtual tables, the index's settings, and its
    two header numbers."""
    # read only by what it runs; not opened with mode=ro, which would leave
    # the WAL database's -wal and -shm files behind when it closes
    src = sqlite3.connect(pathlib.Path(schema_path).absolute().as_uri() +
                          "?mode=rw", uri=True)
    objects = src.execute("SELECT type, name, sql FROM sqlite_schema"
                          " WHERE sql IS NOT NULL ORDER BY rowid").fetchall()
    user_version = src.execute("PRAGMA user_version").fetchone()[0]
    application_id = src.execute("PRAGMA application_id").fetchone()[0]
    # how the index is built (FTS5's settings: merge sizes, memory)
    settings = src.execute("SELECT k, v FROM search_config"
                           " WHERE k <> 'version' ORDER BY k").fetchall()
    src.close()

    def virtual(sql):
        return sql.upper().startswith("CREATE VIRTUAL TABLE")

    tables = [o for o in objects if o[0] == "table" and o[1] not in SHADOW
              and not virtual(o[2])]
    indexes = [o for o in objects if o[0] == "index"]
    triggers = [o for o in objects if o[0] == "trigger"]
    vtables = [o for o in objects if o[0] == "table" and virtual(o[2])]
    sql = [o[2] for o in tables + indexes + triggers + vtables]
    return sql, settings, user_version, application_id


def make_schema(db, schema):
    sql, settings, user_version, application_id = schema
    db.execute("BEGIN")
    for s in sql:
        db.execute(s)
    for k, v in settings:
        db.execute("INSERT INTO search (search, rank) VALUES (?, ?)", (k, v))
    db.execute("PRAGMA user_version = %d" % user_version)
    db.execute("PRAGMA application_id = %d" % application_id)
    db.execute("COMMIT")


def main(argv):
    if len(argv) < 4:
        sys.stderr.write("usage: peer.py SCHEMA_DB TARGET_DB FILE.yaml...\n")
        return 2
    schema, target, files = argv[1], argv[2], argv[3:]
    if os.path.exists(target):
        sys.stderr.write("peer.py: %s exists; give a new file\n" % target)
        return 2
    schema = read_schema(schema)
    db = sqlite3.connect(target, isolation_level=None)
    # what rectrack does for a new file (src/db.c)
    db.execute("PRAGMA foreign_keys = ON")
    db.execute("PRAGMA journal_mode = DELETE")
    db.execute("PRAGMA synchronous = FULL")
    db.execute("PRAGMA cache_size = -8192")
    make_schema(db, schema)

    db.execute("BEGIN IMMEDIATE")
    imp = Importer(db)
    for path in files:
        with open(path, "rb") as f:
            for doc in yaml.load_all(f, Loader=Loader):
                imp.document(doc)
    db.execute("COMMIT")
    # rectrack turns WAL on when it closes a database it created
    db.execute("PRAGMA journal_mode = WAL")
    db.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
