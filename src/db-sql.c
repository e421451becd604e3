#include "db-sql.h"

#include <stddef.h>

#include "record.h"

/*
 * record.h's REC_SHOWN_TEXTS in the statements that hold a
 * recommendation's row, after its other texts: a column of recs (r), its
 * parameter (numbered after the last one written), its update, and the
 * rule verify checks it by (VCOL, below).
 */
#define SHOWN_COL(name, label)		", " #name
#define SHOWN_RCOL(name, label)		", r." #name
#define SHOWN_PARAM(name, label)	", ?"
#define SHOWN_SET(name, label)		", " #name " = COALESCE(?, " #name ")"
#define SHOWN_VCOL(name, label)		VCOL("recs", "id", #name, "t")

/*
 * The indexes of the stored derivation (migration 10) that a bulk import
 * drops and makes again (derived_bulk()): the same text both times, as
 * 'verify' compares the schema with what the migrations make.
 */
#define DERIVED_INDEX_DUE \
	"CREATE INDEX derived_due ON derived(due_end) WHERE due_end IS NOT NULL"
#define DERIVED_INDEX_ACTIVITY \
	"CREATE INDEX derived_activity ON derived(activity) WHERE open = 1"
#define DERIVED_INDEX_RESPONSE \
	"CREATE INDEX derived_response ON derived(response_due)" \
	"  WHERE open = 1 AND answered = 0"
#define DERIVED_INDEX_STATUS \
	"CREATE INDEX derived_status ON derived(status)"
#define DERIVED_INDEX_UPDATED \
	"CREATE INDEX derived_updated ON derived(last_activity)" \
	"  WHERE last_activity IS NOT NULL"
#define DERIVED_INDEX_SIGNOFF \
	"CREATE INDEX derived_signoff ON derived(open)" \
	"  WHERE open = 0 AND signed_off IS NULL"
/* (migration 13) overdue as one range: the open ones by target day */
#define DERIVED_INDEX_OPEN_DUE \
	"CREATE INDEX derived_open_due ON derived(due_end) WHERE open = 1"

/* the indexes of owners and addressees (migration 10): inserted into in
 * the order of the texts, so dropped by a bulk import too */
#define RECS_INDEX_OWNER \
	"CREATE INDEX recs_owner ON recs(owner) WHERE owner IS NOT NULL"
#define RECS_INDEX_ADDRESSEE \
	"CREATE INDEX recs_addressee ON recs(addressee)" \
	"  WHERE addressee IS NOT NULL"

/*
 * The action log (ST_ACTIONS) and chase's open actions: the columns both
 * begin with, then their joins (chase's adds the response, for its
 * date) and the conditions both have. ?1 committee row id, ?2 review row
 * id: each NULL for any.
 */
#define ACTIONS_COLS \
	"SELECT a.id, c.cid, COALESCE(m.review, rv.rid)," \
	" CASE WHEN a.meeting_id IS NOT NULL THEN 'meeting ' || m.mid" \
	"  ELSE 'response to ' || rv.rid || '/' || r.ref END," \
	" a.aid, a.owner, a.due, COALESCE(a.status, 'open'), a.text,"
#define ACTIONS_JOINS(more) \
	" FROM actions a" \
	" LEFT JOIN meetings m ON m.id = a.meeting_id" \
	" LEFT JOIN recs r ON r.id = a.rec_id" \
	" LEFT JOIN reviews rv ON rv.id = r.review_id" \
	more \
	" JOIN committees c ON c.id = COALESCE(m.committee_id," \
	"  rv.committee_id)" \
	" WHERE (?1 IS NULL OR c.id = ?1)" \
	"  AND (?2 IS NULL OR r.review_id = ?2 OR m.review =" \
	"   (SELECT rid FROM reviews WHERE id = ?2))"
/* the log: then the note, the meeting's date and the status's; ?3 open
 * only, ?4 owner substring (any case), each NULL for any */
#define ACTIONS_SELECT \
	ACTIONS_COLS " a.note, m.date, a.status_date" ACTIONS_JOINS("") \
	"  AND (?3 IS NULL OR COALESCE(a.status, 'open') = 'open')" \
	"  AND (?4 IS NULL OR instr(lower(a.owner), lower(?4)) > 0)"
/* chase: then the date the action dates from (its meeting's, its
 * response's), its recommendation, the committee's authority and the
 * review's municipal year; open ones only */
#define CHASE_ACTIONS_SELECT \
	ACTIONS_COLS \
	" CASE WHEN a.meeting_id IS NOT NULL THEN m.date ELSE s.date END," \
	" a.rec_id, c.authority," \
	" COALESCE(rv.year, (SELECT year FROM reviews WHERE rid = m.review))" \
	ACTIONS_JOINS(" LEFT JOIN responses s ON s.rec_id = a.rec_id") \
	"  AND COALESCE(a.status, 'open') = 'open'"
/*
 * With a committee (?1) or a review (?2): the ids of the actions of its
 * meetings and of its recommendations' responses, from their indexes,
 * so that the table of actions is not read whole. A superset (a review's
 * and a committee's, when both are given), which the conditions above
 * keep exactly: the same rows as without it.
 */
#define ACTIONS_OF \
	"  AND a.id IN (" \
	"   SELECT x.id FROM meetings xm JOIN actions x" \
	"    ON x.meeting_id = xm.id WHERE xm.committee_id = ?1" \
	"   UNION ALL SELECT x.id FROM reviews xv JOIN recs xr" \
	"    ON xr.review_id = xv.id JOIN actions x ON x.rec_id = xr.id" \
	"    WHERE xv.committee_id = ?1" \
	"   UNION ALL SELECT x.id FROM meetings xm JOIN actions x" \
	"    ON x.meeting_id = xm.id" \
	"    WHERE xm.review = (SELECT rid FROM reviews WHERE id = ?2)" \
	"   UNION ALL SELECT x.id FROM recs xr JOIN actions x" \
	"    ON x.rec_id = xr.id WHERE xr.review_id = ?2)"
#define ACTIONS_ORDER	" ORDER BY c.cid, a.id"

const char *const db_derived_indexes[][2] = {
	{ "DROP INDEX derived_due", DERIVED_INDEX_DUE },
	{ "DROP INDEX derived_activity", DERIVED_INDEX_ACTIVITY },
	{ "DROP INDEX derived_response", DERIVED_INDEX_RESPONSE },
	{ "DROP INDEX derived_status", DERIVED_INDEX_STATUS },
	{ "DROP INDEX derived_updated", DERIVED_INDEX_UPDATED },
	{ "DROP INDEX derived_signoff", DERIVED_INDEX_SIGNOFF },
	{ "DROP INDEX derived_open_due", DERIVED_INDEX_OPEN_DUE },
	{ "DROP INDEX recs_owner", RECS_INDEX_OWNER },
	{ "DROP INDEX recs_addressee", RECS_INDEX_ADDRESSEE },
	{ NULL, NULL },
};

/*
 * The triggers that keep review_counts (migration 11) right as the
 * stored derivation changes: a bulk import drops them with the indexes
 * above and counts every review again at the commit (derived_bulk()).
 * n never rests at 0: a count that reaches it goes.
 */
#define COUNTS_KEY(row) \
	" review_id = " row ".review_id AND status = " row ".status" \
	" AND answered = " row ".answered"
#define COUNTS_ADD \
	"INSERT INTO review_counts (review_id, status, answered, n)" \
	" VALUES (new.review_id, new.status, new.answered, 1)" \
	" ON CONFLICT (review_id, status, answered) DO UPDATE SET n = n + 1;"
#define COUNTS_TAKE \
	"UPDATE review_counts SET n = n - 1 WHERE" COUNTS_KEY("old") ";" \
	"DELETE FROM review_counts WHERE" COUNTS_KEY("old") " AND n <= 0;"
#define COUNTS_TRIGGER_INSERT \
	"CREATE TRIGGER derived_counts_insert AFTER INSERT ON derived" \
	" BEGIN " COUNTS_ADD " END"
#define COUNTS_TRIGGER_DELETE \
	"CREATE TRIGGER derived_counts_delete AFTER DELETE ON derived" \
	" BEGIN " COUNTS_TAKE " END"
#define COUNTS_TRIGGER_UPDATE \
	"CREATE TRIGGER derived_counts_update" \
	" AFTER UPDATE OF review_id, status, answered ON derived" \
	" WHEN old.review_id IS NOT new.review_id" \
	" OR old.status IS NOT new.status OR old.answered IS NOT new.answered" \
	" BEGIN " COUNTS_TAKE COUNTS_ADD " END"

const char *const db_counts_triggers[][2] = {
	{ "DROP TRIGGER derived_counts_insert", COUNTS_TRIGGER_INSERT },
	{ "DROP TRIGGER derived_counts_delete", COUNTS_TRIGGER_DELETE },
	{ "DROP TRIGGER derived_counts_update", COUNTS_TRIGGER_UPDATE },
	{ NULL, NULL },
};

/*
 * The triggers that keep committee_counts (migration 12), the sums of
 * review_counts by committee, right as review_counts changes: a count
 * of a review is added to, or taken from, its committee's (a review
 * that is gone counts for none). Dropped and made again with those
 * above, every committee counted again from review_counts.
 */
#define CCOUNTS_ADD(n) \
	"INSERT INTO committee_counts (committee_id, status, answered, n)" \
	" SELECT rv.committee_id, new.status, new.answered, " n \
	" FROM reviews rv WHERE rv.id = new.review_id" \
	" ON CONFLICT (committee_id, status, answered)" \
	" DO UPDATE SET n = n + excluded.n;"
#define CCOUNTS_KEY \
	" committee_id = (SELECT committee_id FROM reviews" \
	" WHERE id = old.review_id) AND status = old.status" \
	" AND answered = old.answered"
#define CCOUNTS_TAKE(n) \
	"UPDATE committee_counts SET n = n - " n " WHERE" CCOUNTS_KEY ";" \
	"DELETE FROM committee_counts WHERE" CCOUNTS_KEY " AND n <= 0;"
#define CCOUNTS_TRIGGER_INSERT \
	"CREATE TRIGGER review_counts_insert AFTER INSERT ON review_counts" \
	" BEGIN " CCOUNTS_ADD("new.n") " END"
#define CCOUNTS_TRIGGER_DELETE \
	"CREATE TRIGGER review_counts_delete AFTER DELETE ON review_counts" \
	" BEGIN " CCOUNTS_TAKE("old.n") " END"
#define CCOUNTS_TRIGGER_UPDATE \
	"CREATE TRIGGER review_counts_update AFTER UPDATE ON review_counts" \
	" BEGIN " CCOUNTS_TAKE("old.n") CCOUNTS_ADD("new.n") " END"

/* committee_counts from review_counts (migration 12, reindex, a bulk
 * import's commit); verify's sums */
#define CCOUNTS_SUMS \
	"SELECT rv.committee_id, k.status, k.answered, sum(k.n) AS n" \
	" FROM review_counts k JOIN reviews rv ON rv.id = k.review_id" \
	" GROUP BY rv.committee_id, k.status, k.answered"
#define CCOUNTS_FILL \
	"INSERT INTO committee_counts (committee_id, status, answered, n) " \
	CCOUNTS_SUMS

