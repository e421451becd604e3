#include "import.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "date.h"
#include "diag.h"
#include "record.h"
#include "search.h"
#include "schema.h"
#include "strmap.h"
#include "vocab.h"
#include "xmalloc.h"
#include "yamlin.h"

struct pending_ref {
	char *rid;
	char *file;
	size_t line, col;
};

struct importer {
	struct db *db;
	struct store_stats stats;
	struct strmap reviews;		/* rid -> "FILE:LINE:COL" */
	struct strmap meetings;		/* cid "/" mid -> "FILE:LINE:COL" */
	struct strmap late;		/* files importer_finish() faulted */
	struct strmap committees;	/* committee ids counted already */
	struct pending_ref *refs;	/* meetings' review ids to resolve */
	size_t nrefs, refcap;
	/* the file being read */
	struct yin *y;
	size_t nrecs;
	size_t total_recs;
	import_progress_fn progress;
	void *progress_arg;
	import_review_fn *on_review;
	void *on_review_arg;
};

/* One document: its committee, and items read before the committee. */
struct doc {
	int have_committee;		/* committee key seen */
	int committee_ok;		/* valid (and stored, with a db) */
	const char *cid;
	char *cidbuf;
	long long committee_id;
	struct ynode **held;		/* meetings/reviews awaiting it */
	int *held_review;
	size_t nheld, heldcap, heldcap2;
};

static const char *const top_keys[] = {
	"format", "committee", "meetings", "reviews", NULL,
};
static const char *const committee_keys[] = {
	"id", "name", "authority", "contact", "response_within", NULL,
};
static const char *const committee_req[] = { "id", "name", "authority", NULL };
static const char *const meeting_keys[] = {
	"id", "date", "title", "review", "minutes", "actions", "resolved", NULL,
};
static const char *const meeting_req[] = { "id", "title", NULL };
static const char *const action_keys[] = {
	"id", "text", "owner", "due", "status", "note", "cli_recorded",
	"status_date", NULL,
};
static const char *const action_req[] = { "id", "text", NULL };
static const char *const review_keys[] = {
	"id", "title", "year", "stage", "published", "submitted", "source",
	"summary", "members", "evidence", "recommendations", "commendations",
	"response_within", "stage_since", "cli_recorded", NULL,
};
static const char *const review_req[] = { "id", "title", NULL };
static const char *const evidence_keys[] = {
	"id", "kind", "title", "date", "text", "url", NULL,
};
static const char *const catalogue_req[] = { "id", "kind", "title", NULL };
static const char *const inline_req[] = { "kind", "title", NULL };
static const char *const rec_keys[] = {
	"ref", "title", "addressee", "text", "findings", "evidence", "owner",
	"due", "response", "updates", "cli_recorded", "response_within",
#define KEY(name, label)	#name,
	REC_SHOWN_TEXTS(KEY)
#undef KEY
	NULL,
};
static const char *const rec_req[] = { "ref", "text", NULL };
static const char *const response_keys[] = {
	"date", "by", "decision", "text", "actions", "replaced", "cli_recorded",
	NULL,
};
static const char *const response_req[] = { "decision", "text", NULL };
static const char *const replaced_keys[] = {
	"date", "by", "decision", "text", "replaced_on", "replaced_by",
	"interim", NULL,
};
static const char *const replaced_req[] = {
	"decision", "text", "replaced_on", NULL,
};
static const char *const update_keys[] = {
	"date", "status", "due", "by", "note", "forced", "recorded", "rag",
	"signed_off", "retracts", NULL,
};
/* format.md 'retracts': the update withdrawn, named by its own fields */
static const char *const retracts_keys[] = {
	"date", "status", "due", "by", "note", "forced", "recorded", "rag",
	"signed_off", NULL,
};
static const char *const retracts_req[] = { "date", NULL };
/* the fields of a recommendation 'rectrack set' marks, bit i = 1 << i */
static const char *const cli_field_words[] = {
	"owner", "addressee", "due", NULL,
};
static const char *const update_req[] = { "date", "status", NULL };

struct importer *
importer_new(struct db *db)
{
	struct importer *imp = xcalloc(1, sizeof *imp);

	imp->db = db;
	if (db != NULL)
		search_import_begin(db);
	return imp;
}

void
importer_free(struct importer *imp)
{
	size_t i;

	if (imp == NULL)
		return;
	strmap_free(&imp->reviews);
	strmap_free(&imp->meetings);
	strmap_free(&imp->late);
	strmap_free(&imp->committees);
	store_stats_free(&imp->stats);
	if (imp->db != NULL)
		search_import_end(imp->db);
	for (i = 0; i < imp->nrefs; i++) {
		free(imp->refs[i].rid);
		free(imp->refs[i].file);
	}
	free(imp->refs);
	free(imp);
}

void
importer_on_review(struct importer *imp, import_review_fn *fn, void *arg)
{
	imp->on_review = fn;
	imp->on_review_arg = arg;
}

void
importer_set_progress(struct importer *imp, import_progress_fn fn,
    void *arg)
{
	imp->progress = fn;
	imp->progress_arg = arg;
}

const struct store_stats *
importer_stats(const struct importer *imp)
{
	return &imp->stats;
}

/* Optimal string alignment distance, for "did you mean". */
static size_t
distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i, j, r;
	size_t *d;

	if (la > 64 || lb > 64)
		return (size_t)-1;
	d = xcalloc((la + 1) * (lb + 1), sizeof *d);
#define D(i, j) d[(i) * (lb + 1) + (j)]
	for (i = 0; i <= la; i++)
		D(i, 0) = i;
	for (j = 0; j <= lb; j++)
		D(0, j) = j;
	for (i = 1; i <= la; i++) {
		for (j = 1; j <= lb; j++) {
			size_t cost = a[i - 1] != b[j - 1];
			size_t v = D(i - 1, j) + 1;

			if (D(i, j - 1) + 1 < v)
				v = D(i, j - 1) + 1;
			if (D(i - 1, j - 1) + cost < v)
				v = D(i - 1, j - 1) + cost;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && D(i - 2, j - 2) + 1 < v)
				v = D(i - 2, j - 2) + 1;
			D(i, j) = v;
		}
	}
	r = D(la, lb);
#undef D
	free(d);
	return r;
}

const char *
nearest_word(const char *s, const char *const *words)
{
	const char *best = NULL;
	size_t bestd = (size_t)-1, i, d, len = strlen(s);

	for (i = 0; words[i] != NULL; i++) {
		if (strcasecmp(s, words[i]) == 0)
			return words[i];
		d = distance(s, words[i]);
		if (d < bestd) {
			bestd = d;
			best = words[i];
		}
	}
	if (best != NULL && (bestd <= 2 || bestd * 3 <= len) && bestd < len)
		return best;
	return NULL;
}

/*
 * The levels of the format, for a key written at the wrong one. A level's
 * children are the levels whose 'in' is one of its keys.
 */
