#include "draft.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "buf.h"
#include "diag.h"
#include "dynlib.h"

/* libxml2's functions, opened when an HTML page is first read (dynlib.h) */
#define XML_FNS(X) X(htmlReadMemory) X(xmlDocGetRootElement) X(xmlFreeDoc) \
	X(xmlGetLineNo)
static struct {
	XML_FNS(DYN_MEMBER)
} xml;
DYN_OPENER(xml_open, xml, XML_FNS, "libxml2", XML_SONAME)

/* Elements whose text is one block each; their inner blocks split them. */
static const char *const block_tags[] = { "p", "div", "li", "td", "th",
	"h1", "h2", "h3", "h4", "h5", "h6", "dt", "dd", "blockquote", "pre",
	"caption", "tr", "section", "article", "table", "ul", "ol", "body",
	"br", "hr", "title", NULL };
static const char *const skip_tags[] = { "script", "style", "noscript",
	"head", "nav", "form", "button", "select", "iframe", "svg", NULL };

static int
in(const char *name, const char *const *list)
{
	size_t i;

	for (i = 0; list[i] != NULL; i++)
		if (strcasecmp(name, list[i]) == 0)
			return 1;
	return 0;
}

#define MAX_COLS 32

/* A table being read: its heading row's cells become the column of each
 * cell below them. */
struct table {
	char head[MAX_COLS][64];
	int ncols;
	int row;		/* rows begun */
	int cell;		/* cells begun in this row */
	int head_row;		/* the first row was headings (th) */
};

struct walk {
	struct draft_doc *d;
	struct table *t;	/* the innermost table, or NULL */
	struct buf text;
	enum draft_block_kind kind;
	char marker[24];
	int list_depth;
	char column[64];	/* the column of the cell being read */
	long line;
	int ol_count[DRAFT_MAX_DEPTH];
};

/* After a block: what follows is a paragraph until said otherwise. An
 * item's kind stays until its first text (<li><p>text</p></li>). */
static void
end_block(struct walk *w)
{
	w->kind = DB_PARA;
	w->marker[0] = '\0';
}

static void
flush(struct walk *w)
{
	size_t s = 0, n = w->text.len;

	while (s < n && w->text.s[s] == ' ')
		s++;
	while (n > s && w->text.s[n - 1] == ' ')
		n--;
	if (n > s) {
		draft_doc_add(w->d, w->kind, w->text.s + s, n - s, w->marker,
		    w->list_depth > 0 ? w->list_depth - 1 : 0,
		    w->line > 0 ? (size_t)w->line : 0);
		snprintf(w->d->b[w->d->n - 1].column, sizeof
		    w->d->b[w->d->n - 1].column, "%s", w->column);
		end_block(w);
	}
	buf_reset(&w->text);
	w->line = 0;
}

static void
add_text(struct walk *w, const char *s, long line)
{
	if (w->line == 0)
		w->line = line;
	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
		    c == '\f') {
			if (w->text.len > 0 && w->text.s[w->text.len - 1] != ' ')
				buf_addc(&w->text, ' ');
		} else if (c == 0xc2 && (unsigned char)s[1] >= 0x80 &&
		    (unsigned char)s[1] <= 0xa0) {
			/* no-break space, and C1 controls from &#150; */
			if (w->text.len > 0 && w->text.s[w->text.len - 1] != ' ')
				buf_addc(&w->text, ' ');
			s++;
		} else if (c >= 0x20 && c != 0x7f) {
			buf_addc(&w->text, (char)c);
		}
	}
}

static void walk(struct walk *w, xmlNode *n, int depth);

/* A first row of short cells, one of them naming a column draft reads,
 * is the table's headings even without <th> (as Word writes tables). */
static int
heading_row(const struct table *t)
{
	int i, known = 0;

	for (i = 0; i < t->ncols; i++) {
		if (strlen(t->head[i]) > 60)
			return 0;
		if (draft_column(t->head[i]) != DC_NONE)
			known = 1;
	}
	return known && t->ncols > 1;
}

/* A cell: in the first row, when it is a heading, its text names the
 * column; below, its blocks carry that name. */
static void
cell(struct walk *w, xmlNode *n, int depth)
{
	struct table *t = w->t;
	int i = t->cell++;
	size_t first = w->d->n, k;
	int heading = strcasecmp((const char *)n->name, "th") == 0;

	flush(w);
	if (t->row == 1 && heading)
		t->head_row = 1;
	w->column[0] = '\0';
	if (t->head_row && t->row > 1 && i < t->ncols)
		snprintf(w->column, sizeof w->column, "%s", t->head[i]);
	walk(w, n->children, depth + 1);
	flush(w);
	if (t->row == 1 && i < MAX_COLS) {
		struct buf h = BUF_INIT;

		for (k = first; k < w->d->n; k++) {
			if (h.len > 0)
				buf_addc(&h, ' ');
			buf_adds(&h, w->d->b[k].text);
		}
		snprintf(t->head[i], sizeof t->head[i], "%s", h.s);
		t->ncols = i + 1;
		buf_release(&h);
	}
	w->column[0] = '\0';
}

