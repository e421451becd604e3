#include "yamlin.h"

#include <errno.h>
#include <stddef.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "buf.h"
#include "diag.h"
#include "xmalloc.h"

/*
 * A scalar is one token: libyaml reads it whole before its event. The
 * reader lets a run of this many bytes pass without an event, so that a
 * value somewhat over the limit is still reported exactly, at its start,
 * when its event arrives; a longer run (a huge value, or megabytes of
 * comment) is stopped here, before libyaml buffers it all.
 */
#define READ_RUN_MAX (8 * YIN_MAX_SCALAR)

struct yin {
	yaml_parser_t parser;
	char *name;
	FILE *fp;			/* NULL when reading memory */
	const unsigned char *mem;
	size_t memlen, mempos;
	int depth;
	int dead;			/* stop: the reason was reported */
	size_t nerrors;
	/* the reader's view of the raw bytes */
	size_t offset;			/* bytes read */
	size_t size;			/* of the file, 0 when unknown */
	size_t since_event;		/* bytes read since the last event */
	size_t line, col;		/* position of the next byte, 1-based */
	size_t evline, evcol;		/* end of the last event, 1-based */
	int cr;				/* last byte was CR */
	int need;			/* UTF-8 continuation bytes expected */
	unsigned long cp, cpmin;
	size_t cpline, cpcol;
};

const char *
yin_name(const struct yin *y)
{
	return y->name;
}

size_t
yin_size(const struct yin *y)
{
	return y->size;
}

size_t
yin_offset(const struct yin *y)
{
	return y->offset;
}

static int
count_error(struct yin *y)
{
	if (++y->nerrors == YIN_MAX_ERRORS) {
		diag_at(y->name, y->line, y->col,
		    "too many errors; giving up on this file");
		y->dead = 1;
	}
	return -1;
}

size_t
yin_error_count(const struct yin *y)
{
	return y->nerrors;
}

int
yin_dead(const struct yin *y)
{
	return y->dead;
}

int
yin_error_at(struct yin *y, size_t line, size_t col, const char *fmt, ...)
{
	va_list ap;

	if (y->nerrors >= YIN_MAX_ERRORS)
		return -1;
	va_start(ap, fmt);
	diag_vat(y->name, line, col, fmt, ap);
	va_end(ap);
	return count_error(y);
}

int
yin_error(struct yin *y, const struct ynode *at, const char *fmt, ...)
{
	va_list ap;

	if (y->nerrors >= YIN_MAX_ERRORS)
		return -1;
	va_start(ap, fmt);
	diag_vat(y->name, at->line, at->col, fmt, ap);
	va_end(ap);
	return count_error(y);
}

