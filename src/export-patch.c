#include "export-patch.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "diag.h"
#include "emit.h"
#include "export.h"
#include "import.h"
#include "xmalloc.h"

/* A node of a YAML text, with where it stands in the text's bytes. */
struct pnode {
	yaml_event_type_t type;	/* SCALAR, SEQUENCE_START, MAPPING_START */
	int flow;		/* a flow collection, [..] or {..} */
	int quote;		/* a scalar written in quotes: ' or ", else 0 */
	size_t start, end;	/* bytes: from its first to past its last */
	char *value;		/* a scalar's text */
	struct pnode **kid;	/* a mapping's keys and values in turn */
	size_t n, cap;
};

/* A text read into nodes. */
struct ptext {
	const char *s;
	size_t len;
	size_t *off;		/* libyaml's character index -> byte */
	size_t noff;
	struct pnode *root;
};

/* An edit of the file: bytes [at, end) become text. */
struct edit {
	size_t at, end, seq;
	char *text;
};

struct patch {
	const struct ptext *o, *n, *h;	/* old meaning, new, the file */
	struct edit *v;
	size_t nv, cap;
};

#define MAX_DEPTH 64

static void
node_free(struct pnode *p)
{
	size_t i;

	if (p == NULL)
		return;
	for (i = 0; i < p->n; i++)
		node_free(p->kid[i]);
	free(p->kid);
	free(p->value);
	free(p);
}

static size_t
byte_at(const struct ptext *t, size_t index)
{
	return index < t->noff ? t->off[index] : t->len;
}

/*
 * The end of a block scalar's own text: its mark is past the line breaks
 * and blank lines that follow it.
 */
static size_t
trim_end(const char *s, size_t start, size_t end)
{
	size_t ls, i;

	while (end > start && (s[end - 1] == '\n' || s[end - 1] == '\r')) {
		end--;
		if (end > start && s[end - 1] == '\r')
			end--;
		for (ls = end; ls > start && s[ls - 1] != '\n'; ls--)
			;
		for (i = ls; i < end && s[i] == ' '; i++)
			;
		if (i < end || ls == start)
			break;
		end = ls;
	}
	return end;
}

static struct pnode *parse_node(yaml_parser_t *yp, yaml_event_t *ev,
    const struct ptext *t, int depth);

/* The node that ev starts, read to its end; NULL when the text is not
 * one the patcher takes (an alias, an anchor, a tag, too deep). */
static struct pnode *
parse_node(yaml_parser_t *yp, yaml_event_t *ev, const struct ptext *t,
    int depth)
{
	struct pnode *p, *k;
	yaml_event_t sub;
	yaml_event_type_t end;

	if (depth > MAX_DEPTH)
		return NULL;
	p = xcalloc(1, sizeof *p);
	p->type = ev->type;
	p->start = byte_at(t, ev->start_mark.index);
	p->end = byte_at(t, ev->end_mark.index);
	switch (ev->type) {
	case YAML_SCALAR_EVENT:
		if (ev->data.scalar.anchor || (ev->data.scalar.tag &&
		    !ev->data.scalar.plain_implicit &&
		    !ev->data.scalar.quoted_implicit))
			goto bad;
		p->value = xstrndup((const char *)ev->data.scalar.value,
		    ev->data.scalar.length);
		if (ev->data.scalar.style == YAML_SINGLE_QUOTED_SCALAR_STYLE)
			p->quote = '\'';
		else if (ev->data.scalar.style ==
		    YAML_DOUBLE_QUOTED_SCALAR_STYLE)
			p->quote = '"';
		if (ev->data.scalar.style == YAML_LITERAL_SCALAR_STYLE ||
		    ev->data.scalar.style == YAML_FOLDED_SCALAR_STYLE)
			p->end = trim_end(t->s, p->start, p->end);
		return p;
	case YAML_SEQUENCE_START_EVENT:
		if (ev->data.sequence_start.anchor ||
		    !ev->data.sequence_start.implicit)
			goto bad;
		p->flow = ev->data.sequence_start.style ==
		    YAML_FLOW_SEQUENCE_STYLE;
		end = YAML_SEQUENCE_END_EVENT;
		break;
	case YAML_MAPPING_START_EVENT:
		if (ev->data.mapping_start.anchor ||
		    !ev->data.mapping_start.implicit)
			goto bad;
		p->flow = ev->data.mapping_start.style ==
		    YAML_FLOW_MAPPING_STYLE;
		end = YAML_MAPPING_END_EVENT;
		break;
	default:
		goto bad;
	}
	for (;;) {
		if (!yaml_parser_parse(yp, &sub))
			goto bad;
		if (sub.type == end) {
			/* a block collection ends where the next token
			 * starts: its own text ends with its last node */
			p->end = p->flow || p->n == 0 ?
			    byte_at(t, sub.end_mark.index) :
			    p->kid[p->n - 1]->end;
			yaml_event_delete(&sub);
			return p;
		}
		k = parse_node(yp, &sub, t, depth + 1);
		yaml_event_delete(&sub);
		if (k == NULL)
			goto bad;
		p->kid = xgrow(p->kid, &p->cap, p->n + 1, sizeof *p->kid);
		p->kid[p->n++] = k;
	}
bad:
	node_free(p);
	return NULL;
}