struct level {
	const char *what;		/* as check_keys() names it */
	const char *const *keys;
	const char *in;			/* the key that holds it */
	const char *a;			/* with its article */
};

static const struct level levels[] = {
	{ "document", top_keys, NULL, "the document" },
	{ "committee", committee_keys, "committee", "the committee" },
	{ "review", review_keys, "reviews", "a review" },
	{ "meeting", meeting_keys, "meetings", "a meeting" },
	{ "recommendation", rec_keys, "recommendations", "a recommendation" },
	{ "evidence", evidence_keys, "evidence", "an evidence item" },
	{ "response", response_keys, "response", "a response" },
	{ "update", update_keys, "updates", "an update" },
	{ "action", action_keys, "actions", "an action" },
	{ "replaced response", replaced_keys, "replaced",
	    "a replaced response" },
};
#define NLEVELS (sizeof levels / sizeof levels[0])

static const struct level *
level_named(const char *what)
{
	size_t i;

	if (strcmp(what, "inline evidence") == 0)
		what = "evidence";
	for (i = 0; i < NLEVELS; i++)
		if (strcmp(levels[i].what, what) == 0)
			return &levels[i];
	return NULL;
}

/* The mapping that holds map (through a list or not), or NULL. */
static const struct ynode *
up_map(const struct ynode *map)
{
	const struct ynode *up = map->parent;

	if (up != NULL && up->type == YN_SEQ)
		up = up->parent;
	return up != NULL && up->type == YN_MAP ? up : NULL;
}

/* The level of a mapping in a tree: by the key that holds it; a tree's
 * root (a review, a meeting, the committee) by the keys it has. */
static const struct level *
level_of(const struct ynode *map)
{
	const struct ynode *up = up_map(map), *v;
	size_t i, j, n, best = 0, bestn = 0;

	for (i = 0; up != NULL && i < YMAP_N(up); i++) {
		v = YMAP_VAL(up, i);
		if ((v == map || v == map->parent) &&
		    YMAP_KEY(up, i)->type == YN_SCALAR)
			for (j = 0; j < NLEVELS; j++)
				if (levels[j].in != NULL && strcmp(levels[j].in,
				    YMAP_KEY(up, i)->s) == 0)
					return &levels[j];
	}
	if (up != NULL)
		return NULL;
	for (j = 1; j <= 3; j++) {
		for (i = n = 0; i < YMAP_N(map); i++)
			n += YMAP_KEY(map, i)->type == YN_SCALAR &&
			    vocab_find(levels[j].keys, YMAP_KEY(map, i)->s) >= 0;
		if (n > bestn) {
			bestn = n;
			best = j;
		}
	}
	return bestn > 0 ? &levels[best] : NULL;
}

/* The levels below l, depth levels down, that know key: added to out as
 * "a response, an update or ...", their keys to in. Their number. */
static size_t
levels_below(const struct level *l, int depth, const char *key,
    struct buf *out, struct buf *in, size_t found)
{
	size_t i;

	for (i = 0; i < NLEVELS; i++) {
		if (levels[i].in == NULL || &levels[i] == l ||
		    vocab_find(l->keys, levels[i].in) < 0)
			continue;
		if (depth > 1) {
			found = levels_below(&levels[i], depth - 1, key, out,
			    in, found);
			continue;
		}
		if (vocab_find(levels[i].keys, key) < 0 ||
		    strstr(out->s, levels[i].a) != NULL)
			continue;
		if (found > 0) {
			buf_adds(out, ", ");
			buf_adds(in, ", ");
		}
		buf_adds(out, levels[i].a);
		buf_printf(in, "'%s'", levels[i].in);
		found++;
	}
	return found;
}

/* ", " before the last of n items becomes " or ". */
static void
last_or(struct buf *b, size_t n)
{
	char *c;

	buf_grow(b, 2);
	c = n > 1 ? strrchr(b->s, ',') : NULL;
	if (c == NULL)
		return;
	memmove(c + 3, c + 1, strlen(c + 1) + 1);
	memcpy(c, " or", 3);
	b->len += 2;
}

/*
 * A key that another level of the format knows, written at this one
 * (indented too far, or not far enough): say where it belongs. Returns 1
 * after reporting, 0 when no other level knows it.
 */
static int
wrong_level(struct yin *y, const struct ynode *map, const struct ynode *k,
    const char *what)
{
	const struct level *here = level_named(what), *l;
	const struct ynode *a, *first;
	struct buf out = BUF_INIT, in = BUF_INIT;
	size_t i, n = 0;
	char move[32];
	int depth;

	if (here == NULL)
		return 0;
	/* an enclosing level: out of this one, to the left */
	for (a = map != NULL ? up_map(map) : NULL; a != NULL; a = up_map(a)) {
		l = level_of(a);
		if (l == NULL || vocab_find(l->keys, k->s) < 0 || a->n == 0)
			continue;
		first = YMAP_KEY(a, 0);
		if (k->col <= first->col)
			break;
		yin_error(y, k, "'%s' belongs to the %s, not to the %s inside "
		    "it: move it %s, out of the %s (to column %zu, like '%s' "
		    "on line %zu)", k->s, l->what, here->what,
		    yin_move_by(k->col, first->col, move, sizeof move),
		    here->what, first->col, first->s, first->line);
		return 1;
	}
	/* a level below: into the one it is for */
	for (depth = 1; depth <= 3 && n == 0; depth++)
		n = levels_below(here, depth, k->s, &out, &in, 0);
	if (n > 0) {
		last_or(&out, n);
		last_or(&in, n);
		yin_error(y, k, "'%s' belongs to %s, not to the %s: write it "
		    "in the one it is for (under %s)", k->s, out.s, here->what,
		    in.s);
		buf_release(&out);
		buf_release(&in);
		return 1;
	}
	/* elsewhere */
	for (i = 0; i < NLEVELS; i++) {
		if (&levels[i] == here || vocab_find(levels[i].keys, k->s) < 0)
			continue;
		if (levels[i].in == NULL)
			yin_error(y, k, "'%s' belongs to the document's top "
			    "level, not to the %s: move it to column 1", k->s,
			    here->what);
		else
			yin_error(y, k, "'%s' belongs to %s, not to the %s: "
			    "move it under '%s'", k->s, levels[i].a,
			    here->what, levels[i].in);
		return 1;
	}
	return 0;
}

static const char *
type_name(const struct ynode *n)
{
	switch (n->type) {
	case YN_MAP:
		return "a mapping";
	case YN_SEQ:
		return "a list";
	default:
		return n->null ? "empty" : "text";
	}
}

/*
 * One key of a mapping: a scalar, not too long, known. Returns 1 when it
 * is good, 0 after reporting what is wrong.
 */