static int
reader_fail(struct yin *y, size_t line, size_t col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static int
reader_fail(struct yin *y, size_t line, size_t col, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_vat(y->name, line, col, fmt, ap);
	va_end(ap);
	y->dead = 1;
	y->nerrors++;
	return 0;
}

/*
 * Check the raw bytes as they arrive, keeping line and column (in
 * characters, as libyaml counts them). Returns 0 and reports on a byte
 * that format.md forbids.
 */
static int
scan_bytes(struct yin *y, const unsigned char *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned char c = p[i];
		size_t at;

		/* printable ASCII outside a sequence: nearly every byte */
		if (c >= 0x20 && c < 0x7f && y->need == 0) {
			y->col++;
			y->cr = 0;
			continue;
		}
		at = y->offset + i;
		if (at == 0 && (c == 0xff || c == 0xfe) && i + 1 < n &&
		    (p[i + 1] ^ c) == 0x01)
			return reader_fail(y, 1, 1, "file is UTF-16; rectrack "
			    "reads UTF-8 (save the file as UTF-8)");
		if (y->need > 0) {
			if ((c & 0xc0) != 0x80)
				return reader_fail(y, y->cpline, y->cpcol,
				    "invalid UTF-8 sequence (byte 0x%02x); "
				    "save the file as UTF-8", c);
			y->cp = (y->cp << 6) | (c & 0x3f);
			if (--y->need > 0)
				continue;
			if (y->cp < y->cpmin)
				return reader_fail(y, y->cpline, y->cpcol,
				    "overlong UTF-8 encoding of U+%04lX; save "
				    "the file as UTF-8", y->cp);
			if (y->cp >= 0xd800 && y->cp <= 0xdfff)
				return reader_fail(y, y->cpline, y->cpcol,
				    "UTF-8 encoded surrogate U+%04lX is not "
				    "text; save the file as UTF-8", y->cp);
			if (y->cp > 0x10ffff)
				return reader_fail(y, y->cpline, y->cpcol,
				    "invalid UTF-8 sequence (beyond U+10FFFF)");
			if (y->cp >= 0x80 && y->cp <= 0x9f)
				return reader_fail(y, y->cpline, y->cpcol,
				    "control character U+%04lX is not allowed "
				    "in text", y->cp);
			/* a BOM at the very start is allowed and not counted */
			if (!(y->cp == 0xfeff && y->cpline == 1 &&
			    y->cpcol == 1 && at == 2))
				y->col++;
			continue;
		}
		if (c < 0x80) {
			if (c == '\n') {
				if (!y->cr) {
					y->line++;
					y->col = 1;
				}
				y->cr = 0;
				continue;
			}
			y->cr = 0;
			if (c == '\r') {
				y->line++;
				y->col = 1;
				y->cr = 1;
				continue;
			}
			if (c == 0)
				return reader_fail(y, y->line, y->col,
				    "NUL byte is not allowed%s", at < 2 ?
				    " (is this file UTF-16? rectrack reads "
				    "UTF-8)" : "");
			if ((c < 0x20 && c != '\t') || c == 0x7f)
				return reader_fail(y, y->line, y->col,
				    "control character U+%04X is not allowed",
				    c);
			y->col++;
			continue;
		}
		y->cpline = y->line;
		y->cpcol = y->col;
		if (c >= 0xc2 && c <= 0xdf) {
			y->need = 1;
			y->cp = c & 0x1f;
			y->cpmin = 0x80;
		} else if (c >= 0xe0 && c <= 0xef) {
			y->need = 2;
			y->cp = c & 0x0f;
			y->cpmin = 0x800;
		} else if (c >= 0xf0 && c <= 0xf4) {
			y->need = 3;
			y->cp = c & 0x07;
			y->cpmin = 0x10000;
		} else if (c == 0xc0 || c == 0xc1) {
			return reader_fail(y, y->line, y->col,
			    "overlong UTF-8 encoding (byte 0x%02x); save the "
			    "file as UTF-8", c);
		} else {
			return reader_fail(y, y->line, y->col,
			    "invalid UTF-8 byte 0x%02x; save the file as "
			    "UTF-8", c);
		}
	}
	return 1;
}

static int
read_handler(void *data, unsigned char *buffer, size_t size, size_t *got)
{
	struct yin *y = data;
	size_t n;

	*got = 0;
	if (y->dead)
		return 0;
	if (y->fp != NULL) {
		n = fread(buffer, 1, size, y->fp);
		if (n == 0 && ferror(y->fp))
			return reader_fail(y, y->line, y->col,
			    "read error: %s", strerror(errno));
	} else {
		n = y->memlen - y->mempos;
		if (n > size)
			n = size;
		memcpy(buffer, y->mem + y->mempos, n);
		y->mempos += n;
	}
	if (n == 0) {
		if (y->need > 0)
			return reader_fail(y, y->cpline, y->cpcol,
			    "truncated UTF-8 sequence at end of file; save the "
			    "file as UTF-8");
		return 1;
	}
	if (!scan_bytes(y, buffer, n))
		return 0;
	y->offset += n;
	y->since_event += n;
	if (y->since_event > READ_RUN_MAX)
		return reader_fail(y, y->evline, y->evcol, "the value after "
		    "this point is longer than the 1 MiB limit (or is more "
		    "than 8 MiB of comment)");
	*got = n;
	return 1;
}

