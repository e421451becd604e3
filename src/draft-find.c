#include "draft.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "date.h"
#include "diag.h"
#include "escape.h"
#include "xmalloc.h"

enum mode { M_NONE, M_HEAD, M_TEXT, M_FIND, M_EVID, M_RESP, M_NOTE,
	M_SKIP };

struct texts {
	char **s;
	size_t n, cap;
};

struct rec {
	char ref[40];
	size_t line;
	struct buf text, evidence, response;
	struct texts findings;
	enum draft_block_kind last;	/* kind of the last block added to
					 * the text being read */
	char *owner, *due, *due_raw, *section, *note;
	char *status, *updated;	/* a tracker's status word, its date */
	struct buf progress;	/* a tracker's action taken */
};

struct found {
	struct rec *r;
	size_t n, cap;
	struct texts notes;	/* document-level "# check:" lines */
	char *title, *by, *date;
	char **pending;		/* the field whose value is the next block */
	const char *opts_date;	/* draft --date */
	int overflow;		/* more than DRAFT_MAX_RECS */
	struct rec spare;	/* what rec_new() gives past the limit */
};

static int has_word(const char *t, const char *w);

static void
texts_add(struct texts *t, char *s)
{
	t->s = xgrow(t->s, &t->cap, t->n + 1, sizeof *t->s);
	t->s[t->n++] = s;
}

static void
texts_free(struct texts *t)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		free(t->s[i]);
	free(t->s);
}

static void rec_free(struct rec *r);

static struct rec *
rec_new(struct found *f, const char *ref, size_t line)
{
	struct rec *r;

	if (f->n >= DRAFT_MAX_RECS) {
		/* too many: the finders stop; this one is never written */
		f->overflow = 1;
		rec_free(&f->spare);
		r = &f->spare;
		memset(r, 0, sizeof *r);
		r->text = (struct buf)BUF_INIT;
		r->evidence = (struct buf)BUF_INIT;
		r->response = (struct buf)BUF_INIT;
		r->progress = (struct buf)BUF_INIT;
		return r;
	}
	f->r = xgrow(f->r, &f->cap, f->n + 1, sizeof *f->r);
	r = &f->r[f->n++];
	memset(r, 0, sizeof *r);
	r->text = (struct buf)BUF_INIT;
	r->evidence = (struct buf)BUF_INIT;
	r->response = (struct buf)BUF_INIT;
	r->progress = (struct buf)BUF_INIT;
	snprintf(r->ref, sizeof r->ref, "%s", ref);
	r->line = line;
	return r;
}

static struct rec *
rec_find(struct found *f, const char *ref)
{
	size_t i;

	for (i = 0; i < f->n; i++)
		if (strcmp(f->r[i].ref, ref) == 0)
			return &f->r[i];
	return NULL;
}

/* t, beginning in lower case after a text s that ends without a full
 * stop, is the rest of s's sentence, cut by a page break. */
static int
continues(const char *s, const char *t)
{
	size_t n = strlen(s);

	return islower((unsigned char)t[0]) && n > 0 &&
	    strchr(".;:!?", s[n - 1]) == NULL;
}

/*
 * Append a block to a text as the data/ transcriptions do: paragraphs
 * apart by a blank line, list items of one list on lines of their own, a
 * paragraph that begins in lower case (a page break inside a sentence)
 * joined to the one before by a space.
 */
static void
text_add(struct buf *b, enum draft_block_kind *last,
    const struct draft_block *k, const char *t)
{
	char ref[24];

	if (b->len > 0) {
		if (k->kind == DB_PARA && *last == DB_PARA &&
		    continues(b->s, t))
			buf_addc(b, ' ');
		else if (k->kind == DB_ITEM && *last == DB_ITEM)
			buf_addc(b, '\n');
		else
			buf_adds(b, "\n\n");
	}
	if (k->kind == DB_ITEM) {
		draft_marker_ref(k->marker, ref, sizeof ref);
		if (ref[0] != '\0')
			buf_printf(b, "%s ", k->marker);
	}
	buf_adds(b, t);
	*last = k->kind;
}

/* t begins with one of the words (any case), then ':' or the end: the
 * rest, else NULL. */
static const char *
prefixed(const char *t, const char *const *words)
{
	size_t i, n;

	for (i = 0; words[i] != NULL; i++) {
		n = strlen(words[i]);
		if (strncasecmp(t, words[i], n) != 0)
			continue;
		if (t[n] == ':' || (t[n] == ' ' && t[n + 1] == '-')) {
			t += n + 1 + (t[n] == ' ');
			while (*t == ' ' || *t == '-')
				t++;
			return t;
		}
		if (t[n] == '\0')
			return t + n;
	}
	return NULL;
}

