#include "recload.h"

#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "xmalloc.h"

/*
 * The strings of a loaded recommendation live in a chain of blocks that
 * rec_load() refills from the first each time: a string never moves once
 * copied (the arrays only hold pointers to it), and a holder reused for
 * many recommendations stops allocating once its blocks fit the largest.
 */
#define BLOCK_SIZE	16384

struct rec_block {
	struct rec_block *next;
	size_t used, size;
	char data[];
};

static char *
store_alloc(struct rec_loaded *h, size_t n)
{
	struct rec_block *b = h->cur, *nb, **link;

	while (b != NULL && b->size - b->used < n) {
		/* a later block, already allocated, may have room */
		b = b->next;
		if (b != NULL)
			b->used = 0;
	}
	if (b == NULL) {
		nb = xmalloc(sizeof *nb + (n > BLOCK_SIZE ? n : BLOCK_SIZE));
		nb->size = n > BLOCK_SIZE ? n : BLOCK_SIZE;
		nb->used = 0;
		nb->next = NULL;
		for (link = &h->blocks; *link != NULL; link = &(*link)->next)
			;
		*link = nb;
		b = nb;
	}
	h->cur = b;
	b->used += n;
	return b->data + b->used - n;
}

/* Column i's text, copied into h's storage; NULL for SQL NULL. */
static const char *
col(struct rec_loaded *h, sqlite3_stmt *st, int i)
{
	const unsigned char *s = sqlite3_column_text(st, i);
	size_t n;
	char *p;

	if (s == NULL)
		return NULL;
	n = (size_t)sqlite3_column_bytes(st, i);
	p = store_alloc(h, n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

/* Room for one more element in an array of the holder. */
#define GROW(arr, n, cap) do {						\
	if ((n) == (cap))						\
		(arr) = xgrow((arr), &(cap), (n) + 1, sizeof *(arr));	\
} while (0)

static int
load_findings(struct rec_loaded *h, sqlite3_stmt *st)
{
	struct strlist *l = &h->rec.findings;
	int rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		GROW(l->v, l->n, h->cap_findings);
		l->v[l->n++] = col(h, st, 0);
	}
	l->stated = 1;
	return rc == SQLITE_DONE ? 0 : -1;
}

static int
load_evidence(struct rec_loaded *h, sqlite3_stmt *st)
{
	struct rec_rec *r = &h->rec;
	struct evidence_rec *e;
	int rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		GROW(r->evidence, r->nevidence, h->cap_evidence);
		e = &r->evidence[r->nevidence++];
		e->eid = col(h, st, 1);
		e->ref = sqlite3_column_int(st, 0) ? e->eid : NULL;
		e->kind = col(h, st, 2);
		e->title = col(h, st, 3);
		e->date = col(h, st, 4);
		e->text = col(h, st, 5);
		e->url = col(h, st, 6);
	}
	r->evidence_stated = 1;
	return rc == SQLITE_DONE ? 0 : -1;
}

static int
is_cli(sqlite3_stmt *st, int i)
{
	const char *s = (const char *)sqlite3_column_text(st, i);

	return s != NULL && strcmp(s, "cli") == 0;
}

/* An actions row, its texts copied into h's storage when h is not NULL,
 * else borrowed from st. */
static void
action_row(struct rec_loaded *h, sqlite3_stmt *st, struct action_rec *a)
{
	memset(a, 0, sizeof *a);
	a->num = sqlite3_column_int64(st, 0);
	a->aid = h != NULL ? col(h, st, 1) : db_col(st, 1);
	a->text = h != NULL ? col(h, st, 2) : db_col(st, 2);
	a->owner = h != NULL ? col(h, st, 3) : db_col(st, 3);
	a->due = h != NULL ? col(h, st, 4) : db_col(st, 4);
	a->status = h != NULL ? col(h, st, 5) : db_col(st, 5);
	a->note = h != NULL ? col(h, st, 6) : db_col(st, 6);
	a->cli = is_cli(st, 7);
	a->status_date = h != NULL ? col(h, st, 8) : db_col(st, 8);
}

void
rec_action_row(sqlite3_stmt *st, struct action_rec *a)
{
	action_row(NULL, st, a);
}

