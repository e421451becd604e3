#ifndef RECTRACK_PRETOK_H
#define RECTRACK_PRETOK_H

#include <stddef.h>
#include <sqlite3.h>

/*
 * Tokenizing ahead. FTS5 splits every text it indexes into words with the
 * index's tokenizer ('porter unicode61 ...'), on the thread that inserts.
 * During an import the texts to index are known a batch at a time before
 * they are inserted (search.c), so a second thread can run the very same
 * tokenizer over the batch while the importer goes on, and FTS5 is handed
 * the words made already when it asks for them.
 *
 * pretok_register() puts a wrapper in front of FTS5's "porter" tokenizer
 * on one connection. The wrapper gives the words made ahead only for a
 * text that is byte for byte the next text of the batch armed, and only
 * when its own arguments are those the words were made with; anything
 * else (a query, a snippet, a deleted row, a different index) goes to the
 * real tokenizer, so the index is what it would be without any of this.
 *
 * Every function below takes the wrapper pretok_register() returned, and
 * does nothing given NULL.
 */
struct pretok;

/* Wrap "porter" on the connection whose FTS5 this is; the wrapper, its
 * thread and its words go when the connection closes. NULL when it
 * cannot (nothing is wrapped). */
struct pretok *pretok_register(fts5_api *api);

/* Start the second thread (an import begins). 0, or -1 when no thread
 * can be had: then nothing is made ahead. */
int pretok_start(struct pretok *pt);

/*
 * Tokenize the texts of a batch on the second thread: len bytes of
 * NUL-terminated strings, in the order they will be inserted. The bytes
 * must stay as they are until pretok_arm() has returned and the batch is
 * disarmed. Returns 1 if the batch was taken, 0 if not (the thread is not
 * started, no index has been opened through the wrapper yet, or a batch
 * is already out): then the texts are tokenized as usual.
 */
int pretok_submit(struct pretok *pt, const char *texts, size_t len);

/* Wait for the batch submitted, and have the wrapper replay its words
 * while its rows are inserted. */
void pretok_arm(struct pretok *pt);

/* The batch's rows are in: forget its words. */
void pretok_disarm(struct pretok *pt);

/* How many texts were given words made ahead since the wrapper was made
 * (for the tests: a pipeline that never matched would be correct but
 * useless). */
size_t pretok_replayed(const struct pretok *pt);

/* Wait for the thread, stop it, forget the batch (the end of an import,
 * or its failure). */
void pretok_stop(struct pretok *pt);

#endif