static void
walk(struct walk *w, xmlNode *n, int depth)
{
	for (; n != NULL; n = n->next) {
		const char *name = (const char *)n->name;

		if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
			if (n->content != NULL)
				add_text(w, (const char *)n->content,
				    (long)xml.xmlGetLineNo(n));
			continue;
		}
		if (n->type != XML_ELEMENT_NODE || name == NULL)
			continue;
		if (in(name, skip_tags))
			continue;
		if (depth >= DRAFT_MAX_DEPTH)
			continue;
		if (!in(name, block_tags)) {
			walk(w, n->children, depth + 1);
			continue;
		}
		flush(w);
		if (strcasecmp(name, "hr") == 0) {
			draft_doc_add(w->d, DB_RULE, "", 0, "", 0, 0);
			continue;
		}
		if (strcasecmp(name, "ul") == 0 || strcasecmp(name, "ol") == 0) {
			w->list_depth++;
			if (w->list_depth < DRAFT_MAX_DEPTH)
				w->ol_count[w->list_depth] =
				    strcasecmp(name, "ol") == 0 ? 1 : 0;
			walk(w, n->children, depth + 1);
			flush(w);
			w->list_depth--;
			continue;
		}
		if (strcasecmp(name, "table") == 0) {
			struct table t, *outer = w->t;

			memset(&t, 0, sizeof t);
			w->t = &t;
			walk(w, n->children, depth + 1);
			flush(w);
			/* the end of the table ends its last row */
			draft_doc_add(w->d, DB_ROW, "", 0, "", 0, 0);
			w->t = outer;
			w->column[0] = '\0';
			continue;
		}
		if (strcasecmp(name, "tr") == 0 && w->t != NULL) {
			w->t->row++;
			w->t->cell = 0;
			w->column[0] = '\0';
			draft_doc_add(w->d, DB_ROW, "", 0, "", 0,
			    (size_t)xml.xmlGetLineNo(n));
			walk(w, n->children, depth + 1);
			flush(w);
			w->column[0] = '\0';
			if (w->t->row == 1 && !w->t->head_row)
				w->t->head_row = heading_row(w->t);
			continue;
		}
		if ((strcasecmp(name, "td") == 0 ||
		    strcasecmp(name, "th") == 0) && w->t != NULL) {
			cell(w, n, depth);
			continue;
		}
		if (strcasecmp(name, "li") == 0) {
			int *c = w->list_depth > 0 && w->list_depth <
			    DRAFT_MAX_DEPTH ? &w->ol_count[w->list_depth] : NULL;

			w->kind = DB_ITEM;
			if (c != NULL && *c > 0)
				snprintf(w->marker, sizeof w->marker, "%d.",
				    (*c)++);
			else
				snprintf(w->marker, sizeof w->marker, "-");
		} else if (name[0] == 'h' && name[1] >= '1' && name[1] <= '6' &&
		    name[2] == '\0') {
			w->kind = DB_HEAD;
		}
		walk(w, n->children, depth + 1);
		flush(w);
		end_block(w);
	}
}

/* The marker of a list item whose text starts with its own number
 * ("1. Text" inside <li>, or "4.10 Recommendation" in a <p>). */
static void
own_markers(struct draft_doc *d)
{
	size_t i, m;
	char marker[24];

	for (i = 0; i < d->n; i++) {
		struct draft_block *b = &d->b[i];

		if (b->kind == DB_RULE || b->kind == DB_HEAD)
			continue;
		if ((m = draft_marker(b->text, marker, sizeof marker)) == 0 ||
		    b->text[m] == '\0')
			continue;
		if (marker[0] == '-' || marker[0] == '*' || marker[0] == '+')
			continue;
		memmove(b->text, b->text + m, strlen(b->text + m) + 1);
		snprintf(b->marker, sizeof b->marker, "%s", marker);
		if (isdigit((unsigned char)marker[0]) &&
		    strchr(marker, '.') != NULL &&
		    isdigit((unsigned char)marker[strlen(marker) - 1]))
			b->kind = DB_PARA;
		else
			b->kind = DB_ITEM;
	}
}

int
draft_read_html(struct draft_doc *d, const char *file, const char *s,
    size_t len)
{
	htmlDocPtr doc;
	struct walk w;

	if (len > (size_t)0x7fffffff)
		return error("%s: too large", file);
	if (xml_open() < 0)
		return -1;
	doc = xml.htmlReadMemory(s, (int)len, NULL, NULL, HTML_PARSE_NOERROR |
	    HTML_PARSE_NOWARNING | HTML_PARSE_NONET | HTML_PARSE_RECOVER);
	if (doc == NULL)
		return error("%s: not HTML that can be read", file);
	memset(&w, 0, sizeof w);
	w.d = d;
	w.text = (struct buf)BUF_INIT;
	walk(&w, xml.xmlDocGetRootElement(doc), 0);
	flush(&w);
	buf_release(&w.text);
	xml.xmlFreeDoc(doc);
	own_markers(d);
	return 0;
}