static struct yin *
yin_new(const char *name)
{
	struct yin *y = xcalloc(1, sizeof *y);

	if (!yaml_parser_initialize(&y->parser)) {
		fputs("rectrack: out of memory\n", stderr);
		exit(1);
	}
	yaml_parser_set_input(&y->parser, read_handler, y);
	y->name = xstrdup(name);
	y->line = y->col = 1;
	y->evline = y->evcol = 1;
	return y;
}

struct yin *
yin_open(const char *path)
{
	struct yin *y;
	struct stat sb;
	FILE *fp;

	if (strcmp(path, "-") == 0) {
		y = yin_new("<stdin>");
		y->fp = stdin;
		return y;
	}
	fp = fopen(path, "rb");
	if (fp == NULL) {
		error("%s: %s", path, strerror(errno));
		return NULL;
	}
	if (fstat(fileno(fp), &sb) == 0 && S_ISDIR(sb.st_mode)) {
		error("%s: is a directory, not a YAML file", path);
		fclose(fp);
		return NULL;
	}
	y = yin_new(path);
	y->fp = fp;
	if (S_ISREG(sb.st_mode))
		y->size = (size_t)sb.st_size;
	return y;
}

struct yin *
yin_mem(const char *name, const void *data, size_t len)
{
	struct yin *y = yin_new(name);

	y->mem = data;
	y->memlen = len;
	return y;
}

void
yin_close(struct yin *y)
{
	if (y == NULL)
		return;
	yaml_parser_delete(&y->parser);
	if (y->fp != NULL && y->fp != stdin)
		fclose(y->fp);
	free(y->name);
	free(y);
}

/* The first control character in s (U+0000-U+001F but tab and newline,
 * U+007F, U+0080-U+009F), or -1. */
static long
control_char(const unsigned char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		if ((s[i] < 0x20 && s[i] != '\t' && s[i] != '\n') ||
		    s[i] == 0x7f)
			return s[i];
		if (s[i] == 0xc2 && i + 1 < len && s[i + 1] >= 0x80 &&
		    s[i + 1] <= 0x9f)
			return s[i + 1];
	}
	return -1;
}

/* libyaml expands !!str to tag:yaml.org,2002:str; show what was written. */
static const char *
tag_name(const yaml_char_t *tag, char *out, size_t size)
{
	static const char prefix[] = "tag:yaml.org,2002:";

	if (strncmp((const char *)tag, prefix, sizeof prefix - 1) == 0)
		snprintf(out, size, "!!%s", (const char *)tag + sizeof prefix - 1);
	else
		snprintf(out, size, "%s", (const char *)tag);
	return out;
}