const char *const db_ccounts_triggers[][2] = {
	{ "DROP TRIGGER review_counts_insert", CCOUNTS_TRIGGER_INSERT },
	{ "DROP TRIGGER review_counts_delete", CCOUNTS_TRIGGER_DELETE },
	{ "DROP TRIGGER review_counts_update", CCOUNTS_TRIGGER_UPDATE },
	{ NULL, NULL },
};

/*
 * Migrations. Never edit a step that has shipped: add a new one. Step i
 * takes a database from user_version i to i + 1.
 */
const char *const db_migrations[] = {
	/* 1: the first schema */
	"CREATE TABLE committees ("
	"  id INTEGER PRIMARY KEY,"
	"  cid TEXT NOT NULL UNIQUE,"
	"  name TEXT NOT NULL,"
	"  authority TEXT NOT NULL,"
	"  contact TEXT"
	");"
	"CREATE TABLE reviews ("
	"  id INTEGER PRIMARY KEY,"
	"  rid TEXT NOT NULL UNIQUE,"
	"  committee_id INTEGER NOT NULL REFERENCES committees(id),"
	"  title TEXT NOT NULL,"
	"  year TEXT,"
	"  stage TEXT CHECK (stage IN ('scoping','evidence','draft','final',"
	"    'responded','monitoring','closed')),"
	"  published TEXT,"
	"  submitted TEXT,"
	"  source TEXT,"
	"  summary TEXT"
	");"
	"CREATE INDEX reviews_committee ON reviews(committee_id);"
	/* members and commendations, in their stated order */
	"CREATE TABLE review_items ("
	"  review_id INTEGER NOT NULL REFERENCES reviews(id),"
	"  kind TEXT NOT NULL CHECK (kind IN ('member','commendation')),"
	"  pos INTEGER NOT NULL,"
	"  text TEXT NOT NULL,"
	"  PRIMARY KEY (review_id, kind, pos)"
	") WITHOUT ROWID;"
	/* review: the review id as written, which may arrive later in the
	 * same import; the importer checks that it resolves */
	"CREATE TABLE meetings ("
	"  id INTEGER PRIMARY KEY,"
	"  committee_id INTEGER NOT NULL REFERENCES committees(id),"
	"  mid TEXT NOT NULL,"
	"  date TEXT,"
	"  title TEXT NOT NULL,"
	"  review TEXT,"
	"  minutes TEXT,"
	"  UNIQUE (committee_id, mid)"
	");"
	"CREATE INDEX meetings_review ON meetings(review);"
	"CREATE TABLE meeting_resolved ("
	"  meeting_id INTEGER NOT NULL REFERENCES meetings(id),"
	"  pos INTEGER NOT NULL,"
	"  text TEXT NOT NULL,"
	"  PRIMARY KEY (meeting_id, pos)"
	") WITHOUT ROWID;"
	"CREATE TABLE recs ("
	"  id INTEGER PRIMARY KEY,"
	"  review_id INTEGER NOT NULL REFERENCES reviews(id),"
	"  ref TEXT NOT NULL,"
	"  title TEXT,"
	"  addressee TEXT,"
	"  text TEXT NOT NULL,"
	"  owner TEXT,"
	"  due TEXT,"
	"  UNIQUE (review_id, ref)"
	");"
	"CREATE TABLE findings ("
	"  rec_id INTEGER NOT NULL REFERENCES recs(id),"
	"  pos INTEGER NOT NULL,"
	"  text TEXT NOT NULL,"
	"  PRIMARY KEY (rec_id, pos)"
	") WITHOUT ROWID;"
	/* a catalogue item has an eid and no rec_id; an inline item belongs to
	 * its recommendation (rec_id, at pos in its evidence list) and may
	 * carry an id of its own */
	"CREATE TABLE evidence ("
	"  id INTEGER PRIMARY KEY,"
	"  review_id INTEGER NOT NULL REFERENCES reviews(id),"
	"  eid TEXT,"
	"  rec_id INTEGER REFERENCES recs(id),"
	"  pos INTEGER,"
	"  kind TEXT NOT NULL CHECK (kind IN ('document','focus-group',"
	"    'interview','meeting','media','site-visit','survey','testimony',"
	"    'other')),"
	"  title TEXT NOT NULL,"
	"  date TEXT,"
	"  text TEXT,"
	"  url TEXT,"
	"  CHECK (rec_id IS NOT NULL OR eid IS NOT NULL)"
	");"
	"CREATE UNIQUE INDEX evidence_catalogue ON evidence(review_id, eid)"
	"  WHERE rec_id IS NULL;"
	"CREATE UNIQUE INDEX evidence_inline ON evidence(rec_id, pos)"
	"  WHERE rec_id IS NOT NULL;"
	"CREATE TABLE rec_evidence ("
	"  rec_id INTEGER NOT NULL REFERENCES recs(id),"
	"  pos INTEGER NOT NULL,"
	"  evidence_id INTEGER NOT NULL REFERENCES evidence(id),"
	"  PRIMARY KEY (rec_id, pos)"
	") WITHOUT ROWID;"
	"CREATE TABLE responses ("
	"  rec_id INTEGER PRIMARY KEY REFERENCES recs(id),"
	"  date TEXT,"
	"  by TEXT,"
	"  decision TEXT NOT NULL CHECK (decision IN ('accepted',"
	"    'accepted-in-principle','partially-accepted','noted','deferred',"
	"    'rejected')),"
	"  text TEXT NOT NULL"
	");"
	/* an action belongs to a meeting or to a response (its rec_id) */
	"CREATE TABLE actions ("
	"  id INTEGER PRIMARY KEY,"
	"  meeting_id INTEGER REFERENCES meetings(id),"
	"  rec_id INTEGER REFERENCES responses(rec_id),"
	"  aid TEXT NOT NULL,"
	"  text TEXT NOT NULL,"
	"  owner TEXT,"
	"  due TEXT,"
	"  status TEXT CHECK (status IN ('open','done','dropped')),"
	"  note TEXT,"
	"  CHECK ((meeting_id IS NULL) <> (rec_id IS NULL))"
	");"
	"CREATE UNIQUE INDEX actions_meeting ON actions(meeting_id, aid)"
	"  WHERE meeting_id IS NOT NULL;"
	"CREATE UNIQUE INDEX actions_response ON actions(rec_id, aid)"
	"  WHERE rec_id IS NOT NULL;"
	/* the status history: append-only, enforced here and not only in C */
	"CREATE TABLE updates ("
	"  id INTEGER PRIMARY KEY,"
	"  rec_id INTEGER NOT NULL REFERENCES recs(id),"
	"  date TEXT NOT NULL,"
	"  status TEXT NOT NULL CHECK (status IN ('draft','agreed','accepted',"
	"    'partially-accepted','rejected','in-progress','implemented',"
	"    'not-implemented','withdrawn')),"
	"  due TEXT,"
	"  by TEXT,"
	"  note TEXT,"
	"  forced INTEGER NOT NULL DEFAULT 0 CHECK (forced IN (0, 1))"
	");"
	"CREATE INDEX updates_rec ON updates(rec_id, date, id);"
	"CREATE TRIGGER updates_no_update BEFORE UPDATE ON updates"
	"  BEGIN SELECT RAISE(ABORT, 'the status history is append-only'); END;"
	"CREATE TRIGGER updates_no_delete BEFORE DELETE ON updates"
	"  BEGIN SELECT RAISE(ABORT, 'the status history is append-only'); END;",

	/* 2: responses recorded with 'rectrack respond', and every response
	 * replaced by a correction kept, append-only */
	"ALTER TABLE responses ADD COLUMN source TEXT NOT NULL DEFAULT 'import'"
	"  CHECK (source IN ('import','cli'));"
	"CREATE TABLE response_history ("
	"  id INTEGER PRIMARY KEY,"
	"  rec_id INTEGER NOT NULL REFERENCES recs(id),"
	"  date TEXT,"
	"  by TEXT,"
	"  decision TEXT NOT NULL,"
	"  text TEXT NOT NULL,"
	"  replaced_on TEXT NOT NULL,"
	"  replaced_by TEXT"
	");"
	"CREATE INDEX response_history_rec ON response_history(rec_id, id);"
	"CREATE TRIGGER response_history_no_update BEFORE UPDATE ON"
	"  response_history BEGIN"
	"  SELECT RAISE(ABORT, 'the response history is append-only'); END;"
	"CREATE TRIGGER response_history_no_delete BEFORE DELETE ON"
	"  response_history BEGIN"
	"  SELECT RAISE(ABORT, 'the response history is append-only'); END;"
	"CREATE INDEX actions_rec ON actions(rec_id);",

	/* 3: what the CLI changed, so that an import of an older file does
	 * not undo it: an action's status and note ('rectrack action'), a
	 * recommendation's owner, addressee and target date ('rectrack set') */
	"ALTER TABLE actions ADD COLUMN source TEXT NOT NULL DEFAULT 'import'"
	"  CHECK (source IN ('import','cli'));"
	"ALTER TABLE recs ADD COLUMN cli_fields INTEGER NOT NULL DEFAULT 0;",

	/* 4: the full-text index; db.c fills it from the tables (search.c) */
	"CREATE VIRTUAL TABLE search USING fts5(title, text, finding, evidence,"
	"  response, note, action, minutes,"
	"  tokenize = 'porter unicode61 remove_diacritics 2');"
	"CREATE VIRTUAL TABLE search_terms USING fts5vocab(search, 'row');"
	"CREATE VIRTUAL TABLE search_inst USING fts5vocab(search, 'instance');",

	/*
	 * 5: how FTS5 builds the index (kept in its search_config table, so
	 * every writer uses them). It holds up to 4 MiB of new entries in
	 * memory before writing a segment (default 1 MiB), and merges
	 * segments 8 at a time (default 4): fewer, larger merges, for a
	 * faster import at the same query cost (docs/performance.md).
	 */
	"INSERT INTO search (search, rank)"
	"  VALUES ('hashsize', 4194304);"
	"INSERT INTO search (search, rank) VALUES ('automerge', 8);",

	/*
	 * 6: the index keeps no copy of the texts (they were a third of the
	 * database, and writing them a sixth of an import).
	 * FTS5 reads them, for snippets and its checks, from search_text,
	 * rectrack's virtual table over the tables (search-text.c), which
	 * every rectrack connection has. db.c fills the new index from the
	 * tables. The settings of 5 again: they lived in the old index.
	 */
	"DROP TABLE search_terms;"
	"DROP TABLE search_inst;"
	"DROP TABLE search;"
	"CREATE VIRTUAL TABLE search USING fts5(title, text, finding, evidence,"
	"  response, note, action, minutes, content = 'search_text',"
	"  tokenize = 'porter unicode61 remove_diacritics 2');"
	"INSERT INTO search (search, rank)"
	"  VALUES ('hashsize', 4194304);"
	"INSERT INTO search (search, rank) VALUES ('automerge', 8);"
	"CREATE VIRTUAL TABLE search_terms USING fts5vocab(search, 'row');"
	"CREATE VIRTUAL TABLE search_inst USING fts5vocab(search, 'instance');",

	/*
	 * 7: when each update was entered (format.md's 'recorded'), which
	 * orders the updates of one date (UPDATE_ORDER below); NULL for
	 * updates entered before it, and for files that do not say.
	 */
	"ALTER TABLE updates ADD COLUMN recorded TEXT;",

	/*
	 * 8: format.md's additions of 2026-12: the response clock of a
	 * committee, review or recommendation ('response_within', as
	 * written), and on an update the council's own RAG and the
	 * committee's sign-off. NULL and 0 for everything held before.
	 */
	"ALTER TABLE committees ADD COLUMN response_within TEXT;"
	"ALTER TABLE reviews ADD COLUMN response_within TEXT;"
	"ALTER TABLE recs ADD COLUMN response_within TEXT;"
	"ALTER TABLE updates ADD COLUMN rag TEXT"
	"  CHECK (rag IN ('red','amber','green','blue'));"
	"ALTER TABLE updates ADD COLUMN signed_off INTEGER NOT NULL DEFAULT 0"
	"  CHECK (signed_off IN (0, 1));",

	/*
	 * 9: the monitoring round (issue 19). An update that withdraws an
	 * earlier one entered in error names it (format.md 'retracts'); an
	 * action's status has the date it took effect ('action N done
	 * --date'); a review's stage the date it was reached, and whether
	 * 'rectrack stage' set it (kept when an older file is imported); a
	 * response replaced by a later, fuller one (not corrected) is kept
	 * as an interim response. NULL and 0 for everything held before.
	 * updates.retracts is the id of the update withdrawn, indexed for
	 * "is this one withdrawn?" (a few rows); verify checks it
	 * (not a foreign key: one that refers to its own table costs every
	 * insert a scan).
	 */
	"ALTER TABLE updates ADD COLUMN retracts INTEGER;"
	"CREATE INDEX updates_retracts ON updates(rec_id, retracts)"
	"  WHERE retracts IS NOT NULL;"
	"ALTER TABLE actions ADD COLUMN status_date TEXT;"
	"ALTER TABLE reviews ADD COLUMN stage_since TEXT;"
	"ALTER TABLE reviews ADD COLUMN cli_stage INTEGER NOT NULL DEFAULT 0"
	"  CHECK (cli_stage IN (0, 1));"
	"ALTER TABLE response_history ADD COLUMN interim INTEGER NOT NULL"
	"  DEFAULT 0 CHECK (interim IN (0, 1));",

	/*
	 * 10: the stored derivation (issue 21): what a recommendation's
	 * history says that does not depend on the date asked about, kept
	 * right by every write in the same transaction (derived.c) and
	 * filled for every recommendation held before by the migration
	 * (db.c). The lists filter and order on it through these indexes;
	 * only overdue, stale, due soon and response overdue are decided
	 * at query time, as ranges over them. Columns, one row per
	 * recommendation: last_id the latest update that counts; status
	 * the current status; open 1 unless closed; due the current target
	 * date as written, due_end the day it means (a month's last);
	 * first_due and slips as 'show' gives them; last_update the
	 * latest update's date; last_activity that or the response's,
	 * the later; activity the day staleness counts from (that, else
	 * the review's submitted or published); response_due the date a
	 * response falls due (NULL: not known); answered 1 when a response
	 * is recorded or the status says the executive decided;
	 * stated_rag the council's latest RAG; signed_off the sign-off's
	 * date while closed. 'verify' derives each again and names a row
	 * that differs. reviews_order is unique (rid is), which tells the
	 * planner that a walk of committees, their reviews and each one's
	 * recommendations comes out in the lists' order unsorted.
	 */
	"CREATE TABLE derived ("
	"  rec_id INTEGER PRIMARY KEY REFERENCES recs(id),"
	"  review_id INTEGER NOT NULL,"
	"  last_id INTEGER,"
	"  status TEXT NOT NULL,"
	"  open INTEGER NOT NULL,"
	"  due TEXT,"
	"  due_end TEXT,"
	"  first_due TEXT,"
	"  slips INTEGER NOT NULL,"
	"  last_update TEXT,"
	"  last_activity TEXT,"
	"  activity TEXT,"
	"  response_due TEXT,"
	"  answered INTEGER NOT NULL,"
	"  stated_rag TEXT,"
	"  signed_off TEXT"
	");"
	"CREATE INDEX derived_review ON derived(review_id);"
	DERIVED_INDEX_DUE ";" DERIVED_INDEX_ACTIVITY ";"
	DERIVED_INDEX_RESPONSE ";" DERIVED_INDEX_STATUS ";"
	DERIVED_INDEX_UPDATED ";" DERIVED_INDEX_SIGNOFF ";"
	"CREATE UNIQUE INDEX reviews_order ON reviews(committee_id, rid);"
	/* --owner and --addressee: their distinct values, one seek each */
	RECS_INDEX_OWNER ";" RECS_INDEX_ADDRESSEE ";",

	/*
	 * 11: counts for the overviews (committees, reviews, stats), so
	 * that they read a few rows per review instead of every
	 * recommendation: review_counts holds, per review, how many of its
	 * recommendations the stored derivation gives each status and
	 * answered (n > 0), kept by the triggers above; derived_overdue
	 * counts a review's open recommendations whose target date has
	 * passed, one range per review. 'verify' counts again from the
	 * stored derivation.
	 */
	"CREATE TABLE review_counts ("
	"  review_id INTEGER NOT NULL,"
	"  status TEXT NOT NULL,"
	"  answered INTEGER NOT NULL,"
	"  n INTEGER NOT NULL,"
	"  PRIMARY KEY (review_id, status, answered)"
	") WITHOUT ROWID;"
	COUNTS_TRIGGER_INSERT ";" COUNTS_TRIGGER_DELETE ";"
	COUNTS_TRIGGER_UPDATE ";"
	"INSERT INTO review_counts (review_id, status, answered, n)"
	"  SELECT review_id, status, answered, count(*) FROM derived"
	"  GROUP BY review_id, status, answered;"
	"CREATE INDEX derived_overdue ON derived(review_id, due_end)"
	"  WHERE open = 1;",

	/*
	 * 12: the counts of review_counts summed by committee, so that
	 * committees and stats read a few rows per committee instead of a
	 * few per review (at a million, 14,000 rows against 125,000), kept
	 * by the triggers above on review_counts. 'verify' sums
	 * review_counts again.
	 */
	"CREATE TABLE committee_counts ("
	"  committee_id INTEGER NOT NULL,"
	"  status TEXT NOT NULL,"
	"  answered INTEGER NOT NULL,"
	"  n INTEGER NOT NULL,"
	"  PRIMARY KEY (committee_id, status, answered)"
	") WITHOUT ROWID;"
	CCOUNTS_TRIGGER_INSERT ";" CCOUNTS_TRIGGER_DELETE ";"
	CCOUNTS_TRIGGER_UPDATE ";"
	CCOUNTS_FILL ";",

	/*
	 * 13: the open recommendations by target day, so that overdue (a
	 * search's --overdue candidates, a list's --overdue through its
	 * index) is one range of the index, not a seek into
	 * derived_overdue for each review (at a million, 20,000 seeks for
	 * 210,000 ids: 41 against 18 ms in the shell) nor a look-up of
	 * each row's open through derived_due.
	 */
	DERIVED_INDEX_OPEN_DUE ";",
};

