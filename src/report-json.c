#include <stdio.h>

#include "buf.h"
#include "emit.h"
#include "report.h"
#include "vocab.h"

static void
json_handles(struct emit *e, const struct report *rp, const char *key,
    enum report_list which)
{
	const struct rcommittee *c;
	const struct rreview *v;
	const struct rrec *x;

	emit_key(e, key);
	emit_seq_begin(e);
	FOR_RECS(rp, c, v, x)
		if (report_in_list(x, which))
			emit_str(e, x->handle);
	emit_seq_end(e);
}

static void
json_rag_changes(struct emit *e, const struct report *rp)
{
	const struct rcommittee *c;
	const struct rreview *v;
	const struct rrec *x;

	emit_key(e, "rag_changes");
	emit_seq_begin(e);
	FOR_RECS(rp, c, v, x) {
		if (!report_in_list(x, LIST_RAG_CHANGED))
			continue;
		emit_map_begin(e);
		emit_kv(e, "handle", x->handle);
		emit_kv(e, "from", x->rag_then);
		emit_kv(e, "to", x->rag);
		emit_map_end(e);
	}
	emit_seq_end(e);
}

static void
json_rec(struct emit *e, const struct rrec *x)
{
	size_t i;

	emit_map_begin(e);
	emit_kv(e, "handle", x->handle);
	emit_kv(e, "ref", x->ref);
	emit_knull(e, "title", x->title);
	emit_kv(e, "text", x->text);
	emit_kv(e, "status", x->status);
	emit_kv(e, "rag", x->rag);
	emit_kv(e, "rag_reason", x->rag_reason);
	emit_knull(e, "stated_rag", x->stated_rag);
	emit_knull(e, "owner", x->owner);
	if (x->has_response) {
		emit_key(e, "response");
		emit_map_begin(e);
		emit_knull(e, "decision", x->decision);
		emit_knull(e, "date", x->response_date);
		emit_knull(e, "by", x->response_by);
		emit_knull(e, "text", x->response_text);
		emit_key(e, "actions");
		emit_seq_begin(e);
		for (i = 0; i < x->nactions; i++) {
			const struct raction *a = &x->actions[i];

			emit_map_begin(e);
			emit_knull(e, "id", a->aid);
			emit_kv(e, "text", a->text);
			emit_knull(e, "owner", a->owner);
			emit_knull(e, "due", a->due);
			emit_kv(e, "status", a->status ? a->status : "open");
			emit_knull(e, "status_date", a->status_date);
			emit_map_end(e);
		}
		emit_seq_end(e);
		emit_map_end(e);
	} else
		emit_knull(e, "response", NULL);
	emit_knull(e, "response_due", x->response_due[0] ? x->response_due :
	    NULL);
	emit_knull(e, "first_due", x->first_due);
	emit_knull(e, "due", x->due);
	emit_kint(e, "slipped", x->slipped);
	emit_key(e, "due_moves");
	emit_seq_begin(e);
	for (i = 0; i < x->nmoves; i++) {
		const struct rmove *m = &x->moves[i];

		emit_map_begin(e);
		emit_kv(e, "date", m->date);
		emit_knull(e, "from", m->from);
		emit_kv(e, "to", m->to);
		emit_knull(e, "reason", m->reason);
		emit_knull(e, "by", m->by);
		emit_map_end(e);
	}
	emit_seq_end(e);
	if (x->progress_date != NULL) {
		emit_key(e, "latest_progress");
		emit_map_begin(e);
		emit_kv(e, "date", x->progress_date);
		emit_kv(e, "status", x->progress_status);
		emit_knull(e, "note", x->progress_note);
		emit_map_end(e);
	} else
		emit_knull(e, "latest_progress", NULL);
	emit_kbool(e, "overdue", x->overdue);
	emit_kbool(e, "response_overdue", x->response_overdue);
	emit_kbool(e, "stale", x->stale);
	emit_kbool(e, "awaiting_signoff", x->awaiting_signoff);
	emit_map_end(e);
}

void
report_json(const struct report *rp, FILE *fp)
{
	struct emit *e = emit_new(EMIT_JSON, fp);
	struct buf t = BUF_INIT;
	size_t i, j, k;
	int s;

	emit_map_begin(e);
	emit_kv(e, "as_at", rp->ctx->today);
	emit_kv(e, "title", report_title(rp));
	emit_knull(e, "meeting", rp->meeting);
	emit_knull(e, "since", rp->since);
	emit_key(e, "committees");
	emit_seq_begin(e);
	for (i = 0; i < rp->n; i++) {
		const struct rcommittee *c = &rp->c[i];

		emit_map_begin(e);
		emit_kv(e, "id", c->cid);
		emit_kv(e, "name", c->name);
		emit_kv(e, "authority", c->authority);
		emit_key(e, "reviews");
		emit_seq_begin(e);
		for (j = 0; j < c->n; j++) {
			const struct rreview *v = &c->reviews[j];

			emit_map_begin(e);
			emit_kv(e, "id", v->rid);
			emit_kv(e, "title", v->title);
			emit_knull(e, "year", v->year);
			emit_kv(e, "stage", v->stage);
			emit_knull(e, "stage_since", v->stage_since[0] ?
			    v->stage_since : NULL);
			emit_knull(e, "published", v->published);
			emit_knull(e, "submitted", v->submitted);
			emit_knull(e, "response_due", v->response_due[0] ?
			    v->response_due : NULL);
			emit_kint(e, "responses_received", v->nresponses);
			emit_knull(e, "latest_response", v->response_date);
			buf_reset(&t);
			report_response_state(&t, v, rp->ctx->today);
			emit_kv(e, "response_state", t.s);
			emit_key(e, "counts");
			emit_map_begin(e);
			for (s = 0; vocab_status[s] != NULL; s++)
				if (v->counts[s] > 0)
					emit_kint(e, vocab_status[s],
					    v->counts[s]);
			emit_map_end(e);
			emit_kint(e, "implemented_percent",
			    report_implemented(v));
			emit_key(e, "recommendations");
			emit_seq_begin(e);
			for (k = 0; k < v->n; k++)
				json_rec(e, &v->recs[k]);
			emit_seq_end(e);
			emit_map_end(e);
		}
		emit_seq_end(e);
		emit_map_end(e);
	}
	emit_seq_end(e);
	json_handles(e, rp, "overdue", LIST_OVERDUE);
	json_handles(e, rp, "response_overdue",
	    LIST_RESPONSE_OVERDUE);
	json_handles(e, rp, "awaiting_signoff", LIST_SIGNOFF);
	json_handles(e, rp, "stale", LIST_STALE);
	if (rp->since != NULL) {
		emit_key(e, "updates_since");
		emit_seq_begin(e);
		for (i = 0; i < rp->nchanges; i++) {
			const struct change *ch = &rp->changes[i];

			emit_map_begin(e);
			emit_kv(e, "date", ch->date);
			emit_kv(e, "handle", ch->handle);
			emit_kv(e, "from", ch->from);
			emit_kv(e, "to", ch->to);
			emit_knull(e, "due", ch->due);
			emit_knull(e, "by", ch->by);
			emit_knull(e, "note", ch->note);
			emit_kbool(e, "due_moved", ch->moved);
			emit_kbool(e, "forced", ch->forced);
			emit_map_end(e);
		}
		emit_seq_end(e);
		json_rag_changes(e, rp);
	}
	emit_map_end(e);
	buf_release(&t);
	fputc('\n', fp);
	emit_free(e);
}
