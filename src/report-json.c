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

void
report_json(const struct report *rp, FILE *fp)
{
	struct emit *e = emit_new(EMIT_JSON, fp);
	struct buf t = BUF_INIT;
	size_t i, j, k;
	int s;

	emit_map_begin(e);
	emit_kv(e, "as_at", rp->ctx->today);
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
			for (k = 0; k < v->n; k++) {
				const struct rrec *x = &v->recs[k];

				emit_map_begin(e);
				emit_kv(e, "handle", x->handle);
				emit_kv(e, "ref", x->ref);
				emit_kv(e, "text", x->brief);
				emit_kv(e, "status", x->status);
				emit_kv(e, "rag", x->rag);
				emit_knull(e, "owner", x->owner);
				emit_knull(e, "due", x->due);
				emit_kbool(e, "overdue", x->overdue);
				emit_kbool(e, "response_overdue",
				    x->response_overdue);
				emit_kbool(e, "stale", x->stale);
				emit_knull(e, "last_update", x->last_update);
				emit_knull(e, "last_update_note",
				    x->last_note);
				emit_map_end(e);
			}
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
			emit_kbool(e, "forced", ch->forced);
			emit_map_end(e);
		}
		emit_seq_end(e);
	}
	emit_map_end(e);
	buf_release(&t);
	fputc('\n', fp);
	emit_free(e);
}
