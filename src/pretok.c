#include "pretok.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "xmalloc.h"

/*
 * The wrapper of one connection: the real "porter" it stands for, and the
 * words of a batch, text after text: for each text the length of its
 * block, then each word as varint(length + 1), varint(zigzag(start - end
 * of the previous word)), varint(end - start), its flags byte and its
 * bytes. Offsets stay small, so a word costs a few bytes over its own.
 */
struct pretok {
	fts5_tokenizer real;
	void *ud;

	/* the thread's instance, made beside the first wrapper instance,
	 * with the same arguments */
	Fts5Tokenizer *inst;
	char *args;

	pthread_t thread;
	int started;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	int job, quit;			/* under mu */

	const char *texts;		/* the batch submitted */
	size_t len;
	struct buf words;
	int failed;

	/* replaying the armed batch: the next text, its length, the end of
	 * the batch, and where its words start */
	int armed;
	const char *next, *end;
	size_t nextlen;
	const unsigned char *wp;
	size_t replayed;
};

/* A wrapper instance: a real instance, the arguments it was made with,
 * joined by '\001', and its connection's wrapper. */
struct wrap {
	fts5_tokenizer real;
	Fts5Tokenizer *inst;
	char *args;
	struct pretok *pt;
};

static char *
join_args(const char **az, int n)
{
	struct buf b = BUF_INIT;
	int i;

	for (i = 0; i < n; i++) {
		if (i)
			buf_addc(&b, '\001');
		buf_adds(&b, az[i]);
	}
	return buf_detach(&b);
}

static void
put_varint(struct buf *b, unsigned long long v)
{
	unsigned char tmp[10];
	size_t n = 0;

	do {
		tmp[n++] = (unsigned char)((v & 0x7f) | (v > 0x7f ? 0x80 : 0));
		v >>= 7;
	} while (v);
	buf_add(b, tmp, n);
}

static unsigned long long
get_varint(const unsigned char **p)
{
	unsigned long long v = 0;
	int shift = 0;

	for (;;) {
		unsigned char c = *(*p)++;

		v |= (unsigned long long)(c & 0x7f) << shift;
		if (!(c & 0x80))
			return v;
		shift += 7;
	}
}

/* What the thread's tokenizer says of one text: appended to words. */
struct collect {
	struct buf *out;
	int prev_end;
};

static int
collect(void *ctx, int tflags, const char *tok, int ntok, int start, int end)
{
	struct collect *c = ctx;
	long long d = (long long)start - c->prev_end;

	put_varint(c->out, (unsigned long long)ntok + 1);
	put_varint(c->out, d < 0 ? ((unsigned long long)(-d) << 1) - 1 :
	    (unsigned long long)d << 1);
	put_varint(c->out, (unsigned long long)(end - start));
	buf_addc(c->out, (char)tflags);
	buf_add(c->out, tok, (size_t)ntok);
	c->prev_end = end;
	return SQLITE_OK;
}

/* The thread's part: the words of every text of the batch. */
static void
make_words(struct pretok *pt)
{
	struct buf one = BUF_INIT;
	const char *s = pt->texts, *end = pt->texts + pt->len;

	buf_reset(&pt->words);
	pt->failed = 0;
	while (s < end) {
		size_t n = strlen(s);
		struct collect c = { &one, 0 };

		buf_reset(&one);
		if (n > 0 && pt->real.xTokenize(pt->inst, &c,
		    FTS5_TOKENIZE_DOCUMENT, s, (int)n, collect) != SQLITE_OK) {
			pt->failed = 1;
			break;
		}
		put_varint(&pt->words, one.len);
		buf_add(&pt->words, one.s, one.len);
		s += n + 1;
	}
	buf_release(&one);
}

static void *
worker(void *arg)
{
	struct pretok *pt = arg;

	pthread_mutex_lock(&pt->mu);
	for (;;) {
		while (!pt->job && !pt->quit)
			pthread_cond_wait(&pt->cv, &pt->mu);
		if (pt->quit)
			break;
		pthread_mutex_unlock(&pt->mu);
		make_words(pt);
		pthread_mutex_lock(&pt->mu);
		pt->job = 0;
		pthread_cond_broadcast(&pt->cv);
	}
	pthread_mutex_unlock(&pt->mu);
	return NULL;
}

static void
wait_job(struct pretok *pt)
{
	pthread_mutex_lock(&pt->mu);
	while (pt->job)
		pthread_cond_wait(&pt->cv, &pt->mu);
	pthread_mutex_unlock(&pt->mu);
}

/* The next text of the armed batch, or none. */
static void
advance(struct pretok *pt, const char *s)
{
	pt->next = s;
	if (s >= pt->end) {
		pt->armed = 0;
		return;
	}
	pt->nextlen = strlen(s);
}

/* Hand FTS5 the words made ahead for the next text. */
static int
replay(struct pretok *pt, void *ctx,
    int (*xToken)(void *, int, const char *, int, int, int))
{
	const unsigned char *p = pt->wp, *end;
	size_t block = get_varint(&p);
	int prev_end = 0, rc = SQLITE_OK;

	end = p + block;
	while (rc == SQLITE_OK && p < end) {
		unsigned long long n = get_varint(&p) - 1;
		unsigned long long z = get_varint(&p);
		int start = prev_end + (int)(z & 1 ? -(long long)((z + 1) >> 1) :
		    (long long)(z >> 1));
		int len = (int)get_varint(&p);
		int tflags = *p++;

		rc = xToken(ctx, tflags, (const char *)p, (int)n, start,
		    start + len);
		p += n;
		prev_end = start + len;
	}
	pt->wp = end;
	pt->replayed++;
	advance(pt, pt->next + pt->nextlen + 1);
	return rc;
}