static const char *const w_response[] = { "response", "executive response",
	"cabinet response", "the executive's response", "executive's response",
	"cabinet's response", "mayor's response", "management response",
	"council response", "response from the executive", NULL };
static const char *const w_owner[] = { "lead officer", "lead officers",
	"responsible officer", "owner", "lead", "officer responsible",
	"lead officer/em", "responsible", "lead member", NULL };
static const char *const w_due[] = { "target date", "timescale",
	"timescales", "deadline", "due date", "target", "completion date",
	"by when", "timetable", "implementation date", NULL };
static const char *const w_decision[] = { "decision", NULL };

enum draft_col
draft_column(const char *h)
{
	static const char *const refs[] = { "ref", "ref.", "reference", "no",
	    "no.", "number", "#", "rec", "rec no", "rec no.", "rec ref",
	    "recommendation no", "recommendation no.", "recommendation number",
	    "recommendation ref", NULL };
	static const struct { const char *word; enum draft_col c; } has[] = {
		{ "last updated", DC_UPDATED }, { "date updated", DC_UPDATED },
		{ "update date", DC_UPDATED }, { "date of update", DC_UPDATED },
		{ "decision", DC_DECISION }, { "response", DC_RESPONSE },
		{ "lead officer", DC_OWNER }, { "owner", DC_OWNER },
		{ "responsible", DC_OWNER }, { "lead", DC_OWNER },
		{ "target", DC_DUE }, { "timescale", DC_DUE },
		{ "deadline", DC_DUE }, { "due date", DC_DUE },
		{ "by when", DC_DUE }, { "recommendation", DC_TEXT },
		{ "status", DC_STATUS }, { "rag", DC_STATUS },
		{ "action taken", DC_NOTE }, { "progress", DC_NOTE },
		{ "update", DC_NOTE }, { "comment", DC_NOTE },
		{ NULL, DC_NONE },
	};
	char w[64];
	size_t i, n = strlen(h);

	if (n >= sizeof w)
		return DC_NONE;
	memcpy(w, h, n + 1);
	while (n > 0 && (w[n - 1] == ':' || w[n - 1] == ' '))
		w[--n] = '\0';
	for (i = 0; refs[i] != NULL; i++)
		if (strcasecmp(w, refs[i]) == 0)
			return DC_REF;
	for (i = 0; has[i].word != NULL; i++)
		if (has_word(w, has[i].word))
			return has[i].c;
	return DC_NONE;
}

const char *
draft_column_key(const char *key)
{
	static const char *const map[][2] = { { "ref", "Ref" },
	    { "text", "Recommendation" }, { "response", "Response" },
	    { "decision", "Decision" }, { "owner", "Owner" },
	    { "due", "Target date" }, { "status", "Status" },
	    { "note", "Progress" }, { "updated", "Last updated" } };
	size_t i;

	for (i = 0; i < sizeof map / sizeof map[0]; i++)
		if (strcmp(key, map[i][0]) == 0)
			return map[i][1];
	return NULL;
}

const char *
draft_status(const char *word, const char **rag)
{
	static const struct { const char *word, *status, *rag; } map[] = {
		{ "complete", "implemented", "blue" },
		{ "completed", "implemented", "blue" },
		{ "achieved", "implemented", "blue" },
		{ "implemented", "implemented", "blue" },
		{ "done", "implemented", "blue" },
		{ "closed", "implemented", "blue" },
		{ "blue", "implemented", "blue" },
		{ "ongoing", "in-progress", NULL },
		{ "in progress", "in-progress", NULL },
		{ "in-progress", "in-progress", NULL },
		{ "underway", "in-progress", NULL },
		{ "started", "in-progress", NULL },
		{ "paused", "in-progress", NULL },
		{ "on hold", "in-progress", NULL },
		{ "on track", "in-progress", "green" },
		{ "green", "in-progress", "green" },
		{ "slipped", "in-progress", "amber" },
		{ "delayed", "in-progress", "amber" },
		{ "at risk", "in-progress", "amber" },
		{ "amber", "in-progress", "amber" },
		{ "off track", "in-progress", "red" },
		{ "red", "in-progress", "red" },
		{ "not implemented", "not-implemented", NULL },
		{ "not achieved", "not-implemented", NULL },
		{ "rejected", "rejected", NULL },
		{ "not agreed", "rejected", NULL },
		{ "withdrawn", "withdrawn", NULL },
		{ "superseded", "withdrawn", NULL },
		{ "accepted", "accepted", NULL },
		{ "agreed", "accepted", NULL },
	};
	char w[40];
	size_t i, n = strlen(word);

	*rag = NULL;
	while (n > 0 && strchr(". ", word[n - 1]) != NULL)
		n--;
	if (n == 0 || n >= sizeof w)
		return NULL;
	memcpy(w, word, n);
	w[n] = '\0';
	for (i = 0; i < sizeof map / sizeof map[0]; i++)
		if (strcasecmp(w, map[i].word) == 0) {
			*rag = map[i].rag;
			return map[i].status;
		}
	return NULL;
}

