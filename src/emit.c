#include "emit.h"

#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "buf.h"
#include "escape.h"
#include "xmalloc.h"

struct emit {
	enum emit_kind kind;
	int json;		/* EMIT_JSON or EMIT_JSON_LINE */
	int verbatim;		/* JSON: text escaped, not cleaned */
	FILE *fp;
	int failed;
	/* YAML */
	yaml_emitter_t ye;
	int ndocs;
	/* JSON: one flag per open container, "no element written yet" */
	unsigned char first[128];
	int depth;
	int after_key;
	int docs_open;
};

static int
write_handler(void *data, unsigned char *buffer, size_t size)
{
	struct emit *e = data;

	if (fwrite(buffer, 1, size, e->fp) != size) {
		e->failed = 1;
		return 0;
	}
	return 1;
}

static void
yemit(struct emit *e, yaml_event_t *ev)
{
	if (!e->failed && !yaml_emitter_emit(&e->ye, ev))
		e->failed = 1;
}

struct emit *
emit_new(enum emit_kind kind, FILE *fp)
{
	struct emit *e = xcalloc(1, sizeof *e);
	yaml_event_t ev;

	e->kind = kind;
	e->json = kind != EMIT_YAML;
	e->fp = fp;
	if (kind == EMIT_YAML) {
		if (!yaml_emitter_initialize(&e->ye)) {
			fputs("rectrack: out of memory\n", stderr);
			exit(1);
		}
		yaml_emitter_set_output(&e->ye, write_handler, e);
		yaml_emitter_set_unicode(&e->ye, 1);
		yaml_emitter_set_width(&e->ye, -1);
		yaml_emitter_set_indent(&e->ye, 2);
		yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING);
		yemit(e, &ev);
	}
	return e;
}

void
emit_set_verbatim(struct emit *e, int on)
{
	e->verbatim = on;
}

int
emit_free(struct emit *e)
{
	yaml_event_t ev;
	int failed;

	if (e->kind == EMIT_YAML) {
		yaml_stream_end_event_initialize(&ev);
		yemit(e, &ev);
		yaml_emitter_flush(&e->ye);
		yaml_emitter_delete(&e->ye);
	} else if (e->docs_open) {
		fputs("\n]\n", e->fp);
	}
	failed = e->failed || ferror(e->fp);
	free(e);
	return failed ? -1 : 0;
}

/* JSON: the separator before an element at the current depth. */
static void
jsep(struct emit *e)
{
	if (e->after_key) {
		e->after_key = 0;
		return;
	}
	if (e->depth > 0 && e->kind == EMIT_JSON_LINE) {
		if (!e->first[e->depth])
			fputs(", ", e->fp);
		e->first[e->depth] = 0;
	} else if (e->depth > 0) {
		fputs(e->first[e->depth] ? "\n" : ",\n", e->fp);
		e->first[e->depth] = 0;
		fprintf(e->fp, "%*s", e->depth * 2, "");
	}
}

static void
jopen(struct emit *e, char c)
{
	jsep(e);
	fputc(c, e->fp);
	if (e->depth + 1 < (int)sizeof e->first)
		e->depth++;
	e->first[e->depth] = 1;
}

static void
jclose(struct emit *e, char c)
{
	int empty = e->first[e->depth];

	e->depth--;
	if (!empty && e->kind != EMIT_JSON_LINE)
		fprintf(e->fp, "\n%*s", e->depth * 2, "");
	fputc(c, e->fp);
}

void
emit_doc_begin(struct emit *e)
{
	yaml_event_t ev;

	if (e->kind == EMIT_YAML) {
		/* the first document needs no ---; the others do */
		yaml_document_start_event_initialize(&ev, NULL, NULL, NULL,
		    e->ndocs++ == 0);
		yemit(e, &ev);
		return;
	}
	if (!e->docs_open) {
		fputc('[', e->fp);
		e->docs_open = 1;
		e->depth = 1;
		e->first[1] = 1;
	}
}

void
emit_doc_end(struct emit *e)
{
	yaml_event_t ev;

	if (e->kind == EMIT_YAML) {
		yaml_document_end_event_initialize(&ev, 1);
		yemit(e, &ev);
	}
}