/* Read s as one YAML document into t: 0, or -1 when it is not one. */
static int
ptext_read(struct ptext *t, const char *s, size_t len)
{
	yaml_parser_t yp;
	yaml_event_t ev;
	size_t i, skip = 0, cap = 0;
	int state = 0, ok = 0;

	memset(t, 0, sizeof *t);
	t->s = s;
	t->len = len;
	if (len >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0)
		skip = 3;	/* libyaml does not count a BOM */
	for (i = skip; i < len; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80) {
			t->off = xgrow(t->off, &cap, t->noff + 1,
			    sizeof *t->off);
			t->off[t->noff++] = i;
		}
	yaml_parser_initialize(&yp);
	yaml_parser_set_input_string(&yp, (const unsigned char *)s, len);
	for (;;) {
		if (!yaml_parser_parse(&yp, &ev))
			break;
		if (ev.type == YAML_STREAM_END_EVENT) {
			ok = state == 2;
			yaml_event_delete(&ev);
			break;
		}
		if (ev.type == YAML_STREAM_START_EVENT)
			;
		else if (ev.type == YAML_DOCUMENT_START_EVENT && state == 0)
			state = 1;
		else if (ev.type == YAML_DOCUMENT_END_EVENT && state == 1 &&
		    t->root != NULL)
			state = 2;
		else if (state == 1 && t->root == NULL &&
		    (t->root = parse_node(&yp, &ev, t, 0)) != NULL)
			;
		else {
			yaml_event_delete(&ev);
			break;
		}
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&yp);
	return ok ? 0 : -1;
}

static void
ptext_free(struct ptext *t)
{
	node_free(t->root);
	free(t->off);
	memset(t, 0, sizeof *t);
}

static int
node_equal(const struct pnode *a, const struct pnode *b)
{
	size_t i;

	if (a->type != b->type || a->n != b->n)
		return 0;
	if (a->type == YAML_SCALAR_EVENT)
		return strcmp(a->value, b->value) == 0;
	for (i = 0; i < a->n; i++)
		if (!node_equal(a->kid[i], b->kid[i]))
			return 0;
	return 1;
}

/* The value of key in the mapping m, or NULL. */
static const struct pnode *
map_get(const struct pnode *m, const char *key)
{
	size_t i;

	for (i = 0; i + 1 < m->n; i += 2)
		if (m->kid[i]->type == YAML_SCALAR_EVENT &&
		    strcmp(m->kid[i]->value, key) == 0)
			return m->kid[i + 1];
	return NULL;
}

/* What names an item of a list: its 'id' or 'ref', or NULL. */
static const char *
item_name(const struct pnode *p)
{
	const struct pnode *v;

	if (p->type != YAML_MAPPING_START_EVENT)
		return NULL;
	if ((v = map_get(p, "id")) == NULL)
		v = map_get(p, "ref");
	return v != NULL && v->type == YAML_SCALAR_EVENT ? v->value : NULL;
}

