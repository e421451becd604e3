#include "cleanup.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "xmalloc.h"

static const int signals[] = { SIGINT, SIGTERM, SIGHUP, SIGPIPE };

/* Written only with the signals blocked; the handler reads them. */
static char *volatile paths[CLEANUP_SLOTS];

static void
on_signal(int sig)
{
	int i;

	for (i = 0; i < CLEANUP_SLOTS; i++)
		if (paths[i] != NULL)
			unlink(paths[i]);
	signal(sig, SIG_DFL);
	raise(sig);
}

void
cleanup_block(sigset_t *old)
{
	sigset_t set;
	size_t i;

	sigemptyset(&set);
	for (i = 0; i < sizeof signals / sizeof signals[0]; i++)
		sigaddset(&set, signals[i]);
	sigprocmask(SIG_BLOCK, &set, old);
}

void
cleanup_init(void)
{
	struct sigaction sa;
	size_t i;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < sizeof signals / sizeof signals[0]; i++)
		sigaddset(&sa.sa_mask, signals[i]);
	for (i = 0; i < sizeof signals / sizeof signals[0]; i++) {
		struct sigaction old;

		/* a signal the caller ignores (nohup, a background job of a
		 * non-interactive shell) stays ignored */
		if (sigaction(signals[i], NULL, &old) == 0 &&
		    old.sa_handler == SIG_IGN)
			continue;
		sigaction(signals[i], &sa, NULL);
	}
}

int
cleanup_add(const char *path)
{
	sigset_t old;
	char *copy = xstrdup(path);
	int i;

	cleanup_block(&old);
	for (i = 0; i < CLEANUP_SLOTS; i++)
		if (paths[i] == NULL) {
			paths[i] = copy;
			break;
		}
	cleanup_unblock(&old);
	if (i == CLEANUP_SLOTS) {
		free(copy);
		return -1;
	}
	return i;
}

void
cleanup_del(int slot)
{
	sigset_t old;
	char *p;

	if (slot < 0 || slot >= CLEANUP_SLOTS)
		return;
	cleanup_block(&old);
	p = paths[slot];
	paths[slot] = NULL;
	cleanup_unblock(&old);
	free(p);
}

void
cleanup_unblock(const sigset_t *old)
{
	sigprocmask(SIG_SETMASK, old, NULL);
}