int
draft_field_line(const char *t)
{
	const char *const *lists[] = { w_response, w_owner, w_due, w_decision,
	    NULL };
	const char *v;
	size_t i;

	for (i = 0; lists[i] != NULL; i++)
		if ((v = prefixed(t, lists[i])) != NULL && v > t &&
		    strchr(t, ':') != NULL && strchr(t, ':') < v)
			return 1;
	return 0;
}

/* A marker of what follows: THE FINDING, THE EVIDENCE, THE
 * RECOMMENDATION (a block of its own). */
static enum mode
section_marker(const char *t)
{
	char w[40];
	size_t n;
	int the;

	if ((the = strncasecmp(t, "the ", 4) == 0))
		t += 4;
	n = strlen(t);
	if (n >= sizeof w)
		return M_NONE;
	memcpy(w, t, n + 1);
	while (n > 0 && (w[n - 1] == ':' || w[n - 1] == ' '))
		w[--n] = '\0';
	if (strcasecmp(w, "finding") == 0 || strcasecmp(w, "findings") == 0)
		return M_FIND;
	if (strcasecmp(w, "evidence") == 0)
		return M_EVID;
	/* "Recommendations" alone heads a list of them, not one's text */
	if (strcasecmp(w, "recommendation") == 0 || (the &&
	    strcasecmp(w, "recommendations") == 0))
		return M_TEXT;
	return M_NONE;
}

/* "5 Implications", "Background": a short line that heads a section. */
static int
heading_like(const struct draft_block *k)
{
	size_t n = strlen(k->text);
	const char *t = k->text;

	if (k->kind == DB_HEAD)
		return 1;
	if (k->kind != DB_PARA || k->marker[0] != '\0' || n > 80 || n == 0)
		return 0;
	if (strchr(".:;,?!", t[n - 1]) != NULL || islower((unsigned char)t[0]))
		return 0;
	while (isdigit((unsigned char)*t))
		t++;
	if (t == k->text)
		return 0;
	return *t == ' ' && isupper((unsigned char)t[1]);
}

static void
set_once(char **dst, const char *s)
{
	if (*dst == NULL && *s != '\0')
		*dst = xstrdup(s);
}

/* Owner, target date, decision lines: 1 when the block was one. */
static int
rec_field(struct rec *r, const char *t)
{
	const char *v;
	char date[11];

	if ((v = prefixed(t, w_owner)) != NULL && *v != '\0' &&
	    strlen(v) < 200) {
		set_once(&r->owner, v);
		return 1;
	}
	if ((v = prefixed(t, w_due)) != NULL && *v != '\0' && strlen(v) < 200) {
		if (r->due == NULL && r->due_raw == NULL) {
			if (draft_date(v, date) == 0)
				r->due = xstrdup(date);
			else
				r->due_raw = xstrdup(v);
		}
		return 1;
	}
	return 0;
}

/* A response, decision, owner or target line of cur: 1 when k was one. */
static int
rec_line(struct rec *cur, const struct draft_block *k, enum mode *mode,
    enum draft_block_kind *last)
{
	const char *v;

	if ((v = prefixed(k->text, w_response)) != NULL) {
		*mode = M_RESP;
		*last = DB_PARA;
		if (*v != '\0')
			text_add(&cur->response, last, k, v);
		return 1;
	}
	if ((v = prefixed(k->text, w_decision)) != NULL && *v != '\0') {
		set_once(&cur->note, v);
		return 1;
	}
	return rec_field(cur, k->text);
}

static void
split_parts(struct buf *b)
{
	struct buf o = BUF_INIT;
	char want = 'b';
	const char *p;

	if (strncmp(b->s, "(a) ", 4) != 0)
		return;
	for (p = b->s; *p != '\0'; p++) {
		if (p[0] == ' ' && p[1] == '(' && p[2] == want && p[3] == ')' &&
		    p[4] == ' ') {
			buf_adds(&o, "\n\n");
			want++;
			continue;
		}
		buf_addc(&o, *p);
	}
	if (want > 'b') {
		buf_release(b);
		*b = o;
	} else {
		buf_release(&o);
	}
}

