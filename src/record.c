#include "record.h"

#include <stdlib.h>
#include <string.h>

void
record_review_free(struct review_rec *r)
{
	size_t i;

	for (i = 0; i < r->nrecs; i++) {
		struct rec_rec *x = &r->recs[i];

		free(x->findings.v);
		free(x->evidence);
		if (x->response != NULL) {
			free(x->response->actions);
			free(x->response->replaced);
		}
		free(x->response);
		free(x->updates);
	}
	free(r->recs);
	free(r->catalogue);
	free(r->members.v);
	free(r->commendations.v);
	memset(r, 0, sizeof *r);
}

void
record_meeting_free(struct meeting_rec *m)
{
	free(m->actions);
	free(m->resolved.v);
	memset(m, 0, sizeof *m);
}

int
record_text_same(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return strcmp(a, b) == 0;
}

#define EQ(f)	record_text_same(a->f, b->f)

int
record_list_same(const struct strlist *a, const struct strlist *b)
{
	size_t i;

	if (a->n != b->n)
		return 0;
	for (i = 0; i < a->n; i++)
		if (!EQ(v[i]))
			return 0;
	return 1;
}

int
record_action_same(const struct action_rec *a, const struct action_rec *b)
{
	return EQ(aid) && EQ(text) && EQ(owner) && EQ(due) && EQ(status) &&
	    EQ(status_date) && EQ(note) && a->cli == b->cli;
}

int
record_evidence_same(const struct evidence_rec *a,
    const struct evidence_rec *b)
{
	if (a->ref != NULL || b->ref != NULL)
		return EQ(ref);
	return EQ(eid) && EQ(kind) && EQ(title) && EQ(date) && EQ(text) &&
	    EQ(url);
}

/* Both withdraw none, or both name an update of the same content. */
static int
key_same(const struct update_key *a, const struct update_key *b)
{
	if ((a->given == 0) != (b->given == 0))
		return 0;
	return a->given == 0 || (EQ(date) && EQ(status) && EQ(due) &&
	    EQ(by) && EQ(note) && EQ(recorded) && EQ(rag) &&
	    a->forced == b->forced && a->signed_off == b->signed_off);
}

int
record_update_same(const struct update_rec *a, const struct update_rec *b)
{
	return EQ(date) && EQ(status) && EQ(due) && EQ(by) && EQ(note) &&
	    EQ(recorded) && EQ(rag) && a->forced == b->forced &&
	    a->signed_off == b->signed_off &&
	    key_same(&a->retracts, &b->retracts);
}

const char *
record_key_differs(const struct update_key *k, const struct update_rec *u,
    int *missing)
{
	const char *const name[] = {
		"date", "status", "due", "by", "note", "recorded", "rag",
	};
	const char *const fk[] = { k->date, k->status, k->due, k->by,
		k->note, k->recorded, k->rag };
	const char *const fu[] = { u->date, u->status, u->due, u->by,
		u->note, u->recorded, u->rag };
	size_t i;

	for (i = 0; i < sizeof name / sizeof name[0]; i++)
		if (!record_text_same(fk[i], fu[i])) {
			*missing = fk[i] == NULL;
			return name[i];
		}
	if (k->signed_off != u->signed_off) {
		*missing = !k->signed_off;
		return "signed_off";
	}
	if (k->forced != u->forced) {
		*missing = !k->forced;
		return "forced";
	}
	return NULL;
}

int
record_key_matches(const struct update_key *k, const struct update_rec *u)
{
	int missing;

	return record_key_differs(k, u, &missing) == NULL;
}

void
record_key_of(struct update_key *k, const struct update_rec *u)
{
	k->date = u->date;
	k->status = u->status;
	k->due = u->due;
	k->by = u->by;
	k->note = u->note;
	k->recorded = u->recorded;
	k->rag = u->rag;
	k->forced = u->forced;
	k->signed_off = u->signed_off;
	k->given = UK_ALL;
}

int
record_update_counts(const struct update_rec *u)
{
	return u->retracts_num == 0 && u->retracted_by == 0;
}

size_t
record_update_number(const struct rec_rec *r, long long num)
{
	size_t i;

	for (i = 0; num != 0 && i < r->nupdates; i++)
		if (r->updates[i].num == num)
			return i + 1;
	return 0;
}

int
record_replaced_same(const struct replaced_rec *a,
    const struct replaced_rec *b)
{
	return EQ(date) && EQ(by) && EQ(decision) && EQ(text) &&
	    EQ(replaced_on) && EQ(replaced_by) && a->interim == b->interim;
}

int
record_response_same(const struct response_rec *a,
    const struct response_rec *b)
{
	size_t i;

	if (a == NULL || b == NULL)
		return a == b;
	if (!(EQ(date) && EQ(by) && EQ(decision) && EQ(text)) ||
	    a->cli != b->cli || a->nactions != b->nactions ||
	    a->nreplaced != b->nreplaced)
		return 0;
	for (i = 0; i < a->nactions; i++)
		if (!record_action_same(&a->actions[i], &b->actions[i]))
			return 0;
	for (i = 0; i < a->nreplaced; i++)
		if (!record_replaced_same(&a->replaced[i], &b->replaced[i]))
			return 0;
	return 1;
}

int
record_rec_same(const struct rec_rec *a, const struct rec_rec *b)
{
	size_t i;

#define ALSO(f, label)	&& EQ(f)
	if (!(EQ(ref) REC_ROW_TEXTS(ALSO)) || a->cli_fields != b->cli_fields ||
	    !record_list_same(&a->findings, &b->findings) ||
	    a->nevidence != b->nevidence || a->nupdates != b->nupdates ||
	    !record_response_same(a->response, b->response))
		return 0;
	for (i = 0; i < a->nevidence; i++)
		if (!record_evidence_same(&a->evidence[i], &b->evidence[i]))
			return 0;
	for (i = 0; i < a->nupdates; i++)
		if (!record_update_same(&a->updates[i], &b->updates[i]))
			return 0;
	return 1;
#undef ALSO
}
#undef EQ

int
retract_early_ok(const char *date, const char *recorded)
{
	return date != NULL && recorded != NULL &&
	    strncmp(date, recorded, 10) > 0;
}
