#ifndef RECTRACK_RECORD_H
#define RECTRACK_RECORD_H

#include <stddef.h>

/*
 * Validated records, as the importer hands them to the store. Every
 * string is borrowed from the YAML tree the record was read from; NULL
 * means "not stated" (an optional key absent or empty). The arrays are
 * owned by the record and released with record_*_free().
 */

struct strlist {
	const char **v;
	size_t n;
	int stated;		/* the key was present: the list replaces */
};

struct action_rec {
	const char *aid, *text, *owner, *due, *status, *note;
	const char *status_date;	/* when the status took effect */
	int cli;	/* cli_recorded: status, note set with 'action' */
	long long num;	/* its number (actions.id) when loaded; 0 from a file */
};

struct evidence_rec {
	const char *ref;	/* a catalogue id cited by a recommendation */
	const char *eid, *kind, *title, *date, *text, *url;
};

/*
 * format.md's 'retracts': the update a retraction withdraws, named by all
 * of its content: every field of that update (NULL, 0: it has none). From
 * a file, the keys the mapping gives; loaded, the withdrawn update's
 * fields. It names an update only when every field is the same, a field
 * absent on both sides counting as the same. given: UK_ALL when this
 * update withdraws one, 0 when it withdraws none.
 */
#define UK_DATE		1
#define UK_RECORDED	2
#define UK_STATUS	4
#define UK_DUE		8
#define UK_NOTE		16
#define UK_BY		32
#define UK_ALL		63

struct update_key {
	const char *date, *recorded, *status, *due, *note, *by, *rag;
	int forced, signed_off;
	unsigned given;		/* UK_ALL; 0: this update withdraws none */
};

struct update_rec {
	const char *date, *status, *due, *by, *note;
	const char *recorded;	/* YYYY-MM-DDTHH:MM:SSZ */
	const char *rag;	/* the council's own: red, amber, green, blue */
	int forced;
	int signed_off;		/* signed_off: true (a closed status) */
	long long num;	/* the order it was stored in (updates.id) when
			 * loaded; 0 from a file */
	struct update_key retracts;	/* a retraction: what it withdraws */
	size_t retracts_line, retracts_col;	/* from a file: where */
	/* loaded: the num of the update withdrawn (0: none), and of the
	 * retraction that withdrew this one (0: it counts) */
	long long retracts_num, retracted_by;
};

/* A response replaced by a correction ('respond --replace'), or an
 * interim one followed by a fuller response ('respond --follow-up'). */
struct replaced_rec {
	const char *date, *by, *decision, *text, *replaced_on, *replaced_by;
	int interim;		/* interim: true */
};

struct response_rec {
	const char *date, *by, *decision, *text;
	struct action_rec *actions;
	size_t nactions;
	struct replaced_rec *replaced;
	size_t nreplaced;
	int cli;		/* cli_recorded: recorded with 'respond' */
};

/* A recommendation's fields set with 'rectrack set' (recs.cli_fields). */
#define CLI_OWNER	1
#define CLI_ADDRESSEE	2
#define CLI_DUE		4

/*
 * A recommendation's optional texts that are only shown, X(name, label):
 * its key in a file and in JSON, and its label in show's text. This is
 * the one list of them that every part walks, in this order. A text
 * added here is a member of struct rec_rec and struct recview, read from
 * a file with every text's checks (import.c), stored, loaded and compared
 * (REC_ROW_TEXTS), checked when read from a database (db-sql.c's VCOL),
 * exported (and so in show's YAML) after response_within, and shown after
 * last_update in show's JSON and as a line of its own in show's text
 * when it is stated. It is not searched. What is left to write is its
 * column's migration (db-sql.c's db_migrations) and, for a list column,
 * its line in cmd-list.c (docs/decisions.md, "Adding a field"). None is
 * held yet; tests/cli/area-field.sh adds one in a copy of the source and
 * checks each of these.
 */
#define REC_SHOWN_TEXTS(X)

/*
 * The texts of a recommendation's own row, in the order in which
 * db-sql.c's statements hold them: ST_LOAD_REC's columns from 6,
 * ST_REC_INSERT's parameters from ?4 and ST_REC_UPDATE's from ?2. A text
 * added here (and there) is loaded, stored and compared on import
 * (recload.c, store.c) with no other change. X(name, label), the shape
 * of REC_SHOWN_TEXTS; show's text labels the first six in its own way
 * (cmd-show.c), so theirs are only names.
 */