/* The document's own statements before its first recommendation: 1 when
 * t was taken as the value of the one before it ("Date:" in a cell). */
static int
doc_field(struct found *f, const char *t)
{
	static const char *const w_title[] = { "subject", "title",
	    "report title", "title of report", NULL };
	static const char *const w_by[] = { "meeting of", "decision maker",
	    "decision-maker", NULL };
	static const char *const w_date[] = { "date", "date of meeting",
	    "meeting date", "date of decision", NULL };
	const char *v;
	char date[11];

	/* "Title of Report:" in one table cell, the title in the next */
	if (f->pending != NULL) {
		char **dst = f->pending;

		f->pending = NULL;
		if (draft_label(t, date, sizeof date) > 0 || strlen(t) > 300)
			return 0;	/* not a value: read as any block */
		if (dst == &f->date) {
			if (draft_date(t, date) == 0)
				set_once(dst, date);
		} else {
			set_once(dst, t);
		}
		return 1;
	}
	if ((v = prefixed(t, w_title)) != NULL)
		f->pending = &f->title;
	else if ((v = prefixed(t, w_by)) != NULL)
		f->pending = &f->by;
	else if ((v = prefixed(t, w_date)) != NULL)
		f->pending = &f->date;
	if (v == NULL || *v == '\0')
		return 0;
	f->pending = NULL;
	if (draft_date(v, date) == 0 && prefixed(t, w_date) != NULL)
		set_once(&f->date, date);
	else if (prefixed(t, w_title) != NULL)
		set_once(&f->title, v);
	else if (prefixed(t, w_by) != NULL)
		set_once(&f->by, v);
	return 0;
}

/* Is t a ref as a table's Ref column writes it ("1", "9a", "R3")? */
static int
plain_ref(const char *t)
{
	size_t i, n = strlen(t);

	if (n == 0 || n > 32 || !isalnum((unsigned char)t[0]))
		return 0;
	for (i = 0; i < n; i++)
		if (!isalnum((unsigned char)t[i]) && strchr(".()_-", t[i]) == NULL)
			return 0;
	return 1;
}

struct row {
	int rec;		/* this row is a recommendation's */
	size_t counter;		/* rows numbered in order, when no ref */
};

/* A cell of a table with headings: 1 when it was taken (or is to be
 * ignored), 0 when the finder reads it as any block. */
static int
table_cell(struct found *f, const struct draft_block *k, struct rec **cur,
    enum mode *mode, enum draft_block_kind *last, struct row *row)
{
	enum draft_col c = draft_column(k->column);
	const char *t = k->text;
	char ref[40], date[11];
	size_t l;

	if (c != DC_REF && c != DC_TEXT && (!row->rec || *cur == NULL))
		return c != DC_NONE;
	switch (c) {
	case DC_NONE:
		return 1;
	case DC_REF:
		if ((l = draft_label(t, ref, sizeof ref)) == 0 || t[l] != '\0') {
			if (!plain_ref(t))
				return 1;
			snprintf(ref, sizeof ref, "%s", t);
		}
		*cur = rec_find(f, ref);
		if (*cur == NULL)
			*cur = rec_new(f, ref, k->line);
		row->rec = 1;
		*mode = M_NONE;
		return 1;
	case DC_TEXT:
		if (!row->rec || *cur == NULL) {
			if ((l = draft_label(t, ref, sizeof ref)) > 0)
				t += l;
			else
				snprintf(ref, sizeof ref, "%zu",
				    ++row->counter);
			if ((*cur = rec_find(f, ref)) == NULL)
				*cur = rec_new(f, ref, k->line);
			row->rec = 1;
			*last = DB_PARA;
		}
		if ((*cur)->text.len == 0 || *mode == M_TEXT)
			text_add(&(*cur)->text, last, k, t);
		*mode = M_TEXT;
		return 1;
	case DC_RESPONSE:
		if (*mode != M_RESP)
			*last = DB_PARA;
		text_add(&(*cur)->response, last, k, t);
		*mode = M_RESP;
		return 1;
	case DC_DECISION:
		set_once(&(*cur)->note, t);
		return 1;
	case DC_OWNER:
		set_once(&(*cur)->owner, t);
		return 1;
	case DC_STATUS:
		set_once(&(*cur)->status, t);
		return 1;
	case DC_NOTE:
		if (*mode != M_NOTE)
			*last = DB_PARA;
		text_add(&(*cur)->progress, last, k, t);
		*mode = M_NOTE;
		return 1;
	case DC_UPDATED:
		if (draft_date(t, date) == 0 && date_valid(date))
			set_once(&(*cur)->updated, date);
		return 1;
	case DC_DUE:
		if ((*cur)->due == NULL && (*cur)->due_raw == NULL) {
			if (draft_date(t, date) == 0)
				(*cur)->due = xstrdup(date);
			else
				(*cur)->due_raw = xstrdup(t);
		}
		return 1;
	}
	return 0;
}