/* The column of byte i of s. */
static size_t
column(const char *s, size_t i)
{
	size_t c = 0;

	while (i > 0 && s[i - 1] != '\n') {
		i--;
		c++;
	}
	return c;
}

/* The start of the line after the one holding byte i (or the end). */
static size_t
next_line(const struct ptext *t, size_t i)
{
	if (i > 0 && t->s[i - 1] == '\n')
		return i;
	while (i < t->len && t->s[i] != '\n')
		i++;
	return i < t->len ? i + 1 : t->len;
}

/* The line indentation of the line holding byte i of s. */
static size_t
indent_of(const char *s, size_t i)
{
	while (i > 0 && s[i - 1] != '\n')
		i--;
	return column(s, i + strspn(s + i, " "));
}

/*
 * Bytes [from, to) of the new text, every line after the first moved
 * right by shift columns (left when negative), so that it stands in the
 * file as it stood in export's output. -1 if a line cannot move so far.
 */
static int
shifted(const struct ptext *n, size_t from, size_t to, long shift,
    struct buf *b)
{
	size_t i = from, sp;

	while (i < to) {
		if (n->s[i] != '\n' || i + 1 >= to) {
			buf_addc(b, n->s[i++]);
			continue;
		}
		buf_addc(b, n->s[i++]);
		for (sp = 0; i + sp < to && n->s[i + sp] == ' '; sp++)
			;
		if (i + sp < to && n->s[i + sp] == '\n')
			continue;	/* an empty line stays empty */
		if ((long)sp + shift < 0)
			return -1;
		buf_printf(b, "%*s", (int)((long)sp + shift), "");
		i += sp;
	}
	return 0;
}

/* Edit bytes [at, end) of the file into text, its line breaks as the
 * file's (CRLF when its first line ends so). */
static void
add_edit(struct patch *pt, size_t at, size_t end, struct buf *text)
{
	const char *nl = memchr(pt->h->s, '\n', pt->h->len);
	struct buf crlf = BUF_INIT;
	size_t i;

	if (nl != NULL && nl > pt->h->s && nl[-1] == '\r') {
		for (i = 0; i < text->len; i++) {
			if (text->s[i] == '\n')
				buf_addc(&crlf, '\r');
			buf_addc(&crlf, text->s[i]);
		}
		buf_release(text);
		*text = crlf;
	}
	pt->v = xgrow(pt->v, &pt->cap, pt->nv + 1, sizeof *pt->v);
	pt->v[pt->nv].at = at;
	pt->v[pt->nv].end = end;
	pt->v[pt->nv].seq = pt->nv;
	pt->v[pt->nv].text = buf_detach(text);
	pt->nv++;
}

/*
 * Text [from, to) of the new export inserted as whole lines at the line
 * start at: lead (spaces, or a list item's dash), then the text with its
 * later lines moved as its first moves to column col.
 */
static int
insert_lines(struct patch *pt, size_t at, const char *lead, size_t from,
    size_t to, size_t col)
{
	struct buf b = BUF_INIT;

	if (at == pt->h->len && at > 0 && pt->h->s[at - 1] != '\n')
		buf_addc(&b, '\n');
	buf_adds(&b, lead);
	if (shifted(pt->n, from, to, (long)col -
	    (long)column(pt->n->s, from), &b) < 0) {
		buf_release(&b);
		return -1;
	}
	buf_addc(&b, '\n');
	add_edit(pt, at, at, &b);
	return 0;
}

/* The byte of the '-' that introduces the list item at i, or (size_t)-1. */
static size_t
dash_of(const char *s, size_t i)
{
	while (i > 0 && s[i - 1] == ' ')
		i--;
	return i > 0 && s[i - 1] == '-' ? i - 1 : (size_t)-1;
}

/*
 * A node of the new export written in flow style into b, its texts as
 * export wrote them: -1 when one spans lines.
 */