void
emit_map_begin(struct emit *e)
{
	yaml_event_t ev;

	if (e->json) {
		jopen(e, '{');
		return;
	}
	yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1,
	    YAML_BLOCK_MAPPING_STYLE);
	yemit(e, &ev);
}

void
emit_map_end(struct emit *e)
{
	yaml_event_t ev;

	if (e->json) {
		jclose(e, '}');
		return;
	}
	yaml_mapping_end_event_initialize(&ev);
	yemit(e, &ev);
}

void
emit_seq_begin(struct emit *e)
{
	yaml_event_t ev;

	if (e->json) {
		jopen(e, '[');
		return;
	}
	yaml_sequence_start_event_initialize(&ev, NULL, NULL, 1,
	    YAML_BLOCK_SEQUENCE_STYLE);
	yemit(e, &ev);
}

void
emit_seq_end(struct emit *e)
{
	yaml_event_t ev;

	if (e->json) {
		jclose(e, ']');
		return;
	}
	yaml_sequence_end_event_initialize(&ev);
	yemit(e, &ev);
}

/* Text that rectrack's reader takes for "not stated" when plain. */
static int
null_word(const char *s)
{
	return *s == '\0' || !strcmp(s, "~") || !strcmp(s, "null") ||
	    !strcmp(s, "Null") || !strcmp(s, "NULL");
}

static void
scalar(struct emit *e, const char *s, yaml_scalar_style_t style)
{
	yaml_event_t ev;

	yaml_scalar_event_initialize(&ev, NULL, NULL, (yaml_char_t *)s,
	    (int)strlen(s), 1, 1, style);
	yemit(e, &ev);
}

void
emit_str(struct emit *e, const char *raw)
{
	struct buf b = BUF_INIT, c = BUF_INIT;
	const char *s;

	/* NULL where the schema allows none (a file edited around
	 * rectrack): shown as empty */
	if (e->json && e->verbatim) {
		s = raw != NULL ? raw : "";
	} else {
		text_clean(&c, raw != NULL ? raw : "", "");
		s = c.s;
	}
	if (e->json) {
		jsep(e);
		esc_json(&b, s);
		fputs(b.s, e->fp);
		buf_release(&b);
		buf_release(&c);
		return;
	}
	if (null_word(s))
		scalar(e, s, YAML_DOUBLE_QUOTED_SCALAR_STYLE);
	else if (strchr(s, '\n') != NULL)
		scalar(e, s, YAML_LITERAL_SCALAR_STYLE);
	else
		scalar(e, s, YAML_ANY_SCALAR_STYLE);
	buf_release(&c);
}

void
emit_key(struct emit *e, const char *key)
{
	struct buf b = BUF_INIT;

	if (e->json) {
		jsep(e);
		esc_json(&b, key);
		fprintf(e->fp, "%s: ", b.s);
		buf_release(&b);
		e->after_key = 1;
		return;
	}
	scalar(e, key, YAML_PLAIN_SCALAR_STYLE);
}

void
emit_kv(struct emit *e, const char *key, const char *value)
{
	if (value == NULL)
		return;
	emit_key(e, key);
	emit_str(e, value);
}

void
emit_kbool(struct emit *e, const char *key, int value)
{
	emit_key(e, key);
	if (e->json) {
		jsep(e);
		fputs(value ? "true" : "false", e->fp);
		return;
	}
	scalar(e, value ? "true" : "false", YAML_PLAIN_SCALAR_STYLE);
}

void
emit_knum(struct emit *e, const char *key, const char *num)
{
	emit_key(e, key);
	if (e->json) {
		jsep(e);
		fputs(num, e->fp);
		return;
	}
	scalar(e, num, YAML_PLAIN_SCALAR_STYLE);
}

void
emit_kint(struct emit *e, const char *key, long long value)
{
	char num[32];

	snprintf(num, sizeof num, "%lld", value);
	emit_knum(e, key, num);
}

void
emit_knull(struct emit *e, const char *key, const char *value)
{
	if (value != NULL) {
		emit_kv(e, key, value);
		return;
	}
	if (!e->json)
		return;
	emit_key(e, key);
	jsep(e);
	fputs("null", e->fp);
}