/* Recommendations the document labels ("Recommendation One", "R3"). */
static void
find_labelled(const struct draft_doc *d, struct found *f)
{
	struct rec *cur = NULL;
	enum mode mode = M_NONE;
	enum draft_block_kind last = DB_PARA;
	struct row row = { 0, 0 };
	size_t i, l;
	char ref[40];

	for (i = 0; i < d->n && !f->overflow; i++) {
		const struct draft_block *k = &d->b[i];
		const char *t = k->text;
		enum mode m;

		if (k->kind == DB_ROW) {
			if (row.rec)
				cur = NULL;
			row.rec = 0;
			continue;
		}
		if (k->column[0] != '\0' &&
		    table_cell(f, k, &cur, &mode, &last, &row))
			continue;

		if (f->pending != NULL && k->kind != DB_ROW &&
		    doc_field(f, t))
			continue;
		if (k->kind == DB_RULE) {
			if (cur != NULL && mode != M_HEAD)
				cur = NULL;
			continue;
		}
		if ((l = draft_label(t, ref, sizeof ref)) > 0) {
			struct rec *old = rec_find(f, ref);

			cur = old != NULL ? old : rec_new(f, ref, k->line);
			t += l;
			if (old != NULL && old->text.len > 0) {
				mode = M_SKIP;
			} else if (*t != '\0') {
				mode = M_TEXT;
				last = DB_PARA;
				buf_adds(&cur->text, t);
			} else {
				mode = M_HEAD;
			}
			continue;
		}
		if (cur == NULL) {
			if (f->n == 0)
				doc_field(f, t);
			continue;
		}
		if ((m = section_marker(t)) != M_NONE) {
			mode = m;
			last = DB_PARA;
			if (m == M_EVID && cur->evidence.len > 0)
				buf_adds(&cur->evidence, "\n\n");
			continue;
		}
		if (rec_line(cur, k, &mode, &last))
			continue;
		if (heading_like(k) && mode != M_HEAD) {
			cur = NULL;
			continue;
		}
		switch (mode) {
		case M_HEAD:
		case M_TEXT:
			text_add(&cur->text, &last, k, t);
			break;
		case M_FIND:
			texts_add(&cur->findings, xstrdup(t));
			break;
		case M_EVID:
			text_add(&cur->evidence, &last, k, t);
			break;
		case M_RESP:
			text_add(&cur->response, &last, k, t);
			break;
		default:
			break;
		}
	}
}

static int
has_word(const char *t, const char *w)
{
	size_t n = strlen(w);
	const char *p;

	for (p = t; *p != '\0'; p++)
		if (strncasecmp(p, w, n) == 0)
			return 1;
	return 0;
}

static int
mentions_recommendations(const char *t)
{
	return has_word(t, "recommendation");
}

static int
has_recommend(const char *t)
{
	return has_word(t, "recommend");
}

/* Recommendations as the items of a list under a heading that names
 * them ("Recommendations", "SBC recommendations"). */