static int
flow_text(const struct ptext *t, const struct pnode *p, struct buf *b)
{
	size_t i;

	if (p->type == YAML_SCALAR_EVENT) {
		if (memchr(t->s + p->start, '\n', p->end - p->start) != NULL)
			return -1;
		buf_add(b, t->s + p->start, p->end - p->start);
		return 0;
	}
	buf_addc(b, p->type == YAML_MAPPING_START_EVENT ? '{' : '[');
	for (i = 0; i < p->n; i++) {
		if (i > 0)
			buf_adds(b, p->type == YAML_MAPPING_START_EVENT &&
			    i % 2 ? ": " : ", ");
		if (flow_text(t, p->kid[i], b) < 0)
			return -1;
	}
	buf_addc(b, p->type == YAML_MAPPING_START_EVENT ? '}' : ']');
	return 0;
}

/* k: v (k NULL: the item v) added at the end of the file's flow
 * collection h, before its closing bracket. */
static int
append_flow(struct patch *pt, const struct pnode *h, const struct pnode *k,
    const struct pnode *v)
{
	struct buf b = BUF_INIT;

	if (h->end == 0 || (pt->h->s[h->end - 1] != '}' &&
	    pt->h->s[h->end - 1] != ']'))
		return -1;
	if (h->n > 0)
		buf_adds(&b, ", ");
	if ((k != NULL && (flow_text(pt->n, k, &b) < 0 ||
	    (buf_adds(&b, ": "), 0))) || flow_text(pt->n, v, &b) < 0) {
		buf_release(&b);
		return -1;
	}
	add_edit(pt, h->end - 1, h->end - 1, &b);
	return 0;
}

/*
 * A new item n put into the file's list h after its item after (NULL:
 * before its first), its dash where the file's items have theirs and its
 * text where theirs starts.
 */
static int
add_item(struct patch *pt, const struct pnode *h, const struct pnode *after,
    const struct pnode *n)
{
	const struct pnode *by;
	struct buf lead = BUF_INIT;
	size_t hd, col, at;
	int rc;

	if (h->flow)
		return h->n == 0 || after == h->kid[h->n - 1] ?
		    append_flow(pt, h, NULL, n) : -1;
	if (h->n == 0)
		return -1;
	by = after != NULL ? after : h->kid[0];
	hd = dash_of(pt->h->s, by->start);
	if (hd == (size_t)-1 || dash_of(pt->n->s, n->start) == (size_t)-1)
		return -1;
	col = column(pt->h->s, by->start);
	at = next_line(pt->h, after != NULL ? after->end : 0);
	if (after == NULL) {
		/* before the first item: at the start of its dash's line,
		 * when the dash starts it */
		at = hd - column(pt->h->s, hd);
		if (strspn(pt->h->s + at, " ") != hd - at)
			return -1;
	}
	hd = column(pt->h->s, hd);
	buf_printf(&lead, "%*s-%*s", (int)hd, "", (int)(col - hd - 1), "");
	rc = insert_lines(pt, at, lead.s, n->start, n->end, col);
	buf_release(&lead);
	return rc;
}

/*
 * How the file writes a list under a key: the columns from the key to
 * the dash (*ind) and from the dash to the item's text (*gap), as its
 * first such list has them. 0, or -1 when it has none.
 */
static int
list_style(const struct ptext *t, const struct pnode *p, size_t *ind,
    size_t *gap)
{
	const struct pnode *v;
	size_t i, d, kc;

	for (i = 0; i < p->n; i++) {
		v = p->kid[i];
		if (p->type == YAML_MAPPING_START_EVENT && i % 2 == 1 &&
		    v->type == YAML_SEQUENCE_START_EVENT && !v->flow &&
		    v->n > 0 && (d = dash_of(t->s, v->kid[0]->start)) !=
		    (size_t)-1 && column(t->s, d) == strspn(t->s + d -
		    column(t->s, d), " ") && column(t->s, d) >=
		    (kc = column(t->s, p->kid[i - 1]->start))) {
			*ind = column(t->s, d) - kc;
			*gap = column(t->s, v->kid[0]->start) - column(t->s, d);
			return 0;
		}
		if (list_style(t, v, ind, gap) == 0)
			return 0;
	}
	return -1;
}