int
yin_next(struct yin *y, yaml_event_t *ev)
{
	const yaml_mark_t *m;
	char tagtext[80];
	long cc;

	if (y->dead)
		return 0;
	if (!yaml_parser_parse(&y->parser, ev)) {
		if (!y->dead) {
			const yaml_parser_t *p = &y->parser;

			m = &p->problem_mark;
			if (p->context != NULL)
				diag_at(y->name, m->line + 1, m->column + 1,
				    "syntax error: %s %s (line %zu)",
				    p->problem ? p->problem : "invalid YAML",
				    p->context, p->context_mark.line + 1);
			else
				diag_at(y->name, m->line + 1, m->column + 1,
				    "syntax error: %s", p->problem ?
				    p->problem : "invalid YAML");
			y->dead = 1;
		}
		return 0;
	}
	y->since_event = 0;
	y->evline = ev->end_mark.line + 1;
	y->evcol = ev->end_mark.column + 1;
	m = &ev->start_mark;
	switch (ev->type) {
	case YAML_ALIAS_EVENT:
		yin_error_at(y, m->line + 1, m->column + 1, "alias '*%s' is "
		    "not allowed: write the value out in full",
		    (const char *)ev->data.alias.anchor);
		break;
	case YAML_SCALAR_EVENT:
		if (ev->data.scalar.anchor != NULL)
			yin_error_at(y, m->line + 1, m->column + 1, "anchor "
			    "'&%s' is not allowed: write each value out in "
			    "full", (const char *)ev->data.scalar.anchor);
		if (ev->data.scalar.tag != NULL)
			yin_error_at(y, m->line + 1, m->column + 1, "tag "
			    "'%s' is not allowed: values are plain text",
			    tag_name(ev->data.scalar.tag, tagtext,
			    sizeof tagtext));
		if (ev->data.scalar.length > YIN_MAX_SCALAR)
			yin_error_at(y, m->line + 1, m->column + 1, "value "
			    "is longer than the 1 MiB limit");
		else if ((cc = control_char(ev->data.scalar.value,
		    ev->data.scalar.length)) >= 0)
			yin_error_at(y, m->line + 1, m->column + 1, "control "
			    "character U+%04lX in text: only tab and newline "
			    "are allowed (remove it)", cc);
		break;
	case YAML_SEQUENCE_START_EVENT:
	case YAML_MAPPING_START_EVENT:
		if (++y->depth > YIN_MAX_DEPTH) {
			diag_at(y->name, m->line + 1, m->column + 1, "nesting "
			    "deeper than %d levels", YIN_MAX_DEPTH);
			y->dead = 1;
			yaml_event_delete(ev);
			return 0;
		}
		{
			yaml_char_t *anchor = ev->type ==
			    YAML_MAPPING_START_EVENT ?
			    ev->data.mapping_start.anchor :
			    ev->data.sequence_start.anchor;
			yaml_char_t *tag = ev->type ==
			    YAML_MAPPING_START_EVENT ?
			    ev->data.mapping_start.tag :
			    ev->data.sequence_start.tag;

			if (anchor != NULL)
				yin_error_at(y, m->line + 1, m->column + 1,
				    "anchor '&%s' is not allowed: write each "
				    "value out in full", (const char *)anchor);
			if (tag != NULL)
				yin_error_at(y, m->line + 1, m->column + 1,
				    "tag '%s' is not allowed: values are plain "
				    "text", tag_name(tag, tagtext,
				    sizeof tagtext));
		}
		break;
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		y->depth--;
		break;
	default:
		break;
	}
	if (y->dead) {
		yaml_event_delete(ev);
		return 0;
	}
	return 1;
}

size_t
text_trim(char *s, size_t len)
{
	size_t start = 0, i, end;

	/* skip leading blank lines: up to the start of the first line with
	 * something on it */
	for (i = 0; i < len; i++) {
		if (s[i] == '\n')
			start = i + 1;
		else if (s[i] != ' ' && s[i] != '\t')
			break;
	}
	if (i == len) {
		s[0] = '\0';
		return 0;
	}
	/* the end of the last line with something on it */
	end = len;
	while (end > start && (s[end - 1] == ' ' || s[end - 1] == '\t' ||
	    s[end - 1] == '\n')) {
		end--;
	}
	while (end < len && s[end] != '\n')
		end++;
	memmove(s, s + start, end - start);
	s[end - start] = '\0';
	return end - start;
}

/*
 * A tree's memory: blocks handed out in order and freed together, so that
 * building and dropping a review costs a few allocations, not one per node
 * and per text.
 */
struct arena {
	struct arena_block *blocks;
};

struct arena_block {
	struct arena_block *next;
	size_t used, size;
	max_align_t data[];
};

static void *
arena_alloc(struct arena *a, size_t size)
{
	struct arena_block *b = a->blocks;
	size_t need = (size + sizeof(max_align_t) - 1) &
	    ~(sizeof(max_align_t) - 1);
	void *p;

	if (b == NULL || b->size - b->used < need) {
		size_t bsize = need > 32768 ? need : 32768;

		b = xmalloc(sizeof *b + bsize);
		b->size = bsize;
		b->used = 0;
		b->next = a->blocks;
		a->blocks = b;
	}
	p = (char *)b->data + b->used;
	b->used += need;
	return p;
}