static int
wrap_create(void *ctx, const char **az, int n, Fts5Tokenizer **out)
{
	struct pretok *pt = ctx;
	struct wrap *w = xcalloc(1, sizeof *w);
	int rc;

	w->real = pt->real;
	w->pt = pt;
	rc = pt->real.xCreate(pt->ud, az, n, &w->inst);
	if (rc != SQLITE_OK) {
		free(w);
		return rc;
	}
	w->args = join_args(az, n);
	if (pt->inst == NULL && pt->real.xCreate(pt->ud, az, n, &pt->inst) ==
	    SQLITE_OK)
		pt->args = xstrdup(w->args);
	*out = (Fts5Tokenizer *)w;
	return SQLITE_OK;
}

static void
wrap_delete(Fts5Tokenizer *tok)
{
	struct wrap *w = (struct wrap *)tok;

	w->real.xDelete(w->inst);
	free(w->args);
	free(w);
}

static int
wrap_tokenize(Fts5Tokenizer *tok, void *ctx, int flags, const char *text,
    int n, int (*xToken)(void *, int, const char *, int, int, int))
{
	struct wrap *w = (struct wrap *)tok;
	struct pretok *pt = w->pt;

	if (pt->armed && (flags & FTS5_TOKENIZE_DOCUMENT) && n > 0 &&
	    (size_t)n == pt->nextlen && memcmp(text, pt->next, (size_t)n) == 0 &&
	    strcmp(w->args, pt->args) == 0)
		return replay(pt, ctx, xToken);
	return w->real.xTokenize(w->inst, ctx, flags, text, n, xToken);
}

/* The connection closes: what was made from its tokenizer goes with it. */
static void
pretok_destroy(void *p)
{
	struct pretok *pt = p;

	pretok_stop(pt);
	buf_release(&pt->words);
	if (pt->inst != NULL)
		pt->real.xDelete(pt->inst);
	free(pt->args);
	pthread_mutex_destroy(&pt->mu);
	pthread_cond_destroy(&pt->cv);
	free(pt);
}

struct pretok *
pretok_register(fts5_api *api)
{
	static fts5_tokenizer methods = {
		wrap_create, wrap_delete, wrap_tokenize,
	};
	struct pretok *pt;

	if (api == NULL || api->iVersion < 2)
		return NULL;
	pt = xcalloc(1, sizeof *pt);
	pt->words = (struct buf)BUF_INIT;
	if (api->xFindTokenizer(api, "porter", &pt->ud, &pt->real) !=
	    SQLITE_OK) {
		free(pt);
		return NULL;
	}
	pthread_mutex_init(&pt->mu, NULL);
	pthread_cond_init(&pt->cv, NULL);
	if (api->xCreateTokenizer(api, "porter", pt, &methods,
	    pretok_destroy) != SQLITE_OK) {
		pretok_destroy(pt);
		return NULL;
	}
	return pt;
}

int
pretok_start(struct pretok *pt)
{
	if (pt == NULL)
		return -1;
	if (!pt->started) {
		if (pthread_create(&pt->thread, NULL, worker, pt) != 0)
			return -1;
		pt->started = 1;
	}
	return 0;
}

int
pretok_submit(struct pretok *pt, const char *texts, size_t len)
{
	if (pt == NULL || !pt->started || pt->inst == NULL ||
	    pt->texts != NULL)
		return 0;	/* one batch at a time, until disarmed */
	pthread_mutex_lock(&pt->mu);
	pt->texts = texts;
	pt->len = len;
	pt->job = 1;
	pthread_cond_broadcast(&pt->cv);
	pthread_mutex_unlock(&pt->mu);
	return 1;
}

void
pretok_arm(struct pretok *pt)
{
	if (pt == NULL || pt->texts == NULL)
		return;
	wait_job(pt);
	if (pt->failed)
		return;
	pt->armed = 1;
	pt->end = pt->texts + pt->len;
	pt->wp = (const unsigned char *)pt->words.s;
	advance(pt, pt->texts);
}

void
pretok_disarm(struct pretok *pt)
{
	if (pt == NULL)
		return;
	pt->armed = 0;
	pt->texts = NULL;
	pt->len = 0;
}

size_t
pretok_replayed(const struct pretok *pt)
{
	return pt == NULL ? 0 : pt->replayed;
}

void
pretok_stop(struct pretok *pt)
{
	if (pt == NULL)
		return;
	if (pt->started) {
		pthread_mutex_lock(&pt->mu);
		while (pt->job)
			pthread_cond_wait(&pt->cv, &pt->mu);
		pt->quit = 1;
		pthread_cond_broadcast(&pt->cv);
		pthread_mutex_unlock(&pt->mu);
		pthread_join(pt->thread, NULL);
		pt->started = 0;
		pt->quit = 0;
	}
	pretok_disarm(pt);
	buf_release(&pt->words);
}