/*
 * A new key k whose value v is a block list, written key line then
 * items as the file writes its lists (list_style()), at column col.
 */
static int
insert_list(struct patch *pt, size_t at, size_t col, const struct pnode *k,
    const struct pnode *v, size_t ind, size_t gap)
{
	struct buf b = BUF_INIT;
	size_t i, c = col + ind + gap;

	if (at == pt->h->len && at > 0 && pt->h->s[at - 1] != '\n')
		buf_addc(&b, '\n');
	buf_printf(&b, "%*s", (int)col, "");
	buf_add(&b, pt->n->s + k->start, k->end - k->start);
	buf_adds(&b, ":\n");
	for (i = 0; i < v->n; i++) {
		buf_printf(&b, "%*s-%*s", (int)(col + ind), "", (int)(gap - 1),
		    "");
		if (shifted(pt->n, v->kid[i]->start, v->kid[i]->end, (long)c -
		    (long)column(pt->n->s, v->kid[i]->start), &b) < 0) {
			buf_release(&b);
			return -1;
		}
		buf_addc(&b, '\n');
	}
	add_edit(pt, at, at, &b);
	return 0;
}

/*
 * A new key k: v added to the file's mapping h, after the value prev
 * (where export writes it: after the key before it there), or at the end.
 */
static int
append_key(struct patch *pt, const struct pnode *h, const struct pnode *prev,
    const struct pnode *k, const struct pnode *v)
{
	struct buf lead = BUF_INIT;
	size_t col, at, ind, gap;
	int rc;

	if (h->flow)
		return append_flow(pt, h, k, v);
	if (h->n == 0)
		return -1;
	col = column(pt->h->s, h->kid[0]->start);
	at = next_line(pt->h, (prev != NULL ? prev : h->kid[h->n - 1])->end);
	if (v->type == YAML_SEQUENCE_START_EVENT && !v->flow && v->n > 0 &&
	    k->type == YAML_SCALAR_EVENT && k->quote == 0 &&
	    list_style(pt->h, pt->h->root, &ind, &gap) == 0 && gap > 0)
		return insert_list(pt, at, col, k, v, ind, gap);
	buf_printf(&lead, "%*s", (int)col, "");
	rc = insert_lines(pt, at, lead.s, k->start, v->end, col);
	buf_release(&lead);
	return rc;
}

/* The value in the file's mapping h of the nearest key before key i of
 * n that h has, or NULL. */
static const struct pnode *
prev_in_file(const struct pnode *h, const struct pnode *n, size_t i)
{
	const struct pnode *p;

	while (i >= 2) {
		i -= 2;
		if ((p = map_get(h, n->kid[i]->value)) != NULL)
			return p;
	}
	return NULL;
}

/*
 * The file's scalar h given the new text n, in its own bytes: in the
 * file's quotes when it had them and export wrote n plain on one line,
 * else as export wrote it (a block text's lines indented from its line's
 * indentation as in n).
 */
static int
replace(struct patch *pt, const struct pnode *h, const struct pnode *n)
{
	struct buf b = BUF_INIT;
	const char *v = n->value;

	if (h->quote != 0 && n->quote == 0 && strpbrk(v, "\n\\\"") == NULL) {
		buf_addc(&b, (char)h->quote);
		for (; *v != '\0'; v++) {
			if (*v == '\'' && h->quote == '\'')
				buf_addc(&b, '\'');
			buf_addc(&b, *v);
		}
		buf_addc(&b, (char)h->quote);
	} else if (shifted(pt->n, n->start, n->end, (long)indent_of(pt->h->s,
	    h->start) - (long)indent_of(pt->n->s, n->start), &b) < 0) {
		buf_release(&b);
		return -1;
	}
	add_edit(pt, h->start, h->end, &b);
	return 0;
}