const int db_nmigrations = sizeof(db_migrations) / sizeof(db_migrations[0]);

/* One column of ST_VERIFY_VALUES: table, row key, column, rule. */
#define VCOL(table, key, col, rule) \
	" UNION ALL SELECT '" table "', " key ", '" col "', " col ", '" rule \
	"' FROM " table

/*
 * Statements. "Optional field not stated" is bound as NULL, and updates
 * keep the stored value for it (COALESCE), as format.md's import rules ask.
 */
/*
 * The one order of a recommendation's updates, oldest first (d "") or
 * latest first (d " DESC"), for status, target date, slips, history and
 * export alike: by date; among one date by when each was recorded (not
 * recorded first: SQL's NULL); then by content, the status by its place on
 * the usual path, then every other field, so that no two distinct updates
 * tie and the order never depends on the order of import. The row id only
 * orders copies that are identical in every field.
 */
#define UPDATE_RANK(u) \
	"CASE " u ".status WHEN 'draft' THEN 0 WHEN 'agreed' THEN 1" \
	" WHEN 'accepted' THEN 2 WHEN 'partially-accepted' THEN 3" \
	" WHEN 'rejected' THEN 4 WHEN 'in-progress' THEN 5" \
	" WHEN 'implemented' THEN 6 WHEN 'not-implemented' THEN 7 ELSE 8 END"
#define UPDATE_ORDER(u, d) \
	" " u ".date" d ", " u ".recorded" d ", " UPDATE_RANK(u) d ", " \
	u ".due" d ", " u ".by" d ", " u ".note" d ", " u ".forced" d ", " \
	u ".rag" d ", " u ".signed_off" d ", " u ".retracts IS NOT NULL" d \
	", " u ".id" d
/*
 * An update that counts for status, target date, slips, the latest
 * update and the council's RAG and sign-off: neither a retraction nor
 * withdrawn by one (format.md 'retracts'). A retraction is of the same
 * recommendation, so the look-up stays within its updates (updates_rec).
 */
#define UPDATE_COUNTS(u) \
	" " u ".retracts IS NULL AND NOT EXISTS (SELECT 1 FROM updates x" \
	" WHERE x.rec_id = " u ".rec_id AND x.retracts = " u ".id)"

