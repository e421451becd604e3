#include "draft.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"

/* Inline tags that HTML pasted into markdown carries; anything else in
 * angle brackets is text ("<committee-id>"). */
static const char *const inline_tags[] = { "sup", "sub", "b", "i", "u",
	"em", "strong", "span", "small", "mark", "br", "a", NULL };

static size_t
inline_tag(const char *s)
{
	size_t i, n;
	const char *p = s + 1;

	if (*p == '/')
		p++;
	for (i = 0; inline_tags[i] != NULL; i++) {
		n = strlen(inline_tags[i]);
		if (strncasecmp(p, inline_tags[i], n) == 0 &&
		    (p[n] == '>' || p[n] == ' ' || p[n] == '/')) {
			const char *e = strchr(p, '>');

			if (e != NULL && e - s < 200)
				return (size_t)(e - s) + 1;
		}
	}
	return 0;
}

/* A markdown paragraph's text without its markup, its whitespace runs as
 * one space, into b. */
static void
md_clean(struct buf *b, const char *s, size_t len)
{
	size_t i = 0, n;
	const char *e = s + len;

	while (i < len) {
		const char *p = s + i;

		if ((p[0] == '*' && p + 1 < e && p[1] == '*') ||
		    (p[0] == '_' && p + 1 < e && p[1] == '_')) {
			i += 2;
			continue;
		}
		if (p[0] == '\\' && p + 1 < e && ispunct((unsigned char)p[1])) {
			buf_addc(b, p[1]);
			i += 2;
			continue;
		}
		if (p[0] == '<' && (n = inline_tag(p)) > 0 && i + n <= len) {
			i += n;
			continue;
		}
		if (p[0] == '[') {
			/* [text](url): the text */
			const char *close = memchr(p, ']', (size_t)(e - p));

			if (close != NULL && close + 1 < e && close[1] == '(') {
				const char *paren = memchr(close, ')',
				    (size_t)(e - close));

				if (paren != NULL) {
					md_clean(b, p + 1, (size_t)(close -
					    p - 1));
					i = (size_t)(paren - s) + 1;
					continue;
				}
			}
		}
		if (p[0] == ' ') {
			if (b->len > 0 && b->s[b->len - 1] != ' ')
				buf_addc(b, ' ');
			i++;
			continue;
		}
		buf_addc(b, p[0]);
		i++;
	}
}

struct reader {
	struct draft_doc *d;
	struct buf para;	/* the block being read, raw */
	enum draft_block_kind kind;
	char marker[24];
	int item_col;		/* an item's marker column */
	int indent;
	size_t line;
	int open;
};

static void
flush(struct reader *r)
{
	struct buf t = BUF_INIT;

	if (!r->open)
		return;
	md_clean(&t, r->para.s, r->para.len);
	while (t.len > 0 && t.s[t.len - 1] == ' ')
		t.s[--t.len] = '\0';
	if (t.len > 0 || r->kind == DB_RULE)
		draft_doc_add(r->d, r->kind, t.s + (t.s[0] == ' '),
		    t.len - (t.s[0] == ' '), r->marker, r->indent, r->line);
	buf_release(&t);
	buf_reset(&r->para);
	r->open = 0;
}

static void
start(struct reader *r, enum draft_block_kind kind, const char *marker,
    int col, size_t line)
{
	flush(r);
	r->kind = kind;
	snprintf(r->marker, sizeof r->marker, "%s", marker);
	r->item_col = col;
	r->indent = col / 2;
	r->line = line;
	r->open = 1;
}

static int
is_rule(const char *t, size_t n)
{
	size_t i;

	if (n < 3 || (t[0] != '-' && t[0] != '*' && t[0] != '_'))
		return 0;
	for (i = 0; i < n; i++)
		if (t[i] != t[0] && t[i] != ' ')
			return 0;
	return 1;
}

static int
field_line(const char *s, size_t n)
{
	char head[48];
	size_t k = n < sizeof head - 1 ? n : sizeof head - 1;

	memcpy(head, s, k);
	head[k] = '\0';
	return draft_field_line(head);
}

