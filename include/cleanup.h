#ifndef RECTRACK_CLEANUP_H
#define RECTRACK_CLEANUP_H

/*
 * Files to remove if the process is ended by SIGINT, SIGTERM, SIGHUP or
 * SIGPIPE (a reader that went away) before they are finished: an output
 * file's temporary copy, a database this run created and nobody else has
 * written. The handler unlinks every registered path (async-signal-safe),
 * then dies of the same signal, so the caller's shell sees the usual
 * status (130 for ^C).
 *
 * cleanup_init() installs the handlers (main.c, once); a signal the
 * caller ignores stays ignored. cleanup_add() registers a path (copied)
 * and returns a slot, or -1 when all CLEANUP_SLOTS are taken (the file is
 * then simply not cleaned up on a signal); cleanup_del() forgets a slot
 * (-1 is a no-op) without touching the file. Registration blocks the
 * signals while it changes the table.
 */
#include <signal.h>

#define CLEANUP_SLOTS 16

void cleanup_init(void);
int cleanup_add(const char *path);
void cleanup_del(int slot);

/* Hold off those signals (saving the old mask in *old), and let them
 * through again: around a step that must not be cut in two, such as
 * creating a file and registering it, or a COMMIT and forgetting what a
 * signal would have removed. */
void cleanup_block(sigset_t *old);
void cleanup_unblock(const sigset_t *old);

#endif