static int
check_key(struct yin *y, const struct ynode *map, const struct ynode *k,
    const char *what, const char *const *known)
{
	const char *near;
	char *all;

	if (k->type != YN_SCALAR || k->null) {
		if (!k->alias)
			yin_error(y, k, "a key must be a word, not %s",
			    type_name(k));
		return 0;
	}
	if (k->len > YIN_MAX_KEY) {
		yin_error(y, k, "key is longer than %d bytes", YIN_MAX_KEY);
		return 0;
	}
	if (vocab_find(known, k->s) >= 0)
		return 1;
	if (strcmp(k->s, "<<") == 0) {
		yin_error(y, k, "merge keys ('<<') are not allowed: write each "
		    "key out in full");
	} else if (strcmp(what, "recommendation") == 0 &&
	    strcmp(k->s, "status") == 0) {
		yin_error(y, k, "unknown key 'status': a recommendation's "
		    "status comes from its 'updates' (add an update with the "
		    "status)");
	} else if (wrong_level(y, map, k, what)) {
		return 0;
	} else if ((near = nearest_word(k->s, known)) != NULL) {
		yin_error(y, k, "unknown key '%s'; did you mean '%s'?", k->s,
		    near);
	} else {
		all = vocab_join(known);
		yin_error(y, k, "unknown key '%s' in %s (known keys: %s)", k->s,
		    what, all);
		free(all);
	}
	return 0;
}

/*
 * The keys of a mapping: each good, none repeated, and the required ones
 * present.
 */
static void
check_keys(struct yin *y, const struct ynode *map, const char *what,
    const char *const *known, const char *const *required)
{
	size_t i, j;

	for (i = 0; i < YMAP_N(map); i++) {
		const struct ynode *k = YMAP_KEY(map, i);

		if (k->type == YN_SCALAR && !k->null) {
			for (j = 0; j < i; j++) {
				const struct ynode *o = YMAP_KEY(map, j);

				if (o->type == YN_SCALAR &&
				    strcmp(o->s, k->s) == 0)
					break;
			}
			if (j < i) {
				yin_error(y, k, "duplicate key '%s' (first at "
				    "line %zu, column %zu)", k->s, YMAP_KEY(map,
				    j)->line, YMAP_KEY(map, j)->col);
				continue;
			}
		}
		check_key(y, map, k, what, known);
	}
	for (i = 0; required[i] != NULL; i++)
		if (ymap_get(map, required[i]) == NULL)
			yin_error(y, map, "missing required key '%s' in %s",
			    required[i], what);
}

/*
 * A scalar value, or NULL when absent or empty. A required key that is
 * present but empty is an error (check_keys reported it if absent).
 */
static const char *
get_text(struct yin *y, const struct ynode *map, const char *key, int req)
{
	const struct ynode *v = ymap_get(map, key);

	if (v == NULL || v->alias)
		return NULL;
	if (v->type != YN_SCALAR) {
		yin_error(y, v, "'%s' must be text, not %s", key, type_name(v));
		return NULL;
	}
	if (v->null || v->len == 0) {
		if (req)
			yin_error(y, v, "'%s' must not be empty", key);
		return NULL;
	}
	return v->s;
}

static const char *
get_id(struct yin *y, const struct ynode *map, const char *key,
    const char *what, enum id_kind kind, int req)
{
	const char *s = get_text(y, map, key, req);

	if (s == NULL || id_valid(s, kind))
		return s;
	if (kind == ID_GLOBAL)
		yin_error(y, ymap_get(map, key), "invalid %s '%s': use "
		    "lowercase letters, digits and '-', starting with a letter "
		    "or digit, at most 64 characters", what, s);
	else
		yin_error(y, ymap_get(map, key), "invalid %s '%s': use "
		    "letters, digits and . ( ) _ -, starting with a letter or "
		    "digit, at most 32 characters", what, s);
	return NULL;
}

/* A date; where month_ok ('due', 'published'), also a month, YYYY-MM
 * (format.md "Dates to the month"), kept as written. */
static const char *
get_date_or_month(struct yin *y, const struct ynode *map, const char *key,
    int req, int month_ok)
{
	const char *s = get_text(y, map, key, req);
	char advice[160];

	if (s == NULL || date_valid(s) || (month_ok && month_valid(s)))
		return s;
	if (date_shaped(s)) {
		yin_error(y, ymap_get(map, key), "'%s' is not a calendar date",
		    s);
		return NULL;
	}
	date_advice(s, key, month_ok, advice, sizeof advice);
	yin_error(y, ymap_get(map, key), "invalid date '%s': %s", s, advice);
	return NULL;
}

static const char *
get_date(struct yin *y, const struct ynode *map, const char *key, int req)
{
	return get_date_or_month(y, map, key, req, 0);
}

static const char *
get_due(struct yin *y, const struct ynode *map, const char *key)
{
	return get_date_or_month(y, map, key, 0, 1);
}

/* true or false (1, 0); absent is 0. */
static int
get_bool(struct yin *y, const struct ynode *map, const char *key)
{
	const char *s = get_text(y, map, key, 0);

	if (s != NULL && strcmp(s, "true") != 0 && strcmp(s, "false") != 0)
		yin_error(y, ymap_get(map, key), "'%s' must be true or false, "
		    "not '%s'", key, s);
	return s != NULL && strcmp(s, "true") == 0;
}

/* A moment in UTC, YYYY-MM-DDTHH:MM:SSZ (an update's 'recorded'). */
static const char *
get_stamp(struct yin *y, const struct ynode *map, const char *key)
{
	const char *s = get_text(y, map, key, 0);

	if (s == NULL)
		return NULL;
	if (stamp_valid(s))
		return s;
	yin_error(y, ymap_get(map, key), "invalid time '%s' for '%s': write "
	    "it as YYYY-MM-DDTHH:MM:SSZ, in UTC (2026-11-22T10:00:00Z)", s,
	    key);
	return NULL;
}

/* format.md's response_within: N days, N weeks or N months. */
static const char *
get_period(struct yin *y, const struct ynode *map, const char *key)
{
	const char *s = get_text(y, map, key, 0);

	if (s == NULL || period_parse(s, NULL, NULL))
		return s;
	yin_error(y, ymap_get(map, key), "invalid '%s' '%s': write N days, "
	    "N weeks or N months, N a whole number from 1 (28 days, 8 weeks, "
	    "2 months)", key, s);
	return NULL;
}

static const char *
get_word(struct yin *y, const struct ynode *map, const char *key,
    const char *what, const char *const *words, int req)
{
	const char *s = get_text(y, map, key, req), *near;
	char *all;

	if (s == NULL || vocab_find(words, s) >= 0)
		return s;
	near = nearest_word(s, words);
	if (near != NULL) {
		yin_error(y, ymap_get(map, key), "unknown %s '%s'; did you "
		    "mean '%s'?", what, s, near);
	} else {
		all = vocab_join(words);
		yin_error(y, ymap_get(map, key), "unknown %s '%s' (one of: %s)",
		    what, s, all);
		free(all);
	}
	return NULL;
}

