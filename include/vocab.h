#ifndef RECTRACK_VOCAB_H
#define RECTRACK_VOCAB_H

/*
 * The closed vocabularies of format.md, each a NULL-terminated list in the
 * order the format gives them, and the recommendation status rules.
 */
extern const char *const vocab_status[];
extern const char *const vocab_decision[];
extern const char *const vocab_stage[];
extern const char *const vocab_evidence_kind[];
extern const char *const vocab_action_status[];
/* An update's rag: the council's own assessment (format.md additions). */
extern const char *const vocab_rag[];

/* Index of word in list, or -1. Exact match: "Agreed" is not "agreed". */
int vocab_find(const char *const *list, const char *word);
/* The list as "a, b, c" (the caller frees). */
char *vocab_join(const char *const *list);

/* A terminal status: rejected, implemented, not-implemented, withdrawn. */
int status_closed(const char *status);
/* The status a response's decision implies (format.md rule 2); "agreed"
 * for NULL or a word not in the list (a decision is known to be made). */
const char *status_from_decision(const char *decision);

/*
 * The usual path (format.md): draft -> agreed -> accepted |
 * partially-accepted | rejected; accepted, partially-accepted ->
 * in-progress -> implemented | not-implemented; withdrawn from any open
 * status. Keeping the same status (a progress note) is always allowed.
 */
int status_move_allowed(const char *from, const char *to);
/* The statuses reachable from 'from' on the usual path, as "a, b" (the
 * caller frees); "" when none. */
char *status_moves(const char *from);

/*
 * Identifiers (format.md): ID_GLOBAL, the id of a committee or review,
 * [a-z0-9][a-z0-9-]{0,63}; ID_LOCAL, a ref or the id of evidence, a
 * meeting or an action, [A-Za-z0-9][A-Za-z0-9.()_-]{0,31}. 1 when s has
 * the shape.
 */
enum id_kind { ID_GLOBAL, ID_LOCAL };
int id_valid(const char *s, enum id_kind kind);

/* Stage index (draft = 2); a NULL stage is draft. */
int stage_rank(const char *stage);

#endif