const char *const db_sql[ST_COUNT] = {
	[ST_COMMITTEE_GET] =
	    "SELECT id, name, authority, contact, response_within FROM committees"
	    " WHERE cid = ?1",
	[ST_COMMITTEE_INSERT] =
	    "INSERT INTO committees (cid, name, authority, contact,"
	    " response_within) VALUES (?1, ?2, ?3, ?4, ?5)",
	[ST_COMMITTEE_UPDATE] =
	    "UPDATE committees SET name = ?2, authority = ?3,"
	    " contact = COALESCE(?4, contact),"
	    " response_within = COALESCE(?5, response_within) WHERE id = ?1",

	[ST_REVIEW_GET] =
	    "SELECT r.id, r.committee_id, c.cid, r.title, r.year, r.stage,"
	    " r.published, r.submitted, r.source, r.summary, r.response_within,"
	    " r.stage_since, r.cli_stage"
	    " FROM reviews r JOIN committees c ON c.id = r.committee_id"
	    " WHERE r.rid = ?1",
	[ST_REVIEW_INSERT] =
	    "INSERT INTO reviews (rid, committee_id, title, year, stage,"
	    " published, submitted, source, summary, response_within,"
	    " stage_since, cli_stage)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
	[ST_REVIEW_UPDATE] =
	    "UPDATE reviews SET title = ?2, year = COALESCE(?3, year),"
	    " stage = COALESCE(?4, stage), published = COALESCE(?5, published),"
	    " submitted = COALESCE(?6, submitted), source = COALESCE(?7, source),"
	    " summary = COALESCE(?8, summary),"
	    " response_within = COALESCE(?9, response_within),"
	    " stage_since = COALESCE(?10, stage_since) WHERE id = ?1",
	/* a file's cli_recorded on a review, or 'rectrack stage' */
	[ST_REVIEW_MARK_CLI] =
	    "UPDATE reviews SET cli_stage = 1 WHERE id = ?1",
	[ST_REVIEW_SET_STAGE] =
	    "UPDATE reviews SET stage = ?2, stage_since = ?3, cli_stage = 1"
	    " WHERE id = ?1",
	[ST_REVIEW_IDS] =
	    "SELECT rid FROM reviews ORDER BY rid",
	/* what a scratch database built from one file of export --dir
	 * holds (src/export-patch.c): only ever a file's records */
	[ST_PATCH_COUNTS] =
	    "SELECT (SELECT count(*) FROM committees),"
	    " (SELECT count(*) FROM reviews), (SELECT count(*) FROM meetings)",
	[ST_REVIEW_STAGE] =
	    "SELECT id, COALESCE(stage, 'draft'), stage_since FROM reviews"
	    " WHERE rid = ?1",
	[ST_REVIEW_GET_BY_ID] =
	    "SELECT r.rid, r.title, r.year, r.stage, r.published, r.submitted,"
	    " r.source, c.cid, c.name, c.authority, c.contact"
	    " FROM reviews r JOIN committees c ON c.id = r.committee_id"
	    " WHERE r.id = ?1",
	[ST_REVIEW_ITEMS] =
	    "SELECT text FROM review_items WHERE review_id = ?1 AND kind = ?2"
	    " ORDER BY pos",
	[ST_REVIEW_ITEMS_DELETE] =
	    "DELETE FROM review_items WHERE review_id = ?1 AND kind = ?2",
	[ST_REVIEW_ITEM_INSERT] =
	    "INSERT INTO review_items (review_id, kind, pos, text)"
	    " VALUES (?1, ?2, ?3, ?4)",

	[ST_MEETING_GET] =
	    "SELECT id, date, title, review, minutes FROM meetings"
	    " WHERE committee_id = ?1 AND mid = ?2",
	[ST_MEETING_INSERT] =
	    "INSERT INTO meetings (committee_id, mid, date, title, review, minutes)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
	[ST_MEETING_UPDATE] =
	    "UPDATE meetings SET date = COALESCE(?2, date), title = ?3,"
	    " review = COALESCE(?4, review), minutes = COALESCE(?5, minutes)"
	    " WHERE id = ?1",
	[ST_MEETING_RESOLVED] =
	    "SELECT text FROM meeting_resolved WHERE meeting_id = ?1 ORDER BY pos",
	[ST_MEETING_RESOLVED_DELETE] =
	    "DELETE FROM meeting_resolved WHERE meeting_id = ?1",
	[ST_MEETING_RESOLVED_INSERT] =
	    "INSERT INTO meeting_resolved (meeting_id, pos, text)"
	    " VALUES (?1, ?2, ?3)",
	[ST_MEETING_DANGLING] =
	    "SELECT 1 FROM reviews WHERE rid = ?1",

	[ST_REC_GET] =
	    "SELECT id FROM recs WHERE review_id = ?1 AND ref = ?2",
	/* the texts in record.h's REC_ROW_TEXTS order */
	[ST_REC_INSERT] =
	    "INSERT INTO recs (review_id, ref, cli_fields, title, addressee,"
	    " text, owner, due, response_within" REC_SHOWN_TEXTS(SHOWN_COL) ")"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9"
	    REC_SHOWN_TEXTS(SHOWN_PARAM) ")",
	[ST_REC_UPDATE] =
	    "UPDATE recs SET title = COALESCE(?2, title),"
	    " addressee = COALESCE(?3, addressee), text = ?4,"
	    " owner = COALESCE(?5, owner), due = COALESCE(?6, due),"
	    " response_within = COALESCE(?7, response_within)"
	    REC_SHOWN_TEXTS(SHOWN_SET) " WHERE id = ?1",
	[ST_FINDINGS_DELETE] =
	    "DELETE FROM findings WHERE rec_id = ?1",
	[ST_FINDING_INSERT] =
	    "INSERT INTO findings (rec_id, pos, text) VALUES (?1, ?2, ?3)",

	[ST_EVIDENCE_CAT_GET] =
	    "SELECT id, kind, title, date, text, url FROM evidence"
	    " WHERE review_id = ?1 AND eid = ?2 AND rec_id IS NULL",
	[ST_EVIDENCE_INLINE_GET] =
	    "SELECT id, kind, title, date, text, url, eid FROM evidence"
	    " WHERE rec_id = ?1 AND pos = ?2",
	[ST_EVIDENCE_INSERT] =
	    "INSERT INTO evidence (review_id, eid, rec_id, pos, kind, title, date,"
	    " text, url) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
	[ST_EVIDENCE_UPDATE] =
	    "UPDATE evidence SET kind = ?2, title = ?3, date = COALESCE(?4, date),"
	    " text = COALESCE(?5, text), url = COALESCE(?6, url) WHERE id = ?1",
	/* an inline item is matched only by its position: it is replaced */
	[ST_EVIDENCE_INLINE_UPDATE] =
	    "UPDATE evidence SET kind = ?2, title = ?3, date = ?4, text = ?5,"
	    " url = ?6, eid = ?7 WHERE id = ?1",
	[ST_EVIDENCE_INLINE_ORPHANS] =
	    "DELETE FROM evidence WHERE rec_id = ?1 AND id NOT IN"
	    " (SELECT evidence_id FROM rec_evidence WHERE rec_id = ?1)",
	[ST_EVIDENCE_IN_REVIEW] =
	    "SELECT 1 FROM evidence e JOIN reviews r ON r.id = e.review_id"
	    " WHERE r.rid = ?1 AND e.eid = ?2 AND e.rec_id IS NULL",
	[ST_REC_EVIDENCE] =
	    "SELECT evidence_id FROM rec_evidence WHERE rec_id = ?1 ORDER BY pos",
	[ST_REC_EVIDENCE_DELETE] =
	    "DELETE FROM rec_evidence WHERE rec_id = ?1",
	[ST_REC_EVIDENCE_INSERT] =
	    "INSERT INTO rec_evidence (rec_id, pos, evidence_id) VALUES (?1, ?2, ?3)",

	[ST_RESPONSE_GET] =
	    "SELECT date, by, decision, text, source FROM responses"
	    " WHERE rec_id = ?1",
	[ST_RESPONSE_INSERT] =
	    "INSERT INTO responses (rec_id, date, by, decision, text, source)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, COALESCE(?6, 'import'))",
	[ST_RESPONSE_UPDATE] =
	    "UPDATE responses SET date = COALESCE(?2, date), by = COALESCE(?3, by),"
	    " decision = ?4, text = ?5 WHERE rec_id = ?1",

	/* the columns of ST_LOAD_ACTIONS (rec_action_row()) */
	[ST_ACTION_GET_MEETING] =
	    "SELECT id, aid, text, owner, due, status, note, source,"
	    " status_date FROM actions"
	    " WHERE meeting_id = ?1 AND aid = ?2",
	[ST_ACTION_INSERT] =
	    "INSERT INTO actions (meeting_id, rec_id, aid, text, owner, due,"
	    " status, note, source, status_date)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, COALESCE(?9, 'import'),"
	    " ?10)",
	[ST_ACTION_UPDATE] =
	    "UPDATE actions SET text = ?2, owner = COALESCE(?3, owner),"
	    " due = COALESCE(?4, due), status = COALESCE(?5, status),"
	    " note = COALESCE(?6, note),"
	    " status_date = COALESCE(?7, status_date) WHERE id = ?1",

	[ST_UPDATE_INSERT] =
	    "INSERT INTO updates (rec_id, date, status, due, by, note, forced,"
	    " recorded, rag, signed_off, retracts)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
	/* the update a file's 'retracts' names: the first that counts, of
	 * recommendation ?1, the same as the key in every field: ?2 date,
	 * ?3 recorded, ?4 status, ?5 due, ?6 note, ?7 by, ?8 rag,
	 * ?9 signed_off, ?10 forced (NULL: the update has none). Identical
	 * twins are one record, so which of them is withdrawn does not
	 * matter. */
	[ST_UPDATE_RETRACTABLE] =
	    "SELECT u.id FROM updates u WHERE u.rec_id = ?1 AND u.date = ?2"
	    " AND u.recorded IS ?3 AND u.status IS ?4 AND u.due IS ?5"
	    " AND u.note IS ?6 AND u.by IS ?7 AND u.rag IS ?8"
	    " AND u.signed_off = ?9 AND u.forced = ?10 AND"
	    UPDATE_COUNTS("u")
	    " ORDER BY" UPDATE_ORDER("u", "") " LIMIT 1",

	/*
	 * One row per recommendation with what status derivation needs,
	 * derived from its history ("live"): the single recommendation a
	 * command is about to change or show, and derived.c's source for
	 * the stored derivation. The columns are read by index in
	 * recview.c (enum list_col); slips and first_due are counted in C
	 * (NULL here).
	 */
#define LIVE_COLUMNS \
	    "SELECT r.id, rv.rid, r.ref, r.title, r.addressee, r.text, r.owner," \
	    " c.cid, c.name, c.authority, rv.stage, rv.submitted, rv.published," \
	    " lu.status, s.decision, s.date, s.rec_id IS NOT NULL," \
	    " COALESCE((SELECT u.due FROM updates u WHERE u.rec_id = r.id" \
	    "   AND u.due IS NOT NULL AND" UPDATE_COUNTS("u") \
	    "   ORDER BY" UPDATE_ORDER("u", " DESC") " LIMIT 1)," \
	    "   r.due)," \
	    " (SELECT max(u.date) FROM updates u WHERE u.rec_id = r.id AND" \
	    UPDATE_COUNTS("u") ")," \
	    " r.due, rv.title, r.review_id," \
	    " lu.note, rv.year, rv.committee_id," \
	    " r.response_within, rv.response_within, c.response_within," \
	    " (SELECT u.rag FROM updates u WHERE u.rec_id = r.id" \
	    "   AND u.rag IS NOT NULL AND" UPDATE_COUNTS("u") \
	    "   ORDER BY" UPDATE_ORDER("u", " DESC") " LIMIT 1)," \
	    " (SELECT CASE WHEN u.signed_off = 1 THEN u.date END" \
	    "   FROM updates u WHERE u.rec_id = r.id AND (u.signed_off = 1" \
	    "   OR u.status NOT IN ('rejected', 'implemented'," \
	    "    'not-implemented', 'withdrawn')) AND" UPDATE_COUNTS("u") \
	    "   ORDER BY" UPDATE_ORDER("u", " DESC") " LIMIT 1)," \
	    " NULL, NULL, lu.id, NULL" REC_SHOWN_TEXTS(SHOWN_RCOL)
	/* lu: the latest update, whose status and note count */
#define LIVE_JOINS \
	    " JOIN committees c ON c.id = rv.committee_id" \
	    " LEFT JOIN responses s ON s.rec_id = r.id" \
	    " LEFT JOIN updates lu ON lu.id = (SELECT u.id FROM updates u" \
	    "  WHERE u.rec_id = r.id AND" UPDATE_COUNTS("u") \
	    "  ORDER BY" UPDATE_ORDER("u", " DESC") " LIMIT 1)"
	[ST_LIST_REC] =
	    LIVE_COLUMNS " FROM recs r JOIN reviews rv ON rv.id = r.review_id"
	    LIVE_JOINS " WHERE r.id = ?1",
	[ST_LIVE_REVIEW] =
	    LIVE_COLUMNS " FROM reviews rv JOIN recs r ON r.review_id = rv.id"
	    LIVE_JOINS " WHERE rv.id = ?1",
	[ST_LIVE_COMMITTEE] =
	    LIVE_COLUMNS " FROM reviews rv JOIN recs r ON r.review_id = rv.id"
	    LIVE_JOINS " WHERE rv.committee_id = ?1",
	/* every recommendation, in pages of ids above ?1 (the migration,
	 * reindex and verify) */
	[ST_LIVE_ALL] =
	    LIVE_COLUMNS " FROM recs r JOIN reviews rv ON rv.id = r.review_id"
	    LIVE_JOINS " WHERE r.id > ?1 ORDER BY r.id LIMIT 1000",
	/* the latest update's note only when ?19 asks for it
	 * (filter.want_note: only chase's JSON and return forms show it),
	 * not a page of updates read for every row listed */
#define LAST_NOTE \
	    "CASE WHEN ?19 THEN (SELECT note FROM updates WHERE id = d.last_id)" \
	    " END"
	/*
	 * The same columns from the stored derivation (derived, above):
	 * what the lists read, with the filters as conditions on its
	 * indexes. Reviews by id, so that a database rebuilt from files in
	 * any order lists, and reports, the same; recommendations in file
	 * order. The response's decision, date and whether there is one
	 * come from responses (s, STORED_JOINS); or, where no caller shows
	 * the response (STORED_ANSWERED), none is read: the decision and
	 * date NULL and "answered" in the place of "has a response", which
	 * derives the same (rec_answered() is either, or a decided status).
	 */
#define STORED_COLUMNS_OF(response) \
	    "SELECT r.id, rv.rid, r.ref, r.title, r.addressee, r.text, r.owner," \
	    " c.cid, c.name, c.authority, rv.stage, rv.submitted, rv.published," \
	    " d.status, " response ", d.due," \
	    " d.last_update, r.due, rv.title, r.review_id, " LAST_NOTE "," \
	    " rv.year," \
	    " rv.committee_id, r.response_within, rv.response_within," \
	    " c.response_within, d.stated_rag, d.signed_off, d.slips," \
	    " d.first_due, d.last_id, d.last_activity" \
	    REC_SHOWN_TEXTS(SHOWN_RCOL)
#define STORED_COLUMNS \
	    STORED_COLUMNS_OF("s.decision, s.date, s.rec_id IS NOT NULL")
#define STORED_ANSWERED	STORED_COLUMNS_OF("NULL, NULL, d.answered")
#define STORED_JOINS \
	    " LEFT JOIN responses s ON s.rec_id = r.id"
	/* in order: committees by cid, their reviews by rid, each one's
	 * recommendations by id; ?1 review, ?2 committee (NULL: any), then
	 * the conditions of recview.c's filters, each NULL for none: ?3
	 * year, ?4 open, ?5 target date before (due_end), ?6 stale before
	 * (activity), ?7 response due before, ?8 active since, ?9 awaiting
	 * sign-off, ?10..?18 statuses */
#define STORED_WALK(from) \
	    STORED_COLUMNS from \
	    " CROSS JOIN derived d ON d.review_id = rv.id" \
	    " CROSS JOIN recs r ON r.id = d.rec_id" STORED_JOINS \
	    " WHERE (?3 IS NULL OR rv.year = ?3)" \
	    " AND (?4 IS NULL OR d.open = ?4)" \
	    " AND (?5 IS NULL OR d.due_end < ?5)" \
	    " AND (?6 IS NULL OR (d.open = 1 AND d.activity < ?6))" \
	    " AND (?7 IS NULL OR (d.open = 1 AND d.answered = 0" \
	    "  AND d.response_due < ?7))" \
	    " AND (?8 IS NULL OR d.last_activity >= ?8)" \
	    " AND (?9 IS NULL OR (d.open = 0 AND d.signed_off IS NULL))" \
	    " AND (?10 IS NULL OR d.status IN (?10, ?11, ?12, ?13, ?14, ?15," \
	    "  ?16, ?17, ?18))"
	[ST_LIST] =
	    STORED_WALK(" FROM committees c"
	    " CROSS JOIN reviews rv ON rv.committee_id = c.id")
	    " ORDER BY c.cid, rv.rid, d.rec_id",
	[ST_LIST_COMMITTEE] =
	    STORED_WALK(" FROM committees c"
	    " CROSS JOIN reviews rv ON rv.committee_id = c.id")
	    " AND c.id = ?2 ORDER BY rv.rid, d.rec_id",
	[ST_LIST_REVIEW] =
	    STORED_WALK(" FROM reviews rv"
	    " CROSS JOIN committees c ON c.id = rv.committee_id")
	    " AND rv.id = ?1 ORDER BY d.rec_id",
	/*
	 * The matches of one condition through its index, then sorted into
	 * the lists' order: when few recommendations match (a probe counts
	 * up to ?10 of them first), this beats the walk, which finds many
	 * quickly and few slowly. ?1 the bound of the condition; ?1..?9
	 * the statuses. ST_ANY_BY_*: the same in the index's order, for a
	 * caller that sorts them itself and shows no response (chase), not
	 * sorted twice, and no page of responses read a row (STORED_ANY).
	 */
#define STORED_BY_OF(columns, joins, cond) \
	    columns " FROM derived d" \
	    " JOIN recs r ON r.id = d.rec_id" \
	    " JOIN reviews rv ON rv.id = d.review_id" \
	    " JOIN committees c ON c.id = rv.committee_id" joins \
	    " WHERE " cond
#define STORED_BY(cond)		STORED_BY_OF(STORED_COLUMNS, STORED_JOINS, cond)
#define STORED_ANY(cond)	STORED_BY_OF(STORED_ANSWERED, "", cond)
#define LIST_ORDER	" ORDER BY c.cid, rv.rid, d.rec_id"
#define PROBE(cond) \
	    "SELECT count(*) FROM (SELECT 1 FROM derived d WHERE " cond \
	    " LIMIT ?10)"
#define BY_OVERDUE	"d.open = 1 AND d.due_end < ?1"
#define BY_DUE		"d.due_end < ?1"
#define BY_STALE	"d.open = 1 AND d.activity < ?1"
#define BY_RESPONSE	"d.open = 1 AND d.answered = 0 AND d.response_due < ?1"
#define BY_UPDATED	"d.last_activity >= ?1"
#define BY_SIGNOFF	"d.open = 0 AND d.signed_off IS NULL"
#define BY_STATUS	"d.status IN (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"
	[ST_LIST_BY_OVERDUE] = STORED_BY(BY_OVERDUE) LIST_ORDER,
	[ST_LIST_BY_DUE] = STORED_BY(BY_DUE) LIST_ORDER,
	[ST_LIST_BY_STALE] = STORED_BY(BY_STALE) LIST_ORDER,
	[ST_LIST_BY_RESPONSE] = STORED_BY(BY_RESPONSE) LIST_ORDER,
	[ST_LIST_BY_UPDATED] = STORED_BY(BY_UPDATED) LIST_ORDER,
	[ST_LIST_BY_SIGNOFF] = STORED_BY(BY_SIGNOFF) LIST_ORDER,
	[ST_LIST_BY_STATUS] = STORED_BY(BY_STATUS) LIST_ORDER,
	/*
	 * --owner and --addressee match a part of the text, which no index
	 * can: their distinct values are read one index seek each (a few
	 * thousand at most, officers and bodies), matched in C, and the
	 * recommendations holding those found through the index. ?1 a JSON
	 * array of the values.
	 */
#define DISTINCT(col) \
	    "WITH RECURSIVE v(x) AS (SELECT min(" col ") FROM recs" \
	    " WHERE " col " IS NOT NULL UNION ALL SELECT (SELECT min(" col ")" \
	    " FROM recs WHERE " col " > v.x) FROM v WHERE v.x IS NOT NULL)" \
	    " SELECT x FROM v WHERE x IS NOT NULL"
#define STORED_IN_OF(columns, joins, col) \
	    columns " FROM recs r" \
	    " JOIN derived d ON d.rec_id = r.id" \
	    " JOIN reviews rv ON rv.id = r.review_id" \
	    " JOIN committees c ON c.id = rv.committee_id" joins \
	    " WHERE r." col " IN (SELECT value FROM json_each(?1))" \
	    " AND (?4 IS NULL OR d.open = ?4)"
#define STORED_IN(col)	STORED_IN_OF(STORED_COLUMNS, STORED_JOINS, col)
#define STORED_ANY_IN(col)	STORED_IN_OF(STORED_ANSWERED, "", col)
#define PROBE_IN(col) \
	    "SELECT count(*) FROM (SELECT 1 FROM recs r WHERE r." col \
	    " IN (SELECT value FROM json_each(?1)) LIMIT ?10)"
#define IDS_IN(col) \
	    "SELECT r.id FROM recs r" \
	    " WHERE r." col " IN (SELECT value FROM json_each(?1))"
	[ST_OWNERS] = DISTINCT("owner"),
	[ST_ADDRESSEES] = DISTINCT("addressee"),
	[ST_LIST_BY_OWNER] = STORED_IN("owner") LIST_ORDER,
	[ST_LIST_BY_ADDRESSEE] = STORED_IN("addressee") LIST_ORDER,
	[ST_ANY_BY_OWNER] = STORED_ANY_IN("owner"),
	[ST_ANY_BY_ADDRESSEE] = STORED_ANY_IN("addressee"),
	[ST_PROBE_OWNER] = PROBE_IN("owner"),
	[ST_PROBE_ADDRESSEE] = PROBE_IN("addressee"),
	/* the ids alone, from the index (recview_text_ids()) */
	[ST_IDS_BY_OWNER] = IDS_IN("owner"),
	[ST_IDS_BY_ADDRESSEE] = IDS_IN("addressee"),
	[ST_PROBE_OVERDUE] = PROBE(BY_OVERDUE),
	[ST_ANY_BY_OVERDUE] = STORED_ANY(BY_OVERDUE),
	[ST_PROBE_DUE] = PROBE(BY_DUE),
	[ST_ANY_BY_DUE] = STORED_ANY(BY_DUE),
	[ST_PROBE_STALE] = PROBE(BY_STALE),
	[ST_ANY_BY_STALE] = STORED_ANY(BY_STALE),
	[ST_PROBE_RESPONSE] = PROBE(BY_RESPONSE),
	[ST_ANY_BY_RESPONSE] = STORED_ANY(BY_RESPONSE),
	[ST_PROBE_UPDATED] = PROBE(BY_UPDATED),
	[ST_ANY_BY_UPDATED] = STORED_ANY(BY_UPDATED),
	[ST_PROBE_SIGNOFF] = PROBE(BY_SIGNOFF),
	[ST_ANY_BY_SIGNOFF] = STORED_ANY(BY_SIGNOFF),
	[ST_PROBE_STATUS] = PROBE(BY_STATUS),
	[ST_ANY_BY_STATUS] = STORED_ANY(BY_STATUS),
	/* the ids alone (recview_ids(): a filtered search's candidates) */
#define IDS(cond)	"SELECT d.rec_id FROM derived d WHERE " cond
	/* through derived_open_due (migration 13), one range */
	[ST_IDS_BY_OVERDUE] = IDS(BY_OVERDUE),
	[ST_IDS_BY_DUE] = IDS(BY_DUE),
	[ST_IDS_BY_STALE] = IDS(BY_STALE),
	[ST_IDS_BY_RESPONSE] = IDS(BY_RESPONSE),
	[ST_IDS_BY_UPDATED] = IDS(BY_UPDATED),
	[ST_IDS_BY_SIGNOFF] = IDS(BY_SIGNOFF),
	[ST_IDS_BY_STATUS] = IDS(BY_STATUS),
	/* the stored derivation of one recommendation, in derived's
	 * column order (derived.c) */
#define DERIVED_INSERT(verb) \
	    verb " INTO derived (rec_id, review_id, last_id," \
	    " status, open, due, due_end, first_due, slips, last_update," \
	    " last_activity, activity, response_due, answered, stated_rag," \
	    " signed_off) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10," \
	    " ?11, ?12, ?13, ?14, ?15, ?16)"
	/* a row that may be held: an upsert, not INSERT OR REPLACE, since
	 * a replaced row fires no delete trigger and review_counts would
	 * count it twice */
	[ST_DERIVED_PUT] =
	    DERIVED_INSERT("INSERT") " ON CONFLICT (rec_id) DO UPDATE"
	    " SET review_id = excluded.review_id, last_id = excluded.last_id,"
	    " status = excluded.status, open = excluded.open,"
	    " due = excluded.due, due_end = excluded.due_end,"
	    " first_due = excluded.first_due, slips = excluded.slips,"
	    " last_update = excluded.last_update,"
	    " last_activity = excluded.last_activity,"
	    " activity = excluded.activity,"
	    " response_due = excluded.response_due,"
	    " answered = excluded.answered,"
	    " stated_rag = excluded.stated_rag,"
	    " signed_off = excluded.signed_off",
	/* a row not held (derived.c's add(), which takes a row left by a
	 * recommendation that is gone to ST_DERIVED_PUT) */
	[ST_DERIVED_ADD] = DERIVED_INSERT("INSERT"),
	[ST_DERIVED_GET] =
	    "SELECT rec_id, review_id, last_id, status, open, due, due_end,"
	    " first_due, slips, last_update, last_activity, activity,"
	    " response_due, answered, stated_rag, signed_off FROM derived"
	    " WHERE rec_id = ?1",
	/* verify: a stored derivation whose recommendation is gone */
	[ST_DERIVED_ORPHANS] =
	    "SELECT d.rec_id FROM derived d WHERE NOT EXISTS"
	    " (SELECT 1 FROM recs r WHERE r.id = d.rec_id) ORDER BY d.rec_id",
	[ST_DERIVED_CLEAR] = "DELETE FROM derived",
	[ST_DERIVED_COUNT] = "SELECT count(*) FROM derived",
	/* reviews: committee ?1's reviews (or review ?2 alone) in the
	 * order shown, each with its overdue on ?3 (none when ?3 is NULL:
	 * a range to NULL is empty); their counts are ST_COUNTS_COMMITTEE's,
	 * read beside them */
	[ST_OV_REVIEWS] =
	    "SELECT rv.id, rv.rid, rv.title, rv.year, rv.stage,"
	    " rv.stage_since, (SELECT count(*) FROM derived d"
	    " WHERE d.review_id = rv.id AND d.open = 1 AND d.due_end < ?3)"
	    " FROM reviews rv WHERE rv.committee_id = ?1"
	    " AND (?2 IS NULL OR rv.id = ?2) ORDER BY rv.rid",
	/* the counts of each of committee ?1's reviews (or review ?2
	 * alone), in ST_OV_REVIEWS' order, each with its review's id:
	 * summed in C (a GROUP BY here sorts) for committees and stats, a
	 * statement per committee, not per review; a review's own for
	 * reviews */
	[ST_COUNTS_COMMITTEE] =
	    "SELECT k.status, k.answered, k.n, rv.id FROM reviews rv"
	    " JOIN review_counts k ON k.review_id = rv.id"
	    " WHERE rv.committee_id = ?1 AND (?2 IS NULL OR rv.id = ?2)"
	    " ORDER BY rv.rid, k.status, k.answered",
	[ST_COUNTS_COMMITTEE_OVERDUE] =
	    "SELECT count(*) FROM reviews rv JOIN derived d"
	    " ON d.review_id = rv.id AND d.open = 1 AND d.due_end < ?3"
	    " WHERE rv.committee_id = ?1 AND (?2 IS NULL OR rv.id = ?2)",
	/* stats: what the filters and a RAG ask, stored
	 * (recview_stored()) */
	[ST_STORED_COMMITTEE] =
	    "SELECT d.rec_id, d.status, d.due_end, d.response_due,"
	    " d.answered, d.last_activity, d.activity, d.signed_off, rv.id,"
	    " rv.year FROM reviews rv JOIN derived d ON d.review_id = rv.id"
	    " WHERE rv.committee_id = ?1 AND (?2 IS NULL OR rv.id = ?2)",
	/* the same for the whole of each committee (?1 alone, if not
	 * NULL), summed (migration 12), in the order of ST_EX_COMMITTEES,
	 * with the committee's id */
	[ST_CCOUNTS_ALL] =
	    "SELECT k.status, k.answered, k.n, c.id FROM committees c"
	    " JOIN committee_counts k ON k.committee_id = c.id"
	    " WHERE (?1 IS NULL OR c.id = ?1)"
	    " ORDER BY c.cid, k.status, k.answered",
	[ST_COMMITTEE_NREVIEWS] =
	    "SELECT count(*) FROM reviews"
	    " WHERE committee_id = ?1 AND (?2 IS NULL OR id = ?2)",
	/* every review counted again (reindex, a bulk import's commit) */
	[ST_COUNTS_CLEAR] = "DELETE FROM review_counts",
	[ST_COUNTS_FILL] =
	    "INSERT INTO review_counts (review_id, status, answered, n)"
	    " SELECT review_id, status, answered, count(*) FROM derived"
	    " GROUP BY review_id, status, answered",
	[ST_CCOUNTS_CLEAR] = "DELETE FROM committee_counts",
	[ST_CCOUNTS_FILL] = CCOUNTS_FILL,
	/* verify: each committee's count that is not the sum of its
	 * reviews' (NULL: a committee that is gone) */
	[ST_CCOUNTS_DIFF] =
	    "SELECT x.committee_id, c.cid, x.status, x.answered, sum(x.held),"
	    " sum(x.want) FROM (SELECT committee_id, status, answered,"
	    " n AS held, 0 AS want FROM committee_counts UNION ALL"
	    " SELECT committee_id, status, answered, 0, n FROM ("
	    CCOUNTS_SUMS ")) x"
	    " LEFT JOIN committees c ON c.id = x.committee_id"
	    " GROUP BY x.committee_id, x.status, x.answered"
	    " HAVING sum(x.held) <> sum(x.want)"
	    " ORDER BY x.committee_id, x.status, x.answered",
	/* verify: each count that is not what the stored derivation says,
	 * with its review's id (NULL: a review that is gone) */
	[ST_COUNTS_DIFF] =
	    "SELECT x.review_id, rv.rid, x.status, x.answered, sum(x.held),"
	    " sum(x.want) FROM (SELECT review_id, status, answered, n AS held,"
	    " 0 AS want FROM review_counts UNION ALL SELECT review_id, status,"
	    " answered, 0, count(*) FROM derived"
	    " GROUP BY review_id, status, answered) x"
	    " LEFT JOIN reviews rv ON rv.id = x.review_id"
	    " GROUP BY x.review_id, x.status, x.answered"
	    " HAVING sum(x.held) <> sum(x.want)"
	    " ORDER BY x.review_id, x.status, x.answered",
	[ST_COMMITTEE_WITHIN] =
	    "SELECT response_within FROM committees WHERE id = ?1",
	[ST_REC_BY_ID] =
	    "SELECT id FROM recs WHERE id = ?1",
	[ST_REC_BY_HANDLE] =
	    "SELECT r.id FROM recs r JOIN reviews rv ON rv.id = r.review_id"
	    " WHERE rv.rid = ?1 AND r.ref = ?2",
	[ST_REC_UPDATES] =
	    "SELECT u.date, u.status, u.due, u.by, u.note, u.forced"
	    " FROM updates u WHERE u.rec_id = ?1"
	    " ORDER BY" UPDATE_ORDER("u", ""),
	[ST_REC_MEETINGS] =
	    "SELECT m.mid, m.date, m.title FROM meetings m"
	    " JOIN reviews rv ON rv.rid = m.review WHERE rv.id = ?1"
	    " ORDER BY m.date IS NULL, m.date, m.id",
	[ST_REC_DUES] =
	    "SELECT u.due FROM updates u WHERE u.rec_id = ?1"
	    " AND u.due IS NOT NULL AND" UPDATE_COUNTS("u")
	    " ORDER BY" UPDATE_ORDER("u", ""),
	[ST_COMMITTEE_MATCH] =
	    "SELECT id, cid, name FROM committees ORDER BY cid",
	[ST_REVIEW_ROW] =
	    "SELECT id FROM reviews WHERE rid = ?1",
	/*
	 * ?8 the clock (YYYY-MM-DDTHH:MM:SSZ); recorded is the clock, or a
	 * second after the latest the recommendation holds when that is not
	 * earlier, so that the update entered last is the latest of its
	 * date even within one second, or on a clock that is behind.
	 */
	[ST_UPDATE_CLI] =
	    "INSERT INTO updates (rec_id, date, status, due, by, note, forced,"
	    " recorded, rag, signed_off, retracts) SELECT ?1, ?2, ?3, ?4, ?5,"
	    " ?6, ?7, max(?8, COALESCE(strftime('%Y-%m-%dT%H:%M:%SZ',"
	    " max(recorded), '+1 second'), '')), ?9, ?10, ?11"
	    " FROM updates WHERE rec_id = ?1",
	/* returns: the same update already recorded on or after a form's
	 * date (a return run again records nothing). ?2 NULL: any status
	 * (the row left New status blank). An update since retracted still
	 * counts (the officer withdrew it: running the same form again must
	 * not bring it back); a retraction itself never does. */
	[ST_UPDATE_SEEN] =
	    "SELECT 1 FROM updates u WHERE u.rec_id = ?1 AND u.date >= ?7"
	    " AND (?2 IS NULL OR u.status = ?2) AND u.due IS ?3"
	    " AND u.note IS ?4 AND u.rag IS ?5 AND u.by IS ?6"
	    " AND u.signed_off = 0 AND u.retracts IS NULL LIMIT 1",
	/* ?4: 1 when kept as an interim response ('respond --follow-up') */
	[ST_RESPONSE_ARCHIVE] =
	    "INSERT INTO response_history (rec_id, date, by, decision, text,"
	    " replaced_on, replaced_by, interim) SELECT rec_id, date, by,"
	    " decision, text, ?2, ?3, ?4 FROM responses WHERE rec_id = ?1",
	[ST_RESPONSE_SET] =
	    "INSERT INTO responses (rec_id, date, by, decision, text, source)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, 'cli') ON CONFLICT (rec_id) DO UPDATE"
	    " SET date = ?2, by = ?3, decision = ?4, text = ?5, source = 'cli'",
	[ST_RESPONSE_HISTORY_INSERT] =
	    "INSERT INTO response_history (rec_id, date, by, decision, text,"
	    " replaced_on, replaced_by, interim)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
	/* cli_fields: 1 owner, 2 addressee, 4 due (see store.c) */
	[ST_REC_SET_OWNER] =
	    "UPDATE recs SET owner = ?2, cli_fields = cli_fields | 1"
	    " WHERE id = ?1",
	[ST_REC_SET_ADDRESSEE] =
	    "UPDATE recs SET addressee = ?2, cli_fields = cli_fields | 2"
	    " WHERE id = ?1",
	[ST_REC_SET_DUE] =
	    "UPDATE recs SET due = ?2, cli_fields = cli_fields | 4"
	    " WHERE id = ?1",
	/* a file's cli_recorded marks (export carries them) */
	[ST_REC_MARK_CLI] =
	    "UPDATE recs SET cli_fields = cli_fields | ?2 WHERE id = ?1",
	[ST_RESPONSE_MARK_CLI] =
	    "UPDATE responses SET source = 'cli' WHERE rec_id = ?1",
	[ST_ACTION_MARK_CLI] =
	    "UPDATE actions SET source = 'cli' WHERE id = ?1",
	/* the action log, and chase's open actions (the macros above): the
	 * _OF statements with a committee or review */
	[ST_ACTIONS] = ACTIONS_SELECT ACTIONS_ORDER,
	[ST_ACTIONS_OF] = ACTIONS_SELECT ACTIONS_OF ACTIONS_ORDER,
	/* in any order: chase sorts them (by owner, date, then as the
	 * log does) */
	[ST_CHASE_ACTIONS] = CHASE_ACTIONS_SELECT,
	[ST_CHASE_ACTIONS_OF] = CHASE_ACTIONS_SELECT ACTIONS_OF,
	/* one action by its number (the row id): 'rectrack action' */
	[ST_ACTION_STATUS] =
	    "SELECT COALESCE(status, 'open') FROM actions WHERE id = ?1",
	[ST_ACTION_SET] =
	    "UPDATE actions SET status = ?2, note = COALESCE(?3, note),"
	    " status_date = ?4, source = 'cli' WHERE id = ?1",
	/* 'action add': 1 + the highest n of an id A<n> of meeting ?1 or of
	 * the response to recommendation ?2 */
	[ST_ACTION_NEXT_AID] =
	    "SELECT COALESCE(max(CAST(substr(aid, 2) AS INTEGER)), 0) + 1"
	    " FROM actions WHERE (meeting_id = ?1 OR rec_id = ?2)"
	    " AND aid GLOB 'A[1-9]*' AND substr(aid, 2) NOT GLOB '*[^0-9]*'"
	    " AND length(aid) <= 10",
	[ST_VERIFY_MEETING_REVIEWS] =
	    "SELECT c.cid, m.mid, m.review FROM meetings m"
	    " JOIN committees c ON c.id = m.committee_id"
	    " WHERE m.review IS NOT NULL"
	    "  AND NOT EXISTS (SELECT 1 FROM reviews r WHERE r.rid = m.review)",
	[ST_VERIFY_EVIDENCE_LINKS] =
	    "SELECT rv.rid, r.ref, x.pos FROM rec_evidence x"
	    " JOIN recs r ON r.id = x.rec_id JOIN reviews rv ON rv.id = r.review_id"
	    " JOIN evidence e ON e.id = x.evidence_id"
	    " WHERE e.review_id <> r.review_id"
	    "  OR (e.rec_id IS NOT NULL AND e.rec_id <> r.id)",
	[ST_VERIFY_ORPHAN_INLINE] =
	    "SELECT e.id FROM evidence e WHERE e.rec_id IS NOT NULL AND NOT"
	    " EXISTS (SELECT 1 FROM rec_evidence x WHERE x.evidence_id = e.id)",
	/* a retraction must withdraw an earlier update of its own
	 * recommendation that is no retraction, dated no later than the
	 * retraction unless that date was still to come when the retraction
	 * was recorded (a mistyped future date: record.h,
	 * retract_early_ok()), and no other retraction the same one */
	[ST_VERIFY_RETRACTS] =
	    "SELECT u.id, u.retracts FROM updates u"
	    " LEFT JOIN updates w ON w.id = u.retracts"
	    " WHERE u.retracts IS NOT NULL AND (w.id IS NULL"
	    "  OR w.rec_id IS NOT u.rec_id OR w.id >= u.id"
	    "  OR (w.date > u.date AND (u.recorded IS NULL"
	    "   OR w.date <= substr(u.recorded, 1, 10)))"
	    "  OR w.retracts IS NOT NULL OR EXISTS (SELECT 1 FROM updates x"
	    "  WHERE x.rec_id = u.rec_id AND x.retracts = u.retracts"
	    "  AND x.id < u.id))",
	/*
	 * Every text column, for verify to check each value against what
	 * the schema and format.md promise (a file edited around rectrack
	 * may hold anything): table, row, column, value, and the rule: T
	 * text required, t optional; D date required, d optional; V:LIST a
	 * word of a vocabulary, required, v:LIST optional; m a date or a
	 * month, YYYY-MM (a target date, 'published'), optional; r a moment
	 * (YYYY-MM-DDTHH:MM:SSZ), optional; w a period (N days, N weeks,
	 * N months), optional.
	 */
	[ST_VERIFY_VALUES] =
	    "SELECT NULL, NULL, NULL, NULL, NULL WHERE 0"
	    VCOL("committees", "id", "cid", "T")
	    VCOL("committees", "id", "name", "T")
	    VCOL("committees", "id", "authority", "T")
	    VCOL("committees", "id", "contact", "t")
	    VCOL("committees", "id", "response_within", "w")
	    VCOL("reviews", "id", "rid", "T")
	    VCOL("reviews", "id", "title", "T")
	    VCOL("reviews", "id", "year", "t")
	    VCOL("reviews", "id", "stage", "v:stage")
	    VCOL("reviews", "id", "published", "m")
	    VCOL("reviews", "id", "submitted", "d")
	    VCOL("reviews", "id", "source", "t")
	    VCOL("reviews", "id", "summary", "t")
	    VCOL("reviews", "id", "response_within", "w")
	    VCOL("review_items", "review_id || '/' || kind || '/' || pos",
		"kind", "V:item")
	    VCOL("review_items", "review_id || '/' || kind || '/' || pos",
		"text", "T")
	    VCOL("meetings", "id", "mid", "T")
	    VCOL("meetings", "id", "date", "d")
	    VCOL("meetings", "id", "title", "T")
	    VCOL("meetings", "id", "review", "t")
	    VCOL("meetings", "id", "minutes", "t")
	    VCOL("meeting_resolved", "meeting_id || '/' || pos", "text", "T")
	    VCOL("recs", "id", "ref", "T")
	    VCOL("recs", "id", "title", "t")
	    VCOL("recs", "id", "addressee", "t")
	    VCOL("recs", "id", "text", "T")
	    VCOL("recs", "id", "owner", "t")
	    VCOL("recs", "id", "due", "m")
	    VCOL("recs", "id", "response_within", "w")
	    REC_SHOWN_TEXTS(SHOWN_VCOL)
	    VCOL("findings", "rec_id || '/' || pos", "text", "T")
	    VCOL("evidence", "id", "eid", "t")
	    VCOL("evidence", "id", "kind", "V:kind")
	    VCOL("evidence", "id", "title", "T")
	    VCOL("evidence", "id", "date", "d")
	    VCOL("evidence", "id", "text", "t")
	    VCOL("evidence", "id", "url", "t")
	    VCOL("responses", "rec_id", "date", "d")
	    VCOL("responses", "rec_id", "by", "t")
	    VCOL("responses", "rec_id", "decision", "V:decision")
	    VCOL("responses", "rec_id", "text", "T")
	    VCOL("responses", "rec_id", "source", "V:source")
	    VCOL("response_history", "id", "date", "d")
	    VCOL("response_history", "id", "by", "t")
	    VCOL("response_history", "id", "decision", "V:decision")
	    VCOL("response_history", "id", "text", "T")
	    VCOL("response_history", "id", "replaced_on", "D")
	    VCOL("response_history", "id", "replaced_by", "t")
	    VCOL("actions", "id", "aid", "T")
	    VCOL("actions", "id", "text", "T")
	    VCOL("actions", "id", "owner", "t")
	    VCOL("actions", "id", "due", "m")
	    VCOL("actions", "id", "status", "v:action")
	    VCOL("actions", "id", "note", "t")
	    VCOL("actions", "id", "source", "V:source")
	    VCOL("updates", "id", "date", "D")
	    VCOL("updates", "id", "status", "V:status")
	    VCOL("updates", "id", "due", "m")
	    VCOL("updates", "id", "by", "t")
	    VCOL("updates", "id", "note", "t")
	    VCOL("updates", "id", "recorded", "r")
	    VCOL("updates", "id", "rag", "v:rag"),
	/* schema.c: every object, compared with what the migrations make */
	[ST_SCHEMA_ROWS] =
	    "SELECT type, name, tbl_name, sql FROM sqlite_schema",
	/* export: every record in stored order */
	[ST_EX_COMMITTEES] =
	    "SELECT id, cid, name, authority, contact, response_within"
	    " FROM committees WHERE (?1 IS NULL OR id = ?1) ORDER BY cid",
	[ST_EX_MEETINGS] =
	    "SELECT id, mid, date, title, review, minutes FROM meetings"
	    " WHERE committee_id = ?1 AND (?2 IS NULL OR review = ?2)"
	    " ORDER BY id",
	[ST_EX_MEETING_ACTIONS] =
	    "SELECT id, aid, text, owner, due, status, note, source,"
	    " status_date FROM actions"
	    " WHERE meeting_id = ?1 ORDER BY id",
	[ST_EX_REVIEWS] =
	    "SELECT id, rid, title, year, stage, published, submitted, source,"
	    " summary, response_within, stage_since, cli_stage FROM reviews"
	    " WHERE committee_id = ?1"
	    " AND (?2 IS NULL OR id = ?2) ORDER BY id",
	[ST_EX_CATALOGUE] =
	    "SELECT eid, kind, title, date, text, url FROM evidence"
	    " WHERE review_id = ?1 AND rec_id IS NULL ORDER BY id",
	[ST_EX_RECS] =
	    "SELECT id FROM recs WHERE review_id = ?1 AND (?2 IS NULL OR id = ?2)"
	    " ORDER BY id",
	/* a recommendation and its parts: recload.c, the one reader of them */
	[ST_LOAD_REC] =
	    "SELECT r.cli_fields, r.review_id, v.committee_id, v.rid, c.cid,"
	    " r.ref, r.title, r.addressee, r.text, r.owner, r.due,"
	    " r.response_within" REC_SHOWN_TEXTS(SHOWN_RCOL)
	    " FROM recs r JOIN reviews v ON v.id = r.review_id"
	    " JOIN committees c ON c.id = v.committee_id WHERE r.id = ?1",
	[ST_LOAD_FINDINGS] =
	    "SELECT text FROM findings WHERE rec_id = ?1 ORDER BY pos",
	[ST_LOAD_EVIDENCE] =
	    "SELECT e.rec_id IS NULL, e.eid, e.kind, e.title, e.date, e.text,"
	    " e.url FROM rec_evidence x JOIN evidence e ON e.id = x.evidence_id"
	    " WHERE x.rec_id = ?1 ORDER BY x.pos",
	[ST_LOAD_RESPONSE] =
	    "SELECT date, by, decision, text, source FROM responses"
	    " WHERE rec_id = ?1",
	[ST_LOAD_ACTIONS] =
	    "SELECT id, aid, text, owner, due, status, note, source,"
	    " status_date FROM actions"
	    " WHERE rec_id = ?1 ORDER BY id",
	/* oldest first, and never in the order of import: by the day each
	 * was replaced, then by content */
	[ST_LOAD_REPLACED] =
	    "SELECT date, by, decision, text, replaced_on, replaced_by, interim"
	    " FROM response_history WHERE rec_id = ?1 ORDER BY replaced_on,"
	    " date, by, decision, text, replaced_by, interim, id",
	/* with the update a retraction withdraws: its id and fields */
	[ST_LOAD_UPDATES] =
	    "SELECT u.date, u.status, u.due, u.by, u.note, u.forced, u.recorded,"
	    " u.rag, u.signed_off, u.id, w.id, w.date, w.recorded, w.status,"
	    " w.due, w.note, w.by, w.rag, w.signed_off, w.forced"
	    " FROM updates u LEFT JOIN updates w ON w.id = u.retracts"
	    " WHERE u.rec_id = ?1 ORDER BY" UPDATE_ORDER("u", ""),
	[ST_REVIEW_COMMITTEE] =
	    "SELECT committee_id FROM reviews WHERE id = ?1",
	/* the full-text index (search.c); FTS5's C interface (db.c) */
	[ST_FTS5_API] = "SELECT fts5(?1)",
	[ST_IX_INSERT] =
	    "INSERT INTO search (rowid, title, text, finding, evidence, response,"
	    " note, action, minutes) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
	/* an index row out, given the texts it was made from (the index
	 * keeps no copy of them) */
	[ST_IX_FORGET] =
	    "INSERT INTO search (search, rowid, title, text, finding, evidence,"
	    " response, note, action, minutes)"
	    " VALUES ('delete', ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
	/* the rows the index holds in a range: FTS5 keeps each one's size */
	[ST_IX_PRESENT] =
	    "SELECT id FROM search_docsize WHERE id BETWEEN ?1 AND ?2",
	[ST_IX_MEETING] =
	    "SELECT title, minutes FROM meetings WHERE id = ?1",
	[ST_IX_MEETING_RESOLVED] =
	    "SELECT pos, text FROM meeting_resolved WHERE meeting_id = ?1"
	    " ORDER BY pos",
	[ST_IX_MEETING_ACTIONS] =
	    "SELECT text, note FROM actions WHERE meeting_id = ?1 ORDER BY id",
	[ST_IX_EVIDENCE] =
	    "SELECT title, text FROM evidence WHERE id = ?1 AND rec_id IS NULL",
	[ST_IX_ACTION_OWNER] =
	    "SELECT meeting_id, rec_id FROM actions WHERE id = ?1",
	[ST_IX_ALL_RECS] = "SELECT id FROM recs ORDER BY id",
	[ST_IX_ALL_MEETINGS] = "SELECT id FROM meetings ORDER BY id",
	[ST_IX_ALL_EVIDENCE] =
	    "SELECT id FROM evidence WHERE rec_id IS NULL ORDER BY id",
	/* what the index holds, for search_check(): each row's size in
	 * tokens, each word in its place */
	[ST_IX_SIZES] = "SELECT id, sz FROM search_docsize ORDER BY id",
	[ST_IX_INSTANCES] =
	    "SELECT term, doc, col, offset FROM search_inst",
	/* the owners of a range of index rows (search-text.c) */
	[ST_IX_RECS_IN] =
	    "SELECT id FROM recs WHERE id BETWEEN ?1 AND ?2 ORDER BY id",
	[ST_IX_MEETINGS_IN] =
	    "SELECT id FROM meetings WHERE id BETWEEN ?1 AND ?2 ORDER BY id",
	[ST_IX_EVIDENCE_IN] =
	    "SELECT id FROM evidence WHERE id BETWEEN ?1 AND ?2"
	    " AND rec_id IS NULL ORDER BY id",
	[ST_IX_CLEAR] = "INSERT INTO search (search) VALUES ('delete-all')",
	/* the rows the tables call for, and the rows held */
	[ST_IX_EXPECTED] =
	    "SELECT (SELECT count(*) FROM recs)"
	    " + (SELECT count(*) FROM recs WHERE title IS NOT NULL)"
	    " + (SELECT count(*) FROM responses)"
	    " + (SELECT count(*) FROM findings)"
	    " + (SELECT count(*) FROM evidence)"
	    " + (SELECT count(*) FROM updates WHERE note IS NOT NULL)"
	    " + (SELECT count(*) FROM actions)"
	    " + (SELECT count(*) FROM meetings)"
	    " + (SELECT count(*) FROM meeting_resolved)",
	[ST_IX_HELD] = "SELECT count(*) FROM search_docsize",
	/* FTS5's own count of its rows, the first varint of its averages
	 * record (row 1), which bm25 and the ranking read */
	[ST_IX_COUNTED] = "SELECT block FROM search_data WHERE id = 1",
	/*
	 * Ranked matches: ?1 the query. Field weights for bm25 in column
	 * order: title, text, finding, evidence, response, note, action,
	 * minutes. Only row ids and ranks: a snippet costs far more than a
	 * rank, so ST_SNIPPET makes one for each hit shown, not for every
	 * match.
	 */
	[ST_SEARCH] =
	    "SELECT rowid, bm25(search, 10.0, 5.0, 3.0, 2.0, 3.0, 2.0, 2.0, 1.0)"
	    " AS score FROM search WHERE search MATCH ?1 ORDER BY score, rowid"
	    " LIMIT ?2",
	/* the same, of the rows of the recommendations search_members()
	 * set (a filter that passes few: cmd-search.c); bm25 is computed
	 * for those rows only */
	[ST_SEARCH_MEMBERS] =
	    "SELECT rowid, bm25(search, 10.0, 5.0, 3.0, 2.0, 3.0, 2.0, 2.0, 1.0)"
	    " AS score FROM search WHERE search MATCH ?1 AND rt_member(rowid)"
	    " ORDER BY score, rowid",
	/* the same, of one range of row ids (a committee's or review's:
	 * cmd-search.c), unordered */
	[ST_SEARCH_RANGE] =
	    "SELECT rowid, bm25(search, 10.0, 5.0, 3.0, 2.0, 3.0, 2.0, 2.0, 1.0)"
	    " FROM search WHERE search MATCH ?1 AND rowid BETWEEN ?2 AND ?3",
	/* what a committee or review holds in the index: its reviews'
	 * recommendations and catalogue evidence, its meetings */
	[ST_SCOPE_REVIEW_COMMITTEE] =
	    "SELECT committee_id FROM reviews WHERE id = ?1",
	[ST_SCOPE_REVIEWS] =
	    "SELECT id FROM reviews WHERE committee_id = ?1",
	[ST_SCOPE_RECS] = "SELECT id FROM recs WHERE review_id = ?1",
	[ST_SCOPE_EVIDENCE] =
	    "SELECT id FROM evidence WHERE review_id = ?1 AND rec_id IS NULL",
	[ST_SCOPE_MEETINGS] = "SELECT id FROM meetings WHERE committee_id = ?1",
	/* the same ranking in one pass, for a query of one phrase (search.c),
	 * with the same weights: the function, on the first row, runs the
	 * whole pass */
	[ST_SEARCH_TOP] =
	    "SELECT rt_bm25_part(search, 10.0, 5.0, 3.0, 2.0, 3.0, 2.0, 2.0,"
	    " 1.0) FROM search WHERE search MATCH ?1 LIMIT 1",
	/* the field is the column that holds the row's text (a meeting's
	 * row holds its title and its minutes) */
	[ST_SNIPPET] =
	    "SELECT snippet(search, -1, char(1), char(2), '…', 24),"
	    " CASE WHEN minutes IS NOT NULL AND"
	    "   instr(highlight(search, 7, char(1), char(2)), char(1)) > 0 THEN 7"
	    "  WHEN title IS NOT NULL THEN 0 WHEN text IS NOT NULL THEN 1"
	    "  WHEN finding IS NOT NULL THEN 2 WHEN evidence IS NOT NULL THEN 3"
	    "  WHEN response IS NOT NULL THEN 4 WHEN note IS NOT NULL THEN 5"
	    "  WHEN action IS NOT NULL THEN 6 ELSE 7 END"
	    " FROM search WHERE search MATCH ?1 AND rowid = ?2",
	[ST_HIT_REC] =
	    "SELECT rv.rid || '/' || r.ref, c.cid, rv.rid, c.id, rv.id,"
	    " c.authority"
	    " FROM recs r JOIN reviews rv ON rv.id = r.review_id"
	    " JOIN committees c ON c.id = rv.committee_id WHERE r.id = ?1",
	[ST_HIT_MEETING] =
	    "SELECT 'meeting ' || c.cid || '/' || m.mid, c.cid, m.review, c.id,"
	    " (SELECT id FROM reviews WHERE rid = m.review), c.authority"
	    " FROM meetings m JOIN committees c ON c.id = m.committee_id"
	    " WHERE m.id = ?1",
	[ST_HIT_EVIDENCE] =
	    "SELECT 'evidence ' || rv.rid || '/' || e.eid, c.cid, rv.rid, c.id,"
	    " rv.id, c.authority FROM evidence e"
	    " JOIN reviews rv ON rv.id = e.review_id"
	    " JOIN committees c ON c.id = rv.committee_id WHERE e.id = ?1",
	/* similar: a recommendation's own texts, and how many index rows
	 * hold a word (counted up to ?2: past that a word is common) */
	[ST_SIMILAR_TEXTS] =
	    "SELECT title FROM recs WHERE id = ?1 AND title IS NOT NULL"
	    " UNION ALL SELECT text FROM recs WHERE id = ?1"
	    " UNION ALL SELECT text FROM findings WHERE rec_id = ?1",
	[ST_SIMILAR_DF] =
	    "SELECT count(*) FROM (SELECT 1 FROM search WHERE search MATCH ?1"
	    " LIMIT ?2)",
	[ST_SIMILAR_ROWS] =
	    "SELECT max(id) FROM recs",
	/* bm25() cannot stand in an aggregate, nor in a subquery SQLite
	 * flattens into one: rank the rows in a materialised CTE, then sum */
	[ST_SIMILAR] =
	    "WITH hits AS MATERIALIZED (SELECT (rowid - ?2) >> 16 AS rec,"
	    "  bm25(search, 10.0, 5.0, 3.0, 2.0, 3.0, 2.0, 2.0, 1.0) AS score"
	    "  FROM search WHERE search MATCH ?1 AND rowid >= ?2"
	    "  AND rowid < ?3)"
	    " SELECT rec, sum(score) AS total FROM hits WHERE rec <> ?4"
	    " GROUP BY rec ORDER BY total, rec LIMIT ?5",
};