/* One line, without its newline and trailing spaces. */
static void
read_line(struct reader *r, const char *s, size_t n, size_t line,
    int *prev_blank)
{
	int col = 0;
	size_t h;
	char marker[24], num[24];

	while (col < (int)n && s[col] == ' ')
		col++;
	s += col;
	n -= (size_t)col;
	if (n == 0) {
		flush(r);
		*prev_blank = 1;
		return;
	}
	if (is_rule(s, n)) {
		start(r, DB_RULE, "", 0, line);
		flush(r);
		*prev_blank = 1;
		return;
	}
	for (h = 0; h < n && h < 7 && s[h] == '#'; h++)
		;
	if (h >= 1 && h <= 6 && (h == n || s[h] == ' ')) {
		start(r, DB_HEAD, "", 0, line);
		while (n > h && (s[n - 1] == '#' || s[n - 1] == ' '))
			n--;
		if (n > h)
			buf_add(&r->para, s + h, n - h);
		flush(r);
		*prev_blank = 1;
		return;
	}
	{
		/* the marker is read from a NUL-ended copy of its start */
		char head[40];
		size_t m, k = n < sizeof head - 1 ? n : sizeof head - 1;

		memcpy(head, s, k);
		head[k] = '\0';
		if ((m = draft_marker(head, marker, sizeof marker)) > 0 &&
		    m < k) {
			enum draft_block_kind kind = DB_ITEM;
			const char *rest = s + m;
			size_t rn = n - m, pm;
			size_t kk = rn < sizeof head - 1 ? rn : sizeof head - 1;

			/* "- 4.1 text": a numbered paragraph in a list */
			memcpy(head, rest, kk);
			head[kk] = '\0';
			if (strchr(marker, '.') != NULL &&
			    isdigit((unsigned char)marker[0]) &&
			    isdigit((unsigned char)marker[strlen(marker) - 1]))
				kind = DB_PARA;
			else if (!isalnum((unsigned char)marker[0]) &&
			    (pm = draft_marker(head, num, sizeof num)) > 0 &&
			    pm < kk && isdigit((unsigned char)num[0]) &&
			    strchr(num, '.') != NULL &&
			    isdigit((unsigned char)num[strlen(num) - 1])) {
				kind = DB_PARA;
				snprintf(marker, sizeof marker, "%s", num);
				rest += pm;
				rn -= pm;
			}
			start(r, kind, marker, col, line);
			buf_add(&r->para, rest, rn);
			*prev_blank = 0;
			return;
		}
	}
	if (r->open && !*prev_blank && r->kind == DB_HEAD)
		flush(r);
	if (r->open && field_line(s, n))
		flush(r);
	if (r->open && (r->kind == DB_ITEM || r->marker[0] != '\0') &&
	    col <= r->item_col)
		flush(r);
	if (!r->open)
		start(r, DB_PARA, "", col, line);
	else
		buf_addc(&r->para, ' ');
	buf_add(&r->para, s, n);
	*prev_blank = 0;
}

void
draft_read_text(struct draft_doc *d, const char *s, size_t len)
{
	struct reader r = { d, BUF_INIT, DB_PARA, "", 0, 0, 0, 0 };
	size_t line = 1;
	int prev_blank = 1;
	const char *e = s + len;

	while (s < e) {
		const char *nl = memchr(s, '\n', (size_t)(e - s));
		size_t n = nl != NULL ? (size_t)(nl - s) : (size_t)(e - s);
		size_t k = n;

		while (k > 0 && s[k - 1] == ' ')
			k--;
		read_line(&r, s, k, line, &prev_blank);
		line++;
		s += n + (nl != NULL);
	}
	flush(&r);
	buf_release(&r.para);
}

static int
page_number(const char *t)
{
	if (strncasecmp(t, "page ", 5) == 0)
		t += 5;
	if (!isdigit((unsigned char)*t))
		return 0;
	while (isdigit((unsigned char)*t))
		t++;
	if (strncasecmp(t, " of ", 4) == 0 && isdigit((unsigned char)t[4])) {
		t += 4;
		while (isdigit((unsigned char)*t))
			t++;
	}
	return *t == '\0';
}

void
draft_drop_page_numbers(struct draft_doc *d)
{
	size_t i, j = 0;

	for (i = 0; i < d->n; i++) {
		if (d->b[i].kind == DB_PARA && d->b[i].marker[0] == '\0' &&
		    page_number(d->b[i].text)) {
			free(d->b[i].text);
			continue;
		}
		d->b[j++] = d->b[i];
	}
	d->n = j;
}