static void
find_listed(const struct draft_doc *d, struct found *f)
{
	struct rec *cur = NULL;
	const char *section = NULL;
	enum mode mode = M_NONE;
	enum draft_block_kind last = DB_PARA;
	size_t i, counter = 0;
	int top = -1, lead_in = 0;
	char ref[40];

	for (i = 0; i < d->n && !f->overflow; i++) {
		const struct draft_block *k = &d->b[i];
		const char *t = k->text;

		if (f->pending != NULL && k->kind != DB_ROW &&
		    doc_field(f, t))
			continue;
		if (k->kind == DB_RULE || k->kind == DB_ROW)
			continue;
		if (heading_like(k) || (k->kind == DB_PARA &&
		    k->marker[0] == '\0' && strlen(t) <= 80 &&
		    strchr(".:;,", t[strlen(t) - 1]) == NULL &&
		    isupper((unsigned char)t[0]))) {
			if (mentions_recommendations(t)) {
				section = t;
				lead_in = 0;
				top = -1;
			} else if (section != NULL) {
				section = NULL;
			}
			cur = NULL;
			continue;
		}
		if (k->kind == DB_PARA && k->marker[0] == '\0' &&
		    t[strlen(t) - 1] == ':' && has_recommend(t)) {
			/* "The Committee recommends:", "Recommendations:
			 * That the Committee resolves to:" */
			section = t;
			lead_in = 1;
			top = -1;
			cur = NULL;
			continue;
		}
		if (section == NULL) {
			if (f->n == 0)
				doc_field(f, t);
			continue;
		}
		if (k->kind == DB_ITEM && (top < 0 || k->indent <= top)) {
			top = k->indent;
			draft_marker_ref(k->marker, ref, sizeof ref);
			if (ref[0] == '\0')
				snprintf(ref, sizeof ref, "%zu", ++counter);
			if (rec_find(f, ref) != NULL) {
				/* the count so far: unique at once, but for
				 * a ref written so on purpose */
				size_t base = strlen(ref), again = f->n + 1;

				do
					snprintf(ref + base, sizeof ref - base,
					    "-%zu", again++);
				while (rec_find(f, ref) != NULL &&
				    again < 2 * DRAFT_MAX_RECS);
			}
			cur = rec_new(f, ref, k->line);
			cur->section = xstrdup(section);
			buf_adds(&cur->text, t);
			last = DB_ITEM;
			mode = M_TEXT;
			continue;
		}
		if (cur == NULL)
			continue;
		if (rec_line(cur, k, &mode, &last))
			continue;
		if (k->kind == DB_ITEM || continues(cur->text.s, t) ||
		    mode == M_RESP) {
			/* a sub-item, or the rest of a sentence */
			if (mode == M_RESP)
				text_add(&cur->response, &last, k, t);
			else if (k->kind == DB_ITEM) {
				struct draft_block sub = *k;

				sub.kind = DB_ITEM;
				text_add(&cur->text, &last, &sub, t);
			} else {
				buf_addc(&cur->text, ' ');
				buf_adds(&cur->text, t);
			}
			continue;
		}
		/* a paragraph after the list ends it */
		cur = NULL;
		if (lead_in) {
			section = NULL;
			lead_in = 0;
		}
	}
}

/* YAML: key: "text" on one line. */
static void
put_kv(FILE *fp, int ind, const char *key, const char *v,
    const char *comment)
{
	struct buf b = BUF_INIT;

	esc_json(&b, v);
	fprintf(fp, "%*s%s: %s", ind, "", key, b.s);
	if (comment != NULL)
		fprintf(fp, "  # %s", comment);
	fputc('\n', fp);
	buf_release(&b);
}

/* YAML: a literal block, each line of the text indented. The text has
 * no line with leading or trailing spaces (the readers collapse them). */
static void
put_block(FILE *fp, int ind, const char *key, const char *s)
{
	const char *p = s;

	if (key != NULL)
		fprintf(fp, "%*s%s: |-\n", ind, "", key);
	else
		fprintf(fp, "%*s- |-\n", ind, "");
	while (*p != '\0') {
		const char *nl = strchr(p, '\n');
		size_t n = nl != NULL ? (size_t)(nl - p) : strlen(p);

		if (n > 0)
			fprintf(fp, "%*s%.*s\n", ind + 2, "", (int)n, p);
		else
			fputc('\n', fp);
		p += n + (nl != NULL);
	}
}

/* A text as YAML comment lines. */
static void
put_comment(FILE *fp, int ind, const char *prefix, const char *s)
{
	const char *p = s;

	while (*p != '\0') {
		const char *nl = strchr(p, '\n');
		size_t n = nl != NULL ? (size_t)(nl - p) : strlen(p);

		fprintf(fp, "%*s#%s%.*s\n", ind, "", n > 0 ? prefix : "",
		    (int)n, p);
		p += n + (nl != NULL);
	}
}

/* A tracker's status and progress: an update when its date is known (a
 * column, or --date), else comments for the person. */