/* A list value: NULL when absent; reports when it is not a list. */
static const struct ynode *
get_list(struct yin *y, const struct ynode *map, const char *key)
{
	const struct ynode *v = ymap_get(map, key);

	if (v == NULL || (v->type == YN_SCALAR && v->null && v->plain))
		return NULL;
	if (v->type != YN_SEQ) {
		yin_error(y, v, "'%s' must be a list, not %s", key,
		    type_name(v));
		return NULL;
	}
	return v;
}

static void
get_textlist(struct yin *y, const struct ynode *map, const char *key,
    struct strlist *out)
{
	const struct ynode *l = get_list(y, map, key);
	size_t i;

	memset(out, 0, sizeof *out);
	if (l == NULL)
		return;
	out->stated = 1;
	out->v = xcalloc(l->n, sizeof *out->v);
	for (i = 0; i < l->n; i++) {
		const struct ynode *it = l->kids[i];

		if (yin_text_as_map(y, it))
			continue;
		if (it->type != YN_SCALAR)
			yin_error(y, it, "each item of '%s' must be text, not "
			    "%s", key, type_name(it));
		else if (it->null || it->len == 0)
			yin_error(y, it, "empty item in '%s'", key);
		else
			out->v[out->n++] = it->s;
	}
}

/* A list longer than the full-text index can hold (search.h): refused
 * at its first item beyond, before anything is written. */
static void
check_indexable(struct yin *y, const struct ynode *map, const char *owner,
    const char *key)
{
	const struct ynode *l = ymap_get(map, key), *note;
	const char *what;
	long long max = search_list_max(owner, key, &what), n = 0;
	size_t i;

	for (i = 0; max > 0 && l != NULL && l->type == YN_SEQ && i < l->n;
	    i++) {
		note = ymap_get(l->kids[i], "note");
		if (strcmp(key, "updates") == 0 && (note == NULL || note->null))
			continue;
		if (++n > max) {
			yin_error(y, l->kids[i], "more than %lld %s in one %s, "
			    "the most the full-text index can hold (merge some "
			    "of them)", max, what, owner);
			return;
		}
	}
}

/* A map item of a list, or an error. */
static int
is_map_item(struct yin *y, const struct ynode *it, const char *what)
{
	if (it->type == YN_MAP)
		return 1;
	yin_error(y, it, "each %s must be a mapping of keys, not %s", what,
	    type_name(it));
	return 0;
}

/* Duplicate local ids within one list (refs, evidence, actions). */
static int
dup_local(struct yin *y, const struct ynode *list, size_t i, const char *key,
    const char *what)
{
	const struct ynode *me = ymap_get(list->kids[i], key);
	size_t j;

	if (me == NULL || me->type != YN_SCALAR || me->null)
		return 0;
	for (j = 0; j < i; j++) {
		const struct ynode *o = ymap_get(list->kids[j], key);

		if (o != NULL && o->type == YN_SCALAR && !o->null &&
		    strcmp(o->s, me->s) == 0) {
			yin_error(y, me, "duplicate %s '%s' (first at line %zu, "
			    "column %zu)", what, me->s, o->line, o->col);
			return 1;
		}
	}
	return 0;
}

static void
read_actions(struct yin *y, const struct ynode *map, struct action_rec **out,
    size_t *nout)
{
	const struct ynode *l = get_list(y, map, "actions");
	size_t i;

	*out = NULL;
	*nout = 0;
	if (l == NULL)
		return;
	*out = xcalloc(l->n, sizeof **out);
	for (i = 0; i < l->n; i++) {
		const struct ynode *it = l->kids[i];
		struct action_rec *a = &(*out)[*nout];

		if (!is_map_item(y, it, "action"))
			continue;
		check_keys(y, it, "action", action_keys, action_req);
		dup_local(y, l, i, "id", "action id");
		a->aid = get_id(y, it, "id", "action id", ID_LOCAL, 1);
		a->text = get_text(y, it, "text", 1);
		a->owner = get_text(y, it, "owner", 0);
		a->due = get_due(y, it, "due");
		a->status = get_word(y, it, "status", "action status",
		    vocab_action_status, 0);
		a->note = get_text(y, it, "note", 0);
		a->status_date = get_date(y, it, "status_date", 0);
		a->cli = get_bool(y, it, "cli_recorded");
		(*nout)++;
	}
}

static void
read_evidence(struct yin *y, const struct ynode *it, struct evidence_rec *e,
    int catalogue)
{
	check_keys(y, it, catalogue ? "evidence" : "inline evidence",
	    evidence_keys, catalogue ? catalogue_req : inline_req);
	e->eid = get_id(y, it, "id", "evidence id", ID_LOCAL, catalogue);
	e->kind = get_word(y, it, "kind", "evidence kind", vocab_evidence_kind,
	    1);
	e->title = get_text(y, it, "title", 1);
	e->date = get_date(y, it, "date", 0);
	e->text = get_text(y, it, "text", 0);
	e->url = get_text(y, it, "url", 0);
}

/* A response's responses replaced by corrections, oldest first. */
static void
read_replaced(struct yin *y, const struct ynode *s, struct response_rec *p)
{
	const struct ynode *l = get_list(y, s, "replaced");
	size_t i;

	if (l == NULL)
		return;
	p->replaced = xcalloc(l->n, sizeof *p->replaced);
	for (i = 0; i < l->n; i++) {
		const struct ynode *it = l->kids[i];
		struct replaced_rec *x = &p->replaced[p->nreplaced];

		if (!is_map_item(y, it, "replaced response"))
			continue;
		check_keys(y, it, "replaced response", replaced_keys,
		    replaced_req);
		x->date = get_date(y, it, "date", 0);
		x->by = get_text(y, it, "by", 0);
		x->decision = get_word(y, it, "decision", "decision",
		    vocab_decision, 1);
		x->text = get_text(y, it, "text", 1);
		x->replaced_on = get_date(y, it, "replaced_on", 1);
		x->replaced_by = get_text(y, it, "replaced_by", 0);
		x->interim = get_bool(y, it, "interim");
		p->nreplaced++;
	}
}

static int
review_has_evidence(struct importer *imp, const struct ynode *catalogue,
    const char *rid, const char *eid)
{
	sqlite3_stmt *st;
	size_t i;
	int found;

	for (i = 0; catalogue != NULL && i < catalogue->n; i++) {
		const struct ynode *id = ymap_get(catalogue->kids[i], "id");

		if (id != NULL && id->type == YN_SCALAR &&
		    strcmp(id->s, eid) == 0)
			return 1;
	}
	if (imp->db == NULL || rid == NULL)
		return 0;
	st = db_stmt(imp->db, ST_EVIDENCE_IN_REVIEW);
	db_bind_text(st, 1, rid);
	db_bind_text(st, 2, eid);
	found = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_reset(st);
	return found;
}

/*
 * An update's signed_off: only true, and only where its status is a closed
 * one (the committee signs off a recommendation that is complete).
 */