/*
 * The key key of the file's block mapping h removed with its value: the
 * whole lines they stand on, when nothing else does.
 */
static int
remove_key(struct patch *pt, const struct pnode *h, const char *key)
{
	struct buf none = BUF_INIT;
	size_t i, from;

	if (h->flow)
		return -1;
	for (i = 0; i + 1 < h->n; i += 2)
		if (h->kid[i]->type == YAML_SCALAR_EVENT &&
		    strcmp(h->kid[i]->value, key) == 0)
			break;
	if (i + 1 >= h->n || i == 0)
		return -1;	/* not there, or on its item's dash line */
	from = h->kid[i]->start;
	while (from > 0 && pt->h->s[from - 1] == ' ')
		from--;
	if (from > 0 && pt->h->s[from - 1] != '\n')
		return -1;
	buf_adds(&none, "");
	add_edit(pt, from, next_line(pt->h, h->kid[i + 1]->end), &none);
	return 0;
}

/* The item of the file's list h that stands for item i of o. */
static const struct pnode *
file_item(const struct pnode *h, const struct pnode *o, size_t i)
{
	const char *name = item_name(o->kid[i]), *hn;
	size_t j;

	if (name == NULL)
		return i < h->n ? h->kid[i] : NULL;
	for (j = 0; j < h->n; j++)
		if ((hn = item_name(h->kid[j])) != NULL &&
		    strcmp(hn, name) == 0)
			return h->kid[j];
	return NULL;
}

static int diff(struct patch *pt, const struct pnode *o,
    const struct pnode *n, const struct pnode *h);

/*
 * The lists o and n, where n holds o's items, named (an 'id' or 'ref')
 * in the same places, or unnamed (updates, texts) in the same order:
 * items changed in their places, the new ones put where n has them.
 */
static int
diff_list(struct patch *pt, const struct pnode *o, const struct pnode *n,
    const struct pnode *h)
{
	const struct pnode *after = h->n > 0 ? h->kid[h->n - 1] : NULL;
	const char *on, *nn;
	size_t i, j;

	if (n->n < o->n)
		return -1;	/* an item removed */
	for (i = 0; i < o->n; i++) {
		on = item_name(o->kid[i]);
		nn = item_name(n->kid[i]);
		if ((on == NULL) != (nn == NULL) ||
		    (on != NULL && strcmp(on, nn) != 0))
			break;
		if (on == NULL && !node_equal(o->kid[i], n->kid[i]))
			break;
		if (!node_equal(o->kid[i], n->kid[i]) && diff(pt, o->kid[i],
		    n->kid[i], file_item(h, o, i)) < 0)
			return -1;
	}
	if (i == o->n) {
		for (; i < n->n; i++)
			if (add_item(pt, h, after, n->kid[i]) < 0)
				return -1;
		return 0;
	}
	/* unnamed items, some new among them: o's in n in order */
	if (item_name(o->kid[i]) != NULL || h->n != o->n)
		return -1;
	after = i > 0 ? h->kid[i - 1] : NULL;
	for (j = i; i < n->n; i++) {
		if (j < o->n && node_equal(o->kid[j], n->kid[i])) {
			after = h->kid[j++];
			continue;
		}
		if (item_name(n->kid[i]) != NULL ||
		    add_item(pt, h, after, n->kid[i]) < 0)
			return -1;
	}
	return j == o->n ? 0 : -1;
}

/*
 * The edits that make the file h, which means o, mean n: -1 when the
 * difference is not one of an appended item or key or a changed text.
 */