static int
load_actions(struct rec_loaded *h, sqlite3_stmt *st)
{
	struct response_rec *p = &h->response;
	int rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		GROW(p->actions, p->nactions, h->cap_actions);
		action_row(h, st, &p->actions[p->nactions++]);
	}
	return rc == SQLITE_DONE ? 0 : -1;
}

static int
load_replaced(struct rec_loaded *h, sqlite3_stmt *st)
{
	struct response_rec *p = &h->response;
	struct replaced_rec *x;
	int rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		GROW(p->replaced, p->nreplaced, h->cap_replaced);
		x = &p->replaced[p->nreplaced++];
		x->date = col(h, st, 0);
		x->by = col(h, st, 1);
		x->decision = col(h, st, 2);
		x->text = col(h, st, 3);
		x->replaced_on = col(h, st, 4);
		x->replaced_by = col(h, st, 5);
		x->interim = sqlite3_column_int(st, 6) != 0;
	}
	return rc == SQLITE_DONE ? 0 : -1;
}

/* The response; 1 when there is one. */
static int
load_response(struct rec_loaded *h, sqlite3_stmt *st)
{
	struct response_rec *p = &h->response;
	int rc;

	if ((rc = sqlite3_step(st)) != SQLITE_ROW)
		return rc == SQLITE_DONE ? 0 : -1;
	p->date = col(h, st, 0);
	p->by = col(h, st, 1);
	p->decision = col(h, st, 2);
	p->text = col(h, st, 3);
	p->cli = is_cli(st, 4);
	h->rec.response = p;
	return 1;
}

/* Each update a retraction withdrew, marked with the retraction's num
 * (the earliest stored, should a database hold two). */
static void
mark_retracted(struct rec_rec *r)
{
	size_t i, j;

	for (i = 0; i < r->nupdates; i++) {
		const struct update_rec *x = &r->updates[i];

		for (j = 0; x->retracts_num != 0 && j < r->nupdates; j++) {
			struct update_rec *w = &r->updates[j];

			if (w->num == x->retracts_num && (w->retracted_by == 0 ||
			    w->retracted_by > x->num))
				w->retracted_by = x->num;
		}
	}
}

static int
load_updates(struct rec_loaded *h, sqlite3_stmt *st)
{
	struct rec_rec *r = &h->rec;
	struct update_rec *u;
	int rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		GROW(r->updates, r->nupdates, h->cap_updates);
		u = &r->updates[r->nupdates++];
		u->date = col(h, st, 0);
		u->status = col(h, st, 1);
		u->due = col(h, st, 2);
		u->by = col(h, st, 3);
		u->note = col(h, st, 4);
		u->forced = sqlite3_column_int(st, 5) != 0;
		u->recorded = col(h, st, 6);
		u->rag = col(h, st, 7);
		u->signed_off = sqlite3_column_int(st, 8) != 0;
		u->num = sqlite3_column_int64(st, 9);
		memset(&u->retracts, 0, sizeof u->retracts);
		u->retracts_line = u->retracts_col = 0;
		u->retracts_num = sqlite3_column_int64(st, 10);
		if (u->retracts_num != 0) {
			u->retracts.date = col(h, st, 11);
			u->retracts.recorded = col(h, st, 12);
			u->retracts.status = col(h, st, 13);
			u->retracts.due = col(h, st, 14);
			u->retracts.note = col(h, st, 15);
			u->retracts.by = col(h, st, 16);
			u->retracts.rag = col(h, st, 17);
			u->retracts.signed_off =
			    sqlite3_column_int(st, 18) != 0;
			u->retracts.forced = sqlite3_column_int(st, 19) != 0;
			u->retracts.given = UK_ALL;
		}
		u->retracted_by = 0;
	}
	if (rc != SQLITE_DONE)
		return -1;
	mark_retracted(r);
	return 0;
}