static void
read_signed_off(struct yin *y, const struct ynode *u, struct update_rec *ur)
{
	const char *s = get_text(y, u, "signed_off", 0);

	if (s == NULL)
		return;
	if (strcmp(s, "true") != 0) {
		yin_error(y, ymap_get(u, "signed_off"), "'signed_off' can only "
		    "be true, not '%s' (leave it out when not signed off)", s);
		return;
	}
	if (ur->status != NULL && !status_closed(ur->status)) {
		yin_error(y, ymap_get(u, "signed_off"), "'signed_off' on an "
		    "update whose status is '%s': only a closed recommendation "
		    "(rejected, implemented, not-implemented, withdrawn) is "
		    "signed off", ur->status);
		return;
	}
	ur->signed_off = 1;
}

/*
 * An update's 'retracts': a mapping naming the update it withdraws by all
 * of that update's content (every key it has). A retraction says why (its
 * note), carries nothing that would count, and is dated on or after the
 * update it withdraws.
 */
static void
read_retracts(struct yin *y, const struct ynode *u, struct update_rec *ur)
{
	static const char *const counting[] = {
		"due", "forced", "rag", "signed_off", NULL,
	};
	const struct ynode *m = ymap_get(u, "retracts");
	struct update_key *k = &ur->retracts;
	size_t i;

	if (m == NULL || m->alias || (m->type == YN_SCALAR && m->null &&
	    m->plain))
		return;
	if (m->type != YN_MAP) {
		yin_error(y, m, "'retracts' must be a mapping naming the update "
		    "withdrawn (every key it has: date, status, due, by, note, "
		    "recorded, rag, signed_off, forced), not %s", type_name(m));
		return;
	}
	check_keys(y, m, "retracts", retracts_keys, retracts_req);
	k->date = get_date(y, m, "date", 1);
	k->recorded = get_stamp(y, m, "recorded");
	k->status = get_word(y, m, "status", "status", vocab_status, 0);
	k->due = get_due(y, m, "due");
	k->by = get_text(y, m, "by", 0);
	k->note = get_text(y, m, "note", 0);
	k->rag = get_word(y, m, "rag", "rag", vocab_rag, 0);
	k->forced = get_bool(y, m, "forced");
	k->signed_off = get_bool(y, m, "signed_off");
	if (k->date == NULL)
		return;
	k->given = UK_ALL;
	ur->retracts_line = m->line;
	ur->retracts_col = m->col;
	if (ur->date != NULL && strcmp(ur->date, k->date) < 0 &&
	    !retract_early_ok(k->date, ur->recorded))
		yin_error(y, m, "a retraction dated %s withdraws an update "
		    "dated %s: date the retraction on or after %s, or give it "
		    "the 'recorded' time it was entered at, before %s (only "
		    "an update dated in the future when it was withdrawn, a "
		    "mistyped date, may be withdrawn before its date)",
		    ur->date, k->date, k->date, k->date);
	if (ur->note == NULL)
		yin_error(y, u, "a retraction needs a 'note': the reason the "
		    "update is withdrawn");
	for (i = 0; counting[i] != NULL; i++)
		if (ymap_get(u, counting[i]) != NULL)
			yin_error(y, ymap_get(u, counting[i]), "'%s' on a "
			    "retraction: a retraction counts for nothing, so it "
			    "has only date, status, by, note, recorded and "
			    "retracts", counting[i]);
}

/*
 * Without a database (check), each retraction must name an update of the
 * file: the first, in the file's order, that is not a retraction, not
 * withdrawn already, and the same as the key in every field. (With one,
 * store.c looks among the updates held too.) None: the error names the
 * first key of the nearest candidate of that date that differs.
 */
static void
check_retractions(struct yin *y, struct rec_rec *r)
{
	char *taken = xcalloc(r->nupdates + 1, 1);
	size_t i, j;

	for (i = 0; i < r->nupdates; i++) {
		const struct update_rec *x = &r->updates[i];
		const char *diff = NULL;
		int missing = 0;

		if (x->retracts.given == 0)
			continue;
		for (j = 0; j < r->nupdates; j++) {
			const struct update_rec *c = &r->updates[j];
			const char *d;
			int m;

			if (taken[j] || c->retracts.given != 0)
				continue;
			if ((d = record_key_differs(&x->retracts, c, &m)) ==
			    NULL)
				break;
			if (diff == NULL && strcmp(d, "date") != 0) {
				diff = d;
				missing = m;
			}
		}
		if (j < r->nupdates) {
			taken[j] = 1;
			continue;
		}
		yin_error_at(y, x->retracts_line, x->retracts_col,
		    "'retracts' names no update of this recommendation in the "
		    "file: none dated %s the same in every field is there that "
		    "is not a retraction or withdrawn already (copy every key "
		    "of the withdrawn update: date, status, due, by, note, "
		    "recorded, rag, signed_off, forced, whichever it has%s%s%s; "
		    "'rectrack check' reads no database)", x->retracts.date,
		    diff == NULL ? "" : "; its '",
		    diff == NULL ? "" : diff,
		    diff == NULL ? "" : missing ? "' is missing" :
		    "' differs");
	}
	free(taken);
}