static int
diff(struct patch *pt, const struct pnode *o, const struct pnode *n,
    const struct pnode *h)
{
	const struct pnode *ov, *hv;
	size_t i;

	if (h == NULL || o->type != n->type || h->type != o->type)
		return -1;
	switch (o->type) {
	case YAML_SCALAR_EVENT:
		return strcmp(o->value, n->value) == 0 ? 0 :
		    replace(pt, h, n);
	case YAML_MAPPING_START_EVENT:
		for (i = 0; i + 1 < o->n; i += 2)
			if (map_get(n, o->kid[i]->value) == NULL &&
			    remove_key(pt, h, o->kid[i]->value) < 0)
				return -1;
		for (i = 0; i + 1 < n->n; i += 2) {
			ov = map_get(o, n->kid[i]->value);
			hv = map_get(h, n->kid[i]->value);
			if (ov != NULL && node_equal(ov, n->kid[i + 1]))
				continue;
			if (hv == NULL && append_key(pt, h, prev_in_file(h, n,
			    i), n->kid[i], n->kid[i + 1]) < 0)
				return -1;
			if (hv != NULL && (ov == NULL ||
			    diff(pt, ov, n->kid[i + 1], hv) < 0))
				return -1;
		}
		return 0;
	default:
		return diff_list(pt, o, n, h);
	}
}

static int
edit_cmp(const void *a, const void *b)
{
	const struct edit *x = a, *y = b;

	if (x->at != y->at)
		return x->at < y->at ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* The file with the edits made, into out: 0, or -1 if two overlap. */
static int
apply(struct patch *pt, struct buf *out)
{
	size_t i, pos = 0;

	qsort(pt->v, pt->nv, sizeof *pt->v, edit_cmp);
	for (i = 0; i < pt->nv; i++) {
		if (pt->v[i].at < pos)
			return -1;
		buf_add(out, pt->h->s + pos, pt->v[i].at - pos);
		buf_adds(out, pt->v[i].text);
		pos = pt->v[i].end;
	}
	buf_add(out, pt->h->s + pos, pt->h->len - pos);
	return 0;
}

static void
quiet(const struct diag *d, void *arg)
{
	(void)d;
	(void)arg;
}

int
export_patch_render(struct db *db, const struct patch_scope *sc,
    long long committee, long long review, struct buf *out)
{
	char *s = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&s, &len);
	struct emit *e;
	int rc;

	if (fp == NULL)
		return error("out of memory");
	e = emit_new(EMIT_YAML, fp);
	rc = export_documents(db, e, committee, review, sc->what);
	if (emit_free(e) < 0)
		rc = -1;
	if (fclose(fp) != 0)
		rc = -1;
	if (rc >= 0)
		buf_add(out, s, len);
	free(s);
	return rc < 0 ? -1 : 0;
}

/* A row id of a statement with one text parameter, or 0. */
static long long
row_of(struct db *db, enum stmt_id sid, const char *key)
{
	sqlite3_stmt *st = db_stmt(db, sid);
	long long id = 0;

	db_bind_text(st, 1, key);
	if (sqlite3_step(st) == SQLITE_ROW)
		id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return id;
}

/* How many committees, reviews and meetings db holds. */
static void
counts(struct db *db, long long n[3])
{
	sqlite3_stmt *st = db_stmt(db, ST_PATCH_COUNTS);
	int i;

	for (i = 0; i < 3; i++)
		n[i] = -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		for (i = 0; i < 3; i++)
			n[i] = sqlite3_column_int64(st, i);
	sqlite3_reset(st);
}

/*
 * The file holds only what export --dir writes to it: one committee, and
 * one review (a review's file) or the committee's meetings, with nothing
 * of another file's. A file that holds more (a hand-written file of two
 * reviews, or of a review and its meetings) cannot be left or edited in
 * place: export writes those records to their own files, and the folder
 * would then define them twice.
 */
static int
only_its_own(struct db *scratch, const struct patch_scope *sc,
    const long long before[3])
{
	long long n[3];

	counts(scratch, n);
	if (n[0] != 1)
		return 0;
	if (sc->what == EXPORT_REVIEWS)
		return n[1] == 1 && n[2] == 0;
	/* the meetings file: no review but those read before it, or the
	 * one named 'meetings' that it holds */
	return sc->need_reviews ? n[1] == before[1] : n[1] <= 1;
}

/*
 * What text means: it imported alone into a scratch database (after the
 * committee's reviews, when the file may name them) and exported as sc
 * says, into out. 0; -1 when it does not import; -2 when it holds
 * records that are not this file's (only_its_own()).
 */