static void
write_update(FILE *fp, const struct found *f, const struct rec *r)
{
	const char *status = NULL, *rag = NULL, *date = r->updated;
	struct buf note = BUF_INIT, q = BUF_INIT;

	if (r->status == NULL && r->progress.len == 0)
		return;
	if (date == NULL)
		date = f->opts_date;
	if (r->status != NULL) {
		status = draft_status(r->status, &rag);
		buf_printf(&note, "Status: %s", r->status);
	}
	if (r->progress.len > 0) {
		if (note.len > 0)
			buf_adds(&note, "\n\n");
		buf_adds(&note, r->progress.s);
	}
	if (r->status != NULL) {
		esc_json(&q, r->status);
		if (status == NULL)
			fprintf(fp, "        # check: the tracker's status %s is "
			    "not one rectrack can map: write the update\n",
			    q.s);
	}
	if (status == NULL || date == NULL) {
		if (status != NULL)
			fprintf(fp, "        # check: the tracker's status %s "
			    "is %s%s%s; its date is not stated:\n        # "
			    "give it (draft --date DATE), or write the update "
			    "below by hand\n", q.s, status, rag != NULL ?
			    ", RAG " : "", rag != NULL ? rag : "");
		fprintf(fp, "        # updates:\n        #   - note: |-\n");
		put_comment(fp, 8, "       ", note.s);
	} else {
		fprintf(fp, "        updates:\n");
		put_kv(fp, 10, "- date", date, f->opts_date != NULL &&
		    r->updated == NULL ? "check: the date given to draft" :
		    NULL);
		{
			struct buf c = BUF_INIT;

			buf_printf(&c, "check: from the tracker's %s", q.s);
			put_kv(fp, 12, "status", status, c.s);
			buf_release(&c);
		}
		if (rag != NULL)
			put_kv(fp, 12, "rag", rag, NULL);
		put_block(fp, 12, "note", note.s);
	}
	buf_release(&note);
	buf_release(&q);
}

static void
write_rec(FILE *fp, const struct found *f, const struct rec *r)
{
	const char *decision = NULL, *words = NULL;
	struct buf c = BUF_INIT;
	size_t i;

	buf_printf(&c, "line %zu", r->line);
	if (r->section != NULL)
		buf_printf(&c, ", under \"%s\"", r->section);
	put_kv(fp, 6, "- ref", r->ref, c.s);
	buf_release(&c);
	put_block(fp, 8, "text", r->text.s);
	if (r->findings.n > 0) {
		fprintf(fp, "        findings:\n");
		for (i = 0; i < r->findings.n; i++)
			put_block(fp, 10, NULL, r->findings.s[i]);
	}
	if (r->evidence.len > 0) {
		fprintf(fp, "        evidence:\n"
		    "          # check: name the source in the title; cite "
		    "the review's evidence ids\n");
		fprintf(fp, "          - kind: other\n");
		put_kv(fp, 12, "title", "THE EVIDENCE", NULL);
		put_block(fp, 12, "text", r->evidence.s);
	}
	if (r->owner != NULL)
		put_kv(fp, 8, "owner", r->owner, "check: as the document "
		    "names the lead");
	/* a month as the document gives it (format.md "Dates to the
	 * month") */
	if (r->due != NULL)
		put_kv(fp, 8, "due", r->due, date_valid(r->due) ? NULL :
		    "check: stated as a month, which means its last day");
	else if (r->due_raw != NULL) {
		struct buf b = BUF_INIT;

		esc_json(&b, r->due_raw);
		fprintf(fp, "        # check: the target is stated as %s, "
		    "not a date: write due: YYYY-MM-DD or YYYY-MM\n", b.s);
		buf_release(&b);
	}
	write_update(fp, f, r);
	if (r->response.len == 0)
		return;
	decision = draft_decision(r->note != NULL ? r->note : r->response.s,
	    &words);
	if (decision == NULL) {
		fprintf(fp, "        # check: the response below states no "
		    "decision rectrack can map (%s);\n        # write "
		    "decision: accepted, accepted-in-principle, "
		    "partially-accepted,\n        # noted, deferred or "
		    "rejected, then remove '# ' from the start of its lines\n",
		    words != NULL ? words : "no decision word found");
		if (r->note != NULL)
			fprintf(fp, "        # the document's decision: %s\n",
			    r->note);
		fprintf(fp, "        # response:\n");
		if (f->date != NULL)
			fprintf(fp, "        #   date: %s\n", f->date);
		if (f->by != NULL)
			fprintf(fp, "        #   by: %s\n", f->by);
		fprintf(fp, "        #   text: |-\n");
		put_comment(fp, 8, "     ", r->response.s);
		return;
	}
	fprintf(fp, "        response:\n");
	if (f->date != NULL)
		put_kv(fp, 10, "date", f->date, "check: the date of the "
		    "meeting the document states");
	if (f->by != NULL)
		put_kv(fp, 10, "by", f->by, NULL);
	{
		struct buf w = BUF_INIT;

		buf_printf(&w, "check: from the words \"%s\"", words);
		put_kv(fp, 10, "decision", decision, w.s);
		buf_release(&w);
	}
	put_block(fp, 10, "text", r->response.s);
}