static void
read_rec(struct importer *imp, const struct ynode *it, const char *rid,
    const struct ynode *catalogue, struct rec_rec *r)
{
	struct yin *y = imp->y;
	const struct ynode *l, *s;
	size_t i;

	check_keys(y, it, "recommendation", rec_keys, rec_req);
	r->ref = get_id(y, it, "ref", "ref", ID_LOCAL, 1);
	r->title = get_text(y, it, "title", 0);
	r->addressee = get_text(y, it, "addressee", 0);
	r->text = get_text(y, it, "text", 1);
	r->owner = get_text(y, it, "owner", 0);
	r->due = get_due(y, it, "due");
	r->response_within = get_period(y, it, "response_within");
#define SHOWN(name, label)	r->name = get_text(y, it, #name, 0);
	REC_SHOWN_TEXTS(SHOWN)
#undef SHOWN
	get_textlist(y, it, "findings", &r->findings);
	check_indexable(y, it, "recommendation", "findings");
	check_indexable(y, it, "recommendation", "evidence");
	check_indexable(y, it, "recommendation", "updates");

	if ((l = get_list(y, it, "evidence")) != NULL) {
		r->evidence_stated = 1;
		r->evidence = xcalloc(l->n, sizeof *r->evidence);
		for (i = 0; i < l->n; i++) {
			const struct ynode *e = l->kids[i];
			struct evidence_rec *er = &r->evidence[r->nevidence];

			if (e->type == YN_SEQ) {
				yin_error(y, e, "each evidence item must be an "
				    "evidence id or a mapping, not a list");
				continue;
			}
			if (e->type == YN_SCALAR) {
				if (e->alias)
					continue;
				if (e->null) {
					yin_error(y, e, "empty evidence item");
					continue;
				}
				if (!id_valid(e->s, ID_LOCAL)) {
					yin_error(y, e, "invalid evidence id "
					    "'%s': use letters, digits and . ( ) "
					    "_ -, starting with a letter or digit, "
					    "at most 32 characters", e->s);
					continue;
				}
				if (!review_has_evidence(imp, catalogue, rid,
				    e->s)) {
					yin_error(y, e, "evidence '%s' is not in "
					    "the evidence catalogue of review "
					    "'%s'", e->s, rid ? rid : "?");
					continue;
				}
				er->ref = e->s;
			} else {
				read_evidence(y, e, er, 0);
			}
			r->nevidence++;
		}
	}

	if ((s = ymap_get(it, "response")) != NULL) {
		if (s->type != YN_MAP) {
			yin_error(y, s, "'response' must be a mapping, not %s",
			    type_name(s));
		} else {
			struct response_rec *p = xcalloc(1, sizeof *p);

			check_keys(y, s, "response", response_keys,
			    response_req);
			p->date = get_date(y, s, "date", 0);
			p->by = get_text(y, s, "by", 0);
			p->decision = get_word(y, s, "decision", "decision",
			    vocab_decision, 1);
			p->text = get_text(y, s, "text", 1);
			read_actions(y, s, &p->actions, &p->nactions);
			check_indexable(y, s, "response", "actions");
			read_replaced(y, s, p);
			p->cli = get_bool(y, s, "cli_recorded");
			r->response = p;
		}
	}

	if ((l = get_list(y, it, "updates")) != NULL) {
		r->updates = xcalloc(l->n, sizeof *r->updates);
		for (i = 0; i < l->n; i++) {
			const struct ynode *u = l->kids[i];
			struct update_rec *ur = &r->updates[r->nupdates];

			if (!is_map_item(y, u, "update"))
				continue;
			check_keys(y, u, "update", update_keys, update_req);
			ur->date = get_date(y, u, "date", 1);
			ur->status = get_word(y, u, "status", "status",
			    vocab_status, 1);
			ur->due = get_due(y, u, "due");
			ur->by = get_text(y, u, "by", 0);
			ur->note = get_text(y, u, "note", 0);
			ur->forced = get_bool(y, u, "forced");
			ur->recorded = get_stamp(y, u, "recorded");
			ur->rag = get_word(y, u, "rag", "rag", vocab_rag, 0);
			read_signed_off(y, u, ur);
			read_retracts(y, u, ur);
			r->nupdates++;
		}
		if (imp->db == NULL)
			check_retractions(y, r);
	}
	if ((l = get_list(y, it, "cli_recorded")) != NULL) {
		for (i = 0; i < l->n; i++) {
			const struct ynode *w = l->kids[i];
			int k;

			if (w->type != YN_SCALAR || w->null) {
				yin_error(y, w, "each item of 'cli_recorded' "
				    "must be one of owner, addressee, due, not "
				    "%s", type_name(w));
				continue;
			}
			if ((k = vocab_find(cli_field_words, w->s)) < 0)
				yin_error(y, w, "unknown field '%s' in "
				    "'cli_recorded' (one of: owner, addressee, "
				    "due)", w->s);
			else
				r->cli_fields |= 1u << k;
		}
	}
}

static char *
where(struct yin *y, const struct ynode *n)
{
	struct buf b = BUF_INIT;

	buf_printf(&b, "%s:%zu:%zu", yin_name(y), n->line, n->col);
	return buf_detach(&b);
}

static void
do_review(struct importer *imp, struct doc *d, const struct ynode *it)
{
	struct yin *y = imp->y;
	struct review_rec r;
	const struct ynode *l, *cat;
	size_t errs = diag_errors(), i;

	memset(&r, 0, sizeof r);
	if (!is_map_item(y, it, "review"))
		return;
	check_keys(y, it, "review", review_keys, review_req);
	r.rid = get_id(y, it, "id", "review id", ID_GLOBAL, 1);
	r.title = get_text(y, it, "title", 1);
	r.year = get_text(y, it, "year", 0);
	if (r.year != NULL && !year_valid(r.year)) {
		yin_error(y, ymap_get(it, "year"), "invalid municipal year "
		    "'%s': write it as YYYY-YY, e.g. 2023-24", r.year);
		r.year = NULL;
	}
	r.stage = get_word(y, it, "stage", "stage", vocab_stage, 0);
	r.stage_since = get_date(y, it, "stage_since", 0);
	r.cli_stage = get_bool(y, it, "cli_recorded");
	r.published = get_due(y, it, "published");
	r.submitted = get_date(y, it, "submitted", 0);
	r.source = get_text(y, it, "source", 0);
	r.summary = get_text(y, it, "summary", 0);
	r.response_within = get_period(y, it, "response_within");
	get_textlist(y, it, "members", &r.members);
	get_textlist(y, it, "commendations", &r.commendations);

	if (r.rid != NULL) {
		const char *first = strmap_get(&imp->reviews, r.rid);
		char *here = where(y, ymap_get(it, "id"));

		if (first != NULL)
			yin_error(y, ymap_get(it, "id"), "review '%s' is "
			    "defined twice (first at %s)", r.rid, first);
		else
			strmap_put(&imp->reviews, r.rid, here);
		free(here);
	}
	if (r.rid != NULL && imp->db != NULL && d->cid != NULL) {
		sqlite3_stmt *st = db_stmt(imp->db, ST_REVIEW_GET);

		db_bind_text(st, 1, r.rid);
		if (sqlite3_step(st) == SQLITE_ROW &&
		    strcmp(stored_text(st, 2), d->cid) != 0)
			yin_error(y, ymap_get(it, "id"), "review '%s' belongs "
			    "to committee '%s', not '%s': a review cannot move "
			    "between committees", r.rid, stored_text(st, 2), d->cid);
		sqlite3_reset(st);
	}

	cat = get_list(y, it, "evidence");
	if (cat != NULL) {
		r.catalogue = xcalloc(cat->n, sizeof *r.catalogue);
		for (i = 0; i < cat->n; i++) {
			if (!is_map_item(y, cat->kids[i], "evidence item"))
				continue;
			dup_local(y, cat, i, "id", "evidence id");
			read_evidence(y, cat->kids[i],
			    &r.catalogue[r.ncatalogue++], 1);
		}
	}
	if ((l = get_list(y, it, "recommendations")) != NULL) {
		r.recs = xcalloc(l->n, sizeof *r.recs);
		for (i = 0; i < l->n; i++) {
			if (!is_map_item(y, l->kids[i], "recommendation"))
				continue;
			dup_local(y, l, i, "ref", "ref");
			read_rec(imp, l->kids[i], r.rid, cat,
			    &r.recs[r.nrecs++]);
		}
		imp->nrecs += r.nrecs;
		imp->total_recs += r.nrecs;
	}
	if (imp->on_review != NULL && diag_errors() == errs && !it->bad)
		imp->on_review(imp->on_review_arg, &r);
	if (imp->db != NULL && d->committee_ok && diag_errors() == errs &&
	    !it->bad &&
	    store_review(imp->db, d->committee_id, &r, &imp->stats) < 0)
		d->committee_ok = 0;
	record_review_free(&r);
}