static int
meaning(struct db *db, const struct patch_scope *sc, const char *text,
    size_t len, struct buf *out)
{
	struct db *scratch;
	struct importer *imp;
	struct buf pre = BUF_INIT;
	size_t errs = diag_errors();
	long long c, r = 0, before[3];
	int rc = -1;

	if (db_open(&scratch, ":memory:", DB_WRITE) != RT_OK)
		return -1;
	diag_set_sink(quiet, NULL);
	if (sc->need_reviews) {
		struct patch_scope rs = *sc;

		rs.what = EXPORT_REVIEWS;
		if (export_patch_render(db, &rs, sc->committee, 0, &pre) < 0)
			goto out;
	}
	db_begin(scratch);
	imp = importer_new(scratch);
	if (pre.len > 0 && importer_buffer(imp, "reviews", pre.s, pre.len,
	    NULL) > 0) {
		importer_free(imp);
		goto out;
	}
	counts(scratch, before);
	if (importer_buffer(imp, "file", text, len, NULL) == 0 &&
	    importer_finish(imp) == 0 && diag_errors() == errs) {
		if (!only_its_own(scratch, sc, before))
			rc = -2;
		else if ((c = row_of(scratch, ST_COMMITTEE_GET, sc->cid)) !=
		    0 && (sc->rid == NULL || (r = row_of(scratch,
		    ST_REVIEW_GET, sc->rid)) != 0))
			rc = export_patch_render(scratch, sc, c, r, out);
	}
	importer_free(imp);
out:
	diag_set_sink(NULL, NULL);
	if (errs == 0)
		diag_reset();
	db_close(scratch);
	buf_release(&pre);
	return rc;
}

static int
same(const struct buf *b, const char *s, size_t len)
{
	return b->len == len && memcmp(b->s, s, len) == 0;
}

enum patch_result
export_patch(struct db *db, const struct patch_scope *sc, const char *old,
    size_t oldlen, const char *want, size_t wantlen, struct buf *out,
    const char **why)
{
	struct buf was = BUF_INIT, now = BUF_INIT;
	struct ptext o, n, h;
	struct patch pt;
	enum patch_result res = PATCH_REWRITE;
	size_t i;
	int rc;

	memset(&pt, 0, sizeof pt);
	memset(&o, 0, sizeof o);
	memset(&n, 0, sizeof n);
	memset(&h, 0, sizeof h);
	*why = NULL;
	if (oldlen == wantlen && memcmp(old, want, wantlen) == 0)
		return PATCH_SAME;
	*why = "it does not import on its own";
	if ((rc = meaning(db, sc, old, oldlen, &was)) < 0) {
		if (rc == -2)
			*why = "it holds records that export writes to files "
			    "of their own (one file per review, the meetings in "
			    "meetings.yaml)";
		goto out;
	}
	if (same(&was, want, wantlen)) {
		*why = NULL;
		res = PATCH_SAME;
		goto out;
	}
	*why = "the change is not one that can be made in place";
	if (ptext_read(&o, was.s, was.len) < 0 ||
	    ptext_read(&n, want, wantlen) < 0 ||
	    ptext_read(&h, old, oldlen) < 0)
		goto out;
	pt.o = &o;
	pt.n = &n;
	pt.h = &h;
	if (diff(&pt, o.root, n.root, h.root) < 0 || apply(&pt, out) < 0)
		goto out;
	*why = "the file edited in place would not read as the database";
	if (meaning(db, sc, out->s, out->len, &now) < 0 ||
	    !same(&now, want, wantlen))
		goto out;
	res = PATCH_EDITED;
	*why = NULL;
out:
	if (res == PATCH_REWRITE) {
		buf_reset(out);
		buf_add(out, want, wantlen);
	}
	for (i = 0; i < pt.nv; i++)
		free(pt.v[i].text);
	free(pt.v);
	ptext_free(&o);
	ptext_free(&n);
	ptext_free(&h);
	buf_release(&was);
	buf_release(&now);
	return res;
}