static void
rec_free(struct rec *r)
{
	buf_release(&r->text);
	buf_release(&r->evidence);
	buf_release(&r->response);
	texts_free(&r->findings);
	free(r->owner);
	free(r->due);
	free(r->due_raw);
	free(r->section);
	free(r->note);
	free(r->status);
	free(r->updated);
	buf_release(&r->progress);
}

static void
found_free(struct found *f)
{
	size_t i;

	for (i = 0; i < f->n; i++)
		rec_free(&f->r[i]);
	rec_free(&f->spare);
	free(f->r);
	texts_free(&f->notes);
	free(f->title);
	free(f->by);
	free(f->date);
}

long
draft_write(const struct draft_doc *d, const struct draft_opts *o, FILE *fp)
{
	struct found f;
	struct buf name = BUF_INIT;
	size_t i, kept = 0;
	const char *how = "labelled";

	memset(&f, 0, sizeof f);
	f.opts_date = o->date;
	find_labelled(d, &f);
	for (i = 0; i < f.n && f.r[i].text.len == 0; i++)
		;
	if (i == f.n && !f.overflow) {
		/* none labelled, or only refs with no text (an agenda's
		 * numbers): the lists under a heading, then */
		found_free(&f);
		memset(&f, 0, sizeof f);
		f.opts_date = o->date;
		find_listed(d, &f);
		how = "listed under a heading that names them";
	}
	if (d->full || f.overflow) {
		error("%s: more than %u %s: draft reads one committee paper "
		    "or tracker at a time", o->file, d->full ?
		    DRAFT_MAX_BLOCKS : DRAFT_MAX_RECS, d->full ?
		    "paragraphs" : "recommendations");
		found_free(&f);
		return -1;
	}
	for (i = 0; i < f.n; i++) {
		split_parts(&f.r[i].text);
		if (f.r[i].text.len > 0)
			kept++;
	}
	text_clean_line(&name, o->file);
	fprintf(fp, "# A draft made by rectrack draft from %s: %zu "
	    "recommendation%s found (%s).\n", name.s, kept,
	    kept == 1 ? "" : "s", kept > 0 ? how : "none");
	buf_release(&name);
	fprintf(fp, "# Check it against the document: every line marked "
	    "'# check:', every text\n# verbatim, nothing missed. Then: "
	    "rectrack check FILE && rectrack import FILE\n");
	fprintf(fp, "format: rectrack/1\ncommittee:\n");
	if (o->committee != NULL) {
		put_kv(fp, 2, "id", o->committee, NULL);
		fprintf(fp, "  # check: the committee's name and authority "
		    "as held (an import replaces them)\n");
		put_kv(fp, 2, "name", o->committee, NULL);
		put_kv(fp, 2, "authority", o->committee, NULL);
	} else {
		fprintf(fp, "  # check: give the committee's id "
		    "(rectrack draft --committee ID)\n");
		put_kv(fp, 2, "id", "<committee-id>", NULL);
		put_kv(fp, 2, "name", "<committee name>", "check");
		put_kv(fp, 2, "authority", "<council>", "check");
	}
	fprintf(fp, "reviews:\n");
	if (o->review != NULL) {
		put_kv(fp, 2, "- id", o->review, NULL);
	} else {
		fprintf(fp, "  # check: give the review's id "
		    "(rectrack draft --review ID)\n");
		put_kv(fp, 2, "- id", "<review-id>", NULL);
	}
	put_kv(fp, 4, "title", f.title != NULL ? f.title : o->review != NULL ?
	    o->review : "<review title>", "check: the review's title");
	if (kept == 0) {
		fprintf(fp, "    # no recommendation found: none is labelled "
		    "(\"Recommendation 1\", \"R1\") nor listed\n    # under "
		    "a heading that names recommendations\n");
	} else {
		fprintf(fp, "    recommendations:\n");
	}
	for (i = 0; i < f.n; i++) {
		if (f.r[i].text.len == 0) {
			fprintf(fp, "      # check: '%s' at line %zu has no "
			    "text after it; left out\n", f.r[i].ref,
			    f.r[i].line);
			continue;
		}
		write_rec(fp, &f, &f.r[i]);
	}
	found_free(&f);
	return (long)kept;
}