#define REC_ROW_TEXTS(X) X(title, "Title") X(addressee, "Addressee") \
	X(text, "Text") X(owner, "Owner") X(due, "Due") \
	X(response_within, "Response within") REC_SHOWN_TEXTS(X)

/* a member of struct rec_rec or struct recview for each REC_SHOWN_TEXTS */
#define REC_TEXT_MEMBER(name, label)	const char *name;

struct rec_rec {
	const char *ref, *title, *addressee, *text, *owner, *due;
	const char *response_within;	/* N days, N weeks or N months */
	REC_SHOWN_TEXTS(REC_TEXT_MEMBER)
	struct strlist findings;
	struct evidence_rec *evidence;
	size_t nevidence;
	int evidence_stated;
	struct response_rec *response;	/* NULL: not stated */
	struct update_rec *updates;
	size_t nupdates;
	unsigned cli_fields;	/* CLI_* of cli_recorded */
};

struct review_rec {
	const char *rid, *title, *year, *stage, *published, *submitted;
	const char *source, *summary;
	const char *response_within;
	const char *stage_since;	/* the date the stage was reached */
	int cli_stage;		/* cli_recorded: stage set with 'stage' */
	struct strlist members, commendations;
	struct evidence_rec *catalogue;
	size_t ncatalogue;
	struct rec_rec *recs;
	size_t nrecs;
};

struct meeting_rec {
	const char *mid, *date, *title, *review, *minutes;
	struct action_rec *actions;
	size_t nactions;
	struct strlist resolved;
};

struct committee_rec {
	const char *cid, *name, *authority, *contact;
	const char *response_within;
};

void record_review_free(struct review_rec *r);
void record_meeting_free(struct meeting_rec *m);

/*
 * Whether two records hold the same values, field by field (NULL, not
 * stated, equals only NULL): a file's record against the one loaded from
 * the database (recload.h), or two of a file's. What a record holds only
 * when loaded is not compared: an action's number, a cited catalogue
 * item's fields (an item cited by ref is the same as another by ref),
 * a list's stated flag.
 */
int record_text_same(const char *a, const char *b);
int record_list_same(const struct strlist *a, const struct strlist *b);
int record_action_same(const struct action_rec *a,
    const struct action_rec *b);
int record_evidence_same(const struct evidence_rec *a,
    const struct evidence_rec *b);
int record_update_same(const struct update_rec *a,
    const struct update_rec *b);
/* Whether key k names update u: every field of u the same as k's, a
 * field absent on both sides counting as the same. */
int record_key_matches(const struct update_key *k,
    const struct update_rec *u);
/* The first field in which k and u differ (its key in a file), or NULL
 * when k names u; *missing is set when u has it and k has not. */
const char *record_key_differs(const struct update_key *k,
    const struct update_rec *u, int *missing);
/* Key k naming update u: every field of u. */
void record_key_of(struct update_key *k, const struct update_rec *u);
int record_replaced_same(const struct replaced_rec *a,
    const struct replaced_rec *b);
/* Both NULL (no response), or the same with the same actions and
 * replaced responses in the same order. */
int record_response_same(const struct response_rec *a,
    const struct response_rec *b);
/* A loaded update counts for status, target date, slips and the last
 * update: it is no retraction and none withdrew it. */
int record_update_counts(const struct update_rec *u);
/* The number of the update of r whose num is num, as 'show' numbers
 * the history (1 for the first); 0 when none has it. */
size_t record_update_number(const struct rec_rec *r, long long num);
/* Every field and part, lists in order. */
int record_rec_same(const struct rec_rec *a, const struct rec_rec *b);

/*
 * Whether a retraction may be dated before the update it withdraws,
 * dated 'date': only when that date was still to come when the
 * retraction was entered ('recorded', YYYY-MM-DDTHH:MM:SSZ; NULL: not
 * known, so no), i.e. a mistyped future date. Read from the records
 * alone, so import, check and verify answer the same on any day.
 */
int retract_early_ok(const char *date, const char *recorded);

#endif