static void
arena_free(struct arena *a)
{
	struct arena_block *b, *next;

	for (b = a->blocks; b != NULL; b = next) {
		next = b->next;
		free(b);
	}
	free(a);
}

static struct ynode *
node_new(struct arena *a, enum ynode_type type, const yaml_event_t *ev)
{
	struct ynode *n = arena_alloc(a, sizeof *n);

	memset(n, 0, sizeof *n);
	n->type = type;
	n->line = ev->start_mark.line + 1;
	n->col = ev->start_mark.column + 1;
	return n;
}

static void
node_add(struct arena *a, struct ynode *parent, struct ynode *kid)
{
	if (parent->n == parent->cap) {
		size_t cap = parent->cap ? parent->cap * 2 : 8;
		struct ynode **kids = arena_alloc(a, cap * sizeof *kids);

		if (parent->n)
			memcpy(kids, parent->kids, parent->n * sizeof *kids);
		parent->kids = kids;
		parent->cap = cap;
	}
	parent->kids[parent->n++] = kid;
}

static int
is_null_word(const char *s, size_t len)
{
	return len == 0 || (len == 1 && s[0] == '~') || (len == 4 &&
	    (!strcmp(s, "null") || !strcmp(s, "Null") || !strcmp(s, "NULL")));
}

static struct ynode *
tree(struct yin *y, struct arena *a, yaml_event_t *ev)
{
	struct ynode *n, *kid;
	yaml_event_type_t end;
	yaml_event_t next;
	size_t len;

	switch (ev->type) {
	case YAML_SCALAR_EVENT:
		n = node_new(a, YN_SCALAR, ev);
		len = ev->data.scalar.length;
		n->s = arena_alloc(a, len + 1);
		memcpy(n->s, ev->data.scalar.value, len);
		n->s[len] = '\0';
		n->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
		n->len = text_trim(n->s, len);
		n->null = n->plain && is_null_word(n->s, n->len);
		yaml_event_delete(ev);
		return n;
	case YAML_ALIAS_EVENT:
		n = node_new(a, YN_SCALAR, ev);
		n->s = arena_alloc(a, 1);
		n->s[0] = '\0';
		n->null = 1;
		n->alias = 1;
		yaml_event_delete(ev);
		return n;
	case YAML_MAPPING_START_EVENT:
		n = node_new(a, YN_MAP, ev);
		end = YAML_MAPPING_END_EVENT;
		break;
	case YAML_SEQUENCE_START_EVENT:
		n = node_new(a, YN_SEQ, ev);
		end = YAML_SEQUENCE_END_EVENT;
		break;
	default:
		yin_error_at(y, ev->start_mark.line + 1,
		    ev->start_mark.column + 1, "unexpected YAML event");
		yaml_event_delete(ev);
		y->dead = 1;
		return NULL;
	}
	yaml_event_delete(ev);
	for (;;) {
		if (!yin_next(y, &next))
			return NULL;
		if (next.type == end) {
			yaml_event_delete(&next);
			return n;
		}
		kid = tree(y, a, &next);
		if (kid == NULL)
			return NULL;
		node_add(a, n, kid);
	}
}

struct ynode *
yin_tree(struct yin *y, yaml_event_t *ev)
{
	struct arena *a = xcalloc(1, sizeof *a);
	struct ynode *n = tree(y, a, ev);

	if (n == NULL) {
		arena_free(a);
		return NULL;
	}
	n->arena = a;
	return n;
}

void
ynode_free(struct ynode *n)
{
	if (n != NULL && n->arena != NULL)
		arena_free(n->arena);
}

struct ynode *
ymap_get(const struct ynode *map, const char *key)
{
	size_t i;

	if (map == NULL || map->type != YN_MAP)
		return NULL;
	for (i = 0; i < YMAP_N(map); i++) {
		const struct ynode *k = YMAP_KEY(map, i);

		if (k->type == YN_SCALAR && strcmp(k->s, key) == 0)
			return YMAP_VAL(map, i);
	}
	return NULL;
}
