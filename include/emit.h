#ifndef RECTRACK_EMIT_H
#define RECTRACK_EMIT_H

#include <stdio.h>

/*
 * Structured output (mappings, lists, text) written as YAML through
 * libyaml's emitter, or as JSON, behind one interface, so that export and
 * 'show --format yaml' describe a record once. Text that rectrack's reader
 * would take for "not stated" (empty, ~, null) is quoted, and text of
 * several lines is written as a literal block, so that what is written
 * reads back exactly.
 */

/* EMIT_JSON_LINE: JSON on one line, elements separated by ", ". */
enum emit_kind { EMIT_YAML, EMIT_JSON, EMIT_JSON_LINE };

struct emit;

struct emit *emit_new(enum emit_kind kind, FILE *fp);
/* JSON: write text as it is, every control character escaped (\u001b),
 * instead of cleaned to U+FFFD as text_clean() does. */
void emit_set_verbatim(struct emit *e, int on);
/* Finish and free; 0, or -1 when writing failed. */
int emit_free(struct emit *e);

/* A document of the stream (YAML); JSON writes several as an array. */
void emit_doc_begin(struct emit *e);
void emit_doc_end(struct emit *e);
void emit_map_begin(struct emit *e);
void emit_map_end(struct emit *e);
void emit_seq_begin(struct emit *e);
void emit_seq_end(struct emit *e);
/* A text value (in a list, or after emit_key). */
void emit_str(struct emit *e, const char *s);
void emit_key(struct emit *e, const char *key);
/* key: value, nothing when value is NULL. */
void emit_kv(struct emit *e, const char *key, const char *value);
/* key: true|false (JSON) or key: true|false (YAML, plain). */
void emit_kbool(struct emit *e, const char *key, int value);
/* key: a number written as given (JSON), or as text (YAML). */
void emit_knum(struct emit *e, const char *key, const char *num);
/* key: a whole number. */
void emit_kint(struct emit *e, const char *key, long long value);
/* key: null (JSON; nothing in YAML) when value is NULL, else the text. */
void emit_knull(struct emit *e, const char *key, const char *value);

#endif
