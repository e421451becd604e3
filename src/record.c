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

int
record_update_same(const struct update_rec *a, const struct update_rec *b)
{
	return EQ(date) && EQ(status) && EQ(due) && EQ(by) && EQ(note) &&
	    EQ(recorded) && EQ(rag) && a->forced == b->forced &&
	    a->signed_off == b->signed_off;
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

#define ALSO(f)	&& EQ(f)
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