static int
load_row(struct rec_loaded *h, sqlite3_stmt *st)
{
	struct rec_rec *r = &h->rec;
	int rc, c = 6;

	if ((rc = sqlite3_step(st)) != SQLITE_ROW)
		return rc == SQLITE_DONE ? 0 : -1;
	r->cli_fields = (unsigned)sqlite3_column_int(st, 0) &
	    (CLI_OWNER | CLI_ADDRESSEE | CLI_DUE);
	h->review_id = sqlite3_column_int64(st, 1);
	h->committee_id = sqlite3_column_int64(st, 2);
	h->rid = col(h, st, 3);
	h->cid = col(h, st, 4);
	r->ref = col(h, st, 5);
#define LOAD(f, label)	r->f = col(h, st, c++);
	REC_ROW_TEXTS(LOAD)
#undef LOAD
	return 1;
}

/* Empty h for the next recommendation, keeping its memory. */
static void
reset(struct rec_loaded *h)
{
	struct rec_rec *r = &h->rec;
	struct response_rec *p = &h->response;
	struct action_rec *actions = p->actions;
	struct replaced_rec *replaced = p->replaced;
	struct evidence_rec *evidence = r->evidence;
	struct update_rec *updates = r->updates;
	const char **findings = r->findings.v;

	memset(r, 0, sizeof *r);
	memset(p, 0, sizeof *p);
	r->findings.v = findings;
	r->evidence = evidence;
	r->updates = updates;
	p->actions = actions;
	p->replaced = replaced;
	h->id = h->review_id = h->committee_id = 0;
	h->rid = h->cid = NULL;
	h->cur = h->blocks;
	if (h->cur != NULL)
		h->cur->used = 0;
}

/* Run part, the statement sid bound to the recommendation's id. */
static int
part(rec_stmt_fn *stmt, void *src, enum stmt_id sid, long long rec_id,
    struct rec_loaded *h, int (*fn)(struct rec_loaded *, sqlite3_stmt *))
{
	sqlite3_stmt *st = stmt(src, sid);
	int rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, rec_id);
	rc = fn(h, st);
	sqlite3_reset(st);
	return rc;
}

int
rec_load_from(rec_stmt_fn *stmt, void *src, long long rec_id,
    unsigned parts, struct rec_loaded *h)
{
	int rc;

	reset(h);
	if ((rc = part(stmt, src, ST_LOAD_REC, rec_id, h, load_row)) <= 0)
		return rc;
	h->id = rec_id;
	if ((parts & REC_LOAD_FINDINGS) && part(stmt, src, ST_LOAD_FINDINGS,
	    rec_id, h, load_findings) < 0)
		return -1;
	if ((parts & REC_LOAD_EVIDENCE) && part(stmt, src, ST_LOAD_EVIDENCE,
	    rec_id, h, load_evidence) < 0)
		return -1;
	if (parts & REC_LOAD_RESPONSE) {
		if ((rc = part(stmt, src, ST_LOAD_RESPONSE, rec_id, h,
		    load_response)) < 0)
			return -1;
		if (rc > 0 && (part(stmt, src, ST_LOAD_ACTIONS, rec_id, h,
		    load_actions) < 0 || ((parts & REC_LOAD_REPLACED) &&
		    part(stmt, src, ST_LOAD_REPLACED, rec_id, h,
		    load_replaced) < 0)))
			return -1;
	}
	if ((parts & REC_LOAD_UPDATES) && part(stmt, src, ST_LOAD_UPDATES,
	    rec_id, h, load_updates) < 0)
		return -1;
	return 1;
}

static sqlite3_stmt *
db_src_stmt(void *db, enum stmt_id id)
{
	return db_stmt(db, id);
}

int
rec_load(struct db *db, long long rec_id, struct rec_loaded *h)
{
	int rc = rec_load_from(db_src_stmt, db, rec_id, REC_LOAD_ALL, h);

	if (rc < 0)
		return db_error(db, "read failed");
	return rc;
}

void
rec_loaded_free(struct rec_loaded *h)
{
	struct rec_block *b, *next;

	free(h->rec.findings.v);
	free(h->rec.evidence);
	free(h->rec.updates);
	free(h->response.actions);
	free(h->response.replaced);
	for (b = h->blocks; b != NULL; b = next) {
		next = b->next;
		free(b);
	}
	memset(h, 0, sizeof *h);
}