static void
do_meeting(struct importer *imp, struct doc *d, const struct ynode *it)
{
	struct yin *y = imp->y;
	struct meeting_rec m;
	size_t errs = diag_errors();

	memset(&m, 0, sizeof m);
	if (!is_map_item(y, it, "meeting"))
		return;
	check_keys(y, it, "meeting", meeting_keys, meeting_req);
	m.mid = get_id(y, it, "id", "meeting id", ID_LOCAL, 1);
	m.date = get_date(y, it, "date", 0);
	m.title = get_text(y, it, "title", 1);
	m.review = get_id(y, it, "review", "review id", ID_GLOBAL, 0);
	m.minutes = get_text(y, it, "minutes", 0);
	read_actions(y, it, &m.actions, &m.nactions);
	get_textlist(y, it, "resolved", &m.resolved);
	check_indexable(y, it, "meeting", "actions");
	check_indexable(y, it, "meeting", "resolved");
	if (m.mid != NULL && d->cid != NULL) {
		struct buf key = BUF_INIT;
		const char *first;
		char *here = where(y, ymap_get(it, "id"));

		buf_printf(&key, "%s/%s", d->cid, m.mid);
		first = strmap_get(&imp->meetings, key.s);
		if (first != NULL)
			yin_error(y, ymap_get(it, "id"), "meeting '%s' is "
			    "defined twice (first at %s)", m.mid, first);
		else
			strmap_put(&imp->meetings, key.s, here);
		free(here);
		buf_release(&key);
	}
	if (m.review != NULL) {
		const struct ynode *rv = ymap_get(it, "review");
		struct pending_ref *p;

		imp->refs = xgrow(imp->refs, &imp->refcap, imp->nrefs + 1,
		    sizeof *imp->refs);
		p = &imp->refs[imp->nrefs++];
		p->rid = xstrdup(m.review);
		p->file = xstrdup(yin_name(y));
		p->line = rv->line;
		p->col = rv->col;
	}
	if (imp->db != NULL && d->committee_ok && diag_errors() == errs &&
	    !it->bad &&
	    store_meeting(imp->db, d->committee_id, &m, &imp->stats) < 0)
		d->committee_ok = 0;
	record_meeting_free(&m);
}

static void
do_item(struct importer *imp, struct doc *d, struct ynode *it, int review)
{
	if (review)
		do_review(imp, d, it);
	else
		do_meeting(imp, d, it);
	ynode_free(it);
	if (imp->progress != NULL)
		imp->progress(imp->progress_arg, yin_name(imp->y),
		    yin_offset(imp->y), yin_size(imp->y), imp->total_recs);
}

static void
do_committee(struct importer *imp, struct doc *d, const struct ynode *n)
{
	struct yin *y = imp->y;
	struct committee_rec c;
	size_t errs = diag_errors(), i;

	d->have_committee = 1;
	if (n->type != YN_MAP) {
		yin_error(y, n, "'committee' must be a mapping, not %s",
		    type_name(n));
	} else {
		check_keys(y, n, "committee", committee_keys, committee_req);
		c.cid = get_id(y, n, "id", "committee id", ID_GLOBAL, 1);
		c.name = get_text(y, n, "name", 1);
		c.authority = get_text(y, n, "authority", 1);
		c.contact = get_text(y, n, "contact", 0);
		c.response_within = get_period(y, n, "response_within");
		if (c.cid != NULL)
			d->cid = d->cidbuf = xstrdup(c.cid);
		if (diag_errors() == errs && !n->bad) {
			struct store_stats one;
			size_t k;

			memset(&one, 0, sizeof one);
			d->committee_ok = 1;
			if (imp->db != NULL && store_committee(imp->db, &c,
			    &one, &d->committee_id) < 0)
				d->committee_ok = 0;
			/* a committee named again in one import counts once,
			 * unless the later mention changes it */
			if (strmap_get(&imp->committees, c.cid) == NULL) {
				strmap_put(&imp->committees, c.cid, "");
			} else {
				one.n[K_COMMITTEE][C_UNCHANGED] = 0;
			}
			for (k = 0; k < C_COUNT; k++)
				imp->stats.n[K_COMMITTEE][k] +=
				    one.n[K_COMMITTEE][k];
		}
	}
	for (i = 0; i < d->nheld; i++)
		do_item(imp, d, d->held[i], d->held_review[i]);
	d->nheld = 0;
}

/* A list of meetings or reviews, item by item. Returns 0 on a dead file. */
static int
do_list(struct importer *imp, struct doc *d, yaml_event_t *ev, int review,
    const char *key)
{
	struct yin *y = imp->y;
	struct ynode *it;
	yaml_event_t next;

	if (ev->type != YAML_SEQUENCE_START_EVENT) {
		it = yin_tree(y, ev);
		if (it == NULL)
			return 0;
		if (!(it->type == YN_SCALAR && it->null && it->plain))
			yin_error(y, it, "'%s' must be a list, not %s", key,
			    type_name(it));
		ynode_free(it);
		return 1;
	}
	for (;;) {
		size_t before = yin_error_count(y);

		if (!yin_next(y, &next))
			return 0;
		if (next.type == YAML_SEQUENCE_END_EVENT)
			return 1;
		it = yin_tree(y, &next);
		if (it == NULL)
			return 0;
		it->bad = yin_error_count(y) != before;
		if (d->have_committee) {
			do_item(imp, d, it, review);
			continue;
		}
		d->held = xgrow(d->held, &d->heldcap, d->nheld + 1,
		    sizeof *d->held);
		d->held_review = xgrow(d->held_review, &d->heldcap2,
		    d->nheld + 1, sizeof *d->held_review);
		d->held[d->nheld] = it;
		d->held_review[d->nheld++] = review;
	}
}

/*
 * The body of one document mapping, from after its MAPPING-START to its
 * MAPPING-END. Returns 0 when the file cannot be read further.
 */
