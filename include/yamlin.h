#ifndef RECTRACK_YAMLIN_H
#define RECTRACK_YAMLIN_H

#include <stddef.h>
#include <yaml.h>

/*
 * YAML input: libyaml's event parser behind a reader that enforces
 * format.md's rules on the raw bytes (UTF-8 only, no NUL or control
 * characters, BOM allowed, UTF-16 refused) with exact positions, and the
 * limits (nesting depth, scalar size, key size). Anchors, aliases and tags
 * are reported as errors as their events pass.
 *
 * When libyaml gives up, or a hand-written mistake shows in the bytes
 * (a tab in the indentation, a text that YAML reads as something else, a
 * list item out of line, git's conflict markers), the message names the
 * cause and the fix at the mistake's own position: the reader keeps the
 * last lines it read to look at (docs/format.md, "When a file will not
 * read").
 *
 * Subtrees of events can be built into small trees (yin_tree), so that the
 * importer holds one review at a time, never the whole file. A regular file
 * or a buffer is read and parsed ahead on a second thread (yamlin.c).
 */

#define YIN_MAX_DEPTH	64
#define YIN_MAX_SCALAR	(1024 * 1024)
#define YIN_MAX_KEY	64
#define YIN_MAX_ERRORS	50

enum ynode_type { YN_SCALAR, YN_MAP, YN_SEQ };

struct ynode {
	enum ynode_type type;
	size_t line, col;		/* 1-based */
	char *s;			/* scalar text, trimmed (format.md) */
	size_t len;
	unsigned plain : 1;		/* written without quotes */
	unsigned null : 1;		/* empty plain scalar, ~ or null */
	unsigned alias : 1;		/* an alias, already reported */
	unsigned bad : 1;		/* errors were reported reading it */
	struct ynode *parent;		/* NULL at the root of a tree */
	struct ynode **kids;		/* map: key, value, key, value ... */
	size_t n, cap;
	struct arena *arena;		/* the root: what the tree lives in */
};

struct yin;

/* Open a file ("-" for standard input). Reports and returns NULL on error. */
struct yin *yin_open(const char *path);
/* Read from memory (the caller keeps data alive); name is for messages. */
struct yin *yin_mem(const char *name, const void *data, size_t len);
void yin_close(struct yin *y);
const char *yin_name(const struct yin *y);

/*
 * The next event. Returns 1, or 0 when the file cannot be read further
 * (the reason has been reported). The event stays yin's: its text is
 * valid until the next call, and it is not to be yaml_event_delete()d
 * (the reading thread frees what it allocated). After the stream's end,
 * an event of type YAML_NO_EVENT.
 */
int yin_next(struct yin *y, yaml_event_t *ev);

/*
 * Build the node that starts with ev (yin_next's latest) and all that it
 * contains, in one arena that ynode_free() of the root releases. NULL
 * when the file cannot be read further.
 */
struct ynode *yin_tree(struct yin *y, yaml_event_t *ev);
void ynode_free(struct ynode *n);

/* Number of map pairs. */
#define YMAP_N(m) ((m)->n / 2)
#define YMAP_KEY(m, i) ((m)->kids[2 * (i)])
#define YMAP_VAL(m, i) ((m)->kids[2 * (i) + 1])

/* The value of key in map, or NULL. */
struct ynode *ymap_get(const struct ynode *map, const char *key);

/* Trim leading and trailing blank lines and the final newline (in place). */
size_t text_trim(char *s, size_t len);

/* Report an error at a node of y's file (nothing past YIN_MAX_ERRORS).
 * Returns -1. */
int yin_error(struct yin *y, const struct ynode *at, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
int yin_error_at(struct yin *y, size_t line, size_t col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/*
 * A text holding ': ' written plain where text belongs ("- Note: the
 * panel found..."), which YAML reads as a mapping of one key: report it
 * as such (quote it, or write it as a block) and return 1; 0 when n is
 * not one.
 */
int yin_text_as_map(struct yin *y, const struct ynode *n);

/* The errors reported for this file so far. */
size_t yin_error_count(const struct yin *y);

/* The file could not be read to its end (the reason was reported). */
int yin_dead(const struct yin *y);
/* "N spaces left" or "N spaces right", from column from to column to,
 * into out (size bytes, 32 is enough); returns out. */
const char *yin_move_by(size_t from, size_t to, char *out, size_t size);

/* The file's size in bytes, 0 when unknown (a pipe). */
size_t yin_size(const struct yin *y);

/* Bytes read so far (for progress). */
size_t yin_offset(const struct yin *y);

#endif