static int
do_docmap(struct importer *imp, const yaml_mark_t *mapmark)
{
	struct yin *y = imp->y;
	struct doc d;
	struct ynode *keys[4] = { NULL, NULL, NULL, NULL };
	struct ynode *k, *v;
	yaml_event_t ev;
	size_t i, before;
	int alive = 1, ki;

	memset(&d, 0, sizeof d);
	for (;;) {
		if (!yin_next(y, &ev)) {
			alive = 0;
			break;
		}
		if (ev.type == YAML_MAPPING_END_EVENT)
			break;
		if ((k = yin_tree(y, &ev)) == NULL) {
			alive = 0;
			break;
		}
		before = yin_error_count(y);
		if (!yin_next(y, &ev)) {
			ynode_free(k);
			alive = 0;
			break;
		}
		ki = k->type == YN_SCALAR ? vocab_find(top_keys, k->s) : -1;
		if (ki >= 0 && keys[ki] != NULL) {
			yin_error(y, k, "duplicate key '%s' (first at line %zu, "
			    "column %zu)", k->s, keys[ki]->line, keys[ki]->col);
			ki = -1;
		} else if (ki < 0) {
			check_key(y, NULL, k, "document", top_keys);
		}
		if (ki == 2 || ki == 3) {
			keys[ki] = k;
			if (!do_list(imp, &d, &ev, ki == 3, k->s)) {
				alive = 0;
				break;
			}
			continue;
		}
		if ((v = yin_tree(y, &ev)) == NULL) {
			alive = 0;
			ynode_free(k);
			break;
		}
		v->bad = yin_error_count(y) != before;
		if (ki == 0) {
			if (v->type != YN_SCALAR || strcmp(v->s,
			    "rectrack/1") != 0)
				yin_error(y, v, "unsupported format '%s': this "
				    "rectrack reads 'rectrack/1'",
				    v->type == YN_SCALAR ? v->s : "?");
		} else if (ki == 1) {
			do_committee(imp, &d, v);
		}
		if (ki >= 0)
			keys[ki] = k;
		else
			ynode_free(k);
		ynode_free(v);
	}
	if (alive && !d.have_committee) {
		yin_error_at(y, mapmark->line + 1, mapmark->column + 1,
		    "missing required key 'committee' in document");
		/* still check what it holds; nothing can be stored */
		for (i = 0; i < d.nheld; i++)
			do_item(imp, &d, d.held[i], d.held_review[i]);
		d.nheld = 0;
	}
	for (i = 0; i < d.nheld; i++)
		ynode_free(d.held[i]);
	free(d.held);
	free(d.held_review);
	free(d.cidbuf);
	for (i = 0; i < 4; i++)
		ynode_free(keys[i]);
	return alive;
}

/*
 * One document, from the event after DOCUMENT-START to DOCUMENT-END: a
 * mapping, or a list of mappings (what 'export --format json' writes).
 */
static int
do_document(struct importer *imp, const yaml_mark_t *docmark)
{
	struct yin *y = imp->y;
	struct ynode *v;
	yaml_event_t ev;
	yaml_mark_t mark;

	if (!yin_next(y, &ev))
		return 0;
	if (ev.type == YAML_MAPPING_START_EVENT) {
		mark = ev.start_mark;
		if (!do_docmap(imp, &mark))
			return 0;
	} else if (ev.type == YAML_SEQUENCE_START_EVENT) {
		for (;;) {
			if (!yin_next(y, &ev))
				return 0;
			if (ev.type == YAML_SEQUENCE_END_EVENT)
				break;
			if (ev.type == YAML_MAPPING_START_EVENT) {
				mark = ev.start_mark;
				if (!do_docmap(imp, &mark))
					return 0;
				continue;
			}
			if ((v = yin_tree(y, &ev)) == NULL)
				return 0;
			yin_error(y, v, "each document in a list must be a "
			    "mapping with 'committee', not %s", type_name(v));
			ynode_free(v);
		}
	} else {
		v = yin_tree(y, &ev);
		if (v == NULL)
			return 0;
		if (v->type == YN_SCALAR && v->null && v->len == 0)
			/* nothing in it: point at where it starts */
			yin_error_at(y, docmark->line + 1, docmark->column + 1,
			    "a document must be a mapping with 'committee' and "
			    "'reviews' or 'meetings', not empty");
		else
			yin_error(y, v, "a document must be a mapping with "
			    "'committee' and 'reviews' or 'meetings', not %s",
			    type_name(v));
		ynode_free(v);
	}
	return yin_next(y, &ev);	/* DOCUMENT-END */
}

static size_t
read_stream(struct importer *imp, struct yin *y, size_t *nrecs)
{
	size_t errs = diag_errors(), ndocs = 0, nrefs = imp->nrefs, i;
	yaml_event_t ev;

	imp->y = y;
	imp->stats.file = yin_name(y);
	imp->nrecs = 0;
	while (yin_next(y, &ev)) {
		yaml_event_type_t t = ev.type;
		yaml_mark_t mark = ev.start_mark;

		if (t == YAML_STREAM_END_EVENT) {
			if (ndocs == 0)
				diag_at(yin_name(y), 1, 1, "no document in "
				    "file (it is empty or only comments)");
			break;
		}
		if (t != YAML_DOCUMENT_START_EVENT)
			continue;
		ndocs++;
		if (!do_document(imp, &mark))
			break;
	}
	imp->y = NULL;
	if (yin_dead(y)) {
		/* a file read only in part: the reviews its meetings refer to
		 * may be in the part not read, and the file failed already */
		for (i = nrefs; i < imp->nrefs; i++) {
			free(imp->refs[i].rid);
			free(imp->refs[i].file);
		}
		imp->nrefs = nrefs;
	}
	if (nrecs != NULL)
		*nrecs = imp->nrecs;
	return diag_errors() - errs;
}

size_t
importer_file(struct importer *imp, const char *path, size_t *nrecs)
{
	struct yin *y = yin_open(path);
	size_t n;

	if (nrecs != NULL)
		*nrecs = 0;
	if (y == NULL)
		return 1;
	n = read_stream(imp, y, nrecs);
	yin_close(y);
	return n;
}

size_t
importer_buffer(struct importer *imp, const char *name, const void *data,
    size_t len, size_t *nrecs)
{
	struct yin *y = yin_mem(name, data, len);
	size_t n = read_stream(imp, y, nrecs);

	yin_close(y);
	return n;
}

size_t
importer_finish(struct importer *imp)
{
	size_t errs = diag_errors(), i;

	for (i = 0; i < imp->nrefs; i++) {
		const struct pending_ref *p = &imp->refs[i];
		int found = strmap_get(&imp->reviews, p->rid) != NULL;

		if (!found && imp->db != NULL) {
			sqlite3_stmt *st = db_stmt(imp->db, ST_MEETING_DANGLING);

			db_bind_text(st, 1, p->rid);
			found = sqlite3_step(st) == SQLITE_ROW;
			sqlite3_reset(st);
		}
		if (found)
			continue;
		diag_at(p->file, p->line, p->col, "meeting refers to review "
		    "'%s', which is %s", p->rid, imp->db != NULL ?
		    "neither in these files nor in the database" :
		    "in none of these files");
		if (strmap_get(&imp->late, p->file) == NULL)
			strmap_put(&imp->late, p->file, "");
	}
	if (imp->db != NULL && diag_errors() == 0 &&
	    store_finish(imp->db, &imp->stats) < 0)
		return diag_errors() - errs + 1;
	return diag_errors() - errs;
}

int
importer_failed_late(const struct importer *imp, const char *path)
{
	return strmap_get(&imp->late, strcmp(path, "-") ? path : "<stdin>") !=
	    NULL;
}
